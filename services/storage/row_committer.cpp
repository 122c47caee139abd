#include "row_committer.h"

#include "object_store.h"

#include <QMetaObject>
#include <QThread>

#include <atomic>

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
    QMetaObject::invokeMethod(m_context.get(), [this, writes = std::move(writes), receiver, done = std::move(done)] {
        Outcome outcome;
        outcome.written = QList<bool>(writes.size(), false);
        outcome.errors = QStringList(writes.size());
        if (!m_store) {
            outcome.error = QStringLiteral("The storage database is closed.");
        } else if (m_store->beginBatch(&outcome.error)) {
            for (qsizetype i = 0; i < writes.size(); ++i)
                outcome.written[i] = writes[i](*m_store, &outcome.errors[i]);
            outcome.committed = m_store->endBatch(&outcome.error, &outcome.replacedFiles);
        }
        // The receiver outlives this committer (it destroys it), so it exists here; if it is
        // deleted before the answer is delivered, Qt drops the answer.
        QMetaObject::invokeMethod(receiver, [done, outcome] { done(outcome); }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

} // namespace homeport::storage
