// Request bodies: limits, 100-continue, tiny packets, chunked, sinks, Content-Encoding decoding,
// consumers that have the body read straight into memory of their own.
#include "http/http_server.h"
#include "http_test_client.h"

#include <QCryptographicHash>
#include <QDir>
#include <QMutex>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

#include <brotli/encode.h>
#include <zlib.h>

using namespace homeport::http;
using namespace homeport::http::test;

namespace {

HttpServerOptions fastOptions(const QString &spool = {})
{
    HttpServerOptions options;
    options.serviceName = QStringLiteral("body");
    options.idleTimeoutMs = 2000;
    options.headerTimeoutMs = 2000;
    options.spoolDirectory = spool;
    return options;
}

// Echoes the memory body's size and SHA-256.
void digest(const Request &req, Responder &res)
{
    res.send(200, "text/plain",
             QByteArray::number(req.body().size()) + ' '
                 + QCryptographicHash::hash(req.body(), QCryptographicHash::Sha256).toHex());
}

QByteArray digestOf(const QByteArray &data)
{
    return QByteArray::number(data.size()) + ' ' + QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

QByteArray zlibCompress(const QByteArray &data, int windowBits)
{
    z_stream z{};
    deflateInit2(&z, 9, Z_DEFLATED, windowBits, 9, Z_DEFAULT_STRATEGY);
    QByteArray out(qsizetype(deflateBound(&z, uLong(data.size())) + 64), Qt::Uninitialized);
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    z.avail_in = uInt(data.size());
    z.next_out = reinterpret_cast<Bytef *>(out.data());
    z.avail_out = uInt(out.size());
    deflate(&z, Z_FINISH);
    out.resize(qsizetype(z.total_out));
    deflateEnd(&z);
    return out;
}

QByteArray brotliCompress(const QByteArray &data)
{
    size_t size = BrotliEncoderMaxCompressedSize(size_t(data.size())) + 64;
    QByteArray out(qsizetype(size), Qt::Uninitialized);
    BrotliEncoderCompress(9, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_GENERIC, size_t(data.size()),
                          reinterpret_cast<const uint8_t *>(data.constData()), &size,
                          reinterpret_cast<uint8_t *>(out.data()));
    out.resize(qsizetype(size));
    return out;
}

QByteArray post(const QByteArray &path, const QByteArray &body, const QByteArray &extraHeaders = {})
{
    return "POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n"
        + extraHeaders + "\r\n" + body;
}

QByteArray chunked(const QByteArray &body, qsizetype pieceSize)
{
    QByteArray out;
    for (qsizetype i = 0; i < body.size(); i += pieceSize) {
        const QByteArray piece = body.mid(i, pieceSize);
        out += QByteArray::number(piece.size(), 16) + ";ext=1\r\n" + piece + "\r\n";
    }
    return out + "0\r\nX-Trailer: t\r\n\r\n";
}

// Counts bytes as they arrive and fails on a marker, like an S3 chunk decoder would.
class CountingConsumer : public BodyConsumer
{
public:
    explicit CountingConsumer(QList<qsizetype> *pieces) : m_pieces(pieces) {}
    bool write(const char *data, qsizetype size) override
    {
        m_pieces->append(size);
        m_hash.addData(QByteArrayView(data, size));
        return !QByteArrayView(data, size).contains("BAD");
    }
    bool finish() override
    {
        m_finished = true;
        return true;
    }
    int errorStatus() const override { return 422; }
    QString errorMessage() const override { return QStringLiteral("bad chunk signature"); }
    QByteArray digest() { return m_hash.result().toHex(); }
    bool finished() const { return m_finished; }

private:
    QList<qsizetype> *m_pieces;
    QCryptographicHash m_hash{QCryptographicHash::Sha256};
    bool m_finished = false;
};

// Hands every piece to a pool thread and holds the body back until that thread has taken it,
// as the S3 digest pipeline does; records any write or finish() the engine makes while held.
class PacedConsumer : public BodyConsumer
{
public:
    ~PacedConsumer() override { QThreadPool::globalInstance()->waitForDone(); }
    bool write(const char *data, qsizetype size) override
    {
        QMutexLocker lock(&m_mutex);
        if (m_held)
            ++violations;
        m_pending.append(data, size);
        return true;
    }
    bool holdsBack(bool finishing, std::function<void()> resume) override
    {
        QMutexLocker lock(&m_mutex);
        if (m_pending.isEmpty())
            return false;
        m_held = true;
        finishHolds += finishing ? 1 : 0;
        ++holds;
        QByteArray taken = std::exchange(m_pending, {});
        if (neverResume) {
            savedResume = std::move(resume);
            return true;
        }
        QThreadPool::globalInstance()->start([this, taken, resume = std::move(resume)] {
            {
                QMutexLocker lock(&m_mutex);
                m_hash.addData(taken);
                m_held = false;
            }
            resume();
        });
        return true;
    }
    bool finish() override
    {
        QMutexLocker lock(&m_mutex);
        if (m_held || !m_pending.isEmpty())
            ++violations;
        m_finished = true;
        return true;
    }
    QString errorMessage() const override { return QStringLiteral("unused"); }
    QByteArray digest()
    {
        QMutexLocker lock(&m_mutex);
        return m_hash.result().toHex();
    }

    int holds = 0, finishHolds = 0, violations = 0;
    bool neverResume = false;
    std::function<void()> savedResume;

private:
    QMutex m_mutex;
    QByteArray m_pending;
    bool m_held = false;
    bool m_finished = false;
    QCryptographicHash m_hash{QCryptographicHash::Sha256};
};

// Offers a small buffer of its own for the body (as the S3 receiver offers its blocks) and
// counts the bytes written from it, and any written from it somewhere else than offered.
class OwnBufferConsumer : public BodyConsumer
{
public:
    static constexpr qsizetype kRoom = 1000;
    char *bodyBuffer(qsizetype *room) override
    {
        if (m_used == kRoom)
            m_used = 0; // everything written so far was hashed: start over
        *room = kRoom - m_used;
        return m_buffer + m_used;
    }
    bool write(const char *data, qsizetype size) override
    {
        if (data >= m_buffer && data < m_buffer + kRoom) {
            if (data != m_buffer + m_used || m_used + size > kRoom)
                ++misplaced;
            ownBytes += size;
            m_used += size;
        }
        m_hash.addData(QByteArrayView(data, size));
        return true;
    }
    bool finish() override { return true; }
    QString errorMessage() const override { return QStringLiteral("unused"); }
    QByteArray digest() { return m_hash.result().toHex(); }

    qsizetype ownBytes = 0;
    int misplaced = 0;

private:
    char m_buffer[kRoom];
    qsizetype m_used = 0;
    QCryptographicHash m_hash{QCryptographicHash::Sha256};
};

} // namespace

class TestHttpBody : public QObject
{
    Q_OBJECT

private slots:
    void memoryBodyWithinLimit();
    void bodyOverLimitGets413();
    void continueAccepted();
    void continueRefusedTooLarge();
    void unknownExpectationGets417();
    void bodyInTinyPackets();
    void chunkedRequestBody();
    void chunkedBodyOverLimit();
    void fileSinkSpoolsAndCleansUp();
    void disconnectMidBodyRemovesTempFile();
    void consumerSeesPiecesAndCanRefuse();
    void authHookRefusesBeforeBody();
    void consumerHoldingBackIsWaitedFor();
    void clientGoneWhileHeldBack();
    void consumerBufferIsReadInto();
    void contentEncodingDecoded_data();
    void contentEncodingDecoded();
    void zipBombRefused();
    void corruptCompressedBodyGets400();
    void unsupportedEncodingGets415();
};

void TestHttpBody::memoryBodyWithinLimit()
{
    HttpServer server(fastOptions());
    server.route("POST", "/echo", digest).body(BodyPolicy::memory(1000));
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    TestClient client(server.serverPort());
    const QByteArray body(1000, 'x');
    client.send(post("/echo", body));
    const auto response = client.readResponse();
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QCOMPARE(response->body, digestOf(body));
    QVERIFY(client.isConnected());
}

void TestHttpBody::bodyOverLimitGets413()
{
    HttpServer server(fastOptions());
    server.route("POST", "/echo", digest).body(BodyPolicy::memory(1000));
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    TestClient client(server.serverPort());
    client.send(post("/echo", QByteArray(1001, 'x')));
    const auto response = client.readResponse();
    QVERIFY(response);
    QCOMPARE(response->status, 413);
    QCOMPARE(response->header("Connection"), QByteArray("close"));
    QVERIFY(client.waitForDisconnected());
}

void TestHttpBody::continueAccepted()
{
    HttpServer server(fastOptions());
    server.route("PUT", "/upload", digest).body(BodyPolicy::memory(4096));
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    TestClient client(server.serverPort());
    client.send("PUT /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 2048\r\nExpect: 100-continue\r\n\r\n");
    QElapsedTimer timer;
    timer.start();
    const auto interim = client.readResponse();
    QVERIFY(interim);
    QCOMPARE(interim->status, 100);
    QVERIFY(timer.elapsed() < 500); // at once, not after a client-side timeout
    const QByteArray body(2048, 'b');
    client.send(body);
    const auto response = client.readResponse();
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QCOMPARE(response->body, digestOf(body));
}

void TestHttpBody::continueRefusedTooLarge()
{
    HttpServer server(fastOptions());
    server.route("PUT", "/upload", digest).body(BodyPolicy::memory(1024));
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    TestClient client(server.serverPort());
    client.send("PUT /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 5000000\r\nExpect: 100-continue\r\n\r\n");
    const auto response = client.readResponse();
    QVERIFY(response);
    QCOMPARE(response->status, 413);
    QVERIFY(client.waitForDisconnected());
}

void TestHttpBody::unknownExpectationGets417()
{
    HttpServer server(fastOptions());
    server.route("PUT", "/upload", digest);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    TestClient client(server.serverPort());
    client.send("PUT /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\nExpect: something-else\r\n\r\n");
    const auto response = client.readResponse();
    QVERIFY(response);
    QCOMPARE(response->status, 417);
}

void TestHttpBody::bodyInTinyPackets()
{
    HttpServer server(fastOptions());
    server.route("POST", "/echo", digest);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    TestClient client(server.serverPort());
    client.socket().setSocketOption(QAbstractSocket::LowDelayOption, 1);
    QByteArray body;
    for (int i = 0; i < 300; ++i)
        body += char('a' + i % 26);
    const QByteArray request = post("/echo", body);
    for (char c : request) {
        client.send(QByteArray(1, c));
        if (client.buffer().size() == 0)
            QCoreApplication::processEvents(); // let the server see each byte on its own
    }
    const auto response = client.readResponse();
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QCOMPARE(response->body, digestOf(body));
}

void TestHttpBody::chunkedRequestBody()
{
    HttpServer server(fastOptions());
    server.route("POST", "/echo", digest);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    TestClient client(server.serverPort());
    QByteArray body;
    for (int i = 0; i < 5000; ++i)
        body += char('0' + i % 10);
    client.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked(body, 777));
    auto response = client.readResponse();
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QCOMPARE(response->body, digestOf(body));
    // The same again byte by byte, so chunk headers are split too.
    const QByteArray request = "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked(body.left(200), 7);
    for (char c : request) {
        client.send(QByteArray(1, c));
        QCoreApplication::processEvents();
    }
    response = client.readResponse();
    QVERIFY(response);
    QCOMPARE(response->body, digestOf(body.left(200)));
}

