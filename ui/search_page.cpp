#include "search_page.h"

#include "empty_state.h"
#include "search_api_client.h"
#include "search_api_list_panel.h"
#include "search_collection_model.h"
#include "search_json_dialog.h"
#include "search_latency_chart.h"
#include "search_result_format.h"
#include "search_snippets.h"
#include "theme_follower.h"
#include "snippet_card.h"
#include "theme.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace homeport::ui {

namespace {
constexpr int kTabsMinimumHeight = 560;
const QString kTabPage = QStringLiteral("searchTabPage");

QString joined(const QJsonValue &v)
{
    QStringList parts;
    for (const QJsonValue &e : v.toArray())
        parts << (e.isString() ? e.toString() : QString::fromUtf8(QJsonDocument(e.toObject()).toJson(QJsonDocument::Compact)));
    return parts.join(QStringLiteral(", "));
}

QString encoded(const QString &segment)
{
    return QString::fromUtf8(QUrl::toPercentEncoding(segment));
}

// "0.35 ms", "12.4 ms", "350 ms", "10.5 s": as many digits as the size deserves.
QString latencyText(double ms)
{
    const QLocale locale;
    if (ms >= 1000)
        return SearchPage::tr("%1 s").arg(locale.toString(ms / 1000, 'f', 1));
    return SearchPage::tr("%1 ms").arg(locale.toString(ms, 'f', ms < 1 ? 2 : ms < 100 ? 1 : 0));
}

search::ApiRequest jsonRequest(const QByteArray &method, const QString &path, const QJsonObject &body)
{
    search::ApiRequest request;
    request.method = method;
    request.path = path;
    request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return request;
}
} // namespace

SearchPage::SearchPage(const core::ServiceInfo &info, const ConsoleContext &context, ServiceCommands *commands,
                       QWidget *parent)
    : ServicePage(info, context, commands, parent)
    , m_monitor(context.search)
    , m_client(new SearchApiClient(context.search, this))
    , m_confirm(confirmWithMessageBox)
    , m_snapshotTimer(new QTimer(this))
    , m_collectionModel(new SearchCollectionModel(this))
    , m_collectionProxy(makeSortProxy(m_collectionModel, SearchCollectionModel::SortRole, this))
{
    auto *dashboard = new QWidget;
    dashboard->setObjectName(QStringLiteral("searchDashboard"));
    m_banner = makeDashboardBanner(dashboard, QStringLiteral("searchBanner"));
    m_tabs = makeDashboardTabs(dashboard, QStringLiteral("searchTabs"), kTabsMinimumHeight);
    m_tabs->addTab(buildOverviewTab(), tr("Overview"));
    m_tabs->addTab(buildCollectionsTab(), tr("Collections"));
    m_tabs->addTab(buildDocumentsTab(), tr("Documents"));
    m_tabs->addTab(buildPlaygroundTab(), tr("Search"));
    m_tabs->addTab(buildImportTab(), tr("Import"));
    m_tabs->addTab(buildKeysTab(), tr("API keys"));
    m_synonymsPanel = buildSynonymsPanel();
    m_tabs->addTab(wrapWithCollection(m_synonymsPanel), tr("Synonyms"));
    m_overridesPanel = buildOverridesPanel();
    m_tabs->addTab(wrapWithCollection(m_overridesPanel), tr("Overrides"));
    setThemedStyleSheet(dashboard, [] { return tabPageStyleSheet(kTabPage); });
    layOutDashboard(dashboard, m_banner, m_tabs);
    setDashboard(dashboard);
    setTrafficPanelVisible(false); // the Overview tab has the latency chart

    m_snapshotTimer->setSingleShot(true);
    m_snapshotTimer->setInterval(kSnapshotDelayMs);
    connect(m_snapshotTimer, &QTimer::timeout, this, &SearchPage::applySnapshot);
    if (m_monitor) {
        connect(m_monitor, &search::SearchMonitor::snapshotPublished, this, [this] {
            if (!m_snapshotTimer->isActive())
                m_snapshotTimer->start();
        });
    }
    // Lists that come from requests are loaded when their tab is opened.
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int tab) {
        if (tab == DocumentsTab && m_docList->count() == 0)
            loadDocuments();
        else if (tab == KeysTab)
            m_keysPanel->reload();
        else if (tab == SynonymsTab)
            m_synonymsPanel->reload();
        else if (tab == OverridesTab)
            m_overridesPanel->reload();
    });
    applySnapshot();
}

SearchPage::~SearchPage() = default;

void SearchPage::setConfirmFunction(ConfirmFunction confirm)
{
    m_confirm = confirm;
    m_keysPanel->setConfirmFunction(confirm);
    m_synonymsPanel->setConfirmFunction(confirm);
    m_overridesPanel->setConfirmFunction(confirm);
}

// ---------------------------------------------------------------------------------------------
// Collections shared by the tabs

QComboBox *SearchPage::makeCollectionCombo(QWidget *parent)
{
    auto *combo = new QComboBox(parent);
    combo->setObjectName(QStringLiteral("collectionCombo"));
    combo->setMinimumWidth(180);
    combo->setToolTip(tr("The collection this tab works on"));
    m_collectionCombos << combo;
    connect(combo, &QComboBox::activated, this, [this, combo] { setCurrentCollection(combo->currentText()); });
    return combo;
}

void SearchPage::setCurrentCollection(const QString &name)
{
    const bool changed = name != m_collection;
    m_collection = name;
    for (QComboBox *combo : std::as_const(m_collectionCombos)) {
        const int index = combo->findText(name);
        if (index >= 0 && combo->currentIndex() != index)
            combo->setCurrentIndex(index);
    }
    if (!changed)
        return;
    m_docPage = 1;
    m_docList->clear();
    m_docJson->clear();
    m_docStatus->clear();
    m_synonymsPanel->setCollection(name);
    m_overridesPanel->setCollection(name);
    prefillPlayground();
    updateSnippet();
    if (m_tabs->currentIndex() == DocumentsTab)
        loadDocuments();
}

void SearchPage::updateCollectionCombos()
{
    QStringList names;
    for (const search::CollectionInfo &c : std::as_const(m_snapshot.collections))
        names << c.name;
    for (QComboBox *combo : std::as_const(m_collectionCombos)) {
        QStringList have;
        for (int i = 0; i < combo->count(); ++i)
            have << combo->itemText(i);
        if (have == names)
            continue; // an open drop-down is not closed by a snapshot
        combo->clear();
        combo->addItems(names);
        combo->setEnabled(!names.isEmpty());
        combo->setCurrentIndex(std::max(0, int(names.indexOf(m_collection))));
    }
    if (!names.contains(m_collection))
        setCurrentCollection(names.isEmpty() ? QString() : names.first());
}

const search::CollectionInfo *SearchPage::collectionInfo(const QString &name) const
{
    for (const search::CollectionInfo &c : m_snapshot.collections) {
        if (c.name == name)
            return &c;
    }
    return nullptr;
}

QWidget *SearchPage::wrapWithCollection(SearchApiListPanel *panel)
{
    auto *page = new QWidget(m_tabs);
    auto *tools = new QHBoxLayout;
    tools->addWidget(new QLabel(tr("Collection"), page));
    tools->addWidget(makeCollectionCombo(page));
    tools->addStretch();
    panel->setParent(page);
    return finishTabPage(page, tools, panel, kTabPage);
}

// ---------------------------------------------------------------------------------------------
// Overview

