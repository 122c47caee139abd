// Connection handling, routing, errors, CORS, WebSocket hand-off and metrics of HttpServer.
#include "http/http_server.h"
#include "http_test_client.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include "core/metrics.h"

#include <QLocale>
#include <QSignalSpy>
#include <QTimeZone>
#include <QTest>
#include <QWebSocket>

using namespace homeport::http;
using namespace homeport::http::test;

namespace {

HttpServerOptions fastOptions()
{
    HttpServerOptions options;
    options.serviceName = QStringLiteral("test");
    options.idleTimeoutMs = 2000;
    options.headerTimeoutMs = 2000;
    return options;
}

void hello(const Request &, Responder &res)
{
    res.send(200, "text/plain", "Hello, World!");
}

} // namespace

class TestHttpServer : public QObject
{
    Q_OBJECT

private slots:
    void keepAliveServesManyRequests();
    void pipelinedRequestsAnswerInOrder();
    void http10ClosesUnlessKeepAlive();
    void connectionCloseIsHonoured();
    void idleConnectionIsClosed();
    void slowHeaderGets408();
    void connectionCapRefusesWith503();
    void burstOfConnectionsIsQueuedByTheKernel();
    void shutdownFinishesInFlightResponse();
    void oversizedHeaderGets431();
    void malformedRequestLineGets400();
    void dateAndServerHeaders();
    void headHasLengthButNoBody();
    void errorFormatterRendersEngineErrors();
    void notFoundVersusMethodNotAllowed();
    void capturesQueryAndCatchAll();
    void fallbackHandlesUnknownPaths();
    void corsPreflightAndActual();
    void webSocketUpgradeOnSamePort();
    void webSocketIdleBuffersReleased(); // and LowDelay on accepted sockets
    void metricsAreRecorded();
    void listenReportsPortInUse();
    void handlerThatNeverAnswersGets500();
};

void TestHttpServer::keepAliveServesManyRequests()
{
    HttpServer server(fastOptions());
    server.route("GET", "/hello", hello);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    TestClient client(server.serverPort());
    for (int i = 0; i < 20; ++i) {
        client.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
        const auto response = client.readResponse();
        QVERIFY(response);
        QCOMPARE(response->status, 200);
        QCOMPARE(response->body, QByteArray("Hello, World!"));
        QCOMPARE(response->header("Content-Length"), QByteArray("13"));
        QVERIFY(!response->hasHeader("Connection"));
    }
    QVERIFY(client.isConnected());
    QCOMPARE(server.openConnections(), 1);
}

void TestHttpServer::pipelinedRequestsAnswerInOrder()
{
    HttpServer server(fastOptions());
    // The first answer is asynchronous and late: the second must still come after it.
    server.route("GET", "/slow", [](const Request &, Responder &res) {
        QTimer::singleShot(50, [res]() mutable { res.send(200, "text/plain", "slow"); });
    });
    server.route("GET", "/echo/{word}", [](const Request &req, Responder &res) {
        res.send(200, "text/plain", req.capture("word").toUtf8());
    });
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    TestClient client(server.serverPort());
    client.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\nGET /echo/one HTTP/1.1\r\nHost: x\r\n\r\n"
                "GET /echo/two HTTP/1.1\r\nHost: x\r\n\r\n");
    const QByteArrayList expected{"slow", "one", "two"};
    for (const QByteArray &body : expected) {
        const auto response = client.readResponse();
        QVERIFY(response);
        QCOMPARE(response->body, body);
    }
}

void TestHttpServer::http10ClosesUnlessKeepAlive()
{
    HttpServer server(fastOptions());
    server.route("GET", "/hello", hello);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    {
        TestClient client(server.serverPort());
        client.send("GET /hello HTTP/1.0\r\n\r\n");
        const auto response = client.readResponse();
        QVERIFY(response);
        QCOMPARE(response->body, QByteArray("Hello, World!"));
        QCOMPARE(response->header("Connection"), QByteArray("close"));
        QVERIFY(client.waitForDisconnected());
    }
    TestClient client(server.serverPort());
    client.send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    auto response = client.readResponse();
    QVERIFY(response);
    QCOMPARE(response->header("Connection"), QByteArray("keep-alive"));
    client.send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    response = client.readResponse();
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QVERIFY(client.isConnected());
}

