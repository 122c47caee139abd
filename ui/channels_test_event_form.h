#pragma once
// ChannelsTestEventForm: sends one event to a channel, as a server SDK's trigger() would, to see
// it arrive in a client and in the debug console. Checks what the REST API would reject (channel
// name, event name, JSON data, size) before asking, so the mistake is shown where it was typed.
// Thread affinity: the GUI thread. Emits triggerRequested; the page forwards it to the monitor.

#include "channels/channels_monitor.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace homeport::ui {

class ChannelsTestEventForm : public QWidget
{
    Q_OBJECT
public:
    explicit ChannelsTestEventForm(QWidget *parent = nullptr);

    // Keeps the chosen app when it still exists.
    void setApps(const QList<channels::AppInfo> &apps);
    QString currentAppId() const;
    void setCurrentAppId(const QString &appId);
    // Empty when the form can be sent, else what to fix.
    QString validate() const;
    QString message() const;

    // Pusher's channel-name rule: ASCII letters, digits and _ - = @ , . ;
    static bool isValidChannelName(const QString &name);
    // Any JSON value (Pusher's data is a string; SDKs send JSON text).
    static bool isValidJson(const QString &text, QString *error = nullptr);

public Q_SLOTS:
    // Validates, then emits triggerRequested and confirms; returns whether it was sent.
    bool send();

Q_SIGNALS:
    void triggerRequested(const QString &appId, const QString &channel, const QString &event, const QString &data);

private:
    void showMessage(const QString &text, bool error);
    channels::AppInfo currentApp() const;

    QList<channels::AppInfo> m_apps;
    QComboBox *m_app;
    QLineEdit *m_channel;
    QLineEdit *m_event;
    QPlainTextEdit *m_data;
    QPushButton *m_send;
    QLabel *m_message;
};

} // namespace homeport::ui
