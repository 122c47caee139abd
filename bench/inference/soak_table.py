# Prints the soak run of bench/inference/load.mjs (one JSON line on stdin) as markdown.
import json
import sys

d = json.load(sys.stdin)
print(f"requests {d['requests']}, errors {d['errors']}, {d['rps']:.0f} requests/s, "
      f"p50 {d['p50']:.3f} ms, p99 {d['p99']:.3f} ms (last 100,000 requests)")
print()
print("| requests done | " + " | ".join(str(x["requests"]) for x in d["rss"]) + " |")
print("|---|" + "---|" * len(d["rss"]))
print("| gateway RSS, MiB | " + " | ".join(f"{x['rssMiB']:.1f}" for x in d["rss"]) + " |")
