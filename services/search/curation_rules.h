#pragma once
// CurationRules: one collection's overrides (PUT/GET/DELETE /collections/{c}/overrides/{id}),
// applied by rewriting the search parameters before Collection::search runs:
//   rule:    `query` with `match` exact (the whole query) or contains (the rule's words, in
//            order, somewhere in the query), compared as folded tokens, where `{field}` stands
//            for query words that form a value of that field and is replaced by them in the
//            actions' filter_by, sort_by and replace_query; and/or `filter_by` (the search's
//            filter_by must be exactly that string, or the same text around the rule's `{field}`
//            placeholders, which then take the values written there); and/or `tags`.
//   actions: includes -> pinned_hits, excludes -> hidden_hits, `filter_by` (joined with the
//            search's by &&), `sort_by`, `replace_query`, `remove_matched_tokens` (default: on
//            when the override filters; a query left empty becomes `*`), `filter_curated_hits`,
//            `metadata` (returned beside the hits).
//   Overrides run in id order while they match; `stop_processing` (default true) ends the run;
//   `effective_from_ts`/`effective_to_ts` bound when one applies; `enable_overrides=false` skips.
//   Tags: a search without `override_tags` runs only untagged overrides (and those tagged `*`);
//   with them, first the overrides tagged with exactly those tags, and when none of them
//   applied, those sharing any; a rule of tags alone applies whenever its tags are named.
//   `metadata` comes from the first applied override that has some.
// Durable through a ResourceStore file per collection.
// Thread affinity: the search service's thread (not thread-safe).

#include "collection.h" // ApiError, SearchParams
#include "resource_store.h"

#include <QJsonObject>

#include <functional>

namespace homeport::search {

class TextAnalyzer;

class CurationRules
{
public:
    explicit CurationRules(QString path) : m_store(std::move(path)) {}

    bool load(QString *error) { return m_store.load(error); }
    // *stored is the body with its id, as Typesense answers a PUT.
    ApiError upsert(const QString &id, const QJsonObject &body, QJsonObject *stored);
    ApiError get(const QString &id, QJsonObject *out) const;
    ApiError remove(const QString &id);
    QJsonObject list() const;
    void removeFile() { m_store.removeFile(); }

    // Whether some document's `field` holds `value` (for `{field}` placeholders).
    using ValueExists = std::function<bool(const QString &field, const QString &value)>;

    // Rewrites *params by the overrides that match at `nowSeconds`. Returns the `metadata` of
    // the applied overrides merged (empty when none carries any).
    QJsonObject apply(const TextAnalyzer &analyzer, qint64 nowSeconds, SearchParams *params,
                      const ValueExists &valueExists = {}) const;

private:
    ResourceStore m_store;
};

} // namespace homeport::search
