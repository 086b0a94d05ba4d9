// Runs tests/vectors/contract.json (format: tests/vectors/README.md,
// "passforge-vectors/contract/1") against a loaded `passforge` module; mirrors
// core/tests/vectors_contract.rs: which input gives which error code, and which generator
// options count as given; `x`, the third argument of runCorpus, is `passforge/extras`
// (TOML policies, PSOs). Shared by the Node tests and the browser test (no Node APIs).
// Results are named "errors/case" and "options/case".

export const FORMAT = "passforge-vectors/contract/1";

/** Cases this runtime cannot run, by "section/name", with the reason. None: JS runs them all. */
export const SKIP = {};

/** The code a call throws, or null when it returns; a non-passforge exception is rethrown. */
function codeOf(call) {
  return errorOf(call)?.code ?? null;
}

/** The passforge error a call throws, or null when it returns; another exception is rethrown. */
function errorOf(call) {
  try {
    call();
    return null;
  } catch (e) {
    if (e instanceof Error && typeof e.code === "string") return e;
    throw e;
  }
}

/**
 * Builds the case's generator: its options, context and policy (policy-file keys) are the
 * core's types, which the package takes as they are. `use(generator)` runs before it is
 * freed; the policy is freed as well.
 */
function withGenerator(p, c, use) {
  const policy = c.policy === undefined ? undefined : new p.Policy(c.policy);
  let generator;
  try {
    generator = new p.Generator({ ...c.options, ...c.context, policy });
    return use(generator);
  } finally {
    generator?.free();
    policy?.free();
  }
}

const SEED = { seedForTests: 1n };

/** What each `call` does; it throws the case's error, or returns. */
const CALLS = {
  generator: (p, c) => withGenerator(p, c, () => {}),
  generate: (p, c) => withGenerator(p, c, (g) => g.generate(SEED)),
  generate_many: (p, c) => withGenerator(p, c, (g) => g.generateMany(c.count, SEED)),
  policy_text(p, c, x) {
    // TOML is read by passforge/extras into the JSON the main entry's Policy.fromJson reads.
    const fromToml = (text) => p.Policy.fromJson(x.policyJsonFromToml(text));
    const read = { toml: fromToml, json: p.Policy.fromJson }[c.format];
    if (read === undefined) throw new RangeError(`unknown policy format ${c.format}`);
    read(c.text).free();
  },
  policy_object: (p, c) => new p.Policy(c.policy).free(),
  strength_check: (p, c) => new p.StrengthCheck(c.text).free(),
  pso: (p, c, x) => x.resolvePso(c.candidates),
};

function errorCase(p, x, registered, c) {
  const call = CALLS[c.call];
  if (call === undefined) return { skipped: `the JS runner does not know the call ${c.call}` };
  const problems = [];
  if (!registered.has(c.error)) problems.push(`${c.error} is not in errorCodes()`);
  const error = errorOf(() => call(p, c, x));
  const got = error?.code ?? null;
  if (got !== c.error) problems.push(`expected ${c.error}, got ${got ?? "no error"}`);
  // A mapping's error names the key that is wrong (it has no line or column).
  if (c.names !== undefined && !error?.message.includes(c.names)) {
    problems.push(`the message does not name ${c.names}: ${error?.message}`);
  }
  return { problems };
}

function optionsCase(p, c) {
  let length;
  const got = codeOf(() => withGenerator(p, c, (g) => (length = g.length)));
  const want = c.expect;
  if (want.error !== undefined) {
    return { problems: got === want.error ? [] : [`expected ${want.error}, got ${got ?? `length ${length}`}`] };
  }
  if (got !== null) return { problems: [`expected length ${want.length}, got ${got}`] };
  return { problems: length === want.length ? [] : [`expected length ${want.length}, got ${length}`] };
}

/** Every case: `{ name, skipped }` or `{ name, problems }`. */
export function runCorpus(p, text, x) {
  const corpus = JSON.parse(text);
  if (corpus.format !== FORMAT) {
    throw new Error(`expected a ${FORMAT} corpus, got format ${JSON.stringify(corpus.format)}`);
  }
  const registered = new Set(p.errorCodes().map((info) => info.code));
  const results = [];
  for (const [section, run] of [
    ["errors", (c) => errorCase(p, x, registered, c)],
    ["options", (c) => optionsCase(p, c)],
  ]) {
    for (const c of corpus[section]) {
      const name = `${section}/${c.name}`;
      results.push(SKIP[name] !== undefined ? { name, skipped: SKIP[name] } : { name, ...run(c) });
    }
  }
  return results;
}
