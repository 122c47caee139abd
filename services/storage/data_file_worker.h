#pragma once
// DataFileWorker: the slow part of making a data file durable, run on worker threads so the
// storage service's thread keeps answering other requests meanwhile: copying byte ranges of
// other data files into a new temp file (CopyObject without hard links, UploadPartCopy,
// CompleteMultipartUpload), fsyncing it (also a received body's), and moving it into the store
// (rename + directory fsync). The caller commits the metadata when the result comes back, so the
// order temp file -> fsync -> rename -> SQLite commit is kept; nothing here touches SQLite.
// Thread affinity: run() and waitForDone() are called from the storage service's thread; the
// job runs on a pool thread; `done` is queued back to the receiver's thread (`then` runs on the
// pool thread).

#include <QList>
#include <QObject>
#include <QString>
#include <QThreadPool>

#include <atomic>
#include <functional>

namespace homeport::storage {

struct DataFileJob
{
    struct Segment
    {
        QString path;      // absolute; for messages, and opened when fd < 0
        int fd = -1;       // opened by the caller (so a file removed meanwhile still reads whole); the job closes it
        qint64 offset = 0;
        qint64 length = 0;
    };
    // Copied in order into `temp` (created). Empty: `temp` already holds the bytes (a received
    // body), which are only fsynced.
    QList<Segment> segments;
    QString temp;
    // MD5 of the copied bytes (an UploadPartCopy part's ETag); otherwise the kernel copies
    // (copy_file_range) and the bytes never pass through user space.
    bool md5 = false;
    // Renames the synced temp file into the store and returns its store name (ObjectStore::
    // installFile, which touches no database); empty with *error on failure.
    std::function<QString(const QString &temp, QString *error)> install;
};

struct DataFileResult
{
    QString file;     // the installed store name; empty on failure (the temp file is removed)
    QString error;
    qint64 bytes = 0; // bytes copied
    QByteArray md5;   // raw 16 bytes, when asked for
};

class DataFileWorker
{
public:
    explicit DataFileWorker(int threads);
    ~DataFileWorker(); // waits for running jobs

    // Queues the job; `done` runs in receiver's thread afterwards (dropped if receiver is gone).
    void run(DataFileJob job, QObject *receiver, std::function<void(const DataFileResult &)> done);
    // Queues the job; `then` runs on the worker thread right after it (and waitForDone() waits
    // for it too), e.g. to hand a part's row to the RowCommitter without a turn of the caller's
    // event loop.
    void run(DataFileJob job, std::function<void(DataFileResult)> then);
    // Blocks until every queued job finished (their `done` calls are queued, not yet run).
    void waitForDone();
    int running() const { return m_running.load(); }

    // The job itself, synchronously in the calling thread (also used by tests).
    static DataFileResult execute(const DataFileJob &job);

private:
    QThreadPool m_pool;
    std::atomic<int> m_running{0};
};

} // namespace homeport::storage
