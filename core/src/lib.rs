//! passforge: exactly uniform password generation with per-class minimums, regex
//! strength checks, and (as they land) password policies, tokens and expiry math.
//!
//! ```
//! use passforge::{Generator, GeneratorSettings};
//!
//! // The identity manager's defaults: 12 characters, at least 6 lowercase, 2 uppercase,
//! // 2 digits and 2 symbols, and two regex strength checks.
//! let generator = Generator::new(&GeneratorSettings {
//!     strength_check: Some("'^.{12,}$', '^.*[0-9].*$'".into()),
//!     ..GeneratorSettings::default()
//! })?;
//! let password = generator.generate()?;
//! assert_eq!(password.as_str().chars().count(), 12);
//! println!("{:.1} bits", generator.entropy_bits()); // log2 of the exact count
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Overview
//!
//! * [`GeneratorSettings`] is plain data (serde); [`Generator::new`] validates it, so a
//!   [`Generator`] that exists is valid. Errors are typed ([`ConfigError`]) and carry a
//!   stable `code()`.
//! * Every password the settings allow is **equally likely**: the generator counts the
//!   valid passwords exactly and maps one uniform draw onto them (no seed-then-shuffle,
//!   no modulo bias, no retry loop for the minimums). [`Generator::entropy_bits`] is
//!   log2 of that exact count.
//! * A [`StrengthCheck`] (`'re1', 're2'`) filters candidates by rejection, which keeps
//!   the result uniform over the passwords that pass; its attempts are bounded.
//! * Randomness is injectable ([`Generator::generate_with`]); the default is ChaCha20
//!   seeded from the operating system. [`DeterministicRng`] reproduces test vectors on
//!   every platform and is for tests only.
//! * [`Password`] zeroizes its memory on drop and redacts itself in `Debug`.
//! * One-liners in the manner of Python's `secrets`: a PIN is a generator of
//!   [`GeneratorSettings::pin`], a URL-safe token is [`url_safe_token`] (random bytes as
//!   unpadded base64url).
//! * A [`Policy`] (serde: TOML, JSON; see `docs/policy.md`) is what the validator and the
//!   generator both obey: [`Policy::validate`] returns every [`Violation`] with a stable
//!   code; [`Policy::check_generator`] and [`PolicyGenerator`] keep generation within it.
//!   Active Directory ([`AdPolicy`]) and OpenLDAP ([`Ppolicy`]) policies fold into it, and
//!   [`lint`] compares it with NIST SP 800-63B.
//! * [`PasswordRules`] reads Apple's password-rules language (the `passwordrules`
//!   attribute: `minlength: 20; required: lower; required: digit; max-consecutive: 2;`)
//!   exactly as its reference parser does; [`Policy::from_password_rules`] and
//!   [`ConfiguredGenerator::from_password_rules`] turn it into a policy and a generator,
//!   and [`Policy::to_password_rules`] writes a policy out for a page to publish, listing
//!   what the language cannot say.
//!
//! # Examples
//!
//! Settings with counts above the length make the password longer, never shorter:
//!
//! ```
//! # use passforge::{Generator, GeneratorSettings};
//! let g = Generator::new(&GeneratorSettings {
//!     length: 12, lower: 8, upper: 4, digits: 2, symbols: 2,
//!     ..GeneratorSettings::default()
//! })?;
//! assert_eq!(g.length(), 16);
//! # Ok::<(), passforge::ConfigError>(())
//! ```
//!
//! # Crate features
//!
//! * `zxcvbn` (off by default): a [`Policy`]'s minimum guessability score (`min_score`).
//! * `unicode-classes` (on by default): Unicode property classes (`\p{L}`, `\P{Greek}`) in
//!   strength checks and forbidden patterns: regex's tables for them, 225 KB of the WASM
//!   package. Without it such
//!   a pattern is refused with `STRENGTH_CHECK_CLASS_UNAVAILABLE`; case folding and the
//!   Perl classes (`\d`, `\w`, `\s`) stay Unicode-aware either way.
//! * `regex-dfa` (on by default): regex's lazy DFA, which keeps heavy patterns fast on
//!   long inputs (103 KB of the WASM package). The WASM package leaves both out for size.
//!
//! The crate is pure Rust with no I/O beyond asking the OS for a seed.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod auth;
mod contract;
mod generate;
mod policy;
mod random;
mod time;

