// libFuzzer target: random bytes as a pod's /metrics answer. Parsing never crashes; what parsed
// renders back to text that parses to the same families (names, help, types, labels, values,
// timestamps; a family of samples only may end up in a histogram declared after them) with
// nothing skipped; and a quantile of any histogram it holds, against itself or
// against nothing, is NaN-free and inside the histogram's finite bounds.
#include "inference/prometheus_text.h"
#include "inference/vllm_metrics.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace homeport::inference;

namespace {

[[noreturn]] void fail(const char *what, const QString &detail)
{
    std::fprintf(stderr, "fuzz_prometheus_text: %s: %s\n", what, qPrintable(detail));
    std::abort();
}

bool sameValue(double a, double b)
{
    return (std::isnan(a) && std::isnan(b)) || a == b;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    const MetricExposition first = parsePrometheusText(input);
    if (first.skippedLines < 0)
        fail("negative skipped count", {});

    const QByteArray rendered = renderPrometheusText(first);
    const MetricExposition second = parsePrometheusText(rendered);
    if (second.skippedLines != 0)
        fail("rendered text has unreadable lines", QString::fromUtf8(rendered));
    // Families without samples, help or type render to nothing: compare the ones that render.
    QList<const MetricFamily *> shown;
    for (const MetricFamily &f : first.families) {
        if (!f.samples.isEmpty() || !f.help.isEmpty() || f.type != MetricType::Untyped)
            shown.append(&f);
    }
    // A family may gain samples on the second parse only by name lookup order; the sample list
    // as a whole must be the same.
    qsizetype firstSamples = 0, secondSamples = 0;
    for (const MetricFamily *f : shown)
        firstSamples += f->samples.size();
    for (const MetricFamily &f : second.families)
        secondSamples += f.samples.size();
    if (firstSamples != secondSamples)
        fail("sample count changed after rendering", QString::fromUtf8(rendered));
    for (const MetricFamily *f : shown) {
        const MetricFamily *again = second.family(f->name);
        // A family of samples only may be folded into a histogram declared after them (its
        // samples are checked below); one with a HELP or TYPE line must stay.
        if (!again && f->help.isEmpty() && f->type == MetricType::Untyped)
            continue;
        if (!again)
            fail("family lost after rendering", f->name);
        if (again->type != f->type)
            fail("type changed", f->name);
        // HELP text loses trailing blanks and a leading one; the parser trims nothing else.
        if (again->help != f->help && again->help.trimmed() != f->help.trimmed())
            fail("help changed", f->name);
        for (const MetricSample &s : f->samples) {
            bool found = false;
            for (const MetricFamily &g : second.families) {
                for (const MetricSample &t : g.samples) {
                    if (t.name == s.name && t.labels == s.labels && sameValue(t.value, s.value) && t.timestampMs == s.timestampMs)
                        found = true;
                }
            }
            if (!found)
                fail("sample changed after rendering", s.name);
        }
    }

    for (const MetricFamily &f : first.families) {
        const std::optional<HistogramReading> h = first.histogram(f.name);
        if (!h)
            continue;
        double lowest = 0, highest = 0;
        for (const auto &[le, count] : h->buckets) {
            if (std::isfinite(le)) {
                lowest = std::min(lowest, le);
                highest = std::max(highest, le);
            }
        }
        for (double q : {0.0, 0.5, 0.95, 1.0}) {
            const std::optional<double> v = histogramQuantile(q, HistogramReading{}, *h);
            if (v && (std::isnan(*v) || *v < lowest || *v > highest))
                fail("quantile outside the buckets",
                     QStringLiteral("%1: q %2 gave %3, bounds %4..%5").arg(f.name).arg(q).arg(*v).arg(lowest).arg(highest));
            if (histogramQuantile(q, *h, *h))
                fail("a quantile with nothing observed", f.name);
        }
    }
    const VllmReading reading = readVllmMetrics(first, 0);
    if (reading.kvCacheUsage && !std::isfinite(*reading.kvCacheUsage))
        fail("infinite KV-cache usage", {});
    return 0;
}
