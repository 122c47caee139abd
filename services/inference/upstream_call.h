#pragma once
// UpstreamCall: one OpenAI request forwarded to a pod. Tries the pods in the order the pool gave,
// moving on when a pod refuses the connection, does not connect or send the first byte of its
// answer in time, or answers 5xx, as long as nothing reached the client. Streams (SSE) go through
// event by event as the pod sends them, from the pod's first event on (until then another pod may
// still take the request); a pod failing mid-stream ends the stream with an error event the openai
// SDKs raise. Time limits (UpstreamLimits) end the call with 504 and code "timeout" before the
// first byte, or with such an error event mid-stream. A client that goes away aborts the upstream
// request. Usage from the answer is counted per pod and model in core Metrics.
// Requests go out through the engine's HttpClient (keep-alive connections per pod, as many as
// there are requests in flight).
// Thread affinity: the inference service's thread; deletes itself when done.

#include "upstream_limits.h"

#include "http/http_client.h"
#include "http/responder.h"

#include <QBasicTimer>
#include <QElapsedTimer>
#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

namespace homeport::core {
class Metrics;
}

namespace homeport::inference {

class PodPool;

// How a forwarded request ended, for the usage log and the key's limits.
struct CallOutcome
{
    QString pod;               // the last pod tried; empty when none was
    int status = 0;            // what the client got; 499 when it went away first, 504 on a time limit
    qint64 promptTokens = -1;  // -1: the pod did not say
    qint64 completionTokens = -1;
    double firstByteMs = -1;   // start to the first byte of the answer sent to the client
    double totalMs = 0;        // start to the end of the answer
};

class UpstreamCall : public QObject
{
    Q_OBJECT
public:
    struct Target
    {
        QString path;     // after the base URL, e.g. "/chat/completions"
        QByteArray body;  // forwarded unchanged
        QString model;
        bool stream = false;
        UpstreamLimits limits;
        // The gateway asked the pod for stream usage the client did not ask for: the usage chunk
        // and "usage":null fields are counted but not passed on.
        bool hideUsage = false;
        // Added to whatever the client gets (the key's x-ratelimit-* headers).
        QList<QPair<QByteArray, QByteArray>> responseHeaders;
        // Called once when the call ends, however it ends.
        std::function<void(const CallOutcome &)> finished;
    };

    UpstreamCall(PodPool *pool, http::HttpClient *client, core::Metrics *metrics, Target target,
                 http::Responder responder);
    ~UpstreamCall() override;
    void start(const QList<int> &pods);

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    void tryNext();
    void onHead(int status, const http::HeaderList &headers);
    void onBody(const char *data, qsizetype size);
    void onDone(http::ClientError error, const QString &message);
    void dropUpstream();
    void beginStream(int status);
    void forwardCompleteEvents();
    static QByteArray withoutUsage(const QByteArray &events);
    void noteUsage(const QByteArray &json);
    void finish();
    void releasePod();
    // Counts the failed attempt on the current pod and tries the next one.
    void failOver();
    void cancel();
    // finalAnswer: the gateway already tried what a retry would (x-should-retry: false, which the
    // openai SDKs obey), so a client does not wait out the same limits again.
    void sendFailure(int status, const QByteArray &body, bool finalAnswer = false);
    // The first-token and total limits: one timer, set for whichever is due first.
    void armLimitTimer();
    void onLimitTimer();
    void notePodAnswered();
    void noteTimeout(UpstreamLimit limit);
    void addHeaders(http::Response &response) const;
    void noteFirstByte();

    PodPool *m_pool;
    http::HttpClient *m_client;
    core::Metrics *m_metrics;
    Target m_target;
    http::Responder m_res;
    QList<int> m_pods;
    int m_current = -1;  // pod index of the request in flight
    std::shared_ptr<http::ClientCall> m_upstream;
    int m_upstreamStatus = 0;    // 0 until the pod's head arrived
    QByteArray m_upstreamType;  // the pod's Content-Type
    QByteArray m_pending; // non-stream: the whole answer; stream: the partial event not yet forwarded
    bool m_begun = false; // response head sent to the client
    bool m_done = false;
    bool m_sawDone = false; // the stream's closing "data: [DONE]" went through
    bool m_holdingPod = false;
    qint64 m_promptTokens = -1;
    qint64 m_completionTokens = -1;
    QString m_lastFailure;
    QElapsedTimer m_clock;        // since the call started (the total limit)
    QElapsedTimer m_attemptClock; // since the request went to the current pod (its first-token limit)
    QBasicTimer m_limitTimer;     // no QObject of its own: one per request in flight
    bool m_podAnswered = false;   // the current pod sent a byte of its answer (or an error head)
    std::optional<UpstreamLimit> m_lastTimeout; // the last pod's failure was this limit
    double m_firstByteMs = -1;
    int m_status = 0;
};

} // namespace homeport::inference
