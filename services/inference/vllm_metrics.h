#pragma once
// What a vLLM pod's /metrics says, and its rates over a window of scrapes: requests running and
// waiting, KV-cache fill (vllm:kv_cache_usage_perc, or the older vllm:gpu_cache_usage_perc on
// pods before that rename), prompt and generation tokens per second from the counters, and
// time-to-first-token and end-to-end latency p50/p95 from how the histograms' buckets grew over
// the window (so they describe recent requests, not the pod's whole life). Every series sums
// over the pod's label sets (one per served model).
// Thread affinity: none (values).

#include "prometheus_text.h"

#include <QList>

#include <optional>

namespace homeport::inference {

struct VllmReading
{
    qint64 atMs = 0;                          // when the scrape was answered
    std::optional<double> running;
    std::optional<double> waiting;
    std::optional<double> kvCacheUsage;       // 0..1
    QString kvCacheMetric;                    // the metric name that gave it
    std::optional<double> promptTokens;       // counters since the pod started
    std::optional<double> generationTokens;
    std::optional<HistogramReading> timeToFirstToken; // seconds
    std::optional<HistogramReading> endToEnd;         // seconds
};

VllmReading readVllmMetrics(const MetricExposition &metrics, qint64 atMs);

struct VllmRates
{
    std::optional<double> promptTokensPerSecond;
    std::optional<double> generationTokensPerSecond;
    std::optional<double> ttftP50, ttftP95;   // seconds
    std::optional<double> e2eP50, e2eP95;     // seconds
};

class VllmMetricsWindow
{
public:
    VllmMetricsWindow() = default;
    explicit VllmMetricsWindow(qint64 windowMs) : m_windowMs(windowMs) {}

    void add(const VllmReading &reading);
    void clear() { m_readings.clear(); }
    const VllmReading *latest() const { return m_readings.isEmpty() ? nullptr : &m_readings.last(); }
    // Between the oldest reading in the window and the latest; empty with fewer than two.
    VllmRates rates() const;

private:
    qint64 m_windowMs = 60'000;
    QList<VllmReading> m_readings; // oldest first; the first may be just outside the window
};

} // namespace homeport::inference
