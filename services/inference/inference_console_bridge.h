#pragma once
// InferenceConsoleBridge: the inference service's side of InferenceMonitor for the pod status
// part. Once a second it publishes the pods (PodTelemetry), the local GPU (LocalGpuProbe) and the
// RunPod account (RunpodAccount). The console's chat goes over loopback to the gateway's own
// port with the gateway key, streamed, so it passes the same auth, routing and failover as any
// client's request; its text arrives chunk by chunk. The RunPod key is kept in
// <data dir>/inference/runpod.json (0600) unless [inference] runpod_api_key sets one.
// Thread affinity: the inference service's thread (created in configure(), destroyed in
// closeStores()).

#include "inference_monitor.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QPointer>

#include <functional>

class QNetworkReply;
class QTimer;

namespace homeport::http {
class HttpServer;
class LoopbackClient;
}

namespace homeport::inference {

class LocalGpuProbe;
class PodTelemetry;
class RunpodAccount;

class InferenceConsoleBridge : public QObject
{
    Q_OBJECT
public:
    // Adds one pods.json entry (to the file and the running pool); returns an error or empty.
    using PodAdder = std::function<QString(const QJsonObject &entry)>;

    struct Setup
    {
        http::HttpServer *server = nullptr;
        QHostAddress bindAddress;
        QByteArray gatewayKey;
        QString podsFile;
        QString runpodKeyFile;      // where a key set from the console is kept
        QString settingsRunpodKey;  // [inference] runpod_api_key; wins over the file
        QString nvidiaSmi;          // the program to run for the local GPU
        int gpuIntervalMs = 5000;
        int runpodRefreshMs = 30'000; // the account's lists and endpoints' workers go stale
    };

    InferenceConsoleBridge(InferenceMonitor *monitor, PodTelemetry *telemetry, RunpodAccount *runpod, Setup setup,
                           PodAdder addPod);
    ~InferenceConsoleBridge() override;

    void publishNow();

private:
    struct Chat
    {
        QPointer<QNetworkReply> reply;
        QByteArray pending;     // a partial SSE event
        ChatResult result;
        QElapsedTimer clock;
        bool sawText = false;
    };

    void onChatRequested(quint64 chatId, const QJsonObject &request);
    void onChatData(quint64 chatId);
    void onChatFinished(quint64 chatId);
    void onRunpodKeyChanged(const QString &key);

    QPointer<InferenceMonitor> m_monitor;
    PodTelemetry *m_telemetry;
    RunpodAccount *m_runpod;
    Setup m_setup;
    PodAdder m_addPod;
    http::LoopbackClient *m_loopback;
    LocalGpuProbe *m_gpu;
    QTimer *m_timer;
    QTimer *m_runpodTimer;
    QHash<quint64, Chat> m_chats;
};

} // namespace homeport::inference
