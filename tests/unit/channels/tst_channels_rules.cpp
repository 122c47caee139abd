// Signatures against the documented vectors, channel-name rules and the app store.
#include "channels/app_store.h"
#include "channels/channel_name.h"
#include "channels/local_adapter.h"
#include "channels/pusher_signatures.h"
#include "channels/redis_client.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace homeport::channels;

class TestChannelsRules : public QObject
{
    Q_OBJECT
private slots:
    void channelAuthVectors();
    void userAuthVector();
    void restSignatureVector();
    void channelNames_data();
    void channelNames();
    void channelTypes();
    void appStoreDefaultAndConfig();
    void appStoreSaveAndRemove();
    void appStoreConfigAppEditsSurviveRestart();
    void expiredCacheEntriesAreDropped();
    void redisUrlsAreParsed();
};

// pusher/docs auth-signatures.md: key 278d425bdf160c739803, secret 7ad3773142a6692b25b8.
static const QString kSecret = QStringLiteral("7ad3773142a6692b25b8");

void TestChannelsRules::channelAuthVectors()
{
    QCOMPARE(channelAuthSignature(kSecret, QStringLiteral("1234.1234"), QStringLiteral("private-foobar")),
             QByteArray("58df8b0c36d6982b82c3ecf6b4662e34fe8c25bba48f5369f135bf843651c3a4"));
    QCOMPARE(channelAuthSignature(kSecret, QStringLiteral("1234.1234"), QStringLiteral("presence-foobar"),
                                  QStringLiteral(R"({"user_id":10,"user_info":{"name":"Mr. Pusher"}})")),
             QByteArray("afaed3695da2ffd16931f457e338e6c9f2921fa133ce7dac49f529792be6304c"));
}

void TestChannelsRules::userAuthVector()
{
    QCOMPARE(userAuthSignature(kSecret, QStringLiteral("1234.1234"), QStringLiteral(R"({"id":"12345"})")),
             QByteArray("4708d583dada6a56435fb8bc611c77c359a31eebde13337c16ab43aa6de336ba"));
}

void TestChannelsRules::restSignatureVector()
{
    // docs rest-api.md: the example POST /apps/3/events.
    const QList<QPair<QString, QString>> params{
        {QStringLiteral("auth_version"), QStringLiteral("1.0")},
        {QStringLiteral("AUTH_KEY"), QStringLiteral("278d425bdf160c739803")},
        {QStringLiteral("body_md5"), QStringLiteral("ec365a775a4cd0599faeb73354201b6f")},
        {QStringLiteral("auth_timestamp"), QStringLiteral("1353088179")},
        {QStringLiteral("auth_signature"), QStringLiteral("ignored")},
    };
    QCOMPARE(restStringToSign("POST", QStringLiteral("/apps/3/events"), params),
             QByteArray("POST\n/apps/3/events\nauth_key=278d425bdf160c739803&auth_timestamp=1353088179"
                        "&auth_version=1.0&body_md5=ec365a775a4cd0599faeb73354201b6f"));
    QCOMPARE(restSignature(kSecret, "POST", QStringLiteral("/apps/3/events"), params),
             QByteArray("da454824c97ba181a32ccc17a72625ba02771f50b50e1e7430e47a1f3f457e6c"));
    // The body of that example hashes to the documented body_md5.
    const QByteArray body = R"({"name":"foo","channels":["project-3"],"data":"{\"some\":\"data\"}"})";
    QVERIFY(signedRestQuery(QStringLiteral("278d425bdf160c739803"), kSecret, "POST", QStringLiteral("/apps/3/events"), body,
                            1353088179)
                .contains("body_md5=ec365a775a4cd0599faeb73354201b6f"));
}

void TestChannelsRules::channelNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("valid");
    QTest::newRow("public") << QStringLiteral("my-channel_1") << true;
    QTest::newRow("all allowed punctuation") << QStringLiteral("a_b-c=d@e,f.g;h") << true;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("space") << QStringLiteral("my channel") << false;
    QTest::newRow("colon") << QStringLiteral("private:x") << false;
    QTest::newRow("hash") << QStringLiteral("#foo") << false;
    QTest::newRow("164 chars") << QString(164, QLatin1Char('a')) << true;
    QTest::newRow("165 chars") << QString(165, QLatin1Char('a')) << false;
    QTest::newRow("server to user") << QStringLiteral("#server-to-user-42") << true;
    QTest::newRow("server to user without id") << QStringLiteral("#server-to-user-") << false;
    QTest::newRow("non-ascii") << QStringLiteral("caf\u00e9") << false;
}

void TestChannelsRules::channelNames()
{
    QFETCH(QString, name);
    QFETCH(bool, valid);
    QCOMPARE(ChannelName::validate(name, 164).isEmpty(), valid);
}

