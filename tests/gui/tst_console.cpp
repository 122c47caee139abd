// The console against real core objects: a ServiceHost running five tiny TCP services, Metrics,
// LogStream and Settings in a temporary data dir. Every page is opened; states, commands, the
// Connect dialog, the log filter and saving settings are checked end to end.
// Set HOMEPORT_GUI_SCREENSHOTS=<dir> to keep a PNG of every page.

#include "channels/channels_monitor.h"
#include "errors/errors_monitor.h"
#include "core/client_env.h"
#include "core/log_stream.h"
#include "core/logging.h"
#include "core/metrics.h"
#include "core/secrets.h"
#include "core/service.h"
#include "core/service_catalog.h"
#include "core/service_host.h"
#include "core/settings.h"
#include "ui/cluster_nodes_panel.h"
#include "ui/connect_dialog.h"
#include "ui/console_translator.h"
#include "ui/counter_model.h"
#include "ui/empty_state.h"
#include "ui/log_filter_model.h"
#include "ui/log_model.h"
#include "ui/logs_page.h"
#include "ui/main_window.h"
#include "ui/overview_page.h"
#include "ui/service_card.h"
#include "ui/service_page.h"
#include "ui/service_commands.h"
#include "ui/settings_page.h"
#include "ui/sparkline.h"
#include "ui/welcome_dialog.h"
#include "ui/table_filter.h"
#include "ui/theme.h"
#include "ui/theme_follower.h"
#include "core/data_dir.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QPlainTextEdit>
#include <QProxyStyle>
#include <QStyleFactory>
#include <QDir>
#include <QLabel>
#include <QTableWidget>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QHeaderView>
#include <QValueAxis>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace homeport;

namespace {

// Listens on a port like a real service would, and fails the way one does when it is taken.
class TestService : public core::Service
{
public:
    core::StartResult start(const core::ServiceContext &context) override
    {
        m_server = new QTcpServer(this);
        if (!m_server->listen(context.bindAddress, context.port))
            return core::StartResult::failure(QStringLiteral("port %1 is in use by another program").arg(context.port));
        return core::StartResult::success(m_server->serverPort());
    }
    void stop() override
    {
        if (m_server)
            m_server->close();
    }

private:
    QTcpServer *m_server = nullptr;
};

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

} // namespace

// The desktop's look as Qt sees it: the application's own palette (none set by the app) is
// resolved from the platform theme and then polished by the application style. The offscreen
// platform's theme never changes, so this style's polish stands for a desktop switched to dark:
// flipping `dark` changes what the platform palette resolves to, and tells nobody, as a desktop
// switch does before the platform's ThemeChange arrives.
class DesktopStyle : public QProxyStyle
{
public:
    explicit DesktopStyle(const QString &baseStyle)
        : QProxyStyle(QStyleFactory::create(baseStyle))
    {
    }

    using QProxyStyle::polish;
    void polish(QPalette &palette) override
    {
        QProxyStyle::polish(palette);
        if (!dark)
            return;
        palette.setColor(QPalette::Window, windowDark);
        palette.setColor(QPalette::WindowText, QColor(0xec, 0xee, 0xf1));
        palette.setColor(QPalette::Base, QColor(0x2a, 0x2d, 0x33));
        palette.setColor(QPalette::Text, QColor(0xec, 0xee, 0xf1));
        palette.setColor(QPalette::Button, QColor(0x33, 0x37, 0x3e));
        palette.setColor(QPalette::ButtonText, QColor(0xec, 0xee, 0xf1));
        palette.setColor(QPalette::PlaceholderText, mutedDark);
    }

    bool dark = false;
    const QColor windowDark{0x21, 0x23, 0x28};
    const QColor mutedDark{0x9b, 0xa3, 0xae};
};

class TestConsole : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void overviewHasACardPerService();
    void clusterPanelShowsNodesSeenThroughRedis();
    void visitsEveryPage();
    void startShowsRunningWithAddress();
    void stopIsQueuedAndShowsStopped();
    void failureShowsReasonInCardAndStatusBar();
    void failureNoticeOpensThatServicesLog();
    void copyEnvPutsTheLaravelSettingsOnTheClipboard();
    void welcomeShowsLiveStatesAndRemembersDontShowAgain();
    void sparklineAndCountersFollowMetrics();
    void logsFilterHidesLowerLevels();
    void connectDialogShowsRealKeys();
    void settingsSavesPortAndRestartsService();
    void settingsOverriddenFieldIsLocked();
    void settingsTlsAndRetentionOfferARestart();
    void settingsLogLevelAppliesAtOnce();
    void settingsMovesTheDataDir();
    void themeSwitchesBetweenLightDarkAndSystem();
    void systemThemeFollowsTheDesktopSwitchingLightAndDark();
    void chartRangeChoosesFiveMinutesHourOrDay();
    void everyTableIsSortableAndFilterable();
    void settingsRejectsInvalidBindAddress();
    void dashboardReplacesEmptyState();
    void germanTranslationIsEmbedded();
    void hindiTranslationIsEmbedded();
    void languageChoiceOffersARestart();
    void closeWithoutTrayRequestsQuit();

private:
    ui::ServiceCard *card(const QString &name) const { return m_window->overviewPage()->card(name); }
    void screenshot(const QString &name);
    QString stateOf(const QString &name) const { return core::toString(m_host->status(name).state); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<core::Settings> m_settings;
    std::unique_ptr<core::Metrics> m_metrics;
    std::unique_ptr<core::LogStream> m_logs;
    std::unique_ptr<core::ServiceHost> m_host;
    std::unique_ptr<ui::MainWindow> m_window;
    std::unique_ptr<core::DataDir> m_dataDir; // what the Settings page's Move moves
    QStringList m_appliedLogLevels;
    int m_appRestarts = 0;
    core::Secrets m_secrets;
    QString m_searchEnvPort;
};

