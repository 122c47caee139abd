#include "search_console_bridge.h"

#include "collection.h"

#include "core/metrics.h"
#include "http/loopback_client.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>
#include <type_traits>

namespace homeport::search {

namespace {

constexpr int kPublishIntervalMs = 1000;
// Import batches of the console can be large; the engine's own limits still apply.
constexpr int kRequestTimeoutMs = 120'000;
const QString kDurationHistogram = QStringLiteral("homeport_http_request_duration_seconds");

// The q-quantile of one second's bucket counts, interpolated linearly inside its bucket as
// Prometheus' histogram_quantile() does; seconds.
double quantile(const QVector<double> &bounds, const QVector<quint64> &counts, quint64 total, double q)
{
    if (total == 0)
        return 0;
    const double rank = q * double(total);
    quint64 below = 0;
    for (int i = 0; i < counts.size(); ++i) {
        if (counts[i] == 0 || double(below + counts[i]) < rank) {
            below += counts[i];
            continue;
        }
        if (i >= bounds.size()) // the +Inf bucket: its lower bound is all we know
            return bounds.isEmpty() ? 0 : bounds.last();
        const double lower = i == 0 ? 0 : bounds[i - 1];
        const double upper = bounds[i];
        return lower + (upper - lower) * std::clamp((rank - double(below)) / double(counts[i]), 0.0, 1.0);
    }
    return bounds.isEmpty() ? 0 : bounds.last();
}

CollectionInfo describe(const QJsonObject &summary)
{
    CollectionInfo info;
    info.name = summary.value(QStringLiteral("name")).toString();
    info.numDocuments = summary.value(QStringLiteral("num_documents")).toInteger();
    info.createdAt = summary.value(QStringLiteral("created_at")).toInteger();
    info.defaultSortingField = summary.value(QStringLiteral("default_sorting_field")).toString();
    for (const QJsonValue &v : summary.value(QStringLiteral("fields")).toArray()) {
        const QJsonObject f = v.toObject();
        CollectionField field;
        field.name = f.value(QStringLiteral("name")).toString();
        field.type = f.value(QStringLiteral("type")).toString();
        field.facet = f.value(QStringLiteral("facet")).toBool();
        field.optional = f.value(QStringLiteral("optional")).toBool();
        field.index = f.value(QStringLiteral("index")).toBool(true);
        field.sort = f.value(QStringLiteral("sort")).toBool();
        info.fields.append(field);
    }
    return info;
}

} // namespace

SearchConsoleBridge::SearchConsoleBridge(SearchMonitor *monitor, http::HttpServer *server, const QHostAddress &bindAddress,
                                         core::Metrics *metrics, const QString &serviceName, const QString &apiKey,
                                         CollectionVisitor visit)
    : m_monitor(monitor)
    , m_loopback(new http::LoopbackClient(server, bindAddress, this))
    , m_metrics(metrics)
    , m_histogramLabels(QStringLiteral("service=\"%1\"").arg(serviceName))
    , m_apiKey(apiKey)
    , m_visit(std::move(visit))
    , m_timer(new QTimer(this))
{
    // A restarted service goes on with the minutes its previous run published.
    m_latencyMinutes = m_monitor->snapshot().latencyMinutes;
    connect(m_monitor, &SearchMonitor::requestSent, this, &SearchConsoleBridge::onRequestSent, Qt::QueuedConnection);
    m_timer->setInterval(kPublishIntervalMs);
    connect(m_timer, &QTimer::timeout, this, &SearchConsoleBridge::publishNow);
    m_timer->start();
    m_monitor->setServiceAttached(true);
    // The first snapshot goes out once the server listens (configure() runs before listen()).
    QTimer::singleShot(0, this, &SearchConsoleBridge::publishNow);
}

SearchConsoleBridge::~SearchConsoleBridge()
{
    if (m_monitor) {
        m_monitor->setServiceAttached(false);
        disconnect(m_monitor, nullptr, this, nullptr);
    }
    // Requests still out are answered, so no console editor waits forever.
    for (const quint64 requestId : m_loopback->abortAll()) {
        ApiAnswer answer;
        answer.error = tr("The search service stopped before it answered.");
        if (m_monitor)
            Q_EMIT m_monitor->requestFinished(requestId, answer);
    }
}

void SearchConsoleBridge::onRequestSent(quint64 requestId, const ApiRequest &request)
{
    if (!m_loopback->isListening()) {
        ApiAnswer answer;
        answer.error = tr("The search service is not listening.");
        Q_EMIT m_monitor->requestFinished(requestId, answer);
        return;
    }
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(m_loopback->host());
    url.setPort(m_loopback->port());
    url.setPath(request.path);
    if (!request.query.isEmpty()) {
        QUrlQuery query;
        for (const auto &[key, value] : request.query)
            query.addQueryItem(QString::fromUtf8(QUrl::toPercentEncoding(key)), QString::fromUtf8(QUrl::toPercentEncoding(value)));
        url.setQuery(query.query(QUrl::FullyEncoded), QUrl::StrictMode);
    }
    QNetworkRequest req(url);
    req.setRawHeader("X-TYPESENSE-API-KEY", m_apiKey.toUtf8());
    req.setTransferTimeout(kRequestTimeoutMs);
    if (!request.body.isEmpty() || request.method == "POST" || request.method == "PATCH" || request.method == "PUT")
        req.setHeader(QNetworkRequest::ContentTypeHeader, request.contentType);
    QNetworkReply *reply = m_loopback->network()->sendCustomRequest(req, request.method, request.body);
    m_loopback->track(requestId, reply, [this](quint64 id, QNetworkReply *reply) {
        ApiAnswer answer;
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        answer.body = reply->readAll();
        if (answer.status == 0)
            answer.error = reply->errorString();
        if (m_monitor && id != 0)
            Q_EMIT m_monitor->requestFinished(id, answer);
    });
}

qint64 SearchConsoleBridge::estimatedBytes(const Collection &collection)
{
    const qint64 documents = collection.numDocuments();
    SizeSample &cached = m_sizes[collection.name()];
    if (cached.documents == documents)
        return cached.bytes;
    // The documents' compact JSON, as the collection's log holds it (added up from the lengths the
    // collection keeps; no document is read).
    cached.documents = documents;
    cached.bytes = collection.storedBytes();
    return cached.bytes;
}

qint64 SearchConsoleBridge::memoryBytes(const Collection &collection)
{
    // On the service's thread, the only one that changes collections: no lock is needed to read
    // them (the collection locks what searches build lazily). Walking a large index takes some
    // milliseconds, so it is done only when the collection changed, and at most often enough to
    // take a fiftieth of the thread (a walk of 200 ms waits 10 s before the next).
    SizeSample &cached = m_sizes[collection.name()];
    const quint64 stamp = collection.memoryStamp();
    if (!m_clock.isValid())
        m_clock.start();
    if (!cached.haveMemory || (cached.memoryStamp != stamp && m_clock.elapsed() >= cached.memoryDueMs)) {
        QElapsedTimer walk;
        walk.start();
        cached.memory = collection.memoryBytes();
        cached.memoryStamp = stamp;
        cached.haveMemory = true;
        cached.memoryDueMs = m_clock.elapsed() + 50 * walk.elapsed();
    }
    return cached.memory;
}

void SearchConsoleBridge::sampleLatency(qint64 second)
{
    if (!m_metrics)
        return;
    const core::MetricsSnapshot snapshot = m_metrics->snapshot();
    const auto it = snapshot.histograms.constFind(core::MetricKey{kDurationHistogram, m_histogramLabels});
    QVector<quint64> counts;
    QVector<double> bounds = core::Metrics::latencyBuckets();
    quint64 count = 0;
    if (it != snapshot.histograms.constEnd()) {
        counts = it->bucketCounts;
        bounds = it->upperBounds;
        count = it->count;
    }
    LatencyPoint point;
    point.second = second;
    QVector<quint64> delta;
    if (m_haveBaseline && counts.size() == m_lastBuckets.size() && count >= m_lastCount) {
        delta.resize(counts.size());
        for (int i = 0; i < counts.size(); ++i)
            delta[i] = counts[i] - m_lastBuckets[i];
        point.requests = count - m_lastCount;
        point.p50Ms = quantile(bounds, delta, point.requests, 0.50) * 1000;
        point.p99Ms = quantile(bounds, delta, point.requests, 0.99) * 1000;
    } else if (!m_haveBaseline) {
        point.requests = 0;
    }
    addToMinute(second, bounds, delta);
    m_requestsTotal = count;
    m_lastBuckets = counts;
    m_lastCount = count;
    m_haveBaseline = true;
    m_latency.append(point);
    if (m_latency.size() > SearchMonitor::kLatencySeconds)
        m_latency.remove(0, m_latency.size() - SearchMonitor::kLatencySeconds);
}

void SearchConsoleBridge::addToMinute(qint64 second, const QVector<double> &bounds, const QVector<quint64> &delta)
{
    const qint64 minute = second / 60;
    if (minute != m_minute) {
        m_minute = minute;
        m_minuteBuckets.fill(0, bounds.size() + 1);
        // A point the previous run published for this very minute is replaced, not doubled.
        if (m_latencyMinutes.isEmpty() || m_latencyMinutes.last().second != minute * 60)
            m_latencyMinutes.append(LatencyPoint{});
        m_latencyMinutes.last() = LatencyPoint{minute * 60, 0, 0, 0};
        if (m_latencyMinutes.size() > SearchMonitor::kLatencyMinutes)
            m_latencyMinutes.remove(0, m_latencyMinutes.size() - SearchMonitor::kLatencyMinutes);
    }
    if (delta.size() != m_minuteBuckets.size())
        return; // no second to add (the first sample, or the histogram changed its buckets)
    LatencyPoint &point = m_latencyMinutes.last();
    for (int i = 0; i < delta.size(); ++i) {
        m_minuteBuckets[i] += delta[i];
        point.requests += delta[i];
    }
    point.p50Ms = quantile(bounds, m_minuteBuckets, point.requests, 0.50) * 1000;
    point.p99Ms = quantile(bounds, m_minuteBuckets, point.requests, 0.99) * 1000;
}

void SearchConsoleBridge::publishNow()
{
    if (!m_monitor)
        return;
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    sampleLatency(now);
    SearchSnapshot snapshot;
    snapshot.takenAt = now;
    QSet<QString> names;
    m_visit([&](const Collection &c) {
        CollectionInfo info = describe(c.summary());
        info.estimatedBytes = estimatedBytes(c);
        info.memoryBytes = memoryBytes(c);
        names.insert(info.name);
        snapshot.collections.append(info);
    });
    std::sort(snapshot.collections.begin(), snapshot.collections.end(),
              [](const CollectionInfo &a, const CollectionInfo &b) { return a.name < b.name; });
    for (auto it = m_sizes.begin(); it != m_sizes.end();)
        it = names.contains(it.key()) ? std::next(it) : m_sizes.erase(it);
    snapshot.latency = m_latency;
    snapshot.latencyMinutes = m_latencyMinutes;
    snapshot.requestsTotal = m_requestsTotal;
    m_monitor->publish(snapshot);
}

} // namespace homeport::search