void TestChannelsRules::channelTypes()
{
    QCOMPARE(ChannelName(QStringLiteral("news")).type(), ChannelName::Type::Public);
    QCOMPARE(ChannelName(QStringLiteral("private-a")).type(), ChannelName::Type::Private);
    QCOMPARE(ChannelName(QStringLiteral("presence-a")).type(), ChannelName::Type::Presence);
    QCOMPARE(ChannelName(QStringLiteral("private-encrypted-a")).type(), ChannelName::Type::Encrypted);
    QCOMPARE(ChannelName(QStringLiteral("#server-to-user-1")).type(), ChannelName::Type::ServerToUser);
    for (const char *cache : {"cache-a", "private-cache-a", "private-encrypted-cache-a", "presence-cache-a"})
        QVERIFY2(ChannelName(QString::fromLatin1(cache)).isCache(), cache);
    QVERIFY(!ChannelName(QStringLiteral("news-cache-a")).isCache());
    QCOMPARE(ChannelName(QStringLiteral("presence-cache-a")).type(), ChannelName::Type::Presence);
    QVERIFY(ChannelName(QStringLiteral("private-encrypted-cache-a")).needsAuth());
}

void TestChannelsRules::appStoreDefaultAndConfig()
{
    QTemporaryDir dir;
    const QVariantMap secrets{{QStringLiteral("app_id"), QStringLiteral("123456")},
                              {QStringLiteral("app_key"), QStringLiteral("key1")},
                              {QStringLiteral("app_secret"), QStringLiteral("secret1")}};
    AppStore store;
    QCOMPARE(store.load(dir.path(), {{QStringLiteral("apps"), QStringLiteral("7:key7:secret7:Seven, 8:key8:secret8")}}, secrets),
             QString());
    QCOMPARE(store.apps().size(), 3);
    QCOMPARE(store.byKey(QStringLiteral("key1"))->id, QStringLiteral("123456"));
    QCOMPARE(store.byId(QStringLiteral("7"))->name, QStringLiteral("Seven"));
    QCOMPARE(store.byId(QStringLiteral("8"))->secret, QStringLiteral("secret8"));

    // The file holds the default app only (config apps are not persisted), readable by the owner only.
    QFile file(dir.filePath(QStringLiteral("apps.json")));
    QCOMPARE(file.permissions() & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("apps")).toArray().size(), 1);

    AppStore bad;
    QVERIFY(!bad.load(dir.path(), {{QStringLiteral("apps"), QStringLiteral("only:two")}}, secrets).isEmpty());
}

void TestChannelsRules::appStoreSaveAndRemove()
{
    QTemporaryDir dir;
    const QVariantMap secrets{{QStringLiteral("app_id"), QStringLiteral("1")},
                              {QStringLiteral("app_key"), QStringLiteral("k")},
                              {QStringLiteral("app_secret"), QStringLiteral("s")}};
    AppStore store;
    QCOMPARE(store.load(dir.path(), {}, secrets), QString());
    AppInfo app;
    app.name = QStringLiteral("Second");
    app.limits.maxConnections = 5;
    app.webhookUrl = QStringLiteral("http://127.0.0.1:1/hook");
    app.webhookEvents = {QStringLiteral("channel_occupied")};
    AppInfo saved;
    QCOMPARE(store.save(app, &saved), QString());
    QVERIFY(!saved.id.isEmpty());
    QCOMPARE(saved.key.size(), 20);
    QCOMPARE(saved.secret.size(), 20);

    AppInfo duplicateKey = saved;
    duplicateKey.id = QStringLiteral("2");
    QVERIFY(!store.save(duplicateKey).isEmpty());

    AppStore reloaded;
    QCOMPARE(reloaded.load(dir.path(), {}, secrets), QString());
    const AppInfo *back = reloaded.byId(saved.id);
    QVERIFY(back);
    QCOMPARE(back->limits.maxConnections, 5);
    QCOMPARE(back->webhookEvents, QStringList{QStringLiteral("channel_occupied")});
    QCOMPARE(reloaded.remove(saved.id), QString());
    QVERIFY(!reloaded.remove(saved.id).isEmpty());
}

