//! Checking a password against a policy: every violation, in a fixed order.

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::policy::blocklist::is_common_password;
use crate::policy::category::{category_counts, Category};
use crate::policy::rules::{Policy, MAX_DISPLAY_NAME, MAX_PASSWORD_LENGTH, MIN_CONTEXT_TOKEN};
use crate::policy::sequence::{has_sequence, longest_run};
use crate::policy::violation::Violation;

/// Who the password is for: the context rules compare the password with these.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct UserContext {
    /// The account name (`sAMAccountName`, `uid`).
    pub username: Option<String>,
    /// The display name (`displayName`, `cn`).
    pub display_name: Option<String>,
    /// The e-mail address.
    pub email: Option<String>,
}

impl UserContext {
    /// A context with only an account name.
    pub fn with_username(username: impl Into<String>) -> Self {
        Self {
            username: Some(username.into()),
            ..Self::default()
        }
    }
}

/// The user's password history, which lives in the directory or the service: reading it
/// can fail (a directory that is down, a Python callback that raises), and the failure
/// is the caller's own error type, returned unchanged by
/// [`Policy::validate_with_history`].
pub trait PasswordHistory {
    /// Why the history could not be read.
    type Error;
    /// Whether `password` equals the current password or one of the last `depth`.
    fn contains(&self, password: &str, depth: u32) -> Result<bool, Self::Error>;
}

/// The display-name tokens AD compares (rule 2b): split at `,` `.` `-` `_` space `#` and
/// tab, tokens shorter than 3 characters dropped, lowercased, in order, de-duplicated.
/// Only the first [`MAX_DISPLAY_NAME`] characters are read, in linear time.
///
/// ```
/// assert_eq!(passforge::display_name_tokens("Ann-Marie O'Neil"), ["ann", "marie", "o'neil"]);
/// ```
pub fn display_name_tokens(display_name: &str) -> Vec<String> {
    let end = display_name
        .char_indices()
        .nth(MAX_DISPLAY_NAME)
        .map_or(display_name.len(), |(i, _)| i);
    let mut seen = std::collections::HashSet::new();
    let mut tokens: Vec<String> = Vec::new();
    for token in display_name[..end].split([',', '.', '-', '_', ' ', '#', '\t']) {
        let token = token.to_lowercase();
        if token.chars().count() >= MIN_CONTEXT_TOKEN && seen.insert(token.clone()) {
            tokens.push(token);
        }
    }
    tokens
}

/// Lowercases for case-insensitive containment. Greek final sigma is folded into σ, so
/// a name's final ς still matches inside a longer password ("ΝΙΚΟΣx" holds "νικος").
fn fold(s: &str) -> String {
    // Lowercasing grows a UTF-8 string at most threefold (one byte to three), so with
    // this capacity the buffer never moves and leaves no unwiped copy of a password behind.
    let mut out = String::with_capacity(s.len() * 3);
    out.extend(
        s.chars()
            .flat_map(char::to_lowercase)
            .map(|c| if c == 'ς' { 'σ' } else { c }),
    );
    out
}

impl Policy {
    /// Every rule `password` breaks (history is not checked; see
    /// [`Policy::validate_with_history`]). An empty list means it complies.
    ///
    /// A password over the maximum length gets [`Violation::TooLong`] alone, without
    /// running the other checks.
    pub fn validate(&self, password: &str, context: &UserContext) -> Vec<Violation> {
        self.check(password, context)
    }

    /// [`Policy::validate`], and [`Violation::InHistory`] when the policy keeps a history
    /// and `history` holds the password (in the fixed order: before `TOO_WEAK`). The
    /// history is not asked when the password is over the maximum length.
    pub fn validate_with_history<H: PasswordHistory + ?Sized>(
        &self,
        password: &str,
        context: &UserContext,
        history: &H,
    ) -> Result<Vec<Violation>, H::Error> {
        let mut out = self.check(password, context);
        let too_long = matches!(out.first(), Some(Violation::TooLong { .. }));
        if !too_long && self.history > 0 && history.contains(password, self.history)? {
            let at = out
                .iter()
                .position(|v| matches!(v, Violation::TooWeak { .. }))
                .unwrap_or(out.len());
            out.insert(
                at,
                Violation::InHistory {
                    depth: self.history,
                },
            );
        }
        Ok(out)
    }

    /// Whether `password` breaks no rule (history not checked).
    pub fn is_compliant(&self, password: &str, context: &UserContext) -> bool {
        self.validate(password, context).is_empty()
    }

