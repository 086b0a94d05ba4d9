#!/usr/bin/env bash
# Builds the npm package into pkg/: two .wasm modules from the one crate (cargo features,
# README.md "Entry points"): `main`, the package's default entry, and `extras`, the
# `passforge/extras` entry. Each gets the wasm-bindgen glue for Node (CommonJS, `nodejs`
# target) and for browsers (ES module, `web` target), each glue file with js/runtime.js
# appended, and wasm-opt -Oz; writes the core's error codes into the TypeScript
# `ErrorCode` union; copies the licence texts in; prints each module's size.
# Run from anywhere; needs the wasm32 target and the pinned wasm-bindgen CLI
# (scripts/test-wasm.sh installs both). Honours CARGO_TARGET_DIR.
#
# PASSFORGE_WASM_FEATURES=zxcvbn builds a main entry with the zxcvbn score (a policy's
# minScore); PASSFORGE_WASM_FEATURES=unicode-classes one whose strength checks take
# \p{..} classes. The default leaves both out for size (README.md, "Size").
# PASSFORGE_WASM_PROFILE picks the cargo profile (default `wasm`, see Cargo.toml).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
target_dir="${CARGO_TARGET_DIR:-$root/target}"
profile="${PASSFORGE_WASM_PROFILE:-wasm}"
# `release` lives in release/, any other profile in a directory of its name.
wasm_out="$target_dir/wasm32-unknown-unknown/$profile/passforge_wasm.wasm"
wasm_opt="$here/node_modules/.bin/wasm-opt"
if [[ ! -x "$wasm_opt" ]]; then
  echo "note: $wasm_opt is not installed (npm ci); the .wasm is not run through wasm-opt" >&2
fi

rm -rf "$here/pkg"
mkdir -p "$here/pkg/node" "$here/pkg/web"

# build_entry NAME FEATURES: pkg/{node,web}/NAME.js (+ .d.ts), pkg/node/NAME_bg.wasm.
build_entry() {
  local name="$1" features="$2"
  cargo build --manifest-path "$root/Cargo.toml" -p passforge-wasm \
    --target wasm32-unknown-unknown --profile "$profile" \
    --no-default-features --features "$features"
  # A copy before wasm-opt, with its function names, for `twiggy top` (README.md, "Size").
  cp "$wasm_out" "$target_dir/wasm32-unknown-unknown/$profile/$name.wasm"
  local scratch="$here/pkg/.$name"
  wasm-bindgen "$wasm_out" --out-dir "$scratch/node" --out-name "$name" --target nodejs
  wasm-bindgen "$wasm_out" --out-dir "$scratch/web" --out-name "$name" --target web
  # Both targets get the same module, and the package ships it once, in pkg/node/ (where
  # the Node glue reads it); lib/web*.js point the browser glue at it.
  cmp -s "$scratch/node/${name}_bg.wasm" "$scratch/web/${name}_bg.wasm" \
    || { echo "$name: the nodejs and web targets produced different .wasm files" >&2; exit 1; }
  rm "$scratch/web/${name}_bg.wasm"
  # The feature flags are the ones rustc enables by default for wasm32-unknown-unknown;
  # --converge repeats -Oz while it still shrinks the module (about 2 KB of gzip).
  if [[ -x "$wasm_opt" ]]; then
    "$wasm_opt" -Oz --converge --enable-reference-types --enable-bulk-memory --enable-sign-ext \
      --enable-nontrapping-float-to-int --enable-multivalue --enable-mutable-globals \
      "$scratch/node/${name}_bg.wasm" -o "$scratch/node/${name}_bg.wasm"
  fi
  mv "$scratch/node/"* "$here/pkg/node/"
  mv "$scratch/web/"* "$here/pkg/web/"
  rm -rf "$scratch"
  append_runtime "$name"
}

# wasm-bindgen copies a string argument into the module without looking at its type: a
# number or an object there traps ("memory access out of bounds"). One check in the
# function every string goes in through makes it a PassforgeError (INVALID_ARGUMENT, a
# TypeError; passforgeNotAString is in js/runtime.js). A glue file that passes strings
# but no longer has that function (another wasm-bindgen) fails the build.
guard_strings() {
  local file="$1" head='function passStringToWasm0(arg, malloc, realloc) {'
  grep -q 'passStringToWasm0(' "$file" || return 0
  if ! grep -qxF "$head" "$file"; then
    echo "build.sh: $file passes strings without '$head' to guard (a new wasm-bindgen?)" >&2
    exit 1
  fi
  sed -i "s/^function passStringToWasm0(arg, malloc, realloc) {\$/&\n    if (typeof arg !== \"string\") throw passforgeNotAString(arg);/" "$file"
  grep -q 'throw passforgeNotAString(arg);' "$file" || { echo "build.sh: guarding $file failed" >&2; exit 1; }
}

# The package's own JavaScript (js/runtime.js: the runtime PassforgeError, the checks on
# freed objects, util.inspect) goes at the end of every glue file, so that every entry
# point exports the one the types declare; each format adds the lines that install it.
append_runtime() {
  local name="$1" runtime="$here/js/runtime.js"
  guard_strings "$here/pkg/node/$name.js"
  guard_strings "$here/pkg/web/$name.js"
  {
    printf '\n// js/runtime.js, appended by build.sh\n'
    cat "$runtime"
    printf '%s\n' 'installPassforgeRuntime(module.exports);' \
      'exports.PassforgeError = PassforgeError;' 'exports.isPassforgeError = isPassforgeError;'
  } >> "$here/pkg/node/$name.js"
  {
    printf '\n// js/runtime.js, appended by build.sh\n'
    printf 'import * as passforgeGlue from "./%s.js";\n' "$name"
    cat "$runtime"
    printf '%s\n' 'installPassforgeRuntime(passforgeGlue);' \
      'export { PassforgeError, isPassforgeError };'
  } >> "$here/pkg/web/$name.js"
}

build_entry passforge "main${PASSFORGE_WASM_FEATURES:+,$PASSFORGE_WASM_FEATURES}"
build_entry extras extras

# The licence texts live at the repository root; npm ships them from the package root.
cp "$root/LICENSE-MIT" "$root/LICENSE-APACHE" "$here/"
# The package is "type": "module"; the Node glue is CommonJS.
echo '{ "type": "commonjs" }' > "$here/pkg/node/package.json"
echo '{ "type": "module" }' > "$here/pkg/web/package.json"
# The TypeScript ErrorCode union is the core's registry, read from the main module just
# built (src/lib.rs declares a placeholder; test/node/error-codes.test.mjs checks the
# result); both entries throw the same codes.
node - "$here/pkg/node/passforge.js" "$here"/pkg/{node,web}/{passforge,extras}.d.ts <<'JS'
const fs = require("node:fs");
const [glue, ...declarations] = process.argv.slice(2);
const union = require(glue).errorCodes().map(({ code }) => `\n  | "${code}"`).join("");
for (const file of declarations) {
  const text = fs.readFileSync(file, "utf8");
  if (!text.includes(' "@ERROR_CODES@";')) throw new Error(`${file}: no ErrorCode placeholder`);
  fs.writeFileSync(file, text.replace(' "@ERROR_CODES@";', `${union};`));
}
JS

for file in "$here"/pkg/node/{passforge,extras}_bg.wasm; do
  printf 'pkg/node/%s: %s bytes raw, %s bytes gzip -9\n' \
    "$(basename "$file")" "$(wc -c < "$file")" "$(gzip -9 -c "$file" | wc -c)"
done
