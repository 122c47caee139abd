#include "errors_page.h"

#include "sparkline.h"

#include "core/metrics.h"
#include "dashboard_widgets.h"
#include "empty_state.h"
#include "errors_bar_chart.h"
#include "errors_issue_model.h"
#include "errors_issue_view.h"
#include "errors_project_editor.h"
#include "errors_project_model.h"
#include "errors_snippets.h"
#include "errors_sparkline_delegate.h"
#include "snippet_card.h"
#include "theme.h"
#include "theme_follower.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <cmath>
#include <numeric>

namespace homeport::ui {

namespace {
constexpr int kTabsMinimumHeight = 560; // the issue list and the issue view share this
constexpr int kFoldIntervalMs = 30'000; // well inside the 15 minutes Metrics keeps per second

const QString kTabPage = QStringLiteral("errorsTabPage");

bool isDefaultSearch(const QString &search)
{
    const QString s = search.simplified();
    return s.isEmpty() || s == ErrorsPage::kDefaultSearch;
}
} // namespace

ErrorsPage::ErrorsPage(const core::ServiceInfo &info, const ConsoleContext &context, ServiceCommands *commands,
                       QWidget *parent)
    : ServicePage(info, context, commands, parent)
    , m_monitor(context.errors)
    , m_confirm(confirmWithMessageBox)
    , m_snapshotTimer(new QTimer(this))
    , m_requeryTimer(new QTimer(this))
    , m_searchTimer(new QTimer(this))
    , m_foldTimer(new QTimer(this))
    , m_issueModel(new ErrorsIssueModel(this))
    , m_issueProxy(makeSortProxy(m_issueModel, ErrorsIssueModel::SortRole, this))
    , m_projectModel(new ErrorsProjectModel(this))
    , m_projectProxy(makeSortProxy(m_projectModel, ErrorsProjectModel::SortRole, this))
{
    m_query.search = kDefaultSearch;

    auto *dashboard = new QWidget;
    dashboard->setObjectName(QStringLiteral("errorsDashboard"));
    m_banner = makeDashboardBanner(dashboard, QStringLiteral("errorsBanner"));
    m_tabs = makeDashboardTabs(dashboard, QStringLiteral("errorsTabs"), kTabsMinimumHeight);
    m_tabs->addTab(buildOverviewTab(), tr("Overview"));
    m_tabs->addTab(buildIssuesTab(), tr("Issues"));
    m_tabs->addTab(buildProjectsTab(), tr("Projects"));
    setThemedStyleSheet(dashboard, [] { return tabPageStyleSheet(kTabPage); });
    layOutDashboard(dashboard, m_banner, m_tabs);
    setDashboard(dashboard);
    setTrafficPanelVisible(false); // the Overview tab has the events-per-minute chart

    m_snapshotTimer->setSingleShot(true);
    m_snapshotTimer->setInterval(kSnapshotDelayMs);
    connect(m_snapshotTimer, &QTimer::timeout, this, &ErrorsPage::applySnapshot);
    m_requeryTimer->setSingleShot(true);
    m_requeryTimer->setInterval(kRequeryDelayMs);
    connect(m_requeryTimer, &QTimer::timeout, this, &ErrorsPage::onIssuesChanged);
    m_searchTimer->setSingleShot(true);
    m_searchTimer->setInterval(kSearchDelayMs);
    connect(m_searchTimer, &QTimer::timeout, this, &ErrorsPage::requestIssues);
    // The minute totals are folded from the per-second series even while the page is hidden,
    // so the hour chart has no gaps when the user comes back.
    m_foldTimer->setInterval(kFoldIntervalMs);
    connect(m_foldTimer, &QTimer::timeout, this, &ErrorsPage::updateEventsChart);
    m_foldTimer->start();

    if (m_monitor) {
        connect(m_monitor, &errors::ErrorsMonitor::snapshotPublished, this, [this] {
            if (!m_snapshotTimer->isActive())
                m_snapshotTimer->start();
        });
        connect(m_monitor, &errors::ErrorsMonitor::issuesChanged, this, [this] {
            // Throttled: the first change starts the timer, later ones ride along.
            if (!m_requeryTimer->isActive())
                m_requeryTimer->start();
        });
        connect(m_monitor, &errors::ErrorsMonitor::issuesReady, this, &ErrorsPage::onIssuesReady);
        connect(m_monitor, &errors::ErrorsMonitor::issueReady, this, &ErrorsPage::onIssueReady);
        connect(m_issueView, &ErrorsIssueView::statusRequested, this,
                [this](qint64 issueId, errors::IssueStatus status) {
                    Q_EMIT m_monitor->issueStatusRequested(issueId, status);
                    // Shown at once; the service's issuesChanged brings the confirmed state.
                    m_issueModel->setStatus(issueId, status);
                    m_issueView->setStatus(status);
                });
        connect(m_issueView, &ErrorsIssueView::eventRequested, this, &ErrorsPage::requestIssue);
    }
    m_issueView->setCommandsEnabled(m_monitor != nullptr);
    applySnapshot();
    requestIssues();
}

// ---------------------------------------------------------------------------------------------
// Overview

QWidget *ErrorsPage::buildOverviewTab()
{
    QHBoxLayout *tiles = makeStatTiles(
        {
        {QStringLiteral("projects"), tr("Projects")},
        {QStringLiteral("issues"), tr("Issues")},
        {QStringLiteral("unresolved"), tr("Unresolved")},
        {QStringLiteral("accepted"), tr("Events accepted")},
        {QStringLiteral("rejected"), tr("Rejected")},
        {QStringLiteral("ratelimited"), tr("Rate-limited")},
        },
        &m_stats);
    m_stats.value(QStringLiteral("rejected"))->setToolTip(tr("Refused: wrong key, malformed or too large"));
    m_stats.value(QStringLiteral("ratelimited"))->setToolTip(tr("Answered 429 because a project's rate limit was reached"));

    QVBoxLayout *chartLayout = nullptr;
    QFrame *chartCard = makeCard(nullptr, &chartLayout);
    auto *head = new QHBoxLayout;
    m_eventsTitle = makeSectionTitle(tr("Events per minute, last 60 minutes, all projects"), chartCard);
    head->addWidget(m_eventsTitle);
    head->addStretch();
    m_eventsNow = new QLabel(chartCard);
    m_eventsNow->setObjectName(QStringLiteral("eventsNow"));
    setMutedText(m_eventsNow);
    head->addWidget(m_eventsNow);
    m_eventsRange = new ChartRangeBox(chartCard);
    m_eventsRange->setRange(ChartRange::OneHour);
    connect(m_eventsRange, &ChartRangeBox::rangeChanged, this, &ErrorsPage::updateEventsChart);
    head->addWidget(m_eventsRange);
    m_eventsChart = new ErrorsBarChart(chartCard);
    m_eventsChart->setObjectName(QStringLiteral("eventsChart"));
    m_eventsChart->setUnit(tr("events / min"));
    takeLeftoverHeight(m_eventsChart, m_eventsChart->minimumSizeHint().height());
    chartLayout->addLayout(head);
    chartLayout->addWidget(m_eventsChart, 1);
    chartLayout->addWidget(makeHint(tr("Events stored after authentication and rate limiting. The console keeps the "
                                       "minutes it has seen since it started."),
                                    chartCard));

    auto *layout = new QVBoxLayout;
    layout->setSpacing(12);
    layout->addLayout(tiles);
    layout->addWidget(chartCard, 1);
    return finishTabPage(new QWidget(m_tabs), layout, kTabPage);
}

QString ErrorsPage::statText(const QString &name) const
{
    const QLabel *label = m_stats.value(name);
    return label ? label->text() : QString();
}

void ErrorsPage::updateEventsChart()
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const qint64 thisMinute = now / 60;
    if (const core::Metrics *metrics = context().metrics) {
        const QVector<double> series = metrics->series(QStringLiteral("errors.events"), core::Metrics::kSeriesSeconds);
        const qint64 firstSecond = now - (series.size() - 1);
        QMap<qint64, double> fresh;
        for (int i = 0; i < series.size(); ++i)
            fresh[(firstSecond + i) / 60] += series[i];
        // The series covers whole minutes except maybe its oldest one; that one keeps what an
        // earlier fold saw of it, when it was still whole.
        for (auto it = fresh.begin(); it != fresh.end(); ++it) {
            if (it.key() * 60 >= firstSecond || !m_minutes.contains(it.key()))
                m_minutes[it.key()] = it.value();
        }
    }
    while (!m_minutes.isEmpty() && m_minutes.firstKey() <= thisMinute - kChartMinutes)
        m_minutes.erase(m_minutes.begin());

