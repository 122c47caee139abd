#include "gateway_key_store.h"

#include "core/sqlite_database.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>

namespace homeport::inference {

namespace {

const char *const kSchema[] = {
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)",
    "CREATE TABLE IF NOT EXISTS keys ("
    " id TEXT PRIMARY KEY, name TEXT NOT NULL, prefix TEXT NOT NULL, secret_hash BLOB NOT NULL UNIQUE,"
    " models TEXT NOT NULL, rpm INTEGER NOT NULL, tpm INTEGER NOT NULL, budget INTEGER NOT NULL,"
    " created_ms INTEGER NOT NULL, revoked_ms INTEGER, last_used_ms INTEGER, spent_tokens INTEGER NOT NULL DEFAULT 0)",
    "CREATE TABLE IF NOT EXISTS usage ("
    " id INTEGER PRIMARY KEY, time_ms INTEGER NOT NULL, key_id TEXT NOT NULL, endpoint TEXT NOT NULL,"
    " model TEXT NOT NULL, pod TEXT NOT NULL, prompt_tokens INTEGER, completion_tokens INTEGER,"
    " latency_ms REAL NOT NULL, first_token_ms REAL, status INTEGER NOT NULL, stream INTEGER NOT NULL)",
    "CREATE INDEX IF NOT EXISTS usage_time ON usage(time_ms)",
    "CREATE INDEX IF NOT EXISTS usage_key_time ON usage(key_id, time_ms)",
};

QString sqlError(const QSqlQuery &query)
{
    return query.lastError().text();
}

QDateTime fromMs(const QVariant &v)
{
    return v.isNull() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(v.toLongLong(), Qt::UTC);
}

QString modelsJson(const QStringList &models)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(models)).toJson(QJsonDocument::Compact));
}

QStringList modelsFrom(const QString &json)
{
    QStringList out;
    for (const QJsonValue &v : QJsonDocument::fromJson(json.toUtf8()).array())
        out << v.toString();
    return out;
}

QString randomHex(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(raw.data()), bytes / 4);
    return QString::fromLatin1(raw.toHex());
}

RequestRecord recordFrom(const QSqlQuery &q)
{
    RequestRecord r;
    r.timeMs = q.value(0).toLongLong();
    r.keyId = q.value(1).toString();
    r.endpoint = q.value(2).toString();
    r.model = q.value(3).toString();
    r.pod = q.value(4).toString();
    r.promptTokens = q.value(5).isNull() ? -1 : q.value(5).toLongLong();
    r.completionTokens = q.value(6).isNull() ? -1 : q.value(6).toLongLong();
    r.latencyMs = q.value(7).toDouble();
    r.firstTokenMs = q.value(8).isNull() ? -1 : q.value(8).toDouble();
    r.status = q.value(9).toInt();
    r.stream = q.value(10).toBool();
    return r;
}

constexpr const char *kRecordColumns = "time_ms, key_id, endpoint, model, pod, prompt_tokens, completion_tokens,"
                                       " latency_ms, first_token_ms, status, stream";

} // namespace

GatewayKeyStore::GatewayKeyStore(const QString &path, const QString &connectionName)
    : m_path(path), m_connectionName(connectionName)
{
}

GatewayKeyStore::~GatewayKeyStore()
{
    close();
}

bool GatewayKeyStore::exec(const QString &sql, QString *error)
{
    QSqlQuery query(m_db);
    if (!query.exec(sql)) {
        if (error)
            *error = sqlError(query);
        return false;
    }
    return true;
}

