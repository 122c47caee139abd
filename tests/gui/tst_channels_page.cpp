// The Channels page against a real ChannelsMonitor (the contract object between the channels
// service and the console): the test publishes snapshots, debug events and deliveries itself, as
// the service would, and checks what the page shows and which requests it sends.
// Set HOMEPORT_GUI_SCREENSHOTS=<dir> to keep PNGs of the window and of every tab.

#include "channels/channels_monitor.h"
#include "core/metrics.h"
#include "service_page_test_helpers.h"
#include "core/service_catalog.h"
#include "ui/channels_app_editor.h"
#include "ui/channels_app_model.h"
#include "ui/channels_debug_console.h"
#include "ui/channels_debug_filter.h"
#include "ui/channels_debug_model.h"
#include "ui/channels_delivery_model.h"
#include "ui/channels_member_model.h"
#include "ui/channels_occupied_model.h"
#include "ui/channels_page.h"
#include "ui/channels_test_event_form.h"
#include "ui/empty_state.h"
#include "ui/main_window.h"
#include "ui/service_commands.h"
#include "ui/sparkline.h"
#include "ui/theme.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

#include <memory>

using namespace homeport;
using guitest::column;
using guitest::rowWith;
using channels::AppInfo;
using channels::ChannelInfo;
using channels::DebugEvent;
using channels::PresenceMember;

namespace {

AppInfo makeApp(const QString &id, const QString &name, const QString &key, const QString &secret)
{
    AppInfo app;
    app.id = id;
    app.name = name;
    app.key = key;
    app.secret = secret;
    return app;
}

ChannelInfo makeChannel(const QString &appId, const QString &name, const QString &type, int subscriptions,
                        int users = 0)
{
    ChannelInfo c;
    c.appId = appId;
    c.name = name;
    c.type = type;
    c.subscriptions = subscriptions;
    c.users = users;
    return c;
}

PresenceMember member(const QString &id, const QString &name, int sockets)
{
    PresenceMember m;
    m.userId = id;
    m.userInfo = QJsonObject{{QStringLiteral("name"), name}};
    m.sockets = sockets;
    return m;
}

DebugEvent debugEvent(DebugEvent::Kind kind, const QString &appId, const QString &channel, const QString &event = {},
                      const QString &details = {})
{
    DebugEvent e;
    e.time = QDateTime::currentDateTimeUtc();
    e.kind = kind;
    e.appId = appId;
    e.socketId = QStringLiteral("123.456");
    e.channel = channel;
    e.event = event;
    e.details = details;
    return e;
}

} // namespace

class TestChannelsPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void installedInPlaceOfTheGenericPage();
    void emptyStatesWithoutApps();
    void nullMonitorShowsEmptyStates();
    void appsTableShowsAppsAndSorts();
    void secretStaysHiddenUntilRevealed();
    void channelsTableSortsAndFilters();
    void memberListFollowsSelection();
    void pauseHoldsEventsAndResumeShowsThem();
    void debugFiltersHideRows();
    void debugConsoleIsBounded();
    void editorEmitsSaveWithEditedValues();
    void editorRejectsInvalidInputAndCreatesNew();
    void deleteAsksFirst();
    void testEventFormValidatesJson();
    void deliveryLogShowsFailuresInRed();
    void chartsFollowMetrics();
    void clusterCountsComeFromEveryLiveNode();
    void everyTabFitsTheWindow();

private:
    void publish();
    void screenshot(const QString &name);
    ui::ChannelsPage *page() const
    {
        return qobject_cast<ui::ChannelsPage *>(m_window->servicePage(QStringLiteral("channels")));
    }

    std::unique_ptr<core::Metrics> m_metrics;
    std::unique_ptr<channels::ChannelsMonitor> m_monitor;
    std::unique_ptr<ui::MainWindow> m_window;
    channels::ChannelsSnapshot m_snapshot;
};

void TestChannelsPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_metrics = std::make_unique<core::Metrics>();
    m_monitor = std::make_unique<channels::ChannelsMonitor>();

    ui::ConsoleContext context;
    context.metrics = m_metrics.get();
    context.channels = m_monitor.get();
    context.clientSettings = guitest::clientSettingsFor(QStringLiteral("channels"), 6123);
    m_window = guitest::openConsoleOn(context, QStringLiteral("channels"));
    QVERIFY(m_window);

    guitest::showAsRunning(page(), QStringLiteral("channels"), 6123);
}

void TestChannelsPage::cleanupTestCase()
{
    m_window.reset();
    m_monitor.reset();
}

void TestChannelsPage::publish()
{
    m_snapshot.takenAt = QDateTime::currentDateTimeUtc();
    m_monitor->publish(m_snapshot);
    // The page coalesces snapshots; wait until this one is applied.
    QTRY_COMPARE(page()->statText(QStringLiteral("apps")), QString::number(m_snapshot.apps.size()));
    QTest::qWait(ui::ChannelsPage::kSnapshotDelayMs + 50);
}

