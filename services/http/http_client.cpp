#include "http_client.h"

#include <QNetworkProxy>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>

#include <boost/beast/http/basic_parser.hpp>
#include <boost/beast/http/error.hpp>

#include <deque>

namespace homeport::http {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

struct HttpClient::Origin
{
    QString scheme;
    QString host;
    quint16 port = 0;
    QByteArray hostHeader;
    std::vector<ClientConnection *> all;
    std::vector<ClientConnection *> idle; // most recently used last
    std::deque<std::shared_ptr<ClientCall>> waiting;
};

// One connection to an origin; carries one request at a time.
class ClientConnection : public QObject
{
public:
    ClientConnection(HttpClient *client, HttpClient::Origin *origin)
        : QObject(client), m_client(client), m_origin(origin)
    {
        m_timer.setSingleShot(true);
        connect(&m_timer, &QTimer::timeout, this, &ClientConnection::onTimeout);
    }

    ~ClientConnection() override
    {
        if (m_socket)
            m_socket->disconnect(this);
    }

    void start(std::shared_ptr<ClientCall> call);
    void abortCall();
    bool isConnected() const { return m_socket && m_ready; }

    HttpClient::Origin *origin() const { return m_origin; }

private:
    struct Parser;
    void connectSocket();
    void onReady();
    void writeRequest();
    void onReadyRead();
    void onSocketError();
    void onClosed();
    void onTimeout();
    void armTimer();
    // Ends the call with `error` (None: complete); keeps the connection for the next request
    // when the answer was complete and both sides allow keep-alive.
    void finishCall(ClientError error, const QString &message);
    void drop();

    HttpClient *m_client;
    HttpClient::Origin *m_origin;
    QTcpSocket *m_socket = nullptr;
    QTimer m_timer;
    std::shared_ptr<ClientCall> m_call;
    std::unique_ptr<Parser> m_parser;
    QByteArray m_in;
    qsizetype m_inPos = 0;
    bool m_ready = false;     // connected (and encrypted for https)
    bool m_reused = false;    // the current call is not the connection's first
    bool m_gotBytes = false;  // some of the current answer arrived
    bool m_complete = false;
    bool m_dead = false;
    int m_status = 0;
    HeaderList m_headers;
};

struct ClientConnection::Parser final : bhttp::basic_parser<false>
{
    explicit Parser(ClientConnection *connection) : c(connection)
    {
        header_limit(64 * 1024);
        body_limit(std::numeric_limits<std::uint64_t>::max());
        eager(true);
    }
    void on_request_impl(bhttp::verb, beast::string_view, beast::string_view, int, beast::error_code &) override {}
    void on_response_impl(int code, beast::string_view, int, beast::error_code &) override { c->m_status = code; }
    void on_field_impl(bhttp::field, beast::string_view name, beast::string_view value, beast::error_code &) override
    {
        c->m_headers.append({QByteArray(name.data(), qsizetype(name.size())), QByteArray(value.data(), qsizetype(value.size()))});
    }
    void on_header_impl(beast::error_code &ec) override
    {
        if (c->m_call && c->m_call->onHead)
            c->m_call->onHead(c->m_status, c->m_headers);
        if (c->m_dead)
            ec = beast::errc::make_error_code(beast::errc::operation_canceled);
    }
    void on_body_init_impl(const boost::optional<std::uint64_t> &, beast::error_code &) override {}
    std::size_t on_body_impl(beast::string_view body, beast::error_code &ec) override
    {
        if (c->m_call && c->m_call->onBody && !body.empty())
            c->m_call->onBody(body.data(), qsizetype(body.size()));
        if (c->m_dead)
            ec = beast::errc::make_error_code(beast::errc::operation_canceled);
        return body.size();
    }
    void on_chunk_header_impl(std::uint64_t, beast::string_view, beast::error_code &) override {}
    std::size_t on_chunk_body_impl(std::uint64_t, beast::string_view body, beast::error_code &ec) override
    {
        return on_body_impl(body, ec);
    }
    void on_finish_impl(beast::error_code &) override { c->m_complete = true; }

