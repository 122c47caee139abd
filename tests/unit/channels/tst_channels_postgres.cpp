// Two channels services ("nodes") sharing their apps in a real PostgreSQL (Debian's postgresql-15
// binaries, started by the test in a temp dir on a free port; as `nobody` when the test runs as
// root): the console's edits on node A (through A's ChannelsMonitor, as the Channels page sends
// them) reach node B at once — a new app accepts connections on B, a new secret shows in B's
// snapshot, a disabled app's sockets on B are closed with 4003 and a deleted one's refused.
#include "free_port.h"
#include "channels_test_client.h"
#include "channels/channels_monitor.h"
#include "channels/channels_service.h"
#include "core/metrics.h"
#include "core/service.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

#include <grp.h>
#include <pwd.h>
#include <unistd.h>

using namespace homeport;
using namespace homeport::channels;

using homeport::testing::freePort;

namespace {

const QString kBin = QStringLiteral("/usr/lib/postgresql/15/bin/");

} // namespace

class TestChannelsPostgres : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void consoleEditsOnOneNodeReachTheOther();

private:
    // Runs a postgres binary as the owner of the data dir.
    void asOwner(QProcess &process);
    std::unique_ptr<ChannelsService> startNode(ChannelsMonitor *monitor, const QString &dataDir, const QString &defaultApp);
    const AppInfo *appOf(const ChannelsMonitor &monitor, const QString &id, AppInfo *out);

    QTemporaryDir m_dir;
    QProcess m_postgres;
    quint16 m_pgPort = 0;
    uid_t m_uid = 0;
    gid_t m_gid = 0;
    core::Metrics m_metrics;
    ChannelsMonitor m_monitorA, m_monitorB;
    std::unique_ptr<ChannelsService> m_nodeA, m_nodeB;
    quint16 m_portA = 0, m_portB = 0;
};

void TestChannelsPostgres::asOwner(QProcess &process)
{
    if (::getuid() != 0)
        return;
    const uid_t uid = m_uid;
    const gid_t gid = m_gid;
    process.setChildProcessModifier([uid, gid] {
        if (::setgroups(0, nullptr) != 0 || ::setgid(gid) != 0 || ::setuid(uid) != 0)
            ::_exit(126);
    });
}

void TestChannelsPostgres::initTestCase()
{
    if (!QFile::exists(kBin + QStringLiteral("postgres")))
        QSKIP("postgresql-15 is not installed (scripts/test installs it)");
    QVERIFY(m_dir.isValid());
    if (::getuid() == 0) { // PostgreSQL refuses to run as root
        const passwd *nobody = ::getpwnam("nobody");
        QVERIFY(nobody);
        m_uid = nobody->pw_uid;
        m_gid = nobody->pw_gid;
        QVERIFY(::chown(QFile::encodeName(m_dir.path()).constData(), m_uid, m_gid) == 0);
    }
    const QString data = m_dir.filePath(QStringLiteral("pg"));
    QProcess initdb;
    asOwner(initdb);
    initdb.setWorkingDirectory(m_dir.path());
    initdb.start(kBin + QStringLiteral("initdb"), {QStringLiteral("-D"), data, QStringLiteral("-U"), QStringLiteral("homeport"),
                                                   QStringLiteral("--auth=trust"), QStringLiteral("--no-sync"),
                                                   QStringLiteral("-E"), QStringLiteral("UTF8"), QStringLiteral("--locale=C")});
    QVERIFY(initdb.waitForFinished(60000));
    QVERIFY2(initdb.exitCode() == 0, initdb.readAllStandardError().constData());
    m_pgPort = freePort();
    asOwner(m_postgres);
    m_postgres.setWorkingDirectory(m_dir.path());
    m_postgres.setProcessChannelMode(QProcess::MergedChannels);
    m_postgres.start(kBin + QStringLiteral("postgres"),
                     {QStringLiteral("-D"), data, QStringLiteral("-p"), QString::number(m_pgPort),
                      QStringLiteral("-c"), QStringLiteral("listen_addresses=127.0.0.1"),
                      QStringLiteral("-c"), QStringLiteral("unix_socket_directories=") + m_dir.path(),
                      QStringLiteral("-c"), QStringLiteral("fsync=off")});
    QVERIFY(m_postgres.waitForStarted());
    bool ready = false;
    for (int attempt = 0; attempt < 200 && !ready; ++attempt) {
        ready = QProcess::execute(kBin + QStringLiteral("pg_isready"),
                                  {QStringLiteral("-q"), QStringLiteral("-h"), QStringLiteral("127.0.0.1"),
                                   QStringLiteral("-p"), QString::number(m_pgPort)}) == 0;
        if (!ready)
            QTest::qWait(100);
    }
    QVERIFY2(ready, m_postgres.readAll().constData());

    // B first: it creates the schema and its default app; then A, with another default app
    // (not created: the registry is no longer empty).
    QDir().mkpath(m_dir.filePath(QStringLiteral("a")));
    QDir().mkpath(m_dir.filePath(QStringLiteral("b")));
    m_nodeB = startNode(&m_monitorB, m_dir.filePath(QStringLiteral("b")), QStringLiteral("100"));
    QVERIFY(m_nodeB);
    m_nodeA = startNode(&m_monitorA, m_dir.filePath(QStringLiteral("a")), QStringLiteral("200"));
    QVERIFY(m_nodeA);
}

