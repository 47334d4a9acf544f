# Sourced by the A/B scripts (cpu-ab.sh, csv-ab.sh): the settings every one takes, and the start of one build of the API
# on a fresh copy of the database. Takes the two builds as the script's arguments, DB and ROUNDS (2) from the
# environment, and the script's $port and $work; start_build DIR sets $server to the server's pid.
before="$1"; after="$2"
db="${DB:?set DB to a database with statements}"
rounds="${ROUNDS:-2}"
base="http://127.0.0.1:$port"
trap 'pkill -f "urls $base" 2> /dev/null || true; rm -rf "$work"' EXIT

start_build() {
  cp "$db" "$work/copy.db"
  ConnectionStrings__Statements="Data Source=$work/copy.db" Statements__SampleData=false \
    Statements__RateLimit__PermitsPerMinute=0 Statements__RateLimit__AnonymousPermitsPerMinute=0 \
    setsid dotnet "$1/Statements.Api.dll" --urls "$base" --contentRoot "$1" > "$work/server.log" 2>&1 < /dev/null &
  server=$!
  until curl -fs -o /dev/null "$base/health"; do sleep 0.2; done
}

# The server's CPU time so far, in clock ticks.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$server/stat"; }

stop_build() { kill "$server"; wait "$server" 2> /dev/null || true; }