QWidget *SearchPage::buildOverviewTab()
{
    QHBoxLayout *tiles = makeStatTiles(
        {
            {QStringLiteral("collections"), tr("Collections")},
            {QStringLiteral("documents"), tr("Documents")},
            {QStringLiteral("memory"), tr("Memory")},
            {QStringLiteral("requests"), tr("Requests, last minute")},
            {QStringLiteral("p99"), tr("p99, last minute")},
        },
        &m_stats);
    m_stats.value(QStringLiteral("p99"))->setToolTip(tr("Of every request to the search port, from the latency histogram"));

    QVBoxLayout *chartLayout = nullptr;
    QFrame *chartCard = makeCard(nullptr, &chartLayout);
    auto *head = new QHBoxLayout;
    auto latencyTitle = [](ChartRange range) {
        return range == ChartRange::FiveMinutes
                   ? tr("Request latency per second, p50 and p99, %1").arg(ChartRangeBox::rangeText(range))
                   : tr("Request latency per minute, p50 and p99, %1").arg(ChartRangeBox::rangeText(range));
    };
    QLabel *latencyTitleLabel = makeSectionTitle(latencyTitle(ChartRange::FiveMinutes), chartCard);
    latencyTitleLabel->setWordWrap(true); // on two lines rather than wider than the window opens with
    head->addWidget(latencyTitleLabel, 1);
    m_latencyNow = new QLabel(chartCard);
    m_latencyNow->setObjectName(QStringLiteral("latencyNow"));
    setMutedText(m_latencyNow);
    head->addWidget(m_latencyNow);
    auto *latencyRange = new ChartRangeBox(chartCard);
    head->addWidget(latencyRange);
    m_latencyChart = new SearchLatencyChart(search::SearchMonitor::kLatencySeconds, chartCard);
    m_latencyChart->setObjectName(QStringLiteral("latencyChart"));
    connect(latencyRange, &ChartRangeBox::rangeChanged, this, [this, latencyTitleLabel, latencyTitle](ChartRange range) {
        latencyTitleLabel->setText(latencyTitle(range));
        m_latencyChart->setRange(range);
        applySnapshot();
    });
    takeLeftoverHeight(m_latencyChart, 160); // with the Connect card below, the tab fits the window
    chartLayout->addLayout(head);
    chartLayout->addWidget(m_latencyChart, 1);
    QLabel *chartHint = makeHint(tr("Every request to the search port, the console's own too, estimated within the "
                                    "latency histogram's buckets."),
                                 chartCard);
    chartHint->setToolTip(tr("Searches, writes and imports alike. Seconds without requests are left out."));
    chartLayout->addWidget(chartHint);

    QStringList formatTitles;
    for (SearchSnippets::Format format : SearchSnippets::formats())
        formatTitles << SearchSnippets::formatTitle(format);
    m_snippetCard = new SnippetCard(formatTitles, 110, nullptr);
    m_snippetCard->setObjectName(QStringLiteral("searchSnippetCard"));
    // The longest snippet fits without scrolling; any taller and the tab would not fit the window.
    if (auto *text = m_snippetCard->findChild<QWidget *>(QStringLiteral("snippetText"))) {
        text->setMaximumHeight(text->fontMetrics().lineSpacing() * 10);
        takeLeftoverHeight(text, 110);
    }
    connect(m_snippetCard, &SnippetCard::formatChanged, this, &SearchPage::updateSnippet);
    connect(m_snippetCard, &SnippetCard::copyRequested, this, [this] {
        QApplication::clipboard()->setText(m_snippetCard->text());
        m_snippetCard->showCopied(tr("Copied. This is the admin key: give browsers a search-only key (API keys tab)."));
    });

    // The snippets need the width (the InstantSearch one has long lines): under the chart.
    auto *layout = new QVBoxLayout;
    layout->setSpacing(12);
    layout->addLayout(tiles);
    layout->addWidget(chartCard, 1);
    layout->addWidget(m_snippetCard); // its text at least 110 px; the chart takes the rest
    return finishTabPage(new QWidget(m_tabs), layout, kTabPage);
}

QString SearchPage::statText(const QString &name) const
{
    const QLabel *label = m_stats.value(name);
    return label ? label->text() : QString();
}

void SearchPage::updateSnippet()
{
    core::ClientSettings settings;
    if (context().clientSettings)
        settings = context().clientSettings();
    const QString host = settings.host.isEmpty() ? QStringLiteral("127.0.0.1") : settings.host;
    const quint16 port = settings.ports.value(serviceName(), info().defaultPort);
    const QString key = settings.secrets.value(QStringLiteral("search"), QStringLiteral("api_key"));
    const auto format = SearchSnippets::formats().value(m_snippetCard->currentFormat());
    m_snippetCard->setText(SearchSnippets::render(format, host, port, key.isEmpty() ? tr("<api key>") : key, m_collection));
}

// ---------------------------------------------------------------------------------------------
// Collections

QWidget *SearchPage::buildCollectionsTab()
{
    auto *page = new QWidget(m_tabs);
    const RecordTools tools = makeRecordTools(tr("New collection…"), QStringLiteral("Collection"), page);
    tools.newButton->setEnabled(m_monitor != nullptr);
    m_alterCollection = tools.editButton;
    m_alterCollection->setText(tr("Add or drop fields…"));
    m_deleteCollection = tools.deleteButton;
    m_collectionsMessage = tools.message;
    connect(tools.newButton, &QPushButton::clicked, this, &SearchPage::newCollection);
    connect(m_alterCollection, &QPushButton::clicked, this, &SearchPage::alterSelectedCollection);
    connect(m_deleteCollection, &QPushButton::clicked, this, &SearchPage::deleteSelectedCollection);

    m_collectionTable = new QTableView(page);
    setUpTableView(m_collectionTable, m_collectionProxy, QStringLiteral("collectionTable"));
    m_collectionTable->sortByColumn(SearchCollectionModel::NameColumn, Qt::AscendingOrder);
    fitColumnsToContents(m_collectionTable, SearchCollectionModel::NameColumn);
    connect(m_collectionTable->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateSchema();
        const QString name = selectedCollectionName();
        if (!name.isEmpty())
            setCurrentCollection(name);
    });

    QVBoxLayout *schemaLayout = nullptr;
    QFrame *schemaCard = makeCard(page, &schemaLayout);
    m_schemaTitle = makeSectionTitle(QString(), schemaCard);
    m_schemaTable = new QTableWidget(0, 6, schemaCard);
    m_schemaTable->setObjectName(QStringLiteral("schemaTable"));
    m_schemaTable->setHorizontalHeaderLabels({tr("Field"), tr("Type"), tr("Facet"), tr("Optional"), tr("Sort"), tr("Index")});
    m_schemaTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_schemaTable->setSelectionMode(QAbstractItemView::NoSelection);
    m_schemaTable->verticalHeader()->hide();
    m_schemaTable->setShowGrid(false);
    m_schemaTable->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    schemaLayout->addWidget(m_schemaTitle);
    schemaLayout->addWidget(m_schemaTable, 1);

    // The schema under the table, both the tab's width: side by side at the window's size the
    // table cut the names short and scrolled sideways.
    auto *split = new QSplitter(Qt::Vertical, page);
    split->setChildrenCollapsible(false);
    split->addWidget(m_collectionTable);
    split->addWidget(schemaCard);
    // A few collections are usual and a schema has many fields: most of the height is the schema's.
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 3);

    m_noCollections = new EmptyState(tr("No collections yet"),
                                     tr("A collection holds documents of one schema. Create one here, or from your app "
                                        "with a Typesense client (Connect on the Overview tab), then import JSONL."),
                                     page);
    m_noCollections->setObjectName(QStringLiteral("noCollectionsState"));
    QPushButton *create = m_noCollections->addAction(tr("New collection…"));
    create->setEnabled(m_monitor != nullptr);
    connect(create, &QPushButton::clicked, this, &SearchPage::newCollection);
    m_collectionsStack = makeEmptyStateStack(m_noCollections, split, page);
    return finishTabPage(page, tools.layout, m_collectionsStack, kTabPage);
}

