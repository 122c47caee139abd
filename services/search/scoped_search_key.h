#pragma once
// Scoped search keys as typesense-js keys().generateScopedSearchKey() makes them:
// base64( base64(HMAC-SHA256(parent key, params JSON)) + parent key's first 4 characters +
// params JSON ). The server finds parents by the prefix and accepts the key when the digest
// matches one of them.
// Thread affinity: none (plain functions).

#include <QByteArray>
#include <QString>

#include <optional>

namespace homeport::search {

struct ScopedSearchKey
{
    QByteArray digest;     // the 44-character base64 HMAC
    QString parentPrefix;  // 4 characters
    QByteArray paramsJson; // exactly as signed
};

// nullopt when the text is not base64 or too short to hold a digest and a prefix.
std::optional<ScopedSearchKey> decodeScopedSearchKey(const QString &key);
// True when `key` was signed with `parentValue` (constant-time comparison).
bool scopedKeySignedBy(const ScopedSearchKey &key, const QString &parentValue);
// Makes a scoped key the way the clients do (tests and the console).
QString makeScopedSearchKey(const QString &parentValue, const QByteArray &paramsJson);

} // namespace homeport::search
