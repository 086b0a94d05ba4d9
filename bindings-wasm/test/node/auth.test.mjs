// Tokens, one-time codes, security answers, expiry and FILETIMEs in JS: instants are
// Dates (floored to the millisecond), FILETIMEs and windows bigints.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import {
  Expiry,
  MaxPasswordAge,
  MemoryReplayGuard,
  OneTimeCodePolicy,
  PasswordLastSet,
  ReminderDelay,
  RequestTokenScheme,
  ResetToken,
  ResetTokenDigest,
  SecurityAnswerHasher,
  SecurityQuestionRule,
  SharedToken,
  StoredResetToken,
  TimeTokenScheme,
  adIntervalFromMilliseconds,
  filetimeFromTimestamp,
  millisecondsFromAdInterval,
  normalizeAnswer,
  requestBinding,
  rfc3339FromTimestamp,
  timestampFromFiletime,
  timestampFromRfc3339,
} from "passforge/extras";

import { throwsCode } from "../throws.mjs";

const NOW = new Date("2023-11-14T22:13:20Z"); // Unix 1 700 000 000
const later = (seconds) => new Date(NOW.getTime() + seconds * 1000);

describe("TimeTokenScheme", () => {
  test("defaults, windows, tokens", () => {
    const scheme = new TimeTokenScheme();
    assert.equal(scheme.algorithm, "sha1");
    assert.equal(scheme.periodSeconds, 300);
    assert.equal(scheme.skewWindows, 1);
    assert.equal(scheme.window(NOW), 5_666_666n);
    assert.equal(scheme.window(new Date(-1)), -1n, "floor before 1970");
    const token = scheme.tokenAt("s3cret", NOW);
    assert.match(token, /^[0-9a-f]{40}$/);
    assert.equal(scheme.tokenAt(new TextEncoder().encode("s3cret"), NOW), token);
    assert.equal(scheme.tokenForWindow("s3cret", 5_666_666n), token);
    assert.match(new TimeTokenScheme({ algorithm: "hmac-sha256" }).tokenAt("s3cret", NOW), /^[0-9a-f]{64}$/);
  });

  test("verify accepts neighbouring windows only", () => {
    const scheme = new TimeTokenScheme({ algorithm: "hmac-sha256", periodSeconds: 60, skewWindows: 1 });
    const token = scheme.tokenAt("s3cret", NOW);
    const accepted = scheme.verify("s3cret", token, later(60));
    assert.equal(accepted.window, scheme.window(NOW));
    assert.ok(accepted.validUntil instanceof Date);
    assert.equal(accepted.validUntil.getTime(), (Number(accepted.window) + 2) * 60_000);
    assert.equal(scheme.verify("s3cret", token, later(180)), null);
    assert.equal(scheme.verify("other", token, NOW), null);
    assert.equal(scheme.verify("s3cret", token.toUpperCase(), NOW), null);
  });

  test("verifyOnce with a replay guard", () => {
    const scheme = new TimeTokenScheme();
    const guard = new MemoryReplayGuard(1);
    const token = scheme.tokenAt("s3cret", NOW);
    const first = scheme.verifyOnce("s3cret", token, NOW, guard);
    assert.equal(first.kind, "accepted");
    assert.equal(first.accepted.window, scheme.window(NOW));
    assert.deepEqual(scheme.verifyOnce("s3cret", token, NOW, guard), { kind: "replayed" });
    assert.deepEqual(scheme.verifyOnce("s3cret", "nope", NOW, guard), { kind: "invalid" });
    assert.equal(guard.size, 1);
    const next = scheme.tokenAt("s3cret", later(300));
    throwsCode(() => scheme.verifyOnce("s3cret", next, later(300), guard), "REPLAY_GUARD_FULL");
    assert.equal(new MemoryReplayGuard().size, 0);
  });

  test("plain bearer mode", () => {
    const secret = new SharedToken("s3cret");
    assert.equal(secret.verifyPlain("s3cret"), true);
    assert.equal(secret.verifyPlain("s3cret "), false);
    throwsCode(() => new SharedToken(""), "TOKEN_SECRET_EMPTY");
    throwsCode(() => new SharedToken(new Uint8Array()), "TOKEN_SECRET_EMPTY");
  });

  test("errors", () => {
    throwsCode(() => new TimeTokenScheme({ periodSeconds: 0 }), "TOKEN_PERIOD");
    throwsCode(() => new TimeTokenScheme({ periodSeconds: 86_401 }), "TOKEN_PERIOD");
    throwsCode(() => new TimeTokenScheme({ skewWindows: 11 }), "TOKEN_SKEW");
    // The core's name error, which does not echo the value.
    const name = throwsCode(() => new TimeTokenScheme({ algorithm: "md5" }), "UNKNOWN_NAME", TypeError);
    assert.doesNotMatch(name.message, /md5/);
    assert.match(name.message, /"sha1", "hmac-sha256"/);
    throwsCode(() => new TimeTokenScheme({ period: 60 }), "INVALID_ARGUMENT", TypeError);
    const scheme = new TimeTokenScheme();
    throwsCode(() => scheme.tokenAt("", NOW), "TOKEN_SECRET_EMPTY");
    throwsCode(() => scheme.tokenAt(42, NOW), "INVALID_ARGUMENT", TypeError);
    throwsCode(() => scheme.tokenAt("s", 1_700_000_000_000), "INVALID_ARGUMENT", TypeError);
    throwsCode(() => scheme.tokenAt("s", new Date(NaN)), "INVALID_ARGUMENT", RangeError);
    throwsCode(() => scheme.tokenForWindow("s", 5), "INVALID_ARGUMENT", TypeError);
    throwsCode(() => scheme.tokenForWindow("s", 2n ** 63n), "INVALID_ARGUMENT", RangeError);
  });
});

