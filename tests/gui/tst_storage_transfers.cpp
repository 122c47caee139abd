// The Storage page's uploads and downloads against a real storage service, as in
// tst_storage_page: a ServiceHost runs StorageService in its own thread on a loopback port with
// a real StorageMonitor. Files go through the page (the injected file pickers stand for the
// dialogs) and are checked with real S3 requests signed with the service's key: a file uploaded
// through the console (aws-chunked with a CRC32C trailer the service checks) comes back byte for
// byte, an empty one too; above the (lowered) multipart threshold it
// becomes a multipart object; a cancelled multipart upload leaves neither an object nor an
// unfinished upload, nor does one cut short by stopping the service; a download writes the exact bytes, and a failed one leaves no file (an
// older file at that path untouched, and stopping the service mid-download leaves either the
// whole file or none); and a few hundred MiB up and down raise the process's
// peak resident memory by far less than the file's size (the service runs in this process too).
// Set HOMEPORT_GUI_SCREENSHOTS=<dir> to keep PNGs of the page mid-upload and after a failed
// download.

#include "storage_page_test_base.h"

#include "core/metrics.h"
#include "core/secrets.h"
#include "core/service_host.h"
#include "storage/payload_checksum.h"
#include "storage/sigv4.h"
#include "storage/storage_console_bridge.h"
#include "storage/storage_monitor.h"
#include "storage/storage_service.h"
#include "ui/main_window.h"
#include "ui/storage_page.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <csignal>
#include <functional>
#include <memory>
#include <optional>

#include <sys/resource.h>

using namespace homeport;
using ui::StoragePage;

namespace {

constexpr int kWaitMs = 45000;

// The process's peak resident memory (VmHWM) in bytes; -1 when /proc cannot tell.
qint64 peakResidentBytes()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong() * 1024;
    }
    return -1;
}

// Sets the peak back to what is resident now (Linux's clear_refs "5"), so a measurement covers
// only what follows. Where a kernel does not allow it, the rise over the earlier peak is
// measured instead: less exact, but this process peaked far under the file's size before, so a
// body held whole still shows.
void resetPeakResident()
{
    QFile clear(QStringLiteral("/proc/self/clear_refs"));
    if (!clear.open(QIODevice::WriteOnly) || clear.write("5") != 1)
        qInfo("cannot reset the peak resident memory (%s): measuring the rise over the earlier peak", qPrintable(clear.errorString()));
}

QByteArray randomBytes(qint64 size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator generator(20261129);
    generator.fillRange(reinterpret_cast<quint32 *>(bytes.data()), size / 4);
    for (qint64 i = size / 4 * 4; i < size; ++i)
        bytes[i] = char(i);
    return bytes;
}

// MD5 of a file read in 1 MiB pieces (never whole).
QByteArray fileMd5(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Md5);
    while (!file.atEnd())
        hash.addData(file.read(1 << 20));
    return hash.result().toHex();
}

} // namespace

class TestStorageTransfers : public guitest::StoragePageTestBase
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void partSizesKeepUnderTenThousandParts();
    void uploadedFileComesBackByteForByte();
    void largeFileBecomesAMultipartObject();
    void cancelledMultipartUploadLeavesNothing();
    void stoppingTheServiceAbortsAMultipartUpload();
    void queuedFilesGoWhereTheyWereDropped();
    void fileChangedDuringPutFailsAtOnce();
    void fileShrinkingDuringPartAbortsTheUpload();
    void unreadableFilesFailClearly();
    void cancelStopsTheWaitingUploads();
    void cancelledDownloadLetsDroppedFilesGo();
    void downloadIntoUnwritableFolderFails();
    void failingDiskWriteAbortsTheDownload();
    void downloadWritesTheExactBytes();
    void failedDownloadLeavesNoFile();
    void largeTransfersKeepMemoryBounded();
    void stoppingTheServiceMidDownloadLeavesNoPartialFile();

