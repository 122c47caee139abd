// The query path over a generated collection large enough for several windows of the posting-list
// walk, checked against counts taken from the documents themselves: found, facet counts and the
// words every hit holds, for words common and rare (dense lists walked entry by entry, sparse
// ones galloped past), several words (whole matches found from the rarest word on, partial
// matches when none holds them all), filters on a facet field (its column scanned, or a rare
// value's posting list) and after deletes.
#include "collection_fixture.h"
#include "search/collection.h"

#include <QJsonArray>
#include <QMap>
#include <QRandomGenerator>
#include <QSet>
#include <QTest>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

using namespace homeport::search;

namespace {

constexpr int kDocs = 20000;
constexpr int kWords = 24;
// Six searched fields: rows of several words are wide, so the walk takes them in several windows.
constexpr int kFields = 6;
const QString kQueryBy = QStringLiteral("f0,f1,f2,f3,f4,f5");

struct Doc
{
    QString id;
    QSet<QString> words; // in any field
    QString genre;
    QStringList tags;
    bool alive = true;
};

struct Corpus
{
    std::unique_ptr<Collection> collection;
    std::vector<Doc> docs;
};

QString word(int i) { return QStringLiteral("w%1x").arg(i); }

// Word i is in a document with probability 0.8 / (i + 1)^1.5: w0x in most, w22x in about 150.
// Genres: g0 in half, g1..g8 sharing the rest, g9 in one in a thousand.
Corpus corpus()
{
    Corpus c;
    QJsonArray fields{QJsonObject{{"name", "genre"}, {"type", "string"}, {"facet", true}},
                      QJsonObject{{"name", "tags"}, {"type", "string[]"}, {"facet", true}}};
    for (int f = 0; f < kFields; ++f)
        fields.append(QJsonObject{{"name", QStringLiteral("f%1").arg(f)}, {"type", "string"}});
    c.collection = makeCollection(QJsonObject{{"name", "walk"}, {"fields", fields}});
    QRandomGenerator rng(20261128);
    for (int n = 0; n < kDocs; ++n) {
        Doc d;
        d.id = QString::number(n);
        std::vector<QStringList> text(kFields);
        for (int i = 0; i < kWords; ++i) {
            if (rng.bounded(1.0) < 0.8 / std::pow(i + 1, 1.5)) {
                text[size_t(rng.bounded(kFields))] << word(i);
                d.words.insert(word(i));
            }
        }
        const int g = rng.bounded(1000);
        d.genre = g == 0 ? QStringLiteral("g9") : g < 500 ? QStringLiteral("g0") : QStringLiteral("g%1").arg(1 + g % 8);
        d.tags << QStringLiteral("t%1").arg(n % 3);
        if (n % 5 == 0)
            d.tags << QStringLiteral("five");
        QJsonObject json{{"id", d.id}, {"genre", d.genre}, {"tags", QJsonArray::fromStringList(d.tags)}};
        for (int f = 0; f < kFields; ++f)
            json.insert(QStringLiteral("f%1").arg(f), text[size_t(f)].join(u' '));
        QJsonObject stored;
        if (ApiError e = c.collection->write(json, WriteAction::Create, DirtyValues::Reject, QString(), &stored); e.failed())
            qFatal("write: %s", qPrintable(e.message));
        c.docs.push_back(d);
    }
    return c;
}

} // namespace

