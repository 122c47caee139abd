#include "search_service.h"

#include "api_key_store.h"
#include "collection.h"
#include "collection_snapshot.h"
#include "curation_rules.h"
#include "document_log.h"
#include "reader_pool.h"
#include "resource_store.h"
#include "search_console_bridge.h"
#include "search_presets.h"
#include "search_stats.h"
#include "stopword_sets.h"
#include "system_metrics.h"

#include "core/atomic_file.h"
#include "core/logging.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>
#include <QWriteLocker>

#include <atomic>
#include <optional>
#include <thread>

#include <malloc.h>

namespace homeport::search {

namespace {

constexpr qint64 kDocumentBodyBytes = 64LL << 20;
constexpr qint64 kImportBodyBytes = 512LL << 20;
constexpr qint64 kMultiSearchBodyBytes = 8LL << 20;
constexpr int kDefaultMultiSearchLimit = 50;
constexpr qsizetype kMaxSearchQueryBytes = 4000;
constexpr int kHousekeepingIntervalMs = 60'000;
// Index snapshots while running: looked at every second; one is taken when the log has grown by
// half of what the last one covers (at least kSnapshotMinGrowth), or has stopped growing for a
// second, so a restart after a crash replays little and a stop has little left to write.
constexpr int kSnapshotCheckIntervalMs = 1000;
constexpr qint64 kSnapshotMinGrowth = qint64(16) << 20;
// A snapshot job waiting for the readers' lock looks this often whether it was called off (a
// writer holding the lock waits for the job: a schema change, a deleted collection, a stop).
constexpr int kSnapshotLockPollMs = 10;

const QString kForbidden = QStringLiteral("Forbidden - a valid `x-typesense-api-key` header must be sent.");
// A route's collection that does not exist: Typesense answers most routes with its generic 404
// body, a search with its own words, and DELETE /collections/{c} with the name.
const QString kNotFound = QStringLiteral("Not Found");
const QString kSearchCollectionNotFound = QStringLiteral("Not found.");

http::Response errorJson(int status, const QString &message)
{
    return http::Response::json(status, QJsonDocument(QJsonObject{{QStringLiteral("message"), message}}).toJson(QJsonDocument::Compact));
}

void sendJson(http::Responder &res, int status, const QJsonObject &o)
{
    res.send(http::Response::json(status, QJsonDocument(o).toJson(QJsonDocument::Compact)));
}

http::Response jsonAnswer(int status, const QJsonObject &o)
{
    return http::Response::json(status, QJsonDocument(o).toJson(QJsonDocument::Compact));
}

void sendJson(http::Responder &res, int status, const QJsonArray &a)
{
    res.send(http::Response::json(status, QJsonDocument(a).toJson(QJsonDocument::Compact)));
}

// Answers a write only once its log records are on disk (an acknowledged write survives a crash).
void commitAndSend(DocumentLog &log, http::Responder &res, int status, const QJsonObject &body)
{
    QString error;
    if (!log.commit(&error))
        return res.sendError(500, error);
    sendJson(res, status, body);
}

// A request body that must be one JSON object; nullopt for anything else.
std::optional<QJsonObject> jsonObjectBody(const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    return doc.object();
}

std::optional<QJsonObject> jsonObjectBody(const http::Request &req)
{
    return jsonObjectBody(req.body());
}

bool parseAction(const QString &s, WriteAction *out)
{
    if (s.isEmpty() || s == QLatin1String("create")) *out = WriteAction::Create;
    else if (s == QLatin1String("upsert")) *out = WriteAction::Upsert;
    else if (s == QLatin1String("update")) *out = WriteAction::Update;
    else if (s == QLatin1String("emplace")) *out = WriteAction::Emplace;
    else return false;
    return true;
}

const QString kBadAction = QStringLiteral("Parameter `action` must be a create|update|upsert.");

// dirty_values as Typesense reads it: in any case; a missing or unknown value is `reject`, or
// `coerce_or_reject` when the schema has a `.*` field.
DirtyValues dirtyValues(const Collection &collection, const QString &given)
{
    const QString s = given.toLower();
    if (s == QLatin1String("reject")) return DirtyValues::Reject;
    if (s == QLatin1String("drop")) return DirtyValues::Drop;
    if (s == QLatin1String("coerce_or_reject")) return DirtyValues::CoerceOrReject;
    if (s == QLatin1String("coerce_or_drop")) return DirtyValues::CoerceOrDrop;
    return collection.hasCatchAllField() ? DirtyValues::CoerceOrReject : DirtyValues::Reject;
}

// `offset` and `limit` of the collection, synonym and override lists (limit 0: all), with
// Typesense's messages; *items is cut to that page.
bool pageOfList(const http::Request &req, QJsonArray *items, QString *error)
{
    qsizetype bounds[2] = {0, 0};
    const char *names[2] = {"offset", "limit"};
    const char *messages[2] = {"Offset param should be unsigned integer.", "Limit param should be unsigned integer."};
    for (int i = 0; i < 2; ++i) {
        if (!req.hasQueryItem(QLatin1String(names[i])))
            continue;
        bool ok = false;
        bounds[i] = qsizetype(req.queryValue(QLatin1String(names[i])).toUInt(&ok));
        if (!ok) {
            *error = QString::fromLatin1(messages[i]);
            return false;
        }
    }
    const auto [offset, limit] = bounds;
    if (offset == 0 && limit == 0)
        return true;
    QJsonArray page;
    for (qsizetype i = offset; i < items->size() && (limit == 0 || page.size() < limit); ++i)
        page.append(items->at(i));
    *items = page;
    return true;
}

// Import's and delete-by-filter's `batch_size`: a positive integer when given (every document of
// a request is taken at once here, so it changes nothing else).
bool validBatchSize(const http::Request &req)
{
    if (!req.hasQueryItem(QStringLiteral("batch_size")))
        return true;
    bool ok = false;
    return req.queryValue(QStringLiteral("batch_size")).toUInt(&ok) > 0 && ok;
}

QString requestKey(const http::Request &req)
{
    QString given = QString::fromUtf8(req.header("X-TYPESENSE-API-KEY"));
    if (given.isEmpty()) {
        // Keys never hold spaces; a scoped key's base64 '+' sent unencoded decodes to one.
        given = req.queryValue(QStringLiteral("x-typesense-api-key"));
        given.replace(u' ', u'+');
    }
    return given;
}

SearchParams queryParams(const http::Request &req)
{
    SearchParams p;
    for (const auto &[k, v] : req.queryItems())
        if (!p.contains(k))
            p.insert(k, v);
    p.remove(QStringLiteral("x-typesense-api-key"));
    return p;
}

QString scalarString(const QJsonValue &v)
{
    if (v.isString()) return v.toString();
    if (v.isBool()) return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (v.isDouble()) {
        const double d = v.toDouble();
        return d == qint64(d) ? QString::number(qint64(d)) : QString::number(d);
    }
    if (v.isArray()) {
        QStringList parts;
        for (const QJsonValue &e : v.toArray())
            parts << scalarString(e);
        return parts.join(u',');
    }
    return {};
}

QStringList splitFields(const QString &s)
{
    QStringList out;
    for (const QString &p : s.split(u',', Qt::SkipEmptyParts))
        if (!p.trimmed().isEmpty())
            out << p.trimmed();
    return out;
}

// The end of a request that wrote or removed documents: Collection::finishWrites() (replaced and
// removed documents' entries when due, the room the writes grew ahead given back), then, after an
// import batch or a rebuild, what the request freed goes back to the system: malloc keeps freed
// memory for itself otherwise, and the process would stay as large as at the import's peak. The
// trim runs on the next turn of the service's event loop, once the request's body and answer are
// freed too.
void finishWrites(Collection &collection, bool batch)
{
    if (collection.finishWrites() || batch)
        QTimer::singleShot(0, [] { ::malloc_trim(0); });
}

// One document written through create/upsert/update/emplace (POST) or a partial update (PATCH):
// validated, applied to the index, logged, and answered once the log is on disk.
void writeOneDocument(Collection &collection, DocumentLog &log, const http::Request &req, http::Responder &res,
                      WriteAction action, const QString &id, int successStatus)
{
    const DirtyValues dirty = dirtyValues(collection, req.queryValue(QStringLiteral("dirty_values")));
    const std::optional<QJsonObject> body = jsonObjectBody(req);
    if (!body)
        return res.sendError(400, QStringLiteral("Bad JSON."));
    QJsonObject stored;
    if (ApiError err = collection.write(*body, action, dirty, id, &stored); err.failed())
        return res.sendError(err.status, err.message);
    finishWrites(collection, false); // (a replaced version's entries, when due)
    commitAndSend(log, res, successStatus, stored); // the collection logged the put

}

} // namespace

// An index snapshot being taken and written on a thread of its own.
struct SnapshotJob
{
    std::thread thread;
    // Set by the thread before it ends:
    bool taken = false; // the index was copied (false: called off, or the log had unwritten records)
    qint64 covers = 0;  // the log's size it was taken at
    bool ok = false;    // and written
    QString error;
    std::atomic<bool> finished{false};
    std::atomic<bool> calledOff{false}; // set by a writer that waits for the job
};

struct SearchService::Entry
{
    // The log is declared first so that it outlives the collection that reads from it.
    std::unique_ptr<DocumentLog> log;
    std::unique_ptr<Collection> collection;
    QString schemaPath;
    std::unique_ptr<CurationRules> curation; // its overrides
    // How much of the log (bytes) the index snapshot on disk covers; -1 without a current one.
    // A snapshot is written when the log has grown past it (snapshotIfDue), and at stop.
    qint64 snapshotCovers = -1;
    qint64 sizeAtLastCheck = -1;
    std::shared_ptr<SnapshotJob> snapshot; // in flight
    qint64 snapshotFailedAt = -1;          // the log's size when the last one could not be written

