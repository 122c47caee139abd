// Every page of the console over a live stack: the five real services (channels, errors, search,
// storage, inference) in a ServiceHost with their monitors, as app/ wires them, fed through their
// own protocols (a Pusher WebSocket client and a signed REST trigger, a Sentry store request,
// Typesense collection, import and searches, an S3 bucket and upload through the Storage page).
// A message handler records every Qt warning while the test switches through all pages, in the
// light and the dark theme, and opens the chart ranges and the welcome: none may appear.
// Set HOMEPORT_GUI_SCREENSHOTS=<dir> to keep a PNG of every page (scripts/screenshots runs this
// under Xvfb for docs/screenshots/); with HOMEPORT_GUI_LANGUAGE=de or hi the console runs in that
// translation and only the Overview, Settings and the welcome are kept, named <page>-<language>.

#include "channels/channels_monitor.h"
#include "channels/channels_service.h"
#include "core/client_env.h"
#include "core/log_stream.h"
#include "core/metrics.h"
#include "core/secrets.h"
#include "core/service_catalog.h"
#include "core/service_host.h"
#include "core/settings.h"
#include "errors/errors_monitor.h"
#include "errors/errors_service.h"
#include "inference/inference_monitor.h"
#include "inference/inference_service.h"
#include "search/search_monitor.h"
#include "search/search_service.h"
#include "storage/storage_monitor.h"
#include "storage/storage_service.h"
#include "ui/console_translator.h"
#include "ui/errors_bar_chart.h"
#include "ui/errors_page.h"
#include "ui/logs_page.h"
#include "ui/main_window.h"
#include "ui/service_page.h"
#include "ui/sparkline.h"
#include "ui/theme.h"
#include "ui/storage_page.h"
#include "ui/search_latency_chart.h"
#include "ui/search_page.h"
#include "ui/welcome_dialog.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QComboBox>
#include <QHeaderView>
#include <QImageReader>
#include <QKeySequence>
#include <QLabel>
#include <QSet>
#include <QValueAxis>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>
#include <QWebSocket>

#include <memory>

using namespace homeport;

namespace {

QMutex g_warningsMutex;
QStringList g_warnings;
QtMessageHandler g_previousHandler = nullptr;

// What the platform, not the console, says: the offscreen plugin has no window manager to raise
// a window or take size hints, and the font database notes fonts without OpenType tables.
bool isPlatformNoise(const QString &message)
{
    return message.startsWith(QLatin1String("This plugin does not support"))
        || message.trimmed().startsWith(QLatin1String("OpenType support missing for"));
}

// Qt's own warnings (layouts, painters, fonts, charts, models...) fail the test. The services'
// categories (homeport.*) log what they do, warnings included, and are not rendering problems.
void recordWarnings(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QString category = QString::fromLatin1(context.category ? context.category : "default");
    if (type != QtDebugMsg && type != QtInfoMsg && !category.startsWith(QLatin1String("homeport."))
        && !isPlatformNoise(message)) {
        QMutexLocker lock(&g_warningsMutex);
        g_warnings << QStringLiteral("[%1] %2").arg(category, message);
    }
    if (g_previousHandler)
        g_previousHandler(type, context, message);
}

QStringList takeWarnings()
{
    QMutexLocker lock(&g_warningsMutex);
    return std::exchange(g_warnings, {});
}

} // namespace

class TestAllPages : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void feedTheStack();
    void everyPageRendersWithoutWarnings_data();
    void everyPageRendersWithoutWarnings();
    void chartRangesRenderWithoutWarnings();
    void errorsChartRangesCountTheEvents();
    void welcomeRendersWithoutWarnings();
    void searchAndStorageChartsTakeTheRange();
    void mutedTextFollowsTheThemeSwitch();
    void shortcutsOpenEveryPageAndTabGoesThroughIt();
    void iconsAreSvg();
    void theHandlerCatchesQtWarnings();

