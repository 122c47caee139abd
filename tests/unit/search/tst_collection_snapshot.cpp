// Index snapshots: a collection read back from its snapshot answers every kind of search exactly
// as the collection that wrote it (and as one rebuilt from the document log), keeps taking
// writes, and replays only the log records written after it. A snapshot that is damaged, cut
// short, of a rewritten log or of another schema is refused, so the log is replayed instead.
#include "search/collection.h"
#include "search/document_log.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace homeport::search;

namespace {

QJsonObject schema()
{
    return QJsonDocument::fromJson(R"({"name":"shop","fields":[
        {"name":"title","type":"string"},
        {"name":"brand","type":"string","facet":true},
        {"name":"tags","type":"string[]","facet":true,"optional":true},
        {"name":"price","type":"float","facet":true},
        {"name":"stock","type":"int32"},
        {"name":"sale","type":"bool","optional":true},
        {"name":"where","type":"geopoint","optional":true},
        {"name":"attr_.*","type":"auto","optional":true,"facet":true}],
        "default_sorting_field":"stock"})").object();
}

std::unique_ptr<Collection> fresh()
{
    std::unique_ptr<Collection> c;
    if (const ApiError e = Collection::fromSchema(schema(), 1700000000, &c); e.failed())
        qFatal("schema: %s", qPrintable(e.message));
    return c;
}

// Writes through the collection (which logs the record) and commits, as the service does.
void put(Collection &c, DocumentLog &log, const QByteArray &json, WriteAction action = WriteAction::Upsert)
{
    QJsonObject stored;
    if (const ApiError e = c.write(QJsonDocument::fromJson(json).object(), action, DirtyValues::Reject, QString(), &stored); e.failed())
        qFatal("write %s: %s", json.constData(), qPrintable(e.message));
    QString error;
    if (!log.commit(&error))
        qFatal("commit: %s", qPrintable(error));
}

void removeDocument(Collection &c, DocumentLog &log, const QString &id)
{
    QJsonObject removed;
    if (c.remove(id, &removed).failed())
        qFatal("remove %s", qPrintable(id));
    QString error;
    log.commit(&error);
}

const QList<SearchParams> &queries()
{
    static const QList<SearchParams> all = {
        {{"q", "lamp"}, {"query_by", "title"}},
        {{"q", "lmap"}, {"query_by", "title,brand"}, {"facet_by", "brand,tags,price"}},
        {{"q", "des"}, {"query_by", "title"}, {"sort_by", "price:asc"}},
        {{"q", "oak desk lamp"}, {"query_by", "title,tags"}, {"per_page", "3"}, {"page", "2"}},
        {{"q", "*"}, {"filter_by", "price:<30 && sale:true"}, {"sort_by", "stock:desc"}},
        {{"q", "*"}, {"filter_by", "where:(48.85, 2.35, 50 km)"}, {"sort_by", "where(48.85, 2.35):asc"}},
        {{"q", "*"}, {"facet_by", "attr_color,attr_size"}, {"filter_by", "attr_color:=red"}},
        {{"q", "chair"}, {"query_by", "title"}, {"group_by", "brand"}, {"group_limit", "2"}},
        {{"q", "*"}, {"filter_by", "tags:=[office]"}, {"facet_by", "tags"}, {"per_page", "250"}},
    };
    return all;
}

QList<QByteArray> answers(const Collection &c)
{
    QList<QByteArray> out;
    for (const SearchParams &p : queries()) {
        ApiError e;
        QJsonObject r = c.search(p, &e);
        if (e.failed())
            qFatal("search: %s", qPrintable(e.message));
        r.remove("search_time_ms");
        out << QJsonDocument(r).toJson(QJsonDocument::Compact);
    }
    QByteArray exported;
    c.forEachDocument([&exported](const QByteArray &d) { exported += d + '\n'; });
    out << exported;
    return out;
}

