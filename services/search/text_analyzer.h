#pragma once
// TextAnalyzer: Unicode-aware tokenisation and folding for the search index and queries.
// Text is split into runs of letters and digits (plus the collection's symbols_to_index, minus
// its token_separators); each token is folded: NFKD, combining marks dropped, case-folded, so
// "Café" and "CAFE" both index as "cafe". Spans keep the original offsets for highlighting.
// With word breaking on (fields whose `locale` is set and is not `en`, as Typesense splits them
// with ICU), a run holding Chinese, Japanese, Thai, Lao, Khmer or Myanmar script, which is
// written without spaces, is split further at ICU's dictionary word boundaries.
// Thread affinity: none (a value; const methods are safe from any thread; word breaking keeps
// one ICU break iterator per thread).

#include <QList>
#include <QString>

namespace homeport::search {

struct TokenSpan
{
    qsizetype start = 0;  // offset in the original text (UTF-16 units)
    qsizetype length = 0;
    QString folded;       // the normalised token the index stores
};

class TextAnalyzer
{
public:
    TextAnalyzer() = default;
    TextAnalyzer(const QString &symbolsToIndex, const QString &tokenSeparators, bool wordBreak = false)
        : m_symbols(symbolsToIndex), m_separators(tokenSeparators), m_wordBreak(wordBreak)
    {
        for (QChar c : symbolsToIndex + tokenSeparators)
            m_plainAscii = m_plainAscii && c.unicode() >= 0x80;
    }

    QList<TokenSpan> tokenize(QStringView text) const;
    // Calls f(const QString &folded) for each token, folded as tokenize() folds it, without
    // building spans: ASCII words are lower-cased into one reused buffer (indexing's hot path).
    template<typename F> void forEachFoldedToken(QStringView text, F &&f) const
    {
        QString buffer;
        forEachToken(text, [&](QStringView token, qsizetype) {
            buffer.resize(token.size());
            QChar *out = buffer.data();
            for (qsizetype k = 0; k < token.size(); ++k) {
                const char16_t c = token[k].unicode();
                if (c >= 0x80) {
                    if (const QString folded = fold(token); !folded.isEmpty())
                        f(folded);
                    return;
                }
                out[k] = QChar(c >= u'A' && c <= u'Z' ? char16_t(c + 32) : c);
            }
            f(std::as_const(buffer));
        });
    }
    // Calls f(QStringView token, qsizetype start) for each token as written (not folded), in
    // order; for scans that fold only the few tokens they need.
    template<typename F> void forEachToken(QStringView text, F &&f) const
    {
        qsizetype i = 0;
        const qsizetype n = text.size();
        while (i < n) {
            while (i < n && !isTokenChar(text[i]))
                ++i;
            const qsizetype start = i;
            while (i < n && isTokenChar(text[i]))
                ++i;
            if (i == start)
                continue;
            const QStringView run = text.mid(start, i - start);
            if (m_wordBreak && needsWordBreak(run)) {
                for (const WordPiece &piece : breakWords(run))
                    f(run.mid(piece.start, piece.length), start + piece.start);
            } else {
                f(run, start);
            }
        }
    }
    QStringList foldedTokens(QStringView text) const;

    // True when words are runs of ASCII letters and digits (no ASCII symbol indexed or separator
    // declared): plain ASCII text can then be split without this class.
    bool plainAscii() const { return m_plainAscii; }
    bool wordBreak() const { return m_wordBreak; }

    // Folds one word: decomposes, drops combining marks and case-folds. The marks of the scripts
    // written without spaces stay (Thai vowels and tones, the kana voicing marks): they make
    // another word there, not an accent.
    static QString fold(QStringView word);

    // Whether a run of word characters holds a script written without spaces between words.
    static bool needsWordBreak(QStringView run);
    struct WordPiece
    {
        qsizetype start = 0; // within the run
        qsizetype length = 0;
    };
    // The words of such a run, at ICU's dictionary word boundaries (the whole run when ICU
    // cannot be used).
    static QList<WordPiece> breakWords(QStringView run);

private:
    bool isTokenChar(QChar c) const
    {
        const char16_t u = c.unicode();
        if (u < 0x80 && m_plainAscii) // ASCII letters and digits only, without a lookup
            return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9');
        return isTokenCharSlow(c);
    }
    bool isTokenCharSlow(QChar c) const;

    QString m_symbols;
    QString m_separators;
    bool m_wordBreak = false;
    bool m_plainAscii = true; // no ASCII symbol indexed and no ASCII separator declared
};

} // namespace homeport::search
