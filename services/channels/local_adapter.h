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
    int subscribe(const QString &appId, const QString &channel, Connection *connection) override;
    int unsubscribe(const QString &appId, const QString &channel, Connection *connection) override;
    int publish(const QString &appId, const QString &channel, const QString &frame, const QString &exceptSocketId) override;

    bool addMember(const QString &appId, const QString &channel, const QString &userId, const QJsonObject &userInfo) override;
    bool removeMember(const QString &appId, const QString &channel, const QString &userId) override;
    QList<PresenceMember> members(const QString &appId, const QString &channel) const override;

    bool addUser(const QString &appId, const QString &userId, Connection *connection) override;
    bool removeUser(const QString &appId, const QString &userId, Connection *connection) override;
    QList<Connection *> userConnections(const QString &appId, const QString &userId) const override;

    QHash<QString, int> channels(const QString &appId) const override;
    int subscriptionCount(const QString &appId, const QString &channel) const override;

    void cacheEvent(const QString &appId, const QString &channel, const QString &frame, qint64 ttlMs) override;
    std::optional<QString> cachedEvent(const QString &appId, const QString &channel) const override;
    qint64 cachedEventTtlSeconds(const QString &appId, const QString &channel) const override;

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
