#include "app_store.h"

#include "core/atomic_file.h"
#include "core/postgres_database.h"
#include "core/secrets.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace homeport::channels {

namespace {
const QString kFileName = QStringLiteral("apps.json");

// Shared apps (database_url): the channels component's migrations, its NOTIFY channel and the
// advisory lock under which a starting node creates the default app and writes the config's.
const QStringList kPostgresMigrations = {
    QStringLiteral("CREATE TABLE channels_apps(id TEXT PRIMARY KEY, key TEXT NOT NULL UNIQUE, secret TEXT NOT NULL,"
                   " name TEXT NOT NULL, enabled BOOLEAN NOT NULL, webhook_url TEXT NOT NULL,"
                   " webhook_events TEXT NOT NULL, limits TEXT NOT NULL)"),
};
const QString kAppsChannel = QStringLiteral("homeport_channels_apps");
constexpr qint64 kAppsLock = 0x486f6d65'00000003;

// apps=id:key:secret[:name], several separated by spaces or commas (QSettings may hand a list),
// with webhook_url and webhook_events for all of them.
QString configApps(const QVariantMap &settings, const QStringList &allEvents, QList<AppInfo> *out)
{
    const auto list = [&](const char *key) {
        const QVariant value = settings.value(QLatin1String(key));
        return value.typeId() == QMetaType::QStringList
                   ? value.toStringList()
                   : value.toString().split(QRegularExpression(QStringLiteral("[\\s,]+")), Qt::SkipEmptyParts);
    };
    const QStringList entries = list("apps");
    const QString webhookUrl = settings.value(QStringLiteral("webhook_url")).toString();
    QStringList webhookEvents = list("webhook_events");
    if (webhookEvents.isEmpty())
        webhookEvents = allEvents;
    for (const QString &entry : entries) {
        const QStringList parts = entry.trimmed().split(QLatin1Char(':'));
        if (parts.size() < 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty())
            return QStringLiteral("the [channels] apps entry '%1' is not id:key:secret[:name]").arg(entry);
        AppInfo app;
        app.id = parts[0];
        app.key = parts[1];
        app.secret = parts[2];
        app.name = parts.value(3, app.id);
        if (!webhookUrl.isEmpty()) {
            app.webhookUrl = webhookUrl;
            app.webhookEvents = webhookEvents;
        }
        out->append(app);
    }
    return {};
}

void bindApp(QSqlQuery &query, const AppInfo &app)
{
    const QJsonObject json = AppStore::toJson(app);
    const auto text = [](const QString &value) { return value.isNull() ? QStringLiteral("") : value; };
    query.addBindValue(app.id);
    query.addBindValue(app.key);
    query.addBindValue(app.secret);
    query.addBindValue(text(app.name));
    query.addBindValue(app.enabled);
    query.addBindValue(text(app.webhookUrl));
    query.addBindValue(QString::fromUtf8(QJsonDocument(json.value(QStringLiteral("webhook_events")).toArray()).toJson(QJsonDocument::Compact)));
    query.addBindValue(QString::fromUtf8(QJsonDocument(json.value(QStringLiteral("limits")).toObject()).toJson(QJsonDocument::Compact)));
}

const QString kAppColumns = QStringLiteral("id, key, secret, name, enabled, webhook_url, webhook_events, limits");

QString newAppId(const QList<AppInfo> &apps)
{
    for (;;) {
        const QString id = QString::number(QRandomGenerator::system()->bounded(100000, 999999));
        if (std::none_of(apps.begin(), apps.end(), [&](const AppInfo &a) { return a.id == id; }))
            return id;
    }
}
} // namespace

QStringList AppStore::webhookEventNames()
{
    return {QStringLiteral("channel_occupied"), QStringLiteral("channel_vacated"), QStringLiteral("member_added"),
            QStringLiteral("member_removed"),   QStringLiteral("client_event"),    QStringLiteral("cache_miss"),
            QStringLiteral("subscription_count")};
}

QJsonObject AppStore::toJson(const AppInfo &app)
{
    const AppLimits &l = app.limits;
    return QJsonObject{
        {QStringLiteral("id"), app.id},
        {QStringLiteral("key"), app.key},
        {QStringLiteral("secret"), app.secret},
        {QStringLiteral("name"), app.name},
        {QStringLiteral("enabled"), app.enabled},
        {QStringLiteral("webhook_url"), app.webhookUrl},
        {QStringLiteral("webhook_events"), QJsonArray::fromStringList(app.webhookEvents)},
        {QStringLiteral("limits"),
         QJsonObject{
             {QStringLiteral("max_connections"), l.maxConnections},
             {QStringLiteral("client_events"), l.clientEvents},
             {QStringLiteral("max_client_events_per_second"), l.maxClientEventsPerSecond},
             {QStringLiteral("max_presence_members"), l.maxPresenceMembers},
             {QStringLiteral("max_event_bytes"), l.maxEventBytes},
             {QStringLiteral("max_channel_name_length"), l.maxChannelNameLength},
             {QStringLiteral("max_backend_events_per_second"), l.maxBackendEventsPerSecond},
         }},
    };
}

