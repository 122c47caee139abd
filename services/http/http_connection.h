#pragma once
// HttpConnection: one client connection of an HttpServer (internal to homeport_http). Feeds the
// socket's bytes to Boost.Beast's parser (kept in the .cpp), routes each request, moves the body
// into the route's sink and writes the responses in order.
// Thread affinity: the HttpServer's thread; owned by the server, deleted when the socket closes.

#include "body_policy.h"
#include "request.h"
#include "response.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>
#include <vector>

class QIODevice;
class QSocketNotifier;
class QTcpSocket;

namespace homeport::http {

class ContentDecoder;
class HttpConnection;
class HttpServer;
class Route;

// One request/response exchange, shared by every copy of its Responder.
struct Exchange
{
    QPointer<HttpConnection> connection; // null once finished or the client has gone
    bool started = false;                 // the status line has been written
    std::vector<std::function<void()>> abortCallbacks;
    ~Exchange();
};

class HttpConnection : public QObject
{
    Q_OBJECT
public:
    HttpConnection(QTcpSocket *socket, HttpServer *server);
    ~HttpConnection() override;

    // Called by the server's sweep timer with the server clock.
    void checkDeadline(qint64 nowMs);
    // Graceful shutdown: close now if idle, else after the response in flight.
    void beginShutdown();
    void abort();
    // Answers 503 and closes: the server is at its connection cap.
    void refuse(const Response &response);

    // Responder's side.
    void respond(Response response);
    void respondDevice(Response head, std::unique_ptr<QIODevice> device, qint64 length);
    void beginChunked(Response head);
    void writeChunk(const QByteArray &data);
    void endChunked();
    qint64 bytesPending() const;
    // The last Responder copy is gone; answers 500 if nothing was sent.
    void exchangeDropped(bool started);

private:
    struct Parser;
    friend struct Parser;
    struct ResumeToken;
    enum class Deadline { None, Idle, Header, Body };
    enum class Framing { Length, Chunked, CloseDelimited };

    void onReadyRead();
    void process();
    void startRequest();
    bool tryWebSocketUpgrade();
    bool onHead();
    bool onBody(const char *data, qsizetype size);
    bool checkDecoder(int result);
    void setFailure(int status, const QString &message);
    bool writeToSink(const char *data, qsizetype size);
    void onComplete();
    void completeRequest();
    bool holdBack(bool finishing);
    void resumeBody();
    void fail(int status, const QString &message);
    void sendEngineResponse(Response response, bool close);
    QByteArray composeHead(const Response &response, Framing framing, qint64 length);
    void send(const QByteArray &bytes);
    void pump();
    bool pumpFileRegion(); // false: not (or no longer) possible, fall back to reading the device
    void dropSendNotifier();
    void finishExchange();
    void closeAfterWrite();
    void onDisconnected();
    void setDeadline(Deadline kind, int timeoutMs);

    HttpServer *m_server;
    QTcpSocket *m_socket;
    std::unique_ptr<Parser> m_parser;

    QByteArray m_in; // bytes read from the socket, not yet given to the parser
    qsizetype m_inPos = 0;
    bool m_processing = false; // inside process(): responses must not re-enter it
    bool m_busy = false;       // a request is being handled; pipelined bytes wait
    bool m_headHandled = false;
    bool m_keepAlive = true;
    bool m_closing = false;
    bool m_gone = false;
    bool m_heldBack = false;   // the body consumer asked us to wait (holdsBack)
    bool m_finishHeld = false; // ... before finish(), with the whole body read
    std::shared_ptr<ResumeToken> m_resumeToken; // how another thread wakes us; cleared on destruction

    Request m_request;
    const Route *m_route = nullptr;
    BodyPolicy m_policy;
    std::unique_ptr<ContentDecoder> m_decoder;
    std::shared_ptr<QTemporaryFile> m_bodyFile;
    std::shared_ptr<BodyConsumer> m_consumer;
    int m_failStatus = 0;
    QString m_failMessage;
    std::function<bool(const char *, qsizetype)> m_decodedSink;
    QHostAddress m_peerAddress;
    quint16 m_peerPort = 0;

    Exchange *m_exchange = nullptr; // owned by the Responder copies
    bool m_headOnly = false;        // HEAD: headers only
    Framing m_framing = Framing::Length;
    std::unique_ptr<QIODevice> m_outDevice;
    qint64 m_outRemaining = 0;
    bool m_pumping = false;
    // sendfile() path of respondDevice (plain TCP, a file-backed device): the device position
    // the kernel sends from next, and a notifier for when the socket can take more.
    bool m_sendFile = false;
    qint64 m_sendPos = 0;
    std::unique_ptr<QSocketNotifier> m_sendNotifier;
    int m_status = 0;

    QElapsedTimer m_requestTimer;
    qint64 m_requestBytesIn = 0;
    qint64 m_requestBytesOut = 0;
    Deadline m_deadlineKind = Deadline::Idle;
    qint64 m_deadline = 0;
};

} // namespace homeport::http
