#include "data_dir.h"

#include <QDir>
#include <QDirIterator>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QSettings>
#include <QStandardPaths>
#include <QThread>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace homeport::core {

namespace {
bool makePrivateDir(const QString &path)
{
    if (!QDir().mkpath(path))
        return false;
    return QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
}
} // namespace

DataDir::DataDir(const QString &path)
    : m_path(QDir::cleanPath(QDir(path.isEmpty() ? defaultPath() : path).absolutePath()))
{
}

DataDir::~DataDir() = default;

namespace {
QString preferenceFile()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) + QStringLiteral("/homeport/console.ini");
}
const QString kPreferredKey = QStringLiteral("data_dir");
} // namespace

QString DataDir::defaultPath()
{
    const QString preferred = QSettings(preferenceFile(), QSettings::IniFormat).value(kPreferredKey).toString();
    if (!preferred.isEmpty())
        return preferred;
    // GenericDataLocation keeps the folder name stable whatever the application name is.
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/homeport");
}

void DataDir::setPreferredPath(const QString &path)
{
    QSettings preferences(preferenceFile(), QSettings::IniFormat);
    if (path.isEmpty())
        preferences.remove(kPreferredKey);
    else
        preferences.setValue(kPreferredKey, QDir(path).absolutePath());
}

QString DataDir::settingsFile() const
{
    return m_path + QStringLiteral("/homeport.ini");
}

QString DataDir::secretsFile() const
{
    return m_path + QStringLiteral("/secrets.json");
}

QString DataDir::serviceDir(const QString &service) const
{
    const QString dir = m_path + QLatin1Char('/') + service;
    makePrivateDir(dir);
    return dir;
}

bool DataDir::open(QString *error)
{
    if (!makePrivateDir(m_path)) {
        *error = QStringLiteral("cannot create the data directory %1").arg(m_path);
        return false;
    }
    m_lock = std::make_unique<QLockFile>(m_path + QStringLiteral("/homeport.lock"));
    m_lock->setStaleLockTime(0); // a lock is stale only when its process is gone
    if (!m_lock->tryLock(0)) {
        qint64 pid = 0;
        QString host, app;
        if (m_lock->error() == QLockFile::LockFailedError && m_lock->getLockInfo(&pid, &host, &app)) {
            *error = QStringLiteral("another Homeport (pid %1) is already running on the data directory %2")
                         .arg(pid)
                         .arg(m_path);
        } else {
            *error = QStringLiteral("cannot lock the data directory %1").arg(m_path);
        }
        m_lock.reset();
        return false;
    }
    return true;
}

