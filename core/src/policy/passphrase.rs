//! Checking passphrase settings against a policy: what every passphrase is sure to hold.

use crate::generate::passphrase::generator::PassphraseGenerator;
use crate::generate::passphrase::settings::Separator;
use crate::policy::category::{category_counts, Category};
use crate::policy::error::SettingsError;
use crate::policy::rules::{Policy, MAX_PASSWORD_LENGTH};
use crate::policy::shortfall::SettingsShortfall;

impl Policy {
    /// Checks that every passphrase `generator` can produce meets this policy's structural
    /// rules, as [`Policy::check_generator`] does for passwords: the shortest and longest
    /// passphrase in the policy's unit, the class minimums and the N-of-5 rule (counting
    /// what every passphrase is sure to hold: each word's least, the separators, the
    /// capitals, the digit) and the allowed characters. Every reason is reported. The
    /// other rules (context, blocklist, patterns, runs, sequences, symbols at the ends,
    /// score) are left to [`crate::ConfiguredPassphraseGenerator`], which enforces them
    /// by rejection.
    ///
    /// ```
    /// use passforge::{Capitalization, PassphraseGenerator, PassphraseSettings, Policy,
    ///                 PolicyFormat, WordList};
    /// // Active Directory complexity: 3 of 5 categories.
    /// let ad = Policy::parse("[ad]\nminPwdLength = 14\npwdProperties = 1\n", PolicyFormat::Toml)?;
    /// let plain = PassphraseGenerator::new(&PassphraseSettings::default(), &WordList::eff_large())?;
    /// let e = ad.check_passphrase(&plain).unwrap_err();
    /// assert_eq!(e.reasons()[0].code(), "GENERATOR_CATEGORIES_BELOW_MINIMUM");
    /// // A capital and a digit (and the hyphens): lowercase, uppercase, digit, symbol.
    /// let strong = PassphraseGenerator::new(
    ///     &PassphraseSettings { capitalize: Capitalization::FirstLetter, number: true,
    ///                           ..PassphraseSettings::default() },
    ///     &WordList::eff_large(),
    /// )?;
    /// ad.check_passphrase(&strong)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn check_passphrase(&self, generator: &PassphraseGenerator) -> Result<(), SettingsError> {
        let mut reasons = Vec::new();
        let settings = generator.settings();
        let n = u64::from(settings.words);
        let (forms, upper) = generator.forms();
        let units = |s: &str| self.unit.count(s) as u64;
        let range = |it: &mut dyn Iterator<Item = &str>| {
            it.map(units)
                .fold((u64::MAX, 0), |(lo, hi), u| (lo.min(u), hi.max(u)))
        };
        let (short, long) = range(&mut forms.iter());
        // The capitalised word, when there is one, instead of one plain word.
        let (short_one, long_one) = upper.map_or((short, long), |u| range(&mut u.iter()));
        let (separator_units, separator_counts) = match &settings.separator {
            Separator::Literal(s) => (units(s), category_counts(s, self.classes).map(u64::from)),
            Separator::Random { random } => {
                // Every random separator is ASCII: one unit, and one category for all.
                let c = random.characters().chars().next().unwrap_or('0');
                let mut counts = [0u64; 5];
                if let Some(category) = Category::of(c, self.classes) {
                    counts[category.index()] = 1;
                }
                (1, counts)
            }
        };
        let fixed = (n - 1) * separator_units + u64::from(settings.number);
        let shortest = (n - 1) * short + short_one + fixed;
        let longest = (n - 1) * long + long_one + fixed;
        if shortest < u64::from(self.min_length) {
            reasons.push(SettingsShortfall::LengthBelowMinimum {
                length: shortest,
                minimum: self.min_length,
                unit: self.unit,
            });
        }
        // Above MAX_PASSWORD_LENGTH validation refuses any password, with or without a
        // maximum of the policy's own.
        let maximum = self
            .max_length
            .map_or(MAX_PASSWORD_LENGTH, |m| m.min(MAX_PASSWORD_LENGTH));
        if longest > u64::from(maximum) {
            reasons.push(SettingsShortfall::LengthAboveMaximum {
                length: longest,
                maximum,
                unit: self.unit,
            });
        }

        // Per category, the least any passphrase holds.
        let least = |it: &mut dyn Iterator<Item = &str>| {
            it.map(|f| category_counts(f, self.classes))
                .fold([u64::MAX; 5], |acc, c| {
                    std::array::from_fn(|i| acc[i].min(u64::from(c[i])))
                })
        };
        let plain = least(&mut forms.iter());
        let one = upper.map_or(plain, |u| least(&mut u.iter()));
        let mut guaranteed: [u64; 5] =
            std::array::from_fn(|i| (n - 1) * plain[i] + one[i] + (n - 1) * separator_counts[i]);
        if settings.number {
            guaranteed[Category::Digit.index()] += 1;
        }
        let classes = [
            Category::Lower,
            Category::Upper,
            Category::Digit,
            Category::Symbol,
        ];
        for (category, &minimum) in classes.iter().zip(&self.class_minimums) {
            if guaranteed[category.index()] < u64::from(minimum) {
                reasons.push(SettingsShortfall::ClassBelowMinimum {
                    category: *category,
                    guaranteed: guaranteed[category.index()],
                    minimum,
                });
            }
        }
        let categories = guaranteed.iter().filter(|&&g| g > 0).count() as u32;
        if categories < self.min_categories {
            reasons.push(SettingsShortfall::CategoriesBelowMinimum {
                guaranteed: categories,
                required: self.min_categories,
            });
        }

