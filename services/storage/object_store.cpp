#include "object_store.h"

#include "core/logging.h"
#include "core/secrets.h"
#include "core/sqlite_database.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

#include <fcntl.h>
#include <unistd.h>

#include <utility>

namespace homeport::storage {

namespace {

const char *const kSchema[] = {
    "CREATE TABLE IF NOT EXISTS buckets(name TEXT PRIMARY KEY, created INTEGER NOT NULL)",
    "CREATE TABLE IF NOT EXISTS uploads(id TEXT PRIMARY KEY, bucket TEXT NOT NULL, key BLOB NOT NULL,"
    " initiated INTEGER NOT NULL, headers TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS uploads_by_key ON uploads(bucket, key, initiated)",
    "CREATE TABLE IF NOT EXISTS parts(upload TEXT NOT NULL, number INTEGER NOT NULL, size INTEGER NOT NULL,"
    " etag TEXT NOT NULL, modified INTEGER NOT NULL, file TEXT NOT NULL, PRIMARY KEY(upload, number)) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS bucket_cors(bucket TEXT PRIMARY KEY, config BLOB NOT NULL)",
    "CREATE TABLE IF NOT EXISTS bucket_policies(bucket TEXT PRIMARY KEY, policy BLOB NOT NULL)",
    "CREATE TABLE IF NOT EXISTS bucket_tags(bucket TEXT PRIMARY KEY, tags TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS completed_uploads(id TEXT PRIMARY KEY, bucket TEXT NOT NULL, key BLOB NOT NULL,"
    " etag TEXT NOT NULL, completed INTEGER NOT NULL)",
};

// The objects table as it is now (%1: its name). A rowid table with (bucket, key) as a separate
// unique index: small objects keep their bytes in the row, and in a WITHOUT ROWID table (this
// table's shape before) every interior b-tree cell is a whole row with its overflow, so a 4 KiB
// object's lookup read about 18 pages where this one reads the index, the row and its overflow.
constexpr char kObjectsTable[] =
    "CREATE TABLE IF NOT EXISTS %1(bucket TEXT NOT NULL, key BLOB NOT NULL, size INTEGER NOT NULL,"
    " etag TEXT NOT NULL, modified INTEGER NOT NULL, file TEXT NOT NULL, headers TEXT NOT NULL,"
    " tags TEXT NOT NULL DEFAULT '', data BLOB, segments TEXT, PRIMARY KEY(bucket, key))";
constexpr char kObjectColumns[] = "bucket, key, size, etag, modified, file, headers, tags, data, segments";

// A tag set for a TEXT NOT NULL column: a null QString would bind as NULL.
QString tagsText(const QByteArray &tags)
{
    return tags.isEmpty() ? QStringLiteral("") : QString::fromLatin1(tags);
}

QString sqlError(const QSqlQuery &q)
{
    return q.lastError().text();
}

bool fsyncPath(const QString &path, bool directory)
{
    const int fd = ::open(QFile::encodeName(path).constData(), directory ? O_RDONLY | O_DIRECTORY : O_RDONLY);
    if (fd < 0)
        return false;
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

QString randomId()
{
    return core::Secrets::randomToken(32, u"0123456789abcdef");
}

ObjectRecord objectFrom(const QSqlQuery &q, int first)
{
    ObjectRecord r;
    r.key = q.value(first).toByteArray();
    r.size = q.value(first + 1).toLongLong();
    r.etag = q.value(first + 2).toString().toLatin1();
    r.modifiedMs = q.value(first + 3).toLongLong();
    r.file = q.value(first + 4).toString();
    r.headers = decodeHeaders(q.value(first + 5).toString());
    r.tags = q.value(first + 6).toString().toLatin1();
    return r;
}

UploadRecord uploadFrom(const QSqlQuery &q)
{
    UploadRecord u;
    u.id = q.value(0).toString().toLatin1();
    u.bucket = q.value(1).toString();
    u.key = q.value(2).toByteArray();
    u.initiatedMs = q.value(3).toLongLong();
    u.headers = decodeHeaders(q.value(4).toString());
    u.tags = q.value(5).toString().toLatin1();
    return u;
}

} // namespace

// Lease counts per file and the removals waiting for them; shared with the leases, which may
// end on any thread (a worker's copy of a job), hence the mutex.
class FileLeases
{
public:
    explicit FileLeases(const QString &root) : m_root(root) {}

