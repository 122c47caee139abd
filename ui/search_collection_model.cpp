#include "search_collection_model.h"

#include <QDateTime>
#include <QLocale>

namespace homeport::ui {

SearchCollectionModel::SearchCollectionModel(QObject *parent)
    : KeyedRowModel<search::CollectionInfo>(ColumnCount, parent)
{
}

void SearchCollectionModel::setCollections(const QList<search::CollectionInfo> &collections)
{
    syncRows(collections, [](const search::CollectionInfo &c) { return c.name; });
}

int SearchCollectionModel::rowOf(const QString &name) const
{
    for (int r = 0; r < m_rows.size(); ++r) {
        if (m_rows[r].name == name)
            return r;
    }
    return -1;
}

QString SearchCollectionModel::bytesText(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

QVariant SearchCollectionModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const search::CollectionInfo &c = m_rows[index.row()];
    if (role == NameRole)
        return c.name;
    if (role == Qt::TextAlignmentRole && index.column() != NameColumn)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == MemoryColumn)
        return tr("What the collection's index holds in the service's memory: posting lists, the word dictionary, "
                  "sort and facet columns and the document records. The documents themselves are read from disk.");
    if (role == Qt::ToolTipRole && index.column() == DocumentsSizeColumn)
        return tr("The documents as compact JSON, as the collection's log holds them on disk.");
    if (role == Qt::ToolTipRole && index.column() == FieldsColumn) {
        QStringList fields;
        for (const search::CollectionField &f : c.fields)
            fields << QStringLiteral("%1 (%2)").arg(f.name, f.type);
        return fields.join(QLatin1Char('\n'));
    }
    const bool sort = role == SortRole;
    if (role != Qt::DisplayRole && !sort)
        return {};
    const QLocale locale;
    switch (index.column()) {
    case NameColumn:
        return c.name;
    case DocumentsColumn:
        return sort ? QVariant(c.numDocuments) : QVariant(locale.toString(c.numDocuments));
    case MemoryColumn:
        return sort ? QVariant(c.memoryBytes) : QVariant(bytesText(c.memoryBytes));
    case DocumentsSizeColumn:
        return sort ? QVariant(c.estimatedBytes) : QVariant(bytesText(c.estimatedBytes));
    case FieldsColumn:
        return sort ? QVariant(int(c.fields.size())) : QVariant(locale.toString(int(c.fields.size())));
    case CreatedColumn:
        if (sort)
            return c.createdAt;
        return c.createdAt > 0 ? locale.toString(QDateTime::fromSecsSinceEpoch(c.createdAt), QLocale::ShortFormat)
                               : QString();
    }
    return {};
}

QVariant SearchCollectionModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    return columnTitle(section, orientation, role,
                       {tr("Name"), tr("Documents"), tr("Memory"), tr("Documents' size"), tr("Fields"), tr("Created")});
}

} // namespace homeport::ui
