// HttpClient against the engine's own HttpServer on 127.0.0.1: answers and bodies, keep-alive
// reuse, many requests in flight at once on as many connections (more than
// QNetworkAccessManager's six per host), bodies passed on piece by piece as they arrive, POST
// bodies, refused connections, connect and inactivity timeouts, abort, and a server closing idle
// connections.
#include "http/http_client.h"
#include "http/http_server.h"

#include <QScopeGuard>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <memory>
#include <optional>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace homeport::http;

namespace {

HttpServerOptions options(int idleMs = 5000)
{
    HttpServerOptions o;
    o.serviceName = QStringLiteral("test");
    o.idleTimeoutMs = idleMs;
    o.headerTimeoutMs = 2000;
    return o;
}

struct Result
{
    bool done = false;
    ClientError error = ClientError::None;
    QString message;
    int status = 0;
    HeaderList headers;
    QByteArray body;
    QList<QByteArray> pieces;
};

std::shared_ptr<Result> watch(const std::shared_ptr<ClientCall> &call)
{
    auto r = std::make_shared<Result>();
    call->onHead = [r](int status, const HeaderList &headers) {
        r->status = status;
        r->headers = headers;
    };
    call->onBody = [r](const char *data, qsizetype size) {
        r->body.append(data, size);
        r->pieces.append(QByteArray(data, size));
    };
    call->onDone = [r](ClientError error, const QString &message) {
        r->done = true;
        r->error = error;
        r->message = message;
    };
    return r;
}

ClientRequest get(quint16 port, const QString &path)
{
    ClientRequest request;
    request.url = QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path));
    return request;
}

} // namespace

class TestHttpClient : public QObject
{
    Q_OBJECT
private slots:
    void answersOnOneKeptAliveConnection()
    {
        HttpServer server(options());
        server.route("GET", "/hello/{who}", [](const Request &req, Responder &res) {
            Response r(200, "text/plain", "hello " + req.capture(QStringLiteral("who")).toUtf8());
            r.setHeader("X-Answer", "yes");
            res.send(std::move(r));
        });
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        HttpClient client;
        for (const char *who : {"a", "b", "c"}) {
            auto r = watch(client.send(get(server.serverPort(), QStringLiteral("/hello/") + QLatin1String(who))));
            QVERIFY(QTest::qWaitFor([r] { return r->done; }, 5000));
            QCOMPARE(r->error, ClientError::None);
            QCOMPARE(r->status, 200);
            QCOMPARE(r->body, QByteArray("hello ") + who);
            QCOMPARE(headerValue(r->headers, "x-answer"), QByteArray("yes"));
        }
        QCOMPARE(client.openConnections(), 1);
        QCOMPARE(client.idleConnections(), 1);
        QCOMPARE(server.openConnections(), 1);
    }

    void manyRequestsInFlightGetAConnectionEach()
    {
        // The server answers only once all of them arrived: a client capped at six per host
        // would wait forever.
        constexpr int kRequests = 40;
        HttpServer server(options());
        QList<Responder> held;
        server.route("GET", "/gather", [&held](const Request &, Responder &res) {
            held.append(res);
            if (held.size() == kRequests) {
                for (Responder &r : held)
                    r.send(200, "text/plain", "together");
                held.clear();
            }
        });
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        HttpClient client;
        QList<std::shared_ptr<Result>> results;
        QList<std::shared_ptr<ClientCall>> calls;
        for (int i = 0; i < kRequests; ++i) {
            calls << client.send(get(server.serverPort(), QStringLiteral("/gather")));
            results << watch(calls.last());
        }
        QVERIFY(QTest::qWaitFor([&] { return std::all_of(results.begin(), results.end(), [](auto &r) { return r->done; }); }, 10000));
        for (const auto &r : results) {
            QCOMPARE(r->error, ClientError::None);
            QCOMPARE(r->body, QByteArray("together"));
        }
        QCOMPARE(client.openConnections(), kRequests);
    }

    void aStreamedBodyArrivesPieceByPiece()
    {
        HttpServer server(options());
        std::optional<Responder> streaming;
        server.route("GET", "/events", [&streaming](const Request &, Responder &res) {
            Response head;
            head.setHeader("Content-Type", "text/event-stream");
            res.beginChunked(std::move(head));
            res.write("data: one\n\n");
            streaming = res;
        });
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        HttpClient client;
        auto call = client.send(get(server.serverPort(), QStringLiteral("/events")));
        auto r = watch(call);
        // The first event arrives while the server still holds the stream open.
        QVERIFY(QTest::qWaitFor([r] { return r->body == "data: one\n\n"; }, 5000));
        QCOMPARE(r->status, 200);
        QVERIFY(!r->done);
        streaming->write("data: two\n\n");
        QVERIFY(QTest::qWaitFor([r] { return r->body == "data: one\n\ndata: two\n\n"; }, 5000));
        QVERIFY(!r->done);
        streaming->end();
        QVERIFY(QTest::qWaitFor([r] { return r->done; }, 5000));
        QCOMPARE(r->error, ClientError::None);
        QVERIFY(r->pieces.size() >= 2);
        QCOMPARE(client.idleConnections(), 1); // chunked framing ended: reusable
    }