void TestHttpServer::connectionCloseIsHonoured()
{
    HttpServer server(fastOptions());
    server.route("GET", "/hello", hello);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    TestClient client(server.serverPort());
    client.send("GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    const auto response = client.readResponse();
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QCOMPARE(response->header("Connection"), QByteArray("close"));
    QVERIFY(client.waitForDisconnected());
    QVERIFY(waitUntil([&] { return server.openConnections() == 0; }));
}

void TestHttpServer::idleConnectionIsClosed()
{
    HttpServerOptions options = fastOptions();
    options.idleTimeoutMs = 150;
    HttpServer server(options);
    server.route("GET", "/hello", hello);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    TestClient client(server.serverPort());
    client.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
    QVERIFY(client.readResponse());
    QElapsedTimer timer;
    timer.start();
    QVERIFY(client.waitForDisconnected(3000));
    QVERIFY2(timer.elapsed() >= 100, "closed before the idle timeout");
    QVERIFY(client.buffer().isEmpty()); // an idle close says nothing
}

void TestHttpServer::slowHeaderGets408()
{
    HttpServerOptions options = fastOptions();
    options.headerTimeoutMs = 200;
    HttpServer server(options);
    server.route("GET", "/hello", hello);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    TestClient client(server.serverPort());
    // A byte every 50 ms keeps the connection busy but never finishes the head in time.
    const QByteArray head = "GET /hello HTTP/1.1\r\nHost: x\r\nX-Slow: 1234567890\r\n\r\n";
    QElapsedTimer timer;
    timer.start();
    for (qsizetype i = 0; i < head.size() && client.isConnected() && client.buffer().isEmpty(); ++i) {
        client.send(head.mid(i, 1));
        QTest::qWait(50);
    }
    const auto response = client.readResponse();
    QVERIFY(response);
    QCOMPARE(response->status, 408);
    QVERIFY(timer.elapsed() < 2000);
    QVERIFY(client.waitForDisconnected());
}

void TestHttpServer::connectionCapRefusesWith503()
{
    HttpServerOptions options = fastOptions();
    options.maxConnections = 2;
    HttpServer server(options);
    server.route("GET", "/hello", hello);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    TestClient a(server.serverPort());
    TestClient b(server.serverPort());
    QVERIFY(waitUntil([&] { return server.openConnections() == 2; }));
    TestClient c(server.serverPort());
    const auto refused = c.readResponse();
    QVERIFY(refused);
    QCOMPARE(refused->status, 503);
    QVERIFY(refused->body.contains("too many open connections"));
    QCOMPARE(refused->header("Connection"), QByteArray("close"));
    QVERIFY(c.waitForDisconnected());
    // The admitted ones still work.
    a.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
    const auto ok = a.readResponse();
    QVERIFY(ok);
    QCOMPARE(ok->status, 200);
}

void TestHttpServer::burstOfConnectionsIsQueuedByTheKernel()
{
    // While the server's thread is busy (here: this test, which runs no event loop) the kernel
    // completes handshakes only up to the listen backlog; with Qt's default of 50 the rest
    // would wait for SYN retransmits (seen: 51 of 200 connected).
    HttpServer server(fastOptions());
    server.route("GET", "/hello", hello);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    constexpr int kBurst = 200;
    std::vector<std::unique_ptr<QTcpSocket>> clients;
    for (int i = 0; i < kBurst; ++i) {
        clients.push_back(std::make_unique<QTcpSocket>());
        clients.back()->connectToHost(QHostAddress::LocalHost, server.serverPort());
    }
    int connected = 0;
    for (const auto &client : clients)
        connected += client->waitForConnected(500) ? 1 : 0;
    QCOMPARE(connected, kBurst);
    // And once the loop runs, every one of them is served.
    for (const auto &client : clients)
        client->write("GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    QVERIFY(waitUntil([&] {
        int answered = 0;
        for (const auto &client : clients)
            answered += client->state() == QAbstractSocket::UnconnectedState || client->bytesAvailable() > 0 ? 1 : 0;
        return answered == kBurst;
    }, 10000));
}

