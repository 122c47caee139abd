// Grouping rules (fingerprint, in-app frames, exception, message), message normalisation,
// event normalisation and the issue search syntax.
#include "errors/event_grouping.h"
#include "errors/event_normalizer.h"
#include "errors/issue_search.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace homeport::errors;

namespace {

QJsonObject frame(const QString &file, const QString &function, const QString &context, bool inApp, int line = 10)
{
    return QJsonObject{{"filename", file}, {"function", function}, {"context_line", context},
                       {"in_app", inApp}, {"lineno", line}};
}

QJsonObject exceptionEvent(const QString &type, const QString &value, const QJsonArray &frames,
                           const QString &platform = QStringLiteral("node"))
{
    const QJsonObject exception{{"type", type}, {"value", value}, {"stacktrace", QJsonObject{{"frames", frames}}}};
    const QByteArray json = QJsonDocument(QJsonObject{{"platform", platform},
                                                      {"exception", QJsonObject{{"values", QJsonArray{exception}}}}})
                                .toJson();
    const auto r = EventNormalizer::normalize(json, {}, QDateTime::currentDateTimeUtc(), QStringLiteral("127.0.0.1"));
    return r.normalized.event;
}

EventGrouping group(const QJsonObject &raw)
{
    const auto r = EventNormalizer::normalize(QJsonDocument(raw).toJson(), {}, QDateTime::currentDateTimeUtc(),
                                              QStringLiteral("10.0.0.1"));
    return r.normalized.grouping;
}

const QJsonArray kAppFrames{frame("node:internal/x", "run", "internal()", false),
                            frame("/app/server.js", "handle", "  throw new Error(msg);  ", true, 42)};

} // namespace

class TestEventGrouping : public QObject
{
    Q_OBJECT

private slots:
    void sameThrowSiteGroupsTogetherWhateverTheValue()
    {
        const auto a = EventGrouping::compute(exceptionEvent("Error", "boom 1", kAppFrames));
        const auto b = EventGrouping::compute(exceptionEvent("Error", "boom 2", kAppFrames));
        QCOMPARE(a.hash, b.hash);
        QVERIFY2(a.reason.startsWith("in-app frames"), qPrintable(a.reason));
        QCOMPARE(a.title, QStringLiteral("Error: boom 1"));
        QCOMPARE(a.culprit, QStringLiteral("handle(/app/server.js)"));
        QCOMPARE(a.type, QStringLiteral("error"));
        QCOMPARE(a.hash.size(), 32);
    }

    void outOfAppFramesDoNotMatter()
    {
        QJsonArray other = kAppFrames;
        other[0] = frame("node:internal/y", "other", "different()", false);
        QCOMPARE(EventGrouping::compute(exceptionEvent("Error", "x", kAppFrames)).hash,
                 EventGrouping::compute(exceptionEvent("Error", "x", other)).hash);
        // Line numbers move with unrelated edits; the context line is what counts.
        QJsonArray moved = kAppFrames;
        moved[1] = frame("/app/server.js", "handle", "throw new Error(msg);", true, 99);
        QCOMPARE(EventGrouping::compute(exceptionEvent("Error", "x", kAppFrames)).hash,
                 EventGrouping::compute(exceptionEvent("Error", "x", moved)).hash);
    }

    void differentInAppCodeSplits()
    {
        QJsonArray other = kAppFrames;
        other[1] = frame("/app/server.js", "handle", "throw new TypeError(msg);", true);
        QVERIFY(EventGrouping::compute(exceptionEvent("Error", "x", kAppFrames)).hash
                != EventGrouping::compute(exceptionEvent("Error", "x", other)).hash);
        QJsonArray otherFunction = kAppFrames;
        otherFunction[1] = frame("/app/server.js", "render", "throw new Error(msg);", true);
        QVERIFY(EventGrouping::compute(exceptionEvent("Error", "x", kAppFrames)).hash
                != EventGrouping::compute(exceptionEvent("Error", "x", otherFunction)).hash);
    }

    void moduleWinsOverFilenameAndPythonCulprit()
    {
        const QJsonArray frames{QJsonObject{{"module", "app.views"}, {"filename", "app/views.py"}, {"function", "index"},
                                            {"context_line", "1/0"}, {"in_app", true}}};
        QJsonArray movedFile = frames;
        QJsonObject f = movedFile[0].toObject();
        f["filename"] = "src/app/views.py";
        movedFile[0] = f;
        const auto a = EventGrouping::compute(exceptionEvent("ZeroDivisionError", "division by zero", frames, "python"));
        QCOMPARE(a.hash, EventGrouping::compute(exceptionEvent("ZeroDivisionError", "other", movedFile, "python")).hash);
        QCOMPARE(a.culprit, QStringLiteral("app.views in index"));
    }

