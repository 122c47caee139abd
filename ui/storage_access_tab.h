#pragma once
// StorageAccessTab: the Storage page's Access tab. Access keys: the scoped keys with their
// buckets and read-only or read-write access, a form to make one (its secret is shown once, right
// after it is made, with a copy button) and Revoke. Bucket settings: a bucket's public read (a
// bucket policy granting s3:GetObject to everyone, and s3:ListBucket when listing is allowed too)
// and its CORS rules as the CORSConfiguration XML S3 takes. Every view and change is a request
// through StorageMonitor::request(): /_homeport/access-keys for keys, ?policy and ?cors for the
// bucket, so it shows what the service answers, errors included.
// Thread affinity: the GUI thread.

#include "dashboard_widgets.h"
#include "storage/storage_monitor.h"

#include <QHash>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QTableWidget;

namespace homeport::ui {

class StorageAccessTab : public QWidget
{
    Q_OBJECT
public:
    enum KeyColumn { KeyName, KeyId, KeyBuckets, KeyAccess, KeyCreated };

    StorageAccessTab(storage::StorageMonitor *monitor, QWidget *parent = nullptr);

    void setConfirmFunction(ConfirmFunction confirm) { m_confirm = std::move(confirm); }
    // The buckets the settings can choose from (the page passes its snapshot's).
    void setBuckets(const QStringList &buckets);

    // The actions behind the buttons (tests drive them too).
    void reloadKeys();
    void createKey();
    void revokeSelectedKey();
    void loadBucketSettings();
    void applyPublicRead();
    void saveCors();
    void removeCors();

    QTableWidget *keyTable() const { return m_keyTable; }
    QLineEdit *keyNameEdit() const { return m_keyName; }
    QLineEdit *keyBucketsEdit() const { return m_keyBuckets; }
    QComboBox *keyAccessCombo() const { return m_keyAccess; }
    // Shows "access key / secret" once after a key was made; empty otherwise.
    QLineEdit *newSecretView() const { return m_newSecret; }
    QPushButton *copySecretButton() const { return m_copySecret; }
    QLabel *keysMessage() const { return m_keysMessage; }
    QComboBox *settingsBucketCombo() const { return m_settingsBucket; }
    QCheckBox *publicReadBox() const { return m_publicRead; }
    QCheckBox *publicListBox() const { return m_publicList; }
    QPlainTextEdit *corsEditor() const { return m_cors; }
    QLabel *settingsMessage() const { return m_settingsMessage; }

Q_SIGNALS:
    // After a key list, key change, or bucket settings request was answered (ok or not).
    void keysShown();
    void settingsShown();
    void actionFinished(bool ok);

private:
    void send(const storage::StorageRequest &request, const QString &kind);
    void onFinished(quint64 id, const storage::StorageAnswer &answer);
    void showKeys(const storage::StorageAnswer &answer);
    void showKeysMessage(const QString &text, bool error);
    QString settingsBucket() const;

    storage::StorageMonitor *m_monitor;
    ConfirmFunction m_confirm;
    QHash<quint64, QString> m_pending; // request id -> kind
    QHash<QString, quint64> m_latest;
    int m_settingsLoads = 0; // policy and CORS answers still due for the shown bucket

    QTableWidget *m_keyTable = nullptr;
    QStackedWidget *m_keyStack = nullptr; // the table, or a line saying there are no keys yet
    QLineEdit *m_keyName = nullptr;
    QLineEdit *m_keyBuckets = nullptr;
    QComboBox *m_keyAccess = nullptr;
    QPushButton *m_createKey = nullptr;
    QPushButton *m_revokeKey = nullptr;
    QLineEdit *m_newSecret = nullptr;
    QLabel *m_newSecretLabel = nullptr;
    QPushButton *m_copySecret = nullptr;
    QLabel *m_keysMessage = nullptr;
    // The message shows why the keys could not be read; the next list that loads removes it.
    bool m_keysMessageIsLoadError = false;

    QComboBox *m_settingsBucket = nullptr;
    QCheckBox *m_publicRead = nullptr;
    QCheckBox *m_publicList = nullptr;
    QPushButton *m_applyPublic = nullptr;
    QPlainTextEdit *m_cors = nullptr;
    QPushButton *m_saveCors = nullptr;
    QPushButton *m_removeCors = nullptr;
    QLabel *m_settingsMessage = nullptr;
};

} // namespace homeport::ui
