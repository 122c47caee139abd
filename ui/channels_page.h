#pragma once
// ChannelsPage: the Channels service's page: the generic service header, state, request chart
// and counters, plus the dashboard of issue 4 in tabs: Overview (live connection and message
// charts, totals), Apps (credentials, Connect snippets, new/edit/delete), Channels (occupied
// channels and a presence channel's members), Debug console (live events, and a form to send a
// test event) and Webhooks (the delivery log).
// Thread affinity: the GUI thread. Reads ChannelsMonitor snapshots (on snapshotPublished, at most
// a few times a second) and receives its events queued; every change is requested through the
// monitor's request signals, never by calling into the service.

#include "channels/channels_monitor.h"
#include "dashboard_widgets.h"
#include "service_page.h"

class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QStackedWidget;
class QTabWidget;
class QTableView;
class QTimer;

namespace homeport::ui {

class ChannelsAppEditor;
class ChannelsAppModel;
class ChannelsDebugConsole;
class ChannelsDeliveryModel;
class ChannelsMemberModel;
class ChannelsOccupiedModel;
class ChannelsTestEventForm;
class EmptyState;
class SnippetCard;
class Sparkline;

class ChannelsPage : public ServicePage
{
    Q_OBJECT
public:
    enum Tab { OverviewTab, AppsTab, ChannelsTab, DebugTab, WebhooksTab };
    using ConfirmFunction = ui::ConfirmFunction;
    static constexpr int kSnapshotDelayMs = 150;

    ChannelsPage(const core::ServiceInfo &info, const ConsoleContext &context, ServiceCommands *commands,
                 QWidget *parent = nullptr);

    channels::ChannelsMonitor *monitor() const { return m_monitor; }
    void setConfirmFunction(ConfirmFunction confirm) { m_confirm = std::move(confirm); }
    QTabWidget *tabs() const { return m_tabs; }

    ChannelsAppModel *appModel() const { return m_appModel; }
    QTableView *appView() const { return m_appView; }
    ChannelsOccupiedModel *occupiedModel() const { return m_occupiedModel; }
    QSortFilterProxyModel *occupiedProxy() const { return m_occupiedProxy; }
    QTableView *channelView() const { return m_channelView; }
    QLineEdit *channelFilter() const { return m_channelFilter; }
    ChannelsMemberModel *memberModel() const { return m_memberModel; }
    QTableView *memberView() const { return m_memberView; }
    QString memberTitle() const;
    ChannelsDebugConsole *debugConsole() const { return m_console; }
    ChannelsTestEventForm *testEventForm() const { return m_testForm; }
    ChannelsDeliveryModel *deliveryModel() const { return m_deliveryModel; }
    QTableView *deliveryView() const { return m_deliveryView; }
    EmptyState *appsEmptyState() const { return m_appsEmpty; }
    EmptyState *channelsEmptyState() const { return m_channelsEmpty; }
    EmptyState *deliveriesEmptyState() const { return m_deliveriesEmpty; }
    Sparkline *connectionsChart() const { return m_connectionsChart; }
    Sparkline *messagesChart() const { return m_messagesChart; }
    // The value shown on one Overview tile: "apps", "connections", "channels", "members",
    // "sent", "received".
    QString statText(const QString &name) const;

    QString selectedAppId() const;
    void selectApp(const QString &appId);
    // The Apps tab's secret field ("••••" until revealed) and the Connect snippet as shown.
    QString shownSecret() const;
    QString snippetText() const;
    void setSecretRevealed(bool revealed);

public Q_SLOTS:
    // Reads the monitor's current snapshot into every table (normally on snapshotPublished).
    void applySnapshot();
    // Opens the editor (non-modal, so the page stays live); on Save emits saveAppRequested.
    ChannelsAppEditor *newApp();
    ChannelsAppEditor *editSelectedApp();
    // Asks through the confirm function, then emits deleteAppRequested; returns whether it did.
    bool deleteSelectedApp();
    void copySecret();
    void copySnippet();

protected:
    void refreshDashboard() override;

private:
    QWidget *buildOverviewTab();
    QWidget *buildAppsTab();
    QWidget *buildChannelsTab();
    QWidget *buildDebugTab();
    QWidget *buildWebhooksTab();
    ChannelsAppEditor *openEditor(const channels::AppInfo &app);
    void updateAppDetails();
    void updateMembers();
    void updateEmptyStates();
    void updateWebhookSummary();
    void showAppsMessage(const QString &text);
    // The Connect snippet of the chosen format; `secretMask` as ChannelsSnippets::render() takes it.
    QString renderSnippet(const channels::AppInfo &app, const QString &secretMask) const;

    channels::ChannelsMonitor *m_monitor;
    channels::ChannelsSnapshot m_snapshot;
    ConfirmFunction m_confirm;
    QTimer *m_snapshotTimer;
    QTabWidget *m_tabs = nullptr;
    QLabel *m_banner = nullptr;

    // Overview
    QHash<QString, QLabel *> m_stats;
    Sparkline *m_connectionsChart = nullptr;
    Sparkline *m_messagesChart = nullptr;
    QLabel *m_connectionsNow = nullptr;
    QLabel *m_clusterLine = nullptr;
    QLabel *m_messagesNow = nullptr;

    // Apps
    ChannelsAppModel *m_appModel;
    QSortFilterProxyModel *m_appProxy;
    QTableView *m_appView = nullptr;
    QStackedWidget *m_appsStack = nullptr;
    EmptyState *m_appsEmpty = nullptr;
    QPushButton *m_editApp = nullptr;
    QPushButton *m_deleteApp = nullptr;
    QLabel *m_appsMessage = nullptr;
    QLabel *m_detailTitle = nullptr;
    QLabel *m_appId = nullptr;
    QLabel *m_appKey = nullptr;
    QLabel *m_appSecret = nullptr;
    QPushButton *m_reveal = nullptr;
    QLabel *m_appLimits = nullptr;
    QLabel *m_appWebhook = nullptr;
    SnippetCard *m_snippetCard = nullptr;
    bool m_secretRevealed = false;

    // Channels
    ChannelsOccupiedModel *m_occupiedModel;
    QSortFilterProxyModel *m_occupiedProxy;
    QTableView *m_channelView = nullptr;
    QLineEdit *m_channelFilter = nullptr;
    QStackedWidget *m_channelsStack = nullptr;
    EmptyState *m_channelsEmpty = nullptr;
    QLabel *m_noChannelMatch = nullptr;
    ChannelsMemberModel *m_memberModel;
    QSortFilterProxyModel *m_memberProxy;
    QTableView *m_memberView = nullptr;
    QLabel *m_memberTitle = nullptr;
    QLabel *m_memberHint = nullptr;

    // Debug console and test events
    ChannelsDebugConsole *m_console = nullptr;
    ChannelsTestEventForm *m_testForm = nullptr;

    // Webhooks
    ChannelsDeliveryModel *m_deliveryModel;
    QSortFilterProxyModel *m_deliveryProxy;
    QTableView *m_deliveryView = nullptr;
    QStackedWidget *m_deliveriesStack = nullptr;
    EmptyState *m_deliveriesEmpty = nullptr;
    QLabel *m_webhookSummary = nullptr;
    QLabel *m_deliveryCount = nullptr;
};

} // namespace homeport::ui
