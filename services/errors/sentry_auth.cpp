#include "sentry_auth.h"

#include "http/request.h"

#include <QUrl>

namespace homeport::errors {

bool isValidDsnKey(const QString &key)
{
    if (key.isEmpty() || key.size() > 128)
        return false;
    for (QChar c : key) {
        if (!(c.isLetterOrNumber() && c.unicode() < 128) && c != u'_')
            return false;
    }
    return true;
}

SentryAuth parseSentryAuthHeader(const QString &value)
{
    SentryAuth auth;
    QString rest = value.trimmed();
    if (rest.startsWith(QLatin1String("Sentry "), Qt::CaseInsensitive))
        rest = rest.mid(7);
    QString key;
    for (const QString &part : rest.split(u',', Qt::SkipEmptyParts)) {
        const qsizetype eq = part.indexOf(u'=');
        if (eq < 0)
            continue;
        const QString name = part.left(eq).trimmed();
        QString v = part.mid(eq + 1).trimmed();
        if (v.size() >= 2 && v.startsWith(u'"') && v.endsWith(u'"'))
            v = v.mid(1, v.size() - 2);
        if (name.compare(QLatin1String("sentry_key"), Qt::CaseInsensitive) == 0)
            key = v;
    }
    if (key.isEmpty()) {
        auth.error = QStringLiteral("the auth header has no sentry_key");
        return auth;
    }
    auth.key = key;
    return auth;
}

ParsedDsn parseDsn(const QString &dsn)
{
    ParsedDsn parsed;
    const QUrl url(dsn, QUrl::StrictMode);
    if (!url.isValid() || url.userName().isEmpty() || url.host().isEmpty())
        return parsed;
    const QString path = url.path();
    const qsizetype slash = path.lastIndexOf(u'/');
    parsed.projectId = slash < 0 ? path : path.mid(slash + 1);
    parsed.key = url.userName();
    parsed.ok = !parsed.projectId.isEmpty();
    return parsed;
}

SentryAuth mergeAuth(const SentryAuth &first, const QString &otherKey)
{
    if (!first.error.isEmpty() || otherKey.isEmpty())
        return first;
    if (first.key.isEmpty())
        return SentryAuth{otherKey, {}};
    if (first.key != otherKey)
        return SentryAuth{{}, QStringLiteral("the request names more than one DSN key")};
    return first;
}

SentryAuth requestAuth(const http::Request &request)
{
    SentryAuth auth;
    const QByteArray sentryHeader = request.header("X-Sentry-Auth");
    if (!sentryHeader.isEmpty()) {
        auth = parseSentryAuthHeader(QString::fromLatin1(sentryHeader));
        if (!auth.error.isEmpty())
            return auth;
    }
    const QByteArray authorization = request.header("Authorization");
    if (!authorization.isEmpty() && authorization.trimmed().startsWith("Sentry ")) {
        const SentryAuth fromAuthorization = parseSentryAuthHeader(QString::fromLatin1(authorization));
        if (!fromAuthorization.error.isEmpty())
            return fromAuthorization;
        auth = mergeAuth(auth, fromAuthorization.key);
        if (!auth.error.isEmpty())
            return auth;
    }
    // GlitchTip also accepts glitchtip_key; same meaning.
    for (const char *name : {"sentry_key", "glitchtip_key"}) {
        const QString queryKey = request.queryValue(QString::fromLatin1(name));
        if (!queryKey.isEmpty()) {
            auth = mergeAuth(auth, queryKey);
            if (!auth.error.isEmpty())
                return auth;
        }
    }
    return auth;
}

} // namespace homeport::errors
