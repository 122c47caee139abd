#include "collection.h"

#include "document_log.h"
#include "filter_expression.h"
#include "json_writer.h"
#include "top_k.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSet>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <numeric>
#include <utility>

namespace homeport::search {

namespace {

constexpr int kMaxPerPage = 250;
constexpr int kMaxSortFields = 3;
constexpr int kSnippetThresholdTokens = 30;
constexpr int kSnippetAffixTokens = 4;
// Words a query word may expand to (per typo cost) unless exhaustive_search is set.
constexpr int kDefaultMaxCandidates = 4;
constexpr int kExhaustiveCandidates = 10000;
constexpr int kDefaultGroupLimit = 3;
constexpr int kMaxGroupLimit = 99;
// Proximity: words further apart than this count as unrelated; at least this many of a query's
// best candidates get their proximity worked out.
constexpr int kMaxProximity = 100;
constexpr int kProximityCandidates = 200;
// Infix search: at most this many dictionary terms per query word.
constexpr int kMaxInfixTerms = 1000;
// A search keeps its candidates' buffer for the next one on its thread up to this size.
constexpr size_t kPooledCandidateBytes = size_t(32) << 20;

// Set bits of a word, inline (std::popcount is a call into libgcc when the build may not assume
// the instruction).
inline int bitCount(quint64 x)
{
    x = x - ((x >> 1) & 0x5555555555555555ull);
    x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
    x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0Full;
    return int((x * 0x0101010101010101ull) >> 56);
}

// Counted matches of one pattern among 64 neighbouring documents: bit i of `mask` stands for
// sequence word * 64 + i.
struct MatchLeaf
{
    quint64 mask;
    quint32 word;
    quint32 pattern;
};

// Buffers a search on this thread reuses instead of allocating (and the kernel zeroing) megabytes
// per query on a large collection: the window of the posting-list walk, and per matched document.
struct SearchScratch
{
    std::vector<quint8> windowCells;
    std::vector<quint64> windowTouched;
    std::vector<quint32> matchedSeqs;
    std::vector<quint8> cells;
    std::vector<quint32> rowSummary;
    std::vector<quint32> countedSeqs;
    std::vector<quint64> windowBits;
    std::vector<MatchLeaf> leaves;
};
SearchScratch &searchScratch()
{
    thread_local SearchScratch scratch;
    return scratch;
}

const QStringList kTypes = {
    QStringLiteral("string"), QStringLiteral("int32"), QStringLiteral("int64"), QStringLiteral("float"),
    QStringLiteral("bool"), QStringLiteral("geopoint"), QStringLiteral("object"), QStringLiteral("string[]"),
    QStringLiteral("int32[]"), QStringLiteral("int64[]"), QStringLiteral("float[]"), QStringLiteral("bool[]"),
    QStringLiteral("geopoint[]"), QStringLiteral("object[]"), QStringLiteral("string*"), QStringLiteral("auto")};

// A field name that is a pattern: ".*", "num_.*", ... A dot alone is a nested field's path
// ("address.city"), as in Typesense, where only ".*" makes a name dynamic.
bool isRegexName(const QString &name)
{
    static const QString meta = QStringLiteral("*+?[](){}|^$\\");
    for (QChar c : name)
        if (meta.contains(c))
            return true;
    return false;
}

QString typeArticle(const QString &base)
{
    if (base == QLatin1String("string")) return QStringLiteral("a string");
    if (base == QLatin1String("int32")) return QStringLiteral("an int32");
    if (base == QLatin1String("int64")) return QStringLiteral("an int64");
    if (base == QLatin1String("float")) return QStringLiteral("a float");
    if (base == QLatin1String("bool")) return QStringLiteral("a bool");
    if (base == QLatin1String("object")) return QStringLiteral("an object");
    return QStringLiteral("a ") + base;
}

bool isIntegral(double v) { return std::isfinite(v) && std::floor(v) == v; }

// Checks (and with coercion converts) one scalar; false when it does not fit.
bool checkScalar(const QString &base, QJsonValue *v, bool coerce)
{
    if (base == QLatin1String("string")) {
        if (v->isString())
            return true;
        if (!coerce)
            return false;
        if (v->isDouble()) {
            const double d = v->toDouble();
            *v = isIntegral(d) && std::abs(d) < 9e15 ? QString::number(qint64(d)) : QString::number(d);
            return true;
        }
        if (v->isBool()) {
            *v = v->toBool() ? QStringLiteral("true") : QStringLiteral("false");
            return true;
        }
        return false;
    }
    if (base == QLatin1String("int32") || base == QLatin1String("int64") || base == QLatin1String("float")) {
        if (coerce && v->isString()) {
            bool ok = false;
            const double d = v->toString().trimmed().toDouble(&ok);
            if (!ok)
                return false;
            *v = d;
        } else if (coerce && v->isBool()) {
            *v = v->toBool() ? 1 : 0;
        }
        if (!v->isDouble())
            return false;
        const double d = v->toDouble();
        if (base == QLatin1String("float"))
            return std::isfinite(d);
        if (!isIntegral(d)) {
            if (!coerce)
                return false;
            *v = std::trunc(d);
        }
        if (base == QLatin1String("int32"))
            return d >= -2147483648.0 && d <= 2147483647.0;
        return true;
    }
    if (base == QLatin1String("bool")) {
        if (v->isBool())
            return true;
        if (coerce && v->isString()) {
            const QString s = v->toString().trimmed().toLower();
            if (s == QLatin1String("true") || s == QLatin1String("false")) {
                *v = s == QLatin1String("true");
                return true;
            }
        }
        if (coerce && v->isDouble() && (v->toDouble() == 0 || v->toDouble() == 1)) {
            *v = v->toDouble() == 1;
            return true;
        }
        return false;
    }
    if (base == QLatin1String("object"))
        return v->isObject();
    if (base == QLatin1String("geopoint"))
        return v->isArray() && v->toArray().size() == 2 && v->toArray().at(0).isDouble() && v->toArray().at(1).isDouble();
    return true;
}

QString inferType(const QJsonValue &v)
{
    if (v.isString()) return QStringLiteral("string");
    if (v.isBool()) return QStringLiteral("bool");
    if (v.isDouble()) return isIntegral(v.toDouble()) ? QStringLiteral("int64") : QStringLiteral("float");
    if (v.isObject()) return QStringLiteral("object");
    if (v.isArray()) {
        const QJsonArray a = v.toArray();
        return a.isEmpty() ? QStringLiteral("string[]") : inferType(a.first()) + QStringLiteral("[]");
    }
    return {};
}

// enable_nested_fields: the value at a dotted path ("address.city"); through arrays of objects
// ("items.sku") the leaves found, as an array. Undefined when the path holds nothing.
QJsonValue nestedValue(const QJsonObject &doc, const QString &path)
{
    QList<QJsonValue> level{doc};
    bool throughArray = false;
    for (const QString &part : path.split(u'.')) {
        QList<QJsonValue> next;
        for (const QJsonValue &v : std::as_const(level)) {
            if (v.isObject()) {
                if (const QJsonValue child = v.toObject().value(part); !child.isUndefined())
                    next.append(child);
            } else if (v.isArray()) {
                throughArray = true;
                for (const QJsonValue &e : v.toArray())
                    if (e.isObject())
                        if (const QJsonValue child = e.toObject().value(part); !child.isUndefined())
                            next.append(child);
            }
        }
        level = next;
    }
    if (level.isEmpty())
        return QJsonValue(QJsonValue::Undefined);
    if (!throughArray)
        return level.first();
    QJsonArray leaves;
    for (const QJsonValue &v : std::as_const(level)) {
        if (v.isArray())
            for (const QJsonValue &e : v.toArray())
                leaves.append(e);
        else
            leaves.append(v);
    }
    return leaves;
}

// The dotted paths of the leaves under an object (or array of objects) value.
void collectLeafPaths(const QString &prefix, const QJsonValue &v, QStringList *paths)
{
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.constBegin(); it != o.constEnd(); ++it)
            collectLeafPaths(prefix + u'.' + it.key(), it.value(), paths);
    } else if (v.isArray() && !v.toArray().isEmpty() && v.toArray().first().isObject()) {
        for (const QJsonValue &e : v.toArray())
            collectLeafPaths(prefix, e, paths);
    } else if (!paths->contains(prefix)) {
        paths->append(prefix);
    }
}

QString facetValueString(const QJsonValue &v)
{
    if (v.isString()) return v.toString();
    if (v.isBool()) return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (v.isDouble()) {
        const double d = v.toDouble();
        return isIntegral(d) && std::abs(d) < 9e15 ? QString::number(qint64(d)) : QString::number(d);
    }
    return {};
}

QStringList splitList(const QString &s)
{
    QStringList out;
    for (const QString &part : s.split(u',', Qt::SkipEmptyParts)) {
        const QString t = part.trimmed();
        if (!t.isEmpty())
            out.append(t);
    }
    return out;
}

// A comma list whose items may hold commas inside parentheses or brackets (facet_by options).
QStringList splitOutsideBrackets(const QString &s)
{
    QStringList out;
    int depth = 0;
    QString item;
    for (QChar c : s) {
        if (c == u'(' || c == u'[') ++depth;
        if (c == u')' || c == u']') depth = std::max(0, depth - 1);
        if (c == u',' && depth == 0) {
            if (!item.trimmed().isEmpty()) out.append(item.trimmed());
            item.clear();
            continue;
        }
        item += c;
    }
    if (!item.trimmed().isEmpty()) out.append(item.trimmed());
    return out;
}

int intParam(const SearchParams &p, const QString &name, int fallback, bool *ok = nullptr)
{
    if (ok)
        *ok = true;
    const auto it = p.constFind(name);
    if (it == p.constEnd() || it->trimmed().isEmpty())
        return fallback;
    bool good = false;
    const int v = it->trimmed().toInt(&good);
    if (ok)
        *ok = good;
    return good ? v : fallback;
}

bool boolValue(const QString &s, bool fallback)
{
    const QString t = s.trimmed().toLower();
    if (t == QLatin1String("true")) return true;
    if (t == QLatin1String("false")) return false;
    return fallback;
}

// Wraps the tokens of `text` whose folded form is in `terms`; `whole` keeps all of a long
// value (highlight_full_fields) instead of cutting a snippet out of it.
QString highlightText(const QString &text, const TextAnalyzer &analyzer, const QSet<QString> &terms,
                      const QString &startTag, const QString &endTag, QJsonArray *matched, bool whole = false)
{
    const QList<TokenSpan> spans = analyzer.tokenize(text);
    // Long values: a snippet from a few words before the first match to a few after the last
    // match close to it, as Typesense does past its 30-word snippet threshold.
    qsizetype from = 0, to = spans.size() - 1;
    if (spans.size() > kSnippetThresholdTokens && !whole) {
        qsizetype first = -1, last = -1;
        for (qsizetype i = 0; i < spans.size(); ++i) {
            if (!terms.contains(spans[i].folded))
                continue;
            if (first < 0)
                first = i;
            if (i - first > kSnippetThresholdTokens / 2)
                break;
            last = i;
        }
        if (first < 0)
            return {};
        from = std::max<qsizetype>(0, first - kSnippetAffixTokens);
        to = std::min<qsizetype>(spans.size() - 1, last + kSnippetAffixTokens);
    }
    QString out;
    qsizetype pos = spans.isEmpty() ? 0 : (from > 0 ? spans[from].start : 0);
    const qsizetype endPos = spans.isEmpty() || to == spans.size() - 1 ? text.size() : spans[to].start + spans[to].length;
    for (qsizetype i = from; i <= to && i < spans.size(); ++i) {
        const TokenSpan &span = spans[i];
        if (!terms.contains(span.folded))
            continue;
        out += QStringView(text).mid(pos, span.start - pos);
        const QString original = text.mid(span.start, span.length);
        out += startTag + original + endTag;
        matched->append(original);
        pos = span.start + span.length;
    }
    if (matched->isEmpty())
        return {};
    out += QStringView(text).mid(pos, endPos - pos);
    return out;
}

// Whether a stored document's compact JSON comes out the same when read and written again by
// QJsonDocument, so that a hit can carry its bytes as they are. Every stored document was written
// by QJsonDocument; only a number it wrote in exponent form (a double such as 1e+16, which reads
// back as an integer) or an integer of 19 digits or more (near the int64 limits) may come out
// otherwise: those documents are read and written again.
qsizetype skipJsonString(const char *s, qsizetype n, qsizetype p); // (below)
bool rewritesAsItself(QByteArrayView json)
{
    const char *s = json.data();
    const qsizetype n = json.size();
    if (n < 2 || s[0] != '{' || s[n - 1] != '}')
        return false;
    for (qsizetype p = 1; p < n; ++p) {
        const char c = s[p];
        if (c == '"') {
            const qsizetype end = skipJsonString(s, n, p);
            if (end < 0)
                return false;
            p = end - 1; // (the closing quote)
            continue;
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            int digits = 0;
            for (; p < n; ++p) {
                const char d = s[p];
                if (d >= '0' && d <= '9')
                    ++digits;
                else if (d == 'e' || d == 'E')
                    return false;
                else if (d != '-' && d != '.')
                    break;
            }
            if (digits > 18)
                return false;
            --p;
        }
    }
    return true;
}

// Highlighting straight from a stored string's JSON bytes (plainAsciiMember: ASCII with only
// two-character escapes, which are separators), for analyzers whose words are runs of ASCII
// letters and digits: the same snippet, matched tokens and full value as highlightText() gives
// for the decoded text, written as JSON (the pieces between words are copied as they are stored,
// already escaped). Tokens are read only as far as the snippet needs.
struct AsciiHighlighter
{
    const QSet<QByteArray> *terms = nullptr; // the highlight terms that are ASCII (folded: lower case)
    quint64 termLengths = 0;                 // bit n: a term of n letters (bit 63: 63 or more)
    QByteArray startTag;                     // escaped for a JSON string
    QByteArray endTag;

    struct Span
    {
        qsizetype start;
        qsizetype end;
        bool matched;
    };
    // Appends `"snippet"` (quoted) to *snippet and the matched tokens' JSON strings, comma
    // separated, to *matched; false (nothing appended) when no token matches.
    bool highlight(QByteArrayView text, bool whole, QByteArray *snippet, QByteArray *matched) const
    {
        thread_local std::vector<Span> spans;
        spans.clear();
        const char *s = text.data();
        const qsizetype n = text.size();
        qsizetype first = -1, last = -1;
        bool cut = false; // the snippet's last word is not the value's last
        char lower[64];
        for (qsizetype i = 0; i < n;) {
            const char c = s[i];
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (!isWordChar(c)) {
                ++i;
                continue;
            }
            const qsizetype start = i;
            while (i < n && isWordChar(s[i]))
                ++i;
            bool hit = false;
            if (!(termLengths & (quint64(1) << std::min<qsizetype>(i - start, 63)))) {
                // (no term that long: most words are passed without hashing)
            } else if (i - start <= qsizetype(sizeof lower)) {
                for (qsizetype k = start; k < i; ++k)
                    lower[k - start] = s[k] >= 'A' && s[k] <= 'Z' ? char(s[k] + 32) : s[k];
                hit = terms->contains(QByteArray::fromRawData(lower, i - start));
            } else {
                hit = terms->contains(QByteArray(s + start, i - start).toLower());
            }
            const qsizetype index = qsizetype(spans.size());
            spans.push_back(Span{start, i, hit});
            if (hit) {
                if (first < 0)
                    first = index;
                if (index - first <= kSnippetThresholdTokens / 2)
                    last = index;
            }
            // (a snippet's tokens are known once the value has more than the threshold's, the
            // span after its first match is passed and the words after its last are read)
            if (!whole && first >= 0 && index >= kSnippetThresholdTokens && index >= first + kSnippetThresholdTokens / 2
                && index >= last + kSnippetAffixTokens + 1) {
                cut = true;
                break;
            }
        }
        const qsizetype count = qsizetype(spans.size());
        qsizetype from = 0, to = count - 1;
        if ((cut || count > kSnippetThresholdTokens) && !whole) {
            if (first < 0)
                return false;
            from = std::max<qsizetype>(0, first - kSnippetAffixTokens);
            to = std::min<qsizetype>(count - 1, last + kSnippetAffixTokens);
        } else if (first < 0) {
            return false;
        }
        const qsizetype endPos = !cut && to == count - 1 ? n : spans[size_t(to)].end;
        qsizetype pos = from > 0 ? spans[size_t(from)].start : 0;
        snippet->append('"');
        bool firstMatch = true;
        for (qsizetype i = from; i <= to; ++i) {
            const Span &span = spans[size_t(i)];
            if (!span.matched)
                continue;
            const QByteArrayView word(s + span.start, span.end - span.start);
            JsonWriter::appendBytes(*snippet, QByteArrayView(s + pos, span.start - pos));
            JsonWriter::appendBytes(*snippet, startTag);
            JsonWriter::appendBytes(*snippet, word);
            JsonWriter::appendBytes(*snippet, endTag);
            char *quoted = JsonWriter::grow(*matched, word.size() + (firstMatch ? 2 : 3));
            if (!firstMatch)
                *quoted++ = ',';
            firstMatch = false;
            *quoted++ = '"';
            std::memcpy(quoted, word.data(), size_t(word.size()));
            quoted[word.size()] = '"';
            pos = span.end;
        }
        JsonWriter::appendBytes(*snippet, QByteArrayView(s + pos, endPos - pos));
        snippet->append('"');
        return true;
    }
    static bool isWordChar(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
};

// A single-valued facet column's counts over the matches' sequences: cells are value id + 1 per
// document (0: none); `counts` (one per cell) is filled and `order` gets the cells in the order
// they first show up among the matches. Four sets of counters, so that consecutive matches of
// one value do not each wait for the other's count to be stored; the order is a second, short
// walk that stops once every counted cell has shown up.
void countFacetCells(const quint16 *cells, size_t cellCount, const quint32 *seqs, size_t n, std::vector<quint32> &counts,
                     std::vector<quint16> &order)
{
    const size_t width = counts.size();
    std::vector<quint32> lanes(width * 4, 0);
    auto cellOf = [cells, cellCount](quint32 seq) { return seq < cellCount ? cells[seq] : quint16(0); };
    size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        ++lanes[cellOf(seqs[i])];
        ++lanes[width + cellOf(seqs[i + 1])];
        ++lanes[2 * width + cellOf(seqs[i + 2])];
        ++lanes[3 * width + cellOf(seqs[i + 3])];
    }
    for (; i < n; ++i)
        ++lanes[cellOf(seqs[i])];
    size_t distinct = 0;
    for (size_t c = 0; c < width; ++c) {
        counts[c] = lanes[c] + lanes[width + c] + lanes[2 * width + c] + lanes[3 * width + c];
        distinct += counts[c] != 0;
    }
    std::vector<char> seen(width, 0);
    for (size_t k = 0; k < n && order.size() < distinct; ++k) {
        const quint16 cell = cellOf(seqs[k]);
        if (!seen[cell]) {
            seen[cell] = 1;
            order.push_back(cell);
        }
    }
}

// A facet value matching a facet_query (every word in order somewhere in the value, the last
// one as a prefix), with the matched words wrapped; empty when it does not match.
QString facetHighlight(const QString &value, const QStringList &query, const TextAnalyzer &analyzer,
                       const QString &startTag, const QString &endTag)
{
    const QList<TokenSpan> spans = analyzer.tokenize(value);
    QList<qsizetype> hits;
    qsizetype k = 0;
    for (qsizetype i = 0; i < spans.size() && k < query.size(); ++i) {
        const bool last = k == query.size() - 1;
        if (last ? spans[i].folded.startsWith(query[k]) : spans[i].folded == query[k]) {
            hits << i;
            ++k;
        }
    }
    if (k < query.size())
        return {};
    QString out;
    qsizetype pos = 0;
    for (qsizetype i : std::as_const(hits)) {
        const TokenSpan &span = spans[i];
        const qsizetype markLen = i == hits.last() ? std::min<qsizetype>(span.length, query.last().size()) : span.length;
        out += QStringView(value).mid(pos, span.start - pos);
        out += startTag + value.mid(span.start, markLen) + endTag;
        pos = span.start + markLen;
    }
    out += QStringView(value).mid(pos);
    return out;
}

// The folded terms a query's words reached, with the words (bits) each one stands for.
struct ProximityTerm
{
    QString folded;
    quint32 words = 0; // bits: the query words it stands for
};

// How far apart the query words stand in `text`: the narrowest run of words holding every query
// word the text holds, minus those words; 0 when they are adjacent, kMaxProximity when fewer
// than two are present. Plain ASCII words are compared without folding (no allocation).
// The narrowest run of words holding every query word present (see wordDistance).
int narrowestSpan(const std::vector<std::pair<int, quint32>> &hits, quint32 present);

int wordDistance(QStringView text, const TextAnalyzer &analyzer, const std::vector<ProximityTerm> &terms)
{
    std::vector<std::pair<int, quint32>> hits; // word position, query words matched there
    quint32 present = 0;
    int position = 0;
    analyzer.forEachToken(text, [&](QStringView token, qsizetype) {
        bool ascii = true;
        for (QChar ch : token)
            ascii = ascii && ch.unicode() < 0x80;
        QString folded;
        if (!ascii)
            folded = TextAnalyzer::fold(token);
        quint32 matched = 0;
        for (const ProximityTerm &term : terms) {
            if (ascii ? (term.folded.size() == token.size() && token.compare(term.folded, Qt::CaseInsensitive) == 0)
                      : folded == term.folded)
                matched |= term.words;
        }
        if (matched) {
            hits.push_back({position, matched});
            present |= matched;
        }
        ++position;
    });
    return narrowestSpan(hits, present);
}

// wordDistance over plain ASCII text as stored in compact JSON (see plainAsciiMember: its
// two-character escapes separate words), for analyzers whose words are runs of ASCII letters and
// digits: no conversion, no allocation per word.
int wordDistanceAscii(QByteArrayView text, const std::vector<ProximityTerm> &terms)
{
    std::vector<std::pair<int, quint32>> hits;
    quint32 present = 0;
    int position = 0;
    auto isWordByte = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); };
    const char *p = text.data();
    const qsizetype n = text.size();
    qsizetype i = 0;
    while (i < n) {
        while (i < n && !isWordByte(p[i]))
            i += p[i] == '\\' ? 2 : 1;
        if (i >= n)
            break;
        const qsizetype start = i;
        while (i < n && isWordByte(p[i]))
            ++i;
        if (i == start)
            break;
        const qsizetype length = i - start;
        quint32 matched = 0;
        for (const ProximityTerm &term : terms) {
            if (term.folded.size() != length)
                continue;
            const QChar *t = term.folded.constData();
            qsizetype k = 0;
            for (; k < length; ++k) {
                const char c = p[start + k];
                if (t[k].unicode() != char16_t(c >= 'A' && c <= 'Z' ? c + 32 : c))
                    break;
            }
            if (k == length)
                matched |= term.words;
        }
        if (matched) {
            hits.push_back({position, matched});
            present |= matched;
        }
        ++position;
    }
    return narrowestSpan(hits, present);
}

int narrowestSpan(const std::vector<std::pair<int, quint32>> &hits, quint32 present)
{
    const int wanted = bitCount(present);
    if (wanted < 2)
        return kMaxProximity;
    int counts[32] = {};
    int covered = 0;
    int best = kMaxProximity;
    size_t left = 0;
    auto each = [](quint32 bits, auto &&f) {
        for (int b = 0; bits; ++b, bits >>= 1)
            if (bits & 1u)
                f(b);
    };
    for (size_t right = 0; right < hits.size(); ++right) {
        each(hits[right].second, [&](int b) { covered += counts[b]++ == 0 ? 1 : 0; });
        while (covered == wanted) {
            best = std::min(best, hits[right].first - hits[left].first + 1 - wanted);
            each(hits[left].second, [&](int b) { covered -= --counts[b] == 0 ? 1 : 0; });
            ++left;
        }
    }
    return std::clamp(best, 0, kMaxProximity);
}

// The arguments of a geo sort, `48.85, 2.35)` up to the closing parenthesis, with an optional
// `exclude_radius: 2 km` (closer points tie at 0) or `precision: 1 km` (distances in buckets).
ApiError parseGeoSort(const QString &field, QString arguments, double *lat, double *lng, double *excludeRadius,
                      double *precision)
{
    const ApiError syntax = ApiError::of(400, QStringLiteral("Bad syntax for sorting field `%1`").arg(field));
    arguments = arguments.trimmed();
    if (!arguments.endsWith(u')'))
        return syntax;
    arguments.chop(1);
    const QStringList parts = arguments.split(u',');
    if (parts.size() != 2 && parts.size() != 3)
        return syntax;
    bool okLat = false, okLng = false;
    *lat = parts[0].trimmed().toDouble(&okLat);
    *lng = parts[1].trimmed().toDouble(&okLng);
    if (!okLat || !okLng || !std::isfinite(*lat) || !std::isfinite(*lng))
        return syntax;
    if (parts.size() == 3) {
        const qsizetype colon = parts[2].indexOf(u':');
        const QString key = parts[2].left(colon).trimmed();
        if (colon < 0 || (key != QLatin1String("exclude_radius") && key != QLatin1String("precision")))
            return syntax;
        const QString value = parts[2].mid(colon + 1).trimmed();
        const QString unit = value.right(2);
        if (value.size() < 2 || (unit != QLatin1String("km") && unit != QLatin1String("mi")))
            return ApiError::of(400, QStringLiteral("Sort field's parameter unit must be either `km` or `mi`."));
        bool ok = false;
        const double amount = value.chopped(2).trimmed().toDouble(&ok);
        if (!ok)
            return syntax;
        const double meters = amount * (unit == QLatin1String("km") ? 1000.0 : 1609.34);
        if (!(meters > 0))
            return ApiError::of(400, QStringLiteral("Sort field's parameter must be a positive number."));
        (key == QLatin1String("exclude_radius") ? *excludeRadius : *precision) = meters;
    }
    return {};
}

