#include "curation_rules.h"

#include "text_analyzer.h"

#include <QHash>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

namespace homeport::search {

namespace {

bool isInteger(const QJsonValue &v)
{
    return v.isDouble() && v.toDouble() == double(qint64(v.toDouble()));
}

// The stored (view) form: every action spelled out with its default, as GET shows it.
QJsonObject normalized(const QString &id, const QJsonObject &body)
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), id);
    const QJsonObject rule = body.value(QStringLiteral("rule")).toObject();
    QJsonObject r;
    for (const char *k : {"query", "match", "filter_by", "tags"})
        if (rule.contains(QLatin1String(k)))
            r.insert(QLatin1String(k), rule.value(QLatin1String(k)));
    o.insert(QStringLiteral("rule"), r);
    o.insert(QStringLiteral("includes"), body.value(QStringLiteral("includes")).isArray() ? body.value(QStringLiteral("includes")) : QJsonArray());
    o.insert(QStringLiteral("excludes"), body.value(QStringLiteral("excludes")).isArray() ? body.value(QStringLiteral("excludes")) : QJsonArray());
    for (const char *k : {"filter_by", "sort_by", "replace_query", "metadata", "effective_from_ts", "effective_to_ts"})
        if (body.contains(QLatin1String(k)))
            o.insert(QLatin1String(k), body.value(QLatin1String(k)));
    o.insert(QStringLiteral("remove_matched_tokens"), body.contains(QStringLiteral("remove_matched_tokens"))
                                                          ? body.value(QStringLiteral("remove_matched_tokens")).toBool()
                                                          : body.contains(QStringLiteral("filter_by")));
    o.insert(QStringLiteral("filter_curated_hits"), body.value(QStringLiteral("filter_curated_hits")).toBool(false));
    o.insert(QStringLiteral("stop_processing"), body.value(QStringLiteral("stop_processing")).toBool(true));
    return o;
}

// A rule query as a pattern: folded words, and `{field}` placeholders that stand for one or
// more query words forming a value of that field.
struct RuleElement
{
    QString token; // a folded word
    QString field; // a placeholder's field (token empty)
};

constexpr qsizetype kMaxPlaceholderWords = 4;

QList<RuleElement> parseRuleQuery(const QString &query, const TextAnalyzer &analyzer)
{
    static const QRegularExpression placeholder(QStringLiteral("^\\{([^{}\\s]+)\\}$"));
    QList<RuleElement> out;
    for (const QString &part : query.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts)) {
        if (const auto m = placeholder.match(part); m.hasMatch()) {
            out.append(RuleElement{QString(), m.captured(1)});
            continue;
        }
        for (const QString &t : analyzer.foldedTokens(part))
            out.append(RuleElement{t, QString()});
    }
    return out;
}

struct RuleMatch
{
    qsizetype start = -1;
    qsizetype end = -1; // one past the last matched query word
    QHash<QString, QString> values; // placeholder field -> the query's words it took
};

bool matchFrom(const QList<RuleElement> &rule, qsizetype i, const QList<TokenSpan> &spans, qsizetype j,
               const QString &q, const CurationRules::ValueExists &valueExists, RuleMatch *m)
{
    if (i == rule.size()) {
        m->end = j;
        return true;
    }
    const RuleElement &el = rule[i];
    if (el.field.isEmpty())
        return j < spans.size() && spans[j].folded == el.token && matchFrom(rule, i + 1, spans, j + 1, q, valueExists, m);
    if (!valueExists)
        return false;
    for (qsizetype k = 1; k <= kMaxPlaceholderWords && j + k <= spans.size(); ++k) {
        const TokenSpan &last = spans[j + k - 1];
        const QString value = q.mid(spans[j].start, last.start + last.length - spans[j].start);
        if (!valueExists(el.field, value))
            continue;
        m->values.insert(el.field, value);
        if (matchFrom(rule, i + 1, spans, j + k, q, valueExists, m))
            return true;
    }
    m->values.remove(el.field);
    return false;
}

