#include "openai_error.h"

#include "http/response.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace homeport::inference {

namespace {

QString defaultType(int status)
{
    if (status == 401)
        return QStringLiteral("invalid_request_error");
    if (status == 429)
        return QStringLiteral("rate_limit_exceeded");
    if (status >= 500)
        return QStringLiteral("server_error");
    return QStringLiteral("invalid_request_error");
}

QJsonValue nullable(const QString &s)
{
    return s.isEmpty() ? QJsonValue() : QJsonValue(s);
}

QByteArray render(const QJsonObject &error)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("error"), error}}).toJson(QJsonDocument::Compact);
}

} // namespace

QByteArray openAiErrorBody(int status, const QString &message, const QString &type, const QString &code,
                           const QString &param)
{
    return render(QJsonObject{{QStringLiteral("message"), message},
                              {QStringLiteral("type"), type.isEmpty() ? defaultType(status) : type},
                              {QStringLiteral("param"), nullable(param)},
                              {QStringLiteral("code"), nullable(code)}});
}

QByteArray normalisedUpstreamError(int status, const QByteArray &body)
{
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    const QJsonObject root = doc.object();
    QJsonObject source;
    if (root.value(QStringLiteral("error")).isObject())
        source = root.value(QStringLiteral("error")).toObject(); // current vLLM and OpenAI
    else if (root.contains(QStringLiteral("message")))
        source = root; // older vLLM: {"object":"error","message",...}
    else if (root.value(QStringLiteral("error")).isString())
        source = QJsonObject{{QStringLiteral("message"), root.value(QStringLiteral("error"))}}; // vLLM's 401

    QString message = source.value(QStringLiteral("message")).toString();
    if (message.isEmpty()) {
        message = QString::fromUtf8(body.left(500)).trimmed();
        if (message.isEmpty())
            message = QString::fromLatin1(http::reasonPhrase(status));
    }
    QJsonObject error{{QStringLiteral("message"), message}};
    const QJsonValue type = source.value(QStringLiteral("type"));
    error.insert(QStringLiteral("type"), type.isString() ? type : QJsonValue(defaultType(status)));
    error.insert(QStringLiteral("param"), source.contains(QStringLiteral("param")) ? source.value(QStringLiteral("param")) : QJsonValue());
    error.insert(QStringLiteral("code"), source.contains(QStringLiteral("code")) ? source.value(QStringLiteral("code")) : QJsonValue());
    return render(error);
}

QByteArray rateLimitErrorBody(bool tokens, const QString &model, qint64 limit, qint64 used, qint64 retryAfterMs)
{
    const QString unit = tokens ? QStringLiteral("tokens per min (TPM)") : QStringLiteral("requests per min (RPM)");
    const QString message = QStringLiteral("Rate limit reached for %1 on this gateway key on %2: Limit %3, Used %4, Requested 1. "
                                           "Please try again in %5s.")
                                .arg(model, unit)
                                .arg(limit)
                                .arg(used)
                                .arg(double(retryAfterMs) / 1000.0, 0, 'f', 3);
    return openAiErrorBody(429, message, tokens ? QStringLiteral("tokens") : QStringLiteral("requests"),
                           QStringLiteral("rate_limit_exceeded"));
}

QByteArray insufficientQuotaBody(qint64 budget, qint64 spent)
{
    const QString message = QStringLiteral("You exceeded your current quota: this gateway key has spent %1 of its budget of %2 tokens. "
                                           "Raise the key's token budget in Homeport.")
                                 .arg(spent)
                                 .arg(budget);
    return openAiErrorBody(429, message, QStringLiteral("insufficient_quota"), QStringLiteral("insufficient_quota"));
}

} // namespace homeport::inference
