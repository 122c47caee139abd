// Collection: schema validation, document validation messages, and ranking: fewer typos first,
// more matched tokens, field weight order, sort fields, later insertion first on full ties;
// typo thresholds by word length, prefix on the last token, facets and pagination.
#include "collection_fixture.h"
#include "search/collection.h"
#include "search/filter_expression.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

using namespace homeport::search;

namespace {

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
        auto c = makeCollection(booksSchema());
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
        auto c = makeCollection(booksSchema());
        add(*c, "typo", "The Hobit", "x", "g", 1);
        add(*c, "exact", "The Hobbit", "x", "g", 2);
        // typo_tokens_threshold high enough that the typo match is also returned
        const QJsonObject r = run(*c, {{"q", "hobbit"}, {"query_by", "title"}, {"typo_tokens_threshold", "10"}});
        QCOMPARE(hitIds(r), (QStringList{"exact", "typo"}));
        // default threshold (1): exact matches exist, so typo matches are not searched
        QCOMPARE(hitIds(run(*c, {{"q", "hobbit"}, {"query_by", "title"}})), (QStringList{"exact"}));
        // "hobit" is exact for one document: the other (one typo away) is not searched
        QCOMPARE(hitIds(run(*c, {{"q", "hobit"}, {"query_by", "title"}})), QStringList{"typo"});
        // no exact match: typo matches come back, one typo before two
        QCOMPARE(hitIds(run(*c, {{"q", "hobbbit"}, {"query_by", "title"}, {"typo_tokens_threshold", "10"}})), (QStringList{"exact", "typo"}));
    }

    void typoLengthRules()
    {
        auto c = makeCollection(booksSchema());
        add(*c, "1", "cat", "x", "g", 1);
        add(*c, "2", "house", "x", "g", 1);
        add(*c, "3", "elephant", "x", "g", 1);
        QCOMPARE(hitIds(run(*c, {{"q", "cot"}, {"query_by", "title"}, {"prefix", "false"}})), QStringList());     // 3 letters: no typo
        QCOMPARE(hitIds(run(*c, {{"q", "hoose"}, {"query_by", "title"}, {"prefix", "false"}})), QStringList{"2"}); // 5 letters: 1 typo
        QCOMPARE(hitIds(run(*c, {{"q", "hooze"}, {"query_by", "title"}, {"prefix", "false"}})), QStringList());   // 2 typos too many
        QCOMPARE(hitIds(run(*c, {{"q", "elefant"}, {"query_by", "title"}, {"prefix", "false"}})), QStringList{"3"}); // 7: 2 typos
        QCOMPARE(hitIds(run(*c, {{"q", "elefant"}, {"query_by", "title"}, {"prefix", "false"}, {"num_typos", "1"}})), QStringList());
        QCOMPARE(hitIds(run(*c, {{"q", "hoose"}, {"query_by", "title"}, {"prefix", "false"}, {"min_len_1typo", "6"}})), QStringList());
    }

    void prefixOnLastToken()
    {
        auto c = makeCollection(booksSchema());
        add(*c, "1", "harry potter", "x", "g", 1);
        add(*c, "2", "harry houdini", "x", "g", 1);
        QCOMPARE(hitIds(run(*c, {{"q", "harry pot"}, {"query_by", "title"}})), QStringList{"1"});
        QCOMPARE(hitIds(run(*c, {{"q", "har"}, {"query_by", "title"}})), (QStringList{"2", "1"}));
        QCOMPARE(hitIds(run(*c, {{"q", "har"}, {"query_by", "title"}, {"prefix", "false"}})), QStringList());
        QCOMPARE(hitIds(run(*c, {{"q", "har potter"}, {"query_by", "title"}})).size(), 1); // drop tokens: only 'potter'
    }

    void wordAsTypedBeforePrefixExpansion()
    {
        auto c = makeCollection(booksSchema());
        add(*c, "exact", "python tools", "x", "g", 1);
        add(*c, "prefix", "python3 tools", "x", "g", 1); // later: would win a full tie
        QCOMPARE(hitIds(run(*c, {{"q", "python"}, {"query_by", "title"}})), (QStringList{"exact", "prefix"}));
    }

    void moreTokensAndFieldWeights()
    {
        auto c = makeCollection(booksSchema());
        add(*c, "author", "other", "green river", "g", 1);
        add(*c, "title", "green river", "someone", "g", 1);
        add(*c, "one", "green thing", "someone", "g", 1);
        // both tokens beat one token (after drop); title (first field) beats author
        const QJsonObject r = run(*c, {{"q", "green river"}, {"query_by", "title,author"}, {"drop_tokens_threshold", "10"}});
        QCOMPARE(hitIds(r), (QStringList{"title", "author", "one"}));
        // weights reverse the fields
        QCOMPARE(hitIds(run(*c, {{"q", "green river"}, {"query_by", "title,author"}, {"query_by_weights", "1,5"}})),
                 (QStringList{"author", "title"}));
        const QJsonObject info = r.value("hits").toArray().first().toObject().value("text_match_info").toObject();
        QCOMPARE(info.value("tokens_matched").toInt(), 2);
        QCOMPARE(info.value("fields_matched").toInt(), 1);
    }

    void tiesLaterFirstAndSortFields()
    {
        auto c = makeCollection(booksSchema());
        add(*c, "a", "same words", "x", "g", 2000);
        add(*c, "b", "same words", "x", "g", 1990);
        add(*c, "c", "same words", "x", "g", 2010);
        QCOMPARE(hitIds(run(*c, {{"q", "same"}, {"query_by", "title"}})), (QStringList{"c", "b", "a"}));
        QCOMPARE(hitIds(run(*c, {{"q", "same"}, {"query_by", "title"}, {"sort_by", "year:asc"}})), (QStringList{"b", "a", "c"}));
        QCOMPARE(hitIds(run(*c, {{"q", "*"}, {"sort_by", "_text_match:desc,year:desc"}})), (QStringList{"c", "a", "b"}));
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
        auto c = makeCollection(booksSchema());
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
        QCOMPARE(hitIds(run(*c, {{"q", "cafe"}, {"query_by", "title"}, {"filter_by", "year:>2001 && genre:drama"}})), QStringList{"3"});
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
        auto c = makeCollection(booksSchema());
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
        auto c = makeCollection(booksSchema());
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
        auto c = makeCollection(booksSchema());
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
        auto c = makeCollection(QJsonObject{{"name", "r"},
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
            c->forEachDocument([&](const QByteArray &compact) {
                const QJsonObject d = QJsonDocument::fromJson(compact).object();
                if (f.matches(d, c->analyzer()))
                    expected << d.value("id").toString();
            });
            std::vector<QString> got;
            QVERIFY(!c->matchingFilter(filter, &got).failed());
            QStringList gotIds(got.begin(), got.end());
            expected.sort();
            gotIds.sort();
            QCOMPARE(gotIds, expected);
            QCOMPARE(run(*c, {{"q", "*"}, {"filter_by", filter}}).value("found").toInt(), int(expected.size()));
        }
    }

    // Documents are kept as compact JSON and read one field at a time for filters, phrases and
    // string sorting: values with quotes, backslashes, non-ASCII text, nesting and look-alike
    // key names must read back exactly as written.
    void storedDocumentsReadBackFieldByField()
    {
        auto c = makeCollection(QJsonObject{{"name", "notes"},
                                  {"fields", QJsonArray{QJsonObject{{"name", "title"}, {"type", "string"}},
                                                        QJsonObject{{"name", "label"}, {"type", "string"}, {"sort", true}},
                                                        QJsonObject{{"name", "meta"}, {"type", "object"}, {"optional", true}},
                                                        QJsonObject{{"name", "n"}, {"type", "int32"}, {"optional", true}}}}});
        const QList<QJsonObject> docs = {
            {{"id", "1"}, {"title", "say \"hello\" world"}, {"label", "b\\slash"}, {"meta", QJsonObject{{"label", "decoy"}}}, {"n", 3}},
            {{"id", "2"}, {"title", "Café crème brûlée"}, {"label", "Ünïcode"}, {"n", -7}},
            {{"id", "3"}, {"title", "hello there world"}, {"label", "a,b}]:\""}, {"label2", "x"}},
        };
        for (const QJsonObject &d : docs) {
            QJsonObject stored;
            QVERIFY(!c->write(d, WriteAction::Create, DirtyValues::Reject, {}, &stored).failed());
        }
        for (const QJsonObject &d : docs)
            QCOMPARE(*c->document(d.value("id").toString()), d);
        QCOMPARE(QJsonDocument::fromJson(c->documentBytes("2")).object(), docs[1]);
        QVERIFY(!c->document("4"));
        // label is not a facet: the filter reads the field from the stored bytes
        std::vector<QString> got;
        QVERIFY(!c->matchingFilter("label:=`b\\slash`", &got).failed());
        QCOMPARE(got, std::vector<QString>{"1"});
        got.clear();
        QVERIFY(!c->matchingFilter("label:!=`a,b}]:\"`", &got).failed());
        QCOMPARE(got, (std::vector<QString>{"1", "2"}));
        got.clear();
        QVERIFY(!c->matchingFilter("label:unicode", &got).failed());
        QCOMPARE(got, std::vector<QString>{"2"});
        // phrases read the searched field's text
        QCOMPARE(hitIds(run(*c, {{"q", "\"hello world\""}, {"query_by", "title"}})), QStringList{"1"});
        QCOMPARE(hitIds(run(*c, {{"q", "\"creme brulee\""}, {"query_by", "title"}})), QStringList{"2"});
        // string sort keys come from the stored documents
        QCOMPARE(hitIds(run(*c, {{"q", "*"}, {"sort_by", "label:asc"}})), (QStringList{"3", "1", "2"}));
        // numbers read back through the column and the document alike
        QCOMPARE(hitIds(run(*c, {{"q", "*"}, {"filter_by", "n:<0"}})), QStringList{"2"});
        // a merge reads the stored document
        QJsonObject stored;
        QVERIFY(!c->write(QJsonObject{{"n", 4}}, WriteAction::Update, DirtyValues::Reject, "1", &stored).failed());
        QJsonObject merged = docs[0];
        merged.insert("n", 4);
        QCOMPARE(*c->document("1"), merged);
    }

    void facetsFollowUpdatesAndDeletes()
    {
        auto c = makeCollection(booksSchema());
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
        auto c = makeCollection(booksSchema());
        add(*c, "together", "the quick brown fox", "x", "g", 1);
        add(*c, "apart", "brown and quick fox", "x", "g", 1);
        add(*c, "typo", "the quick browne fox", "x", "g", 1);
        QCOMPARE(hitIds(run(*c, {{"q", "\"quick brown\""}, {"query_by", "title"}})), QStringList{"together"});
        QCOMPARE(hitIds(run(*c, {{"q", "\"quick brown\" fox"}, {"query_by", "title"}})), QStringList{"together"});
        QCOMPARE(hitIds(run(*c, {{"q", "\"brown fox\""}, {"query_by", "title"}})), QStringList{"together"});
        QCOMPARE(hitIds(run(*c, {{"q", "quick brown"}, {"query_by", "title"}})).size(), 3); // no quotes: words anywhere, "brown" also a prefix
        QCOMPARE(hitIds(run(*c, {{"q", "\"quick bro"}, {"query_by", "title"}})).size(), 3); // unclosed quote: plain words
    }

    void exclusionAndAutoFields()
    {
        auto c = makeCollection(QJsonObject{{"name", "auto"}, {"fields", QJsonArray{QJsonObject{{"name", ".*"}, {"type", "auto"}, {"optional", true}}}}});
        QJsonObject stored;
        QVERIFY(!c->write(QJsonObject{{"id", "1"}, {"name", "red apple"}, {"n", 3}}, WriteAction::Create, DirtyValues::Reject, {}, &stored).failed());
        QVERIFY(!c->write(QJsonObject{{"id", "2"}, {"name", "green apple"}, {"n", 4}}, WriteAction::Create, DirtyValues::Reject, {}, &stored).failed());
        QCOMPARE(hitIds(run(*c, {{"q", "apple -green"}, {"query_by", "name"}})), QStringList{"1"});
        QCOMPARE(hitIds(run(*c, {{"q", "*"}, {"filter_by", "n:>3"}})), QStringList{"2"});
    }
    void pinnedAndHiddenHits()
    {
        auto c = makeCollection(booksSchema());
        add(*c, "1", "red apple", "x", "fruit", 2001);
        add(*c, "2", "green apple", "x", "fruit", 2002);
        add(*c, "3", "apple pie", "x", "dessert", 2003);
        add(*c, "4", "banana bread", "x", "dessert", 2004); // never matches "apple"
        add(*c, "5", "apple juice", "x", "drink", 2005);
        // ranking alone: later insertion first on ties
        QCOMPARE(hitIds(run(*c, {{"q", "apple"}, {"query_by", "title"}})), (QStringList{"5", "3", "2", "1"}));
        // a pinned document that does not match is still placed; a pinned match moves
        QJsonObject r = run(*c, {{"q", "apple"}, {"query_by", "title"}, {"pinned_hits", "4:1,1:3"}});
        QCOMPARE(hitIds(r), (QStringList{"4", "5", "1", "3", "2"}));
        QCOMPARE(r.value("found").toInt(), 5);
        QVERIFY(r.value("hits").toArray().at(0).toObject().value("curated").toBool());
        QVERIFY(r.value("hits").toArray().at(2).toObject().value("curated").toBool());
        QVERIFY(!r.value("hits").toArray().at(1).toObject().contains("curated"));
        // hidden ones leave, and hidden wins over pinned; unknown ids are skipped
        r = run(*c, {{"q", "apple"}, {"query_by", "title"}, {"hidden_hits", "5,3,nope"}, {"pinned_hits", "3:1,nope:1"}});
        QCOMPARE(hitIds(r), (QStringList{"2", "1"}));
        QCOMPARE(r.value("found").toInt(), 2);
        // several ids at one position follow each other in the order given
        QCOMPARE(hitIds(run(*c, {{"q", "apple"}, {"query_by", "title"}, {"pinned_hits", "1:2,4:2"}})), (QStringList{"5", "1", "4", "3", "2"}));
        ApiError e;
        for (const char *bad : {"2:x", "2", ":1", "2:-1", "2:1.5"}) {
            c->search({{"q", "*"}, {"pinned_hits", bad}}, &e);
            QCOMPARE(e.status, 400);
            QCOMPARE(e.message, QStringLiteral("Pinned hits are not in expected format."));
        }
        c->search({{"q", "*"}, {"pinned_hits", "2:0"}}, &e);
        QCOMPARE(e.message, QStringLiteral("Pinned hits must start from position 1."));
        // positions past the end go last; pages count them
        QCOMPARE(hitIds(run(*c, {{"q", "apple"}, {"query_by", "title"}, {"pinned_hits", "4:10"}})), (QStringList{"5", "3", "2", "1", "4"}));
        QCOMPARE(hitIds(run(*c, {{"q", "apple"}, {"query_by", "title"}, {"pinned_hits", "4:3"}, {"per_page", "2"}, {"page", "2"}})),
                 (QStringList{"4", "2"}));
        // the filter leaves curated hits alone unless filter_curated_hits is set
        QCOMPARE(hitIds(run(*c, {{"q", "*"}, {"filter_by", "genre:fruit"}, {"pinned_hits", "4:1"}})), (QStringList{"4", "2", "1"}));
        QCOMPARE(hitIds(run(*c, {{"q", "*"}, {"filter_by", "genre:fruit"}, {"pinned_hits", "4:1,1:2"}, {"filter_curated_hits", "true"}})),
                 (QStringList{"2", "1"}));
        // facets count the curated result set
        r = run(*c, {{"q", "apple"}, {"query_by", "title"}, {"facet_by", "genre"}, {"pinned_hits", "4:1"}, {"hidden_hits", "5"}});
        const QJsonArray counts = r.value("facet_counts").toArray().at(0).toObject().value("counts").toArray();
        QCOMPARE(counts.size(), 2);
        for (const QJsonValue &v : counts)
            QCOMPARE(v.toObject().value("count").toInt(), 2); // dessert: 4 and 3; fruit: 2 and 1
    }
    void groupBy()
    {
        auto c = makeCollection(booksSchema());
        add(*c, "1", "apple one", "x", "fruit", 2001);
        add(*c, "2", "apple two", "x", "fruit", 2002);
        add(*c, "3", "apple three", "x", "fruit", 2003);
        add(*c, "4", "apple four", "x", "fruit", 2004);
        add(*c, "5", "apple pie", "x", "dessert", 2005);
        add(*c, "6", "apple apple", "x", "drink", 2006); // ranks first: two matches? no: one token, later first
        QJsonObject r = run(*c, {{"q", "*"}, {"group_by", "genre"}, {"sort_by", "year:asc"}});
        QCOMPARE(r.value("found").toInt(), 3); // groups
        QCOMPARE(r.value("found_docs").toInt(), 6);
        QVERIFY(!r.contains("hits"));
        const QJsonArray groups = r.value("grouped_hits").toArray();
        QCOMPARE(groups.size(), 3);
        // groups ordered by their best hit; each keeps group_limit (3) hits and its own count
        QCOMPARE(groups.at(0).toObject().value("group_key").toArray(), QJsonArray{"fruit"});
        QCOMPARE(groups.at(0).toObject().value("found").toInt(), 4);
        QCOMPARE(hitIds(groups.at(0).toObject()), (QStringList{"1", "2", "3"}));
        QCOMPARE(groups.at(1).toObject().value("group_key").toArray(), QJsonArray{"dessert"});
        QCOMPARE(groups.at(2).toObject().value("group_key").toArray(), QJsonArray{"drink"});
        // group_limit, two fields, pages of groups
        r = run(*c, {{"q", "*"}, {"group_by", "genre,year"}, {"group_limit", "1"}, {"sort_by", "year:desc"}, {"per_page", "2"}, {"page", "2"}});
        QCOMPARE(r.value("found").toInt(), 6);
        const QJsonArray page2 = r.value("grouped_hits").toArray();
        QCOMPARE(page2.size(), 2);
        QCOMPARE(page2.at(0).toObject().value("group_key").toArray(), (QJsonArray{"fruit", 2004}));
        QCOMPARE(hitIds(page2.at(1).toObject()), QStringList{"3"});
        // a text query: groups follow relevance
        r = run(*c, {{"q", "pie"}, {"query_by", "title"}, {"group_by", "genre"}});
        QCOMPARE(r.value("found").toInt(), 1);
        // facet counts count groups: four fruit documents are one group
        r = run(*c, {{"q", "*"}, {"group_by", "genre"}, {"facet_by", "genre,year"}});
        const QJsonArray genreCounts = r.value("facet_counts").toArray().at(0).toObject().value("counts").toArray();
        QCOMPARE(genreCounts.size(), 3);
        for (const QJsonValue &v : genreCounts)
            QCOMPARE(v.toObject().value("count").toInt(), 1);
        const QJsonArray yearCounts = r.value("facet_counts").toArray().at(1).toObject().value("counts").toArray();
        QCOMPARE(yearCounts.size(), 6); // every year stands in one group
        QCOMPARE(run(*c, {{"q", "*"}, {"facet_by", "genre"}}).value("facet_counts").toArray().at(0).toObject()
                     .value("counts").toArray().at(0).toObject().value("count").toInt(), 4);
        // Typesense's errors
        ApiError e;
        c->search({{"q", "*"}, {"group_by", "title"}}, &e);
        QCOMPARE(e.status, 400);
        QCOMPARE(e.message, QStringLiteral("Group by field `title` should be a facet field."));
        c->search({{"q", "*"}, {"group_by", "nope"}}, &e);
        QCOMPARE(e.status, 404);
        QCOMPARE(e.message, QStringLiteral("Could not find a field named `nope` in the schema."));
        c->search({{"q", "*"}, {"group_by", "genre"}, {"group_limit", "100"}}, &e);
        QCOMPARE(e.status, 400);
        QCOMPARE(e.message, QStringLiteral("Value of `group_limit` must be between 1 and 99."));
    }

    void groupByArraysAndMissingValues()
    {
        auto c = makeCollection(QJsonObject{{"name", "g"},
                                  {"fields", QJsonArray{QJsonObject{{"name", "name"}, {"type", "string"}},
                                                        QJsonObject{{"name", "tags"}, {"type", "string[]"}, {"facet", true}},
                                                        QJsonObject{{"name", "brand"}, {"type", "string"}, {"facet", true}, {"optional", true}}}}});
        QJsonObject stored;
        for (const QJsonObject &d : {QJsonObject{{"id", "a"}, {"name", "x"}, {"tags", QJsonArray{"red", "big"}}, {"brand", "acme"}},
                                     QJsonObject{{"id", "b"}, {"name", "x"}, {"tags", QJsonArray{"red", "big"}}},
                                     QJsonObject{{"id", "c"}, {"name", "x"}, {"tags", QJsonArray{"red"}}}})
            QVERIFY(!c->write(d, WriteAction::Create, DirtyValues::Reject, {}, &stored).failed());
        QJsonObject r = run(*c, {{"q", "*"}, {"group_by", "tags"}});
        QCOMPARE(r.value("found").toInt(), 2); // [red, big] twice, [red] once
        QCOMPARE(r.value("grouped_hits").toArray().at(1).toObject().value("group_key").toArray(),
                 (QJsonArray{QJsonArray{"red", "big"}}));
        // documents without the value share a group, or stand alone with group_missing_values=false
        QCOMPARE(run(*c, {{"q", "*"}, {"group_by", "brand"}}).value("found").toInt(), 2);
        QCOMPARE(run(*c, {{"q", "*"}, {"group_by", "brand"}, {"group_missing_values", "false"}}).value("found").toInt(), 3);
    }

    void geoFilterAndSort()
    {
        auto c = makeCollection(QJsonObject{{"name", "places"},
                                  {"fields", QJsonArray{QJsonObject{{"name", "name"}, {"type", "string"}},
                                                        QJsonObject{{"name", "loc"}, {"type", "geopoint"}, {"optional", true}},
                                                        QJsonObject{{"name", "stops"}, {"type", "geopoint[]"}, {"optional", true}}}}});
        QJsonObject stored;
        auto place = [&](const QString &id, double lat, double lng) {
            QVERIFY(!c->write(QJsonObject{{"id", id}, {"name", "cafe " + id}, {"loc", QJsonArray{lat, lng}}},
                              WriteAction::Create, DirtyValues::Reject, {}, &stored).failed());
        };
        place("louvre", 48.8606, 2.3376);
        place("eiffel", 48.8584, 2.2945);
        place("versailles", 48.8049, 2.1204);
        place("london", 51.5007, -0.1246);
        QVERIFY(!c->write(QJsonObject{{"id", "nowhere"}, {"name", "cafe nowhere"}}, WriteAction::Create, DirtyValues::Reject, {}, &stored).failed());
        QVERIFY(!c->write(QJsonObject{{"id", "tour"}, {"name", "cafe tour"}, {"stops", QJsonArray{QJsonArray{51.5, -0.12}, QJsonArray{48.86, 2.34}}}},
                          WriteAction::Create, DirtyValues::Reject, {}, &stored).failed());
        // from Notre-Dame (48.853, 2.3499): louvre ~1.2 km, eiffel ~4 km, versailles ~17 km
        const QString notreDame = QStringLiteral("48.853, 2.3499");
        QCOMPARE(hitIds(run(*c, {{"q", "*"}, {"filter_by", "loc:(" + notreDame + ", 5 km)"}, {"sort_by", "loc(" + notreDame + "):asc"}})),
                 (QStringList{"louvre", "eiffel"}));
        QCOMPARE(hitIds(run(*c, {{"q", "*"}, {"filter_by", "loc:(" + notreDame + ", 20 mi)"}, {"sort_by", "loc(" + notreDame + "):desc"}})),
                 (QStringList{"versailles", "eiffel", "louvre"}));
        // polygon around central Paris; geopoint[] matches by any of its points
        QCOMPARE(hitIds(run(*c, {{"q", "*"}, {"filter_by", "loc:(48.83, 2.25, 48.88, 2.25, 48.88, 2.40, 48.83, 2.40)"}, {"sort_by", "loc(" + notreDame + "):asc"}})),
                 (QStringList{"louvre", "eiffel"}));
        QCOMPARE(hitIds(run(*c, {{"q", "*"}, {"filter_by", "stops:(48.853, 2.3499, 2 km)"}})), QStringList{"tour"});
        // a text query sorted by distance; documents without a point last; distances in the hits
        const QJsonObject r = run(*c, {{"q", "cafe"}, {"query_by", "name"}, {"sort_by", "loc(" + notreDame + "):asc"}});
        QCOMPARE(hitIds(r).mid(0, 4), (QStringList{"louvre", "eiffel", "versailles", "london"}));
        const int meters = r.value("hits").toArray().at(0).toObject().value("geo_distance_meters").toObject().value("loc").toInt();
        QVERIFY2(meters > 1000 && meters < 1300, qPrintable(QString::number(meters)));
        QVERIFY(!r.value("hits").toArray().at(5).toObject().contains("geo_distance_meters"));
        // exclude_radius: everything within 5 km ties, then later insertion first
        QCOMPARE(hitIds(run(*c, {{"q", "*"}, {"filter_by", "loc:(" + notreDame + ", 5 km)"}, {"sort_by", "loc(" + notreDame + ", exclude_radius: 5 km):asc"}})),
                 (QStringList{"eiffel", "louvre"}));
        QCOMPARE(hitIds(run(*c, {{"q", "*"}, {"filter_by", "loc:(" + notreDame + ", 50 km)"}, {"sort_by", "loc(" + notreDame + ", precision: 10 km):asc"}})),
                 (QStringList{"eiffel", "louvre", "versailles"}));
        ApiError e;
        c->search({{"q", "*"}, {"sort_by", "loc(48.85):asc"}}, &e);
        QCOMPARE(e.status, 400);
        QCOMPARE(e.message, QStringLiteral("Bad syntax for sorting field `loc`"));
        c->search({{"q", "*"}, {"sort_by", "loc(48.85, 2.35, exclude_radius: 2 m):asc"}}, &e);
        QCOMPARE(e.message, QStringLiteral("Sort field's parameter unit must be either `km` or `mi`."));
        c->search({{"q", "*"}, {"sort_by", "name(48.85, 2.35):asc"}}, &e);
        QCOMPARE(e.status, 404);
        c->search({{"q", "*"}, {"filter_by", "loc:(48.85, 2.35, 5 parsecs)"}}, &e);
        QCOMPARE(e.status, 400);
        QCOMPARE(e.message, QStringLiteral("Unit must be either `km` or `mi`."));
    }
    void synonyms()
    {
        auto c = makeCollection(booksSchema());
        add(*c, "coat", "warm winter coat", "x", "g", 1);
        add(*c, "blazer", "navy blazer", "x", "g", 2);
        add(*c, "phone", "new iphone case", "x", "g", 3);
        add(*c, "smart", "smart phone stand", "x", "g", 4);
        add(*c, "other", "garden chair", "x", "g", 5);
        QCOMPARE(hitIds(run(*c, {{"q", "blazer"}, {"query_by", "title"}})), QStringList{"blazer"});
        QJsonObject stored;
        // multi-way: any member finds the others
        QVERIFY(!c->putSynonym("coats", QJsonObject{{"synonyms", QJsonArray{"blazer", "coat", "jacket"}}}, &stored).failed());
        QCOMPARE(stored.value("id").toString(), QStringLiteral("coats"));
        QCOMPARE(hitIds(run(*c, {{"q", "blazer"}, {"query_by", "title"}})), (QStringList{"blazer", "coat"}));
        QCOMPARE(hitIds(run(*c, {{"q", "jacket"}, {"query_by", "title"}})).size(), 2);
        // the alternative's words are highlighted
        QJsonObject r = run(*c, {{"q", "jacket"}, {"query_by", "title"}, {"filter_by", "id:coat"}});
        QCOMPARE(r.value("hits").toArray().at(0).toObject().value("highlight").toObject().value("title").toObject().value("snippet").toString(),
                 QStringLiteral("warm winter <mark>coat</mark>"));
        QCOMPARE(hitIds(run(*c, {{"q", "blazer"}, {"query_by", "title"}, {"enable_synonyms", "false"}})), QStringList{"blazer"});
        // one-way: the root (several words) finds the synonyms, not the other way round
        QVERIFY(!c->putSynonym("phones", QJsonObject{{"root", "smart phone"}, {"synonyms", QJsonArray{"iphone", "android"}}}, &stored).failed());
        QCOMPARE(hitIds(run(*c, {{"q", "smart phone"}, {"query_by", "title"}})), (QStringList{"smart", "phone"}));
        QCOMPARE(hitIds(run(*c, {{"q", "iphone"}, {"query_by", "title"}})), QStringList{"phone"});
        // the synonym words replace only their span: other words still have to match
        QCOMPARE(hitIds(run(*c, {{"q", "winter jacket"}, {"query_by", "title"}})), QStringList{"coat"});
        // list, get, replace, remove
        QCOMPARE(c->synonyms().size(), 2);
        QCOMPARE(c->synonym("phones")->value("root").toString(), QStringLiteral("smart phone"));
        QVERIFY(!c->putSynonym("coats", QJsonObject{{"synonyms", QJsonArray{"blazer", "chair"}}}, &stored).failed());
        QCOMPARE(c->synonyms().size(), 2);
        QCOMPARE(hitIds(run(*c, {{"q", "chair"}, {"query_by", "title"}})), (QStringList{"other", "blazer"}));
        QVERIFY(c->removeSynonym("coats"));
        QVERIFY(!c->removeSynonym("coats"));
        QVERIFY(!c->synonym("coats"));
        QCOMPARE(hitIds(run(*c, {{"q", "chair"}, {"query_by", "title"}})), QStringList{"other"});
        // restoring a saved list replaces the current one
        c->restoreSynonyms(QJsonArray{QJsonObject{{"id", "x"}, {"synonyms", QJsonArray{"garden", "navy"}}}});
        QCOMPARE(c->synonyms().size(), 1);
        QCOMPARE(hitIds(run(*c, {{"q", "navy"}, {"query_by", "title"}})).size(), 2);
        // Typesense's messages
        QCOMPARE(c->putSynonym("bad", QJsonObject{{"root", "x"}}, &stored).message, QStringLiteral("Could not find an array of `synonyms`"));
        QCOMPARE(c->putSynonym("bad", QJsonObject{{"synonyms", QJsonArray{"a", 3}}}, &stored).message,
                 QStringLiteral("Could not find a valid string array of `synonyms`"));
        QCOMPARE(c->putSynonym("bad", QJsonObject{{"root", 1}, {"synonyms", QJsonArray{"a"}}}, &stored).message,
                 QStringLiteral("Key `root` should be a string."));
        QCOMPARE(c->putSynonym("bad", QJsonObject{{"synonyms", QJsonArray{"a"}}}, &stored).status, 0);
        // synonym words: no typos and no prefix unless asked
        add(*c, "plural", "navy blazers", "x", "g", 8);
        QVERIFY(!c->putSynonym("coats", QJsonObject{{"synonyms", QJsonArray{"blazer", "jacket"}}}, &stored).failed());
        QCOMPARE(hitIds(run(*c, {{"q", "jacket"}, {"query_by", "title"}})), QStringList{"blazer"});
        QCOMPARE(hitIds(run(*c, {{"q", "jacket"}, {"query_by", "title"}, {"synonym_prefix", "true"}})), (QStringList{"blazer", "plural"}));
        QCOMPARE(hitIds(run(*c, {{"q", "jacket"}, {"query_by", "title"}, {"synonym_num_typos", "1"}, {"typo_tokens_threshold", "10"}})),
                 (QStringList{"blazer", "plural"}));
        QCOMPARE(hitIds(run(*c, {{"q", "jacket"}, {"query_by", "title"}, {"typo_tokens_threshold", "10"}})), QStringList{"blazer"});
    }
    void tokenProximity()
    {
        auto c = makeCollection(booksSchema());
        add(*c, "far", "the new and very old york", "x", "g", 1);
        add(*c, "near", "new york stories", "x", "g", 2);
        add(*c, "middle", "new big york", "x", "g", 3);
        add(*c, "apart", "new things", "york", "g", 4); // the words in different fields
        // equal typos and tokens: closer words first, whatever the insertion order
        QCOMPARE(hitIds(run(*c, {{"q", "new york"}, {"query_by", "title,author"}})), (QStringList{"near", "middle", "far", "apart"}));
        // order does not matter, distance does
        QCOMPARE(hitIds(run(*c, {{"q", "york new"}, {"query_by", "title"}})), (QStringList{"near", "middle", "far"}));
        // fewer typos still come first
        add(*c, "typo", "new yorc", "x", "g", 5);
        QCOMPARE(hitIds(run(*c, {{"q", "new york"}, {"query_by", "title"}, {"typo_tokens_threshold", "100"}})).last(), QStringLiteral("typo"));
        // a single word: no proximity, later insertion first on ties
        QCOMPARE(hitIds(run(*c, {{"q", "york"}, {"query_by", "title"}, {"num_typos", "0"}})), (QStringList{"middle", "near", "far"}));
        // words written with accents or in capitals are found where they stand
        add(*c, "accents-far", "Crème and other things brûlée", "x", "g", 6);
        add(*c, "accents-near", "CRÈME BRÛLÉE recipes", "x", "g", 7);
        add(*c, "accents-middle", "creme fraiche brulee", "x", "g", 8);
        QCOMPARE(hitIds(run(*c, {{"q", "creme brulee"}, {"query_by", "title"}})), (QStringList{"accents-near", "accents-middle", "accents-far"}));
    }

    void infixSearch()
    {
        auto c = makeCollection(QJsonObject{{"name", "parts"},
                                  {"fields", QJsonArray{QJsonObject{{"name", "sku"}, {"type", "string"}, {"infix", true}},
                                                        QJsonObject{{"name", "name"}, {"type", "string"}}}}});
        QJsonObject stored;
        for (const QJsonObject &d : {QJsonObject{{"id", "1"}, {"sku", "XB4455Z"}, {"name", "smartphone case"}},
                                     QJsonObject{{"id", "2"}, {"sku", "QQ4455"}, {"name", "phone stand"}},
                                     QJsonObject{{"id", "3"}, {"sku", "AB1234"}, {"name", "cable"}}})
            QVERIFY(!c->write(d, WriteAction::Create, DirtyValues::Reject, {}, &stored).failed());
        // off by default: only prefixes
        QCOMPARE(hitIds(run(*c, {{"q", "4455"}, {"query_by", "sku"}})), QStringList());
        QCOMPARE(hitIds(run(*c, {{"q", "4455"}, {"query_by", "sku"}, {"infix", "always"}})), (QStringList{"2", "1"}));
        QCOMPARE(hitIds(run(*c, {{"q", "4455"}, {"query_by", "sku"}, {"infix", "off"}})), QStringList());
        // fallback: only when nothing else matches
        QCOMPARE(hitIds(run(*c, {{"q", "4455"}, {"query_by", "sku"}, {"infix", "fallback"}})), (QStringList{"2", "1"}));
        QCOMPARE(hitIds(run(*c, {{"q", "qq4455"}, {"query_by", "sku"}, {"infix", "fallback"}})), QStringList{"2"});
        QCOMPARE(hitIds(run(*c, {{"q", "qq4455"}, {"query_by", "sku"}, {"infix", "always"}})), QStringList{"2"});
        // per query_by field, and only on fields declared with infix: true
        QCOMPARE(hitIds(run(*c, {{"q", "phone"}, {"query_by", "name"}, {"infix", "always"}})), QStringList{"2"});
        QCOMPARE(hitIds(run(*c, {{"q", "455"}, {"query_by", "name,sku"}, {"infix", "off,always"}})), (QStringList{"2", "1"}));
        // the whole word is highlighted
        const QJsonObject r = run(*c, {{"q", "4455"}, {"query_by", "sku"}, {"infix", "always"}, {"filter_by", "id:1"}});
        QCOMPARE(r.value("hits").toArray().at(0).toObject().value("highlight").toObject().value("sku").toObject().value("snippet").toString(),
                 QStringLiteral("<mark>XB4455Z</mark>"));
        // words written after the first infix search, and after a rebuild of the index
        QVERIFY(!c->write(QJsonObject{{"id", "4"}, {"sku", "ZZ4455Y"}, {"name", "plug"}}, WriteAction::Create, DirtyValues::Reject, {}, &stored).failed());
        QCOMPARE(hitIds(run(*c, {{"q", "4455"}, {"query_by", "sku"}, {"infix", "always"}})), (QStringList{"4", "2", "1"}));
        QVERIFY(!c->alterFields(QJsonArray{QJsonObject{{"name", "name"}, {"drop", true}}}).failed());
        QCOMPARE(hitIds(run(*c, {{"q", "b445"}, {"query_by", "sku"}, {"infix", "always"}})), QStringList{"1"});
        QCOMPARE(hitIds(run(*c, {{"q", "45"}, {"query_by", "sku"}, {"infix", "always"}})).size(), 3); // short words: a plain scan
    }
    void textMatchBuckets()
    {
        auto c = makeCollection(booksSchema());
        add(*c, "A", "apple", "x", "g", 1);
        add(*c, "B", "apple", "x", "g", 2);
        add(*c, "C", "appel", "x", "g", 3); // one typo away
        add(*c, "D", "appel", "x", "g", 4);
        const SearchParams base{{"q", "apple"}, {"query_by", "title"}, {"typo_tokens_threshold", "10"}};
        auto with = [&](const QString &sortBy) {
            SearchParams p = base;
            p.insert("sort_by", sortBy);
            return hitIds(run(*c, p));
        };
        QCOMPARE(with("_text_match:desc,year:desc"), (QStringList{"B", "A", "D", "C"}));
        QCOMPARE(with("_text_match(buckets: 1):desc,year:desc"), (QStringList{"D", "C", "B", "A"}));
        QCOMPARE(with("_text_match(buckets: 2):desc,year:desc"), (QStringList{"B", "A", "D", "C"}));
        QCOMPARE(with("_text_match(buckets: 4):desc,year:asc"), (QStringList{"A", "B", "C", "D"})); // ties are still tiers of one
        QCOMPARE(with("_text_match(buckets: 10):desc,year:desc"), (QStringList{"B", "A", "D", "C"})); // more tiers than hits: none
        // the hits still show their own text match
        SearchParams p = base;
        p.insert("sort_by", "_text_match(buckets: 1):desc,year:desc");
        const QJsonArray hits = run(*c, p).value("hits").toArray();
        QVERIFY(hits.at(0).toObject().value("text_match").toDouble() < hits.at(3).toObject().value("text_match").toDouble());
        ApiError e;
        c->search({{"q", "apple"}, {"query_by", "title"}, {"sort_by", "_text_match(foo: 1):desc"}}, &e);
        QCOMPARE(e.status, 400);
        QCOMPARE(e.message, QStringLiteral("Invalid sorting parameter passed for _text_match."));
        c->search({{"q", "apple"}, {"query_by", "title"}, {"sort_by", "_text_match(buckets: x):desc"}}, &e);
        QCOMPARE(e.message, QStringLiteral("Invalid value passed for _text_match `buckets` configuration."));
    }
};

QTEST_APPLESS_MAIN(TstCollection)
#include "tst_collection.moc"
