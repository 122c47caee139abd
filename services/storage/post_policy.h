#pragma once
// PostPolicy: the policy document of a browser form upload (S3 POST Object,
// docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTConstructPolicy.html): a base64 JSON
// object with an "expiration" time and "conditions" — {"field": "value"} and ["eq", "$field",
// "value"] exact matches, ["starts-with", "$field", "prefix"], and ["content-length-range", min,
// max] on the file's size. Every form field except x-amz-signature, file, policy and x-ignore-*
// must be named by a condition. Field names compare without regard to case.
// Thread affinity: none (values).

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>

namespace homeport::storage {

// Form fields in the order sent (names as sent, values as bytes).
using FormFields = QList<QPair<QByteArray, QByteArray>>;

// The value of a field by case-insensitive name; nullopt when absent.
std::optional<QByteArray> formField(const FormFields &fields, QByteArrayView name);

struct PostPolicy
{
    struct Condition
    {
        enum Kind { Equals, StartsWith } kind = Equals;
        QByteArray field; // lower case, without '$'
        QByteArray value;
    };
    QDateTime expiration;
    QList<Condition> conditions;
    qint64 minLength = 0;
    qint64 maxLength = -1; // -1: no content-length-range

    // nullopt with a reason when the document is not base64 JSON of the expected shape.
    static std::optional<PostPolicy> parse(const QByteArray &base64, QString *error);
    // Checks expiry and every condition against the fields ("bucket" is the one the URL names;
    // a bucket field must agree with it),
    // and that each field is covered by a condition. The reason names the condition that failed.
    bool check(const FormFields &fields, const QString &bucket, const QDateTime &now, QString *reason) const;
};

} // namespace homeport::storage
