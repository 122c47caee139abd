#pragma once
// SnapshotImage: a collection's index snapshot serialised in memory (Collection::captureSnapshot,
// on the service's thread, a copy of flat arrays), written to disk later by store() on any thread
// (a temporary file, its checksum, fsync, rename over the target, fsync of the directory), so a
// snapshot taken while the service runs holds up searches only for the copy.
// Thread affinity: filled on the service's thread; store() on one thread at a time.

#include <QString>

#include <vector>

namespace homeport::search {

class SnapshotImage
{
public:
    SnapshotImage();
    ~SnapshotImage();
    SnapshotImage(const SnapshotImage &) = delete;
    SnapshotImage &operator=(const SnapshotImage &) = delete;

    void append(const void *data, qint64 n);
    qint64 size() const { return m_length; }
    // Writes the snapshot file atomically; gives the image's memory back as it goes.
    bool store(const QString &path, QString *error);

private:
    static constexpr qint64 kChunkBytes = qint64(8) << 20;
    struct Chunk;
    std::vector<Chunk> m_chunks;
    qint64 m_length = 0;
    QString m_error;
};

} // namespace homeport::search
