#include "aws_chunked_decoder.h"

#include "sigv4.h"

namespace homeport::storage {

AwsChunkedDecoder::AwsChunkedDecoder(std::optional<Signing> signing) : m_signing(std::move(signing))
{
    if (m_signing)
        m_previousSignature = m_signing->seedSignature;
}

bool AwsChunkedDecoder::fail(int status, const QByteArray &code, const QString &message)
{
    if (m_errorCode.isEmpty()) {
        m_errorStatus = status;
        m_errorCode = code;
        m_errorMessage = message;
    }
    return false;
}

bool AwsChunkedDecoder::feed(const char *data, qsizetype size, const Sink &sink)
{
    if (failed())
        return false;
    qsizetype pos = 0;
    while (pos < size) {
        switch (m_state) {
        case State::ChunkHeader:
        case State::ChunkEnd:
        case State::Trailer: {
            const char *nl = static_cast<const char *>(memchr(data + pos, '\n', size_t(size - pos)));
            const qsizetype take = nl ? (nl - (data + pos)) + 1 : size - pos;
            m_line.append(data + pos, take);
            pos += take;
            if (m_line.size() > kMaxLineBytes)
                return fail(400, "IncompleteBody", QStringLiteral("An aws-chunked header line is too long."));
            if (!nl)
                break;
            QByteArray line = std::exchange(m_line, {});
            line.chop(1);
            if (line.endsWith('\r'))
                line.chop(1);
            bool ok = true;
            if (m_state == State::ChunkHeader)
                ok = onChunkHeader(line);
            else if (m_state == State::ChunkEnd) {
                if (!line.isEmpty())
                    return fail(400, "IncompleteBody", QStringLiteral("An aws-chunked chunk does not end with CRLF."));
                m_state = State::ChunkHeader;
            } else
                ok = onTrailerLine(line);
            if (!ok)
                return false;
            break;
        }
        case State::ChunkData: {
            const qsizetype take = qsizetype(qMin<qint64>(m_chunkRemaining, size - pos));
            if (m_signing)
                m_chunkHash.addData(data + pos, take);
            if (!sink(data + pos, take))
                return false;
            m_decoded += take;
            m_chunkRemaining -= take;
            pos += take;
            if (m_chunkRemaining == 0 && !onChunkComplete())
                return false;
            break;
        }
        case State::Done:
            // Only whitespace may follow the terminating empty line.
            for (; pos < size; ++pos) {
                if (data[pos] != '\r' && data[pos] != '\n')
                    return fail(400, "IncompleteBody", QStringLiteral("Data follows the end of the aws-chunked body."));
            }
            break;
        }
    }
    return true;
}

bool AwsChunkedDecoder::onChunkHeader(const QByteArray &line)
{
    const qsizetype semicolon = line.indexOf(';');
    const QByteArray sizeText = (semicolon < 0 ? line : line.left(semicolon)).trimmed();
    bool ok = false;
    const qint64 chunkSize = sizeText.toLongLong(&ok, 16);
    if (!ok || chunkSize < 0 || sizeText.size() > 16)
        return fail(400, "IncompleteBody", QStringLiteral("An aws-chunked chunk size is not hexadecimal."));
    m_chunkSignature.clear();
    if (semicolon >= 0) {
        for (const QByteArray &ext : line.mid(semicolon + 1).split(';')) {
            const QByteArray e = ext.trimmed();
            if (e.startsWith("chunk-signature="))
                m_chunkSignature = e.mid(16);
        }
    }
    if (m_signing && m_chunkSignature.isEmpty())
        return fail(403, "SignatureDoesNotMatch", QStringLiteral("An aws-chunked chunk has no chunk-signature."));
    m_chunkRemaining = chunkSize;
    m_lastChunk = chunkSize == 0;
    m_chunkHash.reset();
    if (chunkSize == 0)
        return onChunkComplete();
    m_state = State::ChunkData;
    return true;
}

bool AwsChunkedDecoder::onChunkComplete()
{
    if (m_signing) {
        const QByteArray expected = sigv4::chunkSignature(m_signing->signingKey, m_signing->amzDate, m_signing->scope,
                                                          m_previousSignature, m_chunkHash.result().toHex());
        if (expected != m_chunkSignature.toLower())
            return fail(403, "SignatureDoesNotMatch",
                        QStringLiteral("The chunk signature we calculated does not match the signature you provided."));
        m_previousSignature = expected;
    }
    m_state = m_lastChunk ? State::Trailer : State::ChunkEnd;
    return true;
}

bool AwsChunkedDecoder::onTrailerLine(const QByteArray &line)
{
    if (line.isEmpty()) {
        m_state = State::Done;
        return true;
    }
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0)
        return fail(400, "MalformedTrailerError", QStringLiteral("An aws-chunked trailer is not name:value."));
    const QByteArray name = line.left(colon).trimmed().toLower();
    const QByteArray value = line.mid(colon + 1).trimmed();
    if (name == "x-amz-trailer-signature") {
        if (m_signing) {
            const QByteArray expected = sigv4::trailerSignature(m_signing->signingKey, m_signing->amzDate, m_signing->scope,
                                                                m_previousSignature, sigv4::sha256Hex(m_trailerText));
            if (expected != value.toLower())
                return fail(403, "SignatureDoesNotMatch",
                            QStringLiteral("The trailer signature we calculated does not match the signature you provided."));
        }
        return true;
    }
    m_trailerText += name + ':' + value + '\n';
    m_trailers.append({name, value});
    return true;
}

bool AwsChunkedDecoder::finish()
{
    if (failed())
        return false;
    // Some clients end right after the trailers without the closing empty line.
    if (m_state == State::Done || (m_state == State::Trailer && m_line.isEmpty()))
        return true;
    return fail(400, "IncompleteBody", QStringLiteral("The aws-chunked body ended before its final chunk."));
}

} // namespace homeport::storage
