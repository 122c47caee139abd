#pragma once
// ErrorsPage: the errors service's page: the generic service header and state, plus the
// dashboard of issue 5 in tabs: Overview (events per minute over the last hour, totals),
// Issues (a searchable, sortable issue list and the selected issue with its events) and Projects
// (DSNs, Connect snippets, new/edit/delete).
// Thread affinity: the GUI thread. Reads ErrorsMonitor snapshots (on snapshotPublished,
// coalesced) and asks for issue data with request ids through the monitor's *Requested signals;
// only the answer to the latest request of each kind is shown, so a slow answer can never
// overwrite a newer one. It never calls into the service.

#include "errors/errors_monitor.h"
#include "dashboard_widgets.h"
#include "service_page.h"

#include <QMap>

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QSplitter;
class QStackedWidget;
class QTabWidget;
class QTableView;
class QTimer;

namespace homeport::ui {

class EmptyState;
class ChartRangeBox;
class ErrorsBarChart;
class ErrorsIssueModel;
class ErrorsIssueView;
class ErrorsProjectEditor;
class ErrorsProjectModel;
class SnippetCard;

class ErrorsPage : public ServicePage
{
    Q_OBJECT
public:
    enum Tab { OverviewTab, IssuesTab, ProjectsTab };
    using ConfirmFunction = ui::ConfirmFunction;
    static constexpr int kSnapshotDelayMs = 150;
    // issuesChanged() may fire for every stored event; the list is asked for at most this often.
    static constexpr int kRequeryDelayMs = 1000;
    // Typing in the search box asks once the user pauses.
    static constexpr int kSearchDelayMs = 350;
    static constexpr int kChartMinutes = 60;
    static inline const QString kDefaultSearch = QStringLiteral("is:unresolved");

    ErrorsPage(const core::ServiceInfo &info, const ConsoleContext &context, ServiceCommands *commands,
               QWidget *parent = nullptr);

    errors::ErrorsMonitor *monitor() const { return m_monitor; }
    void setConfirmFunction(ConfirmFunction confirm) { m_confirm = std::move(confirm); }
    // What "now" is when the ages ("2 min ago") are refreshed each second: the wall clock, unless a
    // test moves time on instead of waiting for it.
    using Clock = std::function<QDateTime()>;
    void setClock(Clock clock) { m_clock = std::move(clock); }
    QTabWidget *tabs() const { return m_tabs; }

    // Issues
    ErrorsIssueModel *issueModel() const { return m_issueModel; }
    QSortFilterProxyModel *issueProxy() const { return m_issueProxy; }
    QTableView *issueTable() const { return m_issueTable; }
    ErrorsIssueView *issueView() const { return m_issueView; }
    QLineEdit *searchEdit() const { return m_search; }
    QComboBox *projectFilter() const { return m_projectFilter; }
    EmptyState *noProjectsState() const { return m_noProjects; }
    EmptyState *noIssuesState() const { return m_noIssues; }
    // The query the shown list answers (or the one being waited for).
    errors::IssueQuery currentQuery() const;
    qint64 selectedIssueId() const;
    void selectIssue(qint64 issueId);
    QString issuesHint() const;

    // Projects
    ErrorsProjectModel *projectModel() const { return m_projectModel; }
    QTableView *projectTable() const { return m_projectTable; }
    EmptyState *projectsEmptyState() const { return m_projectsEmpty; }
    qint64 selectedProjectId() const;
    void selectProject(qint64 projectId);
    QString dsnText() const;
    QString snippetText() const;

