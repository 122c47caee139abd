// TLS through QSslServer from a certificate and key path: a real TLS client gets the same routes,
// a plain-text client gets nothing, and a bad key path fails listen() with a reason.
#include "http/http_server.h"

#include "http_test_client.h"

#include <QProcess>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace homeport::http;

class TestHttpTls : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_cert;
    QString m_key;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(QSslSocket::supportsSsl());
        m_cert = m_dir.filePath(QStringLiteral("cert.pem"));
        m_key = m_dir.filePath(QStringLiteral("key.pem"));
        // A throwaway self-signed certificate, made by the openssl tool as an operator would.
        QProcess openssl;
        openssl.start(QStringLiteral("openssl"),
                      {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
                       QStringLiteral("-nodes"), QStringLiteral("-subj"), QStringLiteral("/CN=localhost"),
                       QStringLiteral("-days"), QStringLiteral("1"), QStringLiteral("-keyout"), m_key,
                       QStringLiteral("-out"), m_cert});
        QVERIFY(openssl.waitForFinished(30000));
        QCOMPARE(openssl.exitCode(), 0);
    }

    void servesRoutesOverTls()
    {
        HttpServerOptions options;
        options.tlsCertificatePath = m_cert;
        options.tlsKeyPath = m_key;
        HttpServer server(options);
        server.route("GET", QStringLiteral("/hello"), [](const Request &, Responder &res) {
            res.send(200, "text/plain", "Hello, World!");
        });
        QString error;
        QVERIFY2(server.listen(QHostAddress::LocalHost, 0, &error), qPrintable(error));

        QSslSocket client;
        client.setPeerVerifyMode(QSslSocket::VerifyPeer);
        // Trust exactly our certificate; its name matches the host we dial.
        QSslConfiguration config = client.sslConfiguration();
        config.setCaCertificates(QSslCertificate::fromPath(m_cert));
        client.setSslConfiguration(config);
        client.connectToHostEncrypted(QStringLiteral("localhost"), server.serverPort());
        QVERIFY(test::waitUntil([&] { return client.isEncrypted() || client.state() == QAbstractSocket::UnconnectedState; }));
        QVERIFY2(client.isEncrypted(), qPrintable(client.errorString()));
        client.write("GET /hello HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        QByteArray received;
        QVERIFY(test::waitUntil([&] {
            received += client.readAll();
            return client.state() == QAbstractSocket::UnconnectedState || received.endsWith("Hello, World!");
        }));
        received += client.readAll();
        QVERIFY2(received.startsWith("HTTP/1.1 200 OK\r\n"), received.constData());
        QVERIFY(received.endsWith("\r\n\r\nHello, World!"));
    }

    void plainTextClientGetsNoAnswer()
    {
        HttpServerOptions options;
        options.tlsCertificatePath = m_cert;
        options.tlsKeyPath = m_key;
        HttpServer server(options);
        server.route("GET", QStringLiteral("/hello"), [](const Request &, Responder &res) {
            res.send(200, "text/plain", "Hello, World!");
        });
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        QTcpSocket plain;
        plain.connectToHost(QHostAddress::LocalHost, server.serverPort());
        QVERIFY(plain.waitForConnected(2000));
        plain.write("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
        QByteArray received;
        test::waitUntil([&] {
            received += plain.readAll();
            return plain.state() == QAbstractSocket::UnconnectedState;
        }, 3000);
        QVERIFY2(!received.contains("Hello, World!"), received.constData());
    }

    void missingKeyFailsWithAReason()
    {
        HttpServerOptions options;
        options.tlsCertificatePath = m_cert;
        options.tlsKeyPath = m_dir.filePath(QStringLiteral("missing.pem"));
        HttpServer server(options);
        QString error;
        QVERIFY(!server.listen(QHostAddress::LocalHost, 0, &error));
        QVERIFY2(error.contains(QStringLiteral("missing.pem")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestHttpTls)
#include "tst_http_tls.moc"