    ~Entry() { waitForSnapshot(); }
    static bool snapshotDone(const std::shared_ptr<SnapshotJob> &job) { return job->finished.load(std::memory_order_acquire); }
    // Waits for the snapshot in flight, if any; records what it covers when it was written.
    void waitForSnapshot()
    {
        if (!snapshot)
            return;
        snapshot->calledOff.store(true, std::memory_order_release);
        snapshot->thread.join();
        // (Not taken: called off, or the log had unwritten records; the next check tries again.)
        if (snapshot->taken && snapshot->ok)
            snapshotCovers = snapshot->covers;
        else if (snapshot->taken) {
            qCWarning(lcSearch) << "collection" << collection->name() << "index snapshot not written:" << snapshot->error;
            snapshotFailedAt = snapshot->covers; // (not tried again before the log grows: a full disk)
        }
        snapshot.reset();
    }
};

SearchService::SearchService(SearchMonitor *monitor) : m_monitor(monitor) {}
SearchService::~SearchService() = default;

QString SearchService::filePrefix(const QString &name) const
{
    return QDir(m_collectionsDir).filePath(QString::fromLatin1(name.toUtf8().toHex()));
}

QString SearchService::snapshotPath(const QString &name) const
{
    return filePrefix(name) + QStringLiteral(".index");
}

QString SearchService::synonymsPath(const QString &name) const
{
    return filePrefix(name) + QStringLiteral(".synonyms.json");
}

// A collection by its name, or else by an alias of it.
SearchService::Entry *SearchService::entry(const QString &name)
{
    auto it = m_collections.find(name);
    if (it == m_collections.end() && m_aliases)
        if (const QJsonObject *alias = m_aliases->find(name))
            it = m_collections.find(alias->value(QStringLiteral("collection_name")).toString());
    return it == m_collections.end() ? nullptr : it->second.get();
}

bool SearchService::attachCuration(Entry &e, const QString &prefix, QString *error)
{
    e.curation = std::make_unique<CurationRules>(prefix + QStringLiteral(".overrides.json"));
    return e.curation->load(error);
}

http::Handler SearchService::timed(http::Handler handler)
{
    return [this, handler = std::move(handler)](const http::Request &req, http::Responder &res) {
        QElapsedTimer clock;
        clock.start();
        {
            // Alone: the searches in flight finish first, and none starts until this is done.
            QWriteLocker exclusive(&m_readers->lock());
            handler(req, res);
        }
        m_stats->record(SearchStats::classify(req.method(), req.path()),
                        QString::fromLatin1(req.method()) + u' ' + req.path(),
                        double(clock.nsecsElapsed()) / 1e6, QDateTime::currentMSecsSinceEpoch());
    };
}

http::Handler SearchService::reader(std::function<ReaderWork(const http::Request &)> prepare)
{
    return [this, prepare = std::move(prepare)](const http::Request &req, http::Responder &res) {
        QElapsedTimer clock;
        clock.start();
        ReaderWork work = prepare(req);
        // Counted when the answer is sent, back on this thread: the time includes the wait.
        auto count = [this, clock, kind = SearchStats::classify(req.method(), req.path()),
                      label = QString::fromLatin1(req.method()) + u' ' + req.path()] {
            m_stats->record(kind, label, double(clock.nsecsElapsed()) / 1e6, QDateTime::currentMSecsSinceEpoch());
        };
        m_readers->run(res, std::move(work), std::move(count));
    };
}

QJsonObject SearchService::prepareSearch(const Entry &e, SearchParams *params, ApiError *error) const
{
    m_presets->apply(params);
    if (ApiError err = m_stopwords->apply(e.collection->analyzer(), params); err.failed()) {
        *error = err;
        return {};
    }
    const Collection &collection = *e.collection;
    const auto valueExists = [&collection](const QString &field, const QString &value) {
        if (value.contains(u'`'))
            return false;
        std::vector<QString> ids;
        const ApiError err = collection.matchingFilter(QStringLiteral("%1:=`%2`").arg(field, value), &ids);
        return !err.failed() && !ids.empty();
    };
    return e.curation->apply(collection.analyzer(), QDateTime::currentSecsSinceEpoch(), params, valueExists);
}

QString SearchService::configure(http::HttpServer &server, const core::ServiceContext &context)
{
    // Typesense answers every error as {"message": "..."}; its clients raise it as is.
    server.setErrorFormatter([](int status, const QString &message) { return errorJson(status, message); });
    http::CorsPolicy cors;
    cors.allowedOrigins = {"*"};
    cors.allowedMethods = {"GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};
    cors.allowedHeaders = {"x-typesense-api-key", "content-type", "accept", "origin"};
    cors.maxAgeSeconds = 3600;
    server.setCors(cors);

    if (!m_readers)
        m_readers = std::make_unique<ReaderPool>(
            context.settings.value(QStringLiteral("reader_threads"), ReaderPool::kDefaultThreads).toInt());
    m_apiKey = context.secrets.value(QStringLiteral("api_key")).toString();
    m_keys = std::make_unique<ApiKeyStore>(QDir(context.dataDir).filePath(QStringLiteral("keys.json")), m_apiKey);
    QString keysError;
    if (!m_keys->load(&keysError))
        return QStringLiteral("the search API keys cannot be loaded: %1").arg(keysError);
    if (!m_housekeeping) {
        m_housekeeping = new QTimer(this);
        connect(m_housekeeping, &QTimer::timeout, this, [this] {
            if (m_keys) {
                QWriteLocker exclusive(&m_readers->lock()); // readers check keys
                m_keys->removeExpiredAutodelete(QDateTime::currentSecsSinceEpoch());
            }
        });
        m_housekeeping->start(kHousekeepingIntervalMs);
    }
    if (!m_snapshotTimer) {
        m_snapshotTimer = new QTimer(this);
        connect(m_snapshotTimer, &QTimer::timeout, this, [this] {
            for (auto &[name, e] : m_collections)
                snapshotIfDue(name, *e);
        });
        m_snapshotTimer->start(kSnapshotCheckIntervalMs);
    }
    const QDir dataDir(context.dataDir);
    m_aliases = std::make_unique<ResourceStore>(dataDir.filePath(QStringLiteral("aliases.json")));
    m_presets = std::make_unique<SearchPresets>(dataDir.filePath(QStringLiteral("presets.json")));
    m_stopwords = std::make_unique<StopwordSets>(dataDir.filePath(QStringLiteral("stopwords.json")));
    m_stats = std::make_unique<SearchStats>();
    m_systemMetrics = std::make_unique<SystemMetrics>(context.dataDir);
    if (!m_aliases->load(&keysError) || !m_presets->load(&keysError) || !m_stopwords->load(&keysError))
        return QStringLiteral("the search settings cannot be loaded: %1").arg(keysError);
    m_collectionsDir = QDir(context.dataDir).filePath(QStringLiteral("collections"));
    if (!QDir().mkpath(m_collectionsDir))
        return QStringLiteral("cannot create %1").arg(m_collectionsDir);
    m_collections.clear();
    QString error;
    if (!loadCollections(&error))
        return QStringLiteral("the search collections cannot be loaded: %1").arg(error);
    addRoutes(server);
    if (m_monitor) {
        m_consoleBridge = std::make_unique<SearchConsoleBridge>(
            m_monitor, &server, context.bindAddress, context.metrics, context.name, m_apiKey,
            [this](const std::function<void(const Collection &)> &visit) {
                for (const auto &[name, e] : m_collections)
                    visit(*e->collection);
            });
    }
    return {};
}

void SearchService::closeStores()
{
    m_consoleBridge.reset();
    if (m_readers)
        m_readers->waitForDone(); // (the server answered every request: nothing is left to read)
    for (auto &[name, e] : m_collections) {
        e->waitForSnapshot();
        // An index snapshot for the next start (a failure costs only a full replay then).
        if (e->snapshotCovers != e->log->size() && !e->log->hasPending()) {
            QElapsedTimer timer;
            timer.start();
            QString error;
            if (e->collection->writeSnapshot(snapshotPath(name), e->log->path(), e->log->size(), e->log->records(), &error))
                qCInfo(lcSearch) << "collection" << name << "index snapshot written in" << timer.elapsed() << "ms";
            else
                qCWarning(lcSearch) << "collection" << name << "index snapshot not written:" << error;
        }
        e->log->close();
    }
    m_collections.clear();
}

void SearchService::snapshotIfDue(const QString &name, Entry &e)
{
    if (e.snapshot) { // one at a time; collect a finished one
        if (!e.snapshotDone(e.snapshot))
            return;
        e.waitForSnapshot();
    }
    const qint64 size = e.log->size();
    const qint64 covered = std::max<qint64>(e.snapshotCovers, 0);
    const bool idle = size == e.sizeAtLastCheck;
    e.sizeAtLastCheck = size;
    if (size == e.snapshotCovers || size == e.snapshotFailedAt || e.log->hasPending() || (!idle && size - covered < std::max(kSnapshotMinGrowth, covered / 2)))
        return;
    // The index is copied on the job's thread under the readers' lock, so searches go on while
    // it is copied (a million documents take about a second) and only writes wait; then the copy
    // is written without the lock.
    auto job = std::make_shared<SnapshotJob>();
    job->thread = std::thread([job, collection = e.collection.get(), log = e.log.get(), lock = &m_readers->lock(),
                               name, path = snapshotPath(name)] {
        std::unique_ptr<SnapshotImage> image;
        QElapsedTimer timer;
        bool locked = false;
        while (!(locked = lock->tryLockForRead(kSnapshotLockPollMs)) && !job->calledOff.load(std::memory_order_acquire)) {}
        if (locked) {
            timer.start();
            if (!job->calledOff.load(std::memory_order_acquire) && !log->hasPending()) {
                job->taken = true;
                job->covers = log->size();
                image = collection->captureSnapshot(log->path(), job->covers, log->records(), &job->error);
            }
            lock->unlock();
        }
        if (image) {
            qCInfo(lcSearch) << "collection" << name << "index snapshot taken in" << timer.elapsed() << "ms ("
                             << image->size() << "bytes), writing it";
            job->ok = image->store(path, &job->error);
            image.reset();
        }
        job->finished.store(true, std::memory_order_release);
    });
    e.snapshot = std::move(job);
}

bool SearchService::loadCollections(QString *error)
{
    const QDir dir(m_collectionsDir);
    // Snapshots a stop did not finish writing (killed on the way out).
    for (const QString &file : dir.entryList({QStringLiteral("*.index.tmp-*")}, QDir::Files))
        QFile::remove(dir.filePath(file));
    for (const QString &file : dir.entryList({QStringLiteral("*.schema.json")}, QDir::Files)) {
        QFile f(dir.filePath(file));
        if (!f.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("cannot read %1").arg(f.fileName());
            return false;
        }
        const QJsonObject schema = QJsonDocument::fromJson(f.readAll()).object();
        std::unique_ptr<Collection> c;
        if (ApiError e = Collection::fromSchema(schema, 0, &c); e.failed()) {
            *error = QStringLiteral("%1: %2").arg(f.fileName(), e.message);
            return false;
        }
        const QString prefix = filePrefix(c->name());
        auto log = std::make_unique<DocumentLog>(prefix + QStringLiteral(".jsonl"));
        if (!log->open(error))
            return false;
        // The index snapshot when it is of this log and schema (then only the records after it
        // are replayed), else the whole log from a fresh collection.
        QElapsedTimer timer;
        timer.start();
        qint64 snapshotCovers = 0, snapshotRecords = 0;
        QString why;
        if (!c->readSnapshot(snapshotPath(c->name()), log->path(), &snapshotCovers, &snapshotRecords, &why)) {
            if (QFile::exists(snapshotPath(c->name())))
                qCWarning(lcSearch) << "collection" << c->name() << "replays its whole log:" << why;
            snapshotCovers = snapshotRecords = 0;
            Collection::fromSchema(schema, 0, &c);
        }
        c->useLog(log.get());
        Collection *raw = c.get();
        raw->useLog(log.get());
        const qint64 records = log->replay([raw](QByteArrayView d, qint64 offset) { raw->restore(d, offset); },
                                           [raw](const QString &id) { raw->restoreRemoval(id); }, error,
                                           snapshotCovers, snapshotRecords);
        if (records < 0)
            return false;
        // Removals replayed leave dead entries, as they did before the restart; mostly dead, the
        // index is rebuilt (and a new snapshot is due: the one read holds the dead entries).
        const bool rebuilt = raw->dropRemovedDocuments();
        raw->releaseSpareCapacity();
        qint64 covered = !rebuilt && snapshotCovers > 0 && log->size() == snapshotCovers ? snapshotCovers : -1;
        // Compact when most records are superseded, so restarts stay fast, and when documents
        // came from records of another form (they are then kept in memory until rewritten).
        if ((records > 1000 && records > 2 * raw->numDocuments()) || log->hasInlineDocuments()) {
            covered = -1;
            if (!raw->compactLog(error))
                return false;
        }
        if (QFile synonyms(synonymsPath(raw->name())); synonyms.open(QIODevice::ReadOnly))
            raw->restoreSynonyms(QJsonDocument::fromJson(synonyms.readAll()).array());
        qCInfo(lcSearch) << "collection" << raw->name() << "loaded with" << raw->numDocuments() << "documents in"
                         << timer.elapsed() << "ms" << (snapshotCovers > 0 ? "from its index snapshot" : "from its log");
        const QString name = c->name();
        auto e = std::make_unique<Entry>();
        e->log = std::move(log);
        e->collection = std::move(c);
        e->schemaPath = prefix + QStringLiteral(".schema.json");
        e->snapshotCovers = covered;
        if (!attachCuration(*e, prefix, error))
            return false;
        m_collections[name] = std::move(e);
    }
    ::malloc_trim(0); // the replay's parse garbage goes back to the system, not only to malloc
    return true;
}

http::AuthHook SearchService::authFor(const QString &action) const
{
    return [this, action](const http::Request &req) -> std::optional<http::Response> {
        if (!m_keys->authorize(requestKey(req), action, req.capture(QStringLiteral("c"))).allowed)
            return errorJson(401, kForbidden);
        return std::nullopt;
    };
}

namespace {
// DELETE's answer, as Typesense gives each: the removed preset, or a stopword set's id.
ApiError removeAnswering(SearchPresets &presets, const QString &name, QJsonObject *answer)
{
    return presets.remove(name, answer);
}

ApiError removeAnswering(StopwordSets &sets, const QString &id, QJsonObject *answer)
{
    ApiError err = sets.remove(id);
    if (!err.failed())
        *answer = QJsonObject{{QStringLiteral("id"), id}};
    return err;
}
} // namespace

template <typename Store>
void SearchService::addNamedStoreRoutes(http::HttpServer &server, const QString &resource, const QString &key,
                                        const std::unique_ptr<Store> &store)
{
    const QString list = QLatin1Char('/') + resource;
    const QString one = list + QStringLiteral("/{") + key + QLatin1Char('}');
    const QString action = resource + QLatin1Char(':');

    server.route("PUT", one, timed([&store, key](const http::Request &req, http::Responder &res) {
        const std::optional<QJsonObject> body = jsonObjectBody(req);
        if (!body)
            return res.sendError(400, QStringLiteral("Bad JSON."));
        QJsonObject stored;
        if (ApiError err = store->upsert(req.capture(key), *body, &stored); err.failed())
            return res.sendError(err.status, err.message);
        sendJson(res, 200, stored);
    })).body(http::BodyPolicy::memory()).auth(authFor(action + QStringLiteral("upsert")));

    server.route("GET", list, timed([&store](const http::Request &, http::Responder &res) {
        sendJson(res, 200, store->list());
    })).auth(authFor(action + QStringLiteral("list")));

    server.route("GET", one, timed([&store, key](const http::Request &req, http::Responder &res) {
        QJsonObject item;
        if (ApiError err = store->get(req.capture(key), &item); err.failed())
            return res.sendError(err.status, err.message);
        sendJson(res, 200, item);
    })).auth(authFor(action + QStringLiteral("get")));

    server.route("DELETE", one, timed([&store, key](const http::Request &req, http::Responder &res) {
        QJsonObject answer;
        if (ApiError err = removeAnswering(*store, req.capture(key), &answer); err.failed())
            return res.sendError(err.status, err.message);
        sendJson(res, 200, answer);
    })).auth(authFor(action + QStringLiteral("delete")));
}

void SearchService::addRoutes(http::HttpServer &server)
{
    const auto auth = [this](const char *action) { return authFor(QString::fromLatin1(action)); };

    server.route("GET", QStringLiteral("/health"), [](const http::Request &, http::Responder &res) {
        res.send(200, "application/json", R"({"ok":true})");
    });

    // Collections
    server.route("POST", QStringLiteral("/collections"), timed([this](const http::Request &req, http::Responder &res) {
        const std::optional<QJsonObject> body = jsonObjectBody(req);
        if (!body)
            return res.sendError(400, QStringLiteral("Bad JSON."));
        std::unique_ptr<Collection> c;
        if (ApiError e = Collection::fromSchema(*body, QDateTime::currentSecsSinceEpoch(), &c); e.failed())
            return res.sendError(e.status, e.message);
        if (ApiError e = c->checkNonIndexedFields(); e.failed())
            return res.sendError(e.status, e.message);
        if (m_collections.count(c->name()))
            return res.sendError(409, QStringLiteral("A collection with name `%1` already exists.").arg(c->name()));
        const QString prefix = filePrefix(c->name());
        QFile::remove(prefix + QStringLiteral(".jsonl"));
        QFile::remove(prefix + QStringLiteral(".index")); // a dropped namesake's
        auto log = std::make_unique<DocumentLog>(prefix + QStringLiteral(".jsonl"));
        QString error;
        if (!log->open(&error))
            return res.sendError(500, error);
        const QString schemaPath = prefix + QStringLiteral(".schema.json");
        error = core::writeFileAtomically(schemaPath, QJsonDocument(c->schemaJson()).toJson(QJsonDocument::Compact));
        if (!error.isEmpty())
            return res.sendError(500, error);
        const QJsonObject summary = c->summary();
        const QString name = c->name();
        c->useLog(log.get());
        auto e = std::make_unique<Entry>();
        e->log = std::move(log);
        e->collection = std::move(c);
        e->schemaPath = schemaPath;
        QFile::remove(prefix + QStringLiteral(".overrides.json")); // a dropped namesake's
        if (!attachCuration(*e, prefix, &error))
            return res.sendError(500, error);
        m_collections[name] = std::move(e);
        sendJson(res, 201, summary);
    })).body(http::BodyPolicy::memory()).auth(auth("collections:create"));

    server.route("GET", QStringLiteral("/collections"), timed([this](const http::Request &req, http::Responder &res) {
        // A key limited to some collections lists only those.
        const ApiKeyStore::Grant grant = m_keys->authorize(requestKey(req), QStringLiteral("collections:list"), QString());
        std::vector<const Collection *> list;
        for (const auto &[name, e] : m_collections)
            if (grant.bootstrap || ApiKeyStore::collectionAllowed(grant.collections, name))
                list.push_back(e->collection.get());
        std::stable_sort(list.begin(), list.end(), [](const Collection *a, const Collection *b) {
            return a->createdAt() > b->createdAt(); // newest first
        });
        QJsonArray out;
        for (const Collection *c : list)
            out.append(c->summary());
        if (QString error; !pageOfList(req, &out, &error))
            return res.sendError(400, error);
        sendJson(res, 200, out);
    })).auth(auth("collections:list"));

    server.route("GET", QStringLiteral("/collections/{c}"), timed([this](const http::Request &req, http::Responder &res) {
        Entry *e = entry(req.capture(QStringLiteral("c")));
        if (!e)
            return res.sendError(404, kNotFound);
        sendJson(res, 200, e->collection->summary());
    })).auth(auth("collections:get"));

    server.route("PATCH", QStringLiteral("/collections/{c}"), timed([this](const http::Request &req, http::Responder &res) {
        Entry *e = entry(req.capture(QStringLiteral("c")));
        if (!e)
            return res.sendError(404, kNotFound);
        const std::optional<QJsonObject> body = jsonObjectBody(req);
        if (!body)
            return res.sendError(400, QStringLiteral("Bad JSON."));
        if (body->isEmpty())
            return res.sendError(400, QStringLiteral("Alter payload is empty."));
        for (auto it = body->constBegin(); it != body->constEnd(); ++it)
            if (it.key() != QLatin1String("fields") && it.key() != QLatin1String("metadata"))
                return res.sendError(400, QStringLiteral("Only `fields` and `metadata` can be updated at the moment."));
        const QJsonValue metadata = body->value(QStringLiteral("metadata"));
        if (!metadata.isUndefined() && !metadata.isObject())
            return res.sendError(400, QStringLiteral("The `metadata` value should be an object."));
        if (body->contains(QStringLiteral("fields")))
            if (ApiError err = e->collection->alterFields(body->value(QStringLiteral("fields"))); err.failed())
                return res.sendError(err.status, err.message);
        if (metadata.isObject())
            e->collection->setMetadata(metadata.toObject());
        e->waitForSnapshot();
        e->snapshotCovers = -1; // of the former schema
        const QString error = core::writeFileAtomically(e->schemaPath, QJsonDocument(e->collection->schemaJson()).toJson(QJsonDocument::Compact));
        if (!error.isEmpty())
            return res.sendError(500, error);
        sendJson(res, 200, *body);
    })).body(http::BodyPolicy::memory()).auth(auth("collections:update"));

    server.route("DELETE", QStringLiteral("/collections/{c}"), timed([this](const http::Request &req, http::Responder &res) {
        Entry *e = entry(req.capture(QStringLiteral("c")));
        if (!e)
            return res.sendError(404, QStringLiteral("No collection with name `%1` found.").arg(req.capture(QStringLiteral("c"))));
        const QString name = e->collection->name(); // the alias's target when named by an alias
        const QJsonObject summary = e->collection->summary();
        e->waitForSnapshot(); // (its file is removed below)
        QFile::remove(e->schemaPath);
        QFile::remove(synonymsPath(name));
        e->curation->removeFile();
        e->log->removeFile();
        QFile::remove(snapshotPath(name));
        syncDirectory(m_collectionsDir);
        m_collections.erase(name);
        sendJson(res, 200, summary);
    })).auth(auth("collections:delete"));

    // Synonyms: the collection's whole list is rewritten atomically on each change (lists are
    // short), and a failed write puts the previous list back.
    server.route("GET", QStringLiteral("/collections/{c}/synonyms"), timed([this](const http::Request &req, http::Responder &res) {
        Entry *e = entry(req.capture(QStringLiteral("c")));
        if (!e)
            return res.sendError(404, kNotFound);
        QJsonArray synonyms = e->collection->synonyms();
        if (QString error; !pageOfList(req, &synonyms, &error))
            return res.sendError(400, error);
        sendJson(res, 200, QJsonObject{{QStringLiteral("synonyms"), synonyms}});
    })).auth(auth("synonyms:list"));
    server.route("GET", QStringLiteral("/collections/{c}/synonyms/{id}"), timed([this](const http::Request &req, http::Responder &res) {
        Entry *e = entry(req.capture(QStringLiteral("c")));
        if (!e)
            return res.sendError(404, kNotFound);
        const QJsonObject *synonym = e->collection->synonym(req.capture(QStringLiteral("id")));
        if (!synonym)
            return res.sendError(404, QStringLiteral("Could not find that `id`."));
        sendJson(res, 200, *synonym);
    })).auth(auth("synonyms:get"));
    auto saveSynonyms = [this](Entry *e, const QJsonArray &previous, http::Responder &res, const QJsonObject &answer) {
        const QString error = core::writeFileAtomically(synonymsPath(e->collection->name()),
                                                        QJsonDocument(e->collection->synonyms()).toJson(QJsonDocument::Compact));
        if (!error.isEmpty()) {
            e->collection->restoreSynonyms(previous);
            return res.sendError(500, error);
        }
        sendJson(res, 200, answer);
    };
    server.route("PUT", QStringLiteral("/collections/{c}/synonyms/{id}"), timed([this, saveSynonyms](const http::Request &req, http::Responder &res) {
        Entry *e = entry(req.capture(QStringLiteral("c")));
        if (!e)
            return res.sendError(404, kNotFound);
        const std::optional<QJsonObject> body = jsonObjectBody(req);
        if (!body)
            return res.sendError(400, QStringLiteral("Bad JSON."));
        const QJsonArray previous = e->collection->synonyms();
        QJsonObject stored;
        if (ApiError err = e->collection->putSynonym(req.capture(QStringLiteral("id")), *body, &stored); err.failed())
            return res.sendError(err.status, err.message);
        saveSynonyms(e, previous, res, stored);
    })).body(http::BodyPolicy::memory()).auth(auth("synonyms:upsert"));
    server.route("DELETE", QStringLiteral("/collections/{c}/synonyms/{id}"), timed([this, saveSynonyms](const http::Request &req, http::Responder &res) {
        Entry *e = entry(req.capture(QStringLiteral("c")));
        if (!e)
            return res.sendError(404, kNotFound);
        const QString id = req.capture(QStringLiteral("id"));
        const QJsonArray previous = e->collection->synonyms();
        if (!e->collection->removeSynonym(id))
            return res.sendError(404, QStringLiteral("Could not find that `id`."));
        saveSynonyms(e, previous, res, QJsonObject{{QStringLiteral("id"), id}});
    })).auth(auth("synonyms:delete"));

    // Documents: the fixed sub-paths before /{id}.
    server.route("POST", QStringLiteral("/collections/{c}/documents/import"), timed([this](const http::Request &req, http::Responder &res) {
        Entry *e = entry(req.capture(QStringLiteral("c")));
        if (!e)
            return res.sendError(404, kNotFound);
        if (!validBatchSize(req))
            return res.sendError(400, QStringLiteral("Parameter `batch_size` must be a positive integer."));
        WriteAction action;
        if (!parseAction(req.queryValue(QStringLiteral("action")), &action))
            return res.sendError(400, kBadAction);
        for (const char *flag : {"return_doc", "return_id"}) {
            const QString v = req.queryValue(QLatin1String(flag));
            if (req.hasQueryItem(QLatin1String(flag)) && v != QLatin1String("true") && v != QLatin1String("false"))
                return res.sendError(400, QStringLiteral("Parameter `%1` must be a true|false.").arg(QLatin1String(flag)));
        }
        const DirtyValues dirty = dirtyValues(*e->collection, req.queryValue(QStringLiteral("dirty_values")));
        const bool returnId = req.queryValue(QStringLiteral("return_id")) == QLatin1String("true");
        const bool returnDoc = req.queryValue(QStringLiteral("return_doc")) == QLatin1String("true");
        // One result per input line; a final newline does not start another line.
        const QByteArray &body = req.body();
        QByteArray out;
        qsizetype from = 0;
        for (qsizetype i = 0; from < body.size(); ++i) {
            qsizetype end = body.indexOf('\n', from);
            if (end < 0)
                end = body.size();
            const QByteArray line = QByteArray::fromRawData(body.constData() + from, end - from).trimmed();
            from = end + 1;
            if (line.isEmpty() && from >= body.size())
                break; // trailing whitespace
            if (i > 0)
                out += '\n';
            QJsonObject result;
            QJsonParseError pe;
            const QJsonDocument doc = QJsonDocument::fromJson(line, &pe);
            if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
                result = QJsonObject{{QStringLiteral("code"), 400}, {QStringLiteral("document"), QString::fromUtf8(line)},
                                     {QStringLiteral("error"), QStringLiteral("Bad JSON.")}, {QStringLiteral("success"), false}};
            } else {
                QJsonObject stored;
                ApiError err = e->collection->write(doc.object(), action, dirty, QString(), &stored);
                if (err.failed()) {
                    result = QJsonObject{{QStringLiteral("code"), err.status}, {QStringLiteral("document"), QString::fromUtf8(line)},
                                         {QStringLiteral("error"), err.message}, {QStringLiteral("success"), false}};
                } else if (!returnId && !returnDoc) { // (the collection logged the put)
                    out += R"({"success":true})"; // as QJsonDocument writes it, without building it
                    continue;
                } else {
                    result = QJsonObject{{QStringLiteral("success"), true}};
                    if (returnId)
                        result.insert(QStringLiteral("id"), stored.value(QStringLiteral("id")));
                    if (returnDoc)
                        result.insert(QStringLiteral("document"), stored);
                }
            }
            out += QJsonDocument(result).toJson(QJsonDocument::Compact);
        }
        finishWrites(*e->collection, true);
        QString error;
        if (!e->log->commit(&error))
            return res.sendError(500, error);
        res.send(200, "text/plain; charset=utf-8", out);
    })).body(http::BodyPolicy::memory(kImportBodyBytes)).auth(auth("documents:import"));

    // Readers: each prepare function runs on the service's thread and copies what its work needs
    // from the request; the work runs on a reader thread (see reader_pool.h).
    server.route("GET", QStringLiteral("/collections/{c}/documents/export"), reader([this](const http::Request &req) -> ReaderWork {
        return [this, name = req.capture(QStringLiteral("c")), filterBy = req.queryValue(QStringLiteral("filter_by")),
                include = splitFields(req.queryValue(QStringLiteral("include_fields"))),
                exclude = splitFields(req.queryValue(QStringLiteral("exclude_fields")))] {
            const Entry *e = entry(name);
            if (!e)
                return errorJson(404, kNotFound);
            std::vector<QString> ids;
            if (ApiError err = e->collection->matchingFilter(filterBy, &ids); err.failed())
                return errorJson(err.status, err.message);
            QByteArray out;
            for (size_t i = 0; i < ids.size(); ++i) {
                if (i > 0)
                    out += '\n';
                if (include.isEmpty() && exclude.isEmpty())
                    out += e->collection->documentBytes(ids[i]); // stored compact: copied as is
                else
                    out += QJsonDocument(Collection::selectFields(*e->collection->document(ids[i]), include, exclude)).toJson(QJsonDocument::Compact);
            }
            return http::Response(200, "text/plain; charset=utf-8", out);
        };
    })).auth(auth("documents:export"));

    server.route("GET", QStringLiteral("/collections/{c}/documents/search"), reader([this](const http::Request &req) -> ReaderWork {
        // Typesense refuses a search whose query string (with its '?') passes 4000 bytes, and
        // clients answer that by sending it through multi_search instead.
        if (req.rawQuery().size() + 1 > kMaxSearchQueryBytes)
            return [] {
                return errorJson(400, QStringLiteral("Query string exceeds max allowed length of %1. Use the /multi_search end-point for larger payloads.")
                                          .arg(kMaxSearchQueryBytes));
            };
        return [this, name = req.capture(QStringLiteral("c")), params = queryParams(req), key = requestKey(req)]() mutable {
            const Entry *e = entry(name);
            if (!e)
                return errorJson(404, kSearchCollectionNotFound);
            const ApiKeyStore::Grant grant = m_keys->authorize(key, QStringLiteral("documents:search"), e->collection->name());
            if (grant.scoped)
                ApiKeyStore::applyEmbedded(grant.embedded, &params);
            ApiError err;
            const QJsonObject metadata = prepareSearch(*e, &params, &err);
            if (err.failed())
                return errorJson(err.status, err.message);
            // (the answer comes written: no object tree to build and serialise)
            QByteArray result = e->collection->searchJson(params, &err, metadata);
            if (err.failed())
                return errorJson(err.status, err.message);
            return http::Response::json(200, result);
        };
    })).auth(auth("documents:search"));

    server.route("POST", QStringLiteral("/collections/{c}/documents"), timed([this](const http::Request &req, http::Responder &res) {
        Entry *e = entry(req.capture(QStringLiteral("c")));
        if (!e)
            return res.sendError(404, kNotFound);
        WriteAction action;
        if (!parseAction(req.queryValue(QStringLiteral("action")), &action))
            return res.sendError(400, kBadAction);
        writeOneDocument(*e->collection, *e->log, req, res, action, QString(), 201);
    })).body(http::BodyPolicy::memory(kDocumentBodyBytes)).auth(auth("documents:create"));

    server.route("PATCH", QStringLiteral("/collections/{c}/documents"), timed([this](const http::Request &req, http::Responder &res) {
        Entry *e = entry(req.capture(QStringLiteral("c")));
        if (!e)
            return res.sendError(404, kNotFound);
        const QString filterBy = req.queryValue(QStringLiteral("filter_by"));
        if (filterBy.trimmed().isEmpty())
            return res.sendError(400, QStringLiteral("Parameter `filter_by` must be provided."));
        const DirtyValues dirty = dirtyValues(*e->collection, req.queryValue(QStringLiteral("dirty_values")));
        const std::optional<QJsonObject> body = jsonObjectBody(req);
        if (!body)
            return res.sendError(400, QStringLiteral("Bad JSON."));
        QJsonObject changes = *body;
        changes.remove(QStringLiteral("id"));
        std::vector<QString> ids;
        if (ApiError err = e->collection->matchingFilter(filterBy, &ids); err.failed())
            return res.sendError(err.status, err.message);
        int updated = 0;
        for (const QString &id : std::as_const(ids)) {
            QJsonObject stored;
            if (ApiError err = e->collection->write(changes, WriteAction::Update, dirty, id, &stored); err.failed()) {
                finishWrites(*e->collection, false);
                QString error;
                e->log->commit(&error); // what was updated before stays updated
                return res.sendError(err.status, err.message);
            }
            ++updated;
        }
        finishWrites(*e->collection, false);
        commitAndSend(*e->log, res, 200, QJsonObject{{QStringLiteral("num_updated"), updated}});
    })).body(http::BodyPolicy::memory(kDocumentBodyBytes)).auth(auth("documents:update"));

    server.route("DELETE", QStringLiteral("/collections/{c}/documents"), timed([this](const http::Request &req, http::Responder &res) {
        Entry *e = entry(req.capture(QStringLiteral("c")));
        if (!e)
            return res.sendError(404, kNotFound);
        const bool truncate = req.queryValue(QStringLiteral("truncate")) == QLatin1String("true");
        const QString filterBy = req.queryValue(QStringLiteral("filter_by"));
        if (!truncate && filterBy.trimmed().isEmpty())
            return res.sendError(400, QStringLiteral("Parameter `filter_by` must be provided."));
        if (!validBatchSize(req))
            return res.sendError(400, QStringLiteral("Parameter `batch_size` must be a positive integer."));
        std::vector<QString> ids;
        if (ApiError err = e->collection->matchingFilter(truncate ? QString() : filterBy, &ids); err.failed())
            return res.sendError(err.status, err.message);
        for (const QString &id : std::as_const(ids)) {
            QJsonObject removed;
            e->collection->remove(id, &removed); // (logs the del record)
        }
        finishWrites(*e->collection, false);
        commitAndSend(*e->log, res, 200, QJsonObject{{QStringLiteral("num_deleted"), qint64(ids.size())}});
    })).auth(auth("documents:delete"));

    server.route("GET", QStringLiteral("/collections/{c}/documents/{id}"), reader([this](const http::Request &req) -> ReaderWork {
        return [this, name = req.capture(QStringLiteral("c")), id = req.capture(QStringLiteral("id")),
                include = splitFields(req.queryValue(QStringLiteral("include_fields"))),
                exclude = splitFields(req.queryValue(QStringLiteral("exclude_fields")))] {
            const Entry *e = entry(name);
            if (!e)
                return errorJson(404, kNotFound);
            const std::optional<QJsonObject> doc = e->collection->document(id);
            if (!doc)
                return errorJson(404, QStringLiteral("Could not find a document with id: %1").arg(id));
            return jsonAnswer(200, include.isEmpty() && exclude.isEmpty() ? *doc : Collection::selectFields(*doc, include, exclude));
        };
    })).auth(auth("documents:get"));

    server.route("PATCH", QStringLiteral("/collections/{c}/documents/{id}"), timed([this](const http::Request &req, http::Responder &res) {
        Entry *e = entry(req.capture(QStringLiteral("c")));
        if (!e)
            return res.sendError(404, kNotFound);
        writeOneDocument(*e->collection, *e->log, req, res, WriteAction::Update, req.capture(QStringLiteral("id")), 200);
    })).body(http::BodyPolicy::memory(kDocumentBodyBytes)).auth(auth("documents:update"));

    server.route("DELETE", QStringLiteral("/collections/{c}/documents/{id}"), timed([this](const http::Request &req, http::Responder &res) {
        Entry *e = entry(req.capture(QStringLiteral("c")));
        if (!e)
            return res.sendError(404, kNotFound);
        QJsonObject removed;
        const QString id = req.capture(QStringLiteral("id"));
        if (ApiError err = e->collection->remove(id, &removed); err.failed()) {
            if (err.status == 404 && req.queryValue(QStringLiteral("ignore_not_found")) == QLatin1String("true"))
                return sendJson(res, 200, QJsonObject{{QStringLiteral("id"), id}});
            return res.sendError(err.status, err.message);
        }
        finishWrites(*e->collection, false);
        commitAndSend(*e->log, res, 200, removed);
    })).auth(auth("documents:delete"));

    server.route("POST", QStringLiteral("/multi_search"), reader([this](const http::Request &req) -> ReaderWork {
        return [this, bodyBytes = req.body(), common = queryParams(req), givenKey = requestKey(req)] {
            const std::optional<QJsonObject> body = jsonObjectBody(bodyBytes);
            if (!body)
                return errorJson(400, QStringLiteral("Bad JSON."));
            QJsonValue searches = body->value(QStringLiteral("searches"));
            // A multi_search preset ({"searches":[...]}) stands in for a request without searches.
            if (searches.toArray().isEmpty() && common.contains(QStringLiteral("preset"))) {
                const QJsonArray preset = m_presets->searchesOf(common.value(QStringLiteral("preset")));
                if (!preset.isEmpty())
                    searches = preset;
            }
            if (!searches.isArray())
                return errorJson(400, QStringLiteral("Missing `searches` array."));
            const int limit = common.value(QStringLiteral("limit_multi_searches"), QString::number(kDefaultMultiSearchLimit)).toInt();
            if (searches.toArray().size() > limit)
                return errorJson(400, QStringLiteral("Number of multi searches exceeds `limit_multi_searches` parameter."));
            // Each search is checked against its own key (an entry's x-typesense-api-key wins over the
            // request's); one refused search refuses the whole request, as Typesense does.
            std::vector<SearchParams> all;
            for (const QJsonValue &s : searches.toArray())
                if (!s.isObject())
                    return errorJson(400, QStringLiteral("The value of `searches` must be an array of objects."));
            for (const QJsonValue &s : searches.toArray()) {
                SearchParams params = common;
                const QJsonObject o = s.toObject();
                for (auto it = o.constBegin(); it != o.constEnd(); ++it)
                    params.insert(it.key(), scalarString(it.value()));
                const QString key = o.contains(QStringLiteral("x-typesense-api-key")) ? params.value(QStringLiteral("x-typesense-api-key")) : givenKey;
                params.remove(QStringLiteral("x-typesense-api-key"));
                const ApiKeyStore::Grant grant = m_keys->authorize(key, QStringLiteral("documents:search"), params.value(QStringLiteral("collection")));
                if (!grant.allowed)
                    return errorJson(401, kForbidden);
                if (grant.scoped)
                    ApiKeyStore::applyEmbedded(grant.embedded, &params);
                all.push_back(std::move(params));
            }
            if (all.empty() && givenKey.isEmpty())
                return errorJson(401, kForbidden);
            // {"results":[...]}: each search's answer as it comes written, or its error.
            QByteArray results("{\"results\":[");
            auto failed = [&results](int code, const QString &message) {
                results += QJsonDocument(QJsonObject{{QStringLiteral("code"), code}, {QStringLiteral("error"), message}})
                               .toJson(QJsonDocument::Compact);
            };
            for (size_t i = 0; i < all.size(); ++i) {
                SearchParams &params = all[i];
                if (i > 0)
                    results += ',';
                const QString name = params.value(QStringLiteral("collection"));
                const Entry *e = entry(name);
                if (!e) {
                    if (name.isEmpty())
                        failed(400, QStringLiteral("Parameter `collection` is required."));
                    else
                        failed(404, kSearchCollectionNotFound);
                    continue;
                }
                ApiError err;
                const QJsonObject metadata = prepareSearch(*e, &params, &err);
                const QByteArray result = err.failed() ? QByteArray() : e->collection->searchJson(params, &err, metadata);
                if (err.failed())
                    failed(err.status, err.message);
                else
                    results += result;
            }
            results += "]}";
            return http::Response::json(200, results);
        };
    })).body(http::BodyPolicy::memory(kMultiSearchBodyBytes)).auth([this](const http::Request &req) -> std::optional<http::Response> {
        // Without a request key every search must bring its own (checked in the handler).
        const QString given = requestKey(req);
        if (!given.isEmpty() && !m_keys->authorize(given, QStringLiteral("documents:search"), QString()).allowed)
            return errorJson(401, kForbidden);
        return std::nullopt;
    });

    // API keys
    server.route("POST", QStringLiteral("/keys"), timed([this](const http::Request &req, http::Responder &res) {
        const std::optional<QJsonObject> body = jsonObjectBody(req);
        if (!body)
            return res.sendError(400, QStringLiteral("Bad JSON."));
        QJsonObject created;
        if (ApiError err = m_keys->create(*body, &created); err.failed())
            return res.sendError(err.status, err.message);
        sendJson(res, 201, created);
    })).body(http::BodyPolicy::memory()).auth(auth("keys:create"));

    server.route("GET", QStringLiteral("/keys"), timed([this](const http::Request &, http::Responder &res) {
        sendJson(res, 200, m_keys->list());
    })).auth(auth("keys:list"));

    server.route("GET", QStringLiteral("/keys/{id}"), timed([this](const http::Request &req, http::Responder &res) {
        QJsonObject key;
        if (ApiError err = m_keys->get(req.capture(QStringLiteral("id")), &key); err.failed())
            return res.sendError(err.status, err.message);
        sendJson(res, 200, key);
    })).auth(auth("keys:get"));

    server.route("DELETE", QStringLiteral("/keys/{id}"), timed([this](const http::Request &req, http::Responder &res) {
        QJsonObject removed;
        if (ApiError err = m_keys->remove(req.capture(QStringLiteral("id")), &removed); err.failed())
            return res.sendError(err.status, err.message);
        sendJson(res, 200, removed);
    })).auth(auth("keys:delete"));

    // Aliases: a name that collection routes resolve to its collection.
    server.route("PUT", QStringLiteral("/aliases/{name}"), timed([this](const http::Request &req, http::Responder &res) {
        const std::optional<QJsonObject> body = jsonObjectBody(req);
        if (!body)
            return res.sendError(400, QStringLiteral("Bad JSON."));
        const QJsonValue target = body->value(QStringLiteral("collection_name"));
        if (!target.isString() || target.toString().isEmpty())
            return res.sendError(400, QStringLiteral("Parameter `collection_name` is required."));
        const QString name = req.capture(QStringLiteral("name"));
        const QJsonObject alias{{QStringLiteral("name"), name}, {QStringLiteral("collection_name"), target}};
        if (const QString error = m_aliases->put(name, alias); !error.isEmpty())
            return res.sendError(500, error);
        sendJson(res, 200, alias);
    })).body(http::BodyPolicy::memory()).auth(auth("aliases:upsert"));

    server.route("GET", QStringLiteral("/aliases"), timed([this](const http::Request &, http::Responder &res) {
        QJsonArray aliases;
        for (const auto &[name, alias] : m_aliases->all())
            aliases.append(alias);
        sendJson(res, 200, QJsonObject{{QStringLiteral("aliases"), aliases}});
    })).auth(auth("aliases:list"));

    server.route("GET", QStringLiteral("/aliases/{name}"), timed([this](const http::Request &req, http::Responder &res) {
        const QJsonObject *alias = m_aliases->find(req.capture(QStringLiteral("name")));
        if (!alias)
            return res.sendError(404, QStringLiteral("Not Found"));
        sendJson(res, 200, *alias);
    })).auth(auth("aliases:get"));

    server.route("DELETE", QStringLiteral("/aliases/{name}"), timed([this](const http::Request &req, http::Responder &res) {
        const QString name = req.capture(QStringLiteral("name"));
        const QJsonObject *alias = m_aliases->find(name);
        if (!alias)
            return res.sendError(404, QStringLiteral("Not Found"));
        const QJsonObject removed = *alias;
        if (const QString error = m_aliases->remove(name); !error.isEmpty())
            return res.sendError(500, error);
        sendJson(res, 200, removed);
    })).auth(auth("aliases:delete"));

    // Presets and stopword sets: the same four routes over a named store.
    addNamedStoreRoutes(server, QStringLiteral("presets"), QStringLiteral("name"), m_presets);
    addNamedStoreRoutes(server, QStringLiteral("stopwords"), QStringLiteral("id"), m_stopwords);

    // Overrides (curation) of one collection
    server.route("PUT", QStringLiteral("/collections/{c}/overrides/{id}"), timed([this](const http::Request &req, http::Responder &res) {
        Entry *e = entry(req.capture(QStringLiteral("c")));
        if (!e)
            return res.sendError(404, QStringLiteral("Not Found"));
        const std::optional<QJsonObject> body = jsonObjectBody(req);
        if (!body)
            return res.sendError(400, QStringLiteral("Bad JSON."));
        QJsonObject stored;
        if (ApiError err = e->curation->upsert(req.capture(QStringLiteral("id")), *body, &stored); err.failed())
            return res.sendError(err.status, err.message);
        sendJson(res, 200, stored);
    })).body(http::BodyPolicy::memory()).auth(auth("overrides:upsert"));

    server.route("GET", QStringLiteral("/collections/{c}/overrides"), timed([this](const http::Request &req, http::Responder &res) {
        Entry *e = entry(req.capture(QStringLiteral("c")));
        if (!e)
            return res.sendError(404, QStringLiteral("Not Found"));
        QJsonArray overrides = e->curation->list().value(QStringLiteral("overrides")).toArray();
        if (QString error; !pageOfList(req, &overrides, &error))
            return res.sendError(400, error);
        sendJson(res, 200, QJsonObject{{QStringLiteral("overrides"), overrides}});
    })).auth(auth("overrides:list"));

    server.route("GET", QStringLiteral("/collections/{c}/overrides/{id}"), timed([this](const http::Request &req, http::Responder &res) {
        Entry *e = entry(req.capture(QStringLiteral("c")));
        if (!e)
            return res.sendError(404, QStringLiteral("Not Found"));
        QJsonObject rule;
        if (ApiError err = e->curation->get(req.capture(QStringLiteral("id")), &rule); err.failed())
            return res.sendError(err.status, err.message);
        sendJson(res, 200, rule);
    })).auth(auth("overrides:get"));

    server.route("DELETE", QStringLiteral("/collections/{c}/overrides/{id}"), timed([this](const http::Request &req, http::Responder &res) {
        Entry *e = entry(req.capture(QStringLiteral("c")));
        if (!e)
            return res.sendError(404, QStringLiteral("Not Found"));
        const QString id = req.capture(QStringLiteral("id"));
        if (ApiError err = e->curation->remove(id); err.failed())
            return res.sendError(err.status, err.message);
        sendJson(res, 200, QJsonObject{{QStringLiteral("id"), id}});
    })).auth(auth("overrides:delete"));

    // Operations: the service's own request counters and this machine's figures.
    server.route("GET", QStringLiteral("/stats.json"), timed([this](const http::Request &, http::Responder &res) {
        sendJson(res, 200, m_stats->toJson(QDateTime::currentMSecsSinceEpoch()));
    })).auth(auth("stats.json:list"));

    server.route("GET", QStringLiteral("/metrics.json"), timed([this](const http::Request &, http::Responder &res) {
        sendJson(res, 200, m_systemMetrics->sample());
    })).auth(auth("metrics.json:list"));

    server.setFallback([](const http::Request &, http::Responder &res) { res.sendError(404, QStringLiteral("Not Found")); })
        .auth(auth("*"));
}

} // namespace homeport::search
