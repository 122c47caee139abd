#pragma once
// Metrics: counters, histograms and 1-second time series shared by every service.
// Thread affinity: none. Any thread may record; readers (dashboards, the admin listener)
// take copies through snapshot() and series(), so nobody holds the lock while drawing.

#include <QHash>
#include <QMutex>
#include <QString>
#include <QVector>

#include <array>
#include <cstdint>

namespace homeport::core {

// A counter or histogram is named the way Prometheus prints it: a metric name and an optional
// label set, e.g. name "homeport_http_requests_total", labels R"(service="search",class="2xx")".
struct MetricKey {
    QString name;
    QString labels;
    friend bool operator==(const MetricKey &, const MetricKey &) = default;
};
size_t qHash(const MetricKey &key, size_t seed = 0);

struct HistogramData {
    QVector<double> upperBounds;   // ascending; +Inf is implied
    QVector<quint64> bucketCounts; // cumulative is computed when printed; these are per bucket
    quint64 count = 0;
    double sum = 0;
};

struct MetricsSnapshot {
    QHash<MetricKey, quint64> counters;
    QHash<MetricKey, double> gauges;
    QHash<MetricKey, HistogramData> histograms;
};

class Metrics
{
public:
    // Dashboards show the last 15 minutes at one point per second, and the last day at one point
    // per minute (the charts' 1 h and 24 h ranges).
    static constexpr int kSeriesSeconds = 15 * 60;
    static constexpr int kSeriesMinutes = 24 * 60;
    // How a minute is drawn from its seconds: the mean rate (sum / 60) for counts such as
    // requests, or the highest second for levels such as open connections.
    enum class MinuteValue { MeanPerSecond, Peak };
    // Latency buckets in seconds, the same for every histogram so pages can compare services.
    static const QVector<double> &latencyBuckets();

    void increment(const QString &name, const QString &labels = {}, quint64 delta = 1);
    void setGauge(const QString &name, const QString &labels, double value);
    void observe(const QString &name, const QString &labels, double value);

    // Adds value to the current second of a time series (e.g. "search.requests").
    void addToSeries(const QString &series, double value = 1);
    // The last `seconds` points of a series, oldest first, the current (partial) second last.
    QVector<double> series(const QString &series, int seconds = kSeriesSeconds) const;
    // The last `minutes` minutes of a series, oldest first, the current (partial) minute last.
    QVector<double> minuteSeries(const QString &series, int minutes, MinuteValue how) const;
    QStringList seriesNames() const;

    MetricsSnapshot snapshot() const;
    quint64 counter(const QString &name, const QString &labels = {}) const;

    // Prometheus text exposition format (version 0.0.4) of every counter, gauge and histogram.
    QByteArray toPrometheusText() const;

    // Tests move time explicitly; production code uses the wall clock.
    void setClockForTesting(std::int64_t (*secondsNow)());

private:
    struct Series {
        std::array<double, kSeriesSeconds> values{};
        std::array<std::int64_t, kSeriesSeconds> stamps{};
        std::array<double, kSeriesMinutes> minuteSums{};
        std::array<double, kSeriesMinutes> minutePeaks{};
        std::array<std::int64_t, kSeriesMinutes> minuteStamps{}; // the minute's number since the epoch
    };
    std::int64_t nowSeconds() const;

    mutable QMutex m_mutex;
    MetricsSnapshot m_data;
    QHash<QString, Series *> m_series; // owned; never removed while the process lives
    std::int64_t (*m_clock)() = nullptr;

public:
    Metrics() = default;
    ~Metrics();
    Metrics(const Metrics &) = delete;
    Metrics &operator=(const Metrics &) = delete;
};

} // namespace homeport::core
