#include "state_light.h"

#include "theme.h"

#include <QCoreApplication>
#include <QLabel>
#include <QPainter>

namespace homeport::ui {

StateLight::StateLight(int diameter, QWidget *parent)
    : QWidget(parent)
    , m_diameter(diameter)
    , m_color(Theme::stateColor(core::ServiceState::Stopped))
{
    setFixedSize(sizeHint());
    setAttribute(Qt::WA_TranslucentBackground);
}

void StateLight::setState(core::ServiceState state)
{
    m_state = state;
    setColor(Theme::stateColor(state));
    setToolTip(Theme::stateText(state));
}

void StateLight::setColor(const QColor &color)
{
    if (m_color == color)
        return;
    m_color = color;
    update();
}

QSize StateLight::sizeHint() const
{
    return {m_diameter + 4, m_diameter + 4};
}

void StateLight::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF dot(2, 2, m_diameter, m_diameter);
    // A soft halo makes the light readable on white and on the dark status bar alike.
    QColor halo = m_color;
    halo.setAlpha(60);
    painter.setPen(Qt::NoPen);
    painter.setBrush(halo);
    painter.drawEllipse(dot.adjusted(-2, -2, 2, 2));
    painter.setBrush(m_color);
    painter.drawEllipse(dot);
}

void showServiceState(StateLight *light, QLabel *stateLabel, QLabel *reasonLabel, const core::ServiceStatus &status)
{
    light->setState(status.state);
    stateLabel->setText(Theme::stateText(status.state));
    // A widget style sheet, not the palette: the window's style sheet would override a palette.
    stateLabel->setStyleSheet(QStringLiteral("color: %1").arg(Theme::stateColor(status.state).name()));
    const bool failed = status.state == core::ServiceState::Failed;
    const QString reason = status.reason.isEmpty() ? QCoreApplication::translate("homeport::ui::StateLight", "Failed to start.")
                                                   : status.reason;
    reasonLabel->setText(failed ? reason : QString());
    reasonLabel->setVisible(failed);
}

} // namespace homeport::ui
