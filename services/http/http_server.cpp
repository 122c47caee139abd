#include "http_server.h"

#include "core/logging.h"
#include "core/metrics.h"
#include "http_connection.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QWebSocket>
#include <QWebSocketServer>

#include <unistd.h>

namespace homeport::http {

namespace {

// How often deadlines are checked, as a fraction of the shortest timeout, within bounds.
constexpr int kSweepMinMs = 5;
constexpr int kSweepMaxMs = 1000;

const QString kRequestsTotal = QStringLiteral("homeport_http_requests_total");
const QString kBytesReceived = QStringLiteral("homeport_http_bytes_received_total");
const QString kBytesSent = QStringLiteral("homeport_http_bytes_sent_total");
const QString kDuration = QStringLiteral("homeport_http_request_duration_seconds");
const QString kOpenConnections = QStringLiteral("homeport_http_open_connections");

Response defaultErrorFormatter(int status, const QString &message)
{
    const QJsonObject object{{QStringLiteral("message"), message}};
    return Response::json(status, QJsonDocument(object).toJson(QJsonDocument::Compact));
}

// A QTcpSocket that can give back its idle I/O buffers. Qt 6.4's QRingBuffer keeps one chunk after
// it drains (16 KiB read, 32 KiB write per socket), so an idle WebSocket would hold ~48 KiB of heap
// forever. Re-applying the open mode through QIODevice::setOpenMode (the documented way for a
// subclass to change it) drops the empty read and write buffers; the next read or write allocates
// again. Only done when nothing is buffered and no read transaction is open.
class TrimmableTcpSocket : public QTcpSocket
{
public:
    using QTcpSocket::QTcpSocket;

    bool releaseIdleBuffers()
    {
        if (state() != QAbstractSocket::ConnectedState || isTransactionStarted() || bytesAvailable() > 0
            || bytesToWrite() > 0)
            return false;
        const OpenMode mode = openMode();
        setOpenMode(QIODevice::NotOpen);
        setOpenMode(mode);
        return true;
    }
};

// Accepts plain-TCP connections as TrimmableTcpSocket (otherwise what QTcpServer does).
class TrimmingTcpServer : public QTcpServer
{
public:
    using QTcpServer::QTcpServer;

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new TrimmableTcpSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            ::close(int(descriptor));
            return;
        }
        // No Nagle: a response or WebSocket frame written while an earlier one is still unacked
        // would otherwise wait for the peer's delayed ACK (up to 40 ms on Linux).
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        addPendingConnection(socket);
    }
};

} // namespace

