#pragma once
// DataDir: where one Homeport instance keeps everything (settings, secrets, one folder per
// service), and the lock that keeps a second instance off the same directory.
// Thread affinity: the main thread.

#include <QString>

#include <atomic>
#include <functional>
#include <memory>

class QLockFile;

namespace homeport::core {

// How a move across file systems reports and is stopped. Both are used on the thread that copies
// (a worker, when the console moves the data).
struct DataMoveControl {
    // Bytes copied so far of all there are to copy; called after every chunk.
    std::function<void(qint64 bytesDone, qint64 bytesTotal)> progress;
    // Set (from any thread) to stop the copy; checked between chunks.
    const std::atomic<bool> *cancel = nullptr;
    // Copy even when a rename would do (tests exercise the copy without a second disk).
    bool copyOnOneFileSystem = false;
};

enum class TreeCopy { Copied, Canceled, Failed };

// Copies the tree `from` into the new or empty folder `to`: every file with its permissions and
// fsynced, every folder fsynced, the lock file and symlinks left out. On cancel or failure `to`
// is removed again (`error` says why) and `from` is untouched.
TreeCopy copyTreeDurably(const QString &from, const QString &to, const DataMoveControl &control, QString *error);

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
    // new folder too (setPreferredPath), written only once the copy is complete and on disk, so a
    // crash during the copy leaves the old folder in use. On failure or cancel (`control`) nothing
    // is lost: the data stays where it was and the half-made copy is removed.
    bool moveTo(const QString &target, QString *error, const DataMoveControl &control = {});
    // moveTo() on a worker thread while the calling thread runs a local event loop, so a window
    // keeps repainting and a progress dialog's Cancel is seen. Returns when the move is over.
    bool moveToOnWorkerThread(const QString &target, QString *error, const DataMoveControl &control);

private:
    QString m_path;
    std::unique_ptr<QLockFile> m_lock;
};

} // namespace homeport::core
