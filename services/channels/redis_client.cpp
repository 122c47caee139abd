#include "redis_client.h"

#include "core/logging.h"

#include <QSocketNotifier>
#include <QUrl>

#include <hiredis/async.h>
#include <hiredis/hiredis.h>

#include <utility>
#include <vector>

namespace homeport::channels {

namespace {
// The reply handed to handlers whose command never got an answer (connection down or dropped).
const QByteArray kConnectionLost = QByteArrayLiteral("ERR connection to Redis lost");
} // namespace

RedisReply RedisReply::from(const redisReply *reply)
{
    RedisReply result;
    if (!reply)
        return error(kConnectionLost);
    switch (reply->type) {
    case REDIS_REPLY_STATUS:
        result.type = Type::Status;
        result.string = QByteArray(reply->str, qsizetype(reply->len));
        break;
    case REDIS_REPLY_ERROR:
        result.type = Type::Error;
        result.string = QByteArray(reply->str, qsizetype(reply->len));
        break;
    case REDIS_REPLY_INTEGER:
        result.type = Type::Integer;
        result.integer = reply->integer;
        break;
    case REDIS_REPLY_STRING:
        result.type = Type::String;
        result.string = QByteArray(reply->str, qsizetype(reply->len));
        break;
    case REDIS_REPLY_ARRAY:
        result.type = Type::Array;
        result.elements.reserve(qsizetype(reply->elements));
        for (size_t i = 0; i < reply->elements; ++i)
            result.elements.append(from(reply->element[i]));
        break;
    default:
        break;
    }
    return result;
}

std::optional<RedisEndpoint> RedisEndpoint::parse(const QString &text, QString *error)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.scheme() != QLatin1String("redis") || url.host().isEmpty()) {
        *error = QStringLiteral("redis_url must look like redis://[:password@]host:port/db, not %1").arg(text);
        return std::nullopt;
    }
    RedisEndpoint endpoint;
    endpoint.host = url.host();
    const int port = url.port(6379);
    if (port <= 0 || port > 65535) {
        *error = QStringLiteral("redis_url has no valid port");
        return std::nullopt;
    }
    endpoint.port = quint16(port);
    endpoint.password = url.password(QUrl::FullyDecoded);
    const QString path = url.path().mid(1);
    if (!path.isEmpty()) {
        bool numeric = false;
        endpoint.database = path.toInt(&numeric);
        if (!numeric || endpoint.database < 0) {
            *error = QStringLiteral("redis_url's path must be a database number, not %1").arg(path);
            return std::nullopt;
        }
    }
    return endpoint;
}

QString RedisEndpoint::display() const
{
    return QStringLiteral("%1:%2/%3").arg(host).arg(port).arg(database);
}

RedisClient::RedisClient(const RedisEndpoint &endpoint, QObject *parent)
    : QObject(parent), m_endpoint(endpoint)
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &RedisClient::connectNow);
    m_connectTimer.setSingleShot(true);
    connect(&m_connectTimer, &QTimer::timeout, this, [this] {
        if (!m_context || m_ready)
            return;
        // hiredis 0.14 has no connect timeout of its own: give up on this attempt and retry.
        redisAsyncContext *context = std::exchange(m_context, nullptr);
        context->data = nullptr;
        redisAsyncFree(context);
        lost(QStringLiteral("no answer from %1 within %2 ms").arg(m_endpoint.display()).arg(kConnectTimeoutMs));
    });
}

RedisClient::~RedisClient()
{
    m_destroying = true;
    if (redisAsyncContext *context = std::exchange(m_context, nullptr))
        redisAsyncFree(context); // pending handlers are deleted without being called
    dropNotifiers();
}

void RedisClient::start()
{
    connectNow();
}

