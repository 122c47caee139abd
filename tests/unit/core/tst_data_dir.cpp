// One instance per data dir: a second lock on the same folder is refused with a clear reason.
// Moving the data dir: refused into a non-empty folder or into itself; on the same file system a
// rename, across file systems (/dev/shm when it is another one) a durable copy; either way every
// file arrives with its bytes and permissions, the lock follows and the old folder is gone.
// The copy (copyTreeDurably, which the console runs on a worker thread) reports its progress, stops
// when canceled halfway and stops on a file it cannot read; either way the half-made copy is
// removed, the old folder is untouched and stays the one in use.
#include "core/data_dir.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <thread>

#include <sys/socket.h>
#include <sys/un.h>
#include <sys/vfs.h>
#include <unistd.h>

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

// A tree of a few files, one larger than a copy chunk; returns its files' relative paths and bytes.
QMap<QString, QByteArray> makeTree(const QString &root)
{
    QMap<QString, QByteArray> files;
    QByteArray big(3 * 1024 * 1024 + 5, 'b');
    big[777] = 'z';
    files.insert(QStringLiteral("secrets.json"), R"({"k":"v"})");
    files.insert(QStringLiteral("search/collections/books.log"), QByteArray(200 * 1024, 'l'));
    files.insert(QStringLiteral("storage/objects/01/abcdef"), big);
    files.insert(QStringLiteral("errors/.hidden"), "h");
    for (auto it = files.cbegin(); it != files.cend(); ++it)
        writeFile(root + QLatin1Char('/') + it.key(), it.value(), QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return files;
}

bool treeIs(const QString &root, const QMap<QString, QByteArray> &files)
{
    for (auto it = files.cbegin(); it != files.cend(); ++it) {
        if (readFile(root + QLatin1Char('/') + it.key()) != it.value())
            return false;
    }
    return true;
}

// A UNIX socket file: open(2) refuses it (ENXIO) even for root, so a copy cannot read it.
bool makeSocketFile(const QString &path)
{
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd < 0)
        return false;
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    const QByteArray name = QFile::encodeName(path);
    if (name.size() >= qsizetype(sizeof(address.sun_path))) {
        ::close(fd);
        return false;
    }
    std::memcpy(address.sun_path, name.constData(), size_t(name.size()));
    const bool ok = ::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof(address)) == 0;
    ::close(fd);
    return ok;
}

using homeport::core::DataDir;
using homeport::core::DataMoveControl;
using homeport::core::TreeCopy;

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

    void copyReportsProgressAndCarriesEveryFile()
    {
        QTemporaryDir parent;
        const QString from = parent.filePath(QStringLiteral("from"));
        const QMap<QString, QByteArray> files = makeTree(from);
        writeFile(from + QStringLiteral("/homeport.lock"), "1234\n", QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        qint64 total = 0;
        for (const QByteArray &bytes : files)
            total += bytes.size();
        QList<qint64> reported;
        qint64 reportedTotal = -1;
        DataMoveControl control;
        control.progress = [&](qint64 done, qint64 all) {
            reported << done;
            reportedTotal = all;
        };
        QString error;
        // On a worker thread, as the console runs it.
        TreeCopy outcome = TreeCopy::Failed;
        std::thread worker([&] { outcome = copyTreeDurably(from, parent.filePath(QStringLiteral("to")), control, &error); });
        worker.join();
        QVERIFY2(outcome == TreeCopy::Copied, qPrintable(error));
        QVERIFY(treeIs(parent.filePath(QStringLiteral("to")), files));
        QVERIFY(!QFileInfo::exists(parent.filePath(QStringLiteral("to/homeport.lock"))));
        QCOMPARE(reportedTotal, total);
        QCOMPARE(reported.last(), total);
        QVERIFY(std::is_sorted(reported.cbegin(), reported.cend()));
        QVERIFY(reported.size() > 4); // the big file reports chunk by chunk
        QVERIFY(treeIs(from, files)); // a copy only reads its source
    }

    void cancelHalfwayRemovesTheCopyAndKeepsTheData()
    {
        QTemporaryDir parent;
        DataDir dir(parent.filePath(QStringLiteral("data")));
        QString error;
        QVERIFY(dir.open(&error));
        const QMap<QString, QByteArray> files = makeTree(dir.path());
        const QString to = parent.filePath(QStringLiteral("elsewhere/data"));
        std::atomic<bool> cancel{false};
        qint64 lastDone = 0;
        qint64 total = 0;
        DataMoveControl control;
        control.cancel = &cancel;
        control.copyOnOneFileSystem = true; // the copy a second disk would need
        control.progress = [&](qint64 done, qint64 all) {
            lastDone = done;
            total = all;
            if (done >= all / 2)
                cancel = true;
        };
        QVERIFY(!dir.moveToOnWorkerThread(to, &error, control));
        QVERIFY2(error.contains(QStringLiteral("canceled")), qPrintable(error));
        QVERIFY(lastDone >= total / 2 && lastDone < total); // it stopped halfway, not at the end
        QVERIFY(!QFileInfo::exists(to));
        QCOMPARE(dir.path(), QDir::cleanPath(parent.filePath(QStringLiteral("data"))));
        QVERIFY(treeIs(dir.path(), files));
        // Still the folder in use: its lock is held again, and the next start looks there.
        DataDir second(dir.path());
        QVERIFY(!second.open(&error));
        QVERIFY(DataDir::defaultPath() != QDir::cleanPath(to));
    }

    void unreadableFileFailsTheMoveAndKeepsTheData()
    {
        QTemporaryDir parent;
        DataDir dir(parent.filePath(QStringLiteral("data")));
        QString error;
        QVERIFY(dir.open(&error));
        const QMap<QString, QByteArray> files = makeTree(dir.path());
        const QString socket = dir.path() + QStringLiteral("/zz-socket");
        QVERIFY(makeSocketFile(socket));
        const QString to = parent.filePath(QStringLiteral("elsewhere"));
        DataMoveControl control;
        control.copyOnOneFileSystem = true;
        QVERIFY(!dir.moveToOnWorkerThread(to, &error, control));
        QVERIFY2(error.contains(QStringLiteral("cannot read")) && error.contains(QStringLiteral("zz-socket")), qPrintable(error));
        QVERIFY(!QFileInfo::exists(to));
        QCOMPARE(dir.path(), QDir::cleanPath(parent.filePath(QStringLiteral("data"))));
        QVERIFY(treeIs(dir.path(), files));
        QVERIFY(DataDir::defaultPath() != QDir::cleanPath(to));

        // Without the socket the same move goes through, and only then points the next start there.
        QVERIFY(QFile::remove(socket));
        QVERIFY2(dir.moveToOnWorkerThread(to, &error, control), qPrintable(error));
        QVERIFY(treeIs(to, files));
        QCOMPARE(DataDir::defaultPath(), QDir::cleanPath(to));
        QVERIFY(!QFileInfo::exists(parent.filePath(QStringLiteral("data"))));
        DataDir::setPreferredPath(QString());
    }
};

QTEST_GUILESS_MAIN(TestDataDir)
#include "tst_data_dir.moc"
