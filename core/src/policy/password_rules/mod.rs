//! Apple's password-rules language, the interchange format of the `passwordrules`
//! attribute that browsers and password managers read: parsed into a [`PasswordRules`]
//! (with the reference parser's merging), turned into a [`crate::Policy`], and written
//! from one ([`crate::Policy::to_password_rules`]).

pub(crate) mod charset;
pub(crate) mod error;
pub(crate) mod parse;
pub(crate) mod policy;
pub(crate) mod write;

use std::fmt;

use crate::policy::password_rules::charset::{RuleCharacters, ASCII_PRINTABLE};
use crate::policy::password_rules::error::PasswordRulesError;
use crate::policy::password_rules::parse::{properties, ClassValue, Property};

/// A parsed password-rules string (`minlength: 20; required: lower; required: digit;
/// allowed: ascii-printable; max-consecutive: 2;`), merged as the reference parser
/// (`tools/PasswordRulesParser.js` of apple/password-manager-resources) merges it:
///
/// * several `minlength` keep the largest, several `maxlength` and `max-consecutive` the
///   smallest; a value of 0, or an empty value (`minlength: ;`), is ignored;
/// * each `required` is one group: a password needs at least one character from **each**
///   group, and `required: upper, digit` is one group (an uppercase letter *or* a digit);
///   groups are kept in order, duplicates included;
/// * `allowed` is every `allowed` value and every required group together; without
///   either, all ASCII printable characters. Where a list names `unicode` or
///   `ascii-printable` (in a required group, that group whole), the first of them in the
///   order of the text is the set.
///
/// Property names are lowercase (the reference compares them exactly); class names are
/// any case. Everything the reference parser logs as an error is an error here, with its
/// line and column ([`PasswordRulesError`]); so is a custom class left empty, which it
/// drops silently.
///
/// The text ([`fmt::Display`]) is canonical: `minlength`, `maxlength`, the required
/// groups, `allowed` (without the characters the groups already allow), `max-consecutive`;
/// parsing it gives these rules back.
///
/// ```
/// use passforge::PasswordRules;
/// let rules = PasswordRules::parse(
///     "required: upper, digit; minlength: 8; Required: lower; maxlength: 16; minlength: 12",
/// );
/// assert_eq!(rules.unwrap_err().code(), "PASSWORD_RULES_UNKNOWN_PROPERTY"); // `Required`
///
/// let rules = PasswordRules::parse(
///     "required: upper, digit; minlength: 8; required: LOWER; maxlength: 16; minlength: 12",
/// )?;
/// assert_eq!((rules.min_length(), rules.max_length()), (Some(12), Some(16)));
/// assert_eq!(rules.required().len(), 2);
/// assert_eq!(
///     rules.to_string(),
///     "minlength: 12; maxlength: 16; required: upper, digit; required: lower;"
/// );
/// # Ok::<(), passforge::PasswordRulesError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PasswordRules {
    min_length: Option<u32>,
    max_length: Option<u32>,
    max_consecutive: Option<u32>,
    required: Vec<RuleCharacters>,
    /// A superset of every required group but a `unicode` one (`allowed: ascii-printable;
    /// required: unicode` allows ASCII and requires any one character).
    allowed: RuleCharacters,
}

impl PasswordRules {
    /// Parses a password-rules string (an empty one has no rules: it allows all ASCII
    /// printable characters).
    pub fn parse(text: &str) -> Result<Self, PasswordRulesError> {
        Ok(Self::merge(properties(text)?))
    }

    /// The reference parser's `parsePasswordRules` (not minified): the merging above.
    fn merge(properties: Vec<Property>) -> Self {
        let mut rules = Self {
            min_length: None,
            max_length: None,
            max_consecutive: None,
            required: Vec::new(),
            allowed: RuleCharacters::ascii(ASCII_PRINTABLE),
        };
        let mut allowed: Vec<ClassValue> = Vec::new();
        for property in properties {
            match property {
                Property::MinLength(n) => rules.min_length = rules.min_length.max(Some(n)),
                Property::MaxLength(n) => rules.max_length = Some(smallest(rules.max_length, n)),
                Property::MaxConsecutive(n) => {
                    rules.max_consecutive = Some(smallest(rules.max_consecutive, n));
                }
                Property::Required(values) => {
                    let group = canonical(&values);
                    rules.required.push(characters(group));
                    allowed.push(group);
                }
                Property::Allowed(values) => allowed.extend(values),
            }
        }
        if !allowed.is_empty() {
            rules.allowed = characters(canonical(&allowed));
        }
        rules
    }

