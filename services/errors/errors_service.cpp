#include "errors_service.h"

#include "alert_notifier.h"
#include "envelope_parser.h"
#include "errors_monitor.h"
#include "sentry_api_json.h"
#include "sentry_auth.h"
#include "sqlite_error_store.h"

#include "core/atomic_file.h"
#include "core/logging.h"
#include "core/metrics.h"
#include "core/postgres_database.h"
#include "core/secrets.h"

#include <QDir>
#include <QFile>
#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>
#include <QUuid>

#include <zlib.h>

namespace homeport::errors {

namespace {

constexpr auto kOrganization = "homeport";
constexpr QStringView kLowerHex = u"0123456789abcdef";

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// Content-Encodings the engine decodes; anything else is taken raw when it is a known no-op
// (sentry-ruby 5.x and sentry-android 2.0 send "UTF-8", which Relay ignores too).
bool engineDecodes(const QByteArray &encoding)
{
    const QByteArray e = encoding.trimmed().toLower();
    return e.isEmpty() || e == "identity" || e == "gzip" || e == "x-gzip" || e == "deflate" || e == "br";
}

http::BodyPolicy ingestBody(const http::Request &request, qint64 maxWire, qint64 maxDecoded)
{
    http::BodyPolicy policy = http::BodyPolicy::memory(maxWire);
    const QByteArray encoding = request.header("Content-Encoding");
    const QByteArray e = encoding.trimmed().toLower();
    if (engineDecodes(encoding) || (e != "utf-8" && e != "utf8"))
        return policy.decoded(maxDecoded); // unknown encodings get the engine's 415
    policy.maxBytes = qMin(maxWire, maxDecoded);
    return policy;
}

enum class Inflated { Ok, Corrupt, TooLarge };

// /store/ may carry base64(zlib(json)) without any header saying so (older SDKs).
Inflated inflateZlib(const QByteArray &in, qint64 maxOut, QByteArray *out)
{
    z_stream z{};
    if (inflateInit(&z) != Z_OK)
        return Inflated::Corrupt;
    bool tooLarge = false;
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(in.constData()));
    z.avail_in = uInt(in.size());
    char buffer[64 * 1024];
    int rc = Z_OK;
    while (rc == Z_OK) {
        z.next_out = reinterpret_cast<Bytef *>(buffer);
        z.avail_out = sizeof buffer;
        rc = inflate(&z, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END)
            break;
        out->append(buffer, qsizetype(sizeof buffer - z.avail_out));
        if (out->size() > maxOut) {
            tooLarge = true;
            break;
        }
    }
    inflateEnd(&z);
    if (tooLarge)
        return Inflated::TooLarge;
    return rc == Z_STREAM_END ? Inflated::Ok : Inflated::Corrupt;
}

QString eventIdOfEnvelope(const Envelope &envelope)
{
    return normalizeEventId(envelope.headers.value(QLatin1String("event_id")).toString());
}

QByteArray idBody(const QString &eventId)
{
    if (eventId.isEmpty())
        return QByteArrayLiteral("{}");
    return "{\"id\":\"" + eventId.toLatin1() + "\"}";
}

// One client connection (keep-alive), told apart by its address and port.
quint64 senderOf(const http::Request &request)
{
    return quint64(qHash(request.remoteAddress())) * 65537u + request.remotePort();
}

enum class ItemHandling { Event, Kept, Counted, Skipped };

// Sentry's item types (develop docs, envelope-items): what Homeport does with each.
ItemHandling itemHandling(const QString &type)
{
    if (type == QLatin1String("event"))
        return ItemHandling::Event;
    static const QStringList kept{QStringLiteral("transaction"), QStringLiteral("attachment"), QStringLiteral("user_report"),
                                  QStringLiteral("feedback"), QStringLiteral("check_in")};
    static const QStringList counted{QStringLiteral("session"), QStringLiteral("sessions"), QStringLiteral("client_report"),
                                     QStringLiteral("profile"), QStringLiteral("profile_chunk"), QStringLiteral("replay_event"),
                                     QStringLiteral("replay_recording"), QStringLiteral("span"), QStringLiteral("log"),
                                     QStringLiteral("otel_log"), QStringLiteral("statsd"), QStringLiteral("metric_meta")};
    if (kept.contains(type))
        return ItemHandling::Kept;
    if (counted.contains(type))
        return ItemHandling::Counted;
    return ItemHandling::Skipped;
}

} // namespace

ErrorsService::ErrorsService(ErrorsMonitor *monitor)
    : m_monitor(monitor), m_snapshotTimer(new QTimer(this)),
      m_changedTimer(new QTimer(this)), m_sweepTimer(new QTimer(this)), m_gatherTimer(new QTimer(this))
{
    m_gatherTimer->setSingleShot(true);
    m_gatherTimer->setTimerType(Qt::PreciseTimer);
    connect(m_gatherTimer, &QTimer::timeout, this, [this] {
        m_awaitedSenders.clear(); // those that have not sent by now are not coming soon
        flush();
    });
    // Connected once here: configure() runs again on every restart.
    m_changedTimer->setSingleShot(true);
    connect(m_changedTimer, &QTimer::timeout, this, [this] {
        m_changedPending = false;
        m_sinceChanged.restart();
        publishSnapshot();
        if (m_monitor)
            emit m_monitor->issuesChanged();
    });
    m_snapshotTimer->setInterval(kSnapshotIntervalMs);
    connect(m_snapshotTimer, &QTimer::timeout, this, &ErrorsService::publishSnapshot);
    connect(m_sweepTimer, &QTimer::timeout, this, [this] {
        if (!m_store)
            return;
        const qint64 removed = m_store->sweep(nowMs(), m_retentionCapDays);
        if (removed > 0) {
            qCInfo(lcErrors) << "retention removed" << removed << "events";
            markChanged();
        }
    });
}

ErrorsService::~ErrorsService() = default;

