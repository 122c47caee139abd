#pragma once
// ChannelsAdapter: where subscriptions, presence members and cached events live and how a message
// reaches every subscriber of a channel (design.md, decision 7). LocalAdapter keeps it all in
// this process; RedisAdapter shares it between the nodes of a cluster.
//
// Changes that the cluster decides on (join, leave) and REST queries answer through callbacks:
// LocalAdapter calls them before returning, RedisAdapter once Redis has answered. The socket is
// subscribed on this node at once either way, so publishes reach it from the call on.
// Signed-in users are counted for the whole cluster (watchlists); terminateUser reaches every node.
// Thread affinity: the service's thread; callbacks run there too.

#include "channels_monitor.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace homeport::channels {

class Connection;

class ChannelsAdapter
{
public:
    struct JoinResult
    {
        bool refused = false;           // presence channel full (maxMembers): nothing changed
        int subscriptionCount = 0;      // the channel's, cluster-wide, after the join
        bool firstSubscriber = false;   // it went from 0 to 1 (channel_occupied)
        bool withdrewVacate = false;    // a pending channel_vacated (any node's) was withdrawn instead
        bool firstSocketOfUser = false; // presence: the user's first socket (member_added)
        bool withdrewRemoval = false;   // a pending member_removed (any node's) was withdrawn instead
        QList<PresenceMember> members;  // presence: every member after the join
        std::optional<QString> cachedFrame; // cache channels: the last event's frame, if still kept
    };
    struct LeaveResult
    {
        int subscriptionCount = 0;
        bool lastSubscriber = false;    // channel_vacated
        bool lastSocketOfUser = false;  // presence: member_removed
    };
    // Which removal webhooks the app holds back (see leave()).
    struct RemovalHolds
    {
        bool vacate = false;
        bool memberRemoval = false;
    };
    struct ChannelState
    {
        int subscriptionCount = 0;
        QList<PresenceMember> members;
        std::optional<QString> cachedFrame;
        qint64 cacheTtlSeconds = 0;
    };
    struct ChannelCounts
    {
        int subscriptions = 0;
        int users = 0; // presence channels only
    };
    // What the adapter tells the hub about other nodes.
    struct Listener
    {
        std::function<void(int delivered)> remoteDelivered; // another node's publish reached this many local sockets
        std::function<void(const QString &appId, const QString &userId)> terminateUser;
        // A dead node's last socket of a member / last subscriber of a channel is gone.
        std::function<void(const QString &appId, const QString &channel, const QString &userId)> memberGone;
        std::function<void(const QString &appId, const QString &channel)> channelGone;
        // A signed-in user came online / went offline somewhere in the cluster (watchlists).
        std::function<void(const QString &appId, const QString &userId, bool online)> userStatus;
        // A dead node held the user's last signed-in connection.
        std::function<void(const QString &appId, const QString &userId)> userGone;
    };

    virtual ~ChannelsAdapter() = default;
    void setListener(Listener listener) { m_listener = std::move(listener); }

    // An app's connection quota across the cluster: done(true) when one more connection fits
    // under maxConnections (0: unlimited) counting every node's; it is counted from then on
    // until releaseConnection(). One node alone: its own count decides (the hub's), so yes.
    virtual void admitConnection(const QString &appId, int maxConnections, std::function<void(bool admitted)> done)
    {
        Q_UNUSED(appId);
        Q_UNUSED(maxConnections);
        done(true);
    }
    virtual void releaseConnection(const QString &appId) { Q_UNUSED(appId); }

    // member: the presence member joining (null on other channels); maxMembers bounds distinct users.
    virtual void join(const QString &appId, const QString &channel, Connection *connection, const PresenceMember *member,
                      int maxMembers, std::function<void(const JoinResult &)> done) = 0;
    // presenceUserId: the user the socket joined as (empty on other channels). holds: which of the
    // app's channel_vacated / member_removed webhooks wait (WebhookSender::kRemovalDelayMs) and a
    // join meanwhile, on any node, withdraws them (JoinResult::withdrew*).
    virtual void leave(const QString &appId, const QString &channel, Connection *connection, const QString &presenceUserId,
                       RemovalHolds holds, std::function<void(const LeaveResult &)> done) = 0;
    // Delivers `frame` to every subscriber but the socket `exceptSocketId`, on every node; returns
    // how many of this node's sockets got it.
    virtual int publish(const QString &appId, const QString &channel, const QString &frame,
                        const QString &exceptSocketId = {}) = 0;
    // Cache channels: the last event's frame, kept for ttlMs.
    virtual void cacheEvent(const QString &appId, const QString &channel, const QString &frame, qint64 ttlMs) = 0;
    // Closes the user's connections on every node (through Listener::terminateUser).
    virtual void terminateUser(const QString &appId, const QString &userId) = 0;

    // REST queries, answered for the whole cluster.
    virtual void channelState(const QString &appId, const QString &channel, std::function<void(const ChannelState &)> done) = 0;
    virtual void occupiedChannels(const QString &appId, std::function<void(const QHash<QString, ChannelCounts> &)> done) = 0;

    // The dashboard's view (RedisAdapter: refreshed about once a second) and the throttled
    // subscription_count: occupied channels with their counts, and a presence channel's members.
    virtual QHash<QString, int> channels(const QString &appId) const = 0;
    virtual QList<PresenceMember> members(const QString &appId, const QString &channel) const = 0;
    virtual int subscriptionCount(const QString &appId, const QString &channel) const = 0;
    virtual ClusterStatus clusterStatus() const = 0;
    // This node's open connections, for the heartbeat other nodes show.
    void setLocalConnections(int connections) { m_localConnections = connections; }

    // Signed-in users across the cluster, for watchlists. firstHere: this node's first connection
    // of the user; done gets whether it is the cluster's first, and which of `watchlist` are
    // signed in anywhere. userSignedOut is called for this node's last connection of the user.
    virtual void userSignedIn(const QString &appId, const QString &userId, bool firstHere, const QStringList &watchlist,
                              std::function<void(bool firstInCluster, const QSet<QString> &online)> done) = 0;
    virtual void userSignedOut(const QString &appId, const QString &userId, std::function<void(bool lastInCluster)> done) = 0;
    // Tells the watchers on every node (Listener::userStatus).
    virtual void announceUser(const QString &appId, const QString &userId, bool online) = 0;

    // Signed-in users of this node: true when the user's first connection signed in / last one left.
    virtual bool addUser(const QString &appId, const QString &userId, Connection *connection) = 0;
    virtual bool removeUser(const QString &appId, const QString &userId, Connection *connection) = 0;
    virtual QList<Connection *> userConnections(const QString &appId, const QString &userId) const = 0;

protected:
    Listener m_listener;
    int m_localConnections = 0;
};

} // namespace homeport::channels
