#include "main_window.h"

#include "channels_page.h"
#include "connect_dialog.h"
#include "errors_page.h"
#include "search_page.h"
#include "inference_page.h"
#include "storage_page.h"
#include "core/service_catalog.h"
#include "core/service_host.h"
#include "core/settings.h"
#include "health_summary.h"
#include "logs_page.h"
#include "overview_page.h"
#include "service_commands.h"
#include "service_page.h"
#include "settings_page.h"
#include "state_light.h"
#include "table_filter.h"
#include "theme.h"
#include "tray_icon.h"
#include "welcome_dialog.h"
#include "core/client_env.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QChartView>
#include <QClipboard>
#include <QCloseEvent>
#include <QFile>
#include <QKeySequence>
#include <QPlainTextEdit>
#include <QShortcut>
#include <QTextEdit>
#include <QPushButton>
#include <QHBoxLayout>
#include <QIcon>
#include <QFrame>
#include <QLabel>
#include <QListWidget>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QSystemTrayIcon>
#include <QTimer>
#include <QVBoxLayout>

// Q_INIT_RESOURCE must be called from the global namespace. The icons live in the static
// homeport_ui library, whose resource object a linker would otherwise drop as unreferenced.
static void initConsoleResources()
{
    Q_INIT_RESOURCE(homeport);
}

