#pragma once
// StorageService: Homeport's storage service, speaking the Amazon S3 REST API with SigV4
// (path-style addressing, and virtual-host style under the [storage] domain setting): buckets
// (list, create, head, delete, location, versioning, object versions, CORS rules applied to
// preflights and browser requests), objects
// (put, get with ranges and conditions, head, delete, multi-delete, copy), listings (v1 and v2)
// and multipart uploads (UploadPartCopy with ranges included), object and bucket tagging, bucket policies
// for public read and browser form uploads (POST Object with a policy signed by SigV4, or by
// SigV2: AWSAccessKeyId and an HMAC-SHA1 signature). Every request is
// checked in the auth hook before its body is read: header or presigned SigV4 against the root
// key from secrets or a scoped key of the AccessKeyStore (its buckets, read-only or read-write),
// or, without credentials, against the bucket's policy. Bodies stream through a PayloadReceiver
// (or a PostObjectReceiver for forms) into the ObjectStore, responses stream from the object's
// file. The scoped keys are managed through /_homeport/access-keys (root key only; no bucket
// name can start with '_').
// Errors are S3's XML <Error> with Code, Message, Resource and RequestId.
// Thread affinity: the service's own thread (routes, the store and its SQLite connection).

#include "sigv4.h"

#include "http/http_service.h"

#include <QList>

#include <functional>
#include <memory>
#include <optional>

class QTimer;

namespace homeport::storage {

class DataFileWorker;
class AccessKeyStore;
struct PostFormVerdict;
struct AccessKey;
class ObjectStore;
class RowCommitter;
struct DataFileJob;
struct DataFileResult;
class StorageConsoleBridge;
class StorageMonitor;
class PayloadReceiver;
struct ObjectRecord;
struct PartRecord;

class StorageService : public http::HttpService
{
    Q_OBJECT
public:
    // The monitor outlives the service (app/ owns it); it may be null in tests.
    explicit StorageService(StorageMonitor *monitor = nullptr, QObject *parent = nullptr);
    ~StorageService() override;

    // Bucket names S3 accepts (3-63 of [a-z0-9.-], alphanumeric ends, not an IP, ...).
    static bool isValidBucketName(const QString &name);

protected:
    QString configure(http::HttpServer &server, const core::ServiceContext &context) override;
    void closeStores() override;

private:
    struct Reply; // how one request is answered (copyable, for answers after the handler returned)
    struct Call;  // one request being answered: the reply, the request and its body
    struct Target
    {
        QString bucket;  // empty for the service (ListBuckets)
        QByteArray key;  // percent-decoded bytes; empty for bucket requests
    };

    // Path style /<bucket>/<key>, or <bucket>.<domain>/<key> when [storage] domain is set.
    Target targetOf(const http::Request &request) const;

    std::optional<http::Response> authenticate(const http::Request &request);
    http::BodyPolicy bodyPolicy(const http::Request &request);
    void handle(const http::Request &request, http::Responder &responder);

    void listBuckets(Call &call);
    void createBucket(Call &call);
    void headBucket(Call &call);
    void deleteBucket(Call &call);
    enum class ListKind { V1, V2, Versions };
    void listObjects(Call &call, ListKind kind);
    void deleteObjects(Call &call);
    void putObject(Call &call);
    void copyObject(Call &call);
    void getObject(Call &call);
    void deleteObject(Call &call);
    void createUpload(Call &call);
    void uploadPart(Call &call);
    void uploadPartCopy(Call &call, const QByteArray &uploadId, int number);
    // Any thread (the service's or a data file worker's): hands the part's row (its file in the
    // store) to the committer; `answer` runs on this service's thread once it committed, and the
    // request gets S3's error otherwise (NoSuchUpload if the upload went meanwhile).
    void commitPart(const Reply &reply, const QByteArray &uploadId, PartRecord part,
                    std::function<void(Reply &, const PartRecord &)> answer);
    void completeUpload(Call &call);
    void abortUpload(Call &call);
    void listParts(Call &call);
    void listUploads(Call &call);