void TestHttpBody::chunkedBodyOverLimit()
{
    HttpServer server(fastOptions());
    server.route("POST", "/echo", digest).body(BodyPolicy::memory(100));
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    TestClient client(server.serverPort());
    client.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked(QByteArray(500, 'z'), 50));
    const auto response = client.readResponse();
    QVERIFY(response);
    QCOMPARE(response->status, 413);
}

void TestHttpBody::fileSinkSpoolsAndCleansUp()
{
    QTemporaryDir spool;
    HttpServer server(fastOptions(spool.path()));
    QString spooledName;
    server.route("PUT", "/file", [&](const Request &req, Responder &res) {
        QTemporaryFile *file = req.bodyFile();
        spooledName = file->fileName();
        const QByteArray content = file->readAll();
        res.send(200, "text/plain", digestOf(content));
    }).body(BodyPolicy::file(10 << 20));
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    TestClient client(server.serverPort());
    QByteArray body(3 << 20, Qt::Uninitialized);
    for (qsizetype i = 0; i < body.size(); ++i)
        body[i] = char(i * 7 + i / 4096);
    client.send("PUT /file HTTP/1.1\r\nHost: x\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n");
    client.send(body);
    const auto response = client.readResponse(false, 10000);
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QCOMPARE(response->body, digestOf(body));
    QVERIFY(spooledName.startsWith(spool.path()));
    QVERIFY(waitUntil([&] { return !QFile::exists(spooledName); }));
}

