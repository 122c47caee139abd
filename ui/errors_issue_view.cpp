#include "errors_issue_view.h"

#include "age_text.h"
#include "errors_bar_chart.h"
#include "errors_event_formatter.h"
#include "errors_issue_model.h"
#include "errors_tag_chart.h"
#include "theme.h"
#include "theme_follower.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace homeport::ui {

namespace {
constexpr int kDaysChartWidth = 280;

QString chipStyle(const QColor &background)
{
    return QStringLiteral("color: white; background: %1; border-radius: 3px; padding: 1px 7px; font-size: 8.5pt;"
                          "font-weight: 600;")
        .arg(background.name());
}

QTextBrowser *makeBrowser(const QString &objectName, QWidget *parent)
{
    auto *browser = new QTextBrowser(parent);
    browser->setObjectName(objectName);
    browser->setOpenLinks(false);
    browser->setFrameShape(QFrame::NoFrame);
    browser->document()->setDocumentMargin(8);
    return browser;
}
} // namespace

ErrorsIssueView::ErrorsIssueView(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("errorsIssueView"));
    m_pages = new QStackedWidget(this);

    m_placeholder = new QLabel(tr("Select an issue to see its events."), m_pages);
    m_placeholder->setObjectName(QStringLiteral("issuePlaceholder"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    setMutedText(m_placeholder);
    m_pages->addWidget(m_placeholder);

    auto *content = new QWidget(m_pages);
    m_pages->addWidget(content);

    // Head: what the issue is, and what can be done about it.
    m_title = new QLabel(content);
    m_title->setObjectName(QStringLiteral("issueTitle"));
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setStyleSheet(QStringLiteral("font-size: 12.5pt; font-weight: 600;")); // text colour: the palette
    m_culprit = new QLabel(content);
    m_culprit->setObjectName(QStringLiteral("issueCulprit"));
    m_culprit->setFont(Theme::monospaceFont());
    m_culprit->setTextInteractionFlags(Qt::TextSelectableByMouse);
    setMutedText(m_culprit);
    m_level = new QLabel(content);
    m_level->setObjectName(QStringLiteral("issueLevel"));
    m_status = new QLabel(content);
    m_status->setObjectName(QStringLiteral("issueStatus"));
    m_counts = new QLabel(content);
    m_counts->setObjectName(QStringLiteral("issueCounts"));
    setMutedText(m_counts);
    m_grouping = new QLabel(content);
    m_grouping->setObjectName(QStringLiteral("groupingReason"));
    m_grouping->setWordWrap(true);
    m_grouping->setTextInteractionFlags(Qt::TextSelectableByMouse);
    setMutedText(m_grouping, QStringLiteral("font-size: 9pt;"));

    m_resolve = new QPushButton(tr("Resolve"), content);
    m_resolve->setObjectName(QStringLiteral("resolveButton"));
    m_resolve->setProperty("primary", true);
    m_resolve->setToolTip(tr("Mark as fixed. A new event reopens it as a regression."));
    m_ignore = new QPushButton(tr("Ignore"), content);
    m_ignore->setObjectName(QStringLiteral("ignoreButton"));
    m_ignore->setToolTip(tr("Hide it from the unresolved list; new events do not bring it back."));
    m_reopen = new QPushButton(tr("Reopen"), content);
    m_reopen->setObjectName(QStringLiteral("reopenButton"));
    m_reopen->setToolTip(tr("Mark as unresolved again."));
    auto request = [this](errors::IssueStatus status) {
        if (m_detail.summary.id != 0)
            Q_EMIT statusRequested(m_detail.summary.id, status);
    };
    connect(m_resolve, &QPushButton::clicked, this, [request] { request(errors::IssueStatus::Resolved); });
    connect(m_ignore, &QPushButton::clicked, this, [request] { request(errors::IssueStatus::Ignored); });
    connect(m_reopen, &QPushButton::clicked, this, [request] { request(errors::IssueStatus::Unresolved); });

    m_days = new ErrorsBarChart(content);
    m_days->setObjectName(QStringLiteral("issueDaysChart"));
    m_days->setCompact(true);
    m_days->setUnit(tr("events"));
    m_days->setFixedSize(kDaysChartWidth, 64);
    m_daysTitle = new QLabel(content);
    setMutedText(m_daysTitle, QStringLiteral("font-size: 8.5pt;"));

    auto *chips = new QHBoxLayout;
    chips->setSpacing(8);
    chips->addWidget(m_level);
    chips->addWidget(m_status);
    chips->addWidget(m_counts, 1);
    auto *left = new QVBoxLayout;
    left->setSpacing(4);
    left->addWidget(m_title);
    left->addWidget(m_culprit);
    left->addLayout(chips);
    left->addWidget(m_grouping);
    left->addStretch();
    auto *buttons = new QHBoxLayout;
    buttons->setSpacing(6);
    buttons->addStretch();
    buttons->addWidget(m_resolve);
    buttons->addWidget(m_ignore);
    buttons->addWidget(m_reopen);
    auto *right = new QVBoxLayout;
    right->setSpacing(4);
    right->addLayout(buttons);
    right->addStretch();
    right->addWidget(m_daysTitle, 0, Qt::AlignRight);
    right->addWidget(m_days, 0, Qt::AlignRight);
    auto *head = new QHBoxLayout;
    head->setSpacing(16);
    head->addLayout(left, 1);
    head->addLayout(right);

    // The event being shown, and the way to its neighbours.
    m_eventLabel = new QLabel(content);
    m_eventLabel->setObjectName(QStringLiteral("eventLabel"));
    m_eventLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_previous = new QPushButton(tr("‹ Previous"), content);
    m_previous->setObjectName(QStringLiteral("previousEventButton"));
    m_previous->setToolTip(tr("The event before this one"));
    m_next = new QPushButton(tr("Next ›"), content);
    m_next->setObjectName(QStringLiteral("nextEventButton"));
    m_next->setToolTip(tr("The event after this one"));
    m_latest = new QPushButton(tr("Latest"), content);
    m_latest->setObjectName(QStringLiteral("latestEventButton"));
    connect(m_previous, &QPushButton::clicked, this, [this] {
        if (!m_detail.previousEventId.isEmpty())
            Q_EMIT eventRequested(m_detail.summary.id, m_detail.previousEventId);
    });
    connect(m_next, &QPushButton::clicked, this, [this] {
        if (!m_detail.nextEventId.isEmpty())
            Q_EMIT eventRequested(m_detail.summary.id, m_detail.nextEventId);
    });
    connect(m_latest, &QPushButton::clicked, this, [this] { Q_EMIT eventRequested(m_detail.summary.id, QString()); });
    auto *eventBar = new QHBoxLayout;
    eventBar->setSpacing(6);
    eventBar->addWidget(m_eventLabel, 1);
    eventBar->addWidget(m_latest);
    eventBar->addWidget(m_previous);
    eventBar->addWidget(m_next);
    auto *rule = new QFrame(content);
    rule->setFrameShape(QFrame::HLine);
    setThemedStyleSheet(rule, [] { return QStringLiteral("color: %1;").arg(Theme::border().name()); });

    // The event itself.
    m_eventTabs = new QTabWidget(content);
    m_eventTabs->setObjectName(QStringLiteral("eventTabs"));
    m_eventTabs->setDocumentMode(true);
    m_stack = makeBrowser(QStringLiteral("stackTrace"), m_eventTabs);
    connect(m_stack, &QTextBrowser::anchorClicked, this, [this](const QUrl &url) {
        if (url.toString() == ErrorsEventFormatter::kExpandFramesLink)
            setLibraryFramesShown(!m_showLibraryFrames);
    });
    m_eventTabs->addTab(m_stack, tr("Stack trace"));

    auto *crumbsPage = new QWidget(m_eventTabs);
    m_breadcrumbs = new QTableWidget(0, 4, crumbsPage);
    m_breadcrumbs->setObjectName(QStringLiteral("breadcrumbTable"));
    m_breadcrumbs->setHorizontalHeaderLabels({tr("Time"), tr("Category"), tr("Level"), tr("Message")});
    m_breadcrumbs->verticalHeader()->hide();
    m_breadcrumbs->verticalHeader()->setDefaultSectionSize(m_breadcrumbs->fontMetrics().height() + 8);
    m_breadcrumbs->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_breadcrumbs->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_breadcrumbs->setAlternatingRowColors(true);
    m_breadcrumbs->setShowGrid(false);
    m_breadcrumbs->setWordWrap(false);
    m_breadcrumbs->setFrameShape(QFrame::NoFrame);
    m_breadcrumbs->horizontalHeader()->setHighlightSections(false);
    m_breadcrumbs->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_breadcrumbs->horizontalHeader()->setSectionResizeMode(3, QHeaderView::Stretch);
    m_noBreadcrumbs = new QLabel(tr("This event has no breadcrumbs. SDKs record them (console output, HTTP "
                                    "requests, navigation) before an error and send them with it."),
                                 crumbsPage);
    m_noBreadcrumbs->setObjectName(QStringLiteral("hint"));
    m_noBreadcrumbs->setWordWrap(true);
    m_noBreadcrumbs->setMargin(10);
    auto *crumbsLayout = new QVBoxLayout(crumbsPage);
    crumbsLayout->setContentsMargins(0, 0, 0, 0);
    crumbsLayout->addWidget(m_breadcrumbs, 1);
    crumbsLayout->addWidget(m_noBreadcrumbs);
    crumbsLayout->addStretch();
    m_eventTabs->addTab(crumbsPage, tr("Breadcrumbs"));

    auto *tagsScroll = new QScrollArea(m_eventTabs);
    tagsScroll->setWidgetResizable(true);
    tagsScroll->setFrameShape(QFrame::NoFrame);
    auto *tagsPage = new QWidget;
    tagsPage->setObjectName(QStringLiteral("tagsPage"));
    setThemedStyleSheet(tagsPage, [] { return QStringLiteral("QWidget#tagsPage { background: %1; }").arg(Theme::cardBackground().name()); }); // like the other tabs
    m_tags = new ErrorsTagChart(tagsPage);
    m_tags->setObjectName(QStringLiteral("tagChart"));
    m_noTags = new QLabel(tr("No tags on this issue's events."), tagsPage);
    m_noTags->setObjectName(QStringLiteral("hint"));
    auto *tagsHint = new QLabel(tr("The most frequent values of each tag across this issue's events."), tagsPage);
    tagsHint->setObjectName(QStringLiteral("hint"));
    auto *tagsLayout = new QVBoxLayout(tagsPage);
    tagsLayout->setContentsMargins(10, 8, 10, 8);
    tagsLayout->addWidget(tagsHint);
    tagsLayout->addWidget(m_tags);
    tagsLayout->addWidget(m_noTags);
    tagsLayout->addStretch();
    tagsScroll->setWidget(tagsPage);
    m_eventTabs->addTab(tagsScroll, tr("Tags"));

    m_context = makeBrowser(QStringLiteral("eventContext"), m_eventTabs);
    m_eventTabs->addTab(m_context, tr("Context"));

    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->setSpacing(8);
    contentLayout->addLayout(head);
    contentLayout->addWidget(rule);
    contentLayout->addLayout(eventBar);
    contentLayout->addWidget(m_eventTabs, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_pages);
    showPlaceholder(m_placeholder->text());
    // The stack trace and context are HTML in the theme's colours: drawn again in the new ones.
    followTheme(m_stack, [this] {
        if (m_showingIssue)
            renderEvent();
    });
}

void ErrorsIssueView::showPlaceholder(const QString &text)
{
    m_showingIssue = false;
    m_placeholder->setText(text);
    m_pages->setCurrentIndex(0);
}

QString ErrorsIssueView::placeholderText() const
{
    return m_showingIssue ? QString() : m_placeholder->text();
}

void ErrorsIssueView::setCommandsEnabled(bool enabled)
{
    m_commandsEnabled = enabled;
    updateStatusWidgets();
}

void ErrorsIssueView::setDetail(const errors::IssueDetail &detail)
{
    const bool sameIssue = m_showingIssue && detail.summary.id == m_detail.summary.id;
    if (!sameIssue) {
        // A new issue opens on its stack trace with library frames folded.
        m_showLibraryFrames = false;
        m_eventTabs->setCurrentIndex(StackTraceTab);
    }
    m_detail = detail;
    m_showingIssue = true;
    m_pages->setCurrentIndex(1);

    const errors::IssueSummary &s = detail.summary;
    const QLocale locale;
    m_title->setText(s.title.isEmpty() ? tr("(no title)") : s.title);
    m_culprit->setText(s.culprit);
    m_culprit->setVisible(!s.culprit.isEmpty());
    m_level->setText(s.level.isEmpty() ? tr("error") : s.level);
    m_level->setStyleSheet(chipStyle(ErrorsIssueModel::levelColor(s.level)));
    m_now = QDateTime::currentDateTimeUtc();
    updateCounts();
    m_grouping->setText(detail.groupingReason.isEmpty() ? QString() : tr("Grouped by %1").arg(detail.groupingReason));
    m_grouping->setVisible(!detail.groupingReason.isEmpty());
    updateStatusWidgets();

    QVector<double> days;
    qint64 monthTotal = 0;
    for (int n : detail.last30Days) {
        days << n;
        monthTotal += n;
    }
    m_days->setValues(days, {tr("30 d ago"), QString(), tr("today")});
    m_daysTitle->setText(tr("Last 30 days: %1 events").arg(locale.toString(monthTotal)));

    m_tags->setTags(detail.tags, s.count);
    m_tags->setVisible(!detail.tags.isEmpty());
    m_noTags->setVisible(detail.tags.isEmpty());
    m_eventTabs->setTabText(TagsTab, detail.tags.isEmpty() ? tr("Tags") : tr("Tags (%1)").arg(detail.tags.size()));
    renderEvent();
}

void ErrorsIssueView::setNow(const QDateTime &now)
{
    m_now = now;
    if (m_showingIssue)
        updateCounts();
}

void ErrorsIssueView::updateCounts()
{
    const errors::IssueSummary &s = m_detail.summary;
    const QLocale locale;
    QStringList counts;
    counts << (s.count == 1 ? tr("1 event") : tr("%1 events").arg(locale.toString(s.count)));
    counts << (s.users == 1 ? tr("1 user") : tr("%1 users").arg(locale.toString(s.users)));
    if (s.firstSeen.isValid())
        counts << tr("first seen %1").arg(AgeText::ago(s.firstSeen, m_now));
    if (s.lastSeen.isValid())
        counts << tr("last seen %1").arg(AgeText::ago(s.lastSeen, m_now));
    m_counts->setText(counts.join(QStringLiteral(" · ")));
}

QString ErrorsIssueView::countsText() const
{
    return m_counts->text();
}

void ErrorsIssueView::setStatus(errors::IssueStatus status)
{
    m_detail.summary.status = status;
    updateStatusWidgets();
}

void ErrorsIssueView::updateStatusWidgets()
{
    const errors::IssueStatus status = m_detail.summary.status;
    m_status->setText(ErrorsIssueModel::statusText(status));
    const QColor color = status == errors::IssueStatus::Resolved ? Theme::running()
        : status == errors::IssueStatus::Ignored                 ? Theme::stopped()
                                                                 : Theme::busy();
    m_status->setStyleSheet(chipStyle(color));
    // Only the moves that change something are offered.
    m_resolve->setVisible(status != errors::IssueStatus::Resolved);
    m_ignore->setVisible(status == errors::IssueStatus::Unresolved);
    m_reopen->setVisible(status != errors::IssueStatus::Unresolved);
    for (QPushButton *b : {m_resolve, m_ignore, m_reopen})
        b->setEnabled(m_commandsEnabled && m_detail.summary.id != 0);
}

void ErrorsIssueView::setLibraryFramesShown(bool shown)
{
    m_showLibraryFrames = shown;
    if (m_showingIssue)
        renderEvent();
}

void ErrorsIssueView::renderEvent()
{
    const QJsonObject &event = m_detail.event;
    const QLocale locale;

    QStringList about;
    if (!m_detail.eventId.isEmpty())
        about << tr("Event %1").arg(m_detail.eventId.left(12));
    const QDateTime time = ErrorsEventFormatter::timestamp(event.value(QStringLiteral("timestamp")));
    if (time.isValid())
        about << locale.toString(time.toLocalTime(), QLocale::ShortFormat);
    if (event.value(QStringLiteral("release")).isString())
        about << tr("release %1").arg(event.value(QStringLiteral("release")).toString());
    if (event.value(QStringLiteral("environment")).isString())
        about << event.value(QStringLiteral("environment")).toString();
    m_eventLabel->setText(about.isEmpty() ? tr("No event stored for this issue") : about.join(QStringLiteral(" · ")));
    m_previous->setEnabled(!m_detail.previousEventId.isEmpty());
    m_next->setEnabled(!m_detail.nextEventId.isEmpty());
    m_latest->setEnabled(!m_detail.nextEventId.isEmpty());

    // Keep the reader's place when the same event is re-rendered (e.g. after issuesChanged).
    const int scroll = m_stack->verticalScrollBar() ? m_stack->verticalScrollBar()->value() : 0;
    m_stack->setHtml(event.isEmpty() ? QStringLiteral("<p>%1</p>").arg(tr("The event is no longer stored."))
                                     : ErrorsEventFormatter::stackTraceHtml(event, m_showLibraryFrames));
    m_stack->verticalScrollBar()->setValue(scroll);

    const QList<ErrorsEventFormatter::Breadcrumb> crumbs = ErrorsEventFormatter::breadcrumbs(event);
    m_breadcrumbs->setRowCount(int(crumbs.size()));
    for (int r = 0; r < crumbs.size(); ++r) {
        const ErrorsEventFormatter::Breadcrumb &c = crumbs[r];
        auto *timeItem = new QTableWidgetItem(c.time.isValid() ? c.time.toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz"))
                                                               : QString());
        timeItem->setForeground(Theme::mutedText());
        auto *category = new QTableWidgetItem(c.category.isEmpty() ? c.type : c.category);
        auto *level = new QTableWidgetItem(c.level);
        level->setForeground(ErrorsIssueModel::levelColor(c.level));
        auto *message = new QTableWidgetItem(c.message);
        message->setToolTip(c.message);
        m_breadcrumbs->setItem(r, 0, timeItem);
        m_breadcrumbs->setItem(r, 1, category);
        m_breadcrumbs->setItem(r, 2, level);
        m_breadcrumbs->setItem(r, 3, message);
    }
    m_breadcrumbs->setVisible(!crumbs.isEmpty());
    m_noBreadcrumbs->setVisible(crumbs.isEmpty());
    m_eventTabs->setTabText(BreadcrumbsTab, crumbs.isEmpty() ? tr("Breadcrumbs")
                                                             : tr("Breadcrumbs (%1)").arg(crumbs.size()));
    m_context->setHtml(ErrorsEventFormatter::contextHtml(event));
}

QString ErrorsIssueView::titleText() const
{
    return m_title->text();
}

QString ErrorsIssueView::stackTraceText() const
{
    return m_stack->toPlainText();
}

QString ErrorsIssueView::stackTraceHtml() const
{
    return ErrorsEventFormatter::stackTraceHtml(m_detail.event, m_showLibraryFrames);
}

} // namespace homeport::ui
