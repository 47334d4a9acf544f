#!/usr/bin/env bash
# kill -9 in the middle of a burst of writes. Starts the Release server on a fresh database in a temporary folder,
# imports base statements, then fires a burst of concurrent writes (new statements, PATCH, PUT and DELETE of base
# statements), each carrying a marker text of its own, and kills the server with SIGKILL while the burst runs.
# After a restart it checks that every write that was answered 2xx is there as acknowledged, that nothing is there
# that was not sent, that writes answered with an error left nothing, that each write's row, change and revision
# went in together, and that PRAGMA integrity_check says ok. Exits non-zero with a message on the first failure.
#
#   bash tests/Faults/kill9.sh [--no-build]
#
# Settings (environment): FAULTS_PORT (5300), FAULTS_WRITES (3000 requests in the burst), FAULTS_PARALLEL (32
# connections), FAULTS_KILL_AT (kill once this percentage of the burst has been answered; 40), FAULTS_DRAIN (statements
# in the bulk import that is in flight when the restarted server gets SIGTERM; 2000).
set -euo pipefail
cd "$(dirname "$0")/../.."

port="${FAULTS_PORT:-5300}"
writes="${FAULTS_WRITES:-3000}"
parallel="${FAULTS_PARALLEL:-32}"
kill_at="${FAULTS_KILL_AT:-40}"
drain="${FAULTS_DRAIN:-2000}"
base_url="http://127.0.0.1:$port"
dll="src/Statements.Api/bin/Release/net10.0/Statements.Api.dll"
started=$SECONDS

fail() {
  echo "kill9: FAIL: $*" >&2
  echo "kill9: the database, requests, answers and server log are kept in $work" >&2
  keep=1
  exit 1
}
say() { echo "kill9: $*"; }

for tool in curl jq sqlite3 dotnet; do
  command -v "$tool" > /dev/null || { echo "kill9: needs $tool" >&2; exit 1; }
done
if [[ "${1:-}" != "--no-build" ]]; then
  dotnet build src/Statements.Api -c Release --nologo -v quiet > /dev/null
fi
if curl -fs "$base_url/health/live" > /dev/null 2>&1; then
  echo "kill9: port $port is already in use; set FAULTS_PORT" >&2
  exit 1
fi

work="$(mktemp -d)"
keep=0
server=""
curl_pid=""
cleanup() {
  [[ -n "$curl_pid" ]] && kill "$curl_pid" 2> /dev/null || true
  [[ -n "$server" ]] && kill "$server" 2> /dev/null || true
  [[ "$keep" == 1 ]] || rm -rf "$work"
}
trap cleanup EXIT

db="$work/faults.db"
export ConnectionStrings__Statements="Data Source=$db"
export Statements__SampleData=false
export Statements__RateLimit__PermitsPerMinute=0
export Statements__RateLimit__AnonymousPermitsPerMinute=0
export Logging__LogLevel__Default=Warning

start_server() {
  dotnet "$dll" --urls "$base_url" >> "$work/server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 300); do
    curl -fs "$base_url/health/ready" > /dev/null 2>&1 && return 0
    kill -0 "$server" 2> /dev/null || fail "the server exited at start-up (see server.log)"
    sleep 0.2
  done
  fail "the server did not become ready within 60 s"
}

# The key is made on the command line before the server starts, as an operator would.
key="$(dotnet "$dll" keys create --name faults 2> /dev/null)"
[[ "$key" == stk_* ]] || fail "keys create printed no key"
start_server
say "server $server ready on $base_url after $((SECONDS - started)) s"

api() { # METHOD PATH [BODY-FILE] [CONTENT-TYPE]: prints the body, fails on a non-2xx answer
  curl -fsS -X "$1" "$base_url$2" -H "Authorization: Bearer $key" \
    ${3:+--data-binary "@$3"} -H "Content-Type: ${4:-application/json}"
}

