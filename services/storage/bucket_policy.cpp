#include "bucket_policy.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace homeport::storage {

namespace {

constexpr qsizetype kMaxPolicyBytes = 20 * 1024; // S3's limit on a bucket policy

// A policy value that may be one string or an array of strings.
std::optional<QStringList> stringOrList(const QJsonValue &value)
{
    if (value.isString())
        return QStringList{value.toString()};
    if (!value.isArray() || value.toArray().isEmpty())
        return std::nullopt;
    QStringList out;
    for (const QJsonValue &v : value.toArray()) {
        if (!v.isString())
            return std::nullopt;
        out.append(v.toString());
    }
    return out;
}

bool isEveryone(const QJsonValue &principal)
{
    if (principal.isString())
        return principal.toString() == QLatin1String("*");
    if (!principal.isObject())
        return false;
    const QJsonObject o = principal.toObject();
    if (o.size() != 1 || !o.contains(QStringLiteral("AWS")))
        return false;
    const std::optional<QStringList> aws = stringOrList(o.value(QStringLiteral("AWS")));
    return aws && *aws == QStringList{QStringLiteral("*")};
}

} // namespace

bool globMatch(QByteArrayView pattern, QByteArrayView text)
{
    // Iterative wildcard matching with one backtrack point (linear in practice, no recursion).
    qsizetype p = 0, t = 0, star = -1, mark = 0;
    while (t < text.size()) {
        if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
            ++p;
            ++t;
        } else if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            mark = t;
        } else if (star >= 0) {
            p = star + 1;
            t = ++mark;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*')
        ++p;
    return p == pattern.size();
}

bool BucketPolicy::allowsGetObject(const QByteArray &key) const
{
    for (const QByteArray &pattern : readablePatterns) {
        if (globMatch(pattern, key))
            return true;
    }
    return false;
}

std::optional<BucketPolicy> parseBucketPolicy(const QByteArray &json, const QString &bucket, QString *error)
{
    const auto fail = [&](const QString &message) -> std::optional<BucketPolicy> {
        *error = message;
        return std::nullopt;
    };
    if (json.size() > kMaxPolicyBytes)
        return fail(QStringLiteral("Policies cannot be larger than 20 KB."));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (!doc.isObject())
        return fail(QStringLiteral("Policies must be valid JSON and the first byte must be '{'"));
    const QJsonObject policy = doc.object();
    for (auto it = policy.begin(); it != policy.end(); ++it) {
        if (it.key() != QLatin1String("Version") && it.key() != QLatin1String("Id") && it.key() != QLatin1String("Statement"))
            return fail(QStringLiteral("Unknown field %1").arg(it.key()));
    }
    const QString version = policy.value(QStringLiteral("Version")).toString(QStringLiteral("2008-10-17"));
    if (version != QLatin1String("2012-10-17") && version != QLatin1String("2008-10-17"))
        return fail(QStringLiteral("The policy must contain a valid version string"));
    QJsonArray statements;
    const QJsonValue statementValue = policy.value(QStringLiteral("Statement"));
    if (statementValue.isObject())
        statements.append(statementValue);
    else if (statementValue.isArray())
        statements = statementValue.toArray();
    if (statements.isEmpty())
        return fail(QStringLiteral("Missing required field Statement"));

    const QString bucketArn = QStringLiteral("arn:aws:s3:::") + bucket;
    BucketPolicy out;
    for (const QJsonValue &sv : statements) {
        if (!sv.isObject())
            return fail(QStringLiteral("Statement is not an object"));
        const QJsonObject s = sv.toObject();
        for (auto it = s.begin(); it != s.end(); ++it) {
            static const QStringList known = {QStringLiteral("Sid"), QStringLiteral("Effect"), QStringLiteral("Principal"),
                                              QStringLiteral("Action"), QStringLiteral("Resource")};
            if (!known.contains(it.key()))
                return fail(QStringLiteral("Homeport applies only Sid, Effect, Principal, Action and Resource; %1 is not supported")
                                .arg(it.key()));
        }
        if (s.value(QStringLiteral("Effect")).toString() != QLatin1String("Allow"))
            return fail(QStringLiteral("Homeport applies only statements with Effect \"Allow\""));
        if (!s.contains(QStringLiteral("Principal")))
            return fail(QStringLiteral("Missing required field Principal"));
        if (!isEveryone(s.value(QStringLiteral("Principal"))))
            return fail(QStringLiteral("Invalid principal in policy: Homeport applies only Principal \"*\""));
        const std::optional<QStringList> actions = stringOrList(s.value(QStringLiteral("Action")));
        if (!actions)
            return fail(QStringLiteral("Missing required field Action"));
        const std::optional<QStringList> resources = stringOrList(s.value(QStringLiteral("Resource")));
        if (!resources)
            return fail(QStringLiteral("Missing required field Resource"));

        bool getObject = false, listBucket = false;
        for (const QString &action : *actions) {
            if (action.compare(QLatin1String("s3:GetObject"), Qt::CaseInsensitive) == 0)
                getObject = true;
            else if (action.compare(QLatin1String("s3:ListBucket"), Qt::CaseInsensitive) == 0)
                listBucket = true;
            else
                return fail(QStringLiteral("Policy has an invalid action: Homeport applies only s3:GetObject and s3:ListBucket, not %1")
                                .arg(action));
        }
        QByteArrayList objectPatterns;
        bool bucketResource = false;
        for (const QString &resource : *resources) {
            if (resource == bucketArn)
                bucketResource = true;
            else if (resource.startsWith(bucketArn + u'/'))
                objectPatterns.append(resource.mid(bucketArn.size() + 1).toUtf8());
            else
                return fail(QStringLiteral("Policy has invalid resource: %1 is not this bucket or its objects").arg(resource));
        }
        // Each action needs a resource of its own kind, as S3's validation insists.
        if (getObject && objectPatterns.isEmpty())
            return fail(QStringLiteral("Action does not apply to any resource(s) in statement: s3:GetObject needs %1/*").arg(bucketArn));
        if (listBucket && !bucketResource)
            return fail(QStringLiteral("Action does not apply to any resource(s) in statement: s3:ListBucket needs %1").arg(bucketArn));
        if (!getObject && !objectPatterns.isEmpty())
            return fail(QStringLiteral("Action does not apply to any resource(s) in statement: object resources need s3:GetObject"));
        if (!listBucket && bucketResource)
            return fail(QStringLiteral("Action does not apply to any resource(s) in statement: the bucket resource needs s3:ListBucket"));
        out.readablePatterns += objectPatterns;
        out.listable = out.listable || listBucket;
    }
    return out;
}

} // namespace homeport::storage
