#pragma once
// Response: a complete HTTP response as a value (status, headers, body). Services build these
// for ordinary answers and in their error formatter; streaming answers go through Responder.
// Thread affinity: none (a plain value).

#include <QByteArray>
#include <QList>
#include <QPair>

namespace homeport::http {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

// First value of a header, compared case-insensitively; empty when absent.
QByteArray headerValue(const HeaderList &headers, QByteArrayView name);
bool hasHeader(const HeaderList &headers, QByteArrayView name);

struct Response
{
    int status = 200;
    HeaderList headers;
    QByteArray body;

    Response() = default;
    Response(int status, const QByteArray &contentType, const QByteArray &body);
    static Response json(int status, const QByteArray &json);
    static Response text(int status, const QByteArray &text);

    // Replaces every header of that name (case-insensitive).
    Response &setHeader(const QByteArray &name, const QByteArray &value);
    // Keeps existing ones, for headers that may repeat (Set-Cookie, Vary).
    Response &addHeader(const QByteArray &name, const QByteArray &value);
    QByteArray header(QByteArrayView name) const { return headerValue(headers, name); }
};

// "Not Found" for 404 etc.; "Unknown" for codes the engine has no phrase for.
QByteArray reasonPhrase(int status);

} // namespace homeport::http
