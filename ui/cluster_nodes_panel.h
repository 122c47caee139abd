#pragma once
// ClusterNodesPanel: the Overview's view of a channels cluster: whether Redis is reachable and
// every node seen through it (id, address, connections, last heartbeat, state). It reads the
// ChannelsMonitor's snapshot only, and hides itself while the channels service runs alone.
// Thread affinity: the GUI thread.

#include <QFrame>
#include <QPointer>

class QLabel;
class QTableWidget;

namespace homeport::channels {
class ChannelsMonitor;
}

namespace homeport::ui {

class ClusterNodesPanel : public QFrame
{
    Q_OBJECT
public:
    explicit ClusterNodesPanel(channels::ChannelsMonitor *monitor, QWidget *parent = nullptr);

    void refresh();

private:
    QPointer<channels::ChannelsMonitor> m_monitor;
    QLabel *m_state;
    QTableWidget *m_nodes;
};

} // namespace homeport::ui
