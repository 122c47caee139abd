#include "inference_pod_chart.h"

#include "seconds_ago_axes.h"
#include "theme.h"
#include "theme_follower.h"

#include <QChart>
#include <QLineSeries>
#include <QValueAxis>

#include <cmath>

namespace homeport::ui {

namespace {

QLineSeries *makeLine(QChart *chart, const QString &name, const QColor &color)
{
    auto *line = new QLineSeries(chart);
    line->setName(name);
    QPen pen(color);
    pen.setWidthF(2.0);
    line->setPen(pen);
    line->setPointsVisible(true);
    line->setMarkerSize(4);
    chart->addSeries(line);
    return line;
}

int spanSeconds(ChartRange range)
{
    const ChartSpan span = chartSpan(range);
    return span.points * span.stepSeconds;
}

} // namespace

InferencePodChart::InferencePodChart(const QString &valueTitle, const QString &firstName, Value first,
                                     const QString &secondName, Value second, QWidget *parent)
    : QChartView(parent)
    , m_first(std::move(first))
    , m_second(std::move(second))
{
    auto *chart = new QChart;
    chart->setBackgroundRoundness(0);
    chart->setAnimationOptions(QChart::NoAnimation); // redrawn on every check
    chart->setBackgroundVisible(false);
    chart->legend()->setAlignment(Qt::AlignTop);
    m_firstLine = makeLine(chart, firstName, Theme::accent());
    if (m_second)
        m_secondLine = makeLine(chart, secondName, Theme::busy());
    else
        chart->legend()->hide();

    const SecondsAgoAxes axes = addSecondsAgoAxes(chart, font(), Sparkline::axisTitle(m_range), valueTitle,
                                                  spanSeconds(m_range), chartAxisTickCount(m_range), {m_firstLine, m_secondLine});
    m_xAxis = axes.x;
    m_yAxis = axes.y;
    chart->setMargins(QMargins(2, 2, 2, 2));
    setStyleSheet(QStringLiteral("background: transparent"));
    setMinimumHeight(170);
    setMinimumWidth(220);
    setRenderHint(QPainter::Antialiasing);
    setFrameShape(QFrame::NoFrame);
    setFocusPolicy(Qt::NoFocus); // a picture: Tab skips it
    setChart(chart);
    followThemeInChart(this);
}

int InferencePodChart::pointCount() const
{
    return int(m_firstLine->count());
}

void InferencePodChart::setHistory(const QVector<inference::PodPoint> &history, qint64 nowMs)
{
    const int step = chartSpan(m_range).stepSeconds;
    const qint64 unitMs = chartAxisUnitSeconds(m_range) * 1000LL;
    const qint64 spanMs = spanSeconds(m_range) * 1000LL;
    // Minute points sit at their minute's first second; checks at their own time.
    const qint64 newestMs = step > 1 ? nowMs - nowMs % (step * 1000LL) : nowMs;
    QList<QPointF> first;
    QList<QPointF> second;
    double peak = 0;
    for (const inference::PodPoint &p : history) {
        const qint64 agoMs = newestMs - p.atMs;
        if (agoMs >= spanMs || agoMs < 0)
            continue;
        const double x = -double(agoMs) / unitMs;
        const double a = m_first(p);
        if (std::isfinite(a)) {
            first.append(QPointF(x, a));
            peak = std::max(peak, a);
        }
        if (m_second) {
            const double b = m_second(p);
            if (std::isfinite(b)) {
                second.append(QPointF(x, b));
                peak = std::max(peak, b);
            }
        }
    }
    m_firstLine->replace(first);
    if (m_secondLine)
        m_secondLine->replace(second);
    if (m_fixedTop > 0)
        setValueAxisTop(m_yAxis, m_fixedTop);
    else if (m_wholeCounts)
        setCountAxisTop(m_yAxis, peak);
    else
        setValueAxisTop(m_yAxis, roundAxisTop(peak));
}

void InferencePodChart::setRange(ChartRange range)
{
    m_range = range;
    m_xAxis->setRange(-double(spanSeconds(range)) / chartAxisUnitSeconds(range), 0);
    m_xAxis->setTitleText(Sparkline::axisTitle(range));
    m_xAxis->setTickCount(chartAxisTickCount(range));
    m_firstLine->clear();
    if (m_secondLine)
        m_secondLine->clear();
}

double InferencePodChart::valueAxisTop() const
{
    return m_yAxis->max();
}

int InferencePodChart::valueAxisTickCount() const
{
    return m_yAxis->tickCount();
}

double InferencePodChart::axisStart() const
{
    return m_xAxis->min();
}

QString InferencePodChart::axisTitle() const
{
    return m_xAxis->titleText();
}

} // namespace homeport::ui
