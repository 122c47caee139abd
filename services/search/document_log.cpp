#include "document_log.h"

#include "core/atomic_file.h"

#include <QJsonDocument>

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

qint64 DocumentLog::replay(const std::function<void(const QJsonObject &)> &put,
                           const std::function<void(const QString &)> &remove, QString *error)
{
    QFile reader(m_file.fileName());
    if (!reader.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(reader.fileName(), reader.errorString());
        return -1;
    }
    qint64 records = 0;
    qint64 validEnd = 0;
    while (!reader.atEnd()) {
        const QByteArray line = reader.readLine();
        if (!line.endsWith('\n'))
            break; // torn tail: never acknowledged
        validEnd = reader.pos();
        const QJsonObject record = QJsonDocument::fromJson(line).object();
        if (record.contains(QStringLiteral("put")))
            put(record.value(QStringLiteral("put")).toObject());
        else if (record.contains(QStringLiteral("del")))
            remove(record.value(QStringLiteral("del")).toString());
        ++records;
    }
    // Cut a torn tail off, so the next record starts on a line of its own.
    if (reader.size() > validEnd) {
        reader.close();
        if (!m_file.resize(validEnd) || !m_file.seek(validEnd)) {
            *error = QStringLiteral("cannot repair %1: %2").arg(m_file.fileName(), m_file.errorString());
            return -1;
        }
    }
    return records;
}

void DocumentLog::appendPut(const QJsonObject &document)
{
    m_pending += QJsonDocument(QJsonObject{{QStringLiteral("put"), document}}).toJson(QJsonDocument::Compact);
    m_pending += '\n';
}

void DocumentLog::appendRemove(const QString &id)
{
    m_pending += QJsonDocument(QJsonObject{{QStringLiteral("del"), id}}).toJson(QJsonDocument::Compact);
    m_pending += '\n';
}

bool DocumentLog::commit(QString *error)
{
    if (m_pending.isEmpty())
        return true;
    const qint64 before = m_file.size();
    const bool ok = m_file.write(m_pending) == m_pending.size() && m_file.flush() && ::fdatasync(m_file.handle()) == 0;
    m_pending.clear();
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
