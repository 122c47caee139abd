#include "http_connection.h"

#include "content_decoder.h"
#include "core/logging.h"
#include "cors_policy.h"
#include "file_region.h"
#include "http_server.h"
#include "router.h"

#include <QDateTime>
#include <QDir>
#include <QLocale>
#include <QFileDevice>
#include <QMutex>
#include <QSocketNotifier>
#include <QTcpSocket>

#include <cerrno>
#include <cstring>
#include <limits>
#include <sys/sendfile.h>

#include <boost/beast/http/basic_parser.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/parser.hpp>

namespace homeport::http {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

namespace {

// Streamed responses are read from their device in blocks of this size.
constexpr qint64 kDeviceReadBlock = 64 * 1024;
// sendfile() hands the kernel at most this much per call, so other connections get their turn.
constexpr qint64 kSendFileBlock = 2 * 1024 * 1024;
// Memory bodies reserve up to this from Content-Length before the bytes arrive.
constexpr std::uint64_t kMaxBodyReserve = 1024 * 1024;
// A new request's first read from the socket takes at most this (heads are far smaller; a body
// behind one is read on into its consumer's buffer).
constexpr qint64 kHeadReadBytes = 64 * 1024;

QByteArray toBytes(beast::string_view view)
{
    return QByteArray(view.data(), qsizetype(view.size()));
}

// The Date header changes once a second; format it once a second per thread.
const QByteArray &httpDate()
{
    thread_local qint64 cachedSecond = -1;
    thread_local QByteArray cached;
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    if (now != cachedSecond) {
        cachedSecond = now;
        cached = QLocale::c()
                     .toString(QDateTime::fromSecsSinceEpoch(now, Qt::UTC),
                               QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"))
                     .toLatin1();
    }
    return cached;
}

bool isFramingHeader(const QByteArray &name)
{
    return name.compare("Content-Length", Qt::CaseInsensitive) == 0
        || name.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0
        || name.compare("Connection", Qt::CaseInsensitive) == 0;
}

bool isBodyless(int status)
{
    return status < 200 || status == 204 || status == 304;
}

} // namespace

// Beast's parser with callbacks into the connection. eager(false) makes put() return after the
// head, so routing, auth and the sink choice happen before any body byte is parsed.
struct HttpConnection::Parser final : bhttp::basic_parser<true>
{
    explicit Parser(HttpConnection *connection) : c(connection)
    {
        header_limit(std::uint32_t(c->m_server->m_options.headerLimitBytes));
        // Per-route limits are counted by us. Not boost::none: Beast 1.74 compares a
        // Content-Length against an empty optional as "over the limit".
        body_limit(std::numeric_limits<std::uint64_t>::max());
        eager(false);
    }

    void on_request_impl(bhttp::verb, beast::string_view method, beast::string_view target,
                         int version, beast::error_code &) override
    {
        c->m_request.m_method = toBytes(method);
        c->m_request.m_target = toBytes(target);
        c->m_request.m_version = version;
    }
    void on_response_impl(int, beast::string_view, int, beast::error_code &) override {}
    void on_field_impl(bhttp::field, beast::string_view name, beast::string_view value,
                       beast::error_code &) override
    {
        c->m_request.m_headers.append({toBytes(name), toBytes(value)});
    }
    void on_header_impl(beast::error_code &) override {}
    void on_body_init_impl(const boost::optional<std::uint64_t> &, beast::error_code &) override {}
    std::size_t on_body_impl(beast::string_view body, beast::error_code &ec) override
    {
        if (!c->onBody(body.data(), qsizetype(body.size())))
            ec = beast::errc::make_error_code(beast::errc::operation_canceled);
        return body.size();
    }
    void on_chunk_header_impl(std::uint64_t, beast::string_view, beast::error_code &) override {}
    std::size_t on_chunk_body_impl(std::uint64_t, beast::string_view body, beast::error_code &ec) override
    {
        return on_body_impl(body, ec);
    }
    void on_finish_impl(beast::error_code &) override {}

    HttpConnection *c;
};

// A body consumer's way back into this connection from another thread: queued, and dropped once
// the connection is gone (the destructor clears it under the same lock).
struct HttpConnection::ResumeToken
{
    QMutex mutex;
    HttpConnection *connection = nullptr;

