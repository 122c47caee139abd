#include "errors_project_editor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QVBoxLayout>

namespace homeport::ui {

namespace {
constexpr int kSpinWidth = 150;
}

QStringList ErrorsProjectEditor::platforms()
{
    return {QStringLiteral("node"),   QStringLiteral("python"), QStringLiteral("php"),
            QStringLiteral("javascript"), QStringLiteral("java"), QStringLiteral("go"),
            QStringLiteral("ruby"),   QStringLiteral("csharp"), QStringLiteral("native"),
            QStringLiteral("other")};
}

ErrorsProjectEditor::ErrorsProjectEditor(const errors::ProjectInfo &project, QWidget *parent)
    : EditorDialog(parent)
    , m_original(project)
    , m_name(new QLineEdit(project.name, this))
    , m_platform(new QComboBox(this))
    , m_webhooks(new QPlainTextEdit(this))
    , m_slackFormat(new QCheckBox(tr("Slack-compatible payload (incoming webhooks)"), this))
{
    setObjectName(QStringLiteral("errorsProjectEditor"));
    const bool creating = project.id == 0;
    createFooter(creating);
    setWindowTitle(creating ? tr("New errors project") : tr("Edit project “%1”").arg(project.name));
    setMinimumWidth(520);

    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_name->setPlaceholderText(tr("e.g. shop-backend"));
    m_platform->setObjectName(QStringLiteral("platformCombo"));
    m_platform->setEditable(true);
    m_platform->addItems(platforms());
    m_platform->setCurrentText(project.platform.isEmpty() ? QStringLiteral("other") : project.platform);

    auto *projectBox = new QGroupBox(tr("Project"), this);
    auto *projectForm = new QFormLayout(projectBox);
    projectForm->addRow(tr("Name:"), m_name);
    projectForm->addRow(tr("Platform:"), m_platform);
    if (creating) {
        projectForm->addRow(QString(), makeNote(tr("The project id and its DSN key are generated when the project "
                                                   "is created."),
                                                projectBox));
    } else {
        QLabel *id = makeIdLabel(
            tr("%1 · keys %2").arg(QString::number(project.id), project.keys.join(QStringLiteral(", "))), projectBox);
        id->setWordWrap(true);
        projectForm->addRow(tr("Project id:"), id);
    }

    auto *limitsBox = new QGroupBox(tr("Limits and retention"), this);
    m_eventsPerMinute = makeSpinBox(0, 10'000'000, project.eventsPerMinute, QStringLiteral("eventsPerMinuteSpin"),
                                    kSpinWidth, limitsBox);
    m_eventsPerMinute->setSpecialValueText(tr("unlimited"));
    m_eventsPerMinute->setSuffix(tr(" events/min"));
    m_eventsPerMinute->setToolTip(tr("Above this, SDKs are answered 429 with Retry-After and back off."));
    m_retentionDays = makeSpinBox(1, 3650, project.retentionDays, QStringLiteral("retentionDaysSpin"),
                                  kSpinWidth, limitsBox);
    m_retentionDays->setSuffix(tr(" days"));
    m_maxEvents = makeSpinBox(1, 100'000'000, project.maxEvents, QStringLiteral("maxEventsSpin"),
                              kSpinWidth, limitsBox);
    m_maxEvents->setSuffix(tr(" events"));
    m_maxEvents->setSingleStep(1000);
    auto *limitsForm = new QFormLayout(limitsBox);
    limitsForm->addRow(tr("Rate limit:"), m_eventsPerMinute);
    limitsForm->addRow(tr("Keep events for:"), m_retentionDays);
    limitsForm->addRow(tr("Keep at most:"), m_maxEvents);

    auto *alertsBox = new QGroupBox(tr("Alerts"), this);
    m_webhooks->setObjectName(QStringLiteral("webhooksEdit"));
    m_webhooks->setPlaceholderText(tr("One URL per line, e.g. https://hooks.slack.com/services/…"));
    m_webhooks->setPlainText(project.alertWebhooks.join(QLatin1Char('\n')));
    m_webhooks->setFixedHeight(m_webhooks->fontMetrics().height() * 4 + 12);
    m_slackFormat->setObjectName(QStringLiteral("slackFormatCheck"));
    m_slackFormat->setChecked(project.slackFormat);
    QLabel *alertsNote = makeNote(tr("A JSON notification is POSTed to each URL when a new issue appears and when a "
                                     "resolved issue comes back (a regression)."),
                                  alertsBox);
    auto *alertsLayout = new QVBoxLayout(alertsBox);
    alertsLayout->addWidget(m_webhooks);
    alertsLayout->addWidget(m_slackFormat);
    alertsLayout->addWidget(alertsNote);

    QVBoxLayout *layout = createLayout();
    layout->insertWidget(0, projectBox);
    layout->insertWidget(1, limitsBox);
    layout->insertWidget(2, alertsBox);
    m_name->setFocus();
}

QStringList ErrorsProjectEditor::webhookLines() const
{
    QStringList urls;
    for (const QString &line : m_webhooks->toPlainText().split(QLatin1Char('\n'))) {
        const QString url = line.trimmed();
        if (!url.isEmpty())
            urls << url;
    }
    return urls;
}

errors::ProjectInfo ErrorsProjectEditor::project() const
{
    errors::ProjectInfo p = m_original;
    p.name = m_name->text().trimmed();
    p.platform = m_platform->currentText().trimmed();
    p.eventsPerMinute = m_eventsPerMinute->value();
    p.retentionDays = m_retentionDays->value();
    p.maxEvents = m_maxEvents->value();
    p.alertWebhooks = webhookLines();
    p.slackFormat = m_slackFormat->isChecked();
    return p;
}

QString ErrorsProjectEditor::validate() const
{
    if (m_name->text().trimmed().isEmpty())
        return tr("Give the project a name.");
    for (const QString &url : webhookLines()) {
        if (!isWebAddress(url))
            return tr("“%1” is not an http:// or https:// address.").arg(url);
    }
    return {};
}

} // namespace homeport::ui
