#include "storage_service.h"

#include "access_key_store.h"
#include "bucket_cors.h"
#include "body_pipeline.h"
#include "bucket_policy.h"
#include "data_file_worker.h"
#include "object_store.h"
#include "object_tagging.h"
#include "payload_receiver.h"
#include "post_object_receiver.h"
#include "read_ahead.h"
#include "row_committer.h"
#include "segmented_file.h"
#include "storage_console_bridge.h"

#include "core/logging.h"
#include "core/secrets.h"
#include "http/file_region.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QHash>
#include <QFile>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QMessageAuthenticationCode>
#include <QPointer>

#include <QTimer>
#include <QUrl>
#include <QXmlStreamReader>

#include <cstdio>
#include <ctime>
#include <fcntl.h>
#include <unistd.h>

namespace homeport::storage {

namespace {

constexpr qint64 kMaxObjectBytes = 5LL << 30;              // S3's single PUT limit
constexpr qint64 kMaxWireBytes = kMaxObjectBytes + (64LL << 20); // room for aws-chunked framing
constexpr qint64 kMaxXmlBytes = 8LL << 20;
constexpr qint64 kMinPartBytes = 5LL << 20;
constexpr int kMaxParts = 10000;
constexpr int kMaxKeyBytes = 1024;
constexpr int kMaxMetadataBytes = 2048;
constexpr int kMaxListKeys = 1000;
constexpr int kDataFileThreads = 16;
const QByteArray kOwnerId = "homeport";
const QByteArray kXmlHead = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
const QByteArray kNamespace = " xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"";
// Homeport's own routes on the S3 port; no bucket name can start with '_'.
const QByteArray kAccessKeysPath = "/_homeport/access-keys";

bool isAccessKeysPath(const QByteArray &rawPath)
{
    return rawPath == kAccessKeysPath || rawPath.startsWith(kAccessKeysPath + '/');
}

bool isFormUpload(const http::Request &req)
{
    return req.method() == "POST" && req.header("Content-Type").trimmed().toLower().startsWith("multipart/form-data");
}


void appendXmlEscaped(QByteArray &out, QByteArrayView text)
{
    for (const char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&apos;"; break;
        case '\r': out += "&#13;"; break;
        default: out += c;
        }
    }
}

QByteArray xmlEscape(QByteArrayView text)
{
    QByteArray out;
    out.reserve(text.size() + 8);
    appendXmlEscaped(out, text);
    return out;
}

// <name>value</name> appended in place (listings build thousands of these).
void appendElement(QByteArray &out, QByteArrayView name, QByteArrayView value)
{
    out += '<';
    out += name;
    out += '>';
    appendXmlEscaped(out, value);
    out += "</";
    out += name;
    out += '>';
}

QByteArray element(QByteArrayView name, QByteArrayView value)
{
    QByteArray out;
    out.reserve(2 * name.size() + value.size() + 5);
    appendElement(out, name, value);
    return out;
}

// Times are formatted with gmtime_r and snprintf: every GET has a Last-Modified and every
// listed object a LastModified, and QDateTime's format strings cost microseconds each.
QByteArray isoTime(qint64 ms)
{
    const time_t seconds = time_t(ms >= 0 ? ms / 1000 : (ms - 999) / 1000);
    tm t{};
    gmtime_r(&seconds, &t);
    char text[40];
    const int n = std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", t.tm_year + 1900, t.tm_mon + 1,
                                t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec, int(ms - qint64(seconds) * 1000));
    return QByteArray(text, n);
}

QByteArray httpTime(qint64 ms)
{
    static const char kDays[7][4] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char kMonths[12][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const time_t seconds = time_t(ms >= 0 ? ms / 1000 : (ms - 999) / 1000);
    tm t{};
    gmtime_r(&seconds, &t);
    char text[40];
    const int n = std::snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[t.tm_wday], t.tm_mday,
                                kMonths[t.tm_mon], t.tm_year + 1900, t.tm_hour, t.tm_min, t.tm_sec);
    return QByteArray(text, n);
}

QDateTime parseHttpTime(const QByteArray &text)
{
    const QString s = QString::fromLatin1(text).trimmed();
    QDateTime t = QLocale::c().toDateTime(s, QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (t.isValid()) {
        t.setTimeSpec(Qt::UTC);
        return t;
    }
    t = QDateTime::fromString(s, Qt::RFC2822Date);
    if (!t.isValid())
        t = QDateTime::fromString(s, Qt::ISODate);
    return t;
}

QByteArray quoted(const QByteArray &etag)
{
    return '"' + etag + '"';
}

// If-Match style lists: "a", "b" or *; compared without quotes and weak prefixes.
bool etagMatches(const QByteArray &header, const QByteArray &etag)
{
    for (QByteArray item : header.split(',')) {
        item = item.trimmed();
        if (item == "*")
            return true;
        if (item.startsWith("W/"))
            item = item.mid(2);
        if (item.startsWith('"') && item.endsWith('"') && item.size() >= 2)
            item = item.mid(1, item.size() - 2);
        if (item == etag)
            return true;
    }
    return false;
}

// Evaluates If-Match, If-Unmodified-Since, If-None-Match, If-Modified-Since in S3's order:
// 0 to go on, else the status to answer (412 or 304).
int checkConditions(const http::HeaderList &headers, QByteArrayView prefix, const ObjectRecord &object, bool isRead)
{
    const auto header = [&](const char *name) { return http::headerValue(headers, prefix.toByteArray() + name); };
    const qint64 modifiedSecs = object.modifiedMs / 1000;
    const QByteArray ifMatch = header("if-match");
    const QByteArray ifNoneMatch = header("if-none-match");
    if (!ifMatch.isEmpty()) {
        if (!etagMatches(ifMatch, object.etag))
            return 412;
    } else if (const QByteArray since = header("if-unmodified-since"); !since.isEmpty()) {
        const QDateTime t = parseHttpTime(since);
        if (t.isValid() && modifiedSecs > t.toSecsSinceEpoch())
            return 412;
    }
    if (!ifNoneMatch.isEmpty()) {
        if (etagMatches(ifNoneMatch, object.etag))
            return isRead ? 304 : 412;
    } else if (const QByteArray since = header("if-modified-since"); !since.isEmpty()) {
        const QDateTime t = parseHttpTime(since);
        if (t.isValid() && modifiedSecs <= t.toSecsSinceEpoch())
            return isRead ? 304 : 412;
    }
    return 0;
}

QByteArray lower(QByteArrayView v)
{
    return v.toByteArray().toLower();
}

// The request headers S3 keeps with an object and sends back on GET/HEAD.
bool storedHeaders(const http::Request &req, http::HeaderList *out, QString *problem)
{
    QByteArray contentType = req.header("Content-Type");
    out->append({"Content-Type", contentType.isEmpty() ? QByteArray("binary/octet-stream") : contentType});
    for (const char *name : {"Cache-Control", "Content-Disposition", "Content-Language", "Expires"}) {
        if (req.hasHeader(name))
            out->append({name, req.header(name)});
    }
    // aws-chunked describes the upload, not the object.
    QByteArrayList encodings;
    for (const QByteArray &e : req.header("Content-Encoding").split(',')) {
        if (!e.trimmed().isEmpty() && e.trimmed().compare("aws-chunked", Qt::CaseInsensitive) != 0)
            encodings.append(e.trimmed());
    }
    if (!encodings.isEmpty())
        out->append({"Content-Encoding", encodings.join(',')});
    qsizetype metadataBytes = 0;
    for (const auto &[name, value] : req.headers()) {
        const QByteArray n = lower(name);
        if (!n.startsWith("x-amz-meta-"))
            continue;
        metadataBytes += n.size() - 11 + value.size();
        out->append({n, value});
    }
    if (metadataBytes > kMaxMetadataBytes) {
        *problem = QStringLiteral("Your metadata headers exceed the maximum allowed metadata size.");
        return false;
    }
    return true;
}

// An object's file as a response body: keeps the kernel reading ahead of what is sent (from
// ReadAhead's thread), so a cold-cache GET keeps the disk busy instead of waiting for each block
// in turn on the service thread. The engine sends it with sendfile() (http::FileRegion), or
// reads it when it cannot (TLS).
class ReadAheadFile : public QFile, public http::FileRegion
{
public:
    using QFile::QFile;

    bool fileRegion(qint64 pos, int *fd, qint64 *offset, qint64 *length) override
    {
        *fd = handle();
        *offset = pos;
        *length = fileSize() - pos;
        m_readAhead.advance(*fd, pos, fileSize());
        return *fd >= 0 && *length > 0;
    }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        m_readAhead.advance(handle(), pos(), fileSize());
        return QFile::readData(data, maxSize);
    }

private:
    // Data files are immutable: their size is asked for once, not with an fstat per send.
    qint64 fileSize()
    {
        if (m_size < 0)
            m_size = size();
        return m_size;
    }

    ReadAhead m_readAhead;
    qint64 m_size = -1;
};

struct ByteRange
{
    qint64 start = 0;
    qint64 length = 0;
};

// Parses a single "bytes=a-b", "bytes=a-" or "bytes=-n" against size. nullopt: ignore the
// header (absent, malformed or several ranges, as S3 does); length < 0: unsatisfiable.
std::optional<ByteRange> parseRange(const QByteArray &header, qint64 size)
{
    const QByteArray h = header.trimmed();
    if (!h.startsWith("bytes=") || h.contains(','))
        return std::nullopt;
    const QByteArray spec = h.mid(6).trimmed();
    const qsizetype dash = spec.indexOf('-');
    if (dash < 0)
        return std::nullopt;
    const QByteArray first = spec.left(dash).trimmed(), last = spec.mid(dash + 1).trimmed();
    bool ok1 = false, ok2 = false;
    if (first.isEmpty()) {
        const qint64 suffix = last.toLongLong(&ok2);
        if (!ok2 || suffix < 0)
            return std::nullopt;
        if (suffix == 0 || size == 0)
            return ByteRange{0, -1};
        const qint64 n = qMin(suffix, size);
        return ByteRange{size - n, n};
    }
    const qint64 start = first.toLongLong(&ok1);
    if (!ok1 || start < 0)
        return std::nullopt;
    qint64 end = size - 1;
    if (!last.isEmpty()) {
        end = last.toLongLong(&ok2);
        if (!ok2 || end < start)
            return std::nullopt;
        end = qMin(end, size - 1);
    }
    if (start >= size)
        return ByteRange{0, -1};
    return ByteRange{start, end - start + 1};
}

// The bytes [start, start + length) of a multipart object as ranges of its part files, for a
// copy job (the files are opened by the job; the caller holds a lease on them).
QList<DataFileJob::Segment> segmentRanges(const ObjectStore &store, const ObjectRecord &object, qint64 start, qint64 length)
{
    QList<DataFileJob::Segment> out;
    qint64 at = 0;
    for (const ObjectSegment &segment : object.segments) {
        const qint64 from = qMax(start, at), to = qMin(start + length, at + segment.size);
        if (from < to)
            out.append({store.absolutePath(segment.file), -1, from - at, to - from});
        at += segment.size;
    }
    return out;
}

QByteArray encodeIf(bool url, const QByteArray &value)
{
    return url ? sigv4::uriEncode(value, true) : value;
}

QByteArray ownerXml()
{
    return "<Owner><ID>" + kOwnerId + "</ID><DisplayName>" + kOwnerId + "</DisplayName></Owner>";
}

