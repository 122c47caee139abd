// The Storage page against a real storage service: a ServiceHost runs StorageService in its own
// thread on a free loopback port with a real StorageMonitor, as app/ wires them. The page's
// listings, uploads, downloads and deletes are SigV4-signed S3 requests through the service's
// routes, so the test checks what the API really answers, errors included; the presigned URL is
// fetched over HTTP like a browser would. The Access tab makes a scoped key (its secret shown
// once), which then signs real requests; public read and CORS rules are set and checked with
// plain HTTP; revoking the key refuses it.
// Set HOMEPORT_GUI_SCREENSHOTS=<dir> to keep PNGs of the tabs.

#include "storage_page_test_base.h"

#include "core/metrics.h"
#include "core/secrets.h"
#include "core/service_host.h"
#include "storage/sigv4.h"
#include "storage/storage_monitor.h"
#include "storage/storage_service.h"
#include "ui/main_window.h"
#include "ui/snippet_card.h"
#include "ui/sparkline.h"
#include "ui/storage_access_tab.h"
#include "ui/storage_page.h"

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QLineEdit>

#include <QFile>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QMimeData>
#include <QUrl>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace homeport;
using ui::StoragePage;

class TestStoragePage : public guitest::StoragePageTestBase
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void defaultBucketIsListed();
    void createBucketShowsTheServersErrors();
    void uploadBrowseFolderDownloadPresignAndDelete();
    void bucketsTableSortsBySize();
    void deleteBucketAsksAndShowsNotEmpty();
    void connectSnippetsCarryTheRealEndpointAndKey();
    void droppedFilesAreUploadedIntoTheFolder();
    void longFoldersLoadPageByPage();
    void presignedPutUrlUploadsToANewKey();
    void accessKeysAndBucketSettings();
    // (before the next test, which restarts the service under the page. The 9 px CI once saw
    // after that restart was the stopped-service banner (32 px and its spacing), which then
    // changed only at the page's refresh once a second; it now follows the status at once, see
    // bannerFollowsTheServiceStateAtOnce.)
    void everyTabFitsTheWindow();
    void accessKeysSortByCreationTime();
    void bannerFollowsTheServiceStateAtOnce();
    void stoppedServiceIsShownAndAnswered();

private:
    void screenshot(const QString &name)
    {
        QApplication::processEvents();
        QVERIFY(guitest::saveScreenshot(m_window.get(), page(), page()->tabs(), QStringLiteral("storage-") + name));
    }
    int bucketRow(const QString &name) const
    {
        QTableWidget *table = page()->bucketTable();
        for (int r = 0; r < table->rowCount(); ++r) {
            if (table->item(r, StoragePage::BucketName)->text() == name)
                return r;
        }
        return -1;
    }
    bool createBucket(const QString &name)
    {
        QSignalSpy done(page(), &StoragePage::actionFinished);
        page()->setNamePrompt([name](QWidget *) { return name; });
        page()->newBucket();
        return done.wait(10000) && done.first().first().toBool();
    }
    // Plain HTTP to the service, as a browser or curl would send it: the status code.
    int fetchStatus(const QByteArray &method, const QByteArray &pathAndQuery, const QByteArray &body = {})
    {
        QNetworkAccessManager network;
        network.setProxy(QNetworkProxy::NoProxy);
        QNetworkRequest request(QUrl::fromEncoded("http://127.0.0.1:" + QByteArray::number(m_port) + pathAndQuery));
        std::unique_ptr<QNetworkReply> reply(network.sendCustomRequest(request, method, body));
        if (!QTest::qWaitFor([&] { return reply->isFinished(); }, 10000))
            return -1;
        return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    }
};

void TestStoragePage::initTestCase()
{
    startStorageConsole();
}

void TestStoragePage::cleanupTestCase()
{
    stopStorageConsole();
}

void TestStoragePage::defaultBucketIsListed()
{
    // The service makes the "homeport" bucket on first start; the snapshot brings it to the table
    // and the browser opens it, empty.
    QTRY_VERIFY_WITH_TIMEOUT(bucketRow(QStringLiteral("homeport")) >= 0, 10000);
    QCOMPARE(page()->statText(QStringLiteral("buckets")), QStringLiteral("1"));
    QCOMPARE(page()->statText(QStringLiteral("objects")), QStringLiteral("0"));
    QVERIFY(openAndWait(QStringLiteral("homeport"), QString()));
    QCOMPARE(page()->objectTable()->rowCount(), 0);
    auto *empty = page()->findChild<QLabel *>(QStringLiteral("objectEmpty"));
    QVERIFY(empty);
    QVERIFY2(empty->text().contains(QStringLiteral("empty")), qPrintable(empty->text()));
}

