#!/usr/bin/env bash
# Load benchmark of passforge-service with wrk: requests/s and p50/p99 latency of
#   generate   POST /v1/generate {}                 time-sha1 token
#   reset      POST /v1/reset {"user": "alice"}     time-sha1 token, `local` directory
#   reset      the same on a `mock` directory (same users and policy, a write that costs
#              nothing): the service's own cost, without the `local` directory's Argon2id
# on SQLite and on PostgreSQL (a throwaway server from scripts/pg-test-server.sh).
#
#   scripts/bench-service.sh                     the table in benches/RESULTS.md
#   DURATION=30s CONNECTIONS=64 scripts/bench-service.sh
#   BACKENDS=sqlite scripts/bench-service.sh     skip PostgreSQL
#
# Loaded runs use wrk -t$THREADS -c$CONNECTIONS -d$DURATION --timeout 10s --latency
# (default -t2 -c32 -d15s); reset is also run with one connection (-t1 -c1), the latency
# of a reset on an otherwise idle service. wrk and the service share the machine: on 2 cores wrk takes part
# of the CPU the figures are about. Installs wrk (apt) once; builds the service (release).
#
# The time-sha1 bearer is sha1(token + floor(unix_time / 300)) in hex; wrk's Lua has no
# SHA-1, so it is computed before each run (the service accepts +-1 window, so a run
# shorter than 300 s never outlives it).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
threads=${THREADS:-2}
connections=${CONNECTIONS:-32}
duration=${DURATION:-15s}
backends=${BACKENDS:-sqlite postgres}

if ! command -v wrk >/dev/null; then
    echo "bench-service: installing wrk (apt)"
    sudo=""
    [[ "$(id -u)" == 0 ]] || sudo=sudo
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq wrk >/dev/null
fi

echo "bench-service: building passforge-service (release)"
cargo build --quiet --release -p passforge-service --bin passforge-service
target=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
bin="$target/release/passforge-service"

work=$(mktemp -d)
# PostgreSQL runs as the `postgres` user when started as root: its directory must be
# reachable by it, which a mktemp -d directory (mode 700) is not.
pgdir=$(mktemp -d /tmp/passforge-bench-pg.XXXXXX)
pid=
stop() {
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" && wait "$pid" 2>/dev/null || true
    fi
    pid=
}
cleanup() {
    stop
    "$root/scripts/pg-test-server.sh" stop "$pgdir" 2>/dev/null || true
    rm -rf "$work" "$pgdir"
}
trap cleanup EXIT

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
port=$(free_port)
url="http://127.0.0.1:$port"
wait_up() {
    for _ in $(seq 1 100); do
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "bench-service: the service exited:" >&2
            cat "$work/service.log" >&2
            exit 1
        fi
        curl -fsS -o /dev/null "$url/healthz" 2>/dev/null && return 0
        sleep 0.1
    done
    echo "bench-service: the service did not answer on $url" >&2
    exit 1
}

# The demo writes its configuration, tokens, users and policy; then `serve` runs that
# configuration plus a `mock` directory, with PASSFORGE_* overrides (the state URL for
# PostgreSQL).
"$bin" demo --port "$port" --state-dir "$work/state" >"$work/demo.log" 2>&1 &
pid=$!
wait_up
stop
config="$work/bench-service.toml"
{
    cat "$work/state/demo-service.toml"
    printf '\n[[directories]]\nname = "mock"\nkind = "mock"\nmode = "success"\n'
    printf 'policy_file = "%s"\nusers_file = "%s"\n' "$work/state/policy-ad.toml" "$work/state/demo-users.toml"
} >"$config"

