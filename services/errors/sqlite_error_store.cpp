#include "sqlite_error_store.h"

#include "issue_search.h"

#include "core/atomic_file.h"
#include "core/postgres_database.h"
#include "core/sqlite_database.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlRecord>
#include <QUuid>
#include <QVariant>

#include <algorithm>
#include <cstring>

namespace homeport::errors {

namespace {

constexpr qint64 kHourMs = 3600 * 1000;
constexpr qint64 kDayMs = 24 * kHourMs;
// Hourly buckets feed both histograms; the 30-day one needs a little more than 30 days.
constexpr qint64 kBucketKeepMs = 31 * kDayMs;
constexpr int kTopTagValues = 10;
// Issues remembered between batches; past this many the memory starts over.
constexpr qsizetype kMaxCachedIssues = 100000;
// 2: events.overrides (the payload is stored as received, normalisation's changes beside it),
//    items.file and items.size (payloads over 1 MiB in files of their own).
constexpr int kSchemaVersion = 2;

// PostgreSQL: each entry of kPostgresMigrations takes the errors schema from its index to the
// next (core::PostgresDatabase runs them under its migration lock, version in schema_version).
const char *const kPostgresMigrations[] = {
    "CREATE TABLE projects(id BIGINT PRIMARY KEY, name TEXT NOT NULL, platform TEXT NOT NULL,"
    " keys TEXT NOT NULL, events_per_minute INTEGER NOT NULL, retention_days INTEGER NOT NULL,"
    " max_events INTEGER NOT NULL, webhooks TEXT NOT NULL, slack_format INTEGER NOT NULL);"
    "CREATE TABLE issues(id BIGSERIAL PRIMARY KEY, project_id BIGINT NOT NULL, hash TEXT NOT NULL,"
    " title TEXT NOT NULL, culprit TEXT NOT NULL, level TEXT NOT NULL, type TEXT NOT NULL,"
    " exception_type TEXT NOT NULL, exception_value TEXT NOT NULL, grouping_reason TEXT NOT NULL,"
    " status INTEGER NOT NULL DEFAULT 0, regressed INTEGER NOT NULL DEFAULT 0,"
    " first_seen BIGINT NOT NULL, last_seen BIGINT NOT NULL, count BIGINT NOT NULL DEFAULT 0,"
    " users BIGINT NOT NULL DEFAULT 0, UNIQUE(project_id, hash));"
    "CREATE INDEX issues_by_last_seen ON issues(project_id, last_seen);"
    "CREATE TABLE events(id BIGSERIAL PRIMARY KEY, project_id BIGINT NOT NULL,"
    " event_id TEXT NOT NULL, issue_id BIGINT NOT NULL, received BIGINT NOT NULL, payload BYTEA NOT NULL,"
    " overrides BYTEA, UNIQUE(project_id, event_id));"
    "CREATE INDEX events_by_issue ON events(issue_id, id);"
    "CREATE INDEX events_by_received ON events(project_id, received);"
    "CREATE TABLE issue_users(issue_id BIGINT NOT NULL, user_key TEXT NOT NULL, PRIMARY KEY(issue_id, user_key));"
    "CREATE TABLE issue_tags(issue_id BIGINT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,"
    " count BIGINT NOT NULL, PRIMARY KEY(issue_id, key, value));"
    "CREATE TABLE issue_hours(issue_id BIGINT NOT NULL, hour BIGINT NOT NULL,"
    " count BIGINT NOT NULL, PRIMARY KEY(issue_id, hour));"
    "CREATE TABLE items(id BIGSERIAL PRIMARY KEY, project_id BIGINT NOT NULL, type TEXT NOT NULL,"
    " event_id TEXT NOT NULL, received BIGINT NOT NULL, headers TEXT NOT NULL, payload BYTEA, file TEXT, size BIGINT);"
    "CREATE INDEX items_by_event ON items(project_id, event_id);"
    "CREATE INDEX items_by_received ON items(project_id, received);"
    "CREATE TABLE item_counts(project_id BIGINT NOT NULL, type TEXT NOT NULL,"
    " count BIGINT NOT NULL, PRIMARY KEY(project_id, type))",
    // 2: project ids from a sequence, so nodes creating projects at the same moment get distinct
    //    ids (max + 1 gave both the same one).
    "CREATE SEQUENCE IF NOT EXISTS projects_id_seq OWNED BY projects.id;"
    "SELECT setval('projects_id_seq', coalesce((SELECT max(id) FROM projects), 0) + 1, false);"
    "ALTER TABLE projects ALTER COLUMN id SET DEFAULT nextval('projects_id_seq')",
    // 3: payloads over kMaxInlinePayloadBytes in the database, so every node serves them (files
    //    stayed with the node that received them): rows of up to kBlobChunkBytes from byte
    //    `start`, removed with their item. items.chunks says an item's payload is there.
    "CREATE TABLE attachment_blobs(item_id BIGINT NOT NULL REFERENCES items(id) ON DELETE CASCADE,"
    " start BIGINT NOT NULL, data BYTEA NOT NULL, PRIMARY KEY(item_id, start));"
    "ALTER TABLE items ADD COLUMN chunks INTEGER",
};
// Sent by a node that changed the projects; every other node reads them again.
const QString kProjectsChannel = QStringLiteral("homeport_errors_projects");
// pg_advisory_xact_lock key of ingest (one batch at a time across nodes, so two nodes' batches
// never lock the same issue rows in opposite orders); core::PostgresDatabase's migration lock is
// ...01.
constexpr qint64 kIngestLock = 0x486f6d65'00000002;
// Taken by a starting node that finds no project, to create the first one alone.
constexpr qint64 kFirstProjectLock = 0x486f6d65'00000004;

const char *const kSchema[] = {
    "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS projects(id INTEGER PRIMARY KEY, name TEXT NOT NULL, platform TEXT NOT NULL,"
    " keys TEXT NOT NULL, events_per_minute INTEGER NOT NULL, retention_days INTEGER NOT NULL,"
    " max_events INTEGER NOT NULL, webhooks TEXT NOT NULL, slack_format INTEGER NOT NULL)",
    "CREATE TABLE IF NOT EXISTS issues(id INTEGER PRIMARY KEY, project_id INTEGER NOT NULL, hash TEXT NOT NULL,"
    " title TEXT NOT NULL, culprit TEXT NOT NULL, level TEXT NOT NULL, type TEXT NOT NULL,"
    " exception_type TEXT NOT NULL, exception_value TEXT NOT NULL, grouping_reason TEXT NOT NULL,"
    " status INTEGER NOT NULL DEFAULT 0, regressed INTEGER NOT NULL DEFAULT 0,"
    " first_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL, count INTEGER NOT NULL DEFAULT 0,"
    " users INTEGER NOT NULL DEFAULT 0, UNIQUE(project_id, hash))",
    "CREATE INDEX IF NOT EXISTS issues_by_last_seen ON issues(project_id, last_seen)",
    "CREATE TABLE IF NOT EXISTS events(id INTEGER PRIMARY KEY, project_id INTEGER NOT NULL,"
    " event_id TEXT NOT NULL, issue_id INTEGER NOT NULL, received INTEGER NOT NULL, payload BLOB NOT NULL,"
    " overrides BLOB, UNIQUE(project_id, event_id))",
    "CREATE INDEX IF NOT EXISTS events_by_issue ON events(issue_id, id)",
    "CREATE INDEX IF NOT EXISTS events_by_received ON events(project_id, received)",
    "CREATE TABLE IF NOT EXISTS issue_users(issue_id INTEGER NOT NULL, user_key TEXT NOT NULL,"
    " PRIMARY KEY(issue_id, user_key)) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS issue_tags(issue_id INTEGER NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,"
    " count INTEGER NOT NULL, PRIMARY KEY(issue_id, key, value)) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS issue_hours(issue_id INTEGER NOT NULL, hour INTEGER NOT NULL,"
    " count INTEGER NOT NULL, PRIMARY KEY(issue_id, hour)) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS items(id INTEGER PRIMARY KEY, project_id INTEGER NOT NULL, type TEXT NOT NULL,"
    " event_id TEXT NOT NULL, received INTEGER NOT NULL, headers TEXT NOT NULL, payload BLOB, file TEXT, size INTEGER)",
    "CREATE INDEX IF NOT EXISTS items_by_event ON items(project_id, event_id)",
    "CREATE INDEX IF NOT EXISTS items_by_received ON items(project_id, received)",
    "CREATE TABLE IF NOT EXISTS item_counts(project_id INTEGER NOT NULL, type TEXT NOT NULL,"
    " count INTEGER NOT NULL, PRIMARY KEY(project_id, type)) WITHOUT ROWID",
};

QString jsonText(const QStringList &list)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(list)).toJson(QJsonDocument::Compact));
}

