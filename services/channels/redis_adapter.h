#pragma once
// RedisAdapter: ChannelsAdapter for several Homeport nodes sharing one Redis ([channels]
// adapter=redis, redis_url=redis://[:password@]host:port/db, redis_prefix, node_id).
//
// Fan-out: a publish is delivered to this node's sockets at once and PUBLISHed on one cluster
// channel (<prefix>fanout) with its origin; every other node delivers it to its own sockets, so
// each socket gets it exactly once and socket_id exclusion holds on every node.
//
// Shared state lives in Redis hashes, changed only by Lua scripts (atomic): per app the
// subscription count of each channel, per presence channel the socket count and user_info of each
// user, and per node what that node contributed. The script that takes a count from 0 to 1 or
// back is the one whose node sends channel_occupied/vacated or member_added/removed, so each
// fires once per cluster; a held-back removal is a key with a TTL that a join on any node
// withdraws. Signed-in users are counted the same way (per node and per cluster), and their
// online/offline goes to every node's watchers over the cluster channel. REST queries read
// these hashes (one round trip, always the cluster's truth) rather than asking every node and
// waiting for the slowest: no node has to answer for a query to work.
//
// Connection quotas: each app's connections are counted per node and for the cluster the same
// way (<prefix>conns, <prefix>node:<id>:conns), a connection admitted only while the cluster's
// count is under the app's max_connections; a dead node's are taken off by the reaper.
//
// Liveness: every kHeartbeatMs each node refreshes <prefix>node:<id> (TTL kNodeTtlMs) and its
// score in <prefix>nodes, and runs the reaper, which removes every node whose key expired and
// takes its contribution off the counts, reporting the members and channels that disappeared to
// the hub (member_removed to the channel and webhooks). A dead node's members are thus gone within
// kNodeTtlMs + kHeartbeatMs. After a reconnect (Redis restarted or the link dropped) the node
// rewrites its contribution from what it holds locally.
// While Redis is unreachable the node works alone (LocalAdapter's answers) and says so in
// clusterStatus() and the homeport_channels_redis_connected gauge.
// Thread affinity: the service's thread.

#include "local_adapter.h"
#include "redis_client.h"

#include <QElapsedTimer>
#include <QObject>
#include <QSet>
#include <QTimer>

namespace homeport::core {
class Metrics;
}

namespace homeport::channels {

class RedisAdapter : public QObject, public ChannelsAdapter
{
    Q_OBJECT
public:
    static constexpr int kHeartbeatMs = 1000;
    static constexpr int kNodeTtlMs = 5000;
    // A held-back removal's key outlives the webhook delay by this much, then expires by itself.
    static constexpr int kPendingRemovalSlackMs = 10000;

    struct Options
    {
        RedisEndpoint endpoint;
        QString prefix = QStringLiteral("homeport:");
        QString nodeId;      // empty: generated
        QString nodeAddress; // shown to the other nodes
        int removalDelayMs = 3000;
    };

    RedisAdapter(const Options &options, core::Metrics *metrics, QObject *parent = nullptr);
    ~RedisAdapter() override;

    void admitConnection(const QString &appId, int maxConnections, std::function<void(bool admitted)> done) override;
    void releaseConnection(const QString &appId) override;
    void join(const QString &appId, const QString &channel, Connection *connection, const PresenceMember *member,
              int maxMembers, std::function<void(const JoinResult &)> done) override;
    void leave(const QString &appId, const QString &channel, Connection *connection, const QString &presenceUserId,
               RemovalHolds holds, std::function<void(const LeaveResult &)> done) override;
    int publish(const QString &appId, const QString &channel, const QString &frame, const QString &exceptSocketId) override;
    void cacheEvent(const QString &appId, const QString &channel, const QString &frame, qint64 ttlMs) override;
    void terminateUser(const QString &appId, const QString &userId) override;

    void channelState(const QString &appId, const QString &channel, std::function<void(const ChannelState &)> done) override;
    void occupiedChannels(const QString &appId, std::function<void(const QHash<QString, ChannelCounts> &)> done) override;

    QHash<QString, int> channels(const QString &appId) const override;
    QList<PresenceMember> members(const QString &appId, const QString &channel) const override;
    int subscriptionCount(const QString &appId, const QString &channel) const override;
    ClusterStatus clusterStatus() const override;

    void userSignedIn(const QString &appId, const QString &userId, bool firstHere, const QStringList &watchlist,
                      std::function<void(bool firstInCluster, const QSet<QString> &online)> done) override;
    void userSignedOut(const QString &appId, const QString &userId, std::function<void(bool lastInCluster)> done) override;
    void announceUser(const QString &appId, const QString &userId, bool online) override;
    bool addUser(const QString &appId, const QString &userId, Connection *connection) override;
    bool removeUser(const QString &appId, const QString &userId, Connection *connection) override;
    QList<Connection *> userConnections(const QString &appId, const QString &userId) const override;

    // WebhookSender's check when a held-back removal is due: true when no join withdrew it.
    void confirmRemoval(const QString &appId, const QString &key, std::function<void(bool send)> done);
    bool isConnected() const { return m_commands->isConnected() && m_subscriber->isConnected(); }
    const QString &nodeId() const { return m_nodeId; }

private:
    struct View
    {
        QHash<QString, QHash<QString, int>> channels;                          // app -> channel -> subscriptions
        QHash<QString, QHash<QString, QList<PresenceMember>>> members;         // app -> channel -> members
        QList<ClusterNode> nodes;
        bool valid = false;
    };

    void script(const char *source, const QList<QByteArray> &arguments, RedisClient::ReplyHandler handler);
    QByteArray key(const QString &part) const { return m_prefix + part.toUtf8(); }
    void onConnectionChanged();
    void onMessage(const QByteArray &payload);
    void heartbeat();
    void resync();
    void reap();
    void refreshView();
    void redisLeave(const QString &appId, const QString &channel, const QString &userId, RemovalHolds holds,
                    std::function<void(const LeaveResult &)> done);
    void updateGauges();

    Options m_options;
    core::Metrics *m_metrics;
    QByteArray m_prefix;
    QString m_nodeId;
    LocalAdapter m_local;
    RedisClient *m_commands;   // scripts, PUBLISH, heartbeats
    RedisClient *m_subscriber; // SUBSCRIBE <prefix>fanout
    QTimer m_heartbeat;
    bool m_resyncDue = true;
    View m_view;
    QHash<QString, QHash<QString, int>> m_knownCounts; // app -> channel -> last cluster count seen
    QHash<QString, int> m_connectionsByApp;            // this node's admitted connections per app
    // socket id + app + channel of joins Redis has not answered; a leave meanwhile waits for it.
    QSet<QString> m_pendingJoins;
    struct DeferredLeave
    {
        QString userId;
        RemovalHolds holds;
        std::function<void(const LeaveResult &)> done;
    };
    QHash<QString, DeferredLeave> m_deferredLeaves;
    qint64 m_startedMs = 0;
};

} // namespace homeport::channels