    void acquire(const QStringList &files)
    {
        const QMutexLocker lock(&m_mutex);
        for (const QString &f : files)
            ++m_count[f];
    }
    void release(const QStringList &files)
    {
        QStringList remove;
        {
            const QMutexLocker lock(&m_mutex);
            for (const QString &f : files) {
                auto it = m_count.find(f);
                if (it == m_count.end() || --*it > 0)
                    continue;
                m_count.erase(it);
                if (m_doomed.remove(f))
                    remove.append(f);
            }
        }
        for (const QString &f : remove)
            QFile::remove(QDir(m_root).filePath(f));
    }
    // True when the file is leased: it is removed when the last lease ends.
    bool deferRemoval(const QString &file)
    {
        const QMutexLocker lock(&m_mutex);
        if (!m_count.contains(file))
            return false;
        m_doomed.insert(file);
        return true;
    }

private:
    QMutex m_mutex;
    QString m_root;
    QHash<QString, int> m_count;
    QSet<QString> m_doomed;
};

struct FileLease::Hold
{
    std::weak_ptr<FileLeases> leases;
    QStringList files;
    ~Hold()
    {
        if (const std::shared_ptr<FileLeases> l = leases.lock())
            l->release(files);
    }
};

QStringList ObjectRecord::files() const
{
    QStringList out;
    if (!file.isEmpty())
        out.append(file);
    for (const ObjectSegment &s : segments)
        out.append(s.file);
    return out;
}

QString encodeSegments(const QList<ObjectSegment> &segments)
{
    QString out;
    for (const ObjectSegment &s : segments)
        out += QString::number(s.size) + u' ' + s.file + u'\n';
    return out;
}

QList<ObjectSegment> decodeSegments(const QString &text)
{
    QList<ObjectSegment> out;
    for (const QStringView line : QStringView(text).split(u'\n', Qt::SkipEmptyParts)) {
        const qsizetype space = line.indexOf(u' ');
        if (space > 0)
            out.append({line.mid(space + 1).toString(), line.left(space).toLongLong()});
    }
    return out;
}

QString encodeHeaders(const http::HeaderList &headers)
{
    QJsonArray a;
    for (const auto &[name, value] : headers)
        a.append(QJsonArray{QString::fromLatin1(name), QString::fromLatin1(value)});
    return QString::fromUtf8(QJsonDocument(a).toJson(QJsonDocument::Compact));
}

http::HeaderList decodeHeaders(const QString &text)
{
    http::HeaderList out;
    for (const QJsonValue &v : QJsonDocument::fromJson(text.toUtf8()).array()) {
        const QJsonArray pair = v.toArray();
        out.append({pair.at(0).toString().toLatin1(), pair.at(1).toString().toLatin1()});
    }
    return out;
}

QByteArray prefixUpperBound(const QByteArray &prefix)
{
    QByteArray upper = prefix;
    while (!upper.isEmpty()) {
        if (quint8(upper.back()) != 0xFF) {
            upper.back() = char(quint8(upper.back()) + 1);
            return upper;
        }
        upper.chop(1);
    }
    return {};
}

ObjectStore::ObjectStore(const QString &root, const QString &connectionName)
    : m_root(root), m_connectionName(connectionName), m_leases(std::make_shared<FileLeases>(root))
{
}

ObjectStore::~ObjectStore()
{
    close();
}

bool ObjectStore::exec(const QString &sql, QString *error)
{
    QSqlQuery q(m_db);
    if (!q.exec(sql)) {
        if (error)
            *error = sqlError(q);
        return false;
    }
    return true;
}

bool ObjectStore::open(QString *error)
{
    const QDir root(m_root);
    for (const char *dir : {"objects", "tmp"}) {
        if (!root.mkpath(QString::fromLatin1(dir))) {
            *error = QStringLiteral("cannot create %1").arg(root.filePath(QString::fromLatin1(dir)));
            return false;
        }
    }
    // Bodies that were still arriving when the last run ended are not objects.
    QDir tmp(root.filePath(QStringLiteral("tmp")));
    for (const QString &f : tmp.entryList(QDir::Files | QDir::Hidden))
        tmp.remove(f);

    const QString path = root.filePath(QStringLiteral("storage.db"));
    if (!core::openSqliteWal(&m_db, path, m_connectionName, error))
        return false;
    QString e;
    if (!exec(QStringLiteral("PRAGMA synchronous=FULL"), &e) || !exec(QStringLiteral("PRAGMA busy_timeout=5000"), &e)) {
        *error = QStringLiteral("cannot configure %1: %2").arg(path, e);
        return false;
    }
    for (const char *statement : kSchema) {
        if (!exec(QString::fromLatin1(statement), &e)) {
            *error = QStringLiteral("cannot create the schema in %1: %2").arg(path, e);
            return false;
        }
    }
    if (!exec(QString::fromLatin1(kObjectsTable).arg(QLatin1String("objects")), &e)) {
        *error = QStringLiteral("cannot create the objects table in %1: %2").arg(path, e);
        return false;
    }
    // Stores made before object tagging get the column (empty: no tags).
    for (const char *table : {"objects", "uploads"}) {
        bool hasTags = false;
        QSqlQuery columns(m_db);
        columns.exec(QStringLiteral("PRAGMA table_info(%1)").arg(QLatin1String(table)));
        while (columns.next())
            hasTags = hasTags || columns.value(1).toString() == QLatin1String("tags");
        if (!hasTags && !exec(QStringLiteral("ALTER TABLE %1 ADD COLUMN tags TEXT NOT NULL DEFAULT ''").arg(QLatin1String(table)), &e)) {
            *error = QStringLiteral("cannot add tags to %1 in %2: %3").arg(QLatin1String(table), path, e);
            return false;
        }
    }
    // Stores made before small objects were kept inline have no data column yet.
    QSqlQuery columns(m_db);
    bool hasData = false;
    columns.exec(QStringLiteral("PRAGMA table_info(objects)"));
    while (columns.next())
        hasData = hasData || columns.value(1).toString() == QLatin1String("data");
    if (!hasData && !exec(QStringLiteral("ALTER TABLE objects ADD COLUMN data BLOB"), &e)) {
        *error = QStringLiteral("cannot add the data column in %1: %2").arg(path, e);
        return false;
    }
    // Stores made before multipart objects kept their parts have no segments column yet.
    bool hasSegments = false;
    columns.exec(QStringLiteral("PRAGMA table_info(objects)"));
    while (columns.next())
        hasSegments = hasSegments || columns.value(1).toString() == QLatin1String("segments");
    if (!hasSegments && !exec(QStringLiteral("ALTER TABLE objects ADD COLUMN segments TEXT"), &e)) {
        *error = QStringLiteral("cannot add the segments column in %1: %2").arg(path, e);
        return false;
    }
    // Stores made before the objects table kept rowids get it rebuilt (see kObjectsTable).
    bool withoutRowid = false;
    {
        QSqlQuery shape(m_db);
        shape.exec(QStringLiteral("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'objects'"));
        withoutRowid = shape.next() && shape.value(0).toString().contains(QLatin1String("WITHOUT ROWID"), Qt::CaseInsensitive);
    }
    if (withoutRowid && !rebuildObjectsTable(&e)) {
        *error = QStringLiteral("cannot rebuild the objects table in %1: %2").arg(path, e);
        return false;
    }
    m_buckets.clear();
    QSqlQuery buckets(m_db);
    buckets.exec(QStringLiteral("SELECT name, created FROM buckets"));
    while (buckets.next())
        m_buckets.insert(buckets.value(0).toString(), buckets.value(1).toLongLong());
    removeOrphans();
    return true;
}

bool ObjectStore::rebuildObjectsTable(QString *error)
{
    // One transaction: a crash leaves the old table or the new one, never half of either.
    if (!beginWrite(error))
        return false;
    const QString columns = QString::fromLatin1(kObjectColumns);
    const bool ok = exec(QStringLiteral("DROP TABLE IF EXISTS objects_rebuilt"), error)
        && exec(QString::fromLatin1(kObjectsTable).arg(QLatin1String("objects_rebuilt")), error)
        && exec(QStringLiteral("INSERT INTO objects_rebuilt(%1) SELECT %1 FROM objects").arg(columns), error)
        && exec(QStringLiteral("DROP TABLE objects"), error)
        && exec(QStringLiteral("ALTER TABLE objects_rebuilt RENAME TO objects"), error);
    if (!ok || !m_db.commit()) {
        if (ok)
            *error = m_db.lastError().text();
        m_db.rollback();
        return false;
    }
    qCInfo(lcStorage) << "rebuilt the objects table of" << m_root << "as a rowid table";
    return true;
}

bool ObjectStore::openForCommits(QString *error)
{
    const QString path = QDir(m_root).filePath(QStringLiteral("storage.db"));
    if (!core::openSqliteWal(&m_db, path, m_connectionName, error))
        return false;
    QString e;
    if (!exec(QStringLiteral("PRAGMA synchronous=FULL"), &e) || !exec(QStringLiteral("PRAGMA busy_timeout=5000"), &e)) {
        *error = QStringLiteral("cannot configure %1: %2").arg(path, e);
        return false;
    }
    return true;
}

void ObjectStore::close()
{
    m_objectQuery.reset();
    m_putQuery.reset();
    m_replacedFilesQuery.reset();
    m_buckets.clear();
    if (!m_db.isValid())
        return;
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

void ObjectStore::removeOrphans()
{
    QSet<QString> referenced;
    QSqlQuery q(m_db);
    q.exec(QStringLiteral("SELECT file FROM objects UNION ALL SELECT file FROM parts"));
    while (q.next())
        referenced.insert(q.value(0).toString());
    QSqlQuery segmented(m_db);
    segmented.exec(QStringLiteral("SELECT segments FROM objects WHERE segments IS NOT NULL"));
    while (segmented.next()) {
        for (const ObjectSegment &segment : decodeSegments(segmented.value(0).toString()))
            referenced.insert(segment.file);
    }
    const QDir root(m_root);
    QDirIterator it(root.filePath(QStringLiteral("objects")), QDir::Files, QDirIterator::Subdirectories);
    int removed = 0;
    while (it.hasNext()) {
        const QString path = it.next();
        if (!referenced.contains(root.relativeFilePath(path))) {
            QFile::remove(path);
            ++removed;
        }
    }
    if (removed)
        qCInfo(lcStorage) << "storage: removed" << removed << "data files of writes that never committed";
}

QString ObjectStore::absolutePath(const QString &file) const
{
    return QDir(m_root).filePath(file);
}

QString ObjectStore::newTempPath()
{
    // Every object PUT asks for one before it knows whether its body stays inline: a random
    // prefix per open store and a counter keep the names unique (tmp/ is emptied at open())
    // without 32 draws from the system's random generator each.
    if (m_tempPrefix.isEmpty())
        m_tempPrefix = QDir(m_root).filePath(QStringLiteral("tmp/") + randomId().left(16) + u'-');
    return m_tempPrefix + QString::number(++m_tempCounter);
}

QString ObjectStore::installFile(const QString &tempPath, QString *error)
{
    const QString id = randomId();
    const QString relativeDir = QStringLiteral("objects/") + id.left(2);
    const QString dir = absolutePath(relativeDir);
    if (!QDir().mkpath(dir)) {
        *error = QStringLiteral("cannot create %1").arg(dir);
        return {};
    }
    const QString relative = relativeDir + u'/' + id;
    if (::rename(QFile::encodeName(tempPath).constData(), QFile::encodeName(absolutePath(relative)).constData()) != 0) {
        *error = QStringLiteral("cannot move %1 into the store: %2").arg(tempPath, QString::fromLocal8Bit(strerror(errno)));
        return {};
    }
    if (!fsyncPath(dir, true)) {
        *error = QStringLiteral("cannot sync %1").arg(dir);
        return {};
    }
    return relative;
}

QString ObjectStore::linkFile(const QString &file, QString *error)
{
    const QString temp = newTempPath();
    const QByteArray source = QFile::encodeName(absolutePath(file));
    if (::link(source.constData(), QFile::encodeName(temp).constData()) != 0) {
        *error = QStringLiteral("cannot link %1: %2").arg(file, QString::fromLocal8Bit(strerror(errno)));
        return {};
    }
    const QString installed = installFile(temp, error);
    if (installed.isEmpty())
        QFile::remove(temp);
    return installed;
}

void ObjectStore::removeFile(const QString &file)
{
    if (!file.isEmpty() && !m_leases->deferRemoval(file))
        QFile::remove(absolutePath(file));
}

void ObjectStore::removeFiles(const QStringList &files)
{
    for (const QString &file : files)
        removeFile(file);
}

FileLease ObjectStore::lease(const QStringList &files)
{
    FileLease lease;
    m_leases->acquire(files);
    lease.m_hold = std::make_shared<FileLease::Hold>();
    lease.m_hold->leases = m_leases;
    lease.m_hold->files = files;
    return lease;
}

QList<BucketRecord> ObjectStore::buckets()
{
    QList<BucketRecord> out;
    QSqlQuery q(m_db);
    q.exec(QStringLiteral("SELECT name, created FROM buckets ORDER BY name"));
    while (q.next())
        out.append({q.value(0).toString(), q.value(1).toLongLong()});
    return out;
}

QList<ObjectStore::Usage> ObjectStore::bucketUsage()
{
    QList<Usage> out;
    QSqlQuery q(m_db);
    q.exec(QStringLiteral("SELECT b.name, b.created, COUNT(o.key), COALESCE(SUM(o.size), 0) FROM buckets b"
                          " LEFT JOIN objects o ON o.bucket = b.name GROUP BY b.name ORDER BY b.name"));
    while (q.next())
        out.append({q.value(0).toString(), q.value(1).toLongLong(), q.value(2).toLongLong(), q.value(3).toLongLong()});
    return out;
}

std::optional<BucketRecord> ObjectStore::bucket(const QString &name)
{
    const auto it = m_buckets.constFind(name);
    if (it == m_buckets.constEnd())
        return std::nullopt;
    return BucketRecord{it.key(), it.value()};
}

bool ObjectStore::createBucket(const QString &name, QString *error)
{
    QSqlQuery q(m_db);
    const qint64 created = QDateTime::currentMSecsSinceEpoch();
    q.prepare(QStringLiteral("INSERT INTO buckets(name, created) VALUES(?, ?)"));
    q.addBindValue(name);
    q.addBindValue(created);
    if (!q.exec()) {
        *error = sqlError(q);
        return false;
    }
    m_buckets.insert(name, created);
    return true;
}

bool ObjectStore::deleteBucket(const QString &name, QString *error)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM buckets WHERE name = ?"));
    q.addBindValue(name);
    if (!q.exec()) {
        *error = sqlError(q);
        return false;
    }
    m_buckets.remove(name);
    QSqlQuery done(m_db);
    done.prepare(QStringLiteral("DELETE FROM completed_uploads WHERE bucket = ?"));
    done.addBindValue(name);
    done.exec();
    setBucketCors(name, {}, error);
    setBucketPolicy(name, {}, error);
    setBucketTags(name, {}, error);
    return true;
}

QByteArray ObjectStore::bucketTags(const QString &bucket)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT tags FROM bucket_tags WHERE bucket = ?"));
    q.addBindValue(bucket);
    if (!q.exec() || !q.next())
        return {};
    return q.value(0).toString().toLatin1();
}

bool ObjectStore::setBucketTags(const QString &bucket, const QByteArray &tags, QString *error)
{
    QSqlQuery q(m_db);
    if (tags.isEmpty()) {
        q.prepare(QStringLiteral("DELETE FROM bucket_tags WHERE bucket = ?"));
        q.addBindValue(bucket);
    } else {
        q.prepare(QStringLiteral("INSERT OR REPLACE INTO bucket_tags(bucket, tags) VALUES(?, ?)"));
        q.addBindValue(bucket);
        q.addBindValue(QString::fromLatin1(tags));
    }
    if (!q.exec()) {
        *error = sqlError(q);
        return false;
    }
    return true;
}

QByteArray ObjectStore::bucketPolicy(const QString &bucket)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT policy FROM bucket_policies WHERE bucket = ?"));
    q.addBindValue(bucket);
    if (!q.exec() || !q.next())
        return {};
    return q.value(0).toByteArray();
}

