// The channels service over real sockets: protocol 7 frames, close codes, bad input, auth,
// presence, client events, cache channels, signin/watchlists, the REST API and webhooks.
#include "channels_test_client.h"

#include "channels/app_store.h"
#include "channels/channels_monitor.h"
#include "channels/channels_service.h"
#include "channels/pusher_signatures.h"
#include "core/atomic_file.h"
#include "core/metrics.h"
#include "core/service.h"
#include "http/http_server.h"

#include <QDateTime>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <memory>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace homeport;
using namespace homeport::channels;

namespace {
const QString kKey = QStringLiteral("appkey");
const QString kSecret = QStringLiteral("appsecret");
const QString kLimitedKey = QStringLiteral("limitedkey");
const QString kHookKey = QStringLiteral("hookkey");

struct HttpResult
{
    int status = 0;
    QJsonObject body;
};

// A WebSocket client on a raw, non-blocking POSIX socket with a tiny receive buffer, for a client
// that stops reading: QWebSocket always reads. The service runs in the test's thread, so every
// wait spins the event loop.
class RawWebSocketClient
{
public:
    ~RawWebSocketClient()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    bool connectTo(quint16 port, const QString &key)
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
        const int small = 4096; // before connect, so the advertised window stays small
        ::setsockopt(m_fd, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::connect(m_fd, reinterpret_cast<sockaddr *>(&address), sizeof address);
        QTest::qWait(50);
        const QByteArray request = "GET /app/" + key.toUtf8() + "?protocol=7&client=raw&version=1 HTTP/1.1\r\n"
                                   "Host: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                   "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
        if (::send(m_fd, request.constData(), size_t(request.size()), MSG_NOSIGNAL) != request.size())
            return false;
        QElapsedTimer timer;
        timer.start();
        while (!m_buffer.contains("\r\n\r\n") && timer.elapsed() < 5000)
            readSome();
        const qsizetype end = m_buffer.indexOf("\r\n\r\n");
        if (end < 0 || !m_buffer.startsWith("HTTP/1.1 101"))
            return false;
        m_buffer.remove(0, end + 4);
        return true;
    }
    // A masked text frame, as clients must send.
    void sendText(const QByteArray &payload)
    {
        QByteArray frame;
        frame.append(char(0x81));
        Q_ASSERT(payload.size() < 126);
        frame.append(char(0x80 | payload.size()));
        const char mask[4] = {1, 2, 3, 4};
        frame.append(mask, 4);
        for (qsizetype i = 0; i < payload.size(); ++i)
            frame.append(char(payload.at(i) ^ mask[i % 4]));
        ::send(m_fd, frame.constData(), size_t(frame.size()), MSG_NOSIGNAL);
    }
    // Reads frames until a close frame or end of stream (or timeoutMs); counts text frames by
    // whether they contain `marker`, and returns the close code (-1: none came).
    int readUntilClosed(const QByteArray &marker, int *markedTexts, int timeoutMs)
    {
        QElapsedTimer timer;
        timer.start();
        *markedTexts = 0;
        for (;;) {
            for (;;) {
                const Frame frame = takeFrame();
                if (!frame.complete)
                    break;
                if (frame.opcode == 0x8)
                    return frame.payload.size() >= 2 ? (quint8(frame.payload[0]) << 8) | quint8(frame.payload[1]) : 1005;
                if (frame.opcode == 0x1 && frame.payload.contains(marker))
                    ++*markedTexts;
            }
            if (m_ended || timer.elapsed() > timeoutMs)
                return -1;
            readSome();
        }
    }
    // The first text frame containing `text` (frames before it are dropped); empty after timeoutMs.
    QByteArray waitForText(const QByteArray &text, int timeoutMs = 5000)
    {
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < timeoutMs && !m_ended) {
            const Frame frame = takeFrame();
            if (frame.complete && frame.payload.contains(text))
                return frame.payload;
            if (!frame.complete)
                readSome();
        }
        return {};
    }
    bool ended() const { return m_ended; }

private:
    struct Frame
    {
        bool complete = false;
        int opcode = 0;
        QByteArray payload;
    };
    Frame takeFrame()
    {
        if (m_buffer.size() < 2)
            return {};
        const int opcode = m_buffer[0] & 0x0F;
        quint64 length = quint8(m_buffer[1]) & 0x7F;
        qsizetype header = 2;
        if (length == 126) {
            if (m_buffer.size() < 4)
                return {};
            length = (quint8(m_buffer[2]) << 8) | quint8(m_buffer[3]);
            header = 4;
        } else if (length == 127) {
            if (m_buffer.size() < 10)
                return {};
            length = 0;
            for (int i = 2; i < 10; ++i)
                length = (length << 8) | quint8(m_buffer[i]);
            header = 10;
        }
        if (quint64(m_buffer.size() - header) < length)
            return {};
        Frame frame{true, opcode, m_buffer.mid(header, qsizetype(length))};
        m_buffer.remove(0, header + qsizetype(length));
        return frame;
    }
    void readSome()
    {
        char chunk[65536];
        const ssize_t n = ::recv(m_fd, chunk, sizeof chunk, MSG_DONTWAIT);
        if (n > 0)
            m_buffer.append(chunk, n);
        else if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR))
            m_ended = true;
        if (n <= 0)
            QTest::qWait(2);
    }

    int m_fd = -1;
    QByteArray m_buffer;
    bool m_ended = false;
};
} // namespace

class TestChannelsProtocol : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();

    void connectionEstablished();
    void closeCodes_data();
    void closeCodes();
    void overQuota();
    void pingPong();
    void inactivityClosesWith4201();
    void badInputKeepsEveryoneServed();
    void oversizedFrameCloses1009();
    void slowClientClosedWith4100();
    void privateAuth();
    void presenceOncePerUser();
    void presenceLimitsAndData();
    void clientEventRules();
    void clientEventRateLimit();
    void cacheChannels();
    void subscriptionCount();
    void signinAndWatchlist();
    void restSignatureChecks();
    void restTriggerAndQueries();
    void terminateConnections();
    void webhooks();
    void monitorSnapshotAndRequests();

private:
    static QString auth(const QString &socketId, const QString &channel, const QString &channelData = {})
    {
        return kKey + QLatin1Char(':') + QString::fromLatin1(channelAuthSignature(kSecret, socketId, channel, channelData));
    }
    HttpResult rest(const QByteArray &method, const QString &path, const QByteArray &body = {},
                    const QList<QPair<QString, QString>> &extra = {}, const QString &key = kKey, const QString &secret = kSecret,
                    qint64 timestamp = 0);
    HttpResult rawRequest(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body = {});
    HttpResult trigger(const QJsonObject &event) { return rest("POST", QStringLiteral("/apps/1/events"), json(event)); }
    static QByteArray json(const QJsonObject &object) { return QJsonDocument(object).toJson(QJsonDocument::Compact); }
    std::unique_ptr<PusherTestClient> client(const QString &key = kKey)
    {
        auto c = std::make_unique<PusherTestClient>();
        if (!c->connectTo(m_port, key))
            return nullptr;
        return c;
    }

    QTemporaryDir m_dir;
    core::Metrics m_metrics;
    ChannelsMonitor m_monitor;
    std::unique_ptr<ChannelsService> m_service;
    quint16 m_port = 0;
    QNetworkAccessManager m_network;
    // The webhook receiver: a real HTTP server of ours on another port.
    std::unique_ptr<http::HttpServer> m_hookServer;
    struct Hook
    {
        QByteArray body;
        QByteArray contentType;
        QByteArray key;
        QByteArray signature;
    };
    QList<Hook> m_hooks;
};

