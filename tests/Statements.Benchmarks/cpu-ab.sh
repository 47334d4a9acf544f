#!/usr/bin/env bash
# A/B of two builds of the API on one read: the server's CPU time per GET of a statement by id, which moves far less
# with what else the machine is running than requests per second do. The builds take turns, ROUNDS times, each on
# its own copy of the database, after a 20 s warm-up under the same load (the JIT's second, profiled compilation).
#
#   dotnet publish src/Statements.Api -c Release -o /tmp/before   # at the older commit
#   dotnet publish src/Statements.Api -c Release -o /tmp/after    # at the newer one
#   DB=tests/Statements.Benchmarks/load/.data/bench-100000.db bash tests/Statements.Benchmarks/cpu-ab.sh /tmp/before /tmp/after
#
# DB is any database of this API with statements (load/run.sh makes one); ROUNDS (2), PORT (5098). Needs wrk, sqlite3.
set -euo pipefail
cd "$(dirname "$0")/../.."
port="${PORT:-5098}"
work="$(mktemp -d)"
source tests/Statements.Benchmarks/ab-build.sh

sqlite3 "$db" "SELECT '/api/v1/statements/' || id FROM statements ORDER BY random() LIMIT 2000" > "$work/paths.txt"
measure() {
  start_build "$1"
  WRK_PATHS="$work/paths.txt" wrk -t2 -c32 -d20s -s tests/Statements.Benchmarks/load/paths.lua "$base" > /dev/null
  local c0 c1 out
  c0=$(cpu_ticks)
  out=$(WRK_PATHS="$work/paths.txt" wrk -t2 -c32 -d10s -s tests/Statements.Benchmarks/load/paths.lua "$base")
  c1=$(cpu_ticks)
  echo "$out" | awk -v ticks=$((c1 - c0)) -v hz="$(getconf CLK_TCK)" -v name="$2" \
    '/requests in/ { n = $1 } /Requests\/sec/ { rps = $2 } END { printf "%s: %s req/s, %.0f us of server CPU per request\n", name, rps, ticks / hz / n * 1e6 }'
  stop_build
}
for _ in $(seq 1 "$rounds"); do
  measure "$before" before
  measure "$after" after
done
