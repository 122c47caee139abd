#include "storage_page.h"

#include "dashboard_widgets.h"
#include "empty_state.h"
#include "snippet_card.h"
#include "sparkline.h"
#include "storage_access_tab.h"
#include "theme.h"
#include "theme_follower.h"

#include "storage/sigv4.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMimeData>
#include <QMimeDatabase>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QStyle>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTextDocument>
#include <QTableWidget>
#include <QTimer>
#include <QUrl>
#include <QVBoxLayout>
#include <QXmlStreamReader>

#include <algorithm>

namespace homeport::ui {

namespace {

constexpr int kTabsMinimumHeight = 560;
const QString kTabPage = QStringLiteral("storageTabPage");
// Item data: the value a column sorts by, and the entry's full key and kind.
constexpr int kSortRole = Qt::UserRole + 1;
constexpr int kKeyRole = Qt::UserRole + 2;
constexpr int kFolderRole = Qt::UserRole + 3;

const QString kList = QStringLiteral("list");
const QString kListMore = QStringLiteral("listMore");
const QString kHead = QStringLiteral("head");
const QString kUpload = QStringLiteral("upload");
const QString kDownload = QStringLiteral("download");
const QString kDeleteObject = QStringLiteral("deleteObject");
const QString kBucket = QStringLiteral("bucket");

// Sorts by kSortRole, so sizes and dates sort as numbers while they show as text.
class SortItem : public QTableWidgetItem
{
public:
    SortItem(const QString &text, const QVariant &sortValue) : QTableWidgetItem(text) { setData(kSortRole, sortValue); }
    bool operator<(const QTableWidgetItem &other) const override
    {
        const QVariant a = data(kSortRole);
        const QVariant b = other.data(kSortRole);
        if (a.typeId() == QMetaType::QString || b.typeId() == QMetaType::QString)
            return a.toString().compare(b.toString(), Qt::CaseInsensitive) < 0;
        return a.toLongLong() < b.toLongLong();
    }
};

QString sizeText(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

QString timeText(qint64 ms)
{
    return ms <= 0 ? QString() : QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms), QLocale::ShortFormat);
}

QString askBucketName(QWidget *parent)
{
    return QInputDialog::getText(parent, StoragePage::tr("New bucket"),
                                 StoragePage::tr("Bucket name (3-63 lower-case letters, digits, '-' or '.'):"));
}

} // namespace

StoragePage::StoragePage(const core::ServiceInfo &info, const ConsoleContext &context, ServiceCommands *commands,
                         QWidget *parent)
    : ServicePage(info, context, commands, parent)
    , m_monitor(context.storage)
    , m_confirm(confirmWithMessageBox)
    , m_openPicker([](QWidget *p, const QString &title, const QString &) { return QFileDialog::getOpenFileName(p, title); })
    , m_savePicker([](QWidget *p, const QString &title, const QString &suggested) {
        return QFileDialog::getSaveFileName(p, title, suggested);
    })
    , m_namePrompt(askBucketName)
    , m_snapshotTimer(new QTimer(this))
{
    auto *dashboard = new QWidget;
    dashboard->setObjectName(QStringLiteral("storageDashboard"));
    m_banner = makeDashboardBanner(dashboard, QStringLiteral("storageBanner"));
    m_tabs = makeDashboardTabs(dashboard, QStringLiteral("storageTabs"), kTabsMinimumHeight);
    m_tabs->addTab(buildBucketsTab(), tr("Buckets"));
    m_tabs->addTab(buildBrowserTab(), tr("Browser"));
    m_accessTab = new StorageAccessTab(m_monitor, m_tabs);
    m_accessTab->setObjectName(kTabPage);
    m_tabs->addTab(m_accessTab, tr("Access"));
    m_tabs->addTab(buildConnectTab(), tr("Connect"));
    setThemedStyleSheet(dashboard, [] { return tabPageStyleSheet(kTabPage); });
    layOutDashboard(dashboard, m_banner, m_tabs);
    setDashboard(dashboard);
    setTrafficPanelVisible(false); // the Buckets tab has the storage chart

    m_snapshotTimer->setSingleShot(true);
    m_snapshotTimer->setInterval(kSnapshotDelayMs);
    connect(m_snapshotTimer, &QTimer::timeout, this, &StoragePage::applySnapshot);
    if (m_monitor) {
        connect(m_monitor, &storage::StorageMonitor::snapshotPublished, this, [this] {
            if (!m_snapshotTimer->isActive())
                m_snapshotTimer->start();
        });
        connect(m_monitor, &storage::StorageMonitor::requestFinished, this, &StoragePage::onFinished);
        connect(m_monitor, &storage::StorageMonitor::uploadProgress, this, &StoragePage::showTransferProgress);
        connect(m_monitor, &storage::StorageMonitor::downloadProgress, this, &StoragePage::showTransferProgress);
    }
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int tab) {
        if (tab == BrowserTab && !m_bucket.isEmpty() && m_objectTable->rowCount() == 0)
            reloadListing();
        if (tab == AccessTab) {
            m_accessTab->reloadKeys();
            m_accessTab->loadBucketSettings();
        }
    });
    applySnapshot();
}

StoragePage::~StoragePage() = default;

void StoragePage::setConfirmFunction(ConfirmFunction confirm)
{
    m_confirm = confirm;
    m_accessTab->setConfirmFunction(std::move(confirm));
}

// ---------------------------------------------------------------------------------------------
// Requests

quint64 StoragePage::send(const storage::StorageRequest &request, const QString &kind)
{
    if (!m_monitor)
        return 0;
    const quint64 id = m_monitor->request(request);
    m_pending.insert(id, kind);
    m_latest.insert(kind, id);
    return id;
}

