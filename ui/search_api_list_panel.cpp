#include "search_api_list_panel.h"

#include "empty_state.h"
#include "search_api_client.h"
#include "search_json_dialog.h"
#include "theme.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace homeport::ui {

namespace {
constexpr int kItemRole = Qt::UserRole + 1;
}

SearchApiListPanel::SearchApiListPanel(Config config, SearchApiClient *client, QWidget *parent)
    : QWidget(parent)
    , m_config(std::move(config))
    , m_client(client)
    , m_confirm(confirmWithMessageBox)
    , m_tools(new QHBoxLayout)
    , m_deleteButton(new QPushButton(tr("Delete…"), this))
    , m_toolMessage(new QLabel(this))
    , m_stack(new QStackedWidget(this))
    , m_emptyState(new EmptyState(m_config.emptyTitle, m_config.emptyText, this))
    , m_table(new QTableWidget(this))
    , m_detail(new QPlainTextEdit(this))
{
    setObjectName(m_config.objectName);
    m_tools->setSpacing(8);
    m_deleteButton->setObjectName(m_config.objectName + QStringLiteral("Delete"));
    m_deleteButton->setEnabled(false);
    connect(m_deleteButton, &QPushButton::clicked, this, &SearchApiListPanel::deleteSelected);
    auto *refresh = new QPushButton(tr("Reload"), this);
    connect(refresh, &QPushButton::clicked, this, &SearchApiListPanel::reload);
    m_toolMessage->setObjectName(QStringLiteral("muted"));
    m_tools->addWidget(m_deleteButton);
    m_tools->addWidget(refresh);
    m_tools->addSpacing(8);
    m_tools->addWidget(m_toolMessage, 1);

    m_emptyState->setObjectName(m_config.objectName + QStringLiteral("Empty"));
    m_table->setObjectName(m_config.objectName + QStringLiteral("Table"));
    m_table->setColumnCount(int(m_config.columns.size()));
    QStringList titles;
    for (const Column &c : std::as_const(m_config.columns))
        titles << c.title;
    m_table->setHorizontalHeaderLabels(titles);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setShowGrid(false);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->setSortingEnabled(true);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &SearchApiListPanel::updateDetail);
    m_detail->setObjectName(m_config.objectName + QStringLiteral("Json"));
    m_detail->setReadOnly(true);
    m_detail->setFont(Theme::monospaceFont());
    m_detail->setLineWrapMode(QPlainTextEdit::NoWrap);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->setChildrenCollapsible(false);
    split->addWidget(m_table);
    split->addWidget(m_detail);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);

    m_stack->addWidget(m_emptyState);
    m_stack->addWidget(split);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(10);
    layout->addLayout(m_tools);
    layout->addWidget(m_stack, 1);
    setState(m_config.needsCollection ? State::NoCollection : State::Loading);
}

QPushButton *SearchApiListPanel::addCreateButton(
    const QString &text, const QString &objectName, const QString &dialogTitle, const QString &note,
    const QString &bodyText,
    std::function<search::ApiRequest(const QString &, const QJsonObject &, QString *)> build)
{
    auto *button = new QPushButton(text, this);
    button->setObjectName(objectName);
    if (m_createButtons.isEmpty())
        button->setProperty("primary", true);
    m_tools->insertWidget(int(m_createButtons.size()), button);
    m_createButtons << button;
    button->setEnabled(false);
    connect(button, &QPushButton::clicked, this,
            [=, this] { openDialog(dialogTitle, note, bodyText, build); });
    return button;
}

QPushButton *SearchApiListPanel::addEditButton(
    const QString &text, const QString &objectName, const QString &dialogTitle, const QString &note,
    std::function<search::ApiRequest(const QString &, const QJsonObject &, QString *)> build)
{
    m_editButton = new QPushButton(text, this);
    m_editButton->setObjectName(objectName);
    m_editButton->setEnabled(false);
    m_tools->insertWidget(int(m_createButtons.size()), m_editButton);
    const auto edit = [=, this] {
        const QJsonObject item = selectedItem();
        if (item.isEmpty())
            return;
        openDialog(dialogTitle, note, QString::fromUtf8(QJsonDocument(item).toJson(QJsonDocument::Indented)), build);
    };
    connect(m_editButton, &QPushButton::clicked, this, edit);
    connect(m_table, &QTableWidget::doubleClicked, this, edit);
    return m_editButton;
}

