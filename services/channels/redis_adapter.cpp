#include "redis_adapter.h"

#include "connection.h"

#include "core/logging.h"
#include "core/metrics.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSysInfo>

#include <hiredis/hiredis.h>

namespace homeport::channels {

namespace {

const QString kConnectedGauge = QStringLiteral("homeport_channels_redis_connected");
const QString kNodesGauge = QStringLiteral("homeport_channels_cluster_nodes");
const QString kReconnectsGauge = QStringLiteral("homeport_channels_redis_reconnects");
// /status lists a service's metrics by this label.
const QString kServiceLabel = QStringLiteral("service=\"channels\"");

// Every script gets the key prefix as ARGV[1]. Fields of the per-node hashes join app, channel
// and user with '\n', which none of them may contain (channel names and user ids are checked).
const char kForget[] = R"lua(
local function forget(p, node)
  local gone_members, gone_channels = {}, {}
  local members = redis.call('HGETALL', p..'node:'..node..':members')
  for i = 1, #members, 2 do
    local app, channel, user = string.match(members[i], '^([^\n]*)\n([^\n]*)\n(.*)$')
    local key = p..'members:'..app..':'..channel
    if redis.call('HINCRBY', key, user, -tonumber(members[i + 1])) <= 0 then
      redis.call('HDEL', key, user)
      redis.call('HDEL', p..'info:'..app..':'..channel, user)
      table.insert(gone_members, 'm'); table.insert(gone_members, app)
      table.insert(gone_members, channel); table.insert(gone_members, user)
    end
  end
  local subs = redis.call('HGETALL', p..'node:'..node..':subs')
  for i = 1, #subs, 2 do
    local app, channel = string.match(subs[i], '^([^\n]*)\n(.*)$')
    local key = p..'channels:'..app
    if redis.call('HINCRBY', key, channel, -tonumber(subs[i + 1])) <= 0 then
      redis.call('HDEL', key, channel)
      table.insert(gone_channels, 'v'); table.insert(gone_channels, app)
      table.insert(gone_channels, channel); table.insert(gone_channels, '')
    end
  end
  local users = redis.call('HGETALL', p..'node:'..node..':users')
  for i = 1, #users, 2 do
    local app, user = string.match(users[i], '^([^\n]*)\n(.*)$')
    local key = p..'users:'..app
    if redis.call('HINCRBY', key, user, -tonumber(users[i + 1])) <= 0 then
      redis.call('HDEL', key, user)
      table.insert(gone_channels, 'u'); table.insert(gone_channels, app)
      table.insert(gone_channels, ''); table.insert(gone_channels, user)
    end
  end
  local conns = redis.call('HGETALL', p..'node:'..node..':conns')
  for i = 1, #conns, 2 do
    if redis.call('HINCRBY', p..'conns', conns[i], -tonumber(conns[i + 1])) <= 0 then redis.call('HDEL', p..'conns', conns[i]) end
  end
  redis.call('DEL', p..'node:'..node..':subs', p..'node:'..node..':members', p..'node:'..node..':users',
             p..'node:'..node..':conns')
  for _, v in ipairs(gone_channels) do table.insert(gone_members, v) end
  return gone_members
end
)lua";

// ARGV: prefix, node, info, ttl ms, now ms. Returns 1 when the node was not registered (first
// heartbeat, reaped meanwhile, or Redis lost its data).
const char kHeartbeat[] = R"lua(
local p, node = ARGV[1], ARGV[2]
redis.call('SET', p..'node:'..node, ARGV[3], 'PX', ARGV[4])
return redis.call('ZADD', p..'nodes', ARGV[5], node)
)lua";

// ARGV: prefix, self. Removes every other node whose heartbeat key expired; returns the
// members ('m', app, channel, user) and channels ('v', app, channel, '') that went with them.
const char kReap[] = R"lua(
local p = ARGV[1]
local out = {}
for _, node in ipairs(redis.call('ZRANGE', p..'nodes', 0, -1)) do
  if node ~= ARGV[2] and redis.call('EXISTS', p..'node:'..node) == 0 then
    redis.call('ZREM', p..'nodes', node)
    for _, v in ipairs(forget(p, node)) do table.insert(out, v) end
  end
end
return out
)lua";

// ARGV: prefix, node, number of channel entries, number of member entries, number of connection
// entries, then (app\nchannel, count) pairs, (app\nchannel\nuser, count, user_info) triples,
// (app, connections) pairs and (app\nuser, count) pairs of signed-in users: replaces the node's
// contribution.
const char kResync[] = R"lua(
local p, node = ARGV[1], ARGV[2]
forget(p, node)
local i, n, m, c = 6, tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
for _ = 1, n do
  local app, channel = string.match(ARGV[i], '^([^\n]*)\n(.*)$')
  redis.call('HINCRBY', p..'channels:'..app, channel, ARGV[i + 1])
  redis.call('HINCRBY', p..'node:'..node..':subs', ARGV[i], ARGV[i + 1])
  redis.call('SADD', p..'apps', app)
  i = i + 2
end
for _ = 1, m do
  local app, channel, user = string.match(ARGV[i], '^([^\n]*)\n([^\n]*)\n(.*)$')
  redis.call('HINCRBY', p..'members:'..app..':'..channel, user, ARGV[i + 1])
  redis.call('HSET', p..'info:'..app..':'..channel, user, ARGV[i + 2])
  redis.call('HINCRBY', p..'node:'..node..':members', ARGV[i], ARGV[i + 1])
  i = i + 3
