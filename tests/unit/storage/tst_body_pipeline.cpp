// BodyPipeline as a unit: digests equal to one-shot ones for bodies below, at and far above
// the part hashed in place, fed in odd piece sizes; the hold-back contract (a backlog above the
// high-water mark holds the reader, finishing holds until every byte is hashed, and resume comes
// exactly once per hold, from the pool); destruction with blocks still queued; and the body's
// file: every byte written, in order, with O_DIRECT (aligned blocks, an unaligned last piece
// through the page cache) and without, after bytes first kept in memory, and a failed write
// reported instead of hanging the reader; bodies announced large hashed on the pool from their
// first byte; finished bodies' blocks kept for the next ones (never leaking a byte between
// bodies) and freed when idle; a file the pipeline creates itself on its file thread (and a
// failure to create it reported as a failed write).
#include "storage/body_pipeline.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSemaphore>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <memory>
#include <vector>

using namespace homeport::storage;

namespace {

QByteArray pattern(qsizetype size, int seed)
{
    QByteArray out(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        out[i] = char((quint32(i + seed) * 2654435761u) >> 11);
    return out;
}

// Feeds body in pieces the way the engine does: stop while held, go on after resume().
void feed(BodyPipeline &pipeline, const QByteArray &body, qsizetype piece, int *holds)
{
    for (qsizetype at = 0; at < body.size(); at += piece) {
        QSemaphore resumed;
        if (pipeline.holdsBack(false, [&resumed] { resumed.release(); })) {
            ++*holds;
            QVERIFY(resumed.tryAcquire(1, 20000));
        }
        pipeline.add(body.constData() + at, qMin(piece, body.size() - at));
    }
    QSemaphore resumed;
    if (pipeline.holdsBack(true, [&resumed] { resumed.release(); })) {
        QVERIFY(resumed.tryAcquire(1, 20000));
        QSemaphore again; // once resumed for finishing, nothing is left
        QVERIFY(!pipeline.holdsBack(true, [&again] { again.release(); }));
    }
}

} // namespace

class TstBodyPipeline : public QObject
{
    Q_OBJECT

private slots:
    void digestsMatchOneShot_data()
    {
        QTest::addColumn<qsizetype>("size");
        QTest::addColumn<qsizetype>("piece");
        QTest::addColumn<bool>("announced"); // the pipeline is told the body's length up front
        QTest::newRow("empty") << qsizetype(0) << qsizetype(1000) << false;
        QTest::newRow("in place only") << qsizetype(300000) << qsizetype(65536) << false;
        QTest::newRow("in place only, announced") << qsizetype(300000) << qsizetype(65536) << true;
        QTest::newRow("exactly the in-place part") << qsizetype(BodyPipeline::kSyncBytes) << qsizetype(4096) << false;
        QTest::newRow("exactly the in-place part, announced") << qsizetype(BodyPipeline::kSyncBytes) << qsizetype(4096) << true;
        QTest::newRow("one byte past it") << qsizetype(BodyPipeline::kSyncBytes + 1) << qsizetype(524288) << false;
        QTest::newRow("one byte past it, announced") << qsizetype(BodyPipeline::kSyncBytes + 1) << qsizetype(524288) << true;
        QTest::newRow("many blocks, odd pieces") << qsizetype(23 << 20) + 17 << qsizetype(777777) << false;
        QTest::newRow("many blocks, odd pieces, announced") << qsizetype(23 << 20) + 17 << qsizetype(777777) << true;
        QTest::newRow("pieces larger than a block") << qsizetype(19 << 20) << qsizetype(3 << 20) << false;
    }

