#pragma once
// SearchService: Homeport's search service, speaking the Typesense HTTP API: collections
// (create, list, get, PATCH fields, delete), synonyms, documents (create/upsert/update/emplace, get,
// delete, update and delete by filter, import/export JSONL) and search (single and multi_search).
// Each collection is a Collection (schema + in-memory index) backed by a DocumentLog in
// <service data dir>/collections/, replayed at start to rebuild the index, with its overrides
// (CurationRules). Service-wide: keys (ApiKeyStore), aliases (ResourceStore), presets
// (SearchPresets), stopword sets (StopwordSets), /stats.json (SearchStats) and /metrics.json
// (SystemMetrics); a search runs preset -> stopwords -> overrides before Collection::search.
// Auth: the X-TYPESENSE-API-KEY header or x-typesense-api-key query parameter must carry the
// generated api_key (secrets, full access) or a key made through /keys (ApiKeyStore: each route
// checks Typesense's action name and the collection); scoped search keys lay their embedded
// parameters over the search's. /health is open. Errors are {"message": "..."} as Typesense sends.
// The console sees the service through a SearchMonitor: a SearchConsoleBridge made in configure()
// publishes snapshots and runs the console's API requests through these same routes.
// Threads: routes, collections and logs live in the service's own thread, which makes every
// change; searches, multi_search, document reads and exports run on a ReaderPool's threads
// (2 by default, `[search] reader_threads`) beside it, under the pool's reader/writer lock (see
// reader_pool.h): every other handler, and the housekeeping that changes keys, holds it
// exclusively (timed() takes it), so readers only ever see state between two writes.

#include "http/http_service.h"

#include <QHash>
#include <QJsonObject>

#include <map>
#include <memory>

class QTimer;

namespace homeport::search {

struct ApiError;
using SearchParams = QHash<QString, QString>; // as in collection.h

class ApiKeyStore;
class ReaderPool;
class Collection;
class DocumentLog;
class ResourceStore;
class SearchConsoleBridge;
class SearchMonitor;
class SearchPresets;
class SearchStats;
class StopwordSets;
class SystemMetrics;

class SearchService : public http::HttpService
{
    Q_OBJECT
public:
    // The monitor outlives the service (app/ owns it); it may be null in tests.
    explicit SearchService(SearchMonitor *monitor = nullptr);
    ~SearchService() override;

protected:
    QString configure(http::HttpServer &server, const core::ServiceContext &context) override;
    void closeStores() override;

private:
    struct Entry; // a Collection, its DocumentLog and its schema file

    void addRoutes(http::HttpServer &server);
    // PUT /<resource>/{<key>}, GET /<resource>, GET and DELETE /<resource>/{<key>} over a store of
    // named objects (presets, stopword sets), checked as "<resource>:upsert" ... ":delete".
    template <typename Store>
    void addNamedStoreRoutes(http::HttpServer &server, const QString &resource, const QString &key,
                             const std::unique_ptr<Store> &store);
    bool loadCollections(QString *error);
    // Takes an index snapshot of the collection when its log has grown enough: a thread of its own
    // copies the index under the readers' lock (searches go on; a write waits) and writes it.
    void snapshotIfDue(const QString &name, Entry &e);
    Entry *entry(const QString &name);
    QString filePrefix(const QString &name) const;
    QString synonymsPath(const QString &name) const; // the collection's synonyms, beside its schema
    QString snapshotPath(const QString &name) const; // its index snapshot
    // A route's check: the request's key must grant `action` on the route's {c} collection.
    http::AuthHook authFor(const QString &action) const;
    // Runs the handler on the service's thread with the readers' lock held exclusively, and
    // counts its requests and time in m_stats (/stats.json).
    http::Handler timed(http::Handler handler);
    // A read-only request: `work` (given copies of what it needs from the request, never the
    // request itself) runs on a reader thread and returns the answer; counted like timed().
    using ReaderWork = std::function<http::Response()>;
    http::Handler reader(std::function<ReaderWork(const http::Request &)> prepare);
    // Before Collection::search: the preset fills in, stopwords leave q, overrides rewrite.
    // Returns the applied overrides' metadata.
    QJsonObject prepareSearch(const Entry &e, SearchParams *params, ApiError *error) const;
    // Attaches a collection's overrides file (prefix + ".overrides.json").
    bool attachCuration(Entry &e, const QString &prefix, QString *error);

    QString m_apiKey;
    std::unique_ptr<ApiKeyStore> m_keys;
    std::unique_ptr<ResourceStore> m_aliases; // alias -> {"name","collection_name"}
    std::unique_ptr<SearchPresets> m_presets;
    std::unique_ptr<StopwordSets> m_stopwords;
    std::unique_ptr<SearchStats> m_stats;
    std::unique_ptr<SystemMetrics> m_systemMetrics;
    QTimer *m_housekeeping = nullptr; // drops expired autodelete keys
    QTimer *m_snapshotTimer = nullptr; // index snapshots while running
    QString m_collectionsDir;
    std::unique_ptr<ReaderPool> m_readers; // before the collections: their snapshot jobs use its lock
    std::map<QString, std::unique_ptr<Entry>> m_collections;
    SearchMonitor *m_monitor = nullptr;
    std::unique_ptr<SearchConsoleBridge> m_consoleBridge;
};

} // namespace homeport::search
