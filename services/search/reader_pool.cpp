#include "reader_pool.h"

#include <QReadLocker>

namespace homeport::search {

ReaderPool::ReaderPool(int threads, QObject *parent) : QObject(parent)
{
    m_pool.setMaxThreadCount(qMax(1, threads));
    // Idle reader threads stay: starting one per search would cost more than the search.
    m_pool.setExpiryTimeout(-1);
}

ReaderPool::~ReaderPool()
{
    m_pool.waitForDone();
}

void ReaderPool::run(http::Responder res, std::function<http::Response()> work, std::function<void()> done)
{
    // The Responder and `done` ride along untouched and are moved into the answer, which runs
    // (and drops them) on this object's thread. If this object is gone first, Qt deletes the
    // queued answer in the thread that destroys it: the service's.
    auto task = [this, res = std::move(res), work = std::move(work), done = std::move(done)]() mutable {
        http::Response response;
        {
            QReadLocker shared(&m_lock);
            response = work();
        }
        work = nullptr; // whatever it captured goes here, on the reader thread, not in the answer
        QMetaObject::invokeMethod(
            this,
            [res = std::move(res), response = std::move(response), done = std::move(done)]() mutable {
                res.send(std::move(response));
                if (done)
                    done();
            },
            Qt::QueuedConnection);
    };
    m_pool.start(std::move(task));
}

} // namespace homeport::search
