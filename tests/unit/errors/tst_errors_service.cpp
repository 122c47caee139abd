// The errors service over real HTTP on 127.0.0.1 (port 0): every auth form, statuses, limits,
// encodings, dedup, CORS, rate limit headers, the REST API, alert webhooks and the monitor contract.
// Everything runs in the test's thread: the service, its store and the QNetworkAccessManager.
#include "errors/errors_monitor.h"
#include "errors/errors_service.h"

#include "core/metrics.h"
#include "http/http_server.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <zlib.h>

using namespace homeport;
using namespace homeport::errors;

namespace {

const QString kKey = QStringLiteral("0123456789abcdef0123456789abcdef");

struct Reply {
    int status = 0;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;
    QByteArray header(const QByteArray &name) const
    {
        for (const auto &h : headers)
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return h.second;
        return {};
    }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QJsonArray array() const { return QJsonDocument::fromJson(body).array(); }
};

QByteArray zlibCompress(const QByteArray &data, bool gzip)
{
    z_stream z{};
    deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, gzip ? 15 + 16 : 15, 8, Z_DEFAULT_STRATEGY);
    QByteArray out(int(deflateBound(&z, uLong(data.size()))) + 32, Qt::Uninitialized);
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    z.avail_in = uInt(data.size());
    z.next_out = reinterpret_cast<Bytef *>(out.data());
    z.avail_out = uInt(out.size());
    deflate(&z, Z_FINISH);
    out.resize(qsizetype(z.total_out));
    deflateEnd(&z);
    return out;
}

QByteArray envelope(const QString &eventId, const QByteArray &eventJson, const QByteArray &extraHeader = {})
{
    QByteArray head = "{\"event_id\":\"" + eventId.toLatin1() + "\"" + extraHeader + "}\n";
    return head + "{\"type\":\"event\",\"length\":" + QByteArray::number(eventJson.size()) + "}\n" + eventJson + "\n";
}

QString newId()
{
    return QUuid::createUuid().toString(QUuid::Id128);
}

QByteArray errorEvent(const QString &eventId, const QString &value, const QString &function = QStringLiteral("handler"))
{
    return QJsonDocument(QJsonObject{
                             {"event_id", eventId},
                             {"platform", "node"},
                             {"user", QJsonObject{{"id", "u-" + value}}},
                             {"exception", QJsonObject{{"values", QJsonArray{QJsonObject{
                                                                      {"type", "Error"},
                                                                      {"value", value},
                                                                      {"stacktrace", QJsonObject{{"frames", QJsonArray{QJsonObject{
                                                                                                     {"filename", "/app/a.js"},
                                                                                                     {"function", function},
                                                                                                     {"context_line", "throw new Error(x)"},
                                                                                                     {"in_app", true}}}}}}}}}}}})
        .toJson(QJsonDocument::Compact);
}

} // namespace

