#include "storage_access_tab.h"

#include "dashboard_widgets.h"
#include "theme.h"
#include "theme_follower.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QFontDatabase>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <utility>

namespace homeport::ui {

namespace {

const QString kKeys = QStringLiteral("keys");
const QString kKeyChange = QStringLiteral("keyChange");
const QString kPolicy = QStringLiteral("policy");
const QString kCors = QStringLiteral("cors");
const QString kSettingsChange = QStringLiteral("settingsChange");
const QString kAdminBucket = QStringLiteral("_homeport"); // the service's own routes
const QString kKeysPath = QStringLiteral("access-keys");
constexpr int kKeyRole = Qt::UserRole + 1;
constexpr int kCreatedMsRole = Qt::UserRole + 2;

// The Created column shows a local date but sorts by the creation time (as text, "1/20/26" would
// come before "11/2/25").
class CreatedItem : public QTableWidgetItem
{
public:
    explicit CreatedItem(const QDateTime &created)
        : QTableWidgetItem(created.isValid() ? QLocale().toString(created.toLocalTime(), QLocale::ShortFormat) : QString())
    {
        setData(kCreatedMsRole, created.isValid() ? created.toMSecsSinceEpoch() : qint64(0));
    }
    bool operator<(const QTableWidgetItem &other) const override
    {
        return data(kCreatedMsRole).toLongLong() < other.data(kCreatedMsRole).toLongLong();
    }
};

QByteArray publicPolicy(const QString &bucket, bool list)
{
    QJsonArray statements{QJsonObject{
        {QStringLiteral("Sid"), QStringLiteral("PublicRead")},
        {QStringLiteral("Effect"), QStringLiteral("Allow")},
        {QStringLiteral("Principal"), QStringLiteral("*")},
        {QStringLiteral("Action"), QStringLiteral("s3:GetObject")},
        {QStringLiteral("Resource"), QStringLiteral("arn:aws:s3:::%1/*").arg(bucket)},
    }};
    if (list) {
        statements.append(QJsonObject{
            {QStringLiteral("Sid"), QStringLiteral("PublicList")},
            {QStringLiteral("Effect"), QStringLiteral("Allow")},
            {QStringLiteral("Principal"), QStringLiteral("*")},
            {QStringLiteral("Action"), QStringLiteral("s3:ListBucket")},
            {QStringLiteral("Resource"), QStringLiteral("arn:aws:s3:::%1").arg(bucket)},
        });
    }
    return QJsonDocument(QJsonObject{{QStringLiteral("Version"), QStringLiteral("2012-10-17")},
                                     {QStringLiteral("Statement"), statements}})
        .toJson(QJsonDocument::Compact);
}

} // namespace

StorageAccessTab::StorageAccessTab(storage::StorageMonitor *monitor, QWidget *parent)
    : QWidget(parent), m_monitor(monitor), m_confirm(confirmWithMessageBox)
{
    // Access keys.
    QVBoxLayout *keysLayout = nullptr;
    QFrame *keysCard = makeCard(this, &keysLayout);
    keysLayout->addWidget(makeSectionTitle(tr("Access keys"), keysCard));
    keysLayout->addWidget(makeHint(tr("Keys for apps that should reach only some buckets, or only read them. "
                                      "The root key in secrets.json can do everything and is not listed."),
                                   keysCard));
    m_keyTable = new QTableWidget(0, 5, keysCard);
    m_keyTable->setObjectName(QStringLiteral("accessKeyTable"));
    m_keyTable->setHorizontalHeaderLabels({tr("Name"), tr("Access key"), tr("Buckets"), tr("Access"), tr("Created")});
    m_keyTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_keyTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_keyTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_keyTable->verticalHeader()->setVisible(false);
    m_keyTable->setAlternatingRowColors(true);
    m_keyTable->setShowGrid(false);
    m_keyTable->setSortingEnabled(true);
    m_keyTable->sortByColumn(KeyCreated, Qt::AscendingOrder);
    m_keyTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_keyTable->horizontalHeader()->setSectionResizeMode(KeyBuckets, QHeaderView::Stretch);
    // Both grow into the tab's height but do not ask for more, so the tab fits without scrolling.
    m_keyTable->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Ignored);
    m_keyTable->setMinimumHeight(80);
    auto *noKeys = new QLabel(tr("No access keys yet: apps use the root key. To give an app less, name a key, "
                                 "list its buckets, choose its access and press Create key."),
                              keysCard);
    noKeys->setObjectName(QStringLiteral("noAccessKeys"));
    noKeys->setAlignment(Qt::AlignCenter);
    noKeys->setWordWrap(true);
    setMutedText(noKeys);
    m_keyStack = makeEmptyStateStack(noKeys, m_keyTable, keysCard);
    m_keyStack->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Ignored);
    m_keyStack->setMinimumHeight(80);
    keysLayout->addWidget(m_keyStack, 1);

    auto *form = new QHBoxLayout;
    m_keyName = new QLineEdit(keysCard);
    m_keyName->setObjectName(QStringLiteral("accessKeyName"));
    m_keyName->setPlaceholderText(tr("Name (e.g. website uploads)"));
    m_keyBuckets = new QLineEdit(keysCard);
    m_keyBuckets->setObjectName(QStringLiteral("accessKeyBuckets"));
    m_keyBuckets->setPlaceholderText(tr("Buckets, comma-separated (* for all)"));
    m_keyAccess = new QComboBox(keysCard);
    m_keyAccess->setObjectName(QStringLiteral("accessKeyAccess"));
    m_keyAccess->addItem(tr("Read-only"), QStringLiteral("read-only"));
    m_keyAccess->addItem(tr("Read-write"), QStringLiteral("read-write"));
    m_createKey = new QPushButton(tr("Create key"), keysCard);
    m_createKey->setObjectName(QStringLiteral("createAccessKey"));
    m_revokeKey = new QPushButton(tr("Revoke"), keysCard);
    m_revokeKey->setObjectName(QStringLiteral("revokeAccessKey"));
    m_revokeKey->setEnabled(false);
    form->addWidget(m_keyName, 2);
    form->addWidget(m_keyBuckets, 2);
    form->addWidget(m_keyAccess);
    form->addWidget(m_createKey);
    form->addWidget(m_revokeKey);
    keysLayout->addLayout(form);

    auto *secretRow = new QHBoxLayout;
    m_newSecret = new QLineEdit(keysCard);
    m_newSecret->setObjectName(QStringLiteral("newAccessKeySecret"));
    m_newSecret->setReadOnly(true);
    m_newSecret->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_newSecret->setVisible(false);
    m_copySecret = new QPushButton(tr("Copy"), keysCard);
    m_copySecret->setObjectName(QStringLiteral("copyAccessKeySecret"));
    m_copySecret->setVisible(false);
    // Which of the two values is which, as S3 clients name them.
    m_newSecretLabel = new QLabel(tr("Access key ID, secret:"), keysCard);
    m_newSecretLabel->setVisible(false);
    secretRow->addWidget(m_newSecretLabel);
    secretRow->addWidget(m_newSecret, 1);
    secretRow->addWidget(m_copySecret);
    keysLayout->addLayout(secretRow);
    m_keysMessage = new QLabel(keysCard);
    m_keysMessage->setObjectName(QStringLiteral("accessKeysMessage"));
    m_keysMessage->setWordWrap(true);
    m_keysMessage->setTextInteractionFlags(Qt::TextSelectableByMouse);
    keysLayout->addWidget(m_keysMessage);

    // Bucket settings.
    QVBoxLayout *settingsLayout = nullptr;
    QFrame *settingsCard = makeCard(this, &settingsLayout);
    settingsLayout->addWidget(makeSectionTitle(tr("Bucket settings"), settingsCard));
    auto *bucketRow = new QHBoxLayout;
    bucketRow->addWidget(new QLabel(tr("Bucket:"), settingsCard));
    m_settingsBucket = new QComboBox(settingsCard);
    m_settingsBucket->setObjectName(QStringLiteral("settingsBucket"));
    m_settingsBucket->setMinimumContentsLength(16);
    bucketRow->addWidget(m_settingsBucket);
    bucketRow->addSpacing(16);
    m_publicRead = new QCheckBox(tr("Public read: anyone can download objects by URL, without a key"), settingsCard);
    m_publicRead->setObjectName(QStringLiteral("publicRead"));
    m_publicList = new QCheckBox(tr("…and list the bucket's objects"), settingsCard);
    m_publicList->setObjectName(QStringLiteral("publicList"));
    m_applyPublic = new QPushButton(tr("Apply"), settingsCard);
    m_applyPublic->setObjectName(QStringLiteral("applyPublicRead"));
    // One under the other: side by side they made the tab wider than the window opens with.
    auto *publicBoxes = new QVBoxLayout;
    publicBoxes->setSpacing(4);
    publicBoxes->addWidget(m_publicRead);
    publicBoxes->addWidget(m_publicList);
    bucketRow->addLayout(publicBoxes);
    bucketRow->addStretch();
    bucketRow->addWidget(m_applyPublic);
    settingsLayout->addLayout(bucketRow);
    settingsLayout->addWidget(makeHint(tr("CORS rules let web pages on other origins use the bucket "
                                          "(browser uploads need PUT or POST and ETag exposed)."),
                                       settingsCard));
    m_cors = new QPlainTextEdit(settingsCard);
    m_cors->setObjectName(QStringLiteral("corsEditor"));
    m_cors->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_cors->setPlaceholderText(QStringLiteral(
        "<CORSConfiguration>\n  <CORSRule>\n    <AllowedOrigin>https://app.example</AllowedOrigin>\n"
        "    <AllowedMethod>GET</AllowedMethod>\n    <AllowedMethod>PUT</AllowedMethod>\n"
        "    <AllowedHeader>*</AllowedHeader>\n    <ExposeHeader>ETag</ExposeHeader>\n"
        "    <MaxAgeSeconds>3000</MaxAgeSeconds>\n  </CORSRule>\n</CORSConfiguration>"));
    m_cors->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Ignored);
    m_cors->setMinimumHeight(80);
    settingsLayout->addWidget(m_cors, 1);
    auto *corsRow = new QHBoxLayout;
    m_saveCors = new QPushButton(tr("Save CORS rules"), settingsCard);
    m_saveCors->setObjectName(QStringLiteral("saveCors"));
    m_removeCors = new QPushButton(tr("Remove CORS rules"), settingsCard);
    m_removeCors->setObjectName(QStringLiteral("removeCors"));
    m_settingsMessage = new QLabel(settingsCard);
    m_settingsMessage->setObjectName(QStringLiteral("settingsMessage"));
    m_settingsMessage->setWordWrap(true);
    corsRow->addWidget(m_settingsMessage, 1);
    corsRow->addWidget(m_removeCors);
    corsRow->addWidget(m_saveCors);
    settingsLayout->addLayout(corsRow);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->setSpacing(12);
    layout->addWidget(keysCard, 1);
    layout->addWidget(settingsCard, 1);

    connect(m_createKey, &QPushButton::clicked, this, &StorageAccessTab::createKey);
    connect(m_revokeKey, &QPushButton::clicked, this, &StorageAccessTab::revokeSelectedKey);
    connect(m_copySecret, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(m_newSecret->text());
        m_copySecret->setText(tr("Copied"));
        QTimer::singleShot(1500, m_copySecret, [button = m_copySecret] { button->setText(tr("Copy")); });
    });
    connect(m_keyTable, &QTableWidget::itemSelectionChanged, this,
            [this] { m_revokeKey->setEnabled(!m_keyTable->selectedItems().isEmpty()); });
    connect(m_settingsBucket, &QComboBox::currentTextChanged, this, &StorageAccessTab::loadBucketSettings);
    connect(m_publicRead, &QCheckBox::toggled, m_publicList, &QCheckBox::setEnabled);
    connect(m_applyPublic, &QPushButton::clicked, this, &StorageAccessTab::applyPublicRead);
    connect(m_saveCors, &QPushButton::clicked, this, &StorageAccessTab::saveCors);
    connect(m_removeCors, &QPushButton::clicked, this, &StorageAccessTab::removeCors);
    m_publicList->setEnabled(false);
    if (m_monitor)
        connect(m_monitor, &storage::StorageMonitor::requestFinished, this, &StorageAccessTab::onFinished);
    else
        setEnabled(false);
}

