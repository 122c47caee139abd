#pragma once
// LogModel: the log lines the Logs page shows (time, level, category, message), bounded so a
// chatty service cannot grow the console's memory without limit.
// Thread affinity: the GUI thread. Lines arrive as copies (LogStream::lineAdded is queued).

#include "core/log_stream.h"

#include <QAbstractTableModel>
#include <QList>

namespace homeport::ui {

class LogModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TimeColumn, LevelColumn, CategoryColumn, MessageColumn, ColumnCount };
    // Severity rank for filtering (debug 0 < info 1 < warning 2 < critical 3 < fatal 4):
    // QtMsgType's own values are not ordered (QtInfoMsg is 4).
    static constexpr int SeverityRole = Qt::UserRole + 1;
    // The timestamp as a QDateTime, for sorting by time across midnight.
    static constexpr int TimeRole = Qt::UserRole + 2;
    // As many lines as LogStream keeps: the page can show everything the stream still has.
    static constexpr int kMaxLines = core::LogStream::kKeptLines;

    explicit LogModel(QObject *parent = nullptr);

    static int severity(QtMsgType type);

    void append(const QList<core::LogLine> &lines);
    void clear();
    const core::LogLine &line(int row) const { return m_lines[row]; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<core::LogLine> m_lines;
};

} // namespace homeport::ui
