#!/usr/bin/env bash
# Property-based API test of passforge-service from its own OpenAPI document (schemathesis,
# positive and negative cases, examples + coverage + fuzzing phases). Checks: no 5xx
# (not_a_server_error: the demo's `local` directory has no reason to be unavailable, so a
# documented 503 is a failure here too); status codes, content types, bodies and headers conform to the
# document; unsupported methods answer 405 with Allow; secured operations refuse requests
# without a valid token (ignored_auth); and scripts/service_api_hooks.py: every error body
# is {"error": {"code", "message", "request_id"}} with a registry code of concern "service"
# (docs/error-codes.md), answered with that code's status and named in the operation's
# description of that status; every answer carries X-Request-Id.
#
#   scripts/test-service-api.sh                about 1 minute on 2 cores after the build
#   EXAMPLES=300 scripts/test-service-api.sh   more cases per operation (default 100)
#   SEED=1234 scripts/test-service-api.sh      replay a run (the seed is printed)
#
# Builds the service (debug), lets `demo` write its files (configuration, tokens, users,
# policy) into a temp dir, then serves that configuration with the failed-authentication
# limit raised (schemathesis sends unauthenticated probes on purpose) and the plain token as
# `Authorization: Bearer`, and stops it by PID. Safe to run again: schemathesis is
# installed into .venv once (as scripts/test-python.sh does with its tools).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
venv=.venv
py="$venv/bin/python"
examples=${EXAMPLES:-100}

if [[ ! -x "$py" ]]; then
    echo "test-service-api: creating $venv"
    python3 -m venv "$venv"
fi
if ! "$py" -c 'import importlib.metadata as m; assert m.version("schemathesis").split(".")[0] == "4"' 2>/dev/null; then
    echo "test-service-api: installing schemathesis 4 into $venv"
    "$py" -m pip install --quiet --disable-pip-version-check 'schemathesis>=4.32,<5'
fi

echo "test-service-api: building passforge-service (debug)"
cargo build --quiet -p passforge-service --bin passforge-service
target=$(cargo metadata --format-version 1 --no-deps | "$py" -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
bin="$target/debug/passforge-service"

# The registry's service codes with their statuses: `| `CODE` | service | ... (NNN) |`.
codes=$(sed -nE 's/^\| `([A-Z_]+)` \| service \|.*\(([0-9]{3})\) \|$/\1=\2/p' docs/error-codes.md | paste -sd, -)
[[ -n "$codes" ]] || { echo "test-service-api: no service codes in docs/error-codes.md" >&2; exit 1; }

work=$(mktemp -d)
pid=
stop() {
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" && wait "$pid" 2>/dev/null || true
    fi
    pid=
}
cleanup() {
    stop
    rm -rf "$work"
}
trap cleanup EXIT

port=$("$py" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port"
wait_up() {
    for _ in $(seq 1 100); do
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "test-service-api: the service exited:" >&2
            cat "$work/service.log" >&2
            exit 1
        fi
        curl -fsS -o /dev/null "$url/healthz" 2>/dev/null && return 0
        sleep 0.1
    done
    echo "test-service-api: the service did not answer on $url" >&2
    exit 1
}

# The demo writes its configuration, tokens, users and policy into the state dir.
"$bin" demo --port "$port" --state-dir "$work/state" >"$work/demo.log" 2>&1 &
pid=$!
wait_up
stop

PASSFORGE_RATE_LIMIT__MAX_FAILURES=1000000 \
    "$bin" serve --config "$work/state/demo-service.toml" >"$work/service.log" 2>&1 &
pid=$!
wait_up
echo "test-service-api: service (pid $pid) on $url"

token=$(tr -d '\n' <"$work/state/demo-plain.token")
set +e
# The workers and the schema's own documents stay inside the temp dir; no report files.
(
    cd "$work"
    PYTHONPATH="$root/scripts" SCHEMATHESIS_HOOKS=service_api_hooks PASSFORGE_SERVICE_CODES="$codes" \
        "$root/$venv/bin/schemathesis" run "$url/openapi.json" \
        --header "Authorization: Bearer $token" \
        --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance,unsupported_method,ignored_auth,documented_error_code,request_id_header \
        --phases examples,coverage,fuzzing \
        --mode all \
        --max-examples "$examples" \
        --workers 2 \
        --request-timeout 10 \
        --continue-on-failure \
        --suppress-health-check too_slow \
        ${SEED:+--seed "$SEED"} \
        --warnings off
)
status=$?
set -e
if grep -q '"level":"ERROR"' "$work/service.log"; then
    echo "test-service-api: the service logged errors:" >&2
    grep '"level":"ERROR"' "$work/service.log" | head -20 >&2
    status=1
fi
if [[ $status -ne 0 ]]; then
    echo "test-service-api: FAILED; the service's warnings and errors (count, kind):" >&2
    { grep '"level":"\(WARN\|ERROR\)"' "$work/service.log" |
        sed -E 's/^.*"level":"([A-Z]+)","fields":(.*),"target".*$/\1 \2/' |
        sort | uniq -c | sort -rn | head -n 10 >&2; } || true
    exit "$status"
fi
echo "test-service-api: ok"
