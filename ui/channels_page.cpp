#include "channels_page.h"

#include "channels_app_editor.h"
#include "channels_app_model.h"
#include "channels_debug_console.h"
#include "channels_debug_model.h"
#include "channels_delivery_model.h"
#include "channels_member_model.h"
#include "channels_occupied_model.h"
#include "channels_snippets.h"
#include "channels_test_event_form.h"
#include "core/metrics.h"
#include "dashboard_widgets.h"
#include "empty_state.h"
#include "snippet_card.h"
#include "sparkline.h"
#include "theme.h"
#include "theme_follower.h"

#include <QAbstractAxis>
#include <QApplication>
#include <QClipboard>
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

namespace homeport::ui {

namespace {
constexpr int kTabsMinimumHeight = 500; // below this the tables show only a handful of rows
const QString kSecretMask = QStringLiteral("••••••••••••••••");

const QString kTabPage = QStringLiteral("channelsTabPage");
} // namespace

ChannelsPage::ChannelsPage(const core::ServiceInfo &info, const ConsoleContext &context, ServiceCommands *commands,
                           QWidget *parent)
    : ServicePage(info, context, commands, parent)
    , m_monitor(context.channels)
    , m_confirm(confirmWithMessageBox)
    , m_snapshotTimer(new QTimer(this))
    , m_appModel(new ChannelsAppModel(this))
    , m_appProxy(makeSortProxy(m_appModel, ChannelsAppModel::SortRole, this))
    , m_occupiedModel(new ChannelsOccupiedModel(this))
    , m_occupiedProxy(makeSortProxy(m_occupiedModel, ChannelsOccupiedModel::SortRole, this))
    , m_memberModel(new ChannelsMemberModel(this))
    , m_memberProxy(makeSortProxy(m_memberModel, ChannelsMemberModel::SortRole, this))
    , m_deliveryModel(new ChannelsDeliveryModel(this))
    , m_deliveryProxy(makeSortProxy(m_deliveryModel, ChannelsDeliveryModel::SortRole, this))
{
    auto *dashboard = new QWidget;
    dashboard->setObjectName(QStringLiteral("channelsDashboard"));
    m_banner = makeDashboardBanner(dashboard, QStringLiteral("channelsBanner"));
    m_tabs = makeDashboardTabs(dashboard, QStringLiteral("channelsTabs"), kTabsMinimumHeight);
    m_tabs->addTab(buildOverviewTab(), tr("Overview"));
    m_tabs->addTab(buildAppsTab(), tr("Apps"));
    m_tabs->addTab(buildChannelsTab(), tr("Channels"));
    m_tabs->addTab(buildDebugTab(), tr("Debug console"));
    m_tabs->addTab(buildWebhooksTab(), tr("Webhooks"));
    setThemedStyleSheet(dashboard, [] { return tabPageStyleSheet(kTabPage); });
    layOutDashboard(dashboard, m_banner, m_tabs);
    setDashboard(dashboard);
    setTrafficPanelVisible(false); // the Overview tab has connection and message charts

    // Snapshots may be published on every change; coalescing them keeps a busy service from
    // redrawing the tables hundreds of times a second.
    m_snapshotTimer->setSingleShot(true);
    m_snapshotTimer->setInterval(kSnapshotDelayMs);
    connect(m_snapshotTimer, &QTimer::timeout, this, &ChannelsPage::applySnapshot);
    if (m_monitor) {
        connect(m_monitor, &channels::ChannelsMonitor::snapshotPublished, this, [this] {
            if (!m_snapshotTimer->isActive())
                m_snapshotTimer->start();
        });
        connect(m_monitor, &channels::ChannelsMonitor::debugEventAdded, m_console, &ChannelsDebugConsole::addEvent);
        connect(m_monitor, &channels::ChannelsMonitor::deliveryAdded, this,
                [this](const channels::WebhookDelivery &d) {
                    m_deliveryModel->append({d});
                    updateEmptyStates();
                });
        connect(m_testForm, &ChannelsTestEventForm::triggerRequested, m_monitor,
                &channels::ChannelsMonitor::triggerRequested);
        m_console->addEvents(m_monitor->recentDebugEvents());
        m_console->flush();
        m_deliveryModel->append(m_monitor->recentDeliveries());
    }
    applySnapshot();
}

// ---------------------------------------------------------------------------------------------
// Overview

QWidget *ChannelsPage::buildOverviewTab()
{
    QHBoxLayout *tiles = makeStatTiles(
        {
        {QStringLiteral("apps"), tr("Apps")},
        {QStringLiteral("connections"), tr("Connections")},
        {QStringLiteral("channels"), tr("Occupied channels")},
        {QStringLiteral("members"), tr("Presence members")},
        {QStringLiteral("sent"), tr("Messages sent")},
        {QStringLiteral("received"), tr("Messages received")},
        },
        &m_stats);

    // `title` takes the range ("last hour") as %1; each chart has its own range box.
    auto makeChart = [this](const QString &title, const QString &axis, Sparkline **chart, QLabel **now) {
        QVBoxLayout *l = nullptr;
        QFrame *card = makeCard(nullptr, &l);
        auto *head = new QHBoxLayout;
        QLabel *titleLabel = makeSectionTitle(title.arg(ChartRangeBox::rangeText(ChartRange::FiveMinutes)), card);
        titleLabel->setWordWrap(true); // on two lines rather than wider than the window opens with
        head->addWidget(titleLabel, 1);
        *now = new QLabel(card);
        (*now)->setObjectName(QStringLiteral("muted"));
        head->addWidget(*now);
        auto *range = new ChartRangeBox(card);
        head->addWidget(range);
        *chart = new Sparkline(ServicePage::kChartSeconds, Sparkline::Style::WithAxes, card);
        Sparkline *drawn = *chart;
        connect(range, &ChartRangeBox::rangeChanged, this, [this, drawn, titleLabel, title](ChartRange r) {
            titleLabel->setText(title.arg(ChartRangeBox::rangeText(r)));
            drawn->setRange(r);
            refreshDashboard();
        });
        // Sparkline titles its value axis for requests; these charts count other things.
        const QList<QAbstractAxis *> axes = (*chart)->chart()->axes(Qt::Vertical);
        if (!axes.isEmpty())
            axes.first()->setTitleText(axis);
        takeLeftoverHeight(*chart, (*chart)->minimumHeight());
        l->addLayout(head);
        l->addWidget(*chart, 1);
        return card;
    };
    QFrame *connections = makeChart(tr("Connections, %1"), tr("connections"), &m_connectionsChart,
                                    &m_connectionsNow);
    m_connectionsChart->setObjectName(QStringLiteral("connectionsChart"));
    m_connectionsNow->setObjectName(QStringLiteral("connectionsNow"));
    QFrame *messages = makeChart(tr("Messages per second, %1"), tr("messages / s"), &m_messagesChart,
                                 &m_messagesNow);
    m_messagesChart->setObjectName(QStringLiteral("messagesChart"));
    m_messagesNow->setObjectName(QStringLiteral("messagesNow"));
    auto *charts = new QHBoxLayout;
    charts->setSpacing(12);
    charts->addWidget(connections, 1);
    charts->addWidget(messages, 1);

    // With the Redis adapter: which Redis, whether it answers, how many nodes (hidden otherwise).
    m_clusterLine = new QLabel(this);
    m_clusterLine->setObjectName(QStringLiteral("clusterLine"));
    m_clusterLine->setWordWrap(true);
    m_clusterLine->hide();

    auto *layout = new QVBoxLayout;
    layout->setSpacing(12);
    layout->addWidget(m_clusterLine);
    layout->addLayout(tiles);
    layout->addLayout(charts, 1);
    return finishTabPage(new QWidget(m_tabs), layout, kTabPage);
}

QString ChannelsPage::statText(const QString &name) const
{
    const QLabel *label = m_stats.value(name);
    return label ? label->text() : QString();
}

// ---------------------------------------------------------------------------------------------
// Apps

QWidget *ChannelsPage::buildAppsTab()
{
    auto *page = new QWidget(m_tabs);
    const RecordTools recordTools = makeRecordTools(tr("New app…"), QStringLiteral("App"), page);
    recordTools.newButton->setEnabled(m_monitor != nullptr);
    m_editApp = recordTools.editButton;
    m_deleteApp = recordTools.deleteButton;
    m_appsMessage = recordTools.message;
    connect(recordTools.newButton, &QPushButton::clicked, this, &ChannelsPage::newApp);
    connect(m_editApp, &QPushButton::clicked, this, &ChannelsPage::editSelectedApp);
    connect(m_deleteApp, &QPushButton::clicked, this, &ChannelsPage::deleteSelectedApp);
    QHBoxLayout *tools = recordTools.layout;

    // The table.
    m_appView = new QTableView(page);
    setUpTableView(m_appView, m_appProxy, QStringLiteral("appTable"));
    m_appView->sortByColumn(ChannelsAppModel::NameColumn, Qt::AscendingOrder);
    fitColumnsToContents(m_appView, ChannelsAppModel::LimitsColumn);
    m_appView->setTextElideMode(Qt::ElideRight);
    connect(m_appView, &QTableView::doubleClicked, this, &ChannelsPage::editSelectedApp);
    connect(m_appView->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        m_secretRevealed = false; // a revealed secret stays with the app it was revealed for
        updateAppDetails();
    });

