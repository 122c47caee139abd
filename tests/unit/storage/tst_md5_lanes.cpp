// The MD5 lanes against OpenSSL's MD5 (StreamDigest): every kernel this CPU supports with every
// lane count it takes, each lane with its own random bytes; the dispatcher with 1 to 16 lanes;
// the padding for tails of every length around the 55/56/64-byte edges and the incremental
// LaneMd5 fed in random pieces; and the shared engine from many threads at once, with streams of
// different lengths joining and leaving its rounds.
#include "storage/md5_lane_engine.h"
#include "storage/stream_digest.h"

#include <QRandomGenerator>
#include <QTest>

#include <thread>
#include <vector>

using namespace homeport::storage;

namespace {

QByteArray randomBytes(QRandomGenerator &random, qsizetype size)
{
    QByteArray out(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        out[i] = char(random.generate() & 0xff);
    return out;
}

QByteArray openSslMd5(const QByteArray &data)
{
    return StreamDigest::hash(data, StreamDigest::Algorithm::Md5);
}

QByteArray finished(const md5lanes::State &state, const QByteArray &data)
{
    unsigned char digest[16];
    md5lanes::finish(state, nullptr, 0, quint64(data.size()), digest);
    return QByteArray(reinterpret_cast<const char *>(digest), 16);
}

const md5lanes::Kernel kAllKernels[] = {md5lanes::Kernel::Scalar,   md5lanes::Kernel::Sse2x4,   md5lanes::Kernel::Avx2x8,
                                        md5lanes::Kernel::Avx512x4, md5lanes::Kernel::Avx512x8, md5lanes::Kernel::Avx512x16};

} // namespace

class TstMd5Lanes : public QObject
{
    Q_OBJECT

private slots:
    void everyKernelAndLaneCount()
    {
        QRandomGenerator random(7);
        int kernelsRun = 0;
        for (const md5lanes::Kernel kernel : kAllKernels) {
            if (!md5lanes::supported(kernel))
                continue;
            ++kernelsRun;
            for (int lanes = 1; lanes <= md5lanes::width(kernel); ++lanes) {
                for (const size_t blocks : {size_t(1), size_t(2), size_t(17)}) {
                    std::vector<QByteArray> inputs;
                    std::vector<md5lanes::State> states(size_t(lanes), md5lanes::kInitial);
                    std::vector<md5lanes::State *> statePointers;
                    std::vector<const unsigned char *> dataPointers;
                    for (int lane = 0; lane < lanes; ++lane)
                        inputs.push_back(randomBytes(random, qsizetype(blocks * md5lanes::kBlockBytes)));
                    for (int lane = 0; lane < lanes; ++lane) {
                        statePointers.push_back(&states[size_t(lane)]);
                        dataPointers.push_back(reinterpret_cast<const unsigned char *>(inputs[size_t(lane)].constData()));
                    }
                    md5lanes::compressWith(kernel, statePointers.data(), dataPointers.data(), lanes, blocks);
                    for (int lane = 0; lane < lanes; ++lane) {
                        QVERIFY2(finished(states[size_t(lane)], inputs[size_t(lane)]) == openSslMd5(inputs[size_t(lane)]),
                                 qPrintable(QStringLiteral("%1, %2 lanes, lane %3, %4 blocks")
                                                .arg(QLatin1String(md5lanes::name(kernel)))
                                                .arg(lanes)
                                                .arg(lane)
                                                .arg(blocks)));
                    }
                }
            }
        }
        QVERIFY(kernelsRun >= 1);
        qInfo("kernels run: %d; compress() uses %s for 4 lanes, %s for 16", kernelsRun, md5lanes::name(md5lanes::bestFor(4)),
              md5lanes::name(md5lanes::bestFor(16)));
    }