// Reads the <Part>s of a CompleteMultipartUpload body; false on malformed XML.
bool parseCompleteParts(const QByteArray &body, QList<QPair<int, QByteArray>> *parts)
{
    QXmlStreamReader xml(body);
    int number = -1;
    QByteArray etag;
    QString current;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            current = xml.name().toString();
            if (current == QLatin1String("Part")) {
                number = -1;
                etag.clear();
            } else if (current == QLatin1String("PartNumber")) {
                bool ok = false;
                number = xml.readElementText().trimmed().toInt(&ok);
                if (!ok)
                    return false;
            } else if (current == QLatin1String("ETag")) {
                etag = xml.readElementText().trimmed().toUtf8();
                if (etag.startsWith('"') && etag.endsWith('"') && etag.size() >= 2)
                    etag = etag.mid(1, etag.size() - 2);
            }
        } else if (xml.isEndElement() && xml.name() == QLatin1String("Part")) {
            if (number < 0)
                return false;
            parts->append({number, etag});
        }
    }
    return !xml.hasError() && !parts->isEmpty();
}

QJsonObject accessKeyJson(const AccessKey &key)
{
    return QJsonObject{
        {QStringLiteral("access_key"), QString::fromLatin1(key.accessKey)},
        {QStringLiteral("name"), key.name},
        {QStringLiteral("buckets"), QJsonArray::fromStringList(key.buckets)},
        {QStringLiteral("access"), key.readOnly ? QStringLiteral("read-only") : QStringLiteral("read-write")},
        {QStringLiteral("created"), QString::fromLatin1(isoTime(key.createdMs))},
    };
}

} // namespace

// How one request is answered: copyable, so an answer can come after the handler returned
// (when a worker thread finished a data file). The Responder copies share one exchange.
struct StorageService::Reply
{
    http::Responder res;
    QByteArray requestId;
    QByteArray resource; // the request's raw path, for <Resource>
    QString bucket;
    QByteArray key;
    http::HeaderList cors; // Access-Control-* for a browser request a bucket rule allows

    http::Response withIds(http::Response r) const
    {
        r.setHeader("x-amz-request-id", requestId);
        r.setHeader("x-amz-id-2", requestId);
        for (const auto &[name, value] : cors)
            r.setHeader(name, value);
        return r;
    }
    void send(http::Response r) { res.send(withIds(std::move(r))); }
    void xml(int status, const QByteArray &body) { send(http::Response(status, "application/xml", kXmlHead + body)); }
    void empty(int status, http::Response r = {})
    {
        r.status = status;
        send(std::move(r));
    }
    void error(int status, const QByteArray &code, const QString &message)
    {
        QByteArray body = kXmlHead + "<Error>" + element("Code", code) + element("Message", message.toUtf8());
        if (!bucket.isEmpty())
            body += element("BucketName", bucket.toUtf8());
        if (!key.isEmpty())
            body += element("Key", key);
        body += element("Resource", resource) + element("RequestId", requestId) + element("HostId", requestId) + "</Error>";
        send(http::Response(status, "application/xml", body));
    }
};

// One request being answered in the handler: the reply plus the request and its body.
struct StorageService::Call : StorageService::Reply
{
    Call(const http::Request &request, http::Responder &responder) : Reply{responder, {}, request.rawPath(), {}, {}, {}}, req(request) {}
    const http::Request &req;
    PayloadReceiver *receiver = nullptr;
    PostObjectReceiver *form = nullptr;
    std::optional<AccessKey> principal; // nullopt: an anonymous request a bucket policy allowed
};

StorageService::StorageService(StorageMonitor *monitor, QObject *parent) : http::HttpService(parent), m_monitor(monitor) {}
StorageService::~StorageService() = default;

