#include "errors_sparkline_delegate.h"

#include "theme.h"

#include <QApplication>
#include <QPainter>

#include <algorithm>

namespace homeport::ui {

ErrorsSparklineDelegate::ErrorsSparklineDelegate(int valuesRole, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_valuesRole(valuesRole)
{
}

void ErrorsSparklineDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                    const QModelIndex &index) const
{
    // Background, selection and focus as the style draws them for any cell.
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const QVector<int> values = index.data(m_valuesRole).value<QVector<int>>();
    if (values.isEmpty())
        return;
    const int peak = *std::max_element(values.begin(), values.end());
    const QRectF area = QRectF(option.rect).adjusted(4, 5, -4, -5);
    const int n = int(values.size());
    const double slot = area.width() / n;
    const double barWidth = std::max(1.0, slot - 1.0);
    const bool selected = option.state & QStyle::State_Selected;
    const QColor bar = selected ? option.palette.highlightedText().color() : Theme::accent();
    QColor baseline = selected ? bar : Theme::border();

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, false);
    painter->setPen(Qt::NoPen);
    painter->fillRect(QRectF(area.left(), area.bottom(), area.width(), 1), baseline);
    if (peak > 0) {
        for (int i = 0; i < n; ++i) {
            if (values[i] <= 0)
                continue;
            // At least two pixels so a single event stays visible beside a spike.
            const double h = std::max(2.0, area.height() * values[i] / peak);
            painter->fillRect(QRectF(area.left() + i * slot, area.bottom() - h + 1, barWidth, h), bar);
        }
    }
    painter->restore();
}

QSize ErrorsSparklineDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setWidth(std::max(size.width(), 24 * 3 + 8));
    return size;
}

} // namespace homeport::ui
