// UpstreamLimits: the [inference] time-limit settings with their defaults and bounds, and
// nextDueLimit, which decides whether the first-token limit of the pod in flight or the total
// limit of the call ends a forwarded request next.
#include "inference/upstream_limits.h"

#include <QTest>

using namespace homeport::inference;

class TstUpstreamLimits : public QObject
{
    Q_OBJECT
private slots:
    void defaultsStayBelowRunpodsProxyCut()
    {
        const UpstreamLimits limits = UpstreamLimits::fromSettings({});
        QCOMPARE(limits.connectMs, 10'000);
        QCOMPARE(limits.firstTokenMs, 90'000); // RunPod's proxy answers 524 after 100 s
        QVERIFY(limits.firstTokenMs < 100'000);
        QCOMPARE(limits.inactivityMs, 600'000);
        QCOMPARE(limits.totalMs, 600'000);
    }

    void settingsAsTheIniAndEnvironmentGiveThem()
    {
        // QSettings and HOMEPORT_INFERENCE_* overrides arrive as strings.
        const UpstreamLimits limits = UpstreamLimits::fromSettings({
            {QStringLiteral("connect_timeout_ms"), QStringLiteral("2500")},
            {QStringLiteral("first_token_timeout_ms"), QStringLiteral("500")},
            {QStringLiteral("upstream_timeout_ms"), 30'000},
            {QStringLiteral("total_timeout_ms"), QStringLiteral("4000")},
        });
        QCOMPARE(limits.connectMs, 2500);
        QCOMPARE(limits.firstTokenMs, 500);
        QCOMPARE(limits.inactivityMs, 30'000);
        QCOMPARE(limits.totalMs, 4000);
    }

    void zeroSwitchesOffOnlyTheFirstTokenAndTotalLimits()
    {
        const UpstreamLimits limits = UpstreamLimits::fromSettings({
            {QStringLiteral("connect_timeout_ms"), 0},
            {QStringLiteral("first_token_timeout_ms"), 0},
            {QStringLiteral("upstream_timeout_ms"), 0},
            {QStringLiteral("total_timeout_ms"), -5},
        });
        QCOMPARE(limits.firstTokenMs, 0);
        QCOMPARE(limits.totalMs, 0);
        // A pod that never answers must not hold a request forever: these keep a floor.
        QCOMPARE(limits.connectMs, 100);
        QCOMPARE(limits.inactivityMs, 1000);
    }

    void nonsenseKeepsTheDefaultAndHugeValuesAreBounded()
    {
        const UpstreamLimits limits = UpstreamLimits::fromSettings({
            {QStringLiteral("first_token_timeout_ms"), QStringLiteral("soon")},
            {QStringLiteral("total_timeout_ms"), QStringLiteral("99999999999999")},
            {QStringLiteral("connect_timeout_ms"), 7},
        });
        QCOMPARE(limits.firstTokenMs, 90'000);
        QCOMPARE(limits.totalMs, 24 * 3600 * 1000); // fits a QTimer's int
        QCOMPARE(limits.connectMs, 100);
    }

    void firstTokenLimitRunsPerAttemptUntilThePodAnswers()
    {
        UpstreamLimits limits;
        limits.firstTokenMs = 500;
        limits.totalMs = 10'000;
        // The first pod: 500 ms from its request.
        auto due = nextDueLimit(limits, 0, 0, false);
        QVERIFY(due);
        QCOMPARE(due->limit, UpstreamLimit::FirstToken);
        QCOMPARE(due->inMs, 500);
        // The second pod, sent 600 ms into the call, gets its own 500 ms.
        due = nextDueLimit(limits, 700, 100, false);
        QCOMPARE(due->limit, UpstreamLimit::FirstToken);
        QCOMPARE(due->inMs, 400);
        // Overdue reads as due now (<= 0).
        due = nextDueLimit(limits, 1200, 600, false);
        QCOMPARE(due->limit, UpstreamLimit::FirstToken);
        QVERIFY(due->inMs <= 0);
        // Once the pod sent a byte only the total limit is left, counted from the call's start.
        due = nextDueLimit(limits, 1200, 600, true);
        QCOMPARE(due->limit, UpstreamLimit::Total);
        QCOMPARE(due->inMs, 8800);
    }

    void totalLimitWinsWhenItComesFirstOrAtTheSameTime()
    {
        UpstreamLimits limits;
        limits.firstTokenMs = 1000;
        limits.totalMs = 3000;
        // 2500 ms into the call a new attempt would have 1000 ms, but the call only 500.
        auto due = nextDueLimit(limits, 2500, 0, false);
        QCOMPARE(due->limit, UpstreamLimit::Total);
        QCOMPARE(due->inMs, 500);
        // A tie: failing over with no time left is pointless.
        due = nextDueLimit(limits, 2000, 0, false);
        QCOMPARE(due->limit, UpstreamLimit::Total);
        QCOMPARE(due->inMs, 1000);
    }

    void switchedOffLimitsNeverFire()
    {
        UpstreamLimits limits;
        limits.firstTokenMs = 0;
        limits.totalMs = 0;
        QVERIFY(!nextDueLimit(limits, 1'000'000, 1'000'000, false));
        QVERIFY(!nextDueLimit(limits, 1'000'000, 1'000'000, true));
        limits.totalMs = 2000; // first token off, total on
        auto due = nextDueLimit(limits, 500, 500, false);
        QCOMPARE(due->limit, UpstreamLimit::Total);
        QCOMPARE(due->inMs, 1500);
        limits.totalMs = 0; // total off, first token on
        limits.firstTokenMs = 800;
        due = nextDueLimit(limits, 5000, 300, false);
        QCOMPARE(due->limit, UpstreamLimit::FirstToken);
        QCOMPARE(due->inMs, 500);
        QVERIFY(!nextDueLimit(limits, 5000, 300, true));
    }

    void namesMatchTheSettingsAndMetricLabels()
    {
        QCOMPARE(limitName(UpstreamLimit::Connect), QStringLiteral("connect"));
        QCOMPARE(limitName(UpstreamLimit::FirstToken), QStringLiteral("first_token"));
        QCOMPARE(limitName(UpstreamLimit::Inactivity), QStringLiteral("inactivity"));
        QCOMPARE(limitName(UpstreamLimit::Total), QStringLiteral("total"));
        QCOMPARE(limitSetting(UpstreamLimit::Connect), QStringLiteral("connect_timeout_ms"));
        QCOMPARE(limitSetting(UpstreamLimit::FirstToken), QStringLiteral("first_token_timeout_ms"));
        QCOMPARE(limitSetting(UpstreamLimit::Inactivity), QStringLiteral("upstream_timeout_ms"));
        QCOMPARE(limitSetting(UpstreamLimit::Total), QStringLiteral("total_timeout_ms"));
    }
};

QTEST_GUILESS_MAIN(TstUpstreamLimits)
#include "tst_upstream_limits.moc"
