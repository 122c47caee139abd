#include "sparkline.h"

#include "theme.h"

#include <QAreaSeries>
#include <QGraphicsLayout>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace homeport::ui {

Sparkline::Sparkline(int seconds, Style style, QWidget *parent)
    : QChartView(parent)
    , m_seconds(std::max(2, seconds))
    , m_style(style)
{
    auto *chart = new QChart;
    chart->legend()->hide();
    chart->setBackgroundRoundness(0);
    // Animations would replay on every one-second refresh; the chart must simply be current.
    chart->setAnimationOptions(QChart::NoAnimation);

    m_line = new QLineSeries(chart);
    m_baseline = new QLineSeries(chart);
    m_area = new QAreaSeries(m_line, m_baseline);
    QColor fill = Theme::accent();
    fill.setAlpha(50);
    m_area->setBrush(fill);
    QPen pen(Theme::accent());
    pen.setWidthF(style == Style::Compact ? 1.5 : 2.0);
    m_area->setPen(pen);
    chart->addSeries(m_area);

    m_xAxis = new QValueAxis(chart);
    m_yAxis = new QValueAxis(chart);
    // x runs from "N seconds ago" to "now" so the axis reads naturally on the service pages.
    m_xAxis->setRange(-m_seconds, 0); // round numbers on the axis: -300, -250, ... 0
    m_yAxis->setRange(0, 1);
    chart->addAxis(m_xAxis, Qt::AlignBottom);
    chart->addAxis(m_yAxis, Qt::AlignLeft);
    m_area->attachAxis(m_xAxis);
    m_area->attachAxis(m_yAxis);

    // The chart sits on a white card: no background of its own.
    chart->setBackgroundVisible(false);
    setStyleSheet(QStringLiteral("background: transparent"));
    if (style == Style::Compact) {
        m_xAxis->setVisible(false);
        m_yAxis->setVisible(false);
        chart->setMargins(QMargins(0, 0, 0, 0));
        chart->layout()->setContentsMargins(0, 0, 0, 0);
        chart->setPlotAreaBackgroundVisible(false);
        setMinimumHeight(48);
    } else {
        m_xAxis->setTitleText(tr("seconds ago"));
        m_yAxis->setTitleText(tr("requests / s"));
        m_xAxis->setLabelFormat(QStringLiteral("%.0f"));
        m_yAxis->setLabelFormat(QStringLiteral("%.1f"));
        m_xAxis->setTickCount(7);
        m_yAxis->setTickCount(5);
        QFont small = font();
        small.setPointSizeF(small.pointSizeF() * 0.85);
        m_xAxis->setLabelsFont(small);
        m_yAxis->setLabelsFont(small);
        m_xAxis->setTitleFont(small);
        m_yAxis->setTitleFont(small);
        m_xAxis->setGridLineColor(Theme::border());
        m_yAxis->setGridLineColor(Theme::border());
        chart->setMargins(QMargins(4, 4, 4, 4));
        setMinimumHeight(220);
    }
    setRenderHint(QPainter::Antialiasing);
    setFrameShape(QFrame::NoFrame);
    setChart(chart);
    setValues({});
}

int Sparkline::pointCount() const
{
    return int(m_line->count());
}

void Sparkline::setValues(const QVector<double> &values)
{
    // Right-align the data: the newest point always sits at x = 0 ("now").
    const int n = std::min<int>(int(values.size()), m_seconds);
    const int offset = int(values.size()) - n;
    QList<QPointF> points;
    QList<QPointF> base;
    points.reserve(n);
    base.reserve(n);
    m_peak = 0;
    for (int i = 0; i < n; ++i) {
        const double v = values[offset + i];
        const double x = -(n - 1 - i);
        points.append(QPointF(x, v));
        base.append(QPointF(x, 0));
        m_peak = std::max(m_peak, v);
    }
    if (points.isEmpty()) {
        // An empty area series draws nothing; a flat line at zero says "no traffic" instead.
        points = {QPointF(-m_seconds, 0), QPointF(0, 0)};
        base = points;
    }
    m_line->replace(points);
    m_baseline->replace(base);

    // Round the top up to a readable number so the axis does not jitter every second.
    double top = 1;
    if (m_peak > 0) {
        const double magnitude = std::pow(10.0, std::floor(std::log10(m_peak * 1.15)));
        top = std::ceil(m_peak * 1.15 / magnitude) * magnitude;
        top = std::max(top, 1.0);
    }
    if (!qFuzzyCompare(m_yAxis->max(), top)) {
        m_yAxis->setRange(0, top);
        // Fractions only help on a small scale; above it they are noise.
        if (m_style == Style::WithAxes)
            m_yAxis->setLabelFormat(top < 4 ? QStringLiteral("%.1f") : QStringLiteral("%.0f"));
    }
}

void Sparkline::setValueTitle(const QString &title)
{
    if (m_yAxis)
        m_yAxis->setTitleText(title);
}

} // namespace homeport::ui
