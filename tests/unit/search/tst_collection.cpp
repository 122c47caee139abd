// Collection: schema validation, document validation messages, and ranking: fewer typos first,
// more matched tokens, field weight order, sort fields, later insertion first on full ties;
// typo thresholds by word length, prefix on the last token, facets and pagination.
#include "search/collection.h"
#include "search/filter_expression.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

using namespace homeport::search;

namespace {

std::unique_ptr<Collection> make(const QJsonObject &schema)
{
    std::unique_ptr<Collection> c;
    const ApiError e = Collection::fromSchema(schema, 1700000000, &c);
    if (e.failed())
        qFatal("schema: %s", qPrintable(e.message));
    return c;
}

QJsonObject booksSchema()
{
    return QJsonObject{{"name", "books"},
                       {"fields", QJsonArray{QJsonObject{{"name", "title"}, {"type", "string"}},
                                             QJsonObject{{"name", "author"}, {"type", "string"}},
                                             QJsonObject{{"name", "genre"}, {"type", "string"}, {"facet", true}},
                                             QJsonObject{{"name", "year"}, {"type", "int32"}, {"facet", true}},
                                             QJsonObject{{"name", "rating"}, {"type", "float"}, {"optional", true}}}}};
}

void add(Collection &c, const QString &id, const QString &title, const QString &author, const QString &genre, int year)
{
    QJsonObject stored;
    const ApiError e = c.write(QJsonObject{{"id", id}, {"title", title}, {"author", author}, {"genre", genre}, {"year", year}},
                               WriteAction::Create, DirtyValues::Reject, QString(), &stored);
    if (e.failed())
        qFatal("write: %s", qPrintable(e.message));
}

QStringList ids(const QJsonObject &result)
{
    QStringList out;
    for (const QJsonValue &h : result.value("hits").toArray())
        out << h.toObject().value("document").toObject().value("id").toString();
    return out;
}

QJsonObject run(const Collection &c, SearchParams p)
{
    ApiError e;
    const QJsonObject r = c.search(p, &e);
    if (e.failed())
        qFatal("search: %s", qPrintable(e.message));
    return r;
}

} // namespace

