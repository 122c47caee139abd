#pragma once
// SearchJsonDialog: the Search page's editor for anything the Typesense API takes as one JSON body
// (a collection schema, a synonym, an override, an API key). The user edits the JSON; Create
// checks that it parses, then sends it through the real API and closes only on a 2xx answer,
// otherwise it shows the server's own status and message (the same text a client would get).
// Thread affinity: the GUI thread.

#include "search/search_monitor.h"

#include <QDialog>
#include <QJsonObject>

#include <functional>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace homeport::ui {

class SearchApiClient;

class SearchJsonDialog : public QDialog
{
    Q_OBJECT
public:
    // Builds the request from the parsed body; an empty path means "refused" and
    // `problem` says why (e.g. a synonym without an id).
    using RequestBuilder = std::function<search::ApiRequest(const QJsonObject &body, QString *problem)>;

    // `bodyText` is the JSON shown to start with, written as the API documents it (name first).
    SearchJsonDialog(const QString &title, const QString &note, const QString &bodyText, RequestBuilder build,
                     SearchApiClient *client, QWidget *parent = nullptr);

    QString bodyText() const;
    void setBodyText(const QString &text);
    QString errorText() const;
    bool isSending() const { return m_sending; }
    // The answer of the request that succeeded (valid after accepted()).
    const search::ApiAnswer &answer() const { return m_answer; }

public Q_SLOTS:
    // Parses, sends, and closes on success.
    void accept() override;

Q_SIGNALS:
    void succeeded(const homeport::search::ApiAnswer &answer);

private:
    void showError(const QString &text);

    RequestBuilder m_build;
    SearchApiClient *m_client;
    QPlainTextEdit *m_editor;
    QLabel *m_error;
    QPushButton *m_create;
    bool m_sending = false;
    search::ApiAnswer m_answer;
};

} // namespace homeport::ui
