#pragma once
// SearchApiClient: the Search page's way to speak the Typesense API through SearchMonitor::request().
// Each call names the widget it answers to: if that widget is gone when the answer arrives, the
// answer is dropped. failPending() answers every outstanding call with an error (the service
// stopped), so no editor waits forever.
// Thread affinity: the GUI thread.

#include "search/search_monitor.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <functional>

namespace homeport::ui {

class SearchApiClient : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const search::ApiAnswer &answer)>;

    SearchApiClient(search::SearchMonitor *monitor, QObject *parent = nullptr);

    bool isConnected() const { return m_monitor != nullptr; }
    // Sends `request`; `callback` runs with the answer while `receiver` still exists.
    void send(const search::ApiRequest &request, QObject *receiver, Callback callback);
    // Convenience for a request without a body.
    void send(const QByteArray &method, const QString &path, const QList<QPair<QString, QString>> &query,
              QObject *receiver, Callback callback);
    int pendingCount() const { return int(m_pending.size()); }
    void failPending(const QString &error);

    // "/collections/<name>" with the name percent-encoded.
    static QString collectionPath(const QString &collection, const QString &rest = QString());

Q_SIGNALS:
    // After every answer, for tests and busy indicators.
    void answered(quint64 requestId);

private:
    void onFinished(quint64 requestId, const search::ApiAnswer &answer);

    struct Pending {
        QPointer<QObject> receiver;
        Callback callback;
    };
    search::SearchMonitor *m_monitor;
    QHash<quint64, Pending> m_pending;
};

} // namespace homeport::ui
