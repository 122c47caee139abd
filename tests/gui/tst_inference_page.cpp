// The Inference page against a real inference service: a ServiceHost runs InferenceService with a
// real InferenceMonitor on a free loopback port, a fake vLLM pod (tests/interop/inference/
// fake-vllm.mjs) serves the OpenAI routes and /metrics, and a fake RunPod (fake-runpod.mjs) the
// REST API, serverless /health and the pod proxy, each its own node process. The test reads the
// pod table and charts as the service fills them from /metrics, streams a chat through the
// gateway, lists the RunPod account, stops and starts a pod (asked first), adds a RunPod pod as a
// gateway pod (pods.json written), and checks the empty and no-GPU states.
// Set HOMEPORT_GUI_SCREENSHOTS=<dir> to keep PNGs of the tabs (docs/inference.png is one).

#include "service_page_test_helpers.h"

#include "core/metrics.h"
#include "core/secrets.h"
#include "core/service_host.h"
#include "inference/inference_monitor.h"
#include "inference/inference_service.h"
#include "ui/inference_keys_panel.h"
#include "ui/inference_page.h"
#include "ui/inference_pod_chart.h"
#include "ui/sparkline.h"
#include "ui/main_window.h"

#include <QComboBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QPlainTextEdit>
#include <QProcess>
#include <QScrollBar>
#include <QStyle>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <memory>

using namespace homeport;
using ui::InferencePage;

namespace {

// A fake from tests/interop/inference as a child process; its port from its first line.
struct Fake
{
    std::unique_ptr<QProcess> process;
    quint16 port = 0;
    QString root() const { return QStringLiteral("http://127.0.0.1:%1").arg(port); }
};

Fake startFake(const QString &script, const QStringList &args)
{
    Fake fake;
    fake.process = std::make_unique<QProcess>();
    fake.process->setProcessChannelMode(QProcess::SeparateChannels);
    fake.process->setReadChannel(QProcess::StandardOutput);
    const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
    fake.process->start(node, QStringList{QStringLiteral(HOMEPORT_INFERENCE_FAKES) + QLatin1Char('/') + script} + args);
    if (!fake.process->waitForStarted(10000))
        return fake;
    QTest::qWaitFor([&] { return fake.process->canReadLine(); }, 15000);
    fake.port = quint16(QJsonDocument::fromJson(fake.process->readLine()).object().value(QStringLiteral("port")).toInt());
    return fake;
}

// A JSON request to a fake's control route; the answer's body.
QByteArray call(const QString &method, const QString &url, const QByteArray &body = {})
{
    QNetworkAccessManager network;
    network.setProxy(QNetworkProxy::NoProxy);
    QNetworkRequest request{QUrl(url)};
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    QNetworkReply *reply = method == QLatin1String("POST") ? network.post(request, body) : network.get(request);
    QSignalSpy done(reply, &QNetworkReply::finished);
    done.wait(10000);
    const QByteArray answer = reply->readAll();
    reply->deleteLater();
    return answer;
}

} // namespace

class TestInferencePage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void podTableShowsStateAndMetrics();
    void chartsFollowTheSelectedPod();
    void withoutNvidiaSmiTheGpuBoxSaysSo();
    void playgroundStreamsAReplyThroughTheGateway();
    void runpodAccountListsPodsAndEndpoints();
    void stopAndStartAskFirst();
    void runningRunpodPodBecomesAGatewayPod();
    void podTableSortsByCost();
    void keysTabListsTheAdminKey();
    void everyTabFitsTheWindow();
    void podsTabFitsTheWindowWithoutScrolling();
    void emptyStateWithoutPodsOrService();

