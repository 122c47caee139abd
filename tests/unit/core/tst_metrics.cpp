// Metrics: counters, histograms, 1-second series (15 minutes kept) and the Prometheus text.
#include "core/metrics.h"

#include <QTest>
#include <QThread>

#include <atomic>
#include <numeric>

using homeport::core::Metrics;

namespace {
std::atomic<std::int64_t> g_now{1'000'000};
std::int64_t fakeNow() { return g_now.load(); }
} // namespace

class TestMetrics : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void countersAddUpAcrossThreads()
    {
        Metrics metrics;
        QList<QThread *> threads;
        for (int t = 0; t < 4; ++t) {
            threads << QThread::create([&metrics] {
                for (int i = 0; i < 10000; ++i)
                    metrics.increment(QStringLiteral("requests_total"), QStringLiteral("service=\"x\""));
            });
            threads.last()->start();
        }
        for (QThread *thread : threads) {
            QVERIFY(thread->wait(10000));
            delete thread;
        }
        QCOMPARE(metrics.counter(QStringLiteral("requests_total"), QStringLiteral("service=\"x\"")), quint64(40000));
        QCOMPARE(metrics.counter(QStringLiteral("requests_total"), QStringLiteral("service=\"y\"")), quint64(0));
    }

    void seriesKeepOnePointPerSecondForFifteenMinutes()
    {
        Metrics metrics;
        metrics.setClockForTesting(fakeNow);
        g_now = 1'000'000;
        metrics.addToSeries(QStringLiteral("search.requests"), 2);
        metrics.addToSeries(QStringLiteral("search.requests"), 3);
        g_now += 1;
        metrics.addToSeries(QStringLiteral("search.requests"));
        g_now += 2; // one silent second, then the current one with nothing yet

        QVector<double> points = metrics.series(QStringLiteral("search.requests"), 4);
        QCOMPARE(points, (QVector<double>{5, 1, 0, 0}));

        // A point older than 15 minutes falls off, even though its ring slot is reused later.
        g_now += Metrics::kSeriesSeconds;
        points = metrics.series(QStringLiteral("search.requests"));
        QCOMPARE(points.size(), Metrics::kSeriesSeconds);
        QCOMPARE(std::accumulate(points.begin(), points.end(), 0.0), 0.0);
        metrics.addToSeries(QStringLiteral("search.requests"), 7);
        QCOMPARE(metrics.series(QStringLiteral("search.requests"), 1), QVector<double>{7});
        QCOMPARE(metrics.series(QStringLiteral("unknown"), 3), (QVector<double>{0, 0, 0}));
        QCOMPARE(metrics.seriesNames(), QStringList{QStringLiteral("search.requests")});
    }

    void minuteSeriesKeepsADayAsRatesOrPeaks()
    {
        Metrics metrics;
        metrics.setClockForTesting(fakeNow);
        g_now = 60 * 1'000'000; // the start of a minute
        // Minute 1: 120 requests over two seconds; connections rise to 5, then 3 are left.
        metrics.addToSeries(QStringLiteral("search.requests"), 90);
        metrics.addToSeries(QStringLiteral("channels.connections"), 5);
        g_now += 1;
        metrics.addToSeries(QStringLiteral("search.requests"), 30);
        metrics.addToSeries(QStringLiteral("channels.connections"), 3);
        // Minute 2: silent. Minute 3 (current): 6 requests so far.
        g_now += 119;
        metrics.addToSeries(QStringLiteral("search.requests"), 6);

        using How = Metrics::MinuteValue;
        QCOMPARE(metrics.minuteSeries(QStringLiteral("search.requests"), 3, How::MeanPerSecond),
                 (QVector<double>{2, 0, 0.1}));
        QCOMPARE(metrics.minuteSeries(QStringLiteral("channels.connections"), 3, How::Peak),
                 (QVector<double>{5, 0, 0}));

        // A minute older than a day falls off although its ring slot comes round again.
        g_now += 60 * Metrics::kSeriesMinutes;
        const QVector<double> day = metrics.minuteSeries(QStringLiteral("search.requests"), Metrics::kSeriesMinutes,
                                                         How::MeanPerSecond);
        QCOMPARE(day.size(), Metrics::kSeriesMinutes);
        QCOMPARE(std::accumulate(day.begin(), day.end(), 0.0), 0.0);
        QCOMPARE(metrics.minuteSeries(QStringLiteral("unknown"), 2, How::Peak), (QVector<double>{0, 0}));
    }

    void prometheusTextHasTypesLabelsAndCumulativeBuckets()
    {
        Metrics metrics;
        metrics.increment(QStringLiteral("homeport_http_requests_total"), QStringLiteral("service=\"storage\",class=\"2xx\""), 3);
        metrics.setGauge(QStringLiteral("homeport_service_up"), QStringLiteral("service=\"storage\""), 1);
        metrics.observe(QStringLiteral("homeport_http_request_duration_seconds"), QStringLiteral("service=\"storage\""), 0.0004);
        metrics.observe(QStringLiteral("homeport_http_request_duration_seconds"), QStringLiteral("service=\"storage\""), 0.003);
        metrics.observe(QStringLiteral("homeport_http_request_duration_seconds"), QStringLiteral("service=\"storage\""), 60);
        const QString text = QString::fromUtf8(metrics.toPrometheusText());
        QVERIFY(text.contains(QStringLiteral("# TYPE homeport_http_requests_total counter\n")));
        QVERIFY(text.contains(QStringLiteral("homeport_http_requests_total{service=\"storage\",class=\"2xx\"} 3\n")));
        QVERIFY(text.contains(QStringLiteral("# TYPE homeport_service_up gauge\nhomeport_service_up{service=\"storage\"} 1\n")));
        QVERIFY(text.contains(QStringLiteral("# TYPE homeport_http_request_duration_seconds histogram\n")));
        QVERIFY(text.contains(QStringLiteral("homeport_http_request_duration_seconds_bucket{service=\"storage\",le=\"0.0005\"} 1\n")));
        QVERIFY(text.contains(QStringLiteral("homeport_http_request_duration_seconds_bucket{service=\"storage\",le=\"0.005\"} 2\n")));
        QVERIFY(text.contains(QStringLiteral("homeport_http_request_duration_seconds_bucket{service=\"storage\",le=\"10\"} 2\n")));
        QVERIFY(text.contains(QStringLiteral("homeport_http_request_duration_seconds_bucket{service=\"storage\",le=\"+Inf\"} 3\n")));
        QVERIFY(text.contains(QStringLiteral("homeport_http_request_duration_seconds_count{service=\"storage\"} 3\n")));
        QVERIFY(text.contains(QStringLiteral("homeport_http_request_duration_seconds_sum{service=\"storage\"} 60.0034\n")));
    }
};

QTEST_GUILESS_MAIN(TestMetrics)
#include "tst_metrics.moc"
