#pragma once
// PodTelemetry: how each pod is doing, beyond PodPool's up-or-not. For vLLM pods it reads
// /metrics (Prometheus text) on an interval into a window of readings (requests running and
// waiting, KV-cache fill, tokens per second, TTFT and end-to-end p50/p95), keeps a history for
// the console's charts (every check for an hour, per-minute means for a day), and judges each pod up, degraded, cold or down with a reason, using the
// pool's health check (and RunPod's /health counts). The numbers also go to core Metrics as
// homeport_inference_pod_* gauges, so the admin /metrics and /status carry them headless.
// Thread affinity: the inference service's thread.

#include "inference_pod_status.h"
#include "vllm_metrics.h"

#include <QHash>
#include <QObject>
#include <QTimer>

class QNetworkAccessManager;

namespace homeport::core {
class Metrics;
}

namespace homeport::inference {

class PodPool;

class PodTelemetry : public QObject
{
    Q_OBJECT
public:
    static constexpr int kHistoryPoints = 360; // an hour at the default 10 s interval
    static constexpr int kMinutePoints = 24 * 60;

    // Folds the point just appended to `history` into its minute's point in `minutes` (appended
    // when the minute is new), as the mean of every history point of that minute; keeps a day.
    static void foldIntoMinute(QVector<PodPoint> &minutes, const QVector<PodPoint> &history);

    PodTelemetry(PodPool *pool, QNetworkAccessManager *network, core::Metrics *metrics, QObject *parent = nullptr);

    // windowMs: how far back rates and quantiles look.
    void start(int intervalMs, int timeoutMs, qint64 windowMs, PodStateLimits limits);
    QList<PodStatus> statuses() const;

private:
    struct Track
    {
        VllmMetricsWindow window;
        QVector<PodPoint> history;
        QVector<PodPoint> minutes;
        bool scraping = false;
        QString error;
    };

    void tick();
    // Starts reading the pod's /metrics; false when a read is still out.
    bool scrape(int index);
    // One point of the pod's history, and its gauges, from what is known now.
    void recordPoint(int index);
    PodStatus statusOf(int index) const;
    void publishGauges(const PodStatus &status);

    PodPool *m_pool;
    QNetworkAccessManager *m_network;
    core::Metrics *m_metrics;
    QTimer m_timer;
    int m_timeoutMs = 5000;
    qint64 m_windowMs = 60'000;
    PodStateLimits m_limits;
    QHash<QString, Track> m_tracks; // by pod name
};

} // namespace homeport::inference
