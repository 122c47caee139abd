// The Prometheus text parser on what exporters really write (HELP/TYPE, escapes, histograms with
// +Inf, NaN, timestamps, comments, CRLF) and on junk it must skip without losing the good lines;
// quantiles from the growth of histogram buckets; and vLLM's metrics read from both name
// generations into rates over a window.
#include "inference/prometheus_text.h"
#include "inference/vllm_metrics.h"

#include <QTest>

#include <cmath>

using namespace homeport::inference;

namespace {

// Cumulative counts for the bounds 0.1, 0.5, 1, +Inf.
HistogramReading buckets(double a, double b, double c, double inf)
{
    HistogramReading r;
    r.buckets = {{0.1, a}, {0.5, b}, {1.0, c}, {std::numeric_limits<double>::infinity(), inf}};
    r.count = inf;
    return r;
}

QByteArray vllmText(double running, double waiting, const char *kvName, double kv, double prompt, double generation,
                    const QList<double> &ttftCumulative)
{
    QByteArray t;
    t += "# HELP vllm:num_requests_running Number of requests in model execution batches.\n"
         "# TYPE vllm:num_requests_running gauge\n";
    t += "vllm:num_requests_running{engine=\"0\",model_name=\"m\"} " + QByteArray::number(running) + "\n";
    t += "# TYPE vllm:num_requests_waiting gauge\n";
    t += "vllm:num_requests_waiting{engine=\"0\",model_name=\"m\"} " + QByteArray::number(waiting) + "\n";
    t += QByteArray("# TYPE ") + kvName + " gauge\n" + kvName + "{engine=\"0\",model_name=\"m\"} " + QByteArray::number(kv) + "\n";
    t += "# TYPE vllm:prompt_tokens_total counter\n";
    t += "vllm:prompt_tokens_total{engine=\"0\",model_name=\"m\"} " + QByteArray::number(prompt, 'f', 1) + "\n";
    t += "# TYPE vllm:generation_tokens_total counter\n";
    t += "vllm:generation_tokens_total{engine=\"0\",model_name=\"m\"} " + QByteArray::number(generation, 'f', 1) + "\n";
    t += "# TYPE vllm:time_to_first_token_seconds histogram\n";
    const char *les[] = {"0.1", "0.5", "1.0", "+Inf"};
    for (int i = 0; i < 4; ++i)
        t += QByteArray("vllm:time_to_first_token_seconds_bucket{engine=\"0\",le=\"") + les[i] + "\",model_name=\"m\"} "
            + QByteArray::number(ttftCumulative[i], 'f', 1) + "\n";
    t += "vllm:time_to_first_token_seconds_count{engine=\"0\",model_name=\"m\"} " + QByteArray::number(ttftCumulative[3], 'f', 1) + "\n";
    t += "vllm:time_to_first_token_seconds_sum{engine=\"0\",model_name=\"m\"} 12.5\n";
    return t;
}

} // namespace

class TstPrometheusText : public QObject
{
    Q_OBJECT
private slots:
    void helpTypeAndSamples()
    {
        const QByteArray text =
            "# HELP http_requests_total The total number of HTTP requests.\n"
            "# TYPE http_requests_total counter\n"
            "http_requests_total{method=\"post\",code=\"200\"} 1027 1395066363000\n"
            "http_requests_total{method=\"post\",code=\"400\"}    3 1395066363000\n"
            "\n"
            "# A normal comment.\n"
            "#\n"
            "# HELP metric_without_timestamp_and_labels Line one\\nline two with a \\\\ backslash\n"
            "# TYPE metric_without_timestamp_and_labels gauge\n"
            "metric_without_timestamp_and_labels 12.47\n"
            "something_weird{problem=\"division by zero\"} +Inf -3982045\n";
        const MetricExposition m = parsePrometheusText(text);
        QCOMPARE(m.skippedLines, 0);
        QCOMPARE(m.families.size(), 3);
        const MetricFamily *requests = m.family(QStringLiteral("http_requests_total"));
        QVERIFY(requests);
        QCOMPARE(requests->type, MetricType::Counter);
        QCOMPARE(requests->help, QStringLiteral("The total number of HTTP requests."));
        QCOMPARE(requests->samples.size(), 2);
        QCOMPARE(requests->samples[1].label(QStringLiteral("code")), QStringLiteral("400"));
        QCOMPARE(requests->samples[1].value, 3.0);
        QCOMPARE(requests->samples[0].timestampMs.value_or(0), Q_INT64_C(1395066363000));
        QCOMPARE(m.sum(QStringLiteral("http_requests_total")).value_or(-1), 1030.0);

        const MetricFamily *gauge = m.family(QStringLiteral("metric_without_timestamp_and_labels"));
        QVERIFY(gauge);
        QCOMPARE(gauge->type, MetricType::Gauge);
        QCOMPARE(gauge->help, QStringLiteral("Line one\nline two with a \\ backslash"));
        QCOMPARE(gauge->samples[0].value, 12.47);
        QVERIFY(!gauge->samples[0].timestampMs);

        const MetricFamily *weird = m.family(QStringLiteral("something_weird"));
        QVERIFY(weird);
        QCOMPARE(weird->type, MetricType::Untyped);
        QVERIFY(std::isinf(weird->samples[0].value) && weird->samples[0].value > 0);
        QCOMPARE(weird->samples[0].timestampMs.value_or(0), Q_INT64_C(-3982045));
    }

