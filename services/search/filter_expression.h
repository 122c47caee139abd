#pragma once
// FilterExpression: Typesense's filter_by grammar, parsed once per search into a tree and
// evaluated per document. Supported: `f:v` (token match; `v*` prefix), `f:=v` (exact), `f:!=v`,
// lists `f:[a,b]`, numeric `> >= < <= =`, ranges `[1..5]`, mixed lists `[<10, 20..30, 40]`,
// `&&`, `||`, parentheses and backtick literals.
// Thread affinity: none (immutable after parse; evaluate() is const).

#include "text_analyzer.h"

#include <QJsonObject>
#include <QString>

#include <functional>
#include <memory>
#include <vector>

namespace homeport::search {

enum class FilterKind { String, Number, Bool };

struct FilterValue
{
    enum class Op { Match, Exact, Less, LessEq, Greater, GreaterEq, Range };
    Op op = Op::Match;
    QString text;        // strings: the literal
    QStringList tokens;  // strings: the literal's folded tokens, computed once at parse
    double number = 0;   // numbers: the operand (Range: low)
    double high = 0;     // Range: high (inclusive)
    bool prefix = false; // `Acm*`
};

struct FilterNode
{
    enum class Type { And, Or, Clause };
    Type type = Type::Clause;
    std::vector<std::unique_ptr<FilterNode>> children;
    // Clause
    QString field;
    FilterKind kind = FilterKind::String;
    bool negate = false; // `!=`
    std::vector<FilterValue> values; // any of them matches
};

class FilterExpression
{
public:
    // Returns the kind of a field by name; false when the schema has no such field.
    using FieldLookup = std::function<bool(const QString &field, FilterKind *kind)>;

    // On failure returns false with the HTTP status and Typesense's message.
    // `analyzer` must be the one later passed to matches() (the collection's).
    bool parse(const QString &text, const FieldLookup &lookup, int *status, QString *message,
               const TextAnalyzer &analyzer = TextAnalyzer());
    bool isEmpty() const { return !m_root; }
    bool matches(const QJsonObject &document, const TextAnalyzer &analyzer) const;
    // The parsed tree (null when empty), for evaluation against an index.
    const FilterNode *root() const { return m_root.get(); }
    // One clause against one document.
    static bool clauseMatches(const FilterNode &clause, const QJsonObject &document, const TextAnalyzer &analyzer);
    static bool numberMatches(double x, const FilterValue &value);

private:
    std::unique_ptr<FilterNode> m_root;
};

} // namespace homeport::search