private:
    QByteArray send(const QByteArray &method, const QString &url, const QByteArray &body = {},
                    const QList<QPair<QByteArray, QByteArray>> &headers = {}, int *status = nullptr);
    QString base(const QString &service) const
    {
        return QStringLiteral("http://127.0.0.1:%1").arg(m_ports.value(service));
    }
    void screenshot(const QString &name);
    static QString language() { return qEnvironmentVariable("HOMEPORT_GUI_LANGUAGE"); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<core::Settings> m_settings;
    core::Metrics m_metrics;
    core::LogStream m_logs;
    core::Secrets m_secrets;
    channels::ChannelsMonitor m_channelsMonitor;
    errors::ErrorsMonitor m_errorsMonitor;
    search::SearchMonitor m_searchMonitor;
    storage::StorageMonitor m_storageMonitor;
    inference::InferenceMonitor m_inferenceMonitor;
    std::unique_ptr<core::ServiceHost> m_host;
    std::unique_ptr<ui::MainWindow> m_window;
    QNetworkAccessManager m_network;
    QHash<QString, quint16> m_ports;
    QList<QWebSocket *> m_sockets;
};

void TestAllPages::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_settings = std::make_unique<core::Settings>(m_dir->filePath(QStringLiteral("homeport.ini")), QProcessEnvironment());
    QString error;
    QVERIFY2(core::Secrets::loadOrCreate(m_dir->filePath(QStringLiteral("secrets.json")), &m_secrets, &error),
             qPrintable(error));
    m_logs.install();
    g_previousHandler = qInstallMessageHandler(recordWarnings);
    m_network.setProxy(QNetworkProxy::NoProxy);

    const QString dataDir = m_dir->path();
    m_host = std::make_unique<core::ServiceHost>([this, dataDir](const QString &name) {
        core::ServiceContext context;
        context.name = name;
        context.dataDir = dataDir + QLatin1Char('/') + name;
        QDir().mkpath(context.dataDir);
        context.bindAddress = QHostAddress::LocalHost;
        context.port = 0; // a free port each; the test reads it from the status
        context.settings = m_settings->section(name);
        context.secrets = m_secrets.service(name);
        context.metrics = &m_metrics;
        return context;
    });
    m_host->addService(QStringLiteral("channels"), [this] { return std::make_unique<channels::ChannelsService>(&m_channelsMonitor); });
    m_host->addService(QStringLiteral("errors"), [this] { return std::make_unique<errors::ErrorsService>(&m_errorsMonitor); });
    m_host->addService(QStringLiteral("search"), [this] { return std::make_unique<search::SearchService>(&m_searchMonitor); });
    m_host->addService(QStringLiteral("storage"), [this] { return std::make_unique<storage::StorageService>(&m_storageMonitor); });
    m_host->addService(QStringLiteral("inference"), [this] { return std::make_unique<inference::InferenceService>(&m_inferenceMonitor); });
    m_host->startAll(m_host->names());
    for (const QString &name : m_host->names()) {
        QVERIFY2(QTest::qWaitFor([&] { return m_host->status(name).state == core::ServiceState::Running; }, 20000),
                 qPrintable(name + QStringLiteral(": ") + m_host->status(name).reason));
        m_ports.insert(name, quint16(m_host->status(name).address.section(QLatin1Char(':'), -1).toUInt()));
    }

    ui::ConsoleContext context;
    context.host = m_host.get();
    context.metrics = &m_metrics;
    context.logs = &m_logs;
    context.settings = m_settings.get();
    context.dataDir = dataDir;
    context.adminAddress = QStringLiteral("127.0.0.1:9601");
    context.clientSettings = [this] {
        core::ClientSettings client;
        client.host = QStringLiteral("127.0.0.1");
        for (auto it = m_ports.cbegin(); it != m_ports.cend(); ++it)
            client.ports.insert(it.key(), it.value());
        client.secrets = m_secrets;
        return client;
    };
    context.channels = &m_channelsMonitor;
    context.errors = &m_errorsMonitor;
    context.search = &m_searchMonitor;
    context.storage = &m_storageMonitor;
    context.inference = &m_inferenceMonitor;
    if (!language().isEmpty())
        QVERIFY(ui::ConsoleTranslator::install(qApp, QLocale(language())));
    m_window = std::make_unique<ui::MainWindow>(context);
    m_window->show(); // at the size it opens with, as the screenshots show it
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestAllPages::cleanupTestCase()
{
    qDeleteAll(m_sockets);
    m_window.reset();
    if (m_host)
        m_host->shutdown();
    m_host.reset();
    qInstallMessageHandler(g_previousHandler);
}

