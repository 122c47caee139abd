#include "pod_pool.h"

#include "core/logging.h"
#include "core/metrics.h"

#include <QFile>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QElapsedTimer>
#include <QSet>

#include <algorithm>

namespace homeport::inference {

QString labelValue(const QString &value)
{
    QString out = value;
    out.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    out.replace(QLatin1Char('"'), QLatin1String("\\\""));
    out.replace(QLatin1Char('\n'), QLatin1String("\\n"));
    return out;
}

bool Pod::serves(const QString &model) const
{
    for (const QJsonValue &m : models) {
        if (m.toObject().value(QStringLiteral("id")).toString() == model)
            return true;
    }
    return false;
}

PodPool::PodPool(QNetworkAccessManager *network, core::Metrics *metrics, QObject *parent)
    : QObject(parent), m_network(network), m_metrics(metrics)
{
    connect(&m_timer, &QTimer::timeout, this, &PodPool::checkAll);
}

bool PodPool::load(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.exists())
        return true;
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = tr("%1 is not valid JSON: %2").arg(path, parseError.errorString());
        return false;
    }
    const QJsonArray list = doc.isArray() ? doc.array() : doc.object().value(QStringLiteral("pods")).toArray();
    QSet<QString> names;
    for (const QJsonValue &v : list) {
        QString why;
        std::optional<Pod> pod = podFromJson(v.toObject(), &why);
        if (!pod || names.contains(pod->name)) {
            *error = QStringLiteral("%1: %2").arg(path, pod ? tr("two pods are named \"%1\"").arg(pod->name) : why);
            return false;
        }
        names.insert(pod->name);
        m_pods.push_back(std::move(*pod));
    }
    return true;
}

std::optional<Pod> PodPool::podFromJson(const QJsonObject &o, QString *error)
{
    Pod pod;
    pod.name = o.value(QStringLiteral("name")).toString();
    pod.baseUrl = o.value(QStringLiteral("url")).toString();
    while (pod.baseUrl.endsWith(QLatin1Char('/')))
        pod.baseUrl.chop(1);
    const QUrl base(pod.baseUrl);
    if (pod.name.isEmpty() || !base.isValid()
        || (base.scheme() != QLatin1String("http") && base.scheme() != QLatin1String("https"))) {
        *error = tr("every pod needs a unique \"name\" and an http(s) \"url\" (its OpenAI base URL, e.g. http://10.0.0.5:8000/v1)");
        return std::nullopt;
    }
    const QString kindName = o.value(QStringLiteral("kind")).toString();
    // RunPod serverless endpoints are recognised by their URL, https://api.runpod.ai/v2/<id>/openai/v1.
    const bool runpodUrl = pod.baseUrl.contains(QLatin1String("/openai/v1")) && base.host().endsWith(QLatin1String("runpod.ai"));
    if (kindName.isEmpty()) {
        pod.kind = runpodUrl ? PodKind::RunpodServerless : PodKind::Vllm;
    } else if (const std::optional<PodKind> kind = podKindFromName(kindName)) {
        pod.kind = *kind;
    } else {
        *error = tr("pod \"%1\": \"kind\" is one of vllm, runpod-serverless, openai").arg(pod.name);
        return std::nullopt;
    }
    pod.apiKey = o.value(QStringLiteral("api_key")).toString().toUtf8();
    pod.weight = o.value(QStringLiteral("weight")).toDouble(1);
    if (pod.weight <= 0)
        pod.weight = 1;
    if (o.value(QStringLiteral("cost_per_hour")).isDouble())
        pod.costPerHour = o.value(QStringLiteral("cost_per_hour")).toDouble();
    for (const QJsonValue &m : o.value(QStringLiteral("models")).toArray()) {
        if (!m.toString().isEmpty())
            pod.declaredModels << m.toString();
    }
    for (const QString &id : std::as_const(pod.declaredModels))
        pod.models.append(QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("object"), QStringLiteral("model")},
                                      {QStringLiteral("owned_by"), pod.name}});
    // The server's root: the base URL without /v1 (and, on RunPod serverless, without /openai/v1).
    QString root = pod.baseUrl;
    if (pod.kind == PodKind::RunpodServerless && root.endsWith(QLatin1String("/openai/v1")))
        root.chop(int(qstrlen("/openai/v1")));
    else if (root.endsWith(QLatin1String("/v1")))
        root.chop(3);
    const QString health = o.value(QStringLiteral("health_url")).toString();
    pod.healthUrl = QUrl(health.isEmpty() ? root + QStringLiteral("/health") : health);
    const QString metrics = o.value(QStringLiteral("metrics_url")).toString();
    pod.metricsUrl = QUrl(metrics.isEmpty() ? root + QStringLiteral("/metrics") : metrics);
    return pod;
}

bool PodPool::addPod(Pod pod)
{
    for (const Pod &p : m_pods) {
        if (p.name == pod.name)
            return false;
    }
    m_pods.push_back(std::move(pod));
    const int index = size() - 1;
    setHealth(index, false, tr("not checked yet"));
    check(index);
    return true;
}

void PodPool::startHealthChecks(int intervalMs, int timeoutMs)
{
    m_timeoutMs = timeoutMs;
    for (int i = 0; i < size(); ++i)
        setHealth(i, false, tr("not checked yet"));
    checkAll();
    m_timer.start(intervalMs);
}

