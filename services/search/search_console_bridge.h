#pragma once
// SearchConsoleBridge: the search service's side of SearchMonitor. Once a second it publishes
// the collections (counted, sized and described through `visit`) and the latency of the last
// second and of every minute of the last day, read from the HTTP engine's latency histogram in
// Metrics. The console's ApiRequests are
// sent over loopback to the service's own port with the bootstrap key, so they pass the same
// auth, routes, limits and error formatting as any client's request.
// Thread affinity: the search service's thread (created in configure(), destroyed in
// closeStores()).

#include "search_monitor.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QVector>

#include <functional>

class QTimer;

namespace homeport::core {
class Metrics;
}
namespace homeport::http {
class HttpServer;
class LoopbackClient;
}

namespace homeport::search {

class Collection;

class SearchConsoleBridge : public QObject
{
    Q_OBJECT
public:
    // Calls its argument once for every collection.
    using CollectionVisitor = std::function<void(const std::function<void(const Collection &)> &)>;

    // `bindAddress` is what the server listens on: the console's requests dial it (loopback when
    // it listens on every address).
    SearchConsoleBridge(SearchMonitor *monitor, http::HttpServer *server, const QHostAddress &bindAddress,
                        core::Metrics *metrics, const QString &serviceName, const QString &apiKey,
                        CollectionVisitor visit);
    ~SearchConsoleBridge() override;

    // Publishes at once (tests; the timer does it every second).
    void publishNow();

private:
    void onRequestSent(quint64 requestId, const ApiRequest &request);
    void sampleLatency(qint64 second);
    // Adds one second's requests per bucket (`delta`, empty for none) to its minute's point.
    void addToMinute(qint64 second, const QVector<double> &bounds, const QVector<quint64> &delta);
    // Both redone only when the collection changed since the last snapshot.
    qint64 estimatedBytes(const Collection &collection);
    qint64 memoryBytes(const Collection &collection);

    QPointer<SearchMonitor> m_monitor;
    http::LoopbackClient *m_loopback;
    core::Metrics *m_metrics;
    QString m_histogramLabels;
    QString m_apiKey;
    CollectionVisitor m_visit;
    QTimer *m_timer;
    QVector<quint64> m_lastBuckets; // the histogram as last seen, per bucket
    quint64 m_lastCount = 0;
    bool m_haveBaseline = false;
    QVector<LatencyPoint> m_latency;
    QVector<LatencyPoint> m_latencyMinutes;
    QVector<quint64> m_minuteBuckets; // the current minute's requests per bucket
    qint64 m_minute = -1;            // the current minute's number since the epoch
    quint64 m_requestsTotal = 0;
    struct SizeSample
    {
        qint64 documents = -1;
        qint64 bytes = 0;
        quint64 memoryStamp = 0;
        bool haveMemory = false;
        qint64 memory = 0;
        qint64 memoryDueMs = 0; // m_clock's time before which a changed collection is not walked again
    };
    QElapsedTimer m_clock;
    QHash<QString, SizeSample> m_sizes; // by collection: each figure is redone when its collection moves
};

} // namespace homeport::search