// Where the JSON string whose opening quote is at `p` ends (after its closing quote), or -1 when
// it is cut short: from quote to quote (memchr), a quote after an odd run of backslashes being
// part of the text.
qsizetype skipJsonString(const char *s, qsizetype n, qsizetype p)
{
    const qsizetype opening = p;
    for (++p; p < n;) {
        const char *quote = static_cast<const char *>(std::memchr(s + p, '"', size_t(n - p)));
        if (!quote)
            return -1;
        const qsizetype at = quote - s;
        qsizetype backslashes = 0;
        while (at - backslashes - 1 > opening && s[at - backslashes - 1] == '\\')
            ++backslashes;
        if (backslashes % 2 == 0)
            return at + 1;
        p = at + 1;
    }
    return -1;
}

// Where the JSON value starting at `p` ends, or -1 when it is cut short.
qsizetype skipJsonValue(const char *s, qsizetype n, qsizetype p)
{
    if (p >= n)
        return -1;
    if (s[p] == '"')
        return skipJsonString(s, n, p);
    if (s[p] == '{' || s[p] == '[') {
        int depth = 0;
        bool inString = false;
        for (; p < n; ++p) {
            const char c = s[p];
            if (inString) {
                if (c == '\\')
                    ++p;
                else if (c == '"')
                    inString = false;
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                ++depth;
            } else if ((c == '}' || c == ']') && --depth == 0) {
                return p + 1;
            }
        }
        return -1;
    }
    while (p < n && s[p] != ',' && s[p] != '}' && s[p] != ']')
        ++p; // number, true, false, null
    return p;
}

// The member `key` of a compact JSON object (as QJsonDocument writes it: no spaces), read
// without parsing the other members. `found` is false when the object has no such member.
QJsonValue compactMember(const QByteArray &json, const QString &key, bool *found)
{
    *found = false;
    const QByteArray wanted = key.toUtf8();
    const char *s = json.constData();
    const qsizetype n = json.size();
    if (n < 2 || s[0] != '{' || wanted.contains('"') || wanted.contains('\\')) {
        const QJsonObject o = QJsonDocument::fromJson(json).object();
        *found = o.contains(key);
        return o.value(key);
    }
    qsizetype p = 1;
    while (p < n && s[p] != '}') {
        if (s[p] == ',')
            ++p;
        const qsizetype keyEnd = skipJsonValue(s, n, p); // after the closing quote
        if (keyEnd < 0 || keyEnd >= n || s[keyEnd] != ':')
            break;
        const qsizetype valueStart = keyEnd + 1;
        const qsizetype valueEnd = skipJsonValue(s, n, valueStart);
        if (valueEnd < 0)
            break;
        const qsizetype keyLength = keyEnd - p - 2;
        if (keyLength == wanted.size() && std::memcmp(s + p + 1, wanted.constData(), size_t(keyLength)) == 0) {
            *found = true;
            const char first = s[valueStart];
            const qsizetype length = valueEnd - valueStart;
            if (first == '"' && !std::memchr(s + valueStart, '\\', size_t(length)))
                return QString::fromUtf8(s + valueStart + 1, length - 2);
            if (first == 't' || first == 'f')
                return first == 't';
            if (first == 'n')
                return QJsonValue(QJsonValue::Null);
            // numbers, arrays, objects and escaped strings: parse just this member
            QByteArray one = "[";
            one.append(s + valueStart, length);
            one.append(']');
            return QJsonDocument::fromJson(one).array().at(0);
        }
        p = valueEnd;
    }
    return QJsonValue(QJsonValue::Undefined);
}

// The bytes of the string member `key` of a compact JSON object when they are plain ASCII, with
// no escape but the two-character ones (\n, \", ...), which stand for separators; false otherwise
// (absent, not a string, non-ASCII or \u escapes).
bool plainAsciiMember(QByteArrayView json, const QByteArray &key, QByteArrayView *out)
{
    const char *s = json.constData();
    const qsizetype n = json.size();
    if (n < 2 || s[0] != '{')
        return false;
    qsizetype p = 1;
    while (p < n && s[p] != '}') {
        if (s[p] == ',')
            ++p;
        const qsizetype keyEnd = skipJsonValue(s, n, p);
        if (keyEnd < 0 || keyEnd >= n || s[keyEnd] != ':')
            return false;
        const qsizetype valueStart = keyEnd + 1;
        const qsizetype valueEnd = skipJsonValue(s, n, valueStart);
        if (valueEnd < 0)
            return false;
        if (keyEnd - p - 2 == key.size() && std::memcmp(s + p + 1, key.constData(), size_t(key.size())) == 0) {
            if (s[valueStart] != '"')
                return false;
            for (qsizetype k = valueStart + 1; k < valueEnd - 1; ++k) {
                if (s[k] & 0x80)
                    return false;
                if (s[k] == '\\' && s[++k] == 'u')
                    return false; // (\n, \t, \" and the like are separators; \u may be a letter)
            }
            *out = QByteArrayView(s + valueStart + 1, valueEnd - valueStart - 2);
            return true;
        }
        p = valueEnd;
    }
    return false;
}

} // namespace

Collection::Collection() : m_memoryLog(std::make_unique<DocumentLog>()), m_log(m_memoryLog.get()) {}

Collection::~Collection() = default;

qint64 Collection::storedBytes() const
{
    qint64 total = 0;
    for (const Doc &d : m_docs)
        if (d.alive)
            total += d.length;
    return total;
}

QByteArrayView Collection::documentView(quint32 seq) const
{
    const Doc &d = m_docs[seq];
    return d.alive ? m_log->read(d.offset, d.length) : QByteArrayView();
}

QByteArray Collection::documentBytesAt(quint32 seq) const
{
    return documentView(seq).toByteArray();
}

QJsonObject Collection::documentJson(quint32 seq) const
{
    const QByteArrayView bytes = documentView(seq);
    return QJsonDocument::fromJson(QByteArray::fromRawData(bytes.data(), bytes.size())).object();
}

QJsonValue Collection::fieldValue(quint32 seq, const QString &name) const
{
    bool found = false;
    const QByteArrayView bytes = documentView(seq);
    QJsonValue v = compactMember(QByteArray::fromRawData(bytes.data(), bytes.size()), name, &found);
    if (!found && m_enableNestedFields && name.contains(u'.'))
        return nestedValue(documentJson(seq), name); // a nested field: inside an object
    return v;
}

bool Field::isNumeric() const
{
    return type.startsWith(QLatin1String("int32")) || type.startsWith(QLatin1String("int64"))
           || type.startsWith(QLatin1String("float"));
}

QJsonObject Field::toJson() const
{
    return QJsonObject{{QStringLiteral("name"), name},          {QStringLiteral("type"), type},
                       {QStringLiteral("facet"), facet},        {QStringLiteral("optional"), optional},
                       {QStringLiteral("index"), index},        {QStringLiteral("sort"), sort},
                       {QStringLiteral("infix"), infix},        {QStringLiteral("locale"), locale},
                       {QStringLiteral("store"), store},        {QStringLiteral("stem"), false}};
}

ApiError Collection::fromSchema(const QJsonObject &schema, qint64 createdAt, std::unique_ptr<Collection> *out)
{
    auto c = std::make_unique<Collection>();
    const QJsonValue name = schema.value(QStringLiteral("name"));
    if (!name.isString() || name.toString().isEmpty())
        return ApiError::of(400, QStringLiteral("Parameter `name` is required."));
    c->m_name = name.toString();
    const QJsonValue fields = schema.value(QStringLiteral("fields"));
    if (!fields.isArray())
        return ApiError::of(400, QStringLiteral("Parameter `fields` is required."));
    const QString wrongFormat = QStringLiteral("Wrong format for `fields`. It should be an array of objects containing "
                                               "`name`, `type`, `optional` and `facet` properties.");
    QSet<QString> seen;
    for (const QJsonValue &fv : fields.toArray()) {
        if (!fv.isObject())
            return ApiError::of(400, wrongFormat);
        const QJsonObject fo = fv.toObject();
        if (!fo.value(QStringLiteral("name")).isString() || !fo.value(QStringLiteral("type")).isString())
            return ApiError::of(400, wrongFormat);
        for (const char *key : {"facet", "optional", "index", "sort", "infix", "store"}) {
            const QJsonValue v = fo.value(QLatin1String(key));
            if (!v.isUndefined() && !v.isBool())
                return ApiError::of(400, QStringLiteral("The `%1` property of the field `%2` should be a boolean.")
                                             .arg(QLatin1String(key), fo.value(QStringLiteral("name")).toString()));
        }
        Field f;
        f.name = fo.value(QStringLiteral("name")).toString();
        f.type = fo.value(QStringLiteral("type")).toString();
        if (f.name.isEmpty())
            return ApiError::of(400, wrongFormat);
        if (!kTypes.contains(f.type))
            return ApiError::of(400, QStringLiteral("Field `%1` has an invalid data type `%2`, see docs for supported data types.")
                                         .arg(f.name, f.type));
        f.facet = fo.value(QStringLiteral("facet")).toBool(false);
        f.optional = fo.value(QStringLiteral("optional")).toBool(false);
        f.index = fo.value(QStringLiteral("index")).toBool(true);
        f.sort = fo.value(QStringLiteral("sort")).toBool(f.isNumeric() || f.isBool());
        f.infix = fo.value(QStringLiteral("infix")).toBool(false);
        f.store = fo.value(QStringLiteral("store")).toBool(true);
        f.locale = fo.value(QStringLiteral("locale")).toString();
        f.regex = isRegexName(f.name);
        if (f.regex) {
            f.pattern = QRegularExpression(QRegularExpression::anchoredPattern(f.name));
            if (!f.pattern.isValid())
                return ApiError::of(400, QStringLiteral("Field `%1` has an invalid name.").arg(f.name));
            if (f.name == QLatin1String(".*") && !f.optional)
                return ApiError::of(400, QStringLiteral("Field `.*` must be an optional field."));
            if (f.name == QLatin1String(".*") && f.facet)
                return ApiError::of(400, QStringLiteral("Field `.*` cannot be a facet field."));
        } else if (f.type == QLatin1String("auto")) {
            return ApiError::of(400, QStringLiteral("Field `%1` has an invalid data type `auto`, see docs for supported data types.").arg(f.name));
        }
        if (f.name == QLatin1String("id"))
            return ApiError::of(400, QStringLiteral("Field `id` cannot be declared in the schema."));
        if (seen.contains(f.name))
            return ApiError::of(400, QStringLiteral("There are duplicate field names in the schema."));
        seen.insert(f.name);
        c->m_fields.push_back(f);
    }
    const QJsonValue dsf = schema.value(QStringLiteral("default_sorting_field"));
    if (dsf.isString() && !dsf.toString().isEmpty()) {
        const Field *f = c->field(dsf.toString());
        if (!f)
            return ApiError::of(400, QStringLiteral("Default sorting field is defined as `%1` but is not found in the schema.")
                                         .arg(dsf.toString()));
        if (!f->isNumeric() || f->isArray())
            return ApiError::of(400, QStringLiteral("Default sorting field `%1` is not a sortable type.").arg(dsf.toString()));
        if (f->optional)
            return ApiError::of(400, QStringLiteral("Default sorting field `%1` cannot be an optional field.").arg(dsf.toString()));
        c->m_defaultSortingField = dsf.toString();
    }
    QString separators, symbols;
    for (const char *key : {"token_separators", "symbols_to_index"}) {
        const QJsonValue v = schema.value(QLatin1String(key));
        if (v.isUndefined())
            continue;
        if (!v.isArray())
            return ApiError::of(400, QStringLiteral("`%1` should be an array of character strings.").arg(QLatin1String(key)));
        QString chars;
        for (const QJsonValue &e : v.toArray()) {
            if (!e.isString() || e.toString().size() != 1)
                return ApiError::of(400, QStringLiteral("`%1` should be an array of character strings.").arg(QLatin1String(key)));
            chars += e.toString();
        }
        (qstrcmp(key, "token_separators") == 0 ? separators : symbols) = chars;
        (qstrcmp(key, "token_separators") == 0 ? c->m_tokenSeparators : c->m_symbolsToIndex) = v.toArray();
    }
    c->m_analyzer = TextAnalyzer(symbols, separators);
    c->m_wordBreakAnalyzer = TextAnalyzer(symbols, separators, true);
    c->m_enableNestedFields = schema.value(QStringLiteral("enable_nested_fields")).toBool(false);
    if (const QJsonValue metadata = schema.value(QStringLiteral("metadata")); !metadata.isUndefined()) {
        if (!metadata.isObject())
            return ApiError::of(400, QStringLiteral("The `metadata` value should be an object."));
        c->m_metadata = metadata.toObject();
    }
    c->m_createdAt = schema.value(QStringLiteral("created_at")).isDouble()
                         ? qint64(schema.value(QStringLiteral("created_at")).toDouble())
                         : createdAt;
    *out = std::move(c);
    return {};
}

ApiError Collection::checkNonIndexedFields() const
{
    for (const Field &f : m_fields) {
        if (f.index || f.detected)
            continue;
        if (!f.optional)
            return ApiError::of(400, QStringLiteral("Field `%1` must be optional since it is marked as non-indexable.").arg(f.name));
        if (f.name == QLatin1String(".*"))
            return ApiError::of(400, QStringLiteral("Field `.*` cannot be marked as non-indexable."));
        if (f.facet)
            return ApiError::of(400, QStringLiteral("Field `%1` cannot be a facet since it's marked as non-indexable.").arg(f.name));
    }
    return {};
}

QJsonObject Collection::schemaJson() const
{
    QJsonArray fields;
    for (const Field &f : m_fields)
        if (!f.detected)
            fields.append(f.toJson());
    QJsonObject o{{QStringLiteral("name"), m_name},
                  {QStringLiteral("fields"), fields},
                  {QStringLiteral("created_at"), m_createdAt},
                  {QStringLiteral("token_separators"), m_tokenSeparators},
                  {QStringLiteral("symbols_to_index"), m_symbolsToIndex},
                  {QStringLiteral("enable_nested_fields"), m_enableNestedFields}};
    if (!m_defaultSortingField.isEmpty())
        o.insert(QStringLiteral("default_sorting_field"), m_defaultSortingField);
    if (!m_metadata.isEmpty())
        o.insert(QStringLiteral("metadata"), m_metadata);
    return o;
}

QJsonObject Collection::summary() const
{
    QJsonArray fields;
    for (const Field &f : m_fields)
        fields.append(f.toJson());
    QJsonObject o{{QStringLiteral("name"), m_name},
                  {QStringLiteral("num_documents"), qint64(numDocuments())},
                  {QStringLiteral("created_at"), m_createdAt},
                  {QStringLiteral("fields"), fields},
                  {QStringLiteral("default_sorting_field"), m_defaultSortingField},
                  {QStringLiteral("token_separators"), m_tokenSeparators},
                  {QStringLiteral("symbols_to_index"), m_symbolsToIndex},
                  {QStringLiteral("enable_nested_fields"), m_enableNestedFields}};
    if (!m_metadata.isEmpty())
        o.insert(QStringLiteral("metadata"), m_metadata);
    return o;
}

bool Collection::hasCatchAllField() const
{
    return std::any_of(m_fields.begin(), m_fields.end(),
                       [](const Field &f) { return f.regex && f.name == QLatin1String(".*"); });
}

const Field *Collection::field(const QString &name) const
{
    for (const Field &f : m_fields)
        if (!f.regex && f.name == name)
            return &f;
    return nullptr;
}

bool Collection::filterFieldKind(const QString &name, FilterKind *kind) const
{
    const Field *f = field(name);
    // Typesense keeps an `index: false` field on disk only: filters do not know it.
    if ((!f && name != QLatin1String("id")) || (f && !f->index))
        return false;
    *kind = !f ? FilterKind::String : f->isNumeric() ? FilterKind::Number : f->isBool() ? FilterKind::Bool
          : f->isGeo() ? FilterKind::Geo : FilterKind::String;
    return true;
}

const Field *Collection::regexFieldFor(const QString &key) const
{
    for (const Field &f : m_fields) {
        if (!f.regex)
            continue;
        if (f.pattern.match(key).hasMatch())
            return &f;
    }
    return nullptr;
}

ApiError Collection::validate(QJsonObject *doc, DirtyValues dirty, bool partial)
{
    const bool coerce = dirty == DirtyValues::CoerceOrReject || dirty == DirtyValues::CoerceOrDrop;
    const bool drop = dirty == DirtyValues::Drop || dirty == DirtyValues::CoerceOrDrop;
    auto check = [&](const Field &f, const QString &key, bool *dropIt) -> ApiError {
        *dropIt = false;
        QJsonValue v = doc->value(key);
        if (f.type == QLatin1String("auto"))
            return {};
        QString base = f.type;
        const bool array = f.isArray();
        if (array)
            base.chop(2);
        if (f.type == QLatin1String("string*")) {
            base = QStringLiteral("string");
            if (v.isArray()) {
                QJsonArray a = v.toArray();
                for (qsizetype i = 0; i < a.size(); ++i) {
                    QJsonValue e = a.at(i);
                    if (!checkScalar(base, &e, coerce))
                        return ApiError::of(400, QStringLiteral("Field `%1` must be an array of string.").arg(key));
                    a[i] = e;
                }
                doc->insert(key, a);
                return {};
            }
        }
        if (array) {
            if (!v.isArray()) {
                if (drop) { *dropIt = true; return {}; }
                return ApiError::of(400, QStringLiteral("Field `%1` must be an array.").arg(key));
            }
            QJsonArray a = v.toArray();
            for (qsizetype i = 0; i < a.size(); ++i) {
                QJsonValue e = a.at(i);
                if (!checkScalar(base, &e, coerce)) {
                    if (drop) { *dropIt = true; return {}; }
                    return ApiError::of(400, QStringLiteral("Field `%1` must be an array of %2.").arg(key, base));
                }
                a[i] = e;
            }
            doc->insert(key, a);
            return {};
        }
        if (!checkScalar(base, &v, coerce)) {
            if (drop) { *dropIt = true; return {}; }
            return ApiError::of(400, QStringLiteral("Field `%1` must be %2.").arg(key, typeArticle(base)));
        }
        doc->insert(key, v);
        return {};
    };

    for (const Field &f : m_fields) {
        if (f.regex || f.detected)
            continue;
        if (m_enableNestedFields && f.name.contains(u'.') && !doc->contains(f.name)) {
            // A declared nested field: checked where it lies, inside its object (not coerced).
            QJsonObject probe;
            if (const QJsonValue nested = nestedValue(*doc, f.name); !nested.isUndefined() && !nested.isNull())
                probe.insert(f.name, nested);
            else if (f.optional || partial)
                continue;
            else
                return ApiError::of(400, QStringLiteral("Field `%1` has been declared in the schema, but is not found in the document.").arg(f.name));
            QJsonObject *const whole = doc;
            doc = &probe;
            bool dropIt = false;
            const ApiError e = check(f, f.name, &dropIt);
            doc = whole;
            if (e.failed())
                return e;
            continue;
        }
        const QJsonValue v = doc->value(f.name);
        if (v.isUndefined() || v.isNull()) {
            if (f.optional || partial)
                continue;
            return ApiError::of(400, QStringLiteral("Field `%1` has been declared in the schema, but is not found in the document.").arg(f.name));
        }
        bool dropIt = false;
        if (ApiError e = check(f, f.name, &dropIt); e.failed())
            return e;
        if (dropIt) {
            doc->remove(f.name);
            if (!f.optional && !partial)
                return ApiError::of(400, QStringLiteral("Field `%1` has been declared in the schema, but is not found in the document.").arg(f.name));
        }
    }
    // Keys that only a regex field (".*", "num_.*") declares.
    const QStringList keys = doc->keys();
    for (const QString &key : keys) {
        if (key == QLatin1String("id") || (field(key) && !field(key)->detected))
            continue;
        const Field *rf = regexFieldFor(key);
        if (!rf || doc->value(key).isNull())
            continue;
        const Field *known = field(key);
        Field probe = known ? *known : *rf;
        probe.name = key;
        bool dropIt = false;
        if (ApiError e = check(probe, key, &dropIt); e.failed())
            return e;
        if (dropIt)
            doc->remove(key);
    }
    return {};
}

void Collection::index(quint32 seq, const QJsonObject &json)
{
    auto addText = [&](const QString &fieldName, const QString &text, const TextAnalyzer &analyzer) {
        PostingLists &postings = m_postings[fieldName];
        analyzer.forEachFoldedToken(text, [&](const QString &folded) { postings.append(m_trie.insert(folded), seq); });
    };
    // enable_nested_fields: an object's (or array of objects') leaves are indexed as fields named
    // by their dotted paths ("address.city"), detected with the object field's settings unless
    // the schema declares them.
    QJsonObject flat = json;
    if (m_enableNestedFields) {
        for (auto it = json.constBegin(); it != json.constEnd(); ++it) {
            const QJsonValue v = it.value();
            if (!v.isObject() && !(v.isArray() && !v.toArray().isEmpty() && v.toArray().first().isObject()))
                continue;
            QStringList paths;
            collectLeafPaths(it.key(), v, &paths);
            for (const QString &path : std::as_const(paths))
                flat.insert(path, nestedValue(json, path));
        }
    }
    for (auto it = flat.constBegin(); it != flat.constEnd(); ++it) {
        const QString key = it.key();
        if (key == QLatin1String("id"))
            continue;
        // (facet columns are filled below, once every detected field exists)
        const Field *f = field(key);
        if (!f && m_enableNestedFields && key.contains(u'.') && !regexFieldFor(key)) {
            const Field *parent = field(key.section(u'.', 0, 0));
            if (!parent || !parent->type.startsWith(QLatin1String("object")))
                continue;
            Field nested = *parent;
            nested.name = key;
            nested.type = inferType(it.value());
            nested.optional = true;
            nested.detected = true;
            if (nested.type.isEmpty() || nested.type.startsWith(QLatin1String("object")))
                continue;
            nested.sort = nested.isNumeric() || nested.isBool();
            m_fields.push_back(nested);
            f = &m_fields.back();
        }
        if (!f) {
            const Field *rf = regexFieldFor(key);
            if (!rf)
                continue;
            Field detectedField = *rf;
            detectedField.name = key;
            detectedField.regex = false;
            detectedField.pattern = QRegularExpression();
            detectedField.detected = true;
            if (detectedField.type == QLatin1String("auto"))
                detectedField.type = inferType(it.value());
            if (detectedField.type.isEmpty())
                continue;
            detectedField.sort = detectedField.isNumeric() || detectedField.isBool();
            m_fields.push_back(detectedField);
            f = &m_fields.back();
        }
        if ((f->isNumeric() || f->isBool()) && !f->isArray()) {
            std::vector<double> &column = m_numbers[key];
            if (column.size() <= seq) // (the vector's capacity grows ahead; finishWrites() trims it)
                column.resize(size_t(seq) + 1, std::numeric_limits<double>::quiet_NaN());
            const QJsonValue v = it.value();
            column[seq] = v.isBool() ? (v.toBool() ? 1.0 : 0.0) : v.isDouble() ? v.toDouble() : std::numeric_limits<double>::quiet_NaN();
            continue;
        }
        if (f->type == QLatin1String("geopoint")) {
            std::vector<GeoPoint> &column = m_geoPoints[key];
            if (column.size() <= seq)
                column.resize(size_t(seq) + 1, GeoPoint{});
            const QJsonArray pair = it.value().toArray();
            column[seq] = GeoPoint{pair.at(0).toDouble(), pair.at(1).toDouble()};
            continue;
        }
        if (!f->index || !f->isStringType())
            continue;
        const QJsonValue v = it.value();
        const TextAnalyzer &analyzer = analyzerFor(f);
        if (v.isString()) {
            addText(key, v.toString(), analyzer);
        } else if (v.isArray()) {
            for (const QJsonValue &e : v.toArray())
                if (e.isString())
                    addText(key, e.toString(), analyzer);
        }
    }
    for (const Field &f : m_fields)
        if (f.facet && !f.regex)
            addFacetValues(f.name, seq, flat.value(f.name));
}

