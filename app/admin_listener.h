#pragma once
// AdminListener: /health, /status (JSON) and /metrics (Prometheus text) for headless operation,
// on 127.0.0.1:9601 unless configured. /status and /metrics need the admin token from
// secrets.json as a bearer token; /health is open so load balancers and systemd can probe it.
// Thread affinity: the main thread (its requests are tiny; services never wait on it).

#include <QHostAddress>
#include <QString>

#include <functional>
#include <memory>

namespace homeport::core {
class Metrics;
class ServiceHost;
}
namespace homeport::http {
class HttpServer;
}

namespace homeport::app {

class AdminListener
{
public:
    // Where a service is configured to listen ("127.0.0.1", 9000) and whether it is enabled, as the
    // Overview shows them even when the service is not running.
    struct Configured {
        QString bind;
        quint16 port = 0;
        bool enabled = true;
    };
    using ConfiguredProvider = std::function<Configured(const QString &service)>;

    AdminListener(const core::ServiceHost *host, core::Metrics *metrics, QString token,
                  ConfiguredProvider configured = {});
    ~AdminListener();

    bool listen(const QHostAddress &address, quint16 port, QString *error);
    QString address() const; // "127.0.0.1:9601" while listening, empty otherwise
    void close();

private:
    QByteArray statusJson() const;

    const core::ServiceHost *m_host;
    core::Metrics *m_metrics;
    QString m_token;
    ConfiguredProvider m_configured;
    QHostAddress m_address;
    std::unique_ptr<http::HttpServer> m_server;
};

} // namespace homeport::app
