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

void LogFilterModel::setService(const QString &service)
{
    if (m_service == service)
        return;
    m_service = service;
    invalidateFilter();
}

bool LogFilterModel::lineIsAbout(const QString &category, const QString &message, const QString &service)
{
    if (service.isEmpty())
        return true;
    const QString own = QStringLiteral("homeport.") + service;
    if (category == own || category.startsWith(own + QLatin1Char('.')))
        return true;
    // The host ("storage failed: ...") and the HTTP engine ("storage 127.0.0.1 GET ...") name the
    // service first.
    if (category == QLatin1String("homeport.core") || category.startsWith(QLatin1String("homeport.http"))) {
        if (!message.startsWith(service))
            return false;
        const QChar next = message.size() > service.size() ? message.at(service.size()) : QChar(QLatin1Char(' '));
        return next == QLatin1Char(' ') || next == QLatin1Char(':');
    }
    return false;
}

bool LogFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *model = sourceModel();
    const QModelIndex first = model->index(sourceRow, 0, sourceParent);
    if (model->data(first, LogModel::SeverityRole).toInt() < m_minimumSeverity)
        return false;
    if (!m_service.isEmpty()
        && !lineIsAbout(model->data(model->index(sourceRow, LogModel::CategoryColumn, sourceParent)).toString(),
                        model->data(model->index(sourceRow, LogModel::MessageColumn, sourceParent)).toString(),
                        m_service))
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
