#pragma once
// RowCommitter: commits the rows of finished PUTs and parts on a thread and SQLite connection of
// its own, in groups (one transaction and one WAL fsync for every row that arrived meanwhile).
// The storage service's thread hands a group over and goes on reading requests while the disk
// flushes, instead of waiting for each fsync (and each checkpoint) itself; the data file
// workers hand over a part's row as soon as its file is in the store, without a turn of the
// service thread's event loop. Whatever commit() calls arrive while a transaction commits, from
// any thread, share the next one. A PUT is still answered only after its row's commit has
// returned, so what is acknowledged is on disk, and readers (the service's connection) see a
// row only once it is committed.
// Thread affinity: constructed, start()ed and destroyed on the storage service's thread;
// commit() from any thread until the destructor runs; the writes run on the committer's
// thread; `done` is queued back to the receiver.

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <mutex>
#include <vector>

class QThread;

namespace homeport::storage {

class ObjectStore;

class RowCommitter
{
public:
    // One row's write, run inside the group's transaction on the committer's own store.
    using Write = std::function<bool(ObjectStore &store, QString *error)>;
    struct Outcome
    {
        bool committed = false; // the transaction committed (false: none of the rows exist)
        QString error;          // why not, when not
        QList<bool> written;    // per write, in order
        QStringList errors;     // per write
        QStringList replacedFiles; // data files of versions the group replaced; removing them is the caller's
    };

    // `root` is the store's folder; its database must exist (the service's ObjectStore opened it).
    explicit RowCommitter(const QString &root);
    ~RowCommitter(); // waits for the group in flight and closes the connection

    bool start(QString *error);
    // Runs the writes in one transaction on the committer's thread, with those of every other
    // commit() that is waiting then; `done` runs in receiver's thread afterwards, with this
    // call's writes' results (replacedFiles: those of the whole transaction, given to one of
    // its calls). The receiver must outlive the committer.
    void commit(QList<Write> writes, QObject *receiver, std::function<void(const Outcome &)> done);

private:
    struct Pending
    {
        QList<Write> writes;
        QObject *receiver;
        std::function<void(const Outcome &)> done;
    };
    void commitPending(); // committer's thread

    QString m_root;
    std::mutex m_mutex; // guards the two below
    std::vector<Pending> m_pending;
    bool m_drainQueued = false;
    std::unique_ptr<QThread> m_thread;
    std::unique_ptr<QObject> m_context; // lives in m_thread; the writes are queued to it
    std::unique_ptr<ObjectStore> m_store; // used only in m_thread
};

} // namespace homeport::storage
