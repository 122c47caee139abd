// homeport-bench-storage: the load tool of scripts/bench-storage. Blocking keep-alive HTTP/1.1
// clients on plain POSIX sockets, one thread each, SigV4-signed (UNSIGNED-PAYLOAD) with the
// storage service's own signer, so the same tool drives Homeport and any other S3 server (the
// s3rver baseline). Bodies come from one 1 MiB pattern in memory and responses are checked
// against it and dropped, so neither side touches the client's disk. It also measures loopback
// TCP throughput with the same buffers, and reports its own CPU time so a run shows whether the
// tool was the limit.
//
//   homeport-bench-storage PORT ACCESS SECRET mkbucket BUCKET
//   ... put BUCKET KEY BYTES                      one PUT
//   ... multipart BUCKET KEY BYTES STREAMS PART   Create, parts over STREAMS connections, Complete
//   ... get BUCKET KEY BYTES STREAMS              one GET, or STREAMS ranged GETs at once
//   ... small-put BUCKET CLIENTS SECONDS BYTES    PUTs of small/<client>-<n> for SECONDS
//   ... small-get BUCKET CLIENTS SECONDS KEYS     GETs of small/<client>-<n % KEYS>
//   ... tcp BYTES                                 loopback TCP send of BYTES (PORT ignored)
//   ... fsync-small DIR CLIENTS SECONDS BYTES      the disk's limit for small durable writes:
//                                                 per op a new file, BYTES written, fsync, close
//   ... md5-lanes BYTES                            MD5 of 1, 2, 4, 8, 16 streams of BYTES each: OpenSSL
//                                                 one stream after another, the SIMD lanes on one
//                                                 thread, and the shared engine fed by a thread per
//                                                 stream (GiB/s per CPU second, PORT ignored)
// Each prints one line of "name value" pairs.

#include "storage/md5_lane_engine.h"
#include "storage/sigv4.h"
#include "storage/stream_digest.h"

#include <QDateTime>

#include <algorithm>
#include <arpa/inet.h>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string>
#include <sys/resource.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace homeport::storage;

