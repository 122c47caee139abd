// The search answer as Collection::searchJson writes it: byte for byte what QJsonDocument writes
// for the same object, hits carrying the stored document's bytes only where those read back the
// same, and highlights from a stored string's bytes (plain ASCII, the fast way) equal to the ones
// worked out on the decoded text (the general way) for snippets cut at every position, escapes
// and tags that need escaping.
#include "collection_fixture.h"
#include "search/collection.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

using namespace homeport::search;

namespace {

// `symbols`: symbols_to_index for the schema; with one given (and absent from every text), words
// split the same but highlights take the general way.
std::unique_ptr<Collection> notesCollection(const QString &symbols = QString())
{
    QJsonObject schema{{"name", "notes"},
                       {"fields", QJsonArray{QJsonObject{{"name", "title"}, {"type", "string"}},
                                             QJsonObject{{"name", "body"}, {"type", "string"}},
                                             QJsonObject{{"name", "tags"}, {"type", "string[]"}, {"facet", true}, {"optional", true}},
                                             QJsonObject{{"name", "kind"}, {"type", "string"}, {"facet", true}},
                                             QJsonObject{{"name", "size"}, {"type", "float"}, {"facet", true}, {"optional", true}},
                                             QJsonObject{{"name", "rank"}, {"type", "int64"}, {"optional", true}}}}};
    if (!symbols.isEmpty())
        schema.insert("symbols_to_index", QJsonArray{symbols});
    return makeCollection(schema);
}

void add(Collection &c, const QJsonObject &doc, DirtyValues dirty = DirtyValues::Reject)
{
    QJsonObject stored;
    if (const ApiError e = c.write(doc, WriteAction::Create, dirty, QString(), &stored); e.failed())
        qFatal("write: %s", qPrintable(e.message));
}

QByteArray answerOf(const Collection &c, const SearchParams &p)
{
    ApiError e;
    QByteArray answer = c.searchJson(p, &e);
    if (e.failed())
        qFatal("search: %s", qPrintable(e.message));
    return answer;
}

// The answer without its timing (the only member that may differ between two runs).
QJsonObject untimed(const QByteArray &answer)
{
    QJsonObject o = QJsonDocument::fromJson(answer).object();
    o.remove("search_time_ms");
    return o;
}

const QStringList kWords = {"alpha", "Beta", "gamma", "DELTA", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu"};

// A long text of words and separators (escapes included), reproducible from `seed`.
QString longText(quint32 seed, int words)
{
    QRandomGenerator random(seed);
    const QStringList separators = {" ", " ", " ", ", ", ".\n", "\t", " \"", "\" ", " \\ ", " - ", "/", " (", ") "};
    QString text;
    for (int i = 0; i < words; ++i) {
        text += kWords[int(random.bounded(kWords.size()))];
        if (random.bounded(5) == 0)
            text += QString::number(random.bounded(100));
        text += separators[int(random.bounded(separators.size()))];
    }
    return text;
}

} // namespace

class TstSearchAnswer : public QObject
{
    Q_OBJECT
private slots:
    // Fast highlights against general ones: the same collection twice, one taking each way.
    void asciiHighlightsMatchTheGeneralWay()
    {
        const std::unique_ptr<Collection> fast = notesCollection();
        const std::unique_ptr<Collection> general = notesCollection(QStringLiteral("_"));
        for (quint32 seed = 1; seed <= 60; ++seed) {
            const int words = int(seed % 7 == 0 ? 5 : 10 + seed * 3 % 90);
            const QJsonObject doc{{"id", QString::number(seed)}, {"title", longText(seed * 7919, 4)}, {"body", longText(seed, words)},
                                  {"tags", QJsonArray{"alpha beta", longText(seed + 1000, 3)}}, {"kind", seed % 2 ? "odd" : "even"}};
            add(*fast, doc);
            add(*general, doc);
        }
        const QList<SearchParams> searches = {
            {{"q", "alpha"}, {"query_by", "title,body"}, {"per_page", "100"}},
            {{"q", "kappa"}, {"query_by", "body"}, {"per_page", "100"}},
            {{"q", "mu eta"}, {"query_by", "body,title"}, {"per_page", "100"}, {"drop_tokens_threshold", "0"}},
            {{"q", "lam"}, {"query_by", "body"}, {"per_page", "100"}, {"highlight_full_fields", "body"}},
            {{"q", "thetta"}, {"query_by", "body,title"}, {"per_page", "100"}, {"highlight_fields", "title,body,body,tags"}},
            {{"q", "delta gamma"}, {"query_by", "body"}, {"per_page", "100"}, {"highlight_start_tag", "<b class=\"hl\">\u00ab"},
             {"highlight_end_tag", "\u00bb</b>\\"}, {"highlight_full_fields", "body,title"}, {"facet_by", "kind,tags"}},
            {{"q", "iota"}, {"query_by", "title,body"}, {"per_page", "100"}, {"highlight_fields", "kind,title,nope"}},
        };
        for (const SearchParams &p : searches) {
            const QJsonObject a = untimed(answerOf(*fast, p));
            const QJsonObject b = untimed(answerOf(*general, p));
            QVERIFY2(a.value("found").toInt() > 0, qPrintable(p.value("q")));
            QCOMPARE(a.value("hits"), b.value("hits"));
            QCOMPARE(a.value("facet_counts"), b.value("facet_counts"));
        }
    }