    void noContextLineFallsBackToFileAndFunction()
    {
        const QJsonArray frames{QJsonObject{{"filename", "a.js"}, {"function", "f"}, {"in_app", true}, {"lineno", 1}}};
        const QJsonArray sameFunction{QJsonObject{{"filename", "a.js"}, {"function", "f"}, {"in_app", true}, {"lineno", 7}}};
        const QJsonArray otherFunction{QJsonObject{{"filename", "a.js"}, {"function", "g"}, {"in_app", true}}};
        QCOMPARE(EventGrouping::compute(exceptionEvent("E", "1", frames)).hash,
                 EventGrouping::compute(exceptionEvent("E", "2", sameFunction)).hash);
        QVERIFY(EventGrouping::compute(exceptionEvent("E", "1", frames)).hash
                != EventGrouping::compute(exceptionEvent("E", "1", otherFunction)).hash);
    }

    void withoutInAppFramesTypeAndValueDecide()
    {
        const QJsonArray vendor{frame("node_modules/x.js", "f", "x()", false)};
        const auto a = EventGrouping::compute(exceptionEvent("TypeError", "a is undefined", vendor));
        const auto b = EventGrouping::compute(exceptionEvent("TypeError", "a is undefined", QJsonArray{}));
        const auto c = EventGrouping::compute(exceptionEvent("TypeError", "b is undefined", vendor));
        QCOMPARE(a.hash, b.hash);
        QVERIFY(a.hash != c.hash);
        QVERIFY2(a.reason.startsWith("exception type and value"), qPrintable(a.reason));
        QCOMPARE(a.culprit, QStringLiteral("f(node_modules/x.js)")); // the crashing frame still names a place
    }

    void chainedExceptionsUseEveryInAppStack()
    {
        const QJsonObject cause{{"type", "IOError"}, {"value", "disk"},
                                {"stacktrace", QJsonObject{{"frames", QJsonArray{frame("db.js", "write", "fs.write()", true)}}}}};
        const QJsonObject outer{{"type", "Error"}, {"value", "save failed"},
                                {"stacktrace", QJsonObject{{"frames", kAppFrames}}}};
        const QJsonObject raw{{"platform", "node"}, {"exception", QJsonObject{{"values", QJsonArray{cause, outer}}}}};
        const auto chained = group(raw);
        QCOMPARE(chained.title, QStringLiteral("Error: save failed")); // newest exception is the main one
        QVERIFY(chained.reason.contains("2 frame(s)"));
        QVERIFY(chained.hash != EventGrouping::compute(exceptionEvent("Error", "save failed", kAppFrames)).hash);
    }

    void fingerprints()
    {
        QJsonObject a = exceptionEvent("Error", "a", kAppFrames);
        QJsonObject b = exceptionEvent("TypeError", "b", QJsonArray{frame("other.js", "x", "y", true)});
        a["fingerprint"] = QJsonArray{"database-unavailable"};
        b["fingerprint"] = QJsonArray{"database-unavailable"};
        const auto fa = EventGrouping::compute(a);
        QCOMPARE(fa.hash, EventGrouping::compute(b).hash);
        QVERIFY2(fa.reason.startsWith("custom fingerprint"), qPrintable(fa.reason));

        QJsonObject d1 = exceptionEvent("Error", "a", kAppFrames);
        QJsonObject d2 = exceptionEvent("Error", "other value", kAppFrames);
        QJsonObject d3 = exceptionEvent("Error", "a", kAppFrames);
        d1["fingerprint"] = QJsonArray{"{{ default }}", "tenant-1"};
        d2["fingerprint"] = QJsonArray{"{{default}}", "tenant-1"};
        d3["fingerprint"] = QJsonArray{"{{ default }}", "tenant-2"};
        QCOMPARE(EventGrouping::compute(d1).hash, EventGrouping::compute(d2).hash);
        QVERIFY(EventGrouping::compute(d1).hash != EventGrouping::compute(d3).hash);
        QVERIFY(EventGrouping::compute(d1).reason.contains("{{ default }} = in-app frames"));
        // A fingerprint of just {{ default }} is the default grouping.
        QJsonObject plain = exceptionEvent("Error", "a", kAppFrames);
        QJsonObject onlyDefault = plain;
        onlyDefault["fingerprint"] = QJsonArray{"{{ default }}"};
        QCOMPARE(EventGrouping::compute(plain).hash, EventGrouping::compute(onlyDefault).hash);
    }

