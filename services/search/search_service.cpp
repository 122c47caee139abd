#include "search_service.h"

#include "collection.h"
#include "document_log.h"

#include "core/atomic_file.h"
#include "core/logging.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <optional>

namespace homeport::search {

namespace {

constexpr qint64 kDocumentBodyBytes = 64LL << 20;
constexpr qint64 kImportBodyBytes = 512LL << 20;
constexpr qint64 kMultiSearchBodyBytes = 8LL << 20;
constexpr int kDefaultMultiSearchLimit = 50;

const QString kForbidden = QStringLiteral("Forbidden - a valid `x-typesense-api-key` header must be sent.");
const QString kCollectionNotFound = QStringLiteral("Collection not found");

http::Response errorJson(int status, const QString &message)
{
    return http::Response::json(status, QJsonDocument(QJsonObject{{QStringLiteral("message"), message}}).toJson(QJsonDocument::Compact));
}

void sendJson(http::Responder &res, int status, const QJsonObject &o)
{
    res.send(http::Response::json(status, QJsonDocument(o).toJson(QJsonDocument::Compact)));
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
std::optional<QJsonObject> jsonObjectBody(const http::Request &req)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(req.body(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    return doc.object();
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

bool parseDirty(const QString &s, DirtyValues *out)
{
    if (s.isEmpty() || s == QLatin1String("reject")) *out = DirtyValues::Reject;
    else if (s == QLatin1String("drop")) *out = DirtyValues::Drop;
    else if (s == QLatin1String("coerce_or_reject")) *out = DirtyValues::CoerceOrReject;
    else if (s == QLatin1String("coerce_or_drop")) *out = DirtyValues::CoerceOrDrop;
    else return false;
    return true;
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

// One document written through create/upsert/update/emplace (POST) or a partial update (PATCH):
// validated, applied to the index, logged, and answered once the log is on disk.
void writeOneDocument(Collection &collection, DocumentLog &log, const http::Request &req, http::Responder &res,
                      WriteAction action, const QString &id, int successStatus)
{
    DirtyValues dirty;
    if (!parseDirty(req.queryValue(QStringLiteral("dirty_values")), &dirty))
        return res.sendError(400, QStringLiteral("Invalid dirty_values."));
    const std::optional<QJsonObject> body = jsonObjectBody(req);
    if (!body)
        return res.sendError(400, QStringLiteral("Bad JSON."));
    QJsonObject stored;
    if (ApiError err = collection.write(*body, action, dirty, id, &stored); err.failed())
        return res.sendError(err.status, err.message);
    log.appendPut(stored);
    commitAndSend(log, res, successStatus, stored);
}

} // namespace

struct SearchService::Entry
{
    std::unique_ptr<Collection> collection;
    std::unique_ptr<DocumentLog> log;
    QString schemaPath;
};

SearchService::SearchService(QObject *parent) : http::HttpService(parent) {}
SearchService::~SearchService() = default;

QString SearchService::filePrefix(const QString &name) const
{
    return QDir(m_collectionsDir).filePath(QString::fromLatin1(name.toUtf8().toHex()));
}

QString SearchService::synonymsPath(const QString &name) const
{
    return filePrefix(name) + QStringLiteral(".synonyms.json");
}

SearchService::Entry *SearchService::entry(const QString &name)
{
    const auto it = m_collections.find(name);
    return it == m_collections.end() ? nullptr : it->second.get();
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

    m_apiKey = context.secrets.value(QStringLiteral("api_key")).toString();
    m_collectionsDir = QDir(context.dataDir).filePath(QStringLiteral("collections"));
    if (!QDir().mkpath(m_collectionsDir))
        return QStringLiteral("cannot create %1").arg(m_collectionsDir);
    m_collections.clear();
    QString error;
    if (!loadCollections(&error))
        return QStringLiteral("the search collections cannot be loaded: %1").arg(error);
    addRoutes(server);
    return {};
}

void SearchService::closeStores()
{
    for (auto &[name, e] : m_collections)
        e->log->close();
    m_collections.clear();
}

bool SearchService::loadCollections(QString *error)
{
    const QDir dir(m_collectionsDir);
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
        Collection *raw = c.get();
        const qint64 records = log->replay([raw](const QByteArray &d) { raw->restore(d); },
                                           [raw](const QString &id) { raw->restoreRemoval(id); }, error);
        if (records < 0)
            return false;
        // Compact when most records are superseded, so restarts stay fast.
        if (records > 1000 && records > 2 * raw->numDocuments()) {
            QByteArray all;
            raw->forEachDocument([&all](const QByteArray &d) {
                all += "{\"put\":";
                all += d;
                all += "}\n";
            });
            if (!log->rewrite(all, error))
                return false;
        }
        if (QFile synonyms(synonymsPath(raw->name())); synonyms.open(QIODevice::ReadOnly))
            raw->restoreSynonyms(QJsonDocument::fromJson(synonyms.readAll()).array());
        qCInfo(lcSearch) << "collection" << raw->name() << "loaded with" << raw->numDocuments() << "documents";
        const QString name = c->name();
        m_collections[name] = std::make_unique<Entry>(Entry{std::move(c), std::move(log), prefix + QStringLiteral(".schema.json")});
    }
    return true;
}

void SearchService::addRoutes(http::HttpServer &server)
{
    const QString key = m_apiKey;
    http::AuthHook auth = [key](const http::Request &req) -> std::optional<http::Response> {
        QString given = QString::fromUtf8(req.header("X-TYPESENSE-API-KEY"));
        if (given.isEmpty())
            given = req.queryValue(QStringLiteral("x-typesense-api-key"));
        if (key.isEmpty() || given != key)
            return errorJson(401, kForbidden);
        return std::nullopt;
    };

    server.route("GET", QStringLiteral("/health"), [](const http::Request &, http::Responder &res) {
        res.send(200, "application/json", R"({"ok":true})");
    });

    // Collections
    server.route("POST", QStringLiteral("/collections"), [this](const http::Request &req, http::Responder &res) {
        const std::optional<QJsonObject> body = jsonObjectBody(req);
        if (!body)
            return res.sendError(400, QStringLiteral("Bad JSON."));
        std::unique_ptr<Collection> c;
        if (ApiError e = Collection::fromSchema(*body, QDateTime::currentSecsSinceEpoch(), &c); e.failed())
            return res.sendError(e.status, e.message);
        if (m_collections.count(c->name()))
            return res.sendError(409, QStringLiteral("A collection with name `%1` already exists.").arg(c->name()));
        const QString prefix = filePrefix(c->name());
        QFile::remove(prefix + QStringLiteral(".jsonl"));
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
        m_collections[name] = std::make_unique<Entry>(Entry{std::move(c), std::move(log), schemaPath});
        sendJson(res, 201, summary);
    }).body(http::BodyPolicy::memory()).auth(auth);

    server.route("GET", QStringLiteral("/collections"), [this](const http::Request &, http::Responder &res) {
        std::vector<const Collection *> list;
        for (const auto &[name, e] : m_collections)
            list.push_back(e->collection.get());
        std::stable_sort(list.begin(), list.end(), [](const Collection *a, const Collection *b) {
            return a->createdAt() > b->createdAt(); // newest first
        });
        QJsonArray out;
        for (const Collection *c : list)
            out.append(c->summary());
        sendJson(res, 200, out);
    }).auth(auth);

    server.route("GET", QStringLiteral("/collections/{c}"), [this](const http::Request &req, http::Responder &res) {
        Entry *e = entry(req.capture(QStringLiteral("c")));
        if (!e)
            return res.sendError(404, kCollectionNotFound);
        sendJson(res, 200, e->collection->summary());
    }).auth(auth);

    server.route("PATCH", QStringLiteral("/collections/{c}"), [this](const http::Request &req, http::Responder &res) {
        Entry *e = entry(req.capture(QStringLiteral("c")));
        if (!e)
            return res.sendError(404, kCollectionNotFound);
        const std::optional<QJsonObject> body = jsonObjectBody(req);
        if (!body)
            return res.sendError(400, QStringLiteral("Bad JSON."));
        const QJsonValue fields = body->value(QStringLiteral("fields"));
        if (ApiError err = e->collection->alterFields(fields); err.failed())
            return res.sendError(err.status, err.message);
        const QString error = core::writeFileAtomically(e->schemaPath, QJsonDocument(e->collection->schemaJson()).toJson(QJsonDocument::Compact));
        if (!error.isEmpty())
            return res.sendError(500, error);
        sendJson(res, 200, QJsonObject{{QStringLiteral("fields"), fields}});
    }).body(http::BodyPolicy::memory()).auth(auth);

    server.route("DELETE", QStringLiteral("/collections/{c}"), [this](const http::Request &req, http::Responder &res) {
        const QString name = req.capture(QStringLiteral("c"));
        Entry *e = entry(name);
        if (!e)
            return res.sendError(404, kCollectionNotFound);
        const QJsonObject summary = e->collection->summary();
        QFile::remove(e->schemaPath);
        QFile::remove(synonymsPath(name));
        e->log->removeFile();
        syncDirectory(m_collectionsDir);
        m_collections.erase(name);
        sendJson(res, 200, summary);
    }).auth(auth);

    // Synonyms: the collection's whole list is rewritten atomically on each change (lists are
    // short), and a failed write puts the previous list back.
    server.route("GET", QStringLiteral("/collections/{c}/synonyms"), [this](const http::Request &req, http::Responder &res) {
        Entry *e = entry(req.capture(QStringLiteral("c")));
        if (!e)
            return res.sendError(404, kCollectionNotFound);
        sendJson(res, 200, QJsonObject{{QStringLiteral("synonyms"), e->collection->synonyms()}});
    }).auth(auth);
    server.route("GET", QStringLiteral("/collections/{c}/synonyms/{id}"), [this](const http::Request &req, http::Responder &res) {
        Entry *e = entry(req.capture(QStringLiteral("c")));
        if (!e)
            return res.sendError(404, kCollectionNotFound);
        const QJsonObject *synonym = e->collection->synonym(req.capture(QStringLiteral("id")));
        if (!synonym)
            return res.sendError(404, QStringLiteral("Could not find that `id`."));
        sendJson(res, 200, *synonym);
    }).auth(auth);
    auto saveSynonyms = [this](Entry *e, const QJsonArray &previous, http::Responder &res, const QJsonObject &answer) {
        const QString error = core::writeFileAtomically(synonymsPath(e->collection->name()),
                                                        QJsonDocument(e->collection->synonyms()).toJson(QJsonDocument::Compact));
        if (!error.isEmpty()) {
            e->collection->restoreSynonyms(previous);
            return res.sendError(500, error);
        }
        sendJson(res, 200, answer);
    };
    server.route("PUT", QStringLiteral("/collections/{c}/synonyms/{id}"), [this, saveSynonyms](const http::Request &req, http::Responder &res) {
        Entry *e = entry(req.capture(QStringLiteral("c")));
        if (!e)
            return res.sendError(404, kCollectionNotFound);
        const std::optional<QJsonObject> body = jsonObjectBody(req);
        if (!body)
            return res.sendError(400, QStringLiteral("Bad JSON."));
        const QJsonArray previous = e->collection->synonyms();
        QJsonObject stored;
        if (ApiError err = e->collection->putSynonym(req.capture(QStringLiteral("id")), *body, &stored); err.failed())
            return res.sendError(err.status, err.message);
        saveSynonyms(e, previous, res, stored);
    }).body(http::BodyPolicy::memory()).auth(auth);
    server.route("DELETE", QStringLiteral("/collections/{c}/synonyms/{id}"), [this, saveSynonyms](const http::Request &req, http::Responder &res) {
        Entry *e = entry(req.capture(QStringLiteral("c")));
        if (!e)
            return res.sendError(404, kCollectionNotFound);
        const QString id = req.capture(QStringLiteral("id"));
        const QJsonArray previous = e->collection->synonyms();
        if (!e->collection->removeSynonym(id))
            return res.sendError(404, QStringLiteral("Could not find that `id`."));
        saveSynonyms(e, previous, res, QJsonObject{{QStringLiteral("id"), id}});
    }).auth(auth);

    // Documents: the fixed sub-paths before /{id}.
    server.route("POST", QStringLiteral("/collections/{c}/documents/import"), [this](const http::Request &req, http::Responder &res) {
        Entry *e = entry(req.capture(QStringLiteral("c")));
        if (!e)
            return res.sendError(404, kCollectionNotFound);
        WriteAction action;
        if (!parseAction(req.queryValue(QStringLiteral("action")), &action))
            return res.sendError(400, QStringLiteral("Invalid action."));
        DirtyValues dirty;
        if (!parseDirty(req.queryValue(QStringLiteral("dirty_values")), &dirty))
            return res.sendError(400, QStringLiteral("Invalid dirty_values."));
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
                } else {
                    e->log->appendPut(e->collection->documentBytes(stored.value(QStringLiteral("id")).toString()));
                    result = QJsonObject{{QStringLiteral("success"), true}};
                    if (returnId)
                        result.insert(QStringLiteral("id"), stored.value(QStringLiteral("id")));
                    if (returnDoc)
                        result.insert(QStringLiteral("document"), stored);
                }
            }
            if (i > 0)
                out += '\n';
            out += QJsonDocument(result).toJson(QJsonDocument::Compact);
        }
        QString error;
        if (!e->log->commit(&error))
            return res.sendError(500, error);
        res.send(200, "text/plain; charset=utf-8", out);
    }).body(http::BodyPolicy::memory(kImportBodyBytes)).auth(auth);

