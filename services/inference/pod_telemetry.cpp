#include "pod_telemetry.h"

#include "pod_pool.h"

#include "core/metrics.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <cmath>

namespace homeport::inference {

namespace {

// A /metrics answer larger than this is not vLLM's (it is a few hundred KB with many models).
constexpr qint64 kMetricsBytes = 8LL << 20;

double orNaN(const std::optional<double> &v)
{
    return v ? *v : qQNaN();
}

} // namespace

PodTelemetry::PodTelemetry(PodPool *pool, QNetworkAccessManager *network, core::Metrics *metrics, QObject *parent)
    : QObject(parent), m_pool(pool), m_network(network), m_metrics(metrics)
{
    connect(&m_timer, &QTimer::timeout, this, &PodTelemetry::tick);
}

void PodTelemetry::start(int intervalMs, int timeoutMs, qint64 windowMs, PodStateLimits limits)
{
    m_timeoutMs = timeoutMs;
    m_windowMs = windowMs;
    m_limits = limits;
    tick();
    m_timer.start(intervalMs);
}

void PodTelemetry::tick()
{
    for (int i = 0; i < m_pool->size(); ++i) {
        const Pod &pod = m_pool->pod(i);
        if (!m_tracks.contains(pod.name))
            m_tracks.insert(pod.name, Track{VllmMetricsWindow(m_windowMs), {}, {}, false, {}});
        // A vLLM pod's point waits for its scrape, so the charts show what the table shows.
        if (pod.kind == PodKind::Vllm && pod.healthy && scrape(i))
            continue;
        recordPoint(i);
    }
}

void PodTelemetry::recordPoint(int index)
{
    const PodStatus status = statusOf(index);
    PodPoint point;
    point.atMs = QDateTime::currentMSecsSinceEpoch();
    point.tokensPerSecond = orNaN(status.tokensPerSecond);
    point.kvCachePercent = status.kvCacheUsage ? *status.kvCacheUsage * 100.0 : qQNaN();
    point.running = status.running ? *status.running : (status.runpod ? double(status.runpod->inProgress) : qQNaN());
    point.waiting = status.waiting ? *status.waiting : (status.runpod ? double(status.runpod->inQueue) : qQNaN());
    Track &track = m_tracks[status.name];
    track.history.append(point);
    if (track.history.size() > kHistoryPoints)
        track.history.remove(0, track.history.size() - kHistoryPoints);
    foldIntoMinute(track.minutes, track.history);
    publishGauges(status);
}

void PodTelemetry::foldIntoMinute(QVector<PodPoint> &minutes, const QVector<PodPoint> &history)
{
    if (history.isEmpty())
        return;
    constexpr qint64 kMinuteMs = 60'000;
    const qint64 start = history.last().atMs - history.last().atMs % kMinuteMs;
    // The history holds far more than a minute of checks, so the minute's are all still there.
    struct Mean { double sum = 0; int count = 0; };
    Mean tokens, kv, running, waiting;
    auto add = [](Mean &m, double v) {
        if (std::isfinite(v)) {
            m.sum += v;
            ++m.count;
        }
    };
    for (auto it = history.crbegin(); it != history.crend() && it->atMs >= start; ++it) {
        add(tokens, it->tokensPerSecond);
        add(kv, it->kvCachePercent);
        add(running, it->running);
        add(waiting, it->waiting);
    }
    auto mean = [](const Mean &m) { return m.count ? m.sum / m.count : qQNaN(); };
    const PodPoint point{start, mean(tokens), mean(kv), mean(running), mean(waiting)};
    if (!minutes.isEmpty() && minutes.last().atMs == start)
        minutes.last() = point;
    else
        minutes.append(point);
    if (minutes.size() > kMinutePoints)
        minutes.remove(0, minutes.size() - kMinutePoints);
}

bool PodTelemetry::scrape(int index)
{
    const Pod &pod = m_pool->pod(index);
    Track &track = m_tracks[pod.name];
    if (track.scraping)
        return false;
    track.scraping = true;
    QNetworkRequest request = m_pool->upstreamRequest(index, pod.metricsUrl, m_timeoutMs);
    request.setRawHeader("Accept", "text/plain;version=0.0.4");
    QNetworkReply *reply = m_network->get(request);
    const QString name = pod.name;
    connect(reply, &QNetworkReply::downloadProgress, reply, [reply](qint64 received, qint64) {
        if (received > kMetricsBytes)
            reply->abort();
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply, name] {
        reply->deleteLater();
        const auto it = m_tracks.find(name);
        if (it == m_tracks.end())
            return;
        it->scraping = false;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status != 200) {
            it->error = status ? tr("/metrics answered %1").arg(status) : reply->errorString();
        } else {
            const MetricExposition metrics = parsePrometheusText(reply->readAll());
            const VllmReading reading = readVllmMetrics(metrics, QDateTime::currentMSecsSinceEpoch());
            if (!reading.running && !reading.kvCacheUsage && !reading.generationTokens) {
                it->error = tr("/metrics has no vllm: series");
            } else {
                it->error.clear();
                it->window.add(reading);
            }
        }
        for (int i = 0; i < m_pool->size(); ++i) {
            if (m_pool->pod(i).name == name)
                recordPoint(i);
        }
    });
    return true;
}

