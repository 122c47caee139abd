#include "issue_search.h"

namespace homeport::errors {

namespace {

// Splits on spaces outside double quotes; quotes are removed.
QStringList tokens(const QString &text)
{
    QStringList out;
    QString current;
    bool quoted = false;
    for (QChar c : text) {
        if (c == u'"') {
            quoted = !quoted;
        } else if (c.isSpace() && !quoted) {
            if (!current.isEmpty())
                out << std::exchange(current, {});
        } else {
            current += c;
        }
    }
    if (!current.isEmpty())
        out << current;
    return out;
}

} // namespace

IssueSearch IssueSearch::parse(const QString &search)
{
    IssueSearch parsed;
    for (const QString &token : tokens(search)) {
        const qsizetype colon = token.indexOf(u':');
        if (colon <= 0 || colon == token.size() - 1) {
            parsed.words << token;
            continue;
        }
        const QString key = token.left(colon).toLower();
        const QString value = token.mid(colon + 1);
        if (key == QLatin1String("is")) {
            IssueStatus status;
            const QString v = value.toLower();
            if (v == QLatin1String("muted") || v == QLatin1String("archived"))
                parsed.status = IssueStatus::Ignored;
            else if (parseIssueStatus(v, &status))
                parsed.status = status;
            else
                parsed.words << token;
        } else if (key == QLatin1String("level")) {
            parsed.levels << value.toLower();
        } else {
            parsed.tags.append({token.left(colon), value});
        }
    }
    return parsed;
}

} // namespace homeport::errors