    QVector<double> values;
    values.reserve(kChartMinutes);
    for (qint64 m = thisMinute - kChartMinutes + 1; m <= thisMinute; ++m)
        values << m_minutes.value(m, 0);
    const QLocale locale;
    const double lastHour = std::accumulate(values.cbegin(), values.cend(), 0.0);
    switch (m_eventsRange->range()) {
    case ChartRange::OneHour:
        m_eventsTitle->setText(tr("Events per minute, last 60 minutes, all projects"));
        m_eventsChart->setUnit(tr("events / min"));
        m_eventsChart->setValues(values, {tr("60 min ago"), tr("30 min ago"), tr("now")});
        break;
    case ChartRange::FiveMinutes: {
        // 30 bars of 10 seconds from the per-second series.
        QVector<double> tens(30, 0.0);
        if (const core::Metrics *metrics = context().metrics) {
            const QVector<double> seconds = metrics->series(QStringLiteral("errors.events"), 300);
            for (int i = 0; i < seconds.size(); ++i)
                tens[i / 10] += seconds[i];
        }
        m_eventsTitle->setText(tr("Events per 10 seconds, last 5 minutes, all projects"));
        m_eventsChart->setUnit(tr("events / 10 s"));
        m_eventsChart->setValues(tens, {tr("5 min ago"), tr("2.5 min ago"), tr("now")});
        break;
    }
    case ChartRange::OneDay: {
        // 96 bars of 15 minutes from the minute series (a minute's mean rate times 60).
        QVector<double> quarters(96, 0.0);
        if (const core::Metrics *metrics = context().metrics) {
            const QVector<double> minutes = metrics->minuteSeries(QStringLiteral("errors.events"), 96 * 15,
                                                                  core::Metrics::MinuteValue::MeanPerSecond);
            for (int i = 0; i < minutes.size(); ++i)
                quarters[i / 15] += std::round(minutes[i] * 60);
        }
        m_eventsTitle->setText(tr("Events per 15 minutes, last 24 hours, all projects"));
        m_eventsChart->setUnit(tr("events / 15 min"));
        m_eventsChart->setValues(quarters, {tr("24 h ago"), tr("12 h ago"), tr("now")});
        break;
    }
    }
    m_eventsNow->setText(tr("%1 this minute · %2 in the last hour")
                             .arg(locale.toString(values.last(), 'f', 0), locale.toString(lastHour, 'f', 0)));
}

