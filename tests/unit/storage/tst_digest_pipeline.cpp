// DigestPipeline as a unit: digests equal to one-shot ones for bodies below, at and far above
// the part hashed in place, fed in odd piece sizes; the hold-back contract (a backlog above the
// high-water mark holds the reader, finishing holds until every byte is hashed, and resume comes
// exactly once per hold, from the pool); and destruction with blocks still queued.
#include "storage/digest_pipeline.h"

#include <QCryptographicHash>
#include <QSemaphore>
#include <QTest>
#include <QThreadPool>

#include <atomic>

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
void feed(DigestPipeline &pipeline, const QByteArray &body, qsizetype piece, int *holds)
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

class TstDigestPipeline : public QObject
{
    Q_OBJECT

private slots:
    void digestsMatchOneShot_data()
    {
        QTest::addColumn<qsizetype>("size");
        QTest::addColumn<qsizetype>("piece");
        QTest::newRow("empty") << qsizetype(0) << qsizetype(1000);
        QTest::newRow("in place only") << qsizetype(300000) << qsizetype(65536);
        QTest::newRow("exactly the in-place part") << qsizetype(DigestPipeline::kSyncBytes) << qsizetype(4096);
        QTest::newRow("one byte past it") << qsizetype(DigestPipeline::kSyncBytes + 1) << qsizetype(524288);
        QTest::newRow("many blocks, odd pieces") << qsizetype(23 << 20) + 17 << qsizetype(777777);
        QTest::newRow("pieces larger than a block") << qsizetype(19 << 20) << qsizetype(3 << 20);
    }

    void digestsMatchOneShot()
    {
        QFETCH(qsizetype, size);
        QFETCH(qsizetype, piece);
        const QByteArray body = pattern(size, int(size));
        DigestPipeline pipeline(true, PayloadChecksum::Algorithm::Crc32c);
        int holds = 0;
        feed(pipeline, body, piece, &holds);
        QCOMPARE(pipeline.wentAsync(), size > DigestPipeline::kSyncBytes);
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
        QThreadPool *pool = DigestPipeline::digestPool();
        QSemaphore release;
        std::atomic<int> blocked{0};
        for (int i = 0; i < pool->maxThreadCount(); ++i)
            pool->start([&] {
                ++blocked;
                release.acquire();
            });
        QTRY_COMPARE(blocked.load(), pool->maxThreadCount());

        DigestPipeline pipeline(false, std::nullopt);
        const QByteArray body = pattern(DigestPipeline::kSyncBytes + DigestPipeline::kHighWaterBytes + (2 << 20), 3);
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
            DigestPipeline pipeline(true, std::nullopt);
            const QByteArray body = pattern(40 << 20, 9);
            pipeline.add(body.constData(), body.size());
            pipeline.holdsBack(true, [&] {
                ++resumes;
                if (destroyed)
                    ++lateResumes;
            });
        }
        destroyed = true;
        QVERIFY(DigestPipeline::digestPool()->waitForDone(20000));
        QVERIFY(resumes.load() <= 1);
        QCOMPARE(lateResumes.load(), 0);
    }
};

QTEST_GUILESS_MAIN(TstDigestPipeline)
#include "tst_digest_pipeline.moc"
