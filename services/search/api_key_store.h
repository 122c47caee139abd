#pragma once
// ApiKeyStore: the Typesense API keys of the search service (POST/GET/DELETE /keys) and the
// check every route runs: a key's `actions` (exact names, `resource:*` or `*`), its
// `collections` (names or full-match regular expressions, `*` for all) and `expires_at`.
// Scoped search keys (see scoped_search_key.h) are checked against their parent here too. The
// bootstrap key from secrets.json passes everything and is never stored. Keys are kept in one
// JSON file in the service's data dir, written atomically (temp + fsync + rename, 0600), so an
// acknowledged POST survives a crash.
// Thread affinity: the search service's thread (not thread-safe).

#include "collection.h" // ApiError, SearchParams

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <map>
#include <optional>

namespace homeport::search {

class ApiKeyStore
{
public:
    // Typesense's "never expires" (year 4021).
    static constexpr qint64 kFarFuture = 64723363199LL;
    static constexpr int kPrefixLength = 4;

    explicit ApiKeyStore(QString path, QString bootstrapKey);

    // Reads the file and drops the expired keys created with `autodelete: true`.
    bool load(QString *error);
    // Typesense's housekeeping: removes expired `autodelete` keys; returns how many.
    int removeExpiredAutodelete(qint64 nowSeconds);

    // POST /keys: the body as Typesense validates it; *created carries the full `value`.
    ApiError create(const QJsonObject &body, QJsonObject *created);
    // GET /keys: {"keys":[... with value_prefix ...]}
    QJsonObject list() const;
    // GET /keys/{id} (value_prefix only) and DELETE /keys/{id} ({"id": id}).
    ApiError get(const QString &id, QJsonObject *out) const;
    ApiError remove(const QString &id, QJsonObject *out);

    // The outcome of checking one key for one action on one collection (empty: none named).
    struct Grant
    {
        bool allowed = false;
        bool bootstrap = false;
        bool scoped = false;
        QJsonObject embedded;        // a scoped key's parameters (without expires_at)
        QStringList collections;     // the stored key's or parent's `collections`
    };
    Grant authorize(const QString &given, const QString &action, const QString &collection) const;

    // Lays a scoped key's embedded parameters over the request's: `filter_by` joins as
    // "(request) && (embedded)", every other embedded parameter wins.
    static void applyEmbedded(const QJsonObject &embedded, SearchParams *params);
    // Whether a key's `collections` entry admits `collection` (empty collection: always).
    static bool collectionAllowed(const QStringList &patterns, const QString &collection);

private:
    struct Key
    {
        qint64 id = 0;
        QString value;
        QString description;
        QStringList actions;
        QStringList collections;
        qint64 expiresAt = kFarFuture;
        bool autodelete = false;
        QJsonObject toJson(bool fullValue) const;
    };

    static bool actionAllowed(const QStringList &granted, const QString &action);
    bool save(QString *error) const;
    const Key *byValue(const QString &value) const;
    // The key a route's {id} names: 400 for an id that is no number, 404 for an unknown one.
    ApiError keyById(const QString &id, const Key **out) const;

    QString m_path;
    QString m_bootstrapKey;
    qint64 m_nextId = 0;
    std::map<qint64, Key> m_keys; // by id
    QHash<QString, qint64> m_idByValue; // every request looks its key up here
};

} // namespace homeport::search
