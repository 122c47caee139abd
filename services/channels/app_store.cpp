#include "app_store.h"

#include "core/atomic_file.h"
#include "core/secrets.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QRegularExpression>

namespace homeport::channels {

namespace {
const QString kFileName = QStringLiteral("apps.json");

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

QString AppStore::load(const QString &dataDir, const QVariantMap &settings, const QVariantMap &secrets)
{
    m_path = QDir(dataDir).filePath(kFileName);
    m_apps.clear();
    m_configApps.clear();
    m_configAppEdits.clear();
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

    // apps=id:key:secret[:name], several separated by spaces or commas (QSettings may hand a list).
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
        webhookEvents = webhookEventNames();
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
    if (app.id.isEmpty())
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