void TestHttpServer::shutdownFinishesInFlightResponse()
{
    HttpServer server(fastOptions());
    std::optional<Responder> pending;
    server.route("GET", "/later", [&](const Request &, Responder &res) { pending = res; });
    server.route("GET", "/hello", hello);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    TestClient busy(server.serverPort());
    TestClient idle(server.serverPort());
    busy.send("GET /later HTTP/1.1\r\nHost: x\r\n\r\n");
    QVERIFY(waitUntil([&] { return pending.has_value() && server.openConnections() == 2; }));

    QSignalSpy stopped(&server, &HttpServer::stopped);
    server.shutdown(3000);
    QVERIFY(!server.isListening());
    QVERIFY(idle.waitForDisconnected()); // idle keep-alive connections close at once
    QVERIFY(busy.isConnected());
    QCOMPARE(stopped.count(), 0);

    pending->send(200, "text/plain", "finished");
    const auto response = busy.readResponse();
    QVERIFY(response);
    QCOMPARE(response->body, QByteArray("finished"));
    QCOMPARE(response->header("Connection"), QByteArray("close"));
    QVERIFY(busy.waitForDisconnected());
    QVERIFY(stopped.wait(2000) || stopped.count() == 1);
}

void TestHttpServer::oversizedHeaderGets431()
{
    HttpServerOptions options = fastOptions();
    options.headerLimitBytes = 1024;
    HttpServer server(options);
    server.route("GET", "/hello", hello);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    TestClient client(server.serverPort());
    client.send("GET /hello HTTP/1.1\r\nHost: x\r\nX-Big: " + QByteArray(2000, 'a') + "\r\n\r\n");
    const auto response = client.readResponse();
    QVERIFY(response);
    QCOMPARE(response->status, 431);
    QVERIFY(client.waitForDisconnected());
}

void TestHttpServer::malformedRequestLineGets400()
{
    HttpServer server(fastOptions());
    server.route("GET", "/hello", hello);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    const QByteArrayList garbage{
        "GET\r\n\r\n",
        "GET /hello HTTP/9.Z\r\n\r\n",
        "G(T /hello HTTP/1.1\r\n\r\n",
        "GET /hello HTTP/1.1\r\nBad Header Without Colon\r\n\r\n",
        "GET hello HTTP/1.1\r\nHost: x\r\n\r\n", // not an absolute path
    };
    for (const QByteArray &request : garbage) {
        TestClient client(server.serverPort());
        client.send(request);
        const auto response = client.readResponse();
        QVERIFY2(response, request.constData());
        QCOMPARE(response->status, 400);
        QVERIFY(client.waitForDisconnected());
    }
}

