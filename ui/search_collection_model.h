#pragma once
// SearchCollectionModel: the search service's collections (name, documents, the memory their
// index holds, the documents' JSON size, fields, created), sortable by value.
// Thread affinity: the GUI thread. Fed with SearchSnapshot copies.

#include "keyed_row_model.h"
#include "search/search_monitor.h"

namespace homeport::ui {

class SearchCollectionModel : public KeyedRowModel<search::CollectionInfo>
{
    Q_OBJECT
public:
    enum Column { NameColumn, DocumentsColumn, MemoryColumn, DocumentsSizeColumn, FieldsColumn, CreatedColumn, ColumnCount };
    static constexpr int NameRole = Qt::UserRole + 2;

    explicit SearchCollectionModel(QObject *parent = nullptr);

    void setCollections(const QList<search::CollectionInfo> &collections);
    int rowOf(const QString &name) const;
    static QString bytesText(qint64 bytes);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
};

} // namespace homeport::ui