namespace homeport::ui {

namespace {
constexpr int kRefreshIntervalMs = 1000;
constexpr int kSidebarWidth = 210;
const QString kOverview = QStringLiteral("overview");
const QString kLogs = QStringLiteral("logs");
const QString kSettings = QStringLiteral("settings");

core::ServiceInfo infoFor(const QString &name)
{
    if (const core::ServiceInfo *info = core::findService(name))
        return *info;
    // A service the catalog does not know (a test's, a plugin's) still gets a page.
    return core::ServiceInfo{name, name, QString(), QString(), 0};
}

QString iconFor(const QString &page)
{
    const QString path = Theme::iconPath(page);
    return QFile::exists(path) ? path : Theme::iconPath(QStringLiteral("overview"));
}

constexpr int kPageShortcuts = 9; // Ctrl+1 ... Ctrl+9

// Text views and editors would keep Tab for themselves, and tables would walk it cell by cell; in
// the console Tab always moves on to the next control (arrows move within a table, and no view
// here needs a typed tab character).
void letTabMoveOn(QWidget *root)
{
    for (QPlainTextEdit *edit : root->findChildren<QPlainTextEdit *>())
        edit->setTabChangesFocus(true);
    for (QTextEdit *edit : root->findChildren<QTextEdit *>())
        edit->setTabChangesFocus(true);
    for (QAbstractItemView *view : root->findChildren<QAbstractItemView *>())
        view->setTabKeyNavigation(false);
}
} // namespace

MainWindow::MainWindow(const ConsoleContext &context, QWidget *parent)
    : QMainWindow(parent)
    , m_context(context)
    , m_commands(new ServiceCommands(context.host, this))
    , m_pages(new QStackedWidget(this))
    , m_healthLight(new StateLight(10, this))
    , m_healthText(new QLabel(this))
    , m_timer(new QTimer(this))
{
    initConsoleResources();
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Homeport"));
    setWindowIcon(QIcon(Theme::iconPath(QStringLiteral("homeport"))));
    resize(1200, 780);
    setMinimumSize(860, 560);

    m_services = context.host ? context.host->names() : core::serviceNames();
    QList<core::ServiceInfo> infos;
    for (const QString &name : std::as_const(m_services))
        infos << infoFor(name);

    // Pages.
    m_pages->setObjectName(QStringLiteral("pages"));
    m_overview = new OverviewPage(context, infos, m_commands, m_pages);
    connect(m_overview, &OverviewPage::connectRequested, this, &MainWindow::openConnectDialog);
    connect(m_overview, &OverviewPage::openRequested, this, &MainWindow::showPage);
    connect(m_overview, &OverviewPage::copyEnvRequested, this, &MainWindow::copyLaravelEnv);

    QWidget *sidebar = buildSidebar();
    addPage(kOverview, tr("Overview"), iconFor(kOverview), m_overview);
    for (const core::ServiceInfo &info : std::as_const(infos)) {
        // Services with a dashboard get their own page; the rest the generic one.
        ServicePage *page = nullptr;
        if (info.name == QLatin1String("channels") && context.channels)
            page = new ChannelsPage(info, context, m_commands, m_pages);
        else if (info.name == QLatin1String("errors") && context.errors)
            page = new ErrorsPage(info, context, m_commands, m_pages);
        else if (info.name == QLatin1String("search") && context.search)
            page = new SearchPage(info, context, m_commands, m_pages);
        else if (info.name == QLatin1String("storage") && context.storage)
            page = new StoragePage(info, context, m_commands, m_pages);
        else if (info.name == QLatin1String("inference") && context.inference)
            page = new InferencePage(info, context, m_commands, m_pages);
        else
            page = new ServicePage(info, context, m_commands, m_pages);
        connect(page, &ServicePage::connectRequested, this, &MainWindow::openConnectDialog);
        m_servicePages.insert(info.name, page);
        addPage(info.name, info.title, iconFor(info.name), page);
    }
    m_logs = new LogsPage(context, m_services, m_pages);
    addPage(kLogs, tr("Logs"), iconFor(kLogs), m_logs);
    m_settings = new SettingsPage(context, m_services, m_commands, m_pages);
    addPage(kSettings, tr("Settings"), iconFor(kSettings), m_settings);

    installTableFilters();
    installKeyboardNavigation();

    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(sidebar);
    auto *work = new QVBoxLayout;
    work->setContentsMargins(0, 0, 0, 0);
    work->setSpacing(0);
    work->addWidget(buildFailureBanner());
    work->addWidget(m_pages, 1);
    layout->addLayout(work, 1);
    setCentralWidget(central);

    // Status bar: overall health on the left, where the admin API listens on the right.
    m_healthText->setObjectName(QStringLiteral("healthSummary"));
    m_healthText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *health = new QWidget(this);
    auto *healthLayout = new QHBoxLayout(health);
    healthLayout->setContentsMargins(8, 2, 0, 2);
    healthLayout->setSpacing(6);
    healthLayout->addWidget(m_healthLight);
    healthLayout->addWidget(m_healthText, 1);
    statusBar()->addWidget(health, 1);
    if (!context.adminAddress.isEmpty()) {
        auto *admin = new QLabel(tr("Admin API %1").arg(context.adminAddress), this);
        admin->setObjectName(QStringLiteral("hint"));
        statusBar()->addPermanentWidget(admin);
    }
    statusBar()->setSizeGripEnabled(true);

    connect(m_sidebarList, &QListWidget::currentRowChanged, this, [this](int row) {
        m_pages->setCurrentIndex(row);
        refreshCurrentPage();
    });
    m_sidebarList->setCurrentRow(0);

    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        // With a tray the services live on when the window hides; the tray's Quit ends them.
        QApplication::setQuitOnLastWindowClosed(false);
        m_tray = new TrayIcon(m_commands, m_services, this);
        connect(m_tray, &TrayIcon::showWindowRequested, this, &MainWindow::showFromTray);
        connect(m_tray, &TrayIcon::copyEnvRequested, this, &MainWindow::copyLaravelEnv);
        connect(m_tray, &TrayIcon::messageClicked, this, [this] {
            showFromTray();
            if (!m_failedService.isEmpty())
                showLogsFor(m_failedService);
        });
        connect(m_tray, &TrayIcon::quitRequested, this, [this] {
            m_quitting = true;
            Q_EMIT quitRequested();
        });
    }

    applyTheme(context.settings ? context.settings->value(QStringLiteral("console"), QStringLiteral("theme")).toString()
                                : QString());
    connect(m_settings, &SettingsPage::themeChanged, this, &MainWindow::applyTheme);

    if (context.host)
        connect(context.host, &core::ServiceHost::statusChanged, this, &MainWindow::applyStatus);
    m_timer->setInterval(kRefreshIntervalMs);
    connect(m_timer, &QTimer::timeout, this, &MainWindow::refresh);
    m_timer->start();
    refresh();
}

MainWindow::~MainWindow() = default;

