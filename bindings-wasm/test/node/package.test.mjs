// What the npm tarball holds (`npm pack --dry-run`): the licence texts the package
// declares, the entry points, one .wasm per entry (main and extras); no sources or tests.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { test } from "node:test";

const packageRoot = fileURLToPath(new URL("../..", import.meta.url));

test("npm pack ships both licence texts and only the built package", () => {
  const [pack] = JSON.parse(
    execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
      cwd: packageRoot,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    }),
  );
  const files = pack.files.map((f) => f.path).sort();
  for (const name of ["LICENSE-MIT", "LICENSE-APACHE", "README.md", "package.json", "lib/web.js", "lib/node.mjs", "pkg/node/passforge.js", "pkg/node/passforge_bg.wasm", "pkg/web/passforge.js", "pkg/web/passforge.d.ts", "lib/extras-web.js", "lib/extras-node.mjs", "pkg/node/extras.js", "pkg/node/extras_bg.wasm", "pkg/web/extras.js", "pkg/web/extras.d.ts"]) {
    assert.ok(files.includes(name), `${name} is in the tarball: ${files.join(", ")}`);
  }
  assert.deepEqual(files.filter((f) => /^(src|test|www|js|bench)\/|\.rs$/.test(f)), []);
  assert.deepEqual(files.filter((f) => f.endsWith(".wasm")), ["pkg/node/extras_bg.wasm", "pkg/node/passforge_bg.wasm"]);
  const license = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")).license;
  assert.equal(license, "MIT OR Apache-2.0");
  const root = fileURLToPath(new URL("../../../", import.meta.url));
  for (const name of ["LICENSE-MIT", "LICENSE-APACHE"]) {
    assert.equal(
      readFileSync(new URL(`../../${name}`, import.meta.url), "utf8"),
      readFileSync(`${root}${name}`, "utf8"),
      `${name} is the repository's text`,
    );
  }
});
