// The Inference page's keys panel against a real inference service: a ServiceHost runs
// InferenceService in its own thread on a free loopback port with a real InferenceMonitor, as
// app/ wires them. The test creates a key through the panel's dialog, sees its secret once, uses
// it over HTTP, sees its refused request in the sortable request log, and revokes it.

#include "service_page_test_helpers.h"

#include "inference/inference_monitor.h"
#include "inference/inference_service.h"
#include "ui/editor_dialog.h"
#include "ui/inference_keys_panel.h"

#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>

using namespace homeport;
using guitest::column;
using guitest::rowWith;

namespace {
// Columns of the panel's tables, as the user sees them.
constexpr int kKeyName = 0;
constexpr int kKeyModels = 2;
constexpr int kKeyRequests = 3;
constexpr int kKeyState = 7;
constexpr int kLogKey = 1;
constexpr int kLogModel = 3;
constexpr int kLogStatus = 9;
} // namespace

class TestInferenceKeysPanel : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void listsTheAdminKey();
    void createsAKeyAndShowsItsSecretOnce();
    void logsARefusedRequestAndSorts();
    void revokesTheKey();

private:
    int get(const QByteArray &path, const QString &key, const QByteArray &postBody = {});

    QTemporaryDir m_dir;
    std::unique_ptr<core::Metrics> m_metrics;
    std::unique_ptr<inference::InferenceMonitor> m_monitor;
    std::unique_ptr<core::ServiceHost> m_host;
    std::unique_ptr<ui::InferenceKeysPanel> m_panel;
    QNetworkAccessManager m_network;
    quint16 m_port = 0;
    QString m_secret;
    QString m_secretName;
};

void TestInferenceKeysPanel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    m_metrics = std::make_unique<core::Metrics>();
    m_monitor = std::make_unique<inference::InferenceMonitor>();
    core::Secrets secrets;
    QString error;
    QVERIFY2(core::Secrets::loadOrCreate(m_dir.filePath(QStringLiteral("secrets.json")), &secrets, &error), qPrintable(error));
    m_host = guitest::loopbackHost(m_metrics.get(), m_dir.path(), secrets);
    inference::InferenceMonitor *monitor = m_monitor.get();
    m_host->addService(QStringLiteral("inference"), [monitor] { return std::make_unique<inference::InferenceService>(monitor); });
    m_host->start(QStringLiteral("inference"));
    m_port = guitest::waitForPort(m_host.get(), QStringLiteral("inference"));
    QVERIFY(m_port != 0);
    m_network.setProxy(QNetworkProxy::NoProxy);

    m_panel = std::make_unique<ui::InferenceKeysPanel>(m_monitor.get());
    m_panel->setSecretPresenter([this](const QString &name, const QString &secret) {
        m_secretName = name;
        m_secret = secret;
    });
    m_panel->resize(1100, 700);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
}

void TestInferenceKeysPanel::cleanupTestCase()
{
    m_panel.reset();
    if (m_host)
        m_host->stopAll();
}

int TestInferenceKeysPanel::get(const QByteArray &path, const QString &key, const QByteArray &postBody)
{
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(QString::fromLatin1(path))));
    request.setRawHeader("Authorization", "Bearer " + key.toUtf8());
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply = postBody.isEmpty() ? m_network.get(request) : m_network.post(request, postBody);
    if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 10000))
        return -1;
    reply->deleteLater();
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

void TestInferenceKeysPanel::listsTheAdminKey()
{
    QTableView *keys = m_panel->keysView();
    QVERIFY(QTest::qWaitFor([keys] { return keys->model()->rowCount() == 1; }, 5000));
    QCOMPARE(keys->model()->index(0, kKeyState).data().toString(), QStringLiteral("admin"));
    QCOMPARE(keys->model()->index(0, kKeyModels).data().toString(), QStringLiteral("all"));
    auto *hint = m_panel->findChild<QLabel *>(QStringLiteral("baseUrlHint"));
    QVERIFY(hint);
    QVERIFY2(hint->text().contains(QStringLiteral("http://127.0.0.1:%1/v1").arg(m_port)), qPrintable(hint->text()));
    // The admin key can be neither edited nor revoked.
    keys->selectRow(0);
    QVERIFY(!m_panel->findChild<QPushButton *>(QStringLiteral("revokeKeyButton"))->isEnabled());
}

