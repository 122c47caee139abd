#include "inference_keys_panel.h"

#include "age_text.h"
#include "editor_dialog.h"
#include "row_table_model.h"
#include "theme.h"

#include "inference/inference_monitor.h"

#include <QApplication>
#include <QClipboard>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

namespace homeport::ui {

using inference::GatewayKeyInfo;
using inference::RequestRecord;

namespace {

// Cells drawn as a bar carry the filled fraction (0..1) in this role; none: plain text.
constexpr int FractionRole = RowTableModel<int>::SortRole + 1;
constexpr int KeyIdRole = RowTableModel<int>::SortRole + 2;
constexpr int kTableMinimumHeight = 110; // a header and three rows

QString count(qint64 n)
{
    return QLocale().toString(n);
}

// "used / limit" with its fraction, or the use alone when there is no limit.
struct Gauge
{
    QString text;
    QVariant fraction;
};
Gauge gauge(qint64 used, qint64 limit, const QString &unit)
{
    if (limit <= 0)
        return {InferenceKeysPanel::tr("%1 %2 (no limit)").arg(count(used), unit), {}};
    return {InferenceKeysPanel::tr("%1 / %2 %3").arg(count(used), count(limit), unit),
            std::clamp(double(used) / double(limit), 0.0, 1.0)};
}

// Paints a usage bar behind the cell's text; red once the limit is reached.
class UsageBarDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        const QVariant fraction = index.data(FractionRole);
        if (fraction.isValid()) {
            const double f = fraction.toDouble();
            const QRect track = option.rect.adjusted(4, option.rect.height() - 7, -4, -3);
            painter->save();
            painter->setPen(Qt::NoPen);
            painter->setBrush(Theme::border());
            painter->drawRoundedRect(track, 2, 2);
            QRect filled = track;
            filled.setWidth(int(track.width() * f));
            painter->setBrush(f >= 1.0 ? Theme::failed() : f >= 0.8 ? Theme::busy() : Theme::accent());
            painter->drawRoundedRect(filled, 2, 2);
            painter->restore();
        }
        QStyleOptionViewItem textOption = option;
        if (fraction.isValid())
            textOption.rect.adjust(0, -4, 0, -4);
        QStyledItemDelegate::paint(painter, textOption, index);
    }
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QSize size = QStyledItemDelegate::sizeHint(option, index);
        size.setHeight(size.height() + 8);
        return size;
    }
};

