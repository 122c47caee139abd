#pragma once
// InferenceService: Homeport's inference service, speaking the OpenAI API (/v1/chat/completions, /v1/embeddings, /v1/models) in front of GPU pods.
// Until its issue lands it listens on its port, reports its real state and answers every request
// with 503 in the protocol's own error shape, so clients fail clearly instead of hanging.
// Thread affinity: the service's own thread.

#include "http/http_service.h"

namespace homeport::inference {

class InferenceService : public http::HttpService
{
    Q_OBJECT
public:
    using http::HttpService::HttpService;

protected:
    QString configure(http::HttpServer &server, const core::ServiceContext &context) override;
};

} // namespace homeport::inference
