#include "router.h"

#include "request.h"

namespace homeport::http {

Route &Route::body(const BodyPolicy &policy)
{
    m_body = [policy](const Request &) { return policy; };
    return *this;
}

Route &Route::body(std::function<BodyPolicy(const Request &)> choose)
{
    m_body = std::move(choose);
    return *this;
}

Route &Route::auth(AuthHook hook)
{
    m_auth = std::move(hook);
    return *this;
}

Route &Router::add(const QByteArray &method, const QString &pattern, Handler handler)
{
    Q_ASSERT_X(pattern.startsWith(u'/'), "Router", "patterns start with '/'");
    auto route = std::make_unique<Route>();
    route->m_method = method.toUpper();
    const QStringList parts = pattern.mid(1).split(u'/');
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const QString &part = parts[i];
        Route::Segment segment;
        if (part.size() > 2 && part.startsWith(u'{') && part.endsWith(u'}')) {
            segment.name = part.mid(1, part.size() - 2);
            if (segment.name.endsWith(QLatin1String("..."))) {
                Q_ASSERT_X(i == parts.size() - 1, "Router", "{name...} must be the last segment");
                segment.name.chop(3);
                segment.rest = true;
            }
        } else {
            segment.literal = part.toUtf8();
        }
        route->m_segments.push_back(std::move(segment));
    }
    route->m_handler = std::move(handler);
    m_routes.push_back(std::move(route));
    return *m_routes.back();
}

Route &Router::addWebSocket(const QString &pattern, WebSocketHandler handler)
{
    Route &route = add("GET", pattern, {});
    route.m_webSocket = std::move(handler);
    m_hasWebSocketRoutes = true;
    return route;
}

Route &Router::setFallback(Handler handler)
{
    m_fallback = std::make_unique<Route>();
    m_fallback->m_method = "*";
    m_fallback->m_handler = std::move(handler);
    return *m_fallback;
}

bool Router::matchPath(const Route &route, Request &request)
{
    const QByteArrayView path(request.rawPath());
    if (!path.startsWith('/'))
        return false;
    qsizetype pos = 1;
    QList<QPair<QString, QString>> captures;
    for (const Route::Segment &segment : route.m_segments) {
        if (pos > path.size())
            return false; // the path has fewer segments than the pattern
        if (segment.rest) {
            captures.append({segment.name, decodeComponent(path.sliced(pos))});
            pos = path.size() + 1;
            break;
        }
        qsizetype end = path.indexOf('/', pos);
        if (end < 0)
            end = path.size();
        const QByteArrayView raw = path.sliced(pos, end - pos);
        if (segment.name.isEmpty()) {
            if (raw.contains('%') ? QByteArray::fromPercentEncoding(raw.toByteArray()) != segment.literal
                                  : raw != segment.literal)
                return false;
        } else {
            if (raw.isEmpty())
                return false;
            captures.append({segment.name, decodeComponent(raw)});
        }
        pos = end + 1;
    }
    if (pos <= path.size())
        return false; // the path has more segments than the pattern
    request.m_captures = std::move(captures);
    return true;
}

Router::Match Router::match(Request &request) const
{
    Match result;
    const QByteArray &method = request.method();
    for (const auto &route : m_routes) {
        if (route->m_webSocket || !matchPath(*route, request))
            continue;
        if (route->m_method == method || route->m_method == "*"
            || (method == "HEAD" && route->m_method == "GET")) {
            result.route = route.get();
            result.allowedMethods.clear();
            return result;
        }
        if (!result.allowedMethods.contains(route->m_method))
            result.allowedMethods.append(route->m_method);
    }
    request.m_captures.clear();
    if (result.allowedMethods.isEmpty() && m_fallback)
        result.route = m_fallback.get();
    if (result.allowedMethods.contains("GET") && !result.allowedMethods.contains("HEAD"))
        result.allowedMethods.append("HEAD");
    return result;
}

const Route *Router::matchWebSocket(Request &request) const
{
    for (const auto &route : m_routes) {
        if (route->m_webSocket && matchPath(*route, request))
            return route.get();
    }
    return nullptr;
}

} // namespace homeport::http
