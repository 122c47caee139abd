#pragma once
// ChannelHub: the Pusher protocol 7 core. Accepts WebSockets on /app/{key}, answers their frames
// (ping/pong, subscribe with auth, presence, cache channels, client events, signin and
// watchlists), closes them with the protocol's codes, and publishes what the REST API and the
// dashboard trigger. Fan-out and shared bookkeeping go through the ChannelsAdapter; webhooks
// through the WebhookSender. It also feeds the service's metrics and the dashboard's monitor.
// Thread affinity: the service's thread.

#include "channels_adapter.h"
#include "channels_monitor.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <memory>

class QTcpSocket;
class QWebSocket;

namespace homeport::core {
class Metrics;
}
namespace homeport::http {
class Request;
}

namespace homeport::channels {

class AppStore;
class Connection;
class OutputFlusher;
class WebhookSender;

// Close codes of Pusher protocol 7 (pusher-websockets-protocol.md).
enum CloseCode {
    kCloseAppUnknown = 4001,
    kCloseAppDisabled = 4003,
    kCloseOverQuota = 4004,
    kClosePathNotFound = 4005,
    kCloseInvalidVersion = 4006,
    kCloseUnsupportedProtocol = 4007,
    kCloseNoProtocol = 4008,
    kCloseUnauthorized = 4009,
    kCloseOverCapacity = 4100,
    kCloseReconnect = 4200,
    kClosePongTimeout = 4201,
    kCloseClientEventRate = 4301,
    kCloseWatchlistLimit = 4302,
};

class ChannelHub : public QObject
{
    Q_OBJECT
public:
    static constexpr int kProtocolVersion = 7;
    static constexpr int kWatchlistLimit = 100;
    static constexpr int kMaxUserIdLength = 128;
    static constexpr int kMaxUserInfoBytes = 1024;
    static constexpr qint64 kCacheTtlMs = 30 * 60 * 1000;
    // Above this many subscribers, subscription_count goes out at most every kCountIntervalMs.
    static constexpr int kCountThrottleAbove = 100;
    static constexpr qint64 kCountIntervalMs = 5000;
    // WebSocket messages may be this much larger than an app's maxEventBytes (JSON escaping,
    // envelope); larger ones are refused by QWebSocket with close code 1009.
    static constexpr qint64 kFrameOverheadBytes = 16 * 1024;
    static constexpr int kTickMs = 250;

    struct Options
    {
        int activityTimeoutSeconds = 120; // sent in connection_established; a ping after this much silence
        int pongTimeoutSeconds = 30;      // then close 4201 when no pong came
        int maxConnections = 100000;      // all apps together; over it: close 4100
    };

    ChannelHub(AppStore *apps, ChannelsAdapter *adapter, WebhookSender *webhooks, ChannelsMonitor *monitor,
               core::Metrics *metrics, Options options, QObject *parent = nullptr);
    ~ChannelHub() override;

    // /app/{key}: checks app, protocol and limits, then sends connection_established.
    void accept(const http::Request &request, QWebSocket *socket);
    // Any other WebSocket path.
    static void refusePath(QWebSocket *socket);

    // Publishes an event on each channel (REST API and dashboard); the socket exceptSocketId is
    // skipped. `source` is shown in the debug console.
    void trigger(const AppInfo &app, const QStringList &channels, const QString &event, const QString &data,
                 const QString &exceptSocketId, const QString &source);
    // Closes every connection of a signed-in user, on every node.
    void terminateUser(const QString &appId, const QString &userId);
    // The same on this node only (the adapter calls it for every node's request).
    void terminateLocalUser(const QString &appId, const QString &userId);
    // When an app is deleted (4001) or disabled (4003).
    void closeApp(const QString &appId, int code, const QString &reason);
    int connectionCount(const QString &appId) const { return m_connectionsByApp.value(appId); }
    ChannelsAdapter *adapter() const { return m_adapter; }

    // Publishes the monitor snapshot at the next tick.
    void markChanged() { m_snapshotDirty = true; }
    void recordReceived(quint64 count) { m_receivedTotal += count; }

private:
    void onText(Connection *connection, const QString &message);
    void subscribe(Connection *connection, const QJsonObject &data);
    QString checkSubscription(Connection *connection, const AppInfo &app, const QString &channel, const QJsonObject &data,
                              int *status, QString *type);
    void joined(const AppInfo &app, const QString &channel, const QString &socketId, const std::optional<PresenceMember> &member,
                const ChannelsAdapter::JoinResult &result);
    void unsubscribe(Connection *connection, const QString &channel);
    void left(const AppInfo &app, const QString &channel, const QString &userId, const ChannelsAdapter::LeaveResult &result);
    void leave(Connection *connection, const QString &channel);
    void signin(Connection *connection, const QJsonObject &data);
    void clientEvent(Connection *connection, const QString &event, const QJsonObject &message);
    void disconnected(Connection *connection);

    void sendError(Connection *connection, const QString &message, int code = 0, const QString &channel = {});
    void sendSubscriptionError(Connection *connection, const QString &channel, const QString &type,
                               const QString &error, int status);
    void closeWithCode(QWebSocket *socket, int code, const QString &reason);
    // A socket the app's quota admitted: registered, and told its socket id.
    void establish(QWebSocket *socket, QTcpSocket *transport, const AppInfo &app, const QString &peer);
    void subscriptionCountChanged(const AppInfo &app, const QString &channel, int count);
    void sendSubscriptionCount(const AppInfo &app, const QString &channel, int count);
    void watchlistChanged(const QString &appId, const QString &userId, bool online);
    void send(Connection *connection, const QString &frame);
    int publishFrame(const QString &appId, const QString &channel, const QString &frame, const QString &except = {});

    void tick();
    void debug(DebugEvent::Kind kind, const QString &appId, const QString &socketId, const QString &channel,
               const QString &event, const QString &details);
    void publishSnapshot();
    void flushMetrics();
    QString newSocketId() const;
    qint64 now() const { return m_clock.elapsed(); }

    AppStore *m_apps;
    ChannelsAdapter *m_adapter;
    WebhookSender *m_webhooks;
    QPointer<ChannelsMonitor> m_monitor;
    core::Metrics *m_metrics;
    Options m_options;

    QHash<QString, Connection *> m_connections; // socket id -> connection (owned)
    QHash<QString, int> m_connectionsByApp;
    // app id -> watched user id -> connections watching
    QHash<QString, QHash<QString, QSet<Connection *>>> m_watchers;
    struct LastEvent
    {
        QDateTime at;
        QString name;
    };
    QHash<QString, LastEvent> m_lastEvents;       // app id + '\n' + channel
    QHash<QString, qint64> m_countSentAt;          // app id + '\n' + channel -> when subscription_count went out
    QSet<QString> m_countPending;                  // throttled counts still to send

    OutputFlusher *m_flusher; // child; writes the connections' queued frames once per event-loop turn
    QTimer m_tick;
    QElapsedTimer m_clock;
    qint64 m_lastSnapshotMs = 0;
    bool m_snapshotDirty = true;
    quint64 m_sentTotal = 0;
    quint64 m_receivedTotal = 0;
    quint64 m_sentFlushed = 0;
    quint64 m_receivedFlushed = 0;
    qint64 m_seriesSecond = 0;
    int m_seriesRecorded = 0;
};

} // namespace homeport::channels
