// SigV4 as S3 checks it: the examples AWS publishes for S3 (header GET with Range, PUT of
// "test$file.text" signed with the Date header, GET ?lifecycle, ListObjects, a presigned GET and
// the aws-chunked seed), URI encoding without double encoding, and the refusals (expired and
// too-long presigned URLs, clock skew, unknown key, wrong secret, tampered query).
#include "storage/sigv4.h"

#include <QTest>

using namespace homeport::storage;

namespace {

const QByteArray kAccessKey = "AKIAIOSFODNN7EXAMPLE";
const QByteArray kSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const QDateTime kExampleTime = QDateTime(QDate(2013, 5, 24), QTime(0, 0), Qt::UTC);

sigv4::SecretLookup exampleSecrets(const QByteArray &secret = kSecret)
{
    return [secret](const QByteArray &key) -> std::optional<QByteArray> {
        if (key == kAccessKey)
            return secret;
        return std::nullopt;
    };
}

QByteArray authHeader(const QByteArrayList &signedHeaders, const QByteArray &signature)
{
    return "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders="
        + signedHeaders.join(';') + ",Signature=" + signature;
}

SignedRequest exampleGetObject(const QByteArray &signature)
{
    return SignedRequest{"GET", "/test.txt", {},
                         {{"Host", "examplebucket.s3.amazonaws.com"},
                          {"Range", "bytes=0-9"},
                          {"x-amz-content-sha256", sigv4::kEmptySha256},
                          {"x-amz-date", "20130524T000000Z"},
                          {"Authorization", authHeader({"host", "range", "x-amz-content-sha256", "x-amz-date"}, signature)}}};
}

} // namespace

class TstSigV4 : public QObject
{
    Q_OBJECT

private slots:
    void uriEncodingFollowsTheSpec()
    {
        QCOMPARE(sigv4::uriEncode("a b+c/d~e_f.g-h", true), QByteArray("a%20b%2Bc/d~e_f.g-h"));
        QCOMPARE(sigv4::uriEncode("a/b", false), QByteArray("a%2Fb"));
        QCOMPARE(sigv4::uriEncode("é", true), QByteArray("%C3%A9"));
        // The path is decoded once and encoded once: %2F stays an encoded slash, %25 stays %25.
        QCOMPARE(sigv4::canonicalUri("/b/a%2Fb%25c"), QByteArray("/b/a%2Fb%25c"));
        QCOMPARE(sigv4::canonicalUri("/b/test$file.text"), QByteArray("/b/test%24file.text"));
        // S3 keeps dot segments and empty segments as they are.
        QCOMPARE(sigv4::canonicalUri("/b/../x//y/./z"), QByteArray("/b/../x//y/./z"));
        QCOMPARE(sigv4::canonicalUri(""), QByteArray("/"));
        QCOMPARE(sigv4::canonicalQuery("prefix=J&max-keys=2&acl", false), QByteArray("acl=&max-keys=2&prefix=J"));
        QCOMPARE(sigv4::canonicalQuery("X-Amz-Signature=abc&a=%2f", true), QByteArray("a=%2F"));
    }