    fn check(&self, password: &str, context: &UserContext) -> Vec<Violation> {
        let mut out = Vec::new();
        let length = self.unit.count(password) as u64;
        let maximum = self
            .max_length
            .map_or(MAX_PASSWORD_LENGTH, |m| m.min(MAX_PASSWORD_LENGTH));
        if length > u64::from(maximum) {
            out.push(Violation::TooLong {
                maximum,
                actual: length,
                unit: self.unit,
            });
            return out;
        }
        self.check_structure(password, length, &mut out);
        self.check_patterns(password, &mut out);
        self.check_context(password, context, &mut out);
        // Both lists are asked, so a page can tell the operator's list was hit too.
        if self.common_blocklist && is_common_password(password) {
            out.push(Violation::InBlocklist { source: "common" });
        }
        if self
            .operator_blocklist
            .as_ref()
            .is_some_and(|list| list.contains(password))
        {
            out.push(Violation::InBlocklist { source: "operator" });
        }
        if let Some(required) = self.min_score {
            let actual = crate::policy::score::score(password, context);
            if actual < required {
                out.push(Violation::TooWeak { required, actual });
            }
        }
        out
    }

    /// Length, classes, characters, runs and sequences: the rules the generator's
    /// structure can guarantee, or that depend on characters alone.
    fn check_structure(&self, password: &str, length: u64, out: &mut Vec<Violation>) {
        if length < u64::from(self.min_length) {
            out.push(Violation::TooShort {
                required: self.min_length,
                actual: length,
                unit: self.unit,
            });
        }
        let counts = category_counts(password, self.classes);
        let [lower, upper, digits, symbols] = self.class_minimums;
        let class_checks = [
            (lower, counts[0]),
            (upper, counts[1]),
            (digits, counts[2]),
            (symbols, counts[3]),
        ];
        for (i, (required, actual)) in class_checks.into_iter().enumerate() {
            if actual < required {
                out.push(match i {
                    0 => Violation::InsufficientLowercase { required, actual },
                    1 => Violation::InsufficientUppercase { required, actual },
                    2 => Violation::InsufficientDigits { required, actual },
                    _ => Violation::InsufficientSymbols { required, actual },
                });
            }
        }
        for group in &self.required {
            if !password.chars().any(|c| group.binary_search(&c).is_ok()) {
                out.push(Violation::MissingRequiredCharacter {
                    characters: group.iter().collect(),
                });
            }
        }
        if self.min_categories > 0 {
            let present = counts.iter().filter(|&&n| n > 0).count() as u32;
            if present < self.min_categories {
                out.push(Violation::InsufficientCategories {
                    required: self.min_categories,
                    actual: present,
                });
            }
        }
        let bad = password.chars().filter(|&c| !self.allows_char(c)).count();
        if bad > 0 {
            out.push(Violation::ForbiddenCharacter {
                count: u32::try_from(bad).unwrap_or(u32::MAX),
            });
        }
        if self.no_symbol_at_ends {
            let is_symbol = |c: Option<char>| {
                c.and_then(|c| Category::of(c, self.classes)) == Some(Category::Symbol)
            };
            if is_symbol(password.chars().next()) || is_symbol(password.chars().next_back()) {
                out.push(Violation::SymbolAtEnd);
            }
        }
        if let Some(maximum) = self.max_repeat {
            let actual = longest_run(password);
            if actual > maximum {
                out.push(Violation::RepeatedCharacters { maximum, actual });
            }
        }
        if let Some((length, kinds)) = &self.sequences {
            for &kind in kinds {
                if has_sequence(password, kind, *length) {
                    out.push(Violation::IllegalSequence {
                        kind,
                        length: *length,
                    });
                }
            }
        }
    }

    fn check_patterns(&self, password: &str, out: &mut Vec<Violation>) {
        if let Some(check) = &self.strength_check {
            for i in check.failures(password) {
                out.push(Violation::StrengthCheckFailed {
                    pattern: check.patterns()[i].clone(),
                });
            }
        }
        if let Some(forbidden) = &self.forbidden_patterns {
            let unmatched = forbidden.failures(password);
            for (i, pattern) in forbidden.patterns().iter().enumerate() {
                if !unmatched.contains(&i) {
                    out.push(Violation::ForbiddenPattern {
                        pattern: pattern.clone(),
                    });
                }
            }
        }
    }

