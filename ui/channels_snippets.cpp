#include "channels_snippets.h"

namespace homeport::ui {

QList<ChannelsSnippets::Format> ChannelsSnippets::formats()
{
    return {Format::LaravelEnv, Format::PusherJs, Format::NodeServer, Format::PythonServer, Format::Shell};
}

QString ChannelsSnippets::formatTitle(Format format)
{
    switch (format) {
    case Format::LaravelEnv:
        return tr("Laravel .env");
    case Format::PusherJs:
        return tr("pusher-js");
    case Format::NodeServer:
        return tr("Node server");
    case Format::PythonServer:
        return tr("Python server");
    case Format::Shell:
        return tr("Shell");
    }
    return {};
}

QString ChannelsSnippets::render(Format format, const channels::AppInfo &app, const QString &host, quint16 port,
                                 const QString &secret)
{
    const QString s = secret.isNull() ? app.secret : secret;
    const QString p = QString::number(port);
    switch (format) {
    case Format::LaravelEnv:
        return QStringLiteral("BROADCAST_CONNECTION=pusher\nPUSHER_APP_ID=%1\nPUSHER_APP_KEY=%2\nPUSHER_APP_SECRET=%3\n"
                              "PUSHER_HOST=%4\nPUSHER_PORT=%5\nPUSHER_SCHEME=http\nPUSHER_APP_CLUSTER=mt1\n"
                              "VITE_PUSHER_APP_KEY=\"${PUSHER_APP_KEY}\"\nVITE_PUSHER_HOST=\"${PUSHER_HOST}\"\n"
                              "VITE_PUSHER_PORT=\"${PUSHER_PORT}\"\nVITE_PUSHER_SCHEME=\"${PUSHER_SCHEME}\"\n"
                              "VITE_PUSHER_APP_CLUSTER=\"${PUSHER_APP_CLUSTER}\"\n")
            .arg(app.id, app.key, s, host, p);
    case Format::PusherJs:
        // The browser needs only the key; the secret must never reach it.
        return QStringLiteral("// npm install pusher-js\n"
                              "import Pusher from 'pusher-js';\n\n"
                              "const pusher = new Pusher('%1', {\n"
                              "  wsHost: '%2', wsPort: %3, forceTLS: false,\n"
                              "  enabledTransports: ['ws'], cluster: 'mt1',\n"
                              "});\n"
                              "pusher.subscribe('my-channel').bind('my-event', (data) => console.log(data));\n")
            .arg(app.key, host, p);
    case Format::NodeServer:
        return QStringLiteral("// npm install pusher\n"
                              "const Pusher = require('pusher');\n\n"
                              "const pusher = new Pusher({ appId: '%1', key: '%2', secret: '%3',\n"
                              "  host: '%4', port: '%5', useTLS: false, cluster: 'mt1' });\n"
                              "await pusher.trigger('my-channel', 'my-event', { message: 'hello' });\n")
            .arg(app.id, app.key, s, host, p);
    case Format::PythonServer:
        return QStringLiteral("# pip install pusher\n"
                              "import pusher\n\n"
                              "pusher_client = pusher.Pusher(app_id='%1', key='%2', secret='%3',\n"
                              "    host='%4', port=%5, ssl=False)\n"
                              "pusher_client.trigger('my-channel', 'my-event', {'message': 'hello'})\n")
            .arg(app.id, app.key, s, host, p);
    case Format::Shell:
        return QStringLiteral("export PUSHER_APP_ID='%1'\nexport PUSHER_APP_KEY='%2'\nexport PUSHER_APP_SECRET='%3'\n"
                              "export PUSHER_HOST='%4'\nexport PUSHER_PORT='%5'\nexport PUSHER_SCHEME='http'\n")
            .arg(app.id, app.key, s, host, p);
    }
    return {};
}

} // namespace homeport::ui