end
for _ = 1, c do
  redis.call('HINCRBY', p..'conns', ARGV[i], ARGV[i + 1])
  redis.call('HINCRBY', p..'node:'..node..':conns', ARGV[i], ARGV[i + 1])
  i = i + 2
end
while i <= #ARGV do
  local app, user = string.match(ARGV[i], '^([^\n]*)\n(.*)$')
  redis.call('HINCRBY', p..'users:'..app, user, ARGV[i + 1])
  redis.call('HINCRBY', p..'node:'..node..':users', ARGV[i], ARGV[i + 1])
  i = i + 2
end
return 1
)lua";

// ARGV: prefix, node, app, channel, user ('' unless presence), user_info, max members, cache
// ('1' for cache channels). Returns {-1} when the presence channel is full, else {count,
// first subscriber, withdrew vacate, first socket of user, withdrew removal, members hash, cached}.
const char kJoin[] = R"lua(
local p, node, app, channel, user = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local members_key = p..'members:'..app..':'..channel
local info_key = p..'info:'..app..':'..channel
if user ~= '' and redis.call('HEXISTS', members_key, user) == 0
   and redis.call('HLEN', members_key) >= tonumber(ARGV[7]) then
  return {-1}
end
local count = redis.call('HINCRBY', p..'channels:'..app, channel, 1)
redis.call('HINCRBY', p..'node:'..node..':subs', app..'\n'..channel, 1)
redis.call('SADD', p..'apps', app)
local first, withdrew = 0, 0
if count == 1 then
  first = 1
  withdrew = redis.call('DEL', p..'pending:'..app..':vacated:'..channel)
end
local first_user, withdrew_removal, members = 0, 0, {}
if user ~= '' then
  redis.call('HINCRBY', p..'node:'..node..':members', app..'\n'..channel..'\n'..user, 1)
  redis.call('HSET', info_key, user, ARGV[6])
  if redis.call('HINCRBY', members_key, user, 1) == 1 then
    first_user = 1
    withdrew_removal = redis.call('DEL', p..'pending:'..app..':removed:'..channel..'\n'..user)
  end
  members = redis.call('HGETALL', info_key)
end
local cached = false
if ARGV[8] == '1' then cached = redis.call('GET', p..'cache:'..app..':'..channel) end
return {count, first, withdrew, first_user, withdrew_removal, members, cached}
)lua";

// ARGV: prefix, node, app, channel, user, hold vacate ('1'), hold removal ('1'), pending ttl ms.
// Only what this node contributed is taken off (a node reaped while alive cannot go negative).
// Returns {count, last subscriber, last socket of user}.
const char kLeave[] = R"lua(
local p, node, app, channel, user = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local node_subs = p..'node:'..node..':subs'
local field = app..'\n'..channel
local channels_key = p..'channels:'..app
local result = {0, 0, 0}
if tonumber(redis.call('HGET', node_subs, field) or '0') > 0 then
  if redis.call('HINCRBY', node_subs, field, -1) <= 0 then redis.call('HDEL', node_subs, field) end
  local count = redis.call('HINCRBY', channels_key, channel, -1)
  if count <= 0 then
    redis.call('HDEL', channels_key, channel)
    count = 0
    result[2] = 1
    if ARGV[6] == '1' then redis.call('SET', p..'pending:'..app..':vacated:'..channel, node, 'PX', ARGV[8]) end
  end
  result[1] = count
else
  result[1] = tonumber(redis.call('HGET', channels_key, channel) or '0')
end
if user ~= '' then
  local node_members = p..'node:'..node..':members'
  local member_field = field..'\n'..user
  if tonumber(redis.call('HGET', node_members, member_field) or '0') > 0 then
    if redis.call('HINCRBY', node_members, member_field, -1) <= 0 then redis.call('HDEL', node_members, member_field) end
    local members_key = p..'members:'..app..':'..channel
    if redis.call('HINCRBY', members_key, user, -1) <= 0 then
      redis.call('HDEL', members_key, user)
      redis.call('HDEL', p..'info:'..app..':'..channel, user)
      result[3] = 1
      if ARGV[7] == '1' then
        redis.call('SET', p..'pending:'..app..':removed:'..channel..'\n'..user, node, 'PX', ARGV[8])
      end
    end
  end
end
return result
)lua";

// ARGV: prefix, node, app, user, '1' when it is this node's first connection of the user, then
// the watchlist. Returns {1 when the cluster's first, the watchlist's ids signed in anywhere}.
const char kUserIn[] = R"lua(
local p, node, app, user = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local first = 0
if ARGV[5] == '1' then
  redis.call('HINCRBY', p..'node:'..node..':users', app..'\n'..user, 1)
  if redis.call('HINCRBY', p..'users:'..app, user, 1) == 1 then first = 1 end
end
local online = {}
for i = 6, #ARGV do
  if redis.call('HEXISTS', p..'users:'..app, ARGV[i]) == 1 then table.insert(online, ARGV[i]) end
end
return {first, online}
)lua";

// ARGV: prefix, node, app, user: this node's last connection of the user left. Returns 1 when
// it was the cluster's last.
const char kUserOut[] = R"lua(
local p, node, app, user = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local node_users, field = p..'node:'..node..':users', app..'\n'..user
if tonumber(redis.call('HGET', node_users, field) or '0') <= 0 then return 0 end
redis.call('HDEL', node_users, field)
if redis.call('HINCRBY', p..'users:'..app, user, -1) <= 0 then
  redis.call('HDEL', p..'users:'..app, user)
  return 1