private:
    // Uploads `path` through the page's Upload button (its file picker answering `path`) into
    // the folder shown; the page's report, none when it did not come.
    std::optional<bool> uploadReport(const QString &path)
    {
        page()->setOpenFilePicker([path](QWidget *, const QString &, const QString &) { return path; });
        QSignalSpy done(page(), &StoragePage::actionFinished);
        page()->uploadFile();
        if (!done.wait(kWaitMs))
            return std::nullopt;
        return done.first().first().toBool();
    }
    bool uploadThroughPage(const QString &path) { return uploadReport(path) == true; }
    // Uploads `path` with `interruption` (made by atFirstProgress or a helper on it) in place,
    // then takes it away: whether the interruption ran and the page reported the upload failed.
    bool uploadFailsWith(const QString &path, const QMetaObject::Connection &interruption)
    {
        const std::optional<bool> report = uploadReport(path);
        disconnect(interruption);
        return m_actionRun && report == false;
    }
    // No upload in the bucket is left unfinished (ListMultipartUploads lists none).
    void verifyNoUnfinishedUploads()
    {
        const S3Reply uploads = s3("GET", m_bucket, QString(), "uploads=");
        QCOMPARE(uploads.status, 200);
        QVERIFY2(!uploads.body.contains("<Upload>"), uploads.body.constData());
    }
    // Neither an object under `key` nor an unfinished upload.
    void verifyNothingStored(const QString &key)
    {
        QCOMPARE(s3("HEAD", m_bucket, key).status, 404);
        verifyNoUnfinishedUploads();
    }
    // Downloads the listed object `name` through the page's Download button into `saveTo`.
    bool downloadThroughPage(const QString &name, const QString &saveTo)
    {
        if (!selectListed(name))
            return false;
        page()->setSaveFilePicker([saveTo](QWidget *, const QString &, const QString &) { return saveTo; });
        QSignalSpy done(page(), &StoragePage::actionFinished);
        page()->downloadSelected();
        return done.wait(kWaitMs) && done.first().first().toBool();
    }

    // Runs `action` in the test's thread at the first report of `progress` with bytes moved,
    // while the service's thread, which reports it, waits for it: whatever `action` asks of the
    // service is then queued there before the transfer can go on, so it always finds the
    // transfer running, however fast or loaded the machine is. m_actionRun says it ran.
    template <typename Signal>
    QMetaObject::Connection atFirstProgress(Signal progress, std::function<void()> action)
    {
        m_actionRun = false;
        return connect(
            m_monitor.get(), progress, m_monitor.get(),
            [this, action](quint64, qint64 moved, qint64) {
                if (moved <= 0 || m_actionRun.exchange(true))
                    return;
                QMetaObject::invokeMethod(this, action, Qt::BlockingQueuedConnection);
            },
            Qt::DirectConnection);
    }
    // The page's Cancel clicked at the first progress report.
    template <typename Signal>
    QMetaObject::Connection clickCancelAtFirstProgress(Signal progress)
    {
        StoragePage *shown = page();
        return atFirstProgress(progress, [shown] { QTest::mouseClick(shown->cancelTransferButton(), Qt::LeftButton); });
    }
    // The storage service stopped at the first progress report.
    template <typename Signal>
    QMetaObject::Connection stopServiceAtFirstProgress(Signal progress)
    {
        core::ServiceHost *host = m_host.get();
        return atFirstProgress(progress, [host] { host->stop(QStringLiteral("storage")); });
    }
    // A sparse file of `bytes` (made at once, no disk written): large enough that its upload is
    // still reading it at its first progress report.
    QString sparseFile(const QString &name, qint64 bytes)
    {
        const QString path = newFilePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || !file.resize(bytes))
            return {};
        return path;
    }
    // Uploads `path` through the page and, at its first progress report, lets `change` rewrite
    // it; checks that the upload fails (long before the 300 s transfer timeout: the wait is
    // 45 s) saying the file changed, and leaves neither `key` nor an unfinished upload.
    void uploadFailsWhenChanged(const QString &path, const QString &key, std::function<void()> change)
    {
        QVERIFY(uploadFailsWith(path, atFirstProgress(&storage::StorageMonitor::uploadProgress, change)));
        QVERIFY2(page()->browserMessage()->text().contains(QStringLiteral("changed by another program")),
                 qPrintable(page()->browserMessage()->text()));
        QVERIFY(page()->transferProgress()->isHidden());
        verifyNothingStored(key);
    }

    // A real S3 request, presigned with the service's key, sent with plain QNetworkAccessManager.
    struct S3Reply {
        int status = 0;
        QByteArray etag;
        QByteArray body;
    };
    S3Reply s3(const QByteArray &method, const QString &bucket, const QString &key, const QByteArray &extraQuery = {})
    {
        QByteArray path = '/' + storage::sigv4::uriEncode(bucket.toUtf8(), false);
        if (!key.isEmpty())
            path += '/' + storage::sigv4::uriEncode(key.toUtf8(), true);
        const QByteArray host = "127.0.0.1:" + QByteArray::number(m_port);
        const QByteArray pathAndQuery = presigned(method, path, m_accessKey, m_secretKey, extraQuery);
        QNetworkAccessManager network;
        network.setProxy(QNetworkProxy::NoProxy);
        const QNetworkRequest request(QUrl::fromEncoded("http://" + host + pathAndQuery));
        // A custom HEAD would wait for the body its Content-Length announces.
        std::unique_ptr<QNetworkReply> reply(method == "HEAD" ? network.head(request) : network.sendCustomRequest(request, method));
        S3Reply out;
        if (!QTest::qWaitFor([&] { return reply->isFinished(); }, kWaitMs))
            return out;
        out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        out.etag = reply->rawHeader("ETag");
        out.body = reply->readAll();
        return out;
    }

    const QString m_bucket = QStringLiteral("homeport");
    QByteArray m_multipartBytes; // the file of largeFileBecomesAMultipartObject
    std::atomic<bool> m_actionRun{false};
};

void TestStorageTransfers::initTestCase()
{
    startStorageConsole();
    if (QTest::currentTestFailed())
        return;
    page()->tabs()->setCurrentIndex(StoragePage::BrowserTab);
    // The service makes the "homeport" bucket on first start; the browser opens it.
    QTRY_COMPARE_WITH_TIMEOUT(page()->currentBucket(), m_bucket, 10000);
}

void TestStorageTransfers::cleanupTestCase()
{
    stopStorageConsole();
}

void TestStorageTransfers::partSizesKeepUnderTenThousandParts()
{
    using storage::StorageConsoleBridge;
    constexpr qint64 MiB = 1 << 20;
    QCOMPARE(StorageConsoleBridge::partBytesFor(6LL << 30, 0), StorageConsoleBridge::kDefaultPartBytes);
    QCOMPARE(StorageConsoleBridge::partBytesFor(100 * MiB, 5 * MiB), 5 * MiB);
    // Under S3's smallest part: raised to it.
    QCOMPARE(StorageConsoleBridge::partBytesFor(100 * MiB, 1 * MiB), 5 * MiB);
    // 1 TiB in 64 MiB parts would be 16,384 parts: 105 MiB parts make 9,987.
    const qint64 tib = 1LL << 40;
    const qint64 part = StorageConsoleBridge::partBytesFor(tib, 0);
    QCOMPARE(part, 105 * MiB);
    QVERIFY((tib + part - 1) / part <= storage::StorageRequest::kMaxParts);
    // S3's largest object, 5 TiB, still fits.
    const qint64 largest = 5 * tib;
    QVERIFY((largest + StorageConsoleBridge::partBytesFor(largest, 0) - 1) / StorageConsoleBridge::partBytesFor(largest, 0)
            <= storage::StorageRequest::kMaxParts);
}

