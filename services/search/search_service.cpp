#include "search_service.h"

#include "core/logging.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace homeport::search {

QString SearchService::configure(http::HttpServer &server, const core::ServiceContext &)
{
    // Typesense answers every error as {"message": "..."}; its clients raise it as is.
    server.setErrorFormatter([](int status, const QString &message) {
        return http::Response::json(status, QJsonDocument(QJsonObject{{QStringLiteral("message"), message}}).toJson(QJsonDocument::Compact));
    });
    server.setFallback([](const http::Request &, http::Responder &res) {
        res.sendError(503, QStringLiteral("Homeport's search service is not implemented yet"));
    });
    return {};
}

} // namespace homeport::search
