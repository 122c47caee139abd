#pragma once
// InferenceService: Homeport's inference service, an OpenAI-compatible gateway in front of GPU
// pods (vLLM and other OpenAI-compatible servers) listed in <data dir>/inference/pods.json.
// /v1/models is the union of the healthy pods' models; /v1/chat/completions, /v1/completions and
// /v1/embeddings go to a healthy pod serving the model (see PodPool, UpstreamCall). Clients
// authenticate with the gateway key (inference.api_key in secrets.json) as a bearer token.
// Thread affinity: the service's own thread.

#include "http/http_service.h"

#include <memory>

class QNetworkAccessManager;

namespace homeport::inference {

class PodPool;

class InferenceService : public http::HttpService
{
    Q_OBJECT
public:
    InferenceService();
    ~InferenceService() override;

protected:
    QString configure(http::HttpServer &server, const core::ServiceContext &context) override;
    void closeStores() override;

private:
    void forward(const QString &path, const http::Request &req, http::Responder &res);

    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<PodPool> m_pool;
    core::Metrics *m_metrics = nullptr;
    int m_upstreamTimeoutMs = 600'000;
    QString m_podsFile;
};

} // namespace homeport::inference