void TestChannelsProtocol::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_hookServer = std::make_unique<http::HttpServer>();
    m_hookServer->route("POST", QStringLiteral("/hook"), [this](const http::Request &request, http::Responder &res) {
        m_hooks.append({request.body(), request.header("Content-Type"), request.header("X-Pusher-Key"),
                        request.header("X-Pusher-Signature")});
        res.send(200, "application/json", "{}");
    });
    QVERIFY(m_hookServer->listen(QHostAddress::LocalHost, 0));

    // Apps: 1 (default), 2 (one connection, no client events), 3 (disabled), 4 (webhooks).
    AppInfo limited;
    limited.id = QStringLiteral("2");
    limited.key = kLimitedKey;
    limited.secret = QStringLiteral("limitedsecret");
    limited.limits.maxConnections = 1;
    limited.limits.clientEvents = false;
    AppInfo disabled;
    disabled.id = QStringLiteral("3");
    disabled.key = QStringLiteral("disabledkey");
    disabled.secret = QStringLiteral("disabledsecret");
    disabled.enabled = false;
    AppInfo hooked;
    hooked.id = QStringLiteral("4");
    hooked.key = kHookKey;
    hooked.secret = QStringLiteral("hooksecret");
    hooked.webhookUrl = QStringLiteral("http://127.0.0.1:%1/hook").arg(m_hookServer->serverPort());
    hooked.webhookEvents = {QStringLiteral("channel_occupied"), QStringLiteral("channel_vacated"), QStringLiteral("member_added"),
                            QStringLiteral("member_removed"), QStringLiteral("client_event"), QStringLiteral("cache_miss")};
    QJsonArray apps{AppStore::toJson(limited), AppStore::toJson(disabled), AppStore::toJson(hooked)};
    QCOMPARE(core::writeFileAtomically(m_dir.filePath(QStringLiteral("apps.json")),
                                       QJsonDocument(QJsonObject{{QStringLiteral("apps"), apps}}).toJson()),
             QString());

    core::ServiceContext context;
    context.name = QStringLiteral("channels");
    context.dataDir = m_dir.path();
    context.bindAddress = QHostAddress::LocalHost;
    context.port = 0;
    context.settings = {{QStringLiteral("activity_timeout"), 1},
                        {QStringLiteral("pong_timeout"), 1},
                        {QStringLiteral("apps"), QStringLiteral("1:%1:%2:Default").arg(kKey, kSecret)}};
    context.metrics = &m_metrics;
    m_service = std::make_unique<ChannelsService>(&m_monitor);
    const core::StartResult started = m_service->start(context);
    QVERIFY2(started.ok, qPrintable(started.error));
    m_port = started.port;
}

void TestChannelsProtocol::cleanupTestCase()
{
    // Stopping closes open sockets with 4200 (reconnect) so clients come back to the next start.
    PusherTestClient survivor;
    QVERIFY(survivor.connectTo(m_port, kKey));
    m_service->stop();
    QCOMPARE(survivor.waitClosed(), 4200);
    m_service.reset();
}

HttpResult TestChannelsProtocol::rawRequest(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body)
{
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(pathAndQuery)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    QNetworkReply *reply = m_network.sendCustomRequest(request, method, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(5000);
    HttpResult result{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                      QJsonDocument::fromJson(reply->readAll()).object()};
    reply->deleteLater();
    return result;
}

HttpResult TestChannelsProtocol::rest(const QByteArray &method, const QString &path, const QByteArray &body,
                                      const QList<QPair<QString, QString>> &extra, const QString &key, const QString &secret,
                                      qint64 timestamp)
{
    const QByteArray query = signedRestQuery(key, secret, method, path, body,
                                             timestamp ? timestamp : QDateTime::currentSecsSinceEpoch(), extra);
    return rawRequest(method, path + QLatin1Char('?') + QString::fromLatin1(query), body);
}

void TestChannelsProtocol::connectionEstablished()
{
    PusherTestClient c;
    c.open(m_port, QStringLiteral("/app/%1?protocol=7").arg(kKey));
    const QJsonObject established = c.waitFor(QStringLiteral("pusher:connection_established"));
    QVERIFY(established.value(QStringLiteral("data")).isString()); // a JSON string, as the protocol says
    const QJsonObject data = PusherTestClient::data(established);
    QVERIFY(QRegularExpression(QStringLiteral("^\\d+\\.\\d+$")).match(data.value(QStringLiteral("socket_id")).toString()).hasMatch());
    QCOMPARE(data.value(QStringLiteral("activity_timeout")).toInt(), 1); // configured; non-zero
}

void TestChannelsProtocol::closeCodes_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("code");
    QTest::newRow("unknown app") << QStringLiteral("/app/nope?protocol=7") << 4001;
    QTest::newRow("disabled app") << QStringLiteral("/app/disabledkey?protocol=7") << 4003;
    QTest::newRow("wrong path") << QStringLiteral("/socket/appkey?protocol=7") << 4005;
    QTest::newRow("bad version") << QStringLiteral("/app/appkey?protocol=seven") << 4006;
    QTest::newRow("unsupported version") << QStringLiteral("/app/appkey?protocol=4") << 4007;
    QTest::newRow("no version") << QStringLiteral("/app/appkey") << 4008;
}

void TestChannelsProtocol::closeCodes()
{
    QFETCH(QString, path);
    QFETCH(int, code);
    PusherTestClient c;
    c.open(m_port, path);
    const QJsonObject error = c.waitFor(QStringLiteral("pusher:error"));
    QCOMPARE(PusherTestClient::data(error).value(QStringLiteral("code")).toInt(), code);
    QCOMPARE(c.waitClosed(), code);
}

void TestChannelsProtocol::overQuota()
{
    auto first = client(kLimitedKey);
    QVERIFY(first);
    PusherTestClient second;
    second.open(m_port, QStringLiteral("/app/%1?protocol=7").arg(kLimitedKey));
    QCOMPARE(second.waitClosed(), 4004);
    // The first one is still served.
    first->send({{QStringLiteral("event"), QStringLiteral("pusher:ping")}, {QStringLiteral("data"), QJsonObject{}}});
    QVERIFY(!first->waitFor(QStringLiteral("pusher:pong")).isEmpty());
}

