// ServiceHost: state changes, a failing service that leaves the others running, restart, and an
// ordered shutdown. The test service really listens, so "port in use" is the real failure.
#include "core/metrics.h"
#include "core/service_host.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>
#include <QThread>

using namespace homeport::core;

namespace {

// Listens on its port and records, from its own thread, which thread it ran on and in what order
// services were stopped.
class ListeningService : public Service
{
public:
    explicit ListeningService(QStringList *stopOrder, QString name)
        : m_stopOrder(stopOrder)
        , m_name(std::move(name))
    {
    }
    StartResult start(const ServiceContext &context) override
    {
        startThread = QThread::currentThread();
        m_server = new QTcpServer(this);
        if (!m_server->listen(context.bindAddress, context.port)) {
            return StartResult::failure(QStringLiteral("port %1 is in use by another program").arg(context.port));
        }
        return StartResult::success(m_server->serverPort());
    }
    void stop() override
    {
        m_server->close();
        if (m_stopOrder)
            m_stopOrder->append(m_name);
    }
    QThread *startThread = nullptr;

private:
    QTcpServer *m_server = nullptr;
    QStringList *m_stopOrder;
    QString m_name;
};

} // namespace

class TestServiceHost : public QObject
{
    Q_OBJECT
    QHash<QString, quint16> m_ports;
    QStringList m_stopOrder;

    std::unique_ptr<ServiceHost> makeHost(const QStringList &names)
    {
        auto host = std::make_unique<ServiceHost>([this](const QString &name) {
            ServiceContext context;
            context.name = name;
            context.bindAddress = QHostAddress(QHostAddress::LocalHost);
            context.port = m_ports.value(name);
            return context;
        });
        for (const QString &name : names)
            host->addService(name, [this, name] { return std::make_unique<ListeningService>(&m_stopOrder, name); });
        return host;
    }

    static bool waitForState(ServiceHost &host, const QString &name, ServiceState state)
    {
        return QTest::qWaitFor([&] { return host.status(name).state == state; }, 5000);
    }

private Q_SLOTS:
    void init()
    {
        m_ports.clear();
        m_stopOrder.clear();
    }

    void startsAndStopsThroughTheStates()
    {
        auto host = makeHost({QStringLiteral("a")});
        QSignalSpy spy(host.get(), &ServiceHost::statusChanged);
        QCOMPARE(toString(host->status(QStringLiteral("a")).state), QStringLiteral("stopped"));
        host->start(QStringLiteral("a"));
        QCOMPARE(toString(host->status(QStringLiteral("a")).state), QStringLiteral("starting"));
        QVERIFY(waitForState(*host, QStringLiteral("a"), ServiceState::Running));
        const ServiceStatus running = host->status(QStringLiteral("a"));
        QVERIFY2(running.address.startsWith(QStringLiteral("127.0.0.1:")), qPrintable(running.address));
        QVERIFY(running.address != QStringLiteral("127.0.0.1:0"));

        host->stop(QStringLiteral("a"));
        QCOMPARE(toString(host->status(QStringLiteral("a")).state), QStringLiteral("stopping"));
        QVERIFY(waitForState(*host, QStringLiteral("a"), ServiceState::Stopped));
        QStringList states;
        for (const QList<QVariant> &args : spy)
            states << toString(args.at(0).value<ServiceStatus>().state);
        QCOMPARE(states, (QStringList{QStringLiteral("starting"), QStringLiteral("running"), QStringLiteral("stopping"),
                                      QStringLiteral("stopped")}));
        QCOMPARE(m_stopOrder, QStringList{QStringLiteral("a")});
    }

    void eachServiceRunsInItsOwnThread()
    {
        QStringList unused;
        auto *a = new ListeningService(&unused, QStringLiteral("a"));
        auto *b = new ListeningService(&unused, QStringLiteral("b"));
        ServiceHost host([](const QString &name) {
            ServiceContext c;
            c.name = name;
            c.bindAddress = QHostAddress(QHostAddress::LocalHost);
            return c;
        });
        host.addService(QStringLiteral("a"), [a] { return std::unique_ptr<Service>(a); });
        host.addService(QStringLiteral("b"), [b] { return std::unique_ptr<Service>(b); });
        host.startAll({QStringLiteral("a"), QStringLiteral("b")});
        QVERIFY(waitForState(host, QStringLiteral("a"), ServiceState::Running));
        QVERIFY(waitForState(host, QStringLiteral("b"), ServiceState::Running));
        QVERIFY(a->startThread && b->startThread);
        QVERIFY(a->startThread != QThread::currentThread());
        QVERIFY(a->startThread != b->startThread);
        host.shutdown();
    }