QStringList jsonList(const QString &text)
{
    QStringList out;
    for (const QJsonValue &v : QJsonDocument::fromJson(text.toUtf8()).array())
        out << v.toString();
    return out;
}

// An events row (payload, overrides at `column` and the next) as the normalised event.
QJsonObject storedEvent(const QSqlQuery &query, int column)
{
    return EventNormalizer::applyOverrides(query.value(column).toByteArray(), query.value(column + 1).toByteArray());
}

QDateTime fromMs(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

// QtSql binds a null QString as NULL; the schema wants text.
QVariant text(const QString &value)
{
    return value.isNull() ? QVariant(QStringLiteral("")) : QVariant(value);
}

QString sqlError(const QSqlQuery &query)
{
    return query.lastError().text();
}

// A payload kept in attachment_blobs, read one chunk at a time as the reader moves on: an
// answer streams a large attachment without holding more than one chunk. It looks its
// connection up by name at each read, so it fails cleanly once the store has closed it.
class BlobDevice final : public QIODevice
{
public:
    BlobDevice(const QString &connectionName, qint64 itemId, qint64 size)
        : m_connectionName(connectionName), m_itemId(itemId), m_size(size)
    {
    }
    bool isSequential() const override { return false; }
    qint64 size() const override { return m_size; }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 at = pos();
        if (at >= m_size || maxSize <= 0)
            return 0;
        if (at < m_chunkStart || at >= m_chunkStart + m_chunk.size()) {
            m_chunk.clear();
            QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
            if (!db.isOpen()) {
                setErrorString(QStringLiteral("the errors store is closed"));
                return -1;
            }
            QSqlQuery query(db);
            query.prepare(QStringLiteral("SELECT start, data FROM attachment_blobs WHERE item_id = ? AND start <= ?"
                                         " ORDER BY start DESC LIMIT 1"));
            query.addBindValue(m_itemId);
            query.addBindValue(at);
            if (!query.exec() || !query.next()) {
                setErrorString(QStringLiteral("attachment %1 has no data at byte %2: %3").arg(m_itemId).arg(at).arg(sqlError(query)));
                return -1;
            }
            m_chunkStart = query.value(0).toLongLong();
            m_chunk = query.value(1).toByteArray();
            if (at >= m_chunkStart + m_chunk.size()) {
                setErrorString(QStringLiteral("attachment %1 has a gap at byte %2").arg(m_itemId).arg(at));
                m_chunk.clear();
                return -1;
            }
        }
        const qint64 offset = at - m_chunkStart;
        const qint64 n = qMin(maxSize, qint64(m_chunk.size()) - offset);
        memcpy(data, m_chunk.constData() + offset, size_t(n));
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QString m_connectionName;
    qint64 m_itemId = 0;
    qint64 m_size = 0;
    qint64 m_chunkStart = 0;
    QByteArray m_chunk;
};

const char *const kSummaryColumns =
    "id, project_id, title, culprit, level, status, first_seen, last_seen, count, users";

} // namespace

// Prepared once per connection; the ingest path runs these thousands of times a second.
struct SqliteErrorStore::Statements {
    explicit Statements(const QSqlDatabase &database)
        : db(database), findIssue(db), insertIssue(db), updateIssues(db), eventExists(db), insertEvent(db),
          insertUsers(db), upsertTags(db), upsertHours(db), insertItem(db), upsertItemCount(db), insertBlobChunk(db)
    {
    }
    bool prepare(bool postgres, QString *error)
    {
        // The four batch statements take one JSON array: SQLite reads it with json_each, PostgreSQL
        // with jsonb_array_elements. (CAST rather than ::, which QtSql would take for a placeholder.)
        const char *const pgUpdateIssues =
            "UPDATE issues SET count = issues.count + d.n, users = issues.users + d.u,"
            " last_seen = greatest(issues.last_seen, d.seen), level = d.new_level, status = d.new_status,"
            " regressed = greatest(issues.regressed, d.reopened)"
            " FROM (SELECT CAST(value->>0 AS BIGINT) AS issue, CAST(value->>1 AS BIGINT) AS n,"
            " CAST(value->>2 AS BIGINT) AS u, CAST(value->>3 AS BIGINT) AS seen, value->>4 AS new_level,"
            " CAST(value->>5 AS INTEGER) AS new_status, CAST(value->>6 AS INTEGER) AS reopened"
            " FROM jsonb_array_elements(CAST(? AS jsonb))) AS d WHERE issues.id = d.issue";
        const char *const pgInsertUsers =
            "INSERT INTO issue_users(issue_id, user_key) SELECT CAST(value->>0 AS BIGINT), value->>1"
            " FROM jsonb_array_elements(CAST(? AS jsonb)) ON CONFLICT DO NOTHING RETURNING issue_id";
        const char *const pgUpsertTags =
            "INSERT INTO issue_tags(issue_id, key, value, count) SELECT CAST(value->>0 AS BIGINT), value->>1, value->>2,"
            " CAST(value->>3 AS BIGINT) FROM jsonb_array_elements(CAST(? AS jsonb))"
            " ON CONFLICT(issue_id, key, value) DO UPDATE SET count = issue_tags.count + excluded.count";
        const char *const pgUpsertHours =
            "INSERT INTO issue_hours(issue_id, hour, count) SELECT CAST(value->>0 AS BIGINT), CAST(value->>1 AS BIGINT),"
            " CAST(value->>2 AS BIGINT) FROM jsonb_array_elements(CAST(? AS jsonb))"
            " ON CONFLICT(issue_id, hour) DO UPDATE SET count = issue_hours.count + excluded.count";
        const std::pair<QSqlQuery *, const char *> all[] = {
            {&findIssue, "SELECT id, status FROM issues WHERE project_id = ? AND hash = ?"},
            // Another node may create the same issue at the same moment: no row back means it
            // exists, and findIssue reads it.
            {&insertIssue, "INSERT INTO issues(project_id, hash, title, culprit, level, type, exception_type,"
                           " exception_value, grouping_reason, first_seen, last_seen) VALUES(?,?,?,?,?,?,?,?,?,?,?)"
                           " ON CONFLICT(project_id, hash) DO NOTHING RETURNING id"},
            // The batch's per-issue deltas, users, tags and hours each go in one statement as one
            // JSON array bound once: QtSql's per-value binding cost more than SQLite's work.
            // (json_extract rather than ->> keeps SQLite 3.35 enough; RETURNING needs it.)
            {&updateIssues, postgres ? pgUpdateIssues : "UPDATE issues SET count = issues.count + d.n, users = issues.users + d.u,"
                            " last_seen = max(issues.last_seen, d.seen), level = d.new_level, status = d.new_status,"
                            " regressed = max(issues.regressed, d.reopened)"
                            " FROM (SELECT json_extract(value, '$[0]') AS issue, json_extract(value, '$[1]') AS n,"
                            " json_extract(value, '$[2]') AS u, json_extract(value, '$[3]') AS seen,"
                            " json_extract(value, '$[4]') AS new_level, json_extract(value, '$[5]') AS new_status,"
                            " json_extract(value, '$[6]') AS reopened FROM json_each(?)) AS d WHERE issues.id = d.issue"},
            {&insertUsers, postgres ? pgInsertUsers : "INSERT OR IGNORE INTO issue_users(issue_id, user_key)"
                           " SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?)"
                           " WHERE true RETURNING issue_id"},
            {&upsertTags, postgres ? pgUpsertTags : "INSERT INTO issue_tags(issue_id, key, value, count)"
                          " SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'),"
                          " json_extract(value, '$[3]') FROM json_each(?) WHERE true"
                          " ON CONFLICT(issue_id, key, value) DO UPDATE SET count = count + excluded.count"},
            {&upsertHours, postgres ? pgUpsertHours : "INSERT INTO issue_hours(issue_id, hour, count)"
                           " SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]')"
                           " FROM json_each(?) WHERE true"
                           " ON CONFLICT(issue_id, hour) DO UPDATE SET count = count + excluded.count"},
            {&eventExists, "SELECT 1 FROM events WHERE project_id = ? AND event_id = ?"},
            // A duplicate event_id inserts nothing; numRowsAffected() says which it was.
            {&insertEvent, "INSERT INTO events(project_id, event_id, issue_id, received, payload, overrides)"
                           " VALUES(?,?,?,?,?,?) ON CONFLICT(project_id, event_id) DO NOTHING"},
            {&insertItem, postgres ? "INSERT INTO items(project_id, type, event_id, received, headers, payload, file, size,"
                                     " chunks) VALUES(?,?,?,?,?,?,?,?,?) RETURNING id"
                                   : "INSERT INTO items(project_id, type, event_id, received, headers, payload, file, size)"
                                     " VALUES(?,?,?,?,?,?,?,?)"},
            // PostgreSQL only (SQLite keeps large payloads in files): one chunk of a large payload.
            {&insertBlobChunk, postgres ? "INSERT INTO attachment_blobs(item_id, start, data) VALUES(?,?,?)" : "SELECT 1"},
            {&upsertItemCount, "INSERT INTO item_counts(project_id, type, count) VALUES(?,?,1)"
                               " ON CONFLICT(project_id, type) DO UPDATE SET count = item_counts.count + 1"},
        };
        for (const auto &[query, sql] : all) {
            if (!query->prepare(QString::fromLatin1(sql))) {
                *error = sqlError(*query);
                return false;
            }
        }
        return true;
    }

