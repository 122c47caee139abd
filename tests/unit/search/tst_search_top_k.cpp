// Top-k selection (top_k.h) against a full sort: ties, every k around the heap's size, groups;
// and a collection's search paged across the heap boundary, grouped, and faceted with filters,
// each checked against the whole ranking or against counts taken from the documents themselves.
#include "collection_fixture.h"
#include "search/collection.h"
#include "search/top_k.h"

#include <QJsonArray>
#include <QMap>
#include <QSet>
#include <QRandomGenerator>
#include <QTest>

#include <algorithm>
#include <numeric>
#include <random>

using namespace homeport::search;

namespace {

QStringList ids(const QJsonArray &hits)
{
    QStringList out;
    for (const QJsonValue &h : hits)
        out << h.toObject().value("document").toObject().value("id").toString();
    return out;
}

// 300 documents: "apple" in the title of every third, in the description of the others (so the
// text match has two levels with long runs of ties), four genres, years 2000-2009, and one in
// seven with a "rare" word. Inserted in id order.
struct Corpus
{
    std::unique_ptr<Collection> collection;
    QList<QJsonObject> docs;
};
Corpus corpus()
{
    Corpus c;
    c.collection = makeCollection(QJsonObject{{"name", "fruit"},
                                    {"fields", QJsonArray{QJsonObject{{"name", "title"}, {"type", "string"}},
                                                          QJsonObject{{"name", "description"}, {"type", "string"}},
                                                          QJsonObject{{"name", "genre"}, {"type", "string"}, {"facet", true}},
                                                          QJsonObject{{"name", "tags"}, {"type", "string[]"}, {"facet", true}},
                                                          QJsonObject{{"name", "year"}, {"type", "int32"}, {"facet", true}}}}});
    const QStringList genres{"pome", "stone", "berry", "citrus"};
    for (int i = 0; i < 300; ++i) {
        const bool inTitle = i % 3 == 0;
        QJsonArray tags{QStringLiteral("t%1").arg(i % 5)};
        if (i % 2 == 0)
            tags.append(QStringLiteral("even"));
        const QJsonObject doc{{"id", QString::number(i)},
                              {"title", inTitle ? QStringLiteral("apple number %1").arg(i) : QStringLiteral("fruit %1").arg(i)},
                              {"description", inTitle ? QStringLiteral("something") : QStringLiteral("an apple a day%1").arg(i % 7 == 0 ? " rare" : "")},
                              {"genre", genres[i % 4]},
                              {"tags", tags},
                              {"year", 2000 + (i * 7) % 10}};
        QJsonObject stored;
        if (ApiError e = c.collection->write(doc, WriteAction::Create, DirtyValues::Reject, QString(), &stored); e.failed())
            qFatal("write: %s", qPrintable(e.message));
        c.docs << doc;
    }
    return c;
}

} // namespace

class TstSearchTopK : public QObject
{
    Q_OBJECT
private slots:
    void topIndicesEqualsFullSort()
    {
        // Keys with many ties, broken by index (later first), as the search breaks them by
        // insertion order.
        QRandomGenerator rng(7);
        for (int round = 0; round < 40; ++round) {
            const size_t n = rng.bounded(1, 400);
            std::vector<int> key(n);
            for (int &k : key)
                k = int(rng.bounded(4));
            auto before = [&](quint32 a, quint32 b) { return key[a] != key[b] ? key[a] > key[b] : a > b; };
            std::vector<quint32> all(n);
            std::iota(all.begin(), all.end(), quint32(0));
            std::sort(all.begin(), all.end(), before);
            // every k around the heap's switch to a partial sort (k * 4 >= n), and past n
            for (size_t k : {size_t(0), size_t(1), n / 4 - (n >= 4 ? 1 : 0), n / 4, n / 4 + 1, n / 2, n - 1, n, n + 5}) {
                const std::vector<quint32> top = topIndices(n, k, before);
                QCOMPARE(top.size(), std::min(k, n));
                QVERIFY(std::equal(top.begin(), top.end(), all.begin()));
            }
        }
    }

    void boundedTopEqualsFullSort()
    {
        // Items offered one at a time, in random order, keep the first k of the full ranking.
        QRandomGenerator rng(13);
        for (int round = 0; round < 40; ++round) {
            const size_t n = rng.bounded(1, 500);
            std::vector<int> key(n);
            for (int &k : key)
                k = int(rng.bounded(5));
            auto before = [&](quint32 a, quint32 b) { return key[a] != key[b] ? key[a] > key[b] : a > b; };
            std::vector<quint32> all(n);
            std::iota(all.begin(), all.end(), quint32(0));
            std::vector<quint32> offered = all;
            std::shuffle(offered.begin(), offered.end(), std::mt19937(round));
            std::sort(all.begin(), all.end(), before);
            for (size_t k : {size_t(0), size_t(1), size_t(10), n / 2, n, n + 3}) {
                BoundedTop<quint32, decltype(before)> top(k, before);
                for (quint32 i : offered)
                    top.offer(i);
                QCOMPARE(top.items().size(), std::min(k, n));
                const std::vector<quint32> ranked = top.takeRanked();
                QVERIFY(std::equal(ranked.begin(), ranked.end(), all.begin()));
            }
        }
    }

