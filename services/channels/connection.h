#pragma once
// Connection: one client WebSocket of one app and its protocol state (subscriptions, signed-in
// user, watchlist, activity and client-event rate). ChannelHub owns it and does the protocol;
// adapters only call socketId(), send() and sendEncoded().
// Thread affinity: the service's thread.

#include <QByteArray>
#include <QHash>
#include <QPointer>
#include <QSet>
#include <QString>
#include <QStringList>

class QTcpSocket;
class QWebSocket;

namespace homeport::channels {

class Connection
{
public:
    // Takes ownership of the socket.
    Connection(QWebSocket *socket, const QString &socketId, const QString &appId);
    ~Connection();
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;

    const QString &socketId() const { return m_socketId; }
    const QString &appId() const { return m_appId; }
    QWebSocket *socket() const { return m_socket; }

    // Queues a text frame; a no-op once the connection is closing.
    void send(const QString &frame);
    // The same message as `frame`, already built as a WebSocket text frame by
    // http::encodeServerTextFrame (one per publish, shared by every subscriber): written to the plain
    // TCP socket without QWebSocket's per-frame work (http/websocket_fanout.h); over TLS, or once
    // the socket is gone, falls back to send(frame). A no-op once the connection is closing.
    void sendEncoded(const QString &frame, const QByteArray &wireFrame);
    // Sends the close frame with a Pusher close code; the hub forgets the connection when the
    // socket reports it disconnected.
    void close(int code, const QString &reason);
    bool isClosing() const { return m_closing; }
    quint64 framesSent() const { return m_framesSent; }

    QSet<QString> channels;
    QHash<QString, QString> presenceUserIds; // presence channel -> the user id it joined as
    QString userId;                          // set by pusher:signin
    QStringList watchlist;                   // user ids this connection watches
    qint64 lastActivityMs = 0;
    qint64 pingSentMs = -1;                  // -1: no ping outstanding
    qint64 clientEventWindowMs = 0;          // start of the current one-second window
    int clientEventsInWindow = 0;

private:
    QWebSocket *m_socket;
    QPointer<QTcpSocket> m_transport; // plain TCP under m_socket; null over TLS
    QString m_socketId;
    QString m_appId;
    bool m_closing = false;
    quint64 m_framesSent = 0;
};

} // namespace homeport::channels