void StorageAccessTab::send(const storage::StorageRequest &request, const QString &kind)
{
    if (!m_monitor)
        return;
    const quint64 id = m_monitor->request(request);
    m_pending.insert(id, kind);
    m_latest.insert(kind, id);
}

void StorageAccessTab::setBuckets(const QStringList &buckets)
{
    QStringList have;
    for (int i = 0; i < m_settingsBucket->count(); ++i)
        have << m_settingsBucket->itemText(i);
    if (have == buckets)
        return;
    const QString current = m_settingsBucket->currentText();
    const QSignalBlocker block(m_settingsBucket);
    m_settingsBucket->clear();
    m_settingsBucket->addItems(buckets);
    m_settingsBucket->setCurrentIndex(qMax(0, int(buckets.indexOf(current))));
    if (m_settingsBucket->currentText() != current)
        loadBucketSettings();
}

QString StorageAccessTab::settingsBucket() const
{
    return m_settingsBucket->currentText();
}

void StorageAccessTab::showKeysMessage(const QString &text, bool error)
{
    showStatusMessage(m_keysMessage, text, error);
    m_keysMessageIsLoadError = false;
}

void StorageAccessTab::reloadKeys()
{
    storage::StorageRequest request;
    request.bucket = kAdminBucket;
    request.key = kKeysPath;
    send(request, kKeys);
}

