#include "scoped_search_key.h"

#include <QMessageAuthenticationCode>

namespace homeport::search {

namespace {
constexpr qsizetype kDigestLength = 44; // base64 of a 32-byte SHA-256 HMAC
constexpr qsizetype kPrefixLength = 4;

QByteArray digestOf(const QString &parentValue, const QByteArray &paramsJson)
{
    return QMessageAuthenticationCode::hash(paramsJson, parentValue.toUtf8(), QCryptographicHash::Sha256).toBase64();
}
} // namespace

std::optional<ScopedSearchKey> decodeScopedSearchKey(const QString &key)
{
    const auto decoded = QByteArray::fromBase64Encoding(key.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() < kDigestLength + kPrefixLength)
        return std::nullopt;
    const QByteArray &raw = decoded.decoded;
    ScopedSearchKey out;
    out.digest = raw.left(kDigestLength);
    out.parentPrefix = QString::fromUtf8(raw.mid(kDigestLength, kPrefixLength));
    out.paramsJson = raw.mid(kDigestLength + kPrefixLength);
    return out;
}

bool scopedKeySignedBy(const ScopedSearchKey &key, const QString &parentValue)
{
    const QByteArray expected = digestOf(parentValue, key.paramsJson);
    if (expected.size() != key.digest.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < expected.size(); ++i)
        diff |= static_cast<unsigned char>(expected[i] ^ key.digest[i]);
    return diff == 0;
}

QString makeScopedSearchKey(const QString &parentValue, const QByteArray &paramsJson)
{
    const QByteArray raw = digestOf(parentValue, paramsJson) + parentValue.left(kPrefixLength).toUtf8() + paramsJson;
    return QString::fromLatin1(raw.toBase64());
}

} // namespace homeport::search
