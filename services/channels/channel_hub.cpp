#include "channel_hub.h"

#include "app_store.h"
#include "channel_name.h"
#include "channels_adapter.h"
#include "connection.h"
#include "pusher_signatures.h"
#include "webhook_sender.h"

#include "core/logging.h"
#include "core/metrics.h"
#include "http/request.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QWebSocket>

#include <limits>

namespace homeport::channels {

namespace {

constexpr int kDebugDetailsChars = 200;
constexpr int kCloseGraceMs = 5000; // peers that never answer our close frame are aborted
constexpr int kSnapshotMinIntervalMs = 200;
constexpr int kSnapshotMaxIntervalMs = 1000;

const QString kConnections = QStringLiteral("homeport_channels_connections");
const QString kMessagesSent = QStringLiteral("homeport_channels_messages_sent_total");
const QString kMessagesReceived = QStringLiteral("homeport_channels_messages_received_total");
const QString kConnectionsSeries = QStringLiteral("channels.connections");
const QString kMessagesSeries = QStringLiteral("channels.messages");

QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QString compactValue(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isObject())
        return compact(value.toObject());
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    // Numbers, booleans and null: wrap in an array and strip it to get their JSON text.
    const QString text = QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact));
    return text.mid(1, text.size() - 2);
}

// pusher:* frames carry their data as a JSON-encoded string (the protocol doc's convention).
QString pusherFrame(const QString &event, const QJsonObject &data, const QString &channel = {})
{
    QJsonObject frame{{QStringLiteral("event"), event}, {QStringLiteral("data"), compact(data)}};
    if (!channel.isEmpty())
        frame.insert(QStringLiteral("channel"), channel);
    return compact(frame);
}

// pusher-js sends pusher:* data as an object; the protocol doc as a string. Both are accepted.
QJsonObject dataObject(const QJsonValue &value)
{
    if (value.isObject())
        return value.toObject();
    return QJsonDocument::fromJson(value.toString().toUtf8()).object();
}

QString idText(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble())
        return QString::number(qint64(value.toDouble()));
    return {};
}

QString channelKey(const QString &appId, const QString &channel)
{
    return appId + QLatin1Char('\n') + channel;
}

} // namespace

ChannelHub::ChannelHub(AppStore *apps, ChannelsAdapter *adapter, WebhookSender *webhooks, ChannelsMonitor *monitor,
                       core::Metrics *metrics, Options options, QObject *parent)
    : QObject(parent), m_apps(apps), m_adapter(adapter), m_webhooks(webhooks), m_monitor(monitor), m_metrics(metrics),
      m_options(options), m_flusher(new OutputFlusher(this))
{
    m_clock.start();
    ChannelsAdapter::Listener listener;
    listener.remoteDelivered = [this](int delivered) { m_sentTotal += quint64(delivered); };
    listener.terminateUser = [this](const QString &appId, const QString &userId) { terminateLocalUser(appId, userId); };
    listener.memberGone = [this](const QString &appId, const QString &channel, const QString &userId) {
        // A dead node's member: announced once, by the node that removed it.
        publishFrame(appId, channel,
                     pusherFrame(QStringLiteral("pusher_internal:member_removed"), {{QStringLiteral("user_id"), userId}}, channel));
        if (const AppInfo *app = m_apps->byId(appId))
            m_webhooks->send(*app, {{QStringLiteral("name"), QStringLiteral("member_removed")},
                                    {QStringLiteral("channel"), channel},
                                    {QStringLiteral("user_id"), userId}});
        markChanged();
    };
    listener.channelGone = [this](const QString &appId, const QString &channel) {
        if (const AppInfo *app = m_apps->byId(appId))
            m_webhooks->send(*app, {{QStringLiteral("name"), QStringLiteral("channel_vacated")}, {QStringLiteral("channel"), channel}});
        markChanged();
    };
    listener.userStatus = [this](const QString &appId, const QString &userId, bool online) {
        watchlistChanged(appId, userId, online);
    };
    listener.userGone = [this](const QString &appId, const QString &userId) { m_adapter->announceUser(appId, userId, false); };
    m_adapter->setListener(listener);
    connect(&m_tick, &QTimer::timeout, this, &ChannelHub::tick);
    m_tick.start(kTickMs);
    publishSnapshot();
}

ChannelHub::~ChannelHub()
{
    m_adapter->setListener({});
    // Stopping: 4200 tells clients to reconnect right away, to the next instance.
    for (Connection *connection : std::as_const(m_connections)) {
        connection->close(kCloseReconnect, QStringLiteral("Server is restarting"));
        connection->socket()->flush();
    }
    qDeleteAll(m_connections);
    m_connections.clear();
    flushMetrics();
    if (m_metrics)
        for (auto it = m_connectionsByApp.cbegin(); it != m_connectionsByApp.cend(); ++it)
            m_metrics->setGauge(kConnections, QStringLiteral("app=\"%1\"").arg(it.key()), 0);
    m_connectionsByApp.clear();
    publishSnapshot();
}

