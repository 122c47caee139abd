#pragma once
// LocalAdapter: ChannelsAdapter for one process; everything lives in hashes per app.
// Thread affinity: the service's thread.

#include "channels_adapter.h"

#include <QDeadlineTimer>
#include <QJsonObject>
#include <QSet>

namespace homeport::channels {

class LocalAdapter : public ChannelsAdapter
{
public:
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
    ClusterStatus clusterStatus() const override { return {}; }

    void userSignedIn(const QString &appId, const QString &userId, bool firstHere, const QStringList &watchlist,
                      std::function<void(bool firstInCluster, const QSet<QString> &online)> done) override;
    void userSignedOut(const QString &appId, const QString &userId, std::function<void(bool lastInCluster)> done) override;
    void announceUser(const QString &appId, const QString &userId, bool online) override;
    bool addUser(const QString &appId, const QString &userId, Connection *connection) override;
    bool removeUser(const QString &appId, const QString &userId, Connection *connection) override;
    QList<Connection *> userConnections(const QString &appId, const QString &userId) const override;

    // The parts RedisAdapter builds on: this node's sockets and its own view of members.
    int subscribe(const QString &appId, const QString &channel, Connection *connection);
    int unsubscribe(const QString &appId, const QString &channel, Connection *connection);
    bool isSubscribed(const QString &appId, const QString &channel, Connection *connection) const;
    // Presence, counted per socket: true when the user's first socket joined / last one left.
    bool addMember(const QString &appId, const QString &channel, const QString &userId, const QJsonObject &userInfo);
    bool removeMember(const QString &appId, const QString &channel, const QString &userId);
    std::optional<QString> cachedEvent(const QString &appId, const QString &channel) const;
    // Seconds the cached event has left, for GET channels/{name}?info=cache.
    qint64 cachedEventTtlSeconds(const QString &appId, const QString &channel) const;
    // Every app id with state here, and a presence channel's members with their socket counts.
    QStringList appIds() const { return m_apps.keys(); }
    // Signed-in user id -> this node's connections of it.
    QHash<QString, int> userCounts(const QString &appId) const
    {
        QHash<QString, int> counts;
        const auto app = m_apps.constFind(appId);
        if (app != m_apps.cend())
            for (auto it = app->users.cbegin(); it != app->users.cend(); ++it)
                counts.insert(it.key(), int(it->size()));
        return counts;
    }
    QHash<QString, QHash<QString, PresenceMember>> membersByChannel(const QString &appId) const
    {
        return m_apps.value(appId).members;
    }

    // Entries held for an app's cache channels, expired ones included until the next sweep.
    qsizetype cachedEventCount(const QString &appId) const { return m_apps.value(appId).cache.size(); }
private:
    struct CachedEvent
    {
        QString frame;
        QDeadlineTimer expiry;
    };
    struct AppState
    {
        // A list, not a set: publishing walks it in subscription order and it is compact.
        QHash<QString, QList<Connection *>> subscribers;
        QHash<QString, QHash<QString, PresenceMember>> members; // channel -> user id -> member
        QHash<QString, QSet<Connection *>> users;
        QHash<QString, CachedEvent> cache;
        qsizetype cacheSizeAfterSweep = 0;
    };
    static constexpr qsizetype kCacheSweepSlack = 64;
    QHash<QString, AppState> m_apps;
};

} // namespace homeport::channels