private:
    InferencePage *page() const { return qobject_cast<InferencePage *>(m_window->servicePage(QStringLiteral("inference"))); }
    void screenshot(const QString &name)
    {
        QApplication::processEvents();
        QVERIFY(guitest::saveScreenshot(m_window.get(), page(), page()->tabs(), name));
    }
    int podRow(const QString &name) const
    {
        QTableWidget *table = page()->podTable();
        for (int r = 0; r < table->rowCount(); ++r) {
            if (table->item(r, InferencePage::PodName)->text() == name)
                return r;
        }
        return -1;
    }
    QString podCell(const QString &name, int column) const
    {
        const int row = podRow(name);
        return row < 0 ? QString() : page()->podTable()->item(row, column)->text();
    }
    int runpodPodRow(const QString &name) const
    {
        QTableWidget *table = page()->runpodPodTable();
        for (int r = 0; r < table->rowCount(); ++r) {
            if (table->item(r, InferencePage::RpPodName)->text() == name)
                return r;
        }
        return -1;
    }
    QString runpodPodStatus(const QString &name) const
    {
        const int row = runpodPodRow(name);
        return row < 0 ? QString() : page()->runpodPodTable()->item(row, InferencePage::RpPodStatus)->text();
    }
    void setRunpodState();

    QTemporaryDir m_dir;
    Fake m_vllm;
    Fake m_runpod;
    std::unique_ptr<core::Metrics> m_metrics;
    std::unique_ptr<inference::InferenceMonitor> m_monitor;
    std::unique_ptr<core::ServiceHost> m_host;
    std::unique_ptr<ui::MainWindow> m_window;
    QString m_podsFile;
    quint16 m_port = 0;
};

void TestInferencePage::setRunpodState()
{
    const QByteArray state = QStringLiteral(R"({
      "pods": [
        {"id": "pod8xk2", "name": "Llama 70B A100", "desiredStatus": "RUNNING", "costPerHr": "1.89", "adjustedCostPerHr": 1.64,
         "gpu": {"id": "NVIDIA A100 80GB PCIe", "count": 2, "displayName": "A100 PCIe"}, "lastStartedAt": "2026-11-28T09:12:40.144Z",
         "machine": {"dataCenterId": "EU-RO-1", "gpuDisplayName": "A100 PCIe"}, "ports": ["8000/http", "22/tcp"],
         "_serves": {"8000": "%1"}},
        {"id": "podq7zz", "name": "spare 4090", "desiredStatus": "EXITED", "costPerHr": 0.69,
         "gpu": {"id": "NVIDIA GeForce RTX 4090", "count": 1, "displayName": "RTX 4090"},
         "lastStartedAt": "2026-11-27T18:00:00.000Z", "machine": {"dataCenterId": "US-TX-3"}, "ports": ["8888/http"]}
      ],
      "endpoints": [
        {"id": "ep5m1", "name": "qwen serverless", "workersMin": 0, "workersMax": 3, "gpuTypeIds": ["NVIDIA GeForce RTX 4090"],
         "_health": {"workers": {"idle": 1, "running": 0}, "jobs": {"inQueue": 0, "inProgress": 0, "completed": 41}},
         "_worker": "%1"}
      ]})").arg(m_vllm.root()).toUtf8();
    call(QStringLiteral("POST"), m_runpod.root() + QStringLiteral("/_fake/state"), state);
}

