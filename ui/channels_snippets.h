#pragma once
// ChannelsSnippets: ready-to-paste client settings for one Channels app. core's
// renderClientSettings() knows only the default app from secrets.json; the page needs the same
// shapes for any app the user creates, so they are rendered here from the app's own id, key and
// secret (same wording as core's, so the Connect dialog and this page agree).
// Thread affinity: none (pure functions).

#include "channels/channels_monitor.h"

#include <QCoreApplication>
#include <QString>

namespace homeport::ui {

class ChannelsSnippets
{
    Q_DECLARE_TR_FUNCTIONS(homeport::ui::ChannelsSnippets)
public:
    enum class Format { LaravelEnv, PusherJs, NodeServer, PythonServer, Shell };
    static QList<Format> formats();
    static QString formatTitle(Format format);
    // `secret` replaces the app's secret in the text (e.g. a mask while it is hidden); a null
    // string uses the real one.
    static QString render(Format format, const channels::AppInfo &app, const QString &host, quint16 port,
                          const QString &secret = QString());
};

} // namespace homeport::ui
