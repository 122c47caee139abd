#pragma once
// ReaderPool: the search service's reader threads. Requests that only read (searches,
// multi_search, document reads and exports) run here, several at once, instead of one after
// another on the service's thread, so a query no longer waits behind the others in flight.
// The discipline is a reader/writer lock: a reader holds it shared while it runs; the service's
// thread — the only writer — holds it exclusively around every change to what readers read
// (collections and their logs, overrides, keys, aliases, presets, stopwords). A write therefore
// waits for the searches in flight and runs alone, writes stay in the order they arrived, and a
// search dispatched after a write was acknowledged sees it. QReadWriteLock lets a waiting writer
// go before readers that come later, so a stream of searches cannot starve an import. The
// service's thread may read without the lock (nothing else writes).
// A reader's answer goes back to the service's thread, which sends it (a Responder belongs to
// its server's thread and is never touched, copied or dropped on a reader thread).
// Thread affinity: made, used and destroyed in the service's thread; run()'s work runs on the
// pool's threads.

#include "http/responder.h"
#include "http/response.h"

#include <QObject>
#include <QReadWriteLock>
#include <QThreadPool>

#include <functional>

namespace homeport::search {

class ReaderPool : public QObject
{
public:
    static constexpr int kDefaultThreads = 2;

    explicit ReaderPool(int threads, QObject *parent = nullptr);
    ~ReaderPool() override; // waits for the work in flight

    // Runs `work` on a reader thread with the lock held shared; then, on this object's thread,
    // sends the Response it returned through `res` and calls `done` (if given).
    void run(http::Responder res, std::function<http::Response()> work, std::function<void()> done = {});
    // The service's thread holds it for writing around every change readers could see.
    QReadWriteLock &lock() { return m_lock; }
    // Blocks until every reader's work has finished (before the stores close).
    void waitForDone() { m_pool.waitForDone(); }
    int threads() const { return m_pool.maxThreadCount(); }

private:
    QReadWriteLock m_lock;
    QThreadPool m_pool; // declared last: destroyed (waiting for its work) first
};

} // namespace homeport::search