    // The selected app: credentials and how to connect.
    QVBoxLayout *credLayout = nullptr;
    QFrame *credentials = makeCard(page, &credLayout);
    m_detailTitle = makeSectionTitle(QString(), credentials);
    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(10);
    grid->setVerticalSpacing(6);
    m_appId = addDetailRow(grid, 0, tr("App id"), QStringLiteral("appIdValue"), credentials);
    m_appKey = addDetailRow(grid, 1, tr("Key"), QStringLiteral("appKeyValue"), credentials);
    m_appSecret = addDetailRow(grid, 2, tr("Secret"), QStringLiteral("appSecretValue"), credentials);
    m_appLimits = addDetailRow(grid, 3, tr("Limits"), QStringLiteral("appLimitsValue"), credentials);
    m_appWebhook = addDetailRow(grid, 4, tr("Webhook"), QStringLiteral("appWebhookValue"), credentials);
    for (QLabel *mono : {m_appId, m_appKey, m_appSecret})
        mono->setFont(Theme::monospaceFont());
    for (QLabel *wrap : {m_appLimits, m_appWebhook})
        wrap->setWordWrap(true);
    m_reveal = new QPushButton(tr("Reveal"), credentials);
    m_reveal->setObjectName(QStringLiteral("revealSecretButton"));
    connect(m_reveal, &QPushButton::clicked, this, [this] { setSecretRevealed(!m_secretRevealed); });
    auto *copySecretButton = new QPushButton(tr("Copy"), credentials);
    copySecretButton->setObjectName(QStringLiteral("copySecretButton"));
    connect(copySecretButton, &QPushButton::clicked, this, &ChannelsPage::copySecret);
    auto *secretButtons = new QHBoxLayout;
    secretButtons->setSpacing(6);
    secretButtons->addWidget(m_reveal);
    secretButtons->addWidget(copySecretButton);
    grid->addLayout(secretButtons, 2, 2);
    grid->setColumnStretch(1, 1);
    credLayout->addWidget(m_detailTitle);
    credLayout->addLayout(grid);
    credLayout->addStretch();

