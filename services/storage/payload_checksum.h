#pragma once
// PayloadChecksum: the incremental digests S3 checks a body against — Content-MD5 and the
// x-amz-checksum-{crc32,crc32c,crc64nvme,sha1,sha256} values (base64 of the big-endian digest), which
// clients send as a header or, with aws-chunked bodies, as a trailer.
// Thread affinity: none (a value fed by one thread at a time).

#include <QByteArray>

#include <memory>
#include <optional>

namespace homeport::storage {

class StreamDigest;

class PayloadChecksum
{
public:
    enum class Algorithm { Crc32, Crc32c, Crc64Nvme, Sha1, Sha256 };

    // From "crc32", "CRC32C", "x-amz-checksum-sha1", ... ; nullopt for anything else.
    static std::optional<Algorithm> fromName(QByteArrayView name);
    static QByteArray headerName(Algorithm algorithm); // "x-amz-checksum-crc32"

    explicit PayloadChecksum(Algorithm algorithm);
    void addData(const char *data, qsizetype size);
    // Base64 of the digest, as the header carries it.
    QByteArray base64Result() const;
    Algorithm algorithm() const { return m_algorithm; }

    // One-shot helpers (tests, small bodies).
    static quint32 crc32(QByteArrayView data, quint32 seed = 0); // PCLMULQDQ folding where the CPU has it
    static quint32 crc32Portable(QByteArrayView data, quint32 seed = 0); // zlib's (tests compare)
    static quint32 crc32c(QByteArrayView data, quint32 seed = 0); // SSE4.2's crc32 where the CPU has it
    static quint32 crc32cPortable(QByteArrayView data, quint32 seed = 0); // the table path (tests compare)
    static quint64 crc64nvme(QByteArrayView data, quint64 seed = 0);

private:
    Algorithm m_algorithm;
    quint32 m_crc = 0;
    quint64 m_crc64 = 0;
    std::shared_ptr<StreamDigest> m_hash; // SHA-1, SHA-256
};

} // namespace homeport::storage
