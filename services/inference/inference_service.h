#pragma once
// InferenceService: Homeport's inference service, an OpenAI-compatible gateway in front of GPU
// pods (vLLM and other OpenAI-compatible servers) listed in <data dir>/inference/pods.json.
// /v1/models is the union of the healthy pods' models; /v1/chat/completions, /v1/completions and
// /v1/embeddings go to a healthy pod serving the model (see PodPool, UpstreamCall).
// Clients authenticate with a bearer key: the admin key (inference.api_key in secrets.json, no
// limits, manages the others through /admin/keys) or a gateway key with its allowed models,
// requests and tokens per minute and token budget (GatewayKeyStore, KeyRateLimiter). Every
// request is kept in the usage log (UsageLog) and shown through InferenceMonitor.
// Thread affinity: the service's own thread.

#include "http/http_service.h"
#include "inference_monitor.h"
#include "upstream_limits.h"

#include <QHash>
#include <QPointer>

#include <deque>
#include <memory>

class QJsonObject;
class QNetworkAccessManager;
class QTimer;

namespace homeport::http {
class HttpClient;
}

namespace homeport::inference {

class GatewayKeyStore;
class InferenceConsoleBridge;
class KeyRateLimiter;
class PodPool;
class PodTelemetry;
class RunpodAccount;
class UsageLog;
struct CallOutcome;

class InferenceService : public http::HttpService
{
    Q_OBJECT
public:
    // The monitor outlives the service (app/ owns it); it may be null in tests.
    explicit InferenceService(InferenceMonitor *monitor = nullptr);
    ~InferenceService() override;

protected:
    QString configure(http::HttpServer &server, const core::ServiceContext &context) override;
    void closeStores() override;

private:
    // Who sent a request: the admin key, a gateway key (by id), or nobody known.
    struct Caller
    {
        bool known = false;
        bool admin = false;
        QString keyId;
    };
    Caller caller(const http::Request &req) const;
    void addAdminRoutes(http::HttpServer &server, const http::AuthHook &adminOnly);
    void forward(const QString &path, const http::Request &req, http::Responder &res);
    void record(RequestRecord record, const CallOutcome *outcome);
    GatewayKeyInfo withUsage(const GatewayKeyInfo &key, qint64 nowMs) const;
    GatewayKeyInfo adminKeyInfo(qint64 nowMs) const;
    void recoverUsage();
    void publishSnapshot();
    // Pod status: /metrics telemetry, the RunPod account and the console bridge.
    void setUpPodStatus(http::HttpServer &server, const core::ServiceContext &context, int intervalMs, int timeoutMs);
    QString addPodToFile(const QJsonObject &entry);

    // Console requests (queued from InferenceMonitor).
    void onCreateKeyRequested(quint64 requestId, const GatewayKeyInfo &settings);
    void onUpdateKeyRequested(quint64 requestId, const GatewayKeyInfo &key);
    void onRevokeKeyRequested(quint64 requestId, const QString &keyId);

    QPointer<InferenceMonitor> m_monitor;
    std::unique_ptr<QNetworkAccessManager> m_network;  // the pods' health checks
    std::unique_ptr<http::HttpClient> m_upstream;      // forwarded requests, keep-alive per pod
    std::unique_ptr<PodPool> m_pool;
    std::unique_ptr<GatewayKeyStore> m_keys;
    std::unique_ptr<UsageLog> m_usageLog;
    std::unique_ptr<KeyRateLimiter> m_limiter;
    core::Metrics *m_metrics = nullptr;
    QTimer *m_snapshotTimer = nullptr;
    QByteArray m_adminKey;
    UpstreamLimits m_limits; // time limits on forwarded requests
    QString m_podsFile;
    QString m_baseHost;                   // where clients dial; the port is read once listening
    http::HttpServer *m_server = nullptr; // owned by HttpService, outlives closeStores()
    QHash<QString, qint64> m_lastUsedMs;  // key id -> last request, ms since the epoch
    std::deque<RequestRecord> m_recent;   // newest first
    quint64 m_requestsLogged = 0;
    bool m_changed = true;

    // Pod status.
    std::unique_ptr<PodTelemetry> m_telemetry;
    std::unique_ptr<RunpodAccount> m_runpod;
    std::unique_ptr<InferenceConsoleBridge> m_consoleBridge;
};

} // namespace homeport::inference
