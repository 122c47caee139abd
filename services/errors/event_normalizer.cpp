#include "event_normalizer.h"

#include "envelope_parser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSet>
#include <QUuid>

namespace homeport::errors {

namespace {

QString normalizeLevel(const QJsonValue &value)
{
    const QString level = value.toString().toLower();
    if (level == QLatin1String("fatal") || level == QLatin1String("error") || level == QLatin1String("warning")
        || level == QLatin1String("info") || level == QLatin1String("debug"))
        return level;
    if (level == QLatin1String("warn"))
        return QStringLiteral("warning");
    if (level == QLatin1String("critical"))
        return QStringLiteral("fatal");
    if (level == QLatin1String("log"))
        return QStringLiteral("info");
    return QStringLiteral("error");
}

// {values: [...]} stays, a bare list becomes {values: list}, a single object {values: [object]}.
QJsonValue valuesContainer(const QJsonValue &value)
{
    if (value.isArray())
        return QJsonObject{{QStringLiteral("values"), value.toArray()}};
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        if (object.contains(QLatin1String("values")))
            return object;
        return QJsonObject{{QStringLiteral("values"), QJsonArray{object}}};
    }
    return QJsonValue::Undefined;
}

QString toIsoUtc(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

// RFC 3339 string or seconds since the epoch (float); the received time when absent or garbage.
QString normalizeTimestamp(const QJsonValue &value, const QDateTime &received)
{
    QDateTime time;
    if (value.isDouble()) {
        time = QDateTime::fromMSecsSinceEpoch(qint64(value.toDouble() * 1000.0), Qt::UTC);
    } else if (value.isString()) {
        time = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
        if (time.isValid() && time.timeSpec() == Qt::LocalTime)
            time.setTimeSpec(Qt::UTC); // RFC 3339 without offset: UTC, as Sentry reads it
    }
    return toIsoUtc(time.isValid() ? time : received);
}

QString formatLogentry(const QString &message, const QJsonArray &params)
{
    // Python's "%s" and "%d" style, the only one SDKs send with params.
    QString out;
    int next = 0;
    for (qsizetype i = 0; i < message.size(); ++i) {
        const QChar c = message.at(i);
        if (c == u'%' && i + 1 < message.size()) {
            const QChar spec = message.at(i + 1);
            if (spec == u'%') {
                out += u'%';
                ++i;
                continue;
            }
            if ((spec == u's' || spec == u'd' || spec == u'r' || spec == u'f') && next < params.size()) {
                const QJsonValue param = params.at(next++);
                out += param.isString() ? param.toString() : param.toVariant().toString();
                ++i;
                continue;
            }
        }
        out += c;
    }
    return out;
}

QString truncated(QString text, int max)
{
    if (text.size() > max)
        text.truncate(max);
    return text;
}

void addTag(QList<QPair<QString, QString>> &tags, QSet<QString> &seen, const QString &key, const QString &value)
{
    if (key.isEmpty() || value.isEmpty() || seen.contains(key))
        return;
    seen.insert(key);
    tags.append({truncated(key, 32 * 4), truncated(value, EventNormalizer::kMaxTagValueLength)});
}

QString scalarText(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble() || value.isBool())
        return value.toVariant().toString();
    return {};
}

} // namespace

NormalizeResult EventNormalizer::normalize(const QByteArray &json, const QString &eventIdFallback,
                                           const QDateTime &received, const QString &clientAddress)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        NormalizeResult result;
        result.error = parseError.error != QJsonParseError::NoError
                           ? QStringLiteral("the event is not valid JSON: %1").arg(parseError.errorString())
                           : QStringLiteral("the event is not a JSON object");
        return result;
    }
    NormalizeResult result = normalize(doc.object(), eventIdFallback, received, clientAddress);
    if (result.ok)
        result.normalized.rawPayload = json;
    return result;
}

QJsonObject EventNormalizer::applyOverrides(const QByteArray &raw, const QByteArray &overrides)
{
    QJsonObject event = QJsonDocument::fromJson(raw).object();
    if (overrides.isEmpty())
        return event;
    const QJsonObject changes = QJsonDocument::fromJson(overrides).object();
    for (auto it = changes.begin(); it != changes.end(); ++it) {
        if (it.value().isNull())
            event.remove(it.key());
        else
            event.insert(it.key(), it.value());
    }
    return event;
}