void TestInferencePage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("node")).isEmpty(), "the fakes need node");
    m_vllm = startFake(QStringLiteral("fake-vllm.mjs"), {QStringLiteral("--name"), QStringLiteral("gpu-a"), QStringLiteral("--models"),
                                                          QStringLiteral("llama-3.1-8b-instruct")});
    QVERIFY(m_vllm.port != 0);
    call(QStringLiteral("POST"), m_vllm.root() + QStringLiteral("/_fake/config"), R"({"kvCacheUsage":0.42})");
    m_runpod = startFake(QStringLiteral("fake-runpod.mjs"), {QStringLiteral("--api-key"), QStringLiteral("rp-test-key")});
    QVERIFY(m_runpod.port != 0);
    setRunpodState();

    m_podsFile = m_dir.filePath(QStringLiteral("pods.json"));
    QFile pods(m_podsFile);
    QVERIFY(pods.open(QIODevice::WriteOnly));
    pods.write(QStringLiteral(R"({"pods":[{"name":"gpu-a","url":"%1/v1","kind":"vllm","cost_per_hour":1.99}]})")
                   .arg(m_vllm.root()).toUtf8());
    pods.close();

    m_metrics = std::make_unique<core::Metrics>();
    m_monitor = std::make_unique<inference::InferenceMonitor>();
    core::Secrets secrets;
    QString error;
    QVERIFY2(core::Secrets::loadOrCreate(m_dir.filePath(QStringLiteral("secrets.json")), &secrets, &error), qPrintable(error));
    const QString dataDir = m_dir.path();
    core::Metrics *metrics = m_metrics.get();
    const QString podsFile = m_podsFile;
    const QString runpodRoot = m_runpod.root();
    m_host = std::make_unique<core::ServiceHost>([=](const QString &name) {
        core::ServiceContext context;
        context.name = name;
        context.dataDir = dataDir + QLatin1Char('/') + name;
        context.bindAddress = QHostAddress::LocalHost;
        context.secrets = secrets.service(name);
        context.metrics = metrics;
        context.settings = QVariantMap{
            {QStringLiteral("pods_file"), podsFile},
            {QStringLiteral("health_interval_ms"), 250},
            {QStringLiteral("runpod_rest_url"), runpodRoot + QStringLiteral("/v1")},
            {QStringLiteral("runpod_serverless_url"), runpodRoot + QStringLiteral("/v2")},
            {QStringLiteral("runpod_proxy_url"), runpodRoot + QStringLiteral("/proxy/{pod}-{port}")},
            {QStringLiteral("nvidia_smi"), QStringLiteral("homeport-test-no-nvidia-smi")},
        };
        return context;
    });
    inference::InferenceMonitor *monitor = m_monitor.get();
    m_host->addService(QStringLiteral("inference"), [monitor] { return std::make_unique<inference::InferenceService>(monitor); });
    m_host->start(QStringLiteral("inference"));
    m_port = guitest::waitForPort(m_host.get(), QStringLiteral("inference"));
    QVERIFY(m_port != 0);

    ui::ConsoleContext context;
    context.host = m_host.get();
    context.metrics = m_metrics.get();
    context.inference = m_monitor.get();
    context.clientSettings = guitest::clientSettingsFor(QStringLiteral("inference"), m_port, secrets);
    m_window = guitest::openConsoleOn(context, QStringLiteral("inference"));
    QVERIFY(m_window);
    QVERIFY(page());
    page()->setStatus(m_host->status(QStringLiteral("inference")));
    page()->refresh();
    page()->setConfirmFunction([](QWidget *, const QString &, const QString &) { return true; });
}

void TestInferencePage::cleanupTestCase()
{
    m_window.reset();
    m_host.reset();
    for (Fake *fake : {&m_vllm, &m_runpod}) {
        if (fake->process) {
            fake->process->terminate();
            fake->process->waitForFinished(5000);
        }
    }
}

