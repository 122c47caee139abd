#include "storage_console_bridge.h"

#include "payload_checksum.h"
#include "sigv4.h"

#include "http/loopback_client.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSaveFile>
#include <QTimer>
#include <QUrl>
#include <QXmlStreamReader>

#include <algorithm>
#include <cstring>

namespace homeport::storage {

namespace {

constexpr int kPublishIntervalMs = 1000;
// A request that moves no byte for this long is given up (QNetworkRequest's transfer timeout:
// a large upload that keeps moving never hits it).
constexpr int kRequestTimeoutMs = 300'000;
// What a download's reply may hold before it stops reading; it is written out as it arrives.
constexpr qint64 kDownloadBufferBytes = 1LL << 20;
constexpr qsizetype kMaxErrorBodyBytes = 64 * 1024;
const QByteArray kRegion = "us-east-1";

// The body length an answer announced; -1 when it announced none.
qint64 announcedLength(const QNetworkReply *reply)
{
    const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
    return length.isValid() ? length.toLongLong() : -1;
}

} // namespace

// One console request. Plain requests only use id, request and reply; file transfers keep their
// file and, for multipart uploads, the upload's progress through its steps.
struct StorageConsoleBridge::Transfer {
    quint64 id = 0;
    StorageRequest request;
    QPointer<QNetworkReply> reply; // the step out now
    bool cancelled = false;

    // saveTo: the body goes here as it arrives; the error body of a failed GET to errorBody.
    std::unique_ptr<QSaveFile> saveFile;
    qint64 written = 0;
    QByteArray errorBody;
    QString writeError;

    // bodyFile: its size and time of change when the request came; a file found otherwise while
    // it is read was changed by another program, and the upload fails instead of storing a mix.
    qint64 fileBytes = 0;
    QDateTime fileModified;
    // bodyFile above multipartAbove
    qint64 partBytes = 0;
    int partCount = 0;
    int partsDone = 0;
    QByteArray uploadId;
    QByteArrayList etags;

