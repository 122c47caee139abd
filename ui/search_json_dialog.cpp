#include "search_json_dialog.h"

#include "search_api_client.h"
#include "theme.h"
#include "theme_follower.h"

#include <QDialogButtonBox>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace homeport::ui {

SearchJsonDialog::SearchJsonDialog(const QString &title, const QString &note, const QString &bodyText,
                                   RequestBuilder build, SearchApiClient *client, QWidget *parent)
    : QDialog(parent)
    , m_build(std::move(build))
    , m_client(client)
    , m_editor(new QPlainTextEdit(this))
    , m_error(new QLabel(this))
{
    setWindowTitle(title);
    setObjectName(QStringLiteral("searchJsonDialog"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 16, 16, 12);
    layout->setSpacing(10);
    auto *noteLabel = new QLabel(note, this);
    noteLabel->setWordWrap(true);
    setMutedText(noteLabel);
    layout->addWidget(noteLabel);
    m_editor->setObjectName(QStringLiteral("jsonEditor"));
    m_editor->setFont(Theme::monospaceFont());
    m_editor->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_editor->setPlainText(bodyText);
    m_editor->setMinimumSize(560, 360);
    layout->addWidget(m_editor, 1);
    m_error->setObjectName(QStringLiteral("errorText"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("color: %1").arg(Theme::failed().name()));
    m_error->hide();
    layout->addWidget(m_error);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_create = buttons->button(QDialogButtonBox::Ok);
    m_create->setObjectName(QStringLiteral("saveButton"));
    m_create->setProperty("primary", true);
    m_create->setText(tr("Send"));
    connect(buttons, &QDialogButtonBox::accepted, this, &SearchJsonDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

QString SearchJsonDialog::bodyText() const
{
    return m_editor->toPlainText();
}

void SearchJsonDialog::setBodyText(const QString &text)
{
    m_editor->setPlainText(text);
}

QString SearchJsonDialog::errorText() const
{
    return m_error->isVisibleTo(this) ? m_error->text() : QString();
}

void SearchJsonDialog::showError(const QString &text)
{
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
}

void SearchJsonDialog::accept()
{
    if (m_sending)
        return;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(m_editor->toPlainText().toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        showError(parseError.error != QJsonParseError::NoError
                      ? tr("Not valid JSON at character %1: %2.").arg(parseError.offset).arg(parseError.errorString())
                      : tr("The body must be one JSON object."));
        return;
    }
    QString problem;
    const search::ApiRequest request = m_build(doc.object(), &problem);
    if (request.path.isEmpty()) {
        showError(problem);
        return;
    }
    m_sending = true;
    m_create->setEnabled(false);
    showError(QString());
    m_client->send(request, this, [this](const search::ApiAnswer &answer) {
        m_sending = false;
        m_create->setEnabled(true);
        if (!answer.ok()) {
            showError(answer.status == 0 ? answer.message()
                                         : tr("The server answered %1: %2").arg(answer.status).arg(answer.message()));
            return;
        }
        m_answer = answer;
        Q_EMIT succeeded(answer);
        QDialog::accept();
    });
}

} // namespace homeport::ui