void StorageAccessTab::createKey()
{
    QStringList buckets;
    for (const QString &b : m_keyBuckets->text().split(u',', Qt::SkipEmptyParts)) {
        if (!b.trimmed().isEmpty())
            buckets << b.trimmed();
    }
    if (buckets.isEmpty()) {
        showKeysMessage(tr("Name at least one bucket, or * for every bucket."), true);
        return;
    }
    storage::StorageRequest request;
    request.method = "POST";
    request.bucket = kAdminBucket;
    request.key = kKeysPath;
    request.headers = {{"Content-Type", "application/json"}};
    request.body = QJsonDocument(QJsonObject{{QStringLiteral("name"), m_keyName->text().trimmed()},
                                             {QStringLiteral("buckets"), QJsonArray::fromStringList(buckets)},
                                             {QStringLiteral("access"), m_keyAccess->currentData().toString()}})
                       .toJson(QJsonDocument::Compact);
    send(request, kKeyChange);
}

void StorageAccessTab::revokeSelectedKey()
{
    const QList<QTableWidgetItem *> selected = m_keyTable->selectedItems();
    if (selected.isEmpty())
        return;
    const int row = selected.first()->row();
    const QString accessKey = m_keyTable->item(row, KeyId)->data(kKeyRole).toString();
    const QString name = m_keyTable->item(row, KeyName)->text();
    if (!m_confirm(this, tr("Revoke access key"),
                   tr("Revoke %1 (%2)? Apps using it are refused from now on.").arg(accessKey, name)))
        return;
    storage::StorageRequest request;
    request.method = "DELETE";
    request.bucket = kAdminBucket;
    request.key = kKeysPath + u'/' + accessKey;
    send(request, kKeyChange);
}

