#pragma once
// MainWindow: the console: a sidebar (Overview, the five services, Logs, Settings), the pages,
// a status bar with the overall health, and the tray icon when the desktop has a tray.
// Keyboard: Ctrl+1 ... Ctrl+9 open the pages in sidebar order and put the focus on the page's
// first control; Tab goes through every control of a page (tables included) and on, never held
// by a text view.
// Thread affinity: the GUI thread. Reads host snapshots (on statusChanged and on a one-second
// timer) and Metrics copies; every command goes to the host through queued signals, so the
// window never waits for a service.

#include "console_context.h"
#include "core/service.h"

#include <QHash>
#include <QMainWindow>
#include <QStringList>

class QKeySequence;
class QLabel;
class QListWidget;
class QStackedWidget;
class QTimer;

namespace homeport::ui {

class ConnectDialog;
class LogsPage;
class OverviewPage;
class ServiceCommands;
class ServicePage;
class SettingsPage;
class StateLight;
class TrayIcon;
class WelcomeDialog;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(const ConsoleContext &context, QWidget *parent = nullptr);
    ~MainWindow() override;

    // "overview", a service name ("channels", ...), "logs" or "settings".
    void showPage(const QString &pageName);
    QString currentPageName() const;
    QStringList pageNames() const { return m_pageNames; }
    QWidget *page(const QString &pageName) const;
    // The key that opens `pageName` (Ctrl+1 for the first page), empty beyond the ninth.
    QKeySequence pageShortcut(const QString &pageName) const;

    OverviewPage *overviewPage() const { return m_overview; }
    ServicePage *servicePage(const QString &service) const;
    LogsPage *logsPage() const { return m_logs; }
    SettingsPage *settingsPage() const { return m_settings; }
    TrayIcon *trayIcon() const { return m_tray; }
    ServiceCommands *commands() const { return m_commands; }
    QString healthText() const;
    // The banner over the pages that names the last service that failed (hidden otherwise).
    QWidget *failureBanner() const { return m_failureBanner; }
    QString failureBannerText() const;
    WelcomeDialog *welcomeDialog() const { return m_welcome; }

    // Puts a richer page (a ServicePage subclass with the service's dashboard) in place of the
    // generic one; the window takes ownership and deletes the page it replaces. For one-widget
    // dashboards, servicePage(name)->setDashboard(widget) is enough.
    void replaceServicePage(const QString &service, ServicePage *page);

public Q_SLOTS:
    // Opens (non-modally, so the console stays live) the Connect dialog of one service.
    ConnectDialog *openConnectDialog(const QString &service);
    // The first-start welcome (non-modal); openWelcomeIfWanted() respects "don't show again".
    WelcomeDialog *openWelcome();
    void openWelcomeIfWanted();
    // The Logs page showing only `service`'s lines (a failure notice's "Open log").
    void showLogsFor(const QString &service);
    // Light, dark or the platform's palette ([console] theme), for the window and every chart.
    void applyTheme(const QString &modeName);
    // Puts the settings for a Laravel app (`homeport --print-env laravel`) on the clipboard.
    void copyLaravelEnv();
    // Reads a fresh snapshot and refreshes what is visible; runs every second.
    void refresh();

Q_SIGNALS:
    void quitRequested();
    // A service went from another state to failed; the tray (if any) and the banner said so.
    void serviceFailed(const QString &service, const QString &reason);

protected:
    void closeEvent(QCloseEvent *event) override;
    // QEvent::ThemeChange (the desktop switched its look) and ApplicationPaletteChange: the
    // palette and the window's style sheet follow, in System mode the desktop's light or dark.
    bool event(QEvent *event) override;

private:
    QWidget *buildSidebar();
    void addPage(const QString &name, const QString &title, const QString &iconPath, QWidget *page);
    void applyStatus(const homeport::core::ServiceStatus &status);
    void updateHealth(const QList<core::ServiceStatus> &snapshot);
    void refreshCurrentPage();
    void showFromTray();
    // The window's style sheet from the theme's current colours (set only when it differs).
    void restyle();
    // Notices a service's move into the failed state (from a signal or the one-second snapshot).
    void trackState(const core::ServiceStatus &status);
    void notifyFailure(const core::ServiceStatus &status);
    QWidget *buildFailureBanner();
    // A filter box and sorting for every page table that has no filter of its own (TableFilter).
    void installTableFilters();
    // Ctrl+<n> per page, and Tab out of every text view (see the header comment).
    void installKeyboardNavigation();
    // The first control of the current page that Tab would reach takes the focus.
    void focusCurrentPage();

    ConsoleContext m_context;
    ServiceCommands *m_commands;
    QStringList m_services;
    QStringList m_pageNames;
    QListWidget *m_sidebarList = nullptr;
    QStackedWidget *m_pages;
    OverviewPage *m_overview = nullptr;
    QHash<QString, ServicePage *> m_servicePages;
    LogsPage *m_logs = nullptr;
    SettingsPage *m_settings = nullptr;
    StateLight *m_healthLight;
    QLabel *m_healthText;
    TrayIcon *m_tray = nullptr;
    QWidget *m_failureBanner = nullptr;
    QLabel *m_failureText = nullptr;
    QString m_failedService;            // what the banner and the last tray balloon are about
    QHash<QString, core::ServiceState> m_lastStates;
    WelcomeDialog *m_welcome = nullptr;
    QTimer *m_timer;
    bool m_quitting = false;
    bool m_trayMessageShown = false;
};

} // namespace homeport::ui
