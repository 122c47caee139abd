#include "channels_app_editor.h"

#include "theme.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QUrl>
#include <QVBoxLayout>

namespace homeport::ui {

namespace {
QSpinBox *makeSpin(int min, int max, int value, const QString &objectName, QWidget *parent)
{
    auto *spin = new QSpinBox(parent);
    spin->setObjectName(objectName);
    spin->setRange(min, max);
    spin->setValue(value);
    spin->setGroupSeparatorShown(true);
    spin->setMinimumWidth(130);
    return spin;
}
} // namespace

QStringList ChannelsAppEditor::webhookEventNames()
{
    return {QStringLiteral("channel_occupied"), QStringLiteral("channel_vacated"), QStringLiteral("member_added"),
            QStringLiteral("member_removed"),   QStringLiteral("client_event"),    QStringLiteral("cache_miss"),
            QStringLiteral("subscription_count")};
}

ChannelsAppEditor::ChannelsAppEditor(const channels::AppInfo &app, QWidget *parent)
    : QDialog(parent)
    , m_original(app)
    , m_name(new QLineEdit(app.name, this))
    , m_enabled(new QCheckBox(tr("Enabled (clients may connect)"), this))
    , m_error(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("channelsAppEditor"));
    const bool creating = app.id.isEmpty();
    setWindowTitle(creating ? tr("New Channels app") : tr("Edit app “%1”").arg(app.name));

    const channels::AppLimits &l = app.limits;
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_name->setPlaceholderText(tr("e.g. my-laravel-app"));
    m_enabled->setObjectName(QStringLiteral("enabledCheck"));
    m_enabled->setChecked(app.enabled);

    // App.
    auto *appBox = new QGroupBox(tr("App"), this);
    auto *appForm = new QFormLayout(appBox);
    appForm->addRow(tr("Name:"), m_name);
    appForm->addRow(QString(), m_enabled);
    if (creating) {
        auto *note = new QLabel(tr("The id, key and secret are generated when the app is created."), appBox);
        note->setObjectName(QStringLiteral("hint"));
        note->setWordWrap(true);
        appForm->addRow(QString(), note);
    } else {
        auto *id = new QLabel(tr("%1 · key %2").arg(app.id, app.key), appBox);
        id->setFont(Theme::monospaceFont());
        id->setTextInteractionFlags(Qt::TextSelectableByMouse);
        appForm->addRow(tr("App id:"), id);
    }

    // Limits.
    auto *limitsBox = new QGroupBox(tr("Limits"), this);
    m_maxConnections = makeSpin(0, 10'000'000, l.maxConnections, QStringLiteral("maxConnectionsSpin"), limitsBox);
    m_maxConnections->setSpecialValueText(tr("unlimited"));
    m_clientEvents = new QCheckBox(tr("Allow client events"), limitsBox);
    m_clientEvents->setObjectName(QStringLiteral("clientEventsCheck"));
    m_clientEvents->setToolTip(tr("client-* events sent by browsers on private and presence channels"));
    m_clientEvents->setChecked(l.clientEvents);
    m_clientEventRate = makeSpin(1, 10'000, std::max(1, l.maxClientEventsPerSecond),
                                 QStringLiteral("clientEventRateSpin"), limitsBox);
    m_clientEventRate->setSuffix(tr(" per second"));
    m_clientEventRate->setEnabled(l.clientEvents);
    connect(m_clientEvents, &QCheckBox::toggled, m_clientEventRate, &QWidget::setEnabled);
    m_maxPresenceMembers = makeSpin(1, 100'000, l.maxPresenceMembers, QStringLiteral("maxPresenceMembersSpin"),
                                    limitsBox);
    m_maxEventBytes = makeSpin(64, 10 * 1024 * 1024, l.maxEventBytes, QStringLiteral("maxEventBytesSpin"), limitsBox);
    m_maxEventBytes->setSuffix(tr(" bytes"));
    m_maxEventBytes->setSingleStep(1024);
    m_maxChannelNameLength = makeSpin(8, 1024, l.maxChannelNameLength, QStringLiteral("maxChannelNameLengthSpin"),
                                      limitsBox);
    m_maxChannelNameLength->setSuffix(tr(" characters"));
    m_maxBackendEvents = makeSpin(0, 1'000'000, l.maxBackendEventsPerSecond, QStringLiteral("maxBackendEventsSpin"),
                                  limitsBox);
    m_maxBackendEvents->setSpecialValueText(tr("unlimited"));
    m_maxBackendEvents->setSuffix(tr(" per second"));
    auto *limitsForm = new QFormLayout(limitsBox);
    limitsForm->addRow(tr("Max connections:"), m_maxConnections);
    limitsForm->addRow(QString(), m_clientEvents);
    limitsForm->addRow(tr("Client events:"), m_clientEventRate);
    limitsForm->addRow(tr("Max presence members:"), m_maxPresenceMembers);
    limitsForm->addRow(tr("Max event size:"), m_maxEventBytes);
    limitsForm->addRow(tr("Max channel name:"), m_maxChannelNameLength);
    limitsForm->addRow(tr("REST publishes:"), m_maxBackendEvents);

