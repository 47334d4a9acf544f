#!/usr/bin/env bash
# Load benchmark: the Statements API beside a bare reference server (Reference/: Kestrel + Dapper, same SQL, same
# database file, no middleware). Builds Release, seeds (or reuses) a database, starts both on 127.0.0.1, warms
# them and runs wrk with random ids / officials / search terms against each; then 304 answers, start-up and a
# mixed read/write load on the API. Prints tables; all traffic stays on 127.0.0.1 and every step is bounded.
#
#   bash tests/Statements.Benchmarks/load/run.sh
#   STATEMENTS=1000000 MIXED_SECONDS=20 bash tests/Statements.Benchmarks/load/run.sh
#
# Settings (environment): STATEMENTS (100000), SECONDS_EACH (10), WARMUP (15: the API JIT-compiles its hot paths a second time, with profile data, in its first ~20 s under load), THREADS (2), CONNECTIONS (32),
# MIXED_SECONDS (60), MIXED_CONNECTIONS (64), STARTS (5), DB (tests/Statements.Benchmarks/load/.data/bench-N.db).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/../../.."

statements="${STATEMENTS:-100000}"
seconds="${SECONDS_EACH:-10}"
warmup="${WARMUP:-15}"
threads="${THREADS:-2}"
connections="${CONNECTIONS:-32}"
mixed_seconds="${MIXED_SECONDS:-60}"
mixed_connections="${MIXED_CONNECTIONS:-64}"
starts="${STARTS:-5}"
db="${DB:-$here/.data/bench-$statements.db}"
api="http://127.0.0.1:5091"
ref="http://127.0.0.1:5092"