    // A request of the multipart upload: `method` on the object's key with `query`.
    StorageRequest step(const QByteArray &method, QList<QPair<QString, QString>> query) const
    {
        StorageRequest out;
        out.method = method;
        out.bucket = request.bucket;
        out.key = request.key;
        out.query = std::move(query);
        return out;
    }
    QPair<QString, QString> uploadIdQuery() const { return {QStringLiteral("uploadId"), QString::fromUtf8(uploadId)}; }
};

StorageConsoleBridge::StorageConsoleBridge(StorageMonitor *monitor, http::HttpServer *server,
                                           const QHostAddress &bindAddress, const QByteArray &accessKey,
                                           const QByteArray &secretKey, UsageReader usage, UploadAborter abortUpload)
    : m_monitor(monitor)
    , m_loopback(new http::LoopbackClient(server, bindAddress, this))
    , m_accessKey(accessKey)
    , m_secretKey(secretKey)
    , m_usage(std::move(usage))
    , m_abortUpload(std::move(abortUpload))
    , m_timer(new QTimer(this))
{
    // A restarted service goes on with the minutes its previous run published.
    m_minutes = m_monitor->snapshot().usageMinutes;
    connect(m_monitor, &StorageMonitor::requestSent, this, &StorageConsoleBridge::onRequestSent, Qt::QueuedConnection);
    connect(m_monitor, &StorageMonitor::cancelRequested, this, &StorageConsoleBridge::onCancelRequested, Qt::QueuedConnection);
    m_timer->setInterval(kPublishIntervalMs);
    connect(m_timer, &QTimer::timeout, this, &StorageConsoleBridge::publishNow);
    m_timer->start();
    m_monitor->setServiceAttached(true);
    // The first snapshot goes out once the server listens (configure() runs before listen()).
    QTimer::singleShot(0, this, &StorageConsoleBridge::publishNow);
}

StorageConsoleBridge::~StorageConsoleBridge()
{
    if (m_monitor) {
        m_monitor->setServiceAttached(false);
        disconnect(m_monitor, nullptr, this, nullptr);
    }
    // Multipart uploads still running are aborted in the store: no reply could come any more.
    for (const std::shared_ptr<Transfer> &transfer : std::as_const(m_transfers)) {
        if (!transfer->uploadId.isEmpty() && m_abortUpload)
            m_abortUpload(transfer->uploadId);
    }
    // Requests still out are answered, so no console view waits forever; downloads' temp files
    // go with their transfers.
    const QList<quint64> pending = m_loopback->abortAll();
    m_transfers.clear();
    for (const quint64 requestId : pending) {
        StorageAnswer answer;
        answer.error = tr("The storage service stopped before it answered.");
        if (m_monitor)
            Q_EMIT m_monitor->requestFinished(requestId, answer);
    }
}

void StorageConsoleBridge::publishNow()
{
    if (!m_monitor)
        return;
    StorageSnapshot snapshot;
    snapshot.takenAt = QDateTime::currentSecsSinceEpoch();
    snapshot.buckets = m_usage ? m_usage() : QList<BucketUsage>();
    qint64 total = 0;
    for (const BucketUsage &b : std::as_const(snapshot.buckets))
        total += b.bytes;
    if (!m_history.isEmpty() && m_history.last().second == snapshot.takenAt)
        m_history.last().bytes = total;
    else
        m_history.append({snapshot.takenAt, total});
    while (!m_history.isEmpty() && m_history.first().second <= snapshot.takenAt - StorageMonitor::kUsageSeconds)
        m_history.removeFirst();
    snapshot.usage = m_history;
    const qint64 minuteStart = snapshot.takenAt - snapshot.takenAt % 60;
    if (!m_minutes.isEmpty() && m_minutes.last().second == minuteStart)
        m_minutes.last().bytes = total;
    else
        m_minutes.append({minuteStart, total});
    if (m_minutes.size() > StorageMonitor::kUsageMinutes)
        m_minutes.remove(0, m_minutes.size() - StorageMonitor::kUsageMinutes);
    snapshot.usageMinutes = m_minutes;
    if (m_loopback->isListening())
        snapshot.endpoint = QStringLiteral("http://") + m_loopback->authority();
    snapshot.region = QString::fromLatin1(kRegion);
    snapshot.accessKey = m_accessKey;
    snapshot.secretKey = m_secretKey;
    m_monitor->publish(snapshot);
}

void StorageConsoleBridge::onRequestSent(quint64 requestId, const StorageRequest &request)
{
    auto transfer = std::make_shared<Transfer>();
    transfer->id = requestId;
    transfer->request = request;
    if (!m_loopback->isListening()) {
        StorageAnswer answer;
        answer.error = tr("The storage service is not listening.");
        finish(transfer, answer);
        return;
    }
    m_transfers.insert(requestId, transfer);
    if (!request.bodyFile.isEmpty()) {
        const QFileInfo info(request.bodyFile);
        if (!info.isFile()) {
            StorageAnswer answer;
            answer.error = info.exists() ? tr("%1 is not a file.").arg(request.bodyFile) : tr("%1 is gone.").arg(request.bodyFile);
            finish(transfer, answer);
            return;
        }
        transfer->fileBytes = info.size();
        transfer->fileModified = info.lastModified();
        if (transfer->fileBytes > std::max<qint64>(request.multipartAbove, 0))
            startMultipart(transfer);
        else
            startFilePut(transfer);
    } else if (!request.saveTo.isEmpty()) {
        startDownload(transfer);
    } else {
        sendStep(transfer, request, nullptr, [this, transfer](const StorageAnswer &answer) { finish(transfer, answer); });
    }
}

void StorageConsoleBridge::onCancelRequested(quint64 requestId)
{
    const std::shared_ptr<Transfer> transfer = m_transfers.value(requestId);
    if (!transfer)
        return;
    transfer->cancelled = true;
    // The reply's finished() comes from abort() at once; the step's handler sees `cancelled`.
    if (transfer->reply)
        transfer->reply->abort();
}

void StorageConsoleBridge::finish(const std::shared_ptr<Transfer> &transfer, const StorageAnswer &answer)
{
    m_transfers.remove(transfer->id);
    if (m_monitor && transfer->id != 0)
        Q_EMIT m_monitor->requestFinished(transfer->id, answer);
}

// A file's bytes [offset, offset + length) as an aws-chunked body with a CRC32C trailer
// (STREAMING-UNSIGNED-PAYLOAD-TRAILER, what current AWS SDKs send by default), made as QNAM reads
// it: the service checks the CRC over the bytes it received, so a body damaged on its way is
// refused (BadDigest) instead of stored, and the file is still read only once. Its length is
// known up front, so QNAM streams it under a Content-Length instead of buffering it.
class StorageConsoleBridge::ChunkedFileBody : public QIODevice
{
public:
    static constexpr qint64 kChunkBytes = 64 * 1024;

