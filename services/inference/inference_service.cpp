#include "inference_service.h"

#include "core/logging.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace homeport::inference {

QString InferenceService::configure(http::HttpServer &server, const core::ServiceContext &)
{
    // OpenAI's error shape; the openai SDKs raise error.message with the status.
    server.setErrorFormatter([](int status, const QString &message) {
        const QString type = status >= 500 ? QStringLiteral("server_error") : QStringLiteral("invalid_request_error");
        const QJsonObject error{{QStringLiteral("message"), message}, {QStringLiteral("type"), type},
                                {QStringLiteral("param"), QJsonValue()}, {QStringLiteral("code"), QJsonValue()}};
        return http::Response::json(status, QJsonDocument(QJsonObject{{QStringLiteral("error"), error}}).toJson(QJsonDocument::Compact));
    });
    server.setFallback([](const http::Request &, http::Responder &res) {
        res.sendError(503, QStringLiteral("Homeport's inference service is not implemented yet"));
    });
    return {};
}

} // namespace homeport::inference
