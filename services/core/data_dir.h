#pragma once
// DataDir: where one Homeport instance keeps everything (settings, secrets, one folder per
// service), and the lock that keeps a second instance off the same directory.
// Thread affinity: the main thread.

#include <QString>

#include <memory>

class QLockFile;

namespace homeport::core {

class DataDir
{
public:
    // The user's data dir (e.g. ~/.local/share/homeport) unless `path` is given.
    explicit DataDir(const QString &path = {});
    ~DataDir();

    // The preferred data dir the Settings page saved, else the user's data dir.
    static QString defaultPath();
    // Kept in the user's config (not in a data dir); applies from the next start.
    static void setPreferredPath(const QString &path);

    QString path() const { return m_path; }
    QString settingsFile() const;                      // homeport.ini
    QString secretsFile() const;                       // secrets.json (0600)
    QString serviceDir(const QString &service) const;  // created on demand, 0700

    // Creates the directory (0700) and takes the instance lock. On failure `error` says why,
    // e.g. that another Homeport (with its pid) already uses this data dir.
    bool open(QString *error);

    // Moves everything to `target` (which must be absent or an empty folder, and not inside this
    // one) and keeps the lock, now there. Same file system: one rename. Otherwise every file is
    // copied with its permissions and fsynced, every folder fsynced, and only then is the old
    // tree removed. The services must be stopped (their stores closed). The next start uses the
    // new folder too (setPreferredPath). On failure nothing is lost: the data stays where it was.
    bool moveTo(const QString &target, QString *error);

private:
    QString m_path;
    std::unique_ptr<QLockFile> m_lock;
};

} // namespace homeport::core