    void labelEscapesAndSpecialValues()
    {
        const QByteArray text =
            "msdos_file_access_time_seconds{path=\"C:\\\\DIR\\\\FILE.TXT\",error=\"Cannot find file:\\n\\\"FILE.TXT\\\"\"} 1.458255915e9\r\n"
            "nan_gauge NaN\r\n"
            "neg_inf{a=\"x\",} -Inf\r\n"
            "spaced { a = \"1\" , b=\"2\" } 0.5\r\n"
            "utf8_label{who=\"J\xc3\xbcrgen\"} 1\r\n";
        const MetricExposition m = parsePrometheusText(text);
        QCOMPARE(m.skippedLines, 0);
        const MetricSample &file = m.family(QStringLiteral("msdos_file_access_time_seconds"))->samples[0];
        QCOMPARE(file.label(QStringLiteral("path")), QStringLiteral("C:\\DIR\\FILE.TXT"));
        QCOMPARE(file.label(QStringLiteral("error")), QStringLiteral("Cannot find file:\n\"FILE.TXT\""));
        QCOMPARE(file.value, 1.458255915e9);
        QVERIFY(std::isnan(m.family(QStringLiteral("nan_gauge"))->samples[0].value));
        const MetricSample &neg = m.family(QStringLiteral("neg_inf"))->samples[0];
        QVERIFY(std::isinf(neg.value) && neg.value < 0);
        QCOMPARE(neg.labels.size(), 1); // the trailing comma adds nothing
        const MetricSample &spaced = m.family(QStringLiteral("spaced"))->samples[0];
        QCOMPARE(spaced.label(QStringLiteral("b")), QStringLiteral("2"));
        QCOMPARE(spaced.value, 0.5);
        QCOMPARE(m.family(QStringLiteral("utf8_label"))->samples[0].label(QStringLiteral("who")), QString::fromUtf8("J\xc3\xbcrgen"));
    }

    void histogramSamplesBelongToTheirFamily()
    {
        const QByteArray text =
            "# HELP rpc_duration_seconds A histogram of the request duration.\n"
            "# TYPE rpc_duration_seconds histogram\n"
            "rpc_duration_seconds_bucket{le=\"0.05\"} 24054\n"
            "rpc_duration_seconds_bucket{le=\"0.1\"} 33444\n"
            "rpc_duration_seconds_bucket{le=\"0.2\"} 100392\n"
            "rpc_duration_seconds_bucket{le=\"0.5\"} 129389\n"
            "rpc_duration_seconds_bucket{le=\"1\"} 133988\n"
            "rpc_duration_seconds_bucket{le=\"+Inf\"} 144320\n"
            "rpc_duration_seconds_sum 53423\n"
            "rpc_duration_seconds_count 144320\n";
        const MetricExposition m = parsePrometheusText(text);
        QCOMPARE(m.families.size(), 1);
        QCOMPARE(m.families[0].samples.size(), 8);
        const std::optional<HistogramReading> h = m.histogram(QStringLiteral("rpc_duration_seconds"));
        QVERIFY(h);
        QCOMPARE(h->buckets.size(), 6);
        QVERIFY(std::isinf(h->buckets.last().first));
        QCOMPARE(h->buckets[2], qMakePair(0.2, 100392.0));
        QCOMPARE(h->sum, 53423.0);
        QCOMPARE(h->count, 144320.0);
    }

