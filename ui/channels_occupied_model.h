#pragma once
// ChannelsOccupiedModel: the occupied channels of every app (app, channel, type, subscriptions,
// presence users, last event and how long ago). The age column is recomputed on setNow() so a
// quiet channel visibly ages between snapshots.
// Thread affinity: the GUI thread. Fed with ChannelsSnapshot copies.

#include "channels/channels_monitor.h"
#include "keyed_row_model.h"

#include <QDateTime>

namespace homeport::ui {

struct ChannelsOccupiedRow {
    channels::ChannelInfo channel;
    QString appName;
};

class ChannelsOccupiedModel : public KeyedRowModel<ChannelsOccupiedRow>
{
    Q_OBJECT
public:
    enum Column { AppColumn, ChannelColumn, TypeColumn, SubscriptionsColumn, UsersColumn, LastEventColumn, ColumnCount };
    static constexpr int KeyRole = Qt::UserRole + 2;   // "appId/channel", as in presenceMembers
    static constexpr int TypeRole = Qt::UserRole + 3;  // the protocol's word: "presence", ...

    explicit ChannelsOccupiedModel(QObject *parent = nullptr);

    void update(const channels::ChannelsSnapshot &snapshot);
    // The clock the ages are measured against; refreshes the last-event column.
    void setNow(const QDateTime &now);
    static QString keyOf(const QString &appId, const QString &channel) { return appId + QLatin1Char('/') + channel; }

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QDateTime m_now;
};

} // namespace homeport::ui
