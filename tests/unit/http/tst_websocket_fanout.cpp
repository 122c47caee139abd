// Pre-framed WebSocket fan-out (http/websocket_fanout.h): frames built once by
// encodeServerTextFrame and written with sendPreframed reach a real QWebSocket client intact and in
// order with QWebSocket's own frames, also when the client stops reading and the kernel buffer fills.
#include "http/http_server.h"
#include "http/websocket_fanout.h"
#include "http_test_client.h"

#include <QPointer>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QWebSocket>

using namespace homeport::http;
using namespace homeport::http::test;

class TestWebSocketFanout : public QObject
{
    Q_OBJECT
private slots:
    void encodesLengths_data();
    void encodesLengths();
    void interleavesWithQWebSocket();
    void queuesWhatTheKernelDoesNotTake();

private:
    struct Upgraded
    {
        QPointer<QWebSocket> webSocket;
        QPointer<QTcpSocket> transport;
    };
    // Listens with one WebSocket route and connects `client`; fills `upgraded` with the server end.
    bool connectClient(HttpServer &server, QWebSocket &client, Upgraded &upgraded);
};

bool TestWebSocketFanout::connectClient(HttpServer &server, QWebSocket &client, Upgraded &upgraded)
{
    server.webSocket("/ws", [&upgraded](const Request &, QWebSocket *socket) {
        upgraded.webSocket = socket;
        upgraded.transport = plainTransportOf(socket);
    });
    if (!server.listen(QHostAddress::LocalHost, 0))
        return false;
    client.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(server.serverPort())));
    return waitUntil([&] { return client.state() == QAbstractSocket::ConnectedState && upgraded.webSocket; }, 5000);
}

void TestWebSocketFanout::encodesLengths_data()
{
    QTest::addColumn<int>("size");
    QTest::addColumn<QByteArray>("header");
    QTest::newRow("empty") << 0 << QByteArray::fromHex("8100");
    QTest::newRow("125") << 125 << QByteArray::fromHex("817d");
    QTest::newRow("126") << 126 << QByteArray::fromHex("817e007e");
    QTest::newRow("65535") << 65535 << QByteArray::fromHex("817effff");
    QTest::newRow("65536") << 65536 << QByteArray::fromHex("817f0000000000010000");
}

void TestWebSocketFanout::encodesLengths()
{
    QFETCH(int, size);
    QFETCH(QByteArray, header);
    const QByteArray payload(size, 'p');
    const QByteArray frame = encodeServerTextFrame(payload);
    QCOMPARE(frame.left(header.size()).toHex(), header.toHex());
    QCOMPARE(frame.mid(header.size()), payload);
}

// Small, 16-bit and 64-bit length frames, with non-ASCII text, alternating with sendTextMessage.
void TestWebSocketFanout::interleavesWithQWebSocket()
{
    HttpServer server;
    QWebSocket client;
    Upgraded upgraded;
    QVERIFY(connectClient(server, client, upgraded));
    QVERIFY(upgraded.transport);
    QStringList received;
    connect(&client, &QWebSocket::textMessageReceived, this, [&](const QString &text) { received.append(text); });

    QStringList expected;
    int n = 0;
    for (const int size : {1, 125, 126, 1000, 65535, 65536, 300'000}) {
        const QString body = QStringLiteral("%1:é€😀:").arg(n++) + QString(size, QLatin1Char('a' + n % 26));
        QVERIFY(sendPreframed(upgraded.transport, encodeServerTextFrame(body.toUtf8())));
        expected.append(body);
        const QString viaQt = QStringLiteral("qt:%1").arg(n);
        upgraded.webSocket->sendTextMessage(viaQt);
        expected.append(viaQt);
    }
    QVERIFY(waitUntil([&] { return received.size() >= expected.size(); }, 10000));
    QCOMPARE(received.size(), expected.size());
    for (int i = 0; i < expected.size(); ++i)
        QVERIFY2(received.at(i) == expected.at(i), qPrintable(QStringLiteral("message %1 differs").arg(i)));
    QCOMPARE(client.state(), QAbstractSocket::ConnectedState);
}

// 20 MB in 64 KiB frames queued while the client (same thread) cannot read: the kernel buffer
// fills, sendPreframed queues the remainder in Qt, and later frames (ours and QWebSocket's) queue
// behind it. Everything arrives, in order, once the client reads.
void TestWebSocketFanout::queuesWhatTheKernelDoesNotTake()
{
    HttpServer server;
    QWebSocket client;
    Upgraded upgraded;
    QVERIFY(connectClient(server, client, upgraded));
    QVERIFY(upgraded.transport);
    qint64 receivedCount = 0;
    bool inOrder = true;
    connect(&client, &QWebSocket::textMessageReceived, this, [&](const QString &text) {
        const QString expectedPrefix = QStringLiteral("%1:").arg(receivedCount);
        if (!text.startsWith(expectedPrefix) || text.size() != expectedPrefix.size() + 64 * 1024)
            inOrder = false;
        ++receivedCount;
    });

    constexpr int kFrames = 20 * 16; // 20 MiB of 64 KiB payloads
    bool queuedInQt = false;
    for (int i = 0; i < kFrames; ++i) {
        const QString body = QStringLiteral("%1:").arg(i) + QString(64 * 1024, QLatin1Char('a' + i % 26));
        if (i % 10 == 5)
            upgraded.webSocket->sendTextMessage(body);
        else
            QVERIFY(sendPreframed(upgraded.transport, encodeServerTextFrame(body.toUtf8())));
        queuedInQt = queuedInQt || upgraded.transport->bytesToWrite() > 0;
    }
    QVERIFY2(queuedInQt, "the kernel took 20 MiB at once; the remainder path was not exercised");
    QVERIFY(waitUntil([&] { return receivedCount >= kFrames; }, 30000));
    QCOMPARE(receivedCount, qint64(kFrames));
    QVERIFY(inOrder);
    QCOMPARE(client.state(), QAbstractSocket::ConnectedState);
}

QTEST_GUILESS_MAIN(TestWebSocketFanout)
#include "tst_websocket_fanout.moc"
