#include "body_pipeline.h"

#include <QFile>
#include <QThread>
#include <QThreadPool>

#include <fcntl.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <new>
#include <utility>

namespace homeport::storage {

namespace {

// Blocks of finished bodies, kept for the next ones. A new 1 MiB block is a new mapping whose
// 256 pages fault in (zeroed) on the storage thread as the socket is read into it, and freeing
// it unmaps them again: with 5 MiB parts, about 200 bodies per GiB, that was a fifth of the
// storage thread's time (bench/RESULTS.md). Kept blocks are freed once none was taken for a
// while (releaseIdle(), from the storage service's timer), so an idle server holds none.
// (Marking them MADV_FREE instead cost the storage thread 7 %: a TLB shootdown per block.)
class BlockCache
{
public:
    char *take()
    {
        {
            std::lock_guard lock(m_mutex);
            m_taken = true;
            if (!m_free.empty()) {
                char *data = m_free.back();
                m_free.pop_back();
                return data;
            }
        }
        auto *data = static_cast<char *>(std::aligned_alloc(size_t(BodyPipeline::kDirectAlignment), size_t(BodyPipeline::kBlockBytes)));
        if (!data)
            throw std::bad_alloc();
        return data;
    }
    void give(char *data)
    {
        {
            std::lock_guard lock(m_mutex);
            if (m_free.size() < size_t(BodyPipeline::kCachedBlocksMax)) {
                m_free.push_back(data);
                return;
            }
        }
        std::free(data);
    }
    int size()
    {
        std::lock_guard lock(m_mutex);
        return int(m_free.size());
    }
    int releaseIdle()
    {
        std::vector<char *> idle;
        {
            std::lock_guard lock(m_mutex);
            if (std::exchange(m_taken, false))
                return 0;
            idle.swap(m_free);
        }
        for (char *data : idle)
            std::free(data);
        return int(idle.size());
    }

private:
    std::mutex m_mutex;
    std::vector<char *> m_free;
    bool m_taken = false; // a block was taken since the last releaseIdle()
};

// Writes bytes [from, to) of the pieces' concatenation to fd at fileOffset + from. Returns how
// many of them were written: all, or fewer with errno set.
qint64 writeRange(int fd, const iovec *pieces, int count, qint64 fileOffset, qint64 from, qint64 to)
{
    iovec iov[BodyPipeline::kWriteBatchBlocks];
    int n = 0;
    qint64 start = 0;
    for (int i = 0; i < count; ++i) {
        const qint64 end = start + qint64(pieces[i].iov_len);
        const qint64 lo = qMax(start, from);
        const qint64 hi = qMin(end, to);
        if (hi > lo)
            iov[n++] = {static_cast<char *>(pieces[i].iov_base) + (lo - start), size_t(hi - lo)};
        start = end;
    }
    qint64 written = 0;
    iovec *next = iov;
    while (n > 0) {
        const ssize_t got = ::pwritev(fd, next, n, fileOffset + from + written);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            return written;
        }
        if (got == 0) {
            errno = EIO;
            return written;
        }
        written += got;
        size_t left = size_t(got);
        while (n > 0 && left >= next->iov_len) {
            left -= next->iov_len;
            ++next;
            --n;
        }
        if (n > 0) {
            next->iov_base = static_cast<char *>(next->iov_base) + left;
            next->iov_len -= left;
        }
    }
    return written;
}

BlockCache &blockCache()
{
    static BlockCache *cache = new BlockCache; // lives as long as the process, as the pools
    return *cache;
}

} // namespace

BodyPipeline::Block::Block() : data(blockCache().take()) {}

BodyPipeline::Block::~Block()
{
    blockCache().give(data);
}

int BodyPipeline::cachedBlocks()
{
    return blockCache().size();
}

int BodyPipeline::releaseIdleBlocks()
{
    return blockCache().releaseIdle();
}

QThreadPool *BodyPipeline::digestPool()
{
    static QThreadPool *pool = [] {
        auto *p = new QThreadPool; // lives as long as the process: bodies may be hashed until exit
        p->setMaxThreadCount(qMax(md5lanes::kMaxLanes, QThread::idealThreadCount()));
        p->setExpiryTimeout(30000);
        return p;
    }();
    return pool;
}

QThreadPool *BodyPipeline::filePool()
{
    static QThreadPool *pool = [] {
        auto *p = new QThreadPool; // lives as long as the process, as the digest pool
        p->setMaxThreadCount(16);
        p->setExpiryTimeout(30000);
        return p;
    }();
    return pool;
}

BodyPipeline::BodyPipeline(bool sha256, std::optional<PayloadChecksum::Algorithm> checksum, qint64 announcedBytes)
    : m_async(announcedBytes > kSyncBytes)
{
    if (sha256)
        m_sha256 = std::make_unique<StreamDigest>(StreamDigest::Algorithm::Sha256);
    if (checksum)
        m_checksum = std::make_unique<PayloadChecksum>(*checksum);
}

