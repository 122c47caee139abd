// homeport-bench-search: the load tool for scripts/bench-search, speaking the Typesense HTTP API
// over raw keep-alive connections (so the client costs next to nothing beside the server).
//
//   homeport-bench-search import --port P --key K --collection C --file F.jsonl [--batch 5000]
//     sends F's lines to POST /collections/C/documents/import?action=create, --batch lines per
//     request, one request in flight (the service indexes on one thread), and prints documents
//     sent, imported, failed, seconds and documents/s. Each answer's lines are checked.
//   homeport-bench-search search --port P --key K --collection C --queries Q.tsv
//                               [--connections 4] [--seconds 10]
//     runs the query mix Q (label <TAB> q <TAB> filter_by <TAB> facet_by, query_by
//     name,summary,description) round-robin from --connections keep-alive clients, one request
//     in flight each, for --seconds, and prints searches/s, p50/p90/p99/max overall and p50/p99
//     per label, plus the average `found` per label (so an empty mix cannot pass unnoticed).
// Thread affinity: everything runs in the main thread.

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QMap>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <memory>
#include <vector>

namespace {

struct Answer
{
    int status = 0;
    QByteArray body;
};

// One keep-alive HTTP/1.1 connection with one request in flight.
class Connection
{
public:
    Connection(quint16 port, QObject *parent) : m_socket(new QTcpSocket(parent))
    {
        m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        QObject::connect(m_socket, &QTcpSocket::readyRead, [this] { onReadyRead(); });
        m_socket->connectToHost(QHostAddress::LocalHost, port);
    }
    bool waitConnected() { return m_socket->waitForConnected(5000); }
    void send(const QByteArray &request, std::function<void(Answer)> done)
    {
        m_done = std::move(done);
        m_socket->write(request);
    }
    QTcpSocket *socket() const { return m_socket; }

private:
    void onReadyRead()
    {
        m_buffer += m_socket->readAll();
        const qsizetype headEnd = m_buffer.indexOf("\r\n\r\n");
        if (headEnd < 0)
            return;
        const QByteArray head = m_buffer.left(headEnd).toLower();
        const qsizetype cl = head.indexOf("content-length:");
        qsizetype length = 0;
        if (cl >= 0) {
            const qsizetype eol = head.indexOf('\r', cl);
            length = head.mid(cl + 15, eol < 0 ? -1 : eol - cl - 15).trimmed().toLongLong();
        }
        if (m_buffer.size() < headEnd + 4 + length)
            return;
        Answer a{head.mid(9, 3).toInt(), m_buffer.mid(headEnd + 4, length)};
        m_buffer.remove(0, headEnd + 4 + length);
        auto done = std::move(m_done);
        m_done = nullptr;
        if (done)
            done(std::move(a));
    }

