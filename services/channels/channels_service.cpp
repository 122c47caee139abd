#include "channels_service.h"

#include "channels_monitor.h"

#include "core/logging.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace homeport::channels {

ChannelsService::ChannelsService(ChannelsMonitor *monitor)
    : m_monitor(monitor)
{
}

QString ChannelsService::configure(http::HttpServer &server, const core::ServiceContext &)
{
    // Pusher's REST API answers errors as a short JSON object; pusher-js only reads WebSocket
    // close codes, so the REST shape is what server SDKs see.
    server.setErrorFormatter([](int status, const QString &message) {
        return http::Response::json(status, QJsonDocument(QJsonObject{{QStringLiteral("error"), message}}).toJson(QJsonDocument::Compact));
    });
    server.setFallback([](const http::Request &, http::Responder &res) {
        res.sendError(503, QStringLiteral("Homeport's channels service is not implemented yet"));
    });
    return {};
}

} // namespace homeport::channels
