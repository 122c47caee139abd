#pragma once
// WebSocket fan-out without per-frame notifier churn: build a server text frame once and write the
// same bytes to many upgraded connections.
//
// Why: every QWebSocket::sendTextMessage makes QAbstractSocket enable its write notifier and
// disable it after the flush; with Qt's glib event dispatcher both are linear in the number of
// registered sockets, so one publish to N subscribers costs ~N² list steps. sendPreframed() writes
// straight to the kernel when Qt's write buffer for the socket is empty, and queues only what the
// kernel did not take.
// Thread affinity: call from the thread that owns the sockets (the HttpServer's thread).

#include <QByteArray>
#include <QByteArrayView>

class QTcpSocket;
class QWebSocket;

namespace homeport::http {

// An unmasked (server → client) RFC 6455 text frame: FIN, opcode 1, 7/16/64-bit payload length.
QByteArray encodeServerTextFrame(QByteArrayView utf8);

// The plain-TCP socket under a WebSocket upgraded by HttpServer, or nullptr when there is none or
// it is TLS (QSslSocket: its bytes must go through the TLS layer, so use sendTextMessage).
// Valid while the QWebSocket lives (the QWebSocket owns it).
QTcpSocket *plainTransportOf(const QWebSocket *webSocket);

// Writes a complete frame from encodeServerTextFrame() (or any whole frame) to `transport`, in
// order with everything the QWebSocket on it wrote before: when Qt's write buffer is empty the bytes
// go to the kernel with a non-blocking send() and any remainder is queued with QTcpSocket::write;
// otherwise the whole frame is queued behind what is already there. Returns false when the socket
// is not connected (nothing is written).
bool sendPreframed(QTcpSocket *transport, const QByteArray &frame);

} // namespace homeport::http