QByteArray TestAllPages::send(const QByteArray &method, const QString &url, const QByteArray &body,
                              const QList<QPair<QByteArray, QByteArray>> &headers, int *status)
{
    QNetworkRequest request{QUrl(url)};
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    if (!body.isEmpty() && !request.hasRawHeader("Content-Type"))
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply = m_network.sendCustomRequest(request, method, body);
    if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 15000))
        reply->abort();
    const QByteArray answer = reply->readAll();
    if (status)
        *status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    reply->deleteLater();
    return answer;
}

void TestAllPages::theHandlerCatchesQtWarnings()
{
    // The check below can fail: a real Qt warning from a widget property is recorded.
    takeWarnings();
    QFont font;
    font.setPointSizeF(-1);
    const QStringList warnings = takeWarnings();
    QCOMPARE(warnings.size(), 1);
    QVERIFY2(warnings.first().contains(QStringLiteral("Point size <= 0")), qPrintable(warnings.first()));
}

void TestAllPages::feedTheStack()
{
    // Channels: three Pusher protocol 7 clients on a public channel, then REST triggers signed
    // with the app secret as the pusher server SDKs sign them.
    const QString appKey = m_secrets.value(QStringLiteral("channels"), QStringLiteral("app_key"));
    const QString appId = m_secrets.value(QStringLiteral("channels"), QStringLiteral("app_id"));
    const QByteArray appSecret = m_secrets.value(QStringLiteral("channels"), QStringLiteral("app_secret")).toUtf8();
    int subscribed = 0;
    for (int i = 0; i < 3; ++i) {
        auto *socket = new QWebSocket;
        m_sockets << socket;
        connect(socket, &QWebSocket::textMessageReceived, socket, [socket, &subscribed](const QString &message) {
            const QJsonObject event = QJsonDocument::fromJson(message.toUtf8()).object();
            if (event.value(QStringLiteral("event")) == QLatin1String("pusher:connection_established"))
                socket->sendTextMessage(QStringLiteral(R"({"event":"pusher:subscribe","data":{"channel":"orders"}})"));
            else if (event.value(QStringLiteral("event")) == QLatin1String("pusher_internal:subscription_succeeded"))
                ++subscribed;
        });
        socket->open(QUrl(QStringLiteral("ws://127.0.0.1:%1/app/%2?protocol=7&client=js&version=8.4.0")
                              .arg(m_ports.value(QStringLiteral("channels")))
                              .arg(appKey)));
    }
    QTRY_COMPARE_WITH_TIMEOUT(subscribed, 3, 15000);
    const auto trigger = [&](int i) {
        const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("name"), QStringLiteral("order.shipped")},
                                                          {QStringLiteral("channel"), QStringLiteral("orders")},
                                                          {QStringLiteral("data"), QStringLiteral(R"({"id":%1})").arg(i)}})
                                    .toJson(QJsonDocument::Compact);
        const QString path = QStringLiteral("/apps/%1/events").arg(appId);
        const QString query = QStringLiteral("auth_key=%1&auth_timestamp=%2&auth_version=1.0&body_md5=%3")
                                  .arg(appKey)
                                  .arg(QDateTime::currentSecsSinceEpoch())
                                  .arg(QString::fromLatin1(QCryptographicHash::hash(body, QCryptographicHash::Md5).toHex()));
        const QByteArray signature = QMessageAuthenticationCode::hash(
                                         QStringLiteral("POST\n%1\n%2").arg(path, query).toUtf8(), appSecret,
                                         QCryptographicHash::Sha256)
                                         .toHex();
        int status = 0;
        const QByteArray answer = send("POST", base(QStringLiteral("channels")) + path + QLatin1Char('?') + query
                                                   + QStringLiteral("&auth_signature=") + QString::fromLatin1(signature),
                                       body, {}, &status);
        QVERIFY2(status == 200, answer.constData());
    };
    for (int i = 0; i < 5; ++i)
        trigger(i);

    // Errors: two issues through Sentry's store endpoint, with the DSN's public key.
    const QString sentryKey = m_secrets.value(QStringLiteral("errors"), QStringLiteral("public_key"));
    const char *exceptions[][2] = {{"TypeError", "Cannot read properties of undefined (reading 'total')"},
                                   {"QueryException", "SQLSTATE[23000]: Integrity constraint violation"}};
    for (const auto &exception : exceptions) {
        for (int i = 0; i < 3; ++i) {
            const QJsonObject event{
                {QStringLiteral("event_id"), QUuid::createUuid().toString(QUuid::Id128)},
                {QStringLiteral("platform"), QStringLiteral("node")},
                {QStringLiteral("level"), QStringLiteral("error")},
                {QStringLiteral("environment"), QStringLiteral("production")},
                {QStringLiteral("exception"),
                 QJsonObject{{QStringLiteral("values"),
                              QJsonArray{QJsonObject{{QStringLiteral("type"), QString::fromLatin1(exception[0])},
                                                     {QStringLiteral("value"), QString::fromLatin1(exception[1])}}}}}}};
            int status = 0;
            const QByteArray answer = send("POST", base(QStringLiteral("errors")) + QStringLiteral("/api/1/store/"),
                                           QJsonDocument(event).toJson(QJsonDocument::Compact),
                                           {{"X-Sentry-Auth", QStringLiteral("Sentry sentry_version=7, sentry_key=%1, "
                                                                             "sentry_client=homeport-test/1.0")
                                                                  .arg(sentryKey)
                                                                  .toUtf8()}},
                                           &status);
            QVERIFY2(status == 200, answer.constData());
        }
    }

    // Search: a collection, an import, a few searches.
    const QByteArray searchKey = m_secrets.value(QStringLiteral("search"), QStringLiteral("api_key")).toUtf8();
    const QList<QPair<QByteArray, QByteArray>> typesense{{"X-TYPESENSE-API-KEY", searchKey}};
    int status = 0;
    QByteArray answer = send("POST", base(QStringLiteral("search")) + QStringLiteral("/collections"),
                             R"({"name":"books","fields":[{"name":"title","type":"string"},)"
                             R"({"name":"author","type":"string","facet":true},{"name":"year","type":"int32"}]})",
                             typesense, &status);
    QVERIFY2(status == 201, answer.constData());
    answer = send("POST", base(QStringLiteral("search")) + QStringLiteral("/collections/books/documents/import?action=create"),
                  "{\"title\":\"The Left Hand of Darkness\",\"author\":\"Le Guin\",\"year\":1969}\n"
                  "{\"title\":\"The Dispossessed\",\"author\":\"Le Guin\",\"year\":1974}\n"
                  "{\"title\":\"Solaris\",\"author\":\"Lem\",\"year\":1961}\n"
                  "{\"title\":\"The Cyberiad\",\"author\":\"Lem\",\"year\":1965}\n",
                  {{"X-TYPESENSE-API-KEY", searchKey}, {"Content-Type", "text/plain"}}, &status);
    QVERIFY2(status == 200 && !answer.contains("false"), answer.constData());
    for (const char *q : {"darkness", "dispossesed", "solaris", "cyber"}) {
        answer = send("GET", base(QStringLiteral("search"))
                                 + QStringLiteral("/collections/books/documents/search?q=%1&query_by=title").arg(QLatin1String(q)),
                      {}, typesense, &status);
        QVERIFY2(status == 200, answer.constData());
    }

    // Storage: a bucket and two objects, through the Storage page's own signed requests.
    auto *storagePage = qobject_cast<ui::StoragePage *>(m_window->servicePage(QStringLiteral("storage")));
    QVERIFY(storagePage);
    storagePage->setNamePrompt([](QWidget *) { return QStringLiteral("invoices"); });
    QSignalSpy done(storagePage, &ui::StoragePage::actionFinished);
    storagePage->newBucket();
    QTRY_VERIFY_WITH_TIMEOUT(!done.isEmpty(), 15000);
    QVERIFY(done.takeFirst().at(0).toBool());
    QStringList files;
    for (const char *name : {"2026-11.pdf", "2026-10.pdf"}) {
        const QString path = m_dir->filePath(QString::fromLatin1(name));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(48 * 1024, 'p'));
        files << path;
    }
    storagePage->openBucket(QStringLiteral("invoices"));
    storagePage->uploadFiles(files);
    QTRY_VERIFY_WITH_TIMEOUT(done.size() >= 1, 15000);

    // Inference has no pod: a client gets OpenAI's 503 (counted on its page like any request).
    send("POST", base(QStringLiteral("inference")) + QStringLiteral("/v1/chat/completions"),
         R"({"model":"llama","messages":[{"role":"user","content":"hi"}]})",
         {{"Authorization", "Bearer " + m_secrets.value(QStringLiteral("inference"), QStringLiteral("api_key")).toUtf8()}},
         &status);
    QCOMPARE(status, 503);

    // For the screenshots, some seconds of steady traffic, so the request and latency charts
    // show a line rather than one spike (not needed for the checks, so only then).
    if (!qEnvironmentVariableIsEmpty("HOMEPORT_GUI_SCREENSHOTS")) {
        const char *queries[] = {"darkness", "le guin", "solaris", "cyberiad", "lem", "dispossessed"};
        for (int round = 0; round < 24; ++round) {
            for (int i = 0; i <= round % 3; ++i) {
                send("GET", base(QStringLiteral("search"))
                                + QStringLiteral("/collections/books/documents/search?q=%1&query_by=title,author")
                                      .arg(QLatin1String(queries[(round + i) % 6])),
                     {}, typesense, &status);
            }
            trigger(round);
            m_window->refresh();
            QTest::qWait(500);
        }
    }

    // Let the monitors publish (they do so about once a second).
    QTest::qWait(2500);
    m_window->refresh();
}

