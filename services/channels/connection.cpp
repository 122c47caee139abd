#include "connection.h"

#include "channel_hub.h"
#include "http/websocket_frames.h"

#include <QTcpSocket>
#include <QTimer>
#include <QWebSocket>

namespace homeport::channels {

void OutputFlusher::schedule(Connection *connection)
{
    connection->m_flushSlot = m_due.size();
    m_due.append(connection);
    if (!m_posted) {
        m_posted = true;
        QMetaObject::invokeMethod(this, &OutputFlusher::flushAll, Qt::QueuedConnection);
    }
}

void OutputFlusher::cancel(Connection *connection)
{
    if (connection->m_flushSlot >= 0 && connection->m_flushSlot < m_due.size() && m_due.at(connection->m_flushSlot) == connection)
        m_due[connection->m_flushSlot] = nullptr;
    connection->m_flushSlot = -1;
}

void OutputFlusher::flushAll()
{
    m_posted = false;
    // By index: a flush may queue more (appended and flushed in this pass) or cancel a connection.
    for (qsizetype i = 0; i < m_due.size(); ++i) {
        if (Connection *connection = m_due.at(i)) {
            m_due[i] = nullptr;
            connection->m_flushSlot = -1;
            connection->flush();
        }
    }
    m_due.clear();
}

Connection::Connection(QWebSocket *socket, QTcpSocket *transport, const QString &socketId, const QString &appId,
                       OutputFlusher *flusher)
    : m_socket(socket), m_transport(transport), m_flusher(flusher), m_socketId(socketId), m_appId(appId)
{
}

Connection::~Connection()
{
    m_flusher->cancel(this);
    // Deleted from the socket's own signal handlers, so let the event loop finish with it first.
    m_socket->disconnect();
    if (m_socket->state() != QAbstractSocket::UnconnectedState)
        m_socket->abort();
    m_socket->deleteLater();
}

void Connection::send(const QString &frame)
{
    if (m_closing)
        return;
    if (!m_transport)
        m_socket->sendTextMessage(frame);
    else
        queue(http::encodeServerTextFrame(frame.toUtf8()));
    ++m_framesSent;
}

void Connection::sendEncoded(const QString &frame, const QByteArray &wireFrame)
{
    if (m_closing)
        return;
    if (!m_transport)
        m_socket->sendTextMessage(frame);
    else
        queue(wireFrame);
    ++m_framesSent;
}

qint64 Connection::bufferedBytes() const
{
    return m_pendingBytes + (m_transport ? m_transport->bytesToWrite() : m_socket->bytesToWrite());
}

void Connection::queue(const QByteArray &wireFrame)
{
    // Per frame only what this object holds (a publish touches every subscriber): the socket's
    // state is checked once per flush, and Qt's backlog as of the last flush bounds it from above.
    if (m_pendingBytes + m_transportBacklog + wireFrame.size() > kMaxBufferedBytes) {
        m_transportBacklog = m_transport ? m_transport->bytesToWrite() : 0;
        if (m_pendingBytes + m_transportBacklog + wireFrame.size() > kMaxBufferedBytes)
            return closeTooSlow();
    }
    m_pending.append(wireFrame);
    m_pendingBytes += wireFrame.size();
    if (m_flushSlot < 0)
        m_flusher->schedule(this);
}

void Connection::flush()
{
    if (m_pending.isEmpty())
        return;
    const QList<QByteArray> frames = std::exchange(m_pending, {});
    const qint64 total = std::exchange(m_pendingBytes, 0);
    // Not after a close frame went either way, or once the socket is gone.
    if (!m_transport || m_socket->state() != QAbstractSocket::ConnectedState)
        return;
    if (frames.size() == 1) {
        http::writeFrames(m_transport, frames.first());
    } else {
        QByteArray joined;
        joined.reserve(total);
        for (const QByteArray &frame : frames)
            joined.append(frame);
        http::writeFrames(m_transport, joined);
    }
    m_transportBacklog = m_transport->bytesToWrite();
}

void Connection::closeTooSlow()
{
    // What is queued stays unsent: the client is not reading, and the close frame should not wait
    // behind megabytes more. If it cannot even take the close frame, it is aborted.
    m_pending.clear();
    m_pendingBytes = 0;
    close(kCloseOverCapacity, QStringLiteral("Client too slow: more than %1 bytes waited to be read").arg(kMaxBufferedBytes));
    QTimer::singleShot(kSlowCloseGraceMs, m_socket, &QWebSocket::abort);
}

void Connection::close(int code, const QString &reason)
{
    if (m_closing)
        return;
    flush();
    m_closing = true;
    m_socket->close(QWebSocketProtocol::CloseCode(code), reason);
}

} // namespace homeport::channels
