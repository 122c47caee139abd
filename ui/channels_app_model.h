#pragma once
// ChannelsAppModel: the channels service's apps as a table (name, id, key, enabled, connections
// now, a summary of the limits). The secret is deliberately not a column: the page reveals it
// only on request.
// Thread affinity: the GUI thread. Fed with ChannelsSnapshot copies.

#include "channels/channels_monitor.h"
#include "keyed_row_model.h"

namespace homeport::ui {

struct ChannelsAppRow {
    channels::AppInfo app;
    int connections = 0;
};

class ChannelsAppModel : public KeyedRowModel<ChannelsAppRow>
{
    Q_OBJECT
public:
    enum Column { NameColumn, IdColumn, KeyColumn, EnabledColumn, ConnectionsColumn, LimitsColumn, ColumnCount };
    static constexpr int AppIdRole = Qt::UserRole + 2;

    explicit ChannelsAppModel(QObject *parent = nullptr);

    void update(const channels::ChannelsSnapshot &snapshot);
    // -1 when the app is not in the table.
    int rowOf(const QString &appId) const;
    // "≤ 10,000 connections · client events 10/s · …", also used by the page's detail panel.
    static QString limitsSummary(const channels::AppLimits &limits);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
};

} // namespace homeport::ui