bool ObjectStore::setBucketPolicy(const QString &bucket, const QByteArray &policy, QString *error)
{
    QSqlQuery q(m_db);
    if (policy.isEmpty()) {
        q.prepare(QStringLiteral("DELETE FROM bucket_policies WHERE bucket = ?"));
        q.addBindValue(bucket);
    } else {
        q.prepare(QStringLiteral("INSERT OR REPLACE INTO bucket_policies(bucket, policy) VALUES(?, ?)"));
        q.addBindValue(bucket);
        q.addBindValue(policy);
    }
    if (!q.exec()) {
        *error = sqlError(q);
        return false;
    }
    return true;
}

bool ObjectStore::setObjectTags(const QString &bucket, const QByteArray &key, const QByteArray &tags, QString *error)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE objects SET tags = ? WHERE bucket = ? AND key = ?"));
    q.addBindValue(tagsText(tags));
    q.addBindValue(bucket);
    q.addBindValue(key);
    if (!q.exec()) {
        *error = sqlError(q);
        return false;
    }
    return q.numRowsAffected() > 0;
}

QByteArray ObjectStore::bucketCors(const QString &bucket)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT config FROM bucket_cors WHERE bucket = ?"));
    q.addBindValue(bucket);
    if (!q.exec() || !q.next())
        return {};
    return q.value(0).toByteArray();
}