void TestStorageTransfers::uploadedFileComesBackByteForByte()
{
    QVERIFY(openAndWait(m_bucket, QStringLiteral("small/")));
    const QByteArray bytes = randomBytes(3 * 1024 * 1024 + 123);
    const QString path = writeFile(QStringLiteral("notes.bin"), bytes);
    QVERIFY(!path.isEmpty());
    QSignalSpy progress(m_monitor.get(), &storage::StorageMonitor::uploadProgress);
    QSignalSpy answers(m_monitor.get(), &storage::StorageMonitor::requestFinished);
    page()->setOpenFilePicker([path](QWidget *, const QString &, const QString &) { return path; });
    QSignalSpy done(page(), &StoragePage::actionFinished);
    page()->uploadFile();
    // The bar and its Cancel show while the file goes; Upload waits for it.
    QVERIFY(!page()->transferProgress()->isHidden());
    QVERIFY(page()->cancelTransferButton()->isVisibleTo(page()));
    QVERIFY(!page()->findChild<QPushButton *>(QStringLiteral("uploadButton"))->isEnabled());
    QVERIFY(done.wait(kWaitMs));
    QVERIFY2(done.first().first().toBool(), qPrintable(page()->browserMessage()->text()));
    QVERIFY(page()->transferProgress()->isHidden());
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.last().at(1).toLongLong(), qint64(bytes.size()));
    QCOMPARE(progress.last().at(2).toLongLong(), qint64(bytes.size()));
    // It went with the CRC32C trailer current SDKs send, which the service checked and echoes.
    storage::PayloadChecksum crc(storage::PayloadChecksum::Algorithm::Crc32c);
    crc.addData(bytes.constData(), bytes.size());
    QByteArrayList echoed;
    for (const QList<QVariant> &answer : std::as_const(answers))
        echoed << answer.at(1).value<storage::StorageAnswer>().header("x-amz-checksum-crc32c");
    QVERIFY2(echoed.contains(crc.base64Result()), echoed.join(' ').constData());

    const S3Reply get = s3("GET", m_bucket, QStringLiteral("small/notes.bin"));
    QCOMPARE(get.status, 200);
    QVERIFY(get.body == bytes);
    // One PUT: a plain MD5 ETag.
    QCOMPARE(get.etag, '"' + QCryptographicHash::hash(bytes, QCryptographicHash::Md5).toHex() + '"');
    QTRY_COMPARE_WITH_TIMEOUT(listedNames(), QStringList{QStringLiteral("notes.bin")}, 10000);

    // An empty file is an object of no bytes (its body only the final chunk and the trailer).
    const QString empty = writeFile(QStringLiteral("empty.txt"), QByteArray());
    QVERIFY(!empty.isEmpty());
    QVERIFY2(uploadThroughPage(empty), qPrintable(page()->browserMessage()->text()));
    const S3Reply emptyGet = s3("GET", m_bucket, QStringLiteral("small/empty.txt"));
    QCOMPARE(emptyGet.status, 200);
    QCOMPARE(emptyGet.body, QByteArray());
    QCOMPARE(s3("DELETE", m_bucket, QStringLiteral("small/empty.txt")).status, 204);
}

void TestStorageTransfers::largeFileBecomesAMultipartObject()
{
    // Past 6 MiB in parts of 5 MiB (S3's smallest but the last): 12 MiB + 7 bytes is 3 parts.
    page()->setMultipartPolicy(6 << 20, 5 << 20);
    QVERIFY(openAndWait(m_bucket, QStringLiteral("big/")));
    m_multipartBytes = randomBytes((12 << 20) + 7);
    const QString path = writeFile(QStringLiteral("video.mp4"), m_multipartBytes);
    QVERIFY(!path.isEmpty());
    QSignalSpy progress(m_monitor.get(), &storage::StorageMonitor::uploadProgress);
    QVERIFY2(uploadThroughPage(path), qPrintable(page()->browserMessage()->text()));
    page()->setMultipartPolicy(0, 0);
    // Progress counts over the whole file, never backwards from one part to the next.
    QVERIFY(!progress.isEmpty());
    qint64 last = 0;
    for (const QList<QVariant> &report : std::as_const(progress)) {
        QCOMPARE(report.at(2).toLongLong(), qint64(m_multipartBytes.size()));
        QVERIFY(report.at(1).toLongLong() >= last);
        last = report.at(1).toLongLong();
    }
    QCOMPARE(last, qint64(m_multipartBytes.size()));

    const S3Reply get = s3("GET", m_bucket, QStringLiteral("big/video.mp4"));
    QCOMPARE(get.status, 200);
    QVERIFY(get.body == m_multipartBytes);
    QVERIFY2(get.etag.endsWith("-3\""), get.etag.constData());
    // Its Content-Type came from the file's name, as for a single PUT.
    QTRY_COMPARE_WITH_TIMEOUT(listedNames(), QStringList{QStringLiteral("video.mp4")}, 10000);
    QVERIFY(selectListed(QStringLiteral("video.mp4")));
    QTRY_VERIFY2_WITH_TIMEOUT(page()->metadataView()->toPlainText().contains(QStringLiteral("content-type: video/mp4")),
                              qPrintable(page()->metadataView()->toPlainText()), 10000);
    // Nothing unfinished is left behind.
    verifyNoUnfinishedUploads();
}