    server.route("GET", QStringLiteral("/collections/{c}/documents/export"), [this](const http::Request &req, http::Responder &res) {
        Entry *e = entry(req.capture(QStringLiteral("c")));
        if (!e)
            return res.sendError(404, kCollectionNotFound);
        std::vector<QString> ids;
        if (ApiError err = e->collection->matchingFilter(req.queryValue(QStringLiteral("filter_by")), &ids); err.failed())
            return res.sendError(err.status, err.message);
        const QStringList include = splitFields(req.queryValue(QStringLiteral("include_fields")));
        const QStringList exclude = splitFields(req.queryValue(QStringLiteral("exclude_fields")));
        QByteArray out;
        for (size_t i = 0; i < ids.size(); ++i) {
            if (i > 0)
                out += '\n';
            if (include.isEmpty() && exclude.isEmpty())
                out += e->collection->documentBytes(ids[i]); // stored compact: copied as is
            else
                out += QJsonDocument(Collection::selectFields(*e->collection->document(ids[i]), include, exclude)).toJson(QJsonDocument::Compact);
        }
        res.send(200, "text/plain; charset=utf-8", out);
    }).auth(auth);

    server.route("GET", QStringLiteral("/collections/{c}/documents/search"), [this](const http::Request &req, http::Responder &res) {
        Entry *e = entry(req.capture(QStringLiteral("c")));
        if (!e)
            return res.sendError(404, kCollectionNotFound);
        ApiError err;
        const QJsonObject result = e->collection->search(queryParams(req), &err);
        if (err.failed())
            return res.sendError(err.status, err.message);
        sendJson(res, 200, result);
    }).auth(auth);

