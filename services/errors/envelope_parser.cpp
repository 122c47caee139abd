#include "envelope_parser.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QJsonValue>

namespace homeport::errors {

namespace {

// Header lines are single-line JSON objects; "{}" is valid, an empty line is not.
bool parseHeaderLine(QByteArrayView line, QJsonObject *out, QString *error, const QString &what)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(line.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = QStringLiteral("invalid %1 header: %2")
                     .arg(what, parseError.error != QJsonParseError::NoError ? parseError.errorString()
                                                                             : QStringLiteral("not a JSON object"));
        return false;
    }
    *out = doc.object();
    return true;
}

} // namespace

EnvelopeParseResult EnvelopeParser::parse(const QByteArray &body)
{
    EnvelopeParseResult result;
    const qsizetype size = body.size();
    if (size == 0) {
        result.error = QStringLiteral("empty envelope");
        return result;
    }

    qsizetype pos = body.indexOf('\n');
    const qsizetype headerEnd = pos < 0 ? size : pos;
    if (!parseHeaderLine(QByteArrayView(body.constData(), headerEnd), &result.envelope.headers, &result.error,
                         QStringLiteral("envelope")))
        return result;
    pos = headerEnd < size ? headerEnd + 1 : size;

    while (pos < size) {
        // A single trailing newline after the last item is allowed (and "\n" after the headers).
        qsizetype lineEnd = body.indexOf('\n', pos);
        if (lineEnd < 0)
            lineEnd = size;
        if (lineEnd == pos) {
            if (pos + 1 == size)
                break;
            result.error = QStringLiteral("empty item header at byte %1").arg(pos);
            return result;
        }
        if (result.envelope.items.size() >= kMaxItems) {
            result.error = QStringLiteral("more than %1 items").arg(kMaxItems);
            return result;
        }
        EnvelopeItem item;
        if (!parseHeaderLine(QByteArrayView(body.constData() + pos, lineEnd - pos), &item.headers, &result.error,
                             QStringLiteral("item")))
            return result;
        const QJsonValue type = item.headers.value(QLatin1String("type"));
        if (!type.isString() || type.toString().isEmpty()) {
            result.error = QStringLiteral("item header without a type");
            return result;
        }
        item.type = type.toString();
        // An item header at the very end with no payload line: a zero-length payload.
        pos = lineEnd < size ? lineEnd + 1 : size;

        const QJsonValue length = item.headers.value(QLatin1String("length"));
        if (!length.isUndefined() && !length.isNull()) {
            const double declared = length.toDouble(-1);
            if (!length.isDouble() || declared < 0 || declared != qint64(declared) || declared > kMaxItemLength) {
                result.error = QStringLiteral("item length is not a non-negative integer");
                return result;
            }
            const qint64 n = qint64(declared);
            if (n > size - pos) {
                result.error = QStringLiteral("item length %1 runs past the end of the envelope").arg(n);
                return result;
            }
            item.payload = body.mid(pos, n);
            pos += n;
            if (pos < size) {
                if (body.at(pos) != '\n') {
                    result.error = QStringLiteral("length-delimited item not followed by a newline");
                    return result;
                }
                ++pos;
            }
        } else {
            qsizetype payloadEnd = body.indexOf('\n', pos);
            if (payloadEnd < 0)
                payloadEnd = size;
            item.payload = body.mid(pos, payloadEnd - pos);
            pos = payloadEnd < size ? payloadEnd + 1 : size;
        }
        result.envelope.items.append(std::move(item));
    }
    result.ok = true;
    return result;
}

QString normalizeEventId(const QString &id)
{
    QString hex;
    hex.reserve(32);
    if (id.size() == 32) {
        hex = id;
    } else if (id.size() == 36 && id.at(8) == u'-' && id.at(13) == u'-' && id.at(18) == u'-' && id.at(23) == u'-') {
        hex = id;
        hex.remove(u'-');
    } else {
        return {};
    }
    if (hex.size() != 32)
        return {};
    for (QChar c : hex) {
        if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F')))
            return {};
    }
    return hex.toLower();
}

} // namespace homeport::errors
