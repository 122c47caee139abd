#include "search_stats.h"

namespace homeport::search {

namespace {
constexpr int kKinds = 5;
// Bounds memory under a flood: older samples beyond this are dropped early (rates then read low).
constexpr size_t kMaxSamples = 200000;
} // namespace

SearchStats::Kind SearchStats::classify(const QByteArray &method, const QString &path)
{
    if (path == QLatin1String("/multi_search") || path.endsWith(QLatin1String("/documents/search")))
        return Kind::Search;
    if (path.endsWith(QLatin1String("/documents/import")))
        return Kind::Import;
    if (path.contains(QLatin1String("/documents"))) {
        if (method == "DELETE")
            return Kind::Delete;
        if (method == "POST" || method == "PATCH" || method == "PUT")
            return Kind::Write;
    }
    return Kind::Other;
}

void SearchStats::expire(qint64 nowMs)
{
    const qint64 from = nowMs - qint64(kWindowSeconds) * 1000;
    while (!m_samples.empty() && (m_samples.front().atMs < from || m_samples.size() > kMaxSamples))
        m_samples.pop_front();
}

void SearchStats::record(Kind kind, const QString &route, double latencyMs, qint64 nowMs)
{
    m_samples.push_back(Sample{nowMs, kind, route, latencyMs});
    expire(nowMs);
}

QJsonObject SearchStats::toJson(qint64 nowMs)
{
    expire(nowMs);
    std::array<int, kKinds> count{};
    std::array<double, kKinds> latency{};
    QHash<QString, QPair<int, double>> routes;
    for (const Sample &s : m_samples) {
        ++count[int(s.kind)];
        latency[int(s.kind)] += s.latencyMs;
        auto &r = routes[s.route];
        ++r.first;
        r.second += s.latencyMs;
    }
    const auto rate = [](int n) { return double(n) / kWindowSeconds; };
    const auto mean = [](int n, double sum) { return n ? sum / n : 0.0; };
    QJsonObject out;
    const struct { Kind kind; const char *name; } named[] = {
        {Kind::Search, "search"}, {Kind::Write, "write"}, {Kind::Import, "import"}, {Kind::Delete, "delete"}};
    for (const auto &n : named) {
        const int i = int(n.kind);
        out.insert(QStringLiteral("%1_latency_ms").arg(QLatin1String(n.name)), mean(count[i], latency[i]));
        out.insert(QStringLiteral("%1_requests_per_second").arg(QLatin1String(n.name)), rate(count[i]));
    }
    QJsonObject routeLatency;
    QJsonObject routeRate;
    for (auto it = routes.constBegin(); it != routes.constEnd(); ++it) {
        routeLatency.insert(it.key(), mean(it.value().first, it.value().second));
        routeRate.insert(it.key(), rate(it.value().first));
    }
    out.insert(QStringLiteral("latency_ms"), routeLatency);
    out.insert(QStringLiteral("requests_per_second"), routeRate);
    out.insert(QStringLiteral("total_requests_per_second"), rate(int(m_samples.size())));
    out.insert(QStringLiteral("overloaded_requests_per_second"), 0);
    out.insert(QStringLiteral("pending_write_batches"), 0);
    return out;
}

} // namespace homeport::search