void TestChannelsPage::screenshot(const QString &name)
{
    QVERIFY(guitest::saveScreenshot(m_window.get(), page(), page()->tabs(), QStringLiteral("channels-") + name));
}

void TestChannelsPage::installedInPlaceOfTheGenericPage()
{
    QVERIFY2(page(), "MainWindow must install a ChannelsPage when the context has a monitor");
    QCOMPARE(page()->monitor(), m_monitor.get());
    QCOMPARE(m_window->currentPageName(), QStringLiteral("channels"));
    QVERIFY(page()->dashboard());
    QVERIFY(!page()->emptyState()->isVisible()); // the generic "will appear here" panel is gone
    QCOMPARE(page()->tabs()->count(), 5);
}

void TestChannelsPage::emptyStatesWithoutApps()
{
    ui::ChannelsPage *p = page();
    p->tabs()->setCurrentIndex(ui::ChannelsPage::AppsTab);
    QTRY_VERIFY(p->appsEmptyState()->isVisible());
    QVERIFY(!p->appView()->isVisible());
    QVERIFY(p->findChild<QPushButton *>(QStringLiteral("newAppButton"))->isEnabled());
    screenshot(QStringLiteral("apps-empty"));

    p->tabs()->setCurrentIndex(ui::ChannelsPage::ChannelsTab);
    QTRY_VERIFY(p->channelsEmptyState()->isVisible());
    QVERIFY(!p->channelView()->isVisible());

    p->tabs()->setCurrentIndex(ui::ChannelsPage::DebugTab);
    QTRY_VERIFY(!p->debugConsole()->emptyText().isEmpty());
    QVERIFY(!p->debugConsole()->view()->isVisible());
    // No apps: nothing to send a test event to.
    QVERIFY(!p->testEventForm()->findChild<QPushButton *>(QStringLiteral("sendButton"))->isEnabled());

    p->tabs()->setCurrentIndex(ui::ChannelsPage::WebhooksTab);
    QTRY_VERIFY(p->deliveriesEmptyState()->isVisible());
    QCOMPARE(p->statText(QStringLiteral("connections")), QStringLiteral("0"));
}

void TestChannelsPage::nullMonitorShowsEmptyStates()
{
    ui::ServiceCommands commands(nullptr);
    ui::ChannelsPage lonely(*core::findService(QStringLiteral("channels")), ui::ConsoleContext{}, &commands);
    lonely.resize(1000, 900);
    lonely.show();
    QVERIFY(QTest::qWaitForWindowExposed(&lonely));
    lonely.tabs()->setCurrentIndex(ui::ChannelsPage::AppsTab);
    QTRY_VERIFY(lonely.appsEmptyState()->isVisible());
    // Nothing to send requests to: creating is off, and nothing crashes.
    QVERIFY(!lonely.findChild<QPushButton *>(QStringLiteral("newAppButton"))->isEnabled());
    QCOMPARE(lonely.newApp(), nullptr);
    QVERIFY(!lonely.deleteSelectedApp());
    lonely.refresh();
    lonely.tabs()->setCurrentIndex(ui::ChannelsPage::ChannelsTab);
    QTRY_VERIFY(lonely.channelsEmptyState()->isVisible());
}

void TestChannelsPage::appsTableShowsAppsAndSorts()
{
    m_snapshot.apps = {makeApp(QStringLiteral("3"), QStringLiteral("zeta"), QStringLiteral("zkey"),
                               QStringLiteral("zsecret-very-private")),
                       makeApp(QStringLiteral("1"), QStringLiteral("alpha"), QStringLiteral("akey"),
                               QStringLiteral("asecret-very-private")),
                       makeApp(QStringLiteral("20"), QStringLiteral("mid"), QStringLiteral("mkey"),
                               QStringLiteral("msecret-very-private"))};
    m_snapshot.apps[2].enabled = false;
    m_snapshot.apps[1].limits.clientEvents = false;
    m_snapshot.connectionsByApp = {{QStringLiteral("3"), 5}, {QStringLiteral("1"), 0}, {QStringLiteral("20"), 12}};
    publish();

    ui::ChannelsPage *p = page();
    p->tabs()->setCurrentIndex(ui::ChannelsPage::AppsTab);
    QTRY_VERIFY(p->appView()->isVisible());
    QVERIFY(!p->appsEmptyState()->isVisible());
    const QAbstractItemModel *view = p->appView()->model();
    QCOMPARE(view->rowCount(), 3);
    using M = ui::ChannelsAppModel;
    QCOMPARE(column(view, M::NameColumn), (QStringList{"alpha", "mid", "zeta"})); // default: by name
    QCOMPARE(column(view, M::KeyColumn), (QStringList{"akey", "mkey", "zkey"}));
    QCOMPARE(view->index(1, M::EnabledColumn).data().toString(), QStringLiteral("disabled"));
    QVERIFY(view->index(0, M::LimitsColumn).data().toString().contains(QStringLiteral("no client events")));
    QCOMPARE(p->statText(QStringLiteral("connections")), QStringLiteral("17"));

    p->appView()->sortByColumn(M::ConnectionsColumn, Qt::DescendingOrder);
    QCOMPARE(column(view, M::NameColumn), (QStringList{"mid", "zeta", "alpha"}));
    // Ids are numbers: 1, 3, 20 (as text it would be 1, 20, 3).
    p->appView()->sortByColumn(M::IdColumn, Qt::AscendingOrder);
    QCOMPARE(column(view, M::IdColumn), (QStringList{"1", "3", "20"}));

    // Connections change in place; the selection survives the new snapshot.
    p->selectApp(QStringLiteral("3"));
    QCOMPARE(p->selectedAppId(), QStringLiteral("3"));
    m_snapshot.connectionsByApp[QStringLiteral("3")] = 40;
    publish();
    QCOMPARE(p->selectedAppId(), QStringLiteral("3"));
    QCOMPARE(view->index(rowWith(view, M::IdColumn, QStringLiteral("3")), M::ConnectionsColumn).data().toString(),
             QStringLiteral("40"));
    p->appView()->sortByColumn(M::NameColumn, Qt::AscendingOrder);
    screenshot(QStringLiteral("apps"));
}

