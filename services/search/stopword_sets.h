#pragma once
// StopwordSets: Typesense's stopword sets (PUT/GET/DELETE /stopwords/{id}) and the `stopwords`
// search parameter. A set is stored as folded tokens ({"id","stopwords":[...],"locale"}); at
// search time q is tokenized with the searched collection's analyzer and every token found in
// the named sets is cut out of q. A q of nothing but stopwords becomes `*`, as in Typesense.
// Durable through a ResourceStore file.
// Thread affinity: the search service's thread (not thread-safe).

#include "collection.h" // ApiError, SearchParams
#include "resource_store.h"

#include <QJsonObject>

namespace homeport::search {

class TextAnalyzer;

class StopwordSets
{
public:
    explicit StopwordSets(QString path) : m_store(std::move(path)) {}

    bool load(QString *error) { return m_store.load(error); }
    ApiError upsert(const QString &id, const QJsonObject &body, QJsonObject *stored);
    ApiError get(const QString &id, QJsonObject *out) const;
    ApiError remove(const QString &id);
    QJsonObject list() const;

    // Rewrites params["q"] without the words of params["stopwords"] (comma-separated set ids).
    // An unknown set is a 404 as in Typesense.
    ApiError apply(const TextAnalyzer &analyzer, SearchParams *params) const;

private:
    ResourceStore m_store;
};

} // namespace homeport::search
