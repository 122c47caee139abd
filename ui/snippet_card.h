#pragma once
// SnippetCard: the "Connect" card of the Channels and Errors pages: format tabs, the snippet in
// monospace (read-only, unwrapped), a Copy button and a short-lived "copied" hint. The page knows
// what to render and what to copy; the card only shows it, so both pages' cards look alike.
// Thread affinity: the GUI thread.

#include <QFrame>

class QLabel;
class QPlainTextEdit;
class QTabBar;

namespace homeport::ui {

class SnippetCard : public QFrame
{
    Q_OBJECT
public:
    // One tab a format title; `minimumTextHeight` fits the longest usual snippet.
    SnippetCard(const QStringList &formatTitles, int minimumTextHeight, QWidget *parent = nullptr);

    int currentFormat() const;
    QString text() const;
    // Keeps the scroll position when the text is unchanged (pages call this on every snapshot).
    void setText(const QString &text);
    // Shows `hint` next to the Copy button for a few seconds.
    void showCopied(const QString &hint);

Q_SIGNALS:
    void formatChanged();
    void copyRequested();

private:
    QTabBar *m_tabs;
    QPlainTextEdit *m_text;
    QLabel *m_copied;
};

} // namespace homeport::ui
