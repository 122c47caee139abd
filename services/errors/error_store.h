#pragma once
// ErrorStore: everything the errors service keeps (projects, issues, events, envelope items),
// behind a small interface so a PostgreSQL store can replace SQLite (design.md, decision 7).
// A batch of events is written in one transaction; the service acknowledges an event only after
// ingest() returned true, so an acknowledged event survives a crash.
// Thread affinity: an implementation lives in the thread that opened it (QtSql connections are
// per thread); every call comes from that thread.

#include "errors_monitor.h"
#include "event_normalizer.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

class QIODevice;

namespace homeport::core {
class Metrics;
class PostgresDatabase;
}

namespace homeport::errors {

struct IncomingEvent {
    qint64 projectId = 0;
    qint64 receivedMs = 0;
    NormalizedEvent event;
};

// A non-event envelope item: counted per project and type, its payload kept when keepPayload
// (payloads over ErrorStore::kMaxInlinePayloadBytes go to a file of their own).
struct IncomingItem {
    qint64 projectId = 0;
    qint64 receivedMs = 0;
    QString type;
    QString eventId;                // the envelope's event, when the item belongs to one
    QJsonObject headers;
    QByteArray payload;
    bool keepPayload = false;
};

// A kept item of one event (attachments, user reports...), as listed by the REST API.
struct StoredItem {
    qint64 id = 0;
    QString type;
    QString eventId;
    QJsonObject headers;   // the item header: filename, content_type, attachment_type
    qint64 size = 0;
    qint64 receivedMs = 0;
};

struct IngestOutcome {
    bool duplicate = false;         // the event_id was already stored for this project
    qint64 issueId = 0;
    bool newIssue = false;
    bool regression = false;        // a resolved issue got a new event and was reopened
};

struct StoreTotals {
    qint64 issues = 0;
    qint64 unresolvedIssues = 0;
};

class ErrorStore
{
public:
    // Kept payloads up to this size live in their item row; larger ones (attachments) in files
    // (SQLite) or in rows of kBlobChunkBytes each (PostgreSQL: one statement never carries more).
    static constexpr qint64 kMaxInlinePayloadBytes = 1024 * 1024;
    static constexpr qint64 kBlobChunkBytes = 2 * 1024 * 1024;

    virtual ~ErrorStore() = default;

    virtual bool open(QString *error) = 0;
    virtual void close() = 0;
    // The PostgreSQL link of a store shared by several nodes (its state, reconnects and the
    // notifications of other nodes' project changes); null for a node's own SQLite file.
    virtual core::PostgresDatabase *sharedDatabase() { return nullptr; }

    virtual QList<ProjectInfo> projects() = 0;
    // id 0 inserts with the next free id (written back; on PostgreSQL from a sequence, distinct
    // across nodes); otherwise inserts or replaces that id. On PostgreSQL a save or delete tells
    // the other nodes (sharedDatabase()->notified).
    virtual bool saveProject(ProjectInfo *project, QString *error) = 0;
    // Stores `project` as saveProject() does, but only when there is no project at all: the
    // default project at a store's first start, which nodes sharing one database may reach at
    // the same moment (one creates it, the others find it). *created says which happened.
    virtual bool createFirstProject(ProjectInfo *project, bool *created, QString *error) = 0;
    // Also removes the project's issues, events and items.
    virtual bool deleteProject(qint64 projectId, QString *error) = 0;
    // Removes one issue with its events and their items (attachment files and blobs too).
    // False with `error` empty when there is no such issue.
    virtual bool deleteIssue(qint64 issueId, QString *error) = 0;

    // One transaction for the whole batch; outcomes has one entry per event, in order.
    virtual bool ingest(const QList<IncomingEvent> &events, const QList<IncomingItem> &items,
                        QList<IngestOutcome> *outcomes, QString *error) = 0;

    virtual QList<IssueSummary> issues(const IssueQuery &query, qint64 nowMs) = 0;
    // eventId empty: the latest event. nullopt when the issue (or that event of it) is unknown.
    virtual std::optional<IssueDetail> issue(qint64 issueId, const QString &eventId, qint64 nowMs) = 0;
    virtual std::optional<IssueSummary> issueSummary(qint64 issueId) = 0;
    virtual bool setIssueStatus(qint64 issueId, IssueStatus status, QString *error) = 0;
    // Sentry's bulk update of one project's issues: `ids` (empty: every issue of the project),
    // only those whose status is `onlyStatus` when given. When an id is not an issue of the
    // project nothing changes (as Sentry does). Returns the issues changed, -1 on error.
    virtual qint64 setIssuesStatus(qint64 projectId, const QList<qint64> &ids, std::optional<IssueStatus> onlyStatus,
                                   IssueStatus status, QString *error) = 0;
    // Newest first.
    virtual QList<QJsonObject> issueEvents(qint64 issueId, int limit, int offset) = 0;
    // oldest: the first event instead of the latest.
    virtual std::optional<QJsonObject> issueEdgeEvent(qint64 issueId, bool oldest) = 0;
    virtual std::optional<QJsonObject> event(qint64 projectId, const QString &eventId) = 0;
    // The issue an event belongs to, 0 when unknown.
    virtual qint64 issueOfEvent(qint64 projectId, const QString &eventId) = 0;
    virtual qint64 itemCount(qint64 projectId, const QString &type) = 0;
    // The kept items of one event of type `type` (empty: any), oldest first.
    virtual QList<StoredItem> eventItems(qint64 projectId, const QString &eventId, const QString &type) = 0;
    // A kept item's payload, from the database or its file; nullopt when unknown or unreadable.
    virtual std::optional<QByteArray> itemPayload(qint64 projectId, qint64 itemId) = 0;
    // The same as a random-access device open for reading, of *size bytes, which holds at most
    // one chunk of a large payload at a time; null when unknown or unreadable. The device reads
    // through this store's connection, so it must be read in this store's thread; once the store
    // is closed its reads fail.
    virtual std::unique_ptr<QIODevice> openItemPayload(qint64 projectId, qint64 itemId, qint64 *size) = 0;

    virtual StoreTotals totals() = 0;
    virtual qint64 eventCount(qint64 projectId) = 0;
    // Retention: removes events older than each project's retentionDays and beyond its
    // maxEvents, issues left without events, and histogram buckets past 30 days.
    // `capDays` > 0 ([errors] retention_days) also removes events older than that in every
    // project, whatever the project keeps. Returns the number of events removed.
    virtual qint64 sweep(qint64 nowMs, int capDays = 0) = 0;
};

} // namespace homeport::errors
