#include "channels_service.h"

#include "app_store.h"
#include "channel_hub.h"
#include "channel_name.h"
#include "channels_monitor.h"
#include "local_adapter.h"
#include "redis_adapter.h"
#include "rest_api.h"
#include "webhook_sender.h"

#include "core/logging.h"
#include "core/postgres_database.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace homeport::channels {

ChannelsService::ChannelsService(ChannelsMonitor *monitor)
    : m_monitor(monitor)
{
}

ChannelsService::~ChannelsService() = default;

QString ChannelsService::configure(http::HttpServer &server, const core::ServiceContext &context)
{
    m_apps = std::make_unique<AppStore>();
    if (const QString error = m_apps->load(context.dataDir, context.settings, context.secrets, context.metrics); !error.isEmpty()) {
        m_apps.reset();
        return error;
    }
    ChannelHub::Options options;
    const auto positive = [&](const char *key, int fallback) {
        const int value = context.settings.value(QLatin1String(key)).toInt();
        return value > 0 ? value : fallback;
    };
    options.activityTimeoutSeconds = positive("activity_timeout", options.activityTimeoutSeconds);
    options.pongTimeoutSeconds = positive("pong_timeout", options.pongTimeoutSeconds);
    options.maxConnections = positive("max_connections", options.maxConnections);

    m_webhooks = std::make_unique<WebhookSender>(m_monitor);
    const QString adapter = context.settings.value(QStringLiteral("adapter"), QStringLiteral("local")).toString().trimmed();
    if (adapter == QLatin1String("redis")) {
        QString error;
        const QString url = context.settings.value(QStringLiteral("redis_url"), QStringLiteral("redis://127.0.0.1:6379/0")).toString();
        const std::optional<RedisEndpoint> endpoint = RedisEndpoint::parse(url, &error);
        if (!endpoint) {
            m_webhooks.reset();
            m_apps.reset();
            return error;
        }
        RedisAdapter::Options redisOptions;
        redisOptions.endpoint = *endpoint;
        redisOptions.prefix = context.settings.value(QStringLiteral("redis_prefix"), redisOptions.prefix).toString();
        redisOptions.nodeId = context.settings.value(QStringLiteral("node_id")).toString();
        redisOptions.nodeAddress = QStringLiteral("%1:%2").arg(context.bindAddress.toString()).arg(context.port);
        redisOptions.removalDelayMs = WebhookSender::kRemovalDelayMs;
        auto redis = std::make_unique<RedisAdapter>(redisOptions, context.metrics);
        RedisAdapter *redisAdapter = redis.get();
        m_webhooks->setRemovalCheck([redisAdapter](const QString &appId, const QString &key, std::function<void(bool)> done) {
            redisAdapter->confirmRemoval(appId, key, std::move(done));
        });
        m_adapter = std::move(redis);
    } else if (adapter == QLatin1String("local") || adapter.isEmpty()) {
        m_adapter = std::make_unique<LocalAdapter>();
    } else {
        m_webhooks.reset();
        m_apps.reset();
        return QStringLiteral("[channels] adapter must be local or redis, not %1").arg(adapter);
    }
    m_hub = std::make_unique<ChannelHub>(m_apps.get(), m_adapter.get(), m_webhooks.get(), m_monitor, context.metrics, options);
    m_rest = std::make_unique<RestApi>(m_apps.get(), m_hub.get());

    // Pusher's REST API answers errors as a short JSON object; pusher-js only reads WebSocket
    // close codes, so the REST shape is what server SDKs see.
    server.setErrorFormatter([](int status, const QString &message) {
        return http::Response::json(status, QJsonDocument(QJsonObject{{QStringLiteral("error"), message}}).toJson(QJsonDocument::Compact));
    });
    m_rest->addRoutes(server);
    server.webSocket(QStringLiteral("/app/{key}"), [this](const http::Request &request, QWebSocket *socket) {
        m_hub->accept(request, socket);
    });
    server.webSocket(QStringLiteral("/{path...}"), [](const http::Request &, QWebSocket *socket) {
        ChannelHub::refusePath(socket);
    });

    if (core::PostgresDatabase *link = m_apps->sharedDatabase()) {
        // Another node saved or deleted an app; or the link came back after an outage, during
        // which changes were not announced here. The hub is the context (see below).
        connect(link, &core::PostgresDatabase::notified, m_hub.get(), [this](const QString &, bool fromThisConnection) {
            if (!fromThisConnection)
                reloadApps();
        });
        connect(link, &core::PostgresDatabase::linkChanged, m_hub.get(), [this](bool connected) {
            if (connected)
                reloadApps();
            m_hub->markChanged();
        });
    }
    if (m_monitor) {
        // The hub is the context: its destruction in closeStores() disconnects these.
        connect(m_monitor, &ChannelsMonitor::saveAppRequested, m_hub.get(), [this](const AppInfo &app) { saveApp(app); },
                Qt::QueuedConnection);
        connect(m_monitor, &ChannelsMonitor::deleteAppRequested, m_hub.get(), [this](const QString &id) { deleteApp(id); },
                Qt::QueuedConnection);
        connect(m_monitor, &ChannelsMonitor::triggerRequested, m_hub.get(),
                [this](const QString &appId, const QString &channel, const QString &event, const QString &data) {
                    triggerFromDashboard(appId, channel, event, data);
                },
                Qt::QueuedConnection);
    }
    return {};
}

