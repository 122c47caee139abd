#include "service.h"

namespace homeport::core {

Service::~Service() = default;

QString toString(ServiceState state)
{
    switch (state) {
    case ServiceState::Stopped:
        return QStringLiteral("stopped");
    case ServiceState::Starting:
        return QStringLiteral("starting");
    case ServiceState::Running:
        return QStringLiteral("running");
    case ServiceState::Stopping:
        return QStringLiteral("stopping");
    case ServiceState::Failed:
        return QStringLiteral("failed");
    }
    return QStringLiteral("unknown");
}

qint64 ServiceStatus::uptimeSeconds() const
{
    return state == ServiceState::Running && since.isValid() ? since.secsTo(QDateTime::currentDateTimeUtc()) : 0;
}

} // namespace homeport::core
