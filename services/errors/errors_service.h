#pragma once
// ErrorsService: Homeport's errors service, speaking Sentry ingest: /api/{project_id}/envelope/ and /api/{project_id}/store/.
// Until its issue lands it listens on its port, reports its real state and answers every request
// with 503 in the protocol's own error shape, so clients fail clearly instead of hanging.
// Thread affinity: the service's own thread.

#include "http/http_service.h"

#include <QPointer>

namespace homeport::errors {

class ErrorsMonitor;

class ErrorsService : public http::HttpService
{
    Q_OBJECT
public:
    // The monitor outlives the service (app/ owns it); it may be null in tests.
    explicit ErrorsService(ErrorsMonitor *monitor = nullptr);

protected:
    QString configure(http::HttpServer &server, const core::ServiceContext &context) override;

private:
    QPointer<ErrorsMonitor> m_monitor;
};

} // namespace homeport::errors
