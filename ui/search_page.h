#pragma once
// SearchPage: the search service's page: the generic service header and state, plus the
// dashboard of issue 6 in tabs: Overview (collections, documents, p50/p99 latency per second,
// Connect snippets), Collections (sortable table, schema, create/alter/delete), Documents (paged
// browser with filter_by), Search (a playground with highlights, facets and the server's time),
// Import (JSONL in batches with a progress bar and per-line errors), API keys (list, create,
// scoped keys), Synonyms and Overrides.
// Thread affinity: the GUI thread. Reads SearchMonitor snapshots (on snapshotPublished,
// coalesced); everything else is a real Typesense request through SearchMonitor::request(),
// answered by id, so every view shows what the API answers, errors included. Only the answer to
// the latest request of each kind is shown. It never calls into the service.

#include "dashboard_widgets.h"
#include "search/search_monitor.h"
#include "service_page.h"

#include <QJsonObject>

#include <memory>

class QComboBox;
class QFile;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QStackedWidget;
class QTabWidget;
class QTableView;
class QTableWidget;
class QTextBrowser;
class QTimer;

namespace homeport::ui {

class EmptyState;
class SearchApiClient;
class SearchApiListPanel;
class SearchCollectionModel;
class SearchJsonDialog;
class SearchLatencyChart;
class SnippetCard;

class SearchPage : public ServicePage
{
    Q_OBJECT
public:
    enum Tab { OverviewTab, CollectionsTab, DocumentsTab, PlaygroundTab, ImportTab, KeysTab, SynonymsTab, OverridesTab };
    static constexpr int kSnapshotDelayMs = 150;
    static constexpr int kDocumentsPerPage = 25;
    // One import request carries at most this many lines (and about this many bytes), so the
    // progress bar moves and one request never holds the service for long.
    static constexpr int kImportBatchLines = 500;
    static constexpr qint64 kImportBatchBytes = 2LL << 20;
    static constexpr int kImportErrorsShown = 1000;

    SearchPage(const core::ServiceInfo &info, const ConsoleContext &context, ServiceCommands *commands,
               QWidget *parent = nullptr);
    ~SearchPage() override;

    search::SearchMonitor *monitor() const { return m_monitor; }
    SearchApiClient *apiClient() const { return m_client; }
    QTabWidget *tabs() const { return m_tabs; }
    void setConfirmFunction(ConfirmFunction confirm);

    // The collection every tab works on (the combo boxes of the tabs follow each other).
    QString currentCollection() const { return m_collection; }
    void setCurrentCollection(const QString &name);

    // Overview
    QString statText(const QString &name) const;
    SearchLatencyChart *latencyChart() const { return m_latencyChart; }
    SnippetCard *snippetCard() const { return m_snippetCard; }

    // Collections
    SearchCollectionModel *collectionModel() const { return m_collectionModel; }
    QSortFilterProxyModel *collectionProxy() const { return m_collectionProxy; }
    QTableView *collectionTable() const { return m_collectionTable; }
    EmptyState *noCollectionsState() const { return m_noCollections; }
    QTableWidget *schemaTable() const { return m_schemaTable; }
    SearchJsonDialog *lastDialog() const { return m_lastDialog; }

    // Documents
    QLineEdit *documentFilter() const { return m_docFilter; }
    QListWidget *documentList() const { return m_docList; }
    QPlainTextEdit *documentJson() const { return m_docJson; }
    QString documentsStatus() const;
    int documentsPage() const { return m_docPage; }

    // Playground
    QLineEdit *queryEdit() const { return m_q; }
    QLineEdit *queryByEdit() const { return m_queryBy; }
    QLineEdit *filterByEdit() const { return m_filterBy; }
    QLineEdit *sortByEdit() const { return m_sortBy; }
    QLineEdit *facetByEdit() const { return m_facetBy; }
    QTextBrowser *hitsView() const { return m_hits; }
    QTextBrowser *facetsView() const { return m_facets; }
    QString playgroundStatus() const;
    const QJsonObject &lastSearchResponse() const { return m_lastResponse; }

    // Import
    QProgressBar *importProgress() const { return m_importProgress; }
    QTableWidget *importErrors() const { return m_importErrors; }
    QString importStatus() const;
    bool isImporting() const { return m_importing; }

