// One run, in Node, of: our generateMany vs the npm `generate-password` package (strict) vs
// a per-call loop of our generate(), at 12 characters (the issue 15 target) and at 16. All
// make passwords with at least one lowercase, uppercase, digit and symbol.
//
//   node bench/bench.mjs [passwords]     (after `npm run build`)
//
// Differences to keep in mind: generate-password's `strict` regenerates until every class
// appears (rejection) and its symbol set has 30 characters, ours the 32 ASCII punctuation
// characters; passforge draws each password exactly uniformly over the valid ones.
// generate() seeds a fresh ChaCha20 from crypto.getRandomValues on every call;
// generateMany seeds one per call. Each rate is the best of five timed runs after an
// untimed one.
import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";

import { Generator } from "passforge";

const require = createRequire(import.meta.url);
const generatePassword = require("generate-password");

const N = Number(process.argv[2] ?? 100_000);

/** Runs `f(n)` once untimed (the engine tiers up its code), then best of five; returns
 * passwords per second. */
function rate(name, n, length, f) {
  f(n);
  let seconds = Infinity;
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    const passwords = f(n);
    seconds = Math.min(seconds, (performance.now() - start) / 1000);
    if (passwords.length !== n || passwords.some((p) => p.length !== length)) {
      throw new Error(`${name} produced the wrong passwords`);
    }
  }
  const perSecond = n / seconds;
  console.log(
    `${name.padEnd(46)} ${String(n).padStart(8)} in ${seconds.toFixed(3).padStart(7)} s  ` +
      `${Math.round(perSecond).toLocaleString("en-US").padStart(11)} passwords/s`,
  );
  return perSecond;
}

console.log(`node ${process.version}, ${N} passwords per run, 1+ of each class\n`);
// V8 compiles the optimised WASM tier in the background: run for two seconds first, or
// whichever contender comes first is timed on the baseline tier.
const warm = new Generator({ length: 12, lower: 1, upper: 1, digits: 1, symbols: 1 });
for (const start = performance.now(); performance.now() - start < 2000; ) {
  warm.generateMany(10_000);
}
for (const length of [12, 16]) {
  const strict = { length, numbers: true, symbols: true, uppercase: true, lowercase: true, strict: true };
  const ours = new Generator({ length, lower: 1, upper: 1, digits: 1, symbols: 1 });
  console.log(`${length} characters:`);
  const many = rate("passforge generateMany(n)", N, length, (n) => ours.generateMany(n));
  const peer = rate("generate-password generateMultiple(n, strict)", N, length, (n) =>
    generatePassword.generateMultiple(n, strict),
  );
  const loop = rate("passforge generate() in a loop", N, length, (n) =>
    Array.from({ length: n }, () => ours.generate()),
  );
  console.log(
    `generateMany / generate-password: ${(many / peer).toFixed(2)}x` +
      (length === 12 ? " (target >= 5)" : "") +
      `\ngenerateMany / generate() loop:   ${(many / loop).toFixed(2)}x` +
      `\ngenerate() loop / generate-password: ${(loop / peer).toFixed(2)}x\n`,
  );
}