BodyPipeline::~BodyPipeline()
{
    QMutexLocker lock(&m_mutex);
    m_cancelled = true;
    m_resume = nullptr;
    while (m_hashing || m_writing)
        m_drained.wait(&m_mutex);
    if (!m_openPath.isEmpty() && m_fd >= 0)
        ::close(m_fd);
}

void BodyPipeline::addToDigests(const char *data, qsizetype size, bool onPool)
{
    m_md5.addData(data, size, onPool);
    if (m_sha256)
        m_sha256->addData(data, size);
    if (m_checksum)
        m_checksum->addData(data, size);
}

void BodyPipeline::writeFile(int fd, bool direct, QByteArrayView already)
{
    // Only while every byte added so far was hashed in place (the bytes kept in memory are a
    // short prefix), so every block from here on holds file bytes from its start.
    Q_ASSERT(!m_filling && !m_hasFile && m_added == already.size() && m_hashedInPlace == m_added);
    m_fd = fd;
    m_hasFile = true;
    m_direct = direct;
    append(already.data(), already.size(), already.size());
}

void BodyPipeline::openFile(const QString &path, bool direct, QByteArrayView already)
{
    m_openPath = QFile::encodeName(path);
    writeFile(-1, direct, already);
}

bool BodyPipeline::openOwnFile()
{
    const int flags = O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC;
    if (m_direct) {
        m_fd = ::open(m_openPath.constData(), flags | O_DIRECT, 0600);
        m_direct = m_fd >= 0;
    }
    if (m_fd < 0) // also a file system without O_DIRECT (EINVAL): through the page cache
        m_fd = ::open(m_openPath.constData(), flags, 0600);
    return m_fd >= 0;
}

bool BodyPipeline::closeFile(QString *error)
{
    Q_ASSERT(!m_openPath.isEmpty());
    if (fileFailed()) {
        *error = fileError();
        return false;
    }
    if (m_fd < 0 && !openOwnFile()) { // no block was ever written: an empty body
        *error = QString::fromLocal8Bit(std::strerror(errno));
        return false;
    }
    if (::close(std::exchange(m_fd, -1)) != 0) {
        *error = QString::fromLocal8Bit(std::strerror(errno));
        return false;
    }
    return true;
}

void BodyPipeline::add(const char *data, qsizetype size)
{
    m_added += size;
    qsizetype inPlace = 0;
    if (!m_async) {
        inPlace = qsizetype(qMin<qint64>(size, kSyncBytes - m_hashedInPlace));
        addToDigests(data, inPlace, false);
        m_hashedInPlace += inPlace;
        if (inPlace < size)
            m_async = true; // from here on, in order on the pool
    }
    if (m_hasFile)
        append(data, size, inPlace); // the file takes every byte, hashed here or not
    else
        append(data + inPlace, size - inPlace, 0);
}

BodyPipeline::Block *BodyPipeline::takeBlock()
{
    QMutexLocker lock(&m_mutex);
    if (!m_spare.empty()) {
        Block *block = m_spare.back();
        m_spare.pop_back();
        return block;
    }
    m_blocks.push_back(std::make_unique<Block>()); // not zeroed: every byte is written before use
    return m_blocks.back().get();
}

char *BodyPipeline::fillBuffer(qsizetype *room)
{
    *room = 0;
    if (!m_hasFile)
        return nullptr;
    if (!m_filling) {
        m_filling = takeBlock();
        m_filling->size = 0;
        m_filling->hashFrom = 0;
    }
    *room = kBlockBytes - m_filling->size;
    return m_filling->data + m_filling->size;
}

void BodyPipeline::append(const char *data, qsizetype size, qsizetype hashedAlready)
{
    while (size > 0) {
        if (!m_filling) {
            m_filling = takeBlock();
            m_filling->size = 0;
            m_filling->hashFrom = 0;
        }
        const qsizetype take = qMin(size, kBlockBytes - m_filling->size);
        char *to = m_filling->data + m_filling->size;
        if (to != data) // read there already (fillBuffer) otherwise
            std::memcpy(to, data, size_t(take));
        const qsizetype hashed = qMin(hashedAlready, take);
        if (hashed > 0) {
            Q_ASSERT(m_filling->hashFrom == m_filling->size); // hashed bytes are a prefix of the body
            m_filling->hashFrom += hashed;
            hashedAlready -= hashed;
        }
        m_filling->size += take;
        data += take;
        size -= take;
        if (m_filling->size == kBlockBytes)
            queueBlock();
    }
}

void BodyPipeline::queueBlock()
{
    if (!m_filling || m_filling->size == 0)
        return;
    Block *block = std::exchange(m_filling, nullptr);
    const bool hash = block->hashFrom < block->size;
    const bool write = m_hasFile;
    if (write) {
        block->fileOffset = m_fileQueued;
        m_fileQueued += block->size;
    }
    QMutexLocker lock(&m_mutex);
    block->pending = int(hash) + int(write);
    if (block->pending == 0) {
        m_spare.push_back(block);
        return;
    }
    m_backlog += block->size;
    if (hash) {
        m_hashQueue.push_back(block);
        if (!m_hashing) {
            m_hashing = true;
            digestPool()->start([this] { drainHashes(); });
        }
    }
    if (write) {
        m_writeQueue.push_back(block);
        if (!m_writing) {
            m_writing = true;
            filePool()->start([this] { drainWrites(); });
        }
    }
}

