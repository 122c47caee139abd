#include "content_decoder.h"

#include <brotli/decode.h>
#include <zlib.h>

namespace homeport::http {

ContentDecoder::Result ContentDecoder::deliver(const char *data, qsizetype size, const Sink &sink)
{
    if (size == 0)
        return Result::Ok;
    m_decoded += size;
    if (m_decoded > m_maxDecoded)
        return Result::TooLarge;
    return sink(data, size) ? Result::Ok : Result::SinkRefused;
}

namespace {

class ZlibDecoder final : public ContentDecoder
{
public:
    // gzip: windowBits 15+16. deflate: HTTP says zlib-wrapped, but some clients send raw
    // deflate, so the first two bytes decide (a zlib header is CM=8 and a multiple of 31).
    ZlibDecoder(bool gzip, qint64 maxDecoded) : ContentDecoder(maxDecoded)
    {
        if (gzip)
            init(15 + 16);
    }
    ~ZlibDecoder() override
    {
        if (m_initialised)
            inflateEnd(&m_z);
    }

    Result feed(const char *data, qsizetype size, const Sink &sink) override
    {
        if (!m_initialised) {
            m_head.append(data, size);
            if (m_head.size() < 2)
                return Result::Ok;
            const auto b0 = uchar(m_head[0]), b1 = uchar(m_head[1]);
            init((b0 & 0x0f) == 8 && ((b0 << 8) | b1) % 31 == 0 ? 15 : -15);
            const QByteArray head = std::exchange(m_head, {});
            return inflateSome(head.constData(), head.size(), sink);
        }
        return inflateSome(data, size, sink);
    }

    Result finish(const Sink &) override { return m_done ? Result::Ok : Result::Corrupt; }

private:
    void init(int windowBits)
    {
        inflateInit2(&m_z, windowBits);
        m_initialised = true;
    }

    Result inflateSome(const char *data, qsizetype size, const Sink &sink)
    {
        if (m_done)
            return size == 0 ? Result::Ok : Result::Corrupt; // bytes after the end of stream
        m_z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data));
        m_z.avail_in = uInt(size);
        while (!m_done) {
            m_z.next_out = reinterpret_cast<Bytef *>(m_out);
            m_z.avail_out = sizeof m_out;
            const int rc = inflate(&m_z, Z_NO_FLUSH);
            if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR)
                return Result::Corrupt;
            m_done = rc == Z_STREAM_END;
            const Result r = deliver(m_out, qsizetype(sizeof m_out - m_z.avail_out), sink);
            if (r != Result::Ok)
                return r;
            // A full output block may leave more output inside zlib; otherwise input ran out.
            if (m_z.avail_out != 0 && m_z.avail_in == 0)
                break;
            if (rc == Z_BUF_ERROR && m_z.avail_out != 0)
                return Result::Corrupt; // no progress possible with input left
        }
        if (m_done && m_z.avail_in > 0)
            return Result::Corrupt;
        return Result::Ok;
    }

    z_stream m_z{};
    bool m_initialised = false;
    bool m_done = false;
    QByteArray m_head;
    char m_out[kOutputBlock];
};

class BrotliDecoder final : public ContentDecoder
{
public:
    explicit BrotliDecoder(qint64 maxDecoded)
        : ContentDecoder(maxDecoded), m_state(BrotliDecoderCreateInstance(nullptr, nullptr, nullptr))
    {
    }
    ~BrotliDecoder() override { BrotliDecoderDestroyInstance(m_state); }

    Result feed(const char *data, qsizetype size, const Sink &sink) override
    {
        size_t availIn = size_t(size);
        auto nextIn = reinterpret_cast<const uint8_t *>(data);
        for (;;) {
            size_t availOut = sizeof m_out;
            auto nextOut = reinterpret_cast<uint8_t *>(m_out);
            const BrotliDecoderResult rc = BrotliDecoderDecompressStream(
                m_state, &availIn, &nextIn, &availOut, &nextOut, nullptr);
            if (rc == BROTLI_DECODER_RESULT_ERROR)
                return Result::Corrupt;
            const Result r = deliver(m_out, qsizetype(sizeof m_out - availOut), sink);
            if (r != Result::Ok)
                return r;
            if (rc == BROTLI_DECODER_RESULT_SUCCESS)
                return availIn == 0 ? Result::Ok : Result::Corrupt;
            if (rc == BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT)
                return Result::Ok;
            // NEEDS_MORE_OUTPUT: loop with a fresh block.
        }
    }

    Result finish(const Sink &) override
    {
        return BrotliDecoderIsFinished(m_state) ? Result::Ok : Result::Corrupt;
    }

private:
    BrotliDecoderState *m_state;
    char m_out[kOutputBlock];
};

} // namespace

std::unique_ptr<ContentDecoder> ContentDecoder::create(const QByteArray &contentEncoding,
                                                       qint64 maxDecodedBytes, bool *unsupported)
{
    *unsupported = false;
    const QByteArray encoding = contentEncoding.trimmed().toLower();
    if (encoding.isEmpty() || encoding == "identity")
        return nullptr;
    if (encoding == "gzip" || encoding == "x-gzip")
        return std::make_unique<ZlibDecoder>(true, maxDecodedBytes);
    if (encoding == "deflate")
        return std::make_unique<ZlibDecoder>(false, maxDecodedBytes);
    if (encoding == "br")
        return std::make_unique<BrotliDecoder>(maxDecodedBytes);
    *unsupported = true; // includes stacked encodings ("gzip, br"), which no SDK we serve sends
    return nullptr;
}

} // namespace homeport::http