time_token() {
    python3 - "$work/state/demo-time.token" <<'PY'
import hashlib, sys, time
token = open(sys.argv[1]).read().strip()
print(hashlib.sha1((token + str(int(time.time()) // 300)).encode()).hexdigest())
PY
}

# One wrk run; prints "req/s p50 p99 non2xx" (latencies in ms).
run_wrk() {
    local name=$1 path=$2 body=$3 t=$4 c=$5
    local lua="$work/$name.lua" out="$work/$name-$c.txt"
    (
        umask 077
        cat >"$lua" <<EOF
wrk.method = "POST"
wrk.body = '$body'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $(time_token)"
EOF
    )
    wrk -t"$t" -c"$c" -d"$duration" --timeout 10s --latency -s "$lua" "$url$path" >"$out"
    python3 - "$out" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
def ms(v):
    n, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", v).groups()
    return float(n) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
p50 = ms(re.search(r"^\s+50%\s+(\S+)", text, re.M).group(1))
p99 = ms(re.search(r"^\s+99%\s+(\S+)", text, re.M).group(1))
bad = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
errors = re.search(r"Socket errors: (.*)", text)
total = re.search(r"(\d+) requests in", text).group(1)
note = f"{bad.group(1) if bad else 0} non-2xx of {total}"
if errors:
    note += f"; socket errors: {errors.group(1)}"
print(f"{rps:.0f}|{p50:.2f}|{p99:.2f}|{note}")
PY
}

rows=()
for backend in $backends; do
    env=(PASSFORGE_RATE_LIMIT__MAX_FAILURES=1000000)
    if [[ "$backend" == postgres ]]; then
        pg_url=$("$root/scripts/pg-test-server.sh" start "$pgdir" "$(free_port)")
        env+=(PASSFORGE_STATE__URL="$pg_url")
    fi
    env "${env[@]}" "$bin" serve --config "$config" >"$work/service.log" 2>&1 &
    pid=$!
    wait_up
    echo "bench-service: $backend: service (pid $pid) on $url"
    # A warm-up, and a check that the bodies are accepted.
    for path in /v1/generate /v1/reset; do
        body='{}'
        [[ "$path" == /v1/reset ]] && body='{"user": "alice"}'
        status=$(curl -s -o "$work/check.json" -w '%{http_code}' -X POST "$url$path" \
            -H "Authorization: Bearer $(time_token)" -H 'Content-Type: application/json' -d "$body")
        [[ "$status" == 200 ]] || { echo "bench-service: $path answered $status: $(cat "$work/check.json")" >&2; exit 1; }
    done
    rows+=("$backend|generate|-t$threads -c$connections|$(run_wrk generate /v1/generate '{}' "$threads" "$connections")")
    rows+=("$backend|reset alice|-t$threads -c$connections|$(run_wrk reset /v1/reset '{"user": "alice"}' "$threads" "$connections")")
    rows+=("$backend|reset alice|-t1 -c1|$(run_wrk reset /v1/reset '{"user": "alice"}' 1 1)")
    mock='{"user": "alice", "directory": "mock"}'
    rows+=("$backend|reset alice (mock)|-t$threads -c$connections|$(run_wrk reset-mock /v1/reset "$mock" "$threads" "$connections")")
    rows+=("$backend|reset alice (mock)|-t1 -c1|$(run_wrk reset-mock /v1/reset "$mock" 1 1)")
    if grep -q '"level":"\(ERROR\|WARN\)"' "$work/service.log"; then
        echo "bench-service: $backend: the service logged warnings or errors (count, kind):" >&2
        { grep '"level":"\(ERROR\|WARN\)"' "$work/service.log" | sed -E 's/^.*"level":"([A-Z]+)","fields":(.*),"target".*$/\1 \2/' |
            sort | uniq -c | sort -rn | head -n 5 >&2; } || true
    fi
    stop
    if [[ "$backend" == postgres ]]; then
        "$root/scripts/pg-test-server.sh" stop "$pgdir"
    fi
done

echo
echo "wrk -d$duration --timeout 10s --latency, POST with a time-sha1 bearer; release build"
echo
echo "| state | request | wrk | requests/s | p50 ms | p99 ms | notes |"
echo "| --- | --- | --- | ---: | ---: | ---: | --- |"
for row in "${rows[@]}"; do
    echo "| ${row//|/ | } |"
done