    // What a snippet looks like: cut around the first match, words before and after, tags.
    void snippetOfALongValue()
    {
        const std::unique_ptr<Collection> c = notesCollection();
        QStringList words;
        for (int i = 0; i < 60; ++i)
            words << QStringLiteral("w%1").arg(i);
        words[40] = QStringLiteral("Needle");
        words[50] = QStringLiteral("needle");
        words[57] = QStringLiteral("NEEDLE"); // past the span after the first match: not in the snippet
        add(*c, QJsonObject{{"id", "1"}, {"title", "t"}, {"body", words.join(u' ')}, {"kind", "k"}});
        const QJsonObject hit = run(*c, {{"q", "needle"}, {"query_by", "body"}, {"highlight_full_fields", "body"}})
                                    .value("hits").toArray().at(0).toObject();
        const QJsonObject body = hit.value("highlight").toObject().value("body").toObject();
        QCOMPARE(body.value("snippet").toString(),
                 QStringLiteral("w36 w37 w38 w39 <mark>Needle</mark> w41 w42 w43 w44 w45 w46 w47 w48 w49 <mark>needle</mark> w51 w52 w53 w54"));
        QCOMPARE(body.value("matched_tokens").toArray(), (QJsonArray{"Needle", "needle"}));
        QVERIFY(body.value("value").toString().startsWith(QStringLiteral("w0 w1 ")));
        QVERIFY(body.value("value").toString().endsWith(QStringLiteral("w56 <mark>NEEDLE</mark> w58 w59")));
        const QJsonArray legacy = hit.value("highlights").toArray();
        QCOMPARE(legacy.size(), 1);
        QCOMPARE(legacy.at(0).toObject().value("field").toString(), QStringLiteral("body"));
        QCOMPARE(legacy.at(0).toObject().value("snippet"), body.value("snippet"));
    }

