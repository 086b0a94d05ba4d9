// The validate, tokens, expiry, contract, assessments, passphrase, password_rules and secrets corpora (tests/vectors/) against the built package, as
// `import "passforge"` and `import "passforge/extras"` resolve them. Each case is one test; a skip names the case and why.
import assert from "node:assert/strict";
import { test } from "node:test";

import * as passforge from "passforge";
import * as extras from "passforge/extras";

import { corpusText } from "../corpus.mjs";
import * as assessments from "../vectors-assessments.js";
import * as contract from "../vectors-contract.js";
import * as expiry from "../vectors-expiry.js";
import * as passphrase from "../vectors-passphrase.js";
import * as passwordRules from "../vectors-password_rules.js";
import * as secrets from "../vectors-secrets.js";
import * as tokens from "../vectors-tokens.js";
import * as validate from "../vectors-validate.js";

for (const [name, runner, atLeast] of [
  ["validate", validate, 50],
  ["tokens", tokens, 200],
  ["expiry", expiry, 50],
  ["contract", contract, 40],
  ["assessments", assessments, 40],
  ["passphrase", passphrase, 20],
  ["password_rules", passwordRules, 120],
  ["secrets", secrets, 10],
]) {
  const results = runner.runCorpus(passforge, corpusText(name), extras);
  test(`corpus ${name}.json is ${runner.FORMAT}`, () => {
    assert.ok(results.length >= atLeast, `${results.length} cases`);
    const names = results.map((r) => r.name);
    assert.equal(new Set(names).size, names.length, "case names are unique");
  });
  for (const result of results) {
    test(`${name} vector: ${result.name}`, (t) => {
      if (result.skipped) {
        t.skip(result.skipped);
        return;
      }
      assert.deepEqual(result.problems, []);
    });
  }
}
