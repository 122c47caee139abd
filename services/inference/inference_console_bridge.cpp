#include "inference_console_bridge.h"

#include "local_gpu.h"
#include "pod_telemetry.h"
#include "runpod_account.h"

#include "core/atomic_file.h"
#include "core/logging.h"
#include "http/loopback_client.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

namespace homeport::inference {

namespace {

QByteArray readRunpodKey(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("api_key")).toString().toUtf8();
}

} // namespace

InferenceConsoleBridge::InferenceConsoleBridge(InferenceMonitor *monitor, PodTelemetry *telemetry, RunpodAccount *runpod,
                                               Setup setup, PodAdder addPod)
    : m_monitor(monitor)
    , m_telemetry(telemetry)
    , m_runpod(runpod)
    , m_setup(std::move(setup))
    , m_addPod(std::move(addPod))
    , m_loopback(new http::LoopbackClient(m_setup.server, m_setup.bindAddress, this))
    , m_gpu(new LocalGpuProbe(m_setup.nvidiaSmi.isEmpty() ? QStringLiteral("nvidia-smi") : m_setup.nvidiaSmi, this))
    , m_timer(new QTimer(this))
    , m_runpodTimer(new QTimer(this))
{
    connect(m_monitor, &InferenceMonitor::chatRequested, this, &InferenceConsoleBridge::onChatRequested, Qt::QueuedConnection);
    connect(m_monitor, &InferenceMonitor::chatCancelRequested, this, [this](quint64 chatId) {
        const auto it = m_chats.find(chatId);
        if (it != m_chats.end() && it->reply) {
            it->result.error = tr("stopped");
            it->reply->abort();
        }
    }, Qt::QueuedConnection);
    connect(m_monitor, &InferenceMonitor::runpodPodActionRequested, m_runpod, &RunpodAccount::podAction, Qt::QueuedConnection);
    connect(m_monitor, &InferenceMonitor::runpodRefreshRequested, m_runpod, &RunpodAccount::refresh, Qt::QueuedConnection);
    connect(m_monitor, &InferenceMonitor::runpodApiKeyChanged, this, &InferenceConsoleBridge::onRunpodKeyChanged, Qt::QueuedConnection);
    connect(m_monitor, &InferenceMonitor::podAddRequested, this, [this](quint64 id, const QJsonObject &entry) {
        const QString error = m_addPod(entry);
        if (m_monitor)
            m_monitor->deliverPodAdded(id, error);
        publishNow();
    }, Qt::QueuedConnection);
    connect(m_runpod, &RunpodAccount::actionFinished, this, [this](quint64 id, const QString &error) {
        if (m_monitor)
            m_monitor->deliverRunpodActionFinished(id, error);
    });
    connect(m_runpod, &RunpodAccount::changed, this, &InferenceConsoleBridge::publishNow);
    connect(m_gpu, &LocalGpuProbe::updated, this, &InferenceConsoleBridge::publishNow);
    connect(m_timer, &QTimer::timeout, this, &InferenceConsoleBridge::publishNow);

    const QByteArray key = !m_setup.settingsRunpodKey.isEmpty() ? m_setup.settingsRunpodKey.toUtf8() : readRunpodKey(m_setup.runpodKeyFile);
    if (!key.isEmpty())
        m_runpod->setApiKey(key);
    m_gpu->start(m_setup.gpuIntervalMs);
    m_monitor->setServiceAttached(true);
    publishNow();
    m_timer->start(1000);
    connect(m_runpodTimer, &QTimer::timeout, m_runpod, [this] {
        if (m_runpod->isConfigured() && !m_runpod->status().refreshing)
            m_runpod->refresh();
    });
    m_runpodTimer->start(m_setup.runpodRefreshMs);
}

InferenceConsoleBridge::~InferenceConsoleBridge()
{
    if (m_monitor)
        m_monitor->setServiceAttached(false);
    for (auto it = m_chats.begin(); it != m_chats.end(); ++it) {
        if (it->reply) {
            it->reply->disconnect(this);
            it->reply->abort();
        }
        if (m_monitor) {
            ChatResult result = it->result;
            result.error = tr("The inference service stopped.");
            m_monitor->deliverChatFinished(it.key(), result);
        }
    }
}

void InferenceConsoleBridge::publishNow()
{
    if (!m_monitor)
        return;
    PodStatusSnapshot s;
    s.takenAtMs = QDateTime::currentMSecsSinceEpoch();
    if (m_loopback->isListening())
        s.gatewayUrl = QStringLiteral("http://%1/v1").arg(m_loopback->authority());
    s.podsFile = m_setup.podsFile;
    s.pods = m_telemetry->statuses();
    s.localGpu = m_gpu->status();
    s.runpod = m_runpod->status();
    s.runpod.configured = m_runpod->isConfigured();
    m_monitor->publishPodStatus(s);
}

