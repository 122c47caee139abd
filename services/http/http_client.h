#pragma once
// HttpClient: HTTP/1.1 requests to upstream servers on the engine's own parser (Beast), over
// keep-alive connections pooled per origin (scheme, host, port). Unlike QNetworkAccessManager,
// which opens at most six connections per host and queues the rest, it opens as many as there
// are requests in flight (up to maxConnectionsPerOrigin), so a proxy such as the inference
// gateway does not serialise its clients behind six sockets. Answers stream: the head, then
// each piece of the body as it arrives, then the end. Idle connections close after
// idleConnectionMs (below the usual 5 s keep-alive of uvicorn and Node servers, so a request is
// rarely sent on a connection the server is closing; when that happens before any byte of the
// answer came back, the request is sent once more on a new connection).
// Thread affinity: the thread that created it; every callback runs there.

#include "response.h"

#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>
#include <memory>

namespace homeport::http {

struct ClientRequest
{
    QByteArray method = "GET";
    QUrl url;                 // http or https; path and query are sent as they are
    HeaderList headers;       // Host, Content-Length and Connection are added
    QByteArray body;
    int connectTimeoutMs = 10'000;
    int inactivityTimeoutMs = 600'000; // no byte in either direction for this long: timed out
};

enum class ClientError {
    None,
    ConnectionRefused, // nothing answered at the address
    HostNotFound,
    ConnectTimeout,    // no connection within connectTimeoutMs
    Timeout,           // connected, then no byte in either direction for inactivityTimeoutMs
    ConnectionClosed,  // the server closed or reset the connection before the answer was complete
    Protocol,          // not a valid HTTP/1.1 answer
    Tls,
    Aborted,           // abort() was called (no callback reports it)
};

// One request in flight. Callbacks run in order head, body*, done; done runs exactly once unless
// abort() was called first. The call may be dropped (and aborted) from any callback.
class ClientCall
{
public:
    std::function<void(int status, const HeaderList &headers)> onHead;
    std::function<void(const char *data, qsizetype size)> onBody;
    std::function<void(ClientError error, const QString &message)> onDone;

    // Closes the connection (it is not reused) and silences the callbacks.
    void abort();
    bool isFinished() const { return m_finished; }

private:
    friend class HttpClient;
    friend class ClientConnection;
    ClientRequest m_request;
    class ClientConnection *m_connection = nullptr;
    bool m_finished = false;
    bool m_retried = false;
    class HttpClient *m_client = nullptr;
};

class HttpClient : public QObject
{
    Q_OBJECT
public:
    explicit HttpClient(QObject *parent = nullptr);
    ~HttpClient() override;

    // Sends at once on an idle connection of the origin, or a new one; queued only when the
    // origin already has maxConnectionsPerOrigin busy. Set the call's callbacks before returning
    // to the event loop (nothing is reported inside send()).
    std::shared_ptr<ClientCall> send(ClientRequest request);

    void setMaxConnectionsPerOrigin(int n) { m_maxPerOrigin = n; }
    void setIdleConnectionMs(int ms) { m_idleMs = ms; }
    // For tests and diagnostics.
    int openConnections() const;
    int idleConnections() const;

private:
    friend class ClientConnection;
    friend class ClientCall;
    struct Origin;
    Origin &originOf(const QUrl &url);
    void dispatch(Origin &origin);
    void connectionIdle(ClientConnection *connection);
    void connectionGone(ClientConnection *connection);
    void retry(std::shared_ptr<ClientCall> call);

    std::vector<std::unique_ptr<Origin>> m_origins;
    int m_maxPerOrigin = 1024;
    int m_idleMs = 4000;
};

} // namespace homeport::http