void TestChannelsRules::appStoreConfigAppEditsSurviveRestart()
{
    QTemporaryDir dir;
    const QVariantMap secrets{{QStringLiteral("app_id"), QStringLiteral("1")},
                              {QStringLiteral("app_key"), QStringLiteral("k")},
                              {QStringLiteral("app_secret"), QStringLiteral("s")}};
    const QVariantMap config{{QStringLiteral("apps"), QStringLiteral("7:key7:secret7:Seven")}};
    AppStore store;
    QCOMPARE(store.load(dir.path(), config, secrets), QString());
    AppInfo edited = *store.byId(QStringLiteral("7"));
    edited.name = QStringLiteral("Seven, edited");
    edited.enabled = false;
    edited.limits.maxConnections = 3;
    edited.webhookUrl = QStringLiteral("http://127.0.0.1:1/hook");
    edited.webhookEvents = {QStringLiteral("member_added")};
    QCOMPARE(store.save(edited), QString());

    // A restart with the same config keeps the edit.
    AppStore restarted;
    QCOMPARE(restarted.load(dir.path(), config, secrets), QString());
    const AppInfo *back = restarted.byId(QStringLiteral("7"));
    QVERIFY(back);
    QCOMPARE(back->name, QStringLiteral("Seven, edited"));
    QCOMPARE(back->enabled, false);
    QCOMPARE(back->limits.maxConnections, 3);
    QCOMPARE(back->webhookUrl, QStringLiteral("http://127.0.0.1:1/hook"));
    QCOMPARE(back->webhookEvents, QStringList{QStringLiteral("member_added")});
    QCOMPARE(back->secret, QStringLiteral("secret7"));
    QCOMPARE(restarted.apps().size(), 2);

    // Credentials stay the config's: a rotated secret there wins, and the file holds no copy.
    AppStore rotated;
    QCOMPARE(rotated.load(dir.path(), {{QStringLiteral("apps"), QStringLiteral("7:key7:secret7b")}}, secrets), QString());
    QCOMPARE(rotated.byId(QStringLiteral("7"))->secret, QStringLiteral("secret7b"));
    QCOMPARE(rotated.byId(QStringLiteral("7"))->limits.maxConnections, 3);
    QFile file(dir.filePath(QStringLiteral("apps.json")));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(!file.readAll().contains("secret7"));

    // Without the config entry the app is gone; removing it drops the edit.
    AppStore dropped;
    QCOMPARE(dropped.load(dir.path(), {}, secrets), QString());
    QVERIFY(!dropped.byId(QStringLiteral("7")));
    AppStore removing;
    QCOMPARE(removing.load(dir.path(), config, secrets), QString());
    QCOMPARE(removing.remove(QStringLiteral("7")), QString());
    AppStore again;
    QCOMPARE(again.load(dir.path(), config, secrets), QString());
    QCOMPARE(again.byId(QStringLiteral("7"))->name, QStringLiteral("Seven"));
    QCOMPARE(again.byId(QStringLiteral("7"))->limits.maxConnections, AppLimits().maxConnections);
}

void TestChannelsRules::expiredCacheEntriesAreDropped()
{
    using homeport::channels::LocalAdapter;
    LocalAdapter adapter;
    // Live entries are all kept...
    for (int i = 0; i < 200; ++i)
        adapter.cacheEvent(QStringLiteral("live"), QStringLiteral("cache-%1").arg(i), QStringLiteral("{}"), 60'000);
    QCOMPARE(adapter.cachedEventCount(QStringLiteral("live")), qsizetype(200));
    QVERIFY(adapter.cachedEvent(QStringLiteral("live"), QStringLiteral("cache-0")).has_value());
    // ...expired ones do not pile up as cache channels come and go.
    for (int i = 0; i < 1000; ++i)
        adapter.cacheEvent(QStringLiteral("churn"), QStringLiteral("cache-%1").arg(i), QStringLiteral("{}"), 0);
    QVERIFY2(adapter.cachedEventCount(QStringLiteral("churn")) <= 65,
             qPrintable(QString::number(adapter.cachedEventCount(QStringLiteral("churn")))));
    QVERIFY(!adapter.cachedEvent(QStringLiteral("churn"), QStringLiteral("cache-999")).has_value());
}

void TestChannelsRules::redisUrlsAreParsed()
{
    using homeport::channels::RedisEndpoint;
    QString error;
    const auto full = RedisEndpoint::parse(QStringLiteral("redis://:s%40cret@10.0.0.9:6380/2"), &error);
    QVERIFY2(full, qPrintable(error));
    QCOMPARE(full->host, QStringLiteral("10.0.0.9"));
    QCOMPARE(full->port, quint16(6380));
    QCOMPARE(full->password, QStringLiteral("s@cret"));
    QCOMPARE(full->database, 2);
    // The display form never carries the password.
    QCOMPARE(full->display(), QStringLiteral("10.0.0.9:6380/2"));

    const auto plain = RedisEndpoint::parse(QStringLiteral("redis://localhost"), &error);
    QVERIFY(plain);
    QCOMPARE(plain->port, quint16(6379));
    QCOMPARE(plain->database, 0);
    QVERIFY(plain->password.isEmpty());

    for (const char *bad : {"http://localhost:6379", "redis://", "redis://host:6379/x", "redis://host:99999/0"}) {
        error.clear();
        QVERIFY2(!RedisEndpoint::parse(QString::fromLatin1(bad), &error), bad);
        QVERIFY2(!error.isEmpty(), bad);
    }
}

QTEST_GUILESS_MAIN(TestChannelsRules)
#include "tst_channels_rules.moc"
