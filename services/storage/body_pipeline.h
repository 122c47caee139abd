#pragma once
// BodyPipeline: what happens to one request body's bytes after the socket — the digests (the MD5
// that becomes the ETag, and the SHA-256 or x-amz-checksum-* value the client claimed) computed
// in order on a pool thread, and, for an object or part, its temp file written on another pool
// thread — while the storage thread goes on reading the socket.
//
// Why threads: MD5 cannot be split within one stream and runs at about 730 MiB/s on one core of
// the reference machine, so it gets a thread of its own, and the MD5s of concurrent uploads run
// side by side in SIMD lanes (Md5LaneEngine). The file is written from the same 1 MiB blocks the
// hashing reads (one copy out of the socket's buffer, none more), with O_DIRECT when the caller
// asks for it: no copy into the page cache and no dirty-page throttling, which together took
// about half of the storage thread's time per GiB and could stall it for a disk's writeback.
// The writing has a thread of its own rather than the hashing one, so a write waiting for the
// disk never holds a stream out of the MD5 lanes. The first kSyncBytes of a body are hashed in
// place, so small objects and XML bodies never pay for a thread hop to be hashed; a body
// announced larger goes to the pool from its first byte, as most of it would anyway (hashing
// the first MiB of every 5 MiB part in place was a fifth of the storage thread's time).
// Blocks are kept for the next bodies when a body is done, and freed when idle (BlockCache).
//
// Bytes are copied into blocks and queued; at most kHighWaterBytes (kFileHighWaterBytes with a
// file) wait per body, so memory stays bounded however fast the client sends. The body's
// consumer (PayloadReceiver) asks holdsBack() whether the HTTP engine should stop reading for a
// while (see http::BodyConsumer::holdsBack) and whether every byte has been hashed and written
// before finish().
// Thread affinity: add(), writeFile(), holdsBack() and the results belong to the thread that
// feeds the body (the storage service's); the hashing runs on digestPool(), the writing on
// filePool(). The destructor waits for the blocks being hashed and written, if any, and drops
// the rest, so a client that goes away mid-body costs at most a block's hashing and one write.

#include "md5_lane_engine.h"
#include "payload_checksum.h"
#include "stream_digest.h"

#include <QMutex>
#include <QString>
#include <QWaitCondition>

#include <atomic>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

class QThreadPool;

namespace homeport::storage {

class BodyPipeline
{
public:
    static constexpr qsizetype kBlockBytes = 1 << 20;
    static constexpr qint64 kHighWaterBytes = 4 << 20;     // reading pauses above this backlog
    static constexpr qint64 kLowWaterBytes = 2 << 20;      // ... and resumes below this
    static constexpr qint64 kFileHighWaterBytes = 8 << 20; // the same with a file: writes in flight too
    static constexpr qint64 kFileLowWaterBytes = 4 << 20;
    static constexpr qint64 kSyncBytes = 1 << 20;          // hashed in place before the first hop
    // O_DIRECT needs buffers, offsets and lengths aligned to the device's logical block; 4 KiB
    // covers every device (blocks are allocated at this alignment, and are multiples of it).
    static constexpr qsizetype kDirectAlignment = 4096;
    // Blocks one write call takes at most (a larger write keeps the disk busier, a smaller one
    // frees blocks sooner).
    static constexpr int kWriteBatchBlocks = 2;
    // Buffered files: writeback is started every this many bytes, so the fsync finds little left.
    static constexpr qint64 kWritebackBytes = 8 << 20;

    // announcedBytes: the body's length as the request announced it (-1: unknown). Above
    // kSyncBytes nothing is hashed in place.
    BodyPipeline(bool sha256, std::optional<PayloadChecksum::Algorithm> checksum, qint64 announcedBytes = -1);
    ~BodyPipeline();
    BodyPipeline(const BodyPipeline &) = delete;
    BodyPipeline &operator=(const BodyPipeline &) = delete;

