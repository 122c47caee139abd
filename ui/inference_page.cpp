#include "inference_page.h"

#include "dashboard_widgets.h"
#include "empty_state.h"
#include "inference_keys_panel.h"
#include "inference_pod_chart.h"
#include "inference_pod_dialog.h"
#include "table_filter.h"
#include "theme.h"
#include "theme_follower.h"

#include <QComboBox>
#include <QDateTime>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSet>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableWidget>
#include <QTextCursor>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace homeport::ui {

namespace {

using inference::PodState;

constexpr int kTabsMinimumHeight = 560; // as the other pages: fits the window the console opens with
constexpr int kPodTableMinimumHeight = 130; // a header and three rows
const QString kTabPage = QStringLiteral("inferenceTabPage");
constexpr int kSortRole = Qt::UserRole + 1;
constexpr int kKeyRole = Qt::UserRole + 2;

// Sorts by kSortRole: numbers as numbers (a missing value, -1, first), text without case.
class SortItem : public QTableWidgetItem
{
public:
    SortItem(const QString &text, const QVariant &sortValue) : QTableWidgetItem(text) { setData(kSortRole, sortValue); }
    bool operator<(const QTableWidgetItem &other) const override
    {
        const QVariant a = data(kSortRole);
        const QVariant b = other.data(kSortRole);
        if (a.typeId() == QMetaType::QString || b.typeId() == QMetaType::QString)
            return a.toString().compare(b.toString(), Qt::CaseInsensitive) < 0;
        return a.toDouble() < b.toDouble();
    }
};

QColor stateColor(PodState state)
{
    switch (state) {
    case PodState::Up: return Theme::running();
    case PodState::Degraded: return Theme::busy();
    case PodState::Cold: return Theme::accent();
    case PodState::Down: break;
    }
    return Theme::failed();
}

QString stateTitle(PodState state)
{
    switch (state) {
    case PodState::Up: return InferencePage::tr("up");
    case PodState::Degraded: return InferencePage::tr("degraded");
    case PodState::Cold: return InferencePage::tr("cold");
    case PodState::Down: break;
    }
    return InferencePage::tr("down");
}

QString kindTitle(inference::PodKind kind)
{
    switch (kind) {
    case inference::PodKind::Vllm: return InferencePage::tr("vLLM");
    case inference::PodKind::RunpodServerless: return InferencePage::tr("RunPod serverless");
    case inference::PodKind::OpenAiCompatible: break;
    }
    return InferencePage::tr("OpenAI-compatible");
}

QString number(const std::optional<double> &v, int decimals = 1)
{
    return v ? QLocale().toString(*v, 'f', decimals) : QStringLiteral("–");
}

QString money(const std::optional<double> &v)
{
    return v ? QStringLiteral("$%1").arg(QLocale().toString(*v, 'f', 2)) : QStringLiteral("–");
}

QString seconds(const std::optional<double> &v)
{
    if (!v)
        return QStringLiteral("–");
    return *v < 1 ? InferencePage::tr("%1 ms").arg(qRound(*v * 1000)) : InferencePage::tr("%1 s").arg(QLocale().toString(*v, 'f', 2));
}

// Pods of the RunPod account become gateway pods under a name pods.json accepts.
QString podNameFrom(const QString &text)
{
    QString out;
    for (const QChar c : text.toLower()) {
        if (c.isLetterOrNumber() || c == QLatin1Char('-') || c == QLatin1Char('_'))
            out += c;
        else if (!out.endsWith(QLatin1Char('-')))
            out += QLatin1Char('-');
    }
    while (out.endsWith(QLatin1Char('-')))
        out.chop(1);
    return out.isEmpty() ? QStringLiteral("runpod") : out;
}

std::optional<QJsonObject> askForPod(QWidget *parent, const QJsonObject &prefill)
{
    InferencePodDialog dialog(parent);
    dialog.setEntry(prefill);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return dialog.entry();
}

} // namespace

