// The real `homeport --headless`: its stdout is one JSON object per log line, and SIGHUP re-reads
// homeport.ini — the log level changes at once and a service whose port changed moves to it.
#include "free_port.h"
#include "core/secrets.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QFile>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using homeport::testing::freePort;

namespace {

// Status code of a GET, 0 when nothing answered.
int getStatus(const QString &url, const QByteArray &bearer = {}, QByteArray *body = nullptr)
{
    QNetworkAccessManager manager;
    QNetworkRequest request{QUrl(url)};
    if (!bearer.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + bearer);
    QNetworkReply *reply = manager.get(request);
    if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 5000))
        reply->abort();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (body)
        *body = reply->readAll();
    delete reply;
    return status;
}

bool acceptsConnections(quint16 port)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    return socket.waitForConnected(2000);
}

} // namespace

class TestHeadlessReload : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QProcess m_homeport;
    QByteArray m_stdout;
    quint16 m_adminPort = 0;

    QString iniPath() const { return m_dir.filePath(QStringLiteral("homeport.ini")); }

    // Written by hand, as an operator edits it before `systemctl reload`.
    void writeIni(quint16 storagePort, const QString &logLevel, bool storageEnabled = true)
    {
        QFile file(iniPath());
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(QStringLiteral("[general]\nlog_level=%1\n\n[storage]\nport=%2\nenabled=%4\n\n[admin]\nport=%3\n")
                       .arg(logLevel).arg(storagePort).arg(m_adminPort)
                       .arg(storageEnabled ? QStringLiteral("true") : QStringLiteral("false")).toUtf8());
    }

    QJsonObject serviceStatus(const QByteArray &token, const QString &name)
    {
        QByteArray body;
        if (getStatus(QStringLiteral("http://127.0.0.1:%1/status").arg(m_adminPort), token, &body) != 200)
            return {};
        for (const QJsonValue &v : QJsonDocument::fromJson(body).object().value(QStringLiteral("services")).toArray()) {
            if (v.toObject().value(QStringLiteral("name")).toString() == name)
                return v.toObject();
        }
        return {};
    }

    QString storageAddress(const QByteArray &token)
    {
        const QJsonObject s = serviceStatus(token, QStringLiteral("storage"));
        return s.value(QStringLiteral("state")).toString() == QStringLiteral("running") ? s.value(QStringLiteral("address")).toString()
                                                                                       : QString();
    }

    QList<QJsonObject> logLines()
    {
        m_stdout += m_homeport.readAllStandardOutput();
        QList<QJsonObject> lines;
        for (const QByteArray &raw : m_stdout.split('\n')) {
            if (raw.isEmpty())
                continue;
            QJsonParseError error;
            const QJsonDocument doc = QJsonDocument::fromJson(raw, &error);
            if (error.error != QJsonParseError::NoError || !doc.isObject()) {
                QTest::qFail(("stdout line is not a JSON object: " + raw).constData(), __FILE__, __LINE__);
                return {};
            }
            lines << doc.object();
        }
        return lines;
    }

    // The access log line of a request to storage (logged at debug by the HTTP engine).
    static bool isStorageAccessLine(const QJsonObject &line)
    {
        return line.value(QStringLiteral("level")).toString() == QStringLiteral("debug")
            && line.value(QStringLiteral("category")).toString() == QStringLiteral("homeport.http.access")
            && line.value(QStringLiteral("message")).toString().startsWith(QStringLiteral("storage "));
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void sighupMovesAServiceAndChangesTheLogLevel()
    {
        m_adminPort = freePort();
        const quint16 oldPort = freePort();
        quint16 newPort = freePort();
        while (newPort == oldPort || newPort == m_adminPort)
            newPort = freePort();
        writeIni(oldPort, QStringLiteral("info"));

        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "QT_LOGGING_RULES", "HOMEPORT_STORAGE_PORT", "HOMEPORT_CHANNELS_PORT",
                                 "HOMEPORT_ADMIN_PORT", "HOMEPORT_GENERAL_LOG_LEVEL"})
            env.remove(QString::fromLatin1(name));
        m_homeport.setProcessEnvironment(env);
        m_homeport.start(QStringLiteral(HOMEPORT_BINARY),
                         {QStringLiteral("--headless"), QStringLiteral("--data-dir"), m_dir.path(), QStringLiteral("--disable"),
                          QStringLiteral("channels,errors,search,inference")});
        QVERIFY(m_homeport.waitForStarted());

        QByteArray token;
        QVERIFY(QTest::qWaitFor([&] {
            homeport::core::Secrets secrets;
            QString error;
            if (homeport::core::Secrets::loadOrCreate(m_dir.filePath(QStringLiteral("secrets.json")), &secrets, &error))
                token = secrets.value(QStringLiteral("admin"), QStringLiteral("token")).toUtf8();
            return !token.isEmpty();
        }, 10000));
        const QString oldAddress = QStringLiteral("127.0.0.1:%1").arg(oldPort);
        QVERIFY2(QTest::qWaitFor([&] { return storageAddress(token) == oldAddress; }, 15000),
                 m_homeport.readAllStandardError().constData());
        // S3 answers an unsigned request with its own error (403 AccessDenied or similar).
        QVERIFY(getStatus(QStringLiteral("http://127.0.0.1:%1/").arg(oldPort)) >= 400);

        // At log_level=info the per-request access lines (debug) are not written.
        QTest::qWait(200);
        QList<QJsonObject> lines = logLines();
        QVERIFY(!lines.isEmpty());
        for (const QJsonObject &line : lines) {
            for (const char *field : {"time", "level", "service", "message"})
                QVERIFY2(line.value(QLatin1String(field)).isString(), QJsonDocument(line).toJson().constData());
            QVERIFY(QDateTime::fromString(line.value(QStringLiteral("time")).toString(), Qt::ISODateWithMs).isValid());
            QVERIFY(!isStorageAccessLine(line));
        }
        QVERIFY(std::any_of(lines.cbegin(), lines.cend(), [](const QJsonObject &line) {
            return line.value(QStringLiteral("service")).toString() == QStringLiteral("admin")
                && line.value(QStringLiteral("message")).toString().startsWith(QStringLiteral("admin listener on"));
        }));

        // New port and log level in the file, then SIGHUP.
        writeIni(newPort, QStringLiteral("debug"));
        ::kill(pid_t(m_homeport.processId()), SIGHUP);

        const QString newAddress = QStringLiteral("127.0.0.1:%1").arg(newPort);
        QVERIFY2(QTest::qWaitFor([&] { return storageAddress(token) == newAddress; }, 15000),
                 m_homeport.readAllStandardError().constData());
        QVERIFY(getStatus(QStringLiteral("http://127.0.0.1:%1/").arg(newPort)) >= 400);
        QVERIFY(!acceptsConnections(oldPort));
        QCOMPARE(m_homeport.state(), QProcess::Running); // SIGHUP reloads, it does not stop

        // The reload says what it did, and the request on the new port is now in the log.
        QVERIFY(QTest::qWaitFor([&] {
            const QList<QJsonObject> now = logLines();
            return std::any_of(now.cbegin(), now.cend(), isStorageAccessLine);
        }, 5000));
        lines = logLines();
        const QString expected = QStringLiteral("restarting storage for its new settings: port %1 -> %2").arg(oldPort).arg(newPort);
        QVERIFY2(std::any_of(lines.cbegin(), lines.cend(), [&](const QJsonObject &line) {
            return line.value(QStringLiteral("message")).toString() == expected
                && line.value(QStringLiteral("service")).toString() == QStringLiteral("core");
        }), m_stdout.constData());

        // /status carries what the Overview shows: configured bind and port, enabled, the rate.
        const QJsonObject storage = serviceStatus(token, QStringLiteral("storage"));
        QCOMPARE(storage.value(QStringLiteral("port")).toInt(), int(newPort));
        QCOMPARE(storage.value(QStringLiteral("bind")).toString(), QStringLiteral("127.0.0.1"));
        QCOMPARE(storage.value(QStringLiteral("enabled")).toBool(), true);
        QCOMPARE(storage.value(QStringLiteral("title")).toString(), QStringLiteral("Storage"));
        QVERIFY(storage.value(QStringLiteral("requests_per_second")).isDouble());
        QVERIFY(storage.value(QStringLiteral("uptime_seconds")).isDouble());
        // Two requests to storage so far (old port, new port), both within the last two minutes.
        QCOMPARE(storage.value(QStringLiteral("counters")).toObject().value(QStringLiteral("requests_last_2_minutes")).toInt(), 2);
        QCOMPARE(storage.value(QStringLiteral("metrics")).toObject().value(QStringLiteral("homeport_http_requests_total")).toInt(), 2);
        const QJsonObject channels = serviceStatus(token, QStringLiteral("channels"));
        QCOMPARE(channels.value(QStringLiteral("state")).toString(), QStringLiteral("stopped"));
        QCOMPARE(channels.value(QStringLiteral("enabled")).toBool(), false);
        QCOMPARE(channels.value(QStringLiteral("port")).toInt(), 6001);

        // Disabling a service in the file and reloading stops it; nothing else changes.
        writeIni(newPort, QStringLiteral("debug"), false);
        ::kill(pid_t(m_homeport.processId()), SIGHUP);
        QVERIFY(QTest::qWaitFor([&] {
            return serviceStatus(token, QStringLiteral("storage")).value(QStringLiteral("state")).toString() == QStringLiteral("stopped");
        }, 15000));
        QVERIFY(!acceptsConnections(newPort));
        QVERIFY(QTest::qWaitFor([&] {
            const QList<QJsonObject> now = logLines();
            return std::any_of(now.cbegin(), now.cend(), [](const QJsonObject &line) {
                return line.value(QStringLiteral("message")).toString() == QStringLiteral("storage disabled: stopping it");
            });
        }, 5000));

        ::kill(pid_t(m_homeport.processId()), SIGTERM);
        QVERIFY(m_homeport.waitForFinished(15000));
        QCOMPARE(m_homeport.exitCode(), 0);
    }

    void cleanupTestCase()
    {
        if (m_homeport.state() != QProcess::NotRunning) {
            m_homeport.kill();
            m_homeport.waitForFinished(5000);
        }
    }
};

QTEST_GUILESS_MAIN(TestHeadlessReload)
#include "tst_headless_reload.moc"
