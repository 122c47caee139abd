#include "loopback_client.h"

#include "http_server.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>

namespace homeport::http {

LoopbackClient::LoopbackClient(HttpServer *server, const QHostAddress &bindAddress, QObject *parent)
    : QObject(parent)
    , m_server(server)
    , m_host(bindAddress == QHostAddress::Any || bindAddress == QHostAddress::AnyIPv4 || bindAddress.isNull()
                 ? QStringLiteral("127.0.0.1")
                 : bindAddress == QHostAddress::AnyIPv6 ? QStringLiteral("::1")
                                                        : bindAddress.toString())
    , m_network(new QNetworkAccessManager(this))
{
    // Loopback only: a proxy from the environment must never see the console's admin credentials.
    m_network->setProxy(QNetworkProxy::NoProxy);
}

bool LoopbackClient::isListening() const
{
    return m_server && m_server->isListening();
}

quint16 LoopbackClient::port() const
{
    return m_server ? m_server->serverPort() : 0;
}

QString LoopbackClient::authority() const
{
    const QString host = m_host.contains(QLatin1Char(':')) ? QStringLiteral("[%1]").arg(m_host) : m_host;
    return QStringLiteral("%1:%2").arg(host).arg(port());
}

void LoopbackClient::track(quint64 requestId, QNetworkReply *reply, Finished onFinished)
{
    m_pending.insert(reply, requestId);
    connect(reply, &QNetworkReply::finished, this, [this, reply, onFinished = std::move(onFinished)] {
        // Answered once: a second finished() (an abort racing the end) finds it gone.
        if (!m_pending.contains(reply))
            return;
        const quint64 id = m_pending.take(reply);
        reply->deleteLater();
        onFinished(id, reply);
    });
}

QList<quint64> LoopbackClient::abortAll()
{
    QList<quint64> ids;
    for (auto it = m_pending.cbegin(); it != m_pending.cend(); ++it) {
        it.key()->disconnect(this);
        it.key()->abort();
        ids.append(it.value());
    }
    m_pending.clear();
    return ids;
}

} // namespace homeport::http
