#include "search_result_format.h"

#include "theme.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QMessageAuthenticationCode>

namespace homeport::ui {

namespace {
constexpr int kFallbackFields = 2;
constexpr int kFallbackChars = 160;

QString markStyle()
{
    return QStringLiteral("background-color:#fde68a; font-weight:600;");
}

QString plainValue(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isArray()) {
        QStringList parts;
        for (const QJsonValue &e : v.toArray())
            parts << plainValue(e);
        return parts.join(QStringLiteral(", "));
    }
    if (v.isObject())
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    return v.toVariant().toString();
}
} // namespace

QString SearchResultFormat::highlightHtml(const QString &snippet, const QString &startTag, const QString &endTag)
{
    QString out;
    qsizetype from = 0;
    while (from < snippet.size()) {
        const qsizetype start = snippet.indexOf(startTag, from);
        if (start < 0)
            break;
        const qsizetype end = snippet.indexOf(endTag, start + startTag.size());
        if (end < 0)
            break;
        out += snippet.mid(from, start - from).toHtmlEscaped();
        out += QStringLiteral("<span style=\"%1\">").arg(markStyle());
        out += snippet.mid(start + startTag.size(), end - start - startTag.size()).toHtmlEscaped();
        out += QStringLiteral("</span>");
        from = end + endTag.size();
    }
    out += snippet.mid(from).toHtmlEscaped();
    return out;
}

QString SearchResultFormat::hitsHtml(const QJsonObject &response)
{
    const QJsonArray hits = response.value(QStringLiteral("hits")).toArray();
    const QString muted = Theme::mutedText().name();
    QString html;
    for (const QJsonValue &h : hits) {
        const QJsonObject hit = h.toObject();
        const QJsonObject doc = hit.value(QStringLiteral("document")).toObject();
        // One paragraph a hit (Qt's rich text honours paragraph margins, not div ones).
        html += QStringLiteral("<p style=\"margin-top:0px; margin-bottom:12px\">");
        html += QStringLiteral("<span style=\"color:%1\">id %2 · text_match %3</span>")
                    .arg(muted, doc.value(QStringLiteral("id")).toString().toHtmlEscaped(),
                         QString::number(hit.value(QStringLiteral("text_match")).toInteger()));
        int shown = 0;
        for (const QJsonValue &hv : hit.value(QStringLiteral("highlights")).toArray()) {
            const QJsonObject hl = hv.toObject();
            QString snippet = hl.value(QStringLiteral("snippet")).toString();
            if (snippet.isEmpty()) {
                QStringList parts;
                for (const QJsonValue &s : hl.value(QStringLiteral("snippets")).toArray())
                    parts << s.toString();
                snippet = parts.join(QStringLiteral(" · "));
            }
            html += QStringLiteral("<br><b>%1</b>: %2")
                        .arg(hl.value(QStringLiteral("field")).toString().toHtmlEscaped(), highlightHtml(snippet));
            ++shown;
        }
        if (shown == 0) {
            for (auto it = doc.constBegin(); it != doc.constEnd() && shown < kFallbackFields; ++it) {
                if (it.key() == QLatin1String("id") || !(it.value().isString() || it.value().isArray()))
                    continue;
                QString value = plainValue(it.value());
                if (value.size() > kFallbackChars)
                    value = value.left(kFallbackChars) + QChar(0x2026);
                html += QStringLiteral("<br><b>%1</b>: %2").arg(it.key().toHtmlEscaped(), value.toHtmlEscaped());
                ++shown;
            }
        }
        html += QStringLiteral("</p>");
    }
    return html;
}

QString SearchResultFormat::facetsHtml(const QJsonObject &response)
{
    const QLocale locale;
    QString html;
    for (const QJsonValue &fv : response.value(QStringLiteral("facet_counts")).toArray()) {
        const QJsonObject facet = fv.toObject();
        html += QStringLiteral("<p style=\"margin-bottom:2px\"><b>%1</b></p><table cellspacing=\"0\" cellpadding=\"1\">")
                    .arg(facet.value(QStringLiteral("field_name")).toString().toHtmlEscaped());
        for (const QJsonValue &cv : facet.value(QStringLiteral("counts")).toArray()) {
            const QJsonObject c = cv.toObject();
            html += QStringLiteral("<tr><td>%1</td><td align=\"right\" style=\"padding-left:12px\">%2</td></tr>")
                        .arg(highlightHtml(c.value(QStringLiteral("highlighted")).toString(c.value(QStringLiteral("value")).toString())),
                             locale.toString(c.value(QStringLiteral("count")).toInteger()));
        }
        html += QStringLiteral("</table>");
    }
    return html;
}

QString SearchResultFormat::summaryText(const QJsonObject &response)
{
    const QLocale locale;
    return tr("%1 found of %2 documents · page %3 · %4 ms on the server")
        .arg(locale.toString(response.value(QStringLiteral("found")).toInteger()),
             locale.toString(response.value(QStringLiteral("out_of")).toInteger()),
             locale.toString(response.value(QStringLiteral("page")).toInteger()),
             locale.toString(response.value(QStringLiteral("search_time_ms")).toInteger()));
}

QString SearchResultFormat::scopedSearchKey(const QString &parentKey, const QByteArray &compactParamsJson)
{
    const QByteArray key = parentKey.toUtf8();
    const QByteArray digest =
        QMessageAuthenticationCode::hash(compactParamsJson, key, QCryptographicHash::Sha256).toBase64();
    return QString::fromLatin1((digest + key.left(4) + compactParamsJson).toBase64());
}

} // namespace homeport::ui
