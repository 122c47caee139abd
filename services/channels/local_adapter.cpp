#include "local_adapter.h"

#include "connection.h"
#include "http/websocket_frames.h"

namespace homeport::channels {

int LocalAdapter::subscribe(const QString &appId, const QString &channel, Connection *connection)
{
    QList<Connection *> &list = m_apps[appId].subscribers[channel];
    if (!list.contains(connection))
        list.append(connection);
    return int(list.size());
}

bool LocalAdapter::isSubscribed(const QString &appId, const QString &channel, Connection *connection) const
{
    const auto app = m_apps.constFind(appId);
    return app != m_apps.cend() && app->subscribers.value(channel).contains(connection);
}

void LocalAdapter::join(const QString &appId, const QString &channel, Connection *connection, const PresenceMember *member,
                        int maxMembers, std::function<void(const JoinResult &)> done)
{
    JoinResult result;
    if (member) {
        const QHash<QString, PresenceMember> current = m_apps.value(appId).members.value(channel);
        if (!current.contains(member->userId) && current.size() >= maxMembers) {
            result.refused = true;
            return done(result);
        }
    }
    result.subscriptionCount = subscribe(appId, channel, connection);
    result.firstSubscriber = result.subscriptionCount == 1;
    if (member) {
        result.firstSocketOfUser = addMember(appId, channel, member->userId, member->userInfo);
        result.members = members(appId, channel);
    }
    result.cachedFrame = cachedEvent(appId, channel);
    done(result);
}

void LocalAdapter::leave(const QString &appId, const QString &channel, Connection *connection, const QString &presenceUserId,
                         RemovalHolds, std::function<void(const LeaveResult &)> done)
{
    LeaveResult result;
    result.subscriptionCount = unsubscribe(appId, channel, connection);
    result.lastSubscriber = result.subscriptionCount == 0;
    if (!presenceUserId.isEmpty())
        result.lastSocketOfUser = removeMember(appId, channel, presenceUserId);
    done(result);
}

void LocalAdapter::userSignedIn(const QString &appId, const QString &, bool firstHere, const QStringList &watchlist,
                                std::function<void(bool, const QSet<QString> &)> done)
{
    QSet<QString> online;
    for (const QString &id : watchlist)
        if (!userConnections(appId, id).isEmpty())
            online.insert(id);
    done(firstHere, online);
}

void LocalAdapter::userSignedOut(const QString &, const QString &, std::function<void(bool)> done)
{
    done(true);
}

void LocalAdapter::announceUser(const QString &appId, const QString &userId, bool online)
{
    if (m_listener.userStatus)
        m_listener.userStatus(appId, userId, online);
}

void LocalAdapter::terminateUser(const QString &appId, const QString &userId)
{
    if (m_listener.terminateUser)
        m_listener.terminateUser(appId, userId);
}

void LocalAdapter::channelState(const QString &appId, const QString &channel, std::function<void(const ChannelState &)> done)
{
    ChannelState state;
    state.subscriptionCount = subscriptionCount(appId, channel);
    state.members = members(appId, channel);
    state.cachedFrame = cachedEvent(appId, channel);
    state.cacheTtlSeconds = cachedEventTtlSeconds(appId, channel);
    done(state);
}

void LocalAdapter::occupiedChannels(const QString &appId, std::function<void(const QHash<QString, ChannelCounts> &)> done)
{
    QHash<QString, ChannelCounts> result;
    const auto app = m_apps.constFind(appId);
    if (app != m_apps.cend())
        for (auto it = app->subscribers.cbegin(); it != app->subscribers.cend(); ++it)
            result.insert(it.key(), ChannelCounts{int(it->size()), int(app->members.value(it.key()).size())});
    done(result);
}

int LocalAdapter::unsubscribe(const QString &appId, const QString &channel, Connection *connection)
{
    auto app = m_apps.find(appId);
    if (app == m_apps.end())
        return 0;
    auto it = app->subscribers.find(channel);
    if (it == app->subscribers.end())
        return 0;
    it->removeOne(connection);
    const int remaining = int(it->size());
    if (remaining == 0)
        app->subscribers.erase(it);
    return remaining;
}

int LocalAdapter::publish(const QString &appId, const QString &channel, const QString &frame, const QString &exceptSocketId)
{
    const auto app = m_apps.constFind(appId);
    if (app == m_apps.cend())
        return 0;
    const QList<Connection *> subscribers = app->subscribers.value(channel);
    int delivered = 0;
    // Encoded once per publish and shared by every subscriber's queue (http/websocket_frames.h).
    const QByteArray wireFrame = subscribers.isEmpty() ? QByteArray() : http::encodeServerTextFrame(frame.toUtf8());
    for (Connection *connection : subscribers) {
        if (!exceptSocketId.isEmpty() && connection->socketId() == exceptSocketId)
            continue;
        connection->sendEncoded(frame, wireFrame);
        ++delivered;
    }
    return delivered;
}

bool LocalAdapter::addMember(const QString &appId, const QString &channel, const QString &userId, const QJsonObject &userInfo)
{
    PresenceMember &member = m_apps[appId].members[channel][userId];
    member.userId = userId;
    member.userInfo = userInfo;
    return ++member.sockets == 1;
}

bool LocalAdapter::removeMember(const QString &appId, const QString &channel, const QString &userId)
{
    auto app = m_apps.find(appId);
    if (app == m_apps.end())
        return false;
    auto channelMembers = app->members.find(channel);
    if (channelMembers == app->members.end())
        return false;
    auto member = channelMembers->find(userId);
    if (member == channelMembers->end())
        return false;
    if (--member->sockets > 0)
        return false;
    channelMembers->erase(member);
    if (channelMembers->isEmpty())
        app->members.erase(channelMembers);
    return true;
}

QList<PresenceMember> LocalAdapter::members(const QString &appId, const QString &channel) const
{
    return m_apps.value(appId).members.value(channel).values();
}

bool LocalAdapter::addUser(const QString &appId, const QString &userId, Connection *connection)
{
    QSet<Connection *> &connections = m_apps[appId].users[userId];
    connections.insert(connection);
    return connections.size() == 1;
}

bool LocalAdapter::removeUser(const QString &appId, const QString &userId, Connection *connection)
{
    auto app = m_apps.find(appId);
    if (app == m_apps.end())
        return false;
    auto it = app->users.find(userId);
    if (it == app->users.end() || !it->remove(connection))
        return false;
    if (!it->isEmpty())
        return false;
    app->users.erase(it);
    return true;
}

QList<Connection *> LocalAdapter::userConnections(const QString &appId, const QString &userId) const
{
    return m_apps.value(appId).users.value(userId).values();
}

QHash<QString, int> LocalAdapter::channels(const QString &appId) const
{
    QHash<QString, int> result;
    const auto app = m_apps.constFind(appId);
    if (app == m_apps.cend())
        return result;
    for (auto it = app->subscribers.cbegin(); it != app->subscribers.cend(); ++it)
        result.insert(it.key(), int(it->size()));
    return result;
}

int LocalAdapter::subscriptionCount(const QString &appId, const QString &channel) const
{
    const auto app = m_apps.constFind(appId);
    return app == m_apps.cend() ? 0 : int(app->subscribers.value(channel).size());
}

void LocalAdapter::cacheEvent(const QString &appId, const QString &channel, const QString &frame, qint64 ttlMs)
{
    AppState &app = m_apps[appId];
    // Cache channels come and go; drop expired entries whenever the cache has doubled since the
    // last sweep, so memory follows the live channels at an amortised constant cost per event.
    if (app.cache.size() >= app.cacheSizeAfterSweep * 2 + kCacheSweepSlack) {
        app.cache.removeIf([](const auto &entry) { return entry.value().expiry.hasExpired(); });
        app.cacheSizeAfterSweep = app.cache.size();
    }
    app.cache.insert(channel, CachedEvent{frame, QDeadlineTimer(ttlMs)});
}

std::optional<QString> LocalAdapter::cachedEvent(const QString &appId, const QString &channel) const
{
    const auto app = m_apps.constFind(appId);
    if (app == m_apps.cend())
        return std::nullopt;
    const auto it = app->cache.constFind(channel);
    if (it == app->cache.cend() || it->expiry.hasExpired())
        return std::nullopt;
    return it->frame;
}

qint64 LocalAdapter::cachedEventTtlSeconds(const QString &appId, const QString &channel) const
{
    const auto app = m_apps.constFind(appId);
    if (app == m_apps.cend())
        return 0;
    const auto it = app->cache.constFind(channel);
    return it == app->cache.cend() || it->expiry.hasExpired() ? 0 : it->expiry.remainingTime() / 1000;
}

} // namespace homeport::channels