void TestAllPages::everyPageRendersWithoutWarnings_data()
{
    QTest::addColumn<QString>("theme");
    QTest::newRow("light") << QStringLiteral("light");
    QTest::newRow("dark") << QStringLiteral("dark");
}

void TestAllPages::everyPageRendersWithoutWarnings()
{
    QFETCH(QString, theme);
    m_window->applyTheme(theme);
    takeWarnings();
    for (const QString &page : m_window->pageNames()) {
        m_window->showPage(page);
        QCOMPARE(m_window->currentPageName(), page);
        QWidget *widget = m_window->page(page);
        // Every tab of the page, drawn for real (grab paints the whole widget tree).
        const QList<QTabWidget *> tabs = widget->findChildren<QTabWidget *>();
        for (QTabWidget *tabWidget : tabs) {
            for (int i = 0; i < tabWidget->count(); ++i) {
                tabWidget->setCurrentIndex(i);
                m_window->refresh();
                QApplication::processEvents();
                QVERIFY(!m_window->grab().isNull());
            }
            tabWidget->setCurrentIndex(0);
        }
        if (page == QLatin1String("logs")) {
            // One service's lines, the access log included: what "Open log" on a failure shows.
            m_window->logsPage()->setLevelFilter(0);
            m_window->logsPage()->setServiceFilter(QStringLiteral("search"));
        }
        m_window->refresh();
        QTest::qWait(50);
        QVERIFY(!m_window->grab().isNull());
        const QStringList warnings = takeWarnings();
        QVERIFY2(warnings.isEmpty(), qPrintable(page + QStringLiteral(": ") + warnings.join(QLatin1Char('\n'))));
        if (theme == QLatin1String("light"))
            screenshot(page);
        if (theme == QLatin1String("light") && page == QLatin1String("settings")) {
            auto *scroll = widget->findChild<QScrollArea *>(QStringLiteral("pageScroll"));
            QVERIFY(scroll);
            scroll->verticalScrollBar()->setValue(scroll->verticalScrollBar()->maximum());
            QApplication::processEvents();
            screenshot(QStringLiteral("settings-tls-data"));
            scroll->verticalScrollBar()->setValue(0);
        }
        else if (page == QLatin1String("overview"))
            screenshot(QStringLiteral("overview-dark"));
    }
    // The live data arrived where it should.
    QVERIFY(m_window->healthText().contains(QStringLiteral("running")) || !m_window->healthText().isEmpty());
    m_window->applyTheme(QStringLiteral("light"));
}

