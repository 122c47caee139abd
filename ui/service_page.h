#pragma once
// ServicePage: one service's page: its live state, a request-rate chart with axes, its counters
// in a sortable table, and a content area. Until a service's dashboard exists the content area
// holds an EmptyState saying what will appear there and how to connect; later issues subclass
// ServicePage (or call setDashboard) to put their dashboards there.
// Thread affinity: the GUI thread. Reads Metrics copies on refresh(); commands go through
// ServiceCommands (queued).

#include "console_context.h"
#include "core/service.h"
#include "core/service_catalog.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class QVBoxLayout;

namespace homeport::ui {

class CounterModel;
class EmptyState;
class ServiceCommands;
class Sparkline;
class StateLight;

class ServicePage : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kChartSeconds = 300;

    ServicePage(const core::ServiceInfo &info, const ConsoleContext &context, ServiceCommands *commands,
                QWidget *parent = nullptr);

    QString serviceName() const { return m_info.name; }
    const core::ServiceInfo &info() const { return m_info; }
    core::ServiceStatus status() const { return m_status; }
    QString stateText() const;
    CounterModel *counterModel() const { return m_counters; }
    QSortFilterProxyModel *counterProxy() const { return m_counterProxy; }
    EmptyState *emptyState() const { return m_emptyState; }
    Sparkline *chart() const { return m_chart; }

    // Replaces the empty state with a dashboard (the page takes ownership).
    void setDashboard(QWidget *dashboard);
    QWidget *dashboard() const { return m_dashboard; }
    // Dashboards with their own charts hide the generic request chart and counters, so their
    // tabs fit the window without scrolling.
    void setTrafficPanelVisible(bool visible);

    // What each not-yet-built service will show, for its empty state.
    static QString plannedContent(const QString &service);

public Q_SLOTS:
    void setStatus(const homeport::core::ServiceStatus &status);
    // Once a second: chart, counters, uptime, then refreshDashboard().
    void refresh();

Q_SIGNALS:
    void connectRequested(const QString &service);
    // After each refresh(): widgets given to setDashboard() can update themselves on it.
    void refreshed();

protected:
    const ConsoleContext &context() const { return m_context; }
    // Below the chart and counters; subclasses may add widgets here besides setDashboard().
    QVBoxLayout *contentLayout() const { return m_contentLayout; }
    // Called from refresh() while the page is visible; dashboards update themselves here.
    virtual void refreshDashboard() {}
    // Called from setStatus(), at once: what shows the service's state (a stopped-service
    // banner) follows it here instead of waiting up to a second for the next refresh().
    virtual void statusChanged() {}

private:
    void updateButtons();

    core::ServiceInfo m_info;
    ConsoleContext m_context;
    ServiceCommands *m_commands;
    core::ServiceStatus m_status;

    StateLight *m_light;
    QLabel *m_state;
    QLabel *m_address;
    QLabel *m_uptime;
    QLabel *m_reason;
    QLabel *m_rate;
    QLabel *m_countersEmpty;
    Sparkline *m_chart;
    CounterModel *m_counters;
    QSortFilterProxyModel *m_counterProxy;
    QTableView *m_counterView;
    QPushButton *m_start;
    QPushButton *m_stop;
    QPushButton *m_restart;
    QVBoxLayout *m_contentLayout;
    EmptyState *m_emptyState;
    QWidget *m_dashboard = nullptr;
    QWidget *m_trafficPanel = nullptr; // request chart + counters
};

} // namespace homeport::ui