end
return 0
)lua";

// ARGV: prefix, node, app, quota (0: none). Counts one more connection of the app on the node
// and the cluster and returns the cluster's count, or -1 (nothing counted) when it is full.
const char kAdmit[] = R"lua(
local p, node, app, quota = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
if quota > 0 and tonumber(redis.call('HGET', p..'conns', app) or '0') >= quota then return -1 end
redis.call('HINCRBY', p..'node:'..node..':conns', app, 1)
return redis.call('HINCRBY', p..'conns', app, 1)
)lua";

// ARGV: prefix, node, app: one connection of the node's left (only what it counted is taken off).
const char kRelease[] = R"lua(
local p, node, app = ARGV[1], ARGV[2], ARGV[3]
local node_conns = p..'node:'..node..':conns'
if tonumber(redis.call('HGET', node_conns, app) or '0') <= 0 then return 0 end
if redis.call('HINCRBY', node_conns, app, -1) <= 0 then redis.call('HDEL', node_conns, app) end
if redis.call('HINCRBY', p..'conns', app, -1) <= 0 then redis.call('HDEL', p..'conns', app) end
return 1
)lua";

// ARGV: prefix, app, channel. Returns {subscriptions, members hash, cached frame, cache ttl ms}.
const char kChannelState[] = R"lua(
local p, app, channel = ARGV[1], ARGV[2], ARGV[3]
local cache_key = p..'cache:'..app..':'..channel
return {tonumber(redis.call('HGET', p..'channels:'..app, channel) or '0'),
        redis.call('HGETALL', p..'info:'..app..':'..channel),
        redis.call('GET', cache_key), redis.call('PTTL', cache_key)}
)lua";

// ARGV: prefix, app. Returns (channel, subscriptions, users) triples.
const char kOccupied[] = R"lua(
local p, app = ARGV[1], ARGV[2]
local all = redis.call('HGETALL', p..'channels:'..app)
local out = {}
for i = 1, #all, 2 do
  local users = 0
  if string.sub(all[i], 1, 9) == 'presence-' then users = redis.call('HLEN', p..'members:'..app..':'..all[i]) end
  table.insert(out, all[i]); table.insert(out, tonumber(all[i + 1])); table.insert(out, users)
end
return out
)lua";

// ARGV: prefix. Returns {nodes as (id, heartbeat ms, info) triples, apps as {app, channels hash,
// {presence channel, info hash, counts hash, ...}}}: the dashboard's cluster view.
const char kView[] = R"lua(
local p = ARGV[1]
local nodes = {}
local scored = redis.call('ZRANGE', p..'nodes', 0, -1, 'WITHSCORES')
for i = 1, #scored, 2 do
  table.insert(nodes, scored[i]); table.insert(nodes, scored[i + 1])
  table.insert(nodes, redis.call('GET', p..'node:'..scored[i]) or '')
end
local apps = {}
for _, app in ipairs(redis.call('SMEMBERS', p..'apps')) do
  local channels = redis.call('HGETALL', p..'channels:'..app)
  local presence = {}
  for i = 1, #channels, 2 do
    if string.sub(channels[i], 1, 9) == 'presence-' then
      table.insert(presence, channels[i])
      table.insert(presence, redis.call('HGETALL', p..'info:'..app..':'..channels[i]))
      table.insert(presence, redis.call('HGETALL', p..'members:'..app..':'..channels[i]))
    end
  end
  table.insert(apps, {app, channels, presence})
end
return {nodes, apps}
)lua";

QByteArray utf8(const QString &text)
{
    return text.toUtf8();
}

QList<PresenceMember> membersFrom(const RedisReply &infos, const RedisReply *counts = nullptr)
{
    QHash<QByteArray, int> sockets;
    if (counts)
        for (qsizetype i = 0; i + 1 < counts->elements.size(); i += 2)
            sockets.insert(counts->elements.at(i).string, counts->elements.at(i + 1).string.toInt());
    QList<PresenceMember> members;
    for (qsizetype i = 0; i + 1 < infos.elements.size(); i += 2) {
        PresenceMember member;
        member.userId = QString::fromUtf8(infos.elements.at(i).string);
        member.userInfo = QJsonDocument::fromJson(infos.elements.at(i + 1).string).object();
        member.sockets = sockets.value(infos.elements.at(i).string, 1);
        members.append(member);
    }
    return members;
}

qint64 integerOf(const RedisReply &reply)
{
    return reply.type == RedisReply::Type::Integer ? reply.integer : reply.string.toLongLong();
}

} // namespace