run="$(date +%s)-$$"
printf '{"slug":"kill9-%s","name":"Kill Nine","country":"FR","roles":[]}' "$run" > "$work/official.json"
official="$(api POST /api/v1/officials "$work/official.json" | jq -r .id)"

# Base statements, acknowledged before the burst: the burst updates or deletes each of them at most once.
bases=$(( writes * 4 / 10 ))
for i in $(seq 1 "$bases"); do
  printf '{"officialId":%s,"text":"kill9 %s base %s","kind":"quote","language":"en","saidOn":"2021-06-16"}\n' \
    "$official" "$run" "$i"
done > "$work/base.ndjson"
api POST /api/v1/statements/bulk "$work/base.ndjson" application/x-ndjson | jq -r '.ids | to_entries[] | "\(.value)\tkill9 '"$run"' base \(.key + 1)"' \
  > "$work/base.tsv"
[[ "$(wc -l < "$work/base.tsv")" == "$bases" ]] || fail "the bulk import of $bases base statements did not answer their ids"
mapfile -t base_ids < <(cut -f1 "$work/base.tsv")

# The burst: six in ten requests create, two patch, one replaces and one deletes a base statement. Every request is
# one entry of a curl config run with --parallel; each writes its answer to out/<n> and "<n> <status>" to stderr.
mkdir -p "$work/req" "$work/out"
: > "$work/sent.tsv"
{
  echo "parallel-max = $parallel"
  next_base=0
  for n in $(seq 1 "$writes"); do
    marker="kill9 $run burst $n"
    (( n == 1 )) || echo 'next'
    echo "header = \"Authorization: Bearer $key\""
    echo "output = \"$work/out/$n\""
    echo "write-out = \"%{stderr}\\nanswer $n %{http_code}\\n\""
    case $(( n % 10 )) in
      0|1|2|3|4|5)
        op=post target=""
        printf '{"officialId":%s,"text":"%s","kind":"quote","language":"en","saidOn":"2021-06-16"}' "$official" "$marker" > "$work/req/$n"
        echo "url = \"$base_url/api/v1/statements\""
        echo 'request = "POST"'
        echo 'header = "Content-Type: application/json"'
        echo "data-binary = \"@$work/req/$n\"" ;;
      6|7)
        op=patch target="${base_ids[next_base]}"; next_base=$((next_base + 1))
        printf '{"text":"%s"}' "$marker" > "$work/req/$n"
        echo "url = \"$base_url/api/v1/statements/$target\""
        echo 'request = "PATCH"'
        echo 'header = "Content-Type: application/merge-patch+json"'
        echo "data-binary = \"@$work/req/$n\"" ;;
      8)
        op=put target="${base_ids[next_base]}"; next_base=$((next_base + 1))
        printf '{"officialId":%s,"text":"%s","kind":"paraphrase","language":"en","saidOn":"2021-06-16"}' "$official" "$marker" > "$work/req/$n"
        echo "url = \"$base_url/api/v1/statements/$target\""
        echo 'request = "PUT"'
        echo 'header = "Content-Type: application/json"'
        echo "data-binary = \"@$work/req/$n\"" ;;
      9)
        op=delete target="${base_ids[next_base]}" marker=""; next_base=$((next_base + 1))
        echo "url = \"$base_url/api/v1/statements/$target\""
        echo 'request = "DELETE"' ;;
    esac
    printf '%s\t%s\t%s\t%s\n' "$n" "$op" "$target" "$marker" >> "$work/sent.tsv"
  done
} > "$work/burst.curl"

say "burst of $writes writes over $parallel connections; SIGKILL once $kill_at % are answered"
burst_started=$SECONDS
# (curl 7.88 shows its parallel progress meter on stderr even with --silent; each answer starts a line of its own.)
curl --silent --parallel --parallel-immediate --config "$work/burst.curl" 2> "$work/curl.txt" > /dev/null &
curl_pid=$!
threshold=$(( writes * kill_at / 100 ))
answers() { grep -c '^answer ' "$work/curl.txt" || true; }
while (( $(answers) < threshold )); do
  kill -0 "$curl_pid" 2> /dev/null || break
  (( SECONDS - burst_started < 60 )) || fail "fewer than $threshold answers within 60 s"
  sleep 0.05