void StoragePage::onFinished(quint64 id, const storage::StorageAnswer &answer)
{
    const auto it = m_pending.constFind(id);
    if (it == m_pending.constEnd())
        return;
    const QString kind = *it;
    m_pending.erase(it);
    const QString path = m_pendingPath.take(id);
    if (m_latest.value(kind) != id && kind != kBucket && kind != kDeleteObject)
        return; // a newer request of this kind is out; its answer is the one to show

    if (kind == kList || kind == kListMore) {
        showListing(answer, kind == kListMore);
    } else if (kind == kHead) {
        showMetadata(path, answer);
    } else if (kind == kUpload) {
        // An answer that came before the Cancel could stop it is what happened.
        const bool cancelled = endTransfer(id) && !answer.ok();
        answer.ok() ? ++m_uploadsDone : ++m_uploadsFailed;
        if (cancelled && m_uploadsSkipped > 0) {
            // Cancel stops the upload the bar shows and the files waiting behind it.
            showStatusMessage(m_browserMessage,
                              tr("Upload of %1 cancelled, and %n file(s) waiting behind it not uploaded.", nullptr, m_uploadsSkipped)
                                  .arg(path),
                              true);
            m_uploadsSkipped = 0;
            if (m_uploadsDone > 0)
                reloadListing();
            Q_EMIT actionFinished(false);
            if (!m_uploadQueue.isEmpty()) // dropped after the Cancel: a new batch
                startUploadBatch();
            return;
        }
        showStatusMessage(m_browserMessage,
                   answer.ok()   ? tr("Uploaded %1.").arg(path)
                   : cancelled ? tr("Upload of %1 cancelled.").arg(path)
                                : tr("Upload of %1 failed: %2").arg(path, answer.message()),
                   !answer.ok());
        if (!m_uploadQueue.isEmpty())
            startNextUpload();
        else
            endUploadBatch(!cancelled);
    } else if (kind == kDownload) {
        const bool cancelled = endTransfer(id);
        const bool ok = answer.ok();
        showStatusMessage(m_browserMessage,
                   ok          ? tr("Saved %1 (%2).").arg(QDir::toNativeSeparators(path), sizeText(answer.bytesSaved))
                   : cancelled ? tr("Download of %1 cancelled.").arg(QDir::toNativeSeparators(path))
                               : tr("Download failed: %1").arg(answer.message()),
                   !ok);
        if (answer.status == 404) { // the object went meanwhile: the page should not offer it any more
            m_metadata->clear();
            m_presignKey->setText(m_prefix);
            reloadListing();
        }
        // Files dropped meanwhile waited for the download.
        if (!m_uploadQueue.isEmpty())
            startUploadBatch();
        Q_EMIT actionFinished(ok);
    } else if (kind == kDeleteObject) {
        showStatusMessage(m_browserMessage, answer.ok() ? tr("Deleted %1.").arg(path) : tr("Delete failed: %1").arg(answer.message()),
                   !answer.ok());
        if (answer.ok()) {
            m_metadata->clear();
            m_presignKey->setText(m_prefix);
            reloadListing();
        }
        Q_EMIT actionFinished(answer.ok());
    } else if (kind == kBucket) {
        showStatusMessage(m_bucketsMessage, answer.ok() ? path : tr("%1 failed: %2").arg(path, answer.message()), !answer.ok());
        Q_EMIT actionFinished(answer.ok());
    }
}

// ---------------------------------------------------------------------------------------------
// Buckets tab

QWidget *StoragePage::buildBucketsTab()
{
    auto *page = new QWidget(m_tabs);
    QHBoxLayout *tiles = makeStatTiles(
        {
            {QStringLiteral("buckets"), tr("Buckets")},
            {QStringLiteral("objects"), tr("Objects")},
            {QStringLiteral("used"), tr("Storage used")},
        },
        &m_stats);
    m_stats.value(QStringLiteral("used"))->setToolTip(tr("The bytes of every object's current version; "
                                                         "parts of unfinished multipart uploads are not counted."));

    QVBoxLayout *chartLayout = nullptr;
    QFrame *chartCard = makeCard(page, &chartLayout);
    auto *head = new QHBoxLayout;
    QLabel *usageTitle = makeSectionTitle(tr("Storage used, %1").arg(ChartRangeBox::rangeText(ChartRange::FiveMinutes)), chartCard);
    head->addWidget(usageTitle);
    head->addStretch();
    m_usageNow = new QLabel(chartCard);
    m_usageNow->setObjectName(QStringLiteral("usageNow"));
    setMutedText(m_usageNow);
    head->addWidget(m_usageNow);
    auto *usageRange = new ChartRangeBox(chartCard);
    head->addWidget(usageRange);
    m_usageChart = new Sparkline(storage::StorageMonitor::kUsageSeconds, Sparkline::Style::WithAxes, chartCard);
    m_usageChart->setObjectName(QStringLiteral("usageChart"));
    m_usageChart->setRange(ChartRange::FiveMinutes);
    connect(usageRange, &ChartRangeBox::rangeChanged, this, [this, usageTitle](ChartRange range) {
        usageTitle->setText(tr("Storage used, %1").arg(ChartRangeBox::rangeText(range)));
        m_usageChart->setRange(range);
        applySnapshot();
    });
    m_usageChart->setMinimumHeight(130);
    chartLayout->addLayout(head);
    chartLayout->addWidget(m_usageChart, 1);

    const RecordTools tools = makeRecordTools(tr("New bucket…"), QStringLiteral("Bucket"), page);
    tools.newButton->setEnabled(m_monitor != nullptr);
    tools.editButton->setText(tr("Browse"));
    m_browseBucket = tools.editButton;
    m_deleteBucket = tools.deleteButton;
    m_bucketsMessage = tools.message;
    connect(tools.newButton, &QPushButton::clicked, this, &StoragePage::newBucket);
    connect(m_deleteBucket, &QPushButton::clicked, this, &StoragePage::deleteSelectedBucket);
    connect(m_browseBucket, &QPushButton::clicked, this, [this] {
        const QString name = selectedBucketName();
        if (name.isEmpty())
            return;
        openBucket(name);
        m_tabs->setCurrentIndex(BrowserTab);
    });

    m_bucketTable = makeItemTable({tr("Bucket"), tr("Objects"), tr("Size"), tr("Created")}, QStringLiteral("bucketTable"), 0, page);
    m_bucketTable->sortByColumn(BucketName, Qt::AscendingOrder);
    connect(m_bucketTable, &QTableWidget::itemSelectionChanged, this, [this] {
        const bool selected = !selectedBucketName().isEmpty();
        m_deleteBucket->setEnabled(selected);
        m_browseBucket->setEnabled(selected);
    });
    connect(m_bucketTable, &QTableWidget::cellDoubleClicked, this, [this] {
        const QString name = selectedBucketName();
        if (!name.isEmpty()) {
            openBucket(name);
            m_tabs->setCurrentIndex(BrowserTab);
        }
    });
    auto *empty = new EmptyState(tr("No buckets yet"),
                                 tr("Buckets hold your objects. Create one here, or with any S3 client "
                                    "(aws s3 mb s3://photos --endpoint-url ...)."),
                                 page);
    connect(empty->addAction(tr("New bucket…")), &QPushButton::clicked, this, &StoragePage::newBucket);
    m_bucketStack = makeEmptyStateStack(empty, m_bucketTable, page);
    m_deleteBucket->setEnabled(false);
    m_browseBucket->setEnabled(false);

    auto *layout = new QVBoxLayout;
    layout->setSpacing(12);
    layout->addLayout(tiles);
    layout->addWidget(chartCard);
    layout->addLayout(tools.layout);
    layout->addWidget(m_bucketStack, 1);
    return finishTabPage(page, layout, kTabPage);
}

