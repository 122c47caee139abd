#include "system_metrics.h"

#include <QFile>
#include <QStorageInfo>
#include <QTextStream>

#include <malloc.h>

namespace homeport::search {

namespace {

QString number(quint64 n) { return QString::number(n); }
QString percent(double p) { return QString::number(p, 'f', 2); }

// Values of "Key:   123 kB" lines (in bytes when the unit is kB).
quint64 procValue(const QByteArray &text, const QByteArray &key)
{
    for (const QByteArray &line : text.split('\n')) {
        if (!line.startsWith(key + ':'))
            continue;
        const QList<QByteArray> parts = line.mid(key.size() + 1).simplified().split(' ');
        quint64 v = parts.value(0).toULongLong();
        if (parts.value(1) == "kB")
            v *= 1024;
        return v;
    }
    return 0;
}

QByteArray readProc(const char *path)
{
    QFile f(QString::fromLatin1(path));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

QJsonObject SystemMetrics::sample()
{
    QJsonObject out;

    // CPU: "cpu  user nice system idle iowait irq softirq steal ..." then cpu0, cpu1, ...
    std::vector<CpuTimes> now;
    for (const QByteArray &line : readProc("/proc/stat").split('\n')) {
        if (!line.startsWith("cpu"))
            continue;
        const QList<QByteArray> f = line.simplified().split(' ');
        CpuTimes t;
        for (int i = 1; i < f.size() && i <= 8; ++i)
            t.total += f[i].toULongLong();
        const quint64 idle = f.value(4).toULongLong() + f.value(5).toULongLong();
        t.busy = t.total - idle;
        now.push_back(t);
    }
    for (size_t i = 0; i < now.size(); ++i) {
        const CpuTimes before = i < m_previous.size() ? m_previous[i] : CpuTimes{};
        const quint64 total = now[i].total - before.total;
        const double p = total ? 100.0 * double(now[i].busy - before.busy) / double(total) : 0.0;
        if (i == 0)
            out.insert(QStringLiteral("system_cpu_active_percentage"), percent(p));
        else
            out.insert(QStringLiteral("system_cpu%1_active_percentage").arg(i), percent(p));
    }
    m_previous = std::move(now);

    const QByteArray meminfo = readProc("/proc/meminfo");
    const quint64 memTotal = procValue(meminfo, "MemTotal");
    const quint64 memAvailable = procValue(meminfo, "MemAvailable");
    out.insert(QStringLiteral("system_memory_total_bytes"), number(memTotal));
    out.insert(QStringLiteral("system_memory_used_bytes"), number(memTotal - std::min(memTotal, memAvailable)));
    const quint64 swapTotal = procValue(meminfo, "SwapTotal");
    out.insert(QStringLiteral("system_memory_total_swap_bytes"), number(swapTotal));
    out.insert(QStringLiteral("system_memory_used_swap_bytes"), number(swapTotal - std::min(swapTotal, procValue(meminfo, "SwapFree"))));

    const QStorageInfo disk(m_dataDir);
    out.insert(QStringLiteral("system_disk_total_bytes"), number(quint64(std::max<qint64>(0, disk.bytesTotal()))));
    out.insert(QStringLiteral("system_disk_used_bytes"), number(quint64(std::max<qint64>(0, disk.bytesTotal() - disk.bytesFree()))));

    // /proc/net/dev: "iface: rx_bytes packets ... (8 fields) tx_bytes ..."
    quint64 received = 0, sent = 0;
    for (const QByteArray &line : readProc("/proc/net/dev").split('\n')) {
        const int colon = line.indexOf(':');
        if (colon < 0)
            continue;
        const QList<QByteArray> f = line.mid(colon + 1).simplified().split(' ');
        if (f.size() >= 9) {
            received += f[0].toULongLong();
            sent += f[8].toULongLong();
        }
    }
    out.insert(QStringLiteral("system_network_received_bytes"), number(received));
    out.insert(QStringLiteral("system_network_sent_bytes"), number(sent));

    const QByteArray status = readProc("/proc/self/status");
    const quint64 resident = procValue(status, "VmRSS");
    const struct mallinfo2 heap = mallinfo2();
    const quint64 allocated = heap.uordblks + heap.hblkhd;
    const quint64 mapped = heap.arena + heap.hblkhd;
    out.insert(QStringLiteral("typesense_memory_resident_bytes"), number(resident));
    out.insert(QStringLiteral("typesense_memory_allocated_bytes"), number(allocated));
    out.insert(QStringLiteral("typesense_memory_active_bytes"), number(allocated));
    out.insert(QStringLiteral("typesense_memory_mapped_bytes"), number(mapped));
    out.insert(QStringLiteral("typesense_memory_retained_bytes"), number(heap.fordblks));
    out.insert(QStringLiteral("typesense_memory_metadata_bytes"), number(0));
    out.insert(QStringLiteral("typesense_memory_fragmentation_ratio"),
               percent(resident ? 1.0 - double(std::min(allocated, resident)) / double(resident) : 0.0));
    return out;
}

} // namespace homeport::search
