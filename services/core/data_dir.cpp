#include "data_dir.h"

#include <QDir>
#include <QFile>
#include <QLockFile>
#include <QSettings>
#include <QStandardPaths>

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

} // namespace homeport::core