    // From now on every byte added also goes to the file `fd` (empty, open for writing; the
    // caller closes it after finishing or destroying the pipeline), starting with `already`: the
    // bytes added so far, kept in memory until the body turned out too large for that (a body
    // announced above kSyncBytes gets its file before its first byte). `direct`:
    // fd was opened with O_DIRECT (the pipeline turns it off for a last, unaligned piece, and
    // for good if the file system refuses an aligned direct write).
    void writeFile(int fd, bool direct, QByteArrayView already);
    // The same for a file the pipeline creates itself at `path` (O_DIRECT when `direct` and the
    // file system allows it), on its file thread before the first write: creating a file costs
    // an ext4 inode allocation, which was a sixth of the storage thread's time with 5 MiB parts.
    // A failure to create it is a failed write. closeFile() closes it (creating it if no byte
    // was written); the destructor closes it otherwise.
    void openFile(const QString &path, bool direct, QByteArrayView already);
    bool closeFile(QString *error); // after holdsBack(true, ...) answered false
    void add(const char *data, qsizetype size);
    // With a file: the free end of the block being filled, *room bytes; bytes put there and then
    // given to add() (from that address on) are not copied again. Null without a file.
    char *fillBuffer(qsizetype *room);
    // True while the reader should wait: the backlog is above the high-water mark, or, with
    // `finishing`, any byte is still unhashed or unwritten (a partly filled block is queued
    // first). Then `resume` is called once, from a pool thread, when that is no longer so.
    bool holdsBack(bool finishing, std::function<void()> resume);
    // Whether the hashing ever left the calling thread (for tests and diagnostics).
    bool wentAsync() const { return m_async; }
    // Bytes hashed on the calling thread (for tests and diagnostics).
    qint64 hashedInPlace() const { return m_hashedInPlace; }
    // Blocks kept for later bodies, process-wide (for tests and diagnostics).
    static int cachedBlocks();
    // Frees the kept blocks if none was taken since the last call (any thread; the storage
    // service calls it every kIdleBlocksSeconds). Returns how many went.
    static int releaseIdleBlocks();
    static constexpr int kIdleBlocksSeconds = 10;
    // At most this many blocks are kept: enough for four uploads' backlogs (what the 4-stream
    // benchmark keeps in flight) and a fifth body.
    static constexpr int kCachedBlocksMax = 32;

    // After holdsBack(true, ...) answered false: the raw digests.
    QByteArray md5();
    QByteArray sha256(); // empty unless asked for
    PayloadChecksum *checksum() { return m_checksum.get(); }
    // A write of the file failed (any thread may ask; the reason once holdsBack(true) is false).
    bool fileFailed() const { return m_fileFailed.load(std::memory_order_relaxed); }
    QString fileError() const;
    // Whether the file's writes went past the page cache (for tests and diagnostics).
    bool wroteDirect() const { return m_wroteDirect.load(std::memory_order_relaxed); }

    // The pool every body's hashing runs on: a thread per upload up to the MD5 lanes' count, as a
    // thread mostly waits while Md5LaneEngine hashes its blocks beside the other uploads'.
    static QThreadPool *digestPool();
    // The pool every body's file is written from: a thread per upload writing, as each one
    // mostly waits for the disk.
    static QThreadPool *filePool();

private:
    struct Block
    {
        Block();
        ~Block();
        Block(const Block &) = delete;
        Block &operator=(const Block &) = delete;
        char *data; // kBlockBytes, aligned to kDirectAlignment; from and back to the BlockCache
        qsizetype size = 0;
        qsizetype hashFrom = 0; // bytes before this were hashed in place
        qint64 fileOffset = 0;
        int pending = 0; // hashing and writing still to do on it
    };
    void append(const char *data, qsizetype size, qsizetype hashedAlready);
    void addToDigests(const char *data, qsizetype size, bool onPool);
    Block *takeBlock();   // feeding thread: a spare block or a new one
    void queueBlock();    // m_filling -> the queues; starts draining if idle
    void finishBlock(Block *block); // m_mutex held: one of its jobs is done
    void drainHashes();   // digest pool thread
    void drainWrites();   // file pool thread
    bool writeBlocks(Block *const *blocks, int count); // file pool thread, m_mutex not held
    bool openOwnFile(); // m_openPath into m_fd (file pool thread, or closeFile())
    void resumeIfReady(); // m_mutex held

    LaneMd5 m_md5; // in place: scalar; on the pool: in lanes beside other uploads (Md5LaneEngine)
    std::unique_ptr<StreamDigest> m_sha256;
    std::unique_ptr<PayloadChecksum> m_checksum;
    bool m_async = false;
    qint64 m_hashedInPlace = 0;
    qint64 m_added = 0; // feeding thread: bytes given to add()
    Block *m_filling = nullptr; // feeding thread only
    bool m_hasFile = false;     // set by writeFile() before any block goes to the file
    QByteArray m_openPath;      // openFile(): the file thread creates it, and m_fd is ours
    int m_fd = -1;              // file thread (and closeFile() once every write is done)
    qint64 m_fileQueued = 0;    // feeding thread: file bytes queued so far
    // File pool thread only (after writeFile()):
    bool m_direct = false;
    qint64 m_writebackFrom = 0;

    mutable QMutex m_mutex; // guards everything below
    QWaitCondition m_drained;
    std::vector<std::unique_ptr<Block>> m_blocks; // every block, wherever it is
    std::deque<Block *> m_hashQueue;
    std::deque<Block *> m_writeQueue;
    // Done blocks kept for reuse: enough for a full backlog, so a steady upload allocates (and
    // faults in) no new memory.
    std::vector<Block *> m_spare;
    qint64 m_backlog = 0; // bytes of blocks with a job still to do
    bool m_hashing = false;
    bool m_writing = false;
    bool m_cancelled = false;
    bool m_finishing = false;
    std::function<void()> m_resume;
    QString m_fileError;
    std::atomic<bool> m_fileFailed{false};
    std::atomic<bool> m_wroteDirect{false};
};

} // namespace homeport::storage
