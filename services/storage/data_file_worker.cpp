#include "data_file_worker.h"

#include <QCryptographicHash>
#include <QFile>
#include <QMetaObject>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace homeport::storage {

namespace {

QString systemError()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

// Reads exactly length bytes of `in` from offset into `out` at its current end.
bool copyRange(int in, qint64 offset, qint64 length, int out, QCryptographicHash *md5, QString *error)
{
    if (!md5) {
        // The kernel copies (and may share extents on filesystems that can).
        loff_t from = offset;
        while (length > 0) {
            const ssize_t n = ::copy_file_range(in, &from, out, nullptr, size_t(qMin<qint64>(length, 1LL << 30)), 0);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                break;
            length -= n;
        }
        if (length == 0)
            return true;
        offset = from; // copy_file_range refused (EXDEV, ENOSYS...): read/write the rest
    }
    QByteArray buffer(1 << 20, Qt::Uninitialized);
    while (length > 0) {
        const ssize_t n = ::pread(in, buffer.data(), size_t(qMin<qint64>(length, buffer.size())), offset);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            *error = n == 0 ? QStringLiteral("the source ended early") : systemError();
            return false;
        }
        for (ssize_t written = 0; written < n;) {
            const ssize_t w = ::write(out, buffer.constData() + written, size_t(n - written));
            if (w < 0 && errno == EINTR)
                continue;
            if (w <= 0) {
                *error = systemError();
                return false;
            }
            written += w;
        }
        if (md5)
            md5->addData(QByteArrayView(buffer.constData(), n));
        offset += n;
        length -= n;
    }
    return true;
}

} // namespace

DataFileWorker::DataFileWorker(int threads)
{
    m_pool.setMaxThreadCount(threads);
    m_pool.setExpiryTimeout(30000);
}

DataFileWorker::~DataFileWorker()
{
    m_pool.waitForDone();
}

void DataFileWorker::waitForDone()
{
    m_pool.waitForDone();
}

void DataFileWorker::run(DataFileJob job, QObject *receiver, std::function<void(const DataFileResult &)> done)
{
    run(std::move(job), [receiver, done = std::move(done)](DataFileResult result) {
        QMetaObject::invokeMethod(receiver, [done, result = std::move(result)] { done(result); }, Qt::QueuedConnection);
    });
}

void DataFileWorker::run(DataFileJob job, std::function<void(DataFileResult)> then)
{
    ++m_running;
    m_pool.start([this, job = std::move(job), then = std::move(then)] {
        then(execute(job));
        --m_running;
    });
}

DataFileResult DataFileWorker::execute(const DataFileJob &job)
{
    // Descriptors the caller opened are the job's to close, whatever happens.
    struct CloseGiven
    {
        const DataFileJob &job;
        ~CloseGiven()
        {
            for (const DataFileJob::Segment &segment : job.segments) {
                if (segment.fd >= 0)
                    ::close(segment.fd);
            }
        }
    } closeGiven{job};
    DataFileResult result;
    const QByteArray temp = QFile::encodeName(job.temp);
    const auto fail = [&](const QString &why) {
        ::unlink(temp.constData());
        result.error = why;
        return result;
    };
    const int flags = job.segments.isEmpty() ? O_WRONLY : O_WRONLY | O_CREAT | O_TRUNC | O_EXCL;
    const int out = ::open(temp.constData(), flags | O_CLOEXEC, 0600);
    if (out < 0)
        return fail(QStringLiteral("cannot open %1: %2").arg(job.temp, systemError()));
    QCryptographicHash md5(QCryptographicHash::Md5);
    for (const DataFileJob::Segment &segment : job.segments) {
        const int in = segment.fd >= 0 ? segment.fd : ::open(QFile::encodeName(segment.path).constData(), O_RDONLY | O_CLOEXEC);
        if (in < 0) {
            ::close(out);
            return fail(QStringLiteral("cannot open %1: %2").arg(segment.path, systemError()));
        }
        QString error;
        const bool ok = copyRange(in, segment.offset, segment.length, out, job.md5 ? &md5 : nullptr, &error);
        if (segment.fd < 0)
            ::close(in);
        if (!ok) {
            ::close(out);
            return fail(QStringLiteral("cannot copy %1: %2").arg(segment.path, error));
        }
        result.bytes += segment.length;
    }
    if (::fsync(out) != 0) {
        const QString why = systemError();
        ::close(out);
        return fail(QStringLiteral("cannot write %1 to disk: %2").arg(job.temp, why));
    }
    ::close(out);
    if (job.md5)
        result.md5 = md5.result();
    QString error;
    result.file = job.install(job.temp, &error);
    if (result.file.isEmpty())
        return fail(error);
    return result;
}

} // namespace homeport::storage
