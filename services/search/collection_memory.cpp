// Collection's memory accounting (memoryBytes(), memoryStamp()), the release of removed and
// replaced documents' index entries (dropRemovedDocuments()) and of the room writes grew ahead
// (finishWrites()), apart from the search path in collection.cpp.

#include "collection.h"
#include "memory_size.h"

#include <QMutexLocker>

namespace homeport::search {

namespace {

// Below this many dead sequences a rebuild is not worth its time.
constexpr size_t kMinDeadToRebuild = 1024;

} // namespace

qint64 Collection::memoryBytes() const
{
    qint64 bytes = memory::vector(m_docs);
    for (const Doc &d : m_docs)
        bytes += memory::string(d.id); // the id table's keys share these strings
    bytes += memory::hash(m_idToSeq);
    bytes += m_trie.memoryBytes();

    bytes += memory::hash(m_postings);
    for (const PostingLists &field : m_postings) {
        bytes += memory::vector(field.lists()) + memory::heapBlock(qint64(field.grownBytes()));
        for (const PostingList &list : field.lists())
            bytes += memory::heapBlock(qint64(list.heapBytes()));
    }
    bytes += memory::hash(m_numbers);
    for (const std::vector<double> &column : m_numbers)
        bytes += memory::vector(column);
    bytes += memory::hash(m_geoPoints);
    for (const std::vector<GeoPoint> &column : m_geoPoints)
        bytes += memory::vector(column);
    bytes += memory::hash(m_facets);
    for (const FacetColumn &column : m_facets) {
        bytes += memory::list(column.dictionary) + memory::hash(column.ids); // ids' keys: the dictionary's strings
        for (const QString &value : column.dictionary)
            bytes += memory::string(value);
        bytes += memory::vector(column.offsets) + memory::vector(column.valueIds) + memory::vector(column.singleIds);
    }
    bytes += memory::vector(m_synonyms);
    for (const Synonym &synonym : m_synonyms) {
        bytes += memory::list(synonym.root) + memory::vector(synonym.members);
        for (const QStringList &member : synonym.members)
            bytes += memory::list(member);
    }

    // Built by searches on reader threads, under this lock.
    QMutexLocker lock(&m_lazyMutex);
    bytes += memory::vector(m_orderBySeq);
    bytes += memory::hash(m_infixGrams);
    for (const std::vector<int> &terms : m_infixGrams)
        bytes += memory::vector(terms);
    return bytes;
}

quint64 Collection::memoryStamp() const
{
    // Every write adds a sequence, every removal drops an id, a rebuild renumbers; searches add
    // to the order column and the trigrams.
    quint64 stamp = quint64(m_docs.size()) * 0x9E3779B97F4A7C15ull;
    stamp ^= quint64(m_idToSeq.size()) * 0xC2B2AE3D27D4EB4Full + quint64(m_trie.termCount());
    stamp ^= quint64(m_docs.capacity()) << 40;
    stamp += quint64(m_synonyms.size()) << 32;
    QMutexLocker lock(&m_lazyMutex);
    stamp ^= quint64(m_orderBySeq.size()) * 0x165667B19E3779F9ull + quint64(m_infixIndexedTerms) * 0x27D4EB2F165667C5ull;
    return stamp;
}

bool Collection::dropRemovedDocuments()
{
    const size_t live = size_t(m_idToSeq.size());
    const size_t dead = m_docs.size() - live;
    if (dead == 0 || (live > 0 && (dead <= live || dead < kMinDeadToRebuild)))
        return false;
    reindex();
    if (live == 0) {
        // reindex() clears; what it kept for reuse goes back too.
        std::vector<Doc>().swap(m_docs);
        QMutexLocker lock(&m_lazyMutex);
        std::vector<quint32>().swap(m_orderBySeq);
    }
    return true;
}

void Collection::PostingLists::trimGrown()
{
    for (const int term : m_grown)
        if (size_t(term) < m_lists.size())
            m_lists[size_t(term)].trimSpare();
    std::vector<int>().swap(m_grown);
    memory::trimSpare(m_lists);
}

bool Collection::finishWrites()
{
    const bool rebuilt = dropRemovedDocuments();
    for (PostingLists &field : m_postings)
        field.trimGrown();
    m_trie.trimSpare();
    memory::trimSpare(m_docs);
    for (std::vector<double> &column : m_numbers)
        memory::trimSpare(column);
    for (std::vector<GeoPoint> &column : m_geoPoints)
        memory::trimSpare(column);
    for (FacetColumn &column : m_facets) {
        memory::trimSpare(column.offsets);
        memory::trimSpare(column.valueIds);
        memory::trimSpare(column.singleIds);
    }
    return rebuilt;
}

} // namespace homeport::search
