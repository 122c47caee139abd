// PodPool::rank, the router's choice: healthy pods serving the model only, fewest requests in
// flight per unit of weight first, equal pods taking turns, and the rest of the list as the
// failover order when the first pod refuses or fails before the first byte.
#include "inference/pod_pool.h"

#include <QTest>

using namespace homeport::inference;

namespace {
Pod pod(const QString &name, const QStringList &models, double weight = 1, int outstanding = 0, bool healthy = true)
{
    Pod p;
    p.name = name;
    p.weight = weight;
    p.outstanding = outstanding;
    p.healthy = healthy;
    for (const QString &m : models)
        p.models.append(QJsonObject{{QStringLiteral("id"), m}});
    return p;
}
const QString kModel = QStringLiteral("llama");
} // namespace

class TstPodRouter : public QObject
{
    Q_OBJECT
private slots:
    void onlyHealthyPodsServingTheModel()
    {
        const std::vector<Pod> pods{pod(QStringLiteral("a"), {kModel}), pod(QStringLiteral("b"), {QStringLiteral("other")}),
                                    pod(QStringLiteral("c"), {kModel}, 1, 0, false), pod(QStringLiteral("d"), {kModel, QStringLiteral("other")})};
        QCOMPARE(PodPool::rank(pods, kModel, 0), (QList<int>{0, 3}));
        QCOMPARE(PodPool::rank(pods, QStringLiteral("other"), 0), (QList<int>{1, 3}));
        QVERIFY(PodPool::rank(pods, QStringLiteral("absent"), 0).isEmpty());
        QVERIFY(PodPool::rank({}, kModel, 7).isEmpty());
    }

    void leastOutstandingRequestsFirst()
    {
        const std::vector<Pod> pods{pod(QStringLiteral("a"), {kModel}, 1, 5), pod(QStringLiteral("b"), {kModel}, 1, 0),
                                    pod(QStringLiteral("c"), {kModel}, 1, 2)};
        // Whatever the rotation, the idle pod comes first and the busiest last.
        for (unsigned rotation = 0; rotation < 6; ++rotation)
            QCOMPARE(PodPool::rank(pods, kModel, rotation), (QList<int>{1, 2, 0}));
    }

    void weightsScaleTheLoadAPodTakes()
    {
        // b has weight 3: with 2 in flight it counts (2+1)/3 = 1, less than a's (1+1)/1 = 2.
        std::vector<Pod> pods{pod(QStringLiteral("a"), {kModel}, 1, 1), pod(QStringLiteral("b"), {kModel}, 3, 2)};
        QCOMPARE(PodPool::rank(pods, kModel, 0), (QList<int>{1, 0}));
        // Sending requests one by one to whoever ranks first, b takes three for each of a's.
        pods[0].outstanding = pods[1].outstanding = 0;
        for (int i = 0; i < 400; ++i)
            ++pods[size_t(PodPool::rank(pods, kModel, unsigned(i)).first())].outstanding;
        QCOMPARE(pods[0].outstanding, 100);
        QCOMPARE(pods[1].outstanding, 300);
    }

    void equalPodsTakeTurns()
    {
        const std::vector<Pod> pods{pod(QStringLiteral("a"), {kModel}), pod(QStringLiteral("b"), {kModel}),
                                    pod(QStringLiteral("c"), {kModel})};
        QCOMPARE(PodPool::rank(pods, kModel, 0), (QList<int>{0, 1, 2}));
        QCOMPARE(PodPool::rank(pods, kModel, 1), (QList<int>{1, 2, 0}));
        QCOMPARE(PodPool::rank(pods, kModel, 5), (QList<int>{2, 0, 1}));
    }

    void theFailoverOrderSkipsAPodMarkedDown()
    {
        // The call tries the list in order; a pod that refused is marked down and drops out of
        // the next request's list, while the other pods keep their order by load.
        std::vector<Pod> pods{pod(QStringLiteral("a"), {kModel}, 1, 0), pod(QStringLiteral("b"), {kModel}, 1, 1),
                              pod(QStringLiteral("c"), {kModel}, 1, 3)};
        const QList<int> first = PodPool::rank(pods, kModel, 0);
        QCOMPARE(first, (QList<int>{0, 1, 2}));
        pods[0].healthy = false;
        QCOMPARE(PodPool::rank(pods, kModel, 1), (QList<int>{1, 2}));
        pods[1].healthy = false;
        pods[2].healthy = false;
        QVERIFY(PodPool::rank(pods, kModel, 2).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TstPodRouter)
#include "tst_pod_router.moc"
