#pragma once
// AccessKeyStore: the storage service's access keys. The root key (secrets.json) may do
// everything and cannot be revoked; further keys are made and revoked at run time, each limited
// to chosen buckets ("*": every bucket) and to reading or to reading and writing. They are kept in
// <storage data dir>/access_keys.json (mode 0600, written to a temp file, fsynced and renamed),
// so a key is usable once its create call answered and survives any crash after that.
// Thread affinity: the storage service's thread.

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace homeport::storage {

struct AccessKey
{
    QByteArray accessKey;
    QByteArray secretKey;
    QString name;
    QStringList buckets; // "*" covers every bucket
    bool readOnly = false;
    qint64 createdMs = 0;
    bool root = false;

    bool coversBucket(const QString &bucket) const { return root || buckets.contains(QStringLiteral("*")) || buckets.contains(bucket); }
    // May this key do a read (GET/HEAD) or any other request on the bucket?
    bool allows(const QString &bucket, bool write) const { return coversBucket(bucket) && (root || !write || !readOnly); }
};

class AccessKeyStore
{
public:
    static constexpr int kMaxKeys = 1000;
    static constexpr int kMaxNameLength = 128;

    AccessKeyStore(const QString &path, const QByteArray &rootAccessKey, const QByteArray &rootSecretKey);

    bool load(QString *error);
    std::optional<AccessKey> find(const QByteArray &accessKey) const;
    // The keys made at run time, oldest first (the root key is not among them).
    const QList<AccessKey> &scopedKeys() const { return m_keys; }
    // Makes a key with a fresh id and secret and stores it before returning it; nullopt with a
    // reason for bad input (an empty scope, a bad bucket name) or a failed write.
    std::optional<AccessKey> create(const QString &name, const QStringList &buckets, bool readOnly, QString *error);
    // False with an empty error when there is no such scoped key.
    bool revoke(const QByteArray &accessKey, QString *error);

private:
    QString save(const QList<AccessKey> &keys) const;

    QString m_path;
    AccessKey m_root;
    QList<AccessKey> m_keys;
};

} // namespace homeport::storage
