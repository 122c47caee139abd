// PodPool::load: pods.json as documented (object or bare array), health URLs derived from the
// OpenAI base URL, and the errors a broken file gives; the choice of pod before any check.
#include "inference/pod_pool.h"

#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTest>

using namespace homeport::inference;

namespace {
QString writeFile(const QTemporaryDir &dir, const QByteArray &content)
{
    const QString path = dir.filePath(QStringLiteral("pods.json"));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(content);
    return path;
}
} // namespace

class TstPodPool : public QObject
{
    Q_OBJECT
private slots:
    void loadsPods()
    {
        QTemporaryDir dir;
        QNetworkAccessManager network;
        PodPool pool(&network, nullptr);
        QString error;
        const QByteArray json = "{\"pods\":["
                                "{\"name\":\"a\",\"url\":\"http://10.0.0.5:8000/v1/\",\"api_key\":\"k\",\"weight\":2},"
                                "{\"name\":\"b\",\"url\":\"https://api.example/v2/e/openai/v1\","
                                "\"health_url\":\"https://api.example/v2/e/health\"}]}";
        const bool loaded = pool.load(writeFile(dir, json), &error);
        QVERIFY2(loaded, qPrintable(error));
        QCOMPARE(pool.size(), 2);
        QCOMPARE(pool.pod(0).baseUrl, QStringLiteral("http://10.0.0.5:8000/v1"));
        QCOMPARE(pool.pod(0).healthUrl, QUrl(QStringLiteral("http://10.0.0.5:8000/health")));
        QCOMPARE(pool.pod(0).apiKey, QByteArray("k"));
        QCOMPARE(pool.pod(0).weight, 2.0);
        QCOMPARE(pool.pod(1).healthUrl, QUrl(QStringLiteral("https://api.example/v2/e/health")));
        QCOMPARE(pool.pod(1).weight, 1.0);
        // Nothing is healthy before a check answered.
        QVERIFY(pool.candidates(QStringLiteral("m")).isEmpty());
        QCOMPARE(pool.models().size(), 0);
    }
    void kindsCostsAndDeclaredModels()
    {
        QTemporaryDir dir;
        QNetworkAccessManager network;
        PodPool pool(&network, nullptr);
        QString error;
        const QByteArray json = "{\"pods\":["
                                "{\"name\":\"rp\",\"url\":\"https://api.runpod.ai/v2/abc123/openai/v1\",\"models\":[\"qwen\"]},"
                                "{\"name\":\"v\",\"url\":\"http://10.0.0.5:8000/v1\",\"cost_per_hour\":1.5},"
                                "{\"name\":\"o\",\"url\":\"http://10.0.0.6:11434/v1\",\"kind\":\"openai\"}]}";
        QVERIFY2(pool.load(writeFile(dir, json), &error), qPrintable(error));
        // A RunPod serverless URL is recognised; its /health is the endpoint's, not /openai's.
        QCOMPARE(pool.pod(0).kind, PodKind::RunpodServerless);
        QCOMPARE(pool.pod(0).healthUrl, QUrl(QStringLiteral("https://api.runpod.ai/v2/abc123/health")));
        QCOMPARE(pool.pod(0).declaredModels, QStringList{QStringLiteral("qwen")});
        QVERIFY(pool.pod(0).serves(QStringLiteral("qwen")));
        QVERIFY(!pool.pod(0).costPerHour);
        QCOMPARE(pool.pod(1).kind, PodKind::Vllm);
        QCOMPARE(pool.pod(1).metricsUrl, QUrl(QStringLiteral("http://10.0.0.5:8000/metrics")));
        QCOMPARE(pool.pod(1).costPerHour.value_or(-1), 1.5);
        QCOMPARE(pool.pod(2).kind, PodKind::OpenAiCompatible);

        PodPool other(&network, nullptr);
        QVERIFY(!other.load(writeFile(dir, "{\"pods\":[{\"name\":\"x\",\"url\":\"http://h/v1\",\"kind\":\"ollama\"}]}"), &error));
        QVERIFY(error.contains(QStringLiteral("kind")));
        QVERIFY(!other.load(writeFile(dir, "[{\"name\":\"x\",\"url\":\"http://h/v1\"},{\"name\":\"x\",\"url\":\"http://i/v1\"}]"), &error));
        QVERIFY(error.contains(QStringLiteral("two pods are named")));
    }

    void missingFileMeansNoPods()
    {
        QTemporaryDir dir;
        QNetworkAccessManager network;
        PodPool pool(&network, nullptr);
        QString error;
        QVERIFY(pool.load(dir.filePath(QStringLiteral("absent.json")), &error));
        QCOMPARE(pool.size(), 0);
    }
    void refusesBrokenFiles()
    {
        QTemporaryDir dir;
        QNetworkAccessManager network;
        const QList<QByteArray> broken{
            "{not json",
            "[{\"url\":\"http://x/v1\"}]",
            "[{\"name\":\"a\",\"url\":\"ftp://x/v1\"}]",
            "[{\"name\":\"a\",\"url\":\"http://x/v1\"},{\"name\":\"a\",\"url\":\"http://y/v1\"}]"};
        for (const QByteArray &content : broken) {
            PodPool pool(&network, nullptr);
            QString error;
            QVERIFY2(!pool.load(writeFile(dir, content), &error), content.constData());
            QVERIFY(error.contains(QStringLiteral("pods.json")));
        }
    }
};

QTEST_GUILESS_MAIN(TstPodPool)
#include "tst_pod_pool.moc"