void RedisClient::connectNow()
{
    if (m_context || m_destroying)
        return;
    redisAsyncContext *context = redisAsyncConnect(m_endpoint.host.toUtf8().constData(), m_endpoint.port);
    if (!context) {
        lost(QStringLiteral("out of memory"));
        return;
    }
    if (context->err) {
        const QString why = QString::fromUtf8(context->errstr);
        redisAsyncFree(context);
        lost(why);
        return;
    }
    m_context = context;
    context->data = this;
    context->ev.data = this;
    context->ev.addRead = &RedisClient::addRead;
    context->ev.delRead = &RedisClient::delRead;
    context->ev.addWrite = &RedisClient::addWrite;
    context->ev.delWrite = &RedisClient::delWrite;
    context->ev.cleanup = &RedisClient::cleanup;
    const qintptr fd = context->c.fd;
    m_readNotifier = new QSocketNotifier(fd, QSocketNotifier::Read, this);
    m_writeNotifier = new QSocketNotifier(fd, QSocketNotifier::Write, this);
    m_readNotifier->setEnabled(false);
    // The non-blocking connect completes when the socket becomes writable.
    m_writeNotifier->setEnabled(true);
    connect(m_readNotifier, &QSocketNotifier::activated, this, [this] {
        if (m_context)
            redisAsyncHandleRead(m_context);
    });
    connect(m_writeNotifier, &QSocketNotifier::activated, this, [this] {
        if (m_context)
            redisAsyncHandleWrite(m_context);
    });
    redisAsyncSetConnectCallback(context, &RedisClient::onConnect);
    redisAsyncSetDisconnectCallback(context, &RedisClient::onDisconnect);
    m_connectTimer.start(kConnectTimeoutMs);
    handshake();
}

void RedisClient::handshake()
{
    // Queued at once: hiredis sends them as soon as the connection is up, in this order.
    if (!m_endpoint.password.isEmpty())
        send({QByteArrayLiteral("AUTH"), m_endpoint.password.toUtf8()}, nullptr);
    if (m_endpoint.database != 0 && m_subscription.isEmpty())
        send({QByteArrayLiteral("SELECT"), QByteArray::number(m_endpoint.database)}, nullptr);
    send({QByteArrayLiteral("PING")}, new ReplyHandler([this](const RedisReply &reply) {
             if (!m_context || reply.string == kConnectionLost)
                 return; // the disconnect path reports it
             if (reply.isError()) {
                 // Wrong password, unknown database: say why, drop this connection and retry.
                 m_lastError = QString::fromUtf8(reply.string);
                 redisAsyncDisconnect(m_context);
                 return;
             }
             if (m_subscription.isEmpty()) {
                 m_connectTimer.stop();
                 m_ready = true;
                 m_retryMs = kFirstRetryMs;
                 if (std::exchange(m_wasConnected, true))
                     ++m_reconnects;
                 m_lastError.clear();
                 Q_EMIT connected();
                 return;
             }
             const char *argv[] = {"SUBSCRIBE", m_subscription.constData()};
             const size_t lengths[] = {9, size_t(m_subscription.size())};
             redisAsyncCommandArgv(m_context, &RedisClient::onSubscriptionReply, nullptr, 2, argv, lengths);
         }));
}

void RedisClient::command(const QList<QByteArray> &arguments, ReplyHandler handler)
{
    if (!m_ready || !m_context) {
        if (handler)
            handler(RedisReply::error(kConnectionLost));
        return;
    }
    send(arguments, handler ? new ReplyHandler(std::move(handler)) : nullptr);
}

void RedisClient::send(const QList<QByteArray> &arguments, ReplyHandler *handler)
{
    std::vector<const char *> argv;
    std::vector<size_t> lengths;
    argv.reserve(size_t(arguments.size()));
    lengths.reserve(size_t(arguments.size()));
    for (const QByteArray &argument : arguments) {
        argv.push_back(argument.constData());
        lengths.push_back(size_t(argument.size()));
    }
    const int status = redisAsyncCommandArgv(m_context, &RedisClient::onReply, handler, int(argv.size()), argv.data(),
                                             lengths.data());
    if (status != REDIS_OK && handler) {
        // The context is disconnecting: hiredis did not take the handler.
        (*handler)(RedisReply::error(kConnectionLost));
        delete handler;
    }
}