http::Response ErrorsService::sentryError(int status, const QString &message, int countAsRejected)
{
    if (countAsRejected > 0) {
        m_rejected += quint64(countAsRejected);
        countEvents(status == 429 ? "rate_limited" : "rejected", quint64(countAsRejected));
    }
    http::Response response = http::Response::json(
        status, QJsonDocument(QJsonObject{{QStringLiteral("detail"), message}}).toJson(QJsonDocument::Compact));
    response.setHeader("X-Sentry-Error", message.toUtf8());
    return response;
}

void ErrorsService::countEvents(const char *result, quint64 n)
{
    if (m_metrics)
        m_metrics->increment(QStringLiteral("homeport_errors_events_total"),
                             QStringLiteral("result=\"%1\"").arg(QLatin1String(result)), n);
}

QString ErrorsService::configure(http::HttpServer &server, const core::ServiceContext &context)
{
    m_metrics = context.metrics;
    // Sentry answers ingest errors as {"detail": "..."} with X-Sentry-Error; SDKs log the detail.
    server.setErrorFormatter([](int status, const QString &message) {
        http::Response response = http::Response::json(
            status, QJsonDocument(QJsonObject{{QStringLiteral("detail"), message}}).toJson(QJsonDocument::Compact));
        response.setHeader("X-Sentry-Error", message.toUtf8());
        return response;
    });

    // Browser SDKs: Relay's CORS policy.
    http::CorsPolicy cors;
    cors.allowedOrigins = {"*"};
    cors.allowedMethods = {"GET", "POST", "PUT", "OPTIONS"};
    cors.allowedHeaders = {"x-sentry-auth", "x-requested-with", "x-forwarded-for", "origin", "referer", "accept",
                           "content-type", "authentication", "authorization", "content-encoding",
                           "transfer-encoding", "baggage", "sentry-trace"};
    cors.exposedHeaders = {"x-sentry-error", "x-sentry-rate-limits", "retry-after"};
    cors.maxAgeSeconds = 3600;
    server.setCors(cors);

    QDir().mkpath(context.dataDir);
    const QString dbPath = QDir(context.dataDir).filePath(QStringLiteral("errors.sqlite"));
    const bool full = context.settings.value(QStringLiteral("synchronous"), QStringLiteral("full")).toString().toLower()
                      != QLatin1String("normal");
    const QString connection = QStringLiteral("homeport-errors-%1").arg(QUuid::createUuid().toString(QUuid::Id128));
    // [errors] database_url=postgresql://user:pass@host:port/db: one store shared by several nodes.
    const QUrl databaseUrl(context.settings.value(QStringLiteral("database_url")).toString());
    if (databaseUrl.isEmpty())
        m_store = std::make_unique<SqliteErrorStore>(dbPath, connection, full);
    else if (core::PostgresDatabase::isPostgresUrl(databaseUrl))
        m_store = std::make_unique<SqliteErrorStore>(databaseUrl, dbPath, connection, context.metrics);
    else
        return QStringLiteral("[errors] database_url must be postgresql://user:pass@host:port/db");
    QString error;
    if (!m_store->open(&error) || !ensureDefaultProject(context, &error) || !loadProjects(&error)
        || !loadOrCreateApiToken(context.dataDir, &error)) {
        m_store.reset();
        return QStringLiteral("the errors database cannot be used: %1").arg(error);
    }
    if (core::PostgresDatabase *link = m_store->sharedDatabase()) {
        // Another node saved or deleted a project: its DSN keys and limits apply here at once.
        connect(link, &core::PostgresDatabase::notified, this, [this](const QString &, bool fromThisConnection) {
            if (fromThisConnection)
                return;
            reloadProjects();
        });
        // Back after an outage: what other nodes changed meanwhile was not announced here.
        connect(link, &core::PostgresDatabase::linkChanged, this, [this](bool connected) {
            if (connected)
                reloadProjects();
            publishSnapshot();
        });
    }
    QString host = context.bindAddress.isNull() || context.bindAddress.toString() == QLatin1String("0.0.0.0")
                       ? QStringLiteral("127.0.0.1")
                       : context.bindAddress.toString();
    m_publicBase = context.settings.value(QStringLiteral("public_url")).toString();
    if (m_publicBase.isEmpty())
        m_publicBase = QStringLiteral("http://%1:%2").arg(host).arg(context.port);
    while (m_publicBase.endsWith(u'/'))
        m_publicBase.chop(1);

    m_notifier = new AlertNotifier(this);
    const int retryDelay = context.settings.value(QStringLiteral("alert_retry_ms"), 1000).toInt();
    m_notifier->setRetryDelayMs(qMax(10, retryDelay));

    addRoutes(server);

    m_snapshotTimer->start();
    const int sweepMs = context.settings.value(QStringLiteral("sweep_interval_ms"), kSweepIntervalMs).toInt();
    m_sweepTimer->setInterval(qMax(100, sweepMs));
    m_retentionCapDays = qMax(0, context.settings.value(QStringLiteral("retention_days"), 0).toInt());
    m_sweepTimer->start();
    m_sinceChanged.start();

    if (m_monitor) {
        connect(m_monitor, &ErrorsMonitor::issuesRequested, this, &ErrorsService::onIssuesRequested, Qt::QueuedConnection);
        connect(m_monitor, &ErrorsMonitor::issueRequested, this, &ErrorsService::onIssueRequested, Qt::QueuedConnection);
        connect(m_monitor, &ErrorsMonitor::issueStatusRequested, this, &ErrorsService::onIssueStatusRequested, Qt::QueuedConnection);
        connect(m_monitor, &ErrorsMonitor::saveProjectRequested, this, &ErrorsService::onSaveProjectRequested, Qt::QueuedConnection);
        connect(m_monitor, &ErrorsMonitor::deleteProjectRequested, this, &ErrorsService::onDeleteProjectRequested, Qt::QueuedConnection);
    }
    publishSnapshot();
    return {};
}

void ErrorsService::closeStores()
{
    if (m_monitor)
        disconnect(m_monitor, nullptr, this, nullptr);
    m_snapshotTimer->stop();
    m_sweepTimer->stop();
    m_changedTimer->stop();
    m_gatherTimer->stop();
    // In-flight requests finished before this; anything still batched is written now.
    if (!m_batchReplies.isEmpty())
        flush();
    delete m_notifier;
    m_notifier = nullptr;
    if (m_store) {
        m_store->close();
        m_store.reset();
    }
}

