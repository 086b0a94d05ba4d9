//! A policy written as password rules, so a page can publish what its server enforces;
//! what the language cannot say is listed, never dropped in silence.

use std::fmt;

use serde::Serialize;

use crate::contract::name::named_enum;
use crate::policy::category::{Category, CharacterClasses, LengthUnit};
use crate::policy::password_rules::charset::{
    bits_of, is_ascii_printable, RuleCharacters, ASCII_PRINTABLE, DIGIT, LOWER, PUNCTUATION, UPPER,
};
use crate::policy::password_rules::PasswordRules;
use crate::policy::rules::Policy;

/// How written password rules differ from a rule of the policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleEffect {
    /// The rules refuse some passwords the policy accepts (a password made for the rules
    /// still complies).
    Stricter,
    /// The rules accept some passwords the policy refuses (a password made for the rules
    /// may not comply).
    Looser,
}

named_enum!(
    RuleEffect,
    "rule effect",
    [Stricter = "stricter", Looser = "looser"]
);

/// A rule of the policy that password rules cannot say as the policy means it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct UnexpressedRule {
    /// The policy-file key of the rule (`min_categories`, `forbid_username`, …).
    pub key: &'static str,
    /// Whether the rules are stricter or looser than the policy there.
    pub effect: RuleEffect,
    /// What the policy asks and what the rules say instead, in English.
    pub message: String,
}

/// A policy as password rules ([`Policy::to_password_rules`]): the rules, and every rule
/// of the policy they do not express exactly.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportedRules {
    rules: PasswordRules,
    unexpressed: Vec<UnexpressedRule>,
}

impl ExportedRules {
    /// The rules.
    pub fn rules(&self) -> &PasswordRules {
        &self.rules
    }

    /// Every rule of the policy the rules do not express exactly, in a fixed order
    /// (characters, classes, length unit, then the rules the language lacks); empty when
    /// the rules accept exactly the passwords the policy accepts.
    pub fn unexpressed(&self) -> &[UnexpressedRule] {
        &self.unexpressed
    }

    /// Whether nothing is [`Self::unexpressed`].
    pub fn is_exact(&self) -> bool {
        self.unexpressed.is_empty()
    }
}

/// The rules' text.
impl fmt::Display for ExportedRules {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.rules.fmt(f)
    }
}

/// The four classes a policy counts with minimums: their key, nouns (plural, and one
/// with its article) and ASCII members (the same under both category definitions).
const CLASSES: [(Category, &str, &str, &str, u128); 4] = [
    (
        Category::Lower,
        "min_lower",
        "lowercase letters",
        "a lowercase letter",
        LOWER,
    ),
    (
        Category::Upper,
        "min_upper",
        "uppercase letters",
        "an uppercase letter",
        UPPER,
    ),
    (Category::Digit, "min_digits", "digits", "a digit", DIGIT),
    (
        Category::Symbol,
        "min_symbols",
        "symbols",
        "a symbol",
        PUNCTUATION,
    ),
];

