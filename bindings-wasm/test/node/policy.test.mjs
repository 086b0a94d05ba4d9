// Password policies in JS: building, validating, linting, checking and generating.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";

import {
  Generator,
  Policy,
  commonPasswordCount,
  isCommonPassword,
  scoreAvailable,
} from "passforge";
import { policyJsonFromToml, resolvePso } from "passforge/extras";

import { throwsCode } from "../throws.mjs";

const example = (name) =>
  readFileSync(new URL(`../../../examples/${name}`, import.meta.url), "utf8");

/** A policy file's TOML, read as a page reads it: extras' TOML reader, the main entry's policy. */
const fromToml = (text) => Policy.fromJson(policyJsonFromToml(text));

const codes = (result) => result.violations.map((v) => v.code);

describe("building a policy", () => {
  test("camelCase object, JSON and TOML give the same policy", () => {
    const fromObject = new Policy({ min_length: 12, min_digits: 1, blocklist: true, forbid_username: true });
    const fromJson = Policy.fromJson('{"min_length": 12, "min_digits": 1, "blocklist": true, "forbid_username": true}');
    const tomlPolicy = fromToml("min_length = 12\nmin_digits = 1\nblocklist = true\nforbid_username = true\n");
    assert.equal(fromObject.toJson(), fromJson.toJson());
    assert.equal(tomlPolicy.toJson(), fromJson.toJson());
    assert.equal(Policy.fromJson(fromObject.toJson()).toJson(), fromObject.toJson());
    assert.equal(new Policy().toJson(), new Policy({}).toJson());
  });

  test("the example policy files load", () => {
    const ad = fromToml(example("policy-ad.toml"));
    assert.equal(ad.lengthUnit, "utf16");
    assert.equal(ad.characterClasses, "active_directory");
    assert.equal(ad.maxLength, 256);
    assert.equal(fromToml(example("policy-ppolicy.toml")).lengthUnit, "utf8_bytes");
    const nist = fromToml(example("policy-nist.toml"));
    assert.equal(nist.lengthUnit, "code_points");
    assert.equal(nist.maxLength, 128);
    assert.equal(new Policy().maxLength, undefined);
  });

  test("getters fold in the directory tables", () => {
    const policy = new Policy({
      min_length: 8,
      history: 2,
      ad: { minPwdLength: 10, pwdProperties: 1, pwdHistoryLength: 5, maxPwdAge: -36288000000000n },
    });
    assert.equal(policy.minLength, 10);
    assert.equal(policy.maxLength, 256);
    assert.equal(policy.minCategories, 3);
    assert.equal(policy.history, 5);
    assert.equal(policy.hasBlocklist, false);
    // AD durations as numbers or bigints, -(2n ** 63n) included.
    new Policy({ ad: { maxPwdAge: -(2n ** 63n), lockoutDuration: -18000000000 } });
  });

  test("AD and ppolicy attributes", () => {
    const ad = Policy.fromAdAttributes({ minPwdLength: "10", "msDS-PasswordComplexityEnabled": "TRUE", cn: "x" });
    assert.equal(ad.minLength, 10);
    assert.equal(ad.minCategories, 3);
    throwsCode(() => Policy.fromAdAttributes({ minPwdLength: "ten" }), "POLICY_INVALID_ATTRIBUTE");
    throwsCode(() => Policy.fromAdAttributes({ minPwdLength: 10 }), "INVALID_ARGUMENT", TypeError);
    throwsCode(() => Policy.fromAdAttributes("minPwdLength=10"), "INVALID_ARGUMENT", TypeError);
    const pp = Policy.fromPpolicyAttributes({ pwdMinLength: "9", pwdCheckQuality: "2" });
    assert.equal(pp.minLength, 9);
    assert.equal(pp.lengthUnit, "utf8_bytes");
  });

  test("the core's policy errors", () => {
    throwsCode(() => new Policy({ min_length: 10, max_length: 8 }), "POLICY_LENGTH_RANGE");
    throwsCode(() => new Policy({ max_length: 3, min_lower: 2, min_digits: 2 }), "POLICY_MINIMUMS_ABOVE_MAXIMUM");
    throwsCode(() => new Policy({ min_categories: 6 }), "POLICY_CATEGORIES");
    throwsCode(() => new Policy({ max_repeat: 0 }), "POLICY_OUT_OF_RANGE");
    throwsCode(() => new Policy({ strength_check: "'[a-'" }), "POLICY_STRENGTH_CHECK");
    throwsCode(() => new Policy({ forbidden_patterns: ["(?=x)"] }), "POLICY_FORBIDDEN_PATTERN");
    throwsCode(() => new Policy({ ad: {}, ppolicy: {} }), "POLICY_CONFLICTING_DIRECTORIES");
    throwsCode(() => new Policy({ ad: { maxPwdAge: 1 } }), "POLICY_OUT_OF_RANGE");
  });

  test("minScore needs a build with zxcvbn", () => {
    assert.equal(scoreAvailable(), false, "the npm package leaves zxcvbn out");
    const e = throwsCode(() => new Policy({ min_score: 3 }), "POLICY_SCORE_UNAVAILABLE");
    assert.match(e.message, /zxcvbn/);
    assert.match(e.message, /PASSFORGE_WASM_FEATURES=zxcvbn/, "the refusal names the build that has it");
  });

  test("unreadable policies: POLICY_SYNTAX, with the place for text, a TypeError for JS values", () => {
    assert.match(throwsCode(() => Policy.fromJson("{"), "POLICY_SYNTAX").message, /line 1/);
    // A non-string used to reach the module as a bogus string and trap.
    for (const notText of [42, undefined, null, { min_length: 8 }]) {
      throwsCode(() => Policy.fromJson(notText), "INVALID_ARGUMENT", TypeError);
      throwsCode(() => policyJsonFromToml(notText), "INVALID_ARGUMENT", TypeError);
    }
    assert.match(throwsCode(() => Policy.fromJson('{"min_lenght": 1}'), "POLICY_SYNTAX").message, /min_lenght/);
    const toml = throwsCode(() => policyJsonFromToml("min_length = 10\nfoo = 1\n"), "POLICY_SYNTAX");
    assert.match(toml.message, /line 2, column 1\): unknown field `foo`/);
    // A JS object is read by the core as a mapping: POLICY_SYNTAX, with no line, naming
    // the key that is wrong and what it wants.
    const bad = [
      [{ length_unit: "bytes" }, /: length_unit: unknown variant `bytes`/],
      [{ minLength: 12 }, /unknown field `minLength`/],
      [{ min_lenght: 12 }, /unknown field `min_lenght`/],
      [{ min_length: "12" }, /: min_length: .*expected a whole number from 0 to 4294967295/],
      [{ min_length: -1 }, /: min_length: .*expected a whole number from 0 to 4294967295/],
      [{ min_length: 8, blocklist: "yes" }, /: blocklist: .*expected a boolean/],
      [{ forbidden_words: "x" }, /: forbidden_words: .*expected a list/],
      [{ forbidden_words: ["acme", 3] }, /: forbidden_words\[1\]: invalid type/],
      [{ ad: { minPwdLength: "8" } }, /: ad\.minPwdLength: /],
      [{ ad: { minPwdLenght: 1 } }, /: ad: unknown field `minPwdLenght`/],
      [{ ppolicy: { pwdMinLenght: 1 } }, /: ppolicy: unknown field `pwdMinLenght`/],
      [{ ad: { maxPwdAge: 2n ** 63n } }, /could not be read: ad\.maxPwdAge: /],
    ];
    for (const [spec, message] of bad) {
      const e = throwsCode(() => new Policy(spec), "POLICY_SYNTAX", TypeError);
      assert.match(e.message, message);
      assert.doesNotMatch(e.message, /line/);
    }
    throwsCode(() => new Policy([12]), "INVALID_ARGUMENT", TypeError);
    // undefined (and null) members are absent keys; bigints are exact.
    assert.equal(new Policy({ min_length: undefined, max_length: null }).minLength, 0);
    assert.equal(new Policy({ ad: { maxPwdAge: -(2n ** 63n), minPwdLength: 9 } }).minLength, 9);
  });
});