QString SearchPage::selectedCollectionName() const
{
    return selectedRowData(m_collectionTable, SearchCollectionModel::NameRole).toString();
}

void SearchPage::updateSchema()
{
    const search::CollectionInfo *c = collectionInfo(selectedCollectionName());
    m_alterCollection->setEnabled(c && m_monitor);
    m_deleteCollection->setEnabled(c && m_monitor);
    if (!c) {
        m_schemaShown.clear();
        m_schemaTitle->setText(tr("Select a collection to see its schema"));
        m_schemaTable->setRowCount(0);
        return;
    }
    // Rebuilt only when another collection or schema is shown, so the order a click on a header
    // gave stays while snapshots come; a new schema starts in its declared order, no arrow shown.
    QStringList shown{c->name, c->defaultSortingField};
    for (const search::CollectionField &f : c->fields)
        shown << QStringLiteral("%1 %2 %3%4%5%6").arg(f.name, f.type).arg(f.facet).arg(f.optional).arg(f.sort).arg(f.index);
    if (shown == m_schemaShown)
        return;
    m_schemaShown = shown;
    m_schemaTable->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_schemaTitle->setText(c->defaultSortingField.isEmpty()
                               ? tr("Schema of “%1”").arg(c->name)
                               : tr("Schema of “%1” · default sorting field %2").arg(c->name, c->defaultSortingField));
    m_schemaTable->setRowCount(int(c->fields.size()));
    const auto yes = [](bool b) { return b ? tr("yes") : QString(); };
    for (int r = 0; r < c->fields.size(); ++r) {
        const search::CollectionField &f = c->fields[r];
        const QStringList cells{f.name, f.type, yes(f.facet), yes(f.optional), yes(f.sort), f.index ? tr("yes") : tr("no")};
        for (int col = 0; col < cells.size(); ++col)
            m_schemaTable->setItem(r, col, new QTableWidgetItem(cells[col]));
    }
    m_schemaTable->resizeColumnsToContents();
    m_schemaTable->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
}

void SearchPage::showCollectionsMessage(const QString &text)
{
    showTransientMessage(m_collectionsMessage, text);
}

SearchJsonDialog *SearchPage::openDialog(const QString &title, const QString &note, const QString &body,
                                         std::function<search::ApiRequest(const QJsonObject &, QString *)> build)
{
    auto *dialog = new SearchJsonDialog(title, note, body, std::move(build), m_client, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_lastDialog = dialog;
    dialog->open();
    return dialog;
}

SearchJsonDialog *SearchPage::newCollection()
{
    if (!m_monitor)
        return nullptr;
    const QString schema = QStringLiteral(R"({
  "name": "products",
  "fields": [
    {"name": "name", "type": "string"},
    {"name": "description", "type": "string", "optional": true},
    {"name": "brand", "type": "string", "facet": true},
    {"name": "price", "type": "float", "facet": true},
    {"name": "popularity", "type": "int32"}
  ],
  "default_sorting_field": "popularity"
}
)");
    SearchJsonDialog *dialog = openDialog(
        tr("New collection"),
        tr("The schema as POST /collections takes it: a name, fields with their types (string, int32, int64, float, "
           "bool, their arrays, auto), facet, optional, sort; default_sorting_field. The server checks it."),
        schema, [](const QJsonObject &body, QString *) { return jsonRequest("POST", QStringLiteral("/collections"), body); });
    connect(dialog, &SearchJsonDialog::succeeded, this, [this](const search::ApiAnswer &answer) {
        const QString name = QJsonDocument::fromJson(answer.body).object().value(QStringLiteral("name")).toString();
        showCollectionsMessage(tr("Created “%1”.").arg(name));
        setCurrentCollection(name); // the combo boxes list it with the next snapshot
    });
    return dialog;
}

SearchJsonDialog *SearchPage::alterSelectedCollection()
{
    const QString name = selectedCollectionName();
    if (name.isEmpty() || !m_monitor)
        return nullptr;
    const QString body = QStringLiteral(R"({
  "fields": [
    {"name": "new_field", "type": "string", "optional": true},
    {"name": "old_field", "drop": true}
  ]
}
)");
    SearchJsonDialog *dialog = openDialog(
        tr("Add or drop fields of “%1”").arg(name),
        tr("PATCH /collections/%1: new fields to add, and {\"name\": …, \"drop\": true} for fields to drop. Every "
           "document must fit the new schema.")
            .arg(name),
        body, [name](const QJsonObject &json, QString *) {
            return jsonRequest("PATCH", SearchApiClient::collectionPath(name), json);
        });
    connect(dialog, &SearchJsonDialog::succeeded, this, [this, name] { showCollectionsMessage(tr("Altered “%1”.").arg(name)); });
    return dialog;
}

bool SearchPage::deleteSelectedCollection()
{
    const search::CollectionInfo *c = collectionInfo(selectedCollectionName());
    if (!c || !m_monitor)
        return false;
    const QString name = c->name;
    const QString text = tr("Delete the collection “%1” with its %2 documents? Apps searching it get 404 from then on.")
                             .arg(name, QLocale().toString(c->numDocuments));
    if (!m_confirm(this, tr("Delete collection"), text))
        return false;
    m_client->send("DELETE", SearchApiClient::collectionPath(name), {}, this, [this, name](const search::ApiAnswer &answer) {
        showCollectionsMessage(answer.ok() ? tr("Deleted “%1”.").arg(name)
                                           : tr("“%1” was not deleted: %2").arg(name, answer.message()));
    });
    showCollectionsMessage(tr("Deleting “%1”…").arg(name));
    return true;
}

void SearchPage::updateCollectionState()
{
    showContentWhen(m_collectionsStack, m_collectionModel->rowCount() > 0);
    if (m_collectionModel->rowOf(selectedCollectionName()) < 0 && m_collectionModel->rowCount() > 0) {
        const int row = m_collectionModel->rowOf(m_collection);
        if (row >= 0)
            selectSourceRow(m_collectionTable, m_collectionProxy, row);
        else
            m_collectionTable->selectRow(0);
    } else if (!m_collection.isEmpty() && selectedCollectionName() != m_collection) {
        selectSourceRow(m_collectionTable, m_collectionProxy, m_collectionModel->rowOf(m_collection));
    }
    updateSchema();
}

// ---------------------------------------------------------------------------------------------
// Documents

QWidget *SearchPage::buildDocumentsTab()
{
    auto *page = new QWidget(m_tabs);
    auto *tools = new QHBoxLayout;
    tools->setSpacing(8);
    tools->addWidget(makeCollectionCombo(page));
    m_docFilter = new QLineEdit(page);
    m_docFilter->setObjectName(QStringLiteral("documentFilter"));
    m_docFilter->setPlaceholderText(tr("filter_by, e.g. price:<100 && brand:=acme (empty: every document)"));
    m_docFilter->setClearButtonEnabled(true);
    connect(m_docFilter, &QLineEdit::returnPressed, this, [this] {
        m_docPage = 1;
        loadDocuments();
    });
    auto *load = new QPushButton(tr("Load"), page);
    load->setObjectName(QStringLiteral("loadDocumentsButton"));
    connect(load, &QPushButton::clicked, this, [this] {
        m_docPage = 1;
        loadDocuments();
    });
    m_docPrev = new QPushButton(tr("‹ Previous"), page);
    m_docNext = new QPushButton(tr("Next ›"), page);
    m_docPrev->setObjectName(QStringLiteral("previousDocumentsButton"));
    m_docNext->setObjectName(QStringLiteral("nextDocumentsButton"));
    m_docPrev->setEnabled(false);
    m_docNext->setEnabled(false);
    connect(m_docPrev, &QPushButton::clicked, this, [this] {
        m_docPage = std::max(1, m_docPage - 1);
        loadDocuments();
    });
    connect(m_docNext, &QPushButton::clicked, this, [this] {
        ++m_docPage;
        loadDocuments();
    });
    tools->addWidget(m_docFilter, 1);
    tools->addWidget(load);
    tools->addWidget(m_docPrev);
    tools->addWidget(m_docNext);

    m_docStatus = new QLabel(page);
    m_docStatus->setObjectName(QStringLiteral("documentsStatus"));
    m_docStatus->setWordWrap(true);
    m_docStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_docList = new QListWidget(page);
    m_docList->setObjectName(QStringLiteral("documentList"));
    m_docJson = new QPlainTextEdit(page);
    m_docJson->setObjectName(QStringLiteral("documentJson"));
    m_docJson->setReadOnly(true);
    m_docJson->setFont(Theme::monospaceFont());
    connect(m_docList, &QListWidget::currentRowChanged, this, [this](int row) {
        const QListWidgetItem *item = m_docList->item(row);
        m_docJson->setPlainText(item ? item->data(Qt::UserRole).toString() : QString());
    });
    auto *split = new QSplitter(Qt::Horizontal, page);
    split->setChildrenCollapsible(false);
    split->addWidget(m_docList);
    split->addWidget(m_docJson);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);

    auto *content = new QWidget(page);
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->addWidget(m_docStatus);
    contentLayout->addWidget(split, 1);
    return finishTabPage(page, tools, content, kTabPage);
}