    QTcpSocket *m_socket;
    QByteArray m_buffer;
    std::function<void(Answer)> m_done;
};

QByteArray request(const QByteArray &method, const QByteArray &target, const QByteArray &key, const QByteArray &body = {})
{
    QByteArray r = method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-TYPESENSE-API-KEY: " + key + "\r\n";
    if (!body.isNull())
        r += "Content-Type: text/plain\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
    return r + "\r\n" + body;
}

double percentile(std::vector<qint64> &ns, double p)
{
    if (ns.empty())
        return 0.0;
    std::sort(ns.begin(), ns.end());
    return double(ns[std::min(ns.size() - 1, size_t(p * double(ns.size())))]) / 1e6;
}

int runImport(quint16 port, const QByteArray &key, const QString &collection, const QString &path, int batch)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read %s\n", qPrintable(path));
        return 1;
    }
    const QByteArray all = file.readAll();
    // Batch boundaries: every `batch` lines.
    std::vector<std::pair<qsizetype, qsizetype>> batches;
    qint64 lines = 0;
    for (qsizetype from = 0; from < all.size();) {
        qsizetype end = from;
        int n = 0;
        while (end < all.size() && n < batch) {
            const qsizetype nl = all.indexOf('\n', end);
            end = nl < 0 ? all.size() : nl + 1;
            ++n;
        }
        batches.push_back({from, end - from});
        lines += n;
        from = end;
    }
    const QByteArray target = "/collections/" + QUrl::toPercentEncoding(collection) + "/documents/import?action=create";
    Connection connection(port, QCoreApplication::instance());
    if (!connection.waitConnected()) {
        std::fprintf(stderr, "cannot connect to port %u\n", port);
        return 1;
    }
    qint64 imported = 0, failed = 0;
    size_t next = 0;
    QEventLoop loop;
    QElapsedTimer clock;
    std::function<void()> sendNext = [&] {
        if (next == batches.size()) {
            loop.quit();
            return;
        }
        const auto [from, size] = batches[next++];
        connection.send(request("POST", target, key, all.mid(from, size)), [&](Answer a) {
            if (a.status != 200) {
                std::fprintf(stderr, "import batch answered %d: %s\n", a.status, a.body.left(300).constData());
                failed += batch;
            } else {
                const qint64 ok = a.body.count("\"success\":true");
                imported += ok;
                const qint64 bad = a.body.count('\n') + 1 - ok;
                if (bad > 0 && failed < 5)
                    std::fprintf(stderr, "failed lines, e.g. %s\n", a.body.left(300).constData());
                failed += bad;
            }
            sendNext();
        });
    };
    QObject::connect(connection.socket(), &QTcpSocket::disconnected, &loop, [&] {
        std::fprintf(stderr, "the connection closed early\n");
        loop.quit();
    });
    clock.start();
    sendNext();
    loop.exec();
    const double seconds = double(clock.nsecsElapsed()) / 1e9;
    std::printf("documents %lld\nimported %lld\nfailed %lld\nbatches %zu\nseconds %.3f\ndocs_per_second %.0f\n", lines, imported,
                failed, batches.size(), seconds, double(imported) / seconds);
    return imported == lines ? 0 : 1;
}

struct Query
{
    QByteArray label;
    QByteArray request;
};