    void topGroupsEqualsGroupingTheFullRanking()
    {
        QRandomGenerator rng(11);
        for (int round = 0; round < 30; ++round) {
            const size_t n = rng.bounded(1, 300);
            const size_t groupCount = rng.bounded(1, 40);
            std::vector<quint32> groupOf(n);
            std::vector<int> key(n);
            for (size_t i = 0; i < n; ++i) {
                groupOf[i] = quint32(rng.bounded(quint32(groupCount)));
                key[i] = int(rng.bounded(3));
            }
            auto before = [&](quint32 a, quint32 b) { return key[a] != key[b] ? key[a] > key[b] : a > b; };
            // Expected: groups in the order of their first item in the full ranking.
            std::vector<quint32> all(n);
            std::iota(all.begin(), all.end(), quint32(0));
            std::sort(all.begin(), all.end(), before);
            std::vector<quint32> order;
            std::map<quint32, std::vector<quint32>> members;
            for (quint32 i : all) {
                if (members.find(groupOf[i]) == members.end())
                    order.push_back(groupOf[i]);
                members[groupOf[i]].push_back(i);
            }
            for (size_t k : {size_t(1), size_t(3), order.size(), order.size() + 2}) {
                for (size_t limit : {size_t(1), size_t(2), size_t(99)}) {
                    const std::vector<RankedGroup> top = topGroups(groupOf, groupCount, k, limit, before);
                    QCOMPARE(top.size(), std::min(k, order.size()));
                    for (size_t s = 0; s < top.size(); ++s) {
                        QCOMPARE(top[s].group, order[s]);
                        const std::vector<quint32> &m = members[order[s]];
                        QCOMPARE(size_t(top[s].size), m.size());
                        QVERIFY(top[s].members == std::vector<quint32>(m.begin(), m.begin() + qsizetype(std::min(limit, m.size()))));
                    }
                }
            }
        }
    }

    void pagesAcrossTheHeapBoundary()
    {
        const Corpus c = corpus();
        // The whole ranking: title matches (higher field weight) before description matches; each
        // run of equal text match later insertion first.
        QStringList expected;
        for (int i = 299; i >= 0; --i)
            if (i % 3 == 0)
                expected << QString::number(i);
        for (int i = 299; i >= 0; --i)
            if (i % 3 != 0)
                expected << QString::number(i);
        const QJsonObject whole = run(*c.collection, {{"q", "apple"}, {"query_by", "title,description"}, {"per_page", "250"}, {"page", "1"}});
        QCOMPARE(whole.value("found").toInt(), 300);
        QCOMPARE(ids(whole.value("hits").toArray()), expected.mid(0, 250));
        for (int perPage : {1, 7, 13, 100}) {
            QStringList paged;
            for (int page = 1; (page - 1) * perPage < 300; ++page) {
                const QJsonObject r = run(*c.collection, {{"q", "apple"}, {"query_by", "title,description"},
                                                          {"per_page", QString::number(perPage)}, {"page", QString::number(page)}});
                QCOMPARE(r.value("found").toInt(), 300);
                paged << ids(r.value("hits").toArray());
            }
            QCOMPARE(paged, expected);
        }
        // offset and limit
        const QJsonObject r = run(*c.collection, {{"q", "apple"}, {"query_by", "title,description"}, {"offset", "95"}, {"limit", "12"}});
        QCOMPARE(ids(r.value("hits").toArray()), expected.mid(95, 12));
        // A sort field first, ties later first.
        QStringList byYear;
        for (int year = 2000; year < 2010; ++year)
            for (int i = 299; i >= 0; --i)
                if (2000 + (i * 7) % 10 == year)
                    byYear << QString::number(i);
        QStringList paged;
        for (int page = 1; page <= 10; ++page)
            paged << ids(run(*c.collection, {{"q", "*"}, {"sort_by", "year:asc"}, {"per_page", "30"}, {"page", QString::number(page)}})
                             .value("hits").toArray());
        QCOMPARE(paged, byYear);
    }