QString SearchPage::documentsStatus() const
{
    return m_docStatus->text();
}

void SearchPage::loadDocuments()
{
    if (m_collection.isEmpty()) {
        m_docStatus->setText(tr("No collection yet: create one on the Collections tab."));
        return;
    }
    const quint64 generation = ++m_docGeneration;
    QList<QPair<QString, QString>> query{{QStringLiteral("q"), QStringLiteral("*")},
                                         {QStringLiteral("per_page"), QString::number(kDocumentsPerPage)},
                                         {QStringLiteral("page"), QString::number(m_docPage)}};
    const QString filter = m_docFilter->text().trimmed();
    if (!filter.isEmpty())
        query.append({QStringLiteral("filter_by"), filter});
    m_docStatus->setText(tr("Loading…"));
    const QString collection = m_collection;
    m_client->send("GET", SearchApiClient::collectionPath(collection, QStringLiteral("/documents/search")), query, this,
                   [this, generation, collection](const search::ApiAnswer &answer) {
                       if (generation != m_docGeneration)
                           return;
                       m_docList->clear();
                       m_docJson->clear();
                       if (!answer.ok()) {
                           m_docFound = 0;
                           m_docStatus->setText(tr("The server answered %1: %2").arg(answer.status).arg(answer.message()));
                           m_docPrev->setEnabled(false);
                           m_docNext->setEnabled(false);
                           return;
                       }
                       const QJsonObject response = QJsonDocument::fromJson(answer.body).object();
                       m_docFound = response.value(QStringLiteral("found")).toInteger();
                       // Each document is named by its id and the first string field of the schema
                       // it has (usually a name or title), as a person would recognise it.
                       QStringList stringFields;
                       if (const search::CollectionInfo *c = collectionInfo(collection)) {
                           for (const search::CollectionField &f : c->fields) {
                               if (f.type == QLatin1String("string"))
                                   stringFields << f.name;
                           }
                       }
                       for (const QJsonValue &h : response.value(QStringLiteral("hits")).toArray()) {
                           const QJsonObject doc = h.toObject().value(QStringLiteral("document")).toObject();
                           QString label = doc.value(QStringLiteral("id")).toString();
                           for (const QString &field : std::as_const(stringFields)) {
                               if (doc.value(field).isString()) {
                                   label += QStringLiteral(" · ") + doc.value(field).toString().left(80);
                                   break;
                               }
                           }
                           auto *item = new QListWidgetItem(label, m_docList);
                           item->setData(Qt::UserRole, QString::fromUtf8(QJsonDocument(doc).toJson(QJsonDocument::Indented)));
                       }
                       const qint64 pages = (m_docFound + kDocumentsPerPage - 1) / kDocumentsPerPage;
                       const QLocale locale;
                       m_docStatus->setText(m_docFound == 0
                                                ? tr("No document in “%1” matches.").arg(collection)
                                                : tr("%1 documents in “%2” · page %3 of %4")
                                                      .arg(locale.toString(m_docFound), collection,
                                                           locale.toString(m_docPage), locale.toString(pages)));
                       m_docPrev->setEnabled(m_docPage > 1);
                       m_docNext->setEnabled(m_docPage < pages);
                       if (m_docList->count() > 0)
                           m_docList->setCurrentRow(0);
                   });
}

// ---------------------------------------------------------------------------------------------
// Playground

QWidget *SearchPage::buildPlaygroundTab()
{
    auto *page = new QWidget(m_tabs);
    auto makeEdit = [page](const QString &name, const QString &placeholder) {
        auto *edit = new QLineEdit(page);
        edit->setObjectName(name);
        edit->setPlaceholderText(placeholder);
        edit->setClearButtonEnabled(true);
        return edit;
    };
    m_q = makeEdit(QStringLiteral("queryEdit"), tr("words, \"phrases\", -exclusions, or * for every document"));
    m_queryBy = makeEdit(QStringLiteral("queryByEdit"), tr("name,description"));
    m_filterBy = makeEdit(QStringLiteral("filterByEdit"), tr("price:<100 && brand:=[acme,zeta]"));
    m_sortBy = makeEdit(QStringLiteral("sortByEdit"), tr("_text_match:desc,price:asc"));
    m_facetBy = makeEdit(QStringLiteral("facetByEdit"), tr("brand,price"));
    for (QLineEdit *edit : {m_q, m_queryBy, m_filterBy, m_sortBy, m_facetBy})
        connect(edit, &QLineEdit::returnPressed, this, &SearchPage::runSearch);
    auto *run = new QPushButton(tr("Search"), page);
    run->setObjectName(QStringLiteral("runSearchButton"));
    run->setProperty("primary", true);
    connect(run, &QPushButton::clicked, this, &SearchPage::runSearch);
    // The parameter names as the API spells them, so what works here can be pasted into a client.
    auto label = [page](const QString &text) {
        auto *l = new QLabel(text, page);
        l->setFont(Theme::monospaceFont());
        return l;
    };
    auto *queryRow = new QHBoxLayout;
    queryRow->setSpacing(8);
    queryRow->addWidget(makeCollectionCombo(page));
    queryRow->addWidget(label(QStringLiteral("q")));
    queryRow->addWidget(m_q, 1);
    queryRow->addWidget(run);
    auto *params = new QGridLayout;
    params->setHorizontalSpacing(8);
    params->setVerticalSpacing(6);
    params->addWidget(label(QStringLiteral("query_by")), 0, 0);
    params->addWidget(m_queryBy, 0, 1);
    params->addWidget(label(QStringLiteral("filter_by")), 0, 2);
    params->addWidget(m_filterBy, 0, 3);
    params->addWidget(label(QStringLiteral("sort_by")), 1, 0);
    params->addWidget(m_sortBy, 1, 1);
    params->addWidget(label(QStringLiteral("facet_by")), 1, 2);
    params->addWidget(m_facetBy, 1, 3);
    params->setColumnStretch(1, 1);
    params->setColumnStretch(3, 1);
    auto *form = new QVBoxLayout;
    form->setSpacing(6);
    form->addLayout(queryRow);
    form->addLayout(params);

    m_searchStatus = new QLabel(page);
    m_searchStatus->setObjectName(QStringLiteral("searchStatus"));
    m_searchStatus->setWordWrap(true);
    m_searchStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_hits = new QTextBrowser(page);
    m_hits->setObjectName(QStringLiteral("hitsView"));
    m_hits->setOpenLinks(false);
    m_hits->setPlaceholderText(tr("Hits show here, the matched words highlighted. Type a query (* for every "
                                  "document) and press Enter or Search."));
    // The hits are HTML in the theme's colours: drawn again in the new ones.
    followTheme(m_hits, [this] {
        const QString hits = SearchResultFormat::hitsHtml(m_lastResponse);
        if (!hits.isEmpty())
            m_hits->setHtml(hits);
    });
    m_facets = new QTextBrowser(page);
    m_facets->setObjectName(QStringLiteral("facetsView"));
    m_facets->setOpenLinks(false);
    m_facets->setPlaceholderText(tr("Counts per value of the fields in facet_by show here."));
    auto *split = new QSplitter(Qt::Horizontal, page);
    split->setChildrenCollapsible(false);
    split->addWidget(m_hits);
    split->addWidget(m_facets);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);

    auto *content = new QWidget(page);
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->addWidget(m_searchStatus);
    contentLayout->addWidget(split, 1);
    return finishTabPage(page, form, content, kTabPage);
}

