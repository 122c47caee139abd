#pragma once
// InferencePodChart: one pod's numbers over one of the dashboards' time ranges (tokens per second,
// KV-cache %, or requests running and waiting): every check over 5 minutes, per minute over 1 or
// 24 hours, as one or two QtCharts lines on the axes the other pages use ("seconds/minutes/hours
// ago" to now). Checks or minutes without a value leave a gap rather than a false zero.
// Thread affinity: the GUI thread. Fed with PodStatus::history (5 min) or ::minutes copies.

#include "inference/inference_monitor.h"
#include "sparkline.h"

#include <QChartView>

#include <functional>

class QLineSeries;
class QValueAxis;

namespace homeport::ui {

class InferencePodChart : public QChartView
{
    Q_OBJECT
public:
    using Value = std::function<double(const inference::PodPoint &)>;

    // `first` (and `second`, when given) read a point's value; NaN means no value.
    InferencePodChart(const QString &valueTitle, const QString &firstName, Value first, const QString &secondName = {},
                      Value second = {}, QWidget *parent = nullptr);

    // Points oldest first: checks for the 5 minute range, minutes for the 1 h and 24 h ranges.
    void setHistory(const QVector<inference::PodPoint> &history, qint64 nowMs);
    // The span and the x axis' unit of `range`; the points given next must be of its step.
    void setRange(ChartRange range);
    ChartRange range() const { return m_range; }
    // Where the x axis starts, in its unit (-300 s, -60 min, -24 h), and its title.
    double axisStart() const;
    QString axisTitle() const;
    // Points drawn in the first line.
    int pointCount() const;
    void setFixedTop(double top) { m_fixedTop = top; }
    // The values are whole counts: the value axis ticks on whole numbers (setCountAxisTop()).
    void setWholeCounts(bool counts) { m_wholeCounts = counts; }
    // The value axis' top and its ticks, as drawn.
    double valueAxisTop() const;
    int valueAxisTickCount() const;
    QSize sizeHint() const override { return {320, 170}; }

private:
    Value m_first;
    Value m_second;
    QLineSeries *m_firstLine;
    QLineSeries *m_secondLine = nullptr;
    QValueAxis *m_xAxis;
    QValueAxis *m_yAxis;
    double m_fixedTop = 0;
    bool m_wholeCounts = false;
    ChartRange m_range = ChartRange::FiveMinutes;
};

} // namespace homeport::ui
