// A loopback port for a server a test starts in another process (homeport, PostgreSQL).
#pragma once

#include <QFile>
#include <QRandomGenerator>
#include <QTcpServer>

namespace homeport::testing {

// Drawn below the kernel's ephemeral range: a port from listen(0) comes from that range, and so
// does the local port of every outgoing connection of the tests running in parallel, which can
// take it between this probe and the other process's bind.
inline quint16 freePort()
{
    int highest = 32767;
    QFile range(QStringLiteral("/proc/sys/net/ipv4/ip_local_port_range"));
    if (range.open(QIODevice::ReadOnly)) {
        const int low = range.readAll().simplified().split(' ').value(0).toInt();
        if (low > 2048)
            highest = low - 1;
    }
    const int lowest = qMax(1025, highest - 12000);
    for (int attempt = 0; attempt < 200; ++attempt) {
        const auto port = quint16(QRandomGenerator::global()->bounded(lowest, highest + 1));
        QTcpServer probe;
        if (probe.listen(QHostAddress::LocalHost, port))
            return port;
    }
    qFatal("no free loopback port between %d and %d", lowest, highest);
    return 0;
}

} // namespace homeport::testing
