//! Password rules as a policy: the policy a server enforces for a page's rules.

use crate::policy::error::PolicyError;
use crate::policy::password_rules::charset::{chars_of, DIGIT, LOWER, PUNCTUATION, UPPER};
use crate::policy::password_rules::error::PasswordRulesError;
use crate::policy::password_rules::PasswordRules;
use crate::policy::rules::{Policy, PolicySpec};

impl PasswordRules {
    /// The policy spec that accepts exactly the passwords these rules accept:
    ///
    /// * `minlength`, `maxlength` and `max-consecutive` are `min_length`, `max_length` and
    ///   `max_repeat` (lengths in code points, which for ASCII are characters);
    /// * `allowed` is `allowed_characters` (none for `unicode`);
    /// * a required group that is exactly `lower`, `upper`, `digit` or the 32 ASCII
    ///   punctuation characters, with an ASCII `allowed` set, is `min_lower`, `min_upper`,
    ///   `min_digits` or `min_symbols` = 1 (a policy's classes are Unicode categories: over
    ///   ASCII they are those sets, but with `allowed: unicode` `é` would count as
    ///   lowercase, and `special` holds the space, which is no symbol); any other group is
    ///   an entry of `required_characters` (a repeated group once);
    /// * a `unicode` group (any one character) is a minimum length of 1.
    ///
    /// ```
    /// let rules = passforge::PasswordRules::parse(
    ///     "minlength: 20; required: lower; required: upper, digit; max-consecutive: 2",
    /// )?;
    /// let spec = rules.policy_spec();
    /// assert_eq!((spec.min_length, spec.min_lower, spec.max_repeat), (20, 1, Some(2)));
    /// assert_eq!(spec.required_characters, ["0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"]);
    /// assert_eq!(spec.allowed_characters.as_deref().map(str::len), Some(26 + 26 + 10));
    /// # Ok::<(), passforge::PasswordRulesError>(())
    /// ```
    pub fn policy_spec(&self) -> PolicySpec {
        let ascii = !self.allowed.is_unicode();
        let mut spec = PolicySpec {
            min_length: self.min_length.unwrap_or(0),
            max_length: self.max_length,
            max_repeat: self.max_consecutive,
            allowed_characters: ascii.then(|| chars_of(self.allowed.bits()).collect()),
            ..PolicySpec::default()
        };
        for group in &self.required {
            if group.is_unicode() {
                spec.min_length = spec.min_length.max(1);
                continue;
            }
            let bits = group.bits();
            match bits {
                LOWER if ascii => spec.min_lower = 1,
                UPPER if ascii => spec.min_upper = 1,
                DIGIT if ascii => spec.min_digits = 1,
                PUNCTUATION if ascii => spec.min_symbols = 1,
                _ => {
                    let text: String = chars_of(bits).collect();
                    if !spec.required_characters.contains(&text) {
                        spec.required_characters.push(text);
                    }
                }
            }
        }
        spec
    }

    /// The policy of [`Self::policy_spec`]: `POLICY_LENGTH_RANGE` when `minlength` is
    /// above `maxlength`, `POLICY_MINIMUMS_ABOVE_MAXIMUM` when more classes are required
    /// than `maxlength` characters hold.
    pub fn to_policy(&self) -> Result<Policy, PolicyError> {
        Policy::new(self.policy_spec())
    }
}

impl Policy {
    /// The policy a password-rules string describes ([`PasswordRules::policy_spec`]), so
    /// a server can enforce what its page publishes.
    ///
    /// ```
    /// use passforge::{Policy, UserContext};
    /// let policy = Policy::from_password_rules(
    ///     "minlength: 12; required: lower; required: digit; required: [-!#]; max-consecutive: 2",
    /// )?;
    /// let codes = |p: &str| -> Vec<&str> {
    ///     policy.validate(p, &UserContext::default()).iter().map(|v| v.code()).collect()
    /// };
    /// assert_eq!(codes("abcdefghij1!"), Vec::<&str>::new());
    /// assert_eq!(codes("abcdefghij1?"), ["MISSING_REQUIRED_CHARACTER", "FORBIDDEN_CHARACTER"]);
    /// assert_eq!(codes("aaabcdefghi1#"), ["REPEATED_CHARACTERS"]);
    /// # Ok::<(), passforge::PasswordRulesError>(())
    /// ```
    pub fn from_password_rules(text: &str) -> Result<Self, PasswordRulesError> {
        Ok(PasswordRules::parse(text)?.to_policy()?)
    }
}