void SearchPage::prefillPlayground()
{
    // query_by starts as the collection's indexed string fields, as a first search needs.
    if (m_prefilledFor == m_collection)
        return;
    const search::CollectionInfo *c = collectionInfo(m_collection);
    if (!c)
        return;
    m_prefilledFor = m_collection;
    QStringList strings;
    QStringList facets;
    for (const search::CollectionField &f : c->fields) {
        if (f.index && f.type.startsWith(QLatin1String("string")) && !f.name.contains(QLatin1Char('*')))
            strings << f.name;
        if (f.facet && !f.name.contains(QLatin1Char('*')))
            facets << f.name;
    }
    m_queryBy->setText(strings.join(QLatin1Char(',')));
    m_facetBy->setText(facets.join(QLatin1Char(',')));
    m_filterBy->clear();
    m_sortBy->clear();
    if (m_q->text().isEmpty())
        m_q->setText(QStringLiteral("*"));
    m_hits->clear();
    m_facets->clear();
    m_searchStatus->clear();
}

QString SearchPage::playgroundStatus() const
{
    return m_searchStatus->text();
}

void SearchPage::runSearch()
{
    if (m_collection.isEmpty()) {
        m_searchStatus->setText(tr("No collection yet: create one on the Collections tab."));
        return;
    }
    QList<QPair<QString, QString>> query{{QStringLiteral("q"), m_q->text().isEmpty() ? QStringLiteral("*") : m_q->text()}};
    const QList<QPair<QString, QLineEdit *>> params{{QStringLiteral("query_by"), m_queryBy},
                                                    {QStringLiteral("filter_by"), m_filterBy},
                                                    {QStringLiteral("sort_by"), m_sortBy},
                                                    {QStringLiteral("facet_by"), m_facetBy}};
    for (const auto &[name, edit] : params) {
        if (!edit->text().trimmed().isEmpty())
            query.append({name, edit->text().trimmed()});
    }
    const quint64 generation = ++m_searchGeneration;
    m_searchStatus->setText(tr("Searching…"));
    m_client->send("GET", SearchApiClient::collectionPath(m_collection, QStringLiteral("/documents/search")), query, this,
                   [this, generation](const search::ApiAnswer &answer) {
                       if (generation != m_searchGeneration)
                           return;
                       if (!answer.ok()) {
                           m_lastResponse = {};
                           m_hits->clear();
                           m_facets->clear();
                           m_searchStatus->setText(answer.status == 0 ? answer.message()
                                                                      : tr("The server answered %1: %2")
                                                                            .arg(answer.status)
                                                                            .arg(answer.message()));
                           return;
                       }
                       m_lastResponse = QJsonDocument::fromJson(answer.body).object();
                       m_searchStatus->setText(SearchResultFormat::summaryText(m_lastResponse));
                       const QString hits = SearchResultFormat::hitsHtml(m_lastResponse);
                       m_hits->setHtml(hits.isEmpty() ? tr("<p>No hits.</p>") : hits);
                       const QString facets = SearchResultFormat::facetsHtml(m_lastResponse);
                       m_facets->setHtml(facets.isEmpty() ? tr("<p style=\"color:gray\">No facets: name facet fields "
                                                               "in facet_by.</p>")
                                                          : facets);
                   });
}

// ---------------------------------------------------------------------------------------------
// Import

QWidget *SearchPage::buildImportTab()
{
    auto *page = new QWidget(m_tabs);
    auto *tools = new QHBoxLayout;
    tools->setSpacing(8);
    tools->addWidget(makeCollectionCombo(page));
    m_importAction = new QComboBox(page);
    m_importAction->setObjectName(QStringLiteral("importAction"));
    m_importAction->addItems({QStringLiteral("create"), QStringLiteral("upsert"), QStringLiteral("update"),
                              QStringLiteral("emplace")});
    m_importAction->setToolTip(tr("The import's action: create refuses existing ids, upsert replaces, update changes "
                                  "fields of existing documents, emplace does either"));
    tools->addWidget(new QLabel(tr("action"), page));
    tools->addWidget(m_importAction);
    m_importButton = new QPushButton(tr("Import a JSONL file…"), page);
    m_importButton->setObjectName(QStringLiteral("importButton"));
    m_importButton->setProperty("primary", true);
    connect(m_importButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Import JSONL"), QString(),
                                                          tr("JSON Lines (*.jsonl *.ndjson *.json);;All files (*)"));
        if (!path.isEmpty())
            importFile(path);
    });
    tools->addWidget(m_importButton);
    tools->addStretch();

    QVBoxLayout *cardLayout = nullptr;
    QFrame *card = makeCard(page, &cardLayout);
    m_importFile = makeSectionTitle(tr("One JSON document a line, as POST …/documents/import takes it"), card);
    m_importProgress = new QProgressBar(card);
    m_importProgress->setObjectName(QStringLiteral("importProgress"));
    m_importProgress->setRange(0, 1000); // per mille of the file's bytes
    m_importProgress->setValue(0);
    m_importProgress->setFormat(tr("%p% of the file"));
    m_importStatus = new QLabel(card);
    m_importStatus->setObjectName(QStringLiteral("importStatus"));
    m_importStatus->setWordWrap(true);
    m_importErrors = new QTableWidget(0, 3, card);
    m_importErrors->setObjectName(QStringLiteral("importErrors"));
    m_importErrors->setHorizontalHeaderLabels({tr("Line"), tr("Error"), tr("Document")});
    m_importErrors->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_importErrors->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_importErrors->verticalHeader()->hide();
    m_importErrors->setShowGrid(false);
    m_importErrors->setWordWrap(false);
    m_importErrors->horizontalHeader()->setStretchLastSection(true);
    m_importErrors->setColumnWidth(0, m_importErrors->fontMetrics().horizontalAdvance(QStringLiteral("Line 000000")));
    m_importErrors->setColumnWidth(1, 420);
    cardLayout->addWidget(m_importFile);
    cardLayout->addWidget(m_importProgress);
    cardLayout->addWidget(m_importStatus);
    cardLayout->addWidget(m_importErrors, 1);
    cardLayout->addWidget(makeHint(tr("The file is sent in batches of %1 lines; each line is answered on its own, so "
                                      "good lines are kept when others fail. Failed lines are listed with the server's "
                                      "message.")
                                       .arg(kImportBatchLines),
                                   card));
    return finishTabPage(page, tools, card, kTabPage);
}

QString SearchPage::importStatus() const
{
    return m_importStatus->text();
}

