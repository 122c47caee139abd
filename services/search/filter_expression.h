#pragma once
// FilterExpression: Typesense's filter_by grammar, parsed once per search into a tree and
// evaluated per document. Supported: `f:v` (token match; `v*` prefix), `f:=v` (exact), `f:!=v`,
// lists `f:[a,b]`, numeric `> >= < <= =`, ranges `[1..5]`, mixed lists `[<10, 20..30, 40]`,
// `&&`, `||`, parentheses and backtick literals; on geopoint fields a radius
// `loc:(48.85, 2.35, 5 km)` (or `([48.85, 2.35], radius: 5 mi)`) or a polygon
// `loc:(lat1, lng1, lat2, lng2, lat3, lng3, ...)`, several of them as a list `[(...), (...)]`;
// `parent.{a:=x && b:<30}` on an array of objects (nested fields): every condition inside the
// braces must hold for one and the same element.
// Thread affinity: none (immutable after parse; evaluate() is const).

#include "text_analyzer.h"

#include <QJsonObject>
#include <QString>

#include <functional>
#include <memory>
#include <vector>

namespace homeport::search {

enum class FilterKind { String, Number, Bool, Geo };

struct FilterValue
{
    enum class Op { Match, Exact, Less, LessEq, Greater, GreaterEq, Range, GeoRadius, GeoPolygon };
    Op op = Op::Match;
    QString text;        // strings: the literal
    QStringList tokens;  // strings: the literal's folded tokens, computed once at parse
    double number = 0;   // numbers: the operand (Range: low)
    double high = 0;     // Range: high (inclusive)
    bool prefix = false; // `Acm*`
    // GeoRadius: the centre and the radius in meters; GeoPolygon: lat, lng pairs in order.
    double lat = 0;
    double lng = 0;
    double radiusMeters = 0;
    std::vector<double> polygon;
};

struct FilterNode
{
    enum class Type { And, Or, Clause, Element }; // Element: `field.{child}` on one array element
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
    // An Element node: whether one element of `value` (the parent's array, or one object)
    // satisfies the node's child, its fields read as `parent.name`.
    static bool elementMatches(const FilterNode &element, const QJsonValue &value, const TextAnalyzer &analyzer);
    static bool numberMatches(double x, const FilterValue &value);
    static bool geoMatches(double lat, double lng, const FilterValue &value);
    // Great-circle distance in meters (haversine on a sphere of the Earth's mean radius).
    static double distanceMeters(double lat1, double lng1, double lat2, double lng2);

private:
    std::unique_ptr<FilterNode> m_root;
};

} // namespace homeport::search
