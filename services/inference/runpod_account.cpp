#include "runpod_account.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrl>

namespace homeport::inference {

namespace {

constexpr int kTimeoutMs = 15'000;

std::optional<double> number(const QJsonValue &v)
{
    if (v.isDouble())
        return v.toDouble();
    if (v.isString()) {
        bool ok = false;
        const double d = v.toString().toDouble(&ok);
        if (ok)
            return d;
    }
    return std::nullopt;
}

QJsonArray listOf(const QByteArray &json, const char *key, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = QStringLiteral("RunPod answered something that is not JSON: %1").arg(parseError.errorString());
        return {};
    }
    // A bare array, as the REST API answers; an object with the list under `key` is read too.
    if (doc.isArray())
        return doc.array();
    const QJsonValue inner = doc.object().value(QLatin1String(key));
    if (!inner.isArray())
        *error = QStringLiteral("RunPod's answer has no list of %1").arg(QLatin1String(key));
    return inner.toArray();
}

} // namespace

QList<RunpodPodInfo> parseRunpodPods(const QByteArray &json, QString *error)
{
    QList<RunpodPodInfo> out;
    for (const QJsonValue &v : listOf(json, "pods", error)) {
        const QJsonObject o = v.toObject();
        RunpodPodInfo p;
        p.id = o.value(QStringLiteral("id")).toString();
        if (p.id.isEmpty())
            continue;
        p.name = o.value(QStringLiteral("name")).toString(p.id);
        p.desiredStatus = o.value(QStringLiteral("desiredStatus")).toString();
        const QJsonObject gpu = o.value(QStringLiteral("gpu")).toObject();
        const QJsonObject machine = o.value(QStringLiteral("machine")).toObject();
        p.gpuName = gpu.value(QStringLiteral("displayName")).toString(machine.value(QStringLiteral("gpuDisplayName")).toString());
        p.gpuCount = int(number(gpu.value(QStringLiteral("count"))).value_or(number(o.value(QStringLiteral("gpuCount"))).value_or(0)));
        p.costPerHour = number(o.value(QStringLiteral("adjustedCostPerHr")));
        if (!p.costPerHour)
            p.costPerHour = number(o.value(QStringLiteral("costPerHr")));
        p.lastStartedAt = o.value(QStringLiteral("lastStartedAt")).toString();
        p.dataCenter = machine.value(QStringLiteral("dataCenterId")).toString(o.value(QStringLiteral("dataCenterId")).toString());
        const QJsonValue ports = o.value(QStringLiteral("ports"));
        if (ports.isArray()) {
            for (const QJsonValue &port : ports.toArray())
                p.ports << port.toString();
        } else if (ports.isString()) {
            p.ports = ports.toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
        }
        for (QString &port : p.ports)
            port = port.trimmed();
        out.append(p);
    }
    return out;
}

QList<RunpodEndpointInfo> parseRunpodEndpoints(const QByteArray &json, const QString &serverlessBase, QString *error)
{
    QList<RunpodEndpointInfo> out;
    for (const QJsonValue &v : listOf(json, "endpoints", error)) {
        const QJsonObject o = v.toObject();
        RunpodEndpointInfo e;
        e.id = o.value(QStringLiteral("id")).toString();
        if (e.id.isEmpty())
            continue;
        e.name = o.value(QStringLiteral("name")).toString(e.id);
        e.workersMin = int(number(o.value(QStringLiteral("workersMin"))).value_or(0));
        e.workersMax = int(number(o.value(QStringLiteral("workersMax"))).value_or(0));
        for (const QJsonValue &g : o.value(QStringLiteral("gpuTypeIds")).toArray())
            e.gpuTypes << g.toString();
        e.openAiUrl = serverlessBase + QLatin1Char('/') + e.id + QStringLiteral("/openai/v1");
        out.append(e);
    }
    return out;
}

RunpodAccount::RunpodAccount(QNetworkAccessManager *network, RunpodEndpoints endpoints, QObject *parent)
    : QObject(parent), m_network(network), m_endpoints(std::move(endpoints))
{
    for (QString *base : {&m_endpoints.restBase, &m_endpoints.serverlessBase, &m_endpoints.proxyPattern}) {
        while (base->endsWith(QLatin1Char('/')))
            base->chop(1);
    }
}

void RunpodAccount::setApiKey(const QByteArray &key)
{
    m_apiKey = key.trimmed();
    ++m_generation;
    m_status = {};
    m_status.configured = isConfigured();
    emit changed();
    if (isConfigured())
        refresh();
}

QNetworkReply *RunpodAccount::send(const QByteArray &method, const QString &url)
{
    QNetworkRequest request{QUrl(url)};
    request.setRawHeader("Authorization", "Bearer " + m_apiKey);
    request.setRawHeader("Accept", "application/json");
    request.setTransferTimeout(kTimeoutMs);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    if (method == "POST") {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        return m_network->post(request, QByteArray());
    }
    return m_network->get(request);
}

