#include "search_api_client.h"

#include <QUrl>

namespace homeport::ui {

SearchApiClient::SearchApiClient(search::SearchMonitor *monitor, QObject *parent)
    : QObject(parent)
    , m_monitor(monitor)
{
    if (m_monitor)
        connect(m_monitor, &search::SearchMonitor::requestFinished, this, &SearchApiClient::onFinished);
}

void SearchApiClient::send(const search::ApiRequest &request, QObject *receiver, Callback callback)
{
    if (!m_monitor) {
        search::ApiAnswer answer;
        answer.error = tr("The search service is not connected to this console.");
        QPointer<QObject> guard(receiver);
        QMetaObject::invokeMethod(
            this, [guard, callback, answer] { if (guard) callback(answer); }, Qt::QueuedConnection);
        return;
    }
    const quint64 id = m_monitor->request(request);
    m_pending.insert(id, Pending{QPointer<QObject>(receiver), std::move(callback)});
}

void SearchApiClient::send(const QByteArray &method, const QString &path, const QList<QPair<QString, QString>> &query,
                           QObject *receiver, Callback callback)
{
    search::ApiRequest request;
    request.method = method;
    request.path = path;
    request.query = query;
    send(request, receiver, std::move(callback));
}

void SearchApiClient::onFinished(quint64 requestId, const search::ApiAnswer &answer)
{
    const auto it = m_pending.find(requestId);
    if (it == m_pending.end())
        return; // another console window's request, or one failed already
    const Pending pending = it.value();
    m_pending.erase(it);
    if (pending.receiver)
        pending.callback(answer);
    Q_EMIT answered(requestId);
}

void SearchApiClient::failPending(const QString &error)
{
    const QHash<quint64, Pending> pending = std::exchange(m_pending, {});
    search::ApiAnswer answer;
    answer.error = error;
    for (auto it = pending.cbegin(); it != pending.cend(); ++it) {
        if (it->receiver)
            it->callback(answer);
        Q_EMIT answered(it.key());
    }
}

QString SearchApiClient::collectionPath(const QString &collection, const QString &rest)
{
    return QStringLiteral("/collections/") + QString::fromUtf8(QUrl::toPercentEncoding(collection)) + rest;
}

} // namespace homeport::ui
