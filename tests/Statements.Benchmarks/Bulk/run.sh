#!/usr/bin/env bash
# Bulk import benchmark: builds the API and the benchmark in Release, starts the API on a fresh database in a temporary
# folder, and imports COUNT generated statements through HTTP RUNS times. Not part of dotnet test or CI.
# Besides the client's wall-clock rates it prints the server's CPU time per statement (from /proc), which depends far
# less than wall time on what else the machine is running; it also prints the load average before and after.
#   bash tests/Statements.Benchmarks/Bulk/run.sh [COUNT=100000] [RUNS=3] [FORMAT=ndjson|json]
# To compare two builds, publish each (dotnet publish src/Statements.Api -c Release -o /tmp/before, at each commit) and
# run them in turns with BUILD=/tmp/before and BUILD=/tmp/after: the script then starts that build instead of its own.
set -euo pipefail
cd "$(dirname "$0")/../../.."

count="${1:-100000}"
runs="${2:-3}"
format="${3:-ndjson}"
port="${BENCH_PORT:-5099}"
work="$(mktemp -d)"
export ConnectionStrings__Statements="Data Source=$work/bench.db"
export Statements__SampleData=false

build="${BUILD:-$PWD/src/Statements.Api/bin/Release/net10.0}"
[ -n "${BUILD:-}" ] || dotnet build src/Statements.Api -c Release --nologo -v quiet
dotnet build tests/Statements.Benchmarks -c Release --nologo -v quiet
key="$(dotnet "$build/Statements.Api.dll" keys create --name bench)"

if curl -fs "http://127.0.0.1:$port/health" > /dev/null 2>&1; then
  echo "port $port is already in use; set BENCH_PORT" >&2
  exit 1
fi
# --contentRoot: the dll's folder, so the server reads its appsettings.json (log levels) as when deployed; started
# from elsewhere it would log every request at Information, which costs a fifth of its throughput.
# Started from its dll (not through dotnet run) so that $server is the API's own process, whose CPU time is read below.
dotnet "$build/Statements.Api.dll" --urls "http://127.0.0.1:$port" --contentRoot "$build" > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 60); do
  curl -fs "http://127.0.0.1:$port/health" > /dev/null 2>&1 && break
  sleep 1
done

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$server/stat"; }
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
before="$(cpu_ticks)"
dotnet run --project tests/Statements.Benchmarks -c Release --no-build -- \
  bulk --url "http://127.0.0.1:$port" --key "$key" --count "$count" --runs "$runs" --format "$format"
after="$(cpu_ticks)"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v ticks="$((after - before))" -v hz="$(getconf CLK_TCK)" -v n="$((count * runs))" \
  'BEGIN { printf "server CPU: %.1f s for %d statements, %.1f us per statement\n", ticks / hz, n, ticks / hz / n * 1e6 }'
echo "database after the runs: $(du -sm "$work" | cut -f1) MB (with its write-ahead log)"