done
kill -9 "$server"
answered_at_kill=$(answers)
wait "$server" 2> /dev/null || true
server=""
wait "$curl_pid" || true
curl_pid=""
say "SIGKILL after $answered_at_kill answers, $((SECONDS - burst_started)) s into the burst"

start_server
say "restarted: server $server ready"

# The answers: status per request, and the id and version of each 2xx body (one jq over them all).
grep '^answer ' "$work/curl.txt" | awk '{ print $2 "\t" $3 }' > "$work/status.tsv"
awk -v out="$work/out" '$2 >= 200 && $2 < 300 && $2 != 204 { print out "/" $1 }' "$work/status.tsv" > "$work/acknowledged.txt"
: > "$work/bodies.tsv"
if [[ -s "$work/acknowledged.txt" ]]; then
  xargs jq -r '[(input_filename | split("/") | last), .id, .version] | @tsv' < "$work/acknowledged.txt" > "$work/bodies.tsv" \
    || fail "an acknowledged answer is not the JSON of a statement"
fi
[[ "$(wc -l < "$work/status.tsv")" == "$writes" ]] || fail "curl reported $(wc -l < "$work/status.tsv") of $writes requests"

# The database took the crash, and takes writes again.
printf '{"officialId":%s,"text":"kill9 %s after restart","kind":"quote","language":"en","saidOn":"2021-06-16"}' "$official" "$run" > "$work/after.json"
after_id="$(api POST /api/v1/statements "$work/after.json" | jq -r .id)" || fail "a write after the restart was refused"

# Graceful shutdown: SIGTERM while a bulk import is in flight. Its body is sent at 100 kB/s (about 2.5 s), so the
# request is still being received when the signal comes, however fast the machine. The server stops taking
# connections but lets the request finish (HostOptions.ShutdownTimeout, 30 s by default), so the import is answered
# 200 and kept, and the process exits 0. Then the files are read with sqlite3.
for i in $(seq 1 "$drain"); do
  printf '{"officialId":%s,"text":"kill9 %s drain %s","kind":"quote","language":"en","saidOn":"2021-06-16"}\n' \
    "$official" "$run" "$i"
done > "$work/drain.ndjson"
curl -sS --limit-rate 100K -o "$work/drain.json" -w '%{http_code} %{time_total}' -X POST "$base_url/api/v1/statements/bulk" \
  -H "Authorization: Bearer $key" -H 'Content-Type: application/x-ndjson' --data-binary "@$work/drain.ndjson" \
  > "$work/drain.status" 2>&1 &
drain_pid=$!
sleep 1
kill -TERM "$server"
term_sent=$SECONDS
wait "$drain_pid" || true
exit_code=0
wait "$server" || exit_code=$?
server=""
read -r drain_code drain_time < "$work/drain.status" || true
[[ "$drain_code" == 200 ]] || fail "the bulk import in flight at SIGTERM was answered '$(cat "$work/drain.status")', not 200"
(( ${drain_time%.*} >= 1 )) || fail "the bulk import finished in ${drain_time} s, before the SIGTERM"
[[ "$(jq .created "$work/drain.json")" == "$drain" ]] || fail "the bulk import in flight at SIGTERM did not create $drain statements"
(( exit_code == 0 )) || fail "the server exited with $exit_code after SIGTERM, not 0"
say "SIGTERM during a bulk import of $drain: answered 200 after ${drain_time} s; the server exited 0, $((SECONDS - term_sent)) s after the signal"

