#include "http_service.h"

#include <QEventLoop>

namespace homeport::http {

HttpService::~HttpService() = default;

HttpServerOptions HttpService::serverOptions(const core::ServiceContext &context) const
{
    HttpServerOptions options;
    options.serviceName = context.name;
    options.metrics = context.metrics;
    options.spoolDirectory = context.dataDir.isEmpty() ? QString() : context.dataDir;
    options.tlsCertificatePath = context.settings.value(QStringLiteral("tls_cert")).toString();
    options.tlsKeyPath = context.settings.value(QStringLiteral("tls_key")).toString();
    return options;
}

core::StartResult HttpService::start(const core::ServiceContext &context)
{
    m_server = std::make_unique<HttpServer>(serverOptions(context));
    const QString configureError = configure(*m_server, context);
    if (!configureError.isEmpty()) {
        m_server.reset();
        return core::StartResult::failure(configureError);
    }
    QString listenError;
    if (!m_server->listen(context.bindAddress, context.port, &listenError)) {
        m_server.reset();
        closeStores();
        return core::StartResult::failure(listenError);
    }
    return core::StartResult::success(m_server->serverPort());
}

void HttpService::stop()
{
    if (!m_server)
        return;
    // The service thread is ours to block: wait here for in-flight requests to finish, so the
    // stores are closed only after the last response was written.
    QEventLoop loop;
    bool stopped = false;
    connect(m_server.get(), &HttpServer::stopped, &loop, [&] {
        stopped = true;
        loop.quit();
    });
    m_server->shutdown();
    if (!stopped)
        loop.exec();
    m_server.reset();
    closeStores();
}

} // namespace homeport::http