void TestChannelsPage::secretStaysHiddenUntilRevealed()
{
    ui::ChannelsPage *p = page();
    p->selectApp(QStringLiteral("3"));
    const QString secret = QStringLiteral("zsecret-very-private");
    // Not in any table cell...
    const QAbstractItemModel *view = p->appView()->model();
    for (int r = 0; r < view->rowCount(); ++r) {
        for (int c = 0; c < view->columnCount(); ++c)
            QVERIFY(!view->index(r, c).data().toString().contains(QStringLiteral("very-private")));
    }
    // ...nor in the detail panel or the snippet until revealed.
    QVERIFY(!p->shownSecret().contains(secret));
    QVERIFY(p->snippetText().contains(QStringLiteral("PUSHER_APP_KEY=zkey")));
    QVERIFY(p->snippetText().contains(QStringLiteral("PUSHER_PORT=6123")));
    QVERIFY(!p->snippetText().contains(secret));

    QTest::mouseClick(p->findChild<QPushButton *>(QStringLiteral("revealSecretButton")), Qt::LeftButton);
    QCOMPARE(p->shownSecret(), secret);
    QVERIFY(p->snippetText().contains(secret));
    screenshot(QStringLiteral("apps-revealed"));

    // Choosing another app hides it again; Copy always copies the real secret.
    p->selectApp(QStringLiteral("1"));
    QVERIFY(!p->shownSecret().contains(QStringLiteral("asecret")));
    QTest::mouseClick(p->findChild<QPushButton *>(QStringLiteral("copySecretButton")), Qt::LeftButton);
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("asecret-very-private"));
    QTest::mouseClick(p->findChild<QPushButton *>(QStringLiteral("copySnippetButton")), Qt::LeftButton);
    QVERIFY(QApplication::clipboard()->text().contains(QStringLiteral("PUSHER_APP_SECRET=asecret-very-private")));
}

void TestChannelsPage::channelsTableSortsAndFilters()
{
    ChannelInfo news = makeChannel(QStringLiteral("1"), QStringLiteral("news"), QStringLiteral("public"), 7);
    news.lastEventName = QStringLiteral("headline");
    news.lastEventAt = QDateTime::currentDateTimeUtc().addSecs(-42);
    m_snapshot.channels = {
        makeChannel(QStringLiteral("1"), QStringLiteral("presence-room"), QStringLiteral("presence"), 3, 2),
        makeChannel(QStringLiteral("3"), QStringLiteral("private-orders"), QStringLiteral("private"), 1),
        news,
        makeChannel(QStringLiteral("3"), QStringLiteral("presence-lobby"), QStringLiteral("presence"), 2, 1),
    };
    m_snapshot.presenceMembers = {
        {QStringLiteral("1/presence-room"),
         {member(QStringLiteral("alice"), QStringLiteral("Alice"), 2), member(QStringLiteral("bob"), QStringLiteral("Bob"), 1)}},
        {QStringLiteral("3/presence-lobby"), {member(QStringLiteral("carol"), QStringLiteral("Carol"), 2)}},
    };
    publish();

    ui::ChannelsPage *p = page();
    p->tabs()->setCurrentIndex(ui::ChannelsPage::ChannelsTab);
    QTRY_VERIFY(p->channelView()->isVisible());
    QVERIFY(!p->channelsEmptyState()->isVisible());
    using M = ui::ChannelsOccupiedModel;
    const QAbstractItemModel *view = p->channelView()->model();
    QCOMPARE(view->rowCount(), 4);
    // Busiest first by default.
    QCOMPARE(column(view, M::ChannelColumn),
             (QStringList{"news", "presence-room", "presence-lobby", "private-orders"}));
    QCOMPARE(view->index(0, M::AppColumn).data().toString(), QStringLiteral("alpha")); // names, not ids
    QVERIFY(view->index(0, M::LastEventColumn).data().toString().startsWith(QStringLiteral("headline")));
    QVERIFY(view->index(0, M::LastEventColumn).data().toString().contains(QStringLiteral("42 s ago")));
    QCOMPARE(view->index(0, M::UsersColumn).data().toString(), QStringLiteral("—"));
    p->channelView()->sortByColumn(M::ChannelColumn, Qt::AscendingOrder);
    QCOMPARE(column(view, M::ChannelColumn),
             (QStringList{"news", "presence-lobby", "presence-room", "private-orders"}));

    QTest::keyClicks(p->channelFilter(), QStringLiteral("presence"));
    QCOMPARE(column(view, M::ChannelColumn), (QStringList{"presence-lobby", "presence-room"}));
    p->channelFilter()->setText(QStringLiteral("zeta")); // app names match too
    QCOMPARE(column(view, M::ChannelColumn), (QStringList{"presence-lobby", "private-orders"}));
    p->channelFilter()->setText(QStringLiteral("nothing-like-this"));
    QCOMPARE(view->rowCount(), 0);
    QVERIFY(!p->channelView()->isVisible());
    p->channelFilter()->clear();
    QCOMPARE(view->rowCount(), 4);
    QVERIFY(p->channelView()->isVisible());
}

