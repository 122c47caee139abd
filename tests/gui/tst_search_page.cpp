// The Search page against a real search service: a ServiceHost runs SearchService in its own
// thread on a free loopback port with a real SearchMonitor, as app/ wires them. Every view of the
// page goes through the service's routes (collections, import, search, keys, synonyms,
// overrides), so the test checks what the API really answers, errors included.
// Set HOMEPORT_GUI_SCREENSHOTS=<dir> to keep PNGs of the tabs.

#include "service_page_test_helpers.h"

#include "core/metrics.h"
#include "core/secrets.h"
#include "core/service_host.h"
#include "search/search_monitor.h"
#include "search/search_service.h"
#include "ui/empty_state.h"
#include "ui/main_window.h"
#include "ui/search_api_client.h"
#include "ui/search_api_list_panel.h"
#include "ui/search_collection_model.h"
#include "ui/search_json_dialog.h"
#include "ui/search_latency_chart.h"
#include "ui/search_page.h"
#include "ui/search_result_format.h"
#include "ui/snippet_card.h"

#include <QClipboard>
#include <QHeaderView>
#include <QJsonArray>
#include <QScrollBar>
#include <QLabel>
#include <QPushButton>
#include <QJsonDocument>
#include <QLineEdit>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace homeport;
using guitest::column;
using ui::SearchApiListPanel;
using ui::SearchCollectionModel;
using ui::SearchPage;

namespace {

const char *kProductsSchema = R"({"name":"products","fields":[
    {"name":"name","type":"string"},
    {"name":"brand","type":"string","facet":true},
    {"name":"price","type":"float","facet":true},
    {"name":"popularity","type":"int32"}],
  "default_sorting_field":"popularity"})";

// Ten good lines, a line that is not JSON (line 4) and a document without a required field
// (line 8): the import must keep the ten and list the two with the server's messages.
const char *kProductsJsonl =
    R"({"id":"1","name":"Pocket phone charger","brand":"Volta","price":19.5,"popularity":40}
{"id":"2","name":"Phone case, leather","brand":"Hide & Co","price":35,"popularity":25}
{"id":"3","name":"Desk lamp","brand":"Volta","price":49,"popularity":10}
{"id":"4","name": this line is broken
{"id":"5","name":"Smart phone stand","brand":"Desko","price":15,"popularity":33}
{"id":"6","name":"USB-C cable","brand":"Volta","price":9,"popularity":60}
{"id":"7","name":"Noise cancelling headphones","brand":"Hush","price":199,"popularity":51}
{"id":"8","brand":"Hush","price":5,"popularity":1}
{"id":"9","name":"Phone tripod with remote","brand":"Desko","price":29,"popularity":18}
{"id":"10","name":"Wireless phone charger pad","brand":"Volta","price":24,"popularity":47}
{"id":"11","name":"Headphone stand, walnut","brand":"Desko","price":39,"popularity":12}
{"id":"12","name":"Phone screen protector","brand":"Clearshield","price":7.5,"popularity":70}
)";

} // namespace

class TestSearchPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void installedWithEmptyStates();
    void createCollectionShowsTheServersErrors();
    void importListsBadLinesAndKeepsTheRest();
    void playgroundShowsHitsHighlightsAndFacets();
    void playgroundShowsTheServersError();
    void documentBrowserPagesAndFilters();
    void collectionsTableSorts();
    void collectionsAndSchemaShowWholeNames();
    void latencyChartFollowsRequests();
    void keysSynonymsAndOverridesFollowTheApi();
    void scopedKeyMatchesTypesenseJs();
    void highlightsEscapeEverythingButMarks();
    void connectSnippetsCarryTheRealKeyAndPort();
    void deleteCollectionAsksFirst();
    void stoppedServiceIsShownAndAnswered();
    void everyTabFitsTheWindow();

private:
    SearchPage *page() const { return qobject_cast<SearchPage *>(m_window->servicePage(QStringLiteral("search"))); }
    void screenshot(const QString &name)
    {
        QApplication::processEvents();
        QVERIFY(guitest::saveScreenshot(m_window.get(), page(), page()->tabs(), QStringLiteral("search-") + name));
    }
    // A request through the same monitor the page uses; waits for the answer.
    search::ApiAnswer call(const QByteArray &method, const QString &path, const QByteArray &body = {},
                           const QList<QPair<QString, QString>> &query = {})
    {
        search::ApiRequest request;
        request.method = method;
        request.path = path;
        request.query = query;
        request.body = body;
        search::ApiAnswer answer;
        bool done = false;
        page()->apiClient()->send(request, this, [&](const search::ApiAnswer &a) {
            answer = a;
            done = true;
        });
        if (!QTest::qWaitFor([&] { return done; }, 10000))
            answer.error = QStringLiteral("no answer");
        return answer;
    }
    bool waitForCollection(const QString &name, qint64 documents)
    {
        return QTest::qWaitFor([&] {
            const int row = page()->collectionModel()->rowOf(name);
            return row >= 0 && page()->collectionModel()->rowAt(row).numDocuments == documents;
        }, 10000);
    }

    QTemporaryDir m_dir;
    std::unique_ptr<core::Metrics> m_metrics;
    std::unique_ptr<search::SearchMonitor> m_monitor;
    std::unique_ptr<core::ServiceHost> m_host;
    std::unique_ptr<ui::MainWindow> m_window;
    quint16 m_port = 0;
    QString m_apiKey;
};

void TestSearchPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    m_metrics = std::make_unique<core::Metrics>();
    m_monitor = std::make_unique<search::SearchMonitor>();
    // Real generated secrets, as app/ has them: the service and the Connect snippets share them.
    core::Secrets secrets;
    QString error;
    QVERIFY2(core::Secrets::loadOrCreate(m_dir.filePath(QStringLiteral("secrets.json")), &secrets, &error), qPrintable(error));
    m_apiKey = secrets.value(QStringLiteral("search"), QStringLiteral("api_key"));
    QVERIFY(!m_apiKey.isEmpty());
    m_host = guitest::loopbackHost(m_metrics.get(), m_dir.path(), secrets);
    search::SearchMonitor *monitor = m_monitor.get();
    m_host->addService(QStringLiteral("search"), [monitor] { return std::make_unique<search::SearchService>(monitor); });
    m_host->start(QStringLiteral("search"));
    m_port = guitest::waitForPort(m_host.get(), QStringLiteral("search"));
    QVERIFY(m_port != 0);

    ui::ConsoleContext context;
    context.host = m_host.get();
    context.metrics = m_metrics.get();
    context.search = m_monitor.get();
    context.clientSettings = guitest::clientSettingsFor(QStringLiteral("search"), m_port, secrets);
    m_window = guitest::openConsoleOn(context, QStringLiteral("search"));
    QVERIFY(m_window);
    QVERIFY(page());
    page()->setStatus(m_host->status(QStringLiteral("search")));
    page()->refresh();
}

void TestSearchPage::cleanupTestCase()
{
    m_window.reset();
    m_host.reset();
    m_monitor.reset();
}

void TestSearchPage::installedWithEmptyStates()
{
    SearchPage *p = page();
    QCOMPARE(p->monitor(), m_monitor.get());
    QVERIFY(!p->emptyState()->isVisible());
    QCOMPARE(p->tabs()->count(), 8);
    QTRY_VERIFY(m_monitor->isServiceAttached());

    p->tabs()->setCurrentIndex(SearchPage::CollectionsTab);
    QTRY_VERIFY(p->noCollectionsState()->isVisible());
    QVERIFY(!p->collectionTable()->isVisible());
    screenshot(QStringLiteral("no-collections"));

    p->tabs()->setCurrentIndex(SearchPage::SynonymsTab);
    QCOMPARE(p->synonymsPanel()->state(), SearchApiListPanel::State::NoCollection);
    p->tabs()->setCurrentIndex(SearchPage::PlaygroundTab);
    p->runSearch();
    QVERIFY(p->playgroundStatus().contains(QStringLiteral("No collection yet")));
    QVERIFY(!p->importFile(QStringLiteral("/nonexistent.jsonl")));
    QVERIFY(p->importStatus().contains(QStringLiteral("Create a collection first")));
}

void TestSearchPage::createCollectionShowsTheServersErrors()
{
    SearchPage *p = page();
    p->tabs()->setCurrentIndex(SearchPage::CollectionsTab);
    ui::SearchJsonDialog *dialog = p->newCollection();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    if (const QString dir = qEnvironmentVariable("HOMEPORT_GUI_SCREENSHOTS"); !dir.isEmpty())
        QVERIFY(dialog->grab().save(dir + QStringLiteral("/search-new-collection.png")));

    // Not JSON: refused before anything is sent.
    dialog->setBodyText(QStringLiteral("{\"name\": "));
    dialog->accept();
    QVERIFY(dialog->errorText().startsWith(QStringLiteral("Not valid JSON")));
    QVERIFY(!dialog->isSending());

    // JSON the server refuses: its status and message are shown and the dialog stays open.
    dialog->setBodyText(QStringLiteral(R"({"name":"products","fields":[{"name":"name","type":"strin"}]})"));
    dialog->accept();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isSending(), 10000);
    const search::ApiAnswer refused = call("POST", QStringLiteral("/collections"),
                                           R"({"name":"x","fields":[{"name":"name","type":"strin"}]})");
    QCOMPARE(refused.status, 400);
    QCOMPARE(dialog->errorText(), QStringLiteral("The server answered 400: %1").arg(refused.message()));
    QVERIFY(dialog->isVisible());

    QPointer<ui::SearchJsonDialog> guard(dialog);
    dialog->setBodyText(QString::fromUtf8(kProductsSchema));
    dialog->accept();
    QTRY_VERIFY_WITH_TIMEOUT(!guard, 10000); // closed (and deleted) on 201
    QVERIFY(waitForCollection(QStringLiteral("products"), 0));
    QTRY_VERIFY(p->collectionTable()->isVisible());
    QCOMPARE(p->currentCollection(), QStringLiteral("products"));
    QTRY_COMPARE(p->schemaTable()->rowCount(), 4);
    QCOMPARE(p->schemaTable()->item(1, 0)->text(), QStringLiteral("brand"));
    QCOMPARE(p->schemaTable()->item(1, 2)->text(), QStringLiteral("yes")); // facet
}