void TestHttpServer::dateAndServerHeaders()
{
    HttpServer server(fastOptions());
    server.route("GET", "/hello", hello);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    TestClient client(server.serverPort());
    client.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
    const auto response = client.readResponse();
    QVERIFY(response);
    QCOMPARE(response->header("Server"), QByteArray("Homeport/" HOMEPORT_VERSION));
    QDateTime date = QLocale::c().toDateTime(QString::fromLatin1(response->header("Date")),
                                             QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"));
    date.setTimeZone(QTimeZone::utc());
    QVERIFY2(date.isValid(), response->header("Date").constData());
    QVERIFY(qAbs(date.secsTo(QDateTime::currentDateTimeUtc())) < 5);
    QVERIFY(response->header("Date").endsWith(" GMT"));
}

void TestHttpServer::headHasLengthButNoBody()
{
    HttpServer server(fastOptions());
    server.route("GET", "/hello", hello);
    server.route("HEAD", "/object", [](const Request &, Responder &res) {
        res.send(Response(200, "application/octet-stream", {}).setHeader("Content-Length", "12345"));
    });
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    TestClient client(server.serverPort());
    client.send("HEAD /hello HTTP/1.1\r\nHost: x\r\n\r\n");
    auto response = client.readResponse(true);
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QCOMPARE(response->header("Content-Length"), QByteArray("13"));
    QVERIFY(response->body.isEmpty());
    // The next response parses cleanly only if no body bytes leaked after the HEAD answer.
    client.send("HEAD /object HTTP/1.1\r\nHost: x\r\n\r\n");
    response = client.readResponse(true);
    QVERIFY(response);
    QCOMPARE(response->header("Content-Length"), QByteArray("12345"));
    client.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
    response = client.readResponse();
    QVERIFY(response);
    QCOMPARE(response->body, QByteArray("Hello, World!"));
    QVERIFY(client.buffer().isEmpty());
}

void TestHttpServer::errorFormatterRendersEngineErrors()
{
    HttpServer server(fastOptions());
    server.route("GET", "/hello", hello);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    {
        TestClient client(server.serverPort());
        client.send("GET /nope HTTP/1.1\r\nHost: x\r\n\r\n");
        const auto response = client.readResponse();
        QVERIFY(response);
        QCOMPARE(response->status, 404);
        QCOMPARE(response->header("Content-Type"), QByteArray("application/json"));
        QCOMPARE(response->body, QByteArray(R"({"message":"no such resource: /nope"})"));
    }
    server.setErrorFormatter([](int status, const QString &message) {
        return Response(status, "application/xml",
                        "<Error><Code>" + QByteArray::number(status) + "</Code><Message>" + message.toUtf8() + "</Message></Error>");
    });
    TestClient client(server.serverPort());
    client.send("GET /nope HTTP/1.1\r\nHost: x\r\n\r\n");
    auto response = client.readResponse();
    QVERIFY(response);
    QCOMPARE(response->status, 404);
    QCOMPARE(response->body, QByteArray("<Error><Code>404</Code><Message>no such resource: /nope</Message></Error>"));
    client.send("GARBAGE\r\n\r\n");
    response = client.readResponse();
    QVERIFY(response);
    QCOMPARE(response->status, 400);
    QVERIFY(response->body.startsWith("<Error><Code>400</Code>"));
}

void TestHttpServer::notFoundVersusMethodNotAllowed()
{
    HttpServer server(fastOptions());
    server.route("GET", "/items/{id}", hello);
    server.route("DELETE", "/items/{id}", hello);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    TestClient client(server.serverPort());
    client.send("PUT /items/7 HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
    auto response = client.readResponse();
    QVERIFY(response);
    QCOMPARE(response->status, 405);
    QCOMPARE(response->header("Allow"), QByteArray("GET, DELETE, HEAD"));
    client.send("GET /items HTTP/1.1\r\nHost: x\r\n\r\n");
    response = client.readResponse();
    QVERIFY(response);
    QCOMPARE(response->status, 404);
    QVERIFY(client.isConnected()); // no body was pending, so the connection stays
}

void TestHttpServer::capturesQueryAndCatchAll()
{
    HttpServer server(fastOptions());
    QString seen;
    const auto record = [&](const Request &req, Responder &res) {
        QStringList parts;
        for (const auto &c : req.captures())
            parts << c.first + u'=' + c.second;
        seen = parts.join(u'|');
        res.send(200, "text/plain", seen.toUtf8());
    };
    server.route("GET", "/api/{project_id}/envelope/", record);
    server.route("GET", "/collections/{name}/documents/search", [&](const Request &req, Responder &res) {
        seen = req.queryValue("q") + u'|' + req.queryValues("filter_by").join(u',') + u'|'
            + (req.hasQueryItem("flag") ? QStringLiteral("flag") : QString()) + u'|' + QString::fromLatin1(req.rawQuery());
        res.send(200, "text/plain", seen.toUtf8());
    });
    server.route("GET", "/collections/{name}/documents/{id}", record);
    server.route("*", "/{bucket}/{key...}", record);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    TestClient client(server.serverPort());
    const auto get = [&](const QByteArray &method, const QByteArray &target) {
        client.send(method + ' ' + target + " HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
        const auto response = client.readResponse();
        return response ? response->status : -1;
    };
    QCOMPARE(get("GET", "/api/42/envelope/"), 200);
    QCOMPARE(seen, QStringLiteral("project_id=42"));
    QCOMPARE(get("GET", "/collections/books/documents/search?q=hello+w%C3%B6rld&filter_by=a&filter_by=b%3A1&flag"), 200);
    QCOMPARE(seen, QStringLiteral("hello wörld|a,b:1|flag|q=hello+w%C3%B6rld&filter_by=a&filter_by=b%3A1&flag"));
    QCOMPARE(get("GET", "/collections/my%20books/documents/17"), 200);
    QCOMPARE(seen, QStringLiteral("name=my books|id=17"));
    QCOMPARE(get("PUT", "/photos/2024/summer/a%2Fb.jpg"), 200);
    QCOMPARE(seen, QStringLiteral("bucket=photos|key=2024/summer/a/b.jpg"));
    QCOMPARE(get("GET", "/photos/"), 200);
    QCOMPARE(seen, QStringLiteral("bucket=photos|key="));
    QCOMPARE(get("GET", "/photos"), 404); // the catch-all needs the slash after the bucket
}

void TestHttpServer::fallbackHandlesUnknownPaths()
{
    HttpServer server(fastOptions());
    server.route("GET", "/known", hello);
    server.setFallback([](const Request &req, Responder &res) {
        res.send(299, "text/plain", req.method() + ' ' + req.path().toUtf8());
    });
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    TestClient client(server.serverPort());
    client.send("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}");
    auto response = client.readResponse();
    QVERIFY(response);
    QCOMPARE(response->status, 299);
    QCOMPARE(response->body, QByteArray("POST /v1/chat/completions"));
    // A known path with the wrong method is still 405, not the fallback.
    client.send("DELETE /known HTTP/1.1\r\nHost: x\r\n\r\n");
    response = client.readResponse();
    QVERIFY(response);
    QCOMPARE(response->status, 405);
}

void TestHttpServer::corsPreflightAndActual()
{
    HttpServer server(fastOptions());
    server.route("GET", "/hello", hello);
    CorsPolicy cors;
    cors.allowedOrigins = {"https://app.example"};
    cors.allowedMethods = {"GET", "POST"};
    cors.allowedHeaders = {"*"};
    cors.exposedHeaders = {"X-Request-Id"};
    cors.maxAgeSeconds = 120;
    server.setCors(cors);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    TestClient client(server.serverPort());
    client.send("OPTIONS /hello HTTP/1.1\r\nHost: x\r\nOrigin: https://app.example\r\n"
                "Access-Control-Request-Method: POST\r\nAccess-Control-Request-Headers: content-type, x-api-key\r\n\r\n");
    auto response = client.readResponse();
    QVERIFY(response);
    QCOMPARE(response->status, 204);
    QCOMPARE(response->header("Access-Control-Allow-Origin"), QByteArray("https://app.example"));
    QCOMPARE(response->header("Access-Control-Allow-Methods"), QByteArray("GET, POST"));
    QCOMPARE(response->header("Access-Control-Allow-Headers"), QByteArray("content-type, x-api-key"));
    QCOMPARE(response->header("Access-Control-Max-Age"), QByteArray("120"));
    QCOMPARE(response->header("Vary"), QByteArray("Origin"));
    // Once each: the engine must not decorate the preflight answer a second time.
    QCOMPARE(std::count_if(response->headers.cbegin(), response->headers.cend(), [](const auto &h) {
                 return h.first.compare("Access-Control-Allow-Origin", Qt::CaseInsensitive) == 0;
             }), 1);
    QCOMPARE(std::count_if(response->headers.cbegin(), response->headers.cend(), [](const auto &h) {
                 return h.first.compare("Vary", Qt::CaseInsensitive) == 0;
             }), 1);

    client.send("GET /hello HTTP/1.1\r\nHost: x\r\nOrigin: https://app.example\r\n\r\n");
    response = client.readResponse();
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QCOMPARE(response->header("Access-Control-Allow-Origin"), QByteArray("https://app.example"));
    QCOMPARE(response->header("Access-Control-Expose-Headers"), QByteArray("X-Request-Id"));

    client.send("GET /hello HTTP/1.1\r\nHost: x\r\nOrigin: https://evil.example\r\n\r\n");
    response = client.readResponse();
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QVERIFY(!response->hasHeader("Access-Control-Allow-Origin"));

    client.send("OPTIONS /hello HTTP/1.1\r\nHost: x\r\nOrigin: https://evil.example\r\nAccess-Control-Request-Method: GET\r\n\r\n");
    response = client.readResponse();
    QVERIFY(response);
    QCOMPARE(response->status, 403);

    cors.allowedOrigins = {"*"};
    server.setCors(cors);
    client.send("GET /hello HTTP/1.1\r\nHost: x\r\nOrigin: https://any.example\r\n\r\n");
    response = client.readResponse();
    QVERIFY(response);
    QCOMPARE(response->header("Access-Control-Allow-Origin"), QByteArray("*"));
}

void TestHttpServer::webSocketUpgradeOnSamePort()
{
    HttpServer server(fastOptions());
    server.route("GET", "/hello", hello);
    QString upgradePath;
    QString protocolQuery;
    server.webSocket("/app/{key}", [&](const Request &req, QWebSocket *socket) {
        upgradePath = req.capture("key");
        protocolQuery = req.queryValue("protocol");
        QObject::connect(socket, &QWebSocket::textMessageReceived, socket,
                         [socket](const QString &text) { socket->sendTextMessage(QStringLiteral("echo:") + text); });
    }).auth([](const Request &req) -> std::optional<Response> {
        if (req.capture("key") == u"forbidden")
            return Response::json(403, R"({"message":"no"})");
        return std::nullopt;
    });
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    const QString base = QStringLiteral("ws://127.0.0.1:%1").arg(server.serverPort());

    QWebSocket ws;
    QSignalSpy connected(&ws, &QWebSocket::connected);
    QSignalSpy received(&ws, &QWebSocket::textMessageReceived);
    ws.open(QUrl(base + QStringLiteral("/app/my-key?protocol=7&client=js")));
    QVERIFY(connected.wait(3000));
    QCOMPARE(upgradePath, QStringLiteral("my-key"));
    QCOMPARE(protocolQuery, QStringLiteral("7"));
    ws.sendTextMessage(QStringLiteral("ping"));
    QVERIFY(received.wait(3000));
    QCOMPARE(received.first().first().toString(), QStringLiteral("echo:ping"));

    // REST on the same port still works while the WebSocket is open.
    TestClient client(server.serverPort());
    client.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
    const auto response = client.readResponse();
    QVERIFY(response);
    QCOMPARE(response->body, QByteArray("Hello, World!"));

    // The auth hook refuses before the hand-off.
    TestClient refused(server.serverPort());
    refused.send("GET /app/forbidden HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                 "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
    const auto denied = refused.readResponse();
    QVERIFY(denied);
    QCOMPARE(denied->status, 403);
    ws.close();
}

// The sweep gives an idle upgraded socket's empty Qt I/O buffers back; the WebSocket keeps working
// in both directions afterwards, for small and for large (multi-chunk) messages.
void TestHttpServer::webSocketIdleBuffersReleased()
{
    HttpServer server(fastOptions());
    server.webSocket("/ws", [&](const Request &, QWebSocket *socket) {
        QObject::connect(socket, &QWebSocket::textMessageReceived, socket,
                         [socket](const QString &text) { socket->sendTextMessage(QStringLiteral("echo:") + text); });
    });
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));

    QWebSocket ws;
    QSignalSpy connected(&ws, &QWebSocket::connected);
    QSignalSpy received(&ws, &QWebSocket::textMessageReceived);
    ws.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(server.serverPort())));
    QVERIFY(connected.wait(3000));
    // Accepted sockets have Nagle off, so frames are not held for the peer's delayed ACK. QWebSocket
    // does not expose its QTcpSocket: find the server end by its address pair and ask the kernel.
    int lowDelay = -1;
    for (int fd = 3; fd < 1024 && lowDelay < 0; ++fd) {
        sockaddr_in local{}, peer{};
        socklen_t localLength = sizeof local, peerLength = sizeof peer;
        if (::getsockname(fd, reinterpret_cast<sockaddr *>(&local), &localLength) != 0 || local.sin_family != AF_INET
            || ::getpeername(fd, reinterpret_cast<sockaddr *>(&peer), &peerLength) != 0)
            continue;
        if (ntohs(local.sin_port) != server.serverPort() || ntohs(peer.sin_port) != ws.localPort())
            continue;
        int flag = 0;
        socklen_t flagLength = sizeof flag;
        QCOMPARE(::getsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &flag, &flagLength), 0);
        lowDelay = flag ? 1 : 0;
    }
    QCOMPARE(lowDelay, 1);
    QCOMPARE(server.idleBuffersReleased(), 0u);

    const QString large(100 * 1024, QLatin1Char('x')); // several 16/32 KiB chunks each way
    for (int round = 0; round < 2; ++round) {
        const quint64 releasedBefore = server.idleBuffersReleased();
        QTRY_VERIFY_WITH_TIMEOUT(server.idleBuffersReleased() > releasedBefore, 5000);
        received.clear();
        ws.sendTextMessage(QStringLiteral("small"));
        QTRY_COMPARE_WITH_TIMEOUT(received.size(), 1, 3000);
        QCOMPARE(received.at(0).at(0).toString(), QStringLiteral("echo:small"));
        ws.sendTextMessage(large);
        QTRY_COMPARE_WITH_TIMEOUT(received.size(), 2, 3000);
        QCOMPARE(received.at(1).at(0).toString(), QStringLiteral("echo:") + large);
    }
    ws.close();
}

