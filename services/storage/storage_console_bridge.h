#pragma once
// StorageConsoleBridge: the storage service's side of StorageMonitor. Once a second it publishes
// the buckets with their object counts and sizes (read from the store through `usage`) and the
// total bytes stored. The console's StorageRequests are signed with SigV4 with the service's own
// access key and sent over loopback to the service's port, so they pass the same auth, routes,
// limits and error formatting as any S3 client's request.
// Thread affinity: the storage service's thread (created in configure(), destroyed in
// closeStores()).

#include "storage_monitor.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QPointer>

#include <functional>

class QTimer;

namespace homeport::http {
class HttpServer;
class LoopbackClient;
}

namespace homeport::storage {

class StorageConsoleBridge : public QObject
{
    Q_OBJECT
public:
    using UsageReader = std::function<QList<BucketUsage>()>;

    // `bindAddress` is what the server listens on: the console's requests dial it (loopback when
    // it listens on every address).
    StorageConsoleBridge(StorageMonitor *monitor, http::HttpServer *server, const QHostAddress &bindAddress,
                         const QByteArray &accessKey, const QByteArray &secretKey, UsageReader usage);
    ~StorageConsoleBridge() override;

    // Publishes at once (tests; the timer does it every second).
    void publishNow();

private:
    void onRequestSent(quint64 requestId, const StorageRequest &request);

    QPointer<StorageMonitor> m_monitor;
    http::LoopbackClient *m_loopback;
    QByteArray m_accessKey;
    QByteArray m_secretKey;
    UsageReader m_usage;
    QTimer *m_timer;
    QVector<UsagePoint> m_history;
    QVector<UsagePoint> m_minutes;
};

} // namespace homeport::storage