void TestStorageTransfers::cancelledMultipartUploadLeavesNothing()
{
    page()->setMultipartPolicy(6 << 20, 5 << 20);
    QVERIFY(openAndWait(m_bucket, QStringLiteral("cancelled/")));
    const QString path = writeFile(QStringLiteral("archive.tar"), randomBytes(26 << 20)); // 6 parts
    QVERIFY(!path.isEmpty());
    const bool failed = uploadFailsWith(path, clickCancelAtFirstProgress(&storage::StorageMonitor::uploadProgress));
    page()->setMultipartPolicy(0, 0);
    QVERIFY(failed);
    QCOMPARE(page()->browserMessage()->text(), QStringLiteral("Upload of cancelled/archive.tar cancelled."));
    QVERIFY(page()->transferProgress()->isHidden());
    QVERIFY(page()->findChild<QPushButton *>(QStringLiteral("uploadButton"))->isEnabled());
    // No object, and the upload was aborted (its parts gone) before the page heard of it.
    verifyNothingStored(QStringLiteral("cancelled/archive.tar"));
}

void TestStorageTransfers::stoppingTheServiceAbortsAMultipartUpload()
{
    page()->setMultipartPolicy(6 << 20, 5 << 20);
    QVERIFY(openAndWait(m_bucket, QStringLiteral("stopped/")));
    const QString path = writeFile(QStringLiteral("backup.tar"), randomBytes(26 << 20));
    QVERIFY(!path.isEmpty());
    // The stop is asked for from the first progress report while the service's thread waits, so
    // it is queued there before the first part can have finished: the upload is always running
    // when the service goes, and only the store can abort it then.
    const bool failed = uploadFailsWith(path, stopServiceAtFirstProgress(&storage::StorageMonitor::uploadProgress));
    page()->setMultipartPolicy(0, 0);
    QVERIFY(failed);
    QVERIFY2(page()->browserMessage()->text().contains(QStringLiteral("stopped")), qPrintable(page()->browserMessage()->text()));

    QTRY_VERIFY_WITH_TIMEOUT(m_host->status(QStringLiteral("storage")).state == core::ServiceState::Stopped, 10000);
    m_host->start(QStringLiteral("storage"));
    m_port = guitest::waitForPort(m_host.get(), QStringLiteral("storage"));
    QVERIFY(m_port != 0);
    page()->setStatus(m_host->status(QStringLiteral("storage")));
    verifyNothingStored(QStringLiteral("stopped/backup.tar"));
}

void TestStorageTransfers::queuedFilesGoWhereTheyWereDropped()
{
    QVERIFY(openAndWait(m_bucket, QStringLiteral("queue-a/")));
    const QString first = writeFile(QStringLiteral("first.bin"), randomBytes(2 << 20));
    const QString second = writeFile(QStringLiteral("second.txt"), "second\n");
    QVERIFY(!first.isEmpty() && !second.isEmpty());
    // While the first file goes, the user browses to another folder (at its first progress
    // report, the service's thread waiting, so always before the second file starts).
    std::atomic<bool> moved{false};
    StoragePage *shown = page();
    const QString bucket = m_bucket;
    const QMetaObject::Connection connection = connect(
        m_monitor.get(), &storage::StorageMonitor::uploadProgress, m_monitor.get(),
        [shown, bucket, &moved](quint64, qint64 sent, qint64) {
            if (sent <= 0 || moved.exchange(true))
                return;
            QMetaObject::invokeMethod(
                shown, [shown, bucket] { shown->openBucket(bucket, QStringLiteral("queue-b/")); }, Qt::BlockingQueuedConnection);
        },
        Qt::DirectConnection);
    QSignalSpy done(page(), &StoragePage::actionFinished);
    page()->uploadFiles({first, second});
    QVERIFY(done.wait(kWaitMs));
    disconnect(connection);
    QVERIFY(moved);
    QVERIFY2(done.first().first().toBool(), qPrintable(page()->browserMessage()->text()));
    QCOMPARE(page()->currentPrefix(), QStringLiteral("queue-b/"));
    // Both went into the folder they were dropped in.
    QCOMPARE(s3("HEAD", m_bucket, QStringLiteral("queue-a/first.bin")).status, 200);
    QCOMPARE(s3("HEAD", m_bucket, QStringLiteral("queue-a/second.txt")).status, 200);
    QCOMPARE(s3("HEAD", m_bucket, QStringLiteral("queue-b/second.txt")).status, 404);
}

void TestStorageTransfers::fileChangedDuringPutFailsAtOnce()
{
    QVERIFY(openAndWait(m_bucket, QStringLiteral("changed/")));
    // Shrunk to nothing while it goes: the body cannot be read on.
    const QString shrunk = sparseFile(QStringLiteral("shrunk.img"), 64LL << 20);
    QVERIFY(!shrunk.isEmpty());
    uploadFailsWhenChanged(shrunk, QStringLiteral("changed/shrunk.img"), [shrunk] { QVERIFY(QFile::resize(shrunk, 0)); });
    if (QTest::currentTestFailed())
        return;
    // Grown while it goes: the bytes sent are no longer the file, so the last chunk never goes.
    const QString grown = sparseFile(QStringLiteral("grown.img"), 64LL << 20);
    QVERIFY(!grown.isEmpty());
    uploadFailsWhenChanged(grown, QStringLiteral("changed/grown.img"), [grown] {
        QFile file(grown);
        QVERIFY(file.open(QIODevice::Append));
        QVERIFY(file.write("appended by another program\n") > 0);
    });
}

void TestStorageTransfers::fileShrinkingDuringPartAbortsTheUpload()
{
    // Three 16 MiB parts; the file is cut while the first one goes.
    page()->setMultipartPolicy(6 << 20, 16 << 20);
    QVERIFY(openAndWait(m_bucket, QStringLiteral("changed/")));
    const QString path = sparseFile(QStringLiteral("parts.img"), 40LL << 20);
    QVERIFY(!path.isEmpty());
    uploadFailsWhenChanged(path, QStringLiteral("changed/parts.img"), [path] { QVERIFY(QFile::resize(path, 1 << 20)); });
    page()->setMultipartPolicy(0, 0);
}