QString StoragePage::statText(const QString &name) const
{
    const QLabel *label = m_stats.value(name);
    return label ? label->text() : QString();
}

QString StoragePage::selectedBucketName() const
{
    const QList<QTableWidgetItem *> items = m_bucketTable->selectedItems();
    for (QTableWidgetItem *item : items) {
        if (item->column() == BucketName)
            return item->data(kKeyRole).toString();
    }
    return {};
}

void StoragePage::newBucket()
{
    const QString name = m_namePrompt ? m_namePrompt(this).trimmed() : QString();
    if (name.isEmpty())
        return;
    storage::StorageRequest request;
    request.method = "PUT";
    request.bucket = name;
    const quint64 id = send(request, kBucket);
    m_pendingPath.insert(id, tr("Created bucket %1.").arg(name));
    showStatusMessage(m_bucketsMessage, tr("Creating %1…").arg(name), false);
}

void StoragePage::deleteSelectedBucket()
{
    const QString name = selectedBucketName();
    if (name.isEmpty())
        return;
    if (!m_confirm(this, tr("Delete bucket"),
                   tr("Delete the bucket %1? S3 deletes only empty buckets.").arg(name)))
        return;
    storage::StorageRequest request;
    request.method = "DELETE";
    request.bucket = name;
    const quint64 id = send(request, kBucket);
    m_pendingPath.insert(id, tr("Deleted bucket %1.").arg(name));
}

void StoragePage::applySnapshot()
{
    if (m_monitor)
        m_snapshot = m_monitor->snapshot();
    const QLocale locale;
    qint64 objects = 0;
    qint64 bytes = 0;
    for (const storage::BucketUsage &b : std::as_const(m_snapshot.buckets)) {
        objects += b.objects;
        bytes += b.bytes;
    }
    m_stats.value(QStringLiteral("buckets"))->setText(locale.toString(m_snapshot.buckets.size()));
    m_stats.value(QStringLiteral("objects"))->setText(locale.toString(objects));
    m_stats.value(QStringLiteral("used"))->setText(sizeText(bytes));

    // The chart in the unit of its largest value, so the axis reads like the tiles. The 5-minute
    // range draws seconds, the others the service's minutes (each at its last sample).
    const ChartSpan span = chartSpan(m_usageChart->range());
    const QVector<storage::UsagePoint> &history = span.stepSeconds == 1 ? m_snapshot.usage : m_snapshot.usageMinutes;
    const QVector<storage::UsagePoint> shown = history.mid(std::max<qsizetype>(0, history.size() - span.points));
    qint64 peak = 0;
    for (const storage::UsagePoint &p : shown)
        peak = std::max(peak, p.bytes);
    static const QStringList units{tr("bytes"), tr("KiB"), tr("MiB"), tr("GiB"), tr("TiB")};
    int unit = 0;
    double scale = 1;
    while (unit + 1 < units.size() && double(peak) / scale >= 1024) {
        scale *= 1024;
        ++unit;
    }
    QVector<double> values;
    values.reserve(shown.size());
    for (const storage::UsagePoint &p : shown)
        values << double(p.bytes) / scale;
    m_usageChart->setValueTitle(tr("%1 stored").arg(units.at(unit)));
    m_usageChart->setValues(values);
    m_usageNow->setText(m_snapshot.usage.isEmpty() ? QString() : tr("now %1").arg(sizeText(m_snapshot.usage.last().bytes)));

    // The table is rebuilt only when a value changed, so a selection or scroll survives.
    const QString selected = selectedBucketName();
    bool same = m_bucketTable->rowCount() == m_snapshot.buckets.size();
    for (int row = 0; same && row < m_bucketTable->rowCount(); ++row) {
        const QString name = m_bucketTable->item(row, BucketName)->data(kKeyRole).toString();
        const auto match = std::find_if(m_snapshot.buckets.cbegin(), m_snapshot.buckets.cend(),
                                        [&](const storage::BucketUsage &b) { return b.name == name; });
        same = match != m_snapshot.buckets.cend()
            && m_bucketTable->item(row, BucketObjects)->data(kSortRole).toLongLong() == match->objects
            && m_bucketTable->item(row, BucketSize)->data(kSortRole).toLongLong() == match->bytes;
    }
    if (!same) {
        m_bucketTable->setSortingEnabled(false);
        m_bucketTable->setRowCount(int(m_snapshot.buckets.size()));
        int row = 0;
        for (const storage::BucketUsage &b : std::as_const(m_snapshot.buckets)) {
            auto *name = new SortItem(b.name, b.name);
            name->setData(kKeyRole, b.name);
            m_bucketTable->setItem(row, BucketName, name);
            auto *count = new SortItem(locale.toString(b.objects), b.objects);
            count->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_bucketTable->setItem(row, BucketObjects, count);
            auto *size = new SortItem(sizeText(b.bytes), b.bytes);
            size->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_bucketTable->setItem(row, BucketSize, size);
            m_bucketTable->setItem(row, BucketCreated, new SortItem(timeText(b.createdMs), b.createdMs));
            ++row;
        }
        m_bucketTable->setSortingEnabled(true);
        for (int r = 0; r < m_bucketTable->rowCount(); ++r) {
            if (m_bucketTable->item(r, BucketName)->data(kKeyRole).toString() == selected)
                m_bucketTable->selectRow(r);
        }
    }
    showContentWhen(m_bucketStack, !m_snapshot.buckets.isEmpty());

    // The browser's bucket list follows the buckets.
    QStringList names;
    for (const storage::BucketUsage &b : std::as_const(m_snapshot.buckets))
        names << b.name;
    QStringList have;
    for (int i = 0; i < m_bucketCombo->count(); ++i)
        have << m_bucketCombo->itemText(i);
    if (have != names) {
        m_bucketCombo->clear();
        m_bucketCombo->addItems(names);
        m_bucketCombo->setCurrentIndex(int(names.indexOf(m_bucket)));
    }
    m_bucketCombo->setEnabled(!names.isEmpty());
    m_accessTab->setBuckets(names);
    if (m_bucket.isEmpty() && !names.isEmpty())
        openBucket(names.first());
    else if (!m_bucket.isEmpty() && m_monitor && m_snapshot.takenAt != 0 && !names.contains(m_bucket))
        openBucket(names.value(0));
    updateSnippet();
}

// ---------------------------------------------------------------------------------------------
// Browser tab