void TestChannelsProtocol::pingPong()
{
    auto c = client();
    QVERIFY(c);
    c->send({{QStringLiteral("event"), QStringLiteral("pusher:ping")}, {QStringLiteral("data"), QStringLiteral("{}")}});
    QVERIFY(!c->waitFor(QStringLiteral("pusher:pong")).isEmpty());
}

void TestChannelsProtocol::inactivityClosesWith4201()
{
    PusherTestClient silent(false);
    QVERIFY(silent.connectTo(m_port, kKey));
    QVERIFY(!silent.waitFor(QStringLiteral("pusher:ping"), {}, 4000).isEmpty());
    QCOMPARE(silent.waitClosed(4000), 4201);

    // A client that answers stays.
    auto polite = client();
    QVERIFY(polite);
    QTest::qWait(3000);
    QVERIFY(!polite->closed);
}

void TestChannelsProtocol::badInputKeepsEveryoneServed()
{
    auto bystander = client();
    QVERIFY(bystander);
    bystander->subscribe(QStringLiteral("news"));
    QVERIFY(!bystander->waitFor(QStringLiteral("pusher_internal:subscription_succeeded"), QStringLiteral("news")).isEmpty());

    auto bad = client();
    QVERIFY(bad);
    const auto expectError = [&](const QString &text) {
        bad->socket.sendTextMessage(text);
        const QJsonObject error = bad->waitFor(QStringLiteral("pusher:error"));
        QVERIFY2(!error.isEmpty(), qPrintable(text));
        QVERIFY(!PusherTestClient::data(error).value(QStringLiteral("message")).toString().isEmpty());
    };
    expectError(QStringLiteral("{not json"));
    expectError(QStringLiteral("[1,2]"));
    expectError(QStringLiteral(R"({"event":"pusher:nonsense","data":{}})"));
    expectError(QStringLiteral(R"({"event":"nothing-known","data":{}})"));
    expectError(QStringLiteral(R"({"event":"pusher:subscribe","data":{}})"));
    expectError(QStringLiteral(R"({"event":"pusher:unsubscribe","data":{"channel":"never"}})"));
    bad->subscribe(QStringLiteral("news"));
    QVERIFY(!bad->waitFor(QStringLiteral("pusher_internal:subscription_succeeded"), QStringLiteral("news")).isEmpty());
    expectError(QStringLiteral(R"({"event":"pusher:subscribe","data":{"channel":"news"}})")); // twice
    bad->subscribe(QStringLiteral("bad channel!"));
    const QJsonObject invalid = bad->waitFor(QStringLiteral("pusher:subscription_error"), QStringLiteral("bad channel!"));
    QCOMPARE(PusherTestClient::data(invalid).value(QStringLiteral("status")).toInt(), 400);
    bad->subscribe(QString(165, QLatin1Char('x')));
    QVERIFY(!bad->waitFor(QStringLiteral("pusher:subscription_error")).isEmpty());

    // Both still get a published event; bad is still connected.
    QCOMPARE(trigger({{QStringLiteral("name"), QStringLiteral("hello")}, {QStringLiteral("channel"), QStringLiteral("news")},
                      {QStringLiteral("data"), QStringLiteral("{}")}})
                 .status,
             200);
    QVERIFY(!bystander->waitFor(QStringLiteral("hello"), QStringLiteral("news")).isEmpty());
    QVERIFY(!bad->waitFor(QStringLiteral("hello"), QStringLiteral("news")).isEmpty());
    QVERIFY(!bad->closed);
}

void TestChannelsProtocol::oversizedFrameCloses1009()
{
    auto bystander = client();
    QVERIFY(bystander);
    auto big = client();
    QVERIFY(big);
    // Over the app's 10 KB event limit but within the frame limit: an error, no close.
    big->subscribe(QStringLiteral("private-big"), auth(big->socketId, QStringLiteral("private-big")));
    QVERIFY(!big->waitFor(QStringLiteral("pusher_internal:subscription_succeeded")).isEmpty());
    big->send({{QStringLiteral("event"), QStringLiteral("client-big")},
               {QStringLiteral("channel"), QStringLiteral("private-big")},
               {QStringLiteral("data"), QString(12 * 1024, QLatin1Char('a'))}});
    QVERIFY(!big->waitFor(QStringLiteral("pusher:error")).isEmpty());
    QVERIFY(!big->closed);
    // Far over the frame limit: QWebSocket refuses it with 1009 (message too big).
    big->socket.sendTextMessage(QString(200 * 1024, QLatin1Char('x')));
    QCOMPARE(big->waitClosed(), 1009);
    bystander->send({{QStringLiteral("event"), QStringLiteral("pusher:ping")}, {QStringLiteral("data"), QJsonObject{}}});
    QVERIFY(!bystander->waitFor(QStringLiteral("pusher:pong")).isEmpty());
}

void TestChannelsProtocol::slowClientClosedWith4100()
{
    auto bystander = client();
    QVERIFY(bystander);
    bystander->subscribe(QStringLiteral("firehose"));
    QVERIFY(!bystander->waitFor(QStringLiteral("pusher_internal:subscription_succeeded")).isEmpty());
    RawWebSocketClient slow;
    QVERIFY(slow.connectTo(m_port, kKey));
    const QByteArray established = slow.waitForText("pusher:connection_established");
    const QString slowId = PusherTestClient::data(QJsonDocument::fromJson(established).object()).value(QStringLiteral("socket_id")).toString();
    QVERIFY(!slowId.isEmpty());
    slow.sendText(R"({"event":"pusher:subscribe","data":{"channel":"firehose"}})");
    QVERIFY(!slow.waitForText("pusher_internal:subscription_succeeded").isEmpty());

    // The slow client stops reading while 100 KB batches go out until the server gives up on it:
    // more than the kernel buffers and the server's per-connection bound
    // (Connection::kMaxBufferedBytes) hold. The server closes it with 4100 (over capacity:
    // reconnect after a back-off) and aborts it when it does not take even the close frame.
    const auto closedTooSlow = [&] {
        const auto events = m_monitor.recentDebugEvents();
        return std::any_of(events.cbegin(), events.cend(), [&](const DebugEvent &e) {
            return e.kind == DebugEvent::Kind::Disconnection && e.socketId == slowId && e.details.startsWith(QLatin1String("4100"));
        });
    };
    const QString data(10 * 1024 - 64, QLatin1Char('x'));
    QJsonArray batch;
    for (int i = 0; i < 10; ++i)
        batch.append(QJsonObject{{QStringLiteral("name"), QStringLiteral("flood")}, {QStringLiteral("channel"), QStringLiteral("firehose")},
                                 {QStringLiteral("data"), data}});
    int published = 0;
    for (int i = 0; i < 300 && !closedTooSlow(); ++i) {
        // Still talking (so the 1 s activity timeout does not close it with 4201), never reading.
        slow.sendText(R"({"event":"pusher:ping","data":{}})");
        QCOMPARE(rest("POST", QStringLiteral("/apps/1/batch_events"), json({{QStringLiteral("batch"), batch}})).status, 200);
        published += 10;
    }
    QTRY_VERIFY_WITH_TIMEOUT(closedTooSlow(), 10000);

    // Reading again, the slow client gets part of the events, then the close frame (if it came
    // within the grace period) or the end of the stream.
    int slowGot = 0;
    const int code = slow.readUntilClosed("\"flood\"", &slowGot, 10000);
    QVERIFY2(code == 4100 || (code == -1 && slow.ended()), qPrintable(QString::number(code)));
    QVERIFY2(slowGot < published, qPrintable(QStringLiteral("%1 of %2").arg(slowGot).arg(published)));
    // The reader got every event and is still connected.
    int bystanderGot = 0;
    QElapsedTimer timer;
    timer.start();
    while (bystanderGot < published && timer.elapsed() < 20000)
        bystanderGot += bystander->waitFor(QStringLiteral("flood"), {}, 1000).isEmpty() ? 0 : 1;
    QCOMPARE(bystanderGot, published);
    QVERIFY(!bystander->closed);
    QCOMPARE(rest("GET", QStringLiteral("/apps/1/channels/firehose"), {}, {{QStringLiteral("info"), QStringLiteral("subscription_count")}})
                 .body.value(QStringLiteral("subscription_count")).toInt(),
             1);
}

