#pragma once
// JsonWriter: compact JSON written straight into a QByteArray, byte for byte as
// QJsonDocument::toJson(QJsonDocument::Compact) writes the same values, for answers too hot to
// build as QJsonObject trees first (the search answer). The caller writes object members in the
// order QJsonObject keeps them (keys sorted); the writer adds the commas and colons.
// Numbers follow QJsonValue: integers as digits; a double as an integer when QJsonValue stores it
// as one (integral, within ±2^53), else the shortest form that reads back the same ('g'), and
// null when not finite. Strings escape what QJsonDocument escapes: '"', '\\', control characters
// (\b \f \n \r \t, else \u00XX) and lone surrogates (\uXXXX); the rest is UTF-8.
// Thread affinity: none (a value writing into the caller's buffer).

#include <QByteArray>
#include <QStringView>

#include <cstddef>

class QJsonValue;
class QJsonObject;
class QJsonArray;

namespace homeport::search {

class JsonWriter
{
public:
    explicit JsonWriter(QByteArray *out) : m_out(out) {}

    void beginObject() { open('{'); }
    void endObject() { close('}'); }
    void beginArray() { open('['); }
    void endArray() { close(']'); }
    // An object member's key (the value follows with one of the calls below).
    void key(QStringView name);
    void key(QLatin1StringView name); // bytes written as they are: ASCII with nothing to escape, or already escaped
    template<size_t N> void key(const char (&ascii)[N]) { key(QLatin1StringView(ascii, qsizetype(N - 1))); }

    void string(QStringView s);
    void integer(qint64 n);
    void number(double d);
    void boolean(bool b);
    void null();
    // A value already written as compact JSON (a stored document, a value written before).
    void raw(QByteArrayView json);
    // Any QJsonValue, arrays and objects through QJsonDocument (for the rare members not worth
    // writing by hand).
    void value(const QJsonValue &v);
    void object(const QJsonObject &o);
    void array(const QJsonArray &a);

    // `s` as QJsonDocument writes a string's contents (without the quotes).
    static void appendEscaped(QByteArray &out, QStringView s);
    // A double as QJsonValue(d) is written.
    static void appendNumber(QByteArray &out, double d);
    static void appendInteger(QByteArray &out, qint64 n);
    // Bytes at the end of `out` (without QByteArray::append's general insert path; room doubles).
    static void appendBytes(QByteArray &out, QByteArrayView bytes);
    // Room for n more bytes at the end of `out`: where to write them.
    static char *grow(QByteArray &out, qsizetype n);

private:
    void separate()
    {
        if (m_afterKey)
            m_afterKey = false;
        else if (m_depth > 0 && !(m_empty & (quint64(1) << (m_depth - 1) % 64)))
            m_out->append(',');
        if (m_depth > 0)
            m_empty &= ~(quint64(1) << (m_depth - 1) % 64);
    }
    void open(char c)
    {
        separate();
        m_out->append(c);
        ++m_depth;
        m_empty |= quint64(1) << (m_depth - 1) % 64;
    }
    void close(char c)
    {
        m_out->append(c);
        --m_depth;
    }

    QByteArray *m_out;
    int m_depth = 0;
    quint64 m_empty = 0;   // per open level (up to 64 deep): nothing written in it yet
    bool m_afterKey = false;
};

} // namespace homeport::search