    QSqlDatabase db;
    QSqlQuery findIssue, insertIssue, updateIssues, eventExists, insertEvent, insertUsers, upsertTags, upsertHours,
        insertItem, upsertItemCount, insertBlobChunk;
};

SqliteErrorStore::SqliteErrorStore(const QString &path, const QString &connectionName, bool synchronousFull)
    : m_path(path), m_connectionName(connectionName), m_synchronousFull(synchronousFull)
{
}

SqliteErrorStore::SqliteErrorStore(const QUrl &postgresUrl, const QString &attachmentsPath, const QString &connectionName,
                                   core::Metrics *metrics)
    : m_path(attachmentsPath), m_connectionName(connectionName), m_synchronousFull(true), m_postgresUrl(postgresUrl),
      m_postgres(true), m_metrics(metrics)
{
}

bool SqliteErrorStore::openPostgres(QString *error)
{
    core::PostgresDatabase::Options options;
    options.url = m_postgresUrl;
    options.connectionName = m_connectionName;
    options.component = QStringLiteral("errors");
    for (const char *migration : kPostgresMigrations)
        options.migrations << QString::fromLatin1(migration);
    options.notificationChannel = kProjectsChannel;
    options.service = QStringLiteral("errors");
    options.metrics = m_metrics;
    m_link = std::make_unique<core::PostgresDatabase>(options);
    if (!m_link->open(error)) {
        m_link.reset();
        return false;
    }
    m_db = m_link->database();
    // A new connection has none of the old one's prepared statements.
    QObject::connect(m_link.get(), &core::PostgresDatabase::linkChanged, m_link.get(), [this](bool connected) {
        m_statements.reset();
        if (!connected)
            return;
        auto statements = std::make_unique<Statements>(m_db);
        QString prepareError;
        if (statements->prepare(true, &prepareError))
            m_statements = std::move(statements);
        else
            m_link->checkLink();
    });
    m_statements = std::make_unique<Statements>(m_db);
    if (!m_statements->prepare(true, error)) {
        m_statements.reset();
        return false;
    }
    return true;
}

core::PostgresDatabase *SqliteErrorStore::sharedDatabase()
{
    return m_link.get();
}

SqliteErrorStore::~SqliteErrorStore()
{
    close();
}

bool SqliteErrorStore::exec(const QString &sql, QString *error)
{
    QSqlQuery query(m_db);
    if (!query.exec(sql)) {
        if (error)
            *error = sqlError(query);
        return false;
    }
    return true;
}

bool SqliteErrorStore::open(QString *error)
{
    if (m_postgres)
        return openPostgres(error);
    if (!core::openSqliteWal(&m_db, m_path, m_connectionName, error))
        return false;
    QString pragmaError;
    if (!exec(m_synchronousFull ? QStringLiteral("PRAGMA synchronous=FULL") : QStringLiteral("PRAGMA synchronous=NORMAL"), &pragmaError)
        || !exec(QStringLiteral("PRAGMA foreign_keys=OFF"), &pragmaError)
        || !exec(QStringLiteral("PRAGMA busy_timeout=5000"), &pragmaError)
        // Ingest touches index pages all over the events and issue tables; a page cache of
        // 16 MiB (SQLite's default is 2 MiB) keeps them from being read back from the file.
        || !exec(QStringLiteral("PRAGMA cache_size=-16384"), &pragmaError)
        // A checkpoint copies every page the WAL holds back into the file and fsyncs it, on
        // the committing thread. Ingest rewrites the same issue, tag and index pages commit
        // after commit; a longer WAL (16 MiB instead of 4) copies each of them once for four
        // times as many commits.
        || !exec(QStringLiteral("PRAGMA wal_autocheckpoint=4000"), &pragmaError)) {
        *error = QStringLiteral("cannot configure %1: %2").arg(m_path, pragmaError);
        return false;
    }
    for (const char *statement : kSchema) {
        QString schemaError;
        if (!exec(QString::fromLatin1(statement), &schemaError)) {
            *error = QStringLiteral("cannot create the schema in %1: %2").arg(m_path, schemaError);
            return false;
        }
    }
    // Version 1 files lack the columns added since; their rows read as before (NULL: none).
    for (const auto &[table, column] : {std::pair{"events", "overrides BLOB"}, std::pair{"items", "file TEXT"},
                                        std::pair{"items", "size INTEGER"}}) {
        QSqlQuery probe(m_db);
        const QString name = QString::fromLatin1(column).section(u' ', 0, 0);
        if (probe.exec(QStringLiteral("SELECT %1 FROM %2 LIMIT 0").arg(name, QLatin1String(table))))
            continue;
        QString schemaError;
        if (!exec(QStringLiteral("ALTER TABLE %1 ADD COLUMN %2").arg(QLatin1String(table), QLatin1String(column)), &schemaError)) {
            *error = QStringLiteral("cannot upgrade the schema in %1: %2").arg(m_path, schemaError);
            return false;
        }
    }
    QSqlQuery version(m_db);
    version.prepare(QStringLiteral("INSERT OR REPLACE INTO meta(key, value) VALUES('schema_version', ?)"));
    version.addBindValue(QString::number(kSchemaVersion));
    version.exec();

    m_statements = std::make_unique<Statements>(m_db);
    if (!m_statements->prepare(false, error)) {
        m_statements.reset();
        return false;
    }
    return true;
}

bool SqliteErrorStore::takeTurnWithOtherNodes(QString *error)
{
    return !m_postgres || exec(QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(kIngestLock), error);
}

bool SqliteErrorStore::beginWrite(QString *error)
{
    if (!m_db.transaction()) {
        *error = m_db.lastError().text();
        if (m_link)
            m_link->checkLink();
        return false;
    }
    if (!takeTurnWithOtherNodes(error)) {
        m_db.rollback();
        if (m_link)
            m_link->checkLink();
        return false;
    }
    return true;
}

void SqliteErrorStore::close()
{
    if (!m_db.isValid())
        return;
    m_statements.reset();
    m_issueCache.clear();
    if (m_link) {
        m_db = QSqlDatabase();
        m_link.reset(); // closes and removes the connection
        return;
    }
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

QList<ProjectInfo> SqliteErrorStore::projects()
{
    QList<ProjectInfo> out;
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("SELECT id, name, platform, keys, events_per_minute, retention_days, max_events,"
                                   " webhooks, slack_format FROM projects ORDER BY id"))
        && m_link)
        m_link->checkLink();
    while (query.next()) {
        ProjectInfo p;
        p.id = query.value(0).toLongLong();
        p.name = query.value(1).toString();
        p.platform = query.value(2).toString();
        p.keys = jsonList(query.value(3).toString());
        p.eventsPerMinute = query.value(4).toInt();
        p.retentionDays = query.value(5).toInt();
        p.maxEvents = query.value(6).toInt();
        p.alertWebhooks = jsonList(query.value(7).toString());
        p.slackFormat = query.value(8).toBool();
        out << p;
    }
    return out;
}