// A collection rebuilt from the log alone.
std::unique_ptr<Collection> replayed(DocumentLog &log)
{
    auto c = fresh();
    c->useLog(&log);
    QString error;
    Collection *raw = c.get();
    if (log.replay([raw](QByteArrayView d, qint64 at) { raw->restore(d, at); }, [raw](const QString &id) { raw->restoreRemoval(id); }, &error) < 0)
        qFatal("replay: %s", qPrintable(error));
    return c;
}

} // namespace

class TstCollectionSnapshot : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString logPath() const { return m_dir.filePath("shop.jsonl"); }
    QString snapshotPath() const { return m_dir.filePath("shop.index"); }

    // A shop with every kind of field, an update, a removal and a field detected through `attr_.*`.
    std::unique_ptr<Collection> filled(DocumentLog &log)
    {
        auto c = fresh();
        c->useLog(&log);
        const char *brands[] = {"Acme", "Oakworks", "Lumen"};
        const char *things[] = {"desk lamp", "oak desk", "office chair", "floor lamp", "standing desk", "lamp shade"};
        for (int i = 0; i < 60; ++i) {
            QJsonObject d{{"id", QString::number(i)},
                          {"title", QStringLiteral("%1 %2 model %3").arg(QLatin1String(brands[i % 3]), QLatin1String(things[i % 6])).arg(i)},
                          {"brand", QLatin1String(brands[i % 3])},
                          {"price", 10.5 + (i * 7) % 40},
                          {"stock", (i * 13) % 17}};
            if (i % 2)
                d.insert("tags", QJsonArray{"office", i % 4 ? "home" : "sale"});
            if (i % 3 == 0)
                d.insert("sale", i % 2 == 0);
            if (i % 5 == 0)
                d.insert("where", QJsonArray{48.8 + i * 0.01, 2.3 + i * 0.01});
            if (i % 4 == 0)
                d.insert("attr_color", i % 8 ? "red" : "blue");
            if (i % 6 == 0)
                d.insert("attr_size", i % 12);
            put(*c, log, QJsonDocument(d).toJson(QJsonDocument::Compact));
        }
        put(*c, log, R"({"id":"7","title":"Lumen desk lamp, updated","brand":"Lumen","price":99,"stock":1})", WriteAction::Upsert);
        removeDocument(*c, log, "12");
        return c;
    }

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        QFile::remove(logPath());
        QFile::remove(snapshotPath());
    }

    void roundTripAnswersAsTheOriginal()
    {
        DocumentLog log(logPath());
        QString error;
        QVERIFY(log.open(&error));
        auto original = filled(log);
        const QList<QByteArray> expected = answers(*original);
        QVERIFY(expected.first().contains("\"found\":"));
        QCOMPARE(answers(*replayed(log)), expected); // the replay agrees, so the reference is sound

        QVERIFY2(original->writeSnapshot(snapshotPath(), logPath(), log.size(), log.records(), &error), qPrintable(error));
        auto loaded = fresh();
        loaded->useLog(&log);
        qint64 covered = -1, records = -1;
        QString why;
        QVERIFY2(loaded->readSnapshot(snapshotPath(), logPath(), &covered, &records, &why), qPrintable(why));
        QCOMPARE(covered, log.size());
        QCOMPARE(records, log.records());
        QCOMPARE(loaded->numDocuments(), original->numDocuments());
        QCOMPARE(answers(*loaded), expected);

        // Both take the same writes afterwards, new words and fields included.
        for (Collection *c : {original.get(), loaded.get()}) {
            QJsonObject stored;
            QVERIFY(!c->write(QJsonDocument::fromJson(R"({"id":"n","title":"walnut desk lamp","brand":"Novel","price":12,"stock":3,"attr_finish":"matte"})").object(),
                              WriteAction::Create, DirtyValues::Reject, QString(), &stored).failed());
            QJsonObject removed;
            QVERIFY(!c->remove("3", &removed).failed());
        }
        QCOMPARE(answers(*loaded), answers(*original));
        ApiError e;
        const QJsonObject walnut = loaded->search({{"q", "walnut"}, {"query_by", "title"}, {"facet_by", "attr_finish"}}, &e);
        QCOMPARE(walnut.value("found").toInt(), 1);
        QCOMPARE(walnut.value("facet_counts").toArray().at(0).toObject().value("counts").toArray().size(), 1);
    }

    void recordsAfterTheSnapshotAreReplayedFromItsEnd()
    {
        DocumentLog log(logPath());
        QString error;
        QVERIFY(log.open(&error));
        auto original = filled(log);
        QVERIFY(original->writeSnapshot(snapshotPath(), logPath(), log.size(), log.records(), &error));
        // Written after the snapshot (then a crash: no newer snapshot).
        put(*original, log, R"({"id":"late","title":"late lamp","brand":"Acme","price":5,"stock":2})");
        removeDocument(*original, log, "20");

        auto loaded = fresh();
        loaded->useLog(&log);
        qint64 covered = 0, records = 0;
        QString why;
        QVERIFY2(loaded->readSnapshot(snapshotPath(), logPath(), &covered, &records, &why), qPrintable(why));
        QVERIFY(covered < log.size());
        Collection *raw = loaded.get();
        const qint64 total = log.replay([raw](QByteArrayView d, qint64 at) { raw->restore(d, at); },
                                        [raw](const QString &id) { raw->restoreRemoval(id); }, &error, covered, records);
        QCOMPARE(total, log.records());
        QCOMPARE(answers(*loaded), answers(*original));
        QVERIFY(loaded->document("late").has_value());
        QVERIFY(!loaded->document("20").has_value());
    }

    void damagedOrForeignSnapshotsAreRefused_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::newRow("a flipped byte") << "flip";
        QTest::newRow("cut short") << "cut";
        QTest::newRow("empty") << "empty";
        QTest::newRow("not a snapshot") << "garbage";
        QTest::newRow("the log was rewritten") << "log";
        QTest::newRow("another schema") << "schema";
    }
    void damagedOrForeignSnapshotsAreRefused()
    {
        QFETCH(QString, damage);
        DocumentLog log(logPath());
        QString error;
        QVERIFY(log.open(&error));
        auto original = filled(log);
        QVERIFY(original->writeSnapshot(snapshotPath(), logPath(), log.size(), log.records(), &error));
        QFile file(snapshotPath());
        QVERIFY(file.open(QIODevice::ReadWrite));
        if (damage == "flip") {
            for (qint64 at : {file.size() / 2, file.size() - 3}) { // a document, then a facet column
                file.seek(at);
                char c = 0;
                file.getChar(&c);
                file.seek(at);
                file.putChar(char(c ^ 0x20));
            }
        } else if (damage == "cut") {
            file.resize(file.size() - 100);
        } else if (damage == "empty") {
            file.resize(0);
        } else if (damage == "garbage") {
            file.resize(0);
            file.write(QByteArray(4096, 'x'));
        } else if (damage == "log") {
            // the same documents compacted into a new log: other bytes, so the snapshot's offsets no longer hold
            QVERIFY2(original->compactLog(&error), qPrintable(error));
        }
        file.close();

        std::unique_ptr<Collection> loaded;
        if (damage == "schema") {
            QJsonObject other = schema();
            QJsonArray fields = other.value("fields").toArray();
            fields.append(QJsonObject{{"name", "extra"}, {"type", "string"}, {"optional", true}});
            other.insert("fields", fields);
            QVERIFY(!Collection::fromSchema(other, 1700000000, &loaded).failed());
        } else {
            loaded = fresh();
        }
        loaded->useLog(&log);
        qint64 covered = 0, records = 0;
        QString why;
        QVERIFY(!loaded->readSnapshot(snapshotPath(), logPath(), &covered, &records, &why));
        QVERIFY(!why.isEmpty());
        // The fallback, a replay of the whole log into a fresh collection, still has everything.
        if (damage != "schema")
            QCOMPARE(answers(*replayed(log)), answers(*original));
    }
};

QTEST_GUILESS_MAIN(TstCollectionSnapshot)
#include "tst_collection_snapshot.moc"
