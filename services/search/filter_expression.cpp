#include "filter_expression.h"

#include <QRegularExpression>

#include <QJsonArray>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace homeport::search {

namespace {

struct ParseError
{
    int status;
    QString message;
};

const QString kParseError = QStringLiteral("Could not parse the filter query.");
const QString kUnitError = QStringLiteral("Unit must be either `km` or `mi`.");
constexpr double kMetersPerMile = 1609.34;

QString geoFormatError(const QString &field)
{
    return QStringLiteral("Value of filter field `%1`: must be in the `([-44.50, 170.29], radius: 0.75 km, "
                          "exact_filter_radius: 5 km)` or ([56.33, -65.97, 23.82, -127.82], exact_filter_radius: 7 km) format.")
        .arg(field);
}

// "5 km", "5km", "0.5 mi" in meters; false with *unitError when the unit is neither.
bool parseDistance(QString text, double *meters, bool *unitError)
{
    text = text.trimmed();
    *unitError = false;
    if (text.size() < 2) {
        *unitError = true;
        return false;
    }
    const QString unit = text.right(2);
    if (unit != QLatin1String("km") && unit != QLatin1String("mi")) {
        *unitError = true;
        return false;
    }
    bool ok = false;
    const double value = text.chopped(2).trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(value) || value < 0)
        return false;
    *meters = unit == QLatin1String("km") ? value * 1000 : value * kMetersPerMile;
    return true;
}

bool parseCoordinate(const QString &text, double *out)
{
    bool ok = false;
    *out = text.trimmed().toDouble(&ok);
    return ok && std::isfinite(*out);
}

class Parser
{
public:
    Parser(const QString &text, const FilterExpression::FieldLookup &lookup, const TextAnalyzer &analyzer)
        : m_s(text), m_lookup(lookup), m_analyzer(analyzer) {}

    std::unique_ptr<FilterNode> parseAll()
    {
        auto node = parseOr();
        skipSpace();
        if (m_i != m_s.size())
            throw ParseError{400, kParseError};
        return node;
    }

private:
    void skipSpace()
    {
        while (m_i < m_s.size() && m_s[m_i].isSpace())
            ++m_i;
    }
    bool lookingAt(QStringView token)
    {
        skipSpace();
        return QStringView(m_s).mid(m_i).startsWith(token);
    }

    std::unique_ptr<FilterNode> parseOr()
    {
        auto left = parseAnd();
        while (lookingAt(u"||")) {
            m_i += 2;
            auto node = std::make_unique<FilterNode>();
            node->type = FilterNode::Type::Or;
            node->children.push_back(std::move(left));
            node->children.push_back(parseAnd());
            left = std::move(node);
        }
        return left;
    }
    std::unique_ptr<FilterNode> parseAnd()
    {
        auto left = parsePrimary();
        while (lookingAt(u"&&")) {
            m_i += 2;
            auto node = std::make_unique<FilterNode>();
            node->type = FilterNode::Type::And;
            node->children.push_back(std::move(left));
            node->children.push_back(parsePrimary());
            left = std::move(node);
        }
        return left;
    }
    std::unique_ptr<FilterNode> parsePrimary()
    {
        skipSpace();
        // `parent.{...}`: conditions on one element of an array of objects.
        static const QRegularExpression elementStart(QStringLiteral("\\G([^\\s:(){}`]+)\\.\\{"));
        if (const QRegularExpressionMatch m = elementStart.match(m_s, m_i); m.hasMatch()) {
            m_i = m.capturedEnd();
            auto node = std::make_unique<FilterNode>();
            node->type = FilterNode::Type::Element;
            node->field = m_prefix + m.captured(1);
            const QString outer = m_prefix;
            m_prefix = node->field + u'.';
            node->children.push_back(parseOr());
            m_prefix = outer;
            skipSpace();
            if (m_i >= m_s.size() || m_s[m_i] != u'}')
                throw ParseError{400, kParseError};
            ++m_i;
            return node;
        }
        if (m_i < m_s.size() && m_s[m_i] == u'(') {
            ++m_i;
            auto node = parseOr();
            skipSpace();
            if (m_i >= m_s.size() || m_s[m_i] != u')')
                throw ParseError{400, kParseError};
            ++m_i;
            return node;
        }
        return parseClause();
    }