void TestChannelsProtocol::privateAuth()
{
    auto c = client();
    QVERIFY(c);
    c->subscribe(QStringLiteral("private-a"), auth(c->socketId, QStringLiteral("private-a")));
    QVERIFY(!c->waitFor(QStringLiteral("pusher_internal:subscription_succeeded"), QStringLiteral("private-a")).isEmpty());

    // The SDKs sign channel_data on private channels too when it is passed.
    const QString data = QStringLiteral(R"({"user_id":"7"})");
    c->subscribe(QStringLiteral("private-b"), auth(c->socketId, QStringLiteral("private-b"), data), data);
    QVERIFY(!c->waitFor(QStringLiteral("pusher_internal:subscription_succeeded"), QStringLiteral("private-b")).isEmpty());

    const auto expectAuthError = [&](const QString &channel, const QString &authValue) {
        c->subscribe(channel, authValue);
        const QJsonObject error = c->waitFor(QStringLiteral("pusher:subscription_error"), channel);
        QCOMPARE(PusherTestClient::data(error).value(QStringLiteral("type")).toString(), QStringLiteral("AuthError"));
        QCOMPARE(PusherTestClient::data(error).value(QStringLiteral("status")).toInt(), 401);
    };
    expectAuthError(QStringLiteral("private-c"), QString());
    expectAuthError(QStringLiteral("private-c"), auth(QStringLiteral("1.1"), QStringLiteral("private-c")));
    expectAuthError(QStringLiteral("private-c"), QStringLiteral("otherkey:") + auth(c->socketId, QStringLiteral("private-c")).mid(7));
    expectAuthError(QStringLiteral("private-encrypted-c"), auth(c->socketId, QStringLiteral("private-c")));
    c->subscribe(QStringLiteral("private-encrypted-c"), auth(c->socketId, QStringLiteral("private-encrypted-c")));
    QVERIFY(!c->waitFor(QStringLiteral("pusher_internal:subscription_succeeded"), QStringLiteral("private-encrypted-c")).isEmpty());
    // Not signed in: the server-to-user channel is refused.
    c->subscribe(QStringLiteral("#server-to-user-1"));
    QCOMPARE(PusherTestClient::data(c->waitFor(QStringLiteral("pusher:subscription_error"))).value(QStringLiteral("status")).toInt(), 403);
}

void TestChannelsProtocol::presenceOncePerUser()
{
    const QString channel = QStringLiteral("presence-room");
    const QString alice = QStringLiteral(R"({"user_id":"alice","user_info":{"name":"Alice"}})");
    const QString bob = QStringLiteral(R"({"user_id":42})");
    auto watcher = client();
    QVERIFY(watcher);
    watcher->subscribe(channel, auth(watcher->socketId, channel, bob), bob);
    const QJsonObject first = watcher->waitFor(QStringLiteral("pusher_internal:subscription_succeeded"), channel);
    QCOMPARE(PusherTestClient::data(first).value(QStringLiteral("presence")).toObject().value(QStringLiteral("count")).toInt(), 1);

    auto tab1 = client();
    auto tab2 = client();
    QVERIFY(tab1 && tab2);
    tab1->subscribe(channel, auth(tab1->socketId, channel, alice), alice);
    tab2->subscribe(channel, auth(tab2->socketId, channel, alice), alice);
    const QJsonObject succeeded = tab2->waitFor(QStringLiteral("pusher_internal:subscription_succeeded"), channel);
    const QJsonObject presence = PusherTestClient::data(succeeded).value(QStringLiteral("presence")).toObject();
    QCOMPARE(presence.value(QStringLiteral("count")).toInt(), 2);
    QCOMPARE(presence.value(QStringLiteral("hash")).toObject().value(QStringLiteral("alice")).toObject().value(QStringLiteral("name")).toString(),
             QStringLiteral("Alice"));
    QVERIFY(presence.value(QStringLiteral("hash")).toObject().contains(QStringLiteral("42")));

    const QJsonObject added = watcher->waitFor(QStringLiteral("pusher_internal:member_added"), channel);
    QCOMPARE(PusherTestClient::data(added).value(QStringLiteral("user_id")).toString(), QStringLiteral("alice"));
    QCOMPARE(PusherTestClient::data(added).value(QStringLiteral("user_info")).toObject().value(QStringLiteral("name")).toString(),
             QStringLiteral("Alice"));
    QVERIFY(watcher->waitFor(QStringLiteral("pusher_internal:member_added"), channel, 300).isEmpty()); // once, not twice

    // REST sees one user.
    const HttpResult users = rest("GET", QStringLiteral("/apps/1/channels/presence-room/users"));
    QCOMPARE(users.status, 200);
    QCOMPARE(users.body.value(QStringLiteral("users")).toArray().size(), 2);

    tab1->socket.close();
    QVERIFY(watcher->waitFor(QStringLiteral("pusher_internal:member_removed"), channel, 500).isEmpty());
    tab2->send({{QStringLiteral("event"), QStringLiteral("pusher:unsubscribe")}, {QStringLiteral("data"), QJsonObject{{QStringLiteral("channel"), channel}}}});
    const QJsonObject removed = watcher->waitFor(QStringLiteral("pusher_internal:member_removed"), channel);
    QCOMPARE(PusherTestClient::data(removed).value(QStringLiteral("user_id")).toString(), QStringLiteral("alice"));
}

