#include "api_key_store.h"

#include "resource_store.h"
#include "scoped_search_key.h"

#include "core/atomic_file.h"

#include <QDateTime>
#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QRegularExpression>

namespace homeport::search {

namespace {

constexpr int kGeneratedKeyLength = 32;
constexpr qsizetype kMaxCompiledPatterns = 1024;
const QString kDocumentsSearch = QStringLiteral("documents:search");

QString generateKeyValue()
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    QString out;
    out.reserve(kGeneratedKeyLength);
    for (int i = 0; i < kGeneratedKeyLength; ++i)
        out += QLatin1Char(alphabet[QRandomGenerator::system()->bounded(int(sizeof(alphabet) - 1))]);
    return out;
}

bool isStringArray(const QJsonValue &v)
{
    if (!v.isArray() || v.toArray().isEmpty())
        return false;
    for (const QJsonValue &e : v.toArray())
        if (!e.isString())
            return false;
    return true;
}

QStringList toStringList(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &e : v.toArray())
        out << e.toString();
    return out;
}

// JSON integers only (Typesense: is_number_integer and not negative).
bool isUnsignedInteger(const QJsonValue &v)
{
    if (!v.isDouble())
        return false;
    const double d = v.toDouble();
    return d >= 0 && d == double(qint64(d));
}

qint64 nowSeconds() { return QDateTime::currentSecsSinceEpoch(); }

} // namespace

QJsonObject ApiKeyStore::Key::toJson(bool fullValue) const
{
    QJsonObject o{{QStringLiteral("id"), id},
                  {QStringLiteral("description"), description},
                  {QStringLiteral("actions"), QJsonArray::fromStringList(actions)},
                  {QStringLiteral("collections"), QJsonArray::fromStringList(collections)},
                  {QStringLiteral("expires_at"), expiresAt},
                  {QStringLiteral("autodelete"), autodelete}};
    if (fullValue)
        o.insert(QStringLiteral("value"), value);
    else
        o.insert(QStringLiteral("value_prefix"), value.left(kPrefixLength));
    return o;
}

ApiKeyStore::ApiKeyStore(QString path, QString bootstrapKey)
    : m_path(std::move(path)), m_bootstrapKey(std::move(bootstrapKey))
{
}

bool ApiKeyStore::load(QString *error)
{
    m_keys.clear();
    m_idByValue.clear();
    m_nextId = 0;
    QJsonObject root;
    if (!readJsonObjectFile(m_path, &root, error))
        return false;
    m_nextId = root.value(QStringLiteral("next_id")).toInteger();
    for (const QJsonValue &v : root.value(QStringLiteral("keys")).toArray()) {
        const QJsonObject o = v.toObject();
        Key k;
        k.id = o.value(QStringLiteral("id")).toInteger();
        k.value = o.value(QStringLiteral("value")).toString();
        k.description = o.value(QStringLiteral("description")).toString();
        k.actions = toStringList(o.value(QStringLiteral("actions")));
        k.collections = toStringList(o.value(QStringLiteral("collections")));
        k.expiresAt = o.value(QStringLiteral("expires_at")).toInteger(kFarFuture);
        k.autodelete = o.value(QStringLiteral("autodelete")).toBool();
        m_nextId = std::max(m_nextId, k.id + 1);
        m_idByValue.insert(k.value, k.id);
        m_keys[k.id] = k;
    }
    removeExpiredAutodelete(nowSeconds());
    return true;
}

int ApiKeyStore::removeExpiredAutodelete(qint64 nowSeconds)
{
    std::vector<Key> expired;
    for (const auto &[id, k] : m_keys)
        if (k.autodelete && nowSeconds > k.expiresAt)
            expired.push_back(k);
    if (expired.empty())
        return 0;
    for (const Key &k : expired) {
        m_keys.erase(k.id);
        m_idByValue.remove(k.value);
    }
    QString error;
    if (!save(&error)) { // kept on disk; they stay refused as expired
        for (const Key &k : expired) {
            m_keys[k.id] = k;
            m_idByValue.insert(k.value, k.id);
        }
        return 0;
    }
    return int(expired.size());
}

