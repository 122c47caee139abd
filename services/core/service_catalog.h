#pragma once
// The five services Homeport hosts: their names, default ports and what they stand in for.
// Thread affinity: none (constant data).

#include <QList>
#include <QString>

namespace homeport::core {

struct ServiceInfo {
    QString name;        // settings section and CLI name: "channels", "errors", ...
    QString title;       // shown in the console: "Channels"
    QString protocol;    // "Pusher Channels protocol 7 + REST"
    QString replaces;    // "Pusher"
    quint16 defaultPort; // 6001, 8000, 8108, 9000, 4000
};

// In start order; the host stops them in reverse.
const QList<ServiceInfo> &serviceCatalog();
// nullptr when `name` is not a Homeport service.
const ServiceInfo *findService(const QString &name);
QStringList serviceNames();

// The admin listener (health, status, Prometheus metrics) is not a service but has a port too.
constexpr quint16 kDefaultAdminPort = 9601;

} // namespace homeport::core
