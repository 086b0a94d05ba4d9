// Runs tests/vectors/tokens.json (format: tests/vectors/README.md,
// "passforge-vectors/tokens/1") against a loaded `passforge/extras` module (the third argument of runCorpus); mirrors
// core/tests/vectors_tokens.rs. Shared by the Node tests and the browser test (no Node
// APIs). Results are named "section/case".

export const FORMAT = "passforge-vectors/tokens/1";
const SECTIONS = [
  "time_tokens",
  "verify",
  "plain",
  "request_tokens",
  "request_verify",
  "request_replay",
  "reset_tokens",
  "code_sends",
  "answers",
];

const NO_GUARD_PROTOCOL =
  "verifyOnce takes the in-memory MemoryReplayGuard only (no guard written in JS), so JS " +
  "cannot see the fingerprint it is asked about; the outcomes of the same steps run in " +
  "request_replay/<name>, the fingerprints in Rust and Python";

const FIXED_BYTES =
  "the Rust runner issues the token from these exact bytes through a fixed-bytes RNG; JS " +
  "can only seed the test RNG, so the base64 encoding step is Rust-only (the digest and " +
  "verification of the same token run in reset_tokens/<name>)";

/** Checks this runtime cannot run, by "section/name (check)", with the reason. */
export const SKIP = {
  "reset_tokens/zeros (encoding)": FIXED_BYTES,
  "reset_tokens/ones (encoding)": FIXED_BYTES,
  "reset_tokens/counting (encoding)": FIXED_BYTES,
  "reset_tokens/sha256 of 'passforge' (encoding)": FIXED_BYTES,
  "reset_tokens/url-safe alphabet (encoding)": FIXED_BYTES,
  "request_replay/replay two nonces in one window both pass, the same token twice is replayed (fingerprint)":
    NO_GUARD_PROTOCOL,
  "request_replay/replay a nonce is spent whatever the request (fingerprint)": NO_GUARD_PROTOCOL,
  "request_replay/replay an invalid token leaves no trace (fingerprint)": NO_GUARD_PROTOCOL,
  "request_replay/replay the same nonce in the previous window is another request (fingerprint)":
    NO_GUARD_PROTOCOL,
};

const at = (unixSeconds) => new Date(unixSeconds * 1000);
const same = (a, b) => JSON.stringify(a, (_, v) => (typeof v === "bigint" ? `${v}n` : v)) ===
  JSON.stringify(b, (_, v) => (typeof v === "bigint" ? `${v}n` : v));

function expectEqual(problems, what, got, want) {
  if (!same(got, want)) {
    problems.push(`${what}: expected ${String(want)}, got ${String(got)}`);
  }
}

