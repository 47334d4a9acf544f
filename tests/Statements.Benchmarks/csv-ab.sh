#!/usr/bin/env bash
# A/B of two builds of the API on the CSV export of every statement: the builds take turns, ROUNDS times, each started
# afresh on its own copy of the database and asked for EXPORTS exports one after another (the first runs on code the JIT
# has not compiled yet). For each export it prints the wall time with curl, the rows per second, and the server's CPU
# time for it, read from /proc, which moves less with what else the machine is running than the wall time does.
#
#   dotnet publish src/Statements.Api -c Release -o /tmp/before   # at the older commit
#   dotnet publish src/Statements.Api -c Release -o /tmp/after    # at the newer one
#   DB=/dev/shm/scale.db bash tests/Statements.Benchmarks/csv-ab.sh /tmp/before /tmp/after
#
# DB is a database seeded with seed-synthetic (scale.sh makes one; in /dev/shm it is read from memory); ROUNDS (2),
# EXPORTS (3), PORT (5096). Needs curl.
set -euo pipefail
cd "$(dirname "$0")/../.."
exports="${EXPORTS:-3}"
port="${PORT:-5096}"
work="$(mktemp -d /dev/shm/csv-ab.XXXXXX)"
source tests/Statements.Benchmarks/ab-build.sh

measure() {
  start_build "$1"
  for i in $(seq 1 "$exports"); do
    local c0 c1 out
    c0=$(cpu_ticks)
    out=$(curl -s -o "$work/export.csv" -w '%{time_total}' "$base/api/v1/statements?format=csv")
    c1=$(cpu_ticks)
    awk -v name="$2" -v i="$i" -v s="$out" -v rows="$(($(wc -l < "$work/export.csv") - 1))" -v ticks=$((c1 - c0)) -v hz="$(getconf CLK_TCK)" \
      -v load="$(cut -d' ' -f1 /proc/loadavg)" \
      'BEGIN { printf "%s, export %d: %.2f s, %d rows/s, server CPU %.1f s (load average %s)\n", name, i, s, rows / s, ticks / hz, load }'
  done
  stop_build
}
for _ in $(seq 1 "$rounds"); do
  measure "$before" before
  measure "$after" after
done
