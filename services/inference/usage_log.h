#pragma once
// UsageLog: writes the gateway's request records into the usage table of GatewayKeyStore's file
// from a thread of its own, in batches (every 100 ms or 256 records, one transaction each), so
// the request path only appends to a queue. Each batch also adds the tokens to the keys' spent
// totals in the same transaction. synchronous=NORMAL in WAL mode: a crash of the process loses
// nothing committed; at most the last 100 ms of records, not yet committed, go with it.
// Records older than the retention are deleted in small steps on the same thread.
// Thread affinity: append(), flush() and stop() from the inference service's thread; the writer
// runs on its own QThread with its own connection.

#include "inference_monitor.h"

#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

class QThread;

namespace homeport::inference {

class UsageLog
{
public:
    // retentionMs <= 0 keeps everything.
    UsageLog(const QString &path, const QString &connectionName, qint64 retentionMs);
    ~UsageLog();

    // Starts the writer; false with `error` when its connection cannot be opened.
    bool start(QString *error);
    void append(const RequestRecord &record);
    // Waits until every record appended so far is committed (false: the writer failed or timed out).
    bool flush(int timeoutMs = 10'000);
    // Commits what is queued and ends the thread.
    void stop();

    quint64 committed() const;
    QString lastError() const;

private:
    void run();
    bool writeBatch(std::vector<RequestRecord> &batch);
    void sweep(qint64 nowMs);

    QString m_path;
    QString m_connectionName;
    qint64 m_retentionMs;
    std::unique_ptr<QThread> m_thread;

    mutable std::mutex m_mutex;
    std::condition_variable m_wake;      // the writer waits for records or stop
    std::condition_variable m_progress;  // flush() waits for commits
    std::vector<RequestRecord> m_queue;
    quint64 m_appended = 0;
    quint64 m_committed = 0;
    bool m_stopping = false;
    bool m_opened = false;
    bool m_failed = false;
    QString m_error;
};

} // namespace homeport::inference
