// The search service over real HTTP on 127.0.0.1 (port 0): auth, collections, documents, import
// and export, search and multi_search, Typesense's statuses and messages, and durability across
// a restart. Everything runs in the test's thread: the service and the QNetworkAccessManager.
#include "search_http_client.h"

#include <QTemporaryDir>

using namespace homeport;
using namespace homeport::search;
using namespace homeport::search::testing;

class TstSearchService : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    SearchHttpClient m_client;

    void startService()
    {
        const QString error = m_client.start(m_dir.path());
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    Reply request(const QByteArray &method, const QString &path, const QByteArray &body = {}, bool withKey = true)
    {
        return m_client.request(method, path, body, withKey ? kBootstrapKey : QByteArray());
    }

    void createBooks()
    {
        const Reply r = request("POST", "/collections", R"({"name":"books","fields":[
            {"name":"title","type":"string"},{"name":"author","type":"string","facet":true},
            {"name":"year","type":"int32","facet":true},{"name":"tags","type":"string[]","optional":true}],
            "default_sorting_field":"year"})");
        QCOMPARE(r.status, 201);
    }

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        const QString error = m_client.startEmpty(m_dir.path());
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }
    void cleanup() { m_client.stop(); }

    void authAndHealth()
    {
        Reply r = request("GET", "/health", {}, false);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value("ok").toBool(), true);
        r = request("GET", "/collections", {}, false);
        QCOMPARE(r.status, 401);
        QCOMPARE(r.message(), QStringLiteral("Forbidden - a valid `x-typesense-api-key` header must be sent."));
        r = request("GET", "/collections?x-typesense-api-key=" + QString::fromLatin1(kBootstrapKey), {}, false);
        QCOMPARE(r.status, 200);
        r = request("GET", "/collections?x-typesense-api-key=wrong", {}, false);
        QCOMPARE(r.status, 401);
    }

    void collectionLifecycle()
    {
        createBooks();
        Reply r = request("POST", "/collections", R"({"name":"books","fields":[{"name":"a","type":"string"}]})");
        QCOMPARE(r.status, 409);
        QCOMPARE(r.message(), QStringLiteral("A collection with name `books` already exists."));
        r = request("POST", "/collections", "{not json");
        QCOMPARE(r.status, 400);
        QCOMPARE(r.message(), QStringLiteral("Bad JSON."));
        r = request("GET", "/collections/books");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value("num_documents").toInt(), 0);
        QCOMPARE(r.json().value("fields").toArray().size(), 4);
        QCOMPARE(r.json().value("default_sorting_field").toString(), QStringLiteral("year"));
        r = request("GET", "/collections");
        QCOMPARE(r.array().size(), 1);
        r = request("GET", "/collections/nope");
        QCOMPARE(r.status, 404);
        QCOMPARE(r.message(), QStringLiteral("Not Found"));
        r = request("DELETE", "/collections/nope");
        QCOMPARE(r.status, 404);
        QCOMPARE(r.message(), QStringLiteral("No collection with name `nope` found."));
        r = request("GET", "/collections/nope/documents/search?q=*");
        QCOMPARE(r.status, 404);
        QCOMPARE(r.message(), QStringLiteral("Not found."));
        r = request("DELETE", "/collections/books");
        QCOMPARE(r.status, 200);
        QCOMPARE(request("GET", "/collections/books").status, 404);
    }

    void documentsImportExportAndSearch()
    {
        createBooks();
        Reply r = request("POST", "/collections/books/documents", R"({"id":"1","title":"The Hobbit","author":"Tolkien","year":1937})");
        QCOMPARE(r.status, 201);
        QCOMPARE(r.json().value("title").toString(), QStringLiteral("The Hobbit"));
        r = request("POST", "/collections/books/documents", R"({"id":"1","title":"Again","author":"x","year":1})");
        QCOMPARE(r.status, 409);
        QCOMPARE(r.message(), QStringLiteral("A document with id 1 already exists."));
        r = request("POST", "/collections/books/documents", R"({"title":"No year","author":"x"})");
        QCOMPARE(r.status, 400);
        QCOMPARE(r.message(), QStringLiteral("Field `year` has been declared in the schema, but is not found in the document."));
        r = request("POST", "/collections/books/documents/import?action=create",
                    "{\"id\":\"2\",\"title\":\"The Silmarillion\",\"author\":\"Tolkien\",\"year\":1977}\n"
                    "{bad json\n"
                    "{\"id\":\"3\",\"title\":\"Dune\",\"author\":\"Herbert\",\"year\":1965,\"tags\":[\"desert\",\"spice\"]}\n"
                    "{\"id\":\"4\",\"title\":5,\"author\":\"x\",\"year\":1}\n");
        QCOMPARE(r.status, 200);
        const QList<QByteArray> lines = r.body.split('\n');
        QCOMPARE(lines.size(), 4);
        QVERIFY(!r.body.endsWith('\n'));
        QCOMPARE(QJsonDocument::fromJson(lines[0]).object().value("success").toBool(), true);
        QCOMPARE(QJsonDocument::fromJson(lines[1]).object().value("success").toBool(), false);
        QCOMPARE(QJsonDocument::fromJson(lines[1]).object().value("code").toInt(), 400);
        QCOMPARE(QJsonDocument::fromJson(lines[3]).object().value("error").toString(), QStringLiteral("Field `title` must be a string."));
        r = request("POST", "/collections/books/documents/import?action=upsert",
                    "{\"id\":\"3\",\"title\":\"Dune Messiah\",\"author\":\"Herbert\",\"year\":1969}");
        QCOMPARE(r.body, QByteArray(R"({"success":true})"));
        r = request("PATCH", "/collections/books/documents/3", R"({"year":1970})");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value("title").toString(), QStringLiteral("Dune Messiah"));
        r = request("GET", "/collections/books/documents/3");
        QCOMPARE(r.json().value("year").toInt(), 1970);
        r = request("GET", "/collections/books/documents/9");
        QCOMPARE(r.status, 404);
        QCOMPARE(r.message(), QStringLiteral("Could not find a document with id: 9"));

        r = request("GET", "/collections/books/documents/search?q=hobit&query_by=title");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value("found").toInt(), 1);
        QCOMPARE(r.json().value("hits").toArray().first().toObject().value("document").toObject().value("id").toString(), QStringLiteral("1"));
        r = request("GET", "/collections/books/documents/search?q=*&filter_by=author:=Tolkien&sort_by=year:asc&facet_by=author");
        QCOMPARE(r.json().value("found").toInt(), 2);
        QCOMPARE(r.json().value("hits").toArray().first().toObject().value("document").toObject().value("id").toString(), QStringLiteral("1"));
        QCOMPARE(r.json().value("facet_counts").toArray().first().toObject().value("counts").toArray().first().toObject().value("count").toInt(), 2);
        r = request("GET", "/collections/books/documents/search?q=x&query_by=title&filter_by=year:>>1");
        QCOMPARE(r.status, 400);
        QCOMPARE(r.message(), QStringLiteral("Could not parse the filter query."));
        r = request("GET", "/collections/books/documents/search?q=*&per_page=300");
        QCOMPARE(r.status, 422);

        r = request("POST", "/multi_search?query_by=title",
                    R"({"searches":[{"collection":"books","q":"dune"},{"collection":"nope","q":"x"},{"collection":"books","q":"x","query_by":"nope"}]})");
        QCOMPARE(r.status, 200);
        const QJsonArray results = r.json().value("results").toArray();
        QCOMPARE(results.size(), 3);
        QCOMPARE(results[0].toObject().value("found").toInt(), 1);
        QCOMPARE(results[1].toObject().value("code").toInt(), 404);
        QCOMPARE(results[2].toObject().value("error").toString(), QStringLiteral("Could not find a field named `nope` in the schema."));

        r = request("POST", "/collections/books/documents/import", "{\"id\":\"9\",\"title\":\"T\",\"author\":\"A\",\"year\":1}\n  \n");
        QCOMPARE(r.body, QByteArray(R"({"success":true})"));
        QCOMPARE(request("DELETE", "/collections/books/documents/9").status, 200);

        r = request("GET", "/collections/books/documents/export?filter_by=year:<1970&include_fields=id,title");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, QByteArray("{\"id\":\"1\",\"title\":\"The Hobbit\"}"));

        r = request("PATCH", "/collections/books/documents?filter_by=author:Tolkien", R"({"tags":["middle-earth"]})");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value("num_updated").toInt(), 2);
        r = request("GET", "/collections/books/documents/search?q=*&filter_by=tags:middle-earth");
        QCOMPARE(r.json().value("found").toInt(), 2);
        r = request("PATCH", "/collections/books/documents", R"({"tags":[]})");
        QCOMPARE(r.status, 400);
        QCOMPARE(r.message(), QStringLiteral("Parameter `filter_by` must be provided."));

        r = request("DELETE", "/collections/books/documents/2");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value("id").toString(), QStringLiteral("2"));
        QCOMPARE(request("GET", "/collections/books").json().value("num_documents").toInt(), 2);
    }

    void documentRouteParametersAsTypesense()
    {
        createBooks();
        Reply r = request("POST", "/collections/books/documents?action=replace", R"({"id":"1","title":"Dune","author":"Herbert","year":1965})");
        QCOMPARE(r.status, 400);
        QCOMPARE(r.message(), QStringLiteral("Parameter `action` must be a create|update|upsert."));
        r = request("POST", "/collections/books/documents/import?action=replace", R"({"id":"1"})");
        QCOMPARE(r.status, 400);
        QCOMPARE(r.message(), QStringLiteral("Parameter `action` must be a create|update|upsert."));
        r = request("POST", "/collections/books/documents/import?batch_size=0", R"({"id":"1"})");
        QCOMPARE(r.status, 400);
        QCOMPARE(r.message(), QStringLiteral("Parameter `batch_size` must be a positive integer."));
        r = request("POST", "/collections/books/documents/import?return_doc=yes", R"({"id":"1"})");
        QCOMPARE(r.status, 400);
        QCOMPARE(r.message(), QStringLiteral("Parameter `return_doc` must be a true|false."));
        r = request("DELETE", "/collections/books/documents?filter_by=year:>0&batch_size=none");
        QCOMPARE(r.status, 400);
        QCOMPARE(r.message(), QStringLiteral("Parameter `batch_size` must be a positive integer."));

        // dirty_values in any case; an unknown value is the default (reject here).
        r = request("POST", "/collections/books/documents?dirty_values=COERCE_OR_REJECT", R"({"id":"1","title":"Dune","author":"Herbert","year":"1965"})");
        QCOMPARE(r.status, 201);
        QCOMPARE(r.json().value("year").toInt(), 1965);
        r = request("POST", "/collections/books/documents?dirty_values=whatever", R"({"id":"2","title":"Emma","author":"Austen","year":"1815"})");
        QCOMPARE(r.status, 400);
        QCOMPARE(r.message(), QStringLiteral("Field `year` must be an int32."));

        // A document's fields can be chosen; a missing one can be deleted quietly.
        r = request("GET", "/collections/books/documents/1?include_fields=title,year");
        QCOMPARE(r.json(), (QJsonObject{{"title", "Dune"}, {"year", 1965}}));
        r = request("GET", "/collections/books/documents/1?exclude_fields=author");
        QVERIFY(!r.json().contains("author"));
        QVERIFY(r.json().contains("title"));
        r = request("DELETE", "/collections/books/documents/404?ignore_not_found=true");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json(), (QJsonObject{{"id", "404"}}));
        QCOMPARE(request("DELETE", "/collections/books/documents/404").status, 404);

        r = request("POST", "/multi_search", R"({"searches":[{"collection":"books","q":"*"},"books"]})");
        QCOMPARE(r.status, 400);
        QCOMPARE(r.message(), QStringLiteral("The value of `searches` must be an array of objects."));

        // With a `.*` field the default is coerce_or_reject, as in Typesense.
        QCOMPARE(request("POST", "/collections", R"({"name":"loose","fields":[{"name":".*","type":"auto","optional":true},{"name":"n","type":"int32"}]})").status, 201);
        r = request("POST", "/collections/loose/documents", R"({"id":"1","n":"7"})");
        QCOMPARE(r.status, 201);
        QCOMPARE(r.json().value("n").toInt(), 7);
    }

    void acknowledgedWritesSurviveRestart()
    {
        createBooks();
        QCOMPARE(request("POST", "/collections/books/documents", R"({"id":"a","title":"Kept","author":"x","year":1})").status, 201);
        QCOMPARE(request("POST", "/collections/books/documents", R"({"id":"b","title":"Removed","author":"x","year":2})").status, 201);
        QCOMPARE(request("DELETE", "/collections/books/documents/b").status, 200);
        m_client.stop();
        startService();
        Reply r = request("GET", "/collections/books");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value("num_documents").toInt(), 1);
        r = request("GET", "/collections/books/documents/search?q=kept&query_by=title");
        QCOMPARE(r.json().value("found").toInt(), 1);
        QCOMPARE(request("GET", "/collections/books/documents/b").status, 404);
    }

    void synonymsSurviveRestartAndLeaveWithTheirCollection()
    {
        createBooks();
        QCOMPARE(request("POST", "/collections/books/documents", R"({"id":"a","title":"Navy blazer","author":"x","year":1})").status, 201);
        Reply r = request("PUT", "/collections/books/synonyms/coats", R"({"synonyms":["blazer","jacket"]})");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value("id").toString(), QStringLiteral("coats"));
        QCOMPARE(request("PUT", "/collections/books/synonyms/removed", R"({"root":"x","synonyms":["y"]})").status, 200);
        QCOMPARE(request("DELETE", "/collections/books/synonyms/removed").status, 200);
        QCOMPARE(request("PUT", "/collections/books/synonyms/bad", R"({"synonyms":"blazer"})").message(),
                 QStringLiteral("Could not find an array of `synonyms`"));
        m_client.stop();
        startService();
        r = request("GET", "/collections/books/synonyms");
        QCOMPARE(r.status, 200);
        const QJsonArray list = r.json().value("synonyms").toArray();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.at(0).toObject().value("id").toString(), QStringLiteral("coats"));
        r = request("GET", "/collections/books/documents/search?q=jacket&query_by=title");
        QCOMPARE(r.json().value("found").toInt(), 1);
        // dropping the collection drops its synonyms: a new one of the same name has none
        QCOMPARE(request("DELETE", "/collections/books").status, 200);
        createBooks();
        QCOMPARE(request("GET", "/collections/books/synonyms").json().value("synonyms").toArray().size(), 0);
        m_client.stop();
        startService();
        QCOMPARE(request("GET", "/collections/books/synonyms/coats").status, 404);
    }

    void tornTailIsCutOffAndLaterWritesSurvive()
    {
        createBooks();
        QCOMPARE(request("POST", "/collections/books/documents", R"({"id":"a","title":"First","author":"x","year":1})").status, 201);
        m_client.stop();
        // A crash in the middle of writing a record leaves half a line.
        const QStringList logs = QDir(m_dir.filePath("collections")).entryList({"*.jsonl"}, QDir::Files);
        QCOMPARE(logs.size(), 1);
        QFile log(m_dir.filePath("collections/" + logs.first()));
        QVERIFY(log.open(QIODevice::Append));
        log.write("{\"put\":{\"id\":\"torn\",\"tit");
        log.close();
        startService();
        QCOMPARE(request("GET", "/collections/books").json().value("num_documents").toInt(), 1);
        QCOMPARE(request("POST", "/collections/books/documents", R"({"id":"b","title":"Second","author":"x","year":2})").status, 201);
        m_client.stop();
        startService();
        QCOMPARE(request("GET", "/collections/books").json().value("num_documents").toInt(), 2);
        QCOMPARE(request("GET", "/collections/books/documents/b").status, 200);
        QCOMPARE(request("GET", "/collections/books/documents/torn").status, 404);
    }

    // New schemas follow Typesense's rules for `index: false` fields; a schema saved before those
    // rules (a required non-indexed field) still loads with its documents.
    void nonIndexedFieldsMustBeOptionalInNewSchemasOnly()
    {
        Reply r = request("POST", "/collections", R"({"name":"notes","fields":[{"name":"body","type":"string","index":false}]})");
        QCOMPARE(r.status, 400);
        QCOMPARE(r.message(), QStringLiteral("Field `body` must be optional since it is marked as non-indexable."));
        QCOMPARE(request("POST", "/collections", R"({"name":"notes","fields":[{"name":"title","type":"string"},
            {"name":"body","type":"string","index":false,"optional":true}]})").status, 201);
        r = request("PATCH", "/collections/notes", R"({"fields":[{"name":"tag","type":"string","index":false,"optional":true,"facet":true}]})");
        QCOMPARE(r.status, 400);
        QCOMPARE(r.message(), QStringLiteral("Field `tag` cannot be a facet since it's marked as non-indexable."));
        QCOMPARE(request("POST", "/collections/notes/documents", R"({"id":"1","title":"kept","body":"text"})").status, 201);
        m_client.stop();
        const QStringList schemas = QDir(m_dir.filePath("collections")).entryList({"*.schema.json"}, QDir::Files);
        QCOMPARE(schemas.size(), 1);
        QFile file(m_dir.filePath("collections/" + schemas.first()));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QByteArray saved = file.readAll();
        file.close();
        QVERIFY(saved.contains("\"optional\":true"));
        saved.replace("\"optional\":true", "\"optional\":false");
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(saved);
        file.close();
        startService();
        QCOMPARE(request("GET", "/collections/notes").json().value("num_documents").toInt(), 1);
        QCOMPARE(request("GET", "/collections/notes/documents/1").status, 200);
    }

    // A stop writes an index snapshot; the next start reads it and replays only later records.
    // Here the second stop's snapshot is thrown away (as a crash would leave the first one), and
    // then the snapshot is damaged: both starts still have every acknowledged write.
    void indexSnapshotIsUsedAndAStaleOrDamagedOneFallsBack()
    {
        createBooks();
        QCOMPARE(request("POST", "/collections/books/documents", R"({"id":"a","title":"Snapshot","author":"x","year":1})").status, 201);
        m_client.stop();
        const QString dir = m_dir.filePath("collections");
        const QStringList snapshots = QDir(dir).entryList({"*.index"}, QDir::Files);
        QCOMPARE(snapshots.size(), 1);
        const QString snapshot = dir + "/" + snapshots.first();
        QFile first(snapshot);
        QVERIFY(first.open(QIODevice::ReadOnly));
        const QByteArray firstBytes = first.readAll();
        first.close();

        startService();
        QCOMPARE(request("GET", "/collections/books/documents/search?q=snapshot&query_by=title").json().value("found").toInt(), 1);
        QCOMPARE(request("POST", "/collections/books/documents", R"({"id":"b","title":"Later","author":"x","year":2})").status, 201);
        QCOMPARE(request("DELETE", "/collections/books/documents/a").status, 200);
        m_client.stop();
        QFile stale(snapshot);
        QVERIFY(stale.open(QIODevice::WriteOnly | QIODevice::Truncate));
        stale.write(firstBytes);
        stale.close();

        startService();
        QCOMPARE(request("GET", "/collections/books").json().value("num_documents").toInt(), 1);
        QCOMPARE(request("GET", "/collections/books/documents/a").status, 404);
        QCOMPARE(request("GET", "/collections/books/documents/search?q=later&query_by=title").json().value("found").toInt(), 1);
        m_client.stop();

        QFile damaged(snapshot);
        QVERIFY(damaged.open(QIODevice::ReadWrite));
        damaged.seek(damaged.size() / 2);
        damaged.write("\xff\xff\xff\xff");
        damaged.close();
        startService();
        QCOMPARE(request("GET", "/collections/books").json().value("num_documents").toInt(), 1);
        QCOMPARE(request("GET", "/collections/books/documents/search?q=later&query_by=title").json().value("found").toInt(), 1);
        // dropping the collection drops its snapshot too
        QCOMPARE(request("DELETE", "/collections/books").status, 200);
        QVERIFY(!QFile::exists(snapshot));
    }

    // While the service runs, a collection whose log stopped growing gets its index snapshot on a
    // thread of its own; the stop then has nothing left to write, and a start (as after a crash,
    // from copies of the files) reads that snapshot and replays what came after it.
    void indexSnapshotIsWrittenWhileRunning()
    {
        createBooks();
        QCOMPARE(request("POST", "/collections/books/documents", R"({"id":"a","title":"Running","author":"x","year":1})").status, 201);
        const QString dir = m_dir.filePath("collections");
        QTRY_VERIFY_WITH_TIMEOUT(!QDir(dir).entryList({"*.index"}, QDir::Files).isEmpty(), 20000);
        const QString snapshot = dir + "/" + QDir(dir).entryList({"*.index"}, QDir::Files).first();
        QTRY_VERIFY_WITH_TIMEOUT(QDir(dir).entryList({"*.index.tmp-*"}, QDir::Files).isEmpty(), 20000);
        QFile written(snapshot);
        QVERIFY(written.open(QIODevice::ReadOnly));
        const QByteArray bytes = written.readAll();
        written.close();
        QVERIFY(bytes.startsWith("HPSIDX"));
        // A crash now: the files as they are, copied aside, with a record the snapshot lacks.
        QCOMPARE(request("POST", "/collections/books/documents", R"({"id":"b","title":"After","author":"x","year":2})").status, 201);
        QTemporaryDir crashed;
        QVERIFY(QDir().mkpath(crashed.filePath("collections")));
        for (const QString &f : QDir(dir).entryList(QDir::Files))
            QVERIFY(QFile::copy(dir + "/" + f, crashed.filePath("collections/" + f)));
        for (const QString &f : QDir(m_dir.path()).entryList(QDir::Files))
            QVERIFY(QFile::copy(m_dir.filePath(f), crashed.filePath(f)));
        m_client.stop();
        const QString error = m_client.start(crashed.path());
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(request("GET", "/collections/books").json().value("num_documents").toInt(), 2);
        QCOMPARE(request("GET", "/collections/books/documents/search?q=running&query_by=title").json().value("found").toInt(), 1);
        QCOMPARE(request("GET", "/collections/books/documents/b").json().value("title").toString(), QStringLiteral("After"));
        m_client.stop(); // (before its data dir goes)
    }

    void alterFieldsAddAndDrop()
    {
        createBooks();
        QCOMPARE(request("POST", "/collections/books/documents", R"({"id":"a","title":"First","author":"x","year":1,"lang":"en","tags":["t"]})").status, 201);
        Reply r = request("PATCH", "/collections/books", R"({"fields":[{"name":"pages","type":"int32"}]})");
        QCOMPARE(r.status, 400);
        QCOMPARE(r.message(), QStringLiteral("Field `pages` has been declared in the schema, but is not found in the document."));
        r = request("PATCH", "/collections/books", R"({"fields":[{"name":"title","type":"string"}]})");
        QCOMPARE(r.status, 400);
        r = request("PATCH", "/collections/books", R"({"fields":[{"name":"nope","drop":true}]})");
        QCOMPARE(r.status, 400);
        QCOMPARE(r.message(), QStringLiteral("Field `nope` is not part of collection schema."));
        r = request("PATCH", "/collections/books", R"({"fields":[{"name":"lang","type":"string","facet":true},{"name":"tags","drop":true}]})");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value("fields").toArray().size(), 2);
        r = request("GET", "/collections/books/documents/search?q=en&query_by=lang&facet_by=lang");
        QCOMPARE(r.json().value("found").toInt(), 1);
        QCOMPARE(request("GET", "/collections/books/documents/search?q=t&query_by=tags").status, 404);
        m_client.stop();
        startService();
        r = request("GET", "/collections/books");
        QStringList names;
        for (const QJsonValue &f : r.json().value("fields").toArray())
            names << f.toObject().value("name").toString();
        QCOMPARE(names, (QStringList{"title", "author", "year", "lang"}));
        QCOMPARE(request("GET", "/collections/books/documents/search?q=en&query_by=lang").json().value("found").toInt(), 1);
    }

    void nestedFieldsSurviveRestart()
    {
        Reply r = request("POST", "/collections", R"({"name":"people","enable_nested_fields":true,"fields":[
            {"name":"name","type":"string"},{"name":"address","type":"object","facet":true},{"name":"pets","type":"object[]","optional":true}]})");
        QCOMPARE(r.status, 201);
        r = request("POST", "/collections/people/documents/import",
                    "{\"id\":\"1\",\"name\":\"Ann\",\"address\":{\"city\":\"Paris\",\"zip\":75001},\"pets\":[{\"kind\":\"cat\"},{\"kind\":\"dog\"}]}\n"
                    "{\"id\":\"2\",\"name\":\"Bob\",\"address\":{\"city\":\"Berlin\",\"zip\":10115}}");
        QCOMPARE(r.body, QByteArray("{\"success\":true}\n{\"success\":true}"));
        for (int round = 0; round < 2; ++round) {
            QCOMPARE(hitIds(request("GET", "/collections/people/documents/search?q=paris&query_by=address.city").json()), QStringList{"1"});
            QCOMPARE(hitIds(request("GET", "/collections/people/documents/search?q=*&filter_by=address.zip:<20000").json()), QStringList{"2"});
            QCOMPARE(hitIds(request("GET", "/collections/people/documents/search?q=dog&query_by=pets.kind").json()), QStringList{"1"});
            m_client.stop();
            startService(); // the nested fields come back from the log (or the index snapshot)
        }
        // Without enable_nested_fields a dotted name is a plain key.
        QCOMPARE(request("POST", "/collections", R"({"name":"flat","fields":[{"name":"a.b","type":"string"}]})").status, 201);
        QCOMPARE(request("POST", "/collections/flat/documents", R"({"id":"1","a.b":"hello"})").status, 201);
        QCOMPARE(hitIds(request("GET", "/collections/flat/documents/search?q=hello&query_by=a.b").json()), QStringList{"1"});
    }

    void collectionMetadataAndListPages()
    {
        Reply r = request("POST", "/collections", R"({"name":"a","fields":[{"name":"t","type":"string"}],"metadata":"x"})");
        QCOMPARE(r.status, 400);
        QCOMPARE(r.message(), QStringLiteral("The `metadata` value should be an object."));
        r = request("POST", "/collections", R"({"name":"a","fields":[{"name":"t","type":"string"}],"metadata":{"team":"web"}})");
        QCOMPARE(r.status, 201);
        QCOMPARE(r.json().value("metadata").toObject().value("team").toString(), QStringLiteral("web"));
        QCOMPARE(request("POST", "/collections", R"({"name":"b","fields":[{"name":"t","type":"string"}]})").status, 201);

        r = request("PATCH", "/collections/a", "{}");
        QCOMPARE(r.status, 400);
        QCOMPARE(r.message(), QStringLiteral("Alter payload is empty."));
        r = request("PATCH", "/collections/a", R"({"name":"c","metadata":{}})");
        QCOMPARE(r.status, 400);
        QCOMPARE(r.message(), QStringLiteral("Only `fields` and `metadata` can be updated at the moment."));
        r = request("PATCH", "/collections/a", R"({"metadata":{"team":"search","v":2}})");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json(), (QJsonObject{{"metadata", QJsonObject{{"team", "search"}, {"v", 2}}}}));
        m_client.stop();
        startService();
        QCOMPARE(request("GET", "/collections/a").json().value("metadata").toObject().value("team").toString(), QStringLiteral("search"));
        QVERIFY(!request("GET", "/collections/b").json().contains("metadata"));

        // Lists take offset and limit (0: all).
        QCOMPARE(request("GET", "/collections").array().size(), 2);
        QCOMPARE(request("GET", "/collections?limit=1").array().size(), 1);
        QCOMPARE(request("GET", "/collections?offset=1&limit=0").array().size(), 1);
        QCOMPARE(request("GET", "/collections?offset=5").array().size(), 0);
        r = request("GET", "/collections?offset=0a");
        QCOMPARE(r.status, 400);
        QCOMPARE(r.message(), QStringLiteral("Offset param should be unsigned integer."));
        r = request("GET", "/collections/a/overrides?limit=-1");
        QCOMPARE(r.status, 400);
        QCOMPARE(r.message(), QStringLiteral("Limit param should be unsigned integer."));
        for (const char *id : {"o1", "o2", "o3"})
            QCOMPARE(request("PUT", QStringLiteral("/collections/a/overrides/%1").arg(QLatin1String(id)), R"({"rule":{"query":"x","match":"exact"},"excludes":[{"id":"1"}]})").status, 200);
        const QJsonArray page = request("GET", "/collections/a/overrides?offset=1&limit=1").json().value("overrides").toArray();
        QCOMPARE(page.size(), 1);
        QCOMPARE(page.first().toObject().value("id").toString(), QStringLiteral("o2"));
        QCOMPARE(request("PUT", "/collections/a/synonyms/s1", R"({"synonyms":["x","y"]})").status, 200);
        QCOMPARE(request("PUT", "/collections/a/synonyms/s2", R"({"synonyms":["p","q"]})").status, 200);
        QCOMPARE(request("GET", "/collections/a/synonyms?limit=1").json().value("synonyms").toArray().size(), 1);
    }

    void supersededRecordsAreCompactedAtStart()
    {
        createBooks();
        QByteArray lines;
        for (int i = 0; i < 700; ++i)
            lines += QStringLiteral("{\"id\":\"%1\",\"title\":\"t %1\",\"author\":\"a\",\"year\":%1}\n").arg(i).toUtf8();
        QCOMPARE(request("POST", "/collections/books/documents/import", lines).status, 200);
        QCOMPARE(request("DELETE", "/collections/books/documents?filter_by=year:>=10").json().value("num_deleted").toInt(), 690);
        m_client.stop();
        const QString dir = m_dir.filePath("collections");
        const QString log = dir + "/" + QDir(dir).entryList({"*.jsonl"}, QDir::Files).first();
        const qint64 before = QFileInfo(log).size();
        startService();
        QVERIFY(QFileInfo(log).size() < before / 10);
        QCOMPARE(request("GET", "/collections/books").json().value("num_documents").toInt(), 10);
        QCOMPARE(request("POST", "/collections/books/documents", R"({"id":"new","title":"n","author":"a","year":1})").status, 201);
        m_client.stop();
        startService();
        QCOMPARE(request("GET", "/collections/books").json().value("num_documents").toInt(), 11);
        QCOMPARE(request("GET", "/collections/books/documents/search?q=t&query_by=title&per_page=1").json().value("found").toInt(), 10);
    }

    void hugePageIsEmptyNotACrash()
    {
        createBooks();
        const Reply r = request("GET", "/collections/books/documents/search?q=*&page=2147483647&per_page=250");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value("hits").toArray().size(), 0);
    }

    void unknownRouteIs404Json()
    {
        const Reply r = request("GET", "/nope");
        QCOMPARE(r.status, 404);
        QCOMPARE(r.message(), QStringLiteral("Not Found"));
    }
};

QTEST_MAIN(TstSearchService)
#include "tst_search_service.moc"