void TestStorageTransfers::unreadableFilesFailClearly()
{
    QVERIFY(openAndWait(m_bucket, QStringLiteral("unreadable/")));
    // A folder is not a file to upload.
    const QString folder = m_dir.filePath(QStringLiteral("files/a-folder"));
    QVERIFY(QDir().mkpath(folder));
    QSignalSpy done(page(), &StoragePage::actionFinished);
    page()->uploadFiles({folder});
    // The page may refuse it at once, or the service when it reads it.
    QTRY_VERIFY_WITH_TIMEOUT(!done.isEmpty(), kWaitMs);
    QVERIFY(!done.first().first().toBool());
    QVERIFY2(page()->browserMessage()->text().contains(QStringLiteral("a-folder")), qPrintable(page()->browserMessage()->text()));
    QCOMPARE(s3("HEAD", m_bucket, QStringLiteral("unreadable/a-folder")).status, 404);

    // A file without read permission, where permissions stop this process (not as root).
    const QString locked = writeFile(QStringLiteral("locked.txt"), "secret\n");
    QVERIFY(!locked.isEmpty());
    QVERIFY(QFile::setPermissions(locked, QFileDevice::Permissions()));
    if (QFile probe(locked); probe.open(QIODevice::ReadOnly)) {
        qInfo("permissions do not stop this process's reads (root): the unreadable file is not tried");
    } else {
        done.clear();
        page()->uploadFiles({locked});
        QTRY_VERIFY_WITH_TIMEOUT(!done.isEmpty(), kWaitMs);
        QVERIFY(!done.first().first().toBool());
        QVERIFY2(page()->browserMessage()->text().contains(QStringLiteral("Cannot read")), qPrintable(page()->browserMessage()->text()));
        QCOMPARE(s3("HEAD", m_bucket, QStringLiteral("unreadable/locked.txt")).status, 404);
    }
    QVERIFY(QFile::setPermissions(locked, QFileDevice::ReadOwner | QFileDevice::WriteOwner));

    // The last of two files removed while the first goes: the batch still ends, saying so.
    const QString first = sparseFile(QStringLiteral("kept.img"), 16LL << 20);
    const QString second = writeFile(QStringLiteral("removed.txt"), "removed\n");
    QVERIFY(!first.isEmpty() && !second.isEmpty());
    const QMetaObject::Connection connection =
        atFirstProgress(&storage::StorageMonitor::uploadProgress, [second] { QVERIFY(QFile::remove(second)); });
    done.clear();
    page()->uploadFiles({first, second});
    QVERIFY(done.wait(kWaitMs));
    disconnect(connection);
    QVERIFY(m_actionRun);
    QVERIFY(!done.first().first().toBool());
    QCOMPARE(page()->browserMessage()->text(), QStringLiteral("Uploaded 1 of 2 files."));
    QCOMPARE(s3("HEAD", m_bucket, QStringLiteral("unreadable/kept.img")).status, 200);
    QCOMPARE(s3("HEAD", m_bucket, QStringLiteral("unreadable/removed.txt")).status, 404);

    // Gone by the time the service reads it (after the page looked): the service's own answer.
    QSignalSpy answers(m_monitor.get(), &storage::StorageMonitor::requestFinished);
    storage::StorageRequest request;
    request.method = "PUT";
    request.bucket = m_bucket;
    request.key = QStringLiteral("unreadable/removed.txt");
    request.bodyFile = second;
    const quint64 id = m_monitor->request(request);
    QTRY_VERIFY_WITH_TIMEOUT(!answers.isEmpty(), kWaitMs);
    QCOMPARE(answers.first().first().toULongLong(), id);
    const auto answer = answers.first().at(1).value<storage::StorageAnswer>();
    QVERIFY(!answer.ok());
    QVERIFY2(answer.error.contains(QStringLiteral("is gone")), qPrintable(answer.error));
    QCOMPARE(s3("HEAD", m_bucket, QStringLiteral("unreadable/removed.txt")).status, 404);
    QCOMPARE(s3("DELETE", m_bucket, QStringLiteral("unreadable/kept.img")).status, 204);
}

void TestStorageTransfers::cancelStopsTheWaitingUploads()
{
    QVERIFY(openAndWait(m_bucket, QStringLiteral("batch/")));
    const QString big = sparseFile(QStringLiteral("big.img"), 64LL << 20);
    const QString one = writeFile(QStringLiteral("one.txt"), "one\n");
    const QString two = writeFile(QStringLiteral("two.txt"), "two\n");
    QVERIFY(!big.isEmpty() && !one.isEmpty() && !two.isEmpty());
    const QMetaObject::Connection connection = clickCancelAtFirstProgress(&storage::StorageMonitor::uploadProgress);
    QSignalSpy done(page(), &StoragePage::actionFinished);
    page()->uploadFiles({big, one, two});
    QVERIFY(done.wait(kWaitMs));
    disconnect(connection);
    QVERIFY(m_actionRun);
    QVERIFY(!done.first().first().toBool());
    // One bar, one batch: Cancel stops the file going and the ones waiting, and says so.
    QCOMPARE(page()->browserMessage()->text(),
             QStringLiteral("Upload of batch/big.img cancelled, and 2 file(s) waiting behind it not uploaded."));
    QVERIFY(page()->transferProgress()->isHidden());
    QVERIFY(page()->findChild<QPushButton *>(QStringLiteral("uploadButton"))->isEnabled());
    for (const QString &key : {QStringLiteral("batch/big.img"), QStringLiteral("batch/one.txt"), QStringLiteral("batch/two.txt")})
        QCOMPARE(s3("HEAD", m_bucket, key).status, 404);
    // Nothing is left waiting: a file dropped now goes alone.
    done.clear();
    page()->uploadFiles({one});
    QVERIFY(done.wait(kWaitMs));
    QVERIFY2(done.first().first().toBool(), qPrintable(page()->browserMessage()->text()));
    QCOMPARE(s3("HEAD", m_bucket, QStringLiteral("batch/one.txt")).status, 200);
    QCOMPARE(s3("HEAD", m_bucket, QStringLiteral("batch/two.txt")).status, 404);
}