void TestChannelsProtocol::presenceLimitsAndData()
{
    auto c = client();
    QVERIFY(c);
    const QString channel = QStringLiteral("presence-limits");
    // No channel_data: the signature of the bare channel does not make it valid presence data.
    c->subscribe(channel, auth(c->socketId, channel));
    QCOMPARE(PusherTestClient::data(c->waitFor(QStringLiteral("pusher:subscription_error"), channel)).value(QStringLiteral("status")).toInt(), 400);
    const QString bigInfo = QStringLiteral(R"({"user_id":"x","user_info":{"bio":"%1"}})").arg(QString(1100, QLatin1Char('b')));
    c->subscribe(channel, auth(c->socketId, channel, bigInfo), bigInfo);
    QVERIFY(!c->waitFor(QStringLiteral("pusher:subscription_error"), channel).isEmpty());
    const QString longId = QStringLiteral(R"({"user_id":"%1"})").arg(QString(129, QLatin1Char('u')));
    c->subscribe(channel, auth(c->socketId, channel, longId), longId);
    QVERIFY(!c->waitFor(QStringLiteral("pusher:subscription_error"), channel).isEmpty());
}

void TestChannelsProtocol::clientEventRules()
{
    auto a = client();
    auto b = client();
    QVERIFY(a && b);
    const QString priv = QStringLiteral("private-chat");
    a->subscribe(priv, auth(a->socketId, priv));
    b->subscribe(priv, auth(b->socketId, priv));
    QVERIFY(!a->waitFor(QStringLiteral("pusher_internal:subscription_succeeded"), priv).isEmpty());
    QVERIFY(!b->waitFor(QStringLiteral("pusher_internal:subscription_succeeded"), priv).isEmpty());

    a->send({{QStringLiteral("event"), QStringLiteral("client-typing")}, {QStringLiteral("channel"), priv},
             {QStringLiteral("data"), QJsonObject{{QStringLiteral("who"), QStringLiteral("a")}}}});
    const QJsonObject got = b->waitFor(QStringLiteral("client-typing"), priv);
    QCOMPARE(got.value(QStringLiteral("data")).toObject().value(QStringLiteral("who")).toString(), QStringLiteral("a"));
    QVERIFY(!got.contains(QStringLiteral("user_id")));
    QVERIFY(a->waitFor(QStringLiteral("client-typing"), priv, 300).isEmpty()); // not echoed

    // Public channel, unsubscribed channel: refused with pusher:error.
    a->subscribe(QStringLiteral("public-x"));
    QVERIFY(!a->waitFor(QStringLiteral("pusher_internal:subscription_succeeded")).isEmpty());
    a->send({{QStringLiteral("event"), QStringLiteral("client-x")}, {QStringLiteral("channel"), QStringLiteral("public-x")}, {QStringLiteral("data"), QJsonObject{}}});
    QVERIFY(!a->waitFor(QStringLiteral("pusher:error")).isEmpty());
    a->send({{QStringLiteral("event"), QStringLiteral("client-x")}, {QStringLiteral("channel"), QStringLiteral("private-other")}, {QStringLiteral("data"), QJsonObject{}}});
    QVERIFY(!a->waitFor(QStringLiteral("pusher:error")).isEmpty());

    // Presence: user_id added.
    const QString pres = QStringLiteral("presence-chat");
    const QString ua = QStringLiteral(R"({"user_id":"ua"})");
    const QString ub = QStringLiteral(R"({"user_id":"ub"})");
    a->subscribe(pres, auth(a->socketId, pres, ua), ua);
    b->subscribe(pres, auth(b->socketId, pres, ub), ub);
    QVERIFY(!b->waitFor(QStringLiteral("pusher_internal:subscription_succeeded"), pres).isEmpty());
    a->send({{QStringLiteral("event"), QStringLiteral("client-hi")}, {QStringLiteral("channel"), pres}, {QStringLiteral("data"), QStringLiteral("text")}});
    const QJsonObject hi = b->waitFor(QStringLiteral("client-hi"), pres);
    QCOMPARE(hi.value(QStringLiteral("user_id")).toString(), QStringLiteral("ua"));
    QCOMPARE(hi.value(QStringLiteral("data")).toString(), QStringLiteral("text"));

    // An app without client events.
    auto limited = client(kLimitedKey);
    QVERIFY(limited);
    const QString lp = QStringLiteral("private-l");
    limited->subscribe(lp, QStringLiteral("%1:%2").arg(kLimitedKey, QString::fromLatin1(channelAuthSignature(QStringLiteral("limitedsecret"), limited->socketId, lp))));
    QVERIFY(!limited->waitFor(QStringLiteral("pusher_internal:subscription_succeeded"), lp).isEmpty());
    limited->send({{QStringLiteral("event"), QStringLiteral("client-no")}, {QStringLiteral("channel"), lp}, {QStringLiteral("data"), QJsonObject{}}});
    QVERIFY(PusherTestClient::data(limited->waitFor(QStringLiteral("pusher:error"))).value(QStringLiteral("message")).toString().contains(QStringLiteral("not enabled")));
}

void TestChannelsProtocol::clientEventRateLimit()
{
    auto a = client();
    QVERIFY(a);
    const QString priv = QStringLiteral("private-rate");
    a->subscribe(priv, auth(a->socketId, priv));
    QVERIFY(!a->waitFor(QStringLiteral("pusher_internal:subscription_succeeded"), priv).isEmpty());
    for (int i = 0; i < 12; ++i)
        a->send({{QStringLiteral("event"), QStringLiteral("client-spam")}, {QStringLiteral("channel"), priv}, {QStringLiteral("data"), i}});
    QCOMPARE(a->waitClosed(), 4301);
}

void TestChannelsProtocol::cacheChannels()
{
    auto a = client();
    QVERIFY(a);
    a->subscribe(QStringLiteral("cache-news"));
    QVERIFY(!a->waitFor(QStringLiteral("pusher_internal:subscription_succeeded"), QStringLiteral("cache-news")).isEmpty());
    QVERIFY(!a->waitFor(QStringLiteral("pusher:cache_miss"), QStringLiteral("cache-news")).isEmpty());

    QCOMPARE(trigger({{QStringLiteral("name"), QStringLiteral("headline")}, {QStringLiteral("channel"), QStringLiteral("cache-news")},
                      {QStringLiteral("data"), QStringLiteral("v1")}}).status, 200);
    QCOMPARE(trigger({{QStringLiteral("name"), QStringLiteral("headline")}, {QStringLiteral("channel"), QStringLiteral("cache-news")},
                      {QStringLiteral("data"), QStringLiteral("v2")}}).status, 200);
    auto late = client();
    QVERIFY(late);
    late->subscribe(QStringLiteral("cache-news"));
    const QJsonObject replay = late->waitFor(QStringLiteral("headline"), QStringLiteral("cache-news"));
    QCOMPARE(replay.value(QStringLiteral("data")).toString(), QStringLiteral("v2"));
    QVERIFY(!late->has(QStringLiteral("pusher:cache_miss")));

    const HttpResult info = rest("GET", QStringLiteral("/apps/1/channels/cache-news"), {}, {{QStringLiteral("info"), QStringLiteral("cache,subscription_count")}});
    QCOMPARE(info.status, 200);
    QCOMPARE(info.body.value(QStringLiteral("cache")).toObject().value(QStringLiteral("data")).toString(), QStringLiteral("v2"));
    QCOMPARE(info.body.value(QStringLiteral("subscription_count")).toInt(), 2);
    QCOMPARE(rest("GET", QStringLiteral("/apps/1/channels/news"), {}, {{QStringLiteral("info"), QStringLiteral("cache")}}).status, 400);
}

