// The JS API of the built package: results, options, seeded reproducibility, errors.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { describe, test } from "node:test";

import { Generator, StrengthCheck } from "passforge";

import { throwsCode } from "../throws.mjs";

const require = createRequire(import.meta.url);

describe("package entry points", () => {
  test("require and import share one module instance", () => {
    const cjs = require("passforge");
    assert.equal(cjs.Generator, Generator);
    assert.equal(cjs.StrengthCheck, StrengthCheck);
  });
});

describe("Generator", () => {
  test("defaults: 12 characters, 6 lower, 2 upper, 2 digits, 2 symbols", () => {
    const g = new Generator();
    assert.equal(g.length, 12);
    for (const p of g.generateMany(200)) {
      assert.equal(typeof p, "string");
      assert.equal([...p].length, 12);
      assert.ok(p.match(/[a-z]/g).length >= 6, p);
      assert.ok(p.match(/[A-Z]/g).length >= 2, p);
      assert.ok(p.match(/[0-9]/g).length >= 2, p);
      assert.ok(p.match(/[^a-zA-Z0-9]/g).length >= 2, p);
    }
    assert.deepEqual(new Generator({}).passwordCount, g.passwordCount);
    assert.deepEqual(new Generator(null).passwordCount, g.passwordCount);
  });

  test("result types", () => {
    const g = new Generator({ length: 16 });
    assert.equal(typeof g.generate(), "string");
    assert.equal(typeof g.entropyBits, "number");
    assert.equal(typeof g.length, "number");
    assert.equal(typeof g.passwordCount, "string");
    assert.match(g.passwordCount, /^[1-9][0-9]*$/);
    assert.ok(Math.abs(Math.log2(Number(BigInt(g.passwordCount))) - g.entropyBits) < 1e-9);
    const many = g.generateMany(3);
    assert.ok(Array.isArray(many));
    assert.equal(many.length, 3);
    assert.deepEqual(g.generateMany(0), []);
  });

  test("OS-seeded passwords differ", () => {
    const g = new Generator({ length: 16 });
    const passwords = new Set([...g.generateMany(100), g.generate(), g.generate()]);
    assert.equal(passwords.size, 102);
  });

  test("seedForTests reproduces a stream; generate() is its first password", () => {
    const a = new Generator({ length: 20 });
    const b = new Generator({ length: 20 });
    const stream = a.generateMany(5, { seedForTests: 42n });
    assert.deepEqual(b.generateMany(5, { seedForTests: 42n }), stream);
    assert.equal(a.generate({ seedForTests: 42n }), stream[0]);
    assert.notDeepEqual(a.generateMany(5, { seedForTests: 43n }), stream);
    assert.equal(a.generate({ seedForTests: 2n ** 64n - 1n }).length, 20);
  });

  test("options are camelCase and reach the core", () => {
    const g = new Generator({
      length: 8,
      lower: 1,
      upper: 0,
      digits: 0,
      symbols: 0,
      lower_set: "ab",
      upper_set: "",
      digit_set: "",
      symbol_set: "",
    });
    assert.equal(g.passwordCount, String(2 ** 8));
    assert.equal(g.entropyBits, 8);
    for (const p of g.generateMany(50)) assert.match(p, /^[ab]{8}$/);

    const noLookAlikes = new Generator({ length: 64, avoid_ambiguous: true, exclude: "xyz" });
    for (const p of noLookAlikes.generateMany(100)) assert.doesNotMatch(p, /[0Oo1Il|xyz]/);

    const checked = new Generator({ length: 14, strength_check: "'[0-9].*[0-9].*[0-9]'" });
    for (const p of checked.generateMany(100)) assert.ok(p.match(/[0-9]/g).length >= 3, p);
  });

  test("counts above the length make the password longer", () => {
    assert.equal(new Generator({ length: 12, lower: 8, upper: 4, digits: 2, symbols: 2 }).length, 16);
  });

  test("free() and Symbol.dispose release the wasm object", () => {
    const g = new Generator();
    g.free();
    assert.throws(() => g.generate());
    assert.equal(typeof new Generator()[Symbol.dispose], "function");
  });
});

describe("errors carry the core's code", () => {
  const none = { lower: 0, upper: 0, digits: 0, symbols: 0 };
  test("configuration errors", () => {
    throwsCode(() => new Generator({ ...none, length: 0 }), "LENGTH_ZERO");
    throwsCode(() => new Generator({ length: 1025 }), "LENGTH_TOO_LARGE");
    const e = throwsCode(() => new Generator({ digit_set: "" }), "CLASS_EMPTY");
    assert.match(e.message, /digit/);
    throwsCode(() => new Generator({ digits: 1, exclude: "0123456789" }), "CLASS_EMPTY");
    throwsCode(
      () => new Generator({ ...none, lower_set: "", upper_set: "", digit_set: "", symbol_set: "" }),
      "NO_CHARACTERS",
    );
  });

  test("strength-check errors, from Generator and from StrengthCheck", () => {
    for (const make of [(s) => new Generator({ strength_check: s }), (s) => new StrengthCheck(s)]) {
      throwsCode(() => make("^.{12,}$"), "STRENGTH_CHECK_SYNTAX");
      const e = throwsCode(() => make("'(?=x)'"), "STRENGTH_CHECK_PATTERN");
      assert.match(e.message, /look-around/);
      throwsCode(() => make(`'${"a".repeat(1025)}'`), "STRENGTH_CHECK_TOO_LONG");
      throwsCode(() => make(Array(33).fill("'a'").join(", ")), "STRENGTH_CHECK_TOO_MANY");
    }
  });

  test("an unmet strength check fails at generation", () => {
    const g = new Generator({ length: 12, strength_check: "'^.{12,}$', '^.{20,}$'" });
    const e = throwsCode(() => g.generate(), "STRENGTH_CHECK_UNMET");
    assert.match(e.message, /'\^\.\{20,\}\$' rejected/);
    throwsCode(() => g.generateMany(2, { seedForTests: 1n }), "STRENGTH_CHECK_UNMET");
  });

  test("a failing random source is RANDOM_SOURCE", () => {
    const original = globalThis.crypto.getRandomValues;
    globalThis.crypto.getRandomValues = () => {
      throw new Error("no entropy here");
    };
    try {
      const g = new Generator();
      throwsCode(() => g.generate(), "RANDOM_SOURCE");
      throwsCode(() => g.generateMany(3), "RANDOM_SOURCE");
      // Seeded generation never asks the OS.
      assert.equal(typeof g.generate({ seedForTests: 1n }), "string");
    } finally {
      globalThis.crypto.getRandomValues = original;
    }
    assert.equal(typeof new Generator().generate(), "string");
  });
});

