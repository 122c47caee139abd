#pragma once
// ChannelsService: Homeport's channels service, speaking Pusher Channels protocol 7: WebSocket /app/{key} and the REST API on one port.
// Until its issue lands it listens on its port, reports its real state and answers every request
// with 503 in the protocol's own error shape, so clients fail clearly instead of hanging.
// Thread affinity: the service's own thread.

#include "http/http_service.h"

#include <QPointer>

namespace homeport::channels {

class ChannelsMonitor;

class ChannelsService : public http::HttpService
{
    Q_OBJECT
public:
    // The monitor outlives the service (app/ owns it); it may be null in tests.
    explicit ChannelsService(ChannelsMonitor *monitor = nullptr);

protected:
    QString configure(http::HttpServer &server, const core::ServiceContext &context) override;

private:
    QPointer<ChannelsMonitor> m_monitor;
};

} // namespace homeport::channels
