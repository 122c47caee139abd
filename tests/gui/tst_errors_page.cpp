// The Errors page against a real ErrorsMonitor (the contract object between the errors service
// and the console). A tiny fake responder stands in for the service: it listens to the request
// signals and answers issuesReady/issueReady with canned data, queued, as the service's thread
// would. The test checks what the page shows and which requests and commands it sends.
// Set HOMEPORT_GUI_SCREENSHOTS=<dir> to keep PNGs of the window and of every tab.

#include "core/metrics.h"
#include "service_page_test_helpers.h"
#include "core/service_catalog.h"
#include "errors/errors_monitor.h"
#include "ui/empty_state.h"
#include "ui/errors_bar_chart.h"
#include "ui/errors_issue_model.h"
#include "ui/errors_issue_view.h"
#include "ui/errors_page.h"
#include "ui/errors_project_editor.h"
#include "ui/errors_project_model.h"
#include "ui/errors_tag_chart.h"
#include "ui/main_window.h"
#include "ui/service_commands.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
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
#include <QTableWidget>
#include <QTest>
#include <QTextBrowser>
#include <QTimer>

#include <memory>

using namespace homeport;
using guitest::column;
using errors::IssueDetail;
using errors::IssueQuery;
using errors::IssueStatus;
using errors::IssueSummary;
using errors::ProjectInfo;

namespace {

ProjectInfo makeProject(qint64 id, const QString &name, const QString &platform, const QString &key)
{
    ProjectInfo p;
    p.id = id;
    p.name = name;
    p.platform = platform;
    p.keys = {key};
    return p;
}

IssueSummary makeIssue(qint64 id, const QString &title, const QString &culprit, const QString &level, qint64 count,
                       qint64 users, int lastSeenMinutesAgo)
{
    IssueSummary s;
    s.id = id;
    s.projectId = 1;
    s.title = title;
    s.culprit = culprit;
    s.level = level;
    s.count = count;
    s.users = users;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    s.lastSeen = now.addSecs(-60 * lastSeenMinutesAgo);
    s.firstSeen = now.addDays(-int(id));
    s.last24Hours = QVector<int>(24, 0);
    s.last24Hours[23] = int(count % 7);
    s.last24Hours[10] = int(count % 5);
    return s;
}

QJsonObject frame(const QString &function, const QString &file, int line, bool inApp, const QString &code = {})
{
    QJsonObject f{{"function", function}, {"filename", file}, {"lineno", line}, {"in_app", inApp}};
    if (!code.isEmpty()) {
        f.insert("context_line", code);
        f.insert("pre_context", QJsonArray{"async function checkout(cart) {", "  const total = sum(cart);"});
        f.insert("post_context", QJsonArray{"}", ""});
    }
    return f;
}

// A Node event as @sentry/node sends it: a chained exception, frames oldest first (library code
// around the app's own), breadcrumbs, tags as pairs, user, request, release and SDK.
QJsonObject nodeEvent(const QString &eventId, const QString &value)
{
    const QJsonArray frames{
        frame("processTicksAndRejections", "node:internal/process/task_queues", 95, false),
        frame("Layer.handle", "node_modules/express/lib/router/layer.js", 95, false),
        frame("Router.dispatch", "node_modules/express/lib/router/index.js", 284, false),
        frame("handleCheckout", "src/routes/cart.js", 42, true, "  if (!cart.items) throw new TypeError('cart.items is undefined');"),
        frame("Cart.total", "src/models/cart.js", 17, true, "  return this.items.reduce((a, b) => a + b.price, 0);"),
    };
    QJsonObject cause{{"type", "ValidationError"}, {"value", "price missing"},
                      {"stacktrace", QJsonObject{{"frames", QJsonArray{frame("validate", "src/validate.js", 8, true, "  throw new ValidationError('price missing');")}}}}};
    QJsonObject outer{{"type", "TypeError"}, {"value", value},
                      {"mechanism", QJsonObject{{"type", "onunhandledrejection"}, {"handled", false}}},
                      {"stacktrace", QJsonObject{{"frames", frames}}}};
    QJsonArray crumbs{
        QJsonObject{{"timestamp", 1700000000.5}, {"category", "console"}, {"level", "info"}, {"message", "loading cart"}},
        QJsonObject{{"timestamp", "2023-11-14T22:13:21.250Z"}, {"category", "http"}, {"type", "http"},
                    {"data", QJsonObject{{"method", "GET"}, {"url", "/api/prices"}, {"status_code", 500}}}},
    };
    return QJsonObject{
        {"event_id", eventId},
        {"timestamp", 1700000001.25},
        {"platform", "node"},
        {"level", "error"},
        {"release", "shop@1.4.2"},
        {"environment", "production"},
        {"exception", QJsonObject{{"values", QJsonArray{cause, outer}}}},
        {"breadcrumbs", QJsonObject{{"values", crumbs}}},
        {"tags", QJsonArray{QJsonArray{"route", "/checkout"}, QJsonArray{"browser", "Chrome 120"}}},
        {"user", QJsonObject{{"id", "42"}, {"email", "ada@example.com"}}},
        {"request", QJsonObject{{"method", "POST"}, {"url", "https://shop.example.com/checkout"},
                                {"headers", QJsonObject{{"User-Agent", "Mozilla/5.0"}}}}},
        {"contexts", QJsonObject{{"runtime", QJsonObject{{"name", "node"}, {"version", "v20.10.0"}}}}},
        {"sdk", QJsonObject{{"name", "sentry.javascript.node"}, {"version", "7.91.0"}}},
    };
}

// Stands in for the errors service: answers each request, queued, from canned data.
class FakeResponder : public QObject
{
    Q_OBJECT
public:
    explicit FakeResponder(errors::ErrorsMonitor *monitor)
        : m_monitor(monitor)
    {
        connect(monitor, &errors::ErrorsMonitor::issuesRequested, this, [this](quint64 id, const IssueQuery &query) {
            queries.append({id, query});
            if (autoAnswer)
                QTimer::singleShot(0, this, [this, id] { Q_EMIT m_monitor->issuesReady(id, issues); });
        });
        connect(monitor, &errors::ErrorsMonitor::issueRequested, this,
                [this](quint64 id, qint64 issueId, const QString &eventId) {
                    issueRequests.append({id, {issueId, eventId}});
                    const IssueDetail detail = detailFor(issueId, eventId);
                    if (autoAnswer)
                        QTimer::singleShot(0, this, [this, id, detail] { Q_EMIT m_monitor->issueReady(id, detail); });
                });
    }