void TestAllPages::chartRangesRenderWithoutWarnings()
{
    takeWarnings();
    for (const QString &page : m_window->pageNames()) {
        m_window->showPage(page);
        for (ui::ChartRangeBox *box : m_window->page(page)->findChildren<ui::ChartRangeBox *>()) {
            for (ui::ChartRange range : {ui::ChartRange::OneHour, ui::ChartRange::OneDay, ui::ChartRange::FiveMinutes}) {
                box->setRange(range);
                m_window->refresh();
                QVERIFY(!m_window->grab().isNull());
            }
        }
    }
    const QStringList warnings = takeWarnings();
    QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(QLatin1Char('\n'))));
}

void TestAllPages::errorsChartRangesCountTheEvents()
{
    // The six events sent in feedTheStack, in each range's buckets.
    m_window->showPage(QStringLiteral("errors"));
    auto *page = qobject_cast<ui::ErrorsPage *>(m_window->servicePage(QStringLiteral("errors")));
    QVERIFY(page);
    // The box in the events chart's card (the page's generic traffic chart has one too, hidden).
    auto *range = page->eventsChart()->parentWidget()->findChild<ui::ChartRangeBox *>(QStringLiteral("chartRange"));
    QVERIFY(range);
    range->setRange(ui::ChartRange::OneHour);
    range->setRange(ui::ChartRange::FiveMinutes);
    QCOMPARE(page->eventsChart()->values().size(), 30);
    QCOMPARE(page->eventsChart()->total(), 6.0);
    range->setRange(ui::ChartRange::OneDay);
    QCOMPARE(page->eventsChart()->values().size(), 96);
    QCOMPARE(page->eventsChart()->total(), 6.0);
    range->setRange(ui::ChartRange::OneHour);
    QCOMPARE(page->eventsChart()->values().size(), 60);
    QCOMPARE(page->eventsChart()->total(), 6.0);
}

