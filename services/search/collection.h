#pragma once
// Collection: one Typesense collection in memory: its schema, its documents (by insertion
// sequence, with id -> sequence; each document's compact JSON stays in the collection's
// DocumentLog, and the collection keeps only where it lies there, reading it when a document is
// rendered or a field is read), and its index: a token dictionary (TokenTrie) shared by the
// collection's string fields, per-field posting lists of sequences, and columns of single-valued
// numbers (filters, sorting). Writes are validated here
// with Typesense's messages and logged (DocumentLog; the service commits the log before it
// answers) and replayed at start. search() runs the whole query: typo-tolerant token matching (with the
// collection's synonyms), filters (geo radius and polygon included), ranking, sorting (geo
// distance included), curation (pinned_hits, hidden_hits), facets, group_by, pagination and
// highlights, and renders Typesense's response shape.
// Threads: changes only on the search service's thread; the const methods (search, reads,
// filters, snapshot capture) may run on several threads at once while no change runs (the
// service's ReaderPool lock sees to that). What a const method builds lazily (the order column,
// the infix trigrams) is built under m_lazyMutex; per-search buffers are thread_local.

#include "posting_list.h"
#include "text_analyzer.h"
#include "token_trie.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QMutex>
#include <QRegularExpression>
#include <QSet>
#include <QString>

#include <algorithm>
#include <limits>
#include <memory>
#include <optional>
#include <vector>

namespace homeport::search {

struct FilterNode;
struct FilterCheck;
enum class FilterKind; // filter_expression.h
class DocumentLog;
class SnapshotImage;

struct ApiError
{
    int status = 0; // 0: no error
    QString message;
    bool failed() const { return status != 0; }
    static ApiError of(int status, const QString &message) { return {status, message}; }
};

struct Field
{
    QString name;
    QString type;
    bool facet = false;
    bool optional = false;
    bool index = true;
    bool sort = false;
    bool infix = false;
    bool store = true;
    QString locale;
    bool regex = false;    // the name is a pattern such as ".*"
    QRegularExpression pattern; // regex fields: the anchored name, compiled once
    bool detected = false; // added from a document through a regex field (not in the saved schema)

    bool isStringType() const { return type == QLatin1String("string") || type == QLatin1String("string[]") || type == QLatin1String("string*"); }
    bool isNumeric() const;
    bool isBool() const { return type.startsWith(QLatin1String("bool")); }
    bool isGeo() const { return type.startsWith(QLatin1String("geopoint")); }
    bool isArray() const { return type.endsWith(QLatin1String("[]")); }
    // A `locale` other than English asks for ICU's word breaking, as Typesense does.
    bool breaksWords() const { return !locale.isEmpty() && locale != QLatin1String("en"); }
    QJsonObject toJson() const;
};

enum class WriteAction { Create, Upsert, Update, Emplace };
enum class DirtyValues { Reject, Drop, CoerceOrReject, CoerceOrDrop };

// Search parameters by name (URL query, or a multi_search entry merged over it).
using SearchParams = QHash<QString, QString>;
// A JSON scalar as a search parameter's text (preset values, a scoped key's embedded parameters);
// arrays and objects give an empty string. Defined in search_presets.cpp.
QString paramString(const QJsonValue &v);

class Collection
{
public:
    Collection();
    ~Collection();

    // Validates a create-collection body. createdAt is seconds since the epoch.
    static ApiError fromSchema(const QJsonObject &schema, qint64 createdAt, std::unique_ptr<Collection> *out);
    // Typesense's rules for fields declared `index: false`, checked on new collections and added
    // fields only: saved schemas from before the rules still load.
    ApiError checkNonIndexedFields() const;

