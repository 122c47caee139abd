#pragma once
// ErrorsMonitor: the only bridge between the errors service (its own thread) and the console.
// The service publishes a small snapshot (projects, totals) and answers the console's queries
// (issue lists, one issue with its events) asynchronously: the console emits a *Requested signal
// with a request id, the service (connected with Qt::QueuedConnection) answers with the matching
// *Ready signal carrying the same id. Issue data never crosses threads any other way.
// Thread affinity: created in the main thread by app/; publish() and snapshot() may be called
// from any thread (one mutex); signals reach receivers in their own threads.

#include "core/database_status.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QVector>

namespace homeport::errors {

struct ProjectInfo {
    qint64 id = 0;                   // numeric, part of the DSN
    QString name;
    QString platform;                // "node", "python", "php", "javascript", ...
    QStringList keys;                // DSN public keys, [A-Za-z0-9_]
    int eventsPerMinute = 0;         // rate limit, 0: unlimited
    int retentionDays = 90;
    int maxEvents = 100000;          // kept per project; oldest events go first
    QStringList alertWebhooks;       // POSTed on a new issue and on a regression
    bool slackFormat = false;        // Slack-compatible payload for those webhooks
};

enum class IssueStatus { Unresolved, Resolved, Ignored };
QString toString(IssueStatus status);
bool parseIssueStatus(const QString &text, IssueStatus *status);

struct IssueSummary {
    qint64 id = 0;
    qint64 projectId = 0;
    QString title;
    QString culprit;
    QString level;                   // fatal, error, warning, info, debug
    IssueStatus status = IssueStatus::Unresolved;
    QDateTime firstSeen;
    QDateTime lastSeen;
    qint64 count = 0;                // events
    qint64 users = 0;                // distinct users
    QVector<int> last24Hours;        // 24 hourly event counts, oldest first
};

struct IssueQuery {
    qint64 projectId = 0;            // 0: every project
    // Sentry-style search: is:unresolved|resolved|ignored, level:error, key:value tags,
    // anything else is free text over title and culprit.
    QString search;
    QString sortBy = QStringLiteral("last_seen"); // last_seen, first_seen, count, users
    bool descending = true;
    int limit = 500;
};

struct TagSummary {
    QString key;
    QList<QPair<QString, qint64>> topValues; // most frequent first
};

struct IssueDetail {
    IssueSummary summary;
    QString groupingReason;          // why events fell into this issue, e.g. "in-app frames: …"
    QVector<int> last30Days;         // 30 daily event counts, oldest first
    QList<TagSummary> tags;
    QString eventId;                 // the event shown
    QJsonObject event;               // that event in full (exception, stacktrace, breadcrumbs, ...)
    QString previousEventId;         // empty at the ends
    QString nextEventId;
};

struct ErrorsSnapshot {
    QDateTime takenAt;
    QList<ProjectInfo> projects;
    qint64 issues = 0;
    qint64 unresolvedIssues = 0;
    quint64 eventsAccepted = 0;      // since start
    quint64 eventsRejected = 0;      // auth, malformed, too large
    quint64 eventsRateLimited = 0;
    QString dsnHost;                 // "127.0.0.1:8000": a DSN is http://<key>@<dsnHost>/<project id>
    core::DatabaseStatus database;   // [errors] database_url: the shared PostgreSQL's link
};

class ErrorsMonitor : public QObject
{
    Q_OBJECT
public:
    explicit ErrorsMonitor(QObject *parent = nullptr);

    ErrorsSnapshot snapshot() const;
    // Called by the service, from its thread.
    void publish(const ErrorsSnapshot &snapshot);

Q_SIGNALS:
    // To the console.
    void snapshotPublished();
    void issuesChanged();            // new events or status changes: lists may be stale
    void issuesReady(quint64 requestId, const QList<homeport::errors::IssueSummary> &issues);
    void issueReady(quint64 requestId, const homeport::errors::IssueDetail &detail); // id 0: not found

    // To the service (it connects these queued).
    void issuesRequested(quint64 requestId, const homeport::errors::IssueQuery &query);
    void issueRequested(quint64 requestId, qint64 issueId, const QString &eventId); // empty: latest
    void issueStatusRequested(qint64 issueId, homeport::errors::IssueStatus status);
    // id 0 creates a project with a new id and a generated key.
    void saveProjectRequested(const homeport::errors::ProjectInfo &project);
    void deleteProjectRequested(qint64 projectId);

private:
    mutable QMutex m_mutex;
    ErrorsSnapshot m_snapshot;
};

} // namespace homeport::errors

Q_DECLARE_METATYPE(homeport::errors::ProjectInfo)
Q_DECLARE_METATYPE(homeport::errors::IssueStatus)
Q_DECLARE_METATYPE(homeport::errors::IssueSummary)
Q_DECLARE_METATYPE(homeport::errors::IssueQuery)
Q_DECLARE_METATYPE(homeport::errors::IssueDetail)
