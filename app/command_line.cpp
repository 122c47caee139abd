#include "command_line.h"

#include "log_output.h"

#include "core/client_env.h"
#include "core/service_catalog.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QHostAddress>

namespace homeport::app {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("homeport::app::CommandLine", text);
}
} // namespace

CommandLineResult parseCommandLine(const QStringList &rawArguments)
{
    CommandLineResult result;
    const QString services = core::serviceNames().join(QStringLiteral(", "));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Homeport hosts Pusher-, Sentry-, Typesense-, S3- and OpenAI-compatible services on this machine "
           "and shows their dashboards."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, tr("Show this help and exit."));
    const QCommandLineOption version({QStringLiteral("v"), QStringLiteral("version")}, tr("Show the version and exit."));
    const QCommandLineOption headless(QStringLiteral("headless"), tr("Run without a window (servers, CI)."));
    const QCommandLineOption dataDir(QStringLiteral("data-dir"),
                                     tr("Keep settings, keys and data in DIR (default: the user's data dir)."),
                                     QStringLiteral("DIR"));
    const QCommandLineOption config(QStringLiteral("config"), tr("Read settings from FILE instead of <data dir>/homeport.ini."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption bind(QStringLiteral("bind"),
                                  tr("Listen on ADDRESS (default 127.0.0.1; 0.0.0.0 exposes every service)."),
                                  QStringLiteral("ADDRESS"));
    const QCommandLineOption disable(QStringLiteral("disable"),
                                     tr("Do not start SERVICE (one of: %1). May be repeated.").arg(services),
                                     QStringLiteral("SERVICE"));
    const QCommandLineOption logFormat(
        QStringLiteral("log-format"),
        tr("Write log lines to stdout as FORMAT: json (one object per line, the default headless) or text."),
        QStringLiteral("FORMAT"));
    const QCommandLineOption printEnv(
        QStringLiteral("print-env"),
        tr("Print the client settings of every service with the real keys and ports, then exit. "
           "Format: laravel, node, python or shell (default), given as the next argument or --print-env=FORMAT."));
    parser.addOptions({help, version, headless, dataDir, config, bind, disable, logFormat, printEnv});
    parser.addPositionalArgument(QStringLiteral("format"), tr("With --print-env: laravel | node | python | shell."),
                                 QStringLiteral("[format]"));

    // --print-env takes an optional value, which QCommandLineParser has no notion of.
    QStringList arguments;
    for (const QString &argument : rawArguments) {
        if (argument.startsWith(QStringLiteral("--print-env="))) {
            arguments << QStringLiteral("--print-env") << argument.mid(int(qstrlen("--print-env=")));
        } else {
            arguments << argument;
        }
    }

    const auto fail = [&](const QString &message) {
        result.action = CommandLineResult::Action::Fail;
        result.output = message + QLatin1Char('\n') + tr("Run 'homeport --help' for the options.") + QLatin1Char('\n');
        return result;
    };

    if (!parser.parse(arguments))
        return fail(parser.errorText());
    if (parser.isSet(help)) {
        result.action = CommandLineResult::Action::PrintAndExit;
        result.output = parser.helpText();
        return result;
    }
    if (parser.isSet(version)) {
        result.action = CommandLineResult::Action::PrintAndExit;
        result.output = QStringLiteral("homeport %1\n").arg(QStringLiteral(HOMEPORT_VERSION));
        return result;
    }

    CommandLineOptions &o = result.options;
    o.headless = parser.isSet(headless);
    o.dataDir = parser.value(dataDir);
    o.configFile = parser.value(config);
    o.printEnv = parser.isSet(printEnv);

    if (parser.isSet(logFormat)) {
        o.logFormat = parser.value(logFormat).trimmed().toLower();
        LogFormat format;
        if (!parseLogFormat(o.logFormat, &format))
            return fail(tr("--log-format: unknown format '%1' (json or text).").arg(o.logFormat));
    }
    if (parser.isSet(bind)) {
        o.bindAddress = parser.value(bind).trimmed();
        if (QHostAddress(o.bindAddress).isNull())
            return fail(tr("--bind: '%1' is not an IP address.").arg(o.bindAddress));
    }
    for (const QString &name : parser.values(disable)) {
        for (const QString &part : name.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const QString service = part.trimmed().toLower();
            if (!core::findService(service))
                return fail(tr("--disable: unknown service '%1' (one of: %2).").arg(service, services));
            if (!o.disabled.contains(service))
                o.disabled << service;
        }
    }

    const QStringList positional = parser.positionalArguments();
    if (o.printEnv) {
        if (positional.size() > 1)
            return fail(tr("--print-env takes one format."));
        o.printEnvFormat = positional.isEmpty() ? QStringLiteral("shell") : positional.first().toLower();
        core::EnvFormat format;
        if (!core::parseEnvFormat(o.printEnvFormat, &format))
            return fail(tr("--print-env: unknown format '%1' (one of: %2).")
                            .arg(o.printEnvFormat, core::envFormatNames().join(QStringLiteral(", "))));
    } else if (!positional.isEmpty()) {
        return fail(tr("unexpected argument '%1'.").arg(positional.first()));
    }
    return result;
}

} // namespace homeport::app