void TestChannelsProtocol::subscriptionCount()
{
    auto a = client();
    auto b = client();
    QVERIFY(a && b);
    a->subscribe(QStringLiteral("counted"));
    QCOMPARE(PusherTestClient::data(a->waitFor(QStringLiteral("pusher_internal:subscription_count"), QStringLiteral("counted")))
                 .value(QStringLiteral("subscription_count")).toInt(), 1);
    b->subscribe(QStringLiteral("counted"));
    QCOMPARE(PusherTestClient::data(a->waitFor(QStringLiteral("pusher_internal:subscription_count"), QStringLiteral("counted")))
                 .value(QStringLiteral("subscription_count")).toInt(), 2);
    b->socket.close();
    QCOMPARE(PusherTestClient::data(a->waitFor(QStringLiteral("pusher_internal:subscription_count"), QStringLiteral("counted")))
                 .value(QStringLiteral("subscription_count")).toInt(), 1);
}

void TestChannelsProtocol::signinAndWatchlist()
{
    const auto signin = [](PusherTestClient &c, const QString &userData) {
        c.send({{QStringLiteral("event"), QStringLiteral("pusher:signin")},
                {QStringLiteral("data"), QJsonObject{{QStringLiteral("user_data"), userData},
                                                     {QStringLiteral("auth"), kKey + QLatin1Char(':') + QString::fromLatin1(userAuthSignature(kSecret, c.socketId, userData))}}}});
    };
    auto watcher = client();
    QVERIFY(watcher);
    signin(*watcher, QStringLiteral(R"({"id":"w","watchlist":["friend","other"]})"));
    QVERIFY(!watcher->waitFor(QStringLiteral("pusher:signin_success")).isEmpty());
    const QJsonObject initial = watcher->waitFor(QStringLiteral("pusher_internal:watchlist_events"));
    QCOMPARE(PusherTestClient::data(initial).value(QStringLiteral("events")).toArray().first().toObject().value(QStringLiteral("name")).toString(),
             QStringLiteral("offline"));

    auto friend1 = client();
    auto friend2 = client();
    QVERIFY(friend1 && friend2);
    signin(*friend1, QStringLiteral(R"({"id":"friend"})"));
    QVERIFY(!friend1->waitFor(QStringLiteral("pusher:signin_success")).isEmpty());
    const QJsonObject online = watcher->waitFor(QStringLiteral("pusher_internal:watchlist_events"));
    const QJsonObject event = PusherTestClient::data(online).value(QStringLiteral("events")).toArray().first().toObject();
    QCOMPARE(event.value(QStringLiteral("name")).toString(), QStringLiteral("online"));
    QCOMPARE(event.value(QStringLiteral("user_ids")).toArray().first().toString(), QStringLiteral("friend"));
    signin(*friend2, QStringLiteral(R"({"id":"friend"})"));
    QVERIFY(!friend2->waitFor(QStringLiteral("pusher:signin_success")).isEmpty());
    QVERIFY(watcher->waitFor(QStringLiteral("pusher_internal:watchlist_events"), {}, 300).isEmpty()); // already online

    // The signed-in user's own channel; sendToUser triggers it.
    friend1->subscribe(QStringLiteral("#server-to-user-friend"), QString());
    QVERIFY(!friend1->waitFor(QStringLiteral("pusher_internal:subscription_succeeded"), QStringLiteral("#server-to-user-friend")).isEmpty());
    watcher->subscribe(QStringLiteral("#server-to-user-friend"), QString());
    QCOMPARE(PusherTestClient::data(watcher->waitFor(QStringLiteral("pusher:subscription_error"))).value(QStringLiteral("status")).toInt(), 403);
    QCOMPARE(trigger({{QStringLiteral("name"), QStringLiteral("note")}, {QStringLiteral("channel"), QStringLiteral("#server-to-user-friend")},
                      {QStringLiteral("data"), QStringLiteral("hi")}}).status, 200);
    QVERIFY(!friend1->waitFor(QStringLiteral("note")).isEmpty());

    // Another id on a signed-in socket: refused, the socket stays.
    signin(*friend1, QStringLiteral(R"({"id":"someone-else"})"));
    QVERIFY(!friend1->waitFor(QStringLiteral("pusher:error")).isEmpty());
    QVERIFY(!friend1->closed);

    friend1->socket.close();
    QVERIFY(watcher->waitFor(QStringLiteral("pusher_internal:watchlist_events"), {}, 300).isEmpty()); // friend2 still online
    friend2->socket.close();
    const QJsonObject offline = watcher->waitFor(QStringLiteral("pusher_internal:watchlist_events"));
    QCOMPARE(PusherTestClient::data(offline).value(QStringLiteral("events")).toArray().first().toObject().value(QStringLiteral("name")).toString(),
             QStringLiteral("offline"));

    // Watchlists over 100 ids: the first 100 are kept, with a 4302 error.
    auto many = client();
    QVERIFY(many);
    QJsonArray ids;
    for (int i = 0; i < 101; ++i)
        ids.append(QString::number(i));
    signin(*many, QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("id"), QStringLiteral("many")}, {QStringLiteral("watchlist"), ids}}).toJson(QJsonDocument::Compact)));
    QVERIFY(!many->waitFor(QStringLiteral("pusher:signin_success")).isEmpty());
    QCOMPARE(PusherTestClient::data(many->waitFor(QStringLiteral("pusher:error"))).value(QStringLiteral("code")).toInt(), 4302);

    // A bad signature closes with 4009.
    auto forger = client();
    QVERIFY(forger);
    forger->send({{QStringLiteral("event"), QStringLiteral("pusher:signin")},
                  {QStringLiteral("data"), QJsonObject{{QStringLiteral("user_data"), QStringLiteral(R"({"id":"x"})")},
                                                       {QStringLiteral("auth"), kKey + QStringLiteral(":00")}}}});
    QCOMPARE(forger->waitClosed(), 4009);
}