    /// Rules from their parts, keeping the invariant that `allowed` holds every group.
    pub(crate) fn from_parts(
        min_length: Option<u32>,
        max_length: Option<u32>,
        max_consecutive: Option<u32>,
        required: Vec<RuleCharacters>,
        allowed: RuleCharacters,
    ) -> Self {
        debug_assert!(required
            .iter()
            .all(|g| allowed.is_unicode() || (!g.is_unicode() && g.bits() & !allowed.bits() == 0)));
        Self {
            min_length: min_length.filter(|&n| n > 0),
            max_length: max_length.filter(|&n| n > 0),
            max_consecutive: max_consecutive.filter(|&n| n > 0),
            required,
            allowed,
        }
    }

    /// The minimum length, if any.
    pub fn min_length(&self) -> Option<u32> {
        self.min_length
    }

    /// The maximum length, if any.
    pub fn max_length(&self) -> Option<u32> {
        self.max_length
    }

    /// The longest run of one character allowed (`max-consecutive`), if any.
    pub fn max_consecutive(&self) -> Option<u32> {
        self.max_consecutive
    }

    /// The required groups, in order: at least one character of each.
    pub fn required(&self) -> &[RuleCharacters] {
        &self.required
    }

    /// Every character a password may hold (the required groups included).
    pub fn allowed(&self) -> RuleCharacters {
        self.allowed
    }
}

fn smallest(current: Option<u32>, n: u32) -> u32 {
    current.map_or(n, |c| c.min(n))
}

/// The reference's `_canonicalizedPropertyValues`: the first `unicode` or
/// `ascii-printable` named in the list, else every character of the list (all of ASCII
/// printable being `ascii-printable` again).
fn canonical(values: &[ClassValue]) -> ClassValue {
    if let Some(&whole) = values
        .iter()
        .find(|v| matches!(v, ClassValue::Whole { .. }))
    {
        return whole;
    }
    let bits = values.iter().fold(0, |bits, v| match v {
        ClassValue::Bits(b) => bits | b,
        ClassValue::Whole { .. } => bits,
    });
    if bits == ASCII_PRINTABLE {
        ClassValue::Whole { unicode: false }
    } else {
        ClassValue::Bits(bits)
    }
}

fn characters(value: ClassValue) -> RuleCharacters {
    match value {
        ClassValue::Whole { unicode: true } => RuleCharacters::UNICODE,
        ClassValue::Whole { unicode: false } => RuleCharacters::ascii(ASCII_PRINTABLE),
        ClassValue::Bits(bits) => RuleCharacters::ascii(bits),
    }
}

impl fmt::Display for PasswordRules {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts: Vec<String> = Vec::new();
        if let Some(n) = self.min_length {
            parts.push(format!("minlength: {n};"));
        }
        if let Some(n) = self.max_length {
            parts.push(format!("maxlength: {n};"));
        }
        // A reader takes the first `unicode` or `ascii-printable` among the groups and
        // the allowed values as the allowed set: when the first such group is not the
        // allowed set (`allowed: unicode; required: ascii-printable`), `allowed` comes
        // first.
        let whole = self.allowed.is_unicode() || self.allowed.bits() == ASCII_PRINTABLE;
        let first_whole = self
            .required
            .iter()
            .find(|g| g.is_unicode() || g.bits() == ASCII_PRINTABLE);
        let allowed_first = whole && first_whole.is_some_and(|g| *g != self.allowed);
        if allowed_first {
            parts.push(format!("allowed: {};", self.allowed));
        }
        let mut in_groups = 0u128;
        for group in &self.required {
            parts.push(format!("required: {group};"));
            in_groups |= group.bits();
        }
        // A reader adds the groups' characters to `allowed`, so only the others are
        // written, unless the set is a whole one.
        let rest = self.allowed.bits() & !in_groups;
        if whole && !allowed_first {
            parts.push(format!("allowed: {};", self.allowed));
        } else if !whole && rest != 0 {
            parts.push(format!("allowed: {};", RuleCharacters::ascii(rest)));
        }
        if let Some(n) = self.max_consecutive {
            parts.push(format!("max-consecutive: {n};"));
        }
        f.write_str(&parts.join(" "))
    }
}

impl std::str::FromStr for PasswordRules {
    type Err = PasswordRulesError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

#[cfg(test)]
mod tests;
