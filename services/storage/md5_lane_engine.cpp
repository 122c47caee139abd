#include "md5_lane_engine.h"

#include <algorithm>
#include <chrono>
#include <cstring>

namespace homeport::storage {

Md5LaneEngine &Md5LaneEngine::shared()
{
    static Md5LaneEngine *engine = new Md5LaneEngine; // never destroyed: pool threads may hash until exit
    return *engine;
}

void Md5LaneEngine::hash(md5lanes::State &state, const unsigned char *data, size_t blocks)
{
    if (blocks == 0)
        return;
    Job job{&state, data, blocks, false};
    std::unique_lock lock(m_mutex);
    m_jobs.push_back(&job);
    if (m_running)
        m_changed.notify_all(); // a round may be waiting for this stream
    while (!job.done) {
        if (!m_running) {
            m_running = true;
            run(lock, job);
            m_running = false;
            m_changed.notify_all(); // a waiting stream's thread takes over
            return;
        }
        m_changed.wait(lock);
    }
}

void Md5LaneEngine::openStream()
{
    std::lock_guard lock(m_mutex);
    ++m_openStreams;
}

void Md5LaneEngine::closeStream()
{
    std::lock_guard lock(m_mutex);
    --m_openStreams;
    m_changed.notify_all();
}

void Md5LaneEngine::run(std::unique_lock<std::mutex> &lock, const Job &own)
{
    // Whether to wait for open streams that are not here: at the start (a round of streams
    // finishing together sends all their threads back at once) and after a stream's blocks
    // finished in the last round.
    bool someoneLeft = true;
    while (!own.done) {
        const size_t expected = size_t(std::min(m_openStreams, md5lanes::kMaxLanes));
        if (someoneLeft && m_jobs.size() < expected) {
            m_changed.wait_for(lock, std::chrono::microseconds(kRejoinWaitMicroseconds), [&] {
                return m_jobs.size() >= size_t(std::min(m_openStreams, md5lanes::kMaxLanes));
            });
        }
        const int lanes = int(std::min<size_t>(m_jobs.size(), md5lanes::kMaxLanes));
        Job *round[md5lanes::kMaxLanes];
        md5lanes::State *states[md5lanes::kMaxLanes];
        const unsigned char *data[md5lanes::kMaxLanes];
        size_t blocks = lanes == 1 ? kAloneSliceBlocks : kLaneSliceBlocks;
        for (int lane = 0; lane < lanes; ++lane) {
            round[lane] = m_jobs[size_t(lane)];
            states[lane] = round[lane]->state;
            data[lane] = round[lane]->data;
            blocks = std::min(blocks, round[lane]->blocks);
        }
        m_blocksByLanes[lanes] += blocks * size_t(lanes);
        lock.unlock();
        md5lanes::compress(states, data, lanes, blocks);
        lock.lock();
        bool finished = false;
        for (int lane = 0; lane < lanes; ++lane) {
            round[lane]->data += blocks * md5lanes::kBlockBytes;
            round[lane]->blocks -= blocks;
            if (round[lane]->blocks == 0) {
                round[lane]->done = true;
                finished = true;
            }
        }
        someoneLeft = finished;
        if (finished) {
            m_jobs.erase(std::remove_if(m_jobs.begin(), m_jobs.end(), [](const Job *job) { return job->done; }), m_jobs.end());
            m_changed.notify_all();
        }
    }
}

std::vector<quint64> Md5LaneEngine::blocksByLanes() const
{
    std::lock_guard lock(m_mutex);
    return std::vector<quint64>(std::begin(m_blocksByLanes), std::end(m_blocksByLanes));
}

LaneMd5::~LaneMd5()
{
    if (m_open)
        Md5LaneEngine::shared().closeStream();
}

void LaneMd5::addData(const char *data, qsizetype size, bool shared)
{
    if (size <= 0 || !m_result.isNull())
        return;
    if (shared && !m_open) {
        m_open = true;
        Md5LaneEngine::shared().openStream();
    }
    m_bytes += quint64(size);
    auto *bytes = reinterpret_cast<const unsigned char *>(data);
    size_t left = size_t(size);
    if (m_tailBytes > 0) {
        const size_t take = std::min(left, md5lanes::kBlockBytes - m_tailBytes);
        std::memcpy(m_tail + m_tailBytes, bytes, take);
        m_tailBytes += take;
        bytes += take;
        left -= take;
        if (m_tailBytes < md5lanes::kBlockBytes)
            return;
        md5lanes::compressScalar(m_state, m_tail, 1);
        m_tailBytes = 0;
    }
    const size_t blocks = left / md5lanes::kBlockBytes;
    if (shared)
        Md5LaneEngine::shared().hash(m_state, bytes, blocks);
    else
        md5lanes::compressScalar(m_state, bytes, blocks);
    bytes += blocks * md5lanes::kBlockBytes;
    left -= blocks * md5lanes::kBlockBytes;
    std::memcpy(m_tail, bytes, left);
    m_tailBytes = left;
}

QByteArray LaneMd5::result()
{
    if (m_open) {
        m_open = false;
        Md5LaneEngine::shared().closeStream();
    }
    if (m_result.isNull()) {
        unsigned char digest[16];
        md5lanes::finish(m_state, m_tail, m_tailBytes, m_bytes, digest);
        m_result = QByteArray(reinterpret_cast<const char *>(digest), 16);
    }
    return m_result;
}

} // namespace homeport::storage