// A new key's settings, or an existing key's.
class KeyEditor : public EditorDialog
{
public:
    KeyEditor(const GatewayKeyInfo &key, QWidget *parent)
        : EditorDialog(parent)
        , m_key(key)
        , m_name(new QLineEdit(key.name, this))
        , m_models(new QLineEdit(key.models.join(QStringLiteral(", ")), this))
    {
        setObjectName(QStringLiteral("inferenceKeyEditor"));
        const bool creating = key.id.isEmpty();
        createFooter(creating);
        setWindowTitle(creating ? InferenceKeysPanel::tr("New gateway key") : InferenceKeysPanel::tr("Edit key “%1”").arg(key.name));
        setMinimumWidth(480);
        m_name->setObjectName(QStringLiteral("nameEdit"));
        m_name->setPlaceholderText(InferenceKeysPanel::tr("e.g. shop-backend"));
        m_models->setObjectName(QStringLiteral("modelsEdit"));
        m_models->setPlaceholderText(InferenceKeysPanel::tr("every model (or: llama-3-8b, qwen2.5-7b)"));
        m_rpm = makeSpinBox(0, 1'000'000'000, key.requestsPerMinute, QStringLiteral("rpmSpin"), 160, this);
        m_rpm->setSpecialValueText(InferenceKeysPanel::tr("unlimited"));
        m_rpm->setSuffix(InferenceKeysPanel::tr(" requests/min"));
        m_tpm = makeSpinBox(0, 2'000'000'000, int(std::min<qint64>(key.tokensPerMinute, 2'000'000'000)), QStringLiteral("tpmSpin"), 160, this);
        m_tpm->setSpecialValueText(InferenceKeysPanel::tr("unlimited"));
        m_tpm->setSuffix(InferenceKeysPanel::tr(" tokens/min"));
        m_tpm->setSingleStep(1000);
        m_budget = makeSpinBox(0, 2'000'000'000, int(std::min<qint64>(key.tokenBudget, 2'000'000'000)), QStringLiteral("budgetSpin"), 160, this);
        m_budget->setSpecialValueText(InferenceKeysPanel::tr("no budget"));
        m_budget->setSuffix(InferenceKeysPanel::tr(" tokens"));
        m_budget->setSingleStep(100'000);

        auto *box = new QGroupBox(InferenceKeysPanel::tr("Key"), this);
        auto *form = new QFormLayout(box);
        form->addRow(InferenceKeysPanel::tr("Name:"), m_name);
        form->addRow(InferenceKeysPanel::tr("Models:"), m_models);
        form->addRow(InferenceKeysPanel::tr("Rate limit:"), m_rpm);
        form->addRow(InferenceKeysPanel::tr("Token limit:"), m_tpm);
        form->addRow(InferenceKeysPanel::tr("Token budget:"), m_budget);
        form->addRow(QString(), makeNote(creating ? InferenceKeysPanel::tr("The secret is shown once, when the key is created; Homeport keeps only its hash.")
                                                  : InferenceKeysPanel::tr("The budget counts prompt and completion tokens over the key's life."),
                                         box));
        QVBoxLayout *layout = createLayout();
        layout->insertWidget(0, box);
        m_name->setFocus();
    }

    QString validate() const override
    {
        if (m_name->text().trimmed().isEmpty())
            return InferenceKeysPanel::tr("Give the key a name.");
        return {};
    }

    GatewayKeyInfo key() const
    {
        GatewayKeyInfo k = m_key;
        k.name = m_name->text().trimmed();
        k.models.clear();
        for (const QString &m : m_models->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            if (!m.trimmed().isEmpty())
                k.models << m.trimmed();
        }
        k.requestsPerMinute = m_rpm->value();
        k.tokensPerMinute = m_tpm->value();
        k.tokenBudget = m_budget->value();
        return k;
    }

private:
    GatewayKeyInfo m_key;
    QLineEdit *m_name;
    QLineEdit *m_models;
    QSpinBox *m_rpm = nullptr;
    QSpinBox *m_tpm = nullptr;
    QSpinBox *m_budget = nullptr;
};

} // namespace

