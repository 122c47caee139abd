// The console against real core objects: a ServiceHost running five tiny TCP services, Metrics,
// LogStream and Settings in a temporary data dir. Every page is opened; states, commands, the
// Connect dialog, the log filter and saving settings are checked end to end.
// Set HOMEPORT_GUI_SCREENSHOTS=<dir> to keep a PNG of every page.

#include "channels/channels_monitor.h"
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
#include "ui/settings_page.h"
#include "ui/sparkline.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDir>
#include <QLabel>
#include <QTableWidget>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
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
    void sparklineAndCountersFollowMetrics();
    void logsFilterHidesLowerLevels();
    void connectDialogShowsRealKeys();
    void settingsSavesPortAndRestartsService();
    void settingsOverriddenFieldIsLocked();
    void settingsRejectsInvalidBindAddress();
    void dashboardReplacesEmptyState();
    void germanTranslationIsEmbedded();
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
    ui::ClusterNodesPanel panel(&monitor);
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

QTEST_MAIN(TestConsole)
#include "tst_console.moc"