bool ErrorsService::ensureDefaultProject(const core::ServiceContext &context, QString *error)
{
    if (!m_store->projects().isEmpty())
        return true;
    ProjectInfo project;
    project.id = context.secrets.value(QStringLiteral("project_id"), QStringLiteral("1")).toLongLong();
    if (project.id <= 0)
        project.id = 1;
    project.name = QStringLiteral("default");
    project.platform = QStringLiteral("other");
    QString key = context.secrets.value(QStringLiteral("public_key")).toString();
    if (!isValidDsnKey(key))
        key = core::Secrets::randomToken(32, kLowerHex);
    project.keys = {key};
    project.eventsPerMinute = context.settings.value(QStringLiteral("events_per_minute"), 0).toInt();
    bool created = false;
    return m_store->createFirstProject(&project, &created, error);
}

bool ErrorsService::loadProjects(QString *)
{
    const QList<ProjectInfo> projects = m_store->projects();
    // Read while the shared database went away: keep serving the projects last read.
    if (const core::PostgresDatabase *link = m_store->sharedDatabase(); link && !link->isConnected())
        return true;
    m_projects.clear();
    m_projectByKey.clear();
    for (const ProjectInfo &project : projects) {
        m_projects.insert(project.id, project);
        for (const QString &key : project.keys)
            m_projectByKey.insert(key, project.id);
    }
    return true;
}

bool ErrorsService::loadOrCreateApiToken(const QString &dataDir, QString *error)
{
    const QString path = QDir(dataDir).filePath(QStringLiteral("api_token"));
    QFile file(path);
    if (file.exists()) {
        if (!file.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
            return false;
        }
        m_apiToken = QString::fromLatin1(file.readAll()).trimmed();
    }
    if (m_apiToken.isEmpty()) {
        // Sentry's auth tokens are 64 hex characters.
        m_apiToken = core::Secrets::randomToken(64, kLowerHex);
        const QString writeError = core::writeFileAtomically(path, m_apiToken.toLatin1() + '\n', 0600);
        if (!writeError.isEmpty()) {
            *error = writeError;
            return false;
        }
    }
    return true;
}

// ---------------------------------------------------------------------------------------------
// Ingest

