#include "document_log.h"

#include "core/atomic_file.h"

#include <QJsonDocument>

#include <utility>

#include <fcntl.h>
#include <unistd.h>

namespace homeport::search {

bool DocumentLog::open(QString *error)
{
    if (!m_file.open(QIODevice::ReadWrite | QIODevice::Append)) {
        *error = QStringLiteral("cannot open %1: %2").arg(m_file.fileName(), m_file.errorString());
        return false;
    }
    return true;
}

qint64 DocumentLog::replay(const std::function<void(const QByteArray &)> &put,
                           const std::function<void(const QString &)> &remove, QString *error, qint64 from,
                           qint64 recordsBefore)
{
    QFile reader(m_file.fileName());
    if (!reader.open(QIODevice::ReadOnly) || !reader.seek(from)) {
        *error = QStringLiteral("cannot read %1: %2").arg(reader.fileName(), reader.errorString());
        return -1;
    }
    static constexpr char kPutPrefix[] = "{\"put\":";
    constexpr qsizetype kPutPrefixLength = sizeof(kPutPrefix) - 1;
    constexpr qint64 kChunkBytes = 8 << 20;
    qint64 records = recordsBefore;
    qint64 validEnd = from; // file offset after the last complete line
    QByteArray buffer;
    for (;;) {
        const QByteArray chunk = reader.read(kChunkBytes);
        if (chunk.isEmpty())
            break;
        buffer += chunk;
        qsizetype from = 0;
        for (qsizetype nl; (nl = buffer.indexOf('\n', from)) >= 0; from = nl + 1) {
            const QByteArrayView line(buffer.constData() + from, nl - from);
            ++records;
            // {"put":<document>} as appendPut writes it: the document's bytes are kept as they are.
            if (line.startsWith(QByteArrayView(kPutPrefix, kPutPrefixLength)) && line.endsWith('}')) {
                put(line.sliced(kPutPrefixLength, line.size() - kPutPrefixLength - 1).toByteArray());
                continue;
            }
            const QJsonObject record = QJsonDocument::fromJson(line.toByteArray()).object();
            if (record.contains(QStringLiteral("put")))
                put(QJsonDocument(record.value(QStringLiteral("put")).toObject()).toJson(QJsonDocument::Compact));
            else if (record.contains(QStringLiteral("del")))
                remove(record.value(QStringLiteral("del")).toString());
        }
        validEnd += from;
        buffer.remove(0, from);
    }
    // What is left without a newline is a torn tail: never acknowledged.
    // Cut it off, so the next record starts on a line of its own.
    if (reader.size() > validEnd) {
        reader.close();
        if (!m_file.resize(validEnd) || !m_file.seek(validEnd)) {
            *error = QStringLiteral("cannot repair %1: %2").arg(m_file.fileName(), m_file.errorString());
            return -1;
        }
    }
    m_records = records;
    return records;
}

void DocumentLog::appendPut(const QJsonObject &document)
{
    m_pending += QJsonDocument(QJsonObject{{QStringLiteral("put"), document}}).toJson(QJsonDocument::Compact);
    m_pending += '\n';
    ++m_pendingRecords;
}

void DocumentLog::appendPut(const QByteArray &compactDocument)
{
    m_pending += "{\"put\":";
    m_pending += compactDocument;
    m_pending += "}\n";
    ++m_pendingRecords;
}

void DocumentLog::appendRemove(const QString &id)
{
    m_pending += QJsonDocument(QJsonObject{{QStringLiteral("del"), id}}).toJson(QJsonDocument::Compact);
    m_pending += '\n';
    ++m_pendingRecords;
}

bool DocumentLog::commit(QString *error)
{
    if (m_pending.isEmpty())
        return true;
    const qint64 before = m_file.size();
    const bool ok = m_file.write(m_pending) == m_pending.size() && m_file.flush() && ::fdatasync(m_file.handle()) == 0;
    m_pending.clear();
    if (ok)
        m_records += std::exchange(m_pendingRecords, 0);
    m_pendingRecords = 0;
    if (!ok) {
        *error = QStringLiteral("cannot write %1: %2").arg(m_file.fileName(), m_file.errorString());
        // A half-written batch (disk full) must not stay in front of the next one.
        m_file.resize(before);
    }
    return ok;
}

bool DocumentLog::rewrite(const QByteArray &records, QString *error)
{
    m_file.close();
    const QString failure = core::writeFileAtomically(m_file.fileName(), records, 0600);
    if (!failure.isEmpty()) {
        *error = failure;
        return false;
    }
    m_records = records.count('\n');
    return open(error);
}

bool DocumentLog::removeFile()
{
    m_file.close();
    return m_file.remove();
}

bool syncDirectory(const QString &path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

} // namespace homeport::search
