#include "pod_state.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

#include <cmath>

namespace homeport::inference {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("homeport::inference::PodState", text);
}

} // namespace

std::optional<PodKind> podKindFromName(const QString &name)
{
    if (name == QLatin1String("vllm"))
        return PodKind::Vllm;
    if (name == QLatin1String("runpod-serverless"))
        return PodKind::RunpodServerless;
    if (name == QLatin1String("openai"))
        return PodKind::OpenAiCompatible;
    return std::nullopt;
}

QString podKindName(PodKind kind)
{
    switch (kind) {
    case PodKind::Vllm: return QStringLiteral("vllm");
    case PodKind::RunpodServerless: return QStringLiteral("runpod-serverless");
    case PodKind::OpenAiCompatible: break;
    }
    return QStringLiteral("openai");
}

QString podStateName(PodState state)
{
    switch (state) {
    case PodState::Up: return QStringLiteral("up");
    case PodState::Degraded: return QStringLiteral("degraded");
    case PodState::Cold: return QStringLiteral("cold");
    case PodState::Down: break;
    }
    return QStringLiteral("down");
}

std::optional<RunpodHealth> parseRunpodHealth(const QByteArray &json)
{
    const QJsonObject root = QJsonDocument::fromJson(json).object();
    const QJsonValue workers = root.value(QStringLiteral("workers"));
    const QJsonValue jobs = root.value(QStringLiteral("jobs"));
    if (!workers.isObject() || !jobs.isObject())
        return std::nullopt;
    const QJsonObject w = workers.toObject();
    const QJsonObject j = jobs.toObject();
    auto count = [](const QJsonObject &o, const char *key) {
        const double v = o.value(QLatin1String(key)).toDouble(0);
        return std::isfinite(v) && v > 0 ? v : 0.0;
    };
    RunpodHealth h;
    h.idle = int(count(w, "idle"));
    h.running = int(count(w, "running"));
    h.initializing = int(count(w, "initializing"));
    h.unhealthy = int(count(w, "unhealthy"));
    h.inQueue = int(count(j, "inQueue"));
    h.inProgress = int(count(j, "inProgress"));
    h.completed = qint64(count(j, "completed"));
    h.failed = qint64(count(j, "failed"));
    return h;
}

PodVerdict judgePod(const PodObservation &o, const PodStateLimits &limits)
{
    if (!o.reachable)
        return {PodState::Down, o.failure.isEmpty() ? tr("not reachable") : o.failure};
    if (o.runpod && o.runpod->workers() == 0) {
        if (o.runpod->initializing > 0)
            return {PodState::Cold, tr("%1 worker(s) starting: requests wait until one is ready").arg(o.runpod->initializing)};
        return {PodState::Cold, tr("scaled to zero workers: the first request waits for one to start")};
    }
    QStringList why;
    if (o.waiting && *o.waiting >= 1)
        why << tr("%1 requests waiting").arg(qRound64(*o.waiting));
    if (o.runpod && o.runpod->inQueue > 0)
        why << tr("%1 jobs in queue").arg(o.runpod->inQueue);
    if (o.kvCacheUsage && *o.kvCacheUsage >= limits.kvCacheFull)
        why << tr("KV cache %1 % full").arg(qRound(*o.kvCacheUsage * 100));
    if (o.healthLatencyMs > limits.slowHealthMs)
        why << tr("health check took %1 s").arg(double(o.healthLatencyMs) / 1000.0, 0, 'f', 1);
    if (!why.isEmpty())
        return {PodState::Degraded, why.join(QLatin1String("; "))};
    return {PodState::Up, {}};
}

} // namespace homeport::inference
