#pragma once
// Application: wires one Homeport instance together — data dir, settings, secrets, metrics, the
// service host with all five services, the admin listener — then runs the console or headless.
// Thread affinity: the main thread.

#include "command_line.h"

#include "channels/channels_monitor.h"
#include "core/data_dir.h"
#include "errors/errors_monitor.h"
#include "inference/inference_monitor.h"
#include "search/search_monitor.h"
#include "storage/storage_monitor.h"
#include "core/log_stream.h"
#include "core/metrics.h"
#include "core/secrets.h"

#include <QObject>

#include <memory>

namespace homeport::core {
struct ClientSettings;
class ServiceHost;
class Settings;
}

namespace homeport::app {

class AdminListener;

class Application : public QObject
{
    Q_OBJECT
public:
    // `gui` is whether a QApplication exists and a window should be shown.
    Application(const CommandLineOptions &options, bool gui);
    ~Application() override;

    // Runs until quit (window, tray, SIGINT/SIGTERM); returns the process exit code.
    int exec();

private:
    bool prepare(QString *error);
    int printEnvironment();
    void registerServices();
    void installSignalHandlers();
    void setUpLogging();
    // SIGHUP: re-reads the INI file, applies the log level at once, restarts the services whose
    // settings changed (they read settings only when they start) and moves the admin listener.
    void reloadSettings();
    void startAdminListener();
    core::ClientSettings clientSettings() const;
    // The Settings page's Move: stops the services, moves the data dir, starts those that ran.
    bool moveDataDir(const QString &target, QString *error, const core::DataMoveControl &control);

    CommandLineOptions m_options;
    bool m_gui;
    core::LogStream m_logs;
    core::Metrics m_metrics;
    core::Secrets m_secrets;
    channels::ChannelsMonitor m_channelsMonitor;
    errors::ErrorsMonitor m_errorsMonitor;
    search::SearchMonitor m_searchMonitor;
    storage::StorageMonitor m_storageMonitor;
    inference::InferenceMonitor m_inferenceMonitor;
    std::unique_ptr<core::DataDir> m_dataDir;
    std::unique_ptr<core::Settings> m_settings;
    std::unique_ptr<core::ServiceHost> m_host;
    std::unique_ptr<AdminListener> m_admin;
    bool m_restartRequested = false; // the console asked to start again (a new language)
};

} // namespace homeport::app
