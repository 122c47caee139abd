// API keys and scoped search keys over real HTTP: /keys create, list, get and delete with
// Typesense's messages; every route enforcing the key's actions, collections and expiry; keys
// surviving a restart in a 0600 file; and scoped keys (HMAC-signed embedded parameters) with the
// filter merged by &&, embedded parameters winning, expiry and a search-only parent.
#include "search_http_client.h"

#include "search/scoped_search_key.h"

#include <QDateTime>
#include <QFile>
#include <QTemporaryDir>

using namespace homeport::search;
using namespace homeport::search::testing;

namespace {
const QString kForbidden = QStringLiteral("Forbidden - a valid `x-typesense-api-key` header must be sent.");

QByteArray compact(const QJsonObject &o) { return QJsonDocument(o).toJson(QJsonDocument::Compact); }
} // namespace

class TstSearchKeys : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    SearchHttpClient m_client;

    Reply request(const QByteArray &method, const QString &path, const QByteArray &body = {}, const QByteArray &key = kBootstrapKey)
    {
        return m_client.request(method, path, body, key);
    }

    // Creates a key and returns its full value.
    QByteArray createKey(const QJsonObject &body)
    {
        const Reply r = request("POST", "/keys", compact(body));
        if (r.status != 201)
            qWarning() << r.body;
        return r.json().value(QStringLiteral("value")).toString().toUtf8();
    }

    void seed()
    {
        for (const char *name : {"books", "bookshelf", "films"}) {
            const QJsonArray fields{QJsonObject{{"name", "title"}, {"type", "string"}}, QJsonObject{{"name", "year"}, {"type", "int32"}},
                                    QJsonObject{{"name", "tenant"}, {"type", "string"}, {"facet", true}}};
            const Reply r = request("POST", "/collections", compact({{"name", QString::fromLatin1(name)}, {"fields", fields}}));
            QCOMPARE(r.status, 201);
        }
        const QByteArray lines =
            "{\"id\":\"1\",\"title\":\"The Hobbit\",\"year\":1937,\"tenant\":\"a\"}\n"
            "{\"id\":\"2\",\"title\":\"The Silmarillion\",\"year\":1977,\"tenant\":\"b\"}\n"
            "{\"id\":\"3\",\"title\":\"The Lord of the Rings\",\"year\":1954,\"tenant\":\"a\"}";
        QCOMPARE(request("POST", "/collections/books/documents/import", lines).status, 200);
    }

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        const QString error = m_client.startEmpty(m_dir.path());
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }
    void cleanup() { m_client.stop(); }

    void createListGetDelete()
    {
        Reply r = request("POST", "/keys", R"({"description":"Search only","actions":["documents:search"],"collections":["books"]})");
        QCOMPARE(r.status, 201);
        const QJsonObject created = r.json();
        const QString value = created.value("value").toString();
        QCOMPARE(value.size(), 32);
        QCOMPARE(created.value("description").toString(), QStringLiteral("Search only"));
        QCOMPARE(created.value("actions").toArray(), QJsonArray{"documents:search"});
        QCOMPARE(created.value("collections").toArray(), QJsonArray{"books"});
        QCOMPARE(created.value("expires_at").toInteger(), 64723363199LL);
        const qint64 id = created.value("id").toInteger();

        r = request("POST", "/keys", R"({"description":"Mine","actions":["*"],"collections":["*"],"value":"my-own-key-value"})");
        QCOMPARE(r.status, 201);
        QCOMPARE(r.json().value("value").toString(), QStringLiteral("my-own-key-value"));
        QVERIFY(r.json().value("id").toInteger() != id);

        r = request("GET", "/keys");
        QCOMPARE(r.status, 200);
        const QJsonArray keys = r.json().value("keys").toArray();
        QCOMPARE(keys.size(), 2);
        for (const QJsonValue &k : keys) {
            QVERIFY(!k.toObject().contains("value"));
            QCOMPARE(k.toObject().value("value_prefix").toString().size(), 4);
        }
        r = request("GET", QStringLiteral("/keys/%1").arg(id));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value("value_prefix").toString(), value.left(4));
        QVERIFY(!r.json().contains("value"));

        r = request("GET", "/keys/999");
        QCOMPARE(r.status, 404);
        QCOMPARE(r.message(), QStringLiteral("Not found."));
        r = request("GET", "/keys/abc");
        QCOMPARE(r.status, 400);

        r = request("DELETE", QStringLiteral("/keys/%1").arg(id));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value("id").toInteger(), id);
        QCOMPARE(request("DELETE", QStringLiteral("/keys/%1").arg(id)).status, 404);
        QCOMPARE(request("GET", "/collections/books/documents/search?q=*", {}, value.toUtf8()).status, 401);
    }

    void validationMessages()
    {
        const struct { QByteArray body; int status; QString message; } cases[] = {
            {R"({"actions":["*"],"collections":["*"]})", 400, "Could not find a `description` key."},
            {R"({"description":"x","collections":["*"]})", 400, "Could not find a `actions` key."},
            {R"({"description":"x","actions":["*"]})", 400, "Could not find a `collections` key."},
            {R"({"description":"x","actions":[],"collections":["*"]})", 400, "Wrong format for `actions`. It should be an array of string."},
            {R"({"description":"x","actions":["*"],"collections":[1]})", 400, "Wrong format for `collections`. It should be an array of string."},
            {R"({"description":"x","actions":["*"],"collections":["*"],"expires_at":-5})", 400, "Wrong format for `expires_at`. It should be an unsigned integer."},
            {R"({"description":"x","actions":["*"],"collections":["*"],"value":7})", 400, "Key value must be a string."},
            {R"({"description":"x","actions":["*"],"collections":["*"],"value":"test-search-key-0123456789"})", 409, "API key generation conflict."},
        };
        for (const auto &c : cases) {
            const Reply r = request("POST", "/keys", c.body);
            QCOMPARE(r.status, c.status);
            QCOMPARE(r.message(), c.message);
        }
        QCOMPARE(request("POST", "/keys", R"({"description":"x","actions":["*"],"collections":["*"],"value":"dup-value"})").status, 201);
        const Reply dup = request("POST", "/keys", R"({"description":"x","actions":["*"],"collections":["*"],"value":"dup-value"})");
        QCOMPARE(dup.status, 409);
        QCOMPARE(dup.message(), QStringLiteral("API key generation conflict."));
    }

    void actionsAndCollectionsAreEnforced()
    {
        seed();
        const QByteArray search = createKey({{"description", "s"}, {"actions", QJsonArray{"documents:search"}}, {"collections", QJsonArray{"books"}}});
        QCOMPARE(request("GET", "/collections/books/documents/search?q=hobbit&query_by=title", {}, search).status, 200);
        Reply r = request("GET", "/collections/films/documents/search?q=*", {}, search);
        QCOMPARE(r.status, 401);
        QCOMPARE(r.message(), kForbidden);
        QCOMPARE(request("POST", "/collections/books/documents", R"({"id":"9","title":"x","year":1,"tenant":"a"})", search).status, 401);
        QCOMPARE(request("GET", "/collections/books/documents/1", {}, search).status, 401);
        QCOMPARE(request("GET", "/keys", {}, search).status, 401);
        QCOMPARE(request("POST", "/multi_search", R"({"searches":[{"collection":"books","q":"*"}]})", search).status, 200);
        QCOMPARE(request("POST", "/multi_search", R"({"searches":[{"collection":"books","q":"*"},{"collection":"films","q":"*"}]})", search).status, 401);

        // documents:* on collections matching a regular expression (a full match).
        const QByteArray docs = createKey({{"description", "d"}, {"actions", QJsonArray{"documents:*"}}, {"collections", QJsonArray{"book.*"}}});
        QCOMPARE(request("GET", "/collections/books/documents/1", {}, docs).status, 200);
        QCOMPARE(request("POST", "/collections/bookshelf/documents", R"({"id":"9","title":"x","year":1,"tenant":"a"})", docs).status, 201);
        QCOMPARE(request("GET", "/collections/bookshelf/documents/export", {}, docs).status, 200);
        QCOMPARE(request("DELETE", "/collections/bookshelf/documents/9", {}, docs).status, 200);
        QCOMPARE(request("GET", "/collections/films/documents/1", {}, docs).status, 401);
        QCOMPARE(request("GET", "/collections/books", {}, docs).status, 401);
        QCOMPARE(request("DELETE", "/collections/books", {}, docs).status, 401);

        // collections:* creates and lists; a limited key lists only its collections.
        const QByteArray colls = createKey({{"description", "c"}, {"actions", QJsonArray{"collections:*"}}, {"collections", QJsonArray{"books", "news"}}});
        QCOMPARE(request("POST", "/collections", R"({"name":"news","fields":[{"name":"t","type":"string"}]})", colls).status, 201);
        r = request("GET", "/collections", {}, colls);
        QCOMPARE(r.status, 200);
        QStringList names;
        for (const QJsonValue &c : r.array())
            names << c.toObject().value("name").toString();
        names.sort();
        QCOMPARE(names, (QStringList{"books", "news"}));
        QCOMPARE(request("GET", "/collections/books/documents/search?q=*", {}, colls).status, 401);
        QCOMPARE(request("GET", "/collections", {}, kBootstrapKey).array().size(), 4);

        // `*` is everything, like the bootstrap key.
        const QByteArray all = createKey({{"description", "a"}, {"actions", QJsonArray{"*"}}, {"collections", QJsonArray{"*"}}});
        QCOMPARE(request("GET", "/keys", {}, all).status, 200);
        QCOMPARE(request("DELETE", "/collections/news", {}, all).status, 200);

        // An expired key is refused everywhere.
        const qint64 past = QDateTime::currentSecsSinceEpoch() - 10;
        const QByteArray expired = createKey({{"description", "e"}, {"actions", QJsonArray{"*"}}, {"collections", QJsonArray{"*"}}, {"expires_at", past}});
        QVERIFY(!expired.isEmpty());
        QCOMPARE(request("GET", "/collections", {}, expired).status, 401);
        QCOMPARE(request("GET", "/health", {}, QByteArray()).status, 200);
    }

    void keysSurviveRestartInAPrivateFile()
    {
        const QByteArray value = createKey({{"description", "kept"}, {"actions", QJsonArray{"collections:list"}}, {"collections", QJsonArray{"*"}}});
        QVERIFY(!value.isEmpty());
        // Expired with autodelete: housekeeping (and the next start) removes it.
        const qint64 past = QDateTime::currentSecsSinceEpoch() - 10;
        QVERIFY(!createKey({{"description", "gone"}, {"actions", QJsonArray{"*"}}, {"collections", QJsonArray{"*"}}, {"expires_at", past}, {"autodelete", true}}).isEmpty());
        QCOMPARE(request("GET", "/keys").json().value("keys").toArray().size(), 2);
        m_client.stop();
        const QString path = QDir(m_dir.path()).filePath("keys.json");
        QVERIFY(QFile::exists(path));
        QCOMPARE(QFile::permissions(path) & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther), QFileDevice::Permissions());
        const QString error = m_client.start(m_dir.path());
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(request("GET", "/collections", {}, value).status, 200);
        QCOMPARE(request("GET", "/keys").json().value("keys").toArray().size(), 1);
        const Reply r = request("POST", "/keys", R"({"description":"next","actions":["*"],"collections":["*"]})");
        QCOMPARE(r.status, 201);
        QCOMPARE(r.json().value("id").toInteger(), 2); // ids keep counting after a restart
    }

    void scopedSearchKeys()
    {
        seed();
        const QString parent = QString::fromUtf8(createKey({{"description", "p"}, {"actions", QJsonArray{"documents:search"}}, {"collections", QJsonArray{"books"}}}));
        // The embedded filter is joined with the request's; embedded parameters win.
        const QByteArray scoped = makeScopedSearchKey(parent, R"({"filter_by":"tenant:=a","per_page":1})").toUtf8();
        Reply r = request("GET", "/collections/books/documents/search?q=the&query_by=title&per_page=10", {}, scoped);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value("found").toInt(), 2);
        QCOMPARE(r.json().value("hits").toArray().size(), 1);
        r = request("GET", "/collections/books/documents/search?q=the&query_by=title&filter_by=year:>1950", {}, scoped);
        QCOMPARE(r.json().value("found").toInt(), 1);
        QCOMPARE(r.json().value("hits").toArray().first().toObject().value("document").toObject().value("id").toString(), QStringLiteral("3"));
        r = request("POST", "/multi_search", R"({"searches":[{"collection":"books","q":"*"}]})", scoped);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value("results").toArray().first().toObject().value("found").toInt(), 2);

        // Only searches, only on the parent's collections.
        QCOMPARE(request("GET", "/collections/books/documents/1", {}, scoped).status, 401);
        QCOMPARE(request("GET", "/collections/films/documents/search?q=*", {}, scoped).status, 401);

        // Tampered parameters fail the signature.
        const QByteArray raw = QByteArray::fromBase64(scoped);
        QByteArray tampered = raw;
        tampered.replace("tenant:=a", "tenant:=b");
        QCOMPARE(request("GET", "/collections/books/documents/search?q=*", {}, tampered.toBase64()).status, 401);
        QCOMPARE(request("GET", "/collections/books/documents/search?q=*", {}, QByteArray("bm90IGEga2V5")).status, 401);

        // expires_at in the past is refused; in the future it works.
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        const QByteArray old = makeScopedSearchKey(parent, compact({{"expires_at", now - 5}})).toUtf8();
        QCOMPARE(request("GET", "/collections/books/documents/search?q=*", {}, old).status, 401);
        const QByteArray fresh = makeScopedSearchKey(parent, compact({{"expires_at", now + 3600}})).toUtf8();
        QCOMPARE(request("GET", "/collections/books/documents/search?q=*", {}, fresh).status, 200);

        // A parent with more than documents:search cannot scope.
        const QString wide = QString::fromUtf8(createKey({{"description", "w"}, {"actions", QJsonArray{"documents:search", "documents:get"}}, {"collections", QJsonArray{"*"}}}));
        QCOMPARE(request("GET", "/collections/books/documents/search?q=*", {}, makeScopedSearchKey(wide, "{}").toUtf8()).status, 401);
    }
};

QTEST_MAIN(TstSearchKeys)
#include "tst_search_keys.moc"
