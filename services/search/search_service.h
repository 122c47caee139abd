#pragma once
// SearchService: Homeport's search service, speaking the Typesense HTTP API: collections, documents, search.
// Until its issue lands it listens on its port, reports its real state and answers every request
// with 503 in the protocol's own error shape, so clients fail clearly instead of hanging.
// Thread affinity: the service's own thread.

#include "http/http_service.h"

namespace homeport::search {

class SearchService : public http::HttpService
{
    Q_OBJECT
public:
    using http::HttpService::HttpService;

protected:
    QString configure(http::HttpServer &server, const core::ServiceContext &context) override;
};

} // namespace homeport::search
