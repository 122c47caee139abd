#include "inference_monitor.h"

#include <QMutexLocker>

namespace homeport::inference {

InferenceMonitor::InferenceMonitor(QObject *parent)
    : QObject(parent)
{
    // Requests cross into the service's thread, answers into the console's.
    qRegisterMetaType<homeport::inference::GatewayKeyInfo>();
    qRegisterMetaType<homeport::inference::RequestRecord>();
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

} // namespace homeport::inference
