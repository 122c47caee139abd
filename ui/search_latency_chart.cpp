#include "search_latency_chart.h"

#include "seconds_ago_axes.h"
#include "theme.h"
#include "theme_follower.h"

#include <QLegend>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace homeport::ui {

SearchLatencyChart::SearchLatencyChart(int seconds, QWidget *parent)
    : QChartView(parent)
    , m_seconds(std::max(2, seconds))
{
    auto *chart = new QChart;
    chart->setBackgroundRoundness(0);
    chart->setAnimationOptions(QChart::NoAnimation); // redrawn every second
    chart->setBackgroundVisible(false);
    chart->legend()->setAlignment(Qt::AlignTop);

    m_p50 = new QLineSeries(chart);
    m_p50->setName(tr("p50"));
    QPen p50Pen(Theme::accent());
    p50Pen.setWidthF(2.0);
    m_p50->setPen(p50Pen);
    m_p99 = new QLineSeries(chart);
    m_p99->setName(tr("p99"));
    QPen p99Pen(Theme::busy());
    p99Pen.setWidthF(1.6);
    m_p99->setPen(p99Pen);
    // Points as well as lines: a lone busy second between idle ones is still seen.
    for (QLineSeries *s : {m_p50, m_p99}) {
        s->setPointsVisible(true);
        s->setMarkerSize(4);
        chart->addSeries(s);
    }

    const SecondsAgoAxes axes = addSecondsAgoAxes(chart, font(), Sparkline::axisTitle(ChartRange::FiveMinutes), tr("latency, ms"),
                                                  m_seconds, chartAxisTickCount(ChartRange::FiveMinutes), {m_p50, m_p99});
    m_xAxis = axes.x;
    m_yAxis = axes.y;
    chart->setMargins(QMargins(4, 4, 4, 4));
    setStyleSheet(QStringLiteral("background: transparent"));
    setMinimumHeight(220);
    setRenderHint(QPainter::Antialiasing);
    setFrameShape(QFrame::NoFrame);
    setFocusPolicy(Qt::NoFocus); // a picture: Tab skips it
    setChart(chart);
    followThemeInChart(this);
}

int SearchLatencyChart::p50PointCount() const
{
    return int(m_p50->count());
}

int SearchLatencyChart::p99PointCount() const
{
    return int(m_p99->count());
}

void SearchLatencyChart::setPoints(const QVector<search::LatencyPoint> &points, qint64 now)
{
    QList<QPointF> p50;
    QList<QPointF> p99;
    m_peakMs = 0;
    const int step = chartSpan(m_range).stepSeconds;
    const int unit = chartAxisUnitSeconds(m_range);
    const qint64 newestStep = now - now % step; // minute points sit at their minute's first second
    for (const search::LatencyPoint &p : points) {
        const qint64 ago = newestStep - p.second;
        if (p.requests == 0 || ago >= m_seconds || ago < 0)
            continue;
        const double x = -double(ago) / unit;
        p50.append(QPointF(x, p.p50Ms));
        p99.append(QPointF(x, p.p99Ms));
        m_peakMs = std::max({m_peakMs, p.p50Ms, p.p99Ms});
    }
    m_p50->replace(p50);
    m_p99->replace(p99);
    setValueAxisTop(m_yAxis, roundAxisTop(m_peakMs));
}

void SearchLatencyChart::setRange(ChartRange range)
{
    const ChartSpan span = chartSpan(range);
    m_range = range;
    m_seconds = span.points * span.stepSeconds;
    m_xAxis->setRange(-double(m_seconds) / chartAxisUnitSeconds(range), 0);
    m_xAxis->setTitleText(Sparkline::axisTitle(range));
    m_xAxis->setTickCount(chartAxisTickCount(range));
    m_p50->clear();
    m_p99->clear();
}

} // namespace homeport::ui