impl Policy {
    /// This policy as password rules, for a page's `passwordrules` attribute, with every
    /// rule the language cannot express exactly ([`ExportedRules::unexpressed`]):
    ///
    /// * lengths, `max_repeat` (as `max-consecutive`) and the allowed characters are
    ///   exact over ASCII; a policy that allows every character is `allowed: unicode`, one
    ///   that forbids some characters of it or allows non-ASCII ones lists its ASCII
    ///   characters (stricter);
    /// * a class minimum of 1 is a required class of the allowed ASCII characters of that
    ///   class; a minimum above 1 is written as 1 (looser); when non-ASCII characters of
    ///   the class are allowed, the ASCII class is stricter than the category;
    /// * `min_categories` beyond the required classes becomes further required classes
    ///   (lowercase, uppercase, digits, symbols, in that order): stricter;
    /// * `required_characters` are required groups of their allowed ASCII characters;
    /// * lengths counted in UTF-16 units or bytes differ from characters outside ASCII;
    /// * the language has no symbols-at-the-ends, sequence, pattern, word, context,
    ///   blocklist, history or score rules: each one present is listed (looser).
    ///
    /// Ages, lockout, `must_change_after_reset` and `truncate_at` are not about what a
    /// new password holds, so they are not part of the language and not listed. A policy
    /// without `max_length` still refuses passwords over [`crate::MAX_PASSWORD_LENGTH`];
    /// that bound is not written either.
    ///
    /// ```
    /// use passforge::{Policy, PolicySpec};
    /// let policy = Policy::from_password_rules(
    ///     "minlength: 20; maxlength: 64; required: lower; required: upper; \
    ///      required: digit; required: [-().&@?'#,/\"+]; allowed: ascii-printable; \
    ///      max-consecutive: 2;",
    /// )?;
    /// let written = policy.to_password_rules();
    /// assert!(written.is_exact());
    /// assert_eq!(
    ///     written.to_string(),
    ///     "minlength: 20; maxlength: 64; required: lower; required: upper; \
    ///      required: digit; required: [-\"#&'()+,./?@]; allowed: ascii-printable; \
    ///      max-consecutive: 2;"
    /// );
    ///
    /// let ad = Policy::from_ad_attributes([("minPwdLength", "8"), ("pwdProperties", "1")])?;
    /// let written = ad.to_password_rules();
    /// assert_eq!(
    ///     written.to_string(),
    ///     "minlength: 8; maxlength: 256; required: lower; required: upper; required: digit; \
    ///      allowed: unicode;"
    /// );
    /// let keys: Vec<&str> = written.unexpressed().iter().map(|u| u.key).collect();
    /// assert_eq!(keys, ["min_categories", "length_unit", "forbid_username", "forbid_display_name"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_password_rules(&self) -> ExportedRules {
        let mut notes = Notes(Vec::new());
        let allowed = self.rules_allowed(&mut notes);
        let mut required: Vec<RuleCharacters> = Vec::new();
        let mut push = |group: u128| {
            let group = RuleCharacters::ascii(group);
            if !required.contains(&group) {
                required.push(group);
            }
        };

        // Class minimums, then the N-of-5 rule with further classes.
        let mut present = 0;
        for (i, &(category, key, noun, _, members)) in CLASSES.iter().enumerate() {
            let minimum = self.class_minimums[i];
            if minimum == 0 {
                continue;
            }
            let group = members & allowed.bits();
            if group == 0 {
                notes.looser(
                    key,
                    format!(
                        "at least {minimum} {noun}, of which the policy allows no ASCII one: \
                         password rules cannot require them"
                    ),
                );
                continue;
            }
            push(group);
            present += 1;
            if minimum > 1 {
                notes.looser(
                    key,
                    format!(
                        "at least {minimum} {noun}: password rules require one character of \
                         a class, so this is written as one"
                    ),
                );
            }
            if self.allows_non_ascii(category) {
                notes.stricter(
                    key,
                    format!(
                        "counts {noun} of any script; the rules require an ASCII one \
                         (required: {})",
                        RuleCharacters::ascii(group)
                    ),
                );
            }
        }
        if self.min_categories > present {
            let mut added = Vec::new();
            for (i, &(_, _, _, one, members)) in CLASSES.iter().enumerate() {
                let group = members & allowed.bits();
                if present < self.min_categories && self.class_minimums[i] == 0 && group != 0 {
                    push(group);
                    present += 1;
                    added.push(one);
                }
            }
            let n = self.min_categories;
            if !added.is_empty() {
                notes.stricter(
                    "min_categories",
                    format!(
                        "characters of at least {n} of 5 categories, any of them: password \
                         rules cannot offer a choice, so they also require {}",
                        added.join(", ")
                    ),
                );
            }
            if present < n {
                notes.looser(
                    "min_categories",
                    format!(
                        "characters of at least {n} of 5 categories: the rules require only \
                         {present}"
                    ),
                );
            }
        }
        for group in &self.required {
            let ascii = bits_of(group.iter().copied()) & allowed.bits();
            let text: String = group.iter().collect();
            if ascii == 0 {
                notes.looser(
                    "required_characters",
                    format!(
                        "one of '{text}': the policy allows none of them in ASCII, which is \
                         all password rules can list"
                    ),
                );
                continue;
            }
            if group
                .iter()
                .any(|&c| !is_ascii_printable(c) && self.allows_char(c))
            {
                notes.stricter(
                    "required_characters",
                    format!(
                        "one of '{text}': the rules require one of its ASCII characters, {}",
                        RuleCharacters::ascii(ascii)
                    ),
                );
            }
            push(ascii);
        }
        // A reader lets a group of every ASCII character stand for `allowed` when it comes
        // before `unicode`; the rules are then ASCII (stricter).
        let allowed =
            if allowed.is_unicode() && required.iter().any(|g| g.bits() == ASCII_PRINTABLE) {
                notes.stricter(
                    "required_characters",
                    "one of every ASCII printable character: password rules then allow only \
                 ASCII characters"
                        .into(),
                );
                RuleCharacters::ascii(ASCII_PRINTABLE)
            } else {
                allowed
            };

