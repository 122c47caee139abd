// One instance per data dir: a second lock on the same folder is refused with a clear reason.
// Moving the data dir: refused into a non-empty folder or into itself; on the same file system a
// rename, across file systems (/dev/shm when it is another one) a durable copy; either way every
// file arrives with its bytes and permissions, the lock follows and the old folder is gone.
#include "core/data_dir.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sys/vfs.h>

namespace {
void writeFile(const QString &path, const QByteArray &bytes, QFileDevice::Permissions permissions)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
    file.close();
    QVERIFY(file.setPermissions(permissions));
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
}

long fileSystemOf(const QString &path)
{
    struct statfs info {};
    return ::statfs(QFile::encodeName(path).constData(), &info) == 0 ? long(info.f_type) : -1;
}
} // namespace

using homeport::core::DataDir;

class TestDataDir : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // setPreferredPath must not touch the real config
    }

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

    void moveRefusesANonEmptyTargetAndItself()
    {
        QTemporaryDir parent;
        DataDir dir(parent.filePath(QStringLiteral("data")));
        QString error;
        QVERIFY(dir.open(&error));
        writeFile(dir.path() + QStringLiteral("/secrets.json"), "{}", QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        writeFile(parent.filePath(QStringLiteral("busy/someone-else.txt")), "mine", QFileDevice::ReadOwner);

        QVERIFY(!dir.moveTo(parent.filePath(QStringLiteral("busy")), &error));
        QVERIFY2(error.contains(QStringLiteral("is not empty")), qPrintable(error));
        QVERIFY(!dir.moveTo(dir.path() + QStringLiteral("/inside"), &error));
        QVERIFY2(error.contains(QStringLiteral("inside")), qPrintable(error));
        // Nothing moved, nothing lost, and still locked.
        QCOMPARE(dir.path(), parent.filePath(QStringLiteral("data")));
        QCOMPARE(readFile(dir.path() + QStringLiteral("/secrets.json")), QByteArray("{}"));
        QCOMPARE(readFile(parent.filePath(QStringLiteral("busy/someone-else.txt"))), QByteArray("mine"));
        DataDir second(dir.path());
        QVERIFY(!second.open(&error));
    }

    void moveCarriesEverything_data()
    {
        QTest::addColumn<QString>("targetParent");
        QTemporaryDir probe;
        QTest::newRow("same file system") << QString();
        if (QFileInfo(QStringLiteral("/dev/shm")).isWritable() && fileSystemOf(QStringLiteral("/dev/shm")) != fileSystemOf(probe.path()))
            QTest::newRow("another file system") << QStringLiteral("/dev/shm");
    }

    void moveCarriesEverything()
    {
        QFETCH(QString, targetParent);
        QTemporaryDir parent;
        QTemporaryDir other(targetParent.isEmpty() ? QDir::tempPath() + QStringLiteral("/hp-move-XXXXXX")
                                                   : targetParent + QStringLiteral("/hp-move-XXXXXX"));
        QVERIFY(other.isValid());
        DataDir dir(parent.filePath(QStringLiteral("data")));
        QString error;
        QVERIFY(dir.open(&error));
        const QString from = dir.path();
        const QFileDevice::Permissions secret = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
        QByteArray big(3 * 1024 * 1024 + 17, 'x'); // more than one copy chunk
        big[12345] = 'y';
        writeFile(from + QStringLiteral("/secrets.json"), R"({"a":1})", secret);
        writeFile(from + QStringLiteral("/homeport.ini"), "[general]\nbind=127.0.0.1\n",
                  secret | QFileDevice::ReadGroup | QFileDevice::ReadOther);
        writeFile(from + QStringLiteral("/storage/objects/ab/cd1234"), big, secret);
        writeFile(from + QStringLiteral("/errors/.hidden"), "h", secret);
        const QString to = other.filePath(QStringLiteral("moved")); // new folder; an empty one works too
        QVERIFY(QDir().mkpath(to));

        QVERIFY2(dir.moveTo(to, &error), qPrintable(error));
        QCOMPARE(dir.path(), QDir::cleanPath(to));
        QCOMPARE(readFile(to + QStringLiteral("/secrets.json")), QByteArray(R"({"a":1})"));
        const QFileDevice::Permissions others = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ReadOther
            | QFileDevice::WriteOther;
        QCOMPARE(int(QFileInfo(to + QStringLiteral("/secrets.json")).permissions() & others), 0);
        QVERIFY(QFileInfo(to + QStringLiteral("/homeport.ini")).permissions() & QFileDevice::ReadOther);
        QCOMPARE(readFile(to + QStringLiteral("/storage/objects/ab/cd1234")), big);
        QCOMPARE(readFile(to + QStringLiteral("/errors/.hidden")), QByteArray("h"));
        QVERIFY(readFile(to + QStringLiteral("/homeport.ini")).contains("bind=127.0.0.1"));
        QVERIFY(!QFileInfo::exists(from));
        // The lock moved along and the next start looks there.
        DataDir second(to);
        QVERIFY(!second.open(&error));
        QVERIFY2(error.contains(QStringLiteral("already running")), qPrintable(error));
        QCOMPARE(DataDir::defaultPath(), QDir::cleanPath(to));
        DataDir::setPreferredPath(QString());
    }
};

QTEST_GUILESS_MAIN(TestDataDir)
#include "tst_data_dir.moc"