bool ApiKeyStore::save(QString *error) const
{
    QJsonArray keys;
    for (const auto &[id, k] : m_keys)
        keys.append(k.toJson(true));
    const QJsonObject root{{QStringLiteral("next_id"), m_nextId}, {QStringLiteral("keys"), keys}};
    *error = writeJsonObjectFile(m_path, root);
    return error->isEmpty();
}

const ApiKeyStore::Key *ApiKeyStore::byValue(const QString &value) const
{
    const auto id = m_idByValue.constFind(value);
    if (id == m_idByValue.constEnd())
        return nullptr;
    const auto it = m_keys.find(*id);
    return it == m_keys.end() ? nullptr : &it->second;
}

ApiError ApiKeyStore::create(const QJsonObject &body, QJsonObject *created)
{
    for (const char *mandatory : {"description", "actions", "collections"})
        if (!body.contains(QLatin1String(mandatory)))
            return ApiError::of(400, QStringLiteral("Could not find a `%1` key.").arg(QLatin1String(mandatory)));
    if (body.contains(QStringLiteral("value")) && !body.value(QStringLiteral("value")).isString())
        return ApiError::of(400, QStringLiteral("Key value must be a string."));
    if (!body.value(QStringLiteral("description")).isString())
        return ApiError::of(400, QStringLiteral("Key description must be a string."));
    if (!isStringArray(body.value(QStringLiteral("actions"))))
        return ApiError::of(400, QStringLiteral("Wrong format for `actions`. It should be an array of string."));
    if (!isStringArray(body.value(QStringLiteral("collections"))))
        return ApiError::of(400, QStringLiteral("Wrong format for `collections`. It should be an array of string."));
    if (body.contains(QStringLiteral("expires_at")) && !isUnsignedInteger(body.value(QStringLiteral("expires_at"))))
        return ApiError::of(400, QStringLiteral("Wrong format for `expires_at`. It should be an unsigned integer."));

    Key k;
    k.value = body.contains(QStringLiteral("value")) ? body.value(QStringLiteral("value")).toString() : generateKeyValue();
    if (k.value.isEmpty() || k.value == m_bootstrapKey || byValue(k.value))
        return ApiError::of(409, QStringLiteral("API key generation conflict."));
    k.description = body.value(QStringLiteral("description")).toString();
    k.actions = toStringList(body.value(QStringLiteral("actions")));
    k.collections = toStringList(body.value(QStringLiteral("collections")));
    k.expiresAt = body.contains(QStringLiteral("expires_at")) ? body.value(QStringLiteral("expires_at")).toInteger() : kFarFuture;
    k.autodelete = body.value(QStringLiteral("autodelete")).toBool();
    k.id = m_nextId;

    m_keys[k.id] = k;
    ++m_nextId;
    QString error;
    if (!save(&error)) {
        m_keys.erase(k.id);
        --m_nextId;
        return ApiError::of(500, QStringLiteral("Could not store generated API key."));
    }
    m_idByValue.insert(k.value, k.id);
    *created = k.toJson(true);
    return {};
}

QJsonObject ApiKeyStore::list() const
{
    QJsonArray keys;
    for (const auto &[id, k] : m_keys)
        keys.append(k.toJson(false));
    return QJsonObject{{QStringLiteral("keys"), keys}};
}

ApiError ApiKeyStore::keyById(const QString &id, const Key **out) const
{
    bool ok = false;
    const qint64 n = id.toLongLong(&ok);
    if (!ok || n < 0)
        return ApiError::of(400, QStringLiteral("Invalid key id."));
    const auto it = m_keys.find(n);
    if (it == m_keys.end())
        return ApiError::of(404, QStringLiteral("Not found."));
    *out = &it->second;
    return {};
}

ApiError ApiKeyStore::get(const QString &id, QJsonObject *out) const
{
    const Key *key = nullptr;
    if (ApiError err = keyById(id, &key); err.failed())
        return err;
    *out = key->toJson(false);
    return {};
}

