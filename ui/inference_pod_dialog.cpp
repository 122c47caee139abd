#include "inference_pod_dialog.h"

#include "theme.h"
#include "theme_follower.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>

namespace homeport::ui {

InferencePodDialog::InferencePodDialog(QWidget *parent)
    : QDialog(parent)
    , m_name(new QLineEdit(this))
    , m_url(new QLineEdit(this))
    , m_kind(new QComboBox(this))
    , m_key(new QLineEdit(this))
    , m_cost(new QDoubleSpinBox(this))
    , m_models(new QLineEdit(this))
    , m_problem(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Add a GPU pod"));
    setObjectName(QStringLiteral("inferencePodDialog"));
    m_name->setObjectName(QStringLiteral("podName"));
    m_name->setPlaceholderText(tr("a100-1"));
    m_url->setObjectName(QStringLiteral("podUrl"));
    m_url->setPlaceholderText(tr("http://10.0.0.5:8000/v1"));
    m_kind->setObjectName(QStringLiteral("podKind"));
    m_kind->addItem(tr("vLLM"), QStringLiteral("vllm"));
    m_kind->addItem(tr("RunPod serverless endpoint"), QStringLiteral("runpod-serverless"));
    m_kind->addItem(tr("Other OpenAI-compatible server"), QStringLiteral("openai"));
    m_key->setObjectName(QStringLiteral("podKey"));
    m_key->setEchoMode(QLineEdit::Password);
    m_key->setPlaceholderText(tr("optional: the pod's --api-key, or the RunPod API key"));
    m_cost->setObjectName(QStringLiteral("podCost"));
    m_cost->setRange(0, 1000);
    m_cost->setDecimals(2);
    m_cost->setPrefix(QStringLiteral("$ "));
    m_cost->setSpecialValueText(tr("not set"));
    m_models->setObjectName(QStringLiteral("podModels"));
    m_models->setPlaceholderText(tr("optional, comma-separated: asked from /v1/models when empty"));
    m_problem->setObjectName(QStringLiteral("podProblem"));
    m_problem->setWordWrap(true);
    setMutedText(m_problem);

    auto *form = new QFormLayout;
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("OpenAI base URL"), m_url);
    form->addRow(tr("Kind"), m_kind);
    form->addRow(tr("API key"), m_key);
    form->addRow(tr("Cost per hour"), m_cost);
    form->addRow(tr("Models"), m_models);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QLineEdit *edit : {m_name, m_url})
        connect(edit, &QLineEdit::textChanged, this, &InferencePodDialog::updateOk);
    resize(520, sizeHint().height());
    updateOk();
}

void InferencePodDialog::setEntry(const QJsonObject &entry)
{
    m_name->setText(entry.value(QStringLiteral("name")).toString());
    m_url->setText(entry.value(QStringLiteral("url")).toString());
    const int kind = m_kind->findData(entry.value(QStringLiteral("kind")).toString(QStringLiteral("vllm")));
    m_kind->setCurrentIndex(std::max(0, kind));
    m_key->setText(entry.value(QStringLiteral("api_key")).toString());
    m_cost->setValue(entry.value(QStringLiteral("cost_per_hour")).toDouble(0));
    QStringList models;
    for (const QJsonValue &m : entry.value(QStringLiteral("models")).toArray())
        models << m.toString();
    m_models->setText(models.join(QStringLiteral(", ")));
    updateOk();
}

QJsonObject InferencePodDialog::entry() const
{
    QJsonObject out{{QStringLiteral("name"), m_name->text().trimmed()},
                    {QStringLiteral("url"), m_url->text().trimmed()},
                    {QStringLiteral("kind"), m_kind->currentData().toString()}};
    if (!m_key->text().trimmed().isEmpty())
        out.insert(QStringLiteral("api_key"), m_key->text().trimmed());
    if (m_cost->value() > 0)
        out.insert(QStringLiteral("cost_per_hour"), m_cost->value());
    QJsonArray models;
    for (const QString &m : m_models->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (!m.trimmed().isEmpty())
            models.append(m.trimmed());
    }
    if (!models.isEmpty())
        out.insert(QStringLiteral("models"), models);
    return out;
}

QString InferencePodDialog::problem() const
{
    if (m_name->text().trimmed().isEmpty())
        return tr("Give the pod a name.");
    const QUrl url(m_url->text().trimmed());
    if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")) || url.host().isEmpty())
        return tr("The URL is the pod's OpenAI base URL, http(s)://host:port/v1.");
    return {};
}

void InferencePodDialog::updateOk()
{
    const QString why = problem();
    m_problem->setText(why);
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(why.isEmpty());
}

} // namespace homeport::ui