bool SearchPage::importFile(const QString &path)
{
    if (m_importing)
        return false;
    if (m_collection.isEmpty()) {
        m_importStatus->setText(tr("Create a collection first: documents are imported into one."));
        return false;
    }
    // Read a batch at a time, so a file of any size imports without being held in memory.
    auto source = std::make_unique<QFile>(path);
    if (!source->open(QIODevice::ReadOnly)) {
        m_importStatus->setText(tr("Cannot read %1: %2").arg(path, source->errorString()));
        return false;
    }
    m_importSource = std::move(source);
    m_importCollection = m_collection;
    m_importActionName = m_importAction->currentText();
    m_importLineNumber = 0;
    m_importOk = 0;
    m_importFailed = 0;
    m_importErrors->setRowCount(0);
    m_importFile->setText(tr("%1 → “%2” (%3)").arg(QFileInfo(path).fileName(), m_importCollection, m_importActionName));
    m_importProgress->setValue(0);
    m_importing = true;
    m_importButton->setEnabled(false);
    m_importStatus->setText(tr("Importing…"));
    sendImportBatch();
    return true;
}

void SearchPage::sendImportBatch()
{
    // Blank lines are skipped (and counted, so the line numbers shown are the file's).
    QList<QPair<int, QByteArray>> lines;
    QByteArray body;
    while (!m_importSource->atEnd() && lines.size() < kImportBatchLines && body.size() < kImportBatchBytes) {
        QByteArray line = m_importSource->readLine();
        ++m_importLineNumber;
        while (line.endsWith('\n') || line.endsWith('\r'))
            line.chop(1);
        if (line.trimmed().isEmpty())
            continue;
        if (!lines.isEmpty())
            body += '\n';
        body += line;
        lines.append({m_importLineNumber, line.left(500)});
    }
    const QLocale locale;
    if (lines.isEmpty()) {
        m_importProgress->setValue(m_importProgress->maximum());
        finishImport(m_importOk + m_importFailed == 0
                         ? tr("The file has no lines to import.")
                         : m_importFailed == 0 ? tr("Done: %1 documents imported.").arg(locale.toString(m_importOk))
                                               : tr("Done: %1 imported, %2 failed (listed below).")
                                                     .arg(locale.toString(m_importOk), locale.toString(m_importFailed)));
        return;
    }
    search::ApiRequest request;
    request.method = "POST";
    request.path = SearchApiClient::collectionPath(m_importCollection, QStringLiteral("/documents/import"));
    request.query = {{QStringLiteral("action"), m_importActionName}};
    request.body = body;
    request.contentType = "text/plain";
    m_client->send(request, this, [this, lines](const search::ApiAnswer &answer) {
        if (!answer.ok()) {
            finishImport(tr("Stopped at line %1: the server answered %2: %3")
                             .arg(lines.first().first)
                             .arg(answer.status)
                             .arg(answer.message()));
            return;
        }
        // One result line per line sent, in order.
        const QList<QByteArray> results = answer.body.split('\n');
        for (int i = 0; i < lines.size(); ++i) {
            const QJsonObject r = QJsonDocument::fromJson(results.value(i)).object();
            if (r.value(QStringLiteral("success")).toBool()) {
                ++m_importOk;
                continue;
            }
            ++m_importFailed;
            if (m_importErrors->rowCount() >= kImportErrorsShown)
                continue;
            const int row = m_importErrors->rowCount();
            m_importErrors->insertRow(row);
            auto *number = new QTableWidgetItem;
            number->setData(Qt::DisplayRole, lines[i].first);
            m_importErrors->setItem(row, 0, number);
            const QString error = r.isEmpty() ? tr("no result for this line") : r.value(QStringLiteral("error")).toString();
            // Long messages and documents are cut in their cells; the tooltip has them whole.
            auto *errorItem = new QTableWidgetItem(error);
            errorItem->setToolTip(error);
            m_importErrors->setItem(row, 1, errorItem);
            auto *documentItem = new QTableWidgetItem(QString::fromUtf8(lines[i].second));
            documentItem->setToolTip(documentItem->text());
            m_importErrors->setItem(row, 2, documentItem);
        }
        const qint64 size = std::max<qint64>(1, m_importSource->size());
        m_importProgress->setValue(int(m_importSource->pos() * m_importProgress->maximum() / size));
        m_importStatus->setText(tr("Importing… %1 imported, %2 failed")
                                    .arg(QLocale().toString(m_importOk), QLocale().toString(m_importFailed)));
        sendImportBatch();
    });
}

void SearchPage::finishImport(const QString &status)
{
    m_importing = false;
    m_importButton->setEnabled(m_monitor != nullptr);
    m_importStatus->setText(status);
    m_importSource.reset();
    m_docList->clear(); // the browser shows fresh documents next time
}

// ---------------------------------------------------------------------------------------------
// API keys, synonyms, overrides

