#pragma once
// ChannelsAppEditor: creates or edits one Channels app: name, enabled, its limits and its
// webhook (URL and which events). It only edits a copy; the page sends the result to the service
// through ChannelsMonitor::saveAppRequested. Id, key and secret are the service's to generate.
// Thread affinity: the GUI thread.

#include "channels/channels_monitor.h"
#include "editor_dialog.h"

#include <QHash>

class QCheckBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace homeport::ui {

class ChannelsAppEditor : public EditorDialog
{
    Q_OBJECT
public:
    // An `app` with an empty id means "new app".
    explicit ChannelsAppEditor(const channels::AppInfo &app, QWidget *parent = nullptr);

    // The edited copy (id, key and secret untouched).
    channels::AppInfo app() const;
    QString validate() const override;
    // The webhook events Pusher defines, in the order the dialog lists them.
    static QStringList webhookEventNames();

private:
    channels::AppInfo m_original;
    QLineEdit *m_name;
    QCheckBox *m_enabled;
    QSpinBox *m_maxConnections;
    QCheckBox *m_clientEvents;
    QSpinBox *m_clientEventRate;
    QSpinBox *m_maxPresenceMembers;
    QSpinBox *m_maxEventBytes;
    QSpinBox *m_maxChannelNameLength;
    QSpinBox *m_maxBackendEvents;
    QLineEdit *m_webhookUrl;
    QHash<QString, QCheckBox *> m_webhookEvents;
};

} // namespace homeport::ui
