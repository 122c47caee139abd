#include "inference_service.h"

#include "gateway_key_store.h"
#include "inference_console_bridge.h"
#include "key_rate_limiter.h"
#include "openai_error.h"
#include "pod_pool.h"
#include "pod_telemetry.h"
#include "runpod_account.h"
#include "upstream_call.h"
#include "usage_log.h"

#include "core/atomic_file.h"
#include "core/logging.h"
#include "http/http_client.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTimer>

#include <algorithm>
#include <optional>

namespace homeport::inference {

namespace {

// Prompts with images or long contexts are large; embeddings inputs too.
constexpr qint64 kRequestBodyBytes = 32LL << 20;
constexpr qint64 kAdminBodyBytes = 64 << 10;
constexpr int kDefaultRetentionDays = 30;
const QString kAdminKeyId = QStringLiteral("admin");

void sendError(http::Responder &res, int status, const QString &message, const QString &code = {},
               const QString &param = {})
{
    res.send(http::Response::json(status, openAiErrorBody(status, message, {}, code, param)));
}

// Constant time in the length of the expected key, so the comparison reveals nothing by timing.
bool sameKey(QByteArrayView given, QByteArrayView expected)
{
    unsigned char diff = given.size() == expected.size() ? 0 : 1;
    for (qsizetype i = 0; i < expected.size(); ++i)
        diff |= static_cast<unsigned char>(expected[i] ^ (i < given.size() ? given[i] : 0));
    return diff == 0 && !expected.isEmpty();
}

QByteArray bearer(const http::Request &req)
{
    const QByteArray authorization = req.header("Authorization");
    return authorization.startsWith("Bearer ") ? authorization.mid(7).trimmed() : QByteArray();
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

QJsonValue epochSeconds(const QDateTime &t)
{
    return t.isValid() ? QJsonValue(t.toSecsSinceEpoch()) : QJsonValue();
}

QJsonObject keyJson(const GatewayKeyInfo &k)
{
    QJsonObject usage{{QStringLiteral("spent_tokens"), k.spentTokens},
                      {QStringLiteral("requests_last_minute"), k.requestsLastMinute},
                      {QStringLiteral("tokens_last_minute"), k.tokensLastMinute}};
    usage.insert(QStringLiteral("budget_remaining"),
                 k.tokenBudget ? QJsonValue(std::max<qint64>(0, k.tokenBudget - k.spentTokens)) : QJsonValue());
    return QJsonObject{{QStringLiteral("id"), k.id},
                       {QStringLiteral("object"), QStringLiteral("gateway.key")},
                       {QStringLiteral("name"), k.name},
                       {QStringLiteral("prefix"), k.prefix},
                       {QStringLiteral("admin"), k.admin},
                       {QStringLiteral("models"), QJsonArray::fromStringList(k.models)},
                       {QStringLiteral("rpm_limit"), k.requestsPerMinute},
                       {QStringLiteral("tpm_limit"), k.tokensPerMinute},
                       {QStringLiteral("token_budget"), k.tokenBudget},
                       {QStringLiteral("created"), epochSeconds(k.created)},
                       {QStringLiteral("revoked"), epochSeconds(k.revoked)},
                       {QStringLiteral("last_used"), epochSeconds(k.lastUsed)},
                       {QStringLiteral("usage"), usage}};
}

QJsonObject recordJson(const RequestRecord &r)
{
    auto tokens = [](qint64 n) { return n >= 0 ? QJsonValue(n) : QJsonValue(); };
    return QJsonObject{{QStringLiteral("time_ms"), r.timeMs},
                       {QStringLiteral("key"), r.keyId},
                       {QStringLiteral("endpoint"), r.endpoint},
                       {QStringLiteral("model"), r.model},
                       {QStringLiteral("pod"), r.pod.isEmpty() ? QJsonValue() : QJsonValue(r.pod)},
                       {QStringLiteral("prompt_tokens"), tokens(r.promptTokens)},
                       {QStringLiteral("completion_tokens"), tokens(r.completionTokens)},
                       {QStringLiteral("latency_ms"), r.latencyMs},
                       {QStringLiteral("first_token_ms"), r.firstTokenMs >= 0 ? QJsonValue(r.firstTokenMs) : QJsonValue()},
                       {QStringLiteral("status"), r.status},
                       {QStringLiteral("stream"), r.stream}};
}

// Applies the fields a create or update body carries; false with `error` for a wrong type.
bool applyKeyFields(const QJsonObject &body, GatewayKeyInfo *key, QString *error)
{
    if (body.contains(QStringLiteral("name"))) {
        if (!body.value(QStringLiteral("name")).isString())
            return *error = QStringLiteral("name must be a string"), false;
        key->name = body.value(QStringLiteral("name")).toString();
    }
    if (body.contains(QStringLiteral("models"))) {
        const QJsonValue models = body.value(QStringLiteral("models"));
        if (!models.isArray() && !models.isNull())
            return *error = QStringLiteral("models must be a list of model ids (empty: every model)"), false;
        key->models.clear();
        for (const QJsonValue &m : models.toArray()) {
            if (!m.isString())
                return *error = QStringLiteral("models must be a list of model ids (empty: every model)"), false;
            key->models << m.toString();
        }
    }
    for (const auto &[field, target] : {std::pair{"rpm_limit", 0}, std::pair{"tpm_limit", 1}, std::pair{"token_budget", 2}}) {
        const QString name = QString::fromLatin1(field);
        if (!body.contains(name))
            continue;
        const QJsonValue v = body.value(name);
        if (!v.isNull() && (!v.isDouble() || v.toDouble() != double(v.toInteger())))
            return *error = QStringLiteral("%1 must be a whole number (0 or null: none)").arg(name), false;
        const qint64 n = v.toInteger(0);
        if (target == 0)
            key->requestsPerMinute = int(std::clamp<qint64>(n, -1, 1'000'000'000));
        else if (target == 1)
            key->tokensPerMinute = n;
        else
            key->tokenBudget = n;
    }
    return true;
}

KeyLimits limitsOf(const GatewayKeyInfo &key)
{
    return KeyLimits{key.requestsPerMinute, key.tokensPerMinute, key.tokenBudget};
}

// OpenAI's rate-limit headers, on every answer to a key that has limits.
QList<QPair<QByteArray, QByteArray>> rateLimitHeaders(const LimitDecision &d)
{
    QList<QPair<QByteArray, QByteArray>> headers;
    if (d.limitRequests > 0) {
        headers.append({"x-ratelimit-limit-requests", QByteArray::number(d.limitRequests)});
        headers.append({"x-ratelimit-remaining-requests", QByteArray::number(d.remainingRequests)});
        headers.append({"x-ratelimit-reset-requests", rateLimitDuration(d.resetRequestsMs)});
    }
    if (d.limitTokens > 0) {
        headers.append({"x-ratelimit-limit-tokens", QByteArray::number(d.limitTokens)});
        headers.append({"x-ratelimit-remaining-tokens", QByteArray::number(d.remainingTokens)});
        headers.append({"x-ratelimit-reset-tokens", rateLimitDuration(d.resetTokensMs)});
    }
    return headers;
}

} // namespace

InferenceService::InferenceService(InferenceMonitor *monitor)
    : m_monitor(monitor), m_limiter(std::make_unique<KeyRateLimiter>())
{
}

InferenceService::~InferenceService() = default;

QString InferenceService::configure(http::HttpServer &server, const core::ServiceContext &context)
{
    m_metrics = context.metrics;
    server.setErrorFormatter([](int status, const QString &message) {
        return http::Response::json(status, openAiErrorBody(status, message));
    });

    const QString podsFile = context.settings.value(QStringLiteral("pods_file"),
                                                    QDir(context.dataDir).filePath(QStringLiteral("pods.json"))).toString();
    const int intervalMs = std::max(100, context.settings.value(QStringLiteral("health_interval_ms"), 10'000).toInt());
    const int checkTimeoutMs = std::max(100, context.settings.value(QStringLiteral("health_timeout_ms"), 5'000).toInt());
    m_limits = UpstreamLimits::fromSettings(context.settings);
    const double retentionDays = context.settings.value(QStringLiteral("usage_retention_days"), kDefaultRetentionDays).toDouble();

    m_baseHost = context.bindAddress.isNull() || context.bindAddress.toString() == QLatin1String("0.0.0.0")
                     ? QStringLiteral("127.0.0.1")
                     : context.bindAddress.toString();
    m_server = &server;

    // Keys and the usage log first: a gateway that cannot enforce its limits does not start.
    QString error;
    if (!QDir().mkpath(context.dataDir))
        return tr("cannot create %1").arg(context.dataDir);
    const QString dbPath = QDir(context.dataDir).filePath(QStringLiteral("gateway.sqlite"));
    m_keys = std::make_unique<GatewayKeyStore>(dbPath, QStringLiteral("inference-keys"));
    if (!m_keys->open(&error)) {
        closeStores();
        return error;
    }
    QFile::setPermissions(dbPath, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    m_usageLog = std::make_unique<UsageLog>(dbPath, QStringLiteral("inference-usage-log"),
                                            retentionDays > 0 ? qint64(retentionDays * 86'400'000.0) : 0);
    if (!m_usageLog->start(&error)) {
        closeStores();
        return error;
    }
    m_limiter = std::make_unique<KeyRateLimiter>();
    recoverUsage();

    m_network = std::make_unique<QNetworkAccessManager>();
    m_upstream = std::make_unique<http::HttpClient>();
    m_pool = std::make_unique<PodPool>(m_network.get(), m_metrics);
    if (!m_pool->load(podsFile, &error)) {
        closeStores();
        return error;
    }
    m_podsFile = podsFile;
    qCInfo(lcInference) << m_pool->size() << "pods from" << podsFile << "and" << m_keys->keys().size() << "gateway keys";
    m_pool->startHealthChecks(intervalMs, checkTimeoutMs);
    setUpPodStatus(server, context, intervalMs, checkTimeoutMs);

    m_adminKey = context.secrets.value(QStringLiteral("api_key")).toString().toUtf8();
    // Wrong, missing and revoked keys alike: 401 before the body is read, nothing goes upstream.
    const http::AuthHook checkKey = [this](const http::Request &req) -> std::optional<http::Response> {
        if (req.header("Authorization").isEmpty())
            return http::Response::json(401, openAiErrorBody(401, QStringLiteral("You didn't provide an API key. Send a gateway key (or inference.api_key in Homeport's secrets.json) as Authorization: Bearer <key>.")));
        if (!caller(req).known)
            return http::Response::json(401, openAiErrorBody(401, QStringLiteral("Incorrect API key provided. Use a gateway key that has not been revoked, or inference.api_key in Homeport's secrets.json."),
                                                             {}, QStringLiteral("invalid_api_key")));
        return std::nullopt;
    };
    // Key management needs the admin key. OpenAI answers a key without the needed permission
    // with 401 (not 403), which the SDKs raise as AuthenticationError; so do we.
    const http::AuthHook adminOnly = [this, checkKey](const http::Request &req) -> std::optional<http::Response> {
        if (auto refused = checkKey(req))
            return refused;
        if (!caller(req).admin)
            return http::Response::json(401, openAiErrorBody(401, QStringLiteral("You have insufficient permissions for this operation: managing gateway keys needs the admin key (inference.api_key in Homeport's secrets.json)."),
                                                             {}, QStringLiteral("insufficient_permissions")));
        return std::nullopt;
    };

    server.route("GET", "/health", [this](const http::Request &, http::Responder &res) {
        int healthy = 0;
        for (int i = 0; i < m_pool->size(); ++i)
            healthy += m_pool->pod(i).healthy ? 1 : 0;
        res.send(http::Response::json(200, QJsonDocument(QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")},
                                                                     {QStringLiteral("pods"), m_pool->size()},
                                                                     {QStringLiteral("healthy_pods"), healthy}})
                                               .toJson(QJsonDocument::Compact)));
    });
    // A key limited to some models sees only those, as OpenAI lists only what a project can use.
    server.route("GET", "/v1/models", [this](const http::Request &req, http::Responder &res) {
        const Caller who = caller(req);
        const GatewayKeyInfo *key = who.admin ? nullptr : m_keys->find(who.keyId);
        QJsonArray data;
        for (const QJsonValue &m : m_pool->models()) {
            if (!key || key->allows(m.toObject().value(QStringLiteral("id")).toString()))
                data.append(m);
        }
        const QJsonObject list{{QStringLiteral("object"), QStringLiteral("list")}, {QStringLiteral("data"), data}};
        res.send(http::Response::json(200, QJsonDocument(list).toJson(QJsonDocument::Compact)));
    }).auth(checkKey);
    server.route("GET", "/v1/models/{model...}", [this](const http::Request &req, http::Responder &res) {
        const QString id = req.capture(QStringLiteral("model"));
        const Caller who = caller(req);
        const GatewayKeyInfo *key = who.admin ? nullptr : m_keys->find(who.keyId);
        for (const QJsonValue &m : m_pool->models()) {
            if (m.toObject().value(QStringLiteral("id")).toString() == id && (!key || key->allows(id)))
                return res.send(http::Response::json(200, QJsonDocument(m.toObject()).toJson(QJsonDocument::Compact)));
        }
        sendError(res, 404, QStringLiteral("The model '%1' does not exist").arg(id), QStringLiteral("model_not_found"), QStringLiteral("model"));
    }).auth(checkKey);
    for (const char *path : {"/chat/completions", "/completions", "/embeddings"}) {
        const QString upstreamPath = QString::fromLatin1(path);
        server.route("POST", QStringLiteral("/v1") + upstreamPath, [this, upstreamPath](const http::Request &req, http::Responder &res) {
            forward(upstreamPath, req, res);
        }).body(http::BodyPolicy::memory(kRequestBodyBytes)).auth(checkKey);
    }
    addAdminRoutes(server, adminOnly);
    server.setFallback([](const http::Request &req, http::Responder &res) {
        sendError(res, 404, QStringLiteral("Invalid URL (%1 %2)").arg(QString::fromLatin1(req.method()), req.path()));
    });

    m_snapshotTimer = new QTimer(this);
    m_snapshotTimer->setInterval(1000);
    connect(m_snapshotTimer, &QTimer::timeout, this, &InferenceService::publishSnapshot);
    m_snapshotTimer->start();
    if (m_monitor) {
        connect(m_monitor, &InferenceMonitor::createKeyRequested, this, &InferenceService::onCreateKeyRequested, Qt::QueuedConnection);
        connect(m_monitor, &InferenceMonitor::updateKeyRequested, this, &InferenceService::onUpdateKeyRequested, Qt::QueuedConnection);
        connect(m_monitor, &InferenceMonitor::revokeKeyRequested, this, &InferenceService::onRevokeKeyRequested, Qt::QueuedConnection);
    }
    m_changed = true;
    // The first snapshot goes out once the server listens (its port may be chosen by the system).
    QTimer::singleShot(0, this, &InferenceService::publishSnapshot);
    return {};
}

InferenceService::Caller InferenceService::caller(const http::Request &req) const
{
    Caller who;
    const QByteArray key = bearer(req);
    if (key.isEmpty())
        return who;
    if (sameKey(key, m_adminKey)) {
        who.known = who.admin = true;
        who.keyId = kAdminKeyId;
        return who;
    }
    const GatewayKeyInfo *k = m_keys ? m_keys->findBySecret(key) : nullptr;
    if (k && !k->isRevoked()) {
        who.known = true;
        who.keyId = k->id;
    }
    return who;
}

void InferenceService::addAdminRoutes(http::HttpServer &server, const http::AuthHook &adminOnly)
{
    const auto sendJson = [](http::Responder &res, int status, const QJsonObject &o) {
        res.send(http::Response::json(status, QJsonDocument(o).toJson(QJsonDocument::Compact)));
    };
    const auto parseBody = [](const http::Request &req, QJsonObject *body, http::Responder &res) {
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(req.body().isEmpty() ? QByteArray("{}") : req.body(), &parseError);
        if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
            sendError(res, 400, QStringLiteral("We could not parse the JSON body of your request: %1").arg(parseError.errorString()));
            return false;
        }
        *body = doc.object();
        return true;
    };

    server.route("GET", "/admin/keys", [this, sendJson](const http::Request &, http::Responder &res) {
        const qint64 now = nowMs();
        QJsonArray data{keyJson(adminKeyInfo(now))};
        for (const GatewayKeyInfo &k : m_keys->keys())
            data.append(keyJson(withUsage(k, now)));
        sendJson(res, 200, {{QStringLiteral("object"), QStringLiteral("list")}, {QStringLiteral("data"), data}});
    }).auth(adminOnly);
    server.route("POST", "/admin/keys", [this, sendJson, parseBody](const http::Request &req, http::Responder &res) {
        QJsonObject body;
        if (!parseBody(req, &body, res))
            return;
        GatewayKeyInfo key;
        QString error;
        QString secret;
        if (!applyKeyFields(body, &key, &error) || !m_keys->create(&key, &secret, &error))
            return sendError(res, 400, error);
        qCInfo(lcInference) << "gateway key" << key.id << key.name << "created";
        m_changed = true;
        QJsonObject answer = keyJson(withUsage(key, nowMs()));
        answer.insert(QStringLiteral("key"), secret); // the only time the secret is shown
        sendJson(res, 201, answer);
    }).body(http::BodyPolicy::memory(kAdminBodyBytes)).auth(adminOnly);
    server.route("GET", "/admin/keys/{id}", [this, sendJson](const http::Request &req, http::Responder &res) {
        const QString id = req.capture(QStringLiteral("id"));
        if (id == kAdminKeyId)
            return sendJson(res, 200, keyJson(adminKeyInfo(nowMs())));
        const GatewayKeyInfo *key = m_keys->find(id);
        if (!key)
            return sendError(res, 404, QStringLiteral("No gateway key '%1'").arg(id), QStringLiteral("key_not_found"));
        sendJson(res, 200, keyJson(withUsage(*key, nowMs())));
    }).auth(adminOnly);
    const http::Handler update = [this, sendJson, parseBody](const http::Request &req, http::Responder &res) {
        const GatewayKeyInfo *existing = m_keys->find(req.capture(QStringLiteral("id")));
        if (!existing)
            return sendError(res, 404, QStringLiteral("No gateway key '%1'").arg(req.capture(QStringLiteral("id"))), QStringLiteral("key_not_found"));
        QJsonObject body;
        if (!parseBody(req, &body, res))
            return;
        GatewayKeyInfo key = *existing;
        QString error;
        if (!applyKeyFields(body, &key, &error) || !m_keys->update(key, &error))
            return sendError(res, 400, error);
        m_changed = true;
        sendJson(res, 200, keyJson(withUsage(*m_keys->find(key.id), nowMs())));
    };
    server.route("PATCH", "/admin/keys/{id}", update).body(http::BodyPolicy::memory(kAdminBodyBytes)).auth(adminOnly);
    server.route("POST", "/admin/keys/{id}", update).body(http::BodyPolicy::memory(kAdminBodyBytes)).auth(adminOnly);
    // Revoking keeps the key's row, so the request log still names it.
    server.route("DELETE", "/admin/keys/{id}", [this, sendJson](const http::Request &req, http::Responder &res) {
        const QString id = req.capture(QStringLiteral("id"));
        if (!m_keys->find(id))
            return sendError(res, 404, QStringLiteral("No gateway key '%1'").arg(id), QStringLiteral("key_not_found"));
        QString error;
        if (!m_keys->revoke(id, &error))
            return sendError(res, 500, error);
        qCInfo(lcInference) << "gateway key" << id << "revoked";
        m_changed = true;
        sendJson(res, 200, keyJson(withUsage(*m_keys->find(id), nowMs())));
    }).auth(adminOnly);
    // The request log as it is in SQLite (what was queued is committed first).
    server.route("GET", "/admin/requests", [this, sendJson](const http::Request &req, http::Responder &res) {
        bool ok = false;
        int limit = req.queryValue(QStringLiteral("limit")).toInt(&ok);
        if (!ok || limit <= 0)
            limit = 100;
        m_usageLog->flush();
        QJsonArray data;
        for (const RequestRecord &r : m_keys->requests(req.queryValue(QStringLiteral("key")), std::min(limit, 10'000)))
            data.append(recordJson(r));
        sendJson(res, 200, {{QStringLiteral("object"), QStringLiteral("list")}, {QStringLiteral("data"), data}});
    }).auth(adminOnly);
}

void InferenceService::forward(const QString &path, const http::Request &req, http::Responder &res)
{
    RequestRecord rec;
    rec.timeMs = nowMs();
    rec.endpoint = QStringLiteral("/v1") + path;
    const Caller who = caller(req);
    if (!who.known) // revoked while the body was arriving
        return sendError(res, 401, QStringLiteral("Incorrect API key provided."), QStringLiteral("invalid_api_key"));
    rec.keyId = who.keyId;

    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(req.body(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return sendError(res, 400, QStringLiteral("We could not parse the JSON body of your request: %1").arg(parseError.errorString()));
    const QJsonObject body = doc.object();
    const QString model = body.value(QStringLiteral("model")).toString();
    if (model.isEmpty())
        return sendError(res, 400, QStringLiteral("you must provide a model parameter"), {}, QStringLiteral("model"));
    rec.model = model;
    rec.stream = body.value(QStringLiteral("stream")).toBool();

    const GatewayKeyInfo *key = who.admin ? nullptr : m_keys->find(who.keyId);
    // A model the key may not use is answered as OpenAI answers a model outside a project's
    // access: 404 model_not_found, "does not exist or you do not have access to it". The key
    // learns nothing about models beyond its list, and the SDKs raise NotFoundError.
    if (key && !key->allows(model)) {
        rec.status = 404;
        record(rec, nullptr);
        return sendError(res, 404, QStringLiteral("The model `%1` does not exist or you do not have access to it.").arg(model),
                         QStringLiteral("model_not_found"), QStringLiteral("model"));
    }

    if (m_pool->size() == 0)
        return sendError(res, 503, QStringLiteral("No GPU pods are configured: list them in %1").arg(m_podsFile), QStringLiteral("no_pods_configured"));
    const QList<int> pods = m_pool->candidates(model);
    if (pods.isEmpty()) {
        if (m_pool->known(model))
            return sendError(res, 503, QStringLiteral("No healthy pod is serving model '%1' right now").arg(model), QStringLiteral("no_healthy_pod"));
        return sendError(res, 404, QStringLiteral("The model '%1' does not exist").arg(model), QStringLiteral("model_not_found"), QStringLiteral("model"));
    }

    // Limits last, right before going upstream: only requests that reach a pod count.
    const LimitDecision decision = m_limiter->admit(who.keyId, key ? limitsOf(*key) : KeyLimits{}, rec.timeMs);
    QList<QPair<QByteArray, QByteArray>> limitHeaders = rateLimitHeaders(decision);
    if (decision.outcome != LimitDecision::Allowed) {
        QByteArray errorBody;
        if (decision.outcome == LimitDecision::BudgetExhausted) {
            errorBody = insufficientQuotaBody(key->tokenBudget, m_limiter->spentTokens(key->id));
        } else {
            const bool tokens = decision.outcome == LimitDecision::TokensExceeded;
            errorBody = rateLimitErrorBody(tokens, model, tokens ? decision.limitTokens : decision.limitRequests,
                                           tokens ? decision.usedTokens : decision.usedRequests, decision.retryAfterMs);
            limitHeaders.append({"retry-after", QByteArray::number((decision.retryAfterMs + 999) / 1000)});
            limitHeaders.append({"retry-after-ms", QByteArray::number(decision.retryAfterMs)});
        }
        http::Response response = http::Response::json(429, errorBody);
        for (const auto &[name, value] : limitHeaders)
            response.setHeader(name, value);
        rec.status = 429;
        record(rec, nullptr);
        return res.send(std::move(response));
    }

    UpstreamCall::Target target{path, req.body(), model, rec.stream, m_limits};
    QJsonObject streamOptions = body.value(QStringLiteral("stream_options")).toObject();
    if (target.stream && !streamOptions.value(QStringLiteral("include_usage")).toBool()) {
        // Usage is counted for every stream: ask the pod for it, and keep it from the client.
        streamOptions.insert(QStringLiteral("include_usage"), true);
        QJsonObject upstreamBody = body;
        upstreamBody.insert(QStringLiteral("stream_options"), streamOptions);
        target.body = QJsonDocument(upstreamBody).toJson(QJsonDocument::Compact);
        target.hideUsage = true;
    }
    target.responseHeaders = std::move(limitHeaders);
    QPointer<InferenceService> self(this);
    target.finished = [self, rec](const CallOutcome &outcome) {
        if (self)
            self->record(rec, &outcome);
    };
    auto *call = new UpstreamCall(m_pool.get(), m_upstream.get(), m_metrics, std::move(target), res);
    call->start(pods);
}

void InferenceService::record(RequestRecord rec, const CallOutcome *outcome)
{
    const qint64 now = nowMs();
    if (outcome) {
        rec.pod = outcome->pod;
        rec.status = outcome->status;
        rec.promptTokens = outcome->promptTokens;
        rec.completionTokens = outcome->completionTokens;
        rec.latencyMs = outcome->totalMs;
        rec.firstTokenMs = outcome->firstByteMs;
        m_limiter->addTokens(rec.keyId, std::max<qint64>(0, rec.promptTokens) + std::max<qint64>(0, rec.completionTokens), now);
    } else {
        rec.latencyMs = double(now - rec.timeMs);
    }
    m_lastUsedMs.insert(rec.keyId, rec.timeMs);
    if (m_usageLog)
        m_usageLog->append(rec);
    m_recent.push_front(std::move(rec));
    if (m_recent.size() > size_t(InferenceSnapshot::kRecentRequests))
        m_recent.pop_back();
    ++m_requestsLogged;
    m_changed = true;
}

GatewayKeyInfo InferenceService::withUsage(const GatewayKeyInfo &key, qint64 now) const
{
    GatewayKeyInfo k = key;
    k.spentTokens = m_limiter->spentTokens(k.id);
    k.requestsLastMinute = m_limiter->requestsInWindow(k.id, now);
    k.tokensLastMinute = m_limiter->tokensInWindow(k.id, now);
    const qint64 last = m_lastUsedMs.value(k.id, -1);
    if (last >= 0)
        k.lastUsed = QDateTime::fromMSecsSinceEpoch(last, Qt::UTC);
    return k;
}

GatewayKeyInfo InferenceService::adminKeyInfo(qint64 now) const
{
    GatewayKeyInfo admin;
    admin.id = kAdminKeyId;
    admin.name = tr("Admin key (secrets.json)");
    admin.prefix = QString::fromUtf8(m_adminKey.left(6));
    admin.admin = true;
    // Spent tokens of the admin key count from this start (it has no budget to enforce).
    return withUsage(admin, now);
}

void InferenceService::recoverUsage()
{
    // The lifetime totals are in the keys' rows; the last minute is replayed from the log.
    const qint64 now = nowMs();
    m_keys->forEachRequestSince(now - KeyRateLimiter::kWindowSeconds * 1000, [this](const RequestRecord &r) {
        if (r.pod.isEmpty())
            return; // refused before reaching a pod: never counted
        m_limiter->addRequest(r.keyId, r.timeMs);
        m_limiter->addTokens(r.keyId, std::max<qint64>(0, r.promptTokens) + std::max<qint64>(0, r.completionTokens), r.timeMs);
    });
    for (const GatewayKeyInfo &k : m_keys->keys()) {
        m_limiter->setSpentTokens(k.id, k.spentTokens);
        if (k.lastUsed.isValid())
            m_lastUsedMs.insert(k.id, k.lastUsed.toMSecsSinceEpoch());
    }
    m_limiter->setSpentTokens(kAdminKeyId, 0);
    for (const RequestRecord &r : m_keys->requests({}, InferenceSnapshot::kRecentRequests))
        m_recent.push_back(r);
}

void InferenceService::publishSnapshot()
{
    if (!m_monitor || !m_keys)
        return;
    const qint64 now = nowMs();
    // Per-minute figures change as the window moves: publish while any request is that recent.
    const bool recent = !m_recent.empty() && now - m_recent.front().timeMs <= KeyRateLimiter::kWindowSeconds * 1000 + 1000;
    if (!m_changed && !recent)
        return;
    m_changed = false;
    InferenceSnapshot snapshot;
    snapshot.takenAt = QDateTime::currentDateTimeUtc();
    snapshot.keys << adminKeyInfo(now);
    for (const GatewayKeyInfo &k : m_keys->keys())
        snapshot.keys << withUsage(k, now);
    snapshot.recentRequests.reserve(qsizetype(m_recent.size()));
    for (const RequestRecord &r : m_recent)
        snapshot.recentRequests << r;
    snapshot.requestsLogged = m_requestsLogged;
    if (m_server && m_server->isListening())
        snapshot.baseUrl = QStringLiteral("http://%1:%2/v1").arg(m_baseHost).arg(m_server->serverPort());
    m_monitor->publish(snapshot);
}

void InferenceService::onCreateKeyRequested(quint64 requestId, const GatewayKeyInfo &settings)
{
    if (!m_keys || !m_monitor)
        return;
    GatewayKeyInfo key = settings;
    QString secret;
    QString error;
    if (!m_keys->create(&key, &secret, &error)) {
        emit m_monitor->keyCreated(requestId, GatewayKeyInfo{}, QString(), error);
        return;
    }
    qCInfo(lcInference) << "gateway key" << key.id << key.name << "created from the console";
    m_changed = true;
    publishSnapshot();
    emit m_monitor->keyCreated(requestId, key, secret, QString());
}

void InferenceService::onUpdateKeyRequested(quint64 requestId, const GatewayKeyInfo &key)
{
    if (!m_keys || !m_monitor)
        return;
    QString error;
    m_keys->update(key, &error);
    m_changed = true;
    publishSnapshot();
    emit m_monitor->keyChanged(requestId, error);
}

void InferenceService::onRevokeKeyRequested(quint64 requestId, const QString &keyId)
{
    if (!m_keys || !m_monitor)
        return;
    QString error;
    m_keys->revoke(keyId, &error);
    m_changed = true;
    publishSnapshot();
    emit m_monitor->keyChanged(requestId, error);
}

void InferenceService::setUpPodStatus(http::HttpServer &server, const core::ServiceContext &context, int intervalMs,
                                      int timeoutMs)
{
    auto setting = [&](const char *key, const QVariant &fallback) { return context.settings.value(QLatin1String(key), fallback); };
    m_telemetry = std::make_unique<PodTelemetry>(m_pool.get(), m_network.get(), m_metrics);
    PodStateLimits limits;
    limits.kvCacheFull = setting("degraded_kv_cache", 0.9).toDouble();
    limits.slowHealthMs = setting("degraded_health_ms", 2000).toLongLong();
    m_telemetry->start(intervalMs, timeoutMs, std::max(1, setting("metrics_window_s", 60).toInt()) * 1000LL, limits);

    RunpodEndpoints runpod;
    runpod.restBase = setting("runpod_rest_url", runpod.restBase).toString();
    runpod.serverlessBase = setting("runpod_serverless_url", runpod.serverlessBase).toString();
    runpod.proxyPattern = setting("runpod_proxy_url", runpod.proxyPattern).toString();
    m_runpod = std::make_unique<RunpodAccount>(m_network.get(), runpod);
    if (!m_monitor)
        return;
    InferenceConsoleBridge::Setup setup;
    setup.server = &server;
    setup.bindAddress = context.bindAddress;
    setup.gatewayKey = context.secrets.value(QStringLiteral("api_key")).toString().toUtf8();
    setup.podsFile = m_podsFile;
    setup.runpodKeyFile = QDir(context.dataDir).filePath(QStringLiteral("runpod.json"));
    setup.settingsRunpodKey = setting("runpod_api_key", QString()).toString();
    setup.nvidiaSmi = setting("nvidia_smi", QStringLiteral("nvidia-smi")).toString();
    setup.gpuIntervalMs = std::max(500, setting("gpu_interval_ms", 5000).toInt());
    setup.runpodRefreshMs = std::max(5, setting("runpod_refresh_s", 30).toInt()) * 1000;
    m_consoleBridge = std::make_unique<InferenceConsoleBridge>(m_monitor, m_telemetry.get(), m_runpod.get(), setup,
                                                               [this](const QJsonObject &entry) { return addPodToFile(entry); });
}

QString InferenceService::addPodToFile(const QJsonObject &entry)
{
    QString error;
    std::optional<Pod> pod = PodPool::podFromJson(entry, &error);
    if (!pod)
        return error;
    for (int i = 0; i < m_pool->size(); ++i) {
        if (m_pool->pod(i).name == pod->name)
            return tr("a pod named \"%1\" exists already").arg(pod->name);
    }
    // The file as it is now (someone may have edited it), with the entry appended.
    QJsonObject root;
    QFile file(m_podsFile);
    if (file.exists()) {
        if (!file.open(QIODevice::ReadOnly))
            return tr("cannot read %1: %2").arg(m_podsFile, file.errorString());
        const QJsonDocument doc = QJsonDocument::fromJson(file.readAll());
        root = doc.isArray() ? QJsonObject{{QStringLiteral("pods"), doc.array()}} : doc.object();
    }
    QJsonArray pods = root.value(QStringLiteral("pods")).toArray();
    QJsonObject clean;
    for (const char *key : {"name", "url", "kind", "api_key", "cost_per_hour", "models", "weight", "health_url", "metrics_url"}) {
        const QJsonValue v = entry.value(QLatin1String(key));
        if (!v.isUndefined() && !v.isNull() && !(v.isString() && v.toString().isEmpty()) && !(v.isArray() && v.toArray().isEmpty()))
            clean.insert(QLatin1String(key), v);
    }
    pods.append(clean);
    root.insert(QStringLiteral("pods"), pods);
    QDir().mkpath(QFileInfo(m_podsFile).absolutePath());
    error = core::writeFileAtomically(m_podsFile, QJsonDocument(root).toJson(QJsonDocument::Indented), 0600);
    if (!error.isEmpty())
        return error;
    qCInfo(lcInference) << "pod" << pod->name << "added to" << m_podsFile;
    m_pool->addPod(std::move(*pod));
    return {};
}

void InferenceService::closeStores()
{
    if (m_monitor)
        disconnect(m_monitor, nullptr, this, nullptr);
    if (m_snapshotTimer)
        m_snapshotTimer->stop();
    m_consoleBridge.reset();
    m_runpod.reset();
    m_telemetry.reset();
    m_pool.reset();    // its unfinished calls go with it
    m_upstream.reset();
    m_network.reset();
    if (m_usageLog)
        m_usageLog->stop(); // commits what is queued
    m_usageLog.reset();
    if (m_keys)
        m_keys->close();
    m_keys.reset();
    m_recent.clear();
    m_lastUsedMs.clear();
}

} // namespace homeport::inference
