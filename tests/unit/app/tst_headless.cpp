// The real `homeport --headless` process: a taken port fails only that service and /status says
// why; the admin listener authenticates; SIGTERM shuts down cleanly; a second instance on the
// same data dir is refused; --print-env prints the real keys and ports.
#include "free_port.h"
#include "core/secrets.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using homeport::testing::freePort;

namespace {

struct HttpResult {
    int status = 0;
    QByteArray body;
    QByteArray contentType;
};

HttpResult get(const QString &url, const QByteArray &bearer = {})
{
    QNetworkAccessManager manager;
    QNetworkRequest request{QUrl(url)};
    if (!bearer.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + bearer);
    QNetworkReply *reply = manager.get(request);
    if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 5000))
        reply->abort();
    HttpResult result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    delete reply;
    return result;
}

} // namespace

class TestHeadless : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QHash<QString, quint16> m_ports;
    quint16 m_adminPort = 0;

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (auto it = m_ports.cbegin(); it != m_ports.cend(); ++it)
            env.insert(QStringLiteral("HOMEPORT_%1_PORT").arg(it.key().toUpper()), QString::number(it.value()));
        env.insert(QStringLiteral("HOMEPORT_ADMIN_PORT"), QString::number(m_adminPort));
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
        return env;
    }

    void startHomeport(QProcess &process, const QStringList &extra = {})
    {
        process.setProcessEnvironment(environment());
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(QStringLiteral(HOMEPORT_BINARY),
                      QStringList{QStringLiteral("--headless"), QStringLiteral("--data-dir"), m_dir.path()} + extra);
        QVERIFY(process.waitForStarted());
    }

    QByteArray adminToken() const
    {
        homeport::core::Secrets secrets;
        QString error;
        if (!homeport::core::Secrets::loadOrCreate(m_dir.filePath(QStringLiteral("secrets.json")), &secrets, &error))
            return {};
        return secrets.value(QStringLiteral("admin"), QStringLiteral("token")).toUtf8();
    }

    QJsonObject serviceStatus(const QJsonObject &status, const QString &name)
    {
        for (const QJsonValue &v : status.value(QStringLiteral("services")).toArray()) {
            if (v.toObject().value(QStringLiteral("name")).toString() == name)
                return v.toObject();
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        for (const char *name : {"channels", "errors", "search", "storage", "inference"})
            m_ports.insert(QString::fromLatin1(name), freePort());
        m_adminPort = freePort();
    }

    void printEnvShowsRealKeysAndPorts()
    {
        QProcess process;
        process.setProcessEnvironment(environment());
        process.start(QStringLiteral(HOMEPORT_BINARY),
                      {QStringLiteral("--print-env"), QStringLiteral("laravel"), QStringLiteral("--data-dir"), m_dir.path()});
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitCode(), 0);
        const QString out = QString::fromUtf8(process.readAllStandardOutput());
        homeport::core::Secrets secrets;
        QString error;
        QVERIFY(homeport::core::Secrets::loadOrCreate(m_dir.filePath(QStringLiteral("secrets.json")), &secrets, &error));
        QVERIFY(out.contains(QStringLiteral("AWS_SECRET_ACCESS_KEY=") + secrets.value(QStringLiteral("storage"), QStringLiteral("secret_key"))));
        QVERIFY(out.contains(QStringLiteral("PUSHER_PORT=%1\n").arg(m_ports.value(QStringLiteral("channels")))));
        QVERIFY(out.contains(QStringLiteral("TYPESENSE_PORT=%1\n").arg(m_ports.value(QStringLiteral("search")))));
        QVERIFY(out.contains(QStringLiteral("OPENAI_BASE_URL=http://127.0.0.1:%1/v1").arg(m_ports.value(QStringLiteral("inference")))));
    }

    void takenPortFailsOnlyThatService()
    {
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost, m_ports.value(QStringLiteral("storage"))));

        QProcess homeport;
        startHomeport(homeport, {QStringLiteral("--disable"), QStringLiteral("inference")});
        const QByteArray token = adminToken();
        QVERIFY(!token.isEmpty());
        const QString admin = QStringLiteral("http://127.0.0.1:%1").arg(m_adminPort);

        QJsonObject status;
        const bool settled = QTest::qWaitFor([&] {
            const HttpResult r = get(admin + QStringLiteral("/status"), token);
            status = QJsonDocument::fromJson(r.body).object();
            const auto state = [&](const char *name) {
                return serviceStatus(status, QString::fromLatin1(name)).value(QStringLiteral("state")).toString();
            };
            // Services start in parallel threads; wait until every one has settled.
            return r.status == 200 && state("storage") == QStringLiteral("failed") && state("channels") != QStringLiteral("starting")
                && state("errors") != QStringLiteral("starting") && state("search") != QStringLiteral("starting");
        }, 15000);
        QVERIFY2(settled, homeport.readAll().constData());

        const QJsonObject storage = serviceStatus(status, QStringLiteral("storage"));
        QCOMPARE(storage.value(QStringLiteral("reason")).toString(),
                 QStringLiteral("port %1 is in use by another program").arg(m_ports.value(QStringLiteral("storage"))));
        for (const char *name : {"channels", "errors", "search"}) {
            const QJsonObject s = serviceStatus(status, QString::fromLatin1(name));
            QCOMPARE(s.value(QStringLiteral("state")).toString(), QStringLiteral("running"));
            QCOMPARE(s.value(QStringLiteral("address")).toString(),
                     QStringLiteral("127.0.0.1:%1").arg(m_ports.value(QString::fromLatin1(name))));
        }
        QCOMPARE(serviceStatus(status, QStringLiteral("inference")).value(QStringLiteral("state")).toString(), QStringLiteral("stopped"));
        QCOMPARE(status.value(QStringLiteral("healthy")).toBool(), false);

        // A running service answers in its protocol's own error shape (Typesense: {"message"}).
        const HttpResult search = get(QStringLiteral("http://127.0.0.1:%1/collections").arg(m_ports.value(QStringLiteral("search"))));
        QCOMPARE(search.status, 401);
        QVERIFY(QJsonDocument::fromJson(search.body).object().value(QStringLiteral("message")).toString().contains(QStringLiteral("x-typesense-api-key")));

        // The admin listener: /health is open, the rest needs the token; metrics say who is up.
        QCOMPARE(get(admin + QStringLiteral("/health")).status, 200);
        QCOMPARE(get(admin + QStringLiteral("/status")).status, 401);
        QCOMPARE(get(admin + QStringLiteral("/metrics"), "wrong").status, 401);
        const HttpResult metrics = get(admin + QStringLiteral("/metrics"), token);
        QCOMPARE(metrics.status, 200);
        QVERIFY(metrics.contentType.startsWith("text/plain; version=0.0.4"));
        QVERIFY(metrics.body.contains("homeport_service_up{service=\"storage\"} 0\n"));
        QVERIFY(metrics.body.contains("homeport_service_up{service=\"search\"} 1\n"));
        QVERIFY(metrics.body.contains("homeport_http_requests_total{service=\"search\",class=\"4xx\"} 1\n"));

        // A second instance on the same data dir says so and exits non-zero, leaving the first alone.
        QProcess second;
        startHomeport(second);
        QVERIFY(second.waitForFinished(10000));
        QVERIFY(second.exitCode() != 0);
        QVERIFY2(second.readAll().contains("already running on the data directory"), "second instance message");
        QCOMPARE(get(admin + QStringLiteral("/health")).status, 200);

        // SIGTERM: every service stops, in order, and the process exits 0.
        ::kill(pid_t(homeport.processId()), SIGTERM);
        QVERIFY(homeport.waitForFinished(15000));
        QCOMPARE(homeport.exitStatus(), QProcess::NormalExit);
        QCOMPARE(homeport.exitCode(), 0);
        const QByteArray log = homeport.readAll();
        QVERIFY2(log.contains("Homeport stopped"), log.constData());
        QVERIFY(log.indexOf("search stopped") < log.indexOf("channels stopped"));
    }

    void sigintAlsoStopsCleanly()
    {
        QProcess homeport;
        startHomeport(homeport);
        QVERIFY(QTest::qWaitFor([&] {
            return get(QStringLiteral("http://127.0.0.1:%1/health").arg(m_adminPort)).status == 200;
        }, 15000));
        ::kill(pid_t(homeport.processId()), SIGINT);
        QVERIFY(homeport.waitForFinished(15000));
        QCOMPARE(homeport.exitCode(), 0);
        // The port is free again for the next start.
        QTcpServer again;
        QVERIFY(again.listen(QHostAddress::LocalHost, m_ports.value(QStringLiteral("errors"))));
    }
};

QTEST_GUILESS_MAIN(TestHeadless)
#include "tst_headless.moc"
