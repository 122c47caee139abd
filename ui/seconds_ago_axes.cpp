#include "seconds_ago_axes.h"

#include "theme.h"

#include <QChart>
#include <QFont>
#include <QLegend>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace homeport::ui {

SecondsAgoAxes addSecondsAgoAxes(QChart *chart, const QFont &baseFont, const QString &xTitle, const QString &yTitle,
                                 int seconds, int xTickCount, const QList<QLineSeries *> &series)
{
    SecondsAgoAxes axes{new QValueAxis(chart), new QValueAxis(chart)};
    axes.x->setRange(-seconds, 0);
    axes.y->setRange(0, 1);
    axes.x->setTitleText(xTitle);
    axes.y->setTitleText(yTitle);
    axes.x->setLabelFormat(QStringLiteral("%.0f"));
    axes.y->setLabelFormat(QStringLiteral("%.1f"));
    axes.x->setTickCount(xTickCount);
    axes.y->setTickCount(5);
    QFont small = baseFont;
    small.setPointSizeF(small.pointSizeF() * 0.85);
    for (QValueAxis *axis : {axes.x, axes.y}) {
        axis->setLabelsFont(small);
        axis->setTitleFont(small);
        axis->setGridLineColor(Theme::border());
    }
    chart->legend()->setFont(small);
    chart->addAxis(axes.x, Qt::AlignBottom);
    chart->addAxis(axes.y, Qt::AlignLeft);
    for (QLineSeries *s : series) {
        if (!s)
            continue;
        s->attachAxis(axes.x);
        s->attachAxis(axes.y);
    }
    return axes;
}

double roundAxisTop(double peak)
{
    if (peak <= 0)
        return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(peak * 1.15)));
    return std::max(1.0, std::ceil(peak * 1.15 / magnitude) * magnitude);
}

void setValueAxisTop(QValueAxis *axis, double top)
{
    // The leading digit decides how many intervals divide the axis into round steps: 1 -> five
    // of 0.2, 2 -> four of 0.5, 3 -> three of 1, ... 9 -> three of 3 (times the power of ten).
    static constexpr int kIntervals[] = {5, 5, 4, 3, 4, 5, 3, 7, 4, 3};
    const double magnitude = std::pow(10.0, std::floor(std::log10(top) + 1e-9));
    const int digit = std::clamp(int(std::lround(top / magnitude)), 1, 9);
    const int intervals = kIntervals[digit];
    if (qFuzzyCompare(axis->max(), top) && axis->tickCount() == intervals + 1)
        return;
    const double step = top / intervals;
    axis->setRange(0, top);
    axis->setTickCount(intervals + 1);
    axis->setLabelFormat(step < 1 ? QStringLiteral("%.1f") : QStringLiteral("%.0f"));
}

void setCountAxisTop(QValueAxis *axis, double peak)
{
    constexpr int kMaxIntervals = 3;
    const double wanted = std::max(1.0, std::ceil(peak * 1.15)); // 15 % of room, as roundAxisTop()
    double step = 1;
    for (int i = 0; std::ceil(wanted / step) > kMaxIntervals; ++i)
        step *= i % 3 == 1 ? 2.5 : 2.0; // 1, 2, 5, 10, 20, 50 ...
    const int intervals = int(std::ceil(wanted / step));
    const double top = intervals * step;
    if (qFuzzyCompare(axis->max(), top) && axis->tickCount() == intervals + 1)
        return;
    axis->setRange(0, top);
    axis->setTickCount(intervals + 1);
    axis->setLabelFormat(QStringLiteral("%.0f"));
}

} // namespace homeport::ui
