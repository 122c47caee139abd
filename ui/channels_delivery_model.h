#pragma once
// ChannelsDeliveryModel: the webhook delivery log (time, app, URL, events, attempt, status,
// error), oldest first and bounded like the monitor's own list. Failed deliveries are drawn red.
// Thread affinity: the GUI thread. Deliveries arrive as copies (queued from the service).

#include "channels/channels_monitor.h"

#include <QAbstractTableModel>
#include <QHash>

namespace homeport::ui {

class ChannelsDeliveryModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    static constexpr int kMaxRows = channels::ChannelsMonitor::kKeptDeliveries;
    enum Column { TimeColumn, AppColumn, UrlColumn, EventsColumn, AttemptColumn, StatusColumn, ErrorColumn, ColumnCount };
    static constexpr int SortRole = Qt::UserRole + 1;
    static constexpr int FailedRole = Qt::UserRole + 2;

    explicit ChannelsDeliveryModel(QObject *parent = nullptr);

    void append(const QList<channels::WebhookDelivery> &deliveries);
    void setAppNames(const QHash<QString, QString> &names);
    static bool failed(const channels::WebhookDelivery &delivery);
    int failedCount() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row {
        channels::WebhookDelivery delivery;
        quint64 sequence = 0;
    };
    QList<Row> m_rows;
    quint64 m_nextSequence = 0;
    QHash<QString, QString> m_appNames;
};

} // namespace homeport::ui
