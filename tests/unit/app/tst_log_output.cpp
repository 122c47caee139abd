// The headless log format (one JSON object per line) and the live log level.
#include "app/log_output.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTest>

using namespace homeport;

class TestLogOutput : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void jsonLineHasTheFields()
    {
        core::LogLine line;
        line.time = QDateTime(QDate(2026, 3, 4), QTime(5, 6, 7, 89), Qt::UTC);
        line.level = QtWarningMsg;
        line.category = QStringLiteral("homeport.http.access");
        line.message = QStringLiteral("storage 127.0.0.1 GET \"/a\nb\" 403");
        const QByteArray json = app::logLineJson(line);
        QVERIFY2(!json.contains('\n'), json.constData()); // one line, even for a multi-line message
        const QJsonObject o = QJsonDocument::fromJson(json).object();
        QCOMPARE(o.value(QStringLiteral("time")).toString(), QStringLiteral("2026-03-04T05:06:07.089Z"));
        QCOMPARE(o.value(QStringLiteral("level")).toString(), QStringLiteral("warning"));
        QCOMPARE(o.value(QStringLiteral("service")).toString(), QStringLiteral("http"));
        QCOMPARE(o.value(QStringLiteral("category")).toString(), QStringLiteral("homeport.http.access"));
        QCOMPARE(o.value(QStringLiteral("message")).toString(), line.message);

        line.category = QStringLiteral("homeport.storage");
        QCOMPARE(QJsonDocument::fromJson(app::logLineJson(line)).object().value(QStringLiteral("service")).toString(),
                 QStringLiteral("storage"));
        line.category = QStringLiteral("qt.network.ssl");
        QCOMPARE(QJsonDocument::fromJson(app::logLineJson(line)).object().value(QStringLiteral("service")).toString(),
                 QStringLiteral("qt.network.ssl"));
    }

    void formats()
    {
        app::LogFormat format = app::LogFormat::Text;
        QVERIFY(app::parseLogFormat(QStringLiteral("Json"), &format));
        QCOMPARE(format, app::LogFormat::Json);
        QVERIFY(app::parseLogFormat(QStringLiteral("text"), &format));
        QCOMPARE(format, app::LogFormat::Text);
        QVERIFY(!app::parseLogFormat(QStringLiteral("xml"), &format));
        QCOMPARE(format, app::LogFormat::Text);
    }

    void logLevelAppliesToEveryCategory()
    {
        QLoggingCategory category("homeport.test");
        QVERIFY(app::applyLogLevel(QStringLiteral("warning")));
        QVERIFY(!category.isDebugEnabled());
        QVERIFY(!category.isInfoEnabled());
        QVERIFY(category.isWarningEnabled());

        QVERIFY(!app::applyLogLevel(QStringLiteral("verbose"))); // unknown: nothing changes
        QVERIFY(!category.isInfoEnabled());

        QVERIFY(app::applyLogLevel(QStringLiteral("info")));
        QVERIFY(!category.isDebugEnabled());
        QVERIFY(category.isInfoEnabled());

        QVERIFY(app::applyLogLevel(QStringLiteral("error")));
        QVERIFY(!category.isWarningEnabled());
        QVERIFY(category.isCriticalEnabled());

        QVERIFY(app::applyLogLevel(QStringLiteral("debug")));
        QVERIFY(category.isDebugEnabled());
        QVERIFY(app::applyLogLevel(QString()));
        QVERIFY(category.isDebugEnabled());
        QVERIFY(category.isInfoEnabled());
    }
};

QTEST_GUILESS_MAIN(TestLogOutput)
#include "tst_log_output.moc"
