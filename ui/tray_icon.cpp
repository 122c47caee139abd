#include "tray_icon.h"

#include "theme.h"

#include "service_commands.h"

#include <QAction>
#include <QIcon>
#include <QMenu>
#include <QSystemTrayIcon>

namespace homeport::ui {

TrayIcon::TrayIcon(ServiceCommands *commands, const QStringList &services, QObject *parent)
    : QObject(parent)
    , m_tray(new QSystemTrayIcon(this))
    , m_menu(new QMenu)
{
    QAction *show = m_menu->addAction(tr("Show Homeport"));
    m_menu->addSeparator();
    QAction *startAll = m_menu->addAction(tr("Start all services"));
    QAction *stopAll = m_menu->addAction(tr("Stop all services"));
    m_menu->addSeparator();
    QAction *copyEnv = m_menu->addAction(tr("Copy .env for Laravel"));
    copyEnv->setObjectName(QStringLiteral("trayCopyEnv"));
    connect(copyEnv, &QAction::triggered, this, &TrayIcon::copyEnvRequested);
    m_menu->addSeparator();
    QAction *quit = m_menu->addAction(tr("Quit Homeport"));
    show->setObjectName(QStringLiteral("trayShow"));
    startAll->setObjectName(QStringLiteral("trayStartAll"));
    stopAll->setObjectName(QStringLiteral("trayStopAll"));
    quit->setObjectName(QStringLiteral("trayQuit"));

    connect(show, &QAction::triggered, this, &TrayIcon::showWindowRequested);
    connect(startAll, &QAction::triggered, commands, [commands, services] { commands->requestStartAll(services); });
    connect(stopAll, &QAction::triggered, commands, &ServiceCommands::requestStopAll);
    connect(quit, &QAction::triggered, this, &TrayIcon::quitRequested);
    connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        // A plain click shows the window; the menu is on the context click as usual.
        if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
            Q_EMIT showWindowRequested();
    });

    connect(m_tray, &QSystemTrayIcon::messageClicked, this, &TrayIcon::messageClicked);
    m_tray->setContextMenu(m_menu);
    setHealth(HealthSummary::from({}));
    m_tray->show();
}

TrayIcon::~TrayIcon()
{
    m_tray->hide();
    delete m_menu; // a context menu has no QObject parent (it is a top-level window)
}

QString TrayIcon::iconPath(HealthSummary::Level level)
{
    switch (level) {
    case HealthSummary::Level::Healthy:
        return Theme::iconPath(QStringLiteral("tray-healthy"));
    case HealthSummary::Level::Degraded:
        return Theme::iconPath(QStringLiteral("tray-degraded"));
    case HealthSummary::Level::Busy:
        return Theme::iconPath(QStringLiteral("tray-starting"));
    case HealthSummary::Level::Stopped:
        break;
    }
    return Theme::iconPath(QStringLiteral("tray-stopped"));
}

void TrayIcon::setHealth(const HealthSummary &health)
{
    // Swapping the icon makes some trays flicker; only do it when the level changes.
    if (!m_levelKnown || health.level() != m_level) {
        m_level = health.level();
        m_levelKnown = true;
        m_tray->setIcon(QIcon(iconPath(m_level)));
    }
    m_tray->setToolTip(tr("Homeport — %1").arg(health.text()));
}

QString TrayIcon::toolTip() const
{
    return m_tray->toolTip();
}

bool TrayIcon::isVisible() const
{
    return m_tray->isVisible();
}

void TrayIcon::showMessage(const QString &title, const QString &text)
{
    m_tray->showMessage(title, text, QIcon(iconPath(m_level)), 5000);
}

} // namespace homeport::ui
