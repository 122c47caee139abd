#include "storage_monitor.h"

#include <QMetaObject>
#include <QMutexLocker>
#include <QXmlStreamReader>

namespace homeport::storage {

QByteArray StorageAnswer::header(QByteArrayView name) const
{
    for (const auto &[n, v] : headers) {
        if (n.compare(name, Qt::CaseInsensitive) == 0)
            return v;
    }
    return {};
}

QString StorageAnswer::message() const
{
    if (!error.isEmpty())
        return error;
    QXmlStreamReader xml(body);
    QString code;
    QString message;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (xml.name() == QLatin1String("Code"))
            code = xml.readElementText();
        else if (xml.name() == QLatin1String("Message"))
            message = xml.readElementText();
    }
    if (!code.isEmpty())
        return message.isEmpty() ? code : QStringLiteral("%1: %2").arg(code, message);
    return QStringLiteral("HTTP %1").arg(status);
}

StorageMonitor::StorageMonitor(QObject *parent)
    : QObject(parent)
{
    // Requests cross into the service's thread, answers into the console's.
    qRegisterMetaType<homeport::storage::StorageRequest>();
    qRegisterMetaType<homeport::storage::StorageAnswer>();
}

StorageSnapshot StorageMonitor::snapshot() const
{
    QMutexLocker lock(&m_mutex);
    return m_snapshot;
}

void StorageMonitor::publish(const StorageSnapshot &snapshot)
{
    {
        QMutexLocker lock(&m_mutex);
        m_snapshot = snapshot;
    }
    Q_EMIT snapshotPublished();
}

void StorageMonitor::setServiceAttached(bool attached)
{
    QMutexLocker lock(&m_mutex);
    m_attached = attached;
}

bool StorageMonitor::isServiceAttached() const
{
    QMutexLocker lock(&m_mutex);
    return m_attached;
}

quint64 StorageMonitor::request(const StorageRequest &request)
{
    const quint64 id = ++m_lastRequestId;
    if (!isServiceAttached()) {
        StorageAnswer answer;
        answer.error = tr("The storage service is not running.");
        // Queued, so the caller has stored the id before the answer arrives.
        QMetaObject::invokeMethod(
            this, [this, id, answer] { Q_EMIT requestFinished(id, answer); }, Qt::QueuedConnection);
        return id;
    }
    Q_EMIT requestSent(id, request);
    return id;
}

void StorageMonitor::cancel(quint64 requestId)
{
    Q_EMIT cancelRequested(requestId);
}

} // namespace homeport::storage