void TestStorageTransfers::cancelledDownloadLetsDroppedFilesGo()
{
    QVERIFY(openAndWait(m_bucket, QStringLiteral("during-download/")));
    const QString object = sparseFile(QStringLiteral("film.img"), 64LL << 20);
    QVERIFY(!object.isEmpty());
    QVERIFY2(uploadThroughPage(object), qPrintable(page()->browserMessage()->text()));
    QTRY_COMPARE_WITH_TIMEOUT(listedNames(), QStringList{QStringLiteral("film.img")}, 10000);
    QVERIFY(selectListed(QStringLiteral("film.img")));
    const QString dropped = writeFile(QStringLiteral("dropped.txt"), "dropped while downloading\n");
    QVERIFY(!dropped.isEmpty());
    // While the download goes (at its first report, after its first write, the service's thread
    // waiting), the user drops a file and clicks Cancel.
    StoragePage *shown = page();
    const QMetaObject::Connection connection = atFirstProgress(&storage::StorageMonitor::downloadProgress, [shown, dropped] {
        shown->uploadFiles({dropped});
        QVERIFY(shown->cancelTransferButton()->isEnabled());
        QTest::mouseClick(shown->cancelTransferButton(), Qt::LeftButton);
        QVERIFY(!shown->cancelTransferButton()->isEnabled()); // the click reached the download
    });
    const QString saveTo = m_dir.filePath(QStringLiteral("during-download/film.img"));
    QVERIFY(QDir().mkpath(QFileInfo(saveTo).absolutePath()));
    page()->setSaveFilePicker([saveTo](QWidget *, const QString &, const QString &) { return saveTo; });
    QSignalSpy done(page(), &StoragePage::actionFinished);
    page()->downloadSelected();
    // The download's end, then the dropped file's.
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 2, kWaitMs);
    disconnect(connection);
    QVERIFY(m_actionRun);
    QVERIFY(!done.at(0).first().toBool());
    QVERIFY2(done.at(1).first().toBool(), qPrintable(page()->browserMessage()->text()));
    QCOMPARE(QDir(QFileInfo(saveTo).absolutePath()).entryList(QDir::Files | QDir::Hidden), QStringList());
    // Cancel stopped the download only: the file dropped meanwhile went after it.
    QCOMPARE(s3("HEAD", m_bucket, QStringLiteral("during-download/dropped.txt")).status, 200);
    QCOMPARE(s3("DELETE", m_bucket, QStringLiteral("during-download/film.img")).status, 204);
}

void TestStorageTransfers::downloadIntoUnwritableFolderFails()
{
    QVERIFY(openAndWait(m_bucket, QStringLiteral("batch/")));
    QTRY_VERIFY_WITH_TIMEOUT(listedNames().contains(QStringLiteral("one.txt")), 10000);
    const QString base = m_dir.filePath(QStringLiteral("unwritable"));
    QVERIFY(QDir().mkpath(base));
    const QString aFile = base + QStringLiteral("/a-file");
    {
        QFile file(aFile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QVERIFY(file.write("not a folder\n") > 0);
    }
    // Into a folder that does not exist, and "into" a file.
    for (const QString &saveTo : {base + QStringLiteral("/missing/one.txt"), aFile + QStringLiteral("/one.txt")}) {
        QVERIFY(!downloadThroughPage(QStringLiteral("one.txt"), saveTo));
        QVERIFY2(page()->browserMessage()->text().contains(QStringLiteral("Cannot write")), qPrintable(page()->browserMessage()->text()));
        QVERIFY(page()->transferProgress()->isHidden());
        QVERIFY(page()->findChild<QPushButton *>(QStringLiteral("downloadButton"))->isEnabled());
    }
    // Nothing was made: no folder, no temp file, the file as it was.
    QCOMPARE(QDir(base).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), QStringList{QStringLiteral("a-file")});
    QFile file(aFile);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("not a folder\n"));
}

void TestStorageTransfers::failingDiskWriteAbortsTheDownload()
{
    // A real write failure: this process may write no file past 16 MiB (RLIMIT_FSIZE; writes
    // past it fail with EFBIG, and SIGXFSZ is ignored), so a 64 MiB download fails a quarter in.
    QVERIFY(openAndWait(m_bucket, QStringLiteral("disk-full/")));
    const QString object = sparseFile(QStringLiteral("movie.img"), 64LL << 20);
    QVERIFY(!object.isEmpty());
    QVERIFY2(uploadThroughPage(object), qPrintable(page()->browserMessage()->text()));
    QTRY_COMPARE_WITH_TIMEOUT(listedNames(), QStringList{QStringLiteral("movie.img")}, 10000);
    const QString folder = m_dir.filePath(QStringLiteral("disk-full"));
    QVERIFY(QDir().mkpath(folder));
    QSignalSpy progress(m_monitor.get(), &storage::StorageMonitor::downloadProgress);

    rlimit before{};
    QCOMPARE(::getrlimit(RLIMIT_FSIZE, &before), 0);
    rlimit limited = before;
    limited.rlim_cur = 16 << 20;
    const auto oldHandler = std::signal(SIGXFSZ, SIG_IGN);
    QCOMPARE(::setrlimit(RLIMIT_FSIZE, &limited), 0);
    const bool saved = downloadThroughPage(QStringLiteral("movie.img"), folder + QStringLiteral("/movie.img"));
    QCOMPARE(::setrlimit(RLIMIT_FSIZE, &before), 0);
    std::signal(SIGXFSZ, oldHandler);

    QVERIFY(!saved);
    QVERIFY2(page()->browserMessage()->text().contains(QStringLiteral("Cannot write")), qPrintable(page()->browserMessage()->text()));
    QVERIFY(page()->transferProgress()->isHidden());
    // Neither the file nor QSaveFile's temp file.
    QCOMPARE(QDir(folder).entryList(QDir::Files | QDir::Hidden), QStringList());
    // The reply was aborted where the write failed, not read on to the end into nowhere.
    QVERIFY(!progress.isEmpty());
    QVERIFY2(progress.last().at(1).toLongLong() < (64LL << 20), QByteArray::number(progress.last().at(1).toLongLong()).constData());
    QCOMPARE(s3("DELETE", m_bucket, QStringLiteral("disk-full/movie.img")).status, 204);
}