    fn check_context(&self, password: &str, context: &UserContext, out: &mut Vec<Violation>) {
        // A copy of the password: wiped when dropped.
        let lower = Zeroizing::new(fold(password));
        if self.forbid_username {
            if let Some(name) = context.username.as_deref().map(str::trim) {
                // AD rule 2a: only account names longer than 2 characters.
                if name.chars().count() >= MIN_CONTEXT_TOKEN && lower.contains(&fold(name)) {
                    out.push(Violation::ContainsAccountName {
                        token: name.to_owned(),
                    });
                }
            }
        }
        if self.forbid_display_name {
            if let Some(display) = &context.display_name {
                for token in display_name_tokens(display) {
                    if lower.contains(&fold(&token)) {
                        out.push(Violation::ContainsDisplayName { token });
                    }
                }
            }
        }
        if self.forbid_email {
            if let Some(email) = &context.email {
                let local = email.rsplit_once('@').map_or(email.as_str(), |(l, _)| l);
                let local = local.trim().to_lowercase();
                if local.chars().count() >= MIN_CONTEXT_TOKEN && lower.contains(&fold(&local)) {
                    out.push(Violation::ContainsEmail { token: local });
                }
            }
        }
        for word in &self.words {
            if lower.contains(&fold(word)) {
                out.push(Violation::ContainsWord { word: word.clone() });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::rules::PolicySpec;
    use crate::AdPolicy;

    fn codes(policy: &Policy, password: &str, ctx: &UserContext) -> Vec<&'static str> {
        policy
            .validate(password, ctx)
            .iter()
            .map(Violation::code)
            .collect()
    }

    fn ad(min: u32) -> Policy {
        Policy::new(PolicySpec {
            ad: Some(AdPolicy {
                min_pwd_length: min,
                pwd_properties: 1,
                ..AdPolicy::default()
            }),
            ..PolicySpec::default()
        })
        .unwrap()
    }

    fn ctx(user: &str, display: &str) -> UserContext {
        UserContext {
            username: Some(user.into()),
            display_name: Some(display.into()),
            email: None,
        }
    }

    #[test]
    fn ad_rule_2c_three_of_five_categories_any_script() {
        let p = ad(0);
        let none = UserContext::default();
        // Each line: password, number of categories present.
        for (pw, n) in [
            ("abcdef", 1),
            ("abcDEF", 2),
            ("abcDEF1", 3),
            ("ΣίσυφοςΑ", 2),   // Greek upper + lower
            ("Σίσυφος1", 3),   // + digit
            ("жукЖУК", 2),     // Cyrillic
            ("жукЖУК!", 3),    // + symbol
            ("straße", 1),     // ß is lowercase
            ("STRASSEß", 2),   // ß lowercase, rest uppercase
            ("中文中文ab", 2), // CJK is category 5
            ("中文ab1", 3),
            ("abc€€€£", 1), // currency symbols count for nothing
            ("ABC€1", 2),
            ("abc٣٣٣", 1), // Arabic-Indic digits are not 0-9
            ("abcABC123!中", 5),
        ] {
            let v = p.validate(pw, &none);
            let got = v.iter().find_map(|v| match v {
                Violation::InsufficientCategories { actual, .. } => Some(*actual),
                _ => None,
            });
            if n >= 3 {
                assert_eq!(got, None, "{pw}");
            } else {
                assert_eq!(got, Some(n), "{pw}");
            }
        }
    }

    #[test]
    fn ad_rule_2a_account_name_longer_than_two() {
        let p = ad(0);
        let v = codes(&p, "xxJSmith!9", &ctx("jsmith", ""));
        assert_eq!(v, ["CONTAINS_ACCOUNT_NAME"]);
        // A 2-character account name is not checked.
        assert!(codes(&p, "xxJO!9a", &ctx("jo", "")).is_empty());
        // Case-insensitive, any script.
        let v = codes(&p, "1ΑΛΈΞΗx", &ctx("αλέξη", ""));
        assert_eq!(v, ["CONTAINS_ACCOUNT_NAME"]);
        // Final sigma: "νίκος" ends in ς, inside the password it lowercases to σ.
        let v = codes(&p, "1ΝΊΚΟΣx", &ctx("Νίκος", ""));
        assert_eq!(v, ["CONTAINS_ACCOUNT_NAME"]);
    }

    #[test]
    fn ad_rule_2b_display_name_tokens() {
        assert_eq!(
            display_name_tokens("Ann-Marie O'Neil"),
            ["ann", "marie", "o'neil"]
        );
        assert_eq!(display_name_tokens("Li,Wu.Jo_Al#Bo\tKim Ng"), ["kim"]);
        let p = ad(0);
        let c = ctx("amoneil", "Ann-Marie O'Neil");
        let v = p.validate("Marie#2024", &c);
        assert_eq!(v.len(), 1);
        assert_eq!(
            v[0],
            Violation::ContainsDisplayName {
                token: "marie".into()
            }
        );
        let v = codes(&p, "x!O'NEILann9", &c);
        assert_eq!(v, ["CONTAINS_DISPLAY_NAME", "CONTAINS_DISPLAY_NAME"]);
        // "Al" and "Ng" are too short to count.
        assert!(codes(&p, "Al!Ng9xy", &ctx("xyz123", "Al Ng")).is_empty());
        assert_eq!(
            codes(&p, "Ωμέγα!9x", &ctx("qqq", "Αλέξης Ωμέγα")),
            ["CONTAINS_DISPLAY_NAME"]
        );
    }

    #[test]
    fn ad_length_is_utf16_and_capped_at_256() {
        let p = ad(8);
        // 4 emoji = 8 UTF-16 code units: long enough for AD though only 4 characters.
        let emoji = "😀😀😀😀";
        assert!(!codes(&p, emoji, &UserContext::default()).contains(&"TOO_SHORT"));
        let v = p.validate("a😀", &UserContext::default());
        assert_eq!(
            v[0],
            Violation::TooShort {
                required: 8,
                actual: 3,
                unit: crate::LengthUnit::Utf16
            }
        );
        let ok = format!("Aa1{}", "x".repeat(253));
        assert!(codes(&p, &ok, &UserContext::default()).is_empty());
        let long = format!("Aa1{}", "x".repeat(254));
        assert_eq!(codes(&p, &long, &UserContext::default()), ["TOO_LONG"]);
        let long_bmp = format!("Aa1{}😀", "x".repeat(252));
        assert_eq!(codes(&p, &long_bmp, &UserContext::default()), ["TOO_LONG"]);
    }

    #[test]
    fn every_violation_in_order_and_never_the_password() {
        let p = Policy::new(PolicySpec {
            min_length: 20,
            min_lower: 1,
            min_upper: 1,
            min_digits: 3,
            min_symbols: 1,
            min_categories: 4,
            forbidden_characters: "x".into(),
            no_symbol_at_ends: true,
            max_repeat: Some(2),
            sequence_length: Some(4),
            strength_check: Some("'[A-Z]'".into()),
            forbidden_patterns: vec!["^[a-z]+".into()],
            forbid_username: true,
            forbid_display_name: true,
            forbid_email: true,
            forbidden_words: vec!["Acme".into()],
            blocklist: false,
            ..PolicySpec::default()
        })
        .unwrap();
        let c = UserContext {
            username: Some("bob".into()),
            display_name: Some("Alice Cooper".into()),
            email: Some("coop@example.org".into()),
        };
        let password = "bobaliceacmecoopabcdxxx1!";
        let v = p.validate(password, &c);
        let got: Vec<&str> = v.iter().map(Violation::code).collect();
        assert_eq!(
            got,
            [
                "INSUFFICIENT_UPPERCASE",
                "INSUFFICIENT_DIGITS",
                "INSUFFICIENT_CATEGORIES",
                "FORBIDDEN_CHARACTER",
                "SYMBOL_AT_END",
                "REPEATED_CHARACTERS",
                "ILLEGAL_SEQUENCE",
                "STRENGTH_CHECK_FAILED",
                "FORBIDDEN_PATTERN",
                "CONTAINS_ACCOUNT_NAME",
                "CONTAINS_DISPLAY_NAME",
                "CONTAINS_EMAIL",
                "CONTAINS_WORD",
            ]
        );
        let json = serde_json::to_string(&v).unwrap();
        assert!(!json.contains("abcd") && !json.contains("xxx"), "{json}");
        assert!(!json.contains(password));
    }

    #[test]
    fn history_and_blocklists() {
        struct Last(Vec<&'static str>);
        impl PasswordHistory for Last {
            type Error = &'static str;
            fn contains(&self, password: &str, depth: u32) -> Result<bool, &'static str> {
                if password == "unreadable" {
                    return Err("history down");
                }
                Ok(self
                    .0
                    .iter()
                    .take(depth as usize + 1)
                    .any(|p| *p == password))
            }
        }
        let p = Policy::new(PolicySpec {
            history: 2,
            blocklist: true,
            ..PolicySpec::default()
        })
        .unwrap()
        .with_blocklist(crate::Blocklist::from_text("Acme-Winter\n"));
        let h = Last(vec!["cur", "old1", "old2", "old3"]);
        let none = UserContext::default();
        let got = |pw| -> Vec<&str> {
            p.validate_with_history(pw, &none, &h)
                .unwrap()
                .iter()
                .map(Violation::code)
                .collect()
        };
        assert_eq!(got("old2"), ["IN_HISTORY"]);
        assert_eq!(
            p.validate_with_history("unreadable", &none, &h),
            Err("history down")
        );
        assert!(got("old3").is_empty());
        assert_eq!(got("Dragon"), ["IN_BLOCKLIST"]);
        assert_eq!(got("ACME-winter"), ["IN_BLOCKLIST"]);
        assert_eq!(
            p.validate("acme-winter", &none)[0].params(),
            [("source", crate::ParamValue::Text("operator".into()))]
        );
    }
}
