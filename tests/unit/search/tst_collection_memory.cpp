// Collection::memoryBytes(): the estimate of what a collection's index holds follows what the
// heap really gives it (glibc's own count of bytes in use, mallinfo2, around an import into a
// collection whose log is a file, so only the index is on the heap), grows with the documents
// and comes back down when documents are deleted or the collection is truncated (or when a
// replayed log's removals are dropped).

#include "collection_fixture.h"
#include "search/document_log.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

#include <malloc.h>

using namespace homeport::search;

namespace {

QJsonObject schema()
{
    return QJsonObject{
        {QStringLiteral("name"), QStringLiteral("products")},
        {QStringLiteral("fields"),
         QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("title")}, {QStringLiteral("type"), QStringLiteral("string")}},
                    QJsonObject{{QStringLiteral("name"), QStringLiteral("tags")}, {QStringLiteral("type"), QStringLiteral("string[]")},
                                {QStringLiteral("facet"), true}},
                    QJsonObject{{QStringLiteral("name"), QStringLiteral("price")}, {QStringLiteral("type"), QStringLiteral("float")}}}},
    };
}

// Titles from a small vocabulary plus a word of their own, so posting lists both grow long and
// stay single.
QJsonObject product(int i)
{
    static const char *const words[] = {"usb", "cable", "charger", "phone", "laptop", "stand", "desk", "lamp",
                                        "wireless", "mouse", "keyboard", "monitor", "speaker", "battery", "case"};
    QStringList title;
    for (int k = 0; k < 6; ++k)
        title << QString::fromLatin1(words[(i * 7 + k * 3) % 15]);
    title << QStringLiteral("model%1x").arg(i);
    return QJsonObject{{QStringLiteral("id"), QString::number(i)},
                       {QStringLiteral("title"), title.join(u' ')},
                       {QStringLiteral("tags"), QJsonArray{QString::fromLatin1(words[i % 15]), QStringLiteral("tag%1").arg(i % 200)}},
                       {QStringLiteral("price"), 1.5 * i}};
}

void addProducts(Collection &c, int from, int to)
{
    for (int i = from; i < to; ++i) {
        QJsonObject stored;
        const ApiError e = c.write(product(i), WriteAction::Create, DirtyValues::Reject, QString(), &stored);
        QVERIFY2(!e.failed(), qPrintable(e.message));
    }
}

void removeProducts(Collection &c, int from, int to)
{
    for (int i = from; i < to; ++i) {
        QJsonObject removed;
        QVERIFY(!c.remove(QString::number(i), &removed).failed());
    }
    c.dropRemovedDocuments();
}

// Bytes in use in malloc's arenas plus the large blocks it maps on their own.
qint64 heapInUse()
{
    const struct mallinfo2 info = mallinfo2();
    return qint64(info.uordblks + info.hblkhd);
}

} // namespace

