// The README's JavaScript examples, run against the built package: each ```js block is
// written to test-output/ as a module of its own and imported. A line ending in
// `// => value` asserts that its expression deep-equals the value, `// ≈ number` that it
// rounds to the number at the digits shown, and `// throws CODE` (or
// `// throws CODE: message`) that it throws a PassforgeError with that code (and
// message). Every other line runs as written, so an example that throws fails too.
import assert from "node:assert/strict";
import { mkdir, writeFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { test } from "node:test";

const packageRoot = fileURLToPath(new URL("../..", import.meta.url));
const outputDir = join(packageRoot, "test-output");
const readme = readFileSync(join(packageRoot, "README.md"), "utf8");

/** The ```js blocks, with the line each starts on. */
const blocks = [...readme.matchAll(/^```js\n([\s\S]*?)^```$/gm)].map((m) => ({
  code: m[1],
  line: readme.slice(0, m.index).split("\n").length + 1,
}));

const PRELUDE = `import __assert from "node:assert/strict";
import { isPassforgeError as __isPassforgeError } from "passforge";
const __throws = (f, code, message, where) => {
  let error;
  try {
    f();
  } catch (e) {
    error = e;
  }
  __assert.ok(error !== undefined, where + ": did not throw");
  __assert.ok(__isPassforgeError(error), where + ": not a PassforgeError: " + error);
  __assert.equal(error.code, code, where + ": " + error.message);
  if (message !== undefined) __assert.equal(error.message, message, where);
};
`;

/** The block as a module whose checked lines are assertions. */
function transform(code, firstLine) {
  return code
    .split("\n")
    .map((text, i) => {
      const where = JSON.stringify(`README.md line ${firstLine + i}`);
      let m = text.match(/^(\s*)(.+?);\s*\/\/ => (.+)$/);
      if (m) return `${m[1]}__assert.deepStrictEqual(${m[2]}, ${m[3]}, ${where});`;
      m = text.match(/^(\s*)(.+?);\s*\/\/ ≈ (-?\d+(?:\.(\d+))?)\s*$/);
      if (m) {
        const digits = m[4]?.length ?? 0;
        return `${m[1]}__assert.equal((${m[2]}).toFixed(${digits}), ${JSON.stringify(m[3])}, ${where});`;
      }
      m = text.match(/^(\s*)(.+?);\s*\/\/ throws ([A-Z_]+)(?:: (.+))?$/);
      if (m) {
        const message = m[4] === undefined ? "undefined" : JSON.stringify(m[4]);
        return `${m[1]}__throws(() => ${m[2]}, ${JSON.stringify(m[3])}, ${message}, ${where});`;
      }
      return text;
    })
    .join("\n");
}

test("the README has JavaScript examples with checked results", () => {
  assert.ok(blocks.length >= 5, `${blocks.length} blocks`);
  const checked = blocks.flatMap((b) => b.code.split("\n")).filter((l) => / \/\/ (=>|≈|throws) /.test(l));
  assert.ok(checked.length >= 40, `${checked.length} checked lines`);
});

test("a wrong documented result fails", async () => {
  const file = join(outputDir, "readme-self-check.mjs");
  await mkdir(outputDir, { recursive: true });
  await writeFile(file, PRELUDE + transform('import { Generator } from "passforge";\nnew Generator({ length: 8 }).length; // => 8\n', 1));
  await assert.rejects(import(pathToFileURL(file).href), assert.AssertionError);
});

for (const [i, { code, line }] of blocks.entries()) {
  test(`README example ${i + 1} (line ${line})`, async () => {
    const file = join(outputDir, `readme-${i + 1}.mjs`);
    await mkdir(outputDir, { recursive: true });
    await writeFile(file, PRELUDE + transform(code, line));
    await import(pathToFileURL(file).href);
  });
}