void TestSearchPage::importListsBadLinesAndKeepsTheRest()
{
    SearchPage *p = page();
    p->tabs()->setCurrentIndex(SearchPage::ImportTab);
    const QString path = m_dir.filePath(QStringLiteral("products.jsonl"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(kProductsJsonl);
    file.close();

    QVERIFY(p->importFile(path));
    QTRY_VERIFY_WITH_TIMEOUT(!p->isImporting(), 15000);
    QCOMPARE(p->importProgress()->value(), p->importProgress()->maximum());
    QVERIFY2(p->importStatus().contains(QStringLiteral("10 imported, 2 failed")), qPrintable(p->importStatus()));
    QTableWidget *errors = p->importErrors();
    QCOMPARE(errors->rowCount(), 2);
    QCOMPARE(errors->item(0, 0)->text(), QStringLiteral("4"));
    QCOMPARE(errors->item(0, 1)->text(), QStringLiteral("Bad JSON."));
    QCOMPARE(errors->item(1, 0)->text(), QStringLiteral("8"));
    QVERIFY2(errors->item(1, 1)->text().contains(QStringLiteral("name")), qPrintable(errors->item(1, 1)->text()));
    QVERIFY(errors->item(1, 2)->text().contains(QStringLiteral("\"id\":\"8\"")));
    // The error column is narrower than the server's longer messages: the tooltip has them whole.
    QCOMPARE(errors->item(1, 1)->toolTip(), errors->item(1, 1)->text());
    QCOMPARE(errors->item(1, 2)->toolTip(), errors->item(1, 2)->text());
    QVERIFY(waitForCollection(QStringLiteral("products"), 10));
    screenshot(QStringLiteral("import"));

    // More lines than one request carries: the numbers shown stay the file's across batches, and
    // a blank line is skipped but counted.
    QCOMPARE(call("POST", QStringLiteral("/collections"), R"({"name":"bulk","fields":[{"name":"n","type":"int32"}]})").status, 201);
    QVERIFY(waitForCollection(QStringLiteral("bulk"), 0));
    p->setCurrentCollection(QStringLiteral("bulk"));
    QFile bulk(m_dir.filePath(QStringLiteral("bulk.jsonl")));
    QVERIFY(bulk.open(QIODevice::WriteOnly));
    const int lines = 2 * SearchPage::kImportBatchLines + 200;
    for (int n = 1; n <= lines; ++n) {
        if (n == SearchPage::kImportBatchLines + 100)
            bulk.write("\r\n");
        else if (n == 2 * SearchPage::kImportBatchLines + 50)
            bulk.write("{\"n\": \"not a number\"}\n");
        else
            bulk.write(QStringLiteral("{\"n\": %1}\r\n").arg(n).toUtf8());
    }
    bulk.close();
    QVERIFY(p->importFile(bulk.fileName()));
    QTRY_VERIFY_WITH_TIMEOUT(!p->isImporting(), 20000);
    QVERIFY2(p->importStatus().contains(QStringLiteral("%1 imported, 1 failed").arg(QLocale().toString(lines - 2))),
             qPrintable(p->importStatus()));
    QCOMPARE(errors->rowCount(), 1);
    QCOMPARE(errors->item(0, 0)->text(), QString::number(2 * SearchPage::kImportBatchLines + 50));
    QVERIFY(waitForCollection(QStringLiteral("bulk"), lines - 2));
    QCOMPARE(call("DELETE", QStringLiteral("/collections/bulk")).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(p->collectionModel()->rowOf(QStringLiteral("bulk")), -1, 10000);
    p->setCurrentCollection(QStringLiteral("products"));
}

void TestSearchPage::playgroundShowsHitsHighlightsAndFacets()
{
    SearchPage *p = page();
    p->tabs()->setCurrentIndex(SearchPage::PlaygroundTab);
    // Prefilled from the schema: the string fields to search and the facet fields.
    QCOMPARE(p->queryByEdit()->text(), QStringLiteral("name,brand"));
    QCOMPARE(p->facetByEdit()->text(), QStringLiteral("brand,price"));
    p->queryEdit()->setText(QStringLiteral("phone"));
    p->queryByEdit()->setText(QStringLiteral("name"));
    p->facetByEdit()->setText(QStringLiteral("brand"));
    p->sortByEdit()->setText(QStringLiteral("_text_match:desc,popularity:desc"));
    p->runSearch();
    QTRY_VERIFY_WITH_TIMEOUT(!p->lastSearchResponse().isEmpty(), 10000);
    const QJsonObject response = p->lastSearchResponse();
    QCOMPARE(response.value(QStringLiteral("found")).toInt(), 6); // not "headphones"
    QVERIFY(p->playgroundStatus().contains(
        QStringLiteral("%1 ms on the server").arg(response.value(QStringLiteral("search_time_ms")).toInt())));
    QVERIFY(p->playgroundStatus().startsWith(QStringLiteral("6 found of 10")));
    // The matched word is emphasised, the rest of the title is plain.
    const QString hits = p->hitsView()->toHtml();
    QVERIFY2(hits.contains(QStringLiteral("Phone</span>")) || hits.contains(QStringLiteral("phone</span>")), qPrintable(hits));
    QVERIFY(p->hitsView()->toPlainText().contains(QStringLiteral("Smart phone stand")));
    QVERIFY(hits.contains(QStringLiteral("background-color:#fde68a")));
    const QString facets = p->facetsView()->toPlainText();
    QVERIFY2(facets.contains(QStringLiteral("Volta")) && facets.contains(QStringLiteral("Desko")), qPrintable(facets));
    QVERIFY(!facets.contains(QStringLiteral("Hush"))); // no phone from Hush
    screenshot(QStringLiteral("playground"));
}

void TestSearchPage::playgroundShowsTheServersError()
{
    SearchPage *p = page();
    p->filterByEdit()->setText(QStringLiteral("nosuchfield:=3"));
    p->runSearch();
    QTRY_VERIFY_WITH_TIMEOUT(p->playgroundStatus().startsWith(QStringLiteral("The server answered 4")), 10000);
    QVERIFY(p->lastSearchResponse().isEmpty());
    QVERIFY(p->hitsView()->toPlainText().isEmpty());
    p->filterByEdit()->clear();
}

void TestSearchPage::documentBrowserPagesAndFilters()
{
    SearchPage *p = page();
    p->tabs()->setCurrentIndex(SearchPage::DocumentsTab);
    p->loadDocuments();
    QTRY_COMPARE_WITH_TIMEOUT(p->documentList()->count(), 10, 10000);
    QVERIFY(p->documentsStatus().startsWith(QStringLiteral("10 documents")));
    QTRY_VERIFY(p->documentJson()->toPlainText().contains(QStringLiteral("\"id\"")));

    p->documentFilter()->setText(QStringLiteral("brand:=Volta && price:<20"));
    p->loadDocuments();
    QTRY_COMPARE_WITH_TIMEOUT(p->documentList()->count(), 2, 10000); // charger and cable
    QStringList labels;
    for (int i = 0; i < p->documentList()->count(); ++i)
        labels << p->documentList()->item(i)->text();
    labels.sort();
    QCOMPARE(labels, (QStringList{"1 · Pocket phone charger", "6 · USB-C cable"}));
    screenshot(QStringLiteral("documents"));

    p->documentFilter()->setText(QStringLiteral("price:<<"));
    p->loadDocuments();
    QTRY_VERIFY_WITH_TIMEOUT(p->documentsStatus().startsWith(QStringLiteral("The server answered 400")), 10000);
    QCOMPARE(p->documentList()->count(), 0);
    p->documentFilter()->clear();
}

void TestSearchPage::collectionsTableSorts()
{
    SearchPage *p = page();
    p->tabs()->setCurrentIndex(SearchPage::CollectionsTab);
    QCOMPARE(call("POST", QStringLiteral("/collections"),
                  R"({"name":"articles","fields":[{"name":"title","type":"string"},{"name":"tags","type":"string[]"},)"
                  R"({"name":"views","type":"int64"},{"name":"draft","type":"bool"},{"name":"body","type":"string"}]})")
                 .status,
             201);
    QVERIFY(waitForCollection(QStringLiteral("articles"), 0));
    QSortFilterProxyModel *proxy = p->collectionProxy();
    p->collectionTable()->sortByColumn(SearchCollectionModel::NameColumn, Qt::AscendingOrder);
    QCOMPARE(column(proxy, SearchCollectionModel::NameColumn), (QStringList{"articles", "products"}));
    p->collectionTable()->sortByColumn(SearchCollectionModel::DocumentsColumn, Qt::DescendingOrder);
    QCOMPARE(column(proxy, SearchCollectionModel::NameColumn), (QStringList{"products", "articles"}));
    p->collectionTable()->sortByColumn(SearchCollectionModel::FieldsColumn, Qt::DescendingOrder);
    QCOMPARE(column(proxy, SearchCollectionModel::NameColumn), (QStringList{"articles", "products"}));
    p->collectionTable()->sortByColumn(SearchCollectionModel::DocumentsSizeColumn, Qt::DescendingOrder);
    QCOMPARE(column(proxy, SearchCollectionModel::NameColumn), (QStringList{"products", "articles"}));
    const int products = p->collectionModel()->rowOf(QStringLiteral("products"));
    const int articles = p->collectionModel()->rowOf(QStringLiteral("articles"));
    QVERIFY(p->collectionModel()->rowAt(products).estimatedBytes > 10 * 50); // ten documents of 60-100 bytes
    // Memory: what each index holds, from the service's snapshot; ten documents' index outweighs
    // an empty one, and the column sorts by the number while it shows it for people.
    const qint64 productsMemory = p->collectionModel()->rowAt(products).memoryBytes;
    const qint64 articlesMemory = p->collectionModel()->rowAt(articles).memoryBytes;
    QVERIFY2(articlesMemory > 0 && productsMemory > articlesMemory,
             qPrintable(QStringLiteral("%1 and %2").arg(productsMemory).arg(articlesMemory)));
    p->collectionTable()->sortByColumn(SearchCollectionModel::MemoryColumn, Qt::AscendingOrder);
    QCOMPARE(column(proxy, SearchCollectionModel::NameColumn), (QStringList{"articles", "products"}));
    p->collectionTable()->sortByColumn(SearchCollectionModel::MemoryColumn, Qt::DescendingOrder);
    QCOMPARE(column(proxy, SearchCollectionModel::NameColumn), (QStringList{"products", "articles"}));
    QCOMPARE(proxy->headerData(SearchCollectionModel::MemoryColumn, Qt::Horizontal).toString(), QStringLiteral("Memory"));
    QCOMPARE(proxy->index(0, SearchCollectionModel::MemoryColumn).data().toString(), SearchCollectionModel::bytesText(productsMemory));
    QCOMPARE(p->statText(QStringLiteral("memory")), SearchCollectionModel::bytesText(productsMemory + articlesMemory));
    QCOMPARE(p->statText(QStringLiteral("collections")), QStringLiteral("2"));
    QCOMPARE(p->statText(QStringLiteral("documents")), QStringLiteral("10"));
    screenshot(QStringLiteral("collections"));
}

void TestSearchPage::collectionsAndSchemaShowWholeNames()
{
    // At the window's size the collections table and the schema show every name whole and do
    // not scroll sideways; the schema sorts by a click on a header.
    SearchPage *p = page();
    p->tabs()->setCurrentIndex(SearchPage::CollectionsTab);
    p->setCurrentCollection(QStringLiteral("articles"));
    QTRY_COMPARE_WITH_TIMEOUT(p->schemaTable()->rowCount(), 5, 10000);
    QApplication::processEvents();
    const auto fits = [](QTableView *view, int col, const QString &text) {
        return view->fontMetrics().horizontalAdvance(text) <= view->columnWidth(col);
    };
    QTableView *collections = p->collectionTable();
    QCOMPARE(collections->horizontalScrollBar()->maximum(), 0);
    for (const QString &name : column(collections->model(), SearchCollectionModel::NameColumn))
        QVERIFY2(fits(collections, SearchCollectionModel::NameColumn, name), qPrintable(name));
    for (int c = 0; c < SearchCollectionModel::ColumnCount; ++c) {
        const QString title = collections->model()->headerData(c, Qt::Horizontal).toString();
        QVERIFY2(fits(collections, c, title), qPrintable(title));
    }
    QTableWidget *schema = p->schemaTable();
    QCOMPARE(schema->horizontalScrollBar()->maximum(), 0);
    QStringList fields;
    for (int r = 0; r < schema->rowCount(); ++r) {
        fields << schema->item(r, 0)->text();
        QVERIFY2(fits(schema, 0, fields.last()), qPrintable(fields.last()));
    }
    QCOMPARE(fields, (QStringList{"title", "tags", "views", "draft", "body"})); // as declared

    // A click on "Type" sorts the fields by their type.
    QHeaderView *header = schema->horizontalHeader();
    QTest::mouseClick(header->viewport(), Qt::LeftButton, Qt::NoModifier,
                      QPoint(header->sectionViewportPosition(1) + header->sectionSize(1) / 2, header->height() / 2));
    QStringList types;
    for (int r = 0; r < schema->rowCount(); ++r)
        types << schema->item(r, 1)->text();
    QStringList sorted = types;
    std::sort(sorted.begin(), sorted.end());
    QVERIFY2(types == sorted || types == QStringList(sorted.rbegin(), sorted.rend()), qPrintable(types.join(u',')));
    // The next snapshots (one a second) leave the order the user chose.
    const qint64 seen = m_monitor->snapshot().takenAt;
    QTRY_VERIFY_WITH_TIMEOUT(m_monitor->snapshot().takenAt > seen, 10000);
    p->applySnapshot(); // as the page does a moment after each snapshot
    QStringList typesLater;
    for (int r = 0; r < schema->rowCount(); ++r)
        typesLater << schema->item(r, 1)->text();
    QCOMPARE(typesLater, types);
}

void TestSearchPage::latencyChartFollowsRequests()
{
    SearchPage *p = page();
    p->tabs()->setCurrentIndex(SearchPage::OverviewTab);
    for (int i = 0; i < 5; ++i)
        QCOMPARE(call("GET", QStringLiteral("/collections/products/documents/search"), {},
                      {{QStringLiteral("q"), QStringLiteral("phone")}, {QStringLiteral("query_by"), QStringLiteral("name")}})
                     .status,
                 200);
    // The bridge samples once a second; the chart gets the seconds that had requests.
    QTRY_VERIFY_WITH_TIMEOUT(p->latencyChart()->p50PointCount() > 0, 10000);
    QCOMPARE(p->latencyChart()->p99PointCount(), p->latencyChart()->p50PointCount());
    QVERIFY(p->latencyChart()->peakMs() > 0);
    QVERIFY(p->statText(QStringLiteral("p99")).endsWith(QStringLiteral(" ms")));
    QVERIFY(p->statText(QStringLiteral("requests")).toInt() >= 5);
    const search::SearchSnapshot snapshot = m_monitor->snapshot();
    quint64 requests = 0;
    for (const search::LatencyPoint &point : snapshot.latency) {
        requests += point.requests;
        if (point.requests > 0)
            QVERIFY(point.p50Ms <= point.p99Ms);
    }
    QVERIFY(requests >= 5);
    screenshot(QStringLiteral("overview"));
}

void TestSearchPage::keysSynonymsAndOverridesFollowTheApi()
{
    // Each panel shows what its route answers: a list (maybe empty), or "not available" with the
    // server's own 404 when this build has no such route.
    struct Case {
        SearchPage::Tab tab;
        SearchApiListPanel *panel;
        QString path;
    };
    SearchPage *p = page();
    const QList<Case> cases{{SearchPage::KeysTab, p->keysPanel(), QStringLiteral("/keys")},
                            {SearchPage::SynonymsTab, p->synonymsPanel(), QStringLiteral("/collections/products/synonyms")},
                            {SearchPage::OverridesTab, p->overridesPanel(), QStringLiteral("/collections/products/overrides")}};
    ui::ConfirmFunction yes = [](QWidget *, const QString &, const QString &) { return true; };
    p->setConfirmFunction(yes);
    p->setCurrentCollection(QStringLiteral("products"));
    for (const Case &c : cases) {
        p->tabs()->setCurrentIndex(c.tab);
        QTRY_VERIFY_WITH_TIMEOUT(c.panel->state() != SearchApiListPanel::State::Loading, 10000);
        const search::ApiAnswer answer = call("GET", c.path);
        if (answer.status == 404) {
            QCOMPARE(c.panel->state(), SearchApiListPanel::State::Unavailable);
            QVERIFY(c.panel->stateMessage().contains(QStringLiteral("404 “Not Found” to GET %1").arg(c.path)));
            screenshot(QStringLiteral("unavailable-") + c.path.section(QLatin1Char('/'), -1));
            continue;
        }
        QCOMPARE(answer.status, 200);
        QVERIFY(c.panel->state() == SearchApiListPanel::State::Empty
                || c.panel->state() == SearchApiListPanel::State::Listed);
    }

    // Where /keys exists: a search-only key made through the panel shows its value once, and
    // becomes the parent of a scoped key.
    if (p->keysPanel()->state() != SearchApiListPanel::State::Unavailable) {
        p->tabs()->setCurrentIndex(SearchPage::KeysTab);
        QPushButton *newKey = p->keysPanel()->findChild<QPushButton *>(QStringLiteral("newSearchKeyButton"));
        QVERIFY(newKey);
        QTRY_VERIFY(newKey->isEnabled());
        const int before = p->keysPanel()->itemCount();
        newKey->click();
        QTRY_VERIFY(p->keysPanel()->lastDialog());
        p->keysPanel()->lastDialog()->accept();
        QTRY_VERIFY_WITH_TIMEOUT(!p->createdKeyText().isEmpty(), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(p->keysPanel()->itemCount(), before + 1, 10000);
        QCOMPARE(p->scopedParentKey()->text(), p->createdKeyText());
        // Copy takes the new key's value and says so.
        QTest::mouseClick(p->findChild<QPushButton *>(QStringLiteral("copyCreatedKeyButton")), Qt::LeftButton);
        QCOMPARE(QApplication::clipboard()->text(), p->createdKeyText());
        const auto panelSays = [p](const QString &text) {
            const QList<QLabel *> labels = p->keysPanel()->findChildren<QLabel *>();
            return std::any_of(labels.begin(), labels.end(), [&](const QLabel *l) { return l->text() == text; });
        };
        QVERIFY(panelSays(QStringLiteral("Key copied.")));
        screenshot(QStringLiteral("keys"));

        // A scoped key made on the page is taken by the server, which applies its filter.
        p->scopedParams()->setText(QStringLiteral(R"({"filter_by":"brand:=Volta"})"));
        p->generateScopedKey();
        QVERIFY(!p->scopedResult()->text().isEmpty());
        QNetworkAccessManager network;
        QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/collections/products/documents/search?q=*&query_by=name")
                                         .arg(m_port)));
        request.setRawHeader("X-TYPESENSE-API-KEY", p->scopedResult()->text().toLatin1());
        QNetworkReply *reply = network.get(request);
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10000);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        const QJsonObject result = QJsonDocument::fromJson(reply->readAll()).object();
        QCOMPARE(result.value(QStringLiteral("found")).toInt(), 4); // ids 1, 3, 6 and 10
        reply->deleteLater();

        // Deleting the key on the page revokes it: its scoped key is refused from then on.
        QVERIFY(p->keysPanel()->deleteSelected());
        QTRY_COMPARE_WITH_TIMEOUT(p->keysPanel()->itemCount(), before, 10000);
        QNetworkReply *refused = network.get(request);
        QTRY_VERIFY_WITH_TIMEOUT(refused->isFinished(), 10000);
        QCOMPARE(refused->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 401);
        refused->deleteLater();
    }
    if (p->synonymsPanel()->state() != SearchApiListPanel::State::Unavailable) {
        p->tabs()->setCurrentIndex(SearchPage::SynonymsTab);
        QPushButton *newSynonym = p->synonymsPanel()->findChild<QPushButton *>(QStringLiteral("newSynonymButton"));
        QTRY_VERIFY(newSynonym->isEnabled());
        newSynonym->click();
        QTRY_VERIFY(p->synonymsPanel()->lastDialog());
        p->synonymsPanel()->lastDialog()->accept();
        QTRY_COMPARE_WITH_TIMEOUT(p->synonymsPanel()->itemCount(), 1, 10000);
        QCOMPARE(p->synonymsPanel()->itemAt(0).value(QStringLiteral("id")).toString(), QStringLiteral("shoes"));
        screenshot(QStringLiteral("synonyms"));
        QVERIFY(p->synonymsPanel()->deleteSelected());
        QTRY_COMPARE_WITH_TIMEOUT(p->synonymsPanel()->state(), SearchApiListPanel::State::Empty, 10000);
    }
    if (p->overridesPanel()->state() != SearchApiListPanel::State::Unavailable) {
        // An override made and then edited on the page curates the playground's results.
        p->tabs()->setCurrentIndex(SearchPage::OverridesTab);
        SearchApiListPanel *overrides = p->overridesPanel();
        QPushButton *newOverride = overrides->findChild<QPushButton *>(QStringLiteral("newOverrideButton"));
        QTRY_VERIFY(newOverride->isEnabled());
        newOverride->click();
        QTRY_VERIFY(overrides->lastDialog());
        overrides->lastDialog()->accept();
        QTRY_COMPARE_WITH_TIMEOUT(overrides->itemCount(), 1, 10000);
        QPushButton *edit = overrides->findChild<QPushButton *>(QStringLiteral("editOverrideButton"));
        QTRY_VERIFY(edit->isEnabled());
        edit->click();
        QTRY_VERIFY(overrides->lastDialog() && overrides->lastDialog()->bodyText().contains(QStringLiteral("pin-featured")));
        QPointer<ui::SearchJsonDialog> dialog(overrides->lastDialog());
        dialog->setBodyText(QStringLiteral(
            R"({"id":"pin-featured","rule":{"query":"phone","match":"contains"},"includes":[{"id":"3","position":1}]})"));
        dialog->accept();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(overrides->itemAt(0).value(QStringLiteral("includes")).toArray().first().toObject()
                                         .value(QStringLiteral("id")).toString() == QStringLiteral("3"),
                                 10000);
        screenshot(QStringLiteral("overrides"));
        p->tabs()->setCurrentIndex(SearchPage::PlaygroundTab);
        p->queryEdit()->setText(QStringLiteral("phone"));
        p->queryByEdit()->setText(QStringLiteral("name"));
        p->runSearch();
        QTRY_VERIFY_WITH_TIMEOUT(p->playgroundStatus().contains(QStringLiteral("found")), 10000);
        const QJsonArray hits = p->lastSearchResponse().value(QStringLiteral("hits")).toArray();
        QVERIFY(!hits.isEmpty());
        QCOMPARE(hits.first().toObject().value(QStringLiteral("document")).toObject().value(QStringLiteral("id")).toString(),
                 QStringLiteral("3")); // the desk lamp, pinned first
        p->tabs()->setCurrentIndex(SearchPage::OverridesTab);
        QVERIFY(overrides->deleteSelected());
        QTRY_COMPARE_WITH_TIMEOUT(overrides->state(), SearchApiListPanel::State::Empty, 10000);
    }
}

void TestSearchPage::scopedKeyMatchesTypesenseJs()
{
    // The value typesense 3.1.0 (tests/interop) gives for
    //   client.keys().generateScopedSearchKey('RN23GFr1s6jQ9kgSNg2O7fYcAUXU7127',
    //                                         {filter_by: 'company_id:124', expires_at: 1906054106})
    const QString expected = QStringLiteral(
        "OW9DYWZGS1Q1RGdSbmo0S1QrOWxhbk9PL2kxbTU1eXA3bCthdmE5eXJKRT1STjIzeyJmaWx0ZXJfYnkiOiJjb21wYW55X2lkOjEyNCIsImV4cGly"
        "ZXNfYXQiOjE5MDYwNTQxMDZ9");
    SearchPage *p = page();
    p->tabs()->setCurrentIndex(SearchPage::KeysTab);
    p->scopedParentKey()->setText(QStringLiteral("RN23GFr1s6jQ9kgSNg2O7fYcAUXU7127"));
    p->scopedParams()->setText(QStringLiteral(R"({"filter_by":"company_id:124","expires_at":1906054106})"));
    p->generateScopedKey();
    QCOMPARE(p->scopedResult()->text(), expected);

    p->scopedParams()->setText(QStringLiteral("{filter_by"));
    p->generateScopedKey();
    QCOMPARE(p->scopedResult()->text(), expected); // kept; the message says what is wrong
    QVERIFY(p->findChild<QLabel *>(QStringLiteral("scopedMessage"))->text().contains(QStringLiteral("JSON object")));
}

void TestSearchPage::highlightsEscapeEverythingButMarks()
{
    const QString html = ui::SearchResultFormat::highlightHtml(
        QStringLiteral("<b>bold</b> & the <mark>phone</mark> <script>x</script> <mark>case"));
    QVERIFY(html.contains(QStringLiteral("&lt;b&gt;bold&lt;/b&gt; &amp; the ")));
    QVERIFY(html.contains(QStringLiteral(">phone</span>")));
    QVERIFY(html.contains(QStringLiteral("&lt;script&gt;")));
    QVERIFY(html.endsWith(QStringLiteral("&lt;mark&gt;case"))); // an unclosed mark stays text
    QCOMPARE(html.count(QStringLiteral("<span")), 1);
}

void TestSearchPage::connectSnippetsCarryTheRealKeyAndPort()
{
    SearchPage *p = page();
    p->tabs()->setCurrentIndex(SearchPage::OverviewTab);
    const QString text = p->snippetCard()->text();
    QVERIFY2(text.contains(m_apiKey), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("port: %1").arg(m_port)));
    QVERIFY(text.contains(QStringLiteral("typesense")));
}