class TstSearchMatchWalk : public QObject
{
    Q_OBJECT
private slots:
    void foundAndFacetsEqualCountingTheDocuments()
    {
        Corpus c = corpus();
        // Deleting some documents: the walk must not count them.
        for (int n = 7; n < kDocs; n += 97) {
            QJsonObject removed;
            QVERIFY(!c.collection->remove(c.docs[size_t(n)].id, &removed).failed());
            c.docs[size_t(n)].alive = false;
        }
        struct Case
        {
            QStringList words;
            QString filter; // "", "genre:=gN" or "genre:!=gN"
        };
        const QList<Case> cases{
            {{word(0)}, {}},                             // in most documents
            {{word(20)}, {}},                            // in a few hundred
            {{word(0), word(1)}, {}},                    // two common words
            {{word(0), word(22)}, {}},                   // common beside rare: galloping
            {{word(21), word(1), word(0)}, {}},          // rarest word not first
            {{word(0), word(1), word(2), word(3)}, {}},  // wide rows: smaller windows
            {{word(0), word(1)}, QStringLiteral("genre:=g0")},  // a common value: the column
            {{word(0)}, QStringLiteral("genre:=g9")},           // a rare value: its posting list
            {{word(1), word(2)}, QStringLiteral("genre:!=g0")},
            {{word(0)}, QStringLiteral("genre:=[g1,g9]")},
        };
        for (const Case &k : cases) {
            SearchParams p{{"q", k.words.join(u' ')}, {"query_by", kQueryBy}, {"num_typos", "0"}, {"prefix", "false"},
                           {"facet_by", "genre,tags"}, {"max_facet_values", "100"}, {"per_page", "250"}};
            if (!k.filter.isEmpty())
                p.insert("filter_by", k.filter);
            const QJsonObject r = run(*c.collection, p);
            auto admitted = [&](const Doc &d) {
                if (k.filter.isEmpty())
                    return true;
                if (k.filter.startsWith("genre:!="))
                    return d.genre != k.filter.mid(8);
                if (k.filter.startsWith("genre:=["))
                    return d.genre == "g1" || d.genre == "g9";
                return d.genre == k.filter.mid(7);
            };
            int expectedFound = 0;
            FacetCounts expected;
            QSet<QString> wholeIds;
            for (const Doc &d : c.docs) {
                if (!d.alive || !admitted(d))
                    continue;
                bool all = true;
                for (const QString &w : k.words)
                    all = all && d.words.contains(w);
                if (!all)
                    continue;
                ++expectedFound;
                wholeIds.insert(d.id);
                ++expected["genre"][d.genre];
                for (const QString &t : d.tags)
                    ++expected["tags"][t];
            }
            const QString what = k.words.join(u' ') + " / " + k.filter;
            QVERIFY2(expectedFound > 0, qPrintable(what)); // (the corpus holds every case)
            QCOMPARE(r.value("found").toInt(), expectedFound);
            QVERIFY2(facetCountsByValue(r) == expected, qPrintable(what));
            const QJsonArray hits = r.value("hits").toArray();
            QCOMPARE(hits.size(), std::min(250, expectedFound));
            for (const QJsonValue &h : hits)
                QVERIFY2(wholeIds.contains(h.toObject().value("document").toObject().value("id").toString()), qPrintable(what));
        }
    }

    // Ranked by text match alone, the matches that cannot reach the page are only counted (and
    // their text match worked out once per pattern of words, fields and costs). Adding
    // `_seq_id:desc` after `_text_match` ranks exactly the same (ties go to later insertion
    // either way) but makes a candidate of every match: both must give the same answer, page
    // after page, with facets, typos, prefixes, partial matches, proximity over several words,
    // long runs of equal text match, and updates that keep a document's place (insertion order
    // no longer the sequence order).
    void countedMatchesAnswerAsEveryMatchRanked()
    {
        Corpus c = corpus();
        for (int n = 11; n < kDocs; n += 89) { // updates in place
            QJsonObject json{{"id", c.docs[size_t(n)].id}, {"f0", word(0) + " " + word(3)}}, stored;
            QVERIFY(!c.collection->write(json, WriteAction::Update, DirtyValues::Reject, c.docs[size_t(n)].id, &stored).failed());
        }
        for (int n = 5; n < kDocs; n += 131) {
            QJsonObject removed;
            QVERIFY(!c.collection->remove(c.docs[size_t(n)].id, &removed).failed());
        }
        struct Case
        {
            QString q;
            SearchParams extra;
        };
        const QList<Case> cases{
            {word(0), {}},
            {word(0), {{"query_by_weights", "1,2,3,4,5,6"}}},
            {word(2), {{"filter_by", "genre:=g0"}}},
            {word(0) + " " + word(1), {}},                         // proximity over the best 200
            {word(0) + " " + word(1) + " " + word(2), {{"per_page", "3"}}},
            {word(23) + " nowhere", {}},                            // partial matches only
            {word(1) + " " + word(22), {{"drop_tokens_threshold", "100000"}}}, // partial beside whole
            {"w1", {}},                                             // a prefix: w1x, w10x, w11x, ...
            {"w1y", {{"min_len_1typo", "2"}}},                      // one typo
            {"w0x w1y", {{"min_len_1typo", "2"}, {"typo_tokens_threshold", "100000"}}}, // typos beside exact
        };
        int pagesWithTies = 0;
        for (const Case &k : cases) {
            for (const auto &[page, perPage] : std::vector<std::pair<int, int>>{{1, 10}, {2, 10}, {7, 5}, {1, 250}, {40, 3}}) {
                SearchParams p{{"q", k.q}, {"query_by", kQueryBy}, {"facet_by", "genre,tags"}, {"max_facet_values", "100"},
                               {"page", QString::number(page)}, {"per_page", QString::number(perPage)}};
                for (auto it = k.extra.constBegin(); it != k.extra.constEnd(); ++it)
                    p.insert(it.key(), it.value());
                const QJsonObject counted = rankedAnswer(run(*c.collection, p));
                p.insert("sort_by", "_text_match:desc,_seq_id:desc");
                const QJsonObject everyMatch = rankedAnswer(run(*c.collection, p));
                const QString what = QStringLiteral("%1, page %2 of %3").arg(k.q).arg(page).arg(perPage);
                QVERIFY2(counted.value("found").toInt() > 0, qPrintable(what));
                QVERIFY2(counted == everyMatch, qPrintable(what));
                const QJsonArray hits = counted.value("hits").toArray();
                for (qsizetype i = 1; i < hits.size(); ++i)
                    if (hits[i].toObject().value("text_match") == hits[i - 1].toObject().value("text_match"))
                        ++pagesWithTies;
            }
        }
        QVERIFY(pagesWithTies > 0); // (the corpus has runs of equal text match to break)
    }

