#include "stream_digest.h"

#include <openssl/evp.h>

#include <cstdlib>

namespace homeport::storage {

namespace {

// Fetched once: OpenSSL 3 looks an implementation up on every init given EVP_md5() and the like,
// and every S3 request starts an MD5.
const EVP_MD *digestOf(StreamDigest::Algorithm algorithm)
{
    static const EVP_MD *const md5 = EVP_MD_fetch(nullptr, "MD5", nullptr);
    static const EVP_MD *const sha1 = EVP_MD_fetch(nullptr, "SHA1", nullptr);
    static const EVP_MD *const sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    switch (algorithm) {
    case StreamDigest::Algorithm::Md5: return md5;
    case StreamDigest::Algorithm::Sha1: return sha1;
    case StreamDigest::Algorithm::Sha256: return sha256;
    }
    return nullptr;
}

} // namespace

StreamDigest::StreamDigest(Algorithm algorithm) : m_algorithm(algorithm), m_context(EVP_MD_CTX_new())
{
    // Only allocation can fail here (these digests are always in OpenSSL's default provider),
    // and a server that cannot allocate a few bytes cannot answer anyway.
    if (!m_context || EVP_DigestInit_ex(m_context, digestOf(algorithm), nullptr) != 1)
        std::abort();
}

StreamDigest::~StreamDigest()
{
    EVP_MD_CTX_free(m_context);
}

void StreamDigest::addData(const char *data, qsizetype size)
{
    if (size > 0 && m_result.isNull())
        EVP_DigestUpdate(m_context, data, size_t(size));
}

QByteArray StreamDigest::result()
{
    if (m_result.isNull()) {
        unsigned char out[EVP_MAX_MD_SIZE];
        unsigned int length = 0;
        EVP_DigestFinal_ex(m_context, out, &length);
        m_result = QByteArray(reinterpret_cast<const char *>(out), qsizetype(length));
    }
    return m_result;
}

void StreamDigest::reset()
{
    m_result = QByteArray();
    if (EVP_DigestInit_ex(m_context, digestOf(m_algorithm), nullptr) != 1)
        std::abort();
}

QByteArray StreamDigest::hash(QByteArrayView data, Algorithm algorithm)
{
    StreamDigest digest(algorithm);
    digest.addData(data);
    return digest.result();
}

} // namespace homeport::storage