QWidget *StoragePage::buildBrowserTab()
{
    auto *page = new QWidget(m_tabs);
    auto *tools = new QHBoxLayout;
    tools->addWidget(new QLabel(tr("Bucket"), page));
    m_bucketCombo = new QComboBox(page);
    m_bucketCombo->setObjectName(QStringLiteral("bucketCombo"));
    m_bucketCombo->setMinimumWidth(160);
    connect(m_bucketCombo, &QComboBox::activated, this, [this] { openBucket(m_bucketCombo->currentText()); });
    tools->addWidget(m_bucketCombo);
    m_up = new QPushButton(tr("Up"), page);
    m_up->setObjectName(QStringLiteral("upButton"));
    m_up->setToolTip(tr("To the enclosing folder"));
    connect(m_up, &QPushButton::clicked, this, &StoragePage::goUp);
    tools->addWidget(m_up);
    m_path = new QLabel(page);
    m_path->setObjectName(QStringLiteral("browserPath"));
    m_path->setTextInteractionFlags(Qt::TextSelectableByMouse);
    tools->addWidget(m_path, 1);
    m_upload = new QPushButton(tr("Upload…"), page);
    m_upload->setObjectName(QStringLiteral("uploadButton"));
    m_upload->setProperty("primary", true);
    connect(m_upload, &QPushButton::clicked, this, &StoragePage::uploadFile);
    tools->addWidget(m_upload);
    m_download = new QPushButton(tr("Download…"), page);
    m_download->setObjectName(QStringLiteral("downloadButton"));
    connect(m_download, &QPushButton::clicked, this, &StoragePage::downloadSelected);
    tools->addWidget(m_download);
    m_deleteObject = new QPushButton(tr("Delete…"), page);
    m_deleteObject->setObjectName(QStringLiteral("deleteObjectButton"));
    connect(m_deleteObject, &QPushButton::clicked, this, &StoragePage::deleteSelectedObject);
    tools->addWidget(m_deleteObject);
    auto *refresh = new QPushButton(tr("Refresh"), page);
    refresh->setObjectName(QStringLiteral("refreshButton"));
    connect(refresh, &QPushButton::clicked, this, &StoragePage::reloadListing);
    tools->addWidget(refresh);

    m_objectTable = makeItemTable({tr("Name"), tr("Size"), tr("Last modified")}, QStringLiteral("objectTable"), 0, page);
    connect(m_objectTable, &QTableWidget::itemSelectionChanged, this, [this] {
        updateBrowserButtons();
        bool folder = false;
        if (!selectedKey(&folder).isEmpty() && !folder)
            openSelectedEntry();
    });
    connect(m_objectTable, &QTableWidget::cellDoubleClicked, this, [this] {
        bool folder = false;
        if (!selectedKey(&folder).isEmpty() && folder)
            openSelectedEntry();
    });
    auto *emptyPanel = new QWidget(page);
    auto *emptyLayout = new QVBoxLayout(emptyPanel);
    m_objectEmpty = new QLabel(emptyPanel);
    m_objectEmpty->setObjectName(QStringLiteral("objectEmpty"));
    m_objectEmpty->setAlignment(Qt::AlignCenter);
    m_objectEmpty->setWordWrap(true);
    setMutedText(m_objectEmpty);
    emptyLayout->addWidget(m_objectEmpty);
    m_objectStack = makeEmptyStateStack(emptyPanel, m_objectTable, page);
    for (QWidget *target : {static_cast<QWidget *>(m_objectTable->viewport()), emptyPanel}) {
        target->setAcceptDrops(true);
        target->installEventFilter(this);
    }
    m_objectTable->setAcceptDrops(true);

    // The transfer running: the bytes of its file, and a way to stop it.
    m_transferRow = new QWidget(page);
    auto *transferLayout = new QHBoxLayout(m_transferRow);
    transferLayout->setContentsMargins(0, 0, 0, 0);
    m_transferBar = new QProgressBar(m_transferRow);
    m_transferBar->setObjectName(QStringLiteral("transferProgress"));
    transferLayout->addWidget(m_transferBar, 1);
    m_cancelTransfer = new QPushButton(tr("Cancel"), m_transferRow);
    m_cancelTransfer->setObjectName(QStringLiteral("cancelTransferButton"));
    m_cancelTransfer->setToolTip(tr("Stop this transfer; files still waiting are not uploaded"));
    connect(m_cancelTransfer, &QPushButton::clicked, this, &StoragePage::cancelTransfer);
    transferLayout->addWidget(m_cancelTransfer);
    setTransferShown(false);
    m_browserMessage = makeStatusMessage(QStringLiteral("browserMessage"), page);

    // The selected object: its metadata and a presigned GET URL.
    QVBoxLayout *detailLayout = nullptr;
    QFrame *detail = makeCard(page, &detailLayout);
    detailLayout->addWidget(makeSectionTitle(tr("Object"), detail));
    m_metadata = new QPlainTextEdit(detail);
    m_metadata->setObjectName(QStringLiteral("objectMetadata"));
    m_metadata->setReadOnly(true);
    m_metadata->setPlaceholderText(tr("Select an object to see its metadata."));
    m_metadata->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    detailLayout->addWidget(m_metadata, 1);
    // A presigned URL: GET lets anyone download the object, PUT lets anyone upload to the key (a
    // new one too), until it expires. The URL wraps anywhere in its box: as one unbreakable word
    // it would push the page sideways.
    detailLayout->addWidget(makeSectionTitle(tr("Presigned URL"), detail));
    auto *methodRow = new QHBoxLayout;
    m_presignMethod = new QComboBox(detail);
    m_presignMethod->setObjectName(QStringLiteral("presignMethod"));
    m_presignMethod->addItem(tr("GET (download)"), QStringLiteral("GET"));
    m_presignMethod->addItem(tr("PUT (upload)"), QStringLiteral("PUT"));
    methodRow->addWidget(m_presignMethod);
    m_presignKey = new QLineEdit(detail);
    m_presignKey->setObjectName(QStringLiteral("presignKey"));
    m_presignKey->setPlaceholderText(tr("key, e.g. reports/2024.pdf"));
    m_presignKey->setToolTip(tr("The selected object's key; for PUT, type a new key to let someone upload it"));
    m_presignKey->setClearButtonEnabled(true);
    methodRow->addWidget(m_presignKey, 1);
    detailLayout->addLayout(methodRow);
    auto *presignRow = new QHBoxLayout;
    presignRow->addWidget(new QLabel(tr("Expires in"), detail));
    m_expiry = new QSpinBox(detail);
    m_expiry->setObjectName(QStringLiteral("presignExpiry"));
    m_expiry->setRange(1, int(storage::sigv4::kMaxPresignedExpiresSeconds / 60));
    m_expiry->setValue(60);
    m_expiry->setSuffix(tr(" min"));
    presignRow->addWidget(m_expiry);
    m_presign = new QPushButton(tr("Generate"), detail);
    m_presign->setObjectName(QStringLiteral("presignButton"));
    connect(m_presign, &QPushButton::clicked, this, &StoragePage::presignSelected);
    presignRow->addWidget(m_presign);
    m_copyUrl = new QPushButton(tr("Copy"), detail);
    m_copyUrl->setObjectName(QStringLiteral("copyUrlButton"));
    m_copyUrl->setEnabled(false);
    connect(m_copyUrl, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(m_presignedUrl->toPlainText());
        m_copyUrl->setText(tr("Copied"));
        QTimer::singleShot(1500, m_copyUrl, [button = m_copyUrl] { button->setText(tr("Copy")); });
    });
    presignRow->addWidget(m_copyUrl);
    presignRow->addStretch();
    detailLayout->addLayout(presignRow);
    m_presignedUrl = new QPlainTextEdit(detail);
    m_presignedUrl->setObjectName(QStringLiteral("presignedUrl"));
    m_presignedUrl->setReadOnly(true);
    m_presignedUrl->setWordWrapMode(QTextOption::WrapAnywhere);
    m_presignedUrl->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_presignedUrl->setPlaceholderText(tr("Generate puts the URL here."));
    m_presignedUrl->setFixedHeight(m_presignedUrl->fontMetrics().lineSpacing() * 4
                                   + 2 * (m_presignedUrl->frameWidth() + int(m_presignedUrl->document()->documentMargin())));
    detailLayout->addWidget(m_presignedUrl);
    m_presignHint = makeHint(QString(), detail);
    m_presignHint->setObjectName(QStringLiteral("presignHint"));
    detailLayout->addWidget(m_presignHint);
    const auto urlOutdated = [this] {
        m_presignedUrl->clear();
        m_copyUrl->setEnabled(false);
        updateBrowserButtons();
    };
    connect(m_presignKey, &QLineEdit::textChanged, this, urlOutdated);
    connect(m_expiry, &QSpinBox::valueChanged, this, urlOutdated);
    connect(m_presignMethod, &QComboBox::currentIndexChanged, this, [this, urlOutdated] {
        updatePresignHint();
        urlOutdated();
    });
    updatePresignHint();

    auto *left = new QWidget(page);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_objectStack, 1);
    m_loadMore = new QPushButton(tr("Load more"), left);
    m_loadMore->setObjectName(QStringLiteral("loadMoreButton"));
    m_loadMore->setVisible(false);
    connect(m_loadMore, &QPushButton::clicked, this, &StoragePage::loadMoreEntries);
    leftLayout->addWidget(m_loadMore, 0, Qt::AlignLeft);
    leftLayout->addWidget(m_transferRow);
    leftLayout->addWidget(m_browserMessage);
    auto *splitter = new QSplitter(Qt::Horizontal, page);
    splitter->addWidget(left);
    splitter->addWidget(detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    updateBrowserButtons();
    return finishTabPage(page, tools, splitter, kTabPage);
}

