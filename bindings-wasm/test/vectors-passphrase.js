// Runs tests/vectors/passphrase.json (format: tests/vectors/README.md,
// "passforge-vectors/passphrase/1") against a loaded `passforge` module; mirrors
// core/tests/vectors_passphrase.rs. Shared by the Node tests and the browser test (no Node
// APIs).

export const FORMAT = "passforge-vectors/passphrase/1";

/** Entropy is a float computed from an exact count. */
const ENTROPY_TOLERANCE = 1e-9;

/** What the package does with a case: `{ error, reasons }` or the generator's figures. */
function runCase(p, c) {
  let policy;
  let wordlist;
  let generator;
  try {
    policy = c.policy === undefined ? undefined : new p.Policy(c.policy);
    wordlist = c.wordlist === undefined ? undefined : new p.WordList(c.wordlist);
    generator = new p.PassphraseGenerator({ ...c.settings, ...c.context, wordlist, policy });
    return {
      passphrases: generator.generateMany(c.count, { seedForTests: BigInt(c.seed) }),
      first: generator.generate({ seedForTests: BigInt(c.seed) }),
      words: generator.words,
      entropy_bits: generator.entropyBits,
      passphrase_count: generator.passphraseCount,
    };
  } catch (e) {
    if (e instanceof Error && typeof e.code === "string") {
      return { error: e.code, reasons: e.reasons?.map((r) => r.code), message: e.message };
    }
    throw e;
  } finally {
    generator?.free();
    wordlist?.free();
    policy?.free();
  }
}

/** How an outcome differs from the case's expectations; empty when it passes. */
function compare(c, got) {
  const expect = c.expect;
  if (expect.error !== undefined) {
    const problems = got.error === expect.error ? [] : [`expected ${expect.error}, got ${got.error ?? "no error"}`];
    if (expect.reasons !== undefined && JSON.stringify(got.reasons) !== JSON.stringify(expect.reasons)) {
      problems.push(`reasons: expected ${expect.reasons}, got ${got.reasons}`);
    }
    return problems;
  }
  if (got.error !== undefined) return [`unexpected ${got.error}: ${got.message}`];
  const problems = [];
  if (JSON.stringify(got.passphrases) !== JSON.stringify(expect.passphrases)) {
    problems.push(`passphrases: expected ${JSON.stringify(expect.passphrases)}, got ${JSON.stringify(got.passphrases)}`);
  }
  if (got.first !== expect.passphrases[0]) problems.push(`generate(): ${got.first}`);
  if (got.words !== expect.words) problems.push(`words: ${got.words}`);
  if (got.passphrase_count !== expect.passphrase_count) problems.push(`count: ${got.passphrase_count}`);
  if (!(Math.abs(got.entropy_bits - expect.entropy_bits) <= ENTROPY_TOLERANCE)) {
    problems.push(`entropy_bits: expected ${expect.entropy_bits}, got ${got.entropy_bits}`);
  }
  return problems;
}

/** Every case of the corpus text: `{ name, problems }`. */
export function runCorpus(p, text) {
  const corpus = JSON.parse(text);
  if (corpus.format !== FORMAT) throw new Error(`expected ${FORMAT}, got ${corpus.format}`);
  return corpus.cases.map((c) => ({ name: c.name, problems: compare(c, runCase(p, c)) }));
}
