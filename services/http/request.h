#pragma once
// Request: the head of an HTTP request (method, target, headers, query, route captures, peer)
// plus its body in whichever sink the route chose. Implicitly shared members make copies cheap,
// so async handlers may keep one.
// Thread affinity: a value; the body file and consumer belong to the HttpServer's thread.

#include "response.h"

#include <QHostAddress>
#include <QString>
#include <QStringList>
#include <QTemporaryFile>

#include <memory>

class QTcpSocket;

namespace homeport::http {

class BodyConsumer;

class Request
{
public:
    const QByteArray &method() const { return m_method; }
    // The request-target exactly as received, e.g. "/a%20b/c?x=1".
    const QByteArray &target() const { return m_target; }
    // Percent-decoded path without the query, e.g. "/a b/c".
    const QString &path() const { return m_path; }
    const QByteArray &rawPath() const { return m_rawPath; }
    // Undecoded query string without '?' (SigV4 canonicalises from this).
    const QByteArray &rawQuery() const { return m_rawQuery; }
    int httpVersion() const { return m_version; } // 10 or 11

    const HeaderList &headers() const { return m_headers; }
    // Case-insensitive; the first value, empty when absent.
    QByteArray header(QByteArrayView name) const { return headerValue(m_headers, name); }
    bool hasHeader(QByteArrayView name) const { return http::hasHeader(m_headers, name); }
    QList<QByteArray> headerValues(QByteArrayView name) const;

    // Decoded query items in order; '+' decodes to a space as HTML forms and axios send it.
    const QList<QPair<QString, QString>> &queryItems() const { return m_query; }
    bool hasQueryItem(const QString &name) const;
    QString queryValue(const QString &name) const; // first value
    QStringList queryValues(const QString &name) const;

    // Route captures: "{bucket}" -> capture("bucket"). Percent-decoded.
    QString capture(const QString &name) const;
    const QList<QPair<QString, QString>> &captures() const { return m_captures; }

    const QHostAddress &remoteAddress() const { return m_remoteAddress; }
    quint16 remotePort() const { return m_remotePort; }

    // BodyPolicy::Sink::Memory: the whole (decoded) body.
    const QByteArray &body() const { return m_body; }
    // BodyPolicy::Sink::File: the spooled body, rewound to the start. The file is removed when
    // the last Request copy goes, unless the handler renames it (QTemporaryFile::rename) or
    // calls setAutoRemove(false).
    QTemporaryFile *bodyFile() const { return m_bodyFile.get(); }
    // BodyPolicy::Sink::Consumer: the consumer that saw the body (finish() already called).
    BodyConsumer *bodyConsumer() const { return m_consumer.get(); }
    // Body bytes as received on the wire (before Content-Encoding decoding).
    qint64 bodyBytesReceived() const { return m_bodyWireBytes; }

    // In a WebSocket route's handler: the socket HttpServer handed to the QWebSocket (a QSslSocket
    // over TLS), for writing frames built once (websocket_frames.h). The QWebSocket owns it; null
    // everywhere else.
    QTcpSocket *webSocketTransport() const { return m_webSocketTransport; }

private:
    friend class HttpConnection;
    friend class HttpServer;
    friend class Router;

    void setTarget(const QByteArray &target);

    QByteArray m_method;
    QByteArray m_target;
    QByteArray m_rawPath;
    QByteArray m_rawQuery;
    QString m_path;
    int m_version = 11;
    HeaderList m_headers;
    QList<QPair<QString, QString>> m_query;
    QList<QPair<QString, QString>> m_captures;
    QHostAddress m_remoteAddress;
    quint16 m_remotePort = 0;
    QByteArray m_body;
    std::shared_ptr<QTemporaryFile> m_bodyFile;
    std::shared_ptr<BodyConsumer> m_consumer;
    qint64 m_bodyWireBytes = 0;
    QTcpSocket *m_webSocketTransport = nullptr;
};

// Percent-decodes to UTF-8 text; with plusIsSpace, '+' becomes ' ' (query strings).
QString decodeComponent(QByteArrayView raw, bool plusIsSpace = false);

} // namespace homeport::http
