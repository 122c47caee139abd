#pragma once
// SettingsPage: edits what homeport.ini holds (bind address, admin port, each service's port
// and whether it starts at launch) and the preferred data dir. Values set by a command-line flag
// or an environment variable win over the file (design.md, decision 5), so those fields say so
// and cannot be edited here.
// Thread affinity: the GUI thread (core::Settings belongs to it). Restarts go through
// ServiceCommands (queued).

#include "console_context.h"

#include <QHash>
#include <QWidget>

class QCheckBox;
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

public Q_SLOTS:
    // Reads every field from Settings again (drops unsaved edits).
    void load();
    // Writes changed, non-overridden fields through Settings::setValue. False if nothing could be
    // saved (invalid input or the file is not writable); the page shows why.
    bool save();
    void restartChangedServices();

private:
    struct ServiceRow {
        QCheckBox *enabled = nullptr;
        QSpinBox *port = nullptr;
        QLabel *source = nullptr;
    };

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
    QHash<QString, ServiceRow> m_rows;
    QLabel *m_error;
    QLabel *m_message;
    QPushButton *m_save;
    QPushButton *m_restart;

    // The values as loaded, to write only what changed.
    QString m_loadedBind;
    int m_loadedAdminPort = 0;
    QString m_loadedDataDir;
    QHash<QString, int> m_loadedPorts;
    QHash<QString, bool> m_loadedEnabled;
    QStringList m_pendingRestarts;
};

} // namespace homeport::ui