// Files this process holds open under dir. QTemporaryFile may be unnamed (O_TMPFILE) until
// someone asks for its name, so open descriptors are what shows it exists.
int openFilesUnder(const QString &dir)
{
    int count = 0;
    const QDir fds(QStringLiteral("/proc/self/fd"));
    for (const QString &fd : fds.entryList(QDir::System | QDir::Files | QDir::NoDotAndDotDot)) {
        if (QFile::symLinkTarget(fds.filePath(fd)).startsWith(dir))
            ++count;
    }
    return count;
}

void TestHttpBody::disconnectMidBodyRemovesTempFile()
{
    QTemporaryDir spool;
    HttpServer server(fastOptions(spool.path()));
    bool handlerRan = false;
    server.route("PUT", "/file", [&](const Request &, Responder &res) {
        handlerRan = true;
        res.send(200, "text/plain", "ok");
    }).body(BodyPolicy::file(10 << 20));
    bool consumerDestroyed = false;
    struct Watch : CountingConsumer
    {
        Watch(QList<qsizetype> *pieces, bool *destroyed) : CountingConsumer(pieces), m_destroyed(destroyed) {}
        ~Watch() override { *m_destroyed = true; }
        bool *m_destroyed;
    };
    QList<qsizetype> pieces;
    server.route("PUT", "/stream", [&](const Request &, Responder &res) {
        handlerRan = true;
        res.send(200, "text/plain", "ok");
    }).body(BodyPolicy::stream([&](const Request &) { return std::make_unique<Watch>(&pieces, &consumerDestroyed); }, 10 << 20));
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    {
        TestClient client(server.serverPort());
        client.send("PUT /file HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n\r\n" + QByteArray(300000, 'p'));
        QVERIFY(waitUntil([&] { return openFilesUnder(spool.path()) == 1; }));
        client.socket().abort();
    }
    QVERIFY(waitUntil([&] { return server.openConnections() == 0; }));
    QCOMPARE(openFilesUnder(spool.path()), 0);
    QVERIFY(QDir(spool.path()).entryList(QDir::Files | QDir::Hidden).isEmpty());
    {
        TestClient client(server.serverPort());
        client.send("PUT /stream HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n\r\n" + QByteArray(3000, 'p'));
        QVERIFY(waitUntil([&] { return !pieces.isEmpty(); }));
        QVERIFY(!consumerDestroyed);
        client.socket().abort();
    }
    QVERIFY(waitUntil([&] { return consumerDestroyed; }));
    QVERIFY(!handlerRan);
}

