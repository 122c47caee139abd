#include "alert_notifier.h"

#include "core/logging.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

namespace homeport::errors {

AlertNotifier::AlertNotifier(QObject *parent)
    : QObject(parent), m_network(new QNetworkAccessManager(this))
{
}

QJsonObject AlertNotifier::payload(const ProjectInfo &project, const IssueSummary &issue, Reason reason,
                                   const QString &issueUrl, bool slack)
{
    const QString what = reason == Reason::NewIssue ? QStringLiteral("New issue") : QStringLiteral("Regression");
    if (slack) {
        const QString text = QStringLiteral("%1 in %2: %3").arg(what, project.name, issue.title);
        QString details = QStringLiteral("*%1*\n%2").arg(issue.title, issue.culprit);
        if (!issueUrl.isEmpty())
            details += QStringLiteral("\n<%1|Open in Homeport>").arg(issueUrl);
        return QJsonObject{
            {QStringLiteral("text"), text},
            {QStringLiteral("blocks"),
             QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("section")},
                                    {QStringLiteral("text"), QJsonObject{{QStringLiteral("type"), QStringLiteral("mrkdwn")},
                                                                         {QStringLiteral("text"), details}}}}}},
        };
    }
    return QJsonObject{
        {QStringLiteral("event"), reason == Reason::NewIssue ? QStringLiteral("issue.created") : QStringLiteral("issue.regression")},
        {QStringLiteral("project"), QJsonObject{{QStringLiteral("id"), QString::number(project.id)},
                                                {QStringLiteral("name"), project.name}}},
        {QStringLiteral("issue"), QJsonObject{{QStringLiteral("id"), QString::number(issue.id)},
                                              {QStringLiteral("title"), issue.title},
                                              {QStringLiteral("culprit"), issue.culprit},
                                              {QStringLiteral("level"), issue.level},
                                              {QStringLiteral("status"), toString(issue.status)},
                                              {QStringLiteral("count"), issue.count},
                                              {QStringLiteral("firstSeen"), issue.firstSeen.toString(Qt::ISODateWithMs)},
                                              {QStringLiteral("lastSeen"), issue.lastSeen.toString(Qt::ISODateWithMs)},
                                              {QStringLiteral("url"), issueUrl}}},
    };
}

void AlertNotifier::notify(const ProjectInfo &project, const IssueSummary &issue, Reason reason, const QString &issueUrl)
{
    const QByteArray body = QJsonDocument(payload(project, issue, reason, issueUrl, project.slackFormat)).toJson(QJsonDocument::Compact);
    for (const QString &hook : project.alertWebhooks) {
        const QUrl url(hook);
        if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))) {
            qCWarning(lcErrors) << "alert webhook is not an http(s) URL:" << hook;
            continue;
        }
        if (m_inFlight >= kMaxInFlight) {
            qCWarning(lcErrors) << "too many alerts in flight; dropped one for" << url.toDisplayString();
            emit delivered(url, false, 0);
            continue;
        }
        ++m_inFlight;
        send(url, body, 1);
    }
}

void AlertNotifier::send(const QUrl &url, const QByteArray &body, int attempt)
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("Homeport-Errors/1"));
    request.setTransferTimeout(kRequestTimeoutMs);
    QNetworkReply *reply = m_network->post(request, body);
    connect(reply, &QNetworkReply::finished, this, [this, reply, url, body, attempt] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const bool ok = reply->error() == QNetworkReply::NoError && status >= 200 && status < 300;
        // 4xx other than 429 will not get better by asking again.
        const bool retriable = !ok && (status == 0 || status == 429 || status >= 500);
        if (!ok && retriable && attempt < kMaxAttempts) {
            int delay = m_retryDelayMs;
            for (int i = 1; i < attempt; ++i)
                delay *= 5;
            QTimer::singleShot(delay, this, [this, url, body, attempt] { send(url, body, attempt + 1); });
            return;
        }
        --m_inFlight;
        if (!ok)
            qCWarning(lcErrors) << "alert webhook" << url.toDisplayString() << "failed after" << attempt
                                << "attempt(s):" << (status ? QString::number(status) : reply->errorString());
        emit delivered(url, ok, attempt);
    });
}

} // namespace homeport::errors