    void awsExampleGetObjectWithRange()
    {
        const SignedRequest request = exampleGetObject("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
        const SigV4Result r = sigv4::verify(request, exampleSecrets(), kExampleTime);
        QVERIFY2(r.ok, qPrintable(r.errorMessage));
        QCOMPARE(r.accessKey, kAccessKey);
        QCOMPARE(r.scope, QByteArray("20130524/us-east-1/s3/aws4_request"));
        // The signer produces the same header.
        SignedRequest unsigned_ = request;
        unsigned_.headers.removeLast();
        QCOMPARE(sigv4::authorization(unsigned_, {"host", "range", "x-amz-content-sha256", "x-amz-date"}, sigv4::kEmptySha256,
                                      kAccessKey, kSecret, "20130524T000000Z", "us-east-1"),
                 request.headers.last().second);
    }

    void awsExamplePutObjectSignedWithDollarInKey()
    {
        const QByteArray payloadHash = sigv4::sha256Hex("Welcome to Amazon S3.");
        QCOMPARE(payloadHash, QByteArray("44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072"));
        const SignedRequest request{"PUT", "/test$file.text", {},
                                    {{"Host", "examplebucket.s3.amazonaws.com"},
                                     {"Date", "Fri, 24 May 2013 00:00:00 GMT"},
                                     {"x-amz-date", "20130524T000000Z"},
                                     {"x-amz-storage-class", "REDUCED_REDUNDANCY"},
                                     {"x-amz-content-sha256", payloadHash},
                                     {"Authorization", authHeader({"date", "host", "x-amz-content-sha256", "x-amz-date", "x-amz-storage-class"},
                                                                  "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd")}}};
        const SigV4Result r = sigv4::verify(request, exampleSecrets(), kExampleTime);
        QVERIFY2(r.ok, qPrintable(r.errorMessage));
        QCOMPARE(r.payloadHash, payloadHash);
    }

    void awsExampleBucketSubresourceAndListing()
    {
        const SignedRequest lifecycle{"GET", "/", "lifecycle",
                                      {{"Host", "examplebucket.s3.amazonaws.com"},
                                       {"x-amz-date", "20130524T000000Z"},
                                       {"x-amz-content-sha256", sigv4::kEmptySha256},
                                       {"Authorization", authHeader({"host", "x-amz-content-sha256", "x-amz-date"},
                                                                    "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543")}}};
        QVERIFY(sigv4::verify(lifecycle, exampleSecrets(), kExampleTime).ok);
        const SignedRequest list{"GET", "/", "max-keys=2&prefix=J",
                                 {{"Host", "examplebucket.s3.amazonaws.com"},
                                  {"x-amz-date", "20130524T000000Z"},
                                  {"x-amz-content-sha256", sigv4::kEmptySha256},
                                  {"Authorization", authHeader({"host", "x-amz-content-sha256", "x-amz-date"},
                                                               "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7")}}};
        QVERIFY(sigv4::verify(list, exampleSecrets(), kExampleTime).ok);
    }

    void awsExamplePresignedGet()
    {
        const QByteArray query = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
                                 "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
                                 "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";
        SignedRequest request{"GET", "/test.txt", query, {{"Host", "examplebucket.s3.amazonaws.com"}}};
        SigV4Result r = sigv4::verify(request, exampleSecrets(), kExampleTime.addSecs(3600));
        QVERIFY2(r.ok, qPrintable(r.errorMessage));
        QVERIFY(r.presigned);
        QCOMPARE(r.payloadHash, QByteArray("UNSIGNED-PAYLOAD"));
        QCOMPARE(sigv4::presignQuery("GET", "/test.txt", "examplebucket.s3.amazonaws.com", kAccessKey, kSecret,
                                     "20130524T000000Z", "us-east-1", 86400),
                 query);

        // One day later it has expired.
        r = sigv4::verify(request, exampleSecrets(), kExampleTime.addSecs(86401));
        QVERIFY(!r.ok);
        QCOMPARE(r.status, 403);
        QCOMPARE(r.errorCode, QByteArray("AccessDenied"));
        QCOMPARE(r.errorMessage, QStringLiteral("Request has expired"));

        // Tampering with any signed part (here the path) breaks the signature.
        request.rawPath = "/test2.txt";
        r = sigv4::verify(request, exampleSecrets(), kExampleTime);
        QCOMPARE(r.errorCode, QByteArray("SignatureDoesNotMatch"));
    }

    void presignedExpiryIsAtMostSevenDays()
    {
        const QByteArray week = sigv4::presignQuery("GET", "/b/k", "h", kAccessKey, kSecret, "20130524T000000Z", "us-east-1", 604800);
        QVERIFY(sigv4::verify({"GET", "/b/k", week, {{"Host", "h"}}}, exampleSecrets(), kExampleTime).ok);
        for (const qint64 expires : {604801LL, 0LL, -7LL}) {
            const QByteArray q = sigv4::presignQuery("GET", "/b/k", "h", kAccessKey, kSecret, "20130524T000000Z", "us-east-1", expires);
            const SigV4Result r = sigv4::verify({"GET", "/b/k", q, {{"Host", "h"}}}, exampleSecrets(), kExampleTime);
            QVERIFY(!r.ok);
            QCOMPARE(r.status, 403);
            QCOMPARE(r.errorCode, QByteArray("AuthorizationQueryParametersError"));
        }
    }

    void headerRefusals()
    {
        const SignedRequest request = exampleGetObject("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
        SigV4Result r = sigv4::verify(request, exampleSecrets(), kExampleTime.addSecs(16 * 60));
        QCOMPARE(r.errorCode, QByteArray("RequestTimeTooSkewed"));
        QCOMPARE(r.status, 403);
        r = sigv4::verify(request, exampleSecrets(), kExampleTime.addSecs(-16 * 60));
        QCOMPARE(r.errorCode, QByteArray("RequestTimeTooSkewed"));
        QVERIFY(sigv4::verify(request, exampleSecrets(), kExampleTime.addSecs(14 * 60)).ok);

        r = sigv4::verify(request, exampleSecrets("another secret"), kExampleTime);
        QCOMPARE(r.errorCode, QByteArray("SignatureDoesNotMatch"));
        r = sigv4::verify(request, [](const QByteArray &) { return std::optional<QByteArray>(); }, kExampleTime);
        QCOMPARE(r.errorCode, QByteArray("InvalidAccessKeyId"));

        SignedRequest anonymous{"GET", "/test.txt", {}, {{"Host", "h"}}};
        r = sigv4::verify(anonymous, exampleSecrets(), kExampleTime);
        QCOMPARE(r.errorCode, QByteArray("AccessDenied"));

        SignedRequest v2{"GET", "/test.txt", {}, {{"Host", "h"}, {"Authorization", "AWS AKIAIOSFODNN7EXAMPLE:abc="}}};
        r = sigv4::verify(v2, exampleSecrets(), kExampleTime);
        QCOMPARE(r.status, 400);

        // A changed signed header value fails; so does a missing x-amz-content-sha256.
        SignedRequest changed = request;
        changed.headers[1].second = "bytes=0-10";
        QCOMPARE(sigv4::verify(changed, exampleSecrets(), kExampleTime).errorCode, QByteArray("SignatureDoesNotMatch"));
        SignedRequest noHash = request;
        noHash.headers.removeAt(2);
        QCOMPARE(sigv4::verify(noHash, exampleSecrets(), kExampleTime).status, 400);
    }

    void awsExampleChunkSignatures()
    {
        const QByteArray key = sigv4::signingKey(kSecret, "20130524", "us-east-1", "s3");
        const QByteArray scope = "20130524/us-east-1/s3/aws4_request";
        QByteArray previous = "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9";
        previous = sigv4::chunkSignature(key, "20130524T000000Z", scope, previous, sigv4::sha256Hex(QByteArray(65536, 'a')));
        QCOMPARE(previous, QByteArray("ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648"));
        previous = sigv4::chunkSignature(key, "20130524T000000Z", scope, previous, sigv4::sha256Hex(QByteArray(1024, 'a')));
        QCOMPARE(previous, QByteArray("0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497"));
        previous = sigv4::chunkSignature(key, "20130524T000000Z", scope, previous, sigv4::kEmptySha256);
        QCOMPARE(previous, QByteArray("b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9"));
    }

    void awsExampleChunkedSeedSignature()
    {
        const QByteArrayList names = {"content-encoding", "content-length", "host", "x-amz-content-sha256",
                                      "x-amz-date", "x-amz-decoded-content-length", "x-amz-storage-class"};
        const SignedRequest request{"PUT", "/examplebucket/chunkObject.txt", {},
                                    {{"Host", "s3.amazonaws.com"},
                                     {"x-amz-date", "20130524T000000Z"},
                                     {"x-amz-storage-class", "REDUCED_REDUNDANCY"},
                                     {"x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"},
                                     {"Content-Encoding", "aws-chunked"},
                                     {"x-amz-decoded-content-length", "66560"},
                                     {"Content-Length", "66824"},
                                     {"Authorization", authHeader(names, "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9")}}};
        const SigV4Result r = sigv4::verify(request, exampleSecrets(), kExampleTime);
        QVERIFY2(r.ok, qPrintable(r.errorMessage));
        QCOMPARE(r.signature, QByteArray("4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9"));
    }
};

QTEST_GUILESS_MAIN(TstSigV4)
#include "tst_sigv4.moc"
