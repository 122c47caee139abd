#pragma once
// Md5LaneEngine: hashes the MD5 streams of concurrent uploads together, one stream per SIMD lane
// (md5lanes), so four multipart streams cost about a third of the CPU they cost one by one.
// A thread that brings blocks (a BodyPipeline's pool thread) either finds another thread
// hashing and waits for its blocks to be done, or becomes that thread itself: it runs every
// waiting stream's blocks in lanes, slice by slice, letting streams that arrive meanwhile join at
// the next slice, until its own blocks are done; then it hands the work to a waiting thread.
// A stream alone runs OpenSSL's scalar MD5 on its own thread, exactly as without the engine, so
// a single PUT is no slower.
// LaneMd5 is an incremental MD5 whose whole blocks may go through the engine.
// Thread affinity: Md5LaneEngine is shared by every thread; a LaneMd5 is fed by one thread at a
// time (it may move between threads).

#include "md5_lanes.h"

#include <QByteArray>

#include <condition_variable>
#include <mutex>
#include <vector>

namespace homeport::storage {

class Md5LaneEngine
{
public:
    // Per-lane bytes a multi-lane round runs before new streams may join; a lone stream's slice.
    static constexpr size_t kLaneSliceBlocks = (64 << 10) / md5lanes::kBlockBytes;
    static constexpr size_t kAloneSliceBlocks = (64 << 10) / md5lanes::kBlockBytes;

    // The engine every upload shares.
    static Md5LaneEngine &shared();

    // How long a round waits for an open stream whose blocks just finished to bring its next
    // ones (its thread has to wake up and, on a busy machine, find a core), rather than go on
    // with a lane fewer.
    static constexpr int kRejoinWaitMicroseconds = 300;

    // Runs `blocks` 64-byte blocks from data into state; returns when they are done.
    void hash(md5lanes::State &state, const unsigned char *data, size_t blocks);
    // A stream that will bring blocks again and again (an upload) counts itself open while it
    // does, so rounds know how many lanes to expect.
    void openStream();
    void closeStream();

    // Blocks hashed so far, by how many lanes ran together (index 1..kMaxLanes); for the
    // micro-benchmark and diagnostics.
    std::vector<quint64> blocksByLanes() const;

private:
    struct Job
    {
        md5lanes::State *state;
        const unsigned char *data;
        size_t blocks;
        bool done;
    };
    void run(std::unique_lock<std::mutex> &lock, const Job &own);

    mutable std::mutex m_mutex; // guards everything below
    std::condition_variable m_changed;
    std::vector<Job *> m_jobs; // waiting or in a round, oldest first
    bool m_running = false;
    int m_openStreams = 0;
    quint64 m_blocksByLanes[md5lanes::kMaxLanes + 1] = {};
};

class LaneMd5
{
public:
    LaneMd5() = default;
    ~LaneMd5();
    LaneMd5(const LaneMd5 &) = delete;
    LaneMd5 &operator=(const LaneMd5 &) = delete;

    // shared: whole blocks go through Md5LaneEngine::shared(); otherwise scalar on this thread.
    void addData(const char *data, qsizetype size, bool shared = false);
    // The raw 16-byte digest; the first call ends the stream.
    QByteArray result();

private:
    md5lanes::State m_state = md5lanes::kInitial;
    quint64 m_bytes = 0;
    unsigned char m_tail[md5lanes::kBlockBytes];
    size_t m_tailBytes = 0;
    bool m_open = false; // counted in the shared engine's open streams
    QByteArray m_result;
};

} // namespace homeport::storage
