#include "errors_bar_chart.h"

#include "theme.h"

#include <QHelpEvent>
#include <QLocale>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace homeport::ui {

namespace {
// A round top for the value axis so it does not jitter with every new event.
double niceTop(double peak)
{
    if (peak <= 0)
        return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(peak)));
    for (double step : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        if (step * magnitude >= peak)
            return step * magnitude;
    }
    return 10 * magnitude;
}

QString number(double value)
{
    const int decimals = value != std::floor(value) && value < 10 ? 1 : 0;
    return QLocale().toString(value, 'f', decimals);
}
} // namespace

ErrorsBarChart::ErrorsBarChart(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setMouseTracking(true);
}

void ErrorsBarChart::setValues(const QVector<double> &values, const QStringList &labels)
{
    m_values = values;
    m_labels = labels;
    update();
}

double ErrorsBarChart::peak() const
{
    return m_values.isEmpty() ? 0 : *std::max_element(m_values.begin(), m_values.end());
}

double ErrorsBarChart::total() const
{
    double sum = 0;
    for (double v : m_values)
        sum += v;
    return sum;
}

void ErrorsBarChart::setUnit(const QString &unit)
{
    m_unit = unit;
    update();
}

void ErrorsBarChart::setCompact(bool compact)
{
    m_compact = compact;
    updateGeometry();
    update();
}

QSize ErrorsBarChart::sizeHint() const
{
    return m_compact ? QSize(240, 70) : QSize(480, 200);
}

QSize ErrorsBarChart::minimumSizeHint() const
{
    return m_compact ? QSize(120, 56) : QSize(200, 140);
}

QRectF ErrorsBarChart::plotRect() const
{
    const QFontMetrics fm(font());
    const double left = fm.horizontalAdvance(QStringLiteral("00000")) + 8;
    const double bottom = fm.height() + 6;
    return QRectF(rect()).adjusted(left, fm.height() / 2.0 + 2, -4, -bottom);
}

int ErrorsBarChart::barAt(const QPoint &pos) const
{
    const QRectF plot = plotRect();
    if (m_values.isEmpty() || !plot.contains(pos))
        return -1;
    return std::clamp(int((pos.x() - plot.left()) / (plot.width() / m_values.size())), 0,
                      int(m_values.size()) - 1);
}

bool ErrorsBarChart::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int bar = barAt(help->pos());
        if (bar >= 0) {
            QString text = m_unit.isEmpty() ? number(m_values[bar]) : tr("%1 %2").arg(number(m_values[bar]), m_unit);
            QToolTip::showText(help->globalPos(), text, this);
        } else {
            QToolTip::hideText();
        }
        return true;
    }
    return QWidget::event(event);
}

void ErrorsBarChart::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing, false);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    painter.setFont(small);
    const QFontMetrics fm(small);
    const QRectF plot = plotRect();
    const double top = niceTop(peak());

    // Grid: zero, half and the top, labelled on the left.
    painter.setPen(Theme::border());
    for (int i = 0; i <= 2; ++i) {
        const double y = std::round(plot.bottom() - plot.height() * i / 2.0) + 0.5;
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
        painter.save();
        painter.setPen(Theme::mutedText());
        painter.drawText(QRectF(0, y - fm.height() / 2.0, plot.left() - 6, fm.height()),
                         Qt::AlignRight | Qt::AlignVCenter, number(top * i / 2.0));
        painter.restore();
    }

    const int n = int(m_values.size());
    if (n > 0) {
        const double slot = plot.width() / n;
        const double gap = slot > 6 ? std::max(1.0, slot * 0.2) : (slot > 2 ? 1.0 : 0.0);
        for (int i = 0; i < n; ++i) {
            if (m_values[i] <= 0)
                continue;
            const double h = std::max(1.5, plot.height() * m_values[i] / top);
            painter.fillRect(QRectF(plot.left() + i * slot + gap / 2, plot.bottom() - h, slot - gap, h),
                             Theme::accent());
        }
        // Labels under the first, middle and last bar.
        painter.setPen(Theme::mutedText());
        const double y = plot.bottom() + 4;
        if (!m_labels.value(0).isEmpty())
            painter.drawText(QRectF(plot.left(), y, plot.width() / 3, fm.height()), Qt::AlignLeft, m_labels[0]);
        if (!m_labels.value(1).isEmpty())
            painter.drawText(QRectF(plot.left() + plot.width() / 3, y, plot.width() / 3, fm.height()),
                             Qt::AlignHCenter, m_labels[1]);
        if (!m_labels.value(2).isEmpty())
            painter.drawText(QRectF(plot.right() - plot.width() / 3, y, plot.width() / 3, fm.height()),
                             Qt::AlignRight, m_labels[2]);
    }
    if (!m_unit.isEmpty() && !m_compact) {
        painter.setPen(Theme::mutedText());
        painter.drawText(QRectF(plot.left() + 6, plot.top(), plot.width() - 12, fm.height()), Qt::AlignLeft,
                         m_unit);
    }
}

} // namespace homeport::ui
