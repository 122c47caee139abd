#include "document_log.h"

#include "core/atomic_file.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

namespace homeport::search {

namespace {

constexpr char kPutPrefix[] = "{\"put\":";
constexpr qsizetype kPutPrefixLength = sizeof(kPutPrefix) - 1;
// The mapping reserves address space ahead of the file (pages past its end are never read), so
// it is made again only when the log outgrows it: at least this much, else twice the log.
constexpr qint64 kMinimumReservation = qint64(1) << 30;

QString systemError() { return QString::fromLocal8Bit(std::strerror(errno)); }

} // namespace

DocumentLog::DocumentLog() : m_inMemory(true) {}

DocumentLog::DocumentLog(const QString &path) : m_file(path) {}

DocumentLog::~DocumentLog() { unmap(); }

bool DocumentLog::open(QString *error)
{
    if (m_inMemory)
        return true;
    // A compaction that did not reach its rename (a crash) left its temporary file: the log itself
    // is the old one, whole.
    const QFileInfo info(m_file.fileName());
    const QDir dir = info.absoluteDir();
    for (const QString &stale : dir.entryList({info.fileName() + QStringLiteral(".compact-*")}, QDir::Files))
        QFile::remove(dir.filePath(stale));
    if (!m_file.open(QIODevice::ReadWrite | QIODevice::Append)) {
        *error = QStringLiteral("cannot open %1: %2").arg(m_file.fileName(), m_file.errorString());
        return false;
    }
    m_file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    m_committed = m_file.size();
    return map(error);
}

bool DocumentLog::map(QString *error)
{
    unmap();
    const qint64 reserve = std::max(kMinimumReservation, 2 * m_committed);
    void *p = ::mmap(nullptr, size_t(reserve), PROT_READ, MAP_SHARED, m_file.handle(), 0);
    if (p == MAP_FAILED) {
        *error = QStringLiteral("cannot map %1: %2").arg(m_file.fileName(), systemError());
        return false;
    }
    m_mapped = static_cast<const char *>(p);
    m_mappedLength = reserve;
    return true;
}

void DocumentLog::unmap()
{
    if (m_mapped)
        ::munmap(const_cast<char *>(m_mapped), size_t(m_mappedLength));
    m_mapped = nullptr;
    m_mappedLength = 0;
}

qint64 DocumentLog::replay(const std::function<void(QByteArrayView, qint64)> &put,
                           const std::function<void(const QString &)> &remove, QString *error, qint64 from,
                           qint64 recordsBefore)
{
    const char *base = m_inMemory ? m_memory.constData() : m_mapped;
    const qint64 end = m_committed;
    if (from < 0 || from > end || (!base && end > 0)) {
        *error = QStringLiteral("cannot read %1 from byte %2").arg(m_file.fileName()).arg(from);
        return -1;
    }
    if (!m_inMemory && end > from)
        ::madvise(const_cast<char *>(m_mapped), size_t(end), MADV_SEQUENTIAL);
    qint64 records = recordsBefore;
    qint64 lineStart = from;
    while (lineStart < end) {
        const char *nl = static_cast<const char *>(std::memchr(base + lineStart, '\n', size_t(end - lineStart)));
        if (!nl)
            break; // a torn tail
        const qint64 lineEnd = nl - base;
        const QByteArrayView line(base + lineStart, lineEnd - lineStart);
        ++records;
        // {"put":<document>} as appendPut writes it: the document is read where it lies.
        if (line.startsWith(QByteArrayView(kPutPrefix, kPutPrefixLength)) && line.endsWith('}')) {
            put(line.sliced(kPutPrefixLength, line.size() - kPutPrefixLength - 1), lineStart + kPutPrefixLength);
        } else {
            const QJsonObject record = QJsonDocument::fromJson(line.toByteArray()).object();
            if (record.contains(QStringLiteral("put"))) {
                const QByteArray document = QJsonDocument(record.value(QStringLiteral("put")).toObject()).toJson(QJsonDocument::Compact);
                const qint64 at = m_inline.size();
                m_inline += document;
                put(QByteArrayView(m_inline.constData() + at, document.size()), kInlineBit | at);
            } else if (record.contains(QStringLiteral("del"))) {
                remove(record.value(QStringLiteral("del")).toString());
            }
        }
        lineStart = lineEnd + 1;
    }
    if (!m_inMemory && end > from)
        ::madvise(const_cast<char *>(m_mapped), size_t(end), MADV_NORMAL);
    // What is left without a newline is a torn tail: never acknowledged.
    // Cut it off, so the next record starts on a line of its own.
    if (end > lineStart) {
        if (m_inMemory) {
            m_memory.truncate(lineStart);
        } else if (!m_file.resize(lineStart) || !m_file.seek(lineStart)) {
            *error = QStringLiteral("cannot repair %1: %2").arg(m_file.fileName(), m_file.errorString());
            return -1;
        }
        m_committed = lineStart;
    }
    m_records = records;
    return records;
}

qint64 DocumentLog::appendPut(QByteArrayView compactDocument)
{
    m_pending += kPutPrefix;
    const qint64 offset = m_committed + m_pending.size();
    m_pending += compactDocument;
    m_pending += "}\n";
    ++m_pendingRecords;
    return offset;
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
    if (m_inMemory) {
        m_memory += m_pending;
    } else {
        const bool ok = m_file.write(m_pending) == m_pending.size() && m_file.flush() && ::fdatasync(m_file.handle()) == 0;
        if (!ok) {
            *error = QStringLiteral("cannot write %1: %2").arg(m_file.fileName(), m_file.errorString());
            // A half-written batch (disk full) must not stay in front of the next one. The batch
            // itself stays pending: its documents are in the index and are read from it, and the
            // next commit writes it again.
            m_file.resize(m_committed);
            return false;
        }
    }
    m_committed += m_pending.size();
    m_records += std::exchange(m_pendingRecords, 0);
    m_pending.clear();
    if (!m_inMemory && m_committed > m_mappedLength && !map(error))
        return false;
    return true;
}

QByteArrayView DocumentLog::read(qint64 offset, qint64 length) const
{
    if (offset & kInlineBit)
        return QByteArrayView(m_inline.constData() + (offset & ~kInlineBit), length);
    if (offset >= m_committed)
        return QByteArrayView(m_pending.constData() + (offset - m_committed), length);
    return QByteArrayView((m_inMemory ? m_memory.constData() : m_mapped) + offset, length);
}

bool DocumentLog::compact(const std::vector<Span> &documents, std::vector<qint64> *newOffsets, QString *error)
{
    if (!m_pending.isEmpty() && !commit(error))
        return false;
    std::vector<qint64> offsets;
    offsets.reserve(documents.size());
    QByteArray chunk;
    constexpr qsizetype kChunkBytes = 8 << 20;
    chunk.reserve(kChunkBytes + 4096);
    qint64 written = 0;
    if (m_inMemory) {
        QByteArray next;
        for (const Span &d : documents) {
            next += kPutPrefix;
            offsets.push_back(next.size());
            next += read(d.offset, d.length);
            next += "}\n";
        }
        m_memory = std::move(next);
        m_inline.clear();
        m_committed = m_memory.size();
        m_records = qint64(documents.size());
        *newOffsets = std::move(offsets);
        return true;
    }
    const QByteArray target = QFile::encodeName(QFileInfo(m_file.fileName()).absoluteFilePath());
    QByteArray temp = target + ".compact-XXXXXX";
    const int fd = ::mkstemp(temp.data()); // 0600
    if (fd < 0) {
        *error = QStringLiteral("cannot create a file beside %1: %2").arg(m_file.fileName(), systemError());
        return false;
    }
    bool ok = true;
    for (const Span &d : documents) {
        chunk += kPutPrefix;
        offsets.push_back(written + chunk.size());
        chunk += read(d.offset, d.length);
        chunk += "}\n";
        if (chunk.size() >= kChunkBytes) {
            ok = core::writeAll(fd, chunk.constData(), chunk.size());
            written += chunk.size();
            chunk.clear();
            if (!ok)
                break;
        }
    }
    if (ok) {
        ok = core::writeAll(fd, chunk.constData(), chunk.size());
        written += chunk.size();
    }
    ok = ok && ::fsync(fd) == 0;
    const QString failure = ok ? QString() : systemError();
    if (::close(fd) != 0 && ok) {
        ok = false;
    }
    if (!ok || ::rename(temp.constData(), target.constData()) != 0) {
        *error = QStringLiteral("cannot compact %1: %2").arg(m_file.fileName(), failure.isEmpty() ? systemError() : failure);
        ::unlink(temp.constData());
        return false;
    }
    syncDirectory(QFileInfo(m_file.fileName()).absolutePath());
    // The new file is the log from here on (the old one's mapping goes with it).
    unmap();
    m_file.close();
    m_inline.clear();
    if (!m_file.open(QIODevice::ReadWrite | QIODevice::Append)) {
        *error = QStringLiteral("cannot open %1: %2").arg(m_file.fileName(), m_file.errorString());
        return false;
    }
    m_committed = m_file.size();
    m_records = qint64(documents.size());
    *newOffsets = std::move(offsets);
    return map(error);
}

void DocumentLog::close()
{
    unmap();
    m_file.close();
}

bool DocumentLog::removeFile()
{
    close();
    return m_inMemory || m_file.remove();
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