void StorageAccessTab::loadBucketSettings()
{
    const QString bucket = settingsBucket();
    m_cors->clear();
    m_publicRead->setChecked(false);
    m_publicList->setChecked(false);
    m_settingsMessage->clear();
    if (bucket.isEmpty())
        return;
    storage::StorageRequest policy;
    policy.bucket = bucket;
    policy.query = {{QStringLiteral("policy"), QString()}};
    send(policy, kPolicy);
    storage::StorageRequest cors;
    cors.bucket = bucket;
    cors.query = {{QStringLiteral("cors"), QString()}};
    send(cors, kCors);
    m_settingsLoads = 2;
}

void StorageAccessTab::applyPublicRead()
{
    const QString bucket = settingsBucket();
    if (bucket.isEmpty())
        return;
    storage::StorageRequest request;
    request.bucket = bucket;
    request.query = {{QStringLiteral("policy"), QString()}};
    if (m_publicRead->isChecked()) {
        request.method = "PUT";
        request.headers = {{"Content-Type", "application/json"}};
        request.body = publicPolicy(bucket, m_publicList->isChecked());
    } else {
        request.method = "DELETE";
    }
    send(request, kSettingsChange);
}

void StorageAccessTab::saveCors()
{
    const QString bucket = settingsBucket();
    if (bucket.isEmpty())
        return;
    storage::StorageRequest request;
    request.method = "PUT";
    request.bucket = bucket;
    request.query = {{QStringLiteral("cors"), QString()}};
    request.headers = {{"Content-Type", "application/xml"}};
    request.body = m_cors->toPlainText().toUtf8();
    send(request, kSettingsChange);
}

