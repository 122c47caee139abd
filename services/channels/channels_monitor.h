#pragma once
// ChannelsMonitor: the only bridge between the channels service (its own thread) and the
// console. The service publishes immutable snapshots and debug events into it; the console reads
// snapshots and asks for changes through its request signals, which the service connects with
// Qt::QueuedConnection and answers by publishing a new snapshot.
// Thread affinity: created in the main thread by app/; publish*/add* and snapshot()/recent*()
// may be called from any thread (one mutex); signals reach receivers in their own threads.

#include "core/database_status.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QString>
#include <QStringList>

namespace homeport::channels {

// Per-app limits; the defaults follow Pusher's documented limits (../shared/reference).
struct AppLimits {
    int maxConnections = 10000;          // 0: unlimited; over it the socket closes with 4004
    bool clientEvents = true;            // client-* events allowed on private/presence channels
    int maxClientEventsPerSecond = 10;   // per connection; over it: close 4301
    int maxPresenceMembers = 100;
    int maxEventBytes = 10 * 1024;       // REST data and client event data (413 / pusher:error)
    int maxChannelNameLength = 164;      // including the prefix
    int maxBackendEventsPerSecond = 0;   // REST publishes per second for the app, 0: unlimited
};

struct AppInfo {
    QString id;          // numeric string, as Pusher app ids are
    QString key;
    QString secret;
    QString name;
    bool enabled = true;
    AppLimits limits;
    QString webhookUrl;          // empty: no webhooks
    QStringList webhookEvents;   // channel_occupied, channel_vacated, member_added, ... empty: none
};

struct ChannelInfo {
    QString appId;
    QString name;
    QString type;                // public, private, presence, encrypted, cache
    int subscriptions = 0;       // sockets subscribed
    int users = 0;               // presence: distinct user ids
    QDateTime lastEventAt;       // invalid when nothing was sent yet
    QString lastEventName;
};

struct PresenceMember {
    QString userId;
    QJsonObject userInfo;
    int sockets = 0;             // one user with several tabs is one member
};

// A node of a cluster as seen through Redis (its heartbeat).
struct ClusterNode {
    QString id;
    QString address;             // host:port of its channels listener
    int connections = 0;
    QDateTime lastHeartbeat;
    bool alive = true;           // false: heartbeat expired, its members are being removed
    bool self = false;
};

struct ClusterStatus {
    QString adapter = QStringLiteral("local"); // local | redis
    QString endpoint;            // redis host:port/db, never the password
    bool connected = false;      // Redis reachable (always false for local)
    QString error;               // why not, while disconnected
    quint64 reconnects = 0;
    QString nodeId;
    QList<ClusterNode> nodes;    // every node seen, this one included
};

struct ChannelsSnapshot {
    QDateTime takenAt;
    QList<AppInfo> apps;
    QHash<QString, int> connectionsByApp;                   // app id -> open sockets
    QList<ChannelInfo> channels;                            // occupied channels only
    QHash<QString, QList<PresenceMember>> presenceMembers;  // "appId/channel" -> members
    quint64 messagesSent = 0;                               // deliveries to sockets, since start
    quint64 messagesReceived = 0;                           // frames from sockets + REST events
    ClusterStatus cluster;                                  // counts above are cluster-wide with Redis
    core::DatabaseStatus database;                          // [channels] database_url: the apps' PostgreSQL
};

// One line of the debug console, as Pusher's dashboard shows them.
struct DebugEvent {
    enum class Kind { Connection, Disconnection, Subscribed, Unsubscribed, ApiMessage, ClientEvent, Error, Webhook };
    QDateTime time;
    Kind kind = Kind::Connection;
    QString appId;
    QString socketId;
    QString channel;
    QString event;
    QString details;             // data or reason, shortened for display
};
QString toString(DebugEvent::Kind kind);

struct WebhookDelivery {
    QDateTime time;
    QString appId;
    QString url;
    QStringList events;          // names of the events in the batch
    int attempt = 1;
    int status = 0;              // HTTP status, 0 when the request failed
    QString error;               // empty on success
};

class ChannelsMonitor : public QObject
{
    Q_OBJECT
public:
    static constexpr int kKeptDebugEvents = 2000;
    static constexpr int kKeptDeliveries = 500;

    explicit ChannelsMonitor(QObject *parent = nullptr);

    ChannelsSnapshot snapshot() const;
    QList<DebugEvent> recentDebugEvents() const;
    QList<WebhookDelivery> recentDeliveries() const;

    // Called by the service, from its thread.
    void publish(const ChannelsSnapshot &snapshot);
    void addDebugEvent(const DebugEvent &event);
    void addDelivery(const WebhookDelivery &delivery);

Q_SIGNALS:
    // To the console.
    void snapshotPublished();
    void debugEventAdded(const homeport::channels::DebugEvent &event);
    void deliveryAdded(const homeport::channels::WebhookDelivery &delivery);

    // To the service (it connects these queued). An empty id in saveAppRequested creates an app
    // with generated id, key and secret.
    void saveAppRequested(const homeport::channels::AppInfo &app);
    void deleteAppRequested(const QString &appId);
    void triggerRequested(const QString &appId, const QString &channel, const QString &event, const QString &data);

private:
    mutable QMutex m_mutex;
    ChannelsSnapshot m_snapshot;
    QList<DebugEvent> m_debugEvents;
    QList<WebhookDelivery> m_deliveries;
};

} // namespace homeport::channels

Q_DECLARE_METATYPE(homeport::channels::AppInfo)
Q_DECLARE_METATYPE(homeport::channels::DebugEvent)
Q_DECLARE_METATYPE(homeport::channels::WebhookDelivery)
