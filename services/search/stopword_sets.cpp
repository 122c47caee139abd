#include "stopword_sets.h"

#include "text_analyzer.h"

#include <QJsonArray>
#include <QSet>

namespace homeport::search {

ApiError StopwordSets::upsert(const QString &id, const QJsonObject &body, QJsonObject *stored)
{
    const QJsonValue words = body.value(QStringLiteral("stopwords"));
    if (!words.isArray())
        return ApiError::of(400, QStringLiteral("Parameter `stopwords` is required"));
    const QJsonValue locale = body.value(QStringLiteral("locale"));
    if (!locale.isUndefined() && !locale.isString())
        return ApiError::of(400, QStringLiteral("Parameter `locale` is required"));
    const TextAnalyzer analyzer;
    QJsonArray tokens;
    QSet<QString> seen;
    for (const QJsonValue &w : words.toArray()) {
        if (!w.isString())
            return ApiError::of(400, QStringLiteral("Parameter `stopwords` is required"));
        for (const QString &t : analyzer.foldedTokens(w.toString()))
            if (!seen.contains(t)) {
                seen.insert(t);
                tokens.append(t);
            }
    }
    const QJsonObject set{{QStringLiteral("id"), id},
                          {QStringLiteral("stopwords"), tokens},
                          {QStringLiteral("locale"), locale.toString()}};
    if (QString error = m_store.put(id, set); !error.isEmpty())
        return ApiError::of(500, error);
    QJsonObject echo = body;
    echo.insert(QStringLiteral("id"), id);
    *stored = echo;
    return {};
}

ApiError StopwordSets::get(const QString &id, QJsonObject *out) const
{
    const QJsonObject *set = m_store.find(id);
    if (!set)
        return ApiError::of(404, QStringLiteral("Stopword `%1` not found.").arg(id));
    *out = QJsonObject{{QStringLiteral("stopwords"), *set}};
    return {};
}

ApiError StopwordSets::remove(const QString &id)
{
    if (!m_store.find(id))
        return ApiError::of(404, QStringLiteral("Stopword `%1` not found.").arg(id));
    if (QString error = m_store.remove(id); !error.isEmpty())
        return ApiError::of(500, error);
    return {};
}

QJsonObject StopwordSets::list() const
{
    QJsonArray sets;
    for (const auto &[id, set] : m_store.all())
        sets.append(set);
    return QJsonObject{{QStringLiteral("stopwords"), sets}};
}

ApiError StopwordSets::apply(const TextAnalyzer &analyzer, SearchParams *params) const
{
    const QString names = params->value(QStringLiteral("stopwords")).trimmed();
    if (names.isEmpty())
        return {};
    QSet<QString> words;
    for (const QString &raw : names.split(u',', Qt::SkipEmptyParts)) {
        const QString id = raw.trimmed();
        const QJsonObject *set = m_store.find(id);
        if (!set)
            return ApiError::of(404, QStringLiteral("Stopword `%1` not found.").arg(id));
        for (const QJsonValue &w : set->value(QStringLiteral("stopwords")).toArray())
            words.insert(w.toString());
    }
    const QString q = params->value(QStringLiteral("q"));
    if (q.trimmed() == QLatin1String("*") || words.isEmpty())
        return {};
    // Cut matching spans from the end so earlier offsets stay valid; a '-' before a cut word
    // (an exclusion of a stopword) goes with it.
    QString rewritten = q;
    const QList<TokenSpan> spans = analyzer.tokenize(q);
    int kept = 0;
    for (qsizetype i = spans.size() - 1; i >= 0; --i) {
        const TokenSpan &s = spans[i];
        if (!words.contains(s.folded)) {
            ++kept;
            continue;
        }
        qsizetype start = s.start;
        if (start > 0 && rewritten.at(start - 1) == u'-')
            --start;
        rewritten.remove(start, s.start + s.length - start);
    }
    rewritten = rewritten.simplified();
    if (kept == 0)
        rewritten = QStringLiteral("*");
    params->insert(QStringLiteral("q"), rewritten);
    return {};
}

} // namespace homeport::search
