// Typed usage of the package, checked with `tsc --noEmit` (never run). Resolved through
// package.json "exports": tsconfig.json as Node sees it (lib/node.d.mts,
// lib/extras-node.d.mts), and tsconfig.bundler.json as a browser bundler sees it
// (lib/web.d.ts, lib/extras-web.d.ts).
import {
  Generator,
  PassforgeError,
  PassphraseGenerator,
  PasswordRules,
  Policy,
  StrengthCheck,
  WordList,
  errorCodes,
  isCommonPassword,
  isPassforgeError,
  pin,
  tokenUrlsafe,
  type Capitalization,
  type PassphraseSettings,
  type Separator,
  type ErrorCode,
  type Finding,
  type GenerateOptions,
  type GeneratorOptions,
  type PasswordHistory,
  type PolicySpec,
  type UserContext,
  type ErrorCodeInfo,
  type ExportedRules,
  type PasswordRulesError,
  type PolicyAcceptance,
  type RuleCharacters,
  type UnexpressedRule,
  type SettingsBelowPolicyError,
  type SendRefusedError,
  type ValidationResult,
  type Violation,
  type ViolationCode,
} from "passforge";
import {
  Expiry,
  MaxPasswordAge,
  MemoryReplayGuard,
  OneTimeCodePolicy,
  PasswordLastSet,
  ReminderDelay,
  RequestTokenScheme,
  ResetToken,
  SecurityAnswerHasher,
  SharedToken,
  TimeTokenScheme,
  filetimeFromTimestamp,
  normalizeAnswer,
  requestBinding,
  resolvePso,
  rfc3339FromTimestamp,
  timestampFromFiletime,
  timestampFromRfc3339,
  policyJsonFromToml,
  type AcceptedToken,
  type CodeCheck,
  type ExpiryStatus,
  type PsoCandidateInput,
  type ReminderDelayOptions,
  type TokenCheck,
} from "passforge/extras";

const options: GeneratorOptions = {
  length: 16,
  lower: 1,
  upper: 1,
  digits: 1,
  symbols: 1,
  lower_set: "abcdefghijkmnpqrstuvwxyz",
  upper_set: "ABCDEFGHJKLMNPQRSTUVWXYZ",
  digit_set: "23456789",
  symbol_set: "!@#$%",
  exclude: "",
  avoid_ambiguous: true,
  strength_check: "'^.{12,}$', '[0-9]'",
};
const generator = new Generator(options);
const defaults: Generator = new Generator();

const password: string = generator.generate();
const passwords: string[] = generator.generateMany(10);
const seeded: GenerateOptions = { seedForTests: 7n };
const reproducible: string[] = defaults.generateMany(3, seeded);
const first: string = defaults.generate({ seedForTests: 7n });
const bits: number = generator.entropyBits;
const length: number = generator.length;
const count: bigint = BigInt(generator.passwordCount);

const check = new StrengthCheck(options.strength_check ?? "");
const patterns: string[] = check.patterns;
const ok: boolean = check.isMatch(password);
const failing: string[] = check.failures(password).map((i: number) => patterns[i]);

function describeError(e: unknown): string {
  if (e instanceof PassforgeError) {
    const error: PassforgeError = e;
    const code: ErrorCode = error.code;
    switch (code) {
      case "CLASS_EMPTY":
      case "STRENGTH_CHECK_UNMET":
        return `${error.name} ${code}: ${error.message}`;
      default:
        return code;
    }
  }
  return String(e);
}

// The type guard narrows as instanceof does; errors can be made by hand.
function errorCode(e: unknown): ErrorCode | undefined {
  return isPassforgeError(e) ? e.code : undefined;
}
const handMade: PassforgeError = new PassforgeError("the length is zero", { code: "LENGTH_ZERO", cause: 1 });
const handMadeName: "PassforgeError" = handMade.name;

