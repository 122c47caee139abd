#include "payload_receiver.h"

#include "aws_chunked_decoder.h"
#include "body_pipeline.h"

#include "http/request.h"

#include <QFile>

#include <utility>

namespace homeport::storage {

PayloadReceiver::PayloadReceiver(const http::Request &request, const SigV4Result &auth, const QString &tempPath,
                                 qint64 memoryLimit, qint64 inlineLimit)
    : m_auth(auth), m_tempPath(tempPath), m_memoryLimit(memoryLimit), m_inlineLimit(inlineLimit)
{
    const QByteArray declared = request.header("x-amz-decoded-content-length").isEmpty() ? request.header("Content-Length")
                                                                                           : request.header("x-amz-decoded-content-length");
    m_direct = !declared.isEmpty() && declared.toLongLong() >= kDirectBytes;

    const QByteArray payloadHash = auth.payloadHash;
    if (payloadHash.startsWith("STREAMING-")) {
        std::optional<AwsChunkedDecoder::Signing> signing;
        if (payloadHash == "STREAMING-AWS4-HMAC-SHA256-PAYLOAD" || payloadHash == "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER")
            signing = AwsChunkedDecoder::Signing{auth.signingKey, auth.amzDate, auth.scope, auth.signature};
        else if (payloadHash != "STREAMING-UNSIGNED-PAYLOAD-TRAILER")
            setError(501, "NotImplemented", QStringLiteral("The payload signing mode %1 is not supported.").arg(QString::fromLatin1(payloadHash)));
        m_decoder = std::make_unique<AwsChunkedDecoder>(signing);
        m_expectedDecodedLength = request.header("x-amz-decoded-content-length");
    } else if (payloadHash.size() == 64) {
        m_expectedSha256 = payloadHash.toLower();
    }

    const QByteArray contentMd5 = request.header("Content-MD5");
    if (request.hasHeader("Content-MD5")) {
        m_contentMd5 = QByteArray::fromBase64(contentMd5.trimmed());
        if (m_contentMd5.size() != 16)
            setError(400, "InvalidDigest", QStringLiteral("The Content-MD5 you specified is not valid."));
    }

    // A checksum header carries its value; x-amz-trailer names one that follows the body.
    for (const auto &[name, value] : request.headers()) {
        const QByteArray lower = name.toLower();
        if (!lower.startsWith("x-amz-checksum-") || lower == "x-amz-checksum-type" || lower == "x-amz-checksum-mode")
            continue;
        if (const auto algorithm = PayloadChecksum::fromName(lower)) {
            m_checksumAlgorithm = algorithm;
            m_checksumExpected = value.trimmed();
        }
    }
    const QByteArray trailer = request.header("x-amz-trailer").trimmed().toLower();
    if (!trailer.isEmpty()) {
        if (!m_decoder)
            setError(400, "InvalidRequest", QStringLiteral("x-amz-trailer needs an aws-chunked body."));
        else if (const auto algorithm = PayloadChecksum::fromName(trailer)) {
            m_checksumAlgorithm = algorithm;
            m_checksumInTrailer = true;
        } else
            setError(400, "InvalidRequest", QStringLiteral("The trailer %1 is not supported.").arg(QString::fromLatin1(trailer)));
    }
    m_pipeline = std::make_unique<BodyPipeline>(!m_expectedSha256.isEmpty(), m_checksumAlgorithm,
                                                 declared.isEmpty() ? -1 : declared.toLongLong());
    // A body announced larger than the inline limit goes to its file from the first byte.
    if (!m_tempPath.isEmpty() && (declared.isEmpty() || declared.toLongLong() > m_inlineLimit))
        openFile();
}

PayloadReceiver::~PayloadReceiver()
{
    m_pipeline.reset(); // waits for a block being hashed or written, drops the rest, closes the file
    if (m_fileCreated && !m_tempPath.isEmpty())
        QFile::remove(m_tempPath); // if it was created at all
}

void PayloadReceiver::openFile()
{
    // Created by the pipeline's file thread before its first write (a failure to create it is
    // a failed write, reported as one).
    m_fileCreated = true;
    m_pipeline->openFile(m_tempPath, m_direct, m_body); // the bytes kept in memory so far come first
    m_body = QByteArray();
}

bool PayloadReceiver::checkFile()
{
    if (!m_pipeline->fileFailed())
        return true;
    if (!m_writeFailed) {
        m_writeFailed = true;
        m_status = 500;
        m_message = QStringLiteral("cannot write %1: %2").arg(m_tempPath, m_pipeline->fileError());
    }
    return false;
}

void PayloadReceiver::setError(int status, const QByteArray &code, const QString &message)
{
    if (!m_code.isEmpty())
        return;
    m_status = status;
    m_code = code;
    m_message = message;
}

bool PayloadReceiver::accept(const char *data, qsizetype size)
{
    m_size += size;
    if (!m_tempPath.isEmpty() && !m_fileCreated) {
        if (m_body.size() + size <= m_inlineLimit) {
            m_pipeline->add(data, size);
            m_body.append(data, size); // small enough to stay in memory (and in the database row)
            return true;
        }
        openFile();
    }
    m_pipeline->add(data, size); // with a file, also written (on the pipeline's file thread)
    if (m_fileCreated)
        return checkFile();
    if (m_body.size() + size > m_memoryLimit) {
        setError(400, "MaxMessageLengthExceeded", QStringLiteral("Your request was too big."));
        return true;
    }
    m_body.append(data, size);
    return true;
}

bool PayloadReceiver::write(const char *data, qsizetype size)
{
    if (m_writeFailed)
        return false;
    if (failed())
        return true; // read and drop the rest; the handler answers with the error
    if (m_decoder) {
        const bool ok = m_decoder->feed(data, size, [this](const char *d, qsizetype n) { return accept(d, n); });
        if (!ok && !m_writeFailed)
            setError(m_decoder->errorStatus(), m_decoder->errorCode(), m_decoder->errorMessage());
        return !m_writeFailed;
    }
    accept(data, size);
    return !m_writeFailed;
}

bool PayloadReceiver::holdsBack(bool finishing, std::function<void()> resume)
{
    return m_pipeline->holdsBack(finishing, std::move(resume));
}

char *PayloadReceiver::bodyBuffer(qsizetype *room)
{
    // aws-chunked bodies are decoded first, and bodies still kept in memory or dropped after a
    // failed check do not go to blocks: those are copied (or not) as write() decides.
    if (m_decoder || !m_fileCreated || m_writeFailed || failed())
        return nullptr;
    return m_pipeline->fillBuffer(room);
}

bool PayloadReceiver::finish()
{
    if (m_writeFailed || (m_fileCreated && !checkFile()))
        return false;
    m_md5Result = m_pipeline->md5(); // the engine waited for holdsBack(true): every byte is in
    if (failed())
        return true;
    if (m_decoder) {
        if (!m_decoder->finish()) {
            setError(m_decoder->errorStatus(), m_decoder->errorCode(), m_decoder->errorMessage());
            return true;
        }
        if (!m_expectedDecodedLength.isEmpty() && m_expectedDecodedLength.toLongLong() != m_size) {
            setError(400, "IncompleteBody", QStringLiteral("You did not provide the number of bytes specified by the x-amz-decoded-content-length header."));
            return true;
        }
    }
    if (!m_expectedSha256.isEmpty() && m_pipeline->sha256().toHex() != m_expectedSha256) {
        setError(400, "XAmzContentSHA256Mismatch", QStringLiteral("The provided 'x-amz-content-sha256' header does not match what was computed."));
        return true;
    }
    if (!m_contentMd5.isEmpty() && m_contentMd5 != m_md5Result) {
        setError(400, "BadDigest", QStringLiteral("The Content-MD5 you specified did not match what we received."));
        return true;
    }
    if (PayloadChecksum *checksum = m_pipeline->checksum()) {
        QByteArray expected = m_checksumExpected;
        const QByteArray name = PayloadChecksum::headerName(checksum->algorithm());
        if (m_checksumInTrailer) {
            for (const auto &[n, v] : m_decoder->trailers()) {
                if (n == name)
                    expected = v;
            }
            if (expected.isEmpty()) {
                setError(400, "InvalidRequest", QStringLiteral("The trailer %1 was announced but not sent.").arg(QString::fromLatin1(name)));
                return true;
            }
        }
        const QByteArray actual = checksum->base64Result();
        if (actual != expected) {
            setError(400, "BadDigest", QStringLiteral("The %1 you specified did not match the calculated checksum.").arg(QString::fromLatin1(name)));
            return true;
        }
        m_verifiedChecksum = qMakePair(name, actual);
    }
    return true;
}

bool PayloadReceiver::closeFile(QString *error)
{
    if (!m_fileCreated || m_tempPath.isEmpty()) {
        *error = QStringLiteral("no body file");
        return false;
    }
    if (!checkFile()) {
        *error = m_message;
        return false;
    }
    QString why;
    if (!m_pipeline->closeFile(&why)) {
        *error = QStringLiteral("cannot write %1: %2").arg(m_tempPath, why);
        return false;
    }
    return true;
}

bool PayloadReceiver::wroteDirect() const
{
    return m_pipeline->wroteDirect();
}

} // namespace homeport::storage
