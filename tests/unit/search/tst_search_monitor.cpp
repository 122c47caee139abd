// SearchMonitor with a real SearchService (127.0.0.1, port 0, in the test's thread): requests
// through the monitor are answered by the service's own routes (statuses and Typesense's messages
// as a client gets them), snapshots describe the collections and their sizes (the index's memory
// stays bounded while imports upsert the same documents over and over), the latency series
// follows the HTTP engine's histogram, and a stopped service answers at once instead of never.
#include "search/search_monitor.h"
#include "search/search_service.h"

#include "core/metrics.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace homeport;
using namespace homeport::search;

class TstSearchMonitor : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    core::Metrics m_metrics;
    SearchMonitor m_monitor;
    std::unique_ptr<SearchService> m_service;

    ApiAnswer call(const QByteArray &method, const QString &path, const QByteArray &body = {},
                   const QList<QPair<QString, QString>> &query = {})
    {
        ApiRequest request;
        request.method = method;
        request.path = path;
        request.body = body;
        request.query = query;
        QSignalSpy spy(&m_monitor, &SearchMonitor::requestFinished);
        const quint64 id = m_monitor.request(request);
        for (int waited = 0; waited < 100; ++waited) {
            for (const QList<QVariant> &args : std::as_const(spy)) {
                if (args.at(0).toULongLong() == id)
                    return args.at(1).value<ApiAnswer>();
            }
            spy.wait(100);
        }
        ApiAnswer none;
        none.error = QStringLiteral("no answer");
        return none;
    }

    // The next snapshot published after now.
    SearchSnapshot nextSnapshot()
    {
        QSignalSpy spy(&m_monitor, &SearchMonitor::snapshotPublished);
        spy.wait(3000);
        return m_monitor.snapshot();
    }

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_service = std::make_unique<SearchService>(&m_monitor);
        core::ServiceContext context;
        context.name = QStringLiteral("search");
        context.dataDir = m_dir.path();
        context.bindAddress = QHostAddress::LocalHost;
        context.port = 0;
        context.secrets = {{"api_key", QStringLiteral("monitor-test-key-0123456789")}};
        context.metrics = &m_metrics;
        const core::StartResult started = m_service->start(context);
        QVERIFY2(started.ok, qPrintable(started.error));
        QVERIFY(m_monitor.isServiceAttached());
    }
    void cleanup()
    {
        if (m_service)
            m_service->stop();
        m_service.reset();
        QDir(m_dir.path()).removeRecursively();
        QDir().mkpath(m_dir.path());
    }

    void requestsGoThroughTheRoutes()
    {
        ApiAnswer a = call("GET", QStringLiteral("/collections"));
        QCOMPARE(a.status, 200);
        QCOMPARE(a.body, QByteArray("[]"));
        a = call("POST", QStringLiteral("/collections"), R"({"name":"books","fields":[{"name":"title","type":"strin"}]})");
        QCOMPARE(a.status, 400);
        QVERIFY2(a.message().contains(QStringLiteral("strin")), qPrintable(a.message()));
        a = call("GET", QStringLiteral("/collections/nope"));
        QCOMPARE(a.status, 404);
        QCOMPARE(a.message(), QStringLiteral("Not Found"));
        a = call("GET", QStringLiteral("/no/such/route"));
        QCOMPARE(a.status, 404);
        QCOMPARE(a.message(), QStringLiteral("Not Found"));

        // Query parameters are encoded by the service: '&&', spaces and ':' survive.
        QCOMPARE(call("POST", QStringLiteral("/collections"),
                      R"({"name":"books","fields":[{"name":"title","type":"string"},{"name":"year","type":"int32"}]})")
                     .status,
                 201);
        QCOMPARE(call("POST", QStringLiteral("/collections/books/documents/import"),
                      "{\"id\":\"1\",\"title\":\"Dune & more\",\"year\":1965}\n{\"id\":\"2\",\"title\":\"Emma\",\"year\":1815}",
                      {{QStringLiteral("action"), QStringLiteral("create")}})
                     .status,
                 200);
        a = call("GET", QStringLiteral("/collections/books/documents/search"), {},
                 {{QStringLiteral("q"), QStringLiteral("dune & more")},
                  {QStringLiteral("query_by"), QStringLiteral("title")},
                  {QStringLiteral("filter_by"), QStringLiteral("year:>1900 && year:<2000")}});
        QCOMPARE(a.status, 200);
        QCOMPARE(QJsonDocument::fromJson(a.body).object().value(QStringLiteral("found")).toInt(), 1);
    }

    void snapshotsDescribeCollections()
    {
        QCOMPARE(call("POST", QStringLiteral("/collections"),
                      R"({"name":"books","fields":[{"name":"title","type":"string"},{"name":"year","type":"int32","facet":true}]})")
                     .status,
                 201);
        QByteArray jsonl;
        for (int i = 0; i < 40; ++i)
            jsonl += QStringLiteral("{\"id\":\"%1\",\"title\":\"Book number %1\",\"year\":%2}\n").arg(i).arg(1900 + i).toUtf8();
        QCOMPARE(call("POST", QStringLiteral("/collections/books/documents/import"), jsonl).status, 200);
        SearchSnapshot snapshot = nextSnapshot();
        QCOMPARE(snapshot.collections.size(), 1);
        const CollectionInfo &books = snapshot.collections.first();
        QCOMPARE(books.name, QStringLiteral("books"));
        QCOMPARE(books.numDocuments, 40);
        QVERIFY(books.createdAt > 0);
        QCOMPARE(books.fields.size(), 2);
        QCOMPARE(books.fields[1].name, QStringLiteral("year"));
        QVERIFY(books.fields[1].facet);
        // The size is the documents' compact JSON, as the collection keeps it and export sends it.
        const ApiAnswer exported = call("GET", QStringLiteral("/collections/books/documents/export"));
        QCOMPARE(exported.status, 200);
        qint64 bytes = 0;
        for (const QByteArray &line : exported.body.split('\n'))
            bytes += QJsonDocument::fromJson(line).toJson(QJsonDocument::Compact).size();
        QCOMPARE(books.estimatedBytes, bytes);
        // The index's memory comes with it, and follows the collection: 40 documents more, more memory.
        QVERIFY(books.memoryBytes > 0);
        jsonl.clear();
        for (int i = 40; i < 80; ++i)
            jsonl += QStringLiteral("{\"id\":\"%1\",\"title\":\"Book number %1\",\"year\":%2}\n").arg(i).arg(1900 + i).toUtf8();
        QCOMPARE(call("POST", QStringLiteral("/collections/books/documents/import"), jsonl).status, 200);
        const qint64 memoryOf40 = books.memoryBytes;
        snapshot = nextSnapshot();
        QCOMPARE(snapshot.collections.first().numDocuments, 80);
        QVERIFY2(snapshot.collections.first().memoryBytes > memoryOf40,
                 qPrintable(QStringLiteral("%1 after %2").arg(snapshot.collections.first().memoryBytes).arg(memoryOf40)));
        // Truncated, the index is emptied and the snapshot says so.
        QCOMPARE(call("DELETE", QStringLiteral("/collections/books/documents"), {}, {{QStringLiteral("truncate"), QStringLiteral("true")}}).status, 200);
        snapshot = nextSnapshot();
        QCOMPARE(snapshot.collections.first().numDocuments, 0);
        QVERIFY2(snapshot.collections.first().memoryBytes < memoryOf40,
                 qPrintable(QStringLiteral("%1 after %2").arg(snapshot.collections.first().memoryBytes).arg(memoryOf40)));

        QCOMPARE(call("DELETE", QStringLiteral("/collections/books")).status, 200);
        snapshot = nextSnapshot();
        QVERIFY(snapshot.collections.isEmpty());
    }

    void memoryStaysBoundedUnderRepeatedUpserts()
    {
        // The same 1,500 documents imported with action=upsert five times over, as a nightly
        // re-import does: each round replaces every document, and the Search page's memory (the
        // snapshot's, from Collection::memoryBytes()) must not grow with the replaced versions.
        QCOMPARE(call("POST", QStringLiteral("/collections"),
                      R"({"name":"parts","fields":[{"name":"title","type":"string"},{"name":"stock","type":"int32"}]})")
                     .status,
                 201);
        auto importRound = [&](int round) {
            QByteArray jsonl;
            for (int i = 0; i < 1500; ++i)
                jsonl += QStringLiteral("{\"id\":\"p%1\",\"title\":\"Part %1 bolt washer gear\",\"stock\":%2}\n").arg(i).arg(round * 10000 + i).toUtf8();
            const ApiAnswer answer = call("POST", QStringLiteral("/collections/parts/documents/import"), jsonl,
                                          {{QStringLiteral("action"), QStringLiteral("upsert")}});
            QCOMPARE(answer.status, 200);
            QVERIFY(!answer.body.contains("false"));
        };
        importRound(0);
        SearchSnapshot snapshot = nextSnapshot();
        QCOMPARE(snapshot.collections.first().numDocuments, 1500);
        const qint64 once = snapshot.collections.first().memoryBytes;
        QVERIFY(once > 0);
        for (int round = 1; round <= 5; ++round) {
            importRound(round);
            snapshot = nextSnapshot();
            QCOMPARE(snapshot.collections.first().numDocuments, 1500);
            const qint64 now = snapshot.collections.first().memoryBytes;
            // The replaced versions go once they outnumber the live ones: at most about twice.
            QVERIFY2(now < once * 5 / 2, qPrintable(QStringLiteral("round %1: %2, after the first import %3").arg(round).arg(now).arg(once)));
            // Each document once, in its latest version.
            const ApiAnswer bolts = call("GET", QStringLiteral("/collections/parts/documents/search"), {},
                                         {{QStringLiteral("q"), QStringLiteral("bolt")}, {QStringLiteral("query_by"), QStringLiteral("title")}});
            QCOMPARE(QJsonDocument::fromJson(bolts.body).object().value(QStringLiteral("found")).toInt(), 1500);
            const ApiAnswer latest = call("GET", QStringLiteral("/collections/parts/documents/search"), {},
                                          {{QStringLiteral("q"), QStringLiteral("*")}, {QStringLiteral("query_by"), QStringLiteral("title")},
                                           {QStringLiteral("filter_by"), QStringLiteral("stock:>=%1").arg(round * 10000)}});
            QCOMPARE(QJsonDocument::fromJson(latest.body).object().value(QStringLiteral("found")).toInt(), 1500);
        }
        QCOMPARE(call("DELETE", QStringLiteral("/collections/parts")).status, 200);
    }

    void latencyFollowsTheHistogram()
    {
        // Drain the second in progress, then record a known second: 100 requests of 3 ms.
        nextSnapshot();
        for (int i = 0; i < 100; ++i)
            m_metrics.observe(QStringLiteral("homeport_http_request_duration_seconds"),
                              QStringLiteral("service=\"search\""), 0.003);
        const SearchSnapshot snapshot = nextSnapshot();
        QVERIFY(!snapshot.latency.isEmpty());
        const LatencyPoint last = snapshot.latency.last();
        QCOMPARE(last.requests, quint64(100));
        // 3 ms lies in the 2.5-5 ms bucket; quantiles are interpolated inside it.
        QCOMPARE(last.p50Ms, 3.75);
        QCOMPARE(last.p99Ms, 4.975);
        QVERIFY(snapshot.requestsTotal >= 100);
        QVERIFY(snapshot.latency.size() <= SearchMonitor::kLatencySeconds);
        // The second also went into its minute, whose quantiles come from the minute's buckets.
        QVERIFY(!snapshot.latencyMinutes.isEmpty());
        const LatencyPoint minute = snapshot.latencyMinutes.last();
        QCOMPARE(minute.second, last.second - last.second % 60);
        QVERIFY(minute.requests >= 100);
        quint64 inMinute = 0;
        for (const LatencyPoint &p : snapshot.latency) {
            if (p.second >= minute.second)
                inMinute += p.requests;
        }
        QCOMPARE(minute.requests, inMinute);
        QVERIFY(minute.p50Ms > 0 && minute.p50Ms <= minute.p99Ms);
        QVERIFY(snapshot.latencyMinutes.size() <= SearchMonitor::kLatencyMinutes);
    }

    void stoppedServiceAnswersAtOnce()
    {
        m_service->stop();
        m_service.reset();
        QVERIFY(!m_monitor.isServiceAttached());
        const ApiAnswer a = call("GET", QStringLiteral("/collections"));
        QCOMPARE(a.status, 0);
        QCOMPARE(a.message(), QStringLiteral("The search service is not running."));
    }
};

QTEST_GUILESS_MAIN(TstSearchMonitor)
#include "tst_search_monitor.moc"