void TestInferencePage::podTableShowsStateAndMetrics()
{
    // The service checks /health and /v1/models, reads /metrics, and the snapshot fills the row.
    QTRY_COMPARE_WITH_TIMEOUT(podCell(QStringLiteral("gpu-a"), InferencePage::PodKvCache), QStringLiteral("42 %"), 15000);
    QCOMPARE(page()->podStack()->currentIndex(), 1);
    QCOMPARE(podCell(QStringLiteral("gpu-a"), InferencePage::PodStateColumn), QStringLiteral("up"));
    QCOMPARE(podCell(QStringLiteral("gpu-a"), InferencePage::PodKindColumn), QStringLiteral("vLLM"));
    QCOMPARE(podCell(QStringLiteral("gpu-a"), InferencePage::PodModels), QStringLiteral("llama-3.1-8b-instruct"));
    QCOMPARE(podCell(QStringLiteral("gpu-a"), InferencePage::PodQueue), QStringLiteral("0 / 0"));
    QCOMPARE(podCell(QStringLiteral("gpu-a"), InferencePage::PodCost), QStringLiteral("$1.99"));
    QCOMPARE(page()->statText(QStringLiteral("pods")), QStringLiteral("1"));
    QCOMPARE(page()->statText(QStringLiteral("up")), QStringLiteral("1"));

    QCOMPARE(podCell(QStringLiteral("gpu-a"), InferencePage::PodReason), QString());
    // A queue on the pod: degraded, with the reason in its own column and both in the tooltip.
    call(QStringLiteral("POST"), m_vllm.root() + QStringLiteral("/_fake/config"), R"({"waiting":4})");
    QTRY_COMPARE_WITH_TIMEOUT(podCell(QStringLiteral("gpu-a"), InferencePage::PodStateColumn), QStringLiteral("degraded"), 15000);
    QCOMPARE(podCell(QStringLiteral("gpu-a"), InferencePage::PodReason), QStringLiteral("4 requests waiting"));
    QCOMPARE(page()->podTable()->item(podRow(QStringLiteral("gpu-a")), InferencePage::PodStateColumn)->toolTip(),
             QStringLiteral("degraded — 4 requests waiting"));
    QCOMPARE(podCell(QStringLiteral("gpu-a"), InferencePage::PodQueue), QStringLiteral("0 / 4"));
    // The queue chart counts whole requests: whole steps, at most three intervals (0, 2, 4, 6 for
    // a peak of 4), so its short plot under the legend has room for every label.
    const ui::InferencePodChart *queue = page()->queueChart();
    QVERIFY(queue->valueAxisTop() >= 4);
    QVERIFY(queue->valueAxisTickCount() >= 2 && queue->valueAxisTickCount() <= 4);
    const double queueStep = queue->valueAxisTop() / (queue->valueAxisTickCount() - 1);
    QCOMPARE(queueStep, std::round(queueStep));
    call(QStringLiteral("POST"), m_vllm.root() + QStringLiteral("/_fake/config"), R"({"waiting":0})");
    QTRY_COMPARE_WITH_TIMEOUT(podCell(QStringLiteral("gpu-a"), InferencePage::PodStateColumn), QStringLiteral("up"), 15000);
    QCOMPARE(podCell(QStringLiteral("gpu-a"), InferencePage::PodReason), QString());
}

void TestInferencePage::chartsFollowTheSelectedPod()
{
    QTRY_VERIFY_WITH_TIMEOUT(page()->kvChart()->pointCount() >= 2, 15000);
    QCOMPARE(page()->chartTitle()->text(), QStringLiteral("gpu-a over time"));
    // Queue points exist from the first check; tokens/s once two readings are in the window.
    QVERIFY(page()->queueChart()->pointCount() >= 2);
    QTRY_VERIFY_WITH_TIMEOUT(page()->tokensChart()->pointCount() >= 1, 15000);

    // The range box: every check over 5 minutes, the service's minute points over 1 and 24 hours.
    ui::ChartRangeBox *range = page()->podChartRange();
    QVERIFY(range);
    QCOMPARE(page()->kvChart()->axisStart(), -300.0);
    QCOMPARE(page()->kvChart()->axisTitle(), QStringLiteral("seconds ago"));
    QTRY_VERIFY_WITH_TIMEOUT(page()->queueChart()->pointCount() >= 8, 15000);
    const int checks = page()->queueChart()->pointCount();
    range->setRange(ui::ChartRange::OneHour);
    QCOMPARE(page()->kvChart()->range(), ui::ChartRange::OneHour);
    QCOMPARE(page()->kvChart()->axisStart(), -60.0);
    QCOMPARE(page()->kvChart()->axisTitle(), QStringLiteral("minutes ago"));
    // Checks every 250 ms fold into far fewer minute points, at least the current minute's.
    const int minutePoints = page()->queueChart()->pointCount();
    QVERIFY2(minutePoints >= 1 && minutePoints < checks,
             qPrintable(QStringLiteral("%1 minute points from %2 checks").arg(minutePoints).arg(checks)));
    QVERIFY(page()->kvChart()->pointCount() >= 1);
    range->setRange(ui::ChartRange::OneDay);
    QCOMPARE(page()->tokensChart()->axisStart(), -24.0);
    QCOMPARE(page()->tokensChart()->axisTitle(), QStringLiteral("hours ago"));
    QVERIFY(page()->queueChart()->pointCount() >= 1 && page()->queueChart()->pointCount() < checks);
    range->setRange(ui::ChartRange::FiveMinutes);
    QCOMPARE(page()->queueChart()->axisStart(), -300.0);
    QTRY_VERIFY_WITH_TIMEOUT(page()->queueChart()->pointCount() >= checks, 15000);
}