checks="$work/checks.db"
sqlite3 -bail "$checks" > /dev/null <<SQL || fail "could not load the record of requests into sqlite3"
CREATE TABLE sent (n INTEGER PRIMARY KEY, op TEXT, target INTEGER, marker TEXT);
CREATE TABLE status (n INTEGER PRIMARY KEY, code INTEGER);
CREATE TABLE bodies (n INTEGER PRIMARY KEY, id INTEGER, version INTEGER);
CREATE TABLE base (id INTEGER PRIMARY KEY, marker TEXT);
.mode tabs
.import '$work/sent.tsv' sent
.import '$work/status.tsv' status
.import '$work/bodies.tsv' bodies
.import '$work/base.tsv' base
UPDATE sent SET target = NULL WHERE target = '';
UPDATE sent SET marker = NULL WHERE marker = '';
CREATE VIEW answers AS
  SELECT s.n, s.op, s.target, s.marker, t.code,
         CASE WHEN t.code BETWEEN 200 AND 299 THEN 'ok' WHEN t.code = 0 THEN 'unknown' ELSE 'refused' END AS outcome,
         b.id, b.version
  FROM sent s JOIN status t USING (n) LEFT JOIN bodies b USING (n);
SQL

# Each check prints the offending rows; any output is a failure.
query() { sqlite3 -bail -separator ' ' "$checks" "ATTACH 'file:$db?mode=ro' AS live; $1"; }
check() { # NAME SQL
  local found
  found="$(query "$2" | awk 'NR <= 5')" # awk reads to the end: head would stop sqlite3 with SIGPIPE, failing without a word
  [[ -z "$found" ]] || fail "$1, e.g.:
$found"
}

integrity="$(sqlite3 "file:$db?mode=ro" 'PRAGMA integrity_check;')"
[[ "$integrity" == "ok" ]] || fail "PRAGMA integrity_check: $integrity"
check "foreign keys broken" "PRAGMA live.foreign_key_check;"
sqlite3 -bail "$db" "INSERT INTO statements_fts (statements_fts, rank) VALUES ('integrity-check', 1);" \
  || fail "the full-text index does not match the statements"

check "acknowledged creates missing or not as acknowledged" "
  SELECT a.n, a.id, a.version, s.text, s.version FROM answers a LEFT JOIN live.statements s ON s.id = a.id
  WHERE a.op = 'post' AND a.outcome = 'ok' AND (s.id IS NULL OR s.text IS NOT a.marker OR s.version IS NOT a.version);"
check "acknowledged updates missing or not as acknowledged" "
  SELECT a.n, a.op, a.target, s.text, s.version, a.version FROM answers a LEFT JOIN live.statements s ON s.id = a.target
  WHERE a.op IN ('patch', 'put') AND a.outcome = 'ok' AND (s.id IS NULL OR s.text IS NOT a.marker OR s.version < a.version);"
check "acknowledged deletes undone" "
  SELECT a.n, a.target FROM answers a JOIN live.statements s ON s.id = a.target WHERE a.op = 'delete' AND a.outcome = 'ok';"
check "statements that no request sent" "
  SELECT s.id, s.text FROM live.statements s
  WHERE s.text NOT IN (SELECT marker FROM sent WHERE marker IS NOT NULL UNION ALL SELECT marker FROM base)
    AND s.text <> 'kill9 $run after restart' AND s.text NOT LIKE 'kill9 $run drain %';"
check "a create stored twice" "
  SELECT s.text, count(*) FROM live.statements s GROUP BY s.text HAVING count(*) > 1;"
check "writes answered with an error that left a change" "
  SELECT a.n, a.op, a.code FROM answers a
  WHERE a.outcome = 'refused' AND (
       (a.op = 'post' AND EXISTS (SELECT 1 FROM live.statements s WHERE s.text = a.marker))
    OR (a.op IN ('patch', 'put', 'delete') AND NOT EXISTS (
          SELECT 1 FROM live.statements s JOIN base b ON b.id = s.id WHERE s.id = a.target AND s.text = b.marker AND s.version = 1)));"
