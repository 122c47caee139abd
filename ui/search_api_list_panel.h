#pragma once
// SearchApiListPanel: one Typesense resource list on the Search page (synonyms, overrides, API
// keys): it GETs the list through the real API, shows it in a sortable table with the selected
// item's JSON, creates items through SearchJsonDialog and deletes them. What it shows follows the
// server's answers: the list, "none yet", the server's error, or "not available" when the route
// answers 404 Not Found (a build without that part of the API).
// Thread affinity: the GUI thread.

#include "dashboard_widgets.h"

#include "search/search_monitor.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QWidget>

#include <functional>

class QHBoxLayout;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QTableWidget;

namespace homeport::ui {

class EmptyState;
class SearchApiClient;
class SearchJsonDialog;

class SearchApiListPanel : public QWidget
{
    Q_OBJECT
public:
    enum class State { NoCollection, Loading, Unavailable, Failed, Empty, Listed };

    struct Column {
        QString title;
        std::function<QString(const QJsonObject &item)> text;
    };
    struct Config {
        QString objectName;          // "synonymsPanel": children are named after it
        QString itemWord;            // "synonym", for messages
        QString arrayKey;            // "synonyms": the list answer's array (empty: a top-level array)
        bool needsCollection = true;
        QList<Column> columns;
        // Paths for a collection ("" when not needed): the list, and one item by its JSON.
        std::function<QString(const QString &collection)> listPath;
        std::function<QString(const QString &collection, const QJsonObject &item)> itemPath;
        QString emptyTitle;
        QString emptyText;
        QString unavailableText;     // what the missing route means for the user
    };

    SearchApiListPanel(Config config, SearchApiClient *client, QWidget *parent = nullptr);

    State state() const { return m_state; }
    QString stateMessage() const;
    QTableWidget *table() const { return m_table; }
    QHBoxLayout *toolLayout() const { return m_tools; }
    int itemCount() const { return int(m_items.size()); }
    QJsonObject itemAt(int row) const; // in the table's order
    QJsonObject selectedItem() const;
    void setConfirmFunction(ConfirmFunction confirm) { m_confirm = std::move(confirm); }
    // Adds a "New …" button that opens a SearchJsonDialog with `body` and sends what `build` makes.
    QPushButton *addCreateButton(const QString &text, const QString &objectName, const QString &dialogTitle,
                                 const QString &note, const QString &bodyText,
                                 std::function<search::ApiRequest(const QString &collection, const QJsonObject &body,
                                                                  QString *problem)> build);
    // Adds an "Edit…" button (and double-click) that opens the selected item's JSON in a
    // SearchJsonDialog and sends what `build` makes of it (an upsert by id).
    QPushButton *addEditButton(const QString &text, const QString &objectName, const QString &dialogTitle,
                               const QString &note,
                               std::function<search::ApiRequest(const QString &collection, const QJsonObject &body,
                                                                QString *problem)> build);
    // The last dialog a create or edit button opened (tests drive it).
    SearchJsonDialog *lastDialog() const { return m_lastDialog; }
    void showMessage(const QString &text);

public Q_SLOTS:
    void setCollection(const QString &collection);
    void reload();
    bool deleteSelected();

Q_SIGNALS:
    void reloaded();
    void created(const homeport::search::ApiAnswer &answer);

private:
    void setState(State state, const QString &message = QString());
    void fill(const QJsonArray &items);
    void updateDetail();
    void openDialog(const QString &title, const QString &note, const QString &bodyText,
                    std::function<search::ApiRequest(const QString &, const QJsonObject &, QString *)> build);

    Config m_config;
    SearchApiClient *m_client;
    ConfirmFunction m_confirm;
    QString m_collection;
    State m_state = State::NoCollection;
    QString m_message;
    quint64 m_generation = 0;
    QList<QJsonObject> m_items;
    QHBoxLayout *m_tools;
    QPushButton *m_deleteButton;
    QLabel *m_toolMessage;
    QStackedWidget *m_stack;
    EmptyState *m_emptyState;
    QTableWidget *m_table;
    QPlainTextEdit *m_detail;
    QList<QPushButton *> m_createButtons;
    QPushButton *m_editButton = nullptr;
    SearchJsonDialog *m_lastDialog = nullptr;
};

} // namespace homeport::ui
