#include "request.h"

namespace homeport::http {

QString decodeComponent(QByteArrayView raw, bool plusIsSpace)
{
    // Most paths and values are plain; skip the copy-and-decode then.
    if (!raw.contains('%') && !(plusIsSpace && raw.contains('+')))
        return QString::fromUtf8(raw);
    QByteArray bytes = raw.toByteArray();
    if (plusIsSpace)
        bytes.replace('+', ' ');
    return QString::fromUtf8(QByteArray::fromPercentEncoding(bytes));
}

void Request::setTarget(const QByteArray &target)
{
    m_target = target;
    const qsizetype q = target.indexOf('?');
    m_rawPath = q < 0 ? target : target.left(q);
    m_rawQuery = q < 0 ? QByteArray() : target.mid(q + 1);
    m_path = decodeComponent(m_rawPath);
    m_query.clear();
    if (m_rawQuery.isEmpty())
        return;
    const QByteArrayView query(m_rawQuery);
    qsizetype start = 0;
    while (start <= query.size()) {
        qsizetype end = query.indexOf('&', start);
        if (end < 0)
            end = query.size();
        const QByteArrayView item = query.sliced(start, end - start);
        start = end + 1;
        if (item.isEmpty())
            continue;
        const qsizetype eq = item.indexOf('=');
        if (eq < 0)
            m_query.append({decodeComponent(item, true), QString()});
        else
            m_query.append({decodeComponent(item.first(eq), true), decodeComponent(item.sliced(eq + 1), true)});
    }
}

QList<QByteArray> Request::headerValues(QByteArrayView name) const
{
    QList<QByteArray> values;
    for (const auto &h : m_headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            values.append(h.second);
    }
    return values;
}

bool Request::hasQueryItem(const QString &name) const
{
    for (const auto &item : m_query) {
        if (item.first == name)
            return true;
    }
    return false;
}

QString Request::queryValue(const QString &name) const
{
    for (const auto &item : m_query) {
        if (item.first == name)
            return item.second;
    }
    return {};
}

QStringList Request::queryValues(const QString &name) const
{
    QStringList values;
    for (const auto &item : m_query) {
        if (item.first == name)
            values.append(item.second);
    }
    return values;
}

QString Request::capture(const QString &name) const
{
    for (const auto &c : m_captures) {
        if (c.first == name)
            return c.second;
    }
    return {};
}

} // namespace homeport::http