    void postsABody()
    {
        HttpServer server(options());
        server.route("POST", "/echo", [](const Request &req, Responder &res) {
            res.send(201, "application/json", req.header("Content-Type") + " " + req.body());
        }).body(BodyPolicy::memory(1 << 20));
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        HttpClient client;
        ClientRequest request = get(server.serverPort(), QStringLiteral("/echo?x=1"));
        request.method = "POST";
        request.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
        request.body = QByteArray(100'000, 'x');
        auto r = watch(client.send(request));
        QVERIFY(QTest::qWaitFor([r] { return r->done; }, 5000));
        QCOMPARE(r->status, 201);
        QCOMPARE(r->body, "application/json " + QByteArray(100'000, 'x'));
    }

    void aConnectionNeverAcceptedIsAConnectTimeout()
    {
        // A listener that never accepts, with its accept queue full: Linux drops further SYNs, so
        // a connection neither completes nor is refused (a pod whose machine is overloaded).
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        QVERIFY(fd >= 0);
        auto closeFd = qScopeGuard([fd] { ::close(fd); });
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        QCOMPARE(::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr), 0);
        QCOMPARE(::listen(fd, 0), 0);
        socklen_t length = sizeof addr;
        QCOMPARE(::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &length), 0);
        const quint16 port = ntohs(addr.sin_port);
        std::vector<std::unique_ptr<QTcpSocket>> queued;
        bool full = false;
        for (int i = 0; i < 16 && !full; ++i) {
            queued.push_back(std::make_unique<QTcpSocket>());
            queued.back()->connectToHost(QHostAddress::LocalHost, port);
            full = !queued.back()->waitForConnected(300);
        }
        if (!full)
            QSKIP("this kernel completed every connection to a listener that does not accept");

        HttpClient client;
        ClientRequest request = get(port, QStringLiteral("/"));
        request.connectTimeoutMs = 300;
        auto r = watch(client.send(request));
        QVERIFY(QTest::qWaitFor([r] { return r->done; }, 5000));
        QCOMPARE(r->error, ClientError::ConnectTimeout);
        QCOMPARE(r->message, QStringLiteral("no connection within 300 ms"));
        QCOMPARE(r->status, 0);
    }

    void aRefusedConnectionIsReported()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        const quint16 port = closed.serverPort();
        closed.close();
        HttpClient client;
        auto r = watch(client.send(get(port, QStringLiteral("/"))));
        QVERIFY(QTest::qWaitFor([r] { return r->done; }, 5000));
        QCOMPARE(r->error, ClientError::ConnectionRefused);
        QCOMPARE(r->status, 0);
        QCOMPARE(client.openConnections(), 0);
    }

    void silenceIsATimeoutAndAbortIsQuiet()
    {
        HttpServer server(options());
        QList<Responder> never;
        bool aborted = false;
        server.route("GET", "/never", [&](const Request &, Responder &res) {
            res.onAborted([&aborted] { aborted = true; });
            never.append(res);
        });
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        HttpClient client;
        ClientRequest request = get(server.serverPort(), QStringLiteral("/never"));
        request.inactivityTimeoutMs = 200;
        auto r = watch(client.send(request));
        QVERIFY(QTest::qWaitFor([r] { return r->done; }, 5000));
        QCOMPARE(r->error, ClientError::Timeout);

        auto call = client.send(get(server.serverPort(), QStringLiteral("/never")));
        auto quiet = watch(call);
        QVERIFY(QTest::qWaitFor([&] { return never.size() == 2; }, 5000));
        aborted = false;
        call->abort();
        QVERIFY(QTest::qWaitFor([&] { return aborted; }, 5000)); // the server saw the connection go
        QTest::qWait(50);
        QVERIFY(!quiet->done);
    }

    void connectionsTheServerClosedAreNotUsed()
    {
        // The server drops idle connections after 100 ms; the client's requests after that
        // still succeed (on a new connection).
        HttpServer server(options(100));
        server.route("GET", "/hello", [](const Request &, Responder &res) { res.send(200, "text/plain", "hi"); });
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        HttpClient client;
        client.setIdleConnectionMs(60'000);
        for (int round = 0; round < 3; ++round) {
            auto r = watch(client.send(get(server.serverPort(), QStringLiteral("/hello"))));
            QVERIFY(QTest::qWaitFor([r] { return r->done; }, 5000));
            QCOMPARE(r->error, ClientError::None);
            QCOMPARE(r->body, QByteArray("hi"));
            QTest::qWait(300);
        }
        QVERIFY(client.openConnections() <= 1);
    }

    void idleConnectionsCloseAfterTheirTime()
    {
        HttpServer server(options());
        server.route("GET", "/hello", [](const Request &, Responder &res) { res.send(200, "text/plain", "hi"); });
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        HttpClient client;
        client.setIdleConnectionMs(100);
        auto r = watch(client.send(get(server.serverPort(), QStringLiteral("/hello"))));
        QVERIFY(QTest::qWaitFor([r] { return r->done; }, 5000));
        QCOMPARE(client.idleConnections(), 1);
        QVERIFY(QTest::qWaitFor([&] { return client.openConnections() == 0; }, 5000));
        QVERIFY(QTest::qWaitFor([&] { return server.openConnections() == 0; }, 5000));
    }
};

QTEST_GUILESS_MAIN(TestHttpClient)
#include "tst_http_client.moc"
