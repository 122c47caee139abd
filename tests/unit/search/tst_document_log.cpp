// The document store: a collection keeps only where each document lies in its DocumentLog and
// reads it from there (the uncommitted buffer, then the mapped file). A document is readable as
// soon as it is written, updates and deletes are seen at once and after a restart, a torn or
// damaged record at the end is dropped without losing what came before, and a compaction
// rewrites the log with the live documents only, leaving the old log whole when it is cut short.
#include "search/collection.h"
#include "search/document_log.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace homeport::search;

namespace {

QJsonObject schema()
{
    return QJsonDocument::fromJson(R"({"name":"books","fields":[
        {"name":"title","type":"string"},
        {"name":"genre","type":"string","facet":true},
        {"name":"year","type":"int32"}]})").object();
}

QJsonObject book(int i, const QString &title = {})
{
    static const char *genres[] = {"novel", "poetry", "essay"};
    return QJsonObject{{"id", QString::number(i)},
                       {"title", title.isEmpty() ? QStringLiteral("book number %1 about oak trees").arg(i) : title},
                       {"genre", QLatin1String(genres[i % 3])},
                       {"year", 1900 + i}};
}

QByteArray compact(const QJsonObject &o) { return QJsonDocument(o).toJson(QJsonDocument::Compact); }

QByteArray exported(const Collection &c)
{
    QByteArray out;
    c.forEachDocument([&out](const QByteArray &d) { out += d + '\n'; });
    return out;
}

QByteArray searched(const Collection &c, const SearchParams &p)
{
    ApiError e;
    QJsonObject r = c.search(p, &e);
    if (e.failed())
        qFatal("search: %s", qPrintable(e.message));
    r.remove("search_time_ms");
    return compact(r);
}

} // namespace

