#!/usr/bin/env bash
# A/B of two builds of the API on scale.sh's list and full-text pages: the builds take turns, ROUNDS times, each on its
# own copy of a seeded database in /dev/shm (so that neither reads from disk while the other has the page cache), and
# each reports the server-side median and p95 of the same 50 requests after a 12 s warm-up, from ASP.NET Core's request
# log as scale.sh reads it. On a machine whose speed wanders, only builds measured this way can be compared.
#
#   DB=/tmp/scale.db bash tests/Statements.Benchmarks/scale-ab.sh /tmp/before /tmp/after   # two `dotnet publish` outputs
#
# DB: a database seeded with seed-synthetic (scale.sh makes one); ROUNDS (2), PORT (5097). Needs curl, sqlite3.
set -euo pipefail
cd "$(dirname "$0")/../.."
builds=("$1" "$2")
db="${DB:?set DB to a seeded database}"
rounds="${ROUNDS:-2}"
port="${PORT:-5097}"
base="http://127.0.0.1:$port"
copies="$(mktemp -d /dev/shm/scale-ab.XXXXXX)"
trap 'pkill -f "urls $base" 2> /dev/null || true; rm -rf "$copies"' EXIT
cp "$db" "$copies/0.db"
cp "$db" "$copies/1.db"
source tests/Statements.Benchmarks/scale-inputs.sh # the same inputs as scale.sh
lists=(); searches=()
for i in $(seq 1 50); do
  lists+=("$base/api/v1/statements?official=${officials[$((i % ${#officials[@]}))]}&topic=${topics[$((i % ${#topics[@]}))]}&from=2000&to=2019&limit=50")
  searches+=("$base/api/v1/statements?q=${terms[$((i % ${#terms[@]}))]}&from=1995&limit=50")
done

percentile() { sort -n | awk -v p="$1" '{ v[NR] = $1 } END { i = int(NR * p / 100 + 0.999); if (i < 1) i = 1; printf "%.2f", v[i] }'; }
timed() { # name, urls…: warm up, then the server-side times of one pass
  local name=$1; shift
  local until=$((SECONDS + 12))
  while [ "$SECONDS" -lt "$until" ]; do for url in "$@"; do curl -s -o /dev/null "$url"; done; done
  local mark; mark=$(wc -l < "$copies/server.log")
  for url in "$@"; do curl -s -o /dev/null "$url"; done
  sleep 0.5
  local times; times=$(tail -n +"$((mark + 1))" "$copies/server.log" | awk '/Request finished/ { sub(/ms$/, "", $NF); print $NF }')
  echo "  $name: median $(echo "$times" | percentile 50) ms, p95 $(echo "$times" | percentile 95) ms"
}
for round in $(seq 1 "$rounds"); do
  for b in 0 1; do
    build=${builds[$b]}
    env Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics=Information ConnectionStrings__Statements="Data Source=$copies/$b.db" \
      Statements__SampleData=false Statements__RateLimit__PermitsPerMinute=0 Statements__RateLimit__AnonymousPermitsPerMinute=0 \
      dotnet "$build/Statements.Api.dll" --urls "$base" --contentRoot "$build" > "$copies/server.log" 2>&1 &
    server=$!
    until curl -fs -o /dev/null "$base/health"; do sleep 0.5; done
    echo "round $round, $([ "$b" = 0 ] && echo before || echo after) ($build):"
    timed "list page by official, topic and dates" "${lists[@]}"
    timed "full-text page with a date filter" "${searches[@]}"
    kill "$server"; wait "$server" 2> /dev/null || true
  done
done
