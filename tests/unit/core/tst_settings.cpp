// Settings precedence: command-line flag > HOMEPORT_<SECTION>_<KEY> environment > INI file > default.
#include "core/settings.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using homeport::core::Settings;

class TestSettings : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void defaultsComeFromTheCatalog()
    {
        QTemporaryDir dir;
        Settings settings(dir.filePath(QStringLiteral("homeport.ini")), QProcessEnvironment());
        QCOMPARE(settings.servicePort(QStringLiteral("channels")), quint16(6001));
        QCOMPARE(settings.servicePort(QStringLiteral("errors")), quint16(8000));
        QCOMPARE(settings.servicePort(QStringLiteral("search")), quint16(8108));
        QCOMPARE(settings.servicePort(QStringLiteral("storage")), quint16(9000));
        QCOMPARE(settings.servicePort(QStringLiteral("inference")), quint16(4000));
        QCOMPARE(settings.adminPort(), quint16(9601));
        QCOMPARE(settings.bindAddress(), QHostAddress(QHostAddress::LocalHost));
        QVERIFY(settings.serviceEnabled(QStringLiteral("storage")));
        QCOMPARE(settings.sourceOf(QStringLiteral("storage"), QStringLiteral("port")), QStringLiteral("default"));
    }

    void precedenceFlagOverEnvironmentOverFile()
    {
        QTemporaryDir dir;
        const QString ini = dir.filePath(QStringLiteral("homeport.ini"));
        {
            Settings writer(ini, QProcessEnvironment());
            QVERIFY(writer.setValue(QStringLiteral("search"), QStringLiteral("port"), 18108));
            QVERIFY(writer.setValue(QStringLiteral("storage"), QStringLiteral("port"), 19000));
            QVERIFY(writer.setValue(QStringLiteral("errors"), QStringLiteral("port"), 18000));
        }
        QProcessEnvironment env;
        env.insert(QStringLiteral("HOMEPORT_STORAGE_PORT"), QStringLiteral("29000"));
        env.insert(QStringLiteral("HOMEPORT_ERRORS_PORT"), QStringLiteral("28000"));
        Settings settings(ini, env);
        settings.setOverride(QStringLiteral("errors"), QStringLiteral("port"), 38000);

        QCOMPARE(settings.servicePort(QStringLiteral("search")), quint16(18108));
        QCOMPARE(settings.sourceOf(QStringLiteral("search"), QStringLiteral("port")), QStringLiteral("file"));
        QCOMPARE(settings.servicePort(QStringLiteral("storage")), quint16(29000));
        QCOMPARE(settings.sourceOf(QStringLiteral("storage"), QStringLiteral("port")), QStringLiteral("environment"));
        QCOMPARE(settings.servicePort(QStringLiteral("errors")), quint16(38000));
        QCOMPARE(settings.sourceOf(QStringLiteral("errors"), QStringLiteral("port")), QStringLiteral("flag"));
        QCOMPARE(settings.servicePort(QStringLiteral("channels")), quint16(6001));
    }

    void overridesAreNeverWrittenToTheFile()
    {
        QTemporaryDir dir;
        const QString ini = dir.filePath(QStringLiteral("homeport.ini"));
        {
            Settings settings(ini, QProcessEnvironment());
            settings.setOverride(QStringLiteral("channels"), QStringLiteral("enabled"), false);
            QVERIFY(!settings.serviceEnabled(QStringLiteral("channels")));
            QVERIFY(settings.setValue(QStringLiteral("general"), QStringLiteral("bind"), QStringLiteral("0.0.0.0")));
        }
        Settings reread(ini, QProcessEnvironment());
        QVERIFY(reread.serviceEnabled(QStringLiteral("channels")));
        QCOMPARE(reread.bindAddress(), QHostAddress(QHostAddress::AnyIPv4));
    }

    void handWrittenGeneralSectionIsRead()
    {
        // QSettings reads [general] as top-level keys; the file as the README shows it must work,
        // and reload() picks up an edit made by someone else (SIGHUP).
        QTemporaryDir dir;
        const QString ini = dir.filePath(QStringLiteral("homeport.ini"));
        const auto write = [&](const QByteArray &text) {
            QFile file(ini);
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write(text);
        };
        write("[general]\nbind=0.0.0.0\nlog_level=warning\n[storage]\nport=9100\n");
        Settings settings(ini, QProcessEnvironment());
        QCOMPARE(settings.bindAddress(), QHostAddress(QHostAddress::AnyIPv4));
        QCOMPARE(settings.value(QStringLiteral("general"), QStringLiteral("log_level")).toString(), QStringLiteral("warning"));
        QCOMPARE(settings.sourceOf(QStringLiteral("general"), QStringLiteral("bind")), QStringLiteral("file"));
        QCOMPARE(settings.section(QStringLiteral("general")).value(QStringLiteral("log_level")).toString(), QStringLiteral("warning"));

        QTest::qWait(20); // a different modification time for QSettings to notice
        write("[general]\nbind=127.0.0.1\nlog_level=debug\n[storage]\nport=9200\n");
        settings.reload();
        QCOMPARE(settings.bindAddress(), QHostAddress(QHostAddress::LocalHost));
        QCOMPARE(settings.value(QStringLiteral("general"), QStringLiteral("log_level")).toString(), QStringLiteral("debug"));
        QCOMPARE(settings.servicePort(QStringLiteral("storage")), quint16(9200));
    }

    void sectionMergesAllSources()
    {
        QTemporaryDir dir;
        const QString ini = dir.filePath(QStringLiteral("homeport.ini"));
        QProcessEnvironment env;
        env.insert(QStringLiteral("HOMEPORT_SEARCH_CACHE_SIZE"), QStringLiteral("64"));
        Settings settings(ini, env);
        QVERIFY(settings.setValue(QStringLiteral("search"), QStringLiteral("port"), 1234));
        settings.setOverride(QStringLiteral("search"), QStringLiteral("enabled"), QStringLiteral("false"));
        const QVariantMap section = settings.section(QStringLiteral("search"));
        QCOMPARE(section.value(QStringLiteral("port")).toInt(), 1234);
        QCOMPARE(section.value(QStringLiteral("cache_size")).toString(), QStringLiteral("64"));
        QCOMPARE(section.value(QStringLiteral("enabled")).toString(), QStringLiteral("false"));
        QVERIFY(!settings.serviceEnabled(QStringLiteral("search")));
    }

    void enabledAcceptsCommonSpellings_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("enabled");
        QTest::newRow("false") << "false" << false;
        QTest::newRow("0") << "0" << false;
        QTest::newRow("off") << "Off" << false;
        QTest::newRow("no") << "no" << false;
        QTest::newRow("true") << "true" << true;
        QTest::newRow("1") << "1" << true;
    }
    void enabledAcceptsCommonSpellings()
    {
        QFETCH(QString, text);
        QFETCH(bool, enabled);
        QTemporaryDir dir;
        QProcessEnvironment env;
        env.insert(QStringLiteral("HOMEPORT_INFERENCE_ENABLED"), text);
        Settings settings(dir.filePath(QStringLiteral("homeport.ini")), env);
        QCOMPARE(settings.serviceEnabled(QStringLiteral("inference")), enabled);
    }

    void invalidPortFallsBackToTheDefault()
    {
        QTemporaryDir dir;
        QProcessEnvironment env;
        env.insert(QStringLiteral("HOMEPORT_STORAGE_PORT"), QStringLiteral("99999"));
        Settings settings(dir.filePath(QStringLiteral("homeport.ini")), env);
        QCOMPARE(settings.servicePort(QStringLiteral("storage")), quint16(9000));
    }
};

QTEST_GUILESS_MAIN(TestSettings)
#include "tst_settings.moc"
