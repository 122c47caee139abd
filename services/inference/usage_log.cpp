#include "usage_log.h"

#include "core/logging.h"
#include "core/sqlite_database.h"

#include <QDateTime>
#include <QHash>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#include <chrono>

namespace homeport::inference {

namespace {
constexpr auto kBatchInterval = std::chrono::milliseconds(100);
constexpr size_t kBatchRecords = 256;
constexpr qint64 kSweepIntervalMs = 10 * 60 * 1000;
constexpr int kSweepRowsPerStep = 5000; // keeps each delete's write lock short
// While the file cannot be written (disk full), records wait in memory up to this many; beyond
// it the oldest go, so a broken disk costs log records rather than the gateway's memory.
constexpr size_t kMaxQueuedRecords = 200'000;
} // namespace

UsageLog::UsageLog(const QString &path, const QString &connectionName, qint64 retentionMs)
    : m_path(path), m_connectionName(connectionName), m_retentionMs(retentionMs)
{
}

UsageLog::~UsageLog()
{
    stop();
}

bool UsageLog::start(QString *error)
{
    m_thread.reset(QThread::create([this] { run(); }));
    m_thread->setObjectName(QStringLiteral("inference-usage-log"));
    m_thread->start(QThread::LowPriority);
    std::unique_lock lock(m_mutex);
    m_progress.wait(lock, [this] { return m_opened || m_failed; });
    if (m_failed) {
        *error = m_error;
        lock.unlock();
        m_thread->wait();
        m_thread.reset();
        return false;
    }
    return true;
}

void UsageLog::append(const RequestRecord &record)
{
    bool wake = false;
    {
        std::lock_guard lock(m_mutex);
        m_queue.push_back(record);
        ++m_appended;
        wake = m_queue.size() >= kBatchRecords;
    }
    if (wake)
        m_wake.notify_one();
}

bool UsageLog::flush(int timeoutMs)
{
    std::unique_lock lock(m_mutex);
    if (!m_thread)
        return false;
    const quint64 target = m_appended;
    m_wake.notify_one();
    return m_progress.wait_for(lock, std::chrono::milliseconds(timeoutMs),
                               [&] { return m_committed >= target || m_failed; })
        && !m_failed;
}

void UsageLog::stop()
{
    if (!m_thread)
        return;
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_one();
    m_thread->wait();
    m_thread.reset();
}

quint64 UsageLog::committed() const
{
    std::lock_guard lock(m_mutex);
    return m_committed;
}

QString UsageLog::lastError() const
{
    std::lock_guard lock(m_mutex);
    return m_error;
}

void UsageLog::run()
{
    QSqlDatabase db;
    QString error;
    bool ok = core::openSqliteWal(&db, m_path, m_connectionName, &error);
    if (ok) {
        QSqlQuery pragma(db);
        ok = pragma.exec(QStringLiteral("PRAGMA synchronous=NORMAL")) && pragma.exec(QStringLiteral("PRAGMA busy_timeout=5000"));
        if (!ok)
            error = pragma.lastError().text();
    }
    // Old records go before the service starts answering, then every ten minutes.
    qint64 lastSweepMs = QDateTime::currentMSecsSinceEpoch();
    if (ok && m_retentionMs > 0)
        sweep(lastSweepMs);
    {
        std::lock_guard lock(m_mutex);
        m_opened = ok;
        m_failed = !ok;
        m_error = error;
    }
    m_progress.notify_all();
    if (!ok) {
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
        return;
    }

    std::vector<RequestRecord> batch;
    for (;;) {
        bool stopping = false;
        quint64 upTo = 0;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait_for(lock, kBatchInterval, [this] { return m_stopping || m_queue.size() >= kBatchRecords; });
            batch.swap(m_queue);
            upTo = m_appended;
            stopping = m_stopping;
        }
        if (!batch.empty()) {
            QSqlDatabase::database(m_connectionName, false).transaction();
            const bool written = writeBatch(batch);
            QSqlDatabase conn = QSqlDatabase::database(m_connectionName, false);
            if (!written || !conn.commit()) {
                // Wait before retrying, so a failing disk is not hammered.
                std::unique_lock pause(m_mutex);
                m_wake.wait_for(pause, std::chrono::seconds(1), [this] { return m_stopping; });
                pause.unlock();
                conn.rollback();
                // The records stay in memory for the next round; the log says why.
                qCWarning(lcInference) << "usage log: cannot write" << batch.size() << "records:" << m_error;
                std::lock_guard lock(m_mutex);
                m_queue.insert(m_queue.begin(), batch.begin(), batch.end());
                if (m_queue.size() > kMaxQueuedRecords)
                    m_queue.erase(m_queue.begin(), m_queue.begin() + qsizetype(m_queue.size() - kMaxQueuedRecords));
                batch.clear();
                if (stopping)
                    break;
                continue;
            }
            batch.clear();
        }
        {
            std::lock_guard lock(m_mutex);
            m_committed = std::max(m_committed, upTo);
        }
        m_progress.notify_all();
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        if (m_retentionMs > 0 && now - lastSweepMs >= kSweepIntervalMs) {
            sweep(now);
            lastSweepMs = now;
        }
        if (stopping)
            break;
    }
    {
        std::lock_guard lock(m_mutex);
        m_failed = true; // no more commits: flush() returns at once
    }
    m_progress.notify_all();
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

bool UsageLog::writeBatch(std::vector<RequestRecord> &batch)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QSqlQuery insert(db);
    insert.prepare(QStringLiteral("INSERT INTO usage(time_ms, key_id, endpoint, model, pod, prompt_tokens, completion_tokens,"
                                  " latency_ms, first_token_ms, status, stream) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    struct KeyTotals
    {
        qint64 tokens = 0;
        qint64 lastUsedMs = 0;
    };
    QHash<QString, KeyTotals> totals;
    for (const RequestRecord &r : batch) {
        insert.bindValue(0, r.timeMs);
        // A null QString binds as NULL; these columns hold "" for "none".
        const auto text = [](const QString &s) { return s.isNull() ? QString(QLatin1String("")) : s; };
        insert.bindValue(1, text(r.keyId));
        insert.bindValue(2, text(r.endpoint));
        insert.bindValue(3, text(r.model));
        insert.bindValue(4, text(r.pod));
        insert.bindValue(5, r.promptTokens >= 0 ? QVariant(r.promptTokens) : QVariant());
        insert.bindValue(6, r.completionTokens >= 0 ? QVariant(r.completionTokens) : QVariant());
        insert.bindValue(7, r.latencyMs);
        insert.bindValue(8, r.firstTokenMs >= 0 ? QVariant(r.firstTokenMs) : QVariant());
        insert.bindValue(9, r.status);
        insert.bindValue(10, r.stream ? 1 : 0);
        if (!insert.exec()) {
            std::lock_guard lock(m_mutex);
            m_error = insert.lastError().text();
            return false;
        }
        KeyTotals &t = totals[r.keyId];
        t.tokens += std::max<qint64>(0, r.promptTokens) + std::max<qint64>(0, r.completionTokens);
        t.lastUsedMs = std::max(t.lastUsedMs, r.timeMs);
    }
    QSqlQuery update(db);
    update.prepare(QStringLiteral("UPDATE keys SET spent_tokens = spent_tokens + ?, last_used_ms = max(coalesce(last_used_ms, 0), ?)"
                                  " WHERE id = ?"));
    for (auto it = totals.cbegin(); it != totals.cend(); ++it) {
        update.bindValue(0, it->tokens);
        update.bindValue(1, it->lastUsedMs);
        update.bindValue(2, it.key());
        if (!update.exec()) {
            std::lock_guard lock(m_mutex);
            m_error = update.lastError().text();
            return false;
        }
    }
    return true;
}

void UsageLog::sweep(qint64 nowMs)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QSqlQuery del(db);
    del.prepare(QStringLiteral("DELETE FROM usage WHERE id IN (SELECT id FROM usage WHERE time_ms < ? ORDER BY time_ms LIMIT ?)"));
    for (;;) {
        del.bindValue(0, nowMs - m_retentionMs);
        del.bindValue(1, kSweepRowsPerStep);
        if (!del.exec()) {
            qCWarning(lcInference) << "usage log: cannot delete old records:" << del.lastError().text();
            return;
        }
        if (del.numRowsAffected() < kSweepRowsPerStep)
            return;
        {
            std::lock_guard lock(m_mutex);
            if (m_stopping)
                return;
        }
    }
}

} // namespace homeport::inference