// ---------------------------------------------------------------------------------------------
// Issues

QWidget *ErrorsPage::buildIssuesTab()
{
    auto *page = new QWidget(m_tabs);
    m_search = new QLineEdit(kDefaultSearch, page);
    m_search->setObjectName(QStringLiteral("issueSearch"));
    m_search->setPlaceholderText(tr("Search: is:unresolved level:error browser:Chrome free text…"));
    m_search->setClearButtonEnabled(true);
    m_search->setToolTip(tr("is:unresolved, is:resolved or is:ignored · level:error · any tag as key:value · "
                            "other words search titles and culprits"));
    connect(m_search, &QLineEdit::textEdited, this, [this] { m_searchTimer->start(); });
    connect(m_search, &QLineEdit::returnPressed, this, &ErrorsPage::requestIssues);
    m_projectFilter = new QComboBox(page);
    m_projectFilter->setObjectName(QStringLiteral("projectFilter"));
    m_projectFilter->setMinimumWidth(160);
    m_projectFilter->addItem(tr("All projects"), qint64(0));
    connect(m_projectFilter, &QComboBox::activated, this, &ErrorsPage::requestIssues);
    m_issueCount = new QLabel(page);
    m_issueCount->setObjectName(QStringLiteral("muted"));
    auto *tools = new QHBoxLayout;
    tools->setSpacing(8);
    tools->addWidget(m_search, 1);
    tools->addWidget(m_projectFilter);
    tools->addSpacing(8);
    tools->addWidget(m_issueCount);

    m_issueTable = new QTableView(page);
    setUpTableView(m_issueTable, m_issueProxy, QStringLiteral("issueTable"));
    m_issueTable->setItemDelegateForColumn(ErrorsIssueModel::TrendColumn,
                                           new ErrorsSparklineDelegate(ErrorsIssueModel::TrendRole, m_issueTable));
    m_issueTable->sortByColumn(ErrorsIssueModel::LastSeenColumn, Qt::DescendingOrder);
    QHeaderView *header = m_issueTable->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(ErrorsIssueModel::TitleColumn, QHeaderView::Stretch);
    // Widths from the longest usual value, so "unresolved" and "59 min ago" are never cut.
    const QFontMetrics fm = m_issueTable->fontMetrics();
    auto fit = [&](const QString &sample) { return fm.horizontalAdvance(sample) + 18; };
    m_issueTable->setColumnWidth(ErrorsIssueModel::CulpritColumn, fit(QStringLiteral("src/routes/cart.js in handle")));
    m_issueTable->setColumnWidth(ErrorsIssueModel::LevelColumn, fit(QStringLiteral("warning")));
    m_issueTable->setColumnWidth(ErrorsIssueModel::CountColumn, fit(QStringLiteral("Events")));
    m_issueTable->setColumnWidth(ErrorsIssueModel::UsersColumn, fit(QStringLiteral("Users")));
    m_issueTable->setColumnWidth(ErrorsIssueModel::TrendColumn, 24 * 3 + 8);
    m_issueTable->setColumnWidth(ErrorsIssueModel::FirstSeenColumn, fit(QStringLiteral("59 min ago")));
    m_issueTable->setColumnWidth(ErrorsIssueModel::LastSeenColumn, fit(QStringLiteral("59 min ago")));
    m_issueTable->setColumnWidth(ErrorsIssueModel::StatusColumn, fit(QStringLiteral("unresolved")));
    header->setMinimumSectionSize(fm.horizontalAdvance(QStringLiteral("Users")) + 12);
    m_issueTable->setTextElideMode(Qt::ElideRight);
    connect(header, &QHeaderView::sortIndicatorChanged, this, &ErrorsPage::onSortChanged);
    connect(m_issueTable->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ErrorsPage::onSelectionChanged);
    m_issuesHint = makeHint(QString(), page);
    m_issuesHint->setObjectName(QStringLiteral("issuesHint"));
    m_issuesHint->setAlignment(Qt::AlignCenter);
    m_issuesHint->hide();

    auto *tableBox = new QWidget(page);
    auto *tableLayout = new QVBoxLayout(tableBox);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    tableLayout->addWidget(m_issueTable, 1);
    tableLayout->addWidget(m_issuesHint, 1);

    QVBoxLayout *viewLayout = nullptr;
    QFrame *viewCard = makeCard(page, &viewLayout);
    viewCard->setObjectName(QStringLiteral("issueCard"));
    m_issueView = new ErrorsIssueView(viewCard);
    viewLayout->addWidget(m_issueView);

    m_issueSplit = new QSplitter(Qt::Vertical, page);
    m_issueSplit->setObjectName(QStringLiteral("issuesSplitter"));
    m_issueSplit->setChildrenCollapsible(false);
    m_issueSplit->addWidget(tableBox);
    m_issueSplit->addWidget(viewCard);
    // The issue view needs the room: the list starts at about six rows, the splitter moves it.
    m_issueSplit->setStretchFactor(0, 1);
    m_issueSplit->setStretchFactor(1, 3);
    const int rowHeight = m_issueTable->verticalHeader()->defaultSectionSize();
    m_issueSplit->setSizes({rowHeight * 7, rowHeight * 24});
    tableBox->setMinimumHeight(120);
    viewCard->setMinimumHeight(260);

    m_noProjects = makeNoProjectsState(tr("A project has a DSN that your app's Sentry SDK sends its errors to. Create "
                                          "one, then point the SDK at it."),
                                       QStringLiteral("noProjectsState"), page);

    m_noIssues = new EmptyState(tr("No unresolved issues"),
                                tr("Errors your apps send with a project's DSN are grouped into issues here. "
                                   "Resolved and ignored issues are found with is:resolved or is:ignored."),
                                page);
    m_noIssues->setObjectName(QStringLiteral("noIssuesState"));
    QPushButton *showDsn = m_noIssues->addAction(tr("Show the DSN…"));
    connect(showDsn, &QPushButton::clicked, this, [this] { m_tabs->setCurrentIndex(ProjectsTab); });

    m_issuesStack = new QStackedWidget(page);
    m_issuesStack->addWidget(m_noProjects);
    m_issuesStack->addWidget(m_noIssues);
    m_issuesStack->addWidget(m_issueSplit);

    return finishTabPage(page, tools, m_issuesStack, kTabPage);
}

