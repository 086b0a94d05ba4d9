// Loads the shared vector corpora (repo root tests/vectors/*.json). Node only.
// PASSFORGE_VECTORS=path runs another generate corpus in the same format.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const vectors = (name) => fileURLToPath(new URL(`../../tests/vectors/${name}`, import.meta.url));

export const corpusPath = process.env.PASSFORGE_VECTORS ?? vectors("generate.json");

export function loadCorpus() {
  return JSON.parse(readFileSync(corpusPath, "utf8"));
}

/** The text of tests/vectors/<name>.json (validate, tokens, expiry, contract, assessments,
 * password_rules); the
 * runners parse it. */
export function corpusText(name) {
  return readFileSync(vectors(`${name}.json`), "utf8");
}