    // Keys, synonyms, overrides
    SearchApiListPanel *keysPanel() const { return m_keysPanel; }
    SearchApiListPanel *synonymsPanel() const { return m_synonymsPanel; }
    SearchApiListPanel *overridesPanel() const { return m_overridesPanel; }
    QLineEdit *scopedParentKey() const { return m_scopedParent; }
    QLineEdit *scopedParams() const { return m_scopedParams; }
    QLineEdit *scopedResult() const { return m_scopedResult; }
    QString createdKeyText() const;

public Q_SLOTS:
    void applySnapshot();
    SearchJsonDialog *newCollection();
    SearchJsonDialog *alterSelectedCollection();
    bool deleteSelectedCollection();
    void loadDocuments();
    void runSearch();
    // Imports a JSONL file into the current collection with the chosen action.
    bool importFile(const QString &path);
    void generateScopedKey();

protected:
    void refreshDashboard() override;

private:
    QWidget *buildOverviewTab();
    QWidget *buildCollectionsTab();
    QWidget *buildDocumentsTab();
    QWidget *buildPlaygroundTab();
    QWidget *buildImportTab();
    QWidget *buildKeysTab();
    SearchApiListPanel *buildSynonymsPanel();
    SearchApiListPanel *buildOverridesPanel();
    QComboBox *makeCollectionCombo(QWidget *parent);
    QWidget *wrapWithCollection(SearchApiListPanel *panel);
    void updateCollectionCombos();
    void updateSchema();
    void updateSnippet();
    void updateCollectionState();
    void prefillPlayground();
    void sendImportBatch();
    void finishImport(const QString &status);
    void showCollectionsMessage(const QString &text);
    SearchJsonDialog *openDialog(const QString &title, const QString &note, const QString &body,
                                 std::function<search::ApiRequest(const QJsonObject &, QString *)> build);
    const search::CollectionInfo *collectionInfo(const QString &name) const;
    QString selectedCollectionName() const;

    search::SearchMonitor *m_monitor;
    SearchApiClient *m_client;
    search::SearchSnapshot m_snapshot;
    ConfirmFunction m_confirm;
    QTimer *m_snapshotTimer;
    QTabWidget *m_tabs = nullptr;
    QLabel *m_banner = nullptr;
    QString m_collection;
    QList<QComboBox *> m_collectionCombos;
    SearchJsonDialog *m_lastDialog = nullptr;
    bool m_wasRunning = false;

    // Overview
    QHash<QString, QLabel *> m_stats;
    SearchLatencyChart *m_latencyChart = nullptr;
    QLabel *m_latencyNow = nullptr;
    SnippetCard *m_snippetCard = nullptr;

    // Collections
    SearchCollectionModel *m_collectionModel;
    QSortFilterProxyModel *m_collectionProxy;
    QTableView *m_collectionTable = nullptr;
    QStackedWidget *m_collectionsStack = nullptr;
    EmptyState *m_noCollections = nullptr;
    QPushButton *m_alterCollection = nullptr;
    QPushButton *m_deleteCollection = nullptr;
    QLabel *m_collectionsMessage = nullptr;
    QLabel *m_schemaTitle = nullptr;
    QTableWidget *m_schemaTable = nullptr;
    QStringList m_schemaShown; // what the schema table shows: collection, sorting field, fields

    // Documents
    QLineEdit *m_docFilter = nullptr;
    QLabel *m_docStatus = nullptr;
    QPushButton *m_docPrev = nullptr;
    QPushButton *m_docNext = nullptr;
    QListWidget *m_docList = nullptr;
    QPlainTextEdit *m_docJson = nullptr;
    int m_docPage = 1;
    qint64 m_docFound = 0;
    quint64 m_docGeneration = 0;

    // Playground
    QLineEdit *m_q = nullptr;
    QLineEdit *m_queryBy = nullptr;
    QLineEdit *m_filterBy = nullptr;
    QLineEdit *m_sortBy = nullptr;
    QLineEdit *m_facetBy = nullptr;
    QLabel *m_searchStatus = nullptr;
    QTextBrowser *m_hits = nullptr;
    QTextBrowser *m_facets = nullptr;
    QJsonObject m_lastResponse;
    quint64 m_searchGeneration = 0;
    QString m_prefilledFor;

    // Import
    QComboBox *m_importAction = nullptr;
    QPushButton *m_importButton = nullptr;
    QLabel *m_importFile = nullptr;
    QProgressBar *m_importProgress = nullptr;
    QLabel *m_importStatus = nullptr;
    QTableWidget *m_importErrors = nullptr;
    bool m_importing = false;
    QString m_importCollection;
    QString m_importActionName;
    std::unique_ptr<QFile> m_importSource;
    int m_importLineNumber = 0;
    int m_importOk = 0;
    int m_importFailed = 0;

    // Keys, synonyms, overrides
    SearchApiListPanel *m_keysPanel = nullptr;
    SearchApiListPanel *m_synonymsPanel = nullptr;
    SearchApiListPanel *m_overridesPanel = nullptr;
    QLineEdit *m_createdKey = nullptr;
    QLineEdit *m_scopedParent = nullptr;
    QLineEdit *m_scopedParams = nullptr;
    QLineEdit *m_scopedResult = nullptr;
    QLabel *m_scopedMessage = nullptr;
};

} // namespace homeport::ui
