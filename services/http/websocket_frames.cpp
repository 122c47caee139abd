#include "websocket_frames.h"

#include <QSslSocket>
#include <QTcpSocket>

#include <cerrno>
#include <sys/socket.h>
#include <sys/types.h>

namespace homeport::http {

QByteArray encodeServerTextFrame(QByteArrayView utf8)
{
    const qsizetype size = utf8.size();
    const int header = size < 126 ? 2 : size <= 0xFFFF ? 4 : 10;
    QByteArray frame;
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

qint64 writeFrames(QTcpSocket *transport, QByteArrayView frames)
{
    qint64 sent = 0;
    const qintptr fd = transport->socketDescriptor();
    // Only with nothing queued in Qt: then every earlier byte is already in the kernel, so these
    // follow them. TLS bytes must go through QSslSocket.
    if (fd >= 0 && transport->bytesToWrite() == 0 && transport->state() == QAbstractSocket::ConnectedState
        && !qobject_cast<QSslSocket *>(transport)) {
        while (sent < frames.size()) {
            const ssize_t n = ::send(int(fd), frames.data() + sent, size_t(frames.size() - sent), MSG_NOSIGNAL | MSG_DONTWAIT);
            if (n > 0) {
                sent += n;
                continue;
            }
            if (n < 0 && errno == EINTR)
                continue;
            break; // EAGAIN (kernel buffer full), or an error Qt reports on its own write below
        }
    }
    if (sent < frames.size())
        transport->write(frames.data() + sent, frames.size() - sent);
    return sent;
}

} // namespace homeport::http