void TestChannelsPage::memberListFollowsSelection()
{
    ui::ChannelsPage *p = page();
    using M = ui::ChannelsOccupiedModel;
    const QAbstractItemModel *view = p->channelView()->model();
    auto select = [&](const QString &name) {
        const int row = rowWith(view, M::ChannelColumn, name);
        QVERIFY(row >= 0);
        p->channelView()->selectRow(row);
    };

    select(QStringLiteral("presence-room"));
    QCOMPARE(p->memberModel()->rowCount(), 2);
    QVERIFY(p->memberTitle().contains(QStringLiteral("presence-room")));
    QTRY_VERIFY(p->memberView()->isVisible());
    const QAbstractItemModel *members = p->memberView()->model();
    QCOMPARE(column(members, ui::ChannelsMemberModel::UserIdColumn), (QStringList{"alice", "bob"}));
    QCOMPARE(members->index(0, ui::ChannelsMemberModel::UserInfoColumn).data().toString(),
             QStringLiteral(R"({"name":"Alice"})"));
    QCOMPARE(members->index(0, ui::ChannelsMemberModel::SocketsColumn).data().toInt(), 2);
    screenshot(QStringLiteral("channels"));

    select(QStringLiteral("presence-lobby"));
    QCOMPARE(column(members, ui::ChannelsMemberModel::UserIdColumn), QStringList{"carol"});

    // A public channel has no members.
    select(QStringLiteral("news"));
    QCOMPARE(p->memberModel()->rowCount(), 0);
    QVERIFY(!p->memberView()->isVisible());

    // A new snapshot updates the selected channel's members and keeps the selection.
    select(QStringLiteral("presence-room"));
    m_snapshot.presenceMembers[QStringLiteral("1/presence-room")].append(
        member(QStringLiteral("dave"), QStringLiteral("Dave"), 1));
    m_snapshot.channels[0].users = 3;
    publish();
    const QModelIndexList selected = p->channelView()->selectionModel()->selectedRows();
    QCOMPARE(selected.size(), 1);
    QCOMPARE(selected.first().siblingAtColumn(M::ChannelColumn).data().toString(), QStringLiteral("presence-room"));
    QCOMPARE(column(members, ui::ChannelsMemberModel::UserIdColumn), (QStringList{"alice", "bob", "dave"}));

    // The channel empties: it leaves the table and the member list clears.
    m_snapshot.channels.removeFirst();
    m_snapshot.presenceMembers.remove(QStringLiteral("1/presence-room"));
    publish();
    QCOMPARE(view->rowCount(), 3);
    QCOMPARE(p->memberModel()->rowCount(), 0);
}

