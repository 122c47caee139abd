#include "metrics.h"

#include <QDateTime>
#include <QMutexLocker>
#include <QStringList>

#include <algorithm>
#include <cmath>

namespace homeport::core {

size_t qHash(const MetricKey &key, size_t seed)
{
    return ::qHashMulti(seed, key.name, key.labels);
}

const QVector<double> &Metrics::latencyBuckets()
{
    static const QVector<double> buckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                         0.1,    0.25,  0.5,    1,     2.5,  5,     10};
    return buckets;
}

Metrics::~Metrics()
{
    qDeleteAll(m_series);
}

void Metrics::setClockForTesting(std::int64_t (*secondsNow)())
{
    QMutexLocker lock(&m_mutex);
    m_clock = secondsNow;
}

std::int64_t Metrics::nowSeconds() const
{
    return m_clock ? m_clock() : QDateTime::currentSecsSinceEpoch();
}

void Metrics::increment(const QString &name, const QString &labels, quint64 delta)
{
    QMutexLocker lock(&m_mutex);
    m_data.counters[MetricKey{name, labels}] += delta;
}

void Metrics::setGauge(const QString &name, const QString &labels, double value)
{
    QMutexLocker lock(&m_mutex);
    m_data.gauges[MetricKey{name, labels}] = value;
}

void Metrics::observe(const QString &name, const QString &labels, double value)
{
    const QVector<double> &bounds = latencyBuckets();
    QMutexLocker lock(&m_mutex);
    HistogramData &h = m_data.histograms[MetricKey{name, labels}];
    if (h.upperBounds.isEmpty()) {
        h.upperBounds = bounds;
        h.bucketCounts.fill(0, bounds.size() + 1); // the last one is +Inf
    }
    const auto it = std::lower_bound(bounds.begin(), bounds.end(), value);
    h.bucketCounts[int(it - bounds.begin())] += 1;
    h.count += 1;
    h.sum += value;
}

void Metrics::addToSeries(const QString &series, double value)
{
    QMutexLocker lock(&m_mutex);
    const std::int64_t now = nowSeconds();
    Series *&s = m_series[series];
    if (!s)
        s = new Series;
    const int slot = int(now % kSeriesSeconds);
    if (s->stamps[slot] != now) {
        s->stamps[slot] = now;
        s->values[slot] = 0;
    }
    s->values[slot] += value;

    const std::int64_t minute = now / 60;
    const int minuteSlot = int(minute % kSeriesMinutes);
    if (s->minuteStamps[minuteSlot] != minute) {
        s->minuteStamps[minuteSlot] = minute;
        s->minuteSums[minuteSlot] = 0;
        s->minutePeaks[minuteSlot] = 0;
    }
    s->minuteSums[minuteSlot] += value;
    s->minutePeaks[minuteSlot] = std::max(s->minutePeaks[minuteSlot], s->values[slot]);
}

QVector<double> Metrics::minuteSeries(const QString &series, int minutes, MinuteValue how) const
{
    minutes = std::clamp(minutes, 1, int(kSeriesMinutes));
    QVector<double> out(minutes, 0.0);
    QMutexLocker lock(&m_mutex);
    const Series *s = m_series.value(series);
    if (!s)
        return out;
    const std::int64_t thisMinute = nowSeconds() / 60;
    for (int i = 0; i < minutes; ++i) {
        const std::int64_t minute = thisMinute - (minutes - 1 - i);
        if (minute < 0)
            continue;
        const int slot = int(minute % kSeriesMinutes);
        if (s->minuteStamps[slot] != minute)
            continue;
        out[i] = how == MinuteValue::Peak ? s->minutePeaks[slot] : s->minuteSums[slot] / 60.0;
    }
    return out;
}

