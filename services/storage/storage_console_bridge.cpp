#include "storage_console_bridge.h"

#include "sigv4.h"

#include "http/loopback_client.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrl>

namespace homeport::storage {

namespace {

constexpr int kPublishIntervalMs = 1000;
// Uploads from the console can be large; the engine's own limits still apply.
constexpr int kRequestTimeoutMs = 300'000;
const QByteArray kRegion = "us-east-1";

} // namespace

StorageConsoleBridge::StorageConsoleBridge(StorageMonitor *monitor, http::HttpServer *server,
                                           const QHostAddress &bindAddress, const QByteArray &accessKey,
                                           const QByteArray &secretKey, UsageReader usage)
    : m_monitor(monitor)
    , m_loopback(new http::LoopbackClient(server, bindAddress, this))
    , m_accessKey(accessKey)
    , m_secretKey(secretKey)
    , m_usage(std::move(usage))
    , m_timer(new QTimer(this))
{
    // A restarted service goes on with the minutes its previous run published.
    m_minutes = m_monitor->snapshot().usageMinutes;
    connect(m_monitor, &StorageMonitor::requestSent, this, &StorageConsoleBridge::onRequestSent, Qt::QueuedConnection);
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
    // Requests still out are answered, so no console view waits forever.
    for (const quint64 requestId : m_loopback->abortAll()) {
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
    if (!m_loopback->isListening()) {
        StorageAnswer answer;
        answer.error = tr("The storage service is not listening.");
        Q_EMIT m_monitor->requestFinished(requestId, answer);
        return;
    }
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
    const QByteArray payloadHash = sigv4::sha256Hex(request.body);

    SignedRequest signedRequest;
    signedRequest.method = request.method;
    signedRequest.rawPath = rawPath;
    signedRequest.rawQuery = rawQuery;
    signedRequest.headers = {{"host", hostHeader}, {"x-amz-content-sha256", payloadHash}, {"x-amz-date", amzDate}};
    const QByteArray authorization = sigv4::authorization(signedRequest, {"host", "x-amz-content-sha256", "x-amz-date"},
                                                          payloadHash, m_accessKey, m_secretKey, amzDate, kRegion);

    const QUrl url = QUrl::fromEncoded("http://" + hostHeader + rawPath + (rawQuery.isEmpty() ? QByteArray() : '?' + rawQuery),
                                       QUrl::StrictMode);
    QNetworkRequest req(url);
    req.setTransferTimeout(kRequestTimeoutMs);
    req.setRawHeader("Host", hostHeader);
    req.setRawHeader("x-amz-date", amzDate);
    req.setRawHeader("x-amz-content-sha256", payloadHash);
    req.setRawHeader("Authorization", authorization);
    for (const auto &[name, value] : request.headers)
        req.setRawHeader(name, value);
    // A custom verb would make the reply wait for the body HEAD's Content-Length announces.
    QNetworkAccessManager *network = m_loopback->network();
    QNetworkReply *reply = request.method == "HEAD" ? network->head(req)
                                                    : network->sendCustomRequest(req, request.method, request.body);
    m_loopback->track(requestId, reply, [this](quint64 id, QNetworkReply *reply) {
        StorageAnswer answer;
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        for (const auto &[name, value] : reply->rawHeaderPairs())
            answer.headers.append({name.toLower(), value});
        answer.body = reply->readAll();
        if (answer.status == 0)
            answer.error = reply->errorString();
        if (m_monitor && id != 0)
            Q_EMIT m_monitor->requestFinished(id, answer);
    });
    if (!request.body.isEmpty()) {
        connect(reply, &QNetworkReply::uploadProgress, this, [this, requestId](qint64 sent, qint64 total) {
            if (m_monitor)
                Q_EMIT m_monitor->uploadProgress(requestId, sent, total);
        });
    }
}

} // namespace homeport::storage