    void aFailingServiceLeavesTheOthersRunning()
    {
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
        m_ports.insert(QStringLiteral("storage"), squatter.serverPort());
        auto host = makeHost({QStringLiteral("search"), QStringLiteral("storage"), QStringLiteral("inference")});
        host->startAll(host->names());
        QVERIFY(waitForState(*host, QStringLiteral("storage"), ServiceState::Failed));
        QVERIFY(waitForState(*host, QStringLiteral("search"), ServiceState::Running));
        QVERIFY(waitForState(*host, QStringLiteral("inference"), ServiceState::Running));
        const ServiceStatus failed = host->status(QStringLiteral("storage"));
        QCOMPARE(failed.reason, QStringLiteral("port %1 is in use by another program").arg(squatter.serverPort()));
        QVERIFY(failed.address.isEmpty());

        // Once the port is free the same service starts on request.
        squatter.close();
        host->start(QStringLiteral("storage"));
        QVERIFY(waitForState(*host, QStringLiteral("storage"), ServiceState::Running));
        QVERIFY(host->status(QStringLiteral("storage")).reason.isEmpty());
    }

    void restartTouchesOnlyThatService()
    {
        auto host = makeHost({QStringLiteral("a"), QStringLiteral("b")});
        host->startAll(host->names());
        QVERIFY(waitForState(*host, QStringLiteral("a"), ServiceState::Running));
        QVERIFY(waitForState(*host, QStringLiteral("b"), ServiceState::Running));
        const QDateTime bSince = host->status(QStringLiteral("b")).since;
        QSignalSpy spy(host.get(), &ServiceHost::statusChanged);
        host->restart(QStringLiteral("a"));
        QVERIFY(QTest::qWaitFor([&] {
            return spy.size() >= 4 && host->status(QStringLiteral("a")).state == ServiceState::Running;
        }, 5000));
        for (const QList<QVariant> &args : spy)
            QCOMPARE(args.at(0).value<ServiceStatus>().name, QStringLiteral("a"));
        QCOMPARE(host->status(QStringLiteral("b")).since, bSince);
        QCOMPARE(m_stopOrder, QStringList{QStringLiteral("a")});
    }

    void stopWhileStartingEndsStopped()
    {
        auto host = makeHost({QStringLiteral("a")});
        host->start(QStringLiteral("a"));
        host->stop(QStringLiteral("a"));
        QVERIFY(waitForState(*host, QStringLiteral("a"), ServiceState::Stopped));
        QTest::qWait(50); // a late start result must not flip it back to running
        QCOMPARE(toString(host->status(QStringLiteral("a")).state), QStringLiteral("stopped"));
    }

    void shutdownStopsInReverseOrder()
    {
        auto host = makeHost({QStringLiteral("first"), QStringLiteral("second"), QStringLiteral("third")});
        host->startAll(host->names());
        for (const QString &name : host->names())
            QVERIFY(waitForState(*host, name, ServiceState::Running));
        host->shutdown();
        QCOMPARE(m_stopOrder, (QStringList{QStringLiteral("third"), QStringLiteral("second"), QStringLiteral("first")}));
        for (const ServiceStatus &status : host->snapshot())
            QCOMPARE(toString(status.state), QStringLiteral("stopped"));
    }

    void shutdownRightAfterStartIsClean()
    {
        auto host = makeHost({QStringLiteral("a"), QStringLiteral("b")});
        host->startAll(host->names());
        host->stop(QStringLiteral("b"));
        host.reset(); // destructor shuts down with a start and a teardown still queued
        QVERIFY(m_stopOrder.contains(QStringLiteral("a")));
        QVERIFY(m_stopOrder.contains(QStringLiteral("b")));
    }
};

QTEST_GUILESS_MAIN(TestServiceHost)
#include "tst_service_host.moc"