InferencePage::InferencePage(const core::ServiceInfo &info, const ConsoleContext &context, ServiceCommands *commands,
                             QWidget *parent)
    : ServicePage(info, context, commands, parent)
    , m_monitor(context.inference)
    , m_confirm(confirmWithMessageBox)
    , m_podPrompt(askForPod)
    , m_snapshotTimer(new QTimer(this))
{
    auto *dashboard = new QWidget;
    dashboard->setObjectName(QStringLiteral("inferenceDashboard"));
    m_banner = makeDashboardBanner(dashboard, QStringLiteral("inferenceBanner"));
    m_tabs = makeDashboardTabs(dashboard, QStringLiteral("inferenceTabs"), kTabsMinimumHeight);
    m_tabs->addTab(buildPodsTab(), tr("Pods"));
    m_tabs->addTab(buildRunpodTab(), tr("RunPod"));
    m_tabs->addTab(buildPlaygroundTab(), tr("Playground"));
    m_keysPanel = new InferenceKeysPanel(m_monitor, m_tabs);
    m_keysPanel->setObjectName(kTabPage);
    m_tabs->addTab(m_keysPanel, tr("Keys && requests"));
    setThemedStyleSheet(dashboard, [] { return tabPageStyleSheet(kTabPage); });
    layOutDashboard(dashboard, m_banner, m_tabs);
    setDashboard(dashboard);
    setTrafficPanelVisible(false); // the Pods tab has the pods' own charts

    m_snapshotTimer->setSingleShot(true);
    m_snapshotTimer->setInterval(kSnapshotDelayMs);
    connect(m_snapshotTimer, &QTimer::timeout, this, &InferencePage::applySnapshot);
    if (m_monitor) {
        connect(m_monitor, &inference::InferenceMonitor::podStatusPublished, this, [this] {
            if (!m_snapshotTimer->isActive())
                m_snapshotTimer->start();
        });
        connect(m_monitor, &inference::InferenceMonitor::podAdded, this, [this](quint64 id, const QString &error) {
            if (id != m_addRequest)
                return;
            showStatusMessage(m_podsMessage, error.isEmpty() ? tr("Pod added to %1; checking it now.").arg(m_snapshot.podsFile)
                                                      : tr("The pod was not added: %1").arg(error),
                       !error.isEmpty());
            Q_EMIT podAddFinished(error);
        });
        connect(m_monitor, &inference::InferenceMonitor::runpodActionFinished, this, [this](quint64 id, const QString &error) {
            if (id != m_runpodRequest)
                return;
            showStatusMessage(m_rpMessage, error.isEmpty() ? tr("Done; RunPod is reloading the list.") : error, !error.isEmpty());
            updateRunpodButtons();
            Q_EMIT runpodActionDone(error);
        });
        connect(m_monitor, &inference::InferenceMonitor::chatDelta, this, [this](quint64 id, const QString &text) {
            if (id != m_chatId)
                return;
            m_chatReply->moveCursor(QTextCursor::End);
            m_chatReply->insertPlainText(text);
        });
        connect(m_monitor, &inference::InferenceMonitor::chatFinished, this, [this](quint64 id, const inference::ChatResult &r) {
            if (id != m_chatId)
                return;
            m_chatId = 0;
            m_chatSend->setEnabled(true);
            m_chatStop->setEnabled(false);
            if (!r.error.isEmpty()) {
                showStatusMessage(m_chatStats, tr("Error: %1").arg(r.error), true);
            } else {
                QStringList parts;
                if (!r.pod.isEmpty())
                    parts << tr("pod %1").arg(r.pod);
                if (r.firstTokenMs >= 0)
                    parts << tr("first token after %1 ms").arg(r.firstTokenMs);
                parts << tr("%1 ms in all").arg(r.totalMs);
                if (r.promptTokens >= 0 && r.completionTokens >= 0)
                    parts << tr("%1 prompt + %2 completion tokens").arg(r.promptTokens).arg(r.completionTokens);
                showStatusMessage(m_chatStats, parts.join(QStringLiteral(" · ")), false);
            }
            Q_EMIT chatDone(r);
        });
    }
    applySnapshot();
}

InferencePage::~InferencePage()
{
    if (m_monitor && m_chatId)
        m_monitor->cancelChat(m_chatId);
}

QString InferencePage::statText(const QString &name) const
{
    const QLabel *label = m_stats.value(name);
    return label ? label->text() : QString();
}

// ---------------------------------------------------------------------------------------------
// Pods tab