pub use crate::auth::error::{
    OneTimeCodeError, ReplayGuardFull, ResetTokenError, SecurityAnswerError, TokenError,
};
pub use crate::auth::one_time_code::{
    CodeCheck, OneTimeCode, OneTimeCodePolicy, OneTimeCodeSettings, SendRefused,
};
pub use crate::auth::request_token::{request_binding, RequestTokenScheme};
pub use crate::auth::reset_token::{ResetToken, ResetTokenDigest, StoredResetToken};
pub use crate::auth::security_answer::{
    normalize_answer, AnswerHashParams, SecurityAnswerHasher, SecurityQuestionRule,
};
pub use crate::auth::token::{
    AcceptedToken, MemoryReplayGuard, ReplayGuard, SharedToken, TimeTokenScheme, TokenAlgorithm,
    TokenCheck,
};
pub use crate::contract::argument::InvalidArgument;
pub use crate::contract::error_code::{
    code_of, error_code_info, error_codes, error_codes_markdown, Concern, ErrorCode, ErrorCodeInfo,
};
pub use crate::contract::name::UnknownName;
pub use crate::generate::charset::{CharClass, AMBIGUOUS, DEFAULT_SYMBOLS};
pub use crate::generate::error::{
    ConfigError, GenerateError, PatternRejections, StrengthCheckError,
};
pub use crate::generate::estimate::StrengthCheckEstimate;
pub use crate::generate::generator::{Generator, MAX_BATCH, MAX_LENGTH};
pub use crate::generate::options::GeneratorOptions;
pub use crate::generate::passphrase::error::{PassphraseError, WordListError};
pub use crate::generate::passphrase::generator::{
    PassphraseGenerator, MAX_PASSPHRASE_WORDS, MAX_SEPARATOR_CHARS,
};
pub use crate::generate::passphrase::settings::{
    Capitalization, PassphraseSettings, RandomSeparator, Separator,
};
pub use crate::generate::passphrase::wordlist::WordList;
pub use crate::generate::password::Password;
pub use crate::generate::settings::GeneratorSettings;
pub use crate::generate::strength_check::{
    StrengthCheck, MAX_PATTERNS, MAX_PATTERN_LEN, MAX_REPETITION_WEIGHT,
};
pub use crate::generate::token::{
    url_safe_token, url_safe_token_with, DEFAULT_TOKEN_BYTES, MAX_TOKEN_BYTES,
};
pub use crate::random::rng::DeterministicRng;
pub use crate::random::source::{RandomSource, RandomSourceError, SourceRng};
pub use crate::time::error::{ExpiryError, TimeError};
pub use crate::time::expiry::{
    Expiry, ExpiryStatus, MaxPasswordAge, PasswordLastSet, ReminderDelay, UserAccountControl,
};
pub use crate::time::filetime::{ad_interval_from_duration, duration_from_ad_interval};
pub use crate::time::timestamp::Timestamp;

pub use crate::policy::acceptance::PolicyAcceptance;
pub use crate::policy::blocklist::{common_password_count, is_common_password, Blocklist};
pub use crate::policy::category::{Category, CharacterClasses, LengthUnit};
pub use crate::policy::configured::ConfiguredGenerator;
pub use crate::policy::configured_passphrase::ConfiguredPassphraseGenerator;
pub use crate::policy::directory::ad::{AdPolicy, DOMAIN_PASSWORD_COMPLEX};
pub use crate::policy::directory::ppolicy::Ppolicy;
pub use crate::policy::directory::pso::{
    parse_object_guid, resolve_pso, PsoCandidate, PsoCandidateError, PsoCandidateSpec,
    PsoCandidates, PsoLink, PsoProblem, PsoResolution,
};
pub use crate::policy::error::{PolicyError, PolicyGenerateError, SettingsError};
pub use crate::policy::generate::PolicyGenerator;
pub use crate::policy::nist::{lint, Finding, LintContext, Severity};
pub use crate::policy::password_rules::charset::RuleCharacters;
pub use crate::policy::password_rules::error::{Found, PasswordRulesError};
pub use crate::policy::password_rules::write::{ExportedRules, RuleEffect, UnexpressedRule};
pub use crate::policy::password_rules::PasswordRules;
pub use crate::policy::rules::{
    AgeRules, LockoutRules, Policy, PolicySpec, AD_MAX_LENGTH, MAX_DISPLAY_NAME,
    MAX_PASSWORD_LENGTH, MIN_CONTEXT_TOKEN,
};
pub use crate::policy::score::MAX_SCORE_INPUT;
pub use crate::policy::sequence::SequenceKind;
pub use crate::policy::shortfall::SettingsShortfall;
pub use crate::policy::text::PolicyFormat;
pub use crate::policy::validate::{display_name_tokens, PasswordHistory, UserContext};
pub use crate::policy::violation::{ParamValue, Violation};

/// Re-exported so callers can name the RNG traits `generate_with` expects.
pub use rand_core::{CryptoRng, RngCore};

/// The README's Rust examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;
