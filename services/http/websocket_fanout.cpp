#include "websocket_fanout.h"

#include <QSslSocket>
#include <QTcpSocket>
#include <QVariant>
#include <QWebSocket>

#include <cerrno>
#include <sys/socket.h>
#include <sys/types.h>

namespace homeport::http {

// Set by HttpServer::acceptWebSockets on each QWebSocket it hands to a route.
extern const char kTransportProperty[] = "homeport.http.transport";

QByteArray encodeServerTextFrame(QByteArrayView utf8)
{
    const qsizetype size = utf8.size();
    QByteArray frame;
    const int header = size < 126 ? 2 : size <= 0xFFFF ? 4 : 10;
    frame.reserve(header + size);
    frame.append(char(0x81)); // FIN + text
    if (size < 126) {
        frame.append(char(size));
    } else if (size <= 0xFFFF) {
        frame.append(char(126));
        frame.append(char((size >> 8) & 0xFF));
        frame.append(char(size & 0xFF));
    } else {
        frame.append(char(127));
        const quint64 length = quint64(size);
        for (int shift = 56; shift >= 0; shift -= 8)
            frame.append(char((length >> shift) & 0xFF));
    }
    frame.append(utf8.data(), size);
    return frame;
}

QTcpSocket *plainTransportOf(const QWebSocket *webSocket)
{
    if (!webSocket)
        return nullptr;
    auto *transport = qobject_cast<QTcpSocket *>(webSocket->property(kTransportProperty).value<QObject *>());
    if (!transport || qobject_cast<QSslSocket *>(transport))
        return nullptr;
    return transport;
}

bool sendPreframed(QTcpSocket *transport, const QByteArray &frame)
{
    if (!transport || transport->state() != QAbstractSocket::ConnectedState)
        return false;
    qsizetype sent = 0;
    const qintptr fd = transport->socketDescriptor();
    // Only with nothing queued in Qt: then every earlier frame is already in the kernel, so these
    // bytes follow them. Anything not taken now is queued in Qt, and later frames queue behind it.
    if (fd >= 0 && transport->bytesToWrite() == 0) {
        while (sent < frame.size()) {
            const ssize_t n = ::send(int(fd), frame.constData() + sent, size_t(frame.size() - sent),
                                     MSG_NOSIGNAL | MSG_DONTWAIT);
            if (n > 0) {
                sent += n;
                continue;
            }
            if (n < 0 && errno == EINTR)
                continue;
            break; // EAGAIN (kernel buffer full) or an error Qt will report on its own write
        }
    }
    if (sent < frame.size())
        transport->write(frame.constData() + sent, frame.size() - sent);
    return true;
}

} // namespace homeport::http
