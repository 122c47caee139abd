#include "snippet_card.h"

#include "dashboard_widgets.h"
#include "theme.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabBar>
#include <QTimer>
#include <QVBoxLayout>

namespace homeport::ui {

namespace {
constexpr int kCopiedHintMs = 4000;
}

SnippetCard::SnippetCard(const QStringList &formatTitles, int minimumTextHeight, QWidget *parent)
    : QFrame(parent)
    , m_tabs(new QTabBar(this))
    , m_text(new QPlainTextEdit(this))
    , m_copied(new QLabel(this))
{
    setProperty("card", true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->setSpacing(8);

    m_tabs->setObjectName(QStringLiteral("snippetTabs"));
    m_tabs->setDrawBase(false);
    m_tabs->setExpanding(false);
    for (const QString &title : formatTitles)
        m_tabs->addTab(title);
    connect(m_tabs, &QTabBar::currentChanged, this, &SnippetCard::formatChanged);
    m_text->setObjectName(QStringLiteral("snippetText"));
    m_text->setReadOnly(true);
    m_text->setFont(Theme::monospaceFont());
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setMinimumHeight(minimumTextHeight);
    auto *copyButton = new QPushButton(tr("Copy"), this);
    copyButton->setObjectName(QStringLiteral("copySnippetButton"));
    connect(copyButton, &QPushButton::clicked, this, &SnippetCard::copyRequested);
    m_copied->setObjectName(QStringLiteral("hint"));

    auto *head = new QHBoxLayout;
    head->addWidget(makeSectionTitle(tr("Connect"), this));
    head->addSpacing(8);
    head->addWidget(m_tabs, 1, Qt::AlignBottom);
    auto *foot = new QHBoxLayout;
    foot->addWidget(m_copied, 1);
    foot->addWidget(copyButton);
    layout->addLayout(head);
    layout->addWidget(m_text, 1);
    layout->addLayout(foot);
}

int SnippetCard::currentFormat() const
{
    return std::max(0, m_tabs->currentIndex());
}

QString SnippetCard::text() const
{
    return m_text->toPlainText();
}

void SnippetCard::setText(const QString &text)
{
    if (m_text->toPlainText() != text)
        m_text->setPlainText(text);
}

void SnippetCard::showCopied(const QString &hint)
{
    m_copied->setText(hint);
    QTimer::singleShot(kCopiedHintMs, m_copied, &QLabel::clear);
}

} // namespace homeport::ui
