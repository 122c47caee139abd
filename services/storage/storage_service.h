#pragma once
// StorageService: Homeport's storage service, speaking the Amazon S3 API with SigV4: buckets, objects, multipart uploads.
// Until its issue lands it listens on its port, reports its real state and answers every request
// with 503 in the protocol's own error shape, so clients fail clearly instead of hanging.
// Thread affinity: the service's own thread.

#include "http/http_service.h"

namespace homeport::storage {

class StorageService : public http::HttpService
{
    Q_OBJECT
public:
    using http::HttpService::HttpService;

protected:
    QString configure(http::HttpServer &server, const core::ServiceContext &context) override;
};

} // namespace homeport::storage
