// TokenTrie: exact lookup, the bounded Damerau-Levenshtein walk (substitution, insertion,
// deletion, transposition), prefix mode, and pruning equal to a brute-force check.
#include "search/token_trie.h"

#include <QRandomGenerator>
#include <QTest>

#include <cstring>

#include <algorithm>
#include <set>

using namespace homeport::search;

namespace {

int osa(const QString &a, const QString &b)
{
    const int n = int(a.size()), m = int(b.size());
    std::vector<std::vector<int>> d(size_t(n + 1), std::vector<int>(size_t(m + 1)));
    for (int i = 0; i <= n; ++i) d[size_t(i)][0] = i;
    for (int j = 0; j <= m; ++j) d[0][size_t(j)] = j;
    for (int i = 1; i <= n; ++i)
        for (int j = 1; j <= m; ++j) {
            const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            int v = std::min({d[size_t(i - 1)][size_t(j)] + 1, d[size_t(i)][size_t(j - 1)] + 1, d[size_t(i - 1)][size_t(j - 1)] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                v = std::min(v, d[size_t(i - 2)][size_t(j - 2)] + 1);
            d[size_t(i)][size_t(j)] = v;
        }
    return d[size_t(n)][size_t(m)];
}

std::map<QString, int> asMap(const TokenTrie &t, const std::vector<TrieMatch> &v)
{
    std::map<QString, int> out;
    for (const TrieMatch &m : v)
        out[t.term(m.term)] = m.cost;
    return out;
}

} // namespace

class TstTokenTrie : public QObject
{
    Q_OBJECT
private slots:
    void exactLookup()
    {
        TokenTrie t;
        const int a = t.insert(QStringLiteral("apple"));
        QCOMPARE(t.insert(QStringLiteral("apple")), a);
        QCOMPARE(t.find(QStringLiteral("apple")), a);
        QCOMPARE(t.find(QStringLiteral("appl")), -1);
        QCOMPARE(t.termCount(), 1);
    }
    // Ids stay those first given through the id table's growth, and across writeTo/readFrom.
    void manyTermsKeepTheirIds()
    {
        TokenTrie t;
        std::vector<int> ids;
        for (int i = 0; i < 20000; ++i)
            ids.push_back(t.insert(QStringLiteral("w%1x").arg(i * 7919 % 100003)));
        for (int i = 0; i < 20000; ++i) {
            QCOMPARE(ids[size_t(i)], i);
            QCOMPARE(t.insert(QStringLiteral("w%1x").arg(i * 7919 % 100003)), i);
            QCOMPARE(t.find(QStringLiteral("w%1x").arg(i * 7919 % 100003)), i);
        }
        QCOMPARE(t.find(QStringLiteral("w1")), -1);
        QCOMPARE(t.termCount(), 20000);
        QByteArray bytes;
        t.writeTo([&bytes](const void *p, qint64 n) { bytes.append(static_cast<const char *>(p), n); });
        TokenTrie back;
        qint64 at = 0;
        QVERIFY(back.readFrom([&](void *p, qint64 n) {
            if (at + n > bytes.size())
                return false;
            std::memcpy(p, bytes.constData() + at, size_t(n));
            at += n;
            return true;
        }));
        for (int i = 0; i < 20000; i += 97)
            QCOMPARE(back.find(QStringLiteral("w%1x").arg(i * 7919 % 100003)), i);
        QCOMPARE(back.find(QStringLiteral("nothing")), -1);
        QCOMPARE(back.insert(QStringLiteral("new")), 20000);
    }

    void editsWithinBound()
    {
        TokenTrie t;
        for (const char *w : {"hello", "help", "hallo", "yellow", "world", "ehllo", "hell"})
            t.insert(QString::fromLatin1(w));
        const auto one = asMap(t, t.fuzzy(u"hello", 1, false));
        QCOMPARE(one.at("hello"), 0);
        QCOMPARE(one.at("hallo"), 1);  // substitution
        QCOMPARE(one.at("ehllo"), 1);  // transposition counts once
        QCOMPARE(one.at("hell"), 1);   // deletion
        QVERIFY(!one.count("help"));   // 2 edits
        QVERIFY(!one.count("yellow")); // 2 edits
        const auto two = asMap(t, t.fuzzy(u"hello", 2, false));
        QCOMPARE(two.at("help"), 2);
        QCOMPARE(two.at("yellow"), 2);
        QVERIFY(!two.count("world"));
        const auto none = asMap(t, t.fuzzy(u"hello", 0, false));
        QCOMPARE(none.size(), size_t(1));
    }
    void prefixMode()
    {
        TokenTrie t;
        for (const char *w : {"search", "seattle", "season", "sea", "zebra"})
            t.insert(QString::fromLatin1(w));
        const auto p = asMap(t, t.fuzzy(u"sea", 0, true));
        QCOMPARE(p.size(), size_t(4));
        const auto typo = asMap(t, t.fuzzy(u"saerch", 1, true));
        QCOMPARE(typo.at("search"), 1);
        const auto sorted = t.fuzzy(u"sea", 0, true);
        QCOMPARE(t.term(sorted.front().term), QStringLiteral("sea")); // the exact term first
        QVERIFY(sorted.front().exact);
    }
    void matchesBruteForce()
    {
        QRandomGenerator rng(7);
        TokenTrie t;
        std::set<QString> words;
        for (int i = 0; i < 400; ++i) {
            QString w;
            const int len = 1 + int(rng.bounded(7));
            for (int k = 0; k < len; ++k)
                w += QChar(u'a' + rng.bounded(4));
            words.insert(w);
            t.insert(w);
        }
        for (int round = 0; round < 50; ++round) {
            QString q;
            const int len = 1 + int(rng.bounded(6));
            for (int k = 0; k < len; ++k)
                q += QChar(u'a' + rng.bounded(4));
            for (int maxCost = 0; maxCost <= 2; ++maxCost) {
                const auto got = asMap(t, t.fuzzy(q, maxCost, false));
                std::map<QString, int> want;
                for (const QString &w : words)
                    if (const int d = osa(q, w); d <= maxCost)
                        want[w] = d;
                QCOMPARE(got, want);
            }
        }
    }
};

QTEST_APPLESS_MAIN(TstTokenTrie)
#include "tst_token_trie.moc"
