#pragma once
// KeyRateLimiter: the limits of each gateway key, kept in memory from the usage log — requests
// and tokens over a sliding minute (60 one-second buckets, so the window is 59-60 s long) and
// tokens spent over the key's life against its budget. The service asks admit() before anything
// goes upstream and adds the tokens a request used when it finishes; at start the service
// replays the last minute of the log and each key's spent total into it.
// Tokens are known only once a pod answered, so a key is refused tokens once its last minute
// already used its tokens-per-minute (the request that crosses the limit is let through whole).
// Thread affinity: the inference service's thread (no locking).

#include <QHash>
#include <QString>

#include <array>

namespace homeport::inference {

struct KeyLimits
{
    int requestsPerMinute = 0; // 0: unlimited
    qint64 tokensPerMinute = 0; // 0: unlimited
    qint64 tokenBudget = 0;     // prompt + completion tokens over the key's life; 0: no budget
};

// What admit() decided, with what OpenAI's x-ratelimit-* headers report.
struct LimitDecision
{
    enum Outcome { Allowed, RequestsExceeded, TokensExceeded, BudgetExhausted };
    Outcome outcome = Allowed;
    int limitRequests = 0;      // 0: no request limit (no request headers)
    int remainingRequests = 0;
    qint64 resetRequestsMs = 0; // until the window holds none of the requests counted now
    qint64 limitTokens = 0;     // 0: no token limit
    qint64 remainingTokens = 0;
    qint64 resetTokensMs = 0;
    qint64 usedRequests = 0;    // in the last minute, this request included when allowed
    qint64 usedTokens = 0;
    qint64 retryAfterMs = 0;    // refused: until enough of the window has passed to admit one
};

class KeyRateLimiter
{
public:
    static constexpr int kWindowSeconds = 60;

    // Counts one request for `key` at nowMs unless a limit refuses it (then nothing is counted).
    LimitDecision admit(const QString &key, const KeyLimits &limits, qint64 nowMs);
    // A request the key made at atMs (replayed from the log, or refused after admit()).
    void addRequest(const QString &key, qint64 atMs, int count = 1);
    // Tokens a finished request used: the minute's window and the lifetime total.
    void addTokens(const QString &key, qint64 tokens, qint64 atMs);
    // The lifetime total as the store has it (at start, or after a reset).
    void setSpentTokens(const QString &key, qint64 tokens);
    qint64 spentTokens(const QString &key) const;
    // Requests and tokens of the last minute.
    qint64 requestsInWindow(const QString &key, qint64 nowMs) const;
    qint64 tokensInWindow(const QString &key, qint64 nowMs) const;
    void forget(const QString &key) { m_keys.remove(key); }

private:
    struct Bucket
    {
        qint64 second = -1; // epoch second this bucket counts; stale once out of the window
        qint64 requests = 0;
        qint64 tokens = 0;
    };
    struct KeyState
    {
        std::array<Bucket, kWindowSeconds> buckets;
        qint64 spentTokens = 0;
    };
    static Bucket &bucketAt(KeyState &state, qint64 atMs);
    // Sum of one field over the buckets still in the window, and the oldest and newest seconds
    // that hold some of it (-1 when none).
    struct WindowSum
    {
        qint64 total = 0;
        qint64 oldestSecond = -1;
        qint64 newestSecond = -1;
    };
    static WindowSum sum(const KeyState &state, qint64 nowMs, qint64 Bucket::*field);

    QHash<QString, KeyState> m_keys;
};

// OpenAI's duration format for x-ratelimit-reset-*: "20ms", "1.5s", "6m0s".
QByteArray rateLimitDuration(qint64 ms);

} // namespace homeport::inference
