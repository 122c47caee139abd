#pragma once
// InferencePodChart: one pod's numbers over time (tokens per second, KV-cache %, or requests
// running and waiting), one or two QtCharts lines on the axes the other pages use, with x in
// seconds ago while the history is short and in minutes ago after two minutes. Checks that did not give a value leave a gap rather than a false zero.
// Thread affinity: the GUI thread. Fed with PodStatus::history copies.

#include "inference/inference_monitor.h"

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

    void setHistory(const QVector<inference::PodPoint> &history, qint64 nowMs);
    // Points drawn in the first line.
    int pointCount() const;
    void setFixedTop(double top) { m_fixedTop = top; }
    QSize sizeHint() const override { return {320, 190}; }

private:
    Value m_first;
    Value m_second;
    QLineSeries *m_firstLine;
    QLineSeries *m_secondLine = nullptr;
    QValueAxis *m_xAxis;
    QValueAxis *m_yAxis;
    double m_fixedTop = 0;
};

} // namespace homeport::ui
