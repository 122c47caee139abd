#pragma once
// PostgresDatabase: one service's QPSQL connection to a PostgreSQL shared by several nodes
// (`database_url=postgresql://user:pass@host:port/db`), and what every such store needs around it:
//  - schema migrations per component (errors, channels) recorded in one schema_version table
//    (component, version), each run inside one transaction under an advisory lock, so nodes
//    starting together migrate once;
//  - LISTEN on a notification channel (QSqlDriver::subscribeToNotification, which QPSQL serves
//    from its socket on the owner's event loop) so a change made by one node reaches the others
//    at once; notify() sends one;
//  - a check of the link every kCheckIntervalMs and after any failed statement: when the server
//    is gone the connection is closed, linkChanged(false) is emitted and it is reopened with a
//    backoff (kFirstRetryMs doubling to kMaxRetryMs); once back, the subscription is renewed and
//    linkChanged(true) tells the owner to prepare its statements and re-read what it caches
//    (notifications sent meanwhile were missed);
//  - gauges homeport_<service>_postgres_connected and homeport_<service>_postgres_reconnects.
// Thread affinity: the thread that called open() (QtSql connections must not cross threads); it
// needs an event loop for notifications and the timers.

#include "database_status.h"

#include <QObject>
#include <QSqlDatabase>
#include <QTimer>
#include <QUrl>

#include <functional>

namespace homeport::core {

class Metrics;

class PostgresDatabase : public QObject
{
    Q_OBJECT
public:
    static constexpr int kCheckIntervalMs = 1000;
    static constexpr int kFirstRetryMs = 100;
    static constexpr int kMaxRetryMs = 5000;
    static constexpr int kConnectTimeoutSeconds = 3;

    struct Options {
        QUrl url;
        QString connectionName;          // unique per store
        QString component;               // schema_version.component: "errors", "channels"
        QStringList migrations;          // entry i takes the component's schema from version i to i+1
        QString notificationChannel;     // LISTENed to when not empty
        QString service;                 // metrics label and log prefix
        Metrics *metrics = nullptr;
    };

    // postgresql:// or postgres:// with a host.
    static bool isPostgresUrl(const QUrl &url);
    // host:port/database, without user or password.
    static QString endpointOf(const QUrl &url);

    explicit PostgresDatabase(Options options, QObject *parent = nullptr);
    ~PostgresDatabase() override;

    // Connects, migrates and subscribes. False with `error` set when any of it fails (the caller
    // fails its start: a wrong URL or an unreachable server is reported, not retried).
    bool open(QString *error);
    void close();

    QSqlDatabase database() const { return m_db; }
    bool isConnected() const { return m_connected; }
    DatabaseStatus status() const;

    // Runs `work` in one transaction under the advisory lock `lockKey` (released at its end);
    // work returns false with `error` set to roll back.
    bool inLockedTransaction(qint64 lockKey, const std::function<bool(QString *error)> &work, QString *error);
    // NOTIFY on the notification channel; false when it could not be sent.
    bool notify(const QString &payload);
    // After a statement failed: checks the link at once, and starts reconnecting if it is gone.
    void checkLink();

Q_SIGNALS:
    void linkChanged(bool connected);
    // fromThisConnection: this node's own notify(), delivered back to it as to every listener.
    void notified(const QString &payload, bool fromThisConnection);

private:
    bool connectAndPrepare(QString *error);
    bool migrate(QString *error);
    void lost(const QString &why);
    void retry();
    void updateGauges();

    Options m_options;
    QString m_endpoint;
    QSqlDatabase m_db;
    bool m_connected = false;
    QString m_error;
    quint64 m_reconnects = 0;
    int m_retryMs = kFirstRetryMs;
    QTimer m_checkTimer;
    QTimer m_retryTimer;
};

} // namespace homeport::core