void StoragePage::updateBrowserButtons()
{
    bool folder = false;
    const bool selected = !selectedKey(&folder).isEmpty();
    const bool running = m_monitor && !m_bucket.isEmpty();
    m_up->setEnabled(!m_prefix.isEmpty());
    m_upload->setEnabled(running && m_transferId == 0);
    m_download->setEnabled(running && selected && !folder && m_transferId == 0);
    m_deleteObject->setEnabled(running && selected && !folder);
    const QString presignKey = m_presignKey->text();
    m_presign->setEnabled(running && !presignKey.isEmpty() && !presignKey.endsWith(QLatin1Char('/')));
}

void StoragePage::updatePresignHint()
{
    const bool put = m_presignMethod->currentData().toString() == QLatin1String("PUT");
    m_presignHint->setText(put ? tr("Anyone with the URL can upload one object to this key until it expires "
                                    "(curl -T file 'URL'); the URL is signed with the service's access key.")
                               : tr("Anyone with the URL can download the object until it expires; "
                                    "the URL is signed with the service's access key."));
}

QString StoragePage::selectedKey(bool *isFolder) const
{
    const QList<QTableWidgetItem *> items = m_objectTable->selectedItems();
    for (QTableWidgetItem *item : items) {
        if (item->column() == ObjectName) {
            if (isFolder)
                *isFolder = item->data(kFolderRole).toBool();
            return item->data(kKeyRole).toString();
        }
    }
    return {};
}

void StoragePage::openBucket(const QString &bucket, const QString &prefix)
{
    m_bucket = bucket;
    m_prefix = prefix;
    m_bucketCombo->setCurrentIndex(m_bucketCombo->findText(bucket));
    m_metadata->clear();
    m_presignedUrl->clear(); // of the bucket shown before
    m_copyUrl->setEnabled(false);
    m_presignKey->setText(prefix); // a PUT URL for a new key starts in the folder shown
    reloadListing();
}

void StoragePage::goUp()
{
    if (m_prefix.isEmpty())
        return;
    QString prefix = m_prefix.chopped(1); // the trailing '/'
    const int slash = int(prefix.lastIndexOf(QLatin1Char('/')));
    openBucket(m_bucket, slash < 0 ? QString() : prefix.left(slash + 1));
}

void StoragePage::reloadListing()
{
    m_path->setText(m_bucket.isEmpty() ? QString() : QStringLiteral("s3://%1/%2").arg(m_bucket, m_prefix));
    if (m_bucket.isEmpty()) {
        m_objectTable->setRowCount(0);
        m_objectEmpty->setText(tr("No bucket to browse. Create a bucket on the Buckets tab."));
        showContentWhen(m_objectStack, false);
        updateBrowserButtons();
        return;
    }
    storage::StorageRequest request;
    request.bucket = m_bucket;
    request.query = {{QStringLiteral("list-type"), QStringLiteral("2")},
                     {QStringLiteral("delimiter"), QStringLiteral("/")},
                     {QStringLiteral("max-keys"), QString::number(m_listPageSize)},
                     {QStringLiteral("prefix"), m_prefix}};
    m_latest.remove(kListMore); // a page of the previous listing is not appended to this one
    send(request, kList);
    updateBrowserButtons();
}

