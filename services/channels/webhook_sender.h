#pragma once
// WebhookSender: delivers an app's webhook events as Pusher does: {time_ms, events} in one POST,
// Content-Type exactly application/json, X-Pusher-Key and X-Pusher-Signature (hex HMAC-SHA256 of
// the body with the app secret). Events arriving within kBatchWindowMs go in one request;
// channel_vacated and member_removed wait kRemovalDelayMs and are dropped when the channel is
// re-occupied / the member re-added meanwhile (then that event is dropped too), so a quick
// reconnect sends nothing. Failures (non-2xx, network) are retried with exponential backoff for
// up to kRetryWindowMs. Every attempt is recorded in the monitor.
// Thread affinity: the service's thread (its QNetworkAccessManager lives there).

#include "channels_monitor.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QPointer>

#include <functional>

class QNetworkAccessManager;
class QTimer;

namespace homeport::channels {

class WebhookSender : public QObject
{
    Q_OBJECT
public:
    static constexpr int kBatchWindowMs = 50;
    static constexpr int kRemovalDelayMs = 3000;
    static constexpr int kFirstRetryMs = 1000;
    static constexpr qint64 kRetryWindowMs = 5 * 60 * 1000;
    static constexpr int kRequestTimeoutMs = 10'000;
    static constexpr int kMaxEventsPerRequest = 100;

    explicit WebhookSender(ChannelsMonitor *monitor, QObject *parent = nullptr);

    // Queues an event (its "name" field is the webhook event name) if the app wants it.
    void send(const AppInfo &app, const QJsonObject &event);
    // channel_vacated / member_removed: held back, cancelled by cancelRemoval().
    void sendRemoval(const AppInfo &app, const QJsonObject &event, const QString &key);
    // True when a held-back removal with this key was dropped (the caller then drops its event).
    bool cancelRemoval(const QString &appId, const QString &key);

    static bool wants(const AppInfo &app, const QString &eventName);

    // Asked when a held-back removal is due; it answers whether to send it (RedisAdapter: no join
    // on another node withdrew it). Without one, due removals are sent.
    using RemovalCheck = std::function<void(const QString &appId, const QString &key, std::function<void(bool send)> done)>;
    void setRemovalCheck(RemovalCheck check) { m_removalCheck = std::move(check); }

private:
    struct Batch
    {
        AppInfo app;
        QJsonArray events;
    };
    void flush(const QString &appId);
    void deliver(const AppInfo &app, const QByteArray &body, const QStringList &names, int attempt, qint64 firstAttemptMs);

    QPointer<ChannelsMonitor> m_monitor;
    QNetworkAccessManager *m_network;
    QHash<QString, Batch> m_batches;                 // app id -> events waiting for the window
    QHash<QString, QTimer *> m_removals;             // app id + '\n' + key -> delay timer
    RemovalCheck m_removalCheck;
};

} // namespace homeport::channels
