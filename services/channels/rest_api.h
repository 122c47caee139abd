#pragma once
// RestApi: Pusher's HTTP API on the channels port: trigger (events, batch_events), channel and
// presence queries, terminate_connections. Every request is signed (auth_key, auth_timestamp
// within kTimestampWindowSeconds, auth_version, body_md5 for bodies, auth_signature) and the
// key must belong to the app in the path. Errors: 400 bad input, 401 signature, 403 disabled or
// over quota, 404 unknown app, 413 data too large; bodies are {"error": "..."}.
// Thread affinity: the service's thread (its routes run in the HttpServer's thread, the same).

#include "channels_monitor.h"

#include <QElapsedTimer>
#include <QHash>

namespace homeport::http {
class HttpServer;
class Request;
class Responder;
} // namespace homeport::http

namespace homeport::channels {

class AppStore;
class ChannelHub;

class RestApi
{
public:
    static constexpr qint64 kTimestampWindowSeconds = 600;
    static constexpr int kMaxChannelsPerEvent = 100;
    static constexpr int kMaxBatchEvents = 10;
    static constexpr int kMaxEventNameLength = 200;
    // Ten events of up to maxEventBytes each, JSON-escaped, fit comfortably.
    static constexpr qint64 kMaxBodyBytes = 1024 * 1024;

    RestApi(AppStore *apps, ChannelHub *hub);
    void addRoutes(http::HttpServer &server);

    // Empty when the request's signature is valid for the app, else why not (a 401).
    static QString verifySignature(const http::Request &request, const AppInfo &app, qint64 nowSeconds);

private:
    // The app of the path when it exists, is enabled and signed the request; otherwise answers.
    const AppInfo *authenticate(const http::Request &request, http::Responder &responder);
    void events(const http::Request &request, http::Responder &responder);
    void batchEvents(const http::Request &request, http::Responder &responder);
    void channels(const http::Request &request, http::Responder &responder);
    void channel(const http::Request &request, http::Responder &responder);
    void users(const http::Request &request, http::Responder &responder);
    void terminate(const http::Request &request, http::Responder &responder);
    // Counts one published event against the app's backend rate; false when over it.
    bool withinRate(const AppInfo &app);

    AppStore *m_apps;
    ChannelHub *m_hub;
    struct RateWindow
    {
        qint64 startMs = 0;
        int count = 0;
    };
    QHash<QString, RateWindow> m_rates;
    QElapsedTimer m_clock;
};

} // namespace homeport::channels