void ErrorsService::addRoutes(http::HttpServer &server)
{
    server.route("POST", QStringLiteral("/api/{project_id}/envelope/"),
                 [this](const http::Request &r, http::Responder &res) { handleEnvelope(r, res); })
        .body([](const http::Request &r) { return ingestBody(r, kMaxEnvelopeBytes, kMaxEnvelopeDecodedBytes); })
        .auth([this](const http::Request &r) { return checkIngestAuth(r, true); });
    server.route("POST", QStringLiteral("/api/{project_id}/store/"),
                 [this](const http::Request &r, http::Responder &res) { handleStore(r, res); })
        .body([](const http::Request &r) { return ingestBody(r, kMaxEnvelopeBytes, kMaxEnvelopeBytes); })
        .auth([this](const http::Request &r) { return checkIngestAuth(r, false); });

    // REST API. The org slug is fixed; project slugs come from project names.
    const auto org = [this](const http::Request &r, http::Responder &res) {
        if (r.capture(QStringLiteral("org")) != QLatin1String(kOrganization)) {
            res.send(sentryError(404, QStringLiteral("The requested resource does not exist"), 0));
            return false;
        }
        return true;
    };
    const auto guarded = [this](auto handler) {
        return [this, handler](const http::Request &r, http::Responder &res) {
            if (!apiAuthorized(r)) {
                res.send(sentryError(401, QStringLiteral("Invalid token"), 0));
                return;
            }
            // Without the shared database there is nothing true to answer: not an empty list.
            if (const core::PostgresDatabase *link = m_store ? m_store->sharedDatabase() : nullptr; link && !link->isConnected()) {
                http::Response response = sentryError(503, QStringLiteral("the errors database is unreachable; retry later"), 0);
                response.setHeader("Retry-After", QByteArray::number(kRetryAfterUnavailableSeconds));
                res.send(std::move(response));
                return;
            }
            handler(r, res);
        };
    };
    // The routes under /api/0/projects/{org}/{project}/: token, organisation and project checked
    // once here, so a handler starts from the project.
    const auto inProject = [this, org, guarded](auto handler) {
        return guarded([this, org, handler](const http::Request &r, http::Responder &res) {
            if (!org(r, res))
                return;
            const ProjectInfo *p = projectBySlug(r.capture(QStringLiteral("project")));
            if (!p)
                return res.send(sentryError(404, QStringLiteral("The requested resource does not exist"), 0));
            handler(r, res, *p);
        });
    };
    server.route("GET", QStringLiteral("/api/0/projects/"), guarded([this](const http::Request &, http::Responder &res) {
        QJsonArray out;
        for (const ProjectInfo &p : m_projects)
            out.append(SentryApiJson::project(p, QUrl(m_publicBase).authority()));
        sendJson(res, 200, out);
    }));
    // Sentry's project creation (a team's projects): {"name", "platform"}; 201 and the project.
    server.route("POST", QStringLiteral("/api/0/teams/{org}/{team}/projects/"),
                 guarded([this, org](const http::Request &r, http::Responder &res) {
                     if (!org(r, res))
                         return;
                     apiCreateProject(r, res);
                 }));
    server.route("GET", QStringLiteral("/api/0/projects/{org}/{project}/"),
                 inProject([this](const http::Request &, http::Responder &res, const ProjectInfo &p) {
                     sendJson(res, 200, SentryApiJson::project(p, QUrl(m_publicBase).authority()));
                 }));
    server.route("GET", QStringLiteral("/api/0/projects/{org}/{project}/issues/"),
                 inProject([this](const http::Request &r, http::Responder &res, const ProjectInfo &p) {
                     apiIssues(r, res, p.id);
                 }));
    server.route("PUT", QStringLiteral("/api/0/projects/{org}/{project}/issues/"),
                 inProject([this](const http::Request &r, http::Responder &res, const ProjectInfo &p) {
                     apiBulkStatus(r, res, p.id);
                 }));
    server.route("GET", QStringLiteral("/api/0/organizations/{org}/issues/"),
                 guarded([this, org](const http::Request &r, http::Responder &res) {
                     if (org(r, res))
                         apiIssues(r, res, 0);
                 }));
    server.route("GET", QStringLiteral("/api/0/projects/{org}/{project}/events/{event_id}/"),
                 guarded([this, org](const http::Request &r, http::Responder &res) {
                     if (!org(r, res))
                         return;
                     const ProjectInfo *p = projectBySlug(r.capture(QStringLiteral("project")));
                     const QString eventId = normalizeEventId(r.capture(QStringLiteral("event_id")));
                     const auto stored = p ? m_store->event(p->id, eventId) : std::nullopt;
                     if (!stored)
                         return res.send(sentryError(404, QStringLiteral("Event not found"), 0));
                     sendJson(res, 200, SentryApiJson::event(*stored, m_store->issueOfEvent(p->id, eventId), *p, true));
                 }));
    // Sentry's event attachments: the list, and one attachment's content with ?download=1.
    server.route("GET", QStringLiteral("/api/0/projects/{org}/{project}/events/{event_id}/attachments/"),
                 inProject([this](const http::Request &r, http::Responder &res, const ProjectInfo &p) {
                     const QString eventId = normalizeEventId(r.capture(QStringLiteral("event_id")));
                     QJsonArray out;
                     for (const StoredItem &item : m_store->eventItems(p.id, eventId, QStringLiteral("attachment")))
                         out.append(SentryApiJson::attachment(item));
                     sendJson(res, 200, out);
                 }));
    server.route("GET", QStringLiteral("/api/0/projects/{org}/{project}/events/{event_id}/attachments/{attachment_id}/"),
                 guarded([this, org](const http::Request &r, http::Responder &res) {
                     if (!org(r, res))
                         return;
                     const ProjectInfo *p = projectBySlug(r.capture(QStringLiteral("project")));
                     const QString eventId = normalizeEventId(r.capture(QStringLiteral("event_id")));
                     const qint64 itemId = r.capture(QStringLiteral("attachment_id")).toLongLong();
                     std::optional<StoredItem> found;
                     if (p) {
                         for (const StoredItem &item : m_store->eventItems(p->id, eventId, QStringLiteral("attachment")))
                             if (item.id == itemId)
                                 found = item;
                     }
                     if (!found)
                         return res.send(sentryError(404, QStringLiteral("Attachment not found"), 0));
                     const QString download = r.queryValue(QStringLiteral("download"));
                     if (download != QLatin1String("1") && download != QLatin1String("true"))
                         return sendJson(res, 200, SentryApiJson::attachment(*found));
                     // Streamed from its file or, on PostgreSQL, chunk by chunk from the database.
                     qint64 size = 0;
                     std::unique_ptr<QIODevice> payload = m_store->openItemPayload(p->id, itemId, &size);
                     if (!payload)
                         return res.send(sentryError(404, QStringLiteral("Attachment not found"), 0));
                     QByteArray type = found->headers.value(QLatin1String("content_type")).toString().toLatin1();
                     http::Response response(200, type.isEmpty() ? QByteArray("application/octet-stream") : type, {});
                     // The client's filename, quoted safely: only the attachment is offered, never a path.
                     QString name = found->headers.value(QLatin1String("filename")).toString();
                     name.remove(u'"').remove(u'\\').remove(u'\r').remove(u'\n');
                     response.setHeader("Content-Disposition", "attachment; filename=\"" + name.toUtf8() + "\"");
                     res.sendDevice(std::move(response), payload.release(), size);
                 }));
    server.route("*", QStringLiteral("/api/0/issues/{issue_id}/"),
                 guarded([this](const http::Request &r, http::Responder &res) { apiIssue(r, res); }));
    server.route("GET", QStringLiteral("/api/0/issues/{issue_id}/events/"),
                 guarded([this](const http::Request &r, http::Responder &res) { apiIssueEvents(r, res, {}); }));
    server.route("GET", QStringLiteral("/api/0/issues/{issue_id}/events/{which}/"),
                 guarded([this](const http::Request &r, http::Responder &res) {
                     apiIssueEvents(r, res, r.capture(QStringLiteral("which")));
                 }));

    server.setFallback([this](const http::Request &r, http::Responder &res) {
        res.send(sentryError(404, QStringLiteral("no such endpoint: %1").arg(r.path()), 0));
    });
}

std::optional<http::Response> ErrorsService::authorize(const QString &key, qint64 projectId, const QString &authError)
{
    if (!authError.isEmpty())
        return sentryError(401, authError);
    if (key.isEmpty())
        return sentryError(401, QStringLiteral("missing authorization: send X-Sentry-Auth or ?sentry_key="));
    const auto owner = m_projectByKey.constFind(key);
    if (owner == m_projectByKey.cend())
        return sentryError(403, QStringLiteral("unknown DSN key"));
    if (*owner != projectId)
        return sentryError(403, QStringLiteral("the DSN key does not belong to project %1").arg(projectId));
    return std::nullopt;
}

std::optional<http::Response> ErrorsService::rateLimit(qint64 projectId, int events)
{
    const ProjectInfo &project = m_projects[projectId];
    const int retryAfter = events > 0 ? m_rateLimiter.admit(projectId, project.eventsPerMinute, events, nowMs())
                                      : m_rateLimiter.retryAfter(projectId, project.eventsPerMinute, nowMs());
    if (retryAfter == 0)
        return std::nullopt;
    m_rateLimited += quint64(qMax(1, events));
    http::Response response = sentryError(429, QStringLiteral("event rate limit of %1/minute exceeded").arg(project.eventsPerMinute), 0);
    countEvents("rate_limited", quint64(qMax(1, events)));
    // Empty categories: every category; scope project. Python 1.9.10 reads "seconds:categories".
    response.setHeader("Retry-After", QByteArray::number(retryAfter));
    response.setHeader("X-Sentry-Rate-Limits", QByteArray::number(retryAfter) + "::project:project_quota");
    return response;
}

