#pragma once
// StateLight: the coloured dot that says at a glance whether a service runs.
// Thread affinity: the GUI thread.

#include "core/service.h"

#include <QWidget>

class QLabel;

namespace homeport::ui {

class StateLight : public QWidget
{
    Q_OBJECT
public:
    explicit StateLight(int diameter = 12, QWidget *parent = nullptr);

    void setState(core::ServiceState state);
    core::ServiceState state() const { return m_state; }
    // For summaries that are not one service's state (the status bar's overall health).
    void setColor(const QColor &color);
    QColor color() const { return m_color; }

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    int m_diameter;
    core::ServiceState m_state = core::ServiceState::Stopped;
    QColor m_color;
};

// Shows a service's state the same way everywhere: the light, the coloured state word, and the
// failure reason (hidden unless it failed).
void showServiceState(StateLight *light, QLabel *stateLabel, QLabel *reasonLabel, const core::ServiceStatus &status);

} // namespace homeport::ui
