#pragma once
// ReadAhead: keeps the kernel reading an object's file ahead of the GET that sends it, from a
// pool thread, so a cold-cache GET finds its pages read when sendfile() gets there.
//
// Each GET gets a stream of its own: a second open file description of the same file (so the
// kernel keeps separate read-ahead state for it, marked sequential), read through sendfile()
// into /dev/null (no copy) up to kWindow bytes past what the GET has sent. The kernel reads such
// a stream in large folios with 4 MiB requests and little CPU, and several GETs are several
// streams at once, which is what this disk reads fastest (`dd` with four readers against one).
// posix_fadvise(WILLNEED), used before, read in single pages and requests of 1–2 MiB and cost
// its thread about 0.2 CPU-s per GiB. The stream's thread also reads one byte of each page it
// has read, so the first access to fresh pages (costly on this VM) is not the client's.
// bench/RESULTS.md has the measurements.
// Thread affinity: advance() and reset() on the reading thread (the device's owner); the stream
// is read on a pool thread, at most kWindow per turn, so concurrent GETs take turns.

#include <QtGlobal>

#include <memory>

namespace homeport::storage {

class ReadAhead
{
public:
    // Keeps the kernel reading the file of `fd` from `at` up to kWindow bytes past it, never past
    // `end` (the file's size). A position before the stream's start or well past what it has
    // read starts a new stream there.
    void advance(int fd, qint64 at, qint64 end);
    // The file changed (a SegmentedFile moved to another part): the next advance() starts anew.
    void reset() { m_stream.reset(); }

    static constexpr qint64 kWindow = 32 << 20;
    static constexpr qint64 kStep = 4 << 20;

    struct Stream; // shared with the pool thread that reads it

private:
    std::shared_ptr<Stream> m_stream;
};

} // namespace homeport::storage