class TstCollection : public QObject
{
    Q_OBJECT
private slots:
    void schemaErrors_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        QTest::newRow("no name") << QByteArray(R"({"fields":[]})") << "Parameter `name` is required.";
        QTest::newRow("no fields") << QByteArray(R"({"name":"a"})") << "Parameter `fields` is required.";
        QTest::newRow("bad type") << QByteArray(R"({"name":"a","fields":[{"name":"x","type":"text"}]})")
                                  << "Field `x` has an invalid data type `text`, see docs for supported data types.";
        QTest::newRow("duplicate") << QByteArray(R"({"name":"a","fields":[{"name":"x","type":"string"},{"name":"x","type":"int32"}]})")
                                   << "There are duplicate field names in the schema.";
        QTest::newRow("sorting field missing") << QByteArray(R"({"name":"a","fields":[{"name":"x","type":"string"}],"default_sorting_field":"y"})")
                                               << "Default sorting field is defined as `y` but is not found in the schema.";
        QTest::newRow("sorting field type") << QByteArray(R"({"name":"a","fields":[{"name":"x","type":"string"}],"default_sorting_field":"x"})")
                                            << "Default sorting field `x` is not a sortable type.";
        QTest::newRow("wildcard required") << QByteArray(R"({"name":"a","fields":[{"name":".*","type":"auto"}]})")
                                           << "Field `.*` must be an optional field.";
    }
    void schemaErrors()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        std::unique_ptr<Collection> c;
        const ApiError e = Collection::fromSchema(QJsonDocument::fromJson(json).object(), 0, &c);
        QCOMPARE(e.status, 400);
        QCOMPARE(e.message, message);
    }

    void documentValidation()
    {
        auto c = make(booksSchema());
        QJsonObject stored;
        ApiError e = c->write(QJsonObject{{"title", "A"}, {"author", "B"}, {"genre", "C"}}, WriteAction::Create, DirtyValues::Reject, {}, &stored);
        QCOMPARE(e.message, QStringLiteral("Field `year` has been declared in the schema, but is not found in the document."));
        e = c->write(QJsonObject{{"title", 5}, {"author", "B"}, {"genre", "C"}, {"year", 1}}, WriteAction::Create, DirtyValues::Reject, {}, &stored);
        QCOMPARE(e.message, QStringLiteral("Field `title` must be a string."));
        e = c->write(QJsonObject{{"title", "A"}, {"author", "B"}, {"genre", "C"}, {"year", 1.5}}, WriteAction::Create, DirtyValues::Reject, {}, &stored);
        QCOMPARE(e.message, QStringLiteral("Field `year` must be an int32."));
        e = c->write(QJsonObject{{"id", 7}, {"title", "A"}}, WriteAction::Create, DirtyValues::Reject, {}, &stored);
        QCOMPARE(e.message, QStringLiteral("Document's `id` field should be a string."));
        // coercion
        e = c->write(QJsonObject{{"id", "c"}, {"title", 5}, {"author", "B"}, {"genre", "C"}, {"year", "1999"}}, WriteAction::Create,
                     DirtyValues::CoerceOrReject, {}, &stored);
        QVERIFY(!e.failed());
        QCOMPARE(stored.value("title").toString(), QStringLiteral("5"));
        QCOMPARE(stored.value("year").toInt(), 1999);
        e = c->write(QJsonObject{{"id", "c"}, {"title", "x"}, {"author", "B"}, {"genre", "C"}, {"year", 1}}, WriteAction::Create, DirtyValues::Reject, {}, &stored);
        QCOMPARE(e.status, 409);
        QCOMPARE(e.message, QStringLiteral("A document with id c already exists."));
        e = c->write(QJsonObject{{"year", 2001}}, WriteAction::Update, DirtyValues::Reject, QStringLiteral("nope"), &stored);
        QCOMPARE(e.status, 404);
        QCOMPARE(e.message, QStringLiteral("Could not find a document with id: nope"));
        e = c->write(QJsonObject{{"year", 2001}}, WriteAction::Update, DirtyValues::Reject, QStringLiteral("c"), &stored);
        QVERIFY(!e.failed());
        QCOMPARE(stored.value("title").toString(), QStringLiteral("5")); // merged
        QCOMPARE(c->numDocuments(), 1);
    }

    void rankingFewerTyposFirst()
    {
        auto c = make(booksSchema());
        add(*c, "typo", "The Hobit", "x", "g", 1);
        add(*c, "exact", "The Hobbit", "x", "g", 2);
        // typo_tokens_threshold high enough that the typo match is also returned
        const QJsonObject r = run(*c, {{"q", "hobbit"}, {"query_by", "title"}, {"typo_tokens_threshold", "10"}});
        QCOMPARE(ids(r), (QStringList{"exact", "typo"}));
        // default threshold (1): exact matches exist, so typo matches are not searched
        QCOMPARE(ids(run(*c, {{"q", "hobbit"}, {"query_by", "title"}})), (QStringList{"exact"}));
        // "hobit" is exact for one document: the other (one typo away) is not searched
        QCOMPARE(ids(run(*c, {{"q", "hobit"}, {"query_by", "title"}})), QStringList{"typo"});
        // no exact match: typo matches come back, one typo before two
        QCOMPARE(ids(run(*c, {{"q", "hobbbit"}, {"query_by", "title"}, {"typo_tokens_threshold", "10"}})), (QStringList{"exact", "typo"}));
    }

    void typoLengthRules()
    {
        auto c = make(booksSchema());
        add(*c, "1", "cat", "x", "g", 1);
        add(*c, "2", "house", "x", "g", 1);
        add(*c, "3", "elephant", "x", "g", 1);
        QCOMPARE(ids(run(*c, {{"q", "cot"}, {"query_by", "title"}, {"prefix", "false"}})), QStringList());     // 3 letters: no typo
        QCOMPARE(ids(run(*c, {{"q", "hoose"}, {"query_by", "title"}, {"prefix", "false"}})), QStringList{"2"}); // 5 letters: 1 typo
        QCOMPARE(ids(run(*c, {{"q", "hooze"}, {"query_by", "title"}, {"prefix", "false"}})), QStringList());   // 2 typos too many
        QCOMPARE(ids(run(*c, {{"q", "elefant"}, {"query_by", "title"}, {"prefix", "false"}})), QStringList{"3"}); // 7: 2 typos
        QCOMPARE(ids(run(*c, {{"q", "elefant"}, {"query_by", "title"}, {"prefix", "false"}, {"num_typos", "1"}})), QStringList());
        QCOMPARE(ids(run(*c, {{"q", "hoose"}, {"query_by", "title"}, {"prefix", "false"}, {"min_len_1typo", "6"}})), QStringList());
    }

    void prefixOnLastToken()
    {
        auto c = make(booksSchema());
        add(*c, "1", "harry potter", "x", "g", 1);
        add(*c, "2", "harry houdini", "x", "g", 1);
        QCOMPARE(ids(run(*c, {{"q", "harry pot"}, {"query_by", "title"}})), QStringList{"1"});
        QCOMPARE(ids(run(*c, {{"q", "har"}, {"query_by", "title"}})), (QStringList{"2", "1"}));
        QCOMPARE(ids(run(*c, {{"q", "har"}, {"query_by", "title"}, {"prefix", "false"}})), QStringList());
        QCOMPARE(ids(run(*c, {{"q", "har potter"}, {"query_by", "title"}})).size(), 1); // drop tokens: only 'potter'
    }

    void wordAsTypedBeforePrefixExpansion()
    {
        auto c = make(booksSchema());
        add(*c, "exact", "python tools", "x", "g", 1);
        add(*c, "prefix", "python3 tools", "x", "g", 1); // later: would win a full tie
        QCOMPARE(ids(run(*c, {{"q", "python"}, {"query_by", "title"}})), (QStringList{"exact", "prefix"}));
    }

    void moreTokensAndFieldWeights()
    {
        auto c = make(booksSchema());
        add(*c, "author", "other", "green river", "g", 1);
        add(*c, "title", "green river", "someone", "g", 1);
        add(*c, "one", "green thing", "someone", "g", 1);
        // both tokens beat one token (after drop); title (first field) beats author
        const QJsonObject r = run(*c, {{"q", "green river"}, {"query_by", "title,author"}, {"drop_tokens_threshold", "10"}});
        QCOMPARE(ids(r), (QStringList{"title", "author", "one"}));
        // weights reverse the fields
        QCOMPARE(ids(run(*c, {{"q", "green river"}, {"query_by", "title,author"}, {"query_by_weights", "1,5"}})),
                 (QStringList{"author", "title"}));
        const QJsonObject info = r.value("hits").toArray().first().toObject().value("text_match_info").toObject();
        QCOMPARE(info.value("tokens_matched").toInt(), 2);
        QCOMPARE(info.value("fields_matched").toInt(), 1);
    }

    void tiesLaterFirstAndSortFields()
    {
        auto c = make(booksSchema());
        add(*c, "a", "same words", "x", "g", 2000);
        add(*c, "b", "same words", "x", "g", 1990);
        add(*c, "c", "same words", "x", "g", 2010);
        QCOMPARE(ids(run(*c, {{"q", "same"}, {"query_by", "title"}})), (QStringList{"c", "b", "a"}));
        QCOMPARE(ids(run(*c, {{"q", "same"}, {"query_by", "title"}, {"sort_by", "year:asc"}})), (QStringList{"b", "a", "c"}));
        QCOMPARE(ids(run(*c, {{"q", "*"}, {"sort_by", "_text_match:desc,year:desc"}})), (QStringList{"c", "a", "b"}));
        ApiError e;
        c->search({{"q", "*"}, {"sort_by", "year:asc,year:desc,_text_match:desc,year:asc"}}, &e);
        QCOMPARE(e.status, 400);
        QCOMPARE(e.message, QStringLiteral("Only upto 3 sort fields are allowed."));
        c->search({{"q", "*"}, {"sort_by", "nope:asc"}}, &e);
        QCOMPARE(e.status, 404);
        QCOMPARE(e.message, QStringLiteral("Could not find a field named `nope` in the schema for sorting."));
    }

    void facetsFilterPaginationHighlight()
    {
        auto c = make(booksSchema());
        add(*c, "1", "Café Society", "Ann", "drama", 2001);
        add(*c, "2", "Cafe Racer", "Bob", "action", 2002);
        add(*c, "3", "The Cafe", "Cid", "drama", 2003);
        add(*c, "4", "Elsewhere", "Dee", "drama", 2004);
        QJsonObject r = run(*c, {{"q", "cafe"}, {"query_by", "title"}, {"facet_by", "genre,year"}, {"per_page", "2"}});
        QCOMPARE(r.value("found").toInt(), 3);
        QCOMPARE(r.value("out_of").toInt(), 4);
        QCOMPARE(r.value("hits").toArray().size(), 2);
        const QJsonArray genre = r.value("facet_counts").toArray().at(0).toObject().value("counts").toArray();
        QCOMPARE(genre.at(0).toObject().value("value").toString(), QStringLiteral("drama"));
        QCOMPARE(genre.at(0).toObject().value("count").toInt(), 2);
        const QJsonObject stats = r.value("facet_counts").toArray().at(1).toObject().value("stats").toObject();
        QCOMPARE(stats.value("min").toDouble(), 2001.0);
        QCOMPARE(stats.value("max").toDouble(), 2003.0);
        r = run(*c, {{"q", "cafe"}, {"query_by", "title"}, {"per_page", "2"}, {"page", "2"}});
        QCOMPARE(r.value("hits").toArray().size(), 1);
        QCOMPARE(ids(run(*c, {{"q", "cafe"}, {"query_by", "title"}, {"filter_by", "year:>2001 && genre:drama"}})), QStringList{"3"});
        r = run(*c, {{"q", "CAFÉ"}, {"query_by", "title"}, {"filter_by", "id:1"}});
        const QJsonObject hit = r.value("hits").toArray().first().toObject();
        QCOMPARE(hit.value("highlight").toObject().value("title").toObject().value("snippet").toString(), QStringLiteral("<mark>Café</mark> Society"));
        QCOMPARE(hit.value("highlights").toArray().first().toObject().value("matched_tokens").toArray().first().toString(), QStringLiteral("Café"));
        ApiError e;
        c->search({{"q", "*"}, {"per_page", "251"}}, &e);
        QCOMPARE(e.status, 422);
        QCOMPARE(e.message, QStringLiteral("Only upto 250 hits can be fetched per page."));
        c->search({{"q", "x"}}, &e);
        QCOMPARE(e.message, QStringLiteral("No search fields specified for the query."));
        c->search({{"query_by", "title"}}, &e);
        QCOMPARE(e.message, QStringLiteral("Parameter `q` is required."));
        c->search({{"q", "*"}, {"facet_by", "author"}}, &e);
        QCOMPARE(e.message, QStringLiteral("Could not find a facet field named `author` in the schema."));
        r = run(*c, {{"q", "*"}, {"include_fields", "title"}, {"per_page", "1"}});
        QCOMPARE(r.value("hits").toArray().first().toObject().value("document").toObject().keys(), QStringList{"title"});
    }

    void prefixCandidatesAreTheMostFrequent()
    {
        auto c = make(booksSchema());
        int n = 0;
        // "cart" appears in 5 titles, "carbon" 4, "card" 3, "cargo" 2, "carpet" 1.
        for (const auto &[word, count] : std::vector<std::pair<QString, int>>{{"cart", 5}, {"carbon", 4}, {"card", 3}, {"cargo", 2}, {"carpet", 1}})
            for (int i = 0; i < count; ++i, ++n)
                add(*c, QString::number(n), word + QStringLiteral(" thing"), "x", "g", 1);
        QCOMPARE(run(*c, {{"q", "car"}, {"query_by", "title"}}).value("found").toInt(), 5 + 4 + 3 + 2); // 4 candidates
        QCOMPARE(run(*c, {{"q", "car"}, {"query_by", "title"}, {"exhaustive_search", "true"}}).value("found").toInt(), 15);
        QCOMPARE(run(*c, {{"q", "car"}, {"query_by", "title"}, {"max_candidates", "1"}}).value("found").toInt(), 5);
        QCOMPARE(run(*c, {{"q", "carpet"}, {"query_by", "title"}}).value("found").toInt(), 1); // the exact word always
    }

    void longValuesGetASnippet()
    {
        auto c = make(booksSchema());
        QStringList words;
        for (int i = 0; i < 60; ++i)
            words << QStringLiteral("w%1").arg(i);
        words[40] = QStringLiteral("needle");
        add(*c, "long", words.join(u' '), "x", "g", 1);
        const QJsonObject r = run(*c, {{"q", "needle"}, {"query_by", "title"}});
        const QString snippet = r.value("hits").toArray().first().toObject().value("highlight").toObject()
                                    .value("title").toObject().value("snippet").toString();
        QCOMPARE(snippet, QStringLiteral("w36 w37 w38 w39 <mark>needle</mark> w41 w42 w43 w44"));
    }

    void facetQuery()
    {
        auto c = make(booksSchema());
        add(*c, "1", "a", "x", "science fiction", 1);
        add(*c, "2", "b", "x", "science fiction", 1);
        add(*c, "3", "c", "x", "social science", 1);
        add(*c, "4", "d", "x", "fantasy", 1);
        const QJsonObject r = run(*c, {{"q", "*"}, {"facet_by", "genre"}, {"facet_query", "genre:sci"}});
        const QJsonArray counts = r.value("facet_counts").toArray().first().toObject().value("counts").toArray();
        QCOMPARE(counts.size(), 2);
        QCOMPARE(counts.at(0).toObject().value("value").toString(), QStringLiteral("science fiction"));
        QCOMPARE(counts.at(0).toObject().value("highlighted").toString(), QStringLiteral("<mark>sci</mark>ence fiction"));
        QCOMPARE(counts.at(1).toObject().value("highlighted").toString(), QStringLiteral("social <mark>sci</mark>ence"));
        ApiError e;
        c->search({{"q", "*"}, {"facet_by", "genre"}, {"facet_query", "year:1"}}, &e);
        QCOMPARE(e.status, 400);
        QCOMPARE(e.message, QStringLiteral("Facet query refers to a facet field `year` that is not part of `facet_by` parameter."));
    }

    void indexedFilterEqualsScanning()
    {
        auto c = make(QJsonObject{{"name", "r"},
                                  {"fields", QJsonArray{QJsonObject{{"name", "genre"}, {"type", "string"}, {"facet", true}},
                                                        QJsonObject{{"name", "tags"}, {"type", "string[]"}},
                                                        QJsonObject{{"name", "year"}, {"type", "int32"}}}}});
        const QStringList genres{"science fiction", "fantasy", "Science", "fiction noir", "café"};
        QRandomGenerator rng(3);
        for (int i = 0; i < 300; ++i) {
            QJsonObject stored;
            const QJsonObject doc{{"id", QString::number(i)}, {"genre", genres[int(rng.bounded(5))]},
                                  {"tags", QJsonArray{genres[int(rng.bounded(5))], "t" + QString::number(rng.bounded(3))}},
                                  {"year", int(rng.bounded(30))}};
            QVERIFY(!c->write(doc, WriteAction::Upsert, DirtyValues::Reject, {}, &stored).failed());
            if (i % 7 == 0) {
                QJsonObject removed;
                c->remove(QString::number(i / 2), &removed);
            }
        }
        auto lookup = [](const QString &f, FilterKind *k) {
            *k = f == "year" ? FilterKind::Number : FilterKind::String;
            return f == "year" || f == "genre" || f == "tags" || f == "id";
        };
        for (const QString &filter : {QStringLiteral("genre:science"), QStringLiteral("genre:=Science"), QStringLiteral("genre:!=fantasy"),
                                      QStringLiteral("genre:sci*"), QStringLiteral("genre:[fantasy, cafe]"), QStringLiteral("tags:t1 && year:<10"),
                                      QStringLiteral("(genre:fiction || tags:noir) && year:[5..20]"), QStringLiteral("genre:`science fiction`"),
                                      QStringLiteral("tags:=fiction noir || id:5"), QStringLiteral("genre:nothing")}) {
            FilterExpression f;
            int status = 0;
            QString message;
            QVERIFY(f.parse(filter, lookup, &status, &message, c->analyzer()));
            QStringList expected;
            c->forEachDocument([&](const QJsonObject &d) {
                if (f.matches(d, c->analyzer()))
                    expected << d.value("id").toString();
            });
            std::vector<const QJsonObject *> got;
            QVERIFY(!c->matchingFilter(filter, &got).failed());
            QStringList gotIds;
            for (const QJsonObject *d : got)
                gotIds << d->value("id").toString();
            expected.sort();
            gotIds.sort();
            QCOMPARE(gotIds, expected);
            QCOMPARE(run(*c, {{"q", "*"}, {"filter_by", filter}}).value("found").toInt(), int(expected.size()));
        }
    }

    void facetsFollowUpdatesAndDeletes()
    {
        auto c = make(booksSchema());
        add(*c, "1", "a", "x", "drama", 2000);
        add(*c, "2", "b", "x", "drama", 2001);
        QJsonObject stored, removed;
        QVERIFY(!c->write(QJsonObject{{"genre", "comedy"}}, WriteAction::Update, DirtyValues::Reject, "1", &stored).failed());
        QVERIFY(!c->remove("2", &removed).failed());
        add(*c, "3", "c", "x", "comedy", 2002);
        const QJsonObject r = run(*c, {{"q", "*"}, {"facet_by", "genre,year"}});
        const QJsonArray genre = r.value("facet_counts").toArray().at(0).toObject().value("counts").toArray();
        QCOMPARE(genre.size(), 1);
        QCOMPARE(genre.at(0).toObject().value("value").toString(), QStringLiteral("comedy"));
        QCOMPARE(genre.at(0).toObject().value("count").toInt(), 2);
        const QJsonObject stats = r.value("facet_counts").toArray().at(1).toObject().value("stats").toObject();
        QCOMPARE(stats.value("sum").toDouble(), 4002.0);
        QCOMPARE(stats.value("avg").toDouble(), 2001.0);
        QCOMPARE(stats.value("total_values").toInt(), 2);
    }

    void quotedPhrases()
    {
        auto c = make(booksSchema());
        add(*c, "together", "the quick brown fox", "x", "g", 1);
        add(*c, "apart", "brown and quick fox", "x", "g", 1);
        add(*c, "typo", "the quick browne fox", "x", "g", 1);
        QCOMPARE(ids(run(*c, {{"q", "\"quick brown\""}, {"query_by", "title"}})), QStringList{"together"});
        QCOMPARE(ids(run(*c, {{"q", "\"quick brown\" fox"}, {"query_by", "title"}})), QStringList{"together"});
        QCOMPARE(ids(run(*c, {{"q", "\"brown fox\""}, {"query_by", "title"}})), QStringList{"together"});
        QCOMPARE(ids(run(*c, {{"q", "quick brown"}, {"query_by", "title"}})).size(), 3); // no quotes: words anywhere, "brown" also a prefix
        QCOMPARE(ids(run(*c, {{"q", "\"quick bro"}, {"query_by", "title"}})).size(), 3); // unclosed quote: plain words
    }

    void exclusionAndAutoFields()
    {
        auto c = make(QJsonObject{{"name", "auto"}, {"fields", QJsonArray{QJsonObject{{"name", ".*"}, {"type", "auto"}, {"optional", true}}}}});
        QJsonObject stored;
        QVERIFY(!c->write(QJsonObject{{"id", "1"}, {"name", "red apple"}, {"n", 3}}, WriteAction::Create, DirtyValues::Reject, {}, &stored).failed());
        QVERIFY(!c->write(QJsonObject{{"id", "2"}, {"name", "green apple"}, {"n", 4}}, WriteAction::Create, DirtyValues::Reject, {}, &stored).failed());
        QCOMPARE(ids(run(*c, {{"q", "apple -green"}, {"query_by", "name"}})), QStringList{"1"});
        QCOMPARE(ids(run(*c, {{"q", "*"}, {"filter_by", "n:>3"}})), QStringList{"2"});
    }
};

QTEST_APPLESS_MAIN(TstCollection)
#include "tst_collection.moc"
