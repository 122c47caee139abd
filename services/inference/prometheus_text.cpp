#include "prometheus_text.h"

#include <QHash>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

namespace homeport::inference {

namespace {

bool isNameStart(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
}

bool isNameChar(char c)
{
    return isNameStart(c) || (c >= '0' && c <= '9');
}

bool isBlank(char c)
{
    return c == ' ' || c == '\t';
}

// A cursor over one line.
struct Line
{
    const char *p;
    const char *end;

    bool atEnd() const { return p == end; }
    void skipBlanks()
    {
        while (p != end && isBlank(*p))
            ++p;
    }
    // A metric or label name; empty when the next character cannot start one.
    QByteArrayView name(bool labelName)
    {
        const char *start = p;
        if (p == end || !isNameStart(*p) || (labelName && *p == ':'))
            return {};
        ++p;
        while (p != end && isNameChar(*p) && !(labelName && *p == ':'))
            ++p;
        return QByteArrayView(start, p - start);
    }
    QByteArrayView word()
    {
        const char *start = p;
        while (p != end && !isBlank(*p))
            ++p;
        return QByteArrayView(start, p - start);
    }
};

// Go's ParseFloat as Prometheus uses it: decimal or exponent forms, an optional sign, and
// Inf/+Inf/-Inf/NaN in any case.
std::optional<double> parseValue(QByteArrayView text)
{
    if (text.isEmpty())
        return std::nullopt;
    bool negative = false;
    QByteArrayView digits = text;
    if (digits.front() == '+' || digits.front() == '-') {
        negative = digits.front() == '-';
        digits = digits.sliced(1);
    }
    const QByteArray lower = digits.toByteArray().toLower();
    if (lower == "inf" || lower == "infinity")
        return negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
    if (lower == "nan")
        return std::numeric_limits<double>::quiet_NaN();
    if (digits.isEmpty() || !((digits.front() >= '0' && digits.front() <= '9') || digits.front() == '.'))
        return std::nullopt;
    double value = 0;
    const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value, std::chars_format::general);
    if (ptr != digits.data() + digits.size())
        return std::nullopt;
    if (ec == std::errc::result_out_of_range) {
        // Beyond double's range: what Go gives, ±Inf for overflow and 0 for underflow.
        const bool underflow = lower.contains("e-");
        value = underflow ? 0.0 : std::numeric_limits<double>::infinity();
    } else if (ec != std::errc()) {
        return std::nullopt;
    }
    return negative ? -value : value;
}

std::optional<qint64> parseTimestamp(QByteArrayView text)
{
    qint64 value = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || ptr != text.data() + text.size() || text.isEmpty())
        return std::nullopt;
    return value;
}

// HELP text escapes: \\ and \n (anything else stays as written).
QString unescapeHelp(QByteArrayView text)
{
    QByteArray out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] == '\\' && i + 1 < text.size() && (text[i + 1] == '\\' || text[i + 1] == 'n')) {
            out.append(text[i + 1] == 'n' ? '\n' : '\\');
            ++i;
        } else {
            out.append(text[i]);
        }
    }
    return QString::fromUtf8(out);
}

std::optional<MetricType> typeFromWord(QByteArrayView word)
{
    if (word == "counter")
        return MetricType::Counter;
    if (word == "gauge")
        return MetricType::Gauge;
    if (word == "histogram")
        return MetricType::Histogram;
    if (word == "summary")
        return MetricType::Summary;
    if (word == "untyped")
        return MetricType::Untyped;
    return std::nullopt;
}

const char *typeWord(MetricType type)
{
    switch (type) {
    case MetricType::Counter: return "counter";
    case MetricType::Gauge: return "gauge";
    case MetricType::Histogram: return "histogram";
    case MetricType::Summary: return "summary";
    case MetricType::Untyped: break;
    }
    return "untyped";
}

// Parses `{a="x",b="y"}` (a trailing comma allowed) starting at '{'.
bool parseLabels(Line &line, QList<QPair<QString, QString>> *labels)
{
    ++line.p; // '{'
    for (;;) {
        line.skipBlanks();
        if (line.atEnd())
            return false;
        if (*line.p == '}') {
            ++line.p;
            return true;
        }
        const QByteArrayView name = line.name(true);
        if (name.isEmpty())
            return false;
        line.skipBlanks();
        if (line.atEnd() || *line.p != '=')
            return false;
        ++line.p;
        line.skipBlanks();
        if (line.atEnd() || *line.p != '"')
            return false;
        ++line.p;
        QByteArray value;
        for (;;) {
            if (line.atEnd())
                return false;
            const char c = *line.p++;
            if (c == '"')
                break;
            if (c != '\\') {
                value.append(c);
                continue;
            }
            if (line.atEnd())
                return false;
            const char escaped = *line.p++;
            if (escaped == '\\' || escaped == '"')
                value.append(escaped);
            else if (escaped == 'n')
                value.append('\n');
            else
                return false;
        }
        const QString labelName = QString::fromLatin1(name);
        for (const auto &existing : std::as_const(*labels)) {
            if (existing.first == labelName)
                return false; // a label twice is not a valid sample
        }
        labels->append({labelName, QString::fromUtf8(value)});
        line.skipBlanks();
        if (line.atEnd())
            return false;
        if (*line.p == ',')
            ++line.p;
        else if (*line.p != '}')
            return false;
    }
}

