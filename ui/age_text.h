#pragma once
// AgeText: "12 s ago", "3 min ago", "5 d ago": how the console's tables and views say how long
// ago something happened, one wording for every page.
// Thread affinity: any (pure function).

#include <QCoreApplication>
#include <QDateTime>

namespace homeport::ui {

class AgeText
{
    Q_DECLARE_TR_FUNCTIONS(AgeText)
public:
    // Empty for an invalid `then`; a `then` after `now` reads "0 s ago".
    static QString ago(const QDateTime &then, const QDateTime &now);
};

} // namespace homeport::ui
