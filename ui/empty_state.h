#pragma once
// EmptyState: the friendly panel a page shows before it has anything to show: what will appear
// here, and the one thing the user can do now (a button).
// Thread affinity: the GUI thread.

#include <QFrame>

class QLabel;
class QPushButton;

namespace homeport::ui {

class EmptyState : public QFrame
{
    Q_OBJECT
public:
    EmptyState(const QString &title, const QString &text, QWidget *parent = nullptr);

    // Adds the call to action; returns the button so the owner can connect it.
    QPushButton *addAction(const QString &label);
    void setIcon(const QIcon &icon);
    QString title() const;
    QString text() const;

private:
    QLabel *m_icon;
    QLabel *m_title;
    QLabel *m_text;
    QWidget *m_actions;
};

} // namespace homeport::ui
