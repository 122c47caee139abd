#pragma once
// ObjectStore: where the storage service keeps buckets, objects and multipart uploads.
//   <root>/storage.db          SQLite (WAL, synchronous=FULL): buckets, objects, uploads, parts
//   <root>/objects/<xx>/<id>   object and part bytes, one immutable file per version
//   <root>/tmp/                bodies being received
// Objects of at most kInlineObjectBytes are kept inside their row instead (as MinIO inlines
// small objects in xl.meta): one durable WAL commit stores them, no data file or fsync of its own.
// File names are random ids, never derived from keys, so no key can name a path outside the
// store. A write lands as temp file -> fsync -> rename -> fsync dir -> SQLite commit; only then
// is the previous version's file removed, so a crash leaves either the old or the new object and
// readers that opened the old file keep reading it whole. Files no row refers to (a crash between
// rename and commit) are removed at open(). Keys are compared as bytes (SQLite BLOB order), which
// is S3's UTF-8 byte order for listings.
// Thread affinity: the storage service's thread (one SQLite connection, used only there).

#include "http/response.h"

#include <QByteArray>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <optional>

namespace homeport::storage {

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
    QString file;      // relative to the store root; empty for an object kept inline
    http::HeaderList headers; // stored response headers: Content-Type, x-amz-meta-*, ...
    QByteArray tags;          // the tag set in x-amz-tagging's query form; empty: none
    // A small object's bytes, kept in its database row (no data file); read by object() only.
    QByteArray data;
    bool isInline() const { return file.isEmpty(); }
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
    void removeFile(const QString &file);

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
    // Replaces the object's tags (query form); false with an empty error when there is no object.
    bool setObjectTags(const QString &bucket, const QByteArray &key, const QByteArray &tags, QString *error);

    std::optional<ObjectRecord> object(const QString &bucket, const QByteArray &key);
    // Commits the record (its file already installed) and removes the replaced version's file.
    bool putObject(const QString &bucket, const ObjectRecord &record, QString *error);
    // Group commit: the putObject() calls between beginBatch() and endBatch() share one
    // transaction (one WAL fsync), and replaced versions' files go only after it committed.
    // endBatch() rolls back when the commit fails (none of the batch's rows then exist).
    bool beginBatch(QString *error);
    bool endBatch(QString *error);
    // False with an empty error when there was no such object.
    bool deleteObject(const QString &bucket, const QByteArray &key, QString *error);
    // Keys after `after` (exclusive) that start with prefix, rolled up at delimiter.
    ListPage list(const QString &bucket, const QByteArray &prefix, const QByteArray &delimiter,
                  const QByteArray &after, int maxKeys);

    bool createUpload(const UploadRecord &upload, QString *error);
    std::optional<UploadRecord> upload(const QByteArray &id);
    QList<UploadRecord> uploads(const QString &bucket, const QByteArray &prefix);
    QByteArrayList uploadsInitiatedBefore(qint64 cutoffMs);
    bool putPart(const QByteArray &uploadId, const PartRecord &part, QString *error);
    QList<PartRecord> parts(const QByteArray &uploadId);
    // Removes the upload and its part rows and files.
    bool abortUpload(const QByteArray &id, QString *error);
    // Installs the object built from the parts, drops the upload, remembers the result so a
    // repeated Complete answers the same.
    bool completeUpload(const UploadRecord &upload, const ObjectRecord &record, QString *error);
    std::optional<QPair<QByteArray, QByteArray>> completedUpload(const QByteArray &id); // key, etag

private:
    bool exec(const QString &sql, QString *error = nullptr);
    void removeOrphans();

    QString m_root;
    QString m_connectionName;
    QSqlDatabase m_db;
    bool m_inBatch = false;
    QStringList m_removeAfterCommit;
};

// Stored headers as one text value (bytes kept exactly) and back.
QString encodeHeaders(const http::HeaderList &headers);
http::HeaderList decodeHeaders(const QString &text);
// The smallest byte string greater than every string that starts with prefix; empty if none.
QByteArray prefixUpperBound(const QByteArray &prefix);

} // namespace homeport::storage