check "base statements in a state no request made" "
  SELECT b.id, s.text, s.version FROM base b LEFT JOIN live.statements s ON s.id = b.id
  LEFT JOIN sent t ON t.target = b.id
  WHERE NOT ((s.text IS b.marker AND s.version = 1)
          OR (t.op IN ('patch', 'put') AND s.text IS t.marker AND s.version = 2)
          OR (t.op = 'delete' AND s.id IS NULL));"
# A bulk-imported statement still at version 1 has no revision row: its import's row in statement_imports stands for it.
check "statements whose change or revision is missing (a write that went in by halves)" "
  SELECT s.id, s.version FROM live.statements s
  WHERE NOT EXISTS (SELECT 1 FROM live.changes c WHERE c.resource = 'statement' AND c.resource_id = s.id AND c.version = s.version)
     OR (NOT EXISTS (SELECT 1 FROM live.revisions r WHERE r.resource = 'statement' AND r.resource_id = s.id AND r.version = s.version)
         AND NOT (s.version = 1 AND EXISTS (SELECT 1 FROM live.statement_imports i WHERE s.id BETWEEN i.first_id AND i.last_id)));"
check "changes or revisions of writes that did not happen" "
  SELECT c.resource_id, c.version, c.action FROM live.changes c
  WHERE c.resource = 'statement' AND c.action <> 'deleted'
    AND NOT EXISTS (SELECT 1 FROM live.statements s WHERE s.id = c.resource_id AND s.version >= c.version)
    AND NOT EXISTS (SELECT 1 FROM live.changes d WHERE d.resource = 'statement' AND d.resource_id = c.resource_id AND d.action = 'deleted')
  UNION ALL
  SELECT r.resource_id, r.version, r.action FROM live.revisions r
  WHERE r.resource = 'statement' AND r.action <> 'deleted'
    AND NOT EXISTS (SELECT 1 FROM live.statements s WHERE s.id = r.resource_id AND s.version >= r.version)
    AND NOT EXISTS (SELECT 1 FROM live.revisions d WHERE d.resource = 'statement' AND d.resource_id = r.resource_id AND d.action = 'deleted');"
check "deleted base statements without their deletion recorded" "
  SELECT b.id FROM base b WHERE NOT EXISTS (SELECT 1 FROM live.statements s WHERE s.id = b.id)
    AND NOT EXISTS (SELECT 1 FROM live.changes c WHERE c.resource = 'statement' AND c.resource_id = b.id AND c.action = 'deleted');"
[[ "$(query "SELECT count(*) FROM live.statements WHERE id = $after_id;")" == 1 ]] || fail "the write after the restart is missing"
[[ "$(query "SELECT count(*) FROM live.statements WHERE text LIKE 'kill9 $run drain %';")" == "$drain" ]] \
  || fail "the bulk import answered 200 during the shutdown is not all there"

read -r ok unknown refused < <(query "SELECT sum(outcome = 'ok'), sum(outcome = 'unknown'), sum(outcome = 'refused') FROM answers;")
read -r unknown_kept < <(query "
  SELECT count(*) FROM answers a WHERE a.outcome = 'unknown' AND (
       (a.op = 'post' AND EXISTS (SELECT 1 FROM live.statements s WHERE s.text = a.marker))
    OR (a.op IN ('patch', 'put') AND EXISTS (SELECT 1 FROM live.statements s WHERE s.id = a.target AND s.text = a.marker))
    OR (a.op = 'delete' AND NOT EXISTS (SELECT 1 FROM live.statements s WHERE s.id = a.target)));")
(( ok > 0 )) || fail "no write was acknowledged before the kill; nothing was tested"
(( unknown > 0 )) || fail "every request was answered before the kill; the kill came too late to test anything"
say "$writes requests: $ok acknowledged, $refused refused, $unknown unanswered at the kill ($unknown_kept of those took effect)"
say "every acknowledged write is there, nothing unsent is; integrity_check ok; $((SECONDS - started)) s in all"
say "passed"
