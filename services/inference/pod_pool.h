#pragma once
// PodPool: the GPU pods the gateway forwards to, read from pods.json, each checked on an interval
// (GET /health, then GET <base>/models) so the gateway knows which pods are up and which models
// each serves. Picks a pod for a model by least outstanding requests per unit of weight.
// Thread affinity: the inference service's thread (its timer and network replies live there).

#include "pod_state.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QStringList>
#include <QTimer>
#include <QUrl>

#include <optional>
#include <vector>

class QNetworkAccessManager;
class QNetworkRequest;

namespace homeport::core {
class Metrics;
}

namespace homeport::inference {

struct Pod
{
    QString name;
    QString baseUrl;    // the OpenAI base URL including /v1, without a trailing slash
    QUrl healthUrl;     // <base without /v1>/health unless pods.json names one
    QByteArray apiKey;  // sent upstream as a bearer token; may be empty
    double weight = 1;
    // Pod status (see PodTelemetry): the kind decides what is polled besides /health.
    PodKind kind = PodKind::Vllm;
    QUrl metricsUrl;    // vLLM's Prometheus text; <base without /v1>/metrics unless named
    std::optional<double> costPerHour;
    QStringList declaredModels; // "models" in pods.json: served without asking /v1/models
    qint64 healthLatencyMs = -1;
    std::optional<RunpodHealth> runpodHealth; // RunPod serverless: the last /health body

    bool healthy = false;
    bool checking = false;
    QString lastError;
    QJsonArray models;  // the pod's /v1/models data, as it listed them
    int outstanding = 0;

    bool serves(const QString &model) const;
};

class PodPool : public QObject
{
    Q_OBJECT
public:
    PodPool(QNetworkAccessManager *network, core::Metrics *metrics, QObject *parent = nullptr);

    // Reads {"pods":[{"name","url","api_key","weight","health_url","kind","cost_per_hour",
    // "models","metrics_url"}]} (or a bare array). A missing file means no pods; a malformed one
    // is an error the service reports.
    bool load(const QString &path, QString *error);
    // One pods.json entry as a pod; nullopt with `error` set when it lacks a name or http(s) url.
    static std::optional<Pod> podFromJson(const QJsonObject &entry, QString *error);
    // Adds a pod while the gateway runs (the console's "add pod"); checked at once. False when
    // the name is taken.
    bool addPod(Pod pod);
    void startHealthChecks(int intervalMs, int timeoutMs);

    // Healthy pods serving the model, the least loaded first (ties rotate). The order is also the
    // failover order: a call that cannot use the first moves on to the next.
    QList<int> candidates(const QString &model);
    // candidates() over any list of pods: fewest requests in flight per unit of weight first;
    // among equals, the order starts at pod `rotation % size` so equal pods take turns.
    static QList<int> rank(const std::vector<Pod> &pods, const QString &model, unsigned rotation);
    // Whether any pod listed the model at its last successful check (healthy or not).
    bool known(const QString &model) const;
    // Every model of the healthy pods, once each, in pod order.
    QJsonArray models() const;

    const Pod &pod(int index) const { return m_pods[size_t(index)]; }
    int size() const { return int(m_pods.size()); }
    void acquire(int index) { ++m_pods[size_t(index)].outstanding; }
    void release(int index) { --m_pods[size_t(index)].outstanding; }
    // A forwarded request could not reach the pod: skip it until a check finds it up again.
    void markDown(int index, const QString &reason);
    // Adds the pod's key and the settings every upstream request shares.
    QNetworkRequest upstreamRequest(int index, const QUrl &url, int timeoutMs) const;

private:
    void checkAll();
    void check(int index);
    void setHealth(int index, bool healthy, const QString &reason);

    QNetworkAccessManager *m_network;
    core::Metrics *m_metrics;
    std::vector<Pod> m_pods;
    QTimer m_timer;
    int m_timeoutMs = 5000;
    unsigned m_rotation = 0;
};

// A Prometheus label value with \, " and newlines escaped.
QString labelValue(const QString &value);

} // namespace homeport::inference
