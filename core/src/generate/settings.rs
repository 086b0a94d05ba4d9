//! Generator settings as users write them (CLI flags, JSON, Python keywords).

use serde::{Deserialize, Serialize};

use crate::generate::charset::CharClass;

/// What to generate. Plain data with the identity manager's defaults; turn it into a
/// [`crate::Generator`] (where validation happens) with [`crate::Generator::new`].
///
/// Each count is a **minimum**; the effective length is the larger of `length` and the
/// sum of the counts, and positions not claimed by a minimum may hold any enabled
/// character. A class whose set is empty (after `exclude` and `avoid_ambiguous`) is
/// disabled and its count must be 0.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct GeneratorSettings {
    /// Requested length (default 12).
    pub length: u32,
    /// Minimum lowercase characters (default 6).
    pub lower: u32,
    /// Minimum uppercase characters (default 2).
    pub upper: u32,
    /// Minimum digits (default 2).
    pub digits: u32,
    /// Minimum symbols (default 2).
    pub symbols: u32,
    /// Replaces `a-z`; any Unicode scalar values. `Some("")` disables the class.
    pub lower_set: Option<String>,
    /// Replaces `A-Z`.
    pub upper_set: Option<String>,
    /// Replaces `0-9`.
    pub digit_set: Option<String>,
    /// Replaces the 32 ASCII punctuation characters.
    pub symbol_set: Option<String>,
    /// Characters removed from every class.
    pub exclude: String,
    /// Remove look-alikes: [`crate::AMBIGUOUS`].
    pub avoid_ambiguous: bool,
    /// Strength check in the quoted-list format (see [`crate::StrengthCheck`]).
    pub strength_check: Option<String>,
}

impl Default for GeneratorSettings {
    fn default() -> Self {
        Self {
            length: 12,
            lower: 6,
            upper: 2,
            digits: 2,
            symbols: 2,
            lower_set: None,
            upper_set: None,
            digit_set: None,
            symbol_set: None,
            exclude: String::new(),
            avoid_ambiguous: false,
            strength_check: None,
        }
    }
}

impl GeneratorSettings {
    /// `length` characters with these minimums (lowercase, uppercase, digits, symbols)
    /// and the default sets.
    ///
    /// ```
    /// let s = passforge::GeneratorSettings::with_minimums(16, [8, 4, 2, 2]);
    /// assert_eq!((s.length, s.lower, s.symbols), (16, 8, 2));
    /// ```
    pub fn with_minimums(length: u32, [lower, upper, digits, symbols]: [u32; 4]) -> Self {
        Self {
            length,
            lower,
            upper,
            digits,
            symbols,
            ..Self::default()
        }
    }

    /// A PIN: `length` decimal digits and nothing else, each of the `10**length` PINs
    /// equally likely (leading zeros kept). [`Generator::new`](crate::Generator::new)
    /// refuses a length of 0 (`LENGTH_ZERO`) or above [`crate::MAX_LENGTH`]
    /// (`LENGTH_TOO_LARGE`).
    ///
    /// ```
    /// use passforge::{DeterministicRng, Generator, GeneratorSettings};
    /// let pins = Generator::new(&GeneratorSettings::pin(GeneratorSettings::DEFAULT_PIN_LENGTH))?;
    /// let pin = pins.generate_with(&mut DeterministicRng::from_seed_for_tests(1))?;
    /// assert!(pin.as_str().len() == 6 && pin.as_str().bytes().all(|b| b.is_ascii_digit()));
    /// assert_eq!(pins.password_count(), "1000000");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn pin(length: u32) -> Self {
        Self {
            length,
            lower: 0,
            upper: 0,
            digits: 0,
            symbols: 0,
            lower_set: Some(String::new()),
            upper_set: Some(String::new()),
            digit_set: None,
            symbol_set: Some(String::new()),
            exclude: String::new(),
            avoid_ambiguous: false,
            strength_check: None,
        }
    }

    /// The length of a PIN when the caller does not say (as a banking or device PIN).
    pub const DEFAULT_PIN_LENGTH: u32 = 6;

    /// The minimum for one class.
    pub fn minimum(&self, class: CharClass) -> u32 {
        match class {
            CharClass::Lower => self.lower,
            CharClass::Upper => self.upper,
            CharClass::Digit => self.digits,
            CharClass::Symbol => self.symbols,
        }
    }

    /// The character set for one class, the default when not replaced.
    pub fn set(&self, class: CharClass) -> &str {
        let custom = match class {
            CharClass::Lower => &self.lower_set,
            CharClass::Upper => &self.upper_set,
            CharClass::Digit => &self.digit_set,
            CharClass::Symbol => &self.symbol_set,
        };
        custom.as_deref().unwrap_or(class.default_set())
    }
}
