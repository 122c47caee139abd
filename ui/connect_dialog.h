#pragma once
// ConnectDialog: the ready-to-paste settings that point an app at one Homeport service, in the
// shapes Laravel (.env), Node, Python and a shell expect, with the real host, port and keys.
// Thread affinity: the GUI thread.

#include "core/client_env.h"
#include "core/service.h"

#include <QDialog>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;

namespace homeport::ui {

class ConnectDialog : public QDialog
{
    Q_OBJECT
public:
    // `settings` is what ConsoleContext::clientSettings returned a moment ago; `status` lets the
    // dialog warn when the service is not running yet.
    ConnectDialog(const QString &service, const core::ClientSettings &settings, const core::ServiceStatus &status,
                  QWidget *parent = nullptr);

    QString service() const { return m_service; }
    // The text shown for one format (what Copy puts on the clipboard on that tab).
    QString settingsText(core::EnvFormat format) const;
    core::EnvFormat currentFormat() const;
    void setCurrentFormat(core::EnvFormat format);

public Q_SLOTS:
    void copyCurrent();

private:
    QString m_service;
    QTabWidget *m_tabs;
    QList<QPlainTextEdit *> m_texts; // indexed like kFormats in the .cpp
    QPushButton *m_copyButton;
    QLabel *m_copied;
};

} // namespace homeport::ui
