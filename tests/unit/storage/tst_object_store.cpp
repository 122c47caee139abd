// The object store below the S3 API: multipart objects kept as their parts' files (segments
// that survive a restart and the orphan sweep, files removed when the object is replaced or
// deleted, part files left out of a Complete removed), leases that keep files on disk while a
// reader still needs them, SegmentedFile reading across part boundaries, a store whose
// objects table predates the rowid layout opened with every row intact, part rows committed on
// a second connection beside Completes on the first, and ReadAhead reading a GET's window into
// the page cache ahead of the send.
#include "storage/object_store.h"
#include "storage/read_ahead.h"
#include "storage/segmented_file.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <vector>
#include <sys/mman.h>
#include <unistd.h>

using namespace homeport::storage;

namespace {

int connectionNumber = 0;

// A part file installed the way an UploadPart installs its body.
QString installBytes(ObjectStore &store, const QByteArray &bytes)
{
    const QString temp = store.newTempPath();
    QFile out(temp);
    if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size())
        return {};
    out.close();
    QString error;
    return store.installFile(temp, &error);
}

QStringList dataFiles(const QString &root)
{
    QStringList out;
    for (QDirIterator it(root + QStringLiteral("/objects"), QDir::Files, QDirIterator::Subdirectories); it.hasNext();)
        out.append(QDir(root).relativeFilePath(it.next()));
    out.sort();
    return out;
}

// How many bytes of [offset, offset + length) of the file are in the page cache.
qint64 residentBytes(int fd, qint64 offset, qint64 length)
{
    void *map = ::mmap(nullptr, size_t(offset + length), PROT_READ, MAP_SHARED, fd, 0);
    if (map == MAP_FAILED)
        return -1;
    std::vector<unsigned char> pages(size_t((offset + length + 4095) / 4096));
    qint64 resident = 0;
    if (::mincore(map, size_t(offset + length), pages.data()) == 0) {
        for (size_t i = size_t(offset / 4096); i < pages.size(); ++i)
            resident += (pages[i] & 1) ? 4096 : 0;
    }
    ::munmap(map, size_t(offset + length));
    return resident;
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

QByteArray readAll(SegmentedFile &file, qint64 block)
{
    QByteArray out;
    for (;;) {
        const QByteArray chunk = file.read(block);
        if (chunk.isEmpty())
            return out;
        out += chunk;
    }
}

} // namespace

