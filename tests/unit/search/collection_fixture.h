#pragma once
// Test helpers: a Collection from a schema that the test knows is valid (created at a fixed time,
// so answers that carry created_at are stable), and a search the test knows is valid; a schema or
// search error stops the test run at once, and so does an answer not written as QJsonDocument
// would write it.

#include "search/collection.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QStringList>

#include <memory>

inline std::unique_ptr<homeport::search::Collection> makeCollection(const QJsonObject &schema)
{
    std::unique_ptr<homeport::search::Collection> c;
    const homeport::search::ApiError e = homeport::search::Collection::fromSchema(schema, 1700000000, &c);
    if (e.failed())
        qFatal("schema: %s", qPrintable(e.message));
    return c;
}

inline QJsonObject run(const homeport::search::Collection &c, const homeport::search::SearchParams &p)
{
    homeport::search::ApiError e;
    const QByteArray answer = c.searchJson(p, &e);
    if (e.failed())
        qFatal("search: %s", qPrintable(e.message));
    // The answer is written without a QJsonObject: it must be what QJsonDocument writes for the
    // object it reads as (member order, numbers, escapes), so every test's search checks that.
    const QJsonObject r = QJsonDocument::fromJson(answer).object();
    if (QJsonDocument(r).toJson(QJsonDocument::Compact) != answer)
        qFatal("search answer not as QJsonDocument writes it: %s", answer.constData());
    return r;
}

// The ids of an answer's hits, in their order.
inline QStringList hitIds(const QJsonObject &r)
{
    QStringList out;
    for (const QJsonValue &h : r.value("hits").toArray())
        out << h.toObject().value("document").toObject().value("id").toString();
    return out;
}

// An answer's facet counts by field and value, their order aside.
using FacetCounts = QMap<QString, QMap<QString, int>>;
inline FacetCounts facetCountsByValue(const QJsonObject &r)
{
    FacetCounts out;
    for (const QJsonValue &f : r.value("facet_counts").toArray())
        for (const QJsonValue &v : f.toObject().value("counts").toArray())
            out[f.toObject().value("field_name").toString()][v.toObject().value("value").toString()] = v.toObject().value("count").toInt();
    return out;
}

// What two ways of walking the same documents must both answer: `found`, the facet counts and,
// per hit, its id and text match (and its highlights with `withHighlights`); search_time_ms and
// the rest aside.
inline QJsonObject rankedAnswer(const QJsonObject &r, bool withHighlights = false)
{
    QJsonArray hits;
    for (const QJsonValue &h : r.value("hits").toArray()) {
        QJsonObject hit{{"id", h.toObject().value("document").toObject().value("id")},
                        {"text_match", h.toObject().value("text_match")},
                        {"text_match_info", h.toObject().value("text_match_info")}};
        if (withHighlights)
            hit.insert("highlights", h.toObject().value("highlights"));
        hits.append(hit);
    }
    return QJsonObject{{"found", r.value("found")}, {"facet_counts", r.value("facet_counts")}, {"hits", hits}};
}