std::optional<http::Response> ErrorsService::checkIngestAuth(const http::Request &request, bool bodyMayAuthenticate)
{
    bool numeric = false;
    const qint64 projectId = request.capture(QStringLiteral("project_id")).toLongLong(&numeric);
    if (!numeric || projectId <= 0)
        return sentryError(400, QStringLiteral("invalid project id in the URL"));
    const SentryAuth auth = requestAuth(request);
    // Without header or query credentials an envelope may still carry a dsn (tunnels).
    if (!auth.error.isEmpty() || auth.present() || !bodyMayAuthenticate) {
        if (auto denied = authorize(auth.key, projectId, auth.error))
            return denied;
        // Already over quota: answer before reading the body.
        if (auto limited = rateLimit(projectId, 0))
            return limited;
    }
    return std::nullopt;
}

void ErrorsService::handleEnvelope(const http::Request &request, http::Responder &responder)
{
    const qint64 projectId = request.capture(QStringLiteral("project_id")).toLongLong();
    const EnvelopeParseResult parsed = EnvelopeParser::parse(request.body());
    if (!parsed.ok)
        return responder.send(sentryError(400, QStringLiteral("invalid envelope: %1").arg(parsed.error)));
    const Envelope &envelope = parsed.envelope;

    SentryAuth auth = requestAuth(request);
    const QString dsn = envelope.headers.value(QLatin1String("dsn")).toString();
    if (!dsn.isEmpty()) {
        const ParsedDsn parsedDsn = parseDsn(dsn);
        if (!parsedDsn.ok)
            return responder.send(sentryError(401, QStringLiteral("the envelope's dsn header is not a DSN")));
        if (parsedDsn.projectId != QString::number(projectId))
            return responder.send(sentryError(403, QStringLiteral("the envelope's dsn names another project")));
        auth = mergeAuth(auth, parsedDsn.key);
    }
    if (auto denied = authorize(auth.key, projectId, auth.error))
        return responder.send(std::move(*denied));

    const QString envelopeEventId = eventIdOfEnvelope(envelope);
    int errorEvents = 0;
    for (const EnvelopeItem &item : envelope.items) {
        if (item.type == QLatin1String("event") || item.type == QLatin1String("transaction")) {
            if (item.payload.size() > kMaxEventBytes)
                return responder.send(sentryError(413, QStringLiteral("the %1 item is larger than %2 bytes").arg(item.type).arg(kMaxEventBytes)));
            ++errorEvents;
        }
    }
    if (auto limited = rateLimit(projectId, errorEvents))
        return responder.send(std::move(*limited));

    const QDateTime received = QDateTime::currentDateTimeUtc();
    const qint64 receivedMs = received.toMSecsSinceEpoch();
    const QString client = request.remoteAddress().toString();
    QList<IncomingEvent> events;
    QList<IncomingItem> items;
    QString answerId = envelopeEventId;
    for (const EnvelopeItem &item : envelope.items) {
        switch (itemHandling(item.type)) {
        case ItemHandling::Event: {
            NormalizeResult normalized = EventNormalizer::normalize(item.payload, envelopeEventId, received, client);
            if (!normalized.ok)
                return responder.send(sentryError(400, QStringLiteral("invalid event item: %1").arg(normalized.error)));
            answerId = normalized.normalized.eventId;
            events.append(IncomingEvent{projectId, receivedMs, std::move(normalized.normalized)});
            break;
        }
        case ItemHandling::Kept:
        case ItemHandling::Counted: {
            IncomingItem stored{projectId, receivedMs, item.type, envelopeEventId, item.headers, {}, false};
            if (itemHandling(item.type) == ItemHandling::Kept) {
                stored.payload = item.payload;
                stored.keepPayload = true;
            }
            items.append(std::move(stored));
            break;
        }
        case ItemHandling::Skipped:
            break; // unknown item types are skipped, never rejected (envelope spec)
        }
    }
    enqueue(responder, senderOf(request), idBody(answerId), std::move(events), std::move(items));
}

void ErrorsService::handleStore(const http::Request &request, http::Responder &responder)
{
    const qint64 projectId = request.capture(QStringLiteral("project_id")).toLongLong();
    QByteArray body = request.body();
    const QByteArray trimmed = body.trimmed();
    if (!trimmed.startsWith('{')) {
        // base64(zlib(json)), which the store endpoint detects without a header.
        const auto decoded = QByteArray::fromBase64Encoding(trimmed, QByteArray::AbortOnBase64DecodingErrors);
        QByteArray inflated;
        const Inflated result = decoded ? inflateZlib(*decoded, kMaxEventBytes, &inflated) : Inflated::Corrupt;
        // Over the event limit once inflated: the same 413 a plain JSON body gets.
        if (result == Inflated::TooLarge)
            return responder.send(sentryError(413, QStringLiteral("the event is larger than %1 bytes").arg(kMaxEventBytes)));
        if (result != Inflated::Ok)
            return responder.send(sentryError(400, QStringLiteral("the body is neither JSON nor base64(zlib(JSON))")));
        body = inflated;
    }
    if (body.size() > kMaxEventBytes)
        return responder.send(sentryError(413, QStringLiteral("the event is larger than %1 bytes").arg(kMaxEventBytes)));
    if (auto limited = rateLimit(projectId, 1))
        return responder.send(std::move(*limited));
    const QDateTime received = QDateTime::currentDateTimeUtc();
    NormalizeResult normalized = EventNormalizer::normalize(body, {}, received, request.remoteAddress().toString());
    if (!normalized.ok)
        return responder.send(sentryError(400, normalized.error));
    const QString eventId = normalized.normalized.eventId;
    enqueue(responder, senderOf(request), idBody(eventId), {IncomingEvent{projectId, received.toMSecsSinceEpoch(), std::move(normalized.normalized)}}, {});
}

