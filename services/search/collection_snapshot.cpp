// Index snapshots: where a collection's documents lie in its log and its whole index (token
// dictionary, posting lists, number, geo and facet columns) as one binary file, so a restart maps it back instead of parsing
// and tokenising every document of the log again (the replay costs 28-56 µs of CPU a document).
//
// Layout: the magic, the payload's length and a 64-bit checksum of it, then the payload: how much
// of the document log it covers (bytes, records, and a fingerprint of that part's first and last
// 64 KiB), the schema it was built with, then the collection's state, field by field. Every count
// and index is checked against what was read before it, so a damaged or foreign file is refused
// (readSnapshot returns false) rather than trusted; the service then replays the whole log.
#include "collection.h"
#include "collection_snapshot.h"

#include "core/atomic_file.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace homeport::search {

namespace {

// 03: fields with a locale other than English split Chinese, Japanese and Thai into words, and
// the marks of those scripts are kept (02 held their runs whole and without marks);
// 02: documents as their place in the log (01 held their bytes)
constexpr char kMagic[8] = {'H', 'P', 'S', 'I', 'D', 'X', '0', '3'};
constexpr qint64 kHeaderBytes = 8 + 8 + 8; // magic, payload length, payload checksum
constexpr qint64 kFingerprintBytes = 64 << 10;

// A fast 64-bit checksum (words multiplied and rotated in): it detects damage, it is not a MAC.
class Checksum
{
public:
    void add(const char *data, qint64 n)
    {
        // Bytes are fed in any split; whole words are mixed from an 8-byte carry.
        while (n > 0) {
            if (m_carryLength == 0) {
                while (n >= 8) {
                    quint64 w;
                    std::memcpy(&w, data, 8);
                    mix(w);
                    data += 8;
                    n -= 8;
                }
                if (n == 0)
                    break;
            }
            const qint64 take = std::min<qint64>(n, 8 - m_carryLength);
            std::memcpy(m_carry + m_carryLength, data, size_t(take));
            m_carryLength += int(take);
            data += take;
            n -= take;
            if (m_carryLength == 8) {
                quint64 w;
                std::memcpy(&w, m_carry, 8);
                mix(w);
                m_carryLength = 0;
            }
        }
    }
    quint64 value() const
    {
        quint64 w = 0;
        std::memcpy(&w, m_carry, size_t(m_carryLength));
        quint64 h = m_state ^ (w * 0x9E3779B97F4A7C15ULL) ^ quint64(m_length + m_carryLength);
        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCDULL;
        h ^= h >> 33;
        return h;
    }

private:
    void mix(quint64 w)
    {
        m_state ^= w * 0x87C37B91114253D5ULL;
        m_state = (m_state << 31) | (m_state >> 33);
        m_state *= 0x4CF5AD432745937FULL;
        m_length += 8;
    }
    quint64 m_state = 0x243F6A8885A308D3ULL;
    qint64 m_length = 0;
    char m_carry[8] = {};
    int m_carryLength = 0;
};

// The first and last 64 KiB of the log's first `length` bytes (with the length): enough to tell
// the log a snapshot was taken from from a rewritten (compacted, truncated) or replaced one.
bool logFingerprint(const QString &logPath, qint64 length, quint64 *out)
{
    QFile f(logPath);
    if (!f.open(QIODevice::ReadOnly) || f.size() < length)
        return false;
    Checksum sum;
    const QByteArray head = f.read(std::min(length, kFingerprintBytes));
    sum.add(head.constData(), head.size());
    if (length > kFingerprintBytes) {
        const qint64 from = std::max(kFingerprintBytes, length - kFingerprintBytes);
        if (!f.seek(from))
            return false;
        const QByteArray tail = f.read(length - from);
        if (tail.size() != length - from)
            return false;
        sum.add(tail.constData(), tail.size());
    }
    const quint64 n = quint64(length);
    sum.add(reinterpret_cast<const char *>(&n), 8);
    *out = sum.value();
    return true;
}

} // namespace

