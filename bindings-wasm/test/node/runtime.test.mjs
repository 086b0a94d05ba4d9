// The package's own JavaScript (js/runtime.js): the runtime PassforgeError, freed
// objects, toJSON and util.inspect; and the messages for options of the wrong type.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { inspect } from "node:util";
import { describe, test } from "node:test";

import * as passforge from "passforge";
import * as extras from "passforge/extras";
import {
  Generator,
  PassforgeError,
  PasswordRules,
  Policy,
  StrengthCheck,
  isPassforgeError,
} from "passforge";
import {
  Expiry,
  MaxPasswordAge,
  MemoryReplayGuard,
  OneTimeCodePolicy,
  PasswordLastSet,
  ReminderDelay,
  RequestTokenScheme,
  ResetToken,
  ResetTokenDigest,
  SecurityAnswerHasher,
  SecurityQuestionRule,
  SharedToken,
  TimeTokenScheme,
} from "passforge/extras";

import { throwsCode } from "../throws.mjs";

const require = createRequire(import.meta.url);
const now = new Date("2024-03-01T12:00:00Z");

describe("PassforgeError", () => {
  test("is exported by require and import alike", () => {
    const cjs = require("passforge");
    assert.equal(cjs.PassforgeError, PassforgeError);
    assert.equal(cjs.isPassforgeError, isPassforgeError);
    assert.equal(typeof PassforgeError, "function");
  });

  test("instanceof holds for core errors, TypeErrors and RangeErrors", () => {
    const core = throwsCode(() => new Generator({ digit_set: "" }), "CLASS_EMPTY");
    assert.ok(core instanceof PassforgeError && core instanceof Error);
    assert.ok(!(core instanceof TypeError));
    const type = throwsCode(() => new Generator({ lenght: 1 }), "INVALID_ARGUMENT", TypeError);
    assert.ok(type instanceof PassforgeError);
    const range = throwsCode(() => new Generator().generateMany(-1), "INVALID_ARGUMENT", RangeError);
    assert.ok(range instanceof PassforgeError);
    const unmet = throwsCode(
      () => new Generator({ policy: new Policy({ forbidden_patterns: ["."] }) }).generate(),
      "POLICY_UNMET",
    );
    assert.equal(typeof unmet.attempts, "number");
  });

  test("other errors and look-alikes are not passforge errors", () => {
    for (const value of [
      new Error("x"),
      new TypeError("x"),
      Object.assign(new Error("x"), { name: "PassforgeError" }),
      { name: "PassforgeError", code: "LENGTH_ZERO", message: "not an Error" },
      null,
      undefined,
      "PassforgeError",
    ]) {
      assert.equal(value instanceof PassforgeError, false, String(value));
      assert.equal(isPassforgeError(value), false, String(value));
    }
  });

  test("can be made by hand, and subclassed", () => {
    const cause = new Error("below");
    const e = new PassforgeError("the length is zero; set length or a minimum", { code: "LENGTH_ZERO", cause });
    assert.ok(e instanceof PassforgeError && e instanceof Error && isPassforgeError(e));
    assert.equal(e.name, "PassforgeError");
    assert.equal(e.code, "LENGTH_ZERO");
    assert.equal(e.cause, cause);
    assert.throws(() => new PassforgeError("no code"), TypeError);
    class Mine extends PassforgeError {}
    assert.ok(new Mine("m", { code: "LENGTH_ZERO" }) instanceof Mine);
    assert.equal(e instanceof Mine, false, "a subclass keeps the prototype test");
  });
});