NormalizeResult EventNormalizer::normalize(QJsonObject event, const QString &eventIdFallback,
                                           const QDateTime &received, const QString &clientAddress)
{
    NormalizeResult result;
    NormalizedEvent &out = result.normalized;
    // Every change goes through set/drop so the stored form can be the raw payload + overrides.
    const auto set = [&event, &out](const QString &key, const QJsonValue &value) {
        event.insert(key, value);
        out.overrides.insert(key, value);
    };
    const auto drop = [&event, &out](const QString &key) {
        event.remove(key);
        out.overrides.insert(key, QJsonValue::Null);
    };

    QString eventId = normalizeEventId(event.value(QLatin1String("event_id")).toString());
    if (eventId.isEmpty())
        eventId = normalizeEventId(eventIdFallback);
    if (eventId.isEmpty())
        eventId = QUuid::createUuid().toString(QUuid::Id128);
    out.eventId = eventId;
    set(QStringLiteral("event_id"), eventId);

    set(QStringLiteral("timestamp"), normalizeTimestamp(event.value(QLatin1String("timestamp")), received));
    set(QStringLiteral("received"), toIsoUtc(received));
    out.level = normalizeLevel(event.value(QLatin1String("level")));
    set(QStringLiteral("level"), out.level);
    if (event.value(QLatin1String("platform")).toString().isEmpty())
        set(QStringLiteral("platform"), QStringLiteral("other"));
    if (event.value(QLatin1String("environment")).toString().isEmpty())
        set(QStringLiteral("environment"), QStringLiteral("production"));

    for (const char *name : {"exception", "breadcrumbs", "threads"}) {
        const QString key = QString::fromLatin1(name);
        if (!event.contains(key))
            continue;
        const QJsonValue value = event.value(key);
        if (value.isObject() && value.toObject().contains(QLatin1String("values")))
            continue; // already in the stored shape
        const QJsonValue container = valuesContainer(value);
        if (container.isUndefined())
            drop(key);
        else
            set(key, container);
    }

    // A bare `message` string (or the legacy object form) becomes logentry.
    QJsonObject logentry = event.value(QLatin1String("logentry")).toObject();
    const QJsonValue message = event.value(QLatin1String("message"));
    if (logentry.isEmpty()) {
        if (message.isString() && !message.toString().isEmpty())
            logentry.insert(QStringLiteral("formatted"), message.toString());
        else if (message.isObject())
            logentry = message.toObject();
    }
    if (!logentry.isEmpty()) {
        if (logentry.value(QLatin1String("formatted")).toString().isEmpty()) {
            const QString pattern = logentry.value(QLatin1String("message")).toString();
            logentry.insert(QStringLiteral("formatted"),
                            formatLogentry(pattern, logentry.value(QLatin1String("params")).toArray()));
        }
        logentry.insert(QStringLiteral("formatted"),
                        truncated(logentry.value(QLatin1String("formatted")).toString(), kMaxMessageLength));
        set(QStringLiteral("logentry"), logentry);
    }

    // The user: fill the "{{auto}}" address, derive the key distinct users are counted by.
    QJsonObject user = event.value(QLatin1String("user")).toObject();
    if (user.value(QLatin1String("ip_address")).toString() == QLatin1String("{{auto}}")) {
        user.insert(QStringLiteral("ip_address"), clientAddress);
        set(QStringLiteral("user"), user);
    }
    for (const char *field : {"id", "email", "username", "ip_address"}) {
        const QString value = scalarText(user.value(QLatin1String(field)));
        if (!value.isEmpty()) {
            out.userKey = QString::fromLatin1(field == QByteArrayView("ip_address") ? "ip" : field) + u':' + value;
            break;
        }
    }

    // Tags: a map or a list of pairs; stored as the list of pairs Sentry's API shows.
    QList<QPair<QString, QString>> tags;
    QSet<QString> seen;
    const QJsonValue rawTags = event.value(QLatin1String("tags"));
    if (rawTags.isObject()) {
        const QJsonObject map = rawTags.toObject();
        for (auto it = map.begin(); it != map.end(); ++it)
            addTag(tags, seen, it.key(), scalarText(it.value()));
    } else if (rawTags.isArray()) {
        for (const QJsonValue &pair : rawTags.toArray()) {
            const QJsonArray kv = pair.toArray();
            if (kv.size() == 2)
                addTag(tags, seen, scalarText(kv.at(0)), scalarText(kv.at(1)));
        }
    }
    QJsonArray storedTags;
    for (const auto &[key, value] : tags)
        storedTags.append(QJsonArray{key, value});
    set(QStringLiteral("tags"), storedTags);

    // Derived tags the issue view summarises, as Sentry shows them.
    const QJsonObject contexts = event.value(QLatin1String("contexts")).toObject();
    addTag(tags, seen, QStringLiteral("level"), out.level);
    addTag(tags, seen, QStringLiteral("environment"), event.value(QLatin1String("environment")).toString());
    addTag(tags, seen, QStringLiteral("release"), scalarText(event.value(QLatin1String("release"))));
    addTag(tags, seen, QStringLiteral("server_name"), scalarText(event.value(QLatin1String("server_name"))));
    addTag(tags, seen, QStringLiteral("transaction"), scalarText(event.value(QLatin1String("transaction"))));
    addTag(tags, seen, QStringLiteral("url"), event.value(QLatin1String("request")).toObject().value(QLatin1String("url")).toString());
    addTag(tags, seen, QStringLiteral("user"), out.userKey);
    for (const char *context : {"runtime", "os", "browser", "device"}) {
        const QJsonObject c = contexts.value(QLatin1String(context)).toObject();
        const QString name = c.value(QLatin1String("name")).toString();
        if (name.isEmpty())
            continue;
        const QString version = scalarText(c.value(QLatin1String("version")));
        addTag(tags, seen, QString::fromLatin1(context), version.isEmpty() ? name : name + u' ' + version);
    }
    out.tags = std::move(tags);

    out.grouping = EventGrouping::compute(event);
    set(QStringLiteral("title"), out.grouping.title);
    set(QStringLiteral("culprit"), out.grouping.culprit);
    set(QStringLiteral("grouping_reason"), out.grouping.reason);
    out.event = std::move(event);
    result.ok = true;
    return result;
}

} // namespace homeport::errors