void TestConsole::initTestCase()
{
    // DataDir::setPreferredPath and QSettings defaults must never touch the user's real config.
    QStandardPaths::setTestModeEnabled(true);
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());

    // An environment override, to check the Settings page locks that field.
    QProcessEnvironment env;
    m_searchEnvPort = QString::number(freePort());
    env.insert(QStringLiteral("HOMEPORT_SEARCH_PORT"), m_searchEnvPort);
    m_settings = std::make_unique<core::Settings>(m_dir->filePath(QStringLiteral("homeport.ini")), env);

    QString error;
    QVERIFY2(core::Secrets::loadOrCreate(m_dir->filePath(QStringLiteral("secrets.json")), &m_secrets, &error),
             qPrintable(error));
    m_metrics = std::make_unique<core::Metrics>();
    m_logs = std::make_unique<core::LogStream>();
    m_logs->install();

    // Ports from the file when the test sets one (the settings and failure tests), else a free
    // one picked by the system, so parallel test runs never collide.
    core::Settings *settings = m_settings.get();
    core::Metrics *metrics = m_metrics.get();
    const QString dataDir = m_dir->path();
    const core::Secrets secrets = m_secrets;
    m_host = std::make_unique<core::ServiceHost>([settings, metrics, dataDir, secrets](const QString &name) {
        core::ServiceContext context;
        context.name = name;
        context.dataDir = dataDir + QLatin1Char('/') + name;
        context.bindAddress = QHostAddress::LocalHost;
        context.port = settings->sourceOf(name, QStringLiteral("port")) == QLatin1String("file")
            ? settings->servicePort(name)
            : 0;
        context.settings = settings->section(name);
        context.secrets = secrets.service(name);
        context.metrics = metrics;
        return context;
    });
    for (const QString &name : core::serviceNames())
        m_host->addService(name, [] { return std::make_unique<TestService>(); });

    ui::ConsoleContext context;
    context.host = m_host.get();
    context.metrics = m_metrics.get();
    context.logs = m_logs.get();
    context.settings = m_settings.get();
    context.dataDir = dataDir;
    context.adminAddress = QStringLiteral("127.0.0.1:9601");
    context.clientSettings = [settings, secrets, host = m_host.get()] {
        core::ClientSettings client;
        client.host = QStringLiteral("127.0.0.1");
        for (const QString &name : core::serviceNames())
            client.ports.insert(name, settings->servicePort(name));
        client.secrets = secrets;
        return client;
    };

    m_dataDir = std::make_unique<core::DataDir>(m_dir->filePath(QStringLiteral("data")));
    QString lockError;
    QVERIFY2(m_dataDir->open(&lockError), qPrintable(lockError));
    context.restartApplication = [this] { ++m_appRestarts; };
    context.applyLogLevel = [this](const QString &level) {
        m_appliedLogLevels << level;
        return true;
    };
    // As app/ does it: stop everything, move, start again what ran.
    context.moveDataDir = [this](const QString &target, QString *error, const core::DataMoveControl &control) {
        QStringList running;
        for (const core::ServiceStatus &status : m_host->snapshot()) {
            if (status.state == core::ServiceState::Running || status.state == core::ServiceState::Starting)
                running << status.name;
        }
        m_host->shutdown();
        const bool moved = m_dataDir->moveToOnWorkerThread(target, error, control);
        m_host->startAll(running);
        return moved;
    };

    m_window = std::make_unique<ui::MainWindow>(context);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QCOMPARE(m_window->windowTitle(), QStringLiteral("Homeport"));
}

void TestConsole::cleanupTestCase()
{
    m_window.reset(); // the window holds pointers to everything below
    m_host.reset();
    m_logs.reset();
    m_metrics.reset();
    m_settings.reset();
}

