#pragma once
// BucketCors: a bucket's CORS rules as S3 stores them (PutBucketCors' CORSConfiguration XML),
// and the rule that allows a browser request (docs.aws.amazon.com/AmazonS3/latest/API/API_CORSRule.html).
// Origins and headers may hold one '*' wildcard; methods are GET, PUT, POST, DELETE, HEAD.
// Thread affinity: none (values).

#include <QByteArrayList>
#include <QList>
#include <QString>

#include <optional>

namespace homeport::storage {

struct CorsRule
{
    QByteArrayList origins;
    QByteArrayList methods;
    QByteArrayList headers;       // allowed request headers (lower case)
    QByteArrayList exposeHeaders;
    int maxAgeSeconds = -1;
};

// nullopt with a reason when the XML is malformed or a rule is incomplete.
std::optional<QList<CorsRule>> parseCorsConfiguration(const QByteArray &xml, QString *error);
// The first rule that allows origin, method and every requested header; null when none does.
const CorsRule *matchCorsRule(const QList<CorsRule> &rules, const QByteArray &origin, const QByteArray &method,
                              const QByteArrayList &requestHeaders);
bool wildcardMatch(const QByteArray &pattern, const QByteArray &value);

} // namespace homeport::storage
