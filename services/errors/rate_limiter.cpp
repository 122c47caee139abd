#include "rate_limiter.h"

namespace homeport::errors {

int RateLimiter::secondsLeft(const Window &window, qint64 nowMs)
{
    const qint64 leftMs = window.startMs + kWindowMs - nowMs;
    return int(qMax<qint64>(1, (leftMs + 999) / 1000));
}

int RateLimiter::admit(qint64 projectId, int perMinute, int events, qint64 nowMs)
{
    if (perMinute <= 0)
        return 0;
    Window &window = m_windows[projectId];
    const qint64 start = nowMs - nowMs % kWindowMs;
    if (window.startMs != start)
        window = Window{start, 0};
    if (window.count >= perMinute || (events > 0 && window.count + events > perMinute))
        return secondsLeft(window, nowMs);
    window.count += events;
    return 0;
}

int RateLimiter::retryAfter(qint64 projectId, int perMinute, qint64 nowMs) const
{
    if (perMinute <= 0)
        return 0;
    const auto it = m_windows.constFind(projectId);
    if (it == m_windows.cend() || it->startMs != nowMs - nowMs % kWindowMs || it->count < perMinute)
        return 0;
    return secondsLeft(*it, nowMs);
}

} // namespace homeport::errors
