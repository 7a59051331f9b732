#!/usr/bin/env bash
# Installs what the tests need and runs every suite; exits non-zero if anything fails.
#   1. unit, database and HTTP tests, each database story on SQLite and on PostgreSQL
#   2. the release build
#   3. browser journeys (Playwright, Debian's Chromium) on SQLite, and a smoke journey on PostgreSQL
# PostgreSQL: 127.0.0.1:5432, user postgres, trust auth; override with TEST_POSTGRES_URL.
source "$(dirname "$0")/common.sh"

export TEST_POSTGRES_URL="${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
TIMINGS=()
LOGS="$(mktemp -d)"
trap 'rm -rf "$LOGS"' EXIT

# Runs a suite, keeping its output for the closing count.
logged() {
  local name="$1"; shift
  "$@" 2>&1 | tee "$LOGS/$name.log"
}

# One closing line over every suite: "tests: N passed, N failed".
count_tests() {
  local passed failed
  passed=$(cat "$LOGS"/*.log | sed -n -e 's/^test result: [a-zA-Z]*\. \([0-9]*\) passed.*/\1/p' \
    -e 's/^ *\([0-9]*\) passed (.*/\1/p' | awk '{ sum += $1 } END { print sum + 0 }')
  failed=$(cat "$LOGS"/*.log | sed -n -e 's/^test result: .* \([0-9]*\) failed;.*/\1/p' \
    -e 's/^ *\([0-9]*\) failed$/\1/p' | awk '{ sum += $1 } END { print sum + 0 }')
  printf 'tests: %s passed, %s failed\n' "${passed:-0}" "${failed:-0}"
}

timed() {
  local name="$1"; shift
  local started=$SECONDS
  step "$name"
  "$@"
  TIMINGS+=("$(printf '%-48s %4ds' "$name" $((SECONDS - started)))")
}

install_test_tools() {
  if [ ! -x /usr/bin/chromium ]; then
    step "installing Chromium from Debian"
    apt-get update -qq && apt-get install -y -qq chromium
  fi
  (cd end2end && npm ci --no-audit --no-fund --loglevel=error)
}

ensure_postgres() {
  if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
    step "starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start || true
  fi
}

lint() {
  cargo fmt --check
  # Its own target folder: clippy's check builds would otherwise evict the test builds.
  CARGO_TARGET_DIR="$CARGO_TARGET_DIR-clippy" cargo clippy --features ssr --all-targets -- -D warnings
  CARGO_TARGET_DIR="$CARGO_TARGET_DIR-clippy" cargo clippy --lib --features hydrate \
    --target wasm32-unknown-unknown -- -D warnings
}

browser_journeys() {
  local scratch pg_db
  scratch="$(mktemp -d)"
  pg_db="ncz_e2e_$$"
  psql "$TEST_POSTGRES_URL" -qc "CREATE DATABASE $pg_db" >/dev/null
  local status=0
  (
    cd end2end
    SERVER_BIN="$(server_binary)" \
    SITE_ROOT="$ROOT/target/site" \
    E2E_SQLITE_URL="sqlite://$scratch/e2e.db" \
    E2E_POSTGRES_URL="${TEST_POSTGRES_URL%/*}/$pg_db" \
    npx playwright test
  ) 2>&1 | tee "$LOGS/browser.log" || status=$?
  psql "$TEST_POSTGRES_URL" -qc "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" >/dev/null || true
  rm -rf "$scratch"
  return $status
}

timed "install build tools (skipped when present)" install_build_tools
timed "install test tools (Chromium, npm packages)" install_test_tools
ensure_postgres
timed "format and lints (rustfmt, clippy ssr + hydrate)" lint
timed "unit, database and HTTP tests (SQLite + PG)" logged rust cargo test --features ssr
timed "release build (server + wasm)" build_release
timed "browser journeys (SQLite, PG smoke)" browser_journeys

step "stage times"
printf '%s\n' "${TIMINGS[@]}"
count_tests