namespace {

constexpr qint64 kPatternBytes = 1 << 20;
std::vector<char> g_pattern;
int g_port = 0;
QByteArray g_access, g_secret;

double now()
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

double cpuSeconds()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

[[noreturn]] void die(const std::string &why)
{
    std::fprintf(stderr, "homeport-bench-storage: %s\n", why.c_str());
    std::exit(1);
}

int connectTo(int port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0)
        die("cannot connect to port " + std::to_string(port));
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

void sendAll(int fd, const char *data, size_t size)
{
    while (size > 0) {
        const ssize_t n = ::send(fd, data, size, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            die("send failed");
        data += n;
        size -= size_t(n);
    }
}

// Sends body bytes [offset, offset + length) of the pattern stream.
void sendPattern(int fd, qint64 offset, qint64 length)
{
    while (length > 0) {
        const qint64 at = offset % kPatternBytes;
        const qint64 n = std::min(length, kPatternBytes - at);
        sendAll(fd, g_pattern.data() + at, size_t(n));
        offset += n;
        length -= n;
    }
}

struct Reply
{
    int status = 0;
    std::string headers;
    std::string body;      // kept only when small
    qint64 bodyBytes = 0;
    bool patternOk = true; // the body matched the pattern at `patternOffset`
};

class Connection
{
public:
    Connection() : m_fd(connectTo(g_port)) {}
    ~Connection() { ::close(m_fd); }

    // A signed request; a body of `bodyBytes` pattern bytes from bodyOffset, or `body`.
    Reply request(const QByteArray &method, const QByteArray &path, const QByteArray &query, qint64 bodyBytes = 0,
                  qint64 bodyOffset = 0, const QByteArray &body = {}, const QByteArray &extraHeader = {},
                  qint64 patternOffset = -1)
    {
        const QByteArray amzDate = sigv4::formatAmzDate(QDateTime::currentDateTimeUtc());
        const QByteArray host = "127.0.0.1:" + QByteArray::number(g_port);
        const QByteArray payloadHash = "UNSIGNED-PAYLOAD";
        SignedRequest req{method, path, query, {{"host", host}, {"x-amz-content-sha256", payloadHash}, {"x-amz-date", amzDate}}};
        const QByteArray auth = sigv4::authorization(req, {"host", "x-amz-content-sha256", "x-amz-date"}, payloadHash, g_access,
                                                     g_secret, amzDate, "us-east-1");
        const qint64 length = body.isEmpty() ? bodyBytes : body.size();
        QByteArray head = method + ' ' + path + (query.isEmpty() ? QByteArray() : '?' + query) + " HTTP/1.1\r\nHost: " + host
            + "\r\nx-amz-date: " + amzDate + "\r\nx-amz-content-sha256: " + payloadHash + "\r\nAuthorization: " + auth
            + "\r\nContent-Length: " + QByteArray::number(length) + "\r\n" + extraHeader + "\r\n";
        sendAll(m_fd, head.constData(), size_t(head.size()));
        if (!body.isEmpty())
            sendAll(m_fd, body.constData(), size_t(body.size()));
        else if (bodyBytes > 0)
            sendPattern(m_fd, bodyOffset, bodyBytes);
        return readReply(method == "HEAD", patternOffset);
    }

private:
    bool fill()
    {
        if (m_pos < m_end)
            return true;
        const ssize_t n = ::recv(m_fd, m_buffer.data(), m_buffer.size(), 0);
        if (n <= 0)
            return false;
        m_pos = 0;
        m_end = size_t(n);
        return true;
    }
    Reply readReply(bool head, qint64 patternOffset)
    {
        Reply reply;
        std::string &h = reply.headers;
        while (h.find("\r\n\r\n") == std::string::npos) {
            if (!fill())
                die("connection closed before a response");
            const size_t take = m_end - m_pos;
            h.append(m_buffer.data() + m_pos, take);
            m_pos = m_end;
        }
        const size_t headEnd = h.find("\r\n\r\n") + 4;
        // Give back what belongs to the body.
        const size_t extra = h.size() - headEnd;
        m_pos -= extra;
        h.resize(headEnd);
        reply.status = std::atoi(h.c_str() + 9);
        std::string lower = h;
        std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
        qint64 length = 0;
        bool chunked = false;
        if (const size_t at = lower.find("\r\ncontent-length:"); at != std::string::npos)
            length = std::atoll(lower.c_str() + at + 17);
        else if (lower.find("transfer-encoding: chunked") != std::string::npos)
            chunked = true;
        if (head || reply.status == 204 || reply.status == 304)
            return reply;
        if (chunked) {
            for (;;) {
                std::string line;
                while (line.size() < 2 || line.compare(line.size() - 2, 2, "\r\n") != 0) {
                    if (!fill())
                        die("connection closed in a chunk header");
                    line += m_buffer[m_pos++];
                }
                const qint64 size = std::strtoll(line.c_str(), nullptr, 16);
                readBody(reply, size + 2, -1);
                if (size == 0)
                    break;
            }
            return reply;
        }
        readBody(reply, length, patternOffset);
        return reply;
    }
    void readBody(Reply &reply, qint64 length, qint64 patternOffset)
    {
        while (length > 0) {
            if (!fill())
                die("connection closed in a body");
            const size_t n = size_t(std::min<qint64>(length, qint64(m_end - m_pos)));
            const char *data = m_buffer.data() + m_pos;
            if (patternOffset >= 0) {
                // Compare against the pattern, wrapping at its end.
                size_t done = 0;
                while (done < n) {
                    const qint64 at = (patternOffset + reply.bodyBytes + qint64(done)) % kPatternBytes;
                    const size_t run = size_t(std::min<qint64>(qint64(n - done), kPatternBytes - at));
                    if (std::memcmp(data + done, g_pattern.data() + at, run) != 0)
                        reply.patternOk = false;
                    done += run;
                }
            } else if (reply.body.size() < 65536) {
                reply.body.append(data, n);
            }
            reply.bodyBytes += qint64(n);
            m_pos += n;
            length -= qint64(n);
        }
    }

    int m_fd;
    std::vector<char> m_buffer = std::vector<char>(1 << 20);
    size_t m_pos = 0, m_end = 0;
};

QByteArray objectPath(const QByteArray &bucket, const QByteArray &key)
{
    return '/' + bucket + '/' + sigv4::uriEncode(key, true);
}

void expect(const Reply &r, int status, const char *what)
{
    if (r.status != status)
        die(std::string(what) + ": HTTP " + std::to_string(r.status) + "\n" + r.headers + r.body);
}

std::string between(const std::string &text, const std::string &open, const std::string &close)
{
    const size_t a = text.find(open);
    if (a == std::string::npos)
        return {};
    const size_t b = text.find(close, a + open.size());
    return text.substr(a + open.size(), b - a - open.size());
}

void printThroughput(const char *name, qint64 bytes, double seconds, double cpu)
{
    std::printf("%s bytes %lld seconds %.3f mib_s %.1f tool_cpu_s %.2f\n", name, (long long)bytes, seconds,
                bytes / seconds / (1 << 20), cpu);
}

double percentile(std::vector<double> &v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, size_t(p * v.size()))];
}

