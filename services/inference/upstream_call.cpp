#include "upstream_call.h"

#include "openai_error.h"
#include "pod_pool.h"

#include "core/logging.h"
#include "core/metrics.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>

#include <algorithm>

namespace homeport::inference {

namespace {

constexpr qint64 kMaxBufferedAnswerBytes = 256LL << 20;

int statusOf(QNetworkReply *reply)
{
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

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

UpstreamCall::UpstreamCall(PodPool *pool, QNetworkAccessManager *network, core::Metrics *metrics, Target target,
                           http::Responder responder)
    : QObject(pool), m_pool(pool), m_network(network), m_metrics(metrics), m_target(std::move(target)),
      m_res(std::move(responder))
{
    m_clock.start();
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
        const QString message = tr("no pod could serve model '%1': %2").arg(m_target.model, m_lastFailure);
        return sendFailure(502, openAiErrorBody(502, message, {}, QStringLiteral("upstream_unavailable")));
    }
    m_current = m_pods.takeFirst();
    m_pool->acquire(m_current);
    m_holdingPod = true;
    m_pending.clear();
    QNetworkRequest request = m_pool->upstreamRequest(m_current, QUrl(m_pool->pod(m_current).baseUrl + m_target.path),
                                                      m_target.timeoutMs);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("Accept", m_target.stream ? "text/event-stream" : "application/json");
    m_reply = m_network->post(request, m_target.body);
    connect(m_reply, &QNetworkReply::readyRead, this, &UpstreamCall::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &UpstreamCall::onFinished);
}

void UpstreamCall::onReadyRead()
{
    if (m_done || !m_reply)
        return;
    const int status = statusOf(m_reply);
    if (!m_begun && status >= 500 && !m_pods.isEmpty()) {
        // Nothing went to the client yet: another pod may answer instead.
        m_lastFailure = tr("pod %1 answered %2").arg(m_pool->pod(m_current).name).arg(status);
        QNetworkReply *reply = m_reply;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
        return failOver();
    }
    if (!m_begun && m_target.stream && status >= 200 && status < 300)
        beginStream(status);
    m_pending += m_reply->readAll();
    if (m_begun)
        forwardCompleteEvents();
    else if (m_pending.size() > kMaxBufferedAnswerBytes) {
        QNetworkReply *reply = m_reply;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
        sendFailure(502, openAiErrorBody(502, tr("the answer of pod %1 is larger than the gateway buffers").arg(m_pool->pod(m_current).name)));
    }
}

void UpstreamCall::beginStream(int status)
{
    http::Response head;
    head.status = status;
    QByteArray type = m_reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    head.setHeader("Content-Type", type.isEmpty() ? QByteArrayLiteral("text/event-stream") : type);
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

void UpstreamCall::onFinished()
{
    if (m_done || !m_reply)
        return;
    QNetworkReply *reply = m_reply;
    reply->deleteLater();
    const int status = statusOf(reply);
    const QNetworkReply::NetworkError error = reply->error();
    const Pod &pod = m_pool->pod(m_current);
    m_pending += reply->readAll();

    if (m_begun) {
        forwardCompleteEvents();
        // Qt may report a connection closed between chunks as a normal end; an OpenAI stream
        // that stops before its [DONE] event was cut off all the same.
        if (error != QNetworkReply::NoError || !m_sawDone) {
            const QString reason = error != QNetworkReply::NoError ? reply->errorString() : tr("the stream ended without [DONE]");
            qCWarning(lcInference) << "pod" << pod.name << "failed mid-stream:" << reason;
            const QString message = tr("pod %1 failed during the stream: %2").arg(pod.name, reason);
            m_res.write("data: " + openAiErrorBody(502, message, {}, QStringLiteral("upstream_error")) + "\n\n");
            m_status = 502; // the head said 200; the log says how it ended
        } else if (!m_pending.isEmpty()) {
            m_res.write(m_pending);
        }
        m_res.end();
        return finish();
    }

    if (status == 0) {
        // No HTTP answer at all: refused, reset, timed out. Skip the pod until its next check.
        m_lastFailure = tr("pod %1: %2").arg(pod.name, reply->errorString());
        m_pool->markDown(m_current, reply->errorString());
        return failOver();
    }
    if (status >= 500 && !m_pods.isEmpty()) {
        m_lastFailure = tr("pod %1 answered %2").arg(pod.name).arg(status);
        return failOver();
    }
    if (status >= 200 && status < 300) {
        if (error != QNetworkReply::NoError) {
            return sendFailure(502, openAiErrorBody(502, tr("pod %1 failed during the answer: %2").arg(pod.name, reply->errorString()),
                                                    {}, QStringLiteral("upstream_error")));
        }
        if (m_target.stream) { // the whole stream arrived in one piece
            beginStream(status);
            forwardCompleteEvents();
            if (!m_pending.isEmpty())
                m_res.write(m_pending);
            m_res.end();
            return finish();
        }
        noteUsage(m_pending);
        QByteArray type = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
        http::Response response(status, type.isEmpty() ? QByteArrayLiteral("application/json") : type, m_pending);
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

void UpstreamCall::sendFailure(int status, const QByteArray &body)
{
    http::Response response = http::Response::json(status, body);
    if (m_current >= 0)
        response.setHeader("X-Homeport-Pod", m_pool->pod(m_current).name.toUtf8());
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
    if (QNetworkReply *reply = m_reply) {
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
    if (m_metrics && m_current >= 0)
        m_metrics->increment(QStringLiteral("homeport_inference_cancelled_total"),
                             QStringLiteral("pod=\"%1\"").arg(labelValue(m_pool->pod(m_current).name)));
    m_res.end();
    m_status = 499; // nginx's word for a client that closed the request
    finish();
}

} // namespace homeport::inference