    // The region of a file that had `fileBytes` and was last changed at `fileModified`.
    ChunkedFileBody(const QString &path, qint64 offset, qint64 length, qint64 fileBytes, const QDateTime &fileModified)
        : m_file(path)
        , m_offset(offset)
        , m_length(length)
        , m_encodedBytes(encodedBytes(length))
        , m_fileBytes(fileBytes)
        , m_fileModified(fileModified)
    {
    }
    // False when the file cannot be read or is no longer the file it was (failure()).
    bool openBody()
    {
        if (!m_file.open(QIODevice::ReadOnly))
            return fail(StorageConsoleBridge::tr("Cannot read %1: %2").arg(m_file.fileName(), m_file.errorString()));
        if (!unchanged())
            return false;
        // Unbuffered: QIODevice's position is then what readData() has made.
        return rewind() && open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    }
    // Why the body could not be made; empty while it goes well.
    QString failure() const { return m_failure; }
    // Called (once, from readData(), so it must not touch the reply at once) when reading fails.
    void setOnFailure(std::function<void()> onFailure) { m_onFailure = std::move(onFailure); }
    qint64 decodedBytes() const { return m_length; }
    // The headers that tell S3 how to read it.
    StorageHeaders headers() const
    {
        return {{"Content-Encoding", "aws-chunked"},
                {"x-amz-decoded-content-length", QByteArray::number(m_length)},
                {"x-amz-trailer", kTrailer}};
    }
    bool isSequential() const override { return false; }
    qint64 size() const override { return m_encodedBytes; }
    // Only back to the start (QNAM's reset() for a resend) or where it is.
    bool seek(qint64 pos) override
    {
        if (pos == this->pos())
            return true;
        return pos == 0 && rewind() && QIODevice::seek(0);
    }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        qint64 produced = 0;
        while (produced < maxSize) {
            if (m_framingAt < m_framing.size()) {
                const qint64 n = std::min<qint64>(maxSize - produced, m_framing.size() - m_framingAt);
                std::memcpy(data + produced, m_framing.constData() + m_framingAt, size_t(n));
                m_framingAt += n;
                produced += n;
            } else if (!m_failure.isEmpty()) {
                // Nothing more: the reply is aborted (queued by fail()); QNAM waits for data
                // meanwhile, which a -1 could leave it doing until the transfer timeout.
                return produced;
            } else if (m_chunkLeft > 0) {
                const qint64 n = m_file.read(data + produced, std::min(maxSize - produced, m_chunkLeft));
                if (n < 0)
                    fail(StorageConsoleBridge::tr("Cannot read %1: %2").arg(m_file.fileName(), m_file.errorString()));
                else if (n == 0) // it shrank: the request fails rather than send less
                    fail(changedMessage());
                if (n <= 0)
                    continue;
                m_crc.addData(data + produced, n);
                m_chunkLeft -= n;
                produced += n;
                if (m_chunkLeft == 0)
                    setFraming("\r\n");
            } else if (m_done) {
                break;
            } else if (m_chunked < m_length) {
                const qint64 chunk = std::min(kChunkBytes, m_length - m_chunked);
                setFraming(QByteArray::number(chunk, 16) + "\r\n");
                m_chunkLeft = chunk;
                m_chunked += chunk;
            } else if (!unchanged()) {
                continue; // the last chunk is not sent: the service stores nothing
            } else {
                setFraming("0\r\n" + kTrailer + ':' + m_crc.base64Result() + "\r\n\r\n");
                m_done = true;
            }
        }
        return produced;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    static inline const QByteArray kTrailer = PayloadChecksum::headerName(PayloadChecksum::Algorithm::Crc32c);
    static constexpr int kCrcBase64Bytes = 8; // 4 bytes in base64