    IssueDetail detailFor(qint64 issueId, const QString &eventId) const
    {
        IssueDetail d;
        for (const IssueSummary &s : issues) {
            if (s.id == issueId)
                d.summary = s;
        }
        const QStringList ids = eventIds.value(issueId);
        if (d.summary.id == 0 || ids.isEmpty())
            return IssueDetail{};
        int at = eventId.isEmpty() ? int(ids.size()) - 1 : int(ids.indexOf(eventId));
        if (at < 0)
            return IssueDetail{};
        d.eventId = ids[at];
        d.event = nodeEvent(ids[at], QStringLiteral("cart.items is undefined (event %1)").arg(at + 1));
        d.previousEventId = at > 0 ? ids[at - 1] : QString();
        d.nextEventId = at + 1 < ids.size() ? ids[at + 1] : QString();
        d.groupingReason = QStringLiteral("in-app frames: src/routes/cart.js handleCheckout, src/models/cart.js Cart.total");
        d.last30Days = QVector<int>(30, 0);
        d.last30Days[29] = 12;
        d.last30Days[20] = 4;
        d.tags = {errors::TagSummary{QStringLiteral("browser"), {{QStringLiteral("Chrome 120"), 15}, {QStringLiteral("Firefox 121"), 5}}},
                  errors::TagSummary{QStringLiteral("route"), {{QStringLiteral("/checkout"), 20}}}};
        return d;
    }

    QList<QPair<quint64, IssueQuery>> queries;
    QList<QPair<quint64, QPair<qint64, QString>>> issueRequests;
    QList<IssueSummary> issues;
    QHash<qint64, QStringList> eventIds; // oldest first
    bool autoAnswer = true;

private:
    errors::ErrorsMonitor *m_monitor;
};

} // namespace

class TestErrorsPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void installedInPlaceOfTheGenericPage();
    void emptyStatesWithoutProjects();
    void nullMonitorShowsEmptyStates();
    void noIssuesEmptyStateWithProjects();
    void issuesTableShowsRowsAndSorts();
    void searchAndProjectFilterAreSent();
    void staleAnswersAreIgnored();
    void selectingAnIssueShowsItsStackTrace();
    void openIssueAgesMoveWithTheTable();
    void resolveIgnoreReopenSendStatus();
    void previousAndNextWalkEvents();
    void issuesChangedRequeriesThrottled();
    void projectsShowDsnAndSnippets();
    void editorEmitsSaveWithEditedValues();
    void editorCreatesNewAndRejectsBadWebhook();
    void deleteAsksFirst();
    void eventsChartSumsMinutes();
    void everyTabFitsTheWindow();

private:
    void publish();
    void screenshot(const QString &name);
    ui::ErrorsPage *page() const
    {
        return qobject_cast<ui::ErrorsPage *>(m_window->servicePage(QStringLiteral("errors")));
    }

    std::unique_ptr<core::Metrics> m_metrics;
    std::unique_ptr<errors::ErrorsMonitor> m_monitor;
    std::unique_ptr<FakeResponder> m_fake;
    std::unique_ptr<ui::MainWindow> m_window;
    errors::ErrorsSnapshot m_snapshot;
};

void TestErrorsPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_metrics = std::make_unique<core::Metrics>();
    m_monitor = std::make_unique<errors::ErrorsMonitor>();
    m_fake = std::make_unique<FakeResponder>(m_monitor.get());

    ui::ConsoleContext context;
    context.metrics = m_metrics.get();
    context.errors = m_monitor.get();
    context.clientSettings = guitest::clientSettingsFor(QStringLiteral("errors"), 8123);
    m_window = guitest::openConsoleOn(context, QStringLiteral("errors"));
    QVERIFY(m_window);

    guitest::showAsRunning(page(), QStringLiteral("errors"), 8123);
}

void TestErrorsPage::cleanupTestCase()
{
    m_window.reset();
    m_fake.reset();
    m_monitor.reset();
}

void TestErrorsPage::publish()
{
    m_snapshot.takenAt = QDateTime::currentDateTimeUtc();
    m_monitor->publish(m_snapshot);
    QTRY_COMPARE(page()->statText(QStringLiteral("projects")), QString::number(m_snapshot.projects.size()));
    QTest::qWait(ui::ErrorsPage::kSnapshotDelayMs + 50);
}

void TestErrorsPage::screenshot(const QString &name)
{
    QVERIFY(guitest::saveScreenshot(m_window.get(), page(), page()->tabs(), QStringLiteral("errors-") + name));
}

void TestErrorsPage::installedInPlaceOfTheGenericPage()
{
    QVERIFY2(page(), "MainWindow must install an ErrorsPage when the context has a monitor");
    QCOMPARE(page()->monitor(), m_monitor.get());
    QVERIFY(page()->dashboard());
    QVERIFY(!page()->emptyState()->isVisible());
    QCOMPARE(page()->tabs()->count(), 3);
    // The page asked for the default list as soon as it was built.
    QVERIFY(!m_fake->queries.isEmpty());
    QCOMPARE(m_fake->queries.first().second.search, QStringLiteral("is:unresolved"));
    QCOMPARE(m_fake->queries.first().second.sortBy, QStringLiteral("last_seen"));
    QVERIFY(m_fake->queries.first().second.descending);
}

