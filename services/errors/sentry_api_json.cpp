#include "sentry_api_json.h"

#include "error_store.h"

#include <QDateTime>

namespace homeport::errors {

namespace {

QString iso(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QJsonObject projectRef(const ProjectInfo &project)
{
    return QJsonObject{{QStringLiteral("id"), QString::number(project.id)},
                       {QStringLiteral("name"), project.name},
                       {QStringLiteral("slug"), SentryApiJson::projectSlug(project)},
                       {QStringLiteral("platform"), project.platform}};
}

QString substatus(const IssueSummary &issue)
{
    switch (issue.status) {
    case IssueStatus::Ignored:
        return QStringLiteral("archived_forever");
    case IssueStatus::Resolved:
        return QString();
    case IssueStatus::Unresolved:
        break;
    }
    return issue.count <= 1 ? QStringLiteral("new") : QStringLiteral("ongoing");
}

QJsonArray tagPairs(const QJsonObject &stored)
{
    QJsonArray out;
    for (const QJsonValue &pair : stored.value(QLatin1String("tags")).toArray()) {
        const QJsonArray kv = pair.toArray();
        out.append(QJsonObject{{QStringLiteral("key"), kv.at(0).toString()}, {QStringLiteral("value"), kv.at(1).toString()}});
    }
    for (const char *derived : {"environment", "level", "release"}) {
        const QString value = stored.value(QLatin1String(derived)).toString();
        if (!value.isEmpty())
            out.append(QJsonObject{{QStringLiteral("key"), QString::fromLatin1(derived)}, {QStringLiteral("value"), value}});
    }
    return out;
}

} // namespace

QString SentryApiJson::projectSlug(const ProjectInfo &project)
{
    QString slug;
    bool dash = false;
    for (QChar c : project.name.toLower()) {
        if ((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'_') {
            if (dash && !slug.isEmpty())
                slug += u'-';
            slug += c;
            dash = false;
        } else {
            dash = true;
        }
    }
    return slug.isEmpty() ? QString::number(project.id) : slug;
}

QJsonObject SentryApiJson::project(const ProjectInfo &project, const QString &dsnHost)
{
    QJsonObject out = projectRef(project);
    QJsonArray keys;
    for (const QString &key : project.keys) {
        const QString dsn = QStringLiteral("http://%1@%2/%3").arg(key, dsnHost).arg(project.id);
        keys.append(QJsonObject{{QStringLiteral("public"), key}, {QStringLiteral("dsn"), QJsonObject{{QStringLiteral("public"), dsn}}}});
    }
    out.insert(QStringLiteral("keys"), keys);
    out.insert(QStringLiteral("rateLimit"), QJsonObject{{QStringLiteral("window"), 60}, {QStringLiteral("count"), project.eventsPerMinute}});
    out.insert(QStringLiteral("retentionDays"), project.retentionDays);
    out.insert(QStringLiteral("maxEvents"), project.maxEvents);
    return out;
}

QJsonObject SentryApiJson::issue(const IssueSummary &issue, const ProjectInfo &project, const QString &permalink)
{
    QJsonArray stats;
    const qint64 currentHour = QDateTime::currentSecsSinceEpoch() / 3600;
    for (int i = 0; i < issue.last24Hours.size(); ++i)
        stats.append(QJsonArray{(currentHour - 23 + i) * 3600, issue.last24Hours.at(i)});
    const QString slug = projectSlug(project);
    return QJsonObject{
        {QStringLiteral("id"), QString::number(issue.id)},
        {QStringLiteral("shortId"), QStringLiteral("%1-%2").arg(slug.toUpper()).arg(issue.id)},
        {QStringLiteral("title"), issue.title},
        {QStringLiteral("culprit"), issue.culprit},
        {QStringLiteral("permalink"), permalink},
        {QStringLiteral("level"), issue.level},
        {QStringLiteral("status"), toString(issue.status)},
        {QStringLiteral("substatus"), substatus(issue)},
        {QStringLiteral("statusDetails"), QJsonObject{}},
        {QStringLiteral("platform"), project.platform},
        {QStringLiteral("project"), projectRef(project)},
        {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("title"), issue.title}}},
        {QStringLiteral("count"), QString::number(issue.count)},
        {QStringLiteral("userCount"), issue.users},
        {QStringLiteral("firstSeen"), iso(issue.firstSeen)},
        {QStringLiteral("lastSeen"), iso(issue.lastSeen)},
        {QStringLiteral("stats"), QJsonObject{{QStringLiteral("24h"), stats}}},
        {QStringLiteral("isPublic"), false},
        {QStringLiteral("numComments"), 0},
        {QStringLiteral("assignedTo"), QJsonValue::Null},
    };
}

QJsonObject SentryApiJson::issueDetail(const IssueDetail &detail, const ProjectInfo &project, const QString &permalink)
{
    QJsonObject out = issue(detail.summary, project, permalink);
    QJsonArray tags;
    for (const TagSummary &tag : detail.tags) {
        QJsonArray top;
        qint64 total = 0;
        for (const auto &[value, count] : tag.topValues) {
            top.append(QJsonObject{{QStringLiteral("value"), value}, {QStringLiteral("name"), value}, {QStringLiteral("count"), count}});
            total += count;
        }
        tags.append(QJsonObject{{QStringLiteral("key"), tag.key}, {QStringLiteral("name"), tag.key},
                                {QStringLiteral("totalValues"), total}, {QStringLiteral("topValues"), top}});
    }
    out.insert(QStringLiteral("tags"), tags);
    QJsonArray days;
    const qint64 today = QDateTime::currentSecsSinceEpoch() / 86400;
    for (int i = 0; i < detail.last30Days.size(); ++i)
        days.append(QJsonArray{(today - 29 + i) * 86400, detail.last30Days.at(i)});
    QJsonObject stats = out.value(QLatin1String("stats")).toObject();
    stats.insert(QStringLiteral("30d"), days);
    out.insert(QStringLiteral("stats"), stats);
    out.insert(QStringLiteral("groupingReason"), detail.groupingReason);
    return out;
}

QJsonObject SentryApiJson::event(const QJsonObject &stored, qint64 issueId, const ProjectInfo &project, bool full)
{
    const QString eventId = stored.value(QLatin1String("event_id")).toString();
    const QString message = stored.value(QLatin1String("logentry")).toObject().value(QLatin1String("formatted")).toString();
    QJsonObject out{
        {QStringLiteral("id"), eventId},
        {QStringLiteral("eventID"), eventId},
        {QStringLiteral("groupID"), QString::number(issueId)},
        {QStringLiteral("projectID"), QString::number(project.id)},
        {QStringLiteral("title"), stored.value(QLatin1String("title"))},
        {QStringLiteral("message"), message},
        {QStringLiteral("culprit"), stored.value(QLatin1String("culprit"))},
        {QStringLiteral("platform"), stored.value(QLatin1String("platform"))},
        {QStringLiteral("dateCreated"), stored.value(QLatin1String("timestamp"))},
        {QStringLiteral("dateReceived"), stored.value(QLatin1String("received"))},
        {QStringLiteral("tags"), tagPairs(stored)},
        {QStringLiteral("user"), stored.contains(QLatin1String("user")) ? stored.value(QLatin1String("user")) : QJsonValue::Null},
    };
    if (!full)
        return out;

    QJsonArray entries;
    const auto addEntry = [&](const char *type, const QJsonValue &data) {
        if (!data.isUndefined() && !data.isNull())
            entries.append(QJsonObject{{QStringLiteral("type"), QString::fromLatin1(type)}, {QStringLiteral("data"), data}});
    };
    addEntry("exception", stored.value(QLatin1String("exception")));
    addEntry("threads", stored.value(QLatin1String("threads")));
    if (stored.contains(QLatin1String("stacktrace")))
        addEntry("stacktrace", stored.value(QLatin1String("stacktrace")));
    addEntry("breadcrumbs", stored.value(QLatin1String("breadcrumbs")));
    addEntry("request", stored.value(QLatin1String("request")));
    if (stored.contains(QLatin1String("logentry")))
        addEntry("message", stored.value(QLatin1String("logentry")));
    out.insert(QStringLiteral("entries"), entries);
    for (const char *field : {"contexts", "sdk", "release", "dist", "environment", "level", "logger", "transaction",
                              "server_name", "fingerprint", "extra", "modules", "grouping_reason"}) {
        const QJsonValue value = stored.value(QLatin1String(field));
        if (!value.isUndefined())
            out.insert(field == QByteArrayView("grouping_reason") ? QStringLiteral("groupingReason") : QString::fromLatin1(field), value);
    }
    // The stored event as received (normalised), for anything the shapes above leave out.
    out.insert(QStringLiteral("raw"), stored);
    return out;
}

QJsonObject SentryApiJson::attachment(const StoredItem &item)
{
    const QString contentType = item.headers.value(QLatin1String("content_type")).toString();
    const QString mimetype = contentType.isEmpty() ? QStringLiteral("application/octet-stream") : contentType;
    QString type = item.headers.value(QLatin1String("attachment_type")).toString();
    if (type.isEmpty())
        type = QStringLiteral("event.attachment");
    return QJsonObject{
        {QStringLiteral("id"), QString::number(item.id)},
        {QStringLiteral("event_id"), item.eventId},
        {QStringLiteral("type"), type},
        {QStringLiteral("name"), item.headers.value(QLatin1String("filename")).toString()},
        {QStringLiteral("mimetype"), mimetype},
        {QStringLiteral("size"), item.size},
        {QStringLiteral("dateCreated"), QDateTime::fromMSecsSinceEpoch(item.receivedMs, Qt::UTC).toString(Qt::ISODateWithMs)},
        {QStringLiteral("headers"), QJsonObject{{QStringLiteral("Content-Type"), mimetype}}},
        {QStringLiteral("sha1"), QJsonValue::Null},
    };
}

} // namespace homeport::errors
