#include "search_monitor.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaObject>
#include <QMutexLocker>

namespace homeport::search {

QString ApiAnswer::message() const
{
    if (!error.isEmpty())
        return error;
    const QString message = QJsonDocument::fromJson(body).object().value(QStringLiteral("message")).toString();
    if (!message.isEmpty())
        return message;
    return QString::fromUtf8(body.left(300));
}

SearchMonitor::SearchMonitor(QObject *parent)
    : QObject(parent)
{
    // Requests cross into the service's thread, answers into the console's.
    qRegisterMetaType<homeport::search::ApiRequest>();
    qRegisterMetaType<homeport::search::ApiAnswer>();
}

SearchSnapshot SearchMonitor::snapshot() const
{
    QMutexLocker lock(&m_mutex);
    return m_snapshot;
}

void SearchMonitor::publish(const SearchSnapshot &snapshot)
{
    {
        QMutexLocker lock(&m_mutex);
        m_snapshot = snapshot;
    }
    Q_EMIT snapshotPublished();
}

void SearchMonitor::setServiceAttached(bool attached)
{
    QMutexLocker lock(&m_mutex);
    m_attached = attached;
}

bool SearchMonitor::isServiceAttached() const
{
    QMutexLocker lock(&m_mutex);
    return m_attached;
}

quint64 SearchMonitor::request(const ApiRequest &request)
{
    const quint64 id = ++m_lastRequestId;
    if (!isServiceAttached()) {
        ApiAnswer answer;
        answer.error = tr("The search service is not running.");
        // Queued, so the caller has stored the id before the answer arrives.
        QMetaObject::invokeMethod(
            this, [this, id, answer] { Q_EMIT requestFinished(id, answer); }, Qt::QueuedConnection);
        return id;
    }
    Q_EMIT requestSent(id, request);
    return id;
}

} // namespace homeport::search
