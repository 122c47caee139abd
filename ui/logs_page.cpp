#include "logs_page.h"

#include "log_filter_model.h"
#include "log_model.h"
#include "core/service_catalog.h"
#include "theme.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace homeport::ui {

LogsPage::LogsPage(const ConsoleContext &context, const QStringList &services, QWidget *parent)
    : QWidget(parent)
    , m_model(new LogModel(this))
    , m_filter(new LogFilterModel(this))
    , m_view(new QTableView(this))
    , m_level(new QComboBox(this))
    , m_service(new QComboBox(this))
    , m_search(new QLineEdit(this))
    , m_autoScroll(new QCheckBox(tr("Follow new lines"), this))
    , m_count(new QLabel(this))
    , m_empty(new QLabel(this))
    , m_flushTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("page-logs"));

    auto *title = new QLabel(tr("Logs"), this);
    title->setObjectName(QStringLiteral("pageTitle"));
    auto *subtitle = new QLabel(tr("Everything Homeport and its services log, newest last. Headless servers write "
                                   "the same lines to stderr (journald)."),
                                this);
    subtitle->setObjectName(QStringLiteral("pageSubtitle"));
    subtitle->setWordWrap(true);

    m_level->setObjectName(QStringLiteral("levelFilter"));
    m_level->addItem(tr("Debug and above"), 0);
    m_level->addItem(tr("Info and above"), 1);
    m_level->addItem(tr("Warnings and above"), 2);
    m_level->addItem(tr("Errors only"), 3);
    m_level->setCurrentIndex(1);
    m_service->setObjectName(QStringLiteral("serviceFilter"));
    m_service->addItem(tr("All services"), QString());
    for (const QString &name : services) {
        const core::ServiceInfo *info = core::findService(name);
        m_service->addItem(info ? info->title : name, name);
    }
    m_search->setObjectName(QStringLiteral("textFilter"));
    m_search->setPlaceholderText(tr("Filter by text or category…"));
    m_search->setClearButtonEnabled(true);
    m_autoScroll->setObjectName(QStringLiteral("autoScroll"));
    m_autoScroll->setChecked(true);
    auto *clear = new QPushButton(tr("Clear"), this);
    clear->setObjectName(QStringLiteral("clearButton"));
    clear->setToolTip(tr("Clears this view; the log itself is kept"));
    m_count->setObjectName(QStringLiteral("hint"));

    auto *levelLabel = new QLabel(tr("Level:"), this);
    auto *tools = new QHBoxLayout;
    tools->setSpacing(8);
    tools->addWidget(levelLabel);
    tools->addWidget(m_level);
    tools->addWidget(m_service);
    tools->addWidget(m_search, 1);
    tools->addWidget(m_autoScroll);
    tools->addWidget(clear);

    m_filter->setSourceModel(m_model);
    m_filter->setMinimumSeverity(1);
    m_view->setObjectName(QStringLiteral("logTable"));
    m_view->setModel(m_filter);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(LogModel::TimeColumn, Qt::AscendingOrder);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setShowGrid(false);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setFont(Theme::monospaceFont());
    QHeaderView *header = m_view->horizontalHeader();
    header->setSectionResizeMode(LogModel::TimeColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(LogModel::LevelColumn, QHeaderView::Fixed);
    header->setSectionResizeMode(LogModel::CategoryColumn, QHeaderView::Interactive);
    header->setStretchLastSection(true);
    m_view->setColumnWidth(LogModel::LevelColumn, m_view->fontMetrics().horizontalAdvance(QStringLiteral("critical")) + 24);
    m_view->setColumnWidth(LogModel::CategoryColumn, m_view->fontMetrics().horizontalAdvance(QStringLiteral("homeport.http.access")) + 24);

    m_empty->setObjectName(QStringLiteral("hint"));
    m_empty->setAlignment(Qt::AlignCenter);

    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_count);
    bottom->addStretch();
    bottom->addWidget(m_empty);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(28, 24, 28, 16);
    layout->setSpacing(10);
    layout->addWidget(title);
    layout->addWidget(subtitle);
    layout->addSpacing(4);
    layout->addLayout(tools);
    layout->addWidget(m_view, 1);
    layout->addLayout(bottom);

    connect(m_level, &QComboBox::currentIndexChanged, this, [this] {
        m_filter->setMinimumSeverity(m_level->currentData().toInt());
        updateCount();
    });
    connect(m_service, &QComboBox::currentIndexChanged, this, [this] {
        m_filter->setService(m_service->currentData().toString());
        updateCount();
    });
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_filter->setText(text);
        updateCount();
    });
    connect(clear, &QPushButton::clicked, this, [this] {
        m_model->clear();
        updateCount();
    });
    connect(m_autoScroll, &QCheckBox::toggled, this, [this](bool on) {
        if (on)
            m_view->scrollToBottom();
    });

    m_flushTimer->setInterval(kFlushIntervalMs);
    m_flushTimer->setSingleShot(true);
    connect(m_flushTimer, &QTimer::timeout, this, &LogsPage::flush);

    if (context.logs) {
        m_model->append(context.logs->lines());
        connect(context.logs, &core::LogStream::lineAdded, this, &LogsPage::addLine);
    }
    updateCount();
}

void LogsPage::setLevelFilter(int index)
{
    m_level->setCurrentIndex(index);
}

void LogsPage::setTextFilter(const QString &text)
{
    m_search->setText(text);
}

void LogsPage::setServiceFilter(const QString &service)
{
    const int index = m_service->findData(service);
    m_service->setCurrentIndex(index >= 0 ? index : 0);
}

QString LogsPage::serviceFilter() const
{
    return m_service->currentData().toString();
}

void LogsPage::addLine(const core::LogLine &line)
{
    m_pending.append(line);
    // Keep the batch bounded too, should the event loop be starved for a while.
    if (m_pending.size() > LogModel::kMaxLines)
        m_pending.remove(0, m_pending.size() - LogModel::kMaxLines);
    if (!m_flushTimer->isActive())
        m_flushTimer->start();
}

void LogsPage::flush()
{
    if (m_pending.isEmpty())
        return;
    m_model->append(m_pending);
    m_pending.clear();
    updateCount();
    if (m_autoScroll->isChecked())
        m_view->scrollToBottom();
}

void LogsPage::updateCount()
{
    const int shown = m_filter->rowCount();
    const int total = m_model->rowCount();
    m_count->setText(tr("%1 of %2 lines shown").arg(shown).arg(total));
    if (total == 0)
        m_empty->setText(tr("No log lines yet."));
    else if (shown == 0)
        m_empty->setText(tr("No lines match the filter."));
    else
        m_empty->clear();
}

} // namespace homeport::ui