// toJSON: what JSON.stringify writes.
const settingsJson = generator.toJSON();
const settingsLength: number | undefined = settingsJson.length;
const patternsJson: string[] = check.toJSON().patterns;

// Policies: typed specs, violations narrowed by code.
const spec: PolicySpec = {
  min_length: 12,
  min_digits: 1,
  blocklist: true,
  length_unit: "utf16",
  sequences: ["qwerty"],
  ad: { minPwdLength: 10, pwdProperties: 1, maxPwdAge: -36288000000000 },
};
const policy = new Policy(spec);
const fromFile: Policy = Policy.fromJson(policyJsonFromToml("min_length = 12"));
const fromAd: Policy = Policy.fromAdAttributes({ minPwdLength: "10" });
const history: PasswordHistory = { contains: (p: string, depth: number) => p.length > depth };
const result: ValidationResult = policy.validate("hunter2", {
  username: "jsmith",
  display_name: "John Smith",
  history,
});
const messages: string[] = result.violations.map((v: Violation) => {
  switch (v.code) {
    case "TOO_SHORT":
      return `${v.required} ${v.unit}`;
    case "IN_BLOCKLIST":
      return v.source;
    case "CONTAINS_ACCOUNT_NAME":
      return v.token;
    default:
      return v.message;
  }
});
const firstCode: ViolationCode | undefined = result.violations[0]?.code;
const findings: Finding[] = fromFile.lint({ mfa: true });
const maxLength: number | undefined = fromAd.maxLength;
const forUser = new Generator({ policy, username: "jsmith", length: 16 });
const compliant: boolean = policy.isCompliant(forUser.generate(), { username: "jsmith" });
const common: boolean = isCommonPassword("password");
const psos: PsoCandidateInput[] = [
  { name: "Admins", precedence: 10, link: "group", object_guid: "00112233445566778899aabbccddeeff" },
  { precedence: 20, link: "direct", object_guid: new Uint8Array(16), attributes: { "msDS-MinimumPasswordLength": "15" } },
];
const winner: number | null = resolvePso(psos);
const resultant: PsoCandidateInput | undefined = winner === null ? undefined : psos[winner];
try {
  policy.checkGenerator(generator);
} catch (e) {
  const error = e as SettingsBelowPolicyError;
  const reasonCodes: string[] = error.reasons.map((r) => r.code);
  console.log(reasonCodes);
}