std::optional<MetricSample> parseSample(Line line)
{
    MetricSample sample;
    const QByteArrayView name = line.name(false);
    if (name.isEmpty())
        return std::nullopt;
    sample.name = QString::fromLatin1(name);
    line.skipBlanks();
    if (!line.atEnd() && *line.p == '{') {
        if (!parseLabels(line, &sample.labels))
            return std::nullopt;
        line.skipBlanks();
    } else if (line.p == name.data() + name.size()) {
        // The value must be separated from the name.
        if (!line.atEnd() && !isBlank(*line.p))
            return std::nullopt;
    }
    const std::optional<double> value = parseValue(line.word());
    if (!value)
        return std::nullopt;
    sample.value = *value;
    line.skipBlanks();
    if (!line.atEnd()) {
        sample.timestampMs = parseTimestamp(line.word());
        if (!sample.timestampMs)
            return std::nullopt;
        line.skipBlanks();
        if (!line.atEnd())
            return std::nullopt;
    }
    return sample;
}

QByteArray escapeLabel(const QString &value)
{
    QByteArray out;
    const QByteArray utf8 = value.toUtf8();
    out.reserve(utf8.size());
    for (const char c : utf8) {
        if (c == '\\' || c == '"')
            out.append('\\').append(c);
        else if (c == '\n')
            out.append("\\n");
        else
            out.append(c);
    }
    return out;
}

QByteArray formatValue(double value)
{
    if (std::isnan(value))
        return "NaN";
    if (std::isinf(value))
        return value > 0 ? "+Inf" : "-Inf";
    char buffer[64];
    const auto [ptr, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    return ec == std::errc() ? QByteArray(buffer, ptr - buffer) : QByteArray("NaN");
}

} // namespace

QString MetricSample::label(const QString &name) const
{
    for (const auto &l : labels) {
        if (l.first == name)
            return l.second;
    }
    return {};
}

MetricExposition parsePrometheusText(QByteArrayView text)
{
    MetricExposition out;
    QHash<QString, qsizetype> byName; // family name -> index
    auto familyFor = [&](const QString &name) -> MetricFamily & {
        const auto it = byName.constFind(name);
        if (it != byName.constEnd())
            return out.families[*it];
        byName.insert(name, out.families.size());
        out.families.append(MetricFamily{name, {}, MetricType::Untyped, {}});
        return out.families.last();
    };
    // The family a sample belongs to: its own name, or for histograms and summaries the name
    // without _bucket/_sum/_count, and for counters without _total/_created.
    auto owner = [&](const QString &sampleName) -> MetricFamily & {
        if (byName.contains(sampleName))
            return familyFor(sampleName);
        for (const char *suffix : {"_bucket", "_sum", "_count", "_total", "_created"}) {
            const QLatin1String s(suffix);
            if (!sampleName.endsWith(s))
                continue;
            const QString base = sampleName.chopped(s.size());
            const auto it = byName.constFind(base);
            if (it == byName.constEnd())
                continue;
            const MetricType type = out.families[*it].type;
            const bool histogramPart = (type == MetricType::Histogram && (s == QLatin1String("_bucket") || s == QLatin1String("_sum") || s == QLatin1String("_count") || s == QLatin1String("_created")))
                || (type == MetricType::Summary && (s == QLatin1String("_sum") || s == QLatin1String("_count") || s == QLatin1String("_created")))
                || (type == MetricType::Counter && (s == QLatin1String("_total") || s == QLatin1String("_created")));
            if (histogramPart)
                return out.families[*it];
        }
        return familyFor(sampleName);
    };

    const char *p = text.data();
    const char *end = p + text.size();
    while (p < end) {
        const char *eol = static_cast<const char *>(memchr(p, '\n', size_t(end - p)));
        if (!eol)
            eol = end;
        Line line{p, eol};
        if (line.end != line.p && line.end[-1] == '\r')
            --line.end;
        p = eol + 1;
        line.skipBlanks();
        if (line.atEnd())
            continue;
        if (*line.p == '#') {
            ++line.p;
            line.skipBlanks();
            const QByteArrayView keyword = line.word();
            if (keyword != "HELP" && keyword != "TYPE")
                continue; // a comment
            line.skipBlanks();
            const QByteArrayView name = line.name(false);
            if (name.isEmpty() || (!line.atEnd() && !isBlank(*line.p))) {
                ++out.skippedLines;
                continue;
            }
            line.skipBlanks();
            if (keyword == "HELP") {
                familyFor(QString::fromLatin1(name)).help = unescapeHelp(QByteArrayView(line.p, line.end - line.p));
            } else {
                const QByteArrayView word = line.word();
                line.skipBlanks();
                const std::optional<MetricType> type = typeFromWord(word);
                if (!type || !line.atEnd())
                    ++out.skippedLines; // and no family is made for it
                else
                    familyFor(QString::fromLatin1(name)).type = *type;
            }
            continue;
        }
        std::optional<MetricSample> sample = parseSample(line);
        if (!sample) {
            ++out.skippedLines;
            continue;
        }
        owner(sample->name).samples.append(std::move(*sample));
    }
    return out;
}

