#pragma once
// StoragePage: the storage service's page: the generic service header and state, plus the
// dashboard of issue 7 in tabs: Buckets (stat tiles, storage used over time, a sortable table of
// buckets with their objects and sizes, create and delete), Browser (objects of a bucket with
// folders rolled up at '/', upload from a file picker or by dropping files and download, both
// streamed by the service with a progress bar and Cancel, delete, the object's metadata
// and presigned GET or PUT URLs), Access (StorageAccessTab: scoped access keys and bucket settings —
// public read and CORS rules) and Connect (snippets with the real endpoint and key).
// Thread affinity: the GUI thread. Reads StorageMonitor snapshots (on snapshotPublished,
// coalesced); listings and changes are real S3 requests through StorageMonitor::request(),
// answered by id, so every view shows what the API answers, errors included. Only the answer to
// the latest request of each kind is shown. It never calls into the service.

#include "dashboard_widgets.h"
#include "service_page.h"
#include "storage/storage_monitor.h"

#include <QHash>

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QStackedWidget;
class QTabWidget;
class QTableWidget;
class QTimer;

namespace homeport::ui {

class SnippetCard;
class Sparkline;
class StorageAccessTab;

class StoragePage : public ServicePage
{
    Q_OBJECT
public:
    enum Tab { BucketsTab, BrowserTab, AccessTab, ConnectTab };
    enum BucketColumn { BucketName, BucketObjects, BucketSize, BucketCreated };
    enum ObjectColumn { ObjectName, ObjectSize, ObjectModified };
    enum SnippetFormat { JavaScriptSnippet, PythonSnippet, LaravelSnippet };
    static constexpr int kSnapshotDelayMs = 150;
    static constexpr int kListMaxKeys = 1000;

    // Asks for a file name (open or save); tests replace it.
    using FilePicker = std::function<QString(QWidget *parent, const QString &title, const QString &suggested)>;

    StoragePage(const core::ServiceInfo &info, const ConsoleContext &context, ServiceCommands *commands,
                QWidget *parent = nullptr);
    ~StoragePage() override;

    storage::StorageMonitor *monitor() const { return m_monitor; }
    QTabWidget *tabs() const { return m_tabs; }
    void setConfirmFunction(ConfirmFunction confirm);
    void setOpenFilePicker(FilePicker picker) { m_openPicker = std::move(picker); }
    void setSaveFilePicker(FilePicker picker) { m_savePicker = std::move(picker); }
    // Asks for a new bucket's name; tests replace it.
    void setNamePrompt(std::function<QString(QWidget *parent)> prompt) { m_namePrompt = std::move(prompt); }

    QString statText(const QString &name) const;
    QTableWidget *bucketTable() const { return m_bucketTable; }
    QTableWidget *objectTable() const { return m_objectTable; }
    QString currentBucket() const { return m_bucket; }
    QString currentPrefix() const { return m_prefix; }
    QLabel *browserMessage() const { return m_browserMessage; }
    QLabel *bucketsMessage() const { return m_bucketsMessage; }
    // The running upload's or download's bytes of its file, with its Cancel button beside it.
    QProgressBar *transferProgress() const { return m_transferBar; }
    QPushButton *cancelTransferButton() const { return m_cancelTransfer; }
    QPlainTextEdit *metadataView() const { return m_metadata; }
    // The presigned URL generator: GET (download) or PUT (upload), for the key in its box (the
    // selected object's, or a new key to upload to), its URL wrapped in a read-only box.
    QComboBox *presignMethod() const { return m_presignMethod; }
    QLineEdit *presignKey() const { return m_presignKey; }
    QPushButton *presignButton() const { return m_presign; }
    QPushButton *copyUrlButton() const { return m_copyUrl; }
    QPlainTextEdit *presignedUrl() const { return m_presignedUrl; }
    Sparkline *usageChart() const { return m_usageChart; }
    SnippetCard *snippetCard() const { return m_snippetCard; }
    StorageAccessTab *accessTab() const { return m_accessTab; }
    QString snippet(SnippetFormat format) const;

