#pragma once
// ChannelsService: Homeport's channels service, speaking Pusher Channels protocol 7: WebSocket
// /app/{key} and the REST API on one port, webhooks out. It wires the AppStore, the adapter,
// the ChannelHub (protocol), the RestApi and the WebhookSender, and answers the dashboard's
// requests from the ChannelsMonitor.
// Settings ([channels]): activity_timeout (seconds, 120), pong_timeout (seconds, 30),
// max_connections (all apps, 100000), apps (extra apps as id:key:secret[:name]) with webhook_url
// and webhook_events for them; adapter (local, or redis to share channels between nodes) with
// redis_url (redis://[:password@]host:port/db), redis_prefix (homeport:) and node_id (generated);
// database_url (postgresql://…) to keep the apps in a PostgreSQL every node shares.
// Thread affinity: the service's own thread.

#include "http/http_service.h"

#include <QPointer>

#include <memory>

namespace homeport::channels {

class AppStore;
class ChannelHub;
class ChannelsAdapter;
class ChannelsMonitor;
class RestApi;
class WebhookSender;
struct AppInfo;

class ChannelsService : public http::HttpService
{
    Q_OBJECT
public:
    // The monitor outlives the service (app/ owns it); it may be null in tests.
    explicit ChannelsService(ChannelsMonitor *monitor = nullptr);
    ~ChannelsService() override;

protected:
    QString configure(http::HttpServer &server, const core::ServiceContext &context) override;
    void closeStores() override;

private:
    void saveApp(const AppInfo &app);
    void deleteApp(const QString &appId);
    // The shared apps (database_url) changed on another node: read them and apply the change.
    void reloadApps();
    void triggerFromDashboard(const QString &appId, const QString &channel, const QString &event, const QString &data);
    void reportError(const QString &appId, const QString &message);

    QPointer<ChannelsMonitor> m_monitor;
    std::unique_ptr<AppStore> m_apps;
    std::unique_ptr<ChannelsAdapter> m_adapter;
    std::unique_ptr<WebhookSender> m_webhooks;
    std::unique_ptr<ChannelHub> m_hub;
    std::unique_ptr<RestApi> m_rest;
};

} // namespace homeport::channels