void ErrorsService::enqueue(http::Responder &responder, quint64 sender, const QByteArray &body,
                            QList<IncomingEvent> events, QList<IncomingItem> items)
{
    PendingReply reply{responder, body, m_batchEvents.size(), events.size()};
    m_batchEvents.append(std::move(events));
    m_batchItems.append(std::move(items));
    m_batchReplies.append(std::move(reply));
    m_batchSenders.insert(sender);
    const bool lastAwaited = m_awaitedSenders.remove(sender) && m_awaitedSenders.isEmpty();
    if (m_batchEvents.size() >= kMaxBatchEvents) {
        flush();
    } else if (!m_flushQueued && (!m_gatherTimer->isActive() || lastAwaited)) {
        // A posted call runs after the socket events already queued in this turn of the loop,
        // so whatever arrived together is written together.
        m_gatherTimer->stop();
        m_flushQueued = true;
        QMetaObject::invokeMethod(this, &ErrorsService::flushWhenGathered, Qt::QueuedConnection);
    }
}

void ErrorsService::flushWhenGathered()
{
    m_flushQueued = false;
    if (m_batchReplies.isEmpty())
        return;
    // Group commit: each commit costs an fsync and rewrites the issues' pages whatever the
    // number of events in it. Senders answered by the last commit (one request in flight each,
    // as SDKs and the benchmark send) usually send again within a fraction of a millisecond;
    // committing without them makes concurrent senders alternate in two half-size commits.
    // So wait for them, but never longer than kGatherMs after that commit.
    const qint64 leftNs = qint64(kGatherMs) * 1000000 - m_sinceCommit.nsecsElapsed();
    if (!m_awaitedSenders.isEmpty() && m_sinceCommit.isValid() && leftNs > 0) {
        m_gatherTimer->start(int((leftNs + 999999) / 1000000));
        return;
    }
    flush();
}

void ErrorsService::flush()
{
    m_gatherTimer->stop();
    if (m_batchReplies.isEmpty() || !m_store)
        return;
    const QList<IncomingEvent> events = std::exchange(m_batchEvents, {});
    const QList<IncomingItem> items = std::exchange(m_batchItems, {});
    QList<PendingReply> replies = std::exchange(m_batchReplies, {});
    m_awaitedSenders = std::exchange(m_batchSenders, {});
    QList<IngestOutcome> outcomes;
    QString error;
    const core::PostgresDatabase *link = m_store->sharedDatabase();
    // While the shared database is away nothing can be stored: the senders hear so at once.
    const bool committed = (!link || link->isConnected()) && m_store->ingest(events, items, &outcomes, &error);
    m_sinceCommit.restart();
    if (!committed) {
        const bool databaseDown = link && !link->isConnected();
        if (databaseDown)
            error = QStringLiteral("PostgreSQL is unreachable");
        qCWarning(lcErrors) << "could not store" << events.size() << "events:" << error;
        for (PendingReply &reply : replies) {
            http::Response response = sentryError(503, databaseDown ? QStringLiteral("the errors database is unreachable; retry later")
                                                                    : QStringLiteral("the event could not be stored; retry later"),
                                                  int(qMax<qsizetype>(1, reply.eventCount)));
            // SDKs hold back for this long (as after a 429) instead of sending into the outage.
            response.setHeader("Retry-After", QByteArray::number(kRetryAfterUnavailableSeconds));
            reply.responder.send(std::move(response));
        }
        return;
    }
    for (PendingReply &reply : replies)
        reply.responder.send(http::Response::json(200, reply.body));

    quint64 stored = 0, duplicates = 0;
    for (qsizetype i = 0; i < outcomes.size(); ++i) {
        const IngestOutcome &outcome = outcomes.at(i);
        if (outcome.duplicate) {
            ++duplicates;
            continue;
        }
        ++stored;
        if ((outcome.newIssue || outcome.regression) && m_notifier) {
            const ProjectInfo project = m_projects.value(events.at(i).projectId);
            if (!project.alertWebhooks.isEmpty()) {
                if (const auto summary = m_store->issueSummary(outcome.issueId))
                    m_notifier->notify(project, *summary,
                                       outcome.newIssue ? AlertNotifier::Reason::NewIssue : AlertNotifier::Reason::Regression,
                                       permalink(outcome.issueId));
            }
        }
    }
    m_accepted += stored;
    if (stored)
        countEvents("accepted", stored);
    if (duplicates)
        countEvents("duplicate", duplicates);
    if (m_metrics && stored)
        m_metrics->addToSeries(QStringLiteral("errors.events"), double(stored));
    if (stored || !items.isEmpty())
        markChanged();
}

// ---------------------------------------------------------------------------------------------
// Console and snapshot

void ErrorsService::markChanged()
{
    // At most one issuesChanged per kChangedThrottleMs, and the last change is never lost.
    if (m_changedPending)
        return;
    m_changedPending = true;
    const qint64 wait = qMax<qint64>(0, kChangedThrottleMs - m_sinceChanged.elapsed());
    m_changedTimer->start(int(wait));
}

void ErrorsService::publishSnapshot()
{
    if (!m_monitor || !m_store)
        return;
    ErrorsSnapshot snapshot;
    snapshot.takenAt = QDateTime::currentDateTimeUtc();
    QList<qint64> ids = m_projects.keys();
    std::sort(ids.begin(), ids.end());
    for (qint64 id : ids)
        snapshot.projects << m_projects.value(id);
    // While the shared database is away the totals last read stand.
    const core::PostgresDatabase *link = m_store->sharedDatabase();
    if (!link || link->isConnected())
        m_totals = m_store->totals();
    const StoreTotals &totals = m_totals;
    snapshot.issues = totals.issues;
    snapshot.unresolvedIssues = totals.unresolvedIssues;
    snapshot.eventsAccepted = m_accepted;
    snapshot.eventsRejected = m_rejected;
    snapshot.eventsRateLimited = m_rateLimited;
    snapshot.dsnHost = QUrl(m_publicBase).authority();
    if (link)
        snapshot.database = link->status();
    m_monitor->publish(snapshot);
}

