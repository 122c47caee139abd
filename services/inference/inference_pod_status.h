#pragma once
// What the console's Inference page shows about the pods (InferenceMonitor's pod status part):
// each pod's state, reason and vLLM metrics with a history for charts, the workstation's GPUs,
// the RunPod account's pods and serverless endpoints, and the result of a playground chat.
// Thread affinity: none (values, copied across threads).

#include "local_gpu.h"
#include "pod_state.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QVector>
#include <QtNumeric>

#include <optional>

namespace homeport::inference {

// One check of a pod, for its charts. NaN where the pod did not say.
struct PodPoint
{
    qint64 atMs = 0;
    double tokensPerSecond = qQNaN();   // generation tokens per second
    double kvCachePercent = qQNaN();    // 0..100
    double running = qQNaN();
    double waiting = qQNaN();
};

struct PodStatus
{
    QString name;
    PodKind kind = PodKind::Vllm;
    QString url;                        // the OpenAI base URL
    QStringList models;
    PodState state = PodState::Down;
    QString reason;
    int inFlight = 0;                   // the gateway's requests at this pod now
    qint64 healthLatencyMs = -1;
    std::optional<double> running, waiting;
    std::optional<double> kvCacheUsage; // 0..1
    QString kvCacheMetric;              // which vLLM name gave it
    std::optional<double> tokensPerSecond;       // generation
    std::optional<double> promptTokensPerSecond;
    std::optional<double> ttftP50, ttftP95;      // seconds, over the metrics window
    std::optional<double> e2eP50, e2eP95;
    std::optional<double> costPerHour;
    std::optional<RunpodHealth> runpod;
    QString metricsError;               // why /metrics gave nothing (vLLM pods)
    QVector<PodPoint> history;          // oldest first
    // One point per minute of the last day that had a check, oldest first, the current (partial)
    // minute last: each value the mean of the minute's checks that gave one (NaN: none did).
    QVector<PodPoint> minutes;
};

// A pod of the RunPod account (REST GET /pods).
struct RunpodPodInfo
{
    QString id;
    QString name;
    QString desiredStatus;              // RUNNING, EXITED, TERMINATED
    QString gpuName;
    int gpuCount = 0;
    std::optional<double> costPerHour;
    QString lastStartedAt;
    QString dataCenter;
    QStringList ports;                  // "8000/http", "22/tcp"
    QString openAiUrl;                  // a proxied http port that answered /v1/models; else empty
};

// A serverless endpoint of the account (REST GET /endpoints, then its /health).
struct RunpodEndpointInfo
{
    QString id;
    QString name;
    int workersMin = 0;
    int workersMax = 0;
    QStringList gpuTypes;
    std::optional<RunpodHealth> health;
    QString healthError;
    QString openAiUrl;                  // <serverless base>/<id>/openai/v1
};

struct RunpodAccountStatus
{
    bool configured = false;            // an API key is set
    bool refreshing = false;
    QString error;                      // the last refresh's failure
    QList<RunpodPodInfo> pods;
    QList<RunpodEndpointInfo> endpoints;
    qint64 refreshedAtMs = 0;
};

struct PodStatusSnapshot
{
    qint64 takenAtMs = 0;
    QString gatewayUrl;                 // "http://127.0.0.1:4000/v1"
    QString podsFile;
    QList<PodStatus> pods;              // in pods.json order
    LocalGpuStatus localGpu;
    RunpodAccountStatus runpod;
};

struct ChatResult
{
    QString error;                      // empty when the reply ended normally
    QString pod;                        // X-Homeport-Pod of the answer
    qint64 firstTokenMs = -1;
    qint64 totalMs = -1;
    qint64 promptTokens = -1;
    qint64 completionTokens = -1;
};

} // namespace homeport::inference

Q_DECLARE_METATYPE(homeport::inference::ChatResult)