    QStringList formatTitles;
    for (ChannelsSnippets::Format format : ChannelsSnippets::formats())
        formatTitles << ChannelsSnippets::formatTitle(format);
    m_snippetCard = new SnippetCard(formatTitles, 120, page);
    connect(m_snippetCard, &SnippetCard::formatChanged, this, &ChannelsPage::updateAppDetails);
    connect(m_snippetCard, &SnippetCard::copyRequested, this, &ChannelsPage::copySnippet);

    auto *details = new QHBoxLayout;
    details->setSpacing(12);
    details->addWidget(credentials, 2);
    details->addWidget(m_snippetCard, 3);

    auto *withApps = new QWidget(page);
    auto *withAppsLayout = new QVBoxLayout(withApps);
    withAppsLayout->setContentsMargins(0, 0, 0, 0);
    withAppsLayout->setSpacing(12);
    takeLeftoverHeight(m_appView, 110); // a header and three rows at least
    withAppsLayout->addWidget(m_appView, 2);
    withAppsLayout->addLayout(details, 3);

    m_appsEmpty = new EmptyState(tr("No apps yet"),
                                 tr("An app has an id, a key and a secret that your server SDK and browser clients "
                                    "use. Create one to connect your first client."),
                                 page);
    m_appsEmpty->setObjectName(QStringLiteral("appsEmptyState"));
    QPushButton *create = m_appsEmpty->addAction(tr("New app…"));
    create->setEnabled(m_monitor != nullptr);
    connect(create, &QPushButton::clicked, this, &ChannelsPage::newApp);

