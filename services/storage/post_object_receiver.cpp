#include "post_object_receiver.h"

namespace homeport::storage {

namespace {

// A parameter of a Content-Disposition or Content-Type header: name="value" or name=value.
QByteArray headerParameter(const QByteArray &header, QByteArrayView name)
{
    for (QByteArray part : header.split(';')) {
        part = part.trimmed();
        const qsizetype eq = part.indexOf('=');
        if (eq < 0 || part.left(eq).trimmed().compare(name, Qt::CaseInsensitive) != 0)
            continue;
        QByteArray value = part.mid(eq + 1).trimmed();
        if (value.size() >= 2 && value.startsWith('"') && value.endsWith('"'))
            value = value.mid(1, value.size() - 2);
        return value;
    }
    return {};
}

} // namespace

PostObjectReceiver::PostObjectReceiver(const QByteArray &contentType, const QString &tempPath, qint64 maxFileBytes,
                                       Verifier verify)
    : m_verify(std::move(verify)), m_maxFileBytes(maxFileBytes), m_tempPath(tempPath)
{
    const QByteArray boundary = headerParameter(contentType, "boundary");
    if (boundary.isEmpty() || boundary.size() > 200) {
        setError(400, "MalformedPOSTRequest", QStringLiteral("The body of your POST request is not well-formed multipart/form-data."));
        return;
    }
    m_boundary = "--" + boundary;
    m_delimiter = "\r\n--" + boundary;
}

PostObjectReceiver::~PostObjectReceiver()
{
    m_file.reset();
    if (!m_tempPath.isEmpty())
        QFile::remove(m_tempPath);
}

void PostObjectReceiver::setError(int status, const QByteArray &code, const QString &message)
{
    if (!m_code.isEmpty())
        return;
    m_status = status;
    m_code = code;
    m_message = message;
    m_state = State::Draining;
    m_buffer.clear();
    m_file.reset();
}

bool PostObjectReceiver::write(const char *data, qsizetype size)
{
    if (m_state == State::Draining || m_state == State::Epilogue)
        return true;
    m_buffer.append(data, size);
    process();
    return true;
}

void PostObjectReceiver::process()
{
    for (;;) {
        switch (m_state) {
        case State::Preamble: {
            const qsizetype at = m_buffer.indexOf(m_boundary);
            if (at < 0) {
                if (m_buffer.size() > kMaxPartHeaderBytes)
                    return setError(400, "MalformedPOSTRequest", QStringLiteral("The body of your POST request is not well-formed multipart/form-data."));
                return;
            }
            m_buffer.remove(0, at + m_boundary.size());
            m_state = State::AfterDelimiter;
            break;
        }
        case State::AfterDelimiter:
            // Transport padding (spaces, tabs) may follow a delimiter; it is dropped as it comes,
            // so the outcome does not depend on where the body was split.
            while (!m_buffer.isEmpty() && (m_buffer.front() == ' ' || m_buffer.front() == '\t'))
                m_buffer.remove(0, 1);
            if (m_buffer.size() < 2)
                return;
            if (m_buffer.startsWith("--")) {
                m_state = State::Epilogue;
                m_buffer.clear();
                return;
            }
            if (!m_buffer.startsWith("\r\n"))
                return setError(400, "MalformedPOSTRequest", QStringLiteral("The body of your POST request is not well-formed multipart/form-data."));
            m_buffer.remove(0, 2);
            m_state = State::Headers;
            break;
        case State::Headers: {
            const qsizetype end = m_buffer.indexOf("\r\n\r\n");
            if (end < 0) {
                if (m_buffer.size() > kMaxPartHeaderBytes)
                    return setError(400, "MalformedPOSTRequest", QStringLiteral("A part's headers in your POST request are too large."));
                return;
            }
            const QByteArray headers = m_buffer.left(end);
            m_buffer.remove(0, end + 4);
            if (!startPart(headers))
                return;
            break;
        }
        case State::Field:
        case State::File:
        case State::Ignored: {
            const qsizetype at = m_buffer.indexOf(m_delimiter);
            if (at < 0) {
                // Everything but a possible start of the delimiter is body.
                const qsizetype safe = m_buffer.size() - (m_delimiter.size() - 1);
                if (safe > 0) {
                    emitBody(m_buffer.constData(), safe);
                    m_buffer.remove(0, safe);
                }
                return;
            }
            emitBody(m_buffer.constData(), at);
            if (m_state == State::Draining)
                return;
            m_buffer.remove(0, at + m_delimiter.size());
            endPart();
            if (m_state == State::Draining)
                return;
            m_state = State::AfterDelimiter;
            break;
        }
        case State::Epilogue:
        case State::Draining:
            return;
        }
    }
}

bool PostObjectReceiver::startPart(const QByteArray &headers)
{
    QByteArray disposition, contentType;
    for (const QByteArray &line : headers.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon < 0)
            continue;
        const QByteArray name = line.left(colon).trimmed().toLower();
        if (name == "content-disposition")
            disposition = line.mid(colon + 1).trimmed();
        else if (name == "content-type")
            contentType = line.mid(colon + 1).trimmed();
    }
    m_partName = headerParameter(disposition, "name");
    m_partValue.clear();
    if (m_fileDone) {
        m_state = State::Ignored;
        return true;
    }
    if (m_partName.compare("file", Qt::CaseInsensitive) != 0) {
        if (m_partName.isEmpty()) {
            setError(400, "MalformedPOSTRequest", QStringLiteral("A part of your POST request has no field name."));
            return false;
        }
        m_state = State::Field;
        return true;
    }
    // The file: everything it may depend on has arrived, so the form is judged before any byte
    // of it is stored.
    m_fileName = headerParameter(disposition, "filename");
    m_fileContentType = contentType;
    const PostFormVerdict verdict = m_verify ? m_verify(m_fields) : PostFormVerdict{500, "InternalError", QStringLiteral("no verifier"), 0, -1, {}};
    if (verdict.status != 0) {
        setError(verdict.status, verdict.code, verdict.message);
        return false;
    }
    m_minLength = verdict.minLength;
    if (verdict.maxLength >= 0)
        m_maxFileBytes = qMin(m_maxFileBytes, verdict.maxLength);
    m_accessKey = verdict.accessKey;
    m_file = std::make_unique<QFile>(m_tempPath);
    if (m_tempPath.isEmpty() || !m_file->open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        setError(500, "InternalError", QStringLiteral("cannot store the uploaded file"));
        return false;
    }
    m_state = State::File;
    return true;
}

