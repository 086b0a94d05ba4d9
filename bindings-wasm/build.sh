#!/usr/bin/env bash
# Builds the npm package into pkg/: the release .wasm, then the wasm-bindgen glue for
# Node (CommonJS, `nodejs` target) and for browsers (ES module, `web` target), each with
# js/runtime.js appended; writes the core's error codes into the TypeScript `ErrorCode`
# union; copies the licence texts in.
# Run from anywhere; needs the wasm32 target and the pinned wasm-bindgen CLI
# (scripts/test-wasm.sh installs both).
#
# PASSFORGE_WASM_FEATURES=zxcvbn builds a package with the zxcvbn score (a policy's
# minScore); the default leaves it out for size (README.md, "Size").
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"

features=()
if [[ -n "${PASSFORGE_WASM_FEATURES:-}" ]]; then
  features=(--features "$PASSFORGE_WASM_FEATURES")
fi
cargo build --manifest-path "$root/Cargo.toml" -p passforge-wasm \
  --target wasm32-unknown-unknown --release ${features[@]+"${features[@]}"}
wasm="$root/target/wasm32-unknown-unknown/release/passforge_wasm.wasm"

rm -rf "$here/pkg"
wasm-bindgen "$wasm" --out-dir "$here/pkg/node" --out-name passforge --target nodejs
wasm-bindgen "$wasm" --out-dir "$here/pkg/web" --out-name passforge --target web
# Both targets get the same module, and the package ships it once, in pkg/node/ (where
# the Node glue reads it); lib/web.js points the browser glue at it.
cmp -s "$here/pkg/node/passforge_bg.wasm" "$here/pkg/web/passforge_bg.wasm" \
  || { echo "the nodejs and web targets produced different .wasm files" >&2; exit 1; }
rm "$here/pkg/web/passforge_bg.wasm"
# Shrink it with binaryen's wasm-opt (an npm devDependency) when installed. The feature
# flags are the ones rustc enables by default for wasm32-unknown-unknown.
wasm_opt="$here/node_modules/.bin/wasm-opt"
if [[ -x "$wasm_opt" ]]; then
  "$wasm_opt" -Oz --enable-reference-types --enable-bulk-memory --enable-sign-ext \
    --enable-nontrapping-float-to-int --enable-multivalue --enable-mutable-globals \
    "$here/pkg/node/passforge_bg.wasm" -o "$here/pkg/node/passforge_bg.wasm"
else
  echo "note: $wasm_opt is not installed (npm ci); the .wasm is not run through wasm-opt" >&2
fi
# The package's own JavaScript (js/runtime.js: the runtime PassforgeError, the checks on
# freed objects, util.inspect) goes at the end of both glue files, so that every entry
# point exports the one the types declare; each format adds the lines that install it.
runtime="$here/js/runtime.js"
{
  printf '\n// js/runtime.js, appended by build.sh\n'
  cat "$runtime"
  printf '%s\n' 'installPassforgeRuntime(module.exports);' \
    'exports.PassforgeError = PassforgeError;' 'exports.isPassforgeError = isPassforgeError;'
} >> "$here/pkg/node/passforge.js"
{
  printf '\n// js/runtime.js, appended by build.sh\n'
  printf '%s\n' 'import * as passforgeGlue from "./passforge.js";'
  cat "$runtime"
  printf '%s\n' 'installPassforgeRuntime(passforgeGlue);' \
    'export { PassforgeError, isPassforgeError };'
} >> "$here/pkg/web/passforge.js"
# The licence texts live at the repository root; npm ships them from the package root.
cp "$root/LICENSE-MIT" "$root/LICENSE-APACHE" "$here/"
# The package is "type": "module"; the Node glue is CommonJS.
echo '{ "type": "commonjs" }' > "$here/pkg/node/package.json"
echo '{ "type": "module" }' > "$here/pkg/web/package.json"
# The TypeScript ErrorCode union is the core's registry, read from the module just built
# (src/lib.rs declares a placeholder; test/node/error-codes.test.mjs checks the result).
node - "$here/pkg/node/passforge.js" "$here/pkg/node/passforge.d.ts" "$here/pkg/web/passforge.d.ts" <<'JS'
const fs = require("node:fs");
const [glue, ...declarations] = process.argv.slice(2);
const union = require(glue).errorCodes().map(({ code }) => `\n  | "${code}"`).join("");
for (const file of declarations) {
  const text = fs.readFileSync(file, "utf8");
  if (!text.includes(' "@ERROR_CODES@";')) throw new Error(`${file}: no ErrorCode placeholder`);
  fs.writeFileSync(file, text.replace(' "@ERROR_CODES@";', `${union};`));
}
JS

file="$here/pkg/node/passforge_bg.wasm"
printf 'pkg/node/passforge_bg.wasm: %s bytes raw, %s bytes gzip -9\n' \
  "$(wc -c < "$file")" "$(gzip -9 -c "$file" | wc -c)"
