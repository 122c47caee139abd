#include "client_env.h"

#include "service_catalog.h"

#include <QStringList>

namespace homeport::core {

namespace {

struct Values {
    QString host;
    QString port;
    QString url; // http://host:port, https:// when the service serves TLS
    bool tls = false;
    QString scheme() const { return tls ? QStringLiteral("https") : QStringLiteral("http"); }
    QString tlsFlag(const char *yes, const char *no) const { return QString::fromLatin1(tls ? yes : no); }
    const Secrets *secrets;
    QString secret(const char *service, const char *key) const
    {
        return secrets->value(QString::fromLatin1(service), QString::fromLatin1(key));
    }
    QString dsn() const
    {
        return QStringLiteral("%5://%1@%2:%3/%4")
            .arg(secret("errors", "public_key"), host, port, secret("errors", "project_id"), scheme());
    }
};

QString laravel(const QString &service, const Values &v)
{
    if (service == QLatin1String("channels"))
        return QStringLiteral("BROADCAST_CONNECTION=pusher\nPUSHER_APP_ID=%1\nPUSHER_APP_KEY=%2\nPUSHER_APP_SECRET=%3\n"
                              "PUSHER_HOST=%4\nPUSHER_PORT=%5\nPUSHER_SCHEME=%6\nPUSHER_APP_CLUSTER=mt1\n"
                              "VITE_PUSHER_APP_KEY=\"${PUSHER_APP_KEY}\"\nVITE_PUSHER_HOST=\"${PUSHER_HOST}\"\n"
                              "VITE_PUSHER_PORT=\"${PUSHER_PORT}\"\nVITE_PUSHER_SCHEME=\"${PUSHER_SCHEME}\"\n"
                              "VITE_PUSHER_APP_CLUSTER=\"${PUSHER_APP_CLUSTER}\"\n")
            .arg(v.secret("channels", "app_id"), v.secret("channels", "app_key"), v.secret("channels", "app_secret"),
                 v.host, v.port, v.scheme());
    if (service == QLatin1String("errors"))
        return QStringLiteral("SENTRY_LARAVEL_DSN=%1\n").arg(v.dsn());
    if (service == QLatin1String("search"))
        return QStringLiteral("SCOUT_DRIVER=typesense\nTYPESENSE_API_KEY=%1\nTYPESENSE_HOST=%2\nTYPESENSE_PORT=%3\n"
                              "TYPESENSE_PROTOCOL=%4\n")
            .arg(v.secret("search", "api_key"), v.host, v.port, v.scheme());
    if (service == QLatin1String("storage"))
        return QStringLiteral("FILESYSTEM_DISK=s3\nAWS_ACCESS_KEY_ID=%1\nAWS_SECRET_ACCESS_KEY=%2\nAWS_DEFAULT_REGION=us-east-1\n"
                              "AWS_BUCKET=homeport\nAWS_ENDPOINT=%3\nAWS_USE_PATH_STYLE_ENDPOINT=true\n")
            .arg(v.secret("storage", "access_key"), v.secret("storage", "secret_key"), v.url);
    if (service == QLatin1String("inference"))
        return QStringLiteral("OPENAI_BASE_URL=%1/v1\nOPENAI_API_KEY=%2\n").arg(v.url, v.secret("inference", "api_key"));
    return {};
}

QString node(const QString &service, const Values &v)
{
    if (service == QLatin1String("channels"))
        return QStringLiteral("// server: npm install pusher\n"
                              "const pusher = new Pusher({ appId: '%1', key: '%2', secret: '%3',\n"
                              "  host: '%4', port: '%5', useTLS: %6, cluster: 'mt1' });\n"
                              "// browser: npm install pusher-js\n"
                              "const client = new Pusher('%2', { wsHost: '%4', %8: %5, forceTLS: %6,\n"
                              "  enabledTransports: ['%7'], cluster: 'mt1' });\n")
            .arg(v.secret("channels", "app_id"), v.secret("channels", "app_key"), v.secret("channels", "app_secret"),
                 v.host, v.port, v.tlsFlag("true", "false"), v.tlsFlag("wss", "ws"), v.tlsFlag("wssPort", "wsPort"));
    if (service == QLatin1String("errors"))
        return QStringLiteral("// npm install @sentry/node\nSentry.init({ dsn: '%1' });\n").arg(v.dsn());
    if (service == QLatin1String("search"))
        return QStringLiteral("// npm install typesense\nconst typesense = new Typesense.Client({ apiKey: '%1',\n"
                              "  nodes: [{ host: '%2', port: %3, protocol: '%4' }] });\n")
            .arg(v.secret("search", "api_key"), v.host, v.port, v.scheme());
    if (service == QLatin1String("storage"))
        return QStringLiteral("// npm install @aws-sdk/client-s3\nconst s3 = new S3Client({ endpoint: '%1', region: 'us-east-1',\n"
                              "  forcePathStyle: true, credentials: { accessKeyId: '%2', secretAccessKey: '%3' } });\n")
            .arg(v.url, v.secret("storage", "access_key"), v.secret("storage", "secret_key"));
    if (service == QLatin1String("inference"))
        return QStringLiteral("// npm install openai\nconst openai = new OpenAI({ baseURL: '%1/v1', apiKey: '%2' });\n")
            .arg(v.url, v.secret("inference", "api_key"));
    return {};
}

QString python(const QString &service, const Values &v)
{
    if (service == QLatin1String("channels"))
        return QStringLiteral("# pip install pusher\npusher_client = pusher.Pusher(app_id='%1', key='%2', secret='%3',\n"
                              "    host='%4', port=%5, ssl=%6)\n")
            .arg(v.secret("channels", "app_id"), v.secret("channels", "app_key"), v.secret("channels", "app_secret"),
                 v.host, v.port, v.tlsFlag("True", "False"));
    if (service == QLatin1String("errors"))
        return QStringLiteral("# pip install sentry-sdk\nsentry_sdk.init(dsn='%1')\n").arg(v.dsn());
    if (service == QLatin1String("search"))
        return QStringLiteral("# pip install typesense\nclient = typesense.Client({'api_key': '%1',\n"
                              "    'nodes': [{'host': '%2', 'port': '%3', 'protocol': '%4'}]})\n")
            .arg(v.secret("search", "api_key"), v.host, v.port, v.scheme());
    if (service == QLatin1String("storage"))
        return QStringLiteral("# pip install boto3\ns3 = boto3.client('s3', endpoint_url='%1', region_name='us-east-1',\n"
                              "    aws_access_key_id='%2', aws_secret_access_key='%3')\n")
            .arg(v.url, v.secret("storage", "access_key"), v.secret("storage", "secret_key"));
    if (service == QLatin1String("inference"))
        return QStringLiteral("# pip install openai\nclient = openai.OpenAI(base_url='%1/v1', api_key='%2')\n")
            .arg(v.url, v.secret("inference", "api_key"));
    return {};
}

// Plain variables the SDKs and CLIs read from the environment, without framework glue.
QString genericDotenv(const QString &service, const Values &v)
{
    if (service == QLatin1String("channels"))
        return QStringLiteral("PUSHER_APP_ID=%1\nPUSHER_APP_KEY=%2\nPUSHER_APP_SECRET=%3\nPUSHER_HOST=%4\nPUSHER_PORT=%5\n"
                              "PUSHER_SCHEME=%6\n")
            .arg(v.secret("channels", "app_id"), v.secret("channels", "app_key"), v.secret("channels", "app_secret"),
                 v.host, v.port, v.scheme());
    if (service == QLatin1String("errors"))
        return QStringLiteral("SENTRY_DSN=%1\n").arg(v.dsn());
    if (service == QLatin1String("search"))
        return QStringLiteral("TYPESENSE_API_KEY=%1\nTYPESENSE_HOST=%2\nTYPESENSE_PORT=%3\nTYPESENSE_PROTOCOL=%4\n")
            .arg(v.secret("search", "api_key"), v.host, v.port, v.scheme());
    if (service == QLatin1String("storage"))
        // AWS_ENDPOINT_URL is read by the aws cli and current AWS SDKs.
        return QStringLiteral("AWS_ACCESS_KEY_ID=%1\nAWS_SECRET_ACCESS_KEY=%2\nAWS_DEFAULT_REGION=us-east-1\n"
                              "AWS_ENDPOINT_URL=%3\n")
            .arg(v.secret("storage", "access_key"), v.secret("storage", "secret_key"), v.url);
    if (service == QLatin1String("inference"))
        return laravel(service, v); // the openai SDKs read the same two variables as openai-php
    return {};
}

QString shell(const QString &service, const Values &v)
{
    const QString dotenv = genericDotenv(service, v);
    QString out;
    const QStringList lines = dotenv.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString &line : lines) {
        const qsizetype eq = line.indexOf(QLatin1Char('='));
        out += QStringLiteral("export ") + line.left(eq) + QStringLiteral("='") + line.mid(eq + 1) + QStringLiteral("'\n");
    }
    return out;
}

} // namespace