void TestInferenceKeysPanel::createsAKeyAndShowsItsSecretOnce()
{
    // The editor is modal: fill it in once it is up, as a user would.
    bool filled = false;
    QTimer::singleShot(0, this, [&filled] {
        auto *editor = qobject_cast<ui::EditorDialog *>(QApplication::activeModalWidget());
        if (!editor)
            return;
        editor->findChild<QLineEdit *>(QStringLiteral("nameEdit"))->setText(QStringLiteral("shop backend"));
        editor->findChild<QLineEdit *>(QStringLiteral("modelsEdit"))->setText(QStringLiteral("llama, qwen"));
        editor->findChild<QSpinBox *>(QStringLiteral("rpmSpin"))->setValue(30);
        filled = true;
        editor->accept();
    });
    m_panel->createKey();
    QVERIFY(filled);
    QVERIFY(QTest::qWaitFor([this] { return !m_secret.isEmpty(); }, 5000));
    QCOMPARE(m_secretName, QStringLiteral("shop backend"));
    QVERIFY(m_secret.startsWith(QStringLiteral("sk-hp-")));

    QTableView *keys = m_panel->keysView();
    QVERIFY(QTest::qWaitFor([keys] { return keys->model()->rowCount() == 2; }, 5000));
    const int row = rowWith(keys->model(), kKeyName, QStringLiteral("shop backend"));
    QVERIFY(row >= 0);
    QCOMPARE(keys->model()->index(row, kKeyModels).data().toString(), QStringLiteral("llama, qwen"));
    QCOMPARE(keys->model()->index(row, kKeyState).data().toString(), QStringLiteral("active"));
    QVERIFY(keys->model()->index(row, kKeyRequests).data().toString().contains(QStringLiteral("/ 30")));
    // The secret is nowhere in the table, only its prefix.
    for (int c = 0; c < keys->model()->columnCount(); ++c)
        QVERIFY(!keys->model()->index(row, c).data().toString().contains(m_secret));

    // The key works at once.
    QCOMPARE(get("/v1/models", m_secret), 200);
}

void TestInferenceKeysPanel::logsARefusedRequestAndSorts()
{
    // A model outside the key's list: refused (404) before any pod, and logged.
    QCOMPARE(get("/v1/chat/completions", m_secret, R"({"model":"mistral","messages":[]})"), 404);
    QTableView *log = m_panel->requestsView();
    QVERIFY(QTest::qWaitFor([log] { return log->model()->rowCount() == 1; }, 5000));
    QCOMPARE(log->model()->index(0, kLogKey).data().toString(), QStringLiteral("shop backend"));
    QCOMPARE(log->model()->index(0, kLogModel).data().toString(), QStringLiteral("mistral"));
    QCOMPARE(log->model()->index(0, kLogStatus).data().toString(), QStringLiteral("404"));

    QCOMPARE(get("/v1/chat/completions", m_secret, R"({"model":"another","messages":[]})"), 404);
    QVERIFY(QTest::qWaitFor([log] { return log->model()->rowCount() == 2; }, 5000));
    log->sortByColumn(kLogModel, Qt::AscendingOrder);
    QCOMPARE(column(log->model(), kLogModel), (QStringList{QStringLiteral("another"), QStringLiteral("mistral")}));
    log->sortByColumn(kLogModel, Qt::DescendingOrder);
    QCOMPARE(column(log->model(), kLogModel), (QStringList{QStringLiteral("mistral"), QStringLiteral("another")}));
}

void TestInferenceKeysPanel::revokesTheKey()
{
    QTableView *keys = m_panel->keysView();
    const int row = rowWith(keys->model(), kKeyName, QStringLiteral("shop backend"));
    QVERIFY(row >= 0);
    keys->selectRow(row);
    QString asked;
    m_panel->setConfirm([&asked](QWidget *, const QString &, const QString &text) {
        asked = text;
        return true;
    });
    auto *revoke = m_panel->findChild<QPushButton *>(QStringLiteral("revokeKeyButton"));
    QVERIFY(revoke->isEnabled());
    revoke->click();
    QVERIFY(asked.contains(QStringLiteral("shop backend")));
    QVERIFY(QTest::qWaitFor([&] {
        const int r = rowWith(keys->model(), kKeyName, QStringLiteral("shop backend"));
        return r >= 0 && keys->model()->index(r, kKeyState).data().toString() == QStringLiteral("revoked");
    }, 5000));
    QCOMPARE(get("/v1/models", m_secret), 401);
}

QTEST_MAIN(TestInferenceKeysPanel)
#include "tst_inference_keys_panel.moc"