class InferenceKeysModel : public RowTableModel<GatewayKeyInfo>
{
public:
    enum Column { Name, Key, Models, Requests, Tokens, Budget, LastUsed, State, ColumnCount };
    explicit InferenceKeysModel(QObject *parent)
        : RowTableModel(ColumnCount, parent)
    {
    }
    void setKeys(const QList<GatewayKeyInfo> &keys, const QDateTime &now)
    {
        beginResetModel();
        m_rows = keys;
        m_now = now;
        endResetModel();
    }
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override
    {
        return columnTitle(section, orientation, role,
                           {InferenceKeysPanel::tr("Name"), InferenceKeysPanel::tr("Key"), InferenceKeysPanel::tr("Models"),
                            InferenceKeysPanel::tr("Requests this minute"), InferenceKeysPanel::tr("Tokens this minute"),
                            InferenceKeysPanel::tr("Budget"), InferenceKeysPanel::tr("Last used"), InferenceKeysPanel::tr("State")});
    }
    QVariant data(const QModelIndex &index, int role) const override
    {
        if (!index.isValid())
            return {};
        const GatewayKeyInfo &k = rowAt(index.row());
        if (role == KeyIdRole)
            return k.id;
        const Gauge requests = gauge(k.requestsLastMinute, k.requestsPerMinute, InferenceKeysPanel::tr("req"));
        const Gauge tokens = gauge(k.tokensLastMinute, k.tokensPerMinute, InferenceKeysPanel::tr("tokens"));
        const Gauge budget = k.tokenBudget > 0 ? gauge(k.spentTokens, k.tokenBudget, InferenceKeysPanel::tr("tokens"))
                                               : Gauge{InferenceKeysPanel::tr("%1 tokens spent").arg(count(k.spentTokens)), {}};
        if (role == FractionRole) {
            switch (index.column()) {
            case Requests: return requests.fraction;
            case Tokens: return tokens.fraction;
            case Budget: return budget.fraction;
            default: return {};
            }
        }
        if (role == Qt::ForegroundRole && k.isRevoked())
            return Theme::mutedText();
        if (role == Qt::FontRole && index.column() == Key)
            return Theme::monospaceFont();
        if (role == Qt::DisplayRole) {
            switch (index.column()) {
            case Name: return k.name;
            case Key: return k.prefix + QStringLiteral("…");
            case Models: return k.models.isEmpty() ? InferenceKeysPanel::tr("all") : k.models.join(QStringLiteral(", "));
            case Requests: return requests.text;
            case Tokens: return tokens.text;
            case Budget: return budget.text;
            case LastUsed: return k.lastUsed.isValid() ? AgeText::ago(k.lastUsed, m_now) : InferenceKeysPanel::tr("never");
            case State: return k.admin ? InferenceKeysPanel::tr("admin") : k.isRevoked() ? InferenceKeysPanel::tr("revoked") : InferenceKeysPanel::tr("active");
            default: return {};
            }
        }
        if (role == SortRole) {
            switch (index.column()) {
            case Name: return k.name;
            case Key: return k.prefix;
            case Models: return k.models.join(QLatin1Char(','));
            case Requests: return k.requestsLastMinute;
            case Tokens: return k.tokensLastMinute;
            case Budget: return k.tokenBudget > 0 ? double(k.spentTokens) / double(k.tokenBudget) : -1.0;
            case LastUsed: return k.lastUsed.isValid() ? k.lastUsed.toMSecsSinceEpoch() : 0;
            case State: return k.admin ? 0 : k.isRevoked() ? 2 : 1;
            default: return {};
            }
        }
        if (role == Qt::ToolTipRole && index.column() == Budget && k.tokenBudget > 0)
            return InferenceKeysPanel::tr("%1 of %2 tokens left").arg(count(std::max<qint64>(0, k.tokenBudget - k.spentTokens)), count(k.tokenBudget));
        return {};
    }

private:
    QDateTime m_now;
};