void TestErrorsPage::emptyStatesWithoutProjects()
{
    ui::ErrorsPage *p = page();
    p->tabs()->setCurrentIndex(ui::ErrorsPage::IssuesTab);
    QTRY_VERIFY(p->noProjectsState()->isVisible());
    QVERIFY(!p->issueTable()->isVisible());
    screenshot(QStringLiteral("issues-no-projects"));
    p->tabs()->setCurrentIndex(ui::ErrorsPage::ProjectsTab);
    QTRY_VERIFY(p->projectsEmptyState()->isVisible());
    QVERIFY(p->findChild<QPushButton *>(QStringLiteral("newProjectButton"))->isEnabled());
    QVERIFY(!p->findChild<QPushButton *>(QStringLiteral("editProjectButton"))->isEnabled());
}

void TestErrorsPage::nullMonitorShowsEmptyStates()
{
    ui::ServiceCommands commands(nullptr);
    ui::ErrorsPage lonely(*core::findService(QStringLiteral("errors")), ui::ConsoleContext{}, &commands);
    lonely.resize(1000, 900);
    lonely.show();
    QVERIFY(QTest::qWaitForWindowExposed(&lonely));
    lonely.tabs()->setCurrentIndex(ui::ErrorsPage::IssuesTab);
    QTRY_VERIFY(lonely.noProjectsState()->isVisible());
    QVERIFY(!lonely.searchEdit()->isEnabled());
    lonely.tabs()->setCurrentIndex(ui::ErrorsPage::ProjectsTab);
    QTRY_VERIFY(lonely.projectsEmptyState()->isVisible());
    QVERIFY(!lonely.findChild<QPushButton *>(QStringLiteral("newProjectButton"))->isEnabled());
    QCOMPARE(lonely.newProject(), nullptr);
    QVERIFY(!lonely.deleteSelectedProject());
    lonely.requestIssues(); // nothing to send to, nothing crashes
    lonely.refresh();
    lonely.tabs()->setCurrentIndex(ui::ErrorsPage::OverviewTab);
    QCOMPARE(lonely.statText(QStringLiteral("issues")), QStringLiteral("0"));
}

void TestErrorsPage::noIssuesEmptyStateWithProjects()
{
    m_snapshot.projects = {makeProject(2, QStringLiteral("shop-backend"), QStringLiteral("node"), QStringLiteral("abc123")),
                           makeProject(1, QStringLiteral("billing"), QStringLiteral("python"), QStringLiteral("py_key_9"))};
    m_snapshot.dsnHost = QStringLiteral("127.0.0.1:8123");
    publish();
    ui::ErrorsPage *p = page();
    p->tabs()->setCurrentIndex(ui::ErrorsPage::IssuesTab);
    p->requestIssues(); // answered with the fake's (empty) list
    QTRY_VERIFY(p->noIssuesState()->isVisible());
    QVERIFY(!p->noProjectsState()->isVisible());
    screenshot(QStringLiteral("issues-empty"));

    // A search that finds nothing is not "no issues yet": the list stays, with a hint.
    p->searchEdit()->setText(QStringLiteral("is:resolved nothing-like-this"));
    p->requestIssues();
    QTRY_VERIFY(p->issuesHint().contains(QStringLiteral("nothing-like-this")));
    QVERIFY(!p->noIssuesState()->isVisible());
    p->searchEdit()->setText(QStringLiteral("is:unresolved"));
    p->requestIssues();
    QTRY_VERIFY(p->noIssuesState()->isVisible());
}

void TestErrorsPage::issuesTableShowsRowsAndSorts()
{
    m_fake->issues = {
        makeIssue(11, QStringLiteral("TypeError: cart.items is undefined"), QStringLiteral("src/routes/cart.js in handleCheckout"),
                  QStringLiteral("error"), 20, 3, 2),
        makeIssue(12, QStringLiteral("Deprecated API used"), QStringLiteral("app/legacy.py in old_call"),
                  QStringLiteral("warning"), 250, 40, 30),
        makeIssue(13, QStringLiteral("Out of memory"), QStringLiteral("worker.js in run"), QStringLiteral("fatal"), 3, 1, 600),
    };
    m_fake->eventIds = {{11, {QStringLiteral("a1"), QStringLiteral("a2"), QStringLiteral("a3")}},
                        {12, {QStringLiteral("b1")}},
                        {13, {QStringLiteral("c1")}}};
    ui::ErrorsPage *p = page();
    p->tabs()->setCurrentIndex(ui::ErrorsPage::IssuesTab);
    p->requestIssues();
    QTRY_COMPARE(p->issueTable()->model()->rowCount(), 3);
    QTRY_VERIFY(p->issueTable()->isVisible());
    QVERIFY(!p->noIssuesState()->isVisible());
    // The view opens the top issue (newest) by itself, with its latest event.
    QTRY_VERIFY(p->issueView()->hasIssue());
    QCOMPARE(p->selectedIssueId(), qint64(11));
    QCOMPARE(m_fake->issueRequests.last().second, (QPair<qint64, QString>(11, QString())));

    using M = ui::ErrorsIssueModel;
    const QAbstractItemModel *view = p->issueTable()->model();
    // Default: last seen, newest first.
    QCOMPARE(column(view, M::TitleColumn),
             (QStringList{"TypeError: cart.items is undefined", "Deprecated API used", "Out of memory"}));
    QCOMPARE(view->index(0, M::LastSeenColumn).data().toString(), QStringLiteral("2 min ago"));
    QCOMPARE(view->index(2, M::LastSeenColumn).data().toString(), QStringLiteral("10 h ago"));
    QCOMPARE(view->index(1, M::CountColumn).data().toString(), QLocale().toString(250));
    QCOMPARE(view->index(0, M::StatusColumn).data().toString(), QStringLiteral("unresolved"));
    QCOMPARE(view->index(0, M::LevelColumn).data(Qt::ForegroundRole).value<QColor>(), M::levelColor(QStringLiteral("error")));
    QVERIFY(M::levelColor(QStringLiteral("error")) != M::levelColor(QStringLiteral("warning")));
    QCOMPARE(view->index(0, M::TrendColumn).data(M::TrendRole).value<QVector<int>>().size(), 24);

    // A server-side field: sorted here and asked for again with sortBy/descending.
    const int before = int(m_fake->queries.size());
    p->issueTable()->sortByColumn(M::CountColumn, Qt::DescendingOrder);
    QCOMPARE(column(view, M::CountColumn), (QStringList{QLocale().toString(250), "20", "3"}));
    QCOMPARE(m_fake->queries.size(), before + 1);
    QCOMPARE(m_fake->queries.last().second.sortBy, QStringLiteral("count"));
    QVERIFY(m_fake->queries.last().second.descending);
    p->issueTable()->sortByColumn(M::CountColumn, Qt::AscendingOrder);
    QCOMPARE(m_fake->queries.last().second.sortBy, QStringLiteral("count"));
    QVERIFY(!m_fake->queries.last().second.descending);
    QTRY_COMPARE(column(view, M::CountColumn), (QStringList{"3", "20", QLocale().toString(250)}));

    // Level is sorted here only, by severity rather than alphabet.
    const int afterCount = int(m_fake->queries.size());
    p->issueTable()->sortByColumn(M::LevelColumn, Qt::DescendingOrder);
    QCOMPARE(column(view, M::LevelColumn), (QStringList{"fatal", "error", "warning"}));
    QCOMPARE(m_fake->queries.size(), afterCount);

    p->issueTable()->sortByColumn(M::LastSeenColumn, Qt::DescendingOrder);
    QTRY_COMPARE(m_fake->queries.last().second.sortBy, QStringLiteral("last_seen"));
    QTRY_COMPARE(column(view, M::TitleColumn).first(), QStringLiteral("TypeError: cart.items is undefined"));
    screenshot(QStringLiteral("issues"));
}

