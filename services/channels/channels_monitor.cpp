#include "channels_monitor.h"

#include <QMutexLocker>

namespace homeport::channels {

QString toString(DebugEvent::Kind kind)
{
    switch (kind) {
    case DebugEvent::Kind::Connection:
        return QStringLiteral("connection");
    case DebugEvent::Kind::Disconnection:
        return QStringLiteral("disconnection");
    case DebugEvent::Kind::Subscribed:
        return QStringLiteral("subscribed");
    case DebugEvent::Kind::Unsubscribed:
        return QStringLiteral("unsubscribed");
    case DebugEvent::Kind::ApiMessage:
        return QStringLiteral("api message");
    case DebugEvent::Kind::ClientEvent:
        return QStringLiteral("client event");
    case DebugEvent::Kind::Error:
        return QStringLiteral("error");
    case DebugEvent::Kind::Webhook:
        return QStringLiteral("webhook");
    }
    return {};
}

namespace {
template <typename T>
void appendBounded(QList<T> &list, const T &item, int kept)
{
    list.append(item);
    // Trim in batches so a full list does not shift on every append.
    if (list.size() > kept + kept / 10)
        list.remove(0, list.size() - kept);
}
} // namespace

ChannelsMonitor::ChannelsMonitor(QObject *parent)
    : QObject(parent)
{
    // The request signals cross into the service's thread, the events into the console's.
    qRegisterMetaType<homeport::channels::AppInfo>();
    qRegisterMetaType<homeport::channels::DebugEvent>();
    qRegisterMetaType<homeport::channels::WebhookDelivery>();
}

ChannelsSnapshot ChannelsMonitor::snapshot() const
{
    QMutexLocker lock(&m_mutex);
    return m_snapshot;
}

QList<DebugEvent> ChannelsMonitor::recentDebugEvents() const
{
    QMutexLocker lock(&m_mutex);
    return m_debugEvents.mid(qMax(0, int(m_debugEvents.size()) - kKeptDebugEvents));
}

QList<WebhookDelivery> ChannelsMonitor::recentDeliveries() const
{
    QMutexLocker lock(&m_mutex);
    return m_deliveries.mid(qMax(0, int(m_deliveries.size()) - kKeptDeliveries));
}

void ChannelsMonitor::publish(const ChannelsSnapshot &snapshot)
{
    {
        QMutexLocker lock(&m_mutex);
        m_snapshot = snapshot;
    }
    Q_EMIT snapshotPublished();
}

void ChannelsMonitor::addDebugEvent(const DebugEvent &event)
{
    {
        QMutexLocker lock(&m_mutex);
        appendBounded(m_debugEvents, event, kKeptDebugEvents);
    }
    Q_EMIT debugEventAdded(event);
}

void ChannelsMonitor::addDelivery(const WebhookDelivery &delivery)
{
    {
        QMutexLocker lock(&m_mutex);
        appendBounded(m_deliveries, delivery, kKeptDeliveries);
    }
    Q_EMIT deliveryAdded(delivery);
}

} // namespace homeport::channels