    void messagesNormalised()
    {
        const auto a = group(QJsonObject{{"message", "User 42 not found at 2024-05-01T10:00:00Z"}});
        const auto b = group(QJsonObject{{"message", "User 43 not found at 2025-01-02T11:12:13.456+02:00"}});
        const auto c = group(QJsonObject{{"message", "Order 42 not found"}});
        QCOMPARE(a.hash, b.hash);
        QVERIFY(a.hash != c.hash);
        QCOMPARE(a.title, QStringLiteral("User 42 not found at 2024-05-01T10:00:00Z"));
        QCOMPARE(a.type, QStringLiteral("default"));
        QVERIFY2(a.reason.startsWith("message"), qPrintable(a.reason));
        // logentry with params: the template groups.
        const auto p1 = group(QJsonObject{{"logentry", QJsonObject{{"message", "user %s failed"}, {"params", QJsonArray{"bob"}}}}});
        const auto p2 = group(QJsonObject{{"logentry", QJsonObject{{"message", "user %s failed"}, {"params", QJsonArray{"eve"}}}}});
        QCOMPARE(p1.hash, p2.hash);
        QCOMPARE(p1.title, QStringLiteral("user bob failed"));
    }

    void normalizeMessage_data()
    {
        QTest::addColumn<QString>("in");
        QTest::addColumn<QString>("out");
        QTest::newRow("int") << "retry 3 of 5" << "retry <int> of <int>";
        QTest::newRow("float") << "took 1.25 s" << "took <int> s";
        QTest::newRow("uuid") << "job 123e4567-e89b-12d3-a456-426614174000 died" << "job <uuid> died";
        QTest::newRow("iso") << "at 2024-01-02T03:04:05.678Z" << "at <timestamp>";
        QTest::newRow("date") << "on 2024-01-02" << "on <timestamp>";
        QTest::newRow("time") << "at 12:30:01" << "at <timestamp>";
        QTest::newRow("ip") << "from 192.168.1.20" << "from <ip>";
        QTest::newRow("hex ptr") << "at 0x7ffee3b8" << "at <hex>";
        QTest::newRow("hash") << "commit 9fceb02d0ae598e95dc970b74767f19372d61af8" << "commit <hex>";
        QTest::newRow("words kept") << "deadline exceeded for user42" << "deadline exceeded for user42";
        QTest::newRow("negative") << "balance -7" << "balance <int>";
    }
    void normalizeMessage()
    {
        QFETCH(QString, in);
        QFETCH(QString, out);
        QCOMPARE(homeport::errors::normalizeMessage(in), out);
    }

    void nothingToGroupBy()
    {
        const auto a = group(QJsonObject{{"extra", QJsonObject{{"a", 1}}}});
        QCOMPARE(a.title, QStringLiteral("<unlabeled event>"));
        QVERIFY(!a.reason.isEmpty());
    }

