// Pod states and their reasons (up, degraded for a queue, full KV cache or slow health, cold for
// a RunPod endpoint with no workers, down), RunPod's /health body, and nvidia-smi's CSV as
// recorded from real machines; a pod's minute points for the 1 h / 24 h charts, made from its checks.
#include "inference/local_gpu.h"
#include "inference/pod_state.h"
#include "inference/pod_telemetry.h"
#include "inference/runpod_account.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace homeport::inference;

class TstPodState : public QObject
{
    Q_OBJECT
private slots:
    void minuteIsTheMeanOfItsChecks()
    {
        // Checks every 10 s from 12:00:40: two in the first minute, then six in the next.
        const qint64 start = 1'800'000'000'000LL - 1'800'000'000'000LL % 60'000 + 40'000;
        QVector<PodPoint> history;
        QVector<PodPoint> minutes;
        for (int i = 0; i < 8; ++i) {
            PodPoint p;
            p.atMs = start + i * 10'000;
            p.tokensPerSecond = 10.0 * (i + 1);
            p.kvCachePercent = i == 5 ? qQNaN() : double(i); // one check without a reading
            p.running = i < 2 ? 1 : 3;
            history.append(p);
            PodTelemetry::foldIntoMinute(minutes, history);
        }
        QCOMPARE(minutes.size(), 2);
        QCOMPARE(minutes[0].atMs, start - 40'000);
        QCOMPARE(minutes[0].tokensPerSecond, 15.0); // (10 + 20) / 2
        QCOMPARE(minutes[0].kvCachePercent, 0.5);
        QCOMPARE(minutes[0].running, 1.0);
        QVERIFY(qIsNaN(minutes[0].waiting)); // no check had a value
        QCOMPARE(minutes[1].atMs, start + 20'000);
        QCOMPARE(minutes[1].tokensPerSecond, 55.0); // (30 + ... + 80) / 6
        QCOMPARE(minutes[1].kvCachePercent, (2.0 + 3 + 4 + 6 + 7) / 5); // the NaN is left out
        QCOMPARE(minutes[1].running, 3.0);

        // A day is kept, the oldest minutes dropped.
        QVector<PodPoint> one{history.last()};
        for (int m = 0; m < PodTelemetry::kMinutePoints + 5; ++m) {
            one[0].atMs += 60'000;
            PodTelemetry::foldIntoMinute(minutes, one);
        }
        QCOMPARE(minutes.size(), PodTelemetry::kMinutePoints);
        QCOMPARE(minutes.last().atMs, one[0].atMs - one[0].atMs % 60'000);
    }

    void kinds()
    {
        QCOMPARE(podKindFromName(QStringLiteral("runpod-serverless")), PodKind::RunpodServerless);
        QCOMPARE(podKindName(*podKindFromName(QStringLiteral("vllm"))), QStringLiteral("vllm"));
        QVERIFY(!podKindFromName(QStringLiteral("ollama")));
    }

    void verdicts()
    {
        PodObservation o;
        o.failure = QStringLiteral("Connection refused");
        QCOMPARE(judgePod(o).state, PodState::Down);
        QCOMPARE(judgePod(o).reason, QStringLiteral("Connection refused"));

        o = {};
        o.reachable = true;
        o.healthLatencyMs = 20;
        o.waiting = 0;
        o.kvCacheUsage = 0.5;
        QCOMPARE(judgePod(o).state, PodState::Up);
        QVERIFY(judgePod(o).reason.isEmpty());

        o.waiting = 3;
        QCOMPARE(judgePod(o).state, PodState::Degraded);
        QCOMPARE(judgePod(o).reason, QStringLiteral("3 requests waiting"));
        o.kvCacheUsage = 0.95;
        o.healthLatencyMs = 2500;
        QCOMPARE(judgePod(o).reason, QStringLiteral("3 requests waiting; KV cache 95 % full; health check took 2.5 s"));
        o.waiting = 0;
        o.healthLatencyMs = 10;
        QCOMPARE(judgePod(o).reason, QStringLiteral("KV cache 95 % full"));
        QCOMPARE(judgePod(o, PodStateLimits{0.99, 2000}).state, PodState::Up);
    }

    void runpodServerless()
    {
        const std::optional<RunpodHealth> cold = parseRunpodHealth(
            R"({"jobs":{"completed":12,"failed":1,"inProgress":0,"inQueue":0,"retried":0},"workers":{"idle":0,"running":0}})");
        QVERIFY(cold);
        QCOMPARE(cold->completed, 12);
        PodObservation o;
        o.reachable = true;
        o.runpod = cold;
        QCOMPARE(judgePod(o).state, PodState::Cold);
        QVERIFY(judgePod(o).reason.contains(QStringLiteral("zero workers")));

        o.runpod = parseRunpodHealth(R"({"jobs":{"inQueue":4,"inProgress":2},"workers":{"idle":0,"running":2}})");
        QCOMPARE(judgePod(o).state, PodState::Degraded);
        QCOMPARE(judgePod(o).reason, QStringLiteral("4 jobs in queue"));

        o.runpod = parseRunpodHealth(R"({"jobs":{"inQueue":0,"inProgress":0},"workers":{"idle":1,"running":0}})");
        QCOMPARE(judgePod(o).state, PodState::Up);

        o.runpod = parseRunpodHealth(R"({"jobs":{},"workers":{"idle":0,"running":0,"initializing":1}})");
        QCOMPARE(judgePod(o).state, PodState::Cold);
        QVERIFY(judgePod(o).reason.contains(QStringLiteral("starting")));

        QVERIFY(!parseRunpodHealth("{}"));
        QVERIFY(!parseRunpodHealth("not json"));
        QVERIFY(!parseRunpodHealth(R"({"workers":[],"jobs":{}})"));
    }

    void runpodRestShapes()
    {
        // GET https://rest.runpod.io/v1/pods as documented: a bare array, costPerHr as a string,
        // adjustedCostPerHr as a number, gpu and machine objects, ports as "port/protocol".
        const QByteArray pods = R"([
          {"id":"xedezhzb9la3ye","name":"my pod","desiredStatus":"RUNNING","costPerHr":"0.74","adjustedCostPerHr":0.69,
           "gpu":{"id":"NVIDIA A40","count":1,"displayName":"A40"},"lastStartedAt":"2024-07-12T19:14:40.144Z",
           "machine":{"dataCenterId":"EU-RO-1","gpuDisplayName":"A40"},"ports":["8000/http","22/tcp"]},
          {"id":"p2","desiredStatus":"EXITED","costPerHr":"0.44","machine":{"gpuDisplayName":"RTX 4090"},
           "gpuCount":2,"ports":"8888/http, 22/tcp"},
          {"name":"no id, skipped"}])";
        QString error;
        const QList<RunpodPodInfo> list = parseRunpodPods(pods, &error);
        QVERIFY(error.isEmpty());
        QCOMPARE(list.size(), 2);
        QCOMPARE(list[0].name, QStringLiteral("my pod"));
        QCOMPARE(list[0].costPerHour.value_or(-1), 0.69);
        QCOMPARE(list[0].gpuName, QStringLiteral("A40"));
        QCOMPARE(list[0].dataCenter, QStringLiteral("EU-RO-1"));
        QCOMPARE(list[0].ports, (QStringList{QStringLiteral("8000/http"), QStringLiteral("22/tcp")}));
        QCOMPARE(list[1].name, QStringLiteral("p2"));
        QCOMPARE(list[1].costPerHour.value_or(-1), 0.44);
        QCOMPARE(list[1].gpuName, QStringLiteral("RTX 4090"));
        QCOMPARE(list[1].gpuCount, 2);
        QCOMPARE(list[1].ports, (QStringList{QStringLiteral("8888/http"), QStringLiteral("22/tcp")}));

        const QList<RunpodEndpointInfo> endpoints = parseRunpodEndpoints(
            R"([{"id":"jpnw0v75y3qoql","name":"my endpoint","workersMin":0,"workersMax":3,"gpuTypeIds":["NVIDIA GeForce RTX 4090"]}])",
            QStringLiteral("https://api.runpod.ai/v2"), &error);
        QCOMPARE(endpoints.size(), 1);
        QCOMPARE(endpoints[0].workersMax, 3);
        QCOMPARE(endpoints[0].openAiUrl, QStringLiteral("https://api.runpod.ai/v2/jpnw0v75y3qoql/openai/v1"));

        QVERIFY(parseRunpodPods("<html>", &error).isEmpty());
        QVERIFY(error.contains(QStringLiteral("not JSON")));
    }

    void nvidiaSmiLines()
    {
        // Recorded with the query the probe runs (two GPUs, then a laptop GPU without a sensor).
        const QByteArray twoGpus = "NVIDIA GeForce RTX 4090, 37, 20480, 24564, 61\n"
                                   "NVIDIA A100-SXM4-80GB, 100, 79001, 81920, 72\n";
        const std::optional<QList<LocalGpu>> gpus = parseNvidiaSmiCsv(twoGpus);
        QVERIFY(gpus);
        QCOMPARE(gpus->size(), 2);
        QCOMPARE(gpus->at(0).name, QStringLiteral("NVIDIA GeForce RTX 4090"));
        QCOMPARE(gpus->at(0).utilizationPercent.value_or(-1), 37.0);
        QCOMPARE(gpus->at(0).memoryUsedMiB.value_or(-1), 20480.0);
        QCOMPARE(gpus->at(0).memoryTotalMiB.value_or(-1), 24564.0);
        QCOMPARE(gpus->at(1).temperatureC.value_or(-1), 72.0);

        const std::optional<QList<LocalGpu>> laptop = parseNvidiaSmiCsv("Quadro P520, [N/A], 5, 2048, [Not Supported]\r\n");
        QVERIFY(laptop);
        QVERIFY(!laptop->at(0).utilizationPercent);
        QVERIFY(!laptop->at(0).temperatureC);
        QCOMPARE(laptop->at(0).memoryTotalMiB.value_or(-1), 2048.0);

        QVERIFY(parseNvidiaSmiCsv("")->isEmpty());
        QString error;
        QVERIFY(!parseNvidiaSmiCsv("NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.", &error));
        QVERIFY(error.contains(QStringLiteral("NVIDIA-SMI has failed")));
        QVERIFY(!parseNvidiaSmiCsv("GPU, a, b, c, d\n"));
    }

    void probeWithoutNvidiaSmi()
    {
        LocalGpuProbe probe(QStringLiteral("homeport-no-such-nvidia-smi"));
        QSignalSpy updated(&probe, &LocalGpuProbe::updated);
        probe.probeNow();
        QVERIFY(updated.count() == 1 || updated.wait(5000));
        QCOMPARE(probe.status().availability, LocalGpuStatus::Availability::NoGpu);
        QVERIFY(probe.status().message.startsWith(QStringLiteral("No NVIDIA GPU on this machine")));
    }

    void probeReadsWhatNvidiaSmiPrints()
    {
        // A stand-in program printing a recorded line, and one that fails like a driverless host.
        QTemporaryDir dir;
        const QString ok = dir.filePath(QStringLiteral("nvidia-smi-ok"));
        const QString failing = dir.filePath(QStringLiteral("nvidia-smi-failing"));
        auto script = [](const QString &path, const QByteArray &body) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("#!/bin/sh\n" + body);
            f.close();
            f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        };
        script(ok, "echo 'NVIDIA L4, 12, 3000, 23034, 48'\n");
        script(failing, "echo \"NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.\"; exit 9\n");

        LocalGpuProbe present(ok);
        QSignalSpy presentUpdated(&present, &LocalGpuProbe::updated);
        present.probeNow();
        QVERIFY(presentUpdated.wait(10000));
        QCOMPARE(present.status().availability, LocalGpuStatus::Availability::Present);
        QCOMPARE(present.status().gpus.size(), 1);
        QCOMPARE(present.status().gpus[0].name, QStringLiteral("NVIDIA L4"));

        LocalGpuProbe broken(failing);
        QSignalSpy brokenUpdated(&broken, &LocalGpuProbe::updated);
        broken.probeNow();
        QVERIFY(brokenUpdated.wait(10000));
        QCOMPARE(broken.status().availability, LocalGpuStatus::Availability::NoGpu);
        QVERIFY(broken.status().message.contains(QStringLiteral("couldn't communicate")));
    }
};

QTEST_GUILESS_MAIN(TstPodState)
#include "tst_pod_state.moc"
