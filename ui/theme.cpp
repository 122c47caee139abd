#include "theme.h"

#include <QFontDatabase>

namespace homeport::ui {

QColor Theme::stateColor(core::ServiceState state)
{
    switch (state) {
    case core::ServiceState::Running:
        return running();
    case core::ServiceState::Starting:
    case core::ServiceState::Stopping:
        return busy();
    case core::ServiceState::Failed:
        return failed();
    case core::ServiceState::Stopped:
        break;
    }
    return stopped();
}

QString Theme::stateText(core::ServiceState state)
{
    switch (state) {
    case core::ServiceState::Running:
        return tr("running");
    case core::ServiceState::Starting:
        return tr("starting");
    case core::ServiceState::Stopping:
        return tr("stopping");
    case core::ServiceState::Failed:
        return tr("failed");
    case core::ServiceState::Stopped:
        break;
    }
    return tr("stopped");
}

QString Theme::formatUptime(qint64 seconds)
{
    if (seconds < 60)
        return tr("%1 s").arg(seconds);
    if (seconds < 3600)
        return tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
    if (seconds < 86400)
        return tr("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60);
    return tr("%1 d %2 h").arg(seconds / 86400).arg((seconds % 86400) / 3600);
}

QString Theme::formatRate(double perSecond)
{
    // Whole numbers read calmer; fractions only matter below 10 requests a second.
    const int decimals = perSecond > 0 && perSecond < 10 && perSecond != int(perSecond) ? 1 : 0;
    return tr("%1 req/s").arg(QLocale().toString(perSecond, 'f', decimals));
}

QFont Theme::monospaceFont()
{
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    font.setStyleHint(QFont::Monospace);
    return font;
}

QString Theme::styleSheet()
{
    // Object names select the parts; plain widgets inside pages keep Fusion's look.
    return QStringLiteral(R"(
QWidget#sidebar { background: %1; }
QLabel#brandTitle { color: white; font-size: 16pt; font-weight: 600; }
QLabel#sidebarFooter { color: #8a94a3; font-size: 8pt; }
QListWidget#sidebarList { background: %1; border: none; color: #c9d1dc; font-size: 10.5pt; outline: 0; }
QListWidget#sidebarList::item { padding: 9px 12px; border-left: 3px solid transparent; }
QListWidget#sidebarList::item:hover { background: #273040; }
QListWidget#sidebarList::item:selected { background: #2f3a4a; color: white; border-left: 3px solid %2; }
QStackedWidget#pages, QWidget#page, QScrollArea#pageScroll, QWidget#pageScrollContents { background: %3; }
QLabel#pageTitle { font-size: 18pt; font-weight: 600; color: %4; }
QLabel#pageSubtitle, QLabel#muted { color: %5; }
QFrame[card="true"] { background: white; border: 1px solid %6; border-radius: 8px; }
QFrame[card="true"] QLabel { background: transparent; }
QLabel#cardTitle { font-size: 12.5pt; font-weight: 600; color: %4; }
QLabel#sectionTitle { font-size: 11pt; font-weight: 600; color: %4; }
QLabel#failureReason { color: %7; }
QLabel#hint { color: %5; font-size: 9pt; }
QLabel[override="false"] { color: %5; font-size: 9pt; }
QLabel[override="true"] { color: #a76b00; font-size: 9pt; }
QLabel#errorText { color: %7; }
QFrame#emptyState { background: white; border: 1px dashed #c3cbd6; border-radius: 8px; }
QFrame#emptyState QLabel { background: transparent; }
QLabel#emptyTitle { font-size: 12.5pt; font-weight: 600; color: %4; }
QPushButton { background: white; color: %4; border: 1px solid #c3cbd6; border-radius: 4px; padding: 4px 12px; min-height: 18px; }
QPushButton:hover { background: #f0f3f7; border-color: #9aa5b4; }
QPushButton:pressed { background: #e4e9f0; }
QPushButton:disabled { color: #a0a8b4; background: #f6f7f9; border-color: #e1e5ea; }
QFrame[card="true"] QPushButton { padding: 3px 9px; }
QPushButton[primary="true"] { background: %2; color: white; border: 1px solid #2f5fc4; }
QPushButton[primary="true"]:hover { background: #4a7de4; }
QPushButton[primary="true"]:pressed { background: #2f5fc4; }
QPushButton[primary="true"]:disabled { background: #a9bde8; border-color: #a9bde8; }
QStatusBar { background: white; border-top: 1px solid %6; }
QStatusBar QLabel { padding: 0 4px; }
)")
        .arg(sidebarBackground().name(), accent().name(), pageBackground().name(), text().name(),
             mutedText().name(), border().name(), failed().name());
}

} // namespace homeport::ui
