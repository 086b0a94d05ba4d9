// The whole vector corpus against the built package, as `import "passforge"` resolves it.
import assert from "node:assert/strict";
import { test } from "node:test";

import * as passforge from "passforge";

import { corpusPath, loadCorpus } from "../corpus.mjs";
import { compare, FORMAT, runCase, skipReason } from "../vectors-runner.js";

const corpus = loadCorpus();

test(`corpus ${corpusPath} is ${FORMAT}`, () => {
  assert.equal(corpus.format, FORMAT);
  assert.ok(corpus.cases.length > 0, "the corpus has cases");
  const names = corpus.cases.map((c) => c.name);
  assert.equal(new Set(names).size, names.length, "case names are unique");
});

for (const c of corpus.cases) {
  test(`vector: ${c.name}`, (t) => {
    const reason = skipReason(c);
    if (reason !== null) {
      t.skip(reason);
      return;
    }
    assert.deepEqual(compare(c, runCase(passforge, c)), []);
  });
}
