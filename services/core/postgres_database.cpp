#include "postgres_database.h"

#include "logging.h"
#include "metrics.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace homeport::core {

namespace {
// pg_advisory_xact_lock key of schema migrations, shared by every component: one node migrates
// at a time, whichever tables it migrates.
constexpr qint64 kMigrationLock = 0x486f6d65'00000001;
} // namespace

bool PostgresDatabase::isPostgresUrl(const QUrl &url)
{
    return (url.scheme() == QLatin1String("postgresql") || url.scheme() == QLatin1String("postgres")) && !url.host().isEmpty();
}

QString PostgresDatabase::endpointOf(const QUrl &url)
{
    QString database = url.path();
    while (database.startsWith(u'/'))
        database.remove(0, 1);
    return QStringLiteral("%1:%2/%3").arg(url.host()).arg(url.port(5432)).arg(database);
}

PostgresDatabase::PostgresDatabase(Options options, QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_endpoint(endpointOf(m_options.url))
{
    m_checkTimer.setInterval(kCheckIntervalMs);
    connect(&m_checkTimer, &QTimer::timeout, this, &PostgresDatabase::checkLink);
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &PostgresDatabase::retry);
}

PostgresDatabase::~PostgresDatabase()
{
    close();
}

DatabaseStatus PostgresDatabase::status() const
{
    DatabaseStatus status;
    status.shared = true;
    status.endpoint = m_endpoint;
    status.connected = m_connected;
    status.error = m_error;
    status.reconnects = m_reconnects;
    return status;
}

bool PostgresDatabase::open(QString *error)
{
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_options.connectionName);
    if (!m_db.isValid()) {
        *error = QStringLiteral("QtSql has no PostgreSQL driver (QPSQL; Debian: libqt6sql6-psql)");
        return false;
    }
    const QUrl &url = m_options.url;
    m_db.setHostName(url.host());
    if (url.port() > 0)
        m_db.setPort(url.port());
    m_db.setUserName(url.userName());
    m_db.setPassword(url.password());
    QString database = url.path();
    while (database.startsWith(u'/'))
        database.remove(0, 1);
    m_db.setDatabaseName(database);
    // libpq waits for ever on a host that does not answer; the service's thread must not.
    m_db.setConnectOptions(QStringLiteral("connect_timeout=%1").arg(kConnectTimeoutSeconds));
    if (!m_options.notificationChannel.isEmpty()) {
        connect(m_db.driver(), &QSqlDriver::notification, this,
                [this](const QString &name, QSqlDriver::NotificationSource source, const QVariant &payload) {
                    if (name == m_options.notificationChannel)
                        emit notified(payload.toString(), source == QSqlDriver::SelfSource);
                });
    }
    QString why;
    if (!connectAndPrepare(&why)) {
        *error = QStringLiteral("cannot connect to postgresql://%1: %2").arg(m_endpoint, why);
        return false;
    }
    if (!migrate(&why)) {
        *error = QStringLiteral("cannot migrate the %1 schema in postgresql://%2: %3").arg(m_options.component, m_endpoint, why);
        return false;
    }
    m_connected = true;
    m_error.clear();
    m_checkTimer.start();
    updateGauges();
    return true;
}

void PostgresDatabase::close()
{
    m_checkTimer.stop();
    m_retryTimer.stop();
    if (!m_db.isValid())
        return;
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_options.connectionName);
    m_connected = false;
}

bool PostgresDatabase::connectAndPrepare(QString *error)
{
    if (!m_db.open()) {
        *error = m_db.lastError().text();
        m_db.close();
        return false;
    }
    // libpq prints the server's notices on stderr ("relation … already exists, skipping" at
    // every start); warnings and errors still come through.
    QSqlQuery(m_db).exec(QStringLiteral("SET client_min_messages TO warning"));
    if (!m_options.notificationChannel.isEmpty() && !m_db.driver()->subscribeToNotification(m_options.notificationChannel)) {
        *error = QStringLiteral("cannot LISTEN to %1: %2").arg(m_options.notificationChannel, m_db.driver()->lastError().text());
        m_db.close();
        return false;
    }
    return true;
}

