#include "text_analyzer.h"

#include <unicode/brkiter.h>
#include <unicode/unistr.h>

#include <memory>

namespace homeport::search {

namespace {

// Scripts written without spaces between words: ICU finds their words with its dictionaries.
bool isUnspacedScript(char16_t c)
{
    return (c >= 0x0E00 && c <= 0x0EFF)    // Thai, Lao
        || (c >= 0x1000 && c <= 0x109F)    // Myanmar
        || (c >= 0x1780 && c <= 0x17FF)    // Khmer
        || (c >= 0x3040 && c <= 0x30FF)    // Hiragana, Katakana
        || (c >= 0x3400 && c <= 0x4DBF)    // CJK extension A
        || (c >= 0x4E00 && c <= 0x9FFF)    // CJK unified ideographs
        || (c >= 0xF900 && c <= 0xFAFF)    // CJK compatibility ideographs
        || (c >= 0xFF66 && c <= 0xFF9F)    // halfwidth Katakana
        || (c >= 0xD840 && c <= 0xD87F);   // (high surrogates of) CJK extensions B and later
}

} // namespace

bool TextAnalyzer::needsWordBreak(QStringView run)
{
    for (QChar c : run)
        if (isUnspacedScript(c.unicode()))
            return true;
    return false;
}

QList<TextAnalyzer::WordPiece> TextAnalyzer::breakWords(QStringView run)
{
    // One iterator per thread: creating one loads rules and dictionaries, and searches may run
    // on several threads at once.
    thread_local std::unique_ptr<icu::BreakIterator> iterator = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
        return U_SUCCESS(status) ? std::move(it) : nullptr;
    }();
    if (!iterator)
        return {WordPiece{0, run.size()}};
    const icu::UnicodeString text(false, reinterpret_cast<const char16_t *>(run.utf16()), int32_t(run.size()));
    iterator->setText(text);
    QList<WordPiece> pieces;
    int32_t start = iterator->first();
    for (int32_t end = iterator->next(); end != icu::BreakIterator::DONE; start = end, end = iterator->next())
        if (end > start)
            pieces.append(WordPiece{start, end - start});
    return pieces;
}

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
    char16_t base = 0;
    for (QChar c : decomposed) {
        if ((c.category() == QChar::Mark_NonSpacing || c.category() == QChar::Mark_Enclosing) && !isUnspacedScript(base))
            continue;
        if (!c.isMark())
            base = c.unicode();
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
