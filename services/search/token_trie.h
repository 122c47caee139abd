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

    // Terms within maxCost edits of `query` (of one of their prefixes when `prefix`), at most
    // `limit` of them, cheapest first.
    std::vector<TrieMatch> fuzzy(QStringView query, int maxCost, bool prefix, int limit = 10000) const;

    // The dictionary as bytes (index snapshots): nodes and terms as they are, so ids stay the same.
    void writeTo(const std::function<void(const void *, qint64)> &sink) const;
    // Replaces the dictionary by one written with writeTo; false (and an empty dictionary) when
    // the bytes run out or name nodes or terms that do not exist.
    bool readFrom(const std::function<bool(void *, qint64)> &source);

private:
    struct Node
    {
        std::vector<std::pair<char16_t, int>> children; // sorted by character
        int term = -1;
    };
    int child(int node, char16_t c) const;
    struct Walk;

    std::vector<Node> m_nodes;
    std::vector<QString> m_terms;
    QHash<QString, int> m_ids; // exact lookups without walking the trie (keys share m_terms' text)
};

} // namespace homeport::search
