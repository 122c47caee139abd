#pragma once
// HttpService: a Service that is one HttpServer on its port. Subclasses only add routes and
// their protocol's error format; listening, failure reasons and graceful stop live here.
// Thread affinity: the service's own thread (ServiceHost calls start/stop there).

#include "http_server.h"

#include "core/service.h"

#include <memory>

namespace homeport::http {

class HttpService : public core::Service
{
    Q_OBJECT
public:
    using core::Service::Service;
    ~HttpService() override;

    core::StartResult start(const core::ServiceContext &context) final;
    void stop() final;

protected:
    // Adds routes, CORS and the error formatter before the server listens. Returns an empty
    // string, or why the service cannot start (e.g. its database cannot be opened).
    virtual QString configure(HttpServer &server, const core::ServiceContext &context) = 0;
    // Called after the server stopped accepting and finished its in-flight requests.
    virtual void closeStores() {}

    // Engine limits a service may tune before configure() runs.
    virtual HttpServerOptions serverOptions(const core::ServiceContext &context) const;

private:
    std::unique_ptr<HttpServer> m_server;
};

} // namespace homeport::http