void TestConsole::screenshot(const QString &name)
{
    const QString dir = qEnvironmentVariable("HOMEPORT_GUI_SCREENSHOTS");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    QVERIFY(m_window->grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png")));
}

void TestConsole::overviewHasACardPerService()
{
    QCOMPARE(m_window->currentPageName(), QStringLiteral("overview"));
    const QList<ui::ServiceCard *> cards = m_window->overviewPage()->cards();
    QCOMPARE(cards.size(), 5);
    QStringList names;
    for (ui::ServiceCard *c : cards) {
        names << c->serviceName();
        QVERIFY(c->isVisible());
        QCOMPARE(c->stateText(), QStringLiteral("stopped"));
        // Stopped: only Start (and Connect) make sense.
        QVERIFY(c->findChild<QPushButton *>(QStringLiteral("startButton"))->isEnabled());
        QVERIFY(!c->findChild<QPushButton *>(QStringLiteral("stopButton"))->isEnabled());
    }
    QCOMPARE(names, core::serviceNames());
    QCOMPARE(m_window->healthText(), QStringLiteral("All services stopped"));
}

void TestConsole::clusterPanelShowsNodesSeenThroughRedis()
{
    // The Overview has the panel, hidden while channels runs alone (no monitor here at all).
    auto *onOverview = m_window->overviewPage()->findChild<ui::ClusterNodesPanel *>();
    QVERIFY(onOverview);
    QVERIFY(onOverview->isHidden());

    channels::ChannelsMonitor monitor;
    errors::ErrorsMonitor errorsMonitor;
    ui::ClusterNodesPanel panel(&monitor, &errorsMonitor);
    QVERIFY(panel.isHidden()); // the local adapter's snapshot
    channels::ChannelsSnapshot snapshot;
    snapshot.cluster.adapter = QStringLiteral("redis");
    snapshot.cluster.endpoint = QStringLiteral("127.0.0.1:6379/2");
    snapshot.cluster.connected = true;
    snapshot.cluster.nodeId = QStringLiteral("web-1");
    channels::ClusterNode self;
    self.id = QStringLiteral("web-1");
    self.address = QStringLiteral("10.0.0.1:6001");
    self.connections = 12;
    self.lastHeartbeat = QDateTime::currentDateTime();
    self.self = true;
    channels::ClusterNode dead = self;
    dead.id = QStringLiteral("web-2");
    dead.address = QStringLiteral("10.0.0.2:6001");
    dead.connections = 30;
    dead.self = false;
    dead.alive = false;
    dead.lastHeartbeat = QDateTime::currentDateTime().addSecs(-8);
    snapshot.cluster.nodes = {self, dead};
    monitor.publish(snapshot);
    QVERIFY(!panel.isHidden());
    auto *table = panel.findChild<QTableWidget *>(QStringLiteral("clusterNodes"));
    QVERIFY(table);
    QCOMPARE(table->rowCount(), 2);
    QCOMPARE(table->item(0, 0)->text(), QStringLiteral("web-1"));
    QCOMPARE(table->item(0, 2)->text(), QStringLiteral("12"));
    QCOMPARE(table->item(0, 4)->text(), QStringLiteral("this node"));
    QCOMPARE(table->item(1, 1)->text(), QStringLiteral("10.0.0.2:6001"));
    QVERIFY(table->item(1, 3)->text().contains(QStringLiteral("8 s")));
    QVERIFY(table->item(1, 4)->text().startsWith(QStringLiteral("no heartbeat")));
    auto *state = panel.findChild<QLabel *>(QStringLiteral("clusterState"));
    // Only live nodes count: one node, its 12 connections.
    QVERIFY2(state->text().contains(QStringLiteral("connected · 1 nodes, 12 connections")), qPrintable(state->text()));

    snapshot.cluster.connected = false;
    snapshot.cluster.error = QStringLiteral("Connection refused");
    monitor.publish(snapshot);
    QVERIFY2(state->text().contains(QStringLiteral("unreachable (Connection refused)")), qPrintable(state->text()));
    auto *databases = panel.findChild<QLabel *>(QStringLiteral("clusterDatabases"));
    QVERIFY(databases);
    QVERIFY(databases->isHidden()); // both services keep their own files

    // A shared PostgreSQL (database_url) without Redis: the panel says how each service's link is.
    snapshot.cluster = channels::ClusterStatus{};
    snapshot.database.shared = true;
    snapshot.database.endpoint = QStringLiteral("10.0.0.9:5432/homeport");
    snapshot.database.connected = true;
    monitor.publish(snapshot);
    errors::ErrorsSnapshot errorsSnapshot;
    errorsSnapshot.database = snapshot.database;
    errorsSnapshot.database.connected = false;
    errorsSnapshot.database.error = QStringLiteral("server closed the connection unexpectedly");
    errorsMonitor.publish(errorsSnapshot);
    QVERIFY(!panel.isHidden());
    QVERIFY(!databases->isHidden());
    QVERIFY(table->isHidden());
    QVERIFY2(databases->text().contains(QStringLiteral("Channels apps: PostgreSQL 10.0.0.9:5432/homeport connected")),
             qPrintable(databases->text()));
    QVERIFY2(databases->text().contains(QStringLiteral("Errors: PostgreSQL 10.0.0.9:5432/homeport unreachable"
                                                       " (server closed the connection unexpectedly)")),
             qPrintable(databases->text()));
}

void TestConsole::visitsEveryPage()
{
    const QStringList expected{QStringLiteral("overview"), QStringLiteral("channels"), QStringLiteral("errors"),
                               QStringLiteral("search"),   QStringLiteral("storage"),  QStringLiteral("inference"),
                               QStringLiteral("logs"),     QStringLiteral("settings")};
    QCOMPARE(m_window->pageNames(), expected);
    const QHash<QString, QString> planned{
        {QStringLiteral("channels"), QStringLiteral("live connections")},
        {QStringLiteral("errors"), QStringLiteral("grouped")},
        {QStringLiteral("search"), QStringLiteral("collections")},
        {QStringLiteral("storage"), QStringLiteral("buckets")},
        {QStringLiteral("inference"), QStringLiteral("GPU pods")},
    };
    for (const QString &name : expected) {
        m_window->showPage(name);
        QCOMPARE(m_window->currentPageName(), name);
        QWidget *page = m_window->page(name);
        QVERIFY(page);
        QTRY_VERIFY(page->isVisible());
        if (planned.contains(name)) {
            ui::ServicePage *servicePage = m_window->servicePage(name);
            QCOMPARE(servicePage, page);
            QVERIFY(servicePage->emptyState()->isVisible());
            QVERIFY2(servicePage->emptyState()->text().contains(planned.value(name)),
                     qPrintable(servicePage->emptyState()->text()));
            QCOMPARE(servicePage->stateText(), QStringLiteral("stopped"));
        }
        screenshot(QStringLiteral("page-") + name);
    }
    m_window->showPage(QStringLiteral("overview"));
}

void TestConsole::startShowsRunningWithAddress()
{
    QPushButton *start = card(QStringLiteral("channels"))->findChild<QPushButton *>(QStringLiteral("startButton"));
    QTest::mouseClick(start, Qt::LeftButton);
    QTRY_COMPARE(card(QStringLiteral("channels"))->stateText(), QStringLiteral("running"));

    const core::ServiceStatus status = m_host->status(QStringLiteral("channels"));
    QCOMPARE(core::toString(status.state), QStringLiteral("running"));
    QVERIFY(status.address.startsWith(QStringLiteral("127.0.0.1:")));
    auto *address = card(QStringLiteral("channels"))->findChild<QLabel *>(QStringLiteral("addressLabel"));
    QCOMPARE(address->text(), status.address);
    QVERIFY(!start->isEnabled());
    QVERIFY(card(QStringLiteral("channels"))->findChild<QPushButton *>(QStringLiteral("stopButton"))->isEnabled());
    QCOMPARE(m_window->servicePage(QStringLiteral("channels"))->stateText(), QStringLiteral("running"));
    QVERIFY(m_window->healthText().startsWith(QStringLiteral("1 of 5 services running")));

    // The rest come up through the host itself; the console follows its signals.
    m_host->startAll({QStringLiteral("errors"), QStringLiteral("search"), QStringLiteral("inference")});
    QTRY_COMPARE(card(QStringLiteral("inference"))->stateText(), QStringLiteral("running"));
    QTRY_COMPARE(card(QStringLiteral("search"))->stateText(), QStringLiteral("running"));
    QTRY_VERIFY(m_window->healthText().startsWith(QStringLiteral("4 of 5 services running")));
    screenshot(QStringLiteral("overview-running"));
}

void TestConsole::stopIsQueuedAndShowsStopped()
{
    QPushButton *stop = card(QStringLiteral("errors"))->findChild<QPushButton *>(QStringLiteral("stopButton"));
    QVERIFY(stop->isEnabled());
    QTest::mouseClick(stop, Qt::LeftButton);
    // The click only queued the command: the host acts on its next event-loop turn.
    QCOMPARE(stateOf(QStringLiteral("errors")), QStringLiteral("running"));
    QTRY_COMPARE(stateOf(QStringLiteral("errors")), QStringLiteral("stopped"));
    QTRY_COMPARE(card(QStringLiteral("errors"))->stateText(), QStringLiteral("stopped"));
    QCOMPARE(m_window->servicePage(QStringLiteral("errors"))->stateText(), QStringLiteral("stopped"));
    QVERIFY(card(QStringLiteral("errors"))->findChild<QPushButton *>(QStringLiteral("startButton"))->isEnabled());
}

void TestConsole::failureShowsReasonInCardAndStatusBar()
{
    // Another program holds the port storage is configured for.
    QTcpServer blocker;
    QVERIFY(blocker.listen(QHostAddress::LocalHost, 0));
    QVERIFY(m_settings->setValue(QStringLiteral("storage"), QStringLiteral("port"), blocker.serverPort()));
    m_window->settingsPage()->load();

    QTest::mouseClick(card(QStringLiteral("storage"))->findChild<QPushButton *>(QStringLiteral("startButton")),
                      Qt::LeftButton);
    QTRY_COMPARE(card(QStringLiteral("storage"))->stateText(), QStringLiteral("failed"));
    const QString reason = QStringLiteral("port %1 is in use by another program").arg(blocker.serverPort());
    auto *reasonLabel = card(QStringLiteral("storage"))->findChild<QLabel *>(QStringLiteral("failureReason"));
    QVERIFY(reasonLabel->isVisible());
    QCOMPARE(reasonLabel->text(), reason);
    QVERIFY2(m_window->healthText().contains(QStringLiteral("storage failed: ") + reason),
             qPrintable(m_window->healthText()));
    screenshot(QStringLiteral("overview-failed"));

    m_window->showPage(QStringLiteral("storage"));
    auto *pageReason = m_window->servicePage(QStringLiteral("storage"))->findChild<QLabel *>(QStringLiteral("failureReason"));
    QCOMPARE(pageReason->text(), reason);
    QVERIFY(pageReason->isVisible());
    screenshot(QStringLiteral("page-storage-failed"));
    m_window->showPage(QStringLiteral("overview"));
}

void TestConsole::failureNoticeOpensThatServicesLog()
{
    // storage failed in the previous test: the banner over the pages names it and its reason.
    QTRY_VERIFY(m_window->failureBanner()->isVisible());
    const QString text = m_window->failureBannerText();
    QVERIFY2(text.startsWith(QStringLiteral("Storage failed: port ")), qPrintable(text));
    QVERIFY2(text.endsWith(QStringLiteral("is in use by another program")), qPrintable(text));

    QTest::mouseClick(m_window->failureBanner()->findChild<QPushButton *>(QStringLiteral("failureOpenLog")),
                      Qt::LeftButton);
    QCOMPARE(m_window->currentPageName(), QStringLiteral("logs"));
    ui::LogsPage *logs = m_window->logsPage();
    QCOMPARE(logs->serviceFilter(), QStringLiteral("storage"));
    QCOMPARE(logs->findChild<QComboBox *>(QStringLiteral("serviceFilter"))->currentData().toString(),
             QStringLiteral("storage"));
    logs->flush();
    // Only storage's lines, and the host's line saying why it failed among them.
    const QAbstractItemModel *shown = logs->filterModel();
    QVERIFY(shown->rowCount() > 0);
    bool sawFailure = false;
    for (int r = 0; r < shown->rowCount(); ++r) {
        const QString category = shown->index(r, ui::LogModel::CategoryColumn).data().toString();
        const QString message = shown->index(r, ui::LogModel::MessageColumn).data().toString();
        QVERIFY2(ui::LogFilterModel::lineIsAbout(category, message, QStringLiteral("storage")), qPrintable(message));
        QVERIFY2(!message.startsWith(QStringLiteral("errors ")), qPrintable(message));
        sawFailure = sawFailure || message.startsWith(QStringLiteral("storage failed: port "));
    }
    QVERIFY(sawFailure);
    // Every service again: the other services' lines come back.
    const int storageOnly = shown->rowCount();
    logs->setServiceFilter(QString());
    QVERIFY(shown->rowCount() > storageOnly);

    QTest::mouseClick(m_window->failureBanner()->findChild<QPushButton *>(QStringLiteral("failureDismiss")),
                      Qt::LeftButton);
    QVERIFY(m_window->failureBanner()->isHidden());
    m_window->showPage(QStringLiteral("overview"));
}

void TestConsole::copyEnvPutsTheLaravelSettingsOnTheClipboard()
{
    QApplication::clipboard()->clear();
    QTest::mouseClick(m_window->overviewPage()->findChild<QPushButton *>(QStringLiteral("copyEnvButton")),
                      Qt::LeftButton);
    const QString text = QApplication::clipboard()->text();
    // One block for the whole stack, with the generated keys and the effective ports.
    QVERIFY2(text.contains(QStringLiteral("PUSHER_APP_KEY=") + m_secrets.value(QStringLiteral("channels"), QStringLiteral("app_key"))),
             qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("SENTRY_LARAVEL_DSN=http://")
                          + m_secrets.value(QStringLiteral("errors"), QStringLiteral("public_key")) + QLatin1Char('@')));
    QVERIFY(text.contains(QStringLiteral("TYPESENSE_PORT=") + m_searchEnvPort));
    QVERIFY(text.contains(QStringLiteral("AWS_USE_PATH_STYLE_ENDPOINT=true")));
    QVERIFY(text.contains(QStringLiteral("OPENAI_API_KEY=") + m_secrets.value(QStringLiteral("inference"), QStringLiteral("api_key"))));
    // The same text `homeport --print-env laravel` prints (both render the same ClientSettings).
    core::ClientSettings client;
    client.host = QStringLiteral("127.0.0.1");
    for (const QString &name : core::serviceNames())
        client.ports.insert(name, m_settings->servicePort(name));
    client.secrets = m_secrets;
    QCOMPARE(text, core::renderClientSettings(core::EnvFormat::Laravel, client));
}

