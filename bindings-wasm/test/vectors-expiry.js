// Runs tests/vectors/expiry.json (format: tests/vectors/README.md,
// "passforge-vectors/expiry/1") against a loaded `passforge/extras` module (the third argument of runCorpus); mirrors
// core/tests/vectors_expiry.rs. Shared by the Node tests and the browser test (no Node
// APIs). Results are named "section/case".
//
// A JS Date holds milliseconds where the core holds 100 ns ticks (the package floors
// instants and durations on the way out), so instants are compared floored to the
// millisecond and the exact values are checked through the bigint FILETIME functions.
// Every FILETIME fits a Date (the largest is in the year 30828).

import { parseJson } from "./json-bigint.js";

export const FORMAT = "passforge-vectors/expiry/1";
const SECTIONS = ["filetime", "intervals", "cases"];

const SUB_MS =
  "`now` has sub-millisecond digits, which a JS Date cannot hold (the core's 100 ns " +
  "comparison is covered by the Rust and Python runners)";

/** Cases this runtime cannot run, by "section/name", with the reason. The runner checks
 * that exactly the cases with sub-millisecond inputs are listed. */
export const SKIP = {
  "cases/AD sub-second: 900 ns before expiry": SUB_MS,
  "cases/AD sub-second: 100 ns after expiry": SUB_MS,
};

const UNIX_EPOCH_FILETIME = 116_444_736_000_000_000n;
const TICKS_PER_MS = 10_000n;

/** RFC 3339 text: its milliseconds (floored), whether digits below the millisecond are
 * set, and its exact FILETIME. */
function rfc3339(text) {
  const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/.exec(text);
  if (m === null) throw new Error(`not RFC 3339: ${text}`);
  const whole = Date.parse(m[1] + m[3]);
  const fraction = (m[2] ?? "").padEnd(9, "0");
  return {
    ms: whole + Number(fraction.slice(0, 3)),
    subMs: /[1-9]/.test(fraction.slice(3)),
    filetime: BigInt(whole) * TICKS_PER_MS + UNIX_EPOCH_FILETIME + BigInt(fraction.slice(0, 7)),
  };
}

function expectEqual(problems, what, got, want) {
  if (got !== want) problems.push(`${what}: expected ${String(want)}, got ${String(got)}`);
}

const floorMs = (seconds, nanos) => seconds * 1000 + Math.floor(nanos / 1e6);

const RUNNERS = {
  filetime(p, c, problems) {
    const filetime = BigInt(c.filetime);
    const date = p.timestampFromFiletime(filetime);
    expectEqual(problems, "ms", date.getTime(), floorMs(c.unix_seconds, c.nanos));
    expectEqual(problems, "back", p.filetimeFromTimestamp(date), filetime - (filetime % TICKS_PER_MS));
    if (c.rfc3339 !== null) expectEqual(problems, "rfc3339", rfc3339(c.rfc3339).ms, date.getTime());
  },
  intervals(p, c, problems) {
    const interval = BigInt(c.interval);
    const ms = p.millisecondsFromAdInterval(interval);
    expectEqual(problems, "ms", ms, floorMs(c.seconds, c.nanos));
    const ticks = -interval;
    expectEqual(problems, "back", p.adIntervalFromMilliseconds(ms), -(ticks - (ticks % TICKS_PER_MS)));
  },
  cases(p, c, problems) {
    const expect = c.expect;
    let expiry;
    try {
      const last =
        c.last_set !== null
          ? p.PasswordLastSet.at(new Date(rfc3339(c.last_set).ms))
          : p.PasswordLastSet.fromPwdLastSet(BigInt(c.pwd_last_set));
      const age =
        c.max_age_days !== null
          ? p.MaxPasswordAge.fromDays(c.max_age_days)
          : p.MaxPasswordAge.fromAdInterval(BigInt(c.max_pwd_age));
      expiry = p.Expiry.compute(last, age, c.uac);
    } catch (e) {
      if (!(e instanceof Error && typeof e.code === "string")) throw e;
      expectEqual(problems, "error", e.code, expect.error);
      return;
    }
    if (expect.error !== undefined) {
      problems.push(`expected error ${expect.error}`);
      return;
    }
    const status = expiry.status(new Date(rfc3339(c.now).ms), c.remind_days);
    if (expect.expires_at === null) {
      expectEqual(problems, "expiresAt", status.expiresAt, null);
      expectEqual(problems, "instant", expiry.instant(), null);
      expectEqual(problems, "toFiletime", expiry.toFiletime(), 2n ** 63n - 1n);
    } else {
      const want = rfc3339(expect.expires_at);
      expectEqual(problems, "expiresAt", status.expiresAt?.getTime(), want.ms);
      expectEqual(problems, "instant", expiry.instant()?.getTime(), want.ms);
      expectEqual(problems, "toFiletime (exact)", expiry.toFiletime(), want.filetime);
    }
    expectEqual(problems, "daysRemaining", status.daysRemaining, expect.days_remaining);
    expectEqual(problems, "expired", status.expired, expect.expired);
    expectEqual(problems, "remind", status.remind, expect.remind);
    expiry.free();
  },
};

/** Every case: `{ name, skipped }` or `{ name, problems }`. */
export function runCorpus(passforge, text, extras) {
  const corpus = parseJson(text);
  if (corpus.format !== FORMAT) throw new Error(`expected ${FORMAT}, got ${corpus.format}`);
  const needSkip = corpus.cases
    .filter((c) => [c.now, c.last_set].some((t) => t !== null && rfc3339(t).subMs))
    .map((c) => `cases/${c.name}`);
  if (JSON.stringify(needSkip.sort()) !== JSON.stringify(Object.keys(SKIP).sort())) {
    throw new Error(`SKIP must list exactly the sub-millisecond cases: ${JSON.stringify(needSkip)}`);
  }
  const results = [];
  for (const section of SECTIONS) {
    for (const c of corpus[section]) {
      const name = `${section}/${c.name}`;
      if (SKIP[name] !== undefined) {
        results.push({ name, skipped: SKIP[name] });
        continue;
      }
      const problems = [];
      try {
        RUNNERS[section](extras, c, problems);
      } catch (e) {
        problems.push(`threw ${e?.code ?? ""} ${e?.message ?? e}`);
      }
      results.push({ name, problems });
    }
  }
  return results;
}
