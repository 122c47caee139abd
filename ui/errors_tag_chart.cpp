#include "errors_tag_chart.h"

#include "theme.h"

#include <QLocale>
#include <QPainter>

#include <algorithm>

namespace homeport::ui {

namespace {
constexpr int kValuesShown = 3;     // more would not fit the line; the rest counts as "other"
constexpr int kKeyWidth = 130;
constexpr int kBarWidth = 140;

QColor shareColor(int i)
{
    // The accent, then lighter steps of it: the first value always reads as the main one.
    static const QColor colors[] = {QColor(0x3b, 0x6f, 0xd8), QColor(0x7d, 0x9f, 0xe6), QColor(0xb4, 0xc8, 0xf0)};
    return colors[std::clamp(i, 0, 2)];
}

QString percent(double fraction)
{
    const double p = fraction * 100;
    return QLocale().toString(p, 'f', p > 0 && p < 1 ? 1 : 0) + QLatin1Char('%');
}
} // namespace

ErrorsTagChart::ErrorsTagChart(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Minimum);
}

void ErrorsTagChart::setTags(const QList<errors::TagSummary> &tags, qint64 total)
{
    m_tags = tags;
    m_total = total;
    updateGeometry();
    update();
}

QList<ErrorsTagChart::Share> ErrorsTagChart::sharesOf(const errors::TagSummary &tag) const
{
    qint64 sum = 0;
    for (const auto &value : tag.topValues)
        sum += value.second;
    // Tags are counted per event that has them; the count is the whole only if larger.
    const double whole = double(std::max<qint64>({m_total, sum, 1}));
    QList<Share> shares;
    qint64 shown = 0;
    for (int i = 0; i < tag.topValues.size() && i < kValuesShown; ++i) {
        // Values such as an OS description may carry line breaks; one line is drawn per tag.
        shares.append({tag.topValues[i].first.simplified(), tag.topValues[i].second / whole});
        shown += tag.topValues[i].second;
    }
    if (whole - shown > 0.5)
        shares.append({tr("other"), (whole - shown) / whole});
    return shares;
}

QStringList ErrorsTagChart::lines() const
{
    QStringList out;
    for (const errors::TagSummary &tag : m_tags) {
        QStringList parts;
        for (const Share &share : sharesOf(tag))
            parts << tr("%1 %2").arg(share.value, percent(share.fraction));
        out << tr("%1: %2").arg(tag.key, parts.join(QStringLiteral(" · ")));
    }
    return out;
}

int ErrorsTagChart::rowHeight() const
{
    return fontMetrics().height() + 8;
}

QSize ErrorsTagChart::sizeHint() const
{
    return QSize(kKeyWidth + kBarWidth + 260, std::max(1, int(m_tags.size())) * rowHeight());
}

QSize ErrorsTagChart::minimumSizeHint() const
{
    return QSize(kKeyWidth + kBarWidth + 80, std::max(1, int(m_tags.size())) * rowHeight());
}

void ErrorsTagChart::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const QFontMetrics fm = fontMetrics();
    QFont bold = font();
    bold.setWeight(QFont::DemiBold);
    const int h = rowHeight();
    for (int row = 0; row < m_tags.size(); ++row) {
        const errors::TagSummary &tag = m_tags[row];
        const QRect line(0, row * h, width(), h);
        painter.setFont(bold);
        painter.setPen(Theme::text());
        painter.drawText(line.adjusted(0, 0, -(width() - kKeyWidth + 8), 0), Qt::AlignLeft | Qt::AlignVCenter,
                         QFontMetrics(bold).elidedText(tag.key, Qt::ElideRight, kKeyWidth - 8));
        painter.setFont(font());

        const QList<Share> shares = sharesOf(tag);
        const QRectF bar(kKeyWidth, line.center().y() - 4, kBarWidth, 8);
        painter.fillRect(bar, Theme::border());
        double x = bar.left();
        QStringList legend;
        for (int i = 0; i < shares.size(); ++i) {
            const bool other = i == shares.size() - 1 && i >= std::min<int>(kValuesShown, int(tag.topValues.size()));
            const double w = bar.width() * shares[i].fraction;
            if (!other)
                painter.fillRect(QRectF(x, bar.top(), w, bar.height()), shareColor(i));
            x += w;
            legend << tr("%1 %2").arg(shares[i].value, percent(shares[i].fraction));
        }
        painter.setPen(Theme::mutedText());
        const QRect text = line.adjusted(kKeyWidth + kBarWidth + 10, 0, 0, 0);
        painter.drawText(text, Qt::AlignLeft | Qt::AlignVCenter,
                         fm.elidedText(legend.join(QStringLiteral(" · ")), Qt::ElideRight, text.width()));
    }
}

} // namespace homeport::ui