const MetricFamily *MetricExposition::family(const QString &name) const
{
    for (const MetricFamily &f : families) {
        if (f.name == name)
            return &f;
    }
    return nullptr;
}

std::optional<double> MetricExposition::sum(const QString &sampleName) const
{
    std::optional<double> total;
    for (const MetricFamily &f : families) {
        for (const MetricSample &s : f.samples) {
            if (s.name == sampleName)
                total = total.value_or(0) + s.value;
        }
    }
    return total;
}

std::optional<HistogramReading> MetricExposition::histogram(const QString &familyName) const
{
    const QString bucketName = familyName + QLatin1String("_bucket");
    QList<QPair<double, double>> buckets;
    for (const MetricFamily &f : families) {
        for (const MetricSample &s : f.samples) {
            if (s.name != bucketName)
                continue;
            const std::optional<double> le = parseValue(s.label(QStringLiteral("le")).toUtf8());
            // A count is a finite number; anything else says nothing about the distribution.
            if (!le || std::isnan(*le) || !std::isfinite(s.value))
                continue;
            const auto it = std::find_if(buckets.begin(), buckets.end(), [&](const auto &b) { return b.first == *le; });
            if (it == buckets.end())
                buckets.append({*le, s.value});
            else
                it->second += s.value;
        }
    }
    if (buckets.isEmpty())
        return std::nullopt;
    std::sort(buckets.begin(), buckets.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    HistogramReading reading;
    reading.buckets = std::move(buckets);
    reading.sum = sum(familyName + QLatin1String("_sum")).value_or(0);
    reading.count = sum(familyName + QLatin1String("_count")).value_or(reading.buckets.last().second);
    return reading;
}

QByteArray renderPrometheusText(const MetricExposition &exposition)
{
    QByteArray out;
    for (const MetricFamily &f : exposition.families) {
        if (!f.help.isEmpty()) {
            QByteArray help = f.help.toUtf8();
            help.replace("\\", "\\\\").replace("\n", "\\n");
            out += "# HELP " + f.name.toLatin1() + ' ' + help + '\n';
        }
        if (f.type != MetricType::Untyped)
            out += "# TYPE " + f.name.toLatin1() + ' ' + typeWord(f.type) + '\n';
        for (const MetricSample &s : f.samples) {
            out += s.name.toLatin1();
            if (!s.labels.isEmpty()) {
                out += '{';
                for (qsizetype i = 0; i < s.labels.size(); ++i) {
                    if (i)
                        out += ',';
                    out += s.labels[i].first.toLatin1() + "=\"" + escapeLabel(s.labels[i].second) + '"';
                }
                out += '}';
            }
            out += ' ' + formatValue(s.value);
            if (s.timestampMs)
                out += ' ' + QByteArray::number(*s.timestampMs);
            out += '\n';
        }
    }
    return out;
}

std::optional<double> histogramQuantile(double q, const HistogramReading &earlier, const HistogramReading &later)
{
    if (later.buckets.isEmpty() || std::isnan(q))
        return std::nullopt;
    q = std::clamp(q, 0.0, 1.0);
    // The growth per bucket; a bucket missing earlier grew from zero.
    bool reset = false;
    QList<QPair<double, double>> grown;
    for (const auto &[le, count] : later.buckets) {
        double before = 0;
        for (const auto &[earlierLe, earlierCount] : earlier.buckets) {
            if (earlierLe == le)
                before = earlierCount;
        }
        if (count < before)
            reset = true;
        grown.append({le, count - before});
    }
    if (reset)
        grown = later.buckets;
    // Cumulative counts must not fall with le; an exporter's odd output is made monotonic.
    double running = 0;
    for (auto &b : grown) {
        b.second = std::max({b.second, running, 0.0});
        running = b.second;
    }
    const double total = grown.last().second;
    if (!(total > 0) || !std::isfinite(total))
        return std::nullopt;
    const double rank = q * total;
    double lowerBound = 0;
    double lowerCount = 0;
    for (qsizetype i = 0; i < grown.size(); ++i) {
        const auto [le, count] = grown[i];
        if (count >= rank && count > lowerCount) {
            if (std::isinf(le))
                return i > 0 ? grown[i - 1].first : 0.0;
            if (i == 0 && le <= 0)
                return le;
            // Clamped: rounding must not carry the answer past the bucket's bounds.
            return std::clamp(lowerBound + (le - lowerBound) * (rank - lowerCount) / (count - lowerCount),
                              std::min(lowerBound, le), le);
        }
        lowerBound = le;
        lowerCount = count;
    }
    return grown.size() > 1 && std::isinf(grown.last().first) ? grown[grown.size() - 2].first : grown.last().first;
}

} // namespace homeport::inference