QWidget *MainWindow::buildSidebar()
{
    auto *sidebar = new QWidget(this);
    sidebar->setObjectName(QStringLiteral("sidebar"));
    sidebar->setAttribute(Qt::WA_StyledBackground);
    sidebar->setFixedWidth(kSidebarWidth);

    auto *logo = new QLabel(sidebar);
    // Drawn at the screen's device pixel ratio from the SVG (QIcon::pixmap takes it into account).
    logo->setPixmap(QIcon(Theme::iconPath(QStringLiteral("homeport"))).pixmap(QSize(30, 30), devicePixelRatioF()));
    auto *brand = new QLabel(tr("Homeport"), sidebar);
    brand->setObjectName(QStringLiteral("brandTitle"));
    auto *brandRow = new QHBoxLayout;
    brandRow->setContentsMargins(16, 18, 16, 14);
    brandRow->setSpacing(10);
    brandRow->addWidget(logo);
    brandRow->addWidget(brand, 1);

    m_sidebarList = new QListWidget(sidebar);
    m_sidebarList->setObjectName(QStringLiteral("sidebarList"));
    m_sidebarList->setIconSize(QSize(20, 20));
    m_sidebarList->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_sidebarList->setFrameShape(QFrame::NoFrame);

    QStringList footer;
#ifdef HOMEPORT_VERSION
    footer << tr("Version %1").arg(QStringLiteral(HOMEPORT_VERSION));
#endif
    if (!m_context.dataDir.isEmpty())
        footer << m_context.dataDir;
    auto *footerLabel = new QLabel(footer.join(QLatin1Char('\n')), sidebar);
    footerLabel->setObjectName(QStringLiteral("sidebarFooter"));
    footerLabel->setWordWrap(true);
    footerLabel->setToolTip(tr("Data folder: %1").arg(m_context.dataDir));

    auto *layout = new QVBoxLayout(sidebar);
    layout->setContentsMargins(0, 0, 0, 12);
    layout->setSpacing(0);
    layout->addLayout(brandRow);
    layout->addWidget(m_sidebarList, 1);
    auto *footerBox = new QVBoxLayout;
    footerBox->setContentsMargins(16, 0, 12, 0);
    footerBox->addWidget(footerLabel);
    layout->addLayout(footerBox);
    return sidebar;
}

void MainWindow::addPage(const QString &name, const QString &title, const QString &iconPath, QWidget *page)
{
    auto *item = new QListWidgetItem(QIcon(iconPath), title, m_sidebarList);
    item->setData(Qt::UserRole, name);
    m_pages->addWidget(page);
    m_pageNames << name;
}

void MainWindow::showPage(const QString &pageName)
{
    const int index = int(m_pageNames.indexOf(pageName));
    if (index < 0)
        return;
    m_sidebarList->setCurrentRow(index);
}

QKeySequence MainWindow::pageShortcut(const QString &pageName) const
{
    const int index = int(m_pageNames.indexOf(pageName));
    if (index < 0 || index >= kPageShortcuts)
        return {};
    return QKeySequence(QKeyCombination(Qt::ControlModifier, Qt::Key(Qt::Key_1 + index)));
}

void MainWindow::installKeyboardNavigation()
{
    for (int i = 0; i < m_pageNames.size() && i < kPageShortcuts; ++i) {
        const QString name = m_pageNames[i];
        auto *shortcut = new QShortcut(pageShortcut(name), this);
        shortcut->setObjectName(QStringLiteral("pageShortcut-%1").arg(name));
        connect(shortcut, &QShortcut::activated, this, [this, name] {
            showPage(name);
            focusCurrentPage();
        });
        QListWidgetItem *item = m_sidebarList->item(i);
        item->setToolTip(tr("%1 (%2)").arg(item->text(), shortcut->key().toString(QKeySequence::NativeText)));
    }
    letTabMoveOn(this);
}

void MainWindow::focusCurrentPage()
{
    QWidget *page = m_pages->currentWidget();
    if (!page)
        return;
    for (QWidget *w = page->nextInFocusChain(); w && w != page; w = w->nextInFocusChain()) {
        if (page->isAncestorOf(w) && w->isVisible() && w->isEnabled() && (w->focusPolicy() & Qt::TabFocus)) {
            w->setFocus(Qt::ShortcutFocusReason);
            return;
        }
    }
    page->setFocus(Qt::ShortcutFocusReason);
}

QString MainWindow::currentPageName() const
{
    const int index = m_pages->currentIndex();
    return index >= 0 && index < m_pageNames.size() ? m_pageNames[index] : QString();
}

QWidget *MainWindow::page(const QString &pageName) const
{
    const int index = int(m_pageNames.indexOf(pageName));
    return index >= 0 ? m_pages->widget(index) : nullptr;
}

ServicePage *MainWindow::servicePage(const QString &service) const
{
    return m_servicePages.value(service);
}