QWidget *InferencePage::buildPodsTab()
{
    auto *page = new QWidget(m_tabs);
    QHBoxLayout *tiles = makeStatTiles(
        {
            {QStringLiteral("pods"), tr("Pods")},
            {QStringLiteral("up"), tr("Up or degraded")},
            {QStringLiteral("tokens"), tr("Tokens / s")},
            {QStringLiteral("cost"), tr("Cost / hour")},
        },
        &m_stats);
    m_stats.value(QStringLiteral("tokens"))->setToolTip(tr("Generation tokens per second of every vLLM pod, from its /metrics over the last minute."));
    m_stats.value(QStringLiteral("cost"))->setToolTip(tr("The sum of the pods' cost per hour from pods.json (cost_per_hour)."));

    auto *tools = new QHBoxLayout;
    auto *add = new QPushButton(tr("Add pod…"), page);
    add->setObjectName(QStringLiteral("addPodButton"));
    add->setProperty("primary", true);
    connect(add, &QPushButton::clicked, this, [this] { addPod(); });
    tools->addWidget(add);
    m_podsMessage = makeStatusMessage(QStringLiteral("podsMessage"), page);
    tools->addWidget(m_podsMessage, 1);

    auto *empty = new EmptyState(tr("No pods yet — add one"),
                                 tr("The gateway forwards OpenAI requests to the GPU pods you list: vLLM servers, RunPod "
                                    "serverless endpoints or any OpenAI-compatible server. Add one here (it is saved in "
                                    "pods.json), or pick a pod of your RunPod account on the RunPod tab."),
                                 page);
    // No button of its own: the "Add pod…" above it stays in view, with pods or without.
    empty->setObjectName(QStringLiteral("podsEmptyState"));

    // The state word in its own column, why in the last one, which takes the width left (a reason
    // is longer than any other cell); the queue's header is short, its tooltip says what counts.
    m_podTable = makeItemTable({tr("Pod"), tr("Kind"), tr("State"), tr("Models"), tr("Requests"), tr("KV cache"),
                                tr("Tokens / s"), tr("TTFT p50 / p95"), tr("Cost / h"), tr("Reason")},
                               QStringLiteral("podTable"), PodReason, page);
    m_podTable->horizontalHeaderItem(PodQueue)->setToolTip(tr("Running / waiting"));
    // A longer reason goes on to a second line rather than being cut: rows take their text's height.
    m_podTable->setWordWrap(true);
    m_podTable->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_podTable->setMinimumHeight(kPodTableMinimumHeight);
    connect(m_podTable, &QTableWidget::itemSelectionChanged, this, &InferencePage::updateCharts);
    m_podStack = makeEmptyStateStack(empty, m_podTable, page);
    // The table (or the empty state) takes the height the tab has left, at least a few rows, but
    // asks for no more, so the tab fits the window the console opens with: with word-wrapped
    // labels on the page its scroll asks for every widget's preferred height, and a table's is
    // 192 px of blank rows. Its minimum follows what it shows (applySnapshot()).
    m_podStack->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Ignored);
    m_podStack->setProperty(TableFilter::kTableFilterRow, QVariant::fromValue<QObject *>(tools));

    // The selected pod over time.
    QVBoxLayout *chartsLayout = nullptr;
    QFrame *chartsCard = makeCard(page, &chartsLayout);
    m_chartsCard = chartsCard;
    m_chartsCard->setObjectName(QStringLiteral("podChartsCard"));
    m_chartTitle = makeSectionTitle(tr("Select a pod to see it over time"), chartsCard);
    m_chartTitle->setObjectName(QStringLiteral("podChartTitle"));
    auto *chartsHead = new QHBoxLayout;
    chartsHead->addWidget(m_chartTitle, 1);
    m_podChartRange = new ChartRangeBox(chartsCard);
    m_podChartRange->setObjectName(QStringLiteral("podChartRange"));
    chartsHead->addWidget(m_podChartRange);
    chartsLayout->addLayout(chartsHead);
    auto *charts = new QHBoxLayout;
    m_tokensChart = new InferencePodChart(tr("tokens / s"), tr("generation"),
                                          [](const inference::PodPoint &p) { return p.tokensPerSecond; }, {}, {}, chartsCard);
    m_tokensChart->setObjectName(QStringLiteral("tokensChart"));
    m_kvChart = new InferencePodChart(tr("KV cache %"), tr("KV cache"),
                                      [](const inference::PodPoint &p) { return p.kvCachePercent; }, {}, {}, chartsCard);
    m_kvChart->setObjectName(QStringLiteral("kvChart"));
    m_kvChart->setFixedTop(100);
    m_queueChart = new InferencePodChart(tr("requests"), tr("running"), [](const inference::PodPoint &p) { return p.running; },
                                         tr("waiting"), [](const inference::PodPoint &p) { return p.waiting; }, chartsCard);
    m_queueChart->setObjectName(QStringLiteral("queueChart"));
    m_queueChart->setWholeCounts(true);
    for (InferencePodChart *chart : {m_tokensChart, m_kvChart, m_queueChart})
        charts->addWidget(chart, 1);
    connect(m_podChartRange, &ChartRangeBox::rangeChanged, this, [this](ChartRange range) {
        for (InferencePodChart *chart : {m_tokensChart, m_kvChart, m_queueChart})
            chart->setRange(range);
        updateCharts();
    });
    chartsLayout->addLayout(charts);

    // This workstation's GPU, on one line: the title beside what nvidia-smi said.
    QVBoxLayout *gpuLayout = nullptr;
    QFrame *gpuCard = makeCard(page, &gpuLayout);
    auto *gpuRow = new QHBoxLayout;
    gpuRow->setSpacing(14);
    gpuRow->addWidget(makeSectionTitle(tr("This machine's GPU"), gpuCard), 0, Qt::AlignTop);
    m_gpuText = makeStatusMessage(QStringLiteral("localGpuText"), gpuCard);
    gpuRow->addWidget(m_gpuText, 1);
    gpuLayout->addLayout(gpuRow);

    auto *layout = new QVBoxLayout;
    layout->setSpacing(10);
    layout->addLayout(tiles);
    layout->addLayout(tools);
    layout->addWidget(m_podStack, 1);
    layout->addWidget(chartsCard);
    layout->addWidget(gpuCard);
    return finishTabPage(page, layout, kTabPage);
}

void InferencePage::addPod(const QJsonObject &prefill)
{
    const std::optional<QJsonObject> entry = m_podPrompt(this, prefill);
    if (!entry || !m_monitor)
        return;
    showStatusMessage(m_podsMessage, tr("Adding %1…").arg(entry->value(QStringLiteral("name")).toString()), false);
    m_addRequest = m_monitor->addPod(*entry);
}

QString InferencePage::selectedPodName() const
{
    const QList<QTableWidgetItem *> selected = m_podTable->selectedItems();
    return selected.isEmpty() ? QString() : m_podTable->item(selected.first()->row(), PodName)->data(kKeyRole).toString();
}