describe("validate", () => {
  const policy = new Policy({
    min_length: 12,
    min_digits: 1,
    min_upper: 1,
    blocklist: true,
    forbid_username: true,
    forbid_display_name: true,
    forbid_email: true,
  });

  test("violations: code, message, parameters, in order", () => {
    const result = policy.validate("password");
    assert.equal(result.ok, false);
    assert.deepEqual(codes(result), ["TOO_SHORT", "INSUFFICIENT_UPPERCASE", "INSUFFICIENT_DIGITS", "IN_BLOCKLIST"]);
    assert.deepEqual(result.violations[0], {
      code: "TOO_SHORT",
      message: "must be at least 12 characters long (it is 8)",
      required: 12,
      actual: 8,
      unit: "code_points",
    });
    assert.deepEqual(result.violations[3], {
      code: "IN_BLOCKLIST",
      message: "is a commonly used password; choose a less predictable one",
      source: "common",
    });
    assert.deepEqual(policy.validate("Tr0ub4dor&3xyz"), { ok: true, violations: [] });
    assert.equal(policy.isCompliant("Tr0ub4dor&3xyz"), true);
    assert.equal(policy.isCompliant("password"), false);
  });

  test("the user's context, in camelCase", () => {
    const user = { username: "jsmith", display_name: "John Smith-Jones", email: "jj@example.com" };
    const result = policy.validate("Jsmith-Jones-2024", user);
    assert.deepEqual(codes(result), ["CONTAINS_ACCOUNT_NAME", "CONTAINS_DISPLAY_NAME", "CONTAINS_DISPLAY_NAME"]);
    assert.deepEqual(result.violations.map((v) => v.token), ["jsmith", "smith", "jones"]);
    assert.equal(policy.isCompliant("Jsmith-Jones-2024", user), false);
    assert.equal(policy.isCompliant("Jsmith-Jones-2024"), true);
    assert.deepEqual(codes(policy.validate("Xjj-example-2024Q", { email: "jj-example@x.org" })), ["CONTAINS_EMAIL"]);
  });

  test("history: the caller's contains(password, depth)", () => {
    const withHistory = new Policy({ history: 2 });
    const calls = [];
    const history = {
      contains(password, depth) {
        calls.push([password, depth]);
        return ["current", "old-1", "old-2", "old-3"].slice(0, depth + 1).includes(password);
      },
    };
    assert.deepEqual(codes(withHistory.validate("old-2", { history })), ["IN_HISTORY"]);
    assert.equal(withHistory.validate("old-2", { history }).violations[0].depth, 2);
    assert.deepEqual(codes(withHistory.validate("old-3", { history })), []);
    assert.deepEqual(calls.at(-1), ["old-3", 2]);
    assert.deepEqual(codes(withHistory.validate("old-2")), [], "no history given: not checked");

    const boom = new Error("directory down");
    assert.throws(() => withHistory.validate("x", { history: { contains: () => { throw boom; } } }), (e) => e === boom);
    throwsCode(() => withHistory.validate("x", { history: { contains: () => "no" } }), "INVALID_ARGUMENT", TypeError);
    throwsCode(() => withHistory.validate("x", { history: {} }), "INVALID_ARGUMENT", TypeError);
    throwsCode(() => withHistory.isCompliant("x", { history }), "INVALID_ARGUMENT", TypeError);
  });

  test("an operator's blocklist", () => {
    const listed = policy.withBlocklist("# ours\nCorrect-Horse-9\n");
    assert.deepEqual(listed.validate("correct-horse-9").violations.map((v) => [v.code, v.source]), [
      ["INSUFFICIENT_UPPERCASE", undefined],
      ["IN_BLOCKLIST", "operator"],
    ]);
    assert.equal(policy.isCompliant("Correct-Horse-9"), true, "the original is unchanged");
  });

  test("no violation repeats the password", () => {
    const strict = new Policy({ forbidden_words: ["horse"], max_repeat: 2, sequence_length: 3, strength_check: "'^x'" });
    const secret = "ahorsebbb123Secret";
    const result = strict.validate(secret);
    assert.ok(result.violations.length >= 4);
    assert.ok(!JSON.stringify(result).includes(secret));
  });

  test("bad options", () => {
    throwsCode(() => policy.validate("x", { displayName: "x" }), "INVALID_ARGUMENT", TypeError);
    throwsCode(() => policy.validate("x", { username: 5 }), "INVALID_ARGUMENT", TypeError);
    throwsCode(() => policy.validate("x", "jsmith"), "INVALID_ARGUMENT", TypeError);
  });
});

