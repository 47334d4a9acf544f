#!/usr/bin/env bash
# Paging benchmark: builds Release, seeds a fresh database with synthetic statements, starts the API and times
# list pages at the start, the middle and the end of a full keyset walk, unfiltered and filtered by one official,
# and the time from starting the built server to its first answer on /health. Prints a table of medians.
#
#   bash tests/Statements.Benchmarks/paging.sh            # 100,000 statements
#   STATEMENTS=1000000 bash tests/Statements.Benchmarks/paging.sh
#
# Settings (environment): STATEMENTS (100000), REPS (9 timings per page), STARTS (5 server starts), PORT (5090).
set -euo pipefail
cd "$(dirname "$0")/../.."

statements="${STATEMENTS:-100000}"
reps="${REPS:-9}"
starts="${STARTS:-5}"
port="${PORT:-5090}"
base="http://127.0.0.1:$port"

# What the script needs beyond the .NET SDK: curl to time requests, jq to follow next links, sqlite3 for the plans.
missing=()
for tool in curl jq sqlite3 setsid; do
  command -v "$tool" > /dev/null || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
  packages=("${missing[@]/setsid/util-linux}")
  echo "installing ${packages[*]}" >&2
  sudo_cmd=(); [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq && "${sudo_cmd[@]}" apt-get install -y -qq "${packages[@]}" > /dev/null
fi

work="$(mktemp -d)"
export ConnectionStrings__Statements="Data Source=$work/bench.db"
# The walk sends thousands of requests from one address: no rate limit (appsettings.json sets one for anonymous reads).
export Statements__RateLimit__PermitsPerMinute=0 Statements__RateLimit__AnonymousPermitsPerMinute=0
server=""
stop_server() {
  if [ -n "$server" ]; then
    kill -- "-$server" 2> /dev/null || true   # the whole process group: dotnet run and the app it started
    wait "$server" 2> /dev/null || true
    server=""
  fi
}
trap 'stop_server; rm -rf "$work"' EXIT

now_ns() { date +%s%N; }
ms_since() { echo $(( ($(now_ns) - $1) / 1000000 )); }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "== build (Release)" >&2
dotnet build src/Statements.Api -c Release --nologo -v quiet > "$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }

echo "== seed $statements statements into $work/bench.db" >&2
seed_start=$(now_ns)
dotnet run --project src/Statements.Api -c Release --no-build -- seed-synthetic --statements "$statements" >&2
seed_ms=$(ms_since "$seed_start")

# --contentRoot: the dll's folder, so the server reads its appsettings.json (log levels) as when deployed; started
# from elsewhere it would log every request at Information, which costs a fifth of its throughput.
# Starts the built server in its own process group; waits for /health and prints the milliseconds it took.
start_server() {
  local started
  started=$(now_ns)
  if [ "$1" = "run" ]; then
    setsid dotnet run --project src/Statements.Api -c Release --no-build --urls "$base" > "$work/server.log" 2>&1 &
  else
    setsid dotnet src/Statements.Api/bin/Release/net10.0/Statements.Api.dll --urls "$base" --contentRoot "$PWD/src/Statements.Api/bin/Release/net10.0" > "$work/server.log" 2>&1 &
  fi
  server=$!
  until curl -fs -o /dev/null "$base/health"; do
    if ! kill -0 "$server" 2> /dev/null; then cat "$work/server.log" >&2; exit 1; fi
    sleep 0.01
  done
  ms_since "$started"
}

echo "== start-up: $starts starts with dotnet run --no-build, $starts with dotnet Statements.Api.dll" >&2
startup_run=$(for _ in $(seq "$starts"); do start_server run; stop_server; done | median)
startup_dll=$(for _ in $(seq "$starts"); do start_server dll; stop_server; done | median)

start_server run > /dev/null
# Warm up: the first requests of a process pay for JIT compilation and the first database pages.
for _ in 1 2 3 4 5; do curl -fs -o /dev/null "$base/api/v1/statements?limit=50"; done

# Times one URL REPS times; prints the median in milliseconds.
time_url() {
  for _ in $(seq "$reps"); do
    curl -fs -o /dev/null -w '%{time_total}\n' "$base$1"
  done | awk '{ printf "%.2f\n", $1 * 1000 }' | median
}

# Walks a list from its first page following next; remembers the URLs of pages 100 and 1,000 and of the last one,
# and prints "pages items sum-of-request-ms slowest-request-ms" (request times as curl measures them).
walk() {
  local url="$1" name="$2" page=0 items=0 count next seconds
  : > "$work/$name.times"
  while [ -n "$url" ]; do
    page=$((page + 1))
    # A failed request ends the walk: read again, its page would repeat the last one's next link for ever.
    seconds=$(curl -fsS -o "$work/page.json" -w '%{time_total}' "$base$url") || { echo "page $page failed: $url" >&2; exit 1; }
    echo "$seconds" >> "$work/$name.times"
    read -r count next <<< "$(jq -r '"\(.items | length) \(.next // "")"' "$work/page.json")"
    items=$((items + count))
    case $page in 1|100|1000) echo "$url" > "$work/$name.$page" ;; esac
    echo "$url" > "$work/$name.last"
    url="$next"
  done
  echo "$page $items $(awk '{ s += $1; if ($1 > m) m = $1 } END { printf "%.0f %.1f", s * 1000, m * 1000 }' "$work/$name.times")"
}

official=$(sqlite3 "$work/bench.db" "SELECT o.slug FROM statements s JOIN officials o ON o.id = s.official_id GROUP BY o.id ORDER BY count(*) DESC, o.id LIMIT 1")

echo "== walking every page of /api/v1/statements?limit=50" >&2
walked="$(walk "/api/v1/statements?limit=50" all)"   # an assignment, so that a failed walk stops the script
read -r all_pages all_items all_ms all_max <<< "$walked"
echo "== walking every page of /api/v1/statements?official=$official&limit=50" >&2
walked="$(walk "/api/v1/statements?official=$official&limit=50" one)"
read -r one_pages one_items one_ms one_max <<< "$walked"

row() {  # label, file with the URL, page number shown
  if [ -f "$work/$2" ]; then
    printf '| %-44s | %7s | %9s |\n' "$1" "$3" "$(time_url "$(cat "$work/$2")")"
  fi
}

echo
echo "Statements: $statements; seed: $((seed_ms / 1000)).$(printf '%03d' $((seed_ms % 1000)) | cut -c1) s; $reps timings per page (median); $(nproc) CPUs; $(date -u +%Y-%m-%d)"
echo
printf '| %-44s | %7s | %9s |\n' "list (limit=50)" "page" "median ms"
printf '|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..46})" "$(printf -- '-%.0s' {1..9})" "$(printf -- '-%.0s' {1..11})"
row "all statements" all.1 1
row "all statements" all.100 100
row "all statements" all.1000 "1,000"
row "all statements (last page)" all.last "$all_pages"
row "official=$official" one.1 1
row "official=$official" one.100 100
row "official=$official (last page)" one.last "$one_pages"
echo
echo "Full walk, all statements: $all_pages pages, $all_items items; requests took $all_ms ms in all, the slowest $all_max ms"
echo "Full walk, official=$official: $one_pages pages, $one_items items; requests took $one_ms ms in all, the slowest $one_max ms"
echo "Start-up to first /health answer (median of $starts): dotnet run --no-build $startup_run ms; dotnet Statements.Api.dll $startup_dll ms"

# The plans SQLite picks for the list query (the SELECT of StatementsApi without its column list): first page,
# a keyset page, and the same filtered by the official.
plan() {
  echo
  echo "EXPLAIN QUERY PLAN ($1):"
  sqlite3 "$work/bench.db" "EXPLAIN QUERY PLAN
    SELECT s.id, o.slug, r.title
    FROM statements s
    JOIN officials o ON o.id = s.official_id
    LEFT JOIN official_roles r ON r.id = (
        SELECT r2.id FROM official_roles r2
        WHERE r2.official_id = s.official_id
          AND (r2.start_on IS NULL OR r2.start_on <= CASE s.said_on_precision
                WHEN 'day' THEN s.said_on
                WHEN 'month' THEN date(s.said_on, '+1 month', '-1 day')
                ELSE date(s.said_on, '+1 year', '-1 day') END)
          AND (r2.end_on IS NULL OR r2.end_on >= s.said_on)
        ORDER BY r2.start_on DESC
        LIMIT 1)
    $2
    ORDER BY s.said_on DESC, s.id DESC
    LIMIT 51" | sed 's/^/    /'
}
plan "first page" ""
plan "keyset page" "WHERE (s.said_on, s.id) < ('2001-01-01', 500)"
plan "keyset page, one official" "WHERE s.official_id IN (1) AND (s.said_on, s.id) < ('2001-01-01', 500)"
