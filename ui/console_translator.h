#pragma once
// ConsoleTranslator: loads the console's translation for the user's locale from the resources
// qt_add_translations embeds (":/i18n/homeport_<lang>.qm"), so app/ needs no file paths.
// Thread affinity: the GUI thread, before the MainWindow is created.

#include <QLocale>
#include <QTranslator>

class QCoreApplication;

namespace homeport::ui {

class ConsoleTranslator : public QTranslator
{
    Q_OBJECT
public:
    using QTranslator::QTranslator;

    // True when a translation for `locale` exists (English needs none and returns false).
    bool loadFor(const QLocale &locale = QLocale());
    // Creates a translator as a child of `app`, loads it and installs it when one was found.
    static bool install(QCoreApplication *app, const QLocale &locale = QLocale());
};

} // namespace homeport::ui