void TestErrorsPage::searchAndProjectFilterAreSent()
{
    ui::ErrorsPage *p = page();
    p->tabs()->setCurrentIndex(ui::ErrorsPage::IssuesTab);
    QSignalSpy requested(m_monitor.get(), &errors::ErrorsMonitor::issuesRequested);
    QLineEdit *search = p->searchEdit();
    search->setFocus();
    search->selectAll();
    QTest::keyClicks(search, QStringLiteral("level:error browser:Chrome cart"));
    // Typing waits for a pause, then sends one request with the whole text.
    QVERIFY(requested.wait(ui::ErrorsPage::kSearchDelayMs * 4));
    QCOMPARE(requested.count(), 1);
    QCOMPARE(requested.last().at(1).value<IssueQuery>().search, QStringLiteral("level:error browser:Chrome cart"));
    QCOMPARE(p->currentQuery().search, QStringLiteral("level:error browser:Chrome cart"));

    // The project filter lists the snapshot's projects and narrows the query to one.
    QComboBox *filter = p->projectFilter();
    QCOMPARE(filter->count(), 3);
    const int billing = filter->findText(QStringLiteral("billing"));
    QVERIFY(billing > 0);
    filter->setCurrentIndex(billing);
    Q_EMIT filter->activated(billing);
    QCOMPARE(requested.last().at(1).value<IssueQuery>().projectId, qint64(1));
    QCOMPARE(requested.last().at(1).value<IssueQuery>().search, QStringLiteral("level:error browser:Chrome cart"));

    // Back to the defaults.
    filter->setCurrentIndex(0);
    search->setText(QStringLiteral("is:unresolved"));
    QTest::keyClick(search, Qt::Key_Return);
    QCOMPARE(requested.last().at(1).value<IssueQuery>().projectId, qint64(0));
    QCOMPARE(requested.last().at(1).value<IssueQuery>().search, QStringLiteral("is:unresolved"));
    QTRY_COMPARE(p->issueTable()->model()->rowCount(), 3);
}

void TestErrorsPage::staleAnswersAreIgnored()
{
    ui::ErrorsPage *p = page();
    m_fake->autoAnswer = false;
    p->requestIssues();
    const quint64 first = m_fake->queries.last().first;
    p->requestIssues();
    const quint64 second = m_fake->queries.last().first;
    QVERIFY(second > first);

    // The older answer arrives late with different rows: the page must not show them.
    QList<IssueSummary> old = {makeIssue(99, QStringLiteral("Stale issue"), QString(), QStringLiteral("error"), 1, 1, 1)};
    Q_EMIT m_monitor->issuesReady(first, old);
    QApplication::processEvents();
    QCOMPARE(p->issueModel()->rowOf(99), -1);
    QCOMPARE(p->issueModel()->rowCount(), 3);

    QList<IssueSummary> fresh = m_fake->issues.mid(0, 2);
    Q_EMIT m_monitor->issuesReady(second, fresh);
    QCOMPARE(p->issueModel()->rowCount(), 2);

    // Same for an issue: only the latest request's answer is shown.
    p->selectIssue(12);
    QVERIFY(!m_fake->issueRequests.isEmpty());
    const quint64 olderIssue = m_fake->issueRequests.last().first;
    p->selectIssue(11);
    const quint64 newerIssue = m_fake->issueRequests.last().first;
    Q_EMIT m_monitor->issueReady(olderIssue, m_fake->detailFor(12, QString()));
    QApplication::processEvents();
    QVERIFY(!p->issueView()->hasIssue());
    Q_EMIT m_monitor->issueReady(newerIssue, m_fake->detailFor(11, QString()));
    QVERIFY(p->issueView()->hasIssue());
    QCOMPARE(p->issueView()->detail().summary.id, qint64(11));

    m_fake->autoAnswer = true;
    p->requestIssues();
    QTRY_COMPARE(p->issueModel()->rowCount(), 3);
}