void BodyPipeline::finishBlock(Block *block)
{
    if (--block->pending > 0)
        return;
    m_backlog -= block->size;
    if (m_spare.size() < size_t(kFileHighWaterBytes / kBlockBytes) + 2)
        m_spare.push_back(block);
    resumeIfReady();
}

bool BodyPipeline::holdsBack(bool finishing, std::function<void()> resume)
{
    if (!m_async && !m_hasFile)
        return false;
    if (finishing)
        queueBlock();
    QMutexLocker lock(&m_mutex);
    m_finishing = finishing;
    const bool wait = finishing ? m_backlog > 0 : m_backlog > (m_hasFile ? kFileHighWaterBytes : kHighWaterBytes);
    m_resume = wait ? std::move(resume) : nullptr;
    return wait;
}

void BodyPipeline::resumeIfReady()
{
    // m_hasFile is only set before the first block is queued, so a pool thread here reads a settled value.
    if (m_resume && (m_finishing ? m_backlog == 0 : m_backlog <= (m_hasFile ? kFileLowWaterBytes : kLowWaterBytes)))
        std::exchange(m_resume, nullptr)();
}

void BodyPipeline::drainHashes()
{
    QMutexLocker lock(&m_mutex);
    while (!m_hashQueue.empty() && !m_cancelled) {
        Block *block = m_hashQueue.front();
        m_hashQueue.pop_front();
        lock.unlock();
        addToDigests(block->data + block->hashFrom, block->size - block->hashFrom, true);
        lock.relock();
        finishBlock(block);
    }
    m_hashing = false;
    m_drained.wakeAll();
}

void BodyPipeline::drainWrites()
{
    QMutexLocker lock(&m_mutex);
    while (!m_writeQueue.empty() && !m_cancelled) {
        Block *batch[kWriteBatchBlocks];
        int count = 0;
        while (count < kWriteBatchBlocks && !m_writeQueue.empty()) {
            batch[count++] = m_writeQueue.front();
            m_writeQueue.pop_front();
        }
        lock.unlock();
        if (!fileFailed() && !writeBlocks(batch, count)) {
            const QString why = QString::fromLocal8Bit(std::strerror(errno));
            lock.relock();
            m_fileError = why;
            m_fileFailed.store(true, std::memory_order_relaxed);
        } else {
            lock.relock();
        }
        for (int i = 0; i < count; ++i)
            finishBlock(batch[i]);
    }
    m_writing = false;
    m_drained.wakeAll();
}

bool BodyPipeline::writeBlocks(Block *const *blocks, int count)
{
    if (m_fd < 0 && !openOwnFile()) // created here, off the thread that reads the socket
        return false;
    iovec pieces[kWriteBatchBlocks];
    qint64 total = 0;
    for (int i = 0; i < count; ++i) {
        pieces[i] = {blocks[i]->data, size_t(blocks[i]->size)};
        total += blocks[i]->size;
    }
    const qint64 offset = blocks[0]->fileOffset; // queued in order: the blocks follow each other
    qint64 done = 0;
    if (m_direct) {
        // Every block but the body's last is whole, so only a last piece is unaligned.
        const qint64 aligned = total / kDirectAlignment * kDirectAlignment;
        done = writeRange(m_fd, pieces, count, offset, 0, aligned);
        if (done > 0)
            m_wroteDirect.store(true, std::memory_order_relaxed);
        if (done < aligned && errno != EINVAL)
            return false;
        if (done < total) {
            // The unaligned last piece, or a file system that takes O_DIRECT at open but not
            // this write: through the page cache from here on (the fsync covers both).
            const int flags = ::fcntl(m_fd, F_GETFL);
            if (flags < 0 || ::fcntl(m_fd, F_SETFL, flags & ~O_DIRECT) != 0)
                return false;
            m_direct = false;
            m_writebackFrom = offset + done;
        }
    }
    if (done < total && writeRange(m_fd, pieces, count, offset, done, total) < total - done)
        return false;
    const qint64 end = offset + total;
    if (!m_direct && end - m_writebackFrom >= kWritebackBytes) {
        // Start writing back what arrived so far, without waiting for it: the disk works while
        // the rest arrives, and the fsync before the answer finds little left to do.
        ::sync_file_range(m_fd, m_writebackFrom, end - m_writebackFrom, SYNC_FILE_RANGE_WRITE);
        m_writebackFrom = end;
    }
    return true;
}

QString BodyPipeline::fileError() const
{
    QMutexLocker lock(&m_mutex);
    return m_fileError;
}

QByteArray BodyPipeline::md5()
{
    return m_md5.result();
}

QByteArray BodyPipeline::sha256()
{
    return m_sha256 ? m_sha256->result() : QByteArray();
}

} // namespace homeport::storage