void ErrorsService::onIssuesRequested(quint64 requestId, const IssueQuery &query)
{
    if (!m_store || !m_monitor)
        return;
    emit m_monitor->issuesReady(requestId, m_store->issues(query, nowMs()));
}

void ErrorsService::onIssueRequested(quint64 requestId, qint64 issueId, const QString &eventId)
{
    if (!m_store || !m_monitor)
        return;
    const auto detail = m_store->issue(issueId, eventId, nowMs());
    emit m_monitor->issueReady(requestId, detail ? *detail : IssueDetail{});
}

bool ErrorsService::changeIssueStatus(qint64 issueId, IssueStatus status, QString *error)
{
    if (!m_store->setIssueStatus(issueId, status, error))
        return false;
    markChanged();
    return true;
}

void ErrorsService::onIssueStatusRequested(qint64 issueId, IssueStatus status)
{
    if (!m_store)
        return;
    QString error;
    if (!changeIssueStatus(issueId, status, &error))
        qCWarning(lcErrors) << "cannot change the status of issue" << issueId << ":" << error;
}

void ErrorsService::onSaveProjectRequested(const ProjectInfo &requested)
{
    if (!m_store)
        return;
    ProjectInfo project = requested;
    QString error;
    if (!saveProject(&project, &error))
        qCWarning(lcErrors) << "cannot save project" << project.name << ":" << error;
}

bool ErrorsService::saveProject(ProjectInfo *saved, QString *error)
{
    ProjectInfo &project = *saved;
    QStringList keys;
    for (const QString &key : project.keys) {
        const QString k = key.trimmed();
        if (isValidDsnKey(k) && !keys.contains(k))
            keys << k;
        else if (!k.isEmpty())
            qCWarning(lcErrors) << "ignored a DSN key with characters SDKs reject:" << k;
    }
    // A key already used by another project would make ingest ambiguous.
    keys.erase(std::remove_if(keys.begin(), keys.end(), [&](const QString &k) {
                   return m_projectByKey.contains(k) && m_projectByKey.value(k) != project.id;
               }),
               keys.end());
    if (project.id == 0 || keys.isEmpty()) {
        if (keys.isEmpty())
            keys << core::Secrets::randomToken(32, kLowerHex);
    }
    project.keys = keys;
    if (project.name.trimmed().isEmpty())
        project.name = QStringLiteral("project");
    if (project.platform.isEmpty())
        project.platform = QStringLiteral("other");
    project.eventsPerMinute = qMax(0, project.eventsPerMinute);
    if (!m_store->saveProject(&project, error))
        return false;
    m_rateLimiter.forget(project.id);
    loadProjects(error);
    publishSnapshot();
    return true;
}

void ErrorsService::reloadProjects()
{
    if (!m_store)
        return;
    QString error;
    loadProjects(&error);
    publishSnapshot();
}

void ErrorsService::onDeleteProjectRequested(qint64 projectId)
{
    if (!m_store)
        return;
    QString error;
    if (!m_store->deleteProject(projectId, &error)) {
        qCWarning(lcErrors) << "cannot delete project" << projectId << ":" << error;
        return;
    }
    m_rateLimiter.forget(projectId);
    loadProjects(&error);
    markChanged();
    publishSnapshot();
}

// ---------------------------------------------------------------------------------------------
// REST API

bool ErrorsService::apiAuthorized(const http::Request &request) const
{
    const QByteArray header = request.header("Authorization").trimmed();
    if (!header.startsWith("Bearer "))
        return false;
    const QByteArray token = header.mid(7).trimmed();
    const QByteArray expected = m_apiToken.toLatin1();
    // Constant time over the expected length.
    if (token.size() != expected.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < token.size(); ++i)
        diff |= uchar(token.at(i) ^ expected.at(i));
    return diff == 0;
}

void ErrorsService::apiCreateProject(const http::Request &request, http::Responder &responder)
{
    const QJsonObject body = QJsonDocument::fromJson(request.body()).object();
    ProjectInfo project;
    project.name = body.value(QStringLiteral("name")).toString().trimmed();
    project.platform = body.value(QStringLiteral("platform")).toString();
    if (project.name.isEmpty())
        return sendJson(responder, 400, QJsonObject{{QStringLiteral("name"), QJsonArray{QStringLiteral("This field is required.")}}});
    if (projectBySlug(SentryApiJson::projectSlug(project)))
        return sendJson(responder, 409, QJsonObject{{QStringLiteral("detail"), QStringLiteral("A project with this slug already exists.")}});
    QString error;
    if (!saveProject(&project, &error)) {
        qCWarning(lcErrors) << "cannot create project" << project.name << ":" << error;
        return responder.send(sentryError(503, QStringLiteral("the project could not be stored; retry later"), 0));
    }
    sendJson(responder, 201, SentryApiJson::project(project, QUrl(m_publicBase).authority()));
}

const ProjectInfo *ErrorsService::projectBySlug(const QString &slug) const
{
    for (auto it = m_projects.cbegin(); it != m_projects.cend(); ++it) {
        if (SentryApiJson::projectSlug(*it) == slug || QString::number(it->id) == slug)
            return &*it;
    }
    return nullptr;
}

QString ErrorsService::permalink(qint64 issueId) const
{
    return QStringLiteral("%1/api/0/issues/%2/").arg(m_publicBase).arg(issueId);
}

void ErrorsService::sendJson(http::Responder &responder, int status, const QJsonValue &value)
{
    const QByteArray body = value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                                            : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    responder.send(http::Response::json(status, body));
}

