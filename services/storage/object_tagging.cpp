#include "object_tagging.h"

#include <QSet>
#include <QUrl>
#include <QXmlStreamReader>

namespace homeport::storage {

namespace {

bool validate(const TagSet &tags, TagProblem *problem, int maxTags = kMaxObjectTags)
{
    const auto fail = [&](const QString &message) {
        problem->code = "InvalidTag";
        problem->message = message;
        return false;
    };
    if (tags.size() > maxTags)
        return fail(maxTags == kMaxObjectTags ? QStringLiteral("Object tags cannot be greater than %1").arg(maxTags)
                                              : QStringLiteral("Bucket tag count cannot be greater than %1").arg(maxTags));
    QSet<QString> seen;
    for (const auto &[key, value] : tags) {
        // S3 counts Unicode characters, not bytes or UTF-16 units.
        if (key.isEmpty() || key.toUcs4().size() > kMaxTagKeyLength)
            return fail(QStringLiteral("The TagKey you have provided is invalid"));
        if (value.toUcs4().size() > kMaxTagValueLength)
            return fail(QStringLiteral("The TagValue you have provided is invalid"));
        if (seen.contains(key))
            return fail(QStringLiteral("Cannot provide multiple Tags with the same key"));
        seen.insert(key);
    }
    return true;
}

QString decodeComponent(QByteArray part)
{
    part.replace('+', ' ');
    return QUrl::fromPercentEncoding(part);
}

QByteArray encodeComponent(const QString &text)
{
    return QUrl::toPercentEncoding(text);
}

QByteArray escape(const QString &text)
{
    return text.toUtf8().replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;");
}

} // namespace

std::optional<TagSet> parseTaggingXml(const QByteArray &xml, TagProblem *problem, int maxTags)
{
    QXmlStreamReader reader(xml);
    TagSet tags;
    bool inTag = false, sawTagging = false, hasKey = false;
    QString key, value;
    while (!reader.atEnd()) {
        reader.readNext();
        if (reader.isStartElement()) {
            const QStringView name = reader.name();
            if (name == QLatin1String("Tagging"))
                sawTagging = true;
            else if (name == QLatin1String("Tag")) {
                inTag = true;
                hasKey = false;
                key.clear();
                value.clear();
            } else if (inTag && name == QLatin1String("Key")) {
                key = reader.readElementText();
                hasKey = true;
            } else if (inTag && name == QLatin1String("Value")) {
                value = reader.readElementText();
            }
        } else if (reader.isEndElement() && reader.name() == QLatin1String("Tag")) {
            if (!hasKey)
                break;
            tags.append({key, value});
            inTag = false;
        }
    }
    if (reader.hasError() || !sawTagging || inTag) {
        problem->code = "MalformedXML";
        problem->message = QStringLiteral("The XML you provided was not well-formed or did not validate against our published schema.");
        return std::nullopt;
    }
    if (!validate(tags, problem, maxTags))
        return std::nullopt;
    return tags;
}

std::optional<TagSet> parseTaggingHeader(const QByteArray &header, TagProblem *problem)
{
    TagSet tags;
    for (const QByteArray &pair : header.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        tags.append({decodeComponent(eq < 0 ? pair : pair.left(eq)), eq < 0 ? QString() : decodeComponent(pair.mid(eq + 1))});
    }
    if (!validate(tags, problem))
        return std::nullopt;
    return tags;
}

QByteArray encodeTagQuery(const TagSet &tags)
{
    QByteArray out;
    for (const auto &[key, value] : tags) {
        if (!out.isEmpty())
            out += '&';
        out += encodeComponent(key) + '=' + encodeComponent(value);
    }
    return out;
}

TagSet decodeTagQuery(const QByteArray &stored)
{
    TagSet tags;
    for (const QByteArray &pair : stored.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        tags.append({QUrl::fromPercentEncoding(eq < 0 ? pair : pair.left(eq)),
                     eq < 0 ? QString() : QUrl::fromPercentEncoding(pair.mid(eq + 1))});
    }
    return tags;
}

QByteArray taggingXml(const TagSet &tags)
{
    QByteArray out = "<Tagging xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><TagSet>";
    for (const auto &[key, value] : tags)
        out += "<Tag><Key>" + escape(key) + "</Key><Value>" + escape(value) + "</Value></Tag>";
    return out + "</TagSet></Tagging>";
}

} // namespace homeport::storage
