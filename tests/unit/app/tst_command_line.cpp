// Every flag of `homeport`, and the errors a user gets for wrong ones.
#include "app/command_line.h"

#include <QTest>

using homeport::app::CommandLineResult;
using homeport::app::parseCommandLine;

class TestCommandLine : public QObject
{
    Q_OBJECT
    static CommandLineResult parse(QStringList args)
    {
        args.prepend(QStringLiteral("homeport"));
        return parseCommandLine(args);
    }

private Q_SLOTS:
    void noArgumentsRunsWithDefaults()
    {
        const CommandLineResult r = parse({});
        QCOMPARE(r.action, CommandLineResult::Action::Run);
        QVERIFY(!r.options.headless);
        QVERIFY(r.options.dataDir.isEmpty());
        QVERIFY(r.options.disabled.isEmpty());
        QVERIFY(!r.options.printEnv);
    }

    void allRunOptions()
    {
        const CommandLineResult r = parse({QStringLiteral("--headless"), QStringLiteral("--data-dir"), QStringLiteral("/srv/hp"),
                                           QStringLiteral("--config"), QStringLiteral("/etc/hp.ini"), QStringLiteral("--bind"),
                                           QStringLiteral("0.0.0.0"), QStringLiteral("--disable"), QStringLiteral("search"),
                                           QStringLiteral("--disable"), QStringLiteral("Inference,storage")});
        QCOMPARE(r.action, CommandLineResult::Action::Run);
        QVERIFY(r.options.headless);
        QCOMPARE(r.options.dataDir, QStringLiteral("/srv/hp"));
        QCOMPARE(r.options.configFile, QStringLiteral("/etc/hp.ini"));
        QCOMPARE(r.options.bindAddress, QStringLiteral("0.0.0.0"));
        QCOMPARE(r.options.disabled, (QStringList{QStringLiteral("search"), QStringLiteral("inference"), QStringLiteral("storage")}));
    }

    void printEnvFormats_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("format");
        QTest::newRow("default") << QStringList{QStringLiteral("--print-env")} << "shell";
        QTest::newRow("next argument") << QStringList{QStringLiteral("--print-env"), QStringLiteral("laravel")} << "laravel";
        QTest::newRow("equals") << QStringList{QStringLiteral("--print-env=python")} << "python";
        QTest::newRow("before other flags") << QStringList{QStringLiteral("--print-env"), QStringLiteral("node"), QStringLiteral("--data-dir"), QStringLiteral("/x")} << "node";
    }
    void printEnvFormats()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, format);
        const CommandLineResult r = parse(args);
        QCOMPARE(r.action, CommandLineResult::Action::Run);
        QVERIFY(r.options.printEnv);
        QCOMPARE(r.options.printEnvFormat, format);
    }

    void helpAndVersionPrintAndExit()
    {
        CommandLineResult r = parse({QStringLiteral("--help")});
        QCOMPARE(r.action, CommandLineResult::Action::PrintAndExit);
        for (const char *flag : {"--headless", "--data-dir", "--config", "--bind", "--disable", "--print-env", "--version"})
            QVERIFY2(r.output.contains(QLatin1String(flag)), flag);
        r = parse({QStringLiteral("--version")});
        QCOMPARE(r.action, CommandLineResult::Action::PrintAndExit);
        QCOMPARE(r.output, QStringLiteral("homeport %1\n").arg(QStringLiteral(HOMEPORT_VERSION)));
    }

    void logFormat()
    {
        QVERIFY(parse({}).options.logFormat.isEmpty());
        QCOMPARE(parse({QStringLiteral("--log-format"), QStringLiteral("JSON")}).options.logFormat, QStringLiteral("json"));
        QCOMPARE(parse({QStringLiteral("--headless"), QStringLiteral("--log-format=text")}).options.logFormat, QStringLiteral("text"));
    }

    void mistakesFailWithAReason_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown flag") << QStringList{QStringLiteral("--frobnicate")} << "frobnicate";
        QTest::newRow("unknown service") << QStringList{QStringLiteral("--disable"), QStringLiteral("mail")} << "unknown service 'mail'";
        QTest::newRow("bad address") << QStringList{QStringLiteral("--bind"), QStringLiteral("localhostt")} << "not an IP address";
        QTest::newRow("bad format") << QStringList{QStringLiteral("--print-env"), QStringLiteral("ruby")} << "unknown format 'ruby'";
        QTest::newRow("stray argument") << QStringList{QStringLiteral("start")} << "unexpected argument 'start'";
        QTest::newRow("missing value") << QStringList{QStringLiteral("--data-dir")} << "data-dir";
        QTest::newRow("bad log format") << QStringList{QStringLiteral("--log-format"), QStringLiteral("xml")}
                                        << "--log-format: unknown format 'xml'";
    }
    void mistakesFailWithAReason()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        const CommandLineResult r = parse(args);
        QCOMPARE(r.action, CommandLineResult::Action::Fail);
        QVERIFY2(r.output.contains(expected), qPrintable(r.output));
    }
};

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_command_line.moc"
