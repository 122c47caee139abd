#include "counter_model.h"

#include <QLocale>
#include <QRegularExpression>

namespace homeport::ui {

namespace {

// The Prometheus names carry prefixes and units the page does not need to repeat.
QString displayMetric(QString name)
{
    for (const char *prefix : {"homeport_http_", "homeport_"}) {
        if (name.startsWith(QLatin1String(prefix))) {
            name = name.mid(qstrlen(prefix));
            break;
        }
    }
    if (name.endsWith(QLatin1String("_total")))
        name.chop(6);
    name.replace(QLatin1Char('_'), QLatin1Char(' '));
    return name;
}

// service="x",class="2xx" -> class=2xx (without the service label, which the page implies)
QString displayLabels(const QString &labels, const QString &serviceLabel)
{
    QStringList parts;
    static const QRegularExpression pair(QStringLiteral(R"re((\w+)="((?:[^"\\]|\\.)*)")re"));
    auto it = pair.globalMatch(labels);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        if (m.captured(0) == serviceLabel)
            continue;
        parts << m.captured(1) + QLatin1Char('=') + m.captured(2);
    }
    return parts.join(QStringLiteral(", "));
}

} // namespace

CounterModel::CounterModel(const QString &service, QObject *parent)
    : QAbstractTableModel(parent)
    , m_serviceLabel(QStringLiteral("service=\"%1\"").arg(service))
{
}

void CounterModel::update(const core::MetricsSnapshot &snapshot)
{
    for (auto it = snapshot.counters.cbegin(); it != snapshot.counters.cend(); ++it) {
        const core::MetricKey &key = it.key();
        if (!key.labels.contains(m_serviceLabel))
            continue;
        bool found = false;
        for (int r = 0; r < m_rows.size(); ++r) {
            if (m_rows[r].key == key) {
                found = true;
                if (m_rows[r].value != it.value()) {
                    m_rows[r].value = it.value();
                    Q_EMIT dataChanged(index(r, ValueColumn), index(r, ValueColumn));
                }
                break;
            }
        }
        if (found)
            continue;
        Row row;
        row.key = key;
        row.metric = displayMetric(key.name);
        row.labels = displayLabels(key.labels, m_serviceLabel);
        row.value = it.value();
        row.bytes = key.name.contains(QLatin1String("bytes"));
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size()));
        m_rows.append(row);
        endInsertRows();
    }
}

quint64 CounterModel::total(const QString &metricName) const
{
    quint64 sum = 0;
    for (const Row &row : m_rows) {
        if (row.key.name == metricName)
            sum += row.value;
    }
    return sum;
}

int CounterModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CounterModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CounterModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &row = m_rows[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case MetricColumn:
            return row.metric;
        case LabelsColumn:
            return row.labels;
        case ValueColumn:
            return row.bytes ? QLocale().formattedDataSize(qint64(row.value)) : QLocale().toString(row.value);
        }
        break;
    case SortRole:
        return index.column() == ValueColumn ? QVariant::fromValue(row.value) : data(index, Qt::DisplayRole);
    case Qt::ToolTipRole:
        return row.key.name + QLatin1Char('{') + row.key.labels + QLatin1Char('}');
    case Qt::TextAlignmentRole:
        if (index.column() == ValueColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    }
    return {};
}

QVariant CounterModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case MetricColumn:
        return tr("Counter");
    case LabelsColumn:
        return tr("Labels");
    case ValueColumn:
        return tr("Value");
    }
    return {};
}

} // namespace homeport::ui