bool parseEnvFormat(const QString &text, EnvFormat *format)
{
    const QString t = text.trimmed().toLower();
    if (t == QLatin1String("laravel") || t == QLatin1String("dotenv"))
        *format = EnvFormat::Laravel;
    else if (t == QLatin1String("node") || t == QLatin1String("js"))
        *format = EnvFormat::Node;
    else if (t == QLatin1String("python"))
        *format = EnvFormat::Python;
    else if (t == QLatin1String("shell") || t == QLatin1String("sh"))
        *format = EnvFormat::Shell;
    else
        return false;
    return true;
}

QString envFormatName(EnvFormat format)
{
    switch (format) {
    case EnvFormat::Laravel:
        return QStringLiteral("laravel");
    case EnvFormat::Node:
        return QStringLiteral("node");
    case EnvFormat::Python:
        return QStringLiteral("python");
    case EnvFormat::Shell:
        return QStringLiteral("shell");
    }
    return {};
}

QStringList envFormatNames()
{
    return {QStringLiteral("laravel"), QStringLiteral("node"), QStringLiteral("python"), QStringLiteral("shell")};
}

QString renderClientSettings(EnvFormat format, const ClientSettings &settings, const QString &service)
{
    const char *comment = format == EnvFormat::Node ? "// " : "# ";
    QString out;
    for (const ServiceInfo &info : serviceCatalog()) {
        if ((!service.isEmpty() && info.name != service) || !settings.ports.contains(info.name))
            continue;
        Values v;
        v.host = settings.host;
        v.port = QString::number(settings.ports.value(info.name));
        v.tls = settings.tlsServices.contains(info.name);
        v.url = QStringLiteral("%1://%2:%3").arg(v.scheme(), v.host, v.port);
        v.secrets = &settings.secrets;
        if (service.isEmpty()) {
            if (!out.isEmpty())
                out += QLatin1Char('\n');
            out += QLatin1String(comment) + info.title + QStringLiteral(" (") + info.protocol + QStringLiteral(")\n");
        }
        switch (format) {
        case EnvFormat::Laravel:
            out += laravel(info.name, v);
            break;
        case EnvFormat::Node:
            out += node(info.name, v);
            break;
        case EnvFormat::Python:
            out += python(info.name, v);
            break;
        case EnvFormat::Shell:
            out += shell(info.name, v);
            break;
        }
    }
    return out;
}

} // namespace homeport::core