void TestInferencePage::withoutNvidiaSmiTheGpuBoxSaysSo()
{
    QTRY_VERIFY_WITH_TIMEOUT(page()->gpuText()->text().startsWith(QStringLiteral("No NVIDIA GPU on this machine")), 10000);
}

void TestInferencePage::playgroundStreamsAReplyThroughTheGateway()
{
    page()->tabs()->setCurrentIndex(InferencePage::PlaygroundTab);
    QTRY_COMPARE_WITH_TIMEOUT(page()->chatModel()->currentText(), QStringLiteral("llama-3.1-8b-instruct"), 10000);
    page()->chatInput()->setPlainText(QStringLiteral("hello from the console"));
    QSignalSpy done(page(), &InferencePage::chatDone);
    page()->sendChat();
    QVERIFY(done.wait(15000));
    const auto result = done.first().first().value<inference::ChatResult>();
    QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
    QCOMPARE(page()->chatReply()->toPlainText(), QStringLiteral("gpu-a heard: hello from the console"));
    QCOMPARE(result.pod, QStringLiteral("gpu-a"));
    // The fake counts one word as one token: "gpu-a heard: hello from the console" is 6.
    QCOMPARE(result.completionTokens, 6);
    QVERIFY(page()->chatStats()->text().contains(QStringLiteral("pod gpu-a")));
    // It really went to the pod: the fake counted a chat completion.
    QVERIFY(call(QStringLiteral("GET"), m_vllm.root() + QStringLiteral("/_fake/stats")).contains("POST /v1/chat/completions"));
    screenshot(QStringLiteral("inference-playground"));
}