// Tokens, codes, answers, expiry: Dates in, bigints for 64-bit values.
const now = new Date();
const scheme = new TimeTokenScheme({ algorithm: "hmac-sha256", periodSeconds: 60, skewWindows: 1 });
const token: string = scheme.tokenAt(new TextEncoder().encode("s3cret"), now);
const window: bigint = scheme.window(now);
const accepted: AcceptedToken | null = scheme.verify("s3cret", token, now);
const once: TokenCheck = scheme.verifyOnce("s3cret", token, now, new MemoryReplayGuard());
const validUntil: Date | undefined = once.kind === "accepted" ? once.accepted.validUntil : undefined;
const requests = new RequestTokenScheme({ periodSeconds: 300, skewWindows: 1 });
const binding: string = requestBinding("POST", "/v1/reset", new TextEncoder().encode("{}"));
const bearer: string = requests.token("s3cret", now, RequestTokenScheme.nonce(), binding);
const requestAccepted: AcceptedToken | null = requests.verify("s3cret", bearer, binding, now);
const requestOnce: TokenCheck = requests.verifyOnce("s3cret", bearer, binding, now, new MemoryReplayGuard());
const short: boolean = new SharedToken("s3cret").isShort && SharedToken.MIN_BYTES === 16;
const issued = ResetToken.issue(now, { lifetimeSeconds: 600 });
const expiresAt: Date = issued.stored.expiresAt;
const codes = new OneTimeCodePolicy({ digits: 6 });
const codeCheck: CodeCheck = codes.check(codes.generate(), now, 0, "123456", now);
const attemptsLeft: number | undefined = codeCheck.kind === "wrong" ? codeCheck.attemptsLeft : undefined;
try {
  codes.checkSend([now], now);
} catch (e) {
  const next: Date = (e as SendRefusedError).nextAllowedAt;
  console.log(next);
}
const answer: string = normalizeAnswer(" Miss Piggy ");
const stored: string = new SecurityAnswerHasher({ memoryKib: 19456 }).hash(answer);
const matches: boolean = SecurityAnswerHasher.verify(stored, "miss piggy");
const expiry = Expiry.compute(
  PasswordLastSet.fromPwdLastSet(133485408000000000n),
  MaxPasswordAge.fromDays(60),
  0x200,
);
const status: ExpiryStatus = expiry.status(now, 14);
const daysRemaining: number | null = status.daysRemaining;
const filetime: bigint = expiry.toFiletime();
const instant: Date = timestampFromFiletime(filetimeFromTimestamp(now));
const delayOptions: ReminderDelayOptions = { maxSeconds: 120 };
const reminder = new ReminderDelay(delayOptions);
const maxSeconds: number = reminder.maxSeconds;
const delayMs: number = reminder.sample() + reminder.sample({ seedForTests: 7n }) + new ReminderDelay().sample();
const parsed: Date = timestampFromRfc3339("2024-02-29T12:00:00Z");
const rfc3339: string = rfc3339FromTimestamp(parsed);
const derivedSettings: GeneratorOptions = policy.generatorSettings();
const again = new Generator(derivedSettings);
const derivedLength: number | undefined = derivedSettings.length;
const file: PolicySpec = policy.toJSON();
const copied = new Policy(file);
const fileMinLength: number | undefined = file.min_length;
const fileMaxPwdAge: number | undefined = file.ad?.maxPwdAge;
const generatorPolicy: PolicySpec | undefined = forUser.toJSON().policy;
const user: UserContext = { username: "jsmith", display_name: "John Smith" };
const registry: ErrorCodeInfo[] = errorCodes();
const registered: ErrorCode[] = registry.map((info) => info.code);
const maxBatch: number = Generator.MAX_BATCH;

// The types reject what the runtime rejects.
// @ts-expect-error: spec keys are the policy file's (snake_case)
new Policy({ minLength: 12 });
// @ts-expect-error: not a length unit
new Policy({ length_unit: "bytes" });
// @ts-expect-error: a policy is a Policy, not a spec
new Generator({ policy: spec });
// @ts-expect-error: FILETIMEs are bigints
PasswordLastSet.fromPwdLastSet(133485408000000000);
// @ts-expect-error: instants are Dates
scheme.tokenAt("s3cret", 1700000000000);
// @ts-expect-error: not an algorithm
new TimeTokenScheme({ algorithm: "md5" });
// @ts-expect-error: a request token is always HMAC-SHA256
new RequestTokenScheme({ algorithm: "sha1" });
// @ts-expect-error: the binding is text (requestBinding's result)
requests.verify("s3cret", bearer, new Uint8Array(), now);
// @ts-expect-error: TOO_SHORT has no token
result.violations.filter((v) => v.code === "TOO_SHORT").map((v) => v.code === "TOO_SHORT" && v.token);
// @ts-expect-error: generator options are the core's keys (snake_case)
new Generator({ digitSet: "" });
// @ts-expect-error: so is the user
policy.validate("x", { displayName: "John" });
// @ts-expect-error: counts are numbers
new Generator({ length: "16" });
// @ts-expect-error: the seed is a bigint
defaults.generate({ seedForTests: 7 });
// @ts-expect-error: not an error code
const notACode: ErrorCode = "LENGTH_NEGATIVE";
// @ts-expect-error: read-only
generator.length = 3;
// @ts-expect-error: the reminder delay's maximum is in seconds, as maxSeconds
new ReminderDelay({ max: 60 });
// @ts-expect-error: the seed is a bigint
reminder.sample({ seedForTests: 7 });
// @ts-expect-error: instants are Dates
rfc3339FromTimestamp(1700000000000);
// @ts-expect-error: policy-file keys are snake_case
file.minLength;
// @ts-expect-error: not an error code
new PassforgeError("x", { code: "LENGTH_NEGATIVE" });
// @ts-expect-error: a PassforgeError needs its code
new PassforgeError("x");
// @ts-expect-error: a PSO is linked "direct" or "group"
resolvePso([{ precedence: 1, link: "user" }]);