describe("lint", () => {
  test("NIST findings, with and without MFA", () => {
    const policy = new Policy({ min_length: 8, max_length: 20, min_digits: 1 });
    const findings = policy.lint();
    assert.deepEqual(findings.map((f) => f.code), [
      "MIN_LENGTH_TOO_SHORT", "MAX_LENGTH_TOO_SHORT", "COMPOSITION_RULES", "NO_BLOCKLIST", "NO_RATE_LIMIT",
    ]);
    assert.deepEqual(Object.keys(findings[0]).sort(), ["code", "message", "severity"]);
    assert.ok(["info", "warning", "error"].includes(findings[0].severity));
    assert.ok(!policy.lint({ mfa: true }).some((f) => f.code === "MIN_LENGTH_TOO_SHORT"));
    throwsCode(() => policy.lint({ MFA: true }), "INVALID_ARGUMENT", TypeError);
  });
});

describe("generating for a policy", () => {
  const policy = new Policy({
    min_length: 14,
    min_categories: 3,
    min_digits: 2,
    max_repeat: 2,
    sequence_length: 3,
    no_symbol_at_ends: true,
    blocklist: true,
    forbid_username: true,
    forbid_display_name: true,
  });
  const user = { username: "jsmith", display_name: "John Smith" };

  test("derived settings: every password complies for the user", () => {
    const generator = new Generator({ policy, ...user });
    assert.equal(generator.length, 14);
    for (const password of generator.generateMany(300)) {
      assert.deepEqual(policy.validate(password, user), { ok: true, violations: [] }, password);
    }
    policy.checkGenerator(generator);
    assert.equal(policy.minLength, 14, "the caller's policy is still usable");
  });

  test("seeded generation is reproducible", () => {
    const a = new Generator({ policy, ...user }).generateMany(5, { seedForTests: 7n });
    const b = new Generator({ policy, ...user }).generateMany(5, { seedForTests: 7n });
    assert.deepEqual(a, b);
    assert.equal(new Generator({ policy, ...user }).generate({ seedForTests: 7n }), a[0]);
  });

  test("options given are checked against the policy", () => {
    const generator = new Generator({ policy, length: 20, digits: 3, symbols: 1, upper: 1, lower: 1 });
    assert.equal(generator.length, 20);
    for (const password of generator.generateMany(50)) assert.ok(policy.isCompliant(password), password);
    const e = throwsCode(() => new Generator({ policy, length: 8, digits: 0 }), "SETTINGS_BELOW_POLICY");
    assert.deepEqual(e.reasons.map((r) => r.code), [
      "GENERATOR_LENGTH_BELOW_MINIMUM",
      "GENERATOR_CLASS_BELOW_MINIMUM",
    ]);
    for (const reason of e.reasons) assert.equal(typeof reason.message, "string");
  });

  test("checkGenerator", () => {
    const e = throwsCode(() => policy.checkGenerator(new Generator({ length: 8 })), "SETTINGS_BELOW_POLICY");
    assert.ok(e.reasons.length >= 1);
    assert.match(e.reasons[0].message, /below the policy minimum of 14/);
    policy.checkGenerator(new Generator({ length: 16, digits: 2, symbols: 1 }));
  });

  test("generatorSettings: the options the core derives", () => {
    const p = new Policy({ min_length: 15, min_categories: 3, min_digits: 2 });
    const settings = p.generatorSettings();
    assert.deepEqual(settings, {
      length: 15,
      lower: 1,
      upper: 1,
      digits: 2,
      symbols: 0,
      exclude: "",
      avoid_ambiguous: false,
    });
    const explicit = new Generator(settings);
    const derived = new Generator({ policy: p });
    assert.equal(explicit.entropyBits, derived.entropyBits);
    assert.equal(explicit.passwordCount, derived.passwordCount);
    p.checkGenerator(explicit);
    new Generator({ policy: p, ...settings }); // checked against the policy: accepted
    // What the policy does not allow is excluded.
    assert.equal(new Policy({ min_symbols: 1, forbidden_characters: "\"'" }).generatorSettings().exclude, "\"'");
    assert.equal(policy.generatorSettings().length, 14);
  });

  test("generatorSettings: SETTINGS_BELOW_POLICY when no generator can", () => {
    const e = throwsCode(() => new Policy({ min_length: 2000 }).generatorSettings(), "SETTINGS_BELOW_POLICY");
    assert.deepEqual(e.reasons.map((r) => r.code), ["GENERATOR_LENGTH_ABOVE_LIMIT"]);
    assert.equal(typeof e.reasons[0].message, "string");
  });

  test("a policy no candidate meets: POLICY_UNMET", () => {
    const impossible = new Policy({ min_length: 8, forbidden_patterns: ["."] });
    const e = throwsCode(() => new Generator({ policy: impossible }).generate(), "POLICY_UNMET");
    assert.equal(typeof e.attempts, "number");
  });

  test("bad policy options", () => {
    throwsCode(() => new Generator({ username: "jsmith" }), "CONTEXT_WITHOUT_POLICY", TypeError);
    throwsCode(() => new Generator({ policy: { min_length: 12 } }), "INVALID_ARGUMENT", TypeError);
    const freed = new Policy();
    freed.free();
    throwsCode(() => new Generator({ policy: freed }), "INVALID_ARGUMENT", TypeError);
    throwsCode(() => new Generator({ policy, displayName: "x" }), "INVALID_ARGUMENT", TypeError);
  });
});