    server.route("POST", QStringLiteral("/collections/{c}/documents"), [this](const http::Request &req, http::Responder &res) {
        Entry *e = entry(req.capture(QStringLiteral("c")));
        if (!e)
            return res.sendError(404, kCollectionNotFound);
        WriteAction action;
        if (!parseAction(req.queryValue(QStringLiteral("action")), &action))
            return res.sendError(400, QStringLiteral("Invalid action."));
        writeOneDocument(*e->collection, *e->log, req, res, action, QString(), 201);
    }).body(http::BodyPolicy::memory(kDocumentBodyBytes)).auth(auth);

    server.route("PATCH", QStringLiteral("/collections/{c}/documents"), [this](const http::Request &req, http::Responder &res) {
        Entry *e = entry(req.capture(QStringLiteral("c")));
        if (!e)
            return res.sendError(404, kCollectionNotFound);
        const QString filterBy = req.queryValue(QStringLiteral("filter_by"));
        if (filterBy.trimmed().isEmpty())
            return res.sendError(400, QStringLiteral("Parameter `filter_by` must be provided."));
        DirtyValues dirty;
        if (!parseDirty(req.queryValue(QStringLiteral("dirty_values")), &dirty))
            return res.sendError(400, QStringLiteral("Invalid dirty_values."));
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
                QString error;
                e->log->commit(&error); // what was updated before stays updated
                return res.sendError(err.status, err.message);
            }
            e->log->appendPut(stored);
            ++updated;
        }
        commitAndSend(*e->log, res, 200, QJsonObject{{QStringLiteral("num_updated"), updated}});
    }).body(http::BodyPolicy::memory(kDocumentBodyBytes)).auth(auth);

    server.route("DELETE", QStringLiteral("/collections/{c}/documents"), [this](const http::Request &req, http::Responder &res) {
        Entry *e = entry(req.capture(QStringLiteral("c")));
        if (!e)
            return res.sendError(404, kCollectionNotFound);
        const bool truncate = req.queryValue(QStringLiteral("truncate")) == QLatin1String("true");
        const QString filterBy = req.queryValue(QStringLiteral("filter_by"));
        if (!truncate && filterBy.trimmed().isEmpty())
            return res.sendError(400, QStringLiteral("Parameter `filter_by` must be provided."));
        std::vector<QString> ids;
        if (ApiError err = e->collection->matchingFilter(truncate ? QString() : filterBy, &ids); err.failed())
            return res.sendError(err.status, err.message);
        for (const QString &id : std::as_const(ids)) {
            QJsonObject removed;
            e->collection->remove(id, &removed);
            e->log->appendRemove(id);
        }
        commitAndSend(*e->log, res, 200, QJsonObject{{QStringLiteral("num_deleted"), qint64(ids.size())}});
    }).auth(auth);

    server.route("GET", QStringLiteral("/collections/{c}/documents/{id}"), [this](const http::Request &req, http::Responder &res) {
        Entry *e = entry(req.capture(QStringLiteral("c")));
        if (!e)
            return res.sendError(404, kCollectionNotFound);
        const QString id = req.capture(QStringLiteral("id"));
        const std::optional<QJsonObject> doc = e->collection->document(id);
        if (!doc)
            return res.sendError(404, QStringLiteral("Could not find a document with id: %1").arg(id));
        sendJson(res, 200, *doc);
    }).auth(auth);

    server.route("PATCH", QStringLiteral("/collections/{c}/documents/{id}"), [this](const http::Request &req, http::Responder &res) {
        Entry *e = entry(req.capture(QStringLiteral("c")));
        if (!e)
            return res.sendError(404, kCollectionNotFound);
        writeOneDocument(*e->collection, *e->log, req, res, WriteAction::Update, req.capture(QStringLiteral("id")), 200);
    }).body(http::BodyPolicy::memory(kDocumentBodyBytes)).auth(auth);

    server.route("DELETE", QStringLiteral("/collections/{c}/documents/{id}"), [this](const http::Request &req, http::Responder &res) {
        Entry *e = entry(req.capture(QStringLiteral("c")));
        if (!e)
            return res.sendError(404, kCollectionNotFound);
        QJsonObject removed;
        if (ApiError err = e->collection->remove(req.capture(QStringLiteral("id")), &removed); err.failed())
            return res.sendError(err.status, err.message);
        e->log->appendRemove(req.capture(QStringLiteral("id")));
        commitAndSend(*e->log, res, 200, removed);
    }).auth(auth);

    server.route("POST", QStringLiteral("/multi_search"), [this](const http::Request &req, http::Responder &res) {
        const std::optional<QJsonObject> body = jsonObjectBody(req);
        if (!body)
            return res.sendError(400, QStringLiteral("Bad JSON."));
        const QJsonValue searches = body->value(QStringLiteral("searches"));
        if (!searches.isArray())
            return res.sendError(400, QStringLiteral("Missing `searches` array."));
        const SearchParams common = queryParams(req);
        const int limit = common.value(QStringLiteral("limit_multi_searches"), QString::number(kDefaultMultiSearchLimit)).toInt();
        if (searches.toArray().size() > limit)
            return res.sendError(400, QStringLiteral("Number of multi searches exceeds `limit_multi_searches` parameter."));
        QJsonArray results;
        for (const QJsonValue &s : searches.toArray()) {
            SearchParams params = common;
            const QJsonObject o = s.toObject();
            for (auto it = o.constBegin(); it != o.constEnd(); ++it)
                params.insert(it.key(), scalarString(it.value()));
            params.remove(QStringLiteral("x-typesense-api-key"));
            const QString name = params.value(QStringLiteral("collection"));
            Entry *e = entry(name);
            if (!e) {
                results.append(name.isEmpty()
                                   ? QJsonObject{{QStringLiteral("code"), 400}, {QStringLiteral("error"), QStringLiteral("Parameter `collection` is required.")}}
                                   : QJsonObject{{QStringLiteral("code"), 404}, {QStringLiteral("error"), kCollectionNotFound}});
                continue;
            }
            ApiError err;
            const QJsonObject result = e->collection->search(params, &err);
            if (err.failed())
                results.append(QJsonObject{{QStringLiteral("code"), err.status}, {QStringLiteral("error"), err.message}});
            else
                results.append(result);
        }
        sendJson(res, 200, QJsonObject{{QStringLiteral("results"), results}});
    }).body(http::BodyPolicy::memory(kMultiSearchBodyBytes)).auth(auth);

    server.setFallback([](const http::Request &, http::Responder &res) { res.sendError(404, QStringLiteral("Not Found")); })
        .auth(auth);
}

} // namespace homeport::search