    void groupsPagedInRankOrder()
    {
        const Corpus c = corpus();
        const QJsonObject whole = run(*c.collection, {{"q", "apple"}, {"query_by", "title,description"}, {"per_page", "250"}});
        // Grouped by year: groups in the order of their best hit, two hits each, in rank order.
        QStringList full = ids(whole.value("hits").toArray());
        full << ids(run(*c.collection, {{"q", "apple"}, {"query_by", "title,description"}, {"per_page", "250"}, {"page", "2"}})
                        .value("hits").toArray());
        QCOMPARE(full.size(), 300);
        QStringList groupOrder;
        QMap<QString, QStringList> members;
        for (const QString &id : full) {
            const QString year = QString::number(2000 + (id.toInt() * 7) % 10);
            if (!members.contains(year))
                groupOrder << year;
            members[year] << id;
        }
        QStringList seen;
        for (int page = 1; page <= 4; ++page) {
            const QJsonObject r = run(*c.collection, {{"q", "apple"}, {"query_by", "title,description"}, {"group_by", "year"},
                                                      {"group_limit", "2"}, {"per_page", "3"}, {"page", QString::number(page)}});
            QCOMPARE(r.value("found").toInt(), 10);
            QCOMPARE(r.value("found_docs").toInt(), 300);
            const QJsonArray groups = r.value("grouped_hits").toArray();
            QCOMPARE(groups.size(), page < 4 ? 3 : 1);
            for (const QJsonValue &g : groups) {
                const QString year = QString::number(g.toObject().value("group_key").toArray().at(0).toInt());
                seen << year;
                QCOMPARE(g.toObject().value("found").toInt(), int(members[year].size()));
                QCOMPARE(ids(g.toObject().value("hits").toArray()), members[year].mid(0, 2));
            }
        }
        QCOMPARE(seen, groupOrder);
    }

    void facetCountsWithFilters()
    {
        const Corpus c = corpus();
        struct Case
        {
            QString q, filter;
        };
        for (const Case &k : {Case{"apple", "year:>2004"}, Case{"apple", "genre:=[pome,citrus] && year:<=2003"}, Case{"*", "tags:=even"},
                              Case{"rare", ""}, Case{"*", "year:[2001..2002] || genre:=berry"}}) {
            SearchParams p{{"q", k.q}, {"query_by", "title,description"}, {"facet_by", "genre,tags,year"}, {"max_facet_values", "20"}};
            if (!k.filter.isEmpty())
                p.insert("filter_by", k.filter);
            const QJsonObject r = run(*c.collection, p);
            // Counts from the documents the filter and the query admit, worked out here.
            QMap<QString, QMap<QString, int>> expected;
            int found = 0;
            for (const QJsonObject &d : c.docs) {
                const int id = d.value("id").toString().toInt();
                const int year = d.value("year").toInt();
                const QString genre = d.value("genre").toString();
                const bool even = id % 2 == 0;
                bool admitted = true;
                if (k.filter == "year:>2004")
                    admitted = year > 2004;
                else if (k.filter.startsWith("genre"))
                    admitted = (genre == "pome" || genre == "citrus") && year <= 2003;
                else if (k.filter == "tags:=even")
                    admitted = even;
                else if (k.filter.startsWith("year:["))
                    admitted = (year >= 2001 && year <= 2002) || genre == "berry";
                const bool matched = k.q == "*" || (k.q == "apple") || (k.q == "rare" && id % 3 != 0 && id % 7 == 0);
                if (!admitted || !matched)
                    continue;
                ++found;
                ++expected["genre"][genre];
                ++expected["year"][QString::number(year)];
                for (const QJsonValue &t : d.value("tags").toArray())
                    ++expected["tags"][t.toString()];
            }
            QCOMPARE(r.value("found").toInt(), found);
            QVERIFY(found > 0);
            for (const QJsonValue &f : r.value("facet_counts").toArray()) {
                const QString name = f.toObject().value("field_name").toString();
                QMap<QString, int> got;
                int previous = std::numeric_limits<int>::max();
                for (const QJsonValue &v : f.toObject().value("counts").toArray()) {
                    got[v.toObject().value("value").toString()] = v.toObject().value("count").toInt();
                    QVERIFY(v.toObject().value("count").toInt() <= previous); // highest first
                    previous = v.toObject().value("count").toInt();
                }
                QVERIFY2(got == expected[name], qPrintable(k.q + " / " + k.filter + ": " + name));
            }
        }
        // Grouped: counts count groups (a year's value is in one group when grouping by year).
        const QJsonObject r = run(*c.collection, {{"q", "apple"}, {"query_by", "title,description"}, {"group_by", "year"},
                                                  {"facet_by", "year,genre"}, {"filter_by", "year:<2003"}});
        QCOMPARE(r.value("found").toInt(), 3);
        const QJsonArray facets = r.value("facet_counts").toArray();
        for (const QJsonValue &v : facets.at(0).toObject().value("counts").toArray())
            QCOMPARE(v.toObject().value("count").toInt(), 1);
        QCOMPARE(facets.at(0).toObject().value("counts").toArray().size(), 3);
        // a genre counts once per year group that holds it
        QMap<QString, QSet<int>> yearsOfGenre;
        for (const QJsonObject &d : c.docs)
            if (d.value("year").toInt() < 2003)
                yearsOfGenre[d.value("genre").toString()].insert(d.value("year").toInt());
        QMap<QString, int> got, expected;
        for (const QJsonValue &v : facets.at(1).toObject().value("counts").toArray())
            got[v.toObject().value("value").toString()] = v.toObject().value("count").toInt();
        for (auto it = yearsOfGenre.constBegin(); it != yearsOfGenre.constEnd(); ++it)
            expected[it.key()] = int(it.value().size());
        QVERIFY(got == expected);
    }
};

QTEST_GUILESS_MAIN(TstSearchTopK)
#include "tst_search_top_k.moc"
