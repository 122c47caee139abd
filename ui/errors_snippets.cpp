#include "errors_snippets.h"

namespace homeport::ui {

QList<ErrorsSnippets::Format> ErrorsSnippets::formats()
{
    return {Format::Node, Format::Python, Format::Laravel, Format::Browser};
}

QString ErrorsSnippets::formatTitle(Format format)
{
    switch (format) {
    case Format::Node:
        return tr("@sentry/node");
    case Format::Python:
        return tr("Python");
    case Format::Laravel:
        return tr("Laravel .env");
    case Format::Browser:
        return tr("Browser");
    }
    return {};
}

QString ErrorsSnippets::render(Format format, const QString &dsn)
{
    switch (format) {
    case Format::Node:
        return QStringLiteral("// npm install @sentry/node\n"
                              "const Sentry = require('@sentry/node');\n\n"
                              "Sentry.init({\n"
                              "  dsn: '%1',\n"
                              "});\n\n"
                              "Sentry.captureException(new Error('It works'));\n")
            .arg(dsn);
    case Format::Python:
        return QStringLiteral("# pip install sentry-sdk   (Debian: apt install python3-sentry-sdk)\n"
                              "import sentry_sdk\n\n"
                              "sentry_sdk.init(dsn=\"%1\")\n\n"
                              "sentry_sdk.capture_message(\"It works\")\n")
            .arg(dsn);
    case Format::Laravel:
        return QStringLiteral("# composer require sentry/sentry-laravel\n"
                              "SENTRY_LARAVEL_DSN=%1\n"
                              "SENTRY_TRACES_SAMPLE_RATE=0\n")
            .arg(dsn);
    case Format::Browser:
        // Browser SDKs post cross-origin; the errors service answers their CORS preflight.
        return QStringLiteral("// npm install @sentry/browser\n"
                              "import * as Sentry from '@sentry/browser';\n\n"
                              "Sentry.init({\n"
                              "  dsn: '%1',\n"
                              "});\n")
            .arg(dsn);
    }
    return {};
}

} // namespace homeport::ui
