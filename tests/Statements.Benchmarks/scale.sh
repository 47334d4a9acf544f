#!/usr/bin/env bash
# Scale figures at one million statements: a filtered list page (by official, topic and date range), a full-text
# query with a filter, the CSV export of everything (rows per second end to end with curl, and the server's peak
# resident memory while it streams), and statistics grouped by month over the whole database.
#
#   bash tests/Statements.Benchmarks/scale.sh                       # seeds 1,000,000 statements into a temporary file
#   DB=/tmp/scale.db bash tests/Statements.Benchmarks/scale.sh      # seeds DB once and reuses it on later runs
#
# Settings (environment): STATEMENTS (1000000), REPS (50 timings per query), PORT (5093), DB (a reusable database file).
# Each query is timed twice: server-side, from ASP.NET Core's own request log (Microsoft.AspNetCore.Hosting.Diagnostics
# at Information: "Request finished … 4.1234ms", from the request's arrival to its last byte), and end to end, as curl's
# time_total on loopback.
set -euo pipefail
cd "$(dirname "$0")/../.."

statements="${STATEMENTS:-1000000}"
reps="${REPS:-50}"
port="${PORT:-5093}"
base="http://127.0.0.1:$port"
for tool in curl sqlite3; do
  command -v "$tool" > /dev/null || { apt-get update -qq && apt-get install -y -qq "$tool" > /dev/null; }
done

work="$(mktemp -d)"
db="${DB:-$work/scale.db}"
export ConnectionStrings__Statements="Data Source=$db"
export Statements__SampleData=false Statements__RateLimit__PermitsPerMinute=0 Statements__RateLimit__AnonymousPermitsPerMinute=0
server=""
trap '[ -n "$server" ] && kill "$server" 2> /dev/null; rm -rf "$work"' EXIT

percentile() { sort -n | awk -v p="$1" '{ v[NR] = $1 } END { i = int(NR * p / 100 + 0.999); if (i < 1) i = 1; printf "%.1f", v[i] * 1000 }'; }

dotnet build src/Statements.Api -c Release --nologo -v quiet > "$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
if [ ! -s "$db" ]; then
  start=$(date +%s%N)
  dotnet run --project src/Statements.Api -c Release --no-build -- seed-synthetic --statements "$statements" > "$work/seed.log" 2>&1
  echo "seed of $statements statements: $(( ($(date +%s%N) - start) / 1000000 )) ms"
fi

# --contentRoot: the dll's folder, so the server reads its appsettings.json (log levels) as when deployed; started
# from elsewhere it would log every request at Information, which costs a fifth of its throughput.
env Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics=Information \
  dotnet src/Statements.Api/bin/Release/net10.0/Statements.Api.dll --urls "$base" --contentRoot "$PWD/src/Statements.Api/bin/Release/net10.0" > "$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 120); do curl -fs "$base/health" > /dev/null && break; sleep 0.5; done

# Inputs drawn from the data: busy officials and topics, a decade, and words that match 0.5–3 % of rows.
source tests/Statements.Benchmarks/scale-inputs.sh

time_urls() { for url in "$@"; do curl -s -o /dev/null -w '%{time_total}\n' "$url"; done; }
# The server-side durations (in seconds, as time_urls prints) of the requests logged since line $1 of the log (after a
# pause: the console logger writes from a queue).
server_times() { sleep 0.5; tail -n +"$(($1 + 1))" "$work/server.log" | awk '/Request finished/ { sub(/ms$/, "", $NF); print $NF / 1000 }'; }
log_lines() { wc -l < "$work/server.log"; }

urls=()
for i in $(seq 1 "$reps"); do
  o=${officials[$((i % ${#officials[@]}))]}; t=${topics[$((i % ${#topics[@]}))]}
  urls+=("$base/api/v1/statements?official=$o&topic=$t&from=2000&to=2019&limit=50")
done
# Warm-up: 20 s of these requests. In its first ~20 s under load the server JIT-compiles its hot paths a second
# time, with profile data; the figures are for the server after that.
warm_until=$((SECONDS + 20)); while [ "$SECONDS" -lt "$warm_until" ]; do time_urls "${urls[@]}" > /dev/null; done
mark=$(log_lines); list=$(time_urls "${urls[@]}"); list_server=$(server_times "$mark")

urls=()
for i in $(seq 1 "$reps"); do
  term=${terms[$((i % ${#terms[@]}))]}; o=${officials[$((i % ${#officials[@]}))]}
  urls+=("$base/api/v1/statements?q=$term&from=1995&limit=50")
done
warm_until=$((SECONDS + 20)); while [ "$SECONDS" -lt "$warm_until" ]; do time_urls "${urls[@]}" > /dev/null; done
mark=$(log_lines); search=$(time_urls "${urls[@]}"); search_server=$(server_times "$mark")

mark=$(log_lines)
stats=$(time_urls "$base/api/v1/stats/statements?groupBy=month" "$base/api/v1/stats/statements?groupBy=month" "$base/api/v1/stats/statements?groupBy=month")
stats_server=$(server_times "$mark")

pid=$(pgrep -f "Statements.Api.dll --urls $base" | head -1)
# The export twice: the first on code the server has not run yet (the JIT compiles the export's loops as it goes,
# about 2 s of a 7 s export), the second after that, as the other figures are taken after their warm-up.
exports=()
for _ in 1 2; do
  start=$(date +%s%N)
  rows=$(curl -s "$base/api/v1/statements?format=csv" | wc -l)
  exports+=("$(( ($(date +%s%N) - start) / 1000000 ))")
done
rss=$(awk '/VmHWM/ { print int($2 / 1024) }' "/proc/$pid/status")

echo
echo "statements in the database:               $count"
echo "filtered list page (official+topic+dates): server median $(echo "$list_server" | percentile 50) ms, p95 $(echo "$list_server" | percentile 95) ms; curl median $(echo "$list" | percentile 50) ms, p95 $(echo "$list" | percentile 95) ms ($reps requests)"
echo "full-text page with a date filter:         server median $(echo "$search_server" | percentile 50) ms, p95 $(echo "$search_server" | percentile 95) ms; curl median $(echo "$search" | percentile 50) ms, p95 $(echo "$search" | percentile 95) ms ($reps requests; terms: ${terms[*]:0:5} …)"
echo "stats grouped by month, whole database:    server median $(echo "$stats_server" | percentile 50) ms; curl median $(echo "$stats" | percentile 50) ms (3 requests)"
echo "CSV export of everything:                  $((rows - 1)) rows; first export ${exports[0]} ms = $(( (rows - 1) * 1000 / (exports[0] + 1) )) rows/s, second ${exports[1]} ms = $(( (rows - 1) * 1000 / (exports[1] + 1) )) rows/s; server peak RSS $rss MB"
