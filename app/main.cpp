// homeport: the console when a display is available, --headless otherwise.
#include "application.h"
#include "command_line.h"

#include <QApplication>
#include <QCoreApplication>

#include <cstdio>
#include <memory>

namespace {

bool hasArgument(int argc, char **argv, const char *prefix)
{
    for (int i = 1; i < argc; ++i) {
        if (qstrncmp(argv[i], prefix, qstrlen(prefix)) == 0)
            return true;
    }
    return false;
}

bool displayAvailable()
{
    return !qEnvironmentVariableIsEmpty("DISPLAY") || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
        || !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
}

} // namespace

int main(int argc, char **argv)
{
    // The kind of application object must be chosen before the arguments can be parsed with it.
    const bool wantsWindow = !hasArgument(argc, argv, "--headless") && !hasArgument(argc, argv, "--print-env")
        && !hasArgument(argc, argv, "--help") && !hasArgument(argc, argv, "-h")
        && !hasArgument(argc, argv, "--version") && !hasArgument(argc, argv, "-v");
    const bool gui = wantsWindow && displayAvailable();

    std::unique_ptr<QCoreApplication> qtApp;
    if (gui)
        qtApp = std::make_unique<QApplication>(argc, argv);
    else
        qtApp = std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("homeport"));
    QCoreApplication::setApplicationName(QStringLiteral("homeport"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HOMEPORT_VERSION));

    const homeport::app::CommandLineResult parsed = homeport::app::parseCommandLine(QCoreApplication::arguments());
    switch (parsed.action) {
    case homeport::app::CommandLineResult::Action::Fail:
        std::fputs(qPrintable(QStringLiteral("homeport: ") + parsed.output), stderr);
        return 64; // EX_USAGE
    case homeport::app::CommandLineResult::Action::PrintAndExit:
        std::fputs(qPrintable(parsed.output), stdout);
        return 0;
    case homeport::app::CommandLineResult::Action::Run:
        break;
    }
    if (wantsWindow && !gui)
        std::fputs("homeport: no display found, running headless\n", stderr);

    homeport::app::Application application(parsed.options, gui && !parsed.options.headless);
    return application.exec();
}