void TestInferencePage::runpodAccountListsPodsAndEndpoints()
{
    page()->tabs()->setCurrentIndex(InferencePage::RunpodTab);
    // Without a key the tab says what a key gives.
    QCOMPARE(page()->runpodStack()->currentIndex(), 0);
    page()->runpodKeyEdit()->setText(QStringLiteral("rp-wrong-key"));
    page()->saveRunpodKey();
    QTRY_VERIFY_WITH_TIMEOUT(page()->runpodMessage()->text().contains(QStringLiteral("refused the API key")), 10000);

    page()->runpodKeyEdit()->setText(QStringLiteral("rp-test-key"));
    page()->saveRunpodKey();
    QTRY_COMPARE_WITH_TIMEOUT(page()->runpodPodTable()->rowCount(), 2, 10000);
    QCOMPARE(page()->runpodStack()->currentIndex(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(page()->runpodEndpointTable()->rowCount(), 1, 10000);
    // The key is kept 0600 in the service's folder, never in the console.
    const QString keyFile = m_dir.filePath(QStringLiteral("inference/runpod.json"));
    QVERIFY(QFile::exists(keyFile));
    QCOMPARE(QFile(keyFile).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther), QFileDevice::Permissions());

    const int running = runpodPodRow(QStringLiteral("Llama 70B A100"));
    QVERIFY(running >= 0);
    QTableWidget *pods = page()->runpodPodTable();
    QCOMPARE(pods->item(running, InferencePage::RpPodGpu)->text(), QStringLiteral("2 × A100 PCIe"));
    QCOMPARE(pods->item(running, InferencePage::RpPodCost)->text(), QStringLiteral("$1.64"));
    QCOMPARE(pods->item(running, InferencePage::RpPodDataCenter)->text(), QStringLiteral("EU-RO-1"));
    // Its port 8000 answered /v1/models through the proxy: offered as an OpenAI server.
    QTRY_COMPARE_WITH_TIMEOUT(pods->item(runpodPodRow(QStringLiteral("Llama 70B A100")), InferencePage::RpPodOpenAi)->text(),
                              m_runpod.root() + QStringLiteral("/proxy/pod8xk2-8000/v1"), 10000);
    const int spare = runpodPodRow(QStringLiteral("spare 4090"));
    QCOMPARE(pods->item(spare, InferencePage::RpPodStatus)->text(), QStringLiteral("EXITED"));
    QCOMPARE(pods->item(spare, InferencePage::RpPodOpenAi)->text(), QStringLiteral("8888/http"));

    QTableWidget *endpoints = page()->runpodEndpointTable();
    QCOMPARE(endpoints->item(0, InferencePage::RpEndpointName)->text(), QStringLiteral("qwen serverless"));
    QTRY_COMPARE_WITH_TIMEOUT(endpoints->item(0, InferencePage::RpEndpointWorkers)->text(), QStringLiteral("1 / 0"), 10000);
    QCOMPARE(endpoints->item(0, InferencePage::RpEndpointScale)->text(), QStringLiteral("0–3"));
    QCOMPARE(endpoints->item(0, InferencePage::RpEndpointUrl)->text(), m_runpod.root() + QStringLiteral("/v2/ep5m1/openai/v1"));
    screenshot(QStringLiteral("inference-runpod"));
}

void TestInferencePage::stopAndStartAskFirst()
{
    QTableWidget *pods = page()->runpodPodTable();
    pods->selectRow(runpodPodRow(QStringLiteral("Llama 70B A100")));
    // Declined: nothing reaches RunPod.
    QString asked;
    page()->setConfirmFunction([&](QWidget *, const QString &, const QString &text) {
        asked = text;
        return false;
    });
    page()->stopSelectedRunpodPod();
    QVERIFY(asked.contains(QStringLiteral("Llama 70B A100")));
    QVERIFY(!call(QStringLiteral("GET"), m_runpod.root() + QStringLiteral("/_fake/log")).contains("/stop"));

    page()->setConfirmFunction([](QWidget *, const QString &, const QString &) { return true; });
    QSignalSpy done(page(), &InferencePage::runpodActionDone);
    page()->stopSelectedRunpodPod();
    QVERIFY(done.wait(10000));
    QCOMPARE(done.first().first().toString(), QString());
    QVERIFY(call(QStringLiteral("GET"), m_runpod.root() + QStringLiteral("/_fake/log")).contains("POST /v1/pods/pod8xk2/stop"));
    QTRY_COMPARE_WITH_TIMEOUT(runpodPodStatus(QStringLiteral("Llama 70B A100")), QStringLiteral("EXITED"), 10000);

    pods->selectRow(runpodPodRow(QStringLiteral("Llama 70B A100")));
    done.clear();
    page()->startSelectedRunpodPod();
    QVERIFY(done.wait(10000));
    QTRY_COMPARE_WITH_TIMEOUT(runpodPodStatus(QStringLiteral("Llama 70B A100")), QStringLiteral("RUNNING"), 10000);
}

void TestInferencePage::runningRunpodPodBecomesAGatewayPod()
{
    QTableWidget *pods = page()->runpodPodTable();
    QTRY_VERIFY_WITH_TIMEOUT(!pods->item(runpodPodRow(QStringLiteral("Llama 70B A100")), InferencePage::RpPodOpenAi)->text().contains(QStringLiteral("8000/http")), 10000);
    pods->selectRow(runpodPodRow(QStringLiteral("Llama 70B A100")));
    QJsonObject offered;
    page()->setPodPrompt([&](QWidget *, const QJsonObject &prefill) -> std::optional<QJsonObject> {
        offered = prefill;
        return prefill;
    });
    QSignalSpy added(page(), &InferencePage::podAddFinished);
    page()->addSelectedRunpodPod();
    QVERIFY(added.wait(10000));
    QCOMPARE(added.first().first().toString(), QString());
    QCOMPARE(offered.value(QStringLiteral("name")).toString(), QStringLiteral("llama-70b-a100"));
    QCOMPARE(offered.value(QStringLiteral("url")).toString(), m_runpod.root() + QStringLiteral("/proxy/pod8xk2-8000/v1"));
    QCOMPARE(offered.value(QStringLiteral("cost_per_hour")).toDouble(), 1.64);

    // pods.json now lists both pods, and the new one is checked and up through the proxy.
    QFile file(m_podsFile);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonArray list = QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("pods")).toArray();
    QCOMPARE(list.size(), 2);
    QCOMPARE(list.at(1).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("llama-70b-a100"));
    QCOMPARE(file.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther), QFileDevice::Permissions());
    page()->tabs()->setCurrentIndex(InferencePage::PodsTab);
    QTRY_COMPARE_WITH_TIMEOUT(podCell(QStringLiteral("llama-70b-a100"), InferencePage::PodStateColumn), QStringLiteral("up"), 15000);
    QCOMPARE(podCell(QStringLiteral("llama-70b-a100"), InferencePage::PodCost), QStringLiteral("$1.64"));

    // The same name twice is refused with the service's reason.
    added.clear();
    page()->addPod(offered);
    QVERIFY(added.wait(10000));
    QVERIFY(added.first().first().toString().contains(QStringLiteral("exists already")));
    QVERIFY(page()->podsMessage()->text().contains(QStringLiteral("exists already")));
}

