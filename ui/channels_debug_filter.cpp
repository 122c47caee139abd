#include "channels_debug_filter.h"

#include "channels_debug_model.h"

namespace homeport::ui {

ChannelsDebugFilter::ChannelsDebugFilter(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(ChannelsDebugModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void ChannelsDebugFilter::setAppId(const QString &appId)
{
    if (appId == m_appId)
        return;
    m_appId = appId;
    invalidateFilter();
}

void ChannelsDebugFilter::setKindVisible(channels::DebugEvent::Kind kind, bool visible)
{
    if (visible == isKindVisible(kind))
        return;
    if (visible)
        m_hiddenKinds.remove(int(kind));
    else
        m_hiddenKinds.insert(int(kind));
    invalidateFilter();
}

void ChannelsDebugFilter::setText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_text)
        return;
    m_text = trimmed;
    invalidateFilter();
}

bool ChannelsDebugFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *model = sourceModel();
    const QModelIndex first = model->index(sourceRow, 0, sourceParent);
    if (m_hiddenKinds.contains(first.data(ChannelsDebugModel::KindRole).toInt()))
        return false;
    if (!m_appId.isEmpty() && first.data(ChannelsDebugModel::AppIdRole).toString() != m_appId)
        return false;
    if (m_text.isEmpty())
        return true;
    for (int column : {ChannelsDebugModel::ChannelColumn, ChannelsDebugModel::EventColumn,
                       ChannelsDebugModel::SocketColumn, ChannelsDebugModel::DetailsColumn}) {
        if (model->index(sourceRow, column, sourceParent).data().toString().contains(m_text, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace homeport::ui
