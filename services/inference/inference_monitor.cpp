#include "inference_monitor.h"

#include <QMetaObject>
#include <QMutexLocker>

namespace homeport::inference {

InferenceMonitor::InferenceMonitor(QObject *parent)
    : QObject(parent)
{
    // Requests cross into the service's thread, answers into the console's.
    qRegisterMetaType<homeport::inference::GatewayKeyInfo>();
    qRegisterMetaType<homeport::inference::RequestRecord>();
    qRegisterMetaType<homeport::inference::ChatResult>();
}

InferenceSnapshot InferenceMonitor::snapshot() const
{
    QMutexLocker lock(&m_mutex);
    return m_snapshot;
}

void InferenceMonitor::publish(const InferenceSnapshot &snapshot)
{
    {
        QMutexLocker lock(&m_mutex);
        m_snapshot = snapshot;
    }
    Q_EMIT snapshotPublished();
}

// ---- Pod status -------------------------------------------------------------------------------

PodStatusSnapshot InferenceMonitor::podStatus() const
{
    QMutexLocker lock(&m_mutex);
    return m_podStatus;
}

void InferenceMonitor::publishPodStatus(const PodStatusSnapshot &snapshot)
{
    {
        QMutexLocker lock(&m_mutex);
        m_podStatus = snapshot;
    }
    Q_EMIT podStatusPublished();
}

void InferenceMonitor::setServiceAttached(bool attached)
{
    QMutexLocker lock(&m_mutex);
    m_attached = attached;
}

bool InferenceMonitor::isServiceAttached() const
{
    QMutexLocker lock(&m_mutex);
    return m_attached;
}

QString InferenceMonitor::notRunning() const
{
    return tr("The inference service is not running.");
}

quint64 InferenceMonitor::chat(const QJsonObject &request)
{
    const quint64 id = ++m_lastId;
    if (!isServiceAttached()) {
        ChatResult result;
        result.error = notRunning();
        // Queued, so the caller has stored the id before the answer arrives.
        QMetaObject::invokeMethod(this, [this, id, result] { Q_EMIT chatFinished(id, result); }, Qt::QueuedConnection);
        return id;
    }
    Q_EMIT chatRequested(id, request);
    return id;
}

void InferenceMonitor::cancelChat(quint64 chatId)
{
    if (isServiceAttached())
        Q_EMIT chatCancelRequested(chatId);
}

quint64 InferenceMonitor::runpodPodAction(const QString &podId, const QString &action)
{
    const quint64 id = ++m_lastId;
    if (!isServiceAttached()) {
        QMetaObject::invokeMethod(this, [this, id, error = notRunning()] { Q_EMIT runpodActionFinished(id, error); }, Qt::QueuedConnection);
        return id;
    }
    Q_EMIT runpodPodActionRequested(id, podId, action);
    return id;
}

void InferenceMonitor::refreshRunpod()
{
    if (isServiceAttached())
        Q_EMIT runpodRefreshRequested();
}

void InferenceMonitor::setRunpodApiKey(const QString &key)
{
    if (isServiceAttached())
        Q_EMIT runpodApiKeyChanged(key);
}

quint64 InferenceMonitor::addPod(const QJsonObject &entry)
{
    const quint64 id = ++m_lastId;
    if (!isServiceAttached()) {
        QMetaObject::invokeMethod(this, [this, id, error = notRunning()] { Q_EMIT podAdded(id, error); }, Qt::QueuedConnection);
        return id;
    }
    Q_EMIT podAddRequested(id, entry);
    return id;
}

} // namespace homeport::inference
