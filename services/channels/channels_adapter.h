#pragma once
// ChannelsAdapter: where subscriptions, presence members, signed-in users and cached events live
// and how a message reaches every subscriber of a channel (design.md, decision 7). LocalAdapter
// keeps it all in this process; a Redis adapter will share it between nodes.
// Thread affinity: the service's thread.

#include "channels_monitor.h"

#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace homeport::channels {

class Connection;

class ChannelsAdapter
{
public:
    virtual ~ChannelsAdapter() = default;

    // Both return the channel's subscription count after the change.
    virtual int subscribe(const QString &appId, const QString &channel, Connection *connection) = 0;
    virtual int unsubscribe(const QString &appId, const QString &channel, Connection *connection) = 0;
    // Delivers `frame` to every subscriber but the socket `exceptSocketId`; returns how many got it.
    virtual int publish(const QString &appId, const QString &channel, const QString &frame,
                        const QString &exceptSocketId = {}) = 0;

    // Presence, counted per socket: true when the user's first socket joined / last one left.
    virtual bool addMember(const QString &appId, const QString &channel, const QString &userId,
                           const QJsonObject &userInfo) = 0;
    virtual bool removeMember(const QString &appId, const QString &channel, const QString &userId) = 0;
    virtual QList<PresenceMember> members(const QString &appId, const QString &channel) const = 0;

    // Signed-in users: true when the user's first connection signed in / last one left.
    virtual bool addUser(const QString &appId, const QString &userId, Connection *connection) = 0;
    virtual bool removeUser(const QString &appId, const QString &userId, Connection *connection) = 0;
    virtual QList<Connection *> userConnections(const QString &appId, const QString &userId) const = 0;

    // Occupied channels with their subscription counts.
    virtual QHash<QString, int> channels(const QString &appId) const = 0;
    virtual int subscriptionCount(const QString &appId, const QString &channel) const = 0;

    // Cache channels: the last event's frame, kept for ttlMs.
    virtual void cacheEvent(const QString &appId, const QString &channel, const QString &frame, qint64 ttlMs) = 0;
    virtual std::optional<QString> cachedEvent(const QString &appId, const QString &channel) const = 0;
    // Seconds the cached event has left, for GET channels/{name}?info=cache.
    virtual qint64 cachedEventTtlSeconds(const QString &appId, const QString &channel) const = 0;
};

} // namespace homeport::channels