void TestStoragePage::createBucketShowsTheServersErrors()
{
    QVERIFY(!createBucket(QStringLiteral("Bad_Name")));
    QVERIFY2(page()->bucketsMessage()->text().contains(QStringLiteral("InvalidBucketName")),
             qPrintable(page()->bucketsMessage()->text()));
    QVERIFY(createBucket(QStringLiteral("photos")));
    QTRY_VERIFY_WITH_TIMEOUT(bucketRow(QStringLiteral("photos")) >= 0, 10000);
    // A second create of an existing bucket is S3's own error.
    QVERIFY(!createBucket(QStringLiteral("photos")));
    QVERIFY2(page()->bucketsMessage()->text().contains(QStringLiteral("BucketAlreadyOwnedByYou")),
             qPrintable(page()->bucketsMessage()->text()));
}

void TestStoragePage::uploadBrowseFolderDownloadPresignAndDelete()
{
    const QByteArray catBytes = QByteArray("a cat, in text\n").repeated(300);
    const QString catPath = writeFile(QStringLiteral("cat notes.txt"), catBytes);
    const QString readmePath = writeFile(QStringLiteral("readme.md"), "# photos\n");
    QVERIFY(!catPath.isEmpty() && !readmePath.isEmpty());

    // Into the folder 2024/summer/ (a folder is a key prefix), then one at the top.
    page()->tabs()->setCurrentIndex(StoragePage::BrowserTab);
    QVERIFY(openAndWait(QStringLiteral("photos"), QStringLiteral("2024/summer/")));
    page()->setOpenFilePicker([catPath](QWidget *, const QString &, const QString &) { return catPath; });
    QSignalSpy done(page(), &StoragePage::actionFinished);
    page()->uploadFile();
    QVERIFY(!page()->transferProgress()->isHidden());
    QVERIFY(!page()->findChild<QPushButton *>(QStringLiteral("uploadButton"))->isEnabled());
    QVERIFY(done.wait(10000));
    QVERIFY2(done.first().first().toBool(), qPrintable(page()->browserMessage()->text()));
    QVERIFY(page()->transferProgress()->isHidden());
    QTRY_COMPARE_WITH_TIMEOUT(listedNames(), QStringList{QStringLiteral("cat notes.txt")}, 10000);

    QVERIFY(openAndWait(QStringLiteral("photos"), QString()));
    page()->setOpenFilePicker([readmePath](QWidget *, const QString &, const QString &) { return readmePath; });
    done.clear();
    page()->uploadFile();
    QVERIFY(done.wait(10000));
    QVERIFY(done.first().first().toBool());
    // The top shows the folder (rolled up at '/') before the file.
    QTRY_COMPARE_WITH_TIMEOUT(listedNames(), (QStringList{QStringLiteral("2024/"), QStringLiteral("readme.md")}), 10000);
    QVERIFY(page()->objectTable()->item(0, StoragePage::ObjectSize)->text().isEmpty());

    // The snapshot counts both objects in the bucket's row.
    QTRY_VERIFY_WITH_TIMEOUT(bucketRow(QStringLiteral("photos")) >= 0
                                 && page()->bucketTable()->item(bucketRow(QStringLiteral("photos")), StoragePage::BucketObjects)->text()
                                     == QStringLiteral("2"),
                             10000);

    // Into the folder, one level at a time, and back up.
    QVERIFY(selectListed(QStringLiteral("2024/")));
    QSignalSpy shown(page(), &StoragePage::listingShown);
    page()->openSelectedEntry();
    QVERIFY(shown.wait(10000));
    QCOMPARE(page()->currentPrefix(), QStringLiteral("2024/"));
    QCOMPARE(listedNames(), QStringList{QStringLiteral("summer/")});
    QVERIFY(selectListed(QStringLiteral("summer/")));
    page()->openSelectedEntry();
    QVERIFY(shown.wait(10000));
    QCOMPARE(listedNames(), QStringList{QStringLiteral("cat notes.txt")});
    screenshot(QStringLiteral("browser-folder"));

    // Selecting the object shows its metadata from a HEAD request.
    QVERIFY(selectListed(QStringLiteral("cat notes.txt")));
    QTRY_VERIFY2_WITH_TIMEOUT(page()->metadataView()->toPlainText().contains(QStringLiteral("content-type: text/plain")),
                              qPrintable(page()->metadataView()->toPlainText()), 10000);
    QVERIFY2(page()->metadataView()->toPlainText().contains(QLocale().toString(catBytes.size()) + QStringLiteral(" bytes")),
             qPrintable(page()->metadataView()->toPlainText()));
    QVERIFY(page()->metadataView()->toPlainText().contains(QStringLiteral("etag: ")));

    // Download to a chosen file: the same bytes.
    const QString savedPath = m_dir.filePath(QStringLiteral("saved.txt"));
    page()->setSaveFilePicker([savedPath](QWidget *, const QString &, const QString &) { return savedPath; });
    done.clear();
    page()->downloadSelected();
    QVERIFY(done.wait(10000));
    QVERIFY2(done.first().first().toBool(), qPrintable(page()->browserMessage()->text()));
    QFile saved(savedPath);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QCOMPARE(saved.readAll(), catBytes);

    // A presigned GET URL fetches the object without any other credentials.
    page()->presignSelected();
    const QString url = page()->presignedUrl()->toPlainText();
    QVERIFY2(url.contains(QStringLiteral("X-Amz-Signature=")) && url.contains(QStringLiteral("X-Amz-Expires=3600")), qPrintable(url));
    QVERIFY2(url.startsWith(QStringLiteral("http://127.0.0.1:%1/photos/2024/summer/cat%20notes.txt?").arg(m_port)), qPrintable(url));
    QNetworkAccessManager network;
    network.setProxy(QNetworkProxy::NoProxy);
    std::unique_ptr<QNetworkReply> reply(network.get(QNetworkRequest(QUrl::fromEncoded(url.toUtf8()))));
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10000);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(reply->readAll(), catBytes);
    screenshot(QStringLiteral("browser-object"));

    // Delete: the folder is empty afterwards, and S3 no longer has the object.
    done.clear();
    page()->deleteSelectedObject();
    QVERIFY(done.wait(10000));
    QVERIFY(done.first().first().toBool());
    QTRY_VERIFY_WITH_TIMEOUT(page()->objectTable()->rowCount() == 0, 10000);
    auto *empty = page()->findChild<QLabel *>(QStringLiteral("objectEmpty"));
    QVERIFY2(empty->text().contains(QStringLiteral("2024/summer/")), qPrintable(empty->text()));
    std::unique_ptr<QNetworkReply> again(network.get(QNetworkRequest(QUrl::fromEncoded(url.toUtf8()))));
    QTRY_VERIFY_WITH_TIMEOUT(again->isFinished(), 10000);
    QCOMPARE(again->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 404);
    QTRY_VERIFY_WITH_TIMEOUT(page()->bucketTable()->item(bucketRow(QStringLiteral("photos")), StoragePage::BucketObjects)->text()
                                 == QStringLiteral("1"),
                             10000);
}

