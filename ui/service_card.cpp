#include "service_card.h"

#include <QEvent>

#include "core/metrics.h"
#include "core/settings.h"
#include "service_commands.h"
#include "sparkline.h"
#include "state_light.h"
#include "theme.h"
#include "theme_follower.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace homeport::ui {

ServiceCard::ServiceCard(const core::ServiceInfo &info, const ConsoleContext &context, ServiceCommands *commands,
                         QWidget *parent)
    : QFrame(parent)
    , m_info(info)
    , m_context(context)
    , m_commands(commands)
    , m_light(new StateLight(12, this))
    , m_title(new QLabel(this))
    , m_state(new QLabel(this))
    , m_reason(new QLabel(this))
    , m_address(new QLabel(this))
    , m_uptime(new QLabel(this))
    , m_rate(new QLabel(this))
    , m_sparkline(new Sparkline(kSparklineSeconds, Sparkline::Style::Compact, this))
    , m_start(new QPushButton(tr("Start"), this))
    , m_stop(new QPushButton(tr("Stop"), this))
    , m_restart(new QPushButton(tr("Restart"), this))
    , m_connect(new QPushButton(tr("Connect"), this))
{
    setObjectName(QStringLiteral("card-") + info.name);
    setProperty("card", true);
    setMinimumWidth(300);

    // The title is a link to the service's page: the card is a summary, the page the detail.
    m_title->setObjectName(QStringLiteral("cardTitle"));
    followTheme(m_title, [this] { showTitle(); }); // the title link's colour follows a new theme
    m_title->setTextInteractionFlags(Qt::LinksAccessibleByMouse);
    m_title->setToolTip(tr("Open the %1 page").arg(info.title));
    connect(m_title, &QLabel::linkActivated, this, [this] { Q_EMIT openRequested(m_info.name); });

    m_state->setObjectName(QStringLiteral("stateLabel"));
    QFont bold = m_state->font();
    bold.setWeight(QFont::DemiBold);
    m_state->setFont(bold);

    auto *replaces = new QLabel(tr("replaces %1 · %2").arg(info.replaces, info.protocol), this);
    replaces->setObjectName(QStringLiteral("muted"));
    replaces->setWordWrap(true);

    m_reason->setObjectName(QStringLiteral("failureReason"));
    m_reason->setWordWrap(true);
    m_reason->hide();

    m_address->setObjectName(QStringLiteral("addressLabel"));
    m_address->setFont(Theme::monospaceFont());
    m_address->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_uptime->setObjectName(QStringLiteral("muted"));
    m_rate->setObjectName(QStringLiteral("muted"));

    m_start->setObjectName(QStringLiteral("startButton"));
    m_stop->setObjectName(QStringLiteral("stopButton"));
    m_restart->setObjectName(QStringLiteral("restartButton"));
    m_connect->setObjectName(QStringLiteral("connectButton"));
    m_connect->setProperty("primary", true);
    m_connect->setToolTip(tr("Settings to paste into your app"));
    connect(m_start, &QPushButton::clicked, this, [this] { m_commands->requestStart(m_info.name); });
    connect(m_stop, &QPushButton::clicked, this, [this] { m_commands->requestStop(m_info.name); });
    connect(m_restart, &QPushButton::clicked, this, [this] { m_commands->requestRestart(m_info.name); });
    connect(m_connect, &QPushButton::clicked, this, [this] { Q_EMIT connectRequested(m_info.name); });

    auto *head = new QHBoxLayout;
    head->setSpacing(8);
    head->addWidget(m_light);
    head->addWidget(m_title);
    head->addStretch();
    head->addWidget(m_state);

    auto *where = new QHBoxLayout;
    where->addWidget(m_address);
    where->addStretch();
    where->addWidget(m_uptime);

    auto *rateRow = new QHBoxLayout;
    auto *rateCaption = new QLabel(tr("Requests, last 2 minutes"), this);
    rateCaption->setObjectName(QStringLiteral("hint"));
    rateRow->addWidget(rateCaption);
    rateRow->addStretch();
    rateRow->addWidget(m_rate);

    auto *buttons = new QHBoxLayout;
    buttons->setSpacing(6);
    buttons->addWidget(m_start);
    buttons->addWidget(m_stop);
    buttons->addWidget(m_restart);
    buttons->addStretch();
    buttons->addWidget(m_connect);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 14, 16, 14);
    layout->setSpacing(6);
    layout->addLayout(head);
    layout->addWidget(replaces);
    layout->addLayout(where);
    layout->addWidget(m_reason);
    layout->addSpacing(4);
    layout->addLayout(rateRow);
    layout->addWidget(m_sparkline, 1);
    layout->addSpacing(4);
    layout->addLayout(buttons);

    core::ServiceStatus initial;
    initial.name = info.name;
    setStatus(initial);
}

QString ServiceCard::stateText() const
{
    return m_state->text();
}

void ServiceCard::setStatus(const core::ServiceStatus &status)
{
    if (status.name != m_info.name)
        return;
    m_status = status;
    showServiceState(m_light, m_state, m_reason, status);

    if (status.state == core::ServiceState::Running && !status.address.isEmpty()) {
        m_address->setText(status.address);
        m_address->setToolTip(tr("Listening on %1").arg(status.address));
    } else if (m_context.settings) {
        // Not listening: show where it would listen, so a port conflict is easy to spot.
        const QString configured = QStringLiteral("%1:%2").arg(m_context.settings->bindAddress().toString())
                                       .arg(m_context.settings->servicePort(m_info.name));
        m_address->setText(tr("%1 (not listening)").arg(configured));
        m_address->setToolTip(tr("Configured address; the service is not listening"));
    } else {
        m_address->setText(tr("not listening"));
    }
    updateButtons();
    refresh();
}

void ServiceCard::updateButtons()
{
    using core::ServiceState;
    const ServiceState s = m_status.state;
    m_start->setEnabled(s == ServiceState::Stopped || s == ServiceState::Failed);
    m_stop->setEnabled(s == ServiceState::Running || s == ServiceState::Starting);
    m_restart->setEnabled(s == ServiceState::Running);
}

void ServiceCard::refresh()
{
    const qint64 up = m_status.uptimeSeconds();
    m_uptime->setText(m_status.state == core::ServiceState::Running ? tr("up %1").arg(Theme::formatUptime(up))
                                                                    : QString());
    if (!m_context.metrics)
        return;
    const QVector<double> values = m_context.metrics->series(m_info.name + QStringLiteral(".requests"),
                                                             kSparklineSeconds);
    m_sparkline->setValues(values);
    // The current second is still filling up; the last complete one is the honest rate.
    const double rate = values.size() >= 2 ? values[values.size() - 2] : 0;
    m_rate->setText(Theme::formatRate(rate));
}

void ServiceCard::showTitle()
{
    // A link in the text colour of the current theme, not the palette's link blue.
    m_title->setText(QStringLiteral("<a href=\"open\" style=\"color:%1;text-decoration:none\">%2</a>")
                         .arg(Theme::text().name(), m_info.title.toHtmlEscaped()));
}

} // namespace homeport::ui
