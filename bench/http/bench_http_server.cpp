// homeport-bench-http: serves GET /hello ("Hello, World!", 13 bytes), GET /files/{name} streamed
// from --dir, and PUT /upload/{name} spooled to a file sink, all on the main thread, so
// scripts/bench-http can compare the engine with nginx. Prints "port <n>" once listening.
// Thread affinity: everything runs in the main thread.

#include "http/http_server.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QLoggingCategory>
#include <QTemporaryFile>

#include <cstdio>

using namespace homeport::http;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("port"), QStringLiteral("Port on 127.0.0.1 (0 picks one)."), QStringLiteral("port"), QStringLiteral("0")});
    parser.addOption({QStringLiteral("dir"), QStringLiteral("Directory of downloads and upload spool."), QStringLiteral("dir"), QDir::tempPath()});
    parser.process(app);
    // One line per request would measure the terminal, not the engine.
    QLoggingCategory::setFilterRules(QStringLiteral("homeport.http.access.debug=false"));

    const QString dir = parser.value(QStringLiteral("dir"));
    HttpServerOptions options;
    options.serviceName = QStringLiteral("bench");
    options.spoolDirectory = dir;
    options.maxConnections = 4096;
    HttpServer server(options);

    server.route("GET", QStringLiteral("/hello"), [](const Request &, Responder &res) {
        res.send(200, "text/plain", "Hello, World!");
    });
    server.route("GET", QStringLiteral("/files/{name}"), [dir](const Request &req, Responder &res) {
        if (req.capture(QStringLiteral("name")).contains(u'/'))
            return res.sendError(400, QStringLiteral("bad name"));
        res.sendFile(Response(200, "application/octet-stream", {}), dir + u'/' + req.capture(QStringLiteral("name")));
    });
    server.route("PUT", QStringLiteral("/upload/{name}"), [](const Request &req, Responder &res) {
        // The spooled file is dropped with the request: the benchmark measures the transfer.
        res.send(200, "application/json", R"({"bytes":)" + QByteArray::number(req.bodyFile()->size()) + "}");
    }).body(BodyPolicy::file(qint64(4) << 30));

    QString error;
    if (!server.listen(QHostAddress::LocalHost, quint16(parser.value(QStringLiteral("port")).toUInt()), &error)) {
        std::fprintf(stderr, "homeport-bench-http: %s\n", qPrintable(error));
        return 1;
    }
    std::printf("port %u\n", server.serverPort());
    std::fflush(stdout);
    return app.exec();
}
