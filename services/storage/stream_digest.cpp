#include "stream_digest.h"

#include <openssl/evp.h>

#include <cstdlib>

namespace homeport::storage {

namespace {

const EVP_MD *digestOf(StreamDigest::Algorithm algorithm)
{
    switch (algorithm) {
    case StreamDigest::Algorithm::Md5: return EVP_md5();
    case StreamDigest::Algorithm::Sha1: return EVP_sha1();
    case StreamDigest::Algorithm::Sha256: return EVP_sha256();
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
