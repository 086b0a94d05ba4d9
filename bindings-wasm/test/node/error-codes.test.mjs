// The error codes of the package are the core's registry: errorCodes() is it, and the
// TypeScript `ErrorCode` union (src/lib.rs) must list exactly the same codes, both ways.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { errorCodes } from "passforge";

const declarations = readFileSync(new URL("../../pkg/node/passforge.d.ts", import.meta.url), "utf8");

/** The string literals of `export type ErrorCode = | "A" | "B" …;` in the .d.ts. */
function unionCodes() {
  const match = declarations.match(/export type ErrorCode =([^;]*);/);
  assert.ok(match, "the .d.ts declares ErrorCode");
  return [...match[1].matchAll(/"([A-Z0-9_]+)"/g)].map((m) => m[1]);
}

test("errorCodes() is the core registry: unique codes, each with a concern and a meaning", () => {
  const codes = errorCodes();
  assert.ok(codes.length >= 50, `${codes.length} codes`);
  assert.equal(new Set(codes.map((c) => c.code)).size, codes.length, "codes are unique");
  for (const info of codes) {
    assert.deepEqual(Object.keys(info).sort(), ["code", "concern", "meaning"]);
    assert.match(info.code, /^[A-Z][A-Z0-9_]+$/);
    assert.ok(["generate", "random", "policy", "time", "auth", "argument", "service"].includes(info.concern), info.concern);
    assert.ok(info.meaning.length > 10, info.code);
  }
  for (const code of ["INVALID_ARGUMENT", "UNKNOWN_NAME", "BATCH_TOO_LARGE", "PSO_CANDIDATE", "POLICY_SYNTAX"]) {
    assert.ok(codes.some((c) => c.code === code), code);
  }
});

test("the TypeScript ErrorCode union lists exactly the registry's codes", () => {
  const union = unionCodes();
  const registry = errorCodes().map((c) => c.code);
  assert.equal(new Set(union).size, union.length, "the union repeats no code");
  const missing = registry.filter((c) => !union.includes(c));
  const extra = union.filter((c) => !registry.includes(c));
  assert.deepEqual(missing, [], "codes of the registry missing from the union");
  assert.deepEqual(extra, [], "codes in the union that the registry does not have");
});