void TestAllPages::welcomeRendersWithoutWarnings()
{
    takeWarnings();
    ui::WelcomeDialog *welcome = m_window->openWelcome();
    QVERIFY(QTest::qWaitForWindowExposed(welcome));
    for (const QString &name : m_host->names())
        QCOMPARE(welcome->stateText(name), ui::Theme::stateText(core::ServiceState::Running));
    QVERIFY(!welcome->grab().isNull());
    const QString dir = qEnvironmentVariable("HOMEPORT_GUI_SCREENSHOTS");
    if (!dir.isEmpty())
        welcome->grab().save(dir + (language().isEmpty() ? QStringLiteral("/welcome.png")
                                                         : QStringLiteral("/welcome-%1.png").arg(language())));
    welcome->close();
    const QStringList warnings = takeWarnings();
    QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(QLatin1Char('\n'))));
}

void TestAllPages::searchAndStorageChartsTakeTheRange()
{
    // The search service's minutes carry the requests of feedTheStack; its latency chart draws
    // them once the range is an hour, on an axis that counts minutes.
    m_window->showPage(QStringLiteral("search"));
    auto *search = qobject_cast<ui::SearchPage *>(m_window->servicePage(QStringLiteral("search")));
    QVERIFY(search);
    search->tabs()->setCurrentIndex(ui::SearchPage::OverviewTab);
    auto *latencyRange = search->latencyChart()->parentWidget()->findChild<ui::ChartRangeBox *>(QStringLiteral("chartRange"));
    QVERIFY(latencyRange);
    const search::SearchSnapshot snapshot = m_searchMonitor.snapshot();
    QVERIFY(!snapshot.latencyMinutes.isEmpty());
    quint64 minuteRequests = 0;
    for (const search::LatencyPoint &p : snapshot.latencyMinutes) {
        QCOMPARE(p.second % 60, 0);
        minuteRequests += p.requests;
    }
    // The minutes are made of the same seconds the 5-minute chart shows (all within 5 minutes here).
    quint64 secondRequests = 0;
    for (const search::LatencyPoint &p : snapshot.latency)
        secondRequests += p.requests;
    QVERIFY(secondRequests >= 1);
    QCOMPARE(minuteRequests, secondRequests);
    latencyRange->setRange(ui::ChartRange::OneHour);
    QCOMPARE(search->latencyChart()->range(), ui::ChartRange::OneHour);
    QCOMPARE(search->latencyChart()->seconds(), 3600);
    QTRY_VERIFY_WITH_TIMEOUT(search->latencyChart()->p50PointCount() >= 1, 5000);
    QVERIFY(search->latencyChart()->p50PointCount() <= int(snapshot.latencyMinutes.size()) + 1);
    auto *xAxis = qobject_cast<QValueAxis *>(search->latencyChart()->chart()->axes(Qt::Horizontal).value(0));
    QVERIFY(xAxis);
    QCOMPARE(xAxis->min(), -60.0);
    QCOMPARE(xAxis->titleText(), ui::Sparkline::axisTitle(ui::ChartRange::OneHour));
    latencyRange->setRange(ui::ChartRange::OneDay);
    QCOMPARE(xAxis->min(), -24.0);
    latencyRange->setRange(ui::ChartRange::FiveMinutes);
    QCOMPARE(xAxis->min(), -300.0);

    // Storage: the minute points hold the bytes of the two uploads.
    m_window->showPage(QStringLiteral("storage"));
    auto *storage = qobject_cast<ui::StoragePage *>(m_window->servicePage(QStringLiteral("storage")));
    QVERIFY(storage);
    auto *usageRange = storage->usageChart()->parentWidget()->findChild<ui::ChartRangeBox *>(QStringLiteral("chartRange"));
    QVERIFY(usageRange);
    QTRY_VERIFY_WITH_TIMEOUT(!m_storageMonitor.snapshot().usageMinutes.isEmpty()
                                 && m_storageMonitor.snapshot().usageMinutes.last().bytes >= 2 * 48 * 1024,
                             10000);
    usageRange->setRange(ui::ChartRange::OneDay);
    QCOMPARE(storage->usageChart()->range(), ui::ChartRange::OneDay);
    m_window->refresh();
    QTRY_VERIFY_WITH_TIMEOUT(storage->usageChart()->pointCount() >= 1, 5000);
    QVERIFY(storage->usageChart()->pointCount() <= int(m_storageMonitor.snapshot().usageMinutes.size()));
    QVERIFY(storage->usageChart()->peak() > 0);
    usageRange->setRange(ui::ChartRange::FiveMinutes);
}

