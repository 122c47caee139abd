#include "table_filter.h"

#include <QAbstractItemModel>
#include <QBoxLayout>
#include <QHeaderView>
#include <QStackedWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTimer>

namespace homeport::ui {

namespace {
// The box layout that holds `widget` directly, or null.
QBoxLayout *boxHolding(QWidget *widget, int *index)
{
    QWidget *parent = widget->parentWidget();
    if (!parent || !parent->layout())
        return nullptr;
    // The widget may sit in a nested layout of its parent's.
    QList<QLayout *> pending{parent->layout()};
    while (!pending.isEmpty()) {
        QLayout *layout = pending.takeFirst();
        const int at = layout->indexOf(widget);
        if (at >= 0) {
            *index = at;
            return qobject_cast<QBoxLayout *>(layout);
        }
        for (int i = 0; i < layout->count(); ++i) {
            if (QLayout *child = layout->itemAt(i)->layout())
                pending << child;
        }
    }
    return nullptr;
}
} // namespace

TableFilter *TableFilter::install(QTableView *view)
{
    // A table shown through a stack (table or "no rows yet") gets its filter over the stack.
    QWidget *anchor = view;
    int index = -1;
    QBoxLayout *layout = boxHolding(anchor, &index);
    while (!layout && qobject_cast<QStackedWidget *>(anchor->parentWidget())) {
        anchor = anchor->parentWidget();
        layout = boxHolding(anchor, &index);
    }
    if (!layout)
        return nullptr;
    auto *filter = new TableFilter(view, anchor->parentWidget());
    // A page short of height may name a tool row for it (kTableFilterRow) instead of a line of its own.
    if (auto *row = qobject_cast<QBoxLayout *>(anchor->property(kTableFilterRow).value<QObject *>()))
        row->addWidget(filter);
    else
        layout->insertWidget(index, filter);
    // Over a stack's "no rows yet" there is nothing to filter.
    if (auto *stack = qobject_cast<QStackedWidget *>(anchor); stack && anchor != view) {
        const auto follow = [stack, filter, view] { filter->setVisible(stack->currentWidget() == view); };
        follow();
        connect(stack, &QStackedWidget::currentChanged, filter, follow);
    }
    return filter;
}

TableFilter::TableFilter(QTableView *view, QWidget *parent)
    : QLineEdit(parent)
    , m_view(view)
{
    setObjectName(QStringLiteral("tableFilter-") + view->objectName());
    setPlaceholderText(tr("Filter this table…"));
    setClearButtonEnabled(true);
    setMaximumWidth(320);

    if (!view->isSortingEnabled()) {
        if (auto *widget = qobject_cast<QTableWidget *>(view)) {
            // Sorting on every insertion would move rows while their cells are being filled;
            // a click sorts what is there instead.
            QHeaderView *header = widget->horizontalHeader();
            header->setSectionsClickable(true);
            header->setSortIndicatorShown(true);
            connect(header, &QHeaderView::sectionClicked, widget, [widget, header](int column) {
                widget->sortItems(column, header->sortIndicatorOrder());
            });
        } else {
            view->setSortingEnabled(true);
        }
    }
    connect(this, &QLineEdit::textChanged, this, &TableFilter::apply);
    watchModel();
}

void TableFilter::watchModel()
{
    QAbstractItemModel *model = m_view->model();
    if (!model)
        return;
    connect(model, &QAbstractItemModel::modelReset, this, &TableFilter::scheduleApply);
    connect(model, &QAbstractItemModel::layoutChanged, this, &TableFilter::scheduleApply);
    connect(model, &QAbstractItemModel::rowsInserted, this, &TableFilter::scheduleApply);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &TableFilter::scheduleApply);
    connect(model, &QAbstractItemModel::dataChanged, this, &TableFilter::scheduleApply);
}

void TableFilter::scheduleApply()
{
    // Models change row by row; one pass after the burst is enough.
    if (m_applyQueued || text().isEmpty())
        return;
    m_applyQueued = true;
    QTimer::singleShot(0, this, [this] {
        m_applyQueued = false;
        apply();
    });
}

void TableFilter::apply()
{
    if (!m_view || !m_view->model())
        return;
    const QAbstractItemModel *model = m_view->model();
    const QString needle = text().trimmed();
    const int rows = model->rowCount();
    const int columns = model->columnCount();
    for (int r = 0; r < rows; ++r) {
        bool match = needle.isEmpty();
        for (int c = 0; !match && c < columns; ++c)
            match = model->index(r, c).data().toString().contains(needle, Qt::CaseInsensitive);
        m_view->setRowHidden(r, !match);
    }
}

int TableFilter::shownRows() const
{
    if (!m_view || !m_view->model())
        return 0;
    int shown = 0;
    for (int r = 0; r < m_view->model()->rowCount(); ++r)
        shown += m_view->isRowHidden(r) ? 0 : 1;
    return shown;
}

} // namespace homeport::ui
