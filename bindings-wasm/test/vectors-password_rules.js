// Runs tests/vectors/password_rules.json (format: tests/vectors/README.md,
// "passforge-vectors/password_rules/1") against a loaded `passforge` module; mirrors
// core/tests/vectors_password_rules.rs. Shared by the Node tests and the browser test (no
// Node APIs).

export const FORMAT = "passforge-vectors/password_rules/1";

const SECTIONS = ["parse", "errors", "write", "generate", "real_world"];

/** Cases this runtime cannot run, by name, with the reason. None: JS runs them all. */
export const SKIP = {};

/** JSON with the keys of every object sorted, so key order does not matter. */
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

const same = (a, b) => canonical(a) === canonical(b);

function attempt(make) {
  try {
    return { value: make() };
  } catch (e) {
    if (e instanceof Error && typeof e.code === "string") return { error: e };
    throw e;
  }
}

/** The policy's keys that are not at their default (`toJSON` leaves those out). */
function changedKeys(policy) {
  return policy.toJSON();
}

function reading(passforge, c) {
  const problems = [];
  const rules = new passforge.PasswordRules(c.rules);
  const text = rules.toString();
  if (text !== c.normalized) problems.push(`normalized: ${JSON.stringify(text)}`);
  const lengths = [rules.minLength ?? null, rules.maxLength ?? null, rules.maxConsecutive ?? null];
  if (!same(lengths, [c.min_length, c.max_length, c.max_consecutive])) {
    problems.push(`lengths ${JSON.stringify(lengths)}`);
  }
  const set = (g) => (g.unicode ? "unicode" : g.characters);
  const required = rules.required.map(set);
  if (!same(required, c.required)) problems.push(`required ${JSON.stringify(required)}`);
  if (set(rules.allowed) !== c.allowed) problems.push(`allowed ${JSON.stringify(rules.allowed)}`);
  const again = new passforge.PasswordRules(text);
  if (again.toString() !== text) problems.push("the canonical text reads back differently");
  again.free();
  const built = attempt(() => passforge.Policy.fromPasswordRules(c.rules));
  if (c.policy_error !== undefined) {
    if (built.error?.code !== c.policy_error) {
      problems.push(`expected ${c.policy_error}, got ${built.error?.code ?? "a policy"}`);
    }
    built.value?.free();
    rules.free();
    return problems;
  }
  if (built.error) {
    problems.push(`policy: ${built.error.code}: ${built.error.message}`);
    rules.free();
    return problems;
  }
  const policy = built.value;
  if (!same(changedKeys(policy), c.policy)) problems.push(`policy ${JSON.stringify(policy.toJSON())}`);
  const fromRules = rules.toPolicy();
  if (!same(fromRules.toJSON(), policy.toJSON())) problems.push("toPolicy() differs");
  fromRules.free();
  const written = policy.toPasswordRules();
  if (written.rules !== c.written) problems.push(`written ${JSON.stringify(written.rules)}`);
  if (written.exact !== c.written_exact) problems.push(`exact ${written.exact}`);
  policy.free();
  rules.free();
  return problems;
}

function error(passforge, c) {
  const got = attempt(() => new passforge.PasswordRules(c.rules));
  if (!got.error) {
    got.value.free();
    return ["parsed"];
  }
  const e = got.error;
  const problems = [];
  if (!same([e.code, e.line, e.column], [c.error, c.line, c.column])) {
    problems.push(`got ${e.code} at ${e.line}:${e.column}: ${e.message}`);
  }
  if (e.name !== "PassforgeError") problems.push(`name ${e.name}`);
  return problems;
}

function write(passforge, c) {
  const policy = new passforge.Policy(c.policy);
  const written = policy.toPasswordRules();
  policy.free();
  const problems = [];
  if (written.rules !== c.rules) problems.push(`rules ${JSON.stringify(written.rules)}`);
  const unexpressed = written.unexpressed.map((u) => ({ key: u.key, effect: u.effect }));
  if (!same(unexpressed, c.unexpressed)) problems.push(`unexpressed ${JSON.stringify(unexpressed)}`);
  if (written.exact !== (c.unexpressed.length === 0)) problems.push(`exact ${written.exact}`);
  return problems;
}

function generate(passforge, c) {
  const expect = c.expect;
  const built = attempt(() => passforge.Generator.fromPasswordRules(c.rules, c.options));
  let passwords;
  const generated =
    built.error ??
    attempt(() => {
      passwords = built.value.generateMany(c.count, { seedForTests: BigInt(c.seed) });
    }).error;
  if (generated) {
    built.value?.free();
    return generated.code === expect.error ? [] : [`got ${generated.code}: ${generated.message}`];
  }
  const g = built.value;
  const problems = [];
  if (expect.error !== undefined) problems.push(`expected ${expect.error}, generated`);
  if (!same(passwords, expect.passwords)) problems.push(`passwords ${JSON.stringify(passwords)}`);
  if (g.length !== expect.length) problems.push(`length ${g.length}`);
  const a = g.acceptance;
  if (!a || !a.exact || Math.abs(a.entropyBits - expect.entropy_bits) > 1e-9) {
    problems.push(`acceptance ${JSON.stringify(a)}`);
  } else if (a.share < 1 !== expect.rejects) {
    problems.push(`share ${a.share}`);
  }
  const policy = passforge.Policy.fromPasswordRules(c.rules);
  for (const p of passwords ?? []) {
    if (!policy.isCompliant(p)) problems.push(`${JSON.stringify(p)} breaks the rules`);
  }
  policy.free();
  g.free();
  return problems;
}

const RUNNERS = { parse: reading, real_world: reading, errors: error, write, generate };

/** Every case of every section: `{ name, skipped }` or `{ name, problems }`, names
 * prefixed by their section. */
export function runCorpus(passforge, text) {
  const corpus = JSON.parse(text);
  if (corpus.format !== FORMAT) throw new Error(`expected ${FORMAT}, got ${corpus.format}`);
  const names = new Set(SECTIONS.flatMap((s) => corpus[s].map((c) => c.name)));
  const stale = Object.keys(SKIP).filter((n) => !names.has(n));
  if (stale.length > 0) throw new Error(`SKIP names cases that no longer exist: ${stale}`);
  return SECTIONS.flatMap((section) =>
    corpus[section].map((c) => {
      const name = `${section}: ${c.name}`;
      if (SKIP[c.name] !== undefined) return { name, skipped: SKIP[c.name] };
      return { name, problems: RUNNERS[section](passforge, c) };
    }),
  );
}