bool ObjectStore::setBucketCors(const QString &bucket, const QByteArray &config, QString *error)
{
    QSqlQuery q(m_db);
    if (config.isEmpty()) {
        q.prepare(QStringLiteral("DELETE FROM bucket_cors WHERE bucket = ?"));
        q.addBindValue(bucket);
    } else {
        q.prepare(QStringLiteral("INSERT OR REPLACE INTO bucket_cors(bucket, config) VALUES(?, ?)"));
        q.addBindValue(bucket);
        q.addBindValue(config);
    }
    if (!q.exec()) {
        *error = sqlError(q);
        return false;
    }
    return true;
}

bool ObjectStore::hasObjectsOrUploads(const QString &bucket)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT EXISTS(SELECT 1 FROM objects WHERE bucket = ?) OR EXISTS(SELECT 1 FROM uploads WHERE bucket = ?)"));
    q.addBindValue(bucket);
    q.addBindValue(bucket);
    return q.exec() && q.next() && q.value(0).toBool();
}

std::optional<ObjectRecord> ObjectStore::object(const QString &bucket, const QByteArray &key)
{
    if (!m_objectQuery) {
        m_objectQuery = std::make_unique<QSqlQuery>(m_db);
        m_objectQuery->setForwardOnly(true);
        m_objectQuery->prepare(QStringLiteral("SELECT key, size, etag, modified, file, headers, tags, data, segments FROM objects WHERE bucket = ? AND key = ?"));
    }
    QSqlQuery &q = *m_objectQuery;
    q.bindValue(0, bucket);
    q.bindValue(1, key);
    if (!q.exec() || !q.next()) {
        q.finish();
        return std::nullopt;
    }
    ObjectRecord r = objectFrom(q, 0);
    if (!q.isNull(8))
        r.segments = decodeSegments(q.value(8).toString());
    else if (r.file.isEmpty())
        r.data = q.value(7).toByteArray();
    q.finish(); // ends the statement's read, so checkpoints are not held back
    return r;
}

