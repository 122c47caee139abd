#pragma once
// SearchPresets: Typesense's presets (PUT/GET/DELETE /presets/{name}): a named object of search
// parameters, or {"searches":[...]} for multi_search. `preset=name` on a search (or on a
// multi_search entry, or its URL) fills in every parameter the request did not give itself:
// explicit parameters win. Durable through a ResourceStore file.
// Thread affinity: the search service's thread (not thread-safe).

#include "collection.h" // ApiError, SearchParams
#include "resource_store.h"

#include <QJsonArray>
#include <QJsonObject>

namespace homeport::search {

class SearchPresets
{
public:
    explicit SearchPresets(QString path) : m_store(std::move(path)) {}

    bool load(QString *error) { return m_store.load(error); }
    ApiError upsert(const QString &name, const QJsonObject &body, QJsonObject *stored);
    ApiError get(const QString &name, QJsonObject *out) const;
    ApiError remove(const QString &name, QJsonObject *removed);
    QJsonObject list() const;

    // Fills params from the preset params["preset"] names (an unknown preset changes nothing,
    // as in Typesense). Objects and arrays in a preset are skipped (no such search parameter).
    void apply(SearchParams *params) const;
    // A multi_search preset's searches, empty when the preset is unknown or holds none.
    QJsonArray searchesOf(const QString &name) const;

private:
    ResourceStore m_store;
};

} // namespace homeport::search