RedisAdapter::RedisAdapter(const Options &options, core::Metrics *metrics, QObject *parent)
    : QObject(parent), m_options(options), m_metrics(metrics), m_prefix(options.prefix.toUtf8()),
      m_nodeId(options.nodeId), m_commands(new RedisClient(options.endpoint, this)),
      m_subscriber(new RedisClient(options.endpoint, this))
{
    if (m_nodeId.isEmpty())
        m_nodeId = QStringLiteral("%1-%2").arg(QSysInfo::machineHostName()).arg(QRandomGenerator::global()->generate() & 0xffffff, 6, 16, QLatin1Char('0'));
    m_startedMs = QDateTime::currentMSecsSinceEpoch();
    m_subscriber->setSubscription(m_prefix + "fanout");
    connect(m_subscriber, &RedisClient::messageReceived, this, &RedisAdapter::onMessage);
    for (RedisClient *client : {m_commands, m_subscriber}) {
        connect(client, &RedisClient::connected, this, &RedisAdapter::onConnectionChanged);
        connect(client, &RedisClient::disconnected, this, &RedisAdapter::onConnectionChanged);
    }
    connect(&m_heartbeat, &QTimer::timeout, this, &RedisAdapter::heartbeat);
    m_heartbeat.start(kHeartbeatMs);
    m_commands->start();
    m_subscriber->start();
    updateGauges();
    qCInfo(lcChannels).noquote() << QStringLiteral("channels: node %1 shares its channels through Redis at %2")
                                        .arg(m_nodeId, options.endpoint.display());
}

RedisAdapter::~RedisAdapter()
{
    // A clean stop: drop the heartbeat key now so another node reaps this one at its next beat
    // (announcing the members that left with it) instead of after kNodeTtlMs. hiredis' blocking
    // API with a short timeout: the event loop no longer runs for this object.
    const RedisEndpoint &endpoint = m_options.endpoint;
    const timeval timeout{0, 500'000};
    if (redisContext *context = redisConnectWithTimeout(endpoint.host.toUtf8().constData(), endpoint.port, timeout)) {
        if (!context->err) {
            redisSetTimeout(context, timeout);
            if (!endpoint.password.isEmpty())
                freeReplyObject(redisCommand(context, "AUTH %s", endpoint.password.toUtf8().constData()));
            if (endpoint.database != 0)
                freeReplyObject(redisCommand(context, "SELECT %d", endpoint.database));
            const QByteArray heartbeatKey = key(QStringLiteral("node:") + m_nodeId);
            freeReplyObject(redisCommand(context, "DEL %b", heartbeatKey.constData(), size_t(heartbeatKey.size())));
        }
        redisFree(context);
    }
}

void RedisAdapter::script(const char *source, const QList<QByteArray> &arguments, RedisClient::ReplyHandler handler)
{
    static const QByteArray prelude(kForget);
    QList<QByteArray> command{QByteArrayLiteral("EVAL"), prelude + source, QByteArrayLiteral("0"), m_prefix};
    command.append(arguments);
    m_commands->command(command, std::move(handler));
}

void RedisAdapter::onConnectionChanged()
{
    if (!m_commands->isConnected())
        m_resyncDue = true; // whatever changed meanwhile is only known here
    if (m_commands->isConnected() && m_resyncDue)
        heartbeat();
    updateGauges();
}

void RedisAdapter::updateGauges()
{
    if (!m_metrics)
        return;
    m_metrics->setGauge(kConnectedGauge, kServiceLabel, isConnected() ? 1 : 0);
    const auto alive = std::count_if(m_view.nodes.cbegin(), m_view.nodes.cend(), [](const ClusterNode &node) { return node.alive; });
    m_metrics->setGauge(kNodesGauge, kServiceLabel, double(m_view.valid && isConnected() ? alive : 0));
    m_metrics->setGauge(kReconnectsGauge, kServiceLabel, double(m_commands->reconnects()));
}

void RedisAdapter::heartbeat()
{
    updateGauges();
    if (!m_commands->isConnected())
        return;
    const QByteArray info = QJsonDocument(QJsonObject{{QStringLiteral("address"), m_options.nodeAddress},
                                                      {QStringLiteral("connections"), m_localConnections},
                                                      {QStringLiteral("started_ms"), m_startedMs}})
                                .toJson(QJsonDocument::Compact);
    script(kHeartbeat,
           {utf8(m_nodeId), info, QByteArray::number(kNodeTtlMs), QByteArray::number(QDateTime::currentMSecsSinceEpoch())},
           [this](const RedisReply &reply) {
               if (reply.isError())
                   return;
               // Not registered: Redis lost its data or this node was taken for dead (its event
               // loop stalled for longer than kNodeTtlMs). Either way its contribution is rewritten.
               if (integerOf(reply) == 1)
                   m_resyncDue = true;
               if (m_resyncDue)
                   resync();
           });
    reap();
    refreshView();
}

void RedisAdapter::resync()
{
    m_resyncDue = false;
    QList<QByteArray> arguments{utf8(m_nodeId), {}, {}, {}};
    qsizetype channelEntries = 0;
    qsizetype memberEntries = 0;
    QList<QByteArray> memberArguments;
    QList<QByteArray> userArguments;
    for (const QString &appId : m_local.appIds()) {
        const QHash<QString, int> counts = m_local.channels(appId);
        for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
            arguments.append(utf8(appId + QLatin1Char('\n') + it.key()));
            arguments.append(QByteArray::number(it.value()));
            ++channelEntries;
        }
        const auto byChannel = m_local.membersByChannel(appId);
        for (auto channel = byChannel.cbegin(); channel != byChannel.cend(); ++channel) {
            for (const PresenceMember &member : channel.value()) {
                memberArguments.append(utf8(appId + QLatin1Char('\n') + channel.key() + QLatin1Char('\n') + member.userId));
                memberArguments.append(QByteArray::number(member.sockets));
                memberArguments.append(QJsonDocument(member.userInfo).toJson(QJsonDocument::Compact));
                ++memberEntries;
            }
        }
        const QHash<QString, int> users = m_local.userCounts(appId);
        for (auto user = users.cbegin(); user != users.cend(); ++user) {
            // Redis counts one per node and user (userSignedIn/Out run on a node's first/last).
            userArguments.append(utf8(appId + QLatin1Char('\n') + user.key()));
            userArguments.append(QByteArrayLiteral("1"));
        }
    }
    QList<QByteArray> connectionArguments;
    for (auto it = m_connectionsByApp.cbegin(); it != m_connectionsByApp.cend(); ++it) {
        connectionArguments.append(utf8(it.key()));
        connectionArguments.append(QByteArray::number(it.value()));
    }
    arguments[1] = QByteArray::number(channelEntries);
    arguments[2] = QByteArray::number(memberEntries);
    arguments[3] = QByteArray::number(connectionArguments.size() / 2);
    arguments.append(memberArguments);
    arguments.append(connectionArguments);
    arguments.append(userArguments);
    script(kResync, arguments, [this](const RedisReply &reply) {
        if (reply.isError()) {
            m_resyncDue = true;
            qCWarning(lcChannels).noquote() << "channels: could not rewrite this node's state in Redis:" << reply.string;
            return;
        }
        qCInfo(lcChannels).noquote() << QStringLiteral("channels: node %1 registered its subscriptions in Redis").arg(m_nodeId);
    });
}

