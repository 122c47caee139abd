#include "service_page.h"

#include "dashboard_widgets.h"

#include "core/metrics.h"
#include "core/settings.h"
#include "counter_model.h"
#include "empty_state.h"
#include "service_commands.h"
#include "sparkline.h"
#include "state_light.h"
#include "theme.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace homeport::ui {

namespace {
QFrame *makeCard(QWidget *parent)
{
    auto *card = new QFrame(parent);
    card->setProperty("card", true);
    return card;
}

} // namespace

QString ServicePage::plannedContent(const QString &service)
{
    if (service == QLatin1String("channels"))
        return tr("Your apps, their live connections and the traffic on each channel will appear here.");
    if (service == QLatin1String("errors"))
        return tr("Issues, grouped from the error events your apps send, will appear here.");
    if (service == QLatin1String("search"))
        return tr("Your collections and their documents will appear here.");
    if (service == QLatin1String("storage"))
        return tr("Your buckets and an object browser will appear here.");
    if (service == QLatin1String("inference"))
        return tr("Your GPU pods, their health and token throughput will appear here.");
    return tr("This service's dashboard will appear here.");
}

ServicePage::ServicePage(const core::ServiceInfo &info, const ConsoleContext &context, ServiceCommands *commands,
                         QWidget *parent)
    : QWidget(parent)
    , m_info(info)
    , m_context(context)
    , m_commands(commands)
    , m_light(new StateLight(14, this))
    , m_state(new QLabel(this))
    , m_address(new QLabel(this))
    , m_uptime(new QLabel(this))
    , m_reason(new QLabel(this))
    , m_rate(new QLabel(this))
    , m_countersEmpty(new QLabel(tr("No requests yet. Counters appear with the first request."), this))
    , m_chart(new Sparkline(kChartSeconds, Sparkline::Style::WithAxes, this))
    , m_counters(new CounterModel(info.name, this))
    , m_counterProxy(new QSortFilterProxyModel(this))
    , m_counterView(new QTableView(this))
    , m_start(new QPushButton(tr("Start"), this))
    , m_stop(new QPushButton(tr("Stop"), this))
    , m_restart(new QPushButton(tr("Restart"), this))
    , m_contentLayout(new QVBoxLayout)
    , m_emptyState(nullptr)
{
    setObjectName(QStringLiteral("page-") + info.name);

    // Header: name, what it stands in for, and its commands.
    auto *title = new QLabel(info.title, this);
    title->setObjectName(QStringLiteral("pageTitle"));
    auto *subtitle = new QLabel(tr("replaces %1 · %2").arg(info.replaces, info.protocol), this);
    subtitle->setObjectName(QStringLiteral("pageSubtitle"));
    auto *connectButton = new QPushButton(tr("Connect"), this);
    connectButton->setObjectName(QStringLiteral("connectButton"));
    connectButton->setProperty("primary", true);
    m_start->setObjectName(QStringLiteral("startButton"));
    m_stop->setObjectName(QStringLiteral("stopButton"));
    m_restart->setObjectName(QStringLiteral("restartButton"));
    connect(m_start, &QPushButton::clicked, this, [this] { m_commands->requestStart(m_info.name); });
    connect(m_stop, &QPushButton::clicked, this, [this] { m_commands->requestStop(m_info.name); });
    connect(m_restart, &QPushButton::clicked, this, [this] { m_commands->requestRestart(m_info.name); });
    connect(connectButton, &QPushButton::clicked, this, [this] { Q_EMIT connectRequested(m_info.name); });

    auto *head = new QHBoxLayout;
    auto *titles = new QVBoxLayout;
    titles->setSpacing(2);
    titles->addWidget(title);
    titles->addWidget(subtitle);
    head->addLayout(titles, 1);
    for (QPushButton *b : {m_start, m_stop, m_restart, connectButton})
        head->addWidget(b, 0, Qt::AlignBottom);

    // Live state strip.
    auto *stateCard = makeCard(this);
    m_state->setObjectName(QStringLiteral("stateLabel"));
    QFont bold = m_state->font();
    bold.setWeight(QFont::DemiBold);
    bold.setPointSizeF(bold.pointSizeF() * 1.1);
    m_state->setFont(bold);
    m_address->setObjectName(QStringLiteral("addressLabel"));
    m_address->setFont(Theme::monospaceFont());
    m_address->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_uptime->setObjectName(QStringLiteral("muted"));
    m_reason->setObjectName(QStringLiteral("failureReason"));
    m_reason->setWordWrap(true);
    m_reason->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_reason->hide();
    auto *stateRow = new QHBoxLayout;
    stateRow->setSpacing(10);
    stateRow->addWidget(m_light);
    stateRow->addWidget(m_state);
    stateRow->addSpacing(12);
    stateRow->addWidget(m_address);
    stateRow->addStretch();
    stateRow->addWidget(m_uptime);
    auto *stateLayout = new QVBoxLayout(stateCard);
    stateLayout->setContentsMargins(16, 12, 16, 12);
    stateLayout->addLayout(stateRow);
    stateLayout->addWidget(m_reason);

    // Request rate.
    auto *chartCard = makeCard(this);
    auto *chartHead = new QHBoxLayout;
    QLabel *chartTitle = makeSectionTitle(QString(), chartCard);
    auto *range = new ChartRangeBox(chartCard);
    auto showRange = [this, chartTitle](ChartRange r) {
        chartTitle->setText(tr("Requests per second, %1").arg(ChartRangeBox::rangeText(r)));
        m_chart->setRange(r);
        refresh();
    };
    chartTitle->setText(tr("Requests per second, %1").arg(ChartRangeBox::rangeText(ChartRange::FiveMinutes)));
    connect(range, &ChartRangeBox::rangeChanged, this, showRange);
    chartHead->addWidget(chartTitle);
    chartHead->addStretch();
    m_rate->setObjectName(QStringLiteral("muted"));
    chartHead->addWidget(m_rate);
    chartHead->addWidget(range);
    auto *chartLayout = new QVBoxLayout(chartCard);
    chartLayout->setContentsMargins(16, 12, 16, 8);
    chartLayout->addLayout(chartHead);
    chartLayout->addWidget(m_chart, 1);

    // Counters, sortable.
    auto *countersCard = makeCard(this);
    m_counterProxy->setSourceModel(m_counters);
    m_counterProxy->setSortRole(CounterModel::SortRole);
    m_counterView->setObjectName(QStringLiteral("counterTable"));
    m_counterView->setModel(m_counterProxy);
    m_counterView->setSortingEnabled(true);
    m_counterView->sortByColumn(CounterModel::MetricColumn, Qt::AscendingOrder);
    m_counterView->verticalHeader()->hide();
    m_counterView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_counterView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_counterView->setAlternatingRowColors(true);
    m_counterView->setShowGrid(false);
    m_counterView->horizontalHeader()->setSectionResizeMode(CounterModel::MetricColumn, QHeaderView::Stretch);
    m_counterView->horizontalHeader()->setSectionResizeMode(CounterModel::LabelsColumn,
                                                            QHeaderView::ResizeToContents);
    m_counterView->horizontalHeader()->setSectionResizeMode(CounterModel::ValueColumn,
                                                            QHeaderView::ResizeToContents);
    m_countersEmpty->setObjectName(QStringLiteral("hint"));
    m_countersEmpty->setWordWrap(true);
    auto *countersLayout = new QVBoxLayout(countersCard);
    countersLayout->setContentsMargins(16, 12, 16, 12);
    countersLayout->addWidget(makeSectionTitle(tr("Counters"), countersCard));
    countersLayout->addWidget(m_counterView, 1);
    countersLayout->addWidget(m_countersEmpty);
    countersLayout->addStretch(); // holds the hint at the top while the table is hidden

    m_trafficPanel = new QWidget(this);
    auto *metricsRow = new QHBoxLayout(m_trafficPanel);
    metricsRow->setContentsMargins(0, 0, 0, 0);
    metricsRow->setSpacing(14);
    metricsRow->addWidget(chartCard, 3);
    metricsRow->addWidget(countersCard, 2);

    // The content area, with the empty state until a dashboard arrives.
    m_emptyState = new EmptyState(tr("%1 dashboard").arg(info.title),
                                  plannedContent(info.name) + QLatin1Char('\n')
                                      + tr("Meanwhile, connect an app: Homeport %1 speaks the %2, so your existing "
                                           "%3 client works once you point it here.")
                                            .arg(info.title, info.protocol, info.replaces),
                                  this);
    m_emptyState->setMinimumHeight(180);
    QPushButton *emptyConnect = m_emptyState->addAction(tr("Connect an app…"));
    emptyConnect->setObjectName(QStringLiteral("emptyConnectButton"));
    connect(emptyConnect, &QPushButton::clicked, this, [this] { Q_EMIT connectRequested(m_info.name); });
    m_contentLayout->setSpacing(14);
    m_contentLayout->addWidget(m_emptyState);

    auto *contents = new QWidget;
    contents->setObjectName(QStringLiteral("pageScrollContents"));
    auto *layout = new QVBoxLayout(contents);
    layout->setContentsMargins(28, 24, 28, 24);
    layout->setSpacing(14);
    layout->addLayout(head);
    layout->addWidget(stateCard);
    layout->addWidget(m_trafficPanel);
    layout->addLayout(m_contentLayout, 1);

    putInPageScroll(this, contents);

    core::ServiceStatus initial;
    initial.name = info.name;
    setStatus(initial);
}