test("the shipped common-password list", () => {
  assert.equal(isCommonPassword("Password1"), true);
  assert.equal(isCommonPassword("q7R%v2-Lz@9W"), false);
  assert.equal(commonPasswordCount(), 30000);
});

describe("resolvePso", () => {
  const guid = (last) => "00".repeat(15) + last;

  test("a directly linked PSO beats group-linked ones regardless of precedence", () => {
    const candidates = [
      { name: "Admins", precedence: 1, link: "group" },
      { name: "jsmith", precedence: 50, link: "direct", attributes: { "msDS-MinimumPasswordLength": "8" } },
      { name: "Staff", precedence: 5, link: "group" },
    ];
    assert.equal(resolvePso(candidates), 1);
  });

  test("the lowest precedence wins among the same link", () => {
    assert.equal(
      resolvePso([
        { precedence: 20, link: "group" },
        { precedence: 10, link: "group" },
        { precedence: 30, link: "group" },
      ]),
      1,
    );
    assert.equal(
      resolvePso([
        { precedence: 7, link: "direct" },
        { precedence: 3, link: "direct" },
        { precedence: 0, link: "group" },
      ]),
      1,
    );
  });

  test("the lowest objectGUID breaks a precedence tie (hex or bytes)", () => {
    const bytes = new Uint8Array(16);
    bytes[15] = 0x01;
    assert.equal(
      resolvePso([
        { precedence: 10, link: "group", object_guid: guid("ff") },
        { precedence: 10, link: "group", object_guid: bytes },
        { precedence: 10, link: "group", object_guid: guid("0A") },
      ]),
      1,
    );
    // Without one, the GUID is all zeros.
    assert.equal(
      resolvePso([
        { precedence: 10, link: "group", object_guid: guid("01") },
        { precedence: 10, link: "group" },
      ]),
      1,
    );
  });

  test("no candidate: null (the domain policy applies)", () => {
    assert.equal(resolvePso([]), null);
  });

  test("errors: PSO_CANDIDATE naming the candidate, from the core", () => {
    // A bad attribute value: the core's PSO_CANDIDATE, with the attribute error as its detail.
    const attribute = throwsCode(
      () => resolvePso([{ precedence: 1, link: "direct", attributes: { "msDS-MinimumPasswordLength": "ten" } }]),
      "PSO_CANDIDATE",
    );
    assert.ok(!(attribute instanceof TypeError));
    assert.match(attribute.message, /^PSO candidate 0: /);
    // Not a list of candidates at all: INVALID_ARGUMENT.
    for (const candidates of ["not an array", { precedence: 1, link: "direct" }]) {
      throwsCode(() => resolvePso(candidates), "INVALID_ARGUMENT", TypeError);
    }
    // A candidate of the wrong shape: PSO_CANDIDATE (a TypeError) naming its index.
    const bad = [
      [null],
      [[1, "direct"]],
      [{ link: "direct" }],
      [{ precedence: -1, link: "direct" }],
      [{ precedence: 1.5, link: "direct" }],
      [{ precedence: 1 }],
      [{ precedence: 1, link: "user" }],
      [{ precedence: 1, link: "direct", object_guid: "00ff" }],
      [{ precedence: 1, link: "direct", object_guid: "zz".repeat(16) }],
      [{ precedence: 1, link: "direct", object_guid: new Uint8Array(15) }],
      [{ precedence: 1, link: "direct", object_guid: 42 }],
      [{ precedence: 1, link: "direct", attributes: { "msDS-MinimumPasswordLength": 8 } }],
      [{ precedence: 1, link: "direct", attributes: "msDS-MinimumPasswordLength=8" }],
      // The core's keys, not camelCase.
      [{ precedence: 1, link: "direct", objectGuid: guid("01") }],
    ];
    for (const candidates of bad) {
      const e = throwsCode(() => resolvePso([{ precedence: 1, link: "group" }, ...candidates]), "PSO_CANDIDATE", TypeError);
      assert.match(e.message, /^PSO candidate 1: /);
    }
    const error = throwsCode(() => resolvePso([{ precedence: 1, link: "direct", applies: "x" }]), "PSO_CANDIDATE", TypeError);
    assert.match(error.message, /unknown option `applies`/);
  });
});