bool SqliteErrorStore::saveProject(ProjectInfo *project, QString *error)
{
    if (!writeProject(project, error)) {
        if (m_link)
            m_link->checkLink();
        return false;
    }
    if (m_link)
        m_link->notify(QStringLiteral("saved %1").arg(project->id));
    return true;
}

bool SqliteErrorStore::createFirstProject(ProjectInfo *project, bool *created, QString *error)
{
    *created = false;
    const auto createIfNone = [&](QString *error) {
        QSqlQuery count(m_db);
        if (!count.exec(QStringLiteral("SELECT count(*) FROM projects")) || !count.next()) {
            *error = sqlError(count);
            return false;
        }
        if (count.value(0).toLongLong() > 0)
            return true;
        *created = true;
        return writeProject(project, error);
    };
    if (!m_link)
        return createIfNone(error);
    // Nodes starting together: one creates the project, the others find it.
    if (!m_link->inLockedTransaction(kFirstProjectLock, createIfNone, error))
        return false;
    if (*created)
        m_link->notify(QStringLiteral("saved %1").arg(project->id));
    return true;
}

bool SqliteErrorStore::writeProject(ProjectInfo *project, QString *error)
{
    const bool fresh = project->id == 0;
    if (fresh && !m_postgres) {
        QSqlQuery next(m_db);
        if (!next.exec(QStringLiteral("SELECT coalesce(max(id), 0) + 1 FROM projects")) || !next.next()) {
            *error = sqlError(next);
            return false;
        }
        project->id = next.value(0).toLongLong();
    }
    const QString columns = QStringLiteral("name, platform, keys, events_per_minute, retention_days, max_events, webhooks, slack_format");
    QSqlQuery query(m_db);
    if (fresh && m_postgres) {
        // The id comes from projects_id_seq: two nodes creating projects at once get two.
        query.prepare(QStringLiteral("INSERT INTO projects(%1) VALUES(?,?,?,?,?,?,?,?) RETURNING id").arg(columns));
    } else {
        query.prepare(QStringLiteral("INSERT INTO projects(id, %1) VALUES(?,?,?,?,?,?,?,?,?)"
                                     " ON CONFLICT(id) DO UPDATE SET name = excluded.name, platform = excluded.platform,"
                                     " keys = excluded.keys, events_per_minute = excluded.events_per_minute,"
                                     " retention_days = excluded.retention_days, max_events = excluded.max_events,"
                                     " webhooks = excluded.webhooks, slack_format = excluded.slack_format").arg(columns));
        query.addBindValue(project->id);
    }
    query.addBindValue(text(project->name));
    query.addBindValue(text(project->platform));
    query.addBindValue(jsonText(project->keys));
    query.addBindValue(project->eventsPerMinute);
    query.addBindValue(project->retentionDays);
    query.addBindValue(project->maxEvents);
    query.addBindValue(jsonText(project->alertWebhooks));
    query.addBindValue(project->slackFormat ? 1 : 0);
    if (!query.exec()) {
        *error = sqlError(query);
        return false;
    }
    if (fresh && m_postgres) {
        if (!query.next()) {
            *error = QStringLiteral("the new project's id did not come back");
            return false;
        }
        project->id = query.value(0).toLongLong();
    } else if (m_postgres) {
        // An id chosen here (the default project's) must never come out of the sequence later.
        QSqlQuery bump(m_db);
        if (!bump.exec(QStringLiteral("SELECT setval('projects_id_seq', greatest((SELECT max(id) FROM projects),"
                                      " (SELECT last_value FROM projects_id_seq)))"))) {
            *error = sqlError(bump);
            return false;
        }
    }
    return true;
}

bool SqliteErrorStore::deleteIssue(qint64 issueId, QString *error)
{
    m_issueCache.clear(); // issues go
    error->clear();
    if (!beginWrite(error))
        return false;
    QSqlQuery owner(m_db);
    owner.prepare(QStringLiteral("SELECT project_id FROM issues WHERE id = ?"));
    owner.addBindValue(issueId);
    bool ok = owner.exec();
    if (!ok)
        *error = sqlError(owner);
    const bool found = ok && owner.next();
    const qint64 projectId = found ? owner.value(0).toLongLong() : 0;
    owner.finish();
    ok = ok && found
         && deleteItems(QStringLiteral("project_id = ? AND event_id IN (SELECT event_id FROM events WHERE issue_id = ?)"),
                        {projectId, issueId}, error);
    const QString id = QString::number(issueId);
    for (const QString &sql : {QStringLiteral("DELETE FROM issue_users WHERE issue_id = ") + id,
                               QStringLiteral("DELETE FROM issue_tags WHERE issue_id = ") + id,
                               QStringLiteral("DELETE FROM issue_hours WHERE issue_id = ") + id,
                               QStringLiteral("DELETE FROM events WHERE issue_id = ") + id,
                               QStringLiteral("DELETE FROM issues WHERE id = ") + id}) {
        ok = ok && exec(sql, error);
    }
    if (ok && !m_db.commit()) {
        *error = m_db.lastError().text();
        ok = false;
    }
    if (!ok) {
        m_db.rollback();
        m_filesToRemove.clear();
        if (m_link && !error->isEmpty())
            m_link->checkLink();
        return false;
    }
    removeFiles(m_filesToRemove);
    return true;
}

bool SqliteErrorStore::deleteProject(qint64 projectId, QString *error)
{
    m_issueCache.clear(); // statuses change or issues go
    if (!beginWrite(error))
        return false;
    const QString id = QString::number(projectId);
    const QString issuesOf = QStringLiteral("(SELECT id FROM issues WHERE project_id = %1)").arg(id);
    const QStringList statements{
        QStringLiteral("DELETE FROM issue_users WHERE issue_id IN ") + issuesOf,
        QStringLiteral("DELETE FROM issue_tags WHERE issue_id IN ") + issuesOf,
        QStringLiteral("DELETE FROM issue_hours WHERE issue_id IN ") + issuesOf,
        QStringLiteral("DELETE FROM events WHERE project_id = ") + id,
        QStringLiteral("DELETE FROM issues WHERE project_id = ") + id,
        QStringLiteral("DELETE FROM item_counts WHERE project_id = ") + id,
        QStringLiteral("DELETE FROM projects WHERE id = ") + id,
    };
    bool ok = deleteItems(QStringLiteral("project_id = ?"), {projectId}, error);
    for (qsizetype i = 0; ok && i < statements.size(); ++i)
        ok = exec(statements.at(i), error);
    if (ok && !m_db.commit()) {
        *error = m_db.lastError().text();
        ok = false;
    }
    if (!ok) {
        m_db.rollback();
        m_filesToRemove.clear();
        return false;
    }
    removeFiles(m_filesToRemove);
    if (m_link)
        m_link->notify(QStringLiteral("deleted %1").arg(projectId));
    return true;
}

QString SqliteErrorStore::itemFilePath(const QString &name) const
{
    return QFileInfo(m_path).dir().filePath(QStringLiteral("attachments/") + name);
}

bool SqliteErrorStore::deleteItems(const QString &where, const QVariantList &binds, QString *error)
{
    QSqlQuery files(m_db);
    files.prepare(QStringLiteral("SELECT file FROM items WHERE file IS NOT NULL AND ") + where);
    for (const QVariant &v : binds)
        files.addBindValue(v);
    if (!files.exec()) {
        *error = sqlError(files);
        return false;
    }
    while (files.next())
        m_filesToRemove << files.value(0).toString();
    QSqlQuery rows(m_db);
    rows.prepare(QStringLiteral("DELETE FROM items WHERE ") + where);
    for (const QVariant &v : binds)
        rows.addBindValue(v);
    if (!rows.exec()) {
        *error = sqlError(rows);
        return false;
    }
    return true;
}

void SqliteErrorStore::removeFiles(QStringList &names)
{
    for (const QString &name : std::as_const(names))
        QFile::remove(itemFilePath(name));
    names.clear();
}