missing=()
for tool in wrk curl sqlite3 setsid; do
  command -v "$tool" > /dev/null || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
  packages=("${missing[@]/setsid/util-linux}")
  echo "installing ${packages[*]}" >&2
  sudo_cmd=(); [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq && "${sudo_cmd[@]}" apt-get install -y -qq "${packages[@]}" > /dev/null
fi

work="$(mktemp -d)"
pids=()
stop_all() {
  for pid in "${pids[@]}"; do
    kill -- "-$pid" 2> /dev/null || true
    wait "$pid" 2> /dev/null || true
  done
  pids=()
}
trap 'stop_all; rm -rf "$work"' EXIT

echo "== build (Release): API and reference" >&2
dotnet build src/Statements.Api -c Release --nologo -v quiet > "$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
dotnet build "$here/Reference" -c Release --nologo -v quiet > "$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
api_dll=src/Statements.Api/bin/Release/net10.0/Statements.Api.dll
ref_dll="$here/Reference/bin/Release/net10.0/Reference.dll"

export ConnectionStrings__Statements="Data Source=$db"
mkdir -p "$(dirname "$db")"
if [ -f "$db" ]; then
  echo "== reusing $db" >&2
else
  echo "== seed $statements statements into $db" >&2
  dotnet "$api_dll" seed-synthetic --statements "$statements" >&2
fi
key=$(dotnet "$api_dll" keys create --name load-benchmark --role editor 2> /dev/null)

# --contentRoot: the dll's folder, so the server reads its appsettings.json (log levels) as when deployed; started
# from elsewhere it would log every request at Information, which costs a fifth of its throughput.
# Starts a built server in its own process group on a URL and waits for /health; prints its pid.
start() {  # dll url log
  if curl -s -o /dev/null "$2/health"; then echo "something already answers on $2; stop it first" >&2; exit 1; fi
  env Statements__RateLimit__PermitsPerMinute=0 Statements__RateLimit__AnonymousPermitsPerMinute=0 \
    setsid dotnet "$1" --urls "$2" --contentRoot "$(cd "$(dirname "$1")" && pwd)" > "$3" 2>&1 &
  local pid=$!
  until curl -fs -o /dev/null "$2/health"; do
    if ! kill -0 "$pid" 2> /dev/null; then cat "$3" >&2; exit 1; fi
    sleep 0.01
  done
  echo "$pid"
}
now_ns() { date +%s%N; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "== start-up of the built API to its first /health answer ($starts starts)" >&2
startup=$(for _ in $(seq "$starts"); do
  t0=$(now_ns)
  pid=$(start "$api_dll" http://127.0.0.1:5093 "$work/startup.log")
  echo $(( ($(now_ns) - t0) / 1000000 ))
  kill -- "-$pid"
  # The server is not this shell's child (start runs in a subshell), so wait cannot wait for it: wait for the port.
  while curl -s -o /dev/null http://127.0.0.1:5093/health; do sleep 0.05; done
done | median)

echo "== request files from the database" >&2
# 2,000 random ids; the officials that have statements; 40 search terms each in 0.5-3 % of the statements.
sqlite3 "$db" "SELECT id FROM statements ORDER BY random() LIMIT 2000" > "$work/ids"
sqlite3 "$db" "SELECT o.slug FROM officials o WHERE EXISTS (SELECT 1 FROM statements s WHERE s.official_id = o.id)" > "$work/officials"
sqlite3 "$db" "CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, statements_fts, 'row');
  SELECT term FROM temp.vocab WHERE doc BETWEEN $statements * 0.005 AND $statements * 0.03 AND term GLOB '[a-z][a-z][a-z]*'
  ORDER BY random() LIMIT 40" > "$work/terms"
[ -s "$work/terms" ] || { echo "no search terms in 0.5-3 % of the rows" >&2; exit 1; }
sed 's|^|/api/v1/statements/|' "$work/ids" > "$work/api.id"
sed 's|^|/statements/|' "$work/ids" > "$work/ref.id"
sed 's|.*|/api/v1/statements?official=&\&limit=50|' "$work/officials" > "$work/api.official"
sed 's|.*|/statements?official=&|' "$work/officials" > "$work/ref.official"
sed 's|.*|/api/v1/statements?q=&\&limit=50|' "$work/terms" > "$work/api.search"
sed 's|.*|/statements?q=&|' "$work/terms" > "$work/ref.search"

echo "== start the API on $api and the reference on $ref (same database file)" >&2
api_pid=$(start "$api_dll" "$api" "$work/api.log"); pids+=("$api_pid")
ref_pid=$(start "$ref_dll" "$ref" "$work/ref.log"); pids+=("$ref_pid")
# The pid setsid started is dotnet itself (setsid execs it when not a group leader); check it is the server.
for pid in "$api_pid" "$ref_pid"; do grep -q dotnet "/proc/$pid/comm" || { echo "pid $pid is not dotnet" >&2; exit 1; }; done

# Runs wrk with the Lua script over a paths file; prints "requests/s p99-ms non-2xx".
load() {  # url paths seconds connections [extra env...]
  local url="$1" paths="$2" duration="$3" conns="$4"; shift 4
  env WRK_PATHS="$paths" "$@" wrk -t"$threads" -c"$conns" -d"${duration}s" --timeout 10s --latency -s "$here/paths.lua" "$url" > "$work/wrk.out" 2>&1
  awk '
    /Requests\/sec/ { rps = $2 }
    $1 == "99%" { v = $2; if (v ~ /us$/) ms = v / 1000; else if (v ~ /ms$/) ms = v + 0; else if (v ~ /s$/) ms = v * 1000; else ms = v }
    /Non-2xx or 3xx/ { bad = $NF }
    /Socket errors/ { split($0, e, /[ ,]+/); for (i = 1; i <= length(e); i++) if (e[i] ~ /^[0-9]+$/) errs += e[i] }
    END { printf "%.0f %.2f %d\n", rps, ms, bad + errs }' "$work/wrk.out"
}
hwm() { awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

echo "== warm-up: ${warmup}s per endpoint on each server" >&2
for kind in id official search; do
  load "$api" "$work/api.$kind" "$warmup" "$connections" > /dev/null
  load "$ref" "$work/ref.$kind" "$warmup" "$connections" > /dev/null
done

declare -A rps p99 bad
for kind in id official search; do
  for side in api ref; do
    url=$api; [ "$side" = ref ] && url=$ref
    echo "== $side $kind: ${warmup}s warm-up, ${seconds}s measured" >&2
    load "$url" "$work/$side.$kind" "$warmup" "$connections" > /dev/null
    read -r rps[$side.$kind] p99[$side.$kind] bad[$side.$kind] <<< "$(load "$url" "$work/$side.$kind" "$seconds" "$connections")"
  done
done
api_rss=$(hwm "$api_pid"); ref_rss=$(hwm "$ref_pid")

echo "== 304: If-None-Match with the current ETag of each of 500 ids" >&2
head -500 "$work/api.id" | while read -r path; do
  etag=$(curl -fs -D - -o /dev/null "$api$path" | tr -d '\r' | awk -F': ' 'tolower($1) == "etag" { print $2 }')
  printf '%s\t%s\n' "$path" "$etag"
done > "$work/api.304"
status=$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $(head -1 "$work/api.304" | cut -f2)" "$api$(head -1 "$work/api.304" | cut -f1)")
[ "$status" = 304 ] || { echo "expected 304, got $status" >&2; exit 1; }
load "$api" "$work/api.304" "$warmup" "$connections" > /dev/null
read -r rps304 p99304 bad304 <<< "$(load "$api" "$work/api.304" "$seconds" "$connections")"

echo "== mixed: 90 % GET by id, 10 % POST with an editor key; $mixed_connections connections, ${mixed_seconds}s" >&2
official_id=$(sqlite3 "$db" "SELECT id FROM officials ORDER BY id LIMIT 1")
body="{\"officialId\":$official_id,\"text\":\"Load benchmark statement.\",\"kind\":\"quote\",\"language\":\"en\",\"saidOn\":\"2024-05-01\"}"
code=$(curl -s -o "$work/post.json" -w '%{http_code}' -H "Authorization: Bearer $key" -H 'Content-Type: application/json' -d "$body" "$api/api/v1/statements")
[ "$code" = 201 ] || { echo "a POST answered $code: $(cat "$work/post.json")" >&2; exit 1; }
before=$(sqlite3 "$db" "SELECT count(*) FROM statements")
read -r rpsmix p99mix badmix <<< "$(load "$api" "$work/api.id" "$mixed_seconds" "$mixed_connections" WRK_WRITE_EVERY=10 WRK_KEY="$key" WRK_BODY="$body")"
mixreq=$(awk '/requests in/ { print $1 }' "$work/wrk.out")
writes=$(( $(sqlite3 "$db" "SELECT count(*) FROM statements") - before ))
acknowledged=$(awk '/acknowledged writes:/ { print $3 }' "$work/wrk.out")
api_rss_mixed=$(hwm "$api_pid")
# The statements the mixed load wrote are removed again so the database can be reused.
sqlite3 "$db" "PRAGMA foreign_keys = ON; DELETE FROM statements WHERE text = 'Load benchmark statement.'" 2> /dev/null || true

pct() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.0f %%", 100 * a / b; else print "-" }'; }
echo
echo "Load benchmark, $(date -u +%Y-%m-%d); $statements statements; $(nproc) CPUs ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo));"
echo "wrk -t$threads -c$connections, ${warmup}s warm-up then ${seconds}s per row; random ids/officials/terms from the database."
echo
printf '| %-36s | %9s | %9s | %7s | %9s | %9s | %7s |\n' "request" "API req/s" "ref req/s" "API/ref" "API p99 ms" "ref p99 ms" "non-2xx"
printf '|%s|%s|%s|%s|%s|%s|%s|\n' ------------------------------------- ----------- ----------- --------- ------------ ------------ ---------
row() {
  printf '| %-36s | %9s | %9s | %7s | %10s | %10s | %7s |\n' "$1" "${rps[api.$2]}" "${rps[ref.$2]}" "$(pct "${rps[api.$2]}" "${rps[ref.$2]}")" \
    "${p99[api.$2]}" "${p99[ref.$2]}" "$(( ${bad[api.$2]} + ${bad[ref.$2]} ))"
}
row "GET statement by id" id
row "GET page of 50 by official" official
row "GET ranked full-text page of 50" search
echo
echo "Peak RSS (VmHWM) after the three loads: API $api_rss MB, reference $ref_rss MB ($(pct "$api_rss" "$ref_rss")); API after the mixed load: $api_rss_mixed MB"
echo "304 for If-None-Match hits: $rps304 req/s, p99 $p99304 ms, non-2xx/3xx $bad304 ($(pct "$rps304" "${rps[api.id]}") of the full item read)"
echo "Start-up of the built API (dotnet Statements.Api.dll) to its first /health answer: median of $starts: $startup ms"
echo "Mixed load, $mixed_connections connections, ${mixed_seconds}s: $mixreq requests ($rpsmix req/s), p99 $p99mix ms, non-2xx or socket errors: $badmix"
echo "Writes in the mixed load: $acknowledged answered 201, $writes new rows in the database ($(( acknowledged - writes > 0 ? acknowledged - writes : 0 )) lost)"
[ "$acknowledged" -le "$writes" ] || { echo "acknowledged writes are missing from the database" >&2; exit 1; }
