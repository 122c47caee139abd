#pragma once
// Theme: the console's palette, fonts and the words and colours of service states, kept in one
// place so every page draws a state the same way.
// Thread affinity: the GUI thread (fonts and palettes are GUI objects).

#include "core/service.h"

#include <QColor>
#include <QCoreApplication>
#include <QFont>
#include <QString>

namespace homeport::ui {

class Theme
{
    Q_DECLARE_TR_FUNCTIONS(homeport::ui::Theme)
public:
    // Palette. The sidebar is dark so the pages (light) read as the working area.
    static QColor accent() { return QColor(0x3b, 0x6f, 0xd8); }
    static QColor pageBackground() { return QColor(0xf4, 0xf6, 0xf9); }
    static QColor cardBackground() { return QColor(Qt::white); }
    static QColor border() { return QColor(0xdd, 0xe2, 0xe8); }
    static QColor text() { return QColor(0x1f, 0x29, 0x33); }
    static QColor mutedText() { return QColor(0x5f, 0x6b, 0x7a); }
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

    static QFont monospaceFont();
    // The style sheet MainWindow applies to itself (not to the whole application, so dialogs of
    // other components keep the platform look).
    static QString styleSheet();
};

} // namespace homeport::ui
