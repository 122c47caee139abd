#pragma once
// BucketPolicy: the part of S3's bucket policy language Homeport applies: statements that make a
// bucket public-read for anonymous clients (docs.aws.amazon.com/AmazonS3/latest/userguide/
// example-bucket-policies.html). Each statement must be Effect "Allow" for Principal "*" (or
// {"AWS": "*"}) with Actions s3:GetObject on arn:aws:s3:::<bucket>/<key pattern> and/or
// s3:ListBucket on arn:aws:s3:::<bucket>. Anything else (Deny, other principals or actions,
// Conditions, another bucket's resources) is refused as MalformedPolicy rather than stored and
// silently ignored, so a policy either means what it says here or is not accepted.
// Thread affinity: none (values).

#include <QByteArray>
#include <QByteArrayList>
#include <QString>

#include <optional>

namespace homeport::storage {

struct BucketPolicy
{
    QByteArrayList readablePatterns; // key patterns ('*' any run, '?' one byte) anonymous GET/HEAD may read
    bool listable = false;           // anonymous ListObjects/HeadBucket

    bool allowsGetObject(const QByteArray &key) const;
    bool isPublic() const { return listable || !readablePatterns.isEmpty(); }
};

// Parses a PutBucketPolicy body for `bucket`; nullopt with S3's message when it is not valid or
// says something Homeport does not apply.
std::optional<BucketPolicy> parseBucketPolicy(const QByteArray &json, const QString &bucket, QString *error);

// '*' matches any run of bytes (also '/'), '?' one byte, as IAM's resource wildcards do.
bool globMatch(QByteArrayView pattern, QByteArrayView text);

} // namespace homeport::storage
