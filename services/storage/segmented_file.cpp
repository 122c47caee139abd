#include "segmented_file.h"

#include <QDir>
#include <QFile>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace homeport::storage {

SegmentedFile::SegmentedFile(const QString &root, const QList<ObjectSegment> &segments, FileLease lease)
    : m_root(root), m_segments(segments), m_lease(std::move(lease))
{
    m_starts.reserve(segments.size());
    for (const ObjectSegment &s : segments) {
        m_starts.append(m_total);
        m_total += s.size;
    }
}

SegmentedFile::~SegmentedFile()
{
    closeSegment();
}

void SegmentedFile::close()
{
    closeSegment();
    QIODevice::close();
}

void SegmentedFile::closeSegment()
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
    m_open = -1;
}

bool SegmentedFile::seek(qint64 pos)
{
    if (pos < 0 || pos > m_total || !QIODevice::seek(pos))
        return false;
    m_at = pos;
    return true;
}

qint64 SegmentedFile::readData(char *data, qint64 maxSize)
{
    // Fills as much of the request as the object has, across part boundaries, as a single
    // file would.
    qint64 done = 0;
    while (done < maxSize && m_at < m_total) {
        const qint64 n = readSegment(data + done, maxSize - done);
        if (n < 0)
            return done > 0 ? done : -1;
        done += n;
    }
    return done;
}

int SegmentedFile::openSegmentAt(qint64 at, qint64 *offset)
{
    // The last segment that starts at or before `at` (empty segments are skipped past).
    int index = int(std::upper_bound(m_starts.cbegin(), m_starts.cend(), at) - m_starts.cbegin()) - 1;
    while (index + 1 < m_segments.size() && at - m_starts[index] >= m_segments[index].size)
        ++index;
    const ObjectSegment &segment = m_segments[index];
    *offset = at - m_starts[index];
    if (index != m_open) {
        closeSegment();
        const QByteArray path = QFile::encodeName(QDir(m_root).filePath(segment.file));
        m_fd = ::open(path.constData(), O_RDONLY | O_CLOEXEC);
        if (m_fd < 0) {
            setErrorString(QStringLiteral("cannot open %1: %2").arg(segment.file, QString::fromLocal8Bit(std::strerror(errno))));
            return -1;
        }
        m_open = index;
        m_readAhead.reset();
    }
    m_readAhead.advance(m_fd, *offset, segment.size);
    // Within a window of the part's end, the next part's first window is asked for as well, so
    // the send does not stop at the boundary waiting for the disk (the lease keeps the file).
    if (index + 1 < m_segments.size() && m_nextAdvised < index + 1 && segment.size - *offset <= ReadAhead::kWindow) {
        m_nextAdvised = index + 1;
        const ObjectSegment &next = m_segments[index + 1];
        const QByteArray path = QFile::encodeName(QDir(m_root).filePath(next.file));
        if (const int fd = ::open(path.constData(), O_RDONLY | O_CLOEXEC); fd >= 0) {
            ReadAhead().advance(fd, 0, next.size);
            ::close(fd);
        }
    }
    return index;
}

bool SegmentedFile::fileRegion(qint64 pos, int *fd, qint64 *offset, qint64 *length)
{
    if (pos < 0 || pos >= m_total) {
        setErrorString(QStringLiteral("read past the end"));
        return false;
    }
    const int index = openSegmentAt(pos, offset);
    if (index < 0)
        return false;
    *fd = m_fd;
    *length = m_segments[index].size - *offset;
    return true;
}

qint64 SegmentedFile::readSegment(char *data, qint64 maxSize)
{
    qint64 offset = 0;
    const int index = openSegmentAt(m_at, &offset);
    if (index < 0)
        return -1;
    const ObjectSegment &segment = m_segments[index];
    const qint64 want = qMin(maxSize, segment.size - offset);
    for (;;) {
        const ssize_t n = ::pread(m_fd, data, size_t(want), offset);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            setErrorString(n == 0 ? QStringLiteral("%1 ended early").arg(segment.file)
                                  : QStringLiteral("cannot read %1: %2").arg(segment.file, QString::fromLocal8Bit(std::strerror(errno))));
            return -1;
        }
        m_at += n;
        return n;
    }
}

} // namespace homeport::storage
