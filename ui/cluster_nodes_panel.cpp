#include "cluster_nodes_panel.h"

#include "age_text.h"

#include "channels/channels_monitor.h"
#include "errors/errors_monitor.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableWidget>
#include <QVBoxLayout>

namespace homeport::ui {

ClusterNodesPanel::ClusterNodesPanel(channels::ChannelsMonitor *monitor, errors::ErrorsMonitor *errorsMonitor, QWidget *parent)
    : QFrame(parent), m_monitor(monitor), m_errorsMonitor(errorsMonitor), m_databases(new QLabel(this)), m_state(new QLabel(this)),
      m_nodes(new QTableWidget(0, 5, this))
{
    setObjectName(QStringLiteral("clusterPanel"));
    auto *title = new QLabel(tr("Cluster"), this);
    title->setObjectName(QStringLiteral("sectionTitle"));
    m_databases->setObjectName(QStringLiteral("clusterDatabases"));
    m_databases->setWordWrap(true);
    m_state->setObjectName(QStringLiteral("clusterState"));
    m_state->setWordWrap(true);
    m_nodes->setObjectName(QStringLiteral("clusterNodes"));
    m_nodes->setHorizontalHeaderLabels({tr("Node"), tr("Address"), tr("Connections"), tr("Last heartbeat"), tr("State")});
    m_nodes->horizontalHeader()->setStretchLastSection(true);
    m_nodes->verticalHeader()->hide();
    m_nodes->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_nodes->setSelectionMode(QAbstractItemView::NoSelection);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 8, 0, 0);
    layout->addWidget(title);
    layout->addWidget(m_databases);
    layout->addWidget(m_state);
    layout->addWidget(m_nodes);
    if (m_monitor)
        connect(m_monitor, &channels::ChannelsMonitor::snapshotPublished, this, &ClusterNodesPanel::refresh);
    if (m_errorsMonitor)
        connect(m_errorsMonitor, &errors::ErrorsMonitor::snapshotPublished, this, &ClusterNodesPanel::refresh);
    refresh();
}

void ClusterNodesPanel::refresh()
{
    const channels::ChannelsSnapshot snapshot = m_monitor ? m_monitor->snapshot() : channels::ChannelsSnapshot{};
    const channels::ClusterStatus &cluster = snapshot.cluster;
    const core::DatabaseStatus errorsDatabase = m_errorsMonitor ? m_errorsMonitor->snapshot().database : core::DatabaseStatus{};
    QStringList databaseLines;
    const auto describe = [&](const core::DatabaseStatus &database, const QString &connected, const QString &unreachable) {
        if (!database.shared)
            return;
        databaseLines << (database.connected ? connected.arg(database.endpoint)
                                             : unreachable.arg(database.endpoint, database.error.isEmpty() ? tr("no answer yet") : database.error));
    };
    describe(snapshot.database, tr("Channels apps: PostgreSQL %1 connected"),
             tr("Channels apps: PostgreSQL %1 unreachable (%2); reconnecting. The apps last read stay in use."));
    describe(errorsDatabase, tr("Errors: PostgreSQL %1 connected"),
             tr("Errors: PostgreSQL %1 unreachable (%2); reconnecting. Events are refused with 503 until it is back."));
    m_databases->setText(databaseLines.join(u'\n'));
    m_databases->setVisible(!databaseLines.isEmpty());
    const bool shared = cluster.adapter == QLatin1String("redis");
    setVisible(shared || !databaseLines.isEmpty());
    m_state->setVisible(shared);
    m_nodes->setVisible(shared);
    if (!shared)
        return;
    const QLocale locale;
    int alive = 0;
    int connections = 0;
    for (const channels::ClusterNode &node : cluster.nodes) {
        alive += node.alive ? 1 : 0;
        connections += node.alive ? node.connections : 0;
    }
    m_state->setText(cluster.connected
                         ? tr("Redis %1 connected · %2 nodes, %3 connections · this node is %4")
                               .arg(cluster.endpoint, locale.toString(alive), locale.toString(connections), cluster.nodeId)
                         : tr("Redis %1 unreachable (%2); reconnecting. This node serves its own clients alone meanwhile.")
                               .arg(cluster.endpoint, cluster.error.isEmpty() ? tr("no answer yet") : cluster.error));
    const QDateTime now = QDateTime::currentDateTime();
    m_nodes->setRowCount(int(cluster.nodes.size()));
    for (int row = 0; row < cluster.nodes.size(); ++row) {
        const channels::ClusterNode &node = cluster.nodes.at(row);
        const QString state = !node.alive ? tr("no heartbeat (members being removed)")
                                          : node.self ? tr("this node") : tr("up");
        const QStringList cells{node.id, node.address, locale.toString(node.connections),
                                node.lastHeartbeat.isValid() ? AgeText::ago(node.lastHeartbeat, now) : tr("not yet"), state};
        for (int column = 0; column < cells.size(); ++column) {
            auto *item = m_nodes->item(row, column);
            if (!item) {
                item = new QTableWidgetItem;
                m_nodes->setItem(row, column, item);
            }
            item->setText(cells.at(column));
        }
    }
    m_nodes->setFixedHeight(m_nodes->horizontalHeader()->height() + m_nodes->rowHeight(0) * qMax(1, int(cluster.nodes.size())) + 4);
}

} // namespace homeport::ui