void InferencePage::fillPodTable()
{
    const QString selected = selectedPodName();
    m_podTable->setSortingEnabled(false);
    m_podTable->setRowCount(int(m_snapshot.pods.size()));
    int row = 0;
    for (const inference::PodStatus &p : std::as_const(m_snapshot.pods)) {
        auto *name = new SortItem(p.name, p.name);
        name->setData(kKeyRole, p.name);
        name->setToolTip(p.url);
        m_podTable->setItem(row, PodName, name);
        m_podTable->setItem(row, PodKindColumn, new SortItem(kindTitle(p.kind), kindTitle(p.kind)));
        const QString stateLine = p.reason.isEmpty() ? stateTitle(p.state) : QStringLiteral("%1 — %2").arg(stateTitle(p.state), p.reason);
        auto *state = new SortItem(stateTitle(p.state), double(int(p.state)));
        state->setForeground(stateColor(p.state));
        state->setToolTip(stateLine);
        m_podTable->setItem(row, PodStateColumn, state);
        auto *reason = new SortItem(p.reason, p.reason);
        reason->setToolTip(stateLine);
        m_podTable->setItem(row, PodReason, reason);
        m_podTable->setItem(row, PodModels, new SortItem(p.models.join(QStringLiteral(", ")), p.models.join(QLatin1Char(','))));
        QString queue = QStringLiteral("%1 / %2").arg(number(p.running, 0), number(p.waiting, 0));
        double queueSort = p.running ? *p.running + p.waiting.value_or(0) : -1;
        if (!p.running && p.runpod) {
            queue = tr("%1 / %2 jobs").arg(p.runpod->inProgress).arg(p.runpod->inQueue);
            queueSort = p.runpod->inProgress + p.runpod->inQueue;
        }
        m_podTable->setItem(row, PodQueue, new SortItem(queue, queueSort));
        auto *kv = new SortItem(p.kvCacheUsage ? QStringLiteral("%1 %").arg(qRound(*p.kvCacheUsage * 100)) : QStringLiteral("–"),
                                p.kvCacheUsage.value_or(-1));
        if (!p.kvCacheMetric.isEmpty())
            kv->setToolTip(tr("from %1").arg(p.kvCacheMetric));
        m_podTable->setItem(row, PodKvCache, kv);
        auto *tokens = new SortItem(number(p.tokensPerSecond), p.tokensPerSecond.value_or(-1));
        if (!p.metricsError.isEmpty())
            tokens->setToolTip(p.metricsError);
        m_podTable->setItem(row, PodTokens, tokens);
        m_podTable->setItem(row, PodTtft, new SortItem(QStringLiteral("%1 / %2").arg(seconds(p.ttftP50), seconds(p.ttftP95)),
                                                       p.ttftP50.value_or(-1)));
        m_podTable->setItem(row, PodCost, new SortItem(money(p.costPerHour), p.costPerHour.value_or(-1)));
        ++row;
    }
    m_podTable->setSortingEnabled(true);
    for (int r = 0; r < m_podTable->rowCount(); ++r) {
        if (!selected.isEmpty() && m_podTable->item(r, PodName)->data(kKeyRole).toString() == selected)
            m_podTable->selectRow(r);
    }
    if (m_podTable->selectedItems().isEmpty() && m_podTable->rowCount() > 0)
        m_podTable->selectRow(0);
}

void InferencePage::updateCharts()
{
    const QString name = selectedPodName();
    const auto it = std::find_if(m_snapshot.pods.cbegin(), m_snapshot.pods.cend(),
                                 [&](const inference::PodStatus &p) { return p.name == name; });
    const qint64 now = m_snapshot.takenAtMs ? m_snapshot.takenAtMs : QDateTime::currentMSecsSinceEpoch();
    if (it == m_snapshot.pods.cend()) {
        m_chartTitle->setText(tr("Select a pod to see it over time"));
        for (InferencePodChart *chart : {m_tokensChart, m_kvChart, m_queueChart})
            chart->setHistory({}, now);
        return;
    }
    m_chartTitle->setText(tr("%1 over time").arg(it->name));
    const bool perCheck = m_podChartRange->range() == ChartRange::FiveMinutes;
    for (InferencePodChart *chart : {m_tokensChart, m_kvChart, m_queueChart})
        chart->setHistory(perCheck ? it->history : it->minutes, now);
}

void InferencePage::updateGpu()
{
    using Availability = inference::LocalGpuStatus::Availability;
    const inference::LocalGpuStatus &gpu = m_snapshot.localGpu;
    if (gpu.availability == Availability::NotChecked) {
        showStatusMessage(m_gpuText, tr("Not checked yet."), false);
        return;
    }
    if (gpu.availability != Availability::Present) {
        showStatusMessage(m_gpuText, gpu.message, gpu.availability == Availability::Failed);
        return;
    }
    QStringList lines;
    const QLocale locale;
    for (const inference::LocalGpu &g : gpu.gpus) {
        QStringList parts{QStringLiteral("<b>%1</b>").arg(g.name.toHtmlEscaped())};
        if (g.utilizationPercent)
            parts << tr("%1 % busy").arg(qRound(*g.utilizationPercent));
        if (g.memoryUsedMiB && g.memoryTotalMiB)
            parts << tr("%1 of %2 GiB memory").arg(locale.toString(*g.memoryUsedMiB / 1024, 'f', 1), locale.toString(*g.memoryTotalMiB / 1024, 'f', 1));
        if (g.temperatureC)
            parts << tr("%1 °C").arg(qRound(*g.temperatureC));
        lines << parts.join(QStringLiteral(" · "));
    }
    m_gpuText->setTextFormat(Qt::RichText);
    showStatusMessage(m_gpuText, lines.join(QStringLiteral("<br>")), false);
}

// ---------------------------------------------------------------------------------------------
// RunPod tab

