#pragma once
// PostObjectReceiver: the body sink of a browser form upload (S3 POST Object). It reads the
// multipart/form-data stream part by part: the fields before the file are kept (at most
// kMaxFieldBytes together); when the "file" part begins, the fields are checked at once through
// the Verifier (signature, policy conditions, key scope), and only then is the file written,
// straight to a temp file with its MD5, never held in memory, and cut off past the policy's
// content-length-range maximum. Parts after the file are ignored, as S3 ignores them. A failure
// keeps the connection: the rest of the body is read and dropped so the handler can answer S3's
// error.
// Thread affinity: the HttpServer's thread (created, fed and read there).

#include "post_policy.h"

#include "http/body_policy.h"

#include <QCryptographicHash>
#include <QFile>

#include <functional>
#include <memory>

namespace homeport::storage {

// What the service decided about a form once its fields (all before the file) arrived.
struct PostFormVerdict
{
    int status = 0;   // 0: go on
    QByteArray code;
    QString message;
    qint64 minLength = 0;
    qint64 maxLength = -1; // -1: only the service's own limit
    QByteArray accessKey;  // the key that signed the policy
};

class PostObjectReceiver : public http::BodyConsumer
{
public:
    static constexpr qsizetype kMaxFieldBytes = 64 * 1024;
    static constexpr qsizetype kMaxPartHeaderBytes = 16 * 1024;

    using Verifier = std::function<PostFormVerdict(const FormFields &fields)>;

    // contentType: the request's Content-Type, which names the boundary.
    PostObjectReceiver(const QByteArray &contentType, const QString &tempPath, qint64 maxFileBytes, Verifier verify);
    ~PostObjectReceiver() override;

    bool write(const char *data, qsizetype size) override;
    bool finish() override;
    QString errorMessage() const override { return m_message; }

    bool failed() const { return !m_code.isEmpty(); }
    int status() const { return m_status; }
    const QByteArray &errorCode() const { return m_code; }

    const FormFields &fields() const { return m_fields; }
    const QByteArray &fileName() const { return m_fileName; }
    const QByteArray &fileContentType() const { return m_fileContentType; }
    const QByteArray &accessKey() const { return m_accessKey; }
    qint64 size() const { return m_size; }
    QByteArray md5() const { return m_md5Result; }
    // Flushes and closes the file; the caller then has it fsynced and renamed into the store and
    // calls releaseFile() so the destructor does not remove it.
    bool closeFile(QString *error);
    const QString &filePath() const { return m_tempPath; }
    void releaseFile() { m_tempPath.clear(); }

private:
    enum class State { Preamble, AfterDelimiter, Headers, Field, File, Ignored, Epilogue, Draining };
    void setError(int status, const QByteArray &code, const QString &message);
    void process();
    bool startPart(const QByteArray &headers);
    void emitBody(const char *data, qsizetype size);
    void endPart();

    QByteArray m_boundary;  // "--" + boundary
    QByteArray m_delimiter; // "\r\n--" + boundary
    State m_state = State::Preamble;
    QByteArray m_buffer;
    QByteArray m_partName;
    QByteArray m_partValue;
    FormFields m_fields;
    qsizetype m_fieldBytes = 0;
    QByteArray m_fileName;
    QByteArray m_fileContentType;
    bool m_fileDone = false;
    Verifier m_verify;
    qint64 m_maxFileBytes;
    qint64 m_minLength = 0;
    QByteArray m_accessKey;
    QString m_tempPath;
    std::unique_ptr<QFile> m_file;
    qint64 m_size = 0;
    QCryptographicHash m_md5{QCryptographicHash::Md5};
    QByteArray m_md5Result;
    int m_status = 400;
    QByteArray m_code;
    QString m_message;
};

} // namespace homeport::storage
