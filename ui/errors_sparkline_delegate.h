#pragma once
// ErrorsSparklineDelegate: draws an issue's last 24 hours (24 hourly counts) as tiny bars inside
// its table cell, the way Sentry's issue stream does. A QChartView per row would be far too heavy
// for a table of hundreds of issues; painting 24 rectangles is not.
// Thread affinity: the GUI thread.

#include <QStyledItemDelegate>

namespace homeport::ui {

class ErrorsSparklineDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    // `valuesRole` holds a QVector<int>, oldest first.
    explicit ErrorsSparklineDelegate(int valuesRole, QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    int m_valuesRole;
};

} // namespace homeport::ui