AppInfo AppStore::fromJson(const QJsonObject &object)
{
    AppInfo app;
    app.id = object.value(QStringLiteral("id")).toString();
    app.key = object.value(QStringLiteral("key")).toString();
    app.secret = object.value(QStringLiteral("secret")).toString();
    app.name = object.value(QStringLiteral("name")).toString();
    app.enabled = object.value(QStringLiteral("enabled")).toBool(true);
    app.webhookUrl = object.value(QStringLiteral("webhook_url")).toString();
    for (const QJsonValue &event : object.value(QStringLiteral("webhook_events")).toArray())
        app.webhookEvents.append(event.toString());
    const QJsonObject limits = object.value(QStringLiteral("limits")).toObject();
    AppLimits &l = app.limits;
    l.maxConnections = limits.value(QStringLiteral("max_connections")).toInt(l.maxConnections);
    l.clientEvents = limits.value(QStringLiteral("client_events")).toBool(l.clientEvents);
    l.maxClientEventsPerSecond = limits.value(QStringLiteral("max_client_events_per_second")).toInt(l.maxClientEventsPerSecond);
    l.maxPresenceMembers = limits.value(QStringLiteral("max_presence_members")).toInt(l.maxPresenceMembers);
    l.maxEventBytes = limits.value(QStringLiteral("max_event_bytes")).toInt(l.maxEventBytes);
    l.maxChannelNameLength = limits.value(QStringLiteral("max_channel_name_length")).toInt(l.maxChannelNameLength);
    l.maxBackendEventsPerSecond = limits.value(QStringLiteral("max_backend_events_per_second")).toInt(l.maxBackendEventsPerSecond);
    return app;
}

AppStore::AppStore() = default;

AppStore::~AppStore() = default;

core::DatabaseStatus AppStore::databaseStatus() const
{
    return m_link ? m_link->status() : core::DatabaseStatus{};
}

QString AppStore::load(const QString &dataDir, const QVariantMap &settings, const QVariantMap &secrets, core::Metrics *metrics)
{
    m_path = QDir(dataDir).filePath(kFileName);
    m_apps.clear();
    m_configApps.clear();
    m_configAppEdits.clear();
    m_link.reset();
    QList<AppInfo> fromConfig;
    if (const QString error = configApps(settings, webhookEventNames(), &fromConfig); !error.isEmpty())
        return error;
    const QString databaseUrl = settings.value(QStringLiteral("database_url")).toString().trimmed();
    if (!databaseUrl.isEmpty()) {
        const QUrl url(databaseUrl);
        if (!core::PostgresDatabase::isPostgresUrl(url))
            return QStringLiteral("[channels] database_url must be postgresql://user:pass@host:port/db");
        return loadShared(url, secrets, fromConfig, metrics);
    }

    QHash<QString, AppInfo> storedEdits;
    QFile file(m_path);
    if (file.exists()) {
        if (!file.open(QIODevice::ReadOnly))
            return QStringLiteral("cannot read %1: %2").arg(m_path, file.errorString());
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
        if (error.error != QJsonParseError::NoError)
            return QStringLiteral("%1 is not valid JSON: %2").arg(m_path, error.errorString());
        for (const QJsonValue &value : document.object().value(QStringLiteral("apps")).toArray())
            m_apps.append(fromJson(value.toObject()));
        for (const QJsonValue &value : document.object().value(QStringLiteral("config_app_edits")).toArray()) {
            const AppInfo edit = fromJson(value.toObject());
            storedEdits.insert(edit.id, edit);
        }
    } else {
        AppInfo app;
        app.id = secrets.value(QStringLiteral("app_id")).toString();
        app.key = secrets.value(QStringLiteral("app_key")).toString();
        app.secret = secrets.value(QStringLiteral("app_secret")).toString();
        app.name = QStringLiteral("Default");
        if (app.id.isEmpty() || app.key.isEmpty() || app.secret.isEmpty())
            return QStringLiteral("the channels secrets (app_id, app_key, app_secret) are missing");
        m_apps.append(app);
        if (const QString error = write(); !error.isEmpty())
            return error;
    }

    for (AppInfo app : std::as_const(fromConfig)) {
        if (const auto edit = storedEdits.constFind(app.id); edit != storedEdits.cend()) {
            AppInfo edited = *edit;
            edited.key = app.key;
            edited.secret = app.secret;
            app = edited;
            m_configAppEdits.insert(app.id, app);
        }
        m_apps.removeIf([&](const AppInfo &a) { return a.id == app.id || a.key == app.key; });
        m_apps.append(app);
        m_configApps.insert(app.id);
    }
    return {};
}

