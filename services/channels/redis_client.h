#pragma once
// RedisClient: one connection to Redis through hiredis' asynchronous API, driven by this
// thread's Qt event loop (two QSocketNotifiers stand in for the event-library adapters hiredis
// bundles, none of which is for Qt 6). It authenticates and selects the database of the
// redis:// URL, reconnects with a doubling backoff (kFirstRetryMs up to kMaxRetryMs) when the
// server goes away, and can be a subscriber: after every (re)connect it SUBSCRIBEs to its channel
// and hands each message to messageReceived.
// Thread affinity: the thread it was created in; every call and every signal happen there.

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

#include <functional>
#include <optional>

struct redisAsyncContext;
struct redisReply;
class QSocketNotifier;

namespace homeport::channels {

// A reply, copied out of hiredis' structure so handlers never hold hiredis memory.
struct RedisReply
{
    enum class Type { Nil, Status, Error, Integer, String, Array };
    Type type = Type::Nil;
    qint64 integer = 0;
    QByteArray string;           // Status, Error and String
    QList<RedisReply> elements;  // Array

    bool isError() const { return type == Type::Error; }
    static RedisReply error(const QByteArray &message) { return {Type::Error, 0, message, {}}; }
    static RedisReply from(const redisReply *reply);
};

struct RedisEndpoint
{
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 6379;
    QString password;
    int database = 0;

    // redis://[:password@]host[:port][/db]; nullopt and *error when it is not one.
    static std::optional<RedisEndpoint> parse(const QString &url, QString *error);
    QString display() const; // host:port/db, never the password
};

class RedisClient : public QObject
{
    Q_OBJECT
public:
    static constexpr int kFirstRetryMs = 100;
    static constexpr int kMaxRetryMs = 5000;
    static constexpr int kConnectTimeoutMs = 3000;

    using ReplyHandler = std::function<void(const RedisReply &reply)>;

    RedisClient(const RedisEndpoint &endpoint, QObject *parent = nullptr);
    ~RedisClient() override;

    // Connects now and keeps reconnecting until destroyed.
    void start();
    // Makes this a subscriber connection for `channel` (call before start()).
    void setSubscription(const QByteArray &channel) { m_subscription = channel; }
    bool isConnected() const { return m_ready; }
    QString lastError() const { return m_lastError; }
    quint64 reconnects() const { return m_reconnects; }

    // Sends a command; the handler (if any) gets its reply, or an Error reply when the connection
    // is down or drops before the answer. Without a connection it is called at once.
    void command(const QList<QByteArray> &arguments, ReplyHandler handler = {});

Q_SIGNALS:
    void connected();
    void disconnected(const QString &why);
    void messageReceived(const QByteArray &payload);

private:
    static void onConnect(const redisAsyncContext *context, int status);
    static void onDisconnect(const redisAsyncContext *context, int status);
    static void onReply(redisAsyncContext *context, void *reply, void *handler);
    static void onSubscriptionReply(redisAsyncContext *context, void *reply, void *);
    static void addRead(void *self);
    static void delRead(void *self);
    static void addWrite(void *self);
    static void delWrite(void *self);
    static void cleanup(void *self);

    void connectNow();
    void send(const QList<QByteArray> &arguments, ReplyHandler *handler);
    void handshake();
    void lost(const QString &why);
    void scheduleReconnect();
    void dropNotifiers();

    RedisEndpoint m_endpoint;
    QByteArray m_subscription;
    redisAsyncContext *m_context = nullptr;
    QSocketNotifier *m_readNotifier = nullptr;
    QSocketNotifier *m_writeNotifier = nullptr;
    QTimer m_retryTimer;
    QTimer m_connectTimer;
    int m_retryMs = kFirstRetryMs;
    bool m_ready = false;
    bool m_destroying = false;
    bool m_wasConnected = false;
    quint64 m_reconnects = 0;
    QString m_lastError;
};

} // namespace homeport::channels
