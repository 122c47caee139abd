#!/usr/bin/env python3
"""The SQLite FTS5 baseline of scripts/bench-search, through Python's sqlite3 module.

  fts5_baseline.py import --db DB --file F.jsonl [--batch 5000]
      one FTS5 table (name, summary, description, tags indexed with the unicode61 tokenizer,
      which folds case and diacritics; section, priority, installed_size and the whole document
      stored unindexed), filled in transactions of --batch rows, each committed with
      synchronous=FULL in WAL mode as Homeport fsyncs each import request.
  fts5_baseline.py search --db DB --queries Q.tsv [--connections 4] [--seconds 10]
      the query mix's rows whose label starts with "exact" (whole words only: FTS5 has no typo
      tolerance), each as Homeport answers it: the first 10 documents by bm25 rank over
      name, summary and description, the match count, and per facet field the top 10 values
      by count. --connections threads, each with its own connection, one query at a time.
      Latency is measured in-process (no HTTP), which favours the baseline.
  fts5_baseline.py restart --db DB --queries Q.tsv
      milliseconds from opening the database to the first query answered.
Prints "key value" lines, and "label ..." lines in the format of homeport-bench-search."""
import argparse, json, os, re, sqlite3, sys, threading, time

FIELDS = ("name", "summary", "description", "tags")


def load_mix(path):
    mix = []
    for line in open(path, encoding="utf-8"):
        if not line.strip() or line.startswith("#"):
            continue
        cols = (line.rstrip("\n").split("\t") + ["", "", "", ""])[:4]
        if cols[0].startswith("exact"):
            mix.append(cols)
    return mix


def where_clause(filter_by):
    """The few filter_by forms of the mix: field:=value, field:=[a,b], field:>n, field:<n, &&."""
    sql, args = [], []
    for part in filter(None, (p.strip() for p in filter_by.split("&&"))):
        m = re.fullmatch(r"(\w+):(=|>|<)\s*(.+)", part)
        if not m:
            sys.exit(f"unsupported filter: {part}")
        field, op, value = m.groups()
        if value.startswith("["):
            values = [v.strip() for v in value.strip("[]").split(",")]
            sql.append(f"{field} IN ({','.join('?' * len(values))})")
            args += values
        else:
            sql.append(f"{field} {op} ?")
            args.append(int(value) if op in "<>" else value)
    return "".join(f" AND {s}" for s in sql), args


def prepare(mix):
    out = []
    for label, q, filter_by, facet_by in mix:
        words = re.findall(r"\w+", q)
        match = "{name summary description} : (" + " AND ".join(f'"{w}"' for w in words) + ")"
        where, args = where_clause(filter_by)
        facets = [f.strip() for f in facet_by.split(",") if f.strip()]
        out.append((label, match, where, args, facets))
    return out


def run_query(db, match, where, args, facets):
    hits = db.execute(f"SELECT doc FROM docs WHERE docs MATCH ?{where} ORDER BY rank LIMIT 10", [match] + args).fetchall()
    hits = [json.loads(h[0]) for h in hits]
    found = db.execute(f"SELECT count(*) FROM docs WHERE docs MATCH ?{where}", [match] + args).fetchone()[0]
    for f in facets:
        db.execute(f"SELECT {f}, count(*) AS n FROM docs WHERE docs MATCH ?{where} GROUP BY {f} ORDER BY n DESC LIMIT 10",
                   [match] + args).fetchall()
    return found


def cmd_import(a):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(a.db + suffix):
            os.remove(a.db + suffix)
    db = sqlite3.connect(a.db, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute("CREATE VIRTUAL TABLE docs USING fts5(name, summary, description, tags, section UNINDEXED, "
               "priority UNINDEXED, installed_size UNINDEXED, doc UNINDEXED, tokenize='unicode61 remove_diacritics 2')")
    start = time.monotonic()
    n, batch = 0, []

    def flush():
        db.execute("BEGIN")
        db.executemany("INSERT INTO docs VALUES (?,?,?,?,?,?,?,?)", batch)
        db.execute("COMMIT")
        batch.clear()

    with open(a.file, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            batch.append((d["name"], d["summary"], d["description"], " ".join(d["tags"]), d["section"], d["priority"],
                          d["installed_size"], line.rstrip("\n")))
            n += 1
            if len(batch) >= a.batch:
                flush()
    if batch:
        flush()
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    seconds = time.monotonic() - start
    db.close()
    print(f"documents {n}\nseconds {seconds:.3f}\ndocs_per_second {n / seconds:.0f}\ndb_bytes {os.path.getsize(a.db)}")


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(p * len(values)))] / 1e6 if values else 0.0


def cmd_search(a):
    queries = prepare(load_mix(a.queries))
    lock = threading.Lock()
    results = []  # (label, ns, found)
    stop = time.monotonic() + a.seconds
    counter = [0]

    def client():
        db = sqlite3.connect(a.db, check_same_thread=False)
        mine = []
        while time.monotonic() < stop:
            with lock:
                i = counter[0]
                counter[0] += 1
            label, match, where, args, facets = queries[i % len(queries)]
            t = time.perf_counter_ns()
            found = run_query(db, match, where, args, facets)
            mine.append((label, time.perf_counter_ns() - t, found))
        with lock:
            results.extend(mine)

    started = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(a.connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    ns = [r[1] for r in results]
    print(f"searches {len(results)}\nfailed 0\nconnections {a.connections}\nseconds {elapsed:.3f}\n"
          f"searches_per_second {len(results) / elapsed:.0f}")
    print(f"p50_ms {percentile(ns, .5):.3f}\np90_ms {percentile(ns, .9):.3f}\np99_ms {percentile(ns, .99):.3f}\n"
          f"max_ms {max(ns) / 1e6 if ns else 0:.3f}")
    for label in sorted({r[0] for r in results}):
        mine = [r for r in results if r[0] == label]
        print(f"label {label} n {len(mine)} p50_ms {percentile([r[1] for r in mine], .5):.3f} "
              f"p99_ms {percentile([r[1] for r in mine], .99):.3f} "
              f"avg_found {sum(r[2] for r in mine) / len(mine):.0f} empty {sum(1 for r in mine if r[2] == 0)}")


def cmd_restart(a):
    label, match, where, args, facets = prepare(load_mix(a.queries))[0]
    start = time.monotonic()
    db = sqlite3.connect(a.db)
    run_query(db, match, where, args, facets)
    print(f"restart_ms {(time.monotonic() - start) * 1000:.0f}")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("mode", choices=["import", "search", "restart"])
    p.add_argument("--db", required=True)
    p.add_argument("--file")
    p.add_argument("--batch", type=int, default=5000)
    p.add_argument("--queries")
    p.add_argument("--connections", type=int, default=4)
    p.add_argument("--seconds", type=float, default=10)
    a = p.parse_args()
    {"import": cmd_import, "search": cmd_search, "restart": cmd_restart}[a.mode](a)


if __name__ == "__main__":
    main()