void StoragePage::loadMoreEntries()
{
    if (m_bucket.isEmpty() || m_continuation.isEmpty())
        return;
    storage::StorageRequest request;
    request.bucket = m_bucket;
    request.query = {{QStringLiteral("list-type"), QStringLiteral("2")},
                     {QStringLiteral("delimiter"), QStringLiteral("/")},
                     {QStringLiteral("max-keys"), QString::number(m_listPageSize)},
                     {QStringLiteral("prefix"), m_prefix},
                     {QStringLiteral("continuation-token"), m_continuation}};
    m_loadMore->setEnabled(false);
    send(request, kListMore);
}

void StoragePage::showListing(const storage::StorageAnswer &answer, bool append)
{
    m_objectTable->setSortingEnabled(false);
    if (!append)
        m_objectTable->setRowCount(0);
    m_continuation.clear();
    m_loadMore->setVisible(false);
    m_loadMore->setEnabled(true);
    if (!answer.ok()) {
        m_objectEmpty->setText(tr("The listing failed: %1").arg(answer.message()));
        showContentWhen(m_objectStack, false);
        updateBrowserButtons();
        Q_EMIT listingShown();
        return;
    }
    struct Entry { QString key; bool folder; qint64 size; qint64 modifiedMs; };
    QList<Entry> entries;
    bool truncated = false;
    QXmlStreamReader xml(answer.body);
    Entry current{};
    bool inContents = false;
    bool inPrefix = false;
    while (!xml.atEnd()) {
        const auto token = xml.readNext();
        if (token == QXmlStreamReader::StartElement) {
            const QStringView name = xml.name();
            if (name == QLatin1String("Contents")) {
                inContents = true;
                current = Entry{QString(), false, 0, 0};
            } else if (name == QLatin1String("CommonPrefixes")) {
                inPrefix = true;
            } else if (name == QLatin1String("IsTruncated")) {
                truncated = xml.readElementText() == QLatin1String("true");
            } else if (name == QLatin1String("NextContinuationToken")) {
                m_continuation = xml.readElementText();
            } else if (inContents && name == QLatin1String("Key")) {
                current.key = xml.readElementText();
            } else if (inContents && name == QLatin1String("Size")) {
                current.size = xml.readElementText().toLongLong();
            } else if (inContents && name == QLatin1String("LastModified")) {
                current.modifiedMs = QDateTime::fromString(xml.readElementText(), Qt::ISODateWithMs).toMSecsSinceEpoch();
            } else if (inPrefix && name == QLatin1String("Prefix")) {
                entries.append({xml.readElementText(), true, 0, 0});
            }
        } else if (token == QXmlStreamReader::EndElement) {
            if (xml.name() == QLatin1String("Contents")) {
                inContents = false;
                if (current.key != m_prefix) // a "folder marker" object is the folder itself
                    entries.append(current);
            } else if (xml.name() == QLatin1String("CommonPrefixes")) {
                inPrefix = false;
            }
        }
    }
    const QLocale locale;
    int row = m_objectTable->rowCount();
    m_objectTable->setRowCount(row + int(entries.size()));
    for (const Entry &e : std::as_const(entries)) {
        const QString shown = e.key.mid(m_prefix.size());
        // Folders first whichever way the names sort.
        auto *name = new SortItem(shown, (e.folder ? QStringLiteral("0") : QStringLiteral("1")) + shown);
        name->setData(kKeyRole, e.key);
        name->setData(kFolderRole, e.folder);
        name->setIcon(style()->standardIcon(e.folder ? QStyle::SP_DirIcon : QStyle::SP_FileIcon));
        m_objectTable->setItem(row, ObjectName, name);
        auto *size = new SortItem(e.folder ? QString() : sizeText(e.size), e.folder ? -1 : e.size);
        size->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_objectTable->setItem(row, ObjectSize, size);
        m_objectTable->setItem(row, ObjectModified, new SortItem(timeText(e.modifiedMs), e.modifiedMs));
        ++row;
    }
    m_objectTable->setSortingEnabled(true);
    m_objectTable->sortByColumn(ObjectName, Qt::AscendingOrder);
    m_objectEmpty->setText(m_prefix.isEmpty() ? tr("The bucket %1 is empty. Upload a file, or drop files here, to add objects.").arg(m_bucket)
                                              : tr("Nothing under %1. Drop files here to upload them into it.").arg(m_prefix));
    showContentWhen(m_objectStack, m_objectTable->rowCount() > 0);
    if (!truncated)
        m_continuation.clear();
    m_loadMore->setVisible(!m_continuation.isEmpty());
    if (!m_continuation.isEmpty())
        m_loadMore->setText(tr("Load more (%1 shown)").arg(QLocale().toString(m_objectTable->rowCount())));
    updateBrowserButtons();
    Q_EMIT listingShown();
}

void StoragePage::openSelectedEntry()
{
    bool folder = false;
    const QString key = selectedKey(&folder);
    if (key.isEmpty())
        return;
    if (folder) {
        openBucket(m_bucket, key);
        return;
    }
    m_presignKey->setText(key);
    storage::StorageRequest request;
    request.method = "HEAD";
    request.bucket = m_bucket;
    request.key = key;
    const quint64 id = send(request, kHead);
    m_pendingPath.insert(id, key);
}

void StoragePage::showMetadata(const QString &key, const storage::StorageAnswer &answer)
{
    if (!answer.ok()) {
        m_metadata->setPlainText(tr("%1\n\nNo metadata: %2").arg(key, answer.status == 404 ? tr("the object is gone.")
                                                                                          : answer.message()));
        return;
    }
    QStringList lines{tr("Key: %1").arg(key), tr("Size: %1 (%2 bytes)")
                                                  .arg(sizeText(answer.header("content-length").toLongLong()),
                                                       QLocale().toString(answer.header("content-length").toLongLong()))};
    static const QByteArrayList shown{"content-type", "etag", "last-modified", "cache-control", "content-disposition",
                                      "content-encoding"};
    for (const QByteArray &name : shown) {
        const QByteArray value = answer.header(name);
        if (!value.isEmpty())
            lines << QStringLiteral("%1: %2").arg(QString::fromLatin1(name), QString::fromUtf8(value));
    }
    for (const auto &[name, value] : answer.headers) {
        if (name.startsWith("x-amz-meta-"))
            lines << QStringLiteral("%1: %2").arg(QString::fromLatin1(name), QString::fromUtf8(value));
    }
    m_metadata->setPlainText(lines.join(QLatin1Char('\n')));
}

void StoragePage::uploadFile()
{
    if (m_bucket.isEmpty())
        return;
    const QString path = m_openPicker(this, tr("Upload to s3://%1/%2").arg(m_bucket, m_prefix), QString());
    if (!path.isEmpty())
        uploadFiles({path});
}

