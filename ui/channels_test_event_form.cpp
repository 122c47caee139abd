#include "channels_test_event_form.h"

#include "theme.h"

#include <QComboBox>
#include <QFormLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTime>
#include <QVBoxLayout>

namespace homeport::ui {

namespace {
constexpr int kMaxEventNameLength = 200; // Pusher's documented limit for event names
} // namespace

ChannelsTestEventForm::ChannelsTestEventForm(QWidget *parent)
    : QWidget(parent)
    , m_app(new QComboBox(this))
    , m_channel(new QLineEdit(QStringLiteral("my-channel"), this))
    , m_event(new QLineEdit(QStringLiteral("my-event"), this))
    , m_data(new QPlainTextEdit(this))
    , m_send(new QPushButton(tr("Send event"), this))
    , m_message(new QLabel(this))
{
    setObjectName(QStringLiteral("channelsTestEventForm"));
    m_app->setObjectName(QStringLiteral("appCombo"));
    m_channel->setObjectName(QStringLiteral("channelEdit"));
    m_channel->setPlaceholderText(tr("my-channel, private-orders, presence-room…"));
    m_event->setObjectName(QStringLiteral("eventEdit"));
    m_event->setPlaceholderText(tr("my-event"));
    m_data->setObjectName(QStringLiteral("dataEdit"));
    m_data->setFont(Theme::monospaceFont());
    m_data->setPlainText(QStringLiteral("{\n  \"message\": \"hello world\"\n}"));
    m_data->setTabChangesFocus(true);
    m_data->setMinimumHeight(90);
    m_send->setObjectName(QStringLiteral("sendButton"));
    m_send->setProperty("primary", true);
    m_message->setObjectName(QStringLiteral("formMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    connect(m_send, &QPushButton::clicked, this, &ChannelsTestEventForm::send);
    // A stale "sent" or error would describe a form that has changed since.
    for (QLineEdit *edit : {m_channel, m_event})
        connect(edit, &QLineEdit::textEdited, m_message, &QLabel::clear);
    connect(m_data, &QPlainTextEdit::textChanged, m_message, &QLabel::clear);

    auto *form = new QFormLayout;
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("App:"), m_app);
    form->addRow(tr("Channel:"), m_channel);
    form->addRow(tr("Event:"), m_event);
    form->addRow(tr("Data (JSON):"), m_data);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_message, 1);
    bottom->addWidget(m_send, 0, Qt::AlignTop);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form, 1);
    layout->addLayout(bottom);
    setApps({});
}

void ChannelsTestEventForm::setApps(const QList<channels::AppInfo> &apps)
{
    const QString current = currentAppId();
    m_apps = apps;
    m_app->clear();
    for (const channels::AppInfo &app : apps)
        m_app->addItem(tr("%1 (%2)").arg(app.name.isEmpty() ? tr("(unnamed)") : app.name, app.id), app.id);
    // With a placeholder text set, QComboBox leaves the index at -1 when items arrive.
    if (!current.isEmpty())
        setCurrentAppId(current);
    if (m_app->currentIndex() < 0 && m_app->count() > 0)
        m_app->setCurrentIndex(0);
    m_send->setEnabled(!apps.isEmpty());
    m_app->setEnabled(!apps.isEmpty());
    if (apps.isEmpty())
        m_app->setPlaceholderText(tr("No apps"));
}

QString ChannelsTestEventForm::currentAppId() const
{
    return m_app->currentData().toString();
}

void ChannelsTestEventForm::setCurrentAppId(const QString &appId)
{
    const int index = m_app->findData(appId);
    if (index >= 0)
        m_app->setCurrentIndex(index);
}

channels::AppInfo ChannelsTestEventForm::currentApp() const
{
    const QString id = currentAppId();
    for (const channels::AppInfo &app : m_apps) {
        if (app.id == id)
            return app;
    }
    return {};
}

bool ChannelsTestEventForm::isValidChannelName(const QString &name)
{
    static const QRegularExpression rule(QStringLiteral(R"(^[A-Za-z0-9_\-=@,.;]+$)"));
    return rule.match(name).hasMatch();
}

bool ChannelsTestEventForm::isValidJson(const QString &text, QString *error)
{
    // QJsonDocument only parses objects and arrays at the top; wrapping the text in an array
    // accepts every JSON value ("text", 42, true) the way JSON.parse does.
    QJsonParseError parseError;
    const QByteArray wrapped = "[" + text.toUtf8() + "\n]";
    const QJsonDocument doc = QJsonDocument::fromJson(wrapped, &parseError);
    const bool ok = parseError.error == QJsonParseError::NoError && doc.isArray() && doc.array().size() == 1;
    if (!ok && error) {
        *error = parseError.error == QJsonParseError::NoError
            ? tr("expected exactly one JSON value")
            : tr("%1 at character %2").arg(parseError.errorString()).arg(std::max(1, parseError.offset));
    }
    return ok;
}

QString ChannelsTestEventForm::validate() const
{
    const channels::AppInfo app = currentApp();
    if (app.id.isEmpty())
        return tr("Choose an app.");
    const QString channel = m_channel->text().trimmed();
    if (channel.isEmpty())
        return tr("Enter a channel name.");
    if (!isValidChannelName(channel))
        return tr("Channel names may only contain letters, digits and _ - = @ , . ;");
    if (app.limits.maxChannelNameLength > 0 && channel.size() > app.limits.maxChannelNameLength)
        return tr("The channel name is longer than this app allows (%1 characters).")
            .arg(app.limits.maxChannelNameLength);
    const QString event = m_event->text().trimmed();
    if (event.isEmpty())
        return tr("Enter an event name.");
    if (event.size() > kMaxEventNameLength)
        return tr("Event names are at most %1 characters.").arg(kMaxEventNameLength);
    if (event.startsWith(QLatin1String("pusher:")) || event.startsWith(QLatin1String("pusher_internal:")))
        return tr("Event names starting with “pusher:” are reserved for the protocol.");
    const QString data = m_data->toPlainText().trimmed();
    QString jsonError;
    if (data.isEmpty() || !isValidJson(data, &jsonError))
        return data.isEmpty() ? tr("Enter the data as JSON, e.g. {\"message\": \"hello\"}.")
                              : tr("The data is not valid JSON: %1.").arg(jsonError);
    if (app.limits.maxEventBytes > 0 && data.toUtf8().size() > app.limits.maxEventBytes)
        return tr("The data is larger than this app allows (%1 bytes).").arg(app.limits.maxEventBytes);
    return {};
}

bool ChannelsTestEventForm::send()
{
    const QString problem = validate();
    if (!problem.isEmpty()) {
        showMessage(problem, true);
        return false;
    }
    const QString channel = m_channel->text().trimmed();
    const QString event = m_event->text().trimmed();
    Q_EMIT triggerRequested(currentAppId(), channel, event, m_data->toPlainText().trimmed());
    showMessage(tr("Sent “%1” to %2 at %3. Watch it arrive in the debug console.")
                    .arg(event, channel, QTime::currentTime().toString(QStringLiteral("HH:mm:ss"))),
                false);
    return true;
}

QString ChannelsTestEventForm::message() const
{
    return m_message->text();
}

void ChannelsTestEventForm::showMessage(const QString &text, bool error)
{
    m_message->setText(text);
    m_message->setStyleSheet(QStringLiteral("color: %1").arg((error ? Theme::failed() : Theme::running()).name()));
}

} // namespace homeport::ui
