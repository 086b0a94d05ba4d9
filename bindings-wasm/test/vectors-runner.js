// Runs the cases of tests/vectors/generate.json against a loaded `passforge` module.
// Shared by the Node tests and the browser test (the page imports this file), so it uses
// no Node APIs. Format: tests/vectors/README.md ("passforge-vectors/generate/1").

export const FORMAT = "passforge-vectors/generate/1";

/** Expectation keys this runner knows how to check. */
const EXPECT_KEYS = new Set(["passwords", "length", "entropy_bits", "password_count", "error"]);

/** Entropy is a float computed from an exact count; runtimes may round differently. */
export const ENTROPY_TOLERANCE = 1e-9;

/** Why this runtime cannot run the case, or null when it can. */
export function skipReason(c) {
  if (typeof c.seed === "number" && !Number.isSafeInteger(c.seed)) {
    return `seed ${c.seed} is above 2^53: JSON.parse has already rounded it`;
  }
  const unknown = Object.keys(c.expect ?? {}).filter((k) => !EXPECT_KEYS.has(k));
  if (unknown.length > 0) {
    return `the JS runner does not know the expectation ${unknown.join(", ")}`;
  }
  if (c.expect?.passwords !== undefined && c.seed === undefined) {
    return "passwords are expected but the case has no seed";
  }
  return null;
}

/**
 * What the package does with a case: `{ error, message }`, or the generator's
 * `{ length, entropy_bits, password_count }` plus `passwords` when the case has a seed.
 */
export function runCase(passforge, c) {
  // The corpus settings use the core's keys, which are the package's generator options.
  const options = c.settings ?? {};
  let generator;
  try {
    generator = new passforge.Generator(options);
    const outcome = {
      length: generator.length,
      entropy_bits: generator.entropyBits,
      password_count: generator.passwordCount,
    };
    if (c.seed !== undefined) {
      outcome.passwords = generator.generateMany(c.count ?? 1, {
        seedForTests: BigInt(c.seed),
      });
    }
    return outcome;
  } catch (e) {
    if (e instanceof Error && typeof e.code === "string") {
      return { error: e.code, message: e.message };
    }
    throw e;
  } finally {
    generator?.free();
  }
}

/** How an outcome differs from the case's expectations; empty when the case passes. */
export function compare(c, outcome) {
  const expect = c.expect ?? {};
  if (expect.error !== undefined) {
    return outcome.error === expect.error
      ? []
      : [`expected error ${expect.error}, got ${outcome.error ?? "no error"}`];
  }
  if (outcome.error !== undefined) {
    return [`unexpected error ${outcome.error}: ${outcome.message}`];
  }
  const problems = [];
  if (expect.passwords !== undefined) {
    const want = expect.passwords;
    const got = outcome.passwords;
    if (got.length !== want.length) {
      problems.push(`expected ${want.length} passwords, got ${got.length}`);
    }
    want.forEach((w, i) => {
      if (got[i] !== w) {
        problems.push(`password ${i}: expected ${JSON.stringify(w)}, got ${JSON.stringify(got[i])}`);
      }
    });
  }
  if (expect.length !== undefined && outcome.length !== expect.length) {
    problems.push(`length: expected ${expect.length}, got ${outcome.length}`);
  }
  if (
    expect.entropy_bits !== undefined &&
    !(Math.abs(outcome.entropy_bits - expect.entropy_bits) <= ENTROPY_TOLERANCE)
  ) {
    problems.push(`entropy_bits: expected ${expect.entropy_bits}, got ${outcome.entropy_bits}`);
  }
  if (
    expect.password_count !== undefined &&
    outcome.password_count !== String(expect.password_count)
  ) {
    problems.push(`password_count: expected ${expect.password_count}, got ${outcome.password_count}`);
  }
  return problems;
}

/** Every case: `{ name, skipped }` or `{ name, outcome, problems }`. */
export function runCorpus(passforge, corpus) {
  if (corpus.format !== FORMAT) {
    throw new Error(`expected a ${FORMAT} corpus, got format ${JSON.stringify(corpus.format)}`);
  }
  return corpus.cases.map((c) => {
    const skipped = skipReason(c);
    if (skipped !== null) {
      return { name: c.name, skipped };
    }
    const outcome = runCase(passforge, c);
    return { name: c.name, outcome, problems: compare(c, outcome) };
  });
}