errors::IssueQuery ErrorsPage::currentQuery() const
{
    return m_query;
}

void ErrorsPage::requestIssues()
{
    m_searchTimer->stop();
    m_query.search = m_search->text().simplified();
    m_query.projectId = m_projectFilter->currentData().toLongLong();
    if (!m_monitor) {
        updateIssuesState();
        return;
    }
    m_issuesRequestId = ++m_lastRequestId;
    Q_EMIT m_monitor->issuesRequested(m_issuesRequestId, m_query);
}

void ErrorsPage::onIssuesReady(quint64 requestId, const QList<errors::IssueSummary> &issues)
{
    if (requestId != m_issuesRequestId)
        return; // an answer to a query the user has since changed
    m_issuesAnswered = true;
    m_issueModel->setIssues(issues);
    if (m_requestedIssueId != 0 && m_issueModel->rowOf(m_requestedIssueId) < 0) {
        // The shown issue left the list (resolved, or outside the new search).
        m_issueView->showPlaceholder(tr("Select an issue to see its events."));
        m_requestedIssueId = 0;
    }
    if (selectedIssueId() == 0 && m_requestedIssueId == 0 && m_issueProxy->rowCount() > 0) {
        // The issue view is never idle while there are issues: open the top one, as Sentry's
        // stream does, and the next one after the shown issue was resolved away.
        m_issueTable->selectRow(0);
    }
    updateIssuesState();
}