void ChannelHub::refusePath(QWebSocket *socket)
{
    const QString reason = QStringLiteral("Path not found; connect to /app/{key}");
    socket->sendTextMessage(pusherFrame(QStringLiteral("pusher:error"),
                                        {{QStringLiteral("message"), reason}, {QStringLiteral("code"), kClosePathNotFound}}));
    socket->close(QWebSocketProtocol::CloseCode(kClosePathNotFound), reason);
    QObject::connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
    QTimer::singleShot(kCloseGraceMs, socket, &QWebSocket::abort);
}

void ChannelHub::closeWithCode(QWebSocket *socket, int code, const QString &reason)
{
    socket->setParent(this);
    socket->sendTextMessage(pusherFrame(QStringLiteral("pusher:error"),
                                        {{QStringLiteral("message"), reason}, {QStringLiteral("code"), code}}));
    socket->close(QWebSocketProtocol::CloseCode(code), reason);
    connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
    QTimer::singleShot(kCloseGraceMs, socket, &QWebSocket::abort);
}

QString ChannelHub::newSocketId() const
{
    for (;;) {
        const QString id = QStringLiteral("%1.%2").arg(QRandomGenerator::global()->bounded(1u, 1u << 31))
                               .arg(QRandomGenerator::global()->bounded(1u, 1u << 31));
        if (!m_connections.contains(id))
            return id;
    }
}

void ChannelHub::accept(const http::Request &request, QWebSocket *socket)
{
    const QString key = request.capture(QStringLiteral("key"));
    const AppInfo *app = m_apps->byKey(key);
    if (!app)
        return closeWithCode(socket, kCloseAppUnknown, QStringLiteral("App key %1 does not exist").arg(key));
    if (!app->enabled)
        return closeWithCode(socket, kCloseAppDisabled, QStringLiteral("App %1 is disabled").arg(app->id));
    if (!request.hasQueryItem(QStringLiteral("protocol")))
        return closeWithCode(socket, kCloseNoProtocol, QStringLiteral("No protocol version supplied"));
    bool numeric = false;
    const int version = request.queryValue(QStringLiteral("protocol")).toInt(&numeric);
    if (!numeric)
        return closeWithCode(socket, kCloseInvalidVersion, QStringLiteral("Invalid version string format"));
    if (version != kProtocolVersion)
        return closeWithCode(socket, kCloseUnsupportedProtocol,
                             QStringLiteral("Unsupported protocol version %1; this server speaks 7").arg(version));
    if (app->limits.maxConnections > 0 && m_connectionsByApp.value(app->id) >= app->limits.maxConnections)
        return closeWithCode(socket, kCloseOverQuota,
                             QStringLiteral("App %1 is over its connection quota (%2)").arg(app->id).arg(app->limits.maxConnections));
    if (m_connections.size() >= m_options.maxConnections)
        return closeWithCode(socket, kCloseOverCapacity, QStringLiteral("Over capacity; try again later"));

    // The app's quota across the cluster (RedisAdapter counts every node's connections; locally
    // the count above decided): the socket waits for the answer, the client sends nothing first.
    socket->setParent(this);
    const QString appId = app->id;
    const int quota = app->limits.maxConnections;
    QPointer<QWebSocket> guard(socket);
    QPointer<QTcpSocket> transport(request.webSocketTransport());
    const QString peer = QStringLiteral("%1 %2 %3").arg(request.remoteAddress().toString(), request.queryValue(QStringLiteral("client")),
                                                          request.queryValue(QStringLiteral("version")));
    QPointer<ChannelHub> self(this);
    m_adapter->admitConnection(appId, quota, [self, guard, transport, appId, quota, peer](bool admitted) {
        if (!self)
            return;
        if (!guard || !transport || guard->state() != QAbstractSocket::ConnectedState) {
            if (admitted)
                self->m_adapter->releaseConnection(appId); // it left while the cluster was asked
            if (guard)
                guard->deleteLater();
            return;
        }
        const AppInfo *current = self->m_apps->byId(appId);
        if (!current || !current->enabled) {
            if (admitted)
                self->m_adapter->releaseConnection(appId);
            return self->closeWithCode(guard, current ? kCloseAppDisabled : kCloseAppUnknown,
                                       QStringLiteral("App %1 is not available").arg(appId));
        }
        if (!admitted)
            return self->closeWithCode(guard, kCloseOverQuota,
                                       QStringLiteral("App %1 is over its connection quota (%2) across the cluster").arg(appId).arg(quota));
        self->establish(guard, transport, *current, peer);
    });
}