// A filter asked document by document instead of as a bitmap over the whole collection: a search
// asks it only for the documents its words reach (or, with `*`, once each), so a filter costs
// what the matches cost, not a pass and a fresh megabyte per search on a large collection. The
// answers are filterBitmap()'s for live documents (it admits no removed one; callers check that).
// Leaves: a numeric column compared in place, a single-valued facet column's cell looked up in
// a table of which values hold, a facet column's value ids; any other clause (geo, nested
// elements, fields without a column) is worked out once as filterBitmap() does and read from it.
struct FilterCheck
{
    struct Node
    {
        enum class Kind : quint8 { And, Or, Number, Cells, Values, Bitmap } kind = Kind::Bitmap;
        bool negate = false;
        std::vector<quint32> children; // And, Or: node indices
        const FilterNode *clause = nullptr;
        // Number: the column (up to `end`); a single comparison as (op, bound)
        const double *numbers = nullptr;
        bool single = false;
        FilterValue::Op op = FilterValue::Op::Match;
        double bound = 0;
        // Cells: cell (value id + 1, 0: none) -> holds; Values: value id -> matches (negate apart)
        const quint16 *cells = nullptr;
        const quint32 *offsets = nullptr;
        const int *valueIds = nullptr;
        std::vector<char> table;
        size_t end = 0;
        // Bitmap: by sequence
        std::vector<char> bitmap;
    };
    std::vector<Node> nodes; // the root first

    bool admits(quint32 seq) const
    {
        if (nodes.empty())
            return true;
        const Node &root = nodes.front();
        return root.kind == Node::Kind::And || root.kind == Node::Kind::Or ? holds(root, seq) : leafHolds(root, seq);
    }
    bool holds(const Node &n, quint32 seq) const
    {
        const bool all = n.kind == Node::Kind::And;
        if (n.children.empty())
            return false; // (as filterBitmap(): nothing combined admits nothing)
        for (quint32 c : n.children) {
            const Node &child = nodes[c];
            const bool h = child.kind == Node::Kind::And || child.kind == Node::Kind::Or ? holds(child, seq) : leafHolds(child, seq);
            if (h != all)
                return h;
        }
        return all;
    }
    static bool leafHolds(const Node &n, quint32 seq)
    {
        switch (n.kind) {
        case Node::Kind::And:
        case Node::Kind::Or:
            break;
        case Node::Kind::Number: {
            if (seq >= n.end)
                return n.negate; // absent values: only a negation holds
            const double x = n.numbers[seq];
            bool any = false;
            if (n.single) {
                switch (n.op) {
                case FilterValue::Op::Less: any = x < n.bound; break;
                case FilterValue::Op::LessEq: any = x <= n.bound; break;
                case FilterValue::Op::Greater: any = x > n.bound; break;
                case FilterValue::Op::GreaterEq: any = x >= n.bound; break;
                default: any = !std::isnan(x) && FilterExpression::numberMatches(x, n.clause->values.front()); break;
                }
            } else if (!std::isnan(x)) {
                for (const FilterValue &v : n.clause->values)
                    if ((any = FilterExpression::numberMatches(x, v)))
                        break;
            }
            return n.negate ? !any : any;
        }
        case Node::Kind::Cells:
            return seq < n.end ? bool(n.table[n.cells[seq]]) : n.negate;
        case Node::Kind::Values: {
            if (seq >= n.end)
                return n.negate; // no values: only a negation holds
            bool any = false;
            for (quint32 k = n.offsets[seq]; k < n.offsets[seq + 1] && !any; ++k)
                any = n.table[size_t(n.valueIds[k])];
            return any != n.negate;
        }
        case Node::Kind::Bitmap:
            return seq < n.bitmap.size() && n.bitmap[seq];
        }
        return false;
    }
};

void Collection::compileFilter(const FilterNode &node, FilterCheck *out) const
{
    const size_t index = out->nodes.size();
    out->nodes.emplace_back();
    auto here = [out, index]() -> FilterCheck::Node & { return out->nodes[index]; };
    using Kind = FilterCheck::Node::Kind;
    if (node.type == FilterNode::Type::And || node.type == FilterNode::Type::Or) {
        here().kind = node.type == FilterNode::Type::And ? Kind::And : Kind::Or;
        for (const auto &child : node.children) {
            const quint32 at = quint32(out->nodes.size());
            compileFilter(*child, out);
            here().children.push_back(at);
        }
        return;
    }
    if (node.type == FilterNode::Type::Clause) {
        if (const auto column = m_numbers.constFind(node.field); column != m_numbers.constEnd() && node.kind != FilterKind::String) {
            FilterCheck::Node &n = here();
            n.kind = Kind::Number;
            n.clause = &node;
            n.negate = node.negate;
            n.numbers = column->data();
            n.end = std::min(column->size(), m_docs.size());
            n.single = node.values.size() == 1 && node.values.front().op != FilterValue::Op::Range;
            if (n.single) {
                n.op = node.values.front().op;
                n.bound = node.values.front().number;
            }
            return;
        }
        const bool geo = m_geoPoints.contains(node.field) && node.kind == FilterKind::Geo;
        const auto facetIt = node.kind == FilterKind::String && !geo ? m_facets.constFind(node.field) : m_facets.constEnd();
        if (facetIt != m_facets.constEnd()) {
            // (a value's verdict once per distinct value, as filterBitmap() decides them)
            const FacetColumn &column = *facetIt;
            std::vector<char> valueMatches(size_t(column.dictionary.size()));
            for (qsizetype id = 0; id < column.dictionary.size(); ++id)
                valueMatches[size_t(id)] = FilterExpression::clauseMatches(node, QJsonObject{{node.field, column.dictionary[id]}}, m_analyzer)
                                           != node.negate;
            FilterCheck::Node &n = here();
            n.negate = node.negate;
            if (column.singleValued) {
                n.kind = Kind::Cells;
                n.table.assign(valueMatches.size() + 1, node.negate);
                for (size_t id = 0; id < valueMatches.size(); ++id)
                    n.table[id + 1] = bool(valueMatches[id]) != node.negate;
                n.cells = column.singleIds.data();
                n.end = std::min(m_docs.size(), column.singleIds.size());
            } else {
                n.kind = Kind::Values;
                n.table = std::move(valueMatches);
                n.offsets = column.offsets.data();
                n.valueIds = column.valueIds.data();
                n.end = std::min(m_docs.size(), column.offsets.size() - 1);
            }
            return;
        }
    }
    std::vector<char> bitmap = filterBitmap(node);
    here().kind = Kind::Bitmap;
    here().bitmap = std::move(bitmap);
}

std::vector<char> Collection::filterBitmap(const FilterNode &node) const
{
    std::vector<char> out(m_docs.size(), 0);
    if (node.type == FilterNode::Type::Element) {
        // One array element must hold every condition: decided on each document's elements.
        const bool anyRemoved = m_docs.size() != size_t(m_idToSeq.size());
        for (quint32 seq = 0; seq < m_docs.size(); ++seq)
            out[seq] = (!anyRemoved || m_docs[seq].alive)
                       && FilterExpression::elementMatches(node, fieldValue(seq, node.field), m_analyzer);
        return out;
    }
    if (node.type != FilterNode::Type::Clause) {
        bool first = true;
        for (const auto &child : node.children) {
            std::vector<char> sub = filterBitmap(*child);
            if (first) {
                out = std::move(sub);
                first = false;
                continue;
            }
            for (size_t i = 0; i < out.size(); ++i)
                out[i] = node.type == FilterNode::Type::And ? (out[i] && sub[i]) : (out[i] || sub[i]);
        }
        return out;
    }
    const Field *f = field(node.field);
    // (without removed documents every sequence is live: no document record is read)
    const bool anyRemoved = m_docs.size() != size_t(m_idToSeq.size());
    auto alive = [&](size_t seq) { return !anyRemoved || m_docs[seq].alive; };
    if (const auto column = m_numbers.constFind(node.field); column != m_numbers.constEnd() && node.kind != FilterKind::String) {
        // One comparison per document when the clause is a single comparison, as most are.
        const bool single = node.values.size() == 1 && node.values.front().op != FilterValue::Op::Range;
        static const FilterValue kNoValue;
        const FilterValue &only = node.values.empty() ? kNoValue : node.values.front();
        const double bound = only.number;
        const size_t columnEnd = std::min(column->size(), m_docs.size());
        // (a plain comparison over a column without removed documents: one tight loop)
        auto compareAll = [&](auto holds) {
            const double *x = column->data();
            char *to = out.data();
            const bool negate = node.negate;
            for (size_t seq = 0; seq < columnEnd; ++seq)
                to[seq] = holds(x[seq]) != negate;
        };
        bool compared = single && !anyRemoved;
        if (compared && only.op == FilterValue::Op::Less)
            compareAll([bound](double x) { return x < bound; });
        else if (compared && only.op == FilterValue::Op::LessEq)
            compareAll([bound](double x) { return x <= bound; });
        else if (compared && only.op == FilterValue::Op::Greater)
            compareAll([bound](double x) { return x > bound; });
        else if (compared && only.op == FilterValue::Op::GreaterEq)
            compareAll([bound](double x) { return x >= bound; });
        else
            compared = false;
        for (size_t seq = 0; seq < columnEnd && !compared; ++seq) {
            if (!alive(seq))
                continue;
            const double x = (*column)[seq];
            bool any = false;
            if (single) {
                switch (only.op) {
                case FilterValue::Op::Less: any = x < bound; break;
                case FilterValue::Op::LessEq: any = x <= bound; break;
                case FilterValue::Op::Greater: any = x > bound; break;
                case FilterValue::Op::GreaterEq: any = x >= bound; break;
                default: any = !std::isnan(x) && FilterExpression::numberMatches(x, only); break;
                }
            } else if (!std::isnan(x)) {
                for (const FilterValue &v : node.values)
                    if ((any = FilterExpression::numberMatches(x, v)))
                        break;
            }
            out[seq] = node.negate ? !any : any; // (NaN, absent: no comparison holds)
        }
        for (size_t seq = columnEnd; seq < m_docs.size(); ++seq)
            out[seq] = node.negate && alive(seq); // absent values
        return out;
    }
    if (const auto column = m_geoPoints.constFind(node.field); column != m_geoPoints.constEnd() && node.kind == FilterKind::Geo) {
        for (size_t seq = 0; seq < m_docs.size() && seq < column->size(); ++seq) {
            const GeoPoint &p = (*column)[seq];
            if (!m_docs[seq].alive || std::isnan(p.lat))
                continue;
            for (const FilterValue &v : node.values)
                if ((out[seq] = FilterExpression::geoMatches(p.lat, p.lng, v)))
                    break;
        }
        return out;
    }
    // The clause on one document. A facet field's values are decided once per distinct value
    // and read from the facet column; other fields read just that field of the document.
    const auto facetIt = node.kind == FilterKind::String ? m_facets.constFind(node.field) : m_facets.constEnd();
    std::vector<char> valueMatches;
    if (facetIt != m_facets.constEnd()) {
        valueMatches.resize(size_t(facetIt->dictionary.size()));
        for (qsizetype id = 0; id < facetIt->dictionary.size(); ++id)
            valueMatches[size_t(id)] = FilterExpression::clauseMatches(node, QJsonObject{{node.field, facetIt->dictionary[id]}}, m_analyzer)
                                       != node.negate;
    }
    const auto postingsIt = f && f->index && f->isStringType() ? m_postings.constFind(node.field) : m_postings.constEnd();
    bool indexed = postingsIt != m_postings.constEnd() && !node.negate;
    // Single words matched as tokens: being in the word's posting list is the whole check.
    bool postingDecides = true;
    size_t postingEntries = 0; // (the first words' lists; prefixes: taken as many)
    for (const FilterValue &v : node.values) {
        indexed = indexed && !v.tokens.isEmpty();
        postingDecides = postingDecides && v.op == FilterValue::Op::Match && !v.prefix && v.tokens.size() == 1;
        if (!indexed)
            break;
        const PostingLists::List *list = v.prefix ? nullptr : postingsIt->constFind(m_trie.find(v.tokens.first()));
        postingEntries += v.prefix ? m_docs.size() : list ? list->size() : 0;
    }
    if (facetIt != m_facets.constEnd() && (!indexed || postingEntries * 8 > m_docs.size())) {
        // The whole column in sequence order (reads no posting list and no document): cheaper
        // than the posting lists of a common value; a rare one's lists are read below.
        const FacetColumn &column = *facetIt;
        const bool negate = node.negate;
        if (column.singleValued) {
            // One small cell per document: whether the clause holds, by value id + 1 (0: none).
            std::vector<char> cellHolds(valueMatches.size() + 1, negate);
            for (size_t id = 0; id < valueMatches.size(); ++id)
                cellHolds[id + 1] = bool(valueMatches[id]) != negate;
            const size_t cellEnd = std::min(m_docs.size(), column.singleIds.size());
            const quint16 *cells = column.singleIds.data();
            if (!anyRemoved) {
                const char *holds = cellHolds.data();
                char *to = out.data();
                for (size_t seq = 0; seq < cellEnd; ++seq)
                    to[seq] = holds[cells[seq]];
            } else {
                for (size_t seq = 0; seq < cellEnd; ++seq)
                    out[seq] = cellHolds[cells[seq]] && alive(seq);
            }
            for (size_t seq = cellEnd; seq < m_docs.size(); ++seq)
                out[seq] = negate && alive(seq);
            return out;
        }
        const size_t columnEnd = std::min(m_docs.size(), column.offsets.size() - 1);
        for (size_t seq = 0; seq < columnEnd; ++seq) {
            bool any = false;
            for (quint32 k = column.offsets[seq]; k < column.offsets[seq + 1]; ++k)
                any = any || valueMatches[size_t(column.valueIds[k])];
            out[seq] = any != negate && alive(seq);
        }
        for (size_t seq = columnEnd; seq < m_docs.size(); ++seq)
            out[seq] = negate && alive(seq); // (no values: only a negation holds)
        return out;
    }
    auto clauseHolds = [&](quint32 seq) {
        if (facetIt != m_facets.constEnd()) {
            bool any = false;
            if (size_t(seq) + 1 < facetIt->offsets.size())
                for (quint32 k = facetIt->offsets[seq]; k < facetIt->offsets[seq + 1] && !any; ++k)
                    any = valueMatches[size_t(facetIt->valueIds[k])];
            return any != node.negate;
        }
        QJsonObject one;
        if (const QJsonValue v = fieldValue(seq, node.field); !v.isUndefined())
            one.insert(node.field, v);
        return FilterExpression::clauseMatches(node, one, m_analyzer);
    };
    if (!indexed) {
        for (quint32 seq = 0; seq < m_docs.size(); ++seq)
            out[seq] = alive(seq) && clauseHolds(seq);
        return out;
    }
    // Documents holding each value's first word (or a word it prefixes), then the full check.
    std::vector<char> seen(m_docs.size(), 0);
    for (const FilterValue &v : node.values) {
        std::vector<int> terms;
        if (v.prefix && v.tokens.size() == 1) {
            for (const TrieMatch &m : m_trie.fuzzy(v.tokens.first(), 0, true, std::numeric_limits<int>::max()))
                terms.push_back(m.term);
        } else if (const int id = m_trie.find(v.tokens.first()); id >= 0) {
            terms.push_back(id);
        }
        for (int term : terms) {
            const auto lit = postingsIt->constFind(term);
            if (lit == postingsIt->constEnd())
                continue;
            for (quint32 seq : *lit) {
                if (seen[seq] || !alive(seq))
                    continue;
                seen[seq] = 1;
                out[seq] = postingDecides || clauseHolds(seq);
            }
        }
    }
    return out;
}

const std::vector<quint32> &Collection::orderBySeq() const
{
    const QMutexLocker lazy(&m_lazyMutex);
    if (m_orderBySeq.size() < m_docs.size()) {
        if (m_orderBySeq.empty())
            m_orderFollowsSeq = true;
        m_orderBySeq.reserve(m_docs.size());
        for (size_t seq = m_orderBySeq.size(); seq < m_docs.size(); ++seq) {
            if (!m_orderBySeq.empty() && m_docs[seq].order <= m_orderBySeq.back())
                m_orderFollowsSeq = false;
            m_orderBySeq.push_back(m_docs[seq].order);
        }
    }
    return m_orderBySeq;
}

void Collection::reindex()
{
    m_orderBySeq.clear(); // sequences are given anew
    std::vector<Doc> docs = std::move(m_docs);
    m_docs.clear();
    m_idToSeq.clear();
    m_postings.clear();
    m_numbers.clear();
    m_geoPoints.clear();
    m_facets.clear();
    m_trie = TokenTrie();
    m_infixGrams.clear();
    m_infixIndexedTerms = 0;
    m_fields.erase(std::remove_if(m_fields.begin(), m_fields.end(), [](const Field &f) { return f.detected; }), m_fields.end());
    for (Doc &d : docs) {
        if (!d.alive)
            continue;
        const quint32 seq = quint32(m_docs.size());
        m_idToSeq.insert(d.id, seq);
        m_docs.push_back(std::move(d));
        index(seq, documentJson(seq));
    }
}

ApiError Collection::alterFields(const QJsonValue &fields)
{
    if (!fields.isArray())
        return ApiError::of(400, QStringLiteral("The `fields` value should be an array of objects containing the field `name` "
                                                "and other properties."));
    std::vector<Field> next = m_fields;
    next.erase(std::remove_if(next.begin(), next.end(), [](const Field &f) { return f.detected; }), next.end());
    for (const QJsonValue &v : fields.toArray()) {
        const QJsonObject o = v.toObject();
        const QString name = o.value(QStringLiteral("name")).toString();
        if (!v.isObject() || name.isEmpty())
            return ApiError::of(400, QStringLiteral("The `fields` value should be an array of objects containing the field `name` "
                                                    "and other properties."));
        auto existing = std::find_if(next.begin(), next.end(), [&](const Field &f) { return f.name == name; });
        if (o.value(QStringLiteral("drop")).toBool(false)) {
            if (existing == next.end())
                return ApiError::of(400, QStringLiteral("Field `%1` is not part of collection schema.").arg(name));
            if (name == m_defaultSortingField)
                return ApiError::of(400, QStringLiteral("Default sorting field `%1` cannot be dropped.").arg(name));
            next.erase(existing);
            continue;
        }
        if (existing != next.end())
            return ApiError::of(400, QStringLiteral("Field `%1` is already part of the schema: To change this field, drop it first "
                                                    "before adding it back to the schema.").arg(name));
        // Parsed exactly as at creation.
        std::unique_ptr<Collection> probe;
        if (ApiError e = fromSchema(QJsonObject{{QStringLiteral("name"), m_name}, {QStringLiteral("fields"), QJsonArray{o}}}, 0, &probe);
            e.failed())
            return e;
        if (ApiError e = probe->checkNonIndexedFields(); e.failed())
            return e;
        next.push_back(probe->m_fields.front());
    }
    std::vector<Field> previous = std::move(m_fields);
    m_fields = std::move(next);
    for (quint32 seq = 0; seq < m_docs.size(); ++seq) {
        if (!m_docs[seq].alive)
            continue;
        QJsonObject copy = documentJson(seq);
        if (ApiError e = validate(&copy, DirtyValues::Reject, false); e.failed()) {
            m_fields = std::move(previous);
            return e;
        }
    }
    reindex();
    return {};
}

void Collection::addFacetValues(const QString &fieldName, quint32 seq, const QJsonValue &value)
{
    FacetColumn &column = m_facets[fieldName];
    while (column.offsets.size() < size_t(seq) + 1)
        column.offsets.push_back(quint32(column.valueIds.size())); // documents before this field existed
    const size_t start = column.valueIds.size();
    auto add = [&](const QJsonValue &e) {
        const QString s = facetValueString(e);
        if (s.isEmpty() && !e.isString())
            return;
        auto it = column.ids.constFind(s);
        if (it == column.ids.constEnd()) {
            it = column.ids.insert(s, int(column.dictionary.size()));
            column.dictionary.append(s);
        }
        const int id = *it;
        if (std::find(column.valueIds.begin() + qsizetype(start), column.valueIds.end(), id) == column.valueIds.end())
            column.valueIds.push_back(id); // once per document
    };
    if (value.isArray()) {
        for (const QJsonValue &e : value.toArray())
            add(e);
    } else if (!value.isNull() && !value.isUndefined()) {
        add(value);
    }
    column.offsets.push_back(quint32(column.valueIds.size()));
    const size_t added = column.valueIds.size() - start;
    if (column.singleValued && (added > 1 || column.dictionary.size() >= std::numeric_limits<quint16>::max())) {
        column.singleValued = false;
        column.singleIds = {};
    } else if (column.singleValued) {
        if (column.singleIds.size() < size_t(seq) + 1)
            column.singleIds.resize(size_t(seq) + 1, 0);
        column.singleIds[seq] = added ? quint16(column.valueIds.back() + 1) : 0;
    }
}

void Collection::FacetColumn::deriveSingleIds()
{
    singleIds = {};
    singleValued = dictionary.size() < std::numeric_limits<quint16>::max();
    for (size_t seq = 0; seq + 1 < offsets.size() && singleValued; ++seq)
        singleValued = offsets[seq + 1] - offsets[seq] <= 1;
    if (!singleValued)
        return;
    singleIds.assign(offsets.size() - 1, 0);
    for (size_t seq = 0; seq + 1 < offsets.size(); ++seq)
        if (offsets[seq + 1] > offsets[seq])
            singleIds[seq] = quint16(valueIds[offsets[seq]] + 1);
}

void Collection::put(const QString &id, const QJsonObject &json, qint64 offset, quint32 length, bool keepOrder)
{
    quint32 order = m_nextOrder;
    const auto it = m_idToSeq.constFind(id);
    if (it != m_idToSeq.constEnd()) {
        Doc &old = m_docs[*it];
        if (keepOrder)
            order = old.order;
        old.alive = false;
    }
    if (order == m_nextOrder)
        ++m_nextOrder;
    const quint32 seq = quint32(m_docs.size());
    m_docs.push_back(Doc{id, offset, length, order, true});
    m_idToSeq.insert(id, seq);
    index(seq, json);
}

ApiError Collection::write(QJsonObject document, WriteAction action, DirtyValues dirty, const QString &pathId,
                           QJsonObject *stored)
{
    QString id = pathId;
    const QJsonValue idValue = document.value(QStringLiteral("id"));
    if (!idValue.isUndefined()) {
        if (!idValue.isString())
            return ApiError::of(400, QStringLiteral("Document's `id` field should be a string."));
        if (id.isEmpty())
            id = idValue.toString();
    }
    const bool exists = !id.isEmpty() && m_idToSeq.contains(id);
    if (action == WriteAction::Create && exists)
        return ApiError::of(409, QStringLiteral("A document with id %1 already exists.").arg(id));
    if (action == WriteAction::Update && !exists)
        return ApiError::of(404, QStringLiteral("Could not find a document with id: %1").arg(id));
    if (id.isEmpty()) {
        if (action == WriteAction::Update)
            return ApiError::of(400, QStringLiteral("For update, the `id` key must be provided."));
        quint32 n = quint32(m_docs.size());
        do {
            id = QString::number(n++);
        } while (m_idToSeq.contains(id));
    }
    const bool merge = exists && (action == WriteAction::Update || action == WriteAction::Emplace);
    QJsonObject full;
    if (merge) {
        full = documentJson(m_idToSeq.value(id));
        for (auto it = document.constBegin(); it != document.constEnd(); ++it)
            full.insert(it.key(), it.value());
    } else {
        full = std::move(document);
    }
    full.insert(QStringLiteral("id"), id);
    if (ApiError e = validate(&full, dirty, false); e.failed())
        return e;
    *stored = full;
    const QByteArray compact = QJsonDocument(full).toJson(QJsonDocument::Compact);
    put(id, full, m_log->appendPut(compact), quint32(compact.size()), true);
    return {};
}

ApiError Collection::remove(const QString &id, QJsonObject *removed)
{
    const auto it = m_idToSeq.constFind(id);
    if (it == m_idToSeq.constEnd())
        return ApiError::of(404, QStringLiteral("Could not find a document with id: %1").arg(id));
    *removed = documentJson(*it);
    forget(*it);
    m_log->appendRemove(id);
    return {};
}

void Collection::forget(quint32 seq)
{
    m_docs[seq].alive = false;
    m_idToSeq.remove(m_docs[seq].id);
}

std::optional<QJsonObject> Collection::document(const QString &id) const
{
    const auto it = m_idToSeq.constFind(id);
    if (it == m_idToSeq.constEnd())
        return std::nullopt;
    return documentJson(*it);
}

QByteArray Collection::documentBytes(const QString &id) const
{
    const auto it = m_idToSeq.constFind(id);
    return it == m_idToSeq.constEnd() ? QByteArray() : documentBytesAt(*it);
}

void Collection::restore(QByteArrayView compactDocument, qint64 offset)
{
    QJsonParseError error;
    const QJsonDocument parsed = QJsonDocument::fromJson(QByteArray::fromRawData(compactDocument.data(), compactDocument.size()), &error);
    if (error.error != QJsonParseError::NoError || !parsed.isObject())
        return; // a damaged record (a torn write inside a line): never a document
    const QJsonObject document = parsed.object();
    put(document.value(QStringLiteral("id")).toString(), document, offset, quint32(compactDocument.size()), true);
}

