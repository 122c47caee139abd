#include "theme.h"

#include <QAbstractAxis>
#include <QApplication>
#include <QChart>
#include <QFontDatabase>
#include <QImageReader>
#include <QLegend>
#include <QPalette>

namespace homeport::ui {

namespace {

struct Colors {
    QColor page, card, border, text, muted;
    QColor button, buttonBorder, buttonHover, buttonPressed;
    QColor disabledText, disabledBackground, disabledBorder;
    QColor bannerBackground, bannerBorder, bannerText;
};

Theme::Mode g_mode = Theme::Mode::System;

Colors lightColors()
{
    return {QColor(0xf4, 0xf6, 0xf9), QColor(Qt::white), QColor(0xdd, 0xe2, 0xe8), QColor(0x1f, 0x29, 0x33),
            QColor(0x5f, 0x6b, 0x7a), QColor(Qt::white), QColor(0xc3, 0xcb, 0xd6), QColor(0xf0, 0xf3, 0xf7),
            QColor(0xe4, 0xe9, 0xf0), QColor(0xa0, 0xa8, 0xb4), QColor(0xf6, 0xf7, 0xf9), QColor(0xe1, 0xe5, 0xea),
            QColor(0xff, 0xf7, 0xe6), QColor(0xf0, 0xd9, 0xa8), QColor(0x7a, 0x53, 0x00)};
}

Colors darkColors()
{
    return {QColor(0x16, 0x1b, 0x22), QColor(0x1f, 0x26, 0x30), QColor(0x33, 0x3c, 0x48), QColor(0xe6, 0xe9, 0xee),
            QColor(0x9a, 0xa5, 0xb4), QColor(0x26, 0x2e, 0x39), QColor(0x3d, 0x47, 0x56), QColor(0x2d, 0x36, 0x43),
            QColor(0x34, 0x3e, 0x4c), QColor(0x6b, 0x75, 0x85), QColor(0x1c, 0x22, 0x2b), QColor(0x2a, 0x31, 0x3c),
            QColor(0x3a, 0x2f, 0x14), QColor(0x6b, 0x55, 0x22), QColor(0xf2, 0xd4, 0x8f)};
}

// In System mode the application palette is Qt's own (no role set by us), which Qt resolves from
// the platform theme and re-resolves when the desktop changes; so it is read here each time,
// never remembered (a desktop switched to dark while Homeport runs must be seen).
QPalette platformPalette()
{
    return QGuiApplication::palette();
}

bool paletteIsDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

// A colour with alpha (Qt's default PlaceholderText is the text at half alpha) as it shows over
// `background`: style sheets and chart axes take a colour's name, which drops the alpha, so
// half-alpha black would read as plain black.
QColor over(const QColor &color, const QColor &background)
{
    const double a = color.alphaF();
    if (a >= 1.0)
        return color;
    return QColor::fromRgbF(float(color.redF() * a + background.redF() * (1 - a)),
                            float(color.greenF() * a + background.greenF() * (1 - a)),
                            float(color.blueF() * a + background.blueF() * (1 - a)));
}

// System mode takes the desktop's own colours for the surfaces and text, so the console sits
// in the platform's look; the state colours stay ours.
Colors systemColors()
{
    const QPalette p = platformPalette();
    Colors c = paletteIsDark(p) ? darkColors() : lightColors();
    c.page = p.color(QPalette::Window);
    c.card = p.color(QPalette::Base);
    c.text = p.color(QPalette::WindowText);
    c.muted = over(p.color(QPalette::PlaceholderText), c.page);
    c.button = p.color(QPalette::Button);
    c.border = paletteIsDark(p) ? c.page.lighter(150) : c.page.darker(112);
    c.buttonBorder = paletteIsDark(p) ? c.button.lighter(160) : c.button.darker(125);
    c.buttonHover = paletteIsDark(p) ? c.button.lighter(115) : c.button.darker(104);
    c.buttonPressed = paletteIsDark(p) ? c.button.lighter(130) : c.button.darker(110);
    c.disabledText = over(p.color(QPalette::Disabled, QPalette::ButtonText), c.button);
    return c;
}

Colors currentColors()
{
    switch (g_mode) {
    case Theme::Mode::Light:
        return lightColors();
    case Theme::Mode::Dark:
        return darkColors();
    case Theme::Mode::System:
        break;
    }
    return systemColors();
}

QPalette paletteFor(const Colors &c, bool dark)
{
    QPalette p;
    p.setColor(QPalette::Window, c.page);
    p.setColor(QPalette::WindowText, c.text);
    p.setColor(QPalette::Base, c.card);
    p.setColor(QPalette::AlternateBase, dark ? c.card.lighter(112) : QColor(0xf7, 0xf9, 0xfb));
    p.setColor(QPalette::Text, c.text);
    p.setColor(QPalette::PlaceholderText, c.muted);
    p.setColor(QPalette::Button, c.button);
    p.setColor(QPalette::ButtonText, c.text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::ToolTipBase, c.card);
    p.setColor(QPalette::ToolTipText, c.text);
    p.setColor(QPalette::Highlight, Theme::accent());
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, dark ? Theme::accent().lighter(140) : Theme::accent());
    p.setColor(QPalette::Light, dark ? c.button.lighter(140) : Qt::white);
    p.setColor(QPalette::Midlight, dark ? c.button.lighter(120) : c.border);
    p.setColor(QPalette::Mid, c.buttonBorder);
    p.setColor(QPalette::Dark, dark ? c.page.darker(130) : c.buttonBorder.darker(120));
    p.setColor(QPalette::Shadow, Qt::black);
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, c.disabledText);
    return p;
}

} // namespace