class InferenceRequestsModel : public RowTableModel<RequestRecord>
{
public:
    enum Column { Time, Key, Endpoint, Model, Pod, Prompt, Completion, Latency, FirstToken, Status, ColumnCount };
    explicit InferenceRequestsModel(QObject *parent)
        : RowTableModel(ColumnCount, parent)
    {
    }
    void setRequests(const QList<RequestRecord> &requests, const QHash<QString, QString> &keyNames)
    {
        beginResetModel();
        m_rows = requests;
        m_keyNames = keyNames;
        endResetModel();
    }
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override
    {
        return columnTitle(section, orientation, role,
                           {InferenceKeysPanel::tr("Time"), InferenceKeysPanel::tr("Key"), InferenceKeysPanel::tr("Endpoint"),
                            InferenceKeysPanel::tr("Model"), InferenceKeysPanel::tr("Pod"), InferenceKeysPanel::tr("Prompt"),
                            InferenceKeysPanel::tr("Completion"), InferenceKeysPanel::tr("Latency"),
                            InferenceKeysPanel::tr("First token"), InferenceKeysPanel::tr("Status")});
    }
    QVariant data(const QModelIndex &index, int role) const override
    {
        if (!index.isValid())
            return {};
        const RequestRecord &r = rowAt(index.row());
        const auto tokens = [](qint64 n) { return n >= 0 ? QVariant(QLocale().toString(n)) : QVariant(QStringLiteral("–")); };
        const auto ms = [](double v) { return v >= 0 ? QVariant(InferenceKeysPanel::tr("%1 ms").arg(v, 0, 'f', 1)) : QVariant(QStringLiteral("–")); };
        if (role == Qt::DisplayRole) {
            switch (index.column()) {
            case Time: return QDateTime::fromMSecsSinceEpoch(r.timeMs).toString(QStringLiteral("HH:mm:ss.zzz"));
            case Key: return m_keyNames.value(r.keyId, r.keyId);
            case Endpoint: return r.stream ? InferenceKeysPanel::tr("%1 (stream)").arg(r.endpoint) : r.endpoint;
            case Model: return r.model;
            case Pod: return r.pod.isEmpty() ? QStringLiteral("–") : r.pod;
            case Prompt: return tokens(r.promptTokens);
            case Completion: return tokens(r.completionTokens);
            case Latency: return ms(r.latencyMs);
            case FirstToken: return ms(r.firstTokenMs);
            case Status: return r.status;
            default: return {};
            }
        }
        if (role == SortRole) {
            switch (index.column()) {
            case Time: return r.timeMs;
            case Key: return m_keyNames.value(r.keyId, r.keyId);
            case Endpoint: return r.endpoint;
            case Model: return r.model;
            case Pod: return r.pod;
            case Prompt: return r.promptTokens;
            case Completion: return r.completionTokens;
            case Latency: return r.latencyMs;
            case FirstToken: return r.firstTokenMs;
            case Status: return r.status;
            default: return {};
            }
        }
        // The text columns share the width left and may be cut short: their tooltip has it whole.
        if (role == Qt::ToolTipRole && (index.column() == Key || index.column() == Endpoint || index.column() == Model))
            return data(index, Qt::DisplayRole);
        if (role == Qt::ForegroundRole && index.column() == Status && r.status >= 400)
            return Theme::failed();
        if (role == Qt::TextAlignmentRole && index.column() >= Prompt && index.column() <= FirstToken)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }

private:
    QHash<QString, QString> m_keyNames;
};