bool ObjectStore::putObject(const QString &bucket, const ObjectRecord &record, QString *error)
{
    // The replaced version's files only (not its bytes or headers); both statements are
    // prepared once, as every small PUT runs them.
    if (!m_replacedFilesQuery) {
        m_replacedFilesQuery = std::make_unique<QSqlQuery>(m_db);
        m_replacedFilesQuery->setForwardOnly(true);
        m_replacedFilesQuery->prepare(QStringLiteral("SELECT file, segments FROM objects WHERE bucket = ? AND key = ?"));
        m_putQuery = std::make_unique<QSqlQuery>(m_db);
        m_putQuery->prepare(QStringLiteral("INSERT OR REPLACE INTO objects(%1) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                                .arg(QLatin1String(kObjectColumns)));
    }
    QStringList replacedFiles;
    QSqlQuery &previous = *m_replacedFilesQuery;
    previous.bindValue(0, bucket);
    previous.bindValue(1, record.key);
    if (previous.exec() && previous.next()) {
        ObjectRecord old;
        old.file = previous.value(0).toString();
        if (!previous.isNull(1))
            old.segments = decodeSegments(previous.value(1).toString());
        replacedFiles = old.files();
    }
    previous.finish();

    QSqlQuery &q = *m_putQuery;
    q.bindValue(0, bucket);
    q.bindValue(1, record.key);
    q.bindValue(2, record.size);
    q.bindValue(3, QString::fromLatin1(record.etag));
    q.bindValue(4, record.modifiedMs);
    q.bindValue(5, record.file.isEmpty() ? QStringLiteral("") : record.file);
    q.bindValue(6, encodeHeaders(record.headers));
    q.bindValue(7, tagsText(record.tags));
    q.bindValue(8, record.isInline() ? QVariant(record.data.isNull() ? QByteArray("") : record.data) : QVariant(QMetaType::fromType<QByteArray>()));
    q.bindValue(9, record.segments.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(encodeSegments(record.segments)));
    const bool inserted = q.exec();
    if (!inserted)
        *error = sqlError(q);
    q.finish();
    if (!inserted)
        return false;
    const QStringList keptList = record.files();
    const QSet<QString> kept(keptList.cbegin(), keptList.cend());
    for (const QString &file : std::as_const(replacedFiles)) {
        if (kept.contains(file))
            continue;
        if (m_inBatch)
            m_removeAfterCommit.append(file);
        else
            removeFile(file);
    }
    return true;
}

bool ObjectStore::beginWrite(QString *error)
{
    // IMMEDIATE: the write lock is taken (waiting busy_timeout for the other connection's
    // commit) before anything is read, so a transaction never reads a snapshot another
    // connection's commit has made stale and then fails to write (SQLITE_BUSY_SNAPSHOT).
    return exec(QStringLiteral("BEGIN IMMEDIATE"), error);
}

bool ObjectStore::beginBatch(QString *error)
{
    if (!beginWrite(error))
        return false;
    m_inBatch = true;
    return true;
}

bool ObjectStore::endBatch(QString *error, QStringList *replacedFiles)
{
    m_inBatch = false;
    const QStringList replaced = std::exchange(m_removeAfterCommit, {});
    if (!m_db.commit()) {
        *error = m_db.lastError().text();
        m_db.rollback();
        return false;
    }
    if (replacedFiles)
        *replacedFiles = replaced;
    else
        removeFiles(replaced);
    return true;
}

bool ObjectStore::deleteObject(const QString &bucket, const QByteArray &key, QString *error)
{
    const std::optional<ObjectRecord> previous = object(bucket, key);
    if (!previous)
        return false;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM objects WHERE bucket = ? AND key = ?"));
    q.addBindValue(bucket);
    q.addBindValue(key);
    if (!q.exec()) {
        *error = sqlError(q);
        return false;
    }
    removeFiles(previous->files());
    return true;
}

ListPage ObjectStore::list(const QString &bucket, const QByteArray &prefix, const QByteArray &delimiter,
                           const QByteArray &after, int maxKeys)
{
    ListPage page;
    // The first key to look at: past `after`, and not before the prefix.
    QByteArray from = after.isEmpty() ? prefix : after + '\0';
    if (from < prefix)
        from = prefix;
    const QByteArray upper = prefixUpperBound(prefix);
    constexpr int kBatch = 1000;
    int count = 0;
    for (;;) {
        // An empty byte string would bind as NULL, so "from the start" leaves the bound out.
        // Only what a listing shows: no headers to decode per row.
        QString sql = QStringLiteral("SELECT key, size, etag, modified FROM objects WHERE bucket = ?");
        if (!from.isEmpty())
            sql += QStringLiteral(" AND key >= ?");
        if (!upper.isEmpty())
            sql += QStringLiteral(" AND key < ?");
        sql += QStringLiteral(" ORDER BY key LIMIT ?");
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        q.prepare(sql);
        q.addBindValue(bucket);
        if (!from.isEmpty())
            q.addBindValue(from);
        if (!upper.isEmpty())
            q.addBindValue(upper);
        q.addBindValue(kBatch);
        if (!q.exec())
            return page;
        int rows = 0;
        bool jumped = false;
        while (q.next()) {
            ++rows;
            ObjectRecord record;
            record.key = q.value(0).toByteArray();
            record.size = q.value(1).toLongLong();
            record.etag = q.value(2).toString().toLatin1();
            record.modifiedMs = q.value(3).toLongLong();
            if (!delimiter.isEmpty()) {
                const qsizetype at = record.key.indexOf(delimiter, prefix.size());
                if (at >= 0) {
                    const QByteArray common = record.key.left(at + delimiter.size());
                    // Everything under this common prefix is skipped in one jump.
                    const QByteArray next = prefixUpperBound(common);
                    if (!(after.startsWith(common))) {
                        if (count == maxKeys) {
                            page.truncated = true;
                            return page;
                        }
                        page.commonPrefixes.append(common);
                        page.nextMarker = common;
                        ++count;
                    }
                    if (next.isEmpty())
                        return page;
                    from = next;
                    jumped = true;
                    break;
                }
            }
            if (count == maxKeys) {
                page.truncated = true;
                return page;
            }
            page.nextMarker = record.key;
            page.objects.append(std::move(record));
            ++count;
            from = page.nextMarker + '\0';
        }
        if (!jumped && rows < kBatch)
            return page;
    }
}

bool ObjectStore::createUpload(const UploadRecord &upload, QString *error)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO uploads(id, bucket, key, initiated, headers, tags) VALUES(?, ?, ?, ?, ?, ?)"));
    q.addBindValue(QString::fromLatin1(upload.id));
    q.addBindValue(upload.bucket);
    q.addBindValue(upload.key);
    q.addBindValue(upload.initiatedMs);
    q.addBindValue(encodeHeaders(upload.headers));
    q.addBindValue(tagsText(upload.tags));
    if (!q.exec()) {
        *error = sqlError(q);
        return false;
    }
    return true;
}

std::optional<UploadRecord> ObjectStore::upload(const QByteArray &id)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT id, bucket, key, initiated, headers, tags FROM uploads WHERE id = ?"));
    q.addBindValue(QString::fromLatin1(id));
    if (!q.exec() || !q.next())
        return std::nullopt;
    return uploadFrom(q);
}