QString AppStore::loadShared(const QUrl &url, const QVariantMap &secrets, const QList<AppInfo> &fromConfig, core::Metrics *metrics)
{
    core::PostgresDatabase::Options options;
    options.url = url;
    options.connectionName = QStringLiteral("homeport-channels-%1").arg(QUuid::createUuid().toString(QUuid::Id128));
    options.component = QStringLiteral("channels");
    options.migrations = kPostgresMigrations;
    options.notificationChannel = kAppsChannel;
    options.service = QStringLiteral("channels");
    options.metrics = metrics;
    auto link = std::make_unique<core::PostgresDatabase>(options);
    QString error;
    if (!link->open(&error))
        return QStringLiteral("the channels apps cannot be used: %1").arg(error);
    const QSqlDatabase db = link->database();
    // One starting node at a time: the first creates the default app; the config's apps win on
    // their id (key and secret) and take their key from any other app.
    const bool written = link->inLockedTransaction(kAppsLock, [&](QString *error) {
        QSqlQuery query(db);
        const auto failed = [&] {
            *error = query.lastError().text();
            return false;
        };
        if (!query.exec(QStringLiteral("SELECT count(*) FROM channels_apps")) || !query.next())
            return failed();
        if (query.value(0).toLongLong() == 0) {
            AppInfo app;
            app.id = secrets.value(QStringLiteral("app_id")).toString();
            app.key = secrets.value(QStringLiteral("app_key")).toString();
            app.secret = secrets.value(QStringLiteral("app_secret")).toString();
            app.name = QStringLiteral("Default");
            if (app.id.isEmpty() || app.key.isEmpty() || app.secret.isEmpty()) {
                *error = QStringLiteral("the channels secrets (app_id, app_key, app_secret) are missing");
                return false;
            }
            if (std::none_of(fromConfig.begin(), fromConfig.end(), [&](const AppInfo &a) { return a.id == app.id || a.key == app.key; })) {
                query.prepare(QStringLiteral("INSERT INTO channels_apps(%1) VALUES(?,?,?,?,?,?,?,?)").arg(kAppColumns));
                bindApp(query, app);
                if (!query.exec())
                    return failed();
            }
        }
        for (const AppInfo &app : fromConfig) {
            query.prepare(QStringLiteral("DELETE FROM channels_apps WHERE key = ? AND id <> ?"));
            query.addBindValue(app.key);
            query.addBindValue(app.id);
            if (!query.exec())
                return failed();
            query.prepare(QStringLiteral("INSERT INTO channels_apps(%1) VALUES(?,?,?,?,?,?,?,?)"
                                         " ON CONFLICT(id) DO UPDATE SET key = excluded.key, secret = excluded.secret")
                              .arg(kAppColumns));
            bindApp(query, app);
            if (!query.exec())
                return failed();
        }
        return true;
    }, &error);
    if (!written)
        return QStringLiteral("cannot write the channels apps into postgresql://%1: %2").arg(link->status().endpoint, error);
    m_link = std::move(link);
    if (!fromConfig.isEmpty())
        m_link->notify(QStringLiteral("config"));
    if (const QString readError = reload(); !readError.isEmpty()) {
        m_link.reset();
        return readError;
    }
    return {};
}

QString AppStore::reload()
{
    if (!m_link)
        return {};
    QSqlQuery query(m_link->database());
    if (!query.exec(QStringLiteral("SELECT %1 FROM channels_apps ORDER BY id").arg(kAppColumns))) {
        const QString error = query.lastError().text();
        m_link->checkLink();
        return QStringLiteral("cannot read the channels apps: %1").arg(error);
    }
    QList<AppInfo> apps;
    while (query.next()) {
        QJsonObject object{
            {QStringLiteral("id"), query.value(0).toString()},
            {QStringLiteral("key"), query.value(1).toString()},
            {QStringLiteral("secret"), query.value(2).toString()},
            {QStringLiteral("name"), query.value(3).toString()},
            {QStringLiteral("enabled"), query.value(4).toBool()},
            {QStringLiteral("webhook_url"), query.value(5).toString()},
            {QStringLiteral("webhook_events"), QJsonDocument::fromJson(query.value(6).toString().toUtf8()).array()},
            {QStringLiteral("limits"), QJsonDocument::fromJson(query.value(7).toString().toUtf8()).object()},
        };
        apps.append(fromJson(object));
    }
    m_apps = apps;
    return {};
}

