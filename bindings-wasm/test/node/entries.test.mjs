// The package's two entry points (README.md, "Entry points"): what each exports, that
// `passforge/extras` is a module of its own, and that TOML read through it gives the
// policy the main entry's reader builds.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, test } from "node:test";

import * as passforge from "passforge";
import * as extras from "passforge/extras";

import { throwsCode } from "../throws.mjs";

const require = createRequire(import.meta.url);
const examples = new URL("../../../examples/", import.meta.url);
/** Both entries export the runtime's error class and its test. */
const RUNTIME = ["PassforgeError", "isPassforgeError"];

describe("entry points", () => {
  test("the main entry exports nothing of passforge/extras, and the other way round", () => {
    const moved = Object.keys(extras).filter((name) => !RUNTIME.includes(name));
    assert.ok(moved.length >= 20, `${moved.length} exports in extras`);
    assert.deepEqual(moved.filter((name) => name in passforge), []);
    const main = Object.keys(passforge).filter((name) => !RUNTIME.includes(name));
    assert.deepEqual(main.filter((name) => name in extras), []);
    for (const name of ["TimeTokenScheme", "SharedToken", "RequestTokenScheme", "MemoryReplayGuard",
      "OneTimeCodePolicy", "ResetToken", "SecurityAnswerHasher", "Expiry", "timestampFromFiletime",
      "resolvePso", "policyJsonFromToml"]) {
      assert.equal(typeof extras[name], "function", `extras exports ${name}`);
      assert.equal(passforge[name], undefined, `the main entry does not export ${name}`);
    }
    assert.equal(passforge.Policy.fromToml, undefined, "TOML is read by passforge/extras");
  });

  test("each entry is its own module; require and import share each one", () => {
    assert.equal(require("passforge/extras").TimeTokenScheme, extras.TimeTokenScheme);
    assert.equal(require("passforge").Generator, passforge.Generator);
    const glue = (name) => readFileSync(require.resolve(name), "utf8");
    assert.match(glue("passforge"), /passforge_bg\.wasm/);
    assert.match(glue("passforge/extras"), /extras_bg\.wasm/);
    assert.doesNotMatch(glue("passforge/extras"), /passforge_bg\.wasm/);
  });

  test("an error from either entry is a PassforgeError of both", () => {
    const fromExtras = throwsCode(() => new extras.OneTimeCodePolicy({ digits: 2 }), "CODE_DIGITS");
    assert.ok(fromExtras instanceof passforge.PassforgeError && passforge.isPassforgeError(fromExtras));
    const fromMain = throwsCode(() => new passforge.Generator({ digit_set: "" }), "CLASS_EMPTY");
    assert.ok(fromMain instanceof extras.PassforgeError);
  });
});

describe("policyJsonFromToml", () => {
  const files = readdirSync(examples).filter((f) => /^policy-.*\.toml$/.test(f));

  test("reads every example policy into the JSON Policy.fromJson reads back unchanged", () => {
    assert.ok(files.length >= 3, files.join(", "));
    for (const file of files) {
      const json = extras.policyJsonFromToml(readFileSync(new URL(file, examples), "utf8"));
      const policy = passforge.Policy.fromJson(json);
      // toJson() writes the whole spec the policy was built from: the TOML's, key for key.
      assert.deepEqual(JSON.parse(policy.toJson()), JSON.parse(json), file);
      assert.ok(Object.keys(JSON.parse(json)).length > 5, file);
    }
  });

  test("gives the policy of the same document written as JSON", () => {
    const toml = 'min_length = 12\nmin_digits = 1\nforbidden_words = ["acme"]\n\n[ad]\nminPwdLength = 14\npwdProperties = 1\n';
    const json = '{"min_length": 12, "min_digits": 1, "forbidden_words": ["acme"], "ad": {"minPwdLength": 14, "pwdProperties": 1}}';
    const fromToml = passforge.Policy.fromJson(extras.policyJsonFromToml(toml));
    assert.equal(fromToml.toJson(), passforge.Policy.fromJson(json).toJson());
    assert.equal(fromToml.minLength, 14);
    assert.deepEqual(fromToml.validate("Acme-12345678x").violations.map((v) => v.code), ["CONTAINS_WORD"]);
  });

  test("syntax errors name the place; conflicts are the policy's to refuse", () => {
    const e = throwsCode(() => extras.policyJsonFromToml("min_length = 10\nfoo = 1\n"), "POLICY_SYNTAX");
    assert.match(e.message, /line 2, column 1/);
    const conflict = extras.policyJsonFromToml("min_length = 20\nmax_length = 10\n");
    throwsCode(() => passforge.Policy.fromJson(conflict), "POLICY_LENGTH_RANGE");
  });
});

describe("what the package leaves out for size", () => {
  test("Unicode property classes are refused with their own code; Perl classes and (?i) stay", () => {
    const e = throwsCode(() => new passforge.StrengthCheck("'[0-9]', '\\p{Lu}'"), "STRENGTH_CHECK_CLASS_UNAVAILABLE");
    assert.match(e.message, /pattern 2 '\\p\{Lu\}'/);
    throwsCode(() => new passforge.Policy({ forbidden_patterns: ["\\PL"] }), "POLICY_FORBIDDEN_PATTERN");
    const check = new passforge.StrengthCheck("'^\\w+$', '(?i)ÄPFEL', '\\d'");
    assert.equal(check.isMatch("äpfel٣"), true, "\\w, (?i) and \\d are Unicode-aware");
    assert.equal(check.isMatch("apfel3"), false);
  });
});
