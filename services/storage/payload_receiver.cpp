#include "payload_receiver.h"

#include "aws_chunked_decoder.h"
#include "digest_pipeline.h"

#include "http/request.h"

#include <fcntl.h>
#include <unistd.h>

#include <utility>

namespace homeport::storage {

PayloadReceiver::PayloadReceiver(const http::Request &request, const SigV4Result &auth, const QString &tempPath,
                                 qint64 memoryLimit, qint64 inlineLimit)
    : m_auth(auth), m_tempPath(tempPath), m_memoryLimit(memoryLimit), m_inlineLimit(inlineLimit)
{
    // A body announced larger than the inline limit goes to its file from the first byte.
    const QByteArray declared = request.header("x-amz-decoded-content-length").isEmpty() ? request.header("Content-Length")
                                                                                           : request.header("x-amz-decoded-content-length");
    if (!m_tempPath.isEmpty() && (declared.isEmpty() || declared.toLongLong() > m_inlineLimit))
        openFile();

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
    m_digests = std::make_unique<DigestPipeline>(!m_expectedSha256.isEmpty(), m_checksumAlgorithm);
}

PayloadReceiver::~PayloadReceiver()
{
    m_digests.reset(); // waits for a block being hashed, drops the rest
    if (m_file) {
        m_file.reset();
        if (!m_tempPath.isEmpty())
            QFile::remove(m_tempPath);
    }
}

bool PayloadReceiver::openFile()
{
    m_file = std::make_unique<QFile>(m_tempPath);
    if (m_file->open(QIODevice::WriteOnly | QIODevice::Truncate))
        return true;
    m_writeFailed = true;
    m_status = 500;
    m_message = QStringLiteral("cannot create %1: %2").arg(m_tempPath, m_file->errorString());
    m_file.reset();
    m_tempPath.clear();
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
    m_digests->add(data, size);
    if (!m_tempPath.isEmpty() && !m_file) {
        if (m_body.size() + size <= m_inlineLimit) {
            m_body.append(data, size); // small enough to stay in memory (and in the database row)
            return true;
        }
        if (!openFile())
            return false;
        const QByteArray kept = std::exchange(m_body, {});
        if (m_file->write(kept) != kept.size()) {
            m_writeFailed = true;
            m_status = 500;
            m_message = QStringLiteral("cannot write %1: %2").arg(m_tempPath, m_file->errorString());
            return false;
        }
    }
    if (m_file) {
        if (m_file->write(data, size) != size) {
            m_writeFailed = true;
            m_status = 500;
            m_message = QStringLiteral("cannot write %1: %2").arg(m_tempPath, m_file->errorString());
            return false;
        }
        // Start writing back what arrived so far, without waiting for it: the disk works while
        // the rest arrives, and the fsync before the answer finds little left to do.
        if (m_size - m_writebackFrom >= kWritebackBytes && m_file->flush()) {
            ::sync_file_range(m_file->handle(), m_writebackFrom, m_size - m_writebackFrom, SYNC_FILE_RANGE_WRITE);
            m_writebackFrom = m_size;
        }
        return true;
    }
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
    return m_digests->holdsBack(finishing, std::move(resume));
}

bool PayloadReceiver::finish()
{
    if (m_writeFailed)
        return false;
    m_md5Result = m_digests->md5(); // the engine waited for holdsBack(true): every byte is in
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
    if (!m_expectedSha256.isEmpty() && m_digests->sha256().toHex() != m_expectedSha256) {
        setError(400, "XAmzContentSHA256Mismatch", QStringLiteral("The provided 'x-amz-content-sha256' header does not match what was computed."));
        return true;
    }
    if (!m_contentMd5.isEmpty() && m_contentMd5 != m_md5Result) {
        setError(400, "BadDigest", QStringLiteral("The Content-MD5 you specified did not match what we received."));
        return true;
    }
    if (PayloadChecksum *checksum = m_digests->checksum()) {
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

bool PayloadReceiver::syncFile(QString *error)
{
    if (!m_file) {
        *error = QStringLiteral("no body file");
        return false;
    }
    if (!m_file->flush() || ::fsync(m_file->handle()) != 0) {
        *error = QStringLiteral("cannot write %1 to disk: %2").arg(m_tempPath, m_file->errorString());
        return false;
    }
    m_file->close();
    return true;
}

bool PayloadReceiver::closeFile(QString *error)
{
    if (!m_file) {
        *error = QStringLiteral("no body file");
        return false;
    }
    if (!m_file->flush()) {
        *error = QStringLiteral("cannot write %1: %2").arg(m_tempPath, m_file->errorString());
        return false;
    }
    m_file->close();
    return true;
}

} // namespace homeport::storage