QWidget *SearchPage::buildKeysTab()
{
    auto *page = new QWidget(m_tabs);
    SearchApiListPanel::Config config;
    config.objectName = QStringLiteral("keysPanel");
    config.itemWord = tr("key");
    config.arrayKey = QStringLiteral("keys");
    config.needsCollection = false;
    config.columns = {
        {tr("Id"), [](const QJsonObject &k) { return QString::number(k.value(QStringLiteral("id")).toInteger()); }},
        {tr("Prefix"), [](const QJsonObject &k) { return k.value(QStringLiteral("value_prefix")).toString(); }},
        {tr("Description"), [](const QJsonObject &k) { return k.value(QStringLiteral("description")).toString(); }},
        {tr("Actions"), [](const QJsonObject &k) { return joined(k.value(QStringLiteral("actions"))); }},
        {tr("Collections"), [](const QJsonObject &k) { return joined(k.value(QStringLiteral("collections"))); }},
        {tr("Expires"),
         [](const QJsonObject &k) {
             const qint64 at = k.value(QStringLiteral("expires_at")).toInteger();
             return at <= 0 || at >= 64723363199LL ? tr("never")
                                                   : QLocale().toString(QDateTime::fromSecsSinceEpoch(at), QLocale::ShortFormat);
         }},
    };
    config.listPath = [](const QString &) { return QStringLiteral("/keys"); };
    config.itemPath = [](const QString &, const QJsonObject &k) {
        return QStringLiteral("/keys/%1").arg(k.value(QStringLiteral("id")).toInteger());
    };
    config.emptyTitle = tr("No API keys yet");
    config.emptyText = tr("Apps can use the admin key, but browsers should get a search-only key, or a scoped key made "
                          "from one that limits what they see.");
    config.unavailableText = tr("This Homeport's search service has no API key management yet; clients use the admin "
                                "key shown under Connect on the Overview tab.");
    m_keysPanel = new SearchApiListPanel(config, m_client, page);
    const auto postKey = [](const QString &, const QJsonObject &body, QString *) {
        return jsonRequest("POST", QStringLiteral("/keys"), body);
    };
    m_keysPanel->addCreateButton(
        tr("New search-only key…"), QStringLiteral("newSearchKeyButton"), tr("New search-only key"),
        tr("POST /keys. A key that can only search: safe to put in a browser. The key's value is shown once."),
        QStringLiteral(R"({
  "description": "Search-only key",
  "actions": ["documents:search"],
  "collections": ["*"]
}
)"),
        postKey);
    m_keysPanel->addCreateButton(
        tr("New key…"), QStringLiteral("newKeyButton"), tr("New API key"),
        tr("POST /keys with the actions (e.g. documents:*, collections:get, *) and collections it may use; expires_at "
           "in seconds since the epoch is optional."),
        QStringLiteral(R"({
  "description": "Backend key",
  "actions": ["documents:*"],
  "collections": ["*"]
}
)"),
        postKey);

    // The key just created (its value is only ever shown once) and the scoped-key generator.
    QVBoxLayout *cardLayout = nullptr;
    QFrame *card = makeCard(page, &cardLayout);
    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(8);
    grid->setVerticalSpacing(6);
    m_createdKey = new QLineEdit(card);
    m_createdKey->setObjectName(QStringLiteral("createdKey"));
    m_createdKey->setReadOnly(true);
    m_createdKey->setFont(Theme::monospaceFont());
    m_createdKey->setPlaceholderText(tr("the value of a key created here appears here once"));
    auto *copyCreated = new QPushButton(tr("Copy"), card);
    copyCreated->setObjectName(QStringLiteral("copyCreatedKeyButton"));
    connect(copyCreated, &QPushButton::clicked, this, [this] {
        if (m_createdKey->text().isEmpty()) {
            m_keysPanel->showMessage(tr("No key made yet: its value shows here once, right after New key."));
            return;
        }
        QApplication::clipboard()->setText(m_createdKey->text());
        m_keysPanel->showMessage(tr("Key copied."));
    });
    m_scopedParent = new QLineEdit(card);
    m_scopedParent->setObjectName(QStringLiteral("scopedParentKey"));
    m_scopedParent->setFont(Theme::monospaceFont());
    m_scopedParent->setPlaceholderText(tr("a search-only key's value"));
    m_scopedParams = new QLineEdit(QStringLiteral(R"({"filter_by":"company_id:=124","expires_at":1906054106})"), card);
    m_scopedParams->setObjectName(QStringLiteral("scopedParams"));
    m_scopedParams->setFont(Theme::monospaceFont());
    m_scopedResult = new QLineEdit(card);
    m_scopedResult->setObjectName(QStringLiteral("scopedResult"));
    m_scopedResult->setReadOnly(true);
    m_scopedResult->setFont(Theme::monospaceFont());
    auto *generate = new QPushButton(tr("Generate"), card);
    generate->setObjectName(QStringLiteral("generateScopedKeyButton"));
    connect(generate, &QPushButton::clicked, this, &SearchPage::generateScopedKey);
    auto *copyScoped = new QPushButton(tr("Copy"), card);
    connect(copyScoped, &QPushButton::clicked, this, [this] {
        if (m_scopedResult->text().isEmpty()) {
            m_scopedMessage->setText(tr("Nothing to copy yet: give the parent key and press Generate."));
            return;
        }
        QApplication::clipboard()->setText(m_scopedResult->text());
        showTransientMessage(m_scopedMessage, tr("Scoped key copied."));
    });
    m_scopedMessage = new QLabel(card);
    m_scopedMessage->setObjectName(QStringLiteral("scopedMessage"));
    m_scopedMessage->setWordWrap(true);
    // The new key's value first (it belongs to the table above), then the scoped key generator
    // under its own title; one grid, so the boxes line up.
    grid->addWidget(new QLabel(tr("New key's value"), card), 0, 0);
    grid->addWidget(m_createdKey, 0, 1);
    grid->addWidget(copyCreated, 0, 2);
    grid->addWidget(makeSectionTitle(tr("Scoped search key"), card), 1, 0, 1, 3);
    grid->addWidget(makeHint(tr("Made here, as typesense-js' generateScopedSearchKey does: the parameters are "
                                "signed with the parent key (HMAC-SHA256), so the server enforces them (its "
                                "filter_by is joined to every search with &&). Nothing is sent."),
                             card),
                    2, 0, 1, 3);
    grid->addWidget(new QLabel(tr("Parent key"), card), 3, 0);
    grid->addWidget(m_scopedParent, 3, 1, 1, 2);
    grid->addWidget(new QLabel(tr("Embedded"), card), 4, 0);
    grid->addWidget(m_scopedParams, 4, 1);
    grid->addWidget(generate, 4, 2);
    grid->addWidget(new QLabel(tr("Scoped key"), card), 5, 0);
    grid->addWidget(m_scopedResult, 5, 1);
    grid->addWidget(copyScoped, 5, 2);
    grid->setColumnStretch(1, 1);
    cardLayout->addLayout(grid);
    cardLayout->addWidget(m_scopedMessage);
    connect(m_keysPanel, &SearchApiListPanel::created, this, [this](const search::ApiAnswer &answer) {
        const QJsonObject key = QJsonDocument::fromJson(answer.body).object();
        const QString value = key.value(QStringLiteral("value")).toString();
        m_createdKey->setText(value);
        const QJsonArray actions = key.value(QStringLiteral("actions")).toArray();
        if (actions.contains(QStringLiteral("documents:search")))
            m_scopedParent->setText(value);
        m_keysPanel->showMessage(tr("Key created: copy its value now, it is not shown again."));
    });

    auto *layout = new QVBoxLayout;
    layout->setSpacing(12);
    layout->addWidget(m_keysPanel, 3);
    layout->addWidget(card, 0);
    return finishTabPage(page, layout, kTabPage);
}

QString SearchPage::createdKeyText() const
{
    return m_createdKey->text();
}

void SearchPage::generateScopedKey()
{
    const QString parent = m_scopedParent->text().trimmed();
    QJsonParseError error;
    const QJsonDocument params = QJsonDocument::fromJson(m_scopedParams->text().toUtf8(), &error);
    if (parent.isEmpty()) {
        m_scopedMessage->setText(tr("Give the parent key: the value of a search-only key."));
        return;
    }
    if (error.error != QJsonParseError::NoError || !params.isObject()) {
        m_scopedMessage->setText(tr("The embedded parameters must be one JSON object, e.g. {\"filter_by\": \"user_id:=7\"}."));
        return;
    }
    // Signed as written (key order kept), as JSON.stringify of the same object would give it.
    m_scopedResult->setText(SearchResultFormat::scopedSearchKey(parent, m_scopedParams->text().trimmed().toUtf8()));
    m_scopedMessage->setText(tr("Give this key to the client: searches with it are limited as embedded."));
}

SearchApiListPanel *SearchPage::buildSynonymsPanel()
{
    SearchApiListPanel::Config config;
    config.objectName = QStringLiteral("synonymsPanel");
    config.itemWord = tr("synonym");
    config.arrayKey = QStringLiteral("synonyms");
    config.columns = {
        {tr("Id"), [](const QJsonObject &s) { return s.value(QStringLiteral("id")).toString(); }},
        {tr("Kind"),
         [](const QJsonObject &s) { return s.value(QStringLiteral("root")).toString().isEmpty() ? tr("multi-way") : tr("one-way"); }},
        {tr("Root"), [](const QJsonObject &s) { return s.value(QStringLiteral("root")).toString(); }},
        {tr("Synonyms"), [](const QJsonObject &s) { return joined(s.value(QStringLiteral("synonyms"))); }},
    };
    config.listPath = [](const QString &c) { return SearchApiClient::collectionPath(c, QStringLiteral("/synonyms")); };
    config.itemPath = [](const QString &c, const QJsonObject &s) {
        return SearchApiClient::collectionPath(c, QStringLiteral("/synonyms/") + encoded(s.value(QStringLiteral("id")).toString()));
    };
    config.emptyTitle = tr("No synonyms yet");
    config.emptyText = tr("Multi-way synonyms make words interchangeable (sneaker, shoe, trainer); a one-way synonym "
                          "with a root also finds the synonyms when the root is searched.");
    config.unavailableText = tr("Synonyms are not in this Homeport's search service yet.");
    const auto putSynonym = [](const QString &collection, const QJsonObject &body, QString *problem) {
        const QString id = body.value(QStringLiteral("id")).toString();
        if (id.isEmpty()) {
            *problem = tr("Give the synonym an \"id\": it becomes part of its address.");
            return search::ApiRequest{};
        }
        QJsonObject rest = body;
        rest.remove(QStringLiteral("id"));
        return jsonRequest("PUT", SearchApiClient::collectionPath(collection, QStringLiteral("/synonyms/") + encoded(id)), rest);
    };
    auto *panel = new SearchApiListPanel(config, m_client, this);
    panel->addCreateButton(
        tr("New synonym…"), QStringLiteral("newSynonymButton"), tr("New synonym"),
        tr("PUT /collections/{collection}/synonyms/{id}: the id names it; add \"root\" for a one-way synonym."),
        QStringLiteral(R"({
  "id": "shoes",
  "synonyms": ["sneaker", "shoe", "trainer"]
}
)"),
        putSynonym);
    panel->addEditButton(tr("Edit…"), QStringLiteral("editSynonymButton"), tr("Edit synonym"),
                         tr("PUT /collections/{collection}/synonyms/{id} replaces the synonym with this id."), putSynonym);
    return panel;
}