bool GatewayKeyStore::open(QString *error)
{
    if (!core::openSqliteWal(&m_db, m_path, m_connectionName, error))
        return false;
    QString sqlFailure;
    // Key changes are rare and acknowledged to the caller: fsync each one.
    if (!exec(QStringLiteral("PRAGMA synchronous=FULL"), &sqlFailure) || !exec(QStringLiteral("PRAGMA busy_timeout=5000"), &sqlFailure)) {
        *error = QStringLiteral("cannot configure %1: %2").arg(m_path, sqlFailure);
        return false;
    }
    for (const char *statement : kSchema) {
        if (!exec(QString::fromLatin1(statement), &sqlFailure)) {
            *error = QStringLiteral("cannot create the schema in %1: %2").arg(m_path, sqlFailure);
            return false;
        }
    }
    exec(QStringLiteral("INSERT OR REPLACE INTO meta(key, value) VALUES('schema_version', '1')"), nullptr);
    return loadKeys(error);
}

void GatewayKeyStore::close()
{
    if (!m_db.isValid())
        return;
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

bool GatewayKeyStore::loadKeys(QString *error)
{
    m_keys.clear();
    m_idByHash.clear();
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT id, name, prefix, secret_hash, models, rpm, tpm, budget, created_ms, revoked_ms,"
                               " last_used_ms, spent_tokens FROM keys ORDER BY created_ms, id"))) {
        *error = QStringLiteral("cannot read the keys in %1: %2").arg(m_path, sqlError(q));
        return false;
    }
    while (q.next()) {
        GatewayKeyInfo k;
        k.id = q.value(0).toString();
        k.name = q.value(1).toString();
        k.prefix = q.value(2).toString();
        k.models = modelsFrom(q.value(4).toString());
        k.requestsPerMinute = q.value(5).toInt();
        k.tokensPerMinute = q.value(6).toLongLong();
        k.tokenBudget = q.value(7).toLongLong();
        k.created = fromMs(q.value(8));
        k.revoked = fromMs(q.value(9));
        k.lastUsed = fromMs(q.value(10));
        k.spentTokens = q.value(11).toLongLong();
        m_idByHash.insert(q.value(3).toByteArray(), k.id);
        m_keys.push_back(std::move(k));
    }
    return true;
}

const GatewayKeyInfo *GatewayKeyStore::find(const QString &id) const
{
    for (const GatewayKeyInfo &k : m_keys) {
        if (k.id == id)
            return &k;
    }
    return nullptr;
}

const GatewayKeyInfo *GatewayKeyStore::findBySecret(QByteArrayView secret) const
{
    if (secret.isEmpty())
        return nullptr;
    // A hash table lookup by the secret's SHA-256: timing tells nothing about any stored secret.
    const auto it = m_idByHash.constFind(hashSecret(secret));
    return it == m_idByHash.cend() ? nullptr : find(*it);
}

QByteArray GatewayKeyStore::hashSecret(QByteArrayView secret)
{
    return QCryptographicHash::hash(secret, QCryptographicHash::Sha256);
}

bool GatewayKeyStore::validate(const GatewayKeyInfo &key, QString *error)
{
    if (key.name.trimmed().isEmpty() || key.name.size() > 200) {
        *error = QStringLiteral("a key needs a name of 1 to 200 characters");
        return false;
    }
    if (key.requestsPerMinute < 0 || key.tokensPerMinute < 0 || key.tokenBudget < 0) {
        *error = QStringLiteral("limits and budgets are 0 (none) or positive");
        return false;
    }
    for (const QString &m : key.models) {
        if (m.isEmpty()) {
            *error = QStringLiteral("allowed models are non-empty model ids");
            return false;
        }
    }
    return true;
}

