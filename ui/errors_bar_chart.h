#pragma once
// ErrorsBarChart: a plain bar chart (one bar per bucket, oldest left) with a light grid, a peak
// label and labels under the first, middle and last bar. Used for events per minute and an
// issue's last 30 days. Painted directly: dozens of bars with a QBarSeries need unique category
// names and redraw slowly, and these charts are updated every second.
// Thread affinity: the GUI thread.

#include <QStringList>
#include <QVector>
#include <QWidget>

namespace homeport::ui {

class ErrorsBarChart : public QWidget
{
    Q_OBJECT
public:
    explicit ErrorsBarChart(QWidget *parent = nullptr);

    // `labels` go under the first, middle and last bar (any may be empty).
    void setValues(const QVector<double> &values, const QStringList &labels = {});
    QVector<double> values() const { return m_values; }
    double peak() const;
    double total() const;
    // Shown as the y-axis title, e.g. "events / min".
    void setUnit(const QString &unit);
    void setCompact(bool compact);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;

private:
    int barAt(const QPoint &pos) const;
    QRectF plotRect() const;

    QVector<double> m_values;
    QStringList m_labels;
    QString m_unit;
    bool m_compact = false;
};

} // namespace homeport::ui
