#include "vllm_metrics.h"

#include <algorithm>
#include <cmath>

namespace homeport::inference {

namespace {

std::optional<double> finite(std::optional<double> value)
{
    if (value && !std::isfinite(*value))
        return std::nullopt;
    return value;
}

// The growth of a counter between two readings; a restarted pod's counter starts again from 0.
std::optional<double> perSecond(std::optional<double> before, std::optional<double> after, qint64 elapsedMs)
{
    if (!before || !after || elapsedMs <= 0)
        return std::nullopt;
    const double grown = *after >= *before ? *after - *before : *after;
    return grown * 1000.0 / double(elapsedMs);
}

} // namespace

VllmReading readVllmMetrics(const MetricExposition &metrics, qint64 atMs)
{
    VllmReading r;
    r.atMs = atMs;
    r.running = finite(metrics.sum(QStringLiteral("vllm:num_requests_running")));
    r.waiting = finite(metrics.sum(QStringLiteral("vllm:num_requests_waiting")));
    for (const QString name : {QStringLiteral("vllm:kv_cache_usage_perc"), QStringLiteral("vllm:gpu_cache_usage_perc")}) {
        // One value per model and engine: the fullest is what limits new requests.
        std::optional<double> fullest;
        for (const MetricFamily &f : metrics.families) {
            for (const MetricSample &s : f.samples) {
                if (s.name == name && std::isfinite(s.value))
                    fullest = std::max(fullest.value_or(s.value), s.value);
            }
        }
        if (fullest) {
            r.kvCacheUsage = fullest;
            r.kvCacheMetric = name;
            break;
        }
    }
    r.promptTokens = finite(metrics.sum(QStringLiteral("vllm:prompt_tokens_total")));
    r.generationTokens = finite(metrics.sum(QStringLiteral("vllm:generation_tokens_total")));
    r.timeToFirstToken = metrics.histogram(QStringLiteral("vllm:time_to_first_token_seconds"));
    r.endToEnd = metrics.histogram(QStringLiteral("vllm:e2e_request_latency_seconds"));
    return r;
}

void VllmMetricsWindow::add(const VllmReading &reading)
{
    m_readings.append(reading);
    // Keep one reading at or before the window's start as the baseline.
    while (m_readings.size() > 2 && m_readings[1].atMs <= reading.atMs - m_windowMs)
        m_readings.removeFirst();
}

VllmRates VllmMetricsWindow::rates() const
{
    VllmRates out;
    if (m_readings.size() < 2)
        return out;
    const VllmReading &first = m_readings.first();
    const VllmReading &last = m_readings.last();
    const qint64 elapsed = last.atMs - first.atMs;
    out.promptTokensPerSecond = perSecond(first.promptTokens, last.promptTokens, elapsed);
    out.generationTokensPerSecond = perSecond(first.generationTokens, last.generationTokens, elapsed);
    if (last.timeToFirstToken) {
        const HistogramReading before = first.timeToFirstToken.value_or(HistogramReading{});
        out.ttftP50 = histogramQuantile(0.5, before, *last.timeToFirstToken);
        out.ttftP95 = histogramQuantile(0.95, before, *last.timeToFirstToken);
    }
    if (last.endToEnd) {
        const HistogramReading before = first.endToEnd.value_or(HistogramReading{});
        out.e2eP50 = histogramQuantile(0.5, before, *last.endToEnd);
        out.e2eP95 = histogramQuantile(0.95, before, *last.endToEnd);
    }
    return out;
}

} // namespace homeport::inference
