#pragma once
// StoragePageTestBase: what the Storage page's GUI tests share. startStorageConsole() runs
// StorageService in a ServiceHost thread on a free loopback port with a real StorageMonitor and
// real generated keys, as app/ wires them, and opens the console on the Storage page; the
// helpers read and drive the page's object browser.
// Thread affinity: the test's (main) thread.

#include "service_page_test_helpers.h"

#include "storage/sigv4.h"
#include "storage/storage_monitor.h"
#include "storage/storage_service.h"
#include "ui/storage_page.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>

namespace homeport::guitest {

class StoragePageTestBase : public QObject
{
protected:
    // A failed check ends this function with the calling test marked failed (the caller returns
    // when QTest::currentTestFailed()).
    void startStorageConsole()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_metrics = std::make_unique<core::Metrics>();
        m_monitor = std::make_unique<storage::StorageMonitor>();
        // Real generated secrets, as app/ has them: the service and the Connect snippets share them.
        core::Secrets secrets;
        QString error;
        QVERIFY2(core::Secrets::loadOrCreate(m_dir.filePath(QStringLiteral("secrets.json")), &secrets, &error), qPrintable(error));
        m_accessKey = secrets.value(QStringLiteral("storage"), QStringLiteral("access_key")).toLatin1();
        m_secretKey = secrets.value(QStringLiteral("storage"), QStringLiteral("secret_key")).toLatin1();
        QVERIFY(!m_accessKey.isEmpty());
        m_host = loopbackHost(m_metrics.get(), m_dir.path(), secrets);
        storage::StorageMonitor *monitor = m_monitor.get();
        m_host->addService(QStringLiteral("storage"), [monitor] { return std::make_unique<storage::StorageService>(monitor); });
        m_host->start(QStringLiteral("storage"));
        m_port = waitForPort(m_host.get(), QStringLiteral("storage"));
        QVERIFY(m_port != 0);

        ui::ConsoleContext context;
        context.host = m_host.get();
        context.metrics = m_metrics.get();
        context.storage = m_monitor.get();
        context.clientSettings = clientSettingsFor(QStringLiteral("storage"), m_port, secrets);
        m_window = openConsoleOn(context, QStringLiteral("storage"));
        QVERIFY(m_window);
        QVERIFY(page());
        page()->setStatus(m_host->status(QStringLiteral("storage")));
        page()->refresh();
        page()->setConfirmFunction([](QWidget *, const QString &, const QString &) { return true; });
    }
    void stopStorageConsole()
    {
        m_window.reset();
        m_host.reset();
    }

    ui::StoragePage *page() const { return qobject_cast<ui::StoragePage *>(m_window->servicePage(QStringLiteral("storage"))); }
    QStringList listedNames() const
    {
        QStringList out;
        for (int r = 0; r < page()->objectTable()->rowCount(); ++r)
            out << page()->objectTable()->item(r, ui::StoragePage::ObjectName)->text();
        return out;
    }
    bool selectListed(const QString &name)
    {
        const int row = int(listedNames().indexOf(name));
        if (row < 0)
            return false;
        page()->objectTable()->selectRow(row);
        return true;
    }
    bool openAndWait(const QString &bucket, const QString &prefix)
    {
        QSignalSpy shown(page(), &ui::StoragePage::listingShown);
        page()->openBucket(bucket, prefix);
        return shown.wait(kListingWaitMs);
    }
    // files/<name> in the test's folder, its folder made.
    QString newFilePath(const QString &name)
    {
        const QString path = m_dir.filePath(QStringLiteral("files/") + name);
        QDir().mkpath(QFileInfo(path).absolutePath());
        return path;
    }
    // Writes `bytes` to newFilePath(name); the path, or empty when it failed.
    QString writeFile(const QString &name, const QByteArray &bytes)
    {
        const QString path = newFilePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
            return {};
        return path;
    }

    // `path` (encoded as SigV4 canonicalises it) presigned for 300 s with the given key:
    // "<path>?<query>", as a browser or curl would fetch it from the service.
    QByteArray presigned(const QByteArray &method, const QByteArray &path, const QByteArray &accessKey,
                         const QByteArray &secret, const QByteArray &extraQuery = {}) const
    {
        const QByteArray host = "127.0.0.1:" + QByteArray::number(m_port);
        return path + '?' + storage::sigv4::presignQuery(method, path, host, accessKey, secret,
                                                         storage::sigv4::formatAmzDate(QDateTime::currentDateTimeUtc()),
                                                         "us-east-1", 300, extraQuery);
    }

    // Generous: a listing comes at once, but a loaded CI machine may run several GUI tests.
    static constexpr int kListingWaitMs = 45000;

    QTemporaryDir m_dir;
    std::unique_ptr<core::Metrics> m_metrics;
    std::unique_ptr<storage::StorageMonitor> m_monitor;
    std::unique_ptr<core::ServiceHost> m_host;
    std::unique_ptr<ui::MainWindow> m_window;
    quint16 m_port = 0;
    QByteArray m_accessKey; // the service's generated key pair
    QByteArray m_secretKey;
};

} // namespace homeport::guitest