// exact: the rule covers the whole query; contains: somewhere in it, words adjacent and in order.
bool matchRule(const QList<RuleElement> &rule, bool exact, const QList<TokenSpan> &spans, const QString &q,
               const CurationRules::ValueExists &valueExists, RuleMatch *m)
{
    if (rule.isEmpty())
        return false;
    for (qsizetype start = 0; start < spans.size(); ++start) {
        *m = RuleMatch{};
        m->start = start;
        if (matchFrom(rule, 0, spans, start, q, valueExists, m) && (!exact || m->end == spans.size()))
            return true;
        if (exact)
            break;
    }
    return false;
}

// `{field}` in an action's text becomes the words the placeholder took (in backticks when they
// hold more than one word, unless the text already quotes them).
QString substitute(QString text, const QHash<QString, QString> &values, const TextAnalyzer &analyzer)
{
    for (auto it = values.constBegin(); it != values.constEnd(); ++it) {
        const QString marker = u'{' + it.key() + u'}';
        const bool quoted = text.contains(u'`' + marker);
        const bool plain = analyzer.tokenize(it.value()).size() <= 1;
        text.replace(marker, quoted || plain ? it.value() : u'`' + it.value() + u'`');
    }
    return text;
}

QString joined(const QString &a, const QString &b, const QString &sep)
{
    if (a.isEmpty()) return b;
    if (b.isEmpty()) return a;
    return a + sep + b;
}

} // namespace

