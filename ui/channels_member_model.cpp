#include "channels_member_model.h"

#include "theme.h"

#include <QJsonDocument>

namespace homeport::ui {

ChannelsMemberModel::ChannelsMemberModel(QObject *parent)
    : KeyedRowModel<channels::PresenceMember>(ColumnCount, parent)
{
}

void ChannelsMemberModel::setMembers(const QString &channelKey, const QList<channels::PresenceMember> &members)
{
    if (channelKey != m_channelKey) {
        beginResetModel();
        m_channelKey = channelKey;
        m_rows = channelKey.isEmpty() ? QList<channels::PresenceMember>{} : members;
        endResetModel();
        return;
    }
    syncRows(members, [](const channels::PresenceMember &m) { return m.userId; });
}

QVariant ChannelsMemberModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const channels::PresenceMember &m = m_rows[index.row()];
    if (role == SortRole && index.column() == SocketsColumn)
        return m.sockets;
    if (role == Qt::DisplayRole || role == SortRole) {
        switch (index.column()) {
        case UserIdColumn:
            return m.userId;
        case UserInfoColumn:
            return m.userInfo.isEmpty() ? QString()
                                        : QString::fromUtf8(QJsonDocument(m.userInfo).toJson(QJsonDocument::Compact));
        case SocketsColumn:
            return m.sockets;
        }
    }
    if (role == Qt::ToolTipRole && index.column() == UserInfoColumn && !m.userInfo.isEmpty())
        return QString::fromUtf8(QJsonDocument(m.userInfo).toJson(QJsonDocument::Indented));
    if (role == Qt::FontRole && index.column() == UserInfoColumn)
        return Theme::monospaceFont();
    if (role == Qt::TextAlignmentRole && index.column() == SocketsColumn)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant ChannelsMemberModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    return columnTitle(section, orientation, role, {tr("User id"), tr("user_info"), tr("Sockets")});
}

} // namespace homeport::ui