QWidget *InferencePage::buildRunpodTab()
{
    auto *page = new QWidget(m_tabs);
    auto *keyRow = new QHBoxLayout;
    keyRow->addWidget(new QLabel(tr("RunPod API key"), page));
    m_rpKey = new QLineEdit(page);
    m_rpKey->setObjectName(QStringLiteral("runpodKey"));
    m_rpKey->setEchoMode(QLineEdit::Password);
    m_rpKey->setPlaceholderText(tr("rpa_… (kept 0600 in the data dir; leave empty and save to forget it)"));
    keyRow->addWidget(m_rpKey, 1);
    auto *save = new QPushButton(tr("Save key"), page);
    save->setObjectName(QStringLiteral("saveRunpodKeyButton"));
    connect(save, &QPushButton::clicked, this, &InferencePage::saveRunpodKey);
    keyRow->addWidget(save);
    auto *refresh = new QPushButton(tr("Refresh"), page);
    refresh->setObjectName(QStringLiteral("refreshRunpodButton"));
    connect(refresh, &QPushButton::clicked, this, &InferencePage::refreshRunpod);
    keyRow->addWidget(refresh);

    m_rpMessage = makeStatusMessage(QStringLiteral("runpodMessage"), page);

    auto *empty = new EmptyState(tr("No RunPod account yet"),
                                 tr("With a RunPod API key the console lists the account's pods and serverless endpoints, "
                                    "starts and stops pods, and adds them to the gateway in one click."),
                                 page);
    empty->setObjectName(QStringLiteral("runpodEmptyState"));

    auto *lists = new QWidget(page);
    auto *listsLayout = new QVBoxLayout(lists);
    listsLayout->setContentsMargins(0, 0, 0, 0);
    auto *podTools = new QHBoxLayout;
    podTools->addWidget(makeSectionTitle(tr("Pods"), lists));
    podTools->addStretch();
    m_rpStart = new QPushButton(tr("Start…"), lists);
    m_rpStart->setObjectName(QStringLiteral("startRunpodPodButton"));
    connect(m_rpStart, &QPushButton::clicked, this, &InferencePage::startSelectedRunpodPod);
    m_rpStop = new QPushButton(tr("Stop…"), lists);
    m_rpStop->setObjectName(QStringLiteral("stopRunpodPodButton"));
    connect(m_rpStop, &QPushButton::clicked, this, &InferencePage::stopSelectedRunpodPod);
    m_rpAddPod = new QPushButton(tr("Add as gateway pod…"), lists);
    m_rpAddPod->setObjectName(QStringLiteral("addRunpodPodButton"));
    connect(m_rpAddPod, &QPushButton::clicked, this, &InferencePage::addSelectedRunpodPod);
    for (QPushButton *b : {m_rpStart, m_rpStop, m_rpAddPod})
        podTools->addWidget(b);
    listsLayout->addLayout(podTools);
    m_rpPodTable = makeItemTable({tr("Pod"), tr("GPU"), tr("Status"), tr("Cost / h"), tr("Last start"), tr("Data centre"),
                                  tr("OpenAI port")},
                                 QStringLiteral("runpodPodTable"), RpPodOpenAi, lists);
    m_rpPodTable->setMinimumHeight(130);
    connect(m_rpPodTable, &QTableWidget::itemSelectionChanged, this, &InferencePage::updateRunpodButtons);
    listsLayout->addWidget(m_rpPodTable, 1);

    auto *endpointTools = new QHBoxLayout;
    endpointTools->addWidget(makeSectionTitle(tr("Serverless endpoints"), lists));
    endpointTools->addStretch();
    m_rpAddEndpoint = new QPushButton(tr("Add as gateway pod…"), lists);
    m_rpAddEndpoint->setObjectName(QStringLiteral("addRunpodEndpointButton"));
    connect(m_rpAddEndpoint, &QPushButton::clicked, this, &InferencePage::addSelectedRunpodEndpoint);
    endpointTools->addWidget(m_rpAddEndpoint);
    listsLayout->addLayout(endpointTools);
    m_rpEndpointTable = makeItemTable({tr("Endpoint"), tr("Workers idle / running"), tr("Jobs queued / running"),
                                       tr("Workers min–max"), tr("OpenAI base URL")},
                                      QStringLiteral("runpodEndpointTable"), RpEndpointUrl, lists);
    m_rpEndpointTable->setMinimumHeight(110);
    // As the pod table on the Pods tab: at least a few rows, the rest of the tab's height, and no
    // preferred height of blank rows that would make the page scroll.
    for (QTableWidget *table : {m_rpPodTable, m_rpEndpointTable})
        table->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Ignored);
    connect(m_rpEndpointTable, &QTableWidget::itemSelectionChanged, this, &InferencePage::updateRunpodButtons);
    listsLayout->addWidget(m_rpEndpointTable, 1);
    m_rpStack = makeEmptyStateStack(empty, lists, page);

    auto *layout = new QVBoxLayout;
    layout->setSpacing(10);
    layout->addLayout(keyRow);
    layout->addWidget(m_rpMessage);
    layout->addWidget(m_rpStack, 1);
    updateRunpodButtons();
    return finishTabPage(page, layout, kTabPage);
}

void InferencePage::saveRunpodKey()
{
    if (!m_monitor)
        return;
    m_monitor->setRunpodApiKey(m_rpKey->text());
    showStatusMessage(m_rpMessage, m_rpKey->text().trimmed().isEmpty() ? tr("RunPod key removed.") : tr("Key saved; asking RunPod…"), false);
    m_rpKey->clear();
}

void InferencePage::refreshRunpod()
{
    if (m_monitor)
        m_monitor->refreshRunpod();
}

QString InferencePage::selectedRunpodPodId() const
{
    const QList<QTableWidgetItem *> selected = m_rpPodTable->selectedItems();
    return selected.isEmpty() ? QString() : m_rpPodTable->item(selected.first()->row(), RpPodName)->data(kKeyRole).toString();
}