    const QString &name() const { return m_name; }
    qint64 createdAt() const { return m_createdAt; }
    // The schema as it is saved (explicit fields only) and restored with fromSchema().
    QJsonObject schemaJson() const;
    // Whether the schema declares the catch-all `.*` field (it changes dirty_values' default).
    bool hasCatchAllField() const;
    // GET /collections/{name}
    QJsonObject summary() const;
    qsizetype numDocuments() const { return m_idToSeq.size(); }
    qint64 storedBytes() const; // the live documents' compact JSON, added up
    // The bytes the collection's index holds in the process's heap, by the containers' capacity
    // as the allocator hands it out: document records and the id table, the token dictionary,
    // posting lists, number, geo and facet columns, synonyms, and what searches built lazily
    // (order column, infix trigrams). Documents themselves lie in the log's file mapping (the
    // page cache), not counted here. Walks every container (collection_memory.cpp): callers
    // run it on the service's thread now and then, redoing it when memoryStamp() moves, never
    // per search.
    qint64 memoryBytes() const;
    // Moves whenever a write, removal or rebuild (or a search's lazy building) may have changed
    // memoryBytes(); cheap.
    quint64 memoryStamp() const;
    // Removed documents, and the former versions of documents an upsert or update replaced, stay
    // in the index as dead sequences until it is rebuilt. When none is left alive the index is
    // emptied (cheap); when the dead outnumber the live (and are many), it is rebuilt from the live
    // documents, giving their memory back. Called once per request (finishWrites()) and after a
    // replay, not per document. True when it emptied or rebuilt the index (sequences were given
    // anew).
    bool dropRemovedDocuments();
    // At the end of every request that wrote or removed documents (an import batch, a document
    // write, an update or delete by filter): dropRemovedDocuments(), which also drops the
    // entries of documents an upsert or update replaced, then the room ahead that the writes
    // grew in the posting lists they touched (a sixteenth is kept), the dictionary and the
    // columns (an eighth) goes back to malloc, so that right after an import the index holds
    // about what a restart reads back. Costs what the batch touched (and, when due, a rebuild).
    // True when it rebuilt.
    bool finishWrites();

    // The durable store the documents are written to and read from (the service's file; until
    // one is given, a log in memory). Set before the first write or restore; not owned.
    void useLog(DocumentLog *log) { m_log = log; }
    DocumentLog &log() const { return *m_log; }

    // PATCH /collections/{name}: {"fields":[{"name":"x","drop":true}, {new field}, ...]}. Every
    // live document must satisfy the new schema; the index is then rebuilt.
    ApiError alterFields(const QJsonValue &fields);
    // The schema's free-form `metadata` object (PATCH replaces it).
    void setMetadata(const QJsonObject &metadata) { m_metadata = metadata; }

    // Validates `document` for `action` (`id` is the path's id for PATCH .../documents/{id}) and
    // applies it: the index takes it and the log gets its record, to be committed by the caller
    // before the write is acknowledged. On success *stored is the full document as kept.
    ApiError write(QJsonObject document, WriteAction action, DirtyValues dirty, const QString &id,
                   QJsonObject *stored);
    ApiError remove(const QString &id, QJsonObject *removed); // logs a del record (not committed)
    std::optional<QJsonObject> document(const QString &id) const;
    // The document as compact JSON (empty when absent): export and compaction copy it as is.
    QByteArray documentBytes(const QString &id) const;
    // Replays a document already validated when it was first written (compact JSON, lying at
    // `offset` in the log).
    void restore(QByteArrayView compactDocument, qint64 offset);
    void restoreRemoval(const QString &id);
    // Rewrites the log with the live documents only (when most records are superseded), crash-safe.
    bool compactLog(QString *error);
    // After a bulk load (the replay at start): gives back the spare capacity posting lists grew.
    void releaseSpareCapacity();

    // Index snapshots (collection_snapshot.cpp): the documents and the whole index in one binary
    // file written atomically, read back at start instead of replaying the log. It records how
    // much of the document log it covers (bytes and records, with a fingerprint of those bytes)
    // and the schema; readSnapshot refuses a snapshot of another log or schema, or a damaged one,
    // and then leaves the collection partly filled: start again from the schema and replay.
    bool writeSnapshot(const QString &path, const QString &logPath, qint64 logLength, qint64 logRecords, QString *error) const;
    // The same in two steps: the state copied into memory here (on the service's thread), then
    // SnapshotImage::store() on another thread while the collection goes on serving.
    std::unique_ptr<SnapshotImage> captureSnapshot(const QString &logPath, qint64 logLength, qint64 logRecords, QString *error) const;
    bool readSnapshot(const QString &path, const QString &logPath, qint64 *logLength, qint64 *logRecords, QString *why);

    // Live documents in insertion order, as compact JSON (read from the log).
    template<typename F> void forEachDocument(F &&f) const
    {
        for (quint32 seq = 0; seq < m_docs.size(); ++seq)
            if (m_docs[seq].alive)
                f(QByteArray::fromRawData(documentView(seq).data(), documentView(seq).size()));
    }
    // Ids of the live documents the filter admits, in insertion order (every one when empty),
    // for export and update/delete by filter.
    ApiError matchingFilter(const QString &filterBy, std::vector<QString> *ids) const;
    static QJsonObject selectFields(const QJsonObject &doc, const QStringList &include, const QStringList &exclude);

    // The search answer as compact JSON, written as QJsonDocument::toJson(Compact) would write
    // the same object (keys sorted), without building it as a QJsonObject first (the service
    // sends these bytes as they are). A non-empty `metadata` (an override's) is its `metadata`.
    QByteArray searchJson(const SearchParams &params, ApiError *error, const QJsonObject &metadata = {}) const;
    // The same answer as an object (the console, tests).
    QJsonObject search(const SearchParams &params, ApiError *error) const;

