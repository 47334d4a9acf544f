#!/usr/bin/env bash
# Start-up benchmark: how long a built server takes from `dotnet Statements.Api.dll` to its first 200 on /health,
# over a database that already exists (the usual restart). Builds Release, lets one start create the database
# and load the sample data (not timed), then starts the server STARTS times per variant and prints median, min
# and max in milliseconds.
#
#   bash tests/Statements.Benchmarks/startup.sh                       # the Release build, 10 starts
#   STARTS=20 bash tests/Statements.Benchmarks/startup.sh base 'no-pgo DOTNET_TieredPGO=0' \
#       'r2r DLL=/tmp/r2r/Statements.Api.dll'
#
# Each argument is a variant: a label, then VAR=value words put in the server's environment (runtime knobs such as
# DOTNET_TieredPGO, DOTNET_TC_QuickJitForLoops, DOTNET_gcConcurrent), or DLL=path to start another build of the
# server (a publish folder, say). Starts go round the variants in turn, so a change in the machine's load falls on
# all of them alike. Settings (environment): STARTS (10), PORT (5500), NO_BUILD=1 to use the build as it is.
set -euo pipefail
cd "$(dirname "$0")/../.."

starts="${STARTS:-10}"
port="${PORT:-5500}"
base="http://127.0.0.1:$port"
default_dll="src/Statements.Api/bin/Release/net10.0/Statements.Api.dll"
[ $# -eq 0 ] && set -- base

for tool in curl setsid; do
  command -v "$tool" > /dev/null || { echo "startup.sh needs $tool" >&2; exit 1; }
done
if curl -fs -o /dev/null "$base/health" 2> /dev/null; then
  echo "something already answers on port $port; set PORT" >&2
  exit 1
fi

work="$(mktemp -d)"
export ConnectionStrings__Statements="Data Source=$work/startup.db"
server=""
stop_server() {
  if [ -n "$server" ]; then
    kill -- "-$server" 2> /dev/null || true
    wait "$server" 2> /dev/null || true
    server=""
  fi
}
trap 'stop_server; rm -rf "$work"' EXIT

now_ns() { date +%s%N; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

if [ "${NO_BUILD:-}" != 1 ]; then
  echo "== build (Release)" >&2
  dotnet build src/Statements.Api -c Release --nologo -v quiet > "$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
fi

# --contentRoot: the dll's folder, so the server reads its appsettings.json (log levels) as when deployed; started
# from elsewhere it would log every request at Information, which costs a fifth of its throughput.
# Starts one variant in its own process group; prints the milliseconds to the first /health answer, and the CPU
# milliseconds the server had used by then.
start_server() {
  local -a words env=()
  local dll="$default_dll" word started
  read -r -a words <<< "$1"
  for word in "${words[@]:1}"; do
    case "$word" in
      DLL=*) dll="${word#DLL=}" ;;
      *=*) env+=("$word") ;;
    esac
  done
  started=$(now_ns)
  setsid env "${env[@]}" dotnet "$dll" --urls "$base" --contentRoot "$(cd "$(dirname "$dll")" && pwd)" > "$work/server.log" 2>&1 &
  server=$!
  until curl -fs -o /dev/null "$base/health"; do
    if ! kill -0 "$server" 2> /dev/null; then cat "$work/server.log" >&2; exit 1; fi
    sleep 0.005
  done
  local wall=$((($(now_ns) - started) / 1000000))
  # CPU time (user + system, all threads) the server used until then: less at the mercy of other work than wall time.
  local ticks
  ticks=$(awk '{ print $14 + $15 }' "/proc/$server/stat")
  echo "$wall $((ticks * 1000 / $(getconf CLK_TCK)))"
}

echo "== first start: creates the database and loads the sample data (not timed)" >&2
start_server base > /dev/null
stop_server

echo "== $starts starts of each of $# variants, in turn" >&2
for i in $(seq "$starts"); do
  for v in $(seq $#); do
    start_server "${!v}" >> "$work/times.$v"
    stop_server
  done
done

echo
echo "Start-up to first /health, $starts starts each; $(nproc) CPUs; load average $(cut -d' ' -f1-3 /proc/loadavg); $(date -u '+%Y-%m-%d %H:%M') UTC"
echo "(wall: ms from starting dotnet to the answer; CPU: ms of user + system time the server had used by then)"
printf '| %-40s | %11s | %8s | %8s | %10s |\n' variant "wall median" "wall min" "wall max" "CPU median"
printf '|%s|%s|%s|%s|%s|\n' "------------------------------------------" "-------------" "----------" "----------" "------------"
for v in $(seq $#); do
  f="$work/times.$v"
  printf '| %-40s | %11s | %8s | %8s | %10s |\n' "${!v}" "$(cut -d' ' -f1 "$f" | median)" \
    "$(cut -d' ' -f1 "$f" | sort -n | head -1)" "$(cut -d' ' -f1 "$f" | sort -n | tail -1)" "$(cut -d' ' -f2 "$f" | median)"
done
