// homeport-bench-channels: runs ChannelsService (the real service, one thread, as in homeport)
// on 127.0.0.1 with one app without a connection limit, and prints "port N" once it listens.
// Usage: homeport-bench-channels --dir DIR --app-id ID --key KEY --secret SECRET [--port N]
//        [--redis-url redis://host:port/db --node-id NAME] (a node of a cluster sharing channels through Redis)
#include "channels/app_store.h"
#include "channels/channels_service.h"
#include "core/atomic_file.h"
#include "core/metrics.h"
#include "core/service.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>

#include <cstdio>

using namespace homeport;

int main(int argc, char **argv)
{
    QCoreApplication application(argc, argv);
    // Per-connection debug lines would measure the terminal, not the server.
    QLoggingCategory::setFilterRules(QStringLiteral("homeport.http.access=false"));
    QCommandLineParser parser;
    const QCommandLineOption dirOption(QStringLiteral("dir"), QStringLiteral("data directory"), QStringLiteral("dir"));
    const QCommandLineOption idOption(QStringLiteral("app-id"), QStringLiteral("app id"), QStringLiteral("id"));
    const QCommandLineOption keyOption(QStringLiteral("key"), QStringLiteral("app key"), QStringLiteral("key"));
    const QCommandLineOption secretOption(QStringLiteral("secret"), QStringLiteral("app secret"), QStringLiteral("secret"));
    const QCommandLineOption portOption(QStringLiteral("port"), QStringLiteral("port (0: any)"), QStringLiteral("port"), QStringLiteral("0"));
    const QCommandLineOption redisOption(QStringLiteral("redis-url"), QStringLiteral("share channels through this Redis (adapter=redis)"),
                                         QStringLiteral("url"));
    const QCommandLineOption nodeOption(QStringLiteral("node-id"), QStringLiteral("node id in the cluster"), QStringLiteral("id"));
    parser.addOptions({dirOption, idOption, keyOption, secretOption, portOption, redisOption, nodeOption});
    parser.process(application);

    channels::AppInfo app;
    app.id = parser.value(idOption);
    app.key = parser.value(keyOption);
    app.secret = parser.value(secretOption);
    app.name = QStringLiteral("bench");
    app.limits.maxConnections = 0;
    const QString dir = parser.value(dirOption);
    QDir().mkpath(dir);
    const QString written = core::writeFileAtomically(
        QDir(dir).filePath(QStringLiteral("apps.json")),
        QJsonDocument(QJsonObject{{QStringLiteral("apps"), QJsonArray{channels::AppStore::toJson(app)}}}).toJson());
    if (!written.isEmpty()) {
        std::fprintf(stderr, "%s\n", qPrintable(written));
        return 1;
    }

    core::Metrics metrics;
    core::ServiceContext context;
    context.name = QStringLiteral("channels");
    context.dataDir = dir;
    context.bindAddress = QHostAddress::LocalHost;
    context.port = quint16(parser.value(portOption).toUInt());
    context.metrics = &metrics;
    if (parser.isSet(redisOption)) {
        context.settings.insert(QStringLiteral("adapter"), QStringLiteral("redis"));
        context.settings.insert(QStringLiteral("redis_url"), parser.value(redisOption));
        context.settings.insert(QStringLiteral("node_id"), parser.value(nodeOption));
    }
    channels::ChannelsService service;
    const core::StartResult started = service.start(context);
    if (!started.ok) {
        std::fprintf(stderr, "%s\n", qPrintable(started.error));
        return 1;
    }
    std::printf("port %u\n", started.port);
    std::fflush(stdout);
    // The runner ends it with SIGTERM; nothing needs a graceful stop here.
    return application.exec();
}