    // A snippet whose last word is the value's last keeps what follows it (the full stop), one
    // whose last word is not stops at that word.
    void snippetReachingTheValuesEnd()
    {
        const std::unique_ptr<Collection> c = notesCollection();
        for (int extra = 0; extra < 3; ++extra) {
            QStringList words;
            for (int i = 0; i < 40 + extra; ++i)
                words << QStringLiteral("w%1").arg(i);
            words[20] = words[35] = QStringLiteral("needle");
            add(*c, QJsonObject{{"id", QString::number(extra)}, {"title", "t"}, {"body", words.join(u' ') + u'.'}, {"kind", "k"}});
        }
        QStringList middle;
        for (int i = 21; i < 35; ++i)
            middle << QStringLiteral("w%1").arg(i);
        const QString head = QStringLiteral("w16 w17 w18 w19 <mark>needle</mark> ") + middle.join(u' ') + QStringLiteral(" <mark>needle</mark> w36 w37 w38 w39");
        QStringList snippets;
        for (const QJsonValue &hit : run(*c, {{"q", "needle"}, {"query_by", "body"}}).value("hits").toArray())
            snippets << hit.toObject().value("highlight").toObject().value("body").toObject().value("snippet").toString();
        snippets.sort();
        QCOMPARE(snippets, (QStringList{head, head, head + u'.'}));
    }

    // Stored documents whose numbers QJsonDocument would write otherwise on a second pass are
    // read and written again, as a hit always showed them; numeric facet stats past 2^53 are
    // written as QJsonValue holds those doubles (such an answer is not a fixed point of
    // QJsonDocument: its doubles read back as integers).
    void documentsWithNumbersThatReadBackOtherwise()
    {
        const std::unique_ptr<Collection> c = notesCollection();
        add(*c, QJsonObject{{"id", "e"}, {"title", "big"}, {"body", "x"}, {"kind", "k"}, {"size", "1e16"}}, DirtyValues::CoerceOrReject);
        add(*c, QJsonObject{{"id", "m"}, {"title", "big"}, {"body", "x"}, {"kind", "k"}, {"size", "-9223372036854775808"}},
            DirtyValues::CoerceOrReject);
        add(*c, QJsonObject{{"id", "i"}, {"title", "big"}, {"body", "x"}, {"kind", "k"}, {"size", 0.5},
                            {"rank", QJsonValue(qint64(1234567890123456789LL))}});
        QVERIFY(c->documentBytes("e").contains("1e+16"));
        QVERIFY(c->documentBytes("m").contains("-9223372036854776000"));
        const QByteArray answer = answerOf(*c, {{"q", "big"}, {"query_by", "title"}, {"facet_by", "size"}});
        QVERIFY(answer.contains(R"("size":10000000000000000)"));
        QVERIFY(answer.contains(R"("size":-9223372036854775808)"));
        QVERIFY(answer.contains(c->documentBytes("i"))); // (as stored)
        QVERIFY(answer.contains(R"("rank":1234567890123456789)"));
        // (facet values are kept as text, "-9.22337e+18"; the sum is the same in any order, the
        // 0.5 being lost beside the rest either way)
        const double low = QStringLiteral("-9.22337e+18").toDouble();
        const double sum = low + 1e16;
        const QJsonObject stats{{"avg", sum / 3.0}, {"max", 1e16}, {"min", low}, {"sum", sum}, {"total_values", 3}};
        QVERIFY2(answer.contains("\"stats\":" + QJsonDocument(stats).toJson(QJsonDocument::Compact)), answer.constData());
    }

