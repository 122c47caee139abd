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

    const SecondsAgoAxes axes = addSecondsAgoAxes(chart, font(), tr("seconds ago"), valueTitle, 30, 6, {m_firstLine, m_secondLine});
    m_xAxis = axes.x;
    m_yAxis = axes.y;
    chart->setMargins(QMargins(2, 2, 2, 2));
    setStyleSheet(QStringLiteral("background: transparent"));
    setMinimumHeight(190);
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
    // Seconds while the history is short (a pod just added), minutes once it is longer.
    const qint64 spanMs = history.isEmpty() ? 0 : nowMs - history.first().atMs;
    const bool inMinutes = spanMs > 120'000;
    const double unitMs = inMinutes ? 60'000.0 : 1000.0;
    QList<QPointF> first;
    QList<QPointF> second;
    double peak = 0;
    for (const inference::PodPoint &p : history) {
        const double x = double(p.atMs - nowMs) / unitMs;
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
    // The axis ends at now and starts at a round number before the oldest point.
    const double span = double(spanMs) / unitMs;
    const double left = inMinutes ? -std::max(10.0, std::ceil(span / 5) * 5) : -std::max(30.0, std::ceil(span / 10) * 10);
    if (!qFuzzyCompare(m_xAxis->min(), left)) {
        m_xAxis->setRange(left, 0);
        m_xAxis->setTitleText(inMinutes ? tr("minutes ago") : tr("seconds ago"));
    }
    setValueAxisTop(m_yAxis, m_fixedTop > 0 ? m_fixedTop : roundAxisTop(peak));
}

} // namespace homeport::ui