void TestHttpServer::metricsAreRecorded()
{
    homeport::core::Metrics metrics;
    HttpServerOptions options = fastOptions();
    options.serviceName = QStringLiteral("svc");
    options.metrics = &metrics;
    HttpServer server(options);
    server.route("GET", "/hello", hello);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    TestClient client(server.serverPort());
    for (int i = 0; i < 3; ++i) {
        client.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY(client.readResponse());
    }
    client.send("GET /missing HTTP/1.1\r\nHost: x\r\n\r\n");
    QVERIFY(client.readResponse());
    QCOMPARE(metrics.counter("homeport_http_requests_total", R"(service="svc",class="2xx")"), 3u);
    QCOMPARE(metrics.counter("homeport_http_requests_total", R"(service="svc",class="4xx")"), 1u);
    const quint64 requestBytes = 3 * QByteArray("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n").size()
                               + QByteArray("GET /missing HTTP/1.1\r\nHost: x\r\n\r\n").size();
    QCOMPARE(metrics.counter("homeport_http_bytes_received_total", R"(service="svc")"), requestBytes);
    QVERIFY(metrics.counter("homeport_http_bytes_sent_total", R"(service="svc")") > 4 * 13u);
    const auto snapshot = metrics.snapshot();
    const auto histogram = snapshot.histograms.value({"homeport_http_request_duration_seconds", R"(service="svc")"});
    QCOMPARE(histogram.count, 4u);
    QCOMPARE(snapshot.gauges.value({"homeport_http_open_connections", R"(service="svc")"}), 1.0);
    const QVector<double> series = metrics.series("svc.requests", 5);
    double total = 0;
    for (double v : series)
        total += v;
    QCOMPARE(total, 4.0);
}

void TestHttpServer::listenReportsPortInUse()
{
    HttpServer first(fastOptions());
    QVERIFY(first.listen(QHostAddress::LocalHost, 0));
    HttpServer second(fastOptions());
    QString error;
    QVERIFY(!second.listen(QHostAddress::LocalHost, first.serverPort(), &error));
    QCOMPARE(error, QStringLiteral("port %1 is in use by another program").arg(first.serverPort()));
    QVERIFY(!second.listen(QHostAddress(QStringLiteral("10.255.254.253")), 0, &error));
    QCOMPARE(error, QStringLiteral("address 10.255.254.253 is not available on this machine"));
}

void TestHttpServer::handlerThatNeverAnswersGets500()
{
    HttpServer server(fastOptions());
    server.route("GET", "/forgetful", [](const Request &, Responder &) {});
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    TestClient client(server.serverPort());
    client.send("GET /forgetful HTTP/1.1\r\nHost: x\r\n\r\n");
    const auto response = client.readResponse();
    QVERIFY(response);
    QCOMPARE(response->status, 500);
}

QTEST_GUILESS_MAIN(TestHttpServer)
#include "tst_http_server.moc"