const RUNNERS = {
  time_tokens(p, c, problems) {
    const scheme = new p.TimeTokenScheme({ algorithm: c.algorithm, periodSeconds: c.period, skewWindows: 1 });
    expectEqual(problems, "window", scheme.window(at(c.at)), BigInt(c.window));
    expectEqual(problems, "tokenAt", scheme.tokenAt(c.secret, at(c.at)), c.token);
    expectEqual(problems, "tokenForWindow", scheme.tokenForWindow(c.secret, BigInt(c.window)), c.token);
    const bytes = new TextEncoder().encode(c.secret);
    expectEqual(problems, "tokenAt(bytes)", scheme.tokenAt(bytes, at(c.at)), c.token);
    const accepted = scheme.verify(c.secret, c.token, at(c.at));
    expectEqual(problems, "verify window", accepted?.window, BigInt(c.window));
    scheme.free();
  },
  verify(p, c, problems) {
    const scheme = new p.TimeTokenScheme({ algorithm: c.algorithm, periodSeconds: c.period, skewWindows: c.skew });
    const got = scheme.verify(c.secret, c.token, at(c.now));
    expectEqual(problems, "valid", got !== null, c.valid);
    if (got !== null) {
      expectEqual(problems, "window", got.window, BigInt(c.window));
      expectEqual(problems, "validUntil", got.validUntil.getTime(), c.valid_until * 1000);
    }
    scheme.free();
  },
  plain(p, c, problems) {
    const secret = new p.SharedToken(c.secret);
    expectEqual(problems, "verifyPlain", secret.verifyPlain(c.presented), c.valid);
    secret.free();
  },
  request_tokens(p, c, problems) {
    const scheme = new p.RequestTokenScheme({ periodSeconds: c.period });
    const binding = p.requestBinding(c.method, c.path, c.body);
    expectEqual(problems, "requestBinding", binding, c.binding);
    expectEqual(problems, "window", scheme.window(at(c.at)), BigInt(c.window));
    if (c.error !== undefined) {
      let code = null;
      try {
        scheme.token(c.secret, at(c.at), c.nonce, binding);
      } catch (e) {
        code = e?.code ?? null;
      }
      expectEqual(problems, "error", code, c.error);
    } else {
      expectEqual(problems, "token", scheme.token(c.secret, at(c.at), c.nonce, binding), c.token);
      const accepted = scheme.verify(c.secret, c.token, binding, at(c.at));
      expectEqual(problems, "verify window", accepted?.window, BigInt(c.window));
    }
    scheme.free();
  },
  request_verify(p, c, problems) {
    const scheme = new p.RequestTokenScheme({ periodSeconds: c.period, skewWindows: c.skew });
    const got = scheme.verify(c.secret, c.token, p.requestBinding(c.method, c.path, c.body), at(c.now));
    expectEqual(problems, "valid", got !== null, c.valid);
    if (got !== null) {
      expectEqual(problems, "window", got.window, BigInt(c.window));
      expectEqual(problems, "validUntil", got.validUntil.getTime(), c.valid_until * 1000);
    }
    scheme.free();
  },
  request_replay(p, c, problems) {
    const scheme = new p.RequestTokenScheme({ periodSeconds: c.period, skewWindows: c.skew });
    const guard = new p.MemoryReplayGuard();
    c.steps.forEach((step, i) => {
      const binding = p.requestBinding(step.method, step.path, step.body);
      const got = scheme.verifyOnce(c.secret, step.token, binding, at(c.now), guard);
      expectEqual(problems, `step ${i} kind`, got.kind, step.expect);
      if (got.kind === "accepted") {
        expectEqual(problems, `step ${i} window`, got.accepted.window, BigInt(step.window));
        expectEqual(problems, `step ${i} validUntil`, got.accepted.validUntil.getTime(), step.valid_until * 1000);
      }
    });
    guard.free();
    scheme.free();
  },
  reset_tokens(p, c, problems) {
    const digest = p.ResetTokenDigest.of(c.token);
    expectEqual(problems, "toHex", digest.toHex(), c.sha256);
    expectEqual(problems, "fromHex", p.ResetTokenDigest.fromHex(c.sha256).equals(digest), true);
    const hex = [...digest.toBytes()].map((b) => b.toString(16).padStart(2, "0")).join("");
    expectEqual(problems, "toBytes", hex, c.sha256);
    const stored = new p.StoredResetToken(digest, at(1_700_000_000), at(1_700_000_600));
    stored.verify(c.token, at(1_700_000_000)); // throws when refused
    expectEqual(problems, "matches", digest.matches(c.token), true);
  },
  code_sends(p, c, problems) {
    const policy = new p.OneTimeCodePolicy();
    let refused = null;
    try {
      policy.checkSend(c.previous.map(at), at(c.now));
    } catch (e) {
      if (!(e instanceof Error && typeof e.code === "string")) throw e;
      refused = e;
    }
    if (c.expect.allowed === true) {
      if (refused !== null) problems.push(`expected allowed, got ${refused.code}`);
    } else {
      expectEqual(problems, "refused", refused?.code, c.expect.refused);
      expectEqual(problems, "nextAllowedAt", refused?.nextAllowedAt?.getTime(), c.expect.next_allowed_at * 1000);
    }
    policy.free();
  },
  answers(p, c, problems) {
    expectEqual(problems, "normalizeAnswer", p.normalizeAnswer(c.input), c.normalized);
  },
};

/** Every check: `{ name, skipped }` or `{ name, problems }`. */
export function runCorpus(passforge, text, extras) {
  const corpus = JSON.parse(text);
  if (corpus.format !== FORMAT) throw new Error(`expected ${FORMAT}, got ${corpus.format}`);
  const results = [];
  for (const section of SECTIONS) {
    for (const c of corpus[section]) {
      const name = `${section}/${c.name}`;
      const problems = [];
      try {
        RUNNERS[section](extras, c, problems);
      } catch (e) {
        problems.push(`threw ${e?.code ?? ""} ${e?.message ?? e}`);
      }
      results.push({ name, problems });
      const extra = { reset_tokens: "encoding", request_replay: "fingerprint" }[section];
      if (extra !== undefined) {
        const check = `${name} (${extra})`;
        results.push(SKIP[check] ? { name: check, skipped: SKIP[check] } : { name: check, problems: ["no JS runner; add it to SKIP"] });
      }
    }
  }
  const names = new Set(results.map((r) => r.name));
  const stale = Object.keys(SKIP).filter((n) => !names.has(n));
  if (stale.length > 0) throw new Error(`SKIP names checks that no longer exist: ${stale}`);
  return results;
}
