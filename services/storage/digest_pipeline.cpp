#include "digest_pipeline.h"

#include <QThread>
#include <QThreadPool>

#include <cstring>

namespace homeport::storage {

QThreadPool *DigestPipeline::digestPool()
{
    static QThreadPool *pool = [] {
        auto *p = new QThreadPool; // lives as long as the process: bodies may be hashed until exit
        p->setMaxThreadCount(qMax(md5lanes::kMaxLanes, QThread::idealThreadCount()));
        p->setExpiryTimeout(30000);
        return p;
    }();
    return pool;
}

DigestPipeline::DigestPipeline(bool sha256, std::optional<PayloadChecksum::Algorithm> checksum)
{
    if (sha256)
        m_sha256 = std::make_unique<StreamDigest>(StreamDigest::Algorithm::Sha256);
    if (checksum)
        m_checksum = std::make_unique<PayloadChecksum>(*checksum);
}

DigestPipeline::~DigestPipeline()
{
    QMutexLocker lock(&m_mutex);
    m_cancelled = true;
    m_resume = nullptr;
    while (m_draining)
        m_drained.wait(&m_mutex);
}

void DigestPipeline::addToDigests(const char *data, qsizetype size, bool onPool)
{
    m_md5.addData(data, size, onPool);
    if (m_sha256)
        m_sha256->addData(data, size);
    if (m_checksum)
        m_checksum->addData(data, size);
}

void DigestPipeline::add(const char *data, qsizetype size)
{
    if (!m_async) {
        const qsizetype inPlace = qsizetype(qMin<qint64>(size, kSyncBytes - m_hashedInPlace));
        addToDigests(data, inPlace, false);
        m_hashedInPlace += inPlace;
        data += inPlace;
        size -= inPlace;
        if (size == 0)
            return;
        m_async = true; // from here on, in order on the pool
    }
    while (size > 0) {
        if (!m_filling.data) {
            QMutexLocker lock(&m_mutex);
            if (!m_spare.empty()) {
                m_filling = std::move(m_spare.back());
                m_spare.pop_back();
                m_filling.size = 0;
            }
        }
        if (!m_filling.data)
            m_filling.data = std::make_unique_for_overwrite<char[]>(size_t(kBlockBytes)); // no memset
        const qsizetype take = qMin(size, kBlockBytes - m_filling.size);
        std::memcpy(m_filling.data.get() + m_filling.size, data, size_t(take));
        m_filling.size += take;
        data += take;
        size -= take;
        if (m_filling.size == kBlockBytes)
            queueBlock();
    }
}

void DigestPipeline::queueBlock()
{
    if (m_filling.size == 0)
        return;
    QMutexLocker lock(&m_mutex);
    m_backlog += m_filling.size;
    m_queue.push_back(std::move(m_filling));
    m_filling = Block();
    if (m_draining)
        return;
    m_draining = true;
    lock.unlock();
    digestPool()->start([this] { drain(); });
}

bool DigestPipeline::holdsBack(bool finishing, std::function<void()> resume)
{
    if (!m_async)
        return false;
    if (finishing)
        queueBlock();
    QMutexLocker lock(&m_mutex);
    m_finishing = finishing;
    const bool wait = finishing ? m_backlog > 0 : m_backlog > kHighWaterBytes;
    m_resume = wait ? std::move(resume) : nullptr;
    return wait;
}

void DigestPipeline::resumeIfReady()
{
    if (m_resume && (m_finishing ? m_backlog == 0 : m_backlog <= kLowWaterBytes))
        std::exchange(m_resume, nullptr)();
}

void DigestPipeline::drain()
{
    QMutexLocker lock(&m_mutex);
    while (!m_queue.empty() && !m_cancelled) {
        Block block = std::move(m_queue.front());
        m_queue.pop_front();
        lock.unlock();
        addToDigests(block.data.get(), block.size, true);
        lock.relock();
        m_backlog -= block.size;
        if (m_spare.size() < kSpareBlocks)
            m_spare.push_back(std::move(block));
        resumeIfReady();
    }
    m_draining = false;
    m_drained.wakeAll();
}

QByteArray DigestPipeline::md5()
{
    return m_md5.result();
}

QByteArray DigestPipeline::sha256()
{
    return m_sha256 ? m_sha256->result() : QByteArray();
}

} // namespace homeport::storage