    m_appsStack = makeEmptyStateStack(m_appsEmpty, withApps, page);

    return finishTabPage(page, tools, m_appsStack, kTabPage);
}

QString ChannelsPage::selectedAppId() const
{
    return selectedRowData(m_appView, ChannelsAppModel::AppIdRole).toString();
}

void ChannelsPage::selectApp(const QString &appId)
{
    selectSourceRow(m_appView, m_appProxy, m_appModel->rowOf(appId));
}

QString ChannelsPage::shownSecret() const
{
    return m_appSecret->text();
}

QString ChannelsPage::snippetText() const
{
    return m_snippetCard->text();
}

void ChannelsPage::setSecretRevealed(bool revealed)
{
    m_secretRevealed = revealed;
    updateAppDetails();
}

void ChannelsPage::updateAppDetails()
{
    const QString id = selectedAppId();
    const int row = m_appModel->rowOf(id);
    const bool have = row >= 0;
    m_editApp->setEnabled(have && m_monitor);
    m_deleteApp->setEnabled(have && m_monitor);
    m_reveal->setEnabled(have);
    if (!have) {
        m_detailTitle->setText(tr("Select an app to see its credentials"));
        for (QLabel *label : {m_appId, m_appKey, m_appSecret, m_appLimits, m_appWebhook})
            label->clear();
        m_snippetCard->setText(QString());
        return;
    }
    const channels::AppInfo &app = m_appModel->rowAt(row).app;
    m_detailTitle->setText(app.enabled ? tr("Credentials of “%1”").arg(app.name)
                                       : tr("Credentials of “%1” (disabled: clients are refused)").arg(app.name));
    m_appId->setText(app.id);
    m_appKey->setText(app.key);
    m_appSecret->setText(m_secretRevealed ? app.secret : kSecretMask);
    m_reveal->setText(m_secretRevealed ? tr("Hide") : tr("Reveal"));
    m_appLimits->setText(ChannelsAppModel::limitsSummary(app.limits));
    m_appWebhook->setText(app.webhookUrl.isEmpty()
                              ? tr("none")
                              : tr("%1 (%2)").arg(app.webhookUrl,
                                                  app.webhookEvents.isEmpty() ? tr("no events")
                                                                              : app.webhookEvents.join(QStringLiteral(", "))));

    m_snippetCard->setText(renderSnippet(app, m_secretRevealed ? QString() : kSecretMask));
}

void ChannelsPage::copySecret()
{
    const int row = m_appModel->rowOf(selectedAppId());
    if (row < 0)
        return;
    QApplication::clipboard()->setText(m_appModel->rowAt(row).app.secret);
    showAppsMessage(tr("Secret copied to the clipboard."));
}

void ChannelsPage::copySnippet()
{
    const int row = m_appModel->rowOf(selectedAppId());
    if (row < 0)
        return;
    // The copy always carries the real secret: a masked one would not work once pasted.
    QApplication::clipboard()->setText(renderSnippet(m_appModel->rowAt(row).app, QString()));
    m_snippetCard->showCopied(tr("Copied, with the real secret."));
}

QString ChannelsPage::renderSnippet(const channels::AppInfo &app, const QString &secretMask) const
{
    core::ClientSettings settings;
    if (context().clientSettings)
        settings = context().clientSettings();
    const QString host = settings.host.isEmpty() ? QStringLiteral("127.0.0.1") : settings.host;
    const quint16 port = settings.ports.value(serviceName(), info().defaultPort);
    const auto format = ChannelsSnippets::formats().value(m_snippetCard->currentFormat());
    return ChannelsSnippets::render(format, app, host, port, secretMask);
}