void TestStoragePage::bucketsTableSortsBySize()
{
    // photos holds readme.md (9 bytes), homeport nothing; a third bucket gets a larger object.
    QVERIFY(createBucket(QStringLiteral("backups")));
    QVERIFY(openAndWait(QStringLiteral("backups"), QString()));
    const QString big = writeFile(QStringLiteral("dump.sql"), QByteArray(20000, 'x'));
    page()->setOpenFilePicker([big](QWidget *, const QString &, const QString &) { return big; });
    QSignalSpy done(page(), &StoragePage::actionFinished);
    page()->uploadFile();
    QVERIFY(done.wait(10000));
    QVERIFY(done.first().first().toBool());
    QTRY_VERIFY_WITH_TIMEOUT(bucketRow(QStringLiteral("backups")) >= 0
                                 && page()->bucketTable()->item(bucketRow(QStringLiteral("backups")), StoragePage::BucketObjects)->text()
                                     == QStringLiteral("1"),
                             10000);
    page()->bucketTable()->sortByColumn(StoragePage::BucketSize, Qt::DescendingOrder);
    QStringList order;
    for (int r = 0; r < page()->bucketTable()->rowCount(); ++r)
        order << page()->bucketTable()->item(r, StoragePage::BucketName)->text();
    QCOMPARE(order, (QStringList{QStringLiteral("backups"), QStringLiteral("photos"), QStringLiteral("homeport")}));
    page()->bucketTable()->sortByColumn(StoragePage::BucketName, Qt::AscendingOrder);
    QCOMPARE(page()->bucketTable()->item(0, StoragePage::BucketName)->text(), QStringLiteral("backups"));
    // The chart has points and the tile sums every bucket.
    QTRY_VERIFY_WITH_TIMEOUT(page()->usageChart()->pointCount() > 0, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(page()->statText(QStringLiteral("objects")) == QStringLiteral("2"), 10000);
    page()->tabs()->setCurrentIndex(StoragePage::BucketsTab);
    screenshot(QStringLiteral("buckets"));
}

void TestStoragePage::deleteBucketAsksAndShowsNotEmpty()
{
    QTRY_VERIFY(bucketRow(QStringLiteral("backups")) >= 0);
    page()->bucketTable()->selectRow(bucketRow(QStringLiteral("backups")));
    // Declined: nothing is sent.
    bool asked = false;
    page()->setConfirmFunction([&asked](QWidget *, const QString &, const QString &) {
        asked = true;
        return false;
    });
    QSignalSpy done(page(), &StoragePage::actionFinished);
    page()->deleteSelectedBucket();
    QVERIFY(asked);
    QVERIFY(!done.wait(300));
    // Accepted: S3 refuses a bucket with objects, and the page says why.
    page()->setConfirmFunction([](QWidget *, const QString &, const QString &) { return true; });
    page()->deleteSelectedBucket();
    QVERIFY(done.wait(10000));
    QVERIFY(!done.first().first().toBool());
    QVERIFY2(page()->bucketsMessage()->text().contains(QStringLiteral("BucketNotEmpty")), qPrintable(page()->bucketsMessage()->text()));
    // Empty buckets go.
    QTRY_VERIFY(bucketRow(QStringLiteral("homeport")) >= 0);
    page()->bucketTable()->selectRow(bucketRow(QStringLiteral("homeport")));
    done.clear();
    page()->deleteSelectedBucket();
    QVERIFY(done.wait(10000));
    QVERIFY2(done.first().first().toBool(), qPrintable(page()->bucketsMessage()->text()));
    QTRY_VERIFY_WITH_TIMEOUT(bucketRow(QStringLiteral("homeport")) < 0, 10000);
}

void TestStoragePage::connectSnippetsCarryTheRealEndpointAndKey()
{
    const QString endpoint = QStringLiteral("http://127.0.0.1:%1").arg(m_port);
    const QString js = page()->snippet(StoragePage::JavaScriptSnippet);
    QVERIFY2(js.contains(QStringLiteral("@aws-sdk/client-s3")) && js.contains(endpoint) && js.contains(QString::fromLatin1(m_accessKey))
                 && js.contains(QStringLiteral("forcePathStyle: true")),
             qPrintable(js));
    const QString py = page()->snippet(StoragePage::PythonSnippet);
    QVERIFY2(py.contains(QStringLiteral("boto3")) && py.contains(endpoint) && py.contains(QString::fromLatin1(m_accessKey)), qPrintable(py));
    const QString env = page()->snippet(StoragePage::LaravelSnippet);
    QVERIFY2(env.contains(QStringLiteral("AWS_ENDPOINT=") + endpoint) && env.contains(QStringLiteral("AWS_ACCESS_KEY_ID=") + QString::fromLatin1(m_accessKey))
                 && env.contains(QStringLiteral("AWS_USE_PATH_STYLE_ENDPOINT=true")),
             qPrintable(env));
    page()->tabs()->setCurrentIndex(StoragePage::ConnectTab);
    QTRY_VERIFY(page()->snippetCard()->text().contains(endpoint));
    screenshot(QStringLiteral("connect"));
}

void TestStoragePage::droppedFilesAreUploadedIntoTheFolder()
{
    page()->tabs()->setCurrentIndex(StoragePage::BrowserTab);
    QVERIFY(openAndWait(QStringLiteral("photos"), QStringLiteral("drops/")));
    const QString first = writeFile(QStringLiteral("one.txt"), "first\n");
    const QString second = writeFile(QStringLiteral("two.json"), "{\"n\": 2}\n");
    QVERIFY(!first.isEmpty() && !second.isEmpty());
    // A directory among the files is left out; the files go one after another.
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(first), QUrl::fromLocalFile(m_dir.path()), QUrl::fromLocalFile(second)});
    QWidget *target = page()->objectTable()->viewport();
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &enter);
    QVERIFY(enter.isAccepted());
    QSignalSpy done(page(), &StoragePage::actionFinished);
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &drop);
    QVERIFY(done.wait(10000));
    QVERIFY2(done.first().first().toBool(), qPrintable(page()->browserMessage()->text()));
    QCOMPARE(done.count(), 1); // one report for the whole drop
    QVERIFY2(page()->browserMessage()->text().contains(QStringLiteral("2 of 2")), qPrintable(page()->browserMessage()->text()));
    QTRY_COMPARE_WITH_TIMEOUT(listedNames(), (QStringList{QStringLiteral("one.txt"), QStringLiteral("two.json")}), 10000);
    // Text without file URLs is refused.
    QMimeData text;
    text.setText(QStringLiteral("not a file"));
    QDragEnterEvent refused(QPoint(10, 10), Qt::CopyAction, &text, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &refused);
    QVERIFY(!refused.isAccepted());
}