// What one batch adds to one issue; written once per issue when the batch ends, so a batch of
// many events costs a handful of statements per event instead of one per tag.
struct SqliteErrorStore::IssueDelta {
    qint64 count = 0;
    qint64 newUsers = 0;
    qint64 lastSeenMs = 0;
    QString level;
    int status = 0;
    bool regressed = false;
    QHash<QPair<QString, QString>, qint64> tags;
    QHash<qint64, qint64> hours;
};

bool SqliteErrorStore::ingestOne(const IncomingEvent &incoming, IngestOutcome *outcome, BatchState &batch, QString *error)
{
    Statements &s = *m_statements;
    const NormalizedEvent &ev = incoming.event;
    const auto fail = [error](const QSqlQuery &query) {
        *error = sqlError(query);
        return false;
    };

    const QPair<qint64, QString> issueKey{incoming.projectId, ev.grouping.hash};
    BatchIssue issue = batch.issueByHash.value(issueKey);
    if (issue.id == 0 && !m_postgres) // other nodes change issues in a shared database
        issue = m_issueCache.value(issueKey);
    const auto findIssue = [&] {
        s.findIssue.addBindValue(incoming.projectId);
        s.findIssue.addBindValue(ev.grouping.hash);
        if (!s.findIssue.exec())
            return fail(s.findIssue);
        if (s.findIssue.next())
            issue = BatchIssue{s.findIssue.value(0).toLongLong(), s.findIssue.value(1).toInt()};
        s.findIssue.finish();
        return true;
    };
    if (issue.id == 0 && !findIssue())
        return false;
    if (issue.id == 0) {
        // A new issue. Its event may still be a duplicate (stored before under other grouping
        // rules): look before creating the issue, which a duplicate must not do.
        s.eventExists.addBindValue(incoming.projectId);
        s.eventExists.addBindValue(ev.eventId);
        if (!s.eventExists.exec())
            return fail(s.eventExists);
        const bool duplicate = s.eventExists.next();
        s.eventExists.finish();
        if (duplicate) {
            outcome->duplicate = true;
            return true;
        }
        const EventGrouping &g = ev.grouping;
        for (const QVariant &v : {QVariant(incoming.projectId), text(g.hash), text(g.title), text(g.culprit),
                                  text(ev.level), text(g.type), text(g.exceptionType),
                                  text(g.exceptionValue), text(g.reason), QVariant(incoming.receivedMs),
                                  QVariant(incoming.receivedMs)})
            s.insertIssue.addBindValue(v);
        if (!s.insertIssue.exec())
            return fail(s.insertIssue);
        if (s.insertIssue.next()) {
            issue = BatchIssue{s.insertIssue.value(0).toLongLong(), int(IssueStatus::Unresolved)};
            outcome->newIssue = true;
            s.insertIssue.finish();
        } else {
            s.insertIssue.finish();
            if (!findIssue())
                return false;
            if (issue.id == 0) {
                *error = QStringLiteral("issue %1 neither inserted nor found").arg(g.hash);
                return false;
            }
        }
    }
    batch.issueByHash.insert(issueKey, issue);

    s.insertEvent.addBindValue(incoming.projectId);
    s.insertEvent.addBindValue(ev.eventId);
    s.insertEvent.addBindValue(issue.id);
    s.insertEvent.addBindValue(incoming.receivedMs);
    // The bytes as received plus normalisation's few changes: serialising the whole event again
    // was a tenth of the ingest cost.
    if (ev.rawPayload.isEmpty()) {
        s.insertEvent.addBindValue(QJsonDocument(ev.event).toJson(QJsonDocument::Compact));
        s.insertEvent.addBindValue(QVariant(QMetaType(QMetaType::QByteArray)));
    } else {
        s.insertEvent.addBindValue(ev.rawPayload);
        s.insertEvent.addBindValue(QJsonDocument(ev.overrides).toJson(QJsonDocument::Compact));
    }
    if (!s.insertEvent.exec())
        return fail(s.insertEvent);
    if (s.insertEvent.numRowsAffected() == 0) {
        outcome->duplicate = true;
        return true;
    }
    outcome->issueId = issue.id;

    IssueDelta &delta = batch.deltas[issue.id];
    if (delta.count == 0) {
        // The issue's first event in this batch decides its status.
        delta.status = issue.status;
        if (issue.status == int(IssueStatus::Resolved)) {
            // A regression: reopened. Ignored issues stay ignored.
            delta.status = int(IssueStatus::Unresolved);
            delta.regressed = true;
            outcome->regression = true;
        }
    }
    if (!ev.userKey.isEmpty())
        batch.users.append({issue.id, ev.userKey});
    ++delta.count;
    delta.lastSeenMs = qMax(delta.lastSeenMs, incoming.receivedMs);
    delta.level = ev.level;
    for (const auto &tag : ev.tags)
        ++delta.tags[tag];
    ++delta.hours[incoming.receivedMs / kHourMs];
    return true;
}

namespace {

// The rows of one batch statement as the JSON text json_each() reads: [[a, b, ...], ...].
// Written directly: building QJsonArrays and serialising them cost more than the statements.
class JsonRows
{
public:
    bool isEmpty() const { return m_text.size() <= 1; }
    JsonRows &row()
    {
        m_text += m_text.size() > 1 ? "],[" : "[";
        m_first = true;
        return *this;
    }
    JsonRows &operator<<(qint64 value)
    {
        separate();
        m_text += QByteArray::number(value);
        return *this;
    }
    JsonRows &operator<<(const QString &value)
    {
        separate();
        m_text += '"';
        for (const char c : value.toUtf8()) {
            const auto byte = static_cast<unsigned char>(c);
            if (c == '"' || c == '\\') {
                m_text += '\\';
                m_text += c;
            } else if (byte < 0x20) {
                static constexpr char kHex[] = "0123456789abcdef";
                m_text += "\\u00";
                m_text += kHex[byte >> 4];
                m_text += kHex[byte & 0xf];
            } else {
                m_text += c;
            }
        }
        m_text += '"';
        return *this;
    }
    QString text() const { return QString::fromUtf8(m_text + "]]"); }

private:
    void separate()
    {
        if (!m_first)
            m_text += ',';
        m_first = false;
    }
    QByteArray m_text = "[";
    bool m_first = true;
};

} // namespace

bool SqliteErrorStore::writeDeltas(BatchState &batch, QString *error)
{
    Statements &s = *m_statements;
    const auto fail = [error](QSqlQuery &query) {
        *error = sqlError(query);
        query.finish();
        return false;
    };
    const auto execJson = [](QSqlQuery &query, const JsonRows &rows) {
        query.addBindValue(rows.text());
        return query.exec();
    };

    // Distinct users first: the rows actually inserted are the issues' new users.
    if (!batch.users.isEmpty()) {
        JsonRows rows;
        for (const auto &[issueId, userKey] : std::as_const(batch.users))
            rows.row() << issueId << userKey;
        if (!execJson(s.insertUsers, rows))
            return fail(s.insertUsers);
        while (s.insertUsers.next())
            ++batch.deltas[s.insertUsers.value(0).toLongLong()].newUsers;
        s.insertUsers.finish();
    }

    JsonRows issueRows, tagRows, hourRows;
    for (auto it = batch.deltas.cbegin(); it != batch.deltas.cend(); ++it) {
        const qint64 issueId = it.key();
        const IssueDelta &delta = it.value();
        if (delta.count == 0)
            continue;
        issueRows.row() << issueId << delta.count << delta.newUsers << delta.lastSeenMs << delta.level
                        << qint64(delta.status) << qint64(delta.regressed ? 1 : 0);
        for (auto tag = delta.tags.cbegin(); tag != delta.tags.cend(); ++tag)
            tagRows.row() << issueId << tag.key().first << tag.key().second << tag.value();
        for (auto hour = delta.hours.cbegin(); hour != delta.hours.cend(); ++hour)
            hourRows.row() << issueId << hour.key() << hour.value();
    }
    for (const auto &[query, rows] : {std::pair{&s.updateIssues, &issueRows}, std::pair{&s.upsertTags, &tagRows},
                                      std::pair{&s.upsertHours, &hourRows}}) {
        if (rows->isEmpty())
            continue;
        if (!execJson(*query, *rows))
            return fail(*query);
    }
    return true;
}