void TestStorageTransfers::downloadWritesTheExactBytes()
{
    QVERIFY(!m_multipartBytes.isEmpty());
    QVERIFY(openAndWait(m_bucket, QStringLiteral("big/")));
    const QString saveTo = m_dir.filePath(QStringLiteral("downloads/video.mp4"));
    QVERIFY(QDir().mkpath(QFileInfo(saveTo).absolutePath()));
    QSignalSpy progress(m_monitor.get(), &storage::StorageMonitor::downloadProgress);
    QVERIFY2(downloadThroughPage(QStringLiteral("video.mp4"), saveTo), qPrintable(page()->browserMessage()->text()));
    QFile saved(saveTo);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QVERIFY(saved.readAll() == m_multipartBytes);
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.last().at(1).toLongLong(), qint64(m_multipartBytes.size()));
    QCOMPARE(progress.last().at(2).toLongLong(), qint64(m_multipartBytes.size()));
    QVERIFY2(page()->browserMessage()->text().contains(QStringLiteral("Saved")), qPrintable(page()->browserMessage()->text()));
    QVERIFY(page()->transferProgress()->isHidden());
    // Only the file: QSaveFile's temp file went with the rename.
    QCOMPARE(QDir(QFileInfo(saveTo).absolutePath()).entryList(QDir::Files), QStringList{QStringLiteral("video.mp4")});
}

void TestStorageTransfers::failedDownloadLeavesNoFile()
{
    QVERIFY(openAndWait(m_bucket, QStringLiteral("small/")));
    QVERIFY(selectListed(QStringLiteral("notes.bin")));
    // The object goes behind the page's back: its download is S3's 404.
    QCOMPARE(s3("DELETE", m_bucket, QStringLiteral("small/notes.bin")).status, 204);
    const QString folder = m_dir.filePath(QStringLiteral("failed"));
    QVERIFY(QDir().mkpath(folder));
    const QString saveTo = folder + QStringLiteral("/notes.bin");
    QVERIFY(!downloadThroughPage(QStringLiteral("notes.bin"), saveTo));
    QVERIFY2(page()->browserMessage()->text().contains(QStringLiteral("NoSuchKey")), qPrintable(page()->browserMessage()->text()));
    QVERIFY(!QFile::exists(saveTo));
    QCOMPARE(QDir(folder).entryList(QDir::Files | QDir::Hidden), QStringList());
    QVERIFY(page()->transferProgress()->isHidden());
    // The list stops offering the object that is gone.
    QTRY_COMPARE_WITH_TIMEOUT(listedNames(), QStringList(), 10000);
    QCOMPARE(page()->metadataView()->toPlainText(), QString());
    QVERIFY(guitest::saveScreenshot(m_window.get(), page(), page()->tabs(), QStringLiteral("storage-download-failed")));

    // Over a file that is there, a failed download leaves it as it was.
    const QString existing = folder + QStringLiteral("/kept.bin");
    {
        QFile file(existing);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QVERIFY(file.write("the old contents\n") > 0);
    }
    const QString again = writeFile(QStringLiteral("notes.bin"), "short-lived\n");
    QVERIFY(uploadThroughPage(again));
    QTRY_COMPARE_WITH_TIMEOUT(listedNames(), QStringList{QStringLiteral("notes.bin")}, 10000);
    QCOMPARE(s3("DELETE", m_bucket, QStringLiteral("small/notes.bin")).status, 204);
    QVERIFY(!downloadThroughPage(QStringLiteral("notes.bin"), existing));
    QFile kept(existing);
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QCOMPARE(kept.readAll(), QByteArray("the old contents\n"));
    QCOMPARE(QDir(folder).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("kept.bin")});
}