void ChannelsPage::showAppsMessage(const QString &text)
{
    showTransientMessage(m_appsMessage, text);
}

ChannelsAppEditor *ChannelsPage::openEditor(const channels::AppInfo &app)
{
    if (!m_monitor)
        return nullptr;
    auto *editor = new ChannelsAppEditor(app, this);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    connect(editor, &QDialog::accepted, this, [this, editor] {
        const channels::AppInfo edited = editor->app();
        Q_EMIT m_monitor->saveAppRequested(edited);
        showAppsMessage(edited.id.isEmpty() ? tr("Creating “%1”…").arg(edited.name)
                                            : tr("Saved “%1”.").arg(edited.name));
    });
    editor->open();
    return editor;
}

ChannelsAppEditor *ChannelsPage::newApp()
{
    channels::AppInfo app;
    app.name = tr("new-app");
    return openEditor(app);
}

ChannelsAppEditor *ChannelsPage::editSelectedApp()
{
    const int row = m_appModel->rowOf(selectedAppId());
    if (row < 0)
        return nullptr;
    return openEditor(m_appModel->rowAt(row).app);
}

bool ChannelsPage::deleteSelectedApp()
{
    const int row = m_appModel->rowOf(selectedAppId());
    if (row < 0 || !m_monitor)
        return false;
    const channels::AppInfo app = m_appModel->rowAt(row).app;
    const int connections = m_appModel->rowAt(row).connections;
    QString text = tr("Delete the app “%1” (id %2)? Clients using its key can no longer connect, and its "
                      "key and secret are gone for good.")
                       .arg(app.name, app.id);
    if (connections > 0)
        text += QLatin1Char('\n')
            + (connections == 1 ? tr("1 open connection will be closed.")
                                : tr("%1 open connections will be closed.").arg(QLocale().toString(connections)));
    if (!m_confirm(this, tr("Delete app"), text))
        return false;
    Q_EMIT m_monitor->deleteAppRequested(app.id);
    showAppsMessage(tr("Deleting “%1”…").arg(app.name));
    return true;
}

// ---------------------------------------------------------------------------------------------
// Channels

QWidget *ChannelsPage::buildChannelsTab()
{
    auto *page = new QWidget(m_tabs);
    m_channelFilter = new QLineEdit(page);
    m_channelFilter->setObjectName(QStringLiteral("channelFilter"));
    m_channelFilter->setPlaceholderText(tr("Filter by app or channel name…"));
    m_channelFilter->setClearButtonEnabled(true);
    m_channelFilter->setMaximumWidth(360);
    m_occupiedProxy->setFilterKeyColumn(-1);
    connect(m_channelFilter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_occupiedProxy->setFilterFixedString(text.trimmed());
        updateEmptyStates();
    });
    auto *tools = new QHBoxLayout;
    tools->addWidget(m_channelFilter, 1);
    tools->addStretch();

    m_channelView = new QTableView(page);
    setUpTableView(m_channelView, m_occupiedProxy, QStringLiteral("channelTable"));
    m_channelView->sortByColumn(ChannelsOccupiedModel::SubscriptionsColumn, Qt::DescendingOrder);
    fitColumnsToContents(m_channelView, ChannelsOccupiedModel::ChannelColumn);
    m_channelView->setTextElideMode(Qt::ElideMiddle); // the end of a channel name is the telling part
    connect(m_channelView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ChannelsPage::updateMembers);
    m_noChannelMatch = makeHint(tr("No channel matches the filter."), page);
    m_noChannelMatch->setAlignment(Qt::AlignCenter);
    m_noChannelMatch->hide();

    // Members of the selected presence channel.
    QVBoxLayout *membersLayout = nullptr;
    QFrame *members = makeCard(page, &membersLayout);
    members->setMinimumWidth(260);
    m_memberTitle = makeSectionTitle(tr("Presence members"), members);
    m_memberTitle->setWordWrap(true);
    m_memberHint = makeHint(tr("Select a presence channel to see who is in it."), members);
    m_memberView = new QTableView(members);
    setUpTableView(m_memberView, m_memberProxy, QStringLiteral("memberTable"));
    m_memberView->sortByColumn(ChannelsMemberModel::UserIdColumn, Qt::AscendingOrder);
    fitColumnsToContents(m_memberView, ChannelsMemberModel::UserInfoColumn);
    m_memberView->hide();
    membersLayout->addWidget(m_memberTitle);
    membersLayout->addWidget(m_memberHint);
    membersLayout->addWidget(m_memberView, 1);
    membersLayout->addStretch();

    auto *tableBox = new QWidget(page);
    auto *tableLayout = new QVBoxLayout(tableBox);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    tableLayout->addWidget(m_channelView, 1);
    tableLayout->addWidget(m_noChannelMatch, 1);
    auto *split = new QSplitter(Qt::Horizontal, page);
    split->setObjectName(QStringLiteral("channelsSplitter"));
    split->setChildrenCollapsible(false);
    split->addWidget(tableBox);
    split->addWidget(members);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);

    m_channelsEmpty = new EmptyState(tr("No occupied channels"),
                                     tr("A channel appears here while at least one client is subscribed to it, "
                                        "with its subscribers, presence members and last event."),
                                     page);
    m_channelsEmpty->setObjectName(QStringLiteral("channelsEmptyState"));
    QPushButton *connectButton = m_channelsEmpty->addAction(tr("Connect a client…"));
    connect(connectButton, &QPushButton::clicked, this, [this] { Q_EMIT connectRequested(serviceName()); });

    m_channelsStack = makeEmptyStateStack(m_channelsEmpty, split, page);

    return finishTabPage(page, tools, m_channelsStack, kTabPage);
}