QString AppStore::saveShared(const AppInfo &app, bool fresh)
{
    QSqlQuery query(m_link->database());
    // A new app's id is random: a clash with another node's new app fails instead of replacing it.
    query.prepare(fresh ? QStringLiteral("INSERT INTO channels_apps(%1) VALUES(?,?,?,?,?,?,?,?)").arg(kAppColumns)
                        : QStringLiteral("INSERT INTO channels_apps(%1) VALUES(?,?,?,?,?,?,?,?)"
                                         " ON CONFLICT(id) DO UPDATE SET key = excluded.key, secret = excluded.secret,"
                                         " name = excluded.name, enabled = excluded.enabled, webhook_url = excluded.webhook_url,"
                                         " webhook_events = excluded.webhook_events, limits = excluded.limits")
                              .arg(kAppColumns));
    bindApp(query, app);
    if (!query.exec()) {
        const QString error = query.lastError().text();
        m_link->checkLink();
        return m_link->isConnected() ? error : QStringLiteral("PostgreSQL is unreachable (%1)").arg(error);
    }
    m_link->notify(QStringLiteral("saved %1").arg(app.id));
    return reload();
}

QString AppStore::removeShared(const QString &id)
{
    QSqlQuery query(m_link->database());
    query.prepare(QStringLiteral("DELETE FROM channels_apps WHERE id = ?"));
    query.addBindValue(id);
    if (!query.exec()) {
        const QString error = query.lastError().text();
        m_link->checkLink();
        return error;
    }
    if (query.numRowsAffected() == 0)
        return QStringLiteral("there is no app %1").arg(id);
    m_link->notify(QStringLiteral("deleted %1").arg(id));
    return reload();
}

const AppInfo *AppStore::byId(const QString &id) const
{
    for (const AppInfo &app : m_apps)
        if (app.id == id)
            return &app;
    return nullptr;
}

const AppInfo *AppStore::byKey(const QString &key) const
{
    for (const AppInfo &app : m_apps)
        if (app.key == key)
            return &app;
    return nullptr;
}

QString AppStore::save(AppInfo app, AppInfo *saved)
{
    const bool fresh = app.id.isEmpty();
    if (fresh)
        app.id = newAppId(m_apps);
    if (app.key.isEmpty())
        app.key = core::Secrets::randomToken(20, u"0123456789abcdef");
    if (app.secret.isEmpty())
        app.secret = core::Secrets::randomToken(20, u"0123456789abcdef");
    if (app.name.isEmpty())
        app.name = app.id;
    for (const AppInfo &other : m_apps)
        if (other.id != app.id && other.key == app.key)
            return QStringLiteral("the key %1 belongs to app %2").arg(app.key, other.id);
    if (m_link) {
        if (const QString error = saveShared(app, fresh); !error.isEmpty())
            return error;
        if (saved)
            *saved = app;
        return {};
    }
    const QList<AppInfo> before = m_apps;
    const auto existing = std::find_if(m_apps.cbegin(), m_apps.cend(), [&](const AppInfo &a) { return a.id == app.id; });
    if (existing != m_apps.cend())
        m_apps[existing - m_apps.cbegin()] = app;
    else
        m_apps.append(app);
    const QHash<QString, AppInfo> editsBefore = m_configAppEdits;
    if (m_configApps.contains(app.id))
        m_configAppEdits.insert(app.id, app);
    if (const QString error = write(); !error.isEmpty()) {
        m_apps = before;
        m_configAppEdits = editsBefore;
        return error;
    }
    if (saved)
        *saved = app;
    return {};
}

QString AppStore::remove(const QString &id)
{
    if (m_link)
        return removeShared(id);
    const QList<AppInfo> before = m_apps;
    const QHash<QString, AppInfo> editsBefore = m_configAppEdits;
    if (!m_apps.removeIf([&](const AppInfo &a) { return a.id == id; }))
        return QStringLiteral("there is no app %1").arg(id);
    m_configAppEdits.remove(id); // a config app comes back from the config at the next start, unedited
    if (const QString error = write(); !error.isEmpty()) {
        m_apps = before;
        m_configAppEdits = editsBefore;
        return error;
    }
    return {};
}

QString AppStore::write() const
{
    QJsonArray apps;
    for (const AppInfo &app : m_apps)
        if (!m_configApps.contains(app.id))
            apps.append(toJson(app));
    QJsonObject document{{QStringLiteral("apps"), apps}};
    QJsonArray edits;
    for (const AppInfo &app : m_configAppEdits) {
        QJsonObject edit = toJson(app);
        edit.remove(QStringLiteral("key")); // both come from the config; no second copy of the secret
        edit.remove(QStringLiteral("secret"));
        edits.append(edit);
    }
    if (!edits.isEmpty())
        document.insert(QStringLiteral("config_app_edits"), edits);
    return core::writeFileAtomically(m_path, QJsonDocument(document).toJson(), 0600);
}

} // namespace homeport::channels
