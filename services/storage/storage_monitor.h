#pragma once
// StorageMonitor: the only bridge between the storage service (its own thread) and the console.
// The service publishes a small snapshot once a second (buckets with their object counts and
// sizes, the bytes stored over the last minutes, the endpoint and key the console signs with).
// Everything else goes through request(): an S3 request (method, bucket, key, query, headers,
// body) that the service signs with SigV4 using its own access key and sends over loopback to its
// own port, answering requestFinished() with the same id and the status, headers and body S3
// gave. So the console's listings, uploads and deletes pass the same auth, routes and limits as
// any client's, and show the real S3 error messages. File transfers never hold a body whole in
// memory: an upload names its local file (bodyFile), streamed from disk, as a multipart upload
// the service runs itself above a threshold; a download names the file to write (saveTo), which
// gets the body as it arrives and appears, whole, only after a successful GET.
// Thread affinity: created in the main thread by app/; snapshot(), publish(), request() and
// setServiceAttached() may be called from any thread (one mutex); signals reach receivers in
// their own threads.

#include <QByteArray>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QPair>
#include <QString>
#include <QVector>

#include <atomic>

namespace homeport::storage {

struct BucketUsage {
    QString name;
    qint64 createdMs = 0;
    qint64 objects = 0;
    qint64 bytes = 0;
};

// The bytes stored (all buckets) at one second; in StorageSnapshot::usageMinutes, at the last
// sample of one minute.
struct UsagePoint {
    qint64 second = 0; // seconds since the epoch; a minute's point: its first second
    qint64 bytes = 0;
};

struct StorageSnapshot {
    qint64 takenAt = 0;               // seconds since the epoch
    QList<BucketUsage> buckets;       // by name
    QVector<UsagePoint> usage;        // the last kUsageSeconds, oldest first
    // The last kUsageMinutes minutes that had a sample, oldest first, the current minute last;
    // kept across restarts of the service while the process lives.
    QVector<UsagePoint> usageMinutes;
    QString endpoint;                 // "http://127.0.0.1:9000", what clients dial
    QString region = QStringLiteral("us-east-1");
    QByteArray accessKey;             // the service's key (presigned URLs, snippets)
    QByteArray secretKey;
};

using StorageHeaders = QList<QPair<QByteArray, QByteArray>>;

// An S3 REST request, as a client would send it (path style).
struct StorageRequest {
    // S3's largest single PUT; larger files go as multipart uploads.
    static constexpr qint64 kSinglePutMaxBytes = 5LL << 30;
    static constexpr qint64 kMinPartBytes = 5LL << 20; // S3's smallest part but the last
    static constexpr int kMaxParts = 10000;

    QByteArray method = "GET";
    QString bucket;                   // empty: the service (ListBuckets)
    QString key;                      // empty: the bucket
    QList<QPair<QString, QString>> query; // decoded; encoded by the service
    StorageHeaders headers;           // Content-Type, x-amz-meta-*, ...
    QByteArray body;
    // A PUT of an object whose body is this local file, read from disk as it is sent (`body`
    // stays empty). Files larger than multipartAbove go as a multipart upload (Create, parts of
    // partBytes, Complete; Abort when it fails, is cancelled or the service stops); partBytes 0
    // picks a size that keeps under kMaxParts.
    QString bodyFile;
    qint64 multipartAbove = kSinglePutMaxBytes;
    qint64 partBytes = 0;
    // A GET whose body goes to this local file as it arrives (StorageAnswer::body stays empty
    // unless S3 answers an error). The file appears, whole, only after a 2xx answer; a failed or
    // cut-off download leaves whatever was at that path before.
    QString saveTo;
};

struct StorageAnswer {
    int status = 0;                   // 0: no HTTP answer (see error)
    StorageHeaders headers;           // lower-case names
    QByteArray body;
    qint64 bytesSaved = 0;            // saveTo requests: the bytes written to the file
    QString error;                    // set when the request could not be made or its file not saved
    bool ok() const { return status >= 200 && status < 300 && error.isEmpty(); }
    QByteArray header(QByteArrayView name) const;
    // S3's <Error><Code/><Message/></Error> of a failed request, or the transport error.
    QString message() const;
};

class StorageMonitor : public QObject
{
    Q_OBJECT
public:
    static constexpr int kUsageSeconds = 600;
    static constexpr int kUsageMinutes = 24 * 60;

    explicit StorageMonitor(QObject *parent = nullptr);

    StorageSnapshot snapshot() const;
    // Called by the service, from its thread.
    void publish(const StorageSnapshot &snapshot);
    // While the service does not take requests, request() answers at once (queued) with a
    // "not running" error instead of leaving the caller waiting.
    void setServiceAttached(bool attached);
    bool isServiceAttached() const;

    // Sends `request` to the service; its answer arrives as requestFinished(id, ...), and for
    // bodies the upload's progress as uploadProgress(id, ...) (over the whole file for a
    // multipart upload), for saveTo requests downloadProgress(id, ...).
    quint64 request(const StorageRequest &request);
    // Stops the request: its reply is aborted (a multipart upload's upload too) and it is
    // answered with a "cancelled" error. Nothing happens for a request already answered.
    void cancel(quint64 requestId);

Q_SIGNALS:
    // To the console.
    void snapshotPublished();
    void requestFinished(quint64 requestId, const homeport::storage::StorageAnswer &answer);
    void uploadProgress(quint64 requestId, qint64 sent, qint64 total);
    void downloadProgress(quint64 requestId, qint64 received, qint64 total); // total -1: unknown

    // To the service (it connects these queued).
    void requestSent(quint64 requestId, const homeport::storage::StorageRequest &request);
    void cancelRequested(quint64 requestId);

private:
    mutable QMutex m_mutex;
    StorageSnapshot m_snapshot;
    bool m_attached = false;
    std::atomic<quint64> m_lastRequestId{0};
};

} // namespace homeport::storage

Q_DECLARE_METATYPE(homeport::storage::StorageRequest)
Q_DECLARE_METATYPE(homeport::storage::StorageAnswer)
