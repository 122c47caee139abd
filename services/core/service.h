#pragma once
// Service: what ServiceHost runs. Each service object is created on the main thread, moved to a
// thread of its own and from then on touched only there: start() and stop() are called on it.

#include "secrets.h"

#include <QDateTime>
#include <QHostAddress>
#include <QObject>
#include <QString>
#include <QVariantMap>

namespace homeport::core {

class Metrics;

// Everything a service gets to start with: an immutable snapshot, safe to keep in its thread.
struct ServiceContext {
    QString name;
    QString dataDir;        // the service's own folder in the data dir
    QHostAddress bindAddress;
    quint16 port = 0;       // 0 picks a free port (tests)
    QVariantMap settings;   // the service's settings section, overrides applied
    QVariantMap secrets;    // the service's generated keys
    Metrics *metrics = nullptr; // shared and thread-safe
};

struct StartResult {
    bool ok = false;
    QString error;          // human reason on failure: "port 9000 is in use by another program"
    quint16 port = 0;       // the port actually bound
    static StartResult success(quint16 port) { return {true, {}, port}; }
    static StartResult failure(const QString &reason) { return {false, reason, 0}; }
};

class Service : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~Service() override;

    // Called in the service's thread. Binds its port, opens its stores and returns at once.
    virtual StartResult start(const ServiceContext &context) = 0;
    // Called in the service's thread. Finishes in-flight work, closes listeners and stores.
    virtual void stop() = 0;
};

enum class ServiceState { Stopped, Starting, Running, Stopping, Failed };
QString toString(ServiceState state);

// What the console and the admin listener see of one service.
struct ServiceStatus {
    QString name;
    ServiceState state = ServiceState::Stopped;
    QString reason;          // why it failed, empty otherwise
    QString address;         // "127.0.0.1:9000" while running
    QDateTime since;         // when it entered this state
    qint64 uptimeSeconds() const;
};

} // namespace homeport::core

Q_DECLARE_METATYPE(homeport::core::ServiceStatus)
