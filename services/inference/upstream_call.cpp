#include "upstream_call.h"

#include "openai_error.h"
#include "pod_pool.h"

#include "core/logging.h"
#include "core/metrics.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTimerEvent>
#include <QUrl>

#include <algorithm>

namespace homeport::inference {

namespace {

constexpr qint64 kMaxBufferedAnswerBytes = 256LL << 20;

// Where the last complete SSE event ends (after its blank line), or -1.
qsizetype endOfCompleteEvents(const QByteArray &data)
{
    const qsizetype lf = data.lastIndexOf("\n\n");
    const qsizetype crlf = data.lastIndexOf("\n\r\n");
    const qsizetype a = lf < 0 ? -1 : lf + 2;
    const qsizetype b = crlf < 0 ? -1 : crlf + 3;
    return std::max(a, b);
}

} // namespace

UpstreamCall::UpstreamCall(PodPool *pool, http::HttpClient *client, core::Metrics *metrics, Target target,
                           http::Responder responder)
    : QObject(pool), m_pool(pool), m_client(client), m_metrics(metrics), m_target(std::move(target)),
      m_res(std::move(responder))
{
    m_clock.start();
    m_attemptClock.start();
}

UpstreamCall::~UpstreamCall()
{
    dropUpstream(); // the service is closing with this call unfinished
}

void UpstreamCall::dropUpstream()
{
    if (m_upstream)
        m_upstream->abort();
    m_upstream.reset();
}

void UpstreamCall::start(const QList<int> &pods)
{
    m_pods = pods;
    QPointer<UpstreamCall> self(this);
    m_res.onAborted([self] {
        if (self)
            self->cancel();
    });
    tryNext();
}

void UpstreamCall::tryNext()
{
    if (m_pods.isEmpty()) {
        if (m_lastTimeout) {
            const QString message = tr("no pod serving model '%1' answered in time: %2").arg(m_target.model, m_lastFailure);
            return sendFailure(504, openAiErrorBody(504, message, {}, QStringLiteral("timeout")), true);
        }
        const QString message = tr("no pod could serve model '%1': %2").arg(m_target.model, m_lastFailure);
        return sendFailure(502, openAiErrorBody(502, message, {}, QStringLiteral("upstream_unavailable")));
    }
    m_current = m_pods.takeFirst();
    m_pool->acquire(m_current);
    m_holdingPod = true;
    m_pending.clear();
    m_upstreamStatus = 0;
    m_upstreamType.clear();
    m_podAnswered = false;
    m_attemptClock.start();
    const Pod &pod = m_pool->pod(m_current);
    http::ClientRequest request;
    request.method = "POST";
    request.url = QUrl(pod.baseUrl + m_target.path);
    if (!pod.apiKey.isEmpty())
        request.headers.append({QByteArrayLiteral("Authorization"), "Bearer " + pod.apiKey});
    request.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    request.headers.append({QByteArrayLiteral("Accept"), m_target.stream ? QByteArrayLiteral("text/event-stream") : QByteArrayLiteral("application/json")});
    // Bytes go through as they come: no compression asked for.
    request.headers.append({QByteArrayLiteral("Accept-Encoding"), QByteArrayLiteral("identity")});
    request.body = m_target.body;
    request.connectTimeoutMs = m_target.limits.connectMs;
    request.inactivityTimeoutMs = m_target.limits.inactivityMs;
    m_upstream = m_client->send(std::move(request));
    m_upstream->onHead = [this](int status, const http::HeaderList &headers) { onHead(status, headers); };
    m_upstream->onBody = [this](const char *data, qsizetype size) { onBody(data, size); };
    m_upstream->onDone = [this](http::ClientError error, const QString &message) { onDone(error, message); };
    armLimitTimer();
}

void UpstreamCall::armLimitTimer()
{
    const std::optional<DueLimit> due = nextDueLimit(m_target.limits, m_clock.elapsed(), m_attemptClock.elapsed(), m_podAnswered);
    if (!due)
        return m_limitTimer.stop();
    // A coarse timer may fire up to 5% early; onLimitTimer() would only set it again.
    m_limitTimer.start(int(std::max<qint64>(0, due->inMs)), Qt::PreciseTimer, this);
}

void UpstreamCall::timerEvent(QTimerEvent *event)
{
    if (event->timerId() != m_limitTimer.timerId())
        return QObject::timerEvent(event);
    m_limitTimer.stop(); // one shot: armLimitTimer() sets it again when another limit is left
    onLimitTimer();
}

void UpstreamCall::onLimitTimer()
{
    if (m_done)
        return;
    const std::optional<DueLimit> due = nextDueLimit(m_target.limits, m_clock.elapsed(), m_attemptClock.elapsed(), m_podAnswered);
    if (!due)
        return;
    if (due->inMs > 0)
        return armLimitTimer();
    const Pod &pod = m_pool->pod(m_current);
    dropUpstream(); // the pod stops working on it (vLLM aborts a request whose client went)
    if (due->limit == UpstreamLimit::FirstToken) {
        // Nothing reached the client yet: another pod may answer in time. This one is skipped
        // until its next health check, as a pod that does not answer at all is.
        const QString reason = tr("no first byte of the answer within %1 ms (%2)").arg(m_target.limits.firstTokenMs).arg(limitSetting(UpstreamLimit::FirstToken));
        noteTimeout(UpstreamLimit::FirstToken);
        m_lastFailure = tr("pod %1: %2").arg(pod.name, reason);
        m_pool->markDown(m_current, reason);
        return failOver();
    }
    noteTimeout(UpstreamLimit::Total);
    const QString text = tr("the request took longer than the gateway's limit of %1 ms (%2); pod %3 was answering")
                             .arg(m_target.limits.totalMs).arg(limitSetting(UpstreamLimit::Total), pod.name);
    qCWarning(lcInference).noquote() << text;
    if (!m_begun)
        return sendFailure(504, openAiErrorBody(504, text, {}, QStringLiteral("timeout")), true);
    // Mid-stream: what the pod sent so far went through; the stream ends with the error (a partial
    // event still buffered is dropped, so the error event stands on its own).
    m_res.write("data: " + openAiErrorBody(504, text, {}, QStringLiteral("timeout")) + "\n\n");
    m_status = 504;
    m_res.end();
    finish();
}

void UpstreamCall::notePodAnswered()
{
    if (m_podAnswered)
        return;
    m_podAnswered = true;
    armLimitTimer(); // only the total limit is left
}

void UpstreamCall::noteTimeout(UpstreamLimit limit)
{
    m_lastTimeout = limit;
    if (m_metrics && m_current >= 0)
        m_metrics->increment(QStringLiteral("homeport_inference_timeouts_total"),
                             QStringLiteral("pod=\"%1\",limit=\"%2\"").arg(labelValue(m_pool->pod(m_current).name), limitName(limit)));
}

void UpstreamCall::onHead(int status, const http::HeaderList &headers)
{
    if (m_done)
        return;
    m_upstreamStatus = status;
    m_upstreamType = http::headerValue(headers, "Content-Type");
    if (status < 200 || status >= 300)
        notePodAnswered(); // an error is an answer; its body follows at once
    if (!m_begun && status >= 500 && !m_pods.isEmpty()) {
        // Nothing went to the client yet: another pod may answer instead.
        m_lastFailure = tr("pod %1 answered %2").arg(m_pool->pod(m_current).name).arg(status);
        m_lastTimeout.reset();
        dropUpstream();
        return failOver();
    }
    // A stream begins with the pod's first event (onBody), not its head: vLLM sends the head at
    // once and the first event only when the first token is out, and until then another pod may
    // still take the request.
}

void UpstreamCall::onBody(const char *data, qsizetype size)
{
    if (m_done)
        return;
    if (size > 0)
        notePodAnswered();
    m_pending.append(data, size);
    if (!m_begun && m_target.stream && m_upstreamStatus >= 200 && m_upstreamStatus < 300)
        beginStream(m_upstreamStatus);
    if (m_begun) {
        forwardCompleteEvents();
    } else if (m_pending.size() > kMaxBufferedAnswerBytes) {
        dropUpstream();
        sendFailure(502, openAiErrorBody(502, tr("the answer of pod %1 is larger than the gateway buffers").arg(m_pool->pod(m_current).name)));
    }
}

void UpstreamCall::beginStream(int status)
{
    http::Response head;
    head.status = status;
    head.setHeader("Content-Type", m_upstreamType.isEmpty() ? QByteArrayLiteral("text/event-stream") : m_upstreamType);
    head.setHeader("Cache-Control", "no-cache");
    head.setHeader("X-Accel-Buffering", "no");
    head.setHeader("X-Homeport-Pod", m_pool->pod(m_current).name.toUtf8());
    addHeaders(head);
    m_res.beginChunked(std::move(head));
    m_begun = true;
    m_status = status;
}

void UpstreamCall::forwardCompleteEvents()
{
    const qsizetype end = endOfCompleteEvents(m_pending);
    if (end <= 0)
        return;
    QByteArray events = m_pending.left(end);
    m_pending.remove(0, end);
    if (events.contains("data: [DONE]"))
        m_sawDone = true;
    // Usage arrives in the last chunk (include_usage) or on every chunk (continuous usage).
    if (events.contains("\"usage\"")) {
        for (const QByteArray &line : events.split('\n')) {
            if (line.startsWith("data:") && line.contains("\"usage\""))
                noteUsage(line.mid(5).trimmed());
        }
        if (m_target.hideUsage)
            events = withoutUsage(events);
    }
    if (!events.isEmpty()) {
        noteFirstByte();
        m_res.write(events);
    }
}

void UpstreamCall::noteFirstByte()
{
    if (m_firstByteMs < 0)
        m_firstByteMs = double(m_clock.nsecsElapsed()) / 1e6;
}

void UpstreamCall::addHeaders(http::Response &response) const
{
    for (const auto &[name, value] : m_target.responseHeaders)
        response.setHeader(name, value);
}

QByteArray UpstreamCall::withoutUsage(const QByteArray &events)
{
    // Inside JSON strings quotes are escaped, so these byte patterns only match the structure.
    QByteArray out;
    for (const QByteArray &event : events.split('\n')) {
        if (event.startsWith("data:") && event.contains("\"choices\":[]") && event.contains("\"usage\":{"))
            continue; // the usage-only chunk the client did not ask for
        QByteArray line = event;
        line.replace(",\"usage\":null", "");
        line.replace("\"usage\":null,", "");
        out += line + '\n';
    }
    out.chop(1);
    // Dropping a data line leaves its blank separator; collapse the runs this creates.
    while (out.contains("\n\n\n"))
        out.replace("\n\n\n", "\n\n");
    while (out.startsWith('\n'))
        out.remove(0, 1);
    return out.trimmed().isEmpty() ? QByteArray() : out;
}

void UpstreamCall::noteUsage(const QByteArray &json)
{
    const QJsonObject usage = QJsonDocument::fromJson(json).object().value(QStringLiteral("usage")).toObject();
    if (usage.isEmpty())
        return;
    m_promptTokens = usage.value(QStringLiteral("prompt_tokens")).toInteger(0);
    m_completionTokens = usage.value(QStringLiteral("completion_tokens")).toInteger(0);
}

void UpstreamCall::onDone(http::ClientError error, const QString &message)
{
    if (m_done)
        return;
    m_upstream.reset();
    const int status = m_upstreamStatus;
    const Pod &pod = m_pool->pod(m_current);

    if (m_begun) {
        forwardCompleteEvents();
        // An OpenAI stream that stops before its [DONE] event was cut off, whatever the framing said.
        if (error != http::ClientError::None || !m_sawDone) {
            const QString reason = error != http::ClientError::None ? message : tr("the stream ended without [DONE]");
            qCWarning(lcInference) << "pod" << pod.name << "failed mid-stream:" << reason;
            const QString text = tr("pod %1 failed during the stream: %2").arg(pod.name, reason);
            // The head said 200; the error event and the log say how it ended.
            if (error == http::ClientError::Timeout) {
                noteTimeout(UpstreamLimit::Inactivity);
                m_res.write("data: " + openAiErrorBody(504, text + QStringLiteral(" (%1)").arg(limitSetting(UpstreamLimit::Inactivity)), {}, QStringLiteral("timeout")) + "\n\n");
                m_status = 504;
            } else {
                m_res.write("data: " + openAiErrorBody(502, text, {}, QStringLiteral("upstream_error")) + "\n\n");
                m_status = 502;
            }
        } else if (!m_pending.isEmpty()) {
            m_res.write(m_pending);
        }
        m_res.end();
        return finish();
    }

    if (status == 0) {
        // No HTTP answer at all: refused, reset, timed out. Skip the pod until its next check.
        m_lastFailure = tr("pod %1: %2").arg(pod.name, message);
        if (error == http::ClientError::ConnectTimeout)
            noteTimeout(UpstreamLimit::Connect);
        else if (error == http::ClientError::Timeout)
            noteTimeout(UpstreamLimit::Inactivity);
        else
            m_lastTimeout.reset();
        m_pool->markDown(m_current, message);
        return failOver();
    }
    if (status >= 500 && !m_pods.isEmpty()) {
        m_lastFailure = tr("pod %1 answered %2").arg(pod.name).arg(status);
        m_lastTimeout.reset();
        return failOver();
    }
    if (status >= 200 && status < 300) {
        if (error == http::ClientError::Timeout) {
            noteTimeout(UpstreamLimit::Inactivity);
            return sendFailure(504, openAiErrorBody(504, tr("pod %1 stopped sending its answer: %2 (%3)").arg(pod.name, message, limitSetting(UpstreamLimit::Inactivity)),
                                                    {}, QStringLiteral("timeout")), true);
        }
        if (error != http::ClientError::None) {
            return sendFailure(502, openAiErrorBody(502, tr("pod %1 failed during the answer: %2").arg(pod.name, message),
                                                    {}, QStringLiteral("upstream_error")));
        }
        if (m_target.stream) { // a stream answered without streaming (or all of it at once)
            beginStream(status);
            forwardCompleteEvents();
            if (!m_pending.isEmpty())
                m_res.write(m_pending);
            m_res.end();
            return finish();
        }
        noteUsage(m_pending);
        http::Response response(status, m_upstreamType.isEmpty() ? QByteArrayLiteral("application/json") : m_upstreamType, m_pending);
        response.setHeader("X-Homeport-Pod", pod.name.toUtf8());
        addHeaders(response);
        noteFirstByte();
        m_status = status;
        m_res.send(std::move(response));
        return finish();
    }
    if (status == 401 || status == 403) {
        // The pod refused the gateway's upstream key; the client's key was fine.
        return sendFailure(502, openAiErrorBody(502, tr("pod %1 refused the gateway's upstream key (api_key in pods.json)").arg(pod.name),
                                                {}, QStringLiteral("upstream_auth")));
    }
    sendFailure(status, normalisedUpstreamError(status, m_pending));
}

void UpstreamCall::sendFailure(int status, const QByteArray &body, bool finalAnswer)
{
    http::Response response = http::Response::json(status, body);
    if (m_current >= 0)
        response.setHeader("X-Homeport-Pod", m_pool->pod(m_current).name.toUtf8());
    if (finalAnswer)
        response.setHeader("x-should-retry", "false");
    addHeaders(response);
    noteFirstByte();
    m_status = status;
    m_res.send(std::move(response));
    finish();
}

void UpstreamCall::finish()
{
    if (m_done)
        return;
    m_done = true;
    m_limitTimer.stop();
    dropUpstream();
    releasePod();
    if (m_current >= 0) {
        const QString labels = QStringLiteral("pod=\"%1\",model=\"%2\"")
                                   .arg(labelValue(m_pool->pod(m_current).name), labelValue(m_target.model));
        if (m_metrics) {
            m_metrics->increment(QStringLiteral("homeport_inference_requests_total"), labels);
            if (m_promptTokens >= 0)
                m_metrics->increment(QStringLiteral("homeport_inference_prompt_tokens_total"), labels, quint64(m_promptTokens));
            if (m_completionTokens >= 0)
                m_metrics->increment(QStringLiteral("homeport_inference_completion_tokens_total"), labels, quint64(m_completionTokens));
        }
    }
    if (m_target.finished) {
        CallOutcome outcome;
        outcome.pod = m_current >= 0 ? m_pool->pod(m_current).name : QString();
        outcome.status = m_status;
        outcome.promptTokens = m_promptTokens;
        outcome.completionTokens = m_completionTokens;
        outcome.firstByteMs = m_firstByteMs;
        outcome.totalMs = double(m_clock.nsecsElapsed()) / 1e6;
        m_target.finished(outcome);
    }
    deleteLater();
}

void UpstreamCall::failOver()
{
    qCInfo(lcInference).noquote() << m_lastFailure + (m_pods.isEmpty() ? QStringLiteral("; no other pod left") : QStringLiteral("; trying the next pod"));
    releasePod();
    if (m_metrics)
        m_metrics->increment(QStringLiteral("homeport_inference_failovers_total"),
                             QStringLiteral("pod=\"%1\"").arg(labelValue(m_pool->pod(m_current).name)));
    tryNext();
}

void UpstreamCall::releasePod()
{
    if (m_holdingPod)
        m_pool->release(m_current);
    m_holdingPod = false;
}

void UpstreamCall::cancel()
{
    if (m_done)
        return;
    dropUpstream();
    if (m_metrics && m_current >= 0)
        m_metrics->increment(QStringLiteral("homeport_inference_cancelled_total"),
                             QStringLiteral("pod=\"%1\"").arg(labelValue(m_pool->pod(m_current).name)));
    m_res.end();
    m_status = 499; // nginx's word for a client that closed the request
    finish();
}

} // namespace homeport::inference