bool GatewayKeyStore::create(GatewayKeyInfo *key, QString *secret, QString *error)
{
    if (!validate(*key, error))
        return false;
    // "sk-" like OpenAI's keys, so tools that look for that shape accept it.
    const QString made = QStringLiteral("sk-hp-") + randomHex(32);
    key->id = QStringLiteral("hk_") + randomHex(8);
    key->prefix = made.left(12);
    key->created = QDateTime::fromMSecsSinceEpoch(QDateTime::currentMSecsSinceEpoch(), Qt::UTC);
    key->revoked = QDateTime();
    key->lastUsed = QDateTime();
    key->spentTokens = 0;
    key->admin = false;
    const QByteArray hash = hashSecret(made.toLatin1());
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO keys(id, name, prefix, secret_hash, models, rpm, tpm, budget, created_ms)"
                             " VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const QVariant &v : {QVariant(key->id), QVariant(key->name.trimmed()), QVariant(key->prefix), QVariant(hash),
                              QVariant(modelsJson(key->models)), QVariant(key->requestsPerMinute),
                              QVariant(key->tokensPerMinute), QVariant(key->tokenBudget),
                              QVariant(key->created.toMSecsSinceEpoch())})
        q.addBindValue(v);
    if (!q.exec()) {
        *error = QStringLiteral("cannot save the key: %1").arg(sqlError(q));
        return false;
    }
    key->name = key->name.trimmed();
    m_idByHash.insert(hash, key->id);
    m_keys.push_back(*key);
    *secret = made;
    return true;
}

bool GatewayKeyStore::update(const GatewayKeyInfo &key, QString *error)
{
    if (!validate(key, error))
        return false;
    auto it = std::find_if(m_keys.begin(), m_keys.end(), [&](const GatewayKeyInfo &k) { return k.id == key.id; });
    if (it == m_keys.end()) {
        *error = QStringLiteral("no key %1").arg(key.id);
        return false;
    }
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE keys SET name = ?, models = ?, rpm = ?, tpm = ?, budget = ? WHERE id = ?"));
    for (const QVariant &v : {QVariant(key.name.trimmed()), QVariant(modelsJson(key.models)), QVariant(key.requestsPerMinute),
                              QVariant(key.tokensPerMinute), QVariant(key.tokenBudget), QVariant(key.id)})
        q.addBindValue(v);
    if (!q.exec()) {
        *error = QStringLiteral("cannot save the key: %1").arg(sqlError(q));
        return false;
    }
    it->name = key.name.trimmed();
    it->models = key.models;
    it->requestsPerMinute = key.requestsPerMinute;
    it->tokensPerMinute = key.tokensPerMinute;
    it->tokenBudget = key.tokenBudget;
    return true;
}

bool GatewayKeyStore::revoke(const QString &id, QString *error)
{
    auto it = std::find_if(m_keys.begin(), m_keys.end(), [&](const GatewayKeyInfo &k) { return k.id == id; });
    if (it == m_keys.end()) {
        *error = QStringLiteral("no key %1").arg(id);
        return false;
    }
    if (it->isRevoked())
        return true;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE keys SET revoked_ms = ? WHERE id = ?"));
    q.addBindValue(now);
    q.addBindValue(id);
    if (!q.exec()) {
        *error = QStringLiteral("cannot revoke the key: %1").arg(sqlError(q));
        return false;
    }
    it->revoked = QDateTime::fromMSecsSinceEpoch(now, Qt::UTC);
    return true;
}

QList<RequestRecord> GatewayKeyStore::requests(const QString &keyId, int limit)
{
    QList<RequestRecord> out;
    QSqlQuery q(m_db);
    const QString where = keyId.isEmpty() ? QString() : QStringLiteral(" WHERE key_id = ?");
    q.prepare(QStringLiteral("SELECT %1 FROM usage%2 ORDER BY id DESC LIMIT ?").arg(QLatin1String(kRecordColumns), where));
    if (!keyId.isEmpty())
        q.addBindValue(keyId);
    q.addBindValue(limit);
    if (!q.exec())
        return out;
    while (q.next())
        out << recordFrom(q);
    return out;
}

void GatewayKeyStore::forEachRequestSince(qint64 sinceMs, const std::function<void(const RequestRecord &)> &visit)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM usage WHERE time_ms >= ? ORDER BY id").arg(QLatin1String(kRecordColumns)));
    q.addBindValue(sinceMs);
    if (!q.exec())
        return;
    while (q.next())
        visit(recordFrom(q));
}

} // namespace homeport::inference