    void histogramsSumOverLabelSets()
    {
        const QByteArray text =
            "# TYPE lat histogram\n"
            "lat_bucket{model=\"a\",le=\"1.0\"} 2\nlat_bucket{model=\"a\",le=\"+Inf\"} 3\n"
            "lat_bucket{model=\"b\",le=\"1.0\"} 5\nlat_bucket{model=\"b\",le=\"+Inf\"} 5\n";
        const std::optional<HistogramReading> h = parsePrometheusText(text).histogram(QStringLiteral("lat"));
        QVERIFY(h);
        QCOMPARE(h->buckets.size(), 2);
        QCOMPARE(h->buckets[0].second, 7.0);
        QCOMPARE(h->buckets[1].second, 8.0);
        QCOMPARE(h->count, 8.0); // no _count samples: the +Inf bucket

        // An infinite or NaN count (found by the fuzzer) is left out, not interpolated.
        const std::optional<HistogramReading> odd = parsePrometheusText(
            "# TYPE t histogram\nt_bucket{le=\"0.1\"} inf\nt_bucket{le=\"1\"} 2\nt_bucket{le=\"+Inf\"} NaN\n").histogram(QStringLiteral("t"));
        QVERIFY(odd);
        QCOMPARE(odd->buckets.size(), 1);
        QCOMPARE(*histogramQuantile(0.5, HistogramReading{}, *odd), 0.5);
    }

    void junkLinesAreSkippedAndCounted()
    {
        const QByteArray text =
            "good_one 1\n"
            "no_value\n"
            "bad_value abc\n"
            "{no_name=\"x\"} 1\n"
            "unterminated{a=\"x} 1\n"
            "bad_escape{a=\"\\q\"} 1\n"
            "duplicate{a=\"1\",a=\"2\"} 1\n"
            "9starts_with_digit 1\n"
            "trailing 1 2 3\n"
            "bad_timestamp 1 1.5\n"
            "# TYPE good_two summary extra\n"
            "# TYPE good_two nonsense\n"
            "# HELP\n"
            "good_two 2\n"
            "\x01\x02\xff\n"
            "good_three{a=\"1\"} 3";
        const MetricExposition m = parsePrometheusText(text);
        QCOMPARE(m.skippedLines, 13);
        QCOMPARE(m.sum(QStringLiteral("good_one")).value_or(0), 1.0);
        QCOMPARE(m.sum(QStringLiteral("good_two")).value_or(0), 2.0);
        QCOMPARE(m.sum(QStringLiteral("good_three")).value_or(0), 3.0); // no final newline
        QVERIFY(!m.sum(QStringLiteral("no_value")));
        QVERIFY(parsePrometheusText(QByteArray()).families.isEmpty());
    }

    void renderedTextParsesToTheSame()
    {
        const QByteArray text =
            "# HELP a_total Help with \\\\ and \\n.\n# TYPE a_total counter\n"
            "a_total{x=\"q\\\"uote\\\\d\\nline\"} 3 1700000000000\n"
            "# TYPE h histogram\nh_bucket{le=\"0.5\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 0.7\nh_count 2\n"
            "u -0.25\n";
        const MetricExposition first = parsePrometheusText(text);
        const MetricExposition second = parsePrometheusText(renderPrometheusText(first));
        QCOMPARE(second.skippedLines, 0);
        QCOMPARE(second.families.size(), first.families.size());
        for (qsizetype i = 0; i < first.families.size(); ++i) {
            QCOMPARE(second.families[i].name, first.families[i].name);
            QCOMPARE(second.families[i].help, first.families[i].help);
            QCOMPARE(second.families[i].type, first.families[i].type);
            QCOMPARE(second.families[i].samples.size(), first.families[i].samples.size());
            for (qsizetype j = 0; j < first.families[i].samples.size(); ++j) {
                QCOMPARE(second.families[i].samples[j].labels, first.families[i].samples[j].labels);
                QCOMPARE(second.families[i].samples[j].value, first.families[i].samples[j].value);
                QCOMPARE(second.families[i].samples[j].timestampMs, first.families[i].samples[j].timestampMs);
            }
        }
    }