void ErrorsPage::onIssuesChanged()
{
    if (!isVisible()) {
        m_requeryPending = true;
        return;
    }
    requestIssues();
    if (m_issueView->hasIssue()) {
        // Same issue, same event: fresh counts and neighbours without moving the reader.
        requestIssue(m_issueView->detail().summary.id, m_issueView->detail().eventId);
    }
}

void ErrorsPage::showEvent(QShowEvent *event)
{
    ServicePage::showEvent(event);
    if (m_requeryPending) {
        m_requeryPending = false;
        onIssuesChanged();
    }
}

void ErrorsPage::requestIssue(qint64 issueId, const QString &eventId)
{
    if (!m_monitor || issueId == 0)
        return;
    if (!m_issueView->hasIssue() || m_issueView->detail().summary.id != issueId)
        m_issueView->showPlaceholder(tr("Loading the issue…"));
    m_requestedIssueId = issueId;
    m_issueRequestId = ++m_lastRequestId;
    Q_EMIT m_monitor->issueRequested(m_issueRequestId, issueId, eventId);
}

void ErrorsPage::onIssueReady(quint64 requestId, const errors::IssueDetail &detail)
{
    if (requestId != m_issueRequestId)
        return;
    if (detail.summary.id == 0) {
        m_issueView->showPlaceholder(tr("This issue no longer exists: it was deleted or its events passed the "
                                        "project's retention."));
        return;
    }
    m_issueView->setDetail(detail);
    if (m_clock)
        m_issueView->setNow(m_clock());
}

qint64 ErrorsPage::selectedIssueId() const
{
    return selectedRowData(m_issueTable, ErrorsIssueModel::IssueIdRole).toLongLong();
}

void ErrorsPage::selectIssue(qint64 issueId)
{
    selectSourceRow(m_issueTable, m_issueProxy, m_issueModel->rowOf(issueId));
}

void ErrorsPage::onSelectionChanged()
{
    const qint64 id = selectedIssueId();
    if (id == 0 || id == m_requestedIssueId)
        return;
    requestIssue(id, QString());
}

void ErrorsPage::onSortChanged(int column, Qt::SortOrder order)
{
    // The proxy has already sorted what is loaded; fields the service knows are also asked for
    // again, because with a limit the service's top rows differ from ours.
    const QString field = ErrorsIssueModel::serverSortField(column);
    const bool descending = order == Qt::DescendingOrder;
    if (field.isEmpty() || (field == m_query.sortBy && descending == m_query.descending))
        return;
    m_query.sortBy = field;
    m_query.descending = descending;
    requestIssues();
}

QString ErrorsPage::issuesHint() const
{
    return m_issuesHint->isVisibleTo(m_issuesHint->parentWidget()) ? m_issuesHint->text() : QString();
}

void ErrorsPage::updateIssuesState()
{
    const int rows = m_issueModel->rowCount();
    const bool filtered = !isDefaultSearch(m_query.search) || m_query.projectId != 0;
    QWidget *show = m_issueSplit;
    if (m_snapshot.projects.isEmpty() && rows == 0)
        show = m_noProjects;
    else if (m_issuesAnswered && rows == 0 && !filtered)
        show = m_noIssues;
    m_issuesStack->setCurrentWidget(show);

    QString hint;
    if (!m_monitor)
        hint = tr("The errors service is not connected to this console.");
    else if (!m_issuesAnswered)
        hint = tr("Loading issues…");
    else if (rows == 0)
        hint = tr("No issue matches “%1”.").arg(m_query.search.isEmpty() ? tr("(everything)") : m_query.search);
    m_issuesHint->setText(hint);
    m_issuesHint->setVisible(!hint.isEmpty());
    m_issueTable->setVisible(hint.isEmpty());
    m_issueCount->setText(!m_issuesAnswered ? QString()
                          : rows == 1       ? tr("1 issue")
                          : rows >= m_query.limit
                              ? tr("first %1 issues").arg(QLocale().toString(rows))
                              : tr("%1 issues").arg(QLocale().toString(rows)));
    m_search->setEnabled(m_monitor != nullptr);
    m_projectFilter->setEnabled(m_monitor != nullptr);
}

