#pragma once
// RateLimiter: per-project events-per-minute quota in fixed one-minute windows. When a project
// is over its quota the service answers 429 with Retry-After = the seconds left in the window,
// so SDKs pause until the next one.
// Thread affinity: the service's thread.

#include <QHash>

namespace homeport::errors {

class RateLimiter
{
public:
    static constexpr qint64 kWindowMs = 60 * 1000;

    // Counts `events` against the project's quota. Returns 0 when admitted, otherwise the
    // seconds until the window resets (nothing is counted then). perMinute 0 means unlimited.
    int admit(qint64 projectId, int perMinute, int events, qint64 nowMs);
    // Seconds until the project may send again (0: now), without counting anything.
    int retryAfter(qint64 projectId, int perMinute, qint64 nowMs) const;
    void forget(qint64 projectId) { m_windows.remove(projectId); }

private:
    struct Window {
        qint64 startMs = 0;
        qint64 count = 0;
    };
    static int secondsLeft(const Window &window, qint64 nowMs);

    QHash<qint64, Window> m_windows;
};

} // namespace homeport::errors
