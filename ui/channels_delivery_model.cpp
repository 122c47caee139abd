#include "channels_delivery_model.h"

#include "theme.h"

#include <QLocale>

namespace homeport::ui {

ChannelsDeliveryModel::ChannelsDeliveryModel(QObject *parent)
    : RowTableModel<ChannelsDeliveryRow>(ColumnCount, parent)
{
}

void ChannelsDeliveryModel::append(const QList<channels::WebhookDelivery> &deliveries)
{
    if (deliveries.isEmpty())
        return;
    const int take = std::min<int>(int(deliveries.size()), kMaxRows);
    const int excess = int(m_rows.size()) + take - kMaxRows;
    if (excess > 0) {
        beginRemoveRows({}, 0, excess - 1);
        m_rows.remove(0, excess);
        endRemoveRows();
    }
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size()) + take - 1);
    for (int i = int(deliveries.size()) - take; i < deliveries.size(); ++i)
        m_rows.append(Row{deliveries[i], m_nextSequence++});
    endInsertRows();
}

void ChannelsDeliveryModel::setAppNames(const QHash<QString, QString> &names)
{
    if (names == m_appNames)
        return;
    m_appNames = names;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, AppColumn), index(int(m_rows.size()) - 1, AppColumn));
}

bool ChannelsDeliveryModel::failed(const channels::WebhookDelivery &delivery)
{
    // Pusher counts any non-2xx answer as a failed delivery (and retries it).
    return !delivery.error.isEmpty() || delivery.status < 200 || delivery.status >= 300;
}

int ChannelsDeliveryModel::failedCount() const
{
    return int(std::count_if(m_rows.cbegin(), m_rows.cend(), [](const Row &r) { return failed(r.delivery); }));
}

QVariant ChannelsDeliveryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &row = m_rows[index.row()];
    const channels::WebhookDelivery &d = row.delivery;
    const bool bad = failed(d);
    switch (role) {
    case FailedRole:
        return bad;
    case SortRole:
        switch (index.column()) {
        case TimeColumn:
            return row.sequence;
        case AttemptColumn:
            return d.attempt;
        case StatusColumn:
            return d.status;
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return QLocale().toString(d.time.toLocalTime().time(), QStringLiteral("HH:mm:ss"));
        case AppColumn:
            return m_appNames.value(d.appId, d.appId);
        case UrlColumn:
            return d.url;
        case EventsColumn:
            return d.events.join(QStringLiteral(", "));
        case AttemptColumn:
            return d.attempt;
        case StatusColumn:
            return d.status > 0 ? QString::number(d.status) : tr("no answer");
        case ErrorColumn:
            return d.error;
        }
        break;
    case Qt::ForegroundRole:
        if (bad)
            return Theme::failed();
        if (index.column() == TimeColumn)
            return Theme::mutedText();
        break;
    case Qt::ToolTipRole:
        if (index.column() == ErrorColumn && !d.error.isEmpty())
            return d.error;
        if (index.column() == EventsColumn)
            return d.events.join(QLatin1Char('\n'));
        if (index.column() == TimeColumn)
            return QLocale().toString(d.time.toLocalTime(), QLocale::LongFormat);
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == AttemptColumn || index.column() == StatusColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        break;
    default:
        break;
    }
    return {};
}

QVariant ChannelsDeliveryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    return columnTitle(section, orientation, role,
                       {tr("Time"), tr("App"), tr("URL"), tr("Events"), tr("Attempt"), tr("Status"), tr("Error")});
}

} // namespace homeport::ui