class TstDocumentLog : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString logPath() const { return m_dir.filePath("books.jsonl"); }

    std::unique_ptr<Collection> fresh(DocumentLog &log)
    {
        std::unique_ptr<Collection> c;
        if (const ApiError e = Collection::fromSchema(schema(), 1700000000, &c); e.failed())
            qFatal("schema: %s", qPrintable(e.message));
        c->useLog(&log);
        return c;
    }
    void write(Collection &c, const QJsonObject &doc, WriteAction action = WriteAction::Upsert)
    {
        QJsonObject stored;
        const ApiError e = c.write(doc, action, DirtyValues::Reject, QString(), &stored);
        QVERIFY2(!e.failed(), qPrintable(e.message));
    }
    void commit(DocumentLog &log)
    {
        QString error;
        QVERIFY2(log.commit(&error), qPrintable(error));
    }
    // A restart: the log opened again and replayed into a fresh collection.
    std::unique_ptr<Collection> reopened(std::unique_ptr<DocumentLog> *log)
    {
        *log = std::make_unique<DocumentLog>(logPath());
        QString error;
        if (!(*log)->open(&error))
            qFatal("open: %s", qPrintable(error));
        auto c = fresh(**log);
        Collection *raw = c.get();
        if ((*log)->replay([raw](QByteArrayView d, qint64 at) { raw->restore(d, at); },
                           [raw](const QString &id) { raw->restoreRemoval(id); }, &error) < 0)
            qFatal("replay: %s", qPrintable(error));
        return c;
    }

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        const QDir dir(m_dir.path());
        for (const QString &f : dir.entryList(QDir::Files))
            QVERIFY(QFile::remove(dir.filePath(f)));
    }

    void documentsAreReadBeforeAndAfterTheCommit()
    {
        DocumentLog log(logPath());
        QString error;
        QVERIFY(log.open(&error));
        auto c = fresh(log);
        for (int i = 0; i < 20; ++i)
            write(*c, book(i));
        // Not committed yet: read from the log's buffer.
        QVERIFY(log.hasPending());
        QCOMPARE(log.size(), qint64(0));
        QCOMPARE(c->documentBytes("7"), compact(book(7)));
        const QByteArray before = searched(*c, {{"q", "oak"}, {"query_by", "title"}, {"facet_by", "genre"}});
        QVERIFY(before.contains("\"found\":20"));
        commit(log);
        // Committed: read from the file.
        QVERIFY(!log.hasPending());
        QVERIFY(log.size() > 0);
        QCOMPARE(*c->document("7"), book(7));
        QCOMPARE(searched(*c, {{"q", "oak"}, {"query_by", "title"}, {"facet_by", "genre"}}), before);
        QFile file(logPath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().contains(compact(book(7))));
        QCOMPARE(file.permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup), QFileDevice::Permissions());
    }

    void updatesAndDeletesAreSeenAtOnceAndAfterARestart()
    {
        std::unique_ptr<DocumentLog> log = std::make_unique<DocumentLog>(logPath());
        QString error;
        QVERIFY(log->open(&error));
        auto c = fresh(*log);
        for (int i = 0; i < 10; ++i)
            write(*c, book(i));
        commit(*log);
        write(*c, book(3, "a walnut story"));
        write(*c, QJsonObject{{"id", "4"}, {"year", 2024}}, WriteAction::Update);
        QJsonObject removed;
        QVERIFY(!c->remove("5", &removed).failed());
        QCOMPARE(removed, book(5));
        // Before the commit ...
        QCOMPARE(c->document("3")->value("title").toString(), QStringLiteral("a walnut story"));
        QCOMPARE(c->document("4")->value("year").toInt(), 2024);
        QCOMPARE(c->document("4")->value("title").toString(), book(4).value("title").toString());
        QVERIFY(!c->document("5").has_value());
        commit(*log);
        // ... after it ...
        QCOMPARE(c->document("3")->value("title").toString(), QStringLiteral("a walnut story"));
        QCOMPARE(c->numDocuments(), qsizetype(9));
        const QByteArray walnut = searched(*c, {{"q", "walnut"}, {"query_by", "title"}});
        QVERIFY(walnut.contains("\"found\":1"));
        const QByteArray all = exported(*c);
        const QByteArray oak = searched(*c, {{"q", "oak"}, {"query_by", "title"}, {"sort_by", "year:desc"}});
        c.reset();
        log.reset();
        // ... and after a restart.
        auto again = reopened(&log);
        QCOMPARE(again->numDocuments(), qsizetype(9));
        QVERIFY(!again->document("5").has_value());
        QCOMPARE(again->document("4")->value("year").toInt(), 2024);
        QCOMPARE(exported(*again), all);
        QCOMPARE(searched(*again, {{"q", "walnut"}, {"query_by", "title"}}), walnut);
        QCOMPARE(searched(*again, {{"q", "oak"}, {"query_by", "title"}, {"sort_by", "year:desc"}}), oak);
        // It keeps taking writes, which land after the replayed records.
        write(*again, book(42));
        commit(*log);
        QCOMPARE(*again->document("42"), book(42));
        again.reset();
        auto third = reopened(&log);
        QCOMPARE(third->numDocuments(), qsizetype(10));
        QCOMPARE(*third->document("42"), book(42));
    }

    void aTornOrDamagedTailIsDroppedAndWritingGoesOn_data()
    {
        QTest::addColumn<QByteArray>("tail");
        QTest::newRow("torn put") << QByteArray("{\"put\":{\"id\":\"99\",\"title\":\"half a bo");
        QTest::newRow("torn del") << QByteArray("{\"del\":\"1");
        QTest::newRow("damaged put") << QByteArray("{\"put\":{\"id\":\"99\",\"ti\x01tle\":\"x}\n");
        QTest::newRow("garbage line") << QByteArray("\x7f\x45\x4c\x46 not json\n");
    }
    void aTornOrDamagedTailIsDroppedAndWritingGoesOn()
    {
        QFETCH(QByteArray, tail);
        std::unique_ptr<DocumentLog> log = std::make_unique<DocumentLog>(logPath());
        QString error;
        QVERIFY(log->open(&error));
        auto c = fresh(*log);
        for (int i = 0; i < 5; ++i)
            write(*c, book(i));
        commit(*log);
        const QByteArray all = exported(*c);
        c.reset();
        log.reset();
        {
            QFile file(logPath());
            QVERIFY(file.open(QIODevice::Append));
            file.write(tail);
        }
        auto again = reopened(&log);
        QCOMPARE(again->numDocuments(), qsizetype(5));
        QCOMPARE(exported(*again), all);
        QVERIFY(!again->document("99").has_value());
        write(*again, book(7));
        commit(*log);
        again.reset();
        auto third = reopened(&log);
        QCOMPARE(third->numDocuments(), qsizetype(6));
        QCOMPARE(*third->document("7"), book(7));
        QCOMPARE(*third->document("1"), book(1));
    }

    void compactionKeepsTheLiveDocumentsOnly()
    {
        std::unique_ptr<DocumentLog> log = std::make_unique<DocumentLog>(logPath());
        QString error;
        QVERIFY(log->open(&error));
        auto c = fresh(*log);
        for (int round = 0; round < 5; ++round) {
            for (int i = 0; i < 50; ++i)
                write(*c, book(i, QStringLiteral("round %1 of book %2").arg(round).arg(i)));
            commit(*log);
        }
        QJsonObject removed;
        QVERIFY(!c->remove("10", &removed).failed());
        commit(*log);
        const qint64 before = QFileInfo(logPath()).size();
        const QByteArray all = exported(*c);
        const QByteArray round4 = searched(*c, {{"q", "round 4"}, {"query_by", "title"}, {"per_page", "100"}});
        QVERIFY(round4.contains("\"found\":49"));
        QVERIFY2(c->compactLog(&error), qPrintable(error));
        QCOMPARE(log->records(), qint64(49));
        QVERIFY(QFileInfo(logPath()).size() < before / 4);
        QCOMPARE(log->size(), QFileInfo(logPath()).size());
        // The documents are read from the new file at once ...
        QCOMPARE(exported(*c), all);
        QCOMPARE(searched(*c, {{"q", "round 4"}, {"query_by", "title"}, {"per_page", "100"}}), round4);
        // ... written after it ...
        write(*c, book(77));
        commit(*log);
        c.reset();
        // ... and after a restart.
        auto again = reopened(&log);
        QCOMPARE(again->numDocuments(), qsizetype(50));
        QCOMPARE(exported(*again), all + compact(book(77)) + '\n');
        QCOMPARE(log->records(), qint64(50));
        QVERIFY(QDir(m_dir.path()).entryList({"*.compact-*"}, QDir::Files).isEmpty());
    }

    void aCompactionCutShortLeavesTheOldLogWhole()
    {
        std::unique_ptr<DocumentLog> log = std::make_unique<DocumentLog>(logPath());
        QString error;
        QVERIFY(log->open(&error));
        auto c = fresh(*log);
        for (int i = 0; i < 30; ++i)
            write(*c, book(i));
        for (int i = 0; i < 30; ++i)
            write(*c, book(i, QStringLiteral("second edition %1").arg(i)));
        commit(*log);
        const QByteArray all = exported(*c);
        QFile original(logPath());
        QVERIFY(original.open(QIODevice::ReadOnly));
        const QByteArray bytes = original.readAll();
        c.reset();
        log.reset();
        // A crash while compacting: the new log was half written beside the old one, never renamed.
        QFile partial(logPath() + ".compact-AbC123");
        QVERIFY(partial.open(QIODevice::WriteOnly));
        partial.write(bytes.left(bytes.size() / 3));
        partial.close();

        auto again = reopened(&log);
        QCOMPARE(again->numDocuments(), qsizetype(30));
        QCOMPARE(exported(*again), all);
        QVERIFY(!QFile::exists(partial.fileName())); // cleaned up at open
        QFile after(logPath());
        QVERIFY(after.open(QIODevice::ReadOnly));
        QCOMPARE(after.readAll(), bytes);
    }

    void aCollectionWithoutAFileKeepsItsDocumentsInMemory()
    {
        std::unique_ptr<Collection> c;
        QVERIFY(!Collection::fromSchema(schema(), 1700000000, &c).failed());
        QJsonObject stored;
        QVERIFY(!c->write(book(1), WriteAction::Create, DirtyValues::Reject, QString(), &stored).failed());
        QCOMPARE(*c->document("1"), book(1));
        QVERIFY(!c->write(book(1, "retitled"), WriteAction::Upsert, DirtyValues::Reject, QString(), &stored).failed());
        QCOMPARE(c->document("1")->value("title").toString(), QStringLiteral("retitled"));
        QString error;
        QVERIFY(c->compactLog(&error));
        QCOMPARE(c->document("1")->value("title").toString(), QStringLiteral("retitled"));
        QCOMPARE(c->log().records(), qint64(1));
    }
};

QTEST_GUILESS_MAIN(TstDocumentLog)
#include "tst_document_log.moc"
