#pragma once
// ErrorsProjectEditor: creates or edits one errors project: name, platform, rate limit,
// retention (days and event count) and alert webhooks. It only edits a copy; the page sends the
// result through ErrorsMonitor::saveProjectRequested. Id and DSN keys are the service's to make.
// Thread affinity: the GUI thread.

#include "errors/errors_monitor.h"
#include "editor_dialog.h"


class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;

namespace homeport::ui {

class ErrorsProjectEditor : public EditorDialog
{
    Q_OBJECT
public:
    // A `project` with id 0 means "new project".
    explicit ErrorsProjectEditor(const errors::ProjectInfo &project, QWidget *parent = nullptr);

    // The edited copy (id and keys untouched).
    errors::ProjectInfo project() const;
    QString validate() const override;
    // The platforms Sentry SDKs report, offered in the platform box (any other word is allowed).
    static QStringList platforms();

private:
    QStringList webhookLines() const;

    errors::ProjectInfo m_original;
    QLineEdit *m_name;
    QComboBox *m_platform;
    QSpinBox *m_eventsPerMinute;
    QSpinBox *m_retentionDays;
    QSpinBox *m_maxEvents;
    QPlainTextEdit *m_webhooks;
    QCheckBox *m_slackFormat;
};

} // namespace homeport::ui
