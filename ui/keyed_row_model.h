#pragma once
// KeyedRowModel: the base of the console's snapshot tables (Channels and Errors pages). Each
// snapshot replaces the rows, but a model reset would drop the user's selection and scroll
// position every time the service publishes, so rows are matched by key: vanished rows are
// removed, kept rows updated in place and new ones appended (the sort proxy orders them).
// Thread affinity: the GUI thread.

#include "row_table_model.h"

#include <QHash>
#include <QString>

namespace homeport::ui {

template <typename Row>
class KeyedRowModel : public RowTableModel<Row>
{
public:
    using RowTableModel<Row>::RowTableModel;

protected:
    // Names from the dependent base, so the code below reads as in a plain class.
    using RowTableModel<Row>::m_rows;
    using RowTableModel<Row>::beginRemoveRows;
    using RowTableModel<Row>::endRemoveRows;
    using RowTableModel<Row>::beginInsertRows;
    using RowTableModel<Row>::endInsertRows;

    // `keyOf` must give each row a unique key (e.g. "appId/channel").
    template <typename KeyOf>
    void syncRows(const QList<Row> &fresh, KeyOf keyOf)
    {
        QHash<QString, int> freshIndex;
        for (int i = 0; i < fresh.size(); ++i)
            freshIndex.insert(keyOf(fresh[i]), i);

        // Backwards, so the indexes still to visit stay valid.
        for (int r = int(m_rows.size()) - 1; r >= 0; --r) {
            if (freshIndex.contains(keyOf(m_rows[r])))
                continue;
            beginRemoveRows({}, r, r);
            m_rows.removeAt(r);
            endRemoveRows();
        }

        QHash<QString, bool> kept;
        for (int r = 0; r < m_rows.size(); ++r) {
            const QString key = keyOf(m_rows[r]);
            m_rows[r] = fresh[freshIndex.value(key)];
            kept.insert(key, true);
        }
        if (!m_rows.isEmpty())
            Q_EMIT this->dataChanged(this->index(0, 0), this->index(int(m_rows.size()) - 1, this->columnCount() - 1));

        QList<Row> added;
        for (const Row &row : fresh) {
            if (!kept.contains(keyOf(row)))
                added.append(row);
        }
        if (!added.isEmpty()) {
            beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + added.size()) - 1);
            m_rows.append(added);
            endInsertRows();
        }
    }
};

} // namespace homeport::ui
