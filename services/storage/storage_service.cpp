#include "storage_service.h"

#include "core/logging.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace homeport::storage {

QString StorageService::configure(http::HttpServer &server, const core::ServiceContext &)
{
    // S3 clients parse errors from XML: <Error><Code>…</Code><Message>…</Message>…</Error>.
    server.setErrorFormatter([](int status, const QString &message) {
        const QByteArray code = status == 503 ? "ServiceUnavailable" : status == 404 ? "NoSuchKey" : status == 405 ? "MethodNotAllowed"
                              : status == 413 ? "EntityTooLarge" : status == 431 || status == 400 ? "BadRequest" : "InternalError";
        QByteArray body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>"
            + message.toHtmlEscaped().toUtf8() + "</Message></Error>";
        return http::Response(status, "application/xml", body);
    });
    server.setFallback([](const http::Request &, http::Responder &res) {
        res.sendError(503, QStringLiteral("Homeport's storage service is not implemented yet"));
    });
    return {};
}

} // namespace homeport::storage
