#pragma once
// PayloadReceiver: the body sink of every S3 request. It undoes aws-chunked encoding (checking
// chunk signatures), streams the decoded bytes to a temp file (objects, parts) or a capped buffer
// (XML bodies), and checks what the client claimed about them: the signed x-amz-content-sha256,
// Content-MD5, x-amz-checksum-* headers and trailers, x-amz-decoded-content-length. It always
// computes the MD5 that becomes the ETag. A failed check does not cut the connection: the rest
// of the body is read and dropped so the handler can answer with S3's own error code.
// The digests of a large body are computed on a pool thread, and its file written on another
// (BodyPipeline), while this thread reads the socket; holdsBack() makes the engine wait for them
// when they fall behind, and before finish(), so the checks see every byte and the file is whole.
// A body announced at kDirectBytes or more is written with O_DIRECT (past the page cache) where
// the file system allows it.
// Thread affinity: the HttpServer's thread (created, fed and read there).

#include "payload_checksum.h"
#include "sigv4.h"

#include "http/body_policy.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <optional>

namespace homeport::http {
class Request;
}

namespace homeport::storage {

class AwsChunkedDecoder;
class BodyPipeline;

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
    char *bodyBuffer(qsizetype *room) override; // the pipeline's block, for a plain body with a file
    int errorStatus() const override { return m_status; }
    QString errorMessage() const override { return m_message; }

    // After finish(): a failed check, answered by the handler as an S3 error.
    bool failed() const { return !m_code.isEmpty(); }
    int status() const { return m_status; }
    const QByteArray &errorCode() const { return m_code; }
    const SigV4Result &auth() const { return m_auth; }

    const QByteArray &body() const { return m_body; }
    // An object or part body small enough to have stayed in memory: body() holds it, no file.
    bool isInline() const { return !m_tempPath.isEmpty() && !m_fileCreated; }
    qint64 size() const { return m_size; }
    QByteArray md5() const { return m_md5Result; } // raw 16 bytes
    // The checksum the client sent and we verified, as a response header (name, base64 value).
    std::optional<QPair<QByteArray, QByteArray>> checksum() const { return m_verifiedChecksum; }

    // File bodies: closes the temp file (every byte is written once finish() has run) without
    // fsync, for a DataFileWorker to sync it off this thread; call releaseFile() once the worker
    // owns the path.
    bool closeFile(QString *error);
    // Whether the body's file was written past the page cache (for tests and diagnostics).
    bool wroteDirect() const;

    // Bodies announced at least this large go to their file with O_DIRECT: the page cache would
    // only hold them for a GET that may never come, and copying them there cost the storage
    // thread more than reading them from the socket. Smaller ones stay cached for their readers.
    // 4 MiB keeps the 5 MiB parts of @aws-sdk/lib-storage and rclone on the direct path (bench/
    // RESULTS.md: 4 streams of 5 MiB parts went 1.35-2x faster than with an 8 MiB threshold).
    static constexpr qint64 kDirectBytes = 4 << 20;
    const QString &filePath() const { return m_tempPath; }
    void releaseFile() { m_tempPath.clear(); }

private:
    void setError(int status, const QByteArray &code, const QString &message);
    void openFile(); // the pipeline creates the file (a failure shows as a failed write)
    bool accept(const char *data, qsizetype size);
    bool checkFile(); // false (and the request's 500) once a write of the file failed

    SigV4Result m_auth;
    QString m_tempPath;
    bool m_fileCreated = false; // the body goes to m_tempPath (created and written by m_pipeline's file thread)
    bool m_direct = false; // announced large enough for O_DIRECT
    qint64 m_memoryLimit = 0;
    qint64 m_inlineLimit = 0;
    QByteArray m_body;
    qint64 m_size = 0;
    std::unique_ptr<AwsChunkedDecoder> m_decoder;
    QByteArray m_expectedDecodedLength;
    std::unique_ptr<BodyPipeline> m_pipeline; // MD5, the SHA-256 and checksum when claimed, the file
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
