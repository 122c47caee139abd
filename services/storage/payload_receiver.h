#pragma once
// PayloadReceiver: the body sink of every S3 request. It undoes aws-chunked encoding (checking
// chunk signatures), streams the decoded bytes to a temp file (objects, parts) or a capped buffer
// (XML bodies), and checks what the client claimed about them: the signed x-amz-content-sha256,
// Content-MD5, x-amz-checksum-* headers and trailers, x-amz-decoded-content-length. It always
// computes the MD5 that becomes the ETag. A failed check does not cut the connection: the rest
// of the body is read and dropped so the handler can answer with S3's own error code.
// The digests of a large body are computed on a pool thread (DigestPipeline) while this thread
// reads the socket and writes the file; holdsBack() makes the engine wait for that thread when
// it falls behind, and before finish(), so the checks see every byte.
// Thread affinity: the HttpServer's thread (created, fed and read there).

#include "payload_checksum.h"
#include "sigv4.h"

#include "http/body_policy.h"

#include <QFile>

#include <memory>
#include <optional>

namespace homeport::http {
class Request;
}

namespace homeport::storage {

class AwsChunkedDecoder;
class DigestPipeline;

class PayloadReceiver : public http::BodyConsumer
{
public:
    // tempPath empty: keep the body in memory up to memoryLimit bytes. Otherwise the body goes
    // to tempPath, unless it is at most inlineLimit bytes: then it stays in memory (isInline()).
    PayloadReceiver(const http::Request &request, const SigV4Result &auth, const QString &tempPath, qint64 memoryLimit,
                    qint64 inlineLimit = 0);
    ~PayloadReceiver() override;

    bool write(const char *data, qsizetype size) override;
    bool finish() override;
    bool holdsBack(bool finishing, std::function<void()> resume) override;
    int errorStatus() const override { return m_status; }
    QString errorMessage() const override { return m_message; }

    // After finish(): a failed check, answered by the handler as an S3 error.
    bool failed() const { return !m_code.isEmpty(); }
    int status() const { return m_status; }
    const QByteArray &errorCode() const { return m_code; }
    const SigV4Result &auth() const { return m_auth; }

    const QByteArray &body() const { return m_body; }
    // An object or part body small enough to have stayed in memory: body() holds it, no file.
    bool isInline() const { return !m_tempPath.isEmpty() && !m_file; }
    qint64 size() const { return m_size; }
    QByteArray md5() const { return m_md5Result; } // raw 16 bytes
    // The checksum the client sent and we verified, as a response header (name, base64 value).
    std::optional<QPair<QByteArray, QByteArray>> checksum() const { return m_verifiedChecksum; }

    // File bodies: flushes, fsyncs and closes the temp file; the caller then renames it and
    // calls releaseFile() so the destructor does not remove it.
    bool syncFile(QString *error);
    // File bodies: flushes and closes the temp file without fsync, for a DataFileWorker to sync
    // it off this thread; call releaseFile() once the worker owns the path.
    bool closeFile(QString *error);
    const QString &filePath() const { return m_tempPath; }
    void releaseFile() { m_tempPath.clear(); }

private:
    void setError(int status, const QByteArray &code, const QString &message);
    bool openFile();
    bool accept(const char *data, qsizetype size);

    SigV4Result m_auth;
    QString m_tempPath;
    std::unique_ptr<QFile> m_file;
    qint64 m_memoryLimit = 0;
    qint64 m_inlineLimit = 0;
    static constexpr qint64 kWritebackBytes = 8 << 20;
    qint64 m_writebackFrom = 0; // file bytes before this were handed to writeback
    QByteArray m_body;
    qint64 m_size = 0;
    std::unique_ptr<AwsChunkedDecoder> m_decoder;
    QByteArray m_expectedDecodedLength;
    std::unique_ptr<DigestPipeline> m_digests; // MD5, and the SHA-256 and checksum when claimed
    QByteArray m_md5Result;
    QByteArray m_expectedSha256; // when x-amz-content-sha256 is a hex digest
    QByteArray m_contentMd5;
    std::optional<PayloadChecksum::Algorithm> m_checksumAlgorithm;
    QByteArray m_checksumExpected; // from the header; empty when it comes as a trailer
    bool m_checksumInTrailer = false;
    std::optional<QPair<QByteArray, QByteArray>> m_verifiedChecksum;
    bool m_writeFailed = false;
    int m_status = 400;
    QByteArray m_code;
    QString m_message;
};

} // namespace homeport::storage
