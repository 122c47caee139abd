#include "post_policy.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace homeport::storage {

namespace {

QByteArray fieldName(const QString &dollarName)
{
    return (dollarName.startsWith(u'$') ? dollarName.mid(1) : dollarName).toLower().toUtf8();
}

bool exemptFromConditions(const QByteArray &lowerName)
{
    return lowerName == "x-amz-signature" || lowerName == "file" || lowerName == "policy"
        || lowerName.startsWith("x-ignore-") || lowerName == "awsaccesskeyid" || lowerName == "signature";
}

// content-length-range bounds come as numbers or numeric strings.
std::optional<qint64> lengthValue(const QJsonValue &value)
{
    if (value.isDouble() && value.toDouble() >= 0)
        return qint64(value.toDouble());
    bool ok = false;
    const qint64 n = value.toString().toLongLong(&ok);
    return ok && n >= 0 ? std::optional<qint64>(n) : std::nullopt;
}

} // namespace

std::optional<QByteArray> formField(const FormFields &fields, QByteArrayView name)
{
    for (const auto &[n, v] : fields) {
        if (n.compare(name, Qt::CaseInsensitive) == 0)
            return v;
    }
    return std::nullopt;
}

std::optional<PostPolicy> PostPolicy::parse(const QByteArray &base64, QString *error)
{
    const auto decoded = QByteArray::fromBase64Encoding(base64.trimmed(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) {
        *error = QStringLiteral("Invalid Policy: Invalid 'Base64' encoding.");
        return std::nullopt;
    }
    const QJsonDocument doc = QJsonDocument::fromJson(decoded.decoded);
    if (!doc.isObject()) {
        *error = QStringLiteral("Invalid Policy: Invalid JSON.");
        return std::nullopt;
    }
    const QJsonObject o = doc.object();
    PostPolicy policy;
    policy.expiration = QDateTime::fromString(o.value(QStringLiteral("expiration")).toString(), Qt::ISODateWithMs);
    if (!policy.expiration.isValid()) {
        *error = QStringLiteral("Invalid Policy: Invalid 'expiration' value.");
        return std::nullopt;
    }
    const QJsonValue conditions = o.value(QStringLiteral("conditions"));
    if (!conditions.isArray()) {
        *error = QStringLiteral("Invalid Policy: Policy missing 'conditions'.");
        return std::nullopt;
    }
    for (const QJsonValue &c : conditions.toArray()) {
        if (c.isObject()) {
            // {"field": "value"}: an exact match.
            const QJsonObject single = c.toObject();
            if (single.size() != 1 || !single.begin().value().isString()) {
                *error = QStringLiteral("Invalid Policy: Invalid Simple-Condition: Simple-Conditions must have exactly one property specified.");
                return std::nullopt;
            }
            policy.conditions.append({Condition::Equals, fieldName(single.begin().key()), single.begin().value().toString().toUtf8()});
            continue;
        }
        const QJsonArray a = c.toArray();
        const QString op = a.at(0).toString().toLower();
        if (op == QLatin1String("content-length-range") && a.size() == 3) {
            const std::optional<qint64> min = lengthValue(a.at(1)), max = lengthValue(a.at(2));
            if (!min || !max || *min > *max) {
                *error = QStringLiteral("Invalid Policy: Invalid content-length-range.");
                return std::nullopt;
            }
            policy.minLength = *min;
            policy.maxLength = *max;
            continue;
        }
        if ((op == QLatin1String("eq") || op == QLatin1String("starts-with")) && a.size() == 3 && a.at(1).isString()
            && a.at(2).isString() && a.at(1).toString().startsWith(u'$')) {
            policy.conditions.append({op == QLatin1String("eq") ? Condition::Equals : Condition::StartsWith,
                                      fieldName(a.at(1).toString()), a.at(2).toString().toUtf8()});
            continue;
        }
        *error = QStringLiteral("Invalid Policy: Invalid condition %1.")
                     .arg(QString::fromUtf8(QJsonDocument(a).toJson(QJsonDocument::Compact)));
        return std::nullopt;
    }
    return policy;
}

bool PostPolicy::check(const FormFields &fields, const QString &bucket, const QDateTime &now, QString *reason) const
{
    if (now > expiration) {
        *reason = QStringLiteral("Invalid according to Policy: Policy expired.");
        return false;
    }
    // "bucket" is the bucket the form is posted to; a bucket field (SDKs send one) must agree.
    if (const std::optional<QByteArray> named = formField(fields, "bucket"); named && *named != bucket.toUtf8()) {
        *reason = QStringLiteral("Invalid according to Policy: the form's bucket field does not name the bucket it was posted to.");
        return false;
    }
    FormFields all{{QByteArray("bucket"), bucket.toUtf8()}};
    all += fields;
    for (const Condition &c : conditions) {
        const std::optional<QByteArray> value = formField(all, c.field);
        const bool holds = c.kind == Condition::Equals ? value && *value == c.value
                                                       : value ? value->startsWith(c.value) : c.value.isEmpty();
        if (!holds) {
            *reason = QStringLiteral("Invalid according to Policy: Policy Condition failed: [\"%1\", \"$%2\", \"%3\"]")
                          .arg(c.kind == Condition::Equals ? QStringLiteral("eq") : QStringLiteral("starts-with"),
                               QString::fromUtf8(c.field), QString::fromUtf8(c.value));
            return false;
        }
    }
    for (const auto &[name, value] : fields) {
        const QByteArray lower = name.toLower();
        if (exemptFromConditions(lower))
            continue;
        const bool covered = std::any_of(conditions.begin(), conditions.end(), [&](const Condition &c) { return c.field == lower; });
        if (!covered) {
            *reason = QStringLiteral("Invalid according to Policy: Extra input fields: %1").arg(QString::fromUtf8(name));
            return false;
        }
    }
    return true;
}

} // namespace homeport::storage