    void digestsMatchOneShot()
    {
        QFETCH(qsizetype, size);
        QFETCH(qsizetype, piece);
        QFETCH(bool, announced);
        const QByteArray body = pattern(size, int(size));
        BodyPipeline pipeline(true, PayloadChecksum::Algorithm::Crc32c, announced ? size : -1);
        int holds = 0;
        feed(pipeline, body, piece, &holds);
        QCOMPARE(pipeline.wentAsync(), size > BodyPipeline::kSyncBytes);
        // A body announced above the in-place part is hashed on the pool from its first byte.
        QCOMPARE(pipeline.hashedInPlace(), announced && size > BodyPipeline::kSyncBytes ? 0 : qMin<qint64>(size, BodyPipeline::kSyncBytes));
        QCOMPARE(pipeline.md5(), QCryptographicHash::hash(body, QCryptographicHash::Md5));
        QCOMPARE(pipeline.sha256(), QCryptographicHash::hash(body, QCryptographicHash::Sha256));
        QCOMPARE(pipeline.checksum()->base64Result(), [&] {
            PayloadChecksum crc(PayloadChecksum::Algorithm::Crc32c);
            crc.addData(body.constData(), body.size());
            return crc.base64Result();
        }());
    }

    void backlogHoldsTheReader()
    {
        // Fed faster than the pool can hash (the pool is kept busy first), the backlog reaches
        // the high-water mark and holdsBack() says so; resume comes once it drained to the low one.
        QThreadPool *pool = BodyPipeline::digestPool();
        QSemaphore release;
        std::atomic<int> blocked{0};
        for (int i = 0; i < pool->maxThreadCount(); ++i)
            pool->start([&] {
                ++blocked;
                release.acquire();
            });
        QTRY_COMPARE(blocked.load(), pool->maxThreadCount());

        BodyPipeline pipeline(false, std::nullopt);
        const QByteArray body = pattern(BodyPipeline::kSyncBytes + BodyPipeline::kHighWaterBytes + (2 << 20), 3);
        pipeline.add(body.constData(), body.size());
        std::atomic<int> resumes{0};
        QVERIFY(pipeline.holdsBack(false, [&] { ++resumes; }));
        QCOMPARE(resumes.load(), 0); // nothing hashed yet: the pool is busy
        release.release(pool->maxThreadCount());
        QTRY_COMPARE_WITH_TIMEOUT(resumes.load(), 1, 20000);
        QSemaphore finished;
        if (pipeline.holdsBack(true, [&] { finished.release(); }))
            QVERIFY(finished.tryAcquire(1, 20000));
        QCOMPARE(resumes.load(), 1); // once per hold
        QCOMPARE(pipeline.md5(), QCryptographicHash::hash(body, QCryptographicHash::Md5));
    }

    void destroyedWithBlocksQueued()
    {
        // A client gone mid-body: the pipeline goes with blocks still queued. Destruction waits
        // for the block being hashed only, and the resume function is never called after it.
        std::atomic<int> resumes{0};
        std::atomic<bool> destroyed{false};
        std::atomic<int> lateResumes{0};
        {
            BodyPipeline pipeline(true, std::nullopt);
            const QByteArray body = pattern(40 << 20, 9);
            pipeline.add(body.constData(), body.size());
            pipeline.holdsBack(true, [&] {
                ++resumes;
                if (destroyed)
                    ++lateResumes;
            });
        }
        destroyed = true;
        QVERIFY(BodyPipeline::digestPool()->waitForDone(20000));
        QVERIFY(resumes.load() <= 1);
        QCOMPARE(lateResumes.load(), 0);
    }

    void fileGetsEveryByte_data()
    {
        QTest::addColumn<qsizetype>("size");
        QTest::addColumn<qsizetype>("piece");
        QTest::addColumn<qsizetype>("keptFirst"); // bytes added before the file was attached
        QTest::addColumn<bool>("direct");
        QTest::addColumn<bool>("announced"); // the pipeline is told the body's length up front
        QTest::newRow("tiny, direct") << qsizetype(100) << qsizetype(7) << qsizetype(0) << true << false;
        QTest::newRow("one aligned block, direct") << qsizetype(BodyPipeline::kBlockBytes) << qsizetype(65536) << qsizetype(0) << true << false;
        QTest::newRow("many blocks and an unaligned end, direct") << qsizetype(21 << 20) + 4097 << qsizetype(777777) << qsizetype(0) << true << false;
        QTest::newRow("a 5 MiB part, announced, direct") << qsizetype(5 << 20) << qsizetype(65536) << qsizetype(0) << true << true;
        QTest::newRow("announced with an unaligned end, direct") << qsizetype(6 << 20) + 1000 << qsizetype(300001) << qsizetype(0) << true << true;
        QTest::newRow("aligned end past the last block, direct") << qsizetype(13 << 20) + 8192 << qsizetype(1 << 20) << qsizetype(0) << true << false;
        QTest::newRow("kept in memory first, direct") << qsizetype(9 << 20) + 3 << qsizetype(100000) << qsizetype(131072) << true << false;
        QTest::newRow("many blocks, page cache") << qsizetype(17 << 20) + 5 << qsizetype(524287) << qsizetype(0) << false << false;
        QTest::newRow("announced, page cache") << qsizetype(3 << 20) + 5 << qsizetype(524287) << qsizetype(0) << false << true;
        QTest::newRow("kept in memory first, page cache") << qsizetype(300000) << qsizetype(4096) << qsizetype(65537) << false << false;
    }

