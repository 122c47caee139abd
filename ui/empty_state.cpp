#include "empty_state.h"

#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace homeport::ui {

EmptyState::EmptyState(const QString &title, const QString &text, QWidget *parent)
    : QFrame(parent)
    , m_icon(new QLabel(this))
    , m_title(new QLabel(title, this))
    , m_text(new QLabel(text, this))
    , m_actions(new QWidget(this))
{
    setObjectName(QStringLiteral("emptyState"));
    m_title->setObjectName(QStringLiteral("emptyTitle"));
    m_text->setObjectName(QStringLiteral("muted"));
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::PlainText);
    for (QLabel *label : {m_icon, m_title, m_text})
        label->setAlignment(Qt::AlignHCenter);
    m_icon->hide();

    auto *actions = new QHBoxLayout(m_actions);
    actions->setContentsMargins(0, 6, 0, 0);
    actions->addStretch();
    actions->addStretch();
    m_actions->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(32, 28, 32, 28);
    layout->setSpacing(8);
    layout->addStretch();
    layout->addWidget(m_icon);
    layout->addWidget(m_title);
    layout->addWidget(m_text);
    layout->addWidget(m_actions);
    layout->addStretch();
}

QPushButton *EmptyState::addAction(const QString &label)
{
    auto *button = new QPushButton(label, m_actions);
    auto *layout = static_cast<QHBoxLayout *>(m_actions->layout());
    layout->insertWidget(layout->count() - 1, button); // keep it centred between the stretches
    m_actions->show();
    return button;
}

void EmptyState::setIcon(const QIcon &icon)
{
    m_icon->setPixmap(icon.pixmap(40, 40));
    m_icon->setVisible(!icon.isNull());
}

QString EmptyState::title() const
{
    return m_title->text();
}

QString EmptyState::text() const
{
    return m_text->text();
}

} // namespace homeport::ui
