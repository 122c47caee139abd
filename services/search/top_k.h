#pragma once
// Top-k selection for search results: the items that rank first, in rank order, without sorting
// or moving the others. A search with a hundred thousand matches renders ten; the ranking needs
// only a bounded heap of indices, and `found` and facet counts read the matches in any order.
// `before(a, b)` says item a ranks before item b and must be a strict total order (no two items
// tie): the search's ranking ends on insertion order, which no two live documents share.
// Thread affinity: none (pure functions).

#include <QtGlobal>

#include <algorithm>
#include <limits>
#include <numeric>
#include <vector>

namespace homeport::search {

// The indices (0 .. n-1) of the k items that rank first, in rank order.
template<typename Before>
std::vector<quint32> topIndices(size_t n, size_t k, Before before)
{
    k = std::min(k, n);
    std::vector<quint32> heap;
    if (k == 0)
        return heap;
    heap.reserve(k);
    if (k * 4 >= n) { // most of them: a partial sort of every index costs no more
        heap.resize(n);
        std::iota(heap.begin(), heap.end(), quint32(0));
        std::partial_sort(heap.begin(), heap.begin() + qsizetype(k), heap.end(), before);
        heap.resize(k);
        return heap;
    }
    // A heap whose front is the kept item that ranks last: a later item enters only by ranking
    // before it.
    for (quint32 i = 0; i < quint32(n); ++i) {
        if (heap.size() < k) {
            heap.push_back(i);
            std::push_heap(heap.begin(), heap.end(), before);
        } else if (before(i, heap.front())) {
            std::pop_heap(heap.begin(), heap.end(), before);
            heap.back() = i;
            std::push_heap(heap.begin(), heap.end(), before);
        }
    }
    std::sort_heap(heap.begin(), heap.end(), before);
    return heap;
}

// The k items that rank first among items offered one at a time, for a caller that does not
// hold them all: a heap whose front is the kept item that ranks last, so most offers cost one
// comparison with it. `Before` must be a strict total order, as for topIndices.
template<typename Item, typename Before>
class BoundedTop
{
public:
    BoundedTop(size_t k, Before before) : m_k(k), m_before(before) { m_heap.reserve(k); }
    // Whether the item was kept (for now). (inline: most offers are turned away by one comparison)
    bool offer(const Item &item)
    {
        if (m_heap.size() == m_k && (m_k == 0 || !m_before(item, m_heap.front())))
            return false;
        enter(item);
        return true;
    }
    // The kept items, in no particular order.
    const std::vector<Item> &items() const { return m_heap; }
    // The kept items in rank order (the heap is used up).
    std::vector<Item> takeRanked()
    {
        std::sort_heap(m_heap.begin(), m_heap.end(), m_before);
        return std::move(m_heap);
    }

private:
    void enter(const Item &item)
    {
        if (m_heap.size() < m_k) {
            m_heap.push_back(item);
            std::push_heap(m_heap.begin(), m_heap.end(), m_before);
            return;
        }
        std::pop_heap(m_heap.begin(), m_heap.end(), m_before);
        m_heap.back() = item;
        std::push_heap(m_heap.begin(), m_heap.end(), m_before);
    }

    size_t m_k;
    Before m_before;
    std::vector<Item> m_heap;
};

// group_by: item i belongs to group groupOf[i] (0 .. groupCount-1). Groups rank by their best
// item. Returns the k groups that rank first, each with its size and its first `limit` items in
// rank order.
struct RankedGroup
{
    quint32 group = 0;
    quint32 size = 0;
    std::vector<quint32> members;
};
template<typename Before>
std::vector<RankedGroup> topGroups(const std::vector<quint32> &groupOf, size_t groupCount, size_t k, size_t limit, Before before)
{
    constexpr quint32 kNone = std::numeric_limits<quint32>::max();
    std::vector<quint32> best(groupCount, kNone);
    std::vector<quint32> sizes(groupCount, 0);
    for (quint32 i = 0; i < quint32(groupOf.size()); ++i) {
        const quint32 g = groupOf[i];
        ++sizes[g];
        if (best[g] == kNone || before(i, best[g]))
            best[g] = i;
    }
    std::vector<quint32> present; // (a group without items has no rank)
    present.reserve(groupCount);
    for (quint32 g = 0; g < quint32(groupCount); ++g)
        if (sizes[g] > 0)
            present.push_back(g);
    std::vector<quint32> chosen = topIndices(present.size(), k, [&](quint32 a, quint32 b) { return before(best[present[a]], best[present[b]]); });
    for (quint32 &g : chosen)
        g = present[g];
    std::vector<qint32> slotOf(groupCount, -1);
    std::vector<RankedGroup> out(chosen.size());
    for (size_t s = 0; s < chosen.size(); ++s) {
        slotOf[chosen[s]] = qint32(s);
        out[s].group = chosen[s];
        out[s].size = sizes[chosen[s]];
        out[s].members.reserve(std::min<size_t>(sizes[chosen[s]], limit));
    }
    // Each chosen group's first `limit` items, through one pass over all items.
    std::vector<std::vector<quint32>> all(chosen.size());
    for (quint32 i = 0; i < quint32(groupOf.size()); ++i)
        if (const qint32 s = slotOf[groupOf[i]]; s >= 0)
            all[size_t(s)].push_back(i);
    for (size_t s = 0; s < chosen.size(); ++s) {
        std::vector<quint32> &items = all[s];
        const size_t keep = std::min(limit, items.size());
        std::partial_sort(items.begin(), items.begin() + qsizetype(keep), items.end(), before);
        out[s].members.assign(items.begin(), items.begin() + qsizetype(keep));
    }
    return out;
}

} // namespace homeport::search