ApiError ApiKeyStore::remove(const QString &id, QJsonObject *out)
{
    const Key *key = nullptr;
    if (ApiError err = keyById(id, &key); err.failed())
        return err;
    const Key removed = *key;
    m_keys.erase(removed.id);
    QString error;
    if (!save(&error)) {
        m_keys[removed.id] = removed;
        return ApiError::of(500, QStringLiteral("Could not delete API key."));
    }
    m_idByValue.remove(removed.value);
    *out = QJsonObject{{QStringLiteral("id"), removed.id}};
    return {};
}

bool ApiKeyStore::actionAllowed(const QStringList &granted, const QString &action)
{
    const QString resource = action.section(u':', 0, 0);
    for (const QString &a : granted) {
        if (a == QLatin1String("*") || a == action)
            return true;
        if (a.endsWith(QLatin1String(":*")) && a.chopped(2) == resource)
            return true;
    }
    return false;
}

bool ApiKeyStore::collectionAllowed(const QStringList &patterns, const QString &collection)
{
    if (collection.isEmpty())
        return true;
    for (const QString &p : patterns) {
        if (p == QLatin1String("*") || p == collection)
            return true;
        // Compiled once per pattern and thread: this runs on every request of a limited key.
        thread_local QHash<QString, QRegularExpression> compiled;
        auto it = compiled.find(p);
        if (it == compiled.end()) {
            if (compiled.size() > kMaxCompiledPatterns)
                compiled.clear();
            it = compiled.insert(p, QRegularExpression(QRegularExpression::anchoredPattern(p)));
        }
        if (it->isValid() && it->match(collection).hasMatch())
            return true;
    }
    return false;
}

ApiKeyStore::Grant ApiKeyStore::authorize(const QString &given, const QString &action, const QString &collection) const
{
    Grant grant;
    if (given.isEmpty())
        return grant;
    if (!m_bootstrapKey.isEmpty() && given == m_bootstrapKey) {
        grant.allowed = grant.bootstrap = true;
        return grant;
    }
    const qint64 now = nowSeconds();
    if (const Key *k = byValue(given)) {
        grant.collections = k->collections;
        grant.allowed = now <= k->expiresAt && actionAllowed(k->actions, action) && collectionAllowed(k->collections, collection);
        return grant;
    }
    // Perhaps a scoped search key: only searches, and only from a search-only parent.
    if (action != kDocumentsSearch)
        return grant;
    const std::optional<ScopedSearchKey> scoped = decodeScopedSearchKey(given);
    if (!scoped)
        return grant;
    for (const auto &[id, parent] : m_keys) {
        if (parent.value.left(kPrefixLength) != scoped->parentPrefix || !scopedKeySignedBy(*scoped, parent.value))
            continue;
        if (now > parent.expiresAt || parent.actions != QStringList{kDocumentsSearch}
            || !collectionAllowed(parent.collections, collection))
            return grant;
        QJsonParseError pe;
        const QJsonDocument params = QJsonDocument::fromJson(scoped->paramsJson, &pe);
        if (pe.error != QJsonParseError::NoError || !params.isObject())
            return grant;
        QJsonObject embedded = params.object();
        if (embedded.contains(QStringLiteral("expires_at"))) {
            const QJsonValue e = embedded.value(QStringLiteral("expires_at"));
            if (!isUnsignedInteger(e) || now > std::min(parent.expiresAt, e.toInteger()))
                return grant;
            embedded.remove(QStringLiteral("expires_at"));
        }
        grant.allowed = grant.scoped = true;
        grant.embedded = embedded;
        grant.collections = parent.collections;
        return grant;
    }
    return grant;
}

void ApiKeyStore::applyEmbedded(const QJsonObject &embedded, SearchParams *params)
{
    for (auto it = embedded.constBegin(); it != embedded.constEnd(); ++it) {
        const QString value = paramString(it.value());
        if (it.key() == QLatin1String("filter_by")) {
            const QString request = params->value(it.key()).trimmed();
            if (!request.isEmpty() && !value.trimmed().isEmpty())
                params->insert(it.key(), QStringLiteral("(%1) && (%2)").arg(request, value));
            else if (!value.trimmed().isEmpty())
                params->insert(it.key(), QStringLiteral("(%1)").arg(value));
        } else if (it.value().isString() || it.value().isBool() || it.value().isDouble()) {
            params->insert(it.key(), value);
        }
    }
}

} // namespace homeport::search