QString ChannelsPage::memberTitle() const
{
    return m_memberTitle->text();
}

void ChannelsPage::updateMembers()
{
    const QModelIndexList rows = m_channelView->selectionModel()->selectedRows();
    const QModelIndex selected = rows.isEmpty() ? QModelIndex() : rows.first();
    const bool presence = selected.isValid()
        && selected.data(ChannelsOccupiedModel::TypeRole).toString() == QLatin1String("presence");
    const QString key = presence ? selected.data(ChannelsOccupiedModel::KeyRole).toString() : QString();
    m_memberModel->setMembers(key, m_snapshot.presenceMembers.value(key));
    if (!presence) {
        m_memberTitle->setText(tr("Presence members"));
        m_memberHint->setText(selected.isValid()
                                  ? tr("“%1” is a %2 channel; only presence channels have members.")
                                        .arg(selected.siblingAtColumn(ChannelsOccupiedModel::ChannelColumn).data().toString(),
                                             selected.data(ChannelsOccupiedModel::TypeRole).toString())
                                  : tr("Select a presence channel to see who is in it."));
    } else {
        const QString channel = key.section(QLatin1Char('/'), 1);
        m_memberTitle->setText(tr("Members of %1").arg(channel));
        m_memberHint->setText(m_memberModel->rowCount() == 0 ? tr("Nobody is in this channel right now.")
                                                             : QString());
    }
    m_memberHint->setVisible(!m_memberHint->text().isEmpty());
    m_memberView->setVisible(presence && m_memberModel->rowCount() > 0);
}

// ---------------------------------------------------------------------------------------------
// Debug console and test events

QWidget *ChannelsPage::buildDebugTab()
{
    auto *page = new QWidget(m_tabs);
    m_console = new ChannelsDebugConsole(page);

    QVBoxLayout *formLayout = nullptr;
    QFrame *formCard = makeCard(page, &formLayout);
    formCard->setObjectName(QStringLiteral("testEventCard"));
    formCard->setMinimumWidth(250);
    formCard->setMaximumWidth(360);
    m_testForm = new ChannelsTestEventForm(formCard);
    formLayout->addWidget(makeSectionTitle(tr("Send a test event"), formCard));
    formLayout->addWidget(makeHint(tr("Published like a server SDK's trigger(), to every subscriber of the "
                                      "channel."),
                                   formCard));
    formLayout->addWidget(m_testForm, 1);

    auto *layout = new QHBoxLayout;
    layout->setSpacing(12);
    layout->addWidget(m_console, 1);
    layout->addWidget(formCard);
    return finishTabPage(page, layout, kTabPage);
}

// ---------------------------------------------------------------------------------------------
// Webhooks

