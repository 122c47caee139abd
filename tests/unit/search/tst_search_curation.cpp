// Overrides (curation) over real HTTP: the routes with Typesense's messages, rules on the query
// (exact, contains, `{field}` placeholders) and on filter_by, and every action: includes and
// excludes (through pinned_hits and hidden_hits), filter_by with remove_matched_tokens,
// replace_query, sort_by, metadata, filter_curated_hits, stop_processing, the effective window,
// enable_overrides=false, rule tags chosen by override_tags, `{field}` placeholders in a rule's
// filter_by, aliases, and overrides surviving a restart (and leaving with their collection).
#include "search_http_client.h"

#include <QDateTime>
#include <QTemporaryDir>

using namespace homeport::search;
using namespace homeport::search::testing;

class TstSearchCuration : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    SearchHttpClient m_client;

    Reply request(const QByteArray &method, const QString &path, const QByteArray &body = {})
    {
        return m_client.request(method, path, body, kBootstrapKey);
    }
    QJsonObject search(const QString &query)
    {
        const Reply r = request("GET", "/collections/phones/documents/search?query_by=name,brand&sort_by=price:asc&" + query);
        if (r.status != 200)
            qWarning() << r.body;
        return r.json();
    }

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        const QString error = m_client.startEmpty(m_dir.path());
        QVERIFY2(error.isEmpty(), qPrintable(error));
        Reply r = request("POST", "/collections", R"({"name":"phones","fields":[{"name":"name","type":"string"},{"name":"brand","type":"string","facet":true},{"name":"price","type":"int32"}]})");
        QCOMPARE(r.status, 201);
        r = request("POST", "/collections/phones/documents/import",
                    "{\"id\":\"1\",\"name\":\"Galaxy phone\",\"brand\":\"samsung\",\"price\":900}\n"
                    "{\"id\":\"2\",\"name\":\"Galaxy phone mini\",\"brand\":\"samsung\",\"price\":500}\n"
                    "{\"id\":\"3\",\"name\":\"iPhone\",\"brand\":\"apple\",\"price\":1000}\n"
                    "{\"id\":\"4\",\"name\":\"Pixel phone\",\"brand\":\"google\",\"price\":700}\n"
                    "{\"id\":\"5\",\"name\":\"Apple charger\",\"brand\":\"apple\",\"price\":30}");
        QCOMPARE(r.status, 200);
    }
    void cleanup() { m_client.stop(); }

    void routesAndMessages()
    {
        Reply r = request("PUT", "/collections/phones/overrides/pin", R"({"rule":{"query":"phone","match":"exact"},"includes":[{"id":"3","position":1}]})");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value("id").toString(), QStringLiteral("pin"));
        r = request("GET", "/collections/phones/overrides/pin");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value("stop_processing").toBool(), true);
        QCOMPARE(r.json().value("remove_matched_tokens").toBool(), false);
        QCOMPARE(r.json().value("excludes").toArray().size(), 0);
        QCOMPARE(request("GET", "/collections/phones/overrides").json().value("overrides").toArray().size(), 1);
        QCOMPARE(request("GET", "/collections/phones/overrides/nope").status, 404);
        QCOMPARE(request("GET", "/collections/nope/overrides").status, 404);

        const struct { QByteArray body; QString message; } bad[] = {
            {R"({"includes":[]})", "Missing `rule` definition."},
            {R"({"rule":{"query":"x"},"includes":[]})", "The `rule` definition must contain either a `tags` or a `query` and `match`."},
            {R"({"rule":{"query":"x","match":"exact"}})", "Must contain one of: `includes`, `excludes`, `metadata`, `filter_by`, `sort_by`, `remove_matched_tokens`, `replace_query`."},
            {R"({"rule":{"query":"x","match":"exact"},"includes":[{"id":"1"}]})", "Inclusion definition must define both `id` and `position` keys."},
            {R"({"rule":{"query":"x","match":"exact"},"excludes":[{"id":1}]})", "Exclusion `id` must be a string."},
            {R"({"rule":{"query":"x","match":"exact"},"filter_by":""})", "The `filter_by` must be a non-empty string."},
            {R"({"rule":{"query":"x","match":"exact"},"replace_query":"y","remove_matched_tokens":true})", "Only one of `replace_query` or `remove_matched_tokens` can be specified."},
            {R"({"rule":{"tags":"promo"},"includes":[]})", "The `tags` value must be an array of strings."},
            {R"({"rule":{"tags":["promo",1]},"includes":[]})", "The `tags` value must be an array of strings."},
            {R"({"rule":{"match":"exact"},"includes":[]})", "The `rule` definition must contain either a `tags` or a `query` and `match`."},
            {R"({"rule":{"tags":["promo"],"match":"exact"},"includes":[]})", "The `match` field requires a `query` field to be present."},
            {R"({"rule":{"query":"x","match":"exact"},"metadata":"banner"})", "The `metadata` must be a JSON object."},
        };
        for (const auto &b : bad) {
            r = request("PUT", "/collections/phones/overrides/bad", b.body);
            QCOMPARE(r.status, 400);
            QCOMPARE(r.message(), b.message);
        }
        r = request("DELETE", "/collections/phones/overrides/pin");
        QCOMPARE(r.json(), (QJsonObject{{"id", "pin"}}));
        QCOMPARE(request("DELETE", "/collections/phones/overrides/pin").status, 404);
    }

    void includesAndExcludes()
    {
        QCOMPARE(request("PUT", "/collections/phones/overrides/phones", R"({"rule":{"query":"phone","match":"contains"},"includes":[{"id":"3","position":1}],"excludes":[{"id":"2"}]})").status, 200);
        QJsonObject r = search("q=galaxy%20phone");
        QCOMPARE(hitIds(r), (QStringList{"3", "1"}));
        QCOMPARE(r.value("hits").toArray().first().toObject().value("curated").toBool(), true);
        // exact would not match "galaxy phone"; contains does; a query without "phone" is untouched.
        r = search("q=galaxy");
        QCOMPARE(hitIds(r), (QStringList{"2", "1"}));
        r = search("q=galaxy%20phone&enable_overrides=false");
        QCOMPARE(hitIds(r), (QStringList{"2", "1"}));

        QCOMPARE(request("PUT", "/collections/phones/overrides/phones", R"({"rule":{"query":"phone","match":"exact"},"excludes":[{"id":"4"}]})").status, 200);
        QCOMPARE(hitIds(search("q=phone")), (QStringList{"2", "1"}));
        QCOMPARE(hitIds(search("q=galaxy%20phone")), (QStringList{"2", "1"}));
    }

    void dynamicFilterAndQueryRewrites()
    {
        // "apple phone" -> brand filter, the matched word leaves the query.
        QCOMPARE(request("PUT", "/collections/phones/overrides/apple", R"({"rule":{"query":"apple","match":"contains"},"filter_by":"brand:=apple","metadata":{"banner":"apple-week"}})").status, 200);
        QJsonObject r = search("q=apple");
        QCOMPARE(hitIds(r), (QStringList{"5", "3"}));
        QCOMPARE(r.value("metadata").toObject().value("banner").toString(), QStringLiteral("apple-week"));
        r = search("q=apple%20charger");
        QCOMPARE(hitIds(r), QStringList{"5"});
        // The request's own filter stays, joined with &&.
        QCOMPARE(hitIds(search("q=apple&filter_by=price:>100")), QStringList{"3"});

        QCOMPARE(request("PUT", "/collections/phones/overrides/cheap", R"({"rule":{"query":"cheap phone","match":"exact"},"replace_query":"phone","sort_by":"price:asc","filter_by":"price:<800"})").status, 200);
        QCOMPARE(hitIds(search("q=cheap%20phone")), (QStringList{"2", "4"}));

        // A rule on filter_by alone: the search's filter_by must be exactly that string.
        QCOMPARE(request("PUT", "/collections/phones/overrides/samsung", R"({"rule":{"filter_by":"brand:=samsung"},"includes":[{"id":"4","position":1}]})").status, 200);
        QCOMPARE(hitIds(search("q=*&filter_by=brand:=samsung")), (QStringList{"4", "2", "1"}));
        QCOMPARE(hitIds(search("q=*&filter_by=brand:=samsung%20%26%26%20price:>0")), (QStringList{"2", "1"}));
    }

    void placeholdersTakeFieldValues()
    {
        QCOMPARE(request("PUT", "/collections/phones/overrides/brand-phone",
                         R"({"rule":{"query":"{brand} phone","match":"exact"},"filter_by":"brand:={brand}","metadata":{"dynamic":true}})").status, 200);
        QJsonObject r = search("q=samsung%20phone");
        QCOMPARE(hitIds(r), (QStringList{"2", "1"}));
        QCOMPARE(r.value("metadata").toObject().value("dynamic").toBool(), true);
        // The placeholder takes the query's word, so another brand filters on that brand.
        QCOMPARE(hitIds(search("q=Apple%20phone")), (QStringList{"5", "3"}));
        // A word that is no brand does not match the rule; neither does a query with more words.
        QVERIFY(!search("q=nokia%20phone").contains("metadata"));
        QVERIFY(!search("q=samsung%20phone%20mini").contains("metadata"));

        // replace_query takes the value too; contains finds the rule inside a longer query.
        QCOMPARE(request("PUT", "/collections/phones/overrides/brand-phone",
                         R"({"rule":{"query":"cheap {brand}","match":"contains"},"replace_query":"{brand}","sort_by":"price:asc","metadata":{"dynamic":true}})").status, 200);
        r = search("q=very%20cheap%20google%20stuff");
        QCOMPARE(hitIds(r), QStringList{"4"});
        QCOMPARE(r.value("metadata").toObject().value("dynamic").toBool(), true);
    }

    void filterCuratedHitsStopProcessingAndWindow()
    {
        QCOMPARE(request("PUT", "/collections/phones/overrides/a", R"({"rule":{"query":"phone","match":"contains"},"includes":[{"id":"5","position":1}],"stop_processing":false})").status, 200);
        QCOMPARE(request("PUT", "/collections/phones/overrides/b", R"({"rule":{"query":"phone","match":"contains"},"excludes":[{"id":"1"}]})").status, 200);
        QCOMPARE(request("PUT", "/collections/phones/overrides/c", R"({"rule":{"query":"phone","match":"contains"},"excludes":[{"id":"2"}]})").status, 200);
        // a and b apply (a does not stop), b stops before c.
        QCOMPARE(hitIds(search("q=phone")), (QStringList{"5", "2", "4"}));
        // The pinned charger is outside the price filter: shown unless filter_curated_hits.
        QCOMPARE(hitIds(search("q=phone&filter_by=price:>100")), (QStringList{"5", "2", "4"}));
        QCOMPARE(request("PUT", "/collections/phones/overrides/a", R"({"rule":{"query":"phone","match":"contains"},"includes":[{"id":"5","position":1}],"stop_processing":false,"filter_curated_hits":true})").status, 200);
        QCOMPARE(hitIds(search("q=phone&filter_by=price:>100")), (QStringList{"2", "4"}));

        const qint64 now = QDateTime::currentSecsSinceEpoch();
        QCOMPARE(request("DELETE", "/collections/phones/overrides/a").status, 200);
        QCOMPARE(request("DELETE", "/collections/phones/overrides/c").status, 200);
        QCOMPARE(request("PUT", "/collections/phones/overrides/b",
                         QStringLiteral(R"({"rule":{"query":"phone","match":"contains"},"excludes":[{"id":"1"}],"effective_from_ts":%1})").arg(now + 3600).toUtf8()).status, 200);
        QCOMPARE(hitIds(search("q=phone")), (QStringList{"2", "4", "1"}));
        QCOMPARE(request("PUT", "/collections/phones/overrides/b",
                         QStringLiteral(R"({"rule":{"query":"phone","match":"contains"},"excludes":[{"id":"1"}],"effective_from_ts":%1,"effective_to_ts":%2})").arg(now - 3600).arg(now + 3600).toUtf8()).status, 200);
        QCOMPARE(hitIds(search("q=phone")), (QStringList{"2", "4"}));
    }

    void tagsChooseTheOverrides()
    {
        // Ids in order: t-a (tag promo, no query), t-ab (promo and sale, on "phone"), untagged.
        QCOMPARE(request("PUT", "/collections/phones/overrides/t-a", R"({"rule":{"tags":["promo"]},"includes":[{"id":"4","position":1}]})").status, 200);
        QCOMPARE(request("PUT", "/collections/phones/overrides/t-ab", R"({"rule":{"tags":["sale","promo"],"query":"phone","match":"contains"},"includes":[{"id":"5","position":1}]})").status, 200);
        QCOMPARE(request("PUT", "/collections/phones/overrides/untagged", R"({"rule":{"query":"phone","match":"contains"},"excludes":[{"id":"1"}]})").status, 200);
        QCOMPARE(request("GET", "/collections/phones/overrides/t-ab").json().value("rule").toObject().value("tags").toArray(),
                 (QJsonArray{"sale", "promo"}));

        // Without override_tags only the untagged override runs.
        QCOMPARE(hitIds(search("q=phone")), (QStringList{"2", "4"}));
        // One tag: the overrides carrying it, in id order; a rule of tags alone applies.
        QCOMPARE(hitIds(search("q=phone&override_tags=promo")), (QStringList{"4", "2", "1"}));
        QCOMPARE(hitIds(search("q=phone&override_tags=sale")), (QStringList{"5", "2", "4", "1"}));
        // Several: the override tagged with exactly those comes first...
        QCOMPARE(hitIds(search("q=phone&override_tags=promo,%20sale")), (QStringList{"5", "2", "4", "1"}));
        // ...and when it does not apply (its query does not match), those sharing any tag do.
        QCOMPARE(hitIds(search("q=galaxy&override_tags=sale,promo")), (QStringList{"4", "2", "1"}));
        // An unknown tag runs nothing; later Typesense names the parameter curation_tags.
        QCOMPARE(hitIds(search("q=phone&override_tags=winter")), (QStringList{"2", "4", "1"}));
        QCOMPARE(hitIds(search("q=phone&curation_tags=promo")), (QStringList{"4", "2", "1"}));

        // A rule tagged `*` runs for every search without tags (here without stopping the rest).
        QCOMPARE(request("PUT", "/collections/phones/overrides/all", R"({"rule":{"tags":["*"]},"metadata":{"every":true},"stop_processing":false})").status, 200);
        const QJsonObject r = search("q=phone");
        QCOMPARE(hitIds(r), (QStringList{"2", "4"}));
        QCOMPARE(r.value("metadata").toObject().value("every").toBool(), true);
    }

    void ruleFilterPlaceholdersTakeTheFilterValue()
    {
        // Typesense's documentation shows `match` beside a filter rule: accepted.
        QCOMPARE(request("PUT", "/collections/phones/overrides/by-brand",
                         R"({"rule":{"filter_by":"brand:={brand}","match":"exact"},"filter_by":"name:{brand}","metadata":{"brand":true}})").status, 200);
        // brand:=apple holds 3 (iPhone) and 5 (Apple charger); the action keeps the one named apple.
        QJsonObject r = search("q=*&filter_by=brand:=apple");
        QCOMPARE(hitIds(r), QStringList{"5"});
        QCOMPARE(r.value("metadata").toObject().value("brand").toBool(), true);
        QCOMPARE(hitIds(search("q=*&filter_by=brand:=%60apple%60")), QStringList{"5"});
        // Other text around the placeholder does not match the rule.
        r = search("q=*&filter_by=brand:apple");
        QCOMPARE(hitIds(r), (QStringList{"5", "3"}));
        QVERIFY(!r.contains("metadata"));
    }

    void durableAndThroughAliases()
    {
        QCOMPARE(request("PUT", "/collections/phones/overrides/pin", R"({"rule":{"query":"phone","match":"exact"},"includes":[{"id":"3","position":1}]})").status, 200);
        m_client.stop();
        QString error = m_client.start(m_dir.path());
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(hitIds(search("q=phone")).value(0), QStringLiteral("3"));
        QCOMPARE(request("PUT", "/aliases/mobiles", R"({"collection_name":"phones"})").status, 200);
        QCOMPARE(request("GET", "/collections/mobiles/overrides").json().value("overrides").toArray().size(), 1);
        Reply r = request("GET", "/collections/mobiles/documents/search?q=phone&query_by=name");
        QCOMPARE(hitIds(r.json()).value(0), QStringLiteral("3"));

        // Dropping the collection drops its overrides; a new namesake starts without them.
        QCOMPARE(request("DELETE", "/collections/phones").status, 200);
        QCOMPARE(request("POST", "/collections", R"({"name":"phones","fields":[{"name":"name","type":"string"}]})").status, 201);
        QCOMPARE(request("GET", "/collections/phones/overrides").json().value("overrides").toArray().size(), 0);
    }
};

QTEST_MAIN(TstSearchCuration)
#include "tst_search_curation.moc"
