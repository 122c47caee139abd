#pragma once
// Theme: the console's palette, fonts and the words and colours of service states, kept in one
// place so every page draws a state the same way. Three modes: System follows the platform's
// palette (light or dark, whatever the desktop uses), Light and Dark set the application palette
// so plain widgets follow too. Chosen on the Settings page ([console] theme in homeport.ini).
// Thread affinity: the GUI thread (fonts and palettes are GUI objects).

#include "core/service.h"

#include <QColor>
#include <QCoreApplication>
#include <QFont>
#include <QString>

class QChart;

namespace homeport::ui {

class Theme
{
    Q_DECLARE_TR_FUNCTIONS(homeport::ui::Theme)
public:
    enum class Mode { System, Light, Dark };
    // "system", "light", "dark"; anything else reads as System.
    static Mode modeFromName(const QString &name);
    static QString modeName(Mode mode);
    // Sets the mode and the application palette (QApplication must exist). System mode leaves
    // the palette to the platform, read afresh whenever it is asked for.
    static void apply(Mode mode);
    // In System mode: takes the platform's palette as it is now (the desktop may have switched
    // between light and dark since). The main window calls it on QEvent::ThemeChange, which
    // the platform sends on such a switch; Light and Dark keep their own palette.
    static void followPlatform();
    static Mode mode();
    // Whether the pages are drawn dark now (Dark, or System on a dark desktop).
    static bool isDark();
    // Axis labels, titles and grid lines of a chart in the current colours (charts do not follow
    // the palette by themselves).
    static void styleChart(QChart *chart);

    // Palette. The sidebar is dark so the pages read as the working area in either mode.
    static QColor accent() { return QColor(0x3b, 0x6f, 0xd8); }
    static QColor pageBackground();
    static QColor cardBackground();
    static QColor border();
    static QColor text();
    static QColor mutedText();
    static QColor sidebarBackground() { return QColor(0x1e, 0x25, 0x30); }
    static QColor running() { return QColor(0x2e, 0x9d, 0x5b); }
    static QColor busy() { return QColor(0xd9, 0x9a, 0x1e); }
    static QColor stopped() { return QColor(0x8a, 0x94, 0xa3); }
    static QColor failed() { return QColor(0xd6, 0x45, 0x45); }

    static QColor stateColor(core::ServiceState state);
    // Translated, lower-case like the protocol's own words: "running", "failed", ...
    static QString stateText(core::ServiceState state);
    // "3 h 12 min", "45 s": compact enough for a card.
    static QString formatUptime(qint64 seconds);
    // "4.2 req/s", "0 req/s".
    static QString formatRate(double perSecond);

    // The console's icon `name` ("homeport", "search", "tray-healthy", ...) from the resources:
    // the SVG, drawn sharp at any device pixel ratio, when Qt's SVG plugin is there (libqt6svg6,
    // a dependency of the package), else the PNG rendered from it.
    static QString iconPath(const QString &name);

    static QFont monospaceFont();
    // The style sheet MainWindow applies to itself (not to the whole application, so dialogs of
    // other components keep the platform look).
    static QString styleSheet();
};

} // namespace homeport::ui
