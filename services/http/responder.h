#pragma once
// Responder: how a handler answers one request, now or later. Copies share one exchange, so a
// handler that answers asynchronously keeps a copy (e.g. in a lambda connected to a signal).
// Once the client has gone, every call is a safe no-op and onAborted() callbacks run, so the
// handler can cancel upstream work. If the last copy goes without an answer, the client gets 500.
// Thread affinity: the HttpServer's thread only.

#include "response.h"

#include <QString>

#include <functional>
#include <memory>

class QIODevice;

namespace homeport::http {

struct Exchange;

class Responder
{
public:
    // A complete response. Content-Length is set by the engine (for HEAD requests the engine
    // keeps an explicit Content-Length the handler set and drops the body).
    void send(Response response);
    void send(int status, const QByteArray &contentType, const QByteArray &body);
    // Renders through the service's error formatter (JSON for most, XML for S3).
    void sendError(int status, const QString &message);

    // Streams `length` bytes from the device's current position without reading it into memory;
    // more is read only as the socket's write buffer drains. length < 0 means "to the end" and
    // is only allowed for random-access devices (files). Takes ownership of the device.
    void sendDevice(Response head, QIODevice *device, qint64 length = -1);
    // Opens and streams a file; answers 404 through the formatter when it cannot be opened.
    void sendFile(Response head, const QString &path);

    // A response of unknown length (chunked for HTTP/1.1, close-delimited for 1.0).
    void beginChunked(Response head);
    void write(const QByteArray &data);
    void end();

    // Server-Sent Events on top of beginChunked(): text/event-stream, no caching.
    void beginEventStream(Response head = Response());
    // Writes one event; multi-line data becomes several "data:" lines.
    void writeEvent(const QByteArray &data, const QByteArray &event = {}, const QByteArray &id = {});

    // False once the response is finished or the client has gone.
    bool isOpen() const;
    // Called once if the client disconnects (or shutdown aborts) before the response finished.
    void onAborted(std::function<void()> callback);
    // Bytes queued in the socket but not yet sent, for proxies that pace an upstream.
    qint64 bytesPending() const;

private:
    friend class HttpConnection;
    explicit Responder(std::shared_ptr<Exchange> exchange) : m_exchange(std::move(exchange)) {}

    std::shared_ptr<Exchange> m_exchange;
};

} // namespace homeport::http
