#include "channels_app_editor.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QVBoxLayout>

namespace homeport::ui {

namespace {
constexpr int kSpinWidth = 130;
}

QStringList ChannelsAppEditor::webhookEventNames()
{
    return {QStringLiteral("channel_occupied"), QStringLiteral("channel_vacated"), QStringLiteral("member_added"),
            QStringLiteral("member_removed"),   QStringLiteral("client_event"),    QStringLiteral("cache_miss"),
            QStringLiteral("subscription_count")};
}

ChannelsAppEditor::ChannelsAppEditor(const channels::AppInfo &app, QWidget *parent)
    : EditorDialog(parent)
    , m_original(app)
    , m_name(new QLineEdit(app.name, this))
    , m_enabled(new QCheckBox(tr("Enabled (clients may connect)"), this))
{
    setObjectName(QStringLiteral("channelsAppEditor"));
    const bool creating = app.id.isEmpty();
    createFooter(creating);
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
        appForm->addRow(QString(),
                        makeNote(tr("The id, key and secret are generated when the app is created."), appBox));
    } else {
        appForm->addRow(tr("App id:"), makeIdLabel(tr("%1 · key %2").arg(app.id, app.key), appBox));
    }

    // Limits.
    auto *limitsBox = new QGroupBox(tr("Limits"), this);
    m_maxConnections = makeSpinBox(0, 10'000'000, l.maxConnections, QStringLiteral("maxConnectionsSpin"),
                                   kSpinWidth, limitsBox);
    m_maxConnections->setSpecialValueText(tr("unlimited"));
    m_clientEvents = new QCheckBox(tr("Allow client events"), limitsBox);
    m_clientEvents->setObjectName(QStringLiteral("clientEventsCheck"));
    m_clientEvents->setToolTip(tr("client-* events sent by browsers on private and presence channels"));
    m_clientEvents->setChecked(l.clientEvents);
    m_clientEventRate = makeSpinBox(1, 10'000, std::max(1, l.maxClientEventsPerSecond),
                                    QStringLiteral("clientEventRateSpin"), kSpinWidth, limitsBox);
    m_clientEventRate->setSuffix(tr(" per second"));
    m_clientEventRate->setEnabled(l.clientEvents);
    connect(m_clientEvents, &QCheckBox::toggled, m_clientEventRate, &QWidget::setEnabled);
    m_maxPresenceMembers = makeSpinBox(1, 100'000, l.maxPresenceMembers, QStringLiteral("maxPresenceMembersSpin"),
                                       kSpinWidth, limitsBox);
    m_maxEventBytes = makeSpinBox(64, 10 * 1024 * 1024, l.maxEventBytes, QStringLiteral("maxEventBytesSpin"),
                                  kSpinWidth, limitsBox);
    m_maxEventBytes->setSuffix(tr(" bytes"));
    m_maxEventBytes->setSingleStep(1024);
    m_maxChannelNameLength = makeSpinBox(8, 1024, l.maxChannelNameLength, QStringLiteral("maxChannelNameLengthSpin"),
                                         kSpinWidth, limitsBox);
    m_maxChannelNameLength->setSuffix(tr(" characters"));
    m_maxBackendEvents = makeSpinBox(0, 1'000'000, l.maxBackendEventsPerSecond, QStringLiteral("maxBackendEventsSpin"),
                                     kSpinWidth, limitsBox);
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
    QLabel *signing = makeNote(tr("Requests are signed with the app's key and secret (X-Pusher-Key, "
                                  "X-Pusher-Signature), as Pusher's SDKs verify them."),
                               hooksBox);
    auto *hooksLayout = new QVBoxLayout(hooksBox);
    auto *urlRow = new QFormLayout;
    urlRow->addRow(tr("URL:"), m_webhookUrl);
    hooksLayout->addLayout(urlRow);
    hooksLayout->addLayout(events);
    hooksLayout->addWidget(signing);

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

    createLayout()->insertLayout(0, columns, 1);
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
        if (!isWebAddress(url))
            return tr("The webhook URL must be an http:// or https:// address.");
        bool any = false;
        for (QCheckBox *box : m_webhookEvents)
            any = any || box->isChecked();
        if (!any)
            return tr("Choose at least one webhook event, or clear the URL.");
    }
    return {};
}

} // namespace homeport::ui