    // A bare value ends at `&&`, `||`, `)` (outside backticks), `}` inside `parent.{...}`, or the end.
    QString bareValue(bool inList)
    {
        skipSpace();
        if (m_i < m_s.size() && m_s[m_i] == u'`') {
            const qsizetype end = m_s.indexOf(u'`', m_i + 1);
            if (end < 0)
                throw ParseError{400, kParseError};
            QString v = m_s.mid(m_i + 1, end - m_i - 1);
            m_i = end + 1;
            return v;
        }
        const qsizetype start = m_i;
        while (m_i < m_s.size()) {
            const QChar c = m_s[m_i];
            if (inList && (c == u',' || c == u']'))
                break;
            if (!inList && (c == u')' || (c == u'}' && !m_prefix.isEmpty()) || QStringView(m_s).mid(m_i).startsWith(u"&&")
                            || QStringView(m_s).mid(m_i).startsWith(u"||")))
                break;
            ++m_i;
        }
        return m_s.mid(start, m_i - start).trimmed();
    }

    FilterValue makeValue(QString raw, FilterKind kind, FilterValue::Op op, bool raw_is_literal)
    {
        FilterValue v;
        v.op = op;
        if (kind == FilterKind::Number) {
            QString t = raw.trimmed();
            // On numbers `:=` is the same as `:`, so `price:=[300..600]` (what the InstantSearch
            // adapter sends for a range) takes ranges and comparisons in the list like `price:[…]`.
            if (v.op == FilterValue::Op::Exact)
                v.op = FilterValue::Op::Match;
            if (!raw_is_literal && v.op == FilterValue::Op::Match) {
                // inside lists: `<10`, `>=5`, `10..20`
                static const std::pair<QStringView, FilterValue::Op> ops[] = {
                    {u">=", FilterValue::Op::GreaterEq}, {u"<=", FilterValue::Op::LessEq},
                    {u">", FilterValue::Op::Greater}, {u"<", FilterValue::Op::Less}, {u"=", FilterValue::Op::Exact}};
                for (const auto &[sym, o] : ops) {
                    if (t.startsWith(sym)) {
                        v.op = o;
                        t = t.mid(sym.size()).trimmed();
                        break;
                    }
                }
                const qsizetype dots = t.indexOf(QStringLiteral(".."));
                if (v.op == FilterValue::Op::Match && dots > 0) {
                    bool ok1 = false, ok2 = false;
                    v.op = FilterValue::Op::Range;
                    v.number = t.left(dots).trimmed().toDouble(&ok1);
                    v.high = t.mid(dots + 2).trimmed().toDouble(&ok2);
                    if (!ok1 || !ok2)
                        throw ParseError{400, kParseError};
                    return v;
                }
            }
            bool ok = false;
            v.number = t.toDouble(&ok);
            if (!ok)
                throw ParseError{400, kParseError};
            if (v.op == FilterValue::Op::Match)
                v.op = FilterValue::Op::Exact;
            return v;
        }
        if (kind == FilterKind::Bool) {
            const QString t = raw.trimmed().toLower();
            if (t != QLatin1String("true") && t != QLatin1String("false"))
                throw ParseError{400, kParseError};
            v.op = FilterValue::Op::Exact;
            v.number = t == QLatin1String("true") ? 1 : 0;
            return v;
        }
        if (op != FilterValue::Op::Match && op != FilterValue::Op::Exact)
            throw ParseError{400, kParseError};
        if (!raw_is_literal && raw.endsWith(u'*') && op == FilterValue::Op::Match) {
            v.prefix = true;
            raw.chop(1);
        }
        v.text = raw;
        v.tokens = m_analyzer.foldedTokens(raw);
        return v;
    }

