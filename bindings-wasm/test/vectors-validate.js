// Runs tests/vectors/validate.json (format: tests/vectors/README.md,
// "passforge-vectors/validate/1") against a loaded `passforge` module; mirrors
// core/tests/vectors_validate.rs. Shared by the Node tests and the browser test (no Node
// APIs).

export const FORMAT = "passforge-vectors/validate/1";

const KNOWN_KEYS = new Set([
  "name", "policy", "context", "password", "expect", "violations", "history", "requires",
  "expect_error",
]);

/** Cases this runtime cannot run, by name, with the reason. None: JS runs them all. */
export const SKIP = {};

/** Both ways of building a policy: the JSON text, and the same keys as an object. */
function build(passforge, policy) {
  const attempt = (make) => {
    try {
      return { policy: make() };
    } catch (e) {
      if (e instanceof Error && typeof e.code === "string") return { error: e.code, message: e.message };
      throw e;
    }
  };
  return [
    attempt(() => passforge.Policy.fromJson(JSON.stringify(policy))),
    attempt(() => new passforge.Policy(policy)),
  ];
}

function runCase(passforge, c) {
  const problems = [];
  const unknown = Object.keys(c).filter((k) => !KNOWN_KEYS.has(k));
  if (unknown.length > 0) return [`the JS runner does not know ${unknown.join(", ")}`];

  const [fromJson, fromObject] = build(passforge, c.policy);
  if (fromJson.error !== fromObject.error) {
    problems.push(`fromJson gave ${fromJson.error ?? "a policy"}, new Policy ${fromObject.error ?? "a policy"}`);
  }
  if (c.expect_error !== undefined || fromJson.error !== undefined) {
    if (fromJson.error !== c.expect_error) {
      problems.push(`expected policy error ${c.expect_error ?? "none"}, got ${fromJson.error ?? "a policy"}: ${fromJson.message ?? ""}`);
    }
    fromJson.policy?.free();
    fromObject.policy?.free();
    return problems;
  }

  const context = c.context ?? {};
  const extra = Object.keys(context).filter((k) => !["username", "display_name", "email"].includes(k));
  if (extra.length > 0) problems.push(`unknown context keys ${extra.join(", ")}`);
  // The corpus context is a UserContext, which the package takes as it is.
  const user = { ...context };

  for (const [how, { policy }] of [["fromJson", fromJson], ["new Policy", fromObject]]) {
    const calls = [];
    const options = { ...user };
    if (c.history !== undefined) {
      options.history = {
        contains(password, depth) {
          calls.push(depth);
          return c.history.slice(0, depth + 1).includes(password);
        },
      };
    }
    const result = policy.validate(c.password, options);
    const codes = result.violations.map((v) => v.code);
    if (JSON.stringify(codes) !== JSON.stringify(c.expect)) {
      problems.push(`${how}: expected ${JSON.stringify(c.expect)}, got ${JSON.stringify(codes)}`);
    }
    if (result.ok !== (codes.length === 0)) problems.push(`${how}: ok is ${result.ok}`);
    if (c.history === undefined) {
      if (policy.isCompliant(c.password, user) !== result.ok) problems.push(`${how}: isCompliant differs`);
    } else if (policy.history > 0 && !codes.includes("TOO_LONG")) {
      if (JSON.stringify(calls) !== JSON.stringify([policy.history])) {
        problems.push(`${how}: history asked ${JSON.stringify(calls)}`);
      }
    }
    (c.violations ?? []).forEach((want, i) => {
      for (const [key, value] of Object.entries(want)) {
        const got = result.violations[i]?.[key];
        if (got !== value) problems.push(`${how}: violation ${i} ${key}: expected ${JSON.stringify(value)}, got ${JSON.stringify(got)}`);
      }
    });
    if ([...c.password].length >= 4) {
      for (const v of result.violations) {
        if (JSON.stringify(v).includes(JSON.stringify(c.password).slice(1, -1))) {
          problems.push(`${how}: ${v.code} repeats the password`);
        }
      }
    }
    policy.free();
  }
  return problems;
}

/** Every case: `{ name, skipped }` or `{ name, problems }`. */
export function runCorpus(passforge, text) {
  const corpus = JSON.parse(text);
  if (corpus.format !== FORMAT) throw new Error(`expected ${FORMAT}, got ${corpus.format}`);
  const features = { zxcvbn: passforge.scoreAvailable() };
  const names = new Set(corpus.cases.map((c) => c.name));
  const stale = Object.keys(SKIP).filter((n) => !names.has(n));
  if (stale.length > 0) throw new Error(`SKIP names cases that no longer exist: ${stale}`);
  return corpus.cases.map((c) => {
    if (SKIP[c.name] !== undefined) return { name: c.name, skipped: SKIP[c.name] };
    const missing = (c.requires ?? []).filter((f) => !features[f]);
    if (missing.length > 0) {
      return {
        name: c.name,
        skipped: `needs ${missing.join(", ")}, which this build leaves out (see README.md, "Size")`,
      };
    }
    return { name: c.name, problems: runCase(passforge, c) };
  });
}