    ClientConnection *c;
};

void ClientConnection::start(std::shared_ptr<ClientCall> call)
{
    if (m_dead) // closed while the call was on its way here
        return m_client->retry(std::move(call));
    if (call->m_finished) { // aborted on its way here
        if (m_ready)
            m_client->connectionIdle(this);
        else
            drop();
        return;
    }
    m_call = std::move(call);
    m_call->m_connection = this;
    m_parser = std::make_unique<Parser>(this);
    if (m_call->m_request.method == "HEAD")
        m_parser->skip(true);
    m_in.clear();
    m_inPos = 0;
    m_gotBytes = false;
    m_complete = false;
    m_status = 0;
    m_headers.clear();
    if (m_ready) {
        m_reused = true;
        writeRequest();
    } else {
        m_reused = false;
        // From the event loop: a refused connection may be reported inside connectToHost(),
        // before the caller of send() has set its callbacks.
        QMetaObject::invokeMethod(this, [this] { if (!m_dead && m_call) connectSocket(); }, Qt::QueuedConnection);
    }
}

void ClientConnection::connectSocket()
{
    const bool tls = m_origin->scheme == QLatin1String("https");
    m_socket = tls ? new QSslSocket(this) : new QTcpSocket(this);
    // Upstream connections go straight to the origin, whatever the environment's proxy says.
    m_socket->setProxy(QNetworkProxy::NoProxy);
    connect(m_socket, &QAbstractSocket::readyRead, this, &ClientConnection::onReadyRead);
    connect(m_socket, &QAbstractSocket::bytesWritten, this, &ClientConnection::armTimer);
    connect(m_socket, &QAbstractSocket::errorOccurred, this, &ClientConnection::onSocketError);
    connect(m_socket, &QAbstractSocket::disconnected, this, &ClientConnection::onClosed);
    m_timer.start(m_call->m_request.connectTimeoutMs);
    if (tls) {
        auto *ssl = static_cast<QSslSocket *>(m_socket);
        connect(ssl, &QSslSocket::encrypted, this, &ClientConnection::onReady);
        ssl->connectToHostEncrypted(m_origin->host, m_origin->port);
    } else {
        connect(m_socket, &QAbstractSocket::connected, this, &ClientConnection::onReady);
        m_socket->connectToHost(m_origin->host, m_origin->port);
    }
}

void ClientConnection::onReady()
{
    m_ready = true;
    // Small writes (SSE chunks, short JSON) must not wait for Nagle.
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    if (m_call)
        writeRequest();
}

void ClientConnection::writeRequest()
{
    const ClientRequest &r = m_call->m_request;
    QByteArray target = r.url.path(QUrl::FullyEncoded).toLatin1();
    if (target.isEmpty())
        target = "/";
    if (r.url.hasQuery())
        target += '?' + r.url.query(QUrl::FullyEncoded).toLatin1();
    QByteArray head;
    head.reserve(256 + r.body.size());
    head += r.method + ' ' + target + " HTTP/1.1\r\nHost: " + m_origin->hostHeader + "\r\n";
    for (const auto &[name, value] : r.headers)
        head += name + ": " + value + "\r\n";
    if (!r.body.isEmpty() || r.method == "POST" || r.method == "PUT" || r.method == "PATCH")
        head += "Content-Length: " + QByteArray::number(r.body.size()) + "\r\n";
    head += "Connection: keep-alive\r\n\r\n";
    head += r.body; // one write: head and body leave in one segment when they fit
    m_socket->write(head);
    armTimer();
}

void ClientConnection::armTimer()
{
    if (m_call && !m_call->m_finished)
        m_timer.start(m_call->m_request.inactivityTimeoutMs);
}

void ClientConnection::onReadyRead()
{
    if (!m_call || m_call->m_finished || !m_parser) {
        // Bytes on an idle connection are not an answer to anything: the connection is unusable.
        m_socket->readAll();
        if (!m_call)
            drop();
        return;
    }
    armTimer();
    std::shared_ptr<ClientCall> keep = m_call; // callbacks may drop the caller's reference
    while (!m_dead && !m_complete) {
        if (m_inPos == m_in.size()) {
            m_in.clear();
            m_inPos = 0;
            if (m_socket->bytesAvailable() <= 0)
                break;
            m_in = m_socket->readAll();
            m_gotBytes = true;
        }
        beast::error_code ec;
        const std::size_t used = m_parser->put(
            boost::asio::const_buffer(m_in.constData() + m_inPos, std::size_t(m_in.size() - m_inPos)), ec);
        m_inPos += qsizetype(used);
        if (m_dead)
            return;
        if (ec == bhttp::error::need_more) {
            if (m_socket->bytesAvailable() <= 0)
                break;
            m_in.remove(0, m_inPos);
            m_inPos = 0;
            m_in.append(m_socket->readAll());
            continue;
        }
        if (ec) {
            finishCall(ClientError::Protocol, QStringLiteral("invalid HTTP answer: %1").arg(QString::fromStdString(ec.message())));
            return;
        }
    }
    if (m_complete && !m_dead)
        finishCall(ClientError::None, {});
}

void ClientConnection::onSocketError()
{
    if (m_dead)
        return;
    const QAbstractSocket::SocketError error = m_socket->error();
    if (error == QAbstractSocket::RemoteHostClosedError)
        return onClosed();
    if (!m_call || m_call->m_finished)
        return drop();
    ClientError kind = ClientError::ConnectionClosed;
    if (error == QAbstractSocket::ConnectionRefusedError)
        kind = ClientError::ConnectionRefused;
    else if (error == QAbstractSocket::HostNotFoundError)
        kind = ClientError::HostNotFound;
    else if (error == QAbstractSocket::SocketTimeoutError)
        kind = ClientError::Timeout;
    else if (error == QAbstractSocket::SslHandshakeFailedError)
        kind = ClientError::Tls;
    finishCall(kind, m_socket->errorString());
}

void ClientConnection::onClosed()
{
    if (m_dead)
        return;
    if (!m_call || m_call->m_finished)
        return drop();
    // Bytes may still be buffered; the answer may end with the connection (no length given).
    if (m_socket->bytesAvailable() > 0)
        onReadyRead();
    if (m_dead || !m_call || m_call->m_finished)
        return;
    if (m_parser && m_parser->got_some() && m_parser->need_eof()) {
        beast::error_code ec;
        m_parser->put_eof(ec);
        if (!ec && m_complete)
            return finishCall(ClientError::None, {});
    }
    if (m_reused && !m_gotBytes && !m_call->m_retried) {
        // The server closed a kept-alive connection as the request went out: it never read it.
        std::shared_ptr<ClientCall> call = m_call;
        call->m_retried = true;
        m_call.reset();
        drop();
        m_client->retry(call);
        return;
    }
    finishCall(ClientError::ConnectionClosed, QStringLiteral("the server closed the connection before the answer was complete"));
}

void ClientConnection::onTimeout()
{
    if (m_dead)
        return;
    if (!m_call || m_call->m_finished)
        return drop(); // idle for too long
    if (m_ready)
        finishCall(ClientError::Timeout, QStringLiteral("no data for %1 ms").arg(m_call->m_request.inactivityTimeoutMs));
    else
        finishCall(ClientError::ConnectTimeout, QStringLiteral("no connection within %1 ms").arg(m_call->m_request.connectTimeoutMs));
}

void ClientConnection::finishCall(ClientError error, const QString &message)
{
    std::shared_ptr<ClientCall> call = std::move(m_call);
    const bool reusable = error == ClientError::None && m_parser && m_parser->keep_alive() && m_inPos == m_in.size()
                          && m_socket->bytesAvailable() == 0;
    m_parser.reset();
    call->m_finished = true;
    call->m_connection = nullptr;
    if (reusable) {
        m_timer.start(m_client->m_idleMs); // closes it unless a request comes first
        m_client->connectionIdle(this);
    } else {
        drop();
    }
    if (call->onDone)
        call->onDone(error, message);
}

void ClientConnection::abortCall()
{
    m_call.reset();
    drop();
}

void ClientConnection::drop()
{
    if (m_dead)
        return;
    m_dead = true;
    m_timer.stop();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
    m_client->connectionGone(this);
    deleteLater();
}

void ClientCall::abort()
{
    if (m_finished)
        return;
    m_finished = true;
    onHead = nullptr;
    onBody = nullptr;
    onDone = nullptr;
    if (m_connection) {
        ClientConnection *connection = m_connection;
        m_connection = nullptr;
        connection->abortCall();
    } else if (m_client) {
        // Still waiting for a connection: take it out of the queue.
        for (auto &origin : m_client->m_origins) {
            auto &w = origin->waiting;
            w.erase(std::remove_if(w.begin(), w.end(), [this](const std::shared_ptr<ClientCall> &c) { return c.get() == this; }), w.end());
        }
    }
}

HttpClient::HttpClient(QObject *parent) : QObject(parent) {}

HttpClient::~HttpClient()
{
    // Calls still waiting get no callback; the connections are children and go with this object.
    for (auto &origin : m_origins) {
        for (auto &call : origin->waiting)
            call->m_finished = true;
    }
}

HttpClient::Origin &HttpClient::originOf(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    const quint16 port = quint16(url.port(scheme == QLatin1String("https") ? 443 : 80));
    const QString host = url.host();
    for (auto &o : m_origins) {
        if (o->scheme == scheme && o->host == host && o->port == port)
            return *o;
    }
    auto origin = std::make_unique<Origin>();
    origin->scheme = scheme;
    origin->host = host;
    origin->port = port;
    const bool defaultPort = url.port() < 0;
    const QByteArray hostName = host.contains(QLatin1Char(':')) ? '[' + host.toLatin1() + ']' : url.host(QUrl::FullyEncoded).toLatin1();
    origin->hostHeader = defaultPort ? hostName : hostName + ':' + QByteArray::number(port);
    m_origins.push_back(std::move(origin));
    return *m_origins.back();
}

std::shared_ptr<ClientCall> HttpClient::send(ClientRequest request)
{
    auto call = std::make_shared<ClientCall>();
    call->m_client = this;
    Origin &origin = originOf(request.url);
    call->m_request = std::move(request);
    origin.waiting.push_back(call);
    // Starting a request only writes to (or connects) a socket; every callback comes later from
    // the event loop, so the caller still sets them after send() returns. Not queued: each extra
    // turn of the event loop polls every socket the service has open.
    dispatch(origin);
    return call;
}

void HttpClient::retry(std::shared_ptr<ClientCall> call)
{
    Origin &origin = originOf(call->m_request.url);
    // A new connection: an idle one may be as stale as the one that just failed.
    auto *connection = new ClientConnection(this, &origin);
    origin.all.push_back(connection);
    connection->start(std::move(call));
}

void HttpClient::dispatch(Origin &origin)
{
    while (!origin.waiting.empty()) {
        ClientConnection *connection = nullptr;
        if (!origin.idle.empty()) {
            connection = origin.idle.back();
            origin.idle.pop_back();
        } else if (int(origin.all.size()) < m_maxPerOrigin) {
            connection = new ClientConnection(this, &origin);
            origin.all.push_back(connection);
        } else {
            return;
        }
        std::shared_ptr<ClientCall> call = std::move(origin.waiting.front());
        origin.waiting.pop_front();
        connection->start(std::move(call));
    }
}

void HttpClient::connectionIdle(ClientConnection *connection)
{
    Origin &origin = *connection->origin();
    if (!origin.waiting.empty()) {
        std::shared_ptr<ClientCall> call = std::move(origin.waiting.front());
        origin.waiting.pop_front();
        // Not from inside the finishing call's stack: the next answer starts on a clean loop.
        QMetaObject::invokeMethod(connection, [connection, call] { connection->start(call); }, Qt::QueuedConnection);
        return;
    }
    origin.idle.push_back(connection);
}

void HttpClient::connectionGone(ClientConnection *connection)
{
    Origin &origin = *connection->origin();
    std::erase(origin.all, connection);
    std::erase(origin.idle, connection);
    if (!origin.waiting.empty())
        QMetaObject::invokeMethod(this, [this, o = &origin] { dispatch(*o); }, Qt::QueuedConnection);
}

int HttpClient::openConnections() const
{
    int n = 0;
    for (const auto &o : m_origins)
        n += int(o->all.size());
    return n;
}

int HttpClient::idleConnections() const
{
    int n = 0;
    for (const auto &o : m_origins)
        n += int(o->idle.size());
    return n;
}

} // namespace homeport::http