void ErrorsService::apiIssues(const http::Request &request, http::Responder &responder, qint64 projectId)
{
    IssueQuery query;
    query.projectId = projectId;
    // Sentry's default search is "is:unresolved"; an explicit empty query lists everything.
    query.search = request.hasQueryItem(QStringLiteral("query")) ? request.queryValue(QStringLiteral("query"))
                                                                 : QStringLiteral("is:unresolved");
    const QString sort = request.queryValue(QStringLiteral("sort"));
    if (sort == QLatin1String("new"))
        query.sortBy = QStringLiteral("first_seen");
    else if (sort == QLatin1String("freq"))
        query.sortBy = QStringLiteral("count");
    else if (sort == QLatin1String("user"))
        query.sortBy = QStringLiteral("users");
    bool ok = false;
    const int limit = request.queryValue(QStringLiteral("limit")).toInt(&ok);
    query.limit = ok ? qBound(1, limit, 1000) : 100;
    QJsonArray out;
    for (const IssueSummary &issue : m_store->issues(query, nowMs()))
        out.append(SentryApiJson::issue(issue, m_projects.value(issue.projectId), permalink(issue.id)));
    sendJson(responder, 200, out);
}

bool ErrorsService::apiStatus(const QByteArray &body, IssueStatus *status)
{
    QString text = QJsonDocument::fromJson(body).object().value(QLatin1String("status")).toString();
    // Sentry's spellings for "resolved" and "ignored".
    if (text == QLatin1String("resolvedInNextRelease"))
        text = QStringLiteral("resolved");
    else if (text == QLatin1String("muted") || text == QLatin1String("archived"))
        text = QStringLiteral("ignored");
    return parseIssueStatus(text, status);
}

void ErrorsService::apiBulkStatus(const http::Request &request, http::Responder &responder, qint64 projectId)
{
    IssueStatus status;
    if (!apiStatus(request.body(), &status))
        return responder.send(sentryError(400, QStringLiteral("status must be resolved, unresolved or ignored"), 0));
    QList<qint64> ids;
    for (const QString &value : request.queryValues(QStringLiteral("id"))) {
        bool ok = false;
        const qint64 id = value.toLongLong(&ok);
        if (!ok || id <= 0)
            return responder.send(sentryError(400, QStringLiteral("id must be an issue id: %1").arg(value), 0));
        ids << id;
    }
    // Without ids every issue of the project changes, optionally only those in one status.
    std::optional<IssueStatus> only;
    const QString onlyText = request.queryValue(QStringLiteral("status"));
    if (!onlyText.isEmpty()) {
        IssueStatus parsed;
        if (!parseIssueStatus(onlyText, &parsed))
            return responder.send(sentryError(400, QStringLiteral("status must be resolved, unresolved or ignored"), 0));
        only = parsed;
    }
    QString error;
    const qint64 changed = m_store->setIssuesStatus(projectId, ids, only, status, &error);
    if (changed < 0)
        return responder.send(sentryError(500, error, 0));
    if (changed == 0) // nothing matched, or an id outside the project: nothing changed
        return responder.send(http::Response(204, {}, {}));
    markChanged();
    sendJson(responder, 200, QJsonObject{{QStringLiteral("status"), toString(status)}, {QStringLiteral("statusDetails"), QJsonObject{}}});
}

void ErrorsService::apiIssue(const http::Request &request, http::Responder &responder)
{
    const qint64 issueId = request.capture(QStringLiteral("issue_id")).toLongLong();
    const auto summary = m_store->issueSummary(issueId);
    if (!summary)
        return responder.send(sentryError(404, QStringLiteral("Issue not found"), 0));
    if (request.method() == "PUT") {
        IssueStatus status;
        if (!apiStatus(request.body(), &status))
            return responder.send(sentryError(400, QStringLiteral("status must be resolved, unresolved or ignored"), 0));
        QString error;
        if (!changeIssueStatus(issueId, status, &error))
            return responder.send(sentryError(500, error, 0));
    } else if (request.method() == "DELETE") {
        // Sentry's "remove an issue": 202, the issue, its events and their attachments gone.
        QString error;
        if (!m_store->deleteIssue(issueId, &error)) {
            if (error.isEmpty())
                return responder.send(sentryError(404, QStringLiteral("Issue not found"), 0));
            return responder.send(sentryError(500, error, 0));
        }
        markChanged();
        return responder.send(http::Response(202, {}, {}));
    } else if (request.method() != "GET" && request.method() != "HEAD") {
        http::Response response = sentryError(405, QStringLiteral("Method not allowed"), 0);
        response.setHeader("Allow", "GET, PUT, DELETE");
        return responder.send(response);
    }
    const auto detail = m_store->issue(issueId, {}, nowMs());
    if (!detail)
        return responder.send(sentryError(404, QStringLiteral("Issue not found"), 0));
    sendJson(responder, 200, SentryApiJson::issueDetail(*detail, m_projects.value(summary->projectId), permalink(issueId)));
}

void ErrorsService::apiIssueEvents(const http::Request &request, http::Responder &responder, const QString &which)
{
    const qint64 issueId = request.capture(QStringLiteral("issue_id")).toLongLong();
    const auto summary = m_store->issueSummary(issueId);
    if (!summary)
        return responder.send(sentryError(404, QStringLiteral("Issue not found"), 0));
    const ProjectInfo project = m_projects.value(summary->projectId);
    if (which.isEmpty()) {
        const bool full = request.queryValue(QStringLiteral("full")) == QLatin1String("true")
                          || request.queryValue(QStringLiteral("full")) == QLatin1String("1");
        bool ok = false;
        const int limit = request.queryValue(QStringLiteral("limit")).toInt(&ok);
        QJsonArray out;
        for (const QJsonObject &stored : m_store->issueEvents(issueId, ok ? limit : 100, 0))
            out.append(SentryApiJson::event(stored, issueId, project, full));
        return sendJson(responder, 200, out);
    }
    std::optional<QJsonObject> stored;
    if (which == QLatin1String("latest") || which == QLatin1String("oldest")) {
        stored = m_store->issueEdgeEvent(issueId, which == QLatin1String("oldest"));
    } else {
        const QString eventId = normalizeEventId(which);
        if (m_store->issueOfEvent(project.id, eventId) == issueId)
            stored = m_store->event(project.id, eventId);
    }
    if (!stored)
        return responder.send(sentryError(404, QStringLiteral("Event not found"), 0));
    sendJson(responder, 200, SentryApiJson::event(*stored, issueId, project, true));
}

} // namespace homeport::errors
