#pragma once
// FileRegion: implemented by a response body device whose bytes lie in files, so the engine can
// hand them to the kernel (sendfile) instead of reading them into user space and writing them
// out again: one copy less per byte, and no 64 KiB round trips through the event loop. Used on
// plain TCP only (TLS needs the bytes). A plain QFile needs nothing: the engine uses its handle.
// Thread affinity: that of the device (the HttpServer's thread).

#include <QtGlobal>

namespace homeport::http {

class FileRegion
{
public:
    virtual ~FileRegion() = default;
    // Where byte `pos` of the device lies: an open descriptor the device keeps owning, the
    // offset in that file and how many bytes of the device follow there contiguously. False
    // (with the device's errorString() set) when it cannot be read.
    virtual bool fileRegion(qint64 pos, int *fd, qint64 *offset, qint64 *length) = 0;
};

} // namespace homeport::http