bool SqliteErrorStore::storeItem(const IncomingItem &item, QString *error)
{
    Statements &s = *m_statements;
    s.upsertItemCount.addBindValue(item.projectId);
    s.upsertItemCount.addBindValue(text(item.type));
    if (!s.upsertItemCount.exec()) {
        *error = sqlError(s.upsertItemCount);
        return false;
    }
    if (!item.keepPayload)
        return true;
    // Large payloads (attachments up to the envelope's limits) get a file of their own, written
    // and fsynced before the row that names it commits; on PostgreSQL, chunk rows written in the
    // same transaction as their item, so every node serves them once the batch is answered.
    const bool large = item.payload.size() > kMaxInlinePayloadBytes;
    if (large && m_postgres)
        return storeChunkedItem(item, error);
    QString file;
    if (large) {
        file = QUuid::createUuid().toString(QUuid::Id128);
        const QString path = itemFilePath(file);
        if (!QDir().mkpath(QFileInfo(path).path())) {
            *error = QStringLiteral("cannot create %1").arg(QFileInfo(path).path());
            return false;
        }
        const QString writeError = core::writeFileAtomically(path, item.payload, 0600);
        if (!writeError.isEmpty()) {
            *error = writeError;
            return false;
        }
        m_filesWritten << file;
    }
    s.insertItem.addBindValue(item.projectId);
    s.insertItem.addBindValue(text(item.type));
    s.insertItem.addBindValue(text(item.eventId));
    s.insertItem.addBindValue(item.receivedMs);
    s.insertItem.addBindValue(QString::fromUtf8(QJsonDocument(item.headers).toJson(QJsonDocument::Compact)));
    s.insertItem.addBindValue(file.isEmpty() ? QVariant(item.payload) : QVariant(QMetaType(QMetaType::QByteArray)));
    s.insertItem.addBindValue(file.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(file));
    s.insertItem.addBindValue(qint64(item.payload.size()));
    if (m_postgres)
        s.insertItem.addBindValue(QVariant(QMetaType(QMetaType::Int)));
    if (!s.insertItem.exec()) {
        *error = sqlError(s.insertItem);
        return false;
    }
    s.insertItem.finish();
    return true;
}

bool SqliteErrorStore::storeChunkedItem(const IncomingItem &item, QString *error)
{
    Statements &s = *m_statements;
    const qint64 size = item.payload.size();
    const qint64 chunks = (size + kBlobChunkBytes - 1) / kBlobChunkBytes;
    s.insertItem.addBindValue(item.projectId);
    s.insertItem.addBindValue(text(item.type));
    s.insertItem.addBindValue(text(item.eventId));
    s.insertItem.addBindValue(item.receivedMs);
    s.insertItem.addBindValue(QString::fromUtf8(QJsonDocument(item.headers).toJson(QJsonDocument::Compact)));
    s.insertItem.addBindValue(QVariant(QMetaType(QMetaType::QByteArray)));
    s.insertItem.addBindValue(QVariant(QMetaType(QMetaType::QString)));
    s.insertItem.addBindValue(size);
    s.insertItem.addBindValue(chunks);
    if (!s.insertItem.exec() || !s.insertItem.next()) {
        *error = sqlError(s.insertItem);
        s.insertItem.finish();
        return false;
    }
    const qint64 itemId = s.insertItem.value(0).toLongLong();
    s.insertItem.finish();
    for (qint64 start = 0; start < size; start += kBlobChunkBytes) {
        // A view of the payload: the driver escapes it into its statement without another copy.
        s.insertBlobChunk.addBindValue(itemId);
        s.insertBlobChunk.addBindValue(start);
        s.insertBlobChunk.addBindValue(QByteArray::fromRawData(item.payload.constData() + start,
                                                               qMin(kBlobChunkBytes, size - start)));
        if (!s.insertBlobChunk.exec()) {
            *error = sqlError(s.insertBlobChunk);
            return false;
        }
    }
    return true;
}

bool SqliteErrorStore::ingest(const QList<IncomingEvent> &events, const QList<IncomingItem> &items,
                              QList<IngestOutcome> *outcomes, QString *error)
{
    outcomes->clear();
    if (!m_statements) {
        *error = QStringLiteral("the store is closed");
        return false;
    }
    if (!beginWrite(error))
        return false;
    outcomes->reserve(events.size());
    bool ok = true;
    BatchState batch;
    for (const IncomingEvent &incoming : events) {
        IngestOutcome outcome;
        if (!ingestOne(incoming, &outcome, batch, error)) {
            ok = false;
            break;
        }
        outcomes->append(outcome);
    }
    ok = ok && writeDeltas(batch, error);
    for (qsizetype i = 0; ok && i < items.size(); ++i)
        ok = storeItem(items.at(i), error);
    if (ok && !m_db.commit()) {
        *error = m_db.lastError().text();
        ok = false;
    }
    if (!ok) {
        m_db.rollback();
        outcomes->clear();
        removeFiles(m_filesWritten); // no row names them
        if (m_link)
            m_link->checkLink();
    } else {
        if (m_issueCache.size() > kMaxCachedIssues)
            m_issueCache.clear();
        for (auto it = batch.issueByHash.cbegin(); it != batch.issueByHash.cend(); ++it) {
            const IssueDelta delta = batch.deltas.value(it->id);
            m_issueCache.insert(it.key(), BatchIssue{it->id, delta.count > 0 ? delta.status : it->status});
        }
    }
    m_filesWritten.clear();
    return ok;
}

QList<IssueSummary> SqliteErrorStore::summariesFrom(QSqlQuery &query)
{
    QList<IssueSummary> out;
    while (query.next()) {
        IssueSummary s;
        s.id = query.value(0).toLongLong();
        s.projectId = query.value(1).toLongLong();
        s.title = query.value(2).toString();
        s.culprit = query.value(3).toString();
        s.level = query.value(4).toString();
        s.status = IssueStatus(qBound(0, query.value(5).toInt(), 2));
        s.firstSeen = fromMs(query.value(6).toLongLong());
        s.lastSeen = fromMs(query.value(7).toLongLong());
        s.count = query.value(8).toLongLong();
        s.users = query.value(9).toLongLong();
        out << s;
    }
    return out;
}

void SqliteErrorStore::fillHourly(QList<IssueSummary> &issues, qint64 nowMs)
{
    if (issues.isEmpty())
        return;
    const qint64 currentHour = nowMs / kHourMs;
    QHash<qint64, IssueSummary *> byId;
    QStringList ids;
    for (IssueSummary &s : issues) {
        s.last24Hours = QVector<int>(24, 0);
        byId.insert(s.id, &s);
        ids << QString::number(s.id);
    }
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT issue_id, hour, count FROM issue_hours WHERE hour > ? AND issue_id IN (%1)")
                      .arg(ids.join(u',')));
    query.addBindValue(currentHour - 24);
    query.exec();
    while (query.next()) {
        IssueSummary *s = byId.value(query.value(0).toLongLong());
        const qint64 index = 23 - (currentHour - query.value(1).toLongLong());
        if (s && index >= 0 && index < 24)
            s->last24Hours[index] += query.value(2).toInt();
    }
}

QList<IssueSummary> SqliteErrorStore::issues(const IssueQuery &issueQuery, qint64 nowMs)
{
    const IssueSearch search = IssueSearch::parse(issueQuery.search);
    QStringList where;
    QVariantList binds;
    if (issueQuery.projectId != 0) {
        where << QStringLiteral("project_id = ?");
        binds << issueQuery.projectId;
    }
    if (search.status) {
        where << QStringLiteral("status = ?");
        binds << int(*search.status);
    }
    if (!search.levels.isEmpty()) {
        QStringList marks;
        for (const QString &level : search.levels) {
            marks << QStringLiteral("?");
            binds << level;
        }
        where << QStringLiteral("level IN (%1)").arg(marks.join(u','));
    }
    for (const auto &[key, value] : search.tags) {
        where << QStringLiteral("EXISTS (SELECT 1 FROM issue_tags t WHERE t.issue_id = issues.id AND t.key = ? AND t.value = ?)");
        binds << key << value;
    }
    for (const QString &word : search.words) {
        // SQLite's LIKE ignores ASCII case; PostgreSQL's ILIKE does the same.
        where << (m_postgres ? QStringLiteral("(title ILIKE ? ESCAPE '\\' OR culprit ILIKE ? ESCAPE '\\')")
                             : QStringLiteral("(title LIKE ? ESCAPE '\\' OR culprit LIKE ? ESCAPE '\\')"));
        QString escaped = word;
        escaped.replace(u'\\', QStringLiteral("\\\\")).replace(u'%', QStringLiteral("\\%")).replace(u'_', QStringLiteral("\\_"));
        const QString pattern = u'%' + escaped + u'%';
        binds << pattern << pattern;
    }
    QString order = QStringLiteral("last_seen");
    if (issueQuery.sortBy == QLatin1String("first_seen") || issueQuery.sortBy == QLatin1String("count")
        || issueQuery.sortBy == QLatin1String("users"))
        order = issueQuery.sortBy;
    QString sql = QStringLiteral("SELECT %1 FROM issues").arg(QLatin1String(kSummaryColumns));
    if (!where.isEmpty())
        sql += QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    sql += QStringLiteral(" ORDER BY %1 %2, id %2 LIMIT %3")
               .arg(order, issueQuery.descending ? QStringLiteral("DESC") : QStringLiteral("ASC"))
               .arg(qBound(1, issueQuery.limit, 10000));
    QSqlQuery query(m_db);
    query.prepare(sql);
    for (const QVariant &v : binds)
        query.addBindValue(v);
    query.exec();
    QList<IssueSummary> out = summariesFrom(query);
    fillHourly(out, nowMs);
    return out;
}

