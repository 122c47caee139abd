#include "log_model.h"

#include "theme.h"

#include <QBrush>

namespace homeport::ui {

LogModel::LogModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int LogModel::severity(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return 0;
    case QtInfoMsg:
        return 1;
    case QtWarningMsg:
        return 2;
    case QtCriticalMsg:
        return 3;
    case QtFatalMsg:
        return 4;
    }
    return 1;
}

void LogModel::append(const QList<core::LogLine> &lines)
{
    if (lines.isEmpty())
        return;
    QList<core::LogLine> incoming = lines;
    if (incoming.size() > kMaxLines)
        incoming = incoming.mid(incoming.size() - kMaxLines);
    // Drop the oldest first, in one step, so the view never holds more than kMaxLines rows.
    const qsizetype overflow = m_lines.size() + incoming.size() - kMaxLines;
    if (overflow > 0) {
        beginRemoveRows({}, 0, int(overflow) - 1);
        m_lines.remove(0, overflow);
        endRemoveRows();
    }
    beginInsertRows({}, int(m_lines.size()), int(m_lines.size() + incoming.size()) - 1);
    m_lines.append(incoming);
    endInsertRows();
}

void LogModel::clear()
{
    beginResetModel();
    m_lines.clear();
    endResetModel();
}

int LogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_lines.size());
}

int LogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_lines.size())
        return {};
    const core::LogLine &line = m_lines[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return line.time.toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz"));
        case LevelColumn:
            return line.levelName();
        case CategoryColumn:
            return line.category;
        case MessageColumn:
            return line.message;
        }
        break;
    case Qt::ToolTipRole:
        return index.column() == TimeColumn ? line.time.toLocalTime().toString(Qt::ISODateWithMs) : line.format();
    case Qt::ForegroundRole:
        if (index.column() == LevelColumn || line.level == QtCriticalMsg || line.level == QtFatalMsg) {
            if (line.level == QtCriticalMsg || line.level == QtFatalMsg)
                return QBrush(Theme::failed());
            if (line.level == QtWarningMsg)
                return QBrush(QColor(0xa7, 0x6b, 0x00));
            if (line.level == QtDebugMsg)
                return QBrush(Theme::mutedText());
        }
        break;
    case SeverityRole:
        return severity(line.level);
    case TimeRole:
        return line.time;
    }
    return {};
}

QVariant LogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case LevelColumn:
        return tr("Level");
    case CategoryColumn:
        return tr("Category");
    case MessageColumn:
        return tr("Message");
    }
    return {};
}

} // namespace homeport::ui
