#pragma once
// SearchService: Homeport's search service, speaking the Typesense HTTP API: collections
// (create, list, get, PATCH fields, delete), synonyms, documents (create/upsert/update/emplace, get,
// delete, update and delete by filter, import/export JSONL) and search (single and multi_search).
// Each collection is a Collection (schema + in-memory index) backed by a DocumentLog in
// <service data dir>/collections/, replayed at start to rebuild the index.
// Auth: the X-TYPESENSE-API-KEY header or x-typesense-api-key query parameter must carry the
// generated api_key (secrets); /health is open. Errors are {"message": "..."} as Typesense sends.
// Thread affinity: the service's own thread (routes, collections and logs all live there).

#include "http/http_service.h"

#include <QJsonObject>

#include <map>
#include <memory>

namespace homeport::search {

class Collection;
class DocumentLog;

class SearchService : public http::HttpService
{
    Q_OBJECT
public:
    explicit SearchService(QObject *parent = nullptr);
    ~SearchService() override;

protected:
    QString configure(http::HttpServer &server, const core::ServiceContext &context) override;
    void closeStores() override;

private:
    struct Entry; // a Collection, its DocumentLog and its schema file

    void addRoutes(http::HttpServer &server);
    bool loadCollections(QString *error);
    Entry *entry(const QString &name);
    QString filePrefix(const QString &name) const;
    QString synonymsPath(const QString &name) const; // the collection's synonyms, beside its schema

    QString m_apiKey;
    QString m_collectionsDir;
    std::map<QString, std::unique_ptr<Entry>> m_collections;
};

} // namespace homeport::search