    // The actions behind the buttons (tests drive them too).
    void newBucket();
    void deleteSelectedBucket();
    void openBucket(const QString &bucket, const QString &prefix = QString());
    void openSelectedEntry();   // a folder: into it; an object: its metadata
    void goUp();
    void uploadFile();
    // Uploads the files one after another into the current folder (the picker and drops).
    void uploadFiles(const QStringList &paths);
    // Saves the selected object to a file the save picker names; the service streams it there.
    void downloadSelected();
    // Stops the upload or download running; files still waiting to upload are dropped.
    void cancelTransfer();
    // Uploads of files larger than `above` bytes go as multipart uploads in parts of `partBytes`
    // (0: the service picks); by default only files past S3's single-PUT limit. Tests lower it.
    void setMultipartPolicy(qint64 above, qint64 partBytes)
    {
        m_multipartAbove = above;
        m_partBytes = partBytes;
    }
    void deleteSelectedObject();
    // Presigns the key in the key box with the chosen method and expiry.
    void presignSelected();
    void reloadListing();
    // The next page of a folder with more entries than one listing returns.
    void loadMoreEntries();
    // Entries per listing request (S3's max-keys); tests make it small.
    void setListPageSize(int keys) { m_listPageSize = keys; }
    QPushButton *loadMoreButton() const { return m_loadMore; }

Q_SIGNALS:
    // After the browser shows a listing, or its error.
    void listingShown();
    // After an upload, download, delete or bucket change finished (ok or not).
    void actionFinished(bool ok);

protected:
    void refreshDashboard() override;
    void statusChanged() override;
    // Files dropped on the object list are uploaded into the folder shown.
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QWidget *buildBucketsTab();
    QWidget *buildBrowserTab();
    QWidget *buildConnectTab();
    void applySnapshot();
    void updateSnippet();
    void updateBrowserButtons();
    QString selectedBucketName() const;
    // The selected row of the object table: its full key and whether it is a folder.
    QString selectedKey(bool *isFolder = nullptr) const;
    quint64 send(const storage::StorageRequest &request, const QString &kind);
    void onFinished(quint64 id, const storage::StorageAnswer &answer);
    void showListing(const storage::StorageAnswer &answer, bool append);
    void showMetadata(const QString &key, const storage::StorageAnswer &answer);
    void startUploadBatch(); // the queue's files, counted afresh
    void startNextUpload();
    // Ends a batch of uploads: its summary (more than one file), the listing, actionFinished().
    void endUploadBatch(bool summarise);
    // The one upload or download the progress bar follows.
    void beginTransfer(quint64 id);
    // True when the user cancelled it.
    bool endTransfer(quint64 id);
    void showTransferProgress(quint64 id, qint64 done, qint64 total);
    void setTransferShown(bool shown);
    void updatePresignHint();

    storage::StorageMonitor *m_monitor;
    ConfirmFunction m_confirm;
    FilePicker m_openPicker;
    FilePicker m_savePicker;
    std::function<QString(QWidget *)> m_namePrompt;
    QTimer *m_snapshotTimer;
    storage::StorageSnapshot m_snapshot;
    QHash<quint64, QString> m_pending;  // request id -> kind
    QHash<QString, quint64> m_latest;   // kind -> the latest request's id
    QHash<quint64, QString> m_pendingPath; // download and metadata requests: key or file
    // A local file still to upload, with the folder it was dropped or picked in: the user may
    // browse elsewhere while the files before it go.
    struct QueuedUpload {
        QString path;
        QString bucket;
        QString prefix;
    };
    QList<QueuedUpload> m_uploadQueue;  // in order
    int m_uploadsDone = 0;
    int m_uploadsFailed = 0;
    int m_uploadsSkipped = 0; // waiting when the user cancelled the upload before them
    quint64 m_transferId = 0;           // the upload or download running; 0: none
    bool m_transferCancelled = false;
    qint64 m_multipartAbove = 0;        // 0: the service's default
    qint64 m_partBytes = 0;

    QLabel *m_banner = nullptr;
    QTabWidget *m_tabs = nullptr;
    QHash<QString, QLabel *> m_stats;
    Sparkline *m_usageChart = nullptr;
    QLabel *m_usageNow = nullptr;
    QStackedWidget *m_bucketStack = nullptr;
    QTableWidget *m_bucketTable = nullptr;
    QLabel *m_bucketsMessage = nullptr;
    QPushButton *m_deleteBucket = nullptr;
    QPushButton *m_browseBucket = nullptr;

    QString m_bucket;
    QString m_prefix;
    QString m_continuation; // S3's NextContinuationToken of the listing shown; empty: complete
    int m_listPageSize = kListMaxKeys;
    QPushButton *m_loadMore = nullptr;
    QComboBox *m_bucketCombo = nullptr;
    QLabel *m_path = nullptr;
    QPushButton *m_up = nullptr;
    QPushButton *m_upload = nullptr;
    QPushButton *m_download = nullptr;
    QPushButton *m_deleteObject = nullptr;
    QPushButton *m_presign = nullptr;
    QSpinBox *m_expiry = nullptr;
    QComboBox *m_presignMethod = nullptr;
    QLineEdit *m_presignKey = nullptr;
    QLabel *m_presignHint = nullptr;
    QStackedWidget *m_objectStack = nullptr;
    QLabel *m_objectEmpty = nullptr;
    QTableWidget *m_objectTable = nullptr;
    QWidget *m_transferRow = nullptr;
    QProgressBar *m_transferBar = nullptr;
    QPushButton *m_cancelTransfer = nullptr;
    QLabel *m_browserMessage = nullptr;
    QPlainTextEdit *m_metadata = nullptr;
    QPlainTextEdit *m_presignedUrl = nullptr;
    QPushButton *m_copyUrl = nullptr;
    SnippetCard *m_snippetCard = nullptr;
    StorageAccessTab *m_accessTab = nullptr;
};

} // namespace homeport::ui
