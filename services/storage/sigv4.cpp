#include "sigv4.h"

#include <QHash>

#include <openssl/evp.h>

#include <algorithm>
#include <initializer_list>

namespace homeport::storage::sigv4 {

const QByteArray kEmptySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

namespace {

constexpr char kAlgorithm[] = "AWS4-HMAC-SHA256";

bool isUnreserved(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
        || c == '.' || c == '~';
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Collapses runs of spaces inside a header value and trims it (SigV4 "Trimall").
QByteArray trimAll(QByteArrayView value)
{
    QByteArray out;
    out.reserve(value.size());
    bool space = false;
    for (const char c : value) {
        if (c == ' ' || c == '\t') {
            space = true;
            continue;
        }
        if (space && !out.isEmpty())
            out += ' ';
        space = false;
        out += c;
    }
    return out;
}

SigV4Result failure(int status, const QByteArray &code, const QString &message)
{
    SigV4Result r;
    r.status = status;
    r.errorCode = code;
    r.errorMessage = message;
    return r;
}

QByteArray headerValue(const SignedRequest &request, QByteArrayView name)
{
    return http::headerValue(request.headers, name);
}

// Splits "a=1&b=2" into undecoded pairs.
QList<QPair<QByteArray, QByteArray>> rawQueryPairs(QByteArrayView rawQuery)
{
    QList<QPair<QByteArray, QByteArray>> pairs;
    for (const QByteArray &item : rawQuery.toByteArray().split('&')) {
        if (item.isEmpty())
            continue;
        const qsizetype eq = item.indexOf('=');
        if (eq < 0)
            pairs.append({item, QByteArray()});
        else
            pairs.append({item.first(eq), item.sliced(eq + 1)});
    }
    return pairs;
}

QByteArray queryValue(const QList<QPair<QByteArray, QByteArray>> &pairs, QByteArrayView name)
{
    for (const auto &[k, v] : pairs) {
        if (percentDecode(k, true) == name)
            return percentDecode(v, true);
    }
    return {};
}

bool isHexSha256(QByteArrayView value)
{
    if (value.size() != 64)
        return false;
    return std::all_of(value.begin(), value.end(), [](char c) { return hexValue(c) >= 0; });
}

} // namespace

bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= quint8(a[i]) ^ quint8(b[i]);
    return diff == 0;
}

QByteArray uriEncode(QByteArrayView bytes, bool keepSlash)
{
    static const char kHex[] = "0123456789ABCDEF";
    QByteArray out;
    out.reserve(bytes.size() * 3 / 2);
    for (const char c : bytes) {
        if (isUnreserved(c) || (keepSlash && c == '/')) {
            out += c;
        } else {
            out += '%';
            out += kHex[(quint8(c) >> 4) & 0xF];
            out += kHex[quint8(c) & 0xF];
        }
    }
    return out;
}

QByteArray percentDecode(QByteArrayView raw, bool plusIsSpace)
{
    QByteArray out;
    out.reserve(raw.size());
    for (qsizetype i = 0; i < raw.size(); ++i) {
        const char c = raw[i];
        if (c == '%' && i + 2 < raw.size() && hexValue(raw[i + 1]) >= 0 && hexValue(raw[i + 2]) >= 0) {
            out += char(hexValue(raw[i + 1]) * 16 + hexValue(raw[i + 2]));
            i += 2;
        } else if (c == '+' && plusIsSpace) {
            out += ' ';
        } else {
            out += c;
        }
    }
    return out;
}

QByteArray canonicalUri(QByteArrayView rawPath)
{
    if (rawPath.isEmpty())
        return "/";
    // Segment by segment, so a client's %2F stays an encoded slash.
    QByteArrayList segments = rawPath.toByteArray().split('/');
    for (QByteArray &segment : segments)
        segment = uriEncode(percentDecode(segment), false);
    return segments.join('/');
}

QByteArray canonicalQuery(QByteArrayView rawQuery, bool skipSignature)
{
    QList<QPair<QByteArray, QByteArray>> encoded;
    for (const auto &[k, v] : rawQueryPairs(rawQuery)) {
        const QByteArray name = percentDecode(k, true);
        if (skipSignature && name == "X-Amz-Signature")
            continue;
        encoded.append({uriEncode(name, false), uriEncode(percentDecode(v, true), false)});
    }
    std::sort(encoded.begin(), encoded.end());
    QByteArray out;
    for (const auto &[k, v] : encoded) {
        if (!out.isEmpty())
            out += '&';
        out += k + '=' + v;
    }
    return out;
}

QByteArray canonicalRequest(const SignedRequest &request, const QByteArrayList &signedHeaders,
                            const QByteArray &payloadHash, bool presigned)
{
    QByteArray out = request.method + '\n' + canonicalUri(request.rawPath) + '\n'
        + canonicalQuery(request.rawQuery, presigned) + '\n';
    for (const QByteArray &name : signedHeaders) {
        QByteArrayList values;
        for (const auto &[n, v] : request.headers) {
            if (n.compare(name, Qt::CaseInsensitive) == 0)
                values.append(trimAll(v));
        }
        out += name + ':' + values.join(',') + '\n';
    }
    out += '\n' + signedHeaders.join(';') + '\n' + payloadHash;
    return out;
}

namespace {

// OpenSSL's SHA-256 (SHA extensions where the CPU has them) rather than Qt 6.4's portable one:
// every signed request hashes its canonical request and runs an HMAC. Fetched once, as OpenSSL 3
// looks the implementation up on every use of EVP_sha256().
const EVP_MD *sha256Method()
{
    static const EVP_MD *const md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    return md;
}

constexpr int kSha256Bytes = 32;
constexpr int kSha256BlockBytes = 64;

// The digest of the concatenated parts into out (32 bytes).
void sha256Into(std::initializer_list<QByteArrayView> parts, unsigned char *out)
{
    EVP_MD_CTX *context = EVP_MD_CTX_new();
    EVP_DigestInit_ex(context, sha256Method(), nullptr);
    for (const QByteArrayView part : parts)
        EVP_DigestUpdate(context, part.data(), size_t(part.size()));
    unsigned int length = 0;
    EVP_DigestFinal_ex(context, out, &length);
    EVP_MD_CTX_free(context);
}

} // namespace

QByteArray sha256Hex(QByteArrayView data)
{
    unsigned char digest[kSha256Bytes];
    sha256Into({data}, digest);
    return QByteArray::fromRawData(reinterpret_cast<const char *>(digest), kSha256Bytes).toHex();
}

QByteArray hmacSha256(const QByteArray &key, const QByteArray &data)
{
    // RFC 2104: H((K ^ opad) || H((K ^ ipad) || data)), K padded to the block (hashed first if longer).
    unsigned char block[kSha256BlockBytes] = {};
    if (key.size() > kSha256BlockBytes)
        sha256Into({key}, block);
    else
        std::copy(key.cbegin(), key.cend(), block);
    unsigned char inner[kSha256BlockBytes], outer[kSha256BlockBytes];
    for (int i = 0; i < kSha256BlockBytes; ++i) {
        inner[i] = block[i] ^ 0x36;
        outer[i] = block[i] ^ 0x5c;
    }
    const auto view = [](const unsigned char *bytes, qsizetype size) {
        return QByteArrayView(reinterpret_cast<const char *>(bytes), size);
    };
    unsigned char innerDigest[kSha256Bytes];
    sha256Into({view(inner, kSha256BlockBytes), data}, innerDigest);
    QByteArray out(kSha256Bytes, Qt::Uninitialized);
    sha256Into({view(outer, kSha256BlockBytes), view(innerDigest, kSha256Bytes)}, reinterpret_cast<unsigned char *>(out.data()));
    return out;
}

QByteArray cachedSigningKey(const QByteArray &secret, const QByteArray &date, const QByteArray &region,
                            const QByteArray &service)
{
    // Keyed by the secret itself, so a revoked or replaced key never finds an old entry. Small
    // and per thread: a key lives for a day, and most requests are one or two keys' on one date.
    thread_local QHash<QByteArray, QByteArray> cache;
    QByteArray id;
    id.reserve(secret.size() + date.size() + region.size() + service.size() + 3);
    id.append(secret).append('\0').append(date).append('\0').append(region).append('\0').append(service);
    if (const auto it = cache.constFind(id); it != cache.constEnd())
        return it.value();
    if (cache.size() >= 64)
        cache.clear();
    return cache.insert(id, signingKey(secret, date, region, service)).value();
}

QByteArray signingKey(const QByteArray &secret, const QByteArray &date, const QByteArray &region,
                      const QByteArray &service)
{
    const QByteArray kDate = hmacSha256("AWS4" + secret, date);
    const QByteArray kRegion = hmacSha256(kDate, region);
    const QByteArray kService = hmacSha256(kRegion, service);
    return hmacSha256(kService, "aws4_request");
}

QByteArray stringToSign(const QByteArray &amzDate, const QByteArray &scope, const QByteArray &canonical)
{
    return QByteArray(kAlgorithm) + '\n' + amzDate + '\n' + scope + '\n' + sha256Hex(canonical);
}

QByteArray chunkSignature(const QByteArray &key, const QByteArray &amzDate, const QByteArray &scope,
                          const QByteArray &previousSignature, const QByteArray &chunkSha256Hex)
{
    const QByteArray toSign = "AWS4-HMAC-SHA256-PAYLOAD\n" + amzDate + '\n' + scope + '\n' + previousSignature
        + '\n' + kEmptySha256 + '\n' + chunkSha256Hex;
    return hmacSha256(key, toSign).toHex();
}

QByteArray trailerSignature(const QByteArray &key, const QByteArray &amzDate, const QByteArray &scope,
                            const QByteArray &previousSignature, const QByteArray &trailerSha256Hex)
{
    const QByteArray toSign = "AWS4-HMAC-SHA256-TRAILER\n" + amzDate + '\n' + scope + '\n' + previousSignature
        + '\n' + trailerSha256Hex;
    return hmacSha256(key, toSign).toHex();
}

QDateTime parseAmzDate(QByteArrayView text)
{
    // yyyyMMddTHHmmssZ by hand: every signed request has one, and QDateTime's format parser
    // costs more than the rest of the signature check.
    if (text.size() != 16 || text[8] != 'T' || text[15] != 'Z')
        return {};
    const auto number = [&](qsizetype from, qsizetype digits) {
        int value = 0;
        for (qsizetype i = from; i < from + digits; ++i) {
            if (text[i] < '0' || text[i] > '9')
                return -1;
            value = value * 10 + (text[i] - '0');
        }
        return value;
    };
    const QDate date(number(0, 4), number(4, 2), number(6, 2));
    const int hour = number(9, 2), minute = number(11, 2), second = number(13, 2);
    if (!date.isValid() || !QTime::isValid(hour, minute, second))
        return {};
    return QDateTime(date, QTime(hour, minute, second), Qt::UTC);
}

QByteArray formatAmzDate(const QDateTime &time)
{
    return time.toUTC().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'")).toLatin1();
}

SigV4Result verify(const SignedRequest &request, const SecretLookup &secrets, const QDateTime &now)
{
    const QByteArray authorizationHeader = headerValue(request, "Authorization");
    // The query matters only for presigned URLs.
    const auto query = authorizationHeader.isEmpty() ? rawQueryPairs(request.rawQuery) : QList<QPair<QByteArray, QByteArray>>();
    const bool presigned = authorizationHeader.isEmpty() && !queryValue(query, "X-Amz-Algorithm").isEmpty();

    QByteArray algorithm, credential, signedHeadersText, signature, amzDate, payloadHash;
    qint64 expires = -1;
    if (presigned) {
        algorithm = queryValue(query, "X-Amz-Algorithm");
        credential = queryValue(query, "X-Amz-Credential");
        signedHeadersText = queryValue(query, "X-Amz-SignedHeaders");
        signature = queryValue(query, "X-Amz-Signature");
        amzDate = queryValue(query, "X-Amz-Date");
        bool ok = false;
        expires = queryValue(query, "X-Amz-Expires").toLongLong(&ok);
        if (!ok)
            return failure(403, "AuthorizationQueryParametersError", QStringLiteral("X-Amz-Expires should be a number"));
        if (expires <= 0)
            return failure(403, "AuthorizationQueryParametersError", QStringLiteral("X-Amz-Expires must be non-negative"));
        if (expires > kMaxPresignedExpiresSeconds)
            return failure(403, "AuthorizationQueryParametersError",
                           QStringLiteral("X-Amz-Expires must be less than a week (in seconds) that is 604800"));
        payloadHash = queryValue(query, "X-Amz-Content-Sha256");
        if (payloadHash.isEmpty())
            payloadHash = "UNSIGNED-PAYLOAD";
    } else {
        if (authorizationHeader.isEmpty())
            return failure(403, "AccessDenied", QStringLiteral("Access Denied"));
        const qsizetype space = authorizationHeader.indexOf(' ');
        algorithm = authorizationHeader.left(space);
        if (algorithm != kAlgorithm)
            return failure(400, "InvalidRequest",
                           QStringLiteral("The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256."));
        for (QByteArray part : authorizationHeader.mid(space + 1).split(',')) {
            part = part.trimmed();
            const qsizetype eq = part.indexOf('=');
            if (eq < 0)
                continue;
            const QByteArray name = part.left(eq).trimmed();
            const QByteArray value = part.mid(eq + 1).trimmed();
            if (name == "Credential") credential = value;
            else if (name == "SignedHeaders") signedHeadersText = value;
            else if (name == "Signature") signature = value;
        }
        amzDate = headerValue(request, "x-amz-date");
        payloadHash = headerValue(request, "x-amz-content-sha256");
        if (payloadHash.isEmpty())
            return failure(400, "InvalidRequest", QStringLiteral("Missing required header for this request: x-amz-content-sha256"));
        if (!isHexSha256(payloadHash) && payloadHash != "UNSIGNED-PAYLOAD"
            && !payloadHash.startsWith("STREAMING-"))
            return failure(400, "InvalidArgument",
                           QStringLiteral("x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-..., or a valid sha256 value."));
    }
    if (algorithm != kAlgorithm)
        return failure(400, "AuthorizationQueryParametersError",
                       QStringLiteral("X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\""));

    const QByteArrayList credentialParts = credential.split('/');
    if (credentialParts.size() != 5 || credentialParts[4] != "aws4_request" || signature.isEmpty()
        || signedHeadersText.isEmpty())
        return failure(400, presigned ? "AuthorizationQueryParametersError" : "AuthorizationHeaderMalformed",
                       QStringLiteral("The authorization information is malformed: expected Credential=<key>/<date>/<region>/s3/aws4_request, SignedHeaders and Signature."));
    if (credentialParts[3] != "s3")
        return failure(400, presigned ? "AuthorizationQueryParametersError" : "AuthorizationHeaderMalformed",
                       QStringLiteral("The authorization header is malformed; incorrect service \"%1\". This endpoint belongs to \"s3\".")
                           .arg(QString::fromUtf8(credentialParts[3])));

    QDateTime signedAt = parseAmzDate(amzDate);
    if (!signedAt.isValid() && !presigned) {
        // Clients without x-amz-date sign the Date header (RFC 1123).
        const QByteArray date = headerValue(request, "Date");
        signedAt = QDateTime::fromString(QString::fromLatin1(date), Qt::RFC2822Date);
        if (signedAt.isValid())
            amzDate = formatAmzDate(signedAt);
    }
    if (!signedAt.isValid())
        return failure(403, "AccessDenied", QStringLiteral("AWS authentication requires a valid Date or x-amz-date header"));
    if (QByteArrayView(amzDate).first(8) != credentialParts[1]) // amzDate is yyyyMMddTHHmmssZ here
        return failure(400, presigned ? "AuthorizationQueryParametersError" : "AuthorizationHeaderMalformed",
                       QStringLiteral("The authorization header is malformed; the credential date does not match the request date."));

    const qint64 age = signedAt.secsTo(now);
    if (presigned) {
        if (age < -kMaxSkewSeconds)
            return failure(403, "AccessDenied", QStringLiteral("Request is not valid yet"));
        if (age > expires)
            return failure(403, "AccessDenied", QStringLiteral("Request has expired"));
    } else if (age > kMaxSkewSeconds || age < -kMaxSkewSeconds) {
        return failure(403, "RequestTimeTooSkewed",
                       QStringLiteral("The difference between the request time and the server's time is too large."));
    }

    const std::optional<QByteArray> secret = secrets ? secrets(credentialParts[0]) : std::nullopt;
    if (!secret)
        return failure(403, "InvalidAccessKeyId",
                       QStringLiteral("The AWS Access Key Id you provided does not exist in our records."));

    const QByteArrayList signedHeaders = signedHeadersText.split(';');
    if (!signedHeaders.contains("host"))
        return failure(403, "SignatureDoesNotMatch", QStringLiteral("The Host header must be signed."));

    const QByteArray scope = credentialParts.mid(1).join('/');
    const QByteArray key = cachedSigningKey(*secret, credentialParts[1], credentialParts[2], credentialParts[3]);
    const QByteArray canonical = canonicalRequest(request, signedHeaders, payloadHash, presigned);
    const QByteArray expected = hmacSha256(key, stringToSign(amzDate, scope, canonical)).toHex();
    if (!constantTimeEquals(expected, signature.toLower()))
        return failure(403, "SignatureDoesNotMatch",
                       QStringLiteral("The request signature we calculated does not match the signature you provided. Check your key and signing method."));

    SigV4Result r;
    r.ok = true;
    r.status = 200;
    r.accessKey = credentialParts[0];
    r.presigned = presigned;
    r.payloadHash = payloadHash;
    r.signature = expected;
    r.signingKey = key;
    r.amzDate = amzDate;
    r.scope = scope;
    return r;
}

QByteArray authorization(const SignedRequest &request, const QByteArrayList &signedHeaders,
                         const QByteArray &payloadHash, const QByteArray &accessKey, const QByteArray &secret,
                         const QByteArray &amzDate, const QByteArray &region)
{
    const QByteArray date = amzDate.left(8);
    const QByteArray scope = date + '/' + region + "/s3/aws4_request";
    const QByteArray key = signingKey(secret, date, region, "s3");
    const QByteArray canonical = canonicalRequest(request, signedHeaders, payloadHash, false);
    const QByteArray signature = hmacSha256(key, stringToSign(amzDate, scope, canonical)).toHex();
    return QByteArray(kAlgorithm) + " Credential=" + accessKey + '/' + scope + ",SignedHeaders="
        + signedHeaders.join(';') + ",Signature=" + signature;
}

QByteArray presignQuery(const QByteArray &method, const QByteArray &rawPath, const QByteArray &host,
                        const QByteArray &accessKey, const QByteArray &secret, const QByteArray &amzDate,
                        const QByteArray &region, qint64 expiresSeconds, const QByteArray &extraRawQuery)
{
    const QByteArray date = amzDate.left(8);
    const QByteArray scope = date + '/' + region + "/s3/aws4_request";
    QByteArray query = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=" + uriEncode(accessKey + '/' + scope, false)
        + "&X-Amz-Date=" + amzDate + "&X-Amz-Expires=" + QByteArray::number(expiresSeconds)
        + "&X-Amz-SignedHeaders=host";
    if (!extraRawQuery.isEmpty())
        query += '&' + extraRawQuery;
    SignedRequest request{method, rawPath, query, {{"Host", host}}};
    const QByteArray key = signingKey(secret, date, region, "s3");
    const QByteArray canonical = canonicalRequest(request, {"host"}, "UNSIGNED-PAYLOAD", true);
    return query + "&X-Amz-Signature=" + hmacSha256(key, stringToSign(amzDate, scope, canonical)).toHex();
}

} // namespace homeport::storage::sigv4
