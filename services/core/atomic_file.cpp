#include "atomic_file.h"

#include <QDir>
#include <QFileInfo>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace homeport::core {

namespace {
QString errnoText(const QString &what, const QString &path)
{
    return QStringLiteral("%1 %2: %3").arg(what, path, QString::fromLocal8Bit(std::strerror(errno)));
}
} // namespace

bool writeAll(int fd, const char *p, qint64 n)
{
    while (n > 0) {
        const ssize_t w = ::write(fd, p, size_t(n));
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        p += w;
        n -= w;
    }
    return true;
}

QString writeFileAtomically(const QString &path, const QByteArray &data, int mode)
{
    const QFileInfo info(path);
    const QByteArray dir = QFile::encodeName(info.absolutePath());
    QByteArray temp = QFile::encodeName(info.absoluteFilePath()) + ".tmp-XXXXXX";

    const int fd = ::mkstemp(temp.data()); // created 0600, unique, never follows a symlink
    if (fd < 0)
        return errnoText(QStringLiteral("cannot create a file in"), QFile::decodeName(dir));
    const auto fail = [&](const QString &what) {
        const QString reason = errnoText(what, path);
        ::close(fd);
        ::unlink(temp.constData());
        return reason;
    };
    if (::fchmod(fd, mode_t(mode)) != 0)
        return fail(QStringLiteral("cannot set permissions of"));
    if (!writeAll(fd, data.constData(), data.size()))
        return fail(QStringLiteral("cannot write"));
    if (::fsync(fd) != 0)
        return fail(QStringLiteral("cannot flush"));
    if (::close(fd) != 0) {
        const QString reason = errnoText(QStringLiteral("cannot close"), path);
        ::unlink(temp.constData());
        return reason;
    }
    if (::rename(temp.constData(), QFile::encodeName(info.absoluteFilePath()).constData()) != 0) {
        const QString reason = errnoText(QStringLiteral("cannot replace"), path);
        ::unlink(temp.constData());
        return reason;
    }
    // The rename itself lives in the directory; flush it so the new name survives a crash too.
    const int dirFd = ::open(dir.constData(), O_RDONLY | O_DIRECTORY);
    if (dirFd >= 0) {
        ::fsync(dirFd);
        ::close(dirFd);
    }
    return {};
}

} // namespace homeport::core
