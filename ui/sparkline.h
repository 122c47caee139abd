#pragma once
// Sparkline: a service's requests per second over the last minutes, as a QtCharts area chart.
// Compact on the Overview cards (no axes, no margins); with axes on a service's own page.
// Thread affinity: the GUI thread. Fed with copies from Metrics::series(), never reads Metrics.

#include "core/metrics.h"

#include <QChartView>
#include <QComboBox>
#include <QVector>

class QAreaSeries;
class QLineSeries;
class QValueAxis;

namespace homeport::ui {

// The time ranges every dashboard chart offers: 5 minutes at one point per second, 1 hour and
// 24 hours at one point per minute (from Metrics' minute series).
enum class ChartRange { FiveMinutes, OneHour, OneDay };

struct ChartSpan {
    int points;
    int stepSeconds;
};
ChartSpan chartSpan(ChartRange range);
// The unit the x axis counts back in: seconds (5 min), minutes (1 h) or hours (24 h).
int chartAxisUnitSeconds(ChartRange range);
// Ticks along the x axis: every 50 s, 10 min or 3 h.
int chartAxisTickCount(ChartRange range);
// A series for one range: per second for 5 minutes; per minute (mean rate or peak) beyond.
QVector<double> chartValues(const core::Metrics &metrics, const QString &series, ChartRange range,
                            core::Metrics::MinuteValue how = core::Metrics::MinuteValue::MeanPerSecond);

// The range picker shown in a chart card's header (object name "chartRange").
class ChartRangeBox : public QComboBox
{
    Q_OBJECT
public:
    explicit ChartRangeBox(QWidget *parent = nullptr);
    ChartRange range() const { return ChartRange(currentData().toInt()); }
    void setRange(ChartRange range);
    // "last 5 minutes", "last hour", "last 24 hours", for chart titles.
    static QString rangeText(ChartRange range);

Q_SIGNALS:
    void rangeChanged(homeport::ui::ChartRange range);
};

class Sparkline : public QChartView
{
    Q_OBJECT
public:
    enum class Style { Compact, WithAxes };

    explicit Sparkline(int seconds, Style style = Style::Compact, QWidget *parent = nullptr);

    // Points oldest first, one per step (a second unless setRange chose minutes); the last one is
    // the current (partial) step.
    void setValues(const QVector<double> &values);
    // The x axis spans the range's points and counts back in seconds, minutes or hours.
    void setRange(ChartRange range);
    ChartRange range() const { return m_range; }
    // "seconds ago", "minutes ago" or "hours ago": the x axis title of every range-aware chart.
    static QString axisTitle(ChartRange range);
    // The value axis' title (WithAxes); "requests / s" unless set.
    void setValueTitle(const QString &title);
    int seconds() const { return m_seconds * m_stepSeconds; }
    int pointCount() const;
    double peak() const { return m_peak; }

private:
    int m_seconds;          // points shown (seconds when the step is one second)
    int m_stepSeconds = 1;
    ChartRange m_range = ChartRange::FiveMinutes;
    Style m_style;
    QLineSeries *m_line = nullptr;
    QLineSeries *m_baseline = nullptr;
    QAreaSeries *m_area = nullptr;
    QValueAxis *m_xAxis = nullptr;
    QValueAxis *m_yAxis = nullptr;
    double m_peak = 0;
};

} // namespace homeport::ui
