#pragma once
// ServiceCard: one service on the Overview: state light and words (with the failure reason),
// address, what it replaces, a requests-per-second sparkline, uptime, and its buttons.
// Thread affinity: the GUI thread. Shows statuses and metric copies it is given; sends commands
// only through ServiceCommands (queued).

#include "console_context.h"
#include "core/service.h"
#include "core/service_catalog.h"

#include <QFrame>

class QLabel;
class QPushButton;

namespace homeport::ui {

class ServiceCommands;
class Sparkline;
class StateLight;

class ServiceCard : public QFrame
{
    Q_OBJECT
public:
    static constexpr int kSparklineSeconds = 120;

    ServiceCard(const core::ServiceInfo &info, const ConsoleContext &context, ServiceCommands *commands,
                QWidget *parent = nullptr);

    QString serviceName() const { return m_info.name; }
    core::ServiceStatus status() const { return m_status; }
    QString stateText() const;
    Sparkline *sparkline() const { return m_sparkline; }

public Q_SLOTS:
    void setStatus(const homeport::core::ServiceStatus &status);
    // Reads the metrics series and refreshes sparkline, rate and uptime (once a second).
    void refresh();

Q_SIGNALS:
    void connectRequested(const QString &service);
    void openRequested(const QString &service); // the title was clicked: show the service's page

private:
    void showTitle();
    void updateButtons();

    core::ServiceInfo m_info;
    ConsoleContext m_context;
    ServiceCommands *m_commands;
    core::ServiceStatus m_status;

    StateLight *m_light;
    QLabel *m_title;
    QLabel *m_state;
    QLabel *m_reason;
    QLabel *m_address;
    QLabel *m_uptime;
    QLabel *m_rate;
    Sparkline *m_sparkline;
    QPushButton *m_start;
    QPushButton *m_stop;
    QPushButton *m_restart;
    QPushButton *m_connect;
};

} // namespace homeport::ui
