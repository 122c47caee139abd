#pragma once
// AlertNotifier: POSTs a JSON notification to a project's webhooks when an issue is new or has
// regressed; plain JSON or a Slack-compatible {text, blocks} payload. Failed deliveries (network
// errors, 429, 5xx) are retried a bounded number of times with growing delays; the queue is
// bounded too, so an alert storm against a dead webhook cannot grow memory.
// Thread affinity: the service's thread (its QNetworkAccessManager lives there).

#include "errors_monitor.h"

#include <QJsonObject>
#include <QObject>
#include <QUrl>

class QNetworkAccessManager;

namespace homeport::errors {

class AlertNotifier : public QObject
{
    Q_OBJECT
public:
    static constexpr int kMaxAttempts = 3;
    static constexpr int kMaxInFlight = 200;
    static constexpr int kRequestTimeoutMs = 10'000;

    enum class Reason { NewIssue, Regression };

    explicit AlertNotifier(QObject *parent = nullptr);
    // First retry after this many ms, then 5x longer each time (tests shorten it).
    void setRetryDelayMs(int ms) { m_retryDelayMs = ms; }

    void notify(const ProjectInfo &project, const IssueSummary &issue, Reason reason, const QString &issueUrl);

    // The payload as sent, for tests and for the docs.
    static QJsonObject payload(const ProjectInfo &project, const IssueSummary &issue, Reason reason,
                               const QString &issueUrl, bool slack);

signals:
    // For tests and logs: a delivery finished (ok) or gave up after its last attempt.
    void delivered(const QUrl &url, bool ok, int attempts);

private:
    void send(const QUrl &url, const QByteArray &body, int attempt);

    QNetworkAccessManager *m_network;
    int m_inFlight = 0;
    int m_retryDelayMs = 1000;
};

} // namespace homeport::errors
