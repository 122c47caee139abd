// The SQLite store in a temp dir: ingest transactions, dedup, issue counters, users, tags,
// histograms, statuses and regressions, search, retention, projects, reopening the file.
#include "errors/sqlite_error_store.h"

#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace homeport::errors;

namespace {

constexpr qint64 kHour = 3600 * 1000;

IncomingEvent makeEvent(const QString &message, qint64 receivedMs, const QString &user = {},
                        const QString &level = QStringLiteral("error"), qint64 project = 1)
{
    QJsonObject raw{{"message", message}, {"level", level}};
    if (!user.isEmpty())
        raw["user"] = QJsonObject{{"id", user}};
    raw["tags"] = QJsonObject{{"region", user.isEmpty() ? "none" : "eu"}};
    const auto r = EventNormalizer::normalize(QJsonDocument(raw).toJson(), {},
                                              QDateTime::fromMSecsSinceEpoch(receivedMs, Qt::UTC), {});
    return IncomingEvent{project, receivedMs, r.normalized};
}

} // namespace

class TestErrorStore : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SqliteErrorStore> m_store;
    qint64 m_now = 0;

    std::unique_ptr<SqliteErrorStore> openStore()
    {
        auto store = std::make_unique<SqliteErrorStore>(m_dir.filePath("errors.sqlite"),
                                                        QUuid::createUuid().toString(), false);
        QString error;
        if (!store->open(&error))
            qFatal("%s", qPrintable(error));
        return store;
    }
    QList<IngestOutcome> ingest(const QList<IncomingEvent> &events)
    {
        QList<IngestOutcome> outcomes;
        QString error;
        if (!m_store->ingest(events, {}, &outcomes, &error))
            qFatal("%s", qPrintable(error));
        return outcomes;
    }

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        QFile::remove(m_dir.filePath("errors.sqlite"));
        m_store = openStore();
        ProjectInfo p;
        p.id = 1;
        p.name = QStringLiteral("default");
        p.keys = {QStringLiteral("k1")};
        QString error;
        QVERIFY2(m_store->saveProject(&p, &error), qPrintable(error));
        m_now = QDateTime::currentMSecsSinceEpoch();
    }
    void cleanup() { m_store.reset(); }

    void countsUsersTagsAndDedup()
    {
        IncomingEvent first = makeEvent("user 1 failed", m_now - 2 * kHour, "alice");
        IncomingEvent dup = first; // same event_id
        const IncomingEvent third = makeEvent("user 3 failed", m_now, "alice", "warning");
        const auto outcomes = ingest({first, makeEvent("user 2 failed", m_now - kHour, "bob"), third, dup});
        QCOMPARE(outcomes.size(), 4);
        QVERIFY(outcomes[0].newIssue);
        QVERIFY(!outcomes[1].newIssue);
        QCOMPARE(outcomes[1].issueId, outcomes[0].issueId);
        QVERIFY(outcomes[3].duplicate);
        // A duplicate in a later batch is dropped too.
        QVERIFY(ingest({dup}).first().duplicate);

        const auto summary = m_store->issueSummary(outcomes[0].issueId);
        QVERIFY(summary);
        QCOMPARE(summary->count, 3);
        QCOMPARE(summary->users, 2);
        QCOMPARE(summary->level, QStringLiteral("warning"));
        QCOMPARE(summary->firstSeen.toMSecsSinceEpoch(), m_now - 2 * kHour);
        QCOMPARE(summary->lastSeen.toMSecsSinceEpoch(), m_now);
        QCOMPARE(m_store->eventCount(1), 3);

        const auto detail = m_store->issue(outcomes[0].issueId, {}, m_now);
        QVERIFY(detail);
        QCOMPARE(detail->summary.last24Hours.size(), 24);
        QCOMPARE(detail->summary.last24Hours[23], 1);
        QCOMPARE(detail->summary.last24Hours[22], 1);
        QCOMPARE(detail->summary.last24Hours[21], 1);
        QCOMPARE(detail->last30Days.size(), 30);
        int total = 0;
        for (int n : detail->last30Days)
            total += n;
        QCOMPARE(total, 3);
        QVERIFY(detail->groupingReason.startsWith("message"));
        bool sawRegion = false;
        for (const TagSummary &tag : detail->tags) {
            if (tag.key == QLatin1String("region")) {
                sawRegion = true;
                QCOMPARE(tag.topValues.first(), qMakePair(QStringLiteral("eu"), qint64(3)));
            }
        }
        QVERIFY(sawRegion);
        // Latest event first; neighbours by arrival.
        QCOMPARE(detail->eventId, third.event.eventId);
        QVERIFY(!detail->previousEventId.isEmpty());
        QVERIFY(detail->nextEventId.isEmpty());
        const auto previous = m_store->issue(outcomes[0].issueId, detail->previousEventId, m_now);
        QVERIFY(previous);
        QCOMPARE(previous->nextEventId, detail->eventId);
        QVERIFY(!m_store->issue(outcomes[0].issueId, QStringLiteral("00000000000000000000000000000000"), m_now));
        QCOMPARE(m_store->issueEvents(outcomes[0].issueId, 10, 0).size(), 3);
    }

    // Tag values and user keys reach SQLite inside JSON text the store writes itself: quotes,
    // backslashes, control characters and non-ASCII must come back exactly as sent.
    void tagsAndUsersWithJsonSpecialCharacters()
    {
        const QString odd = QStringLiteral("a \"quoted\" \\path\\ tab\t nl\n bell\x07 caf\u00e9 \U0001F600");
        const QString user = QStringLiteral("id\"\\\n") + QChar(0x2028);
        QJsonObject raw{{"message", "odd tags"}, {"user", QJsonObject{{"id", user}}},
                        {"tags", QJsonObject{{"odd", odd}, {QStringLiteral("k\"\\"), "v"}}}};
        const auto normalized = EventNormalizer::normalize(QJsonDocument(raw).toJson(), {},
                                                           QDateTime::fromMSecsSinceEpoch(m_now, Qt::UTC), {});
        QVERIFY(normalized.ok);
        const IncomingEvent event{1, m_now, normalized.normalized};
        const qint64 issue = ingest({event}).first().issueId;
        QVERIFY(issue > 0);
        const auto detail = m_store->issue(issue, {}, m_now);
        QVERIFY(detail);
        QCOMPARE(detail->summary.users, 1);
        QHash<QString, QString> top;
        for (const TagSummary &tag : detail->tags)
            top.insert(tag.key, tag.topValues.value(0).first);
        QCOMPARE(top.value(QStringLiteral("odd")), odd);
        QCOMPARE(top.value(QStringLiteral("k\"\\")), QStringLiteral("v"));
        QCOMPARE(top.value(QStringLiteral("user")), QStringLiteral("id:") + user);
    }

    void statusesAndRegressions()
    {
        const qint64 issue = ingest({makeEvent("a 1", m_now)}).first().issueId;
        QString error;
        QVERIFY(m_store->setIssueStatus(issue, IssueStatus::Resolved, &error));
        const auto reopened = ingest({makeEvent("a 2", m_now)}).first();
        QVERIFY(reopened.regression);
        QCOMPARE(toString(m_store->issueSummary(issue)->status), toString(IssueStatus::Unresolved));

        QVERIFY(m_store->setIssueStatus(issue, IssueStatus::Ignored, &error));
        const auto ignored = ingest({makeEvent("a 3", m_now)}).first();
        QVERIFY(!ignored.regression);
        QCOMPARE(toString(m_store->issueSummary(issue)->status), toString(IssueStatus::Ignored));
        QCOMPARE(m_store->issueSummary(issue)->count, 3);
        QVERIFY(!m_store->setIssueStatus(99999, IssueStatus::Resolved, &error));
        QCOMPARE(m_store->totals().issues, 1);
        QCOMPARE(m_store->totals().unresolvedIssues, 0);
    }

    void duplicateDoesNotReopenAResolvedIssue()
    {
        const IncomingEvent first = makeEvent("b 1", m_now);
        const qint64 issue = ingest({first}).first().issueId;
        QString error;
        QVERIFY(m_store->setIssueStatus(issue, IssueStatus::Resolved, &error));
        const auto again = ingest({first, first});
        QVERIFY(again[0].duplicate);
        QVERIFY(again[1].duplicate);
        QVERIFY(!again[0].regression);
        QCOMPARE(toString(m_store->issueSummary(issue)->status), toString(IssueStatus::Resolved));
        QCOMPARE(m_store->issueSummary(issue)->count, 1);
        // A duplicate followed by a new event in one batch: the new one is the regression.
        const auto mixed = ingest({first, makeEvent("b 2", m_now)});
        QVERIFY(mixed[0].duplicate);
        QVERIFY(mixed[1].regression);
        QCOMPARE(m_store->issueSummary(issue)->count, 2);
    }

    // Ingest remembers known issues between batches; a bulk status change must still be seen.
    void bulkStatusThenRegression()
    {
        const qint64 a = ingest({makeEvent("c 1", m_now)}).first().issueId;
        const qint64 b = ingest({makeEvent("other 1", m_now)}).first().issueId;
        QString error;
        QCOMPARE(m_store->setIssuesStatus(1, {a, b}, std::nullopt, IssueStatus::Resolved, &error), 2);
        QCOMPARE(m_store->setIssuesStatus(1, {a, 424242}, std::nullopt, IssueStatus::Ignored, &error), 0); // out of scope
        QCOMPARE(m_store->setIssuesStatus(2, {}, std::nullopt, IssueStatus::Ignored, &error), 0);         // other project
        QCOMPARE(toString(m_store->issueSummary(a)->status), toString(IssueStatus::Resolved));
        const auto again = ingest({makeEvent("c 2", m_now), makeEvent("c 3", m_now)});
        QVERIFY(again[0].regression);
        QVERIFY(!again[1].regression); // reopened once
        QCOMPARE(toString(m_store->issueSummary(a)->status), toString(IssueStatus::Unresolved));
        // Only the resolved ones: b; a (unresolved now) stays.
        QCOMPARE(m_store->setIssuesStatus(1, {}, IssueStatus::Resolved, IssueStatus::Ignored, &error), 1);
        QCOMPARE(toString(m_store->issueSummary(b)->status), toString(IssueStatus::Ignored));
        QCOMPARE(toString(m_store->issueSummary(a)->status), toString(IssueStatus::Unresolved));
        QVERIFY(!ingest({makeEvent("other 2", m_now)}).first().regression);
    }

    void storedEventReadsBackNormalised()
    {
        QJsonObject raw{{"message", "stored %s"}, {"exception", QJsonArray{QJsonObject{{"type", "E"}, {"value", "v"}}}},
                        {"extra", QJsonObject{{"k", "v"}}}};
        const auto r = EventNormalizer::normalize(QJsonDocument(raw).toJson(), {}, QDateTime::fromMSecsSinceEpoch(m_now, Qt::UTC), {});
        QVERIFY(r.ok);
        const auto outcome = ingest({IncomingEvent{1, m_now, r.normalized}}).first();
        QCOMPARE(m_store->event(1, r.normalized.eventId).value(), r.normalized.event);
        QCOMPARE(m_store->issueEdgeEvent(outcome.issueId, false).value(), r.normalized.event);
        QCOMPARE(m_store->issueEvents(outcome.issueId, 10, 0).value(0), r.normalized.event);
        QCOMPARE(m_store->issue(outcome.issueId, {}, m_now)->event, r.normalized.event);
        // An event given as an object (no raw bytes) is stored whole.
        auto objectOnly = EventNormalizer::normalize(QJsonObject{{"message", "object"}}, {}, QDateTime::currentDateTimeUtc(), {});
        QVERIFY(objectOnly.normalized.rawPayload.isEmpty());
        ingest({IncomingEvent{1, m_now, objectOnly.normalized}});
        QCOMPARE(m_store->event(1, objectOnly.normalized.eventId).value(), objectOnly.normalized.event);
    }

    void upgradesAVersion1File()
    {
        m_store.reset();
        const QString path = m_dir.filePath("errors.sqlite");
        QFile::remove(path);
        {
            // The version 1 events table: the normalised event serialised whole, no overrides.
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v1"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec("CREATE TABLE events(id INTEGER PRIMARY KEY, project_id INTEGER NOT NULL, event_id TEXT NOT NULL,"
                           " issue_id INTEGER NOT NULL, received INTEGER NOT NULL, payload BLOB NOT NULL, UNIQUE(project_id, event_id))"));
            QVERIFY(q.exec("INSERT INTO events(project_id, event_id, issue_id, received, payload)"
                           " VALUES(1, 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 7, 0, '{\"message\":\"old\"}')"));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("v1"));
        m_store = openStore();
        QCOMPARE(m_store->event(1, QStringLiteral("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")).value(), QJsonObject({{"message", "old"}}));
        const IncomingEvent next = makeEvent("new", m_now);
        ingest({next});
        QCOMPARE(m_store->event(1, next.event.eventId).value(), next.event.event);
    }

    void search()
    {
        ingest({makeEvent("disk full", m_now, "u1", "fatal"), makeEvent("cache miss", m_now, {}, "info"),
                makeEvent("disk slow", m_now - kHour, {}, "warning")});
        IssueQuery q;
        q.search = QStringLiteral("disk");
        QCOMPARE(m_store->issues(q, m_now).size(), 2);
        q.search = QStringLiteral("level:fatal");
        QCOMPARE(m_store->issues(q, m_now).size(), 1);
        q.search = QStringLiteral("region:eu");
        QCOMPARE(m_store->issues(q, m_now).first().title, QStringLiteral("disk full"));
        q.search = QStringLiteral("is:unresolved disk level:warning");
        QCOMPARE(m_store->issues(q, m_now).size(), 1);
        q.search = QStringLiteral("is:resolved");
        QCOMPARE(m_store->issues(q, m_now).size(), 0);
        q.search = QStringLiteral("100%_"); // LIKE wildcards are literal
        QCOMPARE(m_store->issues(q, m_now).size(), 0);
        q.search.clear();
        q.sortBy = QStringLiteral("first_seen");
        q.descending = false;
        QCOMPARE(m_store->issues(q, m_now).first().title, QStringLiteral("disk slow"));
        q.projectId = 2;
        QCOMPARE(m_store->issues(q, m_now).size(), 0);
    }

    void retentionByAgeAndCount()
    {
        ProjectInfo p = m_store->projects().first();
        p.retentionDays = 1;
        p.maxEvents = 3;
        QString error;
        QVERIFY(m_store->saveProject(&p, &error));
        ingest({makeEvent("old", m_now - 3 * 24 * kHour)});
        QList<IncomingEvent> recent;
        for (int i = 0; i < 5; ++i)
            recent << makeEvent(QStringLiteral("new %1").arg(i), m_now);
        ingest(recent);
        QCOMPARE(m_store->eventCount(1), 6);
        QCOMPARE(m_store->sweep(m_now), 3);
        QCOMPARE(m_store->eventCount(1), 3);
        // The old issue lost its only event and went with it.
        QCOMPARE(m_store->totals().issues, 1);
    }

    void retentionCapFromTheServiceSettings()
    {
        // The project keeps 30 days; [errors] retention_days=2 removes what is older than 2 days.
        ProjectInfo p = m_store->projects().first();
        p.retentionDays = 30;
        QString error;
        QVERIFY(m_store->saveProject(&p, &error));
        ingest({makeEvent("five days old", m_now - 5 * 24 * kHour), makeEvent("one day old", m_now - 24 * kHour)});
        QCOMPARE(m_store->sweep(m_now), 0);
        QCOMPARE(m_store->sweep(m_now, 40), 0); // a cap above the project's own changes nothing
        QCOMPARE(m_store->sweep(m_now, 2), 1);
        QCOMPARE(m_store->eventCount(1), 1);
        QCOMPARE(m_store->projects().first().retentionDays, 30); // the project's setting is kept
    }

    void itemsAndProjects()
    {
        IncomingItem item{1, m_now, QStringLiteral("attachment"), {}, QJsonObject{{"filename", "a.txt"}}, "hello", true};
        IncomingItem session{1, m_now, QStringLiteral("session"), {}, {}, {}, false};
        QList<IngestOutcome> outcomes;
        QString error;
        QVERIFY(m_store->ingest({}, {item, session, session}, &outcomes, &error));
        QCOMPARE(m_store->itemCount(1, QStringLiteral("attachment")), 1);
        QCOMPARE(m_store->itemCount(1, QStringLiteral("session")), 2);

        ProjectInfo second;
        second.name = QStringLiteral("Web App");
        second.keys = {QStringLiteral("k2")};
        second.alertWebhooks = {QStringLiteral("http://127.0.0.1:1/hook")};
        QVERIFY(m_store->saveProject(&second, &error));
        QCOMPARE(second.id, 2);
        ingest({makeEvent("x", m_now, {}, "error", 2)});
        QCOMPARE(m_store->projects().size(), 2);
        QCOMPARE(m_store->projects().last().alertWebhooks, second.alertWebhooks);
        QVERIFY(m_store->deleteProject(2, &error));
        QCOMPARE(m_store->projects().size(), 1);
        QCOMPARE(m_store->eventCount(2), 0);
        QCOMPARE(m_store->totals().issues, 0);
    }

    // Payloads over 1 MiB live in files that go with their rows: on retention, on project
    // deletion, and when the batch that wrote them did not commit.
    void largeItemsInFiles()
    {
        const QString eventId = QStringLiteral("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
        const QByteArray large(ErrorStore::kMaxInlinePayloadBytes + 1, 'z');
        IncomingItem old{1, m_now - 3 * 24 * kHour, QStringLiteral("attachment"), eventId, QJsonObject{{"filename", "old.bin"}}, large, true};
        IncomingItem recent{1, m_now, QStringLiteral("attachment"), eventId, QJsonObject{{"filename", "new.bin"}}, large, true};
        IncomingItem small{1, m_now, QStringLiteral("attachment"), eventId, QJsonObject{{"filename", "s.txt"}}, "tiny", true};
        QList<IngestOutcome> outcomes;
        QString error;
        QVERIFY2(m_store->ingest({}, {old, recent, small}, &outcomes, &error), qPrintable(error));
        const QDir files(m_dir.filePath("attachments"));
        QCOMPARE(files.entryList(QDir::Files).size(), 2);
        const QList<StoredItem> items = m_store->eventItems(1, eventId, QStringLiteral("attachment"));
        QCOMPARE(items.size(), 3);
        QCOMPARE(items[0].size, large.size());
        QCOMPARE(items[2].size, 4);
        QCOMPARE(m_store->itemPayload(1, items[1].id).value(), large);
        QCOMPARE(m_store->itemPayload(1, items[2].id).value(), QByteArray("tiny"));
        QVERIFY(!m_store->itemPayload(2, items[1].id)); // another project's id

        ProjectInfo p = m_store->projects().first();
        p.retentionDays = 1;
        QVERIFY(m_store->saveProject(&p, &error));
        m_store->sweep(m_now);
        QCOMPARE(files.entryList(QDir::Files).size(), 1);
        QCOMPARE(m_store->eventItems(1, eventId, {}).size(), 2);

        // A batch that cannot commit leaves no file behind: a trigger (added through a second
        // connection) makes the item after the large one fail.
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("saboteur"));
            db.setDatabaseName(m_dir.filePath("errors.sqlite"));
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY2(q.exec("CREATE TRIGGER refuse_boom BEFORE INSERT ON items WHEN NEW.type = 'boom'"
                            " BEGIN SELECT RAISE(ABORT, 'refused'); END"), qPrintable(q.lastError().text()));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("saboteur"));
        IncomingItem boom{1, m_now, QStringLiteral("boom"), eventId, {}, "x", true};
        QVERIFY(!m_store->ingest({}, {recent, boom}, &outcomes, &error));
        QVERIFY2(error.contains("refused"), qPrintable(error));
        QCOMPARE(files.entryList(QDir::Files).size(), 1);
        QCOMPARE(m_store->eventItems(1, eventId, {}).size(), 2);

        QVERIFY(m_store->deleteProject(1, &error));
        QCOMPARE(files.entryList(QDir::Files).size(), 0);
    }

    // Deleting an issue (Sentry's DELETE /issues/<id>/) or dropping events past max_events takes
    // the attachments of those events with them, files included; other events' stay.
    void itemsGoWithTheirEvents()
    {
        IncomingEvent gone = makeEvent("deleted with its issue", m_now - 2 * kHour);
        IncomingEvent old = makeEvent("kept issue", m_now - kHour);
        IncomingEvent recent = makeEvent("kept issue", m_now);
        const QByteArray large(ErrorStore::kMaxInlinePayloadBytes + 1, 'q');
        const auto attachment = [&](const IncomingEvent &event, const QByteArray &payload) {
            return IncomingItem{1, event.receivedMs, QStringLiteral("attachment"), event.event.eventId,
                                QJsonObject{{"filename", "a.bin"}}, payload, true};
        };
        QList<IngestOutcome> outcomes;
        QString error;
        QVERIFY2(m_store->ingest({gone, old, recent}, {attachment(gone, large), attachment(gone, "small"),
                                                      attachment(old, large), attachment(recent, large)},
                                 &outcomes, &error), qPrintable(error));
        const QDir files(m_dir.filePath("attachments"));
        QCOMPARE(files.entryList(QDir::Files).size(), 3);
        QVERIFY(outcomes[0].issueId != outcomes[1].issueId);

        QVERIFY2(m_store->deleteIssue(outcomes[0].issueId, &error), qPrintable(error));
        QVERIFY(!m_store->issueSummary(outcomes[0].issueId));
        QCOMPARE(m_store->eventItems(1, gone.event.eventId, {}).size(), 0);
        QCOMPARE(files.entryList(QDir::Files).size(), 2);
        QVERIFY(!m_store->deleteIssue(outcomes[0].issueId, &error));
        QVERIFY(error.isEmpty()); // no such issue, not a failure

        ProjectInfo p = m_store->projects().first();
        p.maxEvents = 1;
        QVERIFY(m_store->saveProject(&p, &error));
        QCOMPARE(m_store->sweep(m_now), 1);
        QCOMPARE(m_store->eventItems(1, old.event.eventId, {}).size(), 0);
        QCOMPARE(m_store->eventItems(1, recent.event.eventId, {}).size(), 1);
        QCOMPARE(files.entryList(QDir::Files).size(), 1);
        qint64 size = 0;
        const auto device = m_store->openItemPayload(1, m_store->eventItems(1, recent.event.eventId, {}).first().id, &size);
        QVERIFY(device);
        QCOMPARE(size, large.size());
        QCOMPARE(device->readAll(), large);
    }

    void survivesReopen()
    {
        const qint64 issue = ingest({makeEvent("persisted", m_now)}).first().issueId;
        m_store.reset();
        m_store = openStore();
        QCOMPARE(m_store->issueSummary(issue)->title, QStringLiteral("persisted"));
        QCOMPARE(m_store->projects().size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestErrorStore)
#include "tst_error_store.moc"