ApiError CurationRules::upsert(const QString &id, const QJsonObject &body, QJsonObject *stored)
{
    const auto bad = [](const char *message) { return ApiError::of(400, QString::fromUtf8(message)); };
    if (!body.value(QStringLiteral("rule")).isObject())
        return bad("Missing `rule` definition.");
    const QJsonObject rule = body.value(QStringLiteral("rule")).toObject();
    if (!rule.contains(QStringLiteral("filter_by")) && !rule.contains(QStringLiteral("tags"))
        && (!rule.contains(QStringLiteral("query")) || !rule.contains(QStringLiteral("match"))))
        return bad("The `rule` definition must contain either a `tags` or a `query` and `match`.");
    // (Typesense's own documentation shows `match` beside a rule's `filter_by` without a query.)
    if (rule.contains(QStringLiteral("match")) && !rule.contains(QStringLiteral("query")) && !rule.contains(QStringLiteral("filter_by")))
        return bad("The `match` field requires a `query` field to be present.");
    if (rule.contains(QStringLiteral("query")) && !rule.value(QStringLiteral("query")).isString())
        return bad("Override `rule.query` must be a string.");
    if (rule.contains(QStringLiteral("match"))) {
        const QString match = rule.value(QStringLiteral("match")).toString();
        if (match != QLatin1String("exact") && match != QLatin1String("contains"))
            return bad("Override `rule.match` must be either `exact` or `contains`.");
    }
    if (rule.contains(QStringLiteral("filter_by")) && !rule.value(QStringLiteral("filter_by")).isString())
        return bad("Override `rule.filter_by` must be a string.");
    bool hasAction = false;
    for (const char *k : {"includes", "excludes", "filter_by", "sort_by", "remove_matched_tokens", "metadata", "replace_query"})
        hasAction = hasAction || body.contains(QLatin1String(k));
    if (!hasAction)
        return bad("Must contain one of: `includes`, `excludes`, `metadata`, `filter_by`, `sort_by`, `remove_matched_tokens`, `replace_query`.");
    if (rule.contains(QStringLiteral("tags"))) {
        if (!rule.value(QStringLiteral("tags")).isArray())
            return bad("The `tags` value must be an array of strings.");
        for (const QJsonValue &tag : rule.value(QStringLiteral("tags")).toArray())
            if (!tag.isString())
                return bad("The `tags` value must be an array of strings.");
    }
    if (body.contains(QStringLiteral("includes"))) {
        if (!body.value(QStringLiteral("includes")).isArray())
            return bad("The `includes` value must be an array.");
        for (const QJsonValue &v : body.value(QStringLiteral("includes")).toArray()) {
            if (!v.isObject())
                return bad("The `includes` value must be an array of objects.");
            const QJsonObject inc = v.toObject();
            if (!inc.contains(QStringLiteral("id")) || !inc.contains(QStringLiteral("position")))
                return bad("Inclusion definition must define both `id` and `position` keys.");
            if (!inc.value(QStringLiteral("id")).isString())
                return bad("Inclusion `id` must be a string.");
            if (!isInteger(inc.value(QStringLiteral("position"))))
                return bad("Inclusion `position` must be an integer.");
        }
    }
    if (body.contains(QStringLiteral("excludes"))) {
        if (!body.value(QStringLiteral("excludes")).isArray())
            return bad("The `excludes` value must be an array.");
        for (const QJsonValue &v : body.value(QStringLiteral("excludes")).toArray()) {
            if (!v.isObject())
                return bad("The `excludes` value must be an array of objects.");
            if (!v.toObject().contains(QStringLiteral("id")))
                return bad("Exclusion definition must define an `id`.");
            if (!v.toObject().value(QStringLiteral("id")).isString())
                return bad("Exclusion `id` must be a string.");
        }
    }
    if (body.contains(QStringLiteral("filter_by"))) {
        if (!body.value(QStringLiteral("filter_by")).isString())
            return bad("The `filter_by` must be a string.");
        if (body.value(QStringLiteral("filter_by")).toString().isEmpty())
            return bad("The `filter_by` must be a non-empty string.");
    }
    for (const char *k : {"remove_matched_tokens", "filter_curated_hits", "stop_processing"})
        if (body.contains(QLatin1String(k)) && !body.value(QLatin1String(k)).isBool())
            return ApiError::of(400, QStringLiteral("The `%1` must be a boolean.").arg(QLatin1String(k)));
    for (const char *k : {"effective_from_ts", "effective_to_ts"})
        if (body.contains(QLatin1String(k)) && !isInteger(body.value(QLatin1String(k))))
            return ApiError::of(400, QStringLiteral("The `%1` must be an integer.").arg(QLatin1String(k)));
    if (body.contains(QStringLiteral("replace_query")) && body.value(QStringLiteral("remove_matched_tokens")).toBool())
        return bad("Only one of `replace_query` or `remove_matched_tokens` can be specified.");
    if (body.contains(QStringLiteral("metadata")) && !body.value(QStringLiteral("metadata")).isObject())
        return bad("The `metadata` must be a JSON object.");

    if (QString error = m_store.put(id, normalized(id, body)); !error.isEmpty())
        return ApiError::of(500, error);
    QJsonObject echo = body;
    echo.insert(QStringLiteral("id"), id);
    *stored = echo;
    return {};
}

ApiError CurationRules::get(const QString &id, QJsonObject *out) const
{
    const QJsonObject *o = m_store.find(id);
    if (!o)
        return ApiError::of(404, QStringLiteral("Not Found"));
    *out = *o;
    return {};
}

ApiError CurationRules::remove(const QString &id)
{
    if (!m_store.find(id))
        return ApiError::of(404, QStringLiteral("Could not find that `id`."));
    if (QString error = m_store.remove(id); !error.isEmpty())
        return ApiError::of(500, error);
    return {};
}

QJsonObject CurationRules::list() const
{
    QJsonArray all;
    for (const auto &[id, o] : m_store.all())
        all.append(o);
    return QJsonObject{{QStringLiteral("overrides"), all}};
}

