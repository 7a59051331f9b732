#!/usr/bin/env bash
# The search page under load, next to the same server's static files: wrk on loopback against the
# release build, on the SQLite database of the search benchmark (benches/search.rs makes it:
# `cargo bench --features ssr --bench search -- --rows 100000 --sqlite-only`).
#
#     scripts/bench/load.sh [seconds per run, default 20] [connections, default 32]
#
# Prints wrk's summary (requests/second, latency percentiles) for each address. The server and wrk
# share the machine: on 2 cores, read the figures as a floor.
source "$(dirname "$0")/../common.sh"

SECONDS_PER_RUN="${1:-20}"
CONNECTIONS="${2:-32}"
DATABASE="$ROOT/target/bench/search-100000.db"
PORT=3900

if ! command -v wrk >/dev/null; then
  step "installing wrk (Debian)"
  sudo_if_needed=""; [ "$(id -u)" -ne 0 ] && sudo_if_needed="sudo"
  $sudo_if_needed apt-get install -y wrk
fi
[ -f "$DATABASE" ] || { echo "missing $DATABASE: run the search benchmark first" >&2; exit 1; }
[ -x "$(server_binary)" ] || build_release

# A copy, so that the run cannot change the benchmark's database.
work="$(mktemp -d)"
trap 'kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
# With its write-ahead log, which holds the benchmark's latest writes.
for suffix in "" -wal -shm; do
  [ -f "$DATABASE$suffix" ] && cp "$DATABASE$suffix" "$work/search.db$suffix"
done
DATABASE_URL="sqlite://$work/search.db" LEPTOS_SITE_ADDR="127.0.0.1:$PORT" \
  LEPTOS_SITE_ROOT="$ROOT/target/site" SECURE_COOKIES=false RUST_LOG=warn \
  MEDIA_DIR="$work/media" OUTBOX_DIR="$work/outbox" "$(server_binary)" serve &
server=$!
for _ in $(seq 1 300); do
  curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break
  sleep 0.2
done
# The first search loads the facet table; load tests measure the steady state after it.
curl -fs "http://127.0.0.1:$PORT/initiatives" >/dev/null

css="$(cd "$ROOT/target/site" && ls pkg/*.css | head -n 1)"
for path in "/$css" "/initiatives" "/initiatives?q=garden" "/initiatives?q=jard&theme=food_gardens"; do
  step "GET $path ($CONNECTIONS connections, ${SECONDS_PER_RUN} s)"
  wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency "http://127.0.0.1:$PORT$path" |
    grep -E 'Requests/sec|Latency  |50%|90%|99%|requests in|Non-2xx'
done
