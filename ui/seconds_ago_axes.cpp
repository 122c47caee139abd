#include "seconds_ago_axes.h"

#include "theme.h"

#include <QChart>
#include <QFont>
#include <QLegend>
#include <QLineSeries>
#include <QValueAxis>

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

} // namespace homeport::ui
