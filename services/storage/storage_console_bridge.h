#pragma once
// StorageConsoleBridge: the storage service's side of StorageMonitor. Once a second it publishes
// the buckets with their object counts and sizes (read from the store through `usage`) and the
// total bytes stored. The console's StorageRequests are signed with SigV4 with the service's own
// access key and sent over loopback to the service's port, so they pass the same auth, routes,
// limits and error formatting as any S3 client's request. File transfers stream: a bodyFile goes
// out from disk as it is sent (aws-chunked with a CRC32C trailer the service verifies, as current
// AWS SDKs send by default), above the request's
// threshold as a multipart upload this bridge runs step by step (Create, UploadPart from file
// regions, Complete; Abort on failure, cancel, or, straight through the store, when the service
// stops); a saveTo GET writes the reply into a QSaveFile as it arrives, with the reply's read
// buffer bounded, and commits only a whole 2xx body.
// Thread affinity: the storage service's thread (created in configure(), destroyed in
// closeStores()).

#include "storage_monitor.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

class QNetworkReply;
class QTimer;

namespace homeport::http {
class HttpServer;
class LoopbackClient;
}

namespace homeport::storage {

class StorageConsoleBridge : public QObject
{
    Q_OBJECT
public:
    using UsageReader = std::function<QList<BucketUsage>()>;
    // Aborts a multipart upload in the store at once (the service stops: no reply could come).
    using UploadAborter = std::function<void(const QByteArray &uploadId)>;

    // `bindAddress` is what the server listens on: the console's requests dial it (loopback when
    // it listens on every address).
    StorageConsoleBridge(StorageMonitor *monitor, http::HttpServer *server, const QHostAddress &bindAddress,
                         const QByteArray &accessKey, const QByteArray &secretKey, UsageReader usage,
                         UploadAborter abortUpload = {});
    ~StorageConsoleBridge() override;

    // Publishes at once (tests; the timer does it every second).
    void publishNow();

    // Multipart uploads' parts unless a request asks for others (S3's 5 MiB at least).
    static constexpr qint64 kDefaultPartBytes = 64LL << 20;
    // The part size for a file: `requested` (0: the default), but never under S3's minimum and
    // large enough for at most 10,000 parts.
    static qint64 partBytesFor(qint64 fileBytes, qint64 requested);

private:
    struct Transfer; // one console request, its steps and its file
    class ChunkedFileBody; // a file region as an aws-chunked body with a CRC32C trailer

    void onRequestSent(quint64 requestId, const StorageRequest &request);
    void onCancelRequested(quint64 requestId);
    // Signs `request` (its body, or `fileBody`, which the reply then owns) and sends it; nullptr
    // when the URL cannot be made.
    QNetworkReply *sendSigned(const StorageRequest &request, ChunkedFileBody *fileBody);
    // Sends one step of `transfer` and calls `onAnswer` with its answer (body read whole: only
    // for small bodies).
    void sendStep(const std::shared_ptr<Transfer> &transfer, const StorageRequest &request, ChunkedFileBody *fileBody,
                  std::function<void(const StorageAnswer &)> onAnswer);
    void startFilePut(const std::shared_ptr<Transfer> &transfer);
    void startDownload(const std::shared_ptr<Transfer> &transfer);
    void startMultipart(const std::shared_ptr<Transfer> &transfer);
    void sendNextPart(const std::shared_ptr<Transfer> &transfer);
    void completeMultipart(const std::shared_ptr<Transfer> &transfer);
    // Aborts the transfer's multipart upload (if one was created) and answers with `answer`.
    void failMultipart(const std::shared_ptr<Transfer> &transfer, const StorageAnswer &answer);
    void finish(const std::shared_ptr<Transfer> &transfer, const StorageAnswer &answer);

    QPointer<StorageMonitor> m_monitor;
    http::LoopbackClient *m_loopback;
    QByteArray m_accessKey;
    QByteArray m_secretKey;
    UsageReader m_usage;
    UploadAborter m_abortUpload;
    QHash<quint64, std::shared_ptr<Transfer>> m_transfers; // by the console's request id
    QTimer *m_timer;
    QVector<UsagePoint> m_history;
    QVector<UsagePoint> m_minutes;
};

} // namespace homeport::storage