void ChannelsService::closeStores()
{
    m_rest.reset();
    m_hub.reset();
    m_webhooks.reset();
    m_adapter.reset();
    m_apps.reset();
}

void ChannelsService::saveApp(const AppInfo &app)
{
    const AppInfo *before = m_apps->byId(app.id);
    const bool wasEnabled = before && before->enabled;
    AppInfo saved;
    if (const QString error = m_apps->save(app, &saved); !error.isEmpty())
        return reportError(app.id, QStringLiteral("cannot save the app: %1").arg(error));
    if (wasEnabled && !saved.enabled)
        m_hub->closeApp(saved.id, kCloseAppDisabled, QStringLiteral("App %1 was disabled").arg(saved.id));
    m_hub->markChanged();
}

void ChannelsService::reloadApps()
{
    const QList<AppInfo> before = m_apps->apps();
    if (const QString error = m_apps->reload(); !error.isEmpty()) {
        qCWarning(lcChannels).noquote() << error;
        return;
    }
    // What another node changed applies to this node's sockets as if it was changed here: a
    // deleted app (or one whose key changed) closes its connections, a disabled one too. A new
    // secret needs nothing: each signature is checked against the app as it is now.
    for (const AppInfo &old : before) {
        const AppInfo *now = m_apps->byId(old.id);
        if (!now || now->key != old.key)
            m_hub->closeApp(old.id, kCloseAppUnknown, QStringLiteral("App %1 was deleted").arg(old.id));
        else if (old.enabled && !now->enabled)
            m_hub->closeApp(old.id, kCloseAppDisabled, QStringLiteral("App %1 was disabled").arg(old.id));
    }
    m_hub->markChanged();
}

void ChannelsService::deleteApp(const QString &appId)
{
    if (const QString error = m_apps->remove(appId); !error.isEmpty())
        return reportError(appId, QStringLiteral("cannot delete the app: %1").arg(error));
    m_hub->closeApp(appId, kCloseAppUnknown, QStringLiteral("App %1 was deleted").arg(appId));
    m_hub->markChanged();
}

void ChannelsService::triggerFromDashboard(const QString &appId, const QString &channel, const QString &event, const QString &data)
{
    const AppInfo *app = m_apps->byId(appId);
    if (!app)
        return reportError(appId, QStringLiteral("there is no app %1").arg(appId));
    if (const QString invalid = ChannelName::validate(channel, app->limits.maxChannelNameLength); !invalid.isEmpty())
        return reportError(appId, invalid);
    if (event.isEmpty())
        return reportError(appId, QStringLiteral("the event needs a name"));
    m_hub->trigger(*app, {channel}, event, data, {}, QStringLiteral("dashboard"));
}

void ChannelsService::reportError(const QString &appId, const QString &message)
{
    qCWarning(lcChannels).noquote() << message;
    if (!m_monitor)
        return;
    DebugEvent event;
    event.time = QDateTime::currentDateTime();
    event.kind = DebugEvent::Kind::Error;
    event.appId = appId;
    event.details = message;
    m_monitor->addDebugEvent(event);
}

} // namespace homeport::channels