std::optional<IssueSummary> SqliteErrorStore::issueSummary(qint64 issueId)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT %1 FROM issues WHERE id = ?").arg(QLatin1String(kSummaryColumns)));
    query.addBindValue(issueId);
    query.exec();
    const QList<IssueSummary> found = summariesFrom(query);
    if (found.isEmpty())
        return std::nullopt;
    return found.first();
}

std::optional<IssueDetail> SqliteErrorStore::issue(qint64 issueId, const QString &eventId, qint64 nowMs)
{
    auto summary = issueSummary(issueId);
    if (!summary)
        return std::nullopt;
    IssueDetail detail;
    QList<IssueSummary> one{*summary};
    fillHourly(one, nowMs);
    detail.summary = one.first();

    QSqlQuery reason(m_db);
    reason.prepare(QStringLiteral("SELECT grouping_reason FROM issues WHERE id = ?"));
    reason.addBindValue(issueId);
    if (reason.exec() && reason.next())
        detail.groupingReason = reason.value(0).toString();

    // 30 daily buckets from the hourly ones, oldest first.
    detail.last30Days = QVector<int>(30, 0);
    const qint64 today = nowMs / kDayMs;
    QSqlQuery days(m_db);
    days.prepare(QStringLiteral("SELECT hour, count FROM issue_hours WHERE issue_id = ? AND hour >= ?"));
    days.addBindValue(issueId);
    days.addBindValue((today - 29) * 24);
    days.exec();
    while (days.next()) {
        const qint64 index = 29 - (today - days.value(0).toLongLong() * kHourMs / kDayMs);
        if (index >= 0 && index < 30)
            detail.last30Days[index] += days.value(1).toInt();
    }

    QSqlQuery tags(m_db);
    tags.prepare(QStringLiteral("SELECT key, value, count FROM issue_tags WHERE issue_id = ? ORDER BY key, count DESC, value"));
    tags.addBindValue(issueId);
    tags.exec();
    while (tags.next()) {
        const QString key = tags.value(0).toString();
        if (detail.tags.isEmpty() || detail.tags.last().key != key)
            detail.tags.append(TagSummary{key, {}});
        if (detail.tags.last().topValues.size() < kTopTagValues)
            detail.tags.last().topValues.append({tags.value(1).toString(), tags.value(2).toLongLong()});
    }

    // The event shown, and its neighbours in arrival order.
    QSqlQuery shown(m_db);
    if (eventId.isEmpty()) {
        shown.prepare(QStringLiteral("SELECT id, event_id, payload, overrides FROM events WHERE issue_id = ? ORDER BY id DESC LIMIT 1"));
        shown.addBindValue(issueId);
    } else {
        shown.prepare(QStringLiteral("SELECT id, event_id, payload, overrides FROM events WHERE issue_id = ? AND event_id = ?"));
        shown.addBindValue(issueId);
        shown.addBindValue(eventId);
    }
    shown.exec();
    if (shown.next()) {
        const qint64 rowId = shown.value(0).toLongLong();
        detail.eventId = shown.value(1).toString();
        detail.event = storedEvent(shown, 2);
        for (bool previous : {true, false}) {
            QSqlQuery neighbour(m_db);
            neighbour.prepare(previous ? QStringLiteral("SELECT event_id FROM events WHERE issue_id = ? AND id < ? ORDER BY id DESC LIMIT 1")
                                       : QStringLiteral("SELECT event_id FROM events WHERE issue_id = ? AND id > ? ORDER BY id ASC LIMIT 1"));
            neighbour.addBindValue(issueId);
            neighbour.addBindValue(rowId);
            if (neighbour.exec() && neighbour.next())
                (previous ? detail.previousEventId : detail.nextEventId) = neighbour.value(0).toString();
        }
    } else if (!eventId.isEmpty()) {
        return std::nullopt;
    }
    return detail;
}

bool SqliteErrorStore::setIssueStatus(qint64 issueId, IssueStatus status, QString *error)
{
    m_issueCache.clear(); // statuses change or issues go
    // On PostgreSQL between two ingest batches of any node: a batch reads an issue's status and
    // writes it back, which must not undo this change.
    if (m_postgres && !m_db.transaction()) {
        *error = m_db.lastError().text();
        return false;
    }
    const auto done = [&](bool ok) {
        if (m_postgres && !(ok ? m_db.commit() : m_db.rollback()) && ok) {
            *error = m_db.lastError().text();
            m_db.rollback();
            return false;
        }
        return ok;
    };
    if (!takeTurnWithOtherNodes(error))
        return done(false);
    QSqlQuery query(m_db);
    // Resolving or ignoring ends a regression; reopening by hand is not one.
    query.prepare(QStringLiteral("UPDATE issues SET status = ?, regressed = 0 WHERE id = ?"));
    query.addBindValue(int(status));
    query.addBindValue(issueId);
    if (!query.exec()) {
        *error = sqlError(query);
        return done(false);
    }
    if (query.numRowsAffected() == 0) {
        *error = QStringLiteral("no issue %1").arg(issueId);
        return done(false);
    }
    return done(true);
}

qint64 SqliteErrorStore::setIssuesStatus(qint64 projectId, const QList<qint64> &ids, std::optional<IssueStatus> onlyStatus,
                                         IssueStatus status, QString *error)
{
    m_issueCache.clear(); // statuses change
    QList<qint64> distinct = ids;
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    QStringList idList;
    for (qint64 id : distinct)
        idList << QString::number(id);
    const QString inIds = QStringLiteral(" AND id IN (%1)").arg(idList.join(u','));
    if (!beginWrite(error))
        return -1;
    const auto fail = [&](const QSqlQuery &query) {
        *error = sqlError(query);
        m_db.rollback();
        return qint64(-1);
    };
    if (!distinct.isEmpty()) {
        QSqlQuery inScope(m_db);
        inScope.prepare(QStringLiteral("SELECT count(*) FROM issues WHERE project_id = ?") + inIds);
        inScope.addBindValue(projectId);
        if (!inScope.exec() || !inScope.next())
            return fail(inScope);
        if (inScope.value(0).toLongLong() != distinct.size()) {
            m_db.rollback();
            return 0;
        }
    }
    QSqlQuery update(m_db);
    // As for one issue: resolving or ignoring ends a regression, reopening is not one.
    update.prepare(QStringLiteral("UPDATE issues SET status = ?, regressed = 0 WHERE project_id = ?")
                   + (distinct.isEmpty() ? QString() : inIds) + (onlyStatus ? QStringLiteral(" AND status = ?") : QString()));
    update.addBindValue(int(status));
    update.addBindValue(projectId);
    if (onlyStatus)
        update.addBindValue(int(*onlyStatus));
    if (!update.exec())
        return fail(update);
    const qint64 changed = update.numRowsAffected();
    if (!m_db.commit()) {
        *error = m_db.lastError().text();
        m_db.rollback();
        return -1;
    }
    return changed;
}