void TestInferencePage::podTableSortsByCost()
{
    QTableWidget *table = page()->podTable();
    QTRY_COMPARE_WITH_TIMEOUT(table->rowCount(), 2, 10000);
    table->sortItems(InferencePage::PodCost, Qt::AscendingOrder);
    QCOMPARE(table->item(0, InferencePage::PodName)->text(), QStringLiteral("llama-70b-a100"));
    table->sortItems(InferencePage::PodCost, Qt::DescendingOrder);
    QCOMPARE(table->item(0, InferencePage::PodName)->text(), QStringLiteral("gpu-a"));
    QCOMPARE(page()->statText(QStringLiteral("cost")), QStringLiteral("$3.63"));
    // The screenshot of the README: both pods, the first selected with its charts, after some
    // traffic (real chats, and first-token times the fake's histogram is given) and with a queue.
    call(QStringLiteral("POST"), m_vllm.root() + QStringLiteral("/_fake/observe"),
         R"({"ttft":[0.09,0.12,0.15,0.18,0.22,0.31,0.45],"e2e":[0.9,1.1,1.3,1.6,2.2,2.4,3.1],"promptTokens":1800,"generationTokens":5200})");
    call(QStringLiteral("POST"), m_vllm.root() + QStringLiteral("/_fake/config"), R"({"waiting":2,"kvCacheUsage":0.63})");
    QTRY_VERIFY_WITH_TIMEOUT(podCell(QStringLiteral("gpu-a"), InferencePage::PodStateColumn).startsWith(QStringLiteral("degraded")), 15000);
    QTRY_VERIFY_WITH_TIMEOUT(podCell(QStringLiteral("gpu-a"), InferencePage::PodTtft) != QStringLiteral("– / –"), 15000);
    table->selectRow(0);
    QTRY_VERIFY_WITH_TIMEOUT(page()->tokensChart()->pointCount() >= 10, 15000);
    page()->podsMessage()->clear();
    // At the window's size the reason is shown whole (on a second line if it must), not cut
    // short: its cell holds the wrapped text.
    QTRY_VERIFY_WITH_TIMEOUT(!podCell(QStringLiteral("gpu-a"), InferencePage::PodReason).isEmpty(), 15000);
    const auto reasonFits = [table, this] {
        const QTableWidgetItem *reason = table->item(podRow(QStringLiteral("gpu-a")), InferencePage::PodReason);
        const QRect cell = table->visualItemRect(reason);
        const int margin = 2 * (table->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, table) + 1);
        const int width = cell.width() - margin;
        // Drawn on one line unless the view wraps words; either way the text must be in the cell.
        if (!table->wordWrap())
            return table->fontMetrics().horizontalAdvance(reason->text()) <= width;
        const QRect needed = table->fontMetrics().boundingRect(QRect(0, 0, width, 10000), Qt::TextWordWrap, reason->text());
        return needed.width() <= width && needed.height() <= cell.height();
    };
    QTRY_VERIFY2_WITH_TIMEOUT(reasonFits(), qPrintable(podCell(QStringLiteral("gpu-a"), InferencePage::PodReason)), 10000);
    screenshot(QStringLiteral("inference"));
    call(QStringLiteral("POST"), m_vllm.root() + QStringLiteral("/_fake/config"), R"({"waiting":0,"kvCacheUsage":0.42})");
}

