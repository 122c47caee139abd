// Client settings carry the real keys and ports in each ecosystem's own variable names.
#include "core/client_env.h"

#include <QTemporaryDir>
#include <QTest>

using namespace homeport::core;

class TestClientEnv : public QObject
{
    Q_OBJECT
    ClientSettings m_settings;
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(Secrets::loadOrCreate(m_dir.filePath(QStringLiteral("secrets.json")), &m_settings.secrets, &error),
                 qPrintable(error));
        m_settings.host = QStringLiteral("127.0.0.1");
        m_settings.ports = {{QStringLiteral("channels"), 16001}, {QStringLiteral("errors"), 18000},
                            {QStringLiteral("search"), 18108}, {QStringLiteral("storage"), 19000},
                            {QStringLiteral("inference"), 14000}};
    }

    void laravelDotenv()
    {
        const QString text = renderClientSettings(EnvFormat::Laravel, m_settings);
        const Secrets &s = m_settings.secrets;
        QVERIFY(text.contains(QStringLiteral("PUSHER_APP_KEY=") + s.value(QStringLiteral("channels"), QStringLiteral("app_key")) + QLatin1Char('\n')));
        QVERIFY(text.contains(QStringLiteral("PUSHER_PORT=16001\n")));
        QVERIFY(text.contains(QStringLiteral("SENTRY_LARAVEL_DSN=http://%1@127.0.0.1:18000/1\n")
                                  .arg(s.value(QStringLiteral("errors"), QStringLiteral("public_key")))));
        QVERIFY(text.contains(QStringLiteral("TYPESENSE_PORT=18108\n")));
        QVERIFY(text.contains(QStringLiteral("AWS_ENDPOINT=http://127.0.0.1:19000\nAWS_USE_PATH_STYLE_ENDPOINT=true\n")));
        QVERIFY(text.contains(QStringLiteral("AWS_SECRET_ACCESS_KEY=") + s.value(QStringLiteral("storage"), QStringLiteral("secret_key"))));
        QVERIFY(text.contains(QStringLiteral("OPENAI_BASE_URL=http://127.0.0.1:14000/v1\n")));
    }

    void shellExportsQuotedValues()
    {
        const QString text = renderClientSettings(EnvFormat::Shell, m_settings, QStringLiteral("storage"));
        QVERIFY(text.startsWith(QStringLiteral("export AWS_ACCESS_KEY_ID='")));
        QVERIFY(text.contains(QStringLiteral("export AWS_ENDPOINT_URL='http://127.0.0.1:19000'\n")));
        QVERIFY(!text.contains(QStringLiteral("PUSHER"))); // one service only
        for (const QString &line : text.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            QVERIFY2(line.startsWith(QStringLiteral("export ")) && line.endsWith(QLatin1Char('\'')), qPrintable(line));
    }

    void nodeAndPythonSnippets()
    {
        const QString node = renderClientSettings(EnvFormat::Node, m_settings, QStringLiteral("search"));
        QVERIFY(node.contains(QStringLiteral("port: 18108")));
        QVERIFY(node.contains(m_settings.secrets.value(QStringLiteral("search"), QStringLiteral("api_key"))));
        const QString python = renderClientSettings(EnvFormat::Python, m_settings, QStringLiteral("inference"));
        QVERIFY(python.contains(QStringLiteral("base_url='http://127.0.0.1:14000/v1'")));
    }

    void servicesWithTlsSayHttps()
    {
        ClientSettings tls = m_settings;
        tls.tlsServices = {QStringLiteral("channels"), QStringLiteral("errors"), QStringLiteral("search"),
                           QStringLiteral("storage")};
        const QString laravel = renderClientSettings(EnvFormat::Laravel, tls);
        QVERIFY(laravel.contains(QStringLiteral("PUSHER_SCHEME=https\n")));
        QVERIFY(laravel.contains(QStringLiteral("SENTRY_LARAVEL_DSN=https://")));
        QVERIFY(laravel.contains(QStringLiteral("TYPESENSE_PROTOCOL=https\n")));
        QVERIFY(laravel.contains(QStringLiteral("AWS_ENDPOINT=https://127.0.0.1:19000\n")));
        // inference has no certificate here: it stays plain HTTP.
        QVERIFY(laravel.contains(QStringLiteral("OPENAI_BASE_URL=http://127.0.0.1:14000/v1\n")));
        const QString node = renderClientSettings(EnvFormat::Node, tls, QStringLiteral("channels"));
        QVERIFY2(node.contains(QStringLiteral("useTLS: true")) && node.contains(QStringLiteral("forceTLS: true"))
                     && node.contains(QStringLiteral("wssPort: 16001")) && node.contains(QStringLiteral("['wss']")),
                 qPrintable(node));
        QVERIFY(renderClientSettings(EnvFormat::Python, tls, QStringLiteral("channels")).contains(QStringLiteral("ssl=True")));
        QVERIFY(renderClientSettings(EnvFormat::Python, tls, QStringLiteral("search")).contains(QStringLiteral("'protocol': 'https'")));
        // Without TLS nothing changed.
        QVERIFY(renderClientSettings(EnvFormat::Node, m_settings, QStringLiteral("channels")).contains(QStringLiteral("wsPort: 16001")));
    }

    void formatsParse()
    {
        EnvFormat format;
        QVERIFY(parseEnvFormat(QStringLiteral("Laravel"), &format));
        QCOMPARE(format, EnvFormat::Laravel);
        QVERIFY(parseEnvFormat(QStringLiteral("shell"), &format));
        QCOMPARE(format, EnvFormat::Shell);
        QVERIFY(!parseEnvFormat(QStringLiteral("ruby"), &format));
        QCOMPARE(envFormatNames().size(), 4);
    }
};

QTEST_GUILESS_MAIN(TestClientEnv)
#include "tst_client_env.moc"
