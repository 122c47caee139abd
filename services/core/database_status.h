#pragma once
// DatabaseStatus: what the console shows of a service's shared database (PostgreSQL), carried
// in the channels and errors monitors' snapshots. Header-only and light: monitors include it.

#include <QString>

namespace homeport::core {

struct DatabaseStatus {
    bool shared = false;         // false: the service keeps its own file (SQLite/JSON)
    QString endpoint;            // host:port/database, never the password
    bool connected = false;
    QString error;               // why not, while disconnected
    quint64 reconnects = 0;      // times the link came back after it was lost
};

} // namespace homeport::core