HttpServer::HttpServer(HttpServerOptions options, QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_errorFormatter(defaultErrorFormatter)
{
    m_clock.start();
    m_serviceLabel = QStringLiteral("service=\"%1\"").arg(m_options.serviceName);
    for (int i = 1; i <= 5; ++i)
        m_classLabels[i] = QStringLiteral("service=\"%1\",class=\"%2xx\"").arg(m_options.serviceName).arg(i);
    m_seriesName = m_options.serviceName + QStringLiteral(".requests");

    const int shortest = qMin(m_options.idleTimeoutMs, m_options.headerTimeoutMs);
    m_sweepTimer.setInterval(qBound(kSweepMinMs, shortest / 4, kSweepMaxMs));
    connect(&m_sweepTimer, &QTimer::timeout, this, &HttpServer::sweepDeadlines);
    m_shutdownTimer.setSingleShot(true);
    connect(&m_shutdownTimer, &QTimer::timeout, this, [this] {
        qCWarning(lcHttp).noquote() << m_options.serviceName << "shutdown deadline passed; aborting"
                                    << m_connections.size() << "connection(s)";
        const auto connections = m_connections;
        for (HttpConnection *connection : connections)
            connection->abort();
    });
}

HttpServer::~HttpServer()
{
    const auto connections = std::exchange(m_connections, {});
    qDeleteAll(connections);
}

Route &HttpServer::route(const QByteArray &method, const QString &pattern, Handler handler)
{
    return m_router.add(method, pattern, std::move(handler));
}

Route &HttpServer::webSocket(const QString &pattern, WebSocketHandler handler)
{
    if (!m_webSockets) {
        // NonSecureMode even behind TLS: the sockets we hand over are already decrypted.
        m_webSockets = new QWebSocketServer(m_options.serviceName, QWebSocketServer::NonSecureMode, this);
        connect(m_webSockets, &QWebSocketServer::newConnection, this, &HttpServer::acceptWebSockets);
    }
    return m_router.addWebSocket(pattern, std::move(handler));
}

Route &HttpServer::setFallback(Handler handler)
{
    return m_router.setFallback(std::move(handler));
}

void HttpServer::setCors(const CorsPolicy &policy)
{
    m_cors = policy;
}

void HttpServer::setErrorFormatter(ErrorFormatter formatter)
{
    m_errorFormatter = formatter ? std::move(formatter) : ErrorFormatter(defaultErrorFormatter);
}

Response HttpServer::errorResponse(int status, const QString &message) const
{
    return m_errorFormatter(status, message);
}

bool HttpServer::listen(const QHostAddress &address, quint16 port, QString *humanError)
{
    const auto setError = [humanError](const QString &text) {
        if (humanError)
            *humanError = text;
        return false;
    };
    if (m_listener)
        return setError(tr("the server is already listening"));

    QTcpServer *listener = nullptr;
    if (!m_options.tlsCertificatePath.isEmpty() || !m_options.tlsKeyPath.isEmpty()) {
        const QList<QSslCertificate> chain = QSslCertificate::fromPath(m_options.tlsCertificatePath);
        if (chain.isEmpty())
            return setError(tr("cannot read a TLS certificate from %1").arg(m_options.tlsCertificatePath));
        QFile keyFile(m_options.tlsKeyPath);
        if (!keyFile.open(QIODevice::ReadOnly))
            return setError(tr("cannot read the TLS key %1: %2").arg(m_options.tlsKeyPath, keyFile.errorString()));
        const QByteArray pem = keyFile.readAll();
        QSslKey key(pem, QSsl::Rsa);
        if (key.isNull())
            key = QSslKey(pem, QSsl::Ec);
        if (key.isNull())
            return setError(tr("%1 holds no RSA or EC private key in PEM form").arg(m_options.tlsKeyPath));
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        configuration.setLocalCertificateChain(chain);
        configuration.setPrivateKey(key);
        auto *sslServer = new QSslServer(this);
        sslServer->setSslConfiguration(configuration);
        listener = sslServer;
    } else {
        listener = new TrimmingTcpServer(this);
    }
    // pendingConnectionAvailable, not newConnection: QSslServer queues a socket only once its
    // handshake is done.
    connect(listener, &QTcpServer::pendingConnectionAvailable, this, &HttpServer::acceptPending);
    listener->setListenBacklogSize(m_options.listenBacklog);
    if (!listener->listen(address, port)) {
        QString text;
        switch (listener->serverError()) {
        case QAbstractSocket::AddressInUseError:
            text = tr("port %1 is in use by another program").arg(port);
            break;
        case QAbstractSocket::SocketAccessError:
            text = tr("permission denied to listen on port %1").arg(port);
            break;
        case QAbstractSocket::SocketAddressNotAvailableError:
            text = tr("address %1 is not available on this machine").arg(address.toString());
            break;
        default:
            text = tr("cannot listen on %1 port %2: %3").arg(address.toString()).arg(port).arg(listener->errorString());
            break;
        }
        delete listener;
        return setError(text);
    }
    m_listener = listener;
    m_shuttingDown = false;
    m_sweepTimer.start();
    qCInfo(lcHttp).noquote() << m_options.serviceName << "listening on" << address.toString() << serverPort();
    return true;
}

bool HttpServer::isListening() const
{
    return m_listener && m_listener->isListening();
}

quint16 HttpServer::serverPort() const
{
    return m_listener ? m_listener->serverPort() : 0;
}

void HttpServer::acceptPending()
{
    while (m_listener && m_listener->hasPendingConnections()) {
        QTcpSocket *socket = m_listener->nextPendingConnection();
        if (m_shuttingDown) {
            socket->abort();
            socket->deleteLater();
        } else if (m_connections.size() >= m_options.maxConnections) {
            refuse(socket);
        } else {
            m_connections.insert(new HttpConnection(socket, this));
            if (m_options.metrics)
                m_options.metrics->setGauge(kOpenConnections, m_serviceLabel, double(m_connections.size()));
        }
    }
}

void HttpServer::refuse(QTcpSocket *socket)
{
    qCWarning(lcHttp).noquote() << m_options.serviceName << "refusing" << socket->peerAddress().toString()
                                << "at the cap of" << m_options.maxConnections << "connections";
    // Not counted in m_connections: it only says 503 and closes.
    auto *connection = new HttpConnection(socket, this);
    connection->refuse(errorResponse(
        503, tr("too many open connections (limit %1); try again later").arg(m_options.maxConnections)));
}

void HttpServer::connectionClosed(HttpConnection *connection)
{
    if (!m_connections.remove(connection))
        return;
    if (m_options.metrics)
        m_options.metrics->setGauge(kOpenConnections, m_serviceLabel, double(m_connections.size()));
    if (m_shuttingDown && m_connections.isEmpty()) {
        m_shutdownTimer.stop();
        m_sweepTimer.stop();
        qCInfo(lcHttp).noquote() << m_options.serviceName << "stopped";
        emit stopped();
    }
}

void HttpServer::sweepDeadlines()
{
    const qint64 now = nowMs();
    const auto connections = m_connections; // a check may close (not delete) a connection
    for (HttpConnection *connection : connections)
        connection->checkDeadline(now);
    if (now - m_lastTrimMs >= kTrimIntervalMs) {
        m_lastTrimMs = now;
        // QPointer, not a destroyed() connection: QWebSocket drops the socket's connections.
        m_upgraded.removeIf([](const QPointer<QTcpSocket> &socket) { return socket.isNull(); });
        for (const QPointer<QTcpSocket> &socket : std::as_const(m_upgraded))
            if (auto *trimmable = dynamic_cast<TrimmableTcpSocket *>(socket.data()); trimmable && trimmable->releaseIdleBuffers())
                ++m_buffersReleased;
    }
}

void HttpServer::shutdown(int deadlineMs)
{
    if (m_shuttingDown)
        return;
    m_shuttingDown = true;
    if (m_listener) {
        m_listener->close();
        m_listener->deleteLater();
        m_listener = nullptr;
    }
    const auto connections = m_connections;
    for (HttpConnection *connection : connections)
        connection->beginShutdown();
    if (m_connections.isEmpty()) {
        m_sweepTimer.stop();
        QMetaObject::invokeMethod(this, &HttpServer::stopped, Qt::QueuedConnection);
        return;
    }
    m_shutdownTimer.start(deadlineMs);
}

void HttpServer::handOffWebSocket(QTcpSocket *socket, const Route *route, const Request &request)
{
    m_pendingUpgrades.insert(socket, PendingUpgrade{route, request});
    // A failed handshake deletes the socket without a newConnection.
    connect(socket, &QObject::destroyed, this, [this, socket] { m_pendingUpgrades.remove(socket); });
    m_webSockets->handleConnection(socket);
}

void HttpServer::acceptWebSockets()
{
    while (m_webSockets->hasPendingConnections()) {
        QWebSocket *webSocket = m_webSockets->nextPendingConnection();
        // The QWebSocket wraps the socket we handed over, so the peer identifies the upgrade.
        auto it = std::find_if(m_pendingUpgrades.begin(), m_pendingUpgrades.end(), [&](const PendingUpgrade &p) {
            return p.request.remotePort() == webSocket->peerPort()
                && p.request.remoteAddress() == webSocket->peerAddress();
        });
        if (it == m_pendingUpgrades.end()) {
            webSocket->abort();
            webSocket->deleteLater();
            continue;
        }
        PendingUpgrade pending = *it;
        QTcpSocket *socket = it.key();
        m_pendingUpgrades.erase(it);
        m_upgraded.append(QPointer<QTcpSocket>(socket));
        // Fan-out writes frames built once straight to this socket (websocket_frames.h). Handed
        // over with the request, not as a property: a dynamic property costs every QWebSocket a
        // QObject extra-data block.
        pending.request.m_webSocketTransport = socket;
        pending.route->m_webSocket(pending.request, webSocket);
    }
}

void HttpServer::recordRequest(int status, qint64 bytesIn, qint64 bytesOut, qint64 elapsedNs)
{
    core::Metrics *metrics = m_options.metrics;
    if (!metrics)
        return;
    metrics->increment(kRequestsTotal, m_classLabels[qBound(1, status / 100, 5)]);
    metrics->increment(kBytesReceived, m_serviceLabel, quint64(bytesIn));
    metrics->increment(kBytesSent, m_serviceLabel, quint64(bytesOut));
    metrics->observe(kDuration, m_serviceLabel, double(elapsedNs) / 1e9);
    metrics->addToSeries(m_seriesName);
}

} // namespace homeport::http
