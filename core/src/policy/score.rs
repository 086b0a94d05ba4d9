//! The zxcvbn guessability score, behind the `zxcvbn` feature.

use crate::policy::validate::UserContext;

/// Longest prefix scored: zxcvbn's matching is super-linear, and a password this long
/// scores 4 on its prefix anyway.
pub const MAX_SCORE_INPUT: usize = 256;

/// The zxcvbn score (0-4) of `password`, with the user's names as known words.
#[cfg(feature = "zxcvbn")]
pub(crate) fn score(password: &str, context: &UserContext) -> u8 {
    let capped =
        zeroize::Zeroizing::new(password.chars().take(MAX_SCORE_INPUT).collect::<String>());
    let tokens = context
        .display_name
        .as_deref()
        .map(crate::policy::validate::display_name_tokens)
        .unwrap_or_default();
    let mut inputs: Vec<&str> = tokens.iter().map(String::as_str).collect();
    inputs.extend(context.username.as_deref());
    inputs.extend(context.email.as_deref());
    u8::from(zxcvbn::zxcvbn(&capped, &inputs).score())
}

/// Without the feature no policy has a minimum score ([`crate::Policy::new`] refuses
/// it), so this is never reached; it answers the highest score.
#[cfg(not(feature = "zxcvbn"))]
pub(crate) fn score(_password: &str, _context: &UserContext) -> u8 {
    4
}

#[cfg(all(test, feature = "zxcvbn"))]
mod tests {
    use super::*;

    #[test]
    fn common_and_personal_passwords_score_low() {
        let none = UserContext::default();
        assert!(score("password1", &none) <= 1);
        assert!(score("d8#Kq!v2Lz@9Wm$4", &none) >= 3);
        let user = UserContext::with_username("zebulon-quartz");
        assert!(score("zebulon-quartz", &user) < score("zebulon-quartz", &none));
    }

    #[test]
    fn long_input_is_capped() {
        let long = "a".repeat(100_000);
        let start = std::time::Instant::now();
        let _ = score(&long, &UserContext::default());
        assert!(start.elapsed().as_secs() < 5);
    }
}
