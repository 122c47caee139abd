#pragma once
// LoopbackClient: sends a console's requests to its own service's port over loopback, so they
// pass the same auth, routes, limits and error formatting as any client's request. It keeps the
// requests still out by the console's request id; the service's bridge adds its own auth.
// Thread affinity: the thread of the bridge that owns it (the service's thread).

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QPointer>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace homeport::http {

class HttpServer;

class LoopbackClient : public QObject
{
    Q_OBJECT
public:
    // Called once a reply has arrived, with the request id it was tracked under; the reply is
    // deleted later.
    using Finished = std::function<void(quint64 requestId, QNetworkReply *reply)>;

    // `bindAddress` is what the server listens on: requests dial it (loopback when it listens
    // on every address).
    LoopbackClient(HttpServer *server, const QHostAddress &bindAddress, QObject *parent);

    bool isListening() const;
    // The address dialled: 127.0.0.1, ::1 or the bound address.
    QString host() const { return m_host; }
    quint16 port() const;
    // host:port as a Host header carries it (IPv6 in brackets).
    QString authority() const;
    QNetworkAccessManager *network() const { return m_network; }

    // Tracks `reply` under `requestId` until it finishes, then calls `onFinished`.
    void track(quint64 requestId, QNetworkReply *reply, Finished onFinished);
    // Aborts every request still out and returns their ids, so the caller can answer them.
    QList<quint64> abortAll();

private:
    QPointer<HttpServer> m_server;
    QString m_host;
    QNetworkAccessManager *m_network;
    QHash<QNetworkReply *, quint64> m_pending;
};

} // namespace homeport::http