    static qint64 encodedBytes(qint64 length)
    {
        const auto chunkBytes = [](qint64 data) { return QByteArray::number(data, 16).size() + 2 + data + 2; };
        const qint64 rest = length % kChunkBytes;
        return length / kChunkBytes * chunkBytes(kChunkBytes) + (rest > 0 ? chunkBytes(rest) : 0) + 3 + kTrailer.size() + 1
            + kCrcBase64Bytes + 4;
    }
    bool rewind()
    {
        m_chunked = 0;
        m_chunkLeft = 0;
        m_framing.clear();
        m_framingAt = 0;
        m_done = false;
        m_crc = PayloadChecksum(PayloadChecksum::Algorithm::Crc32c);
        return m_file.seek(m_offset);
    }
    QString changedMessage() const
    {
        return StorageConsoleBridge::tr("%1 was changed by another program while it was being uploaded; nothing was stored.").arg(m_file.fileName());
    }
    // Whether the file (by its name) still has the size and time of change it had when the
    // request came; a region read whole from an unchanged file is the file's content then.
    bool unchanged()
    {
        const QFileInfo now(m_file.fileName());
        if (now.isFile() && now.size() == m_fileBytes && now.lastModified() == m_fileModified)
            return true;
        return fail(changedMessage());
    }
    bool fail(const QString &failure)
    {
        if (m_failure.isEmpty()) {
            m_failure = failure;
            if (m_onFailure)
                m_onFailure();
        }
        return false;
    }
    void setFraming(const QByteArray &framing)
    {
        m_framing = framing;
        m_framingAt = 0;
    }

