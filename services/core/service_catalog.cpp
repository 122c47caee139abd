#include "service_catalog.h"

#include <QStringList>

namespace homeport::core {

const QList<ServiceInfo> &serviceCatalog()
{
    static const QList<ServiceInfo> services{
        {QStringLiteral("channels"), QStringLiteral("Channels"), QStringLiteral("Pusher Channels protocol 7 + REST"),
         QStringLiteral("Pusher"), 6001},
        {QStringLiteral("errors"), QStringLiteral("Errors"), QStringLiteral("Sentry ingest (envelope + store)"),
         QStringLiteral("Sentry"), 8000},
        {QStringLiteral("search"), QStringLiteral("Search"), QStringLiteral("Typesense HTTP API"),
         QStringLiteral("Typesense / Algolia"), 8108},
        {QStringLiteral("storage"), QStringLiteral("Storage"), QStringLiteral("Amazon S3 API (SigV4)"),
         QStringLiteral("Amazon S3"), 9000},
        {QStringLiteral("inference"), QStringLiteral("Inference"), QStringLiteral("OpenAI API (gateway to GPU pods)"),
         QStringLiteral("OpenAI"), 4000},
    };
    return services;
}

const ServiceInfo *findService(const QString &name)
{
    for (const ServiceInfo &info : serviceCatalog()) {
        if (info.name == name)
            return &info;
    }
    return nullptr;
}

QStringList serviceNames()
{
    QStringList names;
    for (const ServiceInfo &info : serviceCatalog())
        names << info.name;
    return names;
}

} // namespace homeport::core
