#include "state_light.h"

#include "theme.h"

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

} // namespace homeport::ui
