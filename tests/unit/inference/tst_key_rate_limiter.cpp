// KeyRateLimiter: requests and tokens over a sliding minute, the lifetime token budget, what the
// x-ratelimit-* headers report, recovery from replayed usage, and OpenAI's duration format.
#include "inference/key_rate_limiter.h"

#include <QTest>

using namespace homeport::inference;

namespace {
const QString kKey = QStringLiteral("hk_1");
constexpr qint64 kT0 = 1'700'000'000'000; // a whole second, ms since the epoch
} // namespace

class TstKeyRateLimiter : public QObject
{
    Q_OBJECT
private slots:
    void unlimitedKeysAreAlwaysAdmittedAndCounted()
    {
        KeyRateLimiter limiter;
        for (int i = 0; i < 1000; ++i)
            QCOMPARE(limiter.admit(kKey, KeyLimits{}, kT0 + i).outcome, LimitDecision::Allowed);
        QCOMPARE(limiter.requestsInWindow(kKey, kT0 + 1000), 1000);
        const LimitDecision d = limiter.admit(kKey, KeyLimits{}, kT0 + 2000);
        QCOMPARE(d.limitRequests, 0); // no headers for a limit that is not there
        QCOMPARE(d.limitTokens, 0);
    }

    void requestsPerMinuteSlideOverTheWindow()
    {
        KeyRateLimiter limiter;
        const KeyLimits limits{3, 0, 0};
        QCOMPARE(limiter.admit(kKey, limits, kT0).remainingRequests, 2);
        QCOMPARE(limiter.admit(kKey, limits, kT0 + 20'000).remainingRequests, 1);
        const LimitDecision third = limiter.admit(kKey, limits, kT0 + 40'000);
        QCOMPARE(third.outcome, LimitDecision::Allowed);
        QCOMPARE(third.remainingRequests, 0);
        QCOMPARE(third.resetRequestsMs, 60'000); // the one just counted leaves after a minute

        const LimitDecision refused = limiter.admit(kKey, limits, kT0 + 50'000);
        QCOMPARE(refused.outcome, LimitDecision::RequestsExceeded);
        QCOMPARE(refused.usedRequests, 3);
        QCOMPARE(refused.remainingRequests, 0);
        QCOMPARE(refused.retryAfterMs, 10'000);    // the request at kT0 leaves at kT0 + 60 s
        QCOMPARE(refused.resetRequestsMs, 50'000); // the newest leaves at kT0 + 100 s
        // A refused request is not counted: at kT0 + 60 s exactly one slot is free.
        QCOMPARE(limiter.requestsInWindow(kKey, kT0 + 50'000), 3);
        QCOMPARE(limiter.admit(kKey, limits, kT0 + 60'000).outcome, LimitDecision::Allowed);
        QCOMPARE(limiter.admit(kKey, limits, kT0 + 60'500).outcome, LimitDecision::RequestsExceeded);
    }

    void tokensPerMinuteRefuseOnceTheMinuteIsUsed()
    {
        KeyRateLimiter limiter;
        const KeyLimits limits{0, 100, 0};
        QCOMPARE(limiter.admit(kKey, limits, kT0).outcome, LimitDecision::Allowed);
        limiter.addTokens(kKey, 60, kT0 + 500);
        const LimitDecision partly = limiter.admit(kKey, limits, kT0 + 1000);
        QCOMPARE(partly.outcome, LimitDecision::Allowed);
        QCOMPARE(partly.remainingTokens, 40);
        QCOMPARE(partly.limitTokens, 100);
        limiter.addTokens(kKey, 50, kT0 + 2000); // crosses the limit: that request was let through
        const LimitDecision refused = limiter.admit(kKey, limits, kT0 + 3000);
        QCOMPARE(refused.outcome, LimitDecision::TokensExceeded);
        QCOMPARE(refused.remainingTokens, 0);
        QCOMPARE(refused.usedTokens, 110);
        QCOMPARE(refused.retryAfterMs, 57'000); // the 60 tokens of kT0 + 0.5 s leave at kT0 + 60 s
        QCOMPARE(refused.resetTokensMs, 59'000);
        QCOMPARE(limiter.admit(kKey, limits, kT0 + 60'000).outcome, LimitDecision::Allowed);
    }

    void theBudgetCountsEveryTokenAndOutlivesTheWindow()
    {
        KeyRateLimiter limiter;
        const KeyLimits limits{0, 0, 100};
        limiter.addTokens(kKey, 99, kT0);
        QCOMPARE(limiter.admit(kKey, limits, kT0 + 10 * 60'000).outcome, LimitDecision::Allowed);
        limiter.addTokens(kKey, 1, kT0 + 10 * 60'000);
        QCOMPARE(limiter.spentTokens(kKey), 100);
        QCOMPARE(limiter.admit(kKey, limits, kT0 + 24 * 3600'000LL).outcome, LimitDecision::BudgetExhausted);
        // The budget wins over the rate limits in what the client is told.
        QCOMPARE(limiter.admit(kKey, KeyLimits{1, 0, 100}, kT0 + 24 * 3600'000LL).outcome, LimitDecision::BudgetExhausted);
        // A raised budget lets the key in again.
        QCOMPARE(limiter.admit(kKey, KeyLimits{0, 0, 200}, kT0 + 24 * 3600'000LL).outcome, LimitDecision::Allowed);
    }

    void keysAreCountedApart()
    {
        KeyRateLimiter limiter;
        const KeyLimits limits{1, 0, 0};
        QCOMPARE(limiter.admit(QStringLiteral("a"), limits, kT0).outcome, LimitDecision::Allowed);
        QCOMPARE(limiter.admit(QStringLiteral("b"), limits, kT0).outcome, LimitDecision::Allowed);
        QCOMPARE(limiter.admit(QStringLiteral("a"), limits, kT0).outcome, LimitDecision::RequestsExceeded);
        limiter.forget(QStringLiteral("a"));
        QCOMPARE(limiter.admit(QStringLiteral("a"), limits, kT0).outcome, LimitDecision::Allowed);
    }

    void replayedUsageRestoresTheWindowAndTheBudget()
    {
        // What the service does at start: the last minute of the log, then the stored totals.
        KeyRateLimiter limiter;
        limiter.addRequest(kKey, kT0 - 30'000);
        limiter.addTokens(kKey, 40, kT0 - 30'000);
        limiter.addRequest(kKey, kT0 - 10'000);
        limiter.setSpentTokens(kKey, 5000);
        QCOMPARE(limiter.requestsInWindow(kKey, kT0), 2);
        QCOMPARE(limiter.tokensInWindow(kKey, kT0), 40);
        QCOMPARE(limiter.spentTokens(kKey), 5000);
        QCOMPARE(limiter.admit(kKey, KeyLimits{2, 0, 0}, kT0).outcome, LimitDecision::RequestsExceeded);
        QCOMPARE(limiter.admit(kKey, KeyLimits{0, 0, 5000}, kT0).outcome, LimitDecision::BudgetExhausted);
        QCOMPARE(limiter.requestsInWindow(kKey, kT0 + 31'000), 1);
    }

    void bucketsFromAnOlderMinuteAreNotCounted()
    {
        // The ring reuses bucket i for seconds i, i+60, ...: an old second must not leak in.
        KeyRateLimiter limiter;
        limiter.addRequest(kKey, kT0, 5);
        QCOMPARE(limiter.requestsInWindow(kKey, kT0 + 60'000), 0);
        limiter.addRequest(kKey, kT0 + 60'000);
        QCOMPARE(limiter.requestsInWindow(kKey, kT0 + 60'000), 1);
    }

    void durationsLookLikeOpenAis()
    {
        QCOMPARE(rateLimitDuration(0), QByteArray("0ms"));
        QCOMPARE(rateLimitDuration(20), QByteArray("20ms"));
        QCOMPARE(rateLimitDuration(1000), QByteArray("1s"));
        QCOMPARE(rateLimitDuration(1500), QByteArray("1.5s"));
        QCOMPARE(rateLimitDuration(59'999), QByteArray("59.999s"));
        QCOMPARE(rateLimitDuration(360'000), QByteArray("6m0s"));
        QCOMPARE(rateLimitDuration(61'200), QByteArray("1m2s"));
    }
};

QTEST_GUILESS_MAIN(TstKeyRateLimiter)
#include "tst_key_rate_limiter.moc"
