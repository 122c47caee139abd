#pragma once
// SettingsPage: edits what homeport.ini holds (bind address, admin port, log level, each service's
// port, whether it starts at launch, its TLS certificate and key and its retention), the look
// (light, dark or the system's palette; the language) and the data dir, which it can move. Values set by a command-line flag
// or an environment variable win over the file (design.md, decision 5), so those fields say so
// and cannot be edited here.
// Thread affinity: the GUI thread (core::Settings belongs to it). Restarts go through
// ServiceCommands (queued).

#include "console_context.h"

#include <QHash>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace homeport::ui {

class ServiceCommands;

class SettingsPage : public QWidget
{
    Q_OBJECT
public:
    SettingsPage(const ConsoleContext &context, const QStringList &services, ServiceCommands *commands,
                 QWidget *parent = nullptr);

    // Services whose address changed in the last save and that are not stopped on purpose.
    QStringList pendingRestarts() const { return m_pendingRestarts; }
    // Empty when every field is valid; otherwise the first problem, as shown under the form.
    QString validationError() const;
    // True after a saved change that only applies at the next start of Homeport (language).
    bool appRestartPending() const { return m_appRestartPending; }
    QString messageText() const;

    // The languages offered: "" (the system's), then "en", "de", "hi".
    static QStringList languageCodes();

Q_SIGNALS:
    // The theme box changed: "system", "light" or "dark" (applied at once, saved at once).
    void themeChanged(const QString &mode);

public Q_SLOTS:
    // Reads every field from Settings again (drops unsaved edits).
    void load();
    // Writes changed, non-overridden fields through Settings::setValue. False if nothing could be
    // saved (invalid input or the file is not writable); the page shows why.
    bool save();
    void restartChangedServices();
    // Stops the services, moves the data to `target` and restarts them (ConsoleContext::moveDataDir).
    // The Move button asks first; this does not.
    bool moveDataDir(const QString &target);

private:
    struct ServiceRow {
        QCheckBox *enabled = nullptr;
        QSpinBox *port = nullptr;
        QLabel *source = nullptr;
        QLineEdit *tlsCert = nullptr;
        QLineEdit *tlsKey = nullptr;
        QSpinBox *retention = nullptr; // null for services that keep only what clients store
        QString retentionKey;
    };
    QWidget *buildAppearance();
    QWidget *buildSecurity(const QStringList &services);
    void showMessage(const QString &text, bool failure);

    // Disables a field whose effective value comes from a flag or the environment, and says so.
    QString describeSource(const QString &section, const QString &key, QWidget *field) const;
    void validate();

    ConsoleContext m_context;
    QStringList m_services;
    ServiceCommands *m_commands;

    QLineEdit *m_bind;
    QLabel *m_bindSource;
    QSpinBox *m_adminPort;
    QLabel *m_adminSource;
    QLineEdit *m_dataDir;
    QPushButton *m_move;
    QComboBox *m_logLevel;
    QComboBox *m_theme;
    QComboBox *m_language;
    QHash<QString, ServiceRow> m_rows;
    QLabel *m_error;
    QLabel *m_message;
    QPushButton *m_save;
    QPushButton *m_restart;
    QPushButton *m_restartApp;

    // The values as loaded, to write only what changed.
    QString m_loadedBind;
    int m_loadedAdminPort = 0;
    QString m_loadedDataDir;
    QHash<QString, int> m_loadedPorts;
    QHash<QString, bool> m_loadedEnabled;
    QHash<QString, QString> m_loadedText;   // "<service>/tls_cert" ... as loaded
    QHash<QString, int> m_loadedRetention;
    QString m_loadedLogLevel;
    QString m_loadedLanguage;
    QStringList m_pendingRestarts;
    bool m_appRestartPending = false;
};

} // namespace homeport::ui
