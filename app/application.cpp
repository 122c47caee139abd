#include "application.h"

#include "admin_listener.h"
#include "log_output.h"

#include "channels/channels_service.h"
#include "core/client_env.h"
#include "core/logging.h"
#include "core/service_catalog.h"
#include "core/service_host.h"
#include "core/settings.h"
#include "errors/errors_service.h"
#include "inference/inference_service.h"
#include "search/search_service.h"
#include "storage/storage_service.h"
#include "ui/console_translator.h"
#include "ui/main_window.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QProcess>
#include <QSocketNotifier>

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

namespace homeport::app {

namespace {

// Signal handlers only write a byte here; the event loop reads it and quits (SIGINT/SIGTERM) or
// reloads the settings (SIGHUP).
int g_signalPipe[2] = {-1, -1};
constexpr char kQuitByte = 'q';
constexpr char kReloadByte = 'r';

void onTerminationSignal(int)
{
    [[maybe_unused]] const ssize_t n = ::write(g_signalPipe[0], &kQuitByte, 1);
}

void onHangupSignal(int)
{
    [[maybe_unused]] const ssize_t n = ::write(g_signalPipe[0], &kReloadByte, 1);
}

// What a service's start depends on; a difference after SIGHUP means it must restart.
struct ServiceConfig {
    bool enabled = false;
    QHostAddress bind;
    quint16 port = 0;
    QVariantMap section;
};

ServiceConfig serviceConfig(const core::Settings &settings, const QString &name)
{
    return {settings.serviceEnabled(name), settings.bindAddress(), settings.servicePort(name), settings.section(name)};
}

// "port 9000 -> 9100, bind 127.0.0.1 -> 0.0.0.0, tls_cert changed" for the log.
QString describeChanges(const ServiceConfig &before, const ServiceConfig &after)
{
    QStringList changes;
    if (before.port != after.port)
        changes << QStringLiteral("port %1 -> %2").arg(before.port).arg(after.port);
    if (before.bind != after.bind)
        changes << QStringLiteral("bind %1 -> %2").arg(before.bind.toString(), after.bind.toString());
    QStringList keys = before.section.keys() + after.section.keys();
    keys.removeDuplicates();
    keys.sort();
    for (const QString &key : keys) {
        if (key == QStringLiteral("port") || key == QStringLiteral("enabled"))
            continue;
        if (before.section.value(key) != after.section.value(key))
            changes << QStringLiteral("%1 changed").arg(key);
    }
    return changes.join(QStringLiteral(", "));
}

void printToStream(FILE *stream, const QString &text)
{
    const QByteArray bytes = text.toLocal8Bit();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    std::fflush(stream);
}

} // namespace

Application::Application(const CommandLineOptions &options, bool gui)
    : m_options(options)
    , m_gui(gui)
{
}

Application::~Application()
{
    if (m_host)
        m_host->shutdown();
}

bool Application::prepare(QString *error)
{
    m_dataDir = std::make_unique<core::DataDir>(m_options.dataDir);
    if (!m_options.printEnv) {
        if (!m_dataDir->open(error))
            return false;
    }
    const QString configFile = m_options.configFile.isEmpty() ? m_dataDir->settingsFile() : m_options.configFile;
    m_settings = std::make_unique<core::Settings>(configFile);
    if (!m_options.bindAddress.isEmpty())
        m_settings->setOverride(QStringLiteral("general"), QStringLiteral("bind"), m_options.bindAddress);
    for (const QString &service : m_options.disabled)
        m_settings->setOverride(service, QStringLiteral("enabled"), false);

    if (m_options.printEnv && !QFileInfo::exists(m_dataDir->path()) && !QDir().mkpath(m_dataDir->path())) {
        *error = tr("cannot create the data directory %1").arg(m_dataDir->path());
        return false;
    }
    return core::Secrets::loadOrCreate(m_dataDir->secretsFile(), &m_secrets, error);
}

core::ClientSettings Application::clientSettings() const
{
    core::ClientSettings client;
    const QHostAddress bind = m_settings->bindAddress();
    // Clients on this machine reach a wildcard listener through loopback.
    const bool wildcard = bind == QHostAddress::AnyIPv4 || bind == QHostAddress::AnyIPv6 || bind == QHostAddress::Any;
    client.host = wildcard ? QStringLiteral("127.0.0.1") : bind.toString();
    for (const core::ServiceInfo &info : core::serviceCatalog()) {
        client.ports.insert(info.name, m_settings->servicePort(info.name));
        if (m_settings->serviceServesTls(info.name))
            client.tlsServices << info.name;
    }
    client.secrets = m_secrets;
    return client;
}

bool Application::moveDataDir(const QString &target, QString *error, const core::DataMoveControl &control)
{
    QStringList running;
    for (const core::ServiceStatus &status : m_host->snapshot()) {
        if (status.state == core::ServiceState::Running || status.state == core::ServiceState::Starting)
            running << status.name;
    }
    const bool settingsInside = m_settings->filePath() == m_dataDir->settingsFile();
    const QString from = m_dataDir->path();
    m_settings->reload(); // nothing of the settings may be left to write to the old place
    qCInfo(lcCore).noquote() << "moving the data dir from" << from << "to" << target << "- stopping the services";
    m_host->shutdown();   // every store closed, every write finished
    // The copy runs on a worker thread; this thread keeps its event loop (the window repaints,
    // the progress dialog's Cancel is seen).
    const bool moved = m_dataDir->moveToOnWorkerThread(target, error, control);
    if (moved && settingsInside)
        m_settings->setFilePath(m_dataDir->settingsFile());
    if (moved)
        qCInfo(lcCore).noquote() << "data dir now" << m_dataDir->path() << (error->isEmpty() ? QString() : *error);
    else
        qCWarning(lcCore).noquote() << "data dir not moved:" << *error;
    m_host->startAll(running);
    return moved;
}

int Application::printEnvironment()
{
    core::EnvFormat format = core::EnvFormat::Shell;
    core::parseEnvFormat(m_options.printEnvFormat, &format);
    printToStream(stdout, core::renderClientSettings(format, clientSettings()));
    return 0;
}

void Application::registerServices()
{
    m_host = std::make_unique<core::ServiceHost>([this](const QString &name) {
        core::ServiceContext context;
        context.name = name;
        context.dataDir = m_dataDir->serviceDir(name);
        context.bindAddress = m_settings->bindAddress();
        context.port = m_settings->servicePort(name);
        context.settings = m_settings->section(name);
        context.secrets = m_secrets.service(name);
        context.metrics = &m_metrics;
        return context;
    });
    m_host->addService(QStringLiteral("channels"),
                       [this] { return std::make_unique<channels::ChannelsService>(&m_channelsMonitor); });
    m_host->addService(QStringLiteral("errors"),
                       [this] { return std::make_unique<errors::ErrorsService>(&m_errorsMonitor); });
    m_host->addService(QStringLiteral("search"),
                       [this] { return std::make_unique<search::SearchService>(&m_searchMonitor); });
    m_host->addService(QStringLiteral("storage"), [this] { return std::make_unique<storage::StorageService>(&m_storageMonitor); });
    m_host->addService(QStringLiteral("inference"), [this] { return std::make_unique<inference::InferenceService>(&m_inferenceMonitor); });
}

void Application::installSignalHandlers()
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) != 0) {
        qCWarning(lcCore) << "cannot watch for SIGINT/SIGTERM; stop Homeport from its window instead";
        return;
    }
    auto *notifier = new QSocketNotifier(g_signalPipe[1], QSocketNotifier::Read, this);
    connect(notifier, &QSocketNotifier::activated, this, [this, notifier] {
        char byte = kQuitByte;
        if (::read(g_signalPipe[1], &byte, 1) == 1 && byte == kReloadByte) {
            reloadSettings();
            return;
        }
        notifier->setEnabled(false);
        qCInfo(lcCore) << "signal received, shutting down";
        QCoreApplication::quit();
    });
    struct sigaction action {};
    action.sa_handler = onTerminationSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(SIGINT, &action, nullptr);
    ::sigaction(SIGTERM, &action, nullptr);
    action.sa_handler = onHangupSignal;
    ::sigaction(SIGHUP, &action, nullptr);
}

