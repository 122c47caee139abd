// Auth parsing: the X-Sentry-Auth forms SDKs send, DSNs, and key validity.
#include "errors/sentry_auth.h"

#include <QTest>

using namespace homeport::errors;

class TestSentryAuth : public QObject
{
    Q_OBJECT

private slots:
    void headerForms_data()
    {
        QTest::addColumn<QString>("header");
        QTest::addColumn<QString>("key");
        QTest::newRow("python") << "Sentry sentry_key=abc123, sentry_version=7, sentry_client=sentry.python/1.9.10" << "abc123";
        QTest::newRow("order") << "Sentry sentry_version=7,sentry_client=x/1,sentry_timestamp=1.0,sentry_key=k_1" << "k_1";
        QTest::newRow("no prefix") << "sentry_key=abc, sentry_version=7" << "abc";
        QTest::newRow("quoted") << "Sentry sentry_key=\"abc\", sentry_version=7" << "abc";
        QTest::newRow("with secret") << "Sentry sentry_key=abc, sentry_secret=def, sentry_version=7" << "abc";
        QTest::newRow("lower prefix") << "sentry sentry_key=abc" << "abc";
    }
    void headerForms()
    {
        QFETCH(QString, header);
        QFETCH(QString, key);
        const SentryAuth auth = parseSentryAuthHeader(header);
        QVERIFY(auth.error.isEmpty());
        QCOMPARE(auth.key, key);
    }

    void headerWithoutKey()
    {
        QVERIFY(!parseSentryAuthHeader(QStringLiteral("Sentry sentry_version=7")).error.isEmpty());
        QVERIFY(!parseSentryAuthHeader(QStringLiteral("Sentry")).error.isEmpty());
        QVERIFY(!parseSentryAuthHeader(QStringLiteral("Sentry sentry_key=")).error.isEmpty());
    }

    void dsns()
    {
        auto d = parseDsn(QStringLiteral("http://abc@127.0.0.1:8000/1"));
        QVERIFY(d.ok);
        QCOMPARE(d.key, QStringLiteral("abc"));
        QCOMPARE(d.projectId, QStringLiteral("1"));
        d = parseDsn(QStringLiteral("https://e12d836b15bb49d7bbf99e64295d995b:@sentry.io/sub/path/42"));
        QVERIFY(d.ok);
        QCOMPARE(d.key, QStringLiteral("e12d836b15bb49d7bbf99e64295d995b"));
        QCOMPARE(d.projectId, QStringLiteral("42"));
        QVERIFY(!parseDsn(QStringLiteral("http://127.0.0.1:8000/1")).ok);
        QVERIFY(!parseDsn(QStringLiteral("not a dsn")).ok);
        QVERIFY(!parseDsn(QStringLiteral("http://abc@host/")).ok);
    }

    void merging()
    {
        QCOMPARE(mergeAuth(SentryAuth{}, QStringLiteral("a")).key, QStringLiteral("a"));
        QCOMPARE(mergeAuth(SentryAuth{QStringLiteral("a"), {}}, QStringLiteral("a")).key, QStringLiteral("a"));
        const SentryAuth conflict = mergeAuth(SentryAuth{QStringLiteral("a"), {}}, QStringLiteral("b"));
        QVERIFY(conflict.key.isEmpty());
        QVERIFY(!conflict.error.isEmpty());
    }

    void keys()
    {
        QVERIFY(isValidDsnKey(QStringLiteral("abcdef0123456789abcdef0123456789")));
        QVERIFY(isValidDsnKey(QStringLiteral("My_Key_1")));
        QVERIFY(!isValidDsnKey(QStringLiteral("with-dash")));
        QVERIFY(!isValidDsnKey(QStringLiteral("")));
        QVERIFY(!isValidDsnKey(QStringLiteral("sp ace")));
        QVERIFY(!isValidDsnKey(QString::fromUtf8("ümlaut")));
    }
};

QTEST_GUILESS_MAIN(TestSentryAuth)
#include "tst_sentry_auth.moc"