    // Overview
    ErrorsBarChart *eventsChart() const { return m_eventsChart; }
    // The value on one Overview tile: "projects", "issues", "unresolved", "accepted",
    // "rejected", "ratelimited".
    QString statText(const QString &name) const;

public Q_SLOTS:
    void applySnapshot();
    // Sends the current search, project and sort as a new request.
    void requestIssues();
    ErrorsProjectEditor *newProject();
    ErrorsProjectEditor *editSelectedProject();
    // Asks through the confirm function, then emits deleteProjectRequested; returns whether it did.
    bool deleteSelectedProject();
    void copyDsn();
    void copySnippet();

protected:
    void refreshDashboard() override;
    void showEvent(QShowEvent *event) override;

private:
    QWidget *buildOverviewTab();
    QWidget *buildIssuesTab();
    QWidget *buildProjectsTab();
    void onIssuesReady(quint64 requestId, const QList<errors::IssueSummary> &issues);
    void onIssueReady(quint64 requestId, const errors::IssueDetail &detail);
    void onIssuesChanged();
    void requestIssue(qint64 issueId, const QString &eventId);
    void onSelectionChanged();
    void onSortChanged(int column, Qt::SortOrder order);
    void updateIssuesState();
    void updateProjectFilter();
    void updateProjectDetails();
    void updateEventsChart();
    void showProjectsMessage(const QString &text);
    ErrorsProjectEditor *openEditor(const errors::ProjectInfo &project);
    QString dsnHost() const;
    // "No projects yet" with a New project… action: the Issues and Projects tabs both offer it.
    EmptyState *makeNoProjectsState(const QString &text, const QString &objectName, QWidget *page);

    errors::ErrorsMonitor *m_monitor;
    errors::ErrorsSnapshot m_snapshot;
    ConfirmFunction m_confirm;
    Clock m_clock;
    QTimer *m_snapshotTimer;
    QTimer *m_requeryTimer;
    QTimer *m_searchTimer;
    QTimer *m_foldTimer;
    QTabWidget *m_tabs = nullptr;
    QLabel *m_banner = nullptr;

    // Requests: the latest id of each kind; answers with any other id are stale.
    quint64 m_lastRequestId = 0;
    quint64 m_issuesRequestId = 0;
    quint64 m_issueRequestId = 0;
    qint64 m_requestedIssueId = 0;
    bool m_issuesAnswered = false;
    bool m_requeryPending = false;   // issuesChanged while hidden: ask again once shown
    errors::IssueQuery m_query;

    // Overview
    QHash<QString, QLabel *> m_stats;
    ErrorsBarChart *m_eventsChart = nullptr;
    ChartRangeBox *m_eventsRange = nullptr; // 5 min (10 s bars), 1 h (minutes), 24 h (15 min bars)
    QLabel *m_eventsTitle = nullptr;
    QLabel *m_eventsNow = nullptr;
    QMap<qint64, double> m_minutes; // minute since the epoch -> events; the last kChartMinutes

    // Issues
    ErrorsIssueModel *m_issueModel;
    QSortFilterProxyModel *m_issueProxy;
    QLineEdit *m_search = nullptr;
    QComboBox *m_projectFilter = nullptr;
    QLabel *m_issueCount = nullptr;
    QTableView *m_issueTable = nullptr;
    QLabel *m_issuesHint = nullptr;
    ErrorsIssueView *m_issueView = nullptr;
    QSplitter *m_issueSplit = nullptr;
    QStackedWidget *m_issuesStack = nullptr;
    EmptyState *m_noProjects = nullptr;
    EmptyState *m_noIssues = nullptr;

    // Projects
    ErrorsProjectModel *m_projectModel;
    QSortFilterProxyModel *m_projectProxy;
    QTableView *m_projectTable = nullptr;
    QStackedWidget *m_projectsStack = nullptr;
    EmptyState *m_projectsEmpty = nullptr;
    QPushButton *m_newProject = nullptr;
    QPushButton *m_editProject = nullptr;
    QPushButton *m_deleteProject = nullptr;
    QLabel *m_projectsMessage = nullptr;
    QLabel *m_detailTitle = nullptr;
    QLabel *m_dsn = nullptr;
    QLabel *m_keys = nullptr;
    QLabel *m_limits = nullptr;
    QLabel *m_alerts = nullptr;
    SnippetCard *m_snippetCard = nullptr;
};

} // namespace homeport::ui