void TestStorageTransfers::largeTransfersKeepMemoryBounded()
{
    // 256 MiB of a sparse file (made at once, no disk written), up as one streamed PUT and down
    // again. Whole in memory, either way would raise the peak by at least the file's size.
    constexpr qint64 kFileBytes = 256LL << 20;
    constexpr qint64 kBound = kFileBytes / 2;
    const QString path = m_dir.filePath(QStringLiteral("files/large.img"));
    QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QVERIFY(file.resize(kFileBytes));
        QVERIFY(file.seek(kFileBytes - 5));
        QVERIFY(file.write("tail\n") == 5);
    }
    const QByteArray md5 = fileMd5(path);
    QVERIFY(openAndWait(m_bucket, QStringLiteral("large/")));
    qInfo("peak resident memory before: %lld MiB", peakResidentBytes() >> 20);
    resetPeakResident();
    const qint64 beforeUpload = peakResidentBytes();
    QVERIFY(beforeUpload > 0);

    // Mid-upload, the page as a user sees it.
    bool shot = false;
    const QMetaObject::Connection screenshot = connect(m_monitor.get(), &storage::StorageMonitor::uploadProgress, this,
                                                      [this, &shot](quint64, qint64 sent, qint64 total) {
        if (shot || sent < total / 3)
            return;
        shot = true;
        QVERIFY(guitest::saveScreenshot(m_window.get(), page(), page()->tabs(), QStringLiteral("storage-uploading")));
    });
    QVERIFY2(uploadThroughPage(path), qPrintable(page()->browserMessage()->text()));
    disconnect(screenshot);
    const qint64 uploadPeak = peakResidentBytes() - beforeUpload;
    qInfo("peak resident memory rose by %lld MiB uploading %lld MiB", uploadPeak >> 20, kFileBytes >> 20);
    QVERIFY2(uploadPeak < kBound, qPrintable(QStringLiteral("%1 MiB").arg(uploadPeak >> 20)));

    QTRY_COMPARE_WITH_TIMEOUT(listedNames(), QStringList{QStringLiteral("large.img")}, 10000);
    const QString saveTo = m_dir.filePath(QStringLiteral("downloads/large.img"));
    QVERIFY(QDir().mkpath(QFileInfo(saveTo).absolutePath()));
    resetPeakResident();
    const qint64 beforeDownload = peakResidentBytes();
    QVERIFY2(downloadThroughPage(QStringLiteral("large.img"), saveTo), qPrintable(page()->browserMessage()->text()));
    const qint64 downloadPeak = peakResidentBytes() - beforeDownload;
    qInfo("peak resident memory rose by %lld MiB downloading %lld MiB", downloadPeak >> 20, kFileBytes >> 20);
    QVERIFY2(downloadPeak < kBound, qPrintable(QStringLiteral("%1 MiB").arg(downloadPeak >> 20)));

    // The bytes made the round trip.
    QCOMPARE(QFileInfo(saveTo).size(), kFileBytes);
    QCOMPARE(fileMd5(saveTo), md5);
    QVERIFY(QFile::remove(saveTo));

    // A download cancelled at its first progress report leaves no file (256 MiB cannot have
    // arrived: the reply's bounded buffer holds the rest back while the service's thread waits).
    const QMetaObject::Connection connection = clickCancelAtFirstProgress(&storage::StorageMonitor::downloadProgress);
    QVERIFY(!downloadThroughPage(QStringLiteral("large.img"), saveTo));
    disconnect(connection);
    QVERIFY(m_actionRun);
    QVERIFY2(page()->browserMessage()->text().contains(QStringLiteral("cancelled")), qPrintable(page()->browserMessage()->text()));
    QVERIFY(!QFile::exists(saveTo));
    QCOMPARE(QDir(QFileInfo(saveTo).absolutePath()).entryList({QStringLiteral("large.img*")}, QDir::Files | QDir::Hidden),
             QStringList()); // nor QSaveFile's temp file
    QVERIFY(QFile::remove(path));
    QCOMPARE(s3("DELETE", m_bucket, QStringLiteral("large/large.img")).status, 204);
}

void TestStorageTransfers::stoppingTheServiceMidDownloadLeavesNoPartialFile()
{
    // The service stops at the download's first progress report, while 64 MiB (far more than
    // the reply's buffer and the sockets hold) are still to come. Stopping, it finishes the
    // responses in flight within its deadline, so the download may end whole; either way no
    // part of a file may appear under the name.
    const QString path = m_dir.filePath(QStringLiteral("files/disk.img"));
    QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QVERIFY(file.resize(64LL << 20));
    }
    QVERIFY(openAndWait(m_bucket, QStringLiteral("stop-download/")));
    QVERIFY2(uploadThroughPage(path), qPrintable(page()->browserMessage()->text()));
    const QByteArray md5 = fileMd5(path);
    QVERIFY(QFile::remove(path));
    QTRY_COMPARE_WITH_TIMEOUT(listedNames(), QStringList{QStringLiteral("disk.img")}, 10000);

    const QString folder = m_dir.filePath(QStringLiteral("stopped-download"));
    QVERIFY(QDir().mkpath(folder));
    const QMetaObject::Connection connection = stopServiceAtFirstProgress(&storage::StorageMonitor::downloadProgress);
    const QString saveTo = folder + QStringLiteral("/disk.img");
    const bool saved = downloadThroughPage(QStringLiteral("disk.img"), saveTo);
    disconnect(connection);
    QVERIFY(m_actionRun);
    if (saved) {
        qInfo("the stopping service finished the download: the file is whole");
        QCOMPARE(QFileInfo(saveTo).size(), 64LL << 20);
        QCOMPARE(fileMd5(saveTo), md5);
        QCOMPARE(QDir(folder).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("disk.img")});
    } else {
        qInfo("the download ended with the service: %s", qPrintable(page()->browserMessage()->text()));
        // Neither the file nor QSaveFile's temp file beside it.
        QCOMPARE(QDir(folder).entryList(QDir::Files | QDir::Hidden), QStringList());
    }

    QTRY_VERIFY_WITH_TIMEOUT(m_host->status(QStringLiteral("storage")).state == core::ServiceState::Stopped, 10000);
    m_host->start(QStringLiteral("storage"));
    m_port = guitest::waitForPort(m_host.get(), QStringLiteral("storage"));
    QVERIFY(m_port != 0);
    page()->setStatus(m_host->status(QStringLiteral("storage")));
    QCOMPARE(s3("DELETE", m_bucket, QStringLiteral("stop-download/disk.img")).status, 204);
}

QTEST_MAIN(TestStorageTransfers)
#include "tst_storage_transfers.moc"
