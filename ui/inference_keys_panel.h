#pragma once
// InferenceKeysPanel: the gateway keys and the request log of the inference service, for the
// Inference page. A keys table (limits with this minute's use and the token budget drawn as bars)
// with New / Edit / Revoke, a dialog that shows a new key's secret once, and a sortable table of
// the most recent requests (time, key, model, pod, tokens, latency, first token, status). It
// reads InferenceMonitor's snapshots and sends key changes through its queued request signals.
// Thread affinity: the GUI thread.

#include "dashboard_widgets.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace homeport::inference {
class InferenceMonitor;
struct GatewayKeyInfo;
} // namespace homeport::inference

namespace homeport::ui {

class InferenceKeysModel;
class InferenceRequestsModel;

class InferenceKeysPanel : public QWidget
{
    Q_OBJECT
public:
    InferenceKeysPanel(inference::InferenceMonitor *monitor, QWidget *parent = nullptr);

    // Pages and tests replace the question asked before revoking.
    void setConfirm(ConfirmFunction confirm) { m_confirm = std::move(confirm); }
    // Tests replace the dialog that shows a new secret (it gets the key's name and the secret).
    void setSecretPresenter(std::function<void(const QString &name, const QString &secret)> present)
    {
        m_presentSecret = std::move(present);
    }

    QTableView *keysView() const { return m_keysView; }
    QTableView *requestsView() const { return m_requestsView; }

public Q_SLOTS:
    void refresh();
    void createKey();
    void editSelectedKey();
    void revokeSelectedKey();

private:
    const inference::GatewayKeyInfo *selectedKey() const;
    void onKeyCreated(quint64 requestId, const inference::GatewayKeyInfo &key, const QString &secret, const QString &error);
    void onKeyChanged(quint64 requestId, const QString &error);
    void updateButtons();
    static void showSecret(QWidget *parent, const QString &name, const QString &secret);

    inference::InferenceMonitor *m_monitor;
    InferenceKeysModel *m_keysModel;
    InferenceRequestsModel *m_requestsModel;
    QSortFilterProxyModel *m_keysProxy;
    QSortFilterProxyModel *m_requestsProxy;
    QTableView *m_keysView;
    QTableView *m_requestsView;
    QPushButton *m_newButton = nullptr;
    QPushButton *m_editButton = nullptr;
    QPushButton *m_revokeButton = nullptr;
    QLabel *m_message = nullptr;
    QLabel *m_baseUrl = nullptr;
    ConfirmFunction m_confirm = confirmWithMessageBox;
    std::function<void(const QString &, const QString &)> m_presentSecret = [this](const QString &name, const QString &secret) {
        showSecret(this, name, secret);
    };
    quint64 m_nextRequestId = 1;
    QList<quint64> m_pending; // requests sent and not yet answered
};

} // namespace homeport::ui