void TestErrorsPage::selectingAnIssueShowsItsStackTrace()
{
    ui::ErrorsPage *p = page();
    p->tabs()->setCurrentIndex(ui::ErrorsPage::IssuesTab);
    QSignalSpy requested(m_monitor.get(), &errors::ErrorsMonitor::issueRequested);
    p->selectIssue(12);
    p->selectIssue(11);
    QCOMPARE(requested.last().at(1).toLongLong(), qint64(11));
    QCOMPARE(requested.last().at(2).toString(), QString()); // the latest event
    ui::ErrorsIssueView *v = p->issueView();
    QTRY_VERIFY(v->hasIssue() && v->detail().summary.id == 11);
    QCOMPARE(v->titleText(), QStringLiteral("TypeError: cart.items is undefined"));
    QVERIFY(v->findChild<QLabel *>(QStringLiteral("groupingReason"))->text().contains(QStringLiteral("in-app frames")));
    QCOMPARE(v->daysChart()->total(), 16.0);

    // The chain: the outer TypeError first, then its cause.
    // Rich text turns the badge's spaces into non-breaking ones; compare words, not spacing.
    const QString text = v->stackTraceText().replace(QChar(0x00A0), QLatin1Char(' ')).simplified();
    QVERIFY2(text.contains(QStringLiteral("TypeError")), qPrintable(text));
    QVERIFY(text.indexOf(QStringLiteral("TypeError")) < text.indexOf(QStringLiteral("ValidationError")));
    QVERIFY(text.contains(QStringLiteral("cart.items is undefined (event 3)")));
    QVERIFY(text.contains(QStringLiteral("onunhandledrejection, unhandled")));
    // In-app frames newest first, marked, with their context and line numbers.
    QVERIFY2(text.contains(QStringLiteral("Cart.total in src/models/cart.js line 17 in app")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("handleCheckout in src/routes/cart.js line 42 in app")));
    QVERIFY(text.indexOf(QStringLiteral("Cart.total")) < text.indexOf(QStringLiteral("handleCheckout")));
    QVERIFY(text.contains(QStringLiteral("throw new TypeError('cart.items is undefined');")));
    QVERIFY(text.contains(QStringLiteral("const total = sum(cart);")));
    // The crash line is emphasised in the document: bold, on its own background.
    const QString html = v->stackTraceHtml();
    QVERIFY(html.contains(QStringLiteral("font-weight:600'> ") + QStringLiteral("  if (!cart.items) throw new TypeError(&#x27;cart.items is undefined&#x27;);"))
            || html.contains(QStringLiteral("font-weight:600'>   if (!cart.items) throw new TypeError('cart.items is undefined');")));
    // Library frames are folded until asked for.
    QVERIFY(!text.contains(QStringLiteral("Router.dispatch")));
    QVERIFY(text.contains(QStringLiteral("3 library frames hidden")));
    QVERIFY(!text.contains(QStringLiteral("Router.dispatch in node_modules/express/lib/router/index.js line 284 in app")));
    screenshot(QStringLiteral("issue-stack"));
    Q_EMIT v->stackTraceBrowser()->anchorClicked(QUrl(QStringLiteral("homeport:toggle-frames")));
    const QString expanded = v->stackTraceText().replace(QChar(0x00A0), QLatin1Char(' ')).simplified();
    QVERIFY(expanded.contains(QStringLiteral("Router.dispatch in node_modules/express/lib/router/index.js line 284")));
    QVERIFY(!expanded.contains(QStringLiteral("Router.dispatch in node_modules/express/lib/router/index.js line 284 in app")));
    QVERIFY(v->libraryFramesShown());
    v->setLibraryFramesShown(false);

    // Breadcrumbs, newest first; an http crumb shows its data.
    QTableWidget *crumbs = v->breadcrumbTable();
    QCOMPARE(crumbs->rowCount(), 2);
    QCOMPARE(crumbs->item(0, 1)->text(), QStringLiteral("http"));
    QCOMPARE(crumbs->item(0, 3)->text(), QStringLiteral("GET /api/prices → 500"));
    QCOMPARE(crumbs->item(1, 3)->text(), QStringLiteral("loading cart"));
    v->eventTabs()->setCurrentIndex(ui::ErrorsIssueView::BreadcrumbsTab);
    screenshot(QStringLiteral("issue-breadcrumbs"));

    // Tags with their shares of the issue's 20 events.
    const QStringList tags = v->tagChart()->lines();
    QCOMPARE(tags.size(), 2);
    QVERIFY2(tags[0].startsWith(QStringLiteral("browser: Chrome 120 75%")), qPrintable(tags[0]));
    QVERIFY(tags[0].contains(QStringLiteral("Firefox 121 25%")));
    QCOMPARE(tags[1], QStringLiteral("route: /checkout 100%"));
    v->eventTabs()->setCurrentIndex(ui::ErrorsIssueView::TagsTab);
    screenshot(QStringLiteral("issue-tags"));

    // Context: user, request, release, environment, SDK.
    const QString context = v->findChild<QTextBrowser *>(QStringLiteral("eventContext"))->toPlainText();
    for (const char *expected : {"ada@example.com", "POST https://shop.example.com/checkout", "shop@1.4.2", "production",
                                 "sentry.javascript.node 7.91.0", "Mozilla/5.0", "v20.10.0", "/checkout"})
        QVERIFY2(context.contains(QLatin1String(expected)), expected);
    v->eventTabs()->setCurrentIndex(ui::ErrorsIssueView::ContextTab);
    screenshot(QStringLiteral("issue-context"));
    v->eventTabs()->setCurrentIndex(ui::ErrorsIssueView::StackTraceTab);
}