void TestAllPages::mutedTextFollowsTheThemeSwitch()
{
    // Every widget whose own style sheet carries the light theme's muted colour (labels of the
    // dashboards, the issue view, the debug console...) carries the dark one's after the switch,
    // and no style sheet anywhere keeps a light-only colour.
    m_window->applyTheme(QStringLiteral("light"));
    const QString lightMuted = ui::Theme::mutedText().name();
    const QString lightPage = ui::Theme::pageBackground().name();
    QList<QWidget *> muted;
    for (QWidget *w : m_window->findChildren<QWidget *>()) {
        if (w->styleSheet().contains(lightMuted) && w != m_window.get())
            muted << w;
    }
    QVERIFY2(muted.size() >= 6, qPrintable(QString::number(muted.size())));
    auto *latencyNow = m_window->findChild<QLabel *>(QStringLiteral("latencyNow"));
    auto *usageNow = m_window->findChild<QLabel *>(QStringLiteral("usageNow"));
    QVERIFY(latencyNow && muted.contains(latencyNow));
    QVERIFY(usageNow && muted.contains(usageNow));
    QCOMPARE(latencyNow->palette().color(latencyNow->foregroundRole()).name(), lightMuted);

    m_window->applyTheme(QStringLiteral("dark"));
    const QString darkMuted = ui::Theme::mutedText().name();
    QVERIFY(darkMuted != lightMuted);
    for (QWidget *w : std::as_const(muted)) {
        QVERIFY2(w->styleSheet().contains(darkMuted), qPrintable(w->objectName() + QStringLiteral(": ") + w->styleSheet()));
    }
    for (QWidget *w : m_window->findChildren<QWidget *>()) {
        QVERIFY2(!w->styleSheet().contains(lightMuted) && !w->styleSheet().contains(lightPage),
                 qPrintable(w->objectName() + QStringLiteral(" (") + QString::fromLatin1(w->metaObject()->className())
                            + QStringLiteral("): ") + w->styleSheet().left(200)));
    }
    // What is drawn, not only the sheet.
    QCOMPARE(latencyNow->palette().color(latencyNow->foregroundRole()).name(), darkMuted);
    QCOMPARE(usageNow->palette().color(usageNow->foregroundRole()).name(), darkMuted);
    // Charts take the dark axis colours too.
    auto *xAxis = m_window->findChild<ui::SearchLatencyChart *>()->chart()->axes(Qt::Horizontal).value(0);
    QCOMPARE(xAxis->labelsColor().name(), darkMuted);

    m_window->applyTheme(QStringLiteral("light"));
    QCOMPARE(latencyNow->palette().color(latencyNow->foregroundRole()).name(), lightMuted);
    QCOMPARE(xAxis->labelsColor().name(), lightMuted);
}

