// Runs tests/vectors/secrets.json (format: tests/vectors/README.md,
// "passforge-vectors/secrets/1") against a loaded `passforge` module; mirrors
// core/tests/vectors_secrets.rs: seeded PINs and URL-safe tokens, exact outputs, and their
// error codes. Shared by the Node tests and the browser test (no Node APIs).

export const FORMAT = "passforge-vectors/secrets/1";

/** Cases this runtime cannot run, by name, with the reason. None: JS runs them all. */
export const SKIP = {};

const CALLS = {
  pin: (p, c) => p.pin(c.length, { seedForTests: BigInt(c.seed) }),
  token_urlsafe: (p, c) => p.tokenUrlsafe(c.nbytes, { seedForTests: BigInt(c.seed) }),
};

function run(p, c) {
  const call = CALLS[c.call];
  if (call === undefined) return { skipped: `the JS runner does not know the call ${c.call}` };
  let out;
  try {
    out = call(p, c);
  } catch (e) {
    if (!(e instanceof Error && typeof e.code === "string")) throw e;
    const problems = e.code === c.error ? [] : [`expected ${c.error ?? "no error"}, got ${e.code}`];
    return { problems };
  }
  if (c.error !== undefined) return { problems: [`expected ${c.error}, got ${out}`] };
  return { problems: out === c.expect ? [] : [`expected ${c.expect}, got ${out}`] };
}

/** Every case: `{ name, skipped }` or `{ name, problems }`. */
export function runCorpus(p, text) {
  const corpus = JSON.parse(text);
  if (corpus.format !== FORMAT) {
    throw new Error(`expected a ${FORMAT} corpus, got format ${JSON.stringify(corpus.format)}`);
  }
  return corpus.cases.map((c) =>
    SKIP[c.name] !== undefined ? { name: c.name, skipped: SKIP[c.name] } : { name: c.name, ...run(p, c) },
  );
}
