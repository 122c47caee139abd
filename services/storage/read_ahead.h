#pragma once
// ReadAhead: keeps the kernel reading an object's file ahead of the GET that sends it, from a
// thread of its own. Asking for a window (posix_fadvise WILLNEED) allocates its page-cache pages
// and submits the reads before it returns; on the storage service's thread that was 43 % of a
// cold 1 GiB GET's CPU, time in which nothing was sent. Here the service thread only hands over
// a duplicate of the descriptor and the range, and the kernel's work runs on the other core.
// Thread affinity: advance() and reset() on the reading thread (the device's owner); the
// requests run on one shared background thread, in order.

#include <QtGlobal>

namespace homeport::storage {

class ReadAhead
{
public:
    // Keeps kWindow bytes after `at` asked for, in kStep requests, never past `end` (the file's
    // size). A position before the window's start or past its end starts a new window there.
    void advance(int fd, qint64 at, qint64 end);
    // The file changed (a SegmentedFile moved to another part): the next advance() starts anew.
    void reset() { m_from = m_until = -1; }

    static constexpr qint64 kWindow = 16 << 20;
    static constexpr qint64 kStep = 4 << 20;

private:
    qint64 m_from = -1;  // the first byte asked for in this window
    qint64 m_until = -1; // bytes before this have been asked for
};

} // namespace homeport::storage