void TestConsole::welcomeShowsLiveStatesAndRemembersDontShowAgain()
{
    ui::WelcomeDialog *welcome = m_window->openWelcome();
    QTRY_VERIFY(welcome->isVisible());
    // Each service's state as the host reports it, and where it listens.
    for (const QString &name : core::serviceNames()) {
        QCOMPARE(welcome->stateText(name).section(QLatin1Char(':'), 0, 0),
                 core::toString(m_host->status(name).state));
        QCOMPARE(welcome->endpointText(name),
                 QStringLiteral("http://127.0.0.1:%1").arg(m_settings->servicePort(name)));
    }
    // Live: a stop shows up without reopening.
    m_window->commands()->requestStop(QStringLiteral("inference"));
    QTRY_COMPARE(welcome->stateText(QStringLiteral("inference")), QStringLiteral("stopped"));
    QTest::mouseClick(welcome->findChild<QPushButton *>(QStringLiteral("welcomeStartAll")), Qt::LeftButton);
    QTRY_COMPARE(welcome->stateText(QStringLiteral("inference")), QStringLiteral("running"));

    QVERIFY(welcome->snippetText().contains(m_secrets.value(QStringLiteral("search"), QStringLiteral("api_key"))));
    welcome->findChild<QComboBox *>(QStringLiteral("welcomeFormat"))->setCurrentIndex(1); // Node
    QVERIFY2(welcome->snippetText().contains(QStringLiteral("new Pusher(")), qPrintable(welcome->snippetText()));
    screenshot(QStringLiteral("welcome-window"));
    if (!qEnvironmentVariableIsEmpty("HOMEPORT_GUI_SCREENSHOTS"))
        welcome->grab().save(qEnvironmentVariable("HOMEPORT_GUI_SCREENSHOTS") + QStringLiteral("/welcome.png"));

    ui::ConsoleContext context;
    context.settings = m_settings.get();
    QVERIFY(ui::WelcomeDialog::wanted(context));
    welcome->dontShowAgain()->setChecked(true);
    QTest::mouseClick(welcome->findChild<QPushButton *>(QStringLiteral("welcomeClose")), Qt::LeftButton);
    QTRY_VERIFY(m_window->welcomeDialog() == nullptr);
    QVERIFY(!ui::WelcomeDialog::wanted(context));
    QCOMPARE(QSettings(m_settings->filePath(), QSettings::IniFormat).value(QStringLiteral("console/show_welcome")).toBool(),
             false);
    m_window->openWelcomeIfWanted();
    QVERIFY(m_window->welcomeDialog() == nullptr);
}

void TestConsole::sparklineAndCountersFollowMetrics()
{
    m_metrics->addToSeries(QStringLiteral("channels.requests"), 7);
    m_metrics->increment(QStringLiteral("homeport_http_requests_total"), QStringLiteral(R"(service="channels",class="2xx")"), 40);
    m_metrics->increment(QStringLiteral("homeport_http_requests_total"), QStringLiteral(R"(service="channels",class="4xx")"), 2);
    m_metrics->increment(QStringLiteral("homeport_http_requests_total"), QStringLiteral(R"(service="search",class="2xx")"), 99);

    m_window->refresh();
    QVERIFY(card(QStringLiteral("channels"))->sparkline()->peak() >= 7);
    QCOMPARE(card(QStringLiteral("search"))->sparkline()->peak(), 0.0);

    m_window->showPage(QStringLiteral("channels"));
    ui::ServicePage *page = m_window->servicePage(QStringLiteral("channels"));
    QVERIFY(page->chart()->peak() >= 7);
    ui::CounterModel *counters = page->counterModel();
    QCOMPARE(counters->rowCount(), 2); // only this service's counters
    QCOMPARE(counters->total(QStringLiteral("homeport_http_requests_total")), quint64(42));

    // Sorting by value, descending, puts the 2xx row first.
    QSortFilterProxyModel *proxy = page->counterProxy();
    proxy->sort(ui::CounterModel::ValueColumn, Qt::DescendingOrder);
    QCOMPARE(proxy->index(0, ui::CounterModel::LabelsColumn).data().toString(), QStringLiteral("class=2xx"));
    proxy->sort(ui::CounterModel::ValueColumn, Qt::AscendingOrder);
    QCOMPARE(proxy->index(0, ui::CounterModel::LabelsColumn).data().toString(), QStringLiteral("class=4xx"));

    // Counting on in place keeps the rows.
    m_metrics->increment(QStringLiteral("homeport_http_requests_total"), QStringLiteral(R"(service="channels",class="2xx")"), 1);
    m_window->refresh();
    QCOMPARE(counters->rowCount(), 2);
    QCOMPARE(counters->total(QStringLiteral("homeport_http_requests_total")), quint64(43));
    screenshot(QStringLiteral("page-channels-traffic"));
    m_window->showPage(QStringLiteral("overview"));
}