void TestErrorsPage::openIssueAgesMoveWithTheTable()
{
    // Issue 11 was last seen 2 minutes and first seen 11 days before the fake listed it.
    ui::ErrorsPage *p = page();
    p->tabs()->setCurrentIndex(ui::ErrorsPage::IssuesTab);
    p->selectIssue(11);
    ui::ErrorsIssueView *v = p->issueView();
    QTRY_VERIFY(v->hasIssue() && v->detail().summary.id == 11);
    QVERIFY2(v->countsText().contains(QStringLiteral("last seen ")), qPrintable(v->countsText()));

    // Three hours on, the page's once-a-second refresh: the table and the open issue agree.
    const QDateTime later = QDateTime::currentDateTimeUtc().addSecs(3 * 3600);
    p->setClock([later] { return later; });
    p->refresh();
    using M = ui::ErrorsIssueModel;
    const QAbstractItemModel *view = p->issueTable()->model();
    const int row = int(column(view, M::TitleColumn).indexOf(QStringLiteral("TypeError: cart.items is undefined")));
    QVERIFY(row >= 0);
    QCOMPARE(view->index(row, M::LastSeenColumn).data().toString(), QStringLiteral("3 h ago"));
    QVERIFY2(v->countsText().contains(QStringLiteral("last seen 3 h ago")), qPrintable(v->countsText()));
    QVERIFY2(v->countsText().contains(QStringLiteral("first seen 11 d ago")), qPrintable(v->countsText()));

    // Opening it again (a fresh answer) keeps the page's clock.
    p->selectIssue(12);
    QTRY_VERIFY(v->hasIssue() && v->detail().summary.id == 12);
    QVERIFY2(v->countsText().contains(QStringLiteral("last seen 3 h ago")), qPrintable(v->countsText()));
    p->setClock({});
    p->refresh();
    QVERIFY2(!v->countsText().contains(QStringLiteral("3 h ago")), qPrintable(v->countsText()));
    // (the cases after this one start from issue 11)
    p->selectIssue(11);
    QTRY_VERIFY(v->hasIssue() && v->detail().summary.id == 11);
}

void TestErrorsPage::resolveIgnoreReopenSendStatus()
{
    ui::ErrorsPage *p = page();
    ui::ErrorsIssueView *v = p->issueView();
    QTRY_VERIFY(v->hasIssue() && v->detail().summary.id == 11);
    QSignalSpy status(m_monitor.get(), &errors::ErrorsMonitor::issueStatusRequested);
    auto *resolve = v->findChild<QPushButton *>(QStringLiteral("resolveButton"));
    auto *ignore = v->findChild<QPushButton *>(QStringLiteral("ignoreButton"));
    auto *reopen = v->findChild<QPushButton *>(QStringLiteral("reopenButton"));
    QVERIFY(resolve->isVisible() && resolve->isEnabled());
    QVERIFY(ignore->isVisible());
    QVERIFY(!reopen->isVisible());

    QTest::mouseClick(resolve, Qt::LeftButton);
    QCOMPARE(status.count(), 1);
    QCOMPARE(status.last().at(0).toLongLong(), qint64(11));
    QCOMPARE(errors::toString(status.last().at(1).value<IssueStatus>()), QStringLiteral("resolved"));
    // Shown at once, in the view and in the table.
    QVERIFY(reopen->isVisible());
    QVERIFY(!resolve->isVisible());
    const int row = p->issueModel()->rowOf(11);
    QCOMPARE(p->issueModel()->index(row, ui::ErrorsIssueModel::StatusColumn).data().toString(), QStringLiteral("resolved"));

    QTest::mouseClick(reopen, Qt::LeftButton);
    QCOMPARE(errors::toString(status.last().at(1).value<IssueStatus>()), QStringLiteral("unresolved"));
    QTest::mouseClick(ignore, Qt::LeftButton);
    QCOMPARE(errors::toString(status.last().at(1).value<IssueStatus>()), QStringLiteral("ignored"));
    QVERIFY(!ignore->isVisible());
    QTest::mouseClick(reopen, Qt::LeftButton);
    QCOMPARE(status.count(), 4);
    QCOMPARE(errors::toString(status.last().at(1).value<IssueStatus>()), QStringLiteral("unresolved"));
}

void TestErrorsPage::previousAndNextWalkEvents()
{
    ui::ErrorsPage *p = page();
    ui::ErrorsIssueView *v = p->issueView();
    QTRY_VERIFY(v->hasIssue() && v->detail().eventId == QStringLiteral("a3"));
    QSignalSpy requested(m_monitor.get(), &errors::ErrorsMonitor::issueRequested);
    // At the newest event: Next is off, Previous on.
    QVERIFY(!v->nextButton()->isEnabled());
    QVERIFY(v->previousButton()->isEnabled());

    QTest::mouseClick(v->previousButton(), Qt::LeftButton);
    QCOMPARE(requested.last().at(1).toLongLong(), qint64(11));
    QCOMPARE(requested.last().at(2).toString(), QStringLiteral("a2"));
    QTRY_COMPARE(v->detail().eventId, QStringLiteral("a2"));
    QVERIFY(v->nextButton()->isEnabled());
    QVERIFY(v->stackTraceText().contains(QStringLiteral("(event 2)")));

    QTest::mouseClick(v->previousButton(), Qt::LeftButton);
    QCOMPARE(requested.last().at(2).toString(), QStringLiteral("a1"));
    QTRY_COMPARE(v->detail().eventId, QStringLiteral("a1"));
    QVERIFY(!v->previousButton()->isEnabled()); // the oldest
    QVERIFY(v->nextButton()->isEnabled());

    QTest::mouseClick(v->nextButton(), Qt::LeftButton);
    QCOMPARE(requested.last().at(2).toString(), QStringLiteral("a2"));
    QTRY_COMPARE(v->detail().eventId, QStringLiteral("a2"));
    // Latest jumps back to the newest event (an empty id asks for it).
    auto *latest = v->findChild<QPushButton *>(QStringLiteral("latestEventButton"));
    QVERIFY(latest->isEnabled());
    QTest::mouseClick(latest, Qt::LeftButton);
    QCOMPARE(requested.last().at(2).toString(), QString());
    QTRY_COMPARE(v->detail().eventId, QStringLiteral("a3"));
    QVERIFY(!latest->isEnabled());

    // An issue that is gone says so instead of showing stale data.
    m_fake->eventIds.remove(13);
    p->selectIssue(13);
    QTRY_VERIFY(v->placeholderText().contains(QStringLiteral("no longer exists")));
    m_fake->eventIds.insert(13, {QStringLiteral("c1")});
    p->selectIssue(11);
    QTRY_VERIFY(v->hasIssue() && v->detail().summary.id == 11);
}