// CLIENTS threads each doing `op(connection, client, n)` until the deadline.
template<typename Op>
void runSmall(const char *name, int clients, double seconds, Op op)
{
    std::vector<std::vector<double>> latencies(clients);
    std::vector<long> counts(clients);
    std::atomic<long> errors{0};
    const double cpu0 = cpuSeconds();
    const double start = now(), deadline = start + seconds;
    std::vector<std::thread> threads;
    for (int c = 0; c < clients; ++c) {
        threads.emplace_back([&, c] {
            Connection connection;
            for (long n = 0; now() < deadline; ++n) {
                const double t = now();
                if (!op(connection, c, n))
                    ++errors;
                latencies[c].push_back((now() - t) * 1000);
                ++counts[c];
            }
        });
    }
    for (std::thread &t : threads)
        t.join();
    const double elapsed = now() - start;
    std::vector<double> all;
    long total = 0, fewest = counts.empty() ? 0 : counts[0];
    for (int c = 0; c < clients; ++c) {
        all.insert(all.end(), latencies[c].begin(), latencies[c].end());
        total += counts[c];
        fewest = std::min(fewest, counts[c]);
    }
    std::printf("%s ops %ld seconds %.2f ops_s %.0f p50_ms %.2f p99_ms %.2f errors %ld fewest_per_client %ld tool_cpu_s %.2f\n", name,
                total, elapsed, total / elapsed, percentile(all, 0.5), percentile(all, 0.99), errors.load(), fewest,
                cpuSeconds() - cpu0);
}

void tcpThroughput(qint64 bytes)
{
    const int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (::bind(listener, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0 || ::listen(listener, 1) != 0
        || ::getsockname(listener, reinterpret_cast<sockaddr *>(&addr), &len) != 0)
        die("cannot listen");
    qint64 received = 0;
    std::thread reader([&] {
        const int fd = ::accept(listener, nullptr, nullptr);
        std::vector<char> buffer(1 << 20);
        for (;;) {
            const ssize_t n = ::recv(fd, buffer.data(), buffer.size(), 0);
            if (n <= 0)
                break;
            received += n;
        }
        ::close(fd);
    });
    const double cpu0 = cpuSeconds();
    const double start = now();
    const int fd = connectTo(ntohs(addr.sin_port));
    sendPattern(fd, 0, bytes);
    ::shutdown(fd, SHUT_WR);
    reader.join();
    const double elapsed = now() - start;
    ::close(fd);
    ::close(listener);
    if (received != bytes)
        die("tcp: received " + std::to_string(received));
    printThroughput("tcp", bytes, elapsed, cpuSeconds() - cpu0);
}

double threadCpuSeconds()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) + double(t.tv_nsec) / 1e9;
}

