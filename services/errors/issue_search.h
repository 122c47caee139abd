#pragma once
// IssueSearch: the Sentry-style search string of the issues list, parsed into filters:
// is:unresolved|resolved|ignored (also "muted"/"archived"), level:error, key:value tag filters
// (values may be "quoted"), and free text over title and culprit.
// Thread affinity: none (a value).

#include "errors_monitor.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

namespace homeport::errors {

struct IssueSearch {
    std::optional<IssueStatus> status;
    QStringList levels;
    QList<QPair<QString, QString>> tags;
    QStringList words;

    static IssueSearch parse(const QString &search);
};

} // namespace homeport::errors
