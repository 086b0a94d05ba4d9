#!/usr/bin/env bash
# A few seconds of every cargo-fuzz target: proves the targets build and that a short run
# finds nothing. Needs the nightly toolchain and cargo-fuzz (`cargo +nightly install
# cargo-fuzz`); scripts/test-all.sh calls it only when both are present.
#
#   scripts/fuzz-smoke.sh              every target, 5 s each
#   FUZZ_SECONDS=60 scripts/fuzz-smoke.sh policy   one target, longer
#
# Long runs and their results: fuzz/README.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../fuzz"

seconds="${FUZZ_SECONDS:-5}"
declare -A MAX_LEN=(
  [strength_check_parse]=4096
  [generate]=1024
  [policy]=8192
  [token_verify]=1024
)
targets=("$@")
[[ ${#targets[@]} -eq 0 ]] && targets=(strength_check_parse generate policy token_verify)

log="$(mktemp)"
trap 'rm -f "$log"' EXIT

cargo +nightly fuzz build
for target in "${targets[@]}"; do
  if [[ -z "${MAX_LEN[$target]:-}" ]]; then
    echo "unknown fuzz target '$target'" >&2
    exit 2
  fi
  echo "--- fuzz $target (${seconds} s)"
  # One process, no fork (the machine is shared); libFuzzer writes to stderr.
  if ! cargo +nightly fuzz run "$target" -- \
    -max_total_time="$seconds" -max_len="${MAX_LEN[$target]}" -timeout=10 \
    -rss_limit_mb=2048 -print_final_stats=1 >"$log" 2>&1; then
    tail -n 60 "$log" >&2
    echo "fuzz $target FAILED: reproduce with the artifact named above (fuzz/README.md)" >&2
    exit 1
  fi
  grep -E '^(#[0-9]+[[:space:]]+DONE|Done [0-9]+ runs|stat::number_of_executed_units)' "$log" || true
done
echo "fuzz smoke: ${#targets[@]} targets ok"
