#pragma once
// SqliteErrorStore: the ErrorStore in one SQLite file (WAL) through QtSql, or in a PostgreSQL
// database shared by several nodes (QPSQL through core::PostgresDatabase, which migrates the
// schema, watches the link and reconnects; the same statements but for a few dialect ones). On
// PostgreSQL, ingest batches take an advisory lock, issues are created with ON CONFLICT DO
// NOTHING then read, counters are added to in place, and no issue is cached between batches.
// Issue counters, distinct users, tag counts and hourly buckets are updated in the same
// transaction as the event rows, so what the dashboard and the REST API read is always current.
// Thread affinity: the thread that called open(); QtSql connections must not cross threads.

#include "error_store.h"

#include <QSqlDatabase>
#include <QHash>
#include <QPair>
#include <QSqlQuery>
#include <QUrl>

#include <memory>

namespace homeport::errors {

class SqliteErrorStore final : public ErrorStore
{
public:
    // synchronousFull: fsync the WAL on every commit (survives power loss), otherwise NORMAL
    // (survives a process crash; the last commits may go with the machine).
    SqliteErrorStore(const QString &path, const QString &connectionName, bool synchronousFull = true);
    // PostgreSQL at postgresql://user:pass@host:port/db; attachments over kMaxInlinePayloadBytes
    // go to attachment_blobs in chunks, in the same transaction as their item row, so every node
    // serves them. attachmentsPath: where items written by versions that kept them in files
    // (local to the node that received them) are still read from and removed.
    // The link reports its state as homeport_errors_postgres_* gauges in `metrics` (may be null).
    SqliteErrorStore(const QUrl &postgresUrl, const QString &attachmentsPath, const QString &connectionName,
                     core::Metrics *metrics = nullptr);
    ~SqliteErrorStore() override;

    bool open(QString *error) override;
    void close() override;
    core::PostgresDatabase *sharedDatabase() override;

    QList<ProjectInfo> projects() override;
    bool saveProject(ProjectInfo *project, QString *error) override;
    bool createFirstProject(ProjectInfo *project, bool *created, QString *error) override;
    bool deleteProject(qint64 projectId, QString *error) override;
    bool deleteIssue(qint64 issueId, QString *error) override;

    bool ingest(const QList<IncomingEvent> &events, const QList<IncomingItem> &items,
                QList<IngestOutcome> *outcomes, QString *error) override;

    QList<IssueSummary> issues(const IssueQuery &query, qint64 nowMs) override;
    std::optional<IssueDetail> issue(qint64 issueId, const QString &eventId, qint64 nowMs) override;
    std::optional<IssueSummary> issueSummary(qint64 issueId) override;
    bool setIssueStatus(qint64 issueId, IssueStatus status, QString *error) override;
    qint64 setIssuesStatus(qint64 projectId, const QList<qint64> &ids, std::optional<IssueStatus> onlyStatus,
                           IssueStatus status, QString *error) override;
    QList<QJsonObject> issueEvents(qint64 issueId, int limit, int offset) override;
    std::optional<QJsonObject> issueEdgeEvent(qint64 issueId, bool oldest) override;
    std::optional<QJsonObject> event(qint64 projectId, const QString &eventId) override;
    qint64 issueOfEvent(qint64 projectId, const QString &eventId) override;
    qint64 itemCount(qint64 projectId, const QString &type) override;
    QList<StoredItem> eventItems(qint64 projectId, const QString &eventId, const QString &type) override;
    std::optional<QByteArray> itemPayload(qint64 projectId, qint64 itemId) override;
    std::unique_ptr<QIODevice> openItemPayload(qint64 projectId, qint64 itemId, qint64 *size) override;

    StoreTotals totals() override;
    qint64 eventCount(qint64 projectId) override;
    qint64 sweep(qint64 nowMs, int capDays = 0) override;

private:
    struct Statements;
    struct IssueDelta;
    struct BatchIssue {
        qint64 id = 0;
        int status = 0; // as stored before the batch
    };
    struct BatchState {
        QHash<QPair<qint64, QString>, BatchIssue> issueByHash; // (project, hash) -> issue
        QList<QPair<qint64, QString>> users;                   // (issue, user key) seen
        QHash<qint64, IssueDelta> deltas;                   // issue id -> what the batch adds
    };

    bool exec(const QString &sql, QString *error);
    // The insert or update of saveProject, without telling other nodes.
    bool writeProject(ProjectInfo *project, QString *error);
    bool openPostgres(QString *error);
    // PostgreSQL: waits for the advisory lock every node's writers take, inside the open
    // transaction (released when it ends). SQLite: nothing to do, one node writes.
    bool takeTurnWithOtherNodes(QString *error);
    // Opens a write transaction and takes this node's turn; on failure nothing is left open and
    // a PostgreSQL link that went away is noticed at once (the dashboard then says reconnecting).
    bool beginWrite(QString *error);
    bool ingestOne(const IncomingEvent &incoming, IngestOutcome *outcome, BatchState &batch, QString *error);
    bool writeDeltas(BatchState &batch, QString *error);
    bool storeItem(const IncomingItem &item, QString *error);
    // PostgreSQL: a payload over kMaxInlinePayloadBytes as its item row and kBlobChunkBytes rows.
    bool storeChunkedItem(const IncomingItem &item, QString *error);
    QList<IssueSummary> summariesFrom(QSqlQuery &query);
    // Item files: <database dir>/attachments/<name>; names are generated, never the client's.
    QString itemFilePath(const QString &name) const;
    // Deletes the rows `where` selects from items (binding `binds`) and, after the caller's
    // commit, their files: the names are collected into m_filesToRemove. (Their PostgreSQL
    // blobs go with them: attachment_blobs rows are deleted on cascade.)
    bool deleteItems(const QString &where, const QVariantList &binds, QString *error);
    void removeFiles(QStringList &names);
    void fillHourly(QList<IssueSummary> &issues, qint64 nowMs);

    QString m_path;
    QString m_connectionName;
    bool m_synchronousFull;
    QUrl m_postgresUrl;
    bool m_postgres = false;
    core::Metrics *m_metrics = nullptr;
    std::unique_ptr<core::PostgresDatabase> m_link; // PostgreSQL only: the connection and its reconnects
    QSqlDatabase m_db;
    std::unique_ptr<Statements> m_statements;
    // (project, grouping hash) -> issue id and status as committed, so ingest need not look
    // known issues up again. Cleared whenever issues change other than through ingest.
    QHash<QPair<qint64, QString>, BatchIssue> m_issueCache;
    QStringList m_filesWritten;  // by the open ingest transaction; removed if it rolls back
    QStringList m_filesToRemove; // of rows deleted by the open transaction; removed after commit
};

} // namespace homeport::errors
