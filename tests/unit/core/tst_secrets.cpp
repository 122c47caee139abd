// Secrets are generated once, kept 0600, never changed afterwards, and a damaged file is refused.
#include "core/secrets.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using homeport::core::Secrets;

class TestSecrets : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void generatedAtFirstStartWithProtocolFormats()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("secrets.json"));
        Secrets secrets;
        QString error;
        QVERIFY2(Secrets::loadOrCreate(path, &secrets, &error), qPrintable(error));
        QVERIFY(QFile::exists(path));

        struct stat st {};
        QCOMPARE(::stat(QFile::encodeName(path).constData(), &st), 0);
        QCOMPARE(int(st.st_mode & 0777), 0600);

        const auto matches = [&](const char *service, const char *key, const char *pattern) {
            const QString value = secrets.value(QString::fromLatin1(service), QString::fromLatin1(key));
            return QRegularExpression(QStringLiteral("^%1$").arg(QString::fromLatin1(pattern))).match(value).hasMatch();
        };
        QVERIFY(matches("channels", "app_id", "[0-9]{6}"));
        QVERIFY(matches("channels", "app_key", "[0-9a-f]{20}"));
        QVERIFY(matches("channels", "app_secret", "[0-9a-f]{20}"));
        QVERIFY(matches("errors", "public_key", "[0-9a-f]{32}"));
        QVERIFY(matches("errors", "project_id", "1"));
        QVERIFY(matches("search", "api_key", "[A-Za-z0-9]{32}"));
        QVERIFY(matches("storage", "access_key", "HP[A-Z0-9]{18}"));
        QVERIFY(matches("storage", "secret_key", "[A-Za-z0-9]{40}"));
        QVERIFY(matches("inference", "api_key", "sk-hp-[A-Za-z0-9]{40}"));
        QVERIFY(matches("admin", "token", "[A-Za-z0-9]{32}"));
    }

    void stableAcrossStartsAndDifferentPerInstall()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("secrets.json"));
        Secrets first, second, other;
        QString error;
        QVERIFY(Secrets::loadOrCreate(path, &first, &error));
        QVERIFY(Secrets::loadOrCreate(path, &second, &error));
        QCOMPARE(second.value(QStringLiteral("storage"), QStringLiteral("secret_key")),
                 first.value(QStringLiteral("storage"), QStringLiteral("secret_key")));
        QVERIFY(Secrets::loadOrCreate(dir.filePath(QStringLiteral("other.json")), &other, &error));
        QVERIFY(other.value(QStringLiteral("storage"), QStringLiteral("secret_key"))
                != first.value(QStringLiteral("storage"), QStringLiteral("secret_key")));
    }

    void missingEntriesAreAddedExistingOnesKept()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("secrets.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"search": {"api_key": "my-own-key"}})");
        file.close();
        Secrets secrets;
        QString error;
        QVERIFY2(Secrets::loadOrCreate(path, &secrets, &error), qPrintable(error));
        QCOMPARE(secrets.value(QStringLiteral("search"), QStringLiteral("api_key")), QStringLiteral("my-own-key"));
        QVERIFY(!secrets.value(QStringLiteral("channels"), QStringLiteral("app_secret")).isEmpty());
        // The file was rewritten with the additions, still private.
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
        QVERIFY(root.value(QStringLiteral("channels")).toObject().contains(QStringLiteral("app_secret")));
        QCOMPARE(root.value(QStringLiteral("search")).toObject().value(QStringLiteral("api_key")).toString(),
                 QStringLiteral("my-own-key"));
        QCOMPARE(int(QFile::permissions(path) & (QFileDevice::ReadGroup | QFileDevice::ReadOther)), 0);
    }

    void damagedFileIsRefusedAndLeftAlone()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("secrets.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{ not json");
        file.close();
        Secrets secrets;
        QString error;
        QVERIFY(!Secrets::loadOrCreate(path, &secrets, &error));
        QVERIFY2(error.contains(QStringLiteral("damaged")), qPrintable(error));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("{ not json"));
    }

    void loosePermissionsAreTightened()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("secrets.json"));
        Secrets secrets;
        QString error;
        QVERIFY(Secrets::loadOrCreate(path, &secrets, &error));
        QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther));
        QVERIFY(Secrets::loadOrCreate(path, &secrets, &error));
        QCOMPARE(int(QFile::permissions(path) & QFileDevice::ReadOther), 0);
    }
};

QTEST_GUILESS_MAIN(TestSecrets)
#include "tst_secrets.moc"
