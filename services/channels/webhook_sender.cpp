#include "webhook_sender.h"

#include "core/logging.h"
#include "pusher_signatures.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

namespace homeport::channels {

WebhookSender::WebhookSender(ChannelsMonitor *monitor, QObject *parent)
    : QObject(parent), m_monitor(monitor), m_network(new QNetworkAccessManager(this))
{
}

bool WebhookSender::wants(const AppInfo &app, const QString &eventName)
{
    return !app.webhookUrl.isEmpty() && app.webhookEvents.contains(eventName);
}

void WebhookSender::send(const AppInfo &app, const QJsonObject &event)
{
    if (!wants(app, event.value(QStringLiteral("name")).toString()))
        return;
    Batch &batch = m_batches[app.id];
    const bool first = batch.events.isEmpty();
    batch.app = app;
    batch.events.append(event);
    if (batch.events.size() >= kMaxEventsPerRequest)
        flush(app.id);
    else if (first)
        QTimer::singleShot(kBatchWindowMs, this, [this, id = app.id] { flush(id); });
}

void WebhookSender::sendRemoval(const AppInfo &app, const QJsonObject &event, const QString &key)
{
    if (!wants(app, event.value(QStringLiteral("name")).toString()))
        return;
    const QString id = app.id + QLatin1Char('\n') + key;
    delete m_removals.take(id);
    auto *timer = new QTimer(this);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, this, [this, app, event, id, key, timer] {
        m_removals.remove(id);
        timer->deleteLater();
        if (!m_removalCheck)
            return send(app, event);
        m_removalCheck(app.id, key, [this, app, event](bool due) {
            if (due)
                send(app, event);
        });
    });
    m_removals.insert(id, timer);
    timer->start(kRemovalDelayMs);
}

bool WebhookSender::cancelRemoval(const QString &appId, const QString &key)
{
    QTimer *timer = m_removals.take(appId + QLatin1Char('\n') + key);
    delete timer;
    return timer != nullptr;
}

void WebhookSender::flush(const QString &appId)
{
    const Batch batch = m_batches.take(appId);
    if (batch.events.isEmpty())
        return;
    const QJsonObject payload{{QStringLiteral("time_ms"), QDateTime::currentMSecsSinceEpoch()},
                              {QStringLiteral("events"), batch.events}};
    QStringList names;
    for (const QJsonValue &event : batch.events)
        names.append(event.toObject().value(QStringLiteral("name")).toString());
    deliver(batch.app, QJsonDocument(payload).toJson(QJsonDocument::Compact), names, 1, QDateTime::currentMSecsSinceEpoch());
}

void WebhookSender::deliver(const AppInfo &app, const QByteArray &body, const QStringList &names, int attempt,
                            qint64 firstAttemptMs)
{
    QNetworkRequest request{QUrl(app.webhookUrl)};
    request.setRawHeader("Content-Type", "application/json");
    request.setRawHeader("X-Pusher-Key", app.key.toUtf8());
    request.setRawHeader("X-Pusher-Signature", hmacSha256Hex(app.secret.toUtf8(), body));
    request.setTransferTimeout(kRequestTimeoutMs);
    QNetworkReply *reply = m_network->post(request, body);
    connect(reply, &QNetworkReply::finished, this, [=, this] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const bool ok = status >= 200 && status < 300;
        WebhookDelivery delivery;
        delivery.time = QDateTime::currentDateTime();
        delivery.appId = app.id;
        delivery.url = app.webhookUrl;
        delivery.events = names;
        delivery.attempt = attempt;
        delivery.status = status;
        if (!ok)
            delivery.error = reply->error() != QNetworkReply::NoError ? reply->errorString()
                                                                      : QStringLiteral("HTTP %1").arg(status);
        if (m_monitor)
            m_monitor->addDelivery(delivery);
        if (ok)
            return;
        const qint64 delay = qint64(kFirstRetryMs) << qMin(attempt - 1, 20);
        if (QDateTime::currentMSecsSinceEpoch() + delay - firstAttemptMs > kRetryWindowMs) {
            qCWarning(lcChannels).noquote() << "webhook to" << app.webhookUrl << "for app" << app.id << "gave up after"
                                            << attempt << "attempts:" << delivery.error;
            return;
        }
        QTimer::singleShot(delay, this, [=, this] { deliver(app, body, names, attempt + 1, firstAttemptMs); });
    });
}

} // namespace homeport::channels