export {
  accepted,
  again,
  copied,
  user,
  registered,
  maxBatch,
  answer,
  attemptsLeft,
  common,
  compliant,
  daysRemaining,
  delayMs,
  derivedLength,
  errorCode,
  fileMaxPwdAge,
  fileMinLength,
  generatorPolicy,
  handMadeName,
  patternsJson,
  settingsLength,
  expiresAt,
  filetime,
  findings,
  firstCode,
  instant,
  matches,
  maxLength,
  maxSeconds,
  messages,
  window,
  validUntil,
  requestAccepted,
  requestOnce,
  short,
  bits,
  count,
  describeError,
  failing,
  first,
  length,
  notACode,
  ok,
  passwords,
  reproducible,
  resultant,
  rfc3339,
};

// The entropy left after a strength check, and the one-time-code lint.
const estimate: { share: number; entropyBits: number } = new Generator({
  length: 16,
  strength_check: "'[0-9].*[0-9].*[0-9]'",
}).strengthCheckEstimate();
const codeFindings: Finding[] = new OneTimeCodePolicy().lint();
void estimate;
void codeFindings;

// Passphrases: the core's settings type, a word list, the policy estimate.
const settings: PassphraseSettings = { words: 5, separator: { random: "symbol" }, capitalize: "first_letter" };
const literal: Separator = " ";
const mode: Capitalization = "random_word";
const phrases: string[] = new PassphraseGenerator({
  ...settings,
  wordlist: WordList.fromText("a\nb\n"),
}).generateMany(3, { seedForTests: 1n });
const phraseBits: number = new PassphraseGenerator({ separator: literal, capitalize: mode, wordlist: ["x", "y"] })
  .entropyBits;
const kept: { share: number; entropyBits: number } = new PassphraseGenerator().policyEstimate();
void phrases;
void phraseBits;
void kept;
// Password rules: reading, a policy from them and back, a generator for them.
const rules = new PasswordRules("minlength: 20; required: lower; required: upper, digit; max-consecutive: 2");
const groups: RuleCharacters[] = rules.required;
const allowedText: string = rules.allowed.text;
const minimum: number | undefined = rules.minLength;
const fromRules: Policy = Policy.fromPasswordRules(String(rules));
const exported: ExportedRules = fromRules.toPasswordRules();
const gaps: UnexpressedRule[] = exported.unexpressed;
const effect: "stricter" | "looser" | undefined = gaps[0]?.effect;
const forRules: Generator = Generator.fromPasswordRules(exported.rules, { length: 24, avoid_ambiguous: true });
const acceptance: PolicyAcceptance | undefined = forRules.acceptance;
const rulesPolicy: Policy = rules.toPolicy();
function rulesProblem(e: unknown): string | undefined {
  if (isPassforgeError(e) && e.code === "PASSWORD_RULES_CLASS_DASH") {
    const where = e as PasswordRulesError;
    return `${where.line}:${where.column}`;
  }
  return undefined;
}
void [groups, allowedText, minimum, effect, acceptance, rulesPolicy, rulesProblem];
// The secrets-style one-liners.
const aPin: string = pin();
const aToken: string = tokenUrlsafe(16, { seedForTests: 1n });
void [aPin, aToken, pin(4), tokenUrlsafe()];