void TestErrorsPage::issuesChangedRequeriesThrottled()
{
    ui::ErrorsPage *p = page();
    ui::ErrorsIssueView *v = p->issueView();
    QTRY_VERIFY(v->hasIssue());
    const QString shownEvent = v->detail().eventId;
    QSignalSpy lists(m_monitor.get(), &errors::ErrorsMonitor::issuesRequested);
    QSignalSpy issue(m_monitor.get(), &errors::ErrorsMonitor::issueRequested);
    m_fake->issues[0].count = 21;
    for (int i = 0; i < 50; ++i)
        Q_EMIT m_monitor->issuesChanged();
    QVERIFY(lists.wait(ui::ErrorsPage::kRequeryDelayMs * 3));
    QTest::qWait(ui::ErrorsPage::kRequeryDelayMs / 2);
    // Fifty changes, one request for the list and one for the shown issue (same event).
    QCOMPARE(lists.count(), 1);
    QCOMPARE(issue.count(), 1);
    QCOMPARE(issue.last().at(1).toLongLong(), v->detail().summary.id);
    QCOMPARE(issue.last().at(2).toString(), shownEvent);
    const int row = p->issueModel()->rowOf(11);
    QTRY_COMPARE(p->issueModel()->index(row, ui::ErrorsIssueModel::CountColumn).data().toString(), QStringLiteral("21"));
    QCOMPARE(p->selectedIssueId(), qint64(11)); // the selection survives the refresh
}

void TestErrorsPage::projectsShowDsnAndSnippets()
{
    ui::ErrorsPage *p = page();
    p->tabs()->setCurrentIndex(ui::ErrorsPage::ProjectsTab);
    QTRY_VERIFY(p->projectTable()->isVisible());
    using M = ui::ErrorsProjectModel;
    const QAbstractItemModel *view = p->projectTable()->model();
    QCOMPARE(column(view, M::NameColumn), (QStringList{"billing", "shop-backend"}));
    QCOMPARE(column(view, M::DsnColumn),
             (QStringList{"http://py_key_9@127.0.0.1:8123/1", "http://abc123@127.0.0.1:8123/2"}));
    p->projectTable()->sortByColumn(M::IdColumn, Qt::DescendingOrder);
    QCOMPARE(column(view, M::IdColumn), (QStringList{"2", "1"}));
    p->projectTable()->sortByColumn(M::NameColumn, Qt::AscendingOrder);

    p->selectProject(2);
    QCOMPARE(p->dsnText(), QStringLiteral("http://abc123@127.0.0.1:8123/2"));
    QVERIFY(p->snippetText().contains(QStringLiteral("@sentry/node")));
    QVERIFY(p->snippetText().contains(QStringLiteral("dsn: 'http://abc123@127.0.0.1:8123/2',")));
    auto *snippetTabs = p->findChild<QTabBar *>(QStringLiteral("snippetTabs"));
    snippetTabs->setCurrentIndex(2);
    QVERIFY(p->snippetText().contains(QStringLiteral("SENTRY_LARAVEL_DSN=http://abc123@127.0.0.1:8123/2")));
    snippetTabs->setCurrentIndex(1);
    QVERIFY(p->snippetText().contains(QStringLiteral("sentry_sdk.init(dsn=\"http://abc123@127.0.0.1:8123/2\")")));
    snippetTabs->setCurrentIndex(3);
    QVERIFY(p->snippetText().contains(QStringLiteral("@sentry/browser")));
    snippetTabs->setCurrentIndex(0);
    QTest::mouseClick(p->findChild<QPushButton *>(QStringLiteral("copyDsnButton")), Qt::LeftButton);
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("http://abc123@127.0.0.1:8123/2"));
    screenshot(QStringLiteral("projects"));
}

void TestErrorsPage::editorEmitsSaveWithEditedValues()
{
    ui::ErrorsPage *p = page();
    p->tabs()->setCurrentIndex(ui::ErrorsPage::ProjectsTab);
    p->selectProject(2);
    QSignalSpy saved(m_monitor.get(), &errors::ErrorsMonitor::saveProjectRequested);
    QTest::mouseClick(p->findChild<QPushButton *>(QStringLiteral("editProjectButton")), Qt::LeftButton);
    auto *editor = p->findChild<ui::ErrorsProjectEditor *>();
    QVERIFY(editor);
    QTRY_VERIFY(editor->isVisible());
    auto *name = editor->findChild<QLineEdit *>(QStringLiteral("nameEdit"));
    QCOMPARE(name->text(), QStringLiteral("shop-backend"));
    name->clear();
    QTest::keyClicks(name, QStringLiteral("shop-api"));
    editor->findChild<QComboBox *>(QStringLiteral("platformCombo"))->setCurrentText(QStringLiteral("javascript"));
    editor->findChild<QSpinBox *>(QStringLiteral("eventsPerMinuteSpin"))->setValue(600);
    editor->findChild<QSpinBox *>(QStringLiteral("retentionDaysSpin"))->setValue(30);
    editor->findChild<QSpinBox *>(QStringLiteral("maxEventsSpin"))->setValue(5000);
    editor->findChild<QPlainTextEdit *>(QStringLiteral("webhooksEdit"))
        ->setPlainText(QStringLiteral("https://hooks.slack.com/services/T0/B0/x\n\n  https://example.com/alert  \n"));
    editor->findChild<QCheckBox *>(QStringLiteral("slackFormatCheck"))->setChecked(true);
    if (!qEnvironmentVariableIsEmpty("HOMEPORT_GUI_SCREENSHOTS"))
        editor->grab().save(qEnvironmentVariable("HOMEPORT_GUI_SCREENSHOTS") + QStringLiteral("/errors-editor.png"));
    QTest::mouseClick(editor->findChild<QPushButton *>(QStringLiteral("saveButton")), Qt::LeftButton);

    QCOMPARE(saved.count(), 1);
    const ProjectInfo project = saved.first().first().value<ProjectInfo>();
    QCOMPARE(project.id, qint64(2));
    QCOMPARE(project.keys, QStringList{QStringLiteral("abc123")});
    QCOMPARE(project.name, QStringLiteral("shop-api"));
    QCOMPARE(project.platform, QStringLiteral("javascript"));
    QCOMPARE(project.eventsPerMinute, 600);
    QCOMPARE(project.retentionDays, 30);
    QCOMPARE(project.maxEvents, 5000);
    QCOMPARE(project.alertWebhooks,
             (QStringList{"https://hooks.slack.com/services/T0/B0/x", "https://example.com/alert"}));
    QVERIFY(project.slackFormat);
}