void Application::setUpLogging()
{
    // Headless lines go to stdout as JSON unless --log-format says otherwise; the console keeps
    // text on stderr unless a format is asked for.
    LogFormat format = LogFormat::Json;
    if (!m_options.logFormat.isEmpty())
        parseLogFormat(m_options.logFormat, &format);
    if (!m_gui || !m_options.logFormat.isEmpty())
        useStdoutLog(format);
    m_logs.install();
}

void Application::startAdminListener()
{
    m_admin = std::make_unique<AdminListener>(
        m_host.get(), &m_metrics, m_secrets.value(QStringLiteral("admin"), QStringLiteral("token")),
        [this](const QString &name) {
            return AdminListener::Configured{m_settings->bindAddress().toString(), m_settings->servicePort(name),
                                             m_settings->serviceEnabled(name)};
        });
    const QHostAddress adminBind(
        m_settings->value(QStringLiteral("admin"), QStringLiteral("bind"), QStringLiteral("127.0.0.1")).toString());
    QString adminError;
    if (m_admin->listen(adminBind, m_settings->adminPort(), &adminError))
        qCInfo(lcAdmin).noquote() << "admin listener on" << m_admin->address();
    else
        qCWarning(lcAdmin).noquote() << "admin listener not started:" << adminError;
}

