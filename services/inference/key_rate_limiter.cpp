#include "key_rate_limiter.h"

#include <algorithm>

namespace homeport::inference {

namespace {

qint64 secondOf(qint64 ms)
{
    return ms >= 0 ? ms / 1000 : (ms - 999) / 1000;
}

// The window at nowMs holds the seconds (now - 60, now].
bool inWindow(qint64 second, qint64 nowMs)
{
    return second > secondOf(nowMs) - KeyRateLimiter::kWindowSeconds && second <= secondOf(nowMs);
}

// Until the bucket of `second` leaves the window.
qint64 msUntilExpiry(qint64 second, qint64 nowMs)
{
    return std::max<qint64>(0, (second + KeyRateLimiter::kWindowSeconds) * 1000 - nowMs);
}

} // namespace

KeyRateLimiter::Bucket &KeyRateLimiter::bucketAt(KeyState &state, qint64 atMs)
{
    const qint64 second = secondOf(atMs);
    Bucket &bucket = state.buckets[size_t(((second % kWindowSeconds) + kWindowSeconds) % kWindowSeconds)];
    if (bucket.second != second)
        bucket = Bucket{second, 0, 0};
    return bucket;
}

KeyRateLimiter::WindowSum KeyRateLimiter::sum(const KeyState &state, qint64 nowMs, qint64 Bucket::*field)
{
    WindowSum out;
    for (const Bucket &b : state.buckets) {
        if (!inWindow(b.second, nowMs) || b.*field == 0)
            continue;
        out.total += b.*field;
        out.oldestSecond = out.oldestSecond < 0 ? b.second : std::min(out.oldestSecond, b.second);
        out.newestSecond = std::max(out.newestSecond, b.second);
    }
    return out;
}

LimitDecision KeyRateLimiter::admit(const QString &key, const KeyLimits &limits, qint64 nowMs)
{
    LimitDecision d;
    KeyState &state = m_keys[key];
    const WindowSum requests = sum(state, nowMs, &Bucket::requests);
    const WindowSum tokens = sum(state, nowMs, &Bucket::tokens);
    d.usedRequests = requests.total;
    d.usedTokens = tokens.total;
    d.limitRequests = limits.requestsPerMinute;
    d.limitTokens = limits.tokensPerMinute;
    d.remainingTokens = limits.tokensPerMinute ? std::max<qint64>(0, limits.tokensPerMinute - tokens.total) : 0;
    d.resetTokensMs = tokens.newestSecond >= 0 ? msUntilExpiry(tokens.newestSecond, nowMs) : 0;

    if (limits.tokenBudget > 0 && state.spentTokens >= limits.tokenBudget) {
        d.outcome = LimitDecision::BudgetExhausted;
    } else if (limits.requestsPerMinute > 0 && requests.total >= limits.requestsPerMinute) {
        d.outcome = LimitDecision::RequestsExceeded;
        // One request frees up when the oldest second leaves the window.
        d.retryAfterMs = msUntilExpiry(requests.oldestSecond, nowMs);
    } else if (limits.tokensPerMinute > 0 && tokens.total >= limits.tokensPerMinute) {
        d.outcome = LimitDecision::TokensExceeded;
        // The oldest tokens leaving may not free enough; waiting for them is the earliest chance.
        d.retryAfterMs = msUntilExpiry(tokens.oldestSecond, nowMs);
    }
    if (d.outcome == LimitDecision::Allowed) {
        bucketAt(state, nowMs).requests += 1;
        d.usedRequests += 1;
        d.resetRequestsMs = msUntilExpiry(secondOf(nowMs), nowMs);
    } else {
        d.resetRequestsMs = requests.newestSecond >= 0 ? msUntilExpiry(requests.newestSecond, nowMs) : 0;
    }
    d.remainingRequests = limits.requestsPerMinute ? int(std::max<qint64>(0, limits.requestsPerMinute - d.usedRequests)) : 0;
    return d;
}

void KeyRateLimiter::addRequest(const QString &key, qint64 atMs, int count)
{
    bucketAt(m_keys[key], atMs).requests += count;
}

void KeyRateLimiter::addTokens(const QString &key, qint64 tokens, qint64 atMs)
{
    if (tokens <= 0)
        return;
    KeyState &state = m_keys[key];
    bucketAt(state, atMs).tokens += tokens;
    state.spentTokens += tokens;
}

void KeyRateLimiter::setSpentTokens(const QString &key, qint64 tokens)
{
    m_keys[key].spentTokens = tokens;
}

qint64 KeyRateLimiter::spentTokens(const QString &key) const
{
    const auto it = m_keys.constFind(key);
    return it == m_keys.cend() ? 0 : it->spentTokens;
}

qint64 KeyRateLimiter::requestsInWindow(const QString &key, qint64 nowMs) const
{
    const auto it = m_keys.constFind(key);
    return it == m_keys.cend() ? 0 : sum(*it, nowMs, &Bucket::requests).total;
}

qint64 KeyRateLimiter::tokensInWindow(const QString &key, qint64 nowMs) const
{
    const auto it = m_keys.constFind(key);
    return it == m_keys.cend() ? 0 : sum(*it, nowMs, &Bucket::tokens).total;
}

QByteArray rateLimitDuration(qint64 ms)
{
    if (ms < 1000)
        return QByteArray::number(std::max<qint64>(0, ms)) + "ms";
    if (ms < 60'000) {
        QByteArray s = QByteArray::number(double(ms) / 1000.0, 'f', 3);
        while (s.endsWith('0'))
            s.chop(1);
        if (s.endsWith('.'))
            s.chop(1);
        return s + 's';
    }
    const qint64 seconds = (ms + 999) / 1000;
    return QByteArray::number(seconds / 60) + 'm' + QByteArray::number(seconds % 60) + 's';
}

} // namespace homeport::inference
