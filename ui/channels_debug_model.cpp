#include "channels_debug_model.h"

#include "theme.h"

#include <QLocale>

namespace homeport::ui {

using channels::DebugEvent;

ChannelsDebugModel::ChannelsDebugModel(QObject *parent)
    : RowTableModel<ChannelsDebugRow>(ColumnCount, parent)
{
}

void ChannelsDebugModel::append(const QList<DebugEvent> &events)
{
    if (events.isEmpty())
        return;
    if (m_paused) {
        m_held.append(events);
        // Only the newest kMaxRows could ever be shown; holding more would only cost memory.
        if (m_held.size() > kMaxRows)
            m_held.remove(0, m_held.size() - kMaxRows);
        m_heldCount += int(events.size());
        Q_EMIT heldCountChanged(m_heldCount);
        return;
    }
    insertRows(events);
}

void ChannelsDebugModel::insertRows(const QList<DebugEvent> &events)
{
    const int take = std::min<int>(int(events.size()), kMaxRows);
    const int first = int(events.size()) - take;
    const int excess = int(m_rows.size()) + take - kMaxRows;
    if (excess > 0) {
        beginRemoveRows({}, 0, excess - 1);
        m_rows.remove(0, excess);
        endRemoveRows();
    }
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size()) + take - 1);
    for (int i = first; i < events.size(); ++i)
        m_rows.append(Row{events[i], m_nextSequence++});
    endInsertRows();
}

void ChannelsDebugModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
    m_held.clear();
    if (m_heldCount != 0) {
        m_heldCount = 0;
        Q_EMIT heldCountChanged(0);
    }
}

void ChannelsDebugModel::setPaused(bool paused)
{
    if (m_paused == paused)
        return;
    m_paused = paused;
    if (paused)
        return;
    const QList<DebugEvent> held = std::exchange(m_held, {});
    m_heldCount = 0;
    Q_EMIT heldCountChanged(0);
    if (!held.isEmpty())
        insertRows(held);
}

void ChannelsDebugModel::setAppNames(const QHash<QString, QString> &names)
{
    if (names == m_appNames)
        return;
    m_appNames = names;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, AppColumn), index(int(m_rows.size()) - 1, AppColumn));
}

QString ChannelsDebugModel::kindText(DebugEvent::Kind kind)
{
    switch (kind) {
    case DebugEvent::Kind::Connection:
        return tr("connection");
    case DebugEvent::Kind::Disconnection:
        return tr("disconnection");
    case DebugEvent::Kind::Subscribed:
        return tr("subscribed");
    case DebugEvent::Kind::Unsubscribed:
        return tr("unsubscribed");
    case DebugEvent::Kind::ApiMessage:
        return tr("api message");
    case DebugEvent::Kind::ClientEvent:
        return tr("client event");
    case DebugEvent::Kind::Error:
        return tr("error");
    case DebugEvent::Kind::Webhook:
        return tr("webhook");
    }
    return {};
}

QColor ChannelsDebugModel::kindColor(DebugEvent::Kind kind)
{
    switch (kind) {
    case DebugEvent::Kind::Connection:
    case DebugEvent::Kind::Subscribed:
        return Theme::running();
    case DebugEvent::Kind::Disconnection:
    case DebugEvent::Kind::Unsubscribed:
        return Theme::mutedText();
    case DebugEvent::Kind::ApiMessage:
    case DebugEvent::Kind::ClientEvent:
        return Theme::accent();
    case DebugEvent::Kind::Error:
        return Theme::failed();
    case DebugEvent::Kind::Webhook:
        return Theme::busy().darker(125);
    }
    return Theme::text();
}

QVariant ChannelsDebugModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &row = m_rows[index.row()];
    const DebugEvent &e = row.event;
    switch (role) {
    case KindRole:
        return int(e.kind);
    case AppIdRole:
        return e.appId;
    case SortRole:
        if (index.column() == TimeColumn)
            return row.sequence; // arrival order is time order, and never ties
        return data(index, Qt::DisplayRole);
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return QLocale().toString(e.time.toLocalTime().time(), QStringLiteral("HH:mm:ss.zzz"));
        case KindColumn:
            return kindText(e.kind);
        case AppColumn:
            return m_appNames.value(e.appId, e.appId);
        case SocketColumn:
            return e.socketId;
        case ChannelColumn:
            return e.channel;
        case EventColumn:
            return e.event;
        case DetailsColumn:
            return e.details;
        }
        break;
    case Qt::ForegroundRole:
        if (index.column() == KindColumn || (e.kind == DebugEvent::Kind::Error && index.column() == DetailsColumn))
            return kindColor(e.kind);
        if (index.column() == TimeColumn)
            return Theme::mutedText();
        break;
    case Qt::FontRole:
        if (index.column() == SocketColumn || index.column() == DetailsColumn)
            return Theme::monospaceFont();
        break;
    case Qt::ToolTipRole:
        if (index.column() == DetailsColumn && !e.details.isEmpty())
            return e.details;
        if (index.column() == AppColumn)
            return e.appId;
        if (index.column() == TimeColumn)
            return QLocale().toString(e.time.toLocalTime(), QLocale::LongFormat);
        break;
    default:
        break;
    }
    return {};
}

QVariant ChannelsDebugModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    return columnTitle(section, orientation, role,
                       {tr("Time"), tr("Kind"), tr("App"), tr("Socket"), tr("Channel"), tr("Event"), tr("Details")});
}

} // namespace homeport::ui