bool StorageService::isValidBucketName(const QString &name)
{
    if (name.size() < 3 || name.size() > 63)
        return false;
    for (const QChar c : name) {
        if (!((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'.' || c == u'-'))
            return false;
    }
    const auto alnum = [](QChar c) { return (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9'); };
    if (!alnum(name.front()) || !alnum(name.back()))
        return false;
    if (name.contains(QLatin1String("..")) || name.contains(QLatin1String(".-")) || name.contains(QLatin1String("-.")))
        return false;
    QHostAddress ip;
    if (ip.setAddress(name) && ip.protocol() == QAbstractSocket::IPv4Protocol)
        return false;
    for (const char *prefix : {"xn--", "sthree-", "amzn-s3-demo-"}) {
        if (name.startsWith(QLatin1String(prefix)))
            return false;
    }
    for (const char *suffix : {"-s3alias", "--ol-s3", ".mrap", "--x-s3"}) {
        if (name.endsWith(QLatin1String(suffix)))
            return false;
    }
    return true;
}

StorageService::Target StorageService::targetOf(const http::Request &req) const
{
    Target target;
    QByteArray path = req.rawPath();
    if (path.startsWith('/'))
        path = path.mid(1);
    // Virtual-host style: <bucket>.<domain>[:port]/<key>, when a domain is configured.
    if (!m_domain.isEmpty()) {
        QByteArray host = req.header("Host").toLower();
        if (const qsizetype colon = host.lastIndexOf(':'); colon >= 0 && !host.endsWith(']'))
            host.truncate(colon);
        if (host.endsWith('.' + m_domain) && host.size() > m_domain.size() + 1) {
            target.bucket = QString::fromUtf8(host.left(host.size() - m_domain.size() - 1));
            target.key = sigv4::percentDecode(path);
            return target;
        }
    }
    const qsizetype slash = path.indexOf('/');
    target.bucket = QString::fromUtf8(sigv4::percentDecode(slash < 0 ? path : path.left(slash)));
    target.key = slash < 0 ? QByteArray() : sigv4::percentDecode(path.mid(slash + 1));
    return target;
}

QString StorageService::configure(http::HttpServer &server, const core::ServiceContext &context)
{
    m_accessKey = context.secrets.value(QStringLiteral("access_key")).toString().toUtf8();
    m_secretKey = context.secrets.value(QStringLiteral("secret_key")).toString().toUtf8();
    if (m_accessKey.isEmpty() || m_secretKey.isEmpty())
        return QStringLiteral("the storage access key or secret key is missing from secrets.json");
    m_idPrefix = QByteArray::number(QDateTime::currentSecsSinceEpoch(), 16).toUpper();
    m_domain = context.settings.value(QStringLiteral("domain")).toString().trimmed().toLower().toUtf8();

    m_keys = std::make_unique<AccessKeyStore>(QDir(context.dataDir).filePath(QStringLiteral("access_keys.json")),
                                              m_accessKey, m_secretKey);
    if (QString keysError; !m_keys->load(&keysError))
        return QStringLiteral("the storage access keys cannot be read: %1").arg(keysError);

    m_store = std::make_unique<ObjectStore>(context.dataDir, QStringLiteral("storage-%1").arg(quintptr(this), 0, 16));
    QString error;
    if (!m_store->open(&error)) {
        m_store.reset();
        return QStringLiteral("the storage database cannot be opened: %1").arg(error);
    }
    // Copies and fsyncs run there; several at once, so their fsyncs share journal commits.
    m_worker = std::make_unique<DataFileWorker>(kDataFileThreads);
    m_committer = std::make_unique<RowCommitter>(context.dataDir);
    if (!m_committer->start(&error)) {
        m_committer.reset();
        m_worker.reset();
        m_store.reset();
        return QStringLiteral("the storage database cannot be opened for commits: %1").arg(error);
    }
    // The bucket the Laravel settings from --print-env name, so `FILESYSTEM_DISK=s3` works at once.
    const QString defaultBucket = context.settings.value(QStringLiteral("default_bucket"), QStringLiteral("homeport")).toString();
    if (isValidBucketName(defaultBucket) && m_store->buckets().isEmpty()
        && !QFile::exists(QDir(context.dataDir).filePath(QStringLiteral(".default-bucket-made")))) {
        QString ignored;
        m_store->createBucket(defaultBucket, &ignored);
        QFile marker(QDir(context.dataDir).filePath(QStringLiteral(".default-bucket-made")));
        marker.open(QIODevice::WriteOnly);
    }

    // Uploads nobody completed or aborted give their parts' space back after this age.
    bool ageOk = false;
    const double maxAgeHours = context.settings.value(QStringLiteral("multipart_max_age_hours")).toDouble(&ageOk);
    m_uploadMaxAgeMs = ageOk && maxAgeHours > 0 ? qint64(maxAgeHours * 3600 * 1000) : kDefaultUploadMaxAgeMs;
    removeStaleUploads();
    m_staleUploadTimer = std::make_unique<QTimer>();
    m_staleUploadTimer->setInterval(int(qBound(qint64(1000), m_uploadMaxAgeMs / 4, qint64(3600 * 1000))));
    connect(m_staleUploadTimer.get(), &QTimer::timeout, this, &StorageService::removeStaleUploads);
    m_staleUploadTimer->start();
    m_idleBlocksTimer = std::make_unique<QTimer>();
    m_idleBlocksTimer->setInterval(BodyPipeline::kIdleBlocksSeconds * 1000);
    connect(m_idleBlocksTimer.get(), &QTimer::timeout, this, [] { BodyPipeline::releaseIdleBlocks(); });
    m_idleBlocksTimer->start();

    // Engine-made errors (413, 400, 408, ...) in S3's XML shape.
    server.setErrorFormatter([this](int status, const QString &message) {
        const QByteArray code = status == 413 ? "EntityTooLarge" : status == 404 ? "NoSuchKey" : status == 405 ? "MethodNotAllowed"
                              : status == 408 ? "RequestTimeout" : status == 411 ? "MissingContentLength"
                              : status == 501 ? "NotImplemented" : status == 503 ? "ServiceUnavailable"
                              : status >= 500 ? "InternalError" : "InvalidRequest";
        const QByteArray id = m_idPrefix + QByteArray::number(++m_requests, 16).toUpper().rightJustified(10, '0');
        http::Response r(status, "application/xml",
                         kXmlHead + "<Error>" + element("Code", code) + element("Message", message.toUtf8())
                             + element("RequestId", id) + "</Error>");
        r.setHeader("x-amz-request-id", id);
        return r;
    });
    server.setFallback([this](const http::Request &req, http::Responder &res) { handle(req, res); })
        .auth([this](const http::Request &req) { return authenticate(req); })
        .body([this](const http::Request &req) { return bodyPolicy(req); });
    if (m_monitor) {
        m_consoleBridge = std::make_unique<StorageConsoleBridge>(
            m_monitor, &server, context.bindAddress, m_accessKey, m_secretKey, [this] {
                QList<BucketUsage> out;
                if (m_store) {
                    for (const ObjectStore::Usage &u : m_store->bucketUsage())
                        out.append({u.name, u.createdMs, u.objects, u.bytes});
                }
                return out;
            },
            [this](const QByteArray &uploadId) {
                QString error;
                if (m_store && !m_store->abortUpload(uploadId, &error))
                    qCWarning(lcStorage) << "cannot abort the console's upload" << uploadId << error;
            });
    }
    return {};
}

void StorageService::closeStores()
{
    m_consoleBridge.reset();
    m_staleUploadTimer.reset();
    m_idleBlocksTimer.reset();
    if (m_worker)
        m_worker->waitForDone(); // their answers, still queued, find no store and say so
    m_committer.reset();      // commits the group in flight; its answers come after
    m_store.reset();
    m_keys.reset();
}

void StorageService::removeStaleUploads()
{
    if (!m_store)
        return;
    const qint64 cutoff = QDateTime::currentMSecsSinceEpoch() - m_uploadMaxAgeMs;
    int removed = 0;
    for (const QByteArray &id : m_store->uploadsInitiatedBefore(cutoff)) {
        QString error;
        if (m_store->abortUpload(id, &error))
            ++removed;
        else
            qCWarning(lcStorage) << "cannot remove the stale upload" << id << error;
    }
    if (removed)
        qCInfo(lcStorage) << "removed" << removed << "multipart uploads older than" << m_uploadMaxAgeMs / 1000 << "s";
}

std::optional<http::Response> StorageService::authenticate(const http::Request &req)
{
    const SignedRequest signedRequest{req.method(), req.rawPath(), req.rawQuery(), req.headers()};
    const auto lookup = [this](const QByteArray &accessKey) -> std::optional<QByteArray> {
        if (const std::optional<AccessKey> key = m_keys ? m_keys->find(accessKey) : std::nullopt)
            return key->secretKey;
        return std::nullopt;
    };
    if (req.method() == "OPTIONS") {
        // CORS preflights carry no credentials; the bucket's CORS rules decide.
        m_lastAuth = SigV4Result();
        m_lastAuth.ok = true;
        m_lastAuth.payloadHash = "UNSIGNED-PAYLOAD";
        return std::nullopt;
    }
    const Target target = targetOf(req);
    const bool anonymous = !req.hasHeader("Authorization") && !req.hasQueryItem(QStringLiteral("X-Amz-Algorithm"));
    const bool formUpload = isFormUpload(req) && !target.bucket.isEmpty() && target.key.isEmpty()
        && !isAccessKeysPath(req.rawPath());
    if (formUpload || (anonymous && anonymousAllowed(req, target))) {
        // A form carries its own signature, checked when its fields have arrived; a public
        // bucket's reads need none.
        m_lastAuth = SigV4Result();
        m_lastAuth.ok = true;
        m_lastAuth.payloadHash = "UNSIGNED-PAYLOAD";
    } else {
        m_lastAuth = sigv4::verify(signedRequest, lookup, QDateTime::currentDateTimeUtc());
    }

    QByteArray id = m_idPrefix + QByteArray::number(++m_requests, 16).toUpper().rightJustified(10, '0');
    const auto refuse = [&](int status, const QByteArray &code, const QString &message) {
        QByteArray body = kXmlHead + "<Error>" + element("Code", code) + element("Message", message.toUtf8())
            + element("Resource", req.rawPath()) + element("RequestId", id) + element("HostId", id) + "</Error>";
        http::Response r(status, "application/xml", body);
        r.setHeader("x-amz-request-id", id);
        r.setHeader("x-amz-id-2", id);
        return std::optional<http::Response>(std::move(r));
    };
    if (!m_lastAuth.ok)
        return refuse(m_lastAuth.status, m_lastAuth.errorCode, m_lastAuth.errorMessage);

    // What the key may touch, decided before the body is read.
    if (!m_lastAuth.accessKey.isEmpty()) {
        const std::optional<AccessKey> key = m_keys->find(m_lastAuth.accessKey);
        const bool read = req.method() == "GET" || req.method() == "HEAD";
        const bool allowed = key
            && (key->root
                || (!isAccessKeysPath(req.rawPath())
                    && (target.bucket.isEmpty() ? read : key->allows(target.bucket, !read))));
        if (!allowed)
            return refuse(403, "AccessDenied", QStringLiteral("Access Denied"));
    }

    // Refused before the body is read: no point receiving gigabytes for a missing bucket.
    if (req.method() == "PUT") {
        if (!target.bucket.isEmpty() && !target.key.isEmpty()) {
            if (target.key.size() > kMaxKeyBytes)
                return refuse(400, "KeyTooLongError", QStringLiteral("Your key is too long"));
            if (!m_store->bucket(target.bucket))
                return refuse(404, "NoSuchBucket", QStringLiteral("The specified bucket does not exist"));
        }
    }
    return std::nullopt;
}

http::BodyPolicy StorageService::bodyPolicy(const http::Request &req)
{
    const Target target = targetOf(req);
    const bool objectUpload = req.method() == "PUT" && !target.bucket.isEmpty() && !target.key.isEmpty()
        && !req.hasHeader("x-amz-copy-source") && !req.hasQueryItem(QStringLiteral("tagging"));
    if (isFormUpload(req) && !target.bucket.isEmpty() && target.key.isEmpty() && !isAccessKeysPath(req.rawPath())) {
        const QString bucket = target.bucket;
        const QPointer<StorageService> self(this);
        const QString formTemp = m_store->newTempPath();
        return http::BodyPolicy::stream(
            [self, bucket, formTemp](const http::Request &r) {
                return std::make_unique<PostObjectReceiver>(r.header("Content-Type"), formTemp, kMaxObjectBytes, [self, bucket](const FormFields &fields) {
                    if (!self)
                        return PostFormVerdict{503, "ServiceUnavailable", QStringLiteral("The storage service is stopping."), 0, -1, {}};
                    return self->verifyPostForm(bucket, fields);
                });
            },
            kMaxWireBytes);
    }
    const QString tempPath = objectUpload ? m_store->newTempPath() : QString();
    // Whole objects (not parts, which are assembled from files) small enough stay in memory and
    // go into their database row.
    const qint64 inlineLimit = objectUpload && !req.hasQueryItem(QStringLiteral("uploadId")) ? ObjectStore::kInlineObjectBytes : 0;
    const SigV4Result auth = m_lastAuth;
    return http::BodyPolicy::stream(
        [auth, tempPath, inlineLimit](const http::Request &r) {
            return std::make_unique<PayloadReceiver>(r, auth, tempPath, kMaxXmlBytes, inlineLimit);
        },
        objectUpload ? kMaxWireBytes : kMaxXmlBytes);
}

void StorageService::handle(const http::Request &req, http::Responder &res)
{
    Call call(req, res);
    call.requestId = m_idPrefix + QByteArray::number(++m_requests, 16).toUpper().rightJustified(10, '0');
    call.receiver = dynamic_cast<PayloadReceiver *>(req.bodyConsumer());
    call.form = dynamic_cast<PostObjectReceiver *>(req.bodyConsumer());
    if (!m_store || !m_keys)
        return call.error(503, "ServiceUnavailable", QStringLiteral("The storage service is stopping."));

    const Target target = targetOf(req);
    call.bucket = target.bucket;
    call.key = target.key;
    if (call.receiver && call.receiver->failed())
        return call.error(call.receiver->status(), call.receiver->errorCode(), call.receiver->errorMessage());
    const QByteArray accessKey = call.form ? call.form->accessKey() : call.receiver ? call.receiver->auth().accessKey : QByteArray();
    if (!accessKey.isEmpty())
        call.principal = m_keys->find(accessKey);
    if (isAccessKeysPath(req.rawPath())) {
        call.bucket.clear();
        call.key.clear();
        return accessKeysApi(call);
    }

    const QByteArray &method = req.method();
    const auto has = [&](const char *name) { return req.hasQueryItem(QString::fromLatin1(name)); };
    if (method == "OPTIONS")
        return preflight(call);
    if (req.hasHeader("Origin") && !call.bucket.isEmpty())
        call.cors = corsHeaders(call.bucket, req.header("Origin"), method == "HEAD" ? QByteArray("HEAD") : method, {});

    if (call.form) {
        if (req.hasHeader("Origin"))
            call.cors = corsHeaders(call.bucket, req.header("Origin"), "POST", {});
        return postObject(call);
    }
    if (call.bucket.isEmpty()) {
        if (method == "GET" || method == "HEAD")
            return listBuckets(call);
        return call.error(405, "MethodNotAllowed", QStringLiteral("The specified method is not allowed against this resource."));
    }

    if (call.key.isEmpty()) {
        if (has("cors")) {
            if (!requireBucket(call))
                return;
            if (method == "PUT")
                return putBucketCors(call);
            if (method == "DELETE") {
                QString error;
                if (!m_store->setBucketCors(call.bucket, {}, &error))
                    return call.error(500, "InternalError", error);
                return call.empty(204);
            }
            if (method == "GET") {
                const QByteArray config = m_store->bucketCors(call.bucket);
                if (config.isEmpty())
                    return call.error(404, "NoSuchCORSConfiguration", QStringLiteral("The CORS configuration does not exist"));
                return call.send(http::Response(200, "application/xml", config));
            }
        }
        if (has("policy")) {
            if (!requireBucket(call))
                return;
            if (method == "PUT")
                return putBucketPolicy(call);
            if (method == "DELETE") {
                QString error;
                if (!m_store->setBucketPolicy(call.bucket, {}, &error))
                    return call.error(500, "InternalError", error);
                return call.empty(204);
            }
            if (method == "GET") {
                const QByteArray policy = m_store->bucketPolicy(call.bucket);
                if (policy.isEmpty())
                    return call.error(404, "NoSuchBucketPolicy", QStringLiteral("The bucket policy does not exist"));
                return call.send(http::Response(200, "application/json", policy));
            }
        }
        if (has("policyStatus") && method == "GET") {
            if (!requireBucket(call))
                return;
            QString ignored;
            const std::optional<BucketPolicy> policy = parseBucketPolicy(m_store->bucketPolicy(call.bucket), call.bucket, &ignored);
            return call.xml(200, "<PolicyStatus" + kNamespace + "><IsPublic>"
                                     + (policy && policy->isPublic() ? "true" : "false") + "</IsPublic></PolicyStatus>");
        }
        if (has("tagging"))
            return bucketTagging(call);
        for (const char *unsupported : {"lifecycle", "acl", "website", "replication",
                                        "notification", "logging", "encryption", "object-lock",
                                        "requestPayment", "ownershipControls", "publicAccessBlock", "accelerate"}) {
            if (has(unsupported)) {
                if (!m_store->bucket(call.bucket))
                    return call.error(404, "NoSuchBucket", QStringLiteral("The specified bucket does not exist"));
                return call.error(501, "NotImplemented",
                                  QStringLiteral("Homeport does not implement the ?%1 subresource yet.").arg(QLatin1String(unsupported)));
            }
        }
        if (method == "PUT" && !has("versioning"))
            return createBucket(call);
        if (method == "HEAD")
            return headBucket(call);
        if (method == "DELETE")
            return deleteBucket(call);
        if (method == "POST" && has("delete"))
            return deleteObjects(call);
        if (method == "GET") {
            if (!requireBucket(call))
                return;
            if (has("location"))
                return call.xml(200, "<LocationConstraint" + kNamespace + "></LocationConstraint>");
            if (has("versioning"))
                return call.xml(200, "<VersioningConfiguration" + kNamespace + "/>");
            if (has("uploads"))
                return listUploads(call);
            if (has("versions"))
                return listObjects(call, ListKind::Versions);
            return listObjects(call, req.queryValue(QStringLiteral("list-type")) == QLatin1String("2") ? ListKind::V2 : ListKind::V1);
        }
        return call.error(405, "MethodNotAllowed", QStringLiteral("The specified method is not allowed against this resource."));
    }

    if (call.key.size() > kMaxKeyBytes)
        return call.error(400, "KeyTooLongError", QStringLiteral("Your key is too long"));
    if (has("tagging"))
        return objectTagging(call);
    for (const char *unsupported : {"acl", "retention", "legal-hold", "torrent", "restore", "select", "attributes"}) {
        if (has(unsupported))
            return call.error(501, "NotImplemented",
                              QStringLiteral("Homeport does not implement the ?%1 subresource yet.").arg(QLatin1String(unsupported)));
    }
    if (method == "PUT") {
        if (has("uploadId") || has("partNumber"))
            return uploadPart(call);
        if (req.hasHeader("x-amz-copy-source"))
            return copyObject(call);
        return putObject(call);
    }
    if (method == "GET" || method == "HEAD") {
        if (has("uploadId") && method == "GET")
            return listParts(call);
        return getObject(call);
    }
    if (method == "DELETE")
        return has("uploadId") ? abortUpload(call) : deleteObject(call);
    if (method == "POST") {
        if (has("uploads"))
            return createUpload(call);
        if (has("uploadId"))
            return completeUpload(call);
    }
    return call.error(405, "MethodNotAllowed", QStringLiteral("The specified method is not allowed against this resource."));
}

http::HeaderList StorageService::corsHeaders(const QString &bucket, const QByteArray &origin, const QByteArray &method,
                                             const QByteArrayList &requestHeaders)
{
    const QByteArray config = m_store->bucketCors(bucket);
    if (config.isEmpty())
        return {};
    QString ignored;
    const std::optional<QList<CorsRule>> rules = parseCorsConfiguration(config, &ignored);
    const CorsRule *rule = rules ? matchCorsRule(*rules, origin, method, requestHeaders) : nullptr;
    if (!rule)
        return {};
    http::HeaderList out;
    out.append({QByteArray("Access-Control-Allow-Origin"), rule->origins.contains("*") ? QByteArray("*") : origin});
    out.append({QByteArray("Access-Control-Allow-Methods"), rule->methods.join(", ")});
    if (!rule->exposeHeaders.isEmpty())
        out.append({"Access-Control-Expose-Headers", rule->exposeHeaders.join(", ")});
    if (rule->maxAgeSeconds >= 0)
        out.append({"Access-Control-Max-Age", QByteArray::number(rule->maxAgeSeconds)});
    if (!rule->origins.contains("*"))
        out.append({QByteArray("Access-Control-Allow-Credentials"), QByteArray("true")});
    out.append({QByteArray("Vary"), QByteArray("Origin, Access-Control-Request-Headers, Access-Control-Request-Method")});
    return out;
}

void StorageService::preflight(Call &call)
{
    const QByteArray origin = call.req.header("Origin");
    const QByteArray method = call.req.header("Access-Control-Request-Method");
    if (origin.isEmpty() || method.isEmpty())
        return call.error(400, "BadRequest", QStringLiteral("Insufficient information. Origin request header needed."));
    if (call.bucket.isEmpty() || !m_store->bucket(call.bucket))
        return call.error(403, "AccessForbidden", QStringLiteral("CORSResponse: Bucket not found"));
    if (m_store->bucketCors(call.bucket).isEmpty())
        return call.error(403, "AccessForbidden", QStringLiteral("CORSResponse: CORS is not enabled for this bucket."));
    QByteArrayList requested;
    for (const QByteArray &h : call.req.header("Access-Control-Request-Headers").split(',')) {
        if (!h.trimmed().isEmpty())
            requested.append(h.trimmed().toLower());
    }
    http::HeaderList headers = corsHeaders(call.bucket, origin, method, requested);
    if (headers.isEmpty())
        return call.error(403, "AccessForbidden", QStringLiteral("CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec."));
    if (!requested.isEmpty())
        headers.append({"Access-Control-Allow-Headers", requested.join(", ")});
    call.cors = headers;
    call.empty(200);
}

void StorageService::putBucketCors(Call &call)
{
    QString problem;
    if (!parseCorsConfiguration(call.receiver->body(), &problem))
        return call.error(400, "MalformedXML", problem);
    QString error;
    if (!m_store->setBucketCors(call.bucket, call.receiver->body(), &error))
        return call.error(500, "InternalError", error);
    call.empty(200);
}

bool StorageService::requireBucket(Call &call)
{
    if (m_store->bucket(call.bucket))
        return true;
    call.error(404, "NoSuchBucket", QStringLiteral("The specified bucket does not exist"));
    return false;
}

void StorageService::listBuckets(Call &call)
{
    QByteArray body = "<ListAllMyBucketsResult" + kNamespace + '>' + ownerXml() + "<Buckets>";
    for (const BucketRecord &b : m_store->buckets()) {
        if (call.principal && !call.principal->coversBucket(b.name))
            continue; // a scoped key sees only its own buckets
        body += "<Bucket>" + element("Name", b.name.toUtf8()) + element("CreationDate", isoTime(b.createdMs)) + "</Bucket>";
    }
    body += "</Buckets></ListAllMyBucketsResult>";
    call.xml(200, body);
}

void StorageService::createBucket(Call &call)
{
    if (!isValidBucketName(call.bucket))
        return call.error(400, "InvalidBucketName", QStringLiteral("The specified bucket is not valid."));
    if (const QByteArray &body = call.receiver->body(); !body.trimmed().isEmpty()) {
        QXmlStreamReader xml(body);
        while (!xml.atEnd())
            xml.readNext();
        if (xml.hasError())
            return call.error(400, "MalformedXML", QStringLiteral("The XML you provided was not well-formed or did not validate against our published schema."));
    }
    if (m_store->bucket(call.bucket))
        return call.error(409, "BucketAlreadyOwnedByYou",
                          QStringLiteral("Your previous request to create the named bucket succeeded and you already own it."));
    QString error;
    if (!m_store->createBucket(call.bucket, &error))
        return call.error(500, "InternalError", error);
    http::Response r;
    r.setHeader("Location", '/' + call.bucket.toUtf8());
    call.empty(200, r);
}

void StorageService::headBucket(Call &call)
{
    if (!m_store->bucket(call.bucket))
        return call.error(404, "NoSuchBucket", QStringLiteral("The specified bucket does not exist"));
    http::Response r;
    r.setHeader("x-amz-bucket-region", "us-east-1");
    call.empty(200, r);
}

void StorageService::deleteBucket(Call &call)
{
    if (!requireBucket(call))
        return;
    if (m_store->hasObjectsOrUploads(call.bucket))
        return call.error(409, "BucketNotEmpty", QStringLiteral("The bucket you tried to delete is not empty"));
    QString error;
    if (!m_store->deleteBucket(call.bucket, &error))
        return call.error(500, "InternalError", error);
    call.empty(204);
}

void StorageService::listObjects(Call &call, ListKind kind)
{
    const bool v2 = kind == ListKind::V2;
    const bool versions = kind == ListKind::Versions;
    const http::Request &req = call.req;
    const QByteArray prefix = req.queryValue(QStringLiteral("prefix")).toUtf8();
    const QByteArray delimiter = req.queryValue(QStringLiteral("delimiter")).toUtf8();
    const QString encodingType = req.queryValue(QStringLiteral("encoding-type"));
    if (!encodingType.isEmpty() && encodingType != QLatin1String("url"))
        return call.error(400, "InvalidArgument", QStringLiteral("Invalid Encoding Method specified in Request"));
    const bool url = encodingType == QLatin1String("url");
    int maxKeys = kMaxListKeys;
    if (req.hasQueryItem(QStringLiteral("max-keys"))) {
        bool ok = false;
        maxKeys = req.queryValue(QStringLiteral("max-keys")).toInt(&ok);
        if (!ok || maxKeys < 0)
            return call.error(400, "InvalidArgument", QStringLiteral("Provided max-keys not an integer or within integer range"));
        maxKeys = qMin(maxKeys, kMaxListKeys);
    }

    QByteArray after;
    QByteArray startAfter, token, marker;
    if (v2) {
        startAfter = req.queryValue(QStringLiteral("start-after")).toUtf8();
        const QString tokenText = req.queryValue(QStringLiteral("continuation-token"));
        if (req.hasQueryItem(QStringLiteral("continuation-token"))) {
            token = tokenText.toUtf8();
            const auto decoded = QByteArray::fromBase64Encoding(token, QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
            if (!decoded || token.isEmpty())
                return call.error(400, "InvalidArgument", QStringLiteral("The continuation token provided is incorrect"));
            after = decoded.decoded;
        } else {
            after = startAfter;
        }
    } else {
        marker = req.queryValue(versions ? QStringLiteral("key-marker") : QStringLiteral("marker")).toUtf8();
        after = marker;
    }

    const ListPage page = maxKeys == 0 ? ListPage{} : m_store->list(call.bucket, prefix, delimiter, after, maxKeys);
    const bool fetchOwner = !v2 || req.queryValue(QStringLiteral("fetch-owner")) == QLatin1String("true");

    const QByteArray root = versions ? "ListVersionsResult" : "ListBucketResult";
    QByteArray body = '<' + root + kNamespace + '>' + element("Name", call.bucket.toUtf8())
        + element("Prefix", encodeIf(url, prefix));
    if (v2) {
        if (!token.isEmpty())
            body += element("ContinuationToken", token);
        if (!startAfter.isEmpty())
            body += element("StartAfter", encodeIf(url, startAfter));
        body += element("KeyCount", QByteArray::number(page.objects.size() + page.commonPrefixes.size()));
    } else if (versions) {
        // Versioning is never enabled: every object is its one "null" version.
        body += element("KeyMarker", encodeIf(url, marker)) + element("VersionIdMarker", req.queryValue(QStringLiteral("version-id-marker")).toUtf8());
    } else {
        body += element("Marker", encodeIf(url, marker));
    }
    body += element("MaxKeys", QByteArray::number(maxKeys));
    if (!delimiter.isEmpty())
        body += element("Delimiter", encodeIf(url, delimiter));
    if (url)
        body += element("EncodingType", "url");
    body += element("IsTruncated", page.truncated ? "true" : "false");
    if (page.truncated) {
        if (v2)
            body += element("NextContinuationToken", page.nextMarker.toBase64(QByteArray::Base64UrlEncoding));
        else if (versions)
            body += element("NextKeyMarker", encodeIf(url, page.nextMarker)) + element("NextVersionIdMarker", "null");
        else
            body += element("NextMarker", encodeIf(url, page.nextMarker));
    }
    const QByteArray owner = ownerXml();
    body.reserve(body.size() + page.objects.size() * (fetchOwner ? 330 : 250));
    const QByteArrayView entry = versions ? "Version" : "Contents";
    for (const ObjectRecord &o : page.objects) {
        body += '<';
        body += entry;
        body += '>';
        appendElement(body, "Key", url ? sigv4::uriEncode(o.key, true) : o.key);
        if (versions)
            body += "<VersionId>null</VersionId><IsLatest>true</IsLatest>";
        appendElement(body, "LastModified", isoTime(o.modifiedMs));
        body += "<ETag>&quot;";
        body += o.etag;
        body += "&quot;</ETag>";
        appendElement(body, "Size", QByteArray::number(o.size));
        if (fetchOwner)
            body += owner;
        body += "<StorageClass>STANDARD</StorageClass></";
        body += entry;
        body += '>';
    }
    for (const QByteArray &p : page.commonPrefixes)
        body += "<CommonPrefixes>" + element("Prefix", encodeIf(url, p)) + "</CommonPrefixes>";
    body += "</" + root + '>';
    call.xml(200, body);
}

void StorageService::deleteObjects(Call &call)
{
    if (!requireBucket(call))
        return;
    QXmlStreamReader xml(call.receiver->body());
    bool quiet = false;
    QByteArrayList keys;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("Quiet"))
            quiet = xml.readElementText().trimmed() == QLatin1String("true");
        else if (xml.name() == QLatin1String("Key"))
            keys.append(xml.readElementText().toUtf8());
    }
    if (xml.hasError() || keys.size() > 1000)
        return call.error(400, "MalformedXML", QStringLiteral("The XML you provided was not well-formed or did not validate against our published schema."));
    QByteArray body = "<DeleteResult" + kNamespace + '>';
    for (const QByteArray &key : keys) {
        QString error;
        if (key.isEmpty() || key.size() > kMaxKeyBytes) {
            body += "<Error>" + element("Key", key) + element("Code", "InvalidArgument")
                + element("Message", "Invalid key") + "</Error>";
            continue;
        }
        if (!m_store->deleteObject(call.bucket, key, &error) && !error.isEmpty()) {
            body += "<Error>" + element("Key", key) + element("Code", "InternalError") + element("Message", error.toUtf8())
                + "</Error>";
            continue;
        }
        if (!quiet)
            body += "<Deleted>" + element("Key", key) + "</Deleted>";
    }
    body += "</DeleteResult>";
    call.xml(200, body);
}

bool StorageService::takeBody(Call &call, DataFileJob *job)
{
    QString error;
    if (!call.receiver->closeFile(&error)) {
        call.error(500, "InternalError", error);
        return false;
    }
    job->temp = call.receiver->filePath();
    call.receiver->releaseFile();
    return true;
}

void StorageService::installIntoStore(DataFileJob &job)
{
    ObjectStore *store = m_store.get(); // open until m_worker is drained (closeStores)
    job.install = [store](const QString &temp, QString *error) { return store->installFile(temp, error); };
}

void StorageService::finishDataFile(DataFileJob job, const Reply &reply, std::function<void(Reply &, const DataFileResult &)> then)
{
    installIntoStore(job);
    m_worker->run(std::move(job), this, [this, reply = Reply(reply), then = std::move(then)](const DataFileResult &result) mutable {
        if (result.file.isEmpty())
            return reply.error(500, "InternalError", result.error);
        if (!m_store) // stopped meanwhile: the file has no row and goes at the next open
            return reply.error(503, "ServiceUnavailable", QStringLiteral("The storage service is stopping."));
        then(reply, result);
    });
}

void StorageService::putObject(Call &call)
{
    if (!requireBucket(call))
        return;
    PayloadReceiver *receiver = call.receiver;
    if (receiver->filePath().isEmpty())
        return call.error(500, "InternalError", QStringLiteral("The object body was not kept."));
    if (receiver->size() > kMaxObjectBytes)
        return call.error(400, "EntityTooLarge", QStringLiteral("Your proposed upload exceeds the maximum allowed object size."));
    ObjectRecord record;
    QString problem;
    if (!storedHeaders(call.req, &record.headers, &problem))
        return call.error(400, "MetadataTooLarge", problem);
    if (call.req.hasHeader("x-amz-tagging")) {
        TagProblem tagProblem;
        const std::optional<TagSet> tags = parseTaggingHeader(call.req.header("x-amz-tagging"), &tagProblem);
        if (!tags)
            return call.error(400, tagProblem.code, tagProblem.message);
        record.tags = encodeTagQuery(*tags);
    }
    record.key = call.key;
    record.size = receiver->size();
    record.etag = receiver->md5().toHex();
    const auto checksum = receiver->checksum();
    if (receiver->isInline()) {
        record.data = receiver->body();
        record.modifiedMs = QDateTime::currentMSecsSinceEpoch();
        return commitObject(call, record, checksum);
    }
    DataFileJob job;
    if (!takeBody(call, &job))
        return;
    // fsync and rename on a worker; the row is committed here once the bytes are on disk.
    finishDataFile(std::move(job), call, [this, record, checksum](Reply &reply, const DataFileResult &result) mutable {
        record.file = result.file;
        record.modifiedMs = QDateTime::currentMSecsSinceEpoch();
        commitObject(reply, record, checksum);
    });
}

void StorageService::commitObject(const Reply &reply, const ObjectRecord &record,
                                  const std::optional<QPair<QByteArray, QByteArray>> &checksum)
{
    const QString bucket = reply.bucket;
    commitRow([bucket, record](ObjectStore &store, QString *error) { return store.putObject(bucket, record, error); },
              [this, reply = Reply(reply), record, checksum](bool committed, const QString &error) mutable {
                    if (!committed) {
                        if (m_store)
                            m_store->removeFile(record.file);
                        return reply.error(500, "InternalError", error);
                    }
                    http::Response r;
                    r.setHeader("ETag", quoted(record.etag));
                    if (checksum)
                        r.setHeader(checksum->first, checksum->second);
                    reply.empty(200, r);
                });
}

void StorageService::commitRow(std::function<bool(ObjectStore &store, QString *error)> write,
                               std::function<void(bool committed, const QString &error)> answer)
{
    if (!m_store || !m_committer)
        return answer(false, QStringLiteral("The storage service is stopping."));
    m_committer->commit({std::move(write)}, this, [this, answer = std::move(answer)](const RowCommitter::Outcome &outcome) {
        // Replaced versions' files go now that their rows are gone, or once the last reader
        // still sending them has finished (the service's store holds the leases).
        if (m_store)
            m_store->removeFiles(outcome.replacedFiles);
        answer(outcome.committed && outcome.written.value(0), outcome.committed ? outcome.errors.value(0) : outcome.error);
    });
}

std::optional<ObjectRecord> StorageService::copySource(Call &call, QString *sourceBucket)
{
    QByteArray source = call.req.header("x-amz-copy-source");
    if (const qsizetype q = source.indexOf('?'); q >= 0)
        source.truncate(q); // ?versionId=null: there is only one version
    source = sigv4::percentDecode(source);
    if (source.startsWith('/'))
        source = source.mid(1);
    const qsizetype slash = source.indexOf('/');
    if (slash <= 0 || slash + 1 >= source.size()) {
        call.error(400, "InvalidArgument", QStringLiteral("Copy Source must mention the source bucket and key: sourcebucket/sourcekey"));
        return std::nullopt;
    }
    *sourceBucket = QString::fromUtf8(source.left(slash));
    if (!call.principal || !call.principal->allows(*sourceBucket, false)) {
        call.error(403, "AccessDenied", QStringLiteral("Access Denied"));
        return std::nullopt;
    }
    if (!m_store->bucket(*sourceBucket)) {
        call.error(404, "NoSuchBucket", QStringLiteral("The specified bucket does not exist"));
        return std::nullopt;
    }
    std::optional<ObjectRecord> original = m_store->object(*sourceBucket, source.mid(slash + 1));
    if (!original) {
        call.error(404, "NoSuchKey", QStringLiteral("The specified key does not exist."));
        return std::nullopt;
    }
    if (checkConditions(call.req.headers(), "x-amz-copy-source-", *original, false)) {
        call.error(412, "PreconditionFailed", QStringLiteral("At least one of the pre-conditions you specified did not hold"));
        return std::nullopt;
    }
    return original;
}

void StorageService::copyObject(Call &call)
{
    if (!requireBucket(call))
        return;
    QString sourceBucket;
    const std::optional<ObjectRecord> original = copySource(call, &sourceBucket);
    if (!original)
        return;
    const QByteArray sourceKey = original->key;

    const QByteArray directive = call.req.header("x-amz-metadata-directive").toUpper();
    if (!directive.isEmpty() && directive != "COPY" && directive != "REPLACE")
        return call.error(400, "InvalidArgument", QStringLiteral("Unknown metadata directive."));
    const bool replace = directive == "REPLACE";
    if (sourceBucket == call.bucket && sourceKey == call.key && !replace)
        return call.error(400, "InvalidRequest",
                          QStringLiteral("This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes."));
    const QByteArray tagDirective = call.req.header("x-amz-tagging-directive").toUpper();
    if (!tagDirective.isEmpty() && tagDirective != "COPY" && tagDirective != "REPLACE")
        return call.error(400, "InvalidArgument", QStringLiteral("Unknown tagging directive."));
    ObjectRecord record = *original;
    if (tagDirective == "REPLACE") {
        TagProblem tagProblem;
        const std::optional<TagSet> tags = parseTaggingHeader(call.req.header("x-amz-tagging"), &tagProblem);
        if (!tags)
            return call.error(400, tagProblem.code, tagProblem.message);
        record.tags = encodeTagQuery(*tags);
    }
    if (replace) {
        record.headers.clear();
        QString problem;
        if (!storedHeaders(call.req, &record.headers, &problem))
            return call.error(400, "MetadataTooLarge", problem);
    }
    record.key = call.key;
    const auto commit = [this](Reply &reply, ObjectRecord record) {
        record.modifiedMs = QDateTime::currentMSecsSinceEpoch();
        QString error;
        if (!m_store->bucket(reply.bucket)) {
            m_store->removeFiles(record.files());
            return reply.error(404, "NoSuchBucket", QStringLiteral("The specified bucket does not exist"));
        }
        if (!m_store->putObject(reply.bucket, record, &error)) {
            m_store->removeFiles(record.files());
            return reply.error(500, "InternalError", error);
        }
        reply.xml(200, "<CopyObjectResult" + kNamespace + '>' + element("LastModified", isoTime(record.modifiedMs))
                           + element("ETag", quoted(record.etag)) + "</CopyObjectResult>");
    };
    if (original->isInline()) // the bytes travel in the row
        return commit(call, record);
    // Data files never change, so a second name for the source's is the copy (no bytes move);
    // a multipart source gets one for each of its parts.
    QString error;
    if (!original->segments.isEmpty()) {
        bool linked = true;
        for (ObjectSegment &segment : record.segments) {
            segment.file = m_store->linkFile(segment.file, &error);
            linked = linked && !segment.file.isEmpty();
        }
        if (linked)
            return commit(call, record);
        for (const ObjectSegment &segment : record.segments)
            m_store->removeFile(segment.file);
        record.segments.clear();
    } else {
        record.file = m_store->linkFile(original->file, &error);
        if (!record.file.isEmpty())
            return commit(call, record);
    }
    // A filesystem without hard links: the bytes are copied into one file on a worker thread.
    DataFileJob job;
    job.temp = m_store->newTempPath();
    FileLease lease;
    if (!original->segments.isEmpty()) {
        job.segments = segmentRanges(*m_store, *original, 0, original->size);
        lease = m_store->lease(original->files());
    } else {
        job.segments.append({m_store->absolutePath(original->file), ::open(QFile::encodeName(m_store->absolutePath(original->file)).constData(), O_RDONLY | O_CLOEXEC), 0, original->size});
    }
    finishDataFile(std::move(job), call, [record, commit, lease](Reply &reply, const DataFileResult &result) mutable {
        record.file = result.file;
        commit(reply, record);
    });
}

void StorageService::getObject(Call &call)
{
    if (!requireBucket(call))
        return;
    const std::optional<ObjectRecord> object = m_store->object(call.bucket, call.key);
    if (!object)
        return call.error(404, "NoSuchKey", QStringLiteral("The specified key does not exist."));

    http::Response head;
    head.setHeader("ETag", quoted(object->etag));
    head.setHeader("Last-Modified", httpTime(object->modifiedMs));
    head.setHeader("Accept-Ranges", "bytes");
    if (const int status = checkConditions(call.req.headers(), "", *object, true)) {
        if (status == 304)
            return call.empty(304, head);
        return call.error(412, "PreconditionFailed", QStringLiteral("At least one of the pre-conditions you specified did not hold"));
    }
    for (const auto &[name, value] : object->headers)
        head.setHeader(name, value);
    if (const qsizetype tagCount = decodeTagQuery(object->tags).size())
        head.setHeader("x-amz-tagging-count", QByteArray::number(tagCount));
    // response-* query parameters override what was stored (signed requests only, as in S3).
    static const std::pair<const char *, const char *> kOverrides[] = {
        {"response-content-type", "Content-Type"}, {"response-content-language", "Content-Language"},
        {"response-expires", "Expires"}, {"response-cache-control", "Cache-Control"},
        {"response-content-disposition", "Content-Disposition"}, {"response-content-encoding", "Content-Encoding"}};
    for (const auto &[param, header] : kOverrides) {
        if (call.req.hasQueryItem(QString::fromLatin1(param)))
            head.setHeader(header, call.req.queryValue(QString::fromLatin1(param)).toUtf8());
    }

    qint64 start = 0, length = object->size;
    head.status = 200;
    if (call.req.hasHeader("Range")) {
        if (const std::optional<ByteRange> range = parseRange(call.req.header("Range"), object->size)) {
            if (range->length < 0) {
                call.error(416, "InvalidRange", QStringLiteral("The requested range is not satisfiable"));
                return;
            }
            start = range->start;
            length = range->length;
            head.status = 206;
            head.setHeader("Content-Range", "bytes " + QByteArray::number(start) + '-' + QByteArray::number(start + length - 1)
                                                + '/' + QByteArray::number(object->size));
        }
    }
    head.setHeader("Content-Length", QByteArray::number(length));
    if (object->isInline()) {
        head.body = object->data.mid(start, length);
        return call.send(std::move(head));
    }
    if (!object->segments.isEmpty()) {
        // A multipart object reads from its parts' files in turn; the lease keeps them on disk
        // until the answer is sent, whatever happens to the object meanwhile.
        auto parts = std::make_unique<SegmentedFile>(m_store->root(), object->segments, m_store->lease(object->files()));
        if (!parts->open(QIODevice::ReadOnly | QIODevice::Unbuffered) || !parts->seek(start))
            return call.error(500, "InternalError", QStringLiteral("The object's data cannot be read."));
        return call.res.sendDevice(call.withIds(std::move(head)), parts.release(), length);
    }
    auto file = std::make_unique<ReadAheadFile>(m_store->absolutePath(object->file));
    if (!file->open(QIODevice::ReadOnly) || !file->seek(start))
        return call.error(500, "InternalError", QStringLiteral("The object's data cannot be read."));
    call.res.sendDevice(call.withIds(std::move(head)), file.release(), length);
}

void StorageService::deleteObject(Call &call)
{
    if (!requireBucket(call))
        return;
    QString error;
    if (!m_store->deleteObject(call.bucket, call.key, &error) && !error.isEmpty())
        return call.error(500, "InternalError", error);
    call.empty(204);
}

void StorageService::createUpload(Call &call)
{
    if (!requireBucket(call))
        return;
    UploadRecord upload;
    QString problem;
    if (!storedHeaders(call.req, &upload.headers, &problem))
        return call.error(400, "MetadataTooLarge", problem);
    if (call.req.hasHeader("x-amz-tagging")) {
        TagProblem tagProblem;
        const std::optional<TagSet> tags = parseTaggingHeader(call.req.header("x-amz-tagging"), &tagProblem);
        if (!tags)
            return call.error(400, tagProblem.code, tagProblem.message);
        upload.tags = encodeTagQuery(*tags);
    }
    upload.id = core::Secrets::randomToken(48).toLatin1();
    upload.bucket = call.bucket;
    upload.key = call.key;
    upload.initiatedMs = QDateTime::currentMSecsSinceEpoch();
    QString error;
    if (!m_store->createUpload(upload, &error))
        return call.error(500, "InternalError", error);
    call.xml(200, "<InitiateMultipartUploadResult" + kNamespace + '>' + element("Bucket", call.bucket.toUtf8())
                      + element("Key", call.key) + element("UploadId", upload.id) + "</InitiateMultipartUploadResult>");
}

void StorageService::uploadPart(Call &call)
{
    if (!requireBucket(call))
        return;
    bool ok = false;
    const int number = call.req.queryValue(QStringLiteral("partNumber")).toInt(&ok);
    if (!ok || number < 1 || number > kMaxParts)
        return call.error(400, "InvalidArgument", QStringLiteral("Part number must be an integer between 1 and 10000, inclusive"));
    const QByteArray uploadId = call.req.queryValue(QStringLiteral("uploadId")).toUtf8();
    const std::optional<UploadRecord> upload = m_store->upload(uploadId);
    if (!upload || upload->bucket != call.bucket || upload->key != call.key)
        return call.error(404, "NoSuchUpload", QStringLiteral("The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed."));
    if (call.req.hasHeader("x-amz-copy-source"))
        return uploadPartCopy(call, uploadId, number);
    PayloadReceiver *receiver = call.receiver;
    if (receiver->filePath().isEmpty())
        return call.error(500, "InternalError", QStringLiteral("The part body was not kept."));
    PartRecord part;
    part.number = number;
    part.size = receiver->size();
    part.etag = receiver->md5().toHex();
    const auto checksum = receiver->checksum();
    DataFileJob job;
    if (!takeBody(call, &job))
        return;
    // fsync, rename and directory fsync on a worker, which hands the row to the committer at
    // once: the part is answered after its commit, with no turn of this thread in between.
    installIntoStore(job);
    m_worker->run(std::move(job), [this, reply = Reply(call), part, checksum, uploadId](DataFileResult result) mutable {
        if (result.file.isEmpty()) {
            QMetaObject::invokeMethod(this, [reply, error = result.error]() mutable { reply.error(500, "InternalError", error); },
                                      Qt::QueuedConnection);
            return;
        }
        part.file = result.file;
        commitPart(reply, uploadId, part, [checksum](Reply &reply, const PartRecord &part) {
            http::Response r;
            r.setHeader("ETag", quoted(part.etag));
            if (checksum)
                r.setHeader(checksum->first, checksum->second);
            reply.empty(200, r);
        });
    });
}

void StorageService::commitPart(const Reply &reply, const QByteArray &uploadId, PartRecord part,
                                std::function<void(Reply &, const PartRecord &)> answer)
{
    part.modifiedMs = QDateTime::currentMSecsSinceEpoch();
    // m_committer lives until closeStores(), which first waits for the workers that call this.
    auto noUpload = std::make_shared<bool>(false);
    m_committer->commit(
        {[uploadId, part, noUpload](ObjectStore &store, QString *error) { return store.putPart(uploadId, part, error, noUpload.get()); }},
        this, [this, reply = Reply(reply), part, noUpload, answer = std::move(answer)](const RowCommitter::Outcome &outcome) mutable {
            // A part uploaded again under its number replaced a file, gone now that the row is.
            if (m_store)
                m_store->removeFiles(outcome.replacedFiles);
            if (!outcome.committed || !outcome.written.value(0)) {
                if (m_store) // otherwise the file has no row and goes at the next open
                    m_store->removeFile(part.file);
                if (*noUpload) // aborted or completed while the part was written
                    return reply.error(404, "NoSuchUpload", QStringLiteral("The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed."));
                return reply.error(500, "InternalError", outcome.committed ? outcome.errors.value(0) : outcome.error);
            }
            answer(reply, part);
        });
}

void StorageService::uploadPartCopy(Call &call, const QByteArray &uploadId, int number)
{
    QString sourceBucket;
    const std::optional<ObjectRecord> source = copySource(call, &sourceBucket);
    if (!source)
        return;
    qint64 start = 0, length = source->size;
    if (const QByteArray range = call.req.header("x-amz-copy-source-range"); !range.isEmpty()) {
        // Only "bytes=first-last", both given and inside the source.
        const QByteArray spec = range.trimmed().startsWith("bytes=") ? range.trimmed().mid(6) : QByteArray();
        const qsizetype dash = spec.indexOf('-');
        bool ok1 = false, ok2 = false;
        const qint64 first = spec.left(dash).toLongLong(&ok1), last = spec.mid(dash + 1).toLongLong(&ok2);
        if (dash < 0 || !ok1 || !ok2 || first > last || last >= source->size)
            return call.error(400, "InvalidArgument", QStringLiteral("Range specified is not valid for source object of size: %1").arg(source->size));
        start = first;
        length = last - first + 1;
    }
    PartRecord part;
    part.number = number;
    part.size = length;
    const auto answerCopied = [this, uploadId](Reply &reply, const PartRecord &part) {
        commitPart(reply, uploadId, part, [](Reply &reply, const PartRecord &part) {
            reply.xml(200, "<CopyPartResult" + kNamespace + '>' + element("LastModified", isoTime(part.modifiedMs))
                               + element("ETag", quoted(part.etag)) + "</CopyPartResult>");
        });
    };
    if (source->isInline()) {
        // A small source: its bytes become the part's file here, synced on a worker.
        const QByteArray bytes = source->data.mid(start, length);
        DataFileJob job;
        job.temp = m_store->newTempPath();
        QFile out(job.temp);
        if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size() || !out.flush())
            return call.error(500, "InternalError", QStringLiteral("cannot write the part: %1").arg(out.errorString()));
        out.close();
        part.etag = QCryptographicHash::hash(bytes, QCryptographicHash::Md5).toHex();
        return finishDataFile(std::move(job), call, [part, answerCopied](Reply &reply, const DataFileResult &result) mutable {
            part.file = result.file;
            answerCopied(reply, part);
        });
    }
    // The bytes are read and hashed (the part's ETag is their MD5) on a worker thread; the
    // source is opened here (or its part files leased), so it reads whole even if it is
    // replaced meanwhile.
    DataFileJob job;
    job.temp = m_store->newTempPath();
    job.md5 = true;
    FileLease lease;
    if (!source->segments.isEmpty()) {
        job.segments = segmentRanges(*m_store, *source, start, length);
        lease = m_store->lease(source->files());
    } else {
        const QString sourcePath = m_store->absolutePath(source->file);
        const int fd = ::open(QFile::encodeName(sourcePath).constData(), O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            return call.error(500, "InternalError", QStringLiteral("The source object's data cannot be read."));
        job.segments.append({sourcePath, fd, start, length});
    }
    finishDataFile(std::move(job), call, [part, answerCopied, lease](Reply &reply, const DataFileResult &result) mutable {
        part.file = result.file;
        part.etag = result.md5.toHex();
        answerCopied(reply, part);
    });
}

void StorageService::completeUpload(Call &call)
{
    if (!requireBucket(call))
        return;
    const QByteArray uploadId = call.req.queryValue(QStringLiteral("uploadId")).toUtf8();
    const std::optional<UploadRecord> upload = m_store->upload(uploadId);
    const auto answer = [](Reply &reply, const QByteArray &etag) {
        reply.xml(200, "<CompleteMultipartUploadResult" + kNamespace + '>'
                           + element("Location", "/" + reply.bucket.toUtf8() + '/' + sigv4::uriEncode(reply.key, true))
                           + element("Bucket", reply.bucket.toUtf8()) + element("Key", reply.key)
                           + element("ETag", quoted(etag)) + "</CompleteMultipartUploadResult>");
    };
    if (!upload || upload->bucket != call.bucket || upload->key != call.key) {
        // A repeated Complete of an upload that already made this object succeeds again.
        if (const auto done = m_store->completedUpload(uploadId); done && done->first == call.key) {
            const std::optional<ObjectRecord> current = m_store->object(call.bucket, call.key);
            if (current && current->etag == done->second)
                return answer(call, done->second);
        }
        return call.error(404, "NoSuchUpload", QStringLiteral("The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed."));
    }
    QList<QPair<int, QByteArray>> requested;
    if (!parseCompleteParts(call.receiver->body(), &requested))
        return call.error(400, "MalformedXML", QStringLiteral("The XML you provided was not well-formed or did not validate against our published schema."));
    QHash<int, PartRecord> stored;
    for (const PartRecord &p : m_store->parts(uploadId))
        stored.insert(p.number, p);
    QList<PartRecord> chosen;
    int previous = 0;
    for (const auto &[number, etag] : requested) {
        if (number <= previous)
            return call.error(400, "InvalidPartOrder", QStringLiteral("The list of parts was not in ascending order. Parts must be ordered by part number."));
        previous = number;
        const auto it = stored.constFind(number);
        if (it == stored.constEnd() || (!etag.isEmpty() && it->etag != etag))
            return call.error(400, "InvalidPart", QStringLiteral("One or more of the specified parts could not be found. The part may not have been uploaded, or the specified entity tag may not have matched the part's entity tag."));
        chosen.append(*it);
    }
    for (qsizetype i = 0; i + 1 < chosen.size(); ++i) {
        if (chosen[i].size < kMinPartBytes)
            return call.error(400, "EntityTooSmall", QStringLiteral("Your proposed upload is smaller than the minimum allowed object size."));
    }

    // The object is the parts' files in order, where they already are: only its row is written
    // (one commit), and it becomes visible with that commit. Part files are immutable, and
    // each was fsynced and renamed into the store when its part was acknowledged.
    QCryptographicHash md5s(QCryptographicHash::Md5);
    ObjectRecord record;
    for (const PartRecord &p : chosen) {
        md5s.addData(QByteArray::fromHex(p.etag));
        record.size += p.size;
        record.segments.append({p.file, p.size});
    }
    record.key = call.key;
    record.etag = md5s.result().toHex() + '-' + QByteArray::number(chosen.size());
    record.headers = upload->headers;
    record.tags = upload->tags;
    record.modifiedMs = QDateTime::currentMSecsSinceEpoch();
    QString error;
    bool partsChanged = false;
    if (!m_store->completeUpload(*upload, record, &error, &partsChanged)) {
        if (partsChanged) // a part was uploaded again (committed on the committer's connection) meanwhile
            return call.error(409, "OperationAborted", QStringLiteral("A conflicting conditional operation is currently in progress against this resource. Please try again."));
        return call.error(500, "InternalError", error);
    }
    answer(call, record.etag);
}

void StorageService::abortUpload(Call &call)
{
    if (!requireBucket(call))
        return;
    const QByteArray uploadId = call.req.queryValue(QStringLiteral("uploadId")).toUtf8();
    const std::optional<UploadRecord> upload = m_store->upload(uploadId);
    if (!upload || upload->bucket != call.bucket || upload->key != call.key)
        return call.error(404, "NoSuchUpload", QStringLiteral("The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed."));
    QString error;
    if (!m_store->abortUpload(uploadId, &error))
        return call.error(500, "InternalError", error);
    call.empty(204);
}

void StorageService::listParts(Call &call)
{
    if (!requireBucket(call))
        return;
    const QByteArray uploadId = call.req.queryValue(QStringLiteral("uploadId")).toUtf8();
    const std::optional<UploadRecord> upload = m_store->upload(uploadId);
    if (!upload || upload->bucket != call.bucket || upload->key != call.key)
        return call.error(404, "NoSuchUpload", QStringLiteral("The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed."));
    int maxParts = 1000;
    if (call.req.hasQueryItem(QStringLiteral("max-parts")))
        maxParts = qBound(0, call.req.queryValue(QStringLiteral("max-parts")).toInt(), 1000);
    const int marker = call.req.queryValue(QStringLiteral("part-number-marker")).toInt();
    QByteArray partsXml;
    int count = 0, last = marker;
    bool truncated = false;
    for (const PartRecord &p : m_store->parts(uploadId)) {
        if (p.number <= marker)
            continue;
        if (count == maxParts) {
            truncated = true;
            break;
        }
        partsXml += "<Part>" + element("PartNumber", QByteArray::number(p.number)) + element("LastModified", isoTime(p.modifiedMs))
            + element("ETag", quoted(p.etag)) + element("Size", QByteArray::number(p.size)) + "</Part>";
        last = p.number;
        ++count;
    }
    call.xml(200, "<ListPartsResult" + kNamespace + '>' + element("Bucket", call.bucket.toUtf8()) + element("Key", call.key)
                      + element("UploadId", uploadId) + "<Initiator><ID>" + kOwnerId + "</ID><DisplayName>" + kOwnerId
                      + "</DisplayName></Initiator>" + ownerXml() + "<StorageClass>STANDARD</StorageClass>"
                      + element("PartNumberMarker", QByteArray::number(marker))
                      + element("NextPartNumberMarker", QByteArray::number(last)) + element("MaxParts", QByteArray::number(maxParts))
                      + element("IsTruncated", truncated ? "true" : "false") + partsXml + "</ListPartsResult>");
}

void StorageService::listUploads(Call &call)
{
    const QByteArray prefix = call.req.queryValue(QStringLiteral("prefix")).toUtf8();
    const QByteArray keyMarker = call.req.queryValue(QStringLiteral("key-marker")).toUtf8();
    const QByteArray idMarker = call.req.queryValue(QStringLiteral("upload-id-marker")).toUtf8();
    int maxUploads = 1000;
    if (call.req.hasQueryItem(QStringLiteral("max-uploads")))
        maxUploads = qBound(0, call.req.queryValue(QStringLiteral("max-uploads")).toInt(), 1000);
    QByteArray uploadsXml, nextKey, nextId;
    int count = 0;
    bool truncated = false;
    bool pastMarker = keyMarker.isEmpty();
    for (const UploadRecord &u : m_store->uploads(call.bucket, prefix)) {
        if (!pastMarker) {
            // Uploads of the marker key come after its upload-id-marker; later keys all count.
            if (u.key < keyMarker || (u.key == keyMarker && (idMarker.isEmpty() || u.id != idMarker)))
                continue;
            if (u.key == keyMarker) {
                pastMarker = true;
                continue;
            }
            pastMarker = true;
        }
        if (count == maxUploads) {
            truncated = true;
            break;
        }
        uploadsXml += "<Upload>" + element("Key", u.key) + element("UploadId", u.id) + "<Initiator><ID>" + kOwnerId
            + "</ID><DisplayName>" + kOwnerId + "</DisplayName></Initiator>" + ownerXml()
            + "<StorageClass>STANDARD</StorageClass>" + element("Initiated", isoTime(u.initiatedMs)) + "</Upload>";
        nextKey = u.key;
        nextId = u.id;
        ++count;
    }
    call.xml(200, "<ListMultipartUploadsResult" + kNamespace + '>' + element("Bucket", call.bucket.toUtf8())
                      + element("KeyMarker", keyMarker) + element("UploadIdMarker", idMarker)
                      + element("NextKeyMarker", nextKey) + element("NextUploadIdMarker", nextId)
                      + element("Prefix", prefix) + element("MaxUploads", QByteArray::number(maxUploads))
                      + element("IsTruncated", truncated ? "true" : "false") + uploadsXml + "</ListMultipartUploadsResult>");
}

bool StorageService::anonymousAllowed(const http::Request &req, const Target &target)
{
    if (!m_store || target.bucket.isEmpty() || isAccessKeysPath(req.rawPath()))
        return false;
    if (req.method() != "GET" && req.method() != "HEAD")
        return false;
    const QByteArray policyJson = m_store->bucketPolicy(target.bucket);
    if (policyJson.isEmpty())
        return false;
    QString ignored;
    const std::optional<BucketPolicy> policy = parseBucketPolicy(policyJson, target.bucket, &ignored);
    if (!policy)
        return false;
    const auto has = [&](const char *name) { return req.hasQueryItem(QString::fromLatin1(name)); };
    if (!target.key.isEmpty()) {
        // s3:GetObject is the object's bytes and headers, not its subresources.
        for (const char *subresource : {"tagging", "acl", "uploadId", "attributes", "retention", "legal-hold", "torrent"}) {
            if (has(subresource))
                return false;
        }
        return policy->allowsGetObject(target.key);
    }
    // s3:ListBucket: ListObjects (v1, v2) and HeadBucket, no other bucket subresource.
    for (const auto &[name, value] : req.queryItems()) {
        static const QStringList listParameters = {
            QStringLiteral("list-type"), QStringLiteral("prefix"), QStringLiteral("delimiter"), QStringLiteral("max-keys"),
            QStringLiteral("continuation-token"), QStringLiteral("start-after"), QStringLiteral("fetch-owner"),
            QStringLiteral("encoding-type"), QStringLiteral("marker")};
        if (!listParameters.contains(name))
            return false;
    }
    return policy->listable;
}

void StorageService::accessKeysApi(Call &call)
{
    const QByteArray rest = call.req.rawPath().mid(kAccessKeysPath.size());
    const QByteArray &method = call.req.method();
    const auto json = [&](int status, const QJsonObject &body) {
        call.send(http::Response(status, "application/json", QJsonDocument(body).toJson(QJsonDocument::Compact)));
    };
    if (rest.isEmpty() && method == "GET") {
        QJsonArray keys;
        for (const AccessKey &key : m_keys->scopedKeys())
            keys.append(accessKeyJson(key));
        return json(200, QJsonObject{{QStringLiteral("keys"), keys}});
    }
    if (rest.isEmpty() && method == "POST") {
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(call.receiver ? call.receiver->body() : QByteArray(), &parseError);
        if (!doc.isObject())
            return call.error(400, "MalformedJSON", QStringLiteral("The body must be a JSON object: %1").arg(parseError.errorString()));
        const QJsonObject o = doc.object();
        QStringList buckets;
        for (const QJsonValue &b : o.value(QStringLiteral("buckets")).toArray())
            buckets.append(b.toString());
        const QString access = o.value(QStringLiteral("access")).toString(QStringLiteral("read-only"));
        if (access != QLatin1String("read-only") && access != QLatin1String("read-write"))
            return call.error(400, "InvalidArgument", QStringLiteral("\"access\" is \"read-only\" or \"read-write\"."));
        QString error;
        const std::optional<AccessKey> key = m_keys->create(o.value(QStringLiteral("name")).toString(), buckets,
                                                            access == QLatin1String("read-only"), &error);
        if (!key)
            return call.error(400, "InvalidArgument", error);
        qCInfo(lcStorage) << "access key" << key->accessKey << "made for" << key->buckets << access;
        QJsonObject body = accessKeyJson(*key);
        body.insert(QStringLiteral("secret_key"), QString::fromLatin1(key->secretKey));
        return json(200, body);
    }
    if (rest.size() > 1 && method == "DELETE") {
        const QByteArray accessKey = sigv4::percentDecode(rest.mid(1));
        QString error;
        if (!m_keys->revoke(accessKey, &error)) {
            if (!error.isEmpty())
                return call.error(500, "InternalError", error);
            return call.error(404, "NoSuchAccessKey", accessKey == m_accessKey
                                  ? QStringLiteral("The root key cannot be revoked.")
                                  : QStringLiteral("The access key does not exist."));
        }
        qCInfo(lcStorage) << "access key" << accessKey << "revoked";
        return call.empty(204);
    }
    call.error(405, "MethodNotAllowed", QStringLiteral("The specified method is not allowed against this resource."));
}

void StorageService::putBucketPolicy(Call &call)
{
    const QByteArray body = call.receiver ? call.receiver->body() : QByteArray();
    QString problem;
    if (!parseBucketPolicy(body, call.bucket, &problem))
        return call.error(400, "MalformedPolicy", problem);
    QString error;
    if (!m_store->setBucketPolicy(call.bucket, body, &error))
        return call.error(500, "InternalError", error);
    call.empty(204);
}

void StorageService::objectTagging(Call &call)
{
    if (!requireBucket(call))
        return;
    const QByteArray &method = call.req.method();
    if (method != "GET" && method != "PUT" && method != "DELETE")
        return call.error(405, "MethodNotAllowed", QStringLiteral("The specified method is not allowed against this resource."));
    const std::optional<ObjectRecord> object = m_store->object(call.bucket, call.key);
    if (!object)
        return call.error(404, "NoSuchKey", QStringLiteral("The specified key does not exist."));
    if (method == "GET")
        return call.xml(200, taggingXml(decodeTagQuery(object->tags)));
    QByteArray tags;
    if (method == "PUT") {
        TagProblem problem;
        const std::optional<TagSet> parsed = parseTaggingXml(call.receiver ? call.receiver->body() : QByteArray(), &problem);
        if (!parsed)
            return call.error(400, problem.code, problem.message);
        tags = encodeTagQuery(*parsed);
    }
    QString error;
    if (!m_store->setObjectTags(call.bucket, call.key, tags, &error)) {
        if (!error.isEmpty())
            return call.error(500, "InternalError", error);
        return call.error(404, "NoSuchKey", QStringLiteral("The specified key does not exist."));
    }
    call.empty(method == "PUT" ? 200 : 204);
}

void StorageService::bucketTagging(Call &call)
{
    if (!requireBucket(call))
        return;
    const QByteArray &method = call.req.method();
    QString error;
    if (method == "GET") {
        const QByteArray tags = m_store->bucketTags(call.bucket);
        if (tags.isEmpty())
            return call.error(404, "NoSuchTagSet", QStringLiteral("The TagSet does not exist"));
        return call.xml(200, taggingXml(decodeTagQuery(tags)));
    }
    if (method == "DELETE") {
        if (!m_store->setBucketTags(call.bucket, {}, &error))
            return call.error(500, "InternalError", error);
        return call.empty(204);
    }
    if (method != "PUT")
        return call.error(405, "MethodNotAllowed", QStringLiteral("The specified method is not allowed against this resource."));
    TagProblem problem;
    const std::optional<TagSet> tags = parseTaggingXml(call.receiver ? call.receiver->body() : QByteArray(), &problem, kMaxBucketTags);
    if (!tags)
        return call.error(400, problem.code, problem.message);
    // An empty TagSet leaves the bucket without tags, as DeleteBucketTagging does.
    if (!m_store->setBucketTags(call.bucket, encodeTagQuery(*tags), &error))
        return call.error(500, "InternalError", error);
    call.empty(204);
}

PostFormVerdict StorageService::verifyPostForm(const QString &bucket, const FormFields &fields)
{
    const auto refuse = [](int status, const QByteArray &code, const QString &message) {
        return PostFormVerdict{status, code, message, 0, -1, {}};
    };
    if (!m_store || !m_keys)
        return refuse(503, "ServiceUnavailable", QStringLiteral("The storage service is stopping."));
    if (!m_store->bucket(bucket))
        return refuse(404, "NoSuchBucket", QStringLiteral("The specified bucket does not exist"));
    const std::optional<QByteArray> policyText = formField(fields, "policy");
    const std::optional<QByteArray> signature = formField(fields, "x-amz-signature");
    const std::optional<QByteArray> v2Signature = formField(fields, "signature");
    const std::optional<QByteArray> v2AccessKey = formField(fields, "AWSAccessKeyId");
    const QString mismatch = QStringLiteral("The request signature we calculated does not match the signature you provided. Check your key and signing method.");
    std::optional<AccessKey> key;
    if (policyText && !signature && v2Signature && v2AccessKey) {
        // Signature version 2, as S3 still takes it on forms (and boto 2 makes it): the
        // base64 HMAC-SHA1 of the base64 policy, keyed with the secret.
        key = m_keys->find(v2AccessKey->trimmed());
        if (!key)
            return refuse(403, "InvalidAccessKeyId", QStringLiteral("The AWS Access Key Id you provided does not exist in our records."));
        const QByteArray expected = QMessageAuthenticationCode::hash(*policyText, key->secretKey, QCryptographicHash::Sha1).toBase64();
        if (!sigv4::constantTimeEquals(expected, v2Signature->trimmed()))
            return refuse(403, "SignatureDoesNotMatch", mismatch);
    } else {
        if (!policyText || !signature)
            return refuse(403, "AccessDenied", QStringLiteral("Access Denied: a form upload needs a signed policy (x-amz-signature, or AWSAccessKeyId and signature)."));
        if (formField(fields, "x-amz-algorithm").value_or(QByteArray()) != "AWS4-HMAC-SHA256")
            return refuse(400, "InvalidArgument", QStringLiteral("x-amz-algorithm must be AWS4-HMAC-SHA256."));
        const QByteArrayList credential = formField(fields, "x-amz-credential").value_or(QByteArray()).split('/');
        if (credential.size() != 5 || credential[3] != "s3" || credential[4] != "aws4_request")
            return refuse(400, "InvalidArgument", QStringLiteral("x-amz-credential must be <key>/<date>/<region>/s3/aws4_request."));
        key = m_keys->find(credential[0]);
        if (!key)
            return refuse(403, "InvalidAccessKeyId", QStringLiteral("The AWS Access Key Id you provided does not exist in our records."));
        const QByteArray signingKey = sigv4::cachedSigningKey(key->secretKey, credential[1], credential[2], credential[3]);
        const QByteArray expected = sigv4::hmacSha256(signingKey, *policyText).toHex();
        if (!sigv4::constantTimeEquals(expected, signature->trimmed().toLower()))
            return refuse(403, "SignatureDoesNotMatch", mismatch);
    }
    if (!key->allows(bucket, true))
        return refuse(403, "AccessDenied", QStringLiteral("Access Denied"));
    QString problem;
    const std::optional<PostPolicy> policy = PostPolicy::parse(*policyText, &problem);
    if (!policy)
        return refuse(400, "InvalidPolicyDocument", problem);
    if (!policy->check(fields, bucket, QDateTime::currentDateTimeUtc(), &problem))
        return refuse(403, "AccessDenied", problem);
    const std::optional<QByteArray> objectKey = formField(fields, "key");
    if (!objectKey || objectKey->isEmpty())
        return refuse(400, "InvalidArgument", QStringLiteral("Bucket POST must contain a field named 'key'.  If it is specified, please check the order of the fields."));
    return PostFormVerdict{0, {}, {}, policy->minLength, policy->maxLength, key->accessKey};
}

void StorageService::postObject(Call &call)
{
    PostObjectReceiver *form = call.form;
    if (form->failed())
        return call.error(form->status(), form->errorCode(), form->errorMessage());
    const FormFields &fields = form->fields();
    QByteArray key = formField(fields, "key").value_or(QByteArray());
    key.replace("${filename}", form->fileName());
    call.key = key;
    if (key.isEmpty() || key.size() > kMaxKeyBytes)
        return call.error(400, key.isEmpty() ? "InvalidArgument" : "KeyTooLongError",
                          key.isEmpty() ? QStringLiteral("The key must not be empty.") : QStringLiteral("Your key is too long"));
    if (!requireBucket(call))
        return;

    ObjectRecord record;
    // The object's headers come from the form's fields, as a PUT's come from its headers.
    QByteArray contentType = formField(fields, "Content-Type").value_or(form->fileContentType());
    record.headers.append({"Content-Type", contentType.isEmpty() ? QByteArray("binary/octet-stream") : contentType});
    qsizetype metadataBytes = 0;
    for (const auto &[name, value] : fields) {
        const QByteArray lowerName = name.toLower();
        if (lowerName.startsWith("x-amz-meta-")) {
            metadataBytes += lowerName.size() - 11 + value.size();
            record.headers.append({lowerName, value});
        }
        for (const char *header : {"Cache-Control", "Content-Disposition", "Content-Encoding", "Content-Language", "Expires"}) {
            if (lowerName == QByteArray(header).toLower())
                record.headers.append({header, value});
        }
    }
    if (metadataBytes > kMaxMetadataBytes)
        return call.error(400, "MetadataTooLarge", QStringLiteral("Your metadata headers exceed the maximum allowed metadata size."));
    if (const std::optional<QByteArray> tagging = formField(fields, "tagging")) {
        TagProblem problem;
        const std::optional<TagSet> tags = parseTaggingXml(*tagging, &problem);
        if (!tags)
            return call.error(400, problem.code, problem.message);
        record.tags = encodeTagQuery(*tags);
    }

    record.key = key;
    record.size = form->size();
    record.etag = form->md5().toHex();

    // The answer the form asked for, sent once the object is committed.
    const QByteArray location = "/" + sigv4::uriEncode(call.bucket.toUtf8(), false) + '/' + sigv4::uriEncode(key, true);
    http::Response answer;
    answer.status = 204;
    answer.setHeader("ETag", quoted(record.etag));
    answer.setHeader("Location", location);
    const QByteArray status = formField(fields, "success_action_status").value_or("204");
    if (status == "201") {
        answer.status = 201;
        answer.setHeader("Content-Type", "application/xml");
        answer.body = kXmlHead + "<PostResponse>" + element("Location", location) + element("Bucket", call.bucket.toUtf8())
            + element("Key", key) + element("ETag", quoted(record.etag)) + "</PostResponse>";
    } else if (status == "200") {
        answer.status = 200;
    }
    if (const std::optional<QByteArray> redirect = formField(fields, "success_action_redirect"); redirect && !redirect->isEmpty()) {
        const QUrl target = QUrl::fromEncoded(*redirect);
        if (target.isValid() && (target.scheme() == QLatin1String("http") || target.scheme() == QLatin1String("https"))) {
            const QByteArray query = "bucket=" + sigv4::uriEncode(call.bucket.toUtf8(), false) + "&key="
                + sigv4::uriEncode(key, false) + "&etag=" + sigv4::uriEncode(quoted(record.etag), false);
            answer = http::Response();
            answer.status = 303;
            answer.setHeader("ETag", quoted(record.etag));
            answer.setHeader("Location", *redirect + (redirect->contains('?') ? '&' : '?') + query);
        }
    }

    QString error;
    if (!form->closeFile(&error))
        return call.error(500, "InternalError", error);
    DataFileJob job;
    job.temp = form->filePath();
    form->releaseFile();
    // fsync and rename on a worker, then the row commits with the other writes, as for a PUT.
    finishDataFile(std::move(job), call, [this, record, answer](Reply &reply, const DataFileResult &result) mutable {
        record.file = result.file;
        record.modifiedMs = QDateTime::currentMSecsSinceEpoch();
        const QString bucket = reply.bucket;
        commitRow([bucket, record](ObjectStore &store, QString *error) { return store.putObject(bucket, record, error); },
                    [this, reply, record, answer](bool committed, const QString &error) mutable {
                        if (!committed) {
                            if (m_store)
                                m_store->removeFile(record.file);
                            return reply.error(500, "InternalError", error);
                        }
                        reply.send(answer);
                    });
    });
}

} // namespace homeport::storage