    // Webhooks.
    auto *hooksBox = new QGroupBox(tr("Webhooks"), this);
    m_webhookUrl = new QLineEdit(app.webhookUrl, hooksBox);
    m_webhookUrl->setObjectName(QStringLiteral("webhookUrlEdit"));
    m_webhookUrl->setPlaceholderText(tr("https://example.com/pusher/webhook (empty: no webhooks)"));
    auto *events = new QGridLayout;
    events->setHorizontalSpacing(16);
    const QStringList names = webhookEventNames();
    for (int i = 0; i < names.size(); ++i) {
        auto *box = new QCheckBox(names[i], hooksBox);
        box->setObjectName(QStringLiteral("webhook-") + names[i]);
        box->setChecked(app.webhookEvents.contains(names[i]));
        m_webhookEvents.insert(names[i], box);
        events->addWidget(box, i / 2, i % 2);
    }
    auto *signing = new QLabel(tr("Requests are signed with the app's key and secret (X-Pusher-Key, "
                                  "X-Pusher-Signature), as Pusher's SDKs verify them."),
                               hooksBox);
    signing->setObjectName(QStringLiteral("hint"));
    signing->setWordWrap(true);
    auto *hooksLayout = new QVBoxLayout(hooksBox);
    auto *urlRow = new QFormLayout;
    urlRow->addRow(tr("URL:"), m_webhookUrl);
    hooksLayout->addLayout(urlRow);
    hooksLayout->addLayout(events);
    hooksLayout->addWidget(signing);

    m_error->setObjectName(QStringLiteral("errorText"));
    m_error->setWordWrap(true);
    m_error->hide();
    m_buttons->button(QDialogButtonBox::Save)->setObjectName(QStringLiteral("saveButton"));
    m_buttons->button(QDialogButtonBox::Save)->setProperty("primary", true);
    m_buttons->button(QDialogButtonBox::Save)->setText(creating ? tr("Create") : tr("Save"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ChannelsAppEditor::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *columns = new QHBoxLayout;
    columns->setSpacing(12);
    auto *left = new QVBoxLayout;
    left->addWidget(appBox);
    left->addWidget(hooksBox);
    left->addStretch();
    columns->addLayout(left, 3);
    auto *right = new QVBoxLayout;
    right->addWidget(limitsBox);
    right->addStretch();
    columns->addLayout(right, 2);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 16, 16, 12);
    layout->setSpacing(10);
    layout->addLayout(columns, 1);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
    m_name->setFocus();
}

channels::AppInfo ChannelsAppEditor::app() const
{
    channels::AppInfo app = m_original;
    app.name = m_name->text().trimmed();
    app.enabled = m_enabled->isChecked();
    app.limits.maxConnections = m_maxConnections->value();
    app.limits.clientEvents = m_clientEvents->isChecked();
    app.limits.maxClientEventsPerSecond = m_clientEventRate->value();
    app.limits.maxPresenceMembers = m_maxPresenceMembers->value();
    app.limits.maxEventBytes = m_maxEventBytes->value();
    app.limits.maxChannelNameLength = m_maxChannelNameLength->value();
    app.limits.maxBackendEventsPerSecond = m_maxBackendEvents->value();
    app.webhookUrl = m_webhookUrl->text().trimmed();
    app.webhookEvents.clear();
    for (const QString &name : webhookEventNames()) {
        if (m_webhookEvents.value(name)->isChecked())
            app.webhookEvents << name;
    }
    return app;
}

QString ChannelsAppEditor::validate() const
{
    if (m_name->text().trimmed().isEmpty())
        return tr("Give the app a name.");
    const QString url = m_webhookUrl->text().trimmed();
    if (!url.isEmpty()) {
        const QUrl parsed(url, QUrl::StrictMode);
        if (!parsed.isValid() || parsed.host().isEmpty()
            || (parsed.scheme() != QLatin1String("http") && parsed.scheme() != QLatin1String("https")))
            return tr("The webhook URL must be an http:// or https:// address.");
        bool any = false;
        for (QCheckBox *box : m_webhookEvents)
            any = any || box->isChecked();
        if (!any)
            return tr("Choose at least one webhook event, or clear the URL.");
    }
    return {};
}

void ChannelsAppEditor::accept()
{
    const QString problem = validate();
    m_error->setText(problem);
    m_error->setVisible(!problem.isEmpty());
    if (problem.isEmpty())
        QDialog::accept();
}

} // namespace homeport::ui
