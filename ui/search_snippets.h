#pragma once
// SearchSnippets: ready-to-paste client setup for the search service: typesense-js, the
// InstantSearch adapter, typesense-php and typesense-python, each the client's ordinary
// configuration with Homeport's host, port and key (only those change when an app moves over).
// Thread affinity: none (pure functions).

#include <QCoreApplication>
#include <QString>

namespace homeport::ui {

class SearchSnippets
{
    Q_DECLARE_TR_FUNCTIONS(homeport::ui::SearchSnippets)
public:
    enum class Format { TypesenseJs, InstantSearch, Php, Python };
    static QList<Format> formats();
    static QString formatTitle(Format format);
    // `collection` fills the InstantSearch example's index name (a placeholder when empty).
    static QString render(Format format, const QString &host, quint16 port, const QString &apiKey,
                          const QString &collection = QString());
};

} // namespace homeport::ui
