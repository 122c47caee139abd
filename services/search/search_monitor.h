#pragma once
// SearchMonitor: the only bridge between the search service (its own thread) and the console.
// The service publishes a small snapshot once a second (collections with their sizes and schema,
// and the request latency of the last minutes). Everything else the console asks for goes
// through request(): a Typesense REST request (method, path, query, body) that the service runs
// through its own routes with the admin (bootstrap) key, answering requestFinished() with the
// same id and the HTTP status and body the API gave. So every editor in the console speaks the
// real API and shows the real error messages, including for routes added later.
// Thread affinity: created in the main thread by app/; snapshot(), publish(), request() and
// setServiceAttached() may be called from any thread (one mutex); signals reach receivers in
// their own threads.

#include <QByteArray>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QPair>
#include <QString>
#include <QVector>

#include <atomic>

namespace homeport::search {

struct CollectionField {
    QString name;
    QString type;
    bool facet = false;
    bool optional = false;
    bool index = true;
    bool sort = false;
};

struct CollectionInfo {
    QString name;
    qint64 numDocuments = 0;
    // Bytes the collection's documents take as compact JSON, which is how the collection keeps
    // them in memory; the index comes on top.
    qint64 estimatedBytes = 0;
    // Bytes the collection's index holds in the service's memory (Collection::memoryBytes()):
    // posting lists, token dictionary, columns, document records; the documents' bytes lie in
    // the log's file mapping and are not part of it.
    qint64 memoryBytes = 0;
    qint64 createdAt = 0;            // seconds since the epoch
    QString defaultSortingField;
    QList<CollectionField> fields;
};

// One second (or, in SearchSnapshot::latencyMinutes, one minute) of requests to the search port.
struct LatencyPoint {
    qint64 second = 0;               // seconds since the epoch; a minute's point: its first second
    quint64 requests = 0;
    // Quantiles in milliseconds, interpolated within the buckets of the HTTP engine's latency
    // histogram (Metrics::latencyBuckets()); 0 when the second had no request. A minute's
    // quantiles come from the minute's own bucket counts, not from its seconds' quantiles.
    double p50Ms = 0;
    double p99Ms = 0;
};

struct SearchSnapshot {
    qint64 takenAt = 0;              // seconds since the epoch
    QList<CollectionInfo> collections; // by name
    QVector<LatencyPoint> latency;   // the last kLatencySeconds, oldest first
    // The last kLatencyMinutes minutes that had a sample, oldest first, the current (partial)
    // minute last; kept across restarts of the service while the process lives.
    QVector<LatencyPoint> latencyMinutes;
    quint64 requestsTotal = 0;       // since start
};

// A Typesense REST request, as a client would send it.
struct ApiRequest {
    QByteArray method = "GET";
    QString path;                    // "/collections/books/documents/search"
    QList<QPair<QString, QString>> query; // decoded; encoded by the service
    QByteArray body;
    QByteArray contentType = "application/json";
};

struct ApiAnswer {
    int status = 0;                  // 0: no HTTP answer (see error)
    QByteArray body;
    QString error;                   // set when the request could not be made
    bool ok() const { return status >= 200 && status < 300; }
    // Typesense's {"message": "..."} for a failed request, or the transport error.
    QString message() const;
};

class SearchMonitor : public QObject
{
    Q_OBJECT
public:
    static constexpr int kLatencySeconds = 300;
    static constexpr int kLatencyMinutes = 24 * 60;

    explicit SearchMonitor(QObject *parent = nullptr);

    SearchSnapshot snapshot() const;
    // Called by the service, from its thread.
    void publish(const SearchSnapshot &snapshot);
    // The service says whether it takes requests; while it does not, request() answers at once
    // (queued) with a "not running" error instead of leaving the caller waiting.
    void setServiceAttached(bool attached);
    bool isServiceAttached() const;

    // Sends `request` to the service; its answer arrives as requestFinished(id, ...).
    quint64 request(const ApiRequest &request);

Q_SIGNALS:
    // To the console.
    void snapshotPublished();
    void requestFinished(quint64 requestId, const homeport::search::ApiAnswer &answer);

    // To the service (it connects this queued).
    void requestSent(quint64 requestId, const homeport::search::ApiRequest &request);

private:
    mutable QMutex m_mutex;
    SearchSnapshot m_snapshot;
    bool m_attached = false;
    std::atomic<quint64> m_lastRequestId{0};
};

} // namespace homeport::search

Q_DECLARE_METATYPE(homeport::search::ApiRequest)
Q_DECLARE_METATYPE(homeport::search::ApiAnswer)
