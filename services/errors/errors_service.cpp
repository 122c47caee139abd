#include "errors_service.h"

#include "errors_monitor.h"

#include "core/logging.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace homeport::errors {

ErrorsService::ErrorsService(ErrorsMonitor *monitor)
    : m_monitor(monitor)
{
}

QString ErrorsService::configure(http::HttpServer &server, const core::ServiceContext &)
{
    // Sentry answers ingest errors as {"detail": "..."}; SDKs log the detail.
    server.setErrorFormatter([](int status, const QString &message) {
        return http::Response::json(status, QJsonDocument(QJsonObject{{QStringLiteral("detail"), message}}).toJson(QJsonDocument::Compact));
    });
    server.setFallback([](const http::Request &, http::Responder &res) {
        res.sendError(503, QStringLiteral("Homeport's errors service is not implemented yet"));
    });
    return {};
}

} // namespace homeport::errors
