#!/usr/bin/env bash
# Builds and tests the WebAssembly package (bindings-wasm/, npm package `passforge`):
# installs what is missing, builds the two .wasm modules (the default entry and
# `passforge/extras`) and their JS glue, prints both sizes and fails when the default
# entry's gzip -9 size is above the budget, type-checks the TypeScript usage example,
# runs the Node tests (API, entry points, and the tests/vectors/ corpora generate,
# validate, tokens, expiry, contract and assessments) and the headless Chromium test (the
# same corpora in the page, then the demo page). Run from anywhere; idempotent.
#
#   scripts/test-wasm.sh
#   PASSFORGE_WASM_BUDGET=600000 scripts/test-wasm.sh   # the budget in bytes (gzip -9)
#
# Chromium comes from Debian (apt), never from a browser download.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

step() { printf '\n==> %s\n' "$*"; }

sudo=""
if [[ "$(id -u)" != 0 ]]; then sudo="sudo"; fi

if [[ ! -x /usr/bin/chromium && -z "${PASSFORGE_CHROMIUM:-}" ]]; then
  step "installing Chromium (Debian)"
  $sudo apt-get update
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver
fi

step "Rust target wasm32-unknown-unknown"
rustup target add wasm32-unknown-unknown

# The CLI must be exactly the version the crate pins.
wasm_bindgen_version="$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)"$/\1/p' bindings-wasm/Cargo.toml)"
if [[ -z "$wasm_bindgen_version" ]]; then
  echo "bindings-wasm/Cargo.toml does not pin wasm-bindgen (wasm-bindgen = \"=0.2.N\")" >&2
  exit 1
fi
if [[ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $wasm_bindgen_version" ]]; then
  step "installing wasm-bindgen-cli $wasm_bindgen_version"
  cargo install wasm-bindgen-cli --version "$wasm_bindgen_version"
fi

cd bindings-wasm
step "npm ci"
npm ci --no-audit --no-fund

step "build (cargo profile wasm, both entries)"
npm run --silent build

# The default entry is what every page that uses passforge downloads: its gzip -9 size
# may not grow past the budget unnoticed (README.md, "Size", says where the bytes go).
step "size budget of the default entry"
# 560,657 bytes when set (README.md "Size"), rounded up; 250,000 is the issue-15 target.
budget="${PASSFORGE_WASM_BUDGET:-565000}"
for entry in passforge extras; do
  file="pkg/node/${entry}_bg.wasm"
  printf '%-28s %9s bytes raw %9s bytes gzip -9\n' "$file" "$(wc -c < "$file")" "$(gzip -9 -c "$file" | wc -c)"
done
main_gzip="$(gzip -9 -c pkg/node/passforge_bg.wasm | wc -c)"
if (( main_gzip > budget )); then
  echo "the default entry is $main_gzip bytes gzip -9, above the budget of $budget (PASSFORGE_WASM_BUDGET)" >&2
  exit 1
fi
echo "within the budget: $main_gzip <= $budget bytes gzip -9 (PASSFORGE_WASM_BUDGET)"

step "tsc --noEmit (Node and bundler resolution)"
npm run --silent typecheck

step "Node tests"
npm test

step "browser test (headless Chromium)"
npm run test:browser
