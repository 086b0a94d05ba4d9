// Password rules in JS: reading and its errors, the policy they become, a policy written
// as rules, generators for rules. The corpus runner covers the cases of every runtime
// (vectors-password_rules.js).
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { Generator, PasswordRules, Policy } from "passforge";

import { throwsCode } from "../throws.mjs";

const EXAMPLE =
  "minlength: 20; maxlength: 64; required: lower; required: upper; required: digit; " +
  "required: [-().&@?'#,/\"+]; allowed: ascii-printable; max-consecutive: 2;";

describe("password rules", () => {
  test("read as the reference parser reads them", () => {
    const rules = new PasswordRules("required: upper, digit; minlength: 8; minlength: 12");
    assert.equal(rules.minLength, 12);
    assert.equal(rules.maxLength, undefined);
    assert.equal(rules.maxConsecutive, undefined);
    assert.deepEqual(rules.required.map((g) => g.text), ["upper, digit"]);
    assert.equal(rules.required[0].characters.slice(0, 12), "0123456789AB");
    assert.equal(rules.allowed.unicode, false);
    assert.equal(String(rules), "minlength: 12; required: upper, digit;");
    assert.equal(JSON.stringify({ rules }), '{"rules":"minlength: 12; required: upper, digit;"}');
    assert.equal(new PasswordRules("allowed: unicode").allowed.unicode, true);
  });

  test("errors say where and what", () => {
    const e = throwsCode(() => new PasswordRules("minlength: 8;\n  required: [a-z]"), "PASSWORD_RULES_CLASS_DASH");
    assert.deepEqual([e.line, e.column], [2, 15]);
    assert.match(e.message, /\[a-z\] is not a range/);
    const conflict = throwsCode(() => Policy.fromPasswordRules("minlength: 10; maxlength: 8"), "POLICY_LENGTH_RANGE");
    assert.equal(conflict.line, undefined);
    throwsCode(() => new PasswordRules("MinLength: 8"), "PASSWORD_RULES_UNKNOWN_PROPERTY");
  });

  test("a policy from rules enforces them, and writes them back", () => {
    const policy = Policy.fromPasswordRules(EXAMPLE);
    assert.deepEqual(policy.toJSON().required_characters, ["\"#&'()+,-./?@"]);
    assert.deepEqual(policy.validate("aaaBBB111---xyzXYZ12").violations.map((v) => v.code), ["REPEATED_CHARACTERS"]);
    const missing = policy.validate("abcABC123xyzXYZ123ab").violations[0];
    assert.equal(missing.code, "MISSING_REQUIRED_CHARACTER");
    assert.equal(missing.characters, "\"#&'()+,-./?@");
    const written = policy.toPasswordRules();
    assert.equal(written.exact, true);
    assert.deepEqual(written.unexpressed, []);
    assert.equal(
      written.rules,
      "minlength: 20; maxlength: 64; required: lower; required: upper; required: digit; " +
        "required: [-\"#&'()+,./?@]; allowed: ascii-printable; max-consecutive: 2;",
    );
  });

  test("a policy written as rules lists what it leaves out", () => {
    const written = new Policy({ min_length: 12, min_digits: 2, forbid_username: true }).toPasswordRules();
    assert.equal(written.rules, "minlength: 12; required: digit; allowed: unicode;");
    assert.equal(written.exact, false);
    assert.deepEqual(
      written.unexpressed.map((u) => [u.key, u.effect]),
      [["min_digits", "looser"], ["min_digits", "stricter"], ["forbid_username", "looser"]],
    );
    assert.match(written.unexpressed[0].message, /written as one/);
  });

  test("generators for rules", () => {
    const g = Generator.fromPasswordRules(EXAMPLE);
    assert.equal(g.length, 20);
    const a = g.acceptance;
    assert.equal(a.exact, true);
    assert.ok(a.share > 0.9 && a.share < 1 && a.entropyBits < g.entropyBits, JSON.stringify(a));
    const policy = Policy.fromPasswordRules(EXAMPLE);
    for (const p of g.generateMany(200, { seedForTests: 5n })) assert.ok(policy.isCompliant(p), p);
    const longer = Generator.fromPasswordRules(EXAMPLE, { length: 32, avoid_ambiguous: true, exclude: "xyz" });
    for (const p of longer.generateMany(50, { seedForTests: 6n })) {
      assert.equal(p.length, 32);
      assert.ok(![..."0Oo1Il|xyz"].some((c) => p.includes(c)), p);
    }
    assert.equal(new Generator().acceptance, undefined);
    const e = throwsCode(() => Generator.fromPasswordRules(EXAMPLE, { length: 80 }), "SETTINGS_BELOW_POLICY");
    assert.equal(e.reasons[0].code, "GENERATOR_LENGTH_ABOVE_MAXIMUM");
    throwsCode(() => Generator.fromPasswordRules(EXAMPLE, { lower: 2 }), "PASSWORD_RULES_OPTION");
    throwsCode(() => Generator.fromPasswordRules(EXAMPLE, { lenght: 2 }), "INVALID_ARGUMENT", TypeError);
    throwsCode(
      () => Generator.fromPasswordRules("minlength: 64; allowed: [ab]; max-consecutive: 1"),
      "POLICY_ACCEPTANCE_TOO_LOW",
    );
  });
});