void ErrorsPage::updateProjectFilter()
{
    // Rebuilt only when the projects change, so an open drop-down is not closed by a snapshot.
    QStringList wanted{tr("All projects")};
    for (const errors::ProjectInfo &p : std::as_const(m_snapshot.projects))
        wanted << QString::number(p.id) + QLatin1Char('/') + p.name;
    QStringList have{m_projectFilter->itemText(0)};
    for (int i = 1; i < m_projectFilter->count(); ++i)
        have << m_projectFilter->itemData(i).toString() + QLatin1Char('/') + m_projectFilter->itemText(i);
    if (wanted == have)
        return;
    const qint64 current = m_projectFilter->currentData().toLongLong();
    m_projectFilter->clear();
    m_projectFilter->addItem(tr("All projects"), qint64(0));
    for (const errors::ProjectInfo &p : std::as_const(m_snapshot.projects))
        m_projectFilter->addItem(p.name.isEmpty() ? QString::number(p.id) : p.name, p.id);
    const int index = m_projectFilter->findData(current);
    m_projectFilter->setCurrentIndex(std::max(0, index));
    if (index < 0 && current != 0)
        requestIssues(); // the filtered project is gone; show every project's issues
}

// ---------------------------------------------------------------------------------------------
// Projects

QWidget *ErrorsPage::buildProjectsTab()
{
    auto *page = new QWidget(m_tabs);
    const RecordTools recordTools = makeRecordTools(tr("New project…"), QStringLiteral("Project"), page);
    m_newProject = recordTools.newButton;
    m_newProject->setEnabled(m_monitor != nullptr);
    m_editProject = recordTools.editButton;
    m_deleteProject = recordTools.deleteButton;
    m_projectsMessage = recordTools.message;
    connect(m_newProject, &QPushButton::clicked, this, &ErrorsPage::newProject);
    connect(m_editProject, &QPushButton::clicked, this, &ErrorsPage::editSelectedProject);
    connect(m_deleteProject, &QPushButton::clicked, this, &ErrorsPage::deleteSelectedProject);
    QHBoxLayout *tools = recordTools.layout;

    m_projectTable = new QTableView(page);
    setUpTableView(m_projectTable, m_projectProxy, QStringLiteral("projectTable"));
    m_projectTable->sortByColumn(ErrorsProjectModel::NameColumn, Qt::AscendingOrder);
    fitColumnsToContents(m_projectTable, ErrorsProjectModel::DsnColumn);
    m_projectTable->setTextElideMode(Qt::ElideMiddle);
    connect(m_projectTable, &QTableView::doubleClicked, this, &ErrorsPage::editSelectedProject);
    connect(m_projectTable->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ErrorsPage::updateProjectDetails);

    // The selected project: its DSN and settings.
    QVBoxLayout *detailLayout = nullptr;
    QFrame *details = makeCard(page, &detailLayout);
    m_detailTitle = makeSectionTitle(QString(), details);
    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(10);
    grid->setVerticalSpacing(6);
    m_dsn = addDetailRow(grid, 0, tr("DSN"), QStringLiteral("dsnValue"), details);
    m_keys = addDetailRow(grid, 1, tr("Keys"), QStringLiteral("keysValue"), details);
    m_limits = addDetailRow(grid, 2, tr("Limits"), QStringLiteral("limitsValue"), details);
    m_alerts = addDetailRow(grid, 3, tr("Alerts"), QStringLiteral("alertsValue"), details);
    for (QLabel *value : {m_dsn, m_keys, m_limits, m_alerts})
        value->setWordWrap(true);
    m_dsn->setFont(Theme::monospaceFont());
    m_keys->setFont(Theme::monospaceFont());
    auto *copyDsnButton = new QPushButton(tr("Copy"), details);
    copyDsnButton->setObjectName(QStringLiteral("copyDsnButton"));
    connect(copyDsnButton, &QPushButton::clicked, this, &ErrorsPage::copyDsn);
    grid->addWidget(copyDsnButton, 0, 2, Qt::AlignTop);
    grid->setColumnStretch(1, 1);
    detailLayout->addWidget(m_detailTitle);
    detailLayout->addLayout(grid);
    detailLayout->addStretch();

    QStringList formatTitles;
    for (ErrorsSnippets::Format format : ErrorsSnippets::formats())
        formatTitles << ErrorsSnippets::formatTitle(format);
    m_snippetCard = new SnippetCard(formatTitles, 110, page);
    connect(m_snippetCard, &SnippetCard::formatChanged, this, &ErrorsPage::updateProjectDetails);
    connect(m_snippetCard, &SnippetCard::copyRequested, this, &ErrorsPage::copySnippet);

    auto *detailRow = new QHBoxLayout;
    detailRow->setSpacing(12);
    detailRow->addWidget(details, 2);
    detailRow->addWidget(m_snippetCard, 3);

    auto *withProjects = new QWidget(page);
    auto *withLayout = new QVBoxLayout(withProjects);
    withLayout->setContentsMargins(0, 0, 0, 0);
    withLayout->setSpacing(12);
    takeLeftoverHeight(m_projectTable, 110); // a header and three rows at least
    withLayout->addWidget(m_projectTable, 2);
    withLayout->addLayout(detailRow, 3);

    m_projectsEmpty = makeNoProjectsState(tr("Each project has a numeric id and a DSN key; an app's Sentry SDK sends "
                                             "its errors to http://KEY@host:port/ID. Create one to get its DSN."),
                                          QStringLiteral("projectsEmptyState"), page);

    m_projectsStack = makeEmptyStateStack(m_projectsEmpty, withProjects, page);

    return finishTabPage(page, tools, m_projectsStack, kTabPage);
}

