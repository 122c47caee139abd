#pragma once
// Test helpers for the HTTP engine: a raw-socket client whose responses are parsed with Beast's
// response parser, and an event-loop wait that keeps the server (same thread) running.
// Thread affinity: the test's thread, which is also the server's.

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QTcpSocket>
#include <QTimer>

#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include <functional>
#include <optional>

namespace homeport::http::test {

// Runs the event loop until done() or the timeout; returns done().
inline bool waitUntil(const std::function<bool()> &done, int timeoutMs = 5000)
{
    QDeadlineTimer deadline(timeoutMs);
    QTimer tick; // wakes the loop so the deadline is noticed even when nothing happens
    tick.start(5);
    while (!done()) {
        if (deadline.hasExpired())
            return done();
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    }
    return true;
}

struct ParsedResponse
{
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    bool chunked = false;

    QByteArray header(QByteArrayView name) const
    {
        for (const auto &h : headers) {
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return h.second;
        }
        return {};
    }
    bool hasHeader(QByteArrayView name) const
    {
        for (const auto &h : headers) {
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return true;
        }
        return false;
    }
};

class TestClient
{
public:
    explicit TestClient(quint16 port)
    {
        m_socket.connectToHost(QStringLiteral("127.0.0.1"), port);
        m_socket.waitForConnected(3000);
        QObject::connect(&m_socket, &QTcpSocket::readyRead, [this] { m_buffer += m_socket.readAll(); });
    }

    QTcpSocket &socket() { return m_socket; }
    QByteArray &buffer() { return m_buffer; }
    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }

    void send(const QByteArray &bytes)
    {
        m_socket.write(bytes);
        m_socket.flush();
    }

    // Waits for one complete response at the front of the stream and removes it.
    std::optional<ParsedResponse> readResponse(bool headRequest = false, int timeoutMs = 5000)
    {
        std::optional<ParsedResponse> result;
        waitUntil([&] {
            result = tryParse(headRequest, !isConnected());
            return result.has_value() || (!isConnected() && m_socket.bytesAvailable() == 0 && !tryParse(headRequest, true));
        }, timeoutMs);
        if (!result)
            result = tryParse(headRequest, !isConnected());
        return result;
    }

    bool waitForDisconnected(int timeoutMs = 5000)
    {
        return waitUntil([&] { return !isConnected(); }, timeoutMs);
    }

    bool waitForBytes(QByteArrayView needle, int timeoutMs = 5000)
    {
        return waitUntil([&] { return m_buffer.contains(needle); }, timeoutMs);
    }

private:
    std::optional<ParsedResponse> tryParse(bool headRequest, bool eof)
    {
        namespace bhttp = boost::beast::http;
        bhttp::response_parser<bhttp::string_body> parser;
        parser.body_limit(boost::none);
        parser.eager(true);
        parser.skip(headRequest);
        boost::beast::error_code ec;
        const std::size_t used = parser.put(boost::asio::const_buffer(m_buffer.constData(), std::size_t(m_buffer.size())), ec);
        if (ec == bhttp::error::need_more && eof && parser.is_header_done())
            parser.put_eof(ec);
        if (ec && ec != bhttp::error::need_more)
            return std::nullopt;
        if (!parser.is_done()) {
            if (eof && parser.is_header_done() && !parser.chunked() && !parser.content_length()) {
                parser.put_eof(ec);
                if (!parser.is_done())
                    return std::nullopt;
            } else {
                return std::nullopt;
            }
        }
        ParsedResponse response;
        const auto &message = parser.get();
        response.status = int(message.result_int());
        for (const auto &field : message)
            response.headers.append({QByteArray(field.name_string().data(), qsizetype(field.name_string().size())),
                                     QByteArray(field.value().data(), qsizetype(field.value().size()))});
        response.body = QByteArray::fromStdString(message.body());
        response.chunked = parser.chunked();
        m_buffer.remove(0, qsizetype(used));
        return response;
    }

    QTcpSocket m_socket;
    QByteArray m_buffer;
};

} // namespace homeport::http::test