    void resume()
    {
        QMutexLocker lock(&mutex);
        if (connection)
            QMetaObject::invokeMethod(connection, &HttpConnection::resumeBody, Qt::QueuedConnection);
    }
};

Exchange::~Exchange()
{
    if (connection)
        connection->exchangeDropped(started);
}

HttpConnection::HttpConnection(QTcpSocket *socket, HttpServer *server)
    : QObject(server), m_server(server), m_socket(socket)
{
    socket->setParent(this);
    socket->setReadBufferSize(server->m_options.readBufferBytes);
    m_peerAddress = socket->peerAddress();
    m_peerPort = socket->peerPort();
    m_decodedSink = [this](const char *data, qsizetype size) { return writeToSink(data, size); };
    m_resumeToken = std::make_shared<ResumeToken>();
    m_resumeToken->connection = this;
    connect(socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(socket, &QTcpSocket::bytesWritten, this, &HttpConnection::pump);
    connect(socket, &QTcpSocket::disconnected, this, &HttpConnection::onDisconnected);
    setDeadline(Deadline::Idle, server->m_options.idleTimeoutMs);
    // Bytes may have arrived before we connected to readyRead (and TLS sockets arrive decrypted).
    if (socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &HttpConnection::onReadyRead, Qt::QueuedConnection);
}

HttpConnection::~HttpConnection()
{
    {
        QMutexLocker lock(&m_resumeToken->mutex);
        m_resumeToken->connection = nullptr;
    }
    if (m_exchange)
        m_exchange->connection = nullptr;
    if (m_socket)
        disconnect(m_socket, nullptr, this, nullptr);
}

void HttpConnection::setDeadline(Deadline kind, int timeoutMs)
{
    m_deadlineKind = kind;
    m_deadline = m_server->nowMs() + timeoutMs;
}

void HttpConnection::checkDeadline(qint64 nowMs)
{
    if (m_deadlineKind == Deadline::None || nowMs < m_deadline || m_gone || m_closing)
        return;
    switch (m_deadlineKind) {
    case Deadline::Idle:
        closeAfterWrite();
        break;
    case Deadline::Header:
        fail(408, tr("the request head did not arrive in time"));
        break;
    case Deadline::Body:
        fail(408, tr("the request body stopped arriving"));
        break;
    case Deadline::None:
        break;
    }
}

void HttpConnection::beginShutdown()
{
    if (m_gone || m_closing)
        return;
    m_keepAlive = false;
    if (!m_busy && !m_headHandled)
        closeAfterWrite(); // idle, or a request whose head is not complete: nothing in flight
}

void HttpConnection::abort()
{
    if (m_gone)
        return;
    m_socket->abort();
    onDisconnected();
}

void HttpConnection::refuse(const Response &response)
{
    m_busy = true; // never parse anything from a refused client
    m_requestTimer.start();
    m_keepAlive = false;
    respond(response);
}

void HttpConnection::onReadyRead()
{
    if (!m_busy && !m_closing && !m_gone && !m_heldBack)
        process();
}

void HttpConnection::startRequest()
{
    m_request = Request();
    m_request.m_remoteAddress = m_peerAddress;
    m_request.m_remotePort = m_peerPort;
    m_parser = std::make_unique<Parser>(this);
    m_headHandled = false;
    m_route = nullptr;
    m_policy = BodyPolicy();
    m_decoder.reset();
    m_bodyFile.reset();
    m_consumer.reset();
    m_heldBack = false;
    m_finishHeld = false;
    m_failStatus = 0;
    m_status = 0;
    m_headOnly = false;
    m_framing = Framing::Length;
    m_requestBytesIn = 0;
    m_requestBytesOut = 0;
    m_requestTimer.start();
    setDeadline(Deadline::Header, m_server->m_options.headerTimeoutMs);
}

void HttpConnection::process()
{
    if (m_processing)
        return;
    m_processing = true;
    while (!m_busy && !m_closing && !m_gone && !m_heldBack) {
        if (m_consumer && m_headHandled && !m_parser->is_done() && holdBack(false))
            break; // the consumer's thread catches up first; resumeBody() goes on
        if (m_inPos == m_in.size()) {
            // In the middle of a body the buffer is read into again, keeping its memory: readAll()
            // allocated (and the kernel faulted in) a fresh one of up to readBufferBytes for every
            // read, a tenth of a streamed upload's time on this thread. Between requests it goes,
            // so an idle keep-alive connection holds none.
            const bool inBody = m_parser && m_headHandled && !m_parser->is_done();
            if (inBody)
                m_in.resize(0);
            else
                m_in.clear();
            m_inPos = 0;
            const qint64 available = m_socket->bytesAvailable();
            if (available <= 0)
                break;
            if (!m_parser && m_server->m_router.hasWebSocketRoutes() && tryWebSocketUpgrade())
                break;
            if (m_headHandled)
                setDeadline(Deadline::Body, m_server->m_options.idleTimeoutMs);
            // A plain body whose consumer keeps the bytes in memory of its own (S3 objects: the
            // blocks they are hashed and written from) is read straight there, one copy fewer.
            qsizetype room = 0;
            char *own = inBody && m_consumer && !m_decoder && !m_parser->chunked() ? m_consumer->bodyBuffer(&room) : nullptr;
            if (own && room > 0) {
                const qint64 got = m_socket->read(own, qMin<qint64>(room, available));
                if (got <= 0)
                    break;
                beast::error_code ec;
                const std::size_t used = m_parser->put(boost::asio::const_buffer(own, std::size_t(got)), ec);
                m_requestBytesIn += qint64(used);
                if (qint64(used) < got) // a pipelined request behind the body, or bytes the parser refused
                    m_in = QByteArray(own + used, qsizetype(got - qint64(used)));
                if (ec && ec != bhttp::error::need_more) {
                    fail(m_failStatus ? m_failStatus : 400,
                         m_failStatus ? m_failMessage : tr("malformed request: %1").arg(QString::fromStdString(ec.message())));
                    break;
                }
                if (m_parser->is_done())
                    onComplete();
                continue;
            }
            if (inBody) {
                m_in.resize(qsizetype(available));
                m_in.resize(qsizetype(qMax<qint64>(m_socket->read(m_in.data(), available), 0)));
            } else {
                // A new request: its head, and whatever the socket holds behind it, up to
                // kHeadReadBytes. readAll() took up to readBufferBytes, a fresh allocation the
                // kernel faulted in for every request, and most of it body bytes that were then
                // copied once more (into the consumer's buffer) than the rest of the body.
                m_in = m_socket->read(qMin<qint64>(available, kHeadReadBytes));
            }
        }
        if (!m_parser)
            startRequest();

        beast::error_code ec;
        const std::size_t used = m_parser->put(
            boost::asio::const_buffer(m_in.constData() + m_inPos, std::size_t(m_in.size() - m_inPos)), ec);
        m_inPos += qsizetype(used);
        m_requestBytesIn += qint64(used);
        if (ec == bhttp::error::need_more) {
            // Beast wants the whole head (or chunk header) contiguous: add what the socket has.
            if (m_socket->bytesAvailable() <= 0)
                break;
            m_in.remove(0, m_inPos);
            m_inPos = 0;
            m_in.append(m_socket->readAll());
            continue;
        }
        if (ec) {
            if (m_failStatus)
                fail(m_failStatus, m_failMessage);
            else if (ec == bhttp::error::header_limit)
                fail(431, tr("the request head is larger than %1 bytes").arg(m_server->m_options.headerLimitBytes));
            else
                fail(400, tr("malformed request: %1").arg(QString::fromStdString(ec.message())));
            break;
        }
        if (!m_headHandled && m_parser->is_header_done()) {
            m_headHandled = true;
            if (!onHead())
                continue;
        }
        if (m_parser->is_done())
            onComplete();
    }
    m_processing = false;
}

bool HttpConnection::tryWebSocketUpgrade()
{
    const int limit = m_server->m_options.headerLimitBytes;
    const QByteArray head = m_socket->peek(limit);
    if (!head.startsWith(QByteArrayView("GET ").first(qMin<qsizetype>(4, head.size()))))
        return false; // upgrades are GETs; anything else takes the ordinary path
    const qsizetype end = head.indexOf("\r\n\r\n");
    if (end < 0) {
        if (head.size() >= limit)
            return false; // the parser will answer 431
        if (m_deadlineKind != Deadline::Header)
            setDeadline(Deadline::Header, m_server->m_options.headerTimeoutMs);
        return true; // wait for the rest of the head, still unread
    }
    if (!head.toLower().contains("websocket"))
        return false;

    bhttp::request_parser<bhttp::empty_body> probe;
    probe.header_limit(std::uint32_t(limit));
    beast::error_code ec;
    probe.put(boost::asio::const_buffer(head.constData(), std::size_t(end + 4)), ec);
    if (ec || !probe.is_header_done() || !probe.upgrade())
        return false;
    const auto &message = probe.get();
    if (!beast::iequals(message[bhttp::field::upgrade], "websocket"))
        return false;

    Request request;
    request.m_method = "GET";
    request.setTarget(toBytes(message.target()));
    request.m_version = message.version();
    for (const auto &field : message)
        request.m_headers.append({toBytes(field.name_string()), toBytes(field.value())});
    request.m_remoteAddress = m_peerAddress;
    request.m_remotePort = m_peerPort;
    const Route *route = m_server->m_router.matchWebSocket(request);
    if (!route)
        return false;

    if (route->m_auth) {
        if (auto denied = route->m_auth(request)) {
            m_socket->read(end + 4); // the head is answered here, so consume it
            m_requestTimer.start();
            m_request = request;
            m_requestBytesIn = end + 4;
            sendEngineResponse(std::move(*denied), true);
            return true;
        }
    }

    m_server->recordRequest(101, end + 4, 0, 0);
    qCDebug(lcHttpAccess).noquote() << m_server->m_options.serviceName << m_peerAddress.toString()
                                    << "GET" << request.target() << 101 << "websocket";
    // Hand over before reading: QWebSocketServer reads the handshake from the socket itself.
    disconnect(m_socket, nullptr, this, nullptr);
    QTcpSocket *socket = std::exchange(m_socket, nullptr);
    socket->setParent(nullptr);
    socket->setReadBufferSize(0);
    m_gone = true;
    m_server->connectionClosed(this);
    m_server->handOffWebSocket(socket, route, request);
    deleteLater();
    return true;
}

bool HttpConnection::onHead()
{
    Request &request = m_request;
    if (!request.m_target.startsWith('/')) {
        fail(400, tr("the request target must be an absolute path"));
        return false;
    }
    request.setTarget(request.m_target);
    m_keepAlive = m_keepAlive && m_parser->keep_alive() && !m_server->m_shuttingDown;
    m_headOnly = request.m_method == "HEAD";
    const bool bodyPending = !m_parser->is_done();

    // Answers without reading the body: the connection must close if a body is on its way.
    const auto answer = [&](Response response) {
        sendEngineResponse(std::move(response), bodyPending);
        return false;
    };

    const CorsPolicy &cors = m_server->m_cors;
    if (cors.isEnabled() && CorsPolicy::isPreflight(request)) {
        if (!cors.allowsOrigin(request.header("Origin")))
            return answer(m_server->errorResponse(
                403, tr("origin %1 is not allowed").arg(QString::fromUtf8(request.header("Origin")))));
        return answer(cors.preflightResponse(request));
    }

    const Router::Match match = m_server->m_router.match(request);
    if (!match.route) {
        if (!match.allowedMethods.isEmpty()) {
            Response response = m_server->errorResponse(
                405, tr("method %1 is not allowed on %2").arg(QString::fromLatin1(request.method()), request.path()));
            response.setHeader("Allow", match.allowedMethods.join(", "));
            return answer(std::move(response));
        }
        return answer(m_server->errorResponse(404, tr("no such resource: %1").arg(request.path())));
    }
    if (match.route->m_auth) {
        if (auto denied = match.route->m_auth(request))
            return answer(std::move(*denied));
    }
    m_route = match.route;
    m_policy = m_route->m_body ? m_route->m_body(request) : BodyPolicy();
    // The sink exists even for an empty body, so handlers can rely on bodyFile()/bodyConsumer().
    const auto declared = bodyPending ? m_parser->content_length() : boost::optional<std::uint64_t>(0);
    if (declared && *declared > std::uint64_t(m_policy.maxBytes)) {
        fail(413, tr("the request body of %1 bytes is larger than the limit of %2 bytes")
                      .arg(qulonglong(*declared)).arg(m_policy.maxBytes));
        return false;
    }
    if (bodyPending && m_policy.decodeContentEncoding) {
        bool unsupported = false;
        m_decoder = ContentDecoder::create(request.header("Content-Encoding"), m_policy.maxDecodedBytes, &unsupported);
        if (unsupported) {
            fail(415, tr("unsupported Content-Encoding %1").arg(QString::fromLatin1(request.header("Content-Encoding"))));
            return false;
        }
    }
    const QByteArray expect = request.header("Expect");
    if (bodyPending && !expect.isEmpty() && request.m_version >= 11) {
        if (expect.compare("100-continue", Qt::CaseInsensitive) != 0) {
            fail(417, tr("unsupported expectation %1").arg(QString::fromLatin1(expect)));
            return false;
        }
        send(QByteArrayLiteral("HTTP/1.1 100 Continue\r\n\r\n"));
    }

    switch (m_policy.sink) {
    case BodyPolicy::Sink::Memory:
        // Reserve what was announced, but not so much that idle clients can claim memory.
        if (declared)
            request.m_body.reserve(qsizetype(qMin<std::uint64_t>(*declared, kMaxBodyReserve)));
        break;
    case BodyPolicy::Sink::File: {
        const QString dir = m_server->m_options.spoolDirectory.isEmpty() ? QDir::tempPath()
                                                                         : m_server->m_options.spoolDirectory;
        m_bodyFile = std::make_shared<QTemporaryFile>(dir + QStringLiteral("/homeport-body-XXXXXX"));
        if (!m_bodyFile->open()) {
            fail(500, tr("cannot create a temporary file in %1: %2").arg(dir, m_bodyFile->errorString()));
            return false;
        }
        break;
    }
    case BodyPolicy::Sink::Consumer:
        if (m_policy.consumer)
            m_consumer = m_policy.consumer(request);
        if (!m_consumer) {
            fail(500, tr("the route has no body consumer"));
            return false;
        }
        break;
    }
    return true;
}

void HttpConnection::setFailure(int status, const QString &message)
{
    m_failStatus = status;
    m_failMessage = message;
}

bool HttpConnection::onBody(const char *data, qsizetype size)
{
    m_request.m_bodyWireBytes += size;
    if (m_request.m_bodyWireBytes > m_policy.maxBytes) {
        setFailure(413, tr("the request body is larger than the limit of %1 bytes").arg(m_policy.maxBytes));
        return false;
    }
    if (m_decoder)
        return checkDecoder(int(m_decoder->feed(data, size, m_decodedSink)));
    return writeToSink(data, size);
}

bool HttpConnection::checkDecoder(int result)
{
    switch (ContentDecoder::Result(result)) {
    case ContentDecoder::Result::Ok:
        return true;
    case ContentDecoder::Result::Corrupt:
        setFailure(400, tr("the request body is not valid %1 data")
                            .arg(QString::fromLatin1(m_request.header("Content-Encoding"))));
        return false;
    case ContentDecoder::Result::TooLarge:
        setFailure(413, tr("the decoded request body is larger than the limit of %1 bytes")
                            .arg(m_policy.maxDecodedBytes));
        return false;
    case ContentDecoder::Result::SinkRefused:
        return false; // writeToSink set the failure
    }
    return false;
}

bool HttpConnection::writeToSink(const char *data, qsizetype size)
{
    switch (m_policy.sink) {
    case BodyPolicy::Sink::Memory:
        m_request.m_body.append(data, size);
        return true;
    case BodyPolicy::Sink::File:
        if (m_bodyFile->write(data, size) != size) {
            setFailure(500, tr("cannot write the request body to %1: %2")
                                .arg(m_bodyFile->fileName(), m_bodyFile->errorString()));
            return false;
        }
        return true;
    case BodyPolicy::Sink::Consumer:
        if (!m_consumer->write(data, size)) {
            setFailure(m_consumer->errorStatus(), m_consumer->errorMessage());
            return false;
        }
        return true;
    }
    return false;
}

void HttpConnection::onComplete()
{
    if (m_decoder && !checkDecoder(int(m_decoder->finish(m_decodedSink))))
        return fail(m_failStatus, m_failMessage);
    if (m_bodyFile) {
        if (!m_bodyFile->flush() || !m_bodyFile->seek(0))
            return fail(500, tr("cannot write the request body to %1").arg(m_bodyFile->fileName()));
        m_request.m_bodyFile = m_bodyFile;
    }
    completeRequest();
}

void HttpConnection::completeRequest()
{
    if (m_consumer) {
        if (holdBack(true))
            return; // resumeBody() comes back here
        if (!m_consumer->finish())
            return fail(m_consumer->errorStatus(), m_consumer->errorMessage());
        m_request.m_consumer = m_consumer;
    }
    m_busy = true;
    m_deadlineKind = Deadline::None; // handlers may take as long as they need (LLM streams)
    auto exchange = std::make_shared<Exchange>();
    exchange->connection = this;
    m_exchange = exchange.get();
    Responder responder(std::move(exchange));
    m_route->m_handler(m_request, responder);
}

bool HttpConnection::holdBack(bool finishing)
{
    const std::shared_ptr<ResumeToken> token = m_resumeToken;
    if (!m_consumer->holdsBack(finishing, [token] { token->resume(); }))
        return false;
    m_heldBack = true;
    m_finishHeld = finishing;
    m_deadlineKind = Deadline::None; // we are the slow side now, not the client
    return true;
}

void HttpConnection::resumeBody()
{
    if (!m_heldBack || m_gone || m_closing)
        return;
    m_heldBack = false;
    if (std::exchange(m_finishHeld, false)) {
        completeRequest(); // may hold back again, or start the handler
        return;
    }
    setDeadline(Deadline::Body, m_server->m_options.idleTimeoutMs);
    process();
}

void HttpConnection::fail(int status, const QString &message)
{
    qCDebug(lcHttp).noquote() << m_server->m_options.serviceName << m_peerAddress.toString() << status << message;
    sendEngineResponse(m_server->errorResponse(status, message), true);
}

void HttpConnection::sendEngineResponse(Response response, bool close)
{
    if (close)
        m_keepAlive = false;
    m_busy = true;
    respond(std::move(response));
}

QByteArray HttpConnection::composeHead(const Response &response, Framing framing, qint64 length)
{
    QByteArray out;
    out.reserve(160 + response.headers.size() * 48);
    out += "HTTP/1.1 ";
    out += QByteArray::number(response.status);
    out += ' ';
    out += reasonPhrase(response.status);
    out += "\r\nServer: Homeport/" HOMEPORT_VERSION "\r\nDate: ";
    out += httpDate();
    out += "\r\n";
    const bool bodyless = isBodyless(response.status);
    bool explicitLength = false;
    for (const auto &h : response.headers) {
        if (isFramingHeader(h.first)) {
            // A HEAD answer may state the length of the body it does not send (S3 HeadObject).
            if (!(m_headOnly && !bodyless && h.first.compare("Content-Length", Qt::CaseInsensitive) == 0))
                continue;
            explicitLength = true;
        }
        out += h.first;
        out += ": ";
        out += h.second;
        out += "\r\n";
    }
    // Preflight answers carry their CORS headers already; adding them twice breaks browsers.
    if (m_server->m_cors.isEnabled() && !hasHeader(response.headers, "Access-Control-Allow-Origin")) {
        HeaderList cors;
        m_server->m_cors.decorate(m_request, cors);
        for (const auto &h : cors)
            out += h.first + ": " + h.second + "\r\n";
    }
    if (!bodyless) {
        switch (framing) {
        case Framing::Length:
            if (!explicitLength) {
                out += "Content-Length: ";
                out += QByteArray::number(length);
                out += "\r\n";
            }
            break;
        case Framing::Chunked:
            out += "Transfer-Encoding: chunked\r\n";
            break;
        case Framing::CloseDelimited:
            m_keepAlive = false;
            break;
        }
    }
    if (!m_keepAlive || m_server->m_shuttingDown) {
        m_keepAlive = false;
        out += "Connection: close\r\n";
    } else if (m_request.m_version == 10) {
        out += "Connection: keep-alive\r\n";
    }
    out += "\r\n";
    return out;
}

void HttpConnection::send(const QByteArray &bytes)
{
    m_socket->write(bytes);
    m_requestBytesOut += bytes.size();
}

void HttpConnection::respond(Response response)
{
    if (m_exchange)
        m_exchange->started = true;
    m_status = response.status;
    QByteArray out = composeHead(response, Framing::Length, response.body.size());
    if (!m_headOnly && !isBodyless(response.status))
        out += response.body;
    send(out);
    // Small answers go out now rather than on the next event-loop pass.
    m_socket->flush();
    finishExchange();
}

void HttpConnection::respondDevice(Response head, std::unique_ptr<QIODevice> device, qint64 length)
{
    if (length < 0) {
        if (device->isSequential()) {
            qCWarning(lcHttp) << "sendDevice needs a length for sequential devices";
            return respond(m_server->errorResponse(500, tr("the response has no length")));
        }
        length = device->size() - device->pos();
    }
    if (m_exchange)
        m_exchange->started = true;
    m_status = head.status;
    send(composeHead(head, Framing::Length, length));
    if (m_headOnly || length == 0 || isBodyless(head.status))
        return finishExchange();
    m_outDevice = std::move(device);
    m_outRemaining = length;
    // Bytes that lie in a file go from the page cache to the socket without passing through
    // us (TLS sockets need to see them, so they keep the read/write path).
    m_sendFile = !m_socket->inherits("QSslSocket")
        && (dynamic_cast<FileRegion *>(m_outDevice.get()) || qobject_cast<QFileDevice *>(m_outDevice.get()));
    m_sendPos = m_outDevice->pos();
    connect(m_outDevice.get(), &QIODevice::readyRead, this, &HttpConnection::pump);
    pump();
}

bool HttpConnection::pumpFileRegion()
{
    // Qt's own buffer (the response head) goes first; bytesWritten brings us back.
    if (m_socket->bytesToWrite() > 0 && (m_socket->flush(), m_socket->bytesToWrite() > 0))
        return true;
    int fd = -1;
    qint64 offset = 0, available = 0;
    if (auto *region = dynamic_cast<FileRegion *>(m_outDevice.get())) {
        if (!region->fileRegion(m_sendPos, &fd, &offset, &available)) {
            qCWarning(lcHttp) << "response body cannot be read:" << m_outDevice->errorString();
            abort(); // the promised length cannot be kept: cut it, as pump() does
            return true;
        }
    } else {
        auto *file = static_cast<QFileDevice *>(m_outDevice.get());
        fd = file->handle();
        offset = m_sendPos;
        available = m_outRemaining;
    }
    if (fd < 0)
        return false;
    off_t from = off_t(offset);
    const ssize_t sent = ::sendfile(int(m_socket->socketDescriptor()), fd, &from,
                                    size_t(qMin(qMin(available, m_outRemaining), kSendFileBlock)));
    if (sent > 0) {
        m_sendPos += sent;
        m_outRemaining -= sent;
        m_requestBytesOut += sent;
    } else if (sent == 0 || (errno != EAGAIN && errno != EINTR)) {
        if (sent < 0 && (errno == EINVAL || errno == ENOSYS))
            return false; // this file or socket cannot be spliced: read and write instead
        // The file ended early, or the client went away: cut the response (pump() does the same).
        qCDebug(lcHttp) << "sendfile stopped:" << (sent == 0 ? QStringLiteral("file ended early") : QString::fromLocal8Bit(strerror(errno)));
        abort();
        return true;
    }
    if (m_outRemaining == 0)
        return true; // pump() finishes the exchange
    // Come back when the socket can take more (at once if it can: other connections run first).
    if (!m_sendNotifier) {
        m_sendNotifier = std::make_unique<QSocketNotifier>(m_socket->socketDescriptor(), QSocketNotifier::Write);
        connect(m_sendNotifier.get(), &QSocketNotifier::activated, this, [this] {
            m_sendNotifier->setEnabled(false);
            pump();
        });
    }
    m_sendNotifier->setEnabled(true);
    return true;
}

void HttpConnection::dropSendNotifier()
{
    // Possibly called from the notifier's own activated(): delete it later, not here.
    if (m_sendNotifier) {
        m_sendNotifier->setEnabled(false);
        m_sendNotifier.release()->deleteLater();
    }
}

void HttpConnection::pump()
{
    if (!m_outDevice || m_pumping || m_gone)
        return;
    if (m_sendFile) {
        m_pumping = true;
        const bool handled = pumpFileRegion();
        m_pumping = false;
        if (handled) {
            if (m_outDevice && m_outRemaining == 0 && !m_gone)
                finishExchange();
            return;
        }
        m_sendFile = false;
        if (!m_outDevice->seek(m_sendPos))
            return abort();
    }
    m_pumping = true;
    while (m_outRemaining > 0 && m_socket->bytesToWrite() < m_server->m_options.writeHighWaterBytes) {
        const QByteArray block = m_outDevice->read(qMin(m_outRemaining, kDeviceReadBlock));
        if (block.isEmpty()) {
            if (m_outDevice->isSequential())
                break; // more arrives with readyRead
            // A file that shrank or failed: the promised length cannot be kept, so end the
            // connection rather than let the client take a short body for a whole one.
            qCWarning(lcHttp) << "response body ended early:" << m_outDevice->errorString();
            m_pumping = false;
            return abort();
        }
        send(block);
        m_outRemaining -= block.size();
    }
    m_pumping = false;
    if (m_outRemaining == 0)
        finishExchange();
}

void HttpConnection::beginChunked(Response head)
{
    if (m_exchange)
        m_exchange->started = true;
    m_status = head.status;
    m_framing = m_request.m_version >= 11 ? Framing::Chunked : Framing::CloseDelimited;
    send(composeHead(head, m_framing, -1));
    m_socket->flush();
}

void HttpConnection::writeChunk(const QByteArray &data)
{
    if (m_headOnly || data.isEmpty())
        return; // an empty chunk would end the body
    if (m_framing == Framing::Chunked) {
        QByteArray out = QByteArray::number(data.size(), 16);
        out.reserve(out.size() + data.size() + 4);
        out += "\r\n";
        out += data;
        out += "\r\n";
        send(out);
    } else {
        send(data);
    }
    m_socket->flush(); // events (SSE, token streams) should reach the client now
}

void HttpConnection::endChunked()
{
    if (m_framing == Framing::Chunked && !m_headOnly)
        send(QByteArrayLiteral("0\r\n\r\n"));
    finishExchange();
}

qint64 HttpConnection::bytesPending() const
{
    return m_socket ? m_socket->bytesToWrite() : 0;
}

void HttpConnection::exchangeDropped(bool started)
{
    m_exchange = nullptr; // it is being destroyed
    if (!started) {
        qCWarning(lcHttp).noquote() << m_server->m_options.serviceName << "handler for"
                                    << m_request.method() << m_request.path() << "did not answer";
        respond(m_server->errorResponse(500, tr("the request handler did not answer")));
    } else if (!m_outDevice) {
        // A chunked response nobody can finish: cut it, so the client sees it incomplete.
        qCWarning(lcHttp).noquote() << m_server->m_options.serviceName << "streamed response to"
                                    << m_request.path() << "was abandoned";
        abort();
    }
}

void HttpConnection::finishExchange()
{
    const qint64 elapsedNs = m_requestTimer.nsecsElapsed();
    m_server->recordRequest(m_status, m_requestBytesIn, m_requestBytesOut, elapsedNs);
    if (lcHttpAccess().isDebugEnabled()) {
        qCDebug(lcHttpAccess).noquote()
            << m_server->m_options.serviceName << m_peerAddress.toString() << m_request.method()
            << m_request.target() << m_status << m_requestBytesOut
            << QString::number(double(elapsedNs) / 1e6, 'f', 2) + QStringLiteral("ms");
    }
    if (m_exchange) {
        m_exchange->connection = nullptr;
        m_exchange = nullptr;
    }
    m_outDevice.reset();
    dropSendNotifier();
    m_sendFile = false;
    m_busy = false;
    if (!m_keepAlive)
        return closeAfterWrite();
    m_parser.reset();
    m_headHandled = false;
    setDeadline(Deadline::Idle, m_server->m_options.idleTimeoutMs);
    if (!m_processing)
        process(); // pipelined requests, or bytes that arrived while we were answering
}

void HttpConnection::closeAfterWrite()
{
    if (m_closing || m_gone)
        return;
    m_closing = true;
    m_deadlineKind = Deadline::None;
    m_socket->disconnectFromHost(); // sends what is queued, then closes
}

void HttpConnection::onDisconnected()
{
    if (m_gone)
        return;
    m_gone = true;
    m_deadlineKind = Deadline::None;
    if (Exchange *exchange = std::exchange(m_exchange, nullptr)) {
        exchange->connection = nullptr;
        const auto callbacks = std::move(exchange->abortCallbacks);
        qCDebug(lcHttpAccess).noquote() << m_server->m_options.serviceName << m_peerAddress.toString()
                                        << m_request.method() << m_request.target()
                                        << "client went away before the response finished";
        for (const auto &callback : callbacks)
            callback();
    }
    // Drop a half-received body: the temp file is removed, the consumer cleans up.
    dropSendNotifier();
    m_outDevice.reset();
    m_decoder.reset();
    m_bodyFile.reset();
    m_consumer.reset();
    m_request = Request();
    m_server->connectionClosed(this);
    deleteLater();
}

} // namespace homeport::http
