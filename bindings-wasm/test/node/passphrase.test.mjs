// PassphraseGenerator and WordList through the built package.
import assert from "node:assert/strict";
import { test } from "node:test";

import { PassphraseGenerator, Policy, WordList } from "passforge";
import { policyJsonFromToml } from "passforge/extras";

import { throwsCode } from "../throws.mjs";

test("the defaults are six EFF words, exact entropy, OS randomness", () => {
  const g = new PassphraseGenerator();
  assert.equal(g.words, 6);
  assert.ok(Math.abs(g.entropyBits - 6 * Math.log2(7776)) < 1e-9);
  assert.equal(BigInt(g.passphraseCount), 7776n ** 6n);
  const [a, b] = g.generateMany(2);
  assert.notEqual(a, b);
  assert.deepEqual(g.toJSON(), { words: 6, separator: "-", capitalize: "none", number: false });
  assert.deepEqual(g.policyEstimate(), { share: 1, entropyBits: g.entropyBits });
  g.free();
});

test("options shape the output; a seed reproduces it", () => {
  const options = { words: 3, separator: { random: "digit" }, capitalize: "random_word", number: true };
  const g = new PassphraseGenerator(options);
  const batch = g.generateMany(50, { seedForTests: 7n });
  assert.deepEqual(g.generateMany(50, { seedForTests: 7n }), batch);
  assert.equal(g.generate({ seedForTests: 7n }), batch[0]);
  for (const p of batch) {
    assert.equal([...p].filter((c) => /[0-9]/.test(c)).length, 3, p);
    const words = p.split(/[0-9]+/).filter((w) => w !== "");
    assert.equal(words.length, 3, p);
    assert.equal(words.filter((w) => w === w.toUpperCase()).length, 1, p);
  }
  g.free();
});

test("word lists: instances, plain arrays and text, validated", () => {
  const list = WordList.fromText("# ours\nred\n11111\tgreen\n\nblue\n");
  assert.deepEqual(list.words, ["red", "green", "blue"]);
  assert.equal(WordList.effLarge().length, 7776);
  const g = new PassphraseGenerator({ words: 2, separator: ".", wordlist: list });
  assert.ok(g.generateMany(20).every((p) => p.split(".").every((w) => list.words.includes(w))));
  assert.equal(new PassphraseGenerator({ words: 2, wordlist: ["x", "y"] }).passphraseCount, "4");
  throwsCode(() => new WordList(["red", "RED"]), "WORDLIST_DUPLICATE");
  throwsCode(() => new WordList(["red"]), "WORDLIST_TOO_SMALL");
  throwsCode(() => new WordList(["red", "a b"]), "WORDLIST_CHARACTER");
  throwsCode(() => new WordList(["red", ""]), "WORDLIST_WORD_EMPTY");
  throwsCode(() => new WordList("red"), "INVALID_ARGUMENT");
  throwsCode(() => new PassphraseGenerator({ wordlist: 3 }), "INVALID_ARGUMENT");
  list.free();
});

test("settings errors carry the core's codes", () => {
  throwsCode(() => new PassphraseGenerator({ words: 0 }), "PASSPHRASE_WORD_COUNT");
  throwsCode(() => new PassphraseGenerator({ separator: "\t" }), "PASSPHRASE_SEPARATOR");
  throwsCode(() => new PassphraseGenerator({ capitalize: "title" }), "INVALID_ARGUMENT");
  throwsCode(() => new PassphraseGenerator({ separator: { random: "emoji" } }), "INVALID_ARGUMENT");
  throwsCode(() => new PassphraseGenerator({ wrods: 3 }), "INVALID_ARGUMENT");
  throwsCode(
    () => new PassphraseGenerator({ separator: "", wordlist: ["sun", "flower", "sunflower"] }),
    "PASSPHRASE_AMBIGUOUS",
  );
  throwsCode(() => new PassphraseGenerator({ username: "jdoe" }), "CONTEXT_WITHOUT_POLICY");
  throwsCode(() => new PassphraseGenerator().generateMany(-1), "INVALID_ARGUMENT");
});

test("a policy is checked, then kept by rejection", () => {
  const ad = Policy.fromJson(policyJsonFromToml("[ad]\nminPwdLength = 14\npwdProperties = 1\n"));
  const e = throwsCode(() => new PassphraseGenerator({ policy: ad }), "SETTINGS_BELOW_POLICY");
  assert.deepEqual(e.reasons.map((r) => r.code), ["GENERATOR_CATEGORIES_BELOW_MINIMUM"]);
  const g = new PassphraseGenerator({
    words: 4, capitalize: "first_letter", number: true, policy: ad, username: "jdoe",
  });
  for (const p of g.generateMany(30)) {
    assert.equal(ad.validate(p, { username: "jdoe" }).ok, true, p);
  }
  const { share, entropyBits } = g.policyEstimate();
  assert.ok(share > 0.9 && share <= 1 && entropyBits <= g.entropyBits);
  g.free();
  ad.free();
});
