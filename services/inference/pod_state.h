#pragma once
// What kind of server a pod is and how it is doing. A pod is up, degraded (answers, but requests
// wait: a queue, a nearly full KV cache, or a slow health check), cold (a RunPod serverless
// endpoint scaled to zero workers: the first request waits for one to start) or down, always
// with a reason a person can act on. RunPod serverless /health bodies are read here too.
// Thread affinity: none (values and pure functions).

#include <QByteArray>
#include <QString>

#include <optional>

namespace homeport::inference {

enum class PodKind { Vllm, RunpodServerless, OpenAiCompatible };

// "vllm", "runpod-serverless", "openai"; nullopt for anything else.
std::optional<PodKind> podKindFromName(const QString &name);
QString podKindName(PodKind kind);

enum class PodState { Down, Cold, Degraded, Up };

QString podStateName(PodState state); // "up", "degraded", "cold", "down"

// GET https://api.runpod.ai/v2/<endpoint>/health:
// {"jobs":{"completed","failed","inProgress","inQueue","retried"},"workers":{"idle","running",...}}
struct RunpodHealth
{
    int idle = 0;          // workers ready for a job
    int running = 0;       // workers busy with a job
    int initializing = 0;  // workers starting (newer bodies; 0 when absent)
    int unhealthy = 0;
    int inQueue = 0;
    int inProgress = 0;
    qint64 completed = 0;
    qint64 failed = 0;
    int workers() const { return idle + running; }
};

std::optional<RunpodHealth> parseRunpodHealth(const QByteArray &json);

// What the last checks found out about one pod.
struct PodObservation
{
    bool reachable = false;        // /health (and /v1/models) answered as expected
    QString failure;               // why not, when not
    qint64 healthLatencyMs = -1;
    std::optional<RunpodHealth> runpod;
    std::optional<double> waiting; // vLLM requests waiting for a slot
    std::optional<double> kvCacheUsage; // 0..1
};

struct PodStateLimits
{
    double kvCacheFull = 0.9;      // at or above: degraded
    qint64 slowHealthMs = 2000;    // a health check slower than this: degraded
};

struct PodVerdict
{
    PodState state = PodState::Down;
    QString reason;                // empty only when up
};

PodVerdict judgePod(const PodObservation &observation, const PodStateLimits &limits = {});

} // namespace homeport::inference