void TestConsole::logsFilterHidesLowerLevels()
{
    m_window->showPage(QStringLiteral("logs"));
    ui::LogsPage *logs = m_window->logsPage();
    // Through Qt's message handler, as every service logs.
    qCDebug(lcUi) << "gui-test debug line";
    qCInfo(lcUi) << "gui-test info line";
    qCWarning(lcUi) << "gui-test warning line";
    qCCritical(lcUi) << "gui-test critical line with needle";

    auto visibleMessages = [logs] {
        QStringList out;
        const QAbstractItemModel *m = logs->filterModel();
        for (int r = 0; r < m->rowCount(); ++r) {
            const QString message = m->index(r, ui::LogModel::MessageColumn).data().toString();
            if (message.startsWith(QStringLiteral("gui-test")))
                out << message;
        }
        return out;
    };

    logs->setLevelFilter(0); // debug and above
    QTRY_COMPARE(visibleMessages().size(), 4);
    logs->setLevelFilter(1); // info and above
    QCOMPARE(visibleMessages(),
             QStringList({QStringLiteral("gui-test info line"), QStringLiteral("gui-test warning line"),
                          QStringLiteral("gui-test critical line with needle")}));
    logs->setLevelFilter(2); // warnings and above
    QCOMPARE(visibleMessages(),
             QStringList({QStringLiteral("gui-test warning line"), QStringLiteral("gui-test critical line with needle")}));
    logs->setLevelFilter(3); // errors only
    QCOMPARE(visibleMessages(), QStringList{QStringLiteral("gui-test critical line with needle")});

    logs->setLevelFilter(0);
    logs->setTextFilter(QStringLiteral("NEEDLE"));
    QCOMPARE(logs->filterModel()->rowCount(), 1);
    logs->setTextFilter(QString());
    QVERIFY(logs->filterModel()->rowCount() >= 4);
    // The host's own state changes arrived too (homeport.core lines).
    QVERIFY(!logs->model()->match(logs->model()->index(0, ui::LogModel::CategoryColumn), Qt::DisplayRole,
                                  QStringLiteral("homeport.core"), 1, Qt::MatchExactly)
                 .isEmpty());
    logs->setLevelFilter(1);
    screenshot(QStringLiteral("page-logs"));
    m_window->showPage(QStringLiteral("overview"));
}

void TestConsole::connectDialogShowsRealKeys()
{
    QTest::mouseClick(card(QStringLiteral("search"))->findChild<QPushButton *>(QStringLiteral("connectButton")),
                      Qt::LeftButton);
    ui::ConnectDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<ui::ConnectDialog *>()) != nullptr);
    QTRY_VERIFY(dialog->isVisible());
    QCOMPARE(dialog->service(), QStringLiteral("search"));

    const QString key = m_secrets.value(QStringLiteral("search"), QStringLiteral("api_key"));
    QVERIFY(!key.isEmpty());
    const QString port = m_searchEnvPort; // the environment override is the effective port
    for (core::EnvFormat format :
         {core::EnvFormat::Laravel, core::EnvFormat::Node, core::EnvFormat::Python, core::EnvFormat::Shell}) {
        const QString text = dialog->settingsText(format);
        QVERIFY2(text.contains(key), qPrintable(text));
        QVERIFY2(text.contains(port), qPrintable(text));
    }
    QVERIFY(dialog->settingsText(core::EnvFormat::Laravel).contains(QStringLiteral("TYPESENSE_API_KEY=") + key));
    QVERIFY(dialog->settingsText(core::EnvFormat::Shell).contains(QStringLiteral("export TYPESENSE_API_KEY='")));

    dialog->setCurrentFormat(core::EnvFormat::Shell);
    screenshot(QStringLiteral("connect-dialog-window"));
    if (!qEnvironmentVariableIsEmpty("HOMEPORT_GUI_SCREENSHOTS"))
        dialog->grab().save(qEnvironmentVariable("HOMEPORT_GUI_SCREENSHOTS") + QStringLiteral("/connect-dialog.png"));
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("copyButton")), Qt::LeftButton);
    QCOMPARE(QApplication::clipboard()->text(), dialog->settingsText(core::EnvFormat::Shell));

    dialog->close();
    QTRY_VERIFY(m_window->findChild<ui::ConnectDialog *>() == nullptr); // deleted on close
}

void TestConsole::settingsSavesPortAndRestartsService()
{
    m_window->showPage(QStringLiteral("settings"));
    ui::SettingsPage *page = m_window->settingsPage();
    auto *portBox = page->findChild<QSpinBox *>(QStringLiteral("port-channels"));
    QVERIFY(portBox && portBox->isEnabled());
    QCOMPARE(portBox->value(), 6001); // the catalog's default until the file says otherwise
    const quint16 newPort = freePort();
    portBox->setValue(newPort);
    auto *enabled = page->findChild<QCheckBox *>(QStringLiteral("enabled-inference"));
    QVERIFY(enabled->isChecked());
    enabled->setChecked(false);

    QTest::mouseClick(page->findChild<QPushButton *>(QStringLiteral("saveButton")), Qt::LeftButton);

    // Written to the INI file, read back by a fresh QSettings.
    QSettings ini(m_dir->filePath(QStringLiteral("homeport.ini")), QSettings::IniFormat);
    QCOMPARE(ini.value(QStringLiteral("channels/port")).toInt(), int(newPort));
    QCOMPARE(ini.value(QStringLiteral("inference/enabled")).toBool(), false);
    QVERIFY(!ini.contains(QStringLiteral("errors/port"))); // untouched fields are not written
    QCOMPARE(m_settings->sourceOf(QStringLiteral("channels"), QStringLiteral("port")), QStringLiteral("file"));
    QVERIFY(page->findChild<QLabel *>(QStringLiteral("source-channels"))->text().contains(QStringLiteral("homeport.ini")));

    // channels runs on its old port: the page offers the restart and the host moves it.
    QCOMPARE(page->pendingRestarts(), QStringList{QStringLiteral("channels")});
    auto *restart = page->findChild<QPushButton *>(QStringLiteral("restartChangedButton"));
    QVERIFY(restart->isVisible());
    screenshot(QStringLiteral("page-settings-saved"));
    QTest::mouseClick(restart, Qt::LeftButton);
    const QString expected = QStringLiteral("127.0.0.1:%1").arg(newPort);
    QTRY_COMPARE(m_host->status(QStringLiteral("channels")).address, expected);
    QTRY_COMPARE(card(QStringLiteral("channels"))->findChild<QLabel *>(QStringLiteral("addressLabel"))->text(), expected);
    QVERIFY(!restart->isVisible());
}

