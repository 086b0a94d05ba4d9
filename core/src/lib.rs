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
//! None yet; the crate is pure Rust with no I/O beyond asking the OS for a seed.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod charset;
mod count;
mod error;
mod generate;
mod number;
mod password;
mod rng;
mod settings;
mod strength_check;

pub use crate::charset::{CharClass, AMBIGUOUS, DEFAULT_SYMBOLS};
pub use crate::error::{ConfigError, GenerateError, PatternRejections, StrengthCheckError};
pub use crate::generate::{Generator, MAX_LENGTH};
pub use crate::password::Password;
pub use crate::rng::DeterministicRng;
pub use crate::settings::GeneratorSettings;
pub use crate::strength_check::{StrengthCheck, MAX_PATTERNS, MAX_PATTERN_LEN};

/// Re-exported so callers can name the RNG traits `generate_with` expects.
pub use rand_core::{CryptoRng, RngCore};