EmptyState *ErrorsPage::makeNoProjectsState(const QString &text, const QString &objectName, QWidget *page)
{
    auto *state = new EmptyState(tr("No projects yet"), text, page);
    state->setObjectName(objectName);
    QPushButton *create = state->addAction(tr("New project…"));
    create->setEnabled(m_monitor != nullptr);
    connect(create, &QPushButton::clicked, this, &ErrorsPage::newProject);
    return state;
}

QString ErrorsPage::dsnHost() const
{
    // What clients dial (the bind address, or 127.0.0.1 for "any"), as the Connect dialog shows.
    core::ClientSettings settings;
    if (context().clientSettings)
        settings = context().clientSettings();
    else if (!m_snapshot.dsnHost.isEmpty())
        return m_snapshot.dsnHost;
    const QString host = settings.host.isEmpty() ? QStringLiteral("127.0.0.1") : settings.host;
    const quint16 port = settings.ports.value(serviceName(), info().defaultPort);
    return host + QLatin1Char(':') + QString::number(port);
}

qint64 ErrorsPage::selectedProjectId() const
{
    return selectedRowData(m_projectTable, ErrorsProjectModel::ProjectIdRole).toLongLong();
}

void ErrorsPage::selectProject(qint64 projectId)
{
    selectSourceRow(m_projectTable, m_projectProxy, m_projectModel->rowOf(projectId));
}

QString ErrorsPage::dsnText() const
{
    return m_dsn->text();
}

QString ErrorsPage::snippetText() const
{
    return m_snippetCard->text();
}

void ErrorsPage::updateProjectDetails()
{
    const int row = m_projectModel->rowOf(selectedProjectId());
    const bool have = row >= 0;
    m_editProject->setEnabled(have && m_monitor);
    m_deleteProject->setEnabled(have && m_monitor);
    if (!have) {
        m_detailTitle->setText(tr("Select a project to see its DSN"));
        for (QLabel *label : {m_dsn, m_keys, m_limits, m_alerts})
            label->clear();
        m_snippetCard->setText(QString());
        return;
    }
    const errors::ProjectInfo &p = m_projectModel->rowAt(row);
    m_detailTitle->setText(p.platform.isEmpty() ? tr("Project “%1”").arg(p.name)
                                                : tr("Project “%1” (%2)").arg(p.name, p.platform));
    const QString dsn = ErrorsProjectModel::dsn(p, dsnHost());
    m_dsn->setText(dsn.isEmpty() ? tr("no key: edit the project to get one") : dsn);
    m_keys->setText(p.keys.join(QStringLiteral(", ")));
    m_limits->setText(tr("%1 · keeps %2")
                          .arg(ErrorsProjectModel::rateLimitText(p.eventsPerMinute), ErrorsProjectModel::retentionText(p)));
    m_alerts->setText(p.alertWebhooks.isEmpty()
                          ? tr("none")
                          : (p.slackFormat ? tr("%1 (Slack format)") : tr("%1 (JSON)"))
                                .arg(p.alertWebhooks.join(QStringLiteral(", "))));
    const auto format = ErrorsSnippets::formats().value(m_snippetCard->currentFormat());
    m_snippetCard->setText(dsn.isEmpty() ? QString() : ErrorsSnippets::render(format, dsn));
}

void ErrorsPage::copyDsn()
{
    const int row = m_projectModel->rowOf(selectedProjectId());
    if (row < 0)
        return;
    const QString dsn = ErrorsProjectModel::dsn(m_projectModel->rowAt(row), dsnHost());
    if (dsn.isEmpty())
        return;
    QApplication::clipboard()->setText(dsn);
    showProjectsMessage(tr("DSN copied to the clipboard."));
}

