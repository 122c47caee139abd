#!/usr/bin/env bash
# thread_cpu.sh HOMEPORT_BINARY put|multipart [PART_BYTES]: one 1 GiB PUT (or a multipart PUT over 4
# streams of PART_BYTES parts, 64 MiB by default) against a fresh `homeport --headless` (storage only), and the server's CPU seconds
# per thread name over it, from /proc/<pid>/task/*/stat: "homeport-storag" is the thread that
# reads the sockets, "Thread (pooled)" the digest, file and data file pools (MD5 and checksums,
# the body's writes, fsyncs and renames), "storage-commits" the row committer.
# CPU seconds hold on a shared machine where MiB/s do not. Needs homeport-bench-storage built
# (HOMEPORT_BUILD_DIR, default build/). Run it under `flock /tmp/homeport-bench.lock`.
set -euo pipefail
source "$(dirname "$0")/../../scripts/lib.sh"
binary=$1
mode=$2
part=${3:-67108864}
tool="$HOMEPORT_BUILD_DIR/bench/storage/homeport-bench-storage"
dir=$(mktemp -d "${TMPDIR:-/tmp}/homeport-thread-cpu.XXXXXX")
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port=$(free_port)
admin=$(free_port)
while [ "$admin" = "$port" ]; do admin=$(free_port); done
HOMEPORT_STORAGE_PORT=$port HOMEPORT_ADMIN_PORT=$admin QT_LOGGING_RULES="homeport.http.access.debug=false" \
  "$binary" --headless --data-dir "$dir/data" --disable channels,errors,search,inference > "$dir/log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 1 300); do
  python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 0.2)" 2>/dev/null && break
  sleep 0.1
done
key() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['storage'][sys.argv[2]])" "$dir/data/secrets.json" "$1"; }
client=("$tool" "$port" "$(key access_key)" "$(key secret_key)")
"${client[@]}" mkbucket bench
ticks() { # "name ticks" per thread name, summed
  for task in /proc/$pid/task/*; do echo "$(tr ' ' '_' < "$task/comm") $(awk '{ print $14 + $15 }' "$task/stat")"; done |
    awk '{ sum[$1] += $2 } END { for (name in sum) print name, sum[name] }' | sort
}
before=$(ticks)
if [ "$mode" = put ]; then
  out=$("${client[@]}" put bench large 1073741824)
else
  out=$("${client[@]}" multipart bench large 1073741824 4 "$part" | head -1)
fi
after=$(ticks)
echo "$(basename "$binary") $mode $(echo "$out" | awk '{ for (i = 1; i < NF; i++) if ($i == "mib_s") print "mib_s", $(i + 1) }')" \
  "$(join -a2 <(echo "$before") <(echo "$after") | awk -v hz="$(getconf CLK_TCK)" '
    { d = NF == 3 ? $3 - $2 : $2; if (d > 0) { printf "%s_cpu_s %.2f ", $1, d / hz; total += d } }
    END { printf "total_cpu_s %.2f", total / hz }')"