    void partialMatchesWhenNoDocumentHoldsEveryWord()
    {
        const Corpus c = corpus();
        // "nowhere" is in no document: no whole match, so documents holding some of the words
        // count (drop_tokens_threshold).
        const QJsonObject r = run(*c.collection, {{"q", word(23) + " nowhere"}, {"query_by", kQueryBy}, {"num_typos", "0"},
                                                  {"prefix", "false"}, {"facet_by", "genre"}, {"max_facet_values", "100"}});
        int expected = 0;
        QMap<QString, int> genres;
        for (const Doc &d : c.docs) {
            if (d.words.contains(word(23))) {
                ++expected;
                ++genres[d.genre];
            }
        }
        QVERIFY(expected > 0);
        QCOMPARE(r.value("found").toInt(), expected);
        QVERIFY(facetCountsByValue(r).value("genre") == genres);
    }
    // Facet fields where no document holds two values are counted from one value id per
    // document: counts, their order, max_facet_values, facet_query and numeric stats must be
    // those the documents give (after deletes and updates, with filters), and a twin collection
    // whose column holds a second value in one (unmatched) document, so is counted the general
    // way, must answer the same facet counts byte for byte.
    void singleValuedFacetCountsEqualCountingTheDocuments()
    {
        constexpr int docs = 6000;
        struct Fd
        {
            QString id;
            bool common = false, rare = false;
            QString genre; // "" for none
            int year = 0;
            QString label;
            bool alive = true;
        };
        const QJsonArray fields{QJsonObject{{"name", "text"}, {"type", "string"}},
                                QJsonObject{{"name", "genre"}, {"type", "string"}, {"facet", true}, {"optional", true}},
                                QJsonObject{{"name", "year"}, {"type", "int32"}, {"facet", true}},
                                QJsonObject{{"name", "labels"}, {"type", "string[]"}, {"facet", true}}};
        auto single = makeCollection(QJsonObject{{"name", "single"}, {"fields", fields}});
        auto twin = makeCollection(QJsonObject{{"name", "twin"}, {"fields", fields}});
        auto jsonOf = [](const Fd &d) {
            QJsonObject json{{"id", d.id},
                             {"text", QString(d.common ? "common " : "") + (d.rare ? "rare" : "") + " filler"},
                             {"year", d.year},
                             {"labels", QJsonArray{d.label}}};
            if (!d.genre.isEmpty())
                json.insert("genre", d.genre);
            return json;
        };
        auto write = [&](const Fd &d, WriteAction action) {
            for (Collection *c : {single.get(), twin.get()}) {
                QJsonObject stored;
                if (ApiError e = c->write(jsonOf(d), action, DirtyValues::Reject, QString(), &stored); e.failed())
                    qFatal("write: %s", qPrintable(e.message));
            }
        };
        QRandomGenerator rng(20261129);
        std::vector<Fd> all;
        for (int n = 0; n < docs; ++n) {
            Fd d;
            d.id = QString::number(n);
            d.common = rng.bounded(10) < 7;
            d.rare = rng.bounded(50) == 0;
            const int g = rng.bounded(100);
            d.genre = g < 5 ? QString() : QStringLiteral("g%1").arg(g < 40 ? 0 : g % 12); // g0 most, g1..g11 shared
            d.year = 1990 + rng.bounded(30);
            d.label = QStringLiteral("l%1").arg(rng.bounded(7));
            write(d, WriteAction::Create);
            all.push_back(d);
        }
        // The twin's labels column holds two values in one document no search below matches.
        {
            QJsonObject stored;
            QVERIFY(!twin->write(QJsonObject{{"id", "two"}, {"text", "elsewhere"}, {"year", 1980},
                                             {"labels", QJsonArray{"l1", "l2"}}},
                                 WriteAction::Create, DirtyValues::Reject, QString(), &stored).failed());
        }
        for (int n = 3; n < docs; n += 41) { // deletes
            for (Collection *c : {single.get(), twin.get()}) {
                QJsonObject removed;
                QVERIFY(!c->remove(all[size_t(n)].id, &removed).failed());
            }
            all[size_t(n)].alive = false;
        }
        for (int n = 10; n < docs; n += 23) { // updates: other values, other words
            if (!all[size_t(n)].alive)
                continue;
            Fd &d = all[size_t(n)];
            d.genre = n % 2 ? QStringLiteral("g7") : QString();
            d.year = 2040 + n % 3;
            d.label = QStringLiteral("l%1").arg(n % 9);
            d.common = !d.common;
            write(d, WriteAction::Upsert);
        }
        struct Case
        {
            QString q;
            QString filter;   // "", "genre:=g0", "year:>2000"
            QString facetQuery;
            int maxValues;
            QString sortBy;
        };
        const QList<Case> cases{
            {"common", {}, {}, 100, {}},
            {"common", {}, {}, 3, {}},
            {"rare", {}, {}, 100, {}},
            {"*", "year:>2000", {}, 100, {}}, // (the twin's document of two labels is from 1980)
            {"common", "genre:=g0", {}, 100, {}},
            {"common", "genre:!=g0", {}, 100, {}}, // (documents without a genre too)
            {"common", "year:>2000", {}, 5, {}},
            {"common", {}, "genre:g1", 100, {}},
            {"common", {}, "labels:l", 2, {}},
            {"common", {}, {}, 100, "_text_match:desc,_seq_id:desc"}, // every match ranked
            {"common", {}, {}, 4, "year:asc"},
        };
        for (const Case &k : cases) {
            SearchParams p{{"q", k.q}, {"query_by", "text"}, {"facet_by", "genre,year,labels"},
                           {"max_facet_values", QString::number(k.maxValues)}, {"per_page", "5"}};
            if (!k.filter.isEmpty())
                p.insert("filter_by", k.filter);
            if (!k.facetQuery.isEmpty())
                p.insert("facet_query", k.facetQuery);
            if (!k.sortBy.isEmpty())
                p.insert("sort_by", k.sortBy);
            const QJsonObject r = run(*single, p);
            const QString what = k.q + " / " + k.filter + " / " + k.facetQuery + " / " + k.sortBy;
            FacetCounts expected;
            int found = 0;
            for (const Fd &d : all) {
                if (!d.alive || (k.q == "common" && !d.common) || (k.q == "rare" && !d.rare))
                    continue;
                if ((k.filter == "genre:=g0" && d.genre != "g0") || (k.filter == "genre:!=g0" && d.genre == "g0") || (k.filter.startsWith("year:>2000") && d.year <= 2000))
                    continue;
                ++found;
                if (!d.genre.isEmpty())
                    ++expected["genre"][d.genre];
                ++expected["year"][QString::number(d.year)];
                ++expected["labels"][d.label];
            }
            if (k.facetQuery == "genre:g1") // g1 and the values starting with it
                for (auto it = expected["genre"].begin(); it != expected["genre"].end();)
                    it = it.key().startsWith("g1") ? std::next(it) : expected["genre"].erase(it);
            QVERIFY2(found > 0, qPrintable(what));
            QCOMPARE(r.value("found").toInt(), found);
            for (const QJsonValue &fv : r.value("facet_counts").toArray()) {
                const QJsonObject facet = fv.toObject();
                const QString name = facet.value("field_name").toString();
                const QMap<QString, int> want = expected.value(name);
                const QJsonArray counts = facet.value("counts").toArray();
                // The most frequent values, as many as asked, each with its count.
                QCOMPARE(counts.size(), std::min<qsizetype>(want.size(), k.maxValues));
                int previous = std::numeric_limits<int>::max();
                for (const QJsonValue &cv : counts) {
                    const QString value = cv.toObject().value("value").toString();
                    const int count = cv.toObject().value("count").toInt();
                    QVERIFY2(want.contains(value), qPrintable(what + " " + value));
                    QCOMPARE(count, want.value(value));
                    QVERIFY2(count <= previous, qPrintable(what + " " + name));
                    previous = count;
                }
                int unlisted = 0;
                for (auto it = want.constBegin(); it != want.constEnd(); ++it) {
                    bool listed = false;
                    for (const QJsonValue &cv : counts)
                        listed = listed || cv.toObject().value("value").toString() == it.key();
                    if (!listed)
                        unlisted = std::max(unlisted, it.value());
                }
                QVERIFY2(counts.isEmpty() || unlisted <= counts.last().toObject().value("count").toInt(), qPrintable(what + " " + name));
                const QJsonObject stats = facet.value("stats").toObject();
                QCOMPARE(stats.value("total_values").toInt(), int(want.size()));
                if (name == "year") { // numeric stats over every match's value
                    double sum = 0, mn = 1e9, mx = -1e9;
                    qint64 n = 0;
                    for (auto it = want.constBegin(); it != want.constEnd(); ++it) {
                        sum += it.key().toDouble() * it.value();
                        n += it.value();
                        mn = std::min(mn, it.key().toDouble());
                        mx = std::max(mx, it.key().toDouble());
                    }
                    QCOMPARE(stats.value("sum").toDouble(), sum);
                    QCOMPARE(stats.value("min").toDouble(), mn);
                    QCOMPARE(stats.value("max").toDouble(), mx);
                    QCOMPARE(stats.value("avg").toDouble(), sum / double(n));
                }
            }
            QCOMPARE(r.value("facet_counts").toArray().size(), 3);
            // The general count (labels holds two values in one twin document) answers the same.
            const QJsonObject general = run(*twin, p);
            QVERIFY2(general.value("facet_counts") == r.value("facet_counts"), qPrintable(what));
        }
    }

