// fanout_receiver: the subscriber side of load.mjs fanout in native code (--receiver native), so
// the load tool can take 100,000 frames/s on this 2-core machine without being what is measured.
// Opens --count protocol-7 WebSocket clients on 127.0.0.1:--port, subscribes them to --channel,
// then records publish -> receipt latency for every "tick" frame (the publish time is the "t"
// field load.mjs puts in the event's data; both sides read the wall clock in ms). Plain POSIX
// sockets and epoll, one thread, no Qt, so it does as little as possible per frame.
//
// Talks to load.mjs over stdin/stdout, one line each:
//   -> "ready <clients> <failures> <subscribed>"
//   <- "count"  -> "count <received>"
//   <- "stop"   -> writes the latencies (float64, ms) to --out, then "done <received> <lastReceiptAt>"
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace {

double wallMs()
{
    timespec ts{};
    clock_gettime(CLOCK_REALTIME, &ts);
    return double(ts.tv_sec) * 1000.0 + double(ts.tv_nsec) / 1e6;
}

struct Client
{
    int fd = -1;
    std::string buffer; // bytes not yet parsed into whole frames
    bool established = false;
    bool subscribed = false;
};

struct Stats
{
    std::vector<double> latencies;
    size_t received = 0;
    size_t subscribed = 0;
    size_t established = 0;
    double lastReceiptAt = 0;
};

bool writeAll(int fd, const char *data, size_t size)
{
    while (size > 0) {
        const ssize_t n = ::send(fd, data, size, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        data += n;
        size -= size_t(n);
    }
    return true;
}

// A masked client text frame (RFC 6455 requires clients to mask).
std::string clientTextFrame(std::string_view payload)
{
    std::string frame;
    frame.push_back(char(0x81));
    if (payload.size() < 126) {
        frame.push_back(char(0x80 | payload.size()));
    } else {
        frame.push_back(char(0x80 | 126));
        frame.push_back(char((payload.size() >> 8) & 0xFF));
        frame.push_back(char(payload.size() & 0xFF));
    }
    const char mask[4] = {0x12, 0x34, 0x56, 0x78};
    frame.append(mask, 4);
    for (size_t i = 0; i < payload.size(); ++i)
        frame.push_back(char(payload[i] ^ mask[i % 4]));
    return frame;
}

// Connects and upgrades with blocking I/O; returns the fd (non-blocking afterwards) or -1.
int openClient(int port, const std::string &key, std::string *leftover)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(uint16_t(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0) {
        ::close(fd);
        return -1;
    }
    const std::string request = "GET /app/" + key + "?protocol=7&client=bench-native&version=1 HTTP/1.1\r\n"
                                "Host: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
    if (!writeAll(fd, request.data(), request.size())) {
        ::close(fd);
        return -1;
    }
    std::string response;
    char chunk[4096];
    size_t end = std::string::npos;
    while ((end = response.find("\r\n\r\n")) == std::string::npos) {
        const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
        if (n <= 0) {
            ::close(fd);
            return -1;
        }
        response.append(chunk, size_t(n));
    }
    if (response.compare(0, 12, "HTTP/1.1 101") != 0) {
        ::close(fd);
        return -1;
    }
    *leftover = response.substr(end + 4);
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    return fd;
}

void onText(Client &client, std::string_view text, Stats &stats)
{
    static constexpr std::string_view kMarker = "\\\"t\\\":";
    if (text.find("\"event\":\"tick\"") != std::string_view::npos) {
        const size_t at = text.find(kMarker);
        if (at == std::string_view::npos)
            return;
        const double now = wallMs();
        const double sentAt = std::strtod(std::string(text.substr(at + kMarker.size(), 32)).c_str(), nullptr);
        stats.latencies.push_back(now - sentAt);
        ++stats.received;
        stats.lastReceiptAt = now;
    } else if (!client.subscribed && text.find("pusher_internal:subscription_succeeded") != std::string_view::npos) {
        client.subscribed = true;
        ++stats.subscribed;
    } else if (!client.established && text.find("pusher:connection_established") != std::string_view::npos) {
        client.established = true;
        ++stats.established;
    }
}

// Parses whole frames out of client.buffer; false when the server closed.
bool parseFrames(Client &client, Stats &stats)
{
    size_t offset = 0;
    const std::string &b = client.buffer;
    for (;;) {
        if (b.size() - offset < 2)
            break;
        const unsigned char *p = reinterpret_cast<const unsigned char *>(b.data() + offset);
        const int opcode = p[0] & 0x0F;
        uint64_t length = p[1] & 0x7F;
        size_t header = 2;
        if (length == 126) {
            if (b.size() - offset < 4)
                break;
            length = (uint64_t(p[2]) << 8) | p[3];
            header = 4;
        } else if (length == 127) {
            if (b.size() - offset < 10)
                break;
            length = 0;
            for (int i = 2; i < 10; ++i)
                length = (length << 8) | p[i];
            header = 10;
        }
        if (b.size() - offset - header < length)
            break;
        if (opcode == 0x8)
            return false;
        if (opcode == 0x1)
            onText(client, std::string_view(b.data() + offset + header, size_t(length)), stats);
        offset += header + size_t(length);
    }
    client.buffer.erase(0, offset);
    return true;
}

std::string argument(int argc, char **argv, const char *name, const char *fallback = "")
{
    for (int i = 1; i + 1 < argc; ++i)
        if (std::strcmp(argv[i], name) == 0)
            return argv[i + 1];
    return fallback;
}

} // namespace

int main(int argc, char **argv)
{
    const int port = std::atoi(argument(argc, argv, "--port").c_str());
    const std::string key = argument(argc, argv, "--key");
    const int count = std::atoi(argument(argc, argv, "--count", "1").c_str());
    const std::string channel = argument(argc, argv, "--channel", "bench-fanout");
    const std::string out = argument(argc, argv, "--out");
    const size_t expected = size_t(std::atoll(argument(argc, argv, "--expected", "0").c_str()));
    if (port <= 0 || key.empty() || out.empty()) {
        std::fprintf(stderr, "usage: fanout_receiver --port P --key K --count N --out FILE [--channel C] [--expected N]\n");
        return 2;
    }

    Stats stats;
    stats.latencies.reserve(expected);
    const int epoll = ::epoll_create1(0);
    std::vector<Client> clients(static_cast<size_t>(count));
    int failures = 0;
    for (int i = 0; i < count; ++i) {
        Client &client = clients[size_t(i)];
        client.fd = openClient(port, key, &client.buffer);
        if (client.fd < 0) {
            ++failures;
            continue;
        }
        epoll_event event{};
        event.events = EPOLLIN;
        event.data.u32 = uint32_t(i);
        ::epoll_ctl(epoll, EPOLL_CTL_ADD, client.fd, &event);
        parseFrames(client, stats);
    }
    const std::string subscribe = clientTextFrame("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"" + channel + "\"}}");
    epoll_event stdinEvent{};
    stdinEvent.events = EPOLLIN;
    stdinEvent.data.u32 = UINT32_MAX;
    ::epoll_ctl(epoll, EPOLL_CTL_ADD, STDIN_FILENO, &stdinEvent);

    bool sentSubscribes = false;
    bool toldReady = false;
    const double startedAt = wallMs();
    std::string commands;
    std::vector<epoll_event> events(256);
    char chunk[65536];
    for (;;) {
        if (!sentSubscribes && stats.established + size_t(failures) >= size_t(count)) {
            for (Client &client : clients)
                if (client.fd >= 0)
                    writeAll(client.fd, subscribe.data(), subscribe.size());
            sentSubscribes = true;
        }
        if (!toldReady && sentSubscribes
            && (stats.subscribed + size_t(failures) >= size_t(count) || wallMs() - startedAt > 30000)) {
            std::printf("ready %d %d %zu\n", count - failures, failures, stats.subscribed);
            std::fflush(stdout);
            toldReady = true;
        }
        const int n = ::epoll_wait(epoll, events.data(), int(events.size()), 100);
        for (int e = 0; e < n; ++e) {
            const uint32_t index = events[size_t(e)].data.u32;
            if (index == UINT32_MAX) {
                const ssize_t got = ::read(STDIN_FILENO, chunk, sizeof chunk);
                if (got <= 0)
                    return 0; // load.mjs went away
                commands.append(chunk, size_t(got));
                size_t newline;
                while ((newline = commands.find('\n')) != std::string::npos) {
                    const std::string command = commands.substr(0, newline);
                    commands.erase(0, newline + 1);
                    if (command == "count") {
                        std::printf("count %zu\n", stats.received);
                        std::fflush(stdout);
                    } else if (command == "stop") {
                        FILE *file = std::fopen(out.c_str(), "wb");
                        if (file) {
                            std::fwrite(stats.latencies.data(), sizeof(double), stats.latencies.size(), file);
                            std::fclose(file);
                        }
                        std::printf("done %zu %.3f\n", stats.received, stats.lastReceiptAt);
                        std::fflush(stdout);
                        for (Client &client : clients)
                            if (client.fd >= 0)
                                ::close(client.fd);
                        return 0;
                    }
                }
                continue;
            }
            Client &client = clients[index];
            for (;;) {
                const ssize_t got = ::recv(client.fd, chunk, sizeof chunk, 0);
                if (got > 0) {
                    client.buffer.append(chunk, size_t(got));
                    if (size_t(got) < sizeof chunk)
                        break;
                    continue;
                }
                if (got < 0 && errno == EINTR)
                    continue;
                if (got == 0 || (errno != EAGAIN && errno != EWOULDBLOCK)) {
                    ::epoll_ctl(epoll, EPOLL_CTL_DEL, client.fd, nullptr);
                    ::close(client.fd);
                    client.fd = -1;
                }
                break;
            }
            if (client.fd >= 0 && !parseFrames(client, stats)) {
                ::epoll_ctl(epoll, EPOLL_CTL_DEL, client.fd, nullptr);
                ::close(client.fd);
                client.fd = -1;
            }
        }
    }
}
