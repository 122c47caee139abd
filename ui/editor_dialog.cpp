#include "editor_dialog.h"

#include "theme.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QUrl>
#include <QVBoxLayout>

namespace homeport::ui {

void EditorDialog::createFooter(bool creating)
{
    m_error = new QLabel(this);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_error->setObjectName(QStringLiteral("errorText"));
    m_error->setWordWrap(true);
    m_error->hide();
    QPushButton *save = m_buttons->button(QDialogButtonBox::Save);
    save->setObjectName(QStringLiteral("saveButton"));
    save->setProperty("primary", true);
    save->setText(creating ? tr("Create") : tr("Save"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &EditorDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

QVBoxLayout *EditorDialog::createLayout()
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 16, 16, 12);
    layout->setSpacing(10);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
    return layout;
}

void EditorDialog::accept()
{
    const QString problem = validate();
    m_error->setText(problem);
    m_error->setVisible(!problem.isEmpty());
    if (problem.isEmpty())
        QDialog::accept();
}

QSpinBox *EditorDialog::makeSpinBox(int min, int max, int value, const QString &objectName, int minimumWidth,
                                    QWidget *parent)
{
    auto *spin = new QSpinBox(parent);
    spin->setObjectName(objectName);
    spin->setRange(min, max);
    spin->setValue(value);
    spin->setGroupSeparatorShown(true);
    spin->setMinimumWidth(minimumWidth);
    return spin;
}

QLabel *EditorDialog::makeNote(const QString &text, QWidget *parent)
{
    auto *note = new QLabel(text, parent);
    note->setObjectName(QStringLiteral("hint"));
    note->setWordWrap(true);
    return note;
}

QLabel *EditorDialog::makeIdLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setFont(Theme::monospaceFont());
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

bool EditorDialog::isWebAddress(const QString &url)
{
    const QUrl parsed(url, QUrl::StrictMode);
    return parsed.isValid() && !parsed.host().isEmpty()
        && (parsed.scheme() == QLatin1String("http") || parsed.scheme() == QLatin1String("https"));
}

} // namespace homeport::ui
