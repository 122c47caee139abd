// The storage service over real HTTP on 127.0.0.1 (port 0), with requests signed here by SigV4
// and sent through a raw socket so odd paths reach the server byte for byte: buckets, objects
// with metadata, ranges and conditions, copy, listings, multipart, aws-chunked bodies (signed
// and with checksum trailers), digests, S3's error XML, keys that try to leave the store,
// objects surviving a restart, and parts committed and on disk when they are acknowledged. Everything runs in the test's thread.
#include "storage/payload_checksum.h"
#include "storage/sigv4.h"
#include "storage/storage_service.h"

#include "../http/http_test_client.h"

#include "core/metrics.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace homeport;
using namespace homeport::storage;
using homeport::http::test::ParsedResponse;
using homeport::http::test::TestClient;
using homeport::http::test::waitUntil;

namespace {

const QByteArray kAccessKey = "HPTESTACCESSKEY00001";
const QByteArray kSecret = "test-secret-key-0123456789abcdefghijklmn";

QByteArray errorCode(const ParsedResponse &r)
{
    static const QRegularExpression code(QStringLiteral("<Code>([^<]*)</Code>"));
    return code.match(QString::fromUtf8(r.body)).captured(1).toUtf8();
}

QByteArray md5Base64(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Md5).toBase64();
}

} // namespace

class TstStorageService : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_parent; // the data dir lives inside, so escapes would show here
    QString m_dataDir;
    core::Metrics m_metrics;
    std::unique_ptr<StorageService> m_service;
    quint16 m_port = 0;

    void startService(const QVariantMap &settings = {})
    {
        m_service = std::make_unique<StorageService>();
        core::ServiceContext context;
        context.name = QStringLiteral("storage");
        context.dataDir = m_dataDir;
        context.bindAddress = QHostAddress::LocalHost;
        context.port = 0;
        context.secrets = {{"access_key", QString::fromLatin1(kAccessKey)}, {"secret_key", QString::fromLatin1(kSecret)}};
        context.metrics = &m_metrics;
        context.settings = settings;
        const core::StartResult started = m_service->start(context);
        QVERIFY2(started.ok, qPrintable(started.error));
        m_port = started.port;
    }

    QByteArray host() const { return "127.0.0.1:" + QByteArray::number(m_port); }

    // Sends one signed request. payloadHash: empty = SHA-256 of body; extra headers are signed too.
    ParsedResponse s3(const QByteArray &method, const QByteArray &target, const QByteArray &body = {},
                      http::HeaderList extra = {}, QByteArray payloadHash = {}, const QByteArray &secret = kSecret,
                      const QByteArray &rawBody = {}, const QByteArray &hostHeader = {})
    {
        return raw(s3Request(method, target, body, extra, payloadHash, secret, rawBody, hostHeader), method == "HEAD");
    }

    // The bytes of what s3() sends, for a caller that sends them itself.
    QByteArray s3Request(const QByteArray &method, const QByteArray &target, const QByteArray &body = {},
                         http::HeaderList extra = {}, QByteArray payloadHash = {}, const QByteArray &secret = kSecret,
                         const QByteArray &rawBody = {}, const QByteArray &hostHeader = {})
    {
        const qsizetype q = target.indexOf('?');
        const QByteArray amzDate = sigv4::formatAmzDate(QDateTime::currentDateTimeUtc());
        if (payloadHash.isEmpty())
            payloadHash = sigv4::sha256Hex(body);
        const QByteArray wire = rawBody.isNull() ? body : rawBody;
        http::HeaderList headers = {{"Host", hostHeader.isEmpty() ? host() : hostHeader}, {"x-amz-date", amzDate}, {"x-amz-content-sha256", payloadHash}};
        headers += extra;
        QByteArrayList names;
        for (const auto &[n, v] : headers)
            names.append(n.toLower());
        std::sort(names.begin(), names.end());
        names.erase(std::unique(names.begin(), names.end()), names.end());
        const SignedRequest request{method, q < 0 ? target : target.left(q), q < 0 ? QByteArray() : target.mid(q + 1), headers};
        const QByteArray authorization = sigv4::authorization(request, names, payloadHash, kAccessKey, secret, amzDate, "us-east-1");
        QByteArray text = method + ' ' + target + " HTTP/1.1\r\n";
        for (const auto &[n, v] : headers)
            text += n + ": " + v + "\r\n";
        text += "Authorization: " + authorization + "\r\nContent-Length: " + QByteArray::number(wire.size()) + "\r\n\r\n" + wire;
        return text;
    }

    // The head of a signed UNSIGNED-PAYLOAD request whose body the caller sends itself.
    QByteArray signedHead(const QByteArray &method, const QByteArray &path, qint64 contentLength)
    {
        const QByteArray amzDate = sigv4::formatAmzDate(QDateTime::currentDateTimeUtc());
        const http::HeaderList headers = {{"Host", host()}, {"x-amz-date", amzDate}, {"x-amz-content-sha256", "UNSIGNED-PAYLOAD"}};
        const SignedRequest request{method, path, {}, headers};
        const QByteArray authorization = sigv4::authorization(request, {"host", "x-amz-content-sha256", "x-amz-date"}, "UNSIGNED-PAYLOAD",
                                                              kAccessKey, kSecret, amzDate, "us-east-1");
        QByteArray text = method + ' ' + path + " HTTP/1.1\r\n";
        for (const auto &[n, v] : headers)
            text += n + ": " + v + "\r\n";
        return text + "Authorization: " + authorization + "\r\nContent-Length: " + QByteArray::number(contentLength) + "\r\n\r\n";
    }

    ParsedResponse raw(const QByteArray &text, bool head = false)
    {
        TestClient client(m_port);
        client.send(text);
        const auto r = client.readResponse(head, 20000);
        if (!r)
            return {};
        return *r;
    }

    // An aws-chunked body with chunk signatures chained from the request's seed signature.
    QByteArray signedChunks(const QByteArrayList &chunks, const QByteArray &amzDate, const QByteArray &seed)
    {
        const QByteArray key = sigv4::signingKey(kSecret, amzDate.left(8), "us-east-1", "s3");
        const QByteArray scope = amzDate.left(8) + "/us-east-1/s3/aws4_request";
        QByteArray previous = seed, out;
        QByteArrayList all = chunks;
        all.append(QByteArray());
        for (const QByteArray &c : all) {
            previous = sigv4::chunkSignature(key, amzDate, scope, previous, sigv4::sha256Hex(c));
            out += QByteArray::number(c.size(), 16) + ";chunk-signature=" + previous + "\r\n" + c + "\r\n";
        }
        return out;
    }