void TestAllPages::shortcutsOpenEveryPageAndTabGoesThroughIt()
{
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    const QStringList pages = m_window->pageNames();
    QVERIFY(pages.size() >= 8);
    // Backwards, so every key really switches.
    for (int i = int(std::min<qsizetype>(pages.size(), 9)) - 1; i >= 0; --i) {
        const QString name = pages[i];
        QCOMPARE(m_window->pageShortcut(name), QKeySequence(QKeyCombination(Qt::ControlModifier, Qt::Key(Qt::Key_1 + i))));
        QTest::keyClick(QApplication::focusWidget() ? QApplication::focusWidget() : m_window.get(), Qt::Key(Qt::Key_1 + i),
                        Qt::ControlModifier);
        QCOMPARE(m_window->currentPageName(), name);
        QWidget *page = m_window->page(name);
        QWidget *first = QApplication::focusWidget();
        QVERIFY2(first && page->isAncestorOf(first), qPrintable(name));

        // Tab goes from control to control through the page and on around the window back to the
        // first one: nothing holds the focus, and every table shown on the page is reached.
        // (A text view with links takes a Tab per link before it lets go; a trap never lets go.)
        QSet<QWidget *> reached{first};
        QWidget *previous = first;
        int held = 0;
        bool cameBack = false;
        for (int n = 0; n < 600 && !cameBack; ++n) {
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
            QWidget *now = QApplication::focusWidget();
            QVERIFY2(now, qPrintable(name + QStringLiteral(": Tab lost the focus")));
            held = now == previous ? held + 1 : 0;
            QVERIFY2(held < 40, qPrintable(name + QStringLiteral(": Tab stays on ") + now->objectName() + QLatin1Char(' ')
                                          + QString::fromLatin1(now->metaObject()->className())));
            reached.insert(now);
            previous = now;
            cameBack = now == first;
        }
        QVERIFY2(cameBack, qPrintable(name + QStringLiteral(": Tab never came back to the first control")));
        for (QAbstractItemView *table : page->findChildren<QAbstractItemView *>()) {
            // (Headers are part of their table; a combo box's list is its popup.)
            if (!table->isVisible() || qobject_cast<QHeaderView *>(table) || qobject_cast<QComboBox *>(table->parentWidget()))
                continue;
            QString where;
            for (QWidget *w = table; w && w != page; w = w->parentWidget())
                where += QString::fromLatin1(w->metaObject()->className()) + QLatin1Char('#') + w->objectName() + QStringLiteral(" < ");
            QVERIFY2(reached.contains(table), qPrintable(name + QStringLiteral(": Tab never reaches ") + where));
        }
    }
}

void TestAllPages::iconsAreSvg()
{
    // Qt's SVG plugin is there (a build and package dependency), so every icon comes from its SVG.
    QVERIFY(QImageReader::supportedImageFormats().contains("svg"));
    for (const QString &name : {QStringLiteral("homeport"), QStringLiteral("overview"), QStringLiteral("search"),
                                QStringLiteral("settings"), QStringLiteral("tray-healthy")}) {
        const QString path = ui::Theme::iconPath(name);
        QVERIFY2(path.endsWith(QStringLiteral(".svg")) && QFile::exists(path), qPrintable(path));
        // Sharp at a high device pixel ratio: drawn at the size asked, not scaled up from a small PNG.
        const QPixmap big = QIcon(path).pixmap(QSize(64, 64), 3.0);
        QCOMPARE(big.size(), QSize(192, 192));
    }
    QVERIFY(m_window->windowIcon().name().isEmpty()); // from a file, not a theme lookup
    QVERIFY(!m_window->windowIcon().pixmap(QSize(256, 256)).isNull());
}

void TestAllPages::screenshot(const QString &name)
{
    const QString dir = qEnvironmentVariable("HOMEPORT_GUI_SCREENSHOTS");
    if (dir.isEmpty())
        return;
    if (!language().isEmpty()) {
        if (name != QLatin1String("overview") && name != QLatin1String("settings") && name != QLatin1String("welcome"))
            return;
        QDir().mkpath(dir);
        QVERIFY(m_window->grab().save(dir + QLatin1Char('/') + name + QLatin1Char('-') + language() + QStringLiteral(".png")));
        return;
    }
    QDir().mkpath(dir);
    QVERIFY(m_window->grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png")));
}

QTEST_MAIN(TestAllPages)
#include "tst_all_pages.moc"
