#pragma once
// ChannelsMemberModel: the members of one presence channel (user id, user_info as compact JSON,
// open sockets). Switching channels resets it; a new snapshot of the same channel updates rows
// in place so the selection stays.
// Thread affinity: the GUI thread.

#include "channels/channels_monitor.h"
#include "keyed_row_model.h"

namespace homeport::ui {

class ChannelsMemberModel : public KeyedRowModel<channels::PresenceMember>
{
    Q_OBJECT
public:
    enum Column { UserIdColumn, UserInfoColumn, SocketsColumn, ColumnCount };

    explicit ChannelsMemberModel(QObject *parent = nullptr);

    // `channelKey` is "appId/channel"; an empty key clears the list.
    void setMembers(const QString &channelKey, const QList<channels::PresenceMember> &members);
    QString channelKey() const { return m_channelKey; }

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString m_channelKey;
};

} // namespace homeport::ui