QList<UploadRecord> ObjectStore::uploads(const QString &bucket, const QByteArray &prefix)
{
    QList<UploadRecord> out;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT id, bucket, key, initiated, headers, tags FROM uploads WHERE bucket = ? ORDER BY key, initiated"));
    q.addBindValue(bucket);
    q.exec();
    while (q.next()) {
        UploadRecord u = uploadFrom(q);
        if (u.key.startsWith(prefix))
            out.append(std::move(u));
    }
    return out;
}

QByteArrayList ObjectStore::uploadsInitiatedBefore(qint64 cutoffMs)
{
    QByteArrayList out;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT id FROM uploads WHERE initiated < ?"));
    q.addBindValue(cutoffMs);
    q.exec();
    while (q.next())
        out.append(q.value(0).toString().toLatin1());
    return out;
}

bool ObjectStore::putPart(const QByteArray &uploadId, const PartRecord &part, QString *error, bool *noUpload)
{
    {
        // Aborted or completed while the part was written: no row (the caller removes the file).
        QSqlQuery open(m_db);
        open.prepare(QStringLiteral("SELECT 1 FROM uploads WHERE id = ?"));
        open.addBindValue(QString::fromLatin1(uploadId));
        if (!open.exec()) {
            *error = sqlError(open);
            return false;
        }
        if (!open.next()) {
            *error = QStringLiteral("The upload %1 does not exist.").arg(QString::fromLatin1(uploadId));
            if (noUpload)
                *noUpload = true;
            return false;
        }
    }
    QString previousFile;
    {
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("SELECT file FROM parts WHERE upload = ? AND number = ?"));
        q.addBindValue(QString::fromLatin1(uploadId));
        q.addBindValue(part.number);
        if (q.exec() && q.next())
            previousFile = q.value(0).toString();
    }
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO parts(upload, number, size, etag, modified, file) VALUES(?, ?, ?, ?, ?, ?)"));
    q.addBindValue(QString::fromLatin1(uploadId));
    q.addBindValue(part.number);
    q.addBindValue(part.size);
    q.addBindValue(QString::fromLatin1(part.etag));
    q.addBindValue(part.modifiedMs);
    q.addBindValue(part.file);
    if (!q.exec()) {
        *error = sqlError(q);
        return false;
    }
    if (!previousFile.isEmpty() && previousFile != part.file) {
        if (m_inBatch)
            m_removeAfterCommit.append(previousFile);
        else
            removeFile(previousFile);
    }
    return true;
}