    void quantilesFromBucketGrowth()
    {
        // Before: 10 observations under 0.1 s. Since: 100 more, 50 in (0.1, 0.5], 40 in (0.5, 1],
        // 10 above 1 s.
        const HistogramReading before = buckets(10, 10, 10, 10);
        const HistogramReading after = buckets(10, 60, 100, 110);
        // p50: rank 50 of 100 falls in (0.1, 0.5] at 50/50 of its 50 -> 0.5.
        QCOMPARE(*histogramQuantile(0.5, before, after), 0.5);
        // p25: rank 25 -> 0.1 + 0.4 * 25/50 = 0.3.
        QCOMPARE(*histogramQuantile(0.25, before, after), 0.3);
        // p95: rank 95 falls in +Inf: the highest finite bound.
        QCOMPARE(*histogramQuantile(0.95, before, after), 1.0);
        // p70: rank 70 in (0.5, 1]: 0.5 + 0.5 * 20/40 = 0.75.
        QCOMPARE(*histogramQuantile(0.70, before, after), 0.75);
        // Nothing new: no quantile, rather than the pod's lifetime one.
        QVERIFY(!histogramQuantile(0.5, after, after));
        // A pod restart: counts fell, so the later reading counts alone (10 under 0.1 of 20).
        QCOMPARE(*histogramQuantile(0.5, after, buckets(10, 20, 20, 20)), 0.1);
    }

    void vllmReadingsFromBothNameGenerations()
    {
        const MetricExposition current = parsePrometheusText(vllmText(3, 2, "vllm:kv_cache_usage_perc", 0.42, 100, 200, {1, 2, 3, 3}));
        const VllmReading r = readVllmMetrics(current, 1000);
        QCOMPARE(r.running.value_or(-1), 3.0);
        QCOMPARE(r.waiting.value_or(-1), 2.0);
        QCOMPARE(r.kvCacheUsage.value_or(-1), 0.42);
        QCOMPARE(r.kvCacheMetric, QStringLiteral("vllm:kv_cache_usage_perc"));
        QCOMPARE(r.promptTokens.value_or(-1), 100.0);
        QVERIFY(r.timeToFirstToken);
        QVERIFY(!r.endToEnd);

        const VllmReading old = readVllmMetrics(parsePrometheusText(vllmText(1, 0, "vllm:gpu_cache_usage_perc", 0.9, 0, 0, {0, 0, 0, 0})), 0);
        QCOMPARE(old.kvCacheUsage.value_or(-1), 0.9);
        QCOMPARE(old.kvCacheMetric, QStringLiteral("vllm:gpu_cache_usage_perc"));

        const VllmReading none = readVllmMetrics(parsePrometheusText("# just a comment\n"), 0);
        QVERIFY(!none.running && !none.kvCacheUsage && !none.promptTokens);
    }

    void vllmRatesOverTheWindow()
    {
        VllmMetricsWindow window(60'000);
        window.add(readVllmMetrics(parsePrometheusText(vllmText(0, 0, "vllm:kv_cache_usage_perc", 0, 1000, 5000, {10, 10, 10, 10})), 0));
        QVERIFY(!window.rates().generationTokensPerSecond); // one reading: no rate yet
        window.add(readVllmMetrics(parsePrometheusText(vllmText(2, 0, "vllm:kv_cache_usage_perc", 0.3, 1500, 6000, {10, 60, 100, 110})), 10'000));
        VllmRates rates = window.rates();
        QCOMPARE(rates.promptTokensPerSecond.value_or(-1), 50.0);
        QCOMPARE(rates.generationTokensPerSecond.value_or(-1), 100.0);
        QCOMPARE(rates.ttftP50.value_or(-1), 0.5);
        QCOMPARE(rates.ttftP95.value_or(-1), 1.0);
        QVERIFY(!rates.e2eP50);
        // 70 s later the first reading has left the window; the second is the baseline.
        window.add(readVllmMetrics(parsePrometheusText(vllmText(0, 0, "vllm:kv_cache_usage_perc", 0, 1500, 6700, {10, 60, 100, 110})), 80'000));
        rates = window.rates();
        QCOMPARE(rates.generationTokensPerSecond.value_or(-1), 10.0);
        QVERIFY(!rates.ttftP50); // no requests in the window
    }
};

QTEST_GUILESS_MAIN(TstPrometheusText)
#include "tst_prometheus_text.moc"