void TestChannelsPage::pauseHoldsEventsAndResumeShowsThem()
{
    ui::ChannelsPage *p = page();
    ui::ChannelsDebugConsole *console = p->debugConsole();
    p->tabs()->setCurrentIndex(ui::ChannelsPage::DebugTab);
    const QAbstractItemModel *view = console->view()->model();

    m_monitor->addDebugEvent(debugEvent(DebugEvent::Kind::Connection, QStringLiteral("1"), {}));
    m_monitor->addDebugEvent(debugEvent(DebugEvent::Kind::Subscribed, QStringLiteral("1"), QStringLiteral("news")));
    m_monitor->addDebugEvent(debugEvent(DebugEvent::Kind::ApiMessage, QStringLiteral("1"), QStringLiteral("news"),
                                        QStringLiteral("headline"), QStringLiteral(R"({"title":"hi"})")));
    QTRY_COMPARE(view->rowCount(), 3);
    QVERIFY(console->view()->isVisible());
    // Newest first.
    QCOMPARE(view->index(0, ui::ChannelsDebugModel::EventColumn).data().toString(), QStringLiteral("headline"));
    QCOMPARE(view->index(0, ui::ChannelsDebugModel::AppColumn).data().toString(), QStringLiteral("alpha"));

    auto *pause = console->findChild<QPushButton *>(QStringLiteral("pauseButton"));
    QTest::mouseClick(pause, Qt::LeftButton);
    QVERIFY(console->isPaused());
    QCOMPARE(pause->text(), QStringLiteral("Resume"));
    m_monitor->addDebugEvent(debugEvent(DebugEvent::Kind::ClientEvent, QStringLiteral("3"),
                                        QStringLiteral("private-orders"), QStringLiteral("client-typing")));
    m_monitor->addDebugEvent(debugEvent(DebugEvent::Kind::Error, QStringLiteral("3"), {}, {},
                                        QStringLiteral("4009 unauthorized")));
    QTest::qWait(ui::ChannelsDebugConsole::kFlushIntervalMs * 2);
    QCOMPARE(view->rowCount(), 3); // held back
    QTRY_VERIFY(console->heldText().contains(QLatin1Char('2')));
    screenshot(QStringLiteral("debug-paused"));

    QTest::mouseClick(pause, Qt::LeftButton);
    QVERIFY(!console->isPaused());
    QCOMPARE(view->rowCount(), 5);
    QVERIFY(console->heldText().isEmpty());
    QCOMPARE(view->index(0, ui::ChannelsDebugModel::DetailsColumn).data().toString(),
             QStringLiteral("4009 unauthorized"));
}

void TestChannelsPage::debugFiltersHideRows()
{
    ui::ChannelsDebugConsole *console = page()->debugConsole();
    const QAbstractItemModel *view = console->view()->model();
    QCOMPARE(view->rowCount(), 5);
    using G = ui::ChannelsDebugConsole::KindGroup;

    console->kindCheckBox(G::Connections)->setChecked(false);
    QCOMPARE(view->rowCount(), 4);
    console->kindCheckBox(G::Errors)->setChecked(false);
    QCOMPARE(view->rowCount(), 3);
    console->kindCheckBox(G::Connections)->setChecked(true);
    console->kindCheckBox(G::Errors)->setChecked(true);
    QCOMPARE(view->rowCount(), 5);

    auto *apps = console->findChild<QComboBox *>(QStringLiteral("debugAppFilter"));
    apps->setCurrentIndex(apps->findData(QStringLiteral("3")));
    QCOMPARE(view->rowCount(), 2);
    apps->setCurrentIndex(0);
    QCOMPARE(view->rowCount(), 5);

    QTest::keyClicks(console->findChild<QLineEdit *>(QStringLiteral("debugTextFilter")), QStringLiteral("NEWS"));
    QCOMPARE(view->rowCount(), 2); // channel contains, case-insensitive
    console->setTextFilter(QStringLiteral("title"));
    QCOMPARE(view->rowCount(), 1); // details contain
    console->setTextFilter(QStringLiteral("no such thing"));
    QCOMPARE(view->rowCount(), 0);
    QVERIFY(console->emptyText().contains(QStringLiteral("match")));
    console->setTextFilter(QString());
    QCOMPARE(view->rowCount(), 5);
    screenshot(QStringLiteral("debug"));
}

void TestChannelsPage::debugConsoleIsBounded()
{
    ui::ChannelsDebugConsole *console = page()->debugConsole();
    QList<DebugEvent> burst;
    for (int i = 0; i < ui::ChannelsDebugModel::kMaxRows + 150; ++i)
        burst << debugEvent(DebugEvent::Kind::ApiMessage, QStringLiteral("1"), QStringLiteral("news"),
                            QStringLiteral("e%1").arg(i));
    console->addEvents(burst);
    console->flush();
    QCOMPARE(console->model()->rowCount(), ui::ChannelsDebugModel::kMaxRows);
    const QAbstractItemModel *view = console->view()->model();
    QCOMPARE(view->index(0, ui::ChannelsDebugModel::EventColumn).data().toString(),
             QStringLiteral("e%1").arg(ui::ChannelsDebugModel::kMaxRows + 149));

    QTest::mouseClick(console->findChild<QPushButton *>(QStringLiteral("clearButton")), Qt::LeftButton);
    QCOMPARE(console->model()->rowCount(), 0);
    QVERIFY(!console->emptyText().isEmpty());
}