        if self.unit != LengthUnit::CodePoints && allowed.is_unicode() {
            let (unit, outside) = match self.unit {
                LengthUnit::Utf16 => ("UTF-16 code units", "outside the Basic Multilingual Plane"),
                _ => ("UTF-8 bytes", "outside ASCII"),
            };
            notes.looser(
                "length_unit",
                format!(
                    "lengths are counted in {unit}; password rules count characters, which \
                     differ {outside}"
                ),
            );
        }
        self.unexpressible(&mut notes);
        ExportedRules {
            rules: PasswordRules::from_parts(
                Some(self.min_length),
                self.max_length,
                self.max_repeat,
                required,
                allowed,
            ),
            unexpressed: notes.0,
        }
    }

    /// The allowed set of the rules: `unicode` for a policy that allows every character,
    /// else its allowed ASCII printable characters.
    fn rules_allowed(&self, notes: &mut Notes) -> RuleCharacters {
        if self.allowed.is_none() && self.forbidden.is_empty() {
            return RuleCharacters::UNICODE;
        }
        let ascii = (' '..='~')
            .filter(|&c| self.allows_char(c))
            .fold(0, |bits, c| bits | bits_of([c]));
        if ascii == 0 {
            notes.looser(
                "allowed_characters",
                "only non-ASCII characters, which password rules cannot list: the rules \
                 allow every character"
                    .into(),
            );
            return RuleCharacters::UNICODE;
        }
        match &self.allowed {
            None => notes.stricter(
                "forbidden_characters",
                "every character but a few, which password rules cannot say: the rules \
                 allow only the ASCII printable characters the policy allows"
                    .into(),
            ),
            Some(list) if list.iter().any(|&c| !is_ascii_printable(c)) => notes.stricter(
                "allowed_characters",
                "characters outside ASCII printable, which password rules cannot list: the \
                 rules allow only the ASCII ones"
                    .into(),
            ),
            Some(_) => {}
        }
        RuleCharacters::ascii(ascii)
    }

    /// Whether the policy allows a character of `category` that is not ASCII printable.
    fn allows_non_ascii(&self, category: Category) -> bool {
        let ascii_only = self.classes == CharacterClasses::ActiveDirectory
            && matches!(category, Category::Digit | Category::Symbol);
        match &self.allowed {
            _ if ascii_only => false,
            None => true,
            Some(list) => list.iter().any(|&c| {
                !is_ascii_printable(c)
                    && Category::of(c, self.classes) == Some(category)
                    && self.allows_char(c)
            }),
        }
    }

    /// The rules the language has nothing for.
    fn unexpressible(&self, notes: &mut Notes) {
        let rules: [(bool, &'static str, &str); 12] = [
            (
                self.no_symbol_at_ends,
                "no_symbol_at_ends",
                "no symbol at either end",
            ),
            (
                self.sequences.is_some(),
                "sequence_length",
                "no runs of a sequence",
            ),
            (
                self.strength_check.is_some(),
                "strength_check",
                "patterns that must match",
            ),
            (
                self.forbidden_patterns.is_some(),
                "forbidden_patterns",
                "patterns that must not match",
            ),
            (
                self.forbid_username,
                "forbid_username",
                "not the account name",
            ),
            (
                self.forbid_display_name,
                "forbid_display_name",
                "no part of the display name",
            ),
            (self.forbid_email, "forbid_email", "not the e-mail address"),
            (
                !self.words.is_empty(),
                "forbidden_words",
                "none of the forbidden words",
            ),
            (self.common_blocklist, "blocklist", "not a common password"),
            (
                self.operator_blocklist.is_some(),
                "blocklist",
                "not on the operator's blocklist",
            ),
            (self.history > 0, "history", "not a recent password"),
            (
                self.min_score.is_some(),
                "min_score",
                "a minimum strength score",
            ),
        ];
        for (present, key, what) in rules {
            if present {
                notes.looser(key, format!("{what}: password rules have no such rule"));
            }
        }
    }
}

struct Notes(Vec<UnexpressedRule>);

impl Notes {
    fn stricter(&mut self, key: &'static str, message: String) {
        self.0.push(UnexpressedRule {
            key,
            effect: RuleEffect::Stricter,
            message,
        });
    }

    fn looser(&mut self, key: &'static str, message: String) {
        self.0.push(UnexpressedRule {
            key,
            effect: RuleEffect::Looser,
            message,
        });
    }
}