void StoragePage::uploadFiles(const QStringList &paths)
{
    if (m_bucket.isEmpty() || paths.isEmpty())
        return;
    const bool idle = m_uploadQueue.isEmpty() && m_transferId == 0;
    for (const QString &path : paths)
        m_uploadQueue.append({path, m_bucket, m_prefix});
    if (idle)
        startUploadBatch();
}

void StoragePage::startUploadBatch()
{
    m_uploadsDone = 0;
    m_uploadsFailed = 0;
    startNextUpload();
}

void StoragePage::startNextUpload()
{
    while (!m_uploadQueue.isEmpty()) {
        const QueuedUpload next = m_uploadQueue.takeFirst();
        const QString &path = next.path;
        // Opened here only to say at once why a file cannot be read; the service streams it
        // from disk (as one PUT, or a multipart upload when large), whatever its size.
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            ++m_uploadsFailed;
            showStatusMessage(m_browserMessage, tr("Cannot read %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()), true);
            continue;
        }
        file.close();
        storage::StorageRequest request;
        request.method = "PUT";
        request.bucket = next.bucket;
        request.key = next.prefix + QFileInfo(path).fileName();
        request.bodyFile = path;
        if (m_multipartAbove > 0)
            request.multipartAbove = m_multipartAbove;
        request.partBytes = m_partBytes;
        request.headers = {{"Content-Type", QMimeDatabase().mimeTypeForFile(path).name().toUtf8()}};
        const quint64 id = send(request, kUpload);
        m_pendingPath.insert(id, request.key);
        beginTransfer(id);
        showStatusMessage(m_browserMessage,
                   m_uploadQueue.isEmpty() ? tr("Uploading %1…").arg(request.key)
                                           : tr("Uploading %1 (%n more waiting)…", nullptr, int(m_uploadQueue.size())).arg(request.key),
                   false);
        updateBrowserButtons();
        return;
    }
    // None of the files left could go (the last ones unreadable): the batch ends here.
    endUploadBatch(true);
}

void StoragePage::endUploadBatch(bool summarise)
{
    if (summarise && m_uploadsDone + m_uploadsFailed > 1)
        showStatusMessage(m_browserMessage, tr("Uploaded %1 of %2 files.").arg(m_uploadsDone).arg(m_uploadsDone + m_uploadsFailed),
                          m_uploadsFailed > 0);
    if (m_uploadsDone > 0)
        reloadListing();
    updateBrowserButtons();
    Q_EMIT actionFinished(m_uploadsFailed == 0);
}

void StoragePage::beginTransfer(quint64 id)
{
    m_transferId = id;
    m_transferCancelled = false;
    m_transferBar->setRange(0, 0); // busy until the first progress report
    m_transferBar->resetFormat();
    setTransferShown(true);
    m_cancelTransfer->setEnabled(true);
    updateBrowserButtons();
}

void StoragePage::setTransferShown(bool shown)
{
    // The bar and button show and hide with their row: whoever looks at the bar sees its state.
    for (QWidget *w : {m_transferRow, static_cast<QWidget *>(m_transferBar), static_cast<QWidget *>(m_cancelTransfer)})
        w->setVisible(shown);
}

bool StoragePage::endTransfer(quint64 id)
{
    const bool cancelled = id == m_transferId && m_transferCancelled;
    if (id == m_transferId) {
        m_transferId = 0;
        m_transferCancelled = false;
        setTransferShown(false);
        updateBrowserButtons();
    }
    return cancelled;
}

void StoragePage::showTransferProgress(quint64 id, qint64 done, qint64 total)
{
    if (id == 0 || id != m_transferId)
        return;
    if (total <= 0) { // a download of unknown length
        m_transferBar->setRange(0, 0);
        m_transferBar->setFormat(sizeText(done));
        return;
    }
    m_transferBar->setRange(0, 1000);
    m_transferBar->setValue(int(std::clamp<qint64>(done * 1000 / total, 0, 1000)));
    //: %1 and %2 are sizes ("12.5 MiB of 300 MiB"); %p is the percentage, keep it as it is.
    m_transferBar->setFormat(tr("%1 of %2 (%p%)").arg(sizeText(done), sizeText(total)));
}

void StoragePage::cancelTransfer()
{
    if (m_transferId == 0 || !m_monitor)
        return;
    // An upload's Cancel stops the files waiting behind it too (one bar, one batch); a
    // download's stops only the download, and files dropped meanwhile go after it.
    if (m_pending.value(m_transferId) == kUpload) {
        m_uploadsSkipped = int(m_uploadQueue.size());
        m_uploadQueue.clear();
    }
    m_transferCancelled = true;
    m_cancelTransfer->setEnabled(false);
    m_monitor->cancel(m_transferId);
}

bool StoragePage::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::DragEnter && event->type() != QEvent::DragMove && event->type() != QEvent::Drop)
        return ServicePage::eventFilter(watched, event);
    auto *drop = static_cast<QDropEvent *>(event);
    QStringList files;
    if (drop->mimeData() && drop->mimeData()->hasUrls()) {
        for (const QUrl &url : drop->mimeData()->urls()) {
            if (url.isLocalFile() && QFileInfo(url.toLocalFile()).isFile())
                files << url.toLocalFile();
        }
    }
    if (files.isEmpty() || m_bucket.isEmpty() || !m_monitor) {
        event->ignore();
        return true;
    }
    drop->acceptProposedAction();
    if (event->type() == QEvent::Drop)
        uploadFiles(files);
    return true;
}

void StoragePage::downloadSelected()
{
    bool folder = false;
    const QString key = selectedKey(&folder);
    if (key.isEmpty() || folder)
        return;
    const QString path = m_savePicker(this, tr("Save %1").arg(key), key.section(QLatin1Char('/'), -1));
    if (path.isEmpty())
        return;
    // The service writes the body into the file as it arrives; the file appears only whole.
    storage::StorageRequest request;
    request.bucket = m_bucket;
    request.key = key;
    request.saveTo = path;
    const quint64 id = send(request, kDownload);
    m_pendingPath.insert(id, path);
    beginTransfer(id);
    showStatusMessage(m_browserMessage, tr("Downloading %1…").arg(key), false);
}

void StoragePage::deleteSelectedObject()
{
    bool folder = false;
    const QString key = selectedKey(&folder);
    if (key.isEmpty() || folder)
        return;
    if (!m_confirm(this, tr("Delete object"), tr("Delete s3://%1/%2? This cannot be undone.").arg(m_bucket, key)))
        return;
    storage::StorageRequest request;
    request.method = "DELETE";
    request.bucket = m_bucket;
    request.key = key;
    const quint64 id = send(request, kDeleteObject);
    m_pendingPath.insert(id, key);
}

