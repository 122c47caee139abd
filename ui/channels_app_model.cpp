#include "channels_app_model.h"

#include "theme.h"

#include <QLocale>

namespace homeport::ui {

ChannelsAppModel::ChannelsAppModel(QObject *parent)
    : KeyedRowModel<ChannelsAppRow>(ColumnCount, parent)
{
}

void ChannelsAppModel::update(const channels::ChannelsSnapshot &snapshot)
{
    QList<ChannelsAppRow> rows;
    rows.reserve(snapshot.apps.size());
    for (const channels::AppInfo &app : snapshot.apps)
        rows.append(ChannelsAppRow{app, snapshot.connectionsByApp.value(app.id)});
    syncRows(rows, [](const ChannelsAppRow &row) { return row.app.id; });
}

int ChannelsAppModel::rowOf(const QString &appId) const
{
    for (int r = 0; r < m_rows.size(); ++r) {
        if (m_rows[r].app.id == appId)
            return r;
    }
    return -1;
}

QString ChannelsAppModel::limitsSummary(const channels::AppLimits &limits)
{
    const QLocale locale;
    QStringList parts;
    parts << (limits.maxConnections > 0 ? tr("≤ %1 connections").arg(locale.toString(limits.maxConnections))
                                        : tr("unlimited connections"));
    parts << (limits.clientEvents ? tr("client events %1/s").arg(limits.maxClientEventsPerSecond)
                                  : tr("no client events"));
    parts << tr("%1 presence members").arg(locale.toString(limits.maxPresenceMembers));
    parts << tr("events ≤ %1").arg(locale.formattedDataSize(limits.maxEventBytes, 0, QLocale::DataSizeTraditionalFormat));
    return parts.join(QStringLiteral(" · "));
}

QVariant ChannelsAppModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const ChannelsAppRow &row = m_rows[index.row()];
    const channels::AppInfo &app = row.app;
    if (role == AppIdRole)
        return app.id;
    if (role == Qt::DisplayRole || role == SortRole) {
        switch (index.column()) {
        case NameColumn:
            return app.name.isEmpty() && role == Qt::DisplayRole ? tr("(unnamed)") : app.name;
        case IdColumn:
            // Pusher app ids are numeric: sort them as numbers so 10 follows 9.
            if (role == SortRole) {
                bool ok = false;
                const qlonglong n = app.id.toLongLong(&ok);
                return ok ? QVariant(n) : QVariant(app.id);
            }
            return app.id;
        case KeyColumn:
            return app.key;
        case EnabledColumn:
            if (role == SortRole)
                return app.enabled;
            return app.enabled ? tr("enabled") : tr("disabled");
        case ConnectionsColumn:
            return role == SortRole ? QVariant(row.connections) : QVariant(QLocale().toString(row.connections));
        case LimitsColumn:
            return limitsSummary(app.limits);
        }
    }
    if (role == Qt::ForegroundRole && index.column() == EnabledColumn)
        return app.enabled ? Theme::running() : Theme::mutedText();
    if (role == Qt::FontRole && index.column() == KeyColumn)
        return Theme::monospaceFont();
    if (role == Qt::TextAlignmentRole && index.column() == ConnectionsColumn)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == LimitsColumn)
        return limitsSummary(app.limits);
    return {};
}

QVariant ChannelsAppModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    return columnTitle(section, orientation, role,
                       {tr("Name"), tr("App id"), tr("Key"), tr("State"), tr("Connections"), tr("Limits")});
}

} // namespace homeport::ui