class TestCollectionMemory : public QObject
{
    Q_OBJECT

private slots:
    void estimateFollowsTheHeap()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        DocumentLog log(dir.filePath(QStringLiteral("products.jsonl")));
        QString error;
        QVERIFY2(log.open(&error), qPrintable(error));
        auto c = makeCollection(schema());
        c->useLog(&log);
        // One document first: what the first write sets up once (analyzer tables and the like)
        // is not the index's.
        addProducts(*c, 0, 1);
        QVERIFY2(log.commit(&error), qPrintable(error));
        const qint64 estimateBefore = c->memoryBytes();
        const qint64 heapBefore = heapInUse();
        addProducts(*c, 1, 20000);
        QVERIFY2(log.commit(&error), qPrintable(error)); // the documents leave the heap for the file
        const qint64 heapGrowth = heapInUse() - heapBefore;
        const qint64 estimateGrowth = c->memoryBytes() - estimateBefore;
        qInfo() << "20k documents: estimate grew" << estimateGrowth << "bytes, the heap" << heapGrowth;
        QVERIFY(heapGrowth > 0);
        // Within a fifth of what the allocator counts.
        QVERIFY2(estimateGrowth > heapGrowth * 0.8 && estimateGrowth < heapGrowth * 1.2,
                 qPrintable(QStringLiteral("estimate %1, heap %2").arg(estimateGrowth).arg(heapGrowth)));
    }

    void growsWithDocumentsAndFallsAfterDeletes()
    {
        auto c = makeCollection(schema());
        const qint64 empty = c->memoryBytes();
        QVERIFY(empty > 0); // the dictionary's root, at least
        quint64 stamp = c->memoryStamp();
        addProducts(*c, 0, 1000);
        const qint64 thousand = c->memoryBytes();
        QVERIFY(c->memoryStamp() != stamp);
        addProducts(*c, 1000, 4000);
        const qint64 fourThousand = c->memoryBytes();
        QVERIFY2(thousand > empty + 1000 * 64, qPrintable(QString::number(thousand))); // a record, an id, a price each
        QVERIFY2(fourThousand > thousand * 3, qPrintable(QStringLiteral("%1 then %2").arg(thousand).arg(fourThousand)));

        // A few deletes leave dead entries in the index (rebuilding for them is not worth it)...
        stamp = c->memoryStamp();
        removeProducts(*c, 0, 500);
        QCOMPARE(c->numDocuments(), 3500);
        QVERIFY(c->memoryStamp() != stamp);
        QVERIFY(c->memoryBytes() <= fourThousand);
        // ...most of them rebuild it from the live documents: about what those alone take.
        removeProducts(*c, 500, 3000);
        QCOMPARE(c->numDocuments(), 1000);
        const qint64 afterDeletes = c->memoryBytes();
        auto same = makeCollection(schema());
        addProducts(*same, 3000, 4000);
        const qint64 fresh = same->memoryBytes();
        QVERIFY2(afterDeletes < fourThousand / 2, qPrintable(QStringLiteral("%1 of %2").arg(afterDeletes).arg(fourThousand)));
        QVERIFY2(afterDeletes < fresh * 1.25 && afterDeletes > fresh * 0.75,
                 qPrintable(QStringLiteral("%1, a fresh collection %2").arg(afterDeletes).arg(fresh)));
        // The documents are still found.
        QVERIFY(c->document(QStringLiteral("3999")).has_value());
        QVERIFY(!c->document(QStringLiteral("2999")).has_value());
        const QJsonObject found = run(*c, {{QStringLiteral("q"), QStringLiteral("model3500x")}, {QStringLiteral("query_by"), QStringLiteral("title")}});
        QCOMPARE(found.value(QStringLiteral("found")).toInt(), 1);

        // Truncated: back to an empty collection's figure.
        removeProducts(*c, 3000, 4000);
        QCOMPARE(c->numDocuments(), 0);
        QVERIFY2(c->memoryBytes() <= empty, qPrintable(QStringLiteral("%1, empty %2").arg(c->memoryBytes()).arg(empty)));
        // And it takes documents again.
        addProducts(*c, 0, 10);
        QCOMPARE(c->numDocuments(), 10);
        QVERIFY(c->memoryBytes() > empty);
    }

    void replayedRemovalsAreDropped()
    {
        // A log of 3000 documents, 2500 of them deleted, replayed as at start.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QString error;
        {
            DocumentLog log(dir.filePath(QStringLiteral("products.jsonl")));
            QVERIFY2(log.open(&error), qPrintable(error));
            auto c = makeCollection(schema());
            c->useLog(&log);
            addProducts(*c, 0, 3000);
            for (int i = 0; i < 2500; ++i) {
                QJsonObject removed;
                QVERIFY(!c->remove(QString::number(i), &removed).failed());
            }
            QVERIFY2(log.commit(&error), qPrintable(error));
        }
        DocumentLog log(dir.filePath(QStringLiteral("products.jsonl")));
        QVERIFY2(log.open(&error), qPrintable(error));
        auto c = makeCollection(schema());
        c->useLog(&log);
        Collection *raw = c.get();
        QVERIFY(log.replay([raw](QByteArrayView d, qint64 offset) { raw->restore(d, offset); },
                           [raw](const QString &id) { raw->restoreRemoval(id); }, &error) >= 0);
        QCOMPARE(c->numDocuments(), 500);
        const qint64 replayed = c->memoryBytes();
        QVERIFY(c->dropRemovedDocuments());
        QVERIFY(!c->dropRemovedDocuments()); // nothing dead is left
        auto same = makeCollection(schema());
        addProducts(*same, 2500, 3000);
        QVERIFY2(c->memoryBytes() < replayed / 2 && c->memoryBytes() < same->memoryBytes() * 1.25,
                 qPrintable(QStringLiteral("%1 after replay, %2 dropped, %3 fresh").arg(replayed).arg(c->memoryBytes()).arg(same->memoryBytes())));
        QVERIFY(c->document(QStringLiteral("2999")).has_value());
        const QJsonObject found = run(*c, {{QStringLiteral("q"), QStringLiteral("model2500x")}, {QStringLiteral("query_by"), QStringLiteral("title")}});
        QCOMPARE(found.value(QStringLiteral("found")).toInt(), 1);
    }
};

QTEST_GUILESS_MAIN(TestCollectionMemory)
#include "tst_collection_memory.moc"
