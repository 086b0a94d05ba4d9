//! WebAssembly bindings for passforge: the `passforge` npm package for browsers and Node.
//!
//! ```js
//! import { Generator, Policy, StrengthCheck } from "passforge";
//!
//! const generator = new Generator({ length: 16, strength_check: "'^.{12,}$'" });
//! generator.generate();          // "q7R%…", OS-seeded ChaCha20 (crypto.getRandomValues)
//! generator.entropyBits;         // log2 of the exact number of passwords
//! new StrengthCheck("'[0-9]'").failures("abc"); // [0]
//!
//! const policy = Policy.fromJson('{"min_length": 12, "blocklist": true}');
//! policy.validate("password");   // { ok: false, violations: [{ code: "TOO_SHORT", … }, …] }
//! new Generator({ policy, username: "jsmith" }).generate(); // complies
//! ```
//!
//! Each JS class wraps one core type and only delegates to the core's front-end contract
//! ([`passforge::ConfiguredGenerator`], [`passforge::Policy::parse`], …): JS values are
//! converted to the core's serde types, results are copied out as strings and numbers,
//! and every error is thrown as a JS `Error` whose `code` is the core's
//! ([`passforge::ErrorCode`]; `INVALID_ARGUMENT` when a JS value could not be converted).
//!
//! Objects of a core serde type keep the core's keys, the same in every front-end and in
//! `tests/vectors/`: a policy (`PolicySpec`, the policy file's keys), generator options
//! (`GeneratorOptions`), a user (`UserContext`), a PSO candidate (`PsoCandidateSpec`).
//! Their TypeScript types come from the core (its `tsify` feature). The options the
//! binding defines for its own calls (`seedForTests`, `mfa`, the auth classes' settings)
//! are camelCase, with types from the structs here and the sections below.
//!
//! The crate builds two modules (cargo features, both on by default for host builds):
//! `main`, the package's default entry (generator, strength checks, policies and the
//! blocklist), and `extras`, `passforge/extras` (tokens, one-time codes, reset tokens,
//! security answers, expiry and time, `resolvePso`, `policyJsonFromToml`), so a page pays
//! only for what it loads.

#![deny(missing_docs)]
// One crate, two modules (README.md, "Entry points"): `main` is the package's default
// entry, `extras` is `passforge/extras`. A build with only one of them leaves some of the
// shared helpers unused; the host build (both, the default) is the one linted.
#![cfg_attr(
    not(all(feature = "main", feature = "extras")),
    allow(dead_code, unused_imports)
)]

mod error;
mod options;

#[cfg(feature = "main")]
mod generator;
#[cfg(feature = "main")]
mod passphrase;
#[cfg(feature = "main")]
mod password_rules;
#[cfg(feature = "main")]
mod policy;
#[cfg(feature = "main")]
mod secrets;
#[cfg(feature = "main")]
mod strength_check;

#[cfg(feature = "extras")]
mod expiry;
#[cfg(feature = "extras")]
mod one_time_code;
#[cfg(feature = "extras")]
mod policy_toml;
#[cfg(feature = "extras")]
mod pso;
#[cfg(feature = "extras")]
mod reset_token;
#[cfg(feature = "extras")]
mod security_answer;
#[cfg(feature = "extras")]
mod time;
#[cfg(feature = "extras")]
mod token;

pub use crate::options::GenerateOptions;

#[cfg(feature = "main")]
pub use crate::generator::Generator;
#[cfg(feature = "main")]
pub use crate::passphrase::{PassphraseGenerator, WordList};
#[cfg(feature = "main")]
pub use crate::password_rules::PasswordRules;
#[cfg(feature = "main")]
pub use crate::policy::{
    common_password_count, is_common_password, score_available, LintOptions, Policy,
};
#[cfg(feature = "main")]
pub use crate::secrets::{pin, token_urlsafe};
#[cfg(feature = "main")]
pub use crate::strength_check::StrengthCheck;

#[cfg(feature = "extras")]
pub use crate::expiry::{
    Expiry, MaxPasswordAge, PasswordLastSet, ReminderDelay, ReminderDelayOptions,
};
#[cfg(feature = "extras")]
pub use crate::one_time_code::{OneTimeCodeOptions, OneTimeCodePolicy};
#[cfg(feature = "extras")]
pub use crate::policy_toml::policy_json_from_toml;
#[cfg(feature = "extras")]
pub use crate::pso::resolve_pso;
#[cfg(feature = "extras")]
pub use crate::reset_token::{IssueOptions, ResetToken, ResetTokenDigest, StoredResetToken};
#[cfg(feature = "extras")]
pub use crate::security_answer::{
    normalize_answer, AnswerHashOptions, QuestionRuleOptions, SecurityAnswerHasher,
    SecurityQuestionRule,
};
#[cfg(feature = "extras")]
pub use crate::time::{
    ad_interval_from_milliseconds, filetime_from_timestamp, milliseconds_from_ad_interval,
    rfc3339_from_timestamp, timestamp_from_filetime, timestamp_from_rfc3339,
};
#[cfg(feature = "extras")]
pub use crate::token::{
    request_binding, MemoryReplayGuard, RequestTokenOptions, RequestTokenScheme, SharedToken,
    TimeTokenOptions, TimeTokenScheme,
};

