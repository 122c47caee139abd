#include "access_key_store.h"

#include "storage_service.h"

#include "core/atomic_file.h"
#include "core/secrets.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace homeport::storage {

AccessKeyStore::AccessKeyStore(const QString &path, const QByteArray &rootAccessKey, const QByteArray &rootSecretKey)
    : m_path(path)
{
    m_root.accessKey = rootAccessKey;
    m_root.secretKey = rootSecretKey;
    m_root.name = QStringLiteral("root");
    m_root.buckets = {QStringLiteral("*")};
    m_root.root = true;
}

bool AccessKeyStore::load(QString *error)
{
    m_keys.clear();
    QFile file(m_path);
    if (!file.exists())
        return true;
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(m_path, file.errorString());
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!doc.isObject()) {
        *error = QStringLiteral("%1 is not valid JSON: %2").arg(m_path, parseError.errorString());
        return false;
    }
    for (const QJsonValue &v : doc.object().value(QStringLiteral("keys")).toArray()) {
        const QJsonObject o = v.toObject();
        AccessKey key;
        key.accessKey = o.value(QStringLiteral("access_key")).toString().toUtf8();
        key.secretKey = o.value(QStringLiteral("secret_key")).toString().toUtf8();
        key.name = o.value(QStringLiteral("name")).toString();
        for (const QJsonValue &b : o.value(QStringLiteral("buckets")).toArray())
            key.buckets.append(b.toString());
        key.readOnly = o.value(QStringLiteral("access")).toString() != QLatin1String("read-write");
        key.createdMs = qint64(o.value(QStringLiteral("created_ms")).toDouble());
        if (key.accessKey.isEmpty() || key.secretKey.isEmpty() || key.accessKey == m_root.accessKey)
            continue;
        m_keys.append(key);
    }
    return true;
}

std::optional<AccessKey> AccessKeyStore::find(const QByteArray &accessKey) const
{
    if (accessKey == m_root.accessKey)
        return m_root;
    for (const AccessKey &key : m_keys) {
        if (key.accessKey == accessKey)
            return key;
    }
    return std::nullopt;
}

std::optional<AccessKey> AccessKeyStore::create(const QString &name, const QStringList &buckets, bool readOnly, QString *error)
{
    if (buckets.isEmpty()) {
        *error = QStringLiteral("A key needs at least one bucket (or \"*\" for every bucket).");
        return std::nullopt;
    }
    for (const QString &bucket : buckets) {
        if (bucket != QLatin1String("*") && !StorageService::isValidBucketName(bucket)) {
            *error = QStringLiteral("\"%1\" is not a valid bucket name.").arg(bucket);
            return std::nullopt;
        }
    }
    if (name.size() > kMaxNameLength) {
        *error = QStringLiteral("A key's name has at most %1 characters.").arg(kMaxNameLength);
        return std::nullopt;
    }
    if (m_keys.size() >= kMaxKeys) {
        *error = QStringLiteral("There are already %1 keys; revoke one first.").arg(kMaxKeys);
        return std::nullopt;
    }
    AccessKey key;
    // The shapes AWS uses (20 upper-case characters, 40 of base64's alphabet), so clients that
    // check them accept ours; "HP" marks keys made by Homeport.
    do {
        key.accessKey = "HP" + core::Secrets::randomToken(18, u"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567").toLatin1();
    } while (find(key.accessKey));
    key.secretKey = core::Secrets::randomToken(40).toLatin1();
    key.name = name;
    key.buckets = buckets;
    key.buckets.removeDuplicates();
    key.readOnly = readOnly;
    key.createdMs = QDateTime::currentMSecsSinceEpoch();
    QList<AccessKey> next = m_keys;
    next.append(key);
    if (const QString failed = save(next); !failed.isEmpty()) {
        *error = failed;
        return std::nullopt;
    }
    m_keys = next;
    return key;
}

bool AccessKeyStore::revoke(const QByteArray &accessKey, QString *error)
{
    QList<AccessKey> next = m_keys;
    const qsizetype removed = next.removeIf([&](const AccessKey &k) { return k.accessKey == accessKey; });
    if (removed == 0)
        return false;
    if (const QString failed = save(next); !failed.isEmpty()) {
        *error = failed;
        return false;
    }
    m_keys = next;
    return true;
}

QString AccessKeyStore::save(const QList<AccessKey> &keys) const
{
    QJsonArray array;
    for (const AccessKey &key : keys) {
        array.append(QJsonObject{
            {QStringLiteral("access_key"), QString::fromLatin1(key.accessKey)},
            {QStringLiteral("secret_key"), QString::fromLatin1(key.secretKey)},
            {QStringLiteral("name"), key.name},
            {QStringLiteral("buckets"), QJsonArray::fromStringList(key.buckets)},
            {QStringLiteral("access"), key.readOnly ? QStringLiteral("read-only") : QStringLiteral("read-write")},
            {QStringLiteral("created_ms"), double(key.createdMs)},
        });
    }
    return core::writeFileAtomically(m_path, QJsonDocument(QJsonObject{{QStringLiteral("keys"), array}}).toJson(), 0600);
}

} // namespace homeport::storage
