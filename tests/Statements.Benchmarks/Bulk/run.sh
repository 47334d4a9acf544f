#!/usr/bin/env bash
# Bulk import benchmark: builds the API and the benchmark in Release, starts the API on a fresh database in a temporary
# folder, and imports COUNT generated statements through HTTP RUNS times. Not part of dotnet test or CI.
#   bash tests/Statements.Benchmarks/Bulk/run.sh [COUNT=200000] [RUNS=3] [FORMAT=ndjson|json]
set -euo pipefail
cd "$(dirname "$0")/../../.."

count="${1:-200000}"
runs="${2:-3}"
format="${3:-ndjson}"
port="${BENCH_PORT:-5099}"
work="$(mktemp -d)"
export ConnectionStrings__Statements="Data Source=$work/bench.db"
export Statements__SampleData=false

dotnet build src/Statements.Api -c Release --nologo -v quiet
dotnet build tests/Statements.Benchmarks -c Release --nologo -v quiet
key="$(dotnet run --project src/Statements.Api -c Release --no-build -- keys create --name bench)"

if curl -fs "http://127.0.0.1:$port/health" > /dev/null 2>&1; then
  echo "port $port is already in use; set BENCH_PORT" >&2
  exit 1
fi
dotnet run --project src/Statements.Api -c Release --no-build --urls "http://127.0.0.1:$port" > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 60); do
  curl -fs "http://127.0.0.1:$port/health" > /dev/null 2>&1 && break
  sleep 1
done

dotnet run --project tests/Statements.Benchmarks -c Release --no-build -- \
  bulk --url "http://127.0.0.1:$port" --key "$key" --count "$count" --runs "$runs" --format "$format"
