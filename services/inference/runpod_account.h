#pragma once
// RunpodAccount: a RunPod account seen through RunPod's REST API with the account's API key
// (Bearer): GET <rest>/pods and GET <rest>/endpoints, then each endpoint's GET
// <serverless>/<id>/health for its workers and jobs; POST <rest>/pods/<id>/start and /stop.
// A running pod whose proxied http port (https://<pod>-<port>.proxy.runpod.net) answers
// /v1/models like an OpenAI server (200 with a list, or 401) is offered as a gateway pod.
// The base URLs and the proxy pattern come from settings, so tests point them at a fake.
// Thread affinity: the inference service's thread.

#include "inference_pod_status.h"

#include <QObject>
#include <QPointer>

class QNetworkAccessManager;
class QNetworkReply;

namespace homeport::inference {

struct RunpodEndpoints
{
    QString restBase = QStringLiteral("https://rest.runpod.io/v1");
    QString serverlessBase = QStringLiteral("https://api.runpod.ai/v2");
    QString proxyPattern = QStringLiteral("https://{pod}-{port}.proxy.runpod.net"); // {pod}, {port}
};

// The REST answers, read leniently (numbers may come as strings, older fields as fallbacks).
QList<RunpodPodInfo> parseRunpodPods(const QByteArray &json, QString *error);
QList<RunpodEndpointInfo> parseRunpodEndpoints(const QByteArray &json, const QString &serverlessBase, QString *error);

class RunpodAccount : public QObject
{
    Q_OBJECT
public:
    RunpodAccount(QNetworkAccessManager *network, RunpodEndpoints endpoints, QObject *parent = nullptr);

    void setApiKey(const QByteArray &key);
    bool isConfigured() const { return !m_apiKey.isEmpty(); }
    RunpodAccountStatus status() const { return m_status; }

    void refresh();
    // Answers through actionFinished(requestId, error); refreshes after a success.
    void podAction(quint64 requestId, const QString &podId, const QString &action);

Q_SIGNALS:
    void changed();
    void actionFinished(quint64 requestId, const QString &error);

private:
    QNetworkReply *send(const QByteArray &method, const QString &url);
    void finishRefreshStep();
    static QString failureOf(QNetworkReply *reply);

    QNetworkAccessManager *m_network;
    RunpodEndpoints m_endpoints;
    QByteArray m_apiKey;
    RunpodAccountStatus m_status;
    RunpodAccountStatus m_next;   // being gathered by the refresh in flight
    int m_pendingSteps = 0;
    quint64 m_generation = 0;     // a new refresh or key drops the answers of the last one
};

} // namespace homeport::inference
