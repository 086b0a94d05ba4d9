#!/usr/bin/env bash
# Builds and tests the WebAssembly package (bindings-wasm/, npm package `passforge`):
# installs what is missing, builds the release .wasm and its JS glue, prints the module
# size, type-checks the TypeScript usage example, runs the Node tests (API, and the
# tests/vectors/ corpora generate, validate, tokens, expiry, contract and assessments) and
# the headless Chromium test (the same corpora in the page, then the demo page). Run from
# anywhere; idempotent.
#
#   scripts/test-wasm.sh
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

step "build (release)"
npm run --silent build

step "tsc --noEmit (Node and bundler resolution)"
npm run --silent typecheck

step "Node tests"
npm test

step "browser test (headless Chromium)"
npm run test:browser