void TestConsole::settingsTlsAndRetentionOfferARestart()
{
    m_window->showPage(QStringLiteral("settings"));
    ui::SettingsPage *page = m_window->settingsPage();
    m_host->start(QStringLiteral("storage"));
    m_host->start(QStringLiteral("errors"));
    QTRY_COMPARE(stateOf(QStringLiteral("storage")), QStringLiteral("running"));
    QTRY_COMPARE(stateOf(QStringLiteral("errors")), QStringLiteral("running"));
    const QString cert = m_dir->filePath(QStringLiteral("cert.pem"));
    const QString key = m_dir->filePath(QStringLiteral("key.pem"));
    for (const QString &path : {cert, key}) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("-----BEGIN PLACEHOLDER-----\n");
    }
    auto *certEdit = page->findChild<QLineEdit *>(QStringLiteral("tlsCert-storage"));
    auto *keyEdit = page->findChild<QLineEdit *>(QStringLiteral("tlsKey-storage"));
    QVERIFY(certEdit && keyEdit);
    certEdit->setText(cert);
    QVERIFY2(page->validationError().contains(QStringLiteral("both a TLS certificate and its key")),
             qPrintable(page->validationError()));
    QVERIFY(!page->findChild<QPushButton *>(QStringLiteral("saveButton"))->isEnabled());
    keyEdit->setText(m_dir->filePath(QStringLiteral("missing.pem")));
    QVERIFY2(page->validationError().contains(QStringLiteral("cannot read")), qPrintable(page->validationError()));
    keyEdit->setText(key);
    QCOMPARE(page->validationError(), QString());
    auto *retention = page->findChild<QSpinBox *>(QStringLiteral("retention-errors"));
    QVERIFY(retention);
    retention->setValue(14);

    QVERIFY(page->save());
    QSettings ini(m_settings->filePath(), QSettings::IniFormat);
    QCOMPARE(ini.value(QStringLiteral("storage/tls_cert")).toString(), cert);
    QCOMPARE(ini.value(QStringLiteral("storage/tls_key")).toString(), key);
    QCOMPARE(ini.value(QStringLiteral("errors/retention_days")).toInt(), 14);
    QVERIFY(m_settings->serviceServesTls(QStringLiteral("storage")));
    // Both are read when the service starts: the page says so and offers the restart.
    QStringList pending = page->pendingRestarts();
    pending.sort();
    QCOMPARE(pending, (QStringList{QStringLiteral("errors"), QStringLiteral("storage")}));
    QVERIFY(page->findChild<QPushButton *>(QStringLiteral("restartChangedButton"))->isVisible());
    QVERIFY2(page->messageText().contains(QStringLiteral("Restart errors, storage to use the new settings")),
             qPrintable(page->messageText()));

    // Back to plain HTTP for the tests that follow.
    certEdit->clear();
    keyEdit->clear();
    QVERIFY(page->save());
    QVERIFY(!m_settings->serviceServesTls(QStringLiteral("storage")));
    page->restartChangedServices();
}

void TestConsole::settingsLogLevelAppliesAtOnce()
{
    ui::SettingsPage *page = m_window->settingsPage();
    auto *level = page->findChild<QComboBox *>(QStringLiteral("logLevelCombo"));
    QVERIFY(level);
    level->setCurrentIndex(level->findData(QStringLiteral("warning")));
    QVERIFY(page->save());
    QCOMPARE(m_appliedLogLevels, QStringList{QStringLiteral("warning")});
    QCOMPARE(m_settings->value(QStringLiteral("general"), QStringLiteral("log_level")).toString(), QStringLiteral("warning"));
    QVERIFY(page->messageText().contains(QStringLiteral("The log level applies now.")));
    // Back to everything, which the log page tests rely on.
    level->setCurrentIndex(level->findData(QString()));
    QVERIFY(page->save());
    QCOMPARE(m_appliedLogLevels.last(), QString());
}

void TestConsole::settingsMovesTheDataDir()
{
    ui::SettingsPage *page = m_window->settingsPage();
    QFile keep(m_dataDir->path() + QStringLiteral("/errors/kept.txt"));
    QVERIFY(QDir().mkpath(m_dataDir->path() + QStringLiteral("/errors")));
    QVERIFY(keep.open(QIODevice::WriteOnly));
    keep.write("acknowledged");
    keep.close();
    m_host->start(QStringLiteral("search"));
    QTRY_COMPARE(stateOf(QStringLiteral("search")), QStringLiteral("running"));

    // A folder that is not empty is refused, and nothing moves.
    const QString busy = m_dir->filePath(QStringLiteral("busy"));
    QVERIFY(QDir().mkpath(busy + QStringLiteral("/other")));
    QVERIFY(!page->moveDataDir(busy));
    QVERIFY2(page->messageText().contains(QStringLiteral("is not empty")), qPrintable(page->messageText()));
    QVERIFY(QFileInfo::exists(keep.fileName()));

    const QString target = m_dir->filePath(QStringLiteral("moved/data"));
    QVERIFY(page->moveDataDir(target));
    QVERIFY2(page->messageText().contains(QStringLiteral("Moved to")), qPrintable(page->messageText()));
    QCOMPARE(m_dataDir->path(), QDir::cleanPath(target));
    QFile moved(target + QStringLiteral("/errors/kept.txt"));
    QVERIFY(moved.open(QIODevice::ReadOnly));
    QCOMPARE(moved.readAll(), QByteArray("acknowledged"));
    QVERIFY(!QFileInfo::exists(keep.fileName()));
    QCOMPARE(page->findChild<QLineEdit *>(QStringLiteral("dataDirEdit"))->text(), QDir::toNativeSeparators(target));
    // What ran before runs again.
    QTRY_COMPARE(stateOf(QStringLiteral("search")), QStringLiteral("running"));
    core::DataDir::setPreferredPath(QString());
}

void TestConsole::themeSwitchesBetweenLightDarkAndSystem()
{
    ui::SettingsPage *page = m_window->settingsPage();
    const QColor platformWindow = QApplication::palette().color(QPalette::Window);
    auto *theme = page->findChild<QComboBox *>(QStringLiteral("themeCombo"));
    QVERIFY(theme);
    theme->setCurrentIndex(theme->findData(QStringLiteral("dark")));
    QVERIFY(ui::Theme::isDark());
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 80);
    QVERIFY(QApplication::palette().color(QPalette::WindowText).lightness() > 180);
    QVERIFY(m_window->styleSheet().contains(ui::Theme::pageBackground().name()));
    QCOMPARE(m_settings->value(QStringLiteral("console"), QStringLiteral("theme")).toString(), QStringLiteral("dark"));
    screenshot(QStringLiteral("page-settings-dark"));

    theme->setCurrentIndex(theme->findData(QStringLiteral("light")));
    QVERIFY(!ui::Theme::isDark());
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() > 200);

    // System: the platform's own palette again, and the page colours taken from it.
    theme->setCurrentIndex(theme->findData(QStringLiteral("system")));
    QCOMPARE(QApplication::palette().color(QPalette::Window), platformWindow);
    QCOMPARE(ui::Theme::pageBackground(), platformWindow);
    QCOMPARE(m_settings->value(QStringLiteral("console"), QStringLiteral("theme")).toString(), QStringLiteral("system"));
}

