#include "service_commands.h"

#include "core/service_host.h"

namespace homeport::ui {

ServiceCommands::ServiceCommands(core::ServiceHost *host, QObject *parent)
    : QObject(parent)
{
    if (!host)
        return;
    using core::ServiceHost;
    connect(this, &ServiceCommands::startRequested, host, &ServiceHost::start, Qt::QueuedConnection);
    connect(this, &ServiceCommands::stopRequested, host, &ServiceHost::stop, Qt::QueuedConnection);
    connect(this, &ServiceCommands::restartRequested, host, &ServiceHost::restart, Qt::QueuedConnection);
    connect(this, &ServiceCommands::startAllRequested, host, &ServiceHost::startAll, Qt::QueuedConnection);
    connect(this, &ServiceCommands::stopAllRequested, host, &ServiceHost::stopAll, Qt::QueuedConnection);
}

} // namespace homeport::ui