QString RunpodAccount::failureOf(QNetworkReply *reply)
{
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 401 || status == 403)
        return tr("RunPod refused the API key (%1)").arg(status);
    if (status >= 300 || (status == 0 && reply->error() != QNetworkReply::NoError)) {
        const QByteArray body = reply->readAll().left(300);
        const QJsonObject o = QJsonDocument::fromJson(body).object();
        const QString said = o.value(QStringLiteral("error")).toString(o.value(QStringLiteral("message")).toString(QString::fromUtf8(body).trimmed()));
        if (status == 0)
            return reply->errorString();
        return said.isEmpty() ? tr("RunPod answered %1").arg(status) : tr("RunPod answered %1: %2").arg(status).arg(said);
    }
    return {};
}

void RunpodAccount::refresh()
{
    if (!isConfigured())
        return;
    const quint64 generation = ++m_generation;
    m_next = {};
    m_next.configured = true;
    m_status.refreshing = true;
    emit changed();
    m_pendingSteps = 2;

    QNetworkReply *pods = send("GET", m_endpoints.restBase + QStringLiteral("/pods"));
    connect(pods, &QNetworkReply::finished, this, [this, pods, generation] {
        pods->deleteLater();
        if (generation != m_generation)
            return;
        QString error = failureOf(pods);
        if (error.isEmpty())
            m_next.pods = parseRunpodPods(pods->readAll(), &error);
        if (!error.isEmpty())
            m_next.error = error;
        // Running pods' http ports: offered when they answer like an OpenAI server.
        for (int i = 0; i < m_next.pods.size(); ++i) {
            const RunpodPodInfo &p = m_next.pods[i];
            if (p.desiredStatus != QLatin1String("RUNNING"))
                continue;
            for (const QString &port : p.ports) {
                if (!port.endsWith(QLatin1String("/http")))
                    continue;
                QString root = m_endpoints.proxyPattern;
                root.replace(QLatin1String("{pod}"), p.id).replace(QLatin1String("{port}"), port.section(QLatin1Char('/'), 0, 0));
                const QString base = root + QStringLiteral("/v1");
                ++m_pendingSteps;
                QNetworkReply *models = send("GET", base + QStringLiteral("/models"));
                const QString podId = p.id;
                connect(models, &QNetworkReply::finished, this, [this, models, generation, podId, base] {
                    models->deleteLater();
                    if (generation != m_generation)
                        return;
                    const int status = models->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                    const bool listed = status == 200 && QJsonDocument::fromJson(models->readAll()).object().value(QStringLiteral("data")).isArray();
                    if (listed || status == 401) {
                        for (RunpodPodInfo &info : m_next.pods) {
                            if (info.id == podId && info.openAiUrl.isEmpty())
                                info.openAiUrl = base;
                        }
                    }
                    finishRefreshStep();
                });
            }
        }
        finishRefreshStep();
    });

    QNetworkReply *endpoints = send("GET", m_endpoints.restBase + QStringLiteral("/endpoints"));
    connect(endpoints, &QNetworkReply::finished, this, [this, endpoints, generation] {
        endpoints->deleteLater();
        if (generation != m_generation)
            return;
        QString error = failureOf(endpoints);
        if (error.isEmpty())
            m_next.endpoints = parseRunpodEndpoints(endpoints->readAll(), m_endpoints.serverlessBase, &error);
        if (!error.isEmpty() && m_next.error.isEmpty())
            m_next.error = error;
        for (const RunpodEndpointInfo &e : std::as_const(m_next.endpoints)) {
            ++m_pendingSteps;
            QNetworkReply *health = send("GET", m_endpoints.serverlessBase + QLatin1Char('/') + e.id + QStringLiteral("/health"));
            const QString id = e.id;
            connect(health, &QNetworkReply::finished, this, [this, health, generation, id] {
                health->deleteLater();
                if (generation != m_generation)
                    return;
                QString failure = failureOf(health);
                std::optional<RunpodHealth> parsed;
                if (failure.isEmpty()) {
                    parsed = parseRunpodHealth(health->readAll());
                    if (!parsed)
                        failure = tr("/health did not answer with jobs and workers");
                }
                for (RunpodEndpointInfo &info : m_next.endpoints) {
                    if (info.id == id) {
                        info.health = parsed;
                        info.healthError = failure;
                    }
                }
                finishRefreshStep();
            });
        }
        finishRefreshStep();
    });
}

void RunpodAccount::finishRefreshStep()
{
    if (--m_pendingSteps > 0)
        return;
    m_status = m_next;
    m_status.refreshing = false;
    m_status.refreshedAtMs = QDateTime::currentMSecsSinceEpoch();
    emit changed();
}

void RunpodAccount::podAction(quint64 requestId, const QString &podId, const QString &action)
{
    if (!isConfigured())
        return emit actionFinished(requestId, tr("No RunPod API key is set."));
    if (action != QLatin1String("start") && action != QLatin1String("stop"))
        return emit actionFinished(requestId, tr("unknown pod action %1").arg(action));
    QNetworkReply *reply = send("POST", m_endpoints.restBase + QStringLiteral("/pods/%1/%2").arg(QString::fromLatin1(QUrl::toPercentEncoding(podId)), action));
    connect(reply, &QNetworkReply::finished, this, [this, reply, requestId] {
        reply->deleteLater();
        const QString error = failureOf(reply);
        emit actionFinished(requestId, error);
        if (error.isEmpty())
            refresh();
    });
}

} // namespace homeport::inference
