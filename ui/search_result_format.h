#pragma once
// SearchResultFormat: turns Typesense answers into what the Search page shows: a hit's
// highlighted snippet as rich text (the server's <mark> parts emphasised, everything else
// escaped, so a document can never inject markup), a search response's hits and facet counts as
// HTML, and the scoped search key of a parent key and embedded parameters.
// Thread affinity: none (pure functions).

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

namespace homeport::ui {

class SearchResultFormat
{
    Q_DECLARE_TR_FUNCTIONS(homeport::ui::SearchResultFormat)
public:
    // `snippet` as Typesense sends it ("the <mark>quick</mark> fox"): only the mark tags become
    // markup; any other text, tags included, is shown as written.
    static QString highlightHtml(const QString &snippet, const QString &startTag = QStringLiteral("<mark>"),
                                 const QString &endTag = QStringLiteral("</mark>"));
    // The hits of a search response: per hit its highlighted fields (or the document's first
    // string fields when nothing matched a word, as for q=*) and its id.
    static QString hitsHtml(const QJsonObject &response);
    // The facet_counts of a search response: per field its values with counts.
    static QString facetsHtml(const QJsonObject &response);
    // "12 of 3,400 documents · page 1 · 3 ms on the server".
    static QString summaryText(const QJsonObject &response);

    // A scoped search key: base64(base64(HMAC-SHA256(parentKey, params)) + parentKey[0:4] + params),
    // the algorithm Typesense's clients use (generateScopedSearchKey).
    static QString scopedSearchKey(const QString &parentKey, const QByteArray &compactParamsJson);
};

} // namespace homeport::ui