void TestHttpBody::consumerSeesPiecesAndCanRefuse()
{
    HttpServer server(fastOptions());
    QList<qsizetype> pieces;
    CountingConsumer *last = nullptr;
    server.route("PUT", "/stream", [&](const Request &req, Responder &res) {
        auto *consumer = static_cast<CountingConsumer *>(req.bodyConsumer());
        QVERIFY(consumer->finished());
        res.send(200, "text/plain", consumer->digest());
    }).body(BodyPolicy::stream([&](const Request &) {
        auto consumer = std::make_unique<CountingConsumer>(&pieces);
        last = consumer.get();
        return consumer;
    }, 1 << 20));
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    TestClient client(server.serverPort());
    client.send("PUT /stream HTTP/1.1\r\nHost: x\r\nContent-Length: 6\r\n\r\nabc");
    QVERIFY(waitUntil([&] { return !pieces.isEmpty(); })); // seen before the body is complete
    QCOMPARE(pieces, QList<qsizetype>{3});
    client.send("def");
    auto response = client.readResponse();
    QVERIFY(response);
    QCOMPARE(response->body, QCryptographicHash::hash("abcdef", QCryptographicHash::Sha256).toHex());
    QVERIFY(last);

    client.send("PUT /stream HTTP/1.1\r\nHost: x\r\nContent-Length: 6\r\n\r\nxxBADx");
    response = client.readResponse();
    QVERIFY(response);
    QCOMPARE(response->status, 422);
    QCOMPARE(response->body, QByteArray(R"({"message":"bad chunk signature"})"));
}

