#pragma once
// CorsPolicy: what a service allows browsers to do cross-origin. HttpServer answers preflight
// OPTIONS requests from it and adds the Access-Control-* headers to actual responses.
// Thread affinity: none (a plain value, copied into the server).

#include "response.h"

#include <QByteArrayList>

namespace homeport::http {

class Request;

struct CorsPolicy
{
    QByteArrayList allowedOrigins;  // exact origins, or "*" for any
    QByteArrayList allowedMethods = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"};
    QByteArrayList allowedHeaders;  // "*" echoes what the preflight asks for
    QByteArrayList exposedHeaders;
    int maxAgeSeconds = 600;
    bool allowCredentials = false;

    bool isEnabled() const { return !allowedOrigins.isEmpty(); }
    bool allowsOrigin(const QByteArray &origin) const;
    // A CORS preflight: OPTIONS with Origin and Access-Control-Request-Method.
    static bool isPreflight(const Request &request);
    // 204 with the allow headers; only for allowed origins (the server answers 403 otherwise).
    Response preflightResponse(const Request &request) const;
    // Adds Access-Control-Allow-Origin etc. when the request came from an allowed origin.
    void decorate(const Request &request, HeaderList &headers) const;
};

} // namespace homeport::http