    void accessKeysApi(Call &call);
    void putBucketPolicy(Call &call);
    void objectTagging(Call &call);
    // PutBucketTagging, GetBucketTagging (NoSuchTagSet when none), DeleteBucketTagging.
    void bucketTagging(Call &call);
    void postObject(Call &call);
    // Signature, scope and policy of a browser form upload, judged when its file part begins.
    PostFormVerdict verifyPostForm(const QString &bucket, const QList<QPair<QByteArray, QByteArray>> &fields);
    // May an unsigned request read this? (GET/HEAD of an object or listing the bucket that the
    // bucket's policy makes public.)
    bool anonymousAllowed(const http::Request &request, const Target &target);

    void preflight(Call &call);
    void putBucketCors(Call &call);
    // The Access-Control-* headers a bucket's CORS rules give this origin and method; empty: none.
    http::HeaderList corsHeaders(const QString &bucket, const QByteArray &origin, const QByteArray &method,
                                 const QByteArrayList &requestHeaders);

    bool requireBucket(Call &call);
    // The object x-amz-copy-source names, its x-amz-copy-source-if-* conditions checked;
    // nullopt once answered with the error.
    std::optional<ObjectRecord> copySource(Call &call, QString *sourceBucket);
    // Aborts multipart uploads older than [storage] multipart_max_age_hours (default 7 days).
    void removeStaleUploads();
    // Hands the received body (closed, not yet synced) to the worker; false when answered with
    // an error instead.
    bool takeBody(Call &call, DataFileJob *job);
    // Runs the job (copy, fsync, rename into the store) on the worker threads and calls `then`
    // back in this thread with the installed file; a failed job, or a store closed meanwhile,
    // is answered here and `then` is not called.
    void finishDataFile(DataFileJob job, const Reply &reply, std::function<void(Reply &, const DataFileResult &)> then);
    // Sets the job to install its file into this service's store (on a worker thread).
    void installIntoStore(DataFileJob &job);
    // Hands an object row (its file on disk, or its bytes inline) to the RowCommitter, which
    // commits it together with every other row arriving meanwhile (one WAL fsync for all);
    // `answer` runs on this thread after the commit.
    void commitRow(std::function<bool(ObjectStore &store, QString *error)> write,
                   std::function<void(bool committed, const QString &error)> answer);
    // Commits the object's row and answers the PUT.
    void commitObject(const Reply &reply, const ObjectRecord &record,
                      const std::optional<QPair<QByteArray, QByteArray>> &checksum);

    static constexpr qint64 kDefaultUploadMaxAgeMs = 7LL * 24 * 3600 * 1000;

    StorageMonitor *m_monitor = nullptr;
    std::unique_ptr<StorageConsoleBridge> m_consoleBridge;
    std::unique_ptr<ObjectStore> m_store;
    std::unique_ptr<DataFileWorker> m_worker; // drained before m_store closes
    std::unique_ptr<RowCommitter> m_committer; // closed before m_store
    std::unique_ptr<AccessKeyStore> m_keys;
    std::unique_ptr<QTimer> m_staleUploadTimer;
    std::unique_ptr<QTimer> m_idleBlocksTimer; // frees the body blocks kept while uploads are idle
    qint64 m_uploadMaxAgeMs = kDefaultUploadMaxAgeMs;
    QByteArray m_accessKey;
    QByteArray m_secretKey;
    QByteArray m_domain; // virtual-host addressing; empty: path style only
    // The auth hook, the body policy and the consumer factory run back to back for one request
    // head in this thread, so the consumer finds the verified signature (its chunk seed) here.
    SigV4Result m_lastAuth;
    quint64 m_requests = 0;
    QByteArray m_idPrefix;
};

} // namespace homeport::storage
