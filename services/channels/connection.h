#pragma once
// Connection: one client WebSocket of one app and its protocol state (subscriptions, signed-in
// user, watchlist, activity and client-event rate). ChannelHub owns it and does the protocol;
// adapters only call socketId(), send() and sendEncoded().
//
// Output is batched: frames are queued (a publish's frame is encoded once and shared by every
// subscriber) and each connection with output writes all of it once per event-loop turn, through
// the OutputFlusher, in one send() when the kernel takes it (http/websocket_frames.h). A client
// that does not read while more than kMaxBufferedBytes wait for it is closed with 4100 and
// aborted after a grace period, so it never holds unbounded memory.
// Thread affinity: the service's thread.

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>
#include <QStringList>

class QTcpSocket;
class QWebSocket;

namespace homeport::channels {

class Connection;

// Flushes every connection that queued output, once per event-loop turn (a queued call posted at
// the first frame of the turn). Owned by the hub; outlives its connections.
class OutputFlusher : public QObject
{
public:
    using QObject::QObject;
    void schedule(Connection *connection);
    void cancel(Connection *connection);
    // Writes everything queued now (also called by the posted flush).
    void flushAll();

private:
    QList<Connection *> m_due; // nullptr: cancelled
    bool m_posted = false;
};

class Connection
{
public:
    // Unsent output (queued here and in Qt's write buffer) above which the client counts as too
    // slow: 4100, then abort after kSlowCloseGraceMs.
    static constexpr qint64 kMaxBufferedBytes = 4 * 1024 * 1024;
    static constexpr int kSlowCloseGraceMs = 5000;

    // Takes ownership of the socket. `transport` is what it writes to (http::Request::webSocketTransport());
    // without one, frames go through QWebSocket::sendTextMessage one by one.
    Connection(QWebSocket *socket, QTcpSocket *transport, const QString &socketId, const QString &appId, OutputFlusher *flusher);
    ~Connection();
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;

    const QString &socketId() const { return m_socketId; }
    const QString &appId() const { return m_appId; }
    QWebSocket *socket() const { return m_socket; }

    // Queues a text frame; a no-op once the connection is closing.
    void send(const QString &frame);
    // The same for a frame already built by http::encodeServerTextFrame(frame.toUtf8()), shared
    // between subscribers; `frame` is used only when the socket did not come from HttpServer.
    void sendEncoded(const QString &frame, const QByteArray &wireFrame);
    // Writes what is queued (OutputFlusher calls it once per turn).
    void flush();
    // Sends what is queued, then the close frame with a Pusher close code; the hub forgets the
    // connection when the socket reports it disconnected.
    void close(int code, const QString &reason);
    bool isClosing() const { return m_closing; }
    quint64 framesSent() const { return m_framesSent; }
    // Bytes queued here and in Qt's write buffer, not yet taken by the kernel.
    qint64 bufferedBytes() const;

    QSet<QString> channels;
    QHash<QString, QString> presenceUserIds; // presence channel -> the user id it joined as
    QString userId;                          // set by pusher:signin
    QStringList watchlist;                   // user ids this connection watches
    qint64 lastActivityMs = 0;
    qint64 pingSentMs = -1;                  // -1: no ping outstanding
    qint64 clientEventWindowMs = 0;          // start of the current one-second window
    int clientEventsInWindow = 0;

private:
    friend class OutputFlusher;
    void queue(const QByteArray &wireFrame);
    void closeTooSlow();

    QWebSocket *m_socket;
    QPointer<QTcpSocket> m_transport; // what m_socket writes to; null when it did not come from HttpServer
    OutputFlusher *m_flusher;
    QString m_socketId;
    QString m_appId;
    QList<QByteArray> m_pending; // whole frames, in order, shared with the other subscribers
    qint64 m_pendingBytes = 0;
    qint64 m_transportBacklog = 0; // Qt's write buffer after the last flush; it only shrinks until the next
    qsizetype m_flushSlot = -1; // index in the flusher's list while a flush is due
    bool m_closing = false;
    quint64 m_framesSent = 0;
};

} // namespace homeport::channels
