#pragma once
// SearchLatencyChart: the search port's p50 and p99 latency over one of the dashboards' time ranges
// (per second over 5 minutes, per minute over 1 or 24 hours), as two QtCharts lines on the axes the
// other service pages use ("seconds/minutes/hours ago" to now). Seconds or minutes without a
// request leave a gap rather than drawing a false zero.
// Thread affinity: the GUI thread. Fed with SearchSnapshot::latency copies.

#include "search/search_monitor.h"
#include "sparkline.h"

#include <QChartView>

class QLineSeries;
class QValueAxis;

namespace homeport::ui {

class SearchLatencyChart : public QChartView
{
    Q_OBJECT
public:
    explicit SearchLatencyChart(int seconds, QWidget *parent = nullptr);

    // Points oldest first (seconds, or minutes for the 1 h and 24 h ranges); `now` is the newest
    // second the x axis ends at.
    void setPoints(const QVector<search::LatencyPoint> &points, qint64 now);
    // The span and the x axis' unit of `range`; the points given next must be of its step.
    void setRange(ChartRange range);
    ChartRange range() const { return m_range; }
    int seconds() const { return m_seconds; }
    // Points drawn in the p50 and p99 lines (seconds with requests).
    int p50PointCount() const;
    int p99PointCount() const;
    double peakMs() const { return m_peakMs; }
    // Modest, so the Overview tab (tiles, chart, Connect) fits the window; the layout stretches it.
    QSize sizeHint() const override { return {480, 170}; }

private:
    int m_seconds;             // the span shown
    ChartRange m_range = ChartRange::FiveMinutes;
    QLineSeries *m_p50;
    QLineSeries *m_p99;
    QValueAxis *m_xAxis;
    QValueAxis *m_yAxis;
    double m_peakMs = 0;
};

} // namespace homeport::ui
