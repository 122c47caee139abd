#pragma once
// SentryAuth: the DSN key a request authenticates with, from whichever form the SDK used:
// X-Sentry-Auth / Authorization ("Sentry sentry_key=..., sentry_version=7, ..."), the
// sentry_key query item (browser and Node SDKs), or a DSN in the envelope header (tunnels).
// Several forms may be present; they must name the same key.
// Thread affinity: none (pure functions over values).

#include <QString>

namespace homeport::http {
class Request;
}

namespace homeport::errors {

struct SentryAuth {
    QString key;           // empty when the request carries no credentials
    QString error;         // set when the credentials are malformed or contradict each other
    bool present() const { return !key.isEmpty(); }
};

// "Sentry sentry_key=abc, sentry_version=7" (the "Sentry " prefix is optional, as some
// clients leave it out of Authorization); empty key with an error when malformed.
SentryAuth parseSentryAuthHeader(const QString &value);

// Key and project id of a DSN "http://KEY[:SECRET]@host[:port][/path]/PROJECT_ID".
struct ParsedDsn {
    bool ok = false;
    QString key;
    QString projectId;
};
ParsedDsn parseDsn(const QString &dsn);

// Header and query credentials of an ingest request (not the envelope's dsn, which needs the
// body). Authorization is only taken when it is Sentry-shaped, not a Bearer token.
SentryAuth requestAuth(const http::Request &request);

// Merges a later-found key (the envelope dsn) into what the request carried.
SentryAuth mergeAuth(const SentryAuth &first, const QString &otherKey);

// DSN keys are what SDKs' DSN parsers accept: [A-Za-z0-9_]+ (JS's \w).
bool isValidDsnKey(const QString &key);

} // namespace homeport::errors
