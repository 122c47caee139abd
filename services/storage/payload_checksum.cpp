#include "payload_checksum.h"

#include "stream_digest.h"

#include <zlib.h>

#include <array>

namespace homeport::storage {

namespace {

// CRC-32C (Castagnoli), reflected polynomial 0x82F63B78, table-driven one byte at a time.
const std::array<quint32, 256> &crc32cTable()
{
    static const std::array<quint32, 256> table = [] {
        std::array<quint32, 256> t{};
        for (quint32 i = 0; i < 256; ++i) {
            quint32 c = i;
            for (int k = 0; k < 8; ++k)
                c = (c & 1) ? (c >> 1) ^ 0x82F63B78u : c >> 1;
            t[i] = c;
        }
        return t;
    }();
    return table;
}

// CRC-64/NVME, reflected polynomial 0x9A6C9329AC4BC9B5 (0xAD93D23594C93659 bit-reversed),
// initial value and final XOR all ones (NVM Command Set Specification 1.0, section 5.3.1.2).
const std::array<quint64, 256> &crc64NvmeTable()
{
    static const std::array<quint64, 256> table = [] {
        std::array<quint64, 256> t{};
        for (quint64 i = 0; i < 256; ++i) {
            quint64 c = i;
            for (int k = 0; k < 8; ++k)
                c = (c & 1) ? (c >> 1) ^ 0x9A6C9329AC4BC9B5ull : c >> 1;
            t[i] = c;
        }
        return t;
    }();
    return table;
}

QByteArray bigEndian64(quint64 v)
{
    char bytes[8];
    for (int i = 0; i < 8; ++i)
        bytes[i] = char(v >> (56 - 8 * i));
    return QByteArray(bytes, 8);
}

QByteArray bigEndian(quint32 v)
{
    const char bytes[4] = {char(v >> 24), char(v >> 16), char(v >> 8), char(v)};
    return QByteArray(bytes, 4);
}

} // namespace

std::optional<PayloadChecksum::Algorithm> PayloadChecksum::fromName(QByteArrayView name)
{
    QByteArray n = name.toByteArray().trimmed().toLower();
    if (n.startsWith("x-amz-checksum-"))
        n = n.mid(15);
    if (n == "crc32") return Algorithm::Crc32;
    if (n == "crc32c") return Algorithm::Crc32c;
    if (n == "crc64nvme") return Algorithm::Crc64Nvme;
    if (n == "sha1") return Algorithm::Sha1;
    if (n == "sha256") return Algorithm::Sha256;
    return std::nullopt;
}

QByteArray PayloadChecksum::headerName(Algorithm algorithm)
{
    switch (algorithm) {
    case Algorithm::Crc32: return "x-amz-checksum-crc32";
    case Algorithm::Crc32c: return "x-amz-checksum-crc32c";
    case Algorithm::Crc64Nvme: return "x-amz-checksum-crc64nvme";
    case Algorithm::Sha1: return "x-amz-checksum-sha1";
    case Algorithm::Sha256: return "x-amz-checksum-sha256";
    }
    return {};
}

PayloadChecksum::PayloadChecksum(Algorithm algorithm) : m_algorithm(algorithm)
{
    if (algorithm == Algorithm::Sha1)
        m_hash = std::make_shared<StreamDigest>(StreamDigest::Algorithm::Sha1);
    else if (algorithm == Algorithm::Sha256)
        m_hash = std::make_shared<StreamDigest>(StreamDigest::Algorithm::Sha256);
}

void PayloadChecksum::addData(const char *data, qsizetype size)
{
    switch (m_algorithm) {
    case Algorithm::Crc32:
        m_crc = crc32(QByteArrayView(data, size), m_crc);
        break;
    case Algorithm::Crc32c:
        m_crc = crc32c(QByteArrayView(data, size), m_crc);
        break;
    case Algorithm::Crc64Nvme:
        m_crc64 = crc64nvme(QByteArrayView(data, size), m_crc64);
        break;
    default:
        m_hash->addData(data, size);
    }
}

QByteArray PayloadChecksum::base64Result() const
{
    if (m_hash)
        return m_hash->result().toBase64();
    if (m_algorithm == Algorithm::Crc64Nvme)
        return bigEndian64(m_crc64).toBase64();
    return bigEndian(m_crc).toBase64();
}

quint32 PayloadChecksum::crc32(QByteArrayView data, quint32 seed)
{
    uLong crc = seed;
    const auto *p = reinterpret_cast<const Bytef *>(data.data());
    qsizetype left = data.size();
    while (left > 0) { // zlib takes uInt lengths
        const uInt n = uInt(qMin<qsizetype>(left, 1 << 30));
        crc = ::crc32(crc, p, n);
        p += n;
        left -= n;
    }
    return quint32(crc);
}

quint32 PayloadChecksum::crc32c(QByteArrayView data, quint32 seed)
{
    const auto &table = crc32cTable();
    quint32 c = ~seed;
    for (const char ch : data)
        c = table[(c ^ quint8(ch)) & 0xFF] ^ (c >> 8);
    return ~c;
}

quint64 PayloadChecksum::crc64nvme(QByteArrayView data, quint64 seed)
{
    const auto &table = crc64NvmeTable();
    quint64 c = ~seed;
    for (const char ch : data)
        c = table[(c ^ quint8(ch)) & 0xFF] ^ (c >> 8);
    return ~c;
}

} // namespace homeport::storage
