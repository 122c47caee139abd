#include "connection.h"

#include <QWebSocket>

namespace homeport::channels {

Connection::Connection(QWebSocket *socket, const QString &socketId, const QString &appId)
    : m_socket(socket), m_socketId(socketId), m_appId(appId)
{
}

Connection::~Connection()
{
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
    m_socket->sendTextMessage(frame);
    ++m_framesSent;
}

void Connection::close(int code, const QString &reason)
{
    if (m_closing)
        return;
    m_closing = true;
    m_socket->close(QWebSocketProtocol::CloseCode(code), reason);
}

} // namespace homeport::channels