    void normalizerShapes()
    {
        const QByteArray raw = R"({
            "event_id": "FC6D8C0C-43FC-4630-AD85-0EE518F1B9D0",
            "timestamp": 1700000000.5,
            "level": "warn",
            "exception": [{"type": "E", "value": "v"}],
            "breadcrumbs": [{"message": "clicked"}],
            "tags": {"region": "eu", "shard": 3},
            "user": {"ip_address": "{{auto}}"},
            "contexts": {"runtime": {"name": "node", "version": "v20.1.0"}},
            "release": "1.2.3"
        })";
        const QDateTime received = QDateTime::currentDateTimeUtc();
        const auto r = EventNormalizer::normalize(raw, {}, received, QStringLiteral("10.1.2.3"));
        QVERIFY2(r.ok, qPrintable(r.error));
        const NormalizedEvent &n = r.normalized;
        QCOMPARE(n.eventId, QStringLiteral("fc6d8c0c43fc4630ad850ee518f1b9d0"));
        QCOMPARE(n.level, QStringLiteral("warning"));
        QCOMPARE(n.event["timestamp"].toString(), QStringLiteral("2023-11-14T22:13:20.500Z"));
        QCOMPARE(n.event["exception"]["values"][0]["type"].toString(), QStringLiteral("E"));
        QCOMPARE(n.event["breadcrumbs"]["values"][0]["message"].toString(), QStringLiteral("clicked"));
        QCOMPARE(n.event["user"]["ip_address"].toString(), QStringLiteral("10.1.2.3"));
        QCOMPARE(n.userKey, QStringLiteral("ip:10.1.2.3"));
        QCOMPARE(n.event["environment"].toString(), QStringLiteral("production"));
        QCOMPARE(n.event["platform"].toString(), QStringLiteral("other"));
        QVERIFY(n.tags.contains(qMakePair(QStringLiteral("region"), QStringLiteral("eu"))));
        QVERIFY(n.tags.contains(qMakePair(QStringLiteral("shard"), QStringLiteral("3"))));
        QVERIFY(n.tags.contains(qMakePair(QStringLiteral("release"), QStringLiteral("1.2.3"))));
        QVERIFY(n.tags.contains(qMakePair(QStringLiteral("runtime"), QStringLiteral("node v20.1.0"))));
        QVERIFY(n.tags.contains(qMakePair(QStringLiteral("level"), QStringLiteral("warning"))));
        QCOMPARE(n.event["tags"].toArray().size(), 2);

        // Fallback id from the envelope, then a generated one.
        const auto fallback = EventNormalizer::normalize(QByteArray("{}"), QStringLiteral("9ec79c33ec9942ab8353589fcb2e04dc"), received, {});
        QCOMPARE(fallback.normalized.eventId, QStringLiteral("9ec79c33ec9942ab8353589fcb2e04dc"));
        const auto generated = EventNormalizer::normalize(QByteArray("{\"event_id\":\"bad\"}"), {}, received, {});
        QCOMPARE(generated.normalized.eventId.size(), 32);
        QCOMPARE(generated.normalized.event["timestamp"].toString(), received.toString(Qt::ISODateWithMs));

        QVERIFY(!EventNormalizer::normalize(QByteArray("[1]"), {}, received, {}).ok);
        QVERIFY(!EventNormalizer::normalize(QByteArray("{\"a\":"), {}, received, {}).ok);
        QVERIFY(!EventNormalizer::normalize(QByteArray(), {}, received, {}).ok);

        // Tag values are cut at 200 characters; tags as a list of pairs.
        const QByteArray listTags = "{\"tags\": [[\"k\", \"" + QByteArray(300, 'x') + "\"], [\"bad\"]]}";
        const auto t = EventNormalizer::normalize(listTags, {}, received, {});
        QCOMPARE(t.normalized.tags.first().second.size(), EventNormalizer::kMaxTagValueLength);
    }

    // The store keeps the payload as received plus the overrides; both must give back exactly
    // the normalised event, whatever normalisation changed, added or removed.
    void overridesRebuildTheNormalisedEvent_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::newRow("shapes changed") << QByteArray(R"({"event_id":"FC6D8C0C-43FC-4630-AD85-0EE518F1B9D0","level":"warn",
            "exception":[{"type":"E","value":"v"}],"breadcrumbs":{"message":"one"},"tags":{"a":"b"},
            "user":{"ip_address":"{{auto}}"},"message":"hello %s"})");
        QTest::newRow("already normalised") << QByteArray(R"({"event_id":"fc6d8c0c43fc4630ad850ee518f1b9d0",
            "exception":{"values":[{"type":"E","stacktrace":{"frames":[{"filename":"a.js?v=1","function":"f","in_app":true}]}}]},
            "platform":"node","environment":"staging","tags":[["a","b"]]})");
        QTest::newRow("removed containers") << QByteArray(R"({"exception":"not a list","threads":7,"breadcrumbs":null})");
        QTest::newRow("empty") << QByteArray("{}");
        QTest::newRow("pretty-printed") << QJsonDocument(QJsonObject{{"message", "x"}, {"extra", QJsonObject{{"k", 1}}}}).toJson();
    }
    void overridesRebuildTheNormalisedEvent()
    {
        QFETCH(QByteArray, raw);
        const auto r = EventNormalizer::normalize(raw, {}, QDateTime::currentDateTimeUtc(), QStringLiteral("10.0.0.1"));
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.normalized.rawPayload, raw);
        const QByteArray overrides = QJsonDocument(r.normalized.overrides).toJson(QJsonDocument::Compact);
        QCOMPARE(EventNormalizer::applyOverrides(raw, overrides), r.normalized.event);
        // The overrides hold only what changed: an event already in the stored shape keeps its
        // exception out of them.
        if (QByteArray(QTest::currentDataTag()) == "already normalised")
            QVERIFY(!r.normalized.overrides.contains(QLatin1String("exception")));
        if (QByteArray(QTest::currentDataTag()) == "removed containers") {
            QVERIFY(!r.normalized.event.contains(QLatin1String("exception")));
            QVERIFY(r.normalized.overrides.value(QLatin1String("exception")).isNull());
        }
    }

    void search()
    {
        const IssueSearch s = IssueSearch::parse(QStringLiteral("is:resolved level:error browser:\"Chrome 120\" TypeError undefined"));
        QVERIFY(s.status.has_value());
        QCOMPARE(toString(*s.status), toString(IssueStatus::Resolved));
        QCOMPARE(s.levels, QStringList{"error"});
        QCOMPARE(s.tags.size(), 1);
        QCOMPARE(s.tags.first(), qMakePair(QStringLiteral("browser"), QStringLiteral("Chrome 120")));
        QCOMPARE(s.words, (QStringList{"TypeError", "undefined"}));
        QCOMPARE(toString(*IssueSearch::parse(QStringLiteral("is:muted")).status), toString(IssueStatus::Ignored));
        QCOMPARE(IssueSearch::parse(QStringLiteral("is:weird")).words, QStringList{"is:weird"});
        QVERIFY(IssueSearch::parse(QString()).words.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestEventGrouping)
#include "tst_event_grouping.moc"