QWidget *ChannelsPage::buildWebhooksTab()
{
    auto *page = new QWidget(m_tabs);
    m_webhookSummary = makeHint(QString(), page);
    m_webhookSummary->setObjectName(QStringLiteral("webhookSummary"));
    m_webhookSummary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_deliveryCount = new QLabel(page);
    m_deliveryCount->setObjectName(QStringLiteral("muted"));
    auto *head = new QHBoxLayout;
    head->addWidget(m_webhookSummary, 1);
    head->addWidget(m_deliveryCount, 0, Qt::AlignTop);

    m_deliveryView = new QTableView(page);
    setUpTableView(m_deliveryView, m_deliveryProxy, QStringLiteral("deliveryTable"));
    m_deliveryView->sortByColumn(ChannelsDeliveryModel::TimeColumn, Qt::DescendingOrder);
    QHeaderView *header = m_deliveryView->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(true);
    const int em = m_deliveryView->fontMetrics().horizontalAdvance(QLatin1Char('m'));
    const int widths[] = {em * 6, em * 7, em * 18, em * 18, em * 5, em * 6};
    for (int c = 0; c < 6; ++c)
        m_deliveryView->setColumnWidth(c, widths[c]);
    m_deliveryView->setTextElideMode(Qt::ElideRight);

    m_deliveriesEmpty = new EmptyState(tr("No webhook deliveries yet"),
                                       tr("Give an app a webhook URL and choose its events (Apps → Edit). Each "
                                          "batch sent, and every retry, is listed here with its status."),
                                       page);
    m_deliveriesEmpty->setObjectName(QStringLiteral("deliveriesEmptyState"));
    m_deliveriesStack = makeEmptyStateStack(m_deliveriesEmpty, m_deliveryView, page);

    return finishTabPage(page, head, m_deliveriesStack, kTabPage);
}

void ChannelsPage::updateWebhookSummary()
{
    QStringList lines;
    for (const channels::AppInfo &app : std::as_const(m_snapshot.apps)) {
        if (app.webhookUrl.isEmpty())
            continue;
        lines << tr("%1 → %2 (%3)")
                     .arg(app.name, app.webhookUrl,
                          app.webhookEvents.isEmpty() ? tr("no events") : app.webhookEvents.join(QStringLiteral(", ")));
    }
    m_webhookSummary->setText(lines.isEmpty()
                                  ? tr("No app has a webhook yet. Set one in Apps → Edit.")
                                  : tr("Webhooks (change them in Apps → Edit):") + QLatin1Char('\n')
                                        + lines.join(QLatin1Char('\n')));
    const int total = m_deliveryModel->rowCount();
    const int failed = m_deliveryModel->failedCount();
    const QLocale locale;
    QString count = total == 1 ? tr("1 delivery") : tr("%1 deliveries").arg(locale.toString(total));
    if (failed > 0)
        count = tr("%1, %2 failed").arg(count, locale.toString(failed));
    m_deliveryCount->setText(total == 0 ? QString() : count);
}

// ---------------------------------------------------------------------------------------------
// Live state

