#pragma once
// Test helper for the search service tests over real HTTP: starts a SearchService on 127.0.0.1
// (port 0) in a given data dir with a known bootstrap key, and sends requests with
// QNetworkAccessManager, waiting in a local event loop. Everything runs in the test's thread.

#include "search/search_service.h"

#include "core/metrics.h"

#include <QDir>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>
#include <QTimer>

#include <memory>

namespace homeport::search::testing {

inline const QByteArray kBootstrapKey = "test-search-key-0123456789";

struct Reply
{
    int status = 0;
    QByteArray body;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QJsonArray array() const { return QJsonDocument::fromJson(body).array(); }
    QString message() const { return json().value(QStringLiteral("message")).toString(); }
};

// A search result's hit ids, in order.
inline QStringList hitIds(const QJsonObject &result)
{
    QStringList ids;
    for (const QJsonValue &h : result.value(QStringLiteral("hits")).toArray())
        ids << h.toObject().value(QStringLiteral("document")).toObject().value(QStringLiteral("id")).toString();
    return ids;
}

class SearchHttpClient
{
public:
    // Returns an empty string when the service started, otherwise why not.
    QString start(const QString &dataDir)
    {
        m_service = std::make_unique<SearchService>();
        core::ServiceContext context;
        context.name = QStringLiteral("search");
        context.dataDir = dataDir;
        context.bindAddress = QHostAddress::LocalHost;
        context.port = 0;
        context.secrets = {{"api_key", QString::fromLatin1(kBootstrapKey)}};
        context.metrics = &m_metrics;
        const core::StartResult started = m_service->start(context);
        if (!started.ok)
            return started.error;
        m_port = started.port;
        return {};
    }
    // As start(), on an emptied dataDir: each test function begins from nothing.
    QString startEmpty(const QString &dataDir)
    {
        QDir(dataDir).removeRecursively();
        QDir().mkpath(dataDir);
        return start(dataDir);
    }
    void stop()
    {
        if (m_service)
            m_service->stop();
        m_service.reset();
    }

    // key: the X-TYPESENSE-API-KEY header; empty sends none.
    Reply request(const QByteArray &method, const QString &path, const QByteArray &body = {},
                  const QByteArray &key = kBootstrapKey)
    {
        QNetworkRequest req(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path)));
        if (!key.isEmpty())
            req.setRawHeader("X-TYPESENSE-API-KEY", key);
        if (!body.isEmpty())
            req.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        QNetworkReply *reply = m_network.sendCustomRequest(req, method, body);
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(10000, &loop, &QEventLoop::quit);
        loop.exec();
        Reply out;
        out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        out.body = reply->readAll();
        reply->deleteLater();
        return out;
    }
    Reply request(const QByteArray &method, const QString &path, const QByteArray &body, const QString &key)
    {
        return request(method, path, body, key.toUtf8());
    }

private:
    core::Metrics m_metrics;
    std::unique_ptr<SearchService> m_service;
    QNetworkAccessManager m_network;
    quint16 m_port = 0;
};

} // namespace homeport::search::testing
