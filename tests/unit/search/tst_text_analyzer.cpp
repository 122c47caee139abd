// TextAnalyzer: splitting on non-word characters, Unicode folding, offsets for highlighting,
// symbols_to_index and token_separators.
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
};

QTEST_APPLESS_MAIN(TstTextAnalyzer)
#include "tst_text_analyzer.moc"