QList<PartRecord> ObjectStore::parts(const QByteArray &uploadId)
{
    QList<PartRecord> out;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT number, size, etag, modified, file FROM parts WHERE upload = ? ORDER BY number"));
    q.addBindValue(QString::fromLatin1(uploadId));
    q.exec();
    while (q.next())
        out.append({q.value(0).toInt(), q.value(1).toLongLong(), q.value(2).toString().toLatin1(),
                    q.value(3).toLongLong(), q.value(4).toString()});
    return out;
}

bool ObjectStore::abortUpload(const QByteArray &id, QString *error)
{
    if (!beginWrite(error))
        return false;
    // Read inside the transaction: the committer's connection may add a part until then.
    const QList<PartRecord> files = parts(id);
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM parts WHERE upload = ?"));
    q.addBindValue(QString::fromLatin1(id));
    QSqlQuery u(m_db);
    u.prepare(QStringLiteral("DELETE FROM uploads WHERE id = ?"));
    u.addBindValue(QString::fromLatin1(id));
    if (!q.exec() || !u.exec() || !m_db.commit()) {
        *error = sqlError(q.lastError().isValid() ? q : u);
        m_db.rollback();
        return false;
    }
    for (const PartRecord &p : files)
        removeFile(p.file);
    return true;
}

