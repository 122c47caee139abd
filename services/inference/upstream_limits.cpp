#include "upstream_limits.h"

#include <algorithm>

namespace homeport::inference {

namespace {

// The setting as a whole number of milliseconds, or nullopt when it is missing or not one.
std::optional<qint64> millis(const QVariantMap &settings, const char *key)
{
    const QVariant v = settings.value(QLatin1String(key));
    if (!v.isValid())
        return std::nullopt;
    bool ok = false;
    const qint64 n = v.toLongLong(&ok);
    return ok ? std::optional<qint64>(n) : std::nullopt;
}

constexpr qint64 kMaxMs = 24LL * 3600 * 1000; // a day; QTimer takes an int

} // namespace

UpstreamLimits UpstreamLimits::fromSettings(const QVariantMap &settings)
{
    UpstreamLimits limits;
    // A connect or inactivity limit cannot be switched off: a pod that never answers would hold
    // the request (and its slot) forever.
    if (const auto v = millis(settings, "connect_timeout_ms"))
        limits.connectMs = int(std::clamp<qint64>(*v, 100, kMaxMs));
    if (const auto v = millis(settings, "upstream_timeout_ms"))
        limits.inactivityMs = int(std::clamp<qint64>(*v, 1000, kMaxMs));
    // 0 (or less) switches these two off.
    if (const auto v = millis(settings, "first_token_timeout_ms"))
        limits.firstTokenMs = *v <= 0 ? 0 : int(std::clamp<qint64>(*v, 100, kMaxMs));
    if (const auto v = millis(settings, "total_timeout_ms"))
        limits.totalMs = *v <= 0 ? 0 : int(std::clamp<qint64>(*v, 100, kMaxMs));
    return limits;
}

std::optional<DueLimit> nextDueLimit(const UpstreamLimits &limits, qint64 sinceCallMs, qint64 sinceAttemptMs,
                                     bool podAnswered)
{
    std::optional<DueLimit> due;
    if (limits.totalMs > 0)
        due = DueLimit{UpstreamLimit::Total, limits.totalMs - sinceCallMs};
    if (!podAnswered && limits.firstTokenMs > 0) {
        const qint64 firstToken = limits.firstTokenMs - sinceAttemptMs;
        // On a tie the total limit wins: failing over to another pod with no time left is useless.
        if (!due || firstToken < due->inMs)
            due = DueLimit{UpstreamLimit::FirstToken, firstToken};
    }
    return due;
}

QString limitName(UpstreamLimit limit)
{
    switch (limit) {
    case UpstreamLimit::Connect:
        return QStringLiteral("connect");
    case UpstreamLimit::FirstToken:
        return QStringLiteral("first_token");
    case UpstreamLimit::Inactivity:
        return QStringLiteral("inactivity");
    case UpstreamLimit::Total:
        return QStringLiteral("total");
    }
    return {};
}

QString limitSetting(UpstreamLimit limit)
{
    switch (limit) {
    case UpstreamLimit::Connect:
        return QStringLiteral("connect_timeout_ms");
    case UpstreamLimit::FirstToken:
        return QStringLiteral("first_token_timeout_ms");
    case UpstreamLimit::Inactivity:
        return QStringLiteral("upstream_timeout_ms");
    case UpstreamLimit::Total:
        return QStringLiteral("total_timeout_ms");
    }
    return {};
}

} // namespace homeport::inference
