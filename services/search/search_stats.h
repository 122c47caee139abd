#pragma once
// SearchStats: the search service's own request counters for /stats.json, in Typesense's key
// names: per endpoint class (search, write, import, delete) the requests per second and mean
// latency over the last kWindowSeconds, the same per "METHOD /path", and the total rate.
// Thread affinity: the search service's thread (not thread-safe).

#include <QHash>
#include <QJsonObject>
#include <QString>

#include <array>
#include <deque>

namespace homeport::search {

class SearchStats
{
public:
    static constexpr int kWindowSeconds = 10;
    enum class Kind { Search, Write, Import, Delete, Other };

    // The class of a request as Typesense counts it, from its method and path.
    static Kind classify(const QByteArray &method, const QString &path);

    void record(Kind kind, const QString &route, double latencyMs, qint64 nowMs);
    QJsonObject toJson(qint64 nowMs);

private:
    struct Sample
    {
        qint64 atMs;
        Kind kind;
        QString route;
        double latencyMs;
    };
    void expire(qint64 nowMs);

    std::deque<Sample> m_samples; // within the window, oldest first
};

} // namespace homeport::search
