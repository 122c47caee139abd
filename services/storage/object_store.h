#pragma once
// ObjectStore: where the storage service keeps buckets, objects and multipart uploads.
//   <root>/storage.db          SQLite (WAL, synchronous=FULL): buckets, objects (a rowid table:
//                              small objects' bytes are in the row), uploads, parts
//   <root>/objects/<xx>/<id>   object and part bytes, one immutable file per version
//   <root>/tmp/                bodies being received
// Objects of at most kInlineObjectBytes are kept inside their row instead (as MinIO inlines
// small objects in xl.meta): one durable WAL commit stores them, no data file or fsync of its own.
// A multipart object keeps its parts' files: its row lists them in order (its segments), so
// CompleteMultipartUpload writes no byte again and commits only the row; the files go when the
// object is deleted or replaced.
// File names are random ids, never derived from keys, so no key can name a path outside the
// store. A write lands as temp file -> fsync -> rename -> fsync dir -> SQLite commit; only then
// is the previous version's file removed, so a crash leaves either the old or the new object and
// readers that opened the old file keep reading it whole. A reader or copy that opens files one
// after another (a multipart object's segments) holds a FileLease: files it names are removed
// only once it ends. Files no row refers to (a crash between rename and commit) are removed at
// open(). Keys are compared as bytes (SQLite BLOB order), which is S3's UTF-8 byte order for
// listings.
// Thread affinity: the thread that opened it (its SQLite connection is used only there): the
// storage service's, or RowCommitter's for the second connection that commits PUTs' rows (both in
// WAL mode, writes in BEGIN IMMEDIATE transactions); a FileLease may be released from any thread.

#include "http/response.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

class QSqlQuery;

namespace homeport::storage {

class FileLeases;

// Keeps data files on disk while a reader or a copy still has to open them: removals of leased
// files wait until the last lease on them ends. Copyable; the files are released when the last
// copy goes (from any thread).
class FileLease
{
public:
    FileLease() = default;
    bool isEmpty() const { return !m_hold; }

private:
    friend class ObjectStore;
    struct Hold;
    std::shared_ptr<Hold> m_hold;
};

// One data file of a multipart object, in the object's byte order.
struct ObjectSegment
{
    QString file; // relative to the store root
    qint64 size = 0;
    friend bool operator==(const ObjectSegment &, const ObjectSegment &) = default;
};

struct BucketRecord
{
    QString name;
    qint64 createdMs = 0;
};

struct ObjectRecord
{
    QByteArray key;
    qint64 size = 0;
    QByteArray etag;   // without quotes
    qint64 modifiedMs = 0;
    QString file;      // relative to the store root; empty for an object kept inline or in segments
    QList<ObjectSegment> segments; // a multipart object's part files, in order; empty otherwise
    http::HeaderList headers; // stored response headers: Content-Type, x-amz-meta-*, ...
    QByteArray tags;          // the tag set in x-amz-tagging's query form; empty: none
    // A small object's bytes, kept in its database row (no data file); read by object() only.
    QByteArray data;
    bool isInline() const { return file.isEmpty() && segments.isEmpty(); }
    // Every data file the object's bytes are in (none when inline).
    QStringList files() const;
};

struct UploadRecord
{
    QByteArray id;
    QString bucket;
    QByteArray key;
    qint64 initiatedMs = 0;
    http::HeaderList headers;
    QByteArray tags; // given to the object on Complete
};

struct PartRecord
{
    int number = 0;
    qint64 size = 0;
    QByteArray etag; // hex MD5 without quotes
    qint64 modifiedMs = 0;
    QString file;
};

struct ListPage
{
    QList<ObjectRecord> objects;
    QByteArrayList commonPrefixes;
    bool truncated = false;
    QByteArray nextMarker; // the last key or common prefix returned
};

class ObjectStore
{
public:
    static constexpr qint64 kInlineObjectBytes = 128 * 1024;

    ObjectStore(const QString &root, const QString &connectionName);
    ~ObjectStore();

    bool open(QString *error);
    // A second connection to a store another ObjectStore has open()ed, for RowCommitter: its
    // thread only runs putObject() batches (endBatch() hands the replaced files back).
    bool openForCommits(QString *error);
    void close();
    bool isOpen() const { return m_db.isOpen(); }
    const QString &root() const { return m_root; }
    QString absolutePath(const QString &file) const;
    // A fresh path in tmp/ for a body being received.
    QString newTempPath();
    // fsynced temp file -> objects/<xx>/<id> (rename + directory fsync); returns the relative name.
    QString installFile(const QString &tempPath, QString *error);
    // A second name (hard link) for an immutable data file (CopyObject); empty when the
    // filesystem cannot link, and the caller copies the bytes instead.
    QString linkFile(const QString &file, QString *error);
    // Removes the file now, or when the last lease on it ends.
    void removeFile(const QString &file);
    void removeFiles(const QStringList &files);
    // Holds the files on disk (see FileLease) until the lease and its copies are gone.
    FileLease lease(const QStringList &files);

