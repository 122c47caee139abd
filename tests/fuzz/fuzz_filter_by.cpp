// libFuzzer target: random text as a search's filter_by over a small collection with every kind
// of field (strings, arrays, numbers, bools, geopoints). A filter either parses or fails with
// Typesense's 400/404 and a message; when it parses, the collection's indexed evaluation
// (posting lists, number and geo columns) must admit exactly the documents that evaluating the
// parsed expression on each document admits, and a search with it must not admit more.
#include "search/collection.h"
#include "search/filter_expression.h"

#include <QJsonArray>
#include <QLoggingCategory>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace homeport::search;

namespace {

Collection *g_collection = nullptr;

[[noreturn]] void fail(const char *what, const QString &detail)
{
    std::fprintf(stderr, "fuzz_filter_by: %s: %s\n", what, qPrintable(detail));
    std::abort();
}

QJsonObject schema()
{
    auto field = [](const char *name, const char *type, bool facet = false, bool optional = false) {
        return QJsonObject{{"name", name}, {"type", type}, {"facet", facet}, {"optional", optional}};
    };
    return QJsonObject{{"name", "fuzz"},
                       {"fields", QJsonArray{field("title", "string"), field("tags", "string[]", true, true),
                                             field("brand", "string", true, true), field("price", "float", false, true),
                                             field("year", "int32", true, true), field("in_stock", "bool", false, true),
                                             field("loc", "geopoint", false, true), field("stops", "geopoint[]", false, true)}}};
}

void add(const QJsonObject &doc)
{
    QJsonObject stored;
    if (g_collection->write(doc, WriteAction::Create, DirtyValues::Reject, QString(), &stored).failed())
        std::abort();
}

bool lookup(const QString &name, FilterKind *kind)
{
    static const QHash<QString, FilterKind> kinds{
        {"id", FilterKind::String},      {"title", FilterKind::String}, {"tags", FilterKind::String},
        {"brand", FilterKind::String},   {"price", FilterKind::Number}, {"year", FilterKind::Number},
        {"in_stock", FilterKind::Bool},  {"loc", FilterKind::Geo},      {"stops", FilterKind::Geo}};
    const auto it = kinds.constFind(name);
    if (it == kinds.constEnd())
        return false;
    *kind = *it;
    return true;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    QLoggingCategory::setFilterRules(QStringLiteral("homeport.*=false"));
    std::unique_ptr<Collection> c;
    if (Collection::fromSchema(schema(), 0, &c).failed())
        std::abort();
    g_collection = c.release();
    add({{"id", "1"}, {"title", "Red running shoe"}, {"tags", QJsonArray{"red", "Big Sale"}}, {"brand", "Acme Corp"},
         {"price", 25.5}, {"year", 2020}, {"in_stock", true}, {"loc", QJsonArray{48.8566, 2.3522}}});
    add({{"id", "2"}, {"title", "Blue shoe, (limited) edition"}, {"tags", QJsonArray{"blue"}}, {"brand", "Acme"},
         {"price", 99}, {"year", 2021}, {"in_stock", false}, {"stops", QJsonArray{QJsonArray{51.5, -0.12}, QJsonArray{48.86, 2.34}}}});
    add({{"id", "3"}, {"title", "Café crème"}, {"brand", "Émile"}, {"price", -3}, {"loc", QJsonArray{-33.86, 151.2}}});
    add({{"id", "4"}, {"title", "plain"}});
    QJsonObject removed;
    add({{"id", "gone"}, {"title", "removed later"}, {"year", 1999}});
    g_collection->remove(QStringLiteral("gone"), &removed);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString filterBy = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    FilterExpression expression;
    int status = 0;
    QString message;
    const bool parsed = expression.parse(filterBy, lookup, &status, &message, g_collection->analyzer());

    std::vector<QString> admitted;
    const ApiError error = g_collection->matchingFilter(filterBy, &admitted);
    if (parsed != !error.failed())
        fail("the collection and the parser disagree on whether it parses", filterBy);
    if (!parsed) {
        if ((status != 400 && status != 404) || message.isEmpty() || error.status != status || error.message != message)
            fail("unexpected error", QStringLiteral("%1 %2 / %3 %4").arg(status).arg(message).arg(error.status).arg(error.message));
        return 0;
    }
    // The indexed evaluation against the expression evaluated document by document.
    QStringList expected;
    for (const char *id : {"1", "2", "3", "4"}) {
        const std::optional<QJsonObject> doc = g_collection->document(QString::fromLatin1(id));
        if (doc && expression.matches(*doc, g_collection->analyzer()))
            expected << QString::fromLatin1(id);
    }
    QStringList got(admitted.begin(), admitted.end());
    if (got != expected)
        fail("indexed and per-document evaluation differ", got.join(u',') + QStringLiteral(" vs ") + expected.join(u','));
    // The same filter through a search (text matching, geo sorting, grouping on top).
    ApiError searchError;
    const QJsonObject result = g_collection->search({{"q", "shoe"}, {"query_by", "title"}, {"filter_by", filterBy},
                                                     {"sort_by", "loc(48.85, 2.35):asc"}, {"group_by", "brand"}},
                                                    &searchError);
    if (searchError.failed() || result.value(QStringLiteral("found_docs")).toInt() > expected.size())
        fail("search", searchError.message + QString::number(result.value(QStringLiteral("found_docs")).toInt()));
    return 0;
}
