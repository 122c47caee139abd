// normalisedUpstreamError: what vLLM (current and older) and other pods answer becomes OpenAI's
// {"error":{"message","type","param","code"}}, which the openai SDKs parse.
#include "inference/openai_error.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace homeport::inference;

namespace {
QJsonObject errorOf(const QByteArray &body)
{
    const QJsonObject root = QJsonDocument::fromJson(body).object();
    return root.value(QStringLiteral("error")).toObject();
}
} // namespace

class TstOpenAiError : public QObject
{
    Q_OBJECT
private slots:
    void builtErrorsHaveEveryField()
    {
        const QJsonObject e = errorOf(openAiErrorBody(401, QStringLiteral("bad key"), {}, QStringLiteral("invalid_api_key")));
        QCOMPARE(e.value("message").toString(), QStringLiteral("bad key"));
        QCOMPARE(e.value("type").toString(), QStringLiteral("invalid_request_error"));
        QVERIFY(e.value("param").isNull());
        QCOMPARE(e.value("code").toString(), QStringLiteral("invalid_api_key"));
        QCOMPARE(errorOf(openAiErrorBody(503, QStringLiteral("x"))).value("type").toString(), QStringLiteral("server_error"));
    }
    void currentVllmShapeIsKept()
    {
        const QJsonObject e = errorOf(normalisedUpstreamError(
            400, R"({"error":{"message":"too long","type":"BadRequestError","param":"max_tokens","code":400}})"));
        QCOMPARE(e.value("message").toString(), QStringLiteral("too long"));
        QCOMPARE(e.value("type").toString(), QStringLiteral("BadRequestError"));
        QCOMPARE(e.value("param").toString(), QStringLiteral("max_tokens"));
        QCOMPARE(e.value("code").toInt(), 400);
    }
    void olderFlatShapeIsWrapped()
    {
        const QJsonObject e = errorOf(normalisedUpstreamError(
            404, R"({"object":"error","message":"The model `x` does not exist.","type":"NotFoundError","param":null,"code":404})"));
        QCOMPARE(e.value("message").toString(), QStringLiteral("The model `x` does not exist."));
        QCOMPARE(e.value("type").toString(), QStringLiteral("NotFoundError"));
        QVERIFY(e.contains("param"));
    }
    void stringErrorAndPlainTextBecomeMessages()
    {
        QCOMPARE(errorOf(normalisedUpstreamError(401, R"({"error":"Unauthorized"})")).value("message").toString(),
                 QStringLiteral("Unauthorized"));
        const QJsonObject text = errorOf(normalisedUpstreamError(502, "Bad gateway from the proxy\n"));
        QCOMPARE(text.value("message").toString(), QStringLiteral("Bad gateway from the proxy"));
        QCOMPARE(text.value("type").toString(), QStringLiteral("server_error"));
        QVERIFY(text.contains("code") && text.value("code").isNull());
        QCOMPARE(errorOf(normalisedUpstreamError(503, QByteArray())).value("message").toString(),
                 QStringLiteral("Service Unavailable"));
    }
};

QTEST_GUILESS_MAIN(TstOpenAiError)
#include "tst_openai_error.moc"