std::unique_ptr<ChannelsService> TestChannelsPostgres::startNode(ChannelsMonitor *monitor, const QString &dataDir,
                                                                 const QString &defaultApp)
{
    core::ServiceContext context;
    context.name = QStringLiteral("channels");
    context.dataDir = dataDir;
    context.bindAddress = QHostAddress::LocalHost;
    context.settings = {{QStringLiteral("database_url"), QStringLiteral("postgresql://homeport@127.0.0.1:%1/postgres").arg(m_pgPort)}};
    context.secrets = {{QStringLiteral("app_id"), defaultApp},
                       {QStringLiteral("app_key"), QStringLiteral("key") + defaultApp},
                       {QStringLiteral("app_secret"), QStringLiteral("secret") + defaultApp}};
    context.metrics = &m_metrics;
    auto service = std::make_unique<ChannelsService>(monitor);
    const core::StartResult started = service->start(context);
    if (!started.ok) {
        qWarning() << started.error;
        return nullptr;
    }
    (monitor == &m_monitorA ? m_portA : m_portB) = started.port;
    return service;
}

const AppInfo *TestChannelsPostgres::appOf(const ChannelsMonitor &monitor, const QString &id, AppInfo *out)
{
    for (const AppInfo &app : monitor.snapshot().apps) {
        if (app.id == id) {
            *out = app;
            return out;
        }
    }
    return nullptr;
}

void TestChannelsPostgres::cleanupTestCase()
{
    for (auto *node : {&m_nodeA, &m_nodeB}) {
        if (*node)
            (*node)->stop();
        node->reset();
    }
    if (m_postgres.state() != QProcess::NotRunning) {
        m_postgres.terminate(); // SIGTERM: smart shutdown, no clients are left
        m_postgres.waitForFinished(20000);
    }
}

void TestChannelsPostgres::consoleEditsOnOneNodeReachTheOther()
{
    // One registry: B's default app is A's, and A's own default was not added.
    AppInfo seen;
    QTRY_VERIFY(appOf(m_monitorA, QStringLiteral("100"), &seen));
    QVERIFY(!appOf(m_monitorA, QStringLiteral("200"), &seen));

    // The Channels page on A creates an app.
    AppInfo created;
    created.id = QStringLiteral("7007");
    created.key = QStringLiteral("sharedkey7007");
    created.secret = QStringLiteral("firstsecret");
    created.name = QStringLiteral("Shop");
    emit m_monitorA.saveAppRequested(created);
    QTRY_VERIFY_WITH_TIMEOUT(appOf(m_monitorB, created.id, &seen), 5000);
    QCOMPARE(seen.secret, created.secret);
    PusherTestClient onB;
    QVERIFY(onB.connectTo(m_portB, created.key));

    // A new secret.
    created.secret = QStringLiteral("secondsecret");
    emit m_monitorA.saveAppRequested(created);
    QTRY_VERIFY_WITH_TIMEOUT(appOf(m_monitorB, created.id, &seen) && seen.secret == created.secret, 5000);

    // Disabled on A: B closes its socket of the app as a local edit would, and refuses new ones.
    created.enabled = false;
    emit m_monitorA.saveAppRequested(created);
    QCOMPARE(onB.waitClosed(), 4003);
    PusherTestClient refused;
    refused.open(m_portB, QStringLiteral("/app/%1?protocol=7").arg(created.key));
    QCOMPARE(refused.waitClosed(), 4003);

    // Deleted on A: gone on B.
    emit m_monitorA.deleteAppRequested(created.id);
    QTRY_VERIFY_WITH_TIMEOUT(!appOf(m_monitorB, created.id, &seen), 5000);
    PusherTestClient unknown;
    unknown.open(m_portB, QStringLiteral("/app/%1?protocol=7").arg(created.key));
    QCOMPARE(unknown.waitClosed(), 4001);
    QCOMPARE(m_monitorB.snapshot().database.connected, true);
    QVERIFY(m_monitorB.snapshot().database.shared);
}

QTEST_GUILESS_MAIN(TestChannelsPostgres)
#include "tst_channels_postgres.moc"
