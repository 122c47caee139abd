#pragma once
// AwsChunkedDecoder: incremental decoder of S3's aws-chunked body encoding
// (docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html and sigv4-streaming-trailers.html):
//   <hex size>[;chunk-signature=<sig>]\r\n<data>\r\n ... 0[;chunk-signature=<sig>]\r\n
//   [<trailer name>:<value>\r\n ...][x-amz-trailer-signature:<sig>\r\n]\r\n
// With signing it verifies every chunk signature, chained from the request's seed signature,
// and the trailer signature when one is sent. Decoded bytes go to a callback as they arrive, so
// a body of any size needs only the current chunk header in memory.
// Thread affinity: none (fed by one thread).

#include "stream_digest.h"

#include <QByteArray>
#include <QList>
#include <QPair>

#include <functional>
#include <optional>

namespace homeport::storage {

class AwsChunkedDecoder
{
public:
    struct Signing
    {
        QByteArray signingKey;
        QByteArray amzDate;
        QByteArray scope;
        QByteArray seedSignature;
    };
    using Sink = std::function<bool(const char *data, qsizetype size)>;

    explicit AwsChunkedDecoder(std::optional<Signing> signing = std::nullopt);

    // Feeds encoded bytes; decoded data goes to sink. False on malformed input or a bad
    // signature (see errorCode()/errorMessage()) or when the sink refuses.
    bool feed(const char *data, qsizetype size, const Sink &sink);
    // Called at the end of the body: false if it stopped before the final chunk.
    bool finish();

    bool failed() const { return !m_errorCode.isEmpty(); }
    QByteArray errorCode() const { return m_errorCode; }
    QString errorMessage() const { return m_errorMessage; }
    int errorStatus() const { return m_errorStatus; }
    qint64 decodedBytes() const { return m_decoded; }
    // Trailing headers (names lower case), without x-amz-trailer-signature.
    const QList<QPair<QByteArray, QByteArray>> &trailers() const { return m_trailers; }

private:
    enum class State { ChunkHeader, ChunkData, ChunkEnd, Trailer, Done };
    static constexpr qsizetype kMaxLineBytes = 4096;

    bool fail(int status, const QByteArray &code, const QString &message);
    bool onChunkHeader(const QByteArray &line);
    bool onChunkComplete();
    bool onTrailerLine(const QByteArray &line);

    std::optional<Signing> m_signing;
    QByteArray m_previousSignature;
    State m_state = State::ChunkHeader;
    QByteArray m_line;
    qint64 m_chunkRemaining = 0;
    bool m_lastChunk = false;
    QByteArray m_chunkSignature;
    StreamDigest m_chunkHash{StreamDigest::Algorithm::Sha256};
    QByteArray m_trailerText; // canonical "name:value\n" lines for the trailer signature
    QList<QPair<QByteArray, QByteArray>> m_trailers;
    qint64 m_decoded = 0;
    int m_errorStatus = 400;
    QByteArray m_errorCode;
    QString m_errorMessage;
};

} // namespace homeport::storage