QList<QJsonObject> SqliteErrorStore::issueEvents(qint64 issueId, int limit, int offset)
{
    QList<QJsonObject> out;
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT payload, overrides FROM events WHERE issue_id = ? ORDER BY id DESC LIMIT ? OFFSET ?"));
    query.addBindValue(issueId);
    query.addBindValue(qBound(1, limit, 1000));
    query.addBindValue(qMax(0, offset));
    query.exec();
    while (query.next())
        out << storedEvent(query, 0);
    return out;
}

std::optional<QJsonObject> SqliteErrorStore::issueEdgeEvent(qint64 issueId, bool oldest)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT payload, overrides FROM events WHERE issue_id = ? ORDER BY id %1 LIMIT 1")
                      .arg(oldest ? QStringLiteral("ASC") : QStringLiteral("DESC")));
    query.addBindValue(issueId);
    if (query.exec() && query.next())
        return storedEvent(query, 0);
    return std::nullopt;
}

std::optional<QJsonObject> SqliteErrorStore::event(qint64 projectId, const QString &eventId)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT payload, overrides FROM events WHERE project_id = ? AND event_id = ?"));
    query.addBindValue(projectId);
    query.addBindValue(eventId);
    if (query.exec() && query.next())
        return storedEvent(query, 0);
    return std::nullopt;
}

qint64 SqliteErrorStore::issueOfEvent(qint64 projectId, const QString &eventId)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT issue_id FROM events WHERE project_id = ? AND event_id = ?"));
    query.addBindValue(projectId);
    query.addBindValue(eventId);
    if (query.exec() && query.next())
        return query.value(0).toLongLong();
    return 0;
}

qint64 SqliteErrorStore::itemCount(qint64 projectId, const QString &type)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT count FROM item_counts WHERE project_id = ? AND type = ?"));
    query.addBindValue(projectId);
    query.addBindValue(type);
    if (query.exec() && query.next())
        return query.value(0).toLongLong();
    return 0;
}

QList<StoredItem> SqliteErrorStore::eventItems(qint64 projectId, const QString &eventId, const QString &type)
{
    QList<StoredItem> out;
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT id, type, event_id, headers, coalesce(size, length(payload), 0), received FROM items"
                                 " WHERE project_id = ? AND event_id = ?%1 ORDER BY id")
                      .arg(type.isEmpty() ? QString() : QStringLiteral(" AND type = ?")));
    query.addBindValue(projectId);
    query.addBindValue(eventId);
    if (!type.isEmpty())
        query.addBindValue(type);
    query.exec();
    while (query.next()) {
        StoredItem item;
        item.id = query.value(0).toLongLong();
        item.type = query.value(1).toString();
        item.eventId = query.value(2).toString();
        item.headers = QJsonDocument::fromJson(query.value(3).toString().toUtf8()).object();
        item.size = query.value(4).toLongLong();
        item.receivedMs = query.value(5).toLongLong();
        out << item;
    }
    return out;
}

std::optional<QByteArray> SqliteErrorStore::itemPayload(qint64 projectId, qint64 itemId)
{
    qint64 size = 0;
    const std::unique_ptr<QIODevice> in = openItemPayload(projectId, itemId, &size);
    if (!in)
        return std::nullopt;
    QByteArray out;
    out.reserve(size);
    while (out.size() < size) {
        const QByteArray part = in->read(size - out.size());
        if (part.isEmpty())
            return std::nullopt;
        out += part;
    }
    return out;
}

std::unique_ptr<QIODevice> SqliteErrorStore::openItemPayload(qint64 projectId, qint64 itemId, qint64 *size)
{
    QSqlQuery query(m_db);
    query.prepare(m_postgres ? QStringLiteral("SELECT payload, file, chunks, size FROM items WHERE project_id = ? AND id = ?")
                             : QStringLiteral("SELECT payload, file, NULL, size FROM items WHERE project_id = ? AND id = ?"));
    query.addBindValue(projectId);
    query.addBindValue(itemId);
    if (!query.exec()) {
        if (m_link)
            m_link->checkLink();
        return nullptr;
    }
    if (!query.next())
        return nullptr;
    std::unique_ptr<QIODevice> out;
    const QString file = query.value(1).toString();
    if (!query.value(2).isNull()) {
        *size = query.value(3).toLongLong();
        out = std::make_unique<BlobDevice>(m_connectionName, itemId, *size);
    } else if (!file.isEmpty()) {
        out = std::make_unique<QFile>(itemFilePath(file));
    } else {
        auto buffer = std::make_unique<QBuffer>();
        buffer->setData(query.value(0).toByteArray());
        out = std::move(buffer);
    }
    if (!out->open(QIODevice::ReadOnly | QIODevice::Unbuffered))
        return nullptr;
    *size = out->size();
    return out;
}

StoreTotals SqliteErrorStore::totals()
{
    StoreTotals totals;
    QSqlQuery query(m_db);
    if (query.exec(QStringLiteral("SELECT count(*), coalesce(sum(CASE WHEN status = 0 THEN 1 ELSE 0 END), 0) FROM issues")) && query.next()) {
        totals.issues = query.value(0).toLongLong();
        totals.unresolvedIssues = query.value(1).toLongLong();
    }
    return totals;
}

qint64 SqliteErrorStore::eventCount(qint64 projectId)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT count(*) FROM events WHERE project_id = ?"));
    query.addBindValue(projectId);
    if (query.exec() && query.next())
        return query.value(0).toLongLong();
    return 0;
}

qint64 SqliteErrorStore::sweep(qint64 nowMs, int capDays)
{
    m_issueCache.clear(); // statuses change or issues go
    qint64 removed = 0;
    QString beginError;
    if (!beginWrite(&beginError))
        return 0;
    for (ProjectInfo project : projects()) {
        if (capDays > 0 && (project.retentionDays <= 0 || project.retentionDays > capDays))
            project.retentionDays = capDays;
        if (project.retentionDays > 0) {
            QSqlQuery old(m_db);
            old.prepare(QStringLiteral("DELETE FROM events WHERE project_id = ? AND received < ?"));
            old.addBindValue(project.id);
            old.addBindValue(nowMs - qint64(project.retentionDays) * kDayMs);
            if (old.exec())
                removed += old.numRowsAffected();
            QString itemsError;
            deleteItems(QStringLiteral("project_id = ? AND received < ?"),
                        {project.id, nowMs - qint64(project.retentionDays) * kDayMs}, &itemsError);
        }
        if (project.maxEvents > 0) {
            // Keep the newest maxEvents: everything at or below the id of the first one to go,
            // with the items (attachments) of the events that go.
            const QString firstToGo = QStringLiteral("(SELECT id FROM events WHERE project_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?)");
            QString itemsError;
            deleteItems(QStringLiteral("project_id = ? AND event_id IN (SELECT event_id FROM events WHERE project_id = ? AND id <= %1)")
                            .arg(firstToGo),
                        {project.id, project.id, project.id, project.maxEvents}, &itemsError);
            QSqlQuery excess(m_db);
            excess.prepare(QStringLiteral("DELETE FROM events WHERE project_id = ? AND id <= (SELECT id FROM events"
                                          " WHERE project_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?)"));
            excess.addBindValue(project.id);
            excess.addBindValue(project.id);
            excess.addBindValue(project.maxEvents);
            if (excess.exec())
                removed += excess.numRowsAffected();
        }
    }
    // Issues whose every event is gone go too, with their summaries.
    const QString orphans = QStringLiteral("(SELECT id FROM issues WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.issue_id = issues.id))");
    for (const QString &sql : {QStringLiteral("DELETE FROM issue_users WHERE issue_id IN ") + orphans,
                               QStringLiteral("DELETE FROM issue_tags WHERE issue_id IN ") + orphans,
                               QStringLiteral("DELETE FROM issue_hours WHERE issue_id IN ") + orphans,
                               QStringLiteral("DELETE FROM issues WHERE id IN ") + orphans}) {
        exec(sql, nullptr);
    }
    QSqlQuery buckets(m_db);
    buckets.prepare(QStringLiteral("DELETE FROM issue_hours WHERE hour < ?"));
    buckets.addBindValue((nowMs - kBucketKeepMs) / kHourMs);
    buckets.exec();
    if (!m_db.commit()) {
        m_db.rollback();
        m_filesToRemove.clear();
        return 0;
    }
    removeFiles(m_filesToRemove);
    return removed;
}

} // namespace homeport::errors