class TestErrorsService : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    core::Metrics m_metrics;
    std::unique_ptr<ErrorsMonitor> m_monitor;
    std::unique_ptr<ErrorsService> m_service;
    QNetworkAccessManager m_network;
    quint16 m_port = 0;
    QString m_token;
    bool m_keepData = false;

    Reply request(const QByteArray &method, const QString &path, const QByteArray &body = {},
                  const QList<QPair<QByteArray, QByteArray>> &headers = {})
    {
        QNetworkRequest req(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path)));
        for (const auto &[name, value] : headers)
            req.setRawHeader(name, value);
        QNetworkReply *reply = m_network.sendCustomRequest(req, method, body);
        QEventLoop loop;
        connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(10000, &loop, &QEventLoop::quit);
        loop.exec();
        Reply out;
        out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        out.body = reply->readAll();
        out.headers = reply->rawHeaderPairs();
        reply->deleteLater();
        return out;
    }
    Reply api(const QString &path, const QByteArray &method = "GET", const QByteArray &body = {})
    {
        return request(method, path, body, {{"Authorization", "Bearer " + m_token.toLatin1()}});
    }
    Reply postEnvelope(const QByteArray &body, const QString &query = QStringLiteral("?sentry_key=") + kKey,
                       const QList<QPair<QByteArray, QByteArray>> &headers = {}, int project = 1)
    {
        return request("POST", QStringLiteral("/api/%1/envelope/%2").arg(project).arg(query), body, headers);
    }
    qint64 totalEvents()
    {
        qint64 total = 0;
        for (const QJsonValue &issue : api(QStringLiteral("/api/0/organizations/homeport/issues/?query=")).array())
            total += issue["count"].toString().toLongLong();
        return total;
    }
    void wait(int ms) { QTest::qWait(ms); }

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        if (!m_keepData) {
            QDir(m_dir.path()).removeRecursively();
            QDir().mkpath(m_dir.path());
        }
        m_monitor = std::make_unique<ErrorsMonitor>();
        m_service = std::make_unique<ErrorsService>(m_monitor.get());
        core::ServiceContext context;
        context.name = QStringLiteral("errors");
        context.dataDir = m_dir.path();
        context.bindAddress = QHostAddress::LocalHost;
        context.port = 0;
        context.secrets = {{"project_id", "1"}, {"public_key", kKey}};
        context.settings = {{"synchronous", "normal"}, {"alert_retry_ms", 50}};
        context.metrics = &m_metrics;
        const core::StartResult started = m_service->start(context);
        QVERIFY2(started.ok, qPrintable(started.error));
        m_port = started.port;
        QFile token(m_dir.filePath("api_token"));
        QVERIFY(token.open(QIODevice::ReadOnly));
        QCOMPARE(int(token.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther)), 0);
        m_token = QString::fromLatin1(token.readAll()).trimmed();
        QCOMPARE(m_token.size(), 64);
    }
    void cleanup()
    {
        m_service->stop();
        m_service.reset();
        m_monitor.reset();
    }

    void envelopeWithQueryAuthIsStoredAndReadBack()
    {
        const QString id = newId();
        const Reply r = postEnvelope(envelope(id, errorEvent(id, "boom")));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json()["id"].toString(), id);
        const QJsonArray issues = api(QStringLiteral("/api/0/projects/homeport/default/issues/")).array();
        QCOMPARE(issues.size(), 1);
        QCOMPARE(issues[0]["title"].toString(), QStringLiteral("Error: boom"));
        QCOMPARE(issues[0]["count"].toString(), QStringLiteral("1"));
        QCOMPARE(issues[0]["culprit"].toString(), QStringLiteral("handler(/app/a.js)"));
        const QString issueId = issues[0]["id"].toString();
        const Reply latest = api(QStringLiteral("/api/0/issues/%1/events/latest/").arg(issueId));
        QCOMPARE(latest.status, 200);
        QCOMPARE(latest.json()["eventID"].toString(), id);
        QCOMPARE(latest.json()["entries"].toArray()[0].toObject()["type"].toString(), QStringLiteral("exception"));
        const Reply byId = api(QStringLiteral("/api/0/projects/homeport/default/events/%1/").arg(id));
        QCOMPARE(byId.status, 200);
        QCOMPARE(byId.json()["groupID"].toString(), issueId);
    }

    void everyAuthForm()
    {
        // X-Sentry-Auth on /store/, plain JSON.
        const QString a = newId();
        Reply r = request("POST", "/api/1/store/", errorEvent(a, "store"),
                          {{"X-Sentry-Auth", "Sentry sentry_version=7, sentry_client=test/1, sentry_key=" + kKey.toLatin1()},
                           {"Content-Type", "application/json"}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json()["id"].toString(), a);
        // Authorization: Sentry ..., gzip.
        const QString b = newId();
        r = request("POST", "/api/1/store/", zlibCompress(errorEvent(b, "gz"), true),
                    {{"Authorization", "Sentry sentry_key=" + kKey.toLatin1() + ", sentry_version=7"},
                     {"Content-Encoding", "gzip"}});
        QCOMPARE(r.status, 200);
        // base64(zlib(json)) on /store/ without any header saying so.
        const QString c = newId();
        r = request("POST", "/api/1/store/?sentry_key=" + kKey, zlibCompress(errorEvent(c, "b64"), false).toBase64());
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json()["id"].toString(), c);
        // The envelope header's dsn (tunnels), no other credentials, text/plain.
        const QString d = newId();
        const QByteArray dsn = ",\"dsn\":\"http://" + kKey.toLatin1() + "@127.0.0.1:8000/1\"";
        r = postEnvelope(envelope(d, errorEvent(d, "tunnel"), dsn), {}, {{"Content-Type", "text/plain;charset=UTF-8"}});
        QCOMPARE(r.status, 200);
        // deflate and br are the engine's; form encodings and no content type are raw envelopes.
        const QString e = newId();
        r = postEnvelope(zlibCompress(envelope(e, errorEvent(e, "deflate")), false), QStringLiteral("?sentry_key=") + kKey,
                         {{"Content-Encoding", "deflate"}, {"Content-Type", "application/x-www-form-urlencoded"}});
        QCOMPARE(r.status, 200);
        // sentry-ruby's "Content-Encoding: UTF-8" is not an encoding: taken raw, as Relay does.
        const QString f = newId();
        r = postEnvelope(envelope(f, errorEvent(f, "utf8")), QStringLiteral("?sentry_key=") + kKey,
                         {{"Content-Encoding", "UTF-8"}, {"Content-Type", "multipart/form-data"}});
        QCOMPARE(r.status, 200);
        QCOMPARE(totalEvents(), 6);
    }

    void badCredentialsStoreNothing()
    {
        const QString id = newId();
        const QByteArray body = envelope(id, errorEvent(id, "x"));
        Reply r = postEnvelope(body, {});
        QCOMPARE(r.status, 401);
        QVERIFY(r.json()["detail"].toString().contains("missing"));
        QVERIFY(!r.header("X-Sentry-Error").isEmpty());
        QCOMPARE(postEnvelope(body, QStringLiteral("?sentry_key=ffffffffffffffffffffffffffffffff")).status, 403);
        QCOMPARE(request("POST", "/api/1/store/", errorEvent(id, "x")).status, 401);
        QCOMPARE(request("POST", "/api/1/store/", errorEvent(id, "x"), {{"X-Sentry-Auth", "Sentry sentry_version=7"}}).status, 401);
        // Header and query disagree.
        QCOMPARE(postEnvelope(body, QStringLiteral("?sentry_key=") + kKey,
                              {{"X-Sentry-Auth", "Sentry sentry_key=abcd, sentry_version=7"}}).status, 401);
        // The dsn header names another key or project.
        QCOMPARE(postEnvelope(envelope(id, errorEvent(id, "x"), ",\"dsn\":\"http://other@h/1\""), QStringLiteral("?sentry_key=") + kKey).status, 401);
        QCOMPARE(postEnvelope(envelope(id, errorEvent(id, "x"), ",\"dsn\":\"http://" + kKey.toLatin1() + "@h/2\"")).status, 403);

        // A key of another project: 403.
        ProjectInfo second;
        second.name = QStringLiteral("Second App");
        second.keys = {QStringLiteral("second_key_1")};
        emit m_monitor->saveProjectRequested(second);
        QTRY_COMPARE(m_monitor->snapshot().projects.size(), 2);
        QCOMPARE(postEnvelope(body, QStringLiteral("?sentry_key=second_key_1"), {}, 1).status, 403);
        QCOMPARE(postEnvelope(body, QStringLiteral("?sentry_key=") + kKey, {}, 2).status, 403);
        QCOMPARE(postEnvelope(body, QStringLiteral("?sentry_key=") + kKey, {}, 99).status, 403);
        QCOMPARE(request("POST", QStringLiteral("/api/abc/envelope/?sentry_key=") + kKey, body).status, 400);
        QCOMPARE(totalEvents(), 0);
        // ... and the right key for project 2 works.
        QCOMPARE(postEnvelope(body, QStringLiteral("?sentry_key=second_key_1"), {}, 2).status, 200);
        QCOMPARE(api(QStringLiteral("/api/0/projects/homeport/second-app/issues/")).array().size(), 1);
        QTRY_VERIFY(m_monitor->snapshot().eventsRejected >= 9);
    }

    void malformedAndOversized()
    {
        const QString q = QStringLiteral("?sentry_key=") + kKey;
        QCOMPARE(postEnvelope("", q).status, 400);
        QCOMPARE(postEnvelope("not json\n", q).status, 400);
        QCOMPARE(postEnvelope("{}\n{\"type\":\"event\",\"length\":99}\n{}", q).status, 400);
        QCOMPARE(postEnvelope("{}\n{\"type\":\"event\"}\n[1,2]\n", q).status, 400);
        QCOMPARE(postEnvelope("{}\n{\"type\":\"event\"}\n{\"broken\":\n", q).status, 400);
        QCOMPARE(postEnvelope("\x1f\x8b\x08\x00garbage", q, {{"Content-Encoding", "gzip"}}).status, 400);
        QCOMPARE(postEnvelope("{}", q, {{"Content-Encoding", "compress"}}).status, 415);
        QCOMPARE(request("POST", "/api/1/store/" + q, "%%%not base64").status, 400);
        // An event item over 1 MB: 413.
        const QString id = newId();
        QJsonObject big{{"event_id", id}, {"message", "big"}, {"extra", QJsonObject{{"blob", QString(1100 * 1024, u'x')}}}};
        const Reply tooBig = postEnvelope(envelope(id, QJsonDocument(big).toJson(QJsonDocument::Compact)), q);
        QCOMPARE(tooBig.status, 413);
        QCOMPARE(request("POST", "/api/1/store/" + q, QJsonDocument(big).toJson()).status, 413);
        // The same event as base64(zlib(JSON)) is small on the wire but over the limit inflated.
        const Reply tooBigBase64 = request("POST", "/api/1/store/" + q, zlibCompress(QJsonDocument(big).toJson(), false).toBase64());
        QCOMPARE(tooBigBase64.status, 413);
        QVERIFY(tooBigBase64.header("X-Sentry-Error").contains("larger than"));
        // Truncated zlib stays a 400.
        QCOMPARE(request("POST", "/api/1/store/" + q, zlibCompress(errorEvent(newId(), "cut"), false).left(20).toBase64()).status, 400);
        // A large event under the limit, gzip-compressed, is fine.
        big["extra"] = QJsonObject{{"blob", QString(900 * 1024, u'y')}};
        QCOMPARE(postEnvelope(zlibCompress(envelope(id, QJsonDocument(big).toJson(QJsonDocument::Compact)), true), q,
                              {{"Content-Encoding", "gzip"}}).status, 200);
        QCOMPARE(totalEvents(), 1);
    }

    void otherItemsAcceptedAndUnknownSkipped()
    {
        const QString id = newId();
        const QByteArray body =
            "{\"event_id\":\"" + id.toLatin1() + "\",\"sent_at\":\"2024-01-01T00:00:00Z\"}\n"
            "{\"type\":\"attachment\",\"length\":5,\"filename\":\"a.txt\"}\nhello\n"
            "{\"type\":\"session\"}\n{\"sid\":\"x\",\"status\":\"ok\"}\n"
            "{\"type\":\"client_report\"}\n{\"timestamp\":1,\"discarded_events\":[]}\n"
            "{\"type\":\"user_report\"}\n{\"event_id\":\"" + id.toLatin1() + "\",\"name\":\"a\",\"comments\":\"b\"}\n"
            "{\"type\":\"check_in\"}\n{\"check_in_id\":\"" + id.toLatin1() + "\",\"status\":\"ok\"}\n"
            "{\"type\":\"totally_new_type\"}\nwhatever\n"
            "{\"type\":\"transaction\"}\n{\"type\":\"transaction\",\"transaction\":\"/x\"}\n"
            "{\"type\":\"event\"}\n" + errorEvent(id, "with items") + "\n";
        const Reply r = postEnvelope(body);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json()["id"].toString(), id);
        // Sessions alone: {} (no event id in the header).
        QCOMPARE(postEnvelope("{}\n{\"type\":\"sessions\"}\n{\"aggregates\":[]}\n").body, QByteArray("{}"));
        QCOMPARE(totalEvents(), 1); // transactions are not error issues
    }

    // Attachments are kept whatever their size (within the envelope's limits): small ones in the
    // database, those over 1 MiB in a file of their own; the REST API lists and serves both.
    void attachmentsKeptAndServed()
    {
        const QString id = newId();
        QByteArray large(1536 * 1024, Qt::Uninitialized);
        for (qsizetype i = 0; i < large.size(); ++i)
            large[i] = char((i * 7 + i / 4096) & 0xff); // binary, newlines included
        const QByteArray body =
            "{\"event_id\":\"" + id.toLatin1() + "\"}\n"
            "{\"type\":\"event\"}\n" + errorEvent(id, "with attachments") + "\n"
            "{\"type\":\"attachment\",\"length\":5,\"filename\":\"small.txt\",\"content_type\":\"text/plain\"}\nhello\n"
            "{\"type\":\"attachment\",\"length\":" + QByteArray::number(large.size())
            + ",\"filename\":\"../../core\\\"dump.bin\",\"attachment_type\":\"event.minidump\"}\n" + large + "\n";
        QCOMPARE(postEnvelope(zlibCompress(body, true), QStringLiteral("?sentry_key=") + kKey, {{"Content-Encoding", "gzip"}}).status, 200);

        const QString list = QStringLiteral("/api/0/projects/homeport/default/events/%1/attachments/").arg(id);
        const QJsonArray attachments = api(list).array();
        QCOMPARE(attachments.size(), 2);
        QCOMPARE(attachments[0]["name"].toString(), QStringLiteral("small.txt"));
        QCOMPARE(attachments[0]["mimetype"].toString(), QStringLiteral("text/plain"));
        QCOMPARE(attachments[0]["size"].toInteger(), 5);
        QCOMPARE(attachments[1]["size"].toInteger(), large.size());
        QCOMPARE(attachments[1]["type"].toString(), QStringLiteral("event.minidump"));

        const QString one = list + QStringLiteral("%1/");
        QCOMPARE(api(one.arg(attachments[0]["id"].toString()) + "?download=1").body, QByteArray("hello"));
        const Reply download = api(one.arg(attachments[1]["id"].toString()) + "?download=1");
        QCOMPARE(download.status, 200);
        QVERIFY(download.body == large);
        // The client's filename is only a label: no quotes or path survive into the header, and
        // the file on disk has a generated name inside the data dir, readable by the owner only.
        QCOMPARE(download.header("Content-Disposition"), QByteArray("attachment; filename=\"../../coredump.bin\""));
        const QFileInfoList files = QDir(m_dir.filePath("attachments")).entryInfoList(QDir::Files);
        QCOMPARE(files.size(), 1);
        QCOMPARE(files.first().size(), large.size());
        QCOMPARE(files.first().permissions() & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());
        QCOMPARE(api(one.arg(attachments[1]["id"].toString())).json()["name"].toString(), QStringLiteral("../../core\"dump.bin"));

        QCOMPARE(api(one.arg("99999") + "?download=1").status, 404);
        QCOMPARE(api(QStringLiteral("/api/0/projects/homeport/default/events/%1/attachments/").arg(newId())).array().size(), 0);
        QCOMPARE(request("GET", list).status, 401);

        // Sentry's "remove an issue" takes the event's attachments, file included.
        const QString issue = api(QStringLiteral("/api/0/projects/homeport/default/events/%1/").arg(id)).json()["groupID"].toString();
        QVERIFY(!issue.isEmpty());
        QCOMPARE(api(QStringLiteral("/api/0/issues/%1/").arg(issue), "DELETE").status, 202);
        QCOMPARE(api(one.arg(attachments[1]["id"].toString()) + "?download=1").status, 404);
        QCOMPARE(api(list).array().size(), 0);
        QCOMPARE(QDir(m_dir.filePath("attachments")).entryInfoList(QDir::Files).size(), 0);
        QCOMPARE(api(QStringLiteral("/api/0/issues/%1/").arg(issue), "DELETE").status, 404);
    }

    void duplicatesStoredOnce()
    {
        const QString id = newId();
        const QByteArray body = envelope(id, errorEvent(id, "dup"));
        for (int i = 0; i < 3; ++i) {
            const Reply r = postEnvelope(body);
            QCOMPARE(r.status, 200);
            QCOMPARE(r.json()["id"].toString(), id);
        }
        QCOMPARE(totalEvents(), 1);
        QCOMPARE(m_metrics.counter("homeport_errors_events_total", "result=\"duplicate\""), 2);
    }

    void corsForBrowserSdks()
    {
        const Reply preflight = request("OPTIONS", "/api/1/envelope/?sentry_key=" + kKey, {},
                                        {{"Origin", "https://app.example"},
                                         {"Access-Control-Request-Method", "POST"},
                                         {"Access-Control-Request-Headers", "content-type,x-sentry-auth"}});
        QCOMPARE(preflight.status, 204);
        QCOMPARE(preflight.header("Access-Control-Allow-Origin"), QByteArray("*"));
        QVERIFY(preflight.header("Access-Control-Allow-Methods").contains("POST"));
        QVERIFY(preflight.header("Access-Control-Allow-Headers").contains("x-sentry-auth"));
        QVERIFY(preflight.header("Access-Control-Allow-Headers").contains("content-encoding"));
        QCOMPARE(preflight.header("Access-Control-Max-Age"), QByteArray("3600"));
        const QString id = newId();
        const Reply post = postEnvelope(envelope(id, errorEvent(id, "cors")), QStringLiteral("?sentry_key=") + kKey,
                                        {{"Origin", "https://app.example"}, {"Content-Type", "text/plain;charset=UTF-8"}});
        QCOMPARE(post.status, 200);
        QCOMPARE(post.header("Access-Control-Allow-Origin"), QByteArray("*"));
        QVERIFY(post.header("Access-Control-Expose-Headers").contains("x-sentry-rate-limits"));
        QVERIFY(post.header("Access-Control-Expose-Headers").contains("retry-after"));
        // Errors are readable cross-origin too.
        const Reply denied = postEnvelope(envelope(id, errorEvent(id, "cors")), {}, {{"Origin", "https://app.example"}});
        QCOMPARE(denied.status, 401);
        QCOMPARE(denied.header("Access-Control-Allow-Origin"), QByteArray("*"));
    }

    void rateLimitAnswers429WithHeaders()
    {
        ProjectInfo project = m_monitor->snapshot().projects.first();
        project.eventsPerMinute = 3;
        emit m_monitor->saveProjectRequested(project);
        QTRY_COMPARE(m_monitor->snapshot().projects.first().eventsPerMinute, 3);
        int ok = 0;
        Reply limited;
        for (int i = 0; i < 5; ++i) {
            const QString id = newId();
            const Reply r = postEnvelope(envelope(id, errorEvent(id, "rl")));
            if (r.status == 200)
                ++ok;
            else
                limited = r;
        }
        // A window boundary may fall inside the loop; at most 3 per window either way.
        QVERIFY2(ok >= 3 && ok <= 5, qPrintable(QString::number(ok)));
        if (ok < 5) {
            QCOMPARE(limited.status, 429);
            const int retryAfter = limited.header("Retry-After").toInt();
            QVERIFY(retryAfter >= 1 && retryAfter <= 60);
            QCOMPARE(limited.header("X-Sentry-Rate-Limits"), QByteArray::number(retryAfter) + "::project:project_quota");
            // The /store/ path and the auth hook (before the body) say the same.
            const Reply store = request("POST", "/api/1/store/?sentry_key=" + kKey, errorEvent(newId(), "rl"));
            QCOMPARE(store.status, 429);
            QVERIFY(!store.header("Retry-After").isEmpty());
            QTRY_VERIFY(m_monitor->snapshot().eventsRateLimited >= 1);
        }
        QCOMPARE(totalEvents(), ok);
    }

    void restApiStatusesAndAuth()
    {
        QCOMPARE(request("GET", "/api/0/projects/homeport/default/issues/").status, 401);
        QCOMPARE(request("GET", "/api/0/projects/homeport/default/issues/", {}, {{"Authorization", "Bearer nope"}}).status, 401);
        QCOMPARE(api("/api/0/projects/other-org/default/issues/").status, 404);
        QCOMPARE(api("/api/0/projects/homeport/missing/issues/").status, 404);
        QCOMPARE(api("/api/0/issues/12345/").status, 404);

        for (const char *value : {"one", "two"}) {
            const QString id = newId();
            QCOMPARE(postEnvelope(envelope(id, errorEvent(id, value))).status, 200);
        }
        const QJsonArray issues = api("/api/0/projects/homeport/default/issues/").array();
        QCOMPARE(issues.size(), 1);
        const QString issueId = issues[0]["id"].toString();
        QCOMPARE(issues[0]["count"].toString(), QStringLiteral("2"));
        QCOMPARE(issues[0]["userCount"].toInt(), 2);

        const Reply detail = api(QStringLiteral("/api/0/issues/%1/").arg(issueId));
        QCOMPARE(detail.status, 200);
        QVERIFY(detail.json()["groupingReason"].toString().startsWith("in-app frames"));
        QCOMPARE(detail.json()["stats"].toObject()["30d"].toArray().size(), 30);
        QVERIFY(!detail.json()["tags"].toArray().isEmpty());

        const Reply resolved = api(QStringLiteral("/api/0/issues/%1/").arg(issueId), "PUT", R"({"status":"resolved"})");
        QCOMPARE(resolved.status, 200);
        QCOMPARE(resolved.json()["status"].toString(), QStringLiteral("resolved"));
        QCOMPARE(api("/api/0/projects/homeport/default/issues/").array().size(), 0); // default is:unresolved
        QCOMPARE(api("/api/0/projects/homeport/default/issues/?query=is:resolved").array().size(), 1);
        QCOMPARE(api(QStringLiteral("/api/0/issues/%1/").arg(issueId), "PUT", R"({"status":"bogus"})").status, 400);

        // A new event reopens it (regression).
        const QString again = newId();
        QCOMPARE(postEnvelope(envelope(again, errorEvent(again, "three"))).status, 200);
        QCOMPARE(api(QStringLiteral("/api/0/issues/%1/").arg(issueId)).json()["status"].toString(), QStringLiteral("unresolved"));
        // Ignored stays ignored.
        QCOMPARE(api(QStringLiteral("/api/0/issues/%1/").arg(issueId), "PUT", R"({"status":"ignored"})").status, 200);
        const QString later = newId();
        QCOMPARE(postEnvelope(envelope(later, errorEvent(later, "four"))).status, 200);
        QCOMPARE(api(QStringLiteral("/api/0/issues/%1/").arg(issueId)).json()["status"].toString(), QStringLiteral("ignored"));

        const QJsonArray events = api(QStringLiteral("/api/0/issues/%1/events/").arg(issueId)).array();
        QCOMPARE(events.size(), 4);
        QCOMPARE(events[0]["eventID"].toString(), later);
        QCOMPARE(api(QStringLiteral("/api/0/issues/%1/events/oldest/").arg(issueId)).json()["message"].toString(), QString());
        QCOMPARE(api(QStringLiteral("/api/0/issues/%1/events/%2/").arg(issueId, again)).json()["eventID"].toString(), again);
        QCOMPARE(api(QStringLiteral("/api/0/issues/%1/events/%2/").arg(issueId, newId())).status, 404);
        QCOMPARE(api("/api/0/projects/").array().size(), 1);
    }

    // Sentry's bulk mutate: PUT .../issues/?id=1&id=2 {"status": ...}, or every issue of the
    // project (optionally those in one status) without ids.
    void restApiBulkStatus()
    {
        QStringList ids;
        for (const char *function : {"alpha", "beta", "gamma"}) {
            const QString id = newId();
            QCOMPARE(postEnvelope(envelope(id, errorEvent(id, "bulk", QString::fromLatin1(function)))).status, 200);
        }
        for (const QJsonValue &issue : api("/api/0/projects/homeport/default/issues/").array())
            ids << issue["id"].toString();
        QCOMPARE(ids.size(), 3);
        const QString path = QStringLiteral("/api/0/projects/homeport/default/issues/");
        const auto statusOf = [&](const QString &id) {
            return api(QStringLiteral("/api/0/issues/%1/").arg(id)).json()["status"].toString();
        };

        const Reply two = api(path + QStringLiteral("?id=%1&id=%2").arg(ids[0], ids[1]), "PUT", R"({"status":"resolved"})");
        QCOMPARE(two.status, 200);
        QCOMPARE(two.json()["status"].toString(), QStringLiteral("resolved"));
        QCOMPARE(statusOf(ids[0]), QStringLiteral("resolved"));
        QCOMPARE(statusOf(ids[1]), QStringLiteral("resolved"));
        QCOMPARE(statusOf(ids[2]), QStringLiteral("unresolved"));

        // An id outside the project: nothing changes, and it still succeeds.
        QCOMPARE(api(path + QStringLiteral("?id=%1&id=99999").arg(ids[2]), "PUT", R"({"status":"ignored"})").status, 204);
        QCOMPARE(statusOf(ids[2]), QStringLiteral("unresolved"));

        // Without ids, limited by ?status=: only the resolved ones are reopened ...
        QCOMPARE(api(path + QStringLiteral("?status=resolved"), "PUT", R"({"status":"unresolved"})").status, 200);
        QCOMPARE(statusOf(ids[0]), QStringLiteral("unresolved"));
        // ... and without anything, every issue of the project changes (Sentry's "muted" is ignored).
        QCOMPARE(api(path, "PUT", R"({"status":"muted"})").status, 200);
        for (const QString &id : ids)
            QCOMPARE(statusOf(id), QStringLiteral("ignored"));

        QCOMPARE(api(path + QStringLiteral("?id=1"), "PUT", R"({"status":"bogus"})").status, 400);
        QCOMPARE(api(path + QStringLiteral("?id=x"), "PUT", R"({"status":"resolved"})").status, 400);
        QCOMPARE(api("/api/0/projects/homeport/missing/issues/", "PUT", R"({"status":"resolved"})").status, 404);
        QCOMPARE(request("PUT", path, R"({"status":"resolved"})").status, 401);
    }

    void alertsOnNewIssueAndRegression()
    {
        // A webhook receiver on the same engine, in this thread.
        http::HttpServer hook;
        QList<QJsonObject> received;
        int failuresLeft = 1; // the first delivery fails with 503 and is retried
        hook.route("POST", "/hook", [&](const http::Request &r, http::Responder &res) {
            if (failuresLeft-- > 0)
                return res.send(503, "text/plain", "busy");
            received << QJsonDocument::fromJson(r.body()).object();
            res.send(200, "text/plain", "ok");
        });
        QVERIFY(hook.listen(QHostAddress::LocalHost, 0));
        ProjectInfo project = m_monitor->snapshot().projects.first();
        project.alertWebhooks = {QStringLiteral("http://127.0.0.1:%1/hook").arg(hook.serverPort())};
        emit m_monitor->saveProjectRequested(project);
        QTRY_COMPARE(m_monitor->snapshot().projects.first().alertWebhooks.size(), 1);

        const QString a = newId();
        QCOMPARE(postEnvelope(envelope(a, errorEvent(a, "alert"))).status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(received.size(), 1, 5000);
        QCOMPARE(received[0]["event"].toString(), QStringLiteral("issue.created"));
        QCOMPARE(received[0]["issue"].toObject()["title"].toString(), QStringLiteral("Error: alert"));
        // Same issue again: no alert.
        const QString b = newId();
        QCOMPARE(postEnvelope(envelope(b, errorEvent(b, "alert"))).status, 200);
        const qint64 issueId = received[0]["issue"].toObject()["id"].toString().toLongLong();
        emit m_monitor->issueStatusRequested(issueId, IssueStatus::Resolved);
        QTRY_COMPARE(api(QStringLiteral("/api/0/issues/%1/").arg(issueId)).json()["status"].toString(), QStringLiteral("resolved"));

        // Slack format for the regression.
        project.slackFormat = true;
        emit m_monitor->saveProjectRequested(project);
        QTRY_VERIFY(m_monitor->snapshot().projects.first().slackFormat);
        const QString c = newId();
        QCOMPARE(postEnvelope(envelope(c, errorEvent(c, "alert"))).status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(received.size(), 2, 5000);
        QVERIFY(received[1]["text"].toString().startsWith("Regression in default"));
        QCOMPARE(received[1]["blocks"].toArray().size(), 1);
    }

    void monitorContract()
    {
        QSignalSpy changed(m_monitor.get(), &ErrorsMonitor::issuesChanged);
        QSignalSpy issuesReady(m_monitor.get(), &ErrorsMonitor::issuesReady);
        QSignalSpy issueReady(m_monitor.get(), &ErrorsMonitor::issueReady);
        QCOMPARE(m_monitor->snapshot().projects.size(), 1);
        QCOMPARE(m_monitor->snapshot().projects.first().keys, QStringList{kKey});
        QVERIFY(m_monitor->snapshot().dsnHost.startsWith("127.0.0.1:"));

        for (int i = 0; i < 5; ++i) {
            const QString id = newId();
            QCOMPARE(postEnvelope(envelope(id, errorEvent(id, "m", QStringLiteral("f%1").arg(i % 2)))).status, 200);
        }
        QTRY_VERIFY(changed.size() >= 1);
        QTRY_COMPARE(m_monitor->snapshot().issues, 2);
        QCOMPARE(m_monitor->snapshot().eventsAccepted, quint64(5));

        IssueQuery query;
        query.sortBy = QStringLiteral("count");
        emit m_monitor->issuesRequested(7, query);
        QTRY_COMPARE(issuesReady.size(), 1);
        QCOMPARE(issuesReady[0][0].toULongLong(), quint64(7));
        const auto issues = issuesReady[0][1].value<QList<IssueSummary>>();
        QCOMPARE(issues.size(), 2);
        QCOMPARE(issues[0].count, 3);
        QCOMPARE(issues[0].last24Hours[23], 3);

        emit m_monitor->issueRequested(8, issues[0].id, QString());
        QTRY_COMPARE(issueReady.size(), 1);
        const auto detail = issueReady[0][1].value<IssueDetail>();
        QCOMPARE(issueReady[0][0].toULongLong(), quint64(8));
        QCOMPARE(detail.summary.id, issues[0].id);
        QVERIFY(!detail.event.isEmpty());
        QVERIFY(!detail.previousEventId.isEmpty());
        emit m_monitor->issueRequested(9, 424242, QString());
        QTRY_COMPARE(issueReady.size(), 2);
        QCOMPARE(issueReady[1][1].value<IssueDetail>().summary.id, 0);

        // New project with a generated key, then deleted.
        ProjectInfo created;
        created.name = QStringLiteral("Mobile");
        emit m_monitor->saveProjectRequested(created);
        QTRY_COMPARE(m_monitor->snapshot().projects.size(), 2);
        const ProjectInfo mobile = m_monitor->snapshot().projects.last();
        QCOMPARE(mobile.id, 2);
        QCOMPARE(mobile.keys.size(), 1);
        QCOMPARE(mobile.keys.first().size(), 32);
        emit m_monitor->deleteProjectRequested(2);
        QTRY_COMPARE(m_monitor->snapshot().projects.size(), 1);
    }

    // Many senders at once (QNetworkAccessManager keeps six connections to the host): every
    // event is answered with its id, duplicates among them are stored once, and when the
    // senders stop, the last commit does not wait for them forever.
    void concurrentSendersShareCommits()
    {
        constexpr int kEvents = 60;
        QList<QString> ids;
        QList<QNetworkReply *> replies;
        for (int i = 0; i < kEvents; ++i) {
            ids << (i % 10 == 9 ? ids.at(i - 1) : newId()); // every tenth repeats the one before
            const QByteArray body = envelope(ids.last(), errorEvent(ids.last(), QStringLiteral("burst %1").arg(i % 3)));
            QNetworkRequest req(QUrl(QStringLiteral("http://127.0.0.1:%1/api/1/envelope/?sentry_key=%2").arg(m_port).arg(kKey)));
            replies << m_network.post(req, body);
        }
        int finished = 0;
        for (QNetworkReply *reply : replies)
            connect(reply, &QNetworkReply::finished, this, [&finished] { ++finished; });
        QTRY_COMPARE_WITH_TIMEOUT(finished, kEvents, 20000);
        for (int i = 0; i < kEvents; ++i) {
            QCOMPARE(replies[i]->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
            QCOMPARE(QJsonDocument::fromJson(replies[i]->readAll()).object().value("id").toString(), ids[i]);
            replies[i]->deleteLater();
        }
        QCOMPARE(totalEvents(), kEvents - kEvents / 10);
        // A lone sender afterwards is answered as before.
        const QString id = newId();
        QCOMPARE(postEnvelope(envelope(id, errorEvent(id, "after the burst"))).status, 200);
        QCOMPARE(totalEvents(), kEvents - kEvents / 10 + 1);
    }

    void acknowledgedEventsSurviveRestart()
    {
        const QString id = newId();
        QCOMPARE(postEnvelope(envelope(id, errorEvent(id, "persist"))).status, 200);
        cleanup();
        m_keepData = true;
        init();
        m_keepData = false;
        QCOMPARE(totalEvents(), 1);
    }
};

QTEST_GUILESS_MAIN(TestErrorsService)
#include "tst_errors_service.moc"