// Each stream hashes its own 8 MiB buffer over and over until BYTES; rates are bytes per CPU
// second of the hashing threads (the machine is shared, wall time would measure the neighbours).
void md5Lanes(qint64 bytes)
{
    constexpr qint64 kBufferBytes = 8 << 20;
    const qint64 rounds = std::max<qint64>(1, bytes / kBufferBytes);
    const double gib = double(rounds * kBufferBytes) / double(1 << 30);
    std::vector<std::vector<unsigned char>> buffers(md5lanes::kMaxLanes);
    for (size_t s = 0; s < buffers.size(); ++s) {
        buffers[s].resize(size_t(kBufferBytes));
        for (size_t i = 0; i < buffers[s].size(); ++i)
            buffers[s][i] = static_cast<unsigned char>(g_pattern[i % size_t(kPatternBytes)] + s);
    }
    for (const int streams : {1, 2, 4, 8, 16}) {
        double cpu0 = threadCpuSeconds();
        for (int s = 0; s < streams; ++s) {
            StreamDigest digest(StreamDigest::Algorithm::Md5);
            for (qint64 r = 0; r < rounds; ++r)
                digest.addData(reinterpret_cast<const char *>(buffers[size_t(s)].data()), kBufferBytes);
            digest.result();
        }
        const double openssl = streams * gib / (threadCpuSeconds() - cpu0);

        md5lanes::State states[md5lanes::kMaxLanes];
        md5lanes::State *statePointers[md5lanes::kMaxLanes];
        const unsigned char *data[md5lanes::kMaxLanes];
        for (int s = 0; s < streams; ++s) {
            states[s] = md5lanes::kInitial;
            statePointers[s] = &states[s];
            data[s] = buffers[size_t(s)].data();
        }
        cpu0 = threadCpuSeconds();
        for (qint64 r = 0; r < rounds; ++r)
            md5lanes::compress(statePointers, data, streams, size_t(kBufferBytes) / md5lanes::kBlockBytes);
        const double lanes = streams * gib / (threadCpuSeconds() - cpu0);

        // The engine as uploads use it: a thread per stream hands over 1 MiB pieces.
        std::vector<double> cpu(static_cast<size_t>(streams));
        const double wall0 = now();
        std::vector<std::thread> threads;
        for (int s = 0; s < streams; ++s) {
            threads.emplace_back([&, s] {
                const double start = threadCpuSeconds();
                LaneMd5 md5;
                for (qint64 r = 0; r < rounds; ++r) {
                    for (qint64 at = 0; at < kBufferBytes; at += 1 << 20)
                        md5.addData(reinterpret_cast<const char *>(buffers[size_t(s)].data()) + at, 1 << 20, true);
                }
                md5.result();
                cpu[size_t(s)] = threadCpuSeconds() - start;
            });
        }
        for (std::thread &t : threads)
            t.join();
        const double wall = now() - wall0;
        double engineCpu = 0;
        for (const double c : cpu)
            engineCpu += c;
        std::printf("md5 streams %d kernel %s openssl_gib_s %.2f lanes_gib_s %.2f engine_gib_s %.2f engine_wall_gib_s %.2f\n", streams,
                    md5lanes::name(md5lanes::bestFor(streams)), openssl, lanes, streams * gib / engineCpu, streams * gib / wall);
    }
    const std::vector<quint64> byLanes = Md5LaneEngine::shared().blocksByLanes();
    std::printf("engine blocks by lanes:");
    for (size_t l = 1; l < byLanes.size(); ++l) {
        if (byLanes[l])
            std::printf(" %zu:%llu", l, static_cast<unsigned long long>(byLanes[l]));
    }
    std::printf("\n");
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 5)
        die("usage: PORT ACCESS SECRET COMMAND ARGS... (see the header of bench_storage.cpp)");
    g_pattern.resize(kPatternBytes);
    for (qint64 i = 0; i < kPatternBytes; ++i)
        g_pattern[size_t(i)] = char((i * 131 + (i >> 11) * 7) & 0xff);
    g_port = std::atoi(argv[1]);
    g_access = argv[2];
    g_secret = argv[3];
    const std::string command = argv[4];
    const auto arg = [&](int i) -> QByteArray {
        if (i + 5 >= argc)
            die("missing arguments for " + command);
        return QByteArray(argv[i + 5]);
    };

    if (command == "tcp")
        return tcpThroughput(arg(0).toLongLong()), 0;
    if (command == "md5-lanes")
        return md5Lanes(arg(0).toLongLong()), 0;
    if (command == "fsync-small") {
        const std::string dir = arg(0).toStdString();
        const int clients = arg(1).toInt();
        const double seconds = arg(2).toDouble();
        const qint64 bytes = arg(3).toLongLong();
        std::vector<long> counts(static_cast<size_t>(clients));
        std::vector<std::vector<double>> latencies(static_cast<size_t>(clients));
        const double start = now(), deadline = start + seconds;
        std::vector<std::thread> threads;
        for (int c = 0; c < clients; ++c) {
            threads.emplace_back([&, c] {
                for (long n = 0; now() < deadline; ++n) {
                    const double t = now();
                    const std::string path = dir + "/f" + std::to_string(c) + '-' + std::to_string(n);
                    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
                    if (fd < 0 || ::write(fd, g_pattern.data(), size_t(bytes)) != bytes || ::fsync(fd) != 0)
                        die("fsync-small: cannot write " + path);
                    ::close(fd);
                    latencies[size_t(c)].push_back((now() - t) * 1000);
                    ++counts[size_t(c)];
                }
            });
        }
        for (std::thread &t : threads)
            t.join();
        const double elapsed = now() - start;
        std::vector<double> all;
        long total = 0;
        for (int c = 0; c < clients; ++c) {
            total += counts[size_t(c)];
            all.insert(all.end(), latencies[size_t(c)].begin(), latencies[size_t(c)].end());
        }
        std::printf("fsync_small ops %ld seconds %.2f ops_s %.0f p50_ms %.2f p99_ms %.2f\n", total, elapsed, total / elapsed,
                    percentile(all, 0.5), percentile(all, 0.99));
        return 0;
    }
    if (command == "mkbucket") {
        Connection c;
        const Reply r = c.request("PUT", '/' + arg(0), {});
        if (r.status != 200 && r.status != 409)
            expect(r, 200, "create bucket");
        return 0;
    }
    const QByteArray bucket = arg(0);
    if (command == "put") {
        const qint64 bytes = arg(2).toLongLong();
        const double cpu0 = cpuSeconds(), start = now();
        Connection c;
        expect(c.request("PUT", objectPath(bucket, arg(1)), {}, bytes), 200, "put");
        printThroughput("put", bytes, now() - start, cpuSeconds() - cpu0);
        return 0;
    }
    if (command == "multipart") {
        const QByteArray path = objectPath(bucket, arg(1));
        const qint64 bytes = arg(2).toLongLong();
        const int streams = arg(3).toInt();
        const qint64 partBytes = arg(4).toLongLong();
        const int parts = int((bytes + partBytes - 1) / partBytes);
        const double cpu0 = cpuSeconds(), start = now();
        Connection control;
        const Reply created = control.request("POST", path, "uploads=");
        expect(created, 200, "create multipart upload");
        const QByteArray uploadId = QByteArray::fromStdString(between(created.body, "<UploadId>", "</UploadId>"));
        std::vector<std::string> etags(size_t(parts) + 1);
        std::atomic<int> next{1};
        std::vector<std::thread> threads;
        for (int s = 0; s < streams; ++s) {
            threads.emplace_back([&] {
                Connection c;
                for (int part = next++; part <= parts; part = next++) {
                    const qint64 offset = qint64(part - 1) * partBytes;
                    const Reply r = c.request("PUT", path, "partNumber=" + QByteArray::number(part) + "&uploadId=" + uploadId,
                                              std::min(partBytes, bytes - offset), offset);
                    expect(r, 200, "upload part");
                    std::string lower = r.headers;
                    std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
                    etags[size_t(part)] = between(lower, "\r\netag: ", "\r\n");
                }
            });
        }
        for (std::thread &t : threads)
            t.join();
        QByteArray complete = "<CompleteMultipartUpload>";
        for (int part = 1; part <= parts; ++part)
            complete += "<Part><PartNumber>" + QByteArray::number(part) + "</PartNumber><ETag>"
                + QByteArray::fromStdString(etags[size_t(part)]) + "</ETag></Part>";
        complete += "</CompleteMultipartUpload>";
        const double uploaded = now();
        // A new connection: servers close keep-alive connections idle for a few seconds (Node's
        // default is 5 s), and this one waited for the parts.
        Connection completer;
        const Reply done = completer.request("POST", path, "uploadId=" + uploadId, 0, 0, complete);
        expect(done, 200, "complete multipart upload");
        if (done.body.find("<Error>") != std::string::npos)
            die("complete: " + done.body);
        const double end = now();
        printThroughput("multipart", bytes, end - start, cpuSeconds() - cpu0);
        std::printf("multipart_complete seconds %.3f\n", end - uploaded);
        return 0;
    }
    if (command == "get") {
        const QByteArray path = objectPath(bucket, arg(1));
        const qint64 bytes = arg(2).toLongLong();
        const int streams = arg(3).toInt();
        const double cpu0 = cpuSeconds(), start = now();
        std::vector<std::thread> threads;
        std::atomic<bool> ok{true};
        for (int s = 0; s < streams; ++s) {
            threads.emplace_back([&, s] {
                Connection c;
                const qint64 first = bytes * s / streams, last = bytes * (s + 1) / streams - 1;
                const QByteArray range = streams == 1 ? QByteArray()
                                                      : "Range: bytes=" + QByteArray::number(first) + '-' + QByteArray::number(last) + "\r\n";
                const Reply r = c.request("GET", path, {}, 0, 0, {}, range, first);
                if (r.status != (streams == 1 ? 200 : 206) || r.bodyBytes != last - first + 1 || !r.patternOk)
                    ok = false;
            });
        }
        for (std::thread &t : threads)
            t.join();
        if (!ok)
            die("get: a response was short, failed or not the bytes that were put");
        printThroughput(streams == 1 ? "get" : "get_ranged", bytes, now() - start, cpuSeconds() - cpu0);
        return 0;
    }
    if (command == "small-put") {
        const int clients = arg(1).toInt();
        const double seconds = arg(2).toDouble();
        const qint64 bytes = arg(3).toLongLong();
        runSmall("small_put", clients, seconds, [&](Connection &c, int client, long n) {
            const QByteArray key = "small/" + QByteArray::number(client) + '-' + QByteArray::number(qlonglong(n));
            return c.request("PUT", objectPath(bucket, key), {}, bytes, n * 64).status == 200;
        });
        return 0;
    }
    if (command == "small-get") {
        const int clients = arg(1).toInt();
        const double seconds = arg(2).toDouble();
        const long keys = arg(3).toLong();
        runSmall("small_get", clients, seconds, [&](Connection &c, int client, long n) {
            const long which = (n * 7919 + client) % keys;
            const QByteArray key = "small/" + QByteArray::number(client) + '-' + QByteArray::number(qlonglong(which));
            const Reply r = c.request("GET", objectPath(bucket, key), {}, 0, 0, {}, {}, which * 64);
            return r.status == 200 && r.patternOk;
        });
        return 0;
    }
    die("unknown command " + command);
}
