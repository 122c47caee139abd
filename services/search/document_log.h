#pragma once
// DocumentLog: a collection's durable store, an append-only JSON Lines file of records
// ({"put":{document}} or {"del":"id"}), and the place its documents are read from: the index keeps
// only each document's offset and length in the log, not its bytes. append*() buffers; commit()
// writes and fdatasyncs before the service acknowledges, so an acknowledged write survives a crash.
// A torn last line (a crash mid-write) is cut off at replay. replay() feeds the records back to
// rebuild the index. Committed bytes are read through a read-only shared mapping of the file (the
// kernel's page cache holds them, not the process's heap); bytes appended and not yet committed
// are read from the buffer that holds them, so a document is readable as soon as it is written.
// A commit that fails keeps its buffer, so what was handed out stays readable and goes to disk
// with the next commit. compact() rewrites the file with only the live documents through a
// temporary file, fsync and rename, so a crash leaves either the old log or the new one.
// Without a path the log lives in memory only (a collection outside the service, in tests).
// Thread affinity: the search service's thread.

#include <QByteArray>
#include <QByteArrayView>
#include <QFile>
#include <QString>

#include <functional>
#include <vector>

namespace homeport::search {

class DocumentLog
{
public:
    DocumentLog(); // in memory only
    explicit DocumentLog(const QString &path);
    ~DocumentLog();
    DocumentLog(const DocumentLog &) = delete;
    DocumentLog &operator=(const DocumentLog &) = delete;

    // Opens (creating) the file and maps it; removes what an interrupted compaction left beside it.
    bool open(QString *error);
    // Calls put (the document's compact JSON and its offset in the log) or remove for every complete
    // record from byte `from` on (an index snapshot covers what is before it: `recordsBefore`
    // records); returns the number of records in the whole log, or -1. The view is valid during the
    // call; read(offset, size) gives the same bytes later.
    qint64 replay(const std::function<void(QByteArrayView document, qint64 offset)> &put,
                  const std::function<void(const QString &)> &remove, QString *error, qint64 from = 0,
                  qint64 recordsBefore = 0);
    // Appends a put record; returns the offset its document's bytes will have in the log.
    qint64 appendPut(QByteArrayView compactDocument);
    void appendRemove(const QString &id);
    // Writes what was appended and syncs it to disk.
    bool commit(QString *error);
    // A document's bytes by the offset appendPut or replay gave (valid until the next commit,
    // compaction or close).
    QByteArrayView read(qint64 offset, qint64 length) const;

    // Compaction: writes `documents` (offsets and lengths of live documents, in the order to keep)
    // as a new log beside this one, fsyncs it, renames it over the log and fsyncs the directory;
    // on success *newOffsets holds each document's offset in the new log. On failure the log is
    // left as it was.
    struct Span
    {
        qint64 offset;
        qint64 length;
    };
    bool compact(const std::vector<Span> &documents, std::vector<qint64> *newOffsets, QString *error);

    void close();
    bool removeFile();
    QString path() const { return m_file.fileName(); }
    // Bytes and records committed so far (an index snapshot says how much of the log it covers).
    qint64 size() const { return m_committed; }
    qint64 records() const { return m_records; }
    bool hasPending() const { return !m_pending.isEmpty(); }
    // Whether replay met put records of another form, whose documents are held in memory
    // (compact() writes them in the log's own form).
    bool hasInlineDocuments() const { return !m_inline.isEmpty(); }

private:
    bool map(QString *error);
    void unmap();
    static constexpr qint64 kInlineBit = qint64(1) << 62; // replayed records stored in m_inline

    QFile m_file;
    bool m_inMemory = false;
    QByteArray m_memory;   // the committed bytes when in memory only
    const char *m_mapped = nullptr;
    qint64 m_mappedLength = 0; // reserved address range (may run past the end of the file)
    qint64 m_committed = 0;
    QByteArray m_pending;  // appended, not yet committed: offsets from m_committed on
    qint64 m_pendingRecords = 0;
    qint64 m_records = 0;
    // Documents of put records not in the compact form appendPut writes (an older writer's),
    // re-serialised at replay: kept here, addressed with kInlineBit.
    QByteArray m_inline;
};

// fsyncs a directory, so a file's removal (a deleted collection) survives a crash.
bool syncDirectory(const QString &path);

} // namespace homeport::search