void StoragePage::presignSelected()
{
    const QString key = m_presignKey->text();
    if (m_bucket.isEmpty() || key.isEmpty() || key.endsWith(QLatin1Char('/')) || m_snapshot.endpoint.isEmpty())
        return;
    const QByteArray method = m_presignMethod->currentData().toString().toLatin1();
    const QUrl endpoint(m_snapshot.endpoint);
    const QByteArray host = QStringLiteral("%1:%2").arg(endpoint.host(QUrl::FullyEncoded)).arg(endpoint.port(80)).toUtf8();
    const QByteArray rawPath = '/' + storage::sigv4::uriEncode(m_bucket.toUtf8(), false) + '/'
        + storage::sigv4::uriEncode(key.toUtf8(), true);
    const QByteArray query = storage::sigv4::presignQuery(
        method, rawPath, host, m_snapshot.accessKey, m_snapshot.secretKey,
        storage::sigv4::formatAmzDate(QDateTime::currentDateTimeUtc()), m_snapshot.region.toUtf8(), qint64(m_expiry->value()) * 60);
    m_presignedUrl->setPlainText(QString::fromUtf8("http://" + host + rawPath + '?' + query));
    m_copyUrl->setEnabled(true);
}

// ---------------------------------------------------------------------------------------------
// Connect tab

QWidget *StoragePage::buildConnectTab()
{
    m_snippetCard = new SnippetCard({tr("JavaScript (@aws-sdk/client-s3)"), tr("Python (boto3)"), tr("Laravel (.env)")}, 220, nullptr);
    m_snippetCard->setObjectName(QStringLiteral("storageSnippetCard"));
    connect(m_snippetCard, &SnippetCard::formatChanged, this, &StoragePage::updateSnippet);
    connect(m_snippetCard, &SnippetCard::copyRequested, this, [this] {
        QApplication::clipboard()->setText(m_snippetCard->text());
        m_snippetCard->showCopied(tr("Copied. It holds the service's secret key: keep it out of browsers and commits."));
    });
    auto *layout = new QVBoxLayout;
    layout->addWidget(m_snippetCard);
    layout->addStretch();
    return finishTabPage(new QWidget(m_tabs), layout, kTabPage);
}

QString StoragePage::snippet(SnippetFormat format) const
{
    QString endpoint = m_snapshot.endpoint;
    QString accessKey = QString::fromUtf8(m_snapshot.accessKey);
    QString secretKey = QString::fromUtf8(m_snapshot.secretKey);
    core::ClientSettings settings;
    if (context().clientSettings)
        settings = context().clientSettings();
    if (endpoint.isEmpty()) {
        const QString host = settings.host.isEmpty() ? QStringLiteral("127.0.0.1") : settings.host;
        endpoint = QStringLiteral("http://%1:%2").arg(host).arg(settings.ports.value(serviceName(), info().defaultPort));
    }
    if (accessKey.isEmpty())
        accessKey = settings.secrets.value(QStringLiteral("storage"), QStringLiteral("access_key"));
    if (secretKey.isEmpty())
        secretKey = settings.secrets.value(QStringLiteral("storage"), QStringLiteral("secret_key"));
    const QString bucket = m_bucket.isEmpty() ? QStringLiteral("homeport") : m_bucket;
    const QString region = m_snapshot.region.isEmpty() ? QStringLiteral("us-east-1") : m_snapshot.region;
    switch (format) {
    case JavaScriptSnippet:
        return QStringLiteral(
                   "import { S3Client, PutObjectCommand, GetObjectCommand } from \"@aws-sdk/client-s3\";\n\n"
                   "const s3 = new S3Client({\n"
                   "  endpoint: \"%1\",\n"
                   "  region: \"%2\",\n"
                   "  forcePathStyle: true,\n"
                   "  credentials: { accessKeyId: \"%3\", secretAccessKey: \"%4\" },\n"
                   "});\n\n"
                   "await s3.send(new PutObjectCommand({ Bucket: \"%5\", Key: \"hello.txt\", Body: \"Hello\" }));\n"
                   "const object = await s3.send(new GetObjectCommand({ Bucket: \"%5\", Key: \"hello.txt\" }));\n"
                   "console.log(await object.Body.transformToString());\n")
            .arg(endpoint, region, accessKey, secretKey, bucket);
    case PythonSnippet:
        return QStringLiteral(
                   "import boto3\n\n"
                   "s3 = boto3.client(\n"
                   "    \"s3\",\n"
                   "    endpoint_url=\"%1\",\n"
                   "    region_name=\"%2\",\n"
                   "    aws_access_key_id=\"%3\",\n"
                   "    aws_secret_access_key=\"%4\",\n"
                   ")\n\n"
                   "s3.put_object(Bucket=\"%5\", Key=\"hello.txt\", Body=b\"Hello\")\n"
                   "print(s3.get_object(Bucket=\"%5\", Key=\"hello.txt\")[\"Body\"].read())\n")
            .arg(endpoint, region, accessKey, secretKey, bucket);
    case LaravelSnippet:
        return QStringLiteral(
                   "FILESYSTEM_DISK=s3\n"
                   "AWS_ACCESS_KEY_ID=%3\n"
                   "AWS_SECRET_ACCESS_KEY=%4\n"
                   "AWS_DEFAULT_REGION=%2\n"
                   "AWS_BUCKET=%5\n"
                   "AWS_ENDPOINT=%1\n"
                   "AWS_USE_PATH_STYLE_ENDPOINT=true\n")
            .arg(endpoint, region, accessKey, secretKey, bucket);
    }
    return {};
}

void StoragePage::updateSnippet()
{
    m_snippetCard->setText(snippet(SnippetFormat(m_snippetCard->currentFormat())));
}

// ---------------------------------------------------------------------------------------------

void StoragePage::refreshDashboard()
{
    statusChanged();
}

// The banner says why nothing loads while the service is not running. It follows the state at
// once: shown or hidden only at the next refresh, it made the page taller for up to a second
// after the service came back.
void StoragePage::statusChanged()
{
    const bool running = status().state == core::ServiceState::Running;
    QString banner;
    if (!m_monitor) {
        banner = tr("The storage service is not connected to this console.");
    } else if (!running) {
        banner = status().state == core::ServiceState::Failed
            ? tr("Storage failed to start: %1. The tables show its last known state.").arg(status().reason)
            : tr("Storage is %1. Buckets load and requests are answered once it runs.").arg(Theme::stateText(status().state));
    }
    m_banner->setText(banner);
    m_banner->setVisible(!banner.isEmpty());
}

} // namespace homeport::ui
