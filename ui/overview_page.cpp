#include "overview_page.h"

#include "cluster_nodes_panel.h"
#include "dashboard_widgets.h"

#include "service_card.h"
#include "service_commands.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace homeport::ui {

namespace {
// Three cards a row fit the default window; five services make a 3 + 2 grid.
constexpr int kColumns = 3;
} // namespace

OverviewPage::OverviewPage(const ConsoleContext &context, const QList<core::ServiceInfo> &services,
                           ServiceCommands *commands, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_summary(new QLabel(this))
{
    setObjectName(QStringLiteral("page-overview"));

    auto *title = new QLabel(tr("Overview"), this);
    title->setObjectName(QStringLiteral("pageTitle"));
    m_summary->setObjectName(QStringLiteral("pageSubtitle"));
    m_summary->setWordWrap(true);

    QStringList names;
    for (const core::ServiceInfo &info : services)
        names << info.name;
    auto *startAll = new QPushButton(tr("Start all"), this);
    startAll->setObjectName(QStringLiteral("startAllButton"));
    auto *stopAll = new QPushButton(tr("Stop all"), this);
    stopAll->setObjectName(QStringLiteral("stopAllButton"));
    auto *copyEnv = new QPushButton(tr("Copy .env"), this);
    copyEnv->setObjectName(QStringLiteral("copyEnvButton"));
    copyEnv->setToolTip(tr("Copies the settings for a Laravel app (Pusher, Sentry DSN, Typesense, S3 disk, OpenAI base "
                           "URL), the same as homeport --print-env laravel"));
    connect(copyEnv, &QPushButton::clicked, this, &OverviewPage::copyEnvRequested);
    connect(startAll, &QPushButton::clicked, commands, [commands, names] { commands->requestStartAll(names); });
    connect(stopAll, &QPushButton::clicked, commands, &ServiceCommands::requestStopAll);

    auto *head = new QHBoxLayout;
    auto *titles = new QVBoxLayout;
    titles->setSpacing(2);
    titles->addWidget(title);
    titles->addWidget(m_summary);
    head->addLayout(titles, 1);
    head->addWidget(copyEnv, 0, Qt::AlignBottom);
    head->addWidget(startAll, 0, Qt::AlignBottom);
    head->addWidget(stopAll, 0, Qt::AlignBottom);

    QStringList facts;
    if (!context.adminAddress.isEmpty()) {
        facts << tr("Admin API: http://%1 (/health, /status, /metrics)").arg(context.adminAddress);
    }
    if (!context.dataDir.isEmpty())
        facts << tr("Data: %1").arg(context.dataDir);
    auto *info = new QLabel(facts.join(QStringLiteral("   ·   ")), this);
    info->setObjectName(QStringLiteral("hint"));
    info->setTextInteractionFlags(Qt::TextSelectableByMouse);
    info->setVisible(!facts.isEmpty());

    auto *grid = new QGridLayout;
    grid->setSpacing(14);
    for (int i = 0; i < services.size(); ++i) {
        auto *card = new ServiceCard(services[i], context, commands, this);
        connect(card, &ServiceCard::connectRequested, this, &OverviewPage::connectRequested);
        connect(card, &ServiceCard::openRequested, this, &OverviewPage::openRequested);
        grid->addWidget(card, i / kColumns, i % kColumns);
        m_cards.append(card);
    }
    for (int c = 0; c < kColumns; ++c)
        grid->setColumnStretch(c, 1);

    auto *contents = new QWidget;
    contents->setObjectName(QStringLiteral("pageScrollContents"));
    auto *layout = new QVBoxLayout(contents);
    layout->setContentsMargins(28, 24, 28, 24);
    layout->setSpacing(10);
    layout->addLayout(head);
    layout->addWidget(info);
    layout->addSpacing(8);
    layout->addLayout(grid);
    // The channels service's nodes when it shares its channels through Redis, and the shared
    // PostgreSQL's state (hidden while every service runs alone).
    layout->addWidget(new ClusterNodesPanel(context.channels, context.errors, contents));
    layout->addStretch();

    putInPageScroll(this, contents);
}

ServiceCard *OverviewPage::card(const QString &service) const
{
    for (ServiceCard *card : m_cards) {
        if (card->serviceName() == service)
            return card;
    }
    return nullptr;
}

void OverviewPage::setStatus(const core::ServiceStatus &status)
{
    if (ServiceCard *c = card(status.name))
        c->setStatus(status);
}

void OverviewPage::setSnapshot(const QList<core::ServiceStatus> &snapshot)
{
    for (const core::ServiceStatus &status : snapshot)
        setStatus(status);
}

void OverviewPage::setSummary(const QString &text)
{
    m_summary->setText(text);
}

void OverviewPage::refresh()
{
    for (ServiceCard *card : m_cards)
        card->refresh();
}

} // namespace homeport::ui
