#include "welcome_dialog.h"

#include "core/client_env.h"
#include "core/service_catalog.h"
#include "core/service_host.h"
#include "core/settings.h"
#include "service_commands.h"
#include "state_light.h"
#include "theme.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace homeport::ui {

namespace {
const QString kConsole = QStringLiteral("console");
const QString kShowWelcome = QStringLiteral("show_welcome");
} // namespace

bool WelcomeDialog::wanted(const ConsoleContext &context)
{
    return !context.settings || context.settings->value(kConsole, kShowWelcome, true).toBool();
}

WelcomeDialog::WelcomeDialog(const ConsoleContext &context, const QStringList &services, ServiceCommands *commands,
                             QWidget *parent)
    : QDialog(parent)
    , m_context(context)
    , m_format(new QComboBox(this))
    , m_snippet(new QPlainTextEdit(this))
    , m_dontShow(new QCheckBox(tr("Don't show this again"), this))
{
    setObjectName(QStringLiteral("welcomeDialog"));
    setWindowTitle(tr("Welcome to Homeport"));

    auto *title = new QLabel(tr("Your stack is starting"), this);
    title->setObjectName(QStringLiteral("pageTitle"));
    auto *intro = new QLabel(tr("Five services run on this computer, each speaking the protocol of a managed "
                                "product. Point an app at them by changing its endpoint and key, never its code."),
                             this);
    intro->setWordWrap(true);

    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(14);
    grid->setVerticalSpacing(6);
    int row = 0;
    for (const QString &name : services) {
        const core::ServiceInfo *info = core::findService(name);
        Row r;
        r.light = new StateLight(12, this);
        auto *label = new QLabel(info ? tr("%1 (for %2)").arg(info->title, info->replaces) : name, this);
        r.state = new QLabel(this);
        r.state->setObjectName(QStringLiteral("welcomeState-") + name);
        r.endpoint = new QLabel(this);
        r.endpoint->setObjectName(QStringLiteral("welcomeEndpoint-") + name);
        r.endpoint->setTextInteractionFlags(Qt::TextSelectableByMouse);
        r.endpoint->setFont(Theme::monospaceFont());
        grid->addWidget(r.light, row, 0);
        grid->addWidget(label, row, 1);
        grid->addWidget(r.state, row, 2);
        grid->addWidget(r.endpoint, row, 3);
        m_rows.insert(name, r);
        setStatus(context.host ? context.host->status(name) : core::ServiceStatus{name});
        ++row;
    }
    grid->setColumnStretch(3, 1);

    auto *snippetTitle = new QLabel(tr("Connect your app"), this);
    snippetTitle->setObjectName(QStringLiteral("sectionTitle"));
    m_format->setObjectName(QStringLiteral("welcomeFormat"));
    m_format->addItem(tr("Laravel .env"), int(core::EnvFormat::Laravel));
    m_format->addItem(tr("Node"), int(core::EnvFormat::Node));
    m_format->addItem(tr("Python"), int(core::EnvFormat::Python));
    m_format->addItem(tr("Shell"), int(core::EnvFormat::Shell));
    m_snippet->setObjectName(QStringLiteral("welcomeSnippet"));
    m_snippet->setReadOnly(true);
    m_snippet->setFont(Theme::monospaceFont());
    m_snippet->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_snippet->setMinimumHeight(200);
    auto *copy = new QPushButton(tr("Copy"), this);
    copy->setObjectName(QStringLiteral("welcomeCopy"));
    auto *copied = new QLabel(this);
    copied->setObjectName(QStringLiteral("hint"));
    connect(copy, &QPushButton::clicked, this, [this, copied] {
        QApplication::clipboard()->setText(snippetText());
        copied->setText(tr("Copied to the clipboard."));
    });
    connect(m_format, &QComboBox::currentIndexChanged, this, [this, copied] {
        showSnippet();
        copied->clear();
    });
    auto *snippetHead = new QHBoxLayout;
    snippetHead->addWidget(snippetTitle);
    snippetHead->addStretch();
    snippetHead->addWidget(copied);
    snippetHead->addWidget(m_format);
    snippetHead->addWidget(copy);
    auto *snippetHint = new QLabel(tr("The same text as `homeport --print-env`; every service's Connect button "
                                      "shows its own part."),
                                   this);
    snippetHint->setObjectName(QStringLiteral("hint"));
    snippetHint->setWordWrap(true);

    m_dontShow->setObjectName(QStringLiteral("welcomeDontShow"));
    auto *buttons = new QDialogButtonBox(this);
    QPushButton *startAll = buttons->addButton(tr("Start all"), QDialogButtonBox::ActionRole);
    startAll->setObjectName(QStringLiteral("welcomeStartAll"));
    QPushButton *close = buttons->addButton(tr("Open the console"), QDialogButtonBox::AcceptRole);
    close->setObjectName(QStringLiteral("welcomeClose"));
    close->setProperty("primary", true);
    close->setDefault(true);
    connect(startAll, &QPushButton::clicked, commands, [commands, services] { commands->requestStartAll(services); });
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);

    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_dontShow);
    bottom->addStretch();
    bottom->addWidget(buttons);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 20, 24, 16);
    layout->setSpacing(10);
    layout->addWidget(title);
    layout->addWidget(intro);
    layout->addSpacing(6);
    layout->addLayout(grid);
    layout->addSpacing(8);
    layout->addLayout(snippetHead);
    layout->addWidget(m_snippet, 1);
    layout->addWidget(snippetHint);
    layout->addLayout(bottom);
    resize(780, 600);

    if (context.host)
        connect(context.host, &core::ServiceHost::statusChanged, this, &WelcomeDialog::setStatus);
    showSnippet();
}

void WelcomeDialog::setStatus(const core::ServiceStatus &status)
{
    auto it = m_rows.find(status.name);
    if (it == m_rows.end())
        return;
    Row &r = it.value();
    r.light->setState(status.state);
    QString text = Theme::stateText(status.state);
    if (status.state == core::ServiceState::Failed && !status.reason.isEmpty())
        text = tr("%1: %2").arg(text, status.reason);
    r.state->setText(text);
    r.state->setStyleSheet(QStringLiteral("color: %1").arg(Theme::stateColor(status.state).name()));
    r.endpoint->setText(endpointText(status.name));
}

QString WelcomeDialog::stateText(const QString &service) const
{
    const auto it = m_rows.constFind(service);
    return it == m_rows.constEnd() ? QString() : it->state->text();
}

QString WelcomeDialog::endpointText(const QString &service) const
{
    const core::ClientSettings settings = m_context.clientSettings ? m_context.clientSettings() : core::ClientSettings{};
    if (!settings.ports.contains(service))
        return {};
    const QString scheme = settings.tlsServices.contains(service) ? QStringLiteral("https") : QStringLiteral("http");
    return QStringLiteral("%1://%2:%3").arg(scheme, settings.host).arg(settings.ports.value(service));
}

QString WelcomeDialog::snippetText() const
{
    return m_snippet->toPlainText();
}

void WelcomeDialog::showSnippet()
{
    const core::ClientSettings settings = m_context.clientSettings ? m_context.clientSettings() : core::ClientSettings{};
    m_snippet->setPlainText(core::renderClientSettings(core::EnvFormat(m_format->currentData().toInt()), settings));
}

void WelcomeDialog::done(int result)
{
    if (m_dontShow->isChecked() && m_context.settings)
        m_context.settings->setValue(kConsole, kShowWelcome, false);
    QDialog::done(result);
}

} // namespace homeport::ui