void TestInferencePage::keysTabListsTheAdminKey()
{
    // The keys panel is the page's last tab, fed by the same monitor.
    page()->tabs()->setCurrentIndex(InferencePage::KeysTab);
    QCOMPARE(page()->tabs()->currentWidget(), static_cast<QWidget *>(page()->keysPanel()));
    QTRY_VERIFY_WITH_TIMEOUT(page()->keysPanel()->keysView()->model()->rowCount() >= 1, 10000);
    // The playground's chat is in the request log, whose columns share the width: it does not
    // scroll sideways at the window's size.
    QTableView *requests = page()->keysPanel()->requestsView();
    QTRY_VERIFY_WITH_TIMEOUT(requests->model()->rowCount() >= 1, 10000);
    QApplication::processEvents();
    QCOMPARE(requests->horizontalScrollBar()->maximum(), 0);
    screenshot(QStringLiteral("inference-keys"));
}

void TestInferencePage::everyTabFitsTheWindow()
{
    guitest::verifyEveryTabFits(page(), page()->tabs());
}

void TestInferencePage::podsTabFitsTheWindowWithoutScrolling()
{
    // With pods, their table and the selected pod's charts: nothing to scroll to at the size the
    // console opens with.
    QVERIFY(page()->podTable()->rowCount() >= 1);
    QVERIFY(!page()->findChild<QWidget *>(QStringLiteral("podChartsCard"))->isHidden());
    QCOMPARE(m_window->size(), QSize(1200, 780));
    guitest::verifyTabFitsVertically(page(), page()->tabs(), InferencePage::PodsTab);
}

void TestInferencePage::emptyStateWithoutPodsOrService()
{
    // A page whose service is not running: the empty state, and commands answered at once.
    inference::InferenceMonitor detached;
    ui::ConsoleContext context;
    context.inference = &detached;
    core::ServiceInfo info;
    info.name = QStringLiteral("inference");
    info.title = QStringLiteral("Inference");
    InferencePage empty(info, context, nullptr);
    QCOMPARE(empty.podStack()->currentIndex(), 0);
    // No charts of no pod under the empty state.
    auto *charts = empty.findChild<QWidget *>(QStringLiteral("podChartsCard"));
    QVERIFY(charts);
    QVERIFY(charts->isHidden());
    // One "Add pod…" button, above the empty state, not a second one inside it.
    int addButtons = 0;
    for (const QPushButton *button : empty.findChildren<QPushButton *>())
        addButtons += button->text() == QStringLiteral("Add pod…") ? 1 : 0;
    QCOMPARE(addButtons, 1);
    QVERIFY(empty.gpuText()->text().contains(QStringLiteral("Not checked yet")));
    empty.setPodPrompt([](QWidget *, const QJsonObject &) -> std::optional<QJsonObject> {
        return QJsonObject{{QStringLiteral("name"), QStringLiteral("x")}, {QStringLiteral("url"), QStringLiteral("http://10.0.0.9:8000/v1")}};
    });
    QSignalSpy added(&empty, &InferencePage::podAddFinished);
    empty.addPod();
    QVERIFY(added.wait(5000));
    QVERIFY(added.first().first().toString().contains(QStringLiteral("not running")));
}

QTEST_MAIN(TestInferencePage)
#include "tst_inference_page.moc"