void SearchApiListPanel::openDialog(const QString &title, const QString &note, const QString &bodyText,
                                    std::function<search::ApiRequest(const QString &, const QJsonObject &, QString *)> build)
{
    const QString collection = m_collection;
    auto *dialog = new SearchJsonDialog(
        title, note, bodyText,
        [build, collection](const QJsonObject &json, QString *problem) { return build(collection, json, problem); },
        m_client, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_lastDialog = dialog;
    connect(dialog, &SearchJsonDialog::succeeded, this, [this](const search::ApiAnswer &answer) {
        Q_EMIT created(answer);
        reload();
    });
    dialog->open();
}

QString SearchApiListPanel::stateMessage() const
{
    return m_message;
}

void SearchApiListPanel::showMessage(const QString &text)
{
    showTransientMessage(m_toolMessage, text);
}

void SearchApiListPanel::setCollection(const QString &collection)
{
    if (collection == m_collection && m_state != State::NoCollection)
        return;
    m_collection = collection;
    reload();
}

void SearchApiListPanel::setState(State state, const QString &message)
{
    m_state = state;
    m_message = message;
    const bool listed = state == State::Listed;
    const bool canCreate = state == State::Listed || state == State::Empty;
    for (QPushButton *b : std::as_const(m_createButtons))
        b->setEnabled(canCreate);
    m_deleteButton->setEnabled(listed && !m_table->selectedItems().isEmpty());
    if (m_editButton)
        m_editButton->setEnabled(listed && !m_table->selectedItems().isEmpty());
    QString title = m_config.emptyTitle;
    QString text = m_config.emptyText;
    switch (state) {
    case State::NoCollection:
        title = tr("No collection");
        text = tr("Create a collection first; %1s belong to one.").arg(m_config.itemWord);
        break;
    case State::Loading:
        title = tr("Loading…");
        text = QString();
        break;
    case State::Unavailable:
        title = tr("Not available");
        text = message;
        break;
    case State::Failed:
        title = tr("Could not load the %1s").arg(m_config.itemWord);
        text = message;
        break;
    case State::Empty:
    case State::Listed:
        break;
    }
    // The empty state is rebuilt in place: its title and text follow the state.
    auto *fresh = new EmptyState(title, text, this);
    fresh->setObjectName(m_config.objectName + QStringLiteral("Empty"));
    m_stack->insertWidget(0, fresh);
    m_stack->removeWidget(m_emptyState);
    m_emptyState->deleteLater();
    m_emptyState = fresh;
    m_stack->setCurrentIndex(listed ? 1 : 0);
}

void SearchApiListPanel::reload()
{
    if (m_config.needsCollection && m_collection.isEmpty()) {
        m_items.clear();
        m_table->setRowCount(0);
        setState(State::NoCollection);
        return;
    }
    const QString path = m_config.listPath(m_collection);
    const quint64 generation = ++m_generation;
    // A shown list (or "none yet") stays while it is reloaded, so nothing flickers.
    if (m_state != State::Listed && m_state != State::Empty)
        setState(State::Loading);
    m_client->send("GET", path, {}, this, [this, generation, path](const search::ApiAnswer &answer) {
        if (generation != m_generation)
            return; // the collection changed since
        if (answer.status == 404 && answer.message() == QLatin1String("Not Found")) {
            setState(State::Unavailable,
                     tr("The search service answered 404 “Not Found” to GET %1. %2").arg(path, m_config.unavailableText));
            m_items.clear();
            m_table->setRowCount(0);
        } else if (!answer.ok()) {
            setState(State::Failed, answer.status == 0 ? answer.message()
                                                       : tr("%1 (HTTP %2)").arg(answer.message()).arg(answer.status));
        } else {
            const QJsonDocument doc = QJsonDocument::fromJson(answer.body);
            fill(m_config.arrayKey.isEmpty() ? doc.array() : doc.object().value(m_config.arrayKey).toArray());
        }
        Q_EMIT reloaded();
    });
}

void SearchApiListPanel::fill(const QJsonArray &items)
{
    const QJsonObject selected = selectedItem();
    m_items.clear();
    m_table->setSortingEnabled(false);
    m_table->setRowCount(int(items.size()));
    for (int r = 0; r < items.size(); ++r) {
        const QJsonObject item = items[r].toObject();
        m_items << item;
        for (int c = 0; c < m_config.columns.size(); ++c) {
            auto *cell = new QTableWidgetItem(m_config.columns[c].text(item));
            cell->setData(kItemRole, r);
            m_table->setItem(r, c, cell);
        }
    }
    m_table->setSortingEnabled(true);
    m_table->resizeColumnsToContents();
    setState(items.isEmpty() ? State::Empty : State::Listed);
    for (int r = 0; r < m_table->rowCount(); ++r) {
        if (itemAt(r) == selected)
            m_table->selectRow(r);
    }
    if (m_table->selectedItems().isEmpty() && m_table->rowCount() > 0)
        m_table->selectRow(0);
    updateDetail();
}

QJsonObject SearchApiListPanel::itemAt(int row) const
{
    const QTableWidgetItem *cell = m_table->item(row, 0);
    if (!cell)
        return {};
    return m_items.value(cell->data(kItemRole).toInt());
}

QJsonObject SearchApiListPanel::selectedItem() const
{
    const QList<QTableWidgetItem *> cells = m_table->selectedItems();
    return cells.isEmpty() ? QJsonObject() : m_items.value(cells.first()->data(kItemRole).toInt());
}

void SearchApiListPanel::updateDetail()
{
    const QJsonObject item = selectedItem();
    m_detail->setPlainText(item.isEmpty() ? QString() : QString::fromUtf8(QJsonDocument(item).toJson(QJsonDocument::Indented)));
    m_deleteButton->setEnabled(m_state == State::Listed && !item.isEmpty());
    if (m_editButton)
        m_editButton->setEnabled(m_state == State::Listed && !item.isEmpty());
}

bool SearchApiListPanel::deleteSelected()
{
    const QJsonObject item = selectedItem();
    if (item.isEmpty())
        return false;
    const QString path = m_config.itemPath(m_collection, item);
    if (!m_confirm(this, tr("Delete %1").arg(m_config.itemWord),
                   tr("Delete this %1 (DELETE %2)?").arg(m_config.itemWord, path)))
        return false;
    m_client->send("DELETE", path, {}, this, [this](const search::ApiAnswer &answer) {
        showMessage(answer.ok() ? tr("Deleted.") : tr("Not deleted: %1").arg(answer.message()));
        reload();
    });
    return true;
}

} // namespace homeport::ui