describe("bad arguments are INVALID_ARGUMENT", () => {
  test("options that are not what the types say: TypeError", () => {
    const bad = [
      [{ lenght: 12 }, /unknown option `lenght`/],
      [{ length: -1 }, /options\.length/],
      [{ length: 1.5 }, /options\.length/],
      [{ length: "12" }, /options\.length/],
      [{ lower_set: 5 }, /options\.lower_set/],
      [{ avoid_ambiguous: "yes" }, /options\.avoid_ambiguous/],
      // The core's keys, not camelCase.
      [{ digitSet: "" }, /unknown option `digitSet`/],
      [{ displayName: "x" }, /unknown option `displayName`/],
      [5, /must be an object/],
      ["length=12", /must be an object/],
      [[12], /must be an object/],
    ];
    for (const [options, message] of bad) {
      const e = throwsCode(() => new Generator(options), "INVALID_ARGUMENT", TypeError);
      assert.match(e.message, message);
    }
    const g = new Generator();
    throwsCode(() => g.generate({ seed: 1n }), "INVALID_ARGUMENT", TypeError);
    throwsCode(() => g.generate({ seedForTests: "1" }), "INVALID_ARGUMENT", TypeError);
    throwsCode(() => g.generate({ seedForTests: -1n }), "INVALID_ARGUMENT", TypeError);
    throwsCode(() => g.generateMany("3"), "INVALID_ARGUMENT", TypeError);
  });

  test("a count out of range: RangeError", () => {
    const g = new Generator({ length: 16 });
    for (const n of [-1, 1.5, NaN, Infinity]) {
      throwsCode(() => g.generateMany(n), "INVALID_ARGUMENT", RangeError);
    }
    // The core's batch cap, whatever the length.
    assert.equal(Generator.MAX_BATCH, 1_000_000);
    for (const n of [Generator.MAX_BATCH + 1, 2 ** 32, 2 ** 53]) {
      throwsCode(() => g.generateMany(n), "BATCH_TOO_LARGE", RangeError);
    }
    const long = new Generator({ length: 1024 });
    throwsCode(() => long.generateMany(Generator.MAX_BATCH + 1), "BATCH_TOO_LARGE", RangeError);
  });
});

describe("StrengthCheck", () => {
  test("patterns, isMatch, failures", () => {
    const check = new StrengthCheck("'^.{12,}$', '[0-9]', 'it''s'");
    assert.deepEqual(check.patterns, ["^.{12,}$", "[0-9]", "it's"]);
    assert.equal(check.isMatch("it's twelve chars"), false);
    assert.equal(check.isMatch("it's 12 characters"), true);
    const failures = check.failures("short");
    assert.ok(Array.isArray(failures));
    assert.deepEqual(failures, [0, 1, 2]);
    assert.deepEqual(check.failures("it's a long one, 1"), []);
    assert.deepEqual(new StrengthCheck("").patterns, []);
    assert.equal(new StrengthCheck("").isMatch(""), true);
  });

  test("unicode passwords", () => {
    const check = new StrengthCheck("'^.{4}$', '\\d'");
    assert.deepEqual(check.failures("äöü٣"), []);
    assert.deepEqual(check.failures("äöüß"), [1]);
  });
});

describe("strength check estimate", () => {
  test("the entropy after a check is below the entropy before, and equal without one", () => {
    const plain = new Generator({ length: 16 });
    assert.deepEqual(plain.strengthCheckEstimate(), { share: 1, entropyBits: plain.entropyBits });
    const checked = new Generator({ length: 16, strength_check: "'[0-9].*[0-9].*[0-9]'" });
    const { share, entropyBits } = checked.strengthCheckEstimate();
    assert.ok(share > 0 && share < 1, String(share));
    assert.ok(entropyBits > 0 && entropyBits < checked.entropyBits - 0.5, String(entropyBits));
  });
});

describe("weak settings", () => {
  test("isWeak flags a space of fewer than 2^40 passwords", () => {
    assert.equal(new Generator().isWeak, false);
    const one = new Generator({
      length: 12, lower_set: "aaaa", upper: 0, digits: 0, symbols: 0,
      upper_set: "", digit_set: "", symbol_set: "",
    });
    assert.equal(one.isWeak, true);
  });
});
