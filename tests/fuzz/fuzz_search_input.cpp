// libFuzzer target: the search service's untrusted text. The first line of an input is a
// filter_by expression, parsed on its own and then run through a search (index evaluation); the
// remaining lines are JSONL import lines, written to a collection with every action and the
// dirty_values modes, the way POST .../documents/import takes them. Any crash, hang or sanitizer
// report is a bug; errors must come back as ApiError values.
// Thread affinity: the fuzzer's one thread.
#include "search/collection.h"
#include "search/filter_expression.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cstddef>
#include <cstdint>
#include <memory>

using namespace homeport::search;

namespace {

std::unique_ptr<Collection> makeCollection()
{
    const QJsonObject schema = QJsonDocument::fromJson(R"({"name":"fuzz","fields":[
        {"name":"title","type":"string"},
        {"name":"tags","type":"string[]","facet":true,"optional":true},
        {"name":"year","type":"int32","facet":true,"optional":true},
        {"name":"price","type":"float","optional":true},
        {"name":"ok","type":"bool","optional":true},
        {"name":"extra_.*","type":"auto","optional":true}],
        "symbols_to_index":["+"],"token_separators":["-"]})").object();
    std::unique_ptr<Collection> c;
    Collection::fromSchema(schema, 0, &c);
    return c;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static std::unique_ptr<Collection> collection = makeCollection();
    if (!collection)
        return 0;
    const QByteArray input = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const qsizetype newline = input.indexOf('\n');
    const QString filter = QString::fromUtf8(newline < 0 ? input : input.left(newline));
    const QByteArray lines = newline < 0 ? QByteArray() : input.mid(newline + 1);

    // Import lines: each action and dirty_values mode in turn, as the import route runs them.
    static const WriteAction actions[] = {WriteAction::Create, WriteAction::Upsert, WriteAction::Update, WriteAction::Emplace};
    static const DirtyValues dirties[] = {DirtyValues::Reject, DirtyValues::Drop, DirtyValues::CoerceOrReject, DirtyValues::CoerceOrDrop};
    int n = 0;
    for (const QByteArray &line : lines.split('\n')) {
        const QJsonDocument doc = QJsonDocument::fromJson(line.trimmed());
        if (!doc.isObject())
            continue;
        QJsonObject stored;
        collection->write(doc.object(), actions[n % 4], dirties[(n / 4) % 4], QString(), &stored);
        ++n;
    }

    // filter_by: parsed alone, then evaluated through a search and an export-style match.
    FilterExpression expression;
    int status = 0;
    QString message;
    expression.parse(filter, [](const QString &field, FilterKind *kind) {
        if (field == QLatin1String("year") || field == QLatin1String("price")) *kind = FilterKind::Number;
        else if (field == QLatin1String("ok")) *kind = FilterKind::Bool;
        else if (field == QLatin1String("title") || field == QLatin1String("tags")) *kind = FilterKind::String;
        else return false;
        return true;
    }, &status, &message);
    ApiError error;
    collection->search(SearchParams{{QStringLiteral("q"), QStringLiteral("*")}, {QStringLiteral("filter_by"), filter},
                                    {QStringLiteral("facet_by"), QStringLiteral("tags,year")}}, &error);
    std::vector<QString> matching;
    collection->matchingFilter(filter, &matching);

    // Keep the collection small so every input stays fast.
    if (collection->numDocuments() > 64)
        collection = makeCollection();
    return 0;
}
