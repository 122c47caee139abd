#pragma once
// UpstreamLimits: the time limits on a request the gateway forwards to a pod, read from the
// [inference] settings. The HTTP client enforces two of them on each attempt (connect and
// inactivity); UpstreamCall enforces the other two with one timer whose next deadline
// nextDueLimit() computes: the first-token limit of the attempt in flight (until the pod sends
// its first byte of the answer; past it the call moves on to another pod) and the total limit of
// the whole call, failovers included.
// Thread affinity: none (values and pure functions).

#include <QString>
#include <QVariantMap>

#include <optional>

namespace homeport::inference {

enum class UpstreamLimit {
    Connect,    // connect_timeout_ms: no connection to the pod
    FirstToken, // first_token_timeout_ms: connected, no byte of the answer yet
    Inactivity, // upstream_timeout_ms: nothing in either direction for this long
    Total,      // total_timeout_ms: the whole request, every pod tried
};

struct UpstreamLimits
{
    int connectMs = 10'000;
    // Below the 100 s after which RunPod's proxy answers 524, so the gateway moves on first.
    int firstTokenMs = 90'000; // 0: none
    int inactivityMs = 600'000;
    int totalMs = 600'000;     // 0: none

    // Reads connect_timeout_ms, first_token_timeout_ms, upstream_timeout_ms and total_timeout_ms;
    // anything missing or not a number keeps its default, and values are kept within sane bounds.
    static UpstreamLimits fromSettings(const QVariantMap &settings);
};

// The limit that ends the call next and how soon, or nullopt when none is running. Times are
// since the call started and since the attempt in flight was sent; once the pod sent its first
// byte only the total limit is left.
struct DueLimit
{
    UpstreamLimit limit;
    qint64 inMs; // <= 0: due now
};
std::optional<DueLimit> nextDueLimit(const UpstreamLimits &limits, qint64 sinceCallMs, qint64 sinceAttemptMs,
                                     bool podAnswered);

// "connect", "first_token", "inactivity", "total": the metrics label and the setting's stem.
QString limitName(UpstreamLimit limit);
// The [inference] setting that sets the limit, for messages.
QString limitSetting(UpstreamLimit limit);

} // namespace homeport::inference