int runSearch(quint16 port, const QByteArray &key, const QString &collection, const QString &path, int connections, double seconds)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read %s\n", qPrintable(path));
        return 1;
    }
    std::vector<Query> mix;
    for (const QByteArray &raw : file.readAll().split('\n')) {
        if (raw.trimmed().isEmpty() || raw.startsWith('#'))
            continue;
        const QList<QByteArray> cols = raw.split('\t');
        QByteArray target = "/collections/" + QUrl::toPercentEncoding(collection)
                            + "/documents/search?query_by=name,summary,description&per_page=10&q=" + QUrl::toPercentEncoding(QString::fromUtf8(cols.value(1)));
        if (!cols.value(2).isEmpty())
            target += "&filter_by=" + QUrl::toPercentEncoding(QString::fromUtf8(cols.value(2)));
        if (!cols.value(3).isEmpty())
            target += "&facet_by=" + QUrl::toPercentEncoding(QString::fromUtf8(cols.value(3)));
        mix.push_back({cols.value(0), request("GET", target, key)});
    }
    if (mix.empty()) {
        std::fprintf(stderr, "no queries in %s\n", qPrintable(path));
        return 1;
    }
    struct PerLabel
    {
        std::vector<qint64> ns;
        qint64 found = 0;
        qint64 empty = 0;
    };
    QMap<QByteArray, PerLabel> perLabel;
    std::vector<qint64> all;
    qint64 failed = 0;
    size_t next = 0;
    int active = connections;
    bool stopping = false;
    QEventLoop loop;
    QElapsedTimer clock;
    std::vector<std::unique_ptr<Connection>> pool;
    for (int i = 0; i < connections; ++i) {
        pool.push_back(std::make_unique<Connection>(port, QCoreApplication::instance()));
        if (!pool.back()->waitConnected()) {
            std::fprintf(stderr, "cannot connect to port %u\n", port);
            return 1;
        }
    }
    std::function<void(Connection &)> sendNext = [&](Connection &c) {
        if (stopping) {
            if (--active == 0)
                loop.quit();
            return;
        }
        const Query &q = mix[next++ % mix.size()];
        const qint64 sentAt = clock.nsecsElapsed();
        c.send(q.request, [&, sentAt, label = q.label, cp = &c](Answer a) {
            const qint64 ns = clock.nsecsElapsed() - sentAt;
            all.push_back(ns);
            PerLabel &l = perLabel[label];
            l.ns.push_back(ns);
            if (a.status != 200) {
                if (++failed <= 5)
                    std::fprintf(stderr, "search answered %d: %s\n", a.status, a.body.left(300).constData());
            } else {
                const qsizetype at = a.body.indexOf("\"found\":");
                const qint64 found = at < 0 ? 0 : a.body.mid(at + 8, 12).split(',').value(0).toLongLong();
                l.found += found;
                l.empty += found == 0 ? 1 : 0;
            }
            sendNext(*cp);
        });
    };
    QTimer::singleShot(int(seconds * 1000), &loop, [&] { stopping = true; });
    clock.start();
    for (auto &c : pool)
        sendNext(*c);
    loop.exec();
    const double elapsed = double(clock.nsecsElapsed()) / 1e9;
    std::printf("searches %zu\nfailed %lld\nconnections %d\nseconds %.3f\nsearches_per_second %.0f\n", all.size(), failed,
                connections, elapsed, double(all.size()) / elapsed);
    const double p50 = percentile(all, 0.50), p90 = percentile(all, 0.90), p99 = percentile(all, 0.99);
    std::printf("p50_ms %.3f\np90_ms %.3f\np99_ms %.3f\nmax_ms %.3f\n", p50, p90, p99, all.empty() ? 0.0 : double(all.back()) / 1e6);
    for (auto it = perLabel.begin(); it != perLabel.end(); ++it) {
        PerLabel &l = it.value();
        const size_t n = l.ns.size();
        std::printf("label %s n %zu p50_ms %.3f p99_ms %.3f avg_found %.0f empty %lld\n", it.key().constData(), n,
                    percentile(l.ns, 0.50), percentile(l.ns, 0.99), n ? double(l.found) / double(n) : 0.0, l.empty);
    }
    return failed == 0 ? 0 : 1;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("mode"), QStringLiteral("import or search"));
    parser.addOptions({
        {QStringLiteral("port"), QStringLiteral("Search service port on 127.0.0.1."), QStringLiteral("port")},
        {QStringLiteral("key"), QStringLiteral("API key."), QStringLiteral("key")},
        {QStringLiteral("collection"), QStringLiteral("Collection name."), QStringLiteral("name"), QStringLiteral("packages")},
        {QStringLiteral("file"), QStringLiteral("JSONL documents to import."), QStringLiteral("path")},
        {QStringLiteral("batch"), QStringLiteral("Lines per import request."), QStringLiteral("n"), QStringLiteral("5000")},
        {QStringLiteral("queries"), QStringLiteral("Query mix (TSV)."), QStringLiteral("path")},
        {QStringLiteral("connections"), QStringLiteral("Concurrent clients."), QStringLiteral("n"), QStringLiteral("4")},
        {QStringLiteral("seconds"), QStringLiteral("Search run length."), QStringLiteral("s"), QStringLiteral("10")},
    });
    parser.process(app);
    const QString mode = parser.positionalArguments().value(0);
    const quint16 port = quint16(parser.value(QStringLiteral("port")).toUInt());
    const QByteArray key = parser.value(QStringLiteral("key")).toUtf8();
    const QString collection = parser.value(QStringLiteral("collection"));
    if (mode == QLatin1String("import"))
        return runImport(port, key, collection, parser.value(QStringLiteral("file")),
                         std::max(1, parser.value(QStringLiteral("batch")).toInt()));
    if (mode == QLatin1String("search"))
        return runSearch(port, key, collection, parser.value(QStringLiteral("queries")),
                         std::max(1, parser.value(QStringLiteral("connections")).toInt()),
                         parser.value(QStringLiteral("seconds")).toDouble());
    parser.showHelp(1);
}