    const TextAnalyzer &analyzer() const { return m_analyzer; }

    // Synonyms (PUT/GET/DELETE .../synonyms/{id}): multi-way `{"synonyms": [...]}` or one-way
    // `{"root": "...", "synonyms": [...]}`, applied to queries unless enable_synonyms=false.
    // putSynonym validates with Typesense's messages and returns the stored form in *stored.
    ApiError putSynonym(const QString &id, const QJsonObject &body, QJsonObject *stored);
    bool removeSynonym(const QString &id);
    const QJsonObject *synonym(const QString &id) const;
    QJsonArray synonyms() const; // in the order they were first put
    // Replaces the list with one saved from synonyms() (each entry already validated).
    void restoreSynonyms(const QJsonArray &all);

private:
    struct Doc
    {
        QString id;
        // Where its compact JSON (as QJsonDocument writes it) lies in the log: read through
        // documentJson()/fieldValue()/documentBytesAt().
        qint64 offset = 0;
        quint32 length = 0;
        quint32 order = 0; // insertion order; kept by updates (ties: later first)
        bool alive = false;
    };
    // The document's bytes, without copying (valid until the log's next commit).
    QByteArrayView documentView(quint32 seq) const;
    QByteArray documentBytesAt(quint32 seq) const;

    // pinned_hits (sequence, 1-based position; by position) and hidden_hits of a search.
    struct CuratedHits
    {
        std::vector<std::pair<quint32, int>> pinned;
        QSet<quint32> hidden;
    };
    ApiError curatedHits(const SearchParams &params, CuratedHits *out) const;
    // Ids of the dictionary terms that hold `word` inside (longer than it), at most
    // kMaxInfixTerms; words of three letters or more go through the trigram index below.
    std::vector<int> termsContaining(const QString &word) const;
    // Meters from (lat, lng) to the document's point (its closest one for geopoint[]); NaN without.
    double distanceFrom(const QString &field, quint32 seq, double lat, double lng) const;

    // The one way to read a stored document: whole (hits, merges) or one top-level field
    // (filters, phrases, proximity, sorting) without parsing the rest.
    QJsonObject documentJson(quint32 seq) const;
    QJsonValue fieldValue(quint32 seq, const QString &name) const;
    const Field *field(const QString &name) const;
    const Field *regexFieldFor(const QString &key) const;
    // filter_by's view of the schema: false for unknown and non-indexed fields (`id` is known).
    bool filterFieldKind(const QString &name, FilterKind *kind) const;
    ApiError validate(QJsonObject *doc, DirtyValues dirty, bool partial);
    void index(quint32 seq, const QJsonObject &json);
    void put(const QString &id, const QJsonObject &json, qint64 offset, quint32 length, bool keepOrder);
    void forget(quint32 seq); // marks a document removed (no log record)
    void reindex();
    void addFacetValues(const QString &field, quint32 seq, const QJsonValue &value);
    // By sequence: 1 where the filter admits the live document. Indexed string clauses start
    // from posting lists and check only those documents; other clauses scan.
    std::vector<char> filterBitmap(const FilterNode &node) const;
    // The filter compiled to be asked per document (FilterCheck, in collection.cpp): numeric and
    // facet clauses read their columns for that document only; other clauses get their bitmap here.
    void compileFilter(const FilterNode &node, FilterCheck *out) const;

    std::unique_ptr<DocumentLog> m_memoryLog; // until useLog() gives the service's
    DocumentLog *m_log = nullptr;
    QString m_name;
    qint64 m_createdAt = 0;
    std::vector<Field> m_fields;
    QString m_defaultSortingField;
    QJsonArray m_tokenSeparators;
    QJsonArray m_symbolsToIndex;
    bool m_enableNestedFields = false;
    QJsonObject m_metadata;
    TextAnalyzer m_analyzer;
    TextAnalyzer m_wordBreakAnalyzer; // the same, splitting unspaced scripts into words
    const TextAnalyzer &analyzerFor(const Field *f) const { return f && f->breaksWords() ? m_wordBreakAnalyzer : m_analyzer; }

