#include "token_trie.h"

#include <algorithm>
#include <deque>

namespace homeport::search {

TokenTrie::TokenTrie()
{
    m_nodes.emplace_back();
}

int TokenTrie::child(int node, char16_t c) const
{
    const auto &children = m_nodes[size_t(node)].children;
    auto it = std::lower_bound(children.begin(), children.end(), c,
                               [](const std::pair<char16_t, int> &p, char16_t v) { return p.first < v; });
    return it != children.end() && it->first == c ? it->second : -1;
}

int TokenTrie::insert(const QString &term)
{
    if (const auto known = m_ids.constFind(term); known != m_ids.constEnd())
        return *known;
    int node = 0;
    for (QChar qc : term) {
        const char16_t c = qc.unicode();
        auto &children = m_nodes[size_t(node)].children;
        auto it = std::lower_bound(children.begin(), children.end(), c,
                                   [](const std::pair<char16_t, int> &p, char16_t v) { return p.first < v; });
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
        m_terms.push_back(term);
        m_ids.insert(term, n.term);
    }
    return n.term;
}

int TokenTrie::find(const QString &term) const
{
    return m_ids.value(term, -1);
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

} // namespace homeport::search
