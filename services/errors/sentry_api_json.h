#pragma once
// SentryApiJson: issues, events and projects rendered in the JSON shapes of Sentry's (and
// GlitchTip's) REST API, so scripts written against those work against Homeport.
// Thread affinity: none (pure functions over values).

#include "errors_monitor.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace homeport::errors {

struct StoredItem;

class SentryApiJson
{
public:
    // "My App" -> "my-app"; an empty result falls back to the project id.
    static QString projectSlug(const ProjectInfo &project);

    static QJsonObject project(const ProjectInfo &project, const QString &dsnHost);
    static QJsonObject issue(const IssueSummary &issue, const ProjectInfo &project, const QString &permalink);
    // The issue endpoint adds tags, the 30-day histogram and the grouping reason.
    static QJsonObject issueDetail(const IssueDetail &detail, const ProjectInfo &project, const QString &permalink);
    // full: the whole event with its entries (exception, breadcrumbs, request, message);
    // otherwise the short form Sentry lists events with.
    static QJsonObject event(const QJsonObject &stored, qint64 issueId, const ProjectInfo &project, bool full);
    // One entry of an event's attachment list (Sentry's EventAttachment shape).
    static QJsonObject attachment(const StoredItem &item);
};

} // namespace homeport::errors