void ChannelsPage::applySnapshot()
{
    m_snapshotTimer->stop();
    const QString selected = selectedAppId();
    m_snapshot = m_monitor ? m_monitor->snapshot() : channels::ChannelsSnapshot{};
    m_appModel->update(m_snapshot);
    m_occupiedModel->update(m_snapshot);
    m_testForm->setApps(m_snapshot.apps);
    m_console->setApps(m_snapshot.apps);
    QHash<QString, QString> names;
    for (const channels::AppInfo &app : std::as_const(m_snapshot.apps))
        names.insert(app.id, app.name.isEmpty() ? app.id : app.name);
    m_deliveryModel->setAppNames(names);

    // The details panel always shows an app when there is one.
    if (m_appModel->rowOf(selected) < 0 && m_appModel->rowCount() > 0)
        m_appView->selectRow(0);
    updateAppDetails();
    updateMembers();

    const QLocale locale;
    int connections = 0;
    for (int n : std::as_const(m_snapshot.connectionsByApp))
        connections += n;
    // With Redis the counts are the cluster's: connections are every live node's (heartbeats).
    int nodes = 0;
    if (m_snapshot.cluster.adapter == QLatin1String("redis") && m_snapshot.cluster.connected) {
        int clusterConnections = 0;
        for (const channels::ClusterNode &node : std::as_const(m_snapshot.cluster.nodes)) {
            if (!node.alive)
                continue;
            ++nodes;
            clusterConnections += node.self ? connections : node.connections;
        }
        connections = clusterConnections;
    }
    int members = 0;
    for (const auto &list : std::as_const(m_snapshot.presenceMembers))
        members += int(list.size());
    m_stats.value(QStringLiteral("apps"))->setText(locale.toString(m_snapshot.apps.size()));
    m_stats.value(QStringLiteral("connections"))->setText(locale.toString(connections));
    m_stats.value(QStringLiteral("channels"))->setText(locale.toString(m_snapshot.channels.size()));
    m_stats.value(QStringLiteral("members"))->setText(locale.toString(members));
    m_stats.value(QStringLiteral("sent"))->setText(locale.toString(m_snapshot.messagesSent));
    m_stats.value(QStringLiteral("received"))->setText(locale.toString(m_snapshot.messagesReceived));
    const channels::ClusterStatus &cluster = m_snapshot.cluster;
    m_clusterLine->setVisible(cluster.adapter == QLatin1String("redis"));
    m_clusterLine->setText(cluster.connected
                               ? tr("Shared through Redis %1 with %2 nodes: the counts below are the cluster's (this node: %3).")
                                     .arg(cluster.endpoint, locale.toString(nodes), cluster.nodeId)
                               : tr("Redis %1 is unreachable (%2); this node serves its own clients alone and reconnects.")
                                     .arg(cluster.endpoint, cluster.error.isEmpty() ? tr("no answer yet") : cluster.error));
    m_connectionsNow->setText(nodes > 1 ? tr("%1 now on %2 nodes").arg(locale.toString(connections), locale.toString(nodes))
                                        : tr("%1 now").arg(locale.toString(connections)));
    updateEmptyStates();
}

void ChannelsPage::updateEmptyStates()
{
    showContentWhen(m_appsStack, m_appModel->rowCount() > 0);
    showContentWhen(m_channelsStack, m_occupiedModel->rowCount() > 0);
    m_channelFilter->setEnabled(m_occupiedModel->rowCount() > 0 || !m_channelFilter->text().isEmpty());
    const bool noMatch = m_occupiedModel->rowCount() > 0 && m_occupiedProxy->rowCount() == 0;
    m_noChannelMatch->setVisible(noMatch);
    m_channelView->setVisible(!noMatch);
    showContentWhen(m_deliveriesStack, m_deliveryModel->rowCount() > 0);
    updateWebhookSummary();
}

void ChannelsPage::refreshDashboard()
{
    m_occupiedModel->setNow(QDateTime::currentDateTimeUtc());
    if (const core::Metrics *metrics = context().metrics) {
        const QString connections = QStringLiteral("channels.connections");
        m_connectionsChart->setValues(chartValues(*metrics, connections, m_connectionsChart->range(),
                                                  core::Metrics::MinuteValue::Peak));
        m_messagesChart->setValues(chartValues(*metrics, QStringLiteral("channels.messages"), m_messagesChart->range()));
        const QVector<double> messages = metrics->series(QStringLiteral("channels.messages"), 2);
        // The last point is the second still being counted; the one before is the latest whole one.
        const double rate = messages.size() >= 2 ? messages[messages.size() - 2] : 0;
        const int decimals = rate > 0 && rate < 10 && rate != int(rate) ? 1 : 0;
        m_messagesNow->setText(tr("%1 messages/s now").arg(QLocale().toString(rate, 'f', decimals)));
    }
    QString banner;
    if (!m_monitor) {
        banner = tr("The channels service is not connected to this console.");
    } else if (status().state != core::ServiceState::Running) {
        banner = status().state == core::ServiceState::Failed
            ? tr("Channels failed to start: %1. The tables show its last known state.").arg(status().reason)
            : tr("Channels is %1. The tables show its last known state; changes are applied once it runs.")
                  .arg(Theme::stateText(status().state));
    }
    m_banner->setText(banner);
    m_banner->setVisible(!banner.isEmpty());
}

} // namespace homeport::ui