void StorageAccessTab::removeCors()
{
    const QString bucket = settingsBucket();
    if (bucket.isEmpty())
        return;
    storage::StorageRequest request;
    request.method = "DELETE";
    request.bucket = bucket;
    request.query = {{QStringLiteral("cors"), QString()}};
    send(request, kSettingsChange);
}

void StorageAccessTab::onFinished(quint64 id, const storage::StorageAnswer &answer)
{
    const auto it = m_pending.constFind(id);
    if (it == m_pending.constEnd())
        return;
    const QString kind = *it;
    m_pending.erase(it);
    if (m_latest.value(kind) != id && kind != kKeyChange && kind != kSettingsChange)
        return; // a newer request of this kind is out

    if (kind == kKeys) {
        showKeys(answer);
    } else if (kind == kKeyChange) {
        const QJsonObject made = QJsonDocument::fromJson(answer.body).object();
        if (answer.ok() && made.contains(QStringLiteral("secret_key"))) {
            // The secret exists only in this answer; it is never listed again.
            m_newSecret->setText(made.value(QStringLiteral("access_key")).toString() + QStringLiteral("  ")
                                 + made.value(QStringLiteral("secret_key")).toString());
            m_newSecret->setVisible(true);
            m_newSecretLabel->setVisible(true);
            m_copySecret->setVisible(true);
            m_keyName->clear();
            m_keyBuckets->clear();
            showKeysMessage(tr("Key %1 made. Copy its secret now: it is shown only this once.")
                                          .arg(made.value(QStringLiteral("access_key")).toString()), false);
        } else if (answer.ok()) {
            m_newSecret->clear();
            m_newSecret->setVisible(false);
            m_newSecretLabel->setVisible(false);
            m_copySecret->setVisible(false);
            showKeysMessage(tr("Key revoked."), false);
        } else {
            showKeysMessage(answer.message(), true);
        }
        Q_EMIT actionFinished(answer.ok());
        reloadKeys();
    } else if (kind == kPolicy) {
        // No policy is 404 NoSuchBucketPolicy: the bucket is private.
        const QJsonArray statements = QJsonDocument::fromJson(answer.body).object().value(QStringLiteral("Statement")).toArray();
        bool read = false, list = false;
        for (const QJsonValue &s : statements) {
            const QString text = QString::fromUtf8(QJsonDocument(s.toObject()).toJson());
            read = read || text.contains(QLatin1String("s3:GetObject"));
            list = list || text.contains(QLatin1String("s3:ListBucket"));
        }
        m_publicRead->setChecked(answer.ok() && read);
        m_publicList->setChecked(answer.ok() && list);
        if (!answer.ok() && answer.status != 404)
            showStatusMessage(m_settingsMessage, answer.message(), true);
        if (--m_settingsLoads <= 0)
            Q_EMIT settingsShown();
    } else if (kind == kCors) {
        m_cors->setPlainText(answer.ok() ? QString::fromUtf8(answer.body) : QString());
        if (!answer.ok() && answer.status != 404)
            showStatusMessage(m_settingsMessage, answer.message(), true);
        if (--m_settingsLoads <= 0)
            Q_EMIT settingsShown();
    } else if (kind == kSettingsChange) {
        showStatusMessage(m_settingsMessage, answer.ok() ? tr("Saved.") : answer.message(), !answer.ok());
        Q_EMIT actionFinished(answer.ok());
    }
}

