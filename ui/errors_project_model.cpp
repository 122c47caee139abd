#include "errors_project_model.h"

#include "theme.h"

#include <QLocale>

#include <limits>

namespace homeport::ui {

ErrorsProjectModel::ErrorsProjectModel(QObject *parent)
    : KeyedRowModel<errors::ProjectInfo>(ColumnCount, parent)
{
}

void ErrorsProjectModel::setProjects(const QList<errors::ProjectInfo> &projects)
{
    syncRows(projects, [](const errors::ProjectInfo &p) { return QString::number(p.id); });
}

void ErrorsProjectModel::setDsnHost(const QString &hostAndPort)
{
    if (m_dsnHost == hostAndPort)
        return;
    m_dsnHost = hostAndPort;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, DsnColumn), index(int(m_rows.size()) - 1, DsnColumn));
}

int ErrorsProjectModel::rowOf(qint64 projectId) const
{
    for (int r = 0; r < m_rows.size(); ++r) {
        if (m_rows[r].id == projectId)
            return r;
    }
    return -1;
}

QString ErrorsProjectModel::dsn(const errors::ProjectInfo &project, const QString &hostAndPort)
{
    if (project.keys.isEmpty())
        return {};
    return QStringLiteral("http://%1@%2/%3").arg(project.keys.first(), hostAndPort, QString::number(project.id));
}

QString ErrorsProjectModel::rateLimitText(int eventsPerMinute)
{
    return eventsPerMinute <= 0 ? tr("unlimited") : tr("%1 events/min").arg(QLocale().toString(eventsPerMinute));
}

QString ErrorsProjectModel::retentionText(const errors::ProjectInfo &project)
{
    return tr("%1 days · max %2 events")
        .arg(QLocale().toString(project.retentionDays), QLocale().toString(project.maxEvents));
}

QVariant ErrorsProjectModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const errors::ProjectInfo &p = m_rows[index.row()];
    switch (role) {
    case ProjectIdRole:
        return p.id;
    case SortRole:
        switch (index.column()) {
        case IdColumn:
            return p.id;
        case RateLimitColumn:
            // Unlimited sorts above every limit.
            return p.eventsPerMinute <= 0 ? std::numeric_limits<qint64>::max() : qint64(p.eventsPerMinute);
        case RetentionColumn:
            return p.retentionDays;
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return p.name;
        case IdColumn:
            return QString::number(p.id);
        case PlatformColumn:
            return p.platform;
        case DsnColumn:
            return p.keys.isEmpty() ? tr("no key") : dsn(p, m_dsnHost);
        case RateLimitColumn:
            return rateLimitText(p.eventsPerMinute);
        case RetentionColumn:
            return retentionText(p);
        }
        break;
    case Qt::FontRole:
        if (index.column() == DsnColumn)
            return Theme::monospaceFont();
        break;
    case Qt::ForegroundRole:
        if ((index.column() == DsnColumn && p.keys.isEmpty())
            || (index.column() == RateLimitColumn && p.eventsPerMinute <= 0))
            return Theme::mutedText();
        break;
    case Qt::ToolTipRole:
        if (index.column() == DsnColumn && p.keys.size() > 1)
            return tr("Other keys: %1").arg(p.keys.mid(1).join(QStringLiteral(", ")));
        break;
    default:
        break;
    }
    return {};
}

QVariant ErrorsProjectModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    return columnTitle(section, orientation, role,
                       {tr("Project"), tr("Id"), tr("Platform"), tr("DSN"), tr("Rate limit"), tr("Retention")});
}

} // namespace homeport::ui