    std::unique_ptr<FilterNode> parseClause()
    {
        skipSpace();
        const qsizetype colon = m_s.indexOf(u':', m_i);
        if (colon < 0)
            throw ParseError{400, kParseError};
        auto node = std::make_unique<FilterNode>();
        node->field = m_s.mid(m_i, colon - m_i).trimmed();
        if (node->field.isEmpty() || node->field.contains(u'(') || node->field.contains(u')'))
            throw ParseError{400, kParseError};
        node->field.prepend(m_prefix);
        if (!m_lookup(node->field, &node->kind))
            throw ParseError{404, QStringLiteral("Could not find a filter field named `%1` in the schema.").arg(node->field)};
        m_i = colon + 1;
        skipSpace();
        FilterValue::Op op = FilterValue::Op::Match;
        static const std::pair<QStringView, FilterValue::Op> ops[] = {
            {u"!=", FilterValue::Op::Exact}, {u">=", FilterValue::Op::GreaterEq}, {u"<=", FilterValue::Op::LessEq},
            {u">", FilterValue::Op::Greater}, {u"<", FilterValue::Op::Less}, {u"=", FilterValue::Op::Exact},
            {u"!", FilterValue::Op::Exact}};
        for (const auto &[sym, o] : ops) {
            if (QStringView(m_s).mid(m_i).startsWith(sym)) {
                op = o;
                node->negate = sym.startsWith(u'!');
                m_i += sym.size();
                break;
            }
        }
        skipSpace();
        if (node->kind == FilterKind::Geo) {
            parseGeoValues(node.get(), op);
            return node;
        }
        if (m_i < m_s.size() && m_s[m_i] == u'[') {
            if (op != FilterValue::Op::Match && op != FilterValue::Op::Exact)
                throw ParseError{400, kParseError};
            ++m_i;
            for (;;) {
                skipSpace();
                const bool literal = m_i < m_s.size() && m_s[m_i] == u'`';
                const QString raw = bareValue(true);
                if (raw.isEmpty() && !literal)
                    throw ParseError{400, kParseError};
                node->values.push_back(makeValue(raw, node->kind, op, literal));
                skipSpace();
                if (m_i >= m_s.size())
                    throw ParseError{400, kParseError};
                if (m_s[m_i] == u']') {
                    ++m_i;
                    break;
                }
                if (m_s[m_i] != u',')
                    throw ParseError{400, kParseError};
                ++m_i;
            }
        } else {
            const bool literal = m_i < m_s.size() && m_s[m_i] == u'`';
            const QString raw = bareValue(false);
            if (raw.isEmpty() && !literal)
                throw ParseError{400, kParseError};
            node->values.push_back(makeValue(raw, node->kind, op, literal));
        }
        return node;
    }

    // The text between the `(` at m_i and its matching `)`; m_i moves past it.
    QString parenthesised(const QString &field)
    {
        if (m_i >= m_s.size() || m_s[m_i] != u'(')
            throw ParseError{400, geoFormatError(field)};
        int depth = 0;
        for (qsizetype k = m_i; k < m_s.size(); ++k) {
            if (m_s[k] == u'(')
                ++depth;
            else if (m_s[k] == u')' && --depth == 0) {
                const QString inner = m_s.mid(m_i + 1, k - m_i - 1);
                m_i = k + 1;
                return inner;
            }
        }
        throw ParseError{400, geoFormatError(field)};
    }

    // `(lat, lng, 5 km)`, `([lat, lng], radius: 5 km)`, `(lat1, lng1, lat2, lng2, ...)` or
    // `([lat1, lng1, ...])`; `exact_filter_radius` is accepted and ignored (distances are exact).
    FilterValue parseGeoValue(const QString &field)
    {
        QString inner = parenthesised(field).trimmed();
        FilterValue v;
        QStringList parts;
        QString radius;
        if (inner.startsWith(u'[')) {
            const qsizetype close = inner.indexOf(u']');
            if (close < 0)
                throw ParseError{400, geoFormatError(field)};
            parts = inner.mid(1, close - 1).split(u',');
            for (const QString &option : inner.mid(close + 1).split(u',', Qt::SkipEmptyParts)) {
                const qsizetype colon = option.indexOf(u':');
                const QString key = option.left(colon).trimmed();
                if (colon < 0 || (key != QLatin1String("radius") && key != QLatin1String("exact_filter_radius")))
                    throw ParseError{400, geoFormatError(field)};
                double ignored = 0;
                bool unitError = false;
                if (!parseDistance(option.mid(colon + 1), &ignored, &unitError))
                    throw ParseError{400, unitError ? kUnitError : geoFormatError(field)};
                if (key == QLatin1String("radius"))
                    radius = option.mid(colon + 1);
            }
        } else {
            parts = inner.split(u',');
            if (parts.size() == 3) {
                radius = parts.takeLast();
                bool unitError = false;
                double ignored = 0;
                if (!parseDistance(radius, &ignored, &unitError) && unitError)
                    throw ParseError{400, kUnitError};
            }
        }
        std::vector<double> numbers;
        for (const QString &p : std::as_const(parts)) {
            double x = 0;
            if (!parseCoordinate(p, &x))
                throw ParseError{400, geoFormatError(field)};
            numbers.push_back(x);
        }
        if (!radius.isEmpty()) {
            bool unitError = false;
            if (numbers.size() != 2 || !parseDistance(radius, &v.radiusMeters, &unitError))
                throw ParseError{400, unitError ? kUnitError : geoFormatError(field)};
            v.op = FilterValue::Op::GeoRadius;
            v.lat = numbers[0];
            v.lng = numbers[1];
        } else {
            if (numbers.size() < 6 || numbers.size() % 2 != 0)
                throw ParseError{400, geoFormatError(field)};
            v.op = FilterValue::Op::GeoPolygon;
            v.polygon = std::move(numbers);
        }
        for (size_t k = 0; k < std::max<size_t>(1, v.polygon.size()); k += 2) {
            const double lat = v.polygon.empty() ? v.lat : v.polygon[k];
            if (lat < -90 || lat > 90)
                throw ParseError{400, geoFormatError(field)};
        }
        return v;
    }