void StorageAccessTab::showKeys(const storage::StorageAnswer &answer)
{
    if (!answer.ok()) {
        showKeysMessage(answer.message(), true);
        m_keysMessageIsLoadError = true;
        Q_EMIT keysShown();
        return;
    }
    // (a stale "not running" under a list that loaded; other messages, such as a new key's, stay)
    if (std::exchange(m_keysMessageIsLoadError, false))
        m_keysMessage->clear();
    const QJsonArray keys = QJsonDocument::fromJson(answer.body).object().value(QStringLiteral("keys")).toArray();
    const QString selected = m_keyTable->selectedItems().isEmpty()
        ? QString()
        : m_keyTable->item(m_keyTable->selectedItems().first()->row(), KeyId)->data(kKeyRole).toString();
    // Rows are filled in the service's order, then sorted once by the header's column.
    m_keyTable->setSortingEnabled(false);
    m_keyTable->setRowCount(int(keys.size()));
    int row = 0;
    for (const QJsonValue &v : keys) {
        const QJsonObject k = v.toObject();
        const QString accessKey = k.value(QStringLiteral("access_key")).toString();
        QStringList buckets;
        for (const QJsonValue &b : k.value(QStringLiteral("buckets")).toArray())
            buckets << (b.toString() == QLatin1String("*") ? tr("every bucket") : b.toString());
        const bool readOnly = k.value(QStringLiteral("access")).toString() == QLatin1String("read-only");
        const QDateTime created = QDateTime::fromString(k.value(QStringLiteral("created")).toString(), Qt::ISODateWithMs);
        m_keyTable->setItem(row, KeyName, new QTableWidgetItem(k.value(QStringLiteral("name")).toString()));
        auto *id = new QTableWidgetItem(accessKey);
        id->setData(kKeyRole, accessKey);
        id->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        m_keyTable->setItem(row, KeyId, id);
        m_keyTable->setItem(row, KeyBuckets, new QTableWidgetItem(buckets.join(QStringLiteral(", "))));
        m_keyTable->setItem(row, KeyAccess, new QTableWidgetItem(readOnly ? tr("Read-only") : tr("Read-write")));
        m_keyTable->setItem(row, KeyCreated, new CreatedItem(created));
        ++row;
    }
    m_keyTable->setSortingEnabled(true);
    for (int r = 0; r < m_keyTable->rowCount(); ++r) {
        if (!selected.isEmpty() && m_keyTable->item(r, KeyId)->data(kKeyRole).toString() == selected)
            m_keyTable->selectRow(r);
    }
    showContentWhen(m_keyStack, m_keyTable->rowCount() > 0);
    Q_EMIT keysShown();
}

} // namespace homeport::ui
