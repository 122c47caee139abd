#pragma once
// RowTableModel: the base of the console's read-only table models: one Row a table row, a fixed
// number of columns, and the SortRole their pages' proxies sort by (numbers and times as values,
// not as the text shown), so each model only says what its cells show.
// Thread affinity: the GUI thread.

#include <QAbstractTableModel>
#include <QList>
#include <QStringList>

namespace homeport::ui {

template <typename Row>
class RowTableModel : public QAbstractTableModel
{
public:
    // What the page's QSortFilterProxyModel sorts by; a model's own roles start after it.
    static constexpr int SortRole = Qt::UserRole + 1;

    RowTableModel(int columnCount, QObject *parent)
        : QAbstractTableModel(parent)
        , m_columnCount(columnCount)
    {
    }

    int rowCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : int(m_rows.size()); }
    int columnCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : m_columnCount; }
    const Row &rowAt(int row) const { return m_rows.at(row); }
    const QList<Row> &rows() const { return m_rows; }

protected:
    // headerData() for tables with one title a column, in column order.
    static QVariant columnTitle(int section, Qt::Orientation orientation, int role, const QStringList &titles)
    {
        if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= titles.size())
            return {};
        return titles.at(section);
    }

    QList<Row> m_rows;

private:
    int m_columnCount;
};

} // namespace homeport::ui