namespace {

// The tags a search names in `override_tags` (`curation_tags` in later Typesense versions).
QSet<QString> requestedTags(const SearchParams &params)
{
    QSet<QString> tags;
    for (const char *key : {"override_tags", "curation_tags"})
        for (const QString &t : params.value(QLatin1String(key)).split(u',', Qt::SkipEmptyParts))
            if (const QString tag = t.trimmed(); !tag.isEmpty())
                tags.insert(tag);
    return tags;
}

QSet<QString> ruleTags(const QJsonObject &rule)
{
    QSet<QString> tags;
    for (const QJsonValue &v : rule.value(QStringLiteral("tags")).toArray())
        tags.insert(v.toString());
    return tags;
}

// A rule's filter_by against the search's: the same string, or, where the rule has `{field}`
// placeholders, the same text around them, each placeholder taking a value (without its
// backticks) that the actions' `{field}` then stand for.
bool matchRuleFilter(const QString &ruleFilter, const QString &requestFilter, QHash<QString, QString> *values)
{
    static const QRegularExpression placeholder(QStringLiteral("\\{\\s*([^{}\\s]+)\\s*\\}"));
    if (!ruleFilter.contains(placeholder))
        return ruleFilter == requestFilter;
    QString pattern = QStringLiteral("^");
    QStringList fields;
    qsizetype pos = 0;
    for (auto it = placeholder.globalMatch(ruleFilter); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        pattern += QRegularExpression::escape(ruleFilter.mid(pos, m.capturedStart() - pos)) + QStringLiteral("(.+?)");
        fields << m.captured(1);
        pos = m.capturedEnd();
    }
    pattern += QRegularExpression::escape(ruleFilter.mid(pos)) + u'$';
    const QRegularExpressionMatch m = QRegularExpression(pattern).match(requestFilter.trimmed());
    if (!m.hasMatch())
        return false;
    for (qsizetype i = 0; i < fields.size(); ++i) {
        QString value = m.captured(int(i + 1)).trimmed();
        if (value.size() >= 2 && value.startsWith(u'`') && value.endsWith(u'`'))
            value = value.mid(1, value.size() - 2);
        if (values->contains(fields[i]) && values->value(fields[i]) != value)
            return false; // one placeholder, two different values
        values->insert(fields[i], value);
    }
    return true;
}

} // namespace

