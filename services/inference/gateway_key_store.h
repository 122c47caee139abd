#pragma once
// GatewayKeyStore: the gateway's virtual keys and its usage log in one SQLite file (WAL),
// <data dir>/inference/gateway.sqlite. Keys are kept by the SHA-256 of their secret (secrets are
// 32 random bytes, so a fast hash is enough); the secret itself is returned once, by create().
// The usage log's rows are written by UsageLog on its own thread and connection; this connection
// reads them back (the request log, and the last minute replayed into the rate limiter at start).
// Each key's spent tokens live in its row, added in the same transaction as its log rows, so a
// budget outlives the log's retention.
// Thread affinity: the thread that called open() (the inference service's).

#include "inference_monitor.h"

#include <QHash>
#include <QSqlDatabase>

#include <functional>
#include <vector>

namespace homeport::inference {

class GatewayKeyStore
{
public:
    GatewayKeyStore(const QString &path, const QString &connectionName);
    ~GatewayKeyStore();

    bool open(QString *error);
    void close();
    const QString &path() const { return m_path; }

    // Every key, revoked ones included, by creation; usage fields hold spentTokens and lastUsed
    // as of open() (the service keeps the live figures).
    const std::vector<GatewayKeyInfo> &keys() const { return m_keys; }
    const GatewayKeyInfo *find(const QString &id) const;
    // The key a bearer secret names, revoked or not; null when none.
    const GatewayKeyInfo *findBySecret(QByteArrayView secret) const;

    // Fills id, prefix and created; `secret` gets the key's secret. False with `error` for bad
    // settings (empty name, negative limits) or a failed write.
    bool create(GatewayKeyInfo *key, QString *secret, QString *error);
    // Name, models and limits of an existing key.
    bool update(const GatewayKeyInfo &key, QString *error);
    bool revoke(const QString &id, QString *error);

    // The request log, newest first; an empty keyId means every key.
    QList<RequestRecord> requests(const QString &keyId, int limit);
    // Calls `visit` with every logged request since sinceMs (oldest first).
    void forEachRequestSince(qint64 sinceMs, const std::function<void(const RequestRecord &)> &visit);

    static QByteArray hashSecret(QByteArrayView secret);
    static bool validate(const GatewayKeyInfo &key, QString *error);

private:
    bool exec(const QString &sql, QString *error);
    bool loadKeys(QString *error);

    QString m_path;
    QString m_connectionName;
    QSqlDatabase m_db;
    std::vector<GatewayKeyInfo> m_keys;
    QHash<QByteArray, QString> m_idByHash; // SHA-256 (raw) -> key id
};

} // namespace homeport::inference
