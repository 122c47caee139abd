#pragma once
// ClusterNodesPanel: the Overview's view of a cluster: whether Redis is reachable and every
// channels node seen through it (id, address, connections, last heartbeat, state), and whether
// the PostgreSQL that the channels apps and the errors store share (database_url) is reachable.
// It reads the ChannelsMonitor's and ErrorsMonitor's snapshots only, and hides itself (and each
// part) while the services run alone.
// Thread affinity: the GUI thread.

#include <QFrame>
#include <QPointer>

class QLabel;
class QTableWidget;

namespace homeport::channels {
class ChannelsMonitor;
}
namespace homeport::errors {
class ErrorsMonitor;
}

namespace homeport::ui {

class ClusterNodesPanel : public QFrame
{
    Q_OBJECT
public:
    ClusterNodesPanel(channels::ChannelsMonitor *monitor, errors::ErrorsMonitor *errorsMonitor, QWidget *parent = nullptr);

    void refresh();

private:
    QPointer<channels::ChannelsMonitor> m_monitor;
    QPointer<errors::ErrorsMonitor> m_errorsMonitor;
    QLabel *m_databases;
    QLabel *m_state;
    QTableWidget *m_nodes;
};

} // namespace homeport::ui
