// libFuzzer target: Sentry envelopes (and /store/ bodies) through the parser, the event
// normaliser and the grouping, i.e. every byte-level decision ingest makes before the store.
// Thread affinity: the fuzzer's one thread.
#include "errors/envelope_parser.h"
#include "errors/event_normalizer.h"

#include <QDateTime>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const QDateTime received = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000, Qt::UTC);
    const auto parsed = homeport::errors::EnvelopeParser::parse(body);
    if (parsed.ok) {
        const QString eventId = parsed.envelope.headers.value(QLatin1String("event_id")).toString();
        for (const auto &item : parsed.envelope.items) {
            if (item.type == QLatin1String("event"))
                homeport::errors::EventNormalizer::normalize(item.payload, eventId, received, QStringLiteral("127.0.0.1"));
        }
    } else {
        // The same bytes as a /store/ body.
        homeport::errors::EventNormalizer::normalize(body, {}, received, QStringLiteral("127.0.0.1"));
    }
    return 0;
}
