#pragma once
// The axes of the console's small live line charts: "seconds ago" along the bottom (from
// -seconds to 0), a value from 0 up the left, both in a smaller font with the theme's grid colour.
// The titles come from the caller so they stay translated in the chart's own context.
// Thread affinity: the GUI thread.

#include <QList>

class QChart;
class QFont;
class QLineSeries;
class QString;
class QValueAxis;

namespace homeport::ui {

struct SecondsAgoAxes {
    QValueAxis *x;
    QValueAxis *y;
};

// Adds both axes to `chart` and attaches `series` (null entries skipped); the legend takes the
// axes' font, which is `baseFont` at 85 %.
SecondsAgoAxes addSecondsAgoAxes(QChart *chart, const QFont &baseFont, const QString &xTitle, const QString &yTitle,
                                 int seconds, int xTickCount, const QList<QLineSeries *> &series);

// The top of a value axis for `peak`: 15 % of room, rounded up to 1, 2, ... 9 times a power of
// ten (at least 1), so the axis does not jitter every second.
double roundAxisTop(double peak);
// Sets `axis` to 0 .. `top` (a roundAxisTop() value) with ticks on round steps (0.2, 0.5, 1, 2,
// 5 ... times a power of ten) and labels with as many decimals as the step needs, so no label
// is a rounded 0.25; does nothing when the axis is set so already.
void setValueAxisTop(QValueAxis *axis, double top);
// Sets `axis` to 0 .. a top over `peak` for whole counts (requests running, waiting): whole steps
// of 1, 2, 5, 10 ... with at most three intervals, so a chart made short by its legend still has
// room for every label (with more, the chart drops labels that would touch: 0, 2, 3, 5).
void setCountAxisTop(QValueAxis *axis, double peak);

} // namespace homeport::ui
