#include "pusher_signatures.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QUrl>

#include <algorithm>

namespace homeport::channels {

QByteArray hmacSha256Hex(const QByteArray &secret, const QByteArray &message)
{
    return QMessageAuthenticationCode::hash(message, secret, QCryptographicHash::Sha256).toHex();
}

bool signaturesEqual(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference |= static_cast<unsigned char>(a[i] ^ b[i]);
    return difference == 0;
}

QByteArray channelAuthSignature(const QString &secret, const QString &socketId, const QString &channel,
                                const QString &channelData)
{
    QString message = socketId + QLatin1Char(':') + channel;
    if (!channelData.isEmpty())
        message += QLatin1Char(':') + channelData;
    return hmacSha256Hex(secret.toUtf8(), message.toUtf8());
}

QByteArray userAuthSignature(const QString &secret, const QString &socketId, const QString &userData)
{
    return hmacSha256Hex(secret.toUtf8(), (socketId + QStringLiteral("::user::") + userData).toUtf8());
}

QByteArray restStringToSign(const QByteArray &method, const QString &path, const QList<QPair<QString, QString>> &params)
{
    QList<QPair<QString, QString>> sorted;
    for (const auto &[key, value] : params) {
        const QString lower = key.toLower();
        if (lower != QLatin1String("auth_signature"))
            sorted.append({lower, value});
    }
    std::sort(sorted.begin(), sorted.end());
    QStringList pairs;
    for (const auto &[key, value] : sorted)
        pairs.append(key + QLatin1Char('=') + value);
    return method.toUpper() + '\n' + path.toUtf8() + '\n' + pairs.join(QLatin1Char('&')).toUtf8();
}

QByteArray restSignature(const QString &secret, const QByteArray &method, const QString &path,
                         const QList<QPair<QString, QString>> &params)
{
    return hmacSha256Hex(secret.toUtf8(), restStringToSign(method, path, params));
}

QByteArray signedRestQuery(const QString &key, const QString &secret, const QByteArray &method, const QString &path,
                           const QByteArray &body, qint64 timestamp, const QList<QPair<QString, QString>> &extra)
{
    QList<QPair<QString, QString>> params = extra;
    params.append({QStringLiteral("auth_key"), key});
    params.append({QStringLiteral("auth_timestamp"), QString::number(timestamp)});
    params.append({QStringLiteral("auth_version"), QStringLiteral("1.0")});
    if (!body.isEmpty())
        params.append({QStringLiteral("body_md5"),
                       QString::fromLatin1(QCryptographicHash::hash(body, QCryptographicHash::Md5).toHex())});
    QByteArray query;
    for (const auto &[name, value] : params)
        query += name.toUtf8() + '=' + QUrl::toPercentEncoding(value, ",") + '&';
    return query + "auth_signature=" + restSignature(secret, method, path, params);
}

} // namespace homeport::channels
