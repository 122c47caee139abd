#pragma once
// ErrorsIssueModel: the issues list the errors service answered (title, culprit, level, events,
// users, the last 24 hours, first and last seen, status). Rows are kept by issue id, so a fresh
// answer after issuesChanged() updates counts in place without losing the user's selection.
// Thread affinity: the GUI thread. Fed with the IssueSummary lists of ErrorsMonitor::issuesReady.

#include "keyed_row_model.h"
#include "errors/errors_monitor.h"

#include <QColor>
#include <QDateTime>

namespace homeport::ui {

class ErrorsIssueModel : public KeyedRowModel<errors::IssueSummary>
{
    Q_OBJECT
public:
    enum Column {
        TitleColumn,
        CulpritColumn,
        LevelColumn,
        CountColumn,
        UsersColumn,
        TrendColumn,
        FirstSeenColumn,
        LastSeenColumn,
        StatusColumn,
        ColumnCount
    };
    static constexpr int IssueIdRole = Qt::UserRole + 2;
    static constexpr int TrendRole = Qt::UserRole + 3; // QVector<int>: 24 hourly counts, oldest first

    explicit ErrorsIssueModel(QObject *parent = nullptr);

    void setIssues(const QList<errors::IssueSummary> &issues);
    // -1 when the issue is not in the table.
    int rowOf(qint64 issueId) const;
    // Changes one row's status at once (the service confirms with issuesChanged later).
    void setStatus(qint64 issueId, errors::IssueStatus status);
    // The clock the relative times are measured against.
    void setNow(const QDateTime &now);

    // The server-side sort field ("count", "last_seen", ...) of a column; empty for columns the
    // service cannot sort by, which are sorted here instead.
    static QString serverSortField(int column);
    static QColor levelColor(const QString &level);
    static QString statusText(errors::IssueStatus status);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QDateTime m_now;
};

} // namespace homeport::ui
