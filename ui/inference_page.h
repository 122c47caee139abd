#pragma once
// InferencePage: the inference service's page: the generic service header and state, plus the
// dashboard of issue 8 in tabs: Pods (tiles, a sortable table of the gateway's pods with state
// and reason, models, running/waiting, KV cache, tokens/s, TTFT p50/p95 and cost per hour; the
// selected pod's charts over time; this machine's GPU; "Add pod…" writing pods.json, and an empty
// state until there is a pod), RunPod (the account's pods and serverless endpoints, start and
// stop asking first, "Add as gateway pod"), Playground (a chat streamed through the gateway), and
// Keys & requests (InferenceKeysPanel: gateway keys with their limits and budgets, the request log).
// Thread affinity: the GUI thread. Reads InferenceMonitor snapshots (on podStatusPublished,
// coalesced); commands go through the monitor and are answered by id. It never calls into the
// service.

#include "dashboard_widgets.h"
#include "service_page.h"
#include "inference/inference_monitor.h"

#include <QHash>

#include <functional>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QTabWidget;
class QTableWidget;
class QTimer;

namespace homeport::ui {

class InferenceKeysPanel;
class ChartRangeBox;
class InferencePodChart;

class InferencePage : public ServicePage
{
    Q_OBJECT
public:
    enum Tab { PodsTab, RunpodTab, PlaygroundTab, KeysTab };
    enum PodColumn { PodName, PodKindColumn, PodStateColumn, PodModels, PodQueue, PodKvCache, PodTokens, PodTtft, PodCost, PodReason, PodColumnCount };
    enum RunpodPodColumn { RpPodName, RpPodGpu, RpPodStatus, RpPodCost, RpPodStarted, RpPodDataCenter, RpPodOpenAi, RpPodColumnCount };
    enum RunpodEndpointColumn { RpEndpointName, RpEndpointWorkers, RpEndpointJobs, RpEndpointScale, RpEndpointUrl, RpEndpointColumnCount };
    static constexpr int kSnapshotDelayMs = 150;

    // Asks for a pods.json entry, starting from `prefill`; nullopt when cancelled. Tests replace it.
    using PodPrompt = std::function<std::optional<QJsonObject>(QWidget *parent, const QJsonObject &prefill)>;

    InferencePage(const core::ServiceInfo &info, const ConsoleContext &context, ServiceCommands *commands,
                  QWidget *parent = nullptr);
    ~InferencePage() override;

    inference::InferenceMonitor *monitor() const { return m_monitor; }
    QTabWidget *tabs() const { return m_tabs; }
    // The gateway keys and the request log (InferenceKeysPanel), the last tab.
    InferenceKeysPanel *keysPanel() const { return m_keysPanel; }
    void setConfirmFunction(ConfirmFunction confirm) { m_confirm = std::move(confirm); }
    void setPodPrompt(PodPrompt prompt) { m_podPrompt = std::move(prompt); }

    QString statText(const QString &name) const;
    QTableWidget *podTable() const { return m_podTable; }
    QStackedWidget *podStack() const { return m_podStack; }
    QLabel *podsMessage() const { return m_podsMessage; }
    QLabel *gpuText() const { return m_gpuText; }
    QLabel *chartTitle() const { return m_chartTitle; }
    ChartRangeBox *podChartRange() const { return m_podChartRange; }
    InferencePodChart *tokensChart() const { return m_tokensChart; }
    InferencePodChart *kvChart() const { return m_kvChart; }
    InferencePodChart *queueChart() const { return m_queueChart; }
    QStackedWidget *runpodStack() const { return m_rpStack; }
    QTableWidget *runpodPodTable() const { return m_rpPodTable; }
    QTableWidget *runpodEndpointTable() const { return m_rpEndpointTable; }
    QLabel *runpodMessage() const { return m_rpMessage; }
    QLineEdit *runpodKeyEdit() const { return m_rpKey; }
    QComboBox *chatModel() const { return m_chatModel; }
    QPlainTextEdit *chatInput() const { return m_chatInput; }
    QPlainTextEdit *chatReply() const { return m_chatReply; }
    QLabel *chatStats() const { return m_chatStats; }
    inference::PodStatusSnapshot lastPodStatus() const { return m_snapshot; }

    // The actions behind the buttons (tests drive them too).
    void addPod(const QJsonObject &prefill = {});
    void saveRunpodKey();
    void refreshRunpod();
    void startSelectedRunpodPod();
    void stopSelectedRunpodPod();
    void addSelectedRunpodPod();
    void addSelectedRunpodEndpoint();
    void sendChat();
    void stopChat();

Q_SIGNALS:
    // After a pod was added (or refused), a RunPod action finished, or a chat ended.
    void podAddFinished(const QString &error);
    void runpodActionDone(const QString &error);
    void chatDone(const homeport::inference::ChatResult &result);

protected:
    void refreshDashboard() override;

private:
    QWidget *buildPodsTab();
    QWidget *buildRunpodTab();
    QWidget *buildPlaygroundTab();
    void applySnapshot();
    void fillPodTable();
    void fillRunpodTables();
    void updateCharts();
    void updateGpu();
    void updateChatModels();
    void updateRunpodButtons();
    QString selectedPodName() const;
    QString selectedRunpodPodId() const;
    QString selectedRunpodEndpointId() const;
    void runpodAction(const QString &action);

    inference::InferenceMonitor *m_monitor;
    ConfirmFunction m_confirm;
    PodPrompt m_podPrompt;
    QTimer *m_snapshotTimer;
    inference::PodStatusSnapshot m_snapshot;
    quint64 m_addRequest = 0;
    quint64 m_runpodRequest = 0;
    quint64 m_chatId = 0;
    qint64 m_runpodShownAt = 0; // the RunPod listing the message line describes

    QLabel *m_banner = nullptr;
    QTabWidget *m_tabs = nullptr;
    InferenceKeysPanel *m_keysPanel = nullptr;
    QHash<QString, QLabel *> m_stats;
    QStackedWidget *m_podStack = nullptr;
    QTableWidget *m_podTable = nullptr;
    QLabel *m_podsMessage = nullptr;
    QLabel *m_chartTitle = nullptr;
    QWidget *m_chartsCard = nullptr; // hidden while there are no pods to chart
    ChartRangeBox *m_podChartRange = nullptr;
    InferencePodChart *m_tokensChart = nullptr;
    InferencePodChart *m_kvChart = nullptr;
    InferencePodChart *m_queueChart = nullptr;
    QLabel *m_gpuText = nullptr;

    QLineEdit *m_rpKey = nullptr;
    QLabel *m_rpMessage = nullptr;
    QStackedWidget *m_rpStack = nullptr;
    QTableWidget *m_rpPodTable = nullptr;
    QTableWidget *m_rpEndpointTable = nullptr;
    QPushButton *m_rpStart = nullptr;
    QPushButton *m_rpStop = nullptr;
    QPushButton *m_rpAddPod = nullptr;
    QPushButton *m_rpAddEndpoint = nullptr;

    QComboBox *m_chatModel = nullptr;
    QLineEdit *m_chatSystem = nullptr;
    QPlainTextEdit *m_chatInput = nullptr;
    QPlainTextEdit *m_chatReply = nullptr;
    QLabel *m_chatStats = nullptr;
    QPushButton *m_chatSend = nullptr;
    QPushButton *m_chatStop = nullptr;
};

} // namespace homeport::ui
