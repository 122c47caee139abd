#pragma once
// ObjectTagging: an object's (or a bucket's) tag set as S3 takes it — the Tagging XML of PutObjectTagging (and of
// the POST form's "tagging" field) or the URL-query form of the x-amz-tagging header — with S3's
// limits (at most 10 tags on an object and 50 on a bucket, keys of 1-128 and values of up to 256 Unicode characters, no key
// twice → InvalidTag), stored as the query form and answered as Tagging XML.
// Thread affinity: none (values).

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>

namespace homeport::storage {

using TagSet = QList<QPair<QString, QString>>;

struct TagProblem
{
    QByteArray code; // InvalidTag or MalformedXML
    QString message;
};

constexpr int kMaxObjectTags = 10;
constexpr int kMaxBucketTags = 50;
constexpr int kMaxTagKeyLength = 128;
constexpr int kMaxTagValueLength = 256;

// maxTags: kMaxObjectTags for an object, kMaxBucketTags for a bucket (PutBucketTagging).
std::optional<TagSet> parseTaggingXml(const QByteArray &xml, TagProblem *problem, int maxTags = kMaxObjectTags);
std::optional<TagSet> parseTaggingHeader(const QByteArray &header, TagProblem *problem);
// The stored (and x-amz-tagging) form: key=value pairs joined by '&', each percent-encoded.
QByteArray encodeTagQuery(const TagSet &tags);
TagSet decodeTagQuery(const QByteArray &stored);
// <Tagging><TagSet><Tag><Key/><Value/></Tag>...</TagSet></Tagging> (without the XML declaration).
QByteArray taggingXml(const TagSet &tags);

} // namespace homeport::storage
