#include "rest_api.h"

#include "app_store.h"
#include "channel_hub.h"
#include "channel_name.h"
#include "channels_adapter.h"
#include "pusher_signatures.h"

#include "http/http_server.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <memory>

namespace homeport::channels {

namespace {

// A validated event of a trigger or batch request.
struct EventRequest
{
    QString name;
    QString data;
    QStringList channels;
    QString socketId;
    QStringList info;
};

struct ApiError
{
    int status = 0;
    QString message;
};

QString dataText(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    return {};
}

QStringList splitInfo(const QString &info)
{
    QStringList attributes;
    for (const QString &part : info.split(QLatin1Char(','), Qt::SkipEmptyParts))
        attributes.append(part.trimmed());
    return attributes;
}

ApiError parseEvent(const QJsonObject &object, const AppInfo &app, bool single, EventRequest *out)
{
    out->name = object.value(QStringLiteral("name")).toString();
    if (out->name.isEmpty())
        return {400, QStringLiteral("name is required")};
    if (out->name.size() > RestApi::kMaxEventNameLength)
        return {400, QStringLiteral("name is longer than %1 characters").arg(RestApi::kMaxEventNameLength)};
    const QJsonValue data = object.value(QStringLiteral("data"));
    if (!data.isString() && !data.isObject() && !data.isArray())
        return {400, QStringLiteral("data is required and must be a string")};
    out->data = dataText(data);
    if (out->data.toUtf8().size() > app.limits.maxEventBytes)
        return {413, QStringLiteral("data is larger than %1 bytes").arg(app.limits.maxEventBytes)};

    if (object.contains(QStringLiteral("channels")) && single) {
        const QJsonArray channels = object.value(QStringLiteral("channels")).toArray();
        for (const QJsonValue &channel : channels)
            out->channels.append(channel.toString());
    } else if (object.value(QStringLiteral("channel")).isString()) {
        out->channels.append(object.value(QStringLiteral("channel")).toString());
    }
    if (out->channels.isEmpty())
        return {400, single ? QStringLiteral("channels (or channel) is required") : QStringLiteral("channel is required")};
    if (out->channels.size() > RestApi::kMaxChannelsPerEvent)
        return {400, QStringLiteral("at most %1 channels per event").arg(RestApi::kMaxChannelsPerEvent)};
    for (const QString &channel : std::as_const(out->channels))
        if (const QString invalid = ChannelName::validate(channel, app.limits.maxChannelNameLength); !invalid.isEmpty())
            return {400, QStringLiteral("%1: %2").arg(channel.left(200), invalid)};

    const QJsonValue socketId = object.value(QStringLiteral("socket_id"));
    if (!socketId.isUndefined() && !socketId.isNull()) {
        static const QRegularExpression pattern(QStringLiteral("^\\d+\\.\\d+$"));
        out->socketId = socketId.toString();
        if (!pattern.match(out->socketId).hasMatch())
            return {400, QStringLiteral("socket_id must look like 123.456")};
    }
    out->info = splitInfo(object.value(QStringLiteral("info")).toString());
    for (const QString &attribute : std::as_const(out->info)) {
        if (attribute == QLatin1String("user_count")) {
            for (const QString &channel : std::as_const(out->channels))
                if (ChannelName(channel).type() != ChannelName::Type::Presence)
                    return {400, QStringLiteral("info=user_count applies to presence channels only (%1)").arg(channel)};
        } else if (attribute != QLatin1String("subscription_count")) {
            return {400, QStringLiteral("unknown info attribute %1").arg(attribute)};
        }
    }
    return {};
}

QJsonObject channelAttributes(const ChannelsAdapter::ChannelState &state, const QStringList &info)
{
    QJsonObject attributes;
    if (info.contains(QLatin1String("user_count")))
        attributes.insert(QStringLiteral("user_count"), int(state.members.size()));
    if (info.contains(QLatin1String("subscription_count")))
        attributes.insert(QStringLiteral("subscription_count"), state.subscriptionCount);
    return attributes;
}

// Asks the adapter for each channel's state (cluster-wide, so possibly asynchronously) and calls
// done with them in order once all have answered.
void channelStates(ChannelsAdapter *adapter, const QString &appId, const QStringList &channels,
                   std::function<void(const QList<ChannelsAdapter::ChannelState> &)> done)
{
    struct Pending
    {
        QList<ChannelsAdapter::ChannelState> states;
        qsizetype missing = 0;
        std::function<void(const QList<ChannelsAdapter::ChannelState> &)> done;
    };
    auto pending = std::make_shared<Pending>();
    pending->states.resize(channels.size());
    pending->missing = channels.size();
    pending->done = std::move(done);
    if (channels.isEmpty())
        return pending->done(pending->states);
    for (qsizetype i = 0; i < channels.size(); ++i)
        adapter->channelState(appId, channels.at(i), [pending, i](const ChannelsAdapter::ChannelState &state) {
            pending->states[i] = state;
            if (--pending->missing == 0)
                pending->done(pending->states);
        });
}

void sendJson(http::Responder &responder, const QJsonObject &object)
{
    responder.send(http::Response::json(200, QJsonDocument(object).toJson(QJsonDocument::Compact)));
}

} // namespace

RestApi::RestApi(AppStore *apps, ChannelHub *hub)
    : m_apps(apps), m_hub(hub)
{
    m_clock.start();
}

void RestApi::addRoutes(http::HttpServer &server)
{
    const auto bind = [this](void (RestApi::*handler)(const http::Request &, http::Responder &)) {
        return [this, handler](const http::Request &request, http::Responder &responder) { (this->*handler)(request, responder); };
    };
    server.route("POST", QStringLiteral("/apps/{id}/events"), bind(&RestApi::events)).body(http::BodyPolicy::memory(kMaxBodyBytes));
    server.route("POST", QStringLiteral("/apps/{id}/batch_events"), bind(&RestApi::batchEvents))
        .body(http::BodyPolicy::memory(kMaxBodyBytes));
    server.route("GET", QStringLiteral("/apps/{id}/channels"), bind(&RestApi::channels));
    server.route("GET", QStringLiteral("/apps/{id}/channels/{name}/users"), bind(&RestApi::users));
    server.route("GET", QStringLiteral("/apps/{id}/channels/{name}"), bind(&RestApi::channel));
    server.route("POST", QStringLiteral("/apps/{id}/users/{user}/terminate_connections"), bind(&RestApi::terminate))
        .body(http::BodyPolicy::memory(kMaxBodyBytes));
}

QString RestApi::verifySignature(const http::Request &request, const AppInfo &app, qint64 nowSeconds)
{
    // Parsed here rather than from queryItems(): the signature covers values with '+' kept.
    QList<QPair<QString, QString>> params;
    QString key, timestamp, signature, bodyMd5;
    for (const QByteArray &pair : request.rawQuery().split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype equals = pair.indexOf('=');
        const QString name = http::decodeComponent(pair.left(equals < 0 ? pair.size() : equals));
        const QString value = equals < 0 ? QString() : http::decodeComponent(pair.mid(equals + 1));
        params.append({name, value});
        const QString lower = name.toLower();
        if (lower == QLatin1String("auth_key"))
            key = value;
        else if (lower == QLatin1String("auth_timestamp"))
            timestamp = value;
        else if (lower == QLatin1String("auth_signature"))
            signature = value;
        else if (lower == QLatin1String("body_md5"))
            bodyMd5 = value;
    }
    if (key.isEmpty() || timestamp.isEmpty() || signature.isEmpty())
        return QStringLiteral("auth_key, auth_timestamp and auth_signature are required");
    if (key != app.key)
        return QStringLiteral("auth_key %1 does not belong to app %2").arg(key, app.id);
    bool numeric = false;
    const qint64 seconds = timestamp.toLongLong(&numeric);
    if (!numeric || qAbs(nowSeconds - seconds) > kTimestampWindowSeconds)
        return QStringLiteral("auth_timestamp must be within %1 seconds of the server's time (%2)")
            .arg(kTimestampWindowSeconds)
            .arg(nowSeconds);
    if (!request.body().isEmpty()
        && bodyMd5 != QString::fromLatin1(QCryptographicHash::hash(request.body(), QCryptographicHash::Md5).toHex()))
        return QStringLiteral("body_md5 does not match the body");
    const QByteArray expected = restSignature(app.secret, request.method(), request.path(), params);
    if (!signaturesEqual(signature.toLatin1(), expected)
        && !signaturesEqual(signature.toLatin1(), restSignature(app.secret, request.method(), QString::fromUtf8(request.rawPath()), params)))
        return QStringLiteral("Invalid signature: expected HMAC SHA256 hex digest of %1")
            .arg(QString::fromUtf8(restStringToSign(request.method(), request.path(), params)).replace(QLatin1Char('\n'), QLatin1String("\\n")));
    return {};
}

const AppInfo *RestApi::authenticate(const http::Request &request, http::Responder &responder)
{
    const AppInfo *app = m_apps->byId(request.capture(QStringLiteral("id")));
    if (!app) {
        responder.sendError(404, QStringLiteral("Unknown app %1").arg(request.capture(QStringLiteral("id"))));
        return nullptr;
    }
    if (const QString error = verifySignature(request, *app, QDateTime::currentSecsSinceEpoch()); !error.isEmpty()) {
        responder.sendError(401, error);
        return nullptr;
    }
    if (!app->enabled) {
        responder.sendError(403, QStringLiteral("App %1 is disabled").arg(app->id));
        return nullptr;
    }
    return app;
}

bool RestApi::withinRate(const AppInfo &app)
{
    if (app.limits.maxBackendEventsPerSecond <= 0)
        return true;
    RateWindow &window = m_rates[app.id];
    const qint64 t = m_clock.elapsed();
    if (t - window.startMs >= 1000)
        window = RateWindow{t, 0};
    return ++window.count <= app.limits.maxBackendEventsPerSecond;
}

void RestApi::events(const http::Request &request, http::Responder &responder)
{
    const AppInfo *app = authenticate(request, responder);
    if (!app)
        return;
    const QJsonDocument document = QJsonDocument::fromJson(request.body());
    if (!document.isObject())
        return responder.sendError(400, QStringLiteral("the body must be a JSON object"));
    EventRequest event;
    if (const ApiError error = parseEvent(document.object(), *app, true, &event); error.status)
        return responder.sendError(error.status, error.message);
    if (!withinRate(*app))
        return responder.sendError(403, QStringLiteral("App %1 is over its quota of %2 events per second")
                                            .arg(app->id)
                                            .arg(app->limits.maxBackendEventsPerSecond));
    m_hub->trigger(*app, event.channels, event.name, event.data, event.socketId, QStringLiteral("REST"));
    if (event.info.isEmpty())
        return sendJson(responder, {});
    channelStates(m_hub->adapter(), app->id, event.channels,
                  [responder, event](const QList<ChannelsAdapter::ChannelState> &states) mutable {
                      QJsonObject channels;
                      for (qsizetype i = 0; i < states.size(); ++i)
                          channels.insert(event.channels.at(i), channelAttributes(states.at(i), event.info));
                      sendJson(responder, {{QStringLiteral("channels"), channels}});
                  });
}

void RestApi::batchEvents(const http::Request &request, http::Responder &responder)
{
    const AppInfo *app = authenticate(request, responder);
    if (!app)
        return;
    const QJsonArray batch = QJsonDocument::fromJson(request.body()).object().value(QStringLiteral("batch")).toArray();
    if (batch.isEmpty())
        return responder.sendError(400, QStringLiteral("batch must be a non-empty array of events"));
    if (batch.size() > kMaxBatchEvents)
        return responder.sendError(400, QStringLiteral("at most %1 events per batch").arg(kMaxBatchEvents));
    QList<EventRequest> events;
    for (const QJsonValue &value : batch) {
        EventRequest event;
        if (const ApiError error = parseEvent(value.toObject(), *app, false, &event); error.status)
            return responder.sendError(error.status, QStringLiteral("batch[%1]: %2").arg(events.size()).arg(error.message));
        events.append(event);
    }
    for (qsizetype i = 0; i < events.size(); ++i)
        if (!withinRate(*app))
            return responder.sendError(403, QStringLiteral("App %1 is over its quota of %2 events per second")
                                                .arg(app->id)
                                                .arg(app->limits.maxBackendEventsPerSecond));
    bool anyInfo = false;
    QStringList firstChannels;
    for (const EventRequest &event : std::as_const(events)) {
        m_hub->trigger(*app, event.channels, event.name, event.data, event.socketId, QStringLiteral("REST batch"));
        anyInfo = anyInfo || !event.info.isEmpty();
        firstChannels.append(event.channels.first());
    }
    if (!anyInfo)
        return sendJson(responder, {});
    channelStates(m_hub->adapter(), app->id, firstChannels,
                  [responder, events](const QList<ChannelsAdapter::ChannelState> &states) mutable {
                      QJsonArray attributes;
                      for (qsizetype i = 0; i < states.size(); ++i)
                          attributes.append(channelAttributes(states.at(i), events.at(i).info));
                      sendJson(responder, {{QStringLiteral("batch"), attributes}});
                  });
}

void RestApi::channels(const http::Request &request, http::Responder &responder)
{
    const AppInfo *app = authenticate(request, responder);
    if (!app)
        return;
    const QString prefix = request.queryValue(QStringLiteral("filter_by_prefix"));
    const QStringList info = splitInfo(request.queryValue(QStringLiteral("info")));
    for (const QString &attribute : info) {
        if (attribute == QLatin1String("user_count") && !prefix.startsWith(QLatin1String("presence-")))
            return responder.sendError(400, QStringLiteral("info=user_count needs filter_by_prefix=presence-"));
        if (attribute != QLatin1String("user_count") && attribute != QLatin1String("subscription_count"))
            return responder.sendError(400, QStringLiteral("unknown info attribute %1").arg(attribute));
    }
    m_hub->adapter()->occupiedChannels(
        app->id, [responder, prefix, info](const QHash<QString, ChannelsAdapter::ChannelCounts> &occupied) mutable {
            QJsonObject channels;
            for (auto it = occupied.cbegin(); it != occupied.cend(); ++it) {
                if (!it.key().startsWith(prefix))
                    continue;
                QJsonObject attributes;
                if (info.contains(QLatin1String("user_count")))
                    attributes.insert(QStringLiteral("user_count"), it->users);
                if (info.contains(QLatin1String("subscription_count")))
                    attributes.insert(QStringLiteral("subscription_count"), it->subscriptions);
                channels.insert(it.key(), attributes);
            }
            sendJson(responder, {{QStringLiteral("channels"), channels}});
        });
}

void RestApi::channel(const http::Request &request, http::Responder &responder)
{
    const AppInfo *app = authenticate(request, responder);
    if (!app)
        return;
    const QString channel = request.capture(QStringLiteral("name"));
    if (const QString invalid = ChannelName::validate(channel, app->limits.maxChannelNameLength); !invalid.isEmpty())
        return responder.sendError(400, invalid);
    const ChannelName name(channel);
    const QStringList info = splitInfo(request.queryValue(QStringLiteral("info")));
    for (const QString &attribute : info) {
        if (attribute == QLatin1String("user_count") && name.type() != ChannelName::Type::Presence)
            return responder.sendError(400, QStringLiteral("info=user_count applies to presence channels only"));
        if (attribute == QLatin1String("cache") && !name.isCache())
            return responder.sendError(400, QStringLiteral("info=cache applies to cache channels only"));
        if (attribute != QLatin1String("user_count") && attribute != QLatin1String("subscription_count")
            && attribute != QLatin1String("cache"))
            return responder.sendError(400, QStringLiteral("unknown info attribute %1").arg(attribute));
    }
    m_hub->adapter()->channelState(app->id, channel, [responder, info](const ChannelsAdapter::ChannelState &state) mutable {
        QJsonObject result = channelAttributes(state, info);
        result.insert(QStringLiteral("occupied"), state.subscriptionCount > 0);
        if (info.contains(QLatin1String("cache")) && state.cachedFrame) {
            const QJsonObject event = QJsonDocument::fromJson(state.cachedFrame->toUtf8()).object();
            result.insert(QStringLiteral("cache"),
                          QJsonObject{{QStringLiteral("event"), event.value(QStringLiteral("event"))},
                                      {QStringLiteral("data"), event.value(QStringLiteral("data"))},
                                      {QStringLiteral("ttl"), state.cacheTtlSeconds}});
        }
        sendJson(responder, result);
    });
}

void RestApi::users(const http::Request &request, http::Responder &responder)
{
    const AppInfo *app = authenticate(request, responder);
    if (!app)
        return;
    const QString channel = request.capture(QStringLiteral("name"));
    if (ChannelName(channel).type() != ChannelName::Type::Presence)
        return responder.sendError(400, QStringLiteral("users can only be listed on presence channels"));
    m_hub->adapter()->channelState(app->id, channel, [responder](const ChannelsAdapter::ChannelState &state) mutable {
        QJsonArray users;
        for (const PresenceMember &member : state.members)
            users.append(QJsonObject{{QStringLiteral("id"), member.userId}});
        sendJson(responder, {{QStringLiteral("users"), users}});
    });
}

void RestApi::terminate(const http::Request &request, http::Responder &responder)
{
    const AppInfo *app = authenticate(request, responder);
    if (!app)
        return;
    m_hub->terminateUser(app->id, request.capture(QStringLiteral("user")));
    sendJson(responder, {});
}

} // namespace homeport::channels