Theme::Mode Theme::modeFromName(const QString &name)
{
    if (name == QLatin1String("light"))
        return Mode::Light;
    if (name == QLatin1String("dark"))
        return Mode::Dark;
    return Mode::System;
}

QString Theme::modeName(Mode mode)
{
    switch (mode) {
    case Mode::Light:
        return QStringLiteral("light");
    case Mode::Dark:
        return QStringLiteral("dark");
    case Mode::System:
        break;
    }
    return QStringLiteral("system");
}

void Theme::apply(Mode mode)
{
    g_mode = mode;
    if (!qobject_cast<QApplication *>(QCoreApplication::instance()))
        return;
    if (mode == Mode::System)
        followPlatform();
    else
        QApplication::setPalette(paletteFor(currentColors(), mode == Mode::Dark));
}

void Theme::followPlatform()
{
    if (g_mode != Mode::System || !qobject_cast<QApplication *>(QCoreApplication::instance()))
        return;
    // A palette with no role set resolves every role from the platform theme (and the style's
    // polish) as they are now, and leaves Qt free to re-resolve it on the next desktop change.
    // When that changes anything, Qt sends ApplicationPaletteChange to every widget, which the
    // theme followers and the main window's style sheet answer.
    QApplication::setPalette(QPalette());
}

Theme::Mode Theme::mode()
{
    return g_mode;
}

bool Theme::isDark()
{
    switch (g_mode) {
    case Mode::Light:
        return false;
    case Mode::Dark:
        return true;
    case Mode::System:
        break;
    }
    return paletteIsDark(platformPalette());
}

QColor Theme::pageBackground() { return currentColors().page; }
QColor Theme::cardBackground() { return currentColors().card; }
QColor Theme::border() { return currentColors().border; }
QColor Theme::text() { return currentColors().text; }
QColor Theme::mutedText() { return currentColors().muted; }

void Theme::styleChart(QChart *chart)
{
    const Colors c = currentColors();
    for (QAbstractAxis *axis : chart->axes()) {
        axis->setLabelsColor(c.muted);
        axis->setTitleBrush(c.muted);
        axis->setGridLineColor(c.border);
        axis->setLinePenColor(c.border);
    }
    chart->legend()->setLabelColor(c.text);
    chart->setTitleBrush(c.text);
}

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

QString Theme::iconPath(const QString &name)
{
    static const bool svg = QImageReader::supportedImageFormats().contains("svg");
    return QStringLiteral(":/homeport/icons/%1.%2").arg(name, svg ? QStringLiteral("svg") : QStringLiteral("png"));
}

QFont Theme::monospaceFont()
{
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    font.setStyleHint(QFont::Monospace);
    return font;
}

QString Theme::styleSheet()
{
    const Colors c = currentColors();
    // Object names select the parts; plain widgets inside pages keep the style's look, in the
    // application palette apply() chose.
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
QFrame[card="true"] { background: %8; border: 1px solid %6; border-radius: 8px; }
QFrame[card="true"] QLabel { background: transparent; }
QLabel#cardTitle { font-size: 12.5pt; font-weight: 600; color: %4; }
QLabel#sectionTitle { font-size: 11pt; font-weight: 600; color: %4; }
QLabel#failureReason { color: %7; }
QLabel#hint { color: %5; font-size: 9pt; }
QLabel[override="false"] { color: %5; font-size: 9pt; }
QLabel[override="true"] { color: #a76b00; font-size: 9pt; }
QLabel#errorText { color: %7; }
QLabel[banner="true"] { background: %16; border: 1px solid %17; border-radius: 6px; padding: 8px 12px; color: %18; }
QFrame#failureBanner { background: %7; }
QFrame#failureBanner QLabel { color: white; font-weight: 600; }
QFrame#emptyState { background: %8; border: 1px dashed %10; border-radius: 8px; }
QFrame#emptyState QLabel { background: transparent; }
QLabel#emptyTitle { font-size: 12.5pt; font-weight: 600; color: %4; }
QPushButton { background: %9; color: %4; border: 1px solid %10; border-radius: 4px; padding: 4px 12px; min-height: 18px; }
QPushButton:hover { background: %11; border-color: %5; }
QPushButton:pressed { background: %12; }
QPushButton:disabled { color: %13; background: %14; border-color: %15; }
QFrame[card="true"] QPushButton { padding: 3px 9px; }
QPushButton[primary="true"] { background: %2; color: white; border: 1px solid #2f5fc4; }
QPushButton[primary="true"]:hover { background: #4a7de4; }
QPushButton[primary="true"]:pressed { background: #2f5fc4; }
QPushButton[primary="true"]:disabled { background: #a9bde8; border-color: #a9bde8; }
QStatusBar { background: %8; border-top: 1px solid %6; }
QStatusBar QLabel { padding: 0 4px; }
)")
        .arg(sidebarBackground().name(), accent().name(), c.page.name(), c.text.name(), c.muted.name(),
             c.border.name(), failed().name(), c.card.name(), c.button.name())
        .arg(c.buttonBorder.name(), c.buttonHover.name(), c.buttonPressed.name(), c.disabledText.name(),
             c.disabledBackground.name(), c.disabledBorder.name(), c.bannerBackground.name(), c.bannerBorder.name(),
             c.bannerText.name());
}

} // namespace homeport::ui