void TestHttpBody::consumerBufferIsReadInto()
{
    // A plain body goes into the consumer's own buffer (all but what came with the head), a
    // request pipelined right behind it is still answered, and a chunked body, which the parser
    // must see first, is handed over from the engine's buffer as before.
    HttpServer server(fastOptions());
    OwnBufferConsumer *last = nullptr;
    server.route("PUT", "/own", [&](const Request &req, Responder &res) {
        auto *consumer = static_cast<OwnBufferConsumer *>(req.bodyConsumer());
        res.send(200, "text/plain",
                 QByteArray::number(consumer->ownBytes) + ' ' + QByteArray::number(consumer->misplaced) + ' ' + consumer->digest());
    }).body(BodyPolicy::stream([&](const Request &) {
        auto consumer = std::make_unique<OwnBufferConsumer>();
        last = consumer.get();
        return consumer;
    }, 1 << 20));
    server.route("GET", "/plain", [](const Request &, Responder &res) { res.send(200, "text/plain", "next"); });
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    TestClient client(server.serverPort());

    QByteArray body(100000, Qt::Uninitialized);
    for (qsizetype i = 0; i < body.size(); ++i)
        body[i] = char('a' + i % 23);
    const QByteArray sha = QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex();
    client.send("PUT /own HTTP/1.1\r\nHost: x\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n");
    QVERIFY(waitUntil([&] { return last != nullptr; }));
    client.send(body.left(30000));
    client.send(body.mid(30000) + "GET /plain HTTP/1.1\r\nHost: x\r\n\r\n");
    auto response = client.readResponse();
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QCOMPARE(response->body, QByteArray::number(body.size()) + " 0 " + sha); // every byte read into the consumer's buffer
    response = client.readResponse();
    QVERIFY(response);
    QCOMPARE(response->body, QByteArray("next"));

    client.send("PUT /own HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked(body, 7000));
    response = client.readResponse();
    QVERIFY(response);
    QCOMPARE(response->body, "0 0 " + sha);
}

void TestHttpBody::authHookRefusesBeforeBody()
{
    QTemporaryDir spool;
    HttpServer server(fastOptions(spool.path()));
    int consumersMade = 0;
    server.route("PUT", "/secure", digest)
        .auth([](const Request &req) -> std::optional<Response> {
            if (req.header("Authorization") == "Bearer good")
                return std::nullopt;
            return Response::json(401, R"({"message":"bad key"})");
        })
        .body(BodyPolicy::stream([&](const Request &) -> std::unique_ptr<BodyConsumer> {
            ++consumersMade;
            return nullptr;
        }, 1 << 30));
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    TestClient client(server.serverPort());
    // With 100-continue the refusal comes before the client sends a single body byte.
    client.send("PUT /secure HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000000\r\nExpect: 100-continue\r\n\r\n");
    const auto response = client.readResponse();
    QVERIFY(response);
    QCOMPARE(response->status, 401);
    QCOMPARE(response->body, QByteArray(R"({"message":"bad key"})"));
    QVERIFY(client.waitForDisconnected());
    QCOMPARE(consumersMade, 0);
}

void TestHttpBody::consumerHoldingBackIsWaitedFor()
{
    // The engine stops reading while the consumer holds back, resumes when it is called back
    // from the other thread, and calls finish() only once everything was taken.
    HttpServer server(fastOptions());
    PacedConsumer *consumer = nullptr;
    server.route("PUT", "/paced", [&](const Request &req, Responder &res) {
        auto *c = static_cast<PacedConsumer *>(req.bodyConsumer());
        res.send(200, "text/plain", c->digest());
    }).body(BodyPolicy::stream([&](const Request &) {
        auto made = std::make_unique<PacedConsumer>();
        consumer = made.get();
        return made;
    }, 64 << 20));
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    QByteArray body(6 << 20, Qt::Uninitialized);
    for (qsizetype i = 0; i < body.size(); ++i)
        body[i] = char(i * 7 + (i >> 10));
    TestClient client(server.serverPort());
    // Twice on one connection: the second request starts cleanly after a held first one.
    for (int round = 0; round < 2; ++round) {
        client.send("PUT /paced HTTP/1.1\r\nHost: x\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        const auto response = client.readResponse(false, 20000);
        QVERIFY(response);
        QCOMPARE(response->status, 200);
        QCOMPARE(response->body, QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex());
        QVERIFY(consumer);
        QVERIFY(consumer->holds > 0);
        QVERIFY(consumer->finishHolds > 0 || consumer->holds > 1);
        QCOMPARE(consumer->violations, 0);
    }
}

void TestHttpBody::clientGoneWhileHeldBack()
{
    // A client that leaves while the body is held: the consumer goes, the connection goes, and
    // a resume that comes after that is a no-op.
    HttpServer server(fastOptions());
    bool handlerRan = false;
    std::function<void()> resume;
    bool destroyed = false;
    PacedConsumer *made = nullptr;
    struct Watch : PacedConsumer
    {
        explicit Watch(bool *destroyed, std::function<void()> *resume) : m_destroyed(destroyed), m_resume(resume)
        {
            neverResume = true;
        }
        ~Watch() override
        {
            *m_resume = savedResume;
            *m_destroyed = true;
        }
        bool *m_destroyed;
        std::function<void()> *m_resume;
    };
    server.route("PUT", "/paced", [&](const Request &, Responder &res) {
        handlerRan = true;
        res.send(200, "text/plain", "ok");
    }).body(BodyPolicy::stream([&](const Request &) {
        auto watch = std::make_unique<Watch>(&destroyed, &resume);
        made = watch.get();
        return watch;
    }, 64 << 20));
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    {
        TestClient client(server.serverPort());
        client.send("PUT /paced HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000\r\n\r\n" + QByteArray(200000, 'p'));
        QVERIFY(waitUntil([&] { return made && made->holds > 0; })); // body bytes in, held
        client.socket().abort();
    }
    QVERIFY(waitUntil([&] { return destroyed && server.openConnections() == 0; }));
    QVERIFY(!handlerRan);
    QVERIFY(resume); // it did hold back
    resume();        // the connection is gone: nothing may happen
    QCoreApplication::processEvents();
    QCOMPARE(server.openConnections(), 0);
}

void TestHttpBody::contentEncodingDecoded_data()
{
    QTest::addColumn<QByteArray>("encoding");
    QTest::addColumn<QByteArray>("compressed");
    QTest::addColumn<QByteArray>("plain");
    QByteArray plain;
    for (int i = 0; i < 20000; ++i)
        plain += "event " + QByteArray::number(i) + " ";
    QTest::newRow("gzip") << QByteArray("gzip") << zlibCompress(plain, 15 + 16) << plain;
    QTest::newRow("deflate-zlib") << QByteArray("deflate") << zlibCompress(plain, 15) << plain;
    QTest::newRow("deflate-raw") << QByteArray("deflate") << zlibCompress(plain, -15) << plain;
    QTest::newRow("br") << QByteArray("br") << brotliCompress(plain) << plain;
    QTest::newRow("identity") << QByteArray("identity") << plain << plain;
}

void TestHttpBody::contentEncodingDecoded()
{
    QFETCH(QByteArray, encoding);
    QFETCH(QByteArray, compressed);
    QFETCH(QByteArray, plain);
    HttpServer server(fastOptions());
    server.route("POST", "/envelope", digest).body(BodyPolicy::memory(1 << 20).decoded(4 << 20));
    server.route("POST", "/raw", digest).body(BodyPolicy::memory(1 << 20));
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    TestClient client(server.serverPort());
    client.send(post("/envelope", compressed, "Content-Encoding: " + encoding + "\r\n"));
    auto response = client.readResponse();
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QCOMPARE(response->body, digestOf(plain));
    // In 1-byte chunks as well, so every decoder resumes mid-stream.
    client.send("POST /envelope HTTP/1.1\r\nHost: x\r\nContent-Encoding: " + encoding
                + "\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked(compressed.left(2000) + compressed.mid(2000), 1));
    response = client.readResponse();
    QVERIFY(response);
    QCOMPARE(response->body, digestOf(plain));
    // Routes that do not ask for decoding get the bytes as sent.
    client.send(post("/raw", compressed, "Content-Encoding: " + encoding + "\r\n"));
    response = client.readResponse();
    QVERIFY(response);
    QCOMPARE(response->body, digestOf(compressed));
}

void TestHttpBody::zipBombRefused()
{
    HttpServer server(fastOptions());
    server.route("POST", "/envelope", digest).body(BodyPolicy::memory(1 << 20).decoded(1 << 20));
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    const QByteArray zeros(64 << 20, '\0'); // 64 MiB of zeros is ~64 KiB gzipped
    const QByteArrayList encodings{"gzip", "br"};
    for (const QByteArray &encoding : encodings) {
        const QByteArray bomb = encoding == "br" ? brotliCompress(zeros) : zlibCompress(zeros, 15 + 16);
        QVERIFY(bomb.size() < (1 << 20));
        TestClient client(server.serverPort());
        client.send(post("/envelope", bomb, "Content-Encoding: " + encoding + "\r\n"));
        const auto response = client.readResponse();
        QVERIFY(response);
        QCOMPARE(response->status, 413);
        QVERIFY(response->body.contains("decoded request body"));
    }
}

void TestHttpBody::corruptCompressedBodyGets400()
{
    HttpServer server(fastOptions());
    server.route("POST", "/envelope", digest).body(BodyPolicy::memory(1 << 20).decoded(1 << 20));
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    TestClient client(server.serverPort());
    client.send(post("/envelope", "this is not gzip at all", "Content-Encoding: gzip\r\n"));
    auto response = client.readResponse();
    QVERIFY(response);
    QCOMPARE(response->status, 400);
    TestClient truncated(server.serverPort());
    truncated.send(post("/envelope", zlibCompress(QByteArray(10000, 'a'), 31).left(20), "Content-Encoding: gzip\r\n"));
    response = truncated.readResponse();
    QVERIFY(response);
    QCOMPARE(response->status, 400);
}

void TestHttpBody::unsupportedEncodingGets415()
{
    HttpServer server(fastOptions());
    server.route("POST", "/envelope", digest).body(BodyPolicy::memory(1 << 20).decoded(1 << 20));
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    TestClient client(server.serverPort());
    client.send(post("/envelope", "abc", "Content-Encoding: zstd\r\n"));
    const auto response = client.readResponse();
    QVERIFY(response);
    QCOMPARE(response->status, 415);
}

QTEST_GUILESS_MAIN(TestHttpBody)
#include "tst_http_body.moc"