void RedisAdapter::reap()
{
    script(kReap, {utf8(m_nodeId)}, [this](const RedisReply &reply) {
        for (qsizetype i = 0; i + 3 < reply.elements.size(); i += 4) {
            const QString appId = QString::fromUtf8(reply.elements.at(i + 1).string);
            const QString channel = QString::fromUtf8(reply.elements.at(i + 2).string);
            if (reply.elements.at(i).string == "m") {
                if (m_listener.memberGone)
                    m_listener.memberGone(appId, channel, QString::fromUtf8(reply.elements.at(i + 3).string));
            } else if (reply.elements.at(i).string == "u") {
                if (m_listener.userGone)
                    m_listener.userGone(appId, QString::fromUtf8(reply.elements.at(i + 3).string));
            } else if (m_listener.channelGone) {
                m_listener.channelGone(appId, channel);
            }
        }
        if (!reply.elements.isEmpty())
            qCInfo(lcChannels).noquote() << QStringLiteral("channels: removed %1 members and channels of nodes that stopped beating")
                                                .arg(reply.elements.size() / 4);
    });
}

void RedisAdapter::refreshView()
{
    script(kView, {}, [this](const RedisReply &reply) {
        if (reply.isError() || reply.elements.size() != 2)
            return;
        View view;
        view.valid = true;
        const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
        const RedisReply &nodes = reply.elements.at(0);
        for (qsizetype i = 0; i + 2 < nodes.elements.size(); i += 3) {
            ClusterNode node;
            node.id = QString::fromUtf8(nodes.elements.at(i).string);
            const qint64 beatMs = nodes.elements.at(i + 1).string.toLongLong();
            node.lastHeartbeat = QDateTime::fromMSecsSinceEpoch(beatMs);
            const QJsonObject info = QJsonDocument::fromJson(nodes.elements.at(i + 2).string).object();
            node.alive = !nodes.elements.at(i + 2).string.isEmpty() && nowMs - beatMs < kNodeTtlMs;
            node.address = info.value(QStringLiteral("address")).toString();
            node.connections = info.value(QStringLiteral("connections")).toInt();
            node.self = node.id == m_nodeId;
            view.nodes.append(node);
        }
        for (const RedisReply &app : reply.elements.at(1).elements) {
            if (app.elements.size() != 3)
                continue;
            const QString appId = QString::fromUtf8(app.elements.at(0).string);
            QHash<QString, int> &counts = view.channels[appId];
            const RedisReply &channels = app.elements.at(1);
            for (qsizetype i = 0; i + 1 < channels.elements.size(); i += 2)
                counts.insert(QString::fromUtf8(channels.elements.at(i).string), int(integerOf(channels.elements.at(i + 1))));
            const RedisReply &presence = app.elements.at(2);
            for (qsizetype i = 0; i + 2 < presence.elements.size(); i += 3)
                view.members[appId].insert(QString::fromUtf8(presence.elements.at(i).string),
                                           membersFrom(presence.elements.at(i + 1), &presence.elements.at(i + 2)));
        }
        m_knownCounts = view.channels;
        m_view = view;
        updateGauges();
    });
}

void RedisAdapter::admitConnection(const QString &appId, int maxConnections, std::function<void(bool admitted)> done)
{
    // Without Redis this node decides alone (the hub's count); the resync after the reconnect
    // writes what it admitted meanwhile.
    if (!m_commands->isConnected()) {
        ++m_connectionsByApp[appId];
        return done(true);
    }
    script(kAdmit, {utf8(m_nodeId), utf8(appId), QByteArray::number(qMax(0, maxConnections))},
           [this, appId, done = std::move(done)](const RedisReply &reply) {
               if (!reply.isError() && integerOf(reply) < 0)
                   return done(false);
               // An error (Redis went away meanwhile): admitted here, rewritten at the resync.
               ++m_connectionsByApp[appId];
               done(true);
           });
}