void InferenceConsoleBridge::onRunpodKeyChanged(const QString &key)
{
    const QByteArray trimmed = key.trimmed().toUtf8();
    if (trimmed.isEmpty()) {
        QFile::remove(m_setup.runpodKeyFile);
    } else {
        QDir().mkpath(QFileInfo(m_setup.runpodKeyFile).absolutePath());
        const QString error = core::writeFileAtomically(
            m_setup.runpodKeyFile, QJsonDocument(QJsonObject{{QStringLiteral("api_key"), QString::fromUtf8(trimmed)}}).toJson(), 0600);
        if (!error.isEmpty())
            qCWarning(lcInference).noquote() << "the RunPod key is used but not kept:" << error;
    }
    m_runpod->setApiKey(trimmed);
}

void InferenceConsoleBridge::onChatRequested(quint64 chatId, const QJsonObject &request)
{
    if (!m_loopback->isListening()) {
        ChatResult result;
        result.error = tr("The gateway is not listening.");
        return m_monitor->deliverChatFinished(chatId, result);
    }
    QJsonObject body = request;
    body.insert(QStringLiteral("stream"), true);
    body.insert(QStringLiteral("stream_options"), QJsonObject{{QStringLiteral("include_usage"), true}});
    QNetworkRequest req(QUrl(QStringLiteral("http://%1/v1/chat/completions").arg(m_loopback->authority())));
    req.setRawHeader("Authorization", "Bearer " + m_setup.gatewayKey);
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    req.setRawHeader("Accept", "text/event-stream");
    req.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    Chat &chat = m_chats[chatId];
    chat.clock.start();
    chat.reply = m_loopback->network()->post(req, QJsonDocument(body).toJson(QJsonDocument::Compact));
    connect(chat.reply, &QNetworkReply::readyRead, this, [this, chatId] { onChatData(chatId); });
    connect(chat.reply, &QNetworkReply::finished, this, [this, chatId] { onChatFinished(chatId); });
}

void InferenceConsoleBridge::onChatData(quint64 chatId)
{
    const auto it = m_chats.find(chatId);
    if (it == m_chats.end() || !it->reply)
        return;
    Chat &chat = *it;
    const int status = chat.reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status != 200)
        return; // the error body is read whole when it finishes
    if (chat.result.pod.isEmpty())
        chat.result.pod = QString::fromUtf8(chat.reply->rawHeader("X-Homeport-Pod"));
    chat.pending += chat.reply->readAll();
    QString text;
    for (;;) {
        const qsizetype end = chat.pending.indexOf("\n\n");
        if (end < 0)
            break;
        const QByteArray event = chat.pending.left(end);
        chat.pending.remove(0, end + 2);
        for (const QByteArray &line : event.split('\n')) {
            if (!line.startsWith("data:"))
                continue;
            const QByteArray data = line.mid(5).trimmed();
            if (data == "[DONE]")
                continue;
            const QJsonObject chunk = QJsonDocument::fromJson(data).object();
            if (chunk.contains(QStringLiteral("error"))) {
                chat.result.error = chunk.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
                continue;
            }
            const QJsonObject usage = chunk.value(QStringLiteral("usage")).toObject();
            if (!usage.isEmpty()) {
                chat.result.promptTokens = usage.value(QStringLiteral("prompt_tokens")).toInteger(-1);
                chat.result.completionTokens = usage.value(QStringLiteral("completion_tokens")).toInteger(-1);
            }
            const QJsonArray choices = chunk.value(QStringLiteral("choices")).toArray();
            if (!choices.isEmpty())
                text += choices.first().toObject().value(QStringLiteral("delta")).toObject().value(QStringLiteral("content")).toString();
        }
    }
    if (!text.isEmpty()) {
        if (!chat.sawText)
            chat.result.firstTokenMs = chat.clock.elapsed();
        chat.sawText = true;
        m_monitor->deliverChatDelta(chatId, text);
    }
}

void InferenceConsoleBridge::onChatFinished(quint64 chatId)
{
    const auto it = m_chats.find(chatId);
    if (it == m_chats.end())
        return;
    onChatData(chatId);
    Chat chat = *it;
    m_chats.erase(it);
    QNetworkReply *reply = chat.reply;
    if (!reply)
        return;
    reply->deleteLater();
    ChatResult result = chat.result;
    result.totalMs = chat.clock.elapsed();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (result.error.isEmpty() && status != 200) {
        const QJsonObject error = QJsonDocument::fromJson(reply->readAll()).object().value(QStringLiteral("error")).toObject();
        const QString message = error.value(QStringLiteral("message")).toString();
        result.error = status ? tr("HTTP %1: %2").arg(status).arg(message.isEmpty() ? reply->errorString() : message) : reply->errorString();
    } else if (result.error.isEmpty() && reply->error() != QNetworkReply::NoError) {
        result.error = reply->errorString();
    }
    if (m_monitor)
        m_monitor->deliverChatFinished(chatId, result);
}

} // namespace homeport::inference