bool ObjectStore::completeUpload(const UploadRecord &upload, const ObjectRecord &record, QString *error, bool *partsChanged)
{
    if (!beginWrite(error))
        return false;
    // Read inside the transaction: the committer's connection may replace the object, or add or
    // replace a part, until then.
    const QList<PartRecord> files = parts(upload.id);
    QSet<QString> current;
    for (const PartRecord &p : files)
        current.insert(p.file);
    for (const ObjectSegment &segment : record.segments) {
        if (!current.contains(segment.file)) { // a part uploaded again since the caller chose them
            m_db.rollback();
            *error = QStringLiteral("A part of the upload was replaced while it was completed.");
            if (partsChanged)
                *partsChanged = true;
            return false;
        }
    }
    const std::optional<ObjectRecord> previous = object(upload.bucket, record.key);
    const auto fail = [&](const QSqlQuery &q) {
        *error = sqlError(q);
        m_db.rollback();
        return false;
    };
    QSqlQuery put(m_db);
    put.prepare(QStringLiteral("INSERT OR REPLACE INTO objects(bucket, key, size, etag, modified, file, headers, tags, segments) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    put.addBindValue(upload.bucket);
    put.addBindValue(record.key);
    put.addBindValue(record.size);
    put.addBindValue(QString::fromLatin1(record.etag));
    put.addBindValue(record.modifiedMs);
    put.addBindValue(record.file.isEmpty() ? QStringLiteral("") : record.file);
    put.addBindValue(encodeHeaders(record.headers));
    put.addBindValue(tagsText(record.tags));
    put.addBindValue(record.segments.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(encodeSegments(record.segments)));
    if (!put.exec())
        return fail(put);
    QSqlQuery dropParts(m_db);
    dropParts.prepare(QStringLiteral("DELETE FROM parts WHERE upload = ?"));
    dropParts.addBindValue(QString::fromLatin1(upload.id));
    if (!dropParts.exec())
        return fail(dropParts);
    QSqlQuery dropUpload(m_db);
    dropUpload.prepare(QStringLiteral("DELETE FROM uploads WHERE id = ?"));
    dropUpload.addBindValue(QString::fromLatin1(upload.id));
    if (!dropUpload.exec())
        return fail(dropUpload);
    QSqlQuery done(m_db);
    done.prepare(QStringLiteral("INSERT OR REPLACE INTO completed_uploads(id, bucket, key, etag, completed) VALUES(?, ?, ?, ?, ?)"));
    done.addBindValue(QString::fromLatin1(upload.id));
    done.addBindValue(upload.bucket);
    done.addBindValue(record.key);
    done.addBindValue(QString::fromLatin1(record.etag));
    done.addBindValue(record.modifiedMs);
    if (!done.exec())
        return fail(done);
    if (!m_db.commit()) {
        *error = m_db.lastError().text();
        m_db.rollback();
        return false;
    }
    // Parts uploaded but left out of the object, and the replaced version's files.
    const QStringList keptList = record.files();
    const QSet<QString> kept(keptList.cbegin(), keptList.cend());
    for (const PartRecord &p : files) {
        if (!kept.contains(p.file))
            removeFile(p.file);
    }
    if (previous) {
        for (const QString &file : previous->files()) {
            if (!kept.contains(file))
                removeFile(file);
        }
    }
    return true;
}

std::optional<QPair<QByteArray, QByteArray>> ObjectStore::completedUpload(const QByteArray &id)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT key, etag FROM completed_uploads WHERE id = ?"));
    q.addBindValue(QString::fromLatin1(id));
    if (!q.exec() || !q.next())
        return std::nullopt;
    return qMakePair(q.value(0).toByteArray(), q.value(1).toString().toLatin1());
}

} // namespace homeport::storage