void RedisAdapter::releaseConnection(const QString &appId)
{
    auto it = m_connectionsByApp.find(appId);
    if (it == m_connectionsByApp.end())
        return;
    if (--*it <= 0)
        m_connectionsByApp.erase(it);
    if (m_commands->isConnected())
        script(kRelease, {utf8(m_nodeId), utf8(appId)}, [](const RedisReply &) {});
}

void RedisAdapter::join(const QString &appId, const QString &channel, Connection *connection, const PresenceMember *member,
                        int maxMembers, std::function<void(const JoinResult &)> done)
{
    if (!m_commands->isConnected())
        return m_local.join(appId, channel, connection, member, maxMembers, std::move(done));
    // This node's own state changes at once (publishes reach the socket from now on, and a
    // resync meanwhile writes the member too); Redis decides for the cluster.
    m_local.subscribe(appId, channel, connection);
    const bool firstLocalSocket = member && m_local.addMember(appId, channel, member->userId, member->userInfo);
    const QString pendingKey = connection->socketId() + QLatin1Char('\n') + appId + QLatin1Char('\n') + channel;
    m_pendingJoins.insert(pendingKey);
    const QString userId = member ? member->userId : QString();
    const bool cache = channel.startsWith(QLatin1String("cache-")) || channel.startsWith(QLatin1String("private-cache-"))
                       || channel.startsWith(QLatin1String("private-encrypted-cache-"))
                       || channel.startsWith(QLatin1String("presence-cache-"));
    script(kJoin,
           {utf8(m_nodeId), utf8(appId), utf8(channel), utf8(userId),
            member ? QJsonDocument(member->userInfo).toJson(QJsonDocument::Compact) : QByteArray(), QByteArray::number(maxMembers),
            cache ? QByteArrayLiteral("1") : QByteArrayLiteral("0")},
           [this, appId, channel, connection, userId, firstLocalSocket, pendingKey, done = std::move(done)](const RedisReply &reply) {
               m_pendingJoins.remove(pendingKey);
               const std::optional<DeferredLeave> deferred = m_deferredLeaves.contains(pendingKey)
                                                                 ? std::optional<DeferredLeave>(m_deferredLeaves.take(pendingKey))
                                                                 : std::nullopt;
               JoinResult result;
               if (!reply.isError() && !reply.elements.isEmpty() && integerOf(reply.elements.at(0)) < 0) {
                   // Refused (presence channel full): Redis changed nothing, so neither may the leave
                   // that may already be waiting; undo this node's part.
                   result.refused = true;
                   if (!deferred)
                       m_local.unsubscribe(appId, channel, connection); // else the leave did
                   if (!userId.isEmpty())
                       m_local.removeMember(appId, channel, userId);
                   done(result);
                   if (deferred)
                       deferred->done(LeaveResult{m_local.subscriptionCount(appId, channel), false, false});
                   return;
               }
               if (reply.isError() || reply.elements.size() < 7) {
                   // Redis went away meanwhile: answer as a single node would.
                   qCWarning(lcChannels).noquote() << "channels: join through Redis failed:" << reply.string;
                   result.subscriptionCount = m_local.subscriptionCount(appId, channel);
                   result.firstSubscriber = result.subscriptionCount == 1;
                   result.firstSocketOfUser = firstLocalSocket;
                   if (!userId.isEmpty())
                       result.members = m_local.members(appId, channel);
                   result.cachedFrame = m_local.cachedEvent(appId, channel);
               } else {
                   result.subscriptionCount = int(integerOf(reply.elements.at(0)));
                   result.firstSubscriber = integerOf(reply.elements.at(1)) == 1;
                   result.withdrewVacate = integerOf(reply.elements.at(2)) == 1;
                   result.firstSocketOfUser = integerOf(reply.elements.at(3)) == 1;
                   result.withdrewRemoval = integerOf(reply.elements.at(4)) == 1;
                   result.members = membersFrom(reply.elements.at(5));
                   if (reply.elements.at(6).type == RedisReply::Type::String)
                       result.cachedFrame = QString::fromUtf8(reply.elements.at(6).string);
                   m_knownCounts[appId].insert(channel, result.subscriptionCount);
               }
               done(result);
               if (deferred)
                   redisLeave(appId, channel, deferred->userId, deferred->holds, deferred->done);
           });
}

void RedisAdapter::leave(const QString &appId, const QString &channel, Connection *connection, const QString &presenceUserId,
                         RemovalHolds holds, std::function<void(const LeaveResult &)> done)
{
    if (!m_commands->isConnected() && m_pendingJoins.isEmpty())
        return m_local.leave(appId, channel, connection, presenceUserId, holds, std::move(done));
    m_local.unsubscribe(appId, channel, connection);
    const QString pendingKey = connection->socketId() + QLatin1Char('\n') + appId + QLatin1Char('\n') + channel;
    if (m_pendingJoins.contains(pendingKey)) {
        // Its join is still on the way: leave once Redis has answered it, so the counts never
        // lose what they did not get (a refused join leaves nothing behind).
        m_deferredLeaves.insert(pendingKey, DeferredLeave{presenceUserId, holds, std::move(done)});
        return;
    }
    redisLeave(appId, channel, presenceUserId, holds, std::move(done));
}