QString InferencePage::selectedRunpodEndpointId() const
{
    const QList<QTableWidgetItem *> selected = m_rpEndpointTable->selectedItems();
    return selected.isEmpty() ? QString() : m_rpEndpointTable->item(selected.first()->row(), RpEndpointName)->data(kKeyRole).toString();
}

void InferencePage::runpodAction(const QString &action)
{
    const QString id = selectedRunpodPodId();
    const auto it = std::find_if(m_snapshot.runpod.pods.cbegin(), m_snapshot.runpod.pods.cend(),
                                 [&](const inference::RunpodPodInfo &p) { return p.id == id; });
    if (it == m_snapshot.runpod.pods.cend() || !m_monitor)
        return;
    const bool start = action == QLatin1String("start");
    const QString question = start
        ? tr("Start the RunPod pod %1 (%2)? RunPod bills it at %3 an hour while it runs.").arg(it->name, it->gpuName, money(it->costPerHour))
        : tr("Stop the RunPod pod %1? Requests it is serving are cut off; its volume is kept (and still billed).").arg(it->name);
    if (!m_confirm(this, start ? tr("Start pod") : tr("Stop pod"), question))
        return;
    showStatusMessage(m_rpMessage, start ? tr("Starting %1…").arg(it->name) : tr("Stopping %1…").arg(it->name), false);
    m_runpodRequest = m_monitor->runpodPodAction(id, action);
    updateRunpodButtons();
}

void InferencePage::startSelectedRunpodPod()
{
    runpodAction(QStringLiteral("start"));
}

void InferencePage::stopSelectedRunpodPod()
{
    runpodAction(QStringLiteral("stop"));
}

void InferencePage::addSelectedRunpodPod()
{
    const QString id = selectedRunpodPodId();
    for (const inference::RunpodPodInfo &p : std::as_const(m_snapshot.runpod.pods)) {
        if (p.id != id || p.openAiUrl.isEmpty())
            continue;
        QJsonObject entry{{QStringLiteral("name"), podNameFrom(p.name)},
                          {QStringLiteral("url"), p.openAiUrl},
                          {QStringLiteral("kind"), QStringLiteral("vllm")}};
        if (p.costPerHour)
            entry.insert(QStringLiteral("cost_per_hour"), *p.costPerHour);
        addPod(entry);
        return;
    }
}

void InferencePage::addSelectedRunpodEndpoint()
{
    const QString id = selectedRunpodEndpointId();
    for (const inference::RunpodEndpointInfo &e : std::as_const(m_snapshot.runpod.endpoints)) {
        if (e.id != id)
            continue;
        // The API key goes in the dialog's field: the console never holds the saved one.
        addPod(QJsonObject{{QStringLiteral("name"), podNameFrom(e.name)},
                           {QStringLiteral("url"), e.openAiUrl},
                           {QStringLiteral("kind"), QStringLiteral("runpod-serverless")}});
        return;
    }
}

void InferencePage::updateRunpodButtons()
{
    const QString id = selectedRunpodPodId();
    const auto it = std::find_if(m_snapshot.runpod.pods.cbegin(), m_snapshot.runpod.pods.cend(),
                                 [&](const inference::RunpodPodInfo &p) { return p.id == id; });
    const bool found = it != m_snapshot.runpod.pods.cend();
    const bool running = found && it->desiredStatus == QLatin1String("RUNNING");
    m_rpStart->setEnabled(found && !running && it->desiredStatus != QLatin1String("TERMINATED"));
    m_rpStop->setEnabled(running);
    m_rpAddPod->setEnabled(running && !it->openAiUrl.isEmpty());
    m_rpAddPod->setToolTip(found && it->openAiUrl.isEmpty()
                               ? tr("None of this pod's HTTP ports answered /v1/models like an OpenAI server.")
                               : QString());
    m_rpAddEndpoint->setEnabled(!selectedRunpodEndpointId().isEmpty());
}

