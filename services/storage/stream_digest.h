#pragma once
// StreamDigest: an incremental MD5, SHA-1 or SHA-256 through OpenSSL's EVP interface, which uses
// the CPU's SHA extensions and hand-tuned assembly. Qt 6.4's QCryptographicHash runs portable C:
// on this project's 2-core reference machine SHA-256 went from about 60-150 MiB/s to 1.6 GiB/s,
// which is what a signed-payload PUT (boto3 over plain HTTP) is verified at.
// Thread affinity: none (a value fed by one thread at a time; may move between threads).

#include <QByteArray>

struct evp_md_ctx_st;

namespace homeport::storage {

class StreamDigest
{
public:
    enum class Algorithm { Md5, Sha1, Sha256 };

    explicit StreamDigest(Algorithm algorithm);
    ~StreamDigest();
    StreamDigest(const StreamDigest &) = delete;
    StreamDigest &operator=(const StreamDigest &) = delete;

    void addData(const char *data, qsizetype size);
    void addData(QByteArrayView data) { addData(data.data(), data.size()); }
    // The raw digest; the first call ends the stream (later calls return the same bytes).
    QByteArray result();
    // Starts a new stream of the same algorithm.
    void reset();
    Algorithm algorithm() const { return m_algorithm; }

    static QByteArray hash(QByteArrayView data, Algorithm algorithm);

private:
    Algorithm m_algorithm;
    evp_md_ctx_st *m_context = nullptr;
    QByteArray m_result;
};

} // namespace homeport::storage