void PostObjectReceiver::emitBody(const char *data, qsizetype size)
{
    if (size <= 0)
        return;
    if (m_state == State::Field) {
        m_fieldBytes += size;
        if (m_fieldBytes > kMaxFieldBytes)
            return setError(400, "MaxPostPreDataLengthExceeded",
                            QStringLiteral("Your POST request fields preceeding the upload file were too large."));
        m_partValue.append(data, size);
    } else if (m_state == State::File) {
        m_size += size;
        if (m_size > m_maxFileBytes)
            return setError(400, "EntityTooLarge", QStringLiteral("Your proposed upload exceeds the maximum allowed size"));
        m_md5.addData(QByteArrayView(data, size));
        if (m_file->write(data, size) != size)
            setError(500, "InternalError", QStringLiteral("cannot store the uploaded file: %1").arg(m_file->errorString()));
    }
}

void PostObjectReceiver::endPart()
{
    if (m_state == State::Field) {
        m_fields.append({m_partName, m_partValue});
    } else if (m_state == State::File) {
        m_fileDone = true;
        m_md5Result = m_md5.result();
    }
}

bool PostObjectReceiver::finish()
{
    if (failed())
        return true;
    if (!m_fileDone)
        setError(400, "InvalidArgument", QStringLiteral("POST requires exactly one file upload per request."));
    else if (m_size < m_minLength)
        setError(400, "EntityTooSmall", QStringLiteral("Your proposed upload is smaller than the minimum allowed size"));
    return true;
}

bool PostObjectReceiver::closeFile(QString *error)
{
    if (!m_file || !m_file->flush()) {
        *error = QStringLiteral("cannot write the uploaded file: %1").arg(m_file ? m_file->errorString() : QStringLiteral("no file"));
        return false;
    }
    m_file->close();
    return true;
}

} // namespace homeport::storage