    // include_fields/exclude_fields: each hit's document is what selectFields() keeps of the
    // stored document (top-level names are picked from the stored bytes, paths from the object).
    void selectedFieldsAsSelectFieldsKeepsThem()
    {
        const std::unique_ptr<Collection> c = notesCollection();
        add(*c, QJsonObject{{"id", "1"}, {"title", "Café alpha"}, {"body", "alpha \"b\""}, {"tags", QJsonArray{"x", "y"}}, {"kind", "k"},
                            {"size", 1.25}, {"rank", 7}, {"\u00fcn\u00ef", 1}, {"a\"q", 2}});
        add(*c, QJsonObject{{"id", "2"}, {"title", "alpha"}, {"body", "b"}, {"kind", "\u00e9"}});
        const QList<QPair<QString, QString>> selections = {
            {"title,size", ""}, {"", "body"}, {"title,body,nope", "body"}, {"id", ""}, {"", "id,title,body,tags,kind,size,rank"},
            {"tags.x,title", ""}, {"", "tags.x"}, {"kind,title", "title"}, {"\u00fcn\u00ef,title", ""}, {"", "\u00fcn\u00ef"},
            {"a\"q,id", ""}, {"", "a\"q"}};
        for (const auto &[include, exclude] : selections) {
            const QJsonObject answer = run(*c, {{"q", "alpha"}, {"query_by", "title,body"}, {"include_fields", include}, {"exclude_fields", exclude}});
            const QStringList in = include.isEmpty() ? QStringList() : include.split(u',');
            const QStringList out = exclude.isEmpty() ? QStringList() : exclude.split(u',');
            QStringList expected, shown;
            for (const QString &id : {QStringLiteral("1"), QStringLiteral("2")})
                expected << QString::fromUtf8(QJsonDocument(Collection::selectFields(*c->document(id), in, out)).toJson(QJsonDocument::Compact));
            for (const QJsonValue &hit : answer.value("hits").toArray())
                shown << QString::fromUtf8(QJsonDocument(hit.toObject().value("document").toObject()).toJson(QJsonDocument::Compact));
            expected.sort();
            shown.sort();
            QCOMPARE(shown, expected);
        }
    }

    // Every kind of member, each answer byte for byte as QJsonDocument writes what it reads as.
    void answersAreWrittenAsQJsonDocumentWritesThem()
    {
        const std::unique_ptr<Collection> c = notesCollection();
        add(*c, QJsonObject{{"id", "1"}, {"title", "Café \"quoted\" \U0001F600 title"}, {"body", "line\nbreak\u0001 ctl café"},
                            {"tags", QJsonArray{"café", "alpha"}}, {"kind", "ü"}, {"size", 0.1}, {"rank", 3}});
        add(*c, QJsonObject{{"id", "2"}, {"title", "plain title"}, {"body", "cafe alpha"}, {"tags", QJsonArray{"alpha"}},
                            {"kind", "k"}, {"size", 1.5}});
        add(*c, QJsonObject{{"id", "3"}, {"title", "other"}, {"body", "nothing"}, {"kind", "k"}});
        const QList<SearchParams> searches = {
            {{"q", "*"}, {"facet_by", "kind,size,tags"}},
            {{"q", "cafe"}, {"query_by", "title,body,tags"}, {"facet_by", "kind,size"}, {"highlight_full_fields", "title,tags"}},
            {{"q", "title"}, {"query_by", "title"}, {"include_fields", "title,size"}, {"pinned_hits", "3:1"}},
            {{"q", "alpha"}, {"query_by", "body,tags"}, {"exclude_fields", "body"}, {"group_by", "kind"}},
            {{"q", "titel"}, {"query_by", "title"}, {"facet_by", "kind"}, {"facet_query", "kind:k"}, {"highlight_start_tag", "\u00ab\""}},
        };
        for (const SearchParams &p : searches) {
            const QByteArray answer = answerOf(*c, p);
            QCOMPARE(QJsonDocument(QJsonDocument::fromJson(answer).object()).toJson(QJsonDocument::Compact), answer);
            QVERIFY(QJsonDocument::fromJson(answer).object().value("out_of").toInt() == 3);
        }
        // the override's metadata, in its place among the members
        ApiError e;
        const QByteArray withMetadata = c->searchJson({{"q", "*"}}, &e, QJsonObject{{"note", "x"}});
        QCOMPARE(QJsonDocument(QJsonDocument::fromJson(withMetadata).object()).toJson(QJsonDocument::Compact), withMetadata);
        QCOMPARE(QJsonDocument::fromJson(withMetadata).object().value("metadata").toObject().value("note").toString(), QStringLiteral("x"));
    }
};

QTEST_GUILESS_MAIN(TstSearchAnswer)
#include "tst_search_answer.moc"
