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
// Thread affinity: the service's thread.

#include "channels_monitor.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QVariantMap>

namespace homeport::channels {

class AppStore
{
public:
    // Loads apps.json (creating it with the default app when missing) and the config's apps.
    // Returns an empty string or why the apps cannot be loaded.
    QString load(const QString &dataDir, const QVariantMap &settings, const QVariantMap &secrets);

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

    QString m_path;
    QList<AppInfo> m_apps;
    QSet<QString> m_configApps;              // ids from the config section
    QHash<QString, AppInfo> m_configAppEdits; // config app id -> its dashboard edit, persisted
};

} // namespace homeport::channels