    void dispatcherSplitsAnyLaneCount()
    {
        QRandomGenerator random(11);
        for (int lanes = 1; lanes <= md5lanes::kMaxLanes; ++lanes) {
            const size_t blocks = 1 + random.bounded(40);
            std::vector<QByteArray> inputs;
            std::vector<md5lanes::State> states(static_cast<size_t>(lanes));
            std::vector<md5lanes::State *> statePointers;
            std::vector<const unsigned char *> dataPointers;
            for (int lane = 0; lane < lanes; ++lane)
                inputs.push_back(randomBytes(random, qsizetype(blocks * md5lanes::kBlockBytes)));
            for (int lane = 0; lane < lanes; ++lane) {
                // A lane may start mid-stream: run a first block scalar, the rest in lanes.
                states[size_t(lane)] = md5lanes::kInitial;
                md5lanes::compressScalar(states[size_t(lane)], reinterpret_cast<const unsigned char *>(inputs[size_t(lane)].constData()), 1);
                statePointers.push_back(&states[size_t(lane)]);
                dataPointers.push_back(reinterpret_cast<const unsigned char *>(inputs[size_t(lane)].constData()) + md5lanes::kBlockBytes);
            }
            md5lanes::compress(statePointers.data(), dataPointers.data(), lanes, blocks - 1);
            for (int lane = 0; lane < lanes; ++lane)
                QCOMPARE(finished(states[size_t(lane)], inputs[size_t(lane)]), openSslMd5(inputs[size_t(lane)]));
        }
    }

    void paddingAndPieces()
    {
        QRandomGenerator random(13);
        std::vector<qsizetype> sizes;
        for (qsizetype size = 0; size <= 200; ++size)
            sizes.push_back(size);
        for (const qsizetype size : {1000, 4095, 4096, 65536 + 55, 1 << 20, (1 << 20) + 63, 3000001})
            sizes.push_back(size);
        for (const qsizetype size : sizes) {
            const QByteArray data = randomBytes(random, size);
            for (const bool shared : {false, true}) {
                LaneMd5 md5;
                qsizetype at = 0;
                while (at < size) {
                    const qsizetype piece = qMin<qsizetype>(size - at, 1 + random.bounded(size < 300 ? 70 : 300000));
                    md5.addData(data.constData() + at, piece, shared);
                    at += piece;
                }
                QVERIFY2(md5.result() == openSslMd5(data), qPrintable(QStringLiteral("%1 bytes, shared %2").arg(size).arg(shared)));
                md5.addData("ignored after the result", 24, shared);
                QCOMPARE(md5.result(), openSslMd5(data));
            }
        }
    }

    void engineFromManyThreads()
    {
        // 12 threads, each hashing 3 streams one after another of 0.2-3 MiB in 1 MiB-ish pieces (as
        // BodyPipeline hands them over), so rounds run with 1 to 12 lanes of unequal lengths.
        constexpr int kThreads = 12;
        std::vector<std::vector<QByteArray>> inputs(kThreads);
        std::vector<std::vector<QByteArray>> results(kThreads);
        QRandomGenerator random(17);
        for (auto &streams : inputs) {
            for (int s = 0; s < 3; ++s)
                streams.push_back(randomBytes(random, 200000 + random.bounded(3 << 20)));
        }
        const std::vector<quint64> before = Md5LaneEngine::shared().blocksByLanes();
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&, t] {
                for (const QByteArray &data : inputs[size_t(t)]) {
                    LaneMd5 md5;
                    for (qsizetype at = 0; at < data.size(); at += (1 << 20) + 7 * t)
                        md5.addData(data.constData() + at, qMin<qsizetype>(data.size() - at, (1 << 20) + 7 * t), true);
                    results[size_t(t)].push_back(md5.result());
                }
            });
        }
        for (std::thread &thread : threads)
            thread.join();
        quint64 expectedBlocks = 0;
        for (int t = 0; t < kThreads; ++t) {
            for (size_t s = 0; s < inputs[size_t(t)].size(); ++s) {
                QCOMPARE(results[size_t(t)][s], openSslMd5(inputs[size_t(t)][s]));
                expectedBlocks += quint64(inputs[size_t(t)][s].size()) / md5lanes::kBlockBytes; // at most; tails run scalar
            }
        }
        // Every block the engine ran is accounted to some lane count.
        const std::vector<quint64> after = Md5LaneEngine::shared().blocksByLanes();
        quint64 ran = 0;
        QString mix;
        for (size_t lanes = 1; lanes < after.size(); ++lanes) {
            ran += after[lanes] - before[lanes];
            if (after[lanes] != before[lanes])
                mix += QStringLiteral(" %1:%2").arg(lanes).arg(after[lanes] - before[lanes]);
        }
        QVERIFY(ran > 0 && ran <= expectedBlocks);
        qInfo("blocks by lanes:%s", qPrintable(mix));
    }
};

QTEST_GUILESS_MAIN(TstMd5Lanes)
#include "tst_md5_lanes.moc"
