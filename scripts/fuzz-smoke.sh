#!/usr/bin/env bash
# A few seconds of every cargo-fuzz target: proves the targets build, that their seeds
# and a short run find nothing. Needs the nightly toolchain (exit 77 without it, which
# scripts/test-all.sh reports as "skipped"); installs cargo-fuzz once when it is missing.
#
#   scripts/fuzz-smoke.sh              every target, 4 s each (about 1 min after the build)
#   FUZZ_SECONDS=60 scripts/fuzz-smoke.sh policy   one target, longer
#
# Seeds: fuzz/seeds.py writes them into fuzz/corpus/<target>/ (not committed) from
# examples/*.toml, tests/vectors/ and a few 64 KiB inputs. Long runs: fuzz/README.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../fuzz"

if ! rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  echo "fuzz smoke: skipped, no nightly toolchain (rustup toolchain install nightly)" >&2
  exit 77
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  echo "--- installing cargo-fuzz (once)"
  # --locked builds the versions cargo-fuzz was released with; without it if those no
  # longer build on today's nightly.
  cargo +nightly install cargo-fuzz --locked || cargo +nightly install cargo-fuzz
fi

seconds="${FUZZ_SECONDS:-4}"
# Long enough for the 64 KiB seeds of the targets that read text.
declare -A MAX_LEN=(
  [strength_check_parse]=4096
  [generate]=1024
  [policy]=8192
  [token_verify]=1024
  [security_answer]=66000
  [one_time_code]=66000
  [time_parsing]=66000
  [pso]=66000
  [cli_input]=140000
  [password_rules]=4096
)
all=(strength_check_parse generate policy token_verify
  security_answer one_time_code time_parsing pso cli_input password_rules)
targets=("$@")
[[ ${#targets[@]} -eq 0 ]] && targets=("${all[@]}")

log="$(mktemp)"
trap 'rm -f "$log"' EXIT

if command -v python3 >/dev/null; then
  python3 seeds.py "${targets[@]}"
else
  echo "--- no python3: the targets start from empty corpora" >&2
fi

cargo +nightly fuzz build
for target in "${targets[@]}"; do
  if [[ -z "${MAX_LEN[$target]:-}" ]]; then
    echo "unknown fuzz target '$target'" >&2
    exit 2
  fi
  echo "--- fuzz $target (${seconds} s)"
  mkdir -p "corpus/$target"
  # One process, no fork (the machine is shared); libFuzzer writes to stderr. The
  # targets panic on an input slower than their own bound (250 ms); -timeout catches
  # a hang that never returns.
  if ! cargo +nightly fuzz run "$target" "corpus/$target" -- \
    -max_total_time="$seconds" -max_len="${MAX_LEN[$target]}" -timeout=10 \
    -rss_limit_mb=2048 -print_final_stats=1 >"$log" 2>&1; then
    tail -n 60 "$log" >&2
    echo "fuzz $target FAILED: reproduce with the artifact named above (fuzz/README.md)" >&2
    exit 1
  fi
  grep -E '^(#[0-9]+[[:space:]]+DONE|Done [0-9]+ runs|stat::number_of_executed_units)' "$log" || true
done
echo "fuzz smoke: ${#targets[@]} targets ok"
