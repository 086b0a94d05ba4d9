// Loads the shared vector corpus (repo root tests/vectors/generate.json). Node only.
// PASSFORGE_VECTORS=path runs another corpus file in the same format.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const corpusPath =
  process.env.PASSFORGE_VECTORS ??
  fileURLToPath(new URL("../../tests/vectors/generate.json", import.meta.url));

export function loadCorpus() {
  return JSON.parse(readFileSync(corpusPath, "utf8"));
}