private slots:
    void init()
    {
        m_parent = std::make_unique<QTemporaryDir>();
        m_dataDir = QDir(m_parent->path()).filePath(QStringLiteral("storage"));
        startService();
    }

    void cleanup()
    {
        m_service->stop();
        m_service.reset();
        m_parent.reset();
    }

    void bucketLifecycle()
    {
        ParsedResponse r = s3("GET", "/");
        QCOMPARE(r.status, 200);
        QVERIFY(r.body.contains("<Name>homeport</Name>")); // made at first start for --print-env
        QCOMPARE(r.header("Content-Type"), QByteArray("application/xml"));
        QVERIFY(!r.header("x-amz-request-id").isEmpty());

        QCOMPARE(s3("PUT", "/photos").status, 200);
        r = s3("PUT", "/photos");
        QCOMPARE(r.status, 409);
        QCOMPARE(errorCode(r), QByteArray("BucketAlreadyOwnedByYou"));
        for (const QByteArray name : {"Bad_Name", "ab", "-abc", "abc-", "a..b", "192.168.1.1", "xn--abc"}) {
            r = s3("PUT", "/" + name);
            QCOMPARE(r.status, 400);
            QCOMPARE(errorCode(r), QByteArray("InvalidBucketName"));
        }
        QCOMPARE(s3("HEAD", "/photos").status, 200);
        r = s3("HEAD", "/nothing-here");
        QCOMPARE(r.status, 404);
        QVERIFY(r.body.isEmpty());
        r = s3("GET", "/photos?location");
        QCOMPARE(r.status, 200);
        QVERIFY(r.body.contains("<LocationConstraint"));
        r = s3("GET", "/photos?versioning");
        QVERIFY(r.body.contains("<VersioningConfiguration"));
        QVERIFY(!r.body.contains("<Status>"));
        r = s3("GET", "/nothing-here?list-type=2");
        QCOMPARE(r.status, 404);
        QCOMPARE(errorCode(r), QByteArray("NoSuchBucket"));
        QVERIFY(r.body.contains("<Resource>/nothing-here</Resource>"));
        QVERIFY(r.body.contains("<RequestId>" + r.header("x-amz-request-id") + "</RequestId>"));

        QCOMPARE(s3("PUT", "/photos/a.txt", "x").status, 200);
        r = s3("DELETE", "/photos");
        QCOMPARE(r.status, 409);
        QCOMPARE(errorCode(r), QByteArray("BucketNotEmpty"));
        QCOMPARE(s3("DELETE", "/photos/a.txt").status, 204);
        QCOMPARE(s3("DELETE", "/photos").status, 204);
        QCOMPARE(s3("HEAD", "/photos").status, 404);
    }

    void putGetHeadWithMetadataRangesAndConditions()
    {
        QCOMPARE(s3("PUT", "/bkt-b1").status, 200);
        const QByteArray data = "0123456789abcdefghij";
        ParsedResponse r = s3("PUT", "/bkt-b1/doc.txt", data,
                              {{"Content-Type", "text/plain"}, {"Cache-Control", "max-age=60"},
                               {"Content-Disposition", "attachment; filename=\"doc.txt\""}, {"x-amz-meta-Owner", "Ann"},
                               {"Content-MD5", md5Base64(data)}});
        QCOMPARE(r.status, 200);
        const QByteArray etag = '"' + QCryptographicHash::hash(data, QCryptographicHash::Md5).toHex() + '"';
        QCOMPARE(r.header("ETag"), etag);

        r = s3("GET", "/bkt-b1/doc.txt");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, data);
        QCOMPARE(r.header("Content-Type"), QByteArray("text/plain"));
        QCOMPARE(r.header("Cache-Control"), QByteArray("max-age=60"));
        QCOMPARE(r.header("Content-Disposition"), QByteArray("attachment; filename=\"doc.txt\""));
        QCOMPARE(r.header("x-amz-meta-owner"), QByteArray("Ann"));
        QCOMPARE(r.header("ETag"), etag);
        QCOMPARE(r.header("Accept-Ranges"), QByteArray("bytes"));
        const QByteArray lastModified = r.header("Last-Modified");
        QVERIFY(lastModified.endsWith(" GMT"));

        r = s3("HEAD", "/bkt-b1/doc.txt");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("Content-Length"), QByteArray("20"));
        QVERIFY(r.body.isEmpty());

        r = s3("GET", "/bkt-b1/doc.txt", {}, {{"Range", "bytes=2-5"}});
        QCOMPARE(r.status, 206);
        QCOMPARE(r.body, QByteArray("2345"));
        QCOMPARE(r.header("Content-Range"), QByteArray("bytes 2-5/20"));
        r = s3("GET", "/bkt-b1/doc.txt", {}, {{"Range", "bytes=-3"}});
        QCOMPARE(r.body, QByteArray("hij"));
        r = s3("GET", "/bkt-b1/doc.txt", {}, {{"Range", "bytes=15-"}});
        QCOMPARE(r.body, QByteArray("fghij"));
        r = s3("GET", "/bkt-b1/doc.txt", {}, {{"Range", "bytes=18-100"}});
        QCOMPARE(r.body, QByteArray("ij"));
        r = s3("GET", "/bkt-b1/doc.txt", {}, {{"Range", "bytes=20-"}});
        QCOMPARE(r.status, 416);
        QCOMPARE(errorCode(r), QByteArray("InvalidRange"));

        QCOMPARE(s3("GET", "/bkt-b1/doc.txt", {}, {{"If-None-Match", etag}}).status, 304);
        QCOMPARE(s3("GET", "/bkt-b1/doc.txt", {}, {{"If-Match", "\"other\""}}).status, 412);
        QCOMPARE(s3("GET", "/bkt-b1/doc.txt", {}, {{"If-Match", etag}}).status, 200);
        QCOMPARE(s3("GET", "/bkt-b1/doc.txt", {}, {{"If-Modified-Since", lastModified}}).status, 304);
        QCOMPARE(s3("GET", "/bkt-b1/doc.txt", {}, {{"If-Unmodified-Since", "Sat, 01 Jan 2000 00:00:00 GMT"}}).status, 412);

        r = s3("GET", "/bkt-b1/doc.txt?response-content-type=application%2Fjson&response-cache-control=no-store");
        QCOMPARE(r.header("Content-Type"), QByteArray("application/json"));
        QCOMPARE(r.header("Cache-Control"), QByteArray("no-store"));

        // Copy keeps metadata (COPY) or takes the request's (REPLACE); a self-copy needs REPLACE.
        r = s3("PUT", "/bkt-b1/copy.txt", {}, {{"x-amz-copy-source", "/bkt-b1/doc.txt"}});
        QCOMPARE(r.status, 200);
        QVERIFY(r.body.contains("<CopyObjectResult"));
        r = s3("GET", "/bkt-b1/copy.txt");
        QCOMPARE(r.body, data);
        QCOMPARE(r.header("x-amz-meta-owner"), QByteArray("Ann"));
        r = s3("PUT", "/bkt-b1/copy.txt", {}, {{"x-amz-copy-source", "bkt-b1/copy.txt"}});
        QCOMPARE(errorCode(r), QByteArray("InvalidRequest"));
        r = s3("PUT", "/bkt-b1/copy.txt", {}, {{"x-amz-copy-source", "bkt-b1/copy.txt"}, {"x-amz-metadata-directive", "REPLACE"},
                                             {"x-amz-meta-owner", "Bob"}, {"Content-Type", "text/csv"}});
        QCOMPARE(r.status, 200);
        r = s3("HEAD", "/bkt-b1/copy.txt");
        QCOMPARE(r.header("x-amz-meta-owner"), QByteArray("Bob"));
        QCOMPARE(r.header("Content-Type"), QByteArray("text/csv"));
        QCOMPARE(errorCode(s3("PUT", "/bkt-b1/c2", {}, {{"x-amz-copy-source", "bkt-b1/missing"}})), QByteArray("NoSuchKey"));

        r = s3("GET", "/bkt-b1/missing.txt");
        QCOMPARE(r.status, 404);
        QCOMPARE(errorCode(r), QByteArray("NoSuchKey"));
        QCOMPARE(s3("DELETE", "/bkt-b1/missing.txt").status, 204); // idempotent
        QCOMPARE(s3("DELETE", "/bkt-b1/doc.txt").status, 204);
        QCOMPARE(s3("GET", "/bkt-b1/doc.txt").status, 404);
    }

    void digestsAndSignedPayloads()
    {
        QCOMPARE(s3("PUT", "/bkt-b2").status, 200);
        ParsedResponse r = s3("PUT", "/bkt-b2/k", "hello", {{"Content-MD5", md5Base64("other")}});
        QCOMPARE(r.status, 400);
        QCOMPARE(errorCode(r), QByteArray("BadDigest"));
        r = s3("PUT", "/bkt-b2/k", "hello", {{"Content-MD5", "not-md5"}});
        QCOMPARE(errorCode(r), QByteArray("InvalidDigest"));
        PayloadChecksum crc(PayloadChecksum::Algorithm::Crc32);
        crc.addData("hello", 5);
        r = s3("PUT", "/bkt-b2/k", "hello", {{"x-amz-checksum-crc32", crc.base64Result()}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("x-amz-checksum-crc32"), crc.base64Result());
        r = s3("PUT", "/bkt-b2/k", "hellO", {{"x-amz-checksum-crc32", crc.base64Result()}});
        QCOMPARE(errorCode(r), QByteArray("BadDigest"));
        // The signed payload hash must match the body.
        r = s3("PUT", "/bkt-b2/k", "hello", {}, sigv4::sha256Hex("other"));
        QCOMPARE(r.status, 400);
        QCOMPARE(errorCode(r), QByteArray("XAmzContentSHA256Mismatch"));
        QCOMPARE(s3("GET", "/bkt-b2/k").body, QByteArray("hello")); // failed writes changed nothing

        // STREAMING-UNSIGNED-PAYLOAD-TRAILER, as current AWS SDKs send streams.
        const QByteArray text = "streamed with a trailer";
        PayloadChecksum crc32c(PayloadChecksum::Algorithm::Crc32c);
        crc32c.addData(text.constData(), text.size());
        const QByteArray trailerBody = "a\r\n" + text.left(10) + "\r\n" + QByteArray::number(text.size() - 10, 16) + "\r\n"
            + text.mid(10) + "\r\n0\r\nx-amz-checksum-crc32c:" + crc32c.base64Result() + "\r\n\r\n";
        const http::HeaderList trailerHeaders = {{"Content-Encoding", "aws-chunked"}, {"x-amz-trailer", "x-amz-checksum-crc32c"},
                                                 {"x-amz-decoded-content-length", QByteArray::number(text.size())}};
        r = s3("PUT", "/bkt-b2/trailer", {}, trailerHeaders, "STREAMING-UNSIGNED-PAYLOAD-TRAILER", kSecret, trailerBody);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("x-amz-checksum-crc32c"), crc32c.base64Result());
        r = s3("GET", "/bkt-b2/trailer");
        QCOMPARE(r.body, text);
        QVERIFY(!r.hasHeader("Content-Encoding")); // aws-chunked described the upload only
        QByteArray badTrailer = trailerBody;
        badTrailer.replace(crc32c.base64Result(), "AAAAAA==");
        r = s3("PUT", "/bkt-b2/trailer", {}, trailerHeaders, "STREAMING-UNSIGNED-PAYLOAD-TRAILER", kSecret, badTrailer);
        QCOMPARE(errorCode(r), QByteArray("BadDigest"));

        // STREAMING-AWS4-HMAC-SHA256-PAYLOAD with chunk signatures chained from the seed.
        const QByteArray amzDate = sigv4::formatAmzDate(QDateTime::currentDateTimeUtc());
        const QByteArrayList chunks = {QByteArray(70000, 'x'), QByteArray(123, 'y')};
        const QByteArray payloadHash = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
        const http::HeaderList headers = {{"Host", host()}, {"x-amz-date", amzDate}, {"x-amz-content-sha256", payloadHash},
                                          {"Content-Encoding", "aws-chunked"}, {"x-amz-decoded-content-length", "70123"}};
        const SignedRequest request{"PUT", "/bkt-b2/chunked", {}, headers};
        const QByteArrayList names = {"content-encoding", "host", "x-amz-content-sha256", "x-amz-date", "x-amz-decoded-content-length"};
        const QByteArray authorization = sigv4::authorization(request, names, payloadHash, kAccessKey, kSecret, amzDate, "us-east-1");
        const QByteArray seed = authorization.mid(authorization.indexOf("Signature=") + 10);
        const auto send = [&](const QByteArray &body) {
            QByteArray text = "PUT /bkt-b2/chunked HTTP/1.1\r\n";
            for (const auto &[n, v] : headers)
                text += n + ": " + v + "\r\n";
            text += "Authorization: " + authorization + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
            return raw(text);
        };
        r = send(signedChunks(chunks, amzDate, seed));
        QCOMPARE(r.status, 200);
        QCOMPARE(s3("GET", "/bkt-b2/chunked").body, chunks[0] + chunks[1]);
        QByteArray tampered = signedChunks(chunks, amzDate, seed);
        tampered[500] = 'z';
        r = send(tampered);
        QCOMPARE(r.status, 403);
        QCOMPARE(errorCode(r), QByteArray("SignatureDoesNotMatch"));
    }

    // Large bodies are hashed on a pool thread, and a body announced at 4 MiB or more
    // (PayloadReceiver::kDirectBytes) is written with O_DIRECT from another, while this thread reads the socket
    // (BodyPipeline); the checks must come out as for small bodies, and the object must come back
    // whole (sent with sendfile), also from a range.
    void largeBodiesHashedBesideTheSocket()
    {
        QCOMPARE(s3("PUT", "/bkt-big").status, 200);
        QByteArray body(24 << 20, Qt::Uninitialized);
        for (qsizetype i = 0; i < body.size(); ++i)
            body[i] = char((quint32(i) * 2654435761u) >> 13);
        PayloadChecksum sha(PayloadChecksum::Algorithm::Sha256);
        sha.addData(body.constData(), body.size());
        // Signed SHA-256 of the payload (the default here), Content-MD5 and a checksum header.
        ParsedResponse r = s3("PUT", "/bkt-big/k", body, {{"Content-MD5", md5Base64(body)}, {"x-amz-checksum-sha256", sha.base64Result()}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("ETag"), '"' + QCryptographicHash::hash(body, QCryptographicHash::Md5).toHex() + '"');
        QCOMPARE(r.header("x-amz-checksum-sha256"), sha.base64Result());
        r = s3("GET", "/bkt-big/k");
        QCOMPARE(r.status, 200);
        QVERIFY(r.body == body);
        r = s3("GET", "/bkt-big/k", {}, {{"Range", "bytes=3000000-20000000"}});
        QCOMPARE(r.status, 206);
        QVERIFY(r.body == body.mid(3000000, 17000001));

        // Each claim wrong in turn, with the bad byte past the part hashed in place.
        QByteArray other = body;
        other[other.size() - 5] = char(other[other.size() - 5] ^ 1);
        r = s3("PUT", "/bkt-big/k", other, {{"Content-MD5", md5Base64(body)}}, "UNSIGNED-PAYLOAD");
        QCOMPARE(errorCode(r), QByteArray("BadDigest"));
        r = s3("PUT", "/bkt-big/k", other, {}, sigv4::sha256Hex(body));
        QCOMPARE(errorCode(r), QByteArray("XAmzContentSHA256Mismatch"));
        r = s3("PUT", "/bkt-big/k", other, {{"x-amz-checksum-sha256", sha.base64Result()}}, "UNSIGNED-PAYLOAD");
        QCOMPARE(errorCode(r), QByteArray("BadDigest"));
        r = s3("HEAD", "/bkt-big/k");
        QCOMPARE(r.header("Content-Length"), QByteArray::number(body.size())); // still the first one
        QVERIFY(waitUntil([&] { return QDir(m_dataDir + QStringLiteral("/tmp")).isEmpty(); })); // refused bodies' files went
    }

    // A client that goes away mid-body while its bytes are being hashed on the pool: the upload's
    // temp file goes, nothing becomes visible, and the service goes on answering.
    void clientGoneMidBodyWhileHashing()
    {
        QCOMPARE(s3("PUT", "/bkt-gone").status, 200);
        const QDir tmp(m_dataDir + QStringLiteral("/tmp"));
        {
            TestClient client(m_port);
            client.send(signedHead("PUT", "/bkt-gone/partial", 64 << 20) + QByteArray(12 << 20, 'g'));
            // The body is going to its file, past the part hashed in place.
            QVERIFY(waitUntil([&] {
                const QFileInfoList files = tmp.entryInfoList(QDir::Files);
                return !files.isEmpty() && files.first().size() > (4 << 20);
            }, 20000));
            client.socket().abort();
        }
        QVERIFY(waitUntil([&] { return tmp.entryList(QDir::Files).isEmpty(); }, 20000));
        QCOMPARE(s3("HEAD", "/bkt-gone/partial").status, 404);
        QCOMPARE(s3("PUT", "/bkt-gone/after", "still here").status, 200);
        QCOMPARE(s3("GET", "/bkt-gone/after").body, QByteArray("still here"));
    }

    void authenticationRefusals()
    {
        ParsedResponse r = s3("GET", "/", {}, {}, {}, "wrong-secret");
        QCOMPARE(r.status, 403);
        QCOMPARE(errorCode(r), QByteArray("SignatureDoesNotMatch"));
        QVERIFY(r.body.contains("<RequestId>"));
        r = raw("GET / HTTP/1.1\r\nHost: " + host() + "\r\n\r\n");
        QCOMPARE(r.status, 403);
        QCOMPARE(errorCode(r), QByteArray("AccessDenied"));

        QCOMPARE(s3("PUT", "/bkt-b3").status, 200);
        QCOMPARE(s3("PUT", "/bkt-b3/shared.txt", "presigned body").status, 200);
        const QByteArray now = sigv4::formatAmzDate(QDateTime::currentDateTimeUtc());
        const QByteArray query = sigv4::presignQuery("GET", "/bkt-b3/shared.txt", host(), kAccessKey, kSecret, now, "us-east-1", 300);
        r = raw("GET /bkt-b3/shared.txt?" + query + " HTTP/1.1\r\nHost: " + host() + "\r\n\r\n");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, QByteArray("presigned body"));
        const QByteArray old = sigv4::formatAmzDate(QDateTime::currentDateTimeUtc().addSecs(-600));
        const QByteArray expired = sigv4::presignQuery("GET", "/bkt-b3/shared.txt", host(), kAccessKey, kSecret, old, "us-east-1", 300);
        r = raw("GET /bkt-b3/shared.txt?" + expired + " HTTP/1.1\r\nHost: " + host() + "\r\n\r\n");
        QCOMPARE(r.status, 403);
        QCOMPARE(errorCode(r), QByteArray("AccessDenied"));
        r = raw("GET /bkt-b3/other.txt?" + query + " HTTP/1.1\r\nHost: " + host() + "\r\n\r\n");
        QCOMPARE(errorCode(r), QByteArray("SignatureDoesNotMatch"));
        // A presigned PUT uploads without any other credentials.
        const QByteArray put = sigv4::presignQuery("PUT", "/bkt-b3/up.txt", host(), kAccessKey, kSecret, now, "us-east-1", 300);
        r = raw("PUT /bkt-b3/up.txt?" + put + " HTTP/1.1\r\nHost: " + host() + "\r\nContent-Length: 3\r\n\r\nabc");
        QCOMPARE(r.status, 200);
        QCOMPARE(s3("GET", "/bkt-b3/up.txt").body, QByteArray("abc"));
    }

    void oddKeysRoundTripAndStayInsideTheStore()
    {
        QCOMPARE(s3("PUT", "/odd").status, 200);
        const QList<QByteArray> keys = {"../../escape.txt", "a//b", "./x/../y", "..", "sp ace+plus%percent",
                                        "ünïcødé/😀.bin", "/leading", "trailing/", QByteArray(1024, 'k')};
        for (const QByteArray &key : keys) {
            const QByteArray path = "/odd/" + sigv4::uriEncode(key, true);
            ParsedResponse r = s3("PUT", path, "body of " + key);
            QVERIFY2(r.status == 200, key.constData());
            r = s3("GET", path);
            QCOMPARE(r.body, "body of " + key);
        }
        ParsedResponse r = s3("PUT", "/odd/" + QByteArray(1025, 'k'), "x");
        QCOMPARE(r.status, 400);
        QCOMPARE(errorCode(r), QByteArray("KeyTooLongError"));

        r = s3("GET", "/odd?list-type=2&encoding-type=url");
        QCOMPARE(r.body.count("<Key>"), keys.size());
        QVERIFY(r.body.contains("<Key>..%2F..%2Fescape.txt</Key>") || r.body.contains("<Key>../../escape.txt</Key>"));
        QVERIFY(r.body.contains("<Key>sp%20ace%2Bplus%25percent</Key>"));

        // Nothing outside the data dir, and inside it only the store's own names.
        QDirIterator outside(m_parent->path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        const QRegularExpression allowed(QStringLiteral("^(objects/[0-9a-f]{2}/[0-9a-f]{32}|storage\\.db(-wal|-shm)?|\\.default-bucket-made)$"));
        int dataFiles = 0;
        while (outside.hasNext()) {
            const QString path = outside.next();
            QVERIFY2(path.startsWith(m_dataDir + u'/'), qPrintable(path));
            const QString relative = QDir(m_dataDir).relativeFilePath(path);
            QVERIFY2(allowed.match(relative).hasMatch(), qPrintable(relative));
            dataFiles += relative.startsWith(QLatin1String("objects/"));
        }
        QCOMPARE(dataFiles, 0); // objects this small live in their database rows
    }

    void listingsWithDelimiterAndPages()
    {
        QCOMPARE(s3("PUT", "/lst").status, 200);
        const QList<QByteArray> keys = {"a.txt", "dir/1", "dir/2", "dir/sub/3", "foo+1/x", "quux ab/y", "z", "é"};
        for (const QByteArray &k : keys)
            QCOMPARE(s3("PUT", "/lst/" + sigv4::uriEncode(k, true), "x").status, 200);

        ParsedResponse r = s3("GET", "/lst?list-type=2&delimiter=%2F&encoding-type=url");
        QVERIFY(r.body.contains("<Key>a.txt</Key>"));
        QVERIFY(r.body.contains("<CommonPrefixes><Prefix>dir/</Prefix></CommonPrefixes>"));
        QVERIFY(r.body.contains("<Prefix>foo%2B1/</Prefix>"));
        QVERIFY(r.body.contains("<Prefix>quux%20ab/</Prefix>"));
        QVERIFY(r.body.contains("<KeyCount>6</KeyCount>"));
        // UTF-8 byte order: "z" (0x7A) before "é" (0xC3 0xA9).
        QVERIFY(r.body.indexOf("<Key>z</Key>") < r.body.indexOf("<Key>%C3%A9</Key>"));

        r = s3("GET", "/lst?list-type=2&prefix=dir%2F&delimiter=%2F");
        QVERIFY(r.body.contains("<Key>dir/1</Key>"));
        QVERIFY(r.body.contains("<Prefix>dir/sub/</Prefix>"));
        QVERIFY(!r.body.contains("<Key>dir/sub/3</Key>"));

        // v2 pages of 3 with continuation tokens walk every key once, in order.
        QByteArrayList seen;
        QByteArray token;
        for (int page = 0; page < 10; ++page) {
            QByteArray target = "/lst?list-type=2&max-keys=3";
            if (!token.isEmpty())
                target += "&continuation-token=" + sigv4::uriEncode(token, false);
            r = s3("GET", target);
            QCOMPARE(r.status, 200);
            static const QRegularExpression keyRe(QStringLiteral("<Key>([^<]*)</Key>"));
            for (auto it = keyRe.globalMatch(QString::fromUtf8(r.body)); it.hasNext();)
                seen.append(it.next().captured(1).toUtf8());
            if (!r.body.contains("<IsTruncated>true</IsTruncated>"))
                break;
            static const QRegularExpression tokenRe(QStringLiteral("<NextContinuationToken>([^<]*)<"));
            token = tokenRe.match(QString::fromUtf8(r.body)).captured(1).toUtf8();
            QVERIFY(!token.isEmpty());
        }
        QCOMPARE(seen, QByteArrayList(keys.begin(), keys.end()));

        // v1 with marker, and start-after.
        r = s3("GET", "/lst?marker=dir%2F2&max-keys=2");
        QVERIFY(r.body.contains("<Key>dir/sub/3</Key><") || r.body.contains("<Key>dir/sub/3</Key>"));
        QVERIFY(r.body.contains("<Key>foo+1/x</Key>"));
        QVERIFY(r.body.contains("<IsTruncated>true</IsTruncated>"));
        QVERIFY(r.body.contains("<NextMarker>foo+1/x</NextMarker>"));
        r = s3("GET", "/lst?list-type=2&start-after=quux%20ab%2Fy");
        QCOMPARE(r.body.count("<Key>"), 2);

        // DeleteObjects, verbose and quiet.
        const QByteArray del = "<Delete><Object><Key>a.txt</Key></Object><Object><Key>nope</Key></Object></Delete>";
        r = s3("POST", "/lst?delete", del, {{"Content-MD5", md5Base64(del)}});
        QCOMPARE(r.status, 200);
        QVERIFY(r.body.contains("<Deleted><Key>a.txt</Key></Deleted>"));
        QVERIFY(r.body.contains("<Deleted><Key>nope</Key></Deleted>"));
        const QByteArray quiet = "<Delete><Quiet>true</Quiet><Object><Key>z</Key></Object></Delete>";
        r = s3("POST", "/lst?delete", quiet);
        QVERIFY(!r.body.contains("<Deleted>"));
        QCOMPARE(s3("GET", "/lst/z").status, 404);
    }

    void multipartUploads()
    {
        QCOMPARE(s3("PUT", "/bkt-mp").status, 200);
        ParsedResponse r = s3("POST", "/bkt-mp/big.bin?uploads", {}, {{"Content-Type", "application/x-test"}, {"x-amz-meta-kind", "big"}});
        QCOMPARE(r.status, 200);
        static const QRegularExpression idRe(QStringLiteral("<UploadId>([^<]*)</UploadId>"));
        const QByteArray id = idRe.match(QString::fromUtf8(r.body)).captured(1).toUtf8();
        QVERIFY(!id.isEmpty());

        const QByteArray part1(5 << 20, 'p'), part2 = "tail";
        r = s3("PUT", "/bkt-mp/big.bin?partNumber=1&uploadId=" + id, part1, {}, "UNSIGNED-PAYLOAD");
        QCOMPARE(r.status, 200);
        const QByteArray etag1 = r.header("ETag");
        r = s3("PUT", "/bkt-mp/big.bin?partNumber=2&uploadId=" + id, part2);
        const QByteArray etag2 = r.header("ETag");
        QCOMPARE(etag2, '"' + QCryptographicHash::hash(part2, QCryptographicHash::Md5).toHex() + '"');
        QCOMPARE(errorCode(s3("PUT", "/bkt-mp/big.bin?partNumber=10001&uploadId=" + id, part2)), QByteArray("InvalidArgument"));

        r = s3("GET", "/bkt-mp/big.bin?uploadId=" + id);
        QVERIFY(r.body.contains("<PartNumber>1</PartNumber>"));
        QVERIFY(r.body.contains("<Size>4</Size>"));
        r = s3("GET", "/bkt-mp?uploads");
        QVERIFY(r.body.contains("<UploadId>" + id + "</UploadId>"));

        const auto complete = [](const QList<QPair<int, QByteArray>> &parts) {
            QByteArray x = "<CompleteMultipartUpload>";
            for (const auto &[n, e] : parts)
                x += "<Part><PartNumber>" + QByteArray::number(n) + "</PartNumber><ETag>" + e + "</ETag></Part>";
            return x + "</CompleteMultipartUpload>";
        };
        r = s3("POST", "/bkt-mp/big.bin?uploadId=" + id, complete({{2, etag2}, {1, etag1}}));
        QCOMPARE(errorCode(r), QByteArray("InvalidPartOrder"));
        r = s3("POST", "/bkt-mp/big.bin?uploadId=" + id, complete({{1, etag1}, {2, "\"deadbeef\""}}));
        QCOMPARE(errorCode(r), QByteArray("InvalidPart"));
        QCOMPARE(errorCode(s3("DELETE", "/bkt-mp")), QByteArray("BucketNotEmpty")); // an upload is in progress

        r = s3("POST", "/bkt-mp/big.bin?uploadId=" + id, complete({{1, etag1}, {2, etag2}}));
        QCOMPARE(r.status, 200);
        QCryptographicHash md5s(QCryptographicHash::Md5);
        md5s.addData(QCryptographicHash::hash(part1, QCryptographicHash::Md5));
        md5s.addData(QCryptographicHash::hash(part2, QCryptographicHash::Md5));
        QByteArray expectedEtag = '"' + md5s.result().toHex() + "-2\"";
        QVERIFY2(r.body.contains("<ETag>" + expectedEtag.replace('"', "&quot;") + "</ETag>"), r.body.constData());
        // Completing again answers the same.
        QCOMPARE(s3("POST", "/bkt-mp/big.bin?uploadId=" + id, complete({{1, etag1}, {2, etag2}})).status, 200);

        r = s3("GET", "/bkt-mp/big.bin", {}, {{"Range", "bytes=5242878-"}});
        QCOMPARE(r.body, QByteArray("pptail"));
        r = s3("GET", "/bkt-mp/big.bin", {}, {{"Range", "bytes=5242879-5242881"}});
        QCOMPARE(r.status, 206);
        QCOMPARE(r.header("Content-Range"), QByteArray("bytes 5242879-5242881/5242884"));
        QCOMPARE(r.body, QByteArray("pta"));
        QCOMPARE(s3("GET", "/bkt-mp/big.bin").body, part1 + part2);
        r = s3("HEAD", "/bkt-mp/big.bin");
        QCOMPARE(r.header("Content-Length"), QByteArray::number(part1.size() + 4));
        QCOMPARE(r.header("Content-Type"), QByteArray("application/x-test"));
        QCOMPARE(r.header("x-amz-meta-kind"), QByteArray("big"));
        // Complete wrote nothing: the object is its two part files, where they were.
        const auto dataFiles = [&] {
            int files = 0;
            for (QDirIterator it(m_dataDir + QStringLiteral("/objects"), QDir::Files, QDirIterator::Subdirectories); it.hasNext(); it.next())
                ++files;
            return files;
        };
        QCOMPARE(dataFiles(), 2);
        // A copy links each part file; the copy outlives its source; a PUT over it takes its parts away.
        QCOMPARE(s3("PUT", "/bkt-mp/copy.bin", {}, {{"x-amz-copy-source", "/bkt-mp/big.bin"}}).status, 200);
        QCOMPARE(dataFiles(), 4);
        QCOMPARE(s3("HEAD", "/bkt-mp/copy.bin").header("ETag"), expectedEtag.replace("&quot;", "\""));
        QCOMPARE(s3("DELETE", "/bkt-mp/big.bin").status, 204);
        QCOMPARE(dataFiles(), 2);
        QCOMPARE(s3("GET", "/bkt-mp/copy.bin", {}, {{"Range", "bytes=5242870-"}}).body, QByteArray(10, 'p') + "tail");
        // An UploadPartCopy of a range across the copy's parts.
        r = s3("POST", "/bkt-mp/third?uploads");
        const QByteArray id3 = idRe.match(QString::fromUtf8(r.body)).captured(1).toUtf8();
        r = s3("PUT", "/bkt-mp/third?partNumber=1&uploadId=" + id3, {},
               {{"x-amz-copy-source", "bkt-mp/copy.bin"}, {"x-amz-copy-source-range", "bytes=5242878-5242881"}});
        QCOMPARE(r.status, 200);
        const QByteArray etag3 = '"' + QCryptographicHash::hash("ppta", QCryptographicHash::Md5).toHex() + '"';
        QVERIFY(r.body.contains("<ETag>" + QByteArray(etag3).replace('"', "&quot;") + "</ETag>"));
        QCOMPARE(s3("POST", "/bkt-mp/third?uploadId=" + id3, complete({{1, etag3}})).status, 200);
        QCOMPARE(s3("GET", "/bkt-mp/third").body, QByteArray("ppta"));
        QCOMPARE(s3("PUT", "/bkt-mp/copy.bin", "small now").status, 200);
        QCOMPARE(dataFiles(), 1); // third's one part
        QCOMPARE(s3("DELETE", "/bkt-mp/third").status, 204);
        QCOMPARE(dataFiles(), 0);

        // Parts before the last must be at least 5 MiB; aborted uploads are gone.
        r = s3("POST", "/bkt-mp/small?uploads");
        const QByteArray id2 = idRe.match(QString::fromUtf8(r.body)).captured(1).toUtf8();
        const QByteArray e1 = s3("PUT", "/bkt-mp/small?partNumber=1&uploadId=" + id2, "aaa").header("ETag");
        const QByteArray e2 = s3("PUT", "/bkt-mp/small?partNumber=2&uploadId=" + id2, "bbb").header("ETag");
        r = s3("POST", "/bkt-mp/small?uploadId=" + id2, complete({{1, e1}, {2, e2}}));
        QCOMPARE(errorCode(r), QByteArray("EntityTooSmall"));
        QCOMPARE(s3("DELETE", "/bkt-mp/small?uploadId=" + id2).status, 204);
        QCOMPARE(errorCode(s3("PUT", "/bkt-mp/small?partNumber=1&uploadId=" + id2, "x")), QByteArray("NoSuchUpload"));
        QCOMPARE(errorCode(s3("DELETE", "/bkt-mp/small?uploadId=" + id2)), QByteArray("NoSuchUpload"));
    }

    void objectsSurviveARestartAndOrphansAreRemoved()
    {
        QCOMPARE(s3("PUT", "/keep").status, 200);
        // Larger than what is kept inline, so each version has a data file.
        const QByteArray first(200 * 1024, 'a'), second(300 * 1024, 'b');
        QCOMPARE(s3("PUT", "/keep/one", first).status, 200);
        QCOMPARE(s3("PUT", "/keep/one", second).status, 200); // the first file goes
        QCOMPARE(s3("PUT", "/keep/small", "inline").status, 200);
        m_service->stop();
        m_service.reset();
        // What a crash between rename and commit would leave: a data file no row names.
        QDir().mkpath(m_dataDir + QStringLiteral("/objects/ff"));
        QFile orphan(m_dataDir + QStringLiteral("/objects/ff/ffffffffffffffffffffffffffffffff"));
        QVERIFY(orphan.open(QIODevice::WriteOnly));
        orphan.write("half");
        orphan.close();
        QFile temp(m_dataDir + QStringLiteral("/tmp/partial"));
        QVERIFY(temp.open(QIODevice::WriteOnly));
        temp.close();
        startService();
        QCOMPARE(s3("GET", "/keep/one").body, second);
        QCOMPARE(s3("GET", "/keep/small").body, QByteArray("inline"));
        QVERIFY(!QFile::exists(orphan.fileName()));
        QVERIFY(!QFile::exists(temp.fileName()));
        int files = 0;
        for (QDirIterator it(m_dataDir + QStringLiteral("/objects"), QDir::Files, QDirIterator::Subdirectories); it.hasNext(); it.next())
            ++files;
        QCOMPARE(files, 1);
    }

    void uploadPartCopyTakesRangesOfAnObject()
    {
        QCOMPARE(s3("PUT", "/upc").status, 200);
        QByteArray source(6 << 20, Qt::Uninitialized);
        for (int i = 0; i < source.size(); ++i)
            source[i] = char('a' + i % 26);
        QCOMPARE(s3("PUT", "/upc/source", source, {}, "UNSIGNED-PAYLOAD").status, 200);
        ParsedResponse r = s3("POST", "/upc/joined?uploads");
        static const QRegularExpression idRe(QStringLiteral("<UploadId>([^<]*)</UploadId>"));
        const QByteArray id = idRe.match(QString::fromUtf8(r.body)).captured(1).toUtf8();
        r = s3("PUT", "/upc/joined?partNumber=1&uploadId=" + id, {}, {{"x-amz-copy-source", "/upc/source"}});
        QCOMPARE(r.status, 200);
        QVERIFY(r.body.contains("<CopyPartResult"));
        r = s3("PUT", "/upc/joined?partNumber=2&uploadId=" + id, {},
               {{"x-amz-copy-source", "upc/source"}, {"x-amz-copy-source-range", "bytes=26-51"}});
        QCOMPARE(r.status, 200);
        const QByteArray etag2 = '"' + QCryptographicHash::hash(source.mid(26, 26), QCryptographicHash::Md5).toHex() + '"';
        QVERIFY(r.body.contains("<ETag>" + QByteArray(etag2).replace('"', "&quot;") + "</ETag>"));
        r = s3("PUT", "/upc/joined?partNumber=3&uploadId=" + id, {},
               {{"x-amz-copy-source", "upc/source"}, {"x-amz-copy-source-range", "bytes=0-99999999"}});
        QCOMPARE(errorCode(r), QByteArray("InvalidArgument"));
        r = s3("PUT", "/upc/joined?partNumber=3&uploadId=" + id, {},
               {{"x-amz-copy-source", "upc/source"}, {"x-amz-copy-source-if-match", "\"nope\""}});
        QCOMPARE(errorCode(r), QByteArray("PreconditionFailed"));
        const QByteArray etag1 = '"' + QCryptographicHash::hash(source, QCryptographicHash::Md5).toHex() + '"';
        const QByteArray complete = "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>" + etag1
            + "</ETag></Part><Part><PartNumber>2</PartNumber><ETag>" + etag2 + "</ETag></Part></CompleteMultipartUpload>";
        QCOMPARE(s3("POST", "/upc/joined?uploadId=" + id, complete).status, 200);
        r = s3("GET", "/upc/joined", {}, {{"Range", "bytes=-30"}});
        QCOMPARE(r.body, source.right(4) + "abcdefghijklmnopqrstuvwxyz");
        QCOMPARE(s3("HEAD", "/upc/joined").header("Content-Length"), QByteArray::number(source.size() + 26));

        // A small source lives in its database row; a range of it still becomes a part, and a
        // CopyObject of it a new object.
        QCOMPARE(s3("PUT", "/upc/small", "0123456789").status, 200);
        r = s3("POST", "/upc/from-small?uploads");
        const QByteArray id2 = idRe.match(QString::fromUtf8(r.body)).captured(1).toUtf8();
        r = s3("PUT", "/upc/from-small?partNumber=1&uploadId=" + id2, {},
               {{"x-amz-copy-source", "upc/small"}, {"x-amz-copy-source-range", "bytes=2-5"}});
        QCOMPARE(r.status, 200);
        const QByteArray etag3 = '"' + QCryptographicHash::hash("2345", QCryptographicHash::Md5).toHex() + '"';
        QCOMPARE(s3("POST", "/upc/from-small?uploadId=" + id2, "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>"
                     + etag3 + "</ETag></Part></CompleteMultipartUpload>").status, 200);
        QCOMPARE(s3("GET", "/upc/from-small").body, QByteArray("2345"));
        QCOMPARE(s3("PUT", "/upc/small-copy", {}, {{"x-amz-copy-source", "upc/small"}}).status, 200);
        r = s3("GET", "/upc/small-copy", {}, {{"Range", "bytes=7-"}});
        QCOMPARE(r.status, 206);
        QCOMPARE(r.body, QByteArray("789"));
        QCOMPARE(s3("HEAD", "/upc/small-copy").header("Content-Length"), QByteArray("10"));
    }

    void objectVersionsAreTheNullVersion()
    {
        QCOMPARE(s3("PUT", "/vers").status, 200);
        for (const QByteArray k : {"a", "b", "dir/c"})
            QCOMPARE(s3("PUT", "/vers/" + k, k).status, 200);
        ParsedResponse r = s3("GET", "/vers?versions&max-keys=1");
        QCOMPARE(r.status, 200);
        QVERIFY(r.body.contains("<ListVersionsResult"));
        QVERIFY(r.body.contains("<Version><Key>a</Key><VersionId>null</VersionId><IsLatest>true</IsLatest>"));
        QVERIFY(r.body.contains("<IsTruncated>true</IsTruncated>"));
        QVERIFY(r.body.contains("<NextKeyMarker>a</NextKeyMarker>"));
        r = s3("GET", "/vers?versions&key-marker=a&delimiter=%2F");
        QVERIFY(r.body.contains("<Key>b</Key>"));
        QVERIFY(!r.body.contains("<Key>a</Key>"));
        QVERIFY(r.body.contains("<CommonPrefixes><Prefix>dir/</Prefix></CommonPrefixes>"));
    }

    void acknowledgedPartsAreCommittedAndOnDisk()
    {
        // A part is answered only once its file is in the store and its row committed: right
        // after each 200, a connection of the test's own finds the row, and the file it names
        // holds the part's bytes. Parts sent at once on four connections (their rows share
        // commits), a part uploaded again (its first file goes), a part for an aborted upload
        // (refused, its file gone), and a Complete of them all.
        QCOMPARE(s3("PUT", "/acked").status, 200);
        ParsedResponse r = s3("POST", "/acked/k?uploads");
        static const QRegularExpression idRe(QStringLiteral("<UploadId>([^<]*)</UploadId>"));
        const QByteArray id = idRe.match(QString::fromUtf8(r.body)).captured(1).toUtf8();
        QVERIFY(!id.isEmpty());

        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("tst-acked-parts"));
        db.setDatabaseName(m_dataDir + QStringLiteral("/storage.db"));
        QVERIFY(db.open());
        const auto committedPart = [&](int number) -> std::optional<QPair<QString, QByteArray>> { // file, etag
            QSqlQuery q(db);
            q.prepare(QStringLiteral("SELECT file, etag FROM parts WHERE upload = ? AND number = ?"));
            q.addBindValue(QString::fromLatin1(id));
            q.addBindValue(number);
            if (!q.exec() || !q.next())
                return std::nullopt;
            return qMakePair(q.value(0).toString(), q.value(1).toString().toLatin1());
        };
        const auto fileBytes = [&](const QString &file) {
            QFile f(m_dataDir + u'/' + file);
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        };

        QList<QByteArray> parts;
        for (int i = 0; i < 4; ++i) {
            QByteArray part((5 << 20) + i * 4097, Qt::Uninitialized);
            for (qsizetype b = 0; b < part.size(); ++b)
                part[b] = char((b * 31 + i * 7) >> 3);
            parts.append(part);
        }
        std::vector<std::unique_ptr<TestClient>> clients;
        for (int i = 0; i < parts.size(); ++i) {
            clients.push_back(std::make_unique<TestClient>(m_port));
            clients.back()->send(s3Request("PUT", "/acked/k?partNumber=" + QByteArray::number(i + 1) + "&uploadId=" + id, parts[i], {},
                                           "UNSIGNED-PAYLOAD"));
        }
        QByteArrayList etags;
        for (int i = 0; i < parts.size(); ++i) {
            const std::optional<ParsedResponse> answer = clients[size_t(i)]->readResponse(false, 30000);
            QVERIFY(answer);
            QCOMPARE(answer->status, 200);
            const auto row = committedPart(i + 1);
            QVERIFY2(row, "a part was acknowledged before its row was committed");
            const QByteArray md5 = QCryptographicHash::hash(parts[i], QCryptographicHash::Md5).toHex();
            QCOMPARE(row->second, md5);
            QCOMPARE(answer->header("ETag"), '"' + md5 + '"');
            QVERIFY(fileBytes(row->first) == parts[i]);
            etags.append(answer->header("ETag"));
        }

        // Part 2 again: the row names the new file, and the first one is gone.
        const QString firstFile = committedPart(2)->first;
        const QByteArray again((5 << 20) + 1, 'z');
        r = s3("PUT", "/acked/k?partNumber=2&uploadId=" + id, again, {}, "UNSIGNED-PAYLOAD");
        QCOMPARE(r.status, 200);
        etags[1] = r.header("ETag");
        QVERIFY(committedPart(2)->first != firstFile);
        QVERIFY(fileBytes(committedPart(2)->first) == again);
        QVERIFY(!QFile::exists(m_dataDir + u'/' + firstFile));

        QByteArray complete = "<CompleteMultipartUpload>";
        for (int i = 0; i < etags.size(); ++i)
            complete += "<Part><PartNumber>" + QByteArray::number(i + 1) + "</PartNumber><ETag>" + etags[i] + "</ETag></Part>";
        QCOMPARE(s3("POST", "/acked/k?uploadId=" + id, complete + "</CompleteMultipartUpload>").status, 200);
        QVERIFY(s3("GET", "/acked/k").body == parts[0] + again + parts[2] + parts[3]);

        // An aborted upload takes no more parts, and keeps no file of one.
        r = s3("POST", "/acked/gone?uploads");
        const QByteArray goneId = idRe.match(QString::fromUtf8(r.body)).captured(1).toUtf8();
        QCOMPARE(s3("DELETE", "/acked/gone?uploadId=" + goneId).status, 204);
        const auto countFiles = [&] {
            int files = 0;
            for (QDirIterator it(m_dataDir + QStringLiteral("/objects"), QDir::Files, QDirIterator::Subdirectories); it.hasNext(); it.next())
                ++files;
            return files;
        };
        const int before = countFiles();
        QCOMPARE(errorCode(s3("PUT", "/acked/gone?partNumber=1&uploadId=" + goneId, QByteArray(300000, 'g'))), QByteArray("NoSuchUpload"));
        QCOMPARE(countFiles(), before);
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("tst-acked-parts"));
    }

    void staleUploadsAreRemoved()
    {
        QCOMPARE(s3("PUT", "/stale").status, 200);
        ParsedResponse r = s3("POST", "/stale/k?uploads");
        static const QRegularExpression idRe(QStringLiteral("<UploadId>([^<]*)</UploadId>"));
        const QByteArray id = idRe.match(QString::fromUtf8(r.body)).captured(1).toUtf8();
        QCOMPARE(s3("PUT", "/stale/k?partNumber=1&uploadId=" + id, "part").status, 200);
        // The default age (7 days) keeps it across a restart.
        m_service->stop();
        startService();
        QCOMPARE(s3("GET", "/stale/k?uploadId=" + id).status, 200);
        // An age of about a second removes it once it is older than that.
        m_service->stop();
        QTest::qWait(1200);
        startService({{QStringLiteral("multipart_max_age_hours"), 0.0002}});
        QCOMPARE(errorCode(s3("GET", "/stale/k?uploadId=" + id)), QByteArray("NoSuchUpload"));
        QVERIFY(!s3("GET", "/stale?uploads").body.contains("<Upload>"));
        int files = 0;
        for (QDirIterator it(m_dataDir + QStringLiteral("/objects"), QDir::Files, QDirIterator::Subdirectories); it.hasNext(); it.next())
            ++files;
        QCOMPARE(files, 0); // the part's bytes are gone too
        QCOMPARE(s3("DELETE", "/stale").status, 204);
    }

    void bucketCorsRulesAnswerPreflightsAndBrowserRequests()
    {
        QCOMPARE(s3("PUT", "/web").status, 200);
        QCOMPARE(s3("PUT", "/web/pic.png", "png").status, 200);
        const auto preflight = [&](const QByteArray &origin, const QByteArray &method, const QByteArray &headers) {
            return raw("OPTIONS /web/pic.png HTTP/1.1\r\nHost: " + host() + "\r\nOrigin: " + origin
                       + "\r\nAccess-Control-Request-Method: " + method + "\r\nAccess-Control-Request-Headers: " + headers
                       + "\r\n\r\n");
        };
        ParsedResponse r = preflight("https://app.test", "PUT", "content-type");
        QCOMPARE(r.status, 403); // no CORS configuration yet
        QCOMPARE(errorCode(s3("GET", "/web?cors")), QByteArray("NoSuchCORSConfiguration"));

        const QByteArray config = "<CORSConfiguration><CORSRule><AllowedOrigin>https://*.app.test</AllowedOrigin>"
                                  "<AllowedMethod>PUT</AllowedMethod><AllowedMethod>GET</AllowedMethod>"
                                  "<AllowedHeader>content-*</AllowedHeader><AllowedHeader>x-amz-*</AllowedHeader>"
                                  "<ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>600</MaxAgeSeconds></CORSRule></CORSConfiguration>";
        QCOMPARE(s3("PUT", "/web?cors", config, {{"Content-MD5", md5Base64(config)}}).status, 200);
        QCOMPARE(s3("GET", "/web?cors").body, config);
        QCOMPARE(errorCode(s3("PUT", "/web?cors", "<CORSConfiguration><CORSRule><AllowedMethod>PATCH</AllowedMethod>"
                                                  "<AllowedOrigin>*</AllowedOrigin></CORSRule></CORSConfiguration>")),
                 QByteArray("MalformedXML"));

        r = preflight("https://www.app.test", "PUT", "Content-Type, x-amz-date");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("Access-Control-Allow-Origin"), QByteArray("https://www.app.test"));
        QCOMPARE(r.header("Access-Control-Allow-Methods"), QByteArray("PUT, GET"));
        QCOMPARE(r.header("Access-Control-Allow-Headers"), QByteArray("content-type, x-amz-date"));
        QCOMPARE(r.header("Access-Control-Max-Age"), QByteArray("600"));
        QCOMPARE(preflight("https://evil.test", "PUT", "content-type").status, 403);
        QCOMPARE(preflight("https://www.app.test", "DELETE", "content-type").status, 403);
        QCOMPARE(preflight("https://www.app.test", "PUT", "authorization").status, 403);

        // The browser's actual request gets the headers too (ETag exposed for multipart).
        r = s3("GET", "/web/pic.png", {}, {{"Origin", "https://www.app.test"}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("Access-Control-Allow-Origin"), QByteArray("https://www.app.test"));
        QCOMPARE(r.header("Access-Control-Expose-Headers"), QByteArray("ETag"));
        r = s3("GET", "/web/pic.png", {}, {{"Origin", "https://evil.test"}});
        QVERIFY(!r.hasHeader("Access-Control-Allow-Origin"));

        QCOMPARE(s3("DELETE", "/web?cors").status, 204);
        QCOMPARE(preflight("https://www.app.test", "PUT", "content-type").status, 403);
    }

    void virtualHostAddressing()
    {
        m_service->stop();
        startService({{QStringLiteral("domain"), QStringLiteral("S3.Test")}});
        QCOMPARE(s3("PUT", "/vhost").status, 200);
        const QByteArray vhost = "vhost.s3.test:" + QByteArray::number(m_port);
        ParsedResponse r = s3("PUT", "/dir/a%20file", "through the host name", {}, {}, kSecret, {}, vhost);
        QCOMPARE(r.status, 200);
        QCOMPARE(s3("GET", "/vhost/dir/a%20file").body, QByteArray("through the host name"));
        r = s3("GET", "/?list-type=2", {}, {}, {}, kSecret, {}, vhost);
        QVERIFY(r.body.contains("<Name>vhost</Name>"));
        QVERIFY(r.body.contains("<Key>dir/a file</Key>"));
        // Other host names keep path style.
        r = s3("GET", "/vhost/dir/a%20file", {}, {}, {}, kSecret, {}, "localhost:" + QByteArray::number(m_port));
        QCOMPARE(r.body, QByteArray("through the host name"));
    }

    void oversizedAndMalformedRequests()
    {
        QCOMPARE(s3("PUT", "/bad").status, 200);
        ParsedResponse r = s3("POST", "/bad?delete", "<Delete><Object><Key>x</Key>");
        QCOMPARE(r.status, 400);
        QCOMPARE(errorCode(r), QByteArray("MalformedXML"));
        r = s3("GET", "/bad?lifecycle");
        QCOMPARE(r.status, 501);
        QCOMPARE(errorCode(r), QByteArray("NotImplemented"));
        r = s3("GET", "/bad?policy");
        QCOMPARE(r.status, 404);
        QCOMPARE(errorCode(r), QByteArray("NoSuchBucketPolicy"));
        r = s3("PUT", "/missing-bucket/k", "x");
        QCOMPARE(errorCode(r), QByteArray("NoSuchBucket"));
        r = s3("GET", "/bad?list-type=2&continuation-token=not%2Avalid%21");
        QVERIFY2(r.status == 400, r.body.constData());
    }

    // A browser form upload as bytes on the wire: a preamble, transport padding after a
    // delimiter, a file holding partial delimiters, a field after the file (ignored, as S3 does)
    // and an epilogue; then the policy's conditions and signature refusing others.
    void formUploadIsParsedAndItsPolicyChecked()
    {
        QCOMPARE(s3("PUT", "/forms").status, 200);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const QByteArray date = now.toString(QStringLiteral("yyyyMMdd")).toLatin1();
        const QByteArray credential = kAccessKey + '/' + date + "/us-east-1/s3/aws4_request";
        const QByteArray policy = "{\"expiration\":\"" + now.addSecs(600).toString(Qt::ISODateWithMs).toLatin1()
            + "\",\"conditions\":[{\"bucket\":\"forms\"},[\"starts-with\",\"$key\",\"in/\"],"
              "{\"x-amz-algorithm\":\"AWS4-HMAC-SHA256\"},{\"x-amz-credential\":\"" + credential
            + "\"},[\"content-length-range\",1,100]]}";
        const QByteArray policy64 = policy.toBase64();
        const QByteArray signature = sigv4::hmacSha256(sigv4::signingKey(kSecret, date, "us-east-1", "s3"), policy64).toHex();
        const auto post = [&](const QByteArray &key, const QByteArray &file, const QByteArray &sig) {
            QByteArray body = "a preamble to ignore\r\n";
            const auto field = [&](const QByteArray &name, const QByteArray &value) {
                body += "--XyZ\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
            };
            field("key", key);
            field("x-amz-algorithm", "AWS4-HMAC-SHA256");
            field("x-amz-credential", credential);
            field("policy", policy64);
            field("x-amz-signature", sig);
            body += "--XyZ \t\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.bin\"\r\n"
                    "Content-Type: application/octet-stream\r\n\r\n" + file + "\r\n";
            field("after-the-file", "ignored");
            body += "--XyZ--\r\nan epilogue";
            return s3("POST", "/forms", body, {{"Content-Type", "multipart/form-data; boundary=XyZ"}});
        };
        const QByteArray file = "line\r\n--XyA\r\n-\r\n--Xy";
        ParsedResponse r = post("in/${filename}", file, signature);
        QVERIFY2(r.status == 204, r.body.constData());
        QCOMPARE(s3("GET", "/forms/in/a.bin").body, file);

        r = post("out/x", file, signature);
        QCOMPARE(r.status, 403);
        QCOMPARE(errorCode(r), QByteArray("AccessDenied"));
        QVERIFY2(r.body.contains("$key"), r.body.constData());
        r = post("in/too-large", QByteArray(101, 'x'), signature);
        QCOMPARE(errorCode(r), QByteArray("EntityTooLarge"));
        r = post("in/forged", file, QByteArray(64, '0'));
        QCOMPARE(r.status, 403);
        QCOMPARE(errorCode(r), QByteArray("SignatureDoesNotMatch"));
        r = s3("POST", "/forms", "no parts at all", {{"Content-Type", "multipart/form-data; boundary=XyZ"}});
        QCOMPARE(r.status, 400);
        QCOMPARE(s3("GET", "/forms/in/too-large").status, 404);
        QCOMPARE(s3("GET", "/forms/in/forged").status, 404);
    }
};

QTEST_GUILESS_MAIN(TstStorageService)
#include "tst_storage_service.moc"
