#include "cors_policy.h"

#include "request.h"

namespace homeport::http {

bool CorsPolicy::allowsOrigin(const QByteArray &origin) const
{
    return !origin.isEmpty() && (allowedOrigins.contains("*") || allowedOrigins.contains(origin));
}

bool CorsPolicy::isPreflight(const Request &request)
{
    return request.method() == "OPTIONS" && request.hasHeader("Origin")
        && request.hasHeader("Access-Control-Request-Method");
}

Response CorsPolicy::preflightResponse(const Request &request) const
{
    Response response(204, {}, {});
    decorate(request, response.headers);
    response.headers.append({"Access-Control-Allow-Methods", allowedMethods.join(", ")});
    const QByteArray asked = request.header("Access-Control-Request-Headers");
    if (allowedHeaders.contains("*")) {
        if (!asked.isEmpty())
            response.headers.append({"Access-Control-Allow-Headers", asked});
    } else if (!allowedHeaders.isEmpty()) {
        response.headers.append({"Access-Control-Allow-Headers", allowedHeaders.join(", ")});
    }
    response.headers.append({"Access-Control-Max-Age", QByteArray::number(maxAgeSeconds)});
    return response;
}

void CorsPolicy::decorate(const Request &request, HeaderList &headers) const
{
    const QByteArray origin = request.header("Origin");
    if (!allowsOrigin(origin))
        return;
    // With credentials the spec forbids "*", so echo the origin and say the answer varies.
    const bool any = allowedOrigins.contains("*") && !allowCredentials;
    headers.append({"Access-Control-Allow-Origin", any ? QByteArray("*") : origin});
    if (!any)
        headers.append({QByteArray("Vary"), QByteArray("Origin")});
    if (allowCredentials)
        headers.append({QByteArray("Access-Control-Allow-Credentials"), QByteArray("true")});
    if (!exposedHeaders.isEmpty())
        headers.append({"Access-Control-Expose-Headers", exposedHeaders.join(", ")});
}

} // namespace homeport::http