void RedisAdapter::redisLeave(const QString &appId, const QString &channel, const QString &userId, RemovalHolds holds,
                              std::function<void(const LeaveResult &)> done)
{
    const QList<PresenceMember> localMembers = userId.isEmpty() ? QList<PresenceMember>() : m_local.members(appId, channel);
    const bool wasMember = std::any_of(localMembers.cbegin(), localMembers.cend(),
                                       [&](const PresenceMember &m) { return m.userId == userId; });
    const bool lastLocalSocketOfUser = wasMember && m_local.removeMember(appId, channel, userId);
    const auto localAnswer = [this, appId, channel, lastLocalSocketOfUser] {
        LeaveResult result;
        result.subscriptionCount = m_local.subscriptionCount(appId, channel);
        result.lastSubscriber = result.subscriptionCount == 0;
        result.lastSocketOfUser = lastLocalSocketOfUser;
        return result;
    };
    if (!m_commands->isConnected())
        return done(localAnswer());
    script(kLeave,
           {utf8(m_nodeId), utf8(appId), utf8(channel), wasMember ? utf8(userId) : QByteArray(),
            holds.vacate ? QByteArrayLiteral("1") : QByteArrayLiteral("0"),
            holds.memberRemoval ? QByteArrayLiteral("1") : QByteArrayLiteral("0"),
            QByteArray::number(m_options.removalDelayMs + kPendingRemovalSlackMs)},
           [this, appId, channel, localAnswer, done](const RedisReply &reply) {
               if (reply.isError() || reply.elements.size() != 3)
                   return done(localAnswer());
               LeaveResult result;
               result.subscriptionCount = int(integerOf(reply.elements.at(0)));
               result.lastSubscriber = integerOf(reply.elements.at(1)) == 1;
               result.lastSocketOfUser = integerOf(reply.elements.at(2)) == 1;
               if (result.subscriptionCount > 0)
                   m_knownCounts[appId].insert(channel, result.subscriptionCount);
               else
                   m_knownCounts[appId].remove(channel);
               done(result);
           });
}

void RedisAdapter::confirmRemoval(const QString &appId, const QString &key, std::function<void(bool)> done)
{
    if (!m_commands->isConnected())
        return done(true);
    m_commands->command({QByteArrayLiteral("DEL"), m_prefix + utf8(QStringLiteral("pending:%1:%2").arg(appId, key))},
                        [done](const RedisReply &reply) {
                            // Unknown (Redis went away): better a webhook twice than never.
                            done(reply.isError() || integerOf(reply) == 1);
                        });
}

int RedisAdapter::publish(const QString &appId, const QString &channel, const QString &frame, const QString &exceptSocketId)
{
    const int delivered = m_local.publish(appId, channel, frame, exceptSocketId);
    if (m_commands->isConnected()) {
        QByteArray message = "P\n" + utf8(m_nodeId) + '\n' + utf8(appId) + '\n' + utf8(channel) + '\n' + utf8(exceptSocketId)
                             + '\n' + utf8(frame);
        m_commands->command({QByteArrayLiteral("PUBLISH"), m_prefix + "fanout", message});
    }
    return delivered;
}

void RedisAdapter::terminateUser(const QString &appId, const QString &userId)
{
    if (m_listener.terminateUser)
        m_listener.terminateUser(appId, userId);
    if (m_commands->isConnected())
        m_commands->command({QByteArrayLiteral("PUBLISH"), m_prefix + "fanout",
                             "T\n" + utf8(m_nodeId) + '\n' + utf8(appId) + '\n' + utf8(userId)});
}

void RedisAdapter::onMessage(const QByteArray &payload)
{
    // Split the header fields off; the frame (last) may hold anything but is not split.
    const auto field = [&payload](qsizetype *from) {
        const qsizetype end = payload.indexOf('\n', *from);
        const qsizetype stop = end < 0 ? payload.size() : end;
        const QByteArray value = payload.mid(*from, stop - *from);
        *from = end < 0 ? payload.size() : end + 1;
        return value;
    };
    qsizetype at = 0;
    const QByteArray kind = field(&at);
    const QByteArray origin = field(&at);
    if (origin == m_nodeId.toUtf8())
        return; // delivered here when it was published
    const QString appId = QString::fromUtf8(field(&at));
    if (kind == "P") {
        const QString channel = QString::fromUtf8(field(&at));
        const QString except = QString::fromUtf8(field(&at));
        const int delivered = m_local.publish(appId, channel, QString::fromUtf8(payload.mid(at)), except);
        if (delivered > 0 && m_listener.remoteDelivered)
            m_listener.remoteDelivered(delivered);
    } else if (kind == "T") {
        if (m_listener.terminateUser)
            m_listener.terminateUser(appId, QString::fromUtf8(payload.mid(at)));
    } else if (kind == "U") {
        const bool online = field(&at) == "1";
        if (m_listener.userStatus)
            m_listener.userStatus(appId, QString::fromUtf8(payload.mid(at)), online);
    }
}

void RedisAdapter::cacheEvent(const QString &appId, const QString &channel, const QString &frame, qint64 ttlMs)
{
    m_local.cacheEvent(appId, channel, frame, ttlMs);
    if (m_commands->isConnected())
        m_commands->command({QByteArrayLiteral("SET"), key(QStringLiteral("cache:%1:%2").arg(appId, channel)), utf8(frame),
                             QByteArrayLiteral("PX"), QByteArray::number(ttlMs)});
}

