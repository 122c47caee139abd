// homeport-bench-errors: load generator for the errors service, and a trivial baseline server.
//
//   homeport-bench-errors --port P --key K --token T [--events 60000] [--connections 16] [--issues 100]
//     pre-builds that many distinct 2 KB events (unique event_ids, spread over --issues throw
//     sites), gzips each into a single-event envelope, sends them over --connections keep-alive
//     connections (one request in flight per connection), prints events/s and p50/p90/p99/max
//     latency, then polls GET /api/0/organizations/homeport/issues/ until the issue counts add up
//     to the events acknowledged, and prints how long that took and how many events were found.
//     With --token "" (baseline) the read-back is skipped.
//   homeport-bench-errors --baseline-server
//     the HTTP engine alone: POST /api/{id}/envelope/ gunzips the body (same limits) and answers
//     {"id":...} without parsing or storing; prints "port N".
// Thread affinity: everything runs in the main thread.

#include "http/http_server.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>
#include <QUuid>

#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace {

constexpr int kEventBytes = 2048;

QByteArray gzip(const QByteArray &data)
{
    z_stream z{};
    deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
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

// A realistic Node error event of about kEventBytes: stack trace with context lines (in-app
// frames differ per issue), breadcrumbs, tags, user, contexts, sdk.
QByteArray eventJson(const QString &eventId, int issue, int n)
{
    QJsonArray frames;
    for (int f = 0; f < 4; ++f)
        frames.append(QJsonObject{{"filename", QStringLiteral("node:internal/process/task_queues")}, {"function", QStringLiteral("processTicksAndRejections")},
                                  {"lineno", 95 + f}, {"colno", 5}, {"in_app", false}});
    frames.append(QJsonObject{{"filename", QStringLiteral("/srv/app/routes/orders.js")}, {"function", QStringLiteral("handleOrder")},
                              {"lineno", 40}, {"colno", 11}, {"in_app", true}, {"context_line", QStringLiteral("    const total = await priceOrder(order);")}});
    frames.append(QJsonObject{{"filename", QStringLiteral("/srv/app/lib/pricing_%1.js").arg(issue)}, {"function", QStringLiteral("priceOrder%1").arg(issue)},
                              {"lineno", 12 + issue}, {"colno", 9}, {"in_app", true},
                              {"context_line", QStringLiteral("    throw new PricingError(`no price for ${sku} (rule %1)`);").arg(issue)},
                              {"pre_context", QJsonArray{"function priceOrder(order) {", "  for (const sku of order.skus) {"}},
                              {"post_context", QJsonArray{"  }", "}"}}});
    QJsonArray crumbs;
    for (int b = 0; b < 4; ++b)
        crumbs.append(QJsonObject{{"timestamp", 1700000000.0 + b}, {"category", "http"}, {"type", "http"}, {"level", "info"},
                                  {"data", QJsonObject{{"method", "GET"}, {"url", QStringLiteral("http://inventory.internal/sku/%1").arg(b)}, {"status_code", 200}}}});
    QJsonObject event{
        {"event_id", eventId},
        {"timestamp", double(QDateTime::currentMSecsSinceEpoch()) / 1000.0},
        {"platform", "node"},
        {"level", "error"},
        {"environment", "production"},
        {"release", "shop@2.4.1"},
        {"server_name", "web-3"},
        {"transaction", "POST /orders"},
        {"exception", QJsonObject{{"values", QJsonArray{QJsonObject{
                          {"type", "PricingError"},
                          {"value", QStringLiteral("no price for sku-%1 (rule %2)").arg(n).arg(issue)},
                          {"mechanism", QJsonObject{{"type", "onunhandledrejection"}, {"handled", false}}},
                          {"stacktrace", QJsonObject{{"frames", frames}}}}}}}},
        {"breadcrumbs", QJsonObject{{"values", crumbs}}},
        {"tags", QJsonObject{{"region", n % 2 ? "eu-west-1" : "us-east-1"}, {"tenant", QStringLiteral("t%1").arg(n % 7)}}},
        {"user", QJsonObject{{"id", QStringLiteral("user-%1").arg(n % 1000)}, {"ip_address", "10.1.2.3"}}},
        {"contexts", QJsonObject{{"runtime", QJsonObject{{"name", "node"}, {"version", "v20.11.1"}}},
                                 {"os", QJsonObject{{"name", "Linux"}, {"version", "6.1.0"}}}}},
        {"sdk", QJsonObject{{"name", "sentry.javascript.node"}, {"version", "10.78.0"}}},
    };
    QByteArray json = QJsonDocument(event).toJson(QJsonDocument::Compact);
    const int pad = kEventBytes - int(json.size()) - 20;
    if (pad > 0) {
        // Random (poorly compressible) padding, so the gzip ratio stays realistic.
        QByteArray filler(pad, 'a');
        for (char &c : filler)
            c = char('a' + QRandomGenerator::global()->bounded(26));
        event.insert(QStringLiteral("extra"), QJsonObject{{"cart", QString::fromLatin1(filler)}});
        json = QJsonDocument(event).toJson(QJsonDocument::Compact);
    }
    return json;
}

QByteArray envelopeRequest(const QString &path, int issue, int n, const QString &key)
{
    const QString eventId = QUuid::createUuid().toString(QUuid::Id128);
    const QByteArray json = eventJson(eventId, issue, n);
    const QByteArray envelope = "{\"event_id\":\"" + eventId.toLatin1() + "\",\"sent_at\":\"2026-01-01T00:00:00Z\"}\n"
                                + "{\"type\":\"event\",\"length\":" + QByteArray::number(json.size()) + "}\n" + json + "\n";
    const QByteArray body = gzip(envelope);
    return "POST " + path.toLatin1() + "?sentry_key=" + key.toLatin1()
           + "&sentry_version=7&sentry_client=bench%2F1 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
             "Content-Type: application/x-sentry-envelope\r\nContent-Encoding: gzip\r\nContent-Length: "
           + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

struct Sender {
    QTcpSocket *socket = nullptr;
    QByteArray buffer;
    qint64 sentAtNs = 0;
    bool busy = false;
};

int runBaselineServer()
{
    QLoggingCategory::setFilterRules(QStringLiteral("homeport.http.access.debug=false"));
    auto *server = new homeport::http::HttpServer;
    server->route("POST", QStringLiteral("/api/{project_id}/envelope/"), [](const homeport::http::Request &r, homeport::http::Responder &res) {
        // Only what any endpoint must do: answer once the (decoded) body is in.
        res.send(200, "application/json", "{\"id\":\"" + QByteArray::number(r.body().size()) + "\"}");
    }).body(homeport::http::BodyPolicy::memory(20 << 20).decoded(100 << 20));
    QString error;
    if (!server->listen(QHostAddress::LocalHost, 0, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    std::printf("port %u\n", server->serverPort());
    std::fflush(stdout);
    return QCoreApplication::exec();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("baseline-server"), QStringLiteral("Serve the no-op baseline endpoint.")},
        {QStringLiteral("port"), QStringLiteral("Errors service port on 127.0.0.1."), QStringLiteral("port")},
        {QStringLiteral("project"), QStringLiteral("Project id."), QStringLiteral("id"), QStringLiteral("1")},
        {QStringLiteral("key"), QStringLiteral("DSN public key."), QStringLiteral("key"), QStringLiteral("bench")},
        {QStringLiteral("token"), QStringLiteral("REST API bearer token (empty: no read-back)."), QStringLiteral("token")},
        {QStringLiteral("events"), QStringLiteral("Events to send."), QStringLiteral("n"), QStringLiteral("60000")},
        {QStringLiteral("connections"), QStringLiteral("Concurrent senders."), QStringLiteral("n"), QStringLiteral("16")},
        {QStringLiteral("issues"), QStringLiteral("Distinct throw sites."), QStringLiteral("n"), QStringLiteral("100")},
    });
    parser.process(app);
    if (parser.isSet(QStringLiteral("baseline-server")))
        return runBaselineServer();

    const quint16 port = quint16(parser.value(QStringLiteral("port")).toUInt());
    const int total = parser.value(QStringLiteral("events")).toInt();
    const int connections = qMax(1, parser.value(QStringLiteral("connections")).toInt());
    const int issues = qMax(1, parser.value(QStringLiteral("issues")).toInt());
    const QString key = parser.value(QStringLiteral("key"));
    const QString token = parser.value(QStringLiteral("token"));
    const QString path = QStringLiteral("/api/%1/envelope/").arg(parser.value(QStringLiteral("project")));

    std::fprintf(stderr, "building %d gzip envelopes of ~%d bytes...\n", total, kEventBytes);
    std::vector<QByteArray> requests;
    requests.reserve(size_t(total));
    qint64 wireBytes = 0;
    for (int i = 0; i < total; ++i) {
        requests.push_back(envelopeRequest(path, i % issues, i, key));
        wireBytes += requests.back().size();
    }

    std::vector<Sender> senders(static_cast<size_t>(connections));
    std::vector<qint64> latenciesNs;
    latenciesNs.reserve(size_t(total));
    int next = 0, done = 0, ok = 0, failed = 0;
    QElapsedTimer clock;
    QEventLoop loop;
    // The run stops by itself: when every event is answered, or after a generous deadline.
    QTimer::singleShot(300'000, &loop, [&] {
        std::fprintf(stderr, "deadline reached with %d of %d answered\n", done, total);
        loop.quit();
    });

    const auto sendNext = [&](Sender &s) {
        if (next >= total) {
            s.busy = false;
            return;
        }
        s.busy = true;
        s.sentAtNs = clock.nsecsElapsed();
        s.socket->write(requests[size_t(next++)]);
    };
    for (Sender &s : senders) {
        s.socket = new QTcpSocket(&app);
        s.socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        QObject::connect(s.socket, &QTcpSocket::readyRead, [&, sp = &s] {
            Sender &me = *sp;
            me.buffer += me.socket->readAll();
            for (;;) {
                const qsizetype headEnd = me.buffer.indexOf("\r\n\r\n");
                if (headEnd < 0)
                    return;
                const QByteArray head = me.buffer.left(headEnd).toLower();
                const qsizetype cl = head.indexOf("content-length:");
                const qsizetype length = cl < 0 ? 0 : head.mid(cl + 15, head.indexOf('\r', cl) < 0 ? -1 : head.indexOf('\r', cl) - cl - 15).trimmed().toLongLong();
                if (me.buffer.size() < headEnd + 4 + length)
                    return;
                const int status = head.mid(9, 3).toInt();
                me.buffer.remove(0, headEnd + 4 + length);
                latenciesNs.push_back(clock.nsecsElapsed() - me.sentAtNs);
                ++done;
                (status == 200 ? ok : failed)++;
                if (status != 200 && failed <= 5)
                    std::fprintf(stderr, "status %d\n", status);
                if (done == total) {
                    loop.quit();
                    return;
                }
                sendNext(me);
            }
        });
        QObject::connect(s.socket, &QTcpSocket::disconnected, [&] {
            if (done < total) {
                std::fprintf(stderr, "a connection closed early\n");
                loop.quit();
            }
        });
        s.socket->connectToHost(QHostAddress::LocalHost, port);
        if (!s.socket->waitForConnected(5000)) {
            std::fprintf(stderr, "cannot connect to port %u\n", port);
            return 1;
        }
    }
    clock.start();
    for (Sender &s : senders)
        sendNext(s);
    loop.exec();
    const double seconds = double(clock.nsecsElapsed()) / 1e9;

    std::sort(latenciesNs.begin(), latenciesNs.end());
    const auto percentile = [&](double p) {
        if (latenciesNs.empty())
            return 0.0;
        const size_t index = std::min(latenciesNs.size() - 1, size_t(p * double(latenciesNs.size())));
        return double(latenciesNs[index]) / 1e6;
    };
    std::printf("events_sent %d\nevents_ok %d\nevents_failed %d\nseconds %.3f\nevents_per_second %.0f\n"
                "wire_mib %.1f\np50_ms %.3f\np90_ms %.3f\np99_ms %.3f\nmax_ms %.3f\n",
                done, ok, failed, seconds, double(done) / seconds, double(wireBytes) / (1 << 20), percentile(0.50),
                percentile(0.90), percentile(0.99), latenciesNs.empty() ? 0.0 : double(latenciesNs.back()) / 1e6);
    std::fflush(stdout);
    if (token.isEmpty())
        return failed == 0 && done == total ? 0 : 1;

    // Count the events back: the issue counts the REST API (and the dashboard) show.
    QNetworkAccessManager network;
    QElapsedTimer readBack;
    readBack.start();
    qint64 counted = 0, issueCount = 0;
    while (readBack.elapsed() < 30'000) {
        QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/api/0/organizations/homeport/issues/?query=&limit=1000").arg(port)));
        request.setRawHeader("Authorization", "Bearer " + token.toLatin1());
        QNetworkReply *reply = network.get(request);
        QEventLoop wait;
        QObject::connect(reply, &QNetworkReply::finished, &wait, &QEventLoop::quit);
        wait.exec();
        counted = 0;
        const QJsonArray list = QJsonDocument::fromJson(reply->readAll()).array();
        issueCount = list.size();
        for (const QJsonValue &issue : list)
            counted += issue[QLatin1String("count")].toString().toLongLong();
        reply->deleteLater();
        if (counted >= ok)
            break;
        QThread::msleep(10);
    }
    std::printf("issues %lld\nevents_counted %lld\ncounts_current_after_ms %lld\nlost %lld\n", issueCount, counted,
                readBack.elapsed(), qint64(ok) - counted);
    return failed == 0 && done == total && counted == ok ? 0 : 1;
}
