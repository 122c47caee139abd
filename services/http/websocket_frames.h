#pragma once
// Writing WebSocket text frames built once, for fan-out: one publish to N subscribers encodes the
// frame once and hands the same bytes (implicitly shared) to every connection, which writes
// everything it has queued in one go.
//
// Why not QWebSocket::sendTextMessage per subscriber: every call converts to UTF-8 again and makes
// QAbstractSocket enable its write notifier, which it disables once the kernel took the bytes; with
// Qt's glib event dispatcher registering and unregistering a notifier is linear in the number of
// registered sockets, so one publish to N subscribers cost ~N² list steps (bench/RESULTS.md).
// Thread affinity: call from the thread that owns the sockets (the HttpServer's thread).

#include <QByteArray>
#include <QByteArrayView>

class QTcpSocket;

namespace homeport::http {

// An unmasked (server -> client) RFC 6455 text frame: FIN, opcode 1, 7/16/64-bit payload length.
QByteArray encodeServerTextFrame(QByteArrayView utf8);

// Writes whole frames to `transport` after everything written to it before (QWebSocket's own frames
// included). On plain TCP with nothing waiting in Qt's write buffer the bytes go straight to the
// kernel with one non-blocking send(), so no write notifier is touched; whatever the kernel does not
// take, and everything over TLS or behind bytes already queued, goes through QTcpSocket::write,
// whose notifier then stays on until Qt's buffer is empty. Returns the bytes the kernel took
// directly.
qint64 writeFrames(QTcpSocket *transport, QByteArrayView frames);

} // namespace homeport::http
