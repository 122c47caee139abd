#pragma once
// EventGrouping: which issue an event belongs to, and why, by the rules in order:
// 1. a `fingerprint` (with "{{ default }}" expanded to the default grouping below),
// 2. the in-app frames of the stack trace (per frame: module or filename, function, context
//    line; the exception type of each chained exception with in-app frames),
// 3. the exception type + value,
// 4. the message with numbers, ids, hashes, IPs and timestamps normalised.
// Also the title, culprit and type, which GlitchTip and Sentry derive the same way.
// Thread affinity: none (pure functions over values).

#include <QJsonObject>
#include <QString>

namespace homeport::errors {

struct EventGrouping {
    QString hash;          // 32 hex (MD5 of the grouping components), unique per project
    QString reason;        // human-readable: "in-app frames: app.js in handler (2 frames)"
    QString title;         // "TypeError: x is undefined" or the message's first line
    QString culprit;       // "handler(app.js)" / "app.views in index" / transaction
    QString type;          // "error" (has an exception) or "default"
    QString exceptionType; // metadata of the main exception, for the REST API
    QString exceptionValue;

    // The event is a JSON object already normalised by EventNormalizer (exception.values etc.).
    static EventGrouping compute(const QJsonObject &event);
};

// Sentry's message fallback: numbers, UUIDs, hex ids, IPs and timestamps become placeholders so
// "user 42 not found" and "user 43 not found" group together.
QString normalizeMessage(const QString &message);

} // namespace homeport::errors
