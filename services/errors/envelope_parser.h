#pragma once
// EnvelopeParser: splits a Sentry envelope into its headers and items, exactly per the spec
// (develop.sentry.dev/sdk/envelopes): Envelope = Headers { "\n" Item } [ "\n" ], Item = Headers
// "\n" Payload. Items with a `length` header are length-delimited (then "\n" or EOF must follow),
// others end at the next "\n". Unknown item types are returned too; callers skip them.
// Thread affinity: none (pure functions over values).

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace homeport::errors {

struct EnvelopeItem {
    QString type;          // "event", "transaction", "attachment", ... (never empty)
    QJsonObject headers;
    QByteArray payload;
};

struct Envelope {
    QJsonObject headers;   // event_id, dsn, sdk, sent_at, ...
    QList<EnvelopeItem> items;
};

struct EnvelopeParseResult {
    bool ok = false;
    QString error;         // why the envelope is malformed, for the 400 detail
    Envelope envelope;
};

class EnvelopeParser
{
public:
    // Item headers carry `length` as a JSON number; past this an envelope is malformed anyway,
    // since the whole body is bounded by the route's decoded limit (100 MB).
    static constexpr qint64 kMaxItemLength = qint64(1) << 40;
    // A pathological envelope of empty items is cut off here instead of allocating per line.
    static constexpr int kMaxItems = 10'000;

    static EnvelopeParseResult parse(const QByteArray &body);
};

// "fc6d8c0c43fc4630ad850ee518f1b9d0" or dashed "fc6d8c0c-43fc-4630-ad85-0ee518f1b9d0" becomes the
// 32 lower-case hex form; anything else becomes empty.
QString normalizeEventId(const QString &id);

} // namespace homeport::errors
