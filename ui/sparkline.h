#pragma once
// Sparkline: a service's requests per second over the last minutes, as a QtCharts area chart.
// Compact on the Overview cards (no axes, no margins); with axes on a service's own page.
// Thread affinity: the GUI thread. Fed with copies from Metrics::series(), never reads Metrics.

#include <QChartView>
#include <QVector>

class QAreaSeries;
class QLineSeries;
class QValueAxis;

namespace homeport::ui {

class Sparkline : public QChartView
{
    Q_OBJECT
public:
    enum class Style { Compact, WithAxes };

    explicit Sparkline(int seconds, Style style = Style::Compact, QWidget *parent = nullptr);

    // Points oldest first, one per second; the last one is the current (partial) second.
    void setValues(const QVector<double> &values);
    // The value axis' title (WithAxes); "requests / s" unless set.
    void setValueTitle(const QString &title);
    int seconds() const { return m_seconds; }
    int pointCount() const;
    double peak() const { return m_peak; }

private:
    int m_seconds;
    Style m_style;
    QLineSeries *m_line = nullptr;
    QLineSeries *m_baseline = nullptr;
    QAreaSeries *m_area = nullptr;
    QValueAxis *m_xAxis = nullptr;
    QValueAxis *m_yAxis = nullptr;
    double m_peak = 0;
};

} // namespace homeport::ui