    void parseGeoValues(FilterNode *node, FilterValue::Op op)
    {
        if (op != FilterValue::Op::Match)
            throw ParseError{400, geoFormatError(node->field)};
        if (m_i < m_s.size() && m_s[m_i] == u'[') {
            ++m_i;
            for (;;) {
                skipSpace();
                node->values.push_back(parseGeoValue(node->field));
                skipSpace();
                if (m_i < m_s.size() && m_s[m_i] == u']') {
                    ++m_i;
                    return;
                }
                if (m_i >= m_s.size() || m_s[m_i] != u',')
                    throw ParseError{400, geoFormatError(node->field)};
                ++m_i;
            }
        }
        node->values.push_back(parseGeoValue(node->field));
    }

    const QString &m_s;
    const FilterExpression::FieldLookup &m_lookup;
    const TextAnalyzer &m_analyzer;
    QString m_prefix; // inside `parent.{...}`: "parent."
    qsizetype m_i = 0;
};

} // namespace

bool FilterExpression::numberMatches(double x, const FilterValue &v)
{
    switch (v.op) {
    case FilterValue::Op::Less: return x < v.number;
    case FilterValue::Op::LessEq: return x <= v.number;
    case FilterValue::Op::Greater: return x > v.number;
    case FilterValue::Op::GreaterEq: return x >= v.number;
    case FilterValue::Op::Range: return x >= v.number && x <= v.high;
    default: return x == v.number;
    }
}

double FilterExpression::distanceMeters(double lat1, double lng1, double lat2, double lng2)
{
    constexpr double kEarthRadiusMeters = 6371008.8;
    constexpr double kRadians = std::numbers::pi / 180.0;
    const double dLat = (lat2 - lat1) * kRadians, dLng = (lng2 - lng1) * kRadians;
    const double a = std::sin(dLat / 2) * std::sin(dLat / 2)
                     + std::cos(lat1 * kRadians) * std::cos(lat2 * kRadians) * std::sin(dLng / 2) * std::sin(dLng / 2);
    return 2 * kEarthRadiusMeters * std::asin(std::min(1.0, std::sqrt(a)));
}

bool FilterExpression::geoMatches(double lat, double lng, const FilterValue &v)
{
    if (v.op == FilterValue::Op::GeoRadius)
        return distanceMeters(v.lat, v.lng, lat, lng) <= v.radiusMeters;
    if (v.op != FilterValue::Op::GeoPolygon)
        return false;
    // Even-odd rule on the (lat, lng) plane: the polygon's edges as straight lines, which is
    // what a user drawing a small area on a map means.
    bool inside = false;
    const size_t n = v.polygon.size() / 2;
    for (size_t i = 0, j = n - 1; i < n; j = i++) {
        const double yi = v.polygon[2 * i], xi = v.polygon[2 * i + 1];
        const double yj = v.polygon[2 * j], xj = v.polygon[2 * j + 1];
        if ((yi > lat) != (yj > lat) && lng < (xj - xi) * (lat - yi) / (yj - yi) + xi)
            inside = !inside;
    }
    return inside;
}

namespace {

bool stringMatches(const QString &fieldValue, const FilterValue &v, const TextAnalyzer &analyzer)
{
    const QStringList have = analyzer.foldedTokens(fieldValue);
    const QStringList &want = v.tokens;
    if (v.op == FilterValue::Op::Exact)
        return have == want;
    if (want.isEmpty())
        return false;
    // Token match: the value's tokens appear in order, next to each other (a phrase).
    for (qsizetype start = 0; start + want.size() <= have.size(); ++start) {
        bool all = true;
        for (qsizetype k = 0; k < want.size() && all; ++k) {
            const bool last = k == want.size() - 1;
            all = (last && v.prefix) ? have[start + k].startsWith(want[k]) : have[start + k] == want[k];
        }
        if (all)
            return true;
    }
    return false;
}

} // namespace

