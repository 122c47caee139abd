// homeport-search-probe: the search path's own cost, in process, without HTTP or other clients'
// turns: the CPU time of one query at a time on this thread, steady on a shared machine where
// wall-clock latency is not. Two builds of it side by side compare a change query by query, and
// the answers each saves (found, hits, facet counts) show whether results moved. A search is
// timed up to the answer's compact JSON (what the server sends).
//
//   homeport-search-probe import <corpus.jsonl> <dir>   the bench corpus into <dir>/packages.jsonl,
//                                                       with an index snapshot beside it; prints the
//                                                       index's Collection::memoryBytes() beside
//                                                       what the heap (mallinfo2) and the resident
//                                                       anonymous memory grew by, then the same
//                                                       after malloc_trim, and the estimate of
//                                                       the index read back from the snapshot
//   homeport-search-probe run <dir> <queries.tsv> <repeat> <answers.json> [extra=params&...]
//
// `run` reads the snapshot (or replays the log and writes one), then runs every row of the
// query mix (bench/search/queries.tsv) once to warm up and `repeat` times measured, printing
// milliseconds of thread CPU per search. PROBE_INDEX names the snapshot file (builds whose
// snapshot format differs keep their own); PROBE_ONLY=<q> runs only the rows with that q.
// `import` ends every 5,000 documents as the service ends an import request (Collection::
// finishWrites(), malloc_trim, then the log's commit); PROBE_NO_FINISH=1 leaves the first two out;
// PROBE_MIX=<queries.tsv> then runs the mix PROBE_REPEAT times on the heap the import left (mean
// CPU per search), before the snapshot is read back.
#include "search/collection.h"
#include "search/document_log.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

#include <cstdio>
#include <ctime>

#include <malloc.h>

using namespace homeport::search;

namespace {

// scripts/bench-search's schema
const char *const kSchema = R"({"name":"packages","fields":[
  {"name":"name","type":"string"},{"name":"summary","type":"string"},{"name":"description","type":"string"},
  {"name":"section","type":"string","facet":true},{"name":"priority","type":"string","facet":true},
  {"name":"maintainer","type":"string","index":false,"optional":true},
  {"name":"installed_size","type":"int32"},{"name":"version","type":"string","index":false,"optional":true},
  {"name":"tags","type":"string[]","facet":true}]})";

double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

// Bytes in use in malloc's arenas plus the large blocks it maps on their own.
qint64 heapInUse()
{
    const struct mallinfo2 info = mallinfo2();
    return qint64(info.uordblks + info.hblkhd);
}

// RssAnon from /proc/self/status, in bytes.
qint64 residentAnonymous()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("RssAnon:"))
            return line.mid(8).trimmed().split(' ').value(0).toLongLong() * 1024;
    return 0;
}

std::unique_ptr<Collection> emptyCollection()
{
    std::unique_ptr<Collection> c;
    if (ApiError e = Collection::fromSchema(QJsonDocument::fromJson(kSchema).object(), 0, &c); e.failed())
        qFatal("schema: %s", qPrintable(e.message));
    return c;
}

QJsonArray runMix(const Collection &collection, const QString &mixPath, int repeat, const QUrlQuery &extra, bool perRow);

int import(const QString &corpus, const QString &dir)
{
    std::unique_ptr<Collection> c = emptyCollection();
    DocumentLog log(dir + QStringLiteral("/packages.jsonl"));
    QString error;
    if (!log.open(&error))
        qFatal("%s", qPrintable(error));
    c->useLog(&log);
    const qint64 heapBefore = heapInUse(), anonBefore = residentAnonymous(), estimateBefore = c->memoryBytes();
    QFile in(corpus);
    if (!in.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(corpus));
    const bool finish = qEnvironmentVariableIntValue("PROBE_NO_FINISH") == 0;
    double finishMs = 0, trimMs = 0;
    auto endBatch = [&] {
        double start = threadCpuMs();
        if (finish)
            c->finishWrites();
        finishMs += threadCpuMs() - start;
        start = threadCpuMs();
        if (finish)
            ::malloc_trim(0); // as the import route does after finishWrites()
        trimMs += threadCpuMs() - start;
        if (!log.commit(&error))
            qFatal("%s", qPrintable(error));
    };
    qint64 n = 0;
    const double importStart = threadCpuMs();
    while (!in.atEnd()) {
        const QByteArray line = in.readLine();
        QJsonObject stored;
        if (ApiError e = c->write(QJsonDocument::fromJson(line).object(), WriteAction::Create, DirtyValues::Reject, QString(), &stored); e.failed())
            qFatal("line %lld: %s", n + 1, qPrintable(e.message));
        if (++n % 5000 == 0)
            endBatch();
    }
    endBatch();
    const double importMs = threadCpuMs() - importStart;
    if (!c->writeSnapshot(dir + QStringLiteral("/packages.index"), log.path(), log.size(), log.records(), &error))
        qFatal("%s", qPrintable(error));
    std::printf("imported %lld documents in %.0f ms of thread CPU (finishWrites and malloc_trim per batch %s: %.1f and %.1f ms of it)\n", n,
                importMs, finish ? "on" : "off", finishMs, trimMs);
    const double start = threadCpuMs();
    const qint64 estimate = c->memoryBytes();
    const double estimateMs = threadCpuMs() - start;
    std::printf("index memory estimate grew %lld bytes (%.1f ms to count); heap in use grew %lld, RssAnon %lld\n",
                estimate - estimateBefore, estimateMs, heapInUse() - heapBefore, residentAnonymous() - anonBefore);
    ::malloc_trim(0);
    std::printf("after malloc_trim: heap in use grew %lld, RssAnon %lld\n", heapInUse() - heapBefore, residentAnonymous() - anonBefore);
    // Searches on the heap the import left (PROBE_MIX=<queries.tsv>, PROBE_REPEAT times a row).
    if (const QString mixPath = qEnvironmentVariable("PROBE_MIX"); !mixPath.isEmpty())
        runMix(*c, mixPath, std::max(1, qEnvironmentVariableIntValue("PROBE_REPEAT")), QUrlQuery(), false);
    // What a restart holds: the snapshot just written, read into a collection of its own.
    std::unique_ptr<Collection> restarted = emptyCollection();
    qint64 covers = 0, records = 0;
    QString why;
    if (!restarted->readSnapshot(dir + QStringLiteral("/packages.index"), log.path(), &covers, &records, &why))
        qFatal("snapshot: %s", qPrintable(why));
    restarted->releaseSpareCapacity();
    std::printf("the same index read back from its snapshot (as a restart): estimate %lld\n", restarted->memoryBytes() - estimateBefore);
    return 0;
}

