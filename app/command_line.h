#pragma once
// The `homeport` command line, parsed without side effects so tests can check every flag.
// Thread affinity: none (pure function).

#include <QString>
#include <QStringList>

namespace homeport::app {

struct CommandLineOptions {
    bool headless = false;
    QString dataDir;          // empty: the user's data dir
    QString configFile;       // empty: <data dir>/homeport.ini
    QString bindAddress;      // empty: from settings (127.0.0.1 by default)
    QStringList disabled;     // services not to start
    QString logFormat;        // text | json; empty: json on stdout headless, text on stderr with a window
    bool printEnv = false;
    QString printEnvFormat;   // laravel | node | python | shell
};

struct CommandLineResult {
    enum class Action { Run, PrintAndExit, Fail };
    Action action = Action::Run;
    CommandLineOptions options;
    QString output; // --help / --version text, or the error message for Fail
};

// `arguments` includes the program name first, as QCoreApplication::arguments() does.
CommandLineResult parseCommandLine(const QStringList &arguments);

} // namespace homeport::app