QString ServicePage::stateText() const
{
    return m_state->text();
}

void ServicePage::setTrafficPanelVisible(bool visible)
{
    m_trafficPanel->setVisible(visible);
}

void ServicePage::setDashboard(QWidget *dashboard)
{
    if (m_dashboard == dashboard)
        return;
    delete m_dashboard;
    m_dashboard = dashboard;
    m_emptyState->setVisible(dashboard == nullptr);
    if (dashboard)
        m_contentLayout->addWidget(dashboard, 1);
}

void ServicePage::setStatus(const core::ServiceStatus &status)
{
    if (status.name != m_info.name)
        return;
    m_status = status;
    showServiceState(m_light, m_state, m_reason, status);
    if (status.state == core::ServiceState::Running && !status.address.isEmpty()) {
        m_address->setText(tr("listening on %1").arg(status.address));
    } else if (m_context.settings) {
        m_address->setText(tr("configured for %1:%2, not listening")
                               .arg(m_context.settings->bindAddress().toString())
                               .arg(m_context.settings->servicePort(m_info.name)));
    } else {
        m_address->setText(tr("not listening"));
    }
    m_uptime->setText(status.state == core::ServiceState::Running
                          ? tr("up %1").arg(Theme::formatUptime(status.uptimeSeconds()))
                          : QString());
    updateButtons();
    statusChanged();
}

void ServicePage::updateButtons()
{
    using core::ServiceState;
    const ServiceState s = m_status.state;
    m_start->setEnabled(s == ServiceState::Stopped || s == ServiceState::Failed);
    m_stop->setEnabled(s == ServiceState::Running || s == ServiceState::Starting);
    m_restart->setEnabled(s == ServiceState::Running);
}

void ServicePage::refresh()
{
    if (m_status.state == core::ServiceState::Running)
        m_uptime->setText(tr("up %1").arg(Theme::formatUptime(m_status.uptimeSeconds())));
    if (m_context.metrics) {
        const QString series = m_info.name + QStringLiteral(".requests");
        m_chart->setValues(chartValues(*m_context.metrics, series, m_chart->range()));
        // The latest whole second, whatever range the chart shows.
        const QVector<double> latest = m_context.metrics->series(series, 2);
        const double rate = latest.first();
        m_rate->setText(Theme::formatRate(rate));
        m_counters->update(m_context.metrics->snapshot());
    }
    const bool empty = m_counters->rowCount() == 0;
    m_countersEmpty->setVisible(empty);
    m_counterView->setVisible(!empty);
    refreshDashboard();
    Q_EMIT refreshed();
}

} // namespace homeport::ui
