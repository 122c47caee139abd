#include "channels_occupied_model.h"

#include "age_text.h"
#include "theme.h"

#include <QLocale>

namespace homeport::ui {

ChannelsOccupiedModel::ChannelsOccupiedModel(QObject *parent)
    : KeyedRowModel<ChannelsOccupiedRow>(ColumnCount, parent)
    , m_now(QDateTime::currentDateTimeUtc())
{
}

void ChannelsOccupiedModel::update(const channels::ChannelsSnapshot &snapshot)
{
    QHash<QString, QString> names;
    for (const channels::AppInfo &app : snapshot.apps)
        names.insert(app.id, app.name.isEmpty() ? app.id : app.name);
    QList<ChannelsOccupiedRow> rows;
    rows.reserve(snapshot.channels.size());
    for (const channels::ChannelInfo &channel : snapshot.channels)
        rows.append(ChannelsOccupiedRow{channel, names.value(channel.appId, channel.appId)});
    if (snapshot.takenAt.isValid())
        m_now = snapshot.takenAt;
    syncRows(rows, [](const ChannelsOccupiedRow &row) { return keyOf(row.channel.appId, row.channel.name); });
}

void ChannelsOccupiedModel::setNow(const QDateTime &now)
{
    m_now = now;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, LastEventColumn), index(int(m_rows.size()) - 1, LastEventColumn));
}

QVariant ChannelsOccupiedModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const ChannelsOccupiedRow &row = m_rows[index.row()];
    const channels::ChannelInfo &c = row.channel;
    const bool presence = c.type == QLatin1String("presence");
    if (role == KeyRole)
        return keyOf(c.appId, c.name);
    if (role == TypeRole)
        return c.type;
    if (role == SortRole) {
        switch (index.column()) {
        case SubscriptionsColumn:
            return c.subscriptions;
        case UsersColumn:
            return presence ? c.users : -1;
        case LastEventColumn:
            return c.lastEventAt.isValid() ? c.lastEventAt.toMSecsSinceEpoch() : qint64(-1);
        default:
            break;
        }
        return data(index, Qt::DisplayRole);
    }
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case AppColumn:
            return row.appName;
        case ChannelColumn:
            return c.name;
        case TypeColumn:
            return c.type;
        case SubscriptionsColumn:
            return QLocale().toString(c.subscriptions);
        case UsersColumn:
            // Only presence channels know their users; a 0 elsewhere would be misleading.
            return presence ? QLocale().toString(c.users) : QStringLiteral("—");
        case LastEventColumn:
            if (!c.lastEventAt.isValid())
                return tr("none yet");
            return tr("%1 · %2").arg(c.lastEventName, AgeText::ago(c.lastEventAt, m_now));
        }
    }
    if (role == Qt::ForegroundRole) {
        if ((index.column() == UsersColumn && !presence)
            || (index.column() == LastEventColumn && !c.lastEventAt.isValid()))
            return Theme::mutedText();
    }
    if (role == Qt::TextAlignmentRole && (index.column() == SubscriptionsColumn || index.column() == UsersColumn))
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == LastEventColumn && c.lastEventAt.isValid())
        return QLocale().toString(c.lastEventAt.toLocalTime(), QLocale::LongFormat);
    return {};
}

QVariant ChannelsOccupiedModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    return columnTitle(section, orientation, role,
                       {tr("App"), tr("Channel"), tr("Type"), tr("Subscriptions"), tr("Users"), tr("Last event")});
}

} // namespace homeport::ui