    QFile m_file;
    const qint64 m_offset;
    const qint64 m_length;
    const qint64 m_encodedBytes;
    const qint64 m_fileBytes;
    const QDateTime m_fileModified;
    QString m_failure;
    std::function<void()> m_onFailure;
    qint64 m_chunked = 0;   // region bytes put into chunks so far
    qint64 m_chunkLeft = 0; // of the current chunk, still to read from the file
    QByteArray m_framing;   // chunk header, chunk end or the final chunk with the trailer
    qsizetype m_framingAt = 0;
    bool m_done = false;
    PayloadChecksum m_crc{PayloadChecksum::Algorithm::Crc32c};
};

QNetworkReply *StorageConsoleBridge::sendSigned(const StorageRequest &request, ChunkedFileBody *fileBody)
{
    // Path style: /<bucket>/<key>, each encoded once as SigV4 canonicalises it.
    QByteArray rawPath = "/";
    if (!request.bucket.isEmpty()) {
        rawPath += sigv4::uriEncode(request.bucket.toUtf8(), false);
        if (!request.key.isEmpty())
            rawPath += '/' + sigv4::uriEncode(request.key.toUtf8(), true);
    }
    QByteArray rawQuery;
    for (const auto &[name, value] : request.query) {
        if (!rawQuery.isEmpty())
            rawQuery += '&';
        rawQuery += sigv4::uriEncode(name.toUtf8(), false) + '=' + sigv4::uriEncode(value.toUtf8(), false);
    }
    const QByteArray hostHeader = m_loopback->authority().toUtf8();
    const QByteArray amzDate = sigv4::formatAmzDate(QDateTime::currentDateTimeUtc());
    // A file body is not read twice (once to hash, once to send): its CRC32C trailer covers it.
    const QByteArray payloadHash = fileBody ? QByteArray("STREAMING-UNSIGNED-PAYLOAD-TRAILER") : sigv4::sha256Hex(request.body);

    SignedRequest signedRequest;
    signedRequest.method = request.method;
    signedRequest.rawPath = rawPath;
    signedRequest.rawQuery = rawQuery;
    signedRequest.headers = {{"host", hostHeader}, {"x-amz-content-sha256", payloadHash}, {"x-amz-date", amzDate}};
    const QByteArray authorization = sigv4::authorization(signedRequest, {"host", "x-amz-content-sha256", "x-amz-date"},
                                                          payloadHash, m_accessKey, m_secretKey, amzDate, kRegion);

    const QUrl url = QUrl::fromEncoded("http://" + hostHeader + rawPath + (rawQuery.isEmpty() ? QByteArray() : '?' + rawQuery),
                                       QUrl::StrictMode);
    if (!url.isValid()) {
        delete fileBody;
        return nullptr;
    }
    QNetworkRequest req(url);
    req.setTransferTimeout(kRequestTimeoutMs);
    req.setRawHeader("Host", hostHeader);
    req.setRawHeader("x-amz-date", amzDate);
    req.setRawHeader("x-amz-content-sha256", payloadHash);
    req.setRawHeader("Authorization", authorization);
    for (const auto &[name, value] : request.headers)
        req.setRawHeader(name, value);
    if (fileBody) {
        for (const auto &[name, value] : fileBody->headers())
            req.setRawHeader(name, value);
    }
    QNetworkAccessManager *network = m_loopback->network();
    QNetworkReply *reply = nullptr;
    if (request.method == "HEAD") {
        // A custom verb would make the reply wait for the body HEAD's Content-Length announces.
        reply = network->head(req);
    } else if (fileBody) {
        // With its length known, QNAM reads the device as it sends instead of buffering it.
        req.setHeader(QNetworkRequest::ContentLengthHeader, fileBody->size());
        reply = network->sendCustomRequest(req, request.method, fileBody);
        fileBody->setParent(reply);
    } else {
        reply = network->sendCustomRequest(req, request.method, request.body);
    }
    return reply;
}

namespace {

StorageAnswer answerOf(QNetworkReply *reply, bool readBody)
{
    StorageAnswer answer;
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    for (const auto &[name, value] : reply->rawHeaderPairs())
        answer.headers.append({name.toLower(), value});
    if (readBody)
        answer.body = reply->readAll();
    if (answer.status == 0)
        answer.error = reply->errorString();
    return answer;
}

StorageAnswer errorAnswer(const QString &error)
{
    StorageAnswer answer;
    answer.error = error;
    return answer;
}

QByteArray xmlElementText(const QByteArray &xml, QLatin1String name)
{
    QXmlStreamReader reader(xml);
    while (!reader.atEnd()) {
        if (reader.readNext() == QXmlStreamReader::StartElement && reader.name() == name)
            return reader.readElementText().toUtf8();
    }
    return {};
}

} // namespace

void StorageConsoleBridge::sendStep(const std::shared_ptr<Transfer> &transfer, const StorageRequest &request,
                                    ChunkedFileBody *fileBody, std::function<void(const StorageAnswer &)> onAnswer)
{
    if (!m_loopback->isListening()) {
        // The service is stopping (it finishes the requests in flight, but takes no new ones).
        delete fileBody;
        onAnswer(errorAnswer(tr("The storage service stopped before it answered.")));
        return;
    }
    const qint64 fileBytes = fileBody ? fileBody->decodedBytes() : 0;
    QNetworkReply *reply = sendSigned(request, fileBody);
    if (!reply) {
        onAnswer(errorAnswer(tr("The key or bucket cannot be put in a URL.")));
        return;
    }
    transfer->reply = reply;
    // Set when the file body cannot be read on: the step ends with that, at once.
    auto bodyFailure = std::make_shared<QString>();
    if (fileBody) {
        fileBody->setOnFailure([this, fileBody, bodyFailure, reply = QPointer<QNetworkReply>(reply)] {
            *bodyFailure = fileBody->failure();
            QTimer::singleShot(0, this, [reply] {
                if (reply)
                    reply->abort();
            });
        });
    }
    m_loopback->track(transfer->id, reply, [this, transfer, bodyFailure, onAnswer = std::move(onAnswer)](quint64, QNetworkReply *reply) {
        transfer->reply = nullptr;
        onAnswer(transfer->cancelled          ? errorAnswer(tr("Cancelled."))
                 : !bodyFailure->isEmpty()    ? errorAnswer(*bodyFailure)
                                              : answerOf(reply, true));
    });
    if (fileBody) {
        const qint64 before = qint64(transfer->partsDone) * transfer->partBytes;
        connect(reply, &QNetworkReply::uploadProgress, this, [this, transfer, before, fileBytes](qint64 sent, qint64 total) {
            // QNAM ends with a (0, 0) report once the request is sent: not progress.
            if (!m_monitor || total <= 0)
                return;
            // In the file's bytes: the framing is a steady 0.01 % of what goes, so the share
            // sent is the share of the file (exact at the end).
            const qint64 fileSent = qint64(double(sent) / double(total) * double(fileBytes));
            Q_EMIT m_monitor->uploadProgress(transfer->id, before + fileSent, transfer->fileBytes);
        });
    } else if (!request.body.isEmpty() && transfer->partCount == 0) { // not a multipart upload's Complete
        connect(reply, &QNetworkReply::uploadProgress, this, [this, transfer](qint64 sent, qint64 total) {
            if (m_monitor)
                Q_EMIT m_monitor->uploadProgress(transfer->id, sent, total);
        });
    }
}

void StorageConsoleBridge::startFilePut(const std::shared_ptr<Transfer> &transfer)
{
    auto *body = new ChunkedFileBody(transfer->request.bodyFile, 0, transfer->fileBytes, transfer->fileBytes, transfer->fileModified);
    if (!body->openBody()) {
        StorageAnswer answer = errorAnswer(body->failure());
        delete body;
        finish(transfer, answer);
        return;
    }
    StorageRequest put = transfer->request;
    put.body.clear();
    sendStep(transfer, put, body, [this, transfer](const StorageAnswer &answer) { finish(transfer, answer); });
}

void StorageConsoleBridge::startDownload(const std::shared_ptr<Transfer> &transfer)
{
    // QSaveFile writes a temp file beside the target and renames it over the target only in
    // commit(), after flushing it to disk: nothing half-written ever carries the user's name.
    transfer->saveFile = std::make_unique<QSaveFile>(transfer->request.saveTo);
    if (!transfer->saveFile->open(QIODevice::WriteOnly)) {
        finish(transfer, errorAnswer(tr("Cannot write %1: %2").arg(transfer->request.saveTo, transfer->saveFile->errorString())));
        return;
    }
    QNetworkReply *reply = sendSigned(transfer->request, nullptr);
    if (!reply) {
        finish(transfer, errorAnswer(tr("The key or bucket cannot be put in a URL.")));
        return;
    }
    transfer->reply = reply;
    // The reply holds at most this much before it stops reading the socket: memory stays
    // bounded whatever the object's size.
    reply->setReadBufferSize(kDownloadBufferBytes);
    const auto drain = [this, transfer](QNetworkReply *reply) {
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray chunk = reply->readAll();
        if (chunk.isEmpty())
            return;
        if (status < 200 || status >= 300) {
            // S3's error document; anything past a sane size is not an error document.
            transfer->errorBody += chunk.left(std::max<qsizetype>(0, kMaxErrorBodyBytes - transfer->errorBody.size()));
            return;
        }
        if (!transfer->writeError.isEmpty())
            return;
        if (transfer->saveFile->write(chunk) != chunk.size()) {
            transfer->writeError = transfer->saveFile->errorString();
            reply->abort();
            return;
        }
        const qint64 before = transfer->written;
        transfer->written += chunk.size();
        // Reported here, in the bytes written, at the first write and then every MiB and at
        // the end: QNAM's own downloadProgress comes at most every 150 ms, so a fast download's
        // first report could be its last, too late for a Cancel.
        const qint64 total = announcedLength(reply);
        if (m_monitor && (before == 0 || before >> 20 != transfer->written >> 20 || transfer->written == total))
            Q_EMIT m_monitor->downloadProgress(transfer->id, transfer->written, total);
    };
    connect(reply, &QNetworkReply::readyRead, this, [reply, drain] { drain(reply); });
    m_loopback->track(transfer->id, reply, [this, transfer, drain](quint64, QNetworkReply *reply) {
        transfer->reply = nullptr;
        if (!transfer->cancelled && transfer->writeError.isEmpty())
            drain(reply);
        StorageAnswer answer = answerOf(reply, false);
        answer.body = transfer->errorBody;
        const qint64 announced = announcedLength(reply);
        const bool whole = reply->error() == QNetworkReply::NoError && (announced < 0 || announced == transfer->written);
        if (transfer->cancelled) {
            answer.error = tr("Cancelled.");
        } else if (!transfer->writeError.isEmpty()) {
            answer.error = tr("Cannot write %1: %2").arg(transfer->request.saveTo, transfer->writeError);
        } else if (answer.ok() && !whole) {
            answer.error = tr("The download was cut off: %1").arg(reply->errorString());
        } else if (answer.ok() && !transfer->saveFile->commit()) {
            answer.error = tr("Cannot save %1: %2").arg(transfer->request.saveTo, transfer->saveFile->errorString());
        } else if (answer.ok()) {
            answer.bytesSaved = transfer->written;
        }
        // Not committed: the temp file goes, whatever was at saveTo stays.
        transfer->saveFile.reset();
        finish(transfer, answer);
    });
}

qint64 StorageConsoleBridge::partBytesFor(qint64 fileBytes, qint64 requested)
{
    qint64 partBytes = std::max(requested > 0 ? requested : kDefaultPartBytes, StorageRequest::kMinPartBytes);
    // Larger parts, in whole MiB, when the file would need more than S3's 10,000.
    const qint64 needed = (fileBytes + StorageRequest::kMaxParts - 1) / StorageRequest::kMaxParts;
    if (partBytes < needed)
        partBytes = (needed + (1 << 20) - 1) / (1 << 20) * (1 << 20);
    return partBytes;
}

void StorageConsoleBridge::startMultipart(const std::shared_ptr<Transfer> &transfer)
{
    const StorageRequest &request = transfer->request;
    transfer->partBytes = partBytesFor(transfer->fileBytes, request.partBytes);
    transfer->partCount = int((transfer->fileBytes + transfer->partBytes - 1) / transfer->partBytes);

    StorageRequest create = transfer->step("POST", {{QStringLiteral("uploads"), QString()}});
    create.headers = request.headers; // Content-Type and metadata belong to the upload
    sendStep(transfer, create, nullptr, [this, transfer](const StorageAnswer &answer) {
        if (!answer.ok()) {
            finish(transfer, answer);
            return;
        }
        transfer->uploadId = xmlElementText(answer.body, QLatin1String("UploadId"));
        if (transfer->uploadId.isEmpty()) {
            finish(transfer, errorAnswer(tr("The storage service sent no upload id.")));
            return;
        }
        sendNextPart(transfer);
    });
}

void StorageConsoleBridge::sendNextPart(const std::shared_ptr<Transfer> &transfer)
{
    const int partNumber = transfer->partsDone + 1;
    const qint64 offset = qint64(transfer->partsDone) * transfer->partBytes;
    const qint64 length = std::min(transfer->partBytes, transfer->fileBytes - offset);
    auto *region = new ChunkedFileBody(transfer->request.bodyFile, offset, length, transfer->fileBytes, transfer->fileModified);
    if (!region->openBody()) {
        const QString error = region->failure();
        delete region;
        failMultipart(transfer, errorAnswer(error));
        return;
    }
    const StorageRequest part = transfer->step("PUT", {{QStringLiteral("partNumber"), QString::number(partNumber)}, transfer->uploadIdQuery()});
    sendStep(transfer, part, region, [this, transfer](const StorageAnswer &answer) {
        if (!answer.ok()) {
            failMultipart(transfer, answer);
            return;
        }
        transfer->etags.append(answer.header("etag"));
        ++transfer->partsDone;
        if (transfer->partsDone < transfer->partCount)
            sendNextPart(transfer);
        else
            completeMultipart(transfer);
    });
}

void StorageConsoleBridge::completeMultipart(const std::shared_ptr<Transfer> &transfer)
{
    StorageRequest complete = transfer->step("POST", {transfer->uploadIdQuery()});
    complete.headers = {{"Content-Type", "application/xml"}};
    complete.body = "<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">";
    for (int i = 0; i < transfer->etags.size(); ++i) {
        complete.body += "<Part><PartNumber>" + QByteArray::number(i + 1) + "</PartNumber><ETag>"
            + transfer->etags.at(i) + "</ETag></Part>";
    }
    complete.body += "</CompleteMultipartUpload>";
    sendStep(transfer, complete, nullptr, [this, transfer](const StorageAnswer &answer) {
        if (!answer.ok()) {
            failMultipart(transfer, answer);
            return;
        }
        transfer->uploadId.clear(); // the object now; nothing to abort
        finish(transfer, answer);
    });
}

void StorageConsoleBridge::failMultipart(const std::shared_ptr<Transfer> &transfer, const StorageAnswer &answer)
{
    if (transfer->uploadId.isEmpty()) {
        finish(transfer, answer);
        return;
    }
    // The answer waits for the abort, so the upload's parts are gone when the console hears of it.
    const StorageRequest abort = transfer->step("DELETE", {transfer->uploadIdQuery()});
    transfer->cancelled = false; // the abort itself is not cancelled
    sendStep(transfer, abort, nullptr, [this, transfer, answer](const StorageAnswer &aborted) {
        // Not answered (the service is stopping): straight through the store, so no parts stay.
        if (!aborted.ok() && aborted.status != 404 && m_abortUpload)
            m_abortUpload(transfer->uploadId);
        transfer->uploadId.clear();
        finish(transfer, answer);
    });
}

} // namespace homeport::storage