int run(const QStringList &args)
{
    const QString dir = args.value(2);
    std::unique_ptr<Collection> c = emptyCollection();
    DocumentLog log(dir + QStringLiteral("/packages.jsonl"));
    QString error, why;
    if (!log.open(&error))
        qFatal("%s", qPrintable(error));
    const QString index = dir + u'/' + qEnvironmentVariable("PROBE_INDEX", QStringLiteral("packages.index"));
    QElapsedTimer loading;
    loading.start();
    qint64 covers = 0, records = 0;
    const bool fromSnapshot = c->readSnapshot(index, log.path(), &covers, &records, &why);
    if (!fromSnapshot) {
        std::fprintf(stderr, "no snapshot (%s): replaying the log\n", qPrintable(why));
        c = emptyCollection();
        covers = records = 0;
    }
    c->useLog(&log);
    Collection *raw = c.get();
    if (log.replay([raw](QByteArrayView d, qint64 offset) { raw->restore(d, offset); },
                   [raw](const QString &id) { raw->restoreRemoval(id); }, &error, covers, records) < 0)
        qFatal("%s", qPrintable(error));
    raw->releaseSpareCapacity();
    if (!fromSnapshot && !c->writeSnapshot(index, log.path(), log.size(), log.records(), &error))
        qFatal("%s", qPrintable(error));
    std::fprintf(stderr, "%lld documents loaded in %lld ms\n", qint64(c->numDocuments()), qint64(loading.elapsed()));

    const QJsonArray answers = runMix(*c, args.value(3), std::max(1, args.value(4).toInt()), QUrlQuery(args.value(6)), true);
    QFile out(args.value(5));
    if (!out.open(QIODevice::WriteOnly) || out.write(QJsonDocument(answers).toJson()) < 0)
        qFatal("cannot write %s", qPrintable(args.value(5)));
    return 0;
}

// The query mix over `c`, `repeat` times per row after a warm-up: prints each row's (when
// `perRow`) and the mean thread CPU per search; returns the answers.
QJsonArray runMix(const Collection &collection, const QString &mixPath, int repeat, const QUrlQuery &extra, bool perRow)
{
    const Collection *c = &collection;
    const QString only = qEnvironmentVariable("PROBE_ONLY");
    QFile mix(mixPath);
    if (!mix.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(mixPath));
    QJsonArray answers;
    double total = 0;
    int rows = 0;
    while (!mix.atEnd()) {
        const QString line = QString::fromUtf8(mix.readLine()).trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        const QStringList cols = line.split(u'\t'); // label, q, filter_by, facet_by
        if (!only.isEmpty() && cols.value(1) != only)
            continue;
        SearchParams p{{QStringLiteral("q"), cols.value(1)}, {QStringLiteral("query_by"), QStringLiteral("name,summary,description")},
                       {QStringLiteral("per_page"), QStringLiteral("10")}};
        if (!cols.value(2).isEmpty())
            p.insert(QStringLiteral("filter_by"), cols.value(2));
        if (!cols.value(3).isEmpty())
            p.insert(QStringLiteral("facet_by"), cols.value(3));
        for (const auto &[key, value] : extra.queryItems(QUrl::FullyDecoded))
            p.insert(key, value);
        ApiError e;
        // (timed up to the compact JSON the server sends)
        QByteArray bytes = c->searchJson(p, &e); // warm-up
        const double start = threadCpuMs();
        for (int i = 0; i < repeat; ++i)
            bytes = c->searchJson(p, &e);
        const double ms = (threadCpuMs() - start) / repeat;
        if (e.failed())
            qFatal("%s: %s", qPrintable(cols.value(1)), qPrintable(e.message));
        QJsonObject answer = QJsonDocument::fromJson(bytes).object();
        total += ms;
        ++rows;
        if (perRow)
            std::printf("%8.2f ms  %-18s %-24s %-42s %-17s found=%lld\n", ms, qPrintable(cols.value(0)), qPrintable(cols.value(1)),
                        qPrintable(cols.value(2)), qPrintable(cols.value(3)), answer.value(QStringLiteral("found")).toInteger());
        std::fflush(stdout);
        answer.remove(QStringLiteral("search_time_ms"));
        answer.insert(QStringLiteral("label"), cols.value(0));
        answers.append(answer);
    }
    std::printf("mean %.2f ms over %d searches\n", rows ? total / rows : 0.0, rows);
    return answers;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.value(1) == QLatin1String("import") && args.size() == 4)
        return import(args.value(2), args.value(3));
    if (args.value(1) == QLatin1String("run") && args.size() >= 6)
        return run(args);
    std::fprintf(stderr, "usage: %s import <corpus.jsonl> <dir>\n       %s run <dir> <queries.tsv> <repeat> <answers.json> [params]\n",
                 argv[0], argv[0]);
    return 2;
}
