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

#include <cmath>

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

using Counts = QMap<QString, QMap<QString, int>>;

Counts facetCounts(const QJsonObject &r)
{
    Counts out;
    for (const QJsonValue &f : r.value("facet_counts").toArray())
        for (const QJsonValue &v : f.toObject().value("counts").toArray())
            out[f.toObject().value("field_name").toString()][v.toObject().value("value").toString()] = v.toObject().value("count").toInt();
    return out;
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
            Counts expected;
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
            QVERIFY2(facetCounts(r) == expected, qPrintable(what));
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
        auto answer = [](const QJsonObject &r) {
            QJsonArray hits;
            for (const QJsonValue &h : r.value("hits").toArray())
                hits.append(QJsonObject{{"id", h.toObject().value("document").toObject().value("id")},
                                        {"text_match", h.toObject().value("text_match")},
                                        {"text_match_info", h.toObject().value("text_match_info")}});
            return QJsonObject{{"found", r.value("found")}, {"facet_counts", r.value("facet_counts")}, {"hits", hits}};
        };
        int pagesWithTies = 0;
        for (const Case &k : cases) {
            for (const auto &[page, perPage] : std::vector<std::pair<int, int>>{{1, 10}, {2, 10}, {7, 5}, {1, 250}, {40, 3}}) {
                SearchParams p{{"q", k.q}, {"query_by", kQueryBy}, {"facet_by", "genre,tags"}, {"max_facet_values", "100"},
                               {"page", QString::number(page)}, {"per_page", QString::number(perPage)}};
                for (auto it = k.extra.constBegin(); it != k.extra.constEnd(); ++it)
                    p.insert(it.key(), it.value());
                const QJsonObject counted = answer(run(*c.collection, p));
                p.insert("sort_by", "_text_match:desc,_seq_id:desc");
                const QJsonObject everyMatch = answer(run(*c.collection, p));
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
        QVERIFY(facetCounts(r).value("genre") == genres);
    }
};

QTEST_GUILESS_MAIN(TstSearchMatchWalk)
#include "tst_search_match_walk.moc"
