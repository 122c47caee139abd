#include "inference_service.h"

#include "openai_error.h"
#include "pod_pool.h"
#include "upstream_call.h"

#include "core/logging.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>

#include <algorithm>
#include <optional>

namespace homeport::inference {

namespace {

// Prompts with images or long contexts are large; embeddings inputs too.
constexpr qint64 kRequestBodyBytes = 32LL << 20;

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

} // namespace

InferenceService::InferenceService() = default;
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
    m_upstreamTimeoutMs = std::max(1000, context.settings.value(QStringLiteral("upstream_timeout_ms"), 600'000).toInt());

    m_network = std::make_unique<QNetworkAccessManager>();
    m_pool = std::make_unique<PodPool>(m_network.get(), m_metrics);
    QString error;
    if (!m_pool->load(podsFile, &error)) {
        closeStores();
        return error;
    }
    m_podsFile = podsFile;
    qCInfo(lcInference) << m_pool->size() << "pods from" << podsFile;
    m_pool->startHealthChecks(intervalMs, checkTimeoutMs);

    const QByteArray gatewayKey = context.secrets.value(QStringLiteral("api_key")).toString().toUtf8();
    const http::AuthHook checkKey = [gatewayKey](const http::Request &req) -> std::optional<http::Response> {
        const QByteArray authorization = req.header("Authorization");
        if (authorization.isEmpty())
            return http::Response::json(401, openAiErrorBody(401, QStringLiteral("You didn't provide an API key. Send the gateway key (inference.api_key in Homeport's secrets.json) as Authorization: Bearer <key>.")));
        const QByteArray key = authorization.startsWith("Bearer ") ? authorization.mid(7).trimmed() : QByteArray();
        if (!sameKey(key, gatewayKey))
            return http::Response::json(401, openAiErrorBody(401, QStringLiteral("Incorrect API key provided. The gateway key is inference.api_key in Homeport's secrets.json."),
                                                             {}, QStringLiteral("invalid_api_key")));
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
    server.route("GET", "/v1/models", [this](const http::Request &, http::Responder &res) {
        const QJsonObject list{{QStringLiteral("object"), QStringLiteral("list")}, {QStringLiteral("data"), m_pool->models()}};
        res.send(http::Response::json(200, QJsonDocument(list).toJson(QJsonDocument::Compact)));
    }).auth(checkKey);
    server.route("GET", "/v1/models/{model...}", [this](const http::Request &req, http::Responder &res) {
        const QString id = req.capture(QStringLiteral("model"));
        for (const QJsonValue &m : m_pool->models()) {
            if (m.toObject().value(QStringLiteral("id")).toString() == id)
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
    server.setFallback([](const http::Request &req, http::Responder &res) {
        sendError(res, 404, QStringLiteral("Invalid URL (%1 %2)").arg(QString::fromLatin1(req.method()), req.path()));
    });
    return {};
}

void InferenceService::forward(const QString &path, const http::Request &req, http::Responder &res)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(req.body(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return sendError(res, 400, QStringLiteral("We could not parse the JSON body of your request: %1").arg(parseError.errorString()));
    const QJsonObject body = doc.object();
    const QString model = body.value(QStringLiteral("model")).toString();
    if (model.isEmpty())
        return sendError(res, 400, QStringLiteral("you must provide a model parameter"), {}, QStringLiteral("model"));

    if (m_pool->size() == 0)
        return sendError(res, 503, QStringLiteral("No GPU pods are configured: list them in %1").arg(m_podsFile), QStringLiteral("no_pods_configured"));
    const QList<int> pods = m_pool->candidates(model);
    if (pods.isEmpty()) {
        if (m_pool->known(model))
            return sendError(res, 503, QStringLiteral("No healthy pod is serving model '%1' right now").arg(model), QStringLiteral("no_healthy_pod"));
        return sendError(res, 404, QStringLiteral("The model '%1' does not exist").arg(model), QStringLiteral("model_not_found"), QStringLiteral("model"));
    }
    UpstreamCall::Target target{path, req.body(), model, body.value(QStringLiteral("stream")).toBool(), m_upstreamTimeoutMs};
    QJsonObject streamOptions = body.value(QStringLiteral("stream_options")).toObject();
    if (target.stream && !streamOptions.value(QStringLiteral("include_usage")).toBool()) {
        // Usage is counted for every stream: ask the pod for it, and keep it from the client.
        streamOptions.insert(QStringLiteral("include_usage"), true);
        QJsonObject upstreamBody = body;
        upstreamBody.insert(QStringLiteral("stream_options"), streamOptions);
        target.body = QJsonDocument(upstreamBody).toJson(QJsonDocument::Compact);
        target.hideUsage = true;
    }
    auto *call = new UpstreamCall(m_pool.get(), m_network.get(), m_metrics, std::move(target), res);
    call->start(pods);
}

void InferenceService::closeStores()
{
    m_pool.reset();    // its unfinished calls go with it
    m_network.reset();
}

} // namespace homeport::inference
