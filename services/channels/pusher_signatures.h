#pragma once
// Pusher's HMAC signatures: channel authorization, user authentication and the REST API's query
// signature, computed exactly as the official SDKs make them (../shared/reference, §1 and §2).
// Thread affinity: none (pure functions).

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace homeport::channels {

// Lower-case hex HMAC-SHA256 of `message` keyed with `secret`.
QByteArray hmacSha256Hex(const QByteArray &secret, const QByteArray &message);
// Compares two signatures in time independent of where they differ.
bool signaturesEqual(const QByteArray &a, const QByteArray &b);

// "socket_id:channel" or, when channel data is given, "socket_id:channel:channel_data".
QByteArray channelAuthSignature(const QString &secret, const QString &socketId, const QString &channel,
                                const QString &channelData = {});
// "socket_id::user::user_data".
QByteArray userAuthSignature(const QString &secret, const QString &socketId, const QString &userData);

// "METHOD\nPATH\nk=v&..." with every parameter but auth_signature, keys lower-cased and sorted,
// values not URL-escaped.
QByteArray restStringToSign(const QByteArray &method, const QString &path, const QList<QPair<QString, QString>> &params);
QByteArray restSignature(const QString &secret, const QByteArray &method, const QString &path,
                         const QList<QPair<QString, QString>> &params);

// A signed query string for the REST API, as the `pusher` SDKs send it (used by tests and the bench).
QByteArray signedRestQuery(const QString &key, const QString &secret, const QByteArray &method, const QString &path,
                           const QByteArray &body, qint64 timestamp, const QList<QPair<QString, QString>> &extra = {});

} // namespace homeport::channels
