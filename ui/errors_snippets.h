#pragma once
// ErrorsSnippets: ready-to-paste SDK setup for one errors project. Only the DSN changes when an
// app moves from Sentry to Homeport, so every snippet is the SDK's ordinary init with our DSN.
// Thread affinity: none (pure functions).

#include <QCoreApplication>
#include <QString>

namespace homeport::ui {

class ErrorsSnippets
{
    Q_DECLARE_TR_FUNCTIONS(homeport::ui::ErrorsSnippets)
public:
    enum class Format { Node, Python, Laravel, Browser };
    static QList<Format> formats();
    static QString formatTitle(Format format);
    static QString render(Format format, const QString &dsn);
};

} // namespace homeport::ui
