#include "filter_expression.h"

#include <QJsonArray>

namespace homeport::search {

namespace {

struct ParseError
{
    int status;
    QString message;
};

const QString kParseError = QStringLiteral("Could not parse the filter query.");

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

    // A bare value ends at `&&`, `||`, `)` (outside backticks) or the end.
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
            if (!inList && (c == u')' || QStringView(m_s).mid(m_i).startsWith(u"&&")
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

    const QString &m_s;
    const FilterExpression::FieldLookup &m_lookup;
    const TextAnalyzer &m_analyzer;
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
    }
    return false;
}

} // namespace

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