bool PostgresDatabase::migrate(QString *error)
{
    return inLockedTransaction(kMigrationLock, [this](QString *error) {
        QSqlQuery query(m_db);
        // The errors store's first release kept one version without a component: that row is its.
        for (const char *statement : {"CREATE TABLE IF NOT EXISTS schema_version(version INTEGER NOT NULL)",
                                      "ALTER TABLE schema_version ADD COLUMN IF NOT EXISTS component TEXT NOT NULL DEFAULT 'errors'"}) {
            if (!query.exec(QString::fromLatin1(statement))) {
                *error = query.lastError().text();
                return false;
            }
        }
        query.prepare(QStringLiteral("SELECT max(version) FROM schema_version WHERE component = ?"));
        query.addBindValue(m_options.component);
        if (!query.exec()) {
            *error = query.lastError().text();
            return false;
        }
        int version = query.next() ? query.value(0).toInt() : 0;
        const int latest = int(m_options.migrations.size());
        if (version > latest) {
            *error = QStringLiteral("its version %1 is newer than this Homeport's %2").arg(version).arg(latest);
            return false;
        }
        if (version == latest)
            return true;
        for (; version < latest; ++version) {
            if (!query.exec(m_options.migrations.at(version))) {
                *error = QStringLiteral("version %1: %2").arg(version + 1).arg(query.lastError().text());
                return false;
            }
        }
        query.prepare(QStringLiteral("DELETE FROM schema_version WHERE component = ?"));
        query.addBindValue(m_options.component);
        if (!query.exec()) {
            *error = query.lastError().text();
            return false;
        }
        query.prepare(QStringLiteral("INSERT INTO schema_version(component, version) VALUES(?, ?)"));
        query.addBindValue(m_options.component);
        query.addBindValue(latest);
        if (!query.exec()) {
            *error = query.lastError().text();
            return false;
        }
        qCInfo(lcCore).noquote() << QStringLiteral("%1: the %2 schema in postgresql://%3 is at version %4")
                                        .arg(m_options.service, m_options.component, m_endpoint).arg(latest);
        return true;
    }, error);
}

bool PostgresDatabase::inLockedTransaction(qint64 lockKey, const std::function<bool(QString *)> &work, QString *error)
{
    if (!m_db.transaction()) {
        *error = m_db.lastError().text();
        checkLink();
        return false;
    }
    QSqlQuery lock(m_db);
    bool ok = lock.exec(QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(lockKey));
    if (!ok)
        *error = lock.lastError().text();
    ok = ok && work(error);
    if (ok && !m_db.commit()) {
        *error = m_db.lastError().text();
        ok = false;
    }
    if (!ok) {
        m_db.rollback();
        checkLink();
    }
    return ok;
}

bool PostgresDatabase::notify(const QString &payload)
{
    if (m_options.notificationChannel.isEmpty() || !m_connected)
        return false;
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT pg_notify(?, ?)"));
    query.addBindValue(m_options.notificationChannel);
    query.addBindValue(payload);
    if (query.exec())
        return true;
    checkLink();
    return false;
}

void PostgresDatabase::checkLink()
{
    if (!m_connected || !m_db.isValid())
        return;
    QSqlQuery probe(m_db);
    if (probe.exec(QStringLiteral("SELECT 1")))
        return;
    lost(probe.lastError().text().trimmed());
}

void PostgresDatabase::lost(const QString &why)
{
    m_connected = false;
    m_error = why.isEmpty() ? QStringLiteral("the connection was lost") : why;
    m_checkTimer.stop();
    qCWarning(lcCore).noquote() << QStringLiteral("%1: lost PostgreSQL %2 (%3); reconnecting")
                                       .arg(m_options.service, m_endpoint, m_error);
    updateGauges();
    // Before the close, so owners drop their prepared statements while the driver still has them.
    emit linkChanged(false);
    m_db.close();
    m_retryMs = kFirstRetryMs;
    m_retryTimer.start(m_retryMs);
}

void PostgresDatabase::retry()
{
    QString why;
    if (!connectAndPrepare(&why)) {
        m_error = why.trimmed();
        m_retryMs = qMin(m_retryMs * 2, kMaxRetryMs);
        m_retryTimer.start(m_retryMs);
        updateGauges();
        return;
    }
    m_connected = true;
    m_error.clear();
    ++m_reconnects;
    m_checkTimer.start();
    qCInfo(lcCore).noquote() << QStringLiteral("%1: reconnected to PostgreSQL %2").arg(m_options.service, m_endpoint);
    updateGauges();
    emit linkChanged(true);
}

void PostgresDatabase::updateGauges()
{
    if (!m_options.metrics || m_options.service.isEmpty())
        return;
    const QString label = QStringLiteral("service=\"%1\"").arg(m_options.service);
    m_options.metrics->setGauge(QStringLiteral("homeport_%1_postgres_connected").arg(m_options.service), label, m_connected ? 1 : 0);
    m_options.metrics->setGauge(QStringLiteral("homeport_%1_postgres_reconnects").arg(m_options.service), label, double(m_reconnects));
}

} // namespace homeport::core