    // Counted matches are walked as bit planes, 65,536 documents a window at most: a collection
    // of three windows, with words dense and sparse, a word on both sides of each window's
    // edge, a prefix reaching the word itself and longer ones (two codes in a cell), a typo, and
    // whole and partial matches, must answer as the path that ranks every match (`_seq_id:desc`
    // after `_text_match`) and, for exact words, count what the documents hold. First with
    // insertion order as sequence order (a leaf's rows stop at the first the heap turns away),
    // then after deletes and updates that keep a document's place (every row offered).
    void bitPlanesAcrossWindowsAnswerAsEveryMatchRanked()
    {
        constexpr int docs = 140000;
        const QStringList fields{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")};
        std::unique_ptr<Collection> c = makeCollection(QJsonObject{
            {"name", "planes"},
            {"fields", QJsonArray{QJsonObject{{"name", "a"}, {"type", "string"}}, QJsonObject{{"name", "b"}, {"type", "string"}},
                                  QJsonObject{{"name", "c"}, {"type", "string"}},
                                  QJsonObject{{"name", "genre"}, {"type", "string"}, {"facet", true}}}}});
        QRandomGenerator rng(20261129);
        std::vector<std::array<QStringList, 3>> texts(docs);
        std::vector<QString> genres(docs);
        auto near = [](int n, int edge) { return std::abs(n - edge) < 70; };
        for (int n = 0; n < docs; ++n) {
            auto &text = texts[size_t(n)];
            auto put = [&](const QString &w) { text[size_t(rng.bounded(3))] << w; };
            if (rng.bounded(100) < 60)
                put(QStringLiteral("common"));
            if (rng.bounded(100) < 10)
                put(QStringLiteral("middle"));
            if (rng.bounded(1000) < 3)
                put(QStringLiteral("scarce"));
            if (rng.bounded(100) < 5)
                put(QStringLiteral("commonly"));
            if (rng.bounded(100) < 2)
                put(QStringLiteral("comm"));
            if (near(n, 65536) || near(n, 131072) || n < 3 || n >= docs - 3)
                put(QStringLiteral("edge"));
            genres[size_t(n)] = QStringLiteral("g%1").arg(rng.bounded(4));
            QJsonObject json{{"id", QString::number(n)}, {"genre", genres[size_t(n)]}};
            for (int f = 0; f < 3; ++f)
                json.insert(fields[f], text[size_t(f)].join(u' '));
            QJsonObject stored;
            if (ApiError e = c->write(json, WriteAction::Create, DirtyValues::Reject, QString(), &stored); e.failed())
                qFatal("write: %s", qPrintable(e.message));
        }
        std::vector<bool> alive(docs, true);
        struct Case
        {
            QString q;
            SearchParams extra;
            bool exactCount; // found is the documents holding every word (the last as a prefix)
        };
        const QList<Case> cases{
            {"common", {}, true},
            {"middle", {{"query_by_weights", "1,3,2"}}, true},
            {"edge", {}, true},
            {"edge common", {}, true},
            {"common middle", {{"filter_by", "genre:=g1"}}, true},
            {"comm", {}, false},                                        // comm, common, commonly
            {"scarce nowhere", {}, false},                               // partial matches only
            {"middle scarce", {{"drop_tokens_threshold", "1000000"}}, false}, // partial beside whole
            {"midle", {}, false},                                        // one typo
            {"edge comon", {{"typo_tokens_threshold", "1000000"}}, false},
        };
        auto check = [&](const char *stage) {
            for (const Case &k : cases) {
                for (const auto &[page, perPage] : std::vector<std::pair<int, int>>{{1, 10}, {3, 7}, {1, 250}}) {
                    SearchParams p{{"q", k.q}, {"query_by", "a,b,c"}, {"facet_by", "genre"},
                                   {"page", QString::number(page)}, {"per_page", QString::number(perPage)}};
                    for (auto it = k.extra.constBegin(); it != k.extra.constEnd(); ++it)
                        p.insert(it.key(), it.value());
                    const QJsonObject counted = rankedAnswer(run(*c, p));
                    p.insert("sort_by", "_text_match:desc,_seq_id:desc");
                    const QJsonObject everyMatch = rankedAnswer(run(*c, p));
                    const QString what = QStringLiteral("%1: %2, page %3 of %4").arg(QLatin1String(stage), k.q).arg(page).arg(perPage);
                    QVERIFY2(counted.value("found").toInt() > 0, qPrintable(what));
                    QVERIFY2(counted == everyMatch, qPrintable(what));
                    if (!k.exactCount)
                        continue;
                    const QStringList words = k.q.split(u' ');
                    const QString genre = k.extra.value("filter_by").mid(7);
                    int expected = 0;
                    for (int n = 0; n < docs; ++n) {
                        if (!alive[size_t(n)] || (!genre.isEmpty() && genres[size_t(n)] != genre))
                            continue;
                        bool all = true;
                        for (const QString &w : words) // (the last word as a prefix)
                            all = all && std::any_of(texts[size_t(n)].begin(), texts[size_t(n)].end(), [&](const QStringList &t) {
                                      return std::any_of(t.begin(), t.end(), [&](const QString &have) {
                                          return have == w || (&w == &words.back() && have.startsWith(w));
                                      });
                                  });
                        expected += all ? 1 : 0;
                    }
                    QVERIFY2(counted.value("found").toInt() == expected, qPrintable(what));
                }
            }
        };
        check("insertion order");
        if (QTest::currentTestFailed())
            return;
        for (int n = 65536 - 40; n < docs; n += 997) { // deletes, some at a window's edge
            QJsonObject removed;
            QVERIFY(!c->remove(QString::number(n), &removed).failed());
            alive[size_t(n)] = false;
        }
        // Updates in place, in shuffled order: "edge" in every field, so these documents rank
        // first for it, their insertion order no longer rising with their sequence.
        std::vector<int> updated;
        for (int n = 131072 - 30; n > 0; n -= 1009)
            updated.push_back(n);
        std::shuffle(updated.begin(), updated.end(), rng);
        for (int n : updated) {
            const QStringList edge{QStringLiteral("edge")};
            texts[size_t(n)] = {edge, edge, edge};
            QJsonObject json{{"id", QString::number(n)}, {"a", "edge"}, {"b", "edge"}, {"c", "edge"}}, stored;
            QVERIFY(!c->write(json, WriteAction::Update, DirtyValues::Reject, QString::number(n), &stored).failed());
        }
        check("after deletes and updates");
    }
};

QTEST_GUILESS_MAIN(TstSearchMatchWalk)
#include "tst_search_match_walk.moc"