void TestErrorsPage::editorCreatesNewAndRejectsBadWebhook()
{
    ui::ErrorsPage *p = page();
    QSignalSpy saved(m_monitor.get(), &errors::ErrorsMonitor::saveProjectRequested);
    ui::ErrorsProjectEditor *editor = p->newProject();
    QVERIFY(editor);
    QTRY_VERIFY(editor->isVisible());
    editor->findChild<QLineEdit *>(QStringLiteral("nameEdit"))->setText(QStringLiteral("frontend"));
    editor->findChild<QPlainTextEdit *>(QStringLiteral("webhooksEdit"))->setPlainText(QStringLiteral("ftp://nope"));
    QTest::mouseClick(editor->findChild<QPushButton *>(QStringLiteral("saveButton")), Qt::LeftButton);
    QCOMPARE(saved.count(), 0);
    QVERIFY(editor->isVisible());
    QVERIFY(editor->validate().contains(QStringLiteral("ftp://nope")));
    editor->findChild<QPlainTextEdit *>(QStringLiteral("webhooksEdit"))->clear();
    editor->findChild<QLineEdit *>(QStringLiteral("nameEdit"))->clear();
    QVERIFY(!editor->validate().isEmpty()); // a name is required
    editor->findChild<QLineEdit *>(QStringLiteral("nameEdit"))->setText(QStringLiteral("frontend"));
    QTest::mouseClick(editor->findChild<QPushButton *>(QStringLiteral("saveButton")), Qt::LeftButton);
    QCOMPARE(saved.count(), 1);
    const ProjectInfo created = saved.first().first().value<ProjectInfo>();
    QCOMPARE(created.id, qint64(0));
    QCOMPARE(created.name, QStringLiteral("frontend"));
    QVERIFY(created.alertWebhooks.isEmpty());
}

void TestErrorsPage::deleteAsksFirst()
{
    ui::ErrorsPage *p = page();
    p->tabs()->setCurrentIndex(ui::ErrorsPage::ProjectsTab);
    p->selectProject(1);
    QSignalSpy deleted(m_monitor.get(), &errors::ErrorsMonitor::deleteProjectRequested);
    QString asked;
    p->setConfirmFunction([&asked](QWidget *, const QString &, const QString &text) {
        asked = text;
        return false;
    });
    QTest::mouseClick(p->findChild<QPushButton *>(QStringLiteral("deleteProjectButton")), Qt::LeftButton);
    QVERIFY(asked.contains(QStringLiteral("billing")));
    QCOMPARE(deleted.count(), 0);

    p->setConfirmFunction([](QWidget *, const QString &, const QString &) { return true; });
    QVERIFY(p->deleteSelectedProject());
    QCOMPARE(deleted.count(), 1);
    QCOMPARE(deleted.first().first().toLongLong(), qint64(1));
}

void TestErrorsPage::eventsChartSumsMinutes()
{
    ui::ErrorsPage *p = page();
    p->tabs()->setCurrentIndex(ui::ErrorsPage::OverviewTab);
    m_snapshot.issues = 3;
    m_snapshot.unresolvedIssues = 2;
    m_snapshot.eventsAccepted = 1234;
    m_snapshot.eventsRejected = 5;
    m_snapshot.eventsRateLimited = 7;
    publish();
    QCOMPARE(p->statText(QStringLiteral("accepted")), QLocale().toString(1234));
    QCOMPARE(p->statText(QStringLiteral("rejected")), QStringLiteral("5"));
    QCOMPARE(p->statText(QStringLiteral("ratelimited")), QStringLiteral("7"));
    QCOMPARE(p->statText(QStringLiteral("unresolved")), QStringLiteral("2"));

    // Per-second counts summed into minutes: the chart has 60 bars and every event.
    m_metrics->addToSeries(QStringLiteral("errors.events"), 4);
    m_metrics->addToSeries(QStringLiteral("errors.events"), 6);
    p->refresh();
    QCOMPARE(p->eventsChart()->values().size(), ui::ErrorsPage::kChartMinutes);
    QCOMPARE(p->eventsChart()->total(), 10.0);
    QCOMPARE(p->eventsChart()->peak(), 10.0);
    QCOMPARE(p->eventsChart()->values().last(), 10.0);
    QVERIFY(p->findChild<QLabel *>(QStringLiteral("eventsNow"))->text().contains(QStringLiteral("10")));
    screenshot(QStringLiteral("overview"));
}

void TestErrorsPage::everyTabFitsTheWindow()
{
    guitest::verifyEveryTabFits(page(), page()->tabs());
}

QTEST_MAIN(TestErrorsPage)
#include "tst_errors_page.moc"
