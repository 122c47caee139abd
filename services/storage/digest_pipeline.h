#pragma once
// DigestPipeline: the digests of one request body — the MD5 that becomes the ETag, and the
// SHA-256 or x-amz-checksum-* value the client claimed — computed in order on a pool thread
// while the storage thread goes on reading the socket and writing the file. MD5 cannot be split
// within one stream and runs at about 730 MiB/s on one core of the reference machine, so a large
// PUT that hashed on the storage thread was capped well below that (socket reads and file writes
// took their share); hashing beside it lets one upload use two cores, and the MD5s of concurrent
// uploads run side by side in SIMD lanes (Md5LaneEngine), several times faster per core than one
// after the other. The first kSyncBytes of a body are hashed in place, so small objects and XML
// bodies never pay for a thread hop.
//
// Bytes are copied into blocks and queued; at most kHighWaterBytes wait per body, so memory stays
// bounded however fast the client sends. The body's consumer (PayloadReceiver) asks
// holdsBack() whether the HTTP engine should stop reading for a while (see
// http::BodyConsumer::holdsBack) and whether every byte has been hashed before finish().
// Thread affinity: add(), holdsBack() and the results belong to the thread that feeds the body
// (the storage service's); the hashing runs on a shared pool (digestPool()). The destructor waits
// for the block being hashed, if any, and drops the rest, so a client that goes away mid-body
// costs at most one block's hashing.

#include "md5_lane_engine.h"
#include "payload_checksum.h"
#include "stream_digest.h"

#include <QMutex>
#include <QWaitCondition>

#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

class QThreadPool;

namespace homeport::storage {

class DigestPipeline
{
public:
    static constexpr qsizetype kBlockBytes = 1 << 20;
    static constexpr qint64 kHighWaterBytes = 4 << 20;  // reading pauses above this backlog
    static constexpr qint64 kLowWaterBytes = 2 << 20;   // ... and resumes below this
    static constexpr qint64 kSyncBytes = 1 << 20;       // hashed in place before the first hop

    DigestPipeline(bool sha256, std::optional<PayloadChecksum::Algorithm> checksum);
    ~DigestPipeline();
    DigestPipeline(const DigestPipeline &) = delete;
    DigestPipeline &operator=(const DigestPipeline &) = delete;

    void add(const char *data, qsizetype size);
    // True while the reader should wait: the backlog is above the high-water mark, or, with
    // `finishing`, any byte is still unhashed (a partly filled block is queued first). Then
    // `resume` is called once, from the hashing thread, when that is no longer so.
    bool holdsBack(bool finishing, std::function<void()> resume);
    // Whether the hashing ever left the calling thread (for tests and diagnostics).
    bool wentAsync() const { return m_async; }

    // After holdsBack(true, ...) answered false: the raw digests.
    QByteArray md5();
    QByteArray sha256(); // empty unless asked for
    PayloadChecksum *checksum() { return m_checksum.get(); }

    // The pool every body's hashing runs on: a thread per upload up to the MD5 lanes' count, as a
    // thread mostly waits while Md5LaneEngine hashes its blocks beside the other uploads'.
    static QThreadPool *digestPool();

private:
    struct Block
    {
        std::unique_ptr<char[]> data;
        qsizetype size = 0;
    };
    void addToDigests(const char *data, qsizetype size, bool onPool);
    void queueBlock(); // m_filling -> m_queue; starts draining if idle
    void drain();      // pool thread
    void resumeIfReady(); // m_mutex held

    LaneMd5 m_md5; // in place: scalar; on the pool: in lanes beside other uploads (Md5LaneEngine)
    std::unique_ptr<StreamDigest> m_sha256;
    std::unique_ptr<PayloadChecksum> m_checksum;
    bool m_async = false;
    qint64 m_hashedInPlace = 0;
    Block m_filling; // feeding thread only

    QMutex m_mutex; // guards everything below
    QWaitCondition m_drained;
    std::deque<Block> m_queue;
    // Hashed blocks kept for reuse: enough for a full backlog, so a steady upload allocates
    // (and faults in) no new memory.
    static constexpr size_t kSpareBlocks = size_t(kHighWaterBytes / kBlockBytes) + 2;
    std::vector<Block> m_spare;
    qint64 m_backlog = 0;       // bytes queued or being hashed
    bool m_draining = false;
    bool m_cancelled = false;
    bool m_finishing = false;
    std::function<void()> m_resume;
};

} // namespace homeport::storage
