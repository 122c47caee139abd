#include "admin_listener.h"

#include "core/metrics.h"
#include "core/service_catalog.h"
#include "core/service_host.h"
#include "http/http_server.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace homeport::app {

namespace {
const QString kServiceName = QStringLiteral("admin");
constexpr int kRateSeconds = 120; // as the Overview's sparkline

quint64 counterSum(const core::MetricsSnapshot &snapshot, const QString &name, const QString &service)
{
    const QString label = QStringLiteral("service=\"%1\"").arg(service);
    quint64 sum = 0;
    for (auto it = snapshot.counters.cbegin(); it != snapshot.counters.cend(); ++it) {
        if (it.key().name == name && it.key().labels.startsWith(label))
            sum += it.value();
    }
    return sum;
}
// Every counter and gauge of one service by name (other labels summed): the service's own key
// figures (connections, events, documents, objects...) without the admin knowing each service.
QJsonObject serviceMetrics(const core::MetricsSnapshot &snapshot, const QString &service)
{
    const QString label = QStringLiteral("service=\"%1\"").arg(service);
    QHash<QString, double> sums;
    for (auto it = snapshot.counters.cbegin(); it != snapshot.counters.cend(); ++it) {
        if (it.key().labels.startsWith(label))
            sums[it.key().name] += double(it.value());
    }
    for (auto it = snapshot.gauges.cbegin(); it != snapshot.gauges.cend(); ++it) {
        if (it.key().labels.startsWith(label))
            sums[it.key().name] += it.value();
    }
    QJsonObject out;
    for (auto it = sums.cbegin(); it != sums.cend(); ++it)
        out.insert(it.key(), it.value());
    return out;
}
} // namespace

AdminListener::AdminListener(const core::ServiceHost *host, core::Metrics *metrics, QString token,
                             ConfiguredProvider configured)
    : m_host(host)
    , m_metrics(metrics)
    , m_token(std::move(token))
    , m_configured(std::move(configured))
{
}

AdminListener::~AdminListener() = default;

QByteArray AdminListener::statusJson() const
{
    const core::MetricsSnapshot metrics = m_metrics->snapshot();
    QJsonArray services;
    int running = 0;
    const QList<core::ServiceStatus> statuses = m_host->snapshot();
    for (const core::ServiceStatus &status : statuses) {
        running += status.state == core::ServiceState::Running;
        QJsonObject counters{
            {QStringLiteral("requests"), qint64(counterSum(metrics, QStringLiteral("homeport_http_requests_total"), status.name))},
            {QStringLiteral("bytes_received"), qint64(counterSum(metrics, QStringLiteral("homeport_http_bytes_received_total"), status.name))},
            {QStringLiteral("bytes_sent"), qint64(counterSum(metrics, QStringLiteral("homeport_http_bytes_sent_total"), status.name))},
        };
        // The Overview's rate: the last complete second, and the last two minutes in total.
        const QVector<double> series = m_metrics->series(status.name + QStringLiteral(".requests"), kRateSeconds);
        double lastMinutes = 0;
        for (const double count : series)
            lastMinutes += count;
        const double perSecond = series.size() >= 2 ? series[series.size() - 2] : 0;
        counters.insert(QStringLiteral("requests_last_2_minutes"), qint64(lastMinutes));
        const core::ServiceInfo *info = core::findService(status.name);
        QJsonObject service{
            {QStringLiteral("name"), status.name},
            {QStringLiteral("title"), info ? info->title : status.name},
            {QStringLiteral("replaces"), info ? info->replaces : QString()},
            {QStringLiteral("protocol"), info ? info->protocol : QString()},
            {QStringLiteral("requests_per_second"), perSecond},
            {QStringLiteral("state"), core::toString(status.state)},
            {QStringLiteral("address"), status.address.isEmpty() ? QJsonValue() : QJsonValue(status.address)},
            {QStringLiteral("reason"), status.reason.isEmpty() ? QJsonValue() : QJsonValue(status.reason)},
            {QStringLiteral("since"), status.since.toString(Qt::ISODate)},
            {QStringLiteral("uptime_seconds"), status.uptimeSeconds()},
            {QStringLiteral("counters"), counters},
            {QStringLiteral("metrics"), serviceMetrics(metrics, status.name)},
        };
        if (m_configured) {
            const Configured configured = m_configured(status.name);
            service.insert(QStringLiteral("bind"), configured.bind);
            service.insert(QStringLiteral("port"), configured.port);
            service.insert(QStringLiteral("enabled"), configured.enabled);
        }
        services.append(service);
    }
    const QJsonObject root{
        {QStringLiteral("version"), QStringLiteral(HOMEPORT_VERSION)},
        {QStringLiteral("healthy"), running == statuses.size()},
        {QStringLiteral("services"), services},
    };
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

bool AdminListener::listen(const QHostAddress &address, quint16 port, QString *error)
{
    http::HttpServerOptions options;
    options.serviceName = kServiceName;
    options.metrics = m_metrics;
    options.maxConnections = 64; // operators and one Prometheus, not the public
    m_server = std::make_unique<http::HttpServer>(options);

    const QByteArray expected = "Bearer " + m_token.toUtf8();
    const http::AuthHook requireToken = [expected](const http::Request &request) -> std::optional<http::Response> {
        if (request.header("authorization") == expected)
            return std::nullopt;
        return http::Response::json(401, R"json({"message":"missing or wrong admin token (Authorization: Bearer <admin.token from secrets.json>)"})json")
            .setHeader("WWW-Authenticate", R"(Bearer realm="homeport-admin")");
    };

    m_server->route("GET", QStringLiteral("/health"), [](const http::Request &, http::Responder &res) {
        res.send(http::Response::json(200, R"({"status":"ok"})"));
    });
    m_server->route("GET", QStringLiteral("/status"), [this](const http::Request &, http::Responder &res) {
        res.send(http::Response::json(200, statusJson()));
    }).auth(requireToken);
    m_server->route("GET", QStringLiteral("/metrics"), [this](const http::Request &, http::Responder &res) {
        // Whether each service is up is read at scrape time, so it is never stale.
        for (const core::ServiceStatus &status : m_host->snapshot()) {
            m_metrics->setGauge(QStringLiteral("homeport_service_up"), QStringLiteral("service=\"%1\"").arg(status.name),
                                status.state == core::ServiceState::Running ? 1 : 0);
        }
        res.send(200, "text/plain; version=0.0.4; charset=utf-8", m_metrics->toPrometheusText());
    }).auth(requireToken);

    if (!m_server->listen(address, port, error)) {
        m_server.reset();
        return false;
    }
    m_address = address;
    return true;
}

QString AdminListener::address() const
{
    if (!m_server)
        return {};
    return m_address.toString() + QLatin1Char(':') + QString::number(m_server->serverPort());
}

void AdminListener::close()
{
    if (m_server)
        m_server->shutdown(2000);
}

} // namespace homeport::app
