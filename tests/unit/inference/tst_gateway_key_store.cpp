// GatewayKeyStore and UsageLog over one SQLite file: keys found by their secret only (stored as
// a hash), revoked keys kept, settings validated, everything back after reopening; the usage
// log's batches with the keys' spent tokens in the same transaction, flush(), and retention.
#include "inference/gateway_key_store.h"
#include "inference/usage_log.h"

#include <QDateTime>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace homeport::inference;

namespace {
RequestRecord request(const QString &key, qint64 timeMs, qint64 prompt, qint64 completion, const QString &pod = QStringLiteral("p1"))
{
    RequestRecord r;
    r.timeMs = timeMs;
    r.keyId = key;
    r.endpoint = QStringLiteral("/v1/chat/completions");
    r.model = QStringLiteral("m");
    r.pod = pod;
    r.promptTokens = prompt;
    r.completionTokens = completion;
    r.latencyMs = 12.5;
    r.firstTokenMs = 3.25;
    r.status = 200;
    r.stream = true;
    return r;
}
} // namespace

class TstGatewayKeyStore : public QObject
{
    Q_OBJECT
private slots:
    void keysAreFoundBySecretAndKeptAcrossReopening()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("gateway.sqlite"));
        QString id;
        QString secret;
        {
            GatewayKeyStore store(path, QStringLiteral("t1"));
            QString error;
            QVERIFY2(store.open(&error), qPrintable(error));
            GatewayKeyInfo key;
            key.name = QStringLiteral(" app ");
            key.models = {QStringLiteral("a"), QStringLiteral("b")};
            key.requestsPerMinute = 60;
            key.tokensPerMinute = 1000;
            key.tokenBudget = 50'000;
            QVERIFY2(store.create(&key, &secret, &error), qPrintable(error));
            id = key.id;
            QVERIFY(id.startsWith(QStringLiteral("hk_")));
            QVERIFY(secret.startsWith(QStringLiteral("sk-hp-")));
            QCOMPARE(key.prefix, secret.left(12));
            QCOMPARE(store.findBySecret(secret.toLatin1())->id, id);
            QVERIFY(!store.findBySecret("sk-hp-wrong"));
            QVERIFY(!store.findBySecret(""));
        }
        // Only the hash is on disk.
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains(secret.toLatin1()));
        GatewayKeyStore store(path, QStringLiteral("t1"));
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        const GatewayKeyInfo *key = store.findBySecret(secret.toLatin1());
        QVERIFY(key);
        QCOMPARE(key->name, QStringLiteral("app"));
        QCOMPARE(key->models, (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
        QCOMPARE(key->requestsPerMinute, 60);
        QCOMPARE(key->tokensPerMinute, 1000);
        QCOMPARE(key->tokenBudget, 50'000);
        QVERIFY(key->allows(QStringLiteral("a")));
        QVERIFY(!key->allows(QStringLiteral("c")));

        GatewayKeyInfo changed = *key;
        changed.models.clear();
        changed.tokenBudget = 0;
        QVERIFY2(store.update(changed, &error), qPrintable(error));
        QVERIFY(store.find(id)->allows(QStringLiteral("c")));
        QVERIFY2(store.revoke(id, &error), qPrintable(error));
        QVERIFY(store.find(id)->isRevoked());
        store.close();
        QVERIFY2(store.open(&error), qPrintable(error));
        QVERIFY(store.findBySecret(secret.toLatin1())->isRevoked()); // kept, so the log still names it
        QCOMPARE(store.find(id)->tokenBudget, 0);
    }

    void badSettingsAreRefused()
    {
        QTemporaryDir dir;
        GatewayKeyStore store(dir.filePath(QStringLiteral("g.sqlite")), QStringLiteral("t2"));
        QString error;
        QVERIFY(store.open(&error));
        QString secret;
        GatewayKeyInfo unnamed;
        QVERIFY(!store.create(&unnamed, &secret, &error));
        QVERIFY(error.contains(QStringLiteral("name")));
        GatewayKeyInfo negative;
        negative.name = QStringLiteral("x");
        negative.tokensPerMinute = -1;
        QVERIFY(!store.create(&negative, &secret, &error));
        GatewayKeyInfo emptyModel;
        emptyModel.name = QStringLiteral("x");
        emptyModel.models = {QString()};
        QVERIFY(!store.create(&emptyModel, &secret, &error));
        QVERIFY(store.keys().empty());
        GatewayKeyInfo missing;
        missing.id = QStringLiteral("hk_none");
        missing.name = QStringLiteral("x");
        QVERIFY(!store.update(missing, &error));
        QVERIFY(!store.revoke(QStringLiteral("hk_none"), &error));
    }

    void theUsageLogCommitsRecordsAndSpentTokensTogether()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("gateway.sqlite"));
        GatewayKeyStore store(path, QStringLiteral("t3"));
        QString error;
        QVERIFY(store.open(&error));
        GatewayKeyInfo key;
        key.name = QStringLiteral("k");
        QString secret;
        QVERIFY(store.create(&key, &secret, &error));

        UsageLog log(path, QStringLiteral("t3-log"), 0);
        QVERIFY2(log.start(&error), qPrintable(error));
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (int i = 0; i < 1000; ++i) // several batches
            log.append(request(key.id, now + i, 3, 4));
        RequestRecord unknown = request(key.id, now + 2000, -1, -1, QString());
        unknown.status = 429;
        unknown.stream = false;
        log.append(unknown);
        QVERIFY(log.flush());
        QCOMPARE(log.committed(), 1001u);

        const QList<RequestRecord> newest = store.requests(key.id, 2);
        QCOMPARE(newest.size(), 2);
        QCOMPARE(newest[0].status, 429);
        QCOMPARE(newest[0].promptTokens, -1);
        QCOMPARE(newest[0].firstTokenMs, 3.25); // as given
        QVERIFY(newest[0].pod.isEmpty());
        QCOMPARE(newest[1].timeMs, now + 999);
        QCOMPARE(newest[1].promptTokens, 3);
        QCOMPARE(newest[1].completionTokens, 4);
        QCOMPARE(newest[1].latencyMs, 12.5);
        QVERIFY(newest[1].stream);
        int seen = 0;
        store.forEachRequestSince(now + 500, [&](const RequestRecord &) { ++seen; });
        QCOMPARE(seen, 501);
        log.stop();

        // The spent total is in the key's row: read it as the service does at start.
        store.close();
        QVERIFY(store.open(&error));
        QCOMPARE(store.find(key.id)->spentTokens, 7000);
        QCOMPARE(store.find(key.id)->lastUsed.toMSecsSinceEpoch(), now + 2000);
    }

    void stopCommitsWhatIsQueued()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("gateway.sqlite"));
        GatewayKeyStore store(path, QStringLiteral("t4"));
        QString error;
        QVERIFY(store.open(&error));
        {
            UsageLog log(path, QStringLiteral("t4-log"), 0);
            QVERIFY(log.start(&error));
            log.append(request(QStringLiteral("admin"), 1, 1, 1));
            log.append(request(QStringLiteral("admin"), 2, 1, 1));
        } // destructor stops
        QCOMPARE(store.requests({}, 10).size(), 2);
    }

    void recordsOlderThanTheRetentionGo()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("gateway.sqlite"));
        GatewayKeyStore store(path, QStringLiteral("t5"));
        QString error;
        QVERIFY(store.open(&error));
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        {
            UsageLog keepAll(path, QStringLiteral("t5-a"), 0);
            QVERIFY(keepAll.start(&error));
            for (int i = 0; i < 20; ++i)
                keepAll.append(request(QStringLiteral("admin"), now - 3 * 3600'000 + i, 1, 1)); // three hours old
            keepAll.append(request(QStringLiteral("admin"), now, 1, 1));
        }
        QCOMPARE(store.requests({}, 100).size(), 21);
        // A log keeping one hour removes the old records when it starts.
        UsageLog oneHour(path, QStringLiteral("t5-b"), 3600'000);
        QVERIFY(oneHour.start(&error));
        const QList<RequestRecord> left = store.requests({}, 100);
        QCOMPARE(left.size(), 1);
        QCOMPARE(left[0].timeMs, now);
    }
};

QTEST_GUILESS_MAIN(TstGatewayKeyStore)
#include "tst_gateway_key_store.moc"