SearchApiListPanel *SearchPage::buildOverridesPanel()
{
    SearchApiListPanel::Config config;
    config.objectName = QStringLiteral("overridesPanel");
    config.itemWord = tr("override");
    config.arrayKey = QStringLiteral("overrides");
    config.columns = {
        {tr("Id"), [](const QJsonObject &o) { return o.value(QStringLiteral("id")).toString(); }},
        {tr("Rule"),
         [](const QJsonObject &o) {
             const QJsonObject rule = o.value(QStringLiteral("rule")).toObject();
             QStringList parts;
             if (rule.contains(QStringLiteral("query")))
                 parts << QStringLiteral("q %1 “%2”").arg(rule.value(QStringLiteral("match")).toString(),
                                                        rule.value(QStringLiteral("query")).toString());
             if (rule.contains(QStringLiteral("filter_by")))
                 parts << QStringLiteral("filter %1").arg(rule.value(QStringLiteral("filter_by")).toString());
             return parts.join(QStringLiteral(" · "));
         }},
        {tr("Includes"), [](const QJsonObject &o) { return QString::number(o.value(QStringLiteral("includes")).toArray().size()); }},
        {tr("Excludes"), [](const QJsonObject &o) { return QString::number(o.value(QStringLiteral("excludes")).toArray().size()); }},
        {tr("Also"),
         [](const QJsonObject &o) {
             QStringList parts;
             for (const char *key : {"filter_by", "sort_by", "replace_query"}) {
                 if (o.contains(QLatin1String(key)))
                     parts << QStringLiteral("%1=%2").arg(QLatin1String(key), o.value(QLatin1String(key)).toString());
             }
             if (o.value(QStringLiteral("stop_processing")).toBool(true) == false)
                 parts << QStringLiteral("continues");
             return parts.join(QStringLiteral(" · "));
         }},
    };
    config.listPath = [](const QString &c) { return SearchApiClient::collectionPath(c, QStringLiteral("/overrides")); };
    config.itemPath = [](const QString &c, const QJsonObject &o) {
        return SearchApiClient::collectionPath(c, QStringLiteral("/overrides/") + encoded(o.value(QStringLiteral("id")).toString()));
    };
    config.emptyTitle = tr("No overrides yet");
    config.emptyText = tr("An override curates results for a query: pin documents at positions, hide others, add a "
                          "filter or replace the query.");
    config.unavailableText = tr("Overrides (curation) are not in this Homeport's search service yet.");
    const auto putOverride = [](const QString &collection, const QJsonObject &body, QString *problem) {
        const QString id = body.value(QStringLiteral("id")).toString();
        if (id.isEmpty()) {
            *problem = tr("Give the override an \"id\": it becomes part of its address.");
            return search::ApiRequest{};
        }
        QJsonObject rest = body;
        rest.remove(QStringLiteral("id"));
        return jsonRequest("PUT", SearchApiClient::collectionPath(collection, QStringLiteral("/overrides/") + encoded(id)), rest);
    };
    auto *panel = new SearchApiListPanel(config, m_client, this);
    panel->addCreateButton(
        tr("New override…"), QStringLiteral("newOverrideButton"), tr("New override"),
        tr("PUT /collections/{collection}/overrides/{id}: a rule (query with match exact or contains, and/or "
           "filter_by), then includes, excludes, filter_by, sort_by, replace_query, stop_processing."),
        QStringLiteral(R"({
  "id": "pin-featured",
  "rule": {"query": "phone", "match": "contains"},
  "includes": [{"id": "1", "position": 1}],
  "excludes": []
}
)"),
        putOverride);
    panel->addEditButton(tr("Edit…"), QStringLiteral("editOverrideButton"), tr("Edit override"),
                         tr("PUT /collections/{collection}/overrides/{id} replaces the override with this id."), putOverride);
    return panel;
}

// ---------------------------------------------------------------------------------------------
// Live state

void SearchPage::applySnapshot()
{
    m_snapshotTimer->stop();
    m_snapshot = m_monitor ? m_monitor->snapshot() : search::SearchSnapshot{};
    m_collectionModel->setCollections(m_snapshot.collections);
    updateCollectionCombos();
    updateCollectionState();
    prefillPlayground();

    const QLocale locale;
    qint64 documents = 0;
    qint64 memory = 0;
    qint64 stored = 0;
    for (const search::CollectionInfo &c : std::as_const(m_snapshot.collections)) {
        documents += c.numDocuments;
        memory += c.memoryBytes;
        stored += c.estimatedBytes;
    }
    quint64 lastMinute = 0;
    double p99 = 0;
    const qint64 now = m_snapshot.takenAt > 0 ? m_snapshot.takenAt : QDateTime::currentSecsSinceEpoch();
    for (const search::LatencyPoint &p : std::as_const(m_snapshot.latency)) {
        if (p.second > now - 60) {
            lastMinute += p.requests;
            if (p.requests > 0)
                p99 = std::max(p99, p.p99Ms);
        }
    }
    m_stats.value(QStringLiteral("collections"))->setText(locale.toString(int(m_snapshot.collections.size())));
    m_stats.value(QStringLiteral("documents"))->setText(locale.toString(documents));
    m_stats.value(QStringLiteral("memory"))->setText(SearchCollectionModel::bytesText(memory));
    m_stats.value(QStringLiteral("memory"))
        ->setToolTip(tr("What the collections' indexes hold in the service's memory. The documents themselves, %1 "
                        "as compact JSON, are read from disk.")
                         .arg(SearchCollectionModel::bytesText(stored)));
    m_stats.value(QStringLiteral("requests"))->setText(locale.toString(lastMinute));
    m_stats.value(QStringLiteral("p99"))->setText(lastMinute == 0 ? tr("–") : latencyText(p99));
    m_latencyChart->setPoints(m_latencyChart->range() == ChartRange::FiveMinutes ? m_snapshot.latency : m_snapshot.latencyMinutes,
                              now);
    const search::LatencyPoint last = m_snapshot.latency.isEmpty() ? search::LatencyPoint{} : m_snapshot.latency.last();
    m_latencyNow->setText(last.requests == 0
                              ? tr("no requests in the last second")
                              : tr("last second: %1 requests · p50 %2 · p99 %3")
                                    .arg(locale.toString(last.requests), latencyText(last.p50Ms), latencyText(last.p99Ms)));
    updateSnippet();
}

void SearchPage::refreshDashboard()
{
    const bool running = status().state == core::ServiceState::Running;
    if (m_wasRunning && !running)
        m_client->failPending(tr("The search service stopped before it answered."));
    m_wasRunning = running;
    QString banner;
    if (!m_monitor) {
        banner = tr("The search service is not connected to this console.");
    } else if (!running) {
        banner = status().state == core::ServiceState::Failed
            ? tr("Search failed to start: %1. The tables show its last known state.").arg(status().reason)
            : tr("Search is %1. Collections load and requests are answered once it runs.")
                  .arg(Theme::stateText(status().state));
    }
    m_banner->setText(banner);
    m_banner->setVisible(!banner.isEmpty());
}

} // namespace homeport::ui
