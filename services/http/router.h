#pragma once
// Router: method + path patterns with captures. Patterns are '/'-separated segments; "{name}"
// captures one non-empty segment, a last "{name...}" captures the rest (slashes included, may be
// empty), anything else must match literally. The first registered route that matches wins, so
// register specific paths before general ones.
// Thread affinity: configured before listen(), then read by the HttpServer's thread only.

#include "body_policy.h"
#include "response.h"

#include <QByteArrayList>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

class QWebSocket;

namespace homeport::http {

class Request;
class Responder;

using Handler = std::function<void(const Request &, Responder &)>;
// Runs after the head arrived and before any body byte is read: nullopt allows, a Response
// refuses (it is sent as is, so the service renders its own 401/403 format).
using AuthHook = std::function<std::optional<Response>(const Request &)>;
// Gets the upgraded socket (a child of the server's QWebSocketServer; the handler may reparent
// or delete it) and the upgrade request with its captures and query.
using WebSocketHandler = std::function<void(const Request &, QWebSocket *)>;

class Route
{
public:
    Route &body(const BodyPolicy &policy);
    // Chooses per request (headers and captures are known), e.g. S3 PutObject vs. PutBucketTagging.
    Route &body(std::function<BodyPolicy(const Request &)> choose);
    Route &auth(AuthHook hook);

private:
    friend class Router;
    friend class HttpConnection;
    friend class HttpServer;

    struct Segment
    {
        QByteArray literal; // UTF-8, compared with the decoded path segment
        QString name;       // capture name; empty for literals
        bool rest = false;
    };

    QByteArray m_method; // "*" for any
    std::vector<Segment> m_segments;
    Handler m_handler;
    WebSocketHandler m_webSocket;
    std::function<BodyPolicy(const Request &)> m_body;
    AuthHook m_auth;
};

class Router
{
public:
    Route &add(const QByteArray &method, const QString &pattern, Handler handler);
    Route &addWebSocket(const QString &pattern, WebSocketHandler handler);
    // Used when no route matches the path (S3, pass-through proxies).
    Route &setFallback(Handler handler);

    struct Match
    {
        const Route *route = nullptr;
        QByteArrayList allowedMethods; // set when the path matched but the method did not
    };
    // Fills the request's captures from the matched route.
    Match match(Request &request) const;
    const Route *matchWebSocket(Request &request) const;
    bool hasWebSocketRoutes() const { return m_hasWebSocketRoutes; }

private:
    static bool matchPath(const Route &route, Request &request);

    std::vector<std::unique_ptr<Route>> m_routes;
    std::unique_ptr<Route> m_fallback;
    bool m_hasWebSocketRoutes = false;
};

} // namespace homeport::http
