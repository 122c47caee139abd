// The envelope parser against the spec's examples and every malformed shape we could think of.
#include "errors/envelope_parser.h"

#include <QTest>

using namespace homeport::errors;

class TestEnvelopeParser : public QObject
{
    Q_OBJECT

private slots:
    void specExampleTwoItems()
    {
        // develop.sentry.dev: an attachment with length and an event without.
        const QByteArray body =
            "{\"event_id\":\"9ec79c33ec9942ab8353589fcb2e04dc\",\"dsn\":\"https://e12d836b15bb49d7bbf99e64295d995b:@sentry.io/42\"}\n"
            "{\"type\":\"attachment\",\"length\":10,\"content_type\":\"text/plain\",\"filename\":\"hello.txt\"}\n"
            "\xef\xbb\xbfHello\r\n\n"
            "{\"type\":\"event\",\"length\":41,\"content_type\":\"application/json\",\"filename\":\"application.log\"}\n"
            "{\"message\":\"hello world\",\"level\":\"error\"}\n";
        const auto r = EnvelopeParser::parse(body);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.envelope.headers.value("event_id").toString(), QStringLiteral("9ec79c33ec9942ab8353589fcb2e04dc"));
        QCOMPARE(r.envelope.items.size(), 2);
        QCOMPARE(r.envelope.items[0].type, QStringLiteral("attachment"));
        QCOMPARE(r.envelope.items[0].payload, QByteArray("\xef\xbb\xbfHello\r\n"));
        QCOMPARE(r.envelope.items[1].type, QStringLiteral("event"));
        QCOMPARE(r.envelope.items[1].payload, QByteArray("{\"message\":\"hello world\",\"level\":\"error\"}"));
    }

    void newlineTerminatedItemsAndOptionalTrailingNewline_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("items");
        QTest::newRow("trailing newline") << QByteArray("{}\n{\"type\":\"event\"}\n{\"a\":1}\n") << 1;
        QTest::newRow("no trailing newline") << QByteArray("{}\n{\"type\":\"event\"}\n{\"a\":1}") << 1;
        QTest::newRow("headers only") << QByteArray("{}") << 0;
        QTest::newRow("headers and newline") << QByteArray("{}\n") << 0;
        QTest::newRow("headers and two newlines") << QByteArray("{}\n\n") << 0;
        QTest::newRow("length 0, end of input") << QByteArray("{}\n{\"type\":\"attachment\",\"length\":0}") << 1;
        QTest::newRow("length 0 then newline") << QByteArray("{}\n{\"type\":\"attachment\",\"length\":0}\n") << 1;
        QTest::newRow("length 0 then item") << QByteArray("{}\n{\"type\":\"attachment\",\"length\":0}\n\n{\"type\":\"session\"}\n{}") << 2;
        QTest::newRow("empty newline payload") << QByteArray("{}\n{\"type\":\"attachment\"}\n\n") << 1;
        QTest::newRow("item header at end, no payload") << QByteArray("{}\n{\"type\":\"client_report\"}") << 1;
        QTest::newRow("length payload ends at EOF") << QByteArray("{}\n{\"type\":\"event\",\"length\":2}\n{}") << 1;
        QTest::newRow("payload containing newlines") << QByteArray("{}\n{\"type\":\"attachment\",\"length\":5}\na\nb\nc\n") << 1;
        QTest::newRow("unknown types kept for the caller") << QByteArray("{}\n{\"type\":\"future_thing\"}\nxx\n{\"type\":\"event\"}\n{}\n") << 2;
        QTest::newRow("null length means newline-terminated") << QByteArray("{}\n{\"type\":\"event\",\"length\":null}\n{}\n") << 1;
        QTest::newRow("CRLF payload keeps the CR") << QByteArray("{}\n{\"type\":\"attachment\"}\nab\r\n") << 1;
        QTest::newRow("three items") << QByteArray("{}\n{\"type\":\"session\"}\n{}\n{\"type\":\"sessions\"}\n{}\n{\"type\":\"client_report\"}\n{}") << 3;
    }
    void newlineTerminatedItemsAndOptionalTrailingNewline()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, items);
        const auto r = EnvelopeParser::parse(body);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.envelope.items.size(), items);
    }

    void crIsPayload()
    {
        const auto r = EnvelopeParser::parse("{}\n{\"type\":\"attachment\"}\nab\r\n");
        QVERIFY(r.ok);
        QCOMPARE(r.envelope.items[0].payload, QByteArray("ab\r"));
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("only newline") << QByteArray("\n");
        QTest::newRow("header not JSON") << QByteArray("hello\n");
        QTest::newRow("header is array") << QByteArray("[]\n");
        QTest::newRow("header is string") << QByteArray("\"x\"\n");
        QTest::newRow("header truncated") << QByteArray("{\"event_id\":\n");
        QTest::newRow("item header not JSON") << QByteArray("{}\nnope\n");
        QTest::newRow("item header array") << QByteArray("{}\n[1]\n{}");
        QTest::newRow("item without type") << QByteArray("{}\n{\"length\":2}\n{}");
        QTest::newRow("item type not string") << QByteArray("{}\n{\"type\":5}\n{}");
        QTest::newRow("item type empty") << QByteArray("{}\n{\"type\":\"\"}\n{}");
        QTest::newRow("length too long") << QByteArray("{}\n{\"type\":\"event\",\"length\":50}\n{}");
        QTest::newRow("length negative") << QByteArray("{}\n{\"type\":\"event\",\"length\":-1}\n{}");
        QTest::newRow("length fractional") << QByteArray("{}\n{\"type\":\"event\",\"length\":1.5}\n{}");
        QTest::newRow("length string") << QByteArray("{}\n{\"type\":\"event\",\"length\":\"2\"}\n{}");
        QTest::newRow("length huge") << QByteArray("{}\n{\"type\":\"event\",\"length\":1e300}\n{}");
        QTest::newRow("length not followed by newline") << QByteArray("{}\n{\"type\":\"event\",\"length\":1}\n{}\n");
        QTest::newRow("blank line between items") << QByteArray("{}\n{\"type\":\"event\"}\n{}\n\n{\"type\":\"event\"}\n{}");
        QTest::newRow("two newlines after header, then item") << QByteArray("{}\n\n{\"type\":\"event\"}\n{}");
        QTest::newRow("binary garbage") << QByteArray("\x00\x01\x02\xff", 4);
        QTest::newRow("gzip magic (not decoded)") << QByteArray("\x1f\x8b\x08\x00", 4);
        QTest::newRow("header with embedded NUL") << QByteArray("{\"a\":\"\x00\"}\n", 11);
    }
    void malformed()
    {
        QFETCH(QByteArray, body);
        const auto r = EnvelopeParser::parse(body);
        QVERIFY(!r.ok);
        QVERIFY(!r.error.isEmpty());
    }

    void tooManyItems()
    {
        QByteArray body = "{}\n";
        for (int i = 0; i <= EnvelopeParser::kMaxItems; ++i)
            body += "{\"type\":\"x\",\"length\":0}\n";
        QVERIFY(!EnvelopeParser::parse(body).ok);
    }

    void eventIds()
    {
        QCOMPARE(normalizeEventId(QStringLiteral("FC6D8C0C43FC4630AD850EE518F1B9D0")), QStringLiteral("fc6d8c0c43fc4630ad850ee518f1b9d0"));
        QCOMPARE(normalizeEventId(QStringLiteral("fc6d8c0c-43fc-4630-ad85-0ee518f1b9d0")), QStringLiteral("fc6d8c0c43fc4630ad850ee518f1b9d0"));
        QVERIFY(normalizeEventId(QStringLiteral("fc6d8c0c43fc4630ad850ee518f1b9dg")).isEmpty());
        QVERIFY(normalizeEventId(QStringLiteral("fc6d8c0c43fc4630ad850ee518f1b9d")).isEmpty());
        QVERIFY(normalizeEventId(QStringLiteral("fc6d8c0c-43fc-4630-ad85_0ee518f1b9d0")).isEmpty());
        QVERIFY(normalizeEventId(QString()).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestEnvelopeParser)
#include "tst_envelope_parser.moc"