// The payload in chunks of anonymous memory (given back to the system as each is written, not
// kept by malloc), filled on the service's thread and written by store() on any thread.
struct SnapshotImage::Chunk
{
    char *data = nullptr;
    qint64 used = 0;
};

SnapshotImage::SnapshotImage() = default;

SnapshotImage::~SnapshotImage()
{
    for (Chunk &c : m_chunks)
        if (c.data)
            ::munmap(c.data, size_t(kChunkBytes));
}

void SnapshotImage::append(const void *data, qint64 n)
{
    const char *p = static_cast<const char *>(data);
    while (n > 0 && m_error.isEmpty()) {
        if (m_chunks.empty() || m_chunks.back().used == kChunkBytes) {
            void *mem = ::mmap(nullptr, size_t(kChunkBytes), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
            if (mem == MAP_FAILED) {
                m_error = QStringLiteral("no memory for the snapshot: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
                return;
            }
            m_chunks.push_back(Chunk{static_cast<char *>(mem), 0});
        }
        Chunk &c = m_chunks.back();
        const qint64 take = std::min(n, kChunkBytes - c.used);
        std::memcpy(c.data + c.used, p, size_t(take));
        c.used += take;
        m_length += take;
        p += take;
        n -= take;
    }
}

bool SnapshotImage::store(const QString &path, QString *error)
{
    auto fail = [&](const QString &what) {
        *error = QStringLiteral("%1 %2: %3").arg(what, path, QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    };
    if (!m_error.isEmpty()) {
        *error = m_error;
        return false;
    }
    Checksum sum;
    for (const Chunk &c : m_chunks)
        sum.add(c.data, c.used);
    const QByteArray target = QFile::encodeName(QFileInfo(path).absoluteFilePath());
    QByteArray temp = target + ".tmp-XXXXXX";
    const int fd = ::mkstemp(temp.data());
    if (fd < 0)
        return fail(QStringLiteral("cannot create a file beside"));
    auto writeAll = [fd](const char *p, qint64 n) { return core::writeAll(fd, p, n); };
    char header[kHeaderBytes];
    const quint64 length = quint64(m_length), checksum = sum.value();
    std::memcpy(header, kMagic, 8);
    std::memcpy(header + 8, &length, 8);
    std::memcpy(header + 16, &checksum, 8);
    bool ok = writeAll(header, kHeaderBytes);
    for (Chunk &c : m_chunks) {
        ok = ok && writeAll(c.data, c.used);
        ::munmap(c.data, size_t(kChunkBytes)); // written: its memory goes back now
        c.data = nullptr;
    }
    m_chunks.clear();
    ok = ok && ::fsync(fd) == 0;
    if (::close(fd) != 0 || !ok) {
        ::unlink(temp.constData());
        return fail(QStringLiteral("cannot write"));
    }
    if (::rename(temp.constData(), target.constData()) != 0) {
        ::unlink(temp.constData());
        return fail(QStringLiteral("cannot replace"));
    }
    const int dir = ::open(QFile::encodeName(QFileInfo(path).absolutePath()).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
    return true;
}

namespace {

// Serialises values into a SnapshotImage.
class SnapshotWriter
{
public:
    explicit SnapshotWriter(SnapshotImage *image) : m_image(image) {}
    void raw(const void *data, qint64 n)
    {
        if (n > 0)
            m_image->append(data, n);
    }
    template<typename T> void value(T v) { raw(&v, sizeof v); }
    void bytes(const QByteArray &b)
    {
        value(quint32(b.size()));
        raw(b.constData(), b.size());
    }
    void string(const QString &s)
    {
        value(quint32(s.size()));
        raw(s.constData(), s.size() * qint64(sizeof(QChar)));
    }
    template<typename T> void array(const std::vector<T> &v)
    {
        value(quint64(v.size()));
        raw(v.data(), qint64(v.size() * sizeof(T)));
    }

private:
    SnapshotImage *m_image;
};

// Reads the payload of a mapped snapshot; any read past its end makes ok() false for good.
class SnapshotReader
{
public:
    SnapshotReader(const uchar *data, qint64 length) : m_p(reinterpret_cast<const char *>(data)), m_end(m_p + length) {}
    bool ok() const { return m_ok; }
    bool atEnd() const { return m_p == m_end; }
    qint64 left() const { return m_end - m_p; }

    template<typename T> T value()
    {
        T v{};
        if (!take(sizeof v))
            return v;
        std::memcpy(&v, m_p - sizeof v, sizeof v);
        return v;
    }
    QByteArray bytes()
    {
        const quint32 n = value<quint32>();
        if (!take(n))
            return {};
        return QByteArray(m_p - n, qsizetype(n));
    }
    QString string()
    {
        const quint32 n = value<quint32>();
        if (!take(qint64(n) * 2))
            return {};
        return QString(reinterpret_cast<const QChar *>(m_p - qint64(n) * 2), qsizetype(n));
    }
    // A count of items of at least `itemBytes` each: refused when the rest could not hold them.
    quint64 count(quint64 n, qint64 itemBytes)
    {
        if (!m_ok || itemBytes <= 0 || n > quint64(left() / itemBytes))
            m_ok = false;
        return m_ok ? n : 0;
    }
    template<typename T> std::vector<T> array()
    {
        const quint64 n = count(value<quint64>(), sizeof(T));
        std::vector<T> v(n);
        if (n && take(qint64(n * sizeof(T))))
            std::memcpy(v.data(), m_p - n * sizeof(T), n * sizeof(T));
        return v;
    }
    void fail() { m_ok = false; }
    bool copy(void *out, qint64 n)
    {
        if (!take(n))
            return false;
        std::memcpy(out, m_p - n, size_t(n));
        return true;
    }

private:
    bool take(qint64 n)
    {
        if (!m_ok || n < 0 || n > m_end - m_p) {
            m_ok = false;
            return false;
        }
        m_p += n;
        return true;
    }
    const char *m_p;
    const char *m_end;
    bool m_ok = true;
};

} // namespace

bool Collection::writeSnapshot(const QString &path, const QString &logPath, qint64 logLength, qint64 logRecords,
                               QString *error) const
{
    std::unique_ptr<SnapshotImage> image = captureSnapshot(logPath, logLength, logRecords, error);
    return image && image->store(path, error);
}

std::unique_ptr<SnapshotImage> Collection::captureSnapshot(const QString &logPath, qint64 logLength, qint64 logRecords,
                                                           QString *error) const
{
    quint64 fingerprint = 0;
    if (!logFingerprint(logPath, logLength, &fingerprint)) {
        *error = QStringLiteral("cannot read %1").arg(logPath);
        return nullptr;
    }
    auto image = std::make_unique<SnapshotImage>();
    SnapshotWriter w(image.get());
    w.value(qint64(logLength));
    w.value(qint64(logRecords));
    w.value(fingerprint);
    w.bytes(QJsonDocument(schemaJson()).toJson(QJsonDocument::Compact));
    w.value(quint32(m_nextOrder));

    // Fields added from documents through a regex field (the schema file lists the declared ones).
    std::vector<const Field *> detected;
    for (const Field &f : m_fields)
        if (f.detected)
            detected.push_back(&f);
    w.value(quint32(detected.size()));
    for (const Field *f : detected) {
        w.string(f->name);
        w.string(f->type);
        w.string(f->locale);
        w.value(quint8((f->facet ? 1 : 0) | (f->optional ? 2 : 0) | (f->index ? 4 : 0) | (f->sort ? 8 : 0)
                       | (f->infix ? 16 : 0) | (f->store ? 32 : 0)));
    }

    w.value(quint64(m_docs.size()));
    for (const Doc &d : m_docs) {
        if (d.alive && (d.offset < 0 || d.offset + d.length > logLength)) {
            *error = QStringLiteral("a document is not in the first %1 bytes of the log").arg(logLength);
            return nullptr;
        }
        w.string(d.id);
        w.value(qint64(d.alive ? d.offset : 0));
        w.value(quint32(d.alive ? d.length : 0));
        w.value(quint32(d.order));
        w.value(quint8(d.alive ? 1 : 0));
    }

    m_trie.writeTo([&w](const void *data, qint64 n) { w.raw(data, n); });

    w.value(quint32(m_postings.size()));
    for (auto it = m_postings.constBegin(); it != m_postings.constEnd(); ++it) {
        w.string(it.key());
        const std::vector<PostingLists::List> &lists = it->lists();
        size_t used = lists.size(); // (the vector grows ahead of the dictionary)
        while (used > 0 && lists[used - 1].empty())
            --used;
        w.value(quint64(used));
        for (size_t term = 0; term < used; ++term) { // (as an array of quint32)
            w.value(quint64(lists[term].size()));
            w.raw(lists[term].data(), qint64(lists[term].size() * sizeof(quint32)));
        }
    }
    w.value(quint32(m_numbers.size()));
    for (auto it = m_numbers.constBegin(); it != m_numbers.constEnd(); ++it) {
        w.string(it.key());
        w.array(*it);
    }
    w.value(quint32(m_geoPoints.size()));
    for (auto it = m_geoPoints.constBegin(); it != m_geoPoints.constEnd(); ++it) {
        w.string(it.key());
        w.array(*it);
    }
    w.value(quint32(m_facets.size()));
    for (auto it = m_facets.constBegin(); it != m_facets.constEnd(); ++it) {
        w.string(it.key());
        w.value(quint32(it->dictionary.size()));
        for (const QString &value : it->dictionary)
            w.string(value);
        w.array(it->offsets);
        w.array(it->valueIds);
    }
    return image;
}

bool Collection::readSnapshot(const QString &path, const QString &logPath, qint64 *logLength, qint64 *logRecords,
                              QString *why)
{
    auto refuse = [why](const QString &reason) {
        *why = reason;
        return false;
    };
    m_orderBySeq.clear(); // sequences are read anew
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return refuse(QStringLiteral("no snapshot"));
    if (file.size() < kHeaderBytes)
        return refuse(QStringLiteral("the snapshot is cut short"));
    uchar *mapped = file.map(0, file.size());
    if (!mapped)
        return refuse(QStringLiteral("cannot map the snapshot"));
    ::madvise(mapped, size_t(file.size()), MADV_SEQUENTIAL);
    quint64 length = 0, sum = 0;
    std::memcpy(&length, mapped + 8, 8);
    std::memcpy(&sum, mapped + 16, 8);
    if (std::memcmp(mapped, kMagic, 8) != 0 || length != quint64(file.size() - kHeaderBytes))
        return refuse(QStringLiteral("not a snapshot of this version, or cut short"));
    {
        Checksum check;
        check.add(reinterpret_cast<const char *>(mapped + kHeaderBytes), qint64(length));
        if (check.value() != sum)
            return refuse(QStringLiteral("the snapshot's checksum does not match"));
    }
    SnapshotReader r(mapped + kHeaderBytes, qint64(length));
    const qint64 coveredLength = r.value<qint64>();
    const qint64 coveredRecords = r.value<qint64>();
    const quint64 fingerprint = r.value<quint64>();
    quint64 logNow = 0;
    if (!r.ok() || coveredLength < 0 || !logFingerprint(logPath, coveredLength, &logNow) || logNow != fingerprint)
        return refuse(QStringLiteral("the snapshot is of another document log"));
    if (r.bytes() != QJsonDocument(schemaJson()).toJson(QJsonDocument::Compact))
        return refuse(QStringLiteral("the snapshot is of another schema"));

    // From here on the collection is filled in; on a refusal the caller starts from a fresh one.
    m_nextOrder = r.value<quint32>();
    const quint32 detectedCount = quint32(r.count(r.value<quint32>(), 13));
    for (quint32 i = 0; i < detectedCount && r.ok(); ++i) {
        Field f;
        f.name = r.string();
        f.type = r.string();
        f.locale = r.string();
        const quint8 flags = r.value<quint8>();
        f.facet = flags & 1;
        f.optional = flags & 2;
        f.index = flags & 4;
        f.sort = flags & 8;
        f.infix = flags & 16;
        f.store = flags & 32;
        f.detected = true;
        m_fields.push_back(f);
    }

    const quint64 docCount = r.count(r.value<quint64>(), 21);
    m_docs.reserve(docCount);
    m_idToSeq.reserve(qsizetype(docCount));
    for (quint64 seq = 0; seq < docCount && r.ok(); ++seq) {
        Doc d;
        d.id = r.string();
        d.offset = r.value<qint64>();
        d.length = r.value<quint32>();
        d.order = r.value<quint32>();
        d.alive = r.value<quint8>() != 0;
        if (d.alive && (d.offset < 0 || d.offset + d.length > coveredLength))
            r.fail(); // documents lie in the part of the log the snapshot covers
        if (d.alive)
            m_idToSeq.insert(d.id, quint32(seq));
        m_docs.push_back(std::move(d));
    }
    if (!r.ok() || !m_trie.readFrom([&r](void *data, qint64 n) { return r.copy(data, n); }))
        return refuse(QStringLiteral("the snapshot's dictionary is damaged"));

    const quint32 postingFields = quint32(r.count(r.value<quint32>(), 12));
    for (quint32 i = 0; i < postingFields && r.ok(); ++i) {
        const QString name = r.string();
        const quint64 lists = r.count(r.value<quint64>(), 8);
        if (lists > quint64(m_trie.termCount()))
            r.fail();
        std::vector<PostingLists::List> all(lists);
        for (PostingLists::List &list : all) {
            const std::vector<quint32> read = r.array<quint32>();
            list.assign(read.data(), read.size());
            for (size_t k = 0; k < list.size() && r.ok(); ++k)
                if (list[k] >= docCount || (k > 0 && list[k] <= list[k - 1]))
                    r.fail(); // sequences ascend and name documents
        }
        m_postings[name].adopt(std::move(all));
    }
    const quint32 numberFields = quint32(r.count(r.value<quint32>(), 12));
    for (quint32 i = 0; i < numberFields && r.ok(); ++i) {
        const QString name = r.string();
        m_numbers.insert(name, r.array<double>());
    }
    const quint32 geoFields = quint32(r.count(r.value<quint32>(), 12));
    for (quint32 i = 0; i < geoFields && r.ok(); ++i) {
        const QString name = r.string();
        m_geoPoints.insert(name, r.array<GeoPoint>());
    }
    const quint32 facetFields = quint32(r.count(r.value<quint32>(), 24));
    for (quint32 i = 0; i < facetFields && r.ok(); ++i) {
        const QString name = r.string();
        FacetColumn column;
        const quint32 values = quint32(r.count(r.value<quint32>(), 4));
        column.dictionary.reserve(values);
        for (quint32 k = 0; k < values && r.ok(); ++k) {
            column.dictionary.append(r.string());
            column.ids.insert(column.dictionary.back(), int(k));
        }
        column.offsets = r.array<quint32>();
        column.valueIds = r.array<int>();
        // offsets ascend from 0 to the end of valueIds, which name dictionary values
        if (column.offsets.empty() || column.offsets.front() != 0 || column.offsets.back() != column.valueIds.size()
            || column.offsets.size() > docCount + 1)
            r.fail();
        for (size_t k = 1; k < column.offsets.size() && r.ok(); ++k)
            if (column.offsets[k] < column.offsets[k - 1])
                r.fail();
        for (int id : column.valueIds)
            if (id < 0 || quint32(id) >= values)
                r.fail();
        if (r.ok())
            column.deriveSingleIds();
        m_facets.insert(name, std::move(column));
    }
    if (!r.ok() || !r.atEnd())
        return refuse(QStringLiteral("the snapshot is damaged"));
    *logLength = coveredLength;
    *logRecords = coveredRecords;
    return true;
}

} // namespace homeport::search
