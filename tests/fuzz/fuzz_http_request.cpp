// libFuzzer target: random bytes into a real HttpServer connection over loopback. The server
// must not crash (ASan watches memory), and whatever it answers must be HTTP responses, after
// which it closes; the client's half-close (EOF) must also end the connection.
#include "http/http_server.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QLoggingCategory>
#include <QTcpSocket>
#include <QWebSocket>

#include <sys/socket.h>

#include <cstdint>
#include <cstdlib>

using namespace homeport::http;

namespace {

HttpServer *g_server = nullptr;

void spinUntil(const std::function<bool()> &done, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!done() && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    static int argc = 1;
    static char name[] = "fuzz_http_request";
    static char *argv[] = {name, nullptr};
    new QCoreApplication(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("homeport.*=false"));

    HttpServerOptions options;
    options.serviceName = QStringLiteral("fuzz");
    options.headerLimitBytes = 4096;
    options.headerTimeoutMs = 500;
    options.idleTimeoutMs = 500;
    g_server = new HttpServer(options);
    g_server->route("GET", QStringLiteral("/hello"), [](const Request &, Responder &res) {
        res.send(200, "text/plain", "Hello, World!");
    });
    g_server->route("POST", QStringLiteral("/echo"), [](const Request &req, Responder &res) {
        res.send(200, "application/octet-stream", req.body());
    }).body(BodyPolicy::memory(64 * 1024).decoded(256 * 1024));
    g_server->route("PUT", QStringLiteral("/file/{name}"), [](const Request &req, Responder &res) {
        res.send(200, "text/plain", QByteArray::number(req.bodyFile()->size()));
    }).body(BodyPolicy::file(1 << 20));
    g_server->route("GET", QStringLiteral("/sse"), [](const Request &, Responder &res) {
        res.beginEventStream();
        res.writeEvent("x");
        res.end();
    });
    g_server->route("*", QStringLiteral("/any/{rest...}"), [](const Request &req, Responder &res) {
        res.send(200, "text/plain", req.capture(QStringLiteral("rest")).toUtf8());
    });
    g_server->webSocket(QStringLiteral("/ws/{key}"), [](const Request &, QWebSocket *socket) {
        socket->close();
        socket->deleteLater(); // the handler owns the socket
    });
    CorsPolicy cors;
    cors.allowedOrigins = {"*"};
    g_server->setCors(cors);
    if (!g_server->listen(QHostAddress::LocalHost, 0))
        std::abort();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, g_server->serverPort());
    spinUntil([&] { return client.state() == QAbstractSocket::ConnectedState; }, 2000);
    if (client.state() != QAbstractSocket::ConnectedState)
        std::abort();
    client.write(reinterpret_cast<const char *>(data), qint64(size));
    spinUntil([&] { return client.bytesToWrite() == 0; }, 2000);
    ::shutdown(int(client.socketDescriptor()), SHUT_WR); // EOF: the request ends here

    QByteArray received;
    spinUntil([&] {
        received += client.readAll();
        return client.state() == QAbstractSocket::UnconnectedState;
    }, 3000);
    received += client.readAll();
    // Anything the server said must be HTTP, and it must have closed within the deadline.
    if (!received.isEmpty() && !received.startsWith("HTTP/1.1 "))
        std::abort();
    if (client.state() != QAbstractSocket::UnconnectedState)
        std::abort();
    spinUntil([&] { return g_server->openConnections() == 0; }, 2000);
    return 0;
}
