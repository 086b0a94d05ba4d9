// pin() and tokenUrlsafe(): the one-liners of Python's `secrets`, through the built package.
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { describe, test } from "node:test";

import { Generator, pin, tokenUrlsafe } from "passforge";

import { throwsCode } from "../throws.mjs";

describe("pin", () => {
  test("six digits by default, any length up to 1024", () => {
    for (let i = 0; i < 100; i++) assert.match(pin(), /^[0-9]{6}$/);
    assert.match(pin(undefined, { seedForTests: 1n }), /^[0-9]{6}$/);
    for (const length of [1, 4, 20, 1024]) assert.match(pin(length), new RegExp(`^[0-9]{${length}}$`));
  });

  test("is the digits-only generator", () => {
    const digits = new Generator({
      length: 8, lower: 0, upper: 0, digits: 0, symbols: 0, lower_set: "", upper_set: "", symbol_set: "",
    });
    assert.equal(digits.passwordCount, "100000000");
    for (const seed of [0n, 1n, 2n ** 64n - 1n]) {
      assert.equal(pin(8, { seedForTests: seed }), digits.generate({ seedForTests: seed }));
    }
    digits.free();
  });

  test("every digit as likely", () => {
    const counts = new Map();
    for (let i = 0; i < 20_000; i++) {
      const d = pin(1);
      counts.set(d, (counts.get(d) ?? 0) + 1);
    }
    assert.equal(counts.size, 10);
    for (const n of counts.values()) assert.ok(Math.abs(n - 2000) < 5 * 42.5, `${[...counts]}`);
  });

  test("errors", () => {
    throwsCode(() => pin(0), "LENGTH_ZERO");
    throwsCode(() => pin(1025), "LENGTH_TOO_LARGE");
    throwsCode(() => pin(2 ** 64), "LENGTH_TOO_LARGE");
    throwsCode(() => pin(-1), "INVALID_ARGUMENT", RangeError);
    throwsCode(() => pin(1.5), "INVALID_ARGUMENT", RangeError);
    throwsCode(() => pin("6"), "INVALID_ARGUMENT", TypeError);
    throwsCode(() => pin(6, { seedForTests: 1 }), "INVALID_ARGUMENT", TypeError);
    throwsCode(() => pin(6, { seed: 1n }), "INVALID_ARGUMENT", TypeError);
  });
});

describe("tokenUrlsafe", () => {
  test("32 random bytes by default, as base64url without padding", () => {
    const token = tokenUrlsafe();
    assert.match(token, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(Buffer.from(token, "base64url").length, 32);
    assert.notEqual(tokenUrlsafe(), token);
    for (const nbytes of [1, 2, 3, 16, 33, 1024]) {
      const t = tokenUrlsafe(nbytes);
      assert.equal(t.length, Math.ceil((4 * nbytes) / 3), `${nbytes}`);
      assert.equal(Buffer.from(t, "base64url").length, nbytes);
    }
  });

  test("seeded: fixed, and the seeded stream's first bytes", () => {
    const six = tokenUrlsafe(6, { seedForTests: 3n });
    assert.equal(tokenUrlsafe(6, { seedForTests: 3n }), six);
    assert.equal(tokenUrlsafe(3, { seedForTests: 3n }), six.slice(0, 4));
    assert.equal(tokenUrlsafe(null, { seedForTests: 3n }).length, 43);
  });

  test("errors", () => {
    throwsCode(() => tokenUrlsafe(0), "TOKEN_BYTES", RangeError);
    throwsCode(() => tokenUrlsafe(1025), "TOKEN_BYTES", RangeError);
    throwsCode(() => tokenUrlsafe(-1), "INVALID_ARGUMENT", RangeError);
    throwsCode(() => tokenUrlsafe(32n), "INVALID_ARGUMENT", TypeError);
  });
});