class TstObjectStore : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<ObjectStore> m_store;

    void openStore()
    {
        m_store = std::make_unique<ObjectStore>(m_dir.path(), QStringLiteral("tst-object-store-%1").arg(++connectionNumber));
        QString error;
        QVERIFY2(m_store->open(&error), qPrintable(error));
    }

    // An upload of the given parts, completed with `chosen` (part numbers); returns the object.
    ObjectRecord completeWith(const QByteArray &uploadId, const QByteArrayList &parts, const QList<int> &chosen)
    {
        UploadRecord upload;
        upload.id = uploadId;
        upload.bucket = QStringLiteral("b");
        upload.key = "k";
        QString error;
        if (!m_store->createUpload(upload, &error))
            qFatal("createUpload: %s", qPrintable(error));
        for (int i = 0; i < parts.size(); ++i) {
            PartRecord part{i + 1, parts[i].size(), "etag", 0, installBytes(*m_store, parts[i])};
            if (!m_store->putPart(uploadId, part, &error))
                qFatal("putPart: %s", qPrintable(error));
        }
        ObjectRecord record;
        record.key = "k";
        record.etag = "whatever-" + QByteArray::number(chosen.size());
        for (const PartRecord &p : m_store->parts(uploadId)) {
            if (chosen.contains(p.number)) {
                record.segments.append({p.file, p.size});
                record.size += p.size;
            }
        }
        if (!m_store->completeUpload(upload, record, &error))
            qFatal("completeUpload: %s", qPrintable(error));
        return record;
    }

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        openStore();
        QString error;
        QVERIFY(m_store->createBucket(QStringLiteral("b"), &error));
    }

    void cleanup()
    {
        m_store.reset();
        QDir(m_dir.path()).removeRecursively();
    }

    void anOlderWithoutRowidObjectsTableIsRebuiltWithItsRows()
    {
        // The objects table as stores before the rowid layout have it: WITHOUT ROWID, with the
        // columns later versions added, holding an inline, a file and a multipart object.
        const QString file = installBytes(*m_store, "file bytes");
        const QString part1 = installBytes(*m_store, "part one,");
        const QString part2 = installBytes(*m_store, "part two");
        QVERIFY(!file.isEmpty() && !part1.isEmpty() && !part2.isEmpty());
        m_store.reset();
        const QString dbPath = m_dir.path() + QStringLiteral("/storage.db");
        const QString raw = QStringLiteral("tst-object-store-raw-%1").arg(++connectionNumber);
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), raw);
            db.setDatabaseName(dbPath);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY2(q.exec(QStringLiteral("DROP TABLE objects")), qPrintable(q.lastError().text()));
            QVERIFY(q.exec(QStringLiteral(
                "CREATE TABLE objects(bucket TEXT NOT NULL, key BLOB NOT NULL, size INTEGER NOT NULL,"
                " etag TEXT NOT NULL, modified INTEGER NOT NULL, file TEXT NOT NULL, headers TEXT NOT NULL,"
                " PRIMARY KEY(bucket, key)) WITHOUT ROWID")));
            QVERIFY(q.exec(QStringLiteral("ALTER TABLE objects ADD COLUMN tags TEXT NOT NULL DEFAULT ''")));
            QVERIFY(q.exec(QStringLiteral("ALTER TABLE objects ADD COLUMN data BLOB")));
            QVERIFY(q.exec(QStringLiteral("ALTER TABLE objects ADD COLUMN segments TEXT")));
            QVERIFY(q.prepare(QStringLiteral("INSERT INTO objects VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")));
            const auto insert = [&](const QByteArray &key, qint64 size, const QString &f, const QVariant &data, const QVariant &segments) {
                q.addBindValue(QStringLiteral("b"));
                q.addBindValue(key);
                q.addBindValue(size);
                q.addBindValue(QStringLiteral("etag-") + QString::fromLatin1(key));
                q.addBindValue(qint64(1700000000000));
                q.addBindValue(f);
                q.addBindValue(encodeHeaders({{"Content-Type", "text/plain"}}));
                q.addBindValue(QStringLiteral("a=1"));
                q.addBindValue(data);
                q.addBindValue(segments);
                return q.exec();
            };
            QVERIFY2(insert("small", 5, QString(""), QByteArray("hello"), QVariant(QMetaType::fromType<QString>())), qPrintable(q.lastError().text()));
            QVERIFY(insert("with file", 10, file, QVariant(QMetaType::fromType<QByteArray>()), QVariant(QMetaType::fromType<QString>())));
            QVERIFY(insert("multi", 17, QString(""), QVariant(QMetaType::fromType<QByteArray>()),
                           encodeSegments({{part1, 9}, {part2, 8}})));
        }
        QSqlDatabase::removeDatabase(raw);

        openStore();
        const std::optional<ObjectRecord> small = m_store->object(QStringLiteral("b"), "small");
        QVERIFY(small);
        QVERIFY(small->isInline());
        QCOMPARE(small->data, QByteArray("hello"));
        QCOMPARE(small->etag, QByteArray("etag-small"));
        QCOMPARE(small->tags, QByteArray("a=1"));
        QCOMPARE(small->modifiedMs, qint64(1700000000000));
        QCOMPARE(small->headers, (homeport::http::HeaderList{{"Content-Type", "text/plain"}}));
        const std::optional<ObjectRecord> withFile = m_store->object(QStringLiteral("b"), "with file");
        QVERIFY(withFile);
        QCOMPARE(withFile->file, file);
        QCOMPARE(withFile->size, qint64(10));
        const std::optional<ObjectRecord> multi = m_store->object(QStringLiteral("b"), "multi");
        QVERIFY(multi);
        QCOMPARE(multi->segments, (QList<ObjectSegment>{{part1, 9}, {part2, 8}}));
        // The orphan sweep at open() saw the rows: every file they name is still there.
        QCOMPARE(dataFiles(m_dir.path()), sorted({file, part1, part2}));
        // Listing keeps S3's byte order, and the rebuilt table takes writes as before.
        ListPage page = m_store->list(QStringLiteral("b"), {}, {}, {}, 10);
        QCOMPARE(page.objects.size(), 3);
        QCOMPARE(page.objects[0].key, QByteArray("multi"));
        QCOMPARE(page.objects[1].key, QByteArray("small"));
        QCOMPARE(page.objects[2].key, QByteArray("with file"));
        ObjectRecord replacement;
        replacement.key = "with file";
        replacement.size = 3;
        replacement.etag = "new";
        replacement.data = "new";
        QString error;
        QVERIFY2(m_store->putObject(QStringLiteral("b"), replacement, &error), qPrintable(error));
        QCOMPARE(m_store->object(QStringLiteral("b"), "with file")->data, QByteArray("new"));
        QCOMPARE(dataFiles(m_dir.path()), sorted({part1, part2})); // the replaced version's file went

        // The table has rowids now, so a second open does not rebuild it again.
        m_store.reset();
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), raw);
            db.setDatabaseName(dbPath);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'objects'")));
            QVERIFY(q.next());
            QVERIFY2(!q.value(0).toString().contains(QLatin1String("WITHOUT ROWID")), qPrintable(q.value(0).toString()));
        }
        QSqlDatabase::removeDatabase(raw);
        openStore();
        QCOMPARE(m_store->list(QStringLiteral("b"), {}, {}, {}, 10).objects.size(), 3);
    }

    void segmentsRoundTripAndSurviveTheOrphanSweep()
    {
        const ObjectRecord made = completeWith("u1", {"first-", "second-", "third"}, {1, 3});
        QCOMPARE(made.segments.size(), 2);
        // Part 2 was left out of the object: its file is gone, the chosen ones stay where they were.
        QCOMPARE(dataFiles(m_dir.path()), sorted({made.segments[0].file, made.segments[1].file}));
        std::optional<ObjectRecord> read = m_store->object(QStringLiteral("b"), "k");
        QVERIFY(read);
        QVERIFY(!read->isInline());
        QVERIFY(read->file.isEmpty());
        QCOMPARE(read->segments, made.segments);
        QCOMPARE(read->size, qint64(11));
        QVERIFY(!m_store->upload("u1"));
        QVERIFY(m_store->parts("u1").isEmpty());

        // A restart keeps every segment file (rows name them) and removes a file nobody names.
        m_store.reset();
        QDir().mkpath(m_dir.path() + QStringLiteral("/objects/ee"));
        QFile stray(m_dir.path() + QStringLiteral("/objects/ee/eeee"));
        QVERIFY(stray.open(QIODevice::WriteOnly));
        stray.close();
        openStore();
        QVERIFY(!QFile::exists(stray.fileName()));
        read = m_store->object(QStringLiteral("b"), "k");
        QVERIFY(read);
        QCOMPARE(read->segments, made.segments);
        for (const ObjectSegment &s : made.segments)
            QVERIFY(QFile::exists(m_store->absolutePath(s.file)));
    }

    void replacingOrDeletingAMultipartObjectRemovesItsParts()
    {
        const ObjectRecord first = completeWith("u1", {"aaaa", "bbbb"}, {1, 2});
        // A second multipart upload of the same key replaces the first: only its files remain.
        const ObjectRecord second = completeWith("u2", {"cccc", "dddd"}, {1, 2});
        QCOMPARE(dataFiles(m_dir.path()), sorted({second.segments[0].file, second.segments[1].file}));
        // A plain PUT of the key replaces that one.
        ObjectRecord plain;
        plain.key = "k";
        plain.size = 3;
        plain.etag = "e";
        plain.file = installBytes(*m_store, "new");
        QString error;
        QVERIFY(m_store->putObject(QStringLiteral("b"), plain, &error));
        QCOMPARE(dataFiles(m_dir.path()), QStringList({plain.file}));
        // And a multipart object deleted takes its parts along.
        const ObjectRecord third = completeWith("u3", {"eeee", "ff"}, {1, 2});
        QCOMPARE(dataFiles(m_dir.path()).size(), 2);
        QVERIFY(m_store->deleteObject(QStringLiteral("b"), "k", &error));
        QVERIFY(dataFiles(m_dir.path()).isEmpty());
        Q_UNUSED(first);
        Q_UNUSED(third);
    }

    void partsCommittedOnAnotherConnection()
    {
        // Part rows are committed in batches on a connection of their own (the RowCommitter's)
        // while the service's connection completes and aborts uploads: a part uploaded again
        // leaves its old file to the caller until the batch committed; a Complete whose chosen
        // part was replaced since it read the parts is refused and changes nothing; a part for
        // an upload that is gone is refused and says so.
        UploadRecord upload;
        upload.id = "u-batch";
        upload.bucket = QStringLiteral("b");
        upload.key = "k";
        QString error;
        QVERIFY2(m_store->createUpload(upload, &error), qPrintable(error));
        ObjectStore committer(m_dir.path(), QStringLiteral("tst-object-store-commits-%1").arg(++connectionNumber));
        QVERIFY2(committer.openForCommits(&error), qPrintable(error));
        const auto commitPart = [&](const PartRecord &part, QStringList *replaced, bool *noUpload) {
            if (!committer.beginBatch(&error))
                return false;
            const bool written = committer.putPart(upload.id, part, &error, noUpload);
            return committer.endBatch(&error, replaced) && written;
        };

        const PartRecord first{1, 4, "e1", 0, installBytes(*m_store, "aaaa")};
        QStringList replaced;
        QVERIFY2(commitPart(first, &replaced, nullptr), qPrintable(error));
        QVERIFY(replaced.isEmpty());
        QCOMPARE(m_store->parts(upload.id).size(), 1); // the service's connection sees it at once
        ObjectRecord record; // the Complete's choice, made from what it read
        record.key = "k";
        record.etag = "x-1";
        record.size = 4;
        record.segments.append({first.file, 4});

        const PartRecord again{1, 4, "e2", 0, installBytes(*m_store, "bbbb")};
        QVERIFY2(commitPart(again, &replaced, nullptr), qPrintable(error));
        QCOMPARE(replaced, QStringList({first.file}));
        QVERIFY(QFile::exists(m_store->absolutePath(first.file))); // the caller's to remove
        m_store->removeFiles(replaced);

        bool partsChanged = false;
        QVERIFY(!m_store->completeUpload(upload, record, &error, &partsChanged));
        QVERIFY(partsChanged);
        QVERIFY(!m_store->object(QStringLiteral("b"), "k"));
        QVERIFY(m_store->upload(upload.id));
        record.segments = {{again.file, 4}};
        QVERIFY2(m_store->completeUpload(upload, record, &error), qPrintable(error));
        QCOMPARE(m_store->object(QStringLiteral("b"), "k")->segments, record.segments);

        bool noUpload = false;
        const PartRecord late{2, 4, "e3", 0, installBytes(*m_store, "cccc")};
        QVERIFY(!commitPart(late, &replaced, &noUpload));
        QVERIFY(noUpload);
        QVERIFY(m_store->parts(upload.id).isEmpty());
        m_store->removeFile(late.file);
        QCOMPARE(dataFiles(m_dir.path()), QStringList({again.file}));
    }

    void segmentedFileReadsAcrossBoundariesAndSeeks()
    {
        const QByteArray a = "0123456789", c = "abcdefghijklmnopqrstuvwxyz";
        QList<ObjectSegment> segments{{installBytes(*m_store, a), a.size()},
                                      {installBytes(*m_store, {}), 0}, // an empty part
                                      {installBytes(*m_store, c), c.size()}};
        SegmentedFile file(m_store->root(), segments, m_store->lease({}));
        QVERIFY(file.open(QIODevice::ReadOnly | QIODevice::Unbuffered));
        QCOMPARE(file.size(), qint64(36));
        QCOMPARE(readAll(file, 7), a + c);
        QVERIFY(file.seek(8));
        QCOMPARE(file.read(5), QByteArray("89abc"));
        QVERIFY(file.seek(10));
        QCOMPARE(file.read(100), c);
        QVERIFY(file.seek(36));
        QVERIFY(file.read(10).isEmpty());
        QVERIFY(!file.seek(37));

        // A missing part file is an error, not a short body taken for a whole one.
        QVERIFY(QFile::remove(m_store->absolutePath(segments[2].file)));
        SegmentedFile broken(m_store->root(), segments, {});
        QVERIFY(broken.open(QIODevice::ReadOnly | QIODevice::Unbuffered));
        QCOMPARE(broken.read(10), a);
        QCOMPARE(broken.read(10), QByteArray()); // read() gives an empty array on error
        QVERIFY(!broken.errorString().isEmpty());
    }

    void aLeaseKeepsFilesUntilTheReaderEnds()
    {
        const ObjectRecord made = completeWith("u1", {QByteArray(1000, 'x'), QByteArray(500, 'y')}, {1, 2});
        auto reader = std::make_unique<SegmentedFile>(m_store->root(), made.segments, m_store->lease(made.files()));
        QVERIFY(reader->open(QIODevice::ReadOnly | QIODevice::Unbuffered));
        QCOMPARE(reader->read(100), QByteArray(100, 'x'));
        // The object is deleted while the reader is halfway: its files stay until the reader goes.
        QString error;
        QVERIFY(m_store->deleteObject(QStringLiteral("b"), "k", &error));
        QVERIFY(!m_store->object(QStringLiteral("b"), "k"));
        QCOMPARE(dataFiles(m_dir.path()).size(), 2);
        QCOMPARE(readAll(*reader, 64), QByteArray(900, 'x') + QByteArray(500, 'y'));
        reader.reset();
        QVERIFY(dataFiles(m_dir.path()).isEmpty());

        // Leases count: a file held twice stays until both end; an unleased file goes at once.
        const QString f = installBytes(*m_store, "held");
        const QString g = installBytes(*m_store, "free");
        FileLease one = m_store->lease({f});
        FileLease two = m_store->lease({f});
        m_store->removeFiles({f, g});
        QVERIFY(QFile::exists(m_store->absolutePath(f)));
        QVERIFY(!QFile::exists(m_store->absolutePath(g)));
        one = FileLease();
        QVERIFY(QFile::exists(m_store->absolutePath(f)));
        two = FileLease();
        QVERIFY(!QFile::exists(m_store->absolutePath(f)));
        // A lease that outlives its store does nothing when it ends.
        const QString h = installBytes(*m_store, "late");
        FileLease late = m_store->lease({h});
        m_store.reset();
        late = FileLease();
        QVERIFY(QFile::exists(m_dir.path() + u'/' + h));
    }

    void readAheadReadsTheWindowAheadOfTheSend()
    {
        // A file not in the page cache (written, synced, dropped), then a GET's read-ahead at
        // its start and later at its middle: each time the window after the position is read
        // by the read-ahead's thread, while nothing here reads the file.
        const qint64 size = 4 * ReadAhead::kWindow;
        const QString path = m_dir.filePath(QStringLiteral("cold.bin"));
        {
            QFile out(path);
            QVERIFY(out.open(QIODevice::WriteOnly));
            const QByteArray block(1 << 20, 'x');
            for (qint64 at = 0; at < size; at += block.size())
                QCOMPARE(out.write(block), qint64(block.size()));
            QVERIFY(out.flush());
            QCOMPARE(::fsync(out.handle()), 0);
        }
        const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
        QVERIFY(fd >= 0);
        ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
        if (residentBytes(fd, 0, size) > size / 4) {
            ::close(fd);
            QSKIP("this file system keeps the file in memory: nothing to read ahead");
        }
        ReadAhead readAhead;
        readAhead.advance(fd, 0, size);
        QTRY_COMPARE_WITH_TIMEOUT(residentBytes(fd, 0, ReadAhead::kWindow), ReadAhead::kWindow, 10000);
        const qint64 middle = 2 * ReadAhead::kWindow;
        readAhead.advance(fd, middle, size);
        QTRY_COMPARE_WITH_TIMEOUT(residentBytes(fd, middle, ReadAhead::kWindow), ReadAhead::kWindow, 10000);
        // The bytes read through the GET's descriptor are the file's.
        QByteArray head(4096, Qt::Uninitialized);
        QCOMPARE(::pread(fd, head.data(), size_t(head.size()), middle), ssize_t(head.size()));
        QCOMPARE(head, QByteArray(4096, 'x'));
        ::close(fd);
    }
};

QTEST_GUILESS_MAIN(TstObjectStore)
#include "tst_object_store.moc"