InferenceKeysPanel::InferenceKeysPanel(inference::InferenceMonitor *monitor, QWidget *parent)
    : QWidget(parent)
    , m_monitor(monitor)
    , m_keysModel(new InferenceKeysModel(this))
    , m_requestsModel(new InferenceRequestsModel(this))
    , m_keysProxy(makeSortProxy(m_keysModel, InferenceKeysModel::SortRole, this))
    , m_requestsProxy(makeSortProxy(m_requestsModel, InferenceRequestsModel::SortRole, this))
    , m_keysView(new QTableView(this))
    , m_requestsView(new QTableView(this))
{
    setObjectName(QStringLiteral("inferenceKeysPanel"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12); // as the page's other tabs
    layout->setSpacing(10);

    QVBoxLayout *keysLayout = nullptr;
    QFrame *keysCard = makeCard(this, &keysLayout);
    keysLayout->addWidget(makeSectionTitle(tr("Gateway keys"), keysCard));
    m_baseUrl = makeHint(QString(), keysCard);
    m_baseUrl->setObjectName(QStringLiteral("baseUrlHint"));
    keysLayout->addWidget(m_baseUrl);
    RecordTools tools = makeRecordTools(tr("New key…"), QStringLiteral("Key"), keysCard);
    m_newButton = tools.newButton;
    m_editButton = tools.editButton;
    m_revokeButton = tools.deleteButton;
    m_revokeButton->setText(tr("Revoke…"));
    m_revokeButton->setObjectName(QStringLiteral("revokeKeyButton"));
    m_message = tools.message;
    keysLayout->addLayout(tools.layout);
    setUpTableView(m_keysView, m_keysProxy, QStringLiteral("inferenceKeysTable"));
    m_keysView->setItemDelegate(new UsageBarDelegate(m_keysView));
    m_keysView->sortByColumn(-1, Qt::AscendingOrder); // the service's order: admin first, then by creation
    keysLayout->addWidget(m_keysView, 1);
    layout->addWidget(keysCard, 1); // halves: the keys card's hint may wrap to a second line

    QVBoxLayout *requestsLayout = nullptr;
    QFrame *requestsCard = makeCard(this, &requestsLayout);
    requestsLayout->addWidget(makeSectionTitle(tr("Recent requests"), requestsCard));
    setUpTableView(m_requestsView, m_requestsProxy, QStringLiteral("inferenceRequestsTable"));
    m_requestsView->sortByColumn(InferenceRequestsModel::Time, Qt::DescendingOrder);
    // Times, numbers and statuses as wide as they are; the key, endpoint and model share the rest,
    // so the table never scrolls sideways at the window's size.
    m_requestsView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    for (int column : {InferenceRequestsModel::Key, InferenceRequestsModel::Endpoint, InferenceRequestsModel::Model})
        m_requestsView->horizontalHeader()->setSectionResizeMode(column, QHeaderView::Stretch);
    requestsLayout->addWidget(m_requestsView, 1);
    layout->addWidget(requestsCard, 1);
    // The tables share the tab's height by the cards' stretch and ask for no more than their
    // minimum, so the Inference page fits the window the console opens with (its scroll asks for
    // the preferred height of everything, and a table's is 192 px whatever it holds).
    for (QTableView *view : {m_keysView, m_requestsView}) {
        view->setMinimumHeight(kTableMinimumHeight);
        view->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Ignored);
    }

    connect(m_newButton, &QPushButton::clicked, this, &InferenceKeysPanel::createKey);
    connect(m_editButton, &QPushButton::clicked, this, &InferenceKeysPanel::editSelectedKey);
    connect(m_revokeButton, &QPushButton::clicked, this, &InferenceKeysPanel::revokeSelectedKey);
    connect(m_keysView, &QTableView::doubleClicked, this, &InferenceKeysPanel::editSelectedKey);
    connect(m_keysView->selectionModel(), &QItemSelectionModel::selectionChanged, this, &InferenceKeysPanel::updateButtons);
    if (m_monitor) {
        connect(m_monitor, &inference::InferenceMonitor::snapshotPublished, this, &InferenceKeysPanel::refresh);
        connect(m_monitor, &inference::InferenceMonitor::keyCreated, this, &InferenceKeysPanel::onKeyCreated);
        connect(m_monitor, &inference::InferenceMonitor::keyChanged, this, &InferenceKeysPanel::onKeyChanged);
    }
    refresh();
}

void InferenceKeysPanel::refresh()
{
    if (!m_monitor) {
        updateButtons();
        return;
    }
    const inference::InferenceSnapshot snapshot = m_monitor->snapshot();
    const QString selected = selectedRowData(m_keysView, KeyIdRole).toString();
    m_keysModel->setKeys(snapshot.keys, snapshot.takenAt.isValid() ? snapshot.takenAt : QDateTime::currentDateTimeUtc());
    QHash<QString, QString> names;
    for (const GatewayKeyInfo &k : snapshot.keys)
        names.insert(k.id, k.name);
    m_requestsModel->setRequests(snapshot.recentRequests, names);
    for (int row = 0; row < m_keysModel->rowCount(); ++row) {
        if (!selected.isEmpty() && m_keysModel->rowAt(row).id == selected)
            selectSourceRow(m_keysView, m_keysProxy, row);
    }
    if (!snapshot.baseUrl.isEmpty())
        m_baseUrl->setText(tr("Clients use base_url %1 with one of these keys. The admin key has no limits and manages "
                              "the others (also through %2/admin/keys).")
                               .arg(snapshot.baseUrl, snapshot.baseUrl.chopped(3)));
    fitColumnsToContents(m_keysView, InferenceKeysModel::Models);
    updateButtons();
}

const GatewayKeyInfo *InferenceKeysPanel::selectedKey() const
{
    const QString id = selectedRowData(m_keysView, KeyIdRole).toString();
    for (const GatewayKeyInfo &k : m_keysModel->rows()) {
        if (k.id == id)
            return &k;
    }
    return nullptr;
}