    void fileGetsEveryByte()
    {
        QFETCH(qsizetype, size);
        QFETCH(qsizetype, piece);
        QFETCH(qsizetype, keptFirst);
        QFETCH(bool, direct);
        QFETCH(bool, announced);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QByteArray path = QFile::encodeName(dir.filePath(QStringLiteral("body")));
        const int flags = O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC;
        int fd = direct ? ::open(path.constData(), flags | O_DIRECT, 0600) : -1;
        const bool openedDirect = fd >= 0;
        if (fd < 0)
            fd = ::open(path.constData(), flags, 0600); // no O_DIRECT here: the page-cache path
        QVERIFY(fd >= 0);

        const QByteArray body = pattern(size, int(size) + 5);
        BodyPipeline pipeline(false, PayloadChecksum::Algorithm::Crc32, announced ? size : -1);
        pipeline.add(body.constData(), keptFirst);
        pipeline.writeFile(fd, openedDirect, QByteArrayView(body).first(keptFirst));
        int holds = 0;
        feed(pipeline, body.mid(keptFirst), piece, &holds);
        QVERIFY(!pipeline.fileFailed());
        QCOMPARE(pipeline.wroteDirect(), openedDirect && size >= BodyPipeline::kDirectAlignment);
        QCOMPARE(::close(fd), 0);

        QFile written(QString::fromLocal8Bit(path));
        QVERIFY(written.open(QIODevice::ReadOnly));
        QCOMPARE(written.size(), size);
        QVERIFY(written.readAll() == body);
        QCOMPARE(pipeline.md5(), QCryptographicHash::hash(body, QCryptographicHash::Md5));
        PayloadChecksum crc(PayloadChecksum::Algorithm::Crc32);
        crc.addData(body.constData(), body.size());
        QCOMPARE(pipeline.checksum()->base64Result(), crc.base64Result());
    }

