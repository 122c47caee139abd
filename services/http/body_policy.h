#pragma once
// BodyPolicy: where a route's request body goes, chosen before the first body byte is read, and
// BodyConsumer: the interface of an incremental sink (S3 aws-chunked decoder, hashers, ...).
// Thread affinity: consumers are created, fed and destroyed in the HttpServer's thread.

#include <QString>

#include <functional>
#include <memory>

namespace homeport::http {

class Request;

class BodyConsumer
{
public:
    virtual ~BodyConsumer() = default;
    // Called with each piece of the (decoded) body as it arrives. Return false to refuse the
    // request; the engine then answers errorStatus()/errorMessage() and closes the connection.
    virtual bool write(const char *data, qsizetype size) = 0;
    // Called once after the last byte, before the route's handler runs.
    virtual bool finish() = 0;
    virtual int errorStatus() const { return 400; }
    virtual QString errorMessage() const = 0;
    // A consumer that hands the bytes to another thread (S3 bodies hashed on a pool) may hold
    // the body back while that thread catches up: as long as this answers true the engine reads
    // no more of the socket, so TCP slows the client down and memory stays bounded, and with
    // `finishing` (the last byte has been written) it does not call finish() yet. The consumer
    // then calls `resume` once, from any thread, when it is ready; the engine asks again then.
    virtual bool holdsBack(bool /*finishing*/, std::function<void()> /*resume*/) { return false; }
    // Where the next bytes of a plain (not chunked, not Content-Encoded) body may be read to:
    // memory of the consumer's own with *room bytes free, or null. The engine then reads the
    // socket straight into it and calls write() with a pointer into it, so a consumer that would
    // copy the bytes there anyway sees they already are (it must accept any size up to *room).
    virtual char *bodyBuffer(qsizetype * /*room*/) { return nullptr; }
    // Destroyed without finish() when the client goes away mid-body: clean up there.
};

struct BodyPolicy
{
    enum class Sink { Memory, File, Consumer };

    // Small JSON APIs need little; routes that take uploads raise it (or stream to a file).
    static constexpr qint64 kDefaultMemoryBytes = 1 * 1024 * 1024;

    Sink sink = Sink::Memory;
    // Limit on body bytes as sent on the wire (413 past it, also refused up front from
    // Content-Length and on Expect: 100-continue).
    qint64 maxBytes = kDefaultMemoryBytes;
    // Decode Content-Encoding gzip/deflate/br before the sink (Sentry SDKs compress).
    bool decodeContentEncoding = false;
    // Limit on decoded bytes, so a small compressed body cannot expand without bound (413).
    qint64 maxDecodedBytes = kDefaultMemoryBytes;
    // Sink::Consumer: makes the consumer from the request head (headers, captures are known).
    std::function<std::unique_ptr<BodyConsumer>(const Request &)> consumer;

    static BodyPolicy memory(qint64 maxBytes = kDefaultMemoryBytes)
    {
        BodyPolicy p;
        p.maxBytes = p.maxDecodedBytes = maxBytes;
        return p;
    }
    // Spooled to a QTemporaryFile in HttpServerOptions::spoolDirectory; see Request::bodyFile().
    static BodyPolicy file(qint64 maxBytes)
    {
        BodyPolicy p = memory(maxBytes);
        p.sink = Sink::File;
        return p;
    }
    static BodyPolicy stream(std::function<std::unique_ptr<BodyConsumer>(const Request &)> make,
                             qint64 maxBytes)
    {
        BodyPolicy p = memory(maxBytes);
        p.sink = Sink::Consumer;
        p.consumer = std::move(make);
        return p;
    }
    // Asks for Content-Encoding decoding with a limit on the decoded size.
    BodyPolicy decoded(qint64 maxDecoded) const
    {
        BodyPolicy p = *this;
        p.decodeContentEncoding = true;
        p.maxDecodedBytes = maxDecoded;
        return p;
    }
};

} // namespace homeport::http
