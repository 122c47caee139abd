#include "log_filter_model.h"

#include "log_model.h"

#include <QDateTime>

namespace homeport::ui {

LogFilterModel::LogFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
}

void LogFilterModel::setMinimumSeverity(int severity)
{
    if (m_minimumSeverity == severity)
        return;
    m_minimumSeverity = severity;
    invalidateFilter();
}

void LogFilterModel::setText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (m_text == trimmed)
        return;
    m_text = trimmed;
    invalidateFilter();
}

bool LogFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *model = sourceModel();
    const QModelIndex first = model->index(sourceRow, 0, sourceParent);
    if (model->data(first, LogModel::SeverityRole).toInt() < m_minimumSeverity)
        return false;
    if (m_text.isEmpty())
        return true;
    for (int column : {int(LogModel::CategoryColumn), int(LogModel::MessageColumn)}) {
        if (model->data(model->index(sourceRow, column, sourceParent)).toString().contains(m_text, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

bool LogFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (left.column() == LogModel::TimeColumn)
        return left.data(LogModel::TimeRole).toDateTime() < right.data(LogModel::TimeRole).toDateTime();
    if (left.column() == LogModel::LevelColumn)
        return left.data(LogModel::SeverityRole).toInt() < right.data(LogModel::SeverityRole).toInt();
    return QSortFilterProxyModel::lessThan(left, right);
}

} // namespace homeport::ui