void TestConsole::systemThemeFollowsTheDesktopSwitchingLightAndDark()
{
    ui::SettingsPage *page = m_window->settingsPage();
    auto *theme = page->findChild<QComboBox *>(QStringLiteral("themeCombo"));
    QVERIFY(theme);
    theme->setCurrentIndex(theme->findData(QStringLiteral("system")));
    QCOMPARE(ui::Theme::mode(), ui::Theme::Mode::System);
    auto *desktop = new DesktopStyle(QApplication::style()->name());
    QApplication::setStyle(desktop); // the application owns it from here
    QVERIFY(!ui::Theme::isDark());
    // Muted text as the style sheets use it: a colour's name drops its alpha, and the platform's
    // placeholder colour is the text at half alpha here, so it must come blended (grey, not black).
    QCOMPARE(ui::Theme::mutedText().alpha(), 255);
    QVERIFY(ui::Theme::mutedText() != ui::Theme::text());
    const QColor lightWindow = QApplication::palette().color(QPalette::Window);
    QVERIFY(lightWindow.lightness() > 150);

    // A muted label and a chart's axes, both themed through theme_follower.h.
    auto *label = new QLabel(QStringLiteral("muted"), m_window->overviewPage());
    ui::setMutedText(label);
    m_window->showPage(QStringLiteral("inference"));
    QAbstractAxis *axis = m_window->servicePage(QStringLiteral("inference"))->chart()->chart()->axes(Qt::Horizontal).first();
    QVERIFY(!label->styleSheet().contains(desktop->mutedDark.name()));
    QVERIFY(axis->labelsColor() != desktop->mutedDark);

    // The desktop goes dark; nothing has told Qt yet, so nothing changed.
    desktop->dark = true;
    QCOMPARE(QApplication::palette().color(QPalette::Window), lightWindow);
    // The platform says the theme changed, as it does after such a switch.
    QEvent themeChange(QEvent::ThemeChange);
    QCoreApplication::sendEvent(m_window.get(), &themeChange);
    QCOMPARE(QApplication::palette().color(QPalette::Window), desktop->windowDark);
    QVERIFY(ui::Theme::isDark());
    QCOMPARE(ui::Theme::pageBackground(), desktop->windowDark);
    QCOMPARE(ui::Theme::mutedText(), desktop->mutedDark);
    QVERIFY(m_window->styleSheet().contains(desktop->windowDark.name()));
    QVERIFY2(label->styleSheet().contains(desktop->mutedDark.name()), qPrintable(label->styleSheet()));
    QCOMPARE(axis->labelsColor(), desktop->mutedDark);
    screenshot(QStringLiteral("page-inference-desktop-dark"));

    // And back to light.
    desktop->dark = false;
    QCoreApplication::sendEvent(m_window.get(), &themeChange);
    QCOMPARE(QApplication::palette().color(QPalette::Window), lightWindow);
    QVERIFY(!ui::Theme::isDark());
    QVERIFY(!m_window->styleSheet().contains(desktop->windowDark.name()));
    QVERIFY(!label->styleSheet().contains(desktop->mutedDark.name()));
    QVERIFY(axis->labelsColor() != desktop->mutedDark);

    // Light and Dark are the user's choice: a desktop switch leaves them alone.
    theme->setCurrentIndex(theme->findData(QStringLiteral("light")));
    const QColor chosenLight = QApplication::palette().color(QPalette::Window);
    desktop->dark = true;
    QCoreApplication::sendEvent(m_window.get(), &themeChange);
    QCOMPARE(QApplication::palette().color(QPalette::Window), chosenLight);
    QVERIFY(!ui::Theme::isDark());
    desktop->dark = false;
    theme->setCurrentIndex(theme->findData(QStringLiteral("system")));
    QCOMPARE(QApplication::palette().color(QPalette::Window), lightWindow);
    delete label;
}

void TestConsole::chartRangeChoosesFiveMinutesHourOrDay()
{
    m_window->showPage(QStringLiteral("inference"));
    ui::ServicePage *page = m_window->servicePage(QStringLiteral("inference"));
    auto *range = page->findChild<ui::ChartRangeBox *>(QStringLiteral("chartRange"));
    QVERIFY(range);
    m_metrics->addToSeries(QStringLiteral("inference.requests"), 120);
    range->setRange(ui::ChartRange::OneHour);
    QCOMPARE(page->chart()->range(), ui::ChartRange::OneHour);
    auto *x = qobject_cast<QValueAxis *>(page->chart()->chart()->axes(Qt::Horizontal).first());
    QCOMPARE(x->min(), -60.0);
    QCOMPARE(x->titleText(), QStringLiteral("minutes ago"));
    // The current minute's 120 requests as a mean rate: at least 2 per second.
    QVERIFY2(page->chart()->peak() >= 2.0, qPrintable(QString::number(page->chart()->peak())));
    QCOMPARE(page->chart()->pointCount(), 60);
    QVERIFY(!page->findChildren<QLabel *>().isEmpty());
    bool titled = false;
    for (QLabel *label : page->findChildren<QLabel *>())
        titled = titled || label->text() == QStringLiteral("Requests per second, last hour");
    QVERIFY(titled);

    range->setRange(ui::ChartRange::OneDay);
    QCOMPARE(x->min(), -24.0);
    QCOMPARE(x->titleText(), QStringLiteral("hours ago"));
    QCOMPARE(page->chart()->pointCount(), core::Metrics::kSeriesMinutes);
    range->setRange(ui::ChartRange::FiveMinutes);
    QCOMPARE(x->min(), -300.0);
    QVERIFY(page->chart()->peak() >= 120);
    m_window->showPage(QStringLiteral("overview"));
}

void TestConsole::everyTableIsSortableAndFilterable()
{
    int checked = 0;
    for (const QString &name : m_window->pageNames()) {
        for (QTableView *view : m_window->page(name)->findChildren<QTableView *>()) {
            const bool sortable = view->isSortingEnabled()
                || (view->horizontalHeader()->sectionsClickable() && view->horizontalHeader()->isSortIndicatorShown());
            QVERIFY2(sortable, qPrintable(name + QLatin1Char('/') + view->objectName()));
            auto *filter = m_window->findChild<ui::TableFilter *>(QStringLiteral("tableFilter-") + view->objectName());
            const bool ownFilter = view->objectName() == QLatin1String("logTable");
            QVERIFY2(filter || ownFilter, qPrintable(name + QLatin1Char('/') + view->objectName()));
            ++checked;
        }
    }
    QVERIFY(checked >= 5);

    // The counters table of a service page: the filter hides rows without the text.
    m_metrics->increment(QStringLiteral("homeport_http_requests_total"), QStringLiteral(R"(service="errors",class="2xx")"), 5);
    m_metrics->increment(QStringLiteral("homeport_http_requests_total"), QStringLiteral(R"(service="errors",class="5xx")"), 1);
    m_window->showPage(QStringLiteral("errors"));
    m_window->refresh();
    auto *filter = m_window->page(QStringLiteral("errors"))->findChild<ui::TableFilter *>(QStringLiteral("tableFilter-counterTable"));
    QVERIFY(filter);
    QCOMPARE(filter->shownRows(), 2);
    filter->setText(QStringLiteral("5XX"));
    QCOMPARE(filter->shownRows(), 1);
    // New rows arriving while filtered are filtered too.
    m_metrics->increment(QStringLiteral("homeport_http_requests_total"), QStringLiteral(R"(service="errors",class="4xx")"), 1);
    m_window->refresh();
    QTRY_COMPARE(filter->shownRows(), 1);
    filter->clear();
    QCOMPARE(filter->shownRows(), 3);
    m_window->showPage(QStringLiteral("overview"));
}

