#!/usr/bin/env bash
# A real full disk: the Release server on a database in a 4 MiB tmpfs. Writes until the disk is full, checks the
# answer is a 507 problem and that reads and readiness go on, then grows the tmpfs (the space returns) and checks
# that writes succeed again without a restart, with every acknowledged write intact and integrity_check ok.
# Mounting needs root (or CAP_SYS_ADMIN); where it is not allowed the script says so and exits 0 without testing —
# DurabilityTests covers the same ground everywhere with Statements:MaxDatabaseSizeMB.
#
#   bash tests/Faults/diskfull.sh [--no-build]      (FAULTS_DISK_PORT, default 5310)
set -euo pipefail
cd "$(dirname "$0")/../.."

port="${FAULTS_DISK_PORT:-5310}"
base_url="http://127.0.0.1:$port"
dll="src/Statements.Api/bin/Release/net10.0/Statements.Api.dll"
started=$SECONDS
say() { echo "diskfull: $*"; }
fail() {
  echo "diskfull: FAIL: $*" >&2
  [[ -f "$work/server.log" ]] && cp "$work/server.log" "$work.server.log" && echo "diskfull: server log kept in $work.server.log" >&2
  exit 1
}

for tool in curl jq sqlite3 dotnet; do
  command -v "$tool" > /dev/null || { echo "diskfull: needs $tool" >&2; exit 1; }
done
if [[ "${1:-}" != "--no-build" ]]; then
  dotnet build src/Statements.Api -c Release --nologo -v quiet > /dev/null
fi
if curl -fs "$base_url/health/live" > /dev/null 2>&1; then
  echo "diskfull: port $port is already in use; set FAULTS_DISK_PORT" >&2
  exit 1
fi

work="$(mktemp -d)"
disk="$work/disk"
mkdir "$disk"
if ! mount -t tmpfs -o size=4m tmpfs "$disk" 2> /dev/null; then
  rm -rf "$work"
  say "SKIPPED: cannot mount a tmpfs here (needs root); the full disk is tested by DurabilityTests only"
  exit 0
fi
server=""
cleanup() {
  [[ -n "$server" ]] && kill "$server" 2> /dev/null && wait "$server" 2> /dev/null || true
  umount "$disk" 2> /dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

db="$disk/statements.db"
export ConnectionStrings__Statements="Data Source=$db"
export Statements__SampleData=true
export Statements__MaxDatabaseSizeMB=0
export Statements__RateLimit__PermitsPerMinute=0
export Logging__LogLevel__Default=Warning

key="$(dotnet "$dll" keys create --name diskfull 2> /dev/null)"
[[ "$key" == stk_* ]] || fail "keys create printed no key"
dotnet "$dll" --urls "$base_url" > "$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 300); do
  curl -fs "$base_url/health/ready" > /dev/null 2>&1 && break
  kill -0 "$server" 2> /dev/null || fail "the server exited at start-up"
  sleep 0.2
done

post() { # N: creates statement N (about 13 kB of text that compresses to nothing); prints the status
  printf '{"officialId":1,"text":"diskfull %s %s","kind":"quote","language":"en","saidOn":"2021-06-16"}' \
    "$1" "$(head -c 9000 /dev/urandom | base64 -w0 | tr '+/' 'ab' | sed 's/.\{9\}/& /g')" > "$work/request.json"
  curl -s -o "$work/answer.json" -D "$work/headers.txt" -w '%{http_code}' -X POST "$base_url/api/v1/statements" \
    -H "Authorization: Bearer $key" -H 'Content-Type: application/json' --data-binary "@$work/request.json"
}

: > "$work/acknowledged.txt"
status=201
for n in $(seq 1 400); do
  status="$(post "$n")"
  [[ "$status" == 201 ]] || break
  jq -r .id "$work/answer.json" >> "$work/acknowledged.txt"
done
acknowledged=$(wc -l < "$work/acknowledged.txt")
[[ "$status" == 507 ]] || fail "after $acknowledged writes the answer was $status, not 507: $(cat "$work/answer.json")"
(( acknowledged > 0 )) || fail "the disk was full before the first write; nothing was tested"
grep -qi '^content-type: application/problem+json' "$work/headers.txt" || fail "the 507 is not application/problem+json"
[[ "$(jq -r '.status, .title' "$work/answer.json" | paste -sd' ')" == "507 Insufficient Storage" ]] \
  || fail "the 507 problem says: $(cat "$work/answer.json")"
say "disk full after $acknowledged writes: 507 $(jq -c . "$work/answer.json")"

curl -fs "$base_url/health/ready" > /dev/null || fail "the server is not ready while the disk is full"
curl -fs "$base_url/api/v1/statements/$(head -1 "$work/acknowledged.txt")" > /dev/null || fail "reads fail while the disk is full"
[[ "$(post full-again)" == 507 ]] || fail "a second write on the full disk was not a 507"

mount -o remount,size=64m "$disk"
[[ "$(post after)" == 201 ]] || fail "a write after the space returned was not accepted: $(cat "$work/answer.json")"
jq -r .id "$work/answer.json" >> "$work/acknowledged.txt"
say "space back: writes accepted again without a restart"

kill -TERM "$server"
exit_code=0
wait "$server" || exit_code=$?
server=""
(( exit_code == 0 )) || fail "the server exited with $exit_code after SIGTERM"
integrity="$(sqlite3 "file:$db?mode=ro" 'PRAGMA integrity_check;')"
[[ "$integrity" == ok ]] || fail "PRAGMA integrity_check: $integrity"
ids="$(paste -sd, "$work/acknowledged.txt")"
[[ "$(sqlite3 "file:$db?mode=ro" "SELECT count(*) FROM statements WHERE id IN ($ids) AND text LIKE 'diskfull %';")" \
  == "$(wc -l < "$work/acknowledged.txt")" ]] || fail "an acknowledged write is missing"
[[ "$(sqlite3 "file:$db?mode=ro" "SELECT count(*) FROM statements WHERE text LIKE 'diskfull %';")" \
  == "$(wc -l < "$work/acknowledged.txt")" ]] || fail "a write answered 507 left a statement"
say "all $((acknowledged + 1)) acknowledged writes intact, none of the refused; integrity_check ok; $((SECONDS - started)) s"
say "passed"