void InferencePage::fillRunpodTables()
{
    const inference::RunpodAccountStatus &rp = m_snapshot.runpod;
    showContentWhen(m_rpStack, rp.configured);
    const QString selectedPod = selectedRunpodPodId();
    m_rpPodTable->setSortingEnabled(false);
    m_rpPodTable->setRowCount(int(rp.pods.size()));
    const QLocale locale;
    for (int row = 0; row < rp.pods.size(); ++row) {
        const inference::RunpodPodInfo &p = rp.pods[row];
        auto *name = new SortItem(p.name, p.name);
        name->setData(kKeyRole, p.id);
        name->setToolTip(p.id);
        m_rpPodTable->setItem(row, RpPodName, name);
        const QString gpu = p.gpuCount > 1 ? QStringLiteral("%1 × %2").arg(p.gpuCount).arg(p.gpuName) : p.gpuName;
        m_rpPodTable->setItem(row, RpPodGpu, new SortItem(gpu, gpu));
        auto *status = new SortItem(p.desiredStatus, p.desiredStatus);
        status->setForeground(p.desiredStatus == QLatin1String("RUNNING") ? Theme::running() : Theme::mutedText());
        m_rpPodTable->setItem(row, RpPodStatus, status);
        m_rpPodTable->setItem(row, RpPodCost, new SortItem(money(p.costPerHour), p.costPerHour.value_or(-1)));
        const QDateTime started = QDateTime::fromString(p.lastStartedAt, Qt::ISODateWithMs);
        m_rpPodTable->setItem(row, RpPodStarted, new SortItem(started.isValid() ? locale.toString(started.toLocalTime(), QLocale::ShortFormat)
                                                                                : p.lastStartedAt,
                                                              started.isValid() ? double(started.toMSecsSinceEpoch()) : -1.0));
        m_rpPodTable->setItem(row, RpPodDataCenter, new SortItem(p.dataCenter, p.dataCenter));
        const QString openAi = p.openAiUrl.isEmpty() ? (p.ports.isEmpty() ? QStringLiteral("–") : p.ports.join(QStringLiteral(", ")))
                                                     : p.openAiUrl;
        m_rpPodTable->setItem(row, RpPodOpenAi, new SortItem(openAi, openAi));
    }
    m_rpPodTable->setSortingEnabled(true);
    for (int r = 0; r < m_rpPodTable->rowCount(); ++r) {
        if (m_rpPodTable->item(r, RpPodName)->data(kKeyRole).toString() == selectedPod)
            m_rpPodTable->selectRow(r);
    }

    const QString selectedEndpoint = selectedRunpodEndpointId();
    m_rpEndpointTable->setSortingEnabled(false);
    m_rpEndpointTable->setRowCount(int(rp.endpoints.size()));
    for (int row = 0; row < rp.endpoints.size(); ++row) {
        const inference::RunpodEndpointInfo &e = rp.endpoints[row];
        auto *name = new SortItem(e.name, e.name);
        name->setData(kKeyRole, e.id);
        name->setToolTip(e.id);
        m_rpEndpointTable->setItem(row, RpEndpointName, name);
        if (e.health) {
            m_rpEndpointTable->setItem(row, RpEndpointWorkers, new SortItem(QStringLiteral("%1 / %2").arg(e.health->idle).arg(e.health->running),
                                                                            double(e.health->workers())));
            m_rpEndpointTable->setItem(row, RpEndpointJobs, new SortItem(QStringLiteral("%1 / %2").arg(e.health->inQueue).arg(e.health->inProgress),
                                                                         double(e.health->inQueue)));
        } else {
            auto *failed = new SortItem(e.healthError.isEmpty() ? QStringLiteral("–") : tr("health: %1").arg(e.healthError), -1.0);
            m_rpEndpointTable->setItem(row, RpEndpointWorkers, failed);
            m_rpEndpointTable->setItem(row, RpEndpointJobs, new SortItem(QStringLiteral("–"), -1.0));
        }
        m_rpEndpointTable->setItem(row, RpEndpointScale, new SortItem(QStringLiteral("%1–%2").arg(e.workersMin).arg(e.workersMax), double(e.workersMax)));
        m_rpEndpointTable->setItem(row, RpEndpointUrl, new SortItem(e.openAiUrl, e.openAiUrl));
    }
    m_rpEndpointTable->setSortingEnabled(true);
    for (int r = 0; r < m_rpEndpointTable->rowCount(); ++r) {
        if (m_rpEndpointTable->item(r, RpEndpointName)->data(kKeyRole).toString() == selectedEndpoint)
            m_rpEndpointTable->selectRow(r);
    }

    if (!rp.error.isEmpty())
        showStatusMessage(m_rpMessage, rp.error, true);
    else if (rp.refreshing)
        showStatusMessage(m_rpMessage, tr("Asking RunPod…"), false);
    else if (rp.configured && rp.refreshedAtMs > m_runpodShownAt)
        showStatusMessage(m_rpMessage, tr("%1 pods and %2 serverless endpoints, as RunPod listed them at %3.")
                                    .arg(rp.pods.size())
                                    .arg(rp.endpoints.size())
                                    .arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(rp.refreshedAtMs).time(), QLocale::ShortFormat)),
                   false);
    m_runpodShownAt = rp.refreshedAtMs;
    updateRunpodButtons();
}

// ---------------------------------------------------------------------------------------------
// Playground tab

QWidget *InferencePage::buildPlaygroundTab()
{
    auto *page = new QWidget(m_tabs);
    auto *tools = new QHBoxLayout;
    tools->addWidget(new QLabel(tr("Model"), page));
    m_chatModel = new QComboBox(page);
    m_chatModel->setObjectName(QStringLiteral("chatModel"));
    m_chatModel->setMinimumWidth(200);
    tools->addWidget(m_chatModel);
    tools->addWidget(new QLabel(tr("System"), page));
    m_chatSystem = new QLineEdit(page);
    m_chatSystem->setObjectName(QStringLiteral("chatSystem"));
    m_chatSystem->setPlaceholderText(tr("optional system message"));
    tools->addWidget(m_chatSystem, 1);

    m_chatInput = new QPlainTextEdit(page);
    m_chatInput->setObjectName(QStringLiteral("chatInput"));
    m_chatInput->setPlaceholderText(tr("Your message. It goes through the gateway on its own port with the gateway key, "
                                       "routed to a pod serving the model, and the reply streams in."));
    m_chatInput->setMaximumHeight(110);
    auto *buttons = new QHBoxLayout;
    m_chatSend = new QPushButton(tr("Send"), page);
    m_chatSend->setObjectName(QStringLiteral("chatSendButton"));
    m_chatSend->setProperty("primary", true);
    connect(m_chatSend, &QPushButton::clicked, this, &InferencePage::sendChat);
    m_chatStop = new QPushButton(tr("Stop"), page);
    m_chatStop->setObjectName(QStringLiteral("chatStopButton"));
    m_chatStop->setEnabled(false);
    connect(m_chatStop, &QPushButton::clicked, this, &InferencePage::stopChat);
    buttons->addWidget(m_chatSend);
    buttons->addWidget(m_chatStop);
    m_chatStats = makeStatusMessage(QStringLiteral("chatStats"), page);
    buttons->addWidget(m_chatStats, 1);

    m_chatReply = new QPlainTextEdit(page);
    m_chatReply->setObjectName(QStringLiteral("chatReply"));
    m_chatReply->setReadOnly(true);
    m_chatReply->setPlaceholderText(tr("The reply appears here as the pod streams it."));

    auto *layout = new QVBoxLayout;
    layout->setSpacing(10);
    layout->addLayout(tools);
    layout->addWidget(m_chatInput);
    layout->addLayout(buttons);
    layout->addWidget(m_chatReply, 1);
    return finishTabPage(page, layout, kTabPage);
}

