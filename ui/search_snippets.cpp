#include "search_snippets.h"

namespace homeport::ui {

QList<SearchSnippets::Format> SearchSnippets::formats()
{
    return {Format::TypesenseJs, Format::InstantSearch, Format::Php, Format::Python};
}

QString SearchSnippets::formatTitle(Format format)
{
    switch (format) {
    case Format::TypesenseJs:
        return tr("typesense-js");
    case Format::InstantSearch:
        return tr("InstantSearch");
    case Format::Php:
        return tr("PHP");
    case Format::Python:
        return tr("Python");
    }
    return {};
}

QString SearchSnippets::render(Format format, const QString &host, quint16 port, const QString &apiKey,
                               const QString &collection)
{
    const QString index = collection.isEmpty() ? QStringLiteral("products") : collection;
    switch (format) {
    case Format::TypesenseJs:
        return QStringLiteral("// npm install typesense\n"
                              "import Typesense from 'typesense';\n\n"
                              "const client = new Typesense.Client({\n"
                              "  nodes: [{ host: '%1', port: %2, protocol: 'http' }],\n"
                              "  apiKey: '%3',\n"
                              "});\n")
            .arg(host, QString::number(port), apiKey);
    case Format::InstantSearch:
        return QStringLiteral("// npm install typesense-instantsearch-adapter instantsearch.js\n"
                              "import TypesenseInstantSearchAdapter from 'typesense-instantsearch-adapter';\n"
                              "const adapter = new TypesenseInstantSearchAdapter({\n"
                              "  server: {\n"
                              "    apiKey: '%3',\n"
                              "    nodes: [{ host: '%1', port: %2, protocol: 'http' }],\n"
                              "  },\n"
                              "  additionalSearchParameters: { query_by: 'name' },\n"
                              "});\n"
                              "const search = instantsearch({ indexName: '%4', searchClient: adapter.searchClient });\n")
            .arg(host, QString::number(port), apiKey, index);
    case Format::Php:
        return QStringLiteral("// composer require typesense/typesense-php\n"
                              "$client = new Typesense\\Client([\n"
                              "    'api_key' => '%3',\n"
                              "    'nodes' => [['host' => '%1', 'port' => '%2', 'protocol' => 'http']],\n"
                              "]);\n")
            .arg(host, QString::number(port), apiKey);
    case Format::Python:
        return QStringLiteral("# pip install typesense\n"
                              "import typesense\n\n"
                              "client = typesense.Client({\n"
                              "    'api_key': '%3',\n"
                              "    'nodes': [{'host': '%1', 'port': '%2', 'protocol': 'http'}],\n"
                              "})\n")
            .arg(host, QString::number(port), apiKey);
    }
    return {};
}

} // namespace homeport::ui