bool Collection::compactLog(QString *error)
{
    std::vector<DocumentLog::Span> live;
    std::vector<quint32> seqs;
    live.reserve(size_t(m_idToSeq.size()));
    seqs.reserve(size_t(m_idToSeq.size()));
    for (quint32 seq = 0; seq < m_docs.size(); ++seq) {
        if (!m_docs[seq].alive)
            continue;
        live.push_back(DocumentLog::Span{m_docs[seq].offset, m_docs[seq].length});
        seqs.push_back(seq);
    }
    std::vector<qint64> offsets;
    if (!m_log->compact(live, &offsets, error))
        return false;
    for (size_t k = 0; k < seqs.size(); ++k)
        m_docs[seqs[k]].offset = offsets[k];
    return true;
}

void Collection::releaseSpareCapacity()
{
    for (PostingLists &field : m_postings)
        field.releaseSpareCapacity();
    m_trie.trimSpare(); // (a replayed log's dictionary grew its tables by doubling)
    for (auto &column : m_numbers) {
        column.resize(std::min(column.size(), m_docs.size())); // (a safety clamp: index() sizes a column to its last document)
        column.shrink_to_fit();
    }
    m_docs.shrink_to_fit();
}

void Collection::restoreRemoval(const QString &id)
{
    if (const auto it = m_idToSeq.constFind(id); it != m_idToSeq.constEnd())
        forget(*it);
}

namespace {

// The part of `v` along a dotted path: objects keep only that key, arrays of objects each
// element's part; undefined when the path leads nowhere.
QJsonValue pickPath(const QJsonValue &v, QStringView path)
{
    if (path.isEmpty())
        return v;
    const qsizetype dot = path.indexOf(u'.');
    const QString head = (dot < 0 ? path : path.left(dot)).toString();
    const QStringView rest = dot < 0 ? QStringView() : path.mid(dot + 1);
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        const QJsonValue sub = o.contains(head) ? pickPath(o.value(head), rest) : QJsonValue(QJsonValue::Undefined);
        return sub.isUndefined() ? sub : QJsonValue(QJsonObject{{head, sub}});
    }
    if (v.isArray()) {
        QJsonArray out;
        for (const QJsonValue &e : v.toArray())
            if (const QJsonValue part = pickPath(e, path); !part.isUndefined())
                out.append(part);
        return out.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(out);
    }
    return QJsonValue(QJsonValue::Undefined);
}

// Two picks of one document joined (address.city and address.zip give one address).
QJsonValue mergePicks(const QJsonValue &a, const QJsonValue &b)
{
    if (a.isObject() && b.isObject()) {
        QJsonObject out = a.toObject();
        const QJsonObject more = b.toObject();
        for (auto it = more.constBegin(); it != more.constEnd(); ++it)
            out.insert(it.key(), out.contains(it.key()) ? mergePicks(out.value(it.key()), it.value()) : it.value());
        return out;
    }
    if (a.isArray() && b.isArray() && a.toArray().size() == b.toArray().size()) {
        QJsonArray out;
        for (qsizetype i = 0; i < a.toArray().size(); ++i)
            out.append(mergePicks(a.toArray().at(i), b.toArray().at(i)));
        return out;
    }
    return b;
}

QJsonValue dropPath(const QJsonValue &v, QStringView path)
{
    const qsizetype dot = path.indexOf(u'.');
    const QString head = (dot < 0 ? path : path.left(dot)).toString();
    if (v.isObject()) {
        QJsonObject o = v.toObject();
        if (dot < 0)
            o.remove(head);
        else if (o.contains(head))
            o.insert(head, dropPath(o.value(head), path.mid(dot + 1)));
        return o;
    }
    if (v.isArray()) {
        QJsonArray out;
        for (const QJsonValue &e : v.toArray())
            out.append(dropPath(e, path));
        return out;
    }
    return v;
}

} // namespace

// include_fields/exclude_fields; a dotted name picks (or drops) a nested field inside its object.
QJsonObject Collection::selectFields(const QJsonObject &doc, const QStringList &include, const QStringList &exclude)
{
    if (include.isEmpty() && exclude.isEmpty())
        return doc;
    QJsonObject out;
    if (!include.isEmpty()) {
        for (const QString &k : include) {
            if (doc.contains(k))
                out.insert(k, doc.value(k));
            else if (k.contains(u'.'))
                if (const QJsonValue part = pickPath(doc, k); part.isObject())
                    out = mergePicks(out, part).toObject();
        }
    } else {
        out = doc;
    }
    for (const QString &k : exclude) {
        if (out.contains(k) || !k.contains(u'.'))
            out.remove(k);
        else
            out = dropPath(out, k).toObject();
    }
    return out;
}

ApiError Collection::matchingFilter(const QString &filterBy, std::vector<QString> *ids) const
{
    FilterExpression filter;
    int status = 0;
    QString message;
    auto lookup = [this](const QString &name, FilterKind *kind) { return filterFieldKind(name, kind); };
    if (!filter.parse(filterBy, lookup, &status, &message, m_analyzer))
        return ApiError::of(status, message);
    const std::vector<char> admitted = filter.root() ? filterBitmap(*filter.root()) : std::vector<char>();
    for (size_t seq = 0; seq < m_docs.size(); ++seq)
        if (m_docs[seq].alive && (admitted.empty() || admitted[seq]))
            ids->push_back(m_docs[seq].id);
    return {};
}

ApiError Collection::putSynonym(const QString &id, const QJsonObject &body, QJsonObject *stored)
{
    const QJsonValue list = body.value(QStringLiteral("synonyms"));
    if (!list.isArray() || list.toArray().isEmpty())
        return ApiError::of(400, QStringLiteral("Could not find an array of `synonyms`"));
    const QJsonValue root = body.value(QStringLiteral("root"));
    if (!root.isUndefined() && !root.isString())
        return ApiError::of(400, QStringLiteral("Key `root` should be a string."));
    const QJsonValue locale = body.value(QStringLiteral("locale"));
    if (!locale.isUndefined() && !locale.isString())
        return ApiError::of(400, QStringLiteral("Key `locale` should be a string."));
    Synonym syn;
    syn.id = id;
    syn.root = m_analyzer.foldedTokens(root.toString());
    for (const QJsonValue &v : list.toArray()) {
        if (!v.isString() || v.toString().trimmed().isEmpty())
            return ApiError::of(400, QStringLiteral("Could not find a valid string array of `synonyms`"));
        const QStringList words = m_analyzer.foldedTokens(v.toString());
        if (!words.isEmpty())
            syn.members.push_back(words);
    }
    syn.json = QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("synonyms"), list}};
    if (!root.toString().isEmpty())
        syn.json.insert(QStringLiteral("root"), root);
    if (locale.isString())
        syn.json.insert(QStringLiteral("locale"), locale);
    *stored = syn.json;
    const auto it = std::find_if(m_synonyms.begin(), m_synonyms.end(), [&id](const Synonym &s) { return s.id == id; });
    if (it != m_synonyms.end())
        *it = std::move(syn);
    else
        m_synonyms.push_back(std::move(syn));
    return {};
}

bool Collection::removeSynonym(const QString &id)
{
    const auto it = std::find_if(m_synonyms.begin(), m_synonyms.end(), [&id](const Synonym &s) { return s.id == id; });
    if (it == m_synonyms.end())
        return false;
    m_synonyms.erase(it);
    return true;
}

const QJsonObject *Collection::synonym(const QString &id) const
{
    const auto it = std::find_if(m_synonyms.begin(), m_synonyms.end(), [&id](const Synonym &s) { return s.id == id; });
    return it == m_synonyms.end() ? nullptr : &it->json;
}

QJsonArray Collection::synonyms() const
{
    QJsonArray out;
    for (const Synonym &s : m_synonyms)
        out.append(s.json);
    return out;
}

void Collection::restoreSynonyms(const QJsonArray &all)
{
    m_synonyms.clear();
    for (const QJsonValue &v : all) {
        QJsonObject ignored;
        putSynonym(v.toObject().value(QStringLiteral("id")).toString(), v.toObject(), &ignored);
    }
}

std::vector<Collection::QueryVariant> Collection::synonymVariants(const QStringList &words, const std::vector<bool> &literal) const
{
    constexpr size_t kMaxVariants = 16;
    std::vector<QueryVariant> out;
    QSet<QString> seen{words.join(u' ')};
    auto occursAt = [&](const QStringList &pattern, qsizetype at) {
        if (pattern.isEmpty() || at + pattern.size() > words.size())
            return false;
        for (qsizetype k = 0; k < pattern.size(); ++k)
            if (literal[size_t(at + k)] || words[at + k] != pattern[k])
                return false; // words of "quoted phrases" are never rewritten
        return true;
    };
    auto addVariant = [&](qsizetype at, qsizetype length, const QStringList &replacement) {
        QueryVariant v;
        v.words = words.mid(0, at) + replacement + words.mid(at + length);
        v.literal.assign(literal.begin(), literal.begin() + at);
        v.literal.insert(v.literal.end(), size_t(replacement.size()), false);
        v.literal.insert(v.literal.end(), literal.begin() + at + length, literal.end());
        v.synonym.assign(size_t(v.words.size()), false);
        std::fill(v.synonym.begin() + at, v.synonym.begin() + at + replacement.size(), true);
        if (out.size() < kMaxVariants && !seen.contains(v.words.join(u' '))) {
            seen.insert(v.words.join(u' '));
            out.push_back(std::move(v));
        }
    };
    for (const Synonym &syn : m_synonyms) {
        for (qsizetype at = 0; at < words.size(); ++at) {
            if (!syn.root.isEmpty()) {
                if (occursAt(syn.root, at))
                    for (const QStringList &alternative : syn.members)
                        addVariant(at, syn.root.size(), alternative);
                continue;
            }
            for (size_t m = 0; m < syn.members.size(); ++m) {
                if (!occursAt(syn.members[m], at))
                    continue;
                for (size_t other = 0; other < syn.members.size(); ++other)
                    if (other != m)
                        addVariant(at, syn.members[m].size(), syn.members[other]);
            }
        }
    }
    return out;
}

namespace {

quint64 trigramAt(const QString &s, qsizetype i)
{
    return (quint64(s[i].unicode()) << 32) | (quint64(s[i + 1].unicode()) << 16) | quint64(s[i + 2].unicode());
}

} // namespace

std::vector<int> Collection::termsContaining(const QString &word) const
{
    std::vector<int> out;
    auto consider = [&](int id) {
        const QString &term = m_trie.term(id);
        if (term.size() > word.size() && term.contains(word))
            out.push_back(id);
        return out.size() < size_t(kMaxInfixTerms);
    };
    if (word.size() < 3) {
        for (int id = 0; id < m_trie.termCount() && consider(id); ++id) {}
        return out;
    }
    // Index the terms added since the last infix search (ids only grow until reindex()).
    QMutexLocker lazy(&m_lazyMutex);
    for (; m_infixIndexedTerms < m_trie.termCount(); ++m_infixIndexedTerms) {
        const QString &term = m_trie.term(m_infixIndexedTerms);
        for (qsizetype i = 0; i + 3 <= term.size(); ++i) {
            std::vector<int> &ids = m_infixGrams[trigramAt(term, i)];
            if (ids.empty() || ids.back() != m_infixIndexedTerms)
                ids.push_back(m_infixIndexedTerms);
        }
    }
    lazy.unlock(); // complete until the next write
    // The rarest of the word's trigrams gives the terms to check.
    const std::vector<int> *rarest = nullptr;
    for (qsizetype i = 0; i + 3 <= word.size(); ++i) {
        const auto it = m_infixGrams.constFind(trigramAt(word, i));
        if (it == m_infixGrams.constEnd())
            return out;
        if (!rarest || it->size() < rarest->size())
            rarest = &*it;
    }
    for (int id : *rarest)
        if (!consider(id))
            break;
    return out;
}

double Collection::distanceFrom(const QString &fieldName, quint32 seq, double lat, double lng) const
{
    if (const auto column = m_geoPoints.constFind(fieldName); column != m_geoPoints.constEnd()) {
        if (seq >= column->size() || std::isnan((*column)[seq].lat))
            return std::numeric_limits<double>::quiet_NaN();
        return FilterExpression::distanceMeters(lat, lng, (*column)[seq].lat, (*column)[seq].lng);
    }
    // geopoint[]: the closest of its points
    double best = std::numeric_limits<double>::quiet_NaN();
    for (const QJsonValue &p : fieldValue(seq, fieldName).toArray()) {
        const QJsonArray pair = p.toArray();
        if (pair.size() != 2)
            continue;
        const double d = FilterExpression::distanceMeters(lat, lng, pair.at(0).toDouble(), pair.at(1).toDouble());
        if (std::isnan(best) || d < best)
            best = d;
    }
    return best;
}

ApiError Collection::curatedHits(const SearchParams &params, CuratedHits *out) const
{
    for (const QString &id : splitList(params.value(QStringLiteral("hidden_hits"))))
        if (const auto it = m_idToSeq.constFind(id); it != m_idToSeq.constEnd())
            out->hidden.insert(*it);
    // `id:position`, the id being everything before the last colon; unknown ids are skipped, as
    // a curation rule may name documents not imported yet.
    QSet<quint32> seen;
    for (const QString &entry : splitList(params.value(QStringLiteral("pinned_hits")))) {
        const qsizetype colon = entry.lastIndexOf(u':');
        const QString position = colon > 0 ? entry.mid(colon + 1).trimmed() : QString();
        bool digits = !position.isEmpty();
        for (QChar ch : position)
            digits = digits && ch.isDigit();
        if (!digits || position.size() > 9)
            return ApiError::of(400, QStringLiteral("Pinned hits are not in expected format."));
        if (position.toInt() == 0)
            return ApiError::of(400, QStringLiteral("Pinned hits must start from position 1."));
        const auto it = m_idToSeq.constFind(entry.left(colon).trimmed());
        if (it == m_idToSeq.constEnd() || seen.contains(*it))
            continue;
        seen.insert(*it);
        out->pinned.push_back({*it, position.toInt()});
    }
    std::stable_sort(out->pinned.begin(), out->pinned.end(), [](const auto &a, const auto &b) { return a.second < b.second; });
    return {};
}

QJsonObject Collection::search(const SearchParams &params, ApiError *error) const
{
    const QByteArray answer = searchJson(params, error);
    return error->failed() ? QJsonObject() : QJsonDocument::fromJson(answer).object();
}