describe("SharedToken", () => {
  test("isShort below MIN_BYTES", () => {
    assert.equal(SharedToken.MIN_BYTES, 16);
    assert.equal(new SharedToken("x".repeat(15)).isShort, true);
    assert.equal(new SharedToken("x".repeat(16)).isShort, false);
    assert.equal(new SharedToken(new Uint8Array(16)).isShort, false);
    assert.equal(new SharedToken("\u00e4".repeat(8)).isShort, false, "UTF-8 bytes, not characters");
  });
});

describe("RequestTokenScheme", () => {
  const binding = requestBinding("POST", "/v1/reset", '{"user":"amoneil"}');
  const nonce = "0123456789abcdef";

  test("requestBinding", () => {
    assert.equal(
      requestBinding("GET", "/v1/status", ""),
      "GET /v1/status\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    );
    assert.equal(requestBinding("POST", "/v1/reset", new TextEncoder().encode('{"user":"amoneil"}')), binding);
    throwsCode(() => requestBinding("GET", "/", 42), "INVALID_ARGUMENT", TypeError);
  });

  test("defaults, tokens, verify", () => {
    const scheme = new RequestTokenScheme();
    assert.deepEqual(scheme.toJSON(), { periodSeconds: 300, skewWindows: 1 });
    assert.equal(scheme.window(NOW), 5_666_666n);
    const token = scheme.token("a shared token of 16+ bytes", NOW, nonce, binding);
    // tests/vectors/tokens.json, "replay two nonces in one window …", step 0.
    assert.equal(token, "v1.5666666.0123456789abcdef.e17fe36d56dcd36c9edfb0b86389a6efbb05e7cd9357f0c14e20397442bae364");
    const accepted = scheme.verify("a shared token of 16+ bytes", token, binding, later(300));
    assert.equal(accepted.window, 5_666_666n);
    assert.equal(accepted.validUntil.getTime(), (5_666_666 + 2) * 300_000);
    assert.equal(scheme.verify("a shared token of 16+ bytes", token, binding, later(900)), null);
    assert.equal(scheme.verify("a shared token of 16+ bytes", token, requestBinding("POST", "/v1/reset", ""), NOW), null);
    for (const bad of ["", token.toUpperCase(), `${token}0`, "v1.".repeat(100)]) {
      assert.equal(scheme.verify("a shared token of 16+ bytes", bad, binding, NOW), null, bad);
    }
    const fresh = RequestTokenScheme.nonce();
    assert.match(fresh, /^[A-Za-z0-9_-]{32}$/);
    assert.notEqual(fresh, RequestTokenScheme.nonce());
    assert.equal(RequestTokenScheme.isValidNonce(fresh), true);
    assert.equal(RequestTokenScheme.isValidNonce("short"), false);
  });

  test("verifyOnce accepts each request once", () => {
    const scheme = new RequestTokenScheme({ periodSeconds: 60 });
    const guard = new MemoryReplayGuard();
    const a = scheme.token("s3cret", NOW, nonce, binding);
    const b = scheme.token("s3cret", NOW, "fedcba9876543210", binding);
    assert.equal(scheme.verifyOnce("s3cret", a, binding, NOW, guard).kind, "accepted");
    assert.equal(scheme.verifyOnce("s3cret", b, binding, NOW, guard).kind, "accepted", "a second request in the window");
    assert.deepEqual(scheme.verifyOnce("s3cret", a, binding, NOW, guard), { kind: "replayed" });
    assert.deepEqual(scheme.verifyOnce("s3cret", "nope", binding, NOW, guard), { kind: "invalid" });
    assert.equal(guard.size, 2);
    throwsCode(() => scheme.verifyOnce("s3cret", a, binding, NOW, new MemoryReplayGuard(0)), "REPLAY_GUARD_FULL");
  });

  test("errors", () => {
    throwsCode(() => new RequestTokenScheme({ periodSeconds: 0 }), "TOKEN_PERIOD");
    throwsCode(() => new RequestTokenScheme({ skewWindows: 11 }), "TOKEN_SKEW");
    throwsCode(() => new RequestTokenScheme({ algorithm: "sha1" }), "INVALID_ARGUMENT", TypeError);
    const scheme = new RequestTokenScheme();
    for (const bad of ["", "short", "a".repeat(65), "has space 0123456", "dot.0123456789abc"]) {
      throwsCode(() => scheme.token("s3cret", NOW, bad, binding), "TOKEN_NONCE");
    }
    throwsCode(() => scheme.token("", NOW, nonce, binding), "TOKEN_SECRET_EMPTY");
    throwsCode(() => scheme.token("s3cret", 0, nonce, binding), "INVALID_ARGUMENT", TypeError);
  });
});

describe("reset tokens", () => {
  test("issue, store, verify", () => {
    const issued = ResetToken.issue(NOW, { lifetimeSeconds: 60 });
    assert.match(issued.token, /^[A-Za-z0-9_-]{43}$/);
    const stored = issued.stored;
    assert.equal(stored.issuedAt.getTime(), NOW.getTime());
    assert.equal(stored.expiresAt.getTime(), later(60).getTime());
    assert.equal(stored.digest.toHex(), ResetTokenDigest.of(issued.token).toHex());
    stored.verify(issued.token, later(59));
    throwsCode(() => stored.verify(issued.token, later(60)), "RESET_TOKEN_EXPIRED");
    throwsCode(() => stored.verify("x".repeat(43), later(60)), "RESET_TOKEN_MISMATCH");
    assert.equal(ResetToken.issue(NOW).stored.expiresAt.getTime(), later(600).getTime(), "10 minutes by default");
    assert.notEqual(ResetToken.issue(NOW).token, ResetToken.issue(NOW).token);
  });

  test("seeded issue is reproducible", () => {
    const a = ResetToken.issue(NOW, { seedForTests: 1n }).token;
    assert.equal(ResetToken.issue(NOW, { seedForTests: 1n }).token, a);
    assert.notEqual(ResetToken.issue(NOW, { seedForTests: 2n }).token, a);
  });

  test("digests round-trip through hex and bytes", () => {
    const digest = ResetTokenDigest.of("token");
    const bytes = digest.toBytes();
    assert.ok(bytes instanceof Uint8Array);
    assert.equal(bytes.length, 32);
    assert.ok(ResetTokenDigest.fromBytes(bytes).equals(digest));
    assert.ok(ResetTokenDigest.fromHex(digest.toHex().toUpperCase()).equals(digest));
    const stored = new StoredResetToken(digest, NOW, later(1));
    stored.verify("token", NOW);
    throwsCode(() => ResetTokenDigest.fromHex("abc"), "RESET_TOKEN_DIGEST_SYNTAX");
    throwsCode(() => ResetTokenDigest.fromBytes(new Uint8Array(31)), "INVALID_ARGUMENT", RangeError);
    throwsCode(() => ResetTokenDigest.fromBytes([1, 2]), "INVALID_ARGUMENT", TypeError);
    throwsCode(() => ResetToken.issue(NOW, { lifetime: 60 }), "INVALID_ARGUMENT", TypeError);
  });
});

describe("one-time codes", () => {
  test("settings, generation, checks", () => {
    const policy = new OneTimeCodePolicy({ digits: 6, lifetimeSeconds: 120, maxAttempts: 2 });
    assert.deepEqual(
      [policy.digits, policy.lifetimeSeconds, policy.maxSends, policy.sendWindowSeconds, policy.minSecondsBetweenSends, policy.maxAttempts],
      [6, 120, 10, 86_400, 120, 2],
    );
    for (let i = 0; i < 50; i++) assert.match(policy.generate(), /^\d{6}$/);
    assert.equal(policy.generate({ seedForTests: 3n }), policy.generate({ seedForTests: 3n }));
    assert.equal(policy.expiresAt(NOW).getTime(), later(120).getTime());
    const code = "012345";
    assert.deepEqual(policy.check(code, NOW, 0, code, later(1)), { kind: "valid" });
    assert.deepEqual(policy.check(code, NOW, 0, "999999", later(1)), { attemptsLeft: 1, kind: "wrong" });
    assert.deepEqual(policy.check(code, NOW, 0, code, later(120)), { kind: "expired" });
    assert.deepEqual(policy.check(code, NOW, 2, code, later(1)), { kind: "too_many_attempts" });
    throwsCode(() => policy.check(code, NOW, -1, code, NOW), "INVALID_ARGUMENT", RangeError);
  });

  test("sending rules", () => {
    const policy = new OneTimeCodePolicy({ maxSends: 2 });
    policy.checkSend([], NOW);
    const soon = throwsCode(() => policy.checkSend([NOW], later(10)), "CODE_SEND_TOO_SOON");
    assert.equal(soon.nextAllowedAt.getTime(), later(120).getTime());
    const limit = throwsCode(() => policy.checkSend([NOW, later(200)], later(400)), "CODE_SEND_LIMIT");
    assert.equal(limit.nextAllowedAt.getTime(), later(86_400).getTime());
    throwsCode(() => policy.checkSend(NOW, NOW), "INVALID_ARGUMENT", TypeError);
    throwsCode(() => policy.checkSend([1_700_000_000_000], NOW), "INVALID_ARGUMENT", TypeError);
  });

  test("errors", () => {
    throwsCode(() => new OneTimeCodePolicy({ digits: 3 }), "CODE_DIGITS");
    throwsCode(() => new OneTimeCodePolicy({ digits: 11 }), "CODE_DIGITS");
    throwsCode(() => new OneTimeCodePolicy({ lifetimeSeconds: 0 }), "CODE_SETTING_ZERO");
    throwsCode(() => new OneTimeCodePolicy({ lifetime: 60 }), "INVALID_ARGUMENT", TypeError);
  });
});

describe("security answers", () => {
  // Small Argon2 parameters keep the tests fast; the defaults are OWASP's.
  const hasher = new SecurityAnswerHasher({ memoryKib: 64, iterations: 1, parallelism: 1 });

  test("normalisation", () => {
    assert.equal(normalizeAnswer("  Miss\u00a0  PIGGY "), "miss piggy");
    assert.equal(normalizeAnswer("STRASSE"), normalizeAnswer("straße"));
  });

  test("hash and verify", () => {
    const stored = hasher.hash("Miss Piggy");
    assert.match(stored, /^\$argon2id\$v=19\$m=64,t=1,p=1\$/);
    assert.equal(SecurityAnswerHasher.verify(stored, "  miss   PIGGY "), true);
    assert.equal(SecurityAnswerHasher.verify(stored, "Kermit"), false);
    assert.equal(SecurityAnswerHasher.verify(stored, "   "), false);
    assert.notEqual(hasher.hash("Miss Piggy"), stored, "random salt");
    assert.equal(hasher.hash("x", { seedForTests: 5n }), hasher.hash("x", { seedForTests: 5n }));
    assert.deepEqual([hasher.memoryKib, hasher.iterations, hasher.parallelism], [64, 1, 1]);
    const defaults = new SecurityAnswerHasher();
    assert.deepEqual([defaults.memoryKib, defaults.iterations, defaults.parallelism], [19_456, 2, 1]);
  });

  test("errors", () => {
    throwsCode(() => hasher.hash(" \t "), "ANSWER_EMPTY");
    throwsCode(() => hasher.hash("x".repeat(1025)), "ANSWER_TOO_LONG");
    throwsCode(() => new SecurityAnswerHasher({ memoryKib: 1 }), "ANSWER_HASH_PARAMS");
    throwsCode(() => SecurityAnswerHasher.verify("not a hash", "x"), "ANSWER_HASH_SYNTAX");
    throwsCode(() => new SecurityAnswerHasher({ memory: 64 }), "INVALID_ARGUMENT", TypeError);
  });

  test("question counts", () => {
    const rule = new SecurityQuestionRule();
    assert.deepEqual([rule.asked, rule.enrolled], [3, 5]);
    throwsCode(() => new SecurityQuestionRule({ asked: 5, enrolled: 5 }), "QUESTION_COUNTS");
    throwsCode(() => new SecurityQuestionRule({ asked: 0 }), "QUESTION_COUNTS");
  });
});

describe("expiry", () => {
  test("AD's rules", () => {
    const last = PasswordLastSet.fromPwdLastSet(133_485_408_000_000_000n); // 2024-01-01
    assert.equal(last.instant.toISOString(), "2024-01-01T00:00:00.000Z");
    const age = MaxPasswordAge.fromAdInterval(-36_288_000_000_000n);
    assert.equal(age.milliseconds, 42 * 86_400_000);
    const expiry = Expiry.compute(last, age, 512);
    assert.equal(expiry.instant().toISOString(), "2024-02-12T00:00:00.000Z");
    assert.equal(expiry.toFiletime(), 133_521_696_000_000_000n);
    assert.deepEqual(expiry.status(new Date("2024-01-30T00:00:00Z"), 14), {
      expiresAt: new Date("2024-02-12T00:00:00Z"),
      daysRemaining: 13,
      expired: false,
      remind: true,
    });
    assert.equal(Expiry.compute(last, age, 0x10000).instant(), null, "DONT_EXPIRE_PASSWORD");
    assert.equal(Expiry.compute(last, MaxPasswordAge.never()).toFiletime(), 2n ** 63n - 1n);
    assert.equal(Expiry.compute(PasswordLastSet.mustChange(), age).toFiletime(), 0n);
    assert.equal(Expiry.mustChange().instant().toISOString(), "1601-01-01T00:00:00.000Z");
    assert.equal(PasswordLastSet.fromPwdLastSet(0n).instant, null);
    assert.equal(MaxPasswordAge.fromDays(0).milliseconds, null);
    assert.deepEqual(Expiry.never().status(NOW, 30), { expiresAt: null, daysRemaining: null, expired: false, remind: false });
    const at = Expiry.at(new Date("2024-03-01T00:00:00Z"));
    assert.equal(at.status(new Date("2024-03-01T00:00:00Z"), 30).expired, true);
    assert.equal(Expiry.compute(PasswordLastSet.at(new Date("2024-01-01T00:00:00Z")), MaxPasswordAge.fromDays(60)).instant().toISOString(), "2024-03-01T00:00:00.000Z");
  });

  test("sub-millisecond instants are floored; FILETIMEs stay exact", () => {
    const last = PasswordLastSet.fromPwdLastSet(133_497_984_123_456_789n);
    assert.equal(last.instant.toISOString(), "2024-01-15T13:20:12.345Z");
    const expiry = Expiry.compute(last, MaxPasswordAge.fromDays(1));
    assert.equal(expiry.toFiletime(), 133_497_984_123_456_789n + 864_000_000_000n);
    assert.equal(timestampFromFiletime(9_223_372_036_854_775_807n).toISOString(), "+030828-09-14T02:48:05.477Z");
    assert.equal(filetimeFromTimestamp(new Date(0)), 116_444_736_000_000_000n);
    assert.equal(millisecondsFromAdInterval(-(2n ** 63n)), 922_337_203_685_477);
    assert.equal(adIntervalFromMilliseconds(1), -10_000n);
  });

  test("errors", () => {
    throwsCode(() => PasswordLastSet.fromPwdLastSet(-1n), "FILETIME_NEGATIVE");
    throwsCode(() => PasswordLastSet.fromPwdLastSet(5), "INVALID_ARGUMENT", TypeError);
    throwsCode(() => MaxPasswordAge.fromAdInterval(1n), "INTERVAL_POSITIVE");
    throwsCode(() => MaxPasswordAge.fromDays(-1), "INVALID_ARGUMENT", RangeError);
    throwsCode(() => timestampFromFiletime(-1n), "FILETIME_NEGATIVE");
    throwsCode(() => filetimeFromTimestamp(new Date("1600-12-31T23:59:59Z")), "TIME_OUT_OF_RANGE");
    throwsCode(() => millisecondsFromAdInterval(1n), "INTERVAL_POSITIVE");
    throwsCode(() => adIntervalFromMilliseconds(-1), "INVALID_ARGUMENT", RangeError);
    throwsCode(() => Expiry.at("2024-01-01"), "INVALID_ARGUMENT", TypeError);
    throwsCode(() => Expiry.never().status(NOW, 1.5), "INVALID_ARGUMENT", RangeError);
    throwsCode(
      () => Expiry.compute(PasswordLastSet.at(new Date(8.64e15)), MaxPasswordAge.fromAdInterval(-(2n ** 63n) + 1n)).instant(),
      "TIME_OUT_OF_RANGE",
    );
  });
});

describe("ReminderDelay", () => {
  test("maximum: default 60 s, under 600 s", () => {
    assert.equal(new ReminderDelay().maxSeconds, 60);
    assert.equal(new ReminderDelay({}).maxSeconds, 60);
    assert.equal(new ReminderDelay({ maxSeconds: 599 }).maxSeconds, 599);
    assert.equal(new ReminderDelay({ maxSeconds: 0 }).sample(), 0, "0 means no delay");
  });

  test("samples are milliseconds in [0, max); seeded ones are reproducible", () => {
    const delay = new ReminderDelay({ maxSeconds: 2 });
    const seeded = [1n, 2n, 3n, 4n, 5n].map((seed) => delay.sample({ seedForTests: seed }));
    assert.deepEqual(seeded, [1n, 2n, 3n, 4n, 5n].map((seed) => new ReminderDelay({ maxSeconds: 2 }).sample({ seedForTests: seed })));
    assert.ok(new Set(seeded).size > 1, "different seeds, different delays");
    for (const ms of [...seeded, ...Array.from({ length: 200 }, () => delay.sample())]) {
      assert.ok(Number.isInteger(ms) && ms >= 0 && ms < 2_000, `${ms}`);
    }
    const defaults = new ReminderDelay();
    const once = defaults.sample({ seedForTests: 42n });
    assert.equal(defaults.sample({ seedForTests: 42n }), once);
    assert.ok(once >= 0 && once < 60_000);
  });

  test("errors", () => {
    throwsCode(() => new ReminderDelay({ maxSeconds: 600 }), "REMINDER_DELAY_TOO_LONG");
    throwsCode(() => new ReminderDelay({ maxSeconds: 86_400 }), "REMINDER_DELAY_TOO_LONG");
    throwsCode(() => new ReminderDelay({ maxSeconds: -1 }), "INVALID_ARGUMENT", TypeError);
    throwsCode(() => new ReminderDelay({ maxSeconds: 1.5 }), "INVALID_ARGUMENT", TypeError);
    throwsCode(() => new ReminderDelay({ max: 60 }), "INVALID_ARGUMENT", TypeError);
    throwsCode(() => new ReminderDelay().sample({ seedForTests: "7" }), "INVALID_ARGUMENT", TypeError);
  });
});

describe("RFC 3339", () => {
  test("parse into a Date (UTC, floored to the millisecond)", () => {
    assert.equal(timestampFromRfc3339("2024-02-29T12:00:00Z").toISOString(), "2024-02-29T12:00:00.000Z");
    assert.equal(timestampFromRfc3339("2024-02-29T13:00:00.5+01:00").toISOString(), "2024-02-29T12:00:00.500Z");
    assert.equal(timestampFromRfc3339("2024-01-15T13:20:12.3456789Z").toISOString(), "2024-01-15T13:20:12.345Z");
    assert.equal(timestampFromRfc3339("1969-12-31T23:59:59.9999Z").getTime(), -1, "floored towards the past");
  });

  test("format a Date in UTC, with a fraction only when needed", () => {
    assert.equal(rfc3339FromTimestamp(NOW), "2023-11-14T22:13:20Z");
    assert.equal(rfc3339FromTimestamp(new Date("2024-02-29T12:00:00.5Z")), "2024-02-29T12:00:00.5Z");
    const text = "2024-02-29T12:00:00.123Z";
    assert.equal(rfc3339FromTimestamp(timestampFromRfc3339(text)), text);
  });

  test("errors", () => {
    for (const bad of ["2024-02-29", "2024-02-29T12:00:00", "2023-02-29T12:00:00Z", "2024-02-29T12:00:00+0100", ""]) {
      throwsCode(() => timestampFromRfc3339(bad), "TIME_RFC3339");
    }
    throwsCode(() => rfc3339FromTimestamp(new Date("+010000-01-01T00:00:00Z")), "TIME_OUT_OF_RANGE");
    throwsCode(() => rfc3339FromTimestamp("2024-02-29T12:00:00Z"), "INVALID_ARGUMENT", TypeError);
    throwsCode(() => rfc3339FromTimestamp(new Date(NaN)), "INVALID_ARGUMENT", RangeError);
  });
});

describe("one-time-code lint", () => {
  test("states NIST's 6 digits and the attacker's guess budget", () => {
    const findings = new OneTimeCodePolicy().lint();
    assert.deepEqual(
      findings.map((f) => f.code),
      ["CODE_DIGITS_BELOW_NIST", "CODE_GUESS_BUDGET"],
    );
    assert.match(findings[1].message, /30 guesses a day/);
    const six = new OneTimeCodePolicy({ digits: 6, lifetimeSeconds: 900 }).lint();
    assert.deepEqual(
      six.map((f) => f.code),
      ["CODE_LIFETIME_TOO_LONG", "CODE_GUESS_BUDGET"],
    );
  });
});

describe("answer hash costs", () => {
  test("needsRehash, and stored costs above the maximums are refused", () => {
    const weak = new SecurityAnswerHasher({ memoryKib: 64, iterations: 1 });
    const stored = weak.hash("Miss Piggy");
    assert.equal(new SecurityAnswerHasher().needsRehash(stored), true);
    assert.equal(weak.needsRehash(stored), false);
    const huge =
      "$argon2id$v=19$m=4294967295,t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g";
    throwsCode(() => SecurityAnswerHasher.verify(huge, "x"), "ANSWER_HASH_PARAMS");
  });
});
