#pragma once
// SystemMetrics: /metrics.json in Typesense's key names (all values are strings, as Typesense
// sends them): the machine's CPU use per core and in total since the previous call (since boot
// on the first), memory, the data dir's disk and the network counters from /proc, and this
// process's memory (resident from /proc/self/status, allocated from the C allocator) under the
// typesense_memory_* names.
// Thread affinity: the search service's thread (keeps the previous CPU sample).

#include <QJsonObject>
#include <QString>

#include <vector>

namespace homeport::search {

class SystemMetrics
{
public:
    explicit SystemMetrics(QString dataDir) : m_dataDir(std::move(dataDir)) {}
    QJsonObject sample();

private:
    struct CpuTimes
    {
        quint64 busy = 0;
        quint64 total = 0;
    };
    QString m_dataDir;
    std::vector<CpuTimes> m_previous; // [0]: all cores, then one per core
};

} // namespace homeport::search
