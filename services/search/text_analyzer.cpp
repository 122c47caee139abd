#include "text_analyzer.h"

namespace homeport::search {

bool TextAnalyzer::isTokenCharSlow(QChar c) const
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
    forEachToken(text, [&out](QStringView token, qsizetype start) {
        QString folded = fold(token);
        if (!folded.isEmpty())
            out.append(TokenSpan{start, token.size(), std::move(folded)});
    });
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