void ChannelHub::establish(QWebSocket *socket, QTcpSocket *transport, const AppInfo &app, const QString &peer)
{
    const qint64 maxMessage = qint64(app.limits.maxEventBytes) * 2 + kFrameOverheadBytes;
    socket->setMaxAllowedIncomingMessageSize(quint64(maxMessage));
    socket->setMaxAllowedIncomingFrameSize(quint64(maxMessage));
    auto *connection = new Connection(socket, transport, newSocketId(), app.id, m_flusher);
    connection->lastActivityMs = now();
    m_connections.insert(connection->socketId(), connection);
    ++m_connectionsByApp[app.id];
    connect(socket, &QWebSocket::textMessageReceived, this, [this, connection](const QString &message) {
        onText(connection, message);
    });
    connect(socket, &QWebSocket::binaryMessageReceived, this, [this, connection] {
        ++m_receivedTotal;
        sendError(connection, QStringLiteral("Binary frames are not part of the Pusher protocol; send JSON text"));
    });
    connect(socket, &QWebSocket::disconnected, this, [this, connection] { disconnected(connection); });

    send(connection, pusherFrame(QStringLiteral("pusher:connection_established"),
                                 {{QStringLiteral("socket_id"), connection->socketId()},
                                  {QStringLiteral("activity_timeout"), m_options.activityTimeoutSeconds}}));
    debug(DebugEvent::Kind::Connection, app.id, connection->socketId(), {}, {}, peer);
    markChanged();
}

void ChannelHub::disconnected(Connection *connection)
{
    const QString appId = connection->appId();
    const auto channels = connection->channels;
    for (const QString &channel : channels)
        leave(connection, channel);
    if (!connection->userId.isEmpty() && m_adapter->removeUser(appId, connection->userId, connection))
        m_adapter->userSignedOut(appId, connection->userId, [this, appId, userId = connection->userId](bool lastInCluster) {
            if (lastInCluster)
                m_adapter->announceUser(appId, userId, false);
        });
    auto watchers = m_watchers.find(appId);
    if (watchers != m_watchers.end()) {
        for (const QString &watched : std::as_const(connection->watchlist)) {
            auto it = watchers->find(watched);
            if (it != watchers->end() && (it->remove(connection), it->isEmpty()))
                watchers->erase(it);
        }
    }
    m_connections.remove(connection->socketId());
    if (--m_connectionsByApp[appId] <= 0)
        m_connectionsByApp.remove(appId);
    m_adapter->releaseConnection(appId);
    const QWebSocket *socket = connection->socket();
    debug(DebugEvent::Kind::Disconnection, appId, connection->socketId(), {}, {},
          socket->closeCode() ? QStringLiteral("%1 %2").arg(int(socket->closeCode())).arg(socket->closeReason()) : QString());
    delete connection;
    markChanged();
}

void ChannelHub::send(Connection *connection, const QString &frame)
{
    connection->send(frame);
    ++m_sentTotal;
}

int ChannelHub::publishFrame(const QString &appId, const QString &channel, const QString &frame, const QString &except)
{
    const int delivered = m_adapter->publish(appId, channel, frame, except);
    m_sentTotal += quint64(delivered);
    return delivered;
}

void ChannelHub::sendError(Connection *connection, const QString &message, int code, const QString &channel)
{
    QJsonObject data{{QStringLiteral("message"), message}, {QStringLiteral("code"), code ? QJsonValue(code) : QJsonValue()}};
    send(connection, pusherFrame(QStringLiteral("pusher:error"), data, channel));
    debug(DebugEvent::Kind::Error, connection->appId(), connection->socketId(), channel, QStringLiteral("pusher:error"), message);
}

void ChannelHub::sendSubscriptionError(Connection *connection, const QString &channel, const QString &type,
                                       const QString &error, int status)
{
    send(connection, pusherFrame(QStringLiteral("pusher:subscription_error"),
                                 {{QStringLiteral("type"), type}, {QStringLiteral("error"), error}, {QStringLiteral("status"), status}},
                                 channel));
    debug(DebugEvent::Kind::Error, connection->appId(), connection->socketId(), channel,
          QStringLiteral("pusher:subscription_error"), error);
}

