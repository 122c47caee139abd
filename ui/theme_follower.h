#pragma once
// Theme followers: widgets that take the theme's colours outside the main window's style sheet (a
// label's own style sheet, a page background, a chart's axes, rendered HTML) read them when they
// are built, and the theme can change while they live (Settings applies light or dark at once).
// followTheme() runs a widget's "take the colours" step again whenever the widget sees
// QEvent::PaletteChange, ApplicationPaletteChange, StyleChange or ThemeChange, so nothing keeps the
// colours of the theme it was built in. The one helper every page uses; no page keeps its own.
// Thread affinity: the GUI thread.

#include <QString>

#include <functional>

class QChartView;
class QWidget;

namespace homeport::ui {

// Calls `apply` now and again after every palette, style or theme change `widget` sees (never
// from inside itself). The follower lives as long as `widget`.
void followTheme(QWidget *widget, std::function<void()> apply);

// `widget`'s own style sheet, built by `sheet` from the current theme and rebuilt on a change.
// A second call replaces the first one's builder (one themed style sheet per widget).
void setThemedStyleSheet(QWidget *widget, std::function<QString()> sheet);

// The common case: text in the theme's muted colour, with `extraCss` (e.g. "font-size: 9pt").
void setMutedText(QWidget *widget, const QString &extraCss = {});

// The chart in `view` takes the theme's axis, grid, legend and title colours (Theme::styleChart)
// now and after every change. Call it once the view has its chart.
void followThemeInChart(QChartView *view);

} // namespace homeport::ui