void TestChannelsPage::editorEmitsSaveWithEditedValues()
{
    ui::ChannelsPage *p = page();
    p->tabs()->setCurrentIndex(ui::ChannelsPage::AppsTab);
    p->selectApp(QStringLiteral("3"));
    QSignalSpy saved(m_monitor.get(), &channels::ChannelsMonitor::saveAppRequested);

    QTest::mouseClick(p->findChild<QPushButton *>(QStringLiteral("editAppButton")), Qt::LeftButton);
    ui::ChannelsAppEditor *editor = p->findChild<ui::ChannelsAppEditor *>();
    QVERIFY(editor);
    QTRY_VERIFY(editor->isVisible());
    QCOMPARE(editor->findChild<QLineEdit *>(QStringLiteral("nameEdit"))->text(), QStringLiteral("zeta"));

    auto *name = editor->findChild<QLineEdit *>(QStringLiteral("nameEdit"));
    name->clear();
    QTest::keyClicks(name, QStringLiteral("zeta-prod"));
    editor->findChild<QCheckBox *>(QStringLiteral("enabledCheck"))->setChecked(false);
    editor->findChild<QSpinBox *>(QStringLiteral("maxConnectionsSpin"))->setValue(50);
    editor->findChild<QCheckBox *>(QStringLiteral("clientEventsCheck"))->setChecked(false);
    editor->findChild<QSpinBox *>(QStringLiteral("maxPresenceMembersSpin"))->setValue(7);
    editor->findChild<QSpinBox *>(QStringLiteral("maxEventBytesSpin"))->setValue(2048);
    editor->findChild<QSpinBox *>(QStringLiteral("maxChannelNameLengthSpin"))->setValue(100);
    editor->findChild<QLineEdit *>(QStringLiteral("webhookUrlEdit"))->setText(QStringLiteral("https://example.com/hook"));
    editor->findChild<QCheckBox *>(QStringLiteral("webhook-member_added"))->setChecked(true);
    editor->findChild<QCheckBox *>(QStringLiteral("webhook-channel_vacated"))->setChecked(true);
    if (!qEnvironmentVariableIsEmpty("HOMEPORT_GUI_SCREENSHOTS"))
        editor->grab().save(qEnvironmentVariable("HOMEPORT_GUI_SCREENSHOTS") + QStringLiteral("/channels-editor.png"));
    QTest::mouseClick(editor->findChild<QPushButton *>(QStringLiteral("saveButton")), Qt::LeftButton);

    QCOMPARE(saved.count(), 1);
    const AppInfo app = saved.first().first().value<AppInfo>();
    QCOMPARE(app.id, QStringLiteral("3"));
    QCOMPARE(app.key, QStringLiteral("zkey"));
    QCOMPARE(app.secret, QStringLiteral("zsecret-very-private"));
    QCOMPARE(app.name, QStringLiteral("zeta-prod"));
    QCOMPARE(app.enabled, false);
    QCOMPARE(app.limits.maxConnections, 50);
    QCOMPARE(app.limits.clientEvents, false);
    QCOMPARE(app.limits.maxPresenceMembers, 7);
    QCOMPARE(app.limits.maxEventBytes, 2048);
    QCOMPARE(app.limits.maxChannelNameLength, 100);
    QCOMPARE(app.webhookUrl, QStringLiteral("https://example.com/hook"));
    QCOMPARE(app.webhookEvents, (QStringList{"channel_vacated", "member_added"}));
    QTRY_VERIFY(p->findChild<ui::ChannelsAppEditor *>() == nullptr); // closed and deleted
}

void TestChannelsPage::editorRejectsInvalidInputAndCreatesNew()
{
    ui::ChannelsPage *p = page();
    QSignalSpy saved(m_monitor.get(), &channels::ChannelsMonitor::saveAppRequested);
    QTest::mouseClick(p->findChild<QPushButton *>(QStringLiteral("newAppButton")), Qt::LeftButton);
    ui::ChannelsAppEditor *editor = p->findChild<ui::ChannelsAppEditor *>();
    QVERIFY(editor);
    QTRY_VERIFY(editor->isVisible());
    auto *save = editor->findChild<QPushButton *>(QStringLiteral("saveButton"));
    auto *name = editor->findChild<QLineEdit *>(QStringLiteral("nameEdit"));
    auto *url = editor->findChild<QLineEdit *>(QStringLiteral("webhookUrlEdit"));

    name->clear();
    QTest::mouseClick(save, Qt::LeftButton);
    QCOMPARE(saved.count(), 0);
    QVERIFY(editor->isVisible());
    QVERIFY(editor->findChild<QLabel *>(QStringLiteral("errorText"))->isVisible());

    QTest::keyClicks(name, QStringLiteral("staging"));
    url->setText(QStringLiteral("ftp://example.com/hook"));
    QTest::mouseClick(save, Qt::LeftButton);
    QCOMPARE(saved.count(), 0);
    url->setText(QStringLiteral("https://example.com/hook")); // but no event chosen
    QTest::mouseClick(save, Qt::LeftButton);
    QCOMPARE(saved.count(), 0);
    url->clear();
    QTest::mouseClick(save, Qt::LeftButton);
    QCOMPARE(saved.count(), 1);
    const AppInfo app = saved.first().first().value<AppInfo>();
    QVERIFY(app.id.isEmpty()); // the service generates id, key and secret
    QVERIFY(app.key.isEmpty() && app.secret.isEmpty());
    QCOMPARE(app.name, QStringLiteral("staging"));
    QCOMPARE(app.limits.maxConnections, channels::AppLimits{}.maxConnections); // defaults kept
}

