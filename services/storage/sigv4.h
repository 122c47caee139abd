#pragma once
// SigV4: AWS Signature Version 4 as S3 checks it, for the Authorization header and for presigned
// query strings (docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-authenticating-requests.html).
// Pure functions over the request's raw parts, so they are tested against AWS's published
// examples without a server. The canonical path is the raw path decoded once and encoded once
// (S3 neither double-encodes nor normalises dot segments).
// Thread affinity: none.

#include "http/response.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <functional>
#include <optional>

namespace homeport::storage {

// The parts of an HTTP request a signature covers.
struct SignedRequest
{
    QByteArray method;
    QByteArray rawPath;  // as received, still percent-encoded
    QByteArray rawQuery; // without '?'
    http::HeaderList headers;
};

// What a verified request proved, and what body checks it still needs.
struct SigV4Result
{
    bool ok = false;
    int status = 403;
    QByteArray errorCode;  // S3 error code when !ok
    QString errorMessage;

    QByteArray accessKey;
    bool presigned = false;
    QByteArray payloadHash; // x-amz-content-sha256 (UNSIGNED-PAYLOAD for presigned URLs)
    QByteArray signature;   // the seed of aws-chunked chunk signatures
    QByteArray signingKey;
    QByteArray amzDate;     // yyyyMMddTHHmmssZ
    QByteArray scope;       // date/region/service/aws4_request
};

namespace sigv4 {

constexpr qint64 kMaxSkewSeconds = 15 * 60;
constexpr qint64 kMaxPresignedExpiresSeconds = 7 * 24 * 3600;
extern const QByteArray kEmptySha256; // hex SHA-256 of no bytes

// UriEncode of the SigV4 spec: unreserved bytes stay, everything else becomes %XX (upper case);
// '/' stays only when keepSlash.
QByteArray uriEncode(QByteArrayView bytes, bool keepSlash);
// Percent-decodes once ('+' stays '+'), the way S3 reads object keys from the path.
QByteArray percentDecode(QByteArrayView raw, bool plusIsSpace = false);
QByteArray canonicalUri(QByteArrayView rawPath);
// Sorted name=value pairs, each encoded once; presigned URLs leave out X-Amz-Signature.
QByteArray canonicalQuery(QByteArrayView rawQuery, bool skipSignature);
QByteArray canonicalRequest(const SignedRequest &request, const QByteArrayList &signedHeaders,
                            const QByteArray &payloadHash, bool presigned);

// Compares signatures in time that does not depend on where they differ.
bool constantTimeEquals(const QByteArray &a, const QByteArray &b);
QByteArray sha256Hex(QByteArrayView data);
QByteArray hmacSha256(const QByteArray &key, const QByteArray &data);
QByteArray signingKey(const QByteArray &secret, const QByteArray &date, const QByteArray &region,
                      const QByteArray &service);
// signingKey() through a small per-thread cache (the key changes once a day per secret and
// region), so a request costs one HMAC for its signature instead of five.
QByteArray cachedSigningKey(const QByteArray &secret, const QByteArray &date, const QByteArray &region,
                            const QByteArray &service);
QByteArray stringToSign(const QByteArray &amzDate, const QByteArray &scope, const QByteArray &canonicalRequest);
// One aws-chunked chunk's signature, chained from the previous one (the seed is the request's).
QByteArray chunkSignature(const QByteArray &signingKey, const QByteArray &amzDate, const QByteArray &scope,
                          const QByteArray &previousSignature, const QByteArray &chunkSha256Hex);
// The signature of the trailing headers of STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER bodies.
QByteArray trailerSignature(const QByteArray &signingKey, const QByteArray &amzDate, const QByteArray &scope,
                            const QByteArray &previousSignature, const QByteArray &trailerSha256Hex);

QDateTime parseAmzDate(QByteArrayView text);
QByteArray formatAmzDate(const QDateTime &time);

// The secret of an access key, or nullopt when the key is unknown.
using SecretLookup = std::function<std::optional<QByteArray>(const QByteArray &accessKey)>;

// Verifies the Authorization header or the presigned query of a request at time `now`.
// A request with neither is reported with errorCode "AccessDenied" (anonymous).
SigV4Result verify(const SignedRequest &request, const SecretLookup &secrets, const QDateTime &now);

// Signs a request the way SDKs do (tests and the console's presigned-URL generator):
// returns the Authorization header value for the given signed header names (lower case).
QByteArray authorization(const SignedRequest &request, const QByteArrayList &signedHeaders,
                         const QByteArray &payloadHash, const QByteArray &accessKey, const QByteArray &secret,
                         const QByteArray &amzDate, const QByteArray &region);
// Returns the query string (without '?') of a presigned URL for method + path, valid for
// expiresSeconds from amzDate; host is the Host header the URL will be fetched with.
QByteArray presignQuery(const QByteArray &method, const QByteArray &rawPath, const QByteArray &host,
                        const QByteArray &accessKey, const QByteArray &secret, const QByteArray &amzDate,
                        const QByteArray &region, qint64 expiresSeconds, const QByteArray &extraRawQuery = {});

} // namespace sigv4

} // namespace homeport::storage