void TestStoragePage::longFoldersLoadPageByPage()
{
    // photos' top: the folder drops/ and readme.md; one entry per listing request.
    page()->setListPageSize(1);
    QVERIFY(openAndWait(QStringLiteral("photos"), QString()));
    QCOMPARE(listedNames(), QStringList{QStringLiteral("drops/")});
    QVERIFY(!page()->loadMoreButton()->isHidden());
    QSignalSpy shown(page(), &StoragePage::listingShown);
    page()->loadMoreEntries();
    QVERIFY(shown.wait(10000));
    QCOMPARE(listedNames(), (QStringList{QStringLiteral("drops/"), QStringLiteral("readme.md")}));
    QVERIFY(page()->loadMoreButton()->isHidden());
    page()->setListPageSize(StoragePage::kListMaxKeys);
    QVERIFY(openAndWait(QStringLiteral("photos"), QString()));
    QCOMPARE(listedNames().size(), 2);
    QVERIFY(page()->loadMoreButton()->isHidden());
}

void TestStoragePage::presignedPutUrlUploadsToANewKey()
{
    // A user picks PUT, types a key that does not exist yet and generates the URL; whoever gets it
    // uploads with plain HTTP, and the object shows in the browser.
    QVERIFY(createBucket(QStringLiteral("shared-uploads")));
    page()->tabs()->setCurrentIndex(StoragePage::BrowserTab);
    QVERIFY(openAndWait(QStringLiteral("shared-uploads"), QString()));
    QCOMPARE(page()->objectTable()->rowCount(), 0);
    auto *hint = page()->findChild<QLabel *>(QStringLiteral("presignHint"));
    QVERIFY(hint);
    QVERIFY2(hint->text().contains(QStringLiteral("download")), qPrintable(hint->text()));
    QVERIFY(!page()->presignButton()->isEnabled()); // no key yet
    QComboBox *method = page()->presignMethod();
    method->setFocus();
    QTest::keyClick(method, Qt::Key_Down);
    QCOMPARE(method->currentData().toString(), QStringLiteral("PUT"));
    QVERIFY2(hint->text().contains(QStringLiteral("upload")), qPrintable(hint->text()));
    page()->presignKey()->setFocus();
    QTest::keyClicks(page()->presignKey(), QStringLiteral("reports/q3 summary.txt"));
    QVERIFY(page()->presignButton()->isEnabled());
    QTest::mouseClick(page()->presignButton(), Qt::LeftButton);
    const QString url = page()->presignedUrl()->toPlainText();
    QVERIFY2(url.startsWith(QStringLiteral("http://127.0.0.1:%1/shared-uploads/reports/q3%20summary.txt?").arg(m_port)),
             qPrintable(url));
    QVERIFY2(url.contains(QStringLiteral("X-Amz-Signature=")), qPrintable(url));

    // The URL is one long word: it wraps in its box instead of pushing the page sideways.
    guitest::verifyEveryTabFits(page(), page()->tabs());
    page()->tabs()->setCurrentIndex(StoragePage::BrowserTab);
    QCOMPARE(page()->presignedUrl()->toPlainText(), url);

    // Copy puts it on the clipboard and says so.
    QTest::mouseClick(page()->copyUrlButton(), Qt::LeftButton);
    QCOMPARE(QApplication::clipboard()->text(), url);
    QCOMPARE(page()->copyUrlButton()->text(), QStringLiteral("Copied"));

    const QByteArray body = "Q3: all good\n";
    QNetworkAccessManager network;
    network.setProxy(QNetworkProxy::NoProxy);
    std::unique_ptr<QNetworkReply> put(network.put(QNetworkRequest(QUrl::fromEncoded(url.toUtf8())), body));
    QTRY_VERIFY_WITH_TIMEOUT(put->isFinished(), 10000);
    QCOMPARE(put->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QSignalSpy shown(page(), &StoragePage::listingShown);
    QTest::mouseClick(page()->findChild<QPushButton *>(QStringLiteral("refreshButton")), Qt::LeftButton);
    QVERIFY(shown.wait(10000));
    QCOMPARE(listedNames(), QStringList{QStringLiteral("reports/")});
    QVERIFY(openAndWait(QStringLiteral("shared-uploads"), QStringLiteral("reports/")));
    QCOMPARE(listedNames(), QStringList{QStringLiteral("q3 summary.txt")});
    QCOMPARE(page()->objectTable()->item(0, StoragePage::ObjectSize)->text(), QLocale().formattedDataSize(body.size(), 1, QLocale::DataSizeIecFormat));

    // Another method or key makes the URL shown stale: it goes.
    QVERIFY(selectListed(QStringLiteral("q3 summary.txt")));
    QCOMPARE(page()->presignKey()->text(), QStringLiteral("reports/q3 summary.txt"));
    QTest::mouseClick(page()->presignButton(), Qt::LeftButton);
    QVERIFY(!page()->presignedUrl()->toPlainText().isEmpty());
    QTest::keyClick(method, Qt::Key_Up);
    QCOMPARE(method->currentData().toString(), QStringLiteral("GET"));
    QVERIFY(page()->presignedUrl()->toPlainText().isEmpty());
    QVERIFY(!page()->copyUrlButton()->isEnabled());
}

void TestStoragePage::accessKeysAndBucketSettings()
{
    ui::StorageAccessTab *access = page()->accessTab();
    QVERIFY(createBucket(QStringLiteral("public-site")));
    QTRY_VERIFY_WITH_TIMEOUT(access->settingsBucketCombo()->findText(QStringLiteral("public-site")) >= 0, 10000);
    QSignalSpy keysShown(access, &ui::StorageAccessTab::keysShown);
    page()->tabs()->setCurrentIndex(StoragePage::AccessTab);
    QVERIFY(keysShown.wait(10000));
    QCOMPARE(access->keyTable()->rowCount(), 0); // the root key is not listed
    // No keys: a line says so and what to do, instead of an empty table.
    auto *noKeys = access->findChild<QLabel *>(QStringLiteral("noAccessKeys"));
    QVERIFY(noKeys);
    QVERIFY(noKeys->isVisible());
    QVERIFY(!access->keyTable()->isVisible());

    // Make a read-only key for one bucket: its secret is shown once.
    QSignalSpy done(access, &ui::StorageAccessTab::actionFinished);
    access->keyNameEdit()->setText(QStringLiteral("site reader"));
    access->keyBucketsEdit()->setText(QStringLiteral("public-site"));
    access->keyAccessCombo()->setCurrentIndex(access->keyAccessCombo()->findData(QStringLiteral("read-only")));
    keysShown.clear();
    access->createKey();
    QVERIFY(done.wait(10000));
    QVERIFY2(done.first().first().toBool(), qPrintable(access->keysMessage()->text()));
    QVERIFY(!access->newSecretView()->isHidden());
    const QStringList made = access->newSecretView()->text().split(QStringLiteral("  "));
    QCOMPARE(made.size(), 2);
    const QByteArray keyId = made[0].toLatin1(), secret = made[1].toLatin1();
    QCOMPARE(keyId.size(), 20);
    QCOMPARE(secret.size(), 40);
    QTRY_COMPARE_WITH_TIMEOUT(access->keyTable()->rowCount(), 1, 10000);
    QVERIFY(access->keyTable()->isVisible());
    QVERIFY(!noKeys->isVisible());
    QCOMPARE(access->keyTable()->item(0, ui::StorageAccessTab::KeyId)->text(), QString::fromLatin1(keyId));
    QCOMPARE(access->keyTable()->item(0, ui::StorageAccessTab::KeyBuckets)->text(), QStringLiteral("public-site"));
    QCOMPARE(access->keyTable()->item(0, ui::StorageAccessTab::KeyAccess)->text(), QStringLiteral("Read-only"));

    // The key signs real requests: it reads its bucket, and nothing else.
    QVERIFY(createBucket(QStringLiteral("private-site")));
    const QByteArray object = "/public-site/index.html";
    QCOMPARE(fetchStatus("PUT", presigned("PUT", object, m_accessKey, m_secretKey), "<h1>hi</h1>"), 200);
    QCOMPARE(fetchStatus("GET", presigned("GET", object, keyId, secret)), 200);
    QCOMPARE(fetchStatus("PUT", presigned("PUT", object, keyId, secret), "changed"), 403);
    QCOMPARE(fetchStatus("GET", presigned("GET", "/private-site", keyId, secret)), 403);

    // Public read on: plain unsigned HTTP fetches the object; off again: refused.
    QSignalSpy settingsShown(access, &ui::StorageAccessTab::settingsShown);
    access->settingsBucketCombo()->setCurrentText(QStringLiteral("public-site"));
    access->loadBucketSettings();
    QVERIFY(settingsShown.wait(10000));
    QVERIFY(!access->publicReadBox()->isChecked());
    QCOMPARE(fetchStatus("GET", object), 403);
    done.clear();
    access->publicReadBox()->setChecked(true);
    access->applyPublicRead();
    QVERIFY(done.wait(10000));
    QVERIFY2(done.first().first().toBool(), qPrintable(access->settingsMessage()->text()));
    QCOMPARE(fetchStatus("GET", object), 200);
    QCOMPARE(fetchStatus("GET", "/public-site?list-type=2"), 403); // reading objects is not listing them
    QCOMPARE(fetchStatus("PUT", object, "anonymous"), 403);

    // CORS rules: S3's own error for bad XML, then saved and read back.
    done.clear();
    access->corsEditor()->setPlainText(QStringLiteral("<CORSConfiguration><CORSRule>"));
    access->saveCors();
    QVERIFY(done.wait(10000));
    QVERIFY(!done.first().first().toBool());
    QVERIFY2(access->settingsMessage()->text().contains(QStringLiteral("MalformedXML")), qPrintable(access->settingsMessage()->text()));
    done.clear();
    access->corsEditor()->setPlainText(QStringLiteral(
        "<CORSConfiguration>\n  <CORSRule>\n    <AllowedOrigin>https://app.example</AllowedOrigin>\n"
        "    <AllowedMethod>GET</AllowedMethod>\n    <AllowedMethod>PUT</AllowedMethod>\n"
        "    <ExposeHeader>ETag</ExposeHeader>\n  </CORSRule>\n</CORSConfiguration>"));
    access->saveCors();
    QVERIFY(done.wait(10000));
    QVERIFY2(done.first().first().toBool(), qPrintable(access->settingsMessage()->text()));
    settingsShown.clear();
    access->loadBucketSettings();
    QVERIFY(settingsShown.wait(10000));
    QTRY_VERIFY_WITH_TIMEOUT(access->corsEditor()->toPlainText().contains(QStringLiteral("https://app.example")), 10000);
    QVERIFY(access->publicReadBox()->isChecked());
    screenshot(QStringLiteral("access"));
    // The secret's line says which value is which; Copy takes both and says so.
    QVERIFY(access->newSecretView()->isVisible());
    QTest::mouseClick(access->copySecretButton(), Qt::LeftButton);
    QCOMPARE(QApplication::clipboard()->text(), access->newSecretView()->text());
    QCOMPARE(access->copySecretButton()->text(), QStringLiteral("Copied"));

    done.clear();
    access->publicReadBox()->setChecked(false);
    access->applyPublicRead();
    QVERIFY(done.wait(10000));
    QCOMPARE(fetchStatus("GET", object), 403);

    // Revoke: the key is refused from then on.
    done.clear();
    keysShown.clear();
    access->keyTable()->selectRow(0);
    access->revokeSelectedKey();
    QVERIFY(done.wait(10000));
    QVERIFY(done.first().first().toBool());
    QTRY_COMPARE_WITH_TIMEOUT(access->keyTable()->rowCount(), 0, 10000);
    QVERIFY(noKeys->isVisible());
    QCOMPARE(fetchStatus("GET", presigned("GET", object, keyId, secret)), 403);

    // A bucket list with nothing in it is refused before anything is sent.
    access->keyBucketsEdit()->clear();
    access->createKey();
    QVERIFY(access->keysMessage()->text().contains(QStringLiteral("bucket")));
}

void TestStoragePage::accessKeysSortByCreationTime()
{
    // Keys made over several months, as the service keeps them (in the order they were written,
    // not by date). Shown as local dates, text order would put January 2026 before November 2025.
    struct Made { const char *name; QDate date; };
    const QList<Made> made = {{"mobile app", QDate(2026, 1, 20)}, {"backup job", QDate(2025, 11, 2)},
                              {"ci deploy", QDate(2026, 3, 10)}, {"site reader", QDate(2026, 2, 5)}};
    m_host->stop(QStringLiteral("storage"));
    QTRY_VERIFY_WITH_TIMEOUT(m_host->status(QStringLiteral("storage")).state == core::ServiceState::Stopped, 10000);
    QJsonArray keys;
    int n = 0;
    for (const Made &m : made) {
        ++n;
        keys.append(QJsonObject{
            {QStringLiteral("access_key"), QStringLiteral("HPTESTKEY%10000000000").arg(n)},
            {QStringLiteral("secret_key"), QString(40, QLatin1Char('a' + n))},
            {QStringLiteral("name"), QString::fromLatin1(m.name)},
            {QStringLiteral("buckets"), QJsonArray{QStringLiteral("photos")}},
            {QStringLiteral("access"), QStringLiteral("read-only")},
            {QStringLiteral("created_ms"), double(QDateTime(m.date, QTime(12, 0), Qt::UTC).toMSecsSinceEpoch())},
        });
    }
    QFile file(m_dir.filePath(QStringLiteral("storage/access_keys.json")));
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QVERIFY(file.write(QJsonDocument(QJsonObject{{QStringLiteral("keys"), keys}}).toJson()) > 0);
    file.close();
    ui::StorageAccessTab *access = page()->accessTab();
    QSignalSpy keysShown(access, &ui::StorageAccessTab::keysShown);
    // Read while the service is down: the tab says why there is no list...
    access->reloadKeys();
    QVERIFY(keysShown.wait(10000));
    QVERIFY2(access->keysMessage()->text().contains(QStringLiteral("not running")), qPrintable(access->keysMessage()->text()));
    m_host->start(QStringLiteral("storage"));
    m_port = guitest::waitForPort(m_host.get(), QStringLiteral("storage"));
    QVERIFY(m_port != 0);
    page()->setStatus(m_host->status(QStringLiteral("storage")));

    page()->tabs()->setCurrentIndex(StoragePage::AccessTab);
    keysShown.clear();
    access->reloadKeys();
    QVERIFY(keysShown.wait(10000));
    // ...and once the list loads, that is gone instead of standing under the list.
    QCOMPARE(access->keysMessage()->text(), QString());
    QTableWidget *table = access->keyTable();
    QCOMPARE(table->rowCount(), 4);
    const auto names = [table] {
        QStringList out;
        for (int r = 0; r < table->rowCount(); ++r)
            out << table->item(r, ui::StorageAccessTab::KeyName)->text();
        return out;
    };
    const QStringList oldestFirst = {QStringLiteral("backup job"), QStringLiteral("mobile app"), QStringLiteral("site reader"),
                                     QStringLiteral("ci deploy")};
    // Oldest first until the user picks another order.
    QCOMPARE(names(), oldestFirst);

    // A click on Created turns it round, another click back, whatever the locale writes dates like.
    QHeaderView *header = table->horizontalHeader();
    const auto clickCreated = [header] {
        const int section = ui::StorageAccessTab::KeyCreated;
        const QPoint at(header->sectionViewportPosition(section) + header->sectionSize(section) / 2, header->height() / 2);
        QTest::mouseClick(header->viewport(), Qt::LeftButton, Qt::NoModifier, at);
    };
    QStringList newestFirst = oldestFirst;
    std::reverse(newestFirst.begin(), newestFirst.end());
    clickCreated();
    QCOMPARE(names(), newestFirst);
    clickCreated();
    QCOMPARE(names(), oldestFirst);
    // A name click sorts by name; Created again is by time, not by its text.
    QTest::mouseClick(header->viewport(), Qt::LeftButton, Qt::NoModifier,
                      QPoint(header->sectionViewportPosition(ui::StorageAccessTab::KeyName) + 5, header->height() / 2));
    QCOMPARE(table->item(0, ui::StorageAccessTab::KeyName)->text(), QStringLiteral("backup job"));
    clickCreated();
    QCOMPARE(names(), header->sortIndicatorOrder() == Qt::AscendingOrder ? oldestFirst : newestFirst);
}

void TestStoragePage::everyTabFitsTheWindow()
{
    guitest::verifyEveryTabFits(page(), page()->tabs());
}

// The banner shows and goes with the status the page is given, not a second later at its next
// refresh: in between, right after a restart, it made the page taller than the window.
void TestStoragePage::bannerFollowsTheServiceStateAtOnce()
{
    auto *banner = page()->findChild<QLabel *>(QStringLiteral("storageBanner"));
    QVERIFY(banner);
    const core::ServiceStatus running = m_host->status(QStringLiteral("storage"));
    QVERIFY(running.state == core::ServiceState::Running);
    page()->setStatus(running);
    QVERIFY(banner->isHidden());
    core::ServiceStatus starting = running;
    starting.state = core::ServiceState::Starting;
    page()->setStatus(starting); // no event is processed in between
    QVERIFY(!banner->isHidden());
    QVERIFY2(banner->text().contains(QStringLiteral("Storage is")), qPrintable(banner->text()));
    page()->setStatus(running);
    QVERIFY(banner->isHidden());
}

void TestStoragePage::stoppedServiceIsShownAndAnswered()
{
    m_host->stop(QStringLiteral("storage"));
    QTRY_VERIFY_WITH_TIMEOUT(m_host->status(QStringLiteral("storage")).state == core::ServiceState::Stopped, 10000);
    page()->setStatus(m_host->status(QStringLiteral("storage")));
    page()->refresh();
    auto *banner = page()->findChild<QLabel *>(QStringLiteral("storageBanner"));
    QVERIFY(banner);
    QVERIFY(!banner->isHidden());
    QVERIFY2(banner->text().contains(QStringLiteral("Storage is")), qPrintable(banner->text()));
    // A listing asked for now is answered at once with why, not left waiting.
    QVERIFY(openAndWait(QStringLiteral("photos"), QString()));
    auto *empty = page()->findChild<QLabel *>(QStringLiteral("objectEmpty"));
    QVERIFY2(empty->text().contains(QStringLiteral("not running")), qPrintable(empty->text()));
}

QTEST_MAIN(TestStoragePage)
#include "tst_storage_page.moc"
