#pragma once
// HttpServer: the HTTP/1.1 engine every Homeport service speaks through (design.md, decision 1).
// Keep-alive, pipelining (answered in order), limits, routing with captures, per-route body
// sinks and auth, CORS, streaming responses, SSE, and WebSocket upgrades on the same port.
// Thread affinity: lives in the thread that creates it; its connections, handlers, responders
// and body consumers all run in that thread.
//
// Usage (every call below runs in the service's thread):
//
//   HttpServerOptions options;
//   options.serviceName = QStringLiteral("search");          // metrics label, access log
//   options.metrics = &metrics;
//   HttpServer server(options);
//   server.route("GET", "/health", [](const Request &, Responder &res) {
//       res.send(200, "application/json", R"({"ok":true})");
//   });
//   server.route("POST", "/collections/{name}/documents", handler)
//         .body(BodyPolicy::memory(64 << 20)).auth(checkApiKey);
//   QString error;
//   if (!server.listen(QHostAddress::LocalHost, 8108, &error)) qCWarning(lcSearch) << error;

#include "body_policy.h"
#include "cors_policy.h"
#include "request.h"
#include "responder.h"
#include "response.h"
#include "router.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

class QTcpServer;
class QTcpSocket;
class QWebSocketServer;

namespace homeport::core {
class Metrics;
}

namespace homeport::http {

class HttpConnection;

struct HttpServerOptions
{
    static constexpr int kDefaultMaxConnections = 1024;
    static constexpr int kDefaultIdleTimeoutMs = 60'000;      // keep-alive and body inactivity
    static constexpr int kDefaultHeaderTimeoutMs = 15'000;    // whole head, against slow clients
    static constexpr int kDefaultHeaderLimitBytes = 32 * 1024; // request line + headers (431)
    static constexpr int kDefaultShutdownTimeoutMs = 10'000;
    // Streamed responses read more only while the socket holds less than this.
    static constexpr qint64 kDefaultWriteHighWaterBytes = 256 * 1024;
    // Caps Qt's per-socket read buffer, so a client that outruns us meets TCP backpressure.
    static constexpr qint64 kDefaultReadBufferBytes = 512 * 1024;
    // Connections the kernel completes before we accept them. Qt's default of 50 drops SYNs when
    // hundreds of Pusher clients reconnect at once after a restart, costing each a 1 s retry.
    static constexpr int kDefaultListenBacklog = 1024;

    QString serviceName = QStringLiteral("http");
    int maxConnections = kDefaultMaxConnections;
    int idleTimeoutMs = kDefaultIdleTimeoutMs;
    int headerTimeoutMs = kDefaultHeaderTimeoutMs;
    int headerLimitBytes = kDefaultHeaderLimitBytes;
    qint64 writeHighWaterBytes = kDefaultWriteHighWaterBytes;
    qint64 readBufferBytes = kDefaultReadBufferBytes;
    int listenBacklog = kDefaultListenBacklog;
    QString spoolDirectory; // BodyPolicy::file() temp files; empty means QDir::tempPath()
    // Both set: listen() serves TLS through QSslServer.
    QString tlsCertificatePath;
    QString tlsKeyPath;
    core::Metrics *metrics = nullptr; // not owned; may be null
};

using ErrorFormatter = std::function<Response(int status, const QString &message)>;

class HttpServer : public QObject
{
    Q_OBJECT
public:
    explicit HttpServer(HttpServerOptions options = {}, QObject *parent = nullptr);
    ~HttpServer() override;

    // method is "GET", "POST", ... or "*" for any; GET routes also answer HEAD.
    Route &route(const QByteArray &method, const QString &pattern, Handler handler);
    Route &webSocket(const QString &pattern, WebSocketHandler handler);
    Route &setFallback(Handler handler);
    void setCors(const CorsPolicy &policy);
    // Renders every engine-made error (400, 404, 405, 408, 413, 415, 417, 431, 503, ...).
    // The default is {"message": "..."} as JSON.
    void setErrorFormatter(ErrorFormatter formatter);
    Response errorResponse(int status, const QString &message) const;

    // On failure *humanError says why in words an operator understands.
    bool listen(const QHostAddress &address, quint16 port, QString *humanError = nullptr);
    bool isListening() const;
    quint16 serverPort() const;
    int openConnections() const { return int(m_connections.size()); }
    // How often the sweep gave an idle upgraded socket's empty read/write buffers back (see
    // TrimmableTcpSocket in the .cpp); for tests and diagnostics.
    quint64 idleBuffersReleased() const { return m_buffersReleased; }
    const HttpServerOptions &options() const { return m_options; }

    // Stops accepting, closes idle connections, lets in-flight requests finish (their
    // connections close after the response) and aborts what remains after deadlineMs.
    // Emits stopped() when no connection is left.
    void shutdown(int deadlineMs = HttpServerOptions::kDefaultShutdownTimeoutMs);

signals:
    void stopped();

private:
    friend class HttpConnection;

    void acceptPending();
    void refuse(QTcpSocket *socket);
    void connectionClosed(HttpConnection *connection);
    void sweepDeadlines();
    void handOffWebSocket(QTcpSocket *socket, const Route *route, const Request &request);
    void acceptWebSockets();
    void recordRequest(int status, qint64 bytesIn, qint64 bytesOut, qint64 elapsedNs);
    qint64 nowMs() const { return m_clock.elapsed(); }

    HttpServerOptions m_options;
    Router m_router;
    CorsPolicy m_cors;
    ErrorFormatter m_errorFormatter;
    QTcpServer *m_listener = nullptr;
    QWebSocketServer *m_webSockets = nullptr;
    QSet<HttpConnection *> m_connections;
    struct PendingUpgrade
    {
        const Route *route;
        Request request;
    };
    QHash<QTcpSocket *, PendingUpgrade> m_pendingUpgrades;
    // Sockets handed to QWebSocket: at most every kTrimIntervalMs the sweep releases the empty I/O
    // buffers Qt keeps per socket, so idle WebSockets cost kilobytes instead of ~48 KiB of heap.
    static constexpr qint64 kTrimIntervalMs = 1000;
    QList<QPointer<QTcpSocket>> m_upgraded;
    qint64 m_lastTrimMs = 0;
    quint64 m_buffersReleased = 0;
    QTimer m_sweepTimer;
    QTimer m_shutdownTimer;
    QElapsedTimer m_clock;
    bool m_shuttingDown = false;
    // Prometheus label sets, built once instead of per request.
    QString m_serviceLabel;
    QString m_classLabels[6]; // by status / 100
    QString m_seriesName;     // "<service>.requests", drawn as the Overview sparkline
};

} // namespace homeport::http