QJsonObject CurationRules::apply(const TextAnalyzer &analyzer, qint64 nowSeconds, SearchParams *params,
                                 const ValueExists &valueExists) const
{
    QJsonObject metadata;
    if (m_store.all().empty() || params->value(QStringLiteral("enable_overrides")) == QLatin1String("false"))
        return metadata;
    const QString requestFilter = params->value(QStringLiteral("filter_by"));
    const QSet<QString> tags = requestedTags(*params);
    QStringList pinned;
    QStringList hidden;
    bool metadataTaken = false;

    // Applies one override when it is in effect and its rule matches; whether it did.
    const auto applyOne = [&](const QJsonObject &o, bool tagMatched) {
        if (o.contains(QStringLiteral("effective_from_ts")) && nowSeconds < o.value(QStringLiteral("effective_from_ts")).toInteger())
            return false;
        if (o.contains(QStringLiteral("effective_to_ts")) && nowSeconds > o.value(QStringLiteral("effective_to_ts")).toInteger())
            return false;
        const QJsonObject rule = o.value(QStringLiteral("rule")).toObject();
        const bool hasQuery = rule.contains(QStringLiteral("query"));
        const bool hasFilter = rule.contains(QStringLiteral("filter_by"));
        const QString q = params->value(QStringLiteral("q"));
        const QList<TokenSpan> spans = analyzer.tokenize(q);
        RuleMatch matched;
        if (hasFilter && !matchRuleFilter(rule.value(QStringLiteral("filter_by")).toString(), requestFilter, &matched.values))
            return false;
        if (hasQuery) {
            const bool exact = rule.value(QStringLiteral("match")).toString() == QLatin1String("exact");
            const QHash<QString, QString> fromFilter = matched.values;
            if (!matchRule(parseRuleQuery(rule.value(QStringLiteral("query")).toString(), analyzer), exact, spans, q, valueExists, &matched))
                return false;
            for (auto it = fromFilter.constBegin(); it != fromFilter.constEnd(); ++it)
                matched.values.insert(it.key(), it.value());
        } else if (!hasFilter && !tagMatched) {
            return false; // a rule of tags alone applies only when the search names its tags
        }
        const auto actionText = [&](const char *key) { return substitute(o.value(QLatin1String(key)).toString(), matched.values, analyzer); };

        for (const QJsonValue &v : o.value(QStringLiteral("includes")).toArray())
            pinned << QStringLiteral("%1:%2").arg(v.toObject().value(QStringLiteral("id")).toString())
                          .arg(v.toObject().value(QStringLiteral("position")).toInteger());
        for (const QJsonValue &v : o.value(QStringLiteral("excludes")).toArray())
            hidden << v.toObject().value(QStringLiteral("id")).toString();
        if (o.contains(QStringLiteral("filter_by"))) {
            const QString current = params->value(QStringLiteral("filter_by")).trimmed();
            const QString extra = actionText("filter_by");
            params->insert(QStringLiteral("filter_by"),
                           current.isEmpty() ? extra : QStringLiteral("(%1) && (%2)").arg(current, extra));
        }
        if (o.contains(QStringLiteral("sort_by")))
            params->insert(QStringLiteral("sort_by"), actionText("sort_by"));
        if (o.contains(QStringLiteral("replace_query"))) {
            params->insert(QStringLiteral("q"), actionText("replace_query"));
        } else if (o.value(QStringLiteral("remove_matched_tokens")).toBool() && matched.start >= 0) {
            const TokenSpan &first = spans[matched.start];
            const TokenSpan &last = spans[matched.end - 1];
            QString rest = q;
            rest.remove(first.start, last.start + last.length - first.start);
            rest = rest.simplified();
            params->insert(QStringLiteral("q"), matched.end - matched.start == spans.size() ? QStringLiteral("*") : rest);
        }
        if (o.value(QStringLiteral("filter_curated_hits")).toBool())
            params->insert(QStringLiteral("filter_curated_hits"), QStringLiteral("true"));
        // The first applied override that carries metadata gives the response's.
        if (!metadataTaken && !o.value(QStringLiteral("metadata")).toObject().isEmpty()) {
            metadata = o.value(QStringLiteral("metadata")).toObject();
            metadataTaken = true;
        }
        return true;
    };

    if (tags.isEmpty()) {
        // Without override_tags only untagged overrides run (and those tagged `*`, for every search).
        for (const auto &[id, o] : m_store.all()) {
            const QSet<QString> own = ruleTags(o.value(QStringLiteral("rule")).toObject());
            const bool wildcard = own.size() == 1 && own.contains(QStringLiteral("*"));
            if (!own.isEmpty() && !wildcard)
                continue;
            if (applyOne(o, wildcard) && o.value(QStringLiteral("stop_processing")).toBool(true))
                break;
        }
    } else {
        // With override_tags: first the overrides tagged with exactly those tags (when several are
        // named), and only if none of them applied, those sharing any of the tags; untagged ones
        // never. Each group runs in id order until one that stops processing.
        bool appliedAll = false;
        bool stopped = false;
        if (tags.size() > 1) {
            for (const auto &[id, o] : m_store.all()) {
                if (ruleTags(o.value(QStringLiteral("rule")).toObject()) != tags || !applyOne(o, true))
                    continue;
                appliedAll = true;
                if ((stopped = o.value(QStringLiteral("stop_processing")).toBool(true)))
                    break;
            }
        }
        if (!appliedAll && !stopped) {
            for (const auto &[id, o] : m_store.all()) {
                if (!ruleTags(o.value(QStringLiteral("rule")).toObject()).intersects(tags) || !applyOne(o, true))
                    continue;
                if (o.value(QStringLiteral("stop_processing")).toBool(true))
                    break;
            }
        }
    }
    // Pins and hides given with the request come first; the overrides' follow.
    if (!pinned.isEmpty())
        params->insert(QStringLiteral("pinned_hits"), joined(params->value(QStringLiteral("pinned_hits")), pinned.join(u','), QStringLiteral(",")));
    if (!hidden.isEmpty())
        params->insert(QStringLiteral("hidden_hits"), joined(params->value(QStringLiteral("hidden_hits")), hidden.join(u','), QStringLiteral(",")));
    return metadata;
}

} // namespace homeport::search
