#include "row_committer.h"

#include "object_store.h"

#include <QMetaObject>
#include <QThread>

#include <atomic>
#include <utility>

namespace homeport::storage {

namespace {
std::atomic<int> committerNumber{0};
}

RowCommitter::RowCommitter(const QString &root) : m_root(root) {}

RowCommitter::~RowCommitter()
{
    if (!m_thread)
        return;
    // Queued after every group handed over, so they all finish first.
    QMetaObject::invokeMethod(m_context.get(), [this] { m_store.reset(); }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    m_context.reset();
}

bool RowCommitter::start(QString *error)
{
    m_thread = std::make_unique<QThread>();
    m_thread->setObjectName(QStringLiteral("storage-commits"));
    m_context = std::make_unique<QObject>();
    m_context->moveToThread(m_thread.get());
    m_thread->start();
    bool opened = false;
    // The connection must be made on the thread that uses it.
    QMetaObject::invokeMethod(m_context.get(), [&] {
        m_store = std::make_unique<ObjectStore>(m_root, QStringLiteral("storage-commits-%1").arg(++committerNumber));
        opened = m_store->openForCommits(error);
        if (!opened)
            m_store.reset();
    }, Qt::BlockingQueuedConnection);
    return opened;
}

void RowCommitter::commit(QList<Write> writes, QObject *receiver, std::function<void(const Outcome &)> done)
{
    std::lock_guard lock(m_mutex);
    m_pending.push_back({std::move(writes), receiver, std::move(done)});
    if (std::exchange(m_drainQueued, true))
        return; // a commitPending() is queued and takes this one too
    QMetaObject::invokeMethod(m_context.get(), [this] { commitPending(); }, Qt::QueuedConnection);
}

void RowCommitter::commitPending()
{
    std::vector<Pending> group;
    {
        std::lock_guard lock(m_mutex);
        group.swap(m_pending);
        m_drainQueued = false;
    }
    bool committed = false;
    QString error;
    QStringList replacedFiles;
    std::vector<Outcome> outcomes(group.size());
    for (size_t g = 0; g < group.size(); ++g) {
        outcomes[g].written = QList<bool>(group[g].writes.size(), false);
        outcomes[g].errors = QStringList(group[g].writes.size());
    }
    if (!m_store) {
        error = QStringLiteral("The storage database is closed.");
    } else if (m_store->beginBatch(&error)) {
        for (size_t g = 0; g < group.size(); ++g) {
            for (qsizetype i = 0; i < group[g].writes.size(); ++i)
                outcomes[g].written[i] = group[g].writes[i](*m_store, &outcomes[g].errors[i]);
        }
        committed = m_store->endBatch(&error, &replacedFiles);
    }
    for (size_t g = 0; g < group.size(); ++g) {
        Outcome &outcome = outcomes[g];
        outcome.committed = committed;
        outcome.error = error;
        if (g == 0)
            outcome.replacedFiles = replacedFiles;
        // The receiver outlives this committer (it destroys it), so it exists here; if it is
        // deleted before the answer is delivered, Qt drops the answer.
        QMetaObject::invokeMethod(group[g].receiver, [done = std::move(group[g].done), outcome = std::move(outcome)] { done(outcome); },
                                  Qt::QueuedConnection);
    }
}

} // namespace homeport::storage
