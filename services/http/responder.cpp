#include "responder.h"

#include "core/logging.h"
#include "http_connection.h"
#include "http_server.h"

#include <QCoreApplication>
#include <QFile>

namespace homeport::http {

namespace {

// The connection while this exchange may still answer; null once finished or the client left.
HttpConnection *live(const std::shared_ptr<Exchange> &exchange)
{
    return exchange ? exchange->connection.data() : nullptr;
}

// For calls that begin a response: a second answer to one request is a handler bug.
HttpConnection *unanswered(const std::shared_ptr<Exchange> &exchange)
{
    HttpConnection *connection = live(exchange);
    if (connection && exchange->started) {
        qCWarning(lcHttp) << "a response was already started for this request; ignoring another";
        return nullptr;
    }
    return connection;
}

} // namespace

void Responder::send(Response response)
{
    if (HttpConnection *c = unanswered(m_exchange))
        c->respond(std::move(response));
}

void Responder::send(int status, const QByteArray &contentType, const QByteArray &body)
{
    send(Response(status, contentType, body));
}

void Responder::sendError(int status, const QString &message)
{
    if (HttpConnection *c = unanswered(m_exchange))
        c->respond(qobject_cast<HttpServer *>(c->parent())->errorResponse(status, message));
}

void Responder::sendDevice(Response head, QIODevice *device, qint64 length)
{
    std::unique_ptr<QIODevice> owned(device);
    if (HttpConnection *c = unanswered(m_exchange))
        c->respondDevice(std::move(head), std::move(owned), length);
}

void Responder::sendFile(Response head, const QString &path)
{
    auto file = std::make_unique<QFile>(path);
    if (!file->open(QIODevice::ReadOnly))
        return sendError(404, QCoreApplication::translate("Responder", "cannot open %1: %2").arg(path, file->errorString()));
    sendDevice(std::move(head), file.release());
}

void Responder::beginChunked(Response head)
{
    if (HttpConnection *c = unanswered(m_exchange))
        c->beginChunked(std::move(head));
}

void Responder::write(const QByteArray &data)
{
    HttpConnection *c = live(m_exchange);
    if (c && m_exchange->started)
        c->writeChunk(data);
}

void Responder::end()
{
    HttpConnection *c = live(m_exchange);
    if (c && m_exchange->started)
        c->endChunked();
}

void Responder::beginEventStream(Response head)
{
    head.setHeader("Content-Type", "text/event-stream");
    head.setHeader("Cache-Control", "no-cache");
    head.setHeader("X-Accel-Buffering", "no"); // tells reverse proxies in front not to buffer
    beginChunked(std::move(head));
}

void Responder::writeEvent(const QByteArray &data, const QByteArray &event, const QByteArray &id)
{
    QByteArray out;
    out.reserve(data.size() + event.size() + id.size() + 32);
    if (!event.isEmpty())
        out += "event: " + event + '\n';
    if (!id.isEmpty())
        out += "id: " + id + '\n';
    // Multi-line data becomes one "data:" line per line; the client joins them with '\n'.
    for (const QByteArray &line : data.split('\n'))
        out += "data: " + line + '\n';
    out += '\n';
    write(out);
}

bool Responder::isOpen() const
{
    return live(m_exchange) != nullptr;
}

void Responder::onAborted(std::function<void()> callback)
{
    if (live(m_exchange))
        m_exchange->abortCallbacks.push_back(std::move(callback));
}

qint64 Responder::bytesPending() const
{
    HttpConnection *c = live(m_exchange);
    return c ? c->bytesPending() : 0;
}

} // namespace homeport::http
