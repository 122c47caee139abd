#pragma once
// ErrorsService: Homeport's errors service. Speaks Sentry ingest (/api/{project_id}/envelope/ and
// /api/{project_id}/store/), groups events into issues, keeps them in an ErrorStore (SQLite, or a
// PostgreSQL several nodes share: [errors] database_url), sends alert webhooks, serves Sentry's
// REST API (/api/0/...) with bearer tokens, and answers the console through ErrorsMonitor.
// While a shared PostgreSQL is unreachable, ingest and the REST API answer 503 + Retry-After.
// Events that arrive together are written in one transaction; each is acknowledged (200) only
// after that transaction committed.
// Thread affinity: the service's own thread (everything here, the store included, runs there).

#include "error_store.h"
#include "rate_limiter.h"

#include "http/http_service.h"

#include <QElapsedTimer>
#include <QHash>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <memory>

namespace homeport::errors {

class AlertNotifier;
class ErrorsMonitor;

class ErrorsService : public http::HttpService
{
    Q_OBJECT
public:
    // Sentry's documented ingest limits (develop.sentry.dev, envelopes#size-limits, store).
    static constexpr qint64 kMaxEnvelopeBytes = 20 * 1024 * 1024;          // compressed, as sent
    static constexpr qint64 kMaxEnvelopeDecodedBytes = 100 * 1024 * 1024;  // after Content-Encoding
    static constexpr qint64 kMaxEventBytes = 1024 * 1024;                  // event/transaction item
    // /store/ bodies are read up to the envelope's wire limit so an oversized event (plain, or
    // base64(zlib) inflating past kMaxEventBytes) gets a clear 413 from the handler instead of a
    // reset while the client is still sending.
    // One transaction takes at most this many events; more wait for the next one.
    static constexpr int kMaxBatchEvents = 2000;
    // How long after a commit the next one waits for the senders it acknowledged to send again
    // (see enqueue()), so concurrent senders share one commit instead of alternating in halves.
    static constexpr int kGatherMs = 2;
    static constexpr int kSnapshotIntervalMs = 1000;
    static constexpr int kChangedThrottleMs = 500;
    static constexpr int kSweepIntervalMs = 10 * 60 * 1000;
    // Retry-After of the 503 ingest answers while the shared database (PostgreSQL) is away.
    static constexpr int kRetryAfterUnavailableSeconds = 2;

    // The monitor outlives the service (app/ owns it); it may be null in tests.
    explicit ErrorsService(ErrorsMonitor *monitor = nullptr);
    ~ErrorsService() override;

protected:
    QString configure(http::HttpServer &server, const core::ServiceContext &context) override;
    void closeStores() override;

private:
    struct PendingReply {
        http::Responder responder;
        QByteArray body;          // the 200 answer
        qsizetype firstEvent = 0; // its events in m_batchEvents
        qsizetype eventCount = 0;
    };

    void addRoutes(http::HttpServer &server);
    std::optional<http::Response> checkIngestAuth(const http::Request &request, bool bodyMayAuthenticate);
    void handleEnvelope(const http::Request &request, http::Responder &responder);
    void handleStore(const http::Request &request, http::Responder &responder);
    // Authorises `key` for the project in the path; an error response when it may not send.
    std::optional<http::Response> authorize(const QString &key, qint64 projectId, const QString &authError);
    std::optional<http::Response> rateLimit(qint64 projectId, int events);
    // sender: the client connection (address and port), for gathering a commit's events.
    void enqueue(http::Responder &responder, quint64 sender, const QByteArray &body, QList<IncomingEvent> events,
                 QList<IncomingItem> items);
    void flushWhenGathered();
    void flush();
    http::Response sentryError(int status, const QString &message, int countAsRejected = 1);

    // REST API (Sentry's /api/0 shapes).
    bool apiAuthorized(const http::Request &request) const;
    const ProjectInfo *projectBySlug(const QString &slug) const;
    void apiIssues(const http::Request &request, http::Responder &responder, qint64 projectId);
    void apiIssue(const http::Request &request, http::Responder &responder);
    void apiCreateProject(const http::Request &request, http::Responder &responder);
    void apiBulkStatus(const http::Request &request, http::Responder &responder, qint64 projectId);
    static bool apiStatus(const QByteArray &body, IssueStatus *status);
    void apiIssueEvents(const http::Request &request, http::Responder &responder, const QString &which);
    QString permalink(qint64 issueId) const;
    void sendJson(http::Responder &responder, int status, const QJsonValue &value);

    // Console requests (queued from ErrorsMonitor).
    void onIssuesRequested(quint64 requestId, const homeport::errors::IssueQuery &query);
    void onIssueRequested(quint64 requestId, qint64 issueId, const QString &eventId);
    void onIssueStatusRequested(qint64 issueId, homeport::errors::IssueStatus status);
    void onSaveProjectRequested(const homeport::errors::ProjectInfo &project);
    void onDeleteProjectRequested(qint64 projectId);

    bool loadProjects(QString *error);
    // Another node changed the shared projects, or the link to them came back.
    void reloadProjects();
    // Checks and completes `project` (keys, name, platform), stores it and reloads the projects.
    bool saveProject(ProjectInfo *project, QString *error);
    bool ensureDefaultProject(const core::ServiceContext &context, QString *error);
    bool loadOrCreateApiToken(const QString &dataDir, QString *error);
    bool changeIssueStatus(qint64 issueId, IssueStatus status, QString *error);
    void markChanged();
    void publishSnapshot();
    void countEvents(const char *result, quint64 n = 1);

    QPointer<ErrorsMonitor> m_monitor;
    std::unique_ptr<ErrorStore> m_store;
    core::Metrics *m_metrics = nullptr;
    AlertNotifier *m_notifier = nullptr;
    RateLimiter m_rateLimiter;
    QHash<qint64, ProjectInfo> m_projects;
    StoreTotals m_totals; // as last read, for the snapshot
    QHash<QString, qint64> m_projectByKey;
    QString m_apiToken;
    QString m_publicBase;     // "http://127.0.0.1:8000", for permalinks and DSNs

    QList<IncomingEvent> m_batchEvents;
    QList<IncomingItem> m_batchItems;
    QList<PendingReply> m_batchReplies;
    QSet<quint64> m_batchSenders;
    // Senders the last commit acknowledged that have not sent since; the next commit waits up
    // to kGatherMs after the last one for them.
    QSet<quint64> m_awaitedSenders;
    QElapsedTimer m_sinceCommit;
    // Children of the service, so they move into its thread with it.
    QTimer *m_snapshotTimer;
    QTimer *m_changedTimer;
    QTimer *m_sweepTimer;
    QTimer *m_gatherTimer;
    int m_retentionCapDays = 0; // [errors] retention_days; 0 keeps what each project says
    bool m_changedPending = false;
    bool m_flushQueued = false;
    QElapsedTimer m_sinceChanged;

    quint64 m_accepted = 0;
    quint64 m_rejected = 0;
    quint64 m_rateLimited = 0;
};

} // namespace homeport::errors