use wasm_bindgen::prelude::wasm_bindgen;

/// Every error code passforge can throw, with the part that raises it and what it means:
/// the core's registry (`docs/error-codes.md`), in order. In the main entry only: the
/// registry is the same for both.
#[cfg(feature = "main")]
#[wasm_bindgen(js_name = errorCodes, unchecked_return_type = "ErrorCodeInfo[]")]
pub fn error_codes() -> js_sys::Array {
    crate::error::registry()
}

#[wasm_bindgen(typescript_custom_section)]
const TS_ERRORS: &'static str = r#"
/**
 * The stable code on every error passforge throws: the core's registry (`errorCodes()`,
 * `docs/error-codes.md`). build.sh writes the codes in from `errorCodes()` of the module
 * it built, and a test checks the union against the registry both ways.
 */
export type ErrorCode = "@ERROR_CODES@";

/** One entry of the core's error-code registry (`errorCodes()`). */
export interface ErrorCodeInfo {
  code: ErrorCode;
  /** Which part of passforge raises it. */
  concern: "generate" | "random" | "policy" | "time" | "auth" | "argument" | "service";
  /** When it is raised, in one sentence. */
  meaning: string;
}

/**
 * What passforge throws: an `Error` (a `TypeError` or `RangeError` for INVALID_ARGUMENT)
 * whose `name` is "PassforgeError" and whose `code` says what went wrong.
 * `error instanceof PassforgeError` holds for every one of them, whichever of the three
 * constructors made it (the test is `isPassforgeError`), so `instanceof TypeError` keeps
 * working too. Calling a method of an object after `free()` throws one as well
 * (INVALID_ARGUMENT, a `TypeError`).
 */
export class PassforgeError extends Error {
  /** An error with a passforge code, for code that wraps passforge (adapters, tests). */
  constructor(message: string, options: { code: ErrorCode; cause?: unknown });
  readonly name: "PassforgeError";
  readonly code: ErrorCode;
  /** Whether `value` is an error passforge threw; see `isPassforgeError`. */
  static [Symbol.hasInstance](value: unknown): value is PassforgeError;
}

/**
 * Whether `value` is an error passforge threw (or a `PassforgeError` made by hand): an
 * `Error` named "PassforgeError" with a string `code`. The type guard form of
 * `value instanceof PassforgeError`.
 */
export function isPassforgeError(value: unknown): value is PassforgeError;

/** Generator settings that cannot guarantee a policy: every shortfall in `reasons`. */
export interface SettingsBelowPolicyError extends PassforgeError {
  readonly code: "SETTINGS_BELOW_POLICY";
  readonly reasons: SettingsShortfall[];
}

/** One way generator settings fall short of a policy. */
export interface SettingsShortfall {
  code:
    | "GENERATOR_LENGTH_BELOW_MINIMUM"
    | "GENERATOR_LENGTH_ABOVE_MAXIMUM"
    | "GENERATOR_CLASS_BELOW_MINIMUM"
    | "GENERATOR_CATEGORIES_BELOW_MINIMUM"
    | "GENERATOR_SYMBOL_AT_END_CERTAIN"
    | "GENERATOR_LENGTH_ABOVE_LIMIT"
    | "GENERATOR_INVALID_SETTINGS"
    | "GENERATOR_CHARACTER_NOT_ALLOWED"
    | "GENERATOR_REQUIRED_CHARACTERS_UNAVAILABLE";
  message: string;
}

/** No candidate complied with the policy within the attempt budget. */
export interface PolicyUnmetError extends PassforgeError {
  readonly code: "POLICY_UNMET";
  readonly attempts: number;
}

/** A password-rules string the language does not allow: where, 1-based, in characters. */
export interface PasswordRulesError extends PassforgeError {
  readonly code:
    | "PASSWORD_RULES_SYNTAX"
    | "PASSWORD_RULES_UNKNOWN_PROPERTY"
    | "PASSWORD_RULES_UNKNOWN_CLASS"
    | "PASSWORD_RULES_NUMBER"
    | "PASSWORD_RULES_CLASS_DASH"
    | "PASSWORD_RULES_CLASS_BRACKET"
    | "PASSWORD_RULES_CLASS_UNTERMINATED"
    | "PASSWORD_RULES_CLASS_EMPTY";
  readonly line: number;
  readonly column: number;
}

