#pragma once
// CounterModel: one service's counters from a Metrics snapshot as a table (metric, labels,
// value). Rows are updated in place each second so sorting and selection survive the refresh.
// Thread affinity: the GUI thread. Fed with MetricsSnapshot copies.

#include "core/metrics.h"

#include <QAbstractTableModel>

namespace homeport::ui {

class CounterModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { MetricColumn, LabelsColumn, ValueColumn, ColumnCount };
    // The raw number behind the Value column (display may say "1.2 MB"); sort on this role.
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit CounterModel(const QString &service, QObject *parent = nullptr);

    // Takes every counter labelled service="<service>" from the snapshot.
    void update(const core::MetricsSnapshot &snapshot);
    // Sum of the counters with this metric name (e.g. all classes of requests).
    quint64 total(const QString &metricName) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row {
        core::MetricKey key;
        QString metric; // shown: "requests" for homeport_http_requests_total
        QString labels; // shown: class=2xx (the service label is implied by the page)
        quint64 value = 0;
        bool bytes = false;
    };

    QString m_serviceLabel; // service="channels"
    QList<Row> m_rows;
};

} // namespace homeport::ui