void ChannelHub::onText(Connection *connection, const QString &message)
{
    ++m_receivedTotal;
    connection->lastActivityMs = now();
    connection->pingSentMs = -1;
    if (connection->isClosing())
        return;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(message.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return sendError(connection, QStringLiteral("Invalid JSON: %1").arg(parseError.error != QJsonParseError::NoError
                                                                                 ? parseError.errorString()
                                                                                 : QStringLiteral("expected an object")));
    const QJsonObject object = document.object();
    const QString event = object.value(QStringLiteral("event")).toString();
    if (event == QLatin1String("pusher:ping"))
        send(connection, pusherFrame(QStringLiteral("pusher:pong"), {}));
    else if (event == QLatin1String("pusher:pong"))
        return; // activity was noted above
    else if (event == QLatin1String("pusher:subscribe"))
        subscribe(connection, dataObject(object.value(QStringLiteral("data"))));
    else if (event == QLatin1String("pusher:unsubscribe"))
        unsubscribe(connection, dataObject(object.value(QStringLiteral("data"))).value(QStringLiteral("channel")).toString());
    else if (event == QLatin1String("pusher:signin"))
        signin(connection, dataObject(object.value(QStringLiteral("data"))));
    else if (event.startsWith(QLatin1String("client-")))
        clientEvent(connection, event, object);
    else if (event.isEmpty())
        sendError(connection, QStringLiteral("The message has no event name"));
    else
        sendError(connection, QStringLiteral("Unknown event %1").arg(event.left(kDebugDetailsChars)));
}

QString ChannelHub::checkSubscription(Connection *connection, const AppInfo &app, const QString &channel,
                                      const QJsonObject &data, int *status, QString *type)
{
    *status = 400;
    *type = QStringLiteral("InvalidChannel");
    if (const QString invalid = ChannelName::validate(channel, app.limits.maxChannelNameLength); !invalid.isEmpty())
        return invalid;
    const ChannelName name(channel);
    *status = 403;
    *type = QStringLiteral("AuthError");
    if (name.type() == ChannelName::Type::ServerToUser) {
        if (connection->userId.isEmpty() || channel.mid(ChannelName::kServerToUserPrefix.size()) != connection->userId)
            return QStringLiteral("Only the signed-in user %1 may subscribe to %2")
                .arg(connection->userId.isEmpty() ? QStringLiteral("(none)") : connection->userId, channel);
        return {};
    }
    if (!name.needsAuth())
        return {};

    *status = 401;
    const QString auth = data.value(QStringLiteral("auth")).toString();
    const QJsonValue channelDataValue = data.value(QStringLiteral("channel_data"));
    const QString channelData = channelDataValue.toString();
    const qsizetype colon = auth.indexOf(QLatin1Char(':'));
    if (colon < 0 || auth.left(colon) != app.key)
        return QStringLiteral("Invalid auth: expected \"%1:<signature>\"").arg(app.key);
    const QByteArray signature = auth.mid(colon + 1).toLatin1();
    // The SDKs sign channel_data whenever it is given, private channels included; older servers
    // verified private channels without it, so both forms pass there.
    const bool valid = signaturesEqual(signature, channelAuthSignature(app.secret, connection->socketId(), channel, channelData))
                       || (name.type() != ChannelName::Type::Presence && !channelData.isEmpty()
                           && signaturesEqual(signature, channelAuthSignature(app.secret, connection->socketId(), channel)));
    if (!valid)
        return QStringLiteral("Invalid signature for socket %1 and channel %2").arg(connection->socketId(), channel);
    if (name.type() != ChannelName::Type::Presence)
        return {};

    *status = 400;
    *type = QStringLiteral("InvalidChannelData");
    const QJsonObject member = QJsonDocument::fromJson(channelData.toUtf8()).object();
    const QString userId = idText(member.value(QStringLiteral("user_id")));
    if (userId.isEmpty())
        return QStringLiteral("Presence channel_data must be a JSON object with a user_id");
    if (userId.size() > kMaxUserIdLength)
        return QStringLiteral("Presence user_id is longer than %1 characters").arg(kMaxUserIdLength);
    const QJsonValue userInfo = member.value(QStringLiteral("user_info"));
    if (compactValue(userInfo).toUtf8().size() > kMaxUserInfoBytes)
        return QStringLiteral("Presence user_info is larger than %1 bytes").arg(kMaxUserInfoBytes);
    // The member limit is the adapter's to check: it counts the members of the whole cluster.
    return {};
}

void ChannelHub::subscribe(Connection *connection, const QJsonObject &data)
{
    const AppInfo *appPointer = m_apps->byId(connection->appId());
    if (!appPointer)
        return;
    const AppInfo app = *appPointer;
    const QString channel = data.value(QStringLiteral("channel")).toString();
    if (channel.isEmpty())
        return sendError(connection, QStringLiteral("pusher:subscribe needs a channel"));
    if (connection->channels.contains(channel))
        return sendError(connection, QStringLiteral("Already subscribed to %1").arg(channel), 0, channel);
    int status = 0;
    QString type;
    if (const QString error = checkSubscription(connection, app, channel, data, &status, &type); !error.isEmpty())
        return sendSubscriptionError(connection, channel, type, error, status);

    const ChannelName name(channel);
    std::optional<PresenceMember> member;
    if (name.type() == ChannelName::Type::Presence) {
        const QJsonObject channelData =
            QJsonDocument::fromJson(data.value(QStringLiteral("channel_data")).toString().toUtf8()).object();
        member = PresenceMember{idText(channelData.value(QStringLiteral("user_id"))),
                                channelData.value(QStringLiteral("user_info")).toObject(), 1};
        connection->presenceUserIds.insert(channel, member->userId);
    }
    // Marked subscribed before the adapter answers, so a disconnect meanwhile still leaves.
    connection->channels.insert(channel);
    m_adapter->join(app.id, channel, connection, member ? &*member : nullptr, app.limits.maxPresenceMembers,
                    [this, app, channel, socketId = connection->socketId(), member](const ChannelsAdapter::JoinResult &result) {
                        joined(app, channel, socketId, member, result);
                    });
}

void ChannelHub::joined(const AppInfo &app, const QString &channel, const QString &socketId,
                        const std::optional<PresenceMember> &member, const ChannelsAdapter::JoinResult &result)
{
    Connection *connection = m_connections.value(socketId);
    const bool stillHere = connection && !connection->isClosing() && connection->channels.contains(channel);
    if (result.refused) {
        if (!stillHere)
            return;
        connection->channels.remove(channel);
        connection->presenceUserIds.remove(channel);
        return sendSubscriptionError(connection, channel, QStringLiteral("LimitReached"),
                                     QStringLiteral("Presence channel %1 is full (%2 members)").arg(channel).arg(app.limits.maxPresenceMembers),
                                     403);
    }
    const ChannelName name(channel);
    // Webhooks follow the cluster's counts whether or not the socket is still here: its leave,
    // if it already left, comes after this join.
    if (result.firstSubscriber) {
        const bool withdrawnHere = m_webhooks->cancelRemoval(app.id, QStringLiteral("vacated:") + channel);
        if (!withdrawnHere && !result.withdrewVacate)
            m_webhooks->send(app, {{QStringLiteral("name"), QStringLiteral("channel_occupied")}, {QStringLiteral("channel"), channel}});
    }
    if (member && result.firstSocketOfUser) {
        publishFrame(app.id, channel,
                     pusherFrame(QStringLiteral("pusher_internal:member_added"),
                                 {{QStringLiteral("user_id"), member->userId}, {QStringLiteral("user_info"), member->userInfo}}, channel),
                     socketId);
        const bool withdrawnHere = m_webhooks->cancelRemoval(app.id, QStringLiteral("removed:%1\n%2").arg(channel, member->userId));
        if (!withdrawnHere && !result.withdrewRemoval)
            m_webhooks->send(app, {{QStringLiteral("name"), QStringLiteral("member_added")},
                                   {QStringLiteral("channel"), channel},
                                   {QStringLiteral("user_id"), member->userId}});
    }

    if (stillHere) {
        if (member) {
            QJsonArray ids;
            QJsonObject hash;
            for (const PresenceMember &m : result.members) {
                ids.append(m.userId);
                hash.insert(m.userId, m.userInfo);
            }
            send(connection, pusherFrame(QStringLiteral("pusher_internal:subscription_succeeded"),
                                         {{QStringLiteral("presence"),
                                           QJsonObject{{QStringLiteral("ids"), ids},
                                                       {QStringLiteral("hash"), hash},
                                                       {QStringLiteral("count"), int(result.members.size())}}}},
                                         channel));
        } else {
            send(connection, pusherFrame(QStringLiteral("pusher_internal:subscription_succeeded"), {}, channel));
        }
        if (name.isCache()) {
            if (result.cachedFrame) {
                send(connection, *result.cachedFrame);
            } else {
                send(connection, compact({{QStringLiteral("event"), QStringLiteral("pusher:cache_miss")},
                                          {QStringLiteral("channel"), channel}}));
                m_webhooks->send(app, {{QStringLiteral("name"), QStringLiteral("cache_miss")}, {QStringLiteral("channel"), channel}});
            }
        }
        debug(DebugEvent::Kind::Subscribed, app.id, socketId, channel, {}, member ? member->userId : QString());
    }
    if (name.type() != ChannelName::Type::Presence && name.type() != ChannelName::Type::ServerToUser)
        subscriptionCountChanged(app, channel, result.subscriptionCount);
    markChanged();
}

void ChannelHub::unsubscribe(Connection *connection, const QString &channel)
{
    if (!connection->channels.contains(channel))
        return sendError(connection, QStringLiteral("Not subscribed to %1").arg(channel.left(kDebugDetailsChars)), 0, channel);
    leave(connection, channel);
    debug(DebugEvent::Kind::Unsubscribed, connection->appId(), connection->socketId(), channel, {}, {});
}

void ChannelHub::leave(Connection *connection, const QString &channel)
{
    const QString appId = connection->appId();
    const AppInfo *appPointer = m_apps->byId(appId);
    AppInfo app = appPointer ? *appPointer : AppInfo{}; // deleted apps send no webhooks
    app.id = appId;
    connection->channels.remove(channel);
    const QString userId = connection->presenceUserIds.take(channel);
    const ChannelsAdapter::RemovalHolds holds{WebhookSender::wants(app, QStringLiteral("channel_vacated")),
                                              WebhookSender::wants(app, QStringLiteral("member_removed"))};
    m_adapter->leave(appId, channel, connection, userId, holds, [this, app, channel, userId](const ChannelsAdapter::LeaveResult &result) {
        left(app, channel, userId, result);
    });
}

void ChannelHub::left(const AppInfo &app, const QString &channel, const QString &userId, const ChannelsAdapter::LeaveResult &result)
{
    const ChannelName name(channel);
    if (!userId.isEmpty() && result.lastSocketOfUser) {
        publishFrame(app.id, channel,
                     pusherFrame(QStringLiteral("pusher_internal:member_removed"), {{QStringLiteral("user_id"), userId}}, channel));
        m_webhooks->sendRemoval(app,
                                {{QStringLiteral("name"), QStringLiteral("member_removed")},
                                 {QStringLiteral("channel"), channel},
                                 {QStringLiteral("user_id"), userId}},
                                QStringLiteral("removed:%1\n%2").arg(channel, userId));
    }
    if (result.lastSubscriber) {
        m_webhooks->sendRemoval(app, {{QStringLiteral("name"), QStringLiteral("channel_vacated")}, {QStringLiteral("channel"), channel}},
                                QStringLiteral("vacated:") + channel);
        const QString key = channelKey(app.id, channel);
        m_lastEvents.remove(key);
        m_countSentAt.remove(key);
        m_countPending.remove(key);
    } else if (name.type() != ChannelName::Type::Presence && name.type() != ChannelName::Type::ServerToUser) {
        subscriptionCountChanged(app, channel, result.subscriptionCount);
    }
    markChanged();
}

void ChannelHub::subscriptionCountChanged(const AppInfo &app, const QString &channel, int count)
{
    const QString key = channelKey(app.id, channel);
    if (count > kCountThrottleAbove
        && now() - m_countSentAt.value(key, std::numeric_limits<qint64>::min() / 2) < kCountIntervalMs) {
        m_countPending.insert(key);
        return;
    }
    sendSubscriptionCount(app, channel, count);
}

void ChannelHub::sendSubscriptionCount(const AppInfo &app, const QString &channel, int count)
{
    const QString key = channelKey(app.id, channel);
    m_countSentAt.insert(key, now());
    m_countPending.remove(key);
    publishFrame(app.id, channel,
                 pusherFrame(QStringLiteral("pusher_internal:subscription_count"), {{QStringLiteral("subscription_count"), count}}, channel));
    m_webhooks->send(app, {{QStringLiteral("name"), QStringLiteral("subscription_count")},
                           {QStringLiteral("channel"), channel},
                           {QStringLiteral("subscription_count"), count}});
}

void ChannelHub::signin(Connection *connection, const QJsonObject &data)
{
    const AppInfo *app = m_apps->byId(connection->appId());
    if (!app)
        return;
    const QString auth = data.value(QStringLiteral("auth")).toString();
    const QString userData = data.value(QStringLiteral("user_data")).toString();
    const qsizetype colon = auth.indexOf(QLatin1Char(':'));
    const auto refuse = [&](const QString &why) {
        sendError(connection, why, kCloseUnauthorized);
        connection->close(kCloseUnauthorized, why);
    };
    if (colon < 0 || auth.left(colon) != app->key
        || !signaturesEqual(auth.mid(colon + 1).toLatin1(), userAuthSignature(app->secret, connection->socketId(), userData)))
        return refuse(QStringLiteral("Invalid signature for pusher:signin"));
    const QJsonObject user = QJsonDocument::fromJson(userData.toUtf8()).object();
    const QJsonValue idValue = user.value(QStringLiteral("id"));
    const QString userId = idValue.toString();
    if (!idValue.isString() || userId.isEmpty() || userId.size() > kMaxUserIdLength)
        return refuse(QStringLiteral("user_data must be a JSON object with a non-empty string id of at most %1 characters")
                          .arg(kMaxUserIdLength));
    if (!connection->userId.isEmpty()) {
        if (connection->userId != userId)
            return sendError(connection, QStringLiteral("Already signed in as user %1").arg(connection->userId));
        send(connection, pusherFrame(QStringLiteral("pusher:signin_success"), {{QStringLiteral("user_data"), userData}}));
        return;
    }

    connection->userId = userId;
    const QJsonArray watchlist = user.value(QStringLiteral("watchlist")).toArray();
    for (const QJsonValue &watched : watchlist) {
        if (connection->watchlist.size() == kWatchlistLimit)
            break;
        if (const QString id = idText(watched); !id.isEmpty() && !connection->watchlist.contains(id)) {
            connection->watchlist.append(id);
            m_watchers[app->id][id].insert(connection);
        }
    }
    const bool firstHere = m_adapter->addUser(app->id, userId, connection);
    send(connection, pusherFrame(QStringLiteral("pusher:signin_success"), {{QStringLiteral("user_data"), userData}}));
    if (watchlist.size() > kWatchlistLimit)
        sendError(connection, QStringLiteral("The watchlist has more than %1 user ids; the first %1 are watched").arg(kWatchlistLimit),
                  kCloseWatchlistLimit);
    m_adapter->userSignedIn(
        app->id, userId, firstHere, connection->watchlist,
        [this, appId = app->id, userId, socketId = connection->socketId()](bool firstInCluster, const QSet<QString> &signedIn) {
            Connection *here = m_connections.value(socketId);
            if (here && !here->isClosing() && !here->watchlist.isEmpty()) {
                QJsonArray online;
                QJsonArray offline;
                for (const QString &id : std::as_const(here->watchlist))
                    (signedIn.contains(id) ? online : offline).append(id);
                QJsonArray events;
                if (!online.isEmpty())
                    events.append(QJsonObject{{QStringLiteral("name"), QStringLiteral("online")}, {QStringLiteral("user_ids"), online}});
                if (!offline.isEmpty())
                    events.append(QJsonObject{{QStringLiteral("name"), QStringLiteral("offline")}, {QStringLiteral("user_ids"), offline}});
                send(here, pusherFrame(QStringLiteral("pusher_internal:watchlist_events"), {{QStringLiteral("events"), events}}));
            }
            if (firstInCluster)
                m_adapter->announceUser(appId, userId, true);
        });
    debug(DebugEvent::Kind::Subscribed, app->id, connection->socketId(), {}, QStringLiteral("pusher:signin"), userId);
}

void ChannelHub::watchlistChanged(const QString &appId, const QString &userId, bool online)
{
    const QSet<Connection *> watchers = m_watchers.value(appId).value(userId);
    if (watchers.isEmpty())
        return;
    const QString frame = pusherFrame(QStringLiteral("pusher_internal:watchlist_events"),
                                      {{QStringLiteral("events"),
                                        QJsonArray{QJsonObject{{QStringLiteral("name"), online ? QStringLiteral("online") : QStringLiteral("offline")},
                                                               {QStringLiteral("user_ids"), QJsonArray{userId}}}}}});
    for (Connection *watcher : watchers)
        send(watcher, frame);
}

void ChannelHub::clientEvent(Connection *connection, const QString &event, const QJsonObject &message)
{
    const AppInfo *app = m_apps->byId(connection->appId());
    if (!app)
        return;
    const QString channel = message.value(QStringLiteral("channel")).toString();
    if (!app->limits.clientEvents)
        return sendError(connection, QStringLiteral("Client events are not enabled for this app"), 0, channel);
    if (!connection->channels.contains(channel))
        return sendError(connection, QStringLiteral("Client event rejected: not subscribed to %1").arg(channel.left(kDebugDetailsChars)),
                         0, channel);
    const ChannelName name(channel);
    if (!name.needsAuth())
        return sendError(connection, QStringLiteral("Client events are only supported on private and presence channels"), 0, channel);

    const qint64 t = now();
    if (t - connection->clientEventWindowMs >= 1000) {
        connection->clientEventWindowMs = t;
        connection->clientEventsInWindow = 0;
    }
    if (++connection->clientEventsInWindow > app->limits.maxClientEventsPerSecond) {
        const QString why = QStringLiteral("More than %1 client events per second").arg(app->limits.maxClientEventsPerSecond);
        sendError(connection, why, kCloseClientEventRate);
        connection->close(kCloseClientEventRate, why);
        return;
    }
    const QJsonValue data = message.value(QStringLiteral("data"));
    const QString dataText = compactValue(data);
    if (dataText.toUtf8().size() > app->limits.maxEventBytes)
        return sendError(connection, QStringLiteral("Client event data is larger than %1 bytes").arg(app->limits.maxEventBytes), 0,
                         channel);

    QJsonObject frame{{QStringLiteral("event"), event}, {QStringLiteral("channel"), channel}, {QStringLiteral("data"), data}};
    QJsonObject webhook{{QStringLiteral("name"), QStringLiteral("client_event")},
                        {QStringLiteral("channel"), channel},
                        {QStringLiteral("event"), event},
                        {QStringLiteral("data"), dataText},
                        {QStringLiteral("socket_id"), connection->socketId()}};
    if (name.type() == ChannelName::Type::Presence) {
        const QString userId = connection->presenceUserIds.value(channel);
        frame.insert(QStringLiteral("user_id"), userId);
        webhook.insert(QStringLiteral("user_id"), userId);
    }
    publishFrame(app->id, channel, compact(frame), connection->socketId());
    m_lastEvents.insert(channelKey(app->id, channel), LastEvent{QDateTime::currentDateTime(), event});
    m_webhooks->send(*app, webhook);
    debug(DebugEvent::Kind::ClientEvent, app->id, connection->socketId(), channel, event, dataText);
}

void ChannelHub::trigger(const AppInfo &app, const QStringList &channels, const QString &event, const QString &data,
                         const QString &exceptSocketId, const QString &source)
{
    ++m_receivedTotal;
    for (const QString &channel : channels) {
        const QString frame = compact({{QStringLiteral("event"), event}, {QStringLiteral("channel"), channel}, {QStringLiteral("data"), data}});
        const int delivered = publishFrame(app.id, channel, frame, exceptSocketId);
        if (ChannelName(channel).isCache())
            m_adapter->cacheEvent(app.id, channel, frame, kCacheTtlMs);
        if (delivered > 0 || m_adapter->subscriptionCount(app.id, channel) > 0)
            m_lastEvents.insert(channelKey(app.id, channel), LastEvent{QDateTime::currentDateTime(), event});
        debug(DebugEvent::Kind::ApiMessage, app.id, exceptSocketId, channel, event,
              QStringLiteral("%1 (%2, to %3 sockets)").arg(data.left(kDebugDetailsChars), source).arg(delivered));
    }
    markChanged();
}

void ChannelHub::terminateUser(const QString &appId, const QString &userId)
{
    m_adapter->terminateUser(appId, userId);
}

void ChannelHub::terminateLocalUser(const QString &appId, const QString &userId)
{
    const QList<Connection *> connections = m_adapter->userConnections(appId, userId);
    for (Connection *connection : connections) {
        const QString why = QStringLiteral("Connections of user %1 were terminated by the app").arg(userId);
        sendError(connection, why, kCloseUnauthorized);
        connection->close(kCloseUnauthorized, why);
    }
}

void ChannelHub::closeApp(const QString &appId, int code, const QString &reason)
{
    for (Connection *connection : std::as_const(m_connections)) {
        if (connection->appId() != appId)
            continue;
        sendError(connection, reason, code);
        connection->close(code, reason);
    }
}

void ChannelHub::tick()
{
    const qint64 t = now();
    const qint64 activityMs = qint64(m_options.activityTimeoutSeconds) * 1000;
    const qint64 pongMs = qint64(m_options.pongTimeoutSeconds) * 1000;
    for (Connection *connection : std::as_const(m_connections)) {
        if (connection->isClosing())
            continue;
        if (connection->pingSentMs >= 0) {
            if (t - connection->pingSentMs > pongMs)
                connection->close(kClosePongTimeout, QStringLiteral("Pong reply not received in time"));
        } else if (t - connection->lastActivityMs > activityMs) {
            send(connection, pusherFrame(QStringLiteral("pusher:ping"), {}));
            connection->pingSentMs = t;
        }
    }

    const QSet<QString> pending = m_countPending;
    for (const QString &key : pending) {
        if (t - m_countSentAt.value(key) < kCountIntervalMs)
            continue;
        const qsizetype newline = key.indexOf(QLatin1Char('\n'));
        const QString appId = key.left(newline);
        const QString channel = key.mid(newline + 1);
        const AppInfo *app = m_apps->byId(appId);
        const int count = m_adapter->subscriptionCount(appId, channel);
        if (app && count > 0)
            sendSubscriptionCount(*app, channel, count);
        else
            m_countPending.remove(key);
    }

    flushMetrics();
    if ((m_snapshotDirty && t - m_lastSnapshotMs >= kSnapshotMinIntervalMs) || t - m_lastSnapshotMs >= kSnapshotMaxIntervalMs)
        publishSnapshot();
}

void ChannelHub::flushMetrics()
{
    if (!m_metrics)
        return;
    const quint64 sent = m_sentTotal - m_sentFlushed;
    const quint64 received = m_receivedTotal - m_receivedFlushed;
    m_sentFlushed = m_sentTotal;
    m_receivedFlushed = m_receivedTotal;
    if (sent)
        m_metrics->increment(kMessagesSent, {}, sent);
    if (received)
        m_metrics->increment(kMessagesReceived, {}, received);
    m_metrics->addToSeries(kMessagesSeries, double(sent + received));
    for (const AppInfo &app : m_apps->apps())
        m_metrics->setGauge(kConnections, QStringLiteral("app=\"%1\"").arg(app.id), m_connectionsByApp.value(app.id));
    // The series holds one value per second: add only what changed since this second's last record.
    const int total = int(m_connections.size());
    const qint64 second = QDateTime::currentSecsSinceEpoch();
    if (second != m_seriesSecond) {
        m_metrics->addToSeries(kConnectionsSeries, total);
        m_seriesSecond = second;
    } else if (total != m_seriesRecorded) {
        m_metrics->addToSeries(kConnectionsSeries, total - m_seriesRecorded);
    }
    m_seriesRecorded = total;
}

void ChannelHub::publishSnapshot()
{
    m_lastSnapshotMs = now();
    m_snapshotDirty = false;
    m_adapter->setLocalConnections(int(m_connections.size()));
    if (!m_monitor)
        return;
    ChannelsSnapshot snapshot;
    snapshot.takenAt = QDateTime::currentDateTime();
    snapshot.apps = m_apps->apps();
    snapshot.database = m_apps->databaseStatus();
    for (const AppInfo &app : std::as_const(snapshot.apps)) {
        snapshot.connectionsByApp.insert(app.id, m_connectionsByApp.value(app.id));
        const QHash<QString, int> channels = m_adapter->channels(app.id);
        for (auto it = channels.cbegin(); it != channels.cend(); ++it) {
            const ChannelName name(it.key());
            ChannelInfo info;
            info.appId = app.id;
            info.name = it.key();
            info.type = name.typeName();
            info.subscriptions = it.value();
            const LastEvent last = m_lastEvents.value(channelKey(app.id, it.key()));
            info.lastEventAt = last.at;
            info.lastEventName = last.name;
            if (name.type() == ChannelName::Type::Presence) {
                const QList<PresenceMember> members = m_adapter->members(app.id, it.key());
                info.users = int(members.size());
                snapshot.presenceMembers.insert(app.id + QLatin1Char('/') + it.key(), members);
            }
            snapshot.channels.append(info);
        }
    }
    snapshot.messagesSent = m_sentTotal;
    snapshot.messagesReceived = m_receivedTotal;
    snapshot.cluster = m_adapter->clusterStatus();
    m_monitor->publish(snapshot);
}

void ChannelHub::debug(DebugEvent::Kind kind, const QString &appId, const QString &socketId, const QString &channel,
                       const QString &event, const QString &details)
{
    if (!m_monitor)
        return;
    DebugEvent entry;
    entry.time = QDateTime::currentDateTime();
    entry.kind = kind;
    entry.appId = appId;
    entry.socketId = socketId;
    entry.channel = channel;
    entry.event = event;
    entry.details = details.size() > kDebugDetailsChars ? details.left(kDebugDetailsChars) + QStringLiteral("…") : details;
    m_monitor->addDebugEvent(entry);
}

} // namespace homeport::channels
