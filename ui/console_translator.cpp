#include "console_translator.h"

#include <QCoreApplication>

namespace homeport::ui {

bool ConsoleTranslator::loadFor(const QLocale &locale)
{
    return load(locale, QStringLiteral("homeport"), QStringLiteral("_"), QStringLiteral(":/i18n"));
}

bool ConsoleTranslator::install(QCoreApplication *app, const QLocale &locale)
{
    auto *translator = new ConsoleTranslator(app);
    if (!translator->loadFor(locale)) {
        delete translator;
        return false;
    }
    return QCoreApplication::installTranslator(translator);
}

} // namespace homeport::ui