void TestConsole::settingsOverriddenFieldIsLocked()
{
    ui::SettingsPage *page = m_window->settingsPage();
    auto *portBox = page->findChild<QSpinBox *>(QStringLiteral("port-search"));
    QVERIFY(!portBox->isEnabled());
    QCOMPARE(portBox->value(), m_searchEnvPort.toInt());
    const QString note = page->findChild<QLabel *>(QStringLiteral("source-search"))->text();
    QVERIFY2(note.contains(QStringLiteral("HOMEPORT_SEARCH_PORT")), qPrintable(note));
    // Saving never writes an overridden value to the file.
    QVERIFY(page->save());
    QSettings ini(m_dir->filePath(QStringLiteral("homeport.ini")), QSettings::IniFormat);
    QVERIFY(!ini.contains(QStringLiteral("search/port")));
}

void TestConsole::settingsRejectsInvalidBindAddress()
{
    ui::SettingsPage *page = m_window->settingsPage();
    auto *bind = page->findChild<QLineEdit *>(QStringLiteral("bindEdit"));
    auto *save = page->findChild<QPushButton *>(QStringLiteral("saveButton"));
    QCOMPARE(bind->text(), QStringLiteral("127.0.0.1"));
    bind->setText(QStringLiteral("not-an-address"));
    QVERIFY(!save->isEnabled());
    QVERIFY(page->validationError().contains(QStringLiteral("not an IP address")));
    QVERIFY(!page->save());
    QSettings ini(m_dir->filePath(QStringLiteral("homeport.ini")), QSettings::IniFormat);
    QVERIFY(!ini.contains(QStringLiteral("general/bind")));

    // Two services on one port are refused as well.
    bind->setText(QStringLiteral("0.0.0.0"));
    QVERIFY(save->isEnabled());
    page->findChild<QSpinBox *>(QStringLiteral("port-errors"))->setValue(
        page->findChild<QSpinBox *>(QStringLiteral("port-storage"))->value());
    QVERIFY(!save->isEnabled());
    page->load(); // revert
    QVERIFY(save->isEnabled());
    QCOMPARE(bind->text(), QStringLiteral("127.0.0.1"));
    m_window->showPage(QStringLiteral("overview"));
}

void TestConsole::dashboardReplacesEmptyState()
{
    m_window->showPage(QStringLiteral("search"));
    ui::ServicePage *page = m_window->servicePage(QStringLiteral("search"));
    QSignalSpy refreshed(page, &ui::ServicePage::refreshed);
    auto *dashboard = new QLabel(QStringLiteral("collections: 0"));
    page->setDashboard(dashboard);
    QCOMPARE(page->dashboard(), dashboard);
    QVERIFY(!page->emptyState()->isVisible());
    QTRY_VERIFY(dashboard->isVisible());
    m_window->refresh(); // the visible page refreshes, and tells its dashboard
    QVERIFY(refreshed.count() >= 1);

    // A whole page can be swapped for a richer one, keeping its place and live state.
    auto *richer = new ui::ServicePage(*core::findService(QStringLiteral("search")), ui::ConsoleContext{},
                                       m_window->commands());
    m_window->replaceServicePage(QStringLiteral("search"), richer);
    QCOMPARE(m_window->servicePage(QStringLiteral("search")), richer);
    QCOMPARE(m_window->page(QStringLiteral("search")), richer);
    QCOMPARE(m_window->currentPageName(), QStringLiteral("search"));
    QCOMPARE(richer->stateText(), QStringLiteral("running"));
    m_window->showPage(QStringLiteral("overview"));
}

void TestConsole::germanTranslationIsEmbedded()
{
    ui::ConsoleTranslator translator;
    QVERIFY(translator.loadFor(QLocale(QLocale::German, QLocale::Germany)));
    QCOMPARE(translator.translate("homeport::ui::MainWindow", "Overview"), QStringLiteral("Übersicht"));
    QCOMPARE(translator.translate("homeport::ui::Theme", "running"), QStringLiteral("läuft"));
}

void TestConsole::closeWithoutTrayRequestsQuit()
{
    // The offscreen platform has no tray, so closing the window means quitting.
    QVERIFY(m_window->trayIcon() == nullptr);
    QSignalSpy quit(m_window.get(), &ui::MainWindow::quitRequested);
    m_window->close();
    QCOMPARE(quit.count(), 1);
    QVERIFY(!m_window->isVisible());
}

void TestConsole::hindiTranslationIsEmbedded()
{
    ui::ConsoleTranslator translator;
    QVERIFY(translator.loadFor(QLocale(QLocale::Hindi, QLocale::India)));
    QCOMPARE(translator.translate("homeport::ui::MainWindow", "Overview"), QStringLiteral("अवलोकन"));
    QCOMPARE(translator.translate("homeport::ui::Theme", "running"), QStringLiteral("चल रहा है"));
    QCOMPARE(translator.translate("homeport::ui::WelcomeDialog", "Welcome to Homeport"),
             QStringLiteral("Homeport में आपका स्वागत है"));
}

void TestConsole::languageChoiceOffersARestart()
{
    m_window->showPage(QStringLiteral("settings"));
    ui::SettingsPage *page = m_window->settingsPage();
    auto *language = page->findChild<QComboBox *>(QStringLiteral("languageCombo"));
    QVERIFY(language);
    QCOMPARE(language->currentData().toString(), QString()); // the system's until chosen
    language->setCurrentIndex(language->findData(QStringLiteral("hi")));
    QVERIFY(page->save());
    QCOMPARE(m_settings->value(QStringLiteral("console"), QStringLiteral("language")).toString(), QStringLiteral("hi"));
    QVERIFY(page->appRestartPending());
    QVERIFY2(page->messageText().contains(QStringLiteral("The language changes when Homeport starts again.")),
             qPrintable(page->messageText()));
    auto *restart = page->findChild<QPushButton *>(QStringLiteral("restartAppButton"));
    QVERIFY(restart->isVisible());
    QTest::mouseClick(restart, Qt::LeftButton);
    QCOMPARE(m_appRestarts, 1);
    // What app/ does at the next start with that setting: the Hindi console.
    ui::ConsoleTranslator translator;
    QVERIFY(translator.loadFor(QLocale(m_settings->value(QStringLiteral("console"), QStringLiteral("language")).toString())));
    QCOMPARE(translator.translate("homeport::ui::MainWindow", "Settings"), QStringLiteral("सेटिंग्स"));
    language->setCurrentIndex(language->findData(QString()));
    QVERIFY(page->save());
}

QTEST_MAIN(TestConsole)
#include "tst_console.moc"