void MainWindow::replaceServicePage(const QString &service, ServicePage *page)
{
    const int index = int(m_pageNames.indexOf(service));
    ServicePage *old = m_servicePages.value(service);
    if (index < 0 || !old || !page || old == page)
        return;
    const bool current = m_pages->currentIndex() == index;
    m_pages->insertWidget(index, page);
    m_pages->removeWidget(old);
    old->deleteLater();
    m_servicePages.insert(service, page);
    connect(page, &ServicePage::connectRequested, this, &MainWindow::openConnectDialog);
    installTableFilters();
    letTabMoveOn(page);
    if (m_context.host)
        page->setStatus(m_context.host->status(service));
    if (current) {
        m_pages->setCurrentIndex(index);
        page->refresh();
    }
}

QString MainWindow::healthText() const
{
    return m_healthText->text();
}

ConnectDialog *MainWindow::openConnectDialog(const QString &service)
{
    const core::ClientSettings settings = m_context.clientSettings ? m_context.clientSettings() : core::ClientSettings{};
    const core::ServiceStatus status = m_context.host ? m_context.host->status(service) : core::ServiceStatus{};
    auto *dialog = new ConnectDialog(service, settings, status, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

void MainWindow::installTableFilters()
{
    // Tables whose page filters them already (text, level, app or a query language).
    static const QStringList ownFilter = {QStringLiteral("channelTable"), QStringLiteral("debugTable"),
                                          QStringLiteral("issueTable"), QStringLiteral("logTable")};
    for (QTableView *view : m_pages->findChildren<QTableView *>()) {
        if (ownFilter.contains(view->objectName()) || view->property("tableFilter").isValid())
            continue;
        view->setProperty("tableFilter", true);
        TableFilter::install(view);
    }
}

QWidget *MainWindow::buildFailureBanner()
{
    m_failureBanner = new QFrame(this);
    m_failureBanner->setObjectName(QStringLiteral("failureBanner"));
    m_failureBanner->setAttribute(Qt::WA_StyledBackground);
    m_failureText = new QLabel(m_failureBanner);
    m_failureText->setObjectName(QStringLiteral("failureBannerText"));
    m_failureText->setWordWrap(true);
    m_failureText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *openLog = new QPushButton(tr("Open log"), m_failureBanner);
    openLog->setObjectName(QStringLiteral("failureOpenLog"));
    auto *restart = new QPushButton(tr("Restart"), m_failureBanner);
    restart->setObjectName(QStringLiteral("failureRestart"));
    auto *dismiss = new QPushButton(tr("Dismiss"), m_failureBanner);
    dismiss->setObjectName(QStringLiteral("failureDismiss"));
    connect(openLog, &QPushButton::clicked, this, [this] { showLogsFor(m_failedService); });
    connect(restart, &QPushButton::clicked, this, [this] {
        m_commands->requestRestart(m_failedService);
        m_failureBanner->hide();
    });
    connect(dismiss, &QPushButton::clicked, m_failureBanner, &QWidget::hide);
    auto *layout = new QHBoxLayout(m_failureBanner);
    layout->setContentsMargins(16, 8, 16, 8);
    layout->addWidget(m_failureText, 1);
    layout->addWidget(openLog);
    layout->addWidget(restart);
    layout->addWidget(dismiss);
    m_failureBanner->hide();
    return m_failureBanner;
}

QString MainWindow::failureBannerText() const
{
    return m_failureBanner->isHidden() ? QString() : m_failureText->text();
}

void MainWindow::notifyFailure(const core::ServiceStatus &status)
{
    const core::ServiceInfo info = infoFor(status.name);
    const QString reason = status.reason.isEmpty() ? tr("no reason given") : status.reason;
    m_failedService = status.name;
    m_failureText->setText(tr("%1 failed: %2").arg(info.title, reason));
    m_failureBanner->show();
    if (m_tray)
        m_tray->showMessage(tr("%1 failed").arg(info.title), tr("%1\nClick to open its log.").arg(reason));
    Q_EMIT serviceFailed(status.name, reason);
}

void MainWindow::showLogsFor(const QString &service)
{
    m_logs->setServiceFilter(service);
    showPage(kLogs);
}

void MainWindow::applyTheme(const QString &modeName)
{
    Theme::apply(Theme::modeFromName(modeName));
    restyle();
    // Charts, page backgrounds and muted labels follow the palette change (theme_follower.h).
}

void MainWindow::restyle()
{
    const QString sheet = Theme::styleSheet();
    if (styleSheet() != sheet) // an equal sheet would only re-polish every widget
        setStyleSheet(sheet);
}

bool MainWindow::event(QEvent *event)
{
    switch (event->type()) {
    case QEvent::ThemeChange:
        // Qt re-reads the platform's palette itself on most desktops; a platform theme that only
        // says "the theme changed" is read here. Either way ApplicationPaletteChange follows
        // when the palette really changed.
        Theme::followPlatform();
        restyle();
        break;
    case QEvent::ApplicationPaletteChange:
        restyle();
        break;
    default:
        break;
    }
    return QMainWindow::event(event);
}

void MainWindow::copyLaravelEnv()
{
    const core::ClientSettings settings = m_context.clientSettings ? m_context.clientSettings() : core::ClientSettings{};
    QApplication::clipboard()->setText(core::renderClientSettings(core::EnvFormat::Laravel, settings));
    statusBar()->showMessage(tr("The Laravel .env settings are on the clipboard."), 5000);
}

WelcomeDialog *MainWindow::openWelcome()
{
    if (!m_welcome) {
        m_welcome = new WelcomeDialog(m_context, m_services, m_commands, this);
        m_welcome->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_welcome, &QObject::destroyed, this, [this] { m_welcome = nullptr; });
    }
    m_welcome->show();
    m_welcome->raise();
    return m_welcome;
}

void MainWindow::openWelcomeIfWanted()
{
    if (WelcomeDialog::wanted(m_context))
        openWelcome();
}

void MainWindow::trackState(const core::ServiceStatus &status)
{
    const core::ServiceState before = m_lastStates.value(status.name, core::ServiceState::Stopped);
    m_lastStates.insert(status.name, status.state);
    if (status.state == core::ServiceState::Failed && before != core::ServiceState::Failed)
        notifyFailure(status);
    else if (status.name == m_failedService && status.state == core::ServiceState::Running)
        m_failureBanner->hide(); // it recovered (restarted from here, the tray or its page)
}

void MainWindow::applyStatus(const core::ServiceStatus &status)
{
    trackState(status);

    m_overview->setStatus(status);
    if (ServicePage *page = m_servicePages.value(status.name))
        page->setStatus(status);
    // The host's snapshot already holds this change: one sentence for every service.
    updateHealth(m_context.host ? m_context.host->snapshot() : QList<core::ServiceStatus>{status});
}

void MainWindow::refresh()
{
    const QList<core::ServiceStatus> snapshot = m_context.host ? m_context.host->snapshot() : QList<core::ServiceStatus>{};
    m_overview->setSnapshot(snapshot);
    for (const core::ServiceStatus &status : snapshot) {
        trackState(status);
        if (ServicePage *page = m_servicePages.value(status.name))
            page->setStatus(status);
    }
    updateHealth(snapshot);
    refreshCurrentPage();
}

void MainWindow::refreshCurrentPage()
{
    // Charts and tables of hidden pages are not drawn; refreshing them would only cost time.
    // The Overview's cards refresh inside setSnapshot().
    if (auto *page = qobject_cast<ServicePage *>(m_pages->currentWidget()))
        page->refresh();
}

void MainWindow::updateHealth(const QList<core::ServiceStatus> &snapshot)
{
    const HealthSummary health = HealthSummary::from(snapshot);
    m_healthText->setText(health.text());
    m_overview->setSummary(health.text());
    switch (health.level()) {
    case HealthSummary::Level::Healthy:
        m_healthLight->setColor(Theme::running());
        break;
    case HealthSummary::Level::Degraded:
        m_healthLight->setColor(Theme::failed());
        break;
    case HealthSummary::Level::Busy:
        m_healthLight->setColor(Theme::busy());
        break;
    case HealthSummary::Level::Stopped:
        m_healthLight->setColor(Theme::stopped());
        break;
    }
    m_healthText->setStyleSheet(health.level() == HealthSummary::Level::Degraded
                                    ? QStringLiteral("color: %1").arg(Theme::failed().name())
                                    : QString());
    if (m_tray)
        m_tray->setHealth(health);
}

void MainWindow::showFromTray()
{
    show();
    setWindowState(windowState() & ~Qt::WindowMinimized);
    raise();
    activateWindow();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_tray && m_tray->isVisible() && !m_quitting) {
        // The services keep running; the window is only a view onto them.
        hide();
        if (!m_trayMessageShown) {
            m_trayMessageShown = true;
            m_tray->showMessage(tr("Homeport is still running"),
                                tr("Your services keep running. Open the console or quit from the tray icon."));
        }
        event->ignore();
        return;
    }
    m_quitting = true;
    Q_EMIT quitRequested();
    event->accept();
}

} // namespace homeport::ui
