#pragma once
// ContentDecoder: streaming gzip / deflate / br decoder for request bodies, with a cap on the
// decoded size checked per output block, so a zip bomb is refused after at most one block.
// Thread affinity: one decoder per request, used by the connection's thread only.

#include <QByteArray>

#include <functional>
#include <memory>

namespace homeport::http {

class ContentDecoder
{
public:
    enum class Result { Ok, Corrupt, TooLarge, SinkRefused };
    using Sink = std::function<bool(const char *data, qsizetype size)>;

    // Null for "identity" / empty; sets *unsupported for encodings we cannot decode.
    static std::unique_ptr<ContentDecoder> create(const QByteArray &contentEncoding,
                                                  qint64 maxDecodedBytes, bool *unsupported);
    virtual ~ContentDecoder() = default;

    // Feeds compressed bytes; decoded pieces go to sink as they come out.
    virtual Result feed(const char *data, qsizetype size, const Sink &sink) = 0;
    // After the last compressed byte: Corrupt if the stream was truncated.
    virtual Result finish(const Sink &sink) = 0;

protected:
    // Decoded output is produced in blocks of this size; bounds memory per feed.
    static constexpr qsizetype kOutputBlock = 64 * 1024;

    explicit ContentDecoder(qint64 maxDecodedBytes) : m_maxDecoded(maxDecodedBytes) {}
    Result deliver(const char *data, qsizetype size, const Sink &sink);

    qint64 m_maxDecoded;
    qint64 m_decoded = 0;
};

} // namespace homeport::http