PodStatus PodTelemetry::statusOf(int index) const
{
    const Pod &pod = m_pool->pod(index);
    PodStatus s;
    s.name = pod.name;
    s.kind = pod.kind;
    s.url = pod.baseUrl;
    for (const QJsonValue &m : pod.models)
        s.models << m.toObject().value(QStringLiteral("id")).toString();
    s.inFlight = pod.outstanding;
    s.healthLatencyMs = pod.healthLatencyMs;
    s.costPerHour = pod.costPerHour;
    s.runpod = pod.runpodHealth;

    PodObservation observation;
    observation.reachable = pod.healthy;
    observation.failure = pod.lastError;
    observation.healthLatencyMs = pod.healthLatencyMs;
    observation.runpod = pod.runpodHealth;

    const auto it = m_tracks.constFind(pod.name);
    if (it != m_tracks.constEnd()) {
        s.metricsError = it->error;
        s.history = it->history;
        s.minutes = it->minutes;
        // A reading older than three windows says nothing about now.
        const VllmReading *latest = it->window.latest();
        if (latest && pod.healthy && latest->atMs >= QDateTime::currentMSecsSinceEpoch() - 3 * m_windowMs) {
            s.running = latest->running;
            s.waiting = latest->waiting;
            s.kvCacheUsage = latest->kvCacheUsage;
            s.kvCacheMetric = latest->kvCacheMetric;
            const VllmRates rates = it->window.rates();
            s.tokensPerSecond = rates.generationTokensPerSecond;
            s.promptTokensPerSecond = rates.promptTokensPerSecond;
            s.ttftP50 = rates.ttftP50;
            s.ttftP95 = rates.ttftP95;
            s.e2eP50 = rates.e2eP50;
            s.e2eP95 = rates.e2eP95;
            observation.waiting = s.waiting;
            observation.kvCacheUsage = s.kvCacheUsage;
        }
    }
    const PodVerdict verdict = judgePod(observation, m_limits);
    s.state = verdict.state;
    s.reason = verdict.reason;
    return s;
}

QList<PodStatus> PodTelemetry::statuses() const
{
    QList<PodStatus> out;
    for (int i = 0; i < m_pool->size(); ++i)
        out.append(statusOf(i));
    return out;
}

void PodTelemetry::publishGauges(const PodStatus &s)
{
    if (!m_metrics)
        return;
    const QString pod = QStringLiteral("pod=\"%1\"").arg(labelValue(s.name));
    for (const PodState state : {PodState::Up, PodState::Degraded, PodState::Cold, PodState::Down})
        m_metrics->setGauge(QStringLiteral("homeport_inference_pod_state"),
                            pod + QStringLiteral(",state=\"%1\"").arg(podStateName(state)), s.state == state ? 1 : 0);
    auto gauge = [&](const char *name, const std::optional<double> &value) {
        if (value && std::isfinite(*value))
            m_metrics->setGauge(QLatin1String(name), pod, *value);
    };
    gauge("homeport_inference_pod_requests_running", s.running);
    gauge("homeport_inference_pod_requests_waiting", s.waiting);
    gauge("homeport_inference_pod_kv_cache_usage", s.kvCacheUsage);
    gauge("homeport_inference_pod_generation_tokens_per_second", s.tokensPerSecond);
    gauge("homeport_inference_pod_prompt_tokens_per_second", s.promptTokensPerSecond);
    gauge("homeport_inference_pod_ttft_p50_seconds", s.ttftP50);
    gauge("homeport_inference_pod_ttft_p95_seconds", s.ttftP95);
    gauge("homeport_inference_pod_e2e_latency_p50_seconds", s.e2eP50);
    gauge("homeport_inference_pod_e2e_latency_p95_seconds", s.e2eP95);
    if (s.runpod) {
        gauge("homeport_inference_pod_workers", double(s.runpod->workers()));
        gauge("homeport_inference_pod_jobs_in_queue", double(s.runpod->inQueue));
    }
}

} // namespace homeport::inference
