#include "read_ahead.h"

#include <QRunnable>
#include <QThreadPool>

#include <fcntl.h>
#include <unistd.h>

namespace homeport::storage {

namespace {

// One thread: requests run in the order they were made, and one GET's window cannot take both
// cores from the service thread.
QThreadPool *readAheadPool()
{
    static QThreadPool *pool = [] {
        auto *p = new QThreadPool; // lives as long as the process: a request may outlive any service
        p->setMaxThreadCount(1);
        p->setExpiryTimeout(30000);
        p->setObjectName(QStringLiteral("storage-read-ahead"));
        return p;
    }();
    return pool;
}

void request(int fd, qint64 offset, qint64 length)
{
    // A duplicate, so the GET may end (and close its file) before the request runs.
    const int copy = ::fcntl(fd, F_DUPFD_CLOEXEC, 0);
    if (copy < 0) {
        ::posix_fadvise(fd, offset, length, POSIX_FADV_WILLNEED); // no descriptor to spare: ask here
        return;
    }
    readAheadPool()->start([copy, offset, length] {
        ::posix_fadvise(copy, offset, length, POSIX_FADV_WILLNEED);
        ::close(copy);
    });
}

} // namespace

void ReadAhead::advance(int fd, qint64 at, qint64 end)
{
    if (fd < 0 || at >= end)
        return;
    if (m_until < 0 || at < m_from || at > m_until)
        m_from = m_until = at;
    while (m_until < end && m_until < at + kWindow) {
        const qint64 length = qMin(kStep, end - m_until);
        request(fd, m_until, length);
        m_until += length;
    }
}

} // namespace homeport::storage