void TestChannelsPage::deleteAsksFirst()
{
    ui::ChannelsPage *p = page();
    p->selectApp(QStringLiteral("20"));
    QSignalSpy deleted(m_monitor.get(), &channels::ChannelsMonitor::deleteAppRequested);
    QString asked;
    p->setConfirmFunction([&asked](QWidget *, const QString &, const QString &text) {
        asked = text;
        return false;
    });
    QTest::mouseClick(p->findChild<QPushButton *>(QStringLiteral("deleteAppButton")), Qt::LeftButton);
    QVERIFY(asked.contains(QStringLiteral("mid")));
    QVERIFY(asked.contains(QStringLiteral("12 open connections"))); // it warns about live clients
    QCOMPARE(deleted.count(), 0);

    p->setConfirmFunction([](QWidget *, const QString &, const QString &) { return true; });
    QTest::mouseClick(p->findChild<QPushButton *>(QStringLiteral("deleteAppButton")), Qt::LeftButton);
    QCOMPARE(deleted.count(), 1);
    QCOMPARE(deleted.first().first().toString(), QStringLiteral("20"));
}

void TestChannelsPage::testEventFormValidatesJson()
{
    ui::ChannelsPage *p = page();
    p->tabs()->setCurrentIndex(ui::ChannelsPage::DebugTab);
    ui::ChannelsTestEventForm *form = p->testEventForm();
    QSignalSpy triggered(m_monitor.get(), &channels::ChannelsMonitor::triggerRequested);
    auto *app = form->findChild<QComboBox *>(QStringLiteral("appCombo"));
    auto *channel = form->findChild<QLineEdit *>(QStringLiteral("channelEdit"));
    auto *event = form->findChild<QLineEdit *>(QStringLiteral("eventEdit"));
    auto *data = form->findChild<QPlainTextEdit *>(QStringLiteral("dataEdit"));
    auto *send = form->findChild<QPushButton *>(QStringLiteral("sendButton"));
    QVERIFY(send->isEnabled());
    QCOMPARE(app->currentIndex(), 0); // an app is chosen as soon as there is one
    QVERIFY(!form->currentAppId().isEmpty());
    app->setCurrentIndex(app->findData(QStringLiteral("1")));
    channel->setText(QStringLiteral("news"));
    event->setText(QStringLiteral("headline"));

    data->setPlainText(QStringLiteral("{\"title\": oops}"));
    QTest::mouseClick(send, Qt::LeftButton);
    QCOMPARE(triggered.count(), 0);
    QVERIFY(form->message().contains(QStringLiteral("JSON")));
    screenshot(QStringLiteral("test-event-invalid"));

    data->setPlainText(QStringLiteral("{\"a\": 1} {\"b\": 2}")); // two values are not one JSON text
    QTest::mouseClick(send, Qt::LeftButton);
    QCOMPARE(triggered.count(), 0);

    data->setPlainText(QStringLiteral("{\"title\": \"hi\"}"));
    channel->setText(QStringLiteral("bad channel!"));
    QTest::mouseClick(send, Qt::LeftButton);
    QCOMPARE(triggered.count(), 0);

    // Over the app's event size limit.
    channel->setText(QStringLiteral("news"));
    data->setPlainText(QStringLiteral("\"%1\"").arg(QString(channels::AppLimits{}.maxEventBytes, QLatin1Char('x'))));
    QTest::mouseClick(send, Qt::LeftButton);
    QCOMPARE(triggered.count(), 0);

    data->setPlainText(QStringLiteral("{\"title\": \"hi\"}"));
    QTest::mouseClick(send, Qt::LeftButton);
    QCOMPARE(triggered.count(), 1);
    const QList<QVariant> args = triggered.first();
    QCOMPARE(args.at(0).toString(), QStringLiteral("1"));
    QCOMPARE(args.at(1).toString(), QStringLiteral("news"));
    QCOMPARE(args.at(2).toString(), QStringLiteral("headline"));
    QCOMPARE(args.at(3).toString(), QStringLiteral("{\"title\": \"hi\"}"));
    QVERIFY(form->message().contains(QStringLiteral("Sent")));

    // Any JSON value is data, as JSON.parse would accept it.
    data->setPlainText(QStringLiteral("\"just text\""));
    QVERIFY(form->send());
    QCOMPARE(triggered.count(), 2);
    screenshot(QStringLiteral("test-event-sent"));
}

