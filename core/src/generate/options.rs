//! Generator options as front-ends receive them: each one given or not. The rule of
//! which options count as given (and so are checked against a policy instead of being
//! derived from it) lives here, once, for the CLI, Python, WASM and the service.

use serde::{Deserialize, Serialize};

use crate::generate::settings::GeneratorSettings;

/// A patch over [`GeneratorSettings::default`]: `None` is "not given".
///
/// **Given** means an option that can change the settings: every count, character set
/// and strength check that is present (an empty set disables its class, which is a
/// choice), `exclude` when it has characters, and `avoid_ambiguous` when true. An empty
/// `exclude` and `avoid_ambiguous = false` change nothing, so they are not given.
///
/// ```
/// use passforge::{GeneratorOptions, GeneratorSettings};
/// let none = GeneratorOptions { exclude: Some(String::new()), ..GeneratorOptions::default() };
/// assert!(!none.any_given());
/// let some = GeneratorOptions { length: Some(20), ..GeneratorOptions::default() };
/// assert!(some.any_given());
/// assert_eq!(some.to_settings().length, 20);
/// assert_eq!(some.to_settings().lower, GeneratorSettings::default().lower);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct GeneratorOptions {
    /// Requested length (default 12).
    pub length: Option<u32>,
    /// Minimum lowercase characters (default 6).
    pub lower: Option<u32>,
    /// Minimum uppercase characters (default 2).
    pub upper: Option<u32>,
    /// Minimum digits (default 2).
    pub digits: Option<u32>,
    /// Minimum symbols (default 2).
    pub symbols: Option<u32>,
    /// Replaces `a-z`; `""` disables the class.
    pub lower_set: Option<String>,
    /// Replaces `A-Z`; `""` disables the class.
    pub upper_set: Option<String>,
    /// Replaces `0-9`; `""` disables the class.
    pub digit_set: Option<String>,
    /// Replaces the 32 ASCII punctuation characters; `""` disables the class.
    pub symbol_set: Option<String>,
    /// Characters removed from every class.
    pub exclude: Option<String>,
    /// Remove look-alikes ([`crate::AMBIGUOUS`]).
    pub avoid_ambiguous: Option<bool>,
    /// Strength check in the quoted-list format.
    pub strength_check: Option<String>,
}

impl GeneratorOptions {
    /// Whether any option that can change the settings is given (see the type's docs).
    pub fn any_given(&self) -> bool {
        self.length.is_some()
            || self.lower.is_some()
            || self.upper.is_some()
            || self.digits.is_some()
            || self.symbols.is_some()
            || self.lower_set.is_some()
            || self.upper_set.is_some()
            || self.digit_set.is_some()
            || self.symbol_set.is_some()
            || self.exclude.as_deref().is_some_and(|e| !e.is_empty())
            || self.avoid_ambiguous == Some(true)
            || self.strength_check.is_some()
    }

    /// The settings: each given option replaces the default.
    pub fn to_settings(&self) -> GeneratorSettings {
        let d = GeneratorSettings::default();
        GeneratorSettings {
            length: self.length.unwrap_or(d.length),
            lower: self.lower.unwrap_or(d.lower),
            upper: self.upper.unwrap_or(d.upper),
            digits: self.digits.unwrap_or(d.digits),
            symbols: self.symbols.unwrap_or(d.symbols),
            lower_set: self.lower_set.clone().or(d.lower_set),
            upper_set: self.upper_set.clone().or(d.upper_set),
            digit_set: self.digit_set.clone().or(d.digit_set),
            symbol_set: self.symbol_set.clone().or(d.symbol_set),
            exclude: self.exclude.clone().unwrap_or(d.exclude),
            avoid_ambiguous: self.avoid_ambiguous.unwrap_or(d.avoid_ambiguous),
            strength_check: self.strength_check.clone().or(d.strength_check),
        }
    }

    /// For generation within a policy: the settings when any option is given (they are
    /// then checked against the policy), `None` when they are to be derived from it.
    pub fn settings_for_policy(&self) -> Option<GeneratorSettings> {
        self.any_given().then(|| self.to_settings())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_options_are_the_defaults_and_not_given() {
        let none = GeneratorOptions::default();
        assert!(!none.any_given());
        assert_eq!(none.to_settings(), GeneratorSettings::default());
        assert_eq!(none.settings_for_policy(), None);
    }

    #[test]
    fn no_op_values_are_not_given() {
        let no_ops = GeneratorOptions {
            exclude: Some(String::new()),
            avoid_ambiguous: Some(false),
            ..GeneratorOptions::default()
        };
        assert!(!no_ops.any_given());
    }

    #[test]
    fn each_option_alone_is_given_and_replaces_one_setting() {
        let d = GeneratorSettings::default();
        let cases: Vec<(GeneratorOptions, GeneratorSettings)> = vec![
            (
                GeneratorOptions {
                    length: Some(12),
                    ..Default::default()
                },
                d.clone(),
            ),
            (
                GeneratorOptions {
                    lower: Some(0),
                    ..Default::default()
                },
                GeneratorSettings {
                    lower: 0,
                    ..d.clone()
                },
            ),
            (
                GeneratorOptions {
                    upper_set: Some(String::new()),
                    ..Default::default()
                },
                GeneratorSettings {
                    upper_set: Some(String::new()),
                    ..d.clone()
                },
            ),
            (
                GeneratorOptions {
                    exclude: Some("a".into()),
                    ..Default::default()
                },
                GeneratorSettings {
                    exclude: "a".into(),
                    ..d.clone()
                },
            ),
            (
                GeneratorOptions {
                    avoid_ambiguous: Some(true),
                    ..Default::default()
                },
                GeneratorSettings {
                    avoid_ambiguous: true,
                    ..d.clone()
                },
            ),
            (
                GeneratorOptions {
                    strength_check: Some(String::new()),
                    ..Default::default()
                },
                GeneratorSettings {
                    strength_check: Some(String::new()),
                    ..d.clone()
                },
            ),
        ];
        for (options, settings) in cases {
            assert!(options.any_given(), "{options:?}");
            assert_eq!(options.settings_for_policy(), Some(settings));
        }
    }
}