    std::vector<Doc> m_docs; // by sequence
    QHash<QString, quint32> m_idToSeq;
    quint32 m_nextOrder = 0;
    // Each sequence's insertion order (Doc::order) in one dense column, for the ranking's last
    // tie-break without touching a document record per match. Built by the first search and
    // extended by later ones as sequences are added (a sequence's order never changes);
    // cleared when sequences are renumbered (reindex, snapshot read).
    // Lazily built state of const methods (m_orderBySeq, m_orderFollowsSeq, m_infixGrams,
    // m_infixIndexedTerms) is extended only under this lock; searches running at once then read
    // it unlocked, since nothing changes it again before the next write, and a write waits until
    // no search runs.
    mutable QMutex m_lazyMutex;
    mutable std::vector<quint32> m_orderBySeq;
    mutable bool m_orderFollowsSeq = true; // m_orderBySeq rises with the sequence (no update kept a place)
    const std::vector<quint32> &orderBySeq() const;
    TokenTrie m_trie;
    // One field's posting lists: ascending sequences per term id, in a vector indexed by the
    // trie's dense term ids (no hashing while indexing or matching). Looked up like a hash:
    // constFind() gives null (== constEnd()) for a term the field does not hold.
    class PostingLists
    {
    public:
        using List = PostingList;
        const List *constFind(int term) const
        {
            return term >= 0 && size_t(term) < m_lists.size() && !m_lists[size_t(term)].empty() ? &m_lists[size_t(term)] : nullptr;
        }
        const List *constEnd() const { return nullptr; }
        List &operator[](int term)
        {
            if (size_t(term) >= m_lists.size())
                m_lists.resize(std::max(size_t(term) + 1, m_lists.size() + m_lists.size() / 2));
            return m_lists[size_t(term)];
        }
        // Adds a document to a term's list (once); a list that took or grew its block is noted
        // for trimGrown().
        void append(int term, quint32 seq)
        {
            List &list = (*this)[term];
            if ((list.empty() || list.back() != seq) && list.push_back(seq))
                m_grown.push_back(term);
        }
        const std::vector<List> &lists() const { return m_lists; }
        void adopt(std::vector<List> lists)
        {
            m_lists = std::move(lists);
            std::vector<int>().swap(m_grown);
        }
        void releaseSpareCapacity()
        {
            while (!m_lists.empty() && m_lists.back().empty())
                m_lists.pop_back();
            m_lists.shrink_to_fit();
            for (List &list : m_lists)
                list.shrink_to_fit();
            std::vector<int>().swap(m_grown);
        }
        // After a batch of writes: the lists that grew since the last call, and the vector of
        // them, give back most of their room ahead (PostingList::trimSpare, memory::trimSpare).
        // Only those lists are visited, so a batch costs what it touched.
        void trimGrown();
        size_t grownBytes() const { return m_grown.capacity() * sizeof(int); }

    private:
        std::vector<List> m_lists;
        std::vector<int> m_grown; // terms whose list took or grew a block since trimGrown()
    };
    QHash<QString, PostingLists> m_postings; // field -> term -> sequences
    // Single-valued numeric and bool fields by sequence (NaN: absent), for filters and sorting.
    QHash<QString, std::vector<double>> m_numbers;
    // Single geopoint fields by sequence (NaN latitude: absent), for geo filters and sorting.
    struct GeoPoint
    {
        double lat = std::numeric_limits<double>::quiet_NaN();
        double lng = 0;
    };
    QHash<QString, std::vector<GeoPoint>> m_geoPoints;
    // Facet fields: each distinct value once, and per sequence the ids of its values
    // (valueIds[offsets[seq] .. offsets[seq + 1]]), so counting never reads documents.
    struct FacetColumn
    {
        QStringList dictionary;
        QHash<QString, int> ids;
        std::vector<quint32> offsets{0};
        std::vector<int> valueIds;
        // While no document holds two values (and the dictionary fits): value id + 1 per document
        // sequence, 0 for none, so counting a facet over many matches reads one small cell each.
        bool singleValued = true;
        std::vector<quint16> singleIds;
        void deriveSingleIds();
    };
    QHash<QString, FacetColumn> m_facets;

    struct Synonym
    {
        QString id;
        QJsonObject json;
        QStringList root;                 // folded words; empty for multi-way
        std::vector<QStringList> members; // folded words of each synonym
    };
    std::vector<Synonym> m_synonyms;
    // Infix search: trigram (three UTF-16 units) -> ids of the terms holding it. Built by the
    // first infix search and extended by later ones as the dictionary grows (under m_lazyMutex).
    mutable QHash<quint64, std::vector<int>> m_infixGrams;
    mutable int m_infixIndexedTerms = 0;
    // Query words rewritten by the synonyms: each variant replaces one occurrence of a root (or of
    // a multi-way member) by one alternative, whose words are marked in `synonym`.
    struct QueryVariant
    {
        QStringList words;
        std::vector<bool> literal; // words of "quoted phrases"
        std::vector<bool> synonym;
    };
    std::vector<QueryVariant> synonymVariants(const QStringList &words, const std::vector<bool> &literal) const;
};

} // namespace homeport::search
