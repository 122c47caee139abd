#pragma once
// AppStore: the Pusher apps this server accepts (id, key, secret, limits, webhooks). Apps made in
// the dashboard live in <data dir>/apps.json (0600: it holds secrets); apps defined in the
// [channels] config section (`apps=id:key:secret[:name] ...`, with `webhook_url` and
// `webhook_events` for them, all events when that is empty) are added at start and win on an id
// clash. A dashboard edit of a config app (name, enabled, limits, webhooks) is kept in the same
// file under "config_app_edits" and applied over the config at the next start, while the config
// still lists the app; its id, key and secret always come from the config, so rotating them
// there takes effect. A first start creates the default app from the generated secrets (app_id,
// app_key, app_secret).
// With `[channels] database_url=postgresql://…` the apps live in PostgreSQL instead (table
// channels_apps, created and migrated through core::PostgresDatabase), shared by every node: the
// config's apps are written into it at start (their key and secret from the config, the rest as
// edited), the first node to start creates the default app, and every save or delete NOTIFYs the
// other nodes, whose service then calls reload(). apps.json is not used then.
// Thread affinity: the service's thread.

#include "channels_monitor.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QVariantMap>

#include <memory>

QT_FORWARD_DECLARE_CLASS(QUrl)

namespace homeport::core {
class Metrics;
class PostgresDatabase;
}

namespace homeport::channels {

class AppStore
{
public:
    AppStore();
    ~AppStore();

    // Loads apps.json (creating it with the default app when missing) or the shared database
    // ([channels] database_url), and the config's apps. Returns an empty string or why the apps
    // cannot be loaded. metrics (may be null) gets the database link's gauges.
    QString load(const QString &dataDir, const QVariantMap &settings, const QVariantMap &secrets,
                 core::Metrics *metrics = nullptr);
    // The shared database's link (its state, reconnects and other nodes' changes); null with apps.json.
    core::PostgresDatabase *sharedDatabase() const { return m_link.get(); }
    core::DatabaseStatus databaseStatus() const;
    // Reads the shared apps again (another node changed them, or the link came back); the apps
    // last read stay when that fails. Returns an empty string or why.
    QString reload();

    const AppInfo *byId(const QString &id) const;
    const AppInfo *byKey(const QString &key) const;
    QList<AppInfo> apps() const { return m_apps; }

    // Creates (empty id: id, key and secret generated) or replaces an app and writes the file.
    // Returns an empty string or the reason it failed; *saved gets the stored app.
    QString save(AppInfo app, AppInfo *saved = nullptr);
    QString remove(const QString &id);

    // Every webhook event Pusher defines.
    static QStringList webhookEventNames();

    static QJsonObject toJson(const AppInfo &app);
    static AppInfo fromJson(const QJsonObject &object);

private:
    QString write() const;
    QString loadShared(const QUrl &url, const QVariantMap &secrets, const QList<AppInfo> &configApps, core::Metrics *metrics);
    QString saveShared(const AppInfo &app, bool fresh);
    QString removeShared(const QString &id);

    QString m_path;
    QList<AppInfo> m_apps;
    QSet<QString> m_configApps;              // ids from the config section
    QHash<QString, AppInfo> m_configAppEdits; // config app id -> its dashboard edit, persisted
    std::unique_ptr<core::PostgresDatabase> m_link; // shared apps (database_url); null: apps.json
};

} // namespace homeport::channels
