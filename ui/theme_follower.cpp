#include "theme_follower.h"

#include "theme.h"

#include <QChartView>
#include <QEvent>
#include <QWidget>

namespace homeport::ui {

namespace {

const QString kStyleSheetFollower = QStringLiteral("themedStyleSheetFollower");

class ThemeFollower : public QObject
{
public:
    ThemeFollower(QWidget *widget, std::function<void()> apply)
        : QObject(widget)
        , m_apply(std::move(apply))
    {
        widget->installEventFilter(this);
        run();
    }

    void replace(std::function<void()> apply)
    {
        m_apply = std::move(apply);
        run();
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        switch (event->type()) {
        case QEvent::PaletteChange:
        case QEvent::ApplicationPaletteChange:
        case QEvent::StyleChange:
        case QEvent::ThemeChange:
            run();
            break;
        default:
            break;
        }
        return QObject::eventFilter(watched, event);
    }

private:
    void run()
    {
        // Setting a style sheet sends StyleChange (and maybe PaletteChange) to the widget itself.
        if (m_running)
            return;
        m_running = true;
        m_apply();
        m_running = false;
    }

    std::function<void()> m_apply;
    bool m_running = false;
};

} // namespace

void followTheme(QWidget *widget, std::function<void()> apply)
{
    new ThemeFollower(widget, std::move(apply));
}

void setThemedStyleSheet(QWidget *widget, std::function<QString()> sheet)
{
    auto apply = [widget, sheet = std::move(sheet)] {
        const QString text = sheet();
        if (widget->styleSheet() != text) // an equal sheet would only re-polish the widget
            widget->setStyleSheet(text);
    };
    // Only this function names a child so; the cast is safe.
    if (QObject *existing = widget->findChild<QObject *>(kStyleSheetFollower, Qt::FindDirectChildrenOnly)) {
        static_cast<ThemeFollower *>(existing)->replace(std::move(apply));
        return;
    }
    auto *follower = new ThemeFollower(widget, std::move(apply));
    follower->setObjectName(kStyleSheetFollower);
}

void followThemeInChart(QChartView *view)
{
    followTheme(view, [view] {
        if (view->chart())
            Theme::styleChart(view->chart());
    });
}

void setMutedText(QWidget *widget, const QString &extraCss)
{
    setThemedStyleSheet(widget, [extraCss] {
        return extraCss.isEmpty() ? QStringLiteral("color: %1").arg(Theme::mutedText().name())
                                  : QStringLiteral("color: %1; %2").arg(Theme::mutedText().name(), extraCss);
    });
}

} // namespace homeport::ui