namespace {

constexpr qint64 kCopyChunkBytes = 1 << 20;

bool fsyncPath(const QString &path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

// Copies one file with its permissions and fsyncs it before returning; `copied` grows with
// every chunk. Returns the failure, "" when done, or kCanceled.
const QString kCanceled = QStringLiteral("canceled");

QString copyFileDurably(const QString &from, const QString &to, const DataMoveControl &control, qint64 *copied,
                        qint64 total)
{
    QFile in(from);
    if (!in.open(QIODevice::ReadOnly))
        return QStringLiteral("cannot read %1: %2").arg(from, in.errorString());
    QFile out(to);
    if (!out.open(QIODevice::WriteOnly | QIODevice::NewOnly))
        return QStringLiteral("cannot create %1: %2").arg(to, out.errorString());
    out.setPermissions(in.permissions());
    while (!in.atEnd()) {
        if (control.cancel && control.cancel->load())
            return kCanceled;
        const QByteArray chunk = in.read(kCopyChunkBytes);
        if (chunk.isEmpty() && in.error() != QFileDevice::NoError)
            return QStringLiteral("cannot read %1: %2").arg(from, in.errorString());
        if (out.write(chunk) != chunk.size())
            return QStringLiteral("cannot write %1: %2").arg(to, out.errorString());
        *copied += chunk.size();
        if (control.progress)
            control.progress(*copied, total);
    }
    if (!out.flush() || ::fsync(out.handle()) != 0)
        return QStringLiteral("cannot flush %1 to disk").arg(to);
    return {};
}

bool isInside(const QString &path, const QString &folder)
{
    return path == folder || path.startsWith(folder + QLatin1Char('/'));
}

} // namespace

TreeCopy copyTreeDurably(const QString &from, const QString &to, const DataMoveControl &control, QString *error)
{
    const QDir::Filters entries = QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System;
    auto copies = [&](const QFileInfo &info) {
        return !info.isSymLink() && !info.isDir() && info.fileName() != QLatin1String("homeport.lock");
    };
    qint64 total = 0;
    for (QDirIterator it(from, entries, QDirIterator::Subdirectories); it.hasNext();) {
        it.next();
        if (copies(it.fileInfo()))
            total += it.fileInfo().size();
    }
    qint64 copied = 0;
    if (control.progress)
        control.progress(0, total);

    QString failure;
    if (!makePrivateDir(to))
        failure = QStringLiteral("cannot create %1").arg(to);
    QStringList folders{to};
    QDirIterator it(from, entries, QDirIterator::Subdirectories);
    while (failure.isEmpty() && it.hasNext()) {
        const QString source = it.next();
        const QFileInfo info = it.fileInfo();
        const QString dest = to + source.mid(from.size());
        if (control.cancel && control.cancel->load()) {
            failure = kCanceled;
        } else if (info.isSymLink()) {
            continue; // a data dir holds no links of its own; never follow one out of it
        } else if (info.isDir()) {
            if (!QDir().mkpath(dest) || !QFile::setPermissions(dest, info.permissions()))
                failure = QStringLiteral("cannot create %1").arg(dest);
            folders << dest;
        } else if (copies(info)) {
            failure = copyFileDurably(source, dest, control, &copied, total);
        }
    }
    for (auto f = folders.crbegin(); failure.isEmpty() && f != folders.crend(); ++f) {
        if (!fsyncPath(*f))
            failure = QStringLiteral("cannot flush %1 to disk").arg(*f);
    }
    if (failure.isEmpty())
        return TreeCopy::Copied;
    QDir(to).removeRecursively(); // only the half-made copy; `from` was only read
    const bool canceled = failure == kCanceled;
    *error = canceled ? QStringLiteral("the move was canceled; the data stays in %1").arg(from) : failure;
    return canceled ? TreeCopy::Canceled : TreeCopy::Failed;
}

bool DataDir::moveToOnWorkerThread(const QString &target, QString *error, const DataMoveControl &control)
{
    bool moved = false;
    QString why;
    QEventLoop loop;
    std::unique_ptr<QThread> worker(QThread::create([&] { moved = moveTo(target, &why, control); }));
    worker->setObjectName(QStringLiteral("data-dir-move"));
    QObject::connect(worker.get(), &QThread::finished, &loop, &QEventLoop::quit);
    worker->start();
    loop.exec();
    worker->wait();
    *error = why;
    return moved;
}

bool DataDir::moveTo(const QString &target, QString *error, const DataMoveControl &control)
{
    const QString to = QDir::cleanPath(QDir(target).absolutePath());
    const QFileInfo toInfo(to);
    if (isInside(to, m_path) || isInside(m_path, to)) {
        *error = QStringLiteral("%1 is inside the data folder %2 (or holds it); choose a folder elsewhere").arg(to, m_path);
        return false;
    }
    if (toInfo.exists() && (!toInfo.isDir() || !QDir(to).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System))) {
        *error = QStringLiteral("%1 is not empty; Homeport moves its data only into an empty or new folder").arg(to);
        return false;
    }
    if (!QDir().mkpath(toInfo.absolutePath())) {
        *error = QStringLiteral("cannot create %1").arg(toInfo.absolutePath());
        return false;
    }

    // The lock file goes with neither path; it is taken again at the new place.
    const bool wasLocked = m_lock != nullptr;
    m_lock.reset();
    auto relock = [this, wasLocked](QString *why) { return !wasLocked || open(why); };

    // Same file system: rename(2) moves the whole tree at once (and replaces an empty folder).
    if (!control.copyOnOneFileSystem && ::rename(QFile::encodeName(m_path).constData(), QFile::encodeName(to).constData()) == 0) {
        fsyncPath(toInfo.absolutePath());
        fsyncPath(QFileInfo(m_path).absolutePath());
        const QString from = m_path;
        m_path = to;
        setPreferredPath(m_path);
        if (!relock(error)) {
            *error = QStringLiteral("moved from %1, but %2").arg(from, *error);
            return false;
        }
        return true;
    }
    if (!control.copyOnOneFileSystem && errno != EXDEV) {
        const QString reason = QString::fromLocal8Bit(std::strerror(errno));
        relock(error);
        *error = QStringLiteral("cannot move %1 to %2: %3").arg(m_path, to, reason);
        return false;
    }

    // Another file system: copy every file durably, then drop the old tree.
    QString failure;
    bool copied = copyTreeDurably(m_path, to, control, &failure) == TreeCopy::Copied;
    if (copied && !fsyncPath(toInfo.absolutePath())) { // the new folder's own entry
        failure = QStringLiteral("cannot flush %1 to disk").arg(toInfo.absolutePath());
        QDir(to).removeRecursively();
        copied = false;
    }
    if (!copied) {
        // copyTreeDurably removed its half-made copy; the data stays where it was.
        QString lockError;
        relock(&lockError);
        *error = failure;
        return false;
    }
    const QString from = m_path;
    m_path = to;
    setPreferredPath(m_path);
    if (!relock(error))
        return false;
    if (!QDir(from).removeRecursively())
        *error = QStringLiteral("the data is in %1, but the old folder %2 could not be removed completely").arg(to, from);
    return true;
}

} // namespace homeport::core
