// TextAnalyzer: splitting on non-word characters, Unicode folding, offsets for highlighting,
// symbols_to_index and token_separators, and ICU's word breaking for scripts written without
// spaces (fields with a locale).
#include "search/text_analyzer.h"

#include <QTest>

using namespace homeport::search;

class TstTextAnalyzer : public QObject
{
    Q_OBJECT
private slots:
    void splitsAndFolds()
    {
        TextAnalyzer a;
        QCOMPARE(a.foldedTokens(u"Hello, World! 42"), (QStringList{"hello", "world", "42"}));
        QCOMPARE(a.foldedTokens(u"Café CRÈME brûlée"), (QStringList{"cafe", "creme", "brulee"}));
        QCOMPARE(a.foldedTokens(u"ÉCOLE Ørsted ĞÜŞ"), (QStringList{"ecole", "ørsted", "gus"}));
        QCOMPARE(a.foldedTokens(u"ＡＢＣ"), (QStringList{"abc"})); // full-width forms (NFKD)
        QCOMPARE(a.foldedTokens(u"  ...  "), QStringList());
    }
    void keepsOffsets()
    {
        TextAnalyzer a;
        const QString text = QStringLiteral("The Café opens");
        const QList<TokenSpan> spans = a.tokenize(text);
        QCOMPARE(spans.size(), 3);
        QCOMPARE(text.mid(spans[1].start, spans[1].length), QStringLiteral("Café"));
        QCOMPARE(spans[1].folded, QStringLiteral("cafe"));
    }
    void symbolsAndSeparators()
    {
        TextAnalyzer a(QStringLiteral("+#"), QStringLiteral("-"));
        QCOMPARE(a.foldedTokens(u"c++ and c# self-driving"), (QStringList{"c++", "and", "c#", "self", "driving"}));
        TextAnalyzer plain;
        QCOMPARE(plain.foldedTokens(u"c++"), (QStringList{"c"}));
    }
    void forEachTokenSeesWordsAsWritten()
    {
        TextAnalyzer a(QString(), QStringLiteral("-"));
        const QString text = QStringLiteral("  Crème-BRÛLÉE, 2 ways ");
        QStringList seen;
        QList<qsizetype> starts;
        a.forEachToken(text, [&](QStringView token, qsizetype start) {
            seen << token.toString();
            starts << start;
        });
        QCOMPARE(seen, (QStringList{"Crème", "BRÛLÉE", "2", "ways"}));
        QCOMPARE(starts, (QList<qsizetype>{2, 8, 16, 18}));
        QCOMPARE(a.foldedTokens(text), (QStringList{"creme", "brulee", "2", "ways"}));
    }
    void wordBreakingSplitsUnspacedScripts()
    {
        TextAnalyzer words(QString(), QString(), true);
        QVERIFY(words.wordBreak());
        QCOMPARE(words.foldedTokens(u"我喜欢北京的天气"), (QStringList{u"我"_qs, u"喜欢"_qs, u"北京"_qs, u"的"_qs, u"天气"_qs}));
        QCOMPARE(words.foldedTokens(u"ภาษาไทยง่ายนิดเดียว"), (QStringList{u"ภาษา"_qs, u"ไทย"_qs, u"ง่าย"_qs, u"นิด"_qs, u"เดียว"_qs}));
        QCOMPARE(words.foldedTokens(u"東京タワーに行きました").first(), u"東京タワー"_qs);
        // Without word breaking (no locale) such a run is one word, as before.
        TextAnalyzer plain;
        QVERIFY(!plain.wordBreak());
        QCOMPARE(plain.foldedTokens(u"我喜欢北京的天气"), (QStringList{u"我喜欢北京的天气"_qs}));
        // Spaced scripts are split and folded as without word breaking.
        QCOMPARE(words.foldedTokens(u"Café CRÈME, 42"), plain.foldedTokens(u"Café CRÈME, 42"));
    }
    void wordBreakingKeepsOffsets()
    {
        TextAnalyzer words(QString(), QString(), true);
        const QString text = u"Visit 北京大学 today"_qs;
        const QList<TokenSpan> spans = words.tokenize(text);
        QCOMPARE(spans.size(), 4);
        QCOMPARE(text.mid(spans[1].start, spans[1].length), u"北京"_qs);
        QCOMPARE(text.mid(spans[2].start, spans[2].length), u"大学"_qs);
        QCOMPARE(spans[3].folded, u"today"_qs);
        QCOMPARE(spans[3].start, text.indexOf(u"today"_qs));
        // forEachToken sees the same pieces.
        QStringList seen;
        words.forEachToken(text, [&](QStringView token, qsizetype) { seen << token.toString(); });
        QCOMPARE(seen, (QStringList{u"Visit"_qs, u"北京"_qs, u"大学"_qs, u"today"_qs}));
    }
    void foldingKeepsTheMarksOfUnspacedScripts()
    {
        // Thai tone marks and the kana voicing mark make other words; Latin accents are dropped.
        QCOMPARE_NE(TextAnalyzer::fold(u"ไก่"), TextAnalyzer::fold(u"ไก"));
        QCOMPARE_NE(TextAnalyzer::fold(u"がっこう"), TextAnalyzer::fold(u"かっこう"));
        QCOMPARE(TextAnalyzer::fold(u"Résumé"), u"resume"_qs);
        // The same word folds the same however it was composed.
        QCOMPARE(TextAnalyzer::fold(u"が"), TextAnalyzer::fold(u"か"_qs + QChar(0x3099)));
    }
};

QTEST_APPLESS_MAIN(TstTextAnalyzer)
#include "tst_text_analyzer.moc"
