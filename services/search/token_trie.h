#pragma once
// TokenTrie: the token dictionary of a collection, a trie over folded tokens, with a fuzzy walk
// that carries one row of a restricted Damerau-Levenshtein (optimal string alignment) matrix per
// edge and prunes a branch as soon as the row's minimum exceeds the allowed cost. In prefix mode
// a term's cost is the best cost of any of its prefixes, so "helo" finds "hello" and "helping".
// Thread affinity: none; owned by its Collection and used in the search service's thread.

#include <QHash>
#include <QString>
#include <QStringView>

#include <functional>
#include <vector>

namespace homeport::search {

struct TrieMatch
{
    int term = -1;    // term id
    int cost = 0;     // edit distance (of the best prefix in prefix mode)
    bool exact = false; // the whole term equals the query token
};

class TokenTrie
{
public:
    TokenTrie();

    // Returns the term's id, adding it when new.
    int insert(const QString &term);
    // -1 when absent.
    int find(const QString &term) const;
    const QString &term(int id) const { return m_terms[size_t(id)]; }
    int termCount() const { return int(m_terms.size()); }
    // What the dictionary holds on the heap (nodes, their edge blocks, the terms, the id table),
    // by capacity, as the allocator counts it. Walks every node.
    qint64 memoryBytes() const;
    // After a batch of inserts: the node and term tables give back most of the room they grew
    // ahead (memory::trimSpare).
    void trimSpare();

    // Terms within maxCost edits of `query` (of one of their prefixes when `prefix`), at most
    // `limit` of them, cheapest first.
    std::vector<TrieMatch> fuzzy(QStringView query, int maxCost, bool prefix, int limit = 10000) const;

    // The dictionary as bytes (index snapshots): nodes and terms as they are, so ids stay the same.
    void writeTo(const std::function<void(const void *, qint64)> &sink) const;
    // Replaces the dictionary by one written with writeTo; false (and an empty dictionary) when
    // the bytes run out or name nodes or terms that do not exist.
    bool readFrom(const std::function<bool(void *, qint64)> &source);

private:
    struct Edge
    {
        char16_t first; // the character
        int second;     // the node it leads to
    };
    // A node's edges, sorted by character: most nodes have one, kept inline; more go to the heap.
    // 16 bytes, where a std::vector took 24 and a heap block for every node.
    class Edges
    {
    public:
        Edges() = default;
        ~Edges() { release(); }
        Edges(const Edges &other) { *this = other; }
        Edges(Edges &&other) noexcept { swap(other); }
        Edges &operator=(const Edges &other)
        {
            if (this != &other) {
                release();
                for (const Edge &e : other)
                    push_back(e);
            }
            return *this;
        }
        Edges &operator=(Edges &&other) noexcept
        {
            swap(other);
            return *this;
        }
        const Edge *begin() const { return m_capacity ? m_many : &m_one; }
        const Edge *end() const { return begin() + m_count; }
        Edge *begin() { return m_capacity ? m_many : &m_one; }
        Edge *end() { return begin() + m_count; }
        size_t size() const { return m_count; }
        size_t heapCapacity() const { return m_capacity; }
        bool empty() const { return m_count == 0; }
        const Edge &back() const { return begin()[m_count - 1]; }
        void reserve(size_t) {}
        void push_back(Edge e) { insert(end(), e); }
        Edge *insert(Edge *at, Edge e);

    private:
        void release();
        void swap(Edges &other) noexcept
        {
            std::swap(m_raw, other.m_raw);
            std::swap(m_count, other.m_count);
            std::swap(m_capacity, other.m_capacity);
        }
        union {
            Edge m_one;         // m_capacity == 0: at most one edge, here
            Edge *m_many;       // else on the heap
            quint64 m_raw = 0;
        };
        quint32 m_count = 0;
        quint32 m_capacity = 0;
    };
    struct Node
    {
        Edges children; // sorted by character
        int term = -1;
    };
    int child(int node, char16_t c) const;
    struct Walk;

    std::vector<Node> m_nodes;
    std::vector<QString> m_terms;
    // Exact lookups without walking the trie: an open-addressing table of slots (0: empty, else
    // the term's 32-bit hash above its id + 1), at most half full, checked against m_terms.
    std::vector<quint64> m_idSlots;
    int idSlot(QStringView term, quint32 hash) const; // the term's slot, or the empty one it would take
    void addId(int id, quint32 hash);
};

} // namespace homeport::search