void RedisAdapter::channelState(const QString &appId, const QString &channel, std::function<void(const ChannelState &)> done)
{
    if (!m_commands->isConnected())
        return m_local.channelState(appId, channel, std::move(done));
    script(kChannelState, {utf8(appId), utf8(channel)}, [this, appId, channel, done](const RedisReply &reply) {
        if (reply.isError() || reply.elements.size() != 4)
            return m_local.channelState(appId, channel, done);
        ChannelState state;
        state.subscriptionCount = int(integerOf(reply.elements.at(0)));
        state.members = membersFrom(reply.elements.at(1));
        if (reply.elements.at(2).type == RedisReply::Type::String) {
            state.cachedFrame = QString::fromUtf8(reply.elements.at(2).string);
            state.cacheTtlSeconds = qMax<qint64>(0, integerOf(reply.elements.at(3)) / 1000);
        }
        done(state);
    });
}

void RedisAdapter::occupiedChannels(const QString &appId, std::function<void(const QHash<QString, ChannelCounts> &)> done)
{
    if (!m_commands->isConnected())
        return m_local.occupiedChannels(appId, std::move(done));
    script(kOccupied, {utf8(appId)}, [this, appId, done](const RedisReply &reply) {
        if (reply.isError())
            return m_local.occupiedChannels(appId, done);
        QHash<QString, ChannelCounts> result;
        for (qsizetype i = 0; i + 2 < reply.elements.size(); i += 3)
            result.insert(QString::fromUtf8(reply.elements.at(i).string),
                          ChannelCounts{int(integerOf(reply.elements.at(i + 1))), int(integerOf(reply.elements.at(i + 2)))});
        done(result);
    });
}

QHash<QString, int> RedisAdapter::channels(const QString &appId) const
{
    return m_view.valid && m_commands->isConnected() ? m_view.channels.value(appId) : m_local.channels(appId);
}

QList<PresenceMember> RedisAdapter::members(const QString &appId, const QString &channel) const
{
    return m_view.valid && m_commands->isConnected() ? m_view.members.value(appId).value(channel) : m_local.members(appId, channel);
}

int RedisAdapter::subscriptionCount(const QString &appId, const QString &channel) const
{
    if (!m_commands->isConnected())
        return m_local.subscriptionCount(appId, channel);
    return qMax(m_knownCounts.value(appId).value(channel), m_local.subscriptionCount(appId, channel));
}

ClusterStatus RedisAdapter::clusterStatus() const
{
    ClusterStatus status;
    status.adapter = QStringLiteral("redis");
    status.endpoint = m_options.endpoint.display();
    status.connected = isConnected();
    status.error = status.connected ? QString()
                                    : (m_commands->lastError().isEmpty() ? m_subscriber->lastError() : m_commands->lastError());
    status.reconnects = m_commands->reconnects();
    status.nodeId = m_nodeId;
    if (m_view.valid)
        status.nodes = m_view.nodes;
    if (std::none_of(status.nodes.cbegin(), status.nodes.cend(), [](const ClusterNode &node) { return node.self; })) {
        ClusterNode self;
        self.id = m_nodeId;
        self.address = m_options.nodeAddress;
        self.connections = m_localConnections;
        self.self = true;
        self.alive = true;
        status.nodes.prepend(self);
    }
    return status;
}

void RedisAdapter::userSignedIn(const QString &appId, const QString &userId, bool firstHere, const QStringList &watchlist,
                                std::function<void(bool, const QSet<QString> &)> done)
{
    if (!m_commands->isConnected())
        return m_local.userSignedIn(appId, userId, firstHere, watchlist, std::move(done));
    QList<QByteArray> arguments{utf8(m_nodeId), utf8(appId), utf8(userId), firstHere ? QByteArrayLiteral("1") : QByteArrayLiteral("0")};
    for (const QString &id : watchlist)
        arguments.append(utf8(id));
    script(kUserIn, arguments, [this, appId, userId, firstHere, watchlist, done](const RedisReply &reply) {
        if (reply.isError() || reply.elements.size() != 2)
            return m_local.userSignedIn(appId, userId, firstHere, watchlist, done);
        QSet<QString> online;
        for (const RedisReply &id : reply.elements.at(1).elements)
            online.insert(QString::fromUtf8(id.string));
        done(integerOf(reply.elements.at(0)) == 1, online);
    });
}

void RedisAdapter::userSignedOut(const QString &appId, const QString &userId, std::function<void(bool)> done)
{
    if (!m_commands->isConnected())
        return done(true);
    script(kUserOut, {utf8(m_nodeId), utf8(appId), utf8(userId)}, [done](const RedisReply &reply) {
        done(reply.isError() || integerOf(reply) == 1);
    });
}

void RedisAdapter::announceUser(const QString &appId, const QString &userId, bool online)
{
    if (m_listener.userStatus)
        m_listener.userStatus(appId, userId, online);
    if (m_commands->isConnected())
        m_commands->command({QByteArrayLiteral("PUBLISH"), m_prefix + "fanout",
                             "U\n" + utf8(m_nodeId) + '\n' + utf8(appId) + '\n' + (online ? "1" : "0") + '\n' + utf8(userId)});
}

bool RedisAdapter::addUser(const QString &appId, const QString &userId, Connection *connection)
{
    return m_local.addUser(appId, userId, connection);
}

bool RedisAdapter::removeUser(const QString &appId, const QString &userId, Connection *connection)
{
    return m_local.removeUser(appId, userId, connection);
}

QList<Connection *> RedisAdapter::userConnections(const QString &appId, const QString &userId) const
{
    return m_local.userConnections(appId, userId);
}

} // namespace homeport::channels