void RedisClient::onReply(redisAsyncContext *context, void *reply, void *handler)
{
    auto *self = static_cast<RedisClient *>(context->data);
    auto *callback = static_cast<ReplyHandler *>(handler);
    if (!reply && self)
        self->m_ready = false; // hiredis is failing every pending command: the connection is going
    if (callback && self && !self->m_destroying)
        (*callback)(RedisReply::from(static_cast<redisReply *>(reply)));
    delete callback;
}

void RedisClient::onSubscriptionReply(redisAsyncContext *context, void *reply, void *)
{
    auto *self = static_cast<RedisClient *>(context->data);
    const auto *message = static_cast<redisReply *>(reply);
    if (!self || self->m_destroying || !message || message->type != REDIS_REPLY_ARRAY || message->elements < 3)
        return;
    const redisReply *kind = message->element[0];
    const QByteArray type(kind->str, qsizetype(kind->len));
    if (type == "message") {
        const redisReply *payload = message->element[2];
        Q_EMIT self->messageReceived(QByteArray(payload->str, qsizetype(payload->len)));
    } else if (type == "subscribe") {
        self->m_connectTimer.stop();
        self->m_ready = true;
        self->m_retryMs = kFirstRetryMs;
        if (std::exchange(self->m_wasConnected, true))
            ++self->m_reconnects;
        self->m_lastError.clear();
        Q_EMIT self->connected();
    }
}

void RedisClient::onConnect(const redisAsyncContext *context, int status)
{
    auto *self = static_cast<RedisClient *>(context->data);
    if (!self || status == REDIS_OK)
        return;
    // hiredis frees the context right after this callback.
    const QString why = QString::fromUtf8(context->errstr);
    self->m_context = nullptr;
    self->lost(why);
}

void RedisClient::onDisconnect(const redisAsyncContext *context, int status)
{
    auto *self = static_cast<RedisClient *>(context->data);
    if (!self || self->m_destroying)
        return;
    // hiredis frees the context right after this callback.
    const QString why = status == REDIS_OK ? self->m_lastError : QString::fromUtf8(context->errstr);
    self->m_context = nullptr;
    self->lost(why.isEmpty() ? QStringLiteral("connection closed by the server") : why);
}

void RedisClient::lost(const QString &why)
{
    m_ready = false;
    m_connectTimer.stop();
    m_lastError = why;
    if (m_destroying || m_retryTimer.isActive())
        return;
    qCWarning(lcChannels).noquote() << QStringLiteral("Redis %1: %2; retrying in %3 ms").arg(m_endpoint.display(), why).arg(m_retryMs);
    scheduleReconnect();
    Q_EMIT disconnected(why);
}

void RedisClient::scheduleReconnect()
{
    m_retryTimer.start(m_retryMs);
    m_retryMs = qMin(m_retryMs * 2, kMaxRetryMs);
}

void RedisClient::dropNotifiers()
{
    // Called from inside the notifiers' own handlers (hiredis frees the context while reading):
    // disable now, delete later.
    for (QSocketNotifier **notifier : {&m_readNotifier, &m_writeNotifier}) {
        if (!*notifier)
            continue;
        (*notifier)->setEnabled(false);
        if (m_destroying)
            delete *notifier;
        else
            (*notifier)->deleteLater();
        *notifier = nullptr;
    }
}

void RedisClient::addRead(void *self)
{
    if (auto *client = static_cast<RedisClient *>(self); client->m_readNotifier)
        client->m_readNotifier->setEnabled(true);
}

void RedisClient::delRead(void *self)
{
    if (auto *client = static_cast<RedisClient *>(self); client->m_readNotifier)
        client->m_readNotifier->setEnabled(false);
}

void RedisClient::addWrite(void *self)
{
    if (auto *client = static_cast<RedisClient *>(self); client->m_writeNotifier)
        client->m_writeNotifier->setEnabled(true);
}

void RedisClient::delWrite(void *self)
{
    if (auto *client = static_cast<RedisClient *>(self); client->m_writeNotifier)
        client->m_writeNotifier->setEnabled(false);
}

void RedisClient::cleanup(void *self)
{
    static_cast<RedisClient *>(self)->dropNotifiers();
}

} // namespace homeport::channels