bool FilterExpression::clauseMatches(const FilterNode &node, const QJsonObject &doc, const TextAnalyzer &analyzer)
{
    auto itemMatches = [&](const QJsonValue &item) {
        for (const FilterValue &v : node.values) {
            if (node.kind == FilterKind::Number) {
                if (item.isDouble() && FilterExpression::numberMatches(item.toDouble(), v))
                    return true;
            } else if (node.kind == FilterKind::Bool) {
                if (item.isBool() && (item.toBool() ? 1.0 : 0.0) == v.number)
                    return true;
            } else if (item.isString() && stringMatches(item.toString(), v, analyzer)) {
                return true;
            }
        }
        return false;
    };
    const QJsonValue value = doc.value(node.field);
    bool any = false;
    if (node.kind == FilterKind::Geo) {
        // A geopoint is [lat, lng]; a geopoint[] is a list of them.
        const QJsonArray outer = value.toArray();
        QJsonArray points; // (not QJsonArray{outer}: compilers differ on copy versus one element)
        if (!outer.isEmpty() && outer.first().isArray())
            points = outer;
        else
            points.append(outer);
        for (const QJsonValue &p : points) {
            const QJsonArray pair = p.toArray();
            if (pair.size() != 2)
                continue;
            for (const FilterValue &v : node.values)
                if ((any = geoMatches(pair.at(0).toDouble(), pair.at(1).toDouble(), v)))
                    break;
            if (any)
                break;
        }
        return any;
    }
    if (value.isArray()) {
        const QJsonArray items = value.toArray();
        for (const QJsonValue &item : items)
            if ((any = itemMatches(item)))
                break;
    } else if (!value.isNull() && !value.isUndefined()) {
        any = itemMatches(value);
    }
    return node.negate ? !any : any;
}

namespace {

bool evaluate(const FilterNode &node, const QJsonObject &doc, const TextAnalyzer &analyzer)
{
    switch (node.type) {
    case FilterNode::Type::And:
        for (const auto &c : node.children)
            if (!evaluate(*c, doc, analyzer))
                return false;
        return true;
    case FilterNode::Type::Or:
        for (const auto &c : node.children)
            if (evaluate(*c, doc, analyzer))
                return true;
        return false;
    case FilterNode::Type::Clause:
        return FilterExpression::clauseMatches(node, doc, analyzer);
    case FilterNode::Type::Element: {
        // The parent's value: a top-level key, or inside the object that holds it.
        QJsonValue value = doc.value(node.field);
        if (value.isUndefined()) {
            value = doc;
            for (const QString &part : node.field.split(u'.'))
                value = value.toObject().value(part);
        }
        return FilterExpression::elementMatches(node, value, analyzer);
    }
    }
    return false;
}

// An element's fields named by their paths under the parent ("pets.kind"), nested ones too.
void flattenElement(const QString &prefix, const QJsonObject &o, QJsonObject *out)
{
    for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
        const QString name = prefix + u'.' + it.key();
        if (it.value().isObject())
            flattenElement(name, it.value().toObject(), out);
        out->insert(name, it.value());
    }
}

} // namespace

bool FilterExpression::elementMatches(const FilterNode &element, const QJsonValue &value, const TextAnalyzer &analyzer)
{
    const QJsonArray elements = value.isArray() ? value.toArray() : QJsonArray{value};
    for (const QJsonValue &e : elements) {
        if (!e.isObject())
            continue;
        QJsonObject fields;
        flattenElement(element.field, e.toObject(), &fields);
        if (!element.children.empty() && evaluate(*element.children.front(), fields, analyzer))
            return true;
    }
    return false;
}

bool FilterExpression::parse(const QString &text, const FieldLookup &lookup, int *status, QString *message,
                             const TextAnalyzer &analyzer)
{
    m_root.reset();
    if (text.trimmed().isEmpty())
        return true;
    try {
        Parser parser(text, lookup, analyzer);
        m_root = parser.parseAll();
        return true;
    } catch (const ParseError &e) {
        *status = e.status;
        *message = e.message;
        return false;
    }
}

bool FilterExpression::matches(const QJsonObject &document, const TextAnalyzer &analyzer) const
{
    return !m_root || evaluate(*m_root, document, analyzer);
}

} // namespace homeport::search
