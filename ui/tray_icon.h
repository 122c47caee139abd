#pragma once
// TrayIcon: Homeport's overall health in the system tray (icon and tooltip) with a menu to
// show the window, start or stop every service, copy the Laravel .env, and quit. Only created when the desktop has a
// tray (QSystemTrayIcon::isSystemTrayAvailable()).
// Thread affinity: the GUI thread. Commands go through ServiceCommands (queued).

#include "health_summary.h"

#include <QObject>
#include <QStringList>

class QAction;
class QMenu;
class QSystemTrayIcon;

namespace homeport::ui {

class ServiceCommands;

class TrayIcon : public QObject
{
    Q_OBJECT
public:
    TrayIcon(ServiceCommands *commands, const QStringList &services, QObject *parent = nullptr);
    ~TrayIcon() override;

    void setHealth(const HealthSummary &health);
    HealthSummary::Level level() const { return m_level; }
    QString toolTip() const;
    bool isVisible() const;
    // One balloon, e.g. "Homeport keeps running in the tray" the first time the window hides.
    void showMessage(const QString &title, const QString &text);
    QMenu *menu() const { return m_menu; }

    static QString iconPath(HealthSummary::Level level);

Q_SIGNALS:
    void showWindowRequested();
    void quitRequested();
    void copyEnvRequested();
    // The user clicked the last balloon (a failure notice: MainWindow opens that service's log).
    void messageClicked();

private:
    QSystemTrayIcon *m_tray;
    QMenu *m_menu;
    HealthSummary::Level m_level = HealthSummary::Level::Stopped;
    bool m_levelKnown = false;
};

} // namespace homeport::ui
