#pragma once
// ErrorsTagChart: an issue's tags, one line each: the key, a bar split among its most frequent
// values (the rest grey), and the values with their share of the events.
// Thread affinity: the GUI thread.

#include "errors/errors_monitor.h"

#include <QWidget>

namespace homeport::ui {

class ErrorsTagChart : public QWidget
{
    Q_OBJECT
public:
    explicit ErrorsTagChart(QWidget *parent = nullptr);

    // `total`: the event count, the 100 % of each bar.
    void setTags(const QList<errors::TagSummary> &tags, qint64 total);
    // "browser: Chrome 62% · Firefox 30% · other 8%", one line per tag, as drawn.
    QStringList lines() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    struct Share {
        QString value;
        double fraction = 0;
    };
    QList<Share> sharesOf(const errors::TagSummary &tag) const;
    int rowHeight() const;

    QList<errors::TagSummary> m_tags;
    qint64 m_total = 0;
};

} // namespace homeport::ui
