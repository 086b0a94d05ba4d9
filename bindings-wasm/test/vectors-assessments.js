// Runs tests/vectors/assessments.json (format: tests/vectors/README.md,
// "passforge-vectors/assessments/1") against a loaded `passforge` module (the generator) and `passforge/extras` (one-time codes, security answers, the third argument of runCorpus); mirrors
// core/tests/vectors_assessments.rs. Shared by the Node tests and the browser test (no
// Node APIs). Results are named "section/case".

export const FORMAT = "passforge-vectors/assessments/1";
const SECTIONS = ["strength_estimates", "weak_settings", "code_lints", "answer_rehash"];

/** Checks this runtime cannot run, by "section/name", with the reason. */
export const SKIP = {};

const close = (a, b) => Math.abs(a - b) < 1e-9;

/** The JS options of a case's snake_case settings (the one-time code and hasher ones). */
const camel = (settings) =>
  Object.fromEntries(
    Object.entries(settings ?? {}).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c) => c.toUpperCase()), v]),
  );

function codeOf(f) {
  try {
    f();
  } catch (e) {
    if (e instanceof Error && typeof e.code === "string") return e.code;
    throw e;
  }
  return null;
}

const RUNNERS = {
  strength_estimates(p, c, problems) {
    const g = new p.Generator(c.settings);
    const bits = g.entropyBits;
    if (!close(bits, c.expect.entropy_bits)) problems.push(`entropyBits ${bits}, expected ${c.expect.entropy_bits}`);
    const { share, entropyBits: after } = g.strengthCheckEstimate();
    // 1e-12: the generator script and the core compute the Wilson bound in another order.
    if (!(c.expect.share_min - 1e-12 <= share && share <= c.expect.share_max + 1e-12)) {
      problems.push(`share ${share} outside [${c.expect.share_min}, ${c.expect.share_max}]`);
    }
    const want = share > 0 ? Math.min(Math.max(bits + Math.log2(share), 0), bits) : 0;
    if (!close(after, want)) problems.push(`entropy after the check ${after}, expected ${want}`);
    g.free();
  },
  weak_settings(p, c, problems) {
    const g = new p.Generator(c.settings);
    if (!close(g.entropyBits, c.expect.entropy_bits)) problems.push(`entropyBits ${g.entropyBits}`);
    if (g.isWeak !== c.expect.is_weak) problems.push(`isWeak ${g.isWeak}, expected ${c.expect.is_weak}`);
    g.free();
  },
  code_lints(p, c, problems) {
    if (c.expect.error !== undefined) {
      const code = codeOf(() => new p.OneTimeCodePolicy(camel(c.settings)).free());
      if (code !== c.expect.error) problems.push(`error ${code}, expected ${c.expect.error}`);
      return;
    }
    const policy = new p.OneTimeCodePolicy(camel(c.settings));
    const got = JSON.stringify(policy.lint().map((f) => ({ code: f.code, severity: f.severity })));
    if (got !== JSON.stringify(c.expect.findings)) problems.push(`findings ${got}`);
    policy.free();
  },
  answer_rehash(p, c, problems) {
    const hasher = new p.SecurityAnswerHasher(camel(c.hasher));
    if (c.expect.error !== undefined) {
      const code = codeOf(() => hasher.needsRehash(c.stored));
      if (code !== c.expect.error) problems.push(`error ${code}, expected ${c.expect.error}`);
    } else {
      const needs = hasher.needsRehash(c.stored);
      if (needs !== c.expect.needs_rehash) problems.push(`needsRehash ${needs}, expected ${c.expect.needs_rehash}`);
    }
    if (c.answer !== undefined && p.SecurityAnswerHasher.verify(c.stored, c.answer) !== true) {
      problems.push("the real hash does not verify its answer");
    }
    hasher.free();
  },
};

/** The sections whose classes are in `passforge/extras`. */
const FROM_EXTRAS = new Set(["code_lints", "answer_rehash"]);

/** Every check: `{ name, skipped }` or `{ name, problems }`. */
export function runCorpus(passforge, text, extras) {
  const corpus = JSON.parse(text);
  if (corpus.format !== FORMAT) throw new Error(`expected ${FORMAT}, got ${corpus.format}`);
  const results = [];
  for (const section of SECTIONS) {
    for (const c of corpus[section]) {
      const name = `${section}/${c.name}`;
      if (SKIP[name]) {
        results.push({ name, skipped: SKIP[name] });
        continue;
      }
      const problems = [];
      try {
        RUNNERS[section](FROM_EXTRAS.has(section) ? extras : passforge, c, problems);
      } catch (e) {
        problems.push(`threw ${e?.code ?? ""} ${e?.message ?? e}`);
      }
      results.push({ name, problems });
    }
  }
  const names = new Set(results.map((r) => r.name));
  const stale = Object.keys(SKIP).filter((n) => !names.has(n));
  if (stale.length > 0) throw new Error(`SKIP names checks that no longer exist: ${stale}`);
  return results;
}
