#pragma once
// ErrorsIssueView: one issue as the errors service answered it: title, culprit, level and
// status with Resolve / Ignore / Reopen, counts, why its events were grouped together, the last
// 30 days, and one event in full (exception chain and stack trace, breadcrumbs, tags, context)
// with Previous / Next to walk the issue's events. It only shows what it is given and says what
// the user asked for through signals; the page turns those into ErrorsMonitor requests.
// Thread affinity: the GUI thread.

#include "errors/errors_monitor.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QStackedWidget;
class QTabWidget;
class QTableWidget;
class QTextBrowser;

namespace homeport::ui {

class ErrorsBarChart;
class ErrorsTagChart;

class ErrorsIssueView : public QWidget
{
    Q_OBJECT
public:
    enum EventTab { StackTraceTab, BreadcrumbsTab, TagsTab, ContextTab };

    explicit ErrorsIssueView(QWidget *parent = nullptr);

    // Shows a text in place of an issue ("Select an issue…", "Loading…", "not found").
    void showPlaceholder(const QString &text);
    void setDetail(const errors::IssueDetail &detail);
    // After Resolve/Ignore/Reopen, before the service confirms.
    void setStatus(errors::IssueStatus status);
    // The clock "first seen" and "last seen" are measured against; the page moves it on the same
    // tick as the issues table's ages.
    void setNow(const QDateTime &now);
    const errors::IssueDetail &detail() const { return m_detail; }
    bool hasIssue() const { return m_detail.summary.id != 0 && m_showingIssue; }
    QString placeholderText() const;
    // Commands can be switched off (no monitor, or the service is not running).
    void setCommandsEnabled(bool enabled);

    void setLibraryFramesShown(bool shown);
    bool libraryFramesShown() const { return m_showLibraryFrames; }

    // For tests and screenshots.
    QString titleText() const;
    QString countsText() const;
    QString stackTraceText() const;
    QString stackTraceHtml() const;
    QTextBrowser *stackTraceBrowser() const { return m_stack; }
    QTableWidget *breadcrumbTable() const { return m_breadcrumbs; }
    QTabWidget *eventTabs() const { return m_eventTabs; }
    ErrorsTagChart *tagChart() const { return m_tags; }
    ErrorsBarChart *daysChart() const { return m_days; }
    QPushButton *previousButton() const { return m_previous; }
    QPushButton *nextButton() const { return m_next; }

Q_SIGNALS:
    void statusRequested(qint64 issueId, homeport::errors::IssueStatus status);
    // An empty eventId asks for the latest event.
    void eventRequested(qint64 issueId, const QString &eventId);

private:
    void renderEvent();
    void updateStatusWidgets();
    void updateCounts();

    errors::IssueDetail m_detail;
    QDateTime m_now;
    bool m_showingIssue = false;
    bool m_showLibraryFrames = false;
    bool m_commandsEnabled = true;

    QStackedWidget *m_pages = nullptr;
    QLabel *m_placeholder = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_culprit = nullptr;
    QLabel *m_level = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_counts = nullptr;
    QLabel *m_grouping = nullptr;
    QPushButton *m_resolve = nullptr;
    QPushButton *m_ignore = nullptr;
    QPushButton *m_reopen = nullptr;
    ErrorsBarChart *m_days = nullptr;
    QLabel *m_daysTitle = nullptr;
    QLabel *m_eventLabel = nullptr;
    QPushButton *m_latest = nullptr;
    QPushButton *m_previous = nullptr;
    QPushButton *m_next = nullptr;
    QTabWidget *m_eventTabs = nullptr;
    QTextBrowser *m_stack = nullptr;
    QTableWidget *m_breadcrumbs = nullptr;
    QLabel *m_noBreadcrumbs = nullptr;
    ErrorsTagChart *m_tags = nullptr;
    QLabel *m_noTags = nullptr;
    QTextBrowser *m_context = nullptr;
};

} // namespace homeport::ui