void InferencePage::updateChatModels()
{
    QStringList models;
    QSet<QString> seen;
    for (const inference::PodStatus &p : std::as_const(m_snapshot.pods)) {
        if (p.state == PodState::Down)
            continue;
        for (const QString &m : p.models) {
            if (!seen.contains(m)) {
                seen.insert(m);
                models << m;
            }
        }
    }
    QStringList current;
    for (int i = 0; i < m_chatModel->count(); ++i)
        current << m_chatModel->itemText(i);
    if (current == models)
        return;
    const QString chosen = m_chatModel->currentText();
    m_chatModel->clear();
    m_chatModel->addItems(models);
    if (models.contains(chosen))
        m_chatModel->setCurrentText(chosen);
}

void InferencePage::sendChat()
{
    const QString text = m_chatInput->toPlainText().trimmed();
    if (!m_monitor || text.isEmpty() || m_chatModel->currentText().isEmpty()) {
        showStatusMessage(m_chatStats, m_chatModel->currentText().isEmpty() ? tr("No model to talk to: no pod is up.") : tr("Write a message first."), true);
        return;
    }
    if (m_chatId)
        m_monitor->cancelChat(m_chatId);
    QJsonArray messages;
    if (!m_chatSystem->text().trimmed().isEmpty())
        messages.append(QJsonObject{{QStringLiteral("role"), QStringLiteral("system")}, {QStringLiteral("content"), m_chatSystem->text().trimmed()}});
    messages.append(QJsonObject{{QStringLiteral("role"), QStringLiteral("user")}, {QStringLiteral("content"), text}});
    m_chatReply->clear();
    showStatusMessage(m_chatStats, tr("Waiting for the first token…"), false);
    m_chatSend->setEnabled(false);
    m_chatStop->setEnabled(true);
    m_chatId = m_monitor->chat(QJsonObject{{QStringLiteral("model"), m_chatModel->currentText()}, {QStringLiteral("messages"), messages}});
}

void InferencePage::stopChat()
{
    if (m_monitor && m_chatId)
        m_monitor->cancelChat(m_chatId);
}

// ---------------------------------------------------------------------------------------------
// Snapshot

void InferencePage::applySnapshot()
{
    if (m_monitor)
        m_snapshot = m_monitor->podStatus();
    const QLocale locale;
    int live = 0;
    double tokens = 0;
    bool anyTokens = false;
    double cost = 0;
    for (const inference::PodStatus &p : std::as_const(m_snapshot.pods)) {
        live += p.state == PodState::Up || p.state == PodState::Degraded ? 1 : 0;
        if (p.tokensPerSecond) {
            tokens += *p.tokensPerSecond;
            anyTokens = true;
        }
        cost += p.costPerHour.value_or(0);
    }
    m_stats.value(QStringLiteral("pods"))->setText(locale.toString(m_snapshot.pods.size()));
    m_stats.value(QStringLiteral("up"))->setText(locale.toString(live));
    m_stats.value(QStringLiteral("tokens"))->setText(anyTokens ? locale.toString(tokens, 'f', 1) : QStringLiteral("–"));
    m_stats.value(QStringLiteral("cost"))->setText(QStringLiteral("$%1").arg(locale.toString(cost, 'f', 2)));
    showContentWhen(m_podStack, !m_snapshot.pods.isEmpty());
    m_podStack->setMinimumHeight(m_snapshot.pods.isEmpty() ? m_podStack->widget(0)->minimumSizeHint().height()
                                                           : kPodTableMinimumHeight);
    // Without pods the empty state says what to do; empty charts of nothing would not.
    m_chartsCard->setVisible(!m_snapshot.pods.isEmpty());
    fillPodTable();
    updateCharts();
    updateGpu();
    fillRunpodTables();
    updateChatModels();
}

void InferencePage::refreshDashboard()
{
    const bool running = status().state == core::ServiceState::Running;
    QString banner;
    if (!m_monitor) {
        banner = tr("The inference service is not connected to this console.");
    } else if (!running) {
        banner = status().state == core::ServiceState::Failed
            ? tr("Inference failed to start: %1. The tables show its last known state.").arg(status().reason)
            : tr("Inference is %1. Pods are checked and chats answered once it runs.").arg(Theme::stateText(status().state));
    }
    m_banner->setText(banner);
    m_banner->setVisible(!banner.isEmpty());
}

} // namespace homeport::ui