void ErrorsPage::copySnippet()
{
    if (m_snippetCard->text().isEmpty())
        return;
    QApplication::clipboard()->setText(m_snippetCard->text());
    m_snippetCard->showCopied(tr("Copied."));
}

void ErrorsPage::showProjectsMessage(const QString &text)
{
    showTransientMessage(m_projectsMessage, text);
}

ErrorsProjectEditor *ErrorsPage::openEditor(const errors::ProjectInfo &project)
{
    if (!m_monitor)
        return nullptr;
    auto *editor = new ErrorsProjectEditor(project, this);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    connect(editor, &QDialog::accepted, this, [this, editor] {
        const errors::ProjectInfo edited = editor->project();
        Q_EMIT m_monitor->saveProjectRequested(edited);
        showProjectsMessage(edited.id == 0 ? tr("Creating “%1”…").arg(edited.name) : tr("Saved “%1”.").arg(edited.name));
    });
    editor->open();
    return editor;
}

ErrorsProjectEditor *ErrorsPage::newProject()
{
    errors::ProjectInfo project;
    project.name = tr("new-project");
    project.platform = QStringLiteral("node");
    return openEditor(project);
}

ErrorsProjectEditor *ErrorsPage::editSelectedProject()
{
    const int row = m_projectModel->rowOf(selectedProjectId());
    if (row < 0)
        return nullptr;
    return openEditor(m_projectModel->rowAt(row));
}

bool ErrorsPage::deleteSelectedProject()
{
    const int row = m_projectModel->rowOf(selectedProjectId());
    if (row < 0 || !m_monitor)
        return false;
    const errors::ProjectInfo project = m_projectModel->rowAt(row);
    const QString text = tr("Delete the project “%1” (id %2) with all its issues and events? SDKs using its DSN are "
                            "refused from then on.")
                             .arg(project.name, QString::number(project.id));
    if (!m_confirm(this, tr("Delete project"), text))
        return false;
    Q_EMIT m_monitor->deleteProjectRequested(project.id);
    showProjectsMessage(tr("Deleting “%1”…").arg(project.name));
    return true;
}

// ---------------------------------------------------------------------------------------------
// Live state

void ErrorsPage::applySnapshot()
{
    m_snapshotTimer->stop();
    const qint64 selected = selectedProjectId();
    m_snapshot = m_monitor ? m_monitor->snapshot() : errors::ErrorsSnapshot{};
    m_projectModel->setDsnHost(dsnHost());
    m_projectModel->setProjects(m_snapshot.projects);
    if (m_projectModel->rowOf(selected) < 0 && m_projectModel->rowCount() > 0)
        m_projectTable->selectRow(0);
    updateProjectDetails();
    updateProjectFilter();
    showContentWhen(m_projectsStack, m_projectModel->rowCount() > 0);

    const QLocale locale;
    m_stats.value(QStringLiteral("projects"))->setText(locale.toString(m_snapshot.projects.size()));
    m_stats.value(QStringLiteral("issues"))->setText(locale.toString(m_snapshot.issues));
    m_stats.value(QStringLiteral("unresolved"))->setText(locale.toString(m_snapshot.unresolvedIssues));
    m_stats.value(QStringLiteral("accepted"))->setText(locale.toString(m_snapshot.eventsAccepted));
    m_stats.value(QStringLiteral("rejected"))->setText(locale.toString(m_snapshot.eventsRejected));
    m_stats.value(QStringLiteral("ratelimited"))->setText(locale.toString(m_snapshot.eventsRateLimited));
    updateIssuesState();
}

void ErrorsPage::refreshDashboard()
{
    // The table's ages and the open issue's first/last seen move on together.
    const QDateTime now = m_clock ? m_clock() : QDateTime::currentDateTimeUtc();
    m_issueModel->setNow(now);
    m_issueView->setNow(now);
    updateEventsChart();
    QString banner;
    if (!m_monitor) {
        banner = tr("The errors service is not connected to this console.");
    } else if (status().state != core::ServiceState::Running) {
        banner = status().state == core::ServiceState::Failed
            ? tr("Errors failed to start: %1. The tables show its last known state.").arg(status().reason)
            : tr("Errors is %1. Issues load once it runs; changes are applied then.")
                  .arg(Theme::stateText(status().state));
    }
    m_banner->setText(banner);
    m_banner->setVisible(!banner.isEmpty());
}

} // namespace homeport::ui