void TestChannelsProtocol::restSignatureChecks()
{
    const QByteArray body = json({{QStringLiteral("name"), QStringLiteral("e")}, {QStringLiteral("channel"), QStringLiteral("x")}, {QStringLiteral("data"), QStringLiteral("d")}});
    QCOMPARE(rest("POST", QStringLiteral("/apps/1/events"), body).status, 200);
    QCOMPARE(rest("POST", QStringLiteral("/apps/1/events"), body, {}, kKey, QStringLiteral("wrong")).status, 401);
    QCOMPARE(rest("POST", QStringLiteral("/apps/1/events"), body, {}, kKey, kSecret, QDateTime::currentSecsSinceEpoch() - 700).status, 401);
    QCOMPARE(rest("POST", QStringLiteral("/apps/1/events"), body, {}, kLimitedKey, QStringLiteral("limitedsecret")).status, 401); // other app's key
    QCOMPARE(rest("POST", QStringLiteral("/apps/99/events"), body).status, 404);
    QCOMPARE(rest("POST", QStringLiteral("/apps/3/events"), body, {}, QStringLiteral("disabledkey"), QStringLiteral("disabledsecret")).status, 403);
    QCOMPARE(rawRequest("POST", QStringLiteral("/apps/1/events"), body).status, 401);
    // body_md5 must match the body that came.
    const QByteArray query = signedRestQuery(kKey, kSecret, "POST", QStringLiteral("/apps/1/events"), body, QDateTime::currentSecsSinceEpoch());
    QCOMPARE(rawRequest("POST", QStringLiteral("/apps/1/events?") + QString::fromLatin1(query), body + " ").status, 401);
    const HttpResult error = rest("POST", QStringLiteral("/apps/1/events"), body, {}, kKey, QStringLiteral("wrong"));
    QVERIFY(!error.body.value(QStringLiteral("error")).toString().isEmpty());
}

void TestChannelsProtocol::restTriggerAndQueries()
{
    auto a = client();
    auto b = client();
    QVERIFY(a && b);
    for (auto *c : {a.get(), b.get()}) {
        c->subscribe(QStringLiteral("rest-x"));
        QVERIFY(!c->waitFor(QStringLiteral("pusher_internal:subscription_succeeded")).isEmpty());
    }
    const HttpResult triggered = trigger({{QStringLiteral("name"), QStringLiteral("evt")},
                                          {QStringLiteral("channels"), QJsonArray{QStringLiteral("rest-x"), QStringLiteral("rest-y")}},
                                          {QStringLiteral("data"), QStringLiteral("payload")},
                                          {QStringLiteral("socket_id"), a->socketId},
                                          {QStringLiteral("info"), QStringLiteral("subscription_count")}});
    QCOMPARE(triggered.status, 200);
    QCOMPARE(triggered.body.value(QStringLiteral("channels")).toObject().value(QStringLiteral("rest-x")).toObject().value(QStringLiteral("subscription_count")).toInt(), 2);
    QCOMPARE(b->waitFor(QStringLiteral("evt"), QStringLiteral("rest-x")).value(QStringLiteral("data")).toString(), QStringLiteral("payload"));
    QVERIFY(a->waitFor(QStringLiteral("evt"), {}, 300).isEmpty()); // excluded

    // Limits: 100 channels, 10 KB data, 10 per batch, user_count only on presence.
    QJsonArray channels;
    for (int i = 0; i < 101; ++i)
        channels.append(QStringLiteral("c%1").arg(i));
    QCOMPARE(trigger({{QStringLiteral("name"), QStringLiteral("e")}, {QStringLiteral("channels"), channels}, {QStringLiteral("data"), QStringLiteral("d")}}).status, 400);
    QCOMPARE(trigger({{QStringLiteral("name"), QStringLiteral("e")}, {QStringLiteral("channel"), QStringLiteral("c")}, {QStringLiteral("data"), QString(10 * 1024 + 1, QLatin1Char('d'))}}).status, 413);
    QCOMPARE(trigger({{QStringLiteral("name"), QStringLiteral("e")}, {QStringLiteral("channel"), QStringLiteral("c")}, {QStringLiteral("data"), QStringLiteral("d")}, {QStringLiteral("info"), QStringLiteral("user_count")}}).status, 400);
    QCOMPARE(trigger({{QStringLiteral("name"), QStringLiteral("e")}, {QStringLiteral("channel"), QStringLiteral("bad name")}, {QStringLiteral("data"), QStringLiteral("d")}}).status, 400);
    QCOMPARE(trigger({{QStringLiteral("channel"), QStringLiteral("c")}, {QStringLiteral("data"), QStringLiteral("d")}}).status, 400);
    QCOMPARE(trigger({{QStringLiteral("name"), QStringLiteral("e")}, {QStringLiteral("channel"), QStringLiteral("c")}, {QStringLiteral("data"), QStringLiteral("d")}, {QStringLiteral("socket_id"), QStringLiteral("abc")}}).status, 400);

    QJsonArray batch;
    for (int i = 0; i < 2; ++i)
        batch.append(QJsonObject{{QStringLiteral("name"), QStringLiteral("b%1").arg(i)}, {QStringLiteral("channel"), QStringLiteral("rest-x")}, {QStringLiteral("data"), QStringLiteral("d")}});
    QCOMPARE(rest("POST", QStringLiteral("/apps/1/batch_events"), json({{QStringLiteral("batch"), batch}})).status, 200);
    QVERIFY(!a->waitFor(QStringLiteral("b0")).isEmpty());
    QVERIFY(!a->waitFor(QStringLiteral("b1")).isEmpty());
    for (int i = 2; i < 11; ++i)
        batch.append(batch.first());
    QCOMPARE(rest("POST", QStringLiteral("/apps/1/batch_events"), json({{QStringLiteral("batch"), batch}})).status, 400);

    const HttpResult list = rest("GET", QStringLiteral("/apps/1/channels"), {}, {{QStringLiteral("filter_by_prefix"), QStringLiteral("rest-")}});
    QCOMPARE(list.status, 200);
    QCOMPARE(list.body.value(QStringLiteral("channels")).toObject().keys(), QStringList{QStringLiteral("rest-x")});
    QCOMPARE(rest("GET", QStringLiteral("/apps/1/channels"), {}, {{QStringLiteral("info"), QStringLiteral("user_count")}}).status, 400);
    QCOMPARE(rest("GET", QStringLiteral("/apps/1/channels"), {}, {{QStringLiteral("filter_by_prefix"), QStringLiteral("presence-")}, {QStringLiteral("info"), QStringLiteral("user_count")}}).status, 200);
    const HttpResult one = rest("GET", QStringLiteral("/apps/1/channels/rest-x"), {}, {{QStringLiteral("info"), QStringLiteral("subscription_count")}});
    QCOMPARE(one.body.value(QStringLiteral("occupied")).toBool(), true);
    QCOMPARE(one.body.value(QStringLiteral("subscription_count")).toInt(), 2);
    QCOMPARE(rest("GET", QStringLiteral("/apps/1/channels/rest-nobody")).body.value(QStringLiteral("occupied")).toBool(), false);
    QCOMPARE(rest("GET", QStringLiteral("/apps/1/channels/rest-x"), {}, {{QStringLiteral("info"), QStringLiteral("user_count")}}).status, 400);
    QCOMPARE(rest("GET", QStringLiteral("/apps/1/channels/rest-x/users")).status, 400);
}

