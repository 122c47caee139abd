#pragma once
// InferenceMonitor: the only bridge between the inference service (its own thread) and the
// console. The service publishes a snapshot (gateway keys with their usage and budgets, the most
// recent requests) about once a second while something changes; the console asks for key changes
// with *Requested signals carrying a request id, and the service (connected queued) answers with
// keyCreated / keyChanged carrying the same id. A new key's secret crosses only in keyCreated,
// once: the service keeps nothing but its hash.
//
// Pod status part (pods, charts, local GPU, RunPod account, playground, add pod): the service
// publishes a PodStatusSnapshot once a second: the pods with their state and vLLM metrics (each
// with its recent checks and a day of per-minute points for the charts), the
// workstation's GPUs from nvidia-smi, and the RunPod account's pods and serverless endpoints.
// Commands chat through the gateway (over loopback, with the gateway key, so the reply takes the
// path any client's does), start or stop a RunPod pod, refresh or set the RunPod key, and add a
// pod to pods.json; each is answered by a signal carrying the same id, at once (queued) with
// "not running" while the service does not run.
//
// Thread affinity: created in the main thread by app/; publish(), snapshot(), the pod status
// methods and commands may be called from any thread (one mutex); signals reach receivers in
// their own threads.

#include "inference_pod_status.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QString>
#include <QStringList>

#include <atomic>

namespace homeport::inference {

// A gateway (virtual) key. The admin key is inference.api_key from secrets.json: it has no
// limits, may use every model and manages the other keys.
struct GatewayKeyInfo
{
    QString id;                 // "hk_" + 16 hex digits, stable; what the request log names
    QString name;
    QString prefix;             // the secret's first characters, to recognise a key by
    QStringList models;         // allowed models; empty: every model
    int requestsPerMinute = 0;  // 0: unlimited
    qint64 tokensPerMinute = 0; // 0: unlimited
    qint64 tokenBudget = 0;     // prompt + completion tokens over the key's life; 0: none
    QDateTime created;
    QDateTime revoked;          // null while the key works
    QDateTime lastUsed;         // null: never
    bool admin = false;

    // Usage, filled in snapshots and by the admin routes.
    qint64 spentTokens = 0;     // against tokenBudget
    qint64 requestsLastMinute = 0;
    qint64 tokensLastMinute = 0;

    bool isRevoked() const { return revoked.isValid(); }
    bool allows(const QString &model) const { return models.isEmpty() || models.contains(model); }
};

// One request through the gateway, as the usage log keeps it.
struct RequestRecord
{
    qint64 timeMs = 0;          // when it arrived, ms since the epoch (UTC)
    QString keyId;              // GatewayKeyInfo::id, or "admin"
    QString endpoint;           // "/v1/chat/completions", ...
    QString model;
    QString pod;                // empty when it never reached one (refused by a limit, no pod)
    qint64 promptTokens = -1;   // -1: the pod did not say
    qint64 completionTokens = -1;
    double latencyMs = 0;       // arrival to the last byte sent
    double firstTokenMs = -1;   // arrival to the first byte of the answer sent; -1: none
    int status = 0;             // HTTP status the client got (499: the client went away)
    bool stream = false;
};

struct InferenceSnapshot
{
    QDateTime takenAt;
    QList<GatewayKeyInfo> keys;           // the admin key first, then by creation
    QList<RequestRecord> recentRequests;  // newest first, at most kRecentRequests
    quint64 requestsLogged = 0;           // since start
    QString baseUrl;                      // what clients set as base_url, e.g. http://127.0.0.1:4000/v1
    static constexpr int kRecentRequests = 500;
};

class InferenceMonitor : public QObject
{
    Q_OBJECT
public:
    explicit InferenceMonitor(QObject *parent = nullptr);

    InferenceSnapshot snapshot() const;
    // Called by the service, from its thread.
    void publish(const InferenceSnapshot &snapshot);

    // ---- Pod status ----
    PodStatusSnapshot podStatus() const;
    // Called by the service, from its thread.
    void publishPodStatus(const PodStatusSnapshot &snapshot);
    // While the service does not run, commands are answered at once (queued) with "not running".
    void setServiceAttached(bool attached);
    bool isServiceAttached() const;

    // Pod status commands. Each returns the id its answer carries.
    // A chat completion request (JSON object; "stream" is forced on) through the gateway.
    quint64 chat(const QJsonObject &request);
    void cancelChat(quint64 chatId);
    // action: "start" or "stop".
    quint64 runpodPodAction(const QString &podId, const QString &action);
    void refreshRunpod();
    // Saved 0600 in the service's data dir; empty removes it.
    void setRunpodApiKey(const QString &key);
    // One pods.json entry ({"name","url","kind","api_key","cost_per_hour","models"}).
    quint64 addPod(const QJsonObject &entry);

    // Called by the service to answer.
    void deliverChatDelta(quint64 chatId, const QString &text) { Q_EMIT chatDelta(chatId, text); }
    void deliverChatFinished(quint64 chatId, const ChatResult &result) { Q_EMIT chatFinished(chatId, result); }
    void deliverRunpodActionFinished(quint64 id, const QString &error) { Q_EMIT runpodActionFinished(id, error); }
    void deliverPodAdded(quint64 id, const QString &error) { Q_EMIT podAdded(id, error); }

Q_SIGNALS:
    // To the console.
    void snapshotPublished();
    // secret is empty and error set when the key could not be made.
    void keyCreated(quint64 requestId, const homeport::inference::GatewayKeyInfo &key, const QString &secret,
                    const QString &error);
    void keyChanged(quint64 requestId, const QString &error); // empty error: done

    // To the service (it connects these queued). `settings` uses name, models and the limits.
    void createKeyRequested(quint64 requestId, const homeport::inference::GatewayKeyInfo &settings);
    void updateKeyRequested(quint64 requestId, const homeport::inference::GatewayKeyInfo &key);
    void revokeKeyRequested(quint64 requestId, const QString &keyId);

    // ---- Pod status: to the console.
    void podStatusPublished();
    void chatDelta(quint64 chatId, const QString &text);
    void chatFinished(quint64 chatId, const homeport::inference::ChatResult &result);
    void runpodActionFinished(quint64 requestId, const QString &error); // empty error: done
    void podAdded(quint64 requestId, const QString &error);

    // ---- Pod status: to the service (it connects these queued).
    void chatRequested(quint64 chatId, const QJsonObject &request);
    void chatCancelRequested(quint64 chatId);
    void runpodPodActionRequested(quint64 requestId, const QString &podId, const QString &action);
    void runpodRefreshRequested();
    void runpodApiKeyChanged(const QString &key);
    void podAddRequested(quint64 requestId, const QJsonObject &entry);

private:
    QString notRunning() const;

    mutable QMutex m_mutex;
    InferenceSnapshot m_snapshot;
    // Pod status.
    PodStatusSnapshot m_podStatus;
    bool m_attached = false;
    std::atomic<quint64> m_lastId{0};
};

} // namespace homeport::inference

Q_DECLARE_METATYPE(homeport::inference::GatewayKeyInfo)
Q_DECLARE_METATYPE(homeport::inference::RequestRecord)
