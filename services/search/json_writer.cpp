#include "json_writer.h"

#include <QCborValue>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QLocale>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <cmath>

namespace homeport::search {

namespace {

char hexDigit(uint u)
{
    return char(u < 10 ? '0' + u : 'a' + u - 10);
}

} // namespace

char *JsonWriter::grow(QByteArray &out, qsizetype n)
{
    const qsizetype at = out.size();
    if (out.capacity() < at + n)
        out.reserve(std::max(at + n, out.capacity() * 2));
    out.resize(at + n);
    return out.data() + at;
}

void JsonWriter::appendBytes(QByteArray &out, QByteArrayView bytes)
{
    if (!bytes.isEmpty())
        std::memcpy(grow(out, bytes.size()), bytes.data(), size_t(bytes.size()));
}

void JsonWriter::appendEscaped(QByteArray &out, QStringView s)
{
    const char16_t *p = s.utf16();
    const char16_t *const end = p + s.size();
    // (at most six bytes per UTF-16 unit: \uXXXX; written through a pointer into room made once)
    char *o = grow(out, s.size() * 6);
    while (p != end) {
        const char16_t u = *p++;
        if (u < 0x80) {
            if (u >= 0x20 && u != u'"' && u != u'\\') {
                *o++ = char(u);
                continue;
            }
            *o++ = '\\';
            switch (u) {
            case u'"': *o++ = '"'; break;
            case u'\\': *o++ = '\\'; break;
            case 0x08: *o++ = 'b'; break;
            case 0x0c: *o++ = 'f'; break;
            case 0x0a: *o++ = 'n'; break;
            case 0x0d: *o++ = 'r'; break;
            case 0x09: *o++ = 't'; break;
            default:
                *o++ = 'u';
                *o++ = '0';
                *o++ = '0';
                *o++ = hexDigit(u >> 4);
                *o++ = hexDigit(u & 0xf);
            }
        } else if (u < 0x800) {
            *o++ = char(0xc0 | (u >> 6));
            *o++ = char(0x80 | (u & 0x3f));
        } else if (u >= 0xd800 && u <= 0xdbff && p != end && *p >= 0xdc00 && *p <= 0xdfff) {
            const char32_t c = 0x10000 + ((char32_t(u) - 0xd800) << 10) + (char32_t(*p++) - 0xdc00);
            *o++ = char(0xf0 | (c >> 18));
            *o++ = char(0x80 | ((c >> 12) & 0x3f));
            *o++ = char(0x80 | ((c >> 6) & 0x3f));
            *o++ = char(0x80 | (c & 0x3f));
        } else if (u >= 0xd800 && u <= 0xdfff) {
            // a surrogate without its other half: not UTF-8, so escaped as it stands
            *o++ = '\\';
            *o++ = 'u';
            *o++ = hexDigit(u >> 12);
            *o++ = hexDigit((u >> 8) & 0xf);
            *o++ = hexDigit((u >> 4) & 0xf);
            *o++ = hexDigit(u & 0xf);
        } else {
            *o++ = char(0xe0 | (u >> 12));
            *o++ = char(0x80 | ((u >> 6) & 0x3f));
            *o++ = char(0x80 | (u & 0x3f));
        }
    }
    out.resize(o - out.constData());
}

void JsonWriter::appendInteger(QByteArray &out, qint64 n)
{
    char digits[24];
    const auto r = std::to_chars(digits, digits + sizeof digits, n);
    appendBytes(out, QByteArrayView(digits, r.ptr - digits));
}

void JsonWriter::appendNumber(QByteArray &out, double d)
{
    // QJsonValue keeps an integral double that an integer holds without gaining precision as
    // that integer, and QJsonDocument writes it so.
    const QCborValue stored = QCborValue::fromJsonValue(QJsonValue(d));
    if (stored.isInteger())
        appendInteger(out, stored.toInteger());
    else if (std::isfinite(d))
        out.append(QByteArray::number(d, 'g', QLocale::FloatingPointShortest));
    else
        out.append("null");
}

void JsonWriter::key(QStringView name)
{
    separate();
    m_out->append('"');
    appendEscaped(*m_out, name);
    m_out->append("\":", 2);
    m_afterKey = true;
}

void JsonWriter::key(QLatin1StringView name)
{
    separate();
    char *o = grow(*m_out, name.size() + 3);
    *o++ = '"';
    std::memcpy(o, name.data(), size_t(name.size()));
    o += name.size();
    *o++ = '"';
    *o = ':';
    m_afterKey = true;
}

void JsonWriter::string(QStringView s)
{
    separate();
    m_out->append('"');
    appendEscaped(*m_out, s);
    m_out->append('"');
}

void JsonWriter::integer(qint64 n)
{
    separate();
    appendInteger(*m_out, n);
}

void JsonWriter::number(double d)
{
    separate();
    appendNumber(*m_out, d);
}

void JsonWriter::boolean(bool b)
{
    separate();
    if (b)
        m_out->append("true", 4);
    else
        m_out->append("false", 5);
}

void JsonWriter::null()
{
    separate();
    m_out->append("null", 4);
}

void JsonWriter::raw(QByteArrayView json)
{
    separate();
    appendBytes(*m_out, json);
}

void JsonWriter::object(const QJsonObject &o)
{
    raw(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

void JsonWriter::array(const QJsonArray &a)
{
    raw(QJsonDocument(a).toJson(QJsonDocument::Compact));
}

void JsonWriter::value(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Bool:
        return boolean(v.toBool());
    case QJsonValue::Double:
        // (an integer member reads back as an integer; a double as QJsonValue keeps it)
        if (const QCborValue stored = QCborValue::fromJsonValue(v); stored.isInteger())
            return integer(stored.toInteger());
        return number(v.toDouble());
    case QJsonValue::String:
        return string(v.toString());
    case QJsonValue::Array:
        return array(v.toArray());
    case QJsonValue::Object:
        return object(v.toObject());
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return null();
    }
}

} // namespace homeport::search