void TestSearchPage::deleteCollectionAsksFirst()
{
    SearchPage *p = page();
    p->tabs()->setCurrentIndex(SearchPage::CollectionsTab);
    int asked = 0;
    bool answer = false;
    p->setConfirmFunction([&](QWidget *, const QString &, const QString &text) {
        ++asked;
        return answer && text.contains(QStringLiteral("articles"));
    });
    p->collectionTable()->selectRow(guitest::rowWith(p->collectionProxy(), SearchCollectionModel::NameColumn,
                                                     QStringLiteral("articles")));
    QVERIFY(!p->deleteSelectedCollection());
    QCOMPARE(asked, 1);
    QCOMPARE(call("GET", QStringLiteral("/collections/articles")).status, 200);
    answer = true;
    QVERIFY(p->deleteSelectedCollection());
    QTRY_COMPARE_WITH_TIMEOUT(p->collectionModel()->rowOf(QStringLiteral("articles")), -1, 10000);
    QCOMPARE(call("GET", QStringLiteral("/collections/articles")).status, 404);
    p->setConfirmFunction([](QWidget *, const QString &, const QString &) { return false; });
}

void TestSearchPage::stoppedServiceIsShownAndAnswered()
{
    SearchPage *p = page();
    connect(m_host.get(), &core::ServiceHost::statusChanged, p, &SearchPage::setStatus, Qt::UniqueConnection);
    m_host->stop(QStringLiteral("search"));
    QTRY_VERIFY_WITH_TIMEOUT(m_host->status(QStringLiteral("search")).state == core::ServiceState::Stopped, 10000);
    p->setStatus(m_host->status(QStringLiteral("search")));
    p->refresh();
    QVERIFY(!m_monitor->isServiceAttached());
    auto *banner = p->findChild<QLabel *>(QStringLiteral("searchBanner"));
    QVERIFY(banner && banner->isVisible());
    QVERIFY2(banner->text().contains(QStringLiteral("stopped")), qPrintable(banner->text()));

    // Requests do not wait for a service that is not there.
    p->tabs()->setCurrentIndex(SearchPage::PlaygroundTab);
    p->runSearch();
    QTRY_COMPARE(p->playgroundStatus(), QStringLiteral("The search service is not running."));
    screenshot(QStringLiteral("stopped"));

    m_host->start(QStringLiteral("search"));
    QTRY_VERIFY_WITH_TIMEOUT(m_host->status(QStringLiteral("search")).state == core::ServiceState::Running, 10000);
    p->setStatus(m_host->status(QStringLiteral("search")));
    p->refresh();
    QVERIFY(!banner->isVisible());
    p->runSearch();
    QTRY_VERIFY_WITH_TIMEOUT(p->playgroundStatus().contains(QStringLiteral("found of 10")), 10000);
}

void TestSearchPage::everyTabFitsTheWindow()
{
    guitest::verifyEveryTabFits(page(), page()->tabs());
}

QTEST_MAIN(TestSearchPage)
#include "tst_search_page.moc"