/** One live instance of every class the package exports. */
const MAKERS = {
  Generator: () => new Generator(),
  StrengthCheck: () => new StrengthCheck("'[0-9]'"),
  PassphraseGenerator: () => new passforge.PassphraseGenerator(),
  WordList: () => passforge.WordList.effLarge(),
  Policy: () => new Policy({ min_length: 8 }),
  PasswordRules: () => new PasswordRules("minlength: 8; required: digit"),
  PasswordLastSet: () => PasswordLastSet.mustChange(),
  MaxPasswordAge: () => MaxPasswordAge.fromDays(60),
  Expiry: () => Expiry.never(),
  ReminderDelay: () => new ReminderDelay(),
  ResetToken: () => ResetToken.issue(now),
  StoredResetToken: () => ResetToken.issue(now).stored,
  ResetTokenDigest: () => ResetTokenDigest.of("token"),
  SharedToken: () => new SharedToken("s3cret"),
  TimeTokenScheme: () => new TimeTokenScheme(),
  RequestTokenScheme: () => new RequestTokenScheme(),
  MemoryReplayGuard: () => new MemoryReplayGuard(),
  OneTimeCodePolicy: () => new OneTimeCodePolicy(),
  SecurityAnswerHasher: () => new SecurityAnswerHasher({ memoryKib: 19456 }),
  SecurityQuestionRule: () => new SecurityQuestionRule(),
};

// Both entries' classes: js/runtime.js is installed in each.
const classes = [...Object.entries(passforge), ...Object.entries(extras)].filter(
  ([, v]) => typeof v === "function" && typeof v.prototype?.free === "function",
);

describe("freed objects", () => {
  test("every class is covered here", () => {
    assert.deepEqual(classes.map(([name]) => name).sort(), Object.keys(MAKERS).sort());
  });

  for (const [name, Class] of classes) {
    test(`${name}: every method and getter refuses a freed object`, () => {
      const keys = Object.getOwnPropertyNames(Class.prototype).filter(
        (k) => !["constructor", "free", "__destroy_into_raw"].includes(k),
      );
      assert.ok(keys.length > 0);
      for (const key of keys) {
        const object = MAKERS[name]();
        object.free();
        const d = Object.getOwnPropertyDescriptor(Class.prototype, key);
        const e = throwsCode(() => (d.get ?? d.value).call(object), "INVALID_ARGUMENT", TypeError);
        assert.match(e.message, new RegExp(`^${name}\\.${key}: this ${name} was freed`), e.message);
      }
      const object = MAKERS[name]();
      object.free();
      object.free();
      object[Symbol.dispose]();
      assert.equal(inspect(object), `${name} <freed>`);
    });
  }

  test("a freed argument is refused by name", () => {
    const policy = new Policy({ min_length: 8 });
    const generator = new Generator();
    generator.free();
    const e = throwsCode(() => policy.checkGenerator(generator), "INVALID_ARGUMENT", TypeError);
    assert.match(e.message, /^Policy\.checkGenerator: argument 1 \(a Generator\) was freed/);
    const lastSet = PasswordLastSet.mustChange();
    lastSet.free();
    throwsCode(() => Expiry.compute(lastSet, MaxPasswordAge.never()), "INVALID_ARGUMENT", TypeError);
    policy.free();
    const f = throwsCode(() => new Generator({ policy }), "INVALID_ARGUMENT", TypeError);
    assert.match(f.message, /options\.policy/);
  });

  test("a detached method says how to call it", () => {
    const { generate } = new Generator();
    const e = throwsCode(() => generate(), "INVALID_ARGUMENT", TypeError);
    assert.match(e.message, /called on undefined, not on a Generator/);
  });
});

