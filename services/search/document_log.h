#pragma once
// DocumentLog: a collection's durable store, an append-only JSON Lines file of records
// ({"put":{document}} or {"del":"id"}). append() buffers; commit() writes and fdatasyncs before
// the service acknowledges, so an acknowledged write survives a crash. A torn last line (a crash
// mid-write) is ignored at replay. replay() feeds the records back to rebuild the index.
// Thread affinity: the search service's thread.

#include <QByteArray>
#include <QFile>
#include <QJsonObject>
#include <QString>

#include <functional>

namespace homeport::search {

class DocumentLog
{
public:
    explicit DocumentLog(const QString &path) : m_file(path) {}

    bool open(QString *error);
    // Calls put (with the document as compact JSON) or remove for every complete record from
    // byte `from` on (an index snapshot covers what is before it: `recordsBefore` records);
    // returns the number of records in the whole log, or -1.
    qint64 replay(const std::function<void(const QByteArray &)> &put,
                  const std::function<void(const QString &)> &remove, QString *error, qint64 from = 0,
                  qint64 recordsBefore = 0);
    void appendPut(const QJsonObject &document);
    void appendPut(const QByteArray &compactDocument);
    void appendRemove(const QString &id);
    // Writes what was appended and syncs it to disk.
    bool commit(QString *error);
    // Replaces the file by `records` (a compaction), atomically.
    bool rewrite(const QByteArray &records, QString *error);
    void close() { m_file.close(); }
    bool removeFile();
    QString path() const { return m_file.fileName(); }
    // Bytes and records committed so far (an index snapshot says how much of the log it covers).
    qint64 size() const { return m_file.size(); }
    qint64 records() const { return m_records; }

private:
    QFile m_file;
    QByteArray m_pending;
    qint64 m_pendingRecords = 0;
    qint64 m_records = 0;
};

// fsyncs a directory, so a file's removal (a deleted collection) survives a crash.
bool syncDirectory(const QString &path);

} // namespace homeport::search
