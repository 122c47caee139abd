#pragma once
// EventNormalizer: turns an SDK's event JSON (any of the shapes the protocol allows) into the one
// shape Homeport stores: exception/breadcrumbs/threads as {values: [...]}, tags as [[key, value]],
// a 32-hex event_id, an RFC 3339 timestamp, level/platform/environment defaults, message as
// logentry, the user's "{{auto}}" IP filled in. It also derives the issue tags, the user key for
// distinct-user counts and the grouping.
// Thread affinity: none (pure functions over values).

#include "event_grouping.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

namespace homeport::errors {

struct NormalizedEvent {
    QString eventId;                         // 32 lower-case hex
    QJsonObject event;                       // the normalised event, as the REST API serves it
    // What is stored: the payload as the SDK sent it plus the top-level members normalisation
    // set (null: removed), so ingest need not serialise the whole event again. `event` equals
    // rawPayload with `overrides` applied. rawPayload is empty when the event came as an object.
    QByteArray rawPayload;
    QJsonObject overrides;
    QString level;                           // fatal, error, warning, info, debug
    QString userKey;                         // "id:42", "email:a@b", "ip:1.2.3.4"; empty: anonymous
    QList<QPair<QString, QString>> tags;     // for the tag summary
    EventGrouping grouping;
};

struct NormalizeResult {
    bool ok = false;
    QString error;                           // why the payload is not an event (400 detail)
    NormalizedEvent normalized;
};

class EventNormalizer
{
public:
    // Sentry truncates tag values at 200 characters.
    static constexpr int kMaxTagValueLength = 200;
    // Sentry caps logentry.formatted at 8192 characters.
    static constexpr int kMaxMessageLength = 8192;

    // eventIdFallback: the envelope's or item's event_id when the payload has none.
    static NormalizeResult normalize(const QByteArray &json, const QString &eventIdFallback,
                                     const QDateTime &received, const QString &clientAddress);
    static NormalizeResult normalize(QJsonObject event, const QString &eventIdFallback,
                                     const QDateTime &received, const QString &clientAddress);

    // The stored event back: `raw` with `overrides` (a JSON object; empty: none) applied.
    static QJsonObject applyOverrides(const QByteArray &raw, const QByteArray &overrides);
};

} // namespace homeport::errors
