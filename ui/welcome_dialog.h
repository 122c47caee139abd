#pragma once
// WelcomeDialog: what the first start shows: the five services coming up with their live state
// and endpoint, the Connect snippets for the whole stack, Start all, and "don't show this again"
// (kept as [console] show_welcome in homeport.ini). Non-modal, so the services stay watchable.
// Thread affinity: the GUI thread. Follows ServiceHost::statusChanged; commands go through
// ServiceCommands (queued).

#include "console_context.h"
#include "core/service.h"

#include <QDialog>
#include <QHash>

class QCheckBox;
class QComboBox;
class QLabel;
class QPlainTextEdit;

namespace homeport::ui {

class ServiceCommands;
class StateLight;

class WelcomeDialog : public QDialog
{
    Q_OBJECT
public:
    WelcomeDialog(const ConsoleContext &context, const QStringList &services, ServiceCommands *commands,
                  QWidget *parent = nullptr);

    // Whether the first-start welcome should open: true until "don't show again" was saved.
    static bool wanted(const ConsoleContext &context);

    QString stateText(const QString &service) const;
    QString endpointText(const QString &service) const;
    QString snippetText() const;
    QCheckBox *dontShowAgain() const { return m_dontShow; }

public Q_SLOTS:
    void setStatus(const homeport::core::ServiceStatus &status);
    void done(int result) override;

private:
    struct Row {
        StateLight *light = nullptr;
        QLabel *state = nullptr;
        QLabel *endpoint = nullptr;
    };
    void showSnippet();

    ConsoleContext m_context;
    QHash<QString, Row> m_rows;
    QComboBox *m_format;
    QPlainTextEdit *m_snippet;
    QCheckBox *m_dontShow;
};

} // namespace homeport::ui
