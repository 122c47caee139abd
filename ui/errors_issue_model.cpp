#include "errors_issue_model.h"

#include "age_text.h"
#include "theme.h"

#include <QLocale>

namespace homeport::ui {

namespace {
int levelRank(const QString &level)
{
    // Sorting by level puts the worst first when descending.
    static const QStringList order = {QStringLiteral("debug"), QStringLiteral("info"), QStringLiteral("warning"),
                                      QStringLiteral("error"), QStringLiteral("fatal")};
    return int(order.indexOf(level.toLower()));
}
} // namespace

ErrorsIssueModel::ErrorsIssueModel(QObject *parent)
    : KeyedRowModel<errors::IssueSummary>(ColumnCount, parent)
    , m_now(QDateTime::currentDateTimeUtc())
{
}

void ErrorsIssueModel::setIssues(const QList<errors::IssueSummary> &issues)
{
    m_now = QDateTime::currentDateTimeUtc();
    syncRows(issues, [](const errors::IssueSummary &issue) { return QString::number(issue.id); });
}

int ErrorsIssueModel::rowOf(qint64 issueId) const
{
    for (int r = 0; r < m_rows.size(); ++r) {
        if (m_rows[r].id == issueId)
            return r;
    }
    return -1;
}

void ErrorsIssueModel::setStatus(qint64 issueId, errors::IssueStatus status)
{
    const int row = rowOf(issueId);
    if (row < 0)
        return;
    m_rows[row].status = status;
    Q_EMIT dataChanged(index(row, StatusColumn), index(row, StatusColumn));
}

void ErrorsIssueModel::setNow(const QDateTime &now)
{
    m_now = now;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, FirstSeenColumn), index(int(m_rows.size()) - 1, LastSeenColumn));
}

QString ErrorsIssueModel::serverSortField(int column)
{
    switch (column) {
    case CountColumn:
        return QStringLiteral("count");
    case UsersColumn:
        return QStringLiteral("users");
    case FirstSeenColumn:
        return QStringLiteral("first_seen");
    case LastSeenColumn:
        return QStringLiteral("last_seen");
    default:
        break;
    }
    return {};
}

QColor ErrorsIssueModel::levelColor(const QString &level)
{
    const QString l = level.toLower();
    if (l == QLatin1String("fatal"))
        return QColor(0x9b, 0x1c, 0x4a);
    if (l == QLatin1String("error"))
        return Theme::failed();
    if (l == QLatin1String("warning"))
        return Theme::busy();
    if (l == QLatin1String("info"))
        return Theme::accent();
    return Theme::stopped();
}

QString ErrorsIssueModel::statusText(errors::IssueStatus status)
{
    switch (status) {
    case errors::IssueStatus::Unresolved:
        return tr("unresolved");
    case errors::IssueStatus::Resolved:
        return tr("resolved");
    case errors::IssueStatus::Ignored:
        return tr("ignored");
    }
    return {};
}

QVariant ErrorsIssueModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const errors::IssueSummary &issue = m_rows[index.row()];
    switch (role) {
    case IssueIdRole:
        return issue.id;
    case TrendRole:
        return QVariant::fromValue(issue.last24Hours);
    case SortRole:
        switch (index.column()) {
        case LevelColumn:
            return levelRank(issue.level);
        case CountColumn:
            return issue.count;
        case UsersColumn:
            return issue.users;
        case TrendColumn: {
            qint64 sum = 0;
            for (int n : issue.last24Hours)
                sum += n;
            return sum;
        }
        case FirstSeenColumn:
            return issue.firstSeen.isValid() ? issue.firstSeen.toMSecsSinceEpoch() : qint64(-1);
        case LastSeenColumn:
            return issue.lastSeen.isValid() ? issue.lastSeen.toMSecsSinceEpoch() : qint64(-1);
        case StatusColumn:
            return int(issue.status);
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::DisplayRole:
        switch (index.column()) {
        case TitleColumn:
            // A message's title may span lines; a row shows its first (the tooltip has it all).
            return issue.title.section(QLatin1Char('\n'), 0, 0, QString::SectionSkipEmpty).simplified();
        case CulpritColumn:
            return issue.culprit.simplified();
        case LevelColumn:
            return issue.level;
        case CountColumn:
            return QLocale().toString(issue.count);
        case UsersColumn:
            return QLocale().toString(issue.users);
        case TrendColumn:
            return QString(); // drawn by ErrorsSparklineDelegate
        case FirstSeenColumn:
            return AgeText::ago(issue.firstSeen, m_now);
        case LastSeenColumn:
            return AgeText::ago(issue.lastSeen, m_now);
        case StatusColumn:
            return statusText(issue.status);
        }
        break;
    case Qt::ForegroundRole:
        if (index.column() == LevelColumn)
            return levelColor(issue.level);
        if (index.column() == CulpritColumn)
            return Theme::mutedText();
        if (index.column() == StatusColumn && issue.status != errors::IssueStatus::Unresolved)
            return Theme::mutedText();
        break;
    case Qt::FontRole:
        if (index.column() == TitleColumn) {
            QFont font;
            font.setWeight(QFont::DemiBold);
            return font;
        }
        if (index.column() == CulpritColumn)
            return Theme::monospaceFont();
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == CountColumn || index.column() == UsersColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case Qt::ToolTipRole:
        switch (index.column()) {
        case TitleColumn:
            return issue.title;
        case CulpritColumn:
            return issue.culprit;
        case FirstSeenColumn:
            return QLocale().toString(issue.firstSeen.toLocalTime(), QLocale::LongFormat);
        case LastSeenColumn:
            return QLocale().toString(issue.lastSeen.toLocalTime(), QLocale::LongFormat);
        case TrendColumn: {
            qint64 sum = 0;
            for (int n : issue.last24Hours)
                sum += n;
            return tr("%1 events in the last 24 hours").arg(QLocale().toString(sum));
        }
        default:
            break;
        }
        break;
    default:
        break;
    }
    return {};
}

QVariant ErrorsIssueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole && !serverSortField(section).isEmpty())
        return tr("Sorted by the errors service across every matching issue");
    return columnTitle(section, orientation, role,
                       {tr("Issue"), tr("Culprit"), tr("Level"), tr("Events"), tr("Users"), tr("Last 24 h"),
                        tr("First seen"), tr("Last seen"), tr("Status")});
}

} // namespace homeport::ui
