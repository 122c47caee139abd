#include "sparkline.h"

#include "seconds_ago_axes.h"
#include "theme.h"
#include "theme_follower.h"

#include <QAreaSeries>
#include <QGraphicsLayout>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace homeport::ui {

int chartAxisUnitSeconds(ChartRange range)
{
    switch (range) {
    case ChartRange::OneHour:
        return 60;
    case ChartRange::OneDay:
        return 3600;
    case ChartRange::FiveMinutes:
        break;
    }
    return 1;
}

int chartAxisTickCount(ChartRange range)
{
    return range == ChartRange::OneDay ? 9 : 7;
}

ChartSpan chartSpan(ChartRange range)
{
    switch (range) {
    case ChartRange::OneHour:
        return {60, 60};
    case ChartRange::OneDay:
        return {core::Metrics::kSeriesMinutes, 60};
    case ChartRange::FiveMinutes:
        break;
    }
    return {300, 1};
}

QVector<double> chartValues(const core::Metrics &metrics, const QString &series, ChartRange range,
                            core::Metrics::MinuteValue how)
{
    const ChartSpan span = chartSpan(range);
    return span.stepSeconds == 1 ? metrics.series(series, span.points) : metrics.minuteSeries(series, span.points, how);
}

ChartRangeBox::ChartRangeBox(QWidget *parent)
    : QComboBox(parent)
{
    setObjectName(QStringLiteral("chartRange"));
    addItem(tr("5 min"), int(ChartRange::FiveMinutes));
    addItem(tr("1 h"), int(ChartRange::OneHour));
    addItem(tr("24 h"), int(ChartRange::OneDay));
    setToolTip(tr("Time range of the chart"));
    setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(this, &QComboBox::currentIndexChanged, this, [this] { Q_EMIT rangeChanged(range()); });
}

void ChartRangeBox::setRange(ChartRange range)
{
    setCurrentIndex(findData(int(range)));
}

QString ChartRangeBox::rangeText(ChartRange range)
{
    switch (range) {
    case ChartRange::OneHour:
        return tr("last hour");
    case ChartRange::OneDay:
        return tr("last 24 hours");
    case ChartRange::FiveMinutes:
        break;
    }
    return tr("last 5 minutes");
}

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

    // The chart sits on a card: no background of its own.
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
        chart->setMargins(QMargins(4, 4, 4, 4));
        setMinimumHeight(220);
    }
    setRenderHint(QPainter::Antialiasing);
    setFrameShape(QFrame::NoFrame);
    setFocusPolicy(Qt::NoFocus); // a picture: Tab skips it
    setChart(chart);
    if (style == Style::WithAxes)
        followThemeInChart(this);
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
        const double x = double(-(n - 1 - i)) * m_stepSeconds / chartAxisUnitSeconds(m_range);
        points.append(QPointF(x, v));
        base.append(QPointF(x, 0));
        m_peak = std::max(m_peak, v);
    }
    if (points.isEmpty()) {
        // An empty area series draws nothing; a flat line at zero says "no traffic" instead.
        points = {QPointF(m_xAxis->min(), 0), QPointF(0, 0)};
        base = points;
    }
    m_line->replace(points);
    m_baseline->replace(base);

    // Round the top up to a readable number so the axis does not jitter every second.
    setValueAxisTop(m_yAxis, roundAxisTop(m_peak));
}

void Sparkline::setRange(ChartRange range)
{
    const ChartSpan span = chartSpan(range);
    m_range = range;
    m_seconds = span.points;
    m_stepSeconds = span.stepSeconds;
    const int unit = chartAxisUnitSeconds(range);
    m_xAxis->setRange(-double(m_seconds) * m_stepSeconds / unit, 0);
    if (m_style == Style::WithAxes) {
        m_xAxis->setTitleText(axisTitle(range));
        m_xAxis->setTickCount(chartAxisTickCount(range));
    }
    setValues({});
}

QString Sparkline::axisTitle(ChartRange range)
{
    switch (range) {
    case ChartRange::OneHour:
        return tr("minutes ago");
    case ChartRange::OneDay:
        return tr("hours ago");
    case ChartRange::FiveMinutes:
        break;
    }
    return tr("seconds ago");
}

void Sparkline::setValueTitle(const QString &title)
{
    if (m_yAxis)
        m_yAxis->setTitleText(title);
}

} // namespace homeport::ui
