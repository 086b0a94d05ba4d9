// One run, in Node, of: our generateMany vs the npm `generate-password` package (strict) vs
// a per-call loop of our generate(). All produce 16-character passwords with at least one
// lowercase, uppercase, digit and symbol.
//
//   node bench/bench.mjs [passwords]     (after `npm run build`)
//
// Differences to keep in mind: generate-password's `strict` regenerates until every class
// appears (rejection) and its symbol set has 30 characters, ours the 32 ASCII punctuation
// characters; passforge draws each password exactly uniformly over the valid ones.
// generate() seeds a fresh ChaCha20 from crypto.getRandomValues on every call;
// generateMany seeds one per call.
import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";

import { Generator } from "passforge";

const require = createRequire(import.meta.url);
const generatePassword = require("generate-password");

const N = Number(process.argv[2] ?? 100_000);
const strict = { length: 16, numbers: true, symbols: true, uppercase: true, lowercase: true, strict: true };
const ours = new Generator({ length: 16, lower: 1, upper: 1, digits: 1, symbols: 1 });

/** Runs `f(n)` once (after a short warm-up) and returns passwords per second. */
function rate(name, n, f) {
  f(Math.min(1_000, n));
  const start = performance.now();
  const passwords = f(n);
  const seconds = (performance.now() - start) / 1000;
  if (passwords.length !== n || passwords.some((p) => p.length !== 16)) {
    throw new Error(`${name} produced the wrong passwords`);
  }
  const perSecond = n / seconds;
  console.log(
    `${name.padEnd(46)} ${String(n).padStart(8)} in ${seconds.toFixed(3).padStart(7)} s  ` +
      `${Math.round(perSecond).toLocaleString("en-US").padStart(11)} passwords/s`,
  );
  return perSecond;
}

console.log(`node ${process.version}, ${N} passwords of 16 characters, 1+ of each class\n`);
const many = rate("passforge generateMany(n)", N, (n) => ours.generateMany(n));
const peer = rate("generate-password generateMultiple(n, strict)", N, (n) =>
  generatePassword.generateMultiple(n, strict),
);
const loop = rate("passforge generate() in a loop", N, (n) =>
  Array.from({ length: n }, () => ours.generate()),
);

console.log(
  `\ngenerateMany / generate-password: ${(many / peer).toFixed(2)}x` +
    `\ngenerateMany / generate() loop:   ${(many / loop).toFixed(2)}x` +
    `\ngenerate() loop / generate-password: ${(loop / peer).toFixed(2)}x`,
);
