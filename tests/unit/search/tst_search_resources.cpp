// Service-level search resources over real HTTP: aliases (collection routes resolve them),
// presets (`preset=` on search and multi_search, explicit parameters win), stopword sets
// (`stopwords=` cuts their words out of q with the collection's analyzer), all surviving a
// restart; and /stats.json and /metrics.json with their Typesense key names, behind the key.
#include "search_http_client.h"

#include <QTemporaryDir>

using namespace homeport::search;
using namespace homeport::search::testing;

class TstSearchResources : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    SearchHttpClient m_client;

    Reply request(const QByteArray &method, const QString &path, const QByteArray &body = {}, const QByteArray &key = kBootstrapKey)
    {
        return m_client.request(method, path, body, key);
    }

    void restart()
    {
        m_client.stop();
        const QString error = m_client.start(m_dir.path());
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void seed(const QByteArray &name)
    {
        const QJsonArray fields{QJsonObject{{"name", "title"}, {"type", "string"}}, QJsonObject{{"name", "year"}, {"type", "int32"}},
                                QJsonObject{{"name", "genre"}, {"type", "string"}, {"facet", true}}};
        Reply r = request("POST", "/collections",
                          QJsonDocument(QJsonObject{{"name", QString::fromLatin1(name)}, {"fields", fields}}).toJson(QJsonDocument::Compact));
        QCOMPARE(r.status, 201);
        r = request("POST", "/collections/" + name + "/documents/import",
                    "{\"id\":\"1\",\"title\":\"The Hobbit\",\"year\":1937,\"genre\":\"fantasy\"}\n"
                    "{\"id\":\"2\",\"title\":\"The Silmarillion\",\"year\":1977,\"genre\":\"fantasy\"}\n"
                    "{\"id\":\"3\",\"title\":\"Dune\",\"year\":1965,\"genre\":\"science fiction\"}\n"
                    "{\"id\":\"4\",\"title\":\"A Tale of Two Cities\",\"year\":1859,\"genre\":\"classic\"}");
        QCOMPARE(r.status, 200);
    }

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        const QString error = m_client.startEmpty(m_dir.path());
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }
    void cleanup() { m_client.stop(); }

    void aliases()
    {
        seed("books_v1");
        seed("books_v2");
        QCOMPARE(request("DELETE", "/collections/books_v2/documents/3").status, 200);
        Reply r = request("PUT", "/aliases/books", R"({"collection_name":"books_v1"})");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json(), (QJsonObject{{"name", "books"}, {"collection_name", "books_v1"}}));
        QCOMPARE(request("GET", "/collections/books/documents/search?q=dune&query_by=title").json().value("found").toInt(), 1);
        QCOMPARE(request("GET", "/collections/books").json().value("name").toString(), QStringLiteral("books_v1"));
        QCOMPARE(request("GET", "/collections/books/documents/3").status, 200);
        r = request("POST", "/multi_search", R"({"searches":[{"collection":"books","q":"dune","query_by":"title"}]})");
        QCOMPARE(r.json().value("results").toArray().first().toObject().value("found").toInt(), 1);

        // Repointing the alias switches every route at once.
        QCOMPARE(request("PUT", "/aliases/books", R"({"collection_name":"books_v2"})").status, 200);
        QCOMPARE(request("GET", "/collections/books/documents/search?q=dune&query_by=title").json().value("found").toInt(), 0);
        QCOMPARE(request("GET", "/collections/books/documents/3").status, 404);

        r = request("PUT", "/aliases/bad", R"({"name":"x"})");
        QCOMPARE(r.status, 400);
        QCOMPARE(r.message(), QStringLiteral("Parameter `collection_name` is required."));
        QCOMPARE(request("GET", "/aliases/missing").status, 404);
        r = request("GET", "/aliases");
        QCOMPARE(r.json().value("aliases").toArray().size(), 1);

        restart();
        QCOMPARE(request("GET", "/aliases/books").json().value("collection_name").toString(), QStringLiteral("books_v2"));
        QCOMPARE(request("GET", "/collections/books/documents/1").status, 200);
        r = request("DELETE", "/aliases/books");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value("collection_name").toString(), QStringLiteral("books_v2"));
        QCOMPARE(request("GET", "/collections/books/documents/1").status, 404);
        QCOMPARE(request("DELETE", "/aliases/books").status, 404);
    }

    void presets()
    {
        seed("books");
        Reply r = request("PUT", "/presets/fantasy_first", R"({"value":{"query_by":"title","filter_by":"genre:=fantasy","sort_by":"year:asc","per_page":1}})");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value("name").toString(), QStringLiteral("fantasy_first"));
        r = request("PUT", "/presets/bad", R"({"query_by":"title"})");
        QCOMPARE(r.status, 400);
        QCOMPARE(r.message(), QStringLiteral("Parameter `value` is required."));

        r = request("GET", "/collections/books/documents/search?q=the&preset=fantasy_first");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value("found").toInt(), 2);
        QCOMPARE(hitIds(r.json()), QStringList{"1"});
        // Explicit parameters win over the preset's.
        r = request("GET", "/collections/books/documents/search?q=the&preset=fantasy_first&sort_by=year:desc&per_page=5");
        QCOMPARE(hitIds(r.json()), (QStringList{"2", "1"}));
        r = request("POST", "/multi_search", R"({"searches":[{"collection":"books","q":"the","preset":"fantasy_first"}]})");
        QCOMPARE(hitIds(r.json().value("results").toArray().first().toObject()), QStringList{"1"});
        r = request("POST", "/multi_search?preset=fantasy_first", R"({"searches":[{"collection":"books","q":"*","filter_by":"genre:=classic"}]})");
        QCOMPARE(hitIds(r.json().value("results").toArray().first().toObject()), QStringList{"4"});

        // A multi_search preset supplies the searches themselves.
        QCOMPARE(request("PUT", "/presets/two", R"({"value":{"searches":[{"collection":"books","q":"dune","query_by":"title"},{"collection":"books","q":"hobbit","query_by":"title"}]}})").status, 200);
        r = request("POST", "/multi_search?preset=two", R"({"searches":[]})");
        const QJsonArray results = r.json().value("results").toArray();
        QCOMPARE(results.size(), 2);
        QCOMPARE(hitIds(results[0].toObject()), QStringList{"3"});
        QCOMPARE(hitIds(results[1].toObject()), QStringList{"1"});

        QCOMPARE(request("GET", "/presets").json().value("presets").toArray().size(), 2);
        restart();
        r = request("GET", "/presets/fantasy_first");
        QCOMPARE(r.json().value("value").toObject().value("per_page").toInt(), 1);
        QCOMPARE(hitIds(request("GET", "/collections/books/documents/search?q=the&preset=fantasy_first").json()), QStringList{"1"});
        QCOMPARE(request("DELETE", "/presets/fantasy_first").status, 200);
        QCOMPARE(request("GET", "/presets/fantasy_first").status, 404);
        QCOMPARE(request("DELETE", "/presets/fantasy_first").status, 404);
    }

    void stopwords()
    {
        seed("books");
        Reply r = request("PUT", "/stopwords/common", R"({"stopwords":["The","OF","a tale"],"locale":"en"})");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value("id").toString(), QStringLiteral("common"));
        r = request("GET", "/stopwords/common");
        QCOMPARE(r.json().value("stopwords").toObject().value("stopwords").toArray(), (QJsonArray{"the", "of", "a", "tale"}));
        r = request("PUT", "/stopwords/bad", R"({"words":["x"]})");
        QCOMPARE(r.status, 400);

        // Without the set, "the dune" needs both words (no match); with it only "dune" remains.
        QCOMPARE(request("GET", "/collections/books/documents/search?q=the%20dune&query_by=title&drop_tokens_threshold=0").json().value("found").toInt(), 0);
        r = request("GET", "/collections/books/documents/search?q=the%20dune&query_by=title&drop_tokens_threshold=0&stopwords=common");
        QCOMPARE(hitIds(r.json()), QStringList{"3"});
        // Folded like the index: "THÉ" is "the".
        r = request("GET", "/collections/books/documents/search?q=TH%C3%89%20dune&query_by=title&drop_tokens_threshold=0&stopwords=common");
        QCOMPARE(hitIds(r.json()), QStringList{"3"});
        // Only stopwords: everything matches.
        r = request("GET", "/collections/books/documents/search?q=the%20of&query_by=title&stopwords=common");
        QCOMPARE(r.json().value("found").toInt(), 4);
        r = request("GET", "/collections/books/documents/search?q=dune&query_by=title&stopwords=nope");
        QCOMPARE(r.status, 404);
        QCOMPARE(r.message(), QStringLiteral("Stopword `nope` not found."));

        restart();
        QCOMPARE(request("GET", "/stopwords").json().value("stopwords").toArray().size(), 1);
        QCOMPARE(hitIds(request("GET", "/collections/books/documents/search?q=the%20dune&query_by=title&drop_tokens_threshold=0&stopwords=common").json()), QStringList{"3"});
        r = request("DELETE", "/stopwords/common");
        QCOMPARE(r.json(), (QJsonObject{{"id", "common"}}));
        QCOMPARE(request("GET", "/stopwords/common").status, 404);
    }

    void statsAndMetrics()
    {
        seed("books");
        for (int i = 0; i < 3; ++i)
            QCOMPARE(request("GET", "/collections/books/documents/search?q=dune&query_by=title").status, 200);
        QCOMPARE(request("POST", "/collections/books/documents", R"({"id":"9","title":"x","year":1,"genre":"x"})").status, 201);
        QCOMPARE(request("DELETE", "/collections/books/documents/9").status, 200);

        QCOMPARE(request("GET", "/stats.json", {}, QByteArray()).status, 401);
        QCOMPARE(request("GET", "/metrics.json", {}, QByteArray("wrong")).status, 401);

        Reply r = request("GET", "/stats.json");
        QCOMPARE(r.status, 200);
        const QJsonObject stats = r.json();
        for (const char *key : {"search_latency_ms", "search_requests_per_second", "write_latency_ms", "write_requests_per_second",
                                "import_latency_ms", "import_requests_per_second", "delete_latency_ms", "delete_requests_per_second",
                                "total_requests_per_second", "latency_ms", "requests_per_second", "pending_write_batches",
                                "overloaded_requests_per_second"})
            QVERIFY2(stats.contains(QLatin1String(key)), key);
        // The window holds what was just sent: 3 searches, 1 write, 1 delete, 1 import.
        const double window = stats.value("search_requests_per_second").toDouble();
        QVERIFY(window > 0);
        QCOMPARE(stats.value("write_requests_per_second").toDouble() * 3, window);
        QCOMPARE(stats.value("delete_requests_per_second").toDouble() * 3, window);
        QCOMPARE(stats.value("import_requests_per_second").toDouble() * 3, window);
        QVERIFY(stats.value("requests_per_second").toObject().contains("GET /collections/books/documents/search"));
        QVERIFY(stats.value("search_latency_ms").toDouble() > 0);

        r = request("GET", "/metrics.json");
        QCOMPARE(r.status, 200);
        const QJsonObject metrics = r.json();
        for (const char *key : {"system_cpu_active_percentage", "system_memory_total_bytes", "system_memory_used_bytes",
                                "system_disk_total_bytes", "system_disk_used_bytes", "system_network_received_bytes",
                                "system_network_sent_bytes", "typesense_memory_resident_bytes", "typesense_memory_allocated_bytes",
                                "typesense_memory_active_bytes", "typesense_memory_mapped_bytes", "typesense_memory_fragmentation_ratio"}) {
            QVERIFY2(metrics.value(QLatin1String(key)).isString(), key);
        }
        QVERIFY(metrics.value("system_memory_total_bytes").toString().toULongLong() > 0);
        QVERIFY(metrics.value("typesense_memory_resident_bytes").toString().toULongLong() > 0);
        QVERIFY(metrics.value("system_memory_used_bytes").toString().toULongLong() <= metrics.value("system_memory_total_bytes").toString().toULongLong());
        QVERIFY(metrics.contains("system_cpu1_active_percentage"));
    }
};

QTEST_MAIN(TstSearchResources)
#include "tst_search_resources.moc"