void Application::reloadSettings()
{
    qCInfo(lcCore).noquote() << "SIGHUP: re-reading" << m_settings->filePath();
    QHash<QString, ServiceConfig> before;
    for (const QString &name : m_host->names())
        before.insert(name, serviceConfig(*m_settings, name));
    const QString logLevelBefore = m_settings->value(QStringLiteral("general"), QStringLiteral("log_level")).toString();
    const QString adminBefore = m_settings->value(QStringLiteral("admin"), QStringLiteral("bind"), QStringLiteral("127.0.0.1")).toString()
        + QLatin1Char(':') + QString::number(m_settings->adminPort());

    m_settings->reload();
    int changed = 0;

    const QString logLevel = m_settings->value(QStringLiteral("general"), QStringLiteral("log_level")).toString();
    if (logLevel != logLevelBefore) {
        ++changed;
        if (applyLogLevel(logLevel))
            qCInfo(lcCore).noquote() << "log level now" << (logLevel.isEmpty() ? QStringLiteral("(all)") : logLevel);
        else
            qCWarning(lcCore).noquote() << "log_level" << logLevel << "is not one of debug, info, warning, error; kept";
    }

    for (const QString &name : m_host->names()) {
        const ServiceConfig &old = before[name];
        const ServiceConfig now = serviceConfig(*m_settings, name);
        if (!now.enabled) {
            if (old.enabled) {
                ++changed;
                qCInfo(lcCore).noquote() << name << "disabled: stopping it";
                m_host->stop(name);
            }
            continue;
        }
        if (!old.enabled) {
            ++changed;
            qCInfo(lcCore).noquote() << name << "enabled: starting it";
            m_host->start(name);
            continue;
        }
        const QString changes = describeChanges(old, now);
        if (changes.isEmpty())
            continue;
        ++changed;
        // Services read their settings when they start; a restart lets in-flight requests finish.
        qCInfo(lcCore).noquote() << "restarting" << name << "for its new settings:" << changes;
        m_host->restart(name);
    }

    const QString adminNow = m_settings->value(QStringLiteral("admin"), QStringLiteral("bind"), QStringLiteral("127.0.0.1")).toString()
        + QLatin1Char(':') + QString::number(m_settings->adminPort());
    if (adminNow != adminBefore) {
        ++changed;
        qCInfo(lcAdmin).noquote() << "moving the admin listener:" << adminBefore << "->" << adminNow;
        m_admin->close();
        startAdminListener();
    }
    if (changed == 0)
        qCInfo(lcCore) << "SIGHUP: no setting changed";
}

int Application::exec()
{
    if (!m_options.printEnv)
        setUpLogging();
    QString error;
    if (!prepare(&error)) {
        printToStream(stderr, QStringLiteral("homeport: %1\n").arg(error));
        return 2;
    }
    if (m_options.printEnv)
        return printEnvironment();

    qCInfo(lcCore).noquote() << "Homeport" << HOMEPORT_VERSION << (m_gui ? "with console" : "headless")
                             << "- data in" << m_dataDir->path();
    const QString logLevel = m_settings->value(QStringLiteral("general"), QStringLiteral("log_level")).toString();
    if (!applyLogLevel(logLevel))
        qCWarning(lcCore).noquote() << "log_level" << logLevel << "is not one of debug, info, warning, error; ignored";
    installSignalHandlers();
    registerServices();
    startAdminListener();

    QStringList enabled;
    for (const QString &name : m_host->names()) {
        if (m_settings->serviceEnabled(name))
            enabled << name;
        else
            qCInfo(lcCore).noquote() << name << "is disabled";
    }
    m_host->startAll(enabled);

    std::unique_ptr<ui::MainWindow> window;
    if (m_gui) {
        // The language chosen in Settings, else the system's.
        const QString language = m_settings->value(QStringLiteral("console"), QStringLiteral("language")).toString();
        ui::ConsoleTranslator::install(qApp, language.isEmpty() ? QLocale() : QLocale(language));
        ui::ConsoleContext context;
        context.host = m_host.get();
        context.metrics = &m_metrics;
        context.logs = &m_logs;
        context.settings = m_settings.get();
        context.clientSettings = [this] { return clientSettings(); };
        context.dataDir = m_dataDir->path();
        context.adminAddress = m_admin->address();
        context.channels = &m_channelsMonitor;
        context.errors = &m_errorsMonitor;
        context.search = &m_searchMonitor;
        context.storage = &m_storageMonitor;
        context.inference = &m_inferenceMonitor;
        context.applyLogLevel = [](const QString &level) { return applyLogLevel(level); };
        context.moveDataDir = [this](const QString &target, QString *error, const core::DataMoveControl &control) {
            return moveDataDir(target, error, control);
        };
        context.restartApplication = [this] {
            m_restartRequested = true;
            QCoreApplication::quit();
        };
        window = std::make_unique<ui::MainWindow>(context);
        connect(window.get(), &ui::MainWindow::quitRequested, qApp, &QCoreApplication::quit);
        window->show();
        window->openWelcomeIfWanted();
    }

    const int code = QCoreApplication::exec();
    window.reset();
    m_admin->close();
    m_host->shutdown();
    qCInfo(lcCore) << "Homeport stopped";
    if (m_restartRequested) {
        m_dataDir.reset(); // the lock goes before the new process looks for it
        if (!QProcess::startDetached(QCoreApplication::applicationFilePath(), QCoreApplication::arguments().mid(1)))
            qCWarning(lcCore) << "could not start Homeport again; start it yourself";
    }
    return code;
}

} // namespace homeport::app