        let not_allowed = |chars: &mut dyn Iterator<Item = char>| -> String {
            let mut bad: Vec<char> = chars.filter(|&c| !self.allows_char(c)).collect();
            bad.sort_unstable();
            bad.dedup();
            bad.into_iter().take(16).collect()
        };
        let separator_chars: String = match &settings.separator {
            Separator::Literal(s) => s.clone(),
            Separator::Random { random } => random.characters().to_owned(),
        };
        let parts = [
            (
                "words",
                not_allowed(
                    &mut forms
                        .iter()
                        .chain(upper.into_iter().flat_map(|u| u.iter()))
                        .flat_map(str::chars),
                ),
            ),
            ("separator", not_allowed(&mut separator_chars.chars())),
            (
                "number",
                if settings.number {
                    not_allowed(&mut ('0'..='9'))
                } else {
                    String::new()
                },
            ),
        ];
        for (part, characters) in parts {
            if !characters.is_empty() {
                reasons.push(SettingsShortfall::PassphraseCharacterNotAllowed { part, characters });
            }
        }
        if reasons.is_empty() {
            Ok(())
        } else {
            Err(SettingsError::new(reasons))
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{
        Capitalization, LengthUnit, PassphraseGenerator, PassphraseSettings, Policy, PolicySpec,
        RandomSeparator, Separator, WordList,
    };

    fn codes(policy: &Policy, settings: &PassphraseSettings, list: &WordList) -> Vec<&'static str> {
        let g = PassphraseGenerator::new(settings, list).unwrap();
        match policy.check_passphrase(&g) {
            Ok(()) => vec![],
            Err(e) => e.reasons().iter().map(|r| r.code()).collect(),
        }
    }

    #[test]
    fn lengths_are_the_shortest_and_longest_in_the_policys_unit() {
        // 3 to 9 letters per EFF word: 4 words and 3 hyphens are 15 to 39 characters.
        let eff = WordList::eff_large();
        let four = PassphraseSettings {
            words: 4,
            ..PassphraseSettings::default()
        };
        let p = |min: u32, max: Option<u32>| {
            Policy::new(PolicySpec {
                min_length: min,
                max_length: max,
                ..PolicySpec::default()
            })
            .unwrap()
        };
        assert!(codes(&p(15, Some(39)), &four, &eff).is_empty());
        assert_eq!(
            codes(&p(16, None), &four, &eff),
            ["GENERATOR_LENGTH_BELOW_MINIMUM"]
        );
        assert_eq!(
            codes(&p(0, Some(38)), &four, &eff),
            ["GENERATOR_LENGTH_ABOVE_MAXIMUM"]
        );
        // UTF-8 bytes: "ééé" is 6 bytes, "b" 1.
        let list = WordList::from_words(["ééé", "b"]).unwrap();
        let bytes = Policy::new(PolicySpec {
            length_unit: Some(LengthUnit::Utf8Bytes),
            min_length: 5,
            max_length: Some(14),
            ..PolicySpec::default()
        })
        .unwrap();
        let two = PassphraseSettings {
            words: 2,
            ..PassphraseSettings::default()
        };
        // 1+1+1 = 3 to 6+1+6 = 13 bytes.
        assert_eq!(
            codes(&bytes, &two, &list),
            ["GENERATOR_LENGTH_BELOW_MINIMUM"]
        );
    }

    #[test]
    fn classes_count_what_every_passphrase_holds() {
        let eff = WordList::eff_large();
        let p = Policy::new(PolicySpec {
            min_upper: 2,
            min_digits: 3,
            min_symbols: 1,
            min_categories: 4,
            ..PolicySpec::default()
        })
        .unwrap();
        // Three capitals (first letters), three random-digit gaps, no symbol: 3 categories.
        let s = PassphraseSettings {
            words: 4,
            separator: Separator::Random {
                random: RandomSeparator::Digit,
            },
            capitalize: Capitalization::FirstLetter,
            number: false,
        };
        assert_eq!(
            codes(&p, &s, &eff),
            [
                "GENERATOR_CLASS_BELOW_MINIMUM",
                "GENERATOR_CATEGORIES_BELOW_MINIMUM"
            ]
        );
        // One word in capitals: the EFF words have at least 3 letters, so 3 capitals; the
        // hyphen separators are symbols; the number is the digit... but only one.
        let s = PassphraseSettings {
            words: 4,
            capitalize: Capitalization::RandomWord,
            number: true,
            ..PassphraseSettings::default()
        };
        assert_eq!(codes(&p, &s, &eff), ["GENERATOR_CLASS_BELOW_MINIMUM"]);
    }

    #[test]
    fn characters_the_policy_does_not_allow_are_named_per_part() {
        let p = Policy::new(PolicySpec {
            forbidden_characters: "-5z".into(),
            ..PolicySpec::default()
        })
        .unwrap();
        let s = PassphraseSettings {
            words: 3,
            number: true,
            ..PassphraseSettings::default()
        };
        let g = PassphraseGenerator::new(&s, &WordList::eff_large()).unwrap();
        let e = p.check_passphrase(&g).unwrap_err();
        let messages: Vec<String> = e.reasons().iter().map(ToString::to_string).collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(
            messages[0].contains("words")
                && messages[0]
                    .ends_with("allow: -z; use other words, another separator or no number"),
            "{messages:?}"
        );
        assert!(
            messages[1].contains("separator")
                && messages[2].contains("number can hold characters the policy does not allow: 5;"),
            "{messages:?}"
        );
    }
}