describe("toJSON and util.inspect", () => {
  test("a policy is its spec with the policy-file keys, and reads back", () => {
    const policy = new Policy({ min_length: 12, min_digits: 1, blocklist: true, sequences: ["qwerty"] });
    assert.equal(JSON.stringify(policy), '{"blocklist":true,"min_digits":1,"min_length":12,"sequences":["qwerty"]}');
    assert.equal(Policy.fromJson(JSON.stringify(policy)).toJson(), policy.toJson());
    assert.deepEqual(JSON.parse(JSON.stringify(new Policy())), {});
    const ad = new Policy({ ad: { minPwdLength: 10, maxPwdAge: -36288000000000n } });
    assert.equal(Policy.fromJson(JSON.stringify(ad)).toJson(), ad.toJson());
    assert.match(inspect(policy), /^Policy \{\s+blocklist: true,\s+min_digits: 1,\s+min_length: 12,/);
    // An operator's blocklist is not part of the spec.
    assert.equal(JSON.stringify(policy.withBlocklist("acme-2024")), JSON.stringify(policy));
  });

  test("a generator is its settings, and its policy", () => {
    const plain = new Generator({ length: 16, symbols: 0, exclude: "l" });
    assert.deepEqual(plain.toJSON(), {
      length: 16, lower: 6, upper: 2, digits: 2, symbols: 0, exclude: "l", avoid_ambiguous: false,
    });
    assert.equal(new Generator(plain.toJSON()).passwordCount, plain.passwordCount);
    const policy = new Policy({ min_length: 14, blocklist: true });
    const forUser = new Generator({ policy, username: "jsmith", email: "j@example.org" });
    const json = forUser.toJSON();
    assert.deepEqual(json.policy, { min_length: 14, blocklist: true });
    assert.equal(json.length, 14);
    assert.doesNotMatch(JSON.stringify(forUser), /jsmith|example/, "not the user");
    assert.match(inspect(plain), /^Generator \{\s+length: 16,/);
  });

  test("a strength check is its patterns", () => {
    const check = new StrengthCheck("'^.{12,}$', 'it''s'");
    assert.equal(JSON.stringify(check), '{"patterns":["^.{12,}$","it\'s"]}');
    assert.equal(inspect(check), "StrengthCheck { patterns: [ '^.{12,}$', \"it's\" ] }");
  });

  test("settings of the other classes; never a secret", () => {
    assert.deepEqual(new TimeTokenScheme({ periodSeconds: 60 }).toJSON(), { algorithm: "sha1", periodSeconds: 60, skewWindows: 1 });
    assert.deepEqual(Object.keys(new OneTimeCodePolicy().toJSON()), [
      "digits", "lifetimeSeconds", "maxSends", "sendWindowSeconds", "minSecondsBetweenSends", "maxAttempts",
    ]);
    assert.deepEqual(new SecurityAnswerHasher({ memoryKib: 19456 }).toJSON(), { memoryKib: 19456, iterations: 2, parallelism: 1 });
    assert.deepEqual(new SecurityQuestionRule({ asked: 2, enrolled: 3 }).toJSON(), { asked: 2, enrolled: 3 });
    assert.deepEqual(new ReminderDelay({ maxSeconds: 60 }).toJSON(), { maxSeconds: 60 });
    assert.deepEqual(new MemoryReplayGuard().toJSON(), { size: 0 });
    assert.deepEqual(new RequestTokenScheme({ skewWindows: 0 }).toJSON(), { periodSeconds: 300, skewWindows: 0 });

    const issued = ResetToken.issue(now, { lifetimeSeconds: 600 });
    const json = JSON.stringify(issued);
    assert.ok(!json.includes(issued.token) && !inspect(issued).includes(issued.token), json);
    assert.deepEqual(JSON.parse(json), {
      stored: { digest: issued.stored.digest.toHex(), issuedAt: now.toISOString(), expiresAt: "2024-03-01T12:10:00.000Z" },
    });
    assert.equal(JSON.stringify(issued.stored.digest), JSON.stringify(issued.stored.digest.toHex()));

    const shared = new SharedToken("hunter2-shared-secret");
    assert.equal(inspect(shared), "SharedToken {}");
    assert.equal(JSON.stringify(shared), "{}");
  });
});

describe("option values of the wrong type", () => {
  test("seedForTests must be a bigint; the message names the fix", () => {
    const g = new Generator();
    for (const call of [
      () => g.generate({ seedForTests: 1 }),
      () => g.generateMany(2, { seedForTests: 1 }),
      () => new ReminderDelay().sample({ seedForTests: 1 }),
      () => new OneTimeCodePolicy().generate({ seedForTests: 1 }),
      () => ResetToken.issue(now, { seedForTests: 1 }),
      () => new SecurityAnswerHasher().hash("x", { seedForTests: 1 }),
    ]) {
      const e = throwsCode(call, "INVALID_ARGUMENT", TypeError);
      assert.equal(
        e.message,
        "options.seedForTests: expected a bigint from 0n to 2n ** 64n - 1n, got 1 (a number; write 1n)",
      );
    }
    assert.equal(typeof g.generate({ seedForTests: 1n }), "string");
    for (const [seed, got] of [[-1n, "-1n"], [2n ** 64n, "18446744073709551616n"], ["1", '"1"'], [1.5, "1.5"]]) {
      const e = throwsCode(() => g.generate({ seedForTests: seed }), "INVALID_ARGUMENT", TypeError);
      assert.ok(e.message.endsWith(`got ${got}`), e.message);
    }
  });

  test("a count of the wrong type says what it takes and what it got", () => {
    const cases = [
      [{ length: -1 }, "options.length: expected a whole number from 0 to 4294967295, got -1"],
      [{ length: 1.5 }, "options.length: expected a whole number from 0 to 4294967295, got 1.5"],
      [{ length: 2 ** 32 }, "options.length: expected a whole number from 0 to 4294967295, got 4294967296"],
      [{ length: "12" }, 'options.length: expected a whole number from 0 to 4294967295, got "12"'],
      [{ lower_set: 5 }, "options.lower_set: expected a string, got 5"],
      [{ avoid_ambiguous: "yes" }, 'options.avoid_ambiguous: expected true or false, got "yes"'],
    ];
    for (const [options, message] of cases) {
      assert.equal(throwsCode(() => new Generator(options), "INVALID_ARGUMENT", TypeError).message, message);
    }
    // A policy object is read by the core, as a mapping: its POLICY_SYNTAX, without a line
    // but naming the key.
    const e = throwsCode(() => new Policy({ min_length: -3 }), "POLICY_SYNTAX", TypeError);
    assert.equal(e.message, "the JSON policy could not be read: min_length: invalid value: integer `-3`, expected a whole number from 0 to 4294967295");
    const seq = throwsCode(() => new Policy({ forbidden_patterns: ["a", 7] }), "POLICY_SYNTAX", TypeError);
    assert.match(seq.message, /: forbidden_patterns\[1\]: .*expected a string/);
  });
});

describe("a value that is not a string where a string goes in", () => {
  // wasm-bindgen copies string arguments into the module unchecked: before build.sh's
  // guard, each of these trapped with "memory access out of bounds".
  const policy = new Policy({ min_length: 8 });
  const calls = {
    "isCommonPassword(42)": () => passforge.isCommonPassword(42),
    "new StrengthCheck(42)": () => new StrengthCheck(42),
    "policy.validate(42)": () => policy.validate(42),
    "Policy.fromPasswordRules({})": () => Policy.fromPasswordRules({}),
    "new PasswordRules([text])": () => new PasswordRules(["minlength: 8;"]),
    "extras.policyJsonFromToml(7n)": () => extras.policyJsonFromToml(7n),
    "extras.timestampFromRfc3339(Symbol())": () => extras.timestampFromRfc3339(Symbol("x")),
    "isCommonPassword(undefined)": () => passforge.isCommonPassword(undefined),
  };
  for (const [name, call] of Object.entries(calls)) {
    test(`${name} is INVALID_ARGUMENT, a TypeError`, () => {
      const error = throwsCode(call, "INVALID_ARGUMENT", TypeError);
      assert.match(error.message, /a string argument was expected, got (number|object|an array|bigint|symbol|undefined)|must be a string/);
    });
  }
  test("the value is not in the message, and the module still works afterwards", () => {
    const error = throwsCode(() => policy.validate(918273645), "INVALID_ARGUMENT", TypeError);
    assert.doesNotMatch(error.message, /918273645/);
    assert.equal(policy.validate("correct horse battery").ok, true);
    assert.equal(passforge.isCommonPassword("password"), true);
    assert.equal(new Generator({ length: 12 }).generate().length, 12);
  });
});
