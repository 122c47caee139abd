#include "token_trie.h"

#include "memory_size.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <new>
#include <deque>

namespace homeport::search {

TokenTrie::TokenTrie()
{
    m_nodes.emplace_back();
}

TokenTrie::Edge *TokenTrie::Edges::insert(Edge *at, Edge e)
{
    const size_t index = size_t(at - begin());
    if (m_capacity == 0 && m_count == 0) {
        m_one = e;
        m_count = 1;
        return &m_one;
    }
    if (m_count >= std::max<quint32>(m_capacity, 1)) { // to the heap, or a larger block
        const quint32 capacity = std::max<quint32>(2, m_count * 2);
        Edge *block = static_cast<Edge *>(std::malloc(capacity * sizeof(Edge)));
        if (!block)
            throw std::bad_alloc();
        std::memcpy(block, begin(), m_count * sizeof(Edge));
        if (m_capacity)
            std::free(m_many);
        m_many = block;
        m_capacity = capacity;
    }
    Edge *all = begin();
    std::memmove(all + index + 1, all + index, (m_count - index) * sizeof(Edge));
    all[index] = e;
    ++m_count;
    return all + index;
}

void TokenTrie::Edges::release()
{
    if (m_capacity)
        std::free(m_many);
    m_raw = 0;
    m_count = 0;
    m_capacity = 0;
}

int TokenTrie::child(int node, char16_t c) const
{
    const auto &children = m_nodes[size_t(node)].children;
    auto it = std::lower_bound(children.begin(), children.end(), c,
                               [](const Edge &p, char16_t v) { return p.first < v; });
    return it != children.end() && it->first == c ? it->second : -1;
}

namespace {
quint32 termHash(QStringView term) { return quint32(qHash(term, 0)); }
}

int TokenTrie::idSlot(QStringView term, quint32 hash) const
{
    const size_t mask = m_idSlots.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
        const quint64 slot = m_idSlots[i];
        if (slot == 0 || (quint32(slot >> 32) == hash && m_terms[size_t(quint32(slot) - 1)] == term))
            return int(i);
    }
}

void TokenTrie::addId(int id, quint32 hash)
{
    if (2 * (m_terms.size() + 1) > m_idSlots.size()) { // grow: twice the slots, every id again
        std::vector<quint64> old = std::move(m_idSlots);
        m_idSlots.assign(std::max<size_t>(64, old.size() * 2), 0);
        const size_t mask = m_idSlots.size() - 1;
        for (quint64 slot : old) {
            if (slot == 0)
                continue;
            size_t i = quint32(slot >> 32) & mask;
            while (m_idSlots[i] != 0)
                i = (i + 1) & mask;
            m_idSlots[i] = slot;
        }
    }
    m_idSlots[size_t(idSlot(m_terms[size_t(id)], hash))] = (quint64(hash) << 32) | quint64(id + 1);
}

qint64 TokenTrie::memoryBytes() const
{
    qint64 bytes = memory::vector(m_nodes) + memory::vector(m_terms) + memory::vector(m_idSlots);
    for (const Node &node : m_nodes)
        bytes += memory::heapBlock(qint64(node.children.heapCapacity() * sizeof(Edge)));
    for (const QString &term : m_terms)
        bytes += memory::string(term);
    return bytes;
}

void TokenTrie::trimSpare()
{
    memory::trimSpare(m_nodes);
    memory::trimSpare(m_terms);
}

int TokenTrie::insert(const QString &term)
{
    const quint32 hash = termHash(term);
    if (!m_idSlots.empty())
        if (const quint64 slot = m_idSlots[size_t(idSlot(term, hash))]; slot != 0)
            return int(quint32(slot) - 1);
    int node = 0;
    for (QChar qc : term) {
        const char16_t c = qc.unicode();
        auto &children = m_nodes[size_t(node)].children;
        auto it = std::lower_bound(children.begin(), children.end(), c,
                                   [](const Edge &p, char16_t v) { return p.first < v; });
        if (it != children.end() && it->first == c) {
            node = it->second;
            continue;
        }
        const int next = int(m_nodes.size());
        children.insert(it, {c, next});
        m_nodes.emplace_back();
        node = next;
    }
    Node &n = m_nodes[size_t(node)];
    if (n.term < 0) {
        n.term = int(m_terms.size());
        // A copy of its own, as long as the term: `term` is often a tokenizer's buffer, longer
        // than this token, which sharing it would keep.
        m_terms.push_back(QString(term.constData(), term.size()));
        addId(n.term, hash);
    }
    return n.term;
}

int TokenTrie::find(const QString &term) const
{
    if (m_idSlots.empty())
        return -1;
    const quint64 slot = m_idSlots[size_t(idSlot(term, termHash(term)))];
    return slot == 0 ? -1 : int(quint32(slot) - 1);
}

struct TokenTrie::Walk
{
    const TokenTrie &trie;
    QStringView query;
    int maxCost;
    bool prefix;
    int limit;
    std::vector<TrieMatch> out;
    // rows[d] is the matrix row after d characters of the path.
    std::deque<std::vector<int>> rows; // a deque: growing it keeps references valid
    std::vector<char16_t> path;

    // Every term at and below `node`, in the order visit() reaches them, at cost `cost`.
    void collect(int node, int cost)
    {
        if (int(out.size()) >= limit)
            return;
        const Node &nd = trie.m_nodes[size_t(node)];
        if (nd.term >= 0)
            out.push_back(TrieMatch{nd.term, cost, false});
        for (const auto &[c, next] : nd.children) {
            collect(next, cost);
            if (int(out.size()) >= limit)
                return;
        }
    }

