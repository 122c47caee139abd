// One instance per data dir: a second lock on the same folder is refused with a clear reason.
#include "core/data_dir.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using homeport::core::DataDir;

class TestDataDir : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void createsAPrivateDirectory()
    {
        QTemporaryDir parent;
        DataDir dir(parent.filePath(QStringLiteral("nested/data")));
        QString error;
        QVERIFY2(dir.open(&error), qPrintable(error));
        const QFileInfo info(dir.path());
        QVERIFY(info.isDir());
        QCOMPARE(int(info.permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup)), 0);
        QVERIFY(QFileInfo(dir.serviceDir(QStringLiteral("storage"))).isDir());
        QCOMPARE(dir.settingsFile(), dir.path() + QStringLiteral("/homeport.ini"));
    }

    void secondInstanceIsRefused()
    {
        QTemporaryDir parent;
        DataDir first(parent.path());
        QString error;
        QVERIFY(first.open(&error));
        // A second process is covered by the headless app test; within one process QLockFile
        // refuses a lock another QLockFile holds just the same.
        DataDir second(parent.path());
        QVERIFY(!second.open(&error));
        QVERIFY2(error.contains(QStringLiteral("already running")), qPrintable(error));
        QVERIFY2(error.contains(QString::number(QCoreApplication::applicationPid())), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestDataDir)
#include "tst_data_dir.moc"