QVector<double> Metrics::series(const QString &series, int seconds) const
{
    seconds = std::clamp(seconds, 1, int(kSeriesSeconds));
    QVector<double> out(seconds, 0.0);
    QMutexLocker lock(&m_mutex);
    const Series *s = m_series.value(series);
    if (!s)
        return out;
    const std::int64_t now = nowSeconds();
    for (int i = 0; i < seconds; ++i) {
        const std::int64_t second = now - (seconds - 1 - i);
        if (second < 0)
            continue;
        const int slot = int(second % kSeriesSeconds);
        if (s->stamps[slot] == second)
            out[i] = s->values[slot];
    }
    return out;
}

QStringList Metrics::seriesNames() const
{
    QMutexLocker lock(&m_mutex);
    QStringList names = m_series.keys();
    names.sort();
    return names;
}

MetricsSnapshot Metrics::snapshot() const
{
    QMutexLocker lock(&m_mutex);
    return m_data;
}

quint64 Metrics::counter(const QString &name, const QString &labels) const
{
    QMutexLocker lock(&m_mutex);
    return m_data.counters.value(MetricKey{name, labels});
}

namespace {

QString formatNumber(double value)
{
    if (std::isinf(value))
        return value > 0 ? QStringLiteral("+Inf") : QStringLiteral("-Inf");
    return QString::number(value, 'g', 12);
}

QString sampleName(const QString &name, const QString &labels, const QString &extraLabel = {})
{
    QString all = labels;
    if (!extraLabel.isEmpty())
        all = all.isEmpty() ? extraLabel : all + QLatin1Char(',') + extraLabel;
    return all.isEmpty() ? name : name + QLatin1Char('{') + all + QLatin1Char('}');
}

template <typename Map>
QList<MetricKey> sortedKeys(const Map &map)
{
    QList<MetricKey> keys = map.keys();
    std::sort(keys.begin(), keys.end(), [](const MetricKey &a, const MetricKey &b) {
        return a.name != b.name ? a.name < b.name : a.labels < b.labels;
    });
    return keys;
}

} // namespace

QByteArray Metrics::toPrometheusText() const
{
    const MetricsSnapshot data = snapshot();
    QString out;
    QString lastName;
    const auto typeLine = [&](const QString &name, const char *type) {
        if (name != lastName) {
            out += QStringLiteral("# TYPE %1 %2\n").arg(name, QLatin1String(type));
            lastName = name;
        }
    };
    for (const MetricKey &key : sortedKeys(data.counters)) {
        typeLine(key.name, "counter");
        out += sampleName(key.name, key.labels) + QLatin1Char(' ') + QString::number(data.counters.value(key)) + QLatin1Char('\n');
    }
    for (const MetricKey &key : sortedKeys(data.gauges)) {
        typeLine(key.name, "gauge");
        out += sampleName(key.name, key.labels) + QLatin1Char(' ') + formatNumber(data.gauges.value(key)) + QLatin1Char('\n');
    }
    for (const MetricKey &key : sortedKeys(data.histograms)) {
        typeLine(key.name, "histogram");
        const HistogramData h = data.histograms.value(key);
        quint64 cumulative = 0;
        for (int i = 0; i < h.bucketCounts.size(); ++i) {
            cumulative += h.bucketCounts[i];
            const double bound = i < h.upperBounds.size() ? h.upperBounds[i] : INFINITY;
            out += sampleName(key.name + QStringLiteral("_bucket"), key.labels,
                              QStringLiteral("le=\"%1\"").arg(formatNumber(bound)))
                + QLatin1Char(' ') + QString::number(cumulative) + QLatin1Char('\n');
        }
        out += sampleName(key.name + QStringLiteral("_sum"), key.labels) + QLatin1Char(' ') + formatNumber(h.sum) + QLatin1Char('\n');
        out += sampleName(key.name + QStringLiteral("_count"), key.labels) + QLatin1Char(' ') + QString::number(h.count) + QLatin1Char('\n');
    }
    return out.toUtf8();
}

} // namespace homeport::core