void TestChannelsPage::deliveryLogShowsFailuresInRed()
{
    ui::ChannelsPage *p = page();
    p->tabs()->setCurrentIndex(ui::ChannelsPage::WebhooksTab);
    QVERIFY(p->deliveriesEmptyState()->isVisible());
    channels::WebhookDelivery ok;
    ok.time = QDateTime::currentDateTimeUtc();
    ok.appId = QStringLiteral("3");
    ok.url = QStringLiteral("https://example.com/hook");
    ok.events = {QStringLiteral("channel_occupied"), QStringLiteral("member_added")};
    ok.status = 200;
    channels::WebhookDelivery bad = ok;
    bad.attempt = 3;
    bad.status = 0;
    bad.error = QStringLiteral("Connection refused");
    channels::WebhookDelivery rejected = ok;
    rejected.status = 500;
    m_monitor->addDelivery(ok);
    m_monitor->addDelivery(bad);
    m_monitor->addDelivery(rejected);

    QTRY_VERIFY(p->deliveryView()->isVisible());
    QVERIFY(!p->deliveriesEmptyState()->isVisible());
    const QAbstractItemModel *view = p->deliveryView()->model();
    QCOMPARE(view->rowCount(), 3);
    using M = ui::ChannelsDeliveryModel;
    // Newest first: 500, refused, 200.
    QCOMPARE(column(view, M::StatusColumn), (QStringList{"500", "no answer", "200"}));
    QCOMPARE(view->index(1, M::ErrorColumn).data().toString(), QStringLiteral("Connection refused"));
    QCOMPARE(view->index(1, M::AttemptColumn).data().toInt(), 3);
    QCOMPARE(view->index(0, M::AppColumn).data().toString(), QStringLiteral("zeta"));
    QCOMPARE(view->index(0, M::EventsColumn).data().toString(), QStringLiteral("channel_occupied, member_added"));
    QCOMPARE(view->index(0, M::UrlColumn).data(Qt::ForegroundRole).value<QColor>(), ui::Theme::failed());
    QCOMPARE(view->index(1, M::UrlColumn).data(Qt::ForegroundRole).value<QColor>(), ui::Theme::failed());
    QVERIFY(view->index(2, M::UrlColumn).data(Qt::ForegroundRole).value<QColor>() != ui::Theme::failed());
    p->deliveryView()->sortByColumn(M::StatusColumn, Qt::AscendingOrder);
    QCOMPARE(column(view, M::StatusColumn), (QStringList{"no answer", "200", "500"}));
    p->deliveryView()->sortByColumn(M::TimeColumn, Qt::DescendingOrder);
    screenshot(QStringLiteral("webhooks"));
}

void TestChannelsPage::chartsFollowMetrics()
{
    ui::ChannelsPage *p = page();
    p->tabs()->setCurrentIndex(ui::ChannelsPage::OverviewTab);
    m_metrics->addToSeries(QStringLiteral("channels.connections"), 17);
    m_metrics->addToSeries(QStringLiteral("channels.messages"), 250);
    p->refresh();
    QCOMPARE(p->connectionsChart()->peak(), 17.0);
    QCOMPARE(p->messagesChart()->peak(), 250.0);
    QCOMPARE(p->statText(QStringLiteral("apps")), QStringLiteral("3"));
    QCOMPARE(p->statText(QStringLiteral("channels")), QStringLiteral("3"));
    QCOMPARE(p->statText(QStringLiteral("members")), QStringLiteral("1"));
    screenshot(QStringLiteral("overview"));
}

void TestChannelsPage::clusterCountsComeFromEveryLiveNode()
{
    auto *line = page()->findChild<QLabel *>(QStringLiteral("clusterLine"));
    QVERIFY(line);
    QVERIFY(line->isHidden()); // the local adapter says nothing
    int local = 0;
    for (int n : std::as_const(m_snapshot.connectionsByApp))
        local += n;

    channels::ClusterStatus cluster;
    cluster.adapter = QStringLiteral("redis");
    cluster.endpoint = QStringLiteral("10.0.0.9:6379/0");
    cluster.connected = true;
    cluster.nodeId = QStringLiteral("web-1");
    channels::ClusterNode self;
    self.id = QStringLiteral("web-1");
    self.self = true;
    self.connections = 999; // the heartbeat's figure lags; this node counts its own live
    channels::ClusterNode other;
    other.id = QStringLiteral("web-2");
    other.connections = 40;
    channels::ClusterNode dead;
    dead.id = QStringLiteral("web-3");
    dead.connections = 500;
    dead.alive = false;
    cluster.nodes = {self, other, dead};
    m_snapshot.cluster = cluster;
    publish();
    QCOMPARE(page()->statText(QStringLiteral("connections")), QLocale().toString(local + 40));
    QVERIFY(!line->isHidden());
    QVERIFY2(line->text().contains(QStringLiteral("2 nodes")), qPrintable(line->text()));
    QVERIFY(page()->findChild<QLabel *>(QStringLiteral("connectionsNow"))->text().contains(QStringLiteral("on 2 nodes")));

    m_snapshot.cluster.connected = false;
    m_snapshot.cluster.error = QStringLiteral("Connection refused");
    publish();
    QVERIFY2(line->text().contains(QStringLiteral("unreachable (Connection refused)")), qPrintable(line->text()));
    QCOMPARE(page()->statText(QStringLiteral("connections")), QLocale().toString(local));

    m_snapshot.cluster = {};
    publish();
    QVERIFY(line->isHidden());
}

void TestChannelsPage::everyTabFitsTheWindow()
{
    guitest::verifyEveryTabFits(page(), page()->tabs());
}

QTEST_MAIN(TestChannelsPage)
#include "tst_channels_page.moc"