/** A one-time code may not be sent yet. */
export interface SendRefusedError extends PassforgeError {
  readonly code: "CODE_SEND_TOO_SOON" | "CODE_SEND_LIMIT";
  /** The first instant both sending rules allow. */
  readonly nextAllowedAt: Date;
}
"#;

/// In both entries: `Policy.lint` (main) and `OneTimeCodePolicy.lint` (extras) return it.
#[wasm_bindgen(typescript_custom_section)]
const TS_FINDING: &'static str = r#"
/** One departure of a policy from NIST SP 800-63B. */
export interface Finding {
  code: string;
  severity: "info" | "warning" | "error";
  message: string;
}
"#;

#[cfg(feature = "main")]
#[wasm_bindgen(typescript_custom_section)]
const TS_POLICY: &'static str = r#"
/**
 * One broken rule: a stable `code`, its parameters, and a default English `message`
 * that callers may replace. No violation contains the password.
 */
export type Violation =
  | { code: "TOO_SHORT"; message: string; required: number; actual: number; unit: LengthUnit }
  | { code: "TOO_LONG"; message: string; maximum: number; actual: number; unit: LengthUnit }
  | {
      code:
        | "INSUFFICIENT_LOWERCASE"
        | "INSUFFICIENT_UPPERCASE"
        | "INSUFFICIENT_DIGITS"
        | "INSUFFICIENT_SYMBOLS"
        | "INSUFFICIENT_CATEGORIES";
      message: string;
      required: number;
      actual: number;
    }
  | { code: "MISSING_REQUIRED_CHARACTER"; message: string; characters: string }
  | { code: "FORBIDDEN_CHARACTER"; message: string; count: number }
  | { code: "SYMBOL_AT_END"; message: string }
  | { code: "REPEATED_CHARACTERS"; message: string; maximum: number; actual: number }
  | { code: "ILLEGAL_SEQUENCE"; message: string; kind: SequenceKind; length: number }
  | { code: "STRENGTH_CHECK_FAILED" | "FORBIDDEN_PATTERN"; message: string; pattern: string }
  | {
      code: "CONTAINS_ACCOUNT_NAME" | "CONTAINS_DISPLAY_NAME" | "CONTAINS_EMAIL";
      message: string;
      token: string;
    }
  | { code: "CONTAINS_WORD"; message: string; word: string }
  | { code: "IN_BLOCKLIST"; message: string; source: "common" | "operator" }
  | { code: "IN_HISTORY"; message: string; depth: number }
  | { code: "TOO_WEAK"; message: string; required: number; actual: number };

/** The stable code of a violation. */
export type ViolationCode = Violation["code"];

/** What `policy.validate(password, options)` takes: the user, and the history. */
export type ValidateOptions = UserContext & {
  /** The user's password history; `IN_HISTORY` is checked only with it (and a policy
   * `history` above 0). An exception it throws propagates out of `validate`. */
  history?: PasswordHistory;
};

/** What `Policy.validate` returns. */
export interface ValidationResult {
  /** No violation. */
  ok: boolean;
  /** Every violation, in the documented order. */
  violations: Violation[];
}

/** The user's password history, which lives in the directory or the service. */
export interface PasswordHistory {
  /** Whether `password` equals the current password or one of the last `depth`; an
   * exception thrown here propagates out of `validate`. */
  contains(password: string, depth: number): boolean;
}
"#;

#[cfg(feature = "extras")]
#[wasm_bindgen(typescript_custom_section)]
const TS_AUTH: &'static str = r#"
/** How a time-based token is derived. */
export type TokenAlgorithm = "sha1" | "hmac-sha256";

/** A time-based token or a request token that verified. */
export interface AcceptedToken {
  /** The window the token was made for. */
  window: bigint;
  /** The first instant the token is no longer accepted. */
  validUntil: Date;
}

/** The outcome of `TimeTokenScheme.verifyOnce` and `RequestTokenScheme.verifyOnce`. */
export type TokenCheck =
  | { kind: "accepted"; accepted: AcceptedToken }
  | { kind: "invalid" | "replayed" };

/** The outcome of `OneTimeCodePolicy.check`. */
export type CodeCheck =
  | { kind: "valid" | "expired" | "too_many_attempts" }
  | { kind: "wrong"; attemptsLeft: number };

/** Where an instant stands against a password's expiry. */
export interface ExpiryStatus {
  /** The expiry instant, floored to the millisecond; null when it never expires. */
  expiresAt: Date | null;
  /** floor((expiresAt - now) / 1 day), at full precision; null when it never expires. */
  daysRemaining: number | null;
  /** now >= expiresAt. */
  expired: boolean;
  /** Not expired, and daysRemaining < remindDays. */
  remind: boolean;
}
"#;