QByteArray Collection::searchJson(const SearchParams &params, ApiError *error, const QJsonObject &metadata) const
{
    QElapsedTimer timer;
    timer.start();
    auto fail = [error](int status, const QString &message) {
        *error = ApiError::of(status, message);
        return QByteArray();
    };
    if (!params.contains(QStringLiteral("q")))
        return fail(400, QStringLiteral("Parameter `q` is required."));
    QString q = params.value(QStringLiteral("q")).trimmed();
    const bool wildcard = q == QLatin1String("*") || q.isEmpty();

    // query_by, weights, per-field prefix and num_typos
    const QStringList queryBy = splitList(params.value(QStringLiteral("query_by")));
    if (!wildcard && queryBy.isEmpty())
        return fail(400, QStringLiteral("No search fields specified for the query."));
    std::vector<const Field *> searchFields;
    for (const QString &name : queryBy) {
        const Field *f = field(name);
        if (!f || !f->index) // a non-indexed field is not searchable, as in Typesense
            return fail(404, QStringLiteral("Could not find a field named `%1` in the schema.").arg(name));
        if (!f->isStringType())
            return fail(400, QStringLiteral("Field `%1` should be a string or a string array.").arg(name));
        searchFields.push_back(f);
    }
    const QStringList weightList = splitList(params.value(QStringLiteral("query_by_weights")));
    if (!weightList.isEmpty() && weightList.size() != queryBy.size())
        return fail(400, QStringLiteral("Number of weights in `query_by_weights` does not match number of `query_by` fields."));
    std::vector<int> weights(searchFields.size());
    {
        int maxWeight = 0;
        std::vector<int> raw(searchFields.size());
        for (size_t i = 0; i < searchFields.size(); ++i) {
            raw[i] = weightList.isEmpty() ? 0 : weightList[qsizetype(i)].toInt();
            maxWeight = std::max(maxWeight, raw[i]);
        }
        for (size_t i = 0; i < searchFields.size(); ++i) {
            if (weightList.isEmpty())
                weights[i] = std::max(0, 15 - int(i));
            else
                weights[i] = maxWeight > 0 ? int(std::lround(raw[i] * 15.0 / maxWeight)) : 0;
        }
    }
    auto perField = [&](const QString &name, size_t i) -> QString {
        const QStringList l = splitList(params.value(name));
        if (l.isEmpty())
            return {};
        return l.size() > qsizetype(i) ? l[qsizetype(i)] : l.first();
    };

    // pagination
    bool ok = true;
    int perPage = intParam(params, QStringLiteral("per_page"), 10, &ok);
    if (!ok || perPage < 0)
        return fail(400, QStringLiteral("Parameter `per_page` must be an unsigned integer."));
    int page = intParam(params, QStringLiteral("page"), 0, &ok);
    if (!ok || page < 0)
        return fail(400, QStringLiteral("Parameter `page` must be an unsigned integer."));
    int offset = -1;
    if (params.contains(QStringLiteral("limit"))) {
        perPage = intParam(params, QStringLiteral("limit"), perPage, &ok);
        if (!ok || perPage < 0)
            return fail(400, QStringLiteral("Parameter `limit` must be an unsigned integer."));
    }
    if (params.contains(QStringLiteral("offset")) && page == 0) {
        offset = intParam(params, QStringLiteral("offset"), 0, &ok);
        if (!ok || offset < 0)
            return fail(400, QStringLiteral("Parameter `offset` must be an unsigned integer."));
    }
    if (perPage > kMaxPerPage)
        return fail(422, QStringLiteral("Only upto %1 hits can be fetched per page.").arg(kMaxPerPage));
    if (page == 0 && offset < 0)
        page = 1;
    if (offset < 0)
        offset = int(std::min<qint64>(qint64(page - 1) * perPage, std::numeric_limits<int>::max()));

    // filter
    FilterExpression filter;
    {
        int status = 0;
        QString message;
        auto lookup = [this](const QString &name, FilterKind *kind) { return filterFieldKind(name, kind); };
        if (!filter.parse(params.value(QStringLiteral("filter_by")), lookup, &status, &message, m_analyzer))
            return fail(status, message);
    }

    // sort_by
    struct SortSpec
    {
        QString field;
        bool desc = true;
        bool textMatch = false;
        bool numeric = true;
        int buckets = 0; // `_text_match(buckets: N)`: the top hits ranked in N tiers of equal text match
        // `loc(lat, lng[, exclude_radius: 2 km | precision: 1 km])`: by distance from a point
        bool geo = false;
        double lat = 0, lng = 0, excludeRadius = 0, precision = 0;
    };
    std::vector<SortSpec> sorts;
    {
        QStringList parts;
        // split on commas outside parentheses: `_text_match(buckets: 10):desc`
        QString cur;
        int depth = 0;
        for (QChar c : params.value(QStringLiteral("sort_by"))) {
            if (c == u'(') ++depth;
            if (c == u')') --depth;
            if (c == u',' && depth == 0) { parts.append(cur.trimmed()); cur.clear(); continue; }
            cur += c;
        }
        if (!cur.trimmed().isEmpty())
            parts.append(cur.trimmed());
        parts.removeAll(QString());
        if (parts.size() > kMaxSortFields)
            return fail(400, QStringLiteral("Only upto %1 sort fields are allowed.").arg(kMaxSortFields));
        for (const QString &part : parts) {
            const qsizetype colon = part.lastIndexOf(u':');
            SortSpec s;
            QString name = (colon < 0 ? part : part.left(colon)).trimmed();
            const QString order = colon < 0 ? QStringLiteral("desc") : part.mid(colon + 1).trimmed().toLower();
            if (order != QLatin1String("asc") && order != QLatin1String("desc"))
                return fail(400, QStringLiteral("Order for field` %1` should be either ASC or DESC.").arg(name));
            s.desc = order == QLatin1String("desc");
            const qsizetype paren = name.indexOf(u'(');
            QString arguments;
            if (paren > 0) {
                arguments = name.mid(paren + 1);
                name = name.left(paren).trimmed();
            }
            if (paren > 0 && name != QLatin1String("_text_match")) {
                const Field *f = field(name);
                if (!f || !f->index || !f->isGeo())
                    return fail(404, QStringLiteral("Could not find a field named `%1` in the schema for sorting.").arg(name));
                if (ApiError e = parseGeoSort(name, arguments, &s.lat, &s.lng, &s.excludeRadius, &s.precision); e.failed())
                    return fail(e.status, e.message);
                s.geo = true;
                s.field = name;
                sorts.push_back(s);
                continue;
            }
            if (name == QLatin1String("_text_match")) {
                s.textMatch = true;
                if (paren > 0) {
                    // `_text_match(buckets: N)`
                    const QStringList config = arguments.chopped(arguments.endsWith(u')') ? 1 : 0).split(u':');
                    if (config.size() != 2 || config[0].trimmed() != QLatin1String("buckets"))
                        return fail(400, QStringLiteral("Invalid sorting parameter passed for _text_match."));
                    bool okBuckets = false;
                    const qlonglong buckets = config[1].trimmed().toLongLong(&okBuckets);
                    if (!okBuckets || buckets < 0 || buckets > std::numeric_limits<quint32>::max())
                        return fail(400, QStringLiteral("Invalid value passed for _text_match `buckets` configuration."));
                    s.buckets = int(std::min<qlonglong>(buckets, std::numeric_limits<int>::max()));
                }
            } else if (name == QLatin1String("_seq_id")) {
                s.field = name;
            } else {
                const Field *f = field(name);
                if (!f || !f->index || f->isArray() || (!f->sort && !f->isNumeric()))
                    return fail(404, QStringLiteral("Could not find a field named `%1` in the schema for sorting.").arg(name));
                s.field = name;
                s.numeric = !f->isStringType();
            }
            sorts.push_back(s);
        }
        if (sorts.empty()) {
            if (!wildcard)
                sorts.push_back(SortSpec{QString(), true, true, true});
            if (!m_defaultSortingField.isEmpty())
                sorts.push_back(SortSpec{m_defaultSortingField, true, false, true});
        }
    }

    // facet_by
    // A field may carry Typesense's option `(sort_by:_alpha:asc)` (or desc): its values in
    // alphabetical order instead of by count.
    QStringList facetBy;
    QHash<QString, bool> facetAlphaAscending;
    for (const QString &entry : splitOutsideBrackets(params.value(QStringLiteral("facet_by")))) {
        static const QRegularExpression withOption(QStringLiteral("^([^()]+)\\(\\s*sort_by\\s*:\\s*_alpha\\s*:\\s*(asc|desc)\\s*\\)$"),
                                                   QRegularExpression::CaseInsensitiveOption);
        if (const QRegularExpressionMatch m = withOption.match(entry); m.hasMatch()) {
            facetBy << m.captured(1).trimmed();
            facetAlphaAscending.insert(facetBy.last(), m.captured(2).toLower() == QLatin1String("asc"));
        } else {
            facetBy << entry;
        }
    }
    for (const QString &name : facetBy) {
        const Field *f = field(name);
        if (!f || !f->facet)
            return fail(404, QStringLiteral("Could not find a facet field named `%1` in the schema.").arg(name));
    }
    const int maxFacetValues = intParam(params, QStringLiteral("max_facet_values"), 10);
    // group_by: facet fields only, as Typesense requires
    const QStringList groupBy = splitList(params.value(QStringLiteral("group_by")));
    for (const QString &name : groupBy) {
        const Field *f = field(name);
        if (!f)
            return fail(404, QStringLiteral("Could not find a field named `%1` in the schema.").arg(name));
        if (!f->facet)
            return fail(400, QStringLiteral("Group by field `%1` should be a facet field.").arg(name));
    }
    int groupLimit = 0;
    if (!groupBy.isEmpty()) {
        groupLimit = intParam(params, QStringLiteral("group_limit"), kDefaultGroupLimit, &ok);
        if (!ok || groupLimit < 1 || groupLimit > kMaxGroupLimit)
            return fail(400, QStringLiteral("Value of `group_limit` must be between 1 and %1.").arg(kMaxGroupLimit));
    }
    const bool groupMissingValues = boolValue(params.value(QStringLiteral("group_missing_values")), true);
    // facet_query=field:words: only values whose words start with these (the last as a prefix).
    QString facetQueryField;
    QStringList facetQueryTokens;
    if (const QString fq = params.value(QStringLiteral("facet_query")).trimmed(); !fq.isEmpty()) {
        const qsizetype colon = fq.indexOf(u':');
        if (colon <= 0)
            return fail(400, QStringLiteral("Facet query must be in the `facet_field: value` format."));
        facetQueryField = fq.left(colon).trimmed();
        if (!facetBy.contains(facetQueryField))
            return fail(400, QStringLiteral("Facet query refers to a facet field `%1` that is not part of `facet_by` parameter.")
                                 .arg(facetQueryField));
        facetQueryTokens = m_analyzer.foldedTokens(fq.mid(colon + 1));
    }

    // Text matching
    struct Candidate
    {
        // (32 bytes: a common word at 1M documents makes a few hundred thousand of them)
        quint32 seq;
        quint32 order = 0; // the document's insertion order (ties: later first), read once here
        quint64 textMatch = 100;
        qint32 bestFieldScore = 0;
        quint16 typos = 0;
        quint16 tokensMatched = 0;
        quint8 fieldsMatched = 0;
        quint8 bestWeight = 0;
        qint8 bestField = -1; // index in searchFields of the best-matching field
        bool curated = false; // placed by pinned_hits
    };
    // (the buffer is kept for this thread's next search, up to kPooledCandidateBytes, so a large
    // result set does not cost a fresh allocation and the kernel's zeroed pages every time)
    thread_local std::vector<Candidate> candidatePool;
    std::vector<Candidate> candidates = std::move(candidatePool);
    candidates.clear();
    const auto returnCandidates = qScopeGuard([&candidates] {
        if (candidates.capacity() * sizeof(Candidate) <= kPooledCandidateBytes) {
            candidates.clear();
            candidatePool = std::move(candidates);
        }
    });
    QSet<QString> highlightTerms;
    int queryTokenCount = 0;

    // Curation: hidden_hits leave the results; pinned_hits leave the ranking and are placed at
    // their 1-based positions afterwards (below).
    CuratedHits curation;
    if (ApiError e = curatedHits(params, &curation); e.failed())
        return fail(e.status, e.message);
    // Counted, not ranked: when the hits rank by text match alone (then later insertion), a match
    // that cannot reach the page (or the proximity pass) needs no candidate record; it is only
    // counted for `found` and kept as a sequence for the facet counts. Its text match depends
    // only on which words it holds in which fields at what cost, so it is worked out once per
    // such pattern, not per document (matchWordsUpTo). Curation, groups, other sort fields,
    // exclusions, phrases and synonyms take the path that makes a candidate of every match.
    const bool rankByTextMatchOnly = groupBy.isEmpty() && sorts.size() == 1 && sorts[0].textMatch && sorts[0].desc
                                     && sorts[0].buckets == 0 && curation.hidden.empty() && curation.pinned.empty();
    bool countOnly = false;
    qint64 countedMatches = 0; // with countOnly: every match (candidates holds only those that may rank)
    qint64 countedWhole = 0;   // of which holding every word
    std::vector<quint32> &countedSeqs = searchScratch().countedSeqs; // their sequences in row order, for facets
    countedSeqs.clear();

    // The filter is asked per document (FilterCheck) while a search asks it of few documents;
    // one that asks it of most of them (a common word's lists) makes its bitmap first, and `*`,
    // which asks it of every document, only makes the bitmap.
    FilterCheck filterCheck;
    const bool filtering = filter.root() != nullptr;
    if (filtering && !wildcard)
        compileFilter(*filter.root(), &filterCheck);
    const bool anyDocRemoved = m_docs.size() != size_t(m_idToSeq.size());
    std::vector<char> filterBits;
    auto askingMost = [&](size_t asks) {
        if (!filtering || !filterBits.empty() || (!wildcard && asks * 4 <= m_docs.size()))
            return;
        // (a filter that is one clause worked out as a bitmap already has it)
        if (!filterCheck.nodes.empty() && filterCheck.nodes.front().kind == FilterCheck::Node::Kind::Bitmap
            && !filterCheck.nodes.front().bitmap.empty())
            filterBits = filterCheck.nodes.front().bitmap;
        else
            filterBits = filterBitmap(*filter.root());
    };
    auto filterAdmits = [&](quint32 seq) {
        if (!filtering)
            return true;
        if (!filterBits.empty())
            return bool(filterBits[seq]);
        return (!anyDocRemoved || m_docs[seq].alive) && filterCheck.admits(seq);
    };
    const std::vector<quint32> &orders = orderBySeq();
    // Without updates that kept a document's place, insertion order is sequence order: the
    // tie-break then needs no table at all.
    const bool orderIsSeq = m_orderFollowsSeq;
    auto orderOf = [&orders, orderIsSeq](quint32 seq) { return orderIsSeq ? seq : orders[seq]; };
    // With `*`, sort fields a bounded heap can rank by without the candidates' list: per sort
    // field its numeric column (null for `_seq_id`); empty when any other kind of sort, groups or
    // curation need every document as a candidate.
    auto wildcardSortColumns = [&]() {
        std::vector<const std::vector<double> *> columns;
        if (!groupBy.isEmpty() || !curation.hidden.empty() || !curation.pinned.empty() || sorts.empty())
            return columns;
        for (const SortSpec &spec : sorts) {
            const auto column = spec.numeric && !spec.geo && !spec.textMatch ? m_numbers.constFind(spec.field) : m_numbers.constEnd();
            if (spec.textMatch ? spec.buckets != 0 : spec.field != QLatin1String("_seq_id") && column == m_numbers.constEnd())
                return std::vector<const std::vector<double> *>();
            columns.push_back(column != m_numbers.constEnd() ? &*column : nullptr);
        }
        return columns;
    };
    if (wildcard) {
        askingMost(m_docs.size());
        auto matches = [&](quint32 seq) { return (!anyDocRemoved || m_docs[seq].alive) && filterAdmits(seq); };
        // The two counted paths below: the page's end, and every match counted for `found` (kept
        // as sequences for the facet counts), each handed to `onMatch` too.
        const size_t pageEnd = size_t(qint64(offset) + perPage);
        const bool keepSeqs = !facetBy.isEmpty();
        auto countMatches = [&](auto &&onMatch) {
            qint64 count = 0;
            for (quint32 seq = 0; seq < m_docs.size(); ++seq) {
                if (!matches(seq))
                    continue;
                ++count;
                if (keepSeqs)
                    countedSeqs.push_back(seq);
                onMatch(seq);
            }
            return count;
        };
        // (`*` without sort_by ranks by insertion alone)
        if (rankByTextMatchOnly || (sorts.empty() && groupBy.isEmpty() && curation.hidden.empty() && curation.pinned.empty())) {
            // Counted, not ranked: every document has the same text match, so the page is the
            // latest insertions the filter admits; the others are only counted for `found` and
            // kept as sequences for the facet counts (as for words, above).
            countOnly = true;
            // Insertion order apart from sequence order: the page through a heap fed by the
            // counting pass (orders are unique, so the order of offering does not matter).
            auto later = [](const Candidate &a, const Candidate &b) { return a.order > b.order; };
            BoundedTop<Candidate, decltype(later)> latest(orderIsSeq ? 0 : pageEnd, later);
            auto offerLatest = [&](quint32 seq) {
                if (!orderIsSeq)
                    latest.offer(Candidate{seq, orders[seq]});
            };
            if (!filtering && !anyDocRemoved) {
                countedMatches = qint64(m_docs.size());
                if (keepSeqs) {
                    countedSeqs.resize(m_docs.size());
                    std::iota(countedSeqs.begin(), countedSeqs.end(), quint32(0));
                }
                if (!orderIsSeq)
                    for (quint32 seq = 0; seq < m_docs.size(); ++seq)
                        offerLatest(seq);
            } else {
                countedMatches = countMatches(offerLatest);
            }
            if (orderIsSeq) {
                for (quint32 seq = quint32(m_docs.size()); seq-- > 0 && candidates.size() < pageEnd;)
                    if (matches(seq))
                        candidates.push_back(Candidate{seq, seq});
            } else {
                candidates = latest.items();
            }
        } else if (const std::vector<const std::vector<double> *> sortColumns = wildcardSortColumns(); !sortColumns.empty()) {
            // Sorted by numeric fields' columns (or `_seq_id`; `_text_match` is the same for
            // every document): the page through a bounded heap ranking as the sort below does,
            // the other documents only counted (and kept as sequences for the facet counts).
            countOnly = true;
            auto ranksBefore = [&](const Candidate &a, const Candidate &b) {
                for (size_t k = 0; k < sorts.size(); ++k) {
                    const SortSpec &spec = sorts[k];
                    if (spec.textMatch)
                        continue;
                    if (!sortColumns[k]) { // _seq_id
                        if (a.order != b.order)
                            return spec.desc ? a.order > b.order : a.order < b.order;
                        continue;
                    }
                    const std::vector<double> &column = *sortColumns[k];
                    const double va = a.seq < column.size() ? column[a.seq] : std::numeric_limits<double>::quiet_NaN();
                    const double vb = b.seq < column.size() ? column[b.seq] : std::numeric_limits<double>::quiet_NaN();
                    const bool pa = !std::isnan(va), pb = !std::isnan(vb);
                    if (pa != pb)
                        return pa; // documents without the value last
                    if (pa && va != vb)
                        return spec.desc ? va > vb : va < vb;
                }
                return a.order > b.order; // later insertion first
            };
            BoundedTop<Candidate, decltype(ranksBefore)> first(pageEnd, ranksBefore);
            countedMatches = countMatches([&](quint32 seq) { first.offer(Candidate{seq, orderOf(seq)}); });
            candidates = first.items();
        } else {
            candidates.reserve(!filtering ? size_t(m_idToSeq.size()) : 0);
            for (quint32 seq = 0; seq < m_docs.size(); ++seq)
                if (matches(seq))
                    candidates.push_back(Candidate{seq, orderOf(seq)});
        }
    } else {
        // Words, "quoted phrases" (exact words, next to each other, in one field) and -exclusions.
        QStringList words;
        std::vector<bool> literal; // phrase words: no typos, no prefix
        std::vector<QStringList> phrases;
        QStringList excluded;
        {
            // Words are found the way the fields searched were indexed: split with word breaking
            // when one of them asks for it.
            const TextAnalyzer &queryAnalyzer = std::any_of(searchFields.begin(), searchFields.end(),
                                                            [](const Field *f) { return f->breaksWords(); })
                                                    ? m_wordBreakAnalyzer : m_analyzer;
            const QStringList parts = q.split(u'"');
            for (qsizetype i = 0; i < parts.size(); ++i) {
                const bool inPhrase = i % 2 == 1 && i + 1 < parts.size(); // an unclosed quote is plain text
                if (inPhrase) {
                    const QStringList tokens = queryAnalyzer.foldedTokens(parts[i]);
                    if (tokens.isEmpty())
                        continue;
                    phrases.push_back(tokens);
                    for (const QString &t : tokens) {
                        words << t;
                        literal.push_back(true);
                    }
                    continue;
                }
                for (const QString &w : parts[i].split(u' ', Qt::SkipEmptyParts)) {
                    if (w.size() > 1 && w.startsWith(u'-')) {
                        excluded += queryAnalyzer.foldedTokens(w.mid(1));
                        continue;
                    }
                    for (const QString &t : queryAnalyzer.foldedTokens(w)) {
                        words << t;
                        literal.push_back(false);
                    }
                }
            }
        }
        // Infix search (fields declared with infix: true): per query_by field `off`, `always`, or
        // `fallback` (only when nothing matches otherwise). A word then also reaches the terms
        // that contain it anywhere, found by a pass over the dictionary (cached per word).
        bool infixFallbackPass = false;
        bool anyInfixFallback = false;
        std::vector<QString> infixModes(searchFields.size());
        for (size_t f = 0; f < searchFields.size(); ++f) {
            infixModes[f] = searchFields[f]->infix ? perField(QStringLiteral("infix"), f).toLower() : QString();
            anyInfixFallback = anyInfixFallback || infixModes[f] == QLatin1String("fallback");
        }
        QHash<QString, std::vector<TrieMatch>> infixCache;
        auto infixMatches = [&](const QString &word) -> const std::vector<TrieMatch> & {
            auto it = infixCache.find(word);
            if (it == infixCache.end()) {
                std::vector<TrieMatch> found;
                for (int id : termsContaining(word))
                    found.push_back(TrieMatch{id, 0, false});
                it = infixCache.insert(word, std::move(found));
            }
            return *it;
        };
        // Matches one list of query words (as typed, or a synonym variant) and appends its
        // candidates to `out`.
        // Words brought in by a synonym take synonym_num_typos (default 0) and, as the last word,
        // a prefix only with synonym_prefix (default false).
        const int synonymNumTypos = std::clamp(intParam(params, QStringLiteral("synonym_num_typos"), 0), 0, 2);
        const bool synonymPrefix = boolValue(params.value(QStringLiteral("synonym_prefix")), false);
        // `typoCap`: no word is matched with more typos than that (the stage, see matchWords);
        // *typoCeiling gets the most any word of the query may have.
        auto matchWordsUpTo = [&](const QStringList &words, const std::vector<bool> &literal, const std::vector<bool> &fromSynonym,
                                  std::vector<Candidate> &out, int typoCap, int *typoCeiling) {
            const int T = int(words.size());
            const int F = int(searchFields.size());
            const int minLen1 = intParam(params, QStringLiteral("min_len_1typo"), 4);
            const int minLen2 = intParam(params, QStringLiteral("min_len_2typo"), 7);
            const int typoThreshold = intParam(params, QStringLiteral("typo_tokens_threshold"), 1);
            const int dropThreshold = intParam(params, QStringLiteral("drop_tokens_threshold"), 1);

            const bool exhaustive = boolValue(params.value(QStringLiteral("exhaustive_search")), false);
            const int maxCandidates = std::max(1, intParam(params, QStringLiteral("max_candidates"),
                                                           exhaustive ? kExhaustiveCandidates : kDefaultMaxCandidates));
            // How many documents of the searched fields hold a term: candidates are the most frequent.
            std::vector<const PostingLists *> searchedPostings;
            for (const Field *f : searchFields)
                if (const auto pit = m_postings.constFind(f->name); pit != m_postings.constEnd())
                    searchedPostings.push_back(&*pit);
            auto frequency = [&](int term) {
                qsizetype n = 0;
                for (const PostingLists *lists : searchedPostings)
                    if (const PostingLists::List *list = lists->constFind(term))
                        n += qsizetype(list->size());
                return n;
            };
            // Per (field, token): the terms it reaches and their cost. Fields with the same typo and
            // prefix settings share one trie walk.
            std::vector<std::vector<TrieMatch>> matches(size_t(F * T));
            QHash<QString, std::vector<TrieMatch>> walks;
            std::vector<int> exactTerm(static_cast<size_t>(T), -1);
            for (int t = 0; t < T; ++t)
                exactTerm[size_t(t)] = m_trie.find(words[t]);
            for (int f = 0; f < F; ++f) {
                const QString typosParam = perField(QStringLiteral("num_typos"), size_t(f));
                const int numTypos = typosParam.isEmpty() ? 2 : std::clamp(typosParam.toInt(), 0, 2);
                const QString prefixParam = perField(QStringLiteral("prefix"), size_t(f));
                const bool prefix = boolValue(prefixParam, true);
                for (int t = 0; t < T; ++t) {
                    const QString &tok = words[t];
                    const bool synonymWord = fromSynonym[size_t(t)];
                    const int lengthTypos = tok.size() >= minLen2 ? numTypos : tok.size() >= minLen1 ? std::min(1, numTypos) : 0;
                    const int allowedTypos = literal[size_t(t)] ? 0 : synonymWord ? std::min(lengthTypos, synonymNumTypos) : lengthTypos;
                    *typoCeiling = std::max(*typoCeiling, allowedTypos);
                    const int maxTypos = std::min(allowedTypos, typoCap);
                    const bool prefixHere = prefix && t == T - 1 && !literal[size_t(t)] && (!synonymWord || synonymPrefix);
                    const QString walkKey = QStringLiteral("%1/%2/%3").arg(t).arg(maxTypos).arg(prefixHere);
                    auto it = walks.find(walkKey);
                    if (it == walks.end()) {
                        std::vector<TrieMatch> all = m_trie.fuzzy(tok, maxTypos, prefixHere);
                        // Keep the exact word, then per typo cost the most frequent expansions.
                        std::vector<std::pair<qsizetype, TrieMatch>> ranked;
                        ranked.reserve(all.size());
                        for (const TrieMatch &m : all)
                            ranked.push_back({m.term == exactTerm[size_t(t)] ? std::numeric_limits<qsizetype>::max() : frequency(m.term), m});
                        std::stable_sort(ranked.begin(), ranked.end(), [](const auto &a, const auto &b) {
                            if (a.second.cost != b.second.cost)
                                return a.second.cost < b.second.cost;
                            return a.first > b.first;
                        });
                        std::vector<TrieMatch> kept;
                        int level = -1, inLevel = 0;
                        for (const auto &[freq, m] : ranked) {
                            if (m.cost != level) {
                                level = m.cost;
                                inLevel = 0;
                            }
                            if (freq == 0 || inLevel >= maxCandidates)
                                continue;
                            ++inLevel;
                            kept.push_back(m);
                        }
                        it = walks.insert(walkKey, std::move(kept));
                    }
                    matches[size_t(f * T + t)] = *it;
                    const QString &infix = infixModes[size_t(f)];
                    if (!literal[size_t(t)] && !synonymWord && (infix == QLatin1String("always") || (infix == QLatin1String("fallback") && infixFallbackPass))) {
                        const std::vector<TrieMatch> &more = infixMatches(tok);
                        matches[size_t(f * T + t)].insert(matches[size_t(f * T + t)].end(), more.begin(), more.end());
                    }
                }
            }
            // Per document: the best (lowest) encoded cost per (field, token); 255 = no match.
            // The posting lists are walked one window of sequences at a time: a dense table of
            // codes for the window (small enough to stay in the cache) takes every list's entries
            // in it, then the window's documents become rows (`cells`, F*T codes each) in
            // sequence order. No table as long as the collection is touched per search, and rows,
            // candidates and the facet counts over them follow the sequence order.
            // Documents the filter refuses get no row (they would be dropped below).
            SearchScratch &scratch = searchScratch();
            auto eligible = [&](quint32 seq) { return (!anyDocRemoved || m_docs[seq].alive) && filterAdmits(seq); };
            const size_t width = size_t(F * T);
            struct ListCursor
            {
                const quint32 *at;
                const quint32 *end;
                quint32 cell; // f * T + t
                quint8 code;
            };
            std::vector<ListCursor> lists;
            for (int f = 0; f < F; ++f) {
                const auto postingsIt = m_postings.constFind(searchFields[size_t(f)]->name);
                if (postingsIt == m_postings.constEnd())
                    continue;
                for (int t = 0; t < T; ++t)
                    for (const TrieMatch &m : matches[size_t(f * T + t)])
                        if (const PostingLists::List *list = postingsIt->constFind(m.term))
                            lists.push_back(ListCursor{list->begin(), list->end(), quint32(f * T + t),
                                                       quint8(m.cost * 2 + (m.term == exactTerm[size_t(t)] ? 0 : 1))});
            }
            size_t window = 1024;
            while (window < 65536 && window * 2 * width <= (size_t(256) << 10))
                window *= 2;
            std::vector<quint8> &table = scratch.windowCells;
            std::vector<quint64> &touched = scratch.windowTouched;
            if (!countOnly) {
                table.assign(window * width, 255);
                touched.assign(window / 64, 0);
            }
            std::vector<quint32> &matchedSeqs = scratch.matchedSeqs;
            std::vector<quint8> &cells = scratch.cells;
            // wholeOnly: rows only for the documents holding every word (in any searched field).
            // Whole matches are found from the rarest word on (fewest posting entries over its
            // lists): its documents are the window's candidates, and each further word keeps only
            // those that hold it, looking them up in its lists (galloping through a long list
            // past the documents no longer wanted) instead of marking every entry.
            std::vector<int> wordOrder(static_cast<size_t>(T));
            std::iota(wordOrder.begin(), wordOrder.end(), 0);
            std::vector<size_t> wordEntries(size_t(T), 0);
            std::vector<std::vector<size_t>> listsOfWord(static_cast<size_t>(T));
            for (size_t i = 0; i < lists.size(); ++i) {
                wordEntries[lists[i].cell % quint32(T)] += size_t(lists[i].end - lists[i].at);
                listsOfWord[lists[i].cell % quint32(T)].push_back(i);
            }
            std::stable_sort(wordOrder.begin(), wordOrder.end(), [&](int a, int b) { return wordEntries[size_t(a)] < wordEntries[size_t(b)]; });
            // The first entry at or after `target` (a galloping search from p).
            auto gallop = [](const quint32 *p, const quint32 *end, quint32 target) {
                if (p == end || *p >= target)
                    return p;
                size_t step = 1;
                while (p + step < end && p[step] < target) {
                    p += step;
                    step *= 2;
                }
                return std::lower_bound(p + 1, std::min(p + step, end), target);
            };
            // (documents the filter refuses are left out as their entries are read; a removed one
            // marked here is left out with the rows)
            const char *filteredBits = nullptr;
            const FilterCheck *filtered = nullptr;
            auto askFilterOf = [&](size_t entries) {
                askingMost(entries);
                filteredBits = filterBits.empty() ? nullptr : filterBits.data();
                filtered = filtering && !filteredBits ? &filterCheck : nullptr;
            };
            auto markWhere = [&](ListCursor &l, size_t base, size_t limit, auto admits) {
                const quint32 *p = l.at;
                for (; p != l.end && *p < limit; ++p) {
                    if (!admits(*p))
                        continue;
                    const size_t i = *p - base;
                    quint8 &c = table[i * width + l.cell];
                    c = std::min(c, l.code);
                    touched[i >> 6] |= quint64(1) << (i & 63);
                }
                l.at = p;
            };
            auto mark = [&](ListCursor &l, size_t base, size_t limit) {
                if (filteredBits)
                    markWhere(l, base, limit, [filteredBits](quint32 seq) { return filteredBits[seq] != 0; });
                else if (filtered)
                    markWhere(l, base, limit, [filtered](quint32 seq) { return filtered->admits(seq); });
                else
                    markWhere(l, base, limit, [](quint32) { return true; });
            };
            auto walkLists = [&](bool wholeOnly) {
                matchedSeqs.clear();
                cells.clear();
                std::vector<ListCursor> cursors = lists;
                for (size_t base = 0; base < m_docs.size(); base += window) {
                    const size_t limit = base + window;
                    if (!wholeOnly) {
                        for (ListCursor &l : cursors)
                            mark(l, base, limit);
                    } else {
                        size_t kept = 0;
                        for (int k = 0; k < T; ++k) {
                            const int t = wordOrder[size_t(k)];
                            for (size_t li : listsOfWord[size_t(t)]) {
                                ListCursor &l = cursors[li];
                                if (k == 0) {
                                    mark(l, base, limit);
                                } else if (kept == 0) {
                                    l.at = gallop(l.at, l.end, quint32(limit));
                                } else if (const quint32 *segmentEnd = gallop(l.at, l.end, quint32(limit)); kept * 8 < size_t(segmentEnd - l.at)) {
                                    for (size_t w = 0; w < touched.size(); ++w) {
                                        for (quint64 bits = touched[w]; bits; bits &= bits - 1) {
                                            const size_t i = w * 64 + size_t(std::countr_zero(bits));
                                            l.at = gallop(l.at, segmentEnd, quint32(base + i));
                                            if (l.at != segmentEnd && *l.at == base + i) {
                                                quint8 &c = table[i * width + l.cell];
                                                c = std::min(c, l.code);
                                            }
                                        }
                                    }
                                    l.at = segmentEnd;
                                } else {
                                    for (const quint32 *p = l.at; p != segmentEnd; ++p) {
                                        const size_t i = *p - base;
                                        if (touched[i >> 6] & (quint64(1) << (i & 63))) {
                                            quint8 &c = table[i * width + l.cell];
                                            c = std::min(c, l.code);
                                        }
                                    }
                                    l.at = segmentEnd;
                                }
                            }
                            // Keep the documents holding word t (and, after the first word, the
                            // ones the filter admits).
                            kept = 0;
                            for (size_t w = 0; w < touched.size(); ++w) {
                                for (quint64 bits = touched[w]; bits; bits &= bits - 1) {
                                    const size_t i = w * 64 + size_t(std::countr_zero(bits));
                                    quint8 *row = table.data() + i * width;
                                    bool held = false;
                                    for (int f = 0; f < F && !held; ++f)
                                        held = row[f * T + t] != 255;
                                    if (held && (k > 0 || eligible(quint32(base + i)))) {
                                        ++kept;
                                        continue;
                                    }
                                    touched[w] &= ~(quint64(1) << (i & 63));
                                    for (size_t c = 0; c < width; ++c)
                                        row[c] = 255;
                                }
                            }
                        }
                    }
                    // (room for every document touched here, then cut to those taken: no
                    // growth check per row)
                    size_t touchedCount = 0;
                    for (quint64 bits : touched)
                        touchedCount += size_t(bitCount(bits));
                    if (touchedCount == 0)
                        continue;
                    size_t taken = matchedSeqs.size();
                    matchedSeqs.resize(taken + touchedCount);
                    cells.resize((taken + touchedCount) * width);
                    quint32 *seqOut = matchedSeqs.data();
                    quint8 *cellOut = cells.data();
                    for (size_t w = 0; w < touched.size(); ++w) {
                        for (quint64 bits = std::exchange(touched[w], 0); bits; bits &= bits - 1) {
                            const size_t i = w * 64 + size_t(std::countr_zero(bits));
                            quint8 *row = table.data() + i * width;
                            const quint32 seq = quint32(base + i);
                            bool take = eligible(seq);
                            for (int t = 0; take && wholeOnly && t < T; ++t) {
                                bool held = false;
                                for (int f = 0; f < F && !held; ++f)
                                    held = row[f * T + t] != 255;
                                take = held;
                            }
                            if (take) {
                                seqOut[taken] = seq;
                                quint8 *to = cellOut + taken * width;
                                for (size_t k = 0; k < width; ++k)
                                    to[k] = row[k];
                                ++taken;
                            }
                            for (size_t k = 0; k < width; ++k)
                                row[k] = 255;
                        }
                    }
                    matchedSeqs.resize(taken);
                    cells.resize(taken * width);
                }
            };
            // Few typos first: when a query's words reach terms at several typo costs, the
            // documents with the fewest typos in all are found combination by combination of
            // per-word costs (0+0, then 1+0 and 0+1, ...), each from its rarest word's lists,
            // while that stays far cheaper than walking every whole match. Once enough documents
            // are found that the typo and dropped-word rules are decided (at least
            // typo_tokens_threshold and drop_tokens_threshold of them), only the documents within
            // the typo limit get rows, with every list's costs, exactly as walkLists(true) would
            // have given them; the matches with more typos, which would be dropped, are never
            // walked. False (nothing done) when it does not pay or does not decide.
            auto walkFewTyposFirst = [&]() -> bool {
                const qint64 need = std::max(typoThreshold, dropThreshold);
                if (need <= 0 || T > 8)
                    return false;
                // Per word and typo cost: its lists and their entries.
                struct CostGroup
                {
                    int cost;
                    size_t entries = 0;
                    std::vector<size_t> lists;
                };
                std::vector<std::vector<CostGroup>> groups(static_cast<size_t>(T));
                int maxLevel = 0;
                bool severalCosts = false;
                for (int t = 0; t < T; ++t) {
                    std::vector<CostGroup> &g = groups[size_t(t)];
                    for (size_t li : listsOfWord[size_t(t)]) {
                        const int cost = lists[li].code / 2;
                        auto it = std::find_if(g.begin(), g.end(), [cost](const CostGroup &c) { return c.cost == cost; });
                        if (it == g.end())
                            it = g.insert(std::upper_bound(g.begin(), g.end(), cost, [](int c, const CostGroup &x) { return c < x.cost; }),
                                          CostGroup{cost});
                        it->entries += size_t(lists[li].end - lists[li].at);
                        it->lists.push_back(li);
                    }
                    if (g.empty())
                        return false; // a word reaching nothing: no whole match at all
                    severalCosts = severalCosts || g.size() > 1;
                    maxLevel += g.back().cost;
                }
                if (!severalCosts)
                    return false; // one combination: the walk itself
                const size_t rarestWord = wordEntries[size_t(wordOrder[0])];
                const size_t budget = rarestWord / 16;
                size_t spent = 0;
                std::vector<quint32> found;      // documents found so far, by the level they were found at
                std::vector<qint64> foundUpTo;   // per level: how many were found up to it
                std::vector<quint32> sortedFound; // (the same, ascending, for membership)
                std::vector<int> choice(static_cast<size_t>(T), 0);
                std::vector<quint32> docs, kept;
                for (int level = 0; level <= maxLevel; ++level) {
                    // This level's combinations: one cost group per word, costs adding up to `level`.
                    std::vector<std::vector<int>> combos;
                    auto enumerate = [&](auto &&self, int t, int left) -> void {
                        if (t == T) {
                            if (left == 0)
                                combos.push_back(choice);
                            return;
                        }
                        for (size_t k = 0; k < groups[size_t(t)].size(); ++k) {
                            const int c = groups[size_t(t)][k].cost;
                            if (c > left)
                                break;
                            choice[size_t(t)] = int(k);
                            self(self, t + 1, left - c);
                        }
                    };
                    enumerate(enumerate, 0, level);
                    // Each combination is walked from its rarest word's lists (its driver).
                    std::vector<size_t> drivers(combos.size(), 0);
                    for (size_t i = 0; i < combos.size(); ++i) {
                        const std::vector<int> &combo = combos[i];
                        size_t &driver = drivers[i];
                        for (int t = 1; t < T; ++t)
                            if (groups[size_t(t)][size_t(combo[size_t(t)])].entries < groups[driver][size_t(combo[driver])].entries)
                                driver = size_t(t);
                        spent += groups[driver][size_t(combo[driver])].entries;
                        if (spent > budget)
                            return false;
                    }
                    const size_t before = found.size();
                    for (size_t i = 0; i < combos.size(); ++i) {
                        const std::vector<int> &combo = combos[i];
                        const size_t driver = drivers[i];
                        docs.clear();
                        for (size_t li : groups[driver][size_t(combo[driver])].lists)
                            for (const quint32 *p = lists[li].at; p != lists[li].end; ++p)
                                if (!std::binary_search(sortedFound.begin(), sortedFound.end(), *p) && eligible(*p))
                                    docs.push_back(*p);
                        std::sort(docs.begin(), docs.end());
                        docs.erase(std::unique(docs.begin(), docs.end()), docs.end());
                        // Each other word keeps the documents one of its group's lists holds.
                        for (int t = 0; t < T && !docs.empty(); ++t) {
                            if (size_t(t) == driver)
                                continue;
                            std::vector<char> held(docs.size(), 0);
                            for (size_t li : groups[size_t(t)][size_t(combo[size_t(t)])].lists) {
                                const quint32 *p = lists[li].at;
                                for (size_t i = 0; i < docs.size() && p != lists[li].end; ++i) {
                                    p = gallop(p, lists[li].end, docs[i]);
                                    if (p != lists[li].end && *p == docs[i])
                                        held[i] = 1;
                                }
                            }
                            kept.clear();
                            for (size_t i = 0; i < docs.size(); ++i)
                                if (held[i])
                                    kept.push_back(docs[i]);
                            docs.swap(kept);
                        }
                        found.insert(found.end(), docs.begin(), docs.end());
                    }
                    // (a document is found at the level of its fewest typos: it was not found before)
                    std::sort(found.begin() + qsizetype(before), found.end());
                    found.erase(std::unique(found.begin() + qsizetype(before), found.end()), found.end());
                    foundUpTo.push_back(qint64(found.size()));
                    sortedFound = found;
                    std::sort(sortedFound.begin(), sortedFound.end());
                    if (qint64(found.size()) < need)
                        continue;
                    // Decided: the rows are the documents within the typo limit the counts set.
                    int limit = 0;
                    while (foundUpTo[size_t(limit)] < typoThreshold)
                        ++limit;
                    matchedSeqs.assign(found.begin(), found.begin() + qsizetype(foundUpTo[size_t(limit)]));
                    std::sort(matchedSeqs.begin(), matchedSeqs.end());
                    cells.assign(matchedSeqs.size() * width, 255);
                    for (const ListCursor &l : lists) {
                        const quint32 *p = l.at;
                        for (size_t i = 0; i < matchedSeqs.size() && p != l.end; ++i) {
                            p = gallop(p, l.end, matchedSeqs[i]);
                            if (p != l.end && *p == matchedSeqs[i]) {
                                quint8 &c = cells[i * width + l.cell];
                                c = std::min(c, l.code);
                            }
                        }
                    }
                    return true;
                }
                return false;
            };
            // Several words: while enough documents hold them all, documents holding only some
            // would be dropped below (drop_tokens_threshold), so only the whole matches get rows:
            // a common word beside a rarer one makes no row for every document holding the
            // common one. When too few hold them all, the lists are walked again for every row.
            // (counted matches walk the lists as bit planes, below)
            const bool wholeMatchesFirst = T > 1 && T < 255 && excluded.isEmpty() && phrases.empty();
            const size_t allEntries = std::accumulate(wordEntries.begin(), wordEntries.end(), size_t(0));
            const bool fewTyposFound = wholeMatchesFirst && walkFewTyposFirst();
            if (countOnly) {
                if (!fewTyposFound) {
                    matchedSeqs.clear();
                    cells.clear();
                }
            } else if (fewTyposFound) {
                // (the rows are made)
            } else if (wholeMatchesFirst) {
                askFilterOf(wordEntries[size_t(wordOrder[0])]); // (the rarest word's entries are asked)
                walkLists(true);
                if (qint64(matchedSeqs.size()) < dropThreshold) {
                    askFilterOf(allEntries);
                    walkLists(false);
                }
            } else {
                askFilterOf(allEntries);
                walkLists(false);
            }
            // Excluded words
            QSet<int> excludedTerms;
            for (const QString &w : excluded)
                if (int id = m_trie.find(w); id >= 0)
                    excludedTerms.insert(id);

            // Excluded words and the filter.
            auto keep = [&](quint32 seq) {
                if (!excludedTerms.isEmpty()) {
                    for (const Field *f : searchFields) {
                        const auto pit = m_postings.constFind(f->name);
                        if (pit == m_postings.constEnd())
                            continue;
                        for (int term : excludedTerms) {
                            const auto lit = pit->constFind(term);
                            if (lit != pit->constEnd() && std::binary_search(lit->begin(), lit->end(), seq))
                                return false;
                        }
                    }
                }
                return filterAdmits(seq);
            };
            // A phrase must stand in one searched field (or one element of an array), word after word.
            auto hasPhrases = [&](quint32 seq) {
                for (const QStringList &phrase : phrases) {
                    bool found = false;
                    for (const Field *f : searchFields) {
                        const QJsonValue v = fieldValue(seq, f->name);
                        const QJsonArray values = v.isArray() ? v.toArray() : QJsonArray{v};
                        for (const QJsonValue &e : values) {
                            if (!e.isString())
                                continue;
                            const QStringList have = analyzerFor(f).foldedTokens(e.toString());
                            for (qsizetype start = 0; !found && start + phrase.size() <= have.size(); ++start)
                                found = std::equal(phrase.begin(), phrase.end(), have.begin() + start);
                            if (found)
                                break;
                        }
                        if (found)
                            break;
                    }
                    if (!found)
                        return false;
                }
                return true;
            };
            // A row's words, typos, best field and text match (but its proximity) from its cost
            // cells alone. Best field: most tokens, then fewest typos, then highest weight, then
            // more words matched as typed (not only as a prefix), so "python" beats "python3" in
            // one field.
            // Words held and typos of a row: each word's best cost over the fields.
            auto wordsAndTypos = [&](const quint8 *costs, int *tokens, int *typos) {
                *tokens = 0;
                *typos = 0;
                for (int t = 0; t < T; ++t) {
                    int best = 255;
                    for (int f = 0; f < F; ++f)
                        best = std::min(best, int(costs[size_t(f * T + t)]));
                    if (best == 255)
                        continue;
                    ++*tokens;
                    *typos += best / 2;
                }
            };
            auto describe = [&](const quint8 *costs, Candidate &c) {
                int tokens, typos;
                wordsAndTypos(costs, &tokens, &typos);
                c.tokensMatched = quint16(tokens);
                c.typos = quint16(std::min(typos, 0xFFFF));
                int bestKey = -1;
                int exactTokens = 0;
                for (int f = 0; f < F; ++f) {
                    int n = 0, typos = 0, exact = 0;
                    for (int t = 0; t < T; ++t) {
                        const int code = costs[size_t(f * T + t)];
                        if (code != 255) {
                            ++n;
                            typos += code / 2;
                            exact += code == 0 ? 1 : 0;
                        }
                    }
                    if (n == 0)
                        continue;
                    ++c.fieldsMatched;
                    const int key = (n << 24) | ((255 - std::min(typos, 255)) << 16) | (weights[size_t(f)] << 8) | std::min(exact, 255);
                    if (key > bestKey) {
                        bestKey = key;
                        c.bestWeight = quint8(weights[size_t(f)]);
                        c.bestFieldScore = key;
                        c.bestField = qint8(f);
                        exactTokens = exact;
                    }
                }
                // (bits 36-43 take the proximity score once it is known, below)
                c.textMatch = (quint64(255 - std::min<int>(c.typos, 255)) << 52) | (quint64(c.tokensMatched & 0xFF) << 44)
                              | (quint64(c.bestWeight & 0xFF) << 28) | (quint64(exactTokens & 0xFF) << 20)
                              | (quint64(c.fieldsMatched & 0xFF) << 12);
            };
            const size_t rows = matchedSeqs.size();
            const int maxTypoLimit = 2 * T + 2;
            std::vector<qint64> byTypos(size_t(maxTypoLimit) + 2, 0);
            // Typos only while too few documents match with fewer.
            auto typoLimitFor = [&]() {
                int limit = 0;
                for (qint64 survivors = byTypos[0]; survivors < typoThreshold && limit < maxTypoLimit; survivors += byTypos[size_t(++limit)]) {
                }
                return limit;
            };
            int typoLimit = 0;
            const size_t firstNew = out.size();
            // How many hits the page shows, and how many of the best candidates with two words
            // or more get their proximity worked out (below).
            const size_t pageEnd = size_t(qint64(offset) + perPage);
            const size_t budget = groupBy.isEmpty() ? size_t(std::max<qint64>(kProximityCandidates, 2 * (qint64(offset) + perPage)))
                                                    : size_t(kProximityCandidates) * 4;
            if (countOnly) {
                // The matches' distinct cost patterns (which words in which fields at what cost),
                // each described once. A pattern of up to 8 cells is looked up as one 64-bit key.
                struct Pattern
                {
                    Candidate shape{0};
                    qint64 rows = 0;
                    bool admitted = false;
                };
                std::vector<Pattern> patterns;
                std::vector<quint8> patternCells;
                std::vector<quint64> patternKeys;
                const bool packed = width <= 8;
                std::vector<qint32> bucketOf(256, -1);
                quint32 lastPattern = 0;
                // (plain loops: rows are a few bytes, shorter than a call to memcmp)
                auto sameCells = [width](const quint8 *a, const quint8 *b) {
                    for (size_t k = 0; k < width; ++k)
                        if (a[k] != b[k])
                            return false;
                    return true;
                };
                auto keyOf = [width](const quint8 *costs) {
                    quint64 key = 0;
                    for (size_t k = 0; k < width; ++k)
                        key |= quint64(costs[k]) << (8 * k);
                    return key;
                };
                auto hashOf = [&](const quint8 *costs, quint64 key) {
                    quint64 h = key;
                    if (!packed) {
                        h = 1469598103934665603ull;
                        for (size_t k = 0; k < width; ++k)
                            h = (h ^ costs[k]) * 1099511628211ull;
                    }
                    h *= 0x9E3779B97F4A7C15ull;
                    return size_t(h >> 32);
                };
                auto same = [&](const quint8 *costs, quint64 key, quint32 index) {
                    return packed ? patternKeys[index] == key : sameCells(costs, patternCells.data() + size_t(index) * width);
                };
                auto place = [&](quint32 index) {
                    size_t s = hashOf(patternCells.data() + size_t(index) * width, patternKeys[index]) & (bucketOf.size() - 1);
                    while (bucketOf[s] >= 0)
                        s = (s + 1) & (bucketOf.size() - 1);
                    bucketOf[s] = qint32(index);
                };
                auto patternOf = [&](const quint8 *costs) -> quint32 {
                    const quint64 key = packed ? keyOf(costs) : 0;
                    // (neighbouring documents often share a pattern: a common word in one field)
                    if (!patterns.empty() && same(costs, key, lastPattern))
                        return lastPattern;
                    for (size_t s = hashOf(costs, key) & (bucketOf.size() - 1);; s = (s + 1) & (bucketOf.size() - 1)) {
                        const qint32 index = bucketOf[s];
                        if (index < 0)
                            break;
                        if (same(costs, key, quint32(index)))
                            return lastPattern = quint32(index);
                    }
                    const quint32 index = quint32(patterns.size());
                    lastPattern = index;
                    patterns.emplace_back();
                    describe(costs, patterns.back().shape);
                    patternCells.insert(patternCells.end(), costs, costs + width);
                    patternKeys.push_back(key);
                    if (patterns.size() * 2 > bucketOf.size()) {
                        bucketOf.assign(bucketOf.size() * 2, -1);
                        for (quint32 i = 0; i < quint32(patterns.size()); ++i)
                            place(i);
                    } else {
                        place(index);
                    }
                    return index;
                };
                // Bit planes instead of rows: per window of documents, one bitmap per (cell,
                // code) that the lists hold, each list's entries set as bits. Per 64 documents the
                // bitmaps then split the matches into groups of one pattern (a leaf: a 64-bit mask
                // and its pattern), a handful where a row per document was made before; `found`
                // and the typo and dropped-word rules are counted from the leaves' popcounts, and
                // only the rows that may reach the page are looked at one by one.
                struct Plane
                {
                    quint32 cell;
                    quint8 code;
                    bool operator<(const Plane &o) const { return cell != o.cell ? cell < o.cell : code < o.code; }
                    bool operator==(const Plane &o) const { return cell == o.cell && code == o.code; }
                };
                std::vector<Plane> planes;
                for (const ListCursor &l : lists)
                    planes.push_back(Plane{l.cell, l.code});
                std::sort(planes.begin(), planes.end());
                planes.erase(std::unique(planes.begin(), planes.end()), planes.end());
                const size_t planeCount = planes.size();
                std::vector<quint32> planeOfList(lists.size());
                for (size_t i = 0; i < lists.size(); ++i)
                    planeOfList[i] = quint32(std::lower_bound(planes.begin(), planes.end(), Plane{lists[i].cell, lists[i].code}) - planes.begin());
                // Per cell its planes, lowest code (the cell's best) first; the cells with any.
                std::vector<quint32> cellPlanes(width + 1, 0);
                for (const Plane &pl : planes)
                    ++cellPlanes[pl.cell + 1];
                for (size_t c = 0; c < width; ++c)
                    cellPlanes[c + 1] += cellPlanes[c];
                std::vector<quint32> heldCells;
                for (quint32 c = 0; c < quint32(width); ++c)
                    if (cellPlanes[c + 1] > cellPlanes[c])
                        heldCells.push_back(c);
                std::vector<std::vector<quint32>> planesOfWord(static_cast<size_t>(T));
                for (quint32 pl = 0; pl < quint32(planeCount); ++pl)
                    planesOfWord[planes[pl].cell % quint32(T)].push_back(pl);
                // (word-major: a word's planes side by side; the window's planes stay in the cache)
                const size_t windowWords = std::clamp<size_t>((size_t(256) << 10) / 8 / std::max<size_t>(planeCount, 1), 16, 1024);
                const size_t planeWindow = windowWords * 64;
                std::vector<quint64> &bits = scratch.windowBits;
                std::vector<MatchLeaf> &leaves = scratch.leaves;
                std::vector<quint8> leafCodes(width, 255);
                quint32 wordAt = 0;        // the word (sequence / 64) being split
                const quint64 *wordBits = nullptr; // its planes
                // A leaf's way down the cells (which plane, or none, per held cell) numbers its
                // pattern: while there are few such ways, a table from that number to the pattern
                // spares the lookup by cost cells.
                size_t ways = 1;
                for (quint32 c : heldCells)
                    ways = std::min<size_t>(ways * (cellPlanes[c + 1] - cellPlanes[c] + 1), size_t(1) << 20);
                const bool byWay = ways <= 4096;
                std::vector<qint32> patternOfWay(byWay ? ways : 0, -1);
                auto split = [&](auto &self, size_t k, quint64 mask, size_t way) -> void {
                    if (k == heldCells.size()) {
                        quint32 index;
                        if (byWay) {
                            qint32 &known = patternOfWay[way];
                            if (known < 0)
                                known = qint32(patternOf(leafCodes.data()));
                            index = quint32(known);
                        } else {
                            index = patternOf(leafCodes.data());
                        }
                        patterns[index].rows += bitCount(mask);
                        leaves.push_back(MatchLeaf{mask, wordAt, index});
                        return;
                    }
                    const quint32 c = heldCells[k];
                    const size_t radix = cellPlanes[c + 1] - cellPlanes[c] + 1;
                    for (quint32 pl = cellPlanes[c]; pl < cellPlanes[c + 1] && mask; ++pl) {
                        if (const quint64 here = mask & wordBits[pl]) {
                            leafCodes[c] = planes[pl].code;
                            self(self, k + 1, here, way * radix + (pl - cellPlanes[c]));
                            mask &= ~here;
                        }
                    }
                    leafCodes[c] = 255;
                    if (mask)
                        self(self, k + 1, mask, way * radix + radix - 1);
                };
                // wholeOnly: only the documents holding every word (in any searched field).
                auto walkPlanes = [&](bool wholeOnly) {
                    leaves.clear();
                    patterns.clear();
                    patternCells.clear();
                    patternKeys.clear();
                    bucketOf.assign(256, -1);
                    lastPattern = 0;
                    std::fill(patternOfWay.begin(), patternOfWay.end(), -1);
                    qint64 matched = 0;
                    std::vector<ListCursor> cursors = lists;
                    bits.assign(windowWords * planeCount, 0);
                    // A window with few entries visits only the words its entries set
                    // (`wordsSet`), a dense one every word.
                    std::vector<const quint32 *> segmentEnds(cursors.size());
                    std::array<quint64, 1024 / 64> wordsSet{};
                    for (size_t base = 0; base < m_docs.size(); base += planeWindow) {
                        const size_t limit = base + planeWindow;
                        const size_t words = std::min(windowWords, (m_docs.size() - base + 63) / 64);
                        size_t entries = 0;
                        for (size_t li = 0; li < cursors.size(); ++li) {
                            const ListCursor &l = cursors[li];
                            const quint32 *p = l.at;
                            segmentEnds[li] = l.end - p > 64 && p[64] < limit ? gallop(p + 64, l.end, quint32(limit))
                                                                              : std::lower_bound(p, l.end, quint32(limit));
                            entries += size_t(segmentEnds[li] - p);
                        }
                        if (entries == 0)
                            continue;
                        const bool sparse = entries < words * 2;
                        const size_t stride = planeCount;
                        // (`admits`: the filter's bitmap, the filter asked per document, or none)
                        auto setBits = [&](auto admits) {
                            for (size_t li = 0; li < cursors.size(); ++li) {
                                ListCursor &l = cursors[li];
                                quint64 *plane = bits.data() + planeOfList[li];
                                const quint32 *p = l.at;
                                const quint32 *segmentEnd = segmentEnds[li];
                                // A dense list's bits of one word gather in a register (its
                                // entries fall many to a word, and a store per entry would wait
                                // on the one before); a thinner one's are stored one by one.
                                if (size_t(segmentEnd - p) <= words * 16) {
                                    for (; p != segmentEnd; ++p) {
                                        if (!admits(*p))
                                            continue;
                                        const size_t i = *p - base;
                                        plane[(i >> 6) * stride] |= quint64(1) << (i & 63);
                                        if (sparse)
                                            wordsSet[i >> 12] |= quint64(1) << ((i >> 6) & 63);
                                    }
                                    l.at = segmentEnd;
                                    continue;
                                }
                                size_t current = 0;
                                quint64 gathered = 0;
                                auto flush = [&] {
                                    plane[current * stride] |= gathered;
                                    if (sparse)
                                        wordsSet[current >> 6] |= quint64(1) << (current & 63);
                                };
                                for (; p != segmentEnd; ++p) {
                                    if (!admits(*p))
                                        continue;
                                    const size_t i = *p - base;
                                    if ((i >> 6) != current) {
                                        if (gathered)
                                            flush();
                                        current = i >> 6;
                                        gathered = 0;
                                    }
                                    gathered |= quint64(1) << (i & 63);
                                }
                                if (gathered)
                                    flush();
                                l.at = segmentEnd;
                            }
                        };
                        if (filteredBits)
                            setBits([filteredBits](quint32 seq) { return filteredBits[seq] != 0; });
                        else if (filtered)
                            setBits([filtered](quint32 seq) { return filtered->admits(seq); });
                        else
                            setBits([](quint32) { return true; });
                        auto visit = [&](size_t w) {
                            quint64 *at = bits.data() + w * planeCount;
                            quint64 mask = 0;
                            if (wholeOnly) {
                                mask = ~quint64(0);
                                for (int t = 0; t < T && mask; ++t) {
                                    quint64 held = 0;
                                    for (quint32 pl : planesOfWord[size_t(t)])
                                        held |= at[pl];
                                    mask &= held;
                                }
                            } else {
                                for (size_t pl = 0; pl < planeCount; ++pl)
                                    mask |= at[pl];
                            }
                            if (mask && anyDocRemoved) {
                                for (quint64 m = mask; m; m &= m - 1)
                                    if (!m_docs[base + w * 64 + size_t(std::countr_zero(m))].alive)
                                        mask &= ~(quint64(1) << std::countr_zero(m));
                            }
                            if (mask) {
                                matched += bitCount(mask);
                                wordAt = quint32((base >> 6) + w);
                                wordBits = at;
                                split(split, 0, mask, 0);
                            }
                            for (size_t pl = 0; pl < planeCount; ++pl)
                                at[pl] = 0;
                        };
                        if (sparse) {
                            for (size_t k = 0; k < wordsSet.size(); ++k)
                                for (quint64 set = std::exchange(wordsSet[k], 0); set; set &= set - 1)
                                    visit(k * 64 + size_t(std::countr_zero(set)));
                        } else {
                            for (size_t w = 0; w < words; ++w)
                                visit(w);
                        }
                    }
                    return matched;
                };
                // Several words: while enough documents hold them all, only they are matches
                // (drop_tokens_threshold); when too few do, every document holding any word is.
                // (few typos first found the rows already: each becomes a leaf of its own pattern)
                auto leavesOfRows = [&]() {
                    leaves.clear();
                    patterns.clear();
                    patternCells.clear();
                    patternKeys.clear();
                    bucketOf.assign(256, -1);
                    lastPattern = 0;
                    for (size_t row = 0; row < matchedSeqs.size(); ++row) {
                        const quint32 seq = matchedSeqs[row];
                        const quint32 index = patternOf(cells.data() + row * width);
                        ++patterns[index].rows;
                        if (!leaves.empty() && leaves.back().word == seq / 64 && leaves.back().pattern == index)
                            leaves.back().mask |= quint64(1) << (seq % 64);
                        else
                            leaves.push_back(MatchLeaf{quint64(1) << (seq % 64), seq / 64, index});
                    }
                };
                const bool wholeFirst = T > 1 && T < 255;
                if (fewTyposFound) {
                    leavesOfRows();
                } else {
                    askFilterOf(allEntries); // (every entry is asked)
                    if (qint64 matched = walkPlanes(wholeFirst); wholeFirst && matched < dropThreshold)
                        walkPlanes(false);
                }
                // Which matches stay is decided from the patterns' counts, as in the other path per row.
                qint64 fullCount = 0;
                for (const Pattern &p : patterns)
                    fullCount += p.shape.tokensMatched == T ? p.rows : 0;
                const bool wholeOnly = fullCount >= dropThreshold || T <= 1;
                for (const Pattern &p : patterns)
                    if (!(wholeOnly && p.shape.tokensMatched < T))
                        byTypos[std::min<size_t>(p.shape.typos, size_t(maxTypoLimit) + 1)] += p.rows;
                typoLimit = typoLimitFor();
                qint64 count = 0, whole = 0;
                for (Pattern &p : patterns) {
                    p.admitted = !(wholeOnly && p.shape.tokensMatched < T) && int(p.shape.typos) <= typoLimit;
                    count += p.admitted ? p.rows : 0;
                    whole += p.admitted && p.shape.tokensMatched == T ? p.rows : 0;
                }
                countedMatches = count;
                countedWhole = whole;
                // The rows that may rank: the page's best among those the proximity pass leaves
                // alone, and the proximity pass's own (all rows with two words or more rank
                // after those, whose score only grows). Rows are offered last first: a later
                // insertion with an equal text match is met first, and when insertion order is
                // sequence order the first row of a leaf the heap turns away ends the leaf (the
                // rest rank after it).
                struct RankedRow
                {
                    quint64 textMatch;
                    quint32 order;
                    quint32 seq;
                    quint32 pattern;
                };
                auto ranksBefore = [](const RankedRow &a, const RankedRow &b) {
                    return a.textMatch != b.textMatch ? a.textMatch > b.textMatch : a.order > b.order;
                };
                BoundedTop<RankedRow, decltype(ranksBefore)> pageBest(pageEnd, ranksBefore);
                BoundedTop<RankedRow, decltype(ranksBefore)> nearBest(T >= 2 ? budget : 0, ranksBefore);
                for (size_t i = leaves.size(); i-- > 0;) {
                    const MatchLeaf &leaf = leaves[i];
                    const Pattern &p = patterns[leaf.pattern];
                    if (!p.admitted)
                        continue;
                    auto &top = T >= 2 && p.shape.tokensMatched >= 2 && p.shape.bestField >= 0 ? nearBest : pageBest;
                    for (quint64 m = leaf.mask; m;) {
                        const int b = 63 - std::countl_zero(m);
                        m &= ~(quint64(1) << b);
                        const quint32 seq = leaf.word * 64 + quint32(b);
                        if (!top.offer(RankedRow{p.shape.textMatch, orderOf(seq), seq, leaf.pattern}) && orderIsSeq)
                            break;
                    }
                }
                // The facet counts read the matches in sequence order.
                countedSeqs.clear();
                if (!facetBy.isEmpty()) {
                    countedSeqs.reserve(size_t(count));
                    for (size_t i = 0; i < leaves.size();) {
                        const quint32 word = leaves[i].word;
                        quint64 mask = 0;
                        for (; i < leaves.size() && leaves[i].word == word; ++i)
                            if (patterns[leaves[i].pattern].admitted)
                                mask |= leaves[i].mask;
                        for (; mask; mask &= mask - 1)
                            countedSeqs.push_back(word * 64 + quint32(std::countr_zero(mask)));
                    }
                }
                out.reserve(out.size() + pageBest.items().size() + nearBest.items().size());
                for (const auto *kept : {&pageBest.items(), &nearBest.items()}) {
                    for (const RankedRow &r : *kept) {
                        Candidate c = patterns[r.pattern].shape;
                        c.seq = r.seq;
                        c.order = r.order;
                        out.push_back(c);
                    }
                }
            } else {
                // First pass over the rows: words held and typos (the best cost of each word
                // over the fields), and whether the exclusions, the filter and the phrases keep
                // the document. Which rows stay is decided from these counts; only they become
                // candidates.
                constexpr quint32 kRefused = 0xFFFFFFFFu;
                std::vector<quint32> &summary = scratch.rowSummary; // words held << 16 | typos
                summary.resize(rows);
                qint64 fullCount = 0;
                for (size_t row = 0; row < rows; ++row) {
                    int tokens, typos;
                    wordsAndTypos(cells.data() + row * width, &tokens, &typos);
                    const quint32 seq = matchedSeqs[row];
                    if (!keep(seq) || (!phrases.empty() && !hasPhrases(seq))) {
                        summary[row] = kRefused;
                        continue;
                    }
                    summary[row] = (quint32(tokens) << 16) | quint32(std::min(typos, 0xFFFF));
                    fullCount += tokens == T ? 1 : 0;
                }
                // Drop tokens only while too few documents match every token.
                const bool wholeOnly = fullCount >= dropThreshold || T <= 1;
                for (size_t row = 0; row < rows; ++row) {
                    const quint32 sum = summary[row];
                    if (sum == kRefused || (wholeOnly && int(sum >> 16) < T))
                        continue;
                    ++byTypos[std::min<size_t>(sum & 0xFFFF, size_t(maxTypoLimit) + 1)];
                }
                typoLimit = typoLimitFor();
                qint64 survivors = 0;
                for (int k = 0; k <= typoLimit; ++k)
                    survivors += byTypos[size_t(k)];
                out.reserve(out.size() + size_t(survivors));
                for (size_t row = 0; row < rows; ++row) {
                    const quint32 sum = summary[row];
                    if (sum == kRefused || (wholeOnly && int(sum >> 16) < T) || int(sum & 0xFFFF) > typoLimit)
                        continue;
                    const quint32 seq = matchedSeqs[row];
                    Candidate c{seq, orderOf(seq)};
                    describe(cells.data() + row * width, c);
                    out.push_back(c);
                }
            }
            for (size_t i = 0; i < matches.size(); ++i)
                for (const TrieMatch &m : matches[i])
                    if (m.cost <= typoLimit)
                        highlightTerms.insert(m_trie.term(m.term));
            // Token proximity: how close the matched words stand in the best field, as a score
            // (100 - words between them) in bits 36-43. It needs the field's words again, so it is
            // worked out for the best candidates only (enough for the requested page with room
            // to spare); the rest keep score 0 and rank after them on equal typos and tokens.
            if (T < 2)
                return;
            std::vector<size_t> near;
            for (size_t i = firstNew; i < out.size(); ++i)
                if (out[i].tokensMatched >= 2 && out[i].bestField >= 0)
                    near.push_back(i);
            if (near.size() > budget) {
                // (ties: later insertion first, as the ranking breaks them)
                std::nth_element(near.begin(), near.begin() + qsizetype(budget), near.end(), [&](size_t a, size_t b) {
                    return out[a].textMatch != out[b].textMatch ? out[a].textMatch > out[b].textMatch : out[a].order > out[b].order;
                });
                near.resize(budget);
            }
            QHash<int, quint32> slotsOfTerm; // term -> the query words (bits) it matches
            for (int f = 0; f < F; ++f)
                for (int t = 0; t < T && t < 32; ++t)
                    for (const TrieMatch &m : matches[size_t(f * T + t)])
                        if (m.cost <= typoLimit)
                            slotsOfTerm[m.term] |= 1u << t;
            std::vector<ProximityTerm> proximityTerms;
            for (auto it = slotsOfTerm.constBegin(); it != slotsOfTerm.constEnd(); ++it)
                proximityTerms.push_back(ProximityTerm{m_trie.term(it.key()), it.value()});
            std::vector<QByteArray> utf8Names;
            for (const Field *f : searchFields)
                utf8Names.push_back(f->name.toUtf8());
            for (size_t i : near) {
                Candidate &c = out[i];
                QByteArrayView plain;
                if (m_analyzer.plainAscii() && plainAsciiMember(documentView(c.seq), utf8Names[size_t(c.bestField)], &plain)) {
                    c.textMatch |= quint64(kMaxProximity - std::clamp(wordDistanceAscii(plain, proximityTerms), 0, kMaxProximity)) << 36;
                    continue;
                }
                const QJsonValue v = fieldValue(c.seq, searchFields[size_t(c.bestField)]->name);
                const QJsonArray values = v.isArray() ? v.toArray() : QJsonArray{v};
                int best = kMaxProximity;
                for (const QJsonValue &e : values)
                    if (e.isString())
                        best = std::min(best, wordDistance(e.toString(), analyzerFor(searchFields[size_t(c.bestField)]), proximityTerms));
                c.textMatch |= quint64(kMaxProximity - best) << 36;
            }
        };
        // Typos in stages, as Typesense does with typo_tokens_threshold: words are first matched
        // without typos, and only while fewer documents than the threshold match every word is
        // the query run again allowing one more typo per word (the last stage allows what each
        // word may have, and drops words as before). Common words never pay for the typo walks
        // over the dictionary then.
        const int typoThreshold = intParam(params, QStringLiteral("typo_tokens_threshold"), 1);
        auto matchWords = [&](const QStringList &words, const std::vector<bool> &literal, const std::vector<bool> &fromSynonym,
                              std::vector<Candidate> &out) {
            const size_t start = out.size();
            const QSet<QString> highlightBefore = highlightTerms;
            for (int cap = 0;; ++cap) {
                int ceiling = 0;
                matchWordsUpTo(words, literal, fromSynonym, out, cap, &ceiling);
                // (more typos come before fewer words: documents matching only some words do
                // not end the stages)
                const qint64 whole = countOnly ? countedWhole
                                               : std::count_if(out.begin() + qsizetype(start), out.end(), [&words](const Candidate &c) {
                                                     return c.tokensMatched == int(words.size());
                                                 });
                if (cap >= ceiling || whole >= typoThreshold)
                    return;
                out.erase(out.begin() + qsizetype(start), out.end());
                highlightTerms = highlightBefore;
            }
        };
        queryTokenCount = int(words.size());
        const bool synonymsOn = boolValue(params.value(QStringLiteral("enable_synonyms")), true);
        const std::vector<QueryVariant> variants = synonymsOn ? synonymVariants(words, literal) : std::vector<QueryVariant>();
        countOnly = rankByTextMatchOnly && excluded.isEmpty() && phrases.empty() && variants.empty();
        const std::vector<bool> typed(size_t(words.size()), false);
        matchWords(words, literal, typed, candidates);
        if ((countOnly ? countedMatches == 0 : candidates.empty()) && anyInfixFallback) {
            infixFallbackPass = true;
            matchWords(words, literal, typed, candidates);
        }
        // Synonyms: each variant's matches join the results; a document keeps its best match.
        // A variant that matches all its words counts as matching all the query's words.
        if (synonymsOn) {
            if (!variants.empty()) {
                QHash<quint32, size_t> index;
                for (size_t i = 0; i < candidates.size(); ++i)
                    index.insert(candidates[i].seq, i);
                for (const QueryVariant &variant : variants) {
                    std::vector<Candidate> more;
                    matchWords(variant.words, variant.literal, variant.synonym, more);
                    for (Candidate &c : more) {
                        const int variantTokens = int(variant.words.size());
                        const int scaled = c.tokensMatched == variantTokens
                                               ? queryTokenCount
                                               : std::min(queryTokenCount - 1, c.tokensMatched * queryTokenCount / std::max(1, variantTokens));
                        c.tokensMatched = quint16(std::max(0, scaled));
                        c.textMatch = (c.textMatch & ~(quint64(0xFF) << 44)) | (quint64(c.tokensMatched & 0xFF) << 44);
                        const auto it = index.constFind(c.seq);
                        if (it == index.constEnd()) {
                            index.insert(c.seq, candidates.size());
                            candidates.push_back(c);
                        } else if (c.textMatch > candidates[*it].textMatch) {
                            candidates[*it] = c;
                        }
                    }
                }
                // As within one query: partial matches only while too few documents match fully.
                const int dropThreshold = intParam(params, QStringLiteral("drop_tokens_threshold"), 1);
                const auto full = std::count_if(candidates.begin(), candidates.end(),
                                                [&](const Candidate &c) { return c.tokensMatched == queryTokenCount; });
                if (full >= dropThreshold)
                    candidates.erase(std::remove_if(candidates.begin(), candidates.end(),
                                                    [&](const Candidate &c) { return c.tokensMatched < queryTokenCount; }),
                                     candidates.end());
            }
        }
    }

    // Curation (read above): pinned hits are placed whether or not they match the query (and the
    // filter, unless filter_curated_hits is set). Hidden wins over pinned.
    std::vector<Candidate> pinned;
    std::vector<int> pinnedAt; // each pinned hit's 1-based position
    if (!curation.hidden.empty() || !curation.pinned.empty()) {
        const bool filterCurated = boolValue(params.value(QStringLiteral("filter_curated_hits")), false);
        QHash<quint32, Candidate> matchedPinned;
        QSet<quint32> pinnedSeqs;
        for (const auto &[seq, position] : curation.pinned)
            pinnedSeqs.insert(seq);
        candidates.erase(std::remove_if(candidates.begin(), candidates.end(), [&](const Candidate &c) {
                             if (pinnedSeqs.contains(c.seq))
                                 matchedPinned.insert(c.seq, c);
                             return pinnedSeqs.contains(c.seq) || curation.hidden.contains(c.seq);
                         }), candidates.end());
        for (const auto &[seq, position] : curation.pinned) {
            if (curation.hidden.contains(seq) || (filterCurated && !filterAdmits(seq)))
                continue;
            Candidate c = matchedPinned.value(seq, Candidate{seq, orderOf(seq)});
            c.curated = true;
            pinned.push_back(c);
            pinnedAt.push_back(position);
        }
    }
    // Geo sorts: each candidate's distance (meters; NaN without a point), once per sort field.
    std::vector<std::vector<double>> geoDistances(sorts.size());
    for (size_t k = 0; k < sorts.size(); ++k) {
        if (!sorts[k].geo)
            continue;
        geoDistances[k].assign(m_docs.size(), std::numeric_limits<double>::quiet_NaN());
        for (const std::vector<Candidate> *list : {&candidates, &pinned})
            for (const Candidate &c : *list)
                geoDistances[k][c.seq] = distanceFrom(sorts[k].field, c.seq, sorts[k].lat, sorts[k].lng);
    }
    // Sort: only as far as the requested page; numbers come from the fields' columns.
    std::vector<const std::vector<double> *> columns;
    for (const SortSpec &spec : sorts) {
        const auto column = spec.numeric ? m_numbers.constFind(spec.field) : m_numbers.constEnd();
        columns.push_back(column != m_numbers.constEnd() ? &*column : nullptr);
    }
    auto numberOf = [this](const std::vector<double> *column, quint32 seq, const QString &name, bool *present) {
        if (column) {
            const double x = seq < column->size() ? (*column)[seq] : std::numeric_limits<double>::quiet_NaN();
            *present = !std::isnan(x);
            return x;
        }
        const QJsonValue v = fieldValue(seq, name);
        *present = v.isDouble() || v.isBool();
        return v.isBool() ? (v.toBool() ? 1.0 : 0.0) : v.toDouble();
    };
    // String sort keys, read once per candidate rather than per comparison.
    std::vector<QHash<quint32, QString>> sortTexts(sorts.size());
    for (size_t k = 0; k < sorts.size(); ++k)
        if (!sorts[k].textMatch && !sorts[k].numeric && !sorts[k].geo)
            for (const Candidate &c : candidates)
                sortTexts[k].insert(c.seq, fieldValue(c.seq, sorts[k].field).toString());
    // With _text_match(buckets: N): the text match of each top hit's tier, by sequence (below).
    QHash<quint32, quint64> tierMatch;
    auto before = [&](const Candidate &a, const Candidate &b) {
        for (size_t k = 0; k < sorts.size(); ++k) {
            const SortSpec &s = sorts[k];
            if (s.textMatch) {
                const quint64 ma = tierMatch.isEmpty() ? a.textMatch : tierMatch.value(a.seq, a.textMatch);
                const quint64 mb = tierMatch.isEmpty() ? b.textMatch : tierMatch.value(b.seq, b.textMatch);
                if (ma != mb)
                    return s.desc ? ma > mb : ma < mb;
                continue;
            }
            if (s.geo) {
                auto bucketed = [&s](double d) {
                    if (s.excludeRadius > 0 && d <= s.excludeRadius)
                        return 0.0;
                    return s.precision > 0 ? std::floor(d / s.precision) : d;
                };
                const double da = geoDistances[k][a.seq], db = geoDistances[k][b.seq];
                if (std::isnan(da) != std::isnan(db))
                    return std::isnan(db); // documents without a point last
                if (!std::isnan(da) && bucketed(da) != bucketed(db))
                    return s.desc ? bucketed(da) > bucketed(db) : bucketed(da) < bucketed(db);
                continue;
            }
            if (s.field == QLatin1String("_seq_id")) {
                const quint32 oa = a.order, ob = b.order;
                if (oa != ob)
                    return s.desc ? oa > ob : oa < ob;
                continue;
            }
            if (s.numeric) {
                bool pa = false, pb = false;
                const double va = numberOf(columns[k], a.seq, s.field, &pa), vb = numberOf(columns[k], b.seq, s.field, &pb);
                if (pa != pb)
                    return pa; // documents without the value last
                if (pa && va != vb)
                    return s.desc ? va > vb : va < vb;
            } else {
                const QString &va = sortTexts[k][a.seq];
                const QString &vb = sortTexts[k][b.seq];
                const int cmp = QString::compare(va, vb, Qt::CaseInsensitive);
                if (cmp != 0)
                    return s.desc ? cmp > 0 : cmp < 0;
            }
        }
        return a.order > b.order; // later insertion first
    };
    // Ranking: only the hits a page can show are put in order, through a bounded heap of indices
    // (top_k.h); the other matches are neither sorted nor moved, and `found`, facets and groups
    // read them in the order they were found.
    // Text match buckets: the first (up to) 250 hits in rank order are cut into N tiers of equal
    // length; within a tier every hit counts the text match of the tier's first, so the next sort
    // field decides (its own text_match is still what the hit shows).
    const auto bucketed = std::find_if(sorts.begin(), sorts.end(), [](const SortSpec &s) { return s.textMatch && s.buckets > 0; });
    const qint64 tiered = bucketed == sorts.end() ? 0 : std::min<qint64>(kMaxPerPage, qint64(candidates.size()));
    const bool tiers = bucketed != sorts.end() && tiered >= bucketed->buckets;
    const bool grouping = !groupBy.isEmpty();
    // Groups follow the final list's order; with pinned hits or tiers that order is not the
    // ranking's, so every match is ranked first (rare: group_by with curation or buckets).
    const bool rankAll = grouping && (!pinned.empty() || tiers);
    qint64 needed = grouping ? (rankAll ? qint64(candidates.size()) : 0)
                             : std::min<qint64>(qint64(offset) + perPage, qint64(candidates.size()));
    if (tiers)
        needed = std::max(needed, tiered);
    auto rankBefore = [&](quint32 a, quint32 b) { return before(candidates[a], candidates[b]); };
    std::vector<quint32> ranked = topIndices(candidates.size(), size_t(needed), rankBefore);
    if (tiers) {
        const qint64 tierLength = tiered / bucketed->buckets;
        for (qint64 i = 0; i < tiered; i += tierLength)
            for (qint64 j = i; j < i + tierLength && j < tiered; ++j)
                tierMatch.insert(candidates[ranked[size_t(j)]].seq, candidates[ranked[size_t(i)]].textMatch);
        std::sort(ranked.begin(), ranked.begin() + tiered, rankBefore);
    }
    // The head of the final list: the ranked hits with the pinned ones placed at their positions
    // (several ids pinned to one position follow each other from there, in the order given). A
    // position past every ranked hit is past the page too.
    std::vector<const Candidate *> listed;
    listed.reserve(ranked.size() + pinned.size());
    for (quint32 i : ranked)
        listed.push_back(&candidates[i]);
    qsizetype total = countOnly ? qsizetype(countedMatches) : qsizetype(candidates.size());
    qsizetype previousAt = -1;
    int previousPosition = 0;
    for (size_t p = 0; p < pinned.size(); ++p) {
        qsizetype at = std::min<qsizetype>(pinnedAt[p] - 1, total);
        if (pinnedAt[p] == previousPosition)
            at = previousAt + 1;
        if (at <= qsizetype(listed.size()))
            listed.insert(listed.begin() + at, &pinned[p]);
        previousAt = at;
        previousPosition = pinnedAt[p];
        ++total;
    }
    // Every match once: the final list when it is complete, else the candidates and pinned hits.
    auto forEachMatch = [&](auto &&f) {
        if (rankAll) {
            for (size_t i = 0; i < listed.size(); ++i)
                f(*listed[i], i);
            return;
        }
        for (size_t i = 0; i < candidates.size(); ++i)
            f(candidates[i], i);
        for (const Candidate &c : pinned)
            f(c, size_t(0)); // (no pinned hits when grouping here)
    };

    // group_by: a group is the documents with the same values in every group_by field (as facet
    // value ids, so arrays group by their whole list); without values: one group, or one each.
    // Groups come in the order of their best hit; facet counts then count groups, not documents.
    std::vector<quint32> groupOf; // per match, in forEachMatch's order
    size_t groupCount = 0;
    std::vector<RankedGroup> groups; // the first offset + per_page groups
    std::vector<const Candidate *> groupItems; // what groupOf and groups' members index
    if (grouping) {
        QHash<QByteArray, quint32> groupIds;
        std::vector<const FacetColumn *> groupColumns;
        for (const QString &name : groupBy) {
            const auto it = m_facets.constFind(name);
            groupColumns.push_back(it == m_facets.constEnd() ? nullptr : &*it);
        }
        QByteArray key;
        forEachMatch([&](const Candidate &c, size_t) {
            const quint32 seq = c.seq;
            key.clear();
            bool missing = false;
            for (const FacetColumn *column : groupColumns) {
                if (!column || size_t(seq) + 1 >= column->offsets.size() || column->offsets[seq] == column->offsets[seq + 1])
                    missing = true;
                else
                    key.append(reinterpret_cast<const char *>(column->valueIds.data() + column->offsets[seq]),
                               qsizetype(column->offsets[seq + 1] - column->offsets[seq]) * qsizetype(sizeof(int)));
                const int separator = -1;
                key.append(reinterpret_cast<const char *>(&separator), sizeof separator);
            }
            if (missing && !groupMissingValues) {
                const qint64 own[] = {-2, qint64(seq)}; // a group of its own
                key = QByteArray(reinterpret_cast<const char *>(own), sizeof own);
            }
            const auto it = groupIds.constFind(key);
            const quint32 id = it == groupIds.constEnd() ? *groupIds.insert(key, quint32(groupIds.size())) : *it;
            groupOf.push_back(id);
            groupItems.push_back(&c);
        });
        groupCount = size_t(groupIds.size());
        const size_t wanted = size_t(std::min<qint64>(qint64(offset) + perPage, qint64(groupCount)));
        if (rankAll)
            groups = topGroups(groupOf, groupCount, wanted, size_t(groupLimit), [](quint32 a, quint32 b) { return a < b; });
        else
            groups = topGroups(groupOf, groupCount, wanted, size_t(groupLimit), rankBefore);
    }
    // The hits in rank order as far as they are known, for the order of equal facet counts.
    std::vector<const Candidate *> rankedHead;
    if (grouping) {
        for (const RankedGroup &g : groups)
            for (quint32 i : g.members)
                rankedHead.push_back(groupItems[i]);
    } else {
        rankedHead = listed;
    }

    // Facets over every match
    const QString startTag = params.value(QStringLiteral("highlight_start_tag"), QStringLiteral("<mark>"));
    const QString endTag = params.value(QStringLiteral("highlight_end_tag"), QStringLiteral("</mark>"));
    // The answer is written as it is found, members in QJsonObject's (sorted) key order.
    QByteArray answer;
    answer.reserve(qsizetype(16 << 10) + qsizetype(std::min(perPage, 50)) * 2048);
    JsonWriter w(&answer);
    w.beginObject();
    w.key("facet_counts");
    w.beginArray();
    std::vector<quint32> matchSeqs; // every match's sequence, when they are not counted ones
    bool matchSeqsTaken = false;
    for (const QString &name : facetBy) {
        const Field *f = field(name);
        static const FacetColumn kNoValues;
        const auto columnIt = m_facets.constFind(name);
        const FacetColumn &column = columnIt != m_facets.constEnd() ? *columnIt : kNoValues;
        // facet_query: which dictionary values it admits, decided once per value.
        const bool queried = name == facetQueryField && !facetQueryTokens.isEmpty();
        std::vector<char> admitted;
        if (queried) {
            admitted.resize(size_t(column.dictionary.size()));
            for (qsizetype id = 0; id < column.dictionary.size(); ++id)
                admitted[size_t(id)] = !facetHighlight(column.dictionary[id], facetQueryTokens, m_analyzer, QString(), QString()).isEmpty();
        }
        // Counts by value id in a plain array, from the facet column (no document is read).
        // Equal counts keep the order in which the ranked hits first show their values, then
        // the order of the other matches.
        std::vector<int> counts(size_t(column.dictionary.size()), 0);
        std::vector<char> listedValue(size_t(column.dictionary.size()), 0);
        std::vector<int> firstSeen;
        auto valuesOf = [&column](quint32 seq, const int **begin, const int **end) {
            if (size_t(seq) + 1 >= column.offsets.size()) {
                *begin = *end = nullptr;
                return;
            }
            *begin = column.valueIds.data() + column.offsets[seq];
            *end = column.valueIds.data() + column.offsets[seq + 1];
        };
        for (const Candidate *c : rankedHead) {
            const int *b, *e;
            valuesOf(c->seq, &b, &e);
            for (; b != e; ++b)
                if ((!queried || admitted[size_t(*b)]) && !listedValue[size_t(*b)]) {
                    listedValue[size_t(*b)] = 1;
                    firstSeen.push_back(*b);
                }
        }
        QSet<quint64> countedGroups; // (value id, group) pairs already counted when grouping
        auto countValues = [&](quint32 seq, size_t i) {
            const int *b, *e;
            valuesOf(seq, &b, &e);
            for (; b != e; ++b) {
                const int id = *b;
                if (queried && !admitted[size_t(id)])
                    continue;
                if (grouping) {
                    const quint64 pair = (quint64(id) << 32) | groupOf[i];
                    if (countedGroups.contains(pair))
                        continue;
                    countedGroups.insert(pair);
                }
                if (counts[size_t(id)]++ == 0 && !listedValue[size_t(id)])
                    firstSeen.push_back(id);
            }
        };
        if (column.singleValued && !grouping) {
            // One value at most per document: counted by value id + 1 (0: none), the values in
            // the order they first show up, then sorted out below as the general path does.
            if (!countOnly && !matchSeqsTaken) {
                forEachMatch([&](const Candidate &c, size_t) { matchSeqs.push_back(c.seq); });
                matchSeqsTaken = true;
            }
            const std::vector<quint32> &seqs = countOnly ? countedSeqs : matchSeqs;
            std::vector<quint32> countsByCell(size_t(column.dictionary.size()) + 1, 0);
            std::vector<quint16> cellsSeen;
            countFacetCells(column.singleIds.data(), column.singleIds.size(), seqs.data(), seqs.size(), countsByCell, cellsSeen);
            for (quint16 cell : cellsSeen) {
                if (cell == 0)
                    continue;
                const int id = int(cell) - 1;
                if (queried && !admitted[size_t(id)])
                    continue;
                counts[size_t(id)] = int(countsByCell[cell]);
                if (!listedValue[size_t(id)])
                    firstSeen.push_back(id);
            }
        } else if (countOnly) {
            for (size_t i = 0; i < countedSeqs.size(); ++i)
                countValues(countedSeqs[i], i);
        } else {
            forEachMatch([&](const Candidate &c, size_t i) { countValues(c.seq, i); });
        }
        if (const auto alpha = facetAlphaAscending.constFind(name); alpha != facetAlphaAscending.constEnd()) {
            const bool ascending = *alpha;
            std::sort(firstSeen.begin(), firstSeen.end(), [&](int a, int b) {
                const int order = QString::compare(column.dictionary[a], column.dictionary[b]);
                return ascending ? order < 0 : order > 0;
            });
        } else {
            std::stable_sort(firstSeen.begin(), firstSeen.end(), [&](int a, int b) { return counts[size_t(a)] > counts[size_t(b)]; });
        }
        w.beginObject();
        w.key("counts");
        w.beginArray();
        for (size_t i = 0; i < firstSeen.size() && i < size_t(std::max(0, maxFacetValues)); ++i) {
            const QString &value = column.dictionary[firstSeen[i]];
            w.beginObject();
            w.key("count");
            w.integer(counts[size_t(firstSeen[i])]);
            w.key("highlighted");
            w.string(queried ? facetHighlight(value, facetQueryTokens, m_analyzer, startTag, endTag) : value);
            w.key("value");
            w.string(value);
            w.endObject();
        }
        w.endArray();
        w.key("field_name");
        w.string(name);
        w.key("sampled");
        w.boolean(false);
        double mn = std::numeric_limits<double>::infinity(), mx = -mn, sum = 0;
        qint64 n = 0;
        QSet<double> distinct;
        if (f->isNumeric()) {
            for (int id : firstSeen) {
                const double d = column.dictionary[id].toDouble();
                mn = std::min(mn, d);
                mx = std::max(mx, d);
                sum += d * counts[size_t(id)];
                n += counts[size_t(id)];
                distinct.insert(d);
            }
        }
        w.key("stats");
        w.beginObject();
        if (f->isNumeric() && !distinct.isEmpty()) {
            w.key("avg");
            w.number(n ? sum / double(n) : 0.0);
            w.key("max");
            w.number(mx);
            w.key("min");
            w.number(mn);
            w.key("sum");
            w.number(sum);
            w.key("total_values");
            w.integer(distinct.size());
        } else {
            w.key("total_values");
            w.integer(qint64(firstSeen.size()));
        }
        w.endObject();
        w.endObject();
    }
    w.endArray();

    // The page
    const QStringList include = splitList(params.value(QStringLiteral("include_fields")));
    const QStringList exclude = splitList(params.value(QStringLiteral("exclude_fields")));
    QStringList highlightFields = splitList(params.value(QStringLiteral("highlight_fields")));
    if (highlightFields.isEmpty())
        highlightFields = queryBy;
    // highlight_full_fields (InstantSearch's adapter sends query_by there): the whole value,
    // highlighted, as `value` beside the snippet.
    const QStringList fullFields = splitList(params.value(QStringLiteral("highlight_full_fields")));
    const auto wholeValue = [&](const QString &text, const TextAnalyzer &analyzer) {
        QJsonArray unused;
        return highlightText(text, analyzer, highlightTerms, startTag, endTag, &unused, true);
    };
    // An array field's highlight: `perElement` becomes its `highlight` member (every element, its
    // snippet or else its text) and `entry` its `highlights` entry; false when no element matched.
    const auto highlightArray = [&](const QString &name, const QJsonArray &values, const TextAnalyzer &analyzer, bool full,
                                    QJsonArray *perElement, QJsonObject *entry) {
        QJsonArray indices, snippets, matchedAll;
        for (qsizetype k = 0; k < values.size(); ++k) {
            QJsonArray matched;
            const QString text = values.at(k).toString();
            const QString snippet = highlightText(text, analyzer, highlightTerms, startTag, endTag, &matched);
            QJsonObject element{{QStringLiteral("matched_tokens"), matched},
                                {QStringLiteral("snippet"), snippet.isEmpty() ? text : snippet}};
            if (full)
                element.insert(QStringLiteral("value"), snippet.isEmpty() ? text : wholeValue(text, analyzer));
            perElement->append(element);
            if (!snippet.isEmpty()) {
                indices.append(k);
                snippets.append(snippet);
                matchedAll.append(matched);
            }
        }
        if (indices.isEmpty())
            return false;
        *entry = QJsonObject{{QStringLiteral("field"), name}, {QStringLiteral("indices"), indices},
                             {QStringLiteral("matched_tokens"), matchedAll}, {QStringLiteral("snippets"), snippets}};
        return true;
    };
    // Hits with nested fields go through the object built here (their highlights sit inside
    // objects); the others are written from the stored document's bytes, below.
    auto renderHitObject = [&](const Candidate &c) {
        const QJsonObject doc = documentJson(c.seq);
        QJsonObject highlight;
        QJsonArray highlights;
        if (!wildcard) {
            for (const QString &name : highlightFields) {
                const TextAnalyzer &fieldAnalyzer = analyzerFor(field(name));
                if (m_enableNestedFields && name.contains(u'.') && !doc.contains(name)) {
                    // A nested field's highlight sits inside its object, as Typesense puts it in
                    // `highlight` (and leaves it out of the older `highlights`).
                    const QJsonValue nested = nestedValue(doc, name);
                    QJsonArray matched;
                    const QString snippet = nested.isString()
                                                ? highlightText(nested.toString(), fieldAnalyzer, highlightTerms, startTag, endTag, &matched)
                                                : QString();
                    if (snippet.isEmpty())
                        continue;
                    const QStringList parts = name.split(u'.');
                    QJsonObject leaf{{QStringLiteral("matched_tokens"), matched}, {QStringLiteral("snippet"), snippet}};
                    if (fullFields.contains(name))
                        leaf.insert(QStringLiteral("value"), wholeValue(nested.toString(), fieldAnalyzer));
                    QJsonValue node = leaf;
                    for (qsizetype k = parts.size() - 1; k >= 0; --k)
                        node = QJsonObject{{parts[k], node}};
                    highlight = mergePicks(highlight, node).toObject();
                    continue;
                }
                const QJsonValue v = doc.value(name);
                if (v.isString()) {
                    QJsonArray matched;
                    const QString snippet = highlightText(v.toString(), fieldAnalyzer, highlightTerms, startTag, endTag, &matched);
                    if (snippet.isEmpty())
                        continue;
                    QJsonObject one{{QStringLiteral("matched_tokens"), matched}, {QStringLiteral("snippet"), snippet}};
                    QJsonObject legacy{{QStringLiteral("field"), name}, {QStringLiteral("matched_tokens"), matched},
                                       {QStringLiteral("snippet"), snippet}};
                    if (fullFields.contains(name)) {
                        const QString value = wholeValue(v.toString(), fieldAnalyzer);
                        one.insert(QStringLiteral("value"), value);
                        legacy.insert(QStringLiteral("value"), value);
                    }
                    highlight.insert(name, one);
                    highlights.append(legacy);
                } else if (v.isArray()) {
                    QJsonArray perElement;
                    QJsonObject entry;
                    if (!highlightArray(name, v.toArray(), fieldAnalyzer, fullFields.contains(name), &perElement, &entry))
                        continue;
                    highlight.insert(name, perElement);
                    highlights.append(entry);
                }
            }
        }
        QJsonObject hit{{QStringLiteral("document"), selectFields(doc, include, exclude)},
                        {QStringLiteral("highlight"), highlight},
                        {QStringLiteral("highlights"), highlights},
                        {QStringLiteral("text_match"), qint64(c.textMatch)}};
        if (c.curated)
            hit.insert(QStringLiteral("curated"), true);
        if (!wildcard) {
            hit.insert(QStringLiteral("text_match_info"),
                       QJsonObject{{QStringLiteral("best_field_score"), QString::number(c.bestFieldScore)},
                                   {QStringLiteral("best_field_weight"), c.bestWeight},
                                   {QStringLiteral("fields_matched"), c.fieldsMatched},
                                   {QStringLiteral("num_tokens_dropped"), queryTokenCount - c.tokensMatched},
                                   {QStringLiteral("score"), QString::number(c.textMatch)},
                                   {QStringLiteral("tokens_matched"), c.tokensMatched},
                                   {QStringLiteral("typo_prefix_score"), c.typos}});
        }
        QJsonObject distances;
        for (size_t k = 0; k < sorts.size(); ++k)
            if (sorts[k].geo && !std::isnan(geoDistances[k][c.seq]))
                distances.insert(sorts[k].field, qint64(std::llround(geoDistances[k][c.seq])));
        if (!distances.isEmpty())
            hit.insert(QStringLiteral("geo_distance_meters"), distances);
        return hit;
    };
    // Per search: what every hit's highlights need. A field named twice in highlight_fields is
    // one `highlight` member (its last) and two `highlights` entries, as QJsonObject made them.
    struct HighlightField
    {
        QString name;
        QByteArray utf8Name;
        QByteArray nameJson; // quoted
        const TextAnalyzer *analyzer;
        bool full;           // highlight_full_fields: `value` too
        bool plainName;      // nothing to escape in the name: its stored key is its UTF-8
    };
    std::vector<HighlightField> shownFields;
    std::vector<size_t> highlightOrder; // shownFields' indices in `highlight`'s key order
    AsciiHighlighter ascii;
    QSet<QByteArray> asciiTerms;
    if (!wildcard && !m_enableNestedFields) {
        for (const QString &name : std::as_const(highlightFields)) {
            HighlightField h{name, name.toUtf8(), QByteArray("\""), &analyzerFor(field(name)), fullFields.contains(name), true};
            JsonWriter::appendEscaped(h.nameJson, name);
            h.nameJson.append('"');
            h.plainName = h.nameJson.size() == h.utf8Name.size() + 2;
            shownFields.push_back(std::move(h));
        }
        for (size_t i = 0; i < shownFields.size(); ++i) {
            const bool again = std::any_of(shownFields.begin() + qsizetype(i) + 1, shownFields.end(),
                                           [&](const HighlightField &h) { return h.name == shownFields[i].name; });
            if (!again)
                highlightOrder.push_back(i);
        }
        std::sort(highlightOrder.begin(), highlightOrder.end(),
                  [&](size_t a, size_t b) { return QString::compare(shownFields[a].name, shownFields[b].name) < 0; });
        for (const QString &term : std::as_const(highlightTerms)) {
            if (std::all_of(term.begin(), term.end(), [](QChar ch) { return ch.unicode() < 0x80; })) {
                asciiTerms.insert(term.toLatin1());
                ascii.termLengths |= quint64(1) << std::min<qsizetype>(term.size(), 63);
            }
        }
        ascii.terms = &asciiTerms;
        JsonWriter::appendEscaped(ascii.startTag, startTag);
        JsonWriter::appendEscaped(ascii.endTag, endTag);
    }
    // One hit's highlights, per shown field: for a string, its matched tokens, snippet and value
    // (JSON, in `pieces`); for an array, the whole `highlight` member and `highlights` entry.
    struct Shown
    {
        bool present = false;
        bool array = false;
        qsizetype matched[2], snippet[2], value[2]; // [from, to) in pieces; value empty without
    };
    thread_local QByteArray pieces;
    thread_local std::vector<Shown> shown;
    auto piece = [](const qsizetype (&range)[2]) { return QByteArrayView(pieces.constData() + range[0], range[1] - range[0]); };
    auto highlightField = [&](const HighlightField &h, QByteArrayView stored, const QJsonObject *parsed, Shown *s) {
        QByteArrayView plain;
        if (h.plainName && !parsed && h.analyzer->plainAscii() && plainAsciiMember(stored, h.utf8Name, &plain)) {
            s->matched[0] = pieces.size();
            pieces.append('[');
            thread_local QByteArray snippet, matched; // (resize(0) keeps their room)
            snippet.resize(0);
            matched.resize(0);
            if (!ascii.highlight(plain, false, &snippet, &matched)) {
                pieces.resize(s->matched[0]);
                return;
            }
            JsonWriter::appendBytes(pieces, matched);
            pieces.append(']');
            s->matched[1] = s->snippet[0] = pieces.size();
            JsonWriter::appendBytes(pieces, snippet);
            s->snippet[1] = s->value[0] = pieces.size();
            if (h.full) {
                matched.resize(0);
                ascii.highlight(plain, true, &pieces, &matched);
            }
            s->value[1] = pieces.size();
            s->present = true;
            return;
        }
        bool found = false;
        const QJsonValue v = parsed ? parsed->value(h.name) : compactMember(QByteArray::fromRawData(stored.data(), stored.size()), h.name, &found);
        if (v.isString()) {
            QJsonArray matched;
            const QString text = v.toString();
            const QString snippet = highlightText(text, *h.analyzer, highlightTerms, startTag, endTag, &matched);
            if (snippet.isEmpty())
                return;
            s->matched[0] = pieces.size();
            pieces.append(QJsonDocument(matched).toJson(QJsonDocument::Compact));
            s->matched[1] = s->snippet[0] = pieces.size();
            JsonWriter(&pieces).string(snippet);
            s->snippet[1] = s->value[0] = pieces.size();
            if (h.full)
                JsonWriter(&pieces).string(wholeValue(text, *h.analyzer));
            s->value[1] = pieces.size();
            s->present = true;
        } else if (v.isArray()) {
            QJsonArray perElement;
            QJsonObject entry;
            if (!highlightArray(h.name, v.toArray(), *h.analyzer, h.full, &perElement, &entry))
                return;
            // (matched: the `highlight` member; snippet: the whole `highlights` entry)
            s->matched[0] = pieces.size();
            pieces.append(QJsonDocument(perElement).toJson(QJsonDocument::Compact));
            s->matched[1] = s->snippet[0] = pieces.size();
            pieces.append(QJsonDocument(entry).toJson(QJsonDocument::Compact));
            s->snippet[1] = s->value[0] = s->value[1] = pieces.size();
            s->array = true;
            s->present = true;
        }
    };
    // include_fields/exclude_fields naming top-level fields only (nothing to escape, no path):
    // the stored members kept, as they are, in their (sorted) order, as selectFields() keeps them.
    const bool selecting = !include.isEmpty() || !exclude.isEmpty();
    QSet<QByteArray> includeKeys, excludeKeys;
    bool selectingStored = true;
    for (const auto &[names, keys] : {std::pair{&include, &includeKeys}, std::pair{&exclude, &excludeKeys}}) {
        for (const QString &name : *names) {
            QByteArray escaped;
            JsonWriter::appendEscaped(escaped, name);
            selectingStored = selectingStored && !name.contains(u'.') && escaped == name.toUtf8();
            keys->insert(escaped);
        }
    }
    auto writeSelected = [&](QByteArrayView stored) {
        const char *s = stored.data();
        const qsizetype n = stored.size();
        w.beginObject();
        for (qsizetype p = 1; p < n && s[p] != '}';) {
            if (s[p] == ',')
                ++p;
            const qsizetype keyEnd = skipJsonValue(s, n, p); // (after the closing quote)
            if (keyEnd < 0 || keyEnd >= n || s[keyEnd] != ':')
                break;
            const qsizetype valueEnd = skipJsonValue(s, n, keyEnd + 1);
            if (valueEnd < 0)
                break;
            const QByteArray key = QByteArray::fromRawData(s + p + 1, keyEnd - p - 2);
            if ((include.isEmpty() || includeKeys.contains(key)) && !excludeKeys.contains(key)) {
                w.key(QLatin1StringView(key.constData(), key.size())); // (stored escaped: written as it is)
                w.raw(QByteArrayView(s + keyEnd + 1, valueEnd - keyEnd - 1));
            }
            p = valueEnd;
        }
        w.endObject();
    };
    auto renderHit = [&](const Candidate &c) {
        if (m_enableNestedFields)
            return w.object(renderHitObject(c));
        const QByteArrayView stored = documentView(c.seq);
        // (a document QJsonDocument would not write back as stored is read like the old way)
        std::optional<QJsonObject> parsed;
        if (!rewritesAsItself(stored) || (selecting && !selectingStored))
            parsed = documentJson(c.seq);
        w.beginObject();
        if (c.curated) {
            w.key("curated");
            w.boolean(true);
        }
        w.key("document");
        if (parsed)
            w.object(selectFields(*parsed, include, exclude));
        else if (selecting)
            writeSelected(stored);
        else
            w.raw(stored);
        QJsonObject distances;
        for (size_t k = 0; k < sorts.size(); ++k)
            if (sorts[k].geo && !std::isnan(geoDistances[k][c.seq]))
                distances.insert(sorts[k].field, qint64(std::llround(geoDistances[k][c.seq])));
        if (!distances.isEmpty()) {
            w.key("geo_distance_meters");
            w.object(distances);
        }
        pieces.resize(0);
        shown.assign(shownFields.size(), Shown{});
        for (size_t i = 0; i < shownFields.size(); ++i)
            highlightField(shownFields[i], stored, parsed ? &*parsed : nullptr, &shown[i]);
        auto writeMembers = [&](const Shown &s) {
            w.key("matched_tokens");
            w.raw(piece(s.matched));
            w.key("snippet");
            w.raw(piece(s.snippet));
            if (s.value[1] > s.value[0]) {
                w.key("value");
                w.raw(piece(s.value));
            }
            w.endObject();
        };
        w.key("highlight");
        w.beginObject();
        for (size_t i : highlightOrder) {
            const Shown &s = shown[i];
            if (!s.present)
                continue;
            w.key(shownFields[i].name);
            if (s.array) {
                w.raw(piece(s.matched));
                continue;
            }
            w.beginObject();
            writeMembers(s);
        }
        w.endObject();
        w.key("highlights");
        w.beginArray();
        for (size_t i = 0; i < shownFields.size(); ++i) {
            const Shown &s = shown[i];
            if (!s.present)
                continue;
            if (s.array) {
                w.raw(piece(s.snippet));
                continue;
            }
            w.beginObject();
            w.key("field");
            w.raw(shownFields[i].nameJson);
            writeMembers(s);
        }
        w.endArray();
        w.key("text_match");
        w.integer(qint64(c.textMatch));
        if (!wildcard) {
            w.key("text_match_info");
            w.beginObject();
            w.key("best_field_score");
            w.string(QString::number(c.bestFieldScore));
            w.key("best_field_weight");
            w.integer(c.bestWeight);
            w.key("fields_matched");
            w.integer(c.fieldsMatched);
            w.key("num_tokens_dropped");
            w.integer(queryTokenCount - c.tokensMatched);
            w.key("score");
            w.string(QString::number(c.textMatch));
            w.key("tokens_matched");
            w.integer(c.tokensMatched);
            w.key("typo_prefix_score");
            w.integer(c.typos);
            w.endObject();
        }
        w.endObject();
    };
    if (groupBy.isEmpty()) {
        w.key("found");
        w.integer(qint64(total));
        w.key("hits");
        w.beginArray();
        for (qsizetype i = offset; i < qsizetype(listed.size()) && i < qint64(offset) + perPage; ++i)
            renderHit(*listed[size_t(i)]);
        w.endArray();
    } else {
        // `found` and the page count groups.
        w.key("found");
        w.integer(qint64(groupCount));
        w.key("found_docs");
        w.integer(qint64(total));
        w.key("grouped_hits");
        w.beginArray();
        for (qsizetype i = offset; i < qsizetype(groups.size()) && i < qint64(offset) + perPage; ++i) {
            const RankedGroup &g = groups[size_t(i)];
            w.beginObject();
            w.key("found");
            w.integer(qint64(g.size));
            w.key("group_key");
            w.beginArray();
            const quint32 first = groupItems[g.members.front()]->seq;
            for (const QString &name : groupBy)
                if (const QJsonValue v = fieldValue(first, name); !v.isUndefined() && !v.isNull())
                    w.value(v);
            w.endArray();
            w.key("hits");
            w.beginArray();
            for (quint32 member : g.members)
                renderHit(*groupItems[member]);
            w.endArray();
            w.endObject();
        }
        w.endArray();
    }
    if (!metadata.isEmpty()) {
        w.key("metadata");
        w.object(metadata);
    }
    w.key("out_of");
    w.integer(qint64(numDocuments()));
    w.key("page");
    w.integer(page == 0 ? offset / std::max(1, perPage) + 1 : page);
    w.key("request_params");
    w.beginObject();
    w.key("collection_name");
    w.string(m_name);
    w.key("first_q");
    w.string(params.value(QStringLiteral("q")));
    w.key("per_page");
    w.integer(perPage);
    w.key("q");
    w.string(params.value(QStringLiteral("q")));
    w.endObject();
    w.key("search_cutoff");
    w.boolean(false);
    w.key("search_time_ms");
    w.integer(qint64(timer.elapsed()));
    w.endObject();
    return answer;
}

} // namespace homeport::search