    void blocksAreKeptForTheNextBodies()
    {
        // A finished body's blocks are kept (up to kCachedBlocksMax) and the next bodies take
        // them: their files and digests are those of their own bytes, never a byte of the body
        // the blocks held before, also when more bodies are in flight than blocks are kept.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        constexpr int kBodies = 6; // 6 x 6 blocks in flight at once: more than are kept
        const qsizetype size = 6 * BodyPipeline::kBlockBytes - 512;
        for (int round = 0; round < 2; ++round) {
            std::vector<std::unique_ptr<BodyPipeline>> pipelines;
            std::vector<int> fds;
            std::vector<QByteArray> bodies;
            for (int i = 0; i < kBodies; ++i) {
                const QByteArray path = QFile::encodeName(dir.filePath(QStringLiteral("body-%1-%2").arg(round).arg(i)));
                fds.push_back(::open(path.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
                QVERIFY(fds.back() >= 0);
                bodies.push_back(pattern(size, round * 100 + i));
                pipelines.push_back(std::make_unique<BodyPipeline>(false, std::nullopt, size));
                pipelines.back()->writeFile(fds.back(), false, {});
                pipelines.back()->add(bodies.back().constData(), bodies.back().size()); // all blocks at once
            }
            for (int i = 0; i < kBodies; ++i) {
                int holds = 0;
                feed(*pipelines[size_t(i)], QByteArray(), 1, &holds); // waits for every byte
                QVERIFY(!pipelines[size_t(i)]->fileFailed());
                QCOMPARE(pipelines[size_t(i)]->md5(), QCryptographicHash::hash(bodies[size_t(i)], QCryptographicHash::Md5));
                QCOMPARE(::close(fds[size_t(i)]), 0);
            }
            pipelines.clear();
            QCOMPARE(BodyPipeline::cachedBlocks(), BodyPipeline::kCachedBlocksMax);
            for (int i = 0; i < kBodies; ++i) {
                QFile written(dir.filePath(QStringLiteral("body-%1-%2").arg(round).arg(i)));
                QVERIFY(written.open(QIODevice::ReadOnly));
                QVERIFY(written.readAll() == bodies[size_t(i)]);
            }
        }
        // Freed only after a whole interval in which no body took one.
        QCOMPARE(BodyPipeline::releaseIdleBlocks(), 0);
        QCOMPARE(BodyPipeline::cachedBlocks(), BodyPipeline::kCachedBlocksMax);
        QCOMPARE(BodyPipeline::releaseIdleBlocks(), BodyPipeline::kCachedBlocksMax);
        QCOMPARE(BodyPipeline::cachedBlocks(), 0);
    }

    void pipelineCreatesItsOwnFile_data()
    {
        QTest::addColumn<qsizetype>("size");
        QTest::addColumn<bool>("direct");
        QTest::newRow("empty") << qsizetype(0) << true;
        QTest::newRow("a 5 MiB part with an odd end, direct") << qsizetype(5 << 20) + 77 << true;
        QTest::newRow("page cache") << qsizetype(3 << 20) + 1 << false;
    }

    void pipelineCreatesItsOwnFile()
    {
        // openFile(): the pipeline creates the file on its file thread, writes every byte,
        // and closeFile() closes it (creating it for an empty body, which has no write).
        QFETCH(qsizetype, size);
        QFETCH(bool, direct);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("body"));
        const QByteArray body = pattern(size, 21);
        BodyPipeline pipeline(false, std::nullopt, size);
        pipeline.openFile(path, direct, {});
        int holds = 0;
        feed(pipeline, body, 262144, &holds);
        QString error;
        QVERIFY2(pipeline.closeFile(&error), qPrintable(error));
        QFile written(path);
        QVERIFY(written.open(QIODevice::ReadOnly));
        QVERIFY(written.readAll() == body);
        QCOMPARE(pipeline.md5(), QCryptographicHash::hash(body, QCryptographicHash::Md5));
    }

    void fileThatCannotBeCreatedIsAFailedWrite()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QByteArray body = pattern(3 << 20, 5);
        BodyPipeline pipeline(false, std::nullopt, body.size());
        pipeline.openFile(dir.filePath(QStringLiteral("missing/body")), true, {});
        int holds = 0;
        feed(pipeline, body, 1 << 20, &holds);
        QVERIFY(pipeline.fileFailed());
        QVERIFY(!pipeline.fileError().isEmpty());
        QString error;
        QVERIFY(!pipeline.closeFile(&error));
        QVERIFY(!error.isEmpty());
        QCOMPARE(pipeline.md5(), QCryptographicHash::hash(body, QCryptographicHash::Md5)); // the digests still finish
    }

    void failedWriteIsReported()
    {
        // A descriptor that cannot be written (as a full or failing disk): the reader is not
        // held forever, the failure and its reason come out, and the digests still finish.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QByteArray path = QFile::encodeName(dir.filePath(QStringLiteral("body")));
        QFile create(QString::fromLocal8Bit(path));
        QVERIFY(create.open(QIODevice::WriteOnly));
        create.close();
        const int fd = ::open(path.constData(), O_RDONLY | O_CLOEXEC);
        QVERIFY(fd >= 0);
        const QByteArray body = pattern(6 << 20, 11);
        BodyPipeline pipeline(false, std::nullopt);
        pipeline.writeFile(fd, false, {});
        int holds = 0;
        feed(pipeline, body, 1 << 20, &holds);
        QVERIFY(pipeline.fileFailed());
        QVERIFY(!pipeline.fileError().isEmpty());
        QCOMPARE(pipeline.md5(), QCryptographicHash::hash(body, QCryptographicHash::Md5));
        ::close(fd);
    }
};

QTEST_GUILESS_MAIN(TstBodyPipeline)
#include "tst_body_pipeline.moc"
