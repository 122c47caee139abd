#pragma once
// InferencePodDialog: one pods.json entry to add: name, OpenAI base URL, kind (vLLM, RunPod
// serverless, other OpenAI-compatible), API key, cost per hour and, for servers that should not
// be asked, the models they serve. Opened empty from "Add pod…" and filled in from a RunPod pod
// or endpoint by "Add as gateway pod".
// Thread affinity: the GUI thread.

#include <QDialog>
#include <QJsonObject>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QDialogButtonBox;

namespace homeport::ui {

class InferencePodDialog : public QDialog
{
    Q_OBJECT
public:
    explicit InferencePodDialog(QWidget *parent = nullptr);

    void setEntry(const QJsonObject &entry);
    // {"name","url","kind","api_key","cost_per_hour","models"}; empty fields left out.
    QJsonObject entry() const;
    // Why the entry cannot be saved yet; empty when it can.
    QString problem() const;

private:
    void updateOk();

    QLineEdit *m_name;
    QLineEdit *m_url;
    QComboBox *m_kind;
    QLineEdit *m_key;
    QDoubleSpinBox *m_cost;
    QLineEdit *m_models;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
};

} // namespace homeport::ui
