#include "bucket_cors.h"

#include <QXmlStreamReader>

namespace homeport::storage {

std::optional<QList<CorsRule>> parseCorsConfiguration(const QByteArray &xml, QString *error)
{
    QList<CorsRule> rules;
    QXmlStreamReader reader(xml);
    CorsRule *rule = nullptr;
    while (!reader.atEnd()) {
        reader.readNext();
        if (reader.isStartElement()) {
            const QStringView name = reader.name();
            if (name == QLatin1String("CORSRule")) {
                rules.append(CorsRule());
                rule = &rules.last();
            } else if (rule) {
                const auto text = [&] { return reader.readElementText().trimmed().toUtf8(); };
                if (name == QLatin1String("AllowedOrigin")) rule->origins.append(text());
                else if (name == QLatin1String("AllowedMethod")) rule->methods.append(text());
                else if (name == QLatin1String("AllowedHeader")) rule->headers.append(text().toLower());
                else if (name == QLatin1String("ExposeHeader")) rule->exposeHeaders.append(text());
                else if (name == QLatin1String("MaxAgeSeconds")) rule->maxAgeSeconds = text().toInt();
            }
        } else if (reader.isEndElement() && reader.name() == QLatin1String("CORSRule")) {
            rule = nullptr;
        }
    }
    if (reader.hasError() || rules.isEmpty() || rules.size() > 100) {
        *error = QStringLiteral("The XML you provided was not well-formed or did not validate against our published schema.");
        return std::nullopt;
    }
    for (const CorsRule &r : rules) {
        if (r.origins.isEmpty() || r.methods.isEmpty()) {
            *error = QStringLiteral("Each CORSRule needs at least one AllowedOrigin and one AllowedMethod.");
            return std::nullopt;
        }
        for (const QByteArray &m : r.methods) {
            if (m != "GET" && m != "PUT" && m != "POST" && m != "DELETE" && m != "HEAD") {
                *error = QStringLiteral("Found unsupported HTTP method in CORS config. Unsupported method is %1").arg(QString::fromUtf8(m));
                return std::nullopt;
            }
        }
        for (const QByteArray &o : r.origins + r.headers) {
            if (o.count('*') > 1) {
                *error = QStringLiteral("An AllowedOrigin or AllowedHeader can contain at most one * wildcard.");
                return std::nullopt;
            }
        }
    }
    return rules;
}

bool wildcardMatch(const QByteArray &pattern, const QByteArray &value)
{
    const qsizetype star = pattern.indexOf('*');
    if (star < 0)
        return pattern == value;
    const QByteArray before = pattern.left(star), after = pattern.mid(star + 1);
    return value.size() >= before.size() + after.size() && value.startsWith(before) && value.endsWith(after);
}

const CorsRule *matchCorsRule(const QList<CorsRule> &rules, const QByteArray &origin, const QByteArray &method,
                              const QByteArrayList &requestHeaders)
{
    for (const CorsRule &rule : rules) {
        if (!rule.methods.contains(method))
            continue;
        if (std::none_of(rule.origins.begin(), rule.origins.end(), [&](const QByteArray &o) { return wildcardMatch(o, origin); }))
            continue;
        const bool headersAllowed = std::all_of(requestHeaders.begin(), requestHeaders.end(), [&](const QByteArray &h) {
            return std::any_of(rule.headers.begin(), rule.headers.end(), [&](const QByteArray &p) { return wildcardMatch(p, h); });
        });
        if (headersAllowed)
            return &rule;
    }
    return nullptr;
}

} // namespace homeport::storage
