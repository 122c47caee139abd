#include "text_analyzer.h"

namespace homeport::search {

bool TextAnalyzer::isTokenChar(QChar c) const
{
    if (!m_separators.isEmpty() && m_separators.contains(c))
        return false;
    if (c.isLetterOrNumber() || c.isMark())
        return true;
    if (c.isSurrogate())
        return true; // letters outside the BMP (CJK extensions, ...) stay inside their token
    return !m_symbols.isEmpty() && m_symbols.contains(c);
}

QString TextAnalyzer::fold(QStringView word)
{
    bool plainAscii = true;
    for (QChar c : word) {
        if (c.unicode() >= 0x80) {
            plainAscii = false;
            break;
        }
    }
    if (plainAscii)
        return word.toString().toLower();
    const QString decomposed = word.toString().normalized(QString::NormalizationForm_KD);
    QString out;
    out.reserve(decomposed.size());
    for (QChar c : decomposed) {
        if (c.category() == QChar::Mark_NonSpacing || c.category() == QChar::Mark_Enclosing)
            continue;
        out.append(c);
    }
    return out.toCaseFolded();
}

QList<TokenSpan> TextAnalyzer::tokenize(QStringView text) const
{
    QList<TokenSpan> out;
    qsizetype i = 0;
    const qsizetype n = text.size();
    while (i < n) {
        while (i < n && !isTokenChar(text[i]))
            ++i;
        const qsizetype start = i;
        while (i < n && isTokenChar(text[i]))
            ++i;
        if (i > start) {
            QString folded = fold(text.mid(start, i - start));
            if (!folded.isEmpty())
                out.append(TokenSpan{start, i - start, std::move(folded)});
        }
    }
    return out;
}

QStringList TextAnalyzer::foldedTokens(QStringView text) const
{
    QStringList out;
    for (const TokenSpan &span : tokenize(text))
        out.append(span.folded);
    return out;
}

} // namespace homeport::search