void TestChannelsProtocol::terminateConnections()
{
    auto victim = client();
    auto other = client();
    QVERIFY(victim && other);
    const QString userData = QStringLiteral(R"({"id":"victim"})");
    victim->send({{QStringLiteral("event"), QStringLiteral("pusher:signin")},
                  {QStringLiteral("data"), QJsonObject{{QStringLiteral("user_data"), userData},
                                                       {QStringLiteral("auth"), kKey + QLatin1Char(':') + QString::fromLatin1(userAuthSignature(kSecret, victim->socketId, userData))}}}});
    QVERIFY(!victim->waitFor(QStringLiteral("pusher:signin_success")).isEmpty());
    QCOMPARE(rest("POST", QStringLiteral("/apps/1/users/victim/terminate_connections"), "{}").status, 200);
    QCOMPARE(victim->waitClosed(), 4009);
    QVERIFY(!other->closed);
}

void TestChannelsProtocol::webhooks()
{
    m_hooks.clear();
    auto a = client(kHookKey);
    auto b = client(kHookKey);
    QVERIFY(a && b);
    const QString channel = QStringLiteral("presence-hooks");
    const QString data = QStringLiteral(R"({"user_id":"u1"})");
    const auto sign = [&](const QString &socketId) {
        return kHookKey + QLatin1Char(':') + QString::fromLatin1(channelAuthSignature(QStringLiteral("hooksecret"), socketId, channel, data));
    };
    a->subscribe(channel, sign(a->socketId), data);
    QVERIFY(!a->waitFor(QStringLiteral("pusher_internal:subscription_succeeded")).isEmpty());
    b->subscribe(channel, sign(b->socketId), data);
    QVERIFY(!b->waitFor(QStringLiteral("pusher_internal:subscription_succeeded")).isEmpty());
    a->send({{QStringLiteral("event"), QStringLiteral("client-x")}, {QStringLiteral("channel"), channel}, {QStringLiteral("data"), QJsonObject{{QStringLiteral("k"), 1}}}});
    QTRY_VERIFY_WITH_TIMEOUT(!m_hooks.isEmpty(), 3000);
    QTest::qWait(200);

    QStringList names;
    for (const Hook &hook : std::as_const(m_hooks)) {
        QCOMPARE(hook.contentType, QByteArray("application/json"));
        QCOMPARE(hook.key, kHookKey.toUtf8());
        QCOMPARE(hook.signature, hmacSha256Hex("hooksecret", hook.body));
        const QJsonObject payload = QJsonDocument::fromJson(hook.body).object();
        QVERIFY(payload.value(QStringLiteral("time_ms")).toDouble() > 0);
        for (const QJsonValue &event : payload.value(QStringLiteral("events")).toArray()) {
            names.append(event.toObject().value(QStringLiteral("name")).toString());
            if (names.last() == QLatin1String("client_event")) {
                QCOMPARE(event.toObject().value(QStringLiteral("user_id")).toString(), QStringLiteral("u1"));
                QCOMPARE(event.toObject().value(QStringLiteral("data")).toString(), QStringLiteral(R"({"k":1})"));
                QCOMPARE(event.toObject().value(QStringLiteral("socket_id")).toString(), a->socketId);
            }
        }
    }
    // Batched: occupied, member_added and client_event within the window, once each.
    QCOMPARE(names, (QStringList{QStringLiteral("channel_occupied"), QStringLiteral("member_added"), QStringLiteral("client_event")}));

    // A quick leave and rejoin sends nothing; a real leave sends removed + vacated after the delay.
    m_hooks.clear();
    a->socket.close();
    b->socket.close();
    QTRY_VERIFY(a->closed && b->closed);
    auto c = client(kHookKey);
    QVERIFY(c);
    c->subscribe(channel, sign(c->socketId), data);
    QVERIFY(!c->waitFor(QStringLiteral("pusher_internal:subscription_succeeded")).isEmpty());
    QTest::qWait(500);
    QVERIFY2(m_hooks.isEmpty(), m_hooks.isEmpty() ? "" : m_hooks.first().body.constData());
    c->socket.close();
    QTRY_VERIFY_WITH_TIMEOUT(!m_hooks.isEmpty(), 6000);
    QTest::qWait(200);
    names.clear();
    for (const Hook &hook : std::as_const(m_hooks))
        for (const QJsonValue &event : QJsonDocument::fromJson(hook.body).object().value(QStringLiteral("events")).toArray())
            names.append(event.toObject().value(QStringLiteral("name")).toString());
    QCOMPARE(names, (QStringList{QStringLiteral("member_removed"), QStringLiteral("channel_vacated")}));
    QTRY_VERIFY(!m_monitor.recentDeliveries().isEmpty());
    QCOMPARE(m_monitor.recentDeliveries().last().status, 200);
}

void TestChannelsProtocol::monitorSnapshotAndRequests()
{
    auto a = client();
    QVERIFY(a);
    a->subscribe(QStringLiteral("monitored"));
    QVERIFY(!a->waitFor(QStringLiteral("pusher_internal:subscription_succeeded")).isEmpty());
    QTRY_VERIFY(std::any_of(m_monitor.snapshot().channels.cbegin(), m_monitor.snapshot().channels.cend(),
                            [](const ChannelInfo &c) { return c.name == QLatin1String("monitored") && c.subscriptions == 1; }));
    QVERIFY(m_monitor.snapshot().connectionsByApp.value(QStringLiteral("1")) >= 1);
    QVERIFY(m_monitor.snapshot().messagesSent > 0);

    // The dashboard's test event reaches the socket.
    emit m_monitor.triggerRequested(QStringLiteral("1"), QStringLiteral("monitored"), QStringLiteral("from-dashboard"), QStringLiteral("{}"));
    QVERIFY(!a->waitFor(QStringLiteral("from-dashboard")).isEmpty());

    // A new app from the dashboard accepts connections; deleting it closes them with 4001.
    AppInfo fresh;
    fresh.name = QStringLiteral("Fresh");
    emit m_monitor.saveAppRequested(fresh);
    QString freshKey, freshId;
    QTRY_VERIFY([&] {
        for (const AppInfo &app : m_monitor.snapshot().apps)
            if (app.name == QLatin1String("Fresh")) {
                freshKey = app.key;
                freshId = app.id;
                return true;
            }
        return false;
    }());
    auto f = client(freshKey);
    QVERIFY(f);
    emit m_monitor.deleteAppRequested(freshId);
    QCOMPARE(f->waitClosed(), 4001);

    QVERIFY(m_metrics.counter(QStringLiteral("homeport_channels_messages_sent_total")) > 0);
    QVERIFY(m_metrics.seriesNames().contains(QStringLiteral("channels.connections")));
    const auto events = m_monitor.recentDebugEvents();
    QVERIFY(std::any_of(events.cbegin(), events.cend(), [](const DebugEvent &e) { return e.kind == DebugEvent::Kind::ClientEvent; }));
    QVERIFY(std::any_of(events.cbegin(), events.cend(), [](const DebugEvent &e) { return e.kind == DebugEvent::Kind::ApiMessage; }));
}

QTEST_GUILESS_MAIN(TestChannelsProtocol)
#include "tst_channels_protocol.moc"
