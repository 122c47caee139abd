#pragma once
// Connection: one client WebSocket of one app and its protocol state (subscriptions, signed-in
// user, watchlist, activity and client-event rate). ChannelHub owns it and does the protocol;
// adapters only call socketId() and send().
// Thread affinity: the service's thread.

#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>

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
    QString m_socketId;
    QString m_appId;
    bool m_closing = false;
    quint64 m_framesSent = 0;
};

} // namespace homeport::channels
