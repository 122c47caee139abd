#pragma once
// ConsoleContext: everything the console needs from the running Homeport, handed over by app/.
// The console only reads these objects and talks to the host through queued signals, so the
// same services run unchanged in `homeport --headless` (design.md, "Syncthing Tray" habit).

#include "core/client_env.h"
#include "core/data_dir.h"

#include <QString>

#include <functional>

namespace homeport::core {
class ServiceHost;
class Metrics;
class LogStream;
class Settings;
} // namespace homeport::core
namespace homeport::channels {
class ChannelsMonitor;
}
namespace homeport::errors {
class ErrorsMonitor;
}
namespace homeport::search {
class SearchMonitor;
}
namespace homeport::storage {
class StorageMonitor;
}
namespace homeport::inference {
class InferenceMonitor;
}

namespace homeport::ui {

struct ConsoleContext {
    core::ServiceHost *host = nullptr;   // main thread; send commands only through queued signals
    core::Metrics *metrics = nullptr;
    core::LogStream *logs = nullptr;
    core::Settings *settings = nullptr;
    std::function<core::ClientSettings()> clientSettings; // real host, ports and keys
    QString dataDir;
    QString adminAddress;                // e.g. "127.0.0.1:9601", shown on Overview/Settings
    // What only app/ can do, for the Settings page; unset in tests that don't need them.
    std::function<bool(const QString &level)> applyLogLevel;      // "debug".."error", "" for all
    // Stops the services, moves the data dir (DataDir::moveToOnWorkerThread: the copy runs on a
    // worker, reporting to and stopped by `control`), restarts those that ran.
    std::function<bool(const QString &target, QString *error, const core::DataMoveControl &control)> moveDataDir;
    std::function<void()> restartApplication;                      // quits, then starts again
    // Per-service bridges: snapshots to read, request signals to send. Null in tests that don't
    // need that dashboard.
    channels::ChannelsMonitor *channels = nullptr;
    errors::ErrorsMonitor *errors = nullptr;
    search::SearchMonitor *search = nullptr;
    storage::StorageMonitor *storage = nullptr;
    inference::InferenceMonitor *inference = nullptr;
};

} // namespace homeport::ui