void InferenceKeysPanel::updateButtons()
{
    const GatewayKeyInfo *key = selectedKey();
    const bool editable = key && !key->admin && !key->isRevoked();
    m_newButton->setEnabled(m_monitor != nullptr);
    m_editButton->setEnabled(editable && m_monitor);
    m_revokeButton->setEnabled(editable && m_monitor);
}

void InferenceKeysPanel::createKey()
{
    if (!m_monitor)
        return;
    KeyEditor editor(GatewayKeyInfo{}, this);
    if (editor.exec() != QDialog::Accepted)
        return;
    const quint64 id = m_nextRequestId++;
    m_pending << id;
    Q_EMIT m_monitor->createKeyRequested(id, editor.key());
}

void InferenceKeysPanel::editSelectedKey()
{
    const GatewayKeyInfo *key = selectedKey();
    if (!m_monitor || !key || key->admin || key->isRevoked())
        return;
    KeyEditor editor(*key, this);
    if (editor.exec() != QDialog::Accepted)
        return;
    const quint64 id = m_nextRequestId++;
    m_pending << id;
    Q_EMIT m_monitor->updateKeyRequested(id, editor.key());
}

void InferenceKeysPanel::revokeSelectedKey()
{
    const GatewayKeyInfo *key = selectedKey();
    if (!m_monitor || !key || key->admin || key->isRevoked())
        return;
    const QString keyId = key->id;
    if (!m_confirm(this, tr("Revoke key"),
                   tr("Revoke the key “%1” (%2…)? Apps using it get 401 from their next request on. This cannot be undone.")
                       .arg(key->name, key->prefix)))
        return;
    const quint64 id = m_nextRequestId++;
    m_pending << id;
    Q_EMIT m_monitor->revokeKeyRequested(id, keyId);
}

void InferenceKeysPanel::onKeyCreated(quint64 requestId, const GatewayKeyInfo &key, const QString &secret, const QString &error)
{
    if (!m_pending.removeOne(requestId))
        return; // another panel's request
    if (!error.isEmpty()) {
        showTransientMessage(m_message, tr("The key was not created: %1").arg(error));
        return;
    }
    refresh();
    for (int row = 0; row < m_keysModel->rowCount(); ++row) {
        if (m_keysModel->rowAt(row).id == key.id)
            selectSourceRow(m_keysView, m_keysProxy, row);
    }
    m_presentSecret(key.name, secret);
}

void InferenceKeysPanel::onKeyChanged(quint64 requestId, const QString &error)
{
    if (!m_pending.removeOne(requestId))
        return;
    showTransientMessage(m_message, error.isEmpty() ? tr("Saved.") : tr("Not saved: %1").arg(error));
    refresh();
}

void InferenceKeysPanel::showSecret(QWidget *parent, const QString &name, const QString &secret)
{
    QDialog dialog(parent);
    dialog.setObjectName(QStringLiteral("inferenceKeySecretDialog"));
    dialog.setWindowTitle(tr("Key “%1” created").arg(name));
    auto *layout = new QVBoxLayout(&dialog);
    auto *note = new QLabel(tr("Copy the key now: this is the only time it is shown. Homeport keeps only its hash."), &dialog);
    note->setWordWrap(true);
    auto *value = new QLineEdit(secret, &dialog);
    value->setObjectName(QStringLiteral("secretValue"));
    value->setReadOnly(true);
    value->setFont(Theme::monospaceFont());
    value->setMinimumWidth(value->fontMetrics().horizontalAdvance(secret) + 24);
    value->selectAll();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
    QPushButton *copy = buttons->addButton(tr("Copy"), QDialogButtonBox::ActionRole);
    QObject::connect(copy, &QPushButton::clicked, &dialog, [secret] { QApplication::clipboard()->setText(secret); });
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    layout->addWidget(note);
    layout->addWidget(value);
    layout->addWidget(buttons);
    dialog.exec();
}

} // namespace homeport::ui