    void visit(int node, int depth, int bestPrefixCost)
    {
        if (int(out.size()) >= limit)
            return;
        const qsizetype n = query.size();
        const std::vector<int> &row = rows[size_t(depth)];
        int cost = row[size_t(n)];
        if (prefix)
            bestPrefixCost = std::min(bestPrefixCost, cost);
        const Node &nd = trie.m_nodes[size_t(node)];
        if (nd.term >= 0) {
            const int c = prefix ? bestPrefixCost : cost;
            if (c <= maxCost)
                out.push_back(TrieMatch{nd.term, c, depth == n && cost == 0});
        }
        const int rowMin = *std::min_element(row.begin(), row.end());
        if (rowMin > maxCost && !(prefix && bestPrefixCost <= maxCost))
            return;
        // A row's minimum never falls further down, so once it is no lower than the best prefix
        // cost every term below costs exactly that: list them without working out their rows.
        if (prefix && bestPrefixCost <= maxCost && rowMin >= bestPrefixCost) {
            for (const auto &[c, next] : nd.children) {
                collect(next, bestPrefixCost);
                if (int(out.size()) >= limit)
                    return;
            }
            return;
        }
        if (rows.size() <= size_t(depth + 1))
            rows.emplace_back(size_t(n + 1));
        if (path.size() <= size_t(depth))
            path.resize(size_t(depth + 1));
        for (const auto &[c, next] : nd.children) {
            path[size_t(depth)] = c;
            std::vector<int> &cur = rows[size_t(depth + 1)];
            const std::vector<int> &prev = rows[size_t(depth)];
            cur[0] = prev[0] + 1;
            for (qsizetype j = 1; j <= n; ++j) {
                const int sub = query[j - 1].unicode() == c ? 0 : 1;
                int v = std::min({cur[size_t(j - 1)] + 1, prev[size_t(j)] + 1, prev[size_t(j - 1)] + sub});
                if (j > 1 && depth > 0 && query[j - 1].unicode() == path[size_t(depth - 1)]
                    && query[j - 2].unicode() == c)
                    v = std::min(v, rows[size_t(depth - 1)][size_t(j - 2)] + 1);
                cur[size_t(j)] = v;
            }
            visit(next, depth + 1, bestPrefixCost);
            if (int(out.size()) >= limit)
                return;
        }
    }
};

std::vector<TrieMatch> TokenTrie::fuzzy(QStringView query, int maxCost, bool prefix, int limit) const
{
    Walk walk{*this, query, std::max(0, maxCost), prefix, limit, {}, {}, {}};
    walk.rows.emplace_back(size_t(query.size() + 1));
    for (qsizetype j = 0; j <= query.size(); ++j)
        walk.rows[0][size_t(j)] = int(j);
    walk.visit(0, 0, 1 << 20);
    std::stable_sort(walk.out.begin(), walk.out.end(), [](const TrieMatch &a, const TrieMatch &b) {
        if (a.cost != b.cost)
            return a.cost < b.cost;
        return a.exact > b.exact;
    });
    return std::move(walk.out);
}

void TokenTrie::writeTo(const std::function<void(const void *, qint64)> &sink) const
{
    const quint32 terms = quint32(m_terms.size());
    sink(&terms, sizeof terms);
    for (const QString &t : m_terms) {
        const quint32 n = quint32(t.size());
        sink(&n, sizeof n);
        sink(t.constData(), qint64(n) * 2);
    }
    const quint32 nodes = quint32(m_nodes.size());
    sink(&nodes, sizeof nodes);
    for (const Node &node : m_nodes) {
        const qint32 term = node.term;
        const quint32 children = quint32(node.children.size());
        sink(&term, sizeof term);
        sink(&children, sizeof children);
        for (const auto &[c, next] : node.children) {
            const quint16 ch = c;
            const qint32 to = next;
            sink(&ch, sizeof ch);
            sink(&to, sizeof to);
        }
    }
}

bool TokenTrie::readFrom(const std::function<bool(void *, qint64)> &source)
{
    *this = TokenTrie();
    m_nodes.clear();
    auto fail = [this] {
        *this = TokenTrie();
        return false;
    };
    quint32 terms = 0;
    if (!source(&terms, sizeof terms))
        return fail();
    m_terms.reserve(std::min<quint32>(terms, 1u << 24));
    for (quint32 i = 0; i < terms; ++i) {
        quint32 n = 0;
        if (!source(&n, sizeof n) || n > (1u << 20))
            return fail();
        QString t(qsizetype(n), Qt::Uninitialized);
        if (!source(t.data(), qint64(n) * 2))
            return fail();
        const quint32 hash = termHash(t);
        if (!m_idSlots.empty() && m_idSlots[size_t(idSlot(t, hash))] != 0)
            return fail(); // a term twice
        m_terms.push_back(std::move(t));
        addId(int(i), hash);
    }
    quint32 nodes = 0;
    if (!source(&nodes, sizeof nodes) || nodes == 0)
        return fail();
    m_nodes.reserve(std::min<quint32>(nodes, 1u << 26));
    for (quint32 i = 0; i < nodes; ++i) {
        Node node;
        quint32 children = 0;
        if (!source(&node.term, sizeof node.term) || !source(&children, sizeof children) || children > 0x10000
            || node.term < -1 || node.term >= qint32(terms))
            return fail();
        node.children.reserve(children);
        for (quint32 k = 0; k < children; ++k) {
            quint16 ch = 0;
            qint32 to = 0;
            // children are sorted and point forward (a node is created after its parent)
            if (!source(&ch, sizeof ch) || !source(&to, sizeof to) || to <= qint32(i) || quint32(to) >= nodes
                || (!node.children.empty() && node.children.back().first >= ch))
                return fail();
            node.children.push_back({char16_t(ch), to});
        }
        m_nodes.push_back(std::move(node));
    }
    return true;
}

} // namespace homeport::search