    QList<BucketRecord> buckets();
    // Every bucket with its object count and bytes (current versions), by name.
    struct Usage { QString name; qint64 createdMs = 0; qint64 objects = 0; qint64 bytes = 0; };
    QList<Usage> bucketUsage();
    std::optional<BucketRecord> bucket(const QString &name);
    bool createBucket(const QString &name, QString *error);
    bool deleteBucket(const QString &name, QString *error);
    bool hasObjectsOrUploads(const QString &bucket);
    // The bucket's CORSConfiguration XML as PUT; empty when none. An empty config removes it.
    QByteArray bucketCors(const QString &bucket);
    bool setBucketCors(const QString &bucket, const QByteArray &config, QString *error);
    // The bucket's policy JSON as PUT (already validated); empty when none. Empty removes it.
    QByteArray bucketPolicy(const QString &bucket);
    bool setBucketPolicy(const QString &bucket, const QByteArray &policy, QString *error);
    // The bucket's tag set (query form, as objects keep theirs); empty when none. Empty removes it.
    QByteArray bucketTags(const QString &bucket);
    bool setBucketTags(const QString &bucket, const QByteArray &tags, QString *error);
    // Replaces the object's tags (query form); false with an empty error when there is no object.
    bool setObjectTags(const QString &bucket, const QByteArray &key, const QByteArray &tags, QString *error);

    std::optional<ObjectRecord> object(const QString &bucket, const QByteArray &key);
    // Commits the record (its file already installed) and removes the replaced version's file.
    bool putObject(const QString &bucket, const ObjectRecord &record, QString *error);
    // Group commit: the putObject() calls between beginBatch() and endBatch() share one
    // transaction (one WAL fsync), and replaced versions' files go only after it committed
    // (removed here, or handed to the caller in *replacedFiles). endBatch() rolls back when the
    // commit fails (none of the batch's rows then exist).
    bool beginBatch(QString *error);
    bool endBatch(QString *error, QStringList *replacedFiles = nullptr);
    // False with an empty error when there was no such object.
    bool deleteObject(const QString &bucket, const QByteArray &key, QString *error);
    // Keys after `after` (exclusive) that start with prefix, rolled up at delimiter. The records
    // carry key, size, ETag and time only (what a listing shows).
    ListPage list(const QString &bucket, const QByteArray &prefix, const QByteArray &delimiter,
                  const QByteArray &after, int maxKeys);

    bool createUpload(const UploadRecord &upload, QString *error);
    std::optional<UploadRecord> upload(const QByteArray &id);
    QList<UploadRecord> uploads(const QString &bucket, const QByteArray &prefix);
    QByteArrayList uploadsInitiatedBefore(qint64 cutoffMs);
    // Fails (*noUpload set, when given) if the upload is no longer open. In a batch, a replaced
    // part's file is left to the caller, as endBatch() says.
    bool putPart(const QByteArray &uploadId, const PartRecord &part, QString *error, bool *noUpload = nullptr);
    QList<PartRecord> parts(const QByteArray &uploadId);
    // Removes the upload and its part rows and files.
    bool abortUpload(const QByteArray &id, QString *error);
    // Commits the object (its segments are the chosen parts' files, which stay where they are),
    // drops the upload, remembers the result so a repeated Complete answers the same. The
    // upload's other part files and the replaced version's files go after the commit. Fails
    // (*partsChanged set, when given) if a segment is no longer one of the upload's parts (the
    // part was uploaded again after the caller read them).
    bool completeUpload(const UploadRecord &upload, const ObjectRecord &record, QString *error, bool *partsChanged = nullptr);
    std::optional<QPair<QByteArray, QByteArray>> completedUpload(const QByteArray &id); // key, etag

private:
    bool exec(const QString &sql, QString *error = nullptr);
    bool beginWrite(QString *error); // BEGIN IMMEDIATE
    // Copies a WITHOUT ROWID objects table (older stores) into the current shape.
    bool rebuildObjectsTable(QString *error);
    void removeOrphans();

    QString m_root;
    QString m_connectionName;
    QSqlDatabase m_db;
    // The object lookup every GET and HEAD makes, prepared once (SQLite parses it once).
    std::unique_ptr<QSqlQuery> m_objectQuery;
    // putObject's lookup of the replaced version's files and its insert, prepared once.
    std::unique_ptr<QSqlQuery> m_replacedFilesQuery;
    std::unique_ptr<QSqlQuery> m_putQuery;
    // Every bucket's name and creation time, read at open() and kept with each change: the
    // bucket check of every request needs no query.
    QHash<QString, qint64> m_buckets;
    std::shared_ptr<FileLeases> m_leases;
    QString m_tempPrefix; // <root>/tmp/<random>-, see newTempPath()
    quint64 m_tempCounter = 0;
    bool m_inBatch = false;
    QStringList m_removeAfterCommit;
};

// Segments as one text value ("<size> <file>" lines) and back.
QString encodeSegments(const QList<ObjectSegment> &segments);
QList<ObjectSegment> decodeSegments(const QString &text);
// Stored headers as one text value (bytes kept exactly) and back.
QString encodeHeaders(const http::HeaderList &headers);
http::HeaderList decodeHeaders(const QString &text);
// The smallest byte string greater than every string that starts with prefix; empty if none.
QByteArray prefixUpperBound(const QByteArray &prefix);

} // namespace homeport::storage