QNetworkRequest PodPool::upstreamRequest(int index, const QUrl &url, int timeoutMs) const
{
    QNetworkRequest request(url);
    const Pod &p = pod(index);
    if (!p.apiKey.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + p.apiKey);
    // Set by hand so Qt neither asks for compression nor inflates: bytes go through as they come.
    request.setRawHeader("Accept-Encoding", "identity");
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(timeoutMs);
    return request;
}

void PodPool::checkAll()
{
    for (int i = 0; i < size(); ++i)
        check(i);
}

void PodPool::check(int index)
{
    if (m_pods[size_t(index)].checking)
        return;
    m_pods[size_t(index)].checking = true;
    QElapsedTimer started;
    started.start();
    QNetworkReply *health = m_network->get(upstreamRequest(index, pod(index).healthUrl, m_timeoutMs));
    connect(health, &QNetworkReply::finished, this, [this, index, health, started] {
        health->deleteLater();
        Pod &p = m_pods[size_t(index)];
        p.healthLatencyMs = started.elapsed();
        const int status = health->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        // 404: the pod has no /health (some OpenAI-compatible servers); its model list decides.
        if (status != 404 && (status < 200 || status >= 300)) {
            p.checking = false;
            p.runpodHealth.reset();
            setHealth(index, false, status ? tr("/health answered %1").arg(status) : health->errorString());
            return;
        }
        if (p.kind == PodKind::RunpodServerless) {
            p.runpodHealth = parseRunpodHealth(health->readAll());
            if (!p.runpodHealth) {
                p.checking = false;
                return setHealth(index, false, tr("/health did not answer with RunPod's jobs and workers"));
            }
            // Asking a scaled-to-zero endpoint for its models would start a worker (and its bill):
            // its last known or declared models stand until a worker is up.
            if (p.runpodHealth->workers() == 0 || !p.declaredModels.isEmpty()) {
                p.checking = false;
                if (p.models.isEmpty())
                    return setHealth(index, false, tr("no worker is up to list the models: name them in pods.json (\"models\")"));
                return setHealth(index, true, {});
            }
        } else if (!p.declaredModels.isEmpty()) {
            p.checking = false;
            return setHealth(index, true, {});
        }
        QNetworkReply *models = m_network->get(upstreamRequest(index, QUrl(pod(index).baseUrl + QStringLiteral("/models")), m_timeoutMs));
        connect(models, &QNetworkReply::finished, this, [this, index, models] {
            models->deleteLater();
            m_pods[size_t(index)].checking = false;
            const int status = models->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            const QJsonValue data = QJsonDocument::fromJson(models->readAll()).object().value(QStringLiteral("data"));
            if (status != 200 || !data.isArray())
                return setHealth(index, false, status ? tr("/v1/models answered %1").arg(status) : models->errorString());
            m_pods[size_t(index)].models = data.toArray();
            setHealth(index, true, {});
        });
    });
}

void PodPool::setHealth(int index, bool healthy, const QString &reason)
{
    Pod &p = m_pods[size_t(index)];
    if (p.healthy != healthy && !(p.lastError == tr("not checked yet") && !healthy)) {
        if (healthy)
            qCInfo(lcInference) << "pod" << p.name << "is up with" << p.models.size() << "models";
        else
            qCWarning(lcInference) << "pod" << p.name << "is down:" << reason;
    }
    p.healthy = healthy;
    p.lastError = reason;
    if (m_metrics)
        m_metrics->setGauge(QStringLiteral("homeport_inference_pod_up"),
                            QStringLiteral("pod=\"%1\"").arg(labelValue(p.name)), healthy ? 1 : 0);
}

void PodPool::markDown(int index, const QString &reason)
{
    setHealth(index, false, reason);
}

QList<int> PodPool::candidates(const QString &model)
{
    return rank(m_pods, model, m_rotation++);
}

QList<int> PodPool::rank(const std::vector<Pod> &pods, const QString &model, unsigned rotation)
{
    QList<int> out;
    const int n = int(pods.size());
    const unsigned start = n ? rotation % unsigned(n) : 0;
    for (int k = 0; k < n; ++k) {
        const int i = int((start + unsigned(k)) % unsigned(n));
        if (pods[size_t(i)].healthy && pods[size_t(i)].serves(model))
            out.append(i);
    }
    std::stable_sort(out.begin(), out.end(), [&pods](int a, int b) {
        const Pod &pa = pods[size_t(a)];
        const Pod &pb = pods[size_t(b)];
        return (pa.outstanding + 1) / pa.weight < (pb.outstanding + 1) / pb.weight;
    });
    return out;
}

bool PodPool::known(const QString &model) const
{
    return std::any_of(m_pods.begin(), m_pods.end(), [&](const Pod &p) { return p.serves(model); });
}

QJsonArray PodPool::models() const
{
    QJsonArray out;
    QSet<QString> seen;
    for (const Pod &p : m_pods) {
        if (!p.healthy)
            continue;
        for (const QJsonValue &m : p.models) {
            const QString id = m.toObject().value(QStringLiteral("id")).toString();
            if (!id.isEmpty() && !seen.contains(id)) {
                seen.insert(id);
                out.append(m);
            }
        }
    }
    return out;
}

} // namespace homeport::inference
