#pragma once
// SegmentedFile: a multipart object's part files read as one random-access device (GET, ranges
// across part boundaries), so CompleteMultipartUpload never has to join them into one file.
// Each part file is opened when the reading reaches it, and the kernel is asked to read the next
// window ahead (ReadAhead), as for a single file. The lease keeps the files on disk while the
// device lives, even if the object is replaced or deleted meanwhile, so a reader never sees a
// torn object. The HTTP engine sends its bytes with sendfile() through http::FileRegion.
// Thread affinity: the thread that reads it (the storage service's).

#include "object_store.h"
#include "read_ahead.h"

#include "http/file_region.h"

#include <QIODevice>

namespace homeport::storage {

class SegmentedFile : public QIODevice, public http::FileRegion
{
public:
    SegmentedFile(const QString &root, const QList<ObjectSegment> &segments, FileLease lease);
    ~SegmentedFile() override;

    bool isSequential() const override { return false; }
    qint64 size() const override { return m_total; }
    bool seek(qint64 pos) override;
    void close() override;
    bool fileRegion(qint64 pos, int *fd, qint64 *offset, qint64 *length) override;

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    void closeSegment();
    // Reads from the one segment m_at is in.
    qint64 readSegment(char *data, qint64 maxSize);
    // Opens the segment holding byte `at` (asking the kernel to read ahead): its index and the
    // offset of `at` in it; -1 with errorString() set when it cannot be opened.
    int openSegmentAt(qint64 at, qint64 *offset);

    QString m_root;
    QList<ObjectSegment> m_segments;
    QList<qint64> m_starts; // each segment's first byte in the object
    FileLease m_lease;
    qint64 m_total = 0;
    qint64 m_at = 0;
    int m_open = -1;        // index of the segment whose file is open
    int m_fd = -1;
    ReadAhead m_readAhead;  // within the open segment's file
    int m_nextAdvised = 0;  // the last segment whose first window was asked for from its predecessor
};

} // namespace homeport::storage
