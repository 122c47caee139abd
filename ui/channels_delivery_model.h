#pragma once
// ChannelsDeliveryModel: the webhook delivery log (time, app, URL, events, attempt, status,
// error), oldest first and bounded like the monitor's own list. Failed deliveries are drawn red.
// Thread affinity: the GUI thread. Deliveries arrive as copies (queued from the service).

#include "channels/channels_monitor.h"
#include "row_table_model.h"

#include <QHash>

namespace homeport::ui {

struct ChannelsDeliveryRow {
    channels::WebhookDelivery delivery;
    quint64 sequence = 0;
};

class ChannelsDeliveryModel : public RowTableModel<ChannelsDeliveryRow>
{
    Q_OBJECT
public:
    static constexpr int kMaxRows = channels::ChannelsMonitor::kKeptDeliveries;
    enum Column { TimeColumn, AppColumn, UrlColumn, EventsColumn, AttemptColumn, StatusColumn, ErrorColumn, ColumnCount };
    static constexpr int FailedRole = Qt::UserRole + 2;

    explicit ChannelsDeliveryModel(QObject *parent = nullptr);

    void append(const QList<channels::WebhookDelivery> &deliveries);
    void setAppNames(const QHash<QString, QString> &names);
    static bool failed(const channels::WebhookDelivery &delivery);
    int failedCount() const;

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    using Row = ChannelsDeliveryRow;
    quint64 m_nextSequence = 0;
    QHash<QString, QString> m_appNames;
};

} // namespace homeport::ui
