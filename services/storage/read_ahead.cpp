#include "read_ahead.h"

#include <QByteArray>
#include <QThreadPool>

#include <atomic>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <unistd.h>

namespace homeport::storage {

struct ReadAhead::Stream
{
    ~Stream()
    {
        if (fd >= 0)
            ::close(fd);
    }

    int fd = -1;    // its own open file description: read-ahead state apart from the GET's
    qint64 start = 0;
    qint64 end = 0; // the file's size
    std::atomic<qint64> target{0}; // read up to here (the GET's position + kWindow)
    std::atomic<qint64> done{0};   // bytes before this have been read
    std::atomic<bool> queued{false}; // a pool thread has it (or will)
};

namespace {

// Threads block while the disk reads, so there are several: one per GET being read, up to 16;
// more GETs wait their turn (each turn is at most one window) and meanwhile read what they send
// as they send it.
QThreadPool *readAheadPool()
{
    static QThreadPool *pool = [] {
        auto *p = new QThreadPool; // lives as long as the process: a stream may outlive any service
        p->setMaxThreadCount(16);
        p->setExpiryTimeout(30000);
        p->setObjectName(QStringLiteral("storage-read-ahead"));
        return p;
    }();
    return pool;
}

int devNull()
{
    static const int fd = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
    return fd;
}

// Reads one byte of every page of [offset, offset + length), which the stream has just read.
// The kernel's sequential read-ahead puts the data in large folios, and on this machine (a VM
// whose free memory goes back to the host) the first access to such fresh pages cost up to
// 1–2 CPU-s per GiB: paid by whoever copies them first, which was the GET's client, one thread.
// Paid here, it runs beside the send on the pool thread and the client copies at warm speed.
void touchPages(int fd, qint64 offset, qint64 length)
{
    const qint64 first = offset & ~qint64(4095);
    const size_t bytes = size_t(offset + length - first);
    void *map = ::mmap(nullptr, bytes, PROT_READ, MAP_SHARED, fd, first);
    if (map == MAP_FAILED)
        return;
    const auto *data = static_cast<const volatile char *>(map);
    char sum = 0;
    for (size_t at = 0; at < bytes; at += 4096)
        sum = char(sum ^ data[at]);
    (void)sum;
    ::munmap(map, bytes);
}

void readTurn(const std::shared_ptr<ReadAhead::Stream> &stream)
{
    // One window per turn, then back in the queue behind the other GETs if more is wanted.
    qint64 done = stream->done.load();
    const qint64 turnEnd = done + ReadAhead::kWindow;
    qint64 target = 0;
    while (done < (target = qMin(stream->target.load(), turnEnd))) {
        off_t from = off_t(done);
        // sendfile() into /dev/null waits for the pages to be read but copies nothing.
        const ssize_t n = ::sendfile(devNull(), stream->fd, &from, size_t(qMin(ReadAhead::kStep, target - done)));
        if (n <= 0) { // the file shrank or failed: the GET's own read reports it
            done = stream->end;
            stream->target.store(done);
            break;
        }
        touchPages(stream->fd, done, n);
        done += n;
        stream->done.store(done);
    }
    stream->done.store(done);
    if (done < stream->target.load()) {
        readAheadPool()->start([stream] { readTurn(stream); });
        return;
    }
    stream->queued.store(false);
    // advance() may have moved the target between the last check and the flag's release.
    if (done < stream->target.load() && !stream->queued.exchange(true))
        readAheadPool()->start([stream] { readTurn(stream); });
}

} // namespace

void ReadAhead::advance(int fd, qint64 at, qint64 end)
{
    if (fd < 0 || at >= end || devNull() < 0)
        return;
    if (!m_stream || at < m_stream->start || at > m_stream->done.load() + kWindow) {
        auto stream = std::make_shared<Stream>();
        // A new open file description of the same file (not dup(), which shares the read-ahead
        // state with the GET's descriptor); the pool thread may outlive the GET's descriptor.
        stream->fd = ::open(("/proc/self/fd/" + QByteArray::number(fd)).constData(), O_RDONLY | O_CLOEXEC);
        if (stream->fd < 0)
            stream->fd = ::fcntl(fd, F_DUPFD_CLOEXEC, 0);
        if (stream->fd < 0)
            return;
        ::posix_fadvise(stream->fd, 0, 0, POSIX_FADV_SEQUENTIAL); // the kernel's larger read-ahead
        // The GET's own descriptor reads only what it sends: no read-ahead of its own that would
        // repeat the stream's work on the service thread (if the stream falls behind, its reads
        // are the size of each send).
        ::posix_fadvise(fd, 0, 0, POSIX_FADV_RANDOM);
        stream->start = at;
        stream->end = end;
        stream->done.store(at);
        m_stream = std::move(stream);
    }
    m_stream->target.store(qMin(end, at + kWindow));
    if (m_stream->done.load() < m_stream->target.load() && !m_stream->queued.exchange(true))
        readAheadPool()->start([stream = m_stream] { readTurn(stream); });
}

} // namespace homeport::storage
