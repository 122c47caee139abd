#pragma once
// Prometheus text exposition format 0.0.4, as vLLM (and most exporters) serve it on /metrics:
// "# HELP name text" and "# TYPE name counter|gauge|histogram|summary|untyped" lines, other
// comments, and samples `name{label="value",...} value [timestamp_ms]` with \\, \" and \n escapes
// in label values and NaN/+Inf/-Inf values. parsePrometheusText() never fails: lines it cannot
// read are skipped and counted, so one odd exporter line does not hide a pod's other metrics.
// Helpers sum samples across label sets and read a histogram's cumulative buckets, and
// histogramQuantile() estimates a quantile from the growth of two readings of a histogram.
// Thread affinity: none (values and pure functions).

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>

namespace homeport::inference {

enum class MetricType { Untyped, Counter, Gauge, Histogram, Summary };

struct MetricSample
{
    QString name;                              // as written, e.g. "vllm:e2e_request_latency_seconds_bucket"
    QList<QPair<QString, QString>> labels;     // in order, values unescaped
    double value = 0;
    std::optional<qint64> timestampMs;

    QString label(const QString &name) const;  // empty when absent
};

struct MetricFamily
{
    QString name;
    QString help;                              // unescaped
    MetricType type = MetricType::Untyped;
    QList<MetricSample> samples;
};

// One histogram, its label sets merged: cumulative counts per upper bound, ascending, the last
// one +Inf when the exporter wrote it.
struct HistogramReading
{
    QList<QPair<double, double>> buckets;      // (le, cumulative count)
    double sum = 0;
    double count = 0;
};

struct MetricExposition
{
    QList<MetricFamily> families;              // in the order first seen
    int skippedLines = 0;                      // lines that were neither comments nor samples

    const MetricFamily *family(const QString &name) const;
    // The sum of every sample named `sampleName` (all label sets); nullopt when there is none.
    std::optional<double> sum(const QString &sampleName) const;
    // The histogram `familyName` from its _bucket/_sum/_count samples; nullopt without buckets.
    std::optional<HistogramReading> histogram(const QString &familyName) const;
};

MetricExposition parsePrometheusText(QByteArrayView text);

// Writes the exposition back as text (HELP, TYPE, then samples), escaped so that parsing the
// result gives the same families. Used by the fuzz target and tests.
QByteArray renderPrometheusText(const MetricExposition &exposition);

// The q-quantile (0..1) of the observations made between `earlier` and `later` (cumulative
// bucket counts of the same histogram), interpolated linearly inside the bucket as Prometheus'
// histogram_quantile does; an answer in the +Inf bucket is that bucket's lower bound. A counter
// reset (later below earlier) counts `later` alone. nullopt when nothing was observed.
std::optional<double> histogramQuantile(double q, const HistogramReading &earlier, const HistogramReading &later);

} // namespace homeport::inference
