#!/usr/bin/env bash
# The one command that runs every test suite, locally and in CI (.ci/run calls it).
# It installs what it needs (idempotently) and ends with one summary line.
#
#   scripts/test-all.sh            run every suite
#   scripts/test-all.sh rust wasm  run only these suites
#   scripts/test-all.sh --help     list the suites
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

declare -A ABOUT=(
  [lint]="cargo fmt --check and cargo clippy -D warnings over the workspace"
  [rust]="cargo test over the workspace: unit, property, statistics, vectors, CLI, doc tests"
  [python]="build the abi3 wheel, install it in .venv, stubtest + pytest (scripts/test-python.sh)"
  [wasm]="build the npm package, node --test, headless Chromium page test (scripts/test-wasm.sh)"
  [service]="the reset service's integration tests (real slapd and Samba AD DC included) on SQLite, then on a PostgreSQL the harness starts, then schemathesis"
  [fuzz]="a few seconds per cargo-fuzz target (installs cargo-fuzz when the nightly toolchain is there; skipped without nightly)"
)
ORDER=(lint rust python wasm service fuzz)

if [[ "${1:-}" == "--help" || "${1:-}" == "-h" ]]; then
  sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'
  for s in "${ORDER[@]}"; do printf '  %-7s %s\n' "$s" "${ABOUT[$s]}"; done
  exit 0
fi
suites=("$@")
[[ ${#suites[@]} -eq 0 ]] && suites=("${ORDER[@]}")

ensure_rust_components() {
  command -v cargo >/dev/null || { echo "cargo is required (rustup)"; return 1; }
  rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy rustfmt
}

run_lint() {
  ensure_rust_components &&
  cargo fmt --all -- --check &&
  cargo clippy --workspace --all-targets --quiet -- -D warnings
}

# gdb writes the core files in which cli/tests/memory.rs looks for leftover passwords.
ensure_gdb() {
  command -v gdb >/dev/null && return 0
  local sudo=""; [[ "$(id -u)" != 0 ]] && sudo="sudo"
  $sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gdb
}

run_rust() {
  ensure_rust_components && ensure_gdb &&
  # The service has a suite of its own (it starts servers and a database).
  cargo test --workspace --exclude passforge-service --quiet &&
  # The zxcvbn score is an optional feature: test it too, so TOO_WEAK vectors run.
  cargo test -p passforge --features zxcvbn --quiet
}

# PostgreSQL's initdb/pg_ctl (Debian's postgresql package) and the psql/pg_dump clients.
ensure_postgres() {
  if command -v initdb >/dev/null || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    command -v psql >/dev/null && return 0
  fi
  local sudo=""; [[ "$(id -u)" != 0 ]] && sudo="sudo"
  $sudo apt-get update -qq &&
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql postgresql-client
}

run_service() {
  # slapd + ldap-utils and a Samba AD DC for the directory adapters' tests
  # (tests/openldap.rs and tests/active_directory.rs start the servers themselves).
  ensure_rust_components && ensure_postgres && bash scripts/slapd-test-server.sh ensure &&
  bash scripts/samba-test-dc.sh ensure &&
  echo "--- service on SQLite" && cargo test -p passforge-service --quiet &&
  echo "--- service on PostgreSQL" && PASSFORGE_TEST_STATE=postgres cargo test -p passforge-service --quiet &&
  if [[ -f scripts/test-service-api.sh ]]; then
    echo "--- schemathesis against the OpenAPI document" && bash scripts/test-service-api.sh
  fi
}

run_python() { bash scripts/test-python.sh; }
run_wasm() { bash scripts/test-wasm.sh; }

run_fuzz() {
  if [[ ! -d fuzz ]]; then echo "fuzz: no fuzz/ directory yet"; return 0; fi
  # cargo-fuzz needs nightly; without it the regressions still run in the rust suite.
  if ! rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
    echo "fuzz: SKIPPED (needs the nightly toolchain: rustup toolchain install nightly;" \
      "the regressions run in the rust suite)"
    return 77
  fi
  # With nightly present, cargo-fuzz is installed once (fuzz-smoke.sh does it) and every
  # target runs for a few seconds.
  bash scripts/fuzz-smoke.sh
}

passed=0; failed=0; skipped=0; failures=()
for s in "${suites[@]}"; do
  if [[ -z "${ABOUT[$s]:-}" ]]; then echo "unknown suite '$s' (see --help)"; exit 2; fi
  echo "=== $s: ${ABOUT[$s]}"
  start=$SECONDS
  "run_$s"; status=$?
  if [[ $status -eq 0 ]]; then
    passed=$((passed + 1)); echo "=== $s: ok ($((SECONDS - start)) s)"
  elif [[ $status -eq 77 ]]; then
    skipped=$((skipped + 1)); echo "=== $s: skipped"
  else
    failed=$((failed + 1)); failures+=("$s"); echo "=== $s: FAILED ($((SECONDS - start)) s)"
  fi
done
[[ $failed -gt 0 ]] && echo "failed suites: ${failures[*]}"
echo "suites: $passed passed, $failed failed, $skipped skipped"
[[ $failed -eq 0 ]]
